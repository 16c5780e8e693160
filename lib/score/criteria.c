/* criteria.c: the evaluation of one pair that the row scorer, the explainer
 * and the mentor side share (criterion names live with the config, which
 * reads them as INI keys). */
#include "criteria.h"

const MmCriterion mm_i_sum_order[MM_N_CRITERIA] = {
    MM_CRITERION_CARE_EXPERIENCE, MM_CRITERION_GENDER,
    MM_CRITERION_ETHNICITY,       MM_CRITERION_RELIGION,
    MM_CRITERION_LANGUAGE,        MM_CRITERION_MENTOR_TYPE,
    MM_CRITERION_INTERESTS,       MM_CRITERION_AGE,
    MM_CRITERION_NEEDS,           MM_CRITERION_ASPIRATIONS,
    MM_CRITERION_AVAILABILITY,    MM_CRITERION_DISTANCE,
};

double mm_i_verdicts_score(const MmVerdict verdicts[MM_N_CRITERIA]) {
  double weighted = 0.0, total_weight = 0.0;
  for (guint k = 0; k < MM_N_CRITERIA; k++) {
    const MmVerdict *v = &verdicts[mm_i_sum_order[k]];
    weighted += v->weight * v->value;
    total_weight += v->weight;
  }
  return mm_i_score_from_sums(weighted, total_weight);
}

void mm_i_pair_evaluate(const MmPair *pair, MmPairEval *eval) {
  eval->named_place = mm_i_pair_named_place(pair);
  eval->distance_km =
      mm_i_pair_distance_applies(pair) ? mm_i_pair_distance_km(pair) : NAN;
  MmVerdict *c = eval->criterion;
  c[MM_CRITERION_INTERESTS] = mm_i_criterion_interests(pair);
  c[MM_CRITERION_CARE_EXPERIENCE] = mm_i_criterion_care_experience(pair);
  c[MM_CRITERION_GENDER] = mm_i_criterion_gender(pair);
  c[MM_CRITERION_ETHNICITY] = mm_i_criterion_ethnicity(pair);
  c[MM_CRITERION_RELIGION] = mm_i_criterion_religion(pair);
  c[MM_CRITERION_AGE] = mm_i_criterion_age(pair);
  c[MM_CRITERION_LANGUAGE] = mm_i_criterion_language(pair);
  c[MM_CRITERION_MENTOR_TYPE] = mm_i_criterion_mentor_type(pair);
  c[MM_CRITERION_NEEDS] = mm_i_criterion_needs(pair);
  c[MM_CRITERION_ASPIRATIONS] = mm_i_criterion_aspirations(pair);
  c[MM_CRITERION_AVAILABILITY] = mm_i_criterion_availability(pair);
  c[MM_CRITERION_DISTANCE] = mm_i_criterion_distance(pair, eval->distance_km);
  eval->score = mm_i_verdicts_score(c);
  guint32 musts = 0;
  for (guint pref = 0; pref < MM_N_PREFS; pref++)
    musts |= mm_i_must_broken(pair, pref, &c[mm_i_preference_criterion(pref)]);
  eval->broken = mm_i_pair_broken_rules(pair, musts, eval->named_place,
                                      eval->distance_km, eval->score);
}

guint32 mm_i_pair_broken_rules(const MmPair *p, guint32 broken_musts,
                             gint named_place, double distance_km,
                             double score) {
  return broken_musts | mm_i_rule_checks(p) | mm_i_rule_training(p) |
         mm_i_rule_excluded(p) | mm_i_rules_unless_named(p, named_place) |
         mm_i_rule_mentor_must_gender(p) |
         mm_i_rule_age_range(p) | mm_i_rule_age_gap(p) |
         mm_i_rule_distance(p, distance_km) |
         mm_i_rule_min_score(p->config, score);
}

double mm_i_pair_score(const MmPair *pair, guint32 *broken) {
  double weighted = 0.0, total_weight = 0.0;
  guint32 musts = 0;
  double distance_km = NAN; /* while distance does not apply */
  MmVerdict v;
#define ADD(verdict)                                                             do {                                                                             v = (verdict);                                                                 weighted += v.weight * v.value;                                                total_weight += v.weight;                                                    } while (0)
#define ADD_GUARDED(verdict, pref)                                               do {                                                                             ADD(verdict);                                                                  musts |= mm_i_must_broken(pair, pref, &v);                                     } while (0)
  /* in mm_i_sum_order */
  ADD_GUARDED(mm_i_criterion_care_experience(pair), MM_PREF_CARE_EXPERIENCED);
  ADD_GUARDED(mm_i_criterion_gender(pair), MM_PREF_GENDER);
  ADD_GUARDED(mm_i_criterion_ethnicity(pair), MM_PREF_ETHNICITY);
  ADD_GUARDED(mm_i_criterion_religion(pair), MM_PREF_RELIGION);
  ADD_GUARDED(mm_i_criterion_language(pair), MM_PREF_LANGUAGE);
  ADD_GUARDED(mm_i_criterion_mentor_type(pair), MM_PREF_MENTOR_TYPE);
  ADD(mm_i_criterion_interests(pair));
  ADD_GUARDED(mm_i_criterion_age(pair), MM_PREF_AGE);
  ADD(mm_i_criterion_needs(pair));
  ADD(mm_i_criterion_aspirations(pair));
  ADD(mm_i_criterion_availability(pair));
  if (mm_i_pair_distance_applies(pair))
    distance_km =
        mm_i_pair_certainly_beyond(pair, pair->config->max_distance_km)
            ? INFINITY
            : mm_i_pair_distance_km(pair);
  ADD(mm_i_criterion_distance(pair, distance_km));
#undef ADD_GUARDED
#undef ADD
  double score = mm_i_score_from_sums(weighted, total_weight);
  if (broken != NULL)
    *broken = mm_i_pair_broken_rules(
        pair, musts,
        pair->mentee->n_named > 0 ? mm_i_pair_named_place(pair) : -1,
        distance_km, score);
  return score;
}

static gboolean set_is_empty(const MmWord *set, guint n_words) {
  return !mm_i_bits_intersect(set, set, n_words);
}

const char *mm_i_pair_not_recorded(const MmPair *pair, MmCriterion c,
                                 const MmVerdict *verdict) {
  const MmMentorCode *b = pair->mentor;
  if (!verdict->applies || verdict->value > 0.0)
    return NULL;
  switch (c) {
  case MM_CRITERION_INTERESTS:
    return set_is_empty(b->set[MM_MENTOR_SET_INTERESTS],
                        pair->n_words[MM_VOCAB_INTEREST])
               ? "interests"
               : NULL;
  case MM_CRITERION_CARE_EXPERIENCE:
    return b->care_experienced == MM_TRI_UNKNOWN ? "care experience" : NULL;
  case MM_CRITERION_LANGUAGE:
    return !b->has_languages ? "languages" : NULL;
  case MM_CRITERION_NEEDS:
    return set_is_empty(b->set[MM_MENTOR_SET_SKILLS],
                        pair->n_words[MM_VOCAB_NEED])
               ? "skills"
               : NULL;
  case MM_CRITERION_ASPIRATIONS:
    return set_is_empty(b->set[MM_MENTOR_SET_SECTORS],
                        pair->n_words[MM_VOCAB_SECTOR])
               ? "sectors"
               : NULL;
  case MM_CRITERION_AVAILABILITY:
    return b->availability == 0 ? "availability" : NULL;
  case MM_CRITERION_DISTANCE:
    return !b->has_location ? "location" : NULL;
  default:
    return NULL;
  }
}
