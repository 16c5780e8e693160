/* mentor-side.c: the pair as the mentor sees it, and the young person's
 * stated preferences met. Both start from mm_i_pair_evaluate(), so they judge
 * every criterion exactly as the pair score does. */
#include "mentor-side.h"
#include "criteria.h"

static MmPair pair_of(const MmPool *pool, const MmConfig *config, guint mentee,
                      guint mentor) {
  return mm_i_pair(pool->encoding, config, mentee, mentor);
}

static gboolean valid_pair(const MmPool *pool, const MmConfig *config,
                           guint mentee, guint mentor) {
  return pool != NULL && pool->encoding != NULL && config != NULL &&
         mentee < pool->encoding->n_mentees &&
         mentor < pool->encoding->n_mentors;
}

double mm_i_mentor_side_score(const MmPool *pool, const MmConfig *config,
                            guint mentee, guint mentor) {
  g_return_val_if_fail(valid_pair(pool, config, mentee, mentor), 0.0);
  MmPair pair = pair_of(pool, config, mentee, mentor);
  MmPairEval eval;
  mm_i_pair_evaluate(&pair, &eval);
  /* Protected characteristics count from the mentor's side only through
   * the mentor's own wish (docs/scoring.md): a mentor never ranks
   * children by ethnicity or religion, and by gender only when the mentor
   * stated pref_mentee_gender. */
  eval.criterion[MM_CRITERION_GENDER] = mm_i_criterion_gender_mentor_side(&pair);
  eval.criterion[MM_CRITERION_ETHNICITY] = mm_i_verdict_none();
  eval.criterion[MM_CRITERION_RELIGION] = mm_i_verdict_none();
  return mm_i_verdicts_score(eval.criterion);
}

/* The criteria that can carry a stated preference of the young person:
 * gender, ethnicity, religion, care experience, age, mentor type, language
 * (judged met when fully met), and the named mentors (met when this mentor
 * is among them). */
void mm_i_preferences_met_by_criterion(const MmPool *pool, const MmConfig *config,
                                     guint mentee, guint mentor,
                                     gboolean stated[MM_N_PREFERENCE_KINDS],
                                     gboolean met[MM_N_PREFERENCE_KINDS]) {
  g_return_if_fail(valid_pair(pool, config, mentee, mentor));
  g_return_if_fail(stated != NULL && met != NULL);
  MmPair pair = pair_of(pool, config, mentee, mentor);
  MmPairEval eval;
  mm_i_pair_evaluate(&pair, &eval);
  for (guint c = 0; c < MM_N_CRITERIA; c++) {
    stated[c] = eval.criterion[c].stated;
    met[c] = eval.criterion[c].stated && eval.criterion[c].stated_met;
  }
  stated[MM_PREFERENCE_NAMED] = pair.mentee->n_named > 0;
  met[MM_PREFERENCE_NAMED] = eval.named_place >= 0;
}

void mm_i_preferences_met(const MmPool *pool, const MmConfig *config,
                        guint mentee, guint mentor, guint *stated, guint *met) {
  g_return_if_fail(valid_pair(pool, config, mentee, mentor));
  g_return_if_fail(stated != NULL && met != NULL);
  gboolean stated_by[MM_N_PREFERENCE_KINDS], met_by[MM_N_PREFERENCE_KINDS];
  mm_i_preferences_met_by_criterion(pool, config, mentee, mentor, stated_by,
                                  met_by);
  *stated = *met = 0;
  for (guint c = 0; c < MM_N_PREFERENCE_KINDS; c++) {
    *stated += stated_by[c] != FALSE;
    *met += met_by[c] != FALSE;
  }
}
