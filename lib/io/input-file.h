/* input-file.h: reading an input file whole (internal).
 *
 * Pools, pins and configs are small enough to read at once; one place
 * reports a file that cannot be read, the same way for all of them. */
#pragma once

#include "pool-private.h"

/* Reads the file at @path. On failure reports "cannot read: REASON" to
 * @diags (nullable) at @path and sets MM_ERROR_IO. Returns: (transfer full)
 * the bytes (NUL-terminated, @length without it), or NULL. */
char *mm_i_input_file_read(const char *path, gsize *length, MmDiagnostics *diags,
                         GError **error);
