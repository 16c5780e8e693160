/* test-csv-writer.c: RFC 4180 output, quoting, formula neutralisation and
 * numbers (lib/io/csv-writer.c). */
#include "csv-reader.h"
#include "csv-writer.h"
#include "test-common.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void check_text(const char *text, const char *expected) {
  GString *out = g_string_new("");
  mm_csv_append_text(out, text);
  CU_ASSERT_STRING_EQUAL(out->str, expected);
  if (strcmp(out->str, expected) != 0)
    fprintf(stderr, "\n got: [%s]\nwant: [%s]\n", out->str, expected);
  g_string_free(out, TRUE);
}

static void check_number(double value, int decimals, const char *expected) {
  GString *out = g_string_new("");
  mm_csv_append_number(out, value, decimals);
  CU_ASSERT_STRING_EQUAL(out->str, expected);
  if (strcmp(out->str, expected) != 0)
    fprintf(stderr, "\n got: [%s]\nwant: [%s]\n", out->str, expected);
  g_string_free(out, TRUE);
}

static void test_plain_text(void) {
  check_text("mentee_id", "mentee_id");
  check_text("no eligible mentor", "no eligible mentor");
  check_text("", "");
  check_text(NULL, "");
  check_text("caf\xc3\xa9 1=2 a-b", "caf\xc3\xa9 1=2 a-b");
  check_text("it's", "it's");
}

static void test_quoting(void) {
  check_text("football, music", "\"football, music\"");
  check_text("say \"hi\"", "\"say \"\"hi\"\"\"");
  check_text("\"", "\"\"\"\"");
  check_text("two\nlines", "\"two\nlines\"");
  check_text("two\r\nlines", "\"two\r\nlines\"");
  check_text("a\rb", "\"a\rb\"");
  check_text(" lead", "\" lead\"");
  check_text("trail ", "\"trail \"");
  check_text("trail\t", "\"trail\t\"");
  check_text(" ", "\" \"");
  check_text("in side", "in side");
}

/* OWASP: = + - @ TAB CR at the start make a formula; a single quote in front
 * makes it text. Quoting still applies to the result. */
static void test_formula_neutralised(void) {
  check_text("=1+2", "'=1+2");
  check_text("+44 20 7946 0000", "'+44 20 7946 0000");
  check_text("-5", "'-5");
  check_text("@SUM(A1:A9)", "'@SUM(A1:A9)");
  check_text("\tcmd", "'\tcmd");
  check_text("\rcmd", "\"'\rcmd\"");
  check_text("=HYPERLINK(\"http://x.test\",\"click\")",
             "\"'=HYPERLINK(\"\"http://x.test\"\",\"\"click\"\")\"");
  check_text("=a,b", "\"'=a,b\"");
  check_text("-", "'-");
  /* Only the first character counts. */
  check_text(" =1", "\" =1\"");
  check_text("a=1", "a=1");
  check_text("'=1", "'=1");
}

static void test_numbers(void) {
  check_number(1.5, 2, "1.50");
  check_number(73.456, 2, "73.46");
  check_number(100, 2, "100.00");
  check_number(0, 2, "0.00");
  check_number(-12, 2, "-12.00");  /* never neutralised */
  check_number(-0.004, 2, "0.00"); /* rounds to zero: no sign */
  check_number(-0.0, 2, "0.00");
  check_number(-0.006, 2, "-0.01");
  check_number(3, 0, "3");
  check_number(2.75, 1, "2.8"); /* 2.75 is exact: glibc rounds half to even */
  check_number(0.125, 3, "0.125");
  check_number(1e6, 2, "1000000.00");
  check_number(NAN, 2, "");
  check_number(INFINITY, 2, "");
  check_number(-INFINITY, 2, "");
}

static void test_rows(void) {
  GString *out = g_string_new("");
  static const char *const header[] = {"mentee_id", "mentor_id", "score"};
  mm_i_csv_append_row(out, header, G_N_ELEMENTS(header));
  mm_csv_append_text(out, "y1");
  mm_i_csv_append_separator(out);
  mm_csv_append_text(out, NULL);
  mm_i_csv_append_separator(out);
  mm_csv_append_number(out, 81.25, MM_CSV_SCORE_DECIMALS);
  mm_i_csv_end_row(out);
  const char *const row[] = {"a,b", NULL, "=x"};
  mm_i_csv_append_row(out, row, 3);
  mm_i_csv_append_row(out, NULL, 0);
  CU_ASSERT_STRING_EQUAL(out->str, "mentee_id,mentor_id,score\n"
                                   "y1,,81.25\n"
                                   "\"a,b\",,'=x\n"
                                   "\n");
  g_string_free(out, TRUE);
}

/* A comma decimal locale must not change the output. The test needs such a
 * locale: the system's, or one compiled into a temporary directory with
 * localedef (found through LOCPATH) when the system has none. */
static gboolean use_comma_locale(char **tmp_dir) {
  static const char *const names[] = {"de_DE.UTF-8", "fr_FR.UTF-8",
                                      "de_DE.utf8", "nl_NL.UTF-8"};
  for (guint i = 0; i < G_N_ELEMENTS(names); i++)
    if (setlocale(LC_NUMERIC, names[i]) != NULL)
      return TRUE;
  *tmp_dir = g_dir_make_tmp("mm-locale-XXXXXX", NULL);
  if (*tmp_dir == NULL)
    return FALSE;
  char *target = g_build_filename(*tmp_dir, "de_DE.UTF-8", NULL);
  const char *argv[] = {"localedef", "-i",   "de_DE", "-f",
                        "UTF-8",     target, NULL};
  gint status = -1;
  gboolean ran = g_spawn_sync(NULL, (char **)argv, NULL,
                              G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                                  G_SPAWN_STDERR_TO_DEV_NULL,
                              NULL, NULL, NULL, NULL, &status, NULL);
  g_free(target);
  if (!ran || !g_spawn_check_wait_status(status, NULL))
    return FALSE;
  g_setenv("LOCPATH", *tmp_dir, TRUE);
  return setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL;
}

static void remove_tree(const char *path) {
  GDir *dir = g_dir_open(path, 0, NULL);
  if (dir != NULL) {
    const char *name;
    while ((name = g_dir_read_name(dir)) != NULL) {
      char *child = g_build_filename(path, name, NULL);
      remove_tree(child);
      g_free(child);
    }
    g_dir_close(dir);
  }
  g_remove(path);
}

static void test_numbers_ignore_locale(void) {
  char *tmp_dir = NULL;
  if (!use_comma_locale(&tmp_dir)) {
    printf("\n  (no comma decimal locale and no localedef: check skipped)\n");
  } else {
    /* The locale is really in force: plain printf writes a comma. */
    char *native = g_strdup_printf("%.2f", 1.5);
    CU_ASSERT_STRING_EQUAL(native, "1,50");
    g_free(native);
    check_number(1.5, 2, "1.50");
    check_number(-1234.5, 1, "-1234.5");
  }
  setlocale(LC_NUMERIC, "C");
  g_unsetenv("LOCPATH");
  if (tmp_dir != NULL)
    remove_tree(tmp_dir);
  g_free(tmp_dir);
}

/* ---- Round trip through the project's own reader ---- */

typedef struct {
  GPtrArray *fields; /* char*, all records' fields in order */
  guint n_records;
} ReadBack;

static gboolean collect(const MmCsvRecord *record, gpointer data) {
  ReadBack *r = data;
  for (guint i = 0; i < record->n_fields; i++)
    g_ptr_array_add(r->fields, g_strdup(record->fields[i]));
  r->n_records++;
  return TRUE;
}

static void test_round_trip(void) {
  /* What is written, and what a reader must give back: the same text, with
   * the neutralising quote in front of formulas. */
  static const char *const written[][2] = {
      {"plain", "plain"},
      {"a, b, c", "a, b, c"},
      {"quote \" inside", "quote \" inside"},
      {"\"quoted\"", "\"quoted\""},
      {"line one\nline two", "line one\nline two"},
      {"crlf\r\ninside", "crlf\r\ninside"},
      {"  blanks  ", "  blanks  "},
      {"", ""},
      {"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
      {"-2+3", "'-2+3"},
      {"@home, \"ok\"\n", "'@home, \"ok\"\n"},
      {"\xc3\x89lodie; \xe2\x82\xac", "\xc3\x89lodie; \xe2\x82\xac"},
  };
  const gsize n = G_N_ELEMENTS(written);
  enum { PER_ROW = 3 };
  GString *out = g_string_new("");
  for (gsize i = 0; i < n; i += PER_ROW) {
    const char *row[PER_ROW];
    for (gsize j = 0; j < PER_ROW; j++)
      row[j] = written[i + j][0];
    mm_i_csv_append_row(out, row, PER_ROW);
  }
  ReadBack r = {.fields = g_ptr_array_new_with_free_func(g_free)};
  MmCsvFailure failure;
  CU_ASSERT_TRUE(mm_i_csv_read(out->str, out->len, collect, &r, &failure));
  CU_ASSERT_EQUAL(failure.status, MM_CSV_OK);
  CU_ASSERT_EQUAL(r.n_records, n / PER_ROW);
  CU_ASSERT_EQUAL_FATAL(r.fields->len, n);
  for (gsize i = 0; i < n; i++) {
    const char *got = g_ptr_array_index(r.fields, i);
    CU_ASSERT_STRING_EQUAL(got, written[i][1]);
    if (strcmp(got, written[i][1]) != 0)
      fprintf(stderr, "\nfield %zu: got [%s] want [%s]\n", i, got,
              written[i][1]);
  }
  g_ptr_array_free(r.fields, TRUE);
  g_string_free(out, TRUE);
}

/* For Excel: the byte order mark once, every LF as CRLF (inside a quoted
 * field too), a CRLF already there left alone. (Written in pieces, as the
 * CLI's streamed --dump-scores does: tests/test-cli.c.) */
static void test_for_excel(void) {
  const char *csv = "id,note\nYP1,\"two\nlines\"\nYP2,crlf\r\n\n";
  const char *want = "\xEF\xBB\xBFid,note\r\nYP1,\"two\r\nlines\"\r\n"
                     "YP2,crlf\r\n\r\n";
  GString *whole = g_string_new(csv);
  mm_csv_for_excel(whole);
  CU_ASSERT_STRING_EQUAL(whole->str, want);
  g_string_free(whole, TRUE);
}

/* One rounding rule for every printed figure (mm_figure_round): halves go
 * away from zero, and the CSV prints exactly the rounded figure, so a mean
 * shown by match, the report and JSON is the same. 0.125 and 59.375 are
 * exact in binary: 0.13 and 59.38; -0.125 -> -0.13; -0.001 -> 0 (not -0). */
static void test_one_rounding_rule(void) {
  CU_ASSERT_EQUAL(mm_figure_round(0.125), 0.13);
  CU_ASSERT_EQUAL(mm_figure_round(59.375), 59.38);
  CU_ASSERT_EQUAL(mm_figure_round(-0.125), -0.13);
  CU_ASSERT_FALSE(signbit(mm_figure_round(-0.001)));
  GString *out = g_string_new(NULL);
  mm_csv_append_number(out, 59.375, MM_CSV_SCORE_DECIMALS);
  /* "%.2f" alone prints the binary 59.375 as 59.38 too, but 0.125 as 0.12 */
  mm_i_csv_append_separator(out);
  mm_csv_append_number(out, 0.125, MM_CSV_SCORE_DECIMALS);
  CU_ASSERT_STRING_EQUAL(out->str, "59.38,0.13");
  g_string_free(out, TRUE);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_one_rounding_rule),
      MM_TEST(test_plain_text),
      MM_TEST(test_quoting),
      MM_TEST(test_formula_neutralised),
      MM_TEST(test_numbers),
      MM_TEST(test_rows),
      MM_TEST(test_numbers_ignore_locale),
      MM_TEST(test_round_trip),
      MM_TEST(test_for_excel),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("csv-writer", tests);
}
