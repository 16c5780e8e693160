/* fuzz-config.c: the INI configuration reader (--config).
 *
 * Checks its contract: a load that fails leaves the configuration exactly
 * as it was; one that succeeds leaves finite, non-negative weights, not all
 * zero, which the scorer then uses on a fixed pool (every score within
 * 0-100, whatever the weights' magnitudes). */
#include "fuzz-common.h"

#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_init();
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmConfig) defaults = mm_config_copy(config);

  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  g_autoptr(GError) error = NULL;
  gboolean ok = mm_config_load_data(config, (const char *) data, (gssize) size,
                                    "config.ini", diags, &error);
  FUZZ_CHECK(ok == (error == NULL));
  for (guint k = 0; k < mm_diagnostics_length(diags); k++) {
    g_autofree char *line = mm_diagnostic_format(mm_diagnostics_get(diags, k));
    FUZZ_CHECK(line != NULL && g_utf8_validate(line, -1, NULL));
  }

  double total = 0;
  for (guint c = 0; c < MM_N_CRITERIA; c++) {
    double weight = mm_config_get_weight(config, c);
    if (!ok)
      FUZZ_CHECK(weight == mm_config_get_weight(defaults, c));
    FUZZ_CHECK(isfinite(weight) && weight >= 0);
    total += weight;
  }
  FUZZ_CHECK(total > 0);
  if (!ok) {
    FUZZ_CHECK(mm_config_get_min_training_hours(config) ==
               mm_config_get_min_training_hours(defaults));
    FUZZ_CHECK(mm_config_get_require_checks(config) ==
               mm_config_get_require_checks(defaults));
    FUZZ_CHECK(mm_config_get_min_age_gap(config) ==
               mm_config_get_min_age_gap(defaults));
    FUZZ_CHECK(mm_config_get_max_distance_km(config) ==
               mm_config_get_max_distance_km(defaults));
    FUZZ_CHECK(mm_config_get_min_score(config) ==
               mm_config_get_min_score(defaults));
  }

  g_autoptr(MmPool) pool = fuzz_fixed_pool();
  double scores[4]; /* the fixed pool's mentors */
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++) {
    mm_score_mentee(pool, config, i, scores, NULL);
    for (guint j = 0; j < G_N_ELEMENTS(scores); j++)
      FUZZ_CHECK(isfinite(scores[j]) && scores[j] >= 0 && scores[j] <= 100);
  }
  fuzz_match_and_check(pool, config, MM_MODE_OPTIMAL, NULL);
  return 0;
}
