/* mm-score.h: scoring pairs, the hard rules, and explanations.
 *
 * A pair's score is 100 x sum(w_c x v_c) / sum(w_c) over the criteria that
 * apply to it, each v_c in [0, 1] (docs/scoring.md gives every
 * criterion in plain language). A pair that breaks a hard rule is never
 * matched; mm_score_mentee() reports which rules each pair breaks as a bitmask
 * of MmRule bits.
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include "mm-common.h"
#include "mm-config.h"
#include "mm-pool.h"

G_BEGIN_DECLS

/**
 * MmRule:
 *
 * The hard rules of the contract (docs/) that a single pair can break (capacity is a
 * property of an assignment, not of a pair). Bit (1u << rule) is set in a
 * broken-rules mask. The MUST_* rules are the mentee's `must` list; the
 * MENTOR_MUST_GENDER rule is the mentor's. New rules may be added before
 * MM_N_RULES.
 */
typedef enum {
  MM_RULE_CHECKS,           /* mentor's safeguarding checks not cleared */
  MM_RULE_TRAINING,         /* mentor's training_hours below the minimum */
  MM_RULE_EXCLUDED,         /* mentor is in the mentee's excluded_mentors */
  MM_RULE_MUST_GENDER,
  MM_RULE_MUST_ETHNICITY,
  MM_RULE_MUST_RELIGION,
  MM_RULE_MUST_CARE_EXPERIENCED,
  MM_RULE_MUST_AGE,
  MM_RULE_MUST_MENTOR_TYPE,
  MM_RULE_MUST_LANGUAGE,
  MM_RULE_MENTOR_MUST_GENDER, /* mentor's pref_mentee_gender, in its `must` */
  MM_RULE_AGE_RANGE,        /* mentee outside mentor's mentee_age_min/max */
  MM_RULE_AGE_GAP,          /* mentor not min_age_gap years older */
  MM_RULE_DISTANCE,         /* too far apart, and not both remote */
  MM_RULE_MIN_SCORE,        /* score below min_score */
  MM_RULE_NATURAL,          /* a natural mentor the mentee did not name */
  MM_RULE_PREVIOUS,         /* in previous_mentors and not named again */
  MM_N_RULES
} MmRule;

/* Returns: (transfer none): a short stable name ("checks", "training",
 * "excluded", "must:gender", ..., "mentor_must:gender", "age_range",
 * "age_gap", "distance", "min_score", "natural", "previous"); NULL when out
 * of range. */
MM_EXTERN const char *mm_rule_name(MmRule rule);

/* Returns: (transfer none): the rule in plain language for a coordinator,
 * e.g. "mentor's safeguarding checks not cleared". */
MM_EXTERN const char *mm_rule_describe(MmRule rule);

/**
 * mm_score_mentee:
 * @pool: a prepared pool.
 * @config: weights and rules.
 * @mentee: mentee index.
 * @scores: (out) (array): n_mentors scores in [0, 100], one per mentor in
 *   input order; computed for every pair, eligible or not.
 * @broken: (out) (array) (nullable): n_mentors masks of broken MmRule bits;
 *   0 means the pair is eligible (capacity aside).
 *
 * Scores one mentee against every mentor in one pass over the pool's compact
 * arrays. Reentrant; uses no shared mutable state.
 *
 * Time: O(n_mentors x W) where W is the bitset width of the pool's
 * vocabularies (usually 1-2 machine words), plus O(named mentors).
 */
MM_EXTERN void mm_score_mentee(const MmPool *pool, const MmConfig *config,
                               guint mentee, double *scores, guint32 *broken);

typedef struct MmExplanation MmExplanation;

/**
 * mm_explain_pair:
 *
 * Scores one pair and explains it: each criterion's value, effective weight
 * and weighted contribution (the contributions add up to the score),
 * plain-language reasons, and the hard rules it breaks. The score is exactly
 * the one mm_score_mentee() gives the pair.
 *
 * Returns: (transfer full): free with mm_explanation_free().
 */
MM_EXTERN MmExplanation *mm_explain_pair(const MmPool *pool,
                                         const MmConfig *config, guint mentee,
                                         guint mentor);
MM_EXTERN void mm_explanation_free(MmExplanation *explanation);

MM_EXTERN double mm_explanation_score(const MmExplanation *explanation);
/* The pair's value, what the assignment maximises (the contract (docs/), "The value of a
 * pair"): the score rounded to 0.01, plus the choice and waiting terms and,
 * under prefer = quality, the priority and match bonuses, each rounded to
 * 0.01. */
MM_EXTERN double mm_explanation_pair_value(const MmExplanation *explanation);
/* Mask of broken MmRule bits; 0 when eligible (capacity aside). */
MM_EXTERN guint32 mm_explanation_broken_rules(const MmExplanation *explanation);
/* Whether the criterion applies to the pair (e.g. distance does not when both
 * are open to remote mentoring, or when the young person gave no location;
 * gender, ethnicity and religion only through a wish someone stated). */
MM_EXTERN gboolean mm_explanation_applies(const MmExplanation *explanation,
                                          MmCriterion criterion);
/* The criterion's value in [0, 1] (0 when it does not apply). */
MM_EXTERN double mm_explanation_value(const MmExplanation *explanation,
                                      MmCriterion criterion);
/* The weight it carried for this pair (configured weight times the stated-
 * preference and peer factors; 0 when it does not apply). */
MM_EXTERN double mm_explanation_weight(const MmExplanation *explanation,
                                       MmCriterion criterion);
/* Its share of the score, 100 x w x v / sum(w); these add up to the score. */
MM_EXTERN double mm_explanation_contribution(const MmExplanation *explanation,
                                             MmCriterion criterion);
/* Plain-language reasons, most important first, e.g. "shares 3 interests:
 * football, music, cooking". (transfer none) */
MM_EXTERN guint mm_explanation_n_reasons(const MmExplanation *explanation);
MM_EXTERN const char *mm_explanation_reason(const MmExplanation *explanation,
                                            guint index);
/* Returns: (transfer full): the reasons joined with "; ". */
MM_EXTERN char *mm_explanation_reasons_text(const MmExplanation *explanation);

/**
 * mm_rules_summary:
 * @counts: (array length=MM_N_RULES): how many mentors broke each rule.
 *
 * Returns: (transfer full): e.g. "14 must:gender, 6 distance, 3 checks",
 * largest count first, ties in MmRule order; "" when all counts are 0.
 */
MM_EXTERN char *mm_rules_summary(const guint counts[MM_N_RULES]);

/* As mm_rules_summary() for an array of @n_counts counts in MmRule order: a
 * caller built against fewer rules passes its own length (counts beyond it
 * are 0; beyond MM_N_RULES are ignored). */
MM_EXTERN char *mm_rules_summary_n(const guint *counts, gsize n_counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmExplanation, mm_explanation_free)

G_END_DECLS
