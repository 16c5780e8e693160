/* mentor-side.h: the pair seen from the mentor's side, and which of the
 * young person's stated preferences a pair meets (internal).
 *
 * Both evaluate the pair with the same criteria as mm_score_mentee()
 * (criteria.h), so they never disagree with the pair score about a value. */
#pragma once

#include "pool-private.h"

/* The kinds of preference a young person can state: the criteria that can
 * carry one (indexed by MmCriterion), and their named mentors. */
#define MM_PREFERENCE_NAMED MM_N_CRITERIA
#define MM_N_PREFERENCE_KINDS (MM_N_CRITERIA + 1)

/**
 * mm_i_mentor_side_score:
 *
 * The mentor's own side of a pair's score, 0-100, for the stable mode's
 * mentor rankings: the pair score with gender judged by the mentor's
 * pref_mentee_gender when it has one (weighed as a stated preference:
 * configured weight x MM_STATED_PREFERENCE_FACTOR, value 1 when the young
 * person's gender is listed, else 0) and otherwise left out, and with
 * ethnicity and religion left out (equity: a mentor ranks no child by a
 * protected characteristic it stated no wish about). Every other criterion
 * is as in the pair score. Hard rules play no part.
 *
 * Time: O(W + log named).
 */
double mm_i_mentor_side_score(const MmPool *pool, const MmConfig *config,
                            guint mentee, guint mentor);

/**
 * mm_i_preferences_met:
 * @stated: (out): how many preferences the young person stated, among
 *   gender, ethnicity, religion, care experience (pref_care_experienced
 *   yes), age (pref_age_min/max), mentor type, language, and named mentors
 *   (preferred_mentors that are in the pool).
 * @met: (out): how many of them this mentor meets: fully (the criterion's
 *   value from the young person's side is 1; a mentor's own soft gender wish
 *   does not count against it), and for named mentors, being one of them.
 *
 * For the report's "stated preferences met"; the same for any @config.
 */
void mm_i_preferences_met(const MmPool *pool, const MmConfig *config,
                        guint mentee, guint mentor, guint *stated, guint *met);

/**
 * mm_i_preferences_met_by_criterion:
 * @stated: (out) (array fixed-size=MM_N_PREFERENCE_KINDS): TRUE for each
 *   kind the young person stated a preference on (gender, ethnicity,
 *   religion, care_experience, age, mentor_type, language, and
 *   MM_PREFERENCE_NAMED for named mentors); FALSE for every other criterion.
 * @met: (out) (array fixed-size=MM_N_PREFERENCE_KINDS): TRUE where that stated
 *   preference is met, judged as mm_i_preferences_met() judges it.
 *
 * The per-type view behind mm_i_preferences_met() (which counts these), for
 * the report's "stated preferences met" by preference type.
 */
void mm_i_preferences_met_by_criterion(const MmPool *pool, const MmConfig *config,
                                     guint mentee, guint mentor,
                                     gboolean stated[MM_N_PREFERENCE_KINDS],
                                     gboolean met[MM_N_PREFERENCE_KINDS]);
