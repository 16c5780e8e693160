/* output-file.c: writing an output file all at once, readable by its owner
 * only, through GLib's atomic g_file_set_contents_full(). */
#include "output-file.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* Owner read and write only: outputs hold special-category personal data. */
#define OUTPUT_FILE_MODE 0600

/* The umask while writing: clears nothing of OUTPUT_FILE_MODE, so the file
 * is exactly 0600. g_file_set_contents_full() passes its mode to open(),
 * which narrows it by the caller's umask: one such as 0277 would leave the
 * file 0400 (still private, but not the contract's mode). */
#define OUTPUT_FILE_UMASK 077

gboolean cli_output_file_write(const char *path, const char *data,
                               gsize length, GError **error) {
  g_return_val_if_fail(path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail(strcmp(path, "-") != 0, FALSE);
  g_return_val_if_fail(data != NULL || length == 0, FALSE);
  g_return_val_if_fail(length <= G_MAXSSIZE, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

  /* Checked first so that nothing is created; the rename would refuse too,
   * after writing the whole temporary file. */
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    g_set_error(error, MM_ERROR, MM_ERROR_IO, "%s: cannot write: %s", path,
                g_strerror(EISDIR));
    return FALSE;
  }
  /* CONSISTENT: temporary file and rename. DURABLE: the file is flushed to
   * disk even when it is new (CONSISTENT alone only flushes a replacement)
   * and so is the folder, so a crash never leaves an empty output. */
  GError *failure = NULL;
  mode_t saved_umask = umask(OUTPUT_FILE_UMASK);
  gboolean ok = g_file_set_contents_full(
      path, data != NULL ? data : "", (gssize)length,
      G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
      OUTPUT_FILE_MODE, &failure);
  umask(saved_umask);
  if (!ok) {
    /* GLib's message names the temporary file and the system's reason */
    g_set_error(error, MM_ERROR, MM_ERROR_IO, "%s: %s", path,
                failure->message);
    g_error_free(failure);
  }
  return ok;
}
