/* output-file.c: writing an output file all at once, readable by its owner
 * only: temporary file, fsync, rename. */
#include "output-file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h> /* rename */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Owner read and write only: outputs hold special-category personal data. */
#define OUTPUT_FILE_MODE 0600

/* The temporary name repeats this much of the output's name (so a leftover
 * after a crash says what it was), short enough to stay within NAME_MAX. */
#define TEMP_NAME_BASE_MAX_BYTES 64

static gboolean fail(GError **error, const char *path, const char *what,
                     int saved_errno) {
  g_set_error(error, MM_ERROR, MM_ERROR_IO, "%s: %s: %s", path, what,
              g_strerror(saved_errno));
  return FALSE;
}

/* "DIR/.NAME.XXXXXX" for mkstemp: hidden, in the same directory as @path. */
static char *temp_template(const char *path) {
  char *dir = g_path_get_dirname(path);
  char *base = g_path_get_basename(path);
  if (strlen(base) > TEMP_NAME_BASE_MAX_BYTES)
    base[TEMP_NAME_BASE_MAX_BYTES] = '\0';
  char *name = g_strdup_printf(".%s.XXXXXX", base);
  char *pattern = g_build_filename(dir, name, NULL);
  g_free(name);
  g_free(base);
  g_free(dir);
  return pattern;
}

static gboolean write_all(int fd, const char *data, gsize length) {
  while (length > 0) {
    ssize_t n = write(fd, data, length);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n == 0)
        errno = EIO; /* no progress and no reason: do not loop forever */
      return FALSE;
    }
    data += n;
    length -= (gsize)n;
  }
  return TRUE;
}

/* Fills the open temporary file; on failure sets errno and says which step
 * failed. fchmod because open() only narrows its mode by the umask: a
 * umask such as 0277 would leave the file unwritable yet still ours, and
 * the contract is exactly 0600. */
static gboolean fill_temp(int fd, const char *data, gsize length,
                          const char **what) {
  *what = "cannot set permissions";
  if (fchmod(fd, OUTPUT_FILE_MODE) != 0)
    return FALSE;
  *what = "cannot write";
  if (!write_all(fd, data, length))
    return FALSE;
  *what = "cannot flush to disk";
  return fsync(fd) == 0;
}

gboolean cli_output_file_write(const char *path, const char *data, gsize length,
                              GError **error) {
  g_return_val_if_fail(path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail(strcmp(path, "-") != 0, FALSE);
  g_return_val_if_fail(data != NULL || length == 0, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

  /* Checked first so that nothing is created; rename() would refuse too. */
  if (g_file_test(path, G_FILE_TEST_IS_DIR))
    return fail(error, path, "cannot write", EISDIR);

  char *temp = temp_template(path);
  int fd = g_mkstemp_full(temp, O_WRONLY | O_CLOEXEC, OUTPUT_FILE_MODE);
  if (fd < 0) {
    int saved_errno = errno;
    g_free(temp);
    return fail(error, path, "cannot create", saved_errno);
  }
  const char *what = NULL;
  gboolean ok = fill_temp(fd, data, length, &what);
  int saved_errno = errno;
  if (close(fd) != 0 && ok) {
    ok = FALSE;
    what = "cannot write";
    saved_errno = errno;
  }
  if (ok && rename(temp, path) != 0) {
    ok = FALSE;
    what = "cannot replace";
    saved_errno = errno;
  }
  if (!ok)
    (void)unlink(temp);
  g_free(temp);
  if (!ok)
    return fail(error, path, what, saved_errno);
  return TRUE;
}
