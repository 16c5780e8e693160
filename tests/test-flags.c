/* test-flags.c: safeguarding visible in every output (issue 15).
 *
 * The `flags` of a matched or pinned row (docs/cli.md, `match`), the
 * reasons an unmatched young person's named mentors were not given, pins
 * taken from a previous `match` output as it is, `recommend` offering only
 * the places pins leave free, `--excel` outputs, and the warnings every JSON
 * answer carries. Each is checked through the library, the CLI's CSV and
 * JSON, and mm_json(): a flag a safeguarding lead must see has to be in all
 * of them.
 *
 * Every expected value is worked out by hand in the comments, from the contract (docs/)
 * and the default config: weights interests 3, care_experience 3, gender 2,
 * age 2, language 1, mentor_type 1, needs 3, availability 2, distance 2; a
 * stated preference weighs x2; interests are full at 3 shared, availability
 * at 2 shared slots; an adult mentor 6-35 years older scores 1 on age;
 * min_score 40, min_training_hours 3, max_distance_km 30. */
#include "test-common.h"
#include "csv-reader.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- temporary files ---- */

/* ---- reading CSV output back, with the library's reader ---- */

static char **row_at(GPtrArray *rows, guint i) {
  return g_ptr_array_index(rows, i);
}

/* The field @name of the row whose first field is @id, or NULL. */
static const char *cell(GPtrArray *rows, const char *id, const char *name) {
  gint c = mm_test_csv_column(rows, name);
  for (guint i = 1; c >= 0 && i < rows->len; i++) {
    char **r = row_at(rows, i);
    if (strcmp(r[0], id) == 0)
      return (guint)c < g_strv_length(r) ? r[c] : NULL;
  }
  return NULL;
}

/* ---- reading JSON answers ---- */

static JsonNode *parse_json(const char *text) {
  GError *error = NULL;
  JsonNode *root = json_from_string(text, &error);
  if (root == NULL)
    fprintf(stderr, "  JSON: %s\n", error != NULL ? error->message : "empty");
  g_clear_error(&error);
  CU_ASSERT_PTR_NOT_NULL_FATAL(root);
  return root;
}

/* The element of the array @member of @root whose "mentee_id" is @id. */
static JsonObject *json_row(JsonNode *root, const char *member,
                            const char *id) {
  JsonArray *rows =
      json_object_get_array_member(json_node_get_object(root), member);
  for (guint i = 0; rows != NULL && i < json_array_get_length(rows); i++) {
    JsonObject *o = json_array_get_object_element(rows, i);
    if (g_strcmp0(json_object_get_string_member(o, "mentee_id"), id) == 0)
      return o;
  }
  return NULL;
}

/* The "flags" array of a JSON row joined with ';' (as the CSV column). */
static char *json_flags(JsonObject *row) {
  JsonArray *flags = json_object_get_array_member(row, "flags");
  CU_ASSERT_PTR_NOT_NULL_FATAL(flags);
  GString *out = g_string_new(NULL);
  for (guint k = 0; k < json_array_get_length(flags); k++)
    g_string_append_printf(out, "%s%s", k > 0 ? ";" : "",
                           json_array_get_string_element(flags, k));
  return g_string_free(out, FALSE);
}

/* Whether the "warnings" of @root hold one at @source (NULL: any), @line
 * (0: null), @column (NULL: null) whose message contains @fragment. */
static gboolean json_has_warning(JsonNode *root, const char *source,
                                 guint line, const char *column,
                                 const char *fragment) {
  JsonObject *answer = json_node_get_object(root);
  CU_ASSERT_TRUE_FATAL(json_object_has_member(answer, "warnings"));
  JsonArray *warnings = json_object_get_array_member(answer, "warnings");
  for (guint i = 0; i < json_array_get_length(warnings); i++) {
    JsonObject *w = json_array_get_object_element(warnings, i);
    JsonNode *l = json_object_get_member(w, "line");
    JsonNode *c = json_object_get_member(w, "column");
    if (source != NULL &&
        g_strcmp0(json_object_get_string_member(w, "source"), source) != 0)
      continue;
    if (line == 0 ? !JSON_NODE_HOLDS_NULL(l)
                  : JSON_NODE_HOLDS_NULL(l) ||
                        json_node_get_int(l) != (gint64)line)
      continue;
    if (column == NULL ? !JSON_NODE_HOLDS_NULL(c)
                       : JSON_NODE_HOLDS_NULL(c) ||
                             g_strcmp0(json_node_get_string(c), column) != 0)
      continue;
    if (strstr(json_object_get_string_member(w, "message"), fragment) != NULL)
      return TRUE;
  }
  return FALSE;
}

static guint json_n_warnings(JsonNode *root) {
  return json_array_get_length(json_object_get_array_member(
      json_node_get_object(root), "warnings"));
}

/* ---- the library's matching ---- */

static MmPins *pins_from_csv(const MmPool *pool, const char *csv,
                             MmDiagnostics *diags) {
  MmPins *pins = mm_pins_new(pool);
  CU_ASSERT_TRUE(mm_pins_load_csv_data(pins, csv, strlen(csv), "pins.csv",
                                       diags, NULL));
  return pins;
}

static MmMatching *match_with(const MmPool *pool, const MmPins *pins,
                              MmDiagnostics *diags) {
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_pins(options, pins);
  mm_match_options_set_threads(options, 1);
  return mm_match(pool, config, options, diags);
}

/* The flags of @id's row joined with ';'. */
static char *library_flags(const MmPool *pool, const MmMatching *matching,
                           const char *id) {
  gint i = mm_pool_find_mentee(pool, id);
  CU_ASSERT_TRUE_FATAL(i >= 0);
  g_auto(GStrv) flags = mm_matching_flags(matching, (guint)i);
  return g_strjoinv(";", flags);
}

/* ====================================================================== */
/* The flags pool: one young person per kind of flag.
 *
 * Every mentor is 40 and takes exactly one age (mentee_age_min = max), so
 * each young person (ages 10-18, all different) has exactly one mentor
 * whose age range admits them: the assignment is forced and each row shows
 * one kind of flag. Age gaps are 22-30 years, inside the adult 6-35 band:
 * age scores 1 (weight 2) on every pair. Pins (pins.csv): Y1-M1 (line 2),
 * Y2-M2 (line 3), Y8-M8 (line 4).
 *
 * Y1-M1 pinned: M1's checks are not cleared (lapsed). Only age applies:
 *   score 100 x 2/2 = 100.00. Flags: breaks:checks.
 * Y2-M2 pinned: Y2 excluded M2. Score 100.00. Flags: breaks:excluded.
 * Y3-M3 matched: Y3 asks for a female mentor (pref_gender, stated: weight
 *   2 x 2 = 4), M3 is male (value 0); 3 shared interests (3 x 1); age 2 x 1:
 *   100 x (0 + 3 + 2) / (4 + 3 + 2) = 500/9 = 55.56 >= 40, eligible.
 *   Flags: missed:gender.
 * Y4-M4 matched: Y4 named M1 (not eligible: checks, and M1 takes age 10
 *   only), so gets M4 (age only: 100.00). Flags: named-choice-missed.
 * Y5-M5 matched: Y5 speaks English, M5 Polish: language 1 x 0; age 2 x 1:
 *   100 x 2/3 = 66.67. Flags: no-common-language.
 * Y6-M6 matched: Y6 free mon-eve, M6 sat-am: availability 2 x 0; age 2 x 1:
 *   100 x 2/4 = 50.00. Flags: no-common-time.
 * Y7-M7 matched: Y7 gave languages, availability and a location; M7 has
 *   none of them recorded (each scores 0: language 1, availability 2,
 *   distance 2), 3 shared interests 3 x 1, age 2 x 1:
 *   100 x 5/10 = 50.00. Flags, in criterion order:
 *   not-recorded:languages;not-recorded:availability;not-recorded:location
 *   (and neither no-common-language nor no-common-time: the mentor's own
 *   languages and times are not recorded, which is a different thing).
 * Y8-M8 pinned: every kind at once, in the documented order. M8's checks
 *   are not cleared and Y8 excluded M8; Y8 asks for a female mentor (M8 is
 *   male: gender 4 x 0), speaks English (M8 Polish: language 1 x 0), age
 *   2 x 1: 100 x 2/7 = 28.57, below min_score 40, so the pin breaks that
 *   rule too (rules in MmRule order: checks, excluded, min_score). Y8
 *   named M9 and got M8. Flags:
 *   breaks:checks;breaks:excluded;breaks:min_score;missed:gender;
 *   named-choice-missed;no-common-language
 * Y9-M10 matched: age only, 100.00, nothing to review: no flags.
 * M9 takes age 19 only: nobody's.
 */
#define FLAGS_MENTEES                                                          \
  "id,age,gender,languages,interests,lat,lon,availability,pref_gender,"       \
  "preferred_mentors,excluded_mentors\n"                                      \
  "Y1,10,,,,,,,,,\n"                                                          \
  "Y2,11,,,,,,,,,M2\n"                                                        \
  "Y3,12,,,a;b;c,,,,female,,\n"                                               \
  "Y4,13,,,,,,,,M1,\n"                                                        \
  "Y5,14,,english,,,,,,,\n"                                                   \
  "Y6,15,,,,,,mon-eve,,,\n"                                                   \
  "Y7,16,,english,a;b;c,53.8,-1.5,sat-am,,,\n"                                \
  "Y8,17,,english,,,,,female,M9,M8\n"                                         \
  "Y9,18,,,,,,,,,\n"

#define FLAGS_MENTORS                                                          \
  "id,age,gender,languages,interests,lat,lon,availability,capacity,"          \
  "checks_cleared,training_hours,mentee_age_min,mentee_age_max\n"             \
  "M1,40,,,,,,,1,no,5,10,10\n"                                                \
  "M2,40,,,,,,,1,yes,5,11,11\n"                                               \
  "M3,40,male,,a;b;c,,,,1,yes,5,12,12\n"                                      \
  "M4,40,,,,,,,1,yes,5,13,13\n"                                               \
  "M5,40,,polish,,,,,1,yes,5,14,14\n"                                         \
  "M6,40,,,,,,sat-am,1,yes,5,15,15\n"                                         \
  "M7,40,,,a;b;c,,,,1,yes,5,16,16\n"                                          \
  "M8,40,male,polish,,,,,1,no,5,17,17\n"                                      \
  "M9,40,,,,,,,1,yes,5,19,19\n"                                               \
  "M10,40,,,,,,,1,yes,5,18,18\n"

#define FLAGS_PINS "mentee_id,mentor_id\nY1,M1\nY2,M2\nY8,M8\n"

typedef struct {
  const char *mentee, *mentor, *score, *status, *flags;
} FlagsRow;

static const FlagsRow flags_rows[] = {
    {"Y1", "M1", "100.00", "pinned", "breaks:checks"},
    {"Y2", "M2", "100.00", "pinned", "breaks:excluded"},
    {"Y3", "M3", "55.56", "matched", "missed:gender"},
    {"Y4", "M4", "100.00", "matched", "named-choice-missed"},
    {"Y5", "M5", "66.67", "matched", "no-common-language"},
    {"Y6", "M6", "50.00", "matched", "no-common-time"},
    {"Y7", "M7", "50.00", "matched",
     "not-recorded:languages;not-recorded:availability;not-recorded:location"},
    {"Y8", "M8", "28.57", "pinned",
     "breaks:checks;breaks:excluded;breaks:min_score;missed:gender;"
     "named-choice-missed;no-common-language"},
    {"Y9", "M10", "100.00", "matched", ""},
};

/* The pin warnings (pins.csv lines 2-4), with the rules each pin breaks
 * counted as mm_rules_summary() writes them. */
typedef struct {
  guint line;
  const char *message;
} PinWarning;

static const PinWarning pin_warnings[] = {
    {2, "pinned pair Y1-M1 kept although it breaks: 1 checks"},
    {3, "pinned pair Y2-M2 kept although it breaks: 1 excluded"},
    {4, "pinned pair Y8-M8 kept although it breaks: 1 checks, 1 excluded, "
        "1 min_score"},
};

static void test_flags_library(void) {
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(FLAGS_MENTEES, FLAGS_MENTORS);
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  g_autoptr(MmPins) pins = pins_from_csv(pool, FLAGS_PINS, diags);
  CU_ASSERT_EQUAL(mm_pins_length(pins), 3);
  g_autoptr(MmMatching) matching = match_with(pool, pins, diags);
  for (guint k = 0; k < G_N_ELEMENTS(flags_rows); k++) {
    const FlagsRow *e = &flags_rows[k];
    gint i = mm_pool_find_mentee(pool, e->mentee);
    CU_ASSERT_TRUE_FATAL(i >= 0);
    gint j = mm_matching_mentor(matching, (guint)i);
    CU_ASSERT_TRUE_FATAL(j >= 0);
    CU_ASSERT_STRING_EQUAL(mm_pool_mentor_id(pool, (guint)j), e->mentor);
    CU_ASSERT_STRING_EQUAL(
        mm_match_status_name(mm_matching_status(matching, (guint)i)), e->status);
    g_autofree char *score =
        g_strdup_printf("%.2f", mm_matching_score(matching, (guint)i));
    CU_ASSERT_STRING_EQUAL(score, e->score);
    g_autofree char *flags = library_flags(pool, matching, e->mentee);
    if (strcmp(flags, e->flags) != 0)
      fprintf(stderr, "  %s: flags '%s', expected '%s'\n", e->mentee, flags,
              e->flags);
    CU_ASSERT_STRING_EQUAL(flags, e->flags);
    CU_ASSERT_PTR_NULL(mm_matching_reason(matching, (guint)i));
  }
  /* each pin that breaks a rule is also a warning at its line */
  for (guint k = 0; k < G_N_ELEMENTS(pin_warnings); k++)
    CU_ASSERT_TRUE(mm_test_has_diag(diags, pin_warnings[k].line, NULL,
                                    pin_warnings[k].message));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
}

/* The stated preferences other than gender, each missed: a pin of Y1 (15)
 * to M1 (40, volunteer, not care-experienced, speaks English). Y1 wants a
 * care-experienced mentor (care_experience 3 x 2 = 6, value 0), aged 20-30
 * (M1 is 10 years over: max(0, 1 - 10/5) = 0, weight 2 x 2 = 4), who speaks
 * Polish (pref_language: 1 x 2 = 2, value 0) and is a peer (mentor_type
 * 1 x 2 = 2, value 0): score 0 / 14 = 0.00, below min_score. Missed flags
 * come in criterion order (care_experience, age, language, mentor_type),
 * after the rules broken. A stated language is a missed preference, not
 * "no-common-language" (that is for languages the young person speaks). */
static void test_flags_missed_preferences(void) {
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(
      "id,age,pref_care_experienced,pref_age_min,pref_age_max,pref_language,"
      "pref_mentor_type\n"
      "Y1,15,yes,20,30,polish,peer\n",
      "id,age,languages,care_experienced,mentor_type,checks_cleared,"
      "training_hours\n"
      "M1,40,english,no,volunteer,yes,5\n");
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  g_autoptr(MmPins) pins =
      pins_from_csv(pool, "mentee_id,mentor_id\nY1,M1\n", diags);
  g_autoptr(MmMatching) matching = match_with(pool, pins, diags);
  CU_ASSERT_EQUAL(mm_matching_status(matching, 0), MM_STATUS_PINNED);
  MM_ASSERT_CLOSE(mm_matching_score(matching, 0), 0.0);
  g_autofree char *flags = library_flags(pool, matching, "Y1");
  CU_ASSERT_STRING_EQUAL(flags, "breaks:min_score;missed:care_experienced;"
                                "missed:age;missed:language;missed:mentor_type");
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, NULL,
                                  "pinned pair Y1-M1 kept although it breaks: "
                                  "1 min_score"));
  /* An unmatched row has no flags. */
  g_autoptr(MmMatching) unpinned = match_with(pool, NULL, NULL);
  CU_ASSERT_EQUAL(mm_matching_status(unpinned, 0), MM_STATUS_UNMATCHED);
  g_auto(GStrv) none = mm_matching_flags(unpinned, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(none);
  CU_ASSERT_PTR_NULL(none[0]);
}

/* The flags pool through the CLI: the CSV `flags` column (after `reason`)
 * and the JSON "flags" arrays hold exactly the library's flags, and the
 * pin warnings are on stderr and in the JSON "warnings". */
static void test_flags_cli(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv", FLAGS_MENTEES);
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv", FLAGS_MENTORS);
  g_autofree char *pinned = mm_test_write(dir, "pins.csv", FLAGS_PINS);

  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors",
                              mentors, "--pinned", pinned, "--as-of",
                              MM_TEST_AS_OF, "--quiet");
  CU_ASSERT_EQUAL(run.status, 0); /* a pin that breaks a rule is kept */
  GPtrArray *rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL_FATAL(rows->len, 1 + G_N_ELEMENTS(flags_rows));
  /* the contract (docs/): mentee_id,mentor_id,score,status,reason,flags */
  CU_ASSERT_EQUAL(mm_test_csv_column(rows, "reason"), 4);
  CU_ASSERT_EQUAL(mm_test_csv_column(rows, "flags"), 5);
  CU_ASSERT_EQUAL(g_strv_length(row_at(rows, 0)), 6);
  for (guint k = 0; k < G_N_ELEMENTS(flags_rows); k++) {
    const FlagsRow *e = &flags_rows[k];
    CU_ASSERT_STRING_EQUAL(row_at(rows, k + 1)[0], e->mentee);
    CU_ASSERT_STRING_EQUAL(cell(rows, e->mentee, "mentor_id"), e->mentor);
    CU_ASSERT_STRING_EQUAL(cell(rows, e->mentee, "score"), e->score);
    CU_ASSERT_STRING_EQUAL(cell(rows, e->mentee, "status"), e->status);
    CU_ASSERT_STRING_EQUAL(cell(rows, e->mentee, "reason"), "");
    CU_ASSERT_STRING_EQUAL(cell(rows, e->mentee, "flags"), e->flags);
  }
  g_ptr_array_unref(rows);
  /* pinned pairs that break a rule: one warning each, file:line */
  for (guint k = 0; k < G_N_ELEMENTS(pin_warnings); k++) {
    g_autofree char *line = g_strdup_printf(
        "%s:%u: warning: %s", pinned, pin_warnings[k].line,
        pin_warnings[k].message);
    CU_ASSERT_PTR_NOT_NULL(strstr(run.err, line));
  }
  mm_test_run_clear(&run);

  /* --explain keeps flags in place: right after reason */
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--pinned", pinned, "--as-of", MM_TEST_AS_OF, "--quiet",
                    "--explain");
  CU_ASSERT_EQUAL(run.status, 0);
  rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL(mm_test_csv_column(rows, "flags"), 5);
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y1", "flags"), "breaks:checks");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y2", "flags"), "breaks:excluded");
  g_ptr_array_unref(rows);
  mm_test_run_clear(&run);

  /* JSON: the same flags, and the same warnings */
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--pinned", pinned, "--as-of", MM_TEST_AS_OF, "--quiet",
                    "--format", "json");
  CU_ASSERT_EQUAL(run.status, 0);
  JsonNode *root = parse_json(run.out);
  for (guint k = 0; k < G_N_ELEMENTS(flags_rows); k++) {
    const FlagsRow *e = &flags_rows[k];
    JsonObject *o = json_row(root, "matches", e->mentee);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(o, "mentor_id"),
                           e->mentor);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(o, "status"),
                           e->status);
    g_autofree char *flags = json_flags(o);
    CU_ASSERT_STRING_EQUAL(flags, e->flags);
  }
  for (guint k = 0; k < G_N_ELEMENTS(pin_warnings); k++)
    CU_ASSERT_TRUE(json_has_warning(root, pinned, pin_warnings[k].line, NULL,
                                    pin_warnings[k].message));
  CU_ASSERT_EQUAL(json_n_warnings(root), G_N_ELEMENTS(pin_warnings));
  json_node_unref(root);
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* The flags pool through mm_json(): people as JSON objects, the pins as
 * "pinned"; the answer's flags and warnings as the CLI's. */
static void test_flags_json_api(void) {
  const char *request =
      "{\"command\": \"match\", \"as_of\": \"" MM_TEST_AS_OF "\","
      " \"mentees\": ["
      "  {\"id\": \"Y1\", \"age\": 10},"
      "  {\"id\": \"Y2\", \"age\": 11, \"excluded_mentors\": [\"M2\"]},"
      "  {\"id\": \"Y3\", \"age\": 12, \"interests\": [\"a\", \"b\", \"c\"],"
      "   \"pref_gender\": [\"female\"]},"
      "  {\"id\": \"Y4\", \"age\": 13, \"preferred_mentors\": [\"M1\"]},"
      "  {\"id\": \"Y5\", \"age\": 14, \"languages\": [\"english\"]},"
      "  {\"id\": \"Y6\", \"age\": 15, \"availability\": [\"mon-eve\"]},"
      "  {\"id\": \"Y7\", \"age\": 16, \"languages\": [\"english\"],"
      "   \"interests\": [\"a\", \"b\", \"c\"], \"lat\": 53.8, \"lon\": -1.5,"
      "   \"availability\": [\"sat-am\"]},"
      "  {\"id\": \"Y8\", \"age\": 17, \"languages\": [\"english\"],"
      "   \"pref_gender\": [\"female\"], \"preferred_mentors\": [\"M9\"],"
      "   \"excluded_mentors\": [\"M8\"]},"
      "  {\"id\": \"Y9\", \"age\": 18}],"
      " \"mentors\": ["
      "  {\"id\": \"M1\", \"age\": 40, \"checks_cleared\": false,"
      "   \"training_hours\": 5, \"mentee_age_min\": 10, \"mentee_age_max\": 10},"
      "  {\"id\": \"M2\", \"age\": 40, \"checks_cleared\": true,"
      "   \"training_hours\": 5, \"mentee_age_min\": 11, \"mentee_age_max\": 11},"
      "  {\"id\": \"M3\", \"age\": 40, \"gender\": \"male\","
      "   \"interests\": [\"a\", \"b\", \"c\"], \"checks_cleared\": true,"
      "   \"training_hours\": 5, \"mentee_age_min\": 12, \"mentee_age_max\": 12},"
      "  {\"id\": \"M4\", \"age\": 40, \"checks_cleared\": true,"
      "   \"training_hours\": 5, \"mentee_age_min\": 13, \"mentee_age_max\": 13},"
      "  {\"id\": \"M5\", \"age\": 40, \"languages\": [\"polish\"],"
      "   \"checks_cleared\": true, \"training_hours\": 5,"
      "   \"mentee_age_min\": 14, \"mentee_age_max\": 14},"
      "  {\"id\": \"M6\", \"age\": 40, \"availability\": [\"sat-am\"],"
      "   \"checks_cleared\": true, \"training_hours\": 5,"
      "   \"mentee_age_min\": 15, \"mentee_age_max\": 15},"
      "  {\"id\": \"M7\", \"age\": 40, \"interests\": [\"a\", \"b\", \"c\"],"
      "   \"checks_cleared\": true, \"training_hours\": 5,"
      "   \"mentee_age_min\": 16, \"mentee_age_max\": 16},"
      "  {\"id\": \"M8\", \"age\": 40, \"gender\": \"male\","
      "   \"languages\": [\"polish\"], \"checks_cleared\": false,"
      "   \"training_hours\": 5, \"mentee_age_min\": 17, \"mentee_age_max\": 17},"
      "  {\"id\": \"M9\", \"age\": 40, \"checks_cleared\": true,"
      "   \"training_hours\": 5, \"mentee_age_min\": 19, \"mentee_age_max\": 19},"
      "  {\"id\": \"M10\", \"age\": 40, \"checks_cleared\": true,"
      "   \"training_hours\": 5, \"mentee_age_min\": 18, \"mentee_age_max\": 18}],"
      " \"pinned\": [{\"mentee_id\": \"Y1\", \"mentor_id\": \"M1\"},"
      "              {\"mentee_id\": \"Y2\", \"mentor_id\": \"M2\"},"
      "              {\"mentee_id\": \"Y8\", \"mentor_id\": \"M8\"}]}";
  char *answer = mm_json(request);
  CU_ASSERT_PTR_NOT_NULL_FATAL(answer);
  JsonNode *root = parse_json(answer);
  CU_ASSERT_FALSE(json_object_has_member(json_node_get_object(root), "error"));
  for (guint k = 0; k < G_N_ELEMENTS(flags_rows); k++) {
    const FlagsRow *e = &flags_rows[k];
    JsonObject *o = json_row(root, "matches", e->mentee);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(o, "mentor_id"),
                           e->mentor);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(o, "status"),
                           e->status);
    g_autofree char *flags = json_flags(o);
    CU_ASSERT_STRING_EQUAL(flags, e->flags);
  }
  /* pins of a request are "pinned[K]", with no line */
  CU_ASSERT_TRUE(json_has_warning(root, "pinned[0]", 0, NULL,
                                  pin_warnings[0].message));
  CU_ASSERT_TRUE(json_has_warning(root, "pinned[1]", 0, NULL,
                                  pin_warnings[1].message));
  CU_ASSERT_TRUE(json_has_warning(root, "pinned[2]", 0, NULL,
                                  pin_warnings[2].message));
  json_node_unref(root);
  mm_json_free(answer);
}

/* ====================================================================== */
/* Why named mentors were not given.
 *
 * Everyone is 15 and lives at 53.8,-1.5 with interests a;b;c. MF (40, same
 * place, same interests, capacity 2) scores 3 x 1 + 2 x 1 + 2 x 1 (distance
 * 0 km: value 1) = 100.00 with everyone. MX (40, checks not cleared, in
 * London at 51.5,-0.1: about 270 km, beyond the 30 km limit, so distance
 * value 0) breaks the rules checks and distance (MmRule order) and scores
 * 100 x 5/7 = 71.43 (not below 40: min_score holds).
 *
 * Y1 and Y2 are pinned to MF, filling it. Then:
 * Y3 named MF: eligible but full. "eligible mentors all taken (1); best MF
 *   (100.00) is held by Y1, Y2; named MF: full (held by Y1, Y2)".
 * Y4 named MX: "...; named MX: not eligible (checks, distance)".
 * Y5 named MF then MX: both, in the order named.
 * Y6 named MX and excluded MF: no eligible mentor at all; the rules count
 *   one mentor each (MX: checks, distance; MF: excluded), ties in MmRule
 *   order: "no eligible mentor: 1 checks, 1 excluded, 1 distance; named MX:
 *   not eligible (checks, distance)".
 */
#define NAMED_MENTEES                                                          \
  "id,age,interests,lat,lon,preferred_mentors,excluded_mentors\n"             \
  "Y1,15,a;b;c,53.8,-1.5,,\n"                                                 \
  "Y2,15,a;b;c,53.8,-1.5,,\n"                                                 \
  "Y3,15,a;b;c,53.8,-1.5,MF,\n"                                               \
  "Y4,15,a;b;c,53.8,-1.5,MX,\n"                                               \
  "Y5,15,a;b;c,53.8,-1.5,MF;MX,\n"                                            \
  "Y6,15,a;b;c,53.8,-1.5,MX,MF\n"

#define NAMED_MENTORS                                                          \
  "id,age,interests,lat,lon,capacity,checks_cleared,training_hours\n"         \
  "MF,40,a;b;c,53.8,-1.5,2,yes,5\n"                                           \
  "MX,40,a;b;c,51.5,-0.1,1,no,5\n"

#define NAMED_PINS "mentee_id,mentor_id\nY1,MF\nY2,MF\n"

#define HELD "eligible mentors all taken (1); best MF (100.00) is held by Y1, Y2"
static const struct {
  const char *mentee, *reason;
} named_reasons[] = {
    {"Y3", HELD "; named MF: full (held by Y1, Y2)"},
    {"Y4", HELD "; named MX: not eligible (checks, distance)"},
    {"Y5", HELD "; named MF: full (held by Y1, Y2); named MX: not eligible "
                "(checks, distance)"},
    {"Y6", "no eligible mentor: 1 checks, 1 excluded, 1 distance; named MX: "
           "not eligible (checks, distance)"},
};
#undef HELD

static void test_named_reasons_library(void) {
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(NAMED_MENTEES, NAMED_MENTORS);
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  g_autoptr(MmPins) pins = pins_from_csv(pool, NAMED_PINS, diags);
  g_autoptr(MmMatching) matching = match_with(pool, pins, diags);
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 0); /* pins break no rule */
  for (guint k = 0; k < G_N_ELEMENTS(named_reasons); k++) {
    gint i = mm_pool_find_mentee(pool, named_reasons[k].mentee);
    CU_ASSERT_EQUAL(mm_matching_status(matching, (guint)i),
                    MM_STATUS_UNMATCHED);
    const char *reason = mm_matching_reason(matching, (guint)i);
    CU_ASSERT_PTR_NOT_NULL_FATAL(reason);
    if (strcmp(reason, named_reasons[k].reason) != 0)
      fprintf(stderr, "  %s: '%s'\n", named_reasons[k].mentee, reason);
    CU_ASSERT_STRING_EQUAL(reason, named_reasons[k].reason);
  }
  /* MX's score as worked out above */
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmExplanation) e =
      mm_explain_pair(pool, config, 3, (guint)mm_pool_find_mentor(pool, "MX"));
  CU_ASSERT_EQUAL(mm_explanation_broken_rules(e),
                  (1u << MM_RULE_CHECKS) | (1u << MM_RULE_DISTANCE));
  CU_ASSERT_DOUBLE_EQUAL(mm_explanation_score(e), 500.0 / 7.0, 1e-9);
}

static void test_named_reasons_cli(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv", NAMED_MENTEES);
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv", NAMED_MENTORS);
  g_autofree char *pinned = mm_test_write(dir, "pins.csv", NAMED_PINS);
  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors",
                              mentors, "--pinned", pinned, "--as-of",
                              MM_TEST_AS_OF, "--quiet");
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_STRING_EQUAL(run.err, "");
  GPtrArray *rows = mm_test_parse_csv(run.out);
  for (guint k = 0; k < G_N_ELEMENTS(named_reasons); k++) {
    const char *id = named_reasons[k].mentee;
    CU_ASSERT_STRING_EQUAL(cell(rows, id, "status"), "unmatched");
    CU_ASSERT_STRING_EQUAL(cell(rows, id, "mentor_id"), "");
    CU_ASSERT_STRING_EQUAL(cell(rows, id, "reason"), named_reasons[k].reason);
    CU_ASSERT_STRING_EQUAL(cell(rows, id, "flags"), "");
  }
  g_ptr_array_unref(rows);
  mm_test_run_clear(&run);

  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--pinned", pinned, "--as-of", MM_TEST_AS_OF, "--quiet",
                    "--format", "json");
  CU_ASSERT_EQUAL(run.status, 0);
  JsonNode *root = parse_json(run.out);
  for (guint k = 0; k < G_N_ELEMENTS(named_reasons); k++) {
    JsonObject *o = json_row(root, "matches", named_reasons[k].mentee);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CU_ASSERT_TRUE(json_object_get_null_member(o, "mentor_id"));
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(o, "reason"),
                           named_reasons[k].reason);
    CU_ASSERT_EQUAL(
        json_array_get_length(json_object_get_array_member(o, "flags")), 0);
  }
  CU_ASSERT_EQUAL(json_n_warnings(root), 0);
  json_node_unref(root);
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* ====================================================================== */
/* Pins from a previous `match` output, as it is.
 *
 * The named pool without pins (as of MM_TEST_AS_OF, no waiting_since):
 * every eligible pair scores 100.00 (MF is the only eligible mentor; Y6
 * excluded it). Values: Y3-MF and Y5-MF 100 + 100 (MF is the first named
 * mentor of each, counting only named mentors in the pool: Y5's MX comes
 * after) = 200; Y1, Y2, Y4 with MF 100. MF has 2 places: the largest total
 * is Y3 and Y5 on MF (400). So the output has matched rows Y3-MF (line 4)
 * and Y5-MF (line 6), and unmatched rows Y1, Y2, Y4, Y6 whose reason
 * fields hold commas and semicolons, plus columns (score, status, reason,
 * flags, and with --explain c_*, value, reasons) a pins file does not have.
 *
 * Given back as --pinned: Y3 and Y5 are kept (pinned, MF), the unmatched
 * rows and the other columns pass in silence (no warning at all), and the
 * others are unmatched as before. */
static void check_month_repinned(const char *out) {
  GPtrArray *rows = mm_test_parse_csv(out);
  CU_ASSERT_EQUAL_FATAL(rows->len, 7);
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y3", "status"), "pinned");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y3", "mentor_id"), "MF");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y5", "status"), "pinned");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y5", "mentor_id"), "MF");
  const char *others[] = {"Y1", "Y2", "Y4", "Y6"};
  for (guint k = 0; k < G_N_ELEMENTS(others); k++)
    CU_ASSERT_STRING_EQUAL(cell(rows, others[k], "status"), "unmatched");
  CU_ASSERT_STRING_EQUAL(
      cell(rows, "Y1", "reason"),
      "eligible mentors all taken (1); best MF (100.00) is held by Y3, Y5");
  g_ptr_array_unref(rows);
}

static void test_pins_from_match_output(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv", NAMED_MENTEES);
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv", NAMED_MENTORS);
  g_autofree char *last = g_build_filename(dir, "last.csv", NULL);
  g_autofree char *explained = g_build_filename(dir, "explained.csv", NULL);
  g_autofree char *excel = g_build_filename(dir, "excel.csv", NULL);

  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", MM_TEST_AS_OF, "--quiet",
                              "--output", last);
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--quiet", "--explain",
                    "--output", explained);
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--quiet", "--excel",
                    "--output", excel);
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);

  g_autofree char *text = mm_test_read(last);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  GPtrArray *rows = mm_test_parse_csv(text);
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y3", "status"), "matched");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y5", "status"), "matched");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y5", "mentor_id"), "MF");
  CU_ASSERT_STRING_EQUAL(cell(rows, "Y1", "status"), "unmatched");
  g_ptr_array_unref(rows);

  /* each form of last month's output, given as it is */
  const char *outputs[] = {last, explained, excel};
  for (guint k = 0; k < G_N_ELEMENTS(outputs); k++) {
    run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                      "--as-of", MM_TEST_AS_OF, "--quiet", "--pinned",
                      outputs[k]);
    CU_ASSERT_EQUAL(run.status, 0);
    if (strcmp(run.err, "") != 0)
      fprintf(stderr, "  %s: %s\n", outputs[k], run.err);
    CU_ASSERT_STRING_EQUAL(run.err, ""); /* not a single warning */
    check_month_repinned(run.out);
    mm_test_run_clear(&run);
    /* recommend and validate take the same file, silently too */
    run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors,
                      "--as-of", MM_TEST_AS_OF, "--pinned", outputs[k]);
    CU_ASSERT_EQUAL(run.status, 0);
    CU_ASSERT_PTR_NULL(strstr(run.err, "warning"));
    mm_test_run_clear(&run);
    run = MM_TEST_CLI("validate", "--mentees", mentees, "--mentors", mentors,
                      "--pinned", outputs[k]);
    CU_ASSERT_EQUAL(run.status, 0);
    CU_ASSERT_PTR_NULL(strstr(run.err, outputs[k]));
    mm_test_run_clear(&run);
  }

  /* the library reads it the same way: two pins, no diagnostic */
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(NAMED_MENTEES, NAMED_MENTORS);
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  g_autoptr(MmPins) pins = pins_from_csv(pool, text, diags);
  CU_ASSERT_EQUAL(mm_pins_length(pins), 2);
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 0);
  mm_test_tmp_dir_remove(dir);
}

/* Errors in last month's output are still errors, at FILE:LINE: a mentor
 * who has left (MF not in this month's mentor file) on the kept rows Y3
 * (line 4) and Y5 (line 6), a young person who has left on a kept row, a
 * kept row with its mentor cleared. A young person who has left but was
 * unmatched (an unmatched row) is no error: those rows are ignored. */
static void test_pins_from_output_errors_located(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv", NAMED_MENTEES);
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv", NAMED_MENTORS);
  /* this month MF has left: only MX is in the mentor file */
  g_autofree char *mentors_now = mm_test_write(
      dir, "mentors-now.csv",
      "id,age,interests,lat,lon,capacity,checks_cleared,training_hours\n"
      "MX,40,a;b;c,51.5,-0.1,1,no,5\n");
  g_autofree char *last = g_build_filename(dir, "last.csv", NULL);
  g_autofree char *excel = g_build_filename(dir, "excel.csv", NULL);
  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", MM_TEST_AS_OF, "--quiet",
                              "--output", last);
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--quiet", "--excel", "--output",
                    excel);
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);

  const char *outputs[] = {last, excel}; /* CRLF lines count the same */
  for (guint k = 0; k < G_N_ELEMENTS(outputs); k++) {
    run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors_now,
                      "--as-of", MM_TEST_AS_OF, "--quiet", "--pinned",
                      outputs[k]);
    CU_ASSERT_EQUAL(run.status, 1);
    CU_ASSERT_STRING_EQUAL(run.out, "");
    g_autofree char *y3 = g_strdup_printf(
        "%s:4: column mentor_id: not in the mentor pool", outputs[k]);
    g_autofree char *y5 = g_strdup_printf(
        "%s:6: column mentor_id: not in the mentor pool", outputs[k]);
    CU_ASSERT_PTR_NOT_NULL(strstr(run.err, y3));
    CU_ASSERT_PTR_NOT_NULL(strstr(run.err, y5));
    /* the unmatched rows (2, 3, 5, 7) name no error */
    g_autofree char *line2 = g_strdup_printf("%s:2:", outputs[k]);
    CU_ASSERT_PTR_NULL(strstr(run.err, line2));
    mm_test_run_clear(&run);
  }

  /* Y5 has left the programme (kept row 6), Y1 too (unmatched row 2: no
   * error); the row of Y3 lost its mentor id (row 4). */
  g_autofree char *text = mm_test_read(last);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  GString *edited = g_string_new(text);
  CU_ASSERT_TRUE(g_string_replace(edited, "Y3,MF,", "Y3,,", 1) == 1);
  g_autofree char *edited_path = mm_test_write(dir, "edited.csv", edited->str);
  g_string_free(edited, TRUE);
  g_autofree char *fewer = mm_test_write(
      dir, "fewer.csv",
      "id,age,interests,lat,lon,preferred_mentors,excluded_mentors\n"
      "Y2,15,a;b;c,53.8,-1.5,,\n"
      "Y3,15,a;b;c,53.8,-1.5,MF,\n"
      "Y4,15,a;b;c,53.8,-1.5,MX,\n"
      "Y6,15,a;b;c,53.8,-1.5,MX,MF\n");
  run = MM_TEST_CLI("match", "--mentees", fewer, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--quiet", "--pinned",
                    edited_path);
  CU_ASSERT_EQUAL(run.status, 1);
  g_autofree char *y3 = g_strdup_printf(
      "%s:4: column mentor_id: required value missing", edited_path);
  g_autofree char *y5 = g_strdup_printf(
      "%s:6: column mentee_id: not in the mentee pool", edited_path);
  g_autofree char *y1 = g_strdup_printf("%s:2:", edited_path);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, y3));
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, y5));
  CU_ASSERT_PTR_NULL(strstr(run.err, y1));
  mm_test_run_clear(&run);
  /* validate reports them the same way */
  run = MM_TEST_CLI("validate", "--mentees", fewer, "--mentors", mentors,
                    "--pinned", edited_path);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, y3));
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, y5));
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* ====================================================================== */
/* recommend offers only the places pins leave free.
 *
 * Everyone has interests a;b;c; mentors are 40. MA (capacity 2) and MB
 * (capacity 1) share all three: 100 x (3 + 2)/5 = 100.00; MC (capacity 1)
 * shares a and b: interests 2/3, 100 x (2 + 2)/5 = 80.00, and takes ages
 * 14 and up only. Y1, Y2, Y4 are 15; Y3 is 13 (eligible for MA and MB).
 * Without pins, Y4's shortlist: MA 100, MB 100 (tie: input order), MC 80.
 * Pins Y1-MA, Y2-MB: MA keeps one free place, MB none: Y4 gets MA, MC.
 * Pins Y1-MA, Y2-MA, Y4-MB: MA and MB full; Y3's two eligible mentors are
 * all taken: "eligible mentors all taken by existing matches (2)". */
#define REC_MENTEES                                                            \
  "id,age,interests\n"                                                        \
  "Y1,15,a;b;c\n"                                                             \
  "Y2,15,a;b;c\n"                                                             \
  "Y3,13,a;b;c\n"                                                             \
  "Y4,15,a;b;c\n"

#define REC_MENTORS                                                            \
  "id,age,interests,capacity,checks_cleared,training_hours,mentee_age_min\n"  \
  "MA,40,a;b;c,2,yes,5,\n"                                                    \
  "MB,40,a;b;c,1,yes,5,\n"                                                    \
  "MC,40,a;b;z,1,yes,5,14\n"

static MmShortlist *recommend_for(const MmPool *pool, const MmPins *pins,
                                  const char *id) {
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmRecommendOptions) options = mm_recommend_options_new();
  mm_recommend_options_set_mentee(options, mm_pool_find_mentee(pool, id));
  mm_recommend_options_set_pins(options, pins);
  return mm_recommend_with(pool, config, options);
}

/* The shortlist's mentor ids and scores, "MA 100.00, MC 80.00". */
static char *shortlist_text(const MmPool *pool, const MmShortlist *list) {
  GString *out = g_string_new(NULL);
  CU_ASSERT_EQUAL_FATAL(mm_shortlist_n_mentees(list), 1);
  for (guint r = 0; r < mm_shortlist_length(list, 0); r++)
    g_string_append_printf(out, "%s%s %.2f", r > 0 ? ", " : "",
                           mm_pool_mentor_id(pool,
                                             mm_shortlist_mentor(list, 0, r)),
                           mm_shortlist_score(list, 0, r));
  return g_string_free(out, FALSE);
}

static void test_recommend_free_places_library(void) {
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(REC_MENTEES, REC_MENTORS);
  g_autoptr(MmShortlist) none = recommend_for(pool, NULL, "Y4");
  g_autofree char *all = shortlist_text(pool, none);
  CU_ASSERT_STRING_EQUAL(all, "MA 100.00, MB 100.00, MC 80.00");

  g_autoptr(MmPins) some =
      pins_from_csv(pool, "mentee_id,mentor_id\nY1,MA\nY2,MB\n", NULL);
  g_autoptr(MmShortlist) free_places = recommend_for(pool, some, "Y4");
  g_autofree char *left = shortlist_text(pool, free_places);
  CU_ASSERT_STRING_EQUAL(left, "MA 100.00, MC 80.00");
  CU_ASSERT_PTR_NULL(mm_shortlist_reason(free_places, 0));

  g_autoptr(MmPins) full =
      pins_from_csv(pool, "mentee_id,mentor_id\nY1,MA\nY2,MA\nY4,MB\n", NULL);
  g_autoptr(MmShortlist) taken = recommend_for(pool, full, "Y3");
  CU_ASSERT_EQUAL(mm_shortlist_length(taken, 0), 0);
  CU_ASSERT_STRING_EQUAL(mm_shortlist_reason(taken, 0),
                         "eligible mentors all taken by existing matches (2)");
}

static void test_recommend_free_places_cli(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv", REC_MENTEES);
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv", REC_MENTORS);
  g_autofree char *some =
      mm_test_write(dir, "some.csv", "mentee_id,mentor_id\nY1,MA\nY2,MB\n");
  g_autofree char *full =
      mm_test_write(dir, "full.csv", "mentee_id,mentor_id\nY1,MA\nY2,MA\nY4,MB\n");
  MmTestRun run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", MM_TEST_AS_OF, "--mentee",
                              "Y4", "--pinned", some);
  CU_ASSERT_EQUAL(run.status, 0);
  GPtrArray *rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL_FATAL(rows->len, 3);
  CU_ASSERT_STRING_EQUAL(row_at(rows, 1)[mm_test_csv_column(rows, "mentor_id")], "MA");
  CU_ASSERT_STRING_EQUAL(row_at(rows, 1)[mm_test_csv_column(rows, "rank")], "1");
  CU_ASSERT_STRING_EQUAL(row_at(rows, 2)[mm_test_csv_column(rows, "mentor_id")], "MC");
  CU_ASSERT_STRING_EQUAL(row_at(rows, 2)[mm_test_csv_column(rows, "score")], "80.00");
  g_ptr_array_unref(rows);
  mm_test_run_clear(&run);

  run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--mentee", "Y3", "--pinned",
                    full);
  CU_ASSERT_EQUAL(run.status, 0);
  rows = mm_test_parse_csv(run.out);
  CU_ASSERT_EQUAL_FATAL(rows->len, 2);
  CU_ASSERT_STRING_EQUAL(row_at(rows, 1)[mm_test_csv_column(rows, "mentor_id")], "");
  CU_ASSERT_STRING_EQUAL(row_at(rows, 1)[mm_test_csv_column(rows, "reasons")],
                         "eligible mentors all taken by existing matches (2)");
  g_ptr_array_unref(rows);
  mm_test_run_clear(&run);

  run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--mentee", "Y3", "--pinned",
                    full, "--format", "json");
  CU_ASSERT_EQUAL(run.status, 0);
  JsonNode *root = parse_json(run.out);
  JsonObject *o = json_row(root, "recommendations", "Y3");
  CU_ASSERT_PTR_NOT_NULL_FATAL(o);
  CU_ASSERT_EQUAL(
      json_array_get_length(json_object_get_array_member(o, "mentors")), 0);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(o, "reason"),
                         "eligible mentors all taken by existing matches (2)");
  CU_ASSERT_EQUAL(json_n_warnings(root), 0);
  json_node_unref(root);
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* ====================================================================== */
/* --excel: a UTF-8 BOM (EF BB BF) first, and every line ended by CRLF;
 * without it, no BOM and LF only. The content is otherwise the same. A
 * young person called Zoë is the reason (issue 15: Excel showed ZoÃ«). */
#define EXCEL_MENTEES                                                          \
  "id,age,interests,preferred_mentors\n"                                      \
  "Zoë,15,a;b;c,\n"                                                           \
  "Y2,15,a;b;c,MÅ\n"                                                          \
  "Y3,15,d,\n"

#define EXCEL_MENTORS                                                          \
  "id,age,interests,capacity,checks_cleared,training_hours\n"                 \
  "MÅ,40,a;b;c,1,yes,5\n"                                                     \
  "M2,40,a;b;c,1,yes,5\n"

static void assert_excel(const char *text, const char *what) {
  gsize n = strlen(text);
  CU_ASSERT_TRUE_FATAL(n > 3);
  gboolean bom = memcmp(text, "\xEF\xBB\xBF", 3) == 0;
  if (!bom)
    fprintf(stderr, "  %s: no BOM\n", what);
  CU_ASSERT_TRUE(bom);
  guint lines = 0, bare = 0;
  for (gsize i = 0; i < n; i++) {
    if (text[i] == '\n') {
      lines++;
      if (i == 0 || text[i - 1] != '\r')
        bare++;
    } else if (text[i] == '\r' && (i + 1 == n || text[i + 1] != '\n')) {
      bare++;
    }
  }
  if (bare > 0)
    fprintf(stderr, "  %s: %u line ends not CRLF\n", what, bare);
  CU_ASSERT_EQUAL(bare, 0);
  CU_ASSERT_TRUE(lines >= 2);
  CU_ASSERT_EQUAL(text[n - 1], '\n'); /* the last line ends too */
}

static void assert_plain(const char *text) {
  CU_ASSERT_TRUE_FATAL(strlen(text) > 3);
  CU_ASSERT_FALSE(memcmp(text, "\xEF\xBB\xBF", 3) == 0);
  CU_ASSERT_PTR_NULL(strchr(text, '\r'));
}

/* @excel without its BOM and with CRLF as LF equals @plain. */
static void assert_same_content(const char *excel, const char *plain) {
  GString *s = g_string_new(excel + 3);
  g_string_replace(s, "\r\n", "\n", 0);
  CU_ASSERT_STRING_EQUAL(s->str, plain);
  g_string_free(s, TRUE);
}

static void test_excel(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv", EXCEL_MENTEES);
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv", EXCEL_MENTORS);
  g_autofree char *out_x = g_build_filename(dir, "match-x.csv", NULL);
  g_autofree char *dump_x = g_build_filename(dir, "scores-x.csv", NULL);
  g_autofree char *out_p = g_build_filename(dir, "match.csv", NULL);
  g_autofree char *dump_p = g_build_filename(dir, "scores.csv", NULL);
  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", MM_TEST_AS_OF, "--quiet",
                              "--excel", "--output", out_x, "--dump-scores",
                              dump_x);
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--quiet", "--output", out_p,
                    "--dump-scores", dump_p);
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  g_autofree char *mx = mm_test_read(out_x), *dx = mm_test_read(dump_x);
  g_autofree char *mp = mm_test_read(out_p), *dp = mm_test_read(dump_p);
  CU_ASSERT_PTR_NOT_NULL_FATAL(mx);
  CU_ASSERT_PTR_NOT_NULL_FATAL(dx);
  CU_ASSERT_PTR_NOT_NULL_FATAL(mp);
  CU_ASSERT_PTR_NOT_NULL_FATAL(dp);
  assert_excel(mx, "match --excel");
  assert_excel(dx, "--dump-scores with --excel");
  assert_plain(mp);
  assert_plain(dp);
  assert_same_content(mx, mp);
  assert_same_content(dx, dp);
  /* the accented ids are there, as UTF-8 */
  CU_ASSERT_PTR_NOT_NULL(strstr(mx, "\r\nZoë,"));
  CU_ASSERT_PTR_NOT_NULL(strstr(mx, "MÅ"));

  /* to stdout as well (explain adds quoted reasons) */
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--quiet", "--excel",
                    "--explain");
  CU_ASSERT_EQUAL(run.status, 0);
  assert_excel(run.out, "match --excel --explain (stdout)");
  mm_test_run_clear(&run);

  /* recommend, to stdout and to a file */
  run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--excel");
  CU_ASSERT_EQUAL(run.status, 0);
  assert_excel(run.out, "recommend --excel");
  g_autofree char *rec_x = g_strdup(run.out);
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF);
  CU_ASSERT_EQUAL(run.status, 0);
  assert_plain(run.out);
  assert_same_content(rec_x, run.out);
  mm_test_run_clear(&run);
  g_autofree char *rec_file = g_build_filename(dir, "rec.csv", NULL);
  run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--excel", "--output", rec_file);
  CU_ASSERT_EQUAL(run.status, 0);
  mm_test_run_clear(&run);
  g_autofree char *rf = mm_test_read(rec_file);
  CU_ASSERT_PTR_NOT_NULL_FATAL(rf);
  assert_excel(rf, "recommend --excel --output");
  CU_ASSERT_STRING_EQUAL(rf, rec_x);

  /* JSON is not CSV: no BOM, and it parses */
  run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--quiet", "--excel",
                    "--format", "json");
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_EQUAL(run.out[0], '{');
  json_node_unref(parse_json(run.out));
  mm_test_run_clear(&run);
  mm_test_tmp_dir_remove(dir);
}

/* ====================================================================== */
/* Every JSON answer carries "warnings": Y1 names M99, who is not in the
 * mentor file (a warning at mentees.csv line 2, column preferred_mentors,
 * the id is ignored), and M1, who is then its first choice. */
#define WARN_MENTEES "id,age,preferred_mentors\nY1,15,M99;M1\n"
#define WARN_MENTORS "id,age,checks_cleared,training_hours\nM1,40,yes,5\n"

static void test_json_warnings(void) {
  char *dir = mm_test_tmp_dir_new();
  g_autofree char *mentees = mm_test_write(dir, "mentees.csv", WARN_MENTEES);
  g_autofree char *mentors = mm_test_write(dir, "mentors.csv", WARN_MENTORS);
  MmTestRun run = MM_TEST_CLI("match", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", MM_TEST_AS_OF, "--quiet",
                              "--format", "json");
  CU_ASSERT_EQUAL(run.status, 0);
  JsonNode *root = parse_json(run.out);
  CU_ASSERT_TRUE(json_has_warning(root, mentees, 2, "preferred_mentors", "M99"));
  CU_ASSERT_EQUAL(json_n_warnings(root), 1);
  /* and the match still gives Y1 the named M1, with no flag */
  JsonObject *o = json_row(root, "matches", "Y1");
  CU_ASSERT_PTR_NOT_NULL_FATAL(o);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(o, "mentor_id"), "M1");
  g_autofree char *flags = json_flags(o);
  CU_ASSERT_STRING_EQUAL(flags, "");
  json_node_unref(root);
  /* the warning is on stderr too, as FILE:LINE: column NAME: warning: */
  g_autofree char *line = g_strdup_printf(
      "%s:2: column preferred_mentors: warning:", mentees);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, line));
  mm_test_run_clear(&run);

  run = MM_TEST_CLI("recommend", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--format", "json");
  CU_ASSERT_EQUAL(run.status, 0);
  root = parse_json(run.out);
  CU_ASSERT_TRUE(json_has_warning(root, mentees, 2, "preferred_mentors", "M99"));
  json_node_unref(root);
  mm_test_run_clear(&run);

  /* mm_json(): the person is "mentees[0]", with no line */
  char *answer = mm_json(
      "{\"command\": \"match\", \"as_of\": \"" MM_TEST_AS_OF "\","
      " \"mentees\": [{\"id\": \"Y1\", \"age\": 15,"
      "                \"preferred_mentors\": [\"M99\", \"M1\"]}],"
      " \"mentors\": [{\"id\": \"M1\", \"age\": 40, \"checks_cleared\": true,"
      "                \"training_hours\": 5}]}");
  root = parse_json(answer);
  CU_ASSERT_TRUE(
      json_has_warning(root, "mentees[0]", 0, "preferred_mentors", "M99"));
  CU_ASSERT_EQUAL(json_n_warnings(root), 1);
  json_node_unref(root);
  mm_json_free(answer);
  answer = mm_json(
      "{\"command\": \"recommend\", \"as_of\": \"" MM_TEST_AS_OF "\","
      " \"mentees\": [{\"id\": \"Y1\", \"age\": 15,"
      "                \"preferred_mentors\": [\"M99\", \"M1\"]}],"
      " \"mentors\": [{\"id\": \"M1\", \"age\": 40, \"checks_cleared\": true,"
      "                \"training_hours\": 5}]}");
  root = parse_json(answer);
  CU_ASSERT_TRUE(
      json_has_warning(root, "mentees[0]", 0, "preferred_mentors", "M99"));
  json_node_unref(root);
  mm_json_free(answer);

  /* a pool with no warning still answers "warnings": [] */
  g_autofree char *clean = mm_test_write(dir, "clean.csv",
                                     "id,age,preferred_mentors\nY1,15,M1\n");
  run = MM_TEST_CLI("match", "--mentees", clean, "--mentors", mentors,
                    "--as-of", MM_TEST_AS_OF, "--quiet", "--format", "json");
  CU_ASSERT_EQUAL(run.status, 0);
  root = parse_json(run.out);
  CU_ASSERT_EQUAL(json_n_warnings(root), 0);
  json_node_unref(root);
  mm_test_run_clear(&run);
  CU_ASSERT_EQUAL(mm_test_count_entries(dir), 3);
  mm_test_tmp_dir_remove(dir);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_flags_library),
      MM_TEST(test_flags_missed_preferences),
      MM_TEST(test_flags_cli),
      MM_TEST(test_flags_json_api),
      MM_TEST(test_named_reasons_library),
      MM_TEST(test_named_reasons_cli),
      MM_TEST(test_pins_from_match_output),
      MM_TEST(test_pins_from_output_errors_located),
      MM_TEST(test_recommend_free_places_library),
      MM_TEST(test_recommend_free_places_cli),
      MM_TEST(test_excel),
      MM_TEST(test_json_warnings),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("flags", tests);
}
