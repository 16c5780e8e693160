/* value.c: the value of a pair (see value.h). */
#include "value.h"

/* One term of the value, rounded to whole hundredths as scores are. */
static gint32 term_units(double points) { return mm_i_score_to_units(points); }

gint32 mm_i_value_choice_units(const MmConfig *config, gint place) {
  if (place < 0)
    return 0;
  return term_units(config->bonus[MM_BONUS_CHOICE] *
                    pow(MM_CHOICE_DECAY, place));
}

gint32 mm_i_value_row_units(const MmConfig *config, const MmMenteeCode *a) {
  gint32 units =
      term_units(config->bonus[MM_BONUS_WAITING] * a->waiting_weeks);
  if (config->prefer == MM_PREFER_QUALITY)
    units += term_units(config->bonus[MM_BONUS_PRIORITY] * a->priority) +
             term_units(config->bonus[MM_BONUS_MATCH]);
  return units;
}

gint32 mm_i_pair_value_extra_units(const MmPair *pair) {
  return mm_i_value_row_units(pair->config, pair->mentee) +
         mm_i_value_choice_units(pair->config, mm_i_pair_named_place(pair));
}

void mm_i_value_from_scores(const MmEncoding *enc, const MmConfig *config,
                          guint mentee, const guint *mentor, gint32 *units,
                          guint n) {
  const MmMenteeCode *a = &enc->mentees[mentee];
  const gint32 row = mm_i_value_row_units(config, a);
  for (guint k = 0; k < n; k++) {
    units[k] += row;
    if (a->n_named > 0) {
      MmPair pair = mm_i_pair(enc, config, mentee, mentor[k]);
      units[k] += mm_i_value_choice_units(config, mm_i_pair_named_place(&pair));
    }
  }
}
