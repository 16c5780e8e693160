/* solve-optimal.c: the exact optimum of the matching objective.
 *
 * Problem: each mentee takes at most one mentor, mentor j at most
 * capacity[j] mentees, only candidate pairs may be used. Objective, compared
 * lexicographically (SPEC.md, "Assignment"): (1) most mentees matched,
 * (2) then most matched at priority 3, then 2, then 1, (3) then the largest
 * total score.
 *
 * Method: a minimum-cost flow solved by successive shortest augmenting paths
 * with node potentials (Dijkstra on reduced costs), one mentee at a time, as
 * in the Hungarian method in its shortest-augmenting-path form:
 *   R. Jonker and A. Volgenant, "A shortest augmenting path algorithm for
 *   dense and sparse linear assignment problems", Computing 38 (1987) 325-340;
 *   R. K. Ahuja, T. L. Magnanti, J. B. Orlin, "Network Flows" (1993), 9.7.
 * Adapted to this problem:
 * - capacities are native: a mentor is an exit to the sink while its load is
 *   below capacity, and its current mentees are reached through it, so no
 *   mentor is copied once per place;
 * - one "unmatched" outlet: every mentee has an arc straight to the sink whose
 *   cost is the penalty of leaving it unmatched, so the problem is always
 *   feasible and no dummy column per mentee is needed;
 * - the three objective levels are folded into one exact integer cost:
 *   a matched pair costs -score, leaving mentee i unmatched costs
 *   C + B[priority_i], with B[p+1] > n * B[p] + n * S and C > n * (B[3] + S),
 *   so no change at a lower level can outweigh one at a higher level. These
 *   exceed 64 bits for national pools, hence 128-bit costs.
 * A mentee that ends on the outlet is never revisited: flow into the sink
 * only grows, so no later augmentation can open a place for it (the
 * Hungarian method's row-by-row optimality: after k mentees the assignment
 * is optimal for those k).
 *
 * Time: O(n * (E + V) log V) in the worst case for n mentees, E candidate
 * pairs and V mentors; most augmentations stop at the first mentor with a
 * free place, so typical runs are close to O(E log V). Memory: O(E + V + n).
 */
#include "problem.h"

typedef struct {
  MmCost key;
  guint mentor;
} HeapItem;

/* A binary min-heap on (key, mentor index): the index breaks ties so the
 * result never depends on anything but the input order. Stale entries are
 * left in place and skipped when popped (lazy deletion). */
typedef struct {
  HeapItem *items;
  gsize len, cap;
} Heap;

static gboolean heap_less(const HeapItem *a, const HeapItem *b) {
  return a->key < b->key || (a->key == b->key && a->mentor < b->mentor);
}

static void heap_push(Heap *h, MmCost key, guint mentor) {
  if (h->len == h->cap) {
    h->cap = MAX(16, h->cap * 2);
    h->items = g_renew(HeapItem, h->items, h->cap);
  }
  gsize i = h->len++;
  HeapItem item = {key, mentor};
  while (i > 0) {
    gsize parent = (i - 1) / 2;
    if (!heap_less(&item, &h->items[parent]))
      break;
    h->items[i] = h->items[parent];
    i = parent;
  }
  h->items[i] = item;
}

static HeapItem heap_pop(Heap *h) {
  HeapItem top = h->items[0];
  HeapItem last = h->items[--h->len];
  gsize i = 0;
  for (;;) {
    gsize child = 2 * i + 1;
    if (child >= h->len)
      break;
    if (child + 1 < h->len && heap_less(&h->items[child + 1], &h->items[child]))
      child++;
    if (!heap_less(&h->items[child], &last))
      break;
    h->items[i] = h->items[child];
    i = child;
  }
  if (h->len > 0)
    h->items[i] = last;
  return top;
}

/* How the sink was reached on the current shortest path. */
typedef enum { VIA_MENTOR, VIA_OUTLET } SinkArc;

typedef struct {
  const MmProblem *p;
  gint *mentor_of;
  /* places: mentor j's mentees are holder[slot_start[j] .. + load[j]) */
  guint *slot_start;
  guint *holder;
  guint *load;
  MmCost penalty_by_priority[MM_MAX_PRIORITY + 1];
  MmCost *pot_mentee;
  MmCost *pot_mentor; /* the sink's potential is fixed at 0 */
  /* per-augmentation scratch, valid where stamp == epoch */
  MmCost *dist;
  guint *pred; /* mentee through which mentor j was best reached */
  guint *stamp;
  guint *done;
  guint epoch;
  GArray *done_mentors;   /* guint */
  GArray *done_mentees;   /* guint, with their distance in done_dist */
  GArray *done_dist;      /* MmCost */
  Heap heap;
} Solver;

static void compute_penalties(Solver *s) {
  guint n = 0;
  for (guint i = 0; i < s->p->n_mentees; i++)
    n += s->p->active[i];
  const MmCost n_c = (MmCost)n + 1;
  const MmCost max_total_score = n_c * MM_SCORE_UNITS_MAX;
  MmCost b = 0;
  for (int prio = 0; prio <= MM_MAX_PRIORITY; prio++) {
    s->penalty_by_priority[prio] = b;
    b = n_c * (b + max_total_score) + 1;
  }
  /* b now exceeds n * (B[3] + S): the cardinality level. */
  for (int prio = 0; prio <= MM_MAX_PRIORITY; prio++)
    s->penalty_by_priority[prio] += b;
}

static MmCost penalty(const Solver *s, guint mentee) {
  return s->penalty_by_priority[s->p->priority[mentee]];
}

static void relax_from(Solver *s, guint mentee, MmCost d_mentee, gint skip) {
  const MmProblem *p = s->p;
  for (guint e = p->row_start[mentee]; e < p->row_start[mentee + 1]; e++) {
    guint j = p->mentor[e];
    if ((gint)j == skip || s->done[j] == s->epoch)
      continue;
    MmCost d = d_mentee - p->score[e] + s->pot_mentee[mentee] - s->pot_mentor[j];
    if (s->stamp[j] != s->epoch || d < s->dist[j]) {
      s->stamp[j] = s->epoch;
      s->dist[j] = d;
      s->pred[j] = mentee;
      heap_push(&s->heap, d, j);
    }
  }
}

static void add_holder(Solver *s, guint mentor, guint mentee) {
  s->holder[s->slot_start[mentor] + s->load[mentor]++] = mentee;
  s->mentor_of[mentee] = (gint)mentor;
}

static void remove_holder(Solver *s, guint mentor, guint mentee) {
  guint *slots = s->holder + s->slot_start[mentor];
  for (guint k = 0; k < s->load[mentor]; k++) {
    if (slots[k] == mentee) {
      slots[k] = slots[--s->load[mentor]];
      return;
    }
  }
  g_assert_not_reached(); /* the solver's own bookkeeping, not user data */
}

/* Shifts mentees one step along the path found, ending at mentee @start. */
static void augment(Solver *s, guint start, SinkArc arc, guint last) {
  guint mentor;
  if (arc == VIA_OUTLET) {
    if (last == start)
      return; /* the new mentee stays unmatched */
    mentor = (guint)s->mentor_of[last];
    remove_holder(s, mentor, last);
    s->mentor_of[last] = -1;
  } else {
    mentor = last;
  }
  for (;;) {
    guint mentee = s->pred[mentor];
    gint previous = s->mentor_of[mentee];
    if (previous >= 0)
      remove_holder(s, (guint)previous, mentee);
    add_holder(s, mentor, mentee);
    if (mentee == start)
      return;
    mentor = (guint)previous;
  }
}

static void finalize_mentee(Solver *s, guint mentee, MmCost d) {
  g_array_append_val(s->done_mentees, mentee);
  g_array_append_val(s->done_dist, d);
}

static void update_potentials(Solver *s, MmCost d_sink) {
  for (guint k = 0; k < s->done_mentors->len; k++) {
    guint j = g_array_index(s->done_mentors, guint, k);
    if (s->dist[j] < d_sink)
      s->pot_mentor[j] += s->dist[j] - d_sink;
  }
  for (guint k = 0; k < s->done_mentees->len; k++) {
    guint i = g_array_index(s->done_mentees, guint, k);
    MmCost d = g_array_index(s->done_dist, MmCost, k);
    if (d < d_sink)
      s->pot_mentee[i] += d - d_sink;
  }
}

/* Shortest path from mentee @start to the sink on reduced costs, then
 * augmentation and the potential update that keeps reduced costs >= 0. */
static void add_mentee(Solver *s, guint start) {
  const MmProblem *p = s->p;
  s->epoch++;
  s->heap.len = 0;
  g_array_set_size(s->done_mentors, 0);
  g_array_set_size(s->done_mentees, 0);
  g_array_set_size(s->done_dist, 0);

  /* The smallest potential that makes every arc out of @start non-negative. */
  MmCost pot = -penalty(s, start);
  for (guint e = p->row_start[start]; e < p->row_start[start + 1]; e++) {
    MmCost need = s->pot_mentor[p->mentor[e]] + p->score[e];
    if (need > pot)
      pot = need;
  }
  s->pot_mentee[start] = pot;

  MmCost d_sink = penalty(s, start) + pot;
  SinkArc arc = VIA_OUTLET;
  guint last = start;
  finalize_mentee(s, start, 0);
  relax_from(s, start, 0, -1);

  while (s->heap.len > 0) {
    HeapItem top = heap_pop(&s->heap);
    guint j = top.mentor;
    if (s->done[j] == s->epoch || top.key != s->dist[j])
      continue; /* stale */
    if (top.key >= d_sink)
      break;
    s->done[j] = s->epoch;
    g_array_append_val(s->done_mentors, j);
    if (s->load[j] < p->capacity[j] && top.key + s->pot_mentor[j] < d_sink) {
      d_sink = top.key + s->pot_mentor[j];
      arc = VIA_MENTOR;
      last = j;
    }
    for (guint k = 0; k < s->load[j]; k++) {
      guint mentee = s->holder[s->slot_start[j] + k];
      finalize_mentee(s, mentee, top.key); /* the matched arc is tight */
      MmCost via_outlet = top.key + penalty(s, mentee) + s->pot_mentee[mentee];
      if (via_outlet < d_sink) {
        d_sink = via_outlet;
        arc = VIA_OUTLET;
        last = mentee;
      }
      relax_from(s, mentee, top.key, (gint)j);
    }
  }
  update_potentials(s, d_sink);
  augment(s, start, arc, last);
}

void mm_solve_optimal_duals(const MmProblem *problem, gint *mentor_of,
                            MmDuals *duals) {
  const guint n = problem->n_mentees, m = problem->n_mentors;
  Solver s = {.p = problem, .mentor_of = mentor_of};
  s.slot_start = g_new0(guint, m + 1);
  for (guint j = 0; j < m; j++)
    s.slot_start[j + 1] = s.slot_start[j] + problem->capacity[j];
  s.holder = g_new(guint, MAX(s.slot_start[m], 1));
  s.load = g_new0(guint, MAX(m, 1));
  s.pot_mentee = g_new0(MmCost, MAX(n, 1));
  s.pot_mentor = g_new0(MmCost, MAX(m, 1));
  s.dist = g_new0(MmCost, MAX(m, 1));
  s.pred = g_new0(guint, MAX(m, 1));
  s.stamp = g_new0(guint, MAX(m, 1));
  s.done = g_new0(guint, MAX(m, 1));
  s.done_mentors = g_array_new(FALSE, FALSE, sizeof(guint));
  s.done_mentees = g_array_new(FALSE, FALSE, sizeof(guint));
  s.done_dist = g_array_new(FALSE, FALSE, sizeof(MmCost));
  compute_penalties(&s);

  for (guint i = 0; i < n; i++)
    mentor_of[i] = -1;
  /* Any order gives the optimum; highest priority first makes the searches
   * of those who end unmatched (lower priority, arriving when places are
   * taken) stop sooner: half the arcs relaxed on realistic pools. Within a
   * priority, input order. */
  for (int prio = MM_MAX_PRIORITY; prio >= 0; prio--)
    for (guint i = 0; i < n; i++)
      if (problem->active[i] && problem->priority[i] == prio)
        add_mentee(&s, i);

  g_free(s.slot_start);
  g_free(s.holder);
  g_free(s.load);
  if (duals != NULL) {
    duals->mentee = s.pot_mentee;
    duals->mentor = s.pot_mentor;
  } else {
    g_free(s.pot_mentee);
    g_free(s.pot_mentor);
  }
  g_free(s.dist);
  g_free(s.pred);
  g_free(s.stamp);
  g_free(s.done);
  g_array_free(s.done_mentors, TRUE);
  g_array_free(s.done_mentees, TRUE);
  g_array_free(s.done_dist, TRUE);
  g_free(s.heap.items);
}

void mm_solve_optimal(const MmProblem *problem, gint *mentor_of) {
  mm_solve_optimal_duals(problem, mentor_of, NULL);
}

void mm_duals_free(MmDuals *duals) {
  g_free(duals->mentee);
  g_free(duals->mentor);
  duals->mentee = duals->mentor = NULL;
}
