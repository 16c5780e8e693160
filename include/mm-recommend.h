/* mm-recommend.h: a shortlist of mentors a young person can choose from (KP3).
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include "mm-common.h"
#include "mm-config.h"
#include "mm-match.h"
#include "mm-pool.h"

G_BEGIN_DECLS

#define MM_DEFAULT_TOP_K 5

typedef struct MmShortlist MmShortlist;

/**
 * mm_recommend:
 * @pool: a prepared pool.
 * @config: weights and rules.
 * @mentee: a mentee index, or -1 for every mentee in input order.
 * @top_k: the most mentors listed per mentee (>= 1).
 *
 * For each mentee, the @top_k eligible mentors (no hard rule broken) with
 * spare capacity: the mentors the young person named first, in the order
 * named, then the best score first, ties by mentor input order. A mentee
 * with no eligible mentor gets an empty list and a reason naming how many
 * mentors each rule excluded. As mm_recommend_with() with no pins.
 *
 * Time: O(n_mentees x n_mentors x W + n_mentees x n_mentors log top_k).
 * Returns: (transfer full): free with mm_shortlist_free().
 */
MM_EXTERN MmShortlist *mm_recommend(const MmPool *pool, const MmConfig *config,
                                    gint mentee, guint top_k);

/* What to recommend: which young people, how many mentors each, which
 * places existing matches keep. Options can grow without breaking callers:
 * they are set through functions. */
typedef struct MmRecommendOptions MmRecommendOptions;

/* Returns: (transfer full): every mentee, MM_DEFAULT_TOP_K mentors, no pins.
 * Free with mm_recommend_options_free(). */
MM_EXTERN MmRecommendOptions *mm_recommend_options_new(void);
MM_EXTERN void mm_recommend_options_free(MmRecommendOptions *options);
/* A mentee index, or -1 for every mentee in input order. */
MM_EXTERN void mm_recommend_options_set_mentee(MmRecommendOptions *options,
                                               gint mentee);
/* The most mentors listed per mentee (>= 1). */
MM_EXTERN void mm_recommend_options_set_top(MmRecommendOptions *options,
                                            guint top_k);
/* (nullable): existing matches, for the pool the shortlist is made from;
 * the places they keep are not offered. Read during mm_recommend_with()
 * only. */
MM_EXTERN void mm_recommend_options_set_pins(MmRecommendOptions *options,
                                             const MmPins *pins);

/* The shortlist the whole pool can honour (recommend --realistic): first the
 * mentor the optimal assignment (with the pins) gives the young person, then
 * the eligible mentors that still have a free place after that assignment,
 * by score. Every young person's first line can be offered at the same
 * time as everyone else's. A young person the assignment leaves unmatched
 * and with no free eligible mentor gets the assignment's reason. */
MM_EXTERN void mm_recommend_options_set_realistic(MmRecommendOptions *options,
                                                  gboolean realistic);

/**
 * mm_recommend_with:
 *
 * As mm_recommend(), with @options; only places not kept by a pin are
 * offered, and a young person whose eligible mentors are all full gets the
 * reason "eligible mentors all taken by existing matches (N)".
 *
 * Returns: (transfer full): free with mm_shortlist_free().
 */
MM_EXTERN MmShortlist *mm_recommend_with(const MmPool *pool,
                                         const MmConfig *config,
                                         const MmRecommendOptions *options);
MM_EXTERN void mm_shortlist_free(MmShortlist *shortlist);

/* Number of mentees listed (1, or every mentee). */
MM_EXTERN guint mm_shortlist_n_mentees(const MmShortlist *shortlist);
/* Mentee index of the i-th listed mentee. */
MM_EXTERN guint mm_shortlist_mentee(const MmShortlist *shortlist, guint i);
/* Number of mentors listed for the i-th mentee (0..top_k). */
MM_EXTERN guint mm_shortlist_length(const MmShortlist *shortlist, guint i);
/* Mentor index and score at @rank (0-based) for the i-th mentee. */
MM_EXTERN guint mm_shortlist_mentor(const MmShortlist *shortlist, guint i,
                                    guint rank);
MM_EXTERN double mm_shortlist_score(const MmShortlist *shortlist, guint i,
                                    guint rank);
/* Returns: (transfer none): why the i-th mentee has no eligible mentor, e.g.
 * "no eligible mentor: 4 must:gender, 2 distance"; NULL when it has some. */
MM_EXTERN const char *mm_shortlist_reason(const MmShortlist *shortlist,
                                          guint i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmShortlist, mm_shortlist_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmRecommendOptions, mm_recommend_options_free)

G_END_DECLS
