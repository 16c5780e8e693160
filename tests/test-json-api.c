/* test-json-api.c: the JSON entry point mm_json() (lib/json-api.c): answers
 * worked out by hand on a small pool, equality with the CSV path and the
 * CLI's --format json, every class of error, and random damage to a valid
 * request. */
#include "test-common.h"
#include "csv-reader.h"
#include "json-output.h"

#include <string.h>
#include <sys/wait.h>

/* ---- The small pool ----
 *
 * Only two criteria apply to any pair: interests (mentees list some; weight
 * 3) and age (always; weight 2). Every gap is 14-15 years, inside the adult
 * band 6-35, so age is 1. Interests are shared / 3:
 *   A-M1 shares a, b, c: (3 x 1 + 2 x 1) / 5 = 100
 *   A-M2 shares a:       (3 x 1/3 + 2 x 1) / 5 = 60
 *   B-M1 shares a:       60
 *   B-M2: excluded by B, never matched.
 * Capacity 1 each. Optimal matches both (A-M2, B-M1, total 120); greedy takes
 * A-M1 (100) first and leaves B without a mentor. */
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
 * = 20, age 100 x 2 x 1 / 5 = 40, every other criterion 0. */
static void test_match_explain(void) {
  g_autofree char *request = small_request("match", ", \"explain\": true");
  g_autoptr(JsonParser) parser = json_parser_new();
  JsonObject *answer = ask_for(parser, request, "matches");
  JsonObject *row = row_at(answer, "matches", 0);
  JsonObject *contributions =
      json_object_get_object_member(row, "contributions");
  CU_ASSERT_PTR_NOT_NULL_FATAL(contributions);
  CU_ASSERT_EQUAL(json_object_get_size(contributions), MM_N_CRITERIA);
  MM_ASSERT_CLOSE(json_object_get_double_member(contributions, "interests"),
                  20.0);
  MM_ASSERT_CLOSE(json_object_get_double_member(contributions, "age"), 40.0);
  MM_ASSERT_CLOSE(json_object_get_double_member(contributions, "choice"), 0.0);
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
  CU_ASSERT_TRUE(has_problem(errors, "config", "rules.min_score", "500"));
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
  CU_ASSERT_TRUE(mm_csv_read(csv, strlen(csv), add_csv_record, &state,
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
  char *text = mm_json_to_text(root, FALSE);
  json_node_unref(root);
  g_object_unref(builder);
  return text;
}

/* The CLI's text for a matching (cli_json_text: pretty, then a newline). */
static char *matching_text(const MmPool *pool, const MmConfig *config,
                           const MmMatching *matching, MmMode mode,
                           gboolean explain) {
  g_autoptr(JsonBuilder) builder = json_builder_new();
  mm_json_build_matching(builder, pool, config, matching, mode, explain);
  JsonNode *root = json_builder_get_root(builder);
  g_autofree char *text = mm_json_to_text(root, TRUE);
  json_node_unref(root);
  return g_strconcat(text, "\n", NULL);
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
  g_autofree char *request = small_request("match", ", \"explain\": true");
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
    MmMatchOptions options = mm_match_options_default();
    options.mode = mode;
    g_autoptr(MmMatching) matching = mm_match(pool, config, &options, NULL);

    JsonBuilder *builder = begin_request("match", mentees, mentors);
    json_builder_set_member_name(builder, "mode");
    json_builder_add_string_value(builder, mm_mode_name(mode));
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
    CU_ASSERT_STRING_EQUAL(answer, expected);
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
      "json", "--quiet", NULL});
  JsonBuilder *builder = begin_request("match", mentees, mentors);
  add_example_pins(builder);
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
      "--mentee", "YP003", "--top", "3", "--format", "json", NULL});
  builder = begin_request("recommend", mentees, mentors);
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
          " \"top\": null, \"explain\": null, \"mentee\": null}",
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
  CU_ASSERT_TRUE(has_problem(problems, "config", "weights.interests", "-1"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "weights.foo", "unknown"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "weights.age", "number"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "rules.min_score", "500"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "rules.min_age_gap", "whole"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "rules.require_checks",
                             "true or false"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "rules.speed", "unknown"));
  CU_ASSERT_TRUE(has_problem(problems, "config", "extra", "unknown"));
  CU_ASSERT_EQUAL(json_array_get_length(problems), 8);

  /* Every weight 0 is an error; all but one 0 is a valid config. */
  GString *zero = g_string_new(", \"config\": {\"weights\": {");
  for (guint c = 0; c < MM_N_CRITERIA; c++)
    g_string_append_printf(zero, "%s\"%s\": 0", c > 0 ? ", " : "",
                           mm_criterion_name((MmCriterion)c));
  g_string_append(zero, "}}");
  g_autofree char *all_zero = small_request("match", zero->str);
  CU_ASSERT_TRUE(has_problem(error_problems(ask_for(parser, all_zero, "error")), "config",
                             "weights.choice", "every weight"));
  /* Age alone (v = 1 for every pair): every score is 100. */
  g_string_replace(zero, "\"age\": 0", "\"age\": 0.5", 1);
  g_autofree char *age_only = small_request("match", zero->str);
  JsonObject *answer = ask_for(parser, age_only, "matches");
  JsonObject *summary = json_object_get_object_member(answer, "summary");
  CU_ASSERT_PTR_NOT_NULL_FATAL(summary);
  MM_ASSERT_CLOSE(json_object_get_double_member(summary, "mean_score"), 100.0);
  g_string_free(zero, TRUE);

  /* Rules are applied: min_score 70 leaves only A-M1 (100). */
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
               " \"config\": {\"weights\": {\"age\": 1.5},"
               " \"rules\": {\"min_score\": 10}}");
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
      MM_TEST(test_random_damage),
      MM_TEST(test_concurrent_callers),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("json-api", tests);
}
