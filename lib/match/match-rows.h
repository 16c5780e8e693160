/* match-rows.h: passes over the rows of the score matrix, shared out between
 * threads (internal).
 *
 * The matrix (every mentee against every mentor) is never held: each pass
 * scores rows one at a time and keeps only what it needs. Rows go to
 * threads in blocks; every result is stored by row index or merged by a
 * total order, so nothing depends on which thread did what. */
#pragma once

#include "pool-private.h"
#include "problem.h"

/* What the optimal mode's pricer knows of each row (below). */
typedef struct MmPriceMemory MmPriceMemory;

/* What the reasons and the pricer need of a row. */
typedef struct {
  guint n_eligible;   /* pairs that pass every hard rule */
  gint best_mentor;   /* eligible mentor of the best value (first on ties),
                         or -1 */
  gint32 best_value;  /* its value units (value.h) */
  gint32 best_score;  /* its score units */
} MmRowSummary;

/* The eligible pairs of one row into @mentor / @units (n_mentors each), in
 * score units, using @scores / @broken as scratch. Returns how many. Only
 * the mentors of @among[0..n_among) are looked at (in that order) when
 * @among is given; otherwise all, in mentor order. */
guint mm_i_row_eligible(const MmPool *pool, const MmConfig *config, guint mentee,
                      const guint *among, guint n_among, double *scores,
                      guint32 *broken, guint *mentor, gint32 *units);

/* One thread's buffers for scoring a row with mm_i_row_eligible(), each
 * room for every mentor: the scores and broken rules it fills, then the
 * eligible mentors and their score (and value) units; @among, the mentors
 * the row looks at. */
typedef struct {
  double *scores;
  guint32 *broken;
  guint *mentor;
  gint32 *units;
  gint32 *values;
  guint *among;
} MmRowBuffers;

void mm_i_row_buffers_init(MmRowBuffers *b, guint n_mentors);
void mm_i_row_buffers_clear(MmRowBuffers *b);

/* The mentors some pair can be eligible with: those whose safeguarding
 * checks and training pass (rules that read only the mentor and the
 * config), in mentor order; their number in @n_open. Passes that want
 * eligible pairs score only these: a tenth to a fifth of a real pool is
 * waiting on checks or training. Free with g_free(). */
guint *mm_i_open_mentors(const MmPool *pool, const MmConfig *config,
                         guint *n_open);

/* Row summary from a row's @n eligible pairs (@mentor, their scores and
 * values in units, in no set order): how many, and the pair of the best
 * value (the first mentor on ties). One rule for mm_i_rows_score() and the
 * bounded lists of stable and greedy (match-stream.c). */
void mm_i_row_summarise(const guint *mentor, const gint32 *score_units,
                        const gint32 *value_units, guint n,
                        MmRowSummary *summary);

/**
 * mm_i_rows_score:
 * @problem: mentees, mentors, capacities, active flags and objective set,
 *   no pairs yet; receives the pairs kept, with their values (value.h).
 * @k: 0 keeps every eligible pair of each active mentee; otherwise its @k
 *   best and every mentor it named, plus each mentor's best
 *   MM_MENTOR_TOP_PER_PLACE x (capacity + 1) (the optimal mode's first
 *   candidates; named mentors are kept so that the named-choice guarantee
 *   can see them, match.c).
 *
 * Scores every row once, against the mentors whose checks and training let
 * them be eligible at all and who live within reach (mentor-reach.h),
 * filling @summaries (n_mentees) for every mentee. Rows kept whole (@k 0)
 * are in mentor order. With @memory (only when @k > 0), seeds the pricer's
 * memory with each active row's best pairs (MmPriceMemory). Time:
 * O(n_mentees x mentors within reach) over @n_threads threads (0: one per
 * core).
 */
void mm_i_rows_score(const MmPool *pool, const MmConfig *config,
                   MmProblem *problem, guint k, guint n_threads,
                   MmProgressFunc progress, gpointer progress_data,
                   MmRowSummary *summaries, MmPriceMemory *memory);

/* The optimal mode's pricer (an MmPriceFunc with an MmRowPricer as data):
 * pricing every active row against the duals, scoring again only what it
 * must. A pair (i, j) can price out only if value(i, j) > pot[i] - pot[j].
 * Its memory, seeded by mm_i_rows_score(), keeps each row's eligible
 * mentors (so that mentors who fail a rule are never scored again), within
 * a budget their scores (MM_PRICE_SCORE_BUDGET), and its best pairs with
 * their values (priced from memory), and a ceiling: no other pair of the
 * row has a value above it. So each row scores again (or looks up) only
 * the eligible mentors whose potential exceeds pot[i] - its ceiling: the
 * others are priced by that bound.
 * Potentials keep priority classes far apart, so a row meets few mentors. */
typedef struct {
  const MmPool *pool;
  const MmConfig *config;
  guint n_threads;
  const MmRowSummary *rows; /* mm_i_rows_score()'s, for every mentee */
  /* from mm_i_price_memory_new(), seeded by mm_i_rows_score() (required);
   * it also keeps what the last pass learnt of each row, so that the next
   * one rescores only rows whose prices moved enough to matter */
  MmPriceMemory *memory;
} MmRowPricer;

/* Rows priced by a pass are remembered with their duals and the smallest
 * reduced cost of the pairs it scored again and left out (their slack). A
 * later pass can skip scoring row i, exactly, when none of those pairs can
 * price out: every reduced cost pot[i] - pot[j] - value(i, j) moves by
 * exactly the change in
 * pot[i] less the change in pot[j], so a pair rescored last time (a mentor
 * above the row's bound then) still has a non-negative one when the slack
 * outweighs that change; a mentor newly above the bound needs the row
 * rescored. A row whose last pass found more violated pairs than were added
 * is always rescored. @known_per_row: see MM_PRICE_KNOWN_PER_ROW (tests use
 * fewer). */
MmPriceMemory *mm_i_price_memory_new(guint n_mentees, guint known_per_row,
                                     gsize score_budget);
void mm_i_price_memory_free(MmPriceMemory *memory);

/* Pairs of each row whose values the memory keeps (the row's best, from the
 * scoring pass; 8 bytes each): they are priced from memory every pass, and
 * only mentors whose potential beats the row's ceiling (the best value left
 * out) are scored again. Measured on generate's 100000 x 20000 pool, CPU of
 * all pricing passes, median of 3: 16 pairs 6.03 s, 32 pairs 5.37 s (and
 * 64, one run, 5.12 s for 25 MB more). At most 255. */
#define MM_PRICE_KNOWN_PER_ROW 32

/* The bytes the memory may spend keeping eligible pairs' scores (2 bytes a
 * pair; rows as they come, each whole or not at all): a row with its scores
 * kept is priced by looking them up, where one without is scored again.
 * 32 MiB holds every pair of 20000 x 8000 (11 M) and an eighth of a
 * national pool's (128 M, whose peak stays under 512 MiB: 438 MiB). */
#ifndef MM_PRICE_SCORE_BUDGET
#define MM_PRICE_SCORE_BUDGET (32 * 1024 * 1024)
#endif

gsize mm_i_rows_price(gpointer row_pricer, MmPriceRequest *request);
