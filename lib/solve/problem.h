/* problem.h: the assignment problem the solvers see (internal).
 *
 * Solvers never see CSV, tokens or people: only candidate lists of eligible
 * pairs with integer values, mentor capacities, mentee priorities and which
 * objective to follow. A pair's value (value.h: its score, its choice and
 * waiting terms and, under prefer = quality, the priority and match
 * bonuses) is an integer of hundredths of a point, so that every comparison
 * the solvers make is exact. */
#pragma once

#include <glib.h>

#include "units.h"

typedef struct {
  guint n_mentees;
  guint n_mentors;
  /* Candidate lists in CSR form: mentee i's eligible mentors are
   * mentor[row_start[i] .. row_start[i+1]) with value[...] in units, in
   * increasing mentor index. */
  guint *row_start; /* n_mentees + 1 */
  guint *mentor;
  gint32 *value;
  /* The objective (docs/matching.md): FALSE, the largest total value
   * (prefer = quality); TRUE, the most matched, then the most at each
   * priority from 3 down, then the largest total value (prefer = count). */
  gboolean count_first;
  gint32 value_max; /* no pair's value exceeds it */
  guint *capacity;  /* n_mentors: places left (pinned pairs already taken) */
  guint8 *priority; /* n_mentees: 0..MM_MAX_PRIORITY */
  gboolean *active; /* n_mentees: FALSE for a mentee kept by a pin */
  /* For the stable mode only (NULL otherwise), per candidate pair:
   * named_place: 0-based place of the mentor in the mentee's
   * preferred_mentors, or MM_NOT_NAMED; mentor_score: the pair's score seen
   * from the mentor's side, in units. */
  gint32 *named_place;
  gint32 *mentor_score;
} MmProblem;

#define MM_NOT_NAMED G_MAXINT32

/* Builds a problem from a dense value matrix (tests and small callers):
 * value_units[i * n_mentors + j] < 0 marks an ineligible pair. The objective
 * is count-first with values up to MM_SCORE_UNITS_MAX; set count_first and
 * value_max after for others. Pass NULL @active for all active. Free with
 * mm_i_problem_free(). */
MmProblem *mm_i_problem_new_dense(guint n_mentees, guint n_mentors,
                                const gint32 *value_units,
                                const guint *capacity, const guint8 *priority,
                                const gboolean *active);
void mm_i_problem_free(MmProblem *problem);

/* The objective of the contract (docs/) for an assignment (mentor_of[i] = mentor index or
 * -1): count-first, compared lexicographically (matched count, then matched
 * count per priority from highest to lowest, then total value units), else
 * the total value alone. Only active mentees count. */
typedef struct {
  gboolean count_first;
  guint matched;
  guint matched_by_priority[MM_MAX_PRIORITY + 1];
  gint64 total_value;
} MmObjective;

MmObjective mm_i_objective_of(const MmProblem *problem, const gint *mentor_of);
/* <0, 0, >0 as a is worse than, equal to, better than b. */
int mm_i_objective_compare(const MmObjective *a, const MmObjective *b);
/* Value units of pair (i, j), or -1 when it is not a candidate. */
gint32 mm_i_problem_value(const MmProblem *problem, guint mentee, guint mentor);

/* Exact path costs of the optimal solver: count-first's three objective
 * levels are folded into one integer that exceeds 64 bits for national
 * pools. */
__extension__ typedef __int128 MmCost;

/* Node potentials (dual prices) at the optimum, with the sink's fixed at 0:
 * every pair (i, j) not used satisfies
 *   value(i, j) <= mentee[i] - mentor[j]
 * (its reduced cost is non-negative), which is what proves optimality. */
typedef struct {
  MmCost *mentee; /* n_mentees; meaningless for inactive mentees */
  MmCost *mentor; /* n_mentors */
} MmDuals;

void mm_i_duals_free(MmDuals *duals);
/* Replaces optimal @duals of @problem (proving @mentor_of) by the lowest
 * prices that prove it: every mentor's potential as high as any proof
 * allows, so every matched mentee's too (duals.c). Mentors without places
 * keep theirs. Any two optimal solves of one problem end with the same
 * least prices. */
void mm_i_duals_least_prices(const MmProblem *problem, const gint *mentor_of,
                             MmDuals *duals);

/* The optimal mode's problem as one minimum-cost flow. Each mentee takes at
 * most one mentor, mentor j at most capacity[j] mentees, only candidate
 * pairs may be used; the objective (docs/matching.md) is one of two:
 * - quality (count_first FALSE): the largest total value of the matched
 *   pairs;
 * - count (count_first TRUE), compared lexicographically: (1) most mentees
 *   matched, (2) then most matched at priority 3, then 2, then 1, (3) then
 *   the largest total value.
 * The network: a node per active mentee (supply 1), per mentor and the
 * sink (demand: the active mentees); an arc mentee -> mentor per candidate
 * pair (cost -value), mentor -> sink (capacity: the mentor's places, cost
 * 0), and mentee -> sink, the "outlet", whose cost is the penalty of
 * leaving the mentee unmatched, so the problem is always feasible and no
 * dummy mentor is needed. Under quality the penalty is 0, so the flow of
 * least cost is the assignment of largest total value. Under count,
 * leaving mentee i unmatched costs C + B[priority_i], with B[p+1] > n *
 * B[p] + n * S and C > n * (B[3] + S) (S the largest value, n the active
 * mentees), so no change at a lower level can outweigh one at a higher
 * level. These exceed 64 bits for national pools, hence 128-bit costs. The
 * outlet costs depend only on the mentee, so both objectives are proved by
 * the same potentials and the same pricing pass (solve-priced.c).
 * mm_i_outlet_penalties() gives the penalty per priority. */
void mm_i_outlet_penalties(const MmProblem *problem,
                           MmCost penalty_by_priority[MM_MAX_PRIORITY + 1]);

/* The optimal solver of the optimal mode and the plan: a primal network
 * simplex (solve-simplex.c), kept between rounds of a priced solve; 5 to
 * 10 times faster than successive shortest paths on the priced solve
 * (bench/RESULTS.md; that solver is now the tests' reference,
 * tests/reference/shortest-paths.h). */
typedef struct MmSimplexSolver MmSimplexSolver;

/* Solves @problem from scratch. @problem must outlive the solver, or be
 * handed again to mm_i_simplex_solver_update(). */
MmSimplexSolver *mm_i_simplex_solver_new(const MmProblem *problem);
/* Solves @problem again after pairs were added to it (mm_i_candidates_add():
 * the same mentees, mentors and capacities), from the last basis: the pairs
 * added enter as non-basic arcs at flow 0, so it never starts from scratch.
 * Returns the pivots it made (0: the last solution is still optimal). */
guint64 mm_i_simplex_solver_update(MmSimplexSolver *solver,
                                   const MmProblem *problem);
/* The pivots made so far, from the first solve on. */
guint64 mm_i_simplex_solver_pivots(const MmSimplexSolver *solver);
void mm_i_simplex_solver_result(const MmSimplexSolver *solver,
                                gint *mentor_of, MmDuals *duals);
void mm_i_simplex_solver_free(MmSimplexSolver *solver);

/* ---- the priced optimal solve (solve-priced.c) ---- */

/* A candidate pair. */
typedef struct {
  guint mentee;
  guint mentor;
  gint32 value; /* units */
} MmCandidate;

/* A pair left out that prices out: profit = value - (pot_i - pot_j) > 0. */
typedef struct {
  MmCandidate pair;
  MmCost profit;
} MmViolation;

/* One round of a priced solve: a sparse solve, then a pricing pass. */
typedef struct {
  guint64 pairs_priced;  /* pairs the pass checked against the duals */
  guint64 pairs_added;   /* pairs that priced out and were added (0: the
                            round that certified the result) */
  gsize candidates;      /* pairs in the sparse problem solved */
  guint64 pivots;        /* simplex pivots of the solve (in a warm one,
                            most are degenerate: prices move, flows not) */
  /* CPU time of the whole process (every thread) spent, for the bench:
   * unlike the wall clock, it does not count time lost to other
   * processes on a shared machine */
  gint64 solve_usec, price_usec;
} MmPricingRound;

/* The process's CPU time so far, in microseconds (0 if unknown). */
gint64 mm_i_cpu_usec(void);

/* How a priced solve went. */
typedef struct {
  guint rounds;          /* sparse solves, the last one certified */
  gsize candidates;      /* pairs in the last sparse problem */
  guint64 pairs_priced;  /* pairs checked against the duals, all rounds */
  gsize pairs_added;     /* pairs that priced out and were added */
  GArray *round;         /* MmPricingRound, one per round; owned by the
                            caller (g_array_unref()) */
} MmPricing;

/* One pricing pass over every active row. */
typedef struct {
  const MmProblem *candidates;
  const MmDuals *duals;
  guint per_mentee;
  /* out: for each mentee, the @per_mentee pairs outside the candidates
   * that price out furthest (MmCandidate, appended; ties by mentor index) */
  GArray *found;
  guint64 priced; /* pairs checked, added to */
} MmPriceRequest;

/* Checks every pair of the full problem against the request's duals and
 * returns how many outside the candidates price out (0 is the optimality
 * certificate). */
typedef gsize (*MmPriceFunc)(gpointer data, MmPriceRequest *request);

/* Solves @candidates (extended in place with the pairs the pricer finds)
 * until a pricing pass finds no pair that could improve the result; then
 * @mentor_of is optimal for the full problem the pricer sees. */
void mm_i_solve_optimal_priced(MmProblem *candidates, MmPriceFunc price,
                             gpointer price_data, guint per_mentee,
                             gint *mentor_of, MmPricing *pricing);

/* An empty candidate problem with @shape's mentees, mentors, capacities,
 * priorities, active flags and objective. Free with mm_i_problem_free(). */
MmProblem *mm_i_candidates_new(const MmProblem *shape);
/* Adds pairs (any order; pairs already present are skipped), keeping each
 * row in mentor order. */
void mm_i_candidates_add(MmProblem *candidates, const MmCandidate *pairs,
                       gsize n);
/* Marks row @mentee's candidate mentors in @mark (n_mentors entries) with
 * @mentee + 1, for mm_i_price_row(). */
void mm_i_candidates_mark(const MmProblem *candidates, guint mentee,
                        guint *mark);
/* The first candidates of a full problem: each active mentee's @k best
 * pairs and each mentor's best @per_place x (capacity + 1)
 * (mm_i_mentor_tops_new()). */
MmProblem *mm_i_candidates_from_full(const MmProblem *full, guint k,
                                   guint per_place);
/* A pricer over a full problem (@data is the full MmProblem). */
gsize mm_i_price_full(gpointer full_problem, MmPriceRequest *request);
/* Prices the pairs of @mentee among (@mentor[k], @value[k]), k < @n, for
 * @request: returns how many are not candidates (@mark, from
 * mm_i_candidates_mark()) and price out, and appends to request->found the
 * per_mentee of those that price out furthest. @best (room for per_mentee)
 * is scratch. Shared by every pricer. */
gsize mm_i_price_row(MmPriceRequest *request, guint mentee, const guint *mentor,
                   const gint32 *value, guint n, const guint *mark,
                   MmViolation *best);
/* The smallest reduced cost pot[@mentee] - pot[j] - value (>= 0) of the
 * pairs among (@mentor[k], @value[k]) that are not candidates (@mark) and do
 * not price out; MM_COST_MAX when there is none. */
MmCost mm_i_price_row_slack(const MmPriceRequest *request, guint mentee,
                          const guint *mentor, const gint32 *value, guint n,
                          const guint *mark);

#define MM_COST_MAX (__extension__(MmCost)(~(unsigned __int128)0 >> 1))

/* A pair's rank among pairs that share a mentee, or a mentor: its value
 * first, then the other side's index, smaller first, as one number (larger
 * is better), so that the best-few lists below compare in one step. */
static inline guint64 mm_i_rank_key(gint32 value, guint other) {
  return ((guint64)((guint32)value ^ 0x80000000u) << 32) | (guint32)~other;
}
static inline gint32 mm_i_rank_key_value(guint64 key) {
  return (gint32)((guint32)(key >> 32) ^ 0x80000000u);
}
static inline guint mm_i_rank_key_other(guint64 key) {
  return ~(guint32)key;
}

/* The @k best of @n pairs of one mentee (value, then mentor), appended to
 * @out, best first. */
void mm_i_row_top(const MmCandidate *row, guint n, guint k, GArray *out);

/* Pairs kept per place (and one more place) of each mentor. A mentor many
 * young people compete for gets its price from the best of those left
 * without it: with them among the first candidates, prices start near their
 * final values. Measured on the generated 100000 x 20000 pool: 2 took 11
 * pricing rounds, 8 took 8, 12 took 7 (and fewer candidates in the end);
 * 16 no fewer. */
#ifndef MM_MENTOR_TOP_PER_PLACE
#define MM_MENTOR_TOP_PER_PLACE 12
#endif

/* Each mentor's best @per_place x (capacity + 1) pairs offered so far
 * (@per_place >= 1: MM_MENTOR_TOP_PER_PLACE but in tests), by value, then
 * mentee. */
typedef struct {
  guint n_mentors;
  guint *start; /* n_mentors + 1 */
  guint *len;
  guint64 *key;   /* per mentor, a heap of mm_i_rank_key() (solve-priced.c) */
  guint64 *floor; /* per mentor: the worst kept key once full, else 0 */
} MmMentorTops;

MmMentorTops *mm_i_mentor_tops_new(const guint *capacity, guint n_mentors,
                                  guint per_place);
void mm_i_mentor_tops_free(MmMentorTops *tops);
/* Keeps @key if it beats @mentor's worst kept (solve-priced.c). */
void mm_i_mentor_tops_insert(MmMentorTops *tops, guint mentor, guint64 key);
/* Offers @pair to its mentor's list. Inline: of the millions of pairs a
 * scoring pass offers, most fall below a full list, and one compare in a
 * small array tells, without reading the list or making a call. */
static inline void mm_i_mentor_tops_offer(MmMentorTops *tops,
                                          const MmCandidate *pair) {
  guint64 key = mm_i_rank_key(pair->value, pair->mentee);
  if (key >= tops->floor[pair->mentor])
    mm_i_mentor_tops_insert(tops, pair->mentor, key);
}
/* Offers every pair of @from to @into: the result does not depend on how
 * pairs were shared out between lists. */
void mm_i_mentor_tops_merge(MmMentorTops *into, const MmMentorTops *from);
/* Appends every kept pair to @out (MmCandidate), each mentor's best
 * first. Leaves the lists in that order: offer nothing after. */
void mm_i_mentor_tops_collect(MmMentorTops *tops, GArray *out);

void mm_i_solve_greedy(const MmProblem *problem, gint *mentor_of);
/* Needs named_place and mentor_score. */
void mm_i_solve_stable(const MmProblem *problem, gint *mentor_of);

/* Whether mentee @mentee ranks candidate edge @a above edge @b (stable mode):
 * named mentors first in the order named, then higher value (among mentors
 * not named, the same order as by score: their extras are the row's), then
 * earlier mentor. */
gboolean mm_i_mentee_prefers(const MmProblem *problem, guint a, guint b);
/* Whether a mentor ranks the mentee of edge @a above that of edge @b:
 * higher mentor-side score, then earlier mentee. */
gboolean mm_i_mentor_prefers(const MmProblem *problem, guint a, guint a_mentee,
                           guint b, guint b_mentee);
