/* test-cli.c: the mentormatch command line (examples/), run as a program the
 * way a coordinator or a script runs it: exit codes, what goes to stdout,
 * stderr and files, and the output checked against the library itself. */
#include "test-common.h"
#include "csv-reader.h"
#include "csv-writer.h"
#include "synthetic.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

/* ---- running the program: mm_test_run_cli() (test-common.h) ---- */

static char *example(const char *name) {
  return g_build_filename(MM_EXAMPLES_DIR, "data", name, NULL);
}

/* The example pools, config and pins, as arguments. */
typedef struct {
  char *mentees, *mentors, *config, *pinned;
} Examples;

static Examples examples_new(void) {
  return (Examples){example("mentees.csv"), example("mentors.csv"),
                    example("config.ini"), example("pinned.csv")};
}

static void examples_clear(Examples *e) {
  g_free(e->mentees);
  g_free(e->mentors);
  g_free(e->config);
  g_free(e->pinned);
}

/* ---- temporary files ---- */

/* ---- reading CSV output back (with the library's reader, not the writer
 * under test) ---- */

static char **row(GPtrArray *rows, guint i) { return g_ptr_array_index(rows, i); }

/* ---- the library's own view of the example data ---- */

static MmPool *load_pool(const char *mentees, const char *mentors) {
  MmPool *pool = mm_pool_new();
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  CU_ASSERT_TRUE(mm_pool_load_csv(pool, MM_SIDE_MENTEE, mentees, diags, NULL));
  CU_ASSERT_TRUE(mm_pool_load_csv(pool, MM_SIDE_MENTOR, mentors, diags, NULL));
  CU_ASSERT_TRUE(mm_pool_prepare(pool, diags, NULL));
  return pool;
}

static MmConfig *load_config(const char *path) {
  MmConfig *config = mm_config_new();
  CU_ASSERT_TRUE(mm_config_load_file(config, path, NULL, NULL));
  return config;
}

/* ---- exit codes and usage ---- */

static void assert_usage_error(MmTestRun run) {
  CU_ASSERT_EQUAL(run.status, 2);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  CU_ASSERT_TRUE(strlen(run.err) > 0);
  mm_test_run_clear(&run);
}

static void test_usage_errors(void) {
  Examples e = examples_new();
  const char *in[] = {"--mentees", e.mentees, "--mentors", e.mentors};
#define IN in[0], in[1], in[2], in[3]
  assert_usage_error(mm_test_run_cli((const char *const[]){NULL}));
  assert_usage_error(MM_TEST_CLI("frobnicate"));
  /* bad flags of report (tests/test-report.c has the rest) and generate */
  assert_usage_error(MM_TEST_CLI("report", IN, "--format", "csv"));
  assert_usage_error(MM_TEST_CLI("generate", "--mentees", "5", "--mentors", "2"));
  assert_usage_error(MM_TEST_CLI("match", "--mentees", e.mentees));
  assert_usage_error(MM_TEST_CLI("recommend", "--mentors", e.mentors));
  assert_usage_error(MM_TEST_CLI("validate"));
  assert_usage_error(MM_TEST_CLI("match", IN, "--mode", "fastest"));
  assert_usage_error(MM_TEST_CLI("match", IN, "--format", "xml"));
  assert_usage_error(MM_TEST_CLI("match", IN, "--threads", "257"));
  assert_usage_error(MM_TEST_CLI("match", IN, "--threads", "-1"));
  assert_usage_error(MM_TEST_CLI("match", IN, "--threads", "four"));
  assert_usage_error(MM_TEST_CLI("match", IN, "stray.csv"));
  assert_usage_error(MM_TEST_CLI("match", IN, "--no-such-flag"));
  assert_usage_error(MM_TEST_CLI("recommend", IN, "--top", "0"));
  assert_usage_error(MM_TEST_CLI("recommend", IN, "--top", "1001"));
  assert_usage_error(MM_TEST_CLI("recommend", IN, "--format", "html"));
  assert_usage_error(MM_TEST_CLI("validate", IN, "--explain"));
  /* v2: --as-of must be a real date written YYYY-MM-DD, on every command
   * that takes it */
  const char *bad_dates[] = {"2026-02-30", "2026-13-01", "2026-5-31",
                             "31/05/2026", "today", ""};
  for (guint k = 0; k < G_N_ELEMENTS(bad_dates); k++) {
    assert_usage_error(MM_TEST_CLI("match", IN, "--as-of", bad_dates[k]));
    assert_usage_error(MM_TEST_CLI("recommend", IN, "--as-of", bad_dates[k]));
    assert_usage_error(MM_TEST_CLI("validate", IN, "--as-of", bad_dates[k]));
    assert_usage_error(MM_TEST_CLI("report", IN, "--as-of", bad_dates[k]));
  }
#undef IN
  /* the bounds themselves are accepted */
  MmTestRun run = MM_TEST_CLI("recommend", in[0], in[1], in[2], in[3], "--top", "1000");
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("match", in[0], in[1], in[2], in[3], "--threads", "256", "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  examples_clear(&e);
}

static void test_version_and_help(void) {
  MmTestRun run = MM_TEST_CLI("--version");
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_STRING_EQUAL(run.out, "mentormatch " MM_VERSION_STRING "\n");
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("--help");
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.out, "mentormatch match"));
  CU_ASSERT_PTR_NOT_NULL(strstr(run.out, "mentormatch recommend"));
  CU_ASSERT_PTR_NOT_NULL(strstr(run.out, "mentormatch validate"));
  CU_ASSERT_PTR_NOT_NULL(strstr(run.out, "mentormatch generate"));
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("match", "--help");
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.out, "--dump-scores"));
  mm_test_run_clear(&run);
}

/* ---- validate ---- */

/* The example files load without a problem; what validate says of them is
 * what the hard rules make of them (v2): M008 (mentors.csv line 9) has not
 * cleared checks, M009 (line 10) has 1.5 hours of training (config.ini asks
 * for 3), and YP009 (mentees.csv line 10) named M008. Every other named
 * mentor is eligible, the natural mentor M010 is named by YP010, and the
 * pins break no rule. Those warnings fail --strict. */
static void test_validate_examples(void) {
  Examples e = examples_new();
  MmTestRun run = MM_TEST_CLI("validate", "--mentees", e.mentees, "--mentors", e.mentors,
                "--config", e.config, "--pinned", e.pinned);
  CU_ASSERT_EQUAL(run.status, 0);
  g_autofree char *expected_err = g_strdup_printf(
      "%s:10: column preferred_mentors: warning: named mentor M008 is not "
      "eligible for YP009: checks\n"
      "%s:9: column checks_cleared: warning: mentor M008 can never be "
      "matched: safeguarding checks not cleared\n"
      "%s:10: column training_hours: warning: mentor M009 can never be "
      "matched: training hours 1.5, below the minimum of 3\n",
      e.mentees, e.mentors, e.mentors);
  CU_ASSERT_STRING_EQUAL(run.err, expected_err);
  g_autofree char *expected = g_strdup_printf(
      "%s: 24 people, 0 errors, 1 warning\n"
      "%s: 12 people, 0 errors, 2 warnings\n"
      "%s: 0 errors, 0 warnings\n"
      "%s: 0 errors, 0 warnings\n",
      e.mentees, e.mentors, e.config, e.pinned);
  CU_ASSERT_STRING_EQUAL(run.out, expected);
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("validate", "--mentees", e.mentees, "--mentors", e.mentors,
                    "--config", e.config, "--strict");
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_STRING_EQUAL(run.err, expected_err);
  mm_test_run_clear(&run);
  examples_clear(&e);
}

static const char good_mentors[] =
    "id,age,checks_cleared,training_hours,capacity\n"
    "M1,30,yes,5,2\n"
    "M2,40,yes,5,1\n";

/* Two bad rows: both are reported, each as FILE:LINE: column NAME. */
static void test_validate_reports_every_problem(void) {
  char *dir = mm_test_tmp_dir_new();
  Examples e = examples_new();
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv",
                                       "id,age,checks_cleared,capacity\n"
                                       "M1,thirty,yes,1\n"
                                       "M2,40,yes,1\n"
                                       "M3,41,perhaps,1\n");
  MmTestRun run = MM_TEST_CLI("validate", "--mentees", e.mentees, "--mentors", mentors);
  CU_ASSERT_EQUAL(run.status, 1);
  g_autofree char *age = g_strdup_printf("%s:2: column age: ", mentors);
  g_autofree char *checks =
      g_strdup_printf("%s:4: column checks_cleared: ", mentors);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, age));
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, checks));
  /* the summary still comes, naming the errors */
  g_autofree char *summary =
      g_strdup_printf("%s: 1 person, 2 errors, ", mentors);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.out, summary));
  mm_test_run_clear(&run);

  /* the same file stops match and recommend with nothing on stdout */
  run = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", mentors);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, age));
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("recommend", "--mentees", e.mentees, "--mentors", mentors);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  mm_test_run_clear(&run);

  /* a file that does not exist is bad input, named */
  g_autofree char *missing = g_build_filename(dir, "missing.csv", NULL);
  run = MM_TEST_CLI("match", "--mentees", missing, "--mentors", e.mentors);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, missing));
  mm_test_run_clear(&run);
  examples_clear(&e);
  mm_test_tmp_dir_remove(dir);
}

/* A warning passes validate, and fails it with --strict. */
static void test_validate_strict(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv",
                                       "id,age,nickname\n"
                                       "YP1,15,Jay\n");
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv", good_mentors);
  MmTestRun run = MM_TEST_CLI("validate", "--mentees", mentees, "--mentors", mentors);
  CU_ASSERT_EQUAL(run.status, 0);
  g_autofree char *warning =
      g_strdup_printf("%s:1: column nickname: warning: ", mentees);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, warning));
  g_autofree char *summary =
      g_strdup_printf("%s: 1 person, 0 errors, 1 warning\n", mentees);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.out, summary));
  CU_ASSERT_PTR_NOT_NULL(strstr(run.out, "config: built-in defaults\n"));
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("validate", "--mentees", mentees, "--mentors", mentors, "--strict");
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, warning));
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* ---- match ---- */

static gboolean is_status(const char *s) {
  return strcmp(s, "matched") == 0 || strcmp(s, "pinned") == 0 ||
         strcmp(s, "unmatched") == 0;
}

static void test_match_one_row_per_mentee(void) {
  Examples e = examples_new();
  MmTestRun run = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", e.mentors,
                "--config", e.config, "--pinned", e.pinned, "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_STRING_EQUAL(run.err, "");
  /* The first five columns; the whole header, with v2's flags, is
   * test_match_flags_column's. */
  CU_ASSERT_TRUE(g_str_has_prefix(
      run.out, "mentee_id,mentor_id,score,status,reason"));
  g_autoptr(MmPool) pool = load_pool(e.mentees, e.mentors);
  guint n = mm_pool_n_mentees(pool), m = mm_pool_n_mentors(pool);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL_FATAL(rows->len, n + 1);
  guint width = g_strv_length(row(rows, 0));
  guint *load = g_new0(guint, m);
  guint unmatched = 0;
  for (guint i = 0; i < n; i++) {
    char **r = row(rows, i + 1);
    CU_ASSERT_EQUAL_FATAL(g_strv_length(r), width);
    CU_ASSERT_STRING_EQUAL(r[0], mm_pool_mentee_id(pool, i)); /* input order */
    CU_ASSERT_TRUE(is_status(r[3]));
    if (strcmp(r[3], "unmatched") == 0) {
      unmatched++;
      CU_ASSERT_STRING_EQUAL(r[1], "");
      CU_ASSERT_STRING_EQUAL(r[2], "");
      CU_ASSERT_TRUE(strlen(r[4]) > 0); /* says why */
      continue;
    }
    gint mentor = mm_pool_find_mentor(pool, r[1]);
    CU_ASSERT_TRUE_FATAL(mentor >= 0);
    load[mentor]++;
    double score = g_ascii_strtod(r[2], NULL);
    CU_ASSERT_TRUE(score >= 0.0 && score <= 100.0);
    CU_ASSERT_STRING_EQUAL(r[4], "");
  }
  for (guint j = 0; j < m; j++)
    CU_ASSERT_TRUE(load[j] <= mm_pool_mentor_capacity(pool, j));
  /* 24 young people, 20 places with cleared, trained mentors */
  CU_ASSERT_TRUE(unmatched >= 4);
  /* the pins of examples/data/pinned.csv are kept */
  gint yp005 = mm_pool_find_mentee(pool, "YP005");
  gint yp012 = mm_pool_find_mentee(pool, "YP012");
  CU_ASSERT_STRING_EQUAL(row(rows, (guint)yp005 + 1)[1], "M005");
  CU_ASSERT_STRING_EQUAL(row(rows, (guint)yp005 + 1)[3], "pinned");
  CU_ASSERT_STRING_EQUAL(row(rows, (guint)yp012 + 1)[1], "M003");
  CU_ASSERT_STRING_EQUAL(row(rows, (guint)yp012 + 1)[3], "pinned");
  g_free(load);
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);
  examples_clear(&e);
}

/* Today's date as the library takes it (local time), YYYY-MM-DD. */
static char *today(void) {
  g_autoptr(GDateTime) now = g_date_time_new_now_local();
  return g_date_time_format(now, "%Y-%m-%d");
}

/* The summary line on stderr agrees with the rows, and (v2) names the
 * objective and the as-of date: by default prefer quality, as of today. */
static void test_match_summary(void) {
  Examples e = examples_new();
  g_autofree char *before = today();
  MmTestRun run = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", e.mentors,
                "--pinned", e.pinned, "--mode", "greedy");
  g_autofree char *after = today();
  CU_ASSERT_EQUAL(run.status, 0);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  guint with_mentor = 0, pinned = 0;
  for (guint i = 1; i < rows->len; i++) {
    with_mentor += strcmp(row(rows, i)[3], "unmatched") != 0;
    pinned += strcmp(row(rows, i)[3], "pinned") == 0;
  }
  /* (the run may straddle midnight: either day will do then) */
  g_autofree char *expected = g_strdup_printf(
      "greedy, prefer quality, as of %s: matched %u of %u mentees (%u "
      "pinned), %u unmatched; mean score ",
      before, with_mentor, rows->len - 1, pinned, rows->len - 1 - with_mentor);
  g_autofree char *expected_after = g_strdup_printf(
      "greedy, prefer quality, as of %s: matched %u of %u mentees (%u "
      "pinned), %u unmatched; mean score ",
      after, with_mentor, rows->len - 1, pinned, rows->len - 1 - with_mentor);
  if (!g_str_has_prefix(run.err, expected))
    fprintf(stderr, "summary: %s", run.err);
  CU_ASSERT_TRUE(g_str_has_prefix(run.err, expected) ||
                 g_str_has_prefix(run.err, expected_after));
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, "; stated preferences met "));
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);
  examples_clear(&e);
}

/* docs/matching.md (fixed): each term rounded to hundredths,
 * half away from zero. */
static double round2(double x) {
  return x < 0 ? -floor(-x * 100.0 + 0.5) / 100.0
               : floor(x * 100.0 + 0.5) / 100.0;
}

/* The value of a matched or pinned row of the examples, from the v2 rules
 * alone: examples/data/config.ini holds the defaults (prefer quality,
 * choice_bonus 100, priority_bonus 10, match_bonus 0, waiting_bonus 0.5)
 * and the mentee file has no waiting_since column, so value = score (as
 * printed, already in hundredths) + round2(100 x 0.75^place) when the
 * mentor is the young person's named choice at 0-based place among the
 * named mentors that are in the mentor file + 10 x priority. */
static double example_value(const MmPool *pool, GPtrArray *mentee_rows,
                            const char *mentee_id, const char *mentor_id,
                            double score, gboolean *is_named) {
  *is_named = FALSE;
  gint priority_col = mm_test_csv_column(mentee_rows, "priority");
  gint named_col = mm_test_csv_column(mentee_rows, "preferred_mentors");
  CU_ASSERT_TRUE_FATAL(priority_col >= 0 && named_col >= 0);
  CU_ASSERT_EQUAL_FATAL(mm_test_csv_column(mentee_rows, "waiting_since"), -1);
  for (guint i = 1; i < mentee_rows->len; i++) {
    char **r = row(mentee_rows, i);
    if (strcmp(r[0], mentee_id) != 0)
      continue;
    double value = score + 10.0 * g_ascii_strtod(r[priority_col], NULL);
    g_auto(GStrv) named = g_strsplit(r[named_col], ";", -1);
    gint place = 0;
    for (guint k = 0; named[k] != NULL; k++) {
      g_strstrip(named[k]);
      if (*named[k] == '\0' || mm_pool_find_mentor(pool, named[k]) < 0)
        continue;
      if (strcmp(named[k], mentor_id) == 0) {
        *is_named = TRUE;
        return value + round2(100.0 * pow(0.75, place));
      }
      place++;
    }
    return value;
  }
  CU_FAIL_FATAL("mentee not in the file");
  return 0.0;
}

/* --explain (v2): after the fixed columns, c_<criterion> for each of the
 * 12 criteria (no c_choice: choice left the score), value, reasons. */
static void test_match_explain(void) {
  Examples e = examples_new();
  MmTestRun run = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", e.mentors,
                "--config", e.config, "--pinned", e.pinned, "--explain",
                "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  char **header = row(rows, 0);
  const char *fixed[] = {"mentee_id", "mentor_id", "score", "status",
                         "reason"};
  for (guint k = 0; k < 5; k++)
    CU_ASSERT_STRING_EQUAL(header[k], fixed[k]);
  CU_ASSERT_EQUAL(MM_N_CRITERIA, 12);
  CU_ASSERT_EQUAL(mm_test_csv_column(rows, "c_choice"), -1);
  gint first = mm_test_csv_column(rows, "c_interests");
  CU_ASSERT_TRUE_FATAL(first >= 5);
  guint width = g_strv_length(header);
  /* the explanation's columns end the row */
  CU_ASSERT_EQUAL_FATAL(width, (guint)first + MM_N_CRITERIA + 2);
  for (guint c = 0; c < MM_N_CRITERIA; c++) {
    g_autofree char *name =
        g_strdup_printf("c_%s", mm_criterion_name((MmCriterion)c));
    CU_ASSERT_STRING_EQUAL(header[first + c], name);
  }
  gint value_col = first + MM_N_CRITERIA, reasons_col = value_col + 1;
  CU_ASSERT_STRING_EQUAL(header[value_col], "value");
  CU_ASSERT_STRING_EQUAL(header[reasons_col], "reasons");

  g_autoptr(MmPool) pool = load_pool(e.mentees, e.mentors);
  g_autofree char *mentee_text = mm_test_read(e.mentees);
  GPtrArray *mentee_rows = mm_test_parse_csv(mentee_text);
  guint matched = 0, named = 0;
  for (guint i = 1; i < rows->len; i++) {
    char **r = row(rows, i);
    CU_ASSERT_EQUAL_FATAL(g_strv_length(r), width);
    if (strcmp(r[3], "unmatched") == 0) {
      for (guint c = 0; c < MM_N_CRITERIA + 2; c++)
        CU_ASSERT_STRING_EQUAL(r[first + c], "");
      continue;
    }
    matched++;
    /* each printed number is off by at most 0.005: 12 contributions and
     * the score */
    double sum = 0.0;
    for (guint c = 0; c < MM_N_CRITERIA; c++)
      sum += g_ascii_strtod(r[first + c], NULL);
    double score = g_ascii_strtod(r[2], NULL);
    CU_ASSERT_DOUBLE_EQUAL(sum, score, 0.005 * (MM_N_CRITERIA + 1) + 1e-9);
    gboolean is_named;
    double expected =
        example_value(pool, mentee_rows, r[0], r[1], score, &is_named);
    named += is_named;
    if (fabs(g_ascii_strtod(r[value_col], NULL) - expected) > 1e-6)
      fprintf(stderr, "%s-%s: value %s, expected %.2f\n", r[0], r[1],
              r[value_col], expected);
    CU_ASSERT_DOUBLE_EQUAL(g_ascii_strtod(r[value_col], NULL), expected, 1e-6);
    CU_ASSERT_TRUE(strlen(r[reasons_col]) > 0);
  }
  CU_ASSERT_TRUE(matched > 0);
  CU_ASSERT_TRUE(named > 0); /* some values carry a choice term */
  CU_ASSERT_TRUE(named < matched); /* and some do not */
  g_ptr_array_free(mentee_rows, TRUE);
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);
  examples_clear(&e);
}

static char *match_output(const char *mentees, const char *mentors,
                          const char *mode, const char *threads) {
  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors, "--mode",
                mode, "--threads", threads, "--explain", "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  g_free(run.err);
  return run.out;
}

/* the contract (docs/): byte-identical output whatever the thread count, and from run to
 * run. 300 mentees so that the scoring is really shared between threads. */
static void test_match_deterministic(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees_csv = mm_synthetic_csv(MM_SIDE_MENTEE, 300, 60, 7);
  g_autofree char *mentors_csv = mm_synthetic_csv(MM_SIDE_MENTOR, 60, 60, 7);
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv", mentees_csv);
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv", mentors_csv);
  const char *modes[] = {"optimal", "stable", "greedy"};
  for (guint k = 0; k < G_N_ELEMENTS(modes); k++) {
    g_autofree char *one = match_output(mentees, mentors, modes[k], "1");
    g_autofree char *four = match_output(mentees, mentors, modes[k], "4");
    g_autofree char *again = match_output(mentees, mentors, modes[k], "4");
    CU_ASSERT_TRUE(strlen(one) > 300 * 10);
    CU_ASSERT_STRING_EQUAL(one, four);
    CU_ASSERT_STRING_EQUAL(four, again);
  }
  mm_test_tmp_dir_remove(dir);
}

/* ---- output files ---- */

static void test_output_file(void) {
  char *dir = mm_test_tmp_dir_new();
  Examples e = examples_new();
  g_autofree char *out = g_build_filename(dir, "matches.csv", NULL);
  MmTestRun to_stdout = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", e.mentors,
                      "--quiet");
  MmTestRun to_file = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", e.mentors,
                    "--quiet", "--output", out);
  CU_ASSERT_EQUAL(to_file.status, 0);
  CU_ASSERT_STRING_EQUAL(to_file.out, "");
  g_autofree char *written = mm_test_read(out);
  CU_ASSERT_PTR_NOT_NULL_FATAL(written);
  CU_ASSERT_STRING_EQUAL(written, to_stdout.out);
  struct stat st;
  CU_ASSERT_EQUAL_FATAL(g_stat(out, &st), 0);
  CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
  mm_test_run_clear(&to_stdout);
  mm_test_run_clear(&to_file);

  /* recommend writes its file the same way */
  g_autofree char *shortlist = g_build_filename(dir, "shortlist.csv", NULL);
  MmTestRun run = MM_TEST_CLI("recommend", "--mentees", e.mentees, "--mentors", e.mentors,
                "--output", shortlist);
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_EQUAL_FATAL(g_stat(shortlist, &st), 0);
  CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
  mm_test_run_clear(&run);
  examples_clear(&e);
  mm_test_tmp_dir_remove(dir);
}

/* A run that fails leaves an earlier output exactly as it was, and no
 * temporary file behind. */
static void test_failed_run_keeps_output(void) {
  char *dir = mm_test_tmp_dir_new();
  Examples e = examples_new();
  g_autofree char *out = mm_test_write(dir, "matches.csv", "last week's matches\n");
  g_autofree char *dump = mm_test_write(dir, "scores.csv", "last week's scores\n");
  g_autofree char *bad = mm_test_write(dir, "mentors.csv",
                                   "id,age,checks_cleared\nM1,-4,yes\n");
  MmTestRun run = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", bad, "--output",
                out, "--dump-scores", dump);
  CU_ASSERT_EQUAL(run.status, 1);
  g_autofree char *kept = mm_test_read(out);
  g_autofree char *kept_dump = mm_test_read(dump);
  CU_ASSERT_STRING_EQUAL(kept, "last week's matches\n");
  CU_ASSERT_STRING_EQUAL(kept_dump, "last week's scores\n");
  CU_ASSERT_EQUAL(mm_test_count_entries(dir), 3);
  mm_test_run_clear(&run);

  /* bad pins too */
  g_autofree char *pins = mm_test_write(dir, "pins.csv",
                                    "mentee_id,mentor_id\nYP001,M999\n");
  run = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", e.mentors,
            "--pinned", pins, "--output", out);
  CU_ASSERT_EQUAL(run.status, 1);
  g_autofree char *pins_line =
      g_strdup_printf("%s:2: column mentor_id: ", pins);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, pins_line));
  g_autofree char *still = mm_test_read(out);
  CU_ASSERT_STRING_EQUAL(still, "last week's matches\n");
  mm_test_run_clear(&run);
  examples_clear(&e);
  mm_test_tmp_dir_remove(dir);
}

/* Ids a spreadsheet would run as a formula come out as text, with the
 * quoting intact, in every CSV the CLI writes. */
static void test_formula_neutralised(void) {
  char *dir = mm_test_tmp_dir_new();
  const char *id = "=HYPERLINK(\"http://evil.example\",\"click\")";
  g_autofree char *mentees = mm_test_write(
      dir, "mentees.csv",
      "id,age\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",15\n");
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv",
                                       "id,age,checks_cleared,training_hours\n"
                                       "@SUM(A1),30,yes,5\n");
  g_autofree char *dump = g_build_filename(dir, "scores.csv", NULL);
  g_autofree char *mentee_text = g_strconcat("'", id, NULL);
  const char *mentor_text = "'@SUM(A1)";

  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                "--dump-scores", dump, "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL_FATAL(rows->len, 2);
  CU_ASSERT_STRING_EQUAL(row(rows, 1)[0], mentee_text);
  CU_ASSERT_STRING_EQUAL(row(rows, 1)[1], mentor_text);
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);
  g_autofree char *dumped = mm_test_read(dump);
  rows = mm_test_parse_csv(dumped);
  CU_ASSERT_EQUAL_FATAL(rows->len, 2);
  CU_ASSERT_STRING_EQUAL(row(rows, 1)[0], mentee_text);
  CU_ASSERT_STRING_EQUAL(row(rows, 1)[1], mentor_text);
  g_ptr_array_free(rows, TRUE);

  run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors);
  CU_ASSERT_EQUAL(run.status, 0);
  rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL_FATAL(rows->len, 2);
  CU_ASSERT_STRING_EQUAL(row(rows, 1)[0], mentee_text);
  CU_ASSERT_STRING_EQUAL(row(rows, 1)[2], mentor_text);
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* ---- --dump-scores ---- */

/* A generated pool (DIR/mentees.csv, DIR/mentors.csv) whose dump is a few
 * of the pieces the CLI writes (a megabyte each). */
static void generate_pool(const char *dir) {
  MmTestRun run = MM_TEST_CLI("generate", "--mentees", "1500", "--mentors",
                              "400", "--seed", "7", "--dir", dir);
  CU_ASSERT_EQUAL_FATAL(run.status, 0);
  mm_test_run_clear(&run);
}

/* The dump as `match` wrote it before it streamed, independently: the
 * matching's candidates, each row scored again, in one text. */
static char *dump_in_memory(const char *dir, const char *as_of) {
  g_autofree char *mentees = g_build_filename(dir, "mentees.csv", NULL);
  g_autofree char *mentors = g_build_filename(dir, "mentors.csv", NULL);
  g_autoptr(MmPool) pool = mm_pool_new();
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, as_of, NULL));
  CU_ASSERT_TRUE(mm_pool_load_csv(pool, MM_SIDE_MENTEE, mentees, NULL, NULL));
  CU_ASSERT_TRUE(mm_pool_load_csv(pool, MM_SIDE_MENTOR, mentors, NULL, NULL));
  CU_ASSERT_TRUE(mm_pool_prepare(pool, NULL, NULL));
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmMatching) matching = mm_match(pool, config, NULL, NULL);
  GString *out = g_string_new("mentee_id,mentor_id,score\n");
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++) {
    for (guint k = 0; k < mm_matching_n_candidates(matching, i); k++) {
      guint mentor;
      double score;
      mm_matching_candidate(matching, i, k, &mentor, &score);
      mm_csv_append_text(out, mm_pool_mentee_id(pool, i));
      mm_i_csv_append_separator(out);
      mm_csv_append_text(out, mm_pool_mentor_id(pool, mentor));
      mm_i_csv_append_separator(out);
      mm_csv_append_number(out, score, MM_CSV_SCORE_DECIMALS);
      mm_i_csv_end_row(out);
    }
  }
  return g_string_free(out, FALSE);
}

/* Streamed in pieces, the dump is the in-memory one byte for byte, with
 * any thread count, and for Excel that text with a byte order mark and CRLF;
 * files are owner-only and no temporary file is left. */
static void test_dump_scores_streamed_equals_in_memory(void) {
  char *dir = mm_test_tmp_dir_new();
  generate_pool(dir);
  g_autofree char *mentees = g_build_filename(dir, "mentees.csv", NULL);
  g_autofree char *mentors = g_build_filename(dir, "mentors.csv", NULL);
  g_autofree char *want = dump_in_memory(dir, "2026-12-01");
  CU_ASSERT_TRUE(strlen(want) > 2 * 1024 * 1024); /* several pieces */
  GString *excel = g_string_new(want);
  mm_csv_for_excel(excel);
  const char *threads[] = {"1", "2", "5"};
  for (guint t = 0; t < G_N_ELEMENTS(threads); t++) {
    for (int for_excel = 0; for_excel <= 1; for_excel++) {
      g_autofree char *dump = g_build_filename(dir, "scores.csv", NULL);
      MmTestRun run = mm_test_run_cli((const char *const[]){
          "match", "--mentees", mentees, "--mentors", mentors, "--as-of",
          "2026-12-01", "--threads", threads[t], "--dump-scores", dump,
          "--quiet", for_excel ? "--excel" : NULL, NULL});
      CU_ASSERT_EQUAL(run.status, 0);
      gsize length = 0;
      g_autofree char *got = NULL;
      CU_ASSERT_TRUE_FATAL(g_file_get_contents(dump, &got, &length, NULL));
      if (for_excel) {
        CU_ASSERT_EQUAL(length, excel->len);
        CU_ASSERT_TRUE(memcmp(got, excel->str, MIN(length, excel->len)) == 0);
      } else {
        CU_ASSERT_STRING_EQUAL(got, want);
      }
      struct stat st;
      CU_ASSERT_EQUAL_FATAL(g_stat(dump, &st), 0);
      CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
      CU_ASSERT_EQUAL(mm_test_count_entries(dir), 3); /* pool and dump */
      mm_test_run_clear(&run);
    }
  }
  g_string_free(excel, TRUE);
  mm_test_tmp_dir_remove(dir);
}

/* In the child: files may grow to 1.5 MiB, and a write past that fails
 * (EFBIG) rather than killing the process. */
static void limit_file_size(gpointer data) {
  (void)data;
  struct rlimit limit = {3 * 512 * 1024, 3 * 512 * 1024};
  (void)setrlimit(RLIMIT_FSIZE, &limit);
  signal(SIGXFSZ, SIG_IGN);
}

/* A dump that fails half-way (the disk full, here a file size limit after
 * its first piece) fails the run, leaves the earlier dump and output as
 * they were, and no temporary file behind. */
static void test_dump_scores_failure_keeps_old_file(void) {
  char *dir = mm_test_tmp_dir_new();
  generate_pool(dir);
  g_autofree char *mentees = g_build_filename(dir, "mentees.csv", NULL);
  g_autofree char *mentors = g_build_filename(dir, "mentors.csv", NULL);
  g_autofree char *dump = mm_test_write(dir, "scores.csv", "last week's scores\n");
  g_autofree char *out = mm_test_write(dir, "matches.csv", "last week's matches\n");
  MmTestRun run = mm_test_run_cli_with(
      (const char *const[]){"match", "--mentees", mentees, "--mentors",
                            mentors, "--dump-scores", dump, "--output", out,
                            "--quiet", NULL},
      limit_file_size, NULL);
  CU_ASSERT_EQUAL(run.status, 1);
  g_autofree char *message = g_strdup_printf("%s: cannot write: ", dump);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, message));
  g_autofree char *kept_dump = mm_test_read(dump);
  g_autofree char *kept = mm_test_read(out);
  CU_ASSERT_STRING_EQUAL(kept_dump, "last week's scores\n");
  CU_ASSERT_STRING_EQUAL(kept, "last week's matches\n");
  CU_ASSERT_EQUAL(mm_test_count_entries(dir), 4);
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

static void test_dump_scores(void) {
  char *dir = mm_test_tmp_dir_new();
  Examples e = examples_new();
  g_autofree char *dump = g_build_filename(dir, "scores.csv", NULL);
  MmTestRun run = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", e.mentors,
                "--config", e.config, "--pinned", e.pinned, "--dump-scores",
                dump, "--quiet");
  CU_ASSERT_EQUAL_FATAL(run.status, 0);
  struct stat st;
  CU_ASSERT_EQUAL_FATAL(g_stat(dump, &st), 0);
  CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
  g_autofree char *text = mm_test_read(dump);
  GPtrArray *dumped = mm_test_parse_csv(text);
  GPtrArray *matches = mm_test_parse_csv(run.out);
  CU_ASSERT_STRING_EQUAL(row(dumped, 0)[0], "mentee_id");
  CU_ASSERT_STRING_EQUAL(row(dumped, 0)[1], "mentor_id");
  CU_ASSERT_STRING_EQUAL(row(dumped, 0)[2], "score");

  /* Independently: the pairs that pass every hard rule, by the scorer. */
  g_autoptr(MmPool) pool = load_pool(e.mentees, e.mentors);
  g_autoptr(MmConfig) config = load_config(e.config);
  guint n = mm_pool_n_mentees(pool), m = mm_pool_n_mentors(pool);
  double *scores = g_new(double, m);
  guint32 *broken = g_new(guint32, m);
  guint next = 1, n_eligible = 0;
  for (guint i = 0; i < n; i++) {
    mm_score_mentee(pool, config, i, scores, broken);
    for (guint j = 0; j < m; j++) {
      if (broken[j] != 0)
        continue;
      n_eligible++;
      CU_ASSERT_TRUE_FATAL(next < dumped->len);
      char **r = row(dumped, next++);
      CU_ASSERT_STRING_EQUAL(r[0], mm_pool_mentee_id(pool, i));
      CU_ASSERT_STRING_EQUAL(r[1], mm_pool_mentor_id(pool, j));
      CU_ASSERT_DOUBLE_EQUAL(g_ascii_strtod(r[2], NULL), scores[j],
                             0.005 + 1e-9);
      /* the matched pair's score is its dumped score */
      char **match = row(matches, i + 1);
      if (strcmp(match[1], r[1]) == 0 && strcmp(match[3], "matched") == 0)
        CU_ASSERT_STRING_EQUAL(match[2], r[2]);
    }
  }
  CU_ASSERT_EQUAL(dumped->len, next); /* nothing more */
  CU_ASSERT_TRUE(n_eligible > n);     /* the demo has choice */
  /* every solver-matched pair is among the dumped ones */
  for (guint i = 1; i < matches->len; i++) {
    char **match = row(matches, i);
    if (strcmp(match[3], "matched") != 0)
      continue;
    gboolean found = FALSE;
    for (guint k = 1; k < dumped->len; k++)
      found |= strcmp(row(dumped, k)[0], match[0]) == 0 &&
               strcmp(row(dumped, k)[1], match[1]) == 0;
    CU_ASSERT_TRUE(found);
  }
  g_free(scores);
  g_free(broken);
  g_ptr_array_free(dumped, TRUE);
  g_ptr_array_free(matches, TRUE);
  mm_test_run_clear(&run);
  examples_clear(&e);
  mm_test_tmp_dir_remove(dir);
}

/* ---- recommend ---- */

/* Mentor indices of the mentors @mentee_id named (preferred_mentors of
 * @mentees_csv), in their order, leaving out ids not in the pool. */
static GArray *named_mentors(const MmPool *pool, const char *mentees_csv,
                             const char *mentee_id) {
  g_autofree char *text = mm_test_read(mentees_csv);
  GPtrArray *rows = mm_test_parse_csv(text);
  gint col = mm_test_csv_column(rows, "preferred_mentors");
  GArray *named = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint i = 1; col >= 0 && i < rows->len; i++) {
    if (strcmp(row(rows, i)[0], mentee_id) != 0)
      continue;
    g_auto(GStrv) ids = g_strsplit(row(rows, i)[col], ";", -1);
    for (guint k = 0; ids[k] != NULL; k++) {
      gint j = mm_pool_find_mentor(pool, g_strstrip(ids[k]));
      if (j >= 0)
        g_array_append_val(named, j);
    }
  }
  g_ptr_array_free(rows, TRUE);
  return named;
}

/* The shortlist is the K best eligible mentors, best first, ties by input
 * order, except that (the contract (docs/)) the mentors the young person named come
 * first, in their order: checked against the scorer's own scores. YP017
 * names M004. */
static void test_recommend_top_k(void) {
  Examples e = examples_new();
  g_autoptr(MmPool) pool = load_pool(e.mentees, e.mentors);
  g_autoptr(MmConfig) config = load_config(e.config);
  const char *mentees[] = {"YP001", "YP004", "YP017"};
  guint m = mm_pool_n_mentors(pool);
  double *scores = g_new(double, m);
  guint32 *broken = g_new(guint32, m);
  for (guint k = 0; k < G_N_ELEMENTS(mentees); k++) {
    MmTestRun run = MM_TEST_CLI("recommend", "--mentees", e.mentees, "--mentors", e.mentors,
                  "--config", e.config, "--top", "3", "--mentee", mentees[k]);
    CU_ASSERT_EQUAL(run.status, 0);
    GPtrArray *rows = mm_test_parse_csv(run.out);
    CU_ASSERT_EQUAL(mm_test_csv_column(rows, "mentor_id"), 2);
    CU_ASSERT_EQUAL(mm_test_csv_column(rows, "reasons"), 4);

    gint mentee = mm_pool_find_mentee(pool, mentees[k]);
    mm_score_mentee(pool, config, (guint)mentee, scores, broken);
    /* expected: the eligible named mentors in their order, then the other
     * eligible mentors best score first, stable by index; 3 in all */
    GArray *named = named_mentors(pool, e.mentees, mentees[k]);
    gboolean *taken = g_new0(gboolean, m);
    GArray *expected = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint q = 0; q < named->len; q++) {
      guint j = g_array_index(named, guint, q);
      if (broken[j] == 0 && !taken[j]) {
        g_array_append_val(expected, j);
        taken[j] = TRUE;
      }
    }
    for (;;) {
      gint best = -1;
      for (guint j = 0; j < m; j++)
        if (broken[j] == 0 && !taken[j] &&
            (best < 0 || scores[j] > scores[best]))
          best = (gint)j;
      if (best < 0)
        break;
      guint j = (guint)best;
      g_array_append_val(expected, j);
      taken[j] = TRUE;
    }
    guint expected_n = MIN(expected->len, 3);
    CU_ASSERT_TRUE(expected_n > 0);
    CU_ASSERT_EQUAL_FATAL(rows->len, expected_n + 1);
    for (guint rank = 0; rank < expected_n; rank++) {
      guint j = g_array_index(expected, guint, rank);
      char **r = row(rows, rank + 1);
      CU_ASSERT_STRING_EQUAL(r[0], mentees[k]);
      g_autofree char *rank_text = g_strdup_printf("%u", rank + 1);
      CU_ASSERT_STRING_EQUAL(r[1], rank_text);
      CU_ASSERT_STRING_EQUAL(r[2], mm_pool_mentor_id(pool, j));
      CU_ASSERT_DOUBLE_EQUAL(g_ascii_strtod(r[3], NULL), scores[j],
                             0.005 + 1e-9);
      CU_ASSERT_TRUE(strlen(r[4]) > 0);
    }
    g_array_free(expected, TRUE);
    g_array_free(named, TRUE);
    g_free(taken);
    g_ptr_array_free(rows, TRUE);
    mm_test_run_clear(&run);
  }
  g_free(scores);
  g_free(broken);

  /* an id not in the pool is bad input, named */
  MmTestRun run = MM_TEST_CLI("recommend", "--mentees", e.mentees, "--mentors", e.mentors,
                "--mentee", "YP999");
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, "YP999"));
  mm_test_run_clear(&run);
  examples_clear(&e);
}

/* Default K is 5; a young person nobody can mentor still gets a row that
 * says why. YP2 wants a woman, as a must; all six mentors are men.
 * YP1 (15) gives only an age: age alone, gaps 15-20 all in the full band
 * (6-35 years), so all six score 100 and the five first in input order are
 * listed. YP2 (16): stated gender (weight 2 x 2, value 0) and age (2, value
 * 1) = 100 x 2/6 = 33.33 with every mentor, below the v2 min_score 40 as
 * well: 6 must:gender, 6 min_score (ties in rule order). */
static void test_recommend_all_and_nobody(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv",
                                       "id,age,pref_gender,must\n"
                                       "YP1,15,,\n"
                                       "YP2,16,female,gender\n");
  g_autofree char *mentors = mm_test_write(
      dir, "mentors.csv",
      "id,age,gender,checks_cleared,training_hours,capacity\n"
      "M1,30,male,yes,5,1\nM2,31,male,yes,5,1\nM3,32,male,yes,5,1\n"
      "M4,33,male,yes,5,1\nM5,34,male,yes,5,1\nM6,35,male,yes,5,1\n");
  MmTestRun run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors);
  CU_ASSERT_EQUAL(run.status, 0);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL_FATAL(rows->len, 1 + 5 + 1);
  for (guint i = 1; i <= 5; i++) {
    g_autofree char *id = g_strdup_printf("M%u", i);
    CU_ASSERT_STRING_EQUAL(row(rows, i)[0], "YP1");
    CU_ASSERT_STRING_EQUAL(row(rows, i)[2], id);
    CU_ASSERT_STRING_EQUAL(row(rows, i)[3], "100.00");
  }
  char **nobody = row(rows, 6);
  CU_ASSERT_STRING_EQUAL(nobody[0], "YP2");
  CU_ASSERT_STRING_EQUAL(nobody[1], "");
  CU_ASSERT_STRING_EQUAL(nobody[2], "");
  CU_ASSERT_STRING_EQUAL(nobody[3], "");
  CU_ASSERT_STRING_EQUAL(nobody[4],
                         "no eligible mentor: 6 must:gender, 6 min_score");
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);

  /* and match says the same of YP2 */
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors, "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL_FATAL(rows->len, 3);
  CU_ASSERT_STRING_EQUAL(row(rows, 2)[3], "unmatched");
  CU_ASSERT_STRING_EQUAL(row(rows, 2)[4],
                         "no eligible mentor: 6 must:gender, 6 min_score");
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* ---- JSON ---- */

static JsonObject *parse_json_object(JsonParser *parser, const char *text) {
  GError *error = NULL;
  CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(parser, text, -1, &error));
  JsonNode *root = json_parser_get_root(parser);
  CU_ASSERT_TRUE_FATAL(JSON_NODE_HOLDS_OBJECT(root));
  return json_node_get_object(root);
}

/* The JSON answer carries the same rows as the CSV, and (v2) each row's
 * value, and a summary naming the objective, the as-of date and the moves
 * of the named-choice guarantee. */
static void test_match_json(void) {
  Examples e = examples_new();
  MmTestRun csv = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", e.mentors,
                "--pinned", e.pinned, "--quiet", "--explain", "--as-of",
                "2026-12-01");
  MmTestRun json = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", e.mentors,
                 "--pinned", e.pinned, "--quiet", "--explain", "--format",
                 "json", "--as-of", "2026-12-01");
  CU_ASSERT_EQUAL(json.status, 0);
  GPtrArray *rows = mm_test_parse_csv(csv.out);
  gint first = mm_test_csv_column(rows, "c_interests"), value_col = mm_test_csv_column(rows, "value");
  CU_ASSERT_TRUE_FATAL(first >= 5 && value_col > first);
  g_autoptr(JsonParser) parser = json_parser_new();
  JsonObject *answer = parse_json_object(parser, json.out);
  JsonArray *matches = json_object_get_array_member(answer, "matches");
  CU_ASSERT_EQUAL_FATAL(json_array_get_length(matches), rows->len - 1);
  guint n_unmatched = 0, n_pinned = 0;
  for (guint i = 0; i < json_array_get_length(matches); i++) {
    JsonObject *match = json_array_get_object_element(matches, i);
    char **r = row(rows, i + 1);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(match, "mentee_id"),
                           r[0]);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(match, "status"),
                           r[3]);
    if (strcmp(r[3], "unmatched") == 0) {
      n_unmatched++;
      CU_ASSERT_TRUE(json_object_get_null_member(match, "mentor_id"));
      CU_ASSERT_TRUE(json_object_get_null_member(match, "score"));
      CU_ASSERT_TRUE(json_object_get_null_member(match, "contributions"));
      CU_ASSERT_TRUE(json_object_get_null_member(match, "value"));
      CU_ASSERT_STRING_EQUAL(json_object_get_string_member(match, "reason"),
                             r[4]);
      continue;
    }
    n_pinned += strcmp(r[3], "pinned") == 0;
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(match, "mentor_id"),
                           r[1]);
    CU_ASSERT_DOUBLE_EQUAL(json_object_get_double_member(match, "score"),
                           g_ascii_strtod(r[2], NULL), 1e-9);
    CU_ASSERT_TRUE(json_object_get_null_member(match, "reason"));
    JsonObject *contributions =
        json_object_get_object_member(match, "contributions");
    CU_ASSERT_EQUAL(json_object_get_size(contributions), MM_N_CRITERIA);
    for (guint c = 0; c < MM_N_CRITERIA; c++)
      CU_ASSERT_DOUBLE_EQUAL(
          json_object_get_double_member(contributions,
                                        mm_criterion_name((MmCriterion)c)),
          g_ascii_strtod(r[first + c], NULL), 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(json_object_get_double_member(match, "value"),
                           g_ascii_strtod(r[value_col], NULL), 1e-9);
    CU_ASSERT_TRUE(json_array_get_length(json_object_get_array_member(
                       match, "reasons")) > 0);
  }
  JsonObject *summary = json_object_get_object_member(answer, "summary");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(summary, "mode"),
                         "optimal");
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "mentees"),
                  rows->len - 1);
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "unmatched"),
                  n_unmatched);
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "pinned"), n_pinned);
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "matched") + n_pinned +
                      n_unmatched,
                  rows->len - 1);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(summary, "prefer"),
                         "quality");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(summary, "as_of"),
                         "2026-12-01");
  CU_ASSERT_TRUE(json_object_has_member(summary, "named_moves"));
  /* numbers are printed as they are rounded, not as 61.100000000000001 */
  CU_ASSERT_PTR_NULL(strstr(json.out, "0000000"));
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&csv);
  mm_test_run_clear(&json);
  examples_clear(&e);
}

static void test_recommend_json(void) {
  Examples e = examples_new();
  MmTestRun csv = MM_TEST_CLI("recommend", "--mentees", e.mentees, "--mentors", e.mentors,
                "--top", "2");
  MmTestRun json = MM_TEST_CLI("recommend", "--mentees", e.mentees, "--mentors", e.mentors,
                 "--top", "2", "--format", "json");
  CU_ASSERT_EQUAL(json.status, 0);
  GPtrArray *rows = mm_test_parse_csv(csv.out);
  g_autoptr(JsonParser) parser = json_parser_new();
  JsonObject *answer = parse_json_object(parser, json.out);
  JsonArray *list = json_object_get_array_member(answer, "recommendations");
  CU_ASSERT_EQUAL(json_array_get_length(list), 24);
  guint next = 1;
  for (guint i = 0; i < json_array_get_length(list); i++) {
    JsonObject *entry = json_array_get_object_element(list, i);
    JsonArray *mentors = json_object_get_array_member(entry, "mentors");
    guint n = json_array_get_length(mentors);
    CU_ASSERT_TRUE(n <= 2);
    CU_ASSERT_EQUAL(json_object_get_null_member(entry, "reason"), n > 0);
    for (guint k = 0; k < n; k++) {
      JsonObject *mentor = json_array_get_object_element(mentors, k);
      char **r = row(rows, next++);
      CU_ASSERT_STRING_EQUAL(json_object_get_string_member(entry, "mentee_id"),
                             r[0]);
      CU_ASSERT_EQUAL(json_object_get_int_member(mentor, "rank"), k + 1);
      CU_ASSERT_STRING_EQUAL(
          json_object_get_string_member(mentor, "mentor_id"), r[2]);
      CU_ASSERT_DOUBLE_EQUAL(json_object_get_double_member(mentor, "score"),
                             g_ascii_strtod(r[3], NULL), 1e-9);
    }
    if (n == 0)
      next++;
  }
  CU_ASSERT_EQUAL(next, rows->len);
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&csv);
  mm_test_run_clear(&json);
  examples_clear(&e);
}

/* ---- version 2: the as-of date, the objective, named choices ---- */

/* The first line of @text (transfer full). */
static char *first_line(const char *text) {
  const char *end = strchr(text, '\n');
  return end != NULL ? g_strndup(text, (gsize)(end - text)) : g_strdup(text);
}

/* Whether some line of @text starts with @prefix and holds every string of
 * the NULL-terminated @parts. */
static gboolean has_line(const char *text, const char *prefix,
                         const char *const *parts) {
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  for (guint k = 0; lines[k] != NULL; k++) {
    if (!g_str_has_prefix(lines[k], prefix))
      continue;
    gboolean all = TRUE;
    for (guint p = 0; parts[p] != NULL; p++)
      all &= strstr(lines[k], parts[p]) != NULL;
    if (all)
      return TRUE;
  }
  fprintf(stderr, "no line %s... with the expected parts in:\n%s", prefix,
          text);
  return FALSE;
}
#define HAS_LINE(text, prefix, ...)                                            \
  has_line((text), (prefix), (const char *const[]){__VA_ARGS__, NULL})

/* Two young people and one mentor, M1 (30, football and music). YPA (15)
 * gives only an age: age alone (gap 15, value 1) = 100. YPB (15) gives
 * football, music and cooking: 2 shared of 3 (value 2/3, weight 3) and age
 * (2) = 100 x 4/5 = 80. Both eligible (min_score 40); nobody names a mentor
 * or has a priority, so a pair's value (quality) is its score plus 0.5 per
 * full week waited since waiting_since, at most 52 weeks:
 * - as of 2026-06-01: YPA waited 0 days (0 weeks): 100; YPB since
 *   2025-06-01, 365 days = 52 weeks: 80 + 26 = 106. M1 goes to YPB.
 * - as of 2026-12-01: YPA 183 days (June 30 + July 31 + August 31 +
 *   September 30 + October 31 + November 30) = 26 weeks: 100 + 13 = 113;
 *   YPB 548 days = 78 weeks, capped at 52: 106. M1 goes to YPA.
 * So the as-of date decides, and the cap shows. */
static const char waiting_mentees[] =
    "id,age,interests,waiting_since\n"
    "YPA,15,,2026-06-01\n"
    "YPB,15,football;music;cooking,2025-06-01\n";
static const char waiting_mentors[] =
    "id,age,interests,checks_cleared,training_hours\n"
    "M1,30,football;music,yes,3\n";

static void test_as_of(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv", waiting_mentees);
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv", waiting_mentors);
  static const struct {
    const char *as_of, *winner, *loser, *value, *summary;
  } cases[] = {
      {"2026-06-01", "YPB", "YPA", "106.00",
       "optimal, prefer quality, as of 2026-06-01: matched 1 of 2 mentees (0 "
       "pinned), 1 unmatched; mean score 80.00; stated preferences met 0 of "
       "0"},
      {"2026-12-01", "YPA", "YPB", "113.00",
       "optimal, prefer quality, as of 2026-12-01: matched 1 of 2 mentees (0 "
       "pinned), 1 unmatched; mean score 100.00; stated preferences met 0 of "
       "0"},
  };
  for (guint k = 0; k < G_N_ELEMENTS(cases); k++) {
    MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors",
                                mentors, "--as-of", cases[k].as_of,
                                "--explain");
    CU_ASSERT_EQUAL(run.status, 0);
    g_autofree char *summary = first_line(run.err);
    CU_ASSERT_STRING_EQUAL(summary, cases[k].summary);
    GPtrArray *rows = mm_test_parse_csv(run.out);
    CU_ASSERT_EQUAL_FATAL(rows->len, 3);
    gint value_col = mm_test_csv_column(rows, "value");
    CU_ASSERT_TRUE_FATAL(value_col > 0);
    for (guint i = 1; i <= 2; i++) {
      char **r = row(rows, i);
      if (strcmp(r[0], cases[k].winner) == 0) {
        CU_ASSERT_STRING_EQUAL(r[1], "M1");
        CU_ASSERT_STRING_EQUAL(r[3], "matched");
        CU_ASSERT_STRING_EQUAL(r[value_col], cases[k].value);
      } else {
        CU_ASSERT_STRING_EQUAL(r[0], cases[k].loser);
        CU_ASSERT_STRING_EQUAL(r[3], "unmatched");
      }
    }
    g_ptr_array_free(rows, TRUE);
    mm_test_run_clear(&run);

    /* the other commands that take the date accept it */
    run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors,
                      "--as-of", cases[k].as_of);
    CU_ASSERT_EQUAL(run.status, 0);
    mm_test_run_clear(&run);
    run = MM_TEST_CLI("validate", "--mentees", mentees, "--mentors", mentors,
                      "--as-of", cases[k].as_of);
    CU_ASSERT_EQUAL(run.status, 0);
    mm_test_run_clear(&run);
    run = MM_TEST_CLI("report", "--mentees", mentees, "--mentors", mentors,
                      "--as-of", cases[k].as_of);
    CU_ASSERT_EQUAL(run.status, 0);
    mm_test_run_clear(&run);
  }

  /* JSON says the date too */
  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", "2026-06-01", "--format",
                              "json", "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  g_autoptr(JsonParser) parser = json_parser_new();
  CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(parser, run.out, -1, NULL));
  JsonObject *summary = json_object_get_object_member(
      json_node_get_object(json_parser_get_root(parser)), "summary");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(summary, "as_of"),
                         "2026-06-01");
  mm_test_run_clear(&run);

  /* a date that is not one: a usage error, nothing written */
  g_autofree char *out = g_build_filename(dir, "matches.csv", NULL);
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", "2026-06-31", "--output", out);
  CU_ASSERT_EQUAL(run.status, 2);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, "--as-of"));
  CU_ASSERT_FALSE(g_file_test(out, G_FILE_TEST_EXISTS));
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* the contract (docs/): waiting_since is not after the as-of date. As of 2026-05-31,
 * YPA's 2026-06-01 (line 2) is after it: bad input (exit 1), reported as
 * FILE:LINE: column waiting_since, and an earlier output file is kept as
 * it was. YPB's 2025-06-01 (line 3) is fine. */
static void test_waiting_since_after_as_of(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv", waiting_mentees);
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv", waiting_mentors);
  g_autofree char *out = mm_test_write(dir, "matches.csv", "last week's matches\n");
  g_autofree char *dump = mm_test_write(dir, "scores.csv", "last week's scores\n");
  g_autofree char *line2 =
      g_strdup_printf("%s:2: column waiting_since: ", mentees);
  g_autofree char *line3 =
      g_strdup_printf("%s:3: column waiting_since: ", mentees);

  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", "2026-05-31", "--output",
                              out, "--dump-scores", dump);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  CU_ASSERT_TRUE(HAS_LINE(run.err, line2, "2026-06-01", "2026-05-31"));
  CU_ASSERT_PTR_NULL(strstr(run.err, line3));
  g_autofree char *kept = mm_test_read(out);
  g_autofree char *kept_dump = mm_test_read(dump);
  CU_ASSERT_STRING_EQUAL(kept, "last week's matches\n");
  CU_ASSERT_STRING_EQUAL(kept_dump, "last week's scores\n");
  CU_ASSERT_EQUAL(mm_test_count_entries(dir), 4); /* no temporary file left */
  mm_test_run_clear(&run);

  /* the same for the other commands that read the date */
  run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", "2026-05-31", "--output", out);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, line2));
  g_autofree char *still = mm_test_read(out);
  CU_ASSERT_STRING_EQUAL(still, "last week's matches\n");
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("validate", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", "2026-05-31");
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, line2));
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("report", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", "2026-05-31");
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, line2));
  mm_test_run_clear(&run);

  /* the day itself is not after it */
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", "2026-06-01", "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);

  /* a waiting_since that is no date is bad input in that column too */
  g_autofree char *bad = mm_test_write(dir, "bad.csv",
                                   "id,age,waiting_since\n"
                                   "YPA,15,2026-01-01\n"
                                   "YPB,15,2026-02-30\n");
  g_autofree char *bad_line =
      g_strdup_printf("%s:3: column waiting_since: ", bad);
  run = MM_TEST_CLI("match", "--mentees", bad, "--mentors", mentors,
                    "--as-of", "2026-12-01", "--output", out);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, bad_line));
  g_autofree char *again = mm_test_read(out);
  CU_ASSERT_STRING_EQUAL(again, "last week's matches\n");
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* A version 1 config that still weighs choice is an error that points to
 * the objective's choice_bonus. */
static void test_config_choice_weight(void) {
  char *dir = mm_test_tmp_dir_new();
  Examples e = examples_new();
  g_autofree char *config = mm_test_write(dir, "config.ini",
                                      "[weights]\n"
                                      "interests = 3\n"
                                      "choice = 4\n");
  g_autofree char *where =
      g_strdup_printf("%s:3: column weights.choice: ", config);
  MmTestRun run = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors",
                              e.mentors, "--config", config);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  CU_ASSERT_TRUE(HAS_LINE(run.err, where, "choice_bonus"));
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("validate", "--mentees", e.mentees, "--mentors", e.mentors,
                    "--config", config);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_TRUE(HAS_LINE(run.err, where, "choice_bonus"));
  mm_test_run_clear(&run);

  /* where it belongs now, it is accepted */
  g_autofree char *objective = mm_test_write(dir, "objective.ini",
                                         "[objective]\n"
                                         "choice_bonus = 4\n");
  run = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors", e.mentors,
                    "--config", objective, "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  examples_clear(&e);
  mm_test_tmp_dir_remove(dir);
}

/* A pool where the two objectives disagree. Mentors 30 (M2 takes ages up
 * to 16 only); weights interests 3, age 2, availability 2 (the young
 * people give interests and availability; everything else is absent), age
 * value 1 for gaps 13 and 15:
 *   YP1-M1: 3 of 3 interests (3) + age 2 + 2 slots of 2 (2) = 7/7 = 100
 *   YP1-M2: 1 interest (1) + 2 + 0 slots = 3/7 = 42.86
 *   YP2-M1: 1 interest, art (1) + 2 + 0 (sun-pm not shared) = 42.86
 *   YP2-M2: YP2 is 17: age_range (and 2/7 = 28.57 < 40: min_score)
 * No priority, no named mentor, no waiting_since: a pair's value is its
 * score. quality: YP1-M1 alone (100) beats YP1-M2 + YP2-M1 (85.72), so YP2
 * waits; count: two matches beat one, YP1-M2 and YP2-M1, mean 42.86. */
static void test_prefer_count(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv",
                                       "id,age,interests,availability\n"
                                       "YP1,15,football;music;cooking,"
                                       "sat-am;sat-pm\n"
                                       "YP2,17,art;chess;drama,sun-pm\n");
  g_autofree char *mentors = mm_test_write(
      dir, "mentors.csv",
      "id,age,interests,availability,checks_cleared,training_hours,"
      "mentee_age_max\n"
      "M1,30,football;music;cooking;art,sat-am;sat-pm,yes,3,\n"
      "M2,30,football,mon-am,yes,3,16\n");
  g_autofree char *count = mm_test_write(dir, "count.ini",
                                     "[objective]\nprefer = count\n");
  g_autofree char *quality = mm_test_write(dir, "quality.ini",
                                       "[objective]\nprefer = quality\n");

  /* the default, and the same said explicitly */
  const char *configs[] = {NULL, quality};
  for (guint k = 0; k < G_N_ELEMENTS(configs); k++) {
    MmTestRun run =
        configs[k] == NULL
            ? MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                          "--as-of", "2026-12-01")
            : MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                          "--as-of", "2026-12-01", "--config", configs[k]);
    CU_ASSERT_EQUAL(run.status, 0);
    g_autofree char *summary = first_line(run.err);
    CU_ASSERT_STRING_EQUAL(
        summary, "optimal, prefer quality, as of 2026-12-01: matched 1 of 2 "
                 "mentees (0 pinned), 1 unmatched; mean score 100.00; stated "
                 "preferences met 0 of 0");
    GPtrArray *rows = mm_test_parse_csv(run.out);
    CU_ASSERT_EQUAL_FATAL(rows->len, 3);
    CU_ASSERT_STRING_EQUAL(row(rows, 1)[1], "M1");
    CU_ASSERT_STRING_EQUAL(row(rows, 1)[2], "100.00");
    CU_ASSERT_STRING_EQUAL(row(rows, 2)[1], "");
    CU_ASSERT_STRING_EQUAL(row(rows, 2)[3], "unmatched");
    /* waiting because its one eligible mentor went to YP1 */
    CU_ASSERT_TRUE(g_str_has_prefix(row(rows, 2)[4],
                                    "eligible mentors all taken"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(rows, 2)[4], "YP1"));
    g_ptr_array_free(rows, TRUE);
    mm_test_run_clear(&run);
  }

  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", "2026-12-01", "--config",
                              count, "--explain");
  CU_ASSERT_EQUAL(run.status, 0);
  g_autofree char *summary = first_line(run.err);
  CU_ASSERT_STRING_EQUAL(
      summary, "optimal, prefer count, as of 2026-12-01: matched 2 of 2 "
               "mentees (0 pinned), 0 unmatched; mean score 42.86; stated "
               "preferences met 0 of 0");
  GPtrArray *rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL_FATAL(rows->len, 3);
  gint value_col = mm_test_csv_column(rows, "value");
  CU_ASSERT_TRUE_FATAL(value_col > 0);
  CU_ASSERT_STRING_EQUAL(row(rows, 1)[1], "M2");
  CU_ASSERT_STRING_EQUAL(row(rows, 1)[2], "42.86");
  CU_ASSERT_STRING_EQUAL(row(rows, 1)[value_col], "42.86");
  CU_ASSERT_STRING_EQUAL(row(rows, 2)[1], "M1");
  CU_ASSERT_STRING_EQUAL(row(rows, 2)[2], "42.86");
  CU_ASSERT_STRING_EQUAL(row(rows, 2)[value_col], "42.86");
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);

  /* JSON: the summary names the objective */
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--config", count, "--format", "json", "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  g_autoptr(JsonParser) parser = json_parser_new();
  CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(parser, run.out, -1, NULL));
  JsonObject *json_summary = json_object_get_object_member(
      json_node_get_object(json_parser_get_root(parser)), "summary");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(json_summary, "prefer"),
                         "count");
  CU_ASSERT_EQUAL(json_object_get_int_member(json_summary, "matched"), 2);
  mm_test_run_clear(&run);

  /* anything else is an error in the config */
  g_autofree char *most = mm_test_write(dir, "most.ini",
                                    "[objective]\nprefer = most\n");
  g_autofree char *where =
      g_strdup_printf("%s:2: column objective.prefer: ", most);
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--config", most);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  CU_ASSERT_TRUE(HAS_LINE(run.err, where, "quality or count"));
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* the contract (docs/), checked from outside: no young person is left unmatched, or
 * given a mentor they did not name, while one of their named mentors is
 * eligible for them and has a free place in the result. Eligible pairs come
 * from --dump-scores (every pair that passes the hard rules other than
 * capacity); places from the mentor file; pins use places; pinned young
 * people keep their mentor. Every mode, on the examples. */
static void test_named_choice_guarantee(void) {
  char *dir = mm_test_tmp_dir_new();
  Examples e = examples_new();
  g_autoptr(MmPool) pool = load_pool(e.mentees, e.mentors);
  guint n = mm_pool_n_mentees(pool), m = mm_pool_n_mentors(pool);
  g_autofree char *dump = g_build_filename(dir, "scores.csv", NULL);
  const char *modes[] = {"optimal", "stable", "greedy"};
  guint named_young_people = 0;
  for (guint k = 0; k < G_N_ELEMENTS(modes); k++) {
    MmTestRun run = MM_TEST_CLI("match", "--mentees", e.mentees, "--mentors",
                                e.mentors, "--config", e.config, "--pinned",
                                e.pinned, "--mode", modes[k], "--dump-scores",
                                dump, "--quiet");
    CU_ASSERT_EQUAL_FATAL(run.status, 0);
    GPtrArray *rows = mm_test_parse_csv(run.out);
    g_autofree char *dumped_text = mm_test_read(dump);
    GPtrArray *dumped = mm_test_parse_csv(dumped_text);
    gboolean *eligible = g_new0(gboolean, (gsize)n * m);
    for (guint d = 1; d < dumped->len; d++) {
      gint i = mm_pool_find_mentee(pool, row(dumped, d)[0]);
      gint j = mm_pool_find_mentor(pool, row(dumped, d)[1]);
      CU_ASSERT_TRUE_FATAL(i >= 0 && j >= 0);
      eligible[(gsize)i * m + (guint)j] = TRUE;
    }
    guint *load = g_new0(guint, m);
    for (guint i = 0; i < n; i++) {
      gint j = mm_pool_find_mentor(pool, row(rows, i + 1)[1]);
      if (j >= 0)
        load[j]++;
    }
    for (guint i = 0; i < n; i++) {
      char **r = row(rows, i + 1);
      if (strcmp(r[3], "pinned") == 0)
        continue;
      GArray *named = named_mentors(pool, e.mentees, r[0]);
      named_young_people += k == 0 && named->len > 0;
      gint given = mm_pool_find_mentor(pool, r[1]); /* -1: unmatched */
      gboolean on_named = FALSE;
      for (guint q = 0; q < named->len; q++)
        on_named |= given >= 0 && g_array_index(named, guint, q) == (guint)given;
      for (guint q = 0; !on_named && q < named->len; q++) {
        guint j = g_array_index(named, guint, q);
        if (eligible[(gsize)i * m + j] &&
            load[j] < mm_pool_mentor_capacity(pool, j)) {
          fprintf(stderr,
                  "%s: %s is %s although named %s is eligible and free\n",
                  modes[k], r[0], r[3], mm_pool_mentor_id(pool, j));
          CU_FAIL("named-choice guarantee broken");
        }
      }
      g_array_free(named, TRUE);
    }
    g_free(load);
    g_free(eligible);
    g_ptr_array_free(dumped, TRUE);
    g_ptr_array_free(rows, TRUE);
    mm_test_run_clear(&run);
  }
  CU_ASSERT_TRUE(named_young_people > 0); /* the examples name mentors */
  examples_clear(&e);
  mm_test_tmp_dir_remove(dir);
}

/* the contract (docs/) (v2): match's CSV has the column flags after reason, listing
 * what a coordinator must review on a matched or pinned row, and the JSON
 * rows carry "flags" as a list. YP1 is pinned to M1, whose checks are not
 * cleared: breaks:checks. YP2 states a female mentor (not a must) and gets
 * M2, a man: missed:gender (YP2-M2: 3 shared interests (3) + stated gender
 * 4 x 0 + age 2 = 5/9 = 55.56, eligible; YP2 is M2's only candidate: YP1
 * is pinned and YP3 is 29, not 2 years younger than either mentor). YP3 is
 * unmatched: no flags. Nobody gives languages, availability or a location,
 * and both mentors record interests: nothing else to flag. */
static void test_match_flags_column(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv",
                                       "id,age,interests,pref_gender\n"
                                       "YP1,15,,\n"
                                       "YP2,15,football;music;cooking,female\n"
                                       "YP3,29,,\n");
  g_autofree char *mentors = mm_test_write(
      dir, "mentors.csv",
      "id,age,gender,interests,checks_cleared,training_hours\n"
      "M1,30,male,football,no,3\n"
      "M2,30,male,football;music;cooking,yes,3\n");
  g_autofree char *pins = mm_test_write(dir, "pins.csv",
                                    "mentee_id,mentor_id\nYP1,M1\n");
  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors",
                              mentors, "--pinned", pins, "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_TRUE(g_str_has_prefix(
      run.out, "mentee_id,mentor_id,score,status,reason,flags\n"));
  GPtrArray *rows = mm_test_parse_csv(run.out);
  gint flags = mm_test_csv_column(rows, "flags");
  CU_ASSERT_EQUAL(flags, 5);
  if (flags == 5 && rows->len == 4) {
    CU_ASSERT_STRING_EQUAL(row(rows, 1)[3], "pinned");
    CU_ASSERT_STRING_EQUAL(row(rows, 1)[flags], "breaks:checks");
    CU_ASSERT_STRING_EQUAL(row(rows, 2)[1], "M2");
    CU_ASSERT_STRING_EQUAL(row(rows, 2)[flags], "missed:gender");
    CU_ASSERT_STRING_EQUAL(row(rows, 3)[3], "unmatched");
    CU_ASSERT_STRING_EQUAL(row(rows, 3)[flags], "");
  }
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);

  /* with --explain the explanation follows the flags */
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--pinned", pins, "--quiet", "--explain");
  rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL(mm_test_csv_column(rows, "flags"), 5);
  CU_ASSERT_EQUAL(mm_test_csv_column(rows, "c_interests"), 6);
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);

  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--pinned", pins, "--quiet", "--format", "json");
  CU_ASSERT_EQUAL(run.status, 0);
  g_autoptr(JsonParser) parser = json_parser_new();
  CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(parser, run.out, -1, NULL));
  JsonArray *matches = json_object_get_array_member(
      json_node_get_object(json_parser_get_root(parser)), "matches");
  const char *expected[] = {"breaks:checks", "missed:gender", NULL};
  for (guint i = 0; i < 3 && i < json_array_get_length(matches); i++) {
    JsonObject *match = json_array_get_object_element(matches, i);
    CU_ASSERT_TRUE(json_object_has_member(match, "flags"));
    if (!json_object_has_member(match, "flags"))
      continue;
    JsonArray *list = json_object_get_array_member(match, "flags");
    CU_ASSERT_EQUAL(json_array_get_length(list), expected[i] != NULL);
    if (expected[i] != NULL && json_array_get_length(list) == 1)
      CU_ASSERT_STRING_EQUAL(json_array_get_string_element(list, 0),
                             expected[i]);
  }
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* the contract (docs/): in recommend, the mentors the young person already named come
 * first, in their order, and say so in reasons; then the others by score.
 * YP1 (15) gives three interests; mentors are 30 (age value 1, weight 2):
 * score 20 x (k + 2) for k shared interests. M1 shares 3 (100), M2 1 (60),
 * M3 2 (80), M4 2 (80). YP1 names M2, then M3. Expected: M2 (60), M3 (80),
 * M1 (100), M4 (80). */
static void test_recommend_named_first(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv",
                                       "id,age,interests,preferred_mentors\n"
                                       "YP1,15,football;music;cooking,M2;M3\n");
  g_autofree char *mentors = mm_test_write(
      dir, "mentors.csv",
      "id,age,interests,checks_cleared,training_hours\n"
      "M1,30,football;music;cooking,yes,3\n"
      "M2,30,football,yes,3\n"
      "M3,30,music;cooking,yes,3\n"
      "M4,30,football;music,yes,3\n");
  MmTestRun run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors",
                              mentors);
  CU_ASSERT_EQUAL(run.status, 0);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL_FATAL(rows->len, 5);
  static const char *const ids[] = {"M2", "M3", "M1", "M4"};
  static const char *const scores[] = {"60.00", "80.00", "100.00", "80.00"};
  for (guint r = 0; r < 4; r++) {
    CU_ASSERT_STRING_EQUAL(row(rows, r + 1)[2], ids[r]);
    CU_ASSERT_STRING_EQUAL(row(rows, r + 1)[3], scores[r]);
  }
  CU_ASSERT_PTR_NOT_NULL(strstr(row(rows, 1)[4], "named by the young person"));
  CU_ASSERT_PTR_NOT_NULL(strstr(row(rows, 2)[4], "named by the young person"));
  CU_ASSERT_PTR_NULL(strstr(row(rows, 3)[4], "named by the young person as"));
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* the contract (docs/) (v2): recommend --realistic lists first the mentor the optimal
 * assignment gives the young person, then mentors that still have a free
 * place after it, by score. One place each. YP1 (15): M1 shares 3 interests
 * (100), M2 2 (80), M3 1 (60). YP2 (17) can only have M1 (3 shared, 100):
 * M2 and M3 take ages up to 16. Optimal (quality, values = scores): YP1-M2
 * + YP2-M1 = 180 beats YP1-M1 alone (100) and YP1-M3 + YP2-M1 (160). So
 * YP1's realistic list is M2 then M3 (M1 is taken); YP2's is M1. */
static void test_recommend_realistic(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv",
                                       "id,age,interests\n"
                                       "YP1,15,football;music;cooking\n"
                                       "YP2,17,art;chess;drama\n");
  g_autofree char *mentors = mm_test_write(
      dir, "mentors.csv",
      "id,age,interests,checks_cleared,training_hours,mentee_age_max\n"
      "M1,30,football;music;cooking;art;chess;drama,yes,3,\n"
      "M2,30,football;music,yes,3,16\n"
      "M3,30,football,yes,3,16\n");
  /* the plain shortlist is by score */
  MmTestRun run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors",
                              mentors, "--mentee", "YP1");
  CU_ASSERT_EQUAL(run.status, 0);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL_FATAL(rows->len, 4);
  CU_ASSERT_STRING_EQUAL(row(rows, 1)[2], "M1");
  CU_ASSERT_STRING_EQUAL(row(rows, 2)[2], "M2");
  CU_ASSERT_STRING_EQUAL(row(rows, 3)[2], "M3");
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);

  run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors,
                    "--realistic");
  CU_ASSERT_EQUAL(run.status, 0);
  rows = mm_test_parse_csv(run.out);
  static const char *const expected[][3] = {{"YP1", "M2", "80.00"},
                                            {"YP1", "M3", "60.00"},
                                            {"YP2", "M1", "100.00"}};
  CU_ASSERT_EQUAL(rows->len, 4);
  for (guint k = 0; k < 3 && k + 1 < rows->len; k++) {
    CU_ASSERT_STRING_EQUAL(row(rows, k + 1)[0], expected[k][0]);
    CU_ASSERT_STRING_EQUAL(row(rows, k + 1)[2], expected[k][1]);
    CU_ASSERT_STRING_EQUAL(row(rows, k + 1)[3], expected[k][2]);
  }
  g_ptr_array_free(rows, TRUE);
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* the contract (docs/) (v2): validate warns about mentors who can never be matched
 * (checks, training) and about named mentors who are not eligible for the
 * young person who named them, saying which rule. M2's checks are not
 * cleared (line 3), M3 has 1 hour of training of the 3 required (line 4);
 * YP1 (line 2) names M2. Warnings pass validate, and fail it with
 * --strict. */
static void test_validate_v2_warnings(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv",
                                       "id,age,preferred_mentors\n"
                                       "YP1,15,M2\n");
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv",
                                       "id,age,checks_cleared,training_hours\n"
                                       "M1,30,yes,3\n"
                                       "M2,30,no,3\n"
                                       "M3,30,yes,1\n");
  g_autofree char *m2 = g_strdup_printf("%s:3: column ", mentors);
  g_autofree char *m3 = g_strdup_printf("%s:4: column ", mentors);
  g_autofree char *yp1 = g_strdup_printf("%s:2: column ", mentees);
  MmTestRun run = MM_TEST_CLI("validate", "--mentees", mentees, "--mentors",
                              mentors);
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_TRUE(HAS_LINE(run.err, m2, "warning", "checks"));
  CU_ASSERT_TRUE(HAS_LINE(run.err, m3, "warning", "training"));
  CU_ASSERT_TRUE(HAS_LINE(run.err, yp1, "warning", "M2", "checks"));
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("validate", "--mentees", mentees, "--mentors", mentors,
                    "--strict");
  CU_ASSERT_EQUAL(run.status, 1);
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* validate --pinned: a pin that breaks a rule is a warning at the pin's
 * line, column mentor_id, counted in a summary line of its own; a natural
 * mentor nobody named is a warning at the mentor's row. YP2 excludes M1;
 * M2 is a natural mentor nobody names (line 3). Every pair scores 100 (age
 * alone, 15 years older). */
static void test_validate_pins_and_natural(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv",
                                       "id,age,excluded_mentors\n"
                                       "YP1,15,\n"
                                       "YP2,15,M1\n");
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv",
                                       "id,age,checks_cleared,training_hours,"
                                       "capacity,mentor_type\n"
                                       "M1,30,yes,3,2,volunteer\n"
                                       "M2,30,yes,3,1,natural\n");
  g_autofree char *pinned = mm_test_write(dir, "pinned.csv",
                                      "mentee_id,mentor_id\n"
                                      "YP1,M1\n"
                                      "YP2,M1\n");
  MmTestRun run = MM_TEST_CLI("validate", "--mentees", mentees, "--mentors",
                              mentors, "--pinned", pinned);
  CU_ASSERT_EQUAL(run.status, 0);
  g_autofree char *want_err = g_strdup_printf(
      "%s:3: column mentor_type: warning: natural mentor M2 is named by no "
      "young person, so can never be matched\n"
      "%s:3: column mentor_id: warning: pinned pair YP2-M1 kept although it "
      "breaks: 1 excluded\n",
      mentors, pinned);
  CU_ASSERT_STRING_EQUAL(run.err, want_err);
  g_autofree char *want_out = g_strdup_printf(
      "%s: 2 people, 0 errors, 0 warnings\n"
      "%s: 2 people, 0 errors, 1 warning\n"
      "config: built-in defaults\n"
      "%s: 0 errors, 1 warning\n",
      mentees, mentors, pinned);
  CU_ASSERT_STRING_EQUAL(run.out, want_out);
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("validate", "--mentees", mentees, "--mentors", mentors,
                    "--pinned", pinned, "--strict");
  CU_ASSERT_EQUAL(run.status, 1);
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* ---- generate ---- */

/* Reads DIR/NAME (fails the test when missing). */
static char *read_in(const char *dir, const char *name) {
  g_autofree char *path = g_build_filename(dir, name, NULL);
  char *text = mm_test_read(path);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  return text;
}

static void assert_mode_0600(const char *dir, const char *name) {
  g_autofree char *path = g_build_filename(dir, name, NULL);
  struct stat st;
  CU_ASSERT_EQUAL_FATAL(g_stat(path, &st), 0);
  CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
}

/* Both files hold exactly what the generator gives for the arguments (the
 * CLI adds nothing and loses nothing), are owner-only, load with no error
 * and no warning, and the same seed gives the same bytes; another seed
 * gives other people. The folder is created, parents included. */
static void test_generate(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *parent = g_build_filename(dir, "new", NULL);
  g_autofree char *first = g_build_filename(parent, "pools", NULL);
  MmTestRun run = MM_TEST_CLI("generate", "--mentees", "300", "--mentors", "120", "--seed",
                "42", "--dir", first);
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_STRING_EQUAL(run.err, "");
  mm_test_run_clear(&run);
  g_autofree char *mentees = read_in(first, "mentees.csv");
  g_autofree char *mentors = read_in(first, "mentors.csv");
  g_autofree char *want_mentees = mm_synthetic_csv(MM_SIDE_MENTEE, 300, 120, 42);
  g_autofree char *want_mentors = mm_synthetic_csv(MM_SIDE_MENTOR, 120, 120, 42);
  CU_ASSERT_STRING_EQUAL(mentees, want_mentees);
  CU_ASSERT_STRING_EQUAL(mentors, want_mentors);
  assert_mode_0600(first, "mentees.csv");
  assert_mode_0600(first, "mentors.csv");

  /* a header and one row per person */
  GPtrArray *rows = mm_test_parse_csv(mentees);
  CU_ASSERT_EQUAL(rows->len, 301);
  g_ptr_array_free(rows, TRUE);
  rows = mm_test_parse_csv(mentors);
  CU_ASSERT_EQUAL(rows->len, 121);
  g_ptr_array_free(rows, TRUE);

  g_autofree char *mentees_path = g_build_filename(first, "mentees.csv", NULL);
  g_autofree char *mentors_path = g_build_filename(first, "mentors.csv", NULL);
  /* Loading gives no error and no warning. A realistic pool has mentors
   * still in screening or training and choices the rules refuse, so
   * validate then warns (v2): exactly what mm_validate() finds in it. */
  g_autoptr(MmPool) pool = mm_pool_new();
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  CU_ASSERT_TRUE(mm_pool_load_csv(pool, MM_SIDE_MENTEE, mentees_path, diags, NULL));
  CU_ASSERT_TRUE(mm_pool_load_csv(pool, MM_SIDE_MENTOR, mentors_path, diags, NULL));
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, MM_TEST_AS_OF, NULL));
  CU_ASSERT_TRUE_FATAL(mm_pool_prepare(pool, diags, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(diags), 0);
  mm_validate(pool, NULL, NULL, diags);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  CU_ASSERT_TRUE(mm_diagnostics_n_warnings(diags) > 0);
  GString *want_err = g_string_new(NULL);
  guint on_mentees = 0;
  for (guint k = 0; k < mm_diagnostics_length(diags); k++) {
    const MmDiagnostic *d = mm_diagnostics_get(diags, k);
    g_autofree char *text = mm_diagnostic_format(d);
    g_string_append_printf(want_err, "%s\n", text);
    on_mentees += strcmp(d->source, mentees_path) == 0;
  }
  guint on_mentors = mm_diagnostics_length(diags) - on_mentees;
  run = MM_TEST_CLI("validate", "--mentees", mentees_path, "--mentors", mentors_path,
            "--as-of", MM_TEST_AS_OF);
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_STRING_EQUAL(run.err, want_err->str);
  g_autofree char *expected = g_strdup_printf(
      "%s: 300 people, 0 errors, %u %s\n"
      "%s: 120 people, 0 errors, %u %s\n"
      "config: built-in defaults\n",
      mentees_path, on_mentees, on_mentees == 1 ? "warning" : "warnings",
      mentors_path, on_mentors, on_mentors == 1 ? "warning" : "warnings");
  CU_ASSERT_STRING_EQUAL(run.out, expected);
  mm_test_run_clear(&run);
  g_string_free(want_err, TRUE);

  /* the same seed again, into an existing folder: the same bytes */
  g_autofree char *again = g_build_filename(dir, "again", NULL);
  CU_ASSERT_EQUAL(g_mkdir(again, 0700), 0);
  run = MM_TEST_CLI("generate", "--mentees", "300", "--mentors", "120", "--seed", "42",
            "--dir", again);
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  g_autofree char *mentees_again = read_in(again, "mentees.csv");
  g_autofree char *mentors_again = read_in(again, "mentors.csv");
  CU_ASSERT_STRING_EQUAL(mentees_again, mentees);
  CU_ASSERT_STRING_EQUAL(mentors_again, mentors);

  /* another seed (into the same folder: the files are replaced) */
  run = MM_TEST_CLI("generate", "--mentees", "300", "--mentors", "120", "--seed", "43",
            "--dir", again);
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  g_autofree char *mentees_other = read_in(again, "mentees.csv");
  CU_ASSERT_STRING_NOT_EQUAL(mentees_other, mentees);
  CU_ASSERT_EQUAL(mm_test_count_entries(again), 2);

  mm_test_tmp_dir_remove(g_strdup(first));
  mm_test_tmp_dir_remove(g_strdup(again));
  g_rmdir(parent);
  mm_test_tmp_dir_remove(dir);
}

/* Bad numbers and missing flags are usage errors (2) and write nothing; a
 * folder that cannot be made is an I/O error (1). */
static void test_generate_errors(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *out = g_build_filename(dir, "out", NULL);
  const char *bad[][2] = {
      {"0", "10"},  {"10", "0"},     {"-5", "10"}, {"10", "1.5"},
      {"ten", "10"}, {"10", " 10"},  {"1000001", "10"}, {"", "10"},
  };
  for (guint k = 0; k < G_N_ELEMENTS(bad); k++)
    assert_usage_error(MM_TEST_CLI("generate", "--mentees", bad[k][0], "--mentors",
                           bad[k][1], "--dir", out));
  assert_usage_error(MM_TEST_CLI("generate", "--mentees", "10", "--mentors", "5",
                         "--seed", "4294967296", "--dir", out));
  assert_usage_error(MM_TEST_CLI("generate", "--mentees", "10", "--mentors", "5",
                         "--seed", "-1", "--dir", out));
  assert_usage_error(MM_TEST_CLI("generate", "--mentees", "10", "--dir", out));
  assert_usage_error(MM_TEST_CLI("generate", "--mentors", "10", "--dir", out));
  assert_usage_error(MM_TEST_CLI("generate", "--mentees", "10", "--mentors", "5"));
  assert_usage_error(MM_TEST_CLI("generate", "--mentees", "10", "--mentors", "5",
                         "--dir", out, "stray"));
  CU_ASSERT_FALSE(g_file_test(out, G_FILE_TEST_EXISTS));

  /* the largest seed is accepted */
  MmTestRun run = MM_TEST_CLI("generate", "--mentees", "3", "--mentors", "2", "--seed",
                "4294967295", "--dir", out);
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(g_strdup(out));

  /* --dir names a file: nothing can be written */
  g_autofree char *file = mm_test_write(dir, "a-file", "x");
  run = MM_TEST_CLI("generate", "--mentees", "3", "--mentors", "2", "--dir", file);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, file));
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_usage_errors),
      MM_TEST(test_version_and_help),
      MM_TEST(test_validate_examples),
      MM_TEST(test_validate_reports_every_problem),
      MM_TEST(test_validate_strict),
      MM_TEST(test_match_one_row_per_mentee),
      MM_TEST(test_match_summary),
      MM_TEST(test_match_explain),
      MM_TEST(test_match_deterministic),
      MM_TEST(test_output_file),
      MM_TEST(test_failed_run_keeps_output),
      MM_TEST(test_formula_neutralised),
      MM_TEST(test_dump_scores),
      MM_TEST(test_dump_scores_streamed_equals_in_memory),
      MM_TEST(test_dump_scores_failure_keeps_old_file),
      MM_TEST(test_recommend_top_k),
      MM_TEST(test_recommend_all_and_nobody),
      MM_TEST(test_match_json),
      MM_TEST(test_recommend_json),
      MM_TEST(test_as_of),
      MM_TEST(test_waiting_since_after_as_of),
      MM_TEST(test_config_choice_weight),
      MM_TEST(test_prefer_count),
      MM_TEST(test_named_choice_guarantee),
      MM_TEST(test_match_flags_column),
      MM_TEST(test_recommend_named_first),
      MM_TEST(test_recommend_realistic),
      MM_TEST(test_validate_v2_warnings),
      MM_TEST(test_validate_pins_and_natural),
      MM_TEST(test_generate),
      MM_TEST(test_generate_errors),
      CU_TEST_INFO_NULL};
  return mm_test_run("cli", tests);
}
