/* test-config.c: weights and rules, their defaults, setters and INI loading
 * (lib/config.c). */
#include "test-common.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- Helpers ---- */

/* Whether every weight and rule of @a and @b is the same (exactly: nothing
 * may have been changed at all). */
static gboolean same_config(const MmConfig *a, const MmConfig *b) {
  for (guint i = 0; i < MM_N_CRITERIA; i++)
    if (mm_config_get_weight(a, (MmCriterion)i) !=
        mm_config_get_weight(b, (MmCriterion)i))
      return FALSE;
  return mm_config_get_min_training_hours(a) ==
             mm_config_get_min_training_hours(b) &&
         mm_config_get_require_checks(a) == mm_config_get_require_checks(b) &&
         mm_config_get_min_age_gap(a) == mm_config_get_min_age_gap(b) &&
         mm_config_get_max_distance_km(a) == mm_config_get_max_distance_km(b) &&
         mm_config_get_min_score(a) == mm_config_get_min_score(b);
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

/* ---- Criterion names ---- */

static void test_criterion_names(void) {
  static const char *const expected[] = {
      "interests",   "care_experience", "gender",
      "ethnicity",   "religion",        "age",
      "language",    "mentor_type",     "needs",
      "aspirations", "availability",    "distance",
      "choice"};
  CU_ASSERT_EQUAL(G_N_ELEMENTS(expected), MM_N_CRITERIA);
  for (guint i = 0; i < MM_N_CRITERIA; i++) {
    CU_ASSERT_STRING_EQUAL(mm_criterion_name((MmCriterion)i), expected[i]);
    MmCriterion c = MM_N_CRITERIA;
    CU_ASSERT_TRUE(mm_criterion_from_name(expected[i], &c));
    CU_ASSERT_EQUAL(c, (MmCriterion)i);
  }
  CU_ASSERT_EQUAL(MM_CRITERION_CHOICE, 12);
  CU_ASSERT_PTR_NULL(mm_criterion_name(MM_N_CRITERIA));
  CU_ASSERT_PTR_NULL(mm_criterion_name((MmCriterion)-1));
  MmCriterion c = MM_CRITERION_AGE;
  CU_ASSERT_FALSE(mm_criterion_from_name("Interests", &c));
  CU_ASSERT_FALSE(mm_criterion_from_name("interest", &c));
  CU_ASSERT_FALSE(mm_criterion_from_name("", &c));
  CU_ASSERT_EQUAL(c, MM_CRITERION_AGE); /* untouched on failure */
  CU_ASSERT_TRUE(mm_criterion_from_name("distance", NULL));
}

/* ---- Defaults ---- */

/* The values README.md documents, typed out rather than taken from the
 * macros, so that a changed default shows up here as well as in review. */
static void test_defaults(void) {
  MmConfig *config = mm_config_new();
  static const double weights[MM_N_CRITERIA] = {
      [MM_CRITERION_INTERESTS] = 3.0,    [MM_CRITERION_CARE_EXPERIENCE] = 3.0,
      [MM_CRITERION_GENDER] = 2.0,       [MM_CRITERION_ETHNICITY] = 2.0,
      [MM_CRITERION_RELIGION] = 1.0,     [MM_CRITERION_AGE] = 2.0,
      [MM_CRITERION_LANGUAGE] = 1.0,     [MM_CRITERION_MENTOR_TYPE] = 1.0,
      [MM_CRITERION_NEEDS] = 3.0,        [MM_CRITERION_ASPIRATIONS] = 2.0,
      [MM_CRITERION_AVAILABILITY] = 2.0, [MM_CRITERION_DISTANCE] = 2.0,
      [MM_CRITERION_CHOICE] = 4.0,
  };
  for (guint i = 0; i < MM_N_CRITERIA; i++)
    MM_ASSERT_CLOSE(mm_config_get_weight(config, (MmCriterion)i), weights[i]);
  MM_ASSERT_CLOSE(mm_config_get_min_training_hours(config), 3.0);
  CU_ASSERT_TRUE(mm_config_get_require_checks(config));
  CU_ASSERT_EQUAL(mm_config_get_min_age_gap(config), 2);
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(config), 30.0);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 0.0);
  mm_config_free(config);
}

static void test_copy_is_independent(void) {
  MmConfig *a = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_min_score(a, 40, NULL));
  MmConfig *b = mm_config_copy(a);
  MM_ASSERT_CLOSE(mm_config_get_min_score(b), 40.0);
  CU_ASSERT_TRUE(mm_config_set_min_score(b, 10, NULL));
  MM_ASSERT_CLOSE(mm_config_get_min_score(a), 40.0);
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
                     "choice = 15\n"
                     "\n"
                     "[rules]\n"
                     "min_training_hours = 4.5\n"
                     "require_checks = false\n"
                     "min_age_gap = 5\n"
                     "max_distance_km = 12.5\n"
                     "min_score = 40\n");
  static const double expected[MM_N_CRITERIA] = {1.5, 6,  0,  0.25, 7,  8, 9,
                                                 10,  11, 12, 13,   14, 15};
  for (guint i = 0; i < MM_N_CRITERIA; i++)
    MM_ASSERT_CLOSE(mm_config_get_weight(config, (MmCriterion)i), expected[i]);
  MM_ASSERT_CLOSE(mm_config_get_min_training_hours(config), 4.5);
  CU_ASSERT_FALSE(mm_config_get_require_checks(config));
  CU_ASSERT_EQUAL(mm_config_get_min_age_gap(config), 5);
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(config), 12.5);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 40.0);
  mm_config_free(config);
}

/* Keys the file leaves out keep the config's values, including values set
 * in code before, and an empty file changes nothing. */
static void test_load_keeps_absent_keys(void) {
  MmConfig *config = mm_config_new();
  CU_ASSERT_TRUE(mm_config_set_weight(config, MM_CRITERION_AGE, 9, NULL));
  load_clean(config, "[rules]\nmin_score=20\n");
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_AGE), 9.0);
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_CHOICE), 4.0);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 20.0);
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(config), 30.0);

  MmConfig *before = mm_config_copy(config);
  load_clean(config, "");
  load_clean(config, "# only a comment\n\n[weights]\n[rules]\n");
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
                     "[weights]\r\n"
                     "  choice =1e1\r\n"
                     "[rules]\n"
                     "max_distance_km = 0.5");
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_INTERESTS), 2.5);
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_CHOICE), 10.0);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 15.0);
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(config), 0.5);
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
  load_clean(config, "[rules]\nmin_age_gap=50\nmin_score=100\n"
                     "max_distance_km=20000\nmin_training_hours=1000\n");
  CU_ASSERT_EQUAL(mm_config_get_min_age_gap(config), 50);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), 100.0);
  MM_ASSERT_CLOSE(mm_config_get_max_distance_km(config), 20000.0);
  MM_ASSERT_CLOSE(mm_config_get_min_training_hours(config), 1000.0);
  mm_config_free(config);
}

/* ---- Loading: each kind of error, at its line ---- */

static void test_error_unknown_group(void) {
  MmDiagnostics *diags = load_failing("[weights]\n"   /* 1 */
                                      "age = 1\n"     /* 2 */
                                      "\n"            /* 3 */
                                      "[weighting]\n" /* 4 */
                                      "age = 2\n"     /* 5: not reported */
                                      "[Rules]\n",    /* 6 */
                                      2);
  check_diag(diags, 4, NULL, "unknown group [weighting]");
  check_diag(diags, 6, NULL, "unknown group [Rules]");
  mm_diagnostics_free(diags);
}

static void test_error_unknown_keys(void) {
  MmDiagnostics *diags = load_failing("[weights]\n"         /* 1 */
                                      "interest = 1\n"      /* 2 */
                                      "min_score = 3\n"     /* 3 */
                                      "gender[fr] = 1\n"    /* 4 */
                                      "[rules]\n"           /* 5 */
                                      "min_score = 3\n"     /* 6: fine */
                                      "max_distance = 9\n", /* 7 */
                                      4);
  check_diag(diags, 2, "weights.interest", "unknown weight");
  check_diag(diags, 2, "weights.interest", "choice");
  check_diag(diags, 3, "weights.min_score", "unknown weight");
  check_diag(diags, 4, "weights.gender[fr]", "unknown weight");
  check_diag(diags, 7, "rules.max_distance", "unknown rule");
  check_diag(diags, 7, "rules.max_distance", "max_distance_km");
  mm_diagnostics_free(diags);
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

static void test_error_bad_weights(void) {
  MmDiagnostics *diags = load_failing("[weights]\n"         /* 1 */
                                      "interests = -1\n"    /* 2 */
                                      "gender = nan\n"      /* 3 */
                                      "ethnicity = inf\n"   /* 4 */
                                      "religion = -0.001\n" /* 5 */
                                      "age = 1e999\n"       /* 6 */
                                      "choice = 0\n",       /* 7: fine */
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

  /* Twelve zeros leave one weight, so that is fine. */
  MmConfig *config = mm_config_new();
  g_string_truncate(ini, ini->len - strlen("choice = 0\n"));
  load_clean(config, ini->str);
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_NEEDS), 0.0);
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_CHOICE), 4.0);
  mm_config_free(config);
  g_string_free(ini, TRUE);
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
}

/* A NUL byte or bytes that are not UTF-8 make their line an error (the
 * length is given so the NUL is inside the data). */
static void test_error_bytes(void) {
  static const char nul[] = "[weights]\nage = 1\0\nneeds = 2\n";
  static const char latin1[] = "[weights]\n# caf\xe9\nage = 1\n";
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
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_AGE), 2.0);
  mm_config_free(config);
}

/* The line is found within the right group: "min_score" is both an unknown
 * weight and a known rule, "interests" in [rules] is unknown. */
static void test_lines_are_per_group(void) {
  MmDiagnostics *diags = load_failing("[rules]\n"         /* 1 */
                                      "min_score = 150\n" /* 2 */
                                      "interests = 1\n"   /* 3 */
                                      "[weights]\n"       /* 4 */
                                      "min_score = 2\n"   /* 5 */
                                      "interests = -1\n", /* 6 */
                                      4);
  check_diag(diags, 2, "rules.min_score", "from 0 to 100");
  check_diag(diags, 3, "rules.interests", "unknown rule");
  check_diag(diags, 5, "weights.min_score", "unknown weight");
  check_diag(diags, 6, "weights.interests", "must not be negative");
  /* Reported in line order, whatever the group. */
  static const guint lines[] = {2, 3, 5, 6};
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), G_N_ELEMENTS(lines));
  for (guint i = 0; i < mm_diagnostics_length(diags) && i < 4; i++) {
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
  mm_config_free(config);
}

/* A user's long key is cut in the diagnostic. */
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
                       "[weights]\ngender = 1\nchoice = 9\n"
                       "[rules]\nmin_age_gap = 3\nrequire_checks = no\n"
                       "min_score = 101\n",
                       &diags, &error));
  CU_ASSERT_TRUE(same_config(config, before));
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_GENDER), 7.0);
  CU_ASSERT_EQUAL(mm_config_get_min_age_gap(config), 4);
  CU_ASSERT_TRUE(mm_config_get_require_checks(config));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  CU_ASSERT_STRING_EQUAL(error->message, "cfg.ini: 1 error");
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

/* ---- Files ---- */

static void test_load_file(void) {
  char *dir = g_dir_make_tmp("mm-config-XXXXXX", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
  char *path = g_build_filename(dir, "matching.ini", NULL);
  CU_ASSERT_TRUE(g_file_set_contents(
      path, "[weights]\nchoice = 6\n[rules]\nmin_age_gap = 99\n", -1, NULL));
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
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_CHOICE), 4.0);

  CU_ASSERT_TRUE(
      g_file_set_contents(path, "[weights]\nchoice = 6\n", -1, NULL));
  CU_ASSERT_TRUE(mm_config_load_file(config, path, diags, &error));
  CU_ASSERT_PTR_NULL(error);
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_CHOICE), 6.0);
  mm_diagnostics_free(diags);

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
  MM_ASSERT_CLOSE(mm_config_get_weight(config, MM_CRITERION_CHOICE), 6.0);

  g_unlink(path);
  g_rmdir(dir);
  g_free(missing);
  g_free(path);
  g_free(dir);
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
  /* Zero is fine until it would be the last weight. */
  for (guint i = 0; i + 1 < MM_N_CRITERIA; i++)
    CU_ASSERT_TRUE(mm_config_set_weight(c, (MmCriterion)i, 0, NULL));
  CHECK_REFUSED(c, mm_config_set_weight(c, MM_CRITERION_CHOICE, 0, &error_),
                "every weight would be 0");
  MM_ASSERT_CLOSE(mm_config_get_weight(c, MM_CRITERION_CHOICE), 4.0);
  CU_ASSERT_TRUE(mm_config_set_weight(c, MM_CRITERION_CHOICE, 1e-9, NULL));
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

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_criterion_names),
      MM_TEST(test_defaults),
      MM_TEST(test_copy_is_independent),
      MM_TEST(test_load_every_key),
      MM_TEST(test_load_keeps_absent_keys),
      MM_TEST(test_load_layout),
      MM_TEST(test_load_booleans),
      MM_TEST(test_load_rule_boundaries),
      MM_TEST(test_error_unknown_group),
      MM_TEST(test_error_unknown_keys),
      MM_TEST(test_error_not_a_number),
      MM_TEST(test_error_bad_weights),
      MM_TEST(test_error_all_weights_zero),
      MM_TEST(test_error_rules_out_of_range),
      MM_TEST(test_error_syntax),
      MM_TEST(test_error_bytes),
      MM_TEST(test_lines_are_per_group),
      MM_TEST(test_duplicate_key),
      MM_TEST(test_long_key_is_cut),
      MM_TEST(test_all_or_nothing),
      MM_TEST(test_load_file),
      MM_TEST(test_set_weight),
      MM_TEST(test_set_rules),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("config", tests);
}
