/* test-lifecycle.c: the ownership rules README.md promises callers, checked
 * through the shared library: every object comes from a constructor and goes
 * with its _free (which accepts NULL), g_autoptr() works for every public
 * type, and (transfer full) strings are g_free()d by the caller. Under
 * ASan/LeakSanitizer a leak or double free fails the run. */
#include "test-common.h"

static const MmField mentee[] = {{"id", "YP1"}, {"age", "15"},
                                 {"interests", "football; music"}};
static const MmField mentor[] = {{"id", "M1"},
                                 {"age", "25"},
                                 {"interests", "football"},
                                 {"checks_cleared", "yes"},
                                 {"training_hours", "3"}};

static MmPool *one_pair_pool(void) {
  MmPool *pool = mm_pool_new();
  CU_ASSERT_TRUE(mm_pool_add_person(pool, MM_SIDE_MENTEE, mentee,
                                    G_N_ELEMENTS(mentee), "test", 1, NULL));
  CU_ASSERT_TRUE(mm_pool_add_person(pool, MM_SIDE_MENTOR, mentor,
                                    G_N_ELEMENTS(mentor), "test", 2, NULL));
  CU_ASSERT_TRUE(mm_pool_prepare(pool, NULL, NULL));
  return pool;
}

/* A caller's cleanup path may free objects it never created. */
static void test_free_accepts_null(void) {
  mm_pool_free(NULL);
  mm_config_free(NULL);
  mm_diagnostics_free(NULL);
  mm_pins_free(NULL);
  mm_matching_free(NULL);
  mm_match_options_free(NULL);
  mm_shortlist_free(NULL);
  mm_explanation_free(NULL);
  mm_report_free(NULL);
  mm_report_options_free(NULL);
  CU_PASS("every _free accepted NULL");
}

/* Every public type has a g_autoptr cleanup: this scope owns one of each and
 * frees them all on leaving (LeakSanitizer checks nothing is left). */
static void test_autoptr_every_type(void) {
  g_autoptr(MmPool) pool = one_pair_pool();
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  g_autoptr(MmPins) pins = mm_pins_new(pool);
  CU_ASSERT_TRUE(mm_pins_add(pins, "YP1", "M1", "pins", 1, diags));
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_pins(options, pins);
  g_autoptr(MmMatching) matching = mm_match(pool, config, options, diags);
  g_autoptr(MmShortlist) shortlist = mm_recommend(pool, config, 0, 1);
  g_autoptr(MmExplanation) explanation = mm_explain_pair(pool, config, 0, 0);
  CU_ASSERT_EQUAL(mm_matching_status(matching, 0), MM_STATUS_PINNED);
  CU_ASSERT_EQUAL(mm_shortlist_length(shortlist, 0), 1);
  CU_ASSERT_EQUAL(mm_explanation_broken_rules(explanation), 0);
}

/* (transfer full) strings belong to the caller; (transfer none) ones stay
 * owned by their object and valid until it is freed. */
static void test_string_ownership(void) {
  g_autoptr(MmPool) pool = one_pair_pool();
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmExplanation) explanation = mm_explain_pair(pool, config, 0, 0);
  char *reasons = mm_explanation_reasons_text(explanation);
  CU_ASSERT_PTR_NOT_NULL_FATAL(reasons);
  /* The joined text is its reasons, "; "-separated. */
  CU_ASSERT_TRUE(mm_explanation_n_reasons(explanation) >= 1);
  CU_ASSERT_TRUE(g_str_has_prefix(reasons, mm_explanation_reason(explanation, 0)));
  g_free(reasons);

  guint counts[MM_N_RULES] = {0};
  counts[MM_RULE_CHECKS] = 2;
  char *summary = mm_rules_summary(counts);
  CU_ASSERT_STRING_EQUAL(summary, "2 checks");
  g_free(summary);

  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  mm_diagnostics_add(diags, MM_SEVERITY_ERROR, "f.csv", 3, "age", "bad %s", "age");
  char *line = mm_diagnostic_format(mm_diagnostics_get(diags, 0));
  CU_ASSERT_STRING_EQUAL(line, "f.csv:3: column age: bad age");
  g_free(line);

  /* Ids are the pool's: the same pointer on every call while it lives. */
  CU_ASSERT_PTR_EQUAL(mm_pool_mentee_id(pool, 0), mm_pool_mentee_id(pool, 0));
  CU_ASSERT_STRING_EQUAL(mm_pool_mentor_id(pool, 0), "M1");
}

/* A copied config is independent of the original. */
static void test_config_copy_is_independent(void) {
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmConfig) copy = mm_config_copy(config);
  CU_ASSERT_TRUE(mm_config_set_min_score(copy, 50.0, NULL));
  MM_ASSERT_CLOSE(mm_config_get_min_score(copy), 50.0);
  MM_ASSERT_CLOSE(mm_config_get_min_score(config), MM_DEFAULT_MIN_SCORE);
}

/* A matching and pins hold the pool: the caller may free the pool first and
 * still read every result (under ASan a use after free would fail). YP1-M1:
 * interests 1 of 2 shared -> v 1/3 (full at 3), w 3; age gap 10, w 2, v 1:
 * 100 x (1 + 2) / 5 = 60. */
static void test_results_outlive_the_pool(void) {
  MmPool *pool = one_pair_pool();
  MmConfig *config = mm_config_new();
  MmPins *pins = mm_pins_new(pool);
  MmMatchOptions *options = mm_match_options_new();
  mm_match_options_set_pins(options, pins);
  MmMatching *matching = mm_match(pool, config, options, NULL);
  mm_match_options_free(options); /* read during mm_match() only */
  mm_pool_free(pool); /* the caller's reference only */
  mm_config_free(config);
  CU_ASSERT_EQUAL(mm_matching_mentor(matching, 0), 0);
  CU_ASSERT_DOUBLE_EQUAL(mm_matching_score(matching, 0), 60.0, 1e-9);
  CU_ASSERT_EQUAL(mm_matching_n_mentees(matching), 1);
  CU_ASSERT_EQUAL(mm_matching_count(matching, MM_STATUS_MATCHED), 1);
  CU_ASSERT_DOUBLE_EQUAL(mm_matching_mean_score(matching), 60.0, 1e-9);
  char **flags = mm_matching_flags(matching, 0);
  CU_ASSERT_PTR_NOT_NULL(flags);
  g_strfreev(flags);
  CU_ASSERT_EQUAL(mm_pins_length(pins), 0);
  mm_matching_free(matching);
  mm_pins_free(pins); /* the last reference: the pool goes with it */
}

/* A reference taken by the caller keeps the pool after one free. */
static void test_pool_ref(void) {
  MmPool *pool = one_pair_pool();
  CU_ASSERT_PTR_EQUAL(mm_pool_ref(pool), pool);
  mm_pool_free(pool);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(pool), 1);
  mm_pool_free(pool);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_free_accepts_null),
      MM_TEST(test_autoptr_every_type),
      MM_TEST(test_string_ownership),
      MM_TEST(test_config_copy_is_independent),
      MM_TEST(test_results_outlive_the_pool),
      MM_TEST(test_pool_ref),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("lifecycle", tests);
}
