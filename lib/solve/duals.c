/* duals.c: the dual prices that prove an optimum (MmDuals): freeing them,
 * and of all of them the lowest.
 *
 * An optimal assignment is proved by many sets of potentials; the solvers
 * hand out whichever their last step left. In MmDuals' terms (the sink at
 * 0), with m_i a mentee's and t_j a mentor's potential, a set proves the
 * assignment when, for the candidate pairs and the flow:
 *   value(i, j) <= m_i - t_j for every pair, with equality where i has j;
 *   m_i = -penalty_i where i is unmatched (its outlet carries its unit);
 *   t_j <= 0 where j has a mentee (its places cost at least nothing),
 *   t_j >= 0 where j has a free place (a place costs nothing to leave).
 * -t_j is mentor j's price. Every optimal assignment satisfies these with
 * the same sets (complementary slackness), and among them one has every
 * t_j as high as any other does, so every price as low, and every matched
 * m_i = value + t_j as high: the least prices. The plan needs them: its
 * bound on what a new mentor could add is a sum of value - m_i.
 *
 * They are shortest paths (difference constraints, as in Ahuja, Magnanti
 * and Orlin, "Network Flows", 4.4): t_j <= 0 for a mentor with a mentee
 * (no bound for one without); t_j <= -penalty_i - value(i, j) for each
 * unmatched i with a pair to j; and t_j <= t_k + value(i, k) - value(i, j)
 * for each i matched to k with a pair to j. The largest t is the shortest
 * distance from those bounds, found by Dijkstra over the mentors with the
 * given potentials as the reweighting that makes every length
 * non-negative (they satisfy every constraint). A mentor nothing bounds
 * takes 0, a mentor without places is left as given.
 *
 * Time O((E + V) log V) for E candidate pairs and V mentors; memory O(V +
 * n). */
#include "problem.h"

void mm_i_duals_free(MmDuals *duals) {
  g_free(duals->mentee);
  g_free(duals->mentor);
  duals->mentee = duals->mentor = NULL;
}

/* ---- the least prices ---- */

typedef struct {
  MmCost key;
  guint mentor;
} Item;

/* A binary min-heap on (key, mentor), stale entries skipped when popped. */
typedef struct {
  Item *item;
  guint len, cap;
} Heap;

static gboolean item_less(const Item *a, const Item *b) {
  return a->key < b->key || (a->key == b->key && a->mentor < b->mentor);
}

static void heap_push(Heap *h, MmCost key, guint mentor) {
  if (h->len == h->cap) {
    h->cap = MAX(16, 2 * h->cap);
    h->item = g_renew(Item, h->item, h->cap);
  }
  Item it = {key, mentor};
  guint k = h->len++;
  while (k > 0 && item_less(&it, &h->item[(k - 1) / 2])) {
    h->item[k] = h->item[(k - 1) / 2];
    k = (k - 1) / 2;
  }
  h->item[k] = it;
}

static Item heap_pop(Heap *h) {
  Item top = h->item[0], last = h->item[--h->len];
  guint k = 0;
  for (;;) {
    guint c = 2 * k + 1;
    if (c >= h->len)
      break;
    if (c + 1 < h->len && item_less(&h->item[c + 1], &h->item[c]))
      c++;
    if (!item_less(&h->item[c], &last))
      break;
    h->item[k] = h->item[c];
    k = c;
  }
  if (h->len > 0)
    h->item[k] = last;
  return top;
}

void mm_i_duals_least_prices(const MmProblem *p, const gint *mentor_of,
                             MmDuals *duals) {
  const guint n = p->n_mentees, m = p->n_mentors;
  MmCost penalty[MM_MAX_PRIORITY + 1];
  mm_i_outlet_penalties(p, penalty);
  MmCost *t = duals->mentor;
  /* d[j]: how far t_j can rise (bounded[j] FALSE: no bound yet) */
  MmCost *d = g_new0(MmCost, MAX(m, 1));
  gboolean *bounded = g_new0(gboolean, MAX(m, 1));
  gboolean *done = g_new0(gboolean, MAX(m, 1));
  /* each mentor's mentees, to follow the arcs out of it */
  guint *first = g_new0(guint, m + 1), *held = g_new(guint, MAX(n, 1));
  Heap heap = {0};
  for (guint i = 0; i < n; i++)
    if (p->active[i] && mentor_of[i] >= 0)
      first[mentor_of[i] + 1]++;
  for (guint j = 0; j < m; j++) {
    first[j + 1] += first[j];
    if (first[j + 1] > first[j]) { /* has a mentee: t_j <= 0 */
      bounded[j] = TRUE;
      d[j] = -t[j];
    }
  }
  guint *fill = g_memdup2(first, sizeof(guint) * (m + 1));
  for (guint i = 0; i < n; i++) {
    if (!p->active[i])
      continue;
    if (mentor_of[i] >= 0) {
      held[fill[mentor_of[i]]++] = i;
      continue;
    }
    for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++) {
      guint j = p->mentor[e];
      MmCost room = -penalty[p->priority[i]] - p->value[e] - t[j];
      if (!bounded[j] || room < d[j]) {
        bounded[j] = TRUE;
        d[j] = room;
      }
    }
  }
  g_free(fill);
  for (guint j = 0; j < m; j++)
    if (bounded[j] && p->capacity[j] > 0)
      heap_push(&heap, d[j], j);
  while (heap.len > 0) {
    Item top = heap_pop(&heap);
    guint k = top.mentor;
    if (done[k] || top.key != d[k])
      continue;
    done[k] = TRUE;
    for (guint h = first[k]; h < first[k + 1]; h++) {
      guint i = held[h];
      gint32 v_k = mm_i_problem_value(p, i, k);
      for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++) {
        guint j = p->mentor[e];
        if (j == k || done[j] || p->capacity[j] == 0)
          continue;
        /* t_j <= t_k + value(i, k) - value(i, j), reweighted: >= 0 */
        MmCost length = (MmCost)v_k - p->value[e] + t[k] - t[j];
        if (!bounded[j] || d[k] + length < d[j]) {
          bounded[j] = TRUE;
          d[j] = d[k] + length;
          heap_push(&heap, d[j], j);
        }
      }
    }
  }
  for (guint j = 0; j < m; j++) {
    if (p->capacity[j] == 0)
      continue;
    t[j] = bounded[j] ? t[j] + d[j] : 0;
  }
  for (guint i = 0; i < n; i++) {
    if (!p->active[i])
      continue;
    duals->mentee[i] =
        mentor_of[i] >= 0
            ? mm_i_problem_value(p, i, (guint)mentor_of[i]) + t[mentor_of[i]]
            : -penalty[p->priority[i]];
  }
  g_free(heap.item);
  g_free(d);
  g_free(bounded);
  g_free(done);
  g_free(first);
  g_free(held);
}
