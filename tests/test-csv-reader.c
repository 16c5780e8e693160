/* test-csv-reader.c: the RFC 4180 record reader and CSV pool loading
 * (lib/io/csv-reader.c). */
#include "test-common.h"
#include "csv-reader.h"

#include <string.h>

/* ---- The record reader ---- */

/* Every record read, written as "LINE:field|field|...\n"; a field that is
 * not usable shows as <NUL> or <UTF8>. An independent, readable picture of
 * what the reader produced. */
typedef struct {
  GString *out;
  guint stop_after; /* 0 = never stop */
  guint n_records;
} Collected;

static gboolean collect(const MmCsvRecord *record, gpointer data) {
  Collected *c = data;
  g_string_append_printf(c->out, "%u:", record->line);
  guint n_bad = 0;
  for (guint i = 0; i < record->n_fields; i++) {
    if (i > 0)
      g_string_append_c(c->out, '|');
    switch (record->status[i]) {
    case MM_CSV_FIELD_OK:
      g_string_append(c->out, record->fields[i]);
      break;
    case MM_CSV_FIELD_NUL:
      CU_ASSERT_STRING_EQUAL(record->fields[i], "");
      g_string_append(c->out, "<NUL>");
      n_bad++;
      break;
    case MM_CSV_FIELD_BAD_UTF8:
      CU_ASSERT_STRING_EQUAL(record->fields[i], "");
      g_string_append(c->out, "<UTF8>");
      n_bad++;
      break;
    }
  }
  CU_ASSERT_EQUAL(record->n_bad, n_bad);
  g_string_append_c(c->out, '\n');
  c->n_records++;
  return c->stop_after == 0 || c->n_records < c->stop_after;
}

/* Reads @length bytes of @data; returns what was read and sets @failure. */
static char *read_len(const char *data, gsize length, MmCsvFailure *failure) {
  Collected c = {.out = g_string_new(NULL)};
  gboolean ok = mm_i_csv_read(data, length, collect, &c, failure);
  CU_ASSERT_EQUAL(ok, failure->status == MM_CSV_OK);
  return g_string_free(c.out, FALSE);
}

/* Reads @data, which must be well formed, and checks the records. */
static void check_records(const char *data, const char *expected) {
  MmCsvFailure failure;
  char *got = read_len(data, strlen(data), &failure);
  CU_ASSERT_EQUAL(failure.status, MM_CSV_OK);
  CU_ASSERT_STRING_EQUAL(got, expected);
  if (strcmp(got, expected) != 0)
    fprintf(stderr, "\n got: [%s]\nwant: [%s]\n", got, expected);
  g_free(got);
}

/* Reads @data, which must be malformed, and checks where. */
static void check_failure(const char *data, const char *expected_records,
                          MmCsvStatus status, guint record_line, guint line,
                          guint field) {
  MmCsvFailure failure;
  char *got = read_len(data, strlen(data), &failure);
  CU_ASSERT_STRING_EQUAL(got, expected_records);
  CU_ASSERT_EQUAL(failure.status, status);
  CU_ASSERT_EQUAL(failure.record_line, record_line);
  CU_ASSERT_EQUAL(failure.line, line);
  CU_ASSERT_EQUAL(failure.field, field);
  g_free(got);
}

static void test_quoted_commas_and_quotes(void) {
  check_records("a,\"b,c\",d\n", "1:a|b,c|d\n");
  check_records("\"say \"\"hi\"\"\",x\n", "1:say \"hi\"|x\n");
  /* A field of one doubled quote is a single '"'; "" is an empty field. */
  check_records("\"\"\"\",\"\",z\n", "1:\"||z\n");
  /* Trailing empty field kept; blanks around unquoted fields trimmed (libcsv),
   * inside quotes kept. */
  check_records("a,\n", "1:a|\n");
  check_records("  a  , \" b \" \n", "1:a| b \n");
}

static void test_quoted_line_breaks_lf(void) {
  /* Record 2 starts on line 2 and its note holds 2 line breaks, so it ends
   * on line 4 and the next record starts on line 2 + 2 + 1 = 5. */
  check_records("id,note\n1,\"one\ntwo\nthree\"\n2,x\n",
                "1:id|note\n2:1|one\ntwo\nthree\n5:2|x\n");
  /* A break at the very start of a record's first field counts too. */
  check_records("\"\nx\",y\nz\n", "1:\nx|y\n3:z\n");
}

static void test_quoted_line_breaks_crlf(void) {
  /* Same shape with CRLF: the CR LF pair inside quotes is kept as data and
   * is one physical line break (line 2 -> 3), so the next record is line 4. */
  check_records("id,note\r\n1,\"a\r\nb\"\r\n2,x\r\n",
                "1:id|note\n2:1|a\r\nb\n4:2|x\n");
}

static void test_bom_skipped(void) {
  check_records("\xef\xbb\xbfid,age\n1,2\n", "1:id|age\n2:1|2\n");
  /* Only a leading BOM is special; a BOM-only input has no records. */
  check_records("\xef\xbb\xbf", "");
  /* A BOM elsewhere is just (valid UTF-8) data. */
  check_records("a\n\xef\xbb\xbf" "b\n", "1:a\n2:\xef\xbb\xbf" "b\n");
}

static void test_blank_lines_skipped(void) {
  /* Lines: 1 "id", 2 "", 3 "  ", 4 "1", 5 "" (CRLF), 6 "2", 7 "" */
  check_records("id\n\n  \n1\r\n\r\n2\n\n", "1:id\n4:1\n6:2\n");
  /* Leading blank lines move the first record down. */
  check_records("\n\nh\n", "3:h\n");
  check_records("", "");
  check_records("\n\r\n \t\n", "");
}

static void test_trailing_newline_optional(void) {
  check_records("a,b\nc,d", "1:a|b\n2:c|d\n");
  check_records("a,b\nc,d\n", "1:a|b\n2:c|d\n");
  check_records("a,b\r\nc,\"d\"", "1:a|b\n2:c|d\n");
}

static void test_lone_cr_ends_record(void) {
  /* libcsv ends a record at a lone CR; only LF starts a new line, as in
   * editors that do not treat a lone CR as a line break. */
  check_records("a\rb\nc\n", "1:a\n1:b\n2:c\n");
}

static void test_unterminated_quote(void) {
  /* The quote opened on line 2 swallows the rest of the input. */
  check_failure("id,note\n1,\"open\n2,x\n", "1:id|note\n",
                MM_CSV_QUOTE_NOT_CLOSED, 2, 2, 1);
  check_failure("\"", "", MM_CSV_QUOTE_NOT_CLOSED, 1, 1, 0);
}

static void test_text_after_closing_quote(void) {
  check_failure("id,note\n1,\"a\"b\n3,c\n", "1:id|note\n",
                MM_CSV_TEXT_AFTER_QUOTE, 2, 2, 1);
  /* The record starts on line 2; the stray text is on line 3. */
  check_failure("id,note\n1,\"a\nb\"c\n", "1:id|note\n",
                MM_CSV_TEXT_AFTER_QUOTE, 2, 3, 1);
  /* Blanks after the closing quote are fine, a second quote is not. */
  check_records("\"a\"  ,b\n", "1:a|b\n");
  check_failure("\"a\" \"\n", "", MM_CSV_TEXT_AFTER_QUOTE, 1, 1, 0);
}

static void test_quote_inside_unquoted_field(void) {
  check_failure("id,note\nx,y\n1,ab\"c\"\n", "1:id|note\n2:x|y\n",
                MM_CSV_QUOTE_IN_UNQUOTED, 3, 3, 1);
}

static void test_nul_byte_is_field_error(void) {
  /* 17 bytes with a NUL in the note of line 2; reading goes on to line 3. */
  static const char data[] = "id,note\n1,a\0b\n2,x\n";
  MmCsvFailure failure;
  char *got = read_len(data, sizeof data - 1, &failure);
  CU_ASSERT_EQUAL(failure.status, MM_CSV_OK);
  CU_ASSERT_STRING_EQUAL(got, "1:id|note\n2:1|<NUL>\n3:2|x\n");
  g_free(got);
  /* A NUL between records starts a (bad) record of its own. */
  static const char lone[] = "a\n\0\nb\n";
  got = read_len(lone, sizeof lone - 1, &failure);
  CU_ASSERT_STRING_EQUAL(got, "1:a\n2:<NUL>\n3:b\n");
  g_free(got);
}

static void test_invalid_utf8_marked_per_field(void) {
  /* Latin-1 e-acute (0xE9) is not UTF-8; the UTF-8 form (C3 A9) is. */
  check_records("id,name,note\n1,caf\xe9,ok\n2,caf\xc3\xa9,\xc3\n",
                "1:id|name|note\n2:1|<UTF8>|ok\n3:2|caf\xc3\xa9|<UTF8>\n");
}

static void test_callback_can_stop(void) {
  Collected c = {.out = g_string_new(NULL), .stop_after = 2};
  MmCsvFailure failure;
  /* Line 3 is malformed, but reading stops after the 2nd record. */
  CU_ASSERT_TRUE(mm_i_csv_read("a\nb\n\"c\"d\ne\n", 11, collect, &c, &failure));
  CU_ASSERT_EQUAL(failure.status, MM_CSV_OK);
  CU_ASSERT_STRING_EQUAL(c.out->str, "1:a\n2:b\n");
  g_string_free(c.out, TRUE);
}

static void test_status_messages(void) {
  for (MmCsvStatus s = MM_CSV_OK; s <= MM_CSV_NO_MEMORY; s++)
    CU_ASSERT_PTR_NOT_NULL(mm_i_csv_status_message(s));
  CU_ASSERT_PTR_NOT_NULL(strstr(mm_i_csv_status_message(MM_CSV_QUOTE_NOT_CLOSED),
                                "never closed"));
}

/* ---- Loading a pool ---- */

typedef struct {
  MmPool *pool;
  MmDiagnostics *diags;
  GError *error;
  gboolean ok;
} Load;

static Load load_mentees(const char *csv) {
  Load l = {.pool = mm_pool_new(), .diags = mm_diagnostics_new()};
  l.ok = mm_pool_load_csv_data(l.pool, MM_SIDE_MENTEE, csv, strlen(csv),
                               "mentees.csv", l.diags, &l.error);
  return l;
}

static void load_clear(Load *l) {
  mm_pool_free(l->pool);
  mm_diagnostics_free(l->diags);
  g_clear_error(&l->error);
}

static void check_invalid(const Load *l, const char *message) {
  CU_ASSERT_FALSE(l->ok);
  CU_ASSERT_TRUE(g_error_matches(l->error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  if (l->error != NULL)
    CU_ASSERT_STRING_EQUAL(l->error->message, message);
}

/* The id of mentee @i, or "" when there is no such mentee (so that a
 * failed count check does not also crash the test). */
static const char *mentee_id(const MmPool *pool, guint i) {
  return i < mm_pool_n_mentees(pool) ? mm_pool_mentee_id(pool, i) : "";
}

static void test_load_clean_rows(void) {
  Load l = load_mentees("id,age\nA,12\nB,13\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_PTR_NULL(l.error);
  CU_ASSERT_EQUAL(mm_diagnostics_length(l.diags), 0);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 2);
  CU_ASSERT_STRING_EQUAL(mentee_id(l.pool, 1), "B");
  load_clear(&l);
}

static void test_load_unknown_column_warned_once(void) {
  Load l = load_mentees("id,nickname,age\nA,Al,12\nB,Bo,13\nC,Cy,14\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(l.diags), 1);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 0);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 1, "nickname",
                                  "unknown column, ignored"));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 3);
  load_clear(&l);
  /* A very long name is cut to 64 bytes plus "..." in the diagnostic. */
  char *name = g_strnfill(100, 'x');
  char *csv = g_strdup_printf("id,age,%s\nA,12,1\n", name);
  l = load_mentees(csv);
  char *cut = g_strdup_printf("%.64s...", name);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 1, cut, "unknown column"));
  load_clear(&l);
  g_free(cut);
  g_free(csv);
  g_free(name);
}

static void test_load_empty_rows_skipped(void) {
  /* ",," (a cleared spreadsheet row) on line 3 is skipped like a blank
   * line; B on line 4 still gets its own line number. */
  Load l = load_mentees("id,age,gender\nA,12,f\n,,\nB,x,m\n");
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 1);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 4, "age", NULL));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 1);
  load_clear(&l);
  /* A file of only cleared rows has no rows. */
  l = load_mentees("id,age\n,\n , \n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 0, NULL, "no rows"));
  load_clear(&l);
}

static void test_load_nameless_column_warned(void) {
  /* A spreadsheet's trailing empty column: warned, ignored, rows fine. */
  Load l = load_mentees("id,age,\nA,12,\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 1, NULL, "column 3 has no name"));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 1);
  load_clear(&l);
}

static void test_load_duplicate_column(void) {
  /* "Age" is "age" again (header names match case-insensitively). The
   * first one is read, so row A still loads with age 12. */
  Load l = load_mentees("id,age,Age\nA,12,99\n");
  check_invalid(&l, "mentees.csv: 1 error");
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 1, "age", "duplicate column"));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 1);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 1);
  load_clear(&l);
}

static void test_load_missing_required_column(void) {
  /* No age column: one error at line 1 and the rows (even row B, whose
   * gender would be fine) are not read. */
  Load l = load_mentees("id,gender\nA,female\nB,male\n");
  check_invalid(&l, "mentees.csv: 1 error");
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 1, "age", "required column missing"));
  CU_ASSERT_EQUAL(mm_diagnostics_length(l.diags), 1);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 0);
  load_clear(&l);
}

static void test_load_missing_required_mentor_column(void) {
  /* Mentors also require checks_cleared (the contract (docs/), mentor columns). */
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  const char *csv = "id,age\nM,30\n";
  CU_ASSERT_FALSE(mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, csv, strlen(csv),
                                        "mentors.csv", diags, NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 1, "checks_cleared",
                                  "required column missing"));
  CU_ASSERT_EQUAL(mm_pool_n_mentors(pool), 0);
  mm_diagnostics_free(diags);
  mm_pool_free(pool);
}

static void test_load_field_counts(void) {
  /* Line 2 has 4 fields for 3 columns: an error, the row is not added.
   * Line 3 has 2: the missing gender reads as empty and the row loads. */
  Load l = load_mentees("id,age,gender\nA,12,female,extra\nB,13\n");
  check_invalid(&l, "mentees.csv: 1 error");
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 2, NULL,
                                  "row has 4 fields, header has 3"));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 1);
  CU_ASSERT_STRING_EQUAL(mentee_id(l.pool, 0), "B");
  load_clear(&l);
}

static void test_load_lines_after_quoted_breaks(void) {
  /* multiline.csv: A1 spans lines 2-4 (two breaks in its interests), so A2
   * with its bad age is on line 5; A3 spans 6-7, so A4 (age 200, above the
   * mentee maximum of 30) is on line 8. */
  char *path = mm_test_data_path("csv/multiline.csv");
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  GError *error = NULL;
  CU_ASSERT_FALSE(mm_pool_load_csv(pool, MM_SIDE_MENTEE, path, diags, &error));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 5, "age", NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 8, "age", NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 2);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(pool), 2); /* A1 and A3 */
  CU_ASSERT_STRING_EQUAL(mentee_id(pool, 1), "A3");
  /* The source is the path as given. */
  char *expected = g_strdup_printf("%s: 2 errors", path);
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  if (error != NULL)
    CU_ASSERT_STRING_EQUAL(error->message, expected);
  if (mm_diagnostics_length(diags) > 0)
    CU_ASSERT_STRING_EQUAL(mm_diagnostics_get(diags, 0)->source, path);
  g_free(expected);
  g_clear_error(&error);
  mm_diagnostics_free(diags);
  mm_pool_free(pool);
  g_free(path);
}

static void test_load_windows_export(void) {
  /* BOM, CRLF, a header in other case, a quoted comma and an unknown column. */
  char *path = mm_test_data_path("csv/windows-export.csv");
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  CU_ASSERT_TRUE(mm_pool_load_csv(pool, MM_SIDE_MENTEE, path, diags, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(diags), 1);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 1, "case_worker", "unknown column"));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(pool), 2);
  CU_ASSERT_STRING_EQUAL(mentee_id(pool, 0), "M1");
  CU_ASSERT_STRING_EQUAL(mentee_id(pool, 1), "M2");
  mm_diagnostics_free(diags);
  mm_pool_free(pool);
  g_free(path);
}

static void test_load_invalid_utf8_names_column(void) {
  /* latin1.csv: "f\xe9minin" on line 2 is Latin-1, not UTF-8. */
  char *path = mm_test_data_path("csv/latin1.csv");
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(mm_pool_load_csv(pool, MM_SIDE_MENTEE, path, diags, NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "gender", "not valid UTF-8"));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 1);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(pool), 1); /* L2 only */
  mm_diagnostics_free(diags);
  mm_pool_free(pool);
  g_free(path);
}

static void test_load_bad_bytes_elsewhere(void) {
  /* A NUL in the age of line 2; on line 3 a bad byte in a 4th field that
   * has no column (named by position), which is also one field too many. */
  static const char csv[] = "id,age,gender\nA,1\0002,f\nB,12,m,\xff\n";
  Load l = {.pool = mm_pool_new(), .diags = mm_diagnostics_new()};
  l.ok = mm_pool_load_csv_data(l.pool, MM_SIDE_MENTEE, csv, sizeof csv - 1,
                               "mentees.csv", l.diags, &l.error);
  check_invalid(&l, "mentees.csv: 3 errors");
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 2, "age", "NUL byte"));
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 3, NULL, "field 4 is not valid"));
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 3, NULL, "row has 4 fields"));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 0);
  load_clear(&l);
}

static void test_load_bad_header_bytes(void) {
  Load l = load_mentees("id,\xc3(,age\nA,x,12\n");
  check_invalid(&l, "mentees.csv: 1 error");
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 1, NULL, "field 2 is not valid"));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 0);
  load_clear(&l);
}

static void test_load_malformed_stops(void) {
  /* Row A loads; line 3's interests quote is never closed, so rows after it
   * cannot be told apart and only the one error is reported, at line 3 in
   * the column whose field is open. */
  Load l = load_mentees("id,age,interests\nA,12,x\nB,13,\"chess\nC,14,art\n");
  check_invalid(&l, "mentees.csv: 1 error");
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 3, "interests", "never closed"));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 1);
  load_clear(&l);
  /* Text after a closing quote on line 4, in a record starting on line 3. */
  l = load_mentees("id,age,interests\nA,12,x\nB,13,\"chess\nart\"s\n");
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 3, "interests", "on line 4"));
  load_clear(&l);
}

static void test_load_empty_and_header_only(void) {
  Load l = load_mentees("");
  check_invalid(&l, "mentees.csv: 1 error");
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 0, NULL, "no header row"));
  load_clear(&l);
  l = load_mentees("\xef\xbb\xbf\r\n\r\n");
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 0, NULL, "no header row"));
  load_clear(&l);
  /* Header only is usable, just empty: a warning. */
  l = load_mentees("id,age\r\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 0);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 0, NULL, "no rows"));
  load_clear(&l);
}

static void test_load_unreadable_file(void) {
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  GError *error = NULL;
  const char *path = "/nonexistent/mentees.csv";
  CU_ASSERT_FALSE(mm_pool_load_csv(pool, MM_SIDE_MENTEE, path, diags, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_IO));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 1);
  if (mm_diagnostics_length(diags) == 1) {
    const MmDiagnostic *d = mm_diagnostics_get(diags, 0);
    CU_ASSERT_EQUAL(d->line, 0);
    char *text = mm_diagnostic_format(d);
    CU_ASSERT_TRUE(g_str_has_prefix(text, "/nonexistent/mentees.csv: cannot read: "));
    g_free(text);
  }
  g_clear_error(&error);
  /* Without a diagnostics list the GError alone tells. */
  CU_ASSERT_FALSE(mm_pool_load_csv(pool, MM_SIDE_MENTEE, path, NULL, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_IO));
  g_clear_error(&error);
  mm_diagnostics_free(diags);
  mm_pool_free(pool);
}

static void test_load_errors_counted_per_file(void) {
  /* One list shared by two files: the first has an error, the second is
   * clean and must still succeed. Without a list, errors still count. */
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  const char *bad = "id,age\nA,1,2\n";
  const char *good = "id,age\nB,12\n";
  CU_ASSERT_FALSE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, bad, strlen(bad),
                                        "a.csv", diags, NULL));
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, good,
                                       strlen(good), "b.csv", diags, NULL));
  GError *error = NULL;
  CU_ASSERT_FALSE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, bad, strlen(bad),
                                        "c.csv", NULL, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  if (error != NULL)
    CU_ASSERT_STRING_EQUAL(error->message, "c.csv: 1 error");
  g_clear_error(&error);
  mm_diagnostics_free(diags);
  mm_pool_free(pool);
}

static void test_load_into_prepared_pool_refused(void) {
  MmPool *pool = mm_pool_new();
  CU_ASSERT_TRUE(mm_pool_prepare(pool, NULL, NULL));
  GError *error = NULL;
  const char *csv = "id,age\nA,12\n";
  CU_ASSERT_FALSE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, csv, strlen(csv),
                                        "mentees.csv", NULL, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_STATE));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(pool), 0);
  g_clear_error(&error);
  mm_pool_free(pool);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_quoted_commas_and_quotes),
      MM_TEST(test_quoted_line_breaks_lf),
      MM_TEST(test_quoted_line_breaks_crlf),
      MM_TEST(test_bom_skipped),
      MM_TEST(test_blank_lines_skipped),
      MM_TEST(test_trailing_newline_optional),
      MM_TEST(test_lone_cr_ends_record),
      MM_TEST(test_unterminated_quote),
      MM_TEST(test_text_after_closing_quote),
      MM_TEST(test_quote_inside_unquoted_field),
      MM_TEST(test_nul_byte_is_field_error),
      MM_TEST(test_invalid_utf8_marked_per_field),
      MM_TEST(test_callback_can_stop),
      MM_TEST(test_status_messages),
      MM_TEST(test_load_clean_rows),
      MM_TEST(test_load_unknown_column_warned_once),
      MM_TEST(test_load_nameless_column_warned),
      MM_TEST(test_load_empty_rows_skipped),
      MM_TEST(test_load_duplicate_column),
      MM_TEST(test_load_missing_required_column),
      MM_TEST(test_load_missing_required_mentor_column),
      MM_TEST(test_load_field_counts),
      MM_TEST(test_load_lines_after_quoted_breaks),
      MM_TEST(test_load_windows_export),
      MM_TEST(test_load_invalid_utf8_names_column),
      MM_TEST(test_load_bad_bytes_elsewhere),
      MM_TEST(test_load_bad_header_bytes),
      MM_TEST(test_load_malformed_stops),
      MM_TEST(test_load_empty_and_header_only),
      MM_TEST(test_load_unreadable_file),
      MM_TEST(test_load_errors_counted_per_file),
      MM_TEST(test_load_into_prepared_pool_refused),
      CU_TEST_INFO_NULL};
  return mm_test_run("csv-reader", tests);
}
