/* value.h: the value of a pair, what the assignment maximises (internal).
 *
 * the contract (docs/) fixes it: value = score + choice term + waiting term, plus
 * priority_bonus x priority + match_bonus under prefer = quality. Each term
 * is rounded to a whole hundredth (half away from zero) before adding, so a
 * value is an exact integer of hundredths ("units", as scores are in
 * units.h) and solvers compare values exactly. Everything but the score
 * is the pair's *extra*: the row's part (waiting, priority, match) is the
 * same for every mentor of a young person, the choice term is only for the
 * mentors they named. */
#pragma once

#include "criteria.h"
#include "units.h"

/* The largest extra: every bonus at MM_BONUS_MAX, the longest wait and the
 * highest priority; the largest value adds the largest score. */
#define MM_VALUE_UNITS_MAX                                                     \
  ((gint64)MM_BONUS_MAX * MM_SCORE_SCALE *                                     \
       (1 + MM_WAITING_WEEKS_MAX + MM_MAX_PRIORITY + 1) +                      \
   MM_SCORE_UNITS_MAX)

/* The choice term of the mentor a young person named at 0-based @place
 * (choice_bonus x 0.75^place); 0 when @place < 0 (not named). */
gint32 mm_i_value_choice_units(const MmConfig *config, gint place);

/* The part of the extra every mentor of young person @a gets. */
gint32 mm_i_value_row_units(const MmConfig *config, const MmMenteeCode *a);

/* The extra of one pair. */
gint32 mm_i_pair_value_extra_units(const MmPair *pair);

/* Turns @units[k], the score units of the pair of @mentee and @mentor[k],
 * into value units, k < @n. */
void mm_i_value_from_scores(const MmEncoding *enc, const MmConfig *config,
                          guint mentee, const guint *mentor, gint32 *units,
                          guint n);
