/* test-common.c: the shared runner and fixtures of the CUnit programs. */
#include "test-common.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

int mm_test_run(const char *suite, CU_TestInfo *tests) {
  if (CU_initialize_registry() != CUE_SUCCESS)
    return 2;
  CU_SuiteInfo suites[] = {{suite, NULL, NULL, NULL, NULL, tests},
                           CU_SUITE_INFO_NULL};
  if (CU_register_suites(suites) != CUE_SUCCESS) {
    CU_cleanup_registry();
    return 2;
  }
  CU_basic_set_mode(CU_BRM_VERBOSE);
  CU_basic_run_tests();
  unsigned ran = CU_get_number_of_tests_run();
  unsigned failed = CU_get_number_of_tests_failed();
  printf("\n%s: %u passed, %u failed\n", suite, ran - failed, failed);
  CU_cleanup_registry();
  return failed == 0 ? 0 : 1;
}

char *mm_test_data_path(const char *name) {
  return g_build_filename(MM_TEST_DATA_DIR, name, NULL);
}

MmPool *mm_test_pool_from_csv(const char *mentees_csv, const char *mentors_csv) {
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  gboolean ok = TRUE;
  if (mentees_csv != NULL)
    ok &= mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, mentees_csv,
                                strlen(mentees_csv), "mentees.csv", diags, NULL);
  if (mentors_csv != NULL)
    ok &= mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, mentors_csv,
                                strlen(mentors_csv), "mentors.csv", diags, NULL);
  ok &= mm_pool_set_as_of(pool, MM_TEST_AS_OF, NULL);
  ok &= mm_pool_prepare(pool, diags, NULL);
  if (!ok || mm_diagnostics_n_errors(diags) > 0)
    mm_test_dump_diags(diags);
  CU_ASSERT_TRUE(ok);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  mm_diagnostics_free(diags);
  return pool;
}

gboolean mm_test_has_diag(const MmDiagnostics *diags, guint line,
                          const char *column, const char *fragment) {
  for (guint i = 0; i < mm_diagnostics_length(diags); i++) {
    const MmDiagnostic *d = mm_diagnostics_get(diags, i);
    if (d->line != line)
      continue;
    if (g_strcmp0(d->column, column) != 0)
      continue;
    if (fragment == NULL || strstr(d->message, fragment) != NULL)
      return TRUE;
  }
  return FALSE;
}

void mm_test_dump_diags(const MmDiagnostics *diags) {
  for (guint i = 0; i < mm_diagnostics_length(diags); i++) {
    char *text = mm_diagnostic_format(mm_diagnostics_get(diags, i));
    fprintf(stderr, "  %s\n", text);
    g_free(text);
  }
}

static const char *pick(GRand *rng, const char *const *items, guint n) {
  return items[g_rand_int_range(rng, 0, (gint32)n)];
}
#define PICK(rng, items) pick(rng, items, G_N_ELEMENTS(items))

/* Appends a ';' list of up to @max distinct-ish items (may be empty). */
static void append_list(GString *out, GRand *rng, const char *const *items,
                        guint n_items, guint max) {
  guint k = (guint)g_rand_int_range(rng, 0, (gint32)max + 1);
  for (guint i = 0; i < k; i++)
    g_string_append_printf(out, "%s%s", i > 0 ? ";" : "",
                           pick(rng, items, n_items));
}
#define APPEND_LIST(out, rng, items, max)                                      \
  append_list(out, rng, items, G_N_ELEMENTS(items), max)

char *mm_test_random_csv(GRand *rng, MmSide side, guint n, guint n_mentors) {
  return mm_test_random_csv_shaped(rng, side, n, n_mentors, FALSE);
}

char *mm_test_random_csv_shaped(GRand *rng, MmSide side, guint n,
                                guint n_mentors, gboolean no_protected_wishes) {
  static const char *const genders[] = {"female", "male", "non-binary", ""};
  static const char *const ethnicities[] = {
      "Black: African", "Black: Caribbean", "White: British", "White: Irish",
      "Asian: Pakistani", "Mixed: White and Asian", "Asian", ""};
  static const char *const religions[] = {"christian", "muslim", "none", ""};
  static const char *const languages[] = {"English", "Polish", "Urdu", "Somali"};
  static const char *const interests[] = {"football", "music", "cooking",
                                          "art", "gaming", "dance"};
  static const char *const bools[] = {"yes", "no", ""};
  static const char *const slots[] = {"mon-eve", "wed-eve", "sat-am",
                                      "sat-pm", "sun-pm"};
  static const char *const needs[] = {"trauma", "sen", "mental-health",
                                      "employability"};
  static const char *const skills[] = {"trauma-informed", "sen",
                                       "mental-health", "employability"};
  static const char *const sectors[] = {"construction", "health", "digital"};
  static const char *const types[] = {"paid", "volunteer", "peer", "natural"};
  static const char *const musts[] = {"", "", "", "", "gender", "care_experienced"};
  static const char *const since[] = {"2026-11-30", "2026-11-24", "2026-10-01",
                                      "2025-12-01", "2024-06-15", ""};
  GString *out = g_string_new(NULL);
  gboolean mentee = side == MM_SIDE_MENTEE;
  g_string_append(out, "id,age,gender,ethnicity,religion,languages,interests,"
                       "care_experienced,lat,lon,remote,availability,must,");
  g_string_append(out, mentee ? "needs,aspirations,priority,pref_gender,"
                                "pref_care_experienced,pref_age_min,"
                                "pref_age_max,preferred_mentors,"
                                "excluded_mentors,previous_mentors,"
                                "waiting_since\n"
                              : "capacity,mentor_type,checks_cleared,"
                                "training_hours,skills,sectors,max_distance_km,"
                                "mentee_age_min,mentee_age_max,pref_mentee_gender\n");
  for (guint i = 0; i < n; i++) {
    gint age = mentee ? g_rand_int_range(rng, 10, 26)
                      : g_rand_int_range(rng, 18, 70);
    g_string_append_printf(out, "%s%u,%d,%s,\"%s\",%s,", mentee ? "YP" : "M", i,
                           age, PICK(rng, genders), PICK(rng, ethnicities),
                           PICK(rng, religions));
    APPEND_LIST(out, rng, languages, 2);
    g_string_append_c(out, ',');
    APPEND_LIST(out, rng, interests, 3);
    g_string_append_printf(out, ",%s,", PICK(rng, bools));
    if (g_rand_int_range(rng, 0, 4) > 0)
      g_string_append_printf(out, "%.4f,%.4f", 51.45 + g_rand_double(rng) * 0.3,
                             -2.7 + g_rand_double(rng) * 0.4);
    else
      g_string_append_c(out, ',');
    g_string_append_printf(out, ",%s,", PICK(rng, bools));
    APPEND_LIST(out, rng, slots, 3);
    g_string_append_c(out, ',');
    const char *must = PICK(rng, musts);
    if (no_protected_wishes && *must == 'g')
      must = "";
    if (mentee) {
      gboolean wants_gender = *must != '\0' && must[0] == 'g';
      gboolean wants_care = *must == 'c';
      g_string_append_printf(out, "%s,", must);
      APPEND_LIST(out, rng, needs, 2);
      g_string_append_c(out, ',');
      APPEND_LIST(out, rng, sectors, 1);
      const char *pref_gender = PICK(rng, genders);
      if (!wants_gender && g_rand_boolean(rng))
        pref_gender = "";
      g_string_append_printf(out, ",%d,%s,%s,", g_rand_int_range(rng, 0, 4),
                             no_protected_wishes ? "" : pref_gender,
                             wants_care ? "yes" : PICK(rng, bools));
      if (g_rand_int_range(rng, 0, 3) == 0)
        g_string_append_printf(out, "%d,%d", age + 2, age + 20);
      else
        g_string_append_c(out, ',');
      g_string_append_c(out, ',');
      for (guint k = 0, named = (guint)g_rand_int_range(rng, 0, 3);
           k < named && n_mentors > 0; k++)
        g_string_append_printf(out, "%sM%d", k > 0 ? ";" : "",
                               g_rand_int_range(rng, 0, (gint32)n_mentors));
      g_string_append_c(out, ',');
      if (n_mentors > 0 && g_rand_int_range(rng, 0, 5) == 0)
        g_string_append_printf(out, "M%d",
                               g_rand_int_range(rng, 0, (gint32)n_mentors));
      g_string_append_c(out, ',');
      if (n_mentors > 0 && g_rand_int_range(rng, 0, 6) == 0)
        g_string_append_printf(out, "M%d",
                               g_rand_int_range(rng, 0, (gint32)n_mentors));
      g_string_append_printf(out, ",%s", PICK(rng, since));
    } else {
      g_string_append_printf(out, "%s,%d,%s,%s,%d,",
                             *must == 'g' ? "gender" : "",
                             g_rand_int_range(rng, 1, 4), PICK(rng, types),
                             g_rand_int_range(rng, 0, 8) > 0 ? "yes" : "no",
                             g_rand_int_range(rng, 0, 10));
      APPEND_LIST(out, rng, skills, 2);
      g_string_append_c(out, ',');
      APPEND_LIST(out, rng, sectors, 2);
      g_string_append_printf(out, ",%d,", g_rand_int_range(rng, 5, 60));
      if (g_rand_int_range(rng, 0, 4) == 0)
        g_string_append_printf(out, "%d,%d", 12, 21);
      else
        g_string_append_c(out, ',');
      g_string_append_printf(out, ",%s", *must == 'g' ? "female;non-binary" : "");
    }
    g_string_append_c(out, '\n');
  }
  return g_string_free(out, FALSE);
}

MmTestRun mm_test_run_cli(const char *const *args) {
  return mm_test_run_cli_with(args, NULL, NULL);
}

MmTestRun mm_test_run_cli_with(const char *const *args,
                               GSpawnChildSetupFunc setup, gpointer data) {
  GPtrArray *argv = g_ptr_array_new();
  g_ptr_array_add(argv, (char *)MM_CLI_PATH);
  for (guint k = 0; args[k] != NULL; k++)
    g_ptr_array_add(argv, (char *)args[k]);
  g_ptr_array_add(argv, NULL);
  MmTestRun run = {.status = -1};
  int wait_status = 0;
  gboolean spawned =
      g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, setup,
                   data, &run.out, &run.err, &wait_status, NULL);
  CU_ASSERT_TRUE_FATAL(spawned);
  if (WIFEXITED(wait_status))
    run.status = WEXITSTATUS(wait_status);
  g_ptr_array_free(argv, TRUE);
  return run;
}

void mm_test_run_clear(MmTestRun *run) {
  g_clear_pointer(&run->out, g_free);
  g_clear_pointer(&run->err, g_free);
}

