/* shortest-paths.c: the exact optimum of the matching objective, by
 * successive shortest paths: the tests' reference solver (shortest-paths.h),
 * the optimal mode's until the network simplex replaced it.
 *
 * Problem: problem.h's minimum-cost flow (the objectives, the "unmatched"
 * outlet and its penalties are described there).
 *
 * Method: that flow solved by successive shortest augmenting paths
 * with node potentials (Dijkstra on reduced costs), one mentee at a time, as
 * in the Hungarian method in its shortest-augmenting-path form:
 *   R. Jonker and A. Volgenant, "A shortest augmenting path algorithm for
 *   dense and sparse linear assignment problems", Computing 38 (1987) 325-340;
 *   R. K. Ahuja, T. L. Magnanti, J. B. Orlin, "Network Flows" (1993), 9.7.
 * Adapted to this problem: capacities are native (a mentor is an exit to
 * the sink while its load is below capacity, and its current mentees are
 * reached through it, so no mentor is copied once per place), and
 * everything below holds for any outlet costs that depend only on the
 * mentee, which is all either objective needs.
 * In a solve from scratch a mentee that ends on the outlet is never
 * revisited: flow into the sink only grows, so no later augmentation can
 * open a place for it (the Hungarian method's row-by-row optimality: after
 * k mentees the assignment is optimal for those k). A search stops queueing
 * mentors once they are no nearer than a way to end it already found.
 *
 * Warm start (the priced solve adds pairs and solves again): the solver
 * keeps its flow and potentials. A new pair whose reduced cost is negative
 * makes the old optimum improvable, but only for its mentee: every other
 * arc keeps a non-negative reduced cost. So those mentees alone are taken
 * out of the flow and added again, as successive shortest paths from an
 * excess to a deficit (Ahuja, Magnanti and Orlin, 9.7):
 * - taking a mentee out leaves a deficit where its unit went: at the sink,
 *   or at its mentor when that mentor's potential says it is full (a free
 *   place there would break the reduced costs: the unit is left on the
 *   mentor's arc to the sink, as a "phantom", for a later path to replace);
 * - a path may then pass through the sink, which becomes an ordinary node.
 *   From the sink it can go back to a mentor (which gives up a mentee or a
 *   phantom) or to any unmatched mentee. Those unmatched mentees all sit at
 *   the sink's potential less their penalty, so they are never stored one
 *   by one: each mentor keeps its unmatched bidders sorted by that reduced
 *   cost, and the sink's arcs to mentors are read off the best of them.
 * A mentee added again this way costs more than one added from scratch (its
 * search spans the competition for places near it), but a cold solve adds
 * every mentee again on a candidate set that now holds the pairs that
 * compete, which is what makes searches long: warm is faster even when
 * nine in ten are re-added (MM_WARM_START_MAX_PERCENT).
 *
 * Reading less: the searches of a warm start are long (on the national
 * pool, 100000 x 20000, a mentee taken from a full mentor settles 400 to
 * 2000 mentors before it finds a deficit), and they were bound by memory
 * latency, not arithmetic: a 64-bit copy of this solver ran no faster.
 * Profiles showed where the misses were, and the solver now avoids them
 * without changing a step of any search (the assignment and duals after
 * every round are the same, bit for bit):
 * - three in four arcs a warm search read lay beyond its cutoff. Each row
 *   is kept sorted by value + the mentor's potential, an upper bound that
 *   stays valid as potentials only fall, and a search stops reading a row
 *   at its first arc that cannot beat the cutoff, often before reading the
 *   row at all (relax_from()). Rows are sorted again the first time a
 *   search relaxes them after each update (most are never relaxed), and
 *   in a warm start again whenever they prove loose;
 * - a path through the sink read every mentor's bid array and three
 *   per-mentee arrays to find its best bidder: the bid at each mentor's
 *   cursor is copied beside the mentor, and a one-byte flag says whether a
 *   mentee is on its outlet;
 * - every update sorted all bids again, most of a late round: bid keys
 *   depend on the pair alone, so the bids are kept and the pairs added
 *   since merged in.
 * Solver CPU seconds per round of the priced solve on generate's national
 * pool (seed 1), median of 3 on a shared machine, before -> after: 0.72 ->
 * 0.86 (cold, within the noise), 7.7 -> 4.0, 5.3 -> 1.6, 2.2 -> 0.90,
 * 0.58 -> 0.36, 0.21 -> 0.21; 16.7 s -> 8.4 s in all. Round 2, which
 * re-adds 93% of the mentees, is now half of it: its searches are many
 * more than wasteful.
 *
 * Time: O(n * (E + V) log V) in the worst case for n mentees, E candidate
 * pairs and V mentors; most augmentations stop at the first mentor with a
 * free place, so typical runs are close to O(E log V). A warm start costs
 * that for the mentees added again, plus O(E + A log A) to merge the bids
 * of the A pairs added (O(E log E) the first time).
 * Memory: O(E + V + n).
 */
#include "shortest-paths.h"

#include <stdlib.h>
#include <string.h>

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

/* A warm start re-adds at most this percentage of the active mentees; more
 * than that and the solver starts from scratch. Measured in CPU time on
 * generate's pools after the first pricing round (the solve that re-adds
 * most): 20000 x 8000, 86% re-added, warm 1.90 s, cold 2.16 s; 50000 x
 * 10000, 91%, warm 2.31 s, cold 3.17 s; the next round (10% re-added)
 * 0.67 s warm against 2.33 s cold. The first version of this solver found
 * a warm start re-adding 96% far slower than a cold solve (22 s against
 * 0.3 s at 100000 x 20000): beyond 95% it still starts from scratch. */
#ifndef MM_WARM_START_MAX_PERCENT
#define MM_WARM_START_MAX_PERCENT 95
#endif

/* MM_SOLVER_SELF_CHECK: tests/meson.build builds a second test-solve with
 * a copy of this file compiled with it, which checks at every use what the
 * shortcuts of this solver rely on (a row left unread holds no arc the
 * search would take; the bids kept and merged are those a full sort gives;
 * the cached bid and on-outlet flags match what they copy), and aborts the
 * test with a message where one does not hold. */
#ifdef MM_SOLVER_SELF_CHECK
#define SELF_CHECK(cond, what) \
  do { \
    if (!(cond)) \
      g_error("shortest-paths self-check: %s", what); \
  } while (0)
#else
#define SELF_CHECK(cond, what) \
  do { \
  } while (0)
#endif

/* Arcs a relaxed row may read for nothing before it is sorted again. */
#define LOOSE_MAX 4

/* pred[j] when mentor j was reached straight from the sink. */
#define FROM_SINK G_MAXUINT

/* An unmatched mentee's bid for a mentor: the reduced cost of the sink ->
 * mentee -> mentor path, less the sink's and mentor's potentials. */
typedef struct {
  MmCost key; /* -value - penalty */
  guint mentee;
} Bid;

/* A candidate pair in the solver's own copy of its mentee's row, which it
 * keeps sorted by bound, largest first (see relax_from()). The pair's bound
 * is value + the mentor's potential when the rows were sorted: at least
 * value + its potential now, less arcs_shift (a mentor's potential only
 * ever falls, but for recentre()'s uniform shifts). It is stored as
 * the row's row_top - @below, 32 bits that saturate (a smaller @below only
 * raises the bound, and keeps the order), so that the rows stay as compact
 * as the problem's own: they are read at random, one cache miss each. */
typedef struct {
  guint mentor;
  gint32 value;
  guint32 below;
} Arc;

/* A pair new to the problem since the last update. */
typedef struct {
  guint mentee;
  guint edge; /* in the problem's rows */
} NewPair;

/* What a search reads of each mentee it reaches, side by side: one cache
 * miss rather than one per array. */
typedef struct {
  MmCost pot;     /* its potential */
  MmCost row_top; /* its row's largest bound (see Arc) */
} MenteeNode;

struct MmOptimalSolver {
  const MmProblem *p;
  gint *mentor_of;
  /* places: mentor j's mentees are holder[slot_start[j] .. + load[j]) */
  guint *slot_start;
  guint *holder;
  guint *load;
  MmCost penalty_by_priority[MM_MAX_PRIORITY + 1];
  /* Potentials. An unmatched mentee's is pot_sink - its penalty (its arc to
   * the sink is tight), read through mentee_potential(). */
  MenteeNode *mentee;
  MmCost *pot_mentor;
  MmCost pot_sink;
  /* deficits left by mentees taken out of the flow (see the top) */
  gboolean *detached;
  /* per mentee: active, not detached and unmatched (on its outlet). One
   * byte each, so that the scans of the sink's arcs read it from cache. */
  guint8 *outlet;
  guint *phantom;
  guint sink_deficit;
  /* each mentor's bids, best first, once a warm start needs them; a
   * mentor's bids before bid_cursor[j] are from mentees not on the outlet */
  guint *bid_start;
  Bid *bids;
  guint *bid_cursor;
  /* per mentor: a copy of bids[bid_cursor[j]] (mentee NO_BID past the end),
   * read in turn for every mentor when a path passes the sink */
  Bid *bid_at_cursor;
  /* the candidate rows, each sorted by bound (rows as in p->row_start) */
  Arc *arcs;
  guint64 *arcs_sorted_at; /* per mentee: adds when its row was last sorted */
  guint64 arcs_reset_at; /* adds when every row was last marked unsorted */
  guint64 adds;          /* add_mentee() calls so far */
  MmCost *bound;         /* scratch for arcs_sort_row() */
  guint bound_cap;
  /* the problem's rows at the last update, to find the pairs added since */
  guint *known_row_start;
  guint *known_mentor;
  MmCost arcs_shift; /* added to every potential since the rows were sorted */
  /* per-augmentation scratch, valid where stamp == epoch */
  MmCost *dist;
  guint *pred; /* mentee through which mentor j was best reached */
  guint *stamp;
  guint *done;
  guint epoch;
  /* a distance the path is known to end within (the sink when it has a
   * deficit, or a mentor holding a phantom, reached that near): nodes no
   * nearer are never settled, so they are not even queued */
  gboolean has_cutoff;
  MmCost cutoff;
  GArray *done_mentors;   /* guint */
  GArray *done_mentees;   /* guint, with their distance in done_dist */
  GArray *done_dist;      /* MmCost */
  Heap heap;
};
typedef MmOptimalSolver Solver;

static void compute_penalties(Solver *s) {
  mm_i_outlet_penalties(s->p, s->penalty_by_priority);
}

static MmCost penalty(const Solver *s, guint mentee) {
  return s->penalty_by_priority[s->p->priority[mentee]];
}

static gboolean on_outlet(const Solver *s, guint mentee) {
  SELF_CHECK(s->outlet[mentee] == (s->mentor_of[mentee] < 0 &&
                                   !s->detached[mentee] &&
                                   s->p->active[mentee]),
             "on-outlet flag out of step");
  return s->outlet[mentee];
}

/* Keeps outlet[@mentee] in step with its state (after any change to it). */
static void refresh_outlet(Solver *s, guint mentee) {
  s->outlet[mentee] = s->mentor_of[mentee] < 0 && !s->detached[mentee] &&
                      s->p->active[mentee];
}

static MmCost mentee_potential(const Solver *s, guint mentee) {
  return on_outlet(s, mentee) ? s->pot_sink - penalty(s, mentee)
                              : s->mentee[mentee].pot;
}

/* ---- unmatched bidders ---- */

static int compare_bids(const void *a, const void *b) {
  const Bid *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return (x->mentee > y->mentee) - (x->mentee < y->mentee);
}

static MmCost bid_key(const Solver *s, guint mentee, guint edge) {
  return -(MmCost)s->p->value[edge] - penalty(s, mentee);
}

#define NO_BID G_MAXUINT

static void move_bid_cursor(Solver *s, guint j, guint k) {
  s->bid_cursor[j] = k;
  s->bid_at_cursor[j] =
      k < s->bid_start[j + 1] ? s->bids[k] : (Bid){0, NO_BID};
}

/* Every active mentee's bid for each of its mentors, sorted per mentor:
 * built once, then kept, as a bid's key depends on the pair alone. Later
 * the bids of the pairs @added (NewPair) since are merged in: sorting them
 * all again cost more than the rest of a late round. */
static void bids_update(Solver *s, const GArray *added) {
  const MmProblem *p = s->p;
  const guint m = p->n_mentors;
  GArray *every = NULL; /* the first time, every pair is new */
  if (s->bids == NULL) {
    every = g_array_new(FALSE, FALSE, sizeof(NewPair));
    for (guint i = 0; i < p->n_mentees; i++)
      for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++)
        g_array_append_val(every, ((NewPair){i, e}));
    added = every;
  }
  guint *count = g_new0(guint, m + 1);
  for (guint k = 0; k < added->len; k++) {
    const NewPair *pair = &g_array_index(added, NewPair, k);
    count[p->mentor[pair->edge] + 1] += p->active[pair->mentee];
  }
  for (guint j = 0; j < m; j++)
    count[j + 1] += count[j];
  Bid *fresh = g_new(Bid, MAX(count[m], 1));
  guint *fill = g_memdup2(count, sizeof(guint) * m);
  for (guint k = 0; k < added->len; k++) {
    const NewPair *pair = &g_array_index(added, NewPair, k);
    if (p->active[pair->mentee])
      fresh[fill[p->mentor[pair->edge]]++] =
          (Bid){bid_key(s, pair->mentee, pair->edge), pair->mentee};
  }
  if (every != NULL)
    g_array_free(every, TRUE);
  g_free(fill);
  for (guint j = 0; j < m; j++)
    qsort(fresh + count[j], count[j + 1] - count[j], sizeof(Bid),
          compare_bids);
  if (s->bids == NULL) {
    g_free(s->bid_start); /* from before a cold start, if any */
    s->bids = fresh;
    s->bid_start = count;
  } else { /* merge each mentor's old and new bids, both sorted */
    guint *start = g_new(guint, m + 1);
    Bid *merged = g_new(Bid, MAX(s->bid_start[m] + count[m], 1));
    guint out = 0;
    for (guint j = 0; j < m; j++) {
      start[j] = out;
      guint a = s->bid_start[j], a_end = s->bid_start[j + 1];
      guint b = count[j], b_end = count[j + 1];
      while (a < a_end && b < b_end)
        merged[out++] = compare_bids(&fresh[b], &s->bids[a]) < 0
                            ? fresh[b++]
                            : s->bids[a++];
      while (a < a_end)
        merged[out++] = s->bids[a++];
      while (b < b_end)
        merged[out++] = fresh[b++];
    }
    start[m] = out;
    g_free(s->bids);
    g_free(s->bid_start);
    g_free(fresh);
    g_free(count);
    s->bids = merged;
    s->bid_start = start;
  }
  if (s->bid_cursor == NULL) {
    s->bid_cursor = g_new(guint, MAX(m, 1));
    s->bid_at_cursor = g_new(Bid, MAX(m, 1));
  }
  for (guint j = 0; j < m; j++)
    move_bid_cursor(s, j, s->bid_start[j]);
#ifdef MM_SOLVER_SELF_CHECK
  /* every active pair once, with its key, each mentor's sorted */
  guint64 pairs = 0;
  for (guint i = 0; i < p->n_mentees; i++)
    pairs += p->active[i] ? p->row_start[i + 1] - p->row_start[i] : 0;
  SELF_CHECK(s->bid_start[m] == pairs, "bids miss or repeat pairs");
  for (guint j = 0; j < m; j++)
    for (guint k = s->bid_start[j]; k < s->bid_start[j + 1]; k++) {
      const Bid *bid = &s->bids[k];
      gint32 value = mm_i_problem_value(p, bid->mentee, j);
      SELF_CHECK(value >= 0 && p->active[bid->mentee] &&
                     bid->key == -(MmCost)value - penalty(s, bid->mentee),
                 "a bid for a pair that is not a candidate, or a wrong key");
      SELF_CHECK(k == s->bid_start[j] || compare_bids(&s->bids[k - 1], bid) < 0,
                 "bids out of order");
    }
#endif
}

/* @mentee has just gone to the outlet: its bids count again. */
static void bids_reopen(Solver *s, guint mentee) {
  if (s->bids == NULL)
    return;
  const MmProblem *p = s->p;
  for (guint e = p->row_start[mentee]; e < p->row_start[mentee + 1]; e++) {
    guint j = p->mentor[e];
    Bid bid = {bid_key(s, mentee, e), mentee};
    guint lo = s->bid_start[j], hi = s->bid_start[j + 1];
    while (lo < hi) {
      guint mid = lo + (hi - lo) / 2;
      if (compare_bids(&s->bids[mid], &bid) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo < s->bid_cursor[j])
      move_bid_cursor(s, j, lo);
  }
}

/* The best bid for mentor @j from a mentee on the outlet, or NULL. */
static const Bid *best_bid(Solver *s, guint j) {
  const Bid *at = &s->bid_at_cursor[j];
  SELF_CHECK(s->bid_cursor[j] < s->bid_start[j + 1]
                 ? compare_bids(at, &s->bids[s->bid_cursor[j]]) == 0 &&
                       at->mentee == s->bids[s->bid_cursor[j]].mentee
                 : at->mentee == NO_BID,
             "cached bid differs from the bid at the cursor");
  if (at->mentee != NO_BID && on_outlet(s, at->mentee))
    return at; /* the usual case: no bid array read */
  guint k = s->bid_cursor[j];
  while (k < s->bid_start[j + 1] && !on_outlet(s, s->bids[k].mentee))
    k++;
  move_bid_cursor(s, j, k);
  return at->mentee != NO_BID ? at : NULL;
}

/* ---- one shortest augmenting path ---- */

static void lower_cutoff(Solver *s, MmCost d) {
  if (!s->has_cutoff || d < s->cutoff) {
    s->has_cutoff = TRUE;
    s->cutoff = d;
  }
}

static void reach_mentor(Solver *s, guint j, MmCost d, guint via) {
  if (s->done[j] == s->epoch || (s->has_cutoff && d >= s->cutoff))
    return;
  if (s->stamp[j] != s->epoch || d < s->dist[j]) {
    s->stamp[j] = s->epoch;
    s->dist[j] = d;
    s->pred[j] = via;
    heap_push(&s->heap, d, j);
    if (s->phantom[j] > 0)
      lower_cutoff(s, d);
  }
}

/* Sorts mentee @i's row of the problem into the solver's copy, by value +
 * the mentor's potential now, largest first (ties in any order: see
 * relax_from()), and sets its row_top. Rows are short (a few dozen pairs):
 * insertion sort. */
static void arcs_sort_row(Solver *s, guint i, gboolean from_problem) {
  const MmProblem *p = s->p;
  guint len = p->row_start[i + 1] - p->row_start[i];
  Arc *row = s->arcs + p->row_start[i];
  if (len > s->bound_cap) {
    s->bound_cap = MAX(len, 2 * s->bound_cap);
    s->bound = g_renew(MmCost, s->bound, s->bound_cap);
  }
  MmCost *bound = s->bound;
  for (guint k = 0; from_problem && k < len; k++) {
    guint e = p->row_start[i] + k;
    row[k] = (Arc){p->mentor[e], p->value[e], 0};
  }
  for (guint k = 0; k < len; k++) {
    Arc arc = row[k];
    MmCost b = (MmCost)arc.value + s->pot_mentor[arc.mentor];
    guint at = k;
    for (; at > 0 && bound[at - 1] < b; at--) {
      row[at] = row[at - 1];
      bound[at] = bound[at - 1];
    }
    row[at] = arc;
    bound[at] = b;
  }
  /* in the frame of arcs_shift: shifts from now on add to it */
  s->mentee[i].row_top = len > 0 ? bound[0] - s->arcs_shift : 0;
  for (guint k = 0; k < len; k++) {
    MmCost below = bound[0] - bound[k];
    row[k].below = below < G_MAXUINT32 ? (guint32)below : G_MAXUINT32;
  }
  s->arcs_sorted_at[i] = s->adds;
}

/* Every row is to be sorted again, on the potentials of the moment, the
 * first time a search relaxes it: after each update, as the potentials
 * have moved far (bounds taken a round earlier made searches read several
 * times more arcs), and never for the rows no search reaches (those of
 * most mentees left unmatched). */
static void arcs_reset(Solver *s) {
  g_free(s->arcs);
  s->arcs = g_new(Arc, MAX(s->p->row_start[s->p->n_mentees], 1));
  s->arcs_reset_at = s->adds;
  s->arcs_shift = 0;
}

/* Appends to @added the pairs (NewPair) the problem gained since the last
 * call (mm_i_candidates_add() only ever adds pairs, and keeps each row in
 * increasing mentor order), then remembers the problem's rows. */
static void rows_diff(Solver *s, GArray *added) {
  const MmProblem *p = s->p;
  const guint n = p->n_mentees;
  for (guint i = 0; added != NULL && i < n; i++) {
    guint a = s->known_row_start[i], a_end = s->known_row_start[i + 1];
    if (a_end - a == p->row_start[i + 1] - p->row_start[i])
      continue; /* no new pair */
    for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++) {
      if (a < a_end && s->known_mentor[a] == p->mentor[e])
        a++;
      else
        g_array_append_val(added, ((NewPair){i, e}));
    }
  }
  g_free(s->known_row_start);
  g_free(s->known_mentor);
  s->known_row_start = g_memdup2(p->row_start, sizeof(guint) * (n + 1));
  s->known_mentor =
      g_memdup2(p->mentor, sizeof(guint) * MAX(p->row_start[n], 1));
}

/* Relaxes @mentee's arcs, reached at distance @d_mentee. The arc to a
 * mentor costs d_mentee - value + pot - pot_mentor, at least
 * d_mentee + pot - arcs_shift - bound: once that reaches the cutoff, this
 * arc and all that follow it in the row (smaller bounds) would be turned
 * away by reach_mentor(), so they are not read. In warm searches most arcs
 * lie beyond the cutoff (three in four on the national pool), and reading
 * them, a cache miss per mentor, was most of the solve. The order in which
 * a row's arcs are relaxed does not change the search: each reaches a
 * different mentor, and the heap orders by (distance, mentor). */
static void relax_from(Solver *s, guint mentee, MmCost d_mentee, gint skip) {
  const MmProblem *p = s->p;
  if (s->arcs_sorted_at[mentee] <= s->arcs_reset_at)
    arcs_sort_row(s, mentee, TRUE);
  const MmCost pot = s->mentee[mentee].pot;
  const MmCost floor =
      d_mentee + pot - s->arcs_shift - s->mentee[mentee].row_top;
  guint e = p->row_start[mentee];
  if (s->has_cutoff && floor >= s->cutoff)
    e = p->row_start[mentee + 1]; /* the row's first arc: not even read */
  guint loose = 0; /* arcs read that the cutoff turns away */
  for (; e < p->row_start[mentee + 1]; e++) {
    const Arc *arc = &s->arcs[e];
    if (s->has_cutoff && floor + arc->below >= s->cutoff)
      break;
    if ((gint)arc->mentor == skip)
      continue;
    MmCost d = d_mentee - arc->value + pot - s->pot_mentor[arc->mentor];
    if (s->has_cutoff && d >= s->cutoff)
      loose++;
    else
      reach_mentor(s, arc->mentor, d, mentee);
  }
  for (; e < p->row_start[mentee + 1]; e++) /* left unread */
    SELF_CHECK(d_mentee - s->arcs[e].value + pot -
                       s->pot_mentor[s->arcs[e].mentor] >=
                   s->cutoff,
               "an arc left unread would have been taken");
  /* In a warm start (the bids exist), a row whose bounds let more than a
   * few arcs be read for nothing is sorted again, in place, while it is in
   * cache: over a round that re-adds most mentees, the potentials drift far
   * from those it was sorted on (that round's solve CPU, median of 3: 6.2
   * -> 4.0 s on the national pool, 3.9 -> 2.8 s at capacity 3). Not in a
   * cold solve: there it cost more than it saved. */
  if (loose > LOOSE_MAX && s->bids != NULL)
    arcs_sort_row(s, mentee, FALSE);
}

/* The sink's arcs, once a path passes through it at distance @d: to each
 * mentor, through its best unmatched bidder when it has one (a bid's key,
 * -value - penalty, is never positive, so that way is no longer), else
 * straight back to it when it holds a unit (a mentee or a phantom). */
static void relax_from_sink(Solver *s, MmCost d) {
  for (guint j = 0; j < s->p->n_mentors; j++) {
    if (s->done[j] == s->epoch)
      continue;
    const Bid *bid = s->bids != NULL ? best_bid(s, j) : NULL;
    MmCost back = s->pot_sink - s->pot_mentor[j];
    if (bid != NULL)
      reach_mentor(s, j, d + back + bid->key, bid->mentee);
    else if (s->load[j] + s->phantom[j] > 0)
      reach_mentor(s, j, d + back, FROM_SINK);
  }
}

static void add_holder(Solver *s, guint mentor, guint mentee) {
  s->holder[s->slot_start[mentor] + s->load[mentor]++] = mentee;
  s->mentor_of[mentee] = (gint)mentor;
  refresh_outlet(s, mentee);
}

static void remove_holder(Solver *s, guint mentor, guint mentee) {
  guint *slots = s->holder + s->slot_start[mentor];
  for (guint k = 0; k < s->load[mentor]; k++) {
    if (slots[k] == mentee) {
      slots[k] = slots[--s->load[mentor]];
      s->mentor_of[mentee] = -1;
      refresh_outlet(s, mentee);
      return;
    }
  }
  g_assert_not_reached(); /* the solver's own bookkeeping, not user data */
}

static void finalize_mentee(Solver *s, guint mentee, MmCost d) {
  g_array_append_val(s->done_mentees, mentee);
  g_array_append_val(s->done_dist, d);
}

/* Keeps every reduced cost non-negative after a path of length @d_end:
 * each node settled closer than that moves by its distance less @d_end.
 * Unmatched mentees move with the sink. */
static void update_potentials(Solver *s, MmCost d_end, gboolean sink_done,
                              MmCost d_sink) {
  for (guint k = 0; k < s->done_mentors->len; k++) {
    guint j = g_array_index(s->done_mentors, guint, k);
    if (s->dist[j] < d_end)
      s->pot_mentor[j] += s->dist[j] - d_end;
  }
  for (guint k = 0; k < s->done_mentees->len; k++) {
    guint i = g_array_index(s->done_mentees, guint, k);
    MmCost d = g_array_index(s->done_dist, MmCost, k);
    if (d < d_end)
      s->mentee[i].pot += d - d_end;
  }
  if (sink_done && d_sink < d_end)
    s->pot_sink += d_sink - d_end;
}

/* Where a path ends: the sink, or a mentor holding a phantom. */
#define END_AT_SINK G_MAXUINT

/* Shifts mentees one step along the path found, from its end back to the
 * mentee @start. */
static void augment(Solver *s, guint start, guint end, SinkArc arc,
                    guint last) {
  gboolean at_sink = end == END_AT_SINK;
  guint mentor = end;
  if (at_sink)
    s->sink_deficit--;
  else
    s->phantom[end]--;
  for (;;) {
    if (at_sink) { /* how the path reached the sink */
      if (arc == VIA_MENTOR) {
        mentor = last;
      } else if (last == start) {
        break; /* @start takes the outlet */
      } else {
        mentor = (guint)s->mentor_of[last];
        remove_holder(s, mentor, last);
        bids_reopen(s, last);
      }
      at_sink = FALSE;
    }
    guint mentee = s->pred[mentor];
    if (mentee == FROM_SINK) { /* @mentor gives up a unit to the sink */
      at_sink = TRUE;
      continue;
    }
    gint previous = s->mentor_of[mentee];
    if (previous >= 0)
      remove_holder(s, (guint)previous, mentee);
    else if (mentee != start) /* an unmatched bidder: its potential moved
                                 with the sink's */
      s->mentee[mentee].pot = s->pot_sink - penalty(s, mentee);
    add_holder(s, mentor, mentee);
    if (mentee == start)
      break;
    if (previous < 0)
      at_sink = TRUE;
    else
      mentor = (guint)previous;
  }
  s->detached[start] = FALSE;
  refresh_outlet(s, start);
  if (s->mentor_of[start] < 0)
    bids_reopen(s, start);
}

/* Puts @start (detached) back into the flow by a shortest path on reduced
 * costs to the nearest deficit, then updates the potentials. */
static void add_mentee(Solver *s, guint start) {
  const MmProblem *p = s->p;
  s->adds++;
  s->epoch++;
  s->heap.len = 0;
  s->has_cutoff = FALSE;
  g_array_set_size(s->done_mentors, 0);
  g_array_set_size(s->done_mentees, 0);
  g_array_set_size(s->done_dist, 0);

  /* The smallest potential that makes every arc out of @start non-negative
   * (it has no arc in while detached). */
  MmCost pot = s->pot_sink - penalty(s, start);
  for (guint e = p->row_start[start]; e < p->row_start[start + 1]; e++) {
    MmCost need = s->pot_mentor[p->mentor[e]] + p->value[e];
    if (need > pot)
      pot = need;
  }
  s->mentee[start].pot = pot;

  /* the sink: best distance so far, and how */
  MmCost d_sink = penalty(s, start) + pot - s->pot_sink;
  SinkArc arc = VIA_OUTLET;
  guint last = start;
  gboolean sink_done = FALSE;
  if (s->sink_deficit > 0)
    lower_cutoff(s, d_sink);
  finalize_mentee(s, start, 0);
  relax_from(s, start, 0, -1);

  guint end = END_AT_SINK;
  MmCost d_end;
  for (;;) {
    while (s->heap.len > 0) { /* drop stale entries */
      const HeapItem *top = &s->heap.items[0];
      if (s->done[top->mentor] != s->epoch && top->key == s->dist[top->mentor])
        break;
      heap_pop(&s->heap);
    }
    if (!sink_done && (s->heap.len == 0 || s->heap.items[0].key >= d_sink)) {
      if (s->sink_deficit > 0) {
        d_end = d_sink;
        break;
      }
      sink_done = TRUE; /* only a way through to a phantom */
      relax_from_sink(s, d_sink);
      continue;
    }
    g_assert(s->heap.len > 0); /* a phantom's mentor is reachable from the sink */
    HeapItem top = heap_pop(&s->heap);
    guint j = top.mentor;
    s->done[j] = s->epoch;
    g_array_append_val(s->done_mentors, j);
    if (s->phantom[j] > 0) {
      end = j;
      d_end = top.key;
      break;
    }
    if (!sink_done && s->load[j] < p->capacity[j] &&
        top.key + s->pot_mentor[j] - s->pot_sink < d_sink) {
      d_sink = top.key + s->pot_mentor[j] - s->pot_sink;
      arc = VIA_MENTOR;
      last = j;
      if (s->sink_deficit > 0)
        lower_cutoff(s, d_sink);
    }
    for (guint k = 0; k < s->load[j]; k++) {
      guint mentee = s->holder[s->slot_start[j] + k];
      finalize_mentee(s, mentee, top.key); /* the matched arc is tight */
      MmCost via_outlet =
          top.key + penalty(s, mentee) + s->mentee[mentee].pot - s->pot_sink;
      if (!sink_done && via_outlet < d_sink) {
        d_sink = via_outlet;
        arc = VIA_OUTLET;
        last = mentee;
        if (s->sink_deficit > 0)
          lower_cutoff(s, d_sink);
      }
      relax_from(s, mentee, top.key, (gint)j);
    }
  }
  update_potentials(s, d_end, sink_done, d_sink);
  augment(s, start, end, arc, last);
}

/* Takes @mentee out of the flow, leaving a deficit where its unit went. */
static void detach(Solver *s, guint mentee) {
  gint j = s->mentor_of[mentee];
  if (j >= 0) {
    remove_holder(s, (guint)j, mentee);
    if (s->pot_mentor[j] < s->pot_sink) /* full by its potential */
      s->phantom[j]++;
    else
      s->sink_deficit++;
  } else {
    s->sink_deficit++;
  }
  s->detached[mentee] = TRUE;
  refresh_outlet(s, mentee);
}

/* Potentials matter only by their differences, which stay within a few
 * penalties; but in warm starts they all drift down with the sink's, a
 * penalty or so per path. Long before that could leave 128 bits, they are
 * shifted back to put the sink at 0. */
#define DRIFT_LIMIT (((MmCost)1) << 120)

static void recentre(Solver *s) {
  const MmCost shift = -s->pot_sink;
  for (guint j = 0; j < s->p->n_mentors; j++)
    s->pot_mentor[j] += shift;
  for (guint i = 0; i < s->p->n_mentees; i++)
    s->mentee[i].pot += shift; /* an unmatched mentee's is not read */
  s->pot_sink = 0;
  s->arcs_shift += shift;
}

/* The order in which detached mentees are added back: any order gives the
 * optimum, but one that adds first those who will hold places makes the
 * searches of those who end unmatched (arriving when places are taken)
 * stop sooner. Under count that is the highest priority first (half the
 * arcs relaxed on realistic pools); under quality, the largest value a
 * mentee can bring, which waiting, priority and named choices raise row by
 * row. Ties by input order. */
typedef struct {
  gint64 key;
  guint mentee;
} AddOrder;

static int compare_add_order(const void *a, const void *b) {
  const AddOrder *x = a, *y = b;
  if (x->key != y->key)
    return x->key > y->key ? -1 : 1;
  return (x->mentee > y->mentee) - (x->mentee < y->mentee);
}

static gint64 add_order_key(const MmProblem *p, guint mentee) {
  if (p->count_first)
    return p->priority[mentee];
  gint64 best = -1;
  for (guint e = p->row_start[mentee]; e < p->row_start[mentee + 1]; e++)
    best = MAX(best, p->value[e]);
  return best;
}

static void add_detached(Solver *s) {
  const MmProblem *p = s->p;
  AddOrder *order = g_new(AddOrder, MAX(p->n_mentees, 1));
  guint n = 0;
  for (guint i = 0; i < p->n_mentees; i++)
    if (s->detached[i])
      order[n++] = (AddOrder){add_order_key(p, i), i};
  qsort(order, n, sizeof *order, compare_add_order);
  for (guint k = 0; k < n; k++) {
    add_mentee(s, order[k].mentee);
    if (s->pot_sink < -DRIFT_LIMIT)
      recentre(s);
  }
  g_free(order);
}

/* Back to the start: no flow, all potentials 0, every active mentee
 * detached with its unit owed to the sink. */
static void start_cold(Solver *s) {
  const guint n = s->p->n_mentees, m = s->p->n_mentors;
  memset(s->load, 0, sizeof(guint) * m);
  memset(s->phantom, 0, sizeof(guint) * m);
  for (guint i = 0; i < n; i++)
    s->mentee[i].pot = 0;
  memset(s->pot_mentor, 0, sizeof(MmCost) * m);
  s->pot_sink = 0;
  s->sink_deficit = 0;
  g_clear_pointer(&s->bids, g_free); /* no path passes through the sink */
  for (guint i = 0; i < n; i++) {
    s->mentor_of[i] = -1;
    s->detached[i] = FALSE;
    refresh_outlet(s, i);
    if (s->p->active[i])
      detach(s, i);
  }
  arcs_reset(s);
}

MmOptimalSolver *mm_i_optimal_solver_new(const MmProblem *problem) {
  const guint n = problem->n_mentees, m = problem->n_mentors;
  Solver *s = g_new0(Solver, 1);
  s->p = problem;
  s->mentor_of = g_new(gint, MAX(n, 1));
  s->slot_start = g_new0(guint, m + 1);
  for (guint j = 0; j < m; j++)
    s->slot_start[j + 1] = s->slot_start[j] + problem->capacity[j];
  s->holder = g_new(guint, MAX(s->slot_start[m], 1));
  s->load = g_new0(guint, MAX(m, 1));
  s->phantom = g_new0(guint, MAX(m, 1));
  s->detached = g_new0(gboolean, MAX(n, 1));
  s->outlet = g_new0(guint8, MAX(n, 1));
  s->mentee = g_new0(MenteeNode, MAX(n, 1));
  s->arcs_sorted_at = g_new0(guint64, MAX(n, 1));
  s->pot_mentor = g_new0(MmCost, MAX(m, 1));
  s->dist = g_new0(MmCost, MAX(m, 1));
  s->pred = g_new0(guint, MAX(m, 1));
  s->stamp = g_new0(guint, MAX(m, 1));
  s->done = g_new0(guint, MAX(m, 1));
  s->done_mentors = g_array_new(FALSE, FALSE, sizeof(guint));
  s->done_mentees = g_array_new(FALSE, FALSE, sizeof(guint));
  s->done_dist = g_array_new(FALSE, FALSE, sizeof(MmCost));
  compute_penalties(s);
  rows_diff(s, NULL);
  start_cold(s);
  add_detached(s);
  return s;
}

/* Whether some pair of @mentee prices out against the potentials. */
static gboolean improvable(const Solver *s, guint mentee) {
  const MmProblem *p = s->p;
  const MmCost pot = mentee_potential(s, mentee);
  for (guint e = p->row_start[mentee]; e < p->row_start[mentee + 1]; e++)
    if (-(MmCost)p->value[e] + pot - s->pot_mentor[p->mentor[e]] < 0)
      return TRUE;
  return FALSE;
}

guint mm_i_optimal_solver_update(MmOptimalSolver *s, const MmProblem *problem,
                               gboolean *cold) {
  s->p = problem;
  recentre(s);
  GArray *again = g_array_new(FALSE, FALSE, sizeof(guint));
  guint n_active = 0;
  for (guint i = 0; i < problem->n_mentees; i++) {
    n_active += problem->active[i];
    if (problem->active[i] && improvable(s, i))
      g_array_append_val(again, i);
  }
  guint changed = again->len;
  gboolean from_scratch =
      (guint64)changed * 100 > (guint64)n_active * MM_WARM_START_MAX_PERCENT;
  if (cold != NULL)
    *cold = from_scratch;
  GArray *added = g_array_new(FALSE, FALSE, sizeof(NewPair));
  rows_diff(s, added);
  if (from_scratch) {
    /* A warm start pays only for a few: each path from a full mentor's
     * phantom may have to pass through the sink and read every mentor. */
    start_cold(s);
  } else {
    for (guint k = 0; k < again->len; k++)
      detach(s, g_array_index(again, guint, k));
    if (changed > 0 || s->bids != NULL) /* else built when first needed */
      bids_update(s, added);
    arcs_reset(s); /* the rows have moved */
  }
  g_array_free(added, TRUE);
  g_array_free(again, TRUE);
  add_detached(s);
  return changed;
}

void mm_i_optimal_solver_result(const MmOptimalSolver *s, gint *mentor_of,
                              MmDuals *duals) {
  const guint n = s->p->n_mentees, m = s->p->n_mentors;
  memcpy(mentor_of, s->mentor_of, sizeof(gint) * n);
  if (duals == NULL)
    return;
  duals->mentee = g_new(MmCost, MAX(n, 1));
  for (guint i = 0; i < n; i++)
    duals->mentee[i] = mentee_potential(s, i);
  duals->mentor = g_memdup2(s->pot_mentor, sizeof(MmCost) * MAX(m, 1));
}

void mm_i_optimal_solver_free(MmOptimalSolver *s) {
  if (s == NULL)
    return;
  g_free(s->mentor_of);
  g_free(s->slot_start);
  g_free(s->holder);
  g_free(s->load);
  g_free(s->phantom);
  g_free(s->detached);
  g_free(s->outlet);
  g_free(s->bid_at_cursor);
  g_free(s->mentee);
  g_free(s->pot_mentor);
  g_free(s->bid_start);
  g_free(s->bids);
  g_free(s->bid_cursor);
  g_free(s->arcs);
  g_free(s->arcs_sorted_at);
  g_free(s->bound);
  g_free(s->known_row_start);
  g_free(s->known_mentor);
  g_free(s->dist);
  g_free(s->pred);
  g_free(s->stamp);
  g_free(s->done);
  g_array_free(s->done_mentors, TRUE);
  g_array_free(s->done_mentees, TRUE);
  g_array_free(s->done_dist, TRUE);
  g_free(s->heap.items);
  g_free(s);
}

void mm_i_solve_optimal_duals(const MmProblem *problem, gint *mentor_of,
                            MmDuals *duals) {
  MmOptimalSolver *s = mm_i_optimal_solver_new(problem);
  mm_i_optimal_solver_result(s, mentor_of, duals);
  mm_i_optimal_solver_free(s);
}

void mm_i_solve_optimal(const MmProblem *problem, gint *mentor_of) {
  mm_i_solve_optimal_duals(problem, mentor_of, NULL);
}
