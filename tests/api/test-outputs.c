/* test-outputs.c: every output the CLI writes, got through the public
 * output API (mm-output.h, mm-report.h) of the shared library, as a
 * case-management system would get it, and compared byte for byte with the
 * reviewed files of tests/golden/ that test-golden compares the CLI with.
 * Both agreeing with the same files proves the program formats nothing of
 * its own. */
#include "test-common.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  MmPool *pool;
  MmConfig *config;
  MmPins *pins;
  MmDiagnostics *diags;
} Inputs;

static char *example(const char *file) {
  return g_build_filename(MM_EXAMPLES_DIR, "data", file, NULL);
}

/* The example pools, config and pins as test-golden gives them to the CLI
 * (--as-of 2026-12-01; with_pins FALSE: no --pinned). */
static void inputs_load(Inputs *in, gboolean with_pins) {
  g_autofree char *mentees = example("mentees.csv");
  g_autofree char *mentors = example("mentors.csv");
  g_autofree char *config = example("config.ini");
  g_autofree char *pinned = example("pinned.csv");
  in->pool = mm_pool_new();
  in->config = mm_config_new();
  in->diags = mm_diagnostics_new();
  CU_ASSERT_TRUE_FATAL(mm_pool_load_csv(in->pool, MM_SIDE_MENTEE, mentees,
                                        in->diags, NULL));
  CU_ASSERT_TRUE_FATAL(mm_pool_load_csv(in->pool, MM_SIDE_MENTOR, mentors,
                                        in->diags, NULL));
  CU_ASSERT_TRUE_FATAL(mm_config_load_file(in->config, config, in->diags,
                                           NULL));
  CU_ASSERT_TRUE_FATAL(mm_pool_set_as_of(in->pool, MM_TEST_AS_OF, NULL));
  CU_ASSERT_TRUE_FATAL(mm_pool_prepare(in->pool, in->diags, NULL));
  if (with_pins) {
    in->pins = mm_pins_new(in->pool);
    CU_ASSERT_TRUE_FATAL(mm_pins_load_csv(in->pins, pinned, in->diags, NULL));
  }
}

static void inputs_clear(Inputs *in) {
  g_clear_pointer(&in->pins, mm_pins_free);
  g_clear_pointer(&in->pool, mm_pool_free);
  g_clear_pointer(&in->config, mm_config_free);
  g_clear_pointer(&in->diags, mm_diagnostics_free);
}

/* Compares @got (freed) with tests/golden/@name, this checkout's path of
 * examples/data written as test-golden writes it; what the CLI said on
 * stderr (after "--- stderr") is the program's, not an output. */
static void check_golden(const char *name, char *got) {
  CU_ASSERT_PTR_NOT_NULL_FATAL(got);
  g_autofree char *dir = g_build_filename(MM_EXAMPLES_DIR, "data", NULL);
  g_auto(GStrv) parts = g_strsplit(got, dir, -1);
  g_autofree char *portable = g_strjoinv("examples/data", parts);
  g_free(got);
  g_autofree char *path =
      g_build_filename(MM_TEST_DATA_DIR, "..", "golden", name, NULL);
  g_autofree char *want = NULL;
  CU_ASSERT_TRUE_FATAL(g_file_get_contents(path, &want, NULL, NULL));
  char *stderr_part = strstr(want, "\n--- stderr\n");
  if (stderr_part != NULL)
    stderr_part[1] = '\0';
  CU_ASSERT_STRING_EQUAL(portable, want);
  if (strcmp(portable, want) != 0)
    fprintf(stderr, "\n%s differs from the public API's output\n", name);
}

static MmMatching *match(const Inputs *in, MmMode mode) {
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_mode(options, mode);
  mm_match_options_set_pins(options, in->pins);
  return mm_match(in->pool, in->config, options, in->diags);
}

static void test_match(void) {
  Inputs in = {0};
  inputs_load(&in, TRUE);
  g_autoptr(MmMatching) optimal = match(&in, MM_MODE_OPTIMAL);
  check_golden("match.csv", mm_matching_to_csv(in.pool, in.config, optimal,
                                               MM_OUTPUT_DEFAULT));
  check_golden("match-explain.csv",
               mm_matching_to_csv(in.pool, in.config, optimal,
                                  MM_OUTPUT_EXPLAIN));
  check_golden("match.json",
               mm_matching_to_json(in.pool, in.config, optimal,
                                   MM_MODE_OPTIMAL, MM_OUTPUT_EXPLAIN,
                                   in.diags));
  g_autoptr(MmMatching) stable = match(&in, MM_MODE_STABLE);
  check_golden("match-stable.csv", mm_matching_to_csv(in.pool, in.config,
                                                      stable, 0));
  inputs_clear(&in);
}

/* --excel: the same rows with a byte order mark and CRLF line ends. */
static void test_match_excel(void) {
  Inputs in = {0};
  inputs_load(&in, TRUE);
  g_autoptr(MmMatching) matching = match(&in, MM_MODE_OPTIMAL);
  g_autofree char *plain =
      mm_matching_to_csv(in.pool, in.config, matching, MM_OUTPUT_DEFAULT);
  g_autofree char *excel =
      mm_matching_to_csv(in.pool, in.config, matching, MM_OUTPUT_EXCEL);
  g_auto(GStrv) lines = g_strsplit(plain, "\n", -1);
  g_autofree char *crlf = g_strjoinv("\r\n", lines);
  g_autofree char *want = g_strconcat("\xEF\xBB\xBF", crlf, NULL);
  CU_ASSERT_STRING_EQUAL(excel, want);
  inputs_clear(&in);
}

static void test_recommend(void) {
  Inputs in = {0};
  inputs_load(&in, TRUE);
  g_autoptr(MmRecommendOptions) options = mm_recommend_options_new();
  mm_recommend_options_set_pins(options, in.pins);
  mm_recommend_options_set_top(options, 3);
  g_autoptr(MmShortlist) three =
      mm_recommend_with(in.pool, in.config, options);
  check_golden("recommend.csv",
               mm_shortlist_to_csv(in.pool, in.config, three, 0));
  mm_recommend_options_set_top(options, 2);
  g_autoptr(MmShortlist) two = mm_recommend_with(in.pool, in.config, options);
  check_golden("recommend.json",
               mm_shortlist_to_json(in.pool, in.config, two, in.diags));
  inputs_clear(&in);
}

static void test_plan(void) {
  Inputs in = {0};
  inputs_load(&in, TRUE);
  g_autoptr(MmPlanOptions) options = mm_plan_options_new();
  mm_plan_options_set_pins(options, in.pins);
  CU_ASSERT_TRUE(mm_plan_options_set_recruit(options, 3));
  g_autoptr(MmPlan) three = mm_plan(in.pool, in.config, options, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(three);
  g_autofree char *mentors = example("mentors.csv");
  g_auto(GStrv) header = mm_csv_file_header(mentors, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(header);
  CU_ASSERT_STRING_EQUAL(header[0], "id");
  g_auto(GStrv) added = NULL;
  check_golden("plan.csv", mm_plan_to_csv(three, (const char *const *)header,
                                          0, &added));
  CU_ASSERT_PTR_NOT_NULL(added);
  CU_ASSERT_TRUE(added != NULL && added[0] == NULL); /* the file has them all */
  CU_ASSERT_TRUE(mm_plan_options_set_recruit(options, 2));
  g_autoptr(MmPlan) two = mm_plan(in.pool, in.config, options, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(two);
  check_golden("plan.json", mm_plan_to_json(in.pool, in.config, two, in.diags));
  inputs_clear(&in);
}

/* A header without some of the columns a proposal fills: the file's own
 * columns first (a column the plan does not know stays empty), then the
 * missing ones, named in @added; without a header, every contract column. */
static void test_plan_header_layout(void) {
  Inputs in = {0};
  inputs_load(&in, TRUE);
  g_autoptr(MmPlan) plan = mm_plan(in.pool, in.config, NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
  CU_ASSERT_TRUE_FATAL(mm_plan_n_proposals(plan) > 0);
  const char *const header[] = {"Notes", "ID", NULL};
  g_auto(GStrv) added = NULL;
  g_autofree char *csv = mm_plan_to_csv(plan, header, 0, &added);
  g_auto(GStrv) lines = g_strsplit(csv, "\n", -1);
  g_autofree char *want_start =
      g_strdup("rank,young_people_gained,value_gained,Notes,ID,");
  CU_ASSERT_TRUE(g_str_has_prefix(lines[0], want_start));
  CU_ASSERT_TRUE(g_str_has_prefix(lines[1], "1,"));
  CU_ASSERT_PTR_NOT_NULL(strstr(lines[1], ",,PLAN-1,")); /* Notes empty */
  CU_ASSERT_TRUE_FATAL(added != NULL && added[0] != NULL);
  for (char **name = added; *name != NULL; name++) {
    CU_ASSERT_STRING_NOT_EQUAL(*name, "id"); /* ID is the file's */
    g_autofree char *column = g_strconcat(",", *name, NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(lines[0], column));
  }
  g_autofree char *every = mm_plan_to_csv(plan, NULL, 0, NULL);
  const char *const *columns = mm_plan_mentor_columns();
  GString *want = g_string_new("rank,young_people_gained,value_gained");
  for (const char *const *c = columns; *c != NULL; c++)
    g_string_append_printf(want, ",%s", *c);
  g_string_append_c(want, '\n');
  CU_ASSERT_TRUE(g_str_has_prefix(every, want->str));
  g_string_free(want, TRUE);
  inputs_clear(&in);
}

static void test_csv_file_header_errors(void) {
  GError *error = NULL;
  CU_ASSERT_PTR_NULL(mm_csv_file_header("/nonexistent/mentors.csv", &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_IO));
  CU_ASSERT_TRUE(error != NULL &&
                 g_str_has_prefix(error->message, "/nonexistent/mentors.csv"));
  g_clear_error(&error);
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp("mm-empty-XXXXXX.csv", &path, NULL);
  CU_ASSERT_TRUE_FATAL(fd >= 0);
  close(fd);
  CU_ASSERT_PTR_NULL(mm_csv_file_header(path, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  g_clear_error(&error);
  g_unlink(path);
}

static void test_report(void) {
  Inputs in = {0};
  inputs_load(&in, TRUE);
  g_autoptr(MmReportOptions) options = mm_report_options_new();
  mm_report_options_set_pins(options, in.pins);
  CU_ASSERT_FALSE(mm_report_options_set_min_cell(options, 0));
  g_autoptr(MmReport) report =
      mm_report_new(in.pool, in.config, options, in.diags);
  CU_ASSERT_PTR_NOT_NULL_FATAL(report);
  check_golden("report.txt", mm_report_to_text(report));
  check_golden("report.json", mm_report_to_json(report));
  g_autofree char *html = mm_report_to_html(report);
  CU_ASSERT_TRUE(g_str_has_prefix(html, "<!DOCTYPE html>"));
  CU_ASSERT_TRUE(g_str_has_suffix(html, "</html>\n"));
  inputs_clear(&in);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_match),
      MM_TEST(test_match_excel),
      MM_TEST(test_recommend),
      MM_TEST(test_plan),
      MM_TEST(test_plan_header_layout),
      MM_TEST(test_csv_file_header_errors),
      MM_TEST(test_report),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("outputs", tests);
}
