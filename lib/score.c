/* score.c: one mentee against every mentor, the scorer's hot loop.
 *
 * Works only on the pool's encoding; nothing is allocated per pair, so a row
 * costs O(n_mentors x W) and several threads may score rows at once. */
#include "criteria.h"

void mm_score_mentee(const MmPool *pool, const MmConfig *config, guint mentee,
                     double *scores, guint32 *broken) {
  g_return_if_fail(pool != NULL && pool->prepared && pool->encoding != NULL);
  g_return_if_fail(config != NULL && scores != NULL);
  const MmEncoding *enc = pool->encoding;
  g_return_if_fail(mentee < enc->n_mentees);
  for (guint j = 0; j < enc->n_mentors; j++) {
    MmPair pair = mm_pair(enc, config, mentee, j);
    scores[j] = mm_pair_score(&pair, broken != NULL ? &broken[j] : NULL);
  }
}
