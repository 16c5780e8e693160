/* test-limits.c: the documented limits and hostile input (README.md,
 * "Reliability"): each limit gives a FILE:LINE: column NAME error, and no
 * input crashes, hangs or grows memory without bound. */
#include "test-common.h"
#include "input-file.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Loads @csv as the mentees file; returns whether it loaded cleanly. */
static gboolean load_mentees(const char *csv, gsize length,
                             MmDiagnostics *diags, guint *n_loaded) {
  MmPool *pool = mm_pool_new();
  gboolean ok = mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, csv, length,
                                      "mentees.csv", diags, NULL);
  if (n_loaded != NULL)
    *n_loaded = mm_pool_n_mentees(pool);
  mm_pool_free(pool);
  return ok;
}

static void test_field_longer_than_the_limit(void) {
  GString *csv = g_string_new("id,age,interests\nYP1,15,music\nYP2,15,");
  for (guint k = 0; k <= MM_FIELD_MAX_BYTES; k++)
    g_string_append_c(csv, 'a');
  g_string_append(csv, "\nYP3,15,art\n");
  MmDiagnostics *diags = mm_diagnostics_new();
  guint n = 0;
  CU_ASSERT_FALSE(load_mentees(csv->str, csv->len, diags, &n));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 3, "interests", "at most 65536"));
  CU_ASSERT_EQUAL(n, 2); /* the other rows still load */
  mm_diagnostics_free(diags);
  g_string_free(csv, TRUE);
}

static void test_twenty_megabyte_field(void) {
  gsize big = 20u * 1024 * 1024;
  GString *csv = g_string_sized_new(big + 64);
  g_string_append(csv, "id,age\nYP1,\"");
  for (gsize k = 0; k < big; k++)
    g_string_append_c(csv, k % 7 == 0 ? ',' : 'x');
  g_string_append(csv, "\"\n");
  MmDiagnostics *diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(load_mentees(csv->str, csv->len, diags, NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "age", "bytes long"));
  mm_diagnostics_free(diags);
  g_string_free(csv, TRUE);
}

static void test_list_longer_than_the_limit(void) {
  GString *csv = g_string_new("id,age,languages\nYP1,15,");
  for (guint k = 0; k <= MM_LIST_MAX_ITEMS; k++)
    g_string_append_printf(csv, "%sl%u", k > 0 ? ";" : "", k);
  g_string_append(csv, "\n");
  MmDiagnostics *diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(load_mentees(csv->str, csv->len, diags, NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "languages", "257 items; at most 256"));
  mm_diagnostics_free(diags);

  /* exactly the limit is fine */
  g_string_assign(csv, "id,age,languages\nYP1,15,");
  for (guint k = 0; k < MM_LIST_MAX_ITEMS; k++)
    g_string_append_printf(csv, "%sl%u", k > 0 ? ";" : "", k);
  g_string_append(csv, "\n");
  diags = mm_diagnostics_new();
  CU_ASSERT_TRUE(load_mentees(csv->str, csv->len, diags, NULL));
  mm_diagnostics_free(diags);
  g_string_free(csv, TRUE);
}

static void test_hundred_thousand_columns(void) {
  GString *csv = g_string_new("id,age");
  for (guint k = 0; k < 100000; k++)
    g_string_append_printf(csv, ",x%u", k);
  g_string_append(csv, "\nYP1,15\n");
  MmDiagnostics *diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(load_mentees(csv->str, csv->len, diags, NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 1, NULL, "100002 columns; at most 1024"));
  /* one error, not one warning per unknown column */
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 1);
  mm_diagnostics_free(diags);

  /* in memory too */
  MmField *fields = g_new(MmField, MM_COLUMNS_MAX + 1);
  for (guint k = 0; k <= MM_COLUMNS_MAX; k++)
    fields[k] = (MmField){"id", "YP1"};
  MmPool *pool = mm_pool_new();
  diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(mm_pool_add_person(pool, MM_SIDE_MENTEE, fields,
                                     MM_COLUMNS_MAX + 1, "crm", 7, diags));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 7, NULL, "at most 1024"));
  mm_diagnostics_free(diags);
  mm_pool_free(pool);
  g_free(fields);
  g_string_free(csv, TRUE);
}

static void test_many_blank_lines_keep_line_numbers(void) {
  GString *csv = g_string_new("id,age\n");
  for (guint k = 0; k < 300000; k++)
    g_string_append(csv, k % 2 ? "\r\n" : "  \n");
  g_string_append(csv, "YP1,99\n"); /* line 300002: age out of range */
  MmDiagnostics *diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(load_mentees(csv->str, csv->len, diags, NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 300002, "age", NULL));
  mm_diagnostics_free(diags);
  g_string_free(csv, TRUE);
}

static void test_extreme_numbers_are_errors(void) {
  const char *csv =
      "id,age,priority,lat,lon,pref_age_min\n"
      "YP1,9223372036854775808,0,,,\n"           /* 2^63 */
      "YP2,15,18446744073709551617,,,\n"         /* 2^64 + 1 */
      "YP3,15,0,1e308,0,\n"
      "YP4,15,0,inf,0,\n"
      "YP5,15,0,nan,0,\n"
      "YP6,15,0,,,-9223372036854775809\n"
      "YP7,1e3,0,,,\n";
  MmDiagnostics *diags = mm_diagnostics_new();
  guint n = 0;
  CU_ASSERT_FALSE(load_mentees(csv, strlen(csv), diags, &n));
  CU_ASSERT_EQUAL(n, 0);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "age", NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 3, "priority", NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 4, "lat", NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 5, "lat", NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 6, "lat", NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 7, "pref_age_min", NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 8, "age", NULL));

  const char *mentors =
      "id,age,checks_cleared,training_hours,capacity,max_distance_km\n"
      "M1,30,yes,1e309,1,\n"
      "M2,30,yes,5,4294967297,\n"
      "M3,30,yes,5,1,-inf\n";
  MmPool *pool = mm_pool_new();
  CU_ASSERT_FALSE(mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, mentors,
                                        strlen(mentors), "mentors.csv", diags,
                                        NULL));
  CU_ASSERT_EQUAL(mm_pool_n_mentors(pool), 0);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "training_hours", NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 3, "capacity", NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 4, "max_distance_km", NULL));
  mm_pool_free(pool);
  mm_diagnostics_free(diags);
}

static void test_nul_bytes_and_bad_utf8(void) {
  const char csv[] = "id,age,gender\nYP1,15,fe\0male\nYP2,15,\xff\xfe\nYP3,15,x\n";
  MmDiagnostics *diags = mm_diagnostics_new();
  guint n = 0;
  CU_ASSERT_FALSE(load_mentees(csv, sizeof csv - 1, diags, &n));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "gender", "NUL"));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 3, "gender", "UTF-8"));
  CU_ASSERT_EQUAL(n, 1);
  mm_diagnostics_free(diags);
}

static void test_too_many_people(void) {
  /* MM_PEOPLE_MAX + 1 rows: the last one is refused with its line */
  GString *csv = g_string_sized_new(16u * MM_PEOPLE_MAX);
  g_string_append(csv, "id,age\n");
  for (guint k = 0; k <= MM_PEOPLE_MAX; k++)
    g_string_append_printf(csv, "P%u,20\n", k);
  MmDiagnostics *diags = mm_diagnostics_new();
  guint n = 0;
  CU_ASSERT_FALSE(load_mentees(csv->str, csv->len, diags, &n));
  CU_ASSERT_EQUAL(n, MM_PEOPLE_MAX);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, MM_PEOPLE_MAX + 2, NULL,
                                  "more than 1000000 people"));
  mm_diagnostics_free(diags);
  g_string_free(csv, TRUE);
}

static void test_input_larger_than_the_limit(void) {
  /* a sparse file: no disk or memory is used for its size */
  char *dir = g_dir_make_tmp("mm-limits-XXXXXX", NULL);
  char *path = g_build_filename(dir, "huge.csv", NULL);
  FILE *f = fopen(path, "w");
  CU_ASSERT_PTR_NOT_NULL_FATAL(f);
  CU_ASSERT_EQUAL(ftruncate(fileno(f), (off_t)MM_INPUT_MAX_BYTES + 1), 0);
  fclose(f);
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  GError *error = NULL;
  CU_ASSERT_FALSE(mm_pool_load_csv(pool, MM_SIDE_MENTEE, path, diags, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_LIMIT));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 0, NULL, "larger than"));
  g_clear_error(&error);
  /* in memory: refused before a byte is read */
  static const char one_byte[] = "x";
  CU_ASSERT_FALSE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, one_byte,
                                        (gsize)MM_INPUT_MAX_BYTES + 1, "big",
                                        diags, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_LIMIT));
  g_clear_error(&error);
  mm_diagnostics_free(diags);
  mm_pool_free(pool);
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
}

/* Random byte mutations of the example pools and config: each load either
 * succeeds or reports errors; it never crashes (ASan run in CI). */
static void test_mutated_files_never_crash(void) {
  char *mentees = NULL, *mentors = NULL, *config = NULL;
  gsize n_mentees, n_mentors, n_config;
  CU_ASSERT_TRUE_FATAL(g_file_get_contents(MM_EXAMPLES_DIR "/data/mentees.csv",
                                           &mentees, &n_mentees, NULL));
  CU_ASSERT_TRUE_FATAL(g_file_get_contents(MM_EXAMPLES_DIR "/data/mentors.csv",
                                           &mentors, &n_mentors, NULL));
  CU_ASSERT_TRUE_FATAL(g_file_get_contents(MM_EXAMPLES_DIR "/data/config.ini",
                                           &config, &n_config, NULL));
  GRand *rng = g_rand_new_with_seed(7);
  static const char interesting[] = {'"', ',', '\n', '\r', ';', ':', '\0',
                                     '\xff', '-', '9', ' '};
  guint loaded = 0, refused = 0;
  for (guint round = 0; round < 300; round++) {
    char *a = g_memdup2(mentees, n_mentees), *b = g_memdup2(mentors, n_mentors);
    char *c = g_memdup2(config, n_config);
    for (guint k = 0, edits = g_rand_int_range(rng, 1, 12); k < edits; k++) {
      char byte = g_rand_boolean(rng)
                      ? interesting[g_rand_int_range(rng, 0, sizeof interesting)]
                      : (char)g_rand_int_range(rng, 0, 256);
      a[g_rand_int_range(rng, 0, (gint32)n_mentees)] = byte;
      b[g_rand_int_range(rng, 0, (gint32)n_mentors)] = byte;
      c[g_rand_int_range(rng, 0, (gint32)n_config)] = byte;
    }
    MmPool *pool = mm_pool_new();
    MmDiagnostics *diags = mm_diagnostics_new();
    MmConfig *cfg = mm_config_new();
    gboolean ok =
        mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, a, n_mentees, "a", diags, NULL);
    ok &= mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, b, n_mentors, "b", diags, NULL);
    mm_config_load_data(cfg, c, (gssize)n_config, "c", diags, NULL);
    mm_pool_prepare(pool, diags, NULL);
    /* whatever loaded can be matched, and every mentee is accounted for */
    MmMatching *r = mm_match(pool, cfg, NULL, NULL);
    MmMatchSummary s = mm_matching_summary(r);
    CU_ASSERT_EQUAL(s.matched + s.pinned + s.unmatched, mm_pool_n_mentees(pool));
    mm_matching_free(r);
    loaded += ok;
    refused += !ok;
    mm_config_free(cfg);
    mm_diagnostics_free(diags);
    mm_pool_free(pool);
    g_free(a);
    g_free(b);
    g_free(c);
  }
  CU_ASSERT_TRUE(refused > 0); /* the mutations did reach the validator */
  g_rand_free(rng);
  g_free(mentees);
  g_free(mentors);
  g_free(config);
}

static void test_garbage_config(void) {
  GRand *rng = g_rand_new_with_seed(11);
  for (guint round = 0; round < 200; round++) {
    gsize n = (gsize)g_rand_int_range(rng, 1, 400);
    char *junk = g_malloc(n);
    for (gsize k = 0; k < n; k++)
      junk[k] = (char)g_rand_int_range(rng, 0, 256);
    junk[0] = '['; /* look like INI sometimes */
    MmConfig *config = mm_config_new();
    MmDiagnostics *diags = mm_diagnostics_new();
    GError *error = NULL;
    gboolean ok = mm_config_load_data(config, junk, (gssize)n, "junk.ini", diags,
                                      &error);
    /* refused, and the config keeps its defaults */
    CU_ASSERT_FALSE(ok);
    CU_ASSERT_TRUE(mm_diagnostics_n_errors(diags) > 0);
    CU_ASSERT_EQUAL(mm_config_get_weight(config, MM_CRITERION_CHOICE),
                    MM_DEFAULT_WEIGHT_CHOICE);
    g_clear_error(&error);
    mm_diagnostics_free(diags);
    mm_config_free(config);
    g_free(junk);
  }
  g_rand_free(rng);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_field_longer_than_the_limit),
      MM_TEST(test_twenty_megabyte_field),
      MM_TEST(test_list_longer_than_the_limit),
      MM_TEST(test_hundred_thousand_columns),
      MM_TEST(test_many_blank_lines_keep_line_numbers),
      MM_TEST(test_extreme_numbers_are_errors),
      MM_TEST(test_nul_bytes_and_bad_utf8),
      MM_TEST(test_too_many_people),
      MM_TEST(test_input_larger_than_the_limit),
      MM_TEST(test_mutated_files_never_crash),
      MM_TEST(test_garbage_config),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("limits", tests);
}
