/* mm-match.h: assigning mentees to mentors, and existing matches to keep.
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include "mm-common.h"
#include "mm-config.h"
#include "mm-diagnostics.h"
#include "mm-pool.h"

G_BEGIN_DECLS

/**
 * MmMode:
 * @MM_MODE_OPTIMAL: the exact optimum of the config's objective (MmPrefer):
 *   the largest total value of the matched pairs (quality), or the most
 *   mentees matched, then the most at each priority from 3 down to 1, then
 *   the largest total value (count). A primal network simplex on a
 *   min-cost flow with native capacities, on a subset of the pairs, proved
 *   by pricing every eligible pair against its dual prices.
 * @MM_MODE_STABLE: mentee-proposing deferred acceptance with capacities
 *   (Gale-Shapley, hospitals/residents): mentees rank named mentors first,
 *   then by score; mentors by their own side's score; no blocking pair.
 *   O(E log E + E c).
 * @MM_MODE_GREEDY: highest value first; the baseline. O(E log E).
 *
 * In every mode the result then keeps the named-choice guarantee: no young
 * person is left unmatched, or given a mentor they did not name, while one
 * of their named mentors is eligible for them and has a free place (a young
 * person in that position is moved to the first such named mentor; see
 * mm_matching_named_moves()).
 */
typedef enum {
  MM_MODE_OPTIMAL,
  MM_MODE_STABLE,
  MM_MODE_GREEDY,
} MmMode;

/* "optimal", "stable", "greedy"; NULL when out of range. */
MM_EXTERN const char *mm_mode_name(MmMode mode);
MM_EXTERN gboolean mm_mode_from_name(const char *name, MmMode *mode);

/* ---- Pinned pairs: existing matches that are kept (stability, KP7). ---- */

typedef struct MmPins MmPins;

/* Returns: (transfer full): an empty set of pins for @pool (a prepared pool;
 * the pins hold a reference to it). Free with mm_pins_free(). */
MM_EXTERN MmPins *mm_pins_new(const MmPool *pool);
MM_EXTERN void mm_pins_free(MmPins *pins);

/**
 * mm_pins_add:
 * @pins: the pins to add to.
 * @mentee_id: the young person's id in the pool.
 * @mentor_id: the mentor's id in the pool.
 * @source, @line: where the pin came from, for diagnostics.
 * @diags: (nullable): receives every problem found.
 *
 * Keeps the existing match (@mentee_id, @mentor_id). Errors (reported to
 * @diags at @source:@line): an id not in the pool, a mentee pinned twice,
 * more pins on a mentor than its capacity. A pin to a mentor in the young
 * person's previous_mentors (and not named again) is a match that has
 * ended: it is not kept, with a warning. A pin that breaks another hard
 * rule is kept, with a warning given by mm_match() and its flags.
 *
 * Returns: TRUE when the pin was added.
 */
MM_EXTERN gboolean mm_pins_add(MmPins *pins, const char *mentee_id,
                               const char *mentor_id, const char *source,
                               guint line, MmDiagnostics *diags);

/* Reads a CSV with columns mentee_id,mentor_id (any order, other columns
 * warned about and ignored) and adds every row. Returns FALSE (with
 * MM_ERROR_IO or MM_ERROR_INVALID_INPUT) on any error. */
MM_EXTERN gboolean mm_pins_load_csv(MmPins *pins, const char *path,
                                    MmDiagnostics *diags, GError **error);
MM_EXTERN gboolean mm_pins_load_csv_data(MmPins *pins, const char *data,
                                         gsize length, const char *source,
                                         MmDiagnostics *diags, GError **error);

/* Number of pins added so far. */
MM_EXTERN guint mm_pins_length(const MmPins *pins);

/* ---- Matching ---- */

typedef enum {
  MM_STATUS_MATCHED,
  MM_STATUS_PINNED,
  MM_STATUS_UNMATCHED,
} MmMatchStatus;

/* "matched", "pinned", "unmatched". */
MM_EXTERN const char *mm_match_status_name(MmMatchStatus status);

typedef struct MmMatching MmMatching;

/* Called from the calling thread with the fraction of work done (0..1). */
typedef void (*MmProgressFunc)(double fraction, gpointer user_data);

/* How to match: the mode, existing matches to keep, scoring threads and a
 * progress callback. Options can grow without breaking callers: they are
 * set through functions. */
typedef struct MmMatchOptions MmMatchOptions;

/* Returns: (transfer full): mode optimal, no pins, one scoring thread per
 * core, no progress. Free with mm_match_options_free(). */
MM_EXTERN MmMatchOptions *mm_match_options_new(void);
MM_EXTERN void mm_match_options_free(MmMatchOptions *options);
MM_EXTERN void mm_match_options_set_mode(MmMatchOptions *options, MmMode mode);
/* (nullable): existing matches to keep, made for the pool that is matched;
 * read during mm_match() only. */
MM_EXTERN void mm_match_options_set_pins(MmMatchOptions *options,
                                         const MmPins *pins);
/* Scoring threads; 0 = one per core. The result is the same whatever the
 * count. */
MM_EXTERN void mm_match_options_set_threads(MmMatchOptions *options,
                                            guint n_threads);
/* (nullable): called from the calling thread with the fraction of scoring
 * done (0..1), with @user_data. */
MM_EXTERN void mm_match_options_set_progress(MmMatchOptions *options,
                                             MmProgressFunc progress,
                                             gpointer user_data);

/**
 * mm_match:
 * @pool: a prepared pool.
 * @config: weights and rules.
 * @options: (nullable): NULL for mm_match_options_new()'s.
 * @diags: (nullable): receives a warning for each pin that breaks a hard rule.
 *
 * Scores every pair (on several threads), keeps pinned pairs (they use
 * capacity), and assigns the other mentees with the chosen mode. Every
 * mentee appears in the result exactly once: matched, pinned, or unmatched
 * with a reason a coordinator can act on. The result is the same whatever
 * the thread count; ties break by input order.
 *
 * Time: scoring O(n_mentees x n_mentors), then the mode's solver (MmMode).
 * Memory: O(eligible pairs).
 * Returns: (transfer full): free with mm_matching_free(). The matching holds
 * a reference to @pool and a copy of @config, so either may be freed first;
 * @options (and its pins) are read during the call only.
 */
MM_EXTERN MmMatching *mm_match(const MmPool *pool, const MmConfig *config,
                               const MmMatchOptions *options,
                               MmDiagnostics *diags);
MM_EXTERN void mm_matching_free(MmMatching *matching);

/* One row per mentee, in input order. */
MM_EXTERN MmMatchStatus mm_matching_status(const MmMatching *matching,
                                           guint mentee);
/* Mentor index, or -1 when unmatched. */
MM_EXTERN gint mm_matching_mentor(const MmMatching *matching, guint mentee);
/* The pair's score (rounded to 0.01, exactly as the solver used it); 0 when
 * unmatched. */
MM_EXTERN double mm_matching_score(const MmMatching *matching, guint mentee);
/* The pair's value (docs/matching.md; exactly as the solver
 * used it, in hundredths); 0 when unmatched. */
MM_EXTERN double mm_matching_value(const MmMatching *matching, guint mentee);
/**
 * mm_matching_flags:
 *
 * What a coordinator or safeguarding lead must review about the mentee's
 * matched or pinned pair (the contract (docs/), column `flags`): `breaks:RULE` for each
 * hard rule a pinned pair breaks (`breaks:checks`, `breaks:excluded`, ...),
 * `missed:PREF` for each stated preference not met (`missed:gender`, ...),
 * `named-choice-missed`, `no-common-language`, `no-common-time` and
 * `not-recorded:FIELD` (`not-recorded:location`, ...), in that order.
 *
 * Returns: (transfer full): a NULL-terminated list, empty when unmatched or
 * nothing needs review; free with g_strfreev().
 */
MM_EXTERN char **mm_matching_flags(const MmMatching *matching, guint mentee);

/* Returns: (transfer none): why the mentee is unmatched (and, when they
 * named mentors, why each was not given: "; named M3: full (held by Y4)",
 * "; named M5: not eligible (checks)"); NULL otherwise. */
MM_EXTERN const char *mm_matching_reason(const MmMatching *matching,
                                         guint mentee);

/* The eligible pairs of a mentee (every hard rule passed, capacity aside),
 * with the scores the solver used, in mentor order; the row is scored again
 * on demand. To read every mentee's, mm_eligible_rows_foreach() is faster
 * and needs no matching. */
MM_EXTERN guint mm_matching_n_candidates(const MmMatching *matching,
                                         guint mentee);
MM_EXTERN void mm_matching_candidate(const MmMatching *matching, guint mentee,
                                     guint k, guint *mentor, double *score);

/**
 * MmEligibleRowFunc:
 * @mentee: the young person's index.
 * @mentors: (array length=n): their eligible mentors, in mentor order.
 * @scores: (array length=n): each pair's score, rounded to 0.01 as the
 *   solver uses it (what mm_matching_candidate() gives).
 * @n: how many; 0 when no mentor is eligible.
 * @user_data: as given to mm_eligible_rows_foreach().
 *
 * The arrays are valid during the call only.
 *
 * Returns: TRUE to go on, FALSE to stop.
 */
typedef gboolean (*MmEligibleRowFunc)(guint mentee, const guint *mentors,
                                      const double *scores, guint n,
                                      gpointer user_data);

/**
 * mm_eligible_rows_foreach:
 * @pool: a prepared pool.
 * @config: weights and rules.
 * @n_threads: scoring threads; 0 = one per core.
 * @func: called once per mentee, in input order, from the calling thread.
 * @user_data: passed to @func.
 *
 * Every eligible pair (every hard rule passed, capacity aside: the pairs
 * mm_matching_candidate() lists, whatever the pins), one young person's row
 * at a time, without holding the score matrix: rows are scored in blocks on
 * @n_threads threads, which run at most a few blocks ahead of @func, so
 * memory stays bounded however many pairs there are (--dump-scores writes
 * them this way). The rows are the same whatever the thread count.
 *
 * Time: O(n_mentees x mentors within reach), as mm_match()'s scoring.
 * Returns: TRUE when every row was handed to @func, FALSE when @func
 * returned FALSE (even for the last row); it is then called no more.
 */
MM_EXTERN gboolean mm_eligible_rows_foreach(const MmPool *pool,
                                            const MmConfig *config,
                                            guint n_threads,
                                            MmEligibleRowFunc func,
                                            gpointer user_data);

/* ---- Summary over all mentees: one function per figure, so that figures
 * can be added without breaking callers. ---- */

/* Mentees in the matching (every mentee of the pool). */
MM_EXTERN guint mm_matching_n_mentees(const MmMatching *matching);
/* Mentees with @status: MM_STATUS_MATCHED counts those the solver matched,
 * MM_STATUS_PINNED the existing matches kept; the three add up to
 * mm_matching_n_mentees(). */
MM_EXTERN guint mm_matching_count(const MmMatching *matching,
                                  MmMatchStatus status);
/* The mean score over matched and pinned pairs, mm_figure_round()ed; 0 if
 * none. */
MM_EXTERN double mm_matching_mean_score(const MmMatching *matching);
/* Stated preferences (the contract (docs/)) of the matched and pinned
 * mentees, and how many of them their pair meets. */
MM_EXTERN guint mm_matching_preferences_stated(const MmMatching *matching);
MM_EXTERN guint mm_matching_preferences_met(const MmMatching *matching);
/* Optimal mode: the optimality certificate. The candidate problem was
 * solved mm_matching_pricing_rounds() times, and after each solve every
 * eligible pair was checked against its dual prices
 * (mm_matching_pairs_priced() in all); the last round found none that could
 * improve the result. 0 for other modes. */
MM_EXTERN guint mm_matching_pricing_rounds(const MmMatching *matching);
MM_EXTERN guint64 mm_matching_pairs_priced(const MmMatching *matching);
/* Young people the named-choice guarantee moved to a named mentor after the
 * solver (see MmMode). */
MM_EXTERN guint mm_matching_named_moves(const MmMatching *matching);

/**
 * mm_matching_pricing_round:
 * @round: 0 .. mm_matching_pricing_rounds() - 1, in the order run.
 * @pairs_priced: (out) (optional): eligible pairs that round checked against
 *   the duals (pairs that a bound on the row proves cannot price out are not
 *   counted).
 * @pairs_added: (out) (optional): pairs that priced out and were added to
 *   the candidates for the next round; 0 in the last round, whose pass found
 *   none: the optimality certificate.
 *
 * The rounds' pairs_priced add up to mm_matching_pairs_priced().
 */
MM_EXTERN void mm_matching_pricing_round(const MmMatching *matching,
                                         guint round, guint64 *pairs_priced,
                                         guint64 *pairs_added);

/* ---- Validation: what loading alone cannot see ---- */

/**
 * mm_validate:
 * @pool: a prepared pool.
 * @config: (nullable): weights and rules; NULL for the built-in defaults.
 * @pins: (nullable): existing matches of @pool to check too.
 * @diags: receives the warnings.
 *
 * Adds a warning (never an error: the data can still be matched) to @diags
 * for each problem the hard rules make out of valid data:
 * - at a young person's row, column preferred_mentors, for each named mentor
 *   not eligible for them, naming every rule the pair breaks ("named mentor
 *   M2 is not eligible for YP1: checks, min_score");
 * - at a mentor's row, for a mentor who can never be matched: checks not
 *   cleared while @config requires them (column checks_cleared), training
 *   hours below the minimum (column training_hours), or a natural mentor
 *   whom no young person named (column mentor_type);
 * - at a pin's source and line, column mentor_id, for each pin that breaks a
 *   hard rule, in the words mm_match() uses for it.
 * Young people first, in input order, then mentors, then pins. Nothing is
 * allocated that the caller must free; @diags owns what it receives.
 *
 * Time: one pair evaluation (mm_explain_pair()) per named mentor and per
 * pin, plus O(mentees + mentors).
 */
MM_EXTERN void mm_validate(const MmPool *pool, const MmConfig *config,
                           const MmPins *pins, MmDiagnostics *diags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmPins, mm_pins_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmMatching, mm_matching_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmMatchOptions, mm_match_options_free)

G_END_DECLS
