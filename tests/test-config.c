/* test-config.c: weights, rules and the objective, their defaults, setters
 * and INI loading (lib/config/config.c). The JSON side of the same key table is in
 * test-json-api.c. */
#include "test-common.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The keys each group allows, as the unknown-key message lists them
 * (the contract (docs/) "Scoring" and "Assignment"; version 2: no choice weight). */
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
#define GROUPS_ARE "the groups are [weights], [rules] and [objective]"
#define BONUS_RANGE "must be a number from 0 to 1000"

/* ---- Helpers ---- */

/* Whether every weight, rule and objective setting of @a and @b is the same
 * (exactly: nothing may have been changed at all). */
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

/* Loads @ini into @config as "cfg.ini"; returns the result and leaves the
 * diagnostics in *diags (transfer full). */
static gboolean load(MmConfig *config, const char *ini, MmDiagnostics **diags,
                     GError **error) {
  *diags = mm_diagnostics_new();
  return mm_config_load_data(config, ini, -1, "cfg.ini", *diags, error);
}

/* Loads @ini, which must have exactly @n_errors errors, into a fresh config;
 * returns the diagnostics for the caller to check. Also checks that a
 * failing load reports MM_ERROR_INVALID_INPUT and changes nothing. */
static MmDiagnostics *load_failing(const char *ini, guint n_errors) {
  MmConfig *config = mm_config_new();
  MmConfig *before = mm_config_copy(config);
  MmDiagnostics *diags = NULL;
  GError *error = NULL;
  gboolean ok = load(config, ini, &diags, &error);
  CU_ASSERT_FALSE(ok);
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), n_errors);
  if (mm_diagnostics_n_errors(diags) != n_errors)
    mm_test_dump_diags(diags);
  CU_ASSERT_TRUE(same_config(config, before));
  g_clear_error(&error);
  mm_config_free(before);
  mm_config_free(config);
  return diags;
}

/* Loads @ini, which must be clean (no error, no warning), into @config. */
static void load_clean(MmConfig *config, const char *ini) {
  MmDiagnostics *diags = NULL;
  GError *error = NULL;
  CU_ASSERT_TRUE(load(config, ini, &diags, &error));
  CU_ASSERT_PTR_NULL(error);
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 0);
  mm_test_dump_diags(diags);
  g_clear_error(&error);
  mm_diagnostics_free(diags);
}

/* Asserts that @diags holds a diagnostic at @line in @column (NULL: none)
 * whose message contains @fragment; prints the list when it does not. */
static void check_diag(const MmDiagnostics *diags, guint line,
                       const char *column, const char *fragment) {
  gboolean found = mm_test_has_diag(diags, line, column, fragment);
  CU_ASSERT_TRUE(found);
  if (!found) {
    fprintf(stderr, "\nmissing %u %s \"%s\" in:\n", line,
            column != NULL ? column : "-", fragment);
    mm_test_dump_diags(diags);
  }
}

/* As check_diag(), for a diagnostic whose message is exactly @message. */
static void check_diag_is(const MmDiagnostics *diags, guint line,
                          const char *column, const char *message) {
  gboolean found = FALSE;
  for (guint i = 0; i < mm_diagnostics_length(diags); i++) {
    const MmDiagnostic *d = mm_diagnostics_get(diags, i);
    found |= d->line == line && g_strcmp0(d->column, column) == 0 &&
             strcmp(d->message, message) == 0;
  }
  CU_ASSERT_TRUE(found);
  if (!found) {
    fprintf(stderr, "\nmissing %u %s exactly \"%s\" in:\n", line,
            column != NULL ? column : "-", message);
    mm_test_dump_diags(diags);
  }
}

/* ---- Names ---- */

static void test_criterion_names(void) {
  /* Version 2: twelve criteria; choice is not one of them any more. */
  static const char *const expected[] = {
      "interests",   "care_experience", "gender",       "ethnicity",
      "religion",    "age",             "language",     "mentor_type",
      "needs",       "aspirations",     "availability", "distance"};
  CU_ASSERT_EQUAL(G_N_ELEMENTS(expected), MM_N_CRITERIA);
  CU_ASSERT_EQUAL(MM_N_CRITERIA, 12);
  for (guint i = 0; i < MM_N_CRITERIA; i++) {
    CU_ASSERT_STRING_EQUAL(mm_criterion_name((MmCriterion)i), expected[i]);
    MmCriterion c = MM_N_CRITERIA;
    CU_ASSERT_TRUE(mm_criterion_from_name(expected[i], &c));
    CU_ASSERT_EQUAL(c, (MmCriterion)i);
  }
  CU_ASSERT_EQUAL(MM_CRITERION_DISTANCE, 11);
  CU_ASSERT_PTR_NULL(mm_criterion_name(MM_N_CRITERIA));
  CU_ASSERT_PTR_NULL(mm_criterion_name((MmCriterion)-1));
  MmCriterion c = MM_CRITERION_AGE;
  CU_ASSERT_FALSE(mm_criterion_from_name("choice", &c));
  CU_ASSERT_FALSE(mm_criterion_from_name("choice_bonus", &c));
  CU_ASSERT_FALSE(mm_criterion_from_name("Interests", &c));
  CU_ASSERT_FALSE(mm_criterion_from_name("interest", &c));
  CU_ASSERT_FALSE(mm_criterion_from_name("", &c));
  CU_ASSERT_EQUAL(c, MM_CRITERION_AGE); /* untouched on failure */
  CU_ASSERT_TRUE(mm_criterion_from_name("distance", NULL));
}

static void test_bonus_and_prefer_names(void) {
  static const char *const bonuses[] = {"choice_bonus", "priority_bonus",
                                        "match_bonus", "waiting_bonus"};
  CU_ASSERT_EQUAL(G_N_ELEMENTS(bonuses), MM_N_BONUSES);
  CU_ASSERT_STRING_EQUAL(mm_bonus_name(MM_BONUS_CHOICE), "choice_bonus");
  CU_ASSERT_STRING_EQUAL(mm_bonus_name(MM_BONUS_PRIORITY), "priority_bonus");
  CU_ASSERT_STRING_EQUAL(mm_bonus_name(MM_BONUS_MATCH), "match_bonus");
  CU_ASSERT_STRING_EQUAL(mm_bonus_name(MM_BONUS_WAITING), "waiting_bonus");
  for (guint i = 0; i < MM_N_BONUSES; i++)
    CU_ASSERT_STRING_EQUAL(mm_bonus_name((MmBonus)i), bonuses[i]);
  CU_ASSERT_PTR_NULL(mm_bonus_name(MM_N_BONUSES));
  CU_ASSERT_PTR_NULL(mm_bonus_name((MmBonus)-1));

  CU_ASSERT_STRING_EQUAL(mm_prefer_name(MM_PREFER_QUALITY), "quality");
  CU_ASSERT_STRING_EQUAL(mm_prefer_name(MM_PREFER_COUNT), "count");
  CU_ASSERT_PTR_NULL(mm_prefer_name((MmPrefer)2));
  CU_ASSERT_PTR_NULL(mm_prefer_name((MmPrefer)-1));
  MmPrefer prefer = MM_PREFER_QUALITY;
  CU_ASSERT_TRUE(mm_prefer_from_name("count", &prefer));
  CU_ASSERT_EQUAL(prefer, MM_PREFER_COUNT);
  CU_ASSERT_TRUE(mm_prefer_from_name("quality", &prefer));
  CU_ASSERT_EQUAL(prefer, MM_PREFER_QUALITY);
  CU_ASSERT_FALSE(mm_prefer_from_name("best", &prefer));
  CU_ASSERT_FALSE(mm_prefer_from_name("", &prefer));
  CU_ASSERT_FALSE(mm_prefer_from_name("count ", &prefer));
  CU_ASSERT_FALSE(mm_prefer_from_name(NULL, &prefer));
  CU_ASSERT_EQUAL(prefer, MM_PREFER_QUALITY); /* untouched on failure */
  CU_ASSERT_TRUE(mm_prefer_from_name("count", NULL));
}

/* ---- Defaults ---- */

/* The values the contract (docs/) and README.md document, typed out rather than taken
 * from the macros, so that a changed default shows up here as well as in
 * review. */
static void test_defaults(void) {
  MmConfig *config = mm_config_new();
  static const double weights[MM_N_CRITERIA] = {
      [MM_CRITERION_INTERESTS] = 3.0,    [MM_CRITERION_CARE_EXPERIENCE] = 3.0,
      [MM_CRITERION_GENDER] = 2.0,       [MM_CRITERION_ETHNICITY] = 2.0,
      [MM_CRITERION_RELIGION] = 1.0,     [MM_CRITERION_AGE] = 2.0,
      [MM_CRITERION_LANGUAGE] = 1.0,     [MM_CRITERION_MENTOR_TYPE] = 1.0,
      [MM_CRITERION_NEEDS] = 3.0,        [MM_CRITERION_ASPIRATIONS] = 2.0,
      [MM_CRITERION_AVAILABILITY] = 2.0, [MM_CRITERION_DISTANCE] = 2.0,
  };
  for (guint i = 0; i < MM_N_CRITERIA; i++)
    MM_ASSERT_CLOSE(mm_config_get_weight(config, (MmCriterion)i), weights[i]);
  MM_ASSERT_CLOSE(mm_config_get_min_training_hours(config), 3.0);
  CU_ASSERT_TRUE(mm_config_get_require_checks(config));
  CU_ASSERT_EQUAL(mm_config_get_min_age_gap(config), 2);
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(config), 30.0);
  /* Version 2: a real floor (the contract (docs/) "Hard rules": default 40). */
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 40.0);
  MM_ASSERT_CLOSE(MM_DEFAULT_MIN_SCORE, 40.0);
  mm_config_free(config);
}

/* the contract (docs/) "Assignment": prefer quality, choice_bonus 100, priority_bonus
 * 10, match_bonus 0, waiting_bonus 0.5. */
static void test_objective_defaults(void) {
  MmConfig *config = mm_config_new();
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_QUALITY);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_CHOICE), 100.0);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_PRIORITY), 10.0);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_MATCH), 0.0);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_WAITING), 0.5);
  MM_ASSERT_CLOSE(MM_DEFAULT_CHOICE_BONUS, 100.0);
  MM_ASSERT_CLOSE(MM_DEFAULT_PRIORITY_BONUS, 10.0);
  MM_ASSERT_CLOSE(MM_DEFAULT_MATCH_BONUS, 0.0);
  MM_ASSERT_CLOSE(MM_DEFAULT_WAITING_BONUS, 0.5);
  CU_ASSERT_EQUAL(MM_BONUS_MAX, 1000);
  /* A copy holds the same objective. */
  MmConfig *copy = mm_config_copy(config);
  CU_ASSERT_TRUE(same_config(copy, config));
  mm_config_free(copy);
  mm_config_free(config);
}

static void test_copy_is_independent(void) {
  MmConfig *a = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_min_score(a, 55, NULL));
  mm_config_set_prefer(a, MM_PREFER_COUNT);
  CU_ASSERT_TRUE(mm_config_set_bonus(a, MM_BONUS_CHOICE, 7, NULL));
  MmConfig *b = mm_config_copy(a);
  MM_ASSERT_CLOSE(mm_config_get_min_score(b), 55.0);
  CU_ASSERT_EQUAL(mm_config_get_prefer(b), MM_PREFER_COUNT);
  MM_ASSERT_CLOSE(mm_config_get_bonus(b, MM_BONUS_CHOICE), 7.0);
  CU_ASSERT_TRUE(mm_config_set_min_score(b, 10, NULL));
  mm_config_set_prefer(b, MM_PREFER_QUALITY);
  CU_ASSERT_TRUE(mm_config_set_bonus(b, MM_BONUS_CHOICE, 8, NULL));
  MM_ASSERT_CLOSE(mm_config_get_min_score(a), 55.0);
  CU_ASSERT_EQUAL(mm_config_get_prefer(a), MM_PREFER_COUNT);
  MM_ASSERT_CLOSE(mm_config_get_bonus(a, MM_BONUS_CHOICE), 7.0);
  mm_config_free(a);
  mm_config_free(b);
  mm_config_free(NULL);
}

/* ---- Loading: every key ---- */

static void test_load_every_key(void) {
  MmConfig *config = mm_config_new();
  load_clean(config, "# every key, none at its default\n"
                     "[weights]\n"
                     "interests = 1.5\n"
                     "care_experience = 6\n"
                     "gender = 0\n"
                     "ethnicity = 0.25\n"
                     "religion = 7\n"
                     "age = 8\n"
                     "language = 9\n"
                     "mentor_type = 10\n"
                     "needs = 11\n"
                     "aspirations = 12\n"
                     "availability = 13\n"
                     "distance = 14\n"
                     "\n"
                     "[rules]\n"
                     "min_training_hours = 4.5\n"
                     "require_checks = false\n"
                     "min_age_gap = 5\n"
                     "max_distance_km = 12.5\n"
                     "min_score = 55\n"
                     "\n"
                     "[objective]\n"
                     "prefer = count\n"
                     "choice_bonus = 250\n"
                     "priority_bonus = 0\n"
                     "match_bonus = 1000\n"
                     "waiting_bonus = 2.25\n");
  static const double expected[MM_N_CRITERIA] = {1.5, 6,  0,  0.25, 7,  8,
                                                 9,   10, 11, 12,   13, 14};
  for (guint i = 0; i < MM_N_CRITERIA; i++)
    MM_ASSERT_CLOSE(mm_config_get_weight(config, (MmCriterion)i), expected[i]);
  MM_ASSERT_CLOSE(mm_config_get_min_training_hours(config), 4.5);
  CU_ASSERT_FALSE(mm_config_get_require_checks(config));
  CU_ASSERT_EQUAL(mm_config_get_min_age_gap(config), 5);
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(config), 12.5);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 55.0);
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_COUNT);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_CHOICE), 250.0);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_PRIORITY), 0.0);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_MATCH), 1000.0);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_WAITING), 2.25);

  /* And back to quality: each prefer value is read. */
  load_clean(config, "[objective]\nprefer = quality\n");
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_QUALITY);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_CHOICE), 250.0);
  mm_config_free(config);
}

/* Each bonus on its own: the key sets that bonus and no other setting. */
static void test_load_each_bonus(void) {
  for (guint b = 0; b < MM_N_BONUSES; b++) {
    MmConfig *config = mm_config_new();
    MmConfig *defaults = mm_config_copy(config);
    char *ini =
        g_strdup_printf("[objective]\n%s = 12.75\n", mm_bonus_name((MmBonus)b));
    load_clean(config, ini);
    MM_ASSERT_CLOSE(mm_config_get_bonus(config, (MmBonus)b), 12.75);
    /* Putting the default back makes it the default config again. */
    CU_ASSERT_FALSE(same_config(config, defaults));
    CU_ASSERT_TRUE(mm_config_set_bonus(config, (MmBonus)b,
                                       mm_config_get_bonus(defaults, (MmBonus)b),
                                       NULL));
    CU_ASSERT_TRUE(same_config(config, defaults));
    g_free(ini);
    mm_config_free(defaults);
    mm_config_free(config);
  }
}

/* Keys the file leaves out keep the config's values, including values set
 * in code before, and an empty file changes nothing. */
static void test_load_keeps_absent_keys(void) {
  MmConfig *config = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_weight(config, MM_CRITERION_AGE, 9, NULL));
  CU_ASSERT_TRUE(mm_config_set_bonus(config, MM_BONUS_MATCH, 3, NULL));
  mm_config_set_prefer(config, MM_PREFER_COUNT);
  load_clean(config, "[rules]\nmin_score=20\n");
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_AGE), 9.0);
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_DISTANCE), 2.0);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 20.0);
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(config), 30.0);
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_COUNT);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_MATCH), 3.0);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_CHOICE), 100.0);

  load_clean(config, "[objective]\nwaiting_bonus = 1\n");
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_WAITING), 1.0);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_MATCH), 3.0);
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_COUNT);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 20.0);

  MmConfig *before = mm_config_copy(config);
  load_clean(config, "");
  load_clean(config, "# only a comment\n\n[weights]\n[rules]\n[objective]\n");
  CU_ASSERT_TRUE(same_config(config, before));
  mm_config_free(before);
  mm_config_free(config);
}

/* Blanks around values and keys, CRLF line ends, indented lines and
 * repeated groups are all GKeyFile syntax the loader accepts. */
static void test_load_layout(void) {
  MmConfig *config = mm_config_new();
  load_clean(config, "  [weights]  \r\n"
                     "\tinterests\t=   2.5   \r\n"
                     "[rules]\r\n"
                     "min_score=  15\r\n"
                     "[objective]\r\n"
                     "  choice_bonus =1e1\r\n"
                     "prefer=   count   \r\n"
                     "[weights]\r\n"
                     "  distance =1e-1\r\n"
                     "[rules]\n"
                     "max_distance_km = 0.5");
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_INTERESTS), 2.5);
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_DISTANCE), 0.1);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 15.0);
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(config), 0.5);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_CHOICE), 10.0);
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_COUNT);
  mm_config_free(config);
}

static void test_load_booleans(void) {
  static const struct {
    const char *text;
    gboolean value;
  } cases[] = {{"true", TRUE}, {"false", FALSE}, {"yes", TRUE},
               {"no", FALSE},  {"1", TRUE},      {"0", FALSE},
               {"YES", TRUE},  {"False", FALSE}, {"y", TRUE},
               {"N", FALSE}};
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    MmConfig *config = mm_config_new();
    mm_config_set_require_checks(config, !cases[i].value);
    char *ini =
        g_strdup_printf("[rules]\nrequire_checks = %s\n", cases[i].text);
    load_clean(config, ini);
    CU_ASSERT_EQUAL(mm_config_get_require_checks(config), cases[i].value);
    g_free(ini);
    mm_config_free(config);
  }
}

/* The range ends themselves are accepted. */
static void test_load_rule_boundaries(void) {
  MmConfig *config = mm_config_new();
  load_clean(config, "[rules]\nmin_training_hours=0\nmin_age_gap=0\n"
                     "max_distance_km=0.001\nmin_score=0\n");
  MM_ASSERT_CLOSE(mm_config_get_min_training_hours(config), 0.0);
  CU_ASSERT_EQUAL(mm_config_get_min_age_gap(config), 0);
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(config), 0.001);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 0.0);
  load_clean(config, "[rules]\nmin_age_gap=50\nmin_score=100\n"
                     "max_distance_km=20000\nmin_training_hours=1000\n");
  CU_ASSERT_EQUAL(mm_config_get_min_age_gap(config), 50);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 100.0);
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(config), 20000.0);
  MM_ASSERT_CLOSE(mm_config_get_min_training_hours(config), 1000.0);
  mm_config_free(config);
}

/* Every bonus takes 0 and 1000, the ends of "a finite number from 0 to
 * 1000", and numbers in any decimal form. */
static void test_load_bonus_boundaries(void) {
  static const struct {
    const char *text;
    double value;
  } cases[] = {{"0", 0.0},       {"1000", 1000.0}, {"1e3", 1000.0},
               {"0.001", 0.001}, {"999.99", 999.99}, {"1000.000", 1000.0},
               {"+7", 7.0},      {"0.5", 0.5}};
  for (guint b = 0; b < MM_N_BONUSES; b++) {
    for (guint k = 0; k < G_N_ELEMENTS(cases); k++) {
      MmConfig *config = mm_config_new();
      char *ini = g_strdup_printf("[objective]\n%s = %s\n",
                                  mm_bonus_name((MmBonus)b), cases[k].text);
      load_clean(config, ini);
      MM_ASSERT_CLOSE(mm_config_get_bonus(config, (MmBonus)b), cases[k].value);
      g_free(ini);
      mm_config_free(config);
    }
  }
}

/* ---- Loading: each kind of error, at its line ---- */

static void test_error_unknown_group(void) {
  MmDiagnostics *diags = load_failing("[weights]\n"     /* 1 */
                                      "age = 1\n"       /* 2 */
                                      "\n"              /* 3 */
                                      "[weighting]\n"   /* 4 */
                                      "age = 2\n"       /* 5: not reported */
                                      "[Rules]\n"       /* 6 */
                                      "[objectives]\n"  /* 7 */
                                      "prefer = x\n"    /* 8: not reported */
                                      "[Objective]\n",  /* 9 */
                                      4);
  check_diag_is(diags, 4, NULL, "unknown group [weighting]; " GROUPS_ARE);
  check_diag_is(diags, 6, NULL, "unknown group [Rules]; " GROUPS_ARE);
  check_diag_is(diags, 7, NULL, "unknown group [objectives]; " GROUPS_ARE);
  check_diag_is(diags, 9, NULL, "unknown group [Objective]; " GROUPS_ARE);
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 4);
  mm_diagnostics_free(diags);
}

static void test_error_unknown_keys(void) {
  MmDiagnostics *diags = load_failing("[weights]\n"          /* 1 */
                                      "interest = 1\n"       /* 2 */
                                      "min_score = 3\n"      /* 3 */
                                      "gender[fr] = 1\n"     /* 4 */
                                      "[rules]\n"            /* 5 */
                                      "min_score = 3\n"      /* 6: fine */
                                      "max_distance = 9\n"   /* 7 */
                                      "[objective]\n"        /* 8 */
                                      "choice = 100\n"       /* 9 */
                                      "prefers = count\n"    /* 10 */
                                      "min_score = 3\n"      /* 11 */
                                      "waiting_bonus = 1\n"  /* 12: fine */
                                      "[weights]\n"          /* 13 */
                                      "choice_bonus = 5\n"   /* 14 */
                                      "[rules]\n"            /* 15 */
                                      "match_bonus = 5\n",   /* 16 */
                                      9);
  /* Each message lists the keys of the key's own group. */
  check_diag_is(diags, 2, "weights.interest", WEIGHTS_HAVE);
  check_diag_is(diags, 3, "weights.min_score", WEIGHTS_HAVE);
  check_diag_is(diags, 4, "weights.gender[fr]", WEIGHTS_HAVE);
  check_diag_is(diags, 7, "rules.max_distance", RULES_HAVE);
  check_diag_is(diags, 9, "objective.choice", OBJECTIVE_HAVE);
  check_diag_is(diags, 10, "objective.prefers", OBJECTIVE_HAVE);
  check_diag_is(diags, 11, "objective.min_score", OBJECTIVE_HAVE);
  check_diag_is(diags, 14, "weights.choice_bonus", WEIGHTS_HAVE);
  check_diag_is(diags, 16, "rules.match_bonus", RULES_HAVE);
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 9);
  mm_diagnostics_free(diags);
}

/* Version 1's [weights] choice is an error whatever its value, with a hint
 * naming what replaced it. */
static void test_error_choice_weight_is_gone(void) {
  static const char *const values[] = {"4", "0", "15", "-1", "four", ""};
  for (guint k = 0; k < G_N_ELEMENTS(values); k++) {
    char *ini = g_strdup_printf("# a version 1 file\n" /* 1 */
                                "[weights]\n"          /* 2 */
                                "age = 3\n"            /* 3: not applied */
                                "choice = %s\n"        /* 4 */
                                "[objective]\n"        /* 5 */
                                "choice_bonus = 50\n", /* 6: not applied */
                                values[k]);
    MmDiagnostics *diags = load_failing(ini, 1);
    CU_ASSERT_EQUAL_FATAL(mm_diagnostics_length(diags), 1);
    const MmDiagnostic *d = mm_diagnostics_get(diags, 0);
    CU_ASSERT_EQUAL(d->severity, MM_SEVERITY_ERROR);
    CU_ASSERT_STRING_EQUAL(d->source, "cfg.ini");
    CU_ASSERT_EQUAL(d->line, 4);
    CU_ASSERT_STRING_EQUAL(d->column, "weights.choice");
    CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "the choice weight is gone"));
    CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "[objective] choice_bonus"));
    char *text = mm_diagnostic_format(d);
    CU_ASSERT_TRUE(g_str_has_prefix(
        text, "cfg.ini:4: column weights.choice: the choice weight is gone"));
    g_free(text);
    mm_diagnostics_free(diags);
    g_free(ini);
  }
}

static void test_error_not_a_number(void) {
  MmDiagnostics *diags = load_failing("[rules]\n"                    /* 1 */
                                      "min_training_hours = three\n" /* 2 */
                                      "require_checks = maybe\n"     /* 3 */
                                      "min_age_gap = 2.5\n"          /* 4 */
                                      "max_distance_km = 30km\n"     /* 5 */
                                      "min_score =\n"                /* 6 */
                                      "[weights]\n"                  /* 7 */
                                      "age = 1,5\n"                  /* 8 */
                                      "needs = 2 # high\n",          /* 9 */
                                      7);
  check_diag(diags, 2, "rules.min_training_hours", "must be a number");
  check_diag(diags, 2, "rules.min_training_hours", "\"three\"");
  check_diag(diags, 3, "rules.require_checks", "must be true or false");
  check_diag(diags, 4, "rules.min_age_gap", "must be a whole number");
  check_diag(diags, 5, "rules.max_distance_km", "must be a number");
  check_diag(diags, 6, "rules.min_score", "must be a number (found \"\")");
  check_diag(diags, 8, "weights.age", "\"1,5\"");
  check_diag(diags, 9, "weights.needs", "must be a number");
  mm_diagnostics_free(diags);
}

/* Every value a bonus refuses, for every bonus, with the exact message at
 * the key's line. */
static void test_error_bonus_values(void) {
  static const struct {
    const char *text;
    const char *problem;
  } cases[] = {
      {"-1", BONUS_RANGE},           /* negative */
      {"-0.001", BONUS_RANGE},       /* just below 0 */
      {"nan", BONUS_RANGE},          /* NaN */
      {"NAN", BONUS_RANGE},
      {"inf", BONUS_RANGE},          /* not finite */
      {"-inf", BONUS_RANGE},
      {"1e999", BONUS_RANGE},        /* overflows to infinity */
      {"1000.5", BONUS_RANGE},       /* above 1000 */
      {"1000.001", BONUS_RANGE},
      {"1e4", BONUS_RANGE},
      {"ten", "must be a number"},   /* not a number */
      {"", "must be a number"},
      {"1,5", "must be a number"},
      {"10 points", "must be a number"},
      {"true", "must be a number"},
  };
  for (guint b = 0; b < MM_N_BONUSES; b++) {
    const char *name = mm_bonus_name((MmBonus)b);
    for (guint k = 0; k < G_N_ELEMENTS(cases); k++) {
      char *ini = g_strdup_printf("[objective]\n"  /* 1 */
                                  "%s = %s\n",     /* 2 */
                                  name, cases[k].text);
      MmDiagnostics *diags = load_failing(ini, 1);
      char *column = g_strdup_printf("objective.%s", name);
      char *message =
          g_strdup_printf("%s (found \"%s\")", cases[k].problem, cases[k].text);
      check_diag_is(diags, 2, column, message);
      CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 1);
      g_free(message);
      g_free(column);
      mm_diagnostics_free(diags);
      g_free(ini);
    }
  }
}

/* Several bad objective keys in one file: every one reported, in line
 * order, each at its own line. */
static void test_error_objective_values(void) {
  MmDiagnostics *diags = load_failing("[objective]\n"          /* 1 */
                                      "choice_bonus = -1\n"    /* 2 */
                                      "priority_bonus = nan\n" /* 3 */
                                      "match_bonus = 1000.5\n" /* 4 */
                                      "waiting_bonus = ten\n"  /* 5 */
                                      "prefer = best\n",       /* 6 */
                                      5);
  check_diag_is(diags, 2, "objective.choice_bonus",
                BONUS_RANGE " (found \"-1\")");
  check_diag_is(diags, 3, "objective.priority_bonus",
                BONUS_RANGE " (found \"nan\")");
  check_diag_is(diags, 4, "objective.match_bonus",
                BONUS_RANGE " (found \"1000.5\")");
  check_diag_is(diags, 5, "objective.waiting_bonus",
                "must be a number (found \"ten\")");
  check_diag_is(diags, 6, "objective.prefer",
                "must be quality or count (found \"best\")");
  for (guint i = 0; i < mm_diagnostics_length(diags); i++)
    CU_ASSERT_EQUAL(mm_diagnostics_get(diags, i)->line, i + 2);
  mm_diagnostics_free(diags);
}

/* prefer takes exactly quality or count. */
static void test_error_prefer_values(void) {
  static const char *const bad[] = {"best", "", "quality count", "1",
                                    "qualityy", "counts", "quality;count"};
  for (guint k = 0; k < G_N_ELEMENTS(bad); k++) {
    char *ini = g_strdup_printf("[rules]\n"         /* 1 */
                                "min_score = 50\n"  /* 2: not applied */
                                "[objective]\n"     /* 3 */
                                "prefer = %s\n",    /* 4 */
                                bad[k]);
    MmDiagnostics *diags = load_failing(ini, 1);
    char *message =
        g_strdup_printf("must be quality or count (found \"%s\")", bad[k]);
    check_diag_is(diags, 4, "objective.prefer", message);
    g_free(message);
    mm_diagnostics_free(diags);
    g_free(ini);
  }
}

static void test_error_bad_weights(void) {
  MmDiagnostics *diags = load_failing("[weights]\n"         /* 1 */
                                      "interests = -1\n"    /* 2 */
                                      "gender = nan\n"      /* 3 */
                                      "ethnicity = inf\n"   /* 4 */
                                      "religion = -0.001\n" /* 5 */
                                      "age = 1e999\n"       /* 6 */
                                      "distance = 0\n",     /* 7: fine */
                                      5);
  check_diag(diags, 2, "weights.interests", "must not be negative");
  check_diag(diags, 3, "weights.gender", "NaN");
  check_diag(diags, 4, "weights.ethnicity", "must be finite");
  check_diag(diags, 5, "weights.religion", "must not be negative");
  check_diag(diags, 6, "weights.age", "must be finite");
  mm_diagnostics_free(diags);
}

static void test_error_all_weights_zero(void) {
  GString *ini = g_string_new("# comment\n[rules]\nmin_score=1\n[weights]\n");
  for (guint i = 0; i < MM_N_CRITERIA; i++)
    g_string_append_printf(ini, "%s = 0\n", mm_criterion_name((MmCriterion)i));
  MmDiagnostics *diags = load_failing(ini->str, 1);
  check_diag(diags, 4, NULL, "every weight is 0");
  mm_diagnostics_free(diags);

  /* Eleven zeros leave distance (the last criterion) at its 2, so that is
   * fine. */
  MmConfig *config = mm_config_new();
  g_string_truncate(ini, ini->len - strlen("distance = 0\n"));
  load_clean(config, ini->str);
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_NEEDS), 0.0);
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_DISTANCE), 2.0);
  mm_config_free(config);
  g_string_free(ini, TRUE);

  /* Bonuses are not weights: all of them 0 is a valid objective. */
  config = mm_config_new();
  load_clean(config, "[objective]\nchoice_bonus = 0\npriority_bonus = 0\n"
                     "match_bonus = 0\nwaiting_bonus = 0\n");
  for (guint b = 0; b < MM_N_BONUSES; b++)
    MM_ASSERT_CLOSE(mm_config_get_bonus(config, (MmBonus)b), 0.0);
  mm_config_free(config);
}

static void test_error_rules_out_of_range(void) {
  MmDiagnostics *diags = load_failing("[rules]\n"                   /* 1 */
                                      "min_training_hours = -0.5\n" /* 2 */
                                      "min_age_gap = 51\n"          /* 3 */
                                      "max_distance_km = 0\n"       /* 4 */
                                      "min_score = 100.01\n",       /* 5 */
                                      4);
  check_diag(diags, 2, "rules.min_training_hours", "must not be negative");
  check_diag(diags, 3, "rules.min_age_gap", "from 0 to 50 (found \"51\")");
  check_diag(diags, 4, "rules.max_distance_km", "must be above 0");
  check_diag(diags, 5, "rules.min_score", "from 0 to 100");
  mm_diagnostics_free(diags);

  diags = load_failing("[rules]\n"                             /* 1 */
                       "min_training_hours = inf\n"            /* 2 */
                       "min_age_gap = -1\n"                    /* 3 */
                       "max_distance_km = inf\n"               /* 4 */
                       "min_score = -1\n"                      /* 5 */
                       "[rules]\n"                             /* 6 */
                       "max_distance_km = 0\n"                 /* 7 */
                       "min_age_gap = 99999999999999999999\n", /* 8 */
                       4);
  check_diag(diags, 2, "rules.min_training_hours", "finite");
  check_diag(diags, 5, "rules.min_score", "from 0 to 100");
  /* max_distance_km was set twice: the last value, on line 7, counts. */
  check_diag(diags, 7, "rules.max_distance_km", "must be above 0");
  check_diag(diags, 7, "rules.max_distance_km", "first on line 4");
  check_diag(diags, 8, "rules.min_age_gap", "from 0 to 50");
  /* Only the last of a key set twice is read. */
  CU_ASSERT_FALSE(mm_test_has_diag(diags, 3, "rules.min_age_gap", NULL));
  CU_ASSERT_FALSE(mm_test_has_diag(diags, 4, "rules.max_distance_km", NULL));
  mm_diagnostics_free(diags);

  diags = load_failing("[rules]\nmin_score = nan\n", 1);
  check_diag(diags, 2, "rules.min_score", "from 0 to 100");
  mm_diagnostics_free(diags);
}

static void test_error_syntax(void) {
  MmDiagnostics *diags = load_failing("age = 1\n"         /* 1 */
                                      "[weights]\n"       /* 2 */
                                      "; a comment\n"     /* 3 */
                                      "just words\n"      /* 4 */
                                      "= 3\n"             /* 5 */
                                      "age = -2\n"        /* 6 */
                                      "[rules\n"          /* 7 */
                                      "min_score = 500\n" /* 8: skipped */
                                      "[rules] x\n"       /* 9 */
                                      "[]\n"              /* 10 */
                                      "[rules]\n"         /* 11 */
                                      "min_score = 500\n" /* 12 */
                                      "a]b = 1\n",        /* 13 */
                                      10);
  check_diag(diags, 1, NULL, "before any [group]");
  check_diag(diags, 3, NULL, "comments start with '#'");
  check_diag(diags, 4, NULL, "syntax error");
  check_diag(diags, 5, NULL, "syntax error");
  /* The other errors are found in the same pass. */
  check_diag(diags, 6, "weights.age", "must not be negative");
  check_diag(diags, 7, NULL, "closing ']'");
  check_diag(diags, 9, NULL, "text after the closing ']'");
  check_diag(diags, 10, NULL, "empty [group] name");
  check_diag(diags, 12, "rules.min_score", "from 0 to 100");
  check_diag(diags, 13, NULL, "'[' or ']'");
  /* Keys under a header that could not be read belong to no group. */
  CU_ASSERT_FALSE(mm_test_has_diag(diags, 8, NULL, NULL));
  CU_ASSERT_FALSE(mm_test_has_diag(diags, 8, "rules.min_score", NULL));
  mm_diagnostics_free(diags);

  /* The same for [objective]: a broken header hides its keys. */
  diags = load_failing("[objective\n"          /* 1 */
                       "choice_bonus = -5\n"   /* 2: skipped */
                       "[objective]\n"         /* 3 */
                       "choice_bonus = -5\n",  /* 4 */
                       2);
  check_diag(diags, 1, NULL, "closing ']'");
  check_diag_is(diags, 4, "objective.choice_bonus",
                BONUS_RANGE " (found \"-5\")");
  CU_ASSERT_FALSE(mm_test_has_diag(diags, 2, NULL, NULL));
  CU_ASSERT_FALSE(mm_test_has_diag(diags, 2, "objective.choice_bonus", NULL));
  mm_diagnostics_free(diags);
}

/* A NUL byte or bytes that are not UTF-8 make their line an error (the
 * length is given so the NUL is inside the data). */
static void test_error_bytes(void) {
  static const char nul[] = "[weights]\nage = 1\0\nneeds = 2\n";
  static const char latin1[] = "[weights]\n# caf\xe9\nage = 1\n";
  static const char prefer[] = "[objective]\nprefer = qu\xe4lity\n";
  MmConfig *config = mm_config_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(
      mm_config_load_data(config, nul, sizeof nul - 1, "n.ini", diags, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 1);
  check_diag(diags, 2, NULL, "NUL");
  mm_diagnostics_free(diags);
  diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(
      mm_config_load_data(config, latin1, -1, "l.ini", diags, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 1);
  check_diag(diags, 2, NULL, "UTF-8");
  mm_diagnostics_free(diags);
  diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(
      mm_config_load_data(config, prefer, -1, "p.ini", diags, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 1);
  check_diag(diags, 2, NULL, "UTF-8");
  mm_diagnostics_free(diags);
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_AGE), 2.0);
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_QUALITY);
  mm_config_free(config);
}

/* The line is found within the right group: "min_score" is an unknown
 * weight, a known rule and an unknown objective key; "interests" in [rules]
 * is unknown. */
static void test_lines_are_per_group(void) {
  MmDiagnostics *diags = load_failing("[rules]\n"           /* 1 */
                                      "min_score = 150\n"   /* 2 */
                                      "interests = 1\n"     /* 3 */
                                      "[weights]\n"         /* 4 */
                                      "min_score = 2\n"     /* 5 */
                                      "interests = -1\n"    /* 6 */
                                      "[objective]\n"       /* 7 */
                                      "min_score = 2\n"     /* 8 */
                                      "choice_bonus = -1\n", /* 9 */
                                      6);
  check_diag(diags, 2, "rules.min_score", "from 0 to 100");
  check_diag_is(diags, 3, "rules.interests", RULES_HAVE);
  check_diag_is(diags, 5, "weights.min_score", WEIGHTS_HAVE);
  check_diag(diags, 6, "weights.interests", "must not be negative");
  check_diag_is(diags, 8, "objective.min_score", OBJECTIVE_HAVE);
  check_diag(diags, 9, "objective.choice_bonus", BONUS_RANGE);
  /* Reported in line order, whatever the group. */
  static const guint lines[] = {2, 3, 5, 6, 8, 9};
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), G_N_ELEMENTS(lines));
  for (guint i = 0;
       i < mm_diagnostics_length(diags) && i < G_N_ELEMENTS(lines); i++) {
    CU_ASSERT_EQUAL(mm_diagnostics_get(diags, i)->line, lines[i]);
    CU_ASSERT_STRING_EQUAL(mm_diagnostics_get(diags, i)->source, "cfg.ini");
  }
  mm_diagnostics_free(diags);
  /* Found in another order (syntax, groups, then keys by first appearance)
   * but reported by line: a key's last line counts. */
  diags = load_failing("[extra]\n"    /* 1 */
                       "[weights]\n"  /* 2 */
                       "age = -1\n"   /* 3: replaced by line 6 */
                       "needs = -1\n" /* 4 */
                       "oops\n"       /* 5 */
                       "age = -2\n",  /* 6 */
                       4);
  static const guint sorted[] = {1, 4, 5, 6, 6};
  CU_ASSERT_EQUAL_FATAL(mm_diagnostics_length(diags), G_N_ELEMENTS(sorted));
  for (guint i = 0; i < G_N_ELEMENTS(sorted); i++)
    CU_ASSERT_EQUAL(mm_diagnostics_get(diags, i)->line, sorted[i]);
  /* On line 6 the warning was found before the error. */
  CU_ASSERT_EQUAL(mm_diagnostics_get(diags, 3)->severity, MM_SEVERITY_WARNING);
  check_diag(diags, 6, "weights.age", "(found \"-2\")");
  mm_diagnostics_free(diags);
}

/* A key set twice: a warning, and the last value counts. */
static void test_duplicate_key(void) {
  MmConfig *config = mm_config_new();
  MmDiagnostics *diags = NULL;
  CU_ASSERT_TRUE(
      load(config, "[weights]\nage = 5\nneeds = 1\nage = 6\n", &diags, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(diags), 1);
  check_diag(diags, 4, "weights.age", "first on line 2");
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_AGE), 6.0);
  mm_diagnostics_free(diags);

  /* The same in [objective], across a repeated group. */
  CU_ASSERT_TRUE(load(config,
                      "[objective]\n"        /* 1 */
                      "prefer = count\n"     /* 2 */
                      "match_bonus = 4\n"    /* 3 */
                      "[objective]\n"        /* 4 */
                      "prefer = quality\n",  /* 5 */
                      &diags, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(diags), 1);
  check_diag(diags, 5, "objective.prefer", "first on line 2");
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_QUALITY);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_MATCH), 4.0);
  mm_diagnostics_free(diags);
  mm_config_free(config);
}

/* A user's long key or value is cut in the diagnostic. */
static void test_long_key_is_cut(void) {
  GString *ini = g_string_new("[weights]\n");
  for (guint i = 0; i < 1000; i++)
    g_string_append_c(ini, 'k');
  g_string_append(ini, " = 1\n");
  MmDiagnostics *diags = load_failing(ini->str, 1);
  CU_ASSERT_EQUAL_FATAL(mm_diagnostics_length(diags), 1);
  const MmDiagnostic *d = mm_diagnostics_get(diags, 0);
  CU_ASSERT_EQUAL(d->line, 2);
  CU_ASSERT_TRUE(g_str_has_prefix(d->column, "weights.kkkk"));
  CU_ASSERT_TRUE(g_str_has_suffix(d->column, "..."));
  CU_ASSERT_TRUE(strlen(d->column) < 60);
  mm_diagnostics_free(diags);

  g_string_assign(ini, "[objective]\nprefer = ");
  for (guint i = 0; i < 1000; i++)
    g_string_append_c(ini, 'q');
  g_string_append(ini, "\n");
  diags = load_failing(ini->str, 1);
  CU_ASSERT_EQUAL_FATAL(mm_diagnostics_length(diags), 1);
  d = mm_diagnostics_get(diags, 0);
  CU_ASSERT_EQUAL(d->line, 2);
  CU_ASSERT_STRING_EQUAL(d->column, "objective.prefer");
  CU_ASSERT_TRUE(
      g_str_has_prefix(d->message, "must be quality or count (found \"qqqq"));
  CU_ASSERT_TRUE(g_str_has_suffix(d->message, "...\")"));
  CU_ASSERT_TRUE(strlen(d->message) < 100);
  mm_diagnostics_free(diags);
  g_string_free(ini, TRUE);
}

/* ---- All or nothing ---- */

static void test_all_or_nothing(void) {
  MmConfig *config = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_weight(config, MM_CRITERION_GENDER, 7, NULL));
  CU_ASSERT_TRUE(mm_config_set_min_age_gap(config, 4, NULL));
  MmConfig *before = mm_config_copy(config);
  MmDiagnostics *diags = NULL;
  GError *error = NULL;
  /* Every key but one is valid; none may be applied. */
  CU_ASSERT_FALSE(load(config,
                       "[weights]\ngender = 1\ndistance = 9\n"
                       "[rules]\nmin_age_gap = 3\nrequire_checks = no\n"
                       "min_score = 101\n"
                       "[objective]\nprefer = count\nchoice_bonus = 9\n",
                       &diags, &error));
  CU_ASSERT_TRUE(same_config(config, before));
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_GENDER), 7.0);
  CU_ASSERT_EQUAL(mm_config_get_min_age_gap(config), 4);
  CU_ASSERT_TRUE(mm_config_get_require_checks(config));
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_QUALITY);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_CHOICE), 100.0);
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  CU_ASSERT_STRING_EQUAL(error->message, "cfg.ini: 1 error");
  check_diag(diags, 7, "rules.min_score", "from 0 to 100");
  g_clear_error(&error);
  mm_diagnostics_free(diags);

  /* Without a diagnostics list the answer is the same. */
  CU_ASSERT_FALSE(mm_config_load_data(config, "[rules]\nmin_score=-1\nx=1\n",
                                      -1, "b.ini", NULL, &error));
  CU_ASSERT_STRING_EQUAL(error->message, "b.ini: 2 errors");
  CU_ASSERT_TRUE(same_config(config, before));
  g_clear_error(&error);
  mm_config_free(before);
  mm_config_free(config);
}

/* A file whose only error is in [objective] changes nothing either, not
 * even the objective keys before the bad one; one whose only error is
 * elsewhere leaves the objective alone. */
static void test_objective_all_or_nothing(void) {
  MmConfig *config = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_bonus(config, MM_BONUS_PRIORITY, 20, NULL));
  mm_config_set_prefer(config, MM_PREFER_COUNT);
  MmConfig *before = mm_config_copy(config);
  MmDiagnostics *diags = NULL;
  GError *error = NULL;
  CU_ASSERT_FALSE(load(config,
                       "[objective]\n"          /* 1 */
                       "prefer = quality\n"     /* 2 */
                       "choice_bonus = 50\n"    /* 3 */
                       "priority_bonus = 5\n"   /* 4 */
                       "match_bonus = 1\n"      /* 5 */
                       "[weights]\n"            /* 6 */
                       "age = 4\n"              /* 7 */
                       "[rules]\n"              /* 8 */
                       "min_score = 10\n"       /* 9 */
                       "[objective]\n"          /* 10 */
                       "waiting_bonus = -2\n",  /* 11 */
                       &diags, &error));
  CU_ASSERT_TRUE(same_config(config, before));
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_COUNT);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_PRIORITY), 20.0);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 40.0);
  CU_ASSERT_STRING_EQUAL(error->message, "cfg.ini: 1 error");
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 1);
  check_diag_is(diags, 11, "objective.waiting_bonus",
                BONUS_RANGE " (found \"-2\")");
  g_clear_error(&error);
  mm_diagnostics_free(diags);

  CU_ASSERT_FALSE(load(config,
                       "[objective]\nprefer = quality\nchoice_bonus = 50\n"
                       "[weights]\nchoice = 4\n",
                       &diags, &error));
  CU_ASSERT_TRUE(same_config(config, before));
  check_diag(diags, 5, "weights.choice", "the choice weight is gone");
  g_clear_error(&error);
  mm_diagnostics_free(diags);
  mm_config_free(before);
  mm_config_free(config);
}

/* ---- Files ---- */

static void test_load_file(void) {
  char *dir = g_dir_make_tmp("mm-config-XXXXXX", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
  char *path = g_build_filename(dir, "matching.ini", NULL);
  CU_ASSERT_TRUE(g_file_set_contents(
      path, "[objective]\nchoice_bonus = 6\n[rules]\nmin_age_gap = 99\n", -1,
      NULL));
  MmConfig *config = mm_config_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  GError *error = NULL;
  CU_ASSERT_FALSE(mm_config_load_file(config, path, diags, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  g_clear_error(&error);
  CU_ASSERT_EQUAL_FATAL(mm_diagnostics_length(diags), 1);
  const MmDiagnostic *d = mm_diagnostics_get(diags, 0);
  char *text = mm_diagnostic_format(d);
  char *expected = g_strdup_printf(
      "%s:4: column rules.min_age_gap: must be a whole number of years from 0 "
      "to 50 (found \"99\")",
      path);
  CU_ASSERT_STRING_EQUAL(text, expected);
  g_free(expected);
  g_free(text);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_CHOICE), 100.0);

  CU_ASSERT_TRUE(g_file_set_contents(
      path, "[objective]\nchoice_bonus = 6\nprefer = count\n", -1, NULL));
  CU_ASSERT_TRUE(mm_config_load_file(config, path, diags, &error));
  CU_ASSERT_PTR_NULL(error);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_CHOICE), 6.0);
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_COUNT);
  mm_diagnostics_free(diags);

  /* A version 1 file: FILE:LINE: column weights.choice, with the hint. */
  CU_ASSERT_TRUE(g_file_set_contents(
      path, "# version 1\n[weights]\nchoice = 4\n", -1, NULL));
  diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(mm_config_load_file(config, path, diags, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  g_clear_error(&error);
  CU_ASSERT_EQUAL_FATAL(mm_diagnostics_length(diags), 1);
  text = mm_diagnostic_format(mm_diagnostics_get(diags, 0));
  expected = g_strdup_printf(
      "%s:3: column weights.choice: the choice weight is gone", path);
  CU_ASSERT_TRUE(g_str_has_prefix(text, expected));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "[objective] choice_bonus"));
  g_free(expected);
  g_free(text);
  mm_diagnostics_free(diags);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_CHOICE), 6.0);

  /* Missing file: MM_ERROR_IO, a diagnostic without a line, no change. */
  char *missing = g_build_filename(dir, "missing.ini", NULL);
  diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(mm_config_load_file(config, missing, diags, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_IO));
  CU_ASSERT_PTR_NOT_NULL(error != NULL ? strstr(error->message, missing)
                                       : NULL);
  g_clear_error(&error);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 1);
  check_diag(diags, 0, NULL, "cannot read");
  CU_ASSERT_STRING_EQUAL(mm_diagnostics_get(diags, 0)->source, missing);
  mm_diagnostics_free(diags);

  /* A directory cannot be read as a file either. */
  CU_ASSERT_FALSE(mm_config_load_file(config, dir, NULL, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_IO));
  g_clear_error(&error);
  MM_ASSERT_CLOSE(mm_config_get_bonus(config, MM_BONUS_CHOICE), 6.0);
  CU_ASSERT_EQUAL(mm_config_get_prefer(config), MM_PREFER_COUNT);

  g_unlink(path);
  g_rmdir(dir);
  g_free(missing);
  g_free(path);
  g_free(dir);
  mm_config_free(config);
}

/* examples/data/config.ini says it shows every key at its built-in default,
 * so it loads clean, changes nothing, and names every key of every group. */
static void test_example_config_is_the_defaults(void) {
  MmConfig *config = mm_config_new();
  MmConfig *defaults = mm_config_copy(config);
  MmDiagnostics *diags = mm_diagnostics_new();
  GError *error = NULL;
  CU_ASSERT_TRUE(mm_config_load_file(
      config, MM_EXAMPLES_DIR "/data/config.ini", diags, &error));
  CU_ASSERT_PTR_NULL(error);
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 0);
  mm_test_dump_diags(diags);
  CU_ASSERT_TRUE(same_config(config, defaults));
  g_clear_error(&error);

  char *text = NULL;
  CU_ASSERT_TRUE_FATAL(g_file_get_contents(MM_EXAMPLES_DIR "/data/config.ini",
                                           &text, NULL, NULL));
  static const char *const others[] = {
      "min_training_hours", "require_checks", "min_age_gap", "max_distance_km",
      "min_score",          "prefer",         "choice_bonus", "priority_bonus",
      "match_bonus",        "waiting_bonus"};
  GPtrArray *keys = g_ptr_array_new();
  for (guint i = 0; i < MM_N_CRITERIA; i++)
    g_ptr_array_add(keys, (gpointer)mm_criterion_name((MmCriterion)i));
  for (guint i = 0; i < G_N_ELEMENTS(others); i++)
    g_ptr_array_add(keys, (gpointer)others[i]);
  for (guint i = 0; i < keys->len; i++) {
    char *line = g_strdup_printf("\n%s=", (char *)g_ptr_array_index(keys, i));
    char *spaced =
        g_strdup_printf("\n%s =", (char *)g_ptr_array_index(keys, i));
    gboolean shown = strstr(text, line) != NULL || strstr(text, spaced) != NULL;
    CU_ASSERT_TRUE(shown);
    if (!shown)
      fprintf(stderr, "\nconfig.ini does not show %s\n",
              (char *)g_ptr_array_index(keys, i));
    g_free(line);
    g_free(spaced);
  }
  /* ... and no version 1 choice weight. */
  CU_ASSERT_PTR_NULL(strstr(text, "\nchoice="));
  CU_ASSERT_PTR_NULL(strstr(text, "\nchoice ="));
  g_ptr_array_free(keys, TRUE);
  g_free(text);
  mm_diagnostics_free(diags);
  mm_config_free(defaults);
  mm_config_free(config);
}

/* ---- Setters ---- */

/* A setter that must refuse @value: MM_ERROR_INVALID_INPUT naming the
 * setting, and the config unchanged. */
#define CHECK_REFUSED(config, call, setting)                                   \
  do {                                                                         \
    MmConfig *before_ = mm_config_copy(config);                                \
    GError *error_ = NULL;                                                     \
    CU_ASSERT_FALSE(call);                                                     \
    CU_ASSERT_TRUE(g_error_matches(error_, MM_ERROR, MM_ERROR_INVALID_INPUT)); \
    CU_ASSERT_TRUE(error_ != NULL &&                                           \
                   strstr(error_->message, setting) != NULL);                  \
    if (error_ != NULL && strstr(error_->message, setting) == NULL)            \
      fprintf(stderr, "\n\"%s\" lacks \"%s\"\n", error_->message, setting);    \
    CU_ASSERT_TRUE(same_config(config, before_));                              \
    g_clear_error(&error_);                                                    \
    mm_config_free(before_);                                                   \
  } while (0)

static void test_set_weight(void) {
  MmConfig *c = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_weight(c, MM_CRITERION_RELIGION, 0.5, NULL));
  MM_ASSERT_CLOSE(mm_config_get_weight(c, MM_CRITERION_RELIGION), 0.5);
  CHECK_REFUSED(c, mm_config_set_weight(c, MM_CRITERION_AGE, -1, &error_),
                "age must not be negative");
  CHECK_REFUSED(c, mm_config_set_weight(c, MM_CRITERION_AGE, NAN, &error_),
                "NaN");
  CHECK_REFUSED(c, mm_config_set_weight(c, MM_CRITERION_AGE, INFINITY, &error_),
                "finite");
  /* Zero is fine until it would be the last weight: distance, the last of
   * the twelve, cannot follow the other eleven to 0. */
  for (guint i = 0; i + 1 < MM_N_CRITERIA; i++)
    CU_ASSERT_TRUE(mm_config_set_weight(c, (MmCriterion)i, 0, NULL));
  CHECK_REFUSED(c, mm_config_set_weight(c, MM_CRITERION_DISTANCE, 0, &error_),
                "distance cannot be 0: every weight would be 0");
  MM_ASSERT_CLOSE(mm_config_get_weight(c, MM_CRITERION_DISTANCE), 2.0);
  CU_ASSERT_TRUE(mm_config_set_weight(c, MM_CRITERION_DISTANCE, 1e-9, NULL));
  mm_config_free(c);
}

static void test_set_rules(void) {
  MmConfig *c = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_min_training_hours(c, 0, NULL));
  CU_ASSERT_TRUE(mm_config_set_min_training_hours(c, 6.5, NULL));
  MM_ASSERT_CLOSE(mm_config_get_min_training_hours(c), 6.5);
  CHECK_REFUSED(c, mm_config_set_min_training_hours(c, -0.1, &error_),
                "min_training_hours must not be negative (got -0.1)");
  CHECK_REFUSED(c, mm_config_set_min_training_hours(c, NAN, &error_),
                "min_training_hours");

  mm_config_set_require_checks(c, FALSE);
  CU_ASSERT_FALSE(mm_config_get_require_checks(c));
  mm_config_set_require_checks(c, 42); /* any true value reads back TRUE */
  CU_ASSERT_EQUAL(mm_config_get_require_checks(c), TRUE);

  CU_ASSERT_TRUE(mm_config_set_min_age_gap(c, 0, NULL));
  CU_ASSERT_TRUE(mm_config_set_min_age_gap(c, 50, NULL));
  CU_ASSERT_EQUAL(mm_config_get_min_age_gap(c), 50);
  CHECK_REFUSED(c, mm_config_set_min_age_gap(c, 51, &error_),
                "min_age_gap must be a whole number of years from 0 to 50 "
                "(got 51)");
  CHECK_REFUSED(c, mm_config_set_min_age_gap(c, -1, &error_), "min_age_gap");

  CU_ASSERT_TRUE(mm_config_set_max_distance_km(c, 0.25, NULL));
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(c), 0.25);
  CHECK_REFUSED(c, mm_config_set_max_distance_km(c, 0, &error_),
                "max_distance_km must be above 0");
  CHECK_REFUSED(c, mm_config_set_max_distance_km(c, -5, &error_),
                "max_distance_km");
  CHECK_REFUSED(c, mm_config_set_max_distance_km(c, INFINITY, &error_),
                "max_distance_km must be a finite number");

  CU_ASSERT_TRUE(mm_config_set_min_score(c, 0, NULL));
  CU_ASSERT_TRUE(mm_config_set_min_score(c, 100, NULL));
  CU_ASSERT_TRUE(mm_config_set_min_score(c, 55.5, NULL));
  MM_ASSERT_CLOSE(mm_config_get_min_score(c), 55.5);
  CHECK_REFUSED(c, mm_config_set_min_score(c, 100.5, &error_),
                "min_score must be from 0 to 100");
  CHECK_REFUSED(c, mm_config_set_min_score(c, -0.5, &error_), "min_score");
  CHECK_REFUSED(c, mm_config_set_min_score(c, NAN, &error_), "min_score");
  mm_config_free(c);
}

static void test_set_prefer(void) {
  MmConfig *c = mm_config_new();
  MmConfig *defaults = mm_config_copy(c);
  mm_config_set_prefer(c, MM_PREFER_COUNT);
  CU_ASSERT_EQUAL(mm_config_get_prefer(c), MM_PREFER_COUNT);
  /* prefer is the only setting that moved. */
  mm_config_set_prefer(c, MM_PREFER_QUALITY);
  CU_ASSERT_EQUAL(mm_config_get_prefer(c), MM_PREFER_QUALITY);
  CU_ASSERT_TRUE(same_config(c, defaults));
  mm_config_free(defaults);
  mm_config_free(c);
}

/* Each bonus takes exactly the finite numbers from 0 to 1000; a refused
 * value names the bonus, says the range and shows the value, and changes
 * nothing. */
static void test_set_bonus(void) {
  for (guint b = 0; b < MM_N_BONUSES; b++) {
    MmBonus bonus = (MmBonus)b;
    const char *name = mm_bonus_name(bonus);
    MmConfig *c = mm_config_new();
    CU_ASSERT_TRUE(mm_config_set_bonus(c, bonus, 0, NULL));
    MM_ASSERT_CLOSE(mm_config_get_bonus(c, bonus), 0.0);
    CU_ASSERT_TRUE(mm_config_set_bonus(c, bonus, 1000, NULL));
    MM_ASSERT_CLOSE(mm_config_get_bonus(c, bonus), 1000.0);
    CU_ASSERT_TRUE(mm_config_set_bonus(c, bonus, 12.5, NULL));
    MM_ASSERT_CLOSE(mm_config_get_bonus(c, bonus), 12.5);
    CU_ASSERT_TRUE(mm_config_set_bonus(c, bonus, 1e-300, NULL));
    CU_ASSERT_TRUE(mm_config_set_bonus(c, bonus, 12.5, NULL));
    /* The other bonuses kept their defaults. */
    MmConfig *defaults = mm_config_new();
    for (guint o = 0; o < MM_N_BONUSES; o++)
      if (o != b)
        CU_ASSERT_EQUAL(mm_config_get_bonus(c, (MmBonus)o),
                        mm_config_get_bonus(defaults, (MmBonus)o));
    mm_config_free(defaults);

    char *setting = g_strdup_printf("%s " BONUS_RANGE, name);
    char *negative = g_strdup_printf("%s " BONUS_RANGE " (got -1)", name);
    char *above = g_strdup_printf("%s " BONUS_RANGE " (got 1000.5)", name);
    CHECK_REFUSED(c, mm_config_set_bonus(c, bonus, -1, &error_), negative);
    CHECK_REFUSED(c, mm_config_set_bonus(c, bonus, -0.001, &error_), setting);
    CHECK_REFUSED(c, mm_config_set_bonus(c, bonus, 1000.5, &error_), above);
    CHECK_REFUSED(c, mm_config_set_bonus(c, bonus, nextafter(1000.0, 2000.0),
                                         &error_),
                  setting);
    CHECK_REFUSED(c, mm_config_set_bonus(c, bonus, NAN, &error_), setting);
    CHECK_REFUSED(c, mm_config_set_bonus(c, bonus, INFINITY, &error_),
                  setting);
    CHECK_REFUSED(c, mm_config_set_bonus(c, bonus, -INFINITY, &error_),
                  setting);
    MM_ASSERT_CLOSE(mm_config_get_bonus(c, bonus), 12.5);
    g_free(above);
    g_free(negative);
    g_free(setting);
    mm_config_free(c);
  }
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_criterion_names),
      MM_TEST(test_bonus_and_prefer_names),
      MM_TEST(test_defaults),
      MM_TEST(test_objective_defaults),
      MM_TEST(test_copy_is_independent),
      MM_TEST(test_load_every_key),
      MM_TEST(test_load_each_bonus),
      MM_TEST(test_load_keeps_absent_keys),
      MM_TEST(test_load_layout),
      MM_TEST(test_load_booleans),
      MM_TEST(test_load_rule_boundaries),
      MM_TEST(test_load_bonus_boundaries),
      MM_TEST(test_error_unknown_group),
      MM_TEST(test_error_unknown_keys),
      MM_TEST(test_error_choice_weight_is_gone),
      MM_TEST(test_error_not_a_number),
      MM_TEST(test_error_bonus_values),
      MM_TEST(test_error_objective_values),
      MM_TEST(test_error_prefer_values),
      MM_TEST(test_error_bad_weights),
      MM_TEST(test_error_all_weights_zero),
      MM_TEST(test_error_rules_out_of_range),
      MM_TEST(test_error_syntax),
      MM_TEST(test_error_bytes),
      MM_TEST(test_lines_are_per_group),
      MM_TEST(test_duplicate_key),
      MM_TEST(test_long_key_is_cut),
      MM_TEST(test_all_or_nothing),
      MM_TEST(test_objective_all_or_nothing),
      MM_TEST(test_load_file),
      MM_TEST(test_example_config_is_the_defaults),
      MM_TEST(test_set_weight),
      MM_TEST(test_set_rules),
      MM_TEST(test_set_prefer),
      MM_TEST(test_set_bonus),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("config", tests);
}
