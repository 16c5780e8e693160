/* test-common.c: the shared runner and fixtures of the CUnit programs. */
#include "test-common.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

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
