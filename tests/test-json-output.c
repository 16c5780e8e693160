/* test-json-output.c: the JSON answers for match and recommend
 * (lib/api/json-output.c) and the serialiser's exact text. */
#include "test-common.h"
#include "json-output.h"

#include <math.h>
#include <string.h>

static char *to_text(JsonBuilder *builder, gboolean pretty) {
  JsonNode *root = json_builder_get_root(builder);
  char *text = mm_i_json_to_text(root, pretty);
  json_node_unref(root);
  return text;
}

/* Every kind of node, written compactly; the expected text by hand. */
static void test_text_compact(void) {
  g_autoptr(JsonBuilder) b = json_builder_new();
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "score");
  json_builder_add_double_value(b, 61.1); /* json-glib: 61.100000000000001 */
  json_builder_set_member_name(b, "small");
  json_builder_add_double_value(b, 0.07);
  json_builder_set_member_name(b, "whole");
  json_builder_add_double_value(b, 100.0); /* stays a real number */
  json_builder_set_member_name(b, "huge");
  json_builder_add_double_value(b, 1e300);
  json_builder_set_member_name(b, "nan");
  json_builder_add_double_value(b, NAN);
  json_builder_set_member_name(b, "list");
  json_builder_begin_array(b);
  json_builder_add_int_value(b, -3);
  json_builder_add_boolean_value(b, TRUE);
  json_builder_add_null_value(b);
  json_builder_add_string_value(b, "a \"b\" \\ c\n\t\x01 é");
  json_builder_end_array(b);
  json_builder_set_member_name(b, "empty");
  json_builder_begin_object(b);
  json_builder_end_object(b);
  json_builder_set_member_name(b, "none");
  json_builder_begin_array(b);
  json_builder_end_array(b);
  json_builder_end_object(b);
  g_autofree char *text = to_text(b, FALSE);
  CU_ASSERT_STRING_EQUAL(text,
                         "{\"score\":61.1,\"small\":0.07,\"whole\":100.0,"
                         "\"huge\":1e+300,\"nan\":null,"
                         "\"list\":[-3,true,null,"
                         "\"a \\\"b\\\" \\\\ c\\n\\t\\u0001 é\"],"
                         "\"empty\":{},\"none\":[]}");
}

static void test_text_pretty(void) {
  g_autoptr(JsonBuilder) b = json_builder_new();
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "a");
  json_builder_begin_array(b);
  json_builder_add_int_value(b, 1);
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "b");
  json_builder_add_null_value(b);
  json_builder_end_object(b);
  json_builder_end_array(b);
  json_builder_end_object(b);
  g_autofree char *text = to_text(b, TRUE);
  CU_ASSERT_STRING_EQUAL(text, "{\n"
                               "  \"a\": [\n"
                               "    1,\n"
                               "    {\n"
                               "      \"b\": null\n"
                               "    }\n"
                               "  ]\n"
                               "}");
}

/* Any score rounded to hundredths reads back as the same double, and is
 * written with at most two decimals. */
static void test_text_scores_round_trip(void) {
  GRand *rng = g_rand_new_with_seed(11);
  for (guint k = 0; k < 20000; k++) {
    gint32 units = g_rand_int_range(rng, 0, 10001);
    double score = units / 100.0;
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_array(b);
    json_builder_add_double_value(b, score);
    json_builder_end_array(b);
    g_autofree char *text = to_text(b, FALSE);
    /* "[" digits "." at most two digits "]" */
    const char *dot = strchr(text, '.');
    CU_ASSERT_PTR_NOT_NULL_FATAL(dot);
    CU_ASSERT_TRUE(strlen(dot) <= 4);
    g_autoptr(JsonParser) parser = json_parser_new();
    CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(parser, text, -1, NULL));
    JsonArray *array = json_node_get_array(json_parser_get_root(parser));
    CU_ASSERT_EQUAL(json_array_get_double_element(array, 0), score);
  }
  g_rand_free(rng);
}

/* Three young people, one mentor with one place. YP1 and YP2 give only
 * their age: age alone applies (gaps 15 and 14, value 1), so both score
 * 100 with M1. Under the v2 default objective (quality) a pair's value is
 * score + priority_bonus (10) x priority, nobody names M1 or gives
 * waiting_since: YP1-M1 100 + 20 = 120 beats YP2-M1 100, so YP1 gets M1 in
 * optimal mode and YP2 is unmatched. YP3 may only have a woman (stated,
 * required): must:gender, and 100 x (4 x 0 + 2) / 6 = 33.33 below
 * min_score 40 as well; YP3 gets no shortlist. */
static const char mentees_csv[] = "id,age,priority,pref_gender,must\n"
                                  "YP1,15,2,,\n"
                                  "YP2,16,0,,\n"
                                  "YP3,16,0,female,gender\n";
static const char mentors_csv[] =
    "id,age,gender,checks_cleared,training_hours,capacity\n"
    "M1,30,male,yes,5,1\n";

static void test_build_matching(void) {
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(mentees_csv, mentors_csv);
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmMatching) matching = mm_match(pool, config, NULL, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new();
  mm_i_json_build_matching(b, pool, config, matching, MM_MODE_OPTIMAL, TRUE,
                         NULL);
  JsonNode *root = json_builder_get_root(b);
  JsonObject *answer = json_node_get_object(root);
  JsonArray *matches = json_object_get_array_member(answer, "matches");
  CU_ASSERT_EQUAL_FATAL(json_array_get_length(matches), 3);

  JsonObject *m1 = json_array_get_object_element(matches, 0);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(m1, "mentee_id"), "YP1");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(m1, "mentor_id"), "M1");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(m1, "status"),
                         "matched");
  CU_ASSERT_TRUE(json_object_get_null_member(m1, "reason"));
  double score = json_object_get_double_member(m1, "score");
  CU_ASSERT_DOUBLE_EQUAL(score, mm_matching_score(matching, 0), 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(score, 100.0, 1e-9);
  /* with explain, the pair's value (v2): 100 + 10 x 2 */
  CU_ASSERT_DOUBLE_EQUAL(json_object_get_double_member(m1, "value"), 120.0,
                         1e-9);
  JsonObject *contributions = json_object_get_object_member(m1, "contributions");
  CU_ASSERT_EQUAL(json_object_get_size(contributions), MM_N_CRITERIA);
  double sum = 0.0;
  for (guint c = 0; c < MM_N_CRITERIA; c++)
    sum += json_object_get_double_member(contributions,
                                         mm_criterion_name((MmCriterion)c));
  /* 12 contributions and the score, each rounded by at most 0.005 */
  CU_ASSERT_DOUBLE_EQUAL(sum, score, 0.005 * (MM_N_CRITERIA + 1) + 1e-9);
  CU_ASSERT_FALSE(json_object_has_member(contributions, "choice")); /* v2 */

  for (guint i = 1; i < 3; i++) {
    JsonObject *m = json_array_get_object_element(matches, i);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(m, "status"),
                           "unmatched");
    CU_ASSERT_TRUE(json_object_get_null_member(m, "mentor_id"));
    CU_ASSERT_TRUE(json_object_get_null_member(m, "score"));
    CU_ASSERT_TRUE(json_object_get_null_member(m, "contributions"));
    CU_ASSERT_TRUE(json_object_get_null_member(m, "value"));
    CU_ASSERT_EQUAL(
        json_array_get_length(json_object_get_array_member(m, "reasons")), 0);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(m, "reason"),
                           mm_matching_reason(matching, i));
  }

  JsonObject *summary = json_object_get_object_member(answer, "summary");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(summary, "mode"),
                         "optimal");
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "mentees"), 3);
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "matched"), 1);
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "pinned"), 0);
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "unmatched"), 2);
  CU_ASSERT_DOUBLE_EQUAL(json_object_get_double_member(summary, "mean_score"),
                         score, 1e-9); /* one pair: its own score */
  /* v2: the objective, the date the pool was prepared as of
   * (mm_test_pool_from_csv() uses MM_TEST_AS_OF), and the young people the
   * named-choice guarantee moved: nobody names a mentor here, so 0. */
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(summary, "prefer"),
                         "quality");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(summary, "as_of"),
                         MM_TEST_AS_OF);
  CU_ASSERT_TRUE(json_object_has_member(summary, "named_moves"));
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "named_moves"), 0);
  json_node_unref(root);

  /* Under prefer count the summary says so; the assignment is the same
   * (one place either way; then YP1 is the one at priority 2). */
  g_autoptr(MmConfig) count = mm_config_new();
  mm_config_set_prefer(count, MM_PREFER_COUNT);
  g_autoptr(MmMatching) by_count = mm_match(pool, count, NULL, NULL);
  CU_ASSERT_EQUAL(mm_matching_mentor(by_count, 0), 0);
  g_autoptr(JsonBuilder) counted = json_builder_new();
  mm_i_json_build_matching(counted, pool, count, by_count, MM_MODE_OPTIMAL, TRUE,
                         NULL);
  root = json_builder_get_root(counted);
  summary =
      json_object_get_object_member(json_node_get_object(root), "summary");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(summary, "prefer"),
                         "count");
  /* under count the value has no priority term: 100 */
  CU_ASSERT_DOUBLE_EQUAL(
      json_object_get_double_member(
          json_array_get_object_element(
              json_object_get_array_member(json_node_get_object(root),
                                           "matches"),
              0),
          "value"),
      100.0, 1e-9);
  json_node_unref(root);
}

/* Without explain a row holds the fixed members of the contract (docs/)'s match answer:
 * mentee_id, mentor_id, score, status, reason and (v2) flags, the list of
 * what a coordinator must review (empty here: YP1-M1 breaks no rule and
 * YP1 stated nothing). */
static void test_build_matching_fixed_members(void) {
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(mentees_csv, mentors_csv);
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmMatching) matching = mm_match(pool, config, NULL, NULL);
  g_autoptr(JsonBuilder) plain = json_builder_new();
  mm_i_json_build_matching(plain, pool, config, matching, MM_MODE_OPTIMAL, FALSE,
                         NULL);
  JsonNode *root = json_builder_get_root(plain);
  JsonArray *rows =
      json_object_get_array_member(json_node_get_object(root), "matches");
  static const char *const fixed[] = {"mentee_id", "mentor_id", "score",
                                      "status",    "reason",    "flags"};
  for (guint i = 0; i < json_array_get_length(rows); i++) {
    JsonObject *row = json_array_get_object_element(rows, i);
    CU_ASSERT_EQUAL(json_object_get_size(row), G_N_ELEMENTS(fixed));
    for (guint k = 0; k < G_N_ELEMENTS(fixed); k++)
      if (!json_object_has_member(row, fixed[k])) {
        fprintf(stderr, "match row %u has no member %s\n", i, fixed[k]);
        CU_FAIL("a fixed member is missing");
      }
  }
  JsonObject *m1 = json_array_get_object_element(rows, 0);
  if (json_object_has_member(m1, "flags")) {
    JsonNode *flags = json_object_get_member(m1, "flags");
    CU_ASSERT_TRUE_FATAL(JSON_NODE_HOLDS_ARRAY(flags));
    CU_ASSERT_EQUAL(json_array_get_length(json_node_get_array(flags)), 0);
  }
  json_node_unref(root);
}

static void test_build_shortlist(void) {
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(mentees_csv, mentors_csv);
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmShortlist) shortlist = mm_recommend(pool, config, -1, 5);
  g_autoptr(JsonBuilder) b = json_builder_new();
  mm_i_json_build_shortlist(b, pool, config, shortlist, NULL);
  JsonNode *root = json_builder_get_root(b);
  JsonArray *list = json_object_get_array_member(json_node_get_object(root),
                                                 "recommendations");
  CU_ASSERT_EQUAL_FATAL(json_array_get_length(list), 3);
  for (guint i = 0; i < 2; i++) { /* YP1 and YP2 may both have M1 */
    JsonObject *entry = json_array_get_object_element(list, i);
    JsonArray *mentors = json_object_get_array_member(entry, "mentors");
    CU_ASSERT_EQUAL_FATAL(json_array_get_length(mentors), 1);
    JsonObject *m = json_array_get_object_element(mentors, 0);
    CU_ASSERT_EQUAL(json_object_get_int_member(m, "rank"), 1);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(m, "mentor_id"), "M1");
    CU_ASSERT_DOUBLE_EQUAL(json_object_get_double_member(m, "score"),
                           mm_shortlist_score(shortlist, i, 0), 0.005 + 1e-9);
    CU_ASSERT_TRUE(json_object_get_null_member(entry, "reason"));
  }
  JsonObject *nobody = json_array_get_object_element(list, 2);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(nobody, "mentee_id"),
                         "YP3");
  CU_ASSERT_EQUAL(
      json_array_get_length(json_object_get_array_member(nobody, "mentors")),
      0);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(nobody, "reason"),
                         mm_shortlist_reason(shortlist, 2));
  json_node_unref(root);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_text_compact),
      MM_TEST(test_text_pretty),
      MM_TEST(test_text_scores_round_trip),
      MM_TEST(test_build_matching),
      MM_TEST(test_build_matching_fixed_members),
      MM_TEST(test_build_shortlist),
      CU_TEST_INFO_NULL};
  return mm_test_run("json-output", tests);
}
