/* input-file.c: reading an input file whole (see input-file.h). */
#include "input-file.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

char *mm_i_input_file_read(const char *path, gsize *length,
                         MmDiagnostics *diags, GError **error) {
  GStatBuf st;
  if (g_stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
      st.st_size > MM_INPUT_MAX_BYTES) {
    if (diags != NULL)
      mm_diagnostics_add(diags, MM_SEVERITY_ERROR, path, 0, NULL,
                         "file is larger than %d bytes", MM_INPUT_MAX_BYTES);
    g_set_error(error, MM_ERROR, MM_ERROR_LIMIT,
                "%s: file is larger than %d bytes", path, MM_INPUT_MAX_BYTES);
    return NULL;
  }
  char *contents = NULL;
  GError *io_error = NULL;
  if (!g_file_get_contents(path, &contents, length, &io_error)) {
    if (diags != NULL)
      mm_diagnostics_add(diags, MM_SEVERITY_ERROR, path, 0, NULL,
                         "cannot read: %s", io_error->message);
    g_set_error(error, MM_ERROR, MM_ERROR_IO, "%s: cannot read: %s", path,
                io_error->message);
    g_error_free(io_error);
    return NULL;
  }
  return contents;
}
