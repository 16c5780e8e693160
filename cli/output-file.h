/* output-file.h: writing an output file all at once, readable by its owner
 * only.
 *
 * The contract (docs/personal-data.md): a failed run never leaves a
 * half-written output file, and output files (which hold special-category
 * personal data) are created readable by the owner only. */
#pragma once

#include "mentormatch.h"

/**
 * cli_output_file_write:
 * @path: the file to create or replace; not "-" (the caller writes standard
 *   output itself).
 * @data: (array length=length): the whole content.
 * @error: MM_ERROR_IO, the message starting with @path and holding the
 *   system's reason, on any failure.
 *
 * Writes @data with g_file_set_contents_full(): to a new temporary file
 * beside @path (@path followed by six random characters), flushed to disk
 * and renamed over @path, the folder flushed too. A reader therefore sees
 * either the old file or the complete new one. The new file has mode 0600
 * whatever the umask; a file it replaces loses its old permissions (a
 * symlink at @path is replaced, not followed). On failure the temporary
 * file is removed and whatever was at @path is left untouched. A @path
 * that is a directory is an error, found before anything is created.
 * Sets the process's umask for the duration of the call: call it while no
 * other thread creates files.
 *
 * Returns: TRUE on success.
 */
gboolean cli_output_file_write(const char *path, const char *data,
                               gsize length, GError **error);
