/* output-file.h: writing an output file all at once or in pieces, readable
 * by its owner only.
 *
 * The contract (docs/personal-data.md): a failed run never leaves a
 * half-written output file, and output files (which hold special-category
 * personal data) are created readable by the owner only.
 *
 * Why not g_file_set_contents_full(): it writes a whole text at once, and
 * --dump-scores streams a file too large to hold in memory (issue 18).
 * One writer serves both, so the guarantees live in one place: temporary
 * file, fsync, rename, as g_file_set_contents_full(CONSISTENT | DURABLE)
 * does, with the mode set by fchmod() rather than through the
 * process-wide umask. */
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
 * Writes @data to a new hidden temporary file beside @path
 * (".NAME.XXXXXX"), flushed to disk and renamed over @path. A reader
 * therefore sees either the old file or the complete new one. The new file
 * has mode 0600 whatever the umask; a file it replaces loses its old
 * permissions (a symlink at @path is replaced, not followed). On failure
 * the temporary file is removed and whatever was at @path is left
 * untouched. A @path that is a directory is an error, found before
 * anything is created.
 *
 * Returns: TRUE on success.
 */
gboolean cli_output_file_write(const char *path, const char *data,
                               gsize length, GError **error);

/* The same, for an output written in pieces: cli_output_file_open()
 * creates the temporary file (0600), cli_output_file_append() adds a piece,
 * and cli_output_file_commit() flushes it to disk and renames it over the
 * path; a file given up with cli_output_file_abandon() (after a failed
 * append, or any other failure of the caller's) is removed and leaves the
 * path untouched. Errors as cli_output_file_write()'s. Commit and abandon
 * free the file. */
typedef struct CliOutputFile CliOutputFile;

CliOutputFile *cli_output_file_open(const char *path, GError **error);
gboolean cli_output_file_append(CliOutputFile *file, const char *data,
                                gsize length, GError **error);
gboolean cli_output_file_commit(CliOutputFile *file, GError **error);
/* @file: (nullable). */
void cli_output_file_abandon(CliOutputFile *file);
