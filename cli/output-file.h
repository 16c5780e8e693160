/* output-file.h: writing an output file all at once, readable by its owner
 * only (internal).
 *
 * the contract (docs/): a failed run never leaves a half-written output file, and output
 * files (which hold special-category personal data) are created readable by
 * the owner only. */
#pragma once

#include "mentormatch.h"

/**
 * cli_output_file_write:
 * @path: the file to create or replace; not "-" (the caller writes standard
 *   output itself).
 * @data: (array length=length): the whole content.
 * @error: MM_ERROR_IO, with @path and the system's reason, on any failure.
 *
 * Writes @data to a new temporary file beside @path (same directory, so the
 * rename below cannot cross file systems), created with mode 0600, flushes
 * it to disk with fsync() and renames it over @path. A reader therefore sees
 * either the old file or the complete new one. The new file has mode 0600
 * whatever the umask; a file it replaces loses its old permissions (a symlink
 * at @path is replaced, not followed). On failure the temporary file is
 * removed and whatever was at @path is left untouched. A @path that is a
 * directory is an error.
 *
 * Returns: TRUE on success.
 */
gboolean cli_output_file_write(const char *path, const char *data, gsize length,
                              GError **error);
