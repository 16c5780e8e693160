/* solve-priced.c: the exact optimum on a candidate subset, proved by pricing.
 *
 * Most eligible pairs can never be in an optimal assignment: a young person
 * with 500 eligible mentors ends with one of the best few. Shortest-path
 * searches over every pair pay for all of them, above all for the young
 * people who cannot be matched, whose searches reach everything. So:
 *
 * 1. candidates: each mentee's @k best mentors, and each mentor's best
 *    2 x capacity + 2 mentees (so a mentor nobody ranks highly, but who has
 *    places, stays reachable);
 * 2. solve the candidate problem exactly (solve-optimal.c), keeping its node
 *    potentials;
 * 3. price every pair of the full problem: a pair left out with positive
 *    "profit" score(i, j) - (pot[i] - pot[j]) could improve the objective; if
 *    there is none, the potentials are dual-feasible for the full problem and
 *    the candidate optimum is the full optimum (linear programming duality
 *    for min-cost flow; Ahuja, Magnanti and Orlin, "Network Flows", 9.3).
 *    Otherwise the pairs that price out are added and step 2 repeats.
 * The certificate is computed, never assumed: the loop ends only when a
 * pricing pass over every pair finds nothing.
 *
 * Time: each round O(E) for pricing plus the sparse solve; a handful of
 * rounds at most on real pools (usually one). Memory: O(E) flags.
 */
#include "problem.h"

#include <string.h>

/* Sorted (best first) list of at most @cap edges by (score desc, index). */
typedef struct {
  guint *edge;
  guint len, cap;
} TopList;

static gboolean edge_better(const MmProblem *p, guint a, guint b) {
  return p->score[a] > p->score[b] || (p->score[a] == p->score[b] && a < b);
}

static void top_offer(const MmProblem *p, TopList *t, guint e) {
  if (t->len == t->cap && !edge_better(p, e, t->edge[t->len - 1]))
    return;
  guint k = t->len < t->cap ? t->len++ : t->len - 1;
  while (k > 0 && edge_better(p, e, t->edge[k - 1])) {
    t->edge[k] = t->edge[k - 1];
    k--;
  }
  t->edge[k] = e;
}

/* Marks the first candidate set in @chosen (one flag per edge). */
static void choose_candidates(const MmProblem *p, guint k, guint8 *chosen) {
  guint *buffer = g_new(guint, MAX(k, 1));
  for (guint i = 0; i < p->n_mentees; i++) {
    if (!p->active[i])
      continue;
    TopList t = {buffer, 0, k};
    for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++)
      top_offer(p, &t, e);
    for (guint c = 0; c < t.len; c++)
      chosen[t.edge[c]] = 1;
  }
  g_free(buffer);

  /* per mentor: lists live side by side in one block */
  guint *start = g_new0(guint, p->n_mentors + 1);
  for (guint j = 0; j < p->n_mentors; j++)
    start[j + 1] = start[j] + 2 * p->capacity[j] + 2;
  guint *block = g_new(guint, MAX(start[p->n_mentors], 1));
  TopList *lists = g_new(TopList, MAX(p->n_mentors, 1));
  for (guint j = 0; j < p->n_mentors; j++)
    lists[j] = (TopList){block + start[j], 0, start[j + 1] - start[j]};
  for (guint i = 0; i < p->n_mentees; i++)
    for (guint e = p->row_start[i]; p->active[i] && e < p->row_start[i + 1]; e++)
      top_offer(p, &lists[p->mentor[e]], e);
  for (guint j = 0; j < p->n_mentors; j++)
    for (guint c = 0; c < lists[j].len; c++)
      chosen[lists[j].edge[c]] = 1;
  g_free(lists);
  g_free(block);
  g_free(start);
}

/* The problem restricted to the chosen edges (same mentors, mentees,
 * capacities and priorities; edges keep their order). */
static MmProblem *restrict_problem(const MmProblem *p, const guint8 *chosen,
                                   gsize *n_chosen) {
  MmProblem *q = g_new0(MmProblem, 1);
  *q = *p;
  q->row_start = g_new(guint, p->n_mentees + 1);
  gsize total = p->row_start[p->n_mentees], n = 0;
  for (gsize e = 0; e < total; e++)
    n += chosen[e];
  q->mentor = g_new(guint, MAX(n, 1));
  q->score = g_new(gint32, MAX(n, 1));
  q->named_place = q->mentor_score = NULL;
  gsize out = 0;
  for (guint i = 0; i < p->n_mentees; i++) {
    q->row_start[i] = (guint)out;
    for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++) {
      if (!chosen[e])
        continue;
      q->mentor[out] = p->mentor[e];
      q->score[out] = p->score[e];
      out++;
    }
  }
  q->row_start[p->n_mentees] = (guint)out;
  *n_chosen = n;
  return q;
}

static void free_restricted(MmProblem *q) {
  /* capacity, priority and active are borrowed from the full problem */
  g_free(q->row_start);
  g_free(q->mentor);
  g_free(q->score);
  g_free(q);
}

typedef struct {
  MmCost profit; /* how far the pair prices out: score - (pot_i - pot_j) */
  guint edge;
} Violation;

static int compare_violations(const void *a, const void *b) {
  const Violation *x = a, *y = b;
  if (x->profit != y->profit)
    return x->profit > y->profit ? -1 : 1;
  return (x->edge > y->edge) - (x->edge < y->edge);
}

/* Finds every left-out pair whose reduced cost is negative and adds, per
 * mentee, the @per_mentee that price out furthest (adding them all would
 * swamp the next round with pairs the duals only mis-price for now).
 * Returns how many pairs priced out; 0 is the optimality certificate. */
static gsize price_out(const MmProblem *p, const MmDuals *duals, guint per_mentee,
                       guint8 *chosen, gsize *added) {
  gsize violated = 0;
  GArray *found = g_array_new(FALSE, FALSE, sizeof(Violation));
  for (guint i = 0; i < p->n_mentees; i++) {
    if (!p->active[i])
      continue;
    const MmCost pot = duals->mentee[i];
    g_array_set_size(found, 0);
    for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++) {
      MmCost profit = (MmCost)p->score[e] - (pot - duals->mentor[p->mentor[e]]);
      if (!chosen[e] && profit > 0) {
        Violation v = {profit, e};
        g_array_append_val(found, v);
      }
    }
    violated += found->len;
    if (found->len > per_mentee)
      qsort(found->data, found->len, sizeof(Violation), compare_violations);
    for (guint c = 0; c < MIN(found->len, per_mentee); c++)
      chosen[g_array_index(found, Violation, c).edge] = 1;
    *added += MIN(found->len, per_mentee);
  }
  g_array_free(found, TRUE);
  return violated;
}

void mm_solve_optimal_priced(const MmProblem *problem, guint k,
                             gint *mentor_of, MmPricing *pricing) {
  g_return_if_fail(k >= 1);
  MmPricing stats = {0};
  gsize total = problem->row_start[problem->n_mentees];
  guint8 *chosen = g_new0(guint8, MAX(total, 1));
  choose_candidates(problem, k, chosen);
  for (;;) {
    MmProblem *sparse = restrict_problem(problem, chosen, &stats.candidates);
    MmDuals duals = {0};
    mm_solve_optimal_duals(sparse, mentor_of, &duals);
    free_restricted(sparse);
    stats.rounds++;
    stats.pairs_priced += total;
    gsize violated = price_out(problem, &duals, k, chosen, &stats.pairs_added);
    mm_duals_free(&duals);
    if (violated == 0)
      break;
  }
  g_free(chosen);
  if (pricing != NULL)
    *pricing = stats;
}
