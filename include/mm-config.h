/* mm-config.h: scoring weights, matching rules and the objective.
 *
 * A config starts with the built-in defaults documented below (and in
 * docs/configuration.md), may be read from an INI file with groups [weights], [rules] and
 * [objective] (GKeyFile syntax), and may be changed in code. Every setter
 * validates.
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include "mm-common.h"
#include "mm-diagnostics.h"

G_BEGIN_DECLS

/**
 * MmCriterion:
 *
 * The scoring criteria of the contract (docs/), in its order. Each gives a value in [0, 1]
 * for a pair; mm_criterion_name() gives the INI key and the CSV column suffix
 * (c_<name>). New criteria may only be added before MM_N_CRITERIA.
 */
typedef enum {
  MM_CRITERION_INTERESTS,
  MM_CRITERION_CARE_EXPERIENCE,
  MM_CRITERION_GENDER,
  MM_CRITERION_ETHNICITY,
  MM_CRITERION_RELIGION,
  MM_CRITERION_AGE,
  MM_CRITERION_LANGUAGE,
  MM_CRITERION_MENTOR_TYPE,
  MM_CRITERION_NEEDS,
  MM_CRITERION_ASPIRATIONS,
  MM_CRITERION_AVAILABILITY,
  MM_CRITERION_DISTANCE,
  MM_N_CRITERIA
} MmCriterion;

/* Returns: (transfer none): "interests", "care_experience", ... ; NULL when
 * @criterion is out of range. */
MM_EXTERN const char *mm_criterion_name(MmCriterion criterion);

/* Looks a criterion up by its name; FALSE when there is none of that name. */
MM_EXTERN gboolean mm_criterion_from_name(const char *name,
                                          MmCriterion *criterion);

/* ---- Built-in defaults: the one place every tunable number lives. ---- */

/* [weights]: relative importance. Shared experience of care and mentor
 * skills that cover the young person's needs weigh most, following the
 * practice guidance (KP5, peer-mentoring evidence). The young person's own
 * named choices are not a criterion: they weigh in the objective
 * ([objective] choice_bonus, KP3). */
#define MM_DEFAULT_WEIGHT_INTERESTS 3.0
#define MM_DEFAULT_WEIGHT_CARE_EXPERIENCE 3.0
#define MM_DEFAULT_WEIGHT_GENDER 2.0
#define MM_DEFAULT_WEIGHT_ETHNICITY 2.0
#define MM_DEFAULT_WEIGHT_RELIGION 1.0
#define MM_DEFAULT_WEIGHT_AGE 2.0
#define MM_DEFAULT_WEIGHT_LANGUAGE 1.0
#define MM_DEFAULT_WEIGHT_MENTOR_TYPE 1.0
#define MM_DEFAULT_WEIGHT_NEEDS 3.0
#define MM_DEFAULT_WEIGHT_ASPIRATIONS 2.0
#define MM_DEFAULT_WEIGHT_AVAILABILITY 2.0
#define MM_DEFAULT_WEIGHT_DISTANCE 2.0

/* [rules] */
#define MM_DEFAULT_MIN_TRAINING_HOURS 3.0 /* KP6: e.g. three hours before matching */
#define MM_DEFAULT_REQUIRE_CHECKS TRUE    /* KP6: enhanced DBS or equivalent */
#define MM_DEFAULT_MIN_AGE_GAP 2          /* mentor at least this many years older */
#define MM_DEFAULT_MAX_DISTANCE_KM 30.0   /* travel limit when neither side is remote */
/* Pairs scoring below are never matched: below it, waiting for the right
 * mentor is better for the young person than this match (the contract (docs/) v2). */
#define MM_DEFAULT_MIN_SCORE 40.0

/* [objective]: what the assignment maximises (docs/matching.md). Each
 * bonus is in points of a pair's value, a finite number from 0 to
 * MM_BONUS_MAX. */
#define MM_DEFAULT_CHOICE_BONUS 100.0  /* the first named mentor; x0.75 a place */
#define MM_DEFAULT_PRIORITY_BONUS 10.0 /* per priority level (quality only) */
#define MM_DEFAULT_MATCH_BONUS 0.0     /* per match (quality only) */
#define MM_DEFAULT_WAITING_BONUS 0.5   /* per full week waited, up to 52 */
#define MM_BONUS_MAX 1000

/* Fixed scoring constants (not configurable; documented in docs/scoring.md). */

/* A preference the young person stated multiplies that criterion's weight
 * (KP3: their say counts more than a default similarity). */
#define MM_STATED_PREFERENCE_FACTOR 2.0
/* Shared experience of care counts this much more when the mentor is a
 * near-peer: a peer mentor MM_NEAR_PEER_GAP_MIN to MM_NEAR_PEER_GAP_MAX years
 * older (for peer mentoring it is the single most important factor). A peer
 * mentor further apart in age counts like any care-experienced mentor. */
#define MM_PEER_CARE_EXPERIENCE_FACTOR 2.0
#define MM_NEAR_PEER_GAP_MIN 2
#define MM_NEAR_PEER_GAP_MAX 6
/* Shared interests / availability slots that give the full criterion value. */
#define MM_INTERESTS_FOR_FULL 3
#define MM_AVAILABILITY_SLOTS_FOR_FULL 2
/* choice_bonus: the n-th named mentor (0 = first) adds choice_bonus x
 * MM_CHOICE_DECAY^n to the pair's value. */
#define MM_CHOICE_DECAY 0.75
/* Age without a stated preference: value 1 inside [FULL_MIN, FULL_MAX] years
 * older, falling linearly to 0 at ZERO_MIN and ZERO_MAX. Peer mentors are
 * near-peers (a few years older); other mentors cover a broad adult band. */
#define MM_PEER_AGE_GAP_ZERO_MIN 0
#define MM_PEER_AGE_GAP_FULL_MIN 2
#define MM_PEER_AGE_GAP_FULL_MAX 6
#define MM_PEER_AGE_GAP_ZERO_MAX 12
#define MM_ADULT_AGE_GAP_ZERO_MIN 2
#define MM_ADULT_AGE_GAP_FULL_MIN 6
#define MM_ADULT_AGE_GAP_FULL_MAX 35
#define MM_ADULT_AGE_GAP_ZERO_MAX 55
/* A stated age range that is missed by this many years scores 0 (soft). */
#define MM_STATED_AGE_SLACK_YEARS 5.0
/* A mentor's soft pref_mentee_gender that is not met halves the gender value. */
#define MM_MENTOR_GENDER_MISS_FACTOR 0.5

/**
 * MmPrefer:
 * @MM_PREFER_QUALITY: maximise the total value of the matched pairs, where a
 *   pair's value adds priority_bonus x priority and match_bonus to its score,
 *   choice term and waiting term (the default: a poor match is worse than
 *   waiting for the right mentor).
 * @MM_PREFER_COUNT: match as many young people as possible, then the most at
 *   priority 3, then 2, then 1, then the largest total value (version 1's
 *   objective, with named choices and waiting in the value).
 *
 * The objective ([objective] prefer).
 */
typedef enum {
  MM_PREFER_QUALITY,
  MM_PREFER_COUNT,
} MmPrefer;

/* "quality", "count"; NULL when out of range. */
MM_EXTERN const char *mm_prefer_name(MmPrefer prefer);
MM_EXTERN gboolean mm_prefer_from_name(const char *name, MmPrefer *prefer);

/**
 * MmBonus:
 *
 * The points of [objective] that enter a pair's value (the contract (docs/), "The value of
 * a pair"). mm_bonus_name() gives the INI key ("choice_bonus", ...). New
 * bonuses may only be added before MM_N_BONUSES.
 */
typedef enum {
  MM_BONUS_CHOICE,   /* the mentor is the young person's named choice */
  MM_BONUS_PRIORITY, /* per priority level; quality only */
  MM_BONUS_MATCH,    /* per match; quality only */
  MM_BONUS_WAITING,  /* per full week waited, up to 52 */
  MM_N_BONUSES
} MmBonus;

/* "choice_bonus", "priority_bonus", "match_bonus", "waiting_bonus"; NULL
 * when out of range. */
MM_EXTERN const char *mm_bonus_name(MmBonus bonus);

typedef struct MmConfig MmConfig;

/* Returns: (transfer full): a config holding the built-in defaults. Free with
 * mm_config_free(). A config is read-only while matching, so any number of
 * threads may share one; changing it while another thread uses it is a bug. */
MM_EXTERN MmConfig *mm_config_new(void);
MM_EXTERN MmConfig *mm_config_copy(const MmConfig *config);
MM_EXTERN void mm_config_free(MmConfig *config);

/**
 * mm_config_load_file:
 * @config: the config to update; keys absent from the file keep their values.
 * @path: an INI file with groups [weights], [rules] and [objective].
 * @diags: (nullable): receives every problem, as "FILE:LINE: column
 *   weights.KEY: message" (LINE found by reading the file for the key).
 * @error: set when the file cannot be read or has any error.
 *
 * Unknown groups or keys, values that are not numbers (or booleans for
 * require_checks, quality/count for prefer), negative, NaN or infinite
 * weights, weights that are all zero, and out-of-range rules or bonuses are
 * errors; so is version 1's [weights] choice, with a hint naming
 * choice_bonus. On error @config is unchanged.
 *
 * Returns: TRUE on success.
 */
MM_EXTERN gboolean mm_config_load_file(MmConfig *config, const char *path,
                                       MmDiagnostics *diags, GError **error);

/* As mm_config_load_file() for INI text in memory; @source names it in
 * diagnostics. @length may be -1 for NUL-terminated text. */
MM_EXTERN gboolean mm_config_load_data(MmConfig *config, const char *data,
                                       gssize length, const char *source,
                                       MmDiagnostics *diags, GError **error);

/* Sets one weight. Fails (MM_ERROR_INVALID_INPUT) on a negative, NaN or
 * infinite weight, or when it would make every weight zero. */
MM_EXTERN gboolean mm_config_set_weight(MmConfig *config, MmCriterion criterion,
                                        double weight, GError **error);
MM_EXTERN double mm_config_get_weight(const MmConfig *config,
                                      MmCriterion criterion);

/* Rules. Setters fail on values outside their documented range:
 * min_training_hours >= 0; min_age_gap in [0, 50]; max_distance_km > 0;
 * min_score in [0, 100]; all finite. */
MM_EXTERN gboolean mm_config_set_min_training_hours(MmConfig *config,
                                                    double hours, GError **error);
MM_EXTERN double mm_config_get_min_training_hours(const MmConfig *config);
MM_EXTERN void mm_config_set_require_checks(MmConfig *config, gboolean require);
MM_EXTERN gboolean mm_config_get_require_checks(const MmConfig *config);
MM_EXTERN gboolean mm_config_set_min_age_gap(MmConfig *config, int years,
                                             GError **error);
MM_EXTERN int mm_config_get_min_age_gap(const MmConfig *config);
MM_EXTERN gboolean mm_config_set_max_distance_km(MmConfig *config, double km,
                                                 GError **error);
MM_EXTERN double mm_config_get_max_distance_km(const MmConfig *config);
MM_EXTERN gboolean mm_config_set_min_score(MmConfig *config, double score,
                                           GError **error);
MM_EXTERN double mm_config_get_min_score(const MmConfig *config);

/* The objective. */
MM_EXTERN void mm_config_set_prefer(MmConfig *config, MmPrefer prefer);
MM_EXTERN MmPrefer mm_config_get_prefer(const MmConfig *config);
/* Fails (MM_ERROR_INVALID_INPUT) unless @points is a finite number from 0 to
 * MM_BONUS_MAX. */
MM_EXTERN gboolean mm_config_set_bonus(MmConfig *config, MmBonus bonus,
                                       double points, GError **error);
MM_EXTERN double mm_config_get_bonus(const MmConfig *config, MmBonus bonus);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmConfig, mm_config_free)

G_END_DECLS
