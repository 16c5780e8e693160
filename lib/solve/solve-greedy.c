/* solve-greedy.c: highest score first, the baseline many tools use.
 *
 * Sorts every candidate pair by score (ties: earlier mentee, then earlier
 * mentor) and takes each pair whose mentee is still free and whose mentor has
 * a place left. Kept for comparison: it ignores priorities and can leave
 * mentees unmatched that the optimal mode would match.
 *
 * Time: O(E log E) for E candidate pairs. Memory: O(E).
 */
#include "problem.h"

#include <stdlib.h>

typedef struct {
  gint32 score;
  guint mentee;
  guint mentor;
} Pair;

static gint by_score_then_input_order(gconstpointer a, gconstpointer b) {
  const Pair *x = a, *y = b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  if (x->mentee != y->mentee)
    return x->mentee < y->mentee ? -1 : 1;
  return x->mentor < y->mentor ? -1 : (x->mentor > y->mentor);
}

void mm_i_solve_greedy(const MmProblem *problem, gint *mentor_of) {
  const guint n = problem->n_mentees;
  gsize n_pairs = problem->row_start[n];
  Pair *pairs = g_new(Pair, MAX(n_pairs, 1));
  gsize k = 0;
  for (guint i = 0; i < n; i++) {
    mentor_of[i] = -1;
    if (!problem->active[i])
      continue;
    for (guint e = problem->row_start[i]; e < problem->row_start[i + 1]; e++)
      pairs[k++] = (Pair){problem->value[e], i, problem->mentor[e]};
  }
  qsort(pairs, k, sizeof(Pair), (int (*)(const void *, const void *))by_score_then_input_order);
  guint *load = g_new0(guint, MAX(problem->n_mentors, 1));
  for (gsize e = 0; e < k; e++) {
    const Pair *pair = &pairs[e];
    if (mentor_of[pair->mentee] >= 0 ||
        load[pair->mentor] >= problem->capacity[pair->mentor])
      continue;
    mentor_of[pair->mentee] = (gint)pair->mentor;
    load[pair->mentor]++;
  }
  g_free(load);
  g_free(pairs);
}
