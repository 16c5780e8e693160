/* score-private.h: the row scorer on any list of mentors (internal). */
#pragma once

#include "config-private.h"
#include "encoding.h"

/* Scores @mentee against @mentors[0..n), in any order (NULL: every mentor,
 * n = n_mentors), into @scores[k] and @broken[k] (nullable) for the k-th
 * mentor listed: exactly what mm_i_pair_score() gives each pair. */
void mm_i_score_mentors(const MmEncoding *encoding, const MmConfig *config,
                      guint mentee, const guint *mentors, guint n,
                      double *scores, guint32 *broken);
