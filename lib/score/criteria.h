/* criteria.h: the one implementation of each scoring criterion (internal).
 *
 * Each criterion is a function of one pair's encoded views (encoding.h) that
 * returns a verdict: whether it applies, its value in [0, 1] and the weight
 * it carries for this pair. mm_i_pair_evaluate() (criteria.c) runs them all and
 * totals the score; the row scorer (score.c), the explainer (explain.c) and
 * the mentor side (mentor-side.c) all go through it, so an explanation's
 * contributions add up to exactly the score the matcher used.
 *
 * The score is 100 x sum(w x v) / sum(w) over the criteria that apply
 * (docs/scoring.md); docs/scoring.md, gives every
 * criterion in plain language and must change with this file. */
#pragma once

#include "config-private.h"
#include "encoding.h"

/* One pair, as every criterion sees it. */
typedef struct {
  const MmConfig *config;
  const guint *n_words; /* W of each vocabulary */
  const MmMenteeCode *mentee;
  const MmMentorCode *mentor;
  guint mentor_index;
} MmPair;

static inline MmPair mm_i_pair(const MmEncoding *enc, const MmConfig *config,
                             guint mentee, guint mentor) {
  return (MmPair){config, enc->n_words, &enc->mentees[mentee],
                  &enc->mentors[mentor], mentor};
}

/**
 * MmVerdict:
 * @applies: the criterion counts for this pair.
 * @stated: it was judged by a preference the young person stated (KP3).
 * @stated_met: that stated preference is met; a `must` rule breaks when a
 *   stated preference is not met.
 * @value: in [0, 1]; 0 when it does not apply.
 * @weight: the configured weight times the stated-preference and peer
 *   factors; 0 when it does not apply.
 */
typedef struct {
  gboolean applies;
  gboolean stated;
  gboolean stated_met;
  double value;
  double weight;
} MmVerdict;

static inline MmVerdict mm_i_verdict_none(void) { return (MmVerdict){0}; }

static inline MmVerdict mm_i_verdict_similar(double weight, double value) {
  return (MmVerdict){.applies = TRUE, .value = value, .weight = weight};
}

/* A stated preference weighs MM_STATED_PREFERENCE_FACTOR times more, and is
 * met only when fully met. */
static inline MmVerdict mm_i_verdict_stated(double weight, double value) {
  return (MmVerdict){.applies = TRUE,
                     .stated = TRUE,
                     .stated_met = value == 1.0,
                     .value = value,
                     .weight = weight * MM_STATED_PREFERENCE_FACTOR};
}

static inline double mm_i_pair_weight(const MmPair *p, MmCriterion c) {
  return p->config->weight[c];
}

static inline gboolean mm_i_known(gint32 code) { return code != MM_NO_TOKEN; }

/* ---- facts about a pair that criteria and rules share ---- */

/* 0-based place of the mentor in the young person's preferred_mentors, or
 * -1 when not named. O(log named). */
static inline gint mm_i_pair_named_place(const MmPair *p) {
  const MmNamedMentor *named = p->mentee->named;
  guint lo = 0, hi = p->mentee->n_named;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (named[mid].mentor < p->mentor_index)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < p->mentee->n_named && named[lo].mentor == p->mentor_index
             ? (gint)named[lo].place
             : -1;
}

/* Whether the sorted mentor indices @set[0..n) hold @mentor. O(log n). */
static inline gboolean mm_i_mentor_set_has(const guint *set, guint n,
                                         guint mentor) {
  guint lo = 0, hi = n;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (set[mid] < mentor)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && set[lo] == mentor;
}

static inline gboolean mm_i_pair_is_excluded(const MmPair *p) {
  return mm_i_mentor_set_has(p->mentee->excluded, p->mentee->n_excluded,
                           p->mentor_index);
}

/* A mentor of one of the young person's matches that has ended. */
static inline gboolean mm_i_pair_is_previous(const MmPair *p) {
  return mm_i_mentor_set_has(p->mentee->previous, p->mentee->n_previous,
                           p->mentor_index);
}

static inline gboolean mm_i_pair_both_remote(const MmPair *p) {
  return p->mentee->remote == MM_TRI_YES && p->mentor->remote == MM_TRI_YES;
}

/* The distance rule can break only when both locations are known, unless
 * both are open to remote mentoring. */
static inline gboolean mm_i_pair_distance_applies(const MmPair *p) {
  return p->mentee->has_location && p->mentor->has_location &&
         !mm_i_pair_both_remote(p);
}

/* The distance criterion counts whenever the young person gave a location.
 * Both open to remote mentoring: distance is no obstacle (value 1). A
 * mentor whose location is not recorded scores 0 on it, so that filling in
 * a mentor's location, or its openness to remote mentoring, never lowers a
 * score (missing data never raises one). */
static inline gboolean mm_i_pair_distance_criterion_applies(const MmPair *p) {
  return p->mentee->has_location;
}

static inline double mm_i_pair_distance_km(const MmPair *p) {
  const MmMenteeCode *a = p->mentee;
  const MmMentorCode *b = p->mentor;
  return mm_i_unit_distance_km(a->x, a->y, a->z, b->x, b->y, b->z);
}

/* Whether the pair is certainly further apart than @limit_km, without the
 * acos (mm_i_unit_certainly_beyond()). */
static inline gboolean mm_i_pair_certainly_beyond(const MmPair *p,
                                                double limit_km) {
  const MmMenteeCode *a = p->mentee;
  const MmMentorCode *b = p->mentor;
  return mm_i_unit_certainly_beyond(a->x * b->x + a->y * b->y + a->z * b->z,
                                  limit_km);
}

/* The smaller of the configured maximum and mentor @b's own limit. */
static inline double mm_i_mentor_distance_limit_km(const MmConfig *config,
                                                   const MmMentorCode *b) {
  double limit = config->max_distance_km;
  double own = b->max_distance_km;
  return !isnan(own) && own < limit ? own : limit;
}

/* The distance rule's limit for a pair. */
static inline double mm_i_pair_distance_limit_km(const MmPair *p) {
  return mm_i_mentor_distance_limit_km(p->config, p->mentor);
}

/* "same" for ethnicity: the same full ethnicity, or the same group when
 * either gives no detail. */
static inline gboolean mm_i_pair_same_ethnicity(const MmPair *p) {
  const MmMenteeCode *a = p->mentee;
  const MmMentorCode *b = p->mentor;
  if (!mm_i_known(a->ethnic_group) || a->ethnic_group != b->ethnic_group)
    return FALSE;
  return !mm_i_known(a->ethnicity) || !mm_i_known(b->ethnicity) ||
         a->ethnicity == b->ethnicity;
}

static inline gboolean mm_i_pair_same_ethnic_group(const MmPair *p) {
  return mm_i_known(p->mentee->ethnic_group) &&
         p->mentee->ethnic_group == p->mentor->ethnic_group;
}

static inline gboolean mm_i_pair_both_ethnic_groups_known(const MmPair *p) {
  return mm_i_known(p->mentee->ethnic_group) && mm_i_known(p->mentor->ethnic_group);
}

/* A mentor's pref_mentee_gender is soft unless gender is in its `must`. */
static inline gboolean mm_i_mentor_gender_pref_is_soft(const MmMentorCode *b) {
  return b->has_pref_mentee_gender && !(b->must & (1u << MM_PREF_GENDER));
}

static inline gboolean mm_i_pair_mentee_gender_wanted(const MmPair *p) {
  return mm_i_bits_has(p->mentor->set[MM_MENTOR_SET_PREF_MENTEE_GENDER],
                     p->mentee->gender);
}

/* Linear ramps: 0 at or below @zero_min, 1 on [full_min, full_max], 0 at or
 * above @zero_max. */
static inline double mm_i_trapezoid(double x, double zero_min, double full_min,
                                  double full_max, double zero_max) {
  if (x <= zero_min || x >= zero_max)
    return 0.0;
  if (x < full_min)
    return (x - zero_min) / (full_min - zero_min);
  if (x > full_max)
    return (zero_max - x) / (zero_max - full_max);
  return 1.0;
}

/* Years by which @age misses the stated range [min, max] (either end may be
 * unset); 0 inside it. */
static inline gint mm_i_years_outside(gint age, gint min, gint max) {
  if (min != MM_UNSET_INT && age < min)
    return min - age;
  if (max != MM_UNSET_INT && age > max)
    return age - max;
  return 0;
}

/* ---- the criteria, in MmCriterion order ---- */

/* Criteria that count shared items come in two parts: the count, which
 * reads the mentor, and the verdict of a count, which reads only the young
 * person (so the row scorer can tabulate it once per row). */

static inline guint mm_i_pair_shared_interests(const MmPair *p) {
  return mm_i_bits_count_common(p->mentee->set[MM_MENTEE_SET_INTERESTS],
                              p->mentor->set[MM_MENTOR_SET_INTERESTS],
                              p->n_words[MM_VOCAB_INTEREST]);
}

static inline MmVerdict mm_i_criterion_interests_of(const MmPair *p,
                                                  guint shared) {
  if (p->mentee->n_interests == 0)
    return mm_i_verdict_none();
  return mm_i_verdict_similar(mm_i_pair_weight(p, MM_CRITERION_INTERESTS),
                            (double)MIN(shared, MM_INTERESTS_FOR_FULL) /
                                MM_INTERESTS_FOR_FULL);
}

static inline MmVerdict mm_i_criterion_interests(const MmPair *p) {
  return mm_i_criterion_interests_of(p, mm_i_pair_shared_interests(p));
}

/* A peer mentor a few years older than the young person (KP7: near-peer). */
static inline gboolean mm_i_pair_near_peer(const MmPair *p) {
  gint gap = p->mentor->age - p->mentee->age;
  return p->mentor->type == MM_MENTOR_PEER && gap >= MM_NEAR_PEER_GAP_MIN &&
         gap <= MM_NEAR_PEER_GAP_MAX;
}

static inline MmVerdict mm_i_criterion_care_experience(const MmPair *p) {
  double w = mm_i_pair_weight(p, MM_CRITERION_CARE_EXPERIENCE);
  if (mm_i_pair_near_peer(p))
    w *= MM_PEER_CARE_EXPERIENCE_FACTOR;
  double v = p->mentor->care_experienced == MM_TRI_YES;
  if (p->mentee->pref_care_experienced == MM_TRI_YES)
    return mm_i_verdict_stated(w, v);
  if (p->mentee->care_experienced == MM_TRI_YES)
    return mm_i_verdict_similar(w, v);
  return mm_i_verdict_none();
}

/* Gender, ethnicity and religion count only through a wish someone stated
 * (docs/scoring.md): with none, they do not apply, so exchanging these
 * attributes between people who stated no such wish changes no score. */
static inline MmVerdict mm_i_criterion_gender(const MmPair *p) {
  const MmMenteeCode *a = p->mentee;
  const MmMentorCode *b = p->mentor;
  double w = mm_i_pair_weight(p, MM_CRITERION_GENDER);
  MmVerdict verdict = mm_i_verdict_none();
  if (a->has_pref_gender)
    verdict = mm_i_verdict_stated(
        w, mm_i_bits_has(a->set[MM_MENTEE_SET_PREF_GENDER], b->gender));
  /* The mentor's soft wish tempers the value, never the young person's
   * stated_met (their preference is theirs alone). */
  if (mm_i_mentor_gender_pref_is_soft(b) && mm_i_known(a->gender)) {
    if (!verdict.applies)
      verdict = mm_i_verdict_similar(w, 1.0);
    if (!mm_i_pair_mentee_gender_wanted(p))
      verdict.value *= MM_MENTOR_GENDER_MISS_FACTOR;
  }
  return verdict;
}

/* Gender seen from the mentor's side (stable mode): the mentor's own
 * pref_mentee_gender, weighed as a stated preference, when given; otherwise
 * it does not apply (equity: no wish, no gender). */
static inline MmVerdict mm_i_criterion_gender_mentor_side(const MmPair *p) {
  double w = mm_i_pair_weight(p, MM_CRITERION_GENDER);
  if (p->mentor->has_pref_mentee_gender)
    return mm_i_verdict_stated(w, mm_i_pair_mentee_gender_wanted(p));
  return mm_i_verdict_none();
}

static inline gboolean mm_i_pair_ethnicity_wanted(const MmPair *p) {
  const MmMenteeCode *a = p->mentee;
  const MmMentorCode *b = p->mentor;
  guint32 flags = a->pref_ethnicity_flags;
  return mm_i_bits_has(a->set[MM_MENTEE_SET_PREF_ETHNICITY], b->ethnicity) ||
         mm_i_bits_has(a->set[MM_MENTEE_SET_PREF_ETHNIC_GROUP], b->ethnic_group) ||
         ((flags & MM_ETH_SAME) && mm_i_pair_same_ethnicity(p)) ||
         ((flags & MM_ETH_SAME_GROUP) && mm_i_pair_same_ethnic_group(p)) ||
         ((flags & MM_ETH_DIFFERENT_GROUP) &&
          mm_i_pair_both_ethnic_groups_known(p) && !mm_i_pair_same_ethnic_group(p));
}

static inline MmVerdict mm_i_criterion_ethnicity(const MmPair *p) {
  if (!p->mentee->has_pref_ethnicity)
    return mm_i_verdict_none();
  return mm_i_verdict_stated(mm_i_pair_weight(p, MM_CRITERION_ETHNICITY),
                           mm_i_pair_ethnicity_wanted(p));
}

static inline MmVerdict mm_i_criterion_religion(const MmPair *p) {
  const MmMenteeCode *a = p->mentee;
  gint32 theirs = p->mentor->religion;
  if (!a->has_pref_religion)
    return mm_i_verdict_none();
  gboolean same = mm_i_known(a->religion) && a->religion == theirs;
  return mm_i_verdict_stated(
      mm_i_pair_weight(p, MM_CRITERION_RELIGION),
      mm_i_bits_has(a->set[MM_MENTEE_SET_PREF_RELIGION], theirs) ||
          (a->pref_religion_same && same));
}

static inline MmVerdict mm_i_criterion_age(const MmPair *p) {
  const MmMenteeCode *a = p->mentee;
  const MmMentorCode *b = p->mentor;
  double w = mm_i_pair_weight(p, MM_CRITERION_AGE);
  if (a->pref_age_min != MM_UNSET_INT || a->pref_age_max != MM_UNSET_INT) {
    gint outside = mm_i_years_outside(b->age, a->pref_age_min, a->pref_age_max);
    return mm_i_verdict_stated(
        w, MAX(0.0, 1.0 - outside / MM_STATED_AGE_SLACK_YEARS));
  }
  double gap = b->age - a->age;
  if (b->type == MM_MENTOR_PEER)
    return mm_i_verdict_similar(
        w, mm_i_trapezoid(gap, MM_PEER_AGE_GAP_ZERO_MIN, MM_PEER_AGE_GAP_FULL_MIN,
                        MM_PEER_AGE_GAP_FULL_MAX, MM_PEER_AGE_GAP_ZERO_MAX));
  return mm_i_verdict_similar(
      w, mm_i_trapezoid(gap, MM_ADULT_AGE_GAP_ZERO_MIN, MM_ADULT_AGE_GAP_FULL_MIN,
                      MM_ADULT_AGE_GAP_FULL_MAX, MM_ADULT_AGE_GAP_ZERO_MAX));
}

static inline MmVerdict mm_i_criterion_language(const MmPair *p) {
  const MmMenteeCode *a = p->mentee;
  const MmMentorCode *b = p->mentor;
  double w = mm_i_pair_weight(p, MM_CRITERION_LANGUAGE);
  const MmWord *theirs = b->set[MM_MENTOR_SET_LANGUAGES];
  if (a->has_pref_language)
    return mm_i_verdict_stated(w, mm_i_bits_intersect(
                                    a->set[MM_MENTEE_SET_PREF_LANGUAGE],
                                    theirs, p->n_words[MM_VOCAB_LANGUAGE]));
  /* A mentor whose languages are not recorded shares none. */
  if (a->has_languages)
    return mm_i_verdict_similar(
        w, mm_i_bits_intersect(a->set[MM_MENTEE_SET_LANGUAGES], theirs,
                             p->n_words[MM_VOCAB_LANGUAGE]));
  return mm_i_verdict_none();
}

static inline MmVerdict mm_i_criterion_mentor_type(const MmPair *p) {
  guint32 wanted = p->mentee->pref_mentor_type;
  if (wanted == 0)
    return mm_i_verdict_none();
  return mm_i_verdict_stated(mm_i_pair_weight(p, MM_CRITERION_MENTOR_TYPE),
                           (wanted >> p->mentor->type) & 1u);
}

static inline guint mm_i_pair_needs_covered(const MmPair *p) {
  return mm_i_bits_count_common(p->mentee->set[MM_MENTEE_SET_NEEDS],
                              p->mentor->set[MM_MENTOR_SET_SKILLS],
                              p->n_words[MM_VOCAB_NEED]);
}

static inline MmVerdict mm_i_criterion_needs_of(const MmPair *p, guint covered) {
  guint n = p->mentee->n_needs;
  if (n == 0)
    return mm_i_verdict_none();
  return mm_i_verdict_similar(mm_i_pair_weight(p, MM_CRITERION_NEEDS),
                            (double)covered / n);
}

static inline MmVerdict mm_i_criterion_needs(const MmPair *p) {
  return mm_i_criterion_needs_of(p, mm_i_pair_needs_covered(p));
}

static inline guint mm_i_pair_aspirations_covered(const MmPair *p) {
  return mm_i_bits_count_common(p->mentee->set[MM_MENTEE_SET_ASPIRATIONS],
                              p->mentor->set[MM_MENTOR_SET_SECTORS],
                              p->n_words[MM_VOCAB_SECTOR]);
}

static inline MmVerdict mm_i_criterion_aspirations_of(const MmPair *p,
                                                    guint covered) {
  guint n = p->mentee->n_aspirations;
  if (n == 0)
    return mm_i_verdict_none();
  return mm_i_verdict_similar(mm_i_pair_weight(p, MM_CRITERION_ASPIRATIONS),
                            (double)covered / n);
}

static inline MmVerdict mm_i_criterion_aspirations(const MmPair *p) {
  return mm_i_criterion_aspirations_of(p, mm_i_pair_aspirations_covered(p));
}

static inline guint mm_i_pair_shared_slots(const MmPair *p) {
  return (guint)__builtin_popcount(p->mentee->availability &
                                   p->mentor->availability);
}

static inline MmVerdict mm_i_criterion_availability_of(const MmPair *p,
                                                     guint shared) {
  if (p->mentee->availability == 0)
    return mm_i_verdict_none();
  return mm_i_verdict_similar(
      mm_i_pair_weight(p, MM_CRITERION_AVAILABILITY),
      (double)MIN(shared, MM_AVAILABILITY_SLOTS_FOR_FULL) /
          MM_AVAILABILITY_SLOTS_FOR_FULL);
}

static inline MmVerdict mm_i_criterion_availability(const MmPair *p) {
  return mm_i_criterion_availability_of(p, mm_i_pair_shared_slots(p));
}

/* The distance criterion's value for a pair @distance_km apart, falling to 0
 * at @limit_km, the configured max_distance_km (the row scorer calls it
 * without a pair). The mentor's own max_distance_km only bounds the rule:
 * the score says how well two people fit, and a mentor's stated limit that
 * is filled in must not lower it. */
static inline double mm_i_distance_value(double distance_km, double limit_km) {
  return distance_km < limit_km ? 1.0 - distance_km / limit_km : 0.0;
}

/* @distance_km: mm_i_pair_distance_km() when mm_i_pair_distance_applies() (or
 * INFINITY when certainly beyond max_distance_km), else NAN. */
static inline MmVerdict mm_i_criterion_distance(const MmPair *p,
                                              double distance_km) {
  if (!mm_i_pair_distance_criterion_applies(p))
    return mm_i_verdict_none();
  double value = mm_i_pair_both_remote(p)     ? 1.0
                 : isnan(distance_km) ? 0.0 /* mentor's location not known */
                     : mm_i_distance_value(distance_km,
                                         p->config->max_distance_km);
  return mm_i_verdict_similar(mm_i_pair_weight(p, MM_CRITERION_DISTANCE), value);
}

/* The criterion a `must` preference guards. */
static inline MmCriterion mm_i_preference_criterion(MmPreference pref) {
  static const MmCriterion criteria[MM_N_PREFS] = {
      [MM_PREF_GENDER] = MM_CRITERION_GENDER,
      [MM_PREF_ETHNICITY] = MM_CRITERION_ETHNICITY,
      [MM_PREF_RELIGION] = MM_CRITERION_RELIGION,
      [MM_PREF_CARE_EXPERIENCED] = MM_CRITERION_CARE_EXPERIENCE,
      [MM_PREF_AGE] = MM_CRITERION_AGE,
      [MM_PREF_MENTOR_TYPE] = MM_CRITERION_MENTOR_TYPE,
      [MM_PREF_LANGUAGE] = MM_CRITERION_LANGUAGE,
  };
  return criteria[pref];
}

/* ---- the hard rules that do not come from a `must`, one at a time ----
 * Each returns its MmRule bit or 0; mm_i_pair_broken_rules() (rules.c) and the
 * row scorer (score.c) both use them. */

static inline guint32 mm_i_rule_checks(const MmPair *p) {
  return p->config->require_checks && p->mentor->checks_cleared != MM_TRI_YES
             ? 1u << MM_RULE_CHECKS
             : 0u;
}

static inline guint32 mm_i_rule_training(const MmPair *p) {
  return p->mentor->training_hours < p->config->min_training_hours
             ? 1u << MM_RULE_TRAINING
             : 0u;
}

static inline guint32 mm_i_rule_excluded(const MmPair *p) {
  return p->mentee->n_excluded > 0 && mm_i_pair_is_excluded(p)
             ? 1u << MM_RULE_EXCLUDED
             : 0u;
}

/* The rules that hold unless the young person named the mentor: a natural
 * mentor belongs to the young person who named them, and a mentor of a
 * match that ended is offered again only when asked for. The row scorer
 * applies the first through the mentor's care profile (the mentors a young
 * person named take mm_i_pair_score()'s path). */
static inline guint32 mm_i_rule_natural_unnamed(const MmPair *p) {
  return p->mentor->type == MM_MENTOR_NATURAL ? 1u << MM_RULE_NATURAL : 0u;
}

static inline guint32 mm_i_rules_unless_named(const MmPair *p, gint place) {
  if (place >= 0)
    return 0u;
  return mm_i_rule_natural_unnamed(p) |
         (p->mentee->n_previous > 0 && mm_i_pair_is_previous(p)
              ? 1u << MM_RULE_PREVIOUS
              : 0u);
}

static inline guint32 mm_i_rule_mentor_must_gender(const MmPair *p) {
  const MmMentorCode *b = p->mentor;
  return (b->must & (1u << MM_PREF_GENDER)) && b->has_pref_mentee_gender &&
                 !mm_i_pair_mentee_gender_wanted(p)
             ? 1u << MM_RULE_MENTOR_MUST_GENDER
             : 0u;
}

static inline guint32 mm_i_rule_age_range(const MmPair *p) {
  return mm_i_years_outside(p->mentee->age, p->mentor->mentee_age_min,
                          p->mentor->mentee_age_max) > 0
             ? 1u << MM_RULE_AGE_RANGE
             : 0u;
}

static inline guint32 mm_i_rule_age_gap(const MmPair *p) {
  return p->mentor->age - p->mentee->age < p->config->min_age_gap
             ? 1u << MM_RULE_AGE_GAP
             : 0u;
}

/* The distance rule for a pair @distance_km apart (not NAN) whose limit is
 * @limit_km (the row scorer calls it without a pair). */
static inline guint32 mm_i_distance_broken(double distance_km, double limit_km) {
  return (guint32)(distance_km > limit_km) << MM_RULE_DISTANCE;
}

/* @distance_km: NAN when distance does not apply (never too far then). */
static inline guint32 mm_i_rule_distance(const MmPair *p, double distance_km) {
  return !isnan(distance_km)
             ? mm_i_distance_broken(distance_km, mm_i_pair_distance_limit_km(p))
             : 0u;
}

/* Reads only the config: the row scorer applies it without a pair. */
static inline guint32 mm_i_rule_min_score(const MmConfig *config,
                                        double score) {
  return score < config->min_score ? 1u << MM_RULE_MIN_SCORE : 0u;
}

/* ---- a whole pair ---- */

typedef struct {
  MmVerdict criterion[MM_N_CRITERIA];
  double distance_km; /* NAN when not known or not relevant */
  gint named_place;   /* -1 when the young person did not name the mentor */
  double score;       /* 0-100 */
  guint32 broken;     /* MmRule bits */
} MmPairEval;

/* The score from a pair's two sums, sum(w x v) and sum(w): 100 x their
 * ratio, 0 when no weight counts. Every scorer ends here, so they all give
 * the same double. Divide first: weighted <= total holds after rounding
 * (each w x v <= w), so the ratio is <= 1 and the score never passes 100.
 * When no weight counts, weighted is 0 too and 0 / 1 gives the 0: the
 * division needs no branch, and a loop of scores can divide several at once
 * (score.c). */
static inline double mm_i_score_from_sums(double weighted, double total) {
  return 100.0 * (weighted / (total > 0.0 ? total : 1.0));
}

/* The order in which every scorer adds a pair's criteria to its sums, so
 * that they all give the same double (floating-point addition depends on
 * the order). The criteria that read only the mentor's background (care
 * experience and type, gender, ethnicity, religion, language) come first:
 * their running sum is then the same for all mentors of one background, and
 * the row scorer tabulates it (score.c). */
extern const MmCriterion mm_i_sum_order[MM_N_CRITERIA];

/* 100 x sum(w x v) / sum(w), summed in mm_i_sum_order; 0 when no weight
 * counts. Criteria that do not apply carry w = v = 0 and add nothing. */
double mm_i_verdicts_score(const MmVerdict verdicts[MM_N_CRITERIA]);

/* Runs every criterion and every hard rule on one pair, keeping each
 * verdict (for explanations and the mentor side). */
void mm_i_pair_evaluate(const MmPair *pair, MmPairEval *eval);

/* The row scorer's form of mm_i_pair_evaluate(): the same criteria summed in
 * the same order, so the score is bit-identical, without keeping the
 * verdicts, and with distance's acos skipped for pairs certainly beyond
 * max_distance_km (value 0 and the distance rule broken either way). */
double mm_i_pair_score(const MmPair *pair, guint32 *broken);

/* The MmRule bit of a `must` preference the pair breaks: stated by the
 * young person, listed in their `must`, and not met. */
static inline guint32 mm_i_must_broken(const MmPair *p, MmPreference pref,
                                     const MmVerdict *verdict) {
  return (p->mentee->must & (1u << pref)) && verdict->stated &&
                 !verdict->stated_met
             ? 1u << (MM_RULE_MUST_GENDER + pref)
             : 0u;
}

/* The mentor field that criterion @c found not recorded, when the young
 * person brought the criterion in and it scored 0 for that reason (missing
 * data never raises a score; explanations and flags say what is missing):
 * "interests", "care experience", "languages", "skills", "sectors",
 * "availability", "location"; NULL otherwise. */
const char *mm_i_pair_not_recorded(const MmPair *pair, MmCriterion c,
                                 const MmVerdict *verdict);

/* The MmRule bits @pair breaks, given the `must` bits already found, the
 * mentor's place among the young person's named mentors (-1: not named), its
 * distance (NAN when distance does not apply) and its score. */
guint32 mm_i_pair_broken_rules(const MmPair *pair, guint32 broken_musts,
                             gint named_place, double distance_km,
                             double score);
