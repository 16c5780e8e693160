/* test-output-file.c: output files written all at once or in pieces,
 * owner-only (cli/output-file.c). */
#include "output-file.h"
#include "test-common.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

/* A fresh empty directory (transfer full); remove_dir() removes it. */
static char *make_dir(void) {
  char *dir = g_dir_make_tmp("mm-output-XXXXXX", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
  return dir;
}

static gint compare_names(gconstpointer a, gconstpointer b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in @dir, sorted and joined by spaces: shows any leftover
 * temporary file. */
static char *list_dir(const char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while (d != NULL && (name = g_dir_read_name(d)) != NULL)
    g_ptr_array_add(names, g_strdup(name));
  if (d != NULL)
    g_dir_close(d);
  g_ptr_array_sort(names, compare_names);
  g_ptr_array_add(names, NULL);
  char *joined = g_strjoinv(" ", (char **)names->pdata);
  g_ptr_array_free(names, TRUE);
  return joined;
}

static void check_listing(const char *dir, const char *expected) {
  char *got = list_dir(dir);
  CU_ASSERT_STRING_EQUAL(got, expected);
  if (strcmp(got, expected) != 0)
    fprintf(stderr, "\n got: [%s]\nwant: [%s]\n", got, expected);
  g_free(got);
}

static void check_content(const char *path, const char *expected,
                          gsize expected_length) {
  char *data = NULL;
  gsize length = 0;
  CU_ASSERT_TRUE_FATAL(g_file_get_contents(path, &data, &length, NULL));
  CU_ASSERT_EQUAL(length, expected_length);
  CU_ASSERT_TRUE(length == expected_length &&
                 memcmp(data, expected, length) == 0);
  g_free(data);
}

static guint file_mode(const char *path) {
  GStatBuf st;
  CU_ASSERT_EQUAL_FATAL(g_stat(path, &st), 0);
  return st.st_mode & 07777;
}

static void remove_dir(char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
    char *child = g_build_filename(dir, name, NULL);
    g_remove(child);
    g_free(child);
  }
  if (d != NULL)
    g_dir_close(d);
  g_rmdir(dir);
  g_free(dir);
}

static void test_writes_content(void) {
  char *dir = make_dir();
  char *path = g_build_filename(dir, "matches.csv", NULL);
  static const char data[] = "mentee_id,mentor_id\ny1,m1\n\0binary\xff";
  GError *error = NULL;
  CU_ASSERT_TRUE(cli_output_file_write(path, data, sizeof data - 1, &error));
  CU_ASSERT_PTR_NULL(error);
  check_content(path, data, sizeof data - 1);
  check_listing(dir, "matches.csv");

  /* Empty content makes an empty file. */
  char *empty = g_build_filename(dir, "empty.csv", NULL);
  CU_ASSERT_TRUE(cli_output_file_write(empty, NULL, 0, NULL));
  check_content(empty, "", 0);
  check_listing(dir, "empty.csv matches.csv");
  g_free(empty);
  g_free(path);
  remove_dir(dir);
}

/* Exactly 0600 whatever the umask: permissive (000), the common 022, and
 * one that would take the owner's write bit away (0277). */
static void test_mode_is_owner_only(void) {
  static const mode_t masks[] = {0, 022, 0277};
  char *dir = make_dir();
  char *path = g_build_filename(dir, "out.csv", NULL);
  for (guint i = 0; i < G_N_ELEMENTS(masks); i++) {
    mode_t old = umask(masks[i]);
    gboolean ok = cli_output_file_write(path, "x\n", 2, NULL);
    umask(old);
    CU_ASSERT_TRUE(ok);
    CU_ASSERT_EQUAL(file_mode(path), 0600);
  }
  /* A file that was world-readable is replaced by an owner-only one. */
  CU_ASSERT_EQUAL(g_chmod(path, 0644), 0);
  CU_ASSERT_TRUE(cli_output_file_write(path, "y\n", 2, NULL));
  CU_ASSERT_EQUAL(file_mode(path), 0600);
  g_free(path);
  remove_dir(dir);
}

static void test_replaces_existing_file(void) {
  char *dir = make_dir();
  char *path = g_build_filename(dir, "report.csv", NULL);
  CU_ASSERT_TRUE(
      g_file_set_contents(path, "old content that is longer\n", -1, NULL));
  CU_ASSERT_TRUE(cli_output_file_write(path, "new\n", 4, NULL));
  check_content(path, "new\n", 4);
  check_listing(dir, "report.csv");
  g_free(path);
  remove_dir(dir);
}

static void test_missing_directory(void) {
  char *dir = make_dir();
  char *path = g_build_filename(dir, "no-such-dir", "out.csv", NULL);
  GError *error = NULL;
  CU_ASSERT_FALSE(cli_output_file_write(path, "x\n", 2, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_IO));
  CU_ASSERT_TRUE(error != NULL && g_str_has_prefix(error->message, path));
  CU_ASSERT_TRUE(error != NULL &&
                 strstr(error->message, g_strerror(ENOENT)) != NULL);
  g_clear_error(&error);
  check_listing(dir, "");
  g_free(path);
  remove_dir(dir);
}

/* A directory at the path: an error, and the directory is left as it was
 * with no temporary file beside it. */
static void test_path_is_directory(void) {
  char *dir = make_dir();
  char *sub = g_build_filename(dir, "out.csv", NULL);
  CU_ASSERT_EQUAL(g_mkdir(sub, 0700), 0);
  GError *error = NULL;
  CU_ASSERT_FALSE(cli_output_file_write(sub, "x\n", 2, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_IO));
  CU_ASSERT_TRUE(error != NULL &&
                 strstr(error->message, g_strerror(EISDIR)) != NULL);
  g_clear_error(&error);
  CU_ASSERT_TRUE(g_file_test(sub, G_FILE_TEST_IS_DIR));
  check_listing(dir, "out.csv");
  check_listing(sub, "");
  g_rmdir(sub);
  g_free(sub);
  remove_dir(dir);
}

/* A failure after the temporary file exists (here the write itself: the
 * file size limit is set below the data's length) removes it and leaves the
 * old file as it was. Tests run as root too, so permissions cannot be used
 * to make writing fail. */
static void test_failed_write_keeps_old_file(void) {
  char *dir = make_dir();
  char *path = g_build_filename(dir, "matches.csv", NULL);
  CU_ASSERT_TRUE(g_file_set_contents(path, "old\n", -1, NULL));
  CU_ASSERT_EQUAL(g_chmod(path, 0640), 0);

  struct rlimit saved;
  CU_ASSERT_EQUAL_FATAL(getrlimit(RLIMIT_FSIZE, &saved), 0);
  struct rlimit small = {.rlim_cur = 8, .rlim_max = saved.rlim_max};
  void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN); /* EFBIG, not death */
  CU_ASSERT_EQUAL_FATAL(setrlimit(RLIMIT_FSIZE, &small), 0);
  GError *error = NULL;
  gboolean ok = cli_output_file_write(path, "0123456789abcdef\n", 17, &error);
  setrlimit(RLIMIT_FSIZE, &saved);
  signal(SIGXFSZ, old_handler);

  CU_ASSERT_FALSE(ok);
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_IO));
  CU_ASSERT_TRUE(error != NULL &&
                 strstr(error->message, g_strerror(EFBIG)) != NULL);
  g_clear_error(&error);
  check_content(path, "old\n", 4);
  CU_ASSERT_EQUAL(file_mode(path), 0640);
  check_listing(dir, "matches.csv");
  g_free(path);
  remove_dir(dir);
}

/* Written in pieces: nothing at the path until commit (only the hidden
 * temporary file, already owner-only), then the pieces in order; a file
 * abandoned leaves the old one as it was and nothing beside it. */
static void test_written_in_pieces(void) {
  char *dir = make_dir();
  char *path = g_build_filename(dir, "scores.csv", NULL);
  CU_ASSERT_TRUE(g_file_set_contents(path, "old\n", -1, NULL));
  GError *error = NULL;
  CliOutputFile *file = cli_output_file_open(path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL(file);
  CU_ASSERT_TRUE(cli_output_file_append(file, "a,b\n", 4, &error));
  CU_ASSERT_TRUE(cli_output_file_append(file, NULL, 0, &error));
  CU_ASSERT_TRUE(cli_output_file_append(file, "1,2\n", 4, &error));
  check_content(path, "old\n", 4);
  char *listing = list_dir(dir);
  CU_ASSERT_TRUE(g_str_has_prefix(listing, ".scores.csv."));
  CU_ASSERT_TRUE(g_str_has_suffix(listing, " scores.csv"));
  char *temp = g_build_filename(dir, strtok(listing, " "), NULL);
  CU_ASSERT_EQUAL(file_mode(temp), 0600);
  g_free(temp);
  g_free(listing);
  CU_ASSERT_TRUE(cli_output_file_commit(file, &error));
  CU_ASSERT_PTR_NULL(error);
  check_content(path, "a,b\n1,2\n", 8);
  CU_ASSERT_EQUAL(file_mode(path), 0600);
  check_listing(dir, "scores.csv");

  file = cli_output_file_open(path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL(file);
  CU_ASSERT_TRUE(cli_output_file_append(file, "half", 4, &error));
  cli_output_file_abandon(file);
  cli_output_file_abandon(NULL);
  check_content(path, "a,b\n1,2\n", 8);
  check_listing(dir, "scores.csv");

  /* the errors of a whole write: here a directory at the path */
  char *sub = g_build_filename(dir, "sub", NULL);
  CU_ASSERT_EQUAL(g_mkdir(sub, 0700), 0);
  CU_ASSERT_PTR_NULL(cli_output_file_open(sub, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_IO));
  g_clear_error(&error);
  check_listing(dir, "scores.csv sub");
  g_rmdir(sub);
  g_free(sub);
  g_free(path);
  remove_dir(dir);
}

/* A very long file name still leaves room for the temporary name. */
static void test_long_name(void) {
  char *dir = make_dir();
  char name[201];
  memset(name, 'n', 200);
  name[200] = '\0';
  char *path = g_build_filename(dir, name, NULL);
  GError *error = NULL;
  CU_ASSERT_TRUE(cli_output_file_write(path, "x", 1, &error));
  CU_ASSERT_PTR_NULL(error);
  g_clear_error(&error);
  check_content(path, "x", 1);
  g_free(path);
  remove_dir(dir);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_writes_content),
      MM_TEST(test_mode_is_owner_only),
      MM_TEST(test_replaces_existing_file),
      MM_TEST(test_missing_directory),
      MM_TEST(test_path_is_directory),
      MM_TEST(test_failed_write_keeps_old_file),
      MM_TEST(test_long_name),
      MM_TEST(test_written_in_pieces),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("output-file", tests);
}
