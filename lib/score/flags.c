/* flags.c: what a coordinator or a safeguarding lead must review about a
 * matched or pinned pair (the contract (docs/), `match` output column `flags`).
 *
 * One list serves every output (the CSV column, the JSON array, the
 * report), so that nothing a safeguarding lead must see is shown in one
 * place and not another. Flags come from the pair's evaluation, the very
 * code that scored it. */
#include "flags.h"
#include "criteria.h"

#include <string.h>

/* The `must` preference each criterion carries a stated wish for, by name:
 * "missed:<name>" when the wish is not met. */
static const char *stated_wish_name(MmCriterion c) {
  for (guint pref = 0; pref < MM_N_PREFS; pref++)
    if (mm_i_preference_criterion(pref) == c)
      return mm_i_preference_name(pref);
  return NULL;
}

/* The flag spelling of a field not recorded ("care experience" ->
 * "not-recorded:care_experience"). */
static char *not_recorded_flag(const char *what) {
  char *flag = g_strdup_printf("not-recorded:%s", what);
  g_strdelimit(flag + strlen("not-recorded:"), " ", '_');
  return flag;
}

char **mm_i_pair_flags(const MmPool *pool, const MmConfig *config, guint mentee,
                     guint mentor) {
  MmPair pair = mm_i_pair(pool->encoding, config, mentee, mentor);
  MmPairEval eval;
  mm_i_pair_evaluate(&pair, &eval);
  GPtrArray *flags = g_ptr_array_new();
  /* a hard rule a pinned pair breaks (a matched pair breaks none) */
  for (guint rule = 0; rule < MM_N_RULES; rule++)
    if (eval.broken & (1u << rule))
      g_ptr_array_add(flags, g_strdup_printf("breaks:%s",
                                             mm_rule_name((MmRule)rule)));
  for (guint c = 0; c < MM_N_CRITERIA; c++) {
    const MmVerdict *v = &eval.criterion[c];
    const char *wish = stated_wish_name((MmCriterion)c);
    if (wish != NULL && v->stated && !v->stated_met)
      g_ptr_array_add(flags, g_strdup_printf("missed:%s", wish));
  }
  if (pair.mentee->n_named > 0 && eval.named_place < 0)
    g_ptr_array_add(flags, g_strdup("named-choice-missed"));
  const MmVerdict *language = &eval.criterion[MM_CRITERION_LANGUAGE];
  if (language->applies && !language->stated && language->value == 0.0 &&
      pair.mentor->has_languages)
    g_ptr_array_add(flags, g_strdup("no-common-language"));
  const MmVerdict *time = &eval.criterion[MM_CRITERION_AVAILABILITY];
  if (time->applies && time->value == 0.0 && pair.mentor->availability != 0)
    g_ptr_array_add(flags, g_strdup("no-common-time"));
  for (guint c = 0; c < MM_N_CRITERIA; c++) {
    const char *what =
        mm_i_pair_not_recorded(&pair, (MmCriterion)c, &eval.criterion[c]);
    if (what != NULL)
      g_ptr_array_add(flags, not_recorded_flag(what));
  }
  g_ptr_array_add(flags, NULL);
  return (char **)g_ptr_array_free(flags, FALSE);
}
