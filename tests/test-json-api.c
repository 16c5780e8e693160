/* test-json-api.c: the JSON entry point mm_json() (lib/api/json-api.c): answers
 * worked out by hand on a small pool, the objective and the as-of date (v2),
 * the config keys accepted and refused exactly as an INI file's, equality
 * with the CSV path and the CLI's --format json, every class of error, and
 * random damage to a valid request. */
#include "test-common.h"
#include "csv-reader.h"
#include "json-output.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

/* ---- The small pool ----
 *
 * Only two criteria apply to any pair: interests (mentees list some; weight
 * 3) and age (always; weight 2). Every gap is 14-15 years, inside the adult
 * band 6-35, so age is 1. Interests are shared / 3:
 *   A-M1 shares a, b, c: 100 x (3 x 1 + 2 x 1) / 5 = 100
 *   A-M2 shares a:       100 x (3 x 1/3 + 2 x 1) / 5 = 60
 *   B-M1 shares a:       60
 *   B-M2: excluded by B, never matched.
 * Every score is at least the default min_score 40, so A-M1, A-M2 and B-M1
 * are eligible. Nobody names a mentor, waits (no waiting_since) or has a
 * priority, and match_bonus is 0, so each pair's value (the contract (docs/) "The value
 * of a pair") is its score. Capacity 1 each. Optimal under quality maximises
 * the total value: A-M2 + B-M1 = 60 + 60 = 120 beats A-M1 alone = 100;
 * greedy takes the highest value, A-M1 (100), first and leaves B without a
 * mentor. */
#define SMALL_MENTEES                                                          \
  "[{\"id\": \"A\", \"age\": 15, \"interests\": [\"a\", \"b\", \"c\"]},"       \
  " {\"id\": \"B\", \"age\": 16.0, \"interests\": [\"a\"],"                    \
  "  \"excluded_mentors\": [\"M2\"], \"priority\": null}]"
#define SMALL_MENTORS                                                          \
  "[{\"id\": \"M1\", \"age\": 30, \"interests\": [\"a\", \"b\", \"c\"],"       \
  "  \"checks_cleared\": true, \"training_hours\": 3},"                        \
  " {\"id\": \"M2\", \"age\": 30, \"interests\": \"a\","                       \
  "  \"checks_cleared\": \"yes\", \"training_hours\": 3.5}]"
/* The same people as CSV text, for the CSV path. */
#define SMALL_MENTEES_CSV                                                      \
  "id,age,interests,excluded_mentors,priority\n"                               \
  "A,15,a;b;c,,\n"                                                             \
  "B,16,a,M2,\n"
#define SMALL_MENTORS_CSV                                                      \
  "id,age,interests,checks_cleared,training_hours\n"                           \
  "M1,30,a;b;c,yes,3\n"                                                        \
  "M2,30,a,yes,3.5\n"

/* What an unknown key's message lists: the same words as an INI file's
 * (test-config.c), since one key table serves both. */
#define WEIGHTS_HAVE                                                           \
  "unknown key; [weights] has interests, care_experience, gender, "           \
  "ethnicity, religion, age, language, mentor_type, needs, aspirations, "      \
  "availability, distance"
#define RULES_HAVE                                                             \
  "unknown key; [rules] has min_training_hours, require_checks, "             \
  "min_age_gap, max_distance_km, min_score"
#define OBJECTIVE_HAVE                                                         \
  "unknown key; [objective] has prefer, choice_bonus, priority_bonus, "       \
  "match_bonus, waiting_bonus"
#define BONUS_RANGE "must be a number from 0 to 1000"

static char *small_request(const char *command, const char *extra) {
  return g_strdup_printf("{\"command\": \"%s\", \"mentees\": " SMALL_MENTEES
                         ", \"mentors\": " SMALL_MENTORS "%s}",
                         command, extra);
}

/* ---- Reading answers ---- */

/* A member's text, or "(not text)" so that a wrong answer fails an
 * assertion instead of crashing it with NULL. */
static const char *text_member(JsonObject *object, const char *name) {
  JsonNode *node = object != NULL ? json_object_get_member(object, name) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE(node) ||
      json_node_get_value_type(node) != G_TYPE_STRING)
    return "(not text)";
  return json_node_get_string(node);
}

/* Parses an answer; fails the test unless it is a JSON object ending in a
 * newline. The parser owns the tree. */
static JsonObject *parse_answer(JsonParser *parser, const char *answer) {
  CU_ASSERT_PTR_NOT_NULL_FATAL(answer);
  CU_ASSERT_TRUE(g_str_has_suffix(answer, "\n"));
  CU_ASSERT_TRUE_FATAL(g_utf8_validate(answer, -1, NULL));
  g_autoptr(GError) error = NULL;
  CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(parser, answer, -1, &error));
  JsonNode *root = json_parser_get_root(parser);
  CU_ASSERT_TRUE_FATAL(root != NULL && JSON_NODE_HOLDS_OBJECT(root));
  return json_node_get_object(root);
}

/* Runs @request, whose answer must hold @member ("matches",
 * "recommendations", "valid" or "error"); otherwise prints the answer and
 * stops the test. */
static JsonObject *ask_for(JsonParser *parser, const char *request,
                          const char *member) {
  char *answer = mm_json(request);
  JsonObject *object = parse_answer(parser, answer);
  if (!json_object_has_member(object, member))
    fprintf(stderr, "expected \"%s\" in: %s", member, answer);
  mm_json_free(answer);
  CU_ASSERT_TRUE_FATAL(json_object_has_member(object, member));
  return object;
}

static JsonObject *row_at(JsonObject *answer, const char *array, guint k) {
  JsonArray *rows = json_object_get_array_member(answer, array);
  CU_ASSERT_TRUE_FATAL(k < json_array_get_length(rows));
  return json_array_get_object_element(rows, k);
}

static gboolean member_is_null(JsonObject *object, const char *name) {
  return json_object_has_member(object, name) &&
         json_object_get_null_member(object, name);
}

static void assert_row(JsonObject *row, const char *mentee, const char *mentor,
                       double score, const char *status) {
  CU_ASSERT_STRING_EQUAL(text_member(row, "mentee_id"),
                         mentee);
  CU_ASSERT_STRING_EQUAL(text_member(row, "status"), status);
  if (mentor != NULL) {
    CU_ASSERT_STRING_EQUAL(text_member(row, "mentor_id"),
                           mentor);
    MM_ASSERT_CLOSE(json_object_get_double_member(row, "score"), score);
    CU_ASSERT_TRUE(member_is_null(row, "reason"));
  } else {
    CU_ASSERT_TRUE(member_is_null(row, "mentor_id"));
    CU_ASSERT_TRUE(member_is_null(row, "score"));
    CU_ASSERT_FALSE(member_is_null(row, "reason"));
  }
}

/* The pair's value, which an explained row carries. */
static void assert_value(JsonObject *row, double value) {
  CU_ASSERT_TRUE_FATAL(json_object_has_member(row, "value"));
  double actual = json_object_get_double_member(row, "value");
  MM_ASSERT_CLOSE(actual, value);
  if (fabs(actual - value) > 1e-9)
    fprintf(stderr, "\n%s: value %.17g, expected %.17g\n",
            text_member(row, "mentee_id"), actual, value);
}

static const char *error_message(JsonObject *answer) {
  CU_ASSERT_TRUE_FATAL(json_object_has_member(answer, "error"));
  JsonObject *error = json_object_get_object_member(answer, "error");
  const char *message = text_member(error, "message");
  CU_ASSERT_STRING_NOT_EQUAL(message, "(not text)");
  CU_ASSERT_TRUE(*message != '\0');
  return message;
}

/* Whether @problems holds one at @source and @column (NULL: no column)
 * whose message contains @fragment (NULL: any). */
static gboolean has_problem(JsonArray *problems, const char *source,
                            const char *column, const char *fragment) {
  for (guint k = 0; k < json_array_get_length(problems); k++) {
    JsonObject *p = json_array_get_object_element(problems, k);
    const char *at_column = member_is_null(p, "column")
                                ? NULL
                                : text_member(p, "column");
    if (strcmp(text_member(p, "source"), source) == 0 &&
        g_strcmp0(at_column, column) == 0 && member_is_null(p, "line") &&
        (fragment == NULL ||
         strstr(text_member(p, "message"), fragment)))
      return TRUE;
  }
  return FALSE;
}

static JsonArray *error_problems(JsonObject *answer) {
  error_message(answer);
  JsonObject *error = json_object_get_object_member(answer, "error");
  CU_ASSERT_TRUE_FATAL(json_object_has_member(error, "problems"));
  return json_object_get_array_member(error, "problems");
}

/* ---- match, recommend, validate by hand ---- */

static void test_match_optimal_by_hand(void) {
  g_autofree char *request = small_request("match", ", \"mode\": \"optimal\"");
  g_autoptr(JsonParser) parser = json_parser_new();
  JsonObject *answer = ask_for(parser, request, "matches");
  CU_ASSERT_EQUAL(
      json_array_get_length(json_object_get_array_member(answer, "matches")),
      2);
  assert_row(row_at(answer, "matches", 0), "A", "M2", 60.0, "matched");
  assert_row(row_at(answer, "matches", 1), "B", "M1", 60.0, "matched");
  JsonObject *summary = json_object_get_object_member(answer, "summary");
  CU_ASSERT_STRING_EQUAL(text_member(summary, "mode"),
                         "optimal");
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "mentees"), 2);
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "matched"), 2);
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "unmatched"), 0);
  MM_ASSERT_CLOSE(json_object_get_double_member(summary, "mean_score"), 60.0);
  /* The default objective, and no young person moved to a named mentor
   * (nobody named one). */
  CU_ASSERT_STRING_EQUAL(text_member(summary, "prefer"), "quality");
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "named_moves"), 0);
  /* Without "explain" the rows carry no explanation. */
  CU_ASSERT_FALSE(
      json_object_has_member(row_at(answer, "matches", 0), "contributions"));
}

static void test_match_greedy_by_hand(void) {
  g_autofree char *request = small_request("match", ", \"mode\": \"greedy\"");
  g_autoptr(JsonParser) parser = json_parser_new();
  JsonObject *answer = ask_for(parser, request, "matches");
  assert_row(row_at(answer, "matches", 0), "A", "M1", 100.0, "matched");
  assert_row(row_at(answer, "matches", 1), "B", NULL, 0, "unmatched");
  /* B's only eligible mentor went to A. */
  CU_ASSERT_PTR_NOT_NULL(strstr(text_member(
                                    row_at(answer, "matches", 1), "reason"),
                                "taken"));
  JsonObject *summary = json_object_get_object_member(answer, "summary");
  CU_ASSERT_STRING_EQUAL(text_member(summary, "mode"),
                         "greedy");
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "unmatched"), 1);
}

/* Contributions are 100 x w x v / sum(w): A-M2 interests 100 x 3 x 1/3 / 5
 * = 20, age 100 x 2 x 1 / 5 = 40, every other criterion 0. Version 2 has
 * twelve criteria and no "choice" among them. The value is the score, 60
 * (no named mentor, no waiting, priority 0, match_bonus 0). */
static void test_match_explain(void) {
  g_autofree char *request = small_request("match", ", \"explain\": true");
  g_autoptr(JsonParser) parser = json_parser_new();
  JsonObject *answer = ask_for(parser, request, "matches");
  JsonObject *row = row_at(answer, "matches", 0);
  JsonObject *contributions =
      json_object_get_object_member(row, "contributions");
  CU_ASSERT_PTR_NOT_NULL_FATAL(contributions);
  CU_ASSERT_EQUAL(json_object_get_size(contributions), MM_N_CRITERIA);
  CU_ASSERT_EQUAL(json_object_get_size(contributions), 12);
  for (guint c = 0; c < MM_N_CRITERIA; c++)
    CU_ASSERT_TRUE(json_object_has_member(contributions,
                                          mm_criterion_name((MmCriterion)c)));
  CU_ASSERT_FALSE(json_object_has_member(contributions, "choice"));
  MM_ASSERT_CLOSE(json_object_get_double_member(contributions, "interests"),
                  20.0);
  MM_ASSERT_CLOSE(json_object_get_double_member(contributions, "age"), 40.0);
  assert_value(row, 60.0);
  CU_ASSERT_TRUE(
      json_array_get_length(json_object_get_array_member(row, "reasons")) > 0);
}

/* Pinning A to M1 fills M1; B's other mentor is excluded, so B is left. */
static void test_match_pinned(void) {
  g_autofree char *request = small_request(
      "match",
      ", \"pinned\": [{\"mentee_id\": \"A\", \"mentor_id\": \"M1\"}]");
  g_autoptr(JsonParser) parser = json_parser_new();
  JsonObject *answer = ask_for(parser, request, "matches");
  assert_row(row_at(answer, "matches", 0), "A", "M1", 100.0, "pinned");
  assert_row(row_at(answer, "matches", 1), "B", NULL, 0, "unmatched");
  JsonObject *summary = json_object_get_object_member(answer, "summary");
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "pinned"), 1);
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "matched"), 0);
}

static void assert_pick(JsonObject *entry, guint rank, const char *mentor,
                        double score) {
  JsonArray *mentors = json_object_get_array_member(entry, "mentors");
  CU_ASSERT_TRUE_FATAL(rank >= 1 && rank <= json_array_get_length(mentors));
  JsonObject *pick = json_array_get_object_element(mentors, rank - 1);
  CU_ASSERT_EQUAL(json_object_get_int_member(pick, "rank"), rank);
  CU_ASSERT_STRING_EQUAL(text_member(pick, "mentor_id"),
                         mentor);
  MM_ASSERT_CLOSE(json_object_get_double_member(pick, "score"), score);
}

static guint n_picks(JsonObject *entry) {
  return json_array_get_length(json_object_get_array_member(entry, "mentors"));
}

static void test_recommend_by_hand(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  g_autofree char *all = small_request("recommend", "");
  JsonObject *answer = ask_for(parser, all, "recommendations");
  JsonObject *a = row_at(answer, "recommendations", 0);
  CU_ASSERT_STRING_EQUAL(text_member(a, "mentee_id"), "A");
  CU_ASSERT_EQUAL(n_picks(a), 2);
  assert_pick(a, 1, "M1", 100.0);
  assert_pick(a, 2, "M2", 60.0);
  CU_ASSERT_TRUE(member_is_null(a, "reason"));
  JsonObject *b = row_at(answer, "recommendations", 1);
  CU_ASSERT_EQUAL(n_picks(b), 1); /* M2 is excluded */
  assert_pick(b, 1, "M1", 60.0);

  g_autofree char *one = small_request(
      "recommend", ", \"mentee\": \"A\", \"top\": 1");
  answer = ask_for(parser, one, "recommendations");
  CU_ASSERT_EQUAL(json_array_get_length(
                      json_object_get_array_member(answer, "recommendations")),
                  1);
  a = row_at(answer, "recommendations", 0);
  CU_ASSERT_EQUAL(n_picks(a), 1);
  assert_pick(a, 1, "M1", 100.0);
}

static void test_recommend_nobody_eligible(void) {
  const char *request =
      "{\"command\": \"recommend\", \"mentees\": [{\"id\": \"C\", \"age\": 12,"
      " \"excluded_mentors\": [\"M1\"]}], \"mentors\": " SMALL_MENTORS "}";
  g_autoptr(JsonParser) parser = json_parser_new();
  JsonObject *answer = ask_for(parser, request, "recommendations");
  JsonObject *c = row_at(answer, "recommendations", 0);
  /* M1 is excluded; M2 (gap 18, age value 1) is the only pick. C lists no
   * interests, so age alone applies: 100 x 2 x 1 / 2 = 100. */
  CU_ASSERT_EQUAL(n_picks(c), 1);
  assert_pick(c, 1, "M2", 100.0);

  const char *nobody =
      "{\"command\": \"recommend\", \"mentees\": [{\"id\": \"C\", \"age\": 12,"
      " \"excluded_mentors\": [\"M1\", \"M2\"]}], \"mentors\": " SMALL_MENTORS
      "}";
  answer = ask_for(parser, nobody, "recommendations");
  c = row_at(answer, "recommendations", 0);
  CU_ASSERT_EQUAL(n_picks(c), 0);
  CU_ASSERT_TRUE(g_str_has_prefix(text_member(c, "reason"),
                                  "no eligible mentor"));
}

static void test_validate(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  const char *good =
      "{\"command\": \"validate\", \"mentees\": [{\"id\": \"A\", \"age\": 15,"
      " \"nickname\": \"Ace\"}], \"mentors\": " SMALL_MENTORS "}";
  JsonObject *answer = ask_for(parser, good, "valid");
  CU_ASSERT_TRUE(json_object_get_boolean_member(answer, "valid"));
  CU_ASSERT_EQUAL(
      json_array_get_length(json_object_get_array_member(answer, "errors")), 0);
  JsonArray *warnings = json_object_get_array_member(answer, "warnings");
  CU_ASSERT_EQUAL(json_array_get_length(warnings), 1);
  CU_ASSERT_TRUE(
      has_problem(warnings, "mentees[0]", "nickname", "unknown column"));

  /* Every problem, not just the first: two people and the config. */
  const char *bad =
      "{\"command\": \"validate\", \"mentees\": [{\"id\": \"A\", \"age\": 15},"
      " {\"id\": \"B\", \"age\": 3}], \"mentors\": [{\"id\": \"M\","
      " \"age\": 30}], \"config\": {\"rules\": {\"min_score\": 500}}}";
  answer = ask_for(parser, bad, "valid");
  CU_ASSERT_FALSE(json_object_get_boolean_member(answer, "valid"));
  JsonArray *errors = json_object_get_array_member(answer, "errors");
  CU_ASSERT_EQUAL(json_array_get_length(errors), 3);
  CU_ASSERT_TRUE(has_problem(errors, "mentees[1]", "age", "'3'"));
  CU_ASSERT_TRUE(has_problem(errors, "mentors[0]", "checks_cleared", NULL));
  CU_ASSERT_TRUE(has_problem(errors, "config", "rules.min_score",
                             "must be from 0 to 100"));
}

/* ---- The same answers as the CSV path and the CLI ---- */

/* CSV text -> a JSON array of people whose values are the cells' text (the
 * CSV path's input, unchanged). Empty cells are left out. */
typedef struct {
  JsonBuilder *builder;
  GPtrArray *header;
} CsvToJson;

static gboolean add_csv_record(const MmCsvRecord *record, gpointer data) {
  CsvToJson *state = data;
  if (state->header->len == 0) {
    for (guint k = 0; k < record->n_fields; k++)
      g_ptr_array_add(state->header, g_strdup(record->fields[k]));
    return TRUE;
  }
  json_builder_begin_object(state->builder);
  for (guint k = 0; k < record->n_fields && k < state->header->len; k++) {
    if (*record->fields[k] == '\0')
      continue;
    json_builder_set_member_name(state->builder,
                                 g_ptr_array_index(state->header, k));
    json_builder_add_string_value(state->builder, record->fields[k]);
  }
  json_builder_end_object(state->builder);
  return TRUE;
}

static void add_csv_member(JsonBuilder *builder, const char *name,
                           const char *csv) {
  CsvToJson state = {builder, g_ptr_array_new_with_free_func(g_free)};
  json_builder_set_member_name(builder, name);
  json_builder_begin_array(builder);
  MmCsvFailure failure;
  CU_ASSERT_TRUE(mm_i_csv_read(csv, strlen(csv), add_csv_record, &state,
                             &failure));
  json_builder_end_array(builder);
  g_ptr_array_free(state.header, TRUE);
}

/* Starts a request object holding both pools from CSV text; the caller adds
 * members and ends it with finish_request(). */
static JsonBuilder *begin_request(const char *command, const char *mentees_csv,
                                  const char *mentors_csv) {
  JsonBuilder *builder = json_builder_new();
  json_builder_begin_object(builder);
  json_builder_set_member_name(builder, "command");
  json_builder_add_string_value(builder, command);
  add_csv_member(builder, "mentees", mentees_csv);
  add_csv_member(builder, "mentors", mentors_csv);
  return builder;
}

static char *finish_request(JsonBuilder *builder) {
  json_builder_end_object(builder);
  JsonNode *root = json_builder_get_root(builder);
  char *text = mm_i_json_to_text(root, FALSE);
  json_node_unref(root);
  g_object_unref(builder);
  return text;
}

/* The CLI's text for a matching (cli_json_text: pretty, then a newline). */
static char *matching_text(const MmPool *pool, const MmConfig *config,
                           const MmMatching *matching, MmMode mode,
                           gboolean explain) {
  g_autoptr(JsonBuilder) builder = json_builder_new();
  mm_i_json_build_matching(builder, pool, config, matching, mode, explain,
                         NULL);
  JsonNode *root = json_builder_get_root(builder);
  g_autofree char *text = mm_i_json_to_text(root, TRUE);
  json_node_unref(root);
  return g_strconcat(text, "\n", NULL);
}

/* @text, a JSON answer, without its "warnings" member, in the same form:
 * warnings name their sources (mentees[3] against mentees.csv), which the
 * two ways of reading the same people spell differently. */
static char *without_warnings(const char *text) {
  g_autoptr(JsonParser) parser = json_parser_new();
  CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(parser, text, -1, NULL));
  JsonNode *root = json_parser_get_root(parser);
  json_object_remove_member(json_node_get_object(root), "warnings");
  g_autofree char *out = mm_i_json_to_text(root, TRUE);
  return g_strconcat(out, "\n", NULL);
}

/* Typed JSON values (numbers, booleans, arrays, null) give exactly the
 * answer of the same people as CSV text. */
static void test_typed_values_same_as_csv(void) {
  g_autoptr(MmPool) pool =
      mm_test_pool_from_csv(SMALL_MENTEES_CSV, SMALL_MENTORS_CSV);
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmMatching) matching = mm_match(pool, config, NULL, NULL);
  g_autofree char *expected =
      matching_text(pool, config, matching, MM_MODE_OPTIMAL, TRUE);
  /* The CSV pool is as of MM_TEST_AS_OF; so is the request. */
  g_autofree char *request = small_request(
      "match", ", \"explain\": true, \"as_of\": \"" MM_TEST_AS_OF "\"");
  char *answer = mm_json(request);
  CU_ASSERT_STRING_EQUAL(answer, expected);
  mm_json_free(answer);
}

/* Random pools using every column, in every mode: the JSON answer's rows are
 * those of mm_match() on the pool read from the same CSV, and its text is
 * the CLI's. */
static void test_random_pools_same_as_csv_path(void) {
  for (guint seed = 1; seed <= 6; seed++) {
    GRand *rng = g_rand_new_with_seed(seed);
    guint n = 5 + seed * 3, m = 3 + seed;
    g_autofree char *mentees = mm_test_random_csv(rng, MM_SIDE_MENTEE, n, m);
    g_autofree char *mentors = mm_test_random_csv(rng, MM_SIDE_MENTOR, m, m);
    g_rand_free(rng);
    g_autoptr(MmPool) pool = mm_test_pool_from_csv(mentees, mentors);
    g_autoptr(MmConfig) config = mm_config_new();
    MmMode mode = (MmMode)(seed % 3);
    g_autoptr(MmMatchOptions) options = mm_match_options_new();
    mm_match_options_set_mode(options, mode);
    g_autoptr(MmMatching) matching = mm_match(pool, config, options, NULL);

    JsonBuilder *builder = begin_request("match", mentees, mentors);
    json_builder_set_member_name(builder, "mode");
    json_builder_add_string_value(builder, mm_mode_name(mode));
    /* The CSV pool is as of MM_TEST_AS_OF, and the random mentees wait. */
    json_builder_set_member_name(builder, "as_of");
    json_builder_add_string_value(builder, MM_TEST_AS_OF);
    g_autofree char *request = finish_request(builder);
    char *answer = mm_json(request);
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonObject *object = parse_answer(parser, answer);
    JsonArray *rows = json_object_get_array_member(object, "matches");
    CU_ASSERT_EQUAL_FATAL(json_array_get_length(rows), n);
    for (guint i = 0; i < n; i++) {
      JsonObject *row = json_array_get_object_element(rows, i);
      gint mentor = mm_matching_mentor(matching, i);
      CU_ASSERT_STRING_EQUAL(text_member(row, "mentee_id"),
                             mm_pool_mentee_id(pool, i));
      CU_ASSERT_STRING_EQUAL(
          text_member(row, "status"),
          mm_match_status_name(mm_matching_status(matching, i)));
      if (mentor < 0) {
        CU_ASSERT_TRUE(member_is_null(row, "mentor_id"));
        CU_ASSERT_STRING_EQUAL(text_member(row, "reason"),
                               mm_matching_reason(matching, i));
        continue;
      }
      CU_ASSERT_STRING_EQUAL(text_member(row, "mentor_id"),
                             mm_pool_mentor_id(pool, (guint)mentor));
      /* Scores are rounded to 0.01 on both paths. */
      CU_ASSERT_DOUBLE_EQUAL(json_object_get_double_member(row, "score"),
                             mm_matching_score(matching, i), 0.005);
    }
    g_autofree char *expected =
        matching_text(pool, config, matching, mode, FALSE);
    g_autofree char *got = without_warnings(answer);
    g_autofree char *want = without_warnings(expected);
    CU_ASSERT_STRING_EQUAL(got, want);
    mm_json_free(answer);
  }
}

static char *read_example(const char *name) {
  g_autofree char *path =
      g_build_filename(MM_EXAMPLES_DIR, "data", name, NULL);
  char *text = NULL;
  CU_ASSERT_TRUE_FATAL(g_file_get_contents(path, &text, NULL, NULL));
  return text;
}

/* Runs the CLI; returns its stdout (exit code 0 required). */
static char *run_cli(const char *const *args) {
  GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(argv, g_strdup(MM_CLI_PATH));
  for (guint k = 0; args[k] != NULL; k++)
    g_ptr_array_add(argv, g_strdup(args[k]));
  g_ptr_array_add(argv, NULL);
  char *out = NULL;
  int wait_status = 0;
  CU_ASSERT_TRUE_FATAL(g_spawn_sync(NULL, (char **)argv->pdata, NULL,
                                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                    &out, NULL, &wait_status, NULL));
  CU_ASSERT_TRUE(WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0);
  g_ptr_array_free(argv, TRUE);
  return out;
}

/* The pins of examples/data/pinned.csv as a "pinned" member. */
static void add_example_pins(JsonBuilder *builder) {
  g_autofree char *csv = read_example("pinned.csv");
  json_builder_set_member_name(builder, "pinned");
  json_builder_begin_array(builder);
  g_auto(GStrv) lines = g_strsplit(csv, "\n", -1);
  for (guint k = 1; lines[k] != NULL; k++) { /* after the header */
    g_auto(GStrv) ids = g_strsplit(g_strstrip(lines[k]), ",", 2);
    if (ids[0] == NULL || ids[1] == NULL)
      continue;
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "mentee_id");
    json_builder_add_string_value(builder, ids[0]);
    json_builder_set_member_name(builder, "mentor_id");
    json_builder_add_string_value(builder, ids[1]);
    json_builder_end_object(builder);
  }
  json_builder_end_array(builder);
}

/* Byte for byte what `mentormatch match|recommend --format json` writes for
 * the example pools (pins and explanations included). */
static void test_same_as_cli(void) {
  g_autofree char *mentees = read_example("mentees.csv");
  g_autofree char *mentors = read_example("mentors.csv");
  g_autofree char *mentees_path =
      g_build_filename(MM_EXAMPLES_DIR, "data", "mentees.csv", NULL);
  g_autofree char *mentors_path =
      g_build_filename(MM_EXAMPLES_DIR, "data", "mentors.csv", NULL);
  g_autofree char *pinned_path =
      g_build_filename(MM_EXAMPLES_DIR, "data", "pinned.csv", NULL);

  g_autofree char *cli_match = run_cli((const char *const[]){
      "match", "--mentees", mentees_path, "--mentors", mentors_path,
      "--pinned", pinned_path, "--mode", "stable", "--explain", "--format",
      "json", "--quiet", "--as-of", MM_TEST_AS_OF, NULL});
  JsonBuilder *builder = begin_request("match", mentees, mentors);
  add_example_pins(builder);
  json_builder_set_member_name(builder, "as_of");
  json_builder_add_string_value(builder, MM_TEST_AS_OF);
  json_builder_set_member_name(builder, "mode");
  json_builder_add_string_value(builder, "stable");
  json_builder_set_member_name(builder, "explain");
  json_builder_add_boolean_value(builder, TRUE);
  g_autofree char *request = finish_request(builder);
  char *answer = mm_json(request);
  CU_ASSERT_STRING_EQUAL(answer, cli_match);
  CU_ASSERT_PTR_NOT_NULL(strstr(answer, "\"pinned\": 2")); /* pins applied */
  mm_json_free(answer);

  g_autofree char *cli_recommend = run_cli((const char *const[]){
      "recommend", "--mentees", mentees_path, "--mentors", mentors_path,
      "--mentee", "YP003", "--top", "3", "--format", "json", "--as-of",
      MM_TEST_AS_OF, NULL});
  builder = begin_request("recommend", mentees, mentors);
  json_builder_set_member_name(builder, "as_of");
  json_builder_add_string_value(builder, MM_TEST_AS_OF);
  json_builder_set_member_name(builder, "mentee");
  json_builder_add_string_value(builder, "YP003");
  json_builder_set_member_name(builder, "top");
  json_builder_add_int_value(builder, 3);
  g_autofree char *recommend = finish_request(builder);
  answer = mm_json(recommend);
  CU_ASSERT_STRING_EQUAL(answer, cli_recommend);
  mm_json_free(answer);
}

/* ---- Errors ---- */

/* Requests that fail before any data is read: a message, no problems. */
static void test_request_shape_errors(void) {
  static const struct {
    const char *request;
    const char *fragment;
  } cases[] = {
      {"", "empty"},
      {"   \n", "empty"},
      {"{\"command\": \"match\",", "not valid JSON"},
      {"{\"command\": match}", "not valid JSON"},
      {"\xff\xfe{}", "UTF-8"},
      {"{\"command\": \"match\", \"mentees\": [{\"id\": \"\\ud800x\"}],"
       " \"mentors\": []}",
       "UTF-8"},
      {"[1, 2]", "JSON object"},
      {"\"match\"", "JSON object"},
      {"{}", "command"},
      {"{\"command\": \"dance\", \"mentees\": [], \"mentors\": []}",
       "command"},
      {"{\"command\": 3, \"mentees\": [], \"mentors\": []}", "command"},
      {"{\"command\": \"match\", \"mentors\": []}", "mentees"},
      {"{\"command\": \"match\", \"mentees\": {}, \"mentors\": []}",
       "mentees"},
      {"{\"command\": \"match\", \"mentees\": [], \"mentors\": null}",
       "mentors"},
      {"{\"command\": \"match\", \"mentees\": [], \"mentors\": [],"
       " \"mentess\": []}",
       "mentess"},
      {"{\"command\": \"match\", \"mentees\": [], \"mentors\": [],"
       " \"mode\": \"best\"}",
       "mode"},
      {"{\"command\": \"match\", \"mentees\": [], \"mentors\": [],"
       " \"mode\": 1}",
       "mode"},
      {"{\"command\": \"recommend\", \"mentees\": [], \"mentors\": [],"
       " \"top\": \"5\"}",
       "top"},
      {"{\"command\": \"recommend\", \"mentees\": [], \"mentors\": [],"
       " \"top\": 0}",
       "top"},
      {"{\"command\": \"recommend\", \"mentees\": [], \"mentors\": [],"
       " \"top\": 2.5}",
       "top"},
      {"{\"command\": \"recommend\", \"mentees\": [], \"mentors\": [],"
       " \"top\": 1e30}",
       "top"},
      {"{\"command\": \"match\", \"mentees\": [], \"mentors\": [],"
       " \"explain\": \"yes\"}",
       "explain"},
      {"{\"command\": \"recommend\", \"mentees\": [], \"mentors\": [],"
       " \"mentee\": 7}",
       "mentee"},
      {"{\"command\": \"match\", \"mentees\": [], \"mentors\": [],"
       " \"config\": [1]}",
       "config"},
      {"{\"command\": \"match\", \"mentees\": [], \"mentors\": [],"
       " \"pinned\": {}}",
       "pinned"},
  };
  g_autoptr(JsonParser) parser = json_parser_new();
  for (guint k = 0; k < G_N_ELEMENTS(cases); k++) {
    JsonObject *answer = ask_for(parser, cases[k].request, "error");
    const char *message = error_message(answer);
    if (strstr(message, cases[k].fragment) == NULL)
      fprintf(stderr, "case %u: %s\n", k, message);
    CU_ASSERT_PTR_NOT_NULL(strstr(message, cases[k].fragment));
    CU_ASSERT_FALSE(json_object_has_member(
        json_object_get_object_member(answer, "error"), "problems"));
  }
  /* NULL, and nesting deep enough to overflow a recursive parser. */
  JsonObject *answer = ask_for(parser, NULL, "error");
  CU_ASSERT_PTR_NOT_NULL(strstr(error_message(answer), "NULL"));
  GString *deep = g_string_new("{\"command\": ");
  for (guint k = 0; k < 200000; k++)
    g_string_append_c(deep, '[');
  answer = ask_for(parser, deep->str, "error");
  CU_ASSERT_PTR_NOT_NULL(strstr(error_message(answer), "deep"));
  g_string_free(deep, TRUE);
  /* Optional members given as null read as absent. */
  ask_for(parser,
          "{\"command\": \"match\", \"mentees\": [], \"mentors\": [],"
          " \"config\": null, \"mode\": null, \"pinned\": null,"
          " \"top\": null, \"explain\": null, \"mentee\": null,"
          " \"as_of\": null}",
          "matches");
}

/* A bad person: the problem names the person's place in the request and the
 * column; the message quotes the first problem. */
static void test_bad_person(void) {
  const char *request =
      "{\"command\": \"match\", \"mentees\": [{\"id\": \"A\", \"age\": 15},"
      " {\"id\": \"B\", \"age\": 3}], \"mentors\": " SMALL_MENTORS "}";
  g_autoptr(JsonParser) parser = json_parser_new();
  JsonObject *answer = ask_for(parser, request, "error");
  CU_ASSERT_TRUE(g_str_has_prefix(error_message(answer),
                                  "the request has 1 error: mentees[1]: "
                                  "column age: "));
  JsonArray *problems = error_problems(answer);
  CU_ASSERT_EQUAL(json_array_get_length(problems), 1);
  CU_ASSERT_TRUE(has_problem(problems, "mentees[1]", "age", "'3'"));

  /* Values of the wrong JSON type, and a person that is not an object. The
   * type is the problem reported: no follow-on "required value missing". */
  const char *types =
      "{\"command\": \"recommend\", \"mentees\": [{\"id\": \"A\","
      " \"age\": {\"years\": 15}, \"interests\": [\"a\", [\"b\"]],"
      " \"needs\": [\"sen;trauma\"]}, \"B\"], \"mentors\": [{\"id\": \"M\","
      " \"age\": 30, \"checks_cleared\": true, \"remote\": 0.5,"
      " \"training_hours\": 2.25, \"capacity\": 1.5}]}";
  answer = ask_for(parser, types, "error");
  problems = error_problems(answer);
  CU_ASSERT_TRUE(has_problem(problems, "mentees[0]", "age", "must be text"));
  CU_ASSERT_FALSE(has_problem(problems, "mentees[0]", "age", "required"));
  CU_ASSERT_TRUE(has_problem(problems, "mentees[0]", "interests", "list"));
  CU_ASSERT_TRUE(has_problem(problems, "mentees[0]", "needs", "';'"));
  CU_ASSERT_TRUE(has_problem(problems, "mentees[1]", NULL, "object"));
  /* Numbers reach the checks as a CSV cell would hold them. */
  CU_ASSERT_TRUE(has_problem(problems, "mentors[0]", "remote", "'0.5'"));
  CU_ASSERT_TRUE(has_problem(problems, "mentors[0]", "capacity", "'1.5'"));
  CU_ASSERT_EQUAL(json_array_get_length(problems), 6);
  CU_ASSERT_TRUE(g_str_has_prefix(error_message(answer),
                                  "the request has 6 errors; the first: "
                                  "mentees[0]: column age: "));
}

static void test_bad_config(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  g_autofree char *request = small_request(
      "match", ", \"config\": {\"weights\": {\"interests\": -1, \"foo\": 2,"
               " \"age\": \"2\"}, \"rules\": {\"min_score\": 500,"
               " \"min_age_gap\": 2.5, \"require_checks\": \"yes\","
               " \"speed\": 1}, \"extra\": {}}");
  JsonArray *problems = error_problems(ask_for(parser, request, "error"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "weights.interests",
                             "must not be negative"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "weights.foo", WEIGHTS_HAVE));
  CU_ASSERT_TRUE(
      has_problem(problems, "config", "weights.age", "must be a number"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "rules.min_score",
                             "must be from 0 to 100"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "rules.min_age_gap",
                             "must be a whole number"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "rules.require_checks",
                             "true or false"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "rules.speed", RULES_HAVE));
  CU_ASSERT_TRUE(has_problem(problems, "config", "extra", "unknown"));
  CU_ASSERT_EQUAL(json_array_get_length(problems), 8);

  /* Every weight 0 is an error; all but one 0 is a valid config. */
  GString *zero = g_string_new(", \"config\": {\"weights\": {");
  for (guint c = 0; c < MM_N_CRITERIA; c++)
    g_string_append_printf(zero, "%s\"%s\": 0", c > 0 ? ", " : "",
                           mm_criterion_name((MmCriterion)c));
  g_string_append(zero, "}}");
  g_autofree char *all_zero = small_request("match", zero->str);
  /* Reported against the group, as an INI file reports it at [weights]. */
  CU_ASSERT_TRUE(has_problem(error_problems(ask_for(parser, all_zero, "error")),
                             "config", "weights", "every weight is 0"));
  /* Age alone (v = 1 for every pair): every score is 100, so the value of
   * A-M2 + B-M1 (200) beats A-M1 alone (100) and both are matched. */
  g_string_replace(zero, "\"age\": 0", "\"age\": 0.5", 1);
  g_autofree char *age_only = small_request("match", zero->str);
  JsonObject *answer = ask_for(parser, age_only, "matches");
  JsonObject *summary = json_object_get_object_member(answer, "summary");
  CU_ASSERT_PTR_NOT_NULL_FATAL(summary);
  MM_ASSERT_CLOSE(json_object_get_double_member(summary, "mean_score"), 100.0);
  g_string_free(zero, TRUE);

  /* Rules are applied: min_score 70 leaves only A-M1 (100); A-M2 and B-M1
   * (60) are below it. */
  g_autofree char *strict = small_request(
      "match", ", \"config\": {\"rules\": {\"min_score\": 70,"
               " \"require_checks\": true, \"min_age_gap\": 2,"
               " \"min_training_hours\": 3, \"max_distance_km\": 10}}");
  answer = ask_for(parser, strict, "matches");
  assert_row(row_at(answer, "matches", 0), "A", "M1", 100.0, "matched");
  assert_row(row_at(answer, "matches", 1), "B", NULL, 0, "unmatched");
}

static void test_bad_pins_and_mentee(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  g_autofree char *request = small_request(
      "match",
      ", \"pinned\": [{\"mentee_id\": \"A\", \"mentor_id\": \"M9\"},"
      " \"A,M1\", {\"mentee_id\": \"Z\", \"mentor_id\": \"M1\"},"
      " {\"mentor_id\": \"M1\"}, {\"mentee_id\": \"B\", \"mentor_id\": [1]},"
      " {\"mentee_id\": \"A\", \"mentor_id\": \"M1\"},"
      " {\"mentee_id\": \"B\", \"mentor_id\": \"M1\"}]");
  JsonArray *problems = error_problems(ask_for(parser, request, "error"));
  CU_ASSERT_TRUE(
      has_problem(problems, "pinned[0]", "mentor_id", "not in the mentor"));
  CU_ASSERT_TRUE(has_problem(problems, "pinned[1]", NULL, "object"));
  CU_ASSERT_TRUE(
      has_problem(problems, "pinned[2]", "mentee_id", "not in the mentee"));
  CU_ASSERT_TRUE(has_problem(problems, "pinned[3]", "mentee_id", "missing"));
  CU_ASSERT_TRUE(has_problem(problems, "pinned[4]", "mentor_id", NULL));
  /* pinned[5] is fine; pinned[6] is over M1's capacity of 1. */
  CU_ASSERT_TRUE(has_problem(problems, "pinned[6]", "mentor_id", "capacity"));
  CU_ASSERT_EQUAL(json_array_get_length(problems), 6);

  g_autofree char *twice = small_request(
      "match", ", \"pinned\": [{\"mentee_id\": \"A\", \"mentor_id\": \"M1\"},"
               " {\"mentee_id\": \"A\", \"mentor_id\": \"M2\"}]");
  CU_ASSERT_TRUE(has_problem(error_problems(ask_for(parser, twice, "error")), "pinned[1]",
                             "mentee_id", "already pinned"));

  g_autofree char *unknown = small_request("recommend", ", \"mentee\": \"Q\"");
  CU_ASSERT_TRUE(has_problem(error_problems(ask_for(parser, unknown, "error")), "request",
                             "mentee", "'Q'"));
}

/* ---- The objective (version 2) ----
 *
 * The objective pool: A and B are 15 and 16, M1 and M2 are 30 (gaps 15 and
 * 14, inside the adult band 6-35: age value 1). Only interests (weight 3;
 * the mentees list some) and age (weight 2) apply.
 *   A-M1 shares a, b, c: 100 x (3 x 1 + 2 x 1) / 5 = 100
 *   A-M2 shares nothing: 100 x (3 x 0 + 2 x 1) / 5 = 40
 *   B-M1 shares nothing: 40
 *   B-M2: excluded by B.
 * 40 is not below the default min_score 40, so all three pairs are
 * eligible. Capacity 1 each, so the choice is A-M1 alone, or A-M2 and B-M1
 * together. A pair's value (the contract (docs/), fixed) is
 *   score + choice_bonus x 0.75^place (if named)
 *         + waiting_bonus x min(52, full weeks waited)
 *         + (quality only) priority_bonus x priority + match_bonus,
 * each term to hundredths. With the defaults and B adding nothing, quality
 * takes A-M1 alone (100 > 40 + 40 = 80) and B waits; count takes both.
 * Each case below tips that balance one way or the other with one key or
 * one fact about B, so it shows the key was read and used. */
#define OBJECTIVE_MENTORS                                                      \
  "[{\"id\": \"M1\", \"age\": 30, \"interests\": [\"a\", \"b\", \"c\"],"       \
  "  \"checks_cleared\": true, \"training_hours\": 3},"                        \
  " {\"id\": \"M2\", \"age\": 30, \"interests\": [\"z\"],"                     \
  "  \"checks_cleared\": true, \"training_hours\": 3}]"

/* @b_extra: more members of B (", ..."); @config: the members of "config". */
static char *objective_request(const char *command, const char *b_extra,
                               const char *config, const char *as_of) {
  return g_strdup_printf(
      "{\"command\": \"%s\", \"explain\": true, \"as_of\": \"%s\","
      " \"mentees\": [{\"id\": \"A\", \"age\": 15,"
      " \"interests\": [\"a\", \"b\", \"c\"]}, {\"id\": \"B\", \"age\": 16,"
      " \"interests\": [\"x\"], \"excluded_mentors\": [\"M2\"]%s}],"
      " \"mentors\": " OBJECTIVE_MENTORS ", \"config\": {%s}}",
      command, as_of, b_extra, config);
}

typedef struct {
  const char *b_extra;
  const char *config;
  const char *as_of;
  const char *prefer;   /* the summary's */
  const char *a_mentor; /* "M1" (score 100) or "M2" (score 40) */
  double a_value;
  double b_value; /* B's value with M1; < 0: B is unmatched */
} ObjectiveCase;

static const ObjectiveCase OBJECTIVE_CASES[] = {
    /* 0. Defaults: A-M1 100 > A-M2 + B-M1 = 40 + 40 = 80. */
    {"", "", "2026-12-01", "quality", "M1", 100, -1},
    /* 1. count: two matches beat one; the values are the scores. */
    {"", "\"objective\": {\"prefer\": \"count\"}", "2026-12-01", "count",
     "M2", 40, 40},
    /* 2. quality written out: as the default. */
    {"", "\"objective\": {\"prefer\": \"quality\"}", "2026-12-01", "quality",
     "M1", 100, -1},
    /* 3. match_bonus 25 adds 25 to every value: A-M1 125 < 65 + 65 = 130. */
    {"", "\"objective\": {\"match_bonus\": 25}", "2026-12-01", "quality",
     "M2", 65, 65},
    /* 4. match_bonus 15: A-M1 115 > 55 + 55 = 110. */
    {"", "\"objective\": {\"match_bonus\": 15}", "2026-12-01", "quality",
     "M1", 115, -1},
    /* 5. match_bonus counts under quality only: count, values 40 and 40. */
    {"", "\"objective\": {\"prefer\": \"count\", \"match_bonus\": 25}",
     "2026-12-01", "count", "M2", 40, 40},
    /* 6. B at priority 3, default priority_bonus 10: B-M1 40 + 10 x 3 = 70;
     * 40 + 70 = 110 > 100. */
    {", \"priority\": 3", "", "2026-12-01", "quality", "M2", 40, 70},
    /* 7. priority_bonus 3: B-M1 40 + 3 x 3 = 49; 40 + 49 = 89 < 100. */
    {", \"priority\": 3", "\"objective\": {\"priority_bonus\": 3}",
     "2026-12-01", "quality", "M1", 100, -1},
    /* 8. priority_bonus counts under quality only: count, B-M1 is 40. */
    {", \"priority\": 3",
     "\"objective\": {\"prefer\": \"count\", \"priority_bonus\": 50}",
     "2026-12-01", "count", "M2", 40, 40},
    /* 9. B names M1, default choice_bonus 100: B-M1 40 + 100 x 0.75^0 =
     * 140; 40 + 140 = 180 > 100. */
    {", \"preferred_mentors\": [\"M1\"]", "", "2026-12-01", "quality", "M2",
     40, 140},
    /* 10. choice_bonus 15: B-M1 55; 40 + 55 = 95 < 100. M1 is not free, so
     * the named-choice guarantee moves nobody. */
    {", \"preferred_mentors\": [\"M1\"]",
     "\"objective\": {\"choice_bonus\": 15}", "2026-12-01", "quality", "M1",
     100, -1},
    /* 11. choice_bonus 25: B-M1 65; 40 + 65 = 105 > 100. */
    {", \"preferred_mentors\": [\"M1\"]",
     "\"objective\": {\"choice_bonus\": 25}", "2026-12-01", "quality", "M2",
     40, 65},
    /* 12. The choice term is in the value under count too: 40 + 100. */
    {", \"preferred_mentors\": [\"M1\"]",
     "\"objective\": {\"prefer\": \"count\"}", "2026-12-01", "count", "M2",
     40, 140},
    /* 13. M9 is not in the mentor file, so M1 is the first named mentor
     * that is: place 0, the full 100; B-M1 140. */
    {", \"preferred_mentors\": [\"M9\", \"M1\"]", "", "2026-12-01", "quality",
     "M2", 40, 140},
    /* 14. M2 is in the mentor file (B also excludes it), so M1 is place 1:
     * 100 x 0.75 = 75; B-M1 115; 40 + 115 = 155 > 100. */
    {", \"preferred_mentors\": [\"M2\", \"M1\"]", "", "2026-12-01", "quality",
     "M2", 40, 115},
    /* 15. B waiting since 2026-09-01, as of 2026-12-01: 30 + 31 + 30 = 91
     * days = 13 weeks; B-M1 40 + 0.5 x 13 = 46.5; 40 + 46.5 = 86.5 < 100. */
    {", \"waiting_since\": \"2026-09-01\"", "", "2026-12-01", "quality", "M1",
     100, -1},
    /* 16. waiting_bonus 5: B-M1 40 + 5 x 13 = 105; 40 + 105 = 145 > 100. */
    {", \"waiting_since\": \"2026-09-01\"",
     "\"objective\": {\"waiting_bonus\": 5}", "2026-12-01", "quality", "M2",
     40, 105},
    /* 17. As of 2027-12-01: 365 + 91 = 456 days = 65 full weeks, counted as
     * 52: B-M1 40 + 0.5 x 52 = 66 (not 72.5); 40 + 66 = 106 > 100. */
    {", \"waiting_since\": \"2026-09-01\"", "", "2027-12-01", "quality", "M2",
     40, 66},
    /* 18. count shows the waiting term alone: 2026-11-25 to 2026-12-01 is
     * 6 days, 0 full weeks: B-M1 40. */
    {", \"waiting_since\": \"2026-11-25\"",
     "\"objective\": {\"prefer\": \"count\"}", "2026-12-01", "count", "M2",
     40, 40},
    /* 19. 2026-11-24 is 7 days, 1 week: B-M1 40 + 0.5 = 40.5. */
    {", \"waiting_since\": \"2026-11-24\"",
     "\"objective\": {\"prefer\": \"count\"}", "2026-12-01", "count", "M2",
     40, 40.5},
    /* 20. Referred on the as-of date itself: no error, 0 weeks. */
    {", \"waiting_since\": \"2026-12-01\"",
     "\"objective\": {\"prefer\": \"count\"}", "2026-12-01", "count", "M2",
     40, 40},
    /* 21. waiting_bonus 0: years of waiting add nothing. */
    {", \"waiting_since\": \"2024-06-15\"",
     "\"objective\": {\"prefer\": \"count\", \"waiting_bonus\": 0}",
     "2026-12-01", "count", "M2", 40, 40},
    /* 22. Every term at once, B at priority 2, naming M1, waiting since
     * 2026-11-10 (21 days, 3 weeks); choice 10, priority 4, match 1.5,
     * waiting 0.25:
     *   A-M1 100 + 1.5 = 101.5; A-M2 40 + 1.5 = 41.5;
     *   B-M1 40 + 10 + 0.25 x 3 + 4 x 2 + 1.5 = 40 + 10 + 0.75 + 8 + 1.5
     *        = 60.25; 41.5 + 60.25 = 101.75 > 101.5. */
    {", \"priority\": 2, \"preferred_mentors\": [\"M1\"],"
     " \"waiting_since\": \"2026-11-10\"",
     "\"objective\": {\"choice_bonus\": 10, \"priority_bonus\": 4,"
     " \"match_bonus\": 1.5, \"waiting_bonus\": 0.25}",
     "2026-12-01", "quality", "M2", 41.5, 60.25},
    /* 23. The same with waiting_bonus 0.1: 0.1 x 3 = 0.3, B-M1 59.8;
     * 41.5 + 59.8 = 101.3 < 101.5: A-M1 alone. */
    {", \"priority\": 2, \"preferred_mentors\": [\"M1\"],"
     " \"waiting_since\": \"2026-11-10\"",
     "\"objective\": {\"choice_bonus\": 10, \"priority_bonus\": 4,"
     " \"match_bonus\": 1.5, \"waiting_bonus\": 0.1}",
     "2026-12-01", "quality", "M1", 101.5, -1},
    /* 24. An "objective" of null reads as absent: the defaults, as case 0. */
    {"", "\"objective\": null", "2026-12-01", "quality", "M1", 100, -1},
};

static void test_objective_from_json(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  for (guint k = 0; k < G_N_ELEMENTS(OBJECTIVE_CASES); k++) {
    const ObjectiveCase *c = &OBJECTIVE_CASES[k];
    g_autofree char *request =
        objective_request("match", c->b_extra, c->config, c->as_of);
    JsonObject *answer = ask_for(parser, request, "matches");
    guint failures = CU_get_number_of_failures();
    JsonObject *summary = json_object_get_object_member(answer, "summary");
    CU_ASSERT_STRING_EQUAL(text_member(summary, "prefer"), c->prefer);
    CU_ASSERT_STRING_EQUAL(text_member(summary, "as_of"), c->as_of);
    JsonObject *a = row_at(answer, "matches", 0);
    gboolean a_on_m1 = strcmp(c->a_mentor, "M1") == 0;
    assert_row(a, "A", c->a_mentor, a_on_m1 ? 100.0 : 40.0, "matched");
    assert_value(a, c->a_value);
    JsonObject *b = row_at(answer, "matches", 1);
    if (c->b_value < 0) {
      assert_row(b, "B", NULL, 0, "unmatched");
      CU_ASSERT_EQUAL(json_object_get_int_member(summary, "matched"), 1);
    } else {
      assert_row(b, "B", "M1", 40.0, "matched");
      assert_value(b, c->b_value);
      CU_ASSERT_EQUAL(json_object_get_int_member(summary, "matched"), 2);
    }
    CU_ASSERT_EQUAL(json_object_get_int_member(summary, "named_moves"), 0);
    if (CU_get_number_of_failures() != failures)
      fprintf(stderr, "\nobjective case %u failed\n", k);
  }
}

/* The same pool through the C API, the config set with the setters: the
 * same assignment and values as the JSON answers above (cases 3, 7, 11, 16
 * and 22). */
static void test_objective_setters_same_as_json(void) {
  static const struct {
    guint json_case;
    const char *b_columns; /* B's extra CSV columns: header, then values */
    const char *b_values;
    MmPrefer prefer;
    double bonus[MM_N_BONUSES]; /* choice, priority, match, waiting */
  } cases[] = {
      {3, "", "", MM_PREFER_QUALITY, {100, 10, 25, 0.5}},
      {7, ",priority", ",3", MM_PREFER_QUALITY, {100, 3, 0, 0.5}},
      {11, ",preferred_mentors", ",M1", MM_PREFER_QUALITY, {25, 10, 0, 0.5}},
      {16, ",waiting_since", ",2026-09-01", MM_PREFER_QUALITY, {100, 10, 0, 5}},
      {22, ",priority,preferred_mentors,waiting_since", ",2,M1,2026-11-10",
       MM_PREFER_QUALITY, {10, 4, 1.5, 0.25}},
  };
  for (guint k = 0; k < G_N_ELEMENTS(cases); k++) {
    const ObjectiveCase *c = &OBJECTIVE_CASES[cases[k].json_case];
    /* A leaves B's extra columns empty: one comma each. */
    g_autoptr(GString) padding = g_string_new(NULL);
    for (const char *p = cases[k].b_columns; *p != '\0'; p++)
      if (*p == ',')
        g_string_append_c(padding, ',');
    const char *a_padding = padding->str;
    g_autofree char *mentees = g_strdup_printf(
        "id,age,interests,excluded_mentors%s\n"
        "A,15,a;b;c,%s\n"
        "B,16,x,M2%s\n",
        cases[k].b_columns, a_padding, cases[k].b_values);
    const char *mentors = "id,age,interests,checks_cleared,training_hours\n"
                          "M1,30,a;b;c,yes,3\n"
                          "M2,30,z,yes,3\n";
    g_autoptr(MmPool) pool = mm_pool_new();
    g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
    CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, mentees,
                                         strlen(mentees), "mentees.csv", diags,
                                         NULL));
    CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, mentors,
                                         strlen(mentors), "mentors.csv", diags,
                                         NULL));
    CU_ASSERT_TRUE(mm_pool_set_as_of(pool, c->as_of, NULL));
    CU_ASSERT_TRUE_FATAL(mm_pool_prepare(pool, diags, NULL));
    CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
    mm_test_dump_diags(diags);
    g_autoptr(MmConfig) config = mm_config_new();
    mm_config_set_prefer(config, cases[k].prefer);
    for (guint b = 0; b < MM_N_BONUSES; b++)
      CU_ASSERT_TRUE(
          mm_config_set_bonus(config, (MmBonus)b, cases[k].bonus[b], NULL));
    g_autoptr(MmMatching) matching = mm_match(pool, config, NULL, NULL);
    CU_ASSERT_EQUAL(mm_matching_mentor(matching, 0),
                    strcmp(c->a_mentor, "M1") == 0 ? 0 : 1);
    MM_ASSERT_CLOSE(mm_matching_value(matching, 0), c->a_value);
    if (c->b_value < 0) {
      CU_ASSERT_EQUAL(mm_matching_mentor(matching, 1), -1);
      MM_ASSERT_CLOSE(mm_matching_value(matching, 1), 0.0);
    } else {
      CU_ASSERT_EQUAL(mm_matching_mentor(matching, 1), 0);
      MM_ASSERT_CLOSE(mm_matching_value(matching, 1), c->b_value);
    }
  }
}

/* Objective values of the wrong JSON type, or out of range, or unknown
 * keys: each a problem at config / objective.KEY (no line: JSON has none),
 * and the request is answered with an error. */
static void test_objective_json_errors(void) {
  static const struct {
    const char *config;
    const char *column;
    const char *problem; /* the message holds it */
  } cases[] = {
      {"\"objective\": {\"choice_bonus\": -1}", "objective.choice_bonus",
       BONUS_RANGE},
      {"\"objective\": {\"priority_bonus\": 1000.5}", "objective.priority_bonus",
       BONUS_RANGE},
      {"\"objective\": {\"match_bonus\": -1e400}", "objective.match_bonus",
       BONUS_RANGE},
      {"\"objective\": {\"waiting_bonus\": 1e400}", "objective.waiting_bonus",
       BONUS_RANGE},
      {"\"objective\": {\"waiting_bonus\": -0.001}", "objective.waiting_bonus",
       BONUS_RANGE},
      /* Numbers must be JSON numbers, prefer a JSON string. */
      {"\"objective\": {\"choice_bonus\": \"10\"}", "objective.choice_bonus",
       "must be a number"},
      {"\"objective\": {\"choice_bonus\": \"NaN\"}", "objective.choice_bonus",
       "must be a number"},
      {"\"objective\": {\"match_bonus\": true}", "objective.match_bonus",
       "must be a number"},
      {"\"objective\": {\"priority_bonus\": [1]}", "objective.priority_bonus",
       "must be a number"},
      {"\"objective\": {\"waiting_bonus\": {}}", "objective.waiting_bonus",
       "must be a number"},
      {"\"objective\": {\"prefer\": \"best\"}", "objective.prefer",
       "must be quality or count"},
      {"\"objective\": {\"prefer\": \"\"}", "objective.prefer",
       "must be quality or count"},
      {"\"objective\": {\"prefer\": 1}", "objective.prefer", "must be text"},
      {"\"objective\": {\"prefer\": true}", "objective.prefer", "must be text"},
      {"\"objective\": {\"prefer\": [\"count\"]}", "objective.prefer",
       "must be text"},
      /* Unknown keys: the same words as an INI file's. */
      {"\"objective\": {\"choice\": 100}", "objective.choice", OBJECTIVE_HAVE},
      {"\"objective\": {\"min_score\": 50}", "objective.min_score",
       OBJECTIVE_HAVE},
      {"\"objective\": {\"interests\": 1}", "objective.interests",
       OBJECTIVE_HAVE},
      {"\"rules\": {\"match_bonus\": 1}", "rules.match_bonus", RULES_HAVE},
      {"\"weights\": {\"choice_bonus\": 1}", "weights.choice_bonus",
       WEIGHTS_HAVE},
      /* The group itself. */
      {"\"objective\": 5", "objective", "must be an object"},
      {"\"objective\": [\"prefer\"]", "objective", "must be an object"},
      {"\"objectives\": {}", "objectives", "unknown"},
  };
  g_autoptr(JsonParser) parser = json_parser_new();
  for (guint k = 0; k < G_N_ELEMENTS(cases); k++) {
    g_autofree char *request =
        objective_request("match", "", cases[k].config, "2026-12-01");
    JsonObject *answer = ask_for(parser, request, "error");
    JsonArray *problems = error_problems(answer);
    gboolean found =
        has_problem(problems, "config", cases[k].column, cases[k].problem);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_EQUAL(json_array_get_length(problems), 1);
    if (!found || json_array_get_length(problems) != 1)
      fprintf(stderr, "\nobjective error case %u: %s\n", k,
              error_message(answer));
    /* The message quotes the one problem, with where it is. */
    g_autofree char *start = g_strdup_printf(
        "the request has 1 error: config: column %s: ", cases[k].column);
    CU_ASSERT_TRUE(g_str_has_prefix(error_message(answer), start));
  }

  /* Every problem at once, valid keys beside them applied to nothing. */
  g_autofree char *many = objective_request(
      "validate", "",
      "\"objective\": {\"prefer\": \"most\", \"choice_bonus\": 50,"
      " \"priority_bonus\": -1, \"match_bonus\": \"0\", \"waiting_bonus\": 0.5,"
      " \"extra\": 1}, \"weights\": {\"choice\": 4}",
      "2026-12-01");
  JsonObject *answer = ask_for(parser, many, "valid");
  CU_ASSERT_FALSE(json_object_get_boolean_member(answer, "valid"));
  JsonArray *errors = json_object_get_array_member(answer, "errors");
  CU_ASSERT_TRUE(has_problem(errors, "config", "objective.prefer",
                             "must be quality or count"));
  CU_ASSERT_TRUE(
      has_problem(errors, "config", "objective.priority_bonus", BONUS_RANGE));
  CU_ASSERT_TRUE(has_problem(errors, "config", "objective.match_bonus",
                             "must be a number"));
  CU_ASSERT_TRUE(
      has_problem(errors, "config", "objective.extra", OBJECTIVE_HAVE));
  CU_ASSERT_TRUE(has_problem(errors, "config", "weights.choice",
                             "the choice weight is gone"));
  CU_ASSERT_EQUAL(json_array_get_length(errors), 5);
}

/* Version 1's choice weight in a JSON config: the same message as in an
 * INI file, which names [objective] choice_bonus. */
static void test_choice_weight_is_gone_json(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  g_autofree char *request = small_request(
      "match", ", \"config\": {\"weights\": {\"age\": 2, \"choice\": 4}}");
  JsonObject *answer = ask_for(parser, request, "error");
  JsonArray *problems = error_problems(answer);
  CU_ASSERT_EQUAL_FATAL(json_array_get_length(problems), 1);
  JsonObject *p = json_array_get_object_element(problems, 0);
  CU_ASSERT_STRING_EQUAL(text_member(p, "source"), "config");
  CU_ASSERT_TRUE(member_is_null(p, "line"));
  CU_ASSERT_STRING_EQUAL(text_member(p, "column"), "weights.choice");
  const char *json_message = text_member(p, "message");
  CU_ASSERT_PTR_NOT_NULL(strstr(json_message, "the choice weight is gone"));
  CU_ASSERT_PTR_NOT_NULL(strstr(json_message, "[objective] choice_bonus"));

  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(mm_config_load_data(config, "[weights]\nchoice = 4\n", -1,
                                      "cfg.ini", diags, NULL));
  CU_ASSERT_EQUAL_FATAL(mm_diagnostics_length(diags), 1);
  CU_ASSERT_STRING_EQUAL(json_message, mm_diagnostics_get(diags, 0)->message);
}

/* ---- One key table for INI files and JSON requests ----
 *
 * The value pool: P (15) names M (30), has priority 1 and has waited since
 * 2026-11-24, one week before the as-of date 2026-12-01. P gives no
 * interests, languages, location or wishes, so age alone applies (gap 15,
 * value 1): score 100. P-M's value is
 *   100 + choice_bonus x 0.75^0 + waiting_bonus x 1
 *       + (quality only) priority_bonus x 1 + match_bonus,
 * each term to hundredths, half away from zero; with the defaults
 * 100 + 100 + 0.5 + 10 + 0 = 210.5. The same key and value, written in an
 * INI file and in a JSON request, must be accepted or refused alike, and
 * when accepted give the same value. */
#define VALUE_AS_OF "2026-12-01"
#define VALUE_MENTEES_CSV                                                      \
  "id,age,preferred_mentors,priority,waiting_since\n"                          \
  "P,15,M,1,2026-11-24\n"
#define VALUE_MENTORS_CSV                                                      \
  "id,age,checks_cleared,training_hours\n"                                     \
  "M,30,yes,3\n"
#define VALUE_MENTEES_JSON                                                     \
  "[{\"id\": \"P\", \"age\": 15, \"preferred_mentors\": [\"M\"],"              \
  " \"priority\": 1, \"waiting_since\": \"2026-11-24\"}]"
#define VALUE_MENTORS_JSON                                                     \
  "[{\"id\": \"M\", \"age\": 30, \"checks_cleared\": true,"                    \
  " \"training_hours\": 3}]"

typedef enum { ACCEPTED, REFUSED, ALIKE } Outcome;

typedef struct {
  const char *group;
  const char *key;
  const char *ini;  /* the value as an INI file writes it */
  const char *json; /* the value as a JSON request writes it */
  Outcome outcome;  /* ALIKE: either, but the same both ways */
  double value;     /* ACCEPTED: P-M's value; 0 when P is unmatched */
  const char *problem; /* REFUSED: both messages hold it */
} KeyCase;

static const KeyCase KEY_CASES[] = {
    {"objective", "prefer", "quality", "\"quality\"", ACCEPTED, 210.5, NULL},
    /* count: 100 + 100 + 0.5, no priority or match term. */
    {"objective", "prefer", "count", "\"count\"", ACCEPTED, 200.5, NULL},
    {"objective", "prefer", "best", "\"best\"", REFUSED, 0,
     "must be quality or count"},
    {"objective", "prefer", "", "\"\"", REFUSED, 0, "must be quality or count"},
    {"objective", "prefer", "Count", "\"Count\"", ALIKE, 0, NULL},
    {"objective", "prefer", "QUALITY", "\"QUALITY\"", ALIKE, 0, NULL},
    /* 100 + 0 + 0.5 + 10 = 110.5 */
    {"objective", "choice_bonus", "0", "0", ACCEPTED, 110.5, NULL},
    /* 100 + 1000 + 0.5 + 10 */
    {"objective", "choice_bonus", "1000", "1000", ACCEPTED, 1110.5, NULL},
    /* 100 + 250 + 0.5 + 10 */
    {"objective", "choice_bonus", "2.5e2", "2.5e2", ACCEPTED, 360.5, NULL},
    /* 0.125 to hundredths, half away from zero, is 0.13:
     * 100 + 0.13 + 0.5 + 10 = 110.63 */
    {"objective", "choice_bonus", "0.125", "0.125", ACCEPTED, 110.63, NULL},
    {"objective", "choice_bonus", "-1", "-1", REFUSED, 0, BONUS_RANGE},
    {"objective", "choice_bonus", "1000.5", "1000.5", REFUSED, 0, BONUS_RANGE},
    {"objective", "choice_bonus", "1e400", "1e400", REFUSED, 0, BONUS_RANGE},
    {"objective", "choice_bonus", "ten", "\"ten\"", REFUSED, 0,
     "must be a number"},
    /* 100 + 100 + 0.5 + 0 */
    {"objective", "priority_bonus", "0", "0", ACCEPTED, 200.5, NULL},
    /* 100 + 100 + 0.5 + 1000 x 1 */
    {"objective", "priority_bonus", "1000", "1000", ACCEPTED, 1200.5, NULL},
    {"objective", "priority_bonus", "-0.5", "-0.5", REFUSED, 0, BONUS_RANGE},
    /* 210.5 + 1000 */
    {"objective", "match_bonus", "1000", "1000", ACCEPTED, 1210.5, NULL},
    /* 0.005 to hundredths is 0.01: 210.51 */
    {"objective", "match_bonus", "0.005", "0.005", ACCEPTED, 210.51, NULL},
    {"objective", "match_bonus", "1001", "1001", REFUSED, 0, BONUS_RANGE},
    /* 100 + 100 + 0 + 10 */
    {"objective", "waiting_bonus", "0", "0", ACCEPTED, 210.0, NULL},
    /* 100 + 100 + 2.25 x 1 + 10 */
    {"objective", "waiting_bonus", "2.25", "2.25", ACCEPTED, 212.25, NULL},
    /* 100 + 100 + 1000 x 1 + 10 */
    {"objective", "waiting_bonus", "1e3", "1e3", ACCEPTED, 1210.0, NULL},
    {"objective", "waiting_bonus", "-0.01", "-0.01", REFUSED, 0, BONUS_RANGE},
    {"objective", "waiting", "1", "1", REFUSED, 0, OBJECTIVE_HAVE},
    /* Rules through the same table. P-M scores 100, not below 100. */
    {"rules", "min_score", "100", "100", ACCEPTED, 210.5, NULL},
    {"rules", "min_score", "100.5", "100.5", REFUSED, 0,
     "must be from 0 to 100"},
    /* M has 3 hours of training: below 3.5, so P is unmatched. */
    {"rules", "min_training_hours", "3.5", "3.5", ACCEPTED, 0, NULL},
    /* The gap is 15 years: 15 passes, 16 does not. */
    {"rules", "min_age_gap", "15", "15", ACCEPTED, 210.5, NULL},
    {"rules", "min_age_gap", "16", "16", ACCEPTED, 0, NULL},
    {"rules", "min_age_gap", "2.5", "2.5", REFUSED, 0,
     "must be a whole number"},
    {"rules", "min_age_gap", "51", "51", REFUSED, 0, "from 0 to 50"},
    {"weights", "interests", "-1", "-1", REFUSED, 0, "must not be negative"},
    {"weights", "choice", "4", "4", REFUSED, 0, "the choice weight is gone"},
};

/* P-M's value with @group.@key = @text in an INI file; FALSE with the
 * problem (at line 2, column GROUP.KEY) when the file is refused. */
static gboolean ini_value(const KeyCase *c, double *value, char **problem) {
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  g_autofree char *ini =
      g_strdup_printf("[%s]\n%s = %s\n", c->group, c->key, c->ini);
  g_autofree char *column = g_strdup_printf("%s.%s", c->group, c->key);
  if (!mm_config_load_data(config, ini, -1, "cfg.ini", diags, NULL)) {
    CU_ASSERT_EQUAL_FATAL(mm_diagnostics_length(diags), 1);
    const MmDiagnostic *d = mm_diagnostics_get(diags, 0);
    CU_ASSERT_EQUAL(d->line, 2);
    CU_ASSERT_STRING_EQUAL(d->column, column);
    *problem = g_strdup(d->message);
    return FALSE;
  }
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 0);
  g_autoptr(MmPool) pool = mm_pool_new();
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, VALUE_MENTEES_CSV,
                                       strlen(VALUE_MENTEES_CSV), "mentees.csv",
                                       diags, NULL));
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, VALUE_MENTORS_CSV,
                                       strlen(VALUE_MENTORS_CSV), "mentors.csv",
                                       diags, NULL));
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, VALUE_AS_OF, NULL));
  CU_ASSERT_TRUE_FATAL(mm_pool_prepare(pool, diags, NULL));
  g_autoptr(MmMatching) matching = mm_match(pool, config, NULL, NULL);
  *value = mm_matching_mentor(matching, 0) < 0
               ? 0.0
               : mm_matching_value(matching, 0);
  return TRUE;
}

/* The same through mm_json(): FALSE with the problem at config /
 * GROUP.KEY when the request is refused. */
static gboolean json_value(const KeyCase *c, double *value, char **problem) {
  g_autofree char *request = g_strdup_printf(
      "{\"command\": \"match\", \"explain\": true, \"as_of\": \"" VALUE_AS_OF
      "\", \"mentees\": " VALUE_MENTEES_JSON
      ", \"mentors\": " VALUE_MENTORS_JSON ", \"config\": {\"%s\": {\"%s\": %s}}}",
      c->group, c->key, c->json);
  g_autofree char *column = g_strdup_printf("%s.%s", c->group, c->key);
  g_autoptr(JsonParser) parser = json_parser_new();
  char *text = mm_json(request);
  JsonObject *answer = parse_answer(parser, text);
  mm_json_free(text);
  if (json_object_has_member(answer, "error")) {
    JsonArray *problems = error_problems(answer);
    CU_ASSERT_EQUAL_FATAL(json_array_get_length(problems), 1);
    JsonObject *p = json_array_get_object_element(problems, 0);
    CU_ASSERT_STRING_EQUAL(text_member(p, "source"), "config");
    CU_ASSERT_TRUE(member_is_null(p, "line"));
    CU_ASSERT_STRING_EQUAL(text_member(p, "column"), column);
    *problem = g_strdup(text_member(p, "message"));
    return FALSE;
  }
  CU_ASSERT_TRUE_FATAL(json_object_has_member(answer, "matches"));
  JsonObject *row = row_at(answer, "matches", 0);
  *value = 0.0;
  if (strcmp(text_member(row, "status"), "matched") == 0)
    *value = json_object_get_double_member(row, "value");
  return TRUE;
}

static void test_ini_and_json_take_the_same_values(void) {
  for (guint k = 0; k < G_N_ELEMENTS(KEY_CASES); k++) {
    const KeyCase *c = &KEY_CASES[k];
    guint failures = CU_get_number_of_failures();
    double ini = -1, json = -1;
    g_autofree char *ini_problem = NULL;
    g_autofree char *json_problem = NULL;
    gboolean ini_ok = ini_value(c, &ini, &ini_problem);
    gboolean json_ok = json_value(c, &json, &json_problem);
    CU_ASSERT_EQUAL(ini_ok, json_ok);
    switch (c->outcome) {
    case ACCEPTED:
      CU_ASSERT_TRUE(ini_ok);
      CU_ASSERT_TRUE(json_ok);
      MM_ASSERT_CLOSE(ini, c->value);
      MM_ASSERT_CLOSE(json, c->value);
      break;
    case REFUSED:
      CU_ASSERT_FALSE(ini_ok);
      CU_ASSERT_FALSE(json_ok);
      CU_ASSERT_TRUE(ini_problem != NULL && strstr(ini_problem, c->problem));
      CU_ASSERT_TRUE(json_problem != NULL &&
                     strstr(json_problem, c->problem));
      break;
    case ALIKE:
    default:
      if (ini_ok && json_ok)
        MM_ASSERT_CLOSE(ini, json);
      break;
    }
    if (CU_get_number_of_failures() != failures)
      fprintf(stderr,
              "\n[%s] %s = %s / %s: INI %s %.17g \"%s\", JSON %s %.17g "
              "\"%s\"\n",
              c->group, c->key, c->ini, c->json, ini_ok ? "ok" : "refused",
              ini, ini_problem ? ini_problem : "", json_ok ? "ok" : "refused",
              json, json_problem ? json_problem : "");
  }
}

/* A problem with a config value shows the value, in a JSON request as in
 * an INI file (version 1's JSON answers did: "min_score must be from 0 to
 * 100 (got 500)"), so that a caller can tell which of its values is
 * wrong. */
static void test_config_problems_show_the_value(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  g_autofree char *request = small_request(
      "validate", ", \"config\": {\"weights\": {\"interests\": -1},"
                  " \"rules\": {\"min_score\": 500},"
                  " \"objective\": {\"choice_bonus\": 1000.5}}");
  JsonObject *answer = ask_for(parser, request, "valid");
  JsonArray *errors = json_object_get_array_member(answer, "errors");
  CU_ASSERT_EQUAL(json_array_get_length(errors), 3);
  CU_ASSERT_TRUE(has_problem(errors, "config", "weights.interests", "-1"));
  CU_ASSERT_TRUE(has_problem(errors, "config", "rules.min_score", "500"));
  CU_ASSERT_TRUE(
      has_problem(errors, "config", "objective.choice_bonus", "1000.5"));
}

/* ---- The as-of date (version 2) ---- */

static void test_as_of(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  /* Echoed in the summary, whatever the command answers. */
  g_autofree char *leap = small_request("match", ", \"as_of\": \"2024-02-29\"");
  JsonObject *answer = ask_for(parser, leap, "matches");
  CU_ASSERT_STRING_EQUAL(
      text_member(json_object_get_object_member(answer, "summary"), "as_of"),
      "2024-02-29");

  /* Absent or null: today, in local time. */
  static const char *const todays[] = {"", ", \"as_of\": null"};
  for (guint k = 0; k < G_N_ELEMENTS(todays); k++) {
    g_autoptr(GDateTime) before = g_date_time_new_now_local();
    g_autofree char *request = small_request("match", todays[k]);
    answer = ask_for(parser, request, "matches");
    g_autoptr(GDateTime) after = g_date_time_new_now_local();
    g_autofree char *day_before = g_date_time_format(before, "%Y-%m-%d");
    g_autofree char *day_after = g_date_time_format(after, "%Y-%m-%d");
    const char *as_of =
        text_member(json_object_get_object_member(answer, "summary"), "as_of");
    CU_ASSERT_TRUE(strcmp(as_of, day_before) == 0 ||
                   strcmp(as_of, day_after) == 0);
  }

  /* Anything but a real day written YYYY-MM-DD: an error answer about
   * as_of, before any data is read (no problems list). */
  static const char *const bad[] = {
      "\"2026-13-01\"", "\"2026-02-29\"", "\"2026-11-31\"", "\"2026-00-10\"",
      "\"2026-1-01\"",  "\"2026-01-1\"",  "\"01-12-2026\"", "\"2026/12/01\"",
      "\"20261201\"",   "\" 2026-12-01\"", "\"2026-12-01 \"",
      "\"2026-12-01T00:00\"", "\"\"", "\"today\"", "\"0000-01-01\"",
      "\"+2026-12-01\"", "20261201", "2026", "true", "[\"2026-12-01\"]",
      "{\"date\": \"2026-12-01\"}"};
  for (guint k = 0; k < G_N_ELEMENTS(bad); k++) {
    g_autofree char *extra = g_strdup_printf(", \"as_of\": %s", bad[k]);
    static const char *const commands[] = {"match", "recommend", "validate"};
    for (guint c = 0; c < G_N_ELEMENTS(commands); c++) {
      g_autofree char *request = small_request(commands[c], extra);
      answer = ask_for(parser, request, "error");
      const char *message = error_message(answer);
      gboolean about_as_of = strstr(message, "as_of") != NULL &&
                             strstr(message, "YYYY-MM-DD") != NULL;
      CU_ASSERT_TRUE(about_as_of);
      if (!about_as_of)
        fprintf(stderr, "\nas_of %s: %s\n", bad[k], message);
      CU_ASSERT_FALSE(json_object_has_member(
          json_object_get_object_member(answer, "error"), "problems"));
    }
  }
}

/* A young person referred after the as-of date: an error at their place in
 * the request, column waiting_since, naming both dates; the same date is
 * fine. */
static void test_waiting_since_after_as_of(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  static const char *const commands[] = {"match", "recommend"};
  for (guint c = 0; c < G_N_ELEMENTS(commands); c++) {
    g_autofree char *request = objective_request(
        commands[c], ", \"waiting_since\": \"2026-12-02\"", "", "2026-12-01");
    JsonObject *answer = ask_for(parser, request, "error");
    CU_ASSERT_STRING_EQUAL(error_message(answer),
                           "the request has 1 error: mentees[1]: column "
                           "waiting_since: 2026-12-02 is after the as-of date "
                           "2026-12-01");
    JsonArray *problems = error_problems(answer);
    CU_ASSERT_EQUAL(json_array_get_length(problems), 1);
    CU_ASSERT_TRUE(has_problem(problems, "mentees[1]", "waiting_since",
                               "2026-12-02 is after the as-of date 2026-12-01"));
  }
  /* The same request as of a later date is fine. */
  g_autofree char *later = objective_request(
      "match", ", \"waiting_since\": \"2026-12-02\"", "", "2026-12-02");
  ask_for(parser, later, "matches");

  /* Every such young person is reported, by validate too, and a malformed
   * date is its own error. */
  const char *request =
      "{\"command\": \"validate\", \"as_of\": \"2026-06-30\","
      " \"mentees\": [{\"id\": \"A\", \"age\": 15,"
      " \"waiting_since\": \"2026-07-01\"}, {\"id\": \"B\", \"age\": 15,"
      " \"waiting_since\": \"2026-06-30\"}, {\"id\": \"C\", \"age\": 15,"
      " \"waiting_since\": \"2027-01-01\"}, {\"id\": \"D\", \"age\": 15,"
      " \"waiting_since\": \"2026-6-1\"}],"
      " \"mentors\": " SMALL_MENTORS "}";
  JsonObject *answer = ask_for(parser, request, "valid");
  CU_ASSERT_FALSE(json_object_get_boolean_member(answer, "valid"));
  JsonArray *errors = json_object_get_array_member(answer, "errors");
  CU_ASSERT_TRUE(has_problem(errors, "mentees[0]", "waiting_since",
                             "2026-07-01 is after the as-of date 2026-06-30"));
  CU_ASSERT_TRUE(has_problem(errors, "mentees[2]", "waiting_since",
                             "2027-01-01 is after the as-of date 2026-06-30"));
  CU_ASSERT_TRUE(has_problem(errors, "mentees[3]", "waiting_since",
                             "is not a date written YYYY-MM-DD"));
  CU_ASSERT_FALSE(has_problem(errors, "mentees[1]", "waiting_since", NULL));
  CU_ASSERT_EQUAL(json_array_get_length(errors), 3);
}

/* The request members the contract (docs/) lists are all known, and the message for an
 * unknown one lists them all, as_of included. */
static void test_unknown_member_lists_as_of(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  g_autofree char *request = small_request("match", ", \"asof\": \"2026-12-01\"");
  JsonObject *answer = ask_for(parser, request, "error");
  const char *message = error_message(answer);
  CU_ASSERT_PTR_NOT_NULL(strstr(message, "asof"));
  static const char *const members[] = {"command", "mentees", "mentors",
                                        "config",  "mode",    "pinned",
                                        "as_of",   "top",     "explain"};
  for (guint k = 0; k < G_N_ELEMENTS(members); k++) {
    gboolean listed = strstr(message, members[k]) != NULL;
    CU_ASSERT_TRUE(listed);
    if (!listed)
      fprintf(stderr, "\n%s not listed in: %s\n", members[k], message);
  }
}

/* the contract (docs/) "The library": every answer carries the warnings. B names M9,
 * who is not in the mentor file: a warning at mentees[1], column
 * preferred_mentors. */
static void test_answers_carry_warnings(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  static const struct {
    const char *command;
    const char *member;
  } commands[] = {{"match", "matches"},
                  {"recommend", "recommendations"},
                  {"validate", "valid"}};
  for (guint k = 0; k < G_N_ELEMENTS(commands); k++) {
    g_autofree char *request = objective_request(
        commands[k].command, ", \"preferred_mentors\": [\"M9\", \"M1\"]", "",
        "2026-12-01");
    JsonObject *answer = ask_for(parser, request, commands[k].member);
    gboolean has = json_object_has_member(answer, "warnings");
    CU_ASSERT_TRUE(has);
    if (!has) {
      fprintf(stderr, "\nno warnings in the %s answer\n", commands[k].command);
      continue;
    }
    JsonArray *warnings = json_object_get_array_member(answer, "warnings");
    CU_ASSERT_TRUE(
        has_problem(warnings, "mentees[1]", "preferred_mentors", "'M9'"));
  }
}

/* the contract (docs/) "The library": the command is match, recommend, validate, report
 * or plan. */
static void test_report_and_plan_commands(void) {
  g_autoptr(JsonParser) parser = json_parser_new();
  static const char *const commands[] = {"report", "plan"};
  for (guint k = 0; k < G_N_ELEMENTS(commands); k++) {
    g_autofree char *request = small_request(commands[k], "");
    char *text = mm_json(request);
    JsonObject *answer = parse_answer(parser, text);
    gboolean answered = !json_object_has_member(answer, "error");
    CU_ASSERT_TRUE(answered);
    if (!answered)
      fprintf(stderr, "\n%s: %s", commands[k], text);
    mm_json_free(text);
  }
}

/* ---- Robustness ---- */

typedef struct {
  guint count;
} LogCount;

static void count_log(const gchar *domain, GLogLevelFlags level,
                      const gchar *message, gpointer data) {
  (void)domain;
  (void)level;
  (void)message;
  ((LogCount *)data)->count++;
}

static const char MUTATION_BYTES[] = "{}[]\",:\\0123456789.-eEtrufalsn \x01\xc3";

/* One to four random edits (replace, delete, insert) of @text. */
static char *mutate(GRand *rng, const char *text) {
  GString *out = g_string_new(text);
  guint edits = (guint)g_rand_int_range(rng, 1, 5);
  for (guint e = 0; e < edits && out->len > 0; e++) {
    guint at = (guint)g_rand_int_range(rng, 0, (gint32)out->len);
    char byte = g_rand_boolean(rng)
                    ? MUTATION_BYTES[g_rand_int_range(
                          rng, 0, (gint32)sizeof MUTATION_BYTES - 1)]
                    : (char)g_rand_int_range(rng, 1, 256);
    switch (g_rand_int_range(rng, 0, 3)) {
    case 0:
      out->str[at] = byte;
      break;
    case 1:
      g_string_erase(out, at, 1);
      break;
    default:
      g_string_insert_c(out, at, byte);
    }
  }
  return g_string_free(out, FALSE);
}

/* Each damaged request is answered with valid JSON: an answer or an error,
 * and nothing is logged. */
static void test_random_damage(void) {
  LogCount logged = {0};
  guint handler = g_log_set_handler(
      NULL, G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
      count_log, &logged);
  guint json_handler = g_log_set_handler(
      "Json", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
      count_log, &logged);
  guint mm_handler = g_log_set_handler(
      "mentormatch", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
      count_log, &logged);
  g_autofree char *valid = small_request(
      "match", ", \"mode\": \"stable\", \"explain\": true, \"top\": 2,"
               " \"pinned\": [{\"mentee_id\": \"A\", \"mentor_id\": \"M1\"}],"
               " \"as_of\": \"2026-12-01\","
               " \"config\": {\"weights\": {\"age\": 1.5},"
               " \"rules\": {\"min_score\": 10},"
               " \"objective\": {\"prefer\": \"count\", \"choice_bonus\": 50,"
               " \"waiting_bonus\": 1}}");
  const char *commands[] = {"match", "recommend", "validate"};
  GRand *rng = g_rand_new_with_seed(20261123);
  guint answers = 0, errors = 0, failures = 0;
  for (guint k = 0; k < 3000; k++) {
    g_autofree char *base = g_strdup(valid);
    g_autofree char *command = NULL;
    if (k % 3 != 0) { /* exercise every command's path */
      command = g_strdup_printf("\"%s\"", commands[k % 3]);
      GString *s = g_string_new(base);
      g_string_replace(s, "\"match\"", command, 1);
      g_free(base);
      base = g_string_free(s, FALSE);
    }
    g_autofree char *request = mutate(rng, base);
    char *answer = mm_json(request);
    g_autoptr(JsonParser) parser = json_parser_new();
    gboolean ok = answer != NULL && g_utf8_validate(answer, -1, NULL) &&
                  json_parser_load_from_data(parser, answer, -1, NULL) &&
                  JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser));
    if (ok) {
      JsonObject *object = json_node_get_object(json_parser_get_root(parser));
      if (json_object_has_member(object, "error")) {
        JsonObject *error = json_object_get_object_member(object, "error");
        ok = error != NULL && json_object_get_string_member_with_default(
                                  error, "message", NULL) != NULL;
        errors++;
      } else {
        ok = json_object_has_member(object, "matches") ||
             json_object_has_member(object, "recommendations") ||
             json_object_has_member(object, "valid");
        answers++;
      }
    }
    if (!ok)
      failures++;
    mm_json_free(answer);
  }
  g_rand_free(rng);
  g_log_remove_handler(NULL, handler);
  g_log_remove_handler("Json", json_handler);
  g_log_remove_handler("mentormatch", mm_handler);
  CU_ASSERT_EQUAL(failures, 0);
  CU_ASSERT_EQUAL(logged.count, 0);
  /* The damage is mixed: some requests still work, many do not. */
  CU_ASSERT_TRUE(answers > 100);
  CU_ASSERT_TRUE(errors > 100);
}

/* Several threads asking at once get the single-threaded answer. */
static gpointer ask_repeatedly(gpointer data) {
  const char *request = data;
  char *first = mm_json(request);
  gboolean same = TRUE;
  for (guint k = 0; k < 20; k++) {
    char *again = mm_json(request);
    same &= strcmp(first, again) == 0;
    mm_json_free(again);
  }
  if (!same) {
    mm_json_free(first);
    return NULL;
  }
  return first;
}

static void test_concurrent_callers(void) {
  g_autofree char *request = small_request("match", ", \"explain\": true");
  g_autofree char *expected = mm_json(request);
  GThread *threads[4];
  for (guint t = 0; t < G_N_ELEMENTS(threads); t++)
    threads[t] = g_thread_new("mm-json", ask_repeatedly, request);
  for (guint t = 0; t < G_N_ELEMENTS(threads); t++) {
    char *answer = g_thread_join(threads[t]);
    CU_ASSERT_PTR_NOT_NULL(answer);
    if (answer != NULL)
      CU_ASSERT_STRING_EQUAL(answer, expected);
    mm_json_free(answer);
  }
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_match_optimal_by_hand),
      MM_TEST(test_match_greedy_by_hand),
      MM_TEST(test_match_explain),
      MM_TEST(test_match_pinned),
      MM_TEST(test_recommend_by_hand),
      MM_TEST(test_recommend_nobody_eligible),
      MM_TEST(test_validate),
      MM_TEST(test_typed_values_same_as_csv),
      MM_TEST(test_random_pools_same_as_csv_path),
      MM_TEST(test_same_as_cli),
      MM_TEST(test_request_shape_errors),
      MM_TEST(test_bad_person),
      MM_TEST(test_bad_config),
      MM_TEST(test_bad_pins_and_mentee),
      MM_TEST(test_objective_from_json),
      MM_TEST(test_objective_setters_same_as_json),
      MM_TEST(test_objective_json_errors),
      MM_TEST(test_choice_weight_is_gone_json),
      MM_TEST(test_ini_and_json_take_the_same_values),
      MM_TEST(test_config_problems_show_the_value),
      MM_TEST(test_as_of),
      MM_TEST(test_waiting_since_after_as_of),
      MM_TEST(test_unknown_member_lists_as_of),
      MM_TEST(test_answers_carry_warnings),
      MM_TEST(test_report_and_plan_commands),
      MM_TEST(test_random_damage),
      MM_TEST(test_concurrent_callers),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("json-api", tests);
}
