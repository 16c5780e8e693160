/* test-golden.c: every command of the CLI on the example pools
 * (examples/data/), compared byte for byte with the reviewed outputs in
 * tests/golden/ (the generator, which reads no pool, is checked by test-cli).
 *
 * A change of behaviour shows as a diff of these files, to be reviewed like
 * code: when scoring or an output changes on purpose, run
 *   MM_GOLDEN_UPDATE=1 build/tests/test-golden
 * and read `git diff tests/golden/` before committing the new files. The
 * as-of date is fixed, so the files do not change with the calendar; paths
 * of this checkout are written as examples/data/. */
#include "test-common.h"

#include <string.h>

#define AS_OF "2026-12-01"

typedef struct {
  const char *name;       /* the golden file, under tests/golden/ */
  const char *args[16];   /* after the command's inputs, NULL-ended */
  gboolean with_stderr;   /* compare what it says on stderr too */
} Case;

/* Each command with the example pools, config and pins (where it takes
 * them); the name says what varies. */
static const Case cases[] = {
    {"match.csv", {"match", NULL}, TRUE},
    {"match-explain.csv", {"match", "--explain", NULL}, FALSE},
    {"match.json", {"match", "--format", "json", "--explain", NULL}, FALSE},
    {"match-stable.csv", {"match", "--mode", "stable", NULL}, TRUE},
    {"match-greedy.csv", {"match", "--mode", "greedy", NULL}, TRUE},
    {"match-unpinned.csv", {"match", "--no-pins", NULL}, TRUE},
    /* --dump-scores to stdout: every eligible pair, then the matches */
    {"match-dump-scores.csv", {"match", "--dump-scores", "-", NULL}, FALSE},
    {"match-dump-scores-excel.csv",
     {"match", "--dump-scores", "-", "--excel", NULL}, FALSE},
    {"recommend.csv", {"recommend", "--top", "3", NULL}, FALSE},
    {"recommend.json", {"recommend", "--top", "2", "--format", "json", NULL},
     FALSE},
    {"recommend-realistic.csv", {"recommend", "--realistic", NULL}, FALSE},
    {"validate.txt", {"validate", NULL}, TRUE},
    {"report.txt", {"report", NULL}, FALSE},
    {"report.json", {"report", "--format", "json", NULL}, FALSE},
    {"plan.csv", {"plan", "--recruit", "3", NULL}, FALSE},
    {"plan.json", {"plan", "--recruit", "2", "--format", "json", NULL}, FALSE},
};

/* @text with this checkout's path of examples/data written as
 * "examples/data", so that the files compare on any machine. */
static char *portable(const char *text) {
  g_autofree char *dir = g_build_filename(MM_EXAMPLES_DIR, "data", NULL);
  g_auto(GStrv) parts = g_strsplit(text, dir, -1);
  return g_strjoinv("examples/data", parts);
}

static char *golden_path(const char *name) {
  return g_build_filename(MM_TEST_DATA_DIR, "..", "golden", name, NULL);
}

static char *example(const char *file) {
  return g_build_filename(MM_EXAMPLES_DIR, "data", file, NULL);
}

static void run_case(const Case *c) {
  g_autofree char *mentees = example("mentees.csv");
  g_autofree char *mentors = example("mentors.csv");
  g_autofree char *config = example("config.ini");
  g_autofree char *pinned = example("pinned.csv");
  GPtrArray *argv = g_ptr_array_new();
  g_ptr_array_add(argv, (gpointer)c->args[0]);
  const char *inputs[] = {"--mentees", mentees, "--mentors", mentors,
                          "--config",  config,  "--as-of",   AS_OF};
  for (guint k = 0; k < G_N_ELEMENTS(inputs); k++)
    g_ptr_array_add(argv, (gpointer)inputs[k]);
  gboolean pins = TRUE;
  for (guint k = 1; c->args[k] != NULL; k++) {
    if (strcmp(c->args[k], "--no-pins") == 0)
      pins = FALSE; /* this test's own word: leave --pinned out */
    else
      g_ptr_array_add(argv, (gpointer)c->args[k]);
  }
  if (pins) {
    g_ptr_array_add(argv, "--pinned");
    g_ptr_array_add(argv, pinned);
  }
  g_ptr_array_add(argv, NULL);
  MmTestRun run = mm_test_run_cli((const char *const *)argv->pdata);
  g_ptr_array_free(argv, TRUE);
  CU_ASSERT_EQUAL(run.status, 0);

  g_autofree char *out = c->with_stderr
                             ? g_strconcat(run.out, "--- stderr\n", run.err,
                                           NULL)
                             : g_strdup(run.out);
  g_autofree char *got = portable(out);
  g_autofree char *path = golden_path(c->name);
  if (g_getenv("MM_GOLDEN_UPDATE") != NULL) {
    CU_ASSERT_TRUE(g_file_set_contents(path, got, -1, NULL));
  } else {
    g_autofree char *want = NULL;
    CU_ASSERT_TRUE_FATAL(g_file_get_contents(path, &want, NULL, NULL));
    if (strcmp(got, want) != 0)
      fprintf(stderr, "\n  %s differs from the reviewed output; see the "
                      "top of tests/test-golden.c\n",
              c->name);
    CU_ASSERT_STRING_EQUAL(got, want);
  }
  mm_test_run_clear(&run);
}

static void test_every_command_on_the_example_pools(void) {
  for (guint k = 0; k < G_N_ELEMENTS(cases); k++)
    run_case(&cases[k]);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_every_command_on_the_example_pools),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("golden", tests);
}
