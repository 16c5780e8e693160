/* test-score.c: pair scoring, hard rules, explanations and the mentor side
 * (lib/criteria.h, criteria.c, encoding.c, rules.c, score.c, explain.c,
 * mentor-side.c).
 *
 * Every criterion is checked on hand-worked pairs (the arithmetic is in the
 * comments), every rule on a pair that breaks it and one that just does not,
 * the reasons word for word, and on random pools the central invariant: the
 * explainer gives exactly the row scorer's score, and its contributions add
 * up to it.
 *
 * Default weights: interests 3, care_experience 3, gender 2, ethnicity 2,
 * religion 1, age 2, language 1, mentor_type 1, needs 3, aspirations 2,
 * availability 2, distance 2, choice 4. A stated preference doubles its
 * weight; a peer mentor doubles care_experience. */
#include "test-common.h"
#include "config-private.h"
#include "criteria.h"
#include "mentor-reach.h"
#include "mentor-side.h"
#include "score-private.h"

#include <math.h>
#include <string.h>

/* ---- helpers ---- */

/* Checks criterion @c of pair (@i, @j); reports failures at the caller's
 * line. A NULL @config means the defaults. */
static void expect_criterion(const MmPool *pool, const MmConfig *config,
                             guint i, guint j, MmCriterion c, gboolean applies,
                             double value, double weight, int line) {
  g_autoptr(MmConfig) defaults = mm_config_new();
  MmExplanation *e = mm_explain_pair(pool, config ? config : defaults, i, j);
  char *where = g_strdup_printf("pair (%u, %u) criterion %s", i, j,
                                mm_criterion_name(c));
  CU_assertImplementation(mm_explanation_applies(e, c) == applies,
                          (unsigned)line, where, __FILE__, "", CU_FALSE);
  CU_assertImplementation(fabs(mm_explanation_value(e, c) - value) <= 1e-9,
                          (unsigned)line, where, __FILE__, "", CU_FALSE);
  CU_assertImplementation(fabs(mm_explanation_weight(e, c) - weight) <= 1e-9,
                          (unsigned)line, where, __FILE__, "", CU_FALSE);
  if (mm_explanation_applies(e, c) != applies ||
      fabs(mm_explanation_value(e, c) - value) > 1e-9 ||
      fabs(mm_explanation_weight(e, c) - weight) > 1e-9)
    fprintf(stderr, "  line %d: %s: applies %d value %.12g weight %g\n", line,
            where, mm_explanation_applies(e, c), mm_explanation_value(e, c),
            mm_explanation_weight(e, c));
  g_free(where);
  mm_explanation_free(e);
}
#define EXPECT(pool, i, j, c, applies, value, weight)                          \
  expect_criterion(pool, NULL, i, j, MM_CRITERION_##c, applies, value, weight, \
                   __LINE__)
#define EXPECT_NONE(pool, i, j, c) EXPECT(pool, i, j, c, FALSE, 0.0, 0.0)

static guint32 broken_rules(const MmPool *pool, const MmConfig *config,
                            guint i, guint j) {
  g_autoptr(MmConfig) defaults = mm_config_new();
  MmExplanation *e = mm_explain_pair(pool, config ? config : defaults, i, j);
  guint32 broken = mm_explanation_broken_rules(e);
  mm_explanation_free(e);
  return broken;
}
#define RULE(r) (1u << MM_RULE_##r)

static double pair_score(const MmPool *pool, const MmConfig *config, guint i,
                         guint j) {
  g_autoptr(MmConfig) defaults = mm_config_new();
  MmExplanation *e = mm_explain_pair(pool, config ? config : defaults, i, j);
  double score = mm_explanation_score(e);
  mm_explanation_free(e);
  return score;
}

static char *reasons(const MmPool *pool, guint i, guint j) {
  g_autoptr(MmConfig) defaults = mm_config_new();
  MmExplanation *e = mm_explain_pair(pool, defaults, i, j);
  char *text = mm_explanation_reasons_text(e);
  mm_explanation_free(e);
  return text;
}

/* Independent great-circle distance: the haversine formula on lat/lon. */
static double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  double rad = G_PI / 180.0;
  double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  double h = sin(dlat / 2) * sin(dlat / 2) +
             cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
  return 2.0 * 6371.0088 * asin(sqrt(h));
}

/* ---- one test per criterion ---- */

static void test_interests(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,interests\n"
      "YP1,15,football;music;cooking;art\n"
      "YP2,15,\n",
      "id,age,checks_cleared,interests\n"
      "M1,30,yes,Music;art\n"
      "M2,30,yes,art;music;football;cooking\n"
      "M3,30,yes,\n");
  EXPECT(pool, 0, 0, INTERESTS, TRUE, 2.0 / 3.0, 3.0); /* 2 shared of 3 */
  EXPECT(pool, 0, 1, INTERESTS, TRUE, 1.0, 3.0);       /* min(4, 3) / 3 */
  EXPECT(pool, 0, 2, INTERESTS, TRUE, 0.0, 3.0);       /* mentor lists none */
  EXPECT_NONE(pool, 1, 0, INTERESTS);                  /* mentee lists none */
  mm_pool_free(pool);
}

static void test_care_experience(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,care_experienced,pref_care_experienced\n"
      "YP1,15,yes,\n"
      "YP2,15,no,yes\n"
      "YP3,15,,\n"
      "YP4,15,yes,no\n",
      "id,age,checks_cleared,care_experienced,mentor_type\n"
      "M1,30,yes,yes,volunteer\n"
      "M2,20,yes,yes,peer\n"
      "M3,30,yes,no,volunteer\n"
      "M4,30,yes,,paid\n");
  EXPECT(pool, 0, 0, CARE_EXPERIENCE, TRUE, 1.0, 3.0);  /* both: w 3 */
  EXPECT(pool, 0, 1, CARE_EXPERIENCE, TRUE, 1.0, 6.0);  /* peer: 3 x 2 */
  EXPECT(pool, 0, 2, CARE_EXPERIENCE, TRUE, 0.0, 3.0);
  EXPECT(pool, 0, 3, CARE_EXPERIENCE, TRUE, 0.0, 3.0);  /* unknown: v 0 */
  EXPECT(pool, 1, 0, CARE_EXPERIENCE, TRUE, 1.0, 6.0);  /* stated: 3 x 2 */
  EXPECT(pool, 1, 1, CARE_EXPERIENCE, TRUE, 1.0, 12.0); /* stated peer: 3x2x2 */
  EXPECT(pool, 1, 2, CARE_EXPERIENCE, TRUE, 0.0, 6.0);
  EXPECT_NONE(pool, 2, 0, CARE_EXPERIENCE);
  EXPECT_NONE(pool, 2, 1, CARE_EXPERIENCE);
  EXPECT(pool, 3, 0, CARE_EXPERIENCE, TRUE, 1.0, 3.0); /* "no" states nothing */
  mm_pool_free(pool);
}

static void test_gender(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,gender,pref_gender\n"
      "YP1,15,female,female;non-binary\n"
      "YP2,15,male,\n"
      "YP3,15,,\n"
      "YP4,15,female,\n",
      "id,age,checks_cleared,gender,pref_mentee_gender,must\n"
      "M1,30,yes,male,,\n"
      "M2,30,yes,non-binary,,\n"
      "M3,30,yes,,,\n"
      "M4,30,yes,female,male,\n"
      "M5,30,yes,,male,\n"
      "M6,30,yes,male,female,gender\n");
  /* Stated (w 2 x 2 = 4): the mentor's gender in the list. */
  EXPECT(pool, 0, 0, GENDER, TRUE, 0.0, 4.0);
  EXPECT(pool, 0, 1, GENDER, TRUE, 1.0, 4.0);
  EXPECT(pool, 0, 2, GENDER, TRUE, 0.0, 4.0); /* mentor's gender unknown */
  /* Met, but the mentor would soft-prefer a male mentee: 1 x 0.5. */
  EXPECT(pool, 0, 3, GENDER, TRUE, 0.5, 4.0);
  EXPECT(pool, 0, 4, GENDER, TRUE, 0.0, 4.0); /* 0 x 0.5 */
  /* M6's preference is a must: a rule, never a factor. */
  EXPECT(pool, 0, 5, GENDER, TRUE, 0.0, 4.0);
  /* Unstated (w 2): same gender when both known. */
  EXPECT(pool, 1, 0, GENDER, TRUE, 1.0, 2.0);
  EXPECT(pool, 1, 1, GENDER, TRUE, 0.0, 2.0);
  EXPECT_NONE(pool, 1, 2, GENDER);
  EXPECT(pool, 1, 3, GENDER, TRUE, 0.0, 2.0); /* different; M4 wants male */
  /* M5's gender is unknown but it prefers male mentees: applies, v 1. */
  EXPECT(pool, 1, 4, GENDER, TRUE, 1.0, 2.0);
  EXPECT(pool, 1, 5, GENDER, TRUE, 1.0, 2.0);
  EXPECT_NONE(pool, 2, 0, GENDER);
  EXPECT_NONE(pool, 2, 4, GENDER); /* the mentee's gender unknown */
  EXPECT(pool, 3, 4, GENDER, TRUE, 0.5, 2.0); /* female, M5 prefers male */
  mm_pool_free(pool);
}

static void test_ethnicity(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,ethnicity,pref_ethnicity\n"
      "YP1,15,White: Irish,White: Irish\n"
      "YP2,15,,Black\n"
      "YP3,15,Black: African,same\n"
      "YP4,15,Black: African,same-group\n"
      "YP5,15,Black: African,different-group\n"
      "YP6,15,Black: African,\n"
      "YP7,15,Asian,\n",
      "id,age,checks_cleared,ethnicity\n"
      "M1,30,yes,White: Irish\n"
      "M2,30,yes,Black: African\n"
      "M3,30,yes,Black\n"
      "M4,30,yes,Black: Caribbean\n"
      "M5,30,yes,\n"
      "M6,30,yes,Asian\n");
  /* Stated (w 2 x 2 = 4). A full ethnicity listed: */
  EXPECT(pool, 0, 0, ETHNICITY, TRUE, 1.0, 4.0);
  EXPECT(pool, 0, 1, ETHNICITY, TRUE, 0.0, 4.0);
  /* A group listed covers every detail of it: */
  EXPECT(pool, 1, 1, ETHNICITY, TRUE, 1.0, 4.0);
  EXPECT(pool, 1, 2, ETHNICITY, TRUE, 1.0, 4.0);
  EXPECT(pool, 1, 3, ETHNICITY, TRUE, 1.0, 4.0);
  EXPECT(pool, 1, 0, ETHNICITY, TRUE, 0.0, 4.0);
  EXPECT(pool, 1, 4, ETHNICITY, TRUE, 0.0, 4.0); /* mentor's unknown */
  /* "same": same full ethnicity, or same group when a detail is missing. */
  EXPECT(pool, 2, 1, ETHNICITY, TRUE, 1.0, 4.0);
  EXPECT(pool, 2, 2, ETHNICITY, TRUE, 1.0, 4.0);
  EXPECT(pool, 2, 3, ETHNICITY, TRUE, 0.0, 4.0);
  EXPECT(pool, 2, 4, ETHNICITY, TRUE, 0.0, 4.0);
  /* "same-group": */
  EXPECT(pool, 3, 1, ETHNICITY, TRUE, 1.0, 4.0);
  EXPECT(pool, 3, 2, ETHNICITY, TRUE, 1.0, 4.0);
  EXPECT(pool, 3, 3, ETHNICITY, TRUE, 1.0, 4.0);
  EXPECT(pool, 3, 0, ETHNICITY, TRUE, 0.0, 4.0);
  /* "different-group": groups known and different. */
  EXPECT(pool, 4, 0, ETHNICITY, TRUE, 1.0, 4.0);
  EXPECT(pool, 4, 5, ETHNICITY, TRUE, 1.0, 4.0);
  EXPECT(pool, 4, 1, ETHNICITY, TRUE, 0.0, 4.0);
  EXPECT(pool, 4, 4, ETHNICITY, TRUE, 0.0, 4.0); /* unknown is not different */
  /* Unstated (w 2): 1 same full, 0.5 same group only, 0 otherwise. */
  EXPECT(pool, 5, 1, ETHNICITY, TRUE, 1.0, 2.0);
  EXPECT(pool, 5, 3, ETHNICITY, TRUE, 0.5, 2.0);
  EXPECT(pool, 5, 2, ETHNICITY, TRUE, 0.5, 2.0); /* mentor gave group only */
  EXPECT(pool, 5, 0, ETHNICITY, TRUE, 0.0, 2.0);
  EXPECT_NONE(pool, 5, 4, ETHNICITY);
  EXPECT(pool, 6, 5, ETHNICITY, TRUE, 0.5, 2.0); /* both "Asian", no detail */
  EXPECT(pool, 6, 0, ETHNICITY, TRUE, 0.0, 2.0);
  mm_pool_free(pool);
}

static void test_religion(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,religion,pref_religion\n"
      "YP1,15,christian,muslim;none\n"
      "YP2,15,christian,same\n"
      "YP3,15,christian,\n"
      "YP4,15,,\n",
      "id,age,checks_cleared,religion\n"
      "M1,30,yes,Muslim\n"
      "M2,30,yes,christian\n"
      "M3,30,yes,\n");
  EXPECT(pool, 0, 0, RELIGION, TRUE, 1.0, 2.0); /* stated: 1 x 2 */
  EXPECT(pool, 0, 1, RELIGION, TRUE, 0.0, 2.0);
  EXPECT(pool, 0, 2, RELIGION, TRUE, 0.0, 2.0);
  EXPECT(pool, 1, 1, RELIGION, TRUE, 1.0, 2.0); /* "same" */
  EXPECT(pool, 1, 0, RELIGION, TRUE, 0.0, 2.0);
  EXPECT(pool, 2, 1, RELIGION, TRUE, 1.0, 1.0); /* unstated: w 1 */
  EXPECT(pool, 2, 0, RELIGION, TRUE, 0.0, 1.0);
  EXPECT_NONE(pool, 2, 2, RELIGION);
  EXPECT_NONE(pool, 3, 1, RELIGION);
  mm_pool_free(pool);
}

static void test_age(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,pref_age_min,pref_age_max\n"
      "YP1,15,,\n"
      "YP2,15,20,30\n"
      "YP3,15,25,\n",
      "id,age,checks_cleared,mentor_type\n"
      "M1,19,yes,volunteer\n" /* gap 4 */
      "M2,60,yes,volunteer\n" /* gap 45 */
      "M3,16,yes,peer\n"      /* gap 1 */
      "M4,24,yes,peer\n"      /* gap 9 */
      "M5,21,yes,peer\n"      /* gap 6 */
      "M6,32,yes,volunteer\n" /* gap 17 */
      "M7,25,yes,paid\n"      /* gap 10 */
      "M8,40,yes,natural\n"   /* gap 25 */
      "M9,17,yes,paid\n"      /* gap 2 */
      "M10,70,yes,paid\n");   /* gap 55 */
  /* Unstated (w 2). Adults: 0 at 2, 1 on [6, 35], 0 at 55. */
  EXPECT(pool, 0, 0, AGE, TRUE, 0.5, 2.0);  /* (4 - 2) / (6 - 2) */
  EXPECT(pool, 0, 1, AGE, TRUE, 0.5, 2.0);  /* (55 - 45) / (55 - 35) */
  EXPECT(pool, 0, 7, AGE, TRUE, 1.0, 2.0);
  EXPECT(pool, 0, 8, AGE, TRUE, 0.0, 2.0);
  EXPECT(pool, 0, 9, AGE, TRUE, 0.0, 2.0);
  EXPECT(pool, 0, 5, AGE, TRUE, 1.0, 2.0);
  /* Peers: 0 at 0, 1 on [2, 6], 0 at 12. */
  EXPECT(pool, 0, 2, AGE, TRUE, 0.5, 2.0);  /* (1 - 0) / (2 - 0) */
  EXPECT(pool, 0, 3, AGE, TRUE, 0.5, 2.0);  /* (12 - 9) / (12 - 6) */
  EXPECT(pool, 0, 4, AGE, TRUE, 1.0, 2.0);
  /* Stated [20, 30] (w 4): 1 inside, 1 - years outside / 5. */
  EXPECT(pool, 1, 5, AGE, TRUE, 0.6, 4.0);  /* 32: 2 over, 1 - 2/5 */
  EXPECT(pool, 1, 6, AGE, TRUE, 1.0, 4.0);
  EXPECT(pool, 1, 7, AGE, TRUE, 0.0, 4.0);  /* 40: 10 over */
  EXPECT(pool, 1, 0, AGE, TRUE, 0.8, 4.0);  /* 19: 1 under */
  EXPECT(pool, 1, 4, AGE, TRUE, 1.0, 4.0);  /* 21, a peer: range still rules */
  /* Only a minimum, 25. */
  EXPECT(pool, 2, 4, AGE, TRUE, 0.2, 4.0);  /* 21: 4 under, 1 - 4/5 */
  EXPECT(pool, 2, 6, AGE, TRUE, 1.0, 4.0);
  EXPECT(pool, 2, 9, AGE, TRUE, 1.0, 4.0);
  mm_pool_free(pool);
}

static void test_language(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,languages,pref_language\n"
      "YP1,15,English,Polish\n"
      "YP2,15,English;Urdu,\n"
      "YP3,15,,\n",
      "id,age,checks_cleared,languages\n"
      "M1,30,yes,English;polish\n"
      "M2,30,yes,English\n"
      "M3,30,yes,Urdu\n"
      "M4,30,yes,\n");
  EXPECT(pool, 0, 0, LANGUAGE, TRUE, 1.0, 2.0); /* stated: 1 x 2 */
  EXPECT(pool, 0, 1, LANGUAGE, TRUE, 0.0, 2.0);
  EXPECT(pool, 0, 3, LANGUAGE, TRUE, 0.0, 2.0);
  EXPECT(pool, 1, 1, LANGUAGE, TRUE, 1.0, 1.0);
  EXPECT(pool, 1, 2, LANGUAGE, TRUE, 1.0, 1.0);
  EXPECT_NONE(pool, 1, 3, LANGUAGE);
  EXPECT_NONE(pool, 2, 0, LANGUAGE);
  mm_pool_free(pool);
}

static void test_mentor_type(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,pref_mentor_type\n"
      "YP1,15,peer;natural\n"
      "YP2,15,\n",
      "id,age,checks_cleared,mentor_type\n"
      "M1,20,yes,peer\n"
      "M2,30,yes,paid\n"
      "M3,30,yes,natural\n"
      "M4,30,yes,\n");
  EXPECT(pool, 0, 0, MENTOR_TYPE, TRUE, 1.0, 2.0); /* only ever stated: 1 x 2 */
  EXPECT(pool, 0, 1, MENTOR_TYPE, TRUE, 0.0, 2.0);
  EXPECT(pool, 0, 2, MENTOR_TYPE, TRUE, 1.0, 2.0);
  EXPECT(pool, 0, 3, MENTOR_TYPE, TRUE, 0.0, 2.0); /* default volunteer */
  EXPECT_NONE(pool, 1, 0, MENTOR_TYPE);
  mm_pool_free(pool);
}

static void test_needs_aspirations_availability(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,needs,aspirations,availability\n"
      "YP1,15,trauma;sen;employability,construction;health,"
      "sat-am;wed-eve;sun-pm\n"
      "YP2,15,,,\n",
      "id,age,checks_cleared,skills,sectors,availability\n"
      "M1,30,yes,trauma-informed;sen,health,sat-am\n"
      "M2,30,yes,,construction;health;digital,sat-am;wed-eve\n"
      "M3,30,yes,Trauma informed;employability;sen;mental-health,,mon-am\n");
  EXPECT(pool, 0, 0, NEEDS, TRUE, 2.0 / 3.0, 3.0); /* trauma, sen of 3 */
  EXPECT(pool, 0, 1, NEEDS, TRUE, 0.0, 3.0);
  EXPECT(pool, 0, 2, NEEDS, TRUE, 1.0, 3.0);
  EXPECT(pool, 0, 0, ASPIRATIONS, TRUE, 0.5, 2.0); /* health of 2 */
  EXPECT(pool, 0, 1, ASPIRATIONS, TRUE, 1.0, 2.0);
  EXPECT(pool, 0, 2, ASPIRATIONS, TRUE, 0.0, 2.0);
  EXPECT(pool, 0, 0, AVAILABILITY, TRUE, 0.5, 2.0); /* 1 slot of 2 */
  EXPECT(pool, 0, 1, AVAILABILITY, TRUE, 1.0, 2.0);
  EXPECT(pool, 0, 2, AVAILABILITY, TRUE, 0.0, 2.0);
  EXPECT_NONE(pool, 1, 2, NEEDS);
  EXPECT_NONE(pool, 1, 1, ASPIRATIONS);
  EXPECT_NONE(pool, 1, 1, AVAILABILITY);
  mm_pool_free(pool);
}

static void test_distance(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,lat,lon,remote\n"
      "YP1,15,51.5,-0.1,no\n"
      "YP2,15,51.5,-0.1,yes\n"
      "YP3,15,,,\n",
      "id,age,checks_cleared,training_hours,lat,lon,remote,max_distance_km\n"
      "M1,30,yes,3,51.6,-0.1,,\n"
      "M2,30,yes,3,51.6,-0.1,,10\n"
      "M3,30,yes,3,51.6,-0.1,yes,\n"
      "M4,30,yes,3,,,,\n"
      "M5,30,yes,3,51.5,-0.1,,\n"
      "M6,30,yes,3,52.5,-0.1,,\n"
      "M7,30,yes,3,51.5,0.1,,\n");
  /* 0.1 degree of latitude: 6371.0088 x 0.1 x pi / 180 = 11.1195 km. */
  double d = 6371.0088 * 0.1 * G_PI / 180.0;
  CU_ASSERT_DOUBLE_EQUAL(d, haversine_km(51.5, -0.1, 51.6, -0.1), 1e-9);
  EXPECT(pool, 0, 0, DISTANCE, TRUE, 1.0 - d / 30.0, 2.0);
  EXPECT(pool, 0, 1, DISTANCE, TRUE, 0.0, 2.0); /* mentor's limit 10 km */
  EXPECT(pool, 0, 2, DISTANCE, TRUE, 1.0 - d / 30.0, 2.0); /* one remote */
  EXPECT_NONE(pool, 1, 2, DISTANCE);                       /* both remote */
  EXPECT(pool, 1, 0, DISTANCE, TRUE, 1.0 - d / 30.0, 2.0);
  EXPECT_NONE(pool, 0, 3, DISTANCE);
  EXPECT_NONE(pool, 2, 0, DISTANCE);
  EXPECT(pool, 0, 4, DISTANCE, TRUE, 1.0, 2.0); /* same place */
  EXPECT(pool, 0, 5, DISTANCE, TRUE, 0.0, 2.0); /* 111 km */
  /* Across longitude, against the haversine formula. */
  double east = haversine_km(51.5, -0.1, 51.5, 0.1); /* about 13.85 km */
  EXPECT(pool, 0, 6, DISTANCE, TRUE, 1.0 - east / 30.0, 2.0);

  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 0), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 1), RULE(DISTANCE));
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 5), RULE(DISTANCE));
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 1, 2), 0);
  g_autoptr(MmConfig) near = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_max_distance_km(near, 11.0, NULL));
  CU_ASSERT_EQUAL(broken_rules(pool, near, 0, 0), RULE(DISTANCE));
  CU_ASSERT_EQUAL(broken_rules(pool, near, 0, 4), 0);
  expect_criterion(pool, near, 0, 6, MM_CRITERION_DISTANCE, TRUE, 0.0, 2.0,
                   __LINE__);
  mm_pool_free(pool);
}

static void test_choice(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,preferred_mentors\n"
      "YP1,15,M2;M1\n"
      "YP2,15,\n"
      "YP3,15,M3;M2;M1\n",
      "id,age,checks_cleared\n"
      "M1,30,yes\n"
      "M2,30,yes\n"
      "M3,30,yes\n");
  /* Not multiplied by the stated factor: w stays 4. */
  EXPECT(pool, 0, 1, CHOICE, TRUE, 1.0, 4.0);  /* first: 0.75^0 */
  EXPECT(pool, 0, 0, CHOICE, TRUE, 0.75, 4.0); /* second: 0.75^1 */
  EXPECT(pool, 0, 2, CHOICE, TRUE, 0.0, 4.0);  /* not named */
  EXPECT_NONE(pool, 1, 0, CHOICE);
  EXPECT(pool, 2, 0, CHOICE, TRUE, 0.5625, 4.0); /* third: 0.75^2 */
  mm_pool_free(pool);
}

/* ---- whole scores ---- */

static void test_score_hand_worked(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,gender,pref_gender,interests,care_experienced\n"
      "YP1,15,,,football;music,yes\n"
      "YP2,15,female,female,football;music,yes\n",
      "id,age,checks_cleared,training_hours,gender,interests,"
      "care_experienced\n"
      "M1,30,yes,3,female,music,yes\n");
  /* YP1-M1: interests w3 v1/3, care w3 v1, age (gap 15) w2 v1; gender does
   * not apply (YP1's unknown). 100 x (1 + 3 + 2) / (3 + 3 + 2) = 75. */
  MM_ASSERT_CLOSE(pair_score(pool, NULL, 0, 0), 75.0);
  /* YP2-M1 adds gender as stated (w 4, v 1):
   * 100 x (1 + 3 + 4 + 2) / (3 + 3 + 4 + 2) = 83.333... */
  g_autoptr(MmConfig) config = mm_config_new();
  MmExplanation *e = mm_explain_pair(pool, config, 1, 0);
  MM_ASSERT_CLOSE(mm_explanation_score(e), 1000.0 / 12.0);
  MM_ASSERT_CLOSE(mm_explanation_contribution(e, MM_CRITERION_INTERESTS),
                  100.0 / 12.0);
  MM_ASSERT_CLOSE(mm_explanation_contribution(e, MM_CRITERION_CARE_EXPERIENCE),
                  300.0 / 12.0);
  MM_ASSERT_CLOSE(mm_explanation_contribution(e, MM_CRITERION_GENDER),
                  400.0 / 12.0);
  MM_ASSERT_CLOSE(mm_explanation_contribution(e, MM_CRITERION_AGE),
                  200.0 / 12.0);
  MM_ASSERT_CLOSE(mm_explanation_contribution(e, MM_CRITERION_RELIGION), 0.0);

  /* The row scorer agrees to the last bit. */
  double scores[1];
  guint32 broken[1];
  mm_score_mentee(pool, config, 1, scores, broken);
  CU_ASSERT_EQUAL(scores[0], mm_explanation_score(e));
  CU_ASSERT_EQUAL(broken[0], 0);
  mm_explanation_free(e);
  mm_score_mentee(pool, config, 0, scores, NULL); /* @broken is nullable */
  MM_ASSERT_CLOSE(scores[0], 75.0);

  /* Weights from the config: interests doubled to 6 gives YP1-M1
   * 100 x (2 + 3 + 2) / (6 + 3 + 2) = 63.63... */
  CU_ASSERT_TRUE(mm_config_set_weight(config, MM_CRITERION_INTERESTS, 6.0,
                                      NULL));
  MM_ASSERT_CLOSE(pair_score(pool, config, 0, 0), 700.0 / 11.0);
  mm_pool_free(pool);
}

static void test_score_no_weight(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age\nYP1,15\n", "id,age,checks_cleared,training_hours\nM1,30,yes,3\n");
  /* Only choice keeps a weight, and YP1 names nobody: nothing counts. */
  g_autoptr(MmConfig) config = mm_config_new();
  for (guint c = 0; c < MM_N_CRITERIA; c++)
    if (c != MM_CRITERION_CHOICE)
      CU_ASSERT_TRUE(mm_config_set_weight(config, c, 0.0, NULL));
  MmExplanation *e = mm_explain_pair(pool, config, 0, 0);
  CU_ASSERT_EQUAL(mm_explanation_score(e), 0.0);
  /* Age applies but weighs 0, so it adds nothing and gives no reason. */
  CU_ASSERT_TRUE(mm_explanation_applies(e, MM_CRITERION_AGE));
  CU_ASSERT_EQUAL(mm_explanation_weight(e, MM_CRITERION_AGE), 0.0);
  CU_ASSERT_EQUAL(mm_explanation_contribution(e, MM_CRITERION_AGE), 0.0);
  CU_ASSERT_EQUAL(mm_explanation_n_reasons(e), 0);
  /* 0 is not below min_score 0. */
  CU_ASSERT_EQUAL(mm_explanation_broken_rules(e), 0);
  mm_explanation_free(e);
  mm_pool_free(pool);
}

/* ---- hard rules ---- */

static void test_rules_mentor(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,gender\n"
      "YP1,15,female\n"
      "YP2,15,\n",
      "id,age,checks_cleared,training_hours,mentee_age_min,mentee_age_max,"
      "pref_mentee_gender,must\n"
      "M1,30,yes,3,,,,\n"
      "M2,30,no,5,,,,\n"
      "M3,30,yes,2.5,,,,\n"
      "M4,16,yes,3,,,,\n"
      "M5,17,yes,3,,,,\n"
      "M6,30,yes,3,16,,,\n"
      "M7,30,yes,3,,14,,\n"
      "M8,30,yes,3,15,15,,\n"
      "M9,30,yes,3,,,male,gender\n"
      "M10,30,yes,3,,,female,gender\n"
      "M11,16,no,0,,,,\n");
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 0), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 1), RULE(CHECKS));
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 2), RULE(TRAINING)); /* 2.5 < 3 */
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 3), RULE(AGE_GAP)); /* 1 < 2 */
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 4), 0);             /* gap 2 */
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 5), RULE(AGE_RANGE)); /* 15<16 */
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 6), RULE(AGE_RANGE)); /* 15>14 */
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 7), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 8), RULE(MENTOR_MUST_GENDER));
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 9), 0);
  /* A mentee whose gender is unknown cannot meet a mentor's must. */
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 1, 9), RULE(MENTOR_MUST_GENDER));
  /* Every broken rule is reported, not just the first. */
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 10),
                  RULE(CHECKS) | RULE(TRAINING) | RULE(AGE_GAP));

  /* The rules follow the config. */
  g_autoptr(MmConfig) lax = mm_config_new();
  mm_config_set_require_checks(lax, FALSE);
  CU_ASSERT_TRUE(mm_config_set_min_training_hours(lax, 2.5, NULL));
  CU_ASSERT_TRUE(mm_config_set_min_age_gap(lax, 1, NULL));
  CU_ASSERT_EQUAL(broken_rules(pool, lax, 0, 1), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, lax, 0, 2), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, lax, 0, 3), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, lax, 0, 10), RULE(TRAINING));
  mm_pool_free(pool);
}

static void test_rules_mentee(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,gender,must,pref_gender,pref_ethnicity,pref_religion,"
      "pref_care_experienced,pref_age_min,pref_age_max,pref_mentor_type,"
      "pref_language,excluded_mentors\n"
      "A,15,female,gender,female,,,,,,,,\n"
      "B,15,,ethnicity,,Black,,,,,,,\n"
      "C,15,,religion,,,muslim,,,,,,\n"
      "D,15,,care_experienced,,,,yes,,,,,\n"
      "E,15,,age,,,,,25,35,,,\n"
      "F,15,,mentor_type,,,,,,,peer,,\n"
      "G,15,,language,,,,,,,,Polish,\n"
      "H,15,,gender;age,female,,,,,35,,,\n"
      "I,15,,,male,,,,,,,,\n"
      "J,15,female,gender,female,,,,,,,,\n"
      "K,15,,,,,,,,,,,N2\n",
      "id,age,checks_cleared,training_hours,gender,ethnicity,religion,"
      "care_experienced,mentor_type,languages,pref_mentee_gender\n"
      "N1,30,yes,3,female,White: British,christian,yes,volunteer,English,\n"
      "N2,40,yes,3,male,Black: African,muslim,no,peer,Polish,\n"
      "N3,30,yes,3,female,,,,,,male\n");
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 0), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 0, 1), RULE(MUST_GENDER));
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 1, 0), RULE(MUST_ETHNICITY));
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 1, 1), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 2, 0), RULE(MUST_RELIGION));
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 2, 1), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 3, 1), RULE(MUST_CARE_EXPERIENCED));
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 3, 0), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 4, 1), RULE(MUST_AGE)); /* 40 */
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 4, 0), 0);              /* 30 */
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 5, 0), RULE(MUST_MENTOR_TYPE));
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 5, 1), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 6, 0), RULE(MUST_LANGUAGE));
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 6, 1), 0);
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 7, 1),
                  RULE(MUST_GENDER) | RULE(MUST_AGE));
  /* Stated without must: it only weighs. */
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 8, 0), 0);
  /* J's stated gender is met by N3; N3's soft wish for a male mentee halves
   * the gender value but is not J's requirement failing. */
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 9, 2), 0);
  EXPECT(pool, 9, 2, GENDER, TRUE, 0.5, 4.0);
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 10, 1), RULE(EXCLUDED));
  CU_ASSERT_EQUAL(broken_rules(pool, NULL, 10, 0), 0);
  mm_pool_free(pool);
}

static void test_rule_min_score(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,gender,pref_gender,interests,care_experienced\n"
      "YP1,15,,,football;music,yes\n"
      "YP2,15,female,female,football;music,yes\n",
      "id,age,checks_cleared,training_hours,gender,interests,"
      "care_experienced\n"
      "M1,30,yes,3,female,music,yes\n");
  /* Scores 75 and 83.33 (test_score_hand_worked). */
  g_autoptr(MmConfig) config = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_min_score(config, 80.0, NULL));
  CU_ASSERT_EQUAL(broken_rules(pool, config, 0, 0), RULE(MIN_SCORE));
  CU_ASSERT_EQUAL(broken_rules(pool, config, 1, 0), 0);
  CU_ASSERT_TRUE(mm_config_set_min_score(config, 75.0, NULL));
  CU_ASSERT_EQUAL(broken_rules(pool, config, 0, 0), 0); /* not below */
  mm_pool_free(pool);
}

static void test_rule_names(void) {
  CU_ASSERT_STRING_EQUAL(mm_rule_name(MM_RULE_CHECKS), "checks");
  CU_ASSERT_STRING_EQUAL(mm_rule_name(MM_RULE_TRAINING), "training");
  CU_ASSERT_STRING_EQUAL(mm_rule_name(MM_RULE_EXCLUDED), "excluded");
  CU_ASSERT_STRING_EQUAL(mm_rule_name(MM_RULE_MUST_GENDER), "must:gender");
  CU_ASSERT_STRING_EQUAL(mm_rule_name(MM_RULE_MUST_CARE_EXPERIENCED),
                         "must:care_experienced");
  CU_ASSERT_STRING_EQUAL(mm_rule_name(MM_RULE_MUST_LANGUAGE), "must:language");
  CU_ASSERT_STRING_EQUAL(mm_rule_name(MM_RULE_MENTOR_MUST_GENDER),
                         "mentor_must:gender");
  CU_ASSERT_STRING_EQUAL(mm_rule_name(MM_RULE_AGE_RANGE), "age_range");
  CU_ASSERT_STRING_EQUAL(mm_rule_name(MM_RULE_AGE_GAP), "age_gap");
  CU_ASSERT_STRING_EQUAL(mm_rule_name(MM_RULE_DISTANCE), "distance");
  CU_ASSERT_STRING_EQUAL(mm_rule_name(MM_RULE_MIN_SCORE), "min_score");
  CU_ASSERT_PTR_NULL(mm_rule_name(MM_N_RULES));
  CU_ASSERT_PTR_NULL(mm_rule_describe(MM_N_RULES));
  /* Every rule has a distinct name and a description, and each must rule
   * is named after its preference. */
  for (guint r = 0; r < MM_N_RULES; r++) {
    CU_ASSERT_PTR_NOT_NULL(mm_rule_name(r));
    CU_ASSERT_TRUE(strlen(mm_rule_describe(r)) > 10);
    for (guint s = 0; s < r; s++)
      CU_ASSERT_STRING_NOT_EQUAL(mm_rule_name(r), mm_rule_name(s));
  }
  CU_ASSERT_STRING_EQUAL(mm_rule_describe(MM_RULE_CHECKS),
                         "mentor's safeguarding checks not cleared");
}

static void test_rules_summary(void) {
  guint counts[MM_N_RULES] = {0};
  char *text = mm_rules_summary(counts);
  CU_ASSERT_STRING_EQUAL(text, "");
  g_free(text);
  counts[MM_RULE_CHECKS] = 3;
  counts[MM_RULE_MUST_GENDER] = 14;
  counts[MM_RULE_DISTANCE] = 6;
  text = mm_rules_summary(counts);
  CU_ASSERT_STRING_EQUAL(text, "14 must:gender, 6 distance, 3 checks");
  g_free(text);
  /* Ties keep MmRule order. */
  counts[MM_RULE_MIN_SCORE] = 6;
  counts[MM_RULE_TRAINING] = 6;
  text = mm_rules_summary(counts);
  CU_ASSERT_STRING_EQUAL(
      text, "14 must:gender, 6 training, 6 distance, 6 min_score, 3 checks");
  g_free(text);
}

/* ---- reasons ---- */

static void test_reasons_for(void) {
  /* The two are 0.06 degrees of longitude apart at 51.5 N: about 4.15 km. */
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,gender,pref_gender,ethnicity,interests,care_experienced,needs,"
      "aspirations,languages,pref_language,availability,lat,lon,"
      "preferred_mentors\n"
      "YP1,15,female,female,Black: African,Football;Music;Cooking;Art,yes,"
      "trauma;sen,construction,Polish;English,Polish,sat-am;wed-eve,51.5,"
      "-0.1,M1\n",
      "id,age,checks_cleared,training_hours,mentor_type,gender,ethnicity,"
      "interests,care_experienced,skills,sectors,languages,availability,lat,"
      "lon\n"
      "M1,20,yes,3,peer,female,Black: Caribbean,football;music;cooking,yes,"
      "trauma-informed;sen,construction,polish,sat-am;wed-eve;sun-pm,51.5,"
      "-0.04\n");
  /* Weighted values, the order of the reasons: care (peer) 3x2 = 6;
   * gender (stated) 4 and choice 4, ties in criterion order; interests 3,
   * needs 3; age (peer, gap 5, in [2, 6]) 2, language (stated) 2,
   * aspirations 2, availability 2; distance 2 x (1 - 4.15/30) = 1.72;
   * ethnicity (same group only) 2 x 0.5 = 1. Lists are in the order the
   * tokens were first seen (the mentee file is read first), with their
   * first spelling; slots run from Monday. */
  char *text = reasons(pool, 0, 0);
  CU_ASSERT_STRING_EQUAL(
      text, "care-experienced peer mentor; "
            "mentor gender as the young person asked; "
            "named by the young person as first choice; "
            "shares 3 interests: Football, Music, Cooking; "
            "covers needs: trauma, sen; "
            "age gap 5 years; "
            "speaks Polish; "
            "sector matches aspiration: construction; "
            "free at the same times: wed-eve, sat-am; "
            "4.2 km apart; "
            "same ethnic group");
  g_free(text);
  mm_pool_free(pool);
}

static void test_reasons_against(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,gender,pref_gender,religion,pref_religion,care_experienced,"
      "preferred_mentors,interests\n"
      "YP1,15,female,male,christian,muslim,yes,M2,football\n"
      "YP2,15,female,,,,,,football\n",
      "id,age,checks_cleared,training_hours,gender,religion,care_experienced,"
      "pref_mentee_gender,interests\n"
      "M1,30,yes,5,female,christian,no,,football\n"
      "M2,30,no,5,female,,yes,male,football\n");
  /* For: age gap 15 (2), interests 1 of 3 (3 x 1/3 = 1). Against, by weight:
   * gender stated (4) and choice (4) in criterion order, religion (2).
   * Care (YP1 yes, M1 no) is a similarity that did not score: no reason. */
  char *text = reasons(pool, 0, 0);
  CU_ASSERT_STRING_EQUAL(text,
                         "age gap 15 years; "
                         "shares 1 interest: football; "
                         "not the gender the young person asked for; "
                         "not one of the mentors the young person named; "
                         "not the religion the young person asked for");
  g_free(text);
  /* A broken rule comes first. YP2-M2: age 2, interests 1, gender same but
   * halved by M2's soft wish for a male mentee, 2 x 0.5 = 1 (after
   * interests in criterion order), and that wish is said. */
  text = reasons(pool, 1, 1);
  CU_ASSERT_STRING_EQUAL(text,
                         "not eligible: mentor's safeguarding checks not "
                         "cleared; "
                         "age gap 15 years; "
                         "shares 1 interest: football; "
                         "same gender; "
                         "young person's gender is not one the mentor "
                         "prefers");
  g_free(text);
  mm_pool_free(pool);
}

static void test_reasons_details(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,care_experienced,pref_care_experienced,pref_mentor_type,"
      "preferred_mentors,pref_age_max,languages\n"
      "YP1,15,no,yes,peer,M3;M2;M1,,\n"
      "YP2,15,,,,,,Urdu;English\n",
      "id,age,checks_cleared,training_hours,mentor_type,care_experienced,"
      "languages\n"
      "M1,14,yes,3,peer,yes,English;Urdu\n"
      "M2,30,yes,3,paid,,\n"
      "M3,30,yes,3,paid,no,\n");
  char *text = reasons(pool, 0, 0);
  /* care: stated and peer, 3 x 2 x 2 = 12; choice third, 4 x 0.5625 = 2.25;
   * mentor type 2; age: mentor a year younger, v 0 (against). */
  CU_ASSERT_STRING_EQUAL(text,
                         "not eligible: mentor is not enough years older "
                         "than the young person; "
                         "care-experienced peer mentor; "
                         "named by the young person as third choice; "
                         "peer mentor, as the young person asked; "
                         "mentor 1 year younger");
  g_free(text);
  text = reasons(pool, 0, 1);
  CU_ASSERT_STRING_EQUAL(text,
                         "named by the young person as second choice; "
                         "age gap 15 years; "
                         "not known to be care-experienced, which the young "
                         "person asked for; "
                         "not the type of mentor the young person asked for");
  g_free(text);
  text = reasons(pool, 0, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "not care-experienced, which the young "
                                      "person asked for"));
  g_free(text);
  /* Shared languages in the order first seen: Urdu (YP2's list) first. */
  text = reasons(pool, 1, 0);
  CU_ASSERT_STRING_EQUAL(text, "not eligible: mentor is not enough years "
                               "older than the young person; "
                               "speaks Urdu, English; mentor 1 year younger");
  g_free(text);
  mm_pool_free(pool);
}

/* ---- mentor side and preferences met ---- */

static void test_mentor_side(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,gender,pref_gender,interests,preferred_mentors\n"
      "YP1,15,,,football,M1\n"
      "YP2,15,female,female,,\n"
      "YP3,15,female,male,,\n",
      "id,age,checks_cleared,gender,pref_mentee_gender,interests\n"
      "M1,30,yes,,,football\n"
      "M2,30,yes,female,male,\n"
      "M3,30,yes,female,,\n");
  g_autoptr(MmConfig) config = mm_config_new();
  /* YP1-M1: interests 3 x 1/3 = 1, age 2, choice 4: pair 100 x 7/9; the
   * mentor side leaves the choice out: 100 x 3/5 = 60. */
  MM_ASSERT_CLOSE(pair_score(pool, config, 0, 0), 700.0 / 9.0);
  MM_ASSERT_CLOSE(mm_mentor_side_score(pool, config, 0, 0), 60.0);
  /* YP2-M2: pair: gender stated and met, halved by M2's soft wish, 4 x 0.5
   * = 2, plus age 2: 100 x 4/6. Mentor side: gender by M2's own wish, stated
   * (4) and missed: 100 x 2/6. */
  MM_ASSERT_CLOSE(pair_score(pool, config, 1, 1), 400.0 / 6.0);
  MM_ASSERT_CLOSE(mm_mentor_side_score(pool, config, 1, 1), 200.0 / 6.0);
  /* YP3-M3: pair: YP3 asked for male, 0 x 4, plus age 2: 100 x 2/6. Mentor
   * side: M3 has no wish, so similarity (w 2, same): 100 x 4/4. */
  MM_ASSERT_CLOSE(pair_score(pool, config, 2, 2), 200.0 / 6.0);
  MM_ASSERT_CLOSE(mm_mentor_side_score(pool, config, 2, 2), 100.0);
  mm_pool_free(pool);
}

static void test_preferences_met(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,pref_gender,pref_religion,pref_age_min,pref_age_max,"
      "preferred_mentors,interests\n"
      "YP1,15,female,muslim,20,40,M1,football\n"
      "YP2,15,,,,,,football\n",
      "id,age,checks_cleared,gender,religion\n"
      "M1,30,yes,female,christian\n"
      "M2,50,yes,male,muslim\n");
  g_autoptr(MmConfig) config = mm_config_new();
  guint stated = 99, met = 99;
  /* Stated: gender, religion, age, named mentors. */
  mm_preferences_met(pool, config, 0, 0, &stated, &met);
  CU_ASSERT_EQUAL(stated, 4);
  CU_ASSERT_EQUAL(met, 3); /* all but religion */
  mm_preferences_met(pool, config, 0, 1, &stated, &met);
  CU_ASSERT_EQUAL(stated, 4);
  CU_ASSERT_EQUAL(met, 1); /* religion only; 50 misses [20, 40] */
  mm_preferences_met(pool, config, 1, 0, &stated, &met);
  CU_ASSERT_EQUAL(stated, 0);
  CU_ASSERT_EQUAL(met, 0);
  mm_pool_free(pool);
}

/* ---- the invariant on random pools ---- */

static const char *pick(GRand *rng, const char *const *items, guint n) {
  return items[g_rand_int_range(rng, 0, (gint32)n)];
}
#define PICK(items) pick(rng, items, G_N_ELEMENTS(items))

/* A ';' list of 0..@max items (repeats allowed: the loader folds them). */
static void append_list(GString *out, GRand *rng, const char *const *items,
                        guint n, guint max) {
  guint k = (guint)g_rand_int_range(rng, 0, (gint32)max + 1);
  for (guint i = 0; i < k; i++)
    g_string_append_printf(out, "%s%s", i > 0 ? ";" : "", pick(rng, items, n));
}
#define LIST(items, max) append_list(out, rng, items, G_N_ELEMENTS(items), max)

static const char *const genders[] = {"female", "male", "non-binary", ""};
static const char *const ethnicities[] = {
    "Black: African", "Black: Caribbean", "White: British", "White: Irish",
    "Asian: Pakistani", "Mixed: White and Asian", "Asian", "White", ""};
static const char *const pref_ethnicities[] = {
    "Black", "White: Irish", "Asian: Pakistani", "same", "same-group",
    "different-group", "Mixed"};
static const char *const religions[] = {"christian", "muslim", "none", ""};
static const char *const pref_religions[] = {"christian", "muslim", "same",
                                             "sikh"};
static const char *const languages[] = {"English", "Polish", "Urdu", "Somali"};
static const char *const interests[] = {
    "football", "music", "cooking", "art", "gaming", "dance", "swimming",
    "reading", "film", "drama", "chess", "climbing"};
static const char *const bools[] = {"yes", "no", ""};
static const char *const slots[] = {"mon-eve", "wed-eve", "sat-am", "sat-pm",
                                    "sun-pm", "tue-am"};
static const char *const needs[] = {"trauma", "sen", "mental-health",
                                    "employability", "youth-justice"};
static const char *const skills[] = {"trauma-informed", "sen", "mental-health",
                                     "employability", "youth-justice"};
static const char *const sectors[] = {"construction", "health", "digital",
                                      "care"};
static const char *const types[] = {"paid", "volunteer", "peer", "natural", ""};
static const char *const mentee_musts[] = {
    "gender", "ethnicity", "religion", "care_experienced", "age",
    "mentor_type", "language"};

static void append_location(GString *out, GRand *rng) {
  if (g_rand_int_range(rng, 0, 4) > 0)
    g_string_append_printf(out, ",%.4f,%.4f,", 51.3 + g_rand_double(rng) * 0.6,
                           -2.9 + g_rand_double(rng) * 0.8);
  else
    g_string_append(out, ",,,");
  g_string_append(out, PICK(bools));
}

/* Both sides' common columns, from "age" on. */
static void append_common(GString *out, GRand *rng, gint age) {
  g_string_append_printf(out, ",%d,%s,%s,%s,", age, PICK(genders),
                         PICK(ethnicities), PICK(religions));
  LIST(languages, 2);
  g_string_append_c(out, ',');
  LIST(interests, 5);
  g_string_append_printf(out, ",%s", PICK(bools));
  append_location(out, rng);
  g_string_append_c(out, ',');
  LIST(slots, 4);
}

static char *random_mentees(GRand *rng, guint n, guint n_mentors) {
  GString *out = g_string_new(
      "id,age,gender,ethnicity,religion,languages,interests,care_experienced,"
      "lat,lon,remote,availability,must,needs,aspirations,priority,"
      "pref_gender,pref_ethnicity,pref_religion,pref_care_experienced,"
      "pref_age_min,pref_age_max,pref_mentor_type,pref_language,"
      "preferred_mentors,excluded_mentors\n");
  for (guint i = 0; i < n; i++) {
    gint age = g_rand_int_range(rng, 8, 27);
    g_string_append_printf(out, "YP%u", i);
    append_common(out, rng, age);
    g_string_append_c(out, ',');
    if (g_rand_int_range(rng, 0, 3) == 0)
      LIST(mentee_musts, 2);
    g_string_append_c(out, ',');
    LIST(needs, 3);
    g_string_append_c(out, ',');
    LIST(sectors, 2);
    g_string_append_printf(out, ",%d,", g_rand_int_range(rng, 0, 4));
    if (g_rand_boolean(rng))
      LIST(genders, 2);
    g_string_append_c(out, ',');
    if (g_rand_int_range(rng, 0, 3) == 0)
      LIST(pref_ethnicities, 2);
    g_string_append_c(out, ',');
    if (g_rand_int_range(rng, 0, 3) == 0)
      LIST(pref_religions, 2);
    g_string_append_printf(out, ",%s,", PICK(bools));
    switch (g_rand_int_range(rng, 0, 4)) {
    case 0:
      g_string_append_printf(out, "%d,%d", age + 3, age + 25);
      break;
    case 1:
      g_string_append_printf(out, "%d,", age + 5);
      break;
    case 2:
      g_string_append_printf(out, ",%d", age + 30);
      break;
    default:
      g_string_append_c(out, ',');
    }
    g_string_append_c(out, ',');
    if (g_rand_int_range(rng, 0, 3) == 0)
      LIST(types, 2);
    g_string_append_c(out, ',');
    if (g_rand_int_range(rng, 0, 3) == 0)
      LIST(languages, 2);
    g_string_append_c(out, ',');
    for (guint k = 0, named = (guint)g_rand_int_range(rng, 0, 4);
         k < named && n_mentors > 0; k++)
      g_string_append_printf(out, "%sM%d", k > 0 ? ";" : "",
                             g_rand_int_range(rng, 0, (gint32)n_mentors));
    g_string_append_c(out, ',');
    if (n_mentors > 0 && g_rand_int_range(rng, 0, 4) == 0)
      g_string_append_printf(out, "M%d",
                             g_rand_int_range(rng, 0, (gint32)n_mentors));
    g_string_append_c(out, '\n');
  }
  return g_string_free(out, FALSE);
}

static char *random_mentors(GRand *rng, guint n) {
  GString *out = g_string_new(
      "id,age,gender,ethnicity,religion,languages,interests,care_experienced,"
      "lat,lon,remote,availability,must,capacity,mentor_type,checks_cleared,"
      "training_hours,skills,sectors,max_distance_km,mentee_age_min,"
      "mentee_age_max,pref_mentee_gender\n");
  for (guint j = 0; j < n; j++) {
    gint age = g_rand_int_range(rng, 14, 75);
    g_string_append_printf(out, "M%u", j);
    append_common(out, rng, age);
    gboolean must_gender = g_rand_int_range(rng, 0, 6) == 0;
    g_string_append_printf(out, ",%s,%d,%s,%s,%.1f,", must_gender ? "gender" : "",
                           g_rand_int_range(rng, 1, 4), PICK(types),
                           g_rand_int_range(rng, 0, 8) > 0 ? "yes" : "no",
                           g_rand_int_range(rng, 0, 12) / 2.0);
    LIST(skills, 3);
    g_string_append_c(out, ',');
    LIST(sectors, 2);
    g_string_append_c(out, ',');
    if (g_rand_boolean(rng))
      g_string_append_printf(out, "%d", g_rand_int_range(rng, 0, 60));
    g_string_append_c(out, ',');
    if (g_rand_int_range(rng, 0, 4) == 0)
      g_string_append_printf(out, "%d,%d", g_rand_int_range(rng, 5, 16),
                             g_rand_int_range(rng, 16, 31));
    else
      g_string_append_c(out, ',');
    g_string_append_c(out, ',');
    if (must_gender || g_rand_int_range(rng, 0, 4) == 0)
      g_string_append(out, pick(rng, genders, 3));
    g_string_append_c(out, '\n');
  }
  return g_string_free(out, FALSE);
}

/* Random weights (some zero, never all) and rules. */
static MmConfig *random_config(GRand *rng) {
  MmConfig *config = mm_config_new();
  if (g_rand_boolean(rng))
    return config;
  for (guint c = 0; c < MM_N_CRITERIA; c++)
    mm_config_set_weight(config, c,
                         g_rand_int_range(rng, 0, 3) == 0
                             ? 0.0
                             : g_rand_double_range(rng, 0.1, 10.0),
                         NULL);
  mm_config_set_min_score(config, g_rand_double_range(rng, 0.0, 60.0), NULL);
  mm_config_set_max_distance_km(config, g_rand_double_range(rng, 5.0, 80.0),
                                NULL);
  mm_config_set_require_checks(config, g_rand_boolean(rng));
  return config;
}

static void check_invariant(const MmPool *pool, const MmConfig *config) {
  guint n = mm_pool_n_mentees(pool), m = mm_pool_n_mentors(pool);
  double *scores = g_new(double, m);
  guint32 *broken = g_new(guint32, m);
  guint failures = 0;
  for (guint i = 0; i < n; i++) {
    mm_score_mentee(pool, config, i, scores, broken);
    for (guint j = 0; j < m; j++) {
      MmExplanation *e = mm_explain_pair(pool, config, i, j);
      double sum = 0.0, weighted = 0.0, weights = 0.0;
      gboolean ok = mm_explanation_score(e) == scores[j] &&
                    mm_explanation_broken_rules(e) == broken[j] &&
                    scores[j] >= 0.0 && scores[j] <= 100.0;
      for (guint c = 0; c < MM_N_CRITERIA; c++) {
        double v = mm_explanation_value(e, c), w = mm_explanation_weight(e, c);
        sum += mm_explanation_contribution(e, c);
        weighted += w * v;
        weights += w;
        ok = ok && v >= 0.0 && v <= 1.0 && w >= 0.0;
        if (!mm_explanation_applies(e, c))
          ok = ok && v == 0.0 && w == 0.0;
      }
      ok = ok && fabs(sum - scores[j]) <= 1e-9;
      /* The score formula, recomputed from the explanation's parts. */
      ok = ok && fabs((weights > 0 ? 100.0 * weighted / weights : 0.0) -
                      scores[j]) <= 1e-9;
      ok = ok && ((broken[j] & RULE(MIN_SCORE)) != 0) ==
                     (scores[j] < config->min_score);
      double side = mm_mentor_side_score(pool, config, i, j);
      ok = ok && side >= 0.0 && side <= 100.0;
      if (!ok && failures++ < 5)
        fprintf(stderr, "  invariant broken for pair (%u, %u): %.17g vs %.17g\n",
                i, j, mm_explanation_score(e), scores[j]);
      mm_explanation_free(e);
    }
  }
  CU_ASSERT_EQUAL(failures, 0);
  g_free(scores);
  g_free(broken);
}

/* A random pool of 1 to @max_n - 1 mentees and 1 to @max_m - 1 mentors, with
 * a random config. */
typedef struct {
  char *mentees, *mentors;
  MmPool *pool;
  MmConfig *config;
  guint n, m;
} RandomCase;

static void random_case_init(RandomCase *c, GRand *rng, guint max_n,
                             guint max_m) {
  c->n = (guint)g_rand_int_range(rng, 1, (gint32)max_n);
  c->m = (guint)g_rand_int_range(rng, 1, (gint32)max_m);
  c->mentees = random_mentees(rng, c->n, c->m);
  c->mentors = random_mentors(rng, c->m);
  c->pool = mm_test_pool_from_csv(c->mentees, c->mentors);
  c->config = random_config(rng);
}

static void random_case_clear(RandomCase *c) {
  mm_config_free(c->config);
  mm_pool_free(c->pool);
  g_free(c->mentees);
  g_free(c->mentors);
}

static void test_explanation_equals_row_score(void) {
  GRand *rng = g_rand_new_with_seed(20240611);
  for (guint round = 0; round < 12; round++) {
    RandomCase c;
    random_case_init(&c, rng, 40, 60);
    check_invariant(c.pool, c.config);
    random_case_clear(&c);
  }
  g_rand_free(rng);
}

/* Vocabularies wider than one 64-bit word: interests 0..149. */
static void test_wide_vocabulary(void) {
  GString *mentees = g_string_new("id,age,interests\nYP1,15,");
  GString *mentors = g_string_new("id,age,checks_cleared,interests\n");
  for (guint k = 0; k < 150; k++)
    g_string_append_printf(mentees, "%si%u", k > 0 ? ";" : "", k);
  g_string_append(mentees, "\nYP2,15,i70;i140\n");
  /* M1 shares i65, i130 and i149 (words 1 and 2); M2 shares only i3. */
  g_string_append(mentors, "M1,30,yes,i65;i130;i149;zz\nM2,30,yes,i3\n");
  MmPool *pool = mm_test_pool_from_csv(mentees->str, mentors->str);
  EXPECT(pool, 0, 0, INTERESTS, TRUE, 1.0, 3.0);
  EXPECT(pool, 0, 1, INTERESTS, TRUE, 1.0 / 3.0, 3.0);
  EXPECT(pool, 1, 0, INTERESTS, TRUE, 0.0, 3.0);
  char *text = reasons(pool, 0, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "shares 3 interests: i65, i130, i149"));
  g_free(text);
  mm_pool_free(pool);
  g_string_free(mentees, TRUE);
  g_string_free(mentors, TRUE);
}

/* The row scorer (score.c: terms looked up by mentor profile, block by
 * block) against mm_pair_score() run pair by pair: the same double and the
 * same rule bits for every pair, over the whole row and over any list of
 * mentors in any order. */
static guint compare_rows(const MmPool *pool, const MmConfig *config,
                          GRand *rng) {
  const MmEncoding *enc = pool->encoding;
  guint n = mm_pool_n_mentees(pool), m = mm_pool_n_mentors(pool);
  double *scores = g_new(double, m), *listed_scores = g_new(double, m);
  guint32 *broken = g_new(guint32, m), *listed_broken = g_new(guint32, m);
  guint *list = g_new(guint, m);
  guint failures = 0;
  for (guint i = 0; i < n; i++) {
    mm_score_mentee(pool, config, i, scores, broken);
    guint n_listed = 0;
    for (guint j = 0; j < m; j++) {
      MmPair pair = mm_pair(enc, config, i, j);
      guint32 expected_broken;
      double expected = mm_pair_score(&pair, &expected_broken);
      if ((expected != scores[j] || expected_broken != broken[j]) &&
          failures++ < 5)
        fprintf(stderr, "  row scorer differs for (%u, %u): %.17g/%x vs "
                "%.17g/%x\n", i, j, scores[j], broken[j], expected,
                expected_broken);
      if (g_rand_int_range(rng, 0, 3) == 0)
        list[n_listed++] = j;
    }
    for (guint k = n_listed; k > 1; k--) {
      guint r = (guint)g_rand_int_range(rng, 0, (gint32)k);
      guint swap = list[k - 1];
      list[k - 1] = list[r];
      list[r] = swap;
    }
    mm_score_mentors(enc, config, i, list, n_listed, listed_scores,
                     listed_broken);
    for (guint k = 0; k < n_listed; k++)
      if ((listed_scores[k] != scores[list[k]] ||
           listed_broken[k] != broken[list[k]]) &&
          failures++ < 5)
        fprintf(stderr, "  listed row differs for (%u, %u)\n", i, list[k]);
  }
  g_free(scores);
  g_free(listed_scores);
  g_free(broken);
  g_free(listed_broken);
  g_free(list);
  return failures;
}

static void test_row_scorer_equals_pair_scorer(void) {
  GRand *rng = g_rand_new_with_seed(20261123);
  for (guint round = 0; round < 30; round++) {
    RandomCase c; /* up to 700 mentors: rows of several blocks */
    random_case_init(&c, rng, 25, round % 3 == 0 ? 700 : 80);
    CU_ASSERT_EQUAL(compare_rows(c.pool, c.config, rng), 0);
    random_case_clear(&c);
  }
  g_rand_free(rng);
}

/* Marks the mentors mm_mentor_reach_of() hands @mentee; FALSE when one
 * is handed twice or is not among @indexed. */
static gboolean mark_reach(const MmMentorReach *reach, guint mentee,
                           const gboolean *indexed, gboolean *seen, guint m) {
  guint *buffer = g_new(guint, MAX(m, 1));
  guint n;
  const guint *list = mm_mentor_reach_of(reach, mentee, NULL, buffer, &n);
  gboolean ok = TRUE;
  memset(seen, 0, sizeof(gboolean) * m);
  for (guint k = 0; k < n; k++) {
    ok = ok && list[k] < m && indexed[list[k]] && !seen[list[k]];
    if (list[k] < m)
      seen[list[k]] = TRUE;
  }
  g_free(buffer);
  return ok;
}

/* The reach index may leave a mentor out of a row only when the pair breaks
 * the distance rule (checked with mm_pair_score()); on pools spread wider
 * than the limit it does leave some out. */
static void test_reach_leaves_out_only_distant_mentors(void) {
  GRand *rng = g_rand_new_with_seed(1123);
  guint left_out = 0, wrong = 0;
  for (guint round = 0; round < 40; round++) {
    RandomCase c;
    random_case_init(&c, rng, 30, 300);
    const guint n = c.n, m = c.m;
    MmPool *pool = c.pool;
    MmConfig *config = c.config;
    if (round % 8 == 1) /* cells narrower than the rounding of a distance */
      mm_config_set_max_distance_km(config, 1e-3, NULL);
    if (round % 8 == 2) /* cells too wide to index */
      mm_config_set_max_distance_km(config, 15000, NULL);
    /* a pass indexes a subset: the open mentors */
    guint *subset = g_new(guint, m), n_subset = 0;
    gboolean *indexed = g_new0(gboolean, m), *seen = g_new(gboolean, m);
    for (guint j = 0; j < m; j++)
      if (g_rand_int_range(rng, 0, 5) > 0)
        indexed[subset[n_subset++] = j] = TRUE;
    MmMentorReach *reach =
        mm_mentor_reach_new(pool->encoding, config, subset, n_subset, NULL);
    for (guint i = 0; i < n; i++) {
      wrong += !mark_reach(reach, i, indexed, seen, m);
      for (guint k = 0; k < n_subset; k++) {
        if (seen[subset[k]])
          continue;
        MmPair pair = mm_pair(pool->encoding, config, i, subset[k]);
        guint32 broken = 0;
        mm_pair_score(&pair, &broken);
        wrong += (broken & (1u << MM_RULE_DISTANCE)) == 0;
        left_out++;
      }
    }
    mm_mentor_reach_free(reach);
    g_free(subset);
    g_free(indexed);
    g_free(seen);
    random_case_clear(&c);
  }
  CU_ASSERT_EQUAL(wrong, 0);
  CU_ASSERT_TRUE(left_out > 0);
  g_rand_free(rng);
}

/* A pair exactly at the limit is within reach: with the configured maximum
 * set to each located pair's own computed distance, its mentor is in the
 * row. */
static void test_reach_keeps_pairs_at_the_limit(void) {
  GRand *rng = g_rand_new_with_seed(2311);
  char *mentees = random_mentees(rng, 12, 60);
  char *mentors = random_mentors(rng, 60);
  MmPool *pool = mm_test_pool_from_csv(mentees, mentors);
  const MmEncoding *enc = pool->encoding;
  guint m = enc->n_mentors, at_limit = 0, wrong = 0;
  guint *all = g_new(guint, m);
  gboolean *indexed = g_new(gboolean, m), *seen = g_new(gboolean, m);
  for (guint j = 0; j < m; j++) {
    all[j] = j;
    indexed[j] = TRUE;
  }
  MmConfig *config = mm_config_new();
  for (guint i = 0; i < enc->n_mentees; i++)
    for (guint j = 0; j < m; j++) {
      MmPair pair = mm_pair(enc, config, i, j);
      if (!mm_pair_distance_applies(&pair))
        continue;
      double km = mm_pair_distance_km(&pair);
      if (!(km > 0) || !mm_config_set_max_distance_km(config, km, NULL))
        continue;
      MmMentorReach *reach = mm_mentor_reach_new(enc, config, all, m, NULL);
      wrong += !mark_reach(reach, i, indexed, seen, m) || !seen[j];
      at_limit++;
      mm_mentor_reach_free(reach);
    }
  CU_ASSERT_EQUAL(wrong, 0);
  CU_ASSERT_TRUE(at_limit > 100);
  mm_config_free(config);
  g_free(all);
  g_free(indexed);
  g_free(seen);
  mm_pool_free(pool);
  g_free(mentees);
  g_free(mentors);
  g_rand_free(rng);
}

/* With potentials, a row gets exactly the mentors of its reach list whose
 * potential is above the threshold (worked out here from the list without
 * potentials). */
static void test_reach_by_potential(void) {
  GRand *rng = g_rand_new_with_seed(2312);
  guint wrong = 0, left_out = 0;
  for (guint round = 0; round < 20; round++) {
    RandomCase c;
    random_case_init(&c, rng, 20, 250);
    const guint n = c.n, m = c.m;
    MmPool *pool = c.pool;
    MmConfig *config = c.config;
    guint *all = g_new(guint, m), *buffer = g_new(guint, m), *plain = g_new(guint, m);
    MmCost *potential = g_new(MmCost, m);
    gboolean *in = g_new(gboolean, m);
    for (guint j = 0; j < m; j++) {
      all[j] = j;
      /* few values, so ties and huge magnitudes both occur */
      potential[j] = (MmCost)g_rand_int_range(rng, -5, 5) * ((MmCost)1 << 80);
    }
    MmMentorReach *unsorted =
        mm_mentor_reach_new(pool->encoding, config, all, m, NULL);
    MmMentorReach *sorted =
        mm_mentor_reach_new(pool->encoding, config, all, m, potential);
    for (guint i = 0; i < n; i++) {
      guint n_plain, n_got;
      const guint *list =
          mm_mentor_reach_of(unsorted, i, NULL, plain, &n_plain);
      memcpy(plain, list, n_plain * sizeof(guint)); /* may be the index's */
      MmCost above = (MmCost)g_rand_int_range(rng, -6, 6) * ((MmCost)1 << 80);
      const guint *got = mm_mentor_reach_of(sorted, i, &above, buffer, &n_got);
      memset(in, 0, sizeof(gboolean) * m);
      for (guint k = 0; k < n_got; k++)
        in[got[k]] = TRUE;
      guint want = 0;
      for (guint k = 0; k < n_plain; k++) {
        guint j = plain[k];
        if (potential[j] > above) {
          want++;
          wrong += !in[j];
        } else {
          left_out++;
        }
      }
      wrong += n_got != want;
    }
    mm_mentor_reach_free(unsorted);
    mm_mentor_reach_free(sorted);
    g_free(all);
    g_free(buffer);
    g_free(plain);
    g_free(potential);
    g_free(in);
    random_case_clear(&c);
  }
  CU_ASSERT_EQUAL(wrong, 0);
  CU_ASSERT_TRUE(left_out > 20);
  g_rand_free(rng);
}

/* Random picks from a vocabulary of @size words w0..: sets wider than one
 * 64-bit word. */
static void append_wide_list(GString *out, GRand *rng, guint size,
                             guint max_items) {
  guint n = (guint)g_rand_int_range(rng, 0, (gint32)max_items + 1);
  for (guint k = 0; k < n; k++)
    g_string_append_printf(out, "%sw%d", k > 0 ? ";" : "",
                           g_rand_int_range(rng, 0, (gint32)size));
}

/* Interests (up to 40, from @size words), then two more sets (up to
 * @max_items each, from @other_size words), then an availability slot,
 * ending the CSV line. */
static void append_wide_sets(GString *out, GRand *rng, guint size,
                             guint other_size, guint max_items) {
  append_wide_list(out, rng, size, 40);
  for (guint k = 0; k < 2; k++) {
    g_string_append_c(out, ',');
    append_wide_list(out, rng, other_size, max_items);
  }
  g_string_append_printf(out, ",%s\n", PICK(slots));
}

/* Sets wider than one word, all of them or only the interests (the row
 * scorer keeps a mentor's three counted sets side by side, each as wide as
 * its vocabulary). */
static void test_row_scorer_wide_sets(void) {
  GRand *rng = g_rand_new_with_seed(77);
  for (guint round = 0; round < 9; round++) {
    guint size = round % 2 == 0 ? 150 : 64 + round;
    guint other_size = round % 3 == 2 ? 12 : size;
    GString *mentees =
        g_string_new("id,age,interests,needs,aspirations,availability\n");
    GString *mentors = g_string_new(
        "id,age,checks_cleared,interests,skills,sectors,availability\n");
    for (guint i = 0; i < 12; i++) {
      g_string_append_printf(mentees, "YP%u,%d,", i, g_rand_int_range(rng, 10, 18));
      append_wide_sets(mentees, rng, size, other_size, 20);
    }
    for (guint j = 0; j < 300; j++) {
      g_string_append_printf(mentors, "M%u,%d,yes,", j,
                             g_rand_int_range(rng, 20, 70));
      append_wide_sets(mentors, rng, size, other_size, 30);
    }
    MmPool *pool = mm_test_pool_from_csv(mentees->str, mentors->str);
    const guint *w = pool->encoding->n_words;
    CU_ASSERT_TRUE(w[MM_VOCAB_INTEREST] > 1);
    CU_ASSERT_TRUE(round % 3 != 2 ||
                   (w[MM_VOCAB_NEED] == 1 && w[MM_VOCAB_SECTOR] == 1));
    MmConfig *config = random_config(rng);
    CU_ASSERT_EQUAL(compare_rows(pool, config, rng), 0);
    mm_config_free(config);
    mm_pool_free(pool);
    g_string_free(mentees, TRUE);
    g_string_free(mentors, TRUE);
  }
  g_rand_free(rng);
}

/* Vocabularies nobody uses (no needs, aspirations or sectors anywhere)
 * have no words at all: rows take the loop for sets of any width, with
 * counts of 0, and still equal the single-pair scorer. */
static void test_row_scorer_empty_vocabularies(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,interests\nYP1,14,music\nYP2,16,\n",
      "id,age,checks_cleared,interests\nM1,30,yes,music;art\nM2,45,yes,\n");
  CU_ASSERT_EQUAL(pool->encoding->n_words[MM_VOCAB_NEED], 0);
  CU_ASSERT_EQUAL(pool->encoding->n_words[MM_VOCAB_SECTOR], 0);
  GRand *rng = g_rand_new_with_seed(5);
  MmConfig *config = mm_config_new();
  CU_ASSERT_EQUAL(compare_rows(pool, config, rng), 0);
  mm_config_free(config);
  g_rand_free(rng);
  mm_pool_free(pool);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_interests),
      MM_TEST(test_care_experience),
      MM_TEST(test_gender),
      MM_TEST(test_ethnicity),
      MM_TEST(test_religion),
      MM_TEST(test_age),
      MM_TEST(test_language),
      MM_TEST(test_mentor_type),
      MM_TEST(test_needs_aspirations_availability),
      MM_TEST(test_distance),
      MM_TEST(test_choice),
      MM_TEST(test_score_hand_worked),
      MM_TEST(test_score_no_weight),
      MM_TEST(test_rules_mentor),
      MM_TEST(test_rules_mentee),
      MM_TEST(test_rule_min_score),
      MM_TEST(test_rule_names),
      MM_TEST(test_rules_summary),
      MM_TEST(test_reasons_for),
      MM_TEST(test_reasons_against),
      MM_TEST(test_reasons_details),
      MM_TEST(test_mentor_side),
      MM_TEST(test_preferences_met),
      MM_TEST(test_explanation_equals_row_score),
      MM_TEST(test_wide_vocabulary),
      MM_TEST(test_row_scorer_equals_pair_scorer),
      MM_TEST(test_row_scorer_wide_sets),
      MM_TEST(test_row_scorer_empty_vocabularies),
      MM_TEST(test_reach_leaves_out_only_distant_mentors),
      MM_TEST(test_reach_keeps_pairs_at_the_limit),
      MM_TEST(test_reach_by_potential),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("score", tests);
}
