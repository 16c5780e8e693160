/* test-limits.c: the documented limits and hostile input (README.md,
 * "Reliability"): each limit gives a FILE:LINE: column NAME error, and no
 * input crashes, hangs or grows memory without bound. */
#include "test-common.h"
#include "input-file.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

/* Whether every setting of @a and @b is the same: weights, rules and the
 * objective. */
static gboolean same_config(const MmConfig *a, const MmConfig *b) {
  for (guint i = 0; i < MM_N_CRITERIA; i++)
    if (mm_config_get_weight(a, (MmCriterion)i) !=
        mm_config_get_weight(b, (MmCriterion)i))
      return FALSE;
  for (guint i = 0; i < MM_N_BONUSES; i++)
    if (mm_config_get_bonus(a, (MmBonus)i) != mm_config_get_bonus(b, (MmBonus)i))
      return FALSE;
  return mm_config_get_min_training_hours(a) ==
             mm_config_get_min_training_hours(b) &&
         mm_config_get_require_checks(a) == mm_config_get_require_checks(b) &&
         mm_config_get_min_age_gap(a) == mm_config_get_min_age_gap(b) &&
         mm_config_get_max_distance_km(a) == mm_config_get_max_distance_km(b) &&
         mm_config_get_min_score(a) == mm_config_get_min_score(b) &&
         mm_config_get_prefer(a) == mm_config_get_prefer(b);
}

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
    CU_ASSERT_EQUAL(mm_matching_count(r, MM_STATUS_MATCHED) +
                        mm_matching_count(r, MM_STATUS_PINNED) +
                        mm_matching_count(r, MM_STATUS_UNMATCHED),
                    mm_pool_n_mentees(pool));
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
  CU_ASSERT_TRUE(loaded > 0);  /* and some mutated pools still load */
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
    MmConfig *defaults = mm_config_copy(config);
    MmDiagnostics *diags = mm_diagnostics_new();
    GError *error = NULL;
    gboolean ok = mm_config_load_data(config, junk, (gssize)n, "junk.ini", diags,
                                      &error);
    /* refused, and the config keeps its defaults: every weight, rule and
     * objective setting */
    CU_ASSERT_FALSE(ok);
    CU_ASSERT_TRUE(mm_diagnostics_n_errors(diags) > 0);
    CU_ASSERT_EQUAL(mm_config_get_weight(config, MM_CRITERION_INTERESTS),
                    MM_DEFAULT_WEIGHT_INTERESTS);
    CU_ASSERT_TRUE(same_config(config, defaults));
    mm_config_free(defaults);
    g_clear_error(&error);
    mm_diagnostics_free(diags);
    mm_config_free(config);
    g_free(junk);
  }
  g_rand_free(rng);
}

/* Huge values and keys in a config file: each an error at its line and
 * column, quoted only in part, and nothing applied. */
static void test_huge_config_values(void) {
  GString *ini = g_string_new("[objective]\nprefer = "); /* line 2 */
  for (guint k = 0; k < 1000000; k++)
    g_string_append_c(ini, 'q');
  g_string_append(ini, "\nchoice_bonus = 1"); /* line 3: 1e400 */
  for (guint k = 0; k < 400; k++)
    g_string_append_c(ini, '0');
  g_string_append(ini, "\nwaiting_bonus = 0.5\n[weights]\n"); /* lines 4-5 */
  for (guint k = 0; k < 100000; k++) /* line 6 */
    g_string_append_c(ini, 'k');
  g_string_append(ini, " = 1\n");
  MmConfig *config = mm_config_new();
  MmConfig *defaults = mm_config_copy(config);
  MmDiagnostics *diags = mm_diagnostics_new();
  GError *error = NULL;
  CU_ASSERT_FALSE(mm_config_load_data(config, ini->str, (gssize)ini->len,
                                      "big.ini", diags, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  g_clear_error(&error);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 3);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "objective.prefer",
                                  "must be quality or count (found \"qqqq"));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 3, "objective.choice_bonus",
                                  "must be a number from 0 to 1000 "
                                  "(found \"1000"));
  gboolean key_seen = FALSE;
  for (guint i = 0; i < mm_diagnostics_length(diags); i++) {
    const MmDiagnostic *d = mm_diagnostics_get(diags, i);
    CU_ASSERT_TRUE(strlen(d->message) < 200);
    CU_ASSERT_TRUE(d->column == NULL || strlen(d->column) < 60);
    if (d->line == 6) { /* the unknown key, its name cut */
      key_seen = TRUE;
      CU_ASSERT_TRUE(g_str_has_prefix(d->column, "weights.kkkk"));
      CU_ASSERT_TRUE(g_str_has_suffix(d->column, "..."));
      CU_ASSERT_TRUE(g_str_has_prefix(d->message, "unknown key; [weights] has"));
    }
  }
  CU_ASSERT_TRUE(key_seen);
  CU_ASSERT_TRUE(same_config(config, defaults));
  mm_diagnostics_free(diags);
  mm_config_free(defaults);
  mm_config_free(config);
  g_string_free(ini, TRUE);
}

/* The answer to @request: parsed, and an object. */
static JsonObject *json_answer(JsonParser *parser, const char *request,
                               gsize *length) {
  char *answer = mm_json(request);
  CU_ASSERT_PTR_NOT_NULL_FATAL(answer);
  *length = strlen(answer);
  CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(parser, answer, -1, NULL));
  mm_json_free(answer);
  JsonNode *root = json_parser_get_root(parser);
  CU_ASSERT_TRUE_FATAL(root != NULL && JSON_NODE_HOLDS_OBJECT(root));
  return json_node_get_object(root);
}

/* The first problem of an error answer, or NULL. */
static JsonObject *first_problem(JsonObject *answer) {
  JsonObject *error = json_object_get_object_member(answer, "error");
  if (error == NULL || !json_object_has_member(error, "problems"))
    return NULL;
  JsonArray *problems = json_object_get_array_member(error, "problems");
  return json_array_get_length(problems) > 0
             ? json_array_get_object_element(problems, 0)
             : NULL;
}

/* Huge texts in the v2 places of a JSON request (as_of, prefer, an
 * objective key, waiting_since): a short error answer naming the place. */
static void test_huge_json_values(void) {
  GString *big = g_string_new(NULL);
  for (guint k = 0; k < 1000000; k++)
    g_string_append_c(big, '9');
  /* The request around the huge text: before it, and after it. */
  static const char *const shapes[][2] = {
      /* as_of */
      {"{\"command\": \"match\", \"mentees\": [], \"mentors\": [],"
       " \"as_of\": \"", "\"}"},
      /* prefer */
      {"{\"command\": \"match\", \"mentees\": [], \"mentors\": [],"
       " \"config\": {\"objective\": {\"prefer\": \"", "\"}}}"},
      /* an objective key */
      {"{\"command\": \"match\", \"mentees\": [], \"mentors\": [],"
       " \"config\": {\"objective\": {\"", "\": 1}}}"},
      /* waiting_since */
      {"{\"command\": \"match\", \"mentees\": [{\"id\": \"A\", \"age\": 15,"
       " \"waiting_since\": \"", "\"}], \"mentors\": []}"},
      /* a bonus with a million digits: 9...9 is far above 1000 */
      {"{\"command\": \"match\", \"mentees\": [], \"mentors\": [],"
       " \"config\": {\"objective\": {\"choice_bonus\": ", "}}}"},
  };
  static const char *const columns[] = {NULL, "objective.prefer",
                                        "objective.999", "waiting_since",
                                        "objective.choice_bonus"};
  for (guint k = 0; k < G_N_ELEMENTS(shapes); k++) {
    char *request = g_strconcat(shapes[k][0], big->str, shapes[k][1], NULL);
    JsonParser *parser = json_parser_new();
    gsize length = 0;
    JsonObject *answer = json_answer(parser, request, &length);
    CU_ASSERT_TRUE(json_object_has_member(answer, "error"));
    CU_ASSERT_TRUE(length < 2000); /* the text is not echoed */
    JsonObject *problem = first_problem(answer);
    if (columns[k] == NULL) {
      CU_ASSERT_PTR_NULL(problem); /* a fault of the request's shape */
    } else {
      CU_ASSERT_PTR_NOT_NULL_FATAL(problem);
      const char *column = json_object_get_string_member(problem, "column");
      CU_ASSERT_TRUE(g_str_has_prefix(column, columns[k]));
      CU_ASSERT_TRUE(strlen(column) < 60);
    }
    g_object_unref(parser);
    g_free(request);
  }
  g_string_free(big, TRUE);
}

/* The ends of the calendar: a waiting_since of year 1 against an as-of
 * date of year 9999 counts 52 weeks, no more; the other way round is an
 * error at the row; a year of five digits is not a date. */
static void test_date_extremes(void) {
  static const char mentors[] = "id,age,checks_cleared,training_hours\n"
                                "M,30,yes,3\n";
  /* P (15) and M (30): age alone applies, gap 15, score 100. The value is
   * 100 + 0.5 x min(52, weeks) = 100 + 26 = 126 (quality; priority 0,
   * match_bonus 0, M not named). */
  static const char waited[] = "id,age,waiting_since\nP,15,0001-01-01\n";
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, waited,
                                       strlen(waited), "mentees.csv", diags,
                                       NULL));
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, mentors,
                                       strlen(mentors), "mentors.csv", diags,
                                       NULL));
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, "9999-12-31", NULL));
  CU_ASSERT_TRUE_FATAL(mm_pool_prepare(pool, diags, NULL));
  MmConfig *config = mm_config_new();
  MmMatching *matching = mm_match(pool, config, NULL, NULL);
  CU_ASSERT_EQUAL(mm_matching_mentor(matching, 0), 0);
  CU_ASSERT_DOUBLE_EQUAL(mm_matching_value(matching, 0), 126.0, 1e-9);
  mm_matching_free(matching);
  mm_config_free(config);
  mm_pool_free(pool);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  mm_diagnostics_free(diags);

  /* Referred in 9999, as of year 1: an error at the row. */
  static const char future[] = "id,age,waiting_since\nP,15,9999-12-31\n";
  pool = mm_pool_new();
  diags = mm_diagnostics_new();
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, future,
                                       strlen(future), "mentees.csv", diags,
                                       NULL));
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, "0001-01-01", NULL));
  GError *error = NULL;
  CU_ASSERT_FALSE(mm_pool_prepare(pool, diags, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  g_clear_error(&error);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "waiting_since",
                                  "9999-12-31 is after the as-of date "
                                  "0001-01-01"));
  CU_ASSERT_FALSE(mm_pool_is_prepared(pool));
  mm_pool_free(pool);
  mm_diagnostics_free(diags);

  /* Five-digit years and year 0 are not dates, in a file or as the as-of
   * date. */
  static const char five[] = "id,age,waiting_since\nP,15,10000-01-01\n"
                             "Q,15,0000-12-31\n";
  pool = mm_pool_new();
  diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, five,
                                        strlen(five), "mentees.csv", diags,
                                        NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "waiting_since",
                                  "is not a date written YYYY-MM-DD"));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 3, "waiting_since",
                                  "is not a date written YYYY-MM-DD"));
  CU_ASSERT_FALSE(mm_pool_set_as_of(pool, "10000-01-01", &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  g_clear_error(&error);
  CU_ASSERT_FALSE(mm_pool_set_as_of(pool, "0000-12-31", NULL));
  mm_pool_free(pool);
  mm_diagnostics_free(diags);
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
      MM_TEST(test_huge_config_values),
      MM_TEST(test_huge_json_values),
      MM_TEST(test_date_extremes),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("limits", tests);
}
