/* mentor-side.h: the pair seen from the mentor's side, and which of the
 * young person's stated preferences a pair meets (internal). */
#pragma once

#include "pool-private.h"

/* The mentor's own side of a pair's score, 0-100, for the stable mode's
 * mentor rankings: the pair score without the young person's named choice
 * and with gender judged by the mentor's pref_mentee_gender. */
double mm_mentor_side_score(const MmPool *pool, const MmConfig *config,
                            guint mentee, guint mentor);

/* How many preferences the young person stated (gender, ethnicity, religion,
 * care experience, age, mentor type, language, named mentors) and how many
 * of them the pair meets. */
void mm_preferences_met(const MmPool *pool, const MmConfig *config,
                        guint mentee, guint mentor, guint *stated, guint *met);
