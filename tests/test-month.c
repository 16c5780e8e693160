/* test-month.c: matching month by month through the CLI (issue 15, item 7).
 *
 * A coordinator matches a pool in October, then in November ends two
 * matches (their mentors go into those young people's previous_mentors),
 * adds new referrals with waiting_since, and matches again with October's
 * output given to --pinned as it is. Checked: who is kept (pinned, same
 * mentor), that a young person whose match ended is never offered that
 * mentor again (neither by match nor by recommend) unless they name them,
 * that the young person who has waited longest gets a scarce place, exit
 * codes, owner-only output files, and that a failed run leaves last
 * month's output untouched.
 *
 * Everything expected is worked out by hand below, from the contract (docs/) and the
 * default config.
 *
 * SCORES. Everyone is 15 with interests and needs `sen`; every mentor is
 * 40 with skills `x-skill` (recorded, covering no need). Three criteria
 * apply: interests (weight 3, value shared/3), age (weight 2; a gap of 25
 * years is inside the adult 6-35 band: value 1) and needs (weight 3, value
 * 0). Score = 100 x (3 x k/3 + 2) / 8 = 12.5 x (k + 2) for k shared
 * interests: k = 3 -> 62.50, k = 2 -> 50.00, k = 1 -> 37.50 (below
 * min_score 40: not eligible), k = 0 -> 25.00 (not eligible). No flag on
 * any such pair (nothing stated, nothing unrecorded).
 *
 * VALUE = score + choice term (100 for the first named mentor) + waiting
 * term (0.5 per full week since waiting_since, at most 52 weeks), priority
 * 0 everywhere.
 *
 * OCTOBER (as of 2026-10-01). Mentors: MA (a;b;c, 1 place), MB (d;e;f, 3),
 * MC (g;h;i, 1), MD (a;b;z, 1).
 *   young person  interests  waiting since  days  weeks  waiting term
 *   Y1            a;b;c      2026-09-01      30     4      2.00
 *   Y2            d;e;f      2026-09-01      30     4      2.00
 *   Y3            g;h;i      2026-09-20      11     1      0.50
 *   Y4            g;h;i      2026-03-01     214    30     15.00
 *   Y5            d;e;f      2026-08-01      61     8      4.00
 * Eligible pairs: Y1-MA 62.50 (value 64.50), Y1-MD 50.00 (52.00), Y2-MB
 * 62.50 (64.50), Y3-MC 62.50 (63.00), Y4-MC 62.50 (77.50), Y5-MB 62.50
 * (66.50). MC has one place and Y3 and Y4 fit it equally well: Y4 has
 * waited 30 weeks to Y3's 1, so Y4 gets it (77.50 > 63.00) although Y3
 * comes first in the file. Y1 takes MA (64.50 > 52.00), MB takes Y2 and
 * Y5. Output:
 *   Y1,MA,62.50,matched   Y2,MB,62.50,matched
 *   Y3 unmatched: "eligible mentors all taken (1); best MC (62.50) is held
 *     by Y4"
 *   Y4,MC,62.50,matched   Y5,MB,62.50,matched
 *
 * NOVEMBER (as of 2026-11-01), with --pinned october.csv as it is (its
 * matched rows Y1-MA, Y2-MB, Y4-MC, Y5-MB; Y3's unmatched row is ignored):
 * - Y1's match with MA ended: previous_mentors MA, re-referred 2026-10-25.
 * - Y2's match with MB ended, but Y2 asks for MB again: previous_mentors MB
 *   and preferred_mentors MB, re-referred 2026-10-25.
 * - new mentor MN (m;n;o, 1 place); new referrals N3 (a;b;c, since
 *   2026-10-10), W2 (m;n;o, since 2026-10-18) and W1 (m;n;q, since
 *   2025-06-01), W2 listed before W1.
 * Kept: Y4-MC and Y5-MB (pinned, the same mentors). A match that ended is
 * not an existing match: the contract (docs/), "a young person whose match ended is not
 * offered the same mentor again unless they ask for them"; the hard rule
 * `previous` excludes Y1-MA.
 *   young person  waiting since  days  weeks        waiting term
 *   Y1            2026-10-25       7     1          0.50
 *   Y2            2026-10-25       7     1          0.50
 *   Y3            2026-09-20      42     6          3.00
 *   N3            2026-10-10      22     3          1.50
 *   W2            2026-10-18      14     2          1.00
 *   W1            2025-06-01     518    74 -> 52    26.00
 * (2025-06-01 to 2026-01-01 is 214 days, to 2026-11-01 304 more.)
 * Eligible pairs: Y1-MD 50.00 (value 50.50; Y1-MA breaks `previous`),
 * Y2-MB 62.50 (162.50 + 0.50 = 163.00: named, so `previous` does not
 * apply), Y3-MC (MC is full: Y4 is pinned), N3-MA 62.50 (64.00), N3-MD
 * 50.00 (51.50), W2-MN 62.50 (63.50), W1-MN 50.00 (50.00 + 26.00 = 76.00).
 * MA and MD: N3-MA + Y1-MD = 114.50 beats any other use (N3-MD alone
 * 51.50), so N3 gets MA and Y1 gets MD. MN has one place: W1, who has waited
 * 74 weeks, gets it over W2 (76.00 > 63.50) although W2 scores higher and
 * comes first. Y2 gets MB (a free place: 3 places, Y5 pinned).
 *   Y1,MD,50.00,matched    Y2,MB,62.50   Y3 unmatched (MC held by Y4)
 *   Y4,MC,62.50,pinned     Y5,MB,62.50,pinned
 *   N3,MA,62.50,matched    W2 unmatched: "eligible mentors all taken (1);
 *   best MN (62.50) is held by W1"   W1,MN,50.00,matched
 * Recommend (as of 2026-11-01): Y1's shortlist never holds MA (with or
 * without the pins), and is MD 50.00; Y2's begins with MB, "named by the
 * young person as first choice"; with the pins N3's begins with MA 62.50
 * (the place Y1's ended match left). */
#include "test-common.h"
#include "csv-reader.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#define OCT_AS_OF "2026-10-01"
#define NOV_AS_OF "2026-11-01"

#define OCT_MENTORS                                                            \
  "id,age,interests,skills,capacity,checks_cleared,training_hours\n"          \
  "MA,40,a;b;c,x-skill,1,yes,5\n"                                             \
  "MB,40,d;e;f,x-skill,3,yes,5\n"                                             \
  "MC,40,g;h;i,x-skill,1,yes,5\n"                                             \
  "MD,40,a;b;z,x-skill,1,yes,5\n"

#define OCT_MENTEES                                                            \
  "id,age,interests,needs,waiting_since,preferred_mentors,previous_mentors\n" \
  "Y1,15,a;b;c,sen,2026-09-01,,\n"                                            \
  "Y2,15,d;e;f,sen,2026-09-01,,\n"                                            \
  "Y3,15,g;h;i,sen,2026-09-20,,\n"                                            \
  "Y4,15,g;h;i,sen,2026-03-01,,\n"                                            \
  "Y5,15,d;e;f,sen,2026-08-01,,\n"

#define NOV_MENTORS OCT_MENTORS "MN,40,m;n;o,x-skill,1,yes,5\n"

#define NOV_MENTEES                                                            \
  "id,age,interests,needs,waiting_since,preferred_mentors,previous_mentors\n" \
  "Y1,15,a;b;c,sen,2026-10-25,,MA\n"                                          \
  "Y2,15,d;e;f,sen,2026-10-25,MB,MB\n"                                        \
  "Y3,15,g;h;i,sen,2026-09-20,,\n"                                            \
  "Y4,15,g;h;i,sen,2026-03-01,,\n"                                            \
  "Y5,15,d;e;f,sen,2026-08-01,,\n"                                            \
  "N3,15,a;b;c,sen,2026-10-10,,\n"                                            \
  "W2,15,m;n;o,sen,2026-10-18,,\n"                                            \
  "W1,15,m;n;q,sen,2025-06-01,,\n"

/* ---- files ---- */

/* The permission bits of @path (-1 when it does not exist). */
static int file_mode(const char *path) {
  GStatBuf st;
  return g_stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* ---- CSV output, read back with the library's reader ---- */

/* The field @name of the (first) row whose first field is @id; "(none)"
 * when there is no such row, so that a failed check prints sensibly. */
static const char *cell(GPtrArray *rows, const char *id, const char *name) {
  gint c = mm_test_csv_column(rows, name);
  for (guint i = 1; c >= 0 && i < rows->len; i++) {
    char **r = g_ptr_array_index(rows, i);
    if (strcmp(r[0], id) == 0)
      return (guint)c < g_strv_length(r) ? r[c] : "(none)";
  }
  return "(none)";
}

/* The mentor_id of every recommend row of @id, in rank order, joined with
 * ' '. */
static char *shortlist(GPtrArray *rows, const char *id) {
  gint c = mm_test_csv_column(rows, "mentor_id");
  GString *out = g_string_new(NULL);
  for (guint i = 1; c >= 0 && i < rows->len; i++) {
    char **r = g_ptr_array_index(rows, i);
    if (strcmp(r[0], id) == 0 && r[c][0] != '\0')
      g_string_append_printf(out, "%s%s", out->len > 0 ? " " : "", r[c]);
  }
  return g_string_free(out, FALSE);
}

/* ---- the two months ---- */

typedef struct {
  char *dir;
  char *oct_mentees, *oct_mentors, *october; /* october: the output */
  char *nov_mentees, *nov_mentors;
} Months;

/* Writes both months' files and runs October's match into october.csv. */
static Months months_new(void) {
  Months m = {0};
  m.dir = g_dir_make_tmp("mm-test-month-XXXXXX", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m.dir);
  m.oct_mentees = mm_test_write(m.dir, "mentees-oct.csv", OCT_MENTEES);
  m.oct_mentors = mm_test_write(m.dir, "mentors-oct.csv", OCT_MENTORS);
  m.nov_mentees = mm_test_write(m.dir, "mentees-nov.csv", NOV_MENTEES);
  m.nov_mentors = mm_test_write(m.dir, "mentors-nov.csv", NOV_MENTORS);
  m.october = g_build_filename(m.dir, "october.csv", NULL);
  MmTestRun run = MM_TEST_CLI("match", "--mentees", m.oct_mentees, "--mentors",
                              m.oct_mentors, "--as-of", OCT_AS_OF, "--output",
                              m.october);
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_STRING_EQUAL(run.out, ""); /* it went to the file */
  mm_test_run_clear(&run);
  return m;
}

static void months_free(Months *m) {
  GDir *d = g_dir_open(m->dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
    char *path = g_build_filename(m->dir, name, NULL);
    g_unlink(path);
    g_free(path);
  }
  if (d != NULL)
    g_dir_close(d);
  g_rmdir(m->dir);
  g_free(m->dir);
  g_free(m->oct_mentees);
  g_free(m->oct_mentors);
  g_free(m->october);
  g_free(m->nov_mentees);
  g_free(m->nov_mentors);
}

/* November's match with October's output as it is; extra arguments (up to
 * four) are appended. */
static MmTestRun november(const Months *m, const char *a, const char *b,
                          const char *c, const char *d) {
  return MM_TEST_CLI("match", "--mentees", m->nov_mentees, "--mentors",
                     m->nov_mentors, "--as-of", NOV_AS_OF, "--pinned",
                     m->october, a != NULL ? a : "--quiet",
                     b != NULL ? b : "--quiet", c != NULL ? c : "--quiet",
                     d != NULL ? d : "--quiet");
}

static MmTestRun recommend_november(const Months *m, gboolean with_pins) {
  if (with_pins)
    return MM_TEST_CLI("recommend", "--mentees", m->nov_mentees, "--mentors",
                       m->nov_mentors, "--as-of", NOV_AS_OF, "--pinned",
                       m->october);
  return MM_TEST_CLI("recommend", "--mentees", m->nov_mentees, "--mentors",
                     m->nov_mentors, "--as-of", NOV_AS_OF);
}

/* ---- October ---- */

static void test_october(void) {
  Months m = months_new();
  g_autofree char *text = mm_test_read(m.october);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT_EQUAL(file_mode(m.october), 0600); /* owner only */
  CU_ASSERT_STRING_EQUAL(
      text,
      "mentee_id,mentor_id,score,status,reason,flags\n"
      "Y1,MA,62.50,matched,,\n"
      "Y2,MB,62.50,matched,,\n"
      "Y3,,,unmatched,eligible mentors all taken (1); best MC (62.50) is "
      "held by Y4,\n"
      "Y4,MC,62.50,matched,,\n"
      "Y5,MB,62.50,matched,,\n");

  /* the values, with the waiting terms worked out above */
  MmTestRun run = MM_TEST_CLI("match", "--mentees", m.oct_mentees, "--mentors",
                              m.oct_mentors, "--as-of", OCT_AS_OF, "--explain",
                              "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y1", "value"), "64.50");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y2", "value"), "64.50");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y3", "value"), "");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y4", "value"), "77.50");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y5", "value"), "66.50");
  g_ptr_array_unref(rows);
  mm_test_run_clear(&run);

  /* Waiting decided MC: without waiting_since (or with waiting_bonus 0)
   * Y3 and Y4 tie on 62.50 and nothing says Y4 must win; with the dates
   * swapped, Y3 (now waiting 30 weeks) gets MC. */
  GString *swapped = g_string_new(OCT_MENTEES);
  g_string_replace(swapped, "Y3,15,g;h;i,sen,2026-09-20", "Y3,15,g;h;i,sen,X",
                   1);
  g_string_replace(swapped, "Y4,15,g;h;i,sen,2026-03-01",
                   "Y4,15,g;h;i,sen,2026-09-20", 1);
  g_string_replace(swapped, "Y3,15,g;h;i,sen,X", "Y3,15,g;h;i,sen,2026-03-01",
                   1);
  g_autofree char *swapped_path =
      mm_test_write(m.dir, "mentees-swapped.csv", swapped->str);
  g_string_free(swapped, TRUE);
  run = MM_TEST_CLI("match", "--mentees", swapped_path, "--mentors",
                    m.oct_mentors, "--as-of", OCT_AS_OF, "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  rows = mm_test_parse_csv(run.out);
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y3", "mentor_id"), "MC");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y4", "status"), "unmatched");
  CU_ASSERT_STRING_EQUAL(
      cell(rows, "Y4", "reason"),
      "eligible mentors all taken (1); best MC (62.50) is held by Y3");
  g_ptr_array_unref(rows);
  mm_test_run_clear(&run);
  months_free(&m);
}

/* ---- November ---- */

/* Who is kept: the October matches that did not end, pinned to the same
 * mentors; October's output is read as it is, without a word about its
 * extra columns or its unmatched row. */
static void test_november_kept(void) {
  Months m = months_new();
  g_autofree char *out = g_build_filename(m.dir, "november.csv", NULL);
  MmTestRun run = november(&m, "--output", out, NULL, NULL);
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_PTR_NULL(strstr(run.err, "unknown column"));
  CU_ASSERT_PTR_NULL(strstr(run.err, "error"));
  mm_test_run_clear(&run);
  CU_ASSERT_EQUAL(file_mode(out), 0600);
  g_autofree char *text = mm_test_read(out);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  GPtrArray *rows = mm_test_parse_csv(text);
  CU_ASSERT_EQUAL(rows->len, 1 + 8); /* every young person, once */
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y4", "status"), "pinned");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y4", "mentor_id"), "MC");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y4", "score"), "62.50");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y4", "flags"), "");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y5", "status"), "pinned");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y5", "mentor_id"), "MB");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y5", "flags"), "");
  /* Y3, unmatched in October (that row is no pin), still waits for MC */
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y3", "status"), "unmatched");
  CU_ASSERT_STRING_EQUAL(
      cell(rows, "Y3", "reason"),
      "eligible mentors all taken (1); best MC (62.50) is held by Y4");
  g_ptr_array_unref(rows);
  /* October's output is an input here: untouched */
  g_autofree char *october = mm_test_read(m.october);
  CU_ASSERT_PTR_NOT_NULL(strstr(october, "Y4,MC,62.50,matched,,\n"));
  months_free(&m);
}

/* The young person whose match with MA ended (and who does not name MA)
 * is never given MA again, nor offered it: their October row is not kept
 * as a pin, match gives them MD, and MA's place goes to N3. */
static void test_november_ended_not_reoffered(void) {
  Months m = months_new();
  MmTestRun run = november(&m, "--explain", NULL, NULL, NULL);
  CU_ASSERT_EQUAL(run.status, 0);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  if (strcmp(cell(rows, "Y1", "mentor_id"), "MA") == 0)
    fprintf(stderr, "\n  Y1 kept MA after that match ended: status %s, "
                    "flags %s\n",
            cell(rows, "Y1", "status"), cell(rows, "Y1", "flags"));
  CU_ASSERT_STRING_NOT_EQUAL(cell(rows, "Y1", "mentor_id"), "MA");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y1", "mentor_id"), "MD");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y1", "status"), "matched");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y1", "score"), "50.00");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y1", "value"), "50.50");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y1", "flags"), "");
  CU_ASSERT_STRING_EQUAL(cell(rows, "N3", "mentor_id"), "MA");
  CU_ASSERT_STRING_EQUAL(cell(rows, "N3", "status"), "matched");
  CU_ASSERT_STRING_EQUAL(cell(rows, "N3", "value"), "64.00");
  /* no row anywhere is a pinned pair that breaks `previous`; the one pin
   * of October's output that is an ended match (Y1-MA) is dropped, and the
   * only warning says so, at its line of october.csv (Y2-MB is named again
   * and stays pinned without a word) */
  CU_ASSERT_PTR_NULL(strstr(run.out, "breaks:previous"));
  const char *warning = strstr(run.err, "warning");
  CU_ASSERT_PTR_NOT_NULL(warning);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, "pinned pair Y1-MA not kept: the "
                                         "match has ended"));
  if (warning != NULL)
    CU_ASSERT_PTR_NULL(strstr(warning + 1, "warning"));
  g_ptr_array_unref(rows);
  mm_test_run_clear(&run);

  /* recommend: MA is never on Y1's shortlist, pins or not */
  for (int with_pins = 0; with_pins <= 1; with_pins++) {
    run = recommend_november(&m, with_pins);
    CU_ASSERT_EQUAL(run.status, 0);
    rows = mm_test_parse_csv(run.out);
    g_autofree char *y1 = shortlist(rows, "Y1");
    CU_ASSERT_STRING_EQUAL(y1, "MD");
    CU_ASSERT_STRING_EQUAL(cell(rows, "Y1", "score"), "50.00");
    g_ptr_array_unref(rows);
    mm_test_run_clear(&run);
  }
  /* ...while the place Y1's ended match left is offered to others */
  run = recommend_november(&m, TRUE);
  rows = mm_test_parse_csv(run.out);
  g_autofree char *n3 = shortlist(rows, "N3");
  CU_ASSERT_STRING_EQUAL(n3, "MA MD");
  g_ptr_array_unref(rows);
  mm_test_run_clear(&run);
  months_free(&m);
}

/* The young person whose match with MB ended but who names MB again is
 * given MB and offered MB, first, saying so. */
static void test_november_ended_but_named_again(void) {
  Months m = months_new();
  MmTestRun run = november(&m, "--explain", NULL, NULL, NULL);
  CU_ASSERT_EQUAL(run.status, 0);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y2", "mentor_id"), "MB");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y2", "score"), "62.50");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y2", "value"), "163.00");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y2", "flags"), "");
  /* matched afresh or kept: either way with MB, and no rule broken */
  const char *status = cell(rows, "Y2", "status");
  CU_ASSERT_TRUE(strcmp(status, "matched") == 0 ||
                 strcmp(status, "pinned") == 0);
  g_ptr_array_unref(rows);
  mm_test_run_clear(&run);

  for (int with_pins = 0; with_pins <= 1; with_pins++) {
    run = recommend_november(&m, with_pins);
    CU_ASSERT_EQUAL(run.status, 0);
    rows = mm_test_parse_csv(run.out);
    g_autofree char *y2 = shortlist(rows, "Y2");
    CU_ASSERT_STRING_EQUAL(y2, "MB");
    CU_ASSERT_STRING_EQUAL(cell(rows, "Y2", "rank"), "1");
    CU_ASSERT_PTR_NOT_NULL(strstr(cell(rows, "Y2", "reasons"),
                                  "named by the young person as first choice"));
    g_ptr_array_unref(rows);
    mm_test_run_clear(&run);
  }
  months_free(&m);
}

/* One new place (MN), two new referrals: W1 has waited 74 weeks (counted
 * as 52: 26.00 points) and W2 2 weeks (1.00). W1 gets MN although W2 fits
 * it better (62.50 against 50.00) and comes first in the file. */
static void test_november_longest_wait(void) {
  Months m = months_new();
  MmTestRun run = november(&m, "--explain", NULL, NULL, NULL);
  CU_ASSERT_EQUAL(run.status, 0);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  CU_ASSERT_STRING_EQUAL(cell(rows, "W1", "mentor_id"), "MN");
  CU_ASSERT_STRING_EQUAL(cell(rows, "W1", "status"), "matched");
  CU_ASSERT_STRING_EQUAL(cell(rows, "W1", "score"), "50.00");
  CU_ASSERT_STRING_EQUAL(cell(rows, "W1", "value"), "76.00");
  CU_ASSERT_STRING_EQUAL(cell(rows, "W2", "status"), "unmatched");
  CU_ASSERT_STRING_EQUAL(
      cell(rows, "W2", "reason"),
      "eligible mentors all taken (1); best MN (62.50) is held by W1");
  /* Y4, pinned, has waited 2026-03-01 to 2026-11-01: 245 days, 35 weeks:
   * 62.50 + 17.50 */
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y4", "value"), "80.00");
  g_ptr_array_unref(rows);
  mm_test_run_clear(&run);

  /* With waiting_bonus 0, W2's better fit wins: it was the waiting term. */
  g_autofree char *config =
      mm_test_write(m.dir, "no-waiting.ini", "[objective]\nwaiting_bonus = 0\n");
  run = november(&m, "--config", config, NULL, NULL);
  CU_ASSERT_EQUAL(run.status, 0);
  rows = mm_test_parse_csv(run.out);
  CU_ASSERT_STRING_EQUAL(cell(rows, "W2", "mentor_id"), "MN");
  CU_ASSERT_STRING_EQUAL(cell(rows, "W1", "status"), "unmatched");
  g_ptr_array_unref(rows);
  mm_test_run_clear(&run);
  months_free(&m);
}

/* Exit codes, owner-only files, and failed runs that leave last month's
 * output (and this month's, once written) exactly as they were. */
static void test_november_failures_leave_outputs(void) {
  Months m = months_new();
  g_autofree char *out = g_build_filename(m.dir, "november.csv", NULL);
  g_autofree char *scores = g_build_filename(m.dir, "scores.csv", NULL);
  MmTestRun run = november(&m, "--output", out, "--dump-scores", scores);
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  mm_test_run_clear(&run);
  CU_ASSERT_EQUAL(file_mode(out), 0600);
  CU_ASSERT_EQUAL(file_mode(scores), 0600);
  CU_ASSERT_EQUAL(file_mode(m.october), 0600);
  g_autofree char *before = mm_test_read(out);
  g_autofree char *before_scores = mm_test_read(scores);
  g_autofree char *october = mm_test_read(m.october);
  CU_ASSERT_PTR_NOT_NULL_FATAL(before);
  guint entries = mm_test_count_entries(m.dir);

  /* a bad --as-of: a usage error, before anything is read */
  run = MM_TEST_CLI("match", "--mentees", m.nov_mentees, "--mentors",
                    m.nov_mentors, "--as-of", "2026-11-31", "--pinned",
                    m.october, "--output", out, "--dump-scores", scores);
  CU_ASSERT_EQUAL(run.status, 2);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, "--as-of"));
  mm_test_run_clear(&run);

  /* an as-of date before Y1's and Y2's waiting_since (2026-10-25): bad
   * input at their lines (2 and 3), column waiting_since */
  run = MM_TEST_CLI("match", "--mentees", m.nov_mentees, "--mentors",
                    m.nov_mentors, "--as-of", "2026-10-20", "--pinned",
                    m.october, "--output", out, "--dump-scores", scores);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_STRING_EQUAL(run.out, "");
  g_autofree char *y1 = g_strdup_printf(
      "%s:2: column waiting_since: 2026-10-25 is after the as-of date "
      "2026-10-20",
      m.nov_mentees);
  g_autofree char *y2 = g_strdup_printf(
      "%s:3: column waiting_since: 2026-10-25 is after the as-of date "
      "2026-10-20",
      m.nov_mentees);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, y1));
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, y2));
  mm_test_run_clear(&run);

  /* a waiting_since after the as-of date in the file itself */
  g_autofree char *future = mm_test_write(
      m.dir, "mentees-future.csv",
      "id,age,interests,needs,waiting_since\n"
      "Y1,15,a;b;c,sen,2026-10-25\n"
      "Y9,15,a;b;c,sen,2026-12-24\n");
  run = MM_TEST_CLI("match", "--mentees", future, "--mentors", m.nov_mentors,
                    "--as-of", NOV_AS_OF, "--output", out);
  CU_ASSERT_EQUAL(run.status, 1);
  g_autofree char *y9 = g_strdup_printf(
      "%s:3: column waiting_since: 2026-12-24 is after the as-of date "
      "2026-11-01",
      future);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, y9));
  mm_test_run_clear(&run);

  /* nothing was replaced, and no temporary file was left behind */
  g_autofree char *after = mm_test_read(out);
  g_autofree char *after_scores = mm_test_read(scores);
  g_autofree char *october_after = mm_test_read(m.october);
  CU_ASSERT_STRING_EQUAL(after, before);
  CU_ASSERT_STRING_EQUAL(after_scores, before_scores);
  CU_ASSERT_STRING_EQUAL(october_after, october);
  CU_ASSERT_EQUAL(file_mode(out), 0600);
  CU_ASSERT_EQUAL(mm_test_count_entries(m.dir), entries + 1); /* + future */

  /* October's output as pins, to a file given as October's output
   * itself: refused as a usage error, October's output untouched */
  run = MM_TEST_CLI("match", "--mentees", m.nov_mentees, "--mentors",
                    m.nov_mentors, "--as-of", NOV_AS_OF, "--pinned",
                    m.october, "--output", m.october);
  CU_ASSERT_EQUAL(run.status, 2);
  mm_test_run_clear(&run);
  g_autofree char *october_still = mm_test_read(m.october);
  CU_ASSERT_STRING_EQUAL(october_still, october);
  months_free(&m);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_october),
      MM_TEST(test_november_kept),
      MM_TEST(test_november_ended_not_reoffered),
      MM_TEST(test_november_ended_but_named_again),
      MM_TEST(test_november_longest_wait),
      MM_TEST(test_november_failures_leave_outputs),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("month", tests);
}
