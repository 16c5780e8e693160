/* fuzz-pool-csv.c: the pool CSV reader and everything a loaded pool feeds.
 *
 * Input: the mentees file, a line "%%", then the mentors file. Without that
 * line the whole input is read as both files (a mentees header read as
 * mentors, and the reverse, is itself a good test). Whatever loads is
 * prepared, scored, explained, recommended and matched, checking the
 * contract on the way: an explanation's score is the scorer's, its
 * contributions add up to it, a shortlist is ranked and within top K. */
#include "fuzz-common.h"

#include "pool-private.h" /* a mentee's named mentors */
#include "problem.h" /* mm_i_score_to_units: the matcher's units */

#include <math.h>
#include <string.h>

#define SEPARATOR "\n%%\n"
/* Explaining is the slow part; a few pairs per mentee find the same bugs. */
#define EXPLAIN_PER_MENTEE 4
#define TOP_K 3

static void check_explanations(const MmPool *pool, const MmConfig *config) {
  guint n_mentors = mm_pool_n_mentors(pool);
  g_autofree double *scores = g_new0(double, MAX(n_mentors, 1));
  g_autofree guint32 *broken = g_new0(guint32, MAX(n_mentors, 1));
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++) {
    mm_score_mentee(pool, config, i, scores, broken);
    for (guint j = 0; j < n_mentors; j++) {
      FUZZ_CHECK(isfinite(scores[j]) && scores[j] >= 0 && scores[j] <= 100);
      if (j >= EXPLAIN_PER_MENTEE)
        continue;
      g_autoptr(MmExplanation) explanation = mm_explain_pair(pool, config, i, j);
      FUZZ_CHECK(explanation != NULL);
      FUZZ_CHECK(mm_explanation_score(explanation) == scores[j]);
      FUZZ_CHECK(mm_explanation_broken_rules(explanation) == broken[j]);
      double sum = 0;
      for (guint c = 0; c < MM_N_CRITERIA; c++)
        sum += mm_explanation_contribution(explanation, c);
      FUZZ_CHECK(fabs(sum - scores[j]) < 1e-6);
      g_autofree char *reasons = mm_explanation_reasons_text(explanation);
      FUZZ_CHECK(reasons != NULL && g_utf8_validate(reasons, -1, NULL));
    }
  }
}

/* 0-based place of mentor @j among mentee @i's named mentors, or G_MAXINT. */
static gint named_place(const MmPool *pool, guint i, guint j) {
  const GArray *named = mm_i_pool_mentee(pool, i)->preferred_mentors;
  for (guint k = 0; k < named->len; k++)
    if (g_array_index(named, guint, k) == j)
      return (gint)k;
  return G_MAXINT;
}

static void check_shortlist(const MmPool *pool, const MmConfig *config) {
  g_autoptr(MmShortlist) shortlist = mm_recommend(pool, config, -1, TOP_K);
  FUZZ_CHECK(shortlist != NULL);
  FUZZ_CHECK(mm_shortlist_n_mentees(shortlist) == mm_pool_n_mentees(pool));
  for (guint i = 0; i < mm_shortlist_n_mentees(shortlist); i++) {
    guint length = mm_shortlist_length(shortlist, i);
    FUZZ_CHECK(length <= TOP_K);
    FUZZ_CHECK((length == 0) == (mm_shortlist_reason(shortlist, i) != NULL));
    for (guint r = 0; r < length; r++) {
      FUZZ_CHECK(mm_shortlist_mentor(shortlist, i, r) < mm_pool_n_mentors(pool));
      if (r == 0)
        continue;
      /* Named mentors first in the order named, then ranked as printed
       * (hundredths), ties by input order. */
      guint mentor = mm_shortlist_mentor(shortlist, i, r);
      guint before = mm_shortlist_mentor(shortlist, i, r - 1);
      gint place = named_place(pool, i, mentor);
      gint place_above = named_place(pool, i, before);
      gint32 units = mm_i_score_to_units(mm_shortlist_score(shortlist, i, r));
      gint32 above = mm_i_score_to_units(mm_shortlist_score(shortlist, i, r - 1));
      FUZZ_CHECK(place > place_above ||
                 (place == place_above &&
                  (units < above || (units == above && mentor > before))));
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_init();
  const char *text = (const char *) data;
  const char *mentors = text;
  size_t mentees_length = size, mentors_length = size;
  const char *separator = memmem(text, size, SEPARATOR, strlen(SEPARATOR));
  if (separator != NULL) {
    mentees_length = (size_t) (separator - text) + 1; /* keep its line end */
    mentors = separator + strlen(SEPARATOR);
    mentors_length = size - (size_t) (mentors - text);
  }

  g_autoptr(MmPool) pool = mm_pool_new();
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  /* Rows with errors are skipped and the rest loaded, so go on either way. */
  mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, text, mentees_length,
                        "mentees.csv", diags, NULL);
  mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, mentors, mentors_length,
                        "mentors.csv", diags, NULL);
  FUZZ_CHECK(mm_pool_prepare(pool, diags, NULL));
  for (guint k = 0; k < mm_diagnostics_length(diags); k++) {
    g_autofree char *line = mm_diagnostic_format(mm_diagnostics_get(diags, k));
    FUZZ_CHECK(line != NULL && g_utf8_validate(line, -1, NULL));
  }

  g_autoptr(MmConfig) config = mm_config_new();
  check_explanations(pool, config);
  check_shortlist(pool, config);
  /* One mode per input, chosen by its size, so all three get exercised. */
  fuzz_match_and_check(pool, config, (MmMode) (size % 3), NULL);
  return 0;
}
