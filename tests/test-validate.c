/* test-validate.c: what validation finds beyond loading (lib/match/validate.c,
 * mm_validate(); the pin warning it shares with mm_match(), lib/match/pins.c),
 * the same warnings in the JSON validate answer (lib/api/json-api.c), and the
 * header and short-row warnings the CSV loader gives (lib/io/csv-reader.c,
 * lib/model/person-fields.c) that validate prints.
 *
 * Every expected value is worked out by hand from the contract (docs/). With no
 * interests, care experience, languages, location, availability or stated
 * wish, a pair's only criterion is age: a volunteer or natural mentor 6-35
 * years older scores 100, one fewer than 2 years older scores 0 (below the
 * default min_score 40, and the age_gap rule broken too). */
#include "pool-private.h"
#include "test-common.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* ---- Fixtures ---- */

/* One expected diagnostic (always a warning here). */
typedef struct {
  const char *source;
  guint line;
  const char *column; /* NULL: none */
  const char *message;
} Want;

/* @diags holds exactly @n warnings, @want, in that order. */
static void assert_warnings(const MmDiagnostics *diags, const Want *want,
                            guint n) {
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(diags), n);
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), n);
  gboolean ok = mm_diagnostics_length(diags) == n;
  for (guint k = 0; k < n && k < mm_diagnostics_length(diags); k++) {
    const MmDiagnostic *d = mm_diagnostics_get(diags, k);
    gboolean same = d->severity == MM_SEVERITY_WARNING &&
                    strcmp(d->source, want[k].source) == 0 &&
                    d->line == want[k].line &&
                    g_strcmp0(d->column, want[k].column) == 0 &&
                    strcmp(d->message, want[k].message) == 0;
    CU_ASSERT_TRUE(same);
    ok &= same;
  }
  if (!ok) {
    fprintf(stderr, "\n  got:\n");
    mm_test_dump_diags(diags);
  }
}

/* A prepared pool from CSV text ("mentees.csv", "mentors.csv"); the
 * loader's own problems go to @load_diags (which may be NULL). */
static MmPool *pool_from(const char *mentees, const char *mentors,
                         MmDiagnostics *load_diags) {
  g_autoptr(MmDiagnostics) own = mm_diagnostics_new();
  MmDiagnostics *diags = load_diags != NULL ? load_diags : own;
  MmPool *pool = mm_pool_new();
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, mentees,
                                       strlen(mentees), "mentees.csv", diags,
                                       NULL));
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, mentors,
                                       strlen(mentors), "mentors.csv", diags,
                                       NULL));
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, MM_TEST_AS_OF, NULL));
  CU_ASSERT_TRUE_FATAL(mm_pool_prepare(pool, diags, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  return pool;
}

/* ---- Mentors who can never be matched ---- */

static const char never_mentees[] = "id,age\n"
                                    "YP1,15\n";
/* M1: 3 hours is the minimum, not below it. M5: checks not known (empty),
 * which the checks rule does not take as cleared. */
static const char never_mentors[] =
    "id,age,checks_cleared,training_hours,mentor_type\n"
    "M1,30,yes,3,volunteer\n" /* line 2 */
    "M2,30,no,3,volunteer\n"  /* line 3 */
    "M3,30,yes,2.5,paid\n"    /* line 4 */
    "M4,30,no,0,paid\n"       /* line 5 */
    "M5,30,,3,volunteer\n";   /* line 6 */

static void test_mentors_never_matched(void) {
  g_autoptr(MmDiagnostics) load = mm_diagnostics_new();
  g_autoptr(MmPool) pool = pool_from(never_mentees, never_mentors, load);
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  mm_validate(pool, NULL, NULL, diags); /* NULL: the built-in defaults */
  const Want want[] = {
      {"mentors.csv", 3, "checks_cleared",
       "mentor M2 can never be matched: safeguarding checks not cleared"},
      {"mentors.csv", 4, "training_hours",
       "mentor M3 can never be matched: training hours 2.5, below the "
       "minimum of 3"},
      {"mentors.csv", 5, "checks_cleared",
       "mentor M4 can never be matched: safeguarding checks not cleared"},
      {"mentors.csv", 5, "training_hours",
       "mentor M4 can never be matched: training hours 0, below the "
       "minimum of 3"},
      {"mentors.csv", 6, "checks_cleared",
       "mentor M5 can never be matched: safeguarding checks not cleared"},
  };
  assert_warnings(diags, want, G_N_ELEMENTS(want));

  /* The same with the defaults given explicitly. */
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmDiagnostics) again = mm_diagnostics_new();
  mm_validate(pool, config, NULL, again);
  assert_warnings(again, want, G_N_ELEMENTS(want));

  /* The config's rules decide: checks not required and a minimum of 2.5
   * hours leave only M4's 0 hours. */
  mm_config_set_require_checks(config, FALSE);
  CU_ASSERT_TRUE(mm_config_set_min_training_hours(config, 2.5, NULL));
  g_autoptr(MmDiagnostics) relaxed = mm_diagnostics_new();
  mm_validate(pool, config, NULL, relaxed);
  const Want want_relaxed[] = {
      {"mentors.csv", 5, "training_hours",
       "mentor M4 can never be matched: training hours 0, below the "
       "minimum of 2.5"},
  };
  assert_warnings(relaxed, want_relaxed, G_N_ELEMENTS(want_relaxed));
}

/* ---- Named mentors not eligible for the young person who named them ---- */

/* YP1 names M1 (eligible: 100) and M2 (checks not cleared). YP2 names M3
 * (16, one year older: age_gap, and scores 0: min_score) twice, and M4,
 * whom they also exclude. YP3 (12) names M5, who takes 14 and over. */
static const char named_mentees[] =
    "id,age,preferred_mentors,excluded_mentors\n"
    "YP1,15,M1;M2,\n"  /* line 2 */
    "YP2,15,M3;M4;M3,M4\n" /* line 3 */
    "YP3,12,M5,\n";    /* line 4 */
static const char named_mentors[] =
    "id,age,checks_cleared,training_hours,mentee_age_min\n"
    "M1,30,yes,3,\n"  /* line 2 */
    "M2,30,no,3,\n"   /* line 3 */
    "M3,16,yes,3,\n"  /* line 4 */
    "M4,30,yes,3,\n"  /* line 5 */
    "M5,30,yes,3,14\n"; /* line 6 */

static void test_named_mentors_not_eligible(void) {
  g_autoptr(MmDiagnostics) load = mm_diagnostics_new();
  g_autoptr(MmPool) pool = pool_from(named_mentees, named_mentors, load);
  /* loading already says M4 is both named and excluded */
  CU_ASSERT_TRUE(mm_test_has_diag(load, 3, "preferred_mentors",
                                  "also in excluded_mentors"));
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  mm_validate(pool, NULL, NULL, diags);
  const Want want[] = {
      {"mentees.csv", 2, "preferred_mentors",
       "named mentor M2 is not eligible for YP1: checks"},
      /* named twice, said once; every rule it breaks, in rule order */
      {"mentees.csv", 3, "preferred_mentors",
       "named mentor M3 is not eligible for YP2: age_gap, min_score"},
      {"mentees.csv", 3, "preferred_mentors",
       "named mentor M4 is not eligible for YP2: excluded"},
      {"mentees.csv", 4, "preferred_mentors",
       "named mentor M5 is not eligible for YP3: age_range"},
      {"mentors.csv", 3, "checks_cleared",
       "mentor M2 can never be matched: safeguarding checks not cleared"},
  };
  assert_warnings(diags, want, G_N_ELEMENTS(want));

  /* The rules of the config given: with min_age_gap 0 and min_score 0, M3
   * is eligible for YP2. */
  g_autoptr(MmConfig) config = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_min_age_gap(config, 0, NULL));
  CU_ASSERT_TRUE(mm_config_set_min_score(config, 0, NULL));
  g_autoptr(MmDiagnostics) relaxed = mm_diagnostics_new();
  mm_validate(pool, config, NULL, relaxed);
  const Want want_relaxed[] = {want[0], want[2], want[3], want[4]};
  assert_warnings(relaxed, want_relaxed, G_N_ELEMENTS(want_relaxed));
}

/* ---- Natural mentors named by nobody ---- */

/* M1 is named by YP1. M2 by nobody; M4 only excluded by YP2, which is not
 * naming them; M3 is not a natural mentor. */
static const char natural_mentees[] =
    "id,age,preferred_mentors,excluded_mentors\n"
    "YP1,15,M1,\n"
    "YP2,15,,M4\n";
static const char natural_mentors[] =
    "id,age,checks_cleared,training_hours,mentor_type\n"
    "M1,30,yes,3,natural\n"   /* line 2 */
    "M2,30,yes,3,natural\n"   /* line 3 */
    "M3,30,yes,3,volunteer\n" /* line 4 */
    "M4,30,yes,3,natural\n";  /* line 5 */

static void test_natural_mentors_named_by_nobody(void) {
  g_autoptr(MmDiagnostics) load = mm_diagnostics_new();
  g_autoptr(MmPool) pool = pool_from(natural_mentees, natural_mentors, load);
  CU_ASSERT_EQUAL(mm_diagnostics_length(load), 0);
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  mm_validate(pool, NULL, NULL, diags);
  const Want want[] = {
      {"mentors.csv", 3, "mentor_type",
       "natural mentor M2 is named by no young person, so can never be "
       "matched"},
      {"mentors.csv", 5, "mentor_type",
       "natural mentor M4 is named by no young person, so can never be "
       "matched"},
  };
  assert_warnings(diags, want, G_N_ELEMENTS(want));
}

/* ---- Pins that break a hard rule ---- */

/* YP2 excludes M1; M2 (16, checks not cleared) is one year older than YP3
 * and scores 0 for them. */
static const char pin_mentees[] = "id,age,excluded_mentors\n"
                                  "YP1,15,\n"
                                  "YP2,15,M1\n"
                                  "YP3,15,\n";
static const char pin_mentors[] =
    "id,age,checks_cleared,training_hours,capacity\n"
    "M1,30,yes,3,3\n"  /* line 2 */
    "M2,16,no,3,1\n";  /* line 3 */
static const char pin_csv[] = "mentee_id,mentor_id\n"
                              "YP1,M1\n"  /* line 2: fine */
                              "YP2,M1\n"  /* line 3: excluded */
                              "YP3,M2\n"; /* line 4: three rules */

static void test_pins_breaking_rules(void) {
  g_autoptr(MmPool) pool = pool_from(pin_mentees, pin_mentors, NULL);
  g_autoptr(MmPins) pins = mm_pins_new(pool);
  g_autoptr(MmDiagnostics) load = mm_diagnostics_new();
  CU_ASSERT_TRUE(mm_pins_load_csv_data(pins, pin_csv, strlen(pin_csv),
                                       "pinned.csv", load, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_length(load), 0);
  CU_ASSERT_EQUAL(mm_pins_length(pins), 3);

  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  mm_validate(pool, NULL, pins, diags);
  /* each rule broken once: in rule order (checks, age_gap, min_score) */
  const Want want[] = {
      {"mentors.csv", 3, "checks_cleared",
       "mentor M2 can never be matched: safeguarding checks not cleared"},
      {"pinned.csv", 3, "mentor_id",
       "pinned pair YP2-M1 kept although it breaks: 1 excluded"},
      {"pinned.csv", 4, "mentor_id",
       "pinned pair YP3-M2 kept although it breaks: 1 checks, 1 age_gap, "
       "1 min_score"},
  };
  assert_warnings(diags, want, G_N_ELEMENTS(want));

  /* mm_match() keeps the same pins with the same words (not tied to a
   * column there). */
  g_autoptr(MmDiagnostics) matched = mm_diagnostics_new();
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_pins(options, pins);
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmMatching) matching = mm_match(pool, config, options, matched);
  const Want want_match[] = {
      {"pinned.csv", 3, NULL, want[1].message},
      {"pinned.csv", 4, NULL, want[2].message},
  };
  assert_warnings(matched, want_match, G_N_ELEMENTS(want_match));
  CU_ASSERT_EQUAL(mm_matching_status(matching, 1), MM_STATUS_PINNED);
  CU_ASSERT_EQUAL(mm_matching_status(matching, 2), MM_STATUS_PINNED);

  /* Without pins, only the mentor. */
  g_autoptr(MmDiagnostics) unpinned = mm_diagnostics_new();
  mm_validate(pool, NULL, NULL, unpinned);
  assert_warnings(unpinned, want, 1);
}

/* ---- A pool with none of them ---- */

/* Every named mentor eligible (M1 natural and named; 15 and 25 years
 * older: 100), M3 excluded but not named, every pin clean. */
static void test_clean_pool_gives_no_warning(void) {
  const char *mentees = "id,age,preferred_mentors,excluded_mentors\n"
                        "YP1,15,M1;M2,M3\n"
                        "YP2,16,,\n";
  const char *mentors =
      "id,age,checks_cleared,training_hours,mentor_type,capacity\n"
      "M1,30,yes,3,natural,1\n"
      "M2,40,yes,10,volunteer,2\n"
      "M3,30,yes,3,paid,1\n";
  const char *pinned = "mentee_id,mentor_id\n"
                       "YP1,M2\n"
                       "YP2,M3\n";
  g_autoptr(MmDiagnostics) load = mm_diagnostics_new();
  g_autoptr(MmPool) pool = pool_from(mentees, mentors, load);
  g_autoptr(MmPins) pins = mm_pins_new(pool);
  CU_ASSERT_TRUE(mm_pins_load_csv_data(pins, pinned, strlen(pinned),
                                       "pinned.csv", load, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_length(load), 0);
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  mm_validate(pool, config, pins, diags);
  mm_validate(pool, NULL, NULL, diags);
  assert_warnings(diags, NULL, 0);
}

/* ---- The JSON validate answer ---- */

/* The answer to @request, parsed; its root object. */
static JsonObject *ask(JsonParser *parser, const char *request) {
  char *text = mm_json(request);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  gboolean parsed = json_parser_load_from_data(parser, text, -1, NULL);
  if (!parsed)
    fprintf(stderr, "\n%s\n", text);
  mm_json_free(text);
  CU_ASSERT_TRUE_FATAL(parsed);
  JsonNode *root = json_parser_get_root(parser);
  CU_ASSERT_TRUE_FATAL(JSON_NODE_HOLDS_OBJECT(root));
  return json_node_get_object(root);
}

/* @problems is exactly @want, each with line null. */
static void assert_problems(JsonArray *problems, const Want *want, guint n) {
  CU_ASSERT_EQUAL(json_array_get_length(problems), n);
  for (guint k = 0; k < n && k < json_array_get_length(problems); k++) {
    JsonObject *p = json_array_get_object_element(problems, k);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(p, "source"),
                           want[k].source);
    CU_ASSERT_TRUE(json_object_get_null_member(p, "line"));
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(p, "column"),
                           want[k].column);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(p, "message"),
                           want[k].message);
  }
}

/* YP1 names M1 (eligible) and M2 (checks); YP2 names M3 (16, 1 hour of
 * training: training, age_gap, min_score); nobody names the natural M4;
 * YP3 is pinned to M2 (checks). */
#define JSON_PEOPLE                                                            \
  "\"mentees\": [{\"id\": \"YP1\", \"age\": 15,"                               \
  "  \"preferred_mentors\": [\"M1\", \"M2\"]},"                                \
  " {\"id\": \"YP2\", \"age\": 15, \"preferred_mentors\": [\"M3\"]},"          \
  " {\"id\": \"YP3\", \"age\": 15}],"                                          \
  " \"mentors\": [{\"id\": \"M1\", \"age\": 30, \"checks_cleared\": true,"     \
  "  \"training_hours\": 3},"                                                  \
  " {\"id\": \"M2\", \"age\": 30, \"checks_cleared\": false,"                  \
  "  \"training_hours\": 3},"                                                  \
  " {\"id\": \"M3\", \"age\": 16, \"checks_cleared\": true,"                   \
  "  \"training_hours\": 1},"                                                  \
  " {\"id\": \"M4\", \"age\": 30, \"checks_cleared\": true,"                   \
  "  \"training_hours\": 3, \"mentor_type\": \"natural\"}],"                   \
  " \"pinned\": [{\"mentee_id\": \"YP3\", \"mentor_id\": \"M2\"}]"

static void test_json_validate_answer(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  JsonObject *answer =
      ask(parser, "{\"command\": \"validate\", " JSON_PEOPLE "}");
  CU_ASSERT_TRUE(json_object_get_boolean_member(answer, "valid"));
  CU_ASSERT_EQUAL(
      json_array_get_length(json_object_get_array_member(answer, "errors")), 0);
  const Want want[] = {
      {"mentees[0]", 0, "preferred_mentors",
       "named mentor M2 is not eligible for YP1: checks"},
      {"mentees[1]", 0, "preferred_mentors",
       "named mentor M3 is not eligible for YP2: training, age_gap, "
       "min_score"},
      {"mentors[1]", 0, "checks_cleared",
       "mentor M2 can never be matched: safeguarding checks not cleared"},
      {"mentors[2]", 0, "training_hours",
       "mentor M3 can never be matched: training hours 1, below the minimum "
       "of 3"},
      {"mentors[3]", 0, "mentor_type",
       "natural mentor M4 is named by no young person, so can never be "
       "matched"},
      {"pinned[0]", 0, "mentor_id",
       "pinned pair YP3-M2 kept although it breaks: 1 checks"},
  };
  assert_problems(json_object_get_array_member(answer, "warnings"), want,
                  G_N_ELEMENTS(want));

  /* The request's rules decide: checks not required leave M2 eligible. */
  answer = ask(parser, "{\"command\": \"validate\", " JSON_PEOPLE
                       ", \"config\": {\"rules\": {\"require_checks\": "
                       "false}}}");
  CU_ASSERT_TRUE(json_object_get_boolean_member(answer, "valid"));
  const Want want_relaxed[] = {want[1], want[3], want[4]};
  assert_problems(json_object_get_array_member(answer, "warnings"),
                  want_relaxed, G_N_ELEMENTS(want_relaxed));

  /* A config with an error: the rules meant are not known, so the pool
   * and pins are not judged by the defaults; only the error is said. */
  answer = ask(parser, "{\"command\": \"validate\", " JSON_PEOPLE
                       ", \"config\": {\"rules\": {\"min_score\": 500}}}");
  CU_ASSERT_FALSE(json_object_get_boolean_member(answer, "valid"));
  CU_ASSERT_EQUAL(
      json_array_get_length(json_object_get_array_member(answer, "errors")), 1);
  CU_ASSERT_EQUAL(
      json_array_get_length(json_object_get_array_member(answer, "warnings")),
      0);
}

/* ---- What the CSV loader says, that validate prints ---- */

/* Headers fold case, blanks and hyphens to `_`; a header close to a known
 * one gets "did you mean"; a short row is read with its missing fields
 * empty, with a warning at its line. */
static void test_loader_headers_and_short_rows(void) {
  const char *mentees =
      "id,Age,Care Experienced,Preferred Mentors,prefered_mentors,"
      "pref-care-experienced\n"
      "YP1,15,yes,M1,M1,yes\n" /* line 2 */
      "YP2,16\n";              /* line 3: 2 fields of 6 */
  const char *mentors = "id,age,checks_cleared,training_hours\n"
                        "M1,30,no,3\n";
  g_autoptr(MmDiagnostics) load = mm_diagnostics_new();
  g_autoptr(MmPool) pool = pool_from(mentees, mentors, load);
  const Want want_load[] = {
      {"mentees.csv", 1, "prefered_mentors",
       "unknown column, ignored; did you mean preferred_mentors?"},
      {"mentees.csv", 3, NULL,
       "row has 2 fields, header has 6: the missing ones are read as empty"},
  };
  assert_warnings(load, want_load, G_N_ELEMENTS(want_load));

  CU_ASSERT_EQUAL_FATAL(mm_pool_n_mentees(pool), 2);
  const MmPerson *yp1 = mm_i_pool_mentee(pool, 0);
  const MmPerson *yp2 = mm_i_pool_mentee(pool, 1);
  CU_ASSERT_EQUAL(yp1->age, 15);
  CU_ASSERT_EQUAL(yp1->care_experienced, MM_TRI_YES);
  CU_ASSERT_EQUAL(yp1->pref_care_experienced, MM_TRI_YES);
  CU_ASSERT_EQUAL_FATAL(yp1->preferred_mentors->len, 1);
  CU_ASSERT_EQUAL(g_array_index(yp1->preferred_mentors, guint, 0), 0);
  CU_ASSERT_EQUAL(yp2->age, 16);
  CU_ASSERT_EQUAL(yp2->care_experienced, MM_TRI_UNKNOWN);
  CU_ASSERT_EQUAL(yp2->preferred_mentors->len, 0);

  /* YP1's choice, read from "Preferred Mentors", is judged by validate:
   * M1's checks are not cleared, and YP1 wants a care-experienced mentor
   * (read from "pref-care-experienced") while M1's care experience is not
   * recorded: care_experience weighs 3 x 2 (stated) = 6 with value 0, age
   * weighs 2 with value 1 (15 years older), so the score is
   * 100 x 2 / 8 = 25, below min_score 40. */
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  mm_validate(pool, NULL, NULL, diags);
  const Want want[] = {
      {"mentees.csv", 2, "preferred_mentors",
       "named mentor M1 is not eligible for YP1: checks, min_score"},
      {"mentors.csv", 2, "checks_cleared",
       "mentor M1 can never be matched: safeguarding checks not cleared"},
  };
  assert_warnings(diags, want, G_N_ELEMENTS(want));
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_mentors_never_matched),
      MM_TEST(test_named_mentors_not_eligible),
      MM_TEST(test_natural_mentors_named_by_nobody),
      MM_TEST(test_pins_breaking_rules),
      MM_TEST(test_clean_pool_gives_no_warning),
      MM_TEST(test_json_validate_answer),
      MM_TEST(test_loader_headers_and_short_rows),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("validate", tests);
}
