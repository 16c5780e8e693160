/* test-cli-paths.c: output paths refused before any work (cli/cli-paths.c):
 * nothing is lost or replaced by a run that could not finish. */
#include "test-common.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *dir, *mentees, *mentors;
} Inputs;

/* Copies of the example pools in a fresh folder, so a faulty check could
 * only ever harm the copies. */
static Inputs inputs_new(void) {
  Inputs in = {g_dir_make_tmp("mm-paths-XXXXXX", NULL)};
  const char *names[] = {"mentees.csv", "mentors.csv"};
  char **paths[] = {&in.mentees, &in.mentors};
  for (guint k = 0; k < 2; k++) {
    char *from = g_build_filename(MM_EXAMPLES_DIR, "data", names[k], NULL);
    char *text = NULL;
    gsize length = 0;
    CU_ASSERT_TRUE_FATAL(g_file_get_contents(from, &text, &length, NULL));
    *paths[k] = g_build_filename(in.dir, names[k], NULL);
    CU_ASSERT_TRUE_FATAL(g_file_set_contents(*paths[k], text, (gssize)length, NULL));
    g_free(text);
    g_free(from);
  }
  return in;
}

static void inputs_clear(Inputs *in) {
  g_unlink(in->mentees);
  g_unlink(in->mentors);
  g_rmdir(in->dir);
  g_free(in->mentees);
  g_free(in->mentors);
  g_free(in->dir);
}

static char *contents(const char *path) {
  char *text = NULL;
  g_file_get_contents(path, &text, NULL, NULL);
  return text;
}

static void assert_usage_error(MmTestRun *run, const char *fragment) {
  CU_ASSERT_EQUAL(run->status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(run->err, fragment));
  CU_ASSERT_STRING_EQUAL(run->out, "");
  mm_test_run_clear(run);
}

static void test_output_same_as_an_input(void) {
  Inputs in = inputs_new();
  char *before = contents(in.mentors);
  MmTestRun run = MM_TEST_CLI("match", "--mentees", in.mentees, "--mentors",
                              in.mentors, "--output", in.mentors);
  assert_usage_error(&run, "is one of the input files");
  run = MM_TEST_CLI("recommend", "--mentees", in.mentees, "--mentors",
                    in.mentors, "--output", in.mentees);
  assert_usage_error(&run, "is one of the input files");
  /* the same file under another name */
  char *alias = g_strconcat(in.dir, "/./mentors.csv", NULL);
  run = MM_TEST_CLI("match", "--mentees", in.mentees, "--mentors", in.mentors,
                    "--dump-scores", alias);
  assert_usage_error(&run, "is one of the input files");
  char *after = contents(in.mentors);
  CU_ASSERT_STRING_EQUAL(before, after);
  g_free(alias);
  g_free(before);
  g_free(after);
  inputs_clear(&in);
}

static void test_output_directory_missing_folder_or_twice(void) {
  Inputs in = inputs_new();
  MmTestRun run = MM_TEST_CLI("match", "--mentees", in.mentees, "--mentors",
                              in.mentors, "--output", in.dir);
  assert_usage_error(&run, "is a directory");
  char *missing = g_build_filename(in.dir, "no-such-folder", "out.csv", NULL);
  run = MM_TEST_CLI("match", "--mentees", in.mentees, "--mentors", in.mentors,
                    "--output", missing);
  assert_usage_error(&run, "its folder does not exist");
  char *out = g_build_filename(in.dir, "out.csv", NULL);
  run = MM_TEST_CLI("match", "--mentees", in.mentees, "--mentors", in.mentors,
                    "--output", out, "--dump-scores", out);
  assert_usage_error(&run, "name the same file");
  CU_ASSERT_FALSE(g_file_test(out, G_FILE_TEST_EXISTS));
  /* and a good path still works */
  run = MM_TEST_CLI("match", "--mentees", in.mentees, "--mentors", in.mentors,
                    "--output", out, "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_TRUE(g_file_test(out, G_FILE_TEST_IS_REGULAR));
  mm_test_run_clear(&run);
  g_unlink(out);
  g_free(out);
  g_free(missing);
  inputs_clear(&in);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_output_same_as_an_input),
      MM_TEST(test_output_directory_missing_folder_or_twice),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("cli-paths", tests);
}
