/* solve-stable.c: mentee-proposing deferred acceptance with capacities.
 *
 * The hospitals/residents form of the Gale-Shapley algorithm:
 *   D. Gale and L. S. Shapley, "College admissions and the stability of
 *   marriage", American Mathematical Monthly 69 (1962) 9-15;
 *   D. Gusfield and R. W. Irving, "The Stable Marriage Problem: Structure and
 *   Algorithms" (1989), 1.6.
 * Each free mentee proposes to the next mentor on its list (the mentors it
 * named first, in its order, then by score); a mentor holds up to capacity
 * proposals, keeping those it ranks highest by its own side's score and
 * rejecting the worst. The result has no blocking pair: no eligible mentee
 * and mentor who both prefer each other to what they got (a mentor with a
 * free place prefers any eligible mentee to an empty place). Mentee-proposing
 * gives each young person the best mentor they can have in any stable match.
 *
 * Time: O(E log E) to sort the lists plus O(E * c) for E candidate pairs and
 * capacities up to c (a rejection scans the mentor's c holders).
 */
#include "problem.h"

static gint by_mentee_preference(gconstpointer a, gconstpointer b,
                                 gpointer data) {
  const MmProblem *p = data;
  guint x = *(const guint *)a, y = *(const guint *)b;
  if (x == y)
    return 0;
  return mm_i_mentee_prefers(p, x, y) ? -1 : 1;
}

void mm_i_solve_stable(const MmProblem *problem, gint *mentor_of) {
  const guint n = problem->n_mentees, m = problem->n_mentors;
  guint n_edges = problem->row_start[n];
  guint *order = g_new(guint, MAX(n_edges, 1));
  for (guint e = 0; e < n_edges; e++)
    order[e] = e;
  for (guint i = 0; i < n; i++)
    g_qsort_with_data(order + problem->row_start[i],
                      (gint)(problem->row_start[i + 1] - problem->row_start[i]),
                      sizeof(guint), by_mentee_preference, (gpointer)problem);

  guint *next = g_new(guint, MAX(n, 1));      /* next list position to try */
  guint *held_edge = g_new(guint, MAX(n, 1)); /* edge of current proposal */
  guint *slot_start = g_new0(guint, m + 1);
  for (guint j = 0; j < m; j++)
    slot_start[j + 1] = slot_start[j] + problem->capacity[j];
  guint *holder = g_new(guint, MAX(slot_start[m], 1));
  guint *load = g_new0(guint, MAX(m, 1));

  GQueue free_mentees = G_QUEUE_INIT;
  for (guint i = 0; i < n; i++) {
    mentor_of[i] = -1;
    next[i] = problem->row_start[i];
    if (problem->active[i])
      g_queue_push_tail(&free_mentees, GUINT_TO_POINTER(i));
  }

  while (!g_queue_is_empty(&free_mentees)) {
    guint i = GPOINTER_TO_UINT(g_queue_pop_head(&free_mentees));
    if (next[i] == problem->row_start[i + 1])
      continue; /* list exhausted: stays unmatched */
    guint e = order[next[i]++];
    guint j = problem->mentor[e];
    guint *slots = holder + slot_start[j];
    if (load[j] < problem->capacity[j]) {
      slots[load[j]++] = i;
      mentor_of[i] = (gint)j;
      held_edge[i] = e;
      continue;
    }
    if (problem->capacity[j] == 0) {
      /* Pins took every place: no holder to compare with (slots is empty). */
      g_queue_push_tail(&free_mentees, GUINT_TO_POINTER(i));
      continue;
    }
    /* Full: compare with the mentor's least preferred holder. */
    guint worst = 0;
    for (guint k = 1; k < load[j]; k++) {
      guint a = slots[k], b = slots[worst];
      if (mm_i_mentor_prefers(problem, held_edge[b], b, held_edge[a], a))
        worst = k;
    }
    guint w = slots[worst];
    if (mm_i_mentor_prefers(problem, e, i, held_edge[w], w)) {
      slots[worst] = i;
      mentor_of[i] = (gint)j;
      held_edge[i] = e;
      mentor_of[w] = -1;
      g_queue_push_tail(&free_mentees, GUINT_TO_POINTER(w));
    } else {
      g_queue_push_tail(&free_mentees, GUINT_TO_POINTER(i));
    }
  }

  g_free(order);
  g_free(next);
  g_free(held_edge);
  g_free(slot_start);
  g_free(holder);
  g_free(load);
}
