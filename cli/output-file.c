/* output-file.c: writing an output file, all at once or in pieces, readable
 * by its owner only: temporary file, fsync, rename (output-file.h says why
 * not g_file_set_contents_full()). */
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

struct CliOutputFile {
  char *path;
  char *temp;
  int fd;
};

static void output_file_free(CliOutputFile *file) {
  g_free(file->path);
  g_free(file->temp);
  g_free(file);
}

/* Closes and removes the temporary file, leaving @file->path untouched. */
static void remove_temp(CliOutputFile *file) {
  (void)close(file->fd);
  (void)unlink(file->temp);
}

CliOutputFile *cli_output_file_open(const char *path, GError **error) {
  g_return_val_if_fail(path != NULL && *path != '\0', NULL);
  g_return_val_if_fail(strcmp(path, "-") != 0, NULL);
  g_return_val_if_fail(error == NULL || *error == NULL, NULL);

  /* Checked first so that nothing is created; rename() would refuse too. */
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    fail(error, path, "cannot write", EISDIR);
    return NULL;
  }
  CliOutputFile *file = g_new0(CliOutputFile, 1);
  file->path = g_strdup(path);
  file->temp = temp_template(path);
  file->fd = g_mkstemp_full(file->temp, O_WRONLY | O_CLOEXEC, OUTPUT_FILE_MODE);
  if (file->fd < 0) {
    fail(error, path, "cannot create", errno);
    output_file_free(file);
    return NULL;
  }
  /* fchmod because open() only narrows its mode by the umask: a umask such
   * as 0277 would leave the file unwritable yet still ours, and the
   * contract is exactly 0600. */
  if (fchmod(file->fd, OUTPUT_FILE_MODE) != 0) {
    int saved_errno = errno;
    remove_temp(file);
    fail(error, path, "cannot set permissions", saved_errno);
    output_file_free(file);
    return NULL;
  }
  return file;
}

gboolean cli_output_file_append(CliOutputFile *file, const char *data,
                                 gsize length, GError **error) {
  g_return_val_if_fail(file != NULL, FALSE);
  g_return_val_if_fail(data != NULL || length == 0, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
  if (write_all(file->fd, data, length))
    return TRUE;
  return fail(error, file->path, "cannot write", errno);
}

gboolean cli_output_file_commit(CliOutputFile *file, GError **error) {
  g_return_val_if_fail(file != NULL, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
  const char *what = "cannot flush to disk";
  gboolean ok = fsync(file->fd) == 0;
  int saved_errno = errno;
  if (close(file->fd) != 0 && ok) {
    ok = FALSE;
    what = "cannot write";
    saved_errno = errno;
  }
  if (ok && rename(file->temp, file->path) != 0) {
    ok = FALSE;
    what = "cannot replace";
    saved_errno = errno;
  }
  if (!ok) {
    (void)unlink(file->temp);
    fail(error, file->path, what, saved_errno);
  }
  output_file_free(file);
  return ok;
}

void cli_output_file_abandon(CliOutputFile *file) {
  if (file == NULL)
    return;
  remove_temp(file);
  output_file_free(file);
}

gboolean cli_output_file_write(const char *path, const char *data, gsize length,
                              GError **error) {
  g_return_val_if_fail(data != NULL || length == 0, FALSE);
  CliOutputFile *file = cli_output_file_open(path, error);
  if (file == NULL)
    return FALSE;
  if (!cli_output_file_append(file, data, length, error)) {
    cli_output_file_abandon(file);
    return FALSE;
  }
  return cli_output_file_commit(file, error);
}
