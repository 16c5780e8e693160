/* problem.h: the assignment problem the solvers see (internal).
 *
 * Solvers never see CSV, tokens or people: only candidate lists of eligible
 * pairs with integer scores, mentor capacities and mentee priorities. Scores
 * are integers (hundredths of a point, 0..MM_SCORE_SCALE * 100) so that every
 * comparison the solvers make is exact. */
#pragma once

#include <glib.h>

/* Scores are held as hundredths of a point: 87.25 -> 8725. */
#define MM_SCORE_SCALE 100
#define MM_SCORE_UNITS_MAX (100 * MM_SCORE_SCALE)
#define MM_MAX_PRIORITY 3

typedef struct {
  guint n_mentees;
  guint n_mentors;
  /* Candidate lists in CSR form: mentee i's eligible mentors are
   * mentor[row_start[i] .. row_start[i+1]) with score[...] in score units,
   * in increasing mentor index. */
  guint *row_start; /* n_mentees + 1 */
  guint *mentor;
  gint32 *score;
  guint *capacity;  /* n_mentors: places left (pinned pairs already taken) */
  guint8 *priority; /* n_mentees: 0..MM_MAX_PRIORITY */
  gboolean *active; /* n_mentees: FALSE for a mentee kept by a pin */
  /* For the stable mode only (NULL otherwise), per candidate pair:
   * named_place: 0-based place of the mentor in the mentee's
   * preferred_mentors, or MM_NOT_NAMED; mentor_score: the pair's score seen
   * from the mentor's side, in score units. */
  gint32 *named_place;
  gint32 *mentor_score;
} MmProblem;

#define MM_NOT_NAMED G_MAXINT32

/* Converts a score in points to score units, rounding half away from zero. */
gint32 mm_score_to_units(double score);

/* Builds a problem from a dense score matrix (tests and small callers):
 * score_units[i * n_mentors + j] < 0 marks an ineligible pair.
 * Pass NULL @active for all active. Free with mm_problem_free(). */
MmProblem *mm_problem_new_dense(guint n_mentees, guint n_mentors,
                                const gint32 *score_units,
                                const guint *capacity, const guint8 *priority,
                                const gboolean *active);
void mm_problem_free(MmProblem *problem);

/* The objective of SPEC.md for an assignment (mentor_of[i] = mentor index or
 * -1), compared lexicographically: matched count, then matched count per
 * priority from highest to lowest, then total score units. Only active
 * mentees count. */
typedef struct {
  guint matched;
  guint matched_by_priority[MM_MAX_PRIORITY + 1];
  gint64 total_score;
} MmObjective;

MmObjective mm_objective_of(const MmProblem *problem, const gint *mentor_of);
/* <0, 0, >0 as a is worse than, equal to, better than b. */
int mm_objective_compare(const MmObjective *a, const MmObjective *b);
/* Score units of pair (i, j), or -1 when it is not a candidate. */
gint32 mm_problem_score(const MmProblem *problem, guint mentee, guint mentor);

/* Exact path costs of the optimal solver: the three objective levels are
 * folded into one integer that exceeds 64 bits for national pools. */
__extension__ typedef __int128 MmCost;

/* Node potentials (dual prices) at the optimum, with the sink's fixed at 0:
 * every pair (i, j) not used satisfies
 *   score(i, j) <= mentee[i] - mentor[j]
 * (its reduced cost is non-negative), which is what proves optimality. */
typedef struct {
  MmCost *mentee; /* n_mentees; meaningless for inactive mentees */
  MmCost *mentor; /* n_mentors */
} MmDuals;

void mm_duals_free(MmDuals *duals);

/* Each solver fills mentor_of[n_mentees] (-1 = unmatched; inactive mentees
 * are left -1) respecting capacities and candidate lists. */
void mm_solve_optimal(const MmProblem *problem, gint *mentor_of);
/* As mm_solve_optimal(), also handing out the final potentials (@duals'
 * arrays are allocated here; free with mm_duals_free()). */
void mm_solve_optimal_duals(const MmProblem *problem, gint *mentor_of,
                            MmDuals *duals);

/* How a priced solve went (solve-priced.c). */
typedef struct {
  guint rounds;          /* sparse solves, the last one certified */
  gsize candidates;      /* pairs in the last sparse problem */
  gsize pairs_priced;    /* pairs checked against the duals, all rounds */
  gsize pairs_added;     /* pairs found to price out and added */
} MmPricing;

/* The optimum of the full @problem found on a small candidate subset (the
 * @k best mentors of each mentee and the best mentees of each mentor), then
 * proved optimal by pricing every pair of @problem against the subset's
 * duals; pairs that price out are added and the subset re-solved until none
 * does. The result reaches the same objective as mm_solve_optimal(). */
void mm_solve_optimal_priced(const MmProblem *problem, guint k,
                             gint *mentor_of, MmPricing *pricing);
void mm_solve_greedy(const MmProblem *problem, gint *mentor_of);
/* Needs named_place and mentor_score. */
void mm_solve_stable(const MmProblem *problem, gint *mentor_of);

/* Whether mentee @mentee ranks candidate edge @a above edge @b (stable mode):
 * named mentors first in the order named, then higher score, then earlier
 * mentor. */
gboolean mm_mentee_prefers(const MmProblem *problem, guint a, guint b);
/* Whether a mentor ranks the mentee of edge @a above that of edge @b:
 * higher mentor-side score, then earlier mentee. */
gboolean mm_mentor_prefers(const MmProblem *problem, guint a, guint a_mentee,
                           guint b, guint b_mentee);
