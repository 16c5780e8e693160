/* test-json-output.c: the JSON answers for match and recommend
 * (lib/json-output.c) and the serialiser's exact text. */
#include "test-common.h"
#include "json-output.h"

#include <math.h>
#include <string.h>

static char *to_text(JsonBuilder *builder, gboolean pretty) {
  JsonNode *root = json_builder_get_root(builder);
  char *text = mm_json_to_text(root, pretty);
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

/* Two young people, one mentor with one place: YP1 (priority 2) gets M1
 * in optimal mode, YP2 is unmatched; YP3 may only have a woman and gets no shortlist. */
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
  mm_json_build_matching(b, pool, config, matching, MM_MODE_OPTIMAL, TRUE);
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
  JsonObject *contributions = json_object_get_object_member(m1, "contributions");
  CU_ASSERT_EQUAL(json_object_get_size(contributions), MM_N_CRITERIA);
  double sum = 0.0;
  for (guint c = 0; c < MM_N_CRITERIA; c++)
    sum += json_object_get_double_member(contributions,
                                         mm_criterion_name((MmCriterion)c));
  /* 13 contributions and the score, each rounded by at most 0.005 */
  CU_ASSERT_DOUBLE_EQUAL(sum, score, 0.005 * 14 + 1e-9);

  for (guint i = 1; i < 3; i++) {
    JsonObject *m = json_array_get_object_element(matches, i);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(m, "status"),
                           "unmatched");
    CU_ASSERT_TRUE(json_object_get_null_member(m, "mentor_id"));
    CU_ASSERT_TRUE(json_object_get_null_member(m, "score"));
    CU_ASSERT_TRUE(json_object_get_null_member(m, "contributions"));
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
  json_node_unref(root);

  /* without explain, only the five fixed members */
  g_autoptr(JsonBuilder) plain = json_builder_new();
  mm_json_build_matching(plain, pool, config, matching, MM_MODE_OPTIMAL, FALSE);
  root = json_builder_get_root(plain);
  JsonArray *rows =
      json_object_get_array_member(json_node_get_object(root), "matches");
  CU_ASSERT_EQUAL(json_object_get_size(json_array_get_object_element(rows, 0)),
                  5);
  json_node_unref(root);
}

static void test_build_shortlist(void) {
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(mentees_csv, mentors_csv);
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmShortlist) shortlist = mm_recommend(pool, config, -1, 5);
  g_autoptr(JsonBuilder) b = json_builder_new();
  mm_json_build_shortlist(b, pool, config, shortlist);
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
      MM_TEST(test_build_shortlist),
      CU_TEST_INFO_NULL};
  return mm_test_run("json-output", tests);
}
