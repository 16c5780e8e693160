/* test-report.c: the equity report (lib/report*.c) and `mentormatch
 * report`: its figures on a small pool worked out by hand, small-number
 * suppression, the three renderings, and the command's exit codes. */
#include "json-output.h"
#include "report-render.h"
#include "report.h"
#include "test-common.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

/* ---- the hand-worked pool ----
 *
 * Mentors (all 40, volunteer, 5 training hours): F1 female, Black: African,
 * care-experienced, 2 places, skilled in trauma; M1 male, White: British, 1
 * place; X1 female, Black: Caribbean, care-experienced, 3 places, skilled in
 * sen, checks NOT cleared (never eligible). Mentees have no ethnicity,
 * interests, location or availability, and name no mentor. Version 2
 * rules: gender and ethnicity count only through a wish someone stated
 * (nobody here states one on the mentors' side), so only stated gender,
 * stated ethnicity, age, care experience and needs apply. Default weights:
 * gender 2, age 2, care 3, ethnicity 2, needs 3; a stated preference x2.
 * Age without a stated range: value 1 for a gap of 6-35 years (every gap
 * here is 21-30). A skill "trauma-informed" covers the need "trauma".
 *
 * Pair scores (100 x sum(w v) / sum(w)):
 *   Y1 (10 f, pref_gender female, pref_age_max 30, priority 1):
 *     F1: gender stated 4x1, age stated 4x0 (40 is 10 years past 30, more
 *         than the 5 years of slack) = 4/8 = 50;  M1: 0/8 = 0
 *   Y2 (13 f, pref_ethnicity Black: Caribbean, needs trauma;sen, prio 0):
 *     F1: eth 4x0 + age 2x1 + needs 3x0.5 = 3.5/9 = 38.89;
 *     M1: 2/9 = 22.22;  X1 (checks): 4 + 2 + 1.5 = 83.33
 *   Y3 (14 m, care no, pref_gender male, must gender, prio 1):
 *     M1: gender 4x1 + age 2x1 = 6/6 = 100 (care "no" brings in no
 *     criterion); F1 and X1 break must:gender (and score 2/6 = 33.33)
 *   Y4 (16 m, pref_ethnicity Black, needs trauma, prio 0):
 *     F1: eth 4x1 (group Black listed) + age 2 + needs 3 = 9/9 = 100;
 *     M1: 2/9 = 22.22
 *   Y5 (19 f, care yes, pref_care_experienced yes, prio 2):
 *     F1: care stated 6x1 + age 2 = 8/8 = 100;  M1: 2/8 = 25
 *   Y6 (12 m, pref_gender non-binary, must gender, prio 0): no mentor is
 *     non-binary: must:gender breaks with F1, M1 and X1 (X1 also checks);
 *     each scores 2/6 = 33.33.
 *
 * The pool was built to show the three modes disagreeing, a stated
 * preference missed, and young people left out because the eligible
 * mentors are all taken. Under the v2 defaults (prefer quality, min_score
 * 40) all three modes give F1 {Y5, Y4}, M1 {Y3} (test_v2_defaults), so the
 * figure tests below report it with pool_config(): prefer = count and
 * min_score = 0, version 1's objective and floor, where the modes differ.
 * Then every pair above that breaks no other rule is eligible, and:
 *
 * Optimal (count): 3 places (F1 2, M1 1). Most matched = 3; then most at
 * priority 2 (Y5), then at priority 1 (Y1 and Y3, which has only M1): F1
 * {Y5, Y1}, M1 {Y3}, the only way to match all three. Scores 100, 50, 100:
 * mean 250 / 3 = 83.33. Preferences among the matched: Y1 states gender
 * (met) and age (missed), Y3 gender (met), Y5 care (met): 3 of 4 met =
 * 75%. Unmatched: Y2, Y4 (eligible F1 and M1 both full), Y6 (no eligible
 * mentor, must:gender leading 3 to 1 checks).
 *
 * Stable and greedy both give F1 {Y5, Y4}, M1 {Y3}. Greedy (under count a
 * pair's value is its score: no named mentors, no waiting) takes the 100s
 * in input order, Y3-M1, Y4-F1, Y5-F1, and both places are gone. In
 * deferred acceptance Y1, Y2, Y4 and Y5 propose to F1 first, Y3 to M1 (Y6
 * has no eligible mentor). F1 ranks by its own side's score, without
 * gender (F1 states no wish) and ethnicity: Y4 (age 2 + needs 3) = 100, Y5
 * (care 6 + age 2) = 100, Y2 (2 + 1.5)/5 = 70, Y1 (stated age 0)/4 = 0,
 * and keeps Y4 and Y5; Y1 and Y2 then ask M1, which keeps Y3 (age alone,
 * 100) over Y2 (2/5 = 40) and Y1 (0). Mean (100 + 100 + 100) / 3 = 100;
 * preferences Y3 gender, Y5 care, Y4 ethnicity (F1's group Black is
 * listed): 3 of 3. */
static const char pool_mentees[] =
    "id,age,gender,care_experienced,priority,pref_gender,pref_age_max,"
    "pref_ethnicity,pref_care_experienced,needs,must\n"
    "Y1,10,female,,1,female,30,,,,\n"
    "Y2,13,female,,0,,,Black: Caribbean,,trauma;sen,\n"
    "Y3,14,male,no,1,male,,,,,gender\n"
    "Y4,16,male,,0,,,Black,,trauma,\n"
    "Y5,19,female,yes,2,,,,yes,,\n"
    "Y6,12,male,,0,non-binary,,,,,gender\n";

static const char pool_mentors[] =
    "id,age,gender,ethnicity,care_experienced,capacity,checks_cleared,"
    "training_hours,skills\n"
    "F1,40,female,Black: African,yes,2,yes,5,trauma-informed\n"
    "M1,40,male,White: British,no,1,yes,5,\n"
    "X1,40,female,Black: Caribbean,yes,3,no,5,sen\n";

/* The config of the figure tests (see above): version 1's objective and
 * floor, under which the hand-worked pool's modes disagree. */
static MmConfig *pool_config(void) {
  MmConfig *config = mm_config_new();
  mm_config_set_prefer(config, MM_PREFER_COUNT);
  CU_ASSERT_TRUE(mm_config_set_min_score(config, 0, NULL));
  return config;
}

static JsonNode *build_report_with(const char *mentees, const char *mentors,
                                   const MmConfig *config, MmMode mode,
                                   guint min_cell) {
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(mentees, mentors);
  return mm_report_build(pool, config, mode, min_cell, 1);
}

/* Any pool under the built-in (v2) defaults. */
static JsonNode *build_report(const char *mentees, const char *mentors,
                              MmMode mode, guint min_cell) {
  g_autoptr(MmConfig) config = mm_config_new();
  return build_report_with(mentees, mentors, config, mode, min_cell);
}

/* The hand-worked pool under pool_config(). */
static JsonNode *build_pool_report(MmMode mode, guint min_cell) {
  g_autoptr(MmConfig) config = pool_config();
  return build_report_with(pool_mentees, pool_mentors, config, mode,
                           min_cell);
}

/* ---- reading the tree ---- */

static JsonObject *member_object(JsonObject *o, const char *name) {
  CU_ASSERT_TRUE_FATAL(json_object_has_member(o, name));
  return json_object_get_object_member(o, name);
}

/* The element of array @name whose @key member is @value. */
static JsonObject *find_in(JsonObject *o, const char *name, const char *key,
                           const char *value) {
  JsonArray *array = json_object_get_array_member(o, name);
  for (guint k = 0; array != NULL && k < json_array_get_length(array); k++) {
    JsonObject *e = json_array_get_object_element(array, k);
    if (g_strcmp0(json_object_get_string_member(e, key), value) == 0)
      return e;
  }
  fprintf(stderr, "no %s with %s = %s\n", name, key, value);
  CU_FAIL_FATAL("element not found");
  return NULL;
}

static JsonObject *group(JsonObject *root, const char *list, const char *by,
                         const char *name) {
  return find_in(find_in(root, list, "by", by), "groups", "group", name);
}

/* NAN stands for an expected null. */
static void assert_figure(JsonObject *o, const char *name, double expected) {
  CU_ASSERT_TRUE_FATAL(json_object_has_member(o, name));
  JsonNode *node = json_object_get_member(o, name);
  if (isnan(expected)) {
    CU_ASSERT_TRUE(JSON_NODE_HOLDS_NULL(node));
    return;
  }
  CU_ASSERT_TRUE_FATAL(JSON_NODE_HOLDS_VALUE(node));
  double actual = json_node_get_value_type(node) == G_TYPE_INT64
                      ? (double)json_node_get_int(node)
                      : json_node_get_double(node);
  if (fabs(actual - expected) > 1e-9)
    fprintf(stderr, "%s: %g, expected %g\n", name, actual, expected);
  MM_ASSERT_CLOSE(actual, expected);
}

static void assert_cell(JsonObject *o, double young_people, double matched,
                        double match_percent, double mean_score, double stated,
                        double met, double met_percent) {
  assert_figure(o, "young_people", young_people);
  assert_figure(o, "matched", matched);
  assert_figure(o, "match_percent", match_percent);
  assert_figure(o, "mean_score", mean_score);
  assert_figure(o, "preferences_stated", stated);
  assert_figure(o, "preferences_met", met);
  assert_figure(o, "preferences_met_percent", met_percent);
  CU_ASSERT_FALSE(json_object_get_boolean_member(o, "suppressed"));
}

static void assert_suppressed(JsonObject *o, const char *const *figures) {
  CU_ASSERT_TRUE(json_object_get_boolean_member(o, "suppressed"));
  for (guint k = 0; figures[k] != NULL; k++)
    assert_figure(o, figures[k], NAN);
}

static const char *const cell_figures[] = {"young_people",
                                           "matched",
                                           "match_percent",
                                           "mean_score",
                                           "preferences_stated",
                                           "preferences_met",
                                           "preferences_met_percent",
                                           NULL};

/* ---- figures ---- */

static void test_overall_and_preferences(void) {
  JsonNode *report = build_pool_report(MM_MODE_OPTIMAL, 1);
  JsonObject *root = json_node_get_object(report);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(root, "mode"),
                         "optimal");
  assert_figure(root, "young_people", 6);
  assert_figure(root, "mentors", 3);
  assert_figure(root, "mentor_capacity", 6); /* 2 + 1 + 3 */
  /* 3 of 6 = 50%; mean 83.33; 3 of 4 preferences = 75% (see the top). */
  assert_cell(member_object(root, "overall"), 6, 3, 50, 83.33, 4, 3, 75);

  /* By type, among the matched: gender Y1 and Y3, both met; age Y1,
   * missed; care Y5, met. Y2's and Y4's ethnicity are unmatched young
   * people's, so no one matched stated ethnicity. */
  JsonObject *gender = find_in(root, "preferences", "type", "gender");
  assert_figure(gender, "stated", 2);
  assert_figure(gender, "met", 2);
  assert_figure(gender, "met_percent", 100);
  JsonObject *age = find_in(root, "preferences", "type", "age");
  assert_figure(age, "stated", 1);
  assert_figure(age, "met", 0);
  assert_figure(age, "met_percent", 0);
  JsonObject *care = find_in(root, "preferences", "type", "care_experience");
  assert_figure(care, "stated", 1);
  assert_figure(care, "met_percent", 100);
  JsonObject *ethnicity = find_in(root, "preferences", "type", "ethnicity");
  assert_figure(ethnicity, "stated", 0);
  assert_figure(ethnicity, "met_percent", NAN); /* nothing to divide by */
  CU_ASSERT_FALSE(json_object_get_boolean_member(ethnicity, "suppressed"));
  CU_ASSERT_EQUAL(
      json_array_get_length(json_object_get_array_member(root, "preferences")),
      8);
  json_node_unref(report);
}

static void test_breakdowns(void) {
  JsonNode *report = build_pool_report(MM_MODE_OPTIMAL, 1);
  JsonObject *root = json_node_get_object(report);
  /* female Y1, Y2, Y5: Y1 (50) and Y5 (100) matched: 2 of 3 = 66.67%, mean
   * 75; preferences Y1 2 (1 met) + Y5 1 (met) = 2 of 3 = 66.67%.
   * male Y3, Y4, Y6: Y3 (100): 1 of 3 = 33.33%, 1 of 1 preference. */
  assert_cell(group(root, "breakdowns", "gender", "female"), 3, 2, 66.67, 75, 3,
              2, 66.67);
  assert_cell(group(root, "breakdowns", "gender", "male"), 3, 1, 33.33, 100, 1,
              1, 100);
  /* Nobody gave an ethnicity: one group, the whole pool. */
  assert_cell(group(root, "breakdowns", "ethnicity_group", "not known"), 6, 3,
              50, 83.33, 4, 3, 75);
  /* Ages 10 | 13, 14, 12 | 16 | 19. */
  assert_cell(group(root, "breakdowns", "age_band", "9-11"), 1, 1, 100, 50, 2,
              1, 50);
  assert_cell(group(root, "breakdowns", "age_band", "12-15"), 3, 1, 33.33, 100,
              1, 1, 100);
  assert_cell(group(root, "breakdowns", "age_band", "16-17"), 1, 0, 0, NAN, 0,
              0, NAN);
  assert_cell(group(root, "breakdowns", "age_band", "18-21"), 1, 1, 100, 100, 1,
              1, 100);
  /* Priority 0: Y2, Y4, Y6 none matched; 1: Y1, Y3 mean (50 + 100) / 2. */
  assert_cell(group(root, "breakdowns", "priority", "0"), 3, 0, 0, NAN, 0, 0,
              NAN);
  assert_cell(group(root, "breakdowns", "priority", "1"), 2, 2, 100, 75, 3, 2,
              66.67);
  assert_cell(group(root, "breakdowns", "priority", "2"), 1, 1, 100, 100, 1, 1,
              100);
  /* Care: yes Y5, no Y3, not known Y1, Y2, Y4, Y6 (Y1 matched at 50). */
  assert_cell(group(root, "breakdowns", "care_experienced", "yes"), 1, 1, 100,
              100, 1, 1, 100);
  assert_cell(group(root, "breakdowns", "care_experienced", "no"), 1, 1, 100,
              100, 1, 1, 100);
  assert_cell(group(root, "breakdowns", "care_experienced", "not known"), 4, 1,
              25, 50, 2, 1, 50);
  /* Needs: Y2 is in both trauma and sen; Y1, Y3, Y5, Y6 have none. */
  assert_cell(group(root, "breakdowns", "needs", "trauma"), 2, 0, 0, NAN, 0, 0,
              NAN);
  assert_cell(group(root, "breakdowns", "needs", "sen"), 1, 0, 0, NAN, 0, 0,
              NAN);
  assert_cell(group(root, "breakdowns", "needs", "none recorded"), 4, 3, 75,
              83.33, 4, 3, 75);
  /* Groups in order: names, then "not known" / "none recorded" last. */
  JsonArray *needs = json_object_get_array_member(
      find_in(root, "breakdowns", "by", "needs"), "groups");
  CU_ASSERT_EQUAL(json_array_get_length(needs), 3);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(
                             json_array_get_object_element(needs, 0), "group"),
                         "sen");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(
                             json_array_get_object_element(needs, 2), "group"),
                         "none recorded");
  json_node_unref(report);
}

static void test_unmatched_reasons(void) {
  JsonNode *report = build_pool_report(MM_MODE_OPTIMAL, 1);
  JsonObject *unmatched =
      member_object(json_node_get_object(report), "unmatched");
  assert_figure(unmatched, "young_people", 3);
  JsonArray *reasons = json_object_get_array_member(unmatched, "reasons");
  CU_ASSERT_EQUAL_FATAL(json_array_get_length(reasons), 2);
  /* Y6: no eligible mentor, must:gender broken by 3 mentors, checks by 1
   * (min_score is 0 under pool_config(), so it breaks for nobody). */
  JsonObject *first = json_array_get_object_element(reasons, 0);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(first, "kind"),
                         "no_eligible_mentor");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(first, "rule"),
                         "must:gender");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(first, "label"),
                         "no eligible mentor: must:gender");
  assert_figure(first, "young_people", 1);
  /* Y2 and Y4: F1 and M1 were eligible (Y2 38.89 and 22.22, Y4 100 and
   * 22.22) but full. */
  JsonObject *second = json_array_get_object_element(reasons, 1);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(second, "kind"),
                         "all_taken");
  CU_ASSERT_TRUE(json_node_is_null(json_object_get_member(second, "rule")));
  assert_figure(second, "young_people", 2);
  json_node_unref(report);
}

/* Z1 (10, female, pref_gender female, pref_age_max 30) and F1 score 50,
 * as Y1 and F1 at the top (stated gender 4x1, stated age 4x0). 50 passes
 * the v2 default min_score 40, so the test raises it: with min_score 60 F1
 * breaks only min_score. */
static void test_unmatched_below_min_score_and_no_mentors(void) {
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(
      "id,age,gender,pref_gender,pref_age_max\nZ1,10,female,female,30\n",
      "id,age,gender,checks_cleared,training_hours\nF1,40,female,yes,5\n");
  g_autoptr(MmConfig) config = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_min_score(config, 60, NULL));
  JsonNode *report = mm_report_build(pool, config, MM_MODE_OPTIMAL, 1, 1);
  JsonObject *reason = json_array_get_object_element(
      json_object_get_array_member(
          member_object(json_node_get_object(report), "unmatched"), "reasons"),
      0);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(reason, "kind"),
                         "below_min_score");
  assert_figure(reason, "young_people", 1);
  json_node_unref(report);

  report = build_report("id,age\nZ1,10\n", NULL, MM_MODE_OPTIMAL, 1);
  JsonObject *root = json_node_get_object(report);
  reason = json_array_get_object_element(
      json_object_get_array_member(member_object(root, "unmatched"), "reasons"),
      0);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(reason, "kind"),
                         "no_mentors");
  /* Nobody matched: no mean score, in the overall cell and every mode. */
  assert_figure(member_object(root, "overall"), "mean_score", NAN);
  assert_figure(find_in(root, "modes", "mode", "greedy"), "mean_score", NAN);
  json_node_unref(report);
}

static void assert_gap(JsonObject *row, double young_people, double capacity,
                       double shortfall) {
  assert_figure(row, "young_people", young_people);
  assert_figure(row, "eligible_capacity", capacity);
  assert_figure(row, "shortfall", shortfall);
}

/* Find a pool-gap row by demand and group. */
static JsonObject *gap(JsonObject *root, const char *demand, const char *name) {
  JsonArray *rows = json_object_get_array_member(root, "pool_gap");
  for (guint k = 0; k < json_array_get_length(rows); k++) {
    JsonObject *row = json_array_get_object_element(rows, k);
    if (strcmp(json_object_get_string_member(row, "demand"), demand) == 0 &&
        strcmp(json_object_get_string_member(row, "group"), name) == 0)
      return row;
  }
  fprintf(stderr, "no gap row %s %s\n", demand, name);
  CU_FAIL_FATAL("gap row not found");
  return NULL;
}

/* The pool gap as the library and README.md ("Pool gap") define it: every
 * young person asking, matched or not, against every place of the mentors
 * who pass checks and training; it does not depend on the assignment.
 * (SPEC.md words it as the young people still waiting against free
 * capacity; that difference is reported to the project, not settled
 * here.) */
static void test_pool_gap(void) {
  JsonNode *report = build_pool_report(MM_MODE_OPTIMAL, 1);
  JsonObject *root = json_node_get_object(report);
  /* Black: Y2 (names Black: Caribbean) and Y4 (Black); places: F1 2; X1's
   * 3 do not count (checks not cleared). */
  assert_gap(gap(root, "ethnicity_group", "Black"), 2, 2, 0);
  /* Care-experienced: Y5; F1 2 (X1 not cleared, M1 not care-experienced). */
  assert_gap(gap(root, "care_experienced", "care-experienced"), 1, 2, 0);
  /* Genders asked for: female Y1 (F1 2), male Y3 (M1 1), non-binary Y6
   * (nobody: short by 1). */
  assert_gap(gap(root, "gender", "female"), 1, 2, 0);
  assert_gap(gap(root, "gender", "male"), 1, 1, 0);
  assert_gap(gap(root, "gender", "non-binary"), 1, 0, 1);
  CU_ASSERT_STRING_EQUAL(
      json_object_get_string_member(gap(root, "gender", "non-binary"), "label"),
      "gender: non-binary");
  /* Skills: trauma Y2, Y4 against F1 (trauma-informed) 2; sen Y2 against
   * nobody eligible (X1 has it but no checks). */
  assert_gap(gap(root, "skill", "trauma"), 2, 2, 0);
  assert_gap(gap(root, "skill", "sen"), 1, 0, 1);
  CU_ASSERT_EQUAL(
      json_array_get_length(json_object_get_array_member(root, "pool_gap")), 7);
  json_node_unref(report);
}

static void assert_share(JsonObject *row, double young_people,
                         double young_percent, double mentors,
                         double mentor_percent) {
  assert_figure(row, "young_people", young_people);
  assert_figure(row, "young_people_percent", young_percent);
  assert_figure(row, "mentors", mentors);
  assert_figure(row, "mentors_percent", mentor_percent);
}

static void test_composition(void) {
  JsonNode *report = build_pool_report(MM_MODE_OPTIMAL, 1);
  JsonObject *root = json_node_get_object(report);
  /* 3 of 6 young people vs 2 of 3 mentors (F1, X1) are female. */
  assert_share(group(root, "composition", "gender", "female"), 3, 50, 2, 66.67);
  assert_share(group(root, "composition", "gender", "male"), 3, 50, 1, 33.33);
  /* Mentors' groups that no young person shares show 0, not suppressed. */
  assert_share(group(root, "composition", "ethnicity_group", "Black"), 0, 0, 2,
               66.67);
  assert_share(group(root, "composition", "ethnicity_group", "not known"), 6,
               100, 0, 0);
  assert_share(group(root, "composition", "care_experienced", "yes"), 1, 16.67,
               2, 66.67);
  /* Mentor type is the mentors' alone. */
  JsonObject *volunteer =
      group(root, "composition", "mentor_type", "volunteer");
  CU_ASSERT_FALSE(json_object_has_member(volunteer, "young_people"));
  assert_figure(volunteer, "mentors", 3);
  assert_figure(volunteer, "mentors_percent", 100);
  json_node_unref(report);
}

static void test_modes_side_by_side(void) {
  JsonNode *report = build_pool_report(MM_MODE_STABLE, 1);
  JsonObject *root = json_node_get_object(report);
  static const struct {
    const char *mode;
    double mean, stated, met, met_percent;
  } expected[] = {
      {"optimal", 83.33, 4, 3, 75}, /* F1 {Y5, Y1}, M1 {Y3} */
      {"stable", 100, 3, 3, 100},   /* F1 {Y5, Y4}, M1 {Y3}: 100 each */
      {"greedy", 100, 3, 3, 100},
  };
  JsonArray *modes = json_object_get_array_member(root, "modes");
  CU_ASSERT_EQUAL_FATAL(json_array_get_length(modes), 3);
  for (guint k = 0; k < G_N_ELEMENTS(expected); k++) {
    JsonObject *row = json_array_get_object_element(modes, k);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(row, "mode"),
                           expected[k].mode);
    assert_figure(row, "matched", 3);
    assert_figure(row, "match_percent", 50);
    assert_figure(row, "mean_score", expected[k].mean);
    assert_figure(row, "preferences_stated", expected[k].stated);
    assert_figure(row, "preferences_met", expected[k].met);
    assert_figure(row, "preferences_met_percent", expected[k].met_percent);
  }
  /* --mode stable: the breakdowns describe F1 {Y5, Y4}, M1 {Y3}: Y4 is the
   * male group's second match, Y1 is unmatched. */
  assert_cell(member_object(root, "overall"), 6, 3, 50, 100, 3, 3, 100);
  /* male Y3, Y4, Y6: Y3 (100, gender met) and Y4 (100, ethnicity met) */
  assert_cell(group(root, "breakdowns", "gender", "male"), 3, 2, 66.67, 100, 2,
              2, 100);
  /* female Y1, Y2, Y5: Y5 alone (100, care met) */
  assert_cell(group(root, "breakdowns", "gender", "female"), 3, 1, 33.33, 100,
              1, 1, 100);
  json_node_unref(report);
}

/* The hand-worked pool under the v2 defaults: prefer quality, min_score
 * 40, priority_bonus 10 (no named mentors, no waiting_since: no choice or
 * waiting term). Eligible pairs (scores at the top): Y1-F1 50, Y3-M1 100,
 * Y4-F1 100, Y5-F1 100; Y2-F1 (38.89) and every M1 pair but Y3's fall
 * below 40. Values (score + 10 x priority): Y1-F1 60, Y3-M1 110, Y4-F1 100,
 * Y5-F1 120. M1 can only take Y3; F1's best two are Y5 and Y4 (220, against
 * 180 with Y1): F1 {Y5, Y4}, M1 {Y3}, total 330. Under count (min_score
 * still 40) the most at priority 1 wins instead: F1 {Y5, Y1}, M1 {Y3},
 * total value (no priority term) 250. Stable: Y1, Y4 and Y5 propose to F1
 * (their only eligible mentor), which keeps Y4 and Y5 (100 each on its
 * side, Y1 0); greedy takes 120, 110, 100 and F1 is full before Y1's 60:
 * the same as optimal. Matched: 3 of 6, mean 100; preferences Y3 gender,
 * Y4 ethnicity, Y5 care, all met. Unmatched: Y1 all taken (F1 eligible and
 * full); Y2 below min_score (F1 and M1 break min_score alone, X1 checks);
 * Y6 no eligible mentor: must:gender 3 and min_score 3 (33.33 each), checks
 * 1, ties to the earlier rule, must:gender. */
static void test_v2_defaults(void) {
  g_autoptr(MmPool) pool = mm_test_pool_from_csv(pool_mentees, pool_mentors);
  g_autoptr(MmConfig) config = mm_config_new();
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_QUALITY);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 40);

  /* The assignment itself, and the values the solver used. */
  static const gint quality_mentor[] = {-1, -1, 1, 0, 0, -1};
  static const double quality_value[] = {0, 0, 110, 100, 120, 0};
  g_autoptr(MmMatching) quality = mm_match(pool, config, NULL, NULL);
  for (guint i = 0; i < 6; i++) {
    CU_ASSERT_EQUAL(mm_matching_mentor(quality, i), quality_mentor[i]);
    MM_ASSERT_CLOSE(mm_matching_value(quality, i), quality_value[i]);
  }
  g_autoptr(MmConfig) count = mm_config_new();
  mm_config_set_prefer(count, MM_PREFER_COUNT);
  static const gint count_mentor[] = {0, -1, 1, -1, 0, -1};
  static const double count_value[] = {50, 0, 100, 0, 100, 0};
  g_autoptr(MmMatching) by_count = mm_match(pool, count, NULL, NULL);
  for (guint i = 0; i < 6; i++) {
    CU_ASSERT_EQUAL(mm_matching_mentor(by_count, i), count_mentor[i]);
    MM_ASSERT_CLOSE(mm_matching_value(by_count, i), count_value[i]);
  }

  JsonNode *report = mm_report_build(pool, config, MM_MODE_OPTIMAL, 1, 1);
  JsonObject *root = json_node_get_object(report);
  assert_cell(member_object(root, "overall"), 6, 3, 50, 100, 3, 3, 100);
  JsonObject *ethnicity = find_in(root, "preferences", "type", "ethnicity");
  assert_figure(ethnicity, "stated", 1);
  assert_figure(ethnicity, "met", 1);
  JsonObject *age = find_in(root, "preferences", "type", "age");
  assert_figure(age, "stated", 0); /* Y1, who stated it, waits */
  /* Priority 0: Y2, Y4, Y6, Y4 matched (ethnicity met); 1: Y1, Y3, Y3
   * matched (gender met); 2: Y5 (care met). */
  assert_cell(group(root, "breakdowns", "priority", "0"), 3, 1, 33.33, 100, 1,
              1, 100);
  assert_cell(group(root, "breakdowns", "priority", "1"), 2, 1, 50, 100, 1, 1,
              100);
  assert_cell(group(root, "breakdowns", "priority", "2"), 1, 1, 100, 100, 1, 1,
              100);

  JsonObject *unmatched = member_object(root, "unmatched");
  assert_figure(unmatched, "young_people", 3);
  JsonArray *reasons = json_object_get_array_member(unmatched, "reasons");
  CU_ASSERT_EQUAL_FATAL(json_array_get_length(reasons), 3);
  static const struct {
    const char *kind, *rule, *label;
  } expected_reasons[] = {
      {"no_eligible_mentor", "must:gender", "no eligible mentor: must:gender"},
      {"below_min_score", NULL, "below min_score"},
      {"all_taken", NULL, "eligible mentors all taken"},
  };
  for (guint k = 0; k < G_N_ELEMENTS(expected_reasons); k++) {
    JsonObject *reason = json_array_get_object_element(reasons, k);
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(reason, "kind"),
                           expected_reasons[k].kind);
    if (expected_reasons[k].rule != NULL) {
      CU_ASSERT_STRING_EQUAL(json_object_get_string_member(reason, "rule"),
                             expected_reasons[k].rule);
    } else {
      CU_ASSERT_TRUE(json_node_is_null(json_object_get_member(reason, "rule")));
    }
    CU_ASSERT_STRING_EQUAL(json_object_get_string_member(reason, "label"),
                           expected_reasons[k].label);
    assert_figure(reason, "young_people", 1);
  }

  JsonArray *modes = json_object_get_array_member(root, "modes");
  CU_ASSERT_EQUAL_FATAL(json_array_get_length(modes), 3);
  for (guint k = 0; k < 3; k++) {
    JsonObject *row = json_array_get_object_element(modes, k);
    assert_figure(row, "matched", 3);
    assert_figure(row, "match_percent", 50);
    assert_figure(row, "mean_score", 100);
    assert_figure(row, "preferences_stated", 3);
    assert_figure(row, "preferences_met", 3);
  }
  json_node_unref(report);
}

/* ---- suppression ---- */

static void test_suppression_threshold(void) {
  /* The gender groups hold 3 young people each: shown at min_cell 3,
   * withheld at 4. */
  JsonNode *report = build_pool_report(MM_MODE_OPTIMAL, 3);
  JsonObject *root = json_node_get_object(report);
  assert_cell(group(root, "breakdowns", "gender", "female"), 3, 2, 66.67, 75, 3,
              2, 66.67);
  /* The 2 young people asking for a Black mentor are below 3. */
  JsonObject *black = gap(root, "ethnicity_group", "Black");
  CU_ASSERT_TRUE(json_object_get_boolean_member(black, "suppressed"));
  assert_figure(black, "young_people", NAN);
  assert_figure(black, "shortfall", NAN);
  assert_figure(black, "eligible_capacity", 2); /* mentors' places stay */
  json_node_unref(report);

  report = build_pool_report(MM_MODE_OPTIMAL, 4);
  root = json_node_get_object(report);
  assert_suppressed(group(root, "breakdowns", "gender", "female"),
                    cell_figures);
  assert_suppressed(group(root, "breakdowns", "gender", "male"), cell_figures);
  /* 4 young people of unknown care experience: exactly at the threshold. */
  assert_cell(group(root, "breakdowns", "care_experienced", "not known"), 4, 1,
              25, 50, 2, 1, 50);
  /* The whole pool is never suppressed. */
  assert_cell(member_object(root, "overall"), 6, 3, 50, 83.33, 4, 3, 75);
  /* Unmatched reasons (1 and 2 young people) and preference types. */
  JsonArray *reasons =
      json_object_get_array_member(member_object(root, "unmatched"), "reasons");
  static const char *const reason_figures[] = {"young_people", NULL};
  assert_suppressed(json_array_get_object_element(reasons, 0), reason_figures);
  assert_suppressed(json_array_get_object_element(reasons, 1), reason_figures);
  assert_figure(member_object(root, "unmatched"), "young_people", 3);
  static const char *const preference_figures[] = {"stated", "met",
                                                   "met_percent", NULL};
  assert_suppressed(find_in(root, "preferences", "type", "gender"),
                    preference_figures);
  /* Composition: 3 female young people withheld, mentors shown; a group
   * with no young people identifies nobody and is shown. */
  JsonObject *female = group(root, "composition", "gender", "female");
  CU_ASSERT_TRUE(json_object_get_boolean_member(female, "suppressed"));
  assert_figure(female, "young_people", NAN);
  assert_figure(female, "young_people_percent", NAN);
  assert_figure(female, "mentors", 2);
  assert_share(group(root, "composition", "ethnicity_group", "Black"), 0, 0, 2,
               66.67);
  json_node_unref(report);
}

/* Where groups split the young people and one cell alone is withheld, the
 * total would give it away: the next smallest is withheld too. */
static void test_secondary_suppression(void) {
  JsonNode *report = build_pool_report(MM_MODE_OPTIMAL, 2);
  JsonObject *root = json_node_get_object(report);
  /* Priority 0: 3, 1: 2, 2: 1. Priority 2 is small; 6 - 3 - 2 would give
   * it, so priority 1 (the smallest other) goes too. */
  assert_suppressed(group(root, "breakdowns", "priority", "2"), cell_figures);
  assert_suppressed(group(root, "breakdowns", "priority", "1"), cell_figures);
  assert_cell(group(root, "breakdowns", "priority", "0"), 3, 0, 0, NAN, 0, 0,
              NAN);
  /* Care: yes 1 and no 1 are both small already; not known 4 stays. */
  assert_cell(group(root, "breakdowns", "care_experienced", "not known"), 4, 1,
              25, 50, 2, 1, 50);
  /* Needs overlap (Y2 is in two), so no total gives a cell away: only sen
   * (1) is withheld. */
  assert_suppressed(group(root, "breakdowns", "needs", "sen"), cell_figures);
  assert_cell(group(root, "breakdowns", "needs", "trauma"), 2, 0, 0, NAN, 0, 0,
              NAN);
  /* Unmatched: must:gender 1 is small; all taken (2) goes with it, since
   * 3 unmatched are published. */
  JsonArray *reasons =
      json_object_get_array_member(member_object(root, "unmatched"), "reasons");
  static const char *const reason_figures[] = {"young_people", NULL};
  assert_suppressed(json_array_get_object_element(reasons, 0), reason_figures);
  assert_suppressed(json_array_get_object_element(reasons, 1), reason_figures);
  /* The pool gap's demands overlap: not a partition. */
  assert_gap(gap(root, "ethnicity_group", "Black"), 2, 2, 0);
  json_node_unref(report);
}

/* ---- renderings ---- */

static void test_text_rendering(void) {
  JsonNode *report = build_pool_report(MM_MODE_OPTIMAL, 4);
  char *text = mm_report_text(report);
  CU_ASSERT_TRUE(g_str_has_prefix(text, "Equity report\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(
      text, "Mode optimal: matched 3 of 6 (50.00%); mean score 83.33; stated "
            "preferences met 3 of 4 (75.00%)."));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "fewer than 4 young people"));
  /* A suppressed group says so and shows no figure. */
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n  female    suppressed\n"));
  CU_ASSERT_PTR_NOT_NULL(
      strstr(text, "  optimal        3      50.00%       83.33"));
  g_free(text);
  json_node_unref(report);
}

/* Group names come from the data; ids must never appear. */
static const char hostile_mentees[] =
    "id,age,gender,needs\n"
    "SECRET-ID-1,15,<i>x&y</i>,\"a\"\"b<script>\"\n"
    "SECRET-ID-2,15,<i>x&y</i>,\n";

static char *html_of(JsonNode *report) { return mm_report_html(report); }

static void test_html_escapes_and_holds_no_ids(void) {
  JsonNode *report =
      build_report(hostile_mentees, "id,age,checks_cleared\nSECRET-M,40,yes\n",
                   MM_MODE_OPTIMAL, 1);
  char *html = html_of(report);
  CU_ASSERT_PTR_NULL(strstr(html, "<i>"));
  CU_ASSERT_PTR_NULL(strstr(html, "<script"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "&lt;i&gt;x&amp;y&lt;/i&gt;"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "a&quot;b&lt;script&gt;"));
  CU_ASSERT_PTR_NULL(strstr(html, "SECRET"));
  char *text = mm_report_text(report);
  CU_ASSERT_PTR_NULL(strstr(text, "SECRET"));
  char *json = mm_json_to_text(report, TRUE);
  CU_ASSERT_PTR_NULL(strstr(json, "SECRET"));
  g_free(json);
  g_free(text);
  g_free(html);
  json_node_unref(report);
}

static guint count_occurrences(const char *text, const char *needle) {
  guint n = 0;
  for (const char *p = strstr(text, needle); p != NULL;
       p = strstr(p + 1, needle))
    n++;
  return n;
}

/* Runs @argv; returns the exit code (-1 when killed). @out and @err receive
 * what it printed; NULL discards it. */
static int spawn(const char *const *argv, char **out, char **err) {
  int wait_status = 0;
  GError *error = NULL;
  GSpawnFlags flags = G_SPAWN_SEARCH_PATH;
  if (out == NULL)
    flags |= G_SPAWN_STDOUT_TO_DEV_NULL;
  if (err == NULL)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;
  gboolean ok = g_spawn_sync(NULL, (char **)argv, NULL, flags, NULL, NULL, out,
                             err, &wait_status, &error);
  if (!ok)
    fprintf(stderr, "spawn %s: %s\n", argv[0], error->message);
  CU_ASSERT_TRUE_FATAL(ok);
  return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
}

/* The page is checked by tests/check-report-html.py with Python's own HTML
 * parser: balanced tags, self-contained, one <svg> per <section>. */
static void assert_page_well_formed(const char *path, guint sections) {
  char *script =
      g_build_filename(MM_TEST_DATA_DIR, "..", "check-report-html.py", NULL);
  const char *argv[] = {"python3", script, path, NULL};
  char *out = NULL;
  int status = spawn(argv, &out, NULL);
  if (status != 0)
    fprintf(stderr, "%s", out);
  CU_ASSERT_EQUAL(status, 0);
  char *expected = g_strdup_printf("sections=%u\n", sections);
  CU_ASSERT_PTR_NOT_NULL(strstr(out, expected));
  g_free(expected);
  g_free(out);
  g_free(script);
}

static void test_html_well_formed(void) {
  JsonNode *report = build_pool_report(MM_MODE_OPTIMAL, 4);
  char *html = mm_report_html(report);
  GPtrArray *sections = mm_report_sections(report);
  /* modes, preferences, 6 breakdowns, unmatched, gap, 4 compositions */
  CU_ASSERT_EQUAL(sections->len, 14);
  CU_ASSERT_EQUAL(count_occurrences(html, "<section>"), sections->len);
  CU_ASSERT_EQUAL(count_occurrences(html, "<svg "), sections->len);
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "@media print"));
  CU_ASSERT_PTR_NULL(strstr(html, "http")); /* self-contained: no URL */
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "suppressed"));
  char *dir = g_dir_make_tmp("mm-test-report-XXXXXX", NULL);
  char *path = g_build_filename(dir, "report.html", NULL);
  CU_ASSERT_TRUE(g_file_set_contents(path, html, -1, NULL));
  assert_page_well_formed(path, sections->len);
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  g_ptr_array_unref(sections);
  g_free(html);
  json_node_unref(report);
}

/* ---- the command ---- */

static char *example(const char *name) {
  return g_build_filename(MM_EXAMPLES_DIR, "data", name, NULL);
}

#define CLI(...)                                                               \
  ((const char *const[]){MM_CLI_PATH, "report", __VA_ARGS__, NULL})

static void test_cli_formats_and_html(void) {
  char *mentees = example("mentees.csv"), *mentors = example("mentors.csv");
  char *config = example("config.ini");
  char *dir = g_dir_make_tmp("mm-test-report-XXXXXX", NULL);
  char *page = g_build_filename(dir, "report.html", NULL);
  char *out = NULL, *err = NULL;

  CU_ASSERT_EQUAL(spawn(CLI("--mentees", mentees, "--mentors", mentors,
                            "--config", config, "--html", page),
                        &out, &err),
                  0);
  CU_ASSERT_TRUE(g_str_has_prefix(out, "Equity report\n"));
  struct stat st;
  CU_ASSERT_EQUAL_FATAL(g_stat(page, &st), 0);
  CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
  assert_page_well_formed(page, 14);
  g_free(out);
  g_free(err);

  /* JSON on stdout: the same figures the library builds. */
  CU_ASSERT_EQUAL(
      spawn(CLI("--mentees", mentees, "--mentors", mentors, "--config", config,
                "--format", "json", "--mode", "greedy", "--min-cell", "1"),
            &out, &err),
      0);
  JsonParser *parser = json_parser_new();
  CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(parser, out, -1, NULL));
  JsonObject *root = json_node_get_object(json_parser_get_root(parser));
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(root, "mode"), "greedy");
  assert_figure(root, "min_cell", 1);
  assert_figure(root, "young_people", 24);
  g_object_unref(parser);
  g_free(out);
  g_free(err);

  g_unlink(page);
  g_rmdir(dir);
  g_free(page);
  g_free(dir);
  g_free(config);
  g_free(mentors);
  g_free(mentees);
}

static void test_cli_exit_codes(void) {
  char *mentees = example("mentees.csv"), *mentors = example("mentors.csv");
  char *dir = g_dir_make_tmp("mm-test-report-XXXXXX", NULL);
  char *page = g_build_filename(dir, "report.html", NULL);
  char *bad = g_build_filename(dir, "bad.csv", NULL);
  CU_ASSERT_TRUE(g_file_set_contents(bad, "id,age\nY1,abc\n", -1, NULL));
  char *missing_dir_page = g_build_filename(dir, "no-such-dir", "r.html", NULL);

  /* Listed in the usage. */
  char *out = NULL, *err = NULL;
  const char *help[] = {MM_CLI_PATH, "--help", NULL};
  CU_ASSERT_EQUAL(spawn(help, &out, NULL), 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(out, "mentormatch report    --mentees F"));
  g_free(out);

  /* Usage errors: 2. */
  CU_ASSERT_EQUAL(spawn(CLI("--mentees", mentees), NULL, NULL), 2);
  CU_ASSERT_EQUAL(
      spawn(CLI("--mentees", mentees, "--mentors", mentors, "--mode", "best"),
            NULL, NULL),
      2);
  CU_ASSERT_EQUAL(
      spawn(CLI("--mentees", mentees, "--mentors", mentors, "--format", "csv"),
            NULL, NULL),
      2);
  CU_ASSERT_EQUAL(
      spawn(CLI("--mentees", mentees, "--mentors", mentors, "--min-cell", "0"),
            NULL, NULL),
      2);
  CU_ASSERT_EQUAL(spawn(CLI("--mentees", mentees, "--mentors", mentors,
                            "--min-cell", "1001"),
                        NULL, NULL),
                  2);
  CU_ASSERT_EQUAL(
      spawn(CLI("--mentees", mentees, "--mentors", mentors, "stray"), NULL,
            NULL),
      2);
  /* --as-of must be a real date written YYYY-MM-DD (v2). */
  CU_ASSERT_EQUAL(spawn(CLI("--mentees", mentees, "--mentors", mentors,
                            "--as-of", "2026-02-30"),
                        NULL, NULL),
                  2);
  CU_ASSERT_EQUAL(spawn(CLI("--mentees", mentees, "--mentors", mentors,
                            "--as-of", "01/12/2026"),
                        NULL, NULL),
                  2);
  CU_ASSERT_EQUAL(spawn(CLI("--mentees", mentees, "--mentors", mentors,
                            "--as-of", "2026-12-01"),
                        NULL, NULL),
                  0);
  /* The limits themselves are accepted. */
  CU_ASSERT_EQUAL(spawn(CLI("--mentees", mentees, "--mentors", mentors,
                            "--min-cell", "1000"),
                        NULL, NULL),
                  0);

  /* Bad input: 1, the problem named, and no page written. */
  CU_ASSERT_EQUAL(
      spawn(CLI("--mentees", bad, "--mentors", mentors, "--html", page), &out,
            &err),
      1);
  CU_ASSERT_PTR_NOT_NULL(strstr(err, "bad.csv:2: column age"));
  CU_ASSERT_STRING_EQUAL(out, "");
  CU_ASSERT_FALSE(g_file_test(page, G_FILE_TEST_EXISTS));
  g_free(out);
  g_free(err);

  /* A page that cannot be written: 1, and nothing on stdout either. */
  CU_ASSERT_EQUAL(spawn(CLI("--mentees", mentees, "--mentors", mentors,
                            "--html", missing_dir_page),
                        &out, &err),
                  1);
  CU_ASSERT_STRING_EQUAL(out, "");
  CU_ASSERT_PTR_NOT_NULL(strstr(err, "no-such-dir"));
  g_free(out);
  g_free(err);

  g_unlink(bad);
  g_rmdir(dir);
  g_free(missing_dir_page);
  g_free(bad);
  g_free(page);
  g_free(dir);
  g_free(mentors);
  g_free(mentees);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_overall_and_preferences),
      MM_TEST(test_breakdowns),
      MM_TEST(test_unmatched_reasons),
      MM_TEST(test_unmatched_below_min_score_and_no_mentors),
      MM_TEST(test_pool_gap),
      MM_TEST(test_composition),
      MM_TEST(test_modes_side_by_side),
      MM_TEST(test_v2_defaults),
      MM_TEST(test_suppression_threshold),
      MM_TEST(test_secondary_suppression),
      MM_TEST(test_text_rendering),
      MM_TEST(test_html_escapes_and_holds_no_ids),
      MM_TEST(test_html_well_formed),
      MM_TEST(test_cli_formats_and_html),
      MM_TEST(test_cli_exit_codes),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("report", tests);
}
