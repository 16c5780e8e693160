/* fuzz-pins-csv.c: the pinned-pairs CSV reader (--pinned) on a fixed pool,
 * then a match that must keep every pin that was accepted.
 *
 * The fixed pool's ids are A1..A5 (mentees) and M1..M4 (mentors), with
 * capacities 3, 2, 1, 2, so the seeds can pin real pairs, pin a mentee
 * twice, or fill a mentor beyond its capacity. */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_init();
  g_autoptr(MmPool) pool = fuzz_fixed_pool();
  g_autoptr(MmPins) pins = mm_pins_new(pool);
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  g_autoptr(GError) error = NULL;
  gboolean ok = mm_pins_load_csv_data(pins, (const char *) data, size,
                                      "pinned.csv", diags, &error);
  FUZZ_CHECK(ok == (error == NULL));
  FUZZ_CHECK(mm_pins_length(pins) <= mm_pool_n_mentees(pool));
  for (guint k = 0; k < mm_diagnostics_length(diags); k++) {
    g_autofree char *line = mm_diagnostic_format(mm_diagnostics_get(diags, k));
    FUZZ_CHECK(line != NULL && g_utf8_validate(line, -1, NULL));
  }

  g_autoptr(MmConfig) config = mm_config_new();
  /* One mode per input, chosen by its size, so all three get exercised. */
  fuzz_match_and_check(pool, config, (MmMode) (size % 3), pins);
  return 0;
}
