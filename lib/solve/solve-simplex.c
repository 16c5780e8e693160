/* solve-simplex.c: the optimal solver's problem by primal network simplex.
 *
 * The network is problem.h's minimum-cost flow. A mentee has no arc in, so
 * none of its arcs can carry more than its one unit: the pair and outlet
 * arcs are given no capacity here (the bound is implied), and only the
 * mentors' arcs can be saturated. Inactive mentees and mentors without
 * places take no part (their pairs can never be used).
 *
 * Method: the primal network simplex (R. K. Ahuja, T. L. Magnanti,
 * J. B. Orlin, "Network Flows" (1993), ch. 11), the ideas of LEMON's
 * NetworkSimplex, code of our own:
 * - the basis is a spanning tree rooted at the sink, kept as parent, the
 *   tree arc to the parent, depth, and doubly linked child lists; node
 *   potentials make every tree arc's reduced cost 0;
 * - the tree is strongly feasible (W. H. Cunningham, "A network simplex
 *   method", Math. Programming 11 (1976) 105-116): from every node a
 *   positive amount of flow can be sent to the root along the tree. The
 *   leaving arc is the last blocking arc met when the pivot cycle is
 *   walked in its orientation from its apex (AMO 11.6), which keeps the
 *   tree strongly feasible, so degenerate pivots cannot cycle;
 * - the first tree sends every mentee on its outlet (the outlets have no
 *   upper bound, so pushing more to the root is always possible) and hangs
 *   every mentor from the sink by its arc at flow 0 (places > 0): strongly
 *   feasible, with no artificial arc;
 * - block search pricing: the arcs are scanned in a fixed cyclic order in
 *   blocks of sqrt(arcs) / 4 (MM_SIMPLEX_BLOCK_FACTOR); the first block
 *   holding an arc with a negative reduced cost (at flow 0; positive for a
 *   saturated mentor arc) gives the most violating arc of that block, the
 *   next search goes on from there. No violating arc in a whole turn:
 *   optimal. The pair arcs are kept grouped by mentee, so a block holds
 *   whole rows;
 * - tracked pricing: near the end of a solve, and through most of a warm
 *   one, few arcs price out and block search reads thousands per pivot.
 *   A pivot changes the potentials of the subtree it moves alone, so only
 *   arcs with one end there can start to price out, and only those whose
 *   reduced cost moved the wrong way. Once block search reads more than
 *   32 blocks per pivot on average (MM_SIMPLEX_TRACK_BLOCKS), every arc
 *   that prices out is put in a queue, each pivot adds the arcs of its
 *   subtree that now do, and the entering arc is the most violating of
 *   the next 16 of the queue that still price out. A last block search
 *   over every arc ends the solve (and, in the self-check build, proves
 *   the queue missed none).
 * Every choice is by arc and node index: the same input gives the same
 * pivots, assignment and potentials.
 *
 * Warm start: the pairs added since the last solve become arcs at flow 0
 * outside the tree. The tree, its flows and potentials are still a
 * strongly feasible basis, so the simplex simply goes on from there. Most
 * of a warm solve's pivots are degenerate (98% on the pool below): the
 * potentials must move, the flow hardly does. Still, starting again from
 * the first tree every round was measured three times slower.
 *
 * Measured (bench/solver-compare, generate's 20000 x 8000 pool, seed 1,
 * the priced solve of solve-priced.c, solver CPU seconds, best of 3, on a
 * shared 2-core machine): quality 1.22 s with the shortest-path solver,
 * 0.20 s with this one; count 4.29 s and 0.93 s. A cold solve of the final
 * candidates (~330000 pairs): 1.57 s against 0.13 s, and 1.96 s against
 * 0.25 s.
 *
 * Duals: the simplex's potentials pi make every arc outside the tree at
 * flow 0 have cost - pi[tail] + pi[head] >= 0 at the optimum. For a pair,
 * cost = -value, so value <= pi[mentor] - pi[mentee]: MmDuals' mentee[i]
 * is pi[sink] - pi[i], mentor[j] is pi[sink] - pi[j] (the sink's is 0). A
 * mentor without places is given the least mentee price less the largest
 * value, so that no pair of it can price out.
 *
 * update() returns the pivots made (0: the last basis was still optimal),
 * not the mentees whose mentor changed.
 *
 * Time: each pivot costs a block or more of reduced costs (or the arcs
 * of the moved subtree's nodes, tracked), the cycle, and the subtree that
 * moves; no polynomial bound is claimed. An update costs O(arcs) more to
 * regroup the arcs and rebuild the node lists. Memory: O(arcs + nodes).
 */
#include "problem.h"

#include <math.h>
#include <string.h>

#define NONE G_MAXUINT
/* no upper bound (pair and outlet arcs: see the top) */
#define UNBOUNDED G_MAXUINT

/* arc states */
enum { IN_TREE = 0, AT_LOWER = 1, AT_UPPER = -1 };

struct MmSimplexSolver {
  const MmProblem *p;
  guint n, m;        /* mentees, mentors */
  guint sink;        /* node n + m; nodes: mentees, then mentors */
  MmCost penalty_by_priority[MM_MAX_PRIORITY + 1];
  /* Arcs: 0 .. n-1 the outlets (mentee i's is arc i), n .. n+m-1 the
   * mentors' arcs to the sink, then the pairs in the order they came. An
   * arc of a node outside the network is never added (outlets and mentor
   * arcs of those are kept, IN_TREE-like: state 0, never scanned as
   * violating). */
  guint n_arcs, arcs_cap;
  guint *tail, *head;
  MmCost *cost;
  guint *flow;
  guint *cap;
  gint8 *state;
  /* the tree */
  guint *parent, *pred, *depth;
  guint *first_child, *next_sib, *prev_sib;
  MmCost *pi;
  gboolean *in_net; /* per node */
  /* each node's arcs: adj[adj_start[x] .. adj_mid[x]) those it is the
   * tail of (a mentee's outlet and pairs, a mentor's arc to the sink),
   * adj[adj_mid[x] .. adj_start[x + 1]) those it is the head of (a
   * mentor's pairs) */
  guint *adj_start, *adj_mid, *adj;
  /* tracked pricing: a queue of arcs that may price out */
  gboolean tracking;
  guint *queue, q_head, q_len, q_cap;
  guint8 *queued;
  guint *moved_nodes; /* scratch: the subtree a pivot moved */
  /* pricing */
  guint block, next_arc;
  /* the problem's rows when last seen, to find the pairs added */
  guint *known_row_start, *known_mentor;
  guint64 pivots;
  guint64 scanned; /* arcs block search has read */
};
typedef MmSimplexSolver Simplex;

static void ensure_arcs(Simplex *s, guint need) {
  if (need <= s->arcs_cap)
    return;
  guint cap = MAX(need, s->arcs_cap + s->arcs_cap / 2);
  s->arcs_cap = cap;
  s->tail = g_renew(guint, s->tail, cap);
  s->head = g_renew(guint, s->head, cap);
  s->cost = g_renew(MmCost, s->cost, cap);
  s->flow = g_renew(guint, s->flow, cap);
  s->cap = g_renew(guint, s->cap, cap);
  s->state = g_renew(gint8, s->state, cap);
}

static void set_arc(Simplex *s, guint a, guint tail, guint head, MmCost cost,
                    guint cap, guint flow, gint8 state) {
  s->tail[a] = tail;
  s->head[a] = head;
  s->cost[a] = cost;
  s->cap[a] = cap;
  s->flow[a] = flow;
  s->state[a] = state;
}

/* Block search reads blocks of this many times sqrt(arcs). LEMON's
 * factor is 1; on generate's 20000 x 8000 pool (priced solve, both
 * objectives) 0.25 and 0.125 took the least time, 2 twice as long. */
#ifndef MM_SIMPLEX_BLOCK_FACTOR
#define MM_SIMPLEX_BLOCK_FACTOR 0.25
#endif

static void set_block(Simplex *s) {
  s->block = MAX(10u, (guint)ceil(MM_SIMPLEX_BLOCK_FACTOR *
                                  sqrt((double)s->n_arcs)));
}

/* Every node's arcs, and room for the queue (empty between solves). */
static void build_adjacency(Simplex *s) {
  const guint nodes = s->n + s->m + 1, na = s->n_arcs;
  g_free(s->adj_start);
  g_free(s->adj_mid);
  g_free(s->adj);
  guint *out = g_new0(guint, nodes), *in = g_new0(guint, nodes);
  for (guint a = 0; a < na; a++) {
    out[s->tail[a]]++;
    if (s->head[a] != s->sink)
      in[s->head[a]]++;
  }
  s->adj_start = g_new(guint, nodes + 1);
  s->adj_mid = g_new(guint, nodes);
  s->adj = g_new(guint, MAX(2 * na, 1));
  guint at = 0;
  for (guint x = 0; x < nodes; x++) {
    s->adj_start[x] = at;
    s->adj_mid[x] = at + out[x];
    at += out[x] + in[x];
    out[x] = s->adj_start[x]; /* fill positions */
    in[x] = s->adj_mid[x];
  }
  s->adj_start[nodes] = at;
  for (guint a = 0; a < na; a++) {
    s->adj[out[s->tail[a]]++] = a;
    if (s->head[a] != s->sink)
      s->adj[in[s->head[a]]++] = a;
  }
  g_free(out);
  g_free(in);
  g_assert(s->q_len == 0);
  g_free(s->queue);
  g_free(s->queued);
  s->q_cap = MAX(na, 1);
  s->queue = g_new(guint, s->q_cap);
  s->queued = g_new0(guint8, s->q_cap);
  s->q_head = 0;
}

static void enqueue(Simplex *s, guint a) {
  g_assert(s->q_len < s->q_cap);
  guint at = s->q_head + s->q_len;
  if (at >= s->q_cap)
    at -= s->q_cap;
  s->queue[at] = a;
  s->q_len++;
  s->queued[a] = 1;
}

static guint dequeue(Simplex *s) {
  guint a = s->queue[s->q_head];
  if (++s->q_head == s->q_cap)
    s->q_head = 0;
  s->q_len--;
  s->queued[a] = 0;
  return a;
}

/* Renumbers the pair arcs so that each mentee's are together, in mentee
 * order (a stable counting sort: the arcs just added follow the row's
 * others). Block search then reads whole rows at a time, as a cold solve
 * of the problem's rows does: measured, a cold solve of the final
 * candidates took 0.19 s with the arcs in the order they were added
 * against 0.10 s grouped. */
static void group_by_mentee(Simplex *s) {
  const guint first = s->n + s->m, na = s->n_arcs, n = s->n;
  if (na == first)
    return;
  guint *start = g_new0(guint, n + 1);
  for (guint a = first; a < na; a++)
    start[s->tail[a] + 1]++;
  for (guint i = 0; i < n; i++)
    start[i + 1] += start[i];
  guint *to = g_new(guint, na); /* new id of each arc */
  for (guint a = 0; a < first; a++)
    to[a] = a;
  for (guint a = first; a < na; a++)
    to[a] = first + start[s->tail[a]]++;
  g_free(start);
  guint *u = g_new(guint, na);
  MmCost *c = g_new(MmCost, na);
  gint8 *st = g_new(gint8, na);
#define PERMUTE(arr, tmp, T) \
  do { \
    for (guint a = first; a < na; a++) \
      tmp[to[a]] = arr[a]; \
    memcpy(arr + first, tmp + first, sizeof(T) * (na - first)); \
  } while (0)
  PERMUTE(s->tail, u, guint);
  PERMUTE(s->head, u, guint);
  PERMUTE(s->flow, u, guint);
  PERMUTE(s->cap, u, guint);
  PERMUTE(s->cost, c, MmCost);
  PERMUTE(s->state, st, gint8);
#undef PERMUTE
  const guint nodes = s->n + s->m + 1;
  for (guint x = 0; x < nodes; x++)
    if (s->pred[x] != NONE)
      s->pred[x] = to[s->pred[x]];
  s->next_arc = s->next_arc < na ? to[s->next_arc] : 0;
  g_free(u);
  g_free(c);
  g_free(st);
  g_free(to);
}

/* Appends pair arcs for the pairs of @p not in the known rows, and makes
 * the known rows @p's. */
static void add_new_pairs(Simplex *s, const MmProblem *p) {
  const guint n = s->n;
  guint total = p->row_start[n];
  guint known_total = s->known_row_start != NULL ? s->known_row_start[n] : 0;
  ensure_arcs(s, s->n_arcs + (total - known_total));
  for (guint i = 0; i < n; i++) {
    guint k = 0, k_end = 0;
    if (s->known_row_start != NULL) {
      k = s->known_row_start[i];
      k_end = s->known_row_start[i + 1];
    }
    for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++) {
      guint j = p->mentor[e];
      while (k < k_end && s->known_mentor[k] < j)
        k++;
      if (k < k_end && s->known_mentor[k] == j)
        continue; /* known */
      if (!s->in_net[i] || !s->in_net[n + j])
        continue; /* can never be used */
      set_arc(s, s->n_arcs++, i, n + j, -(MmCost)p->value[e], UNBOUNDED, 0,
              AT_LOWER);
    }
  }
  g_free(s->known_row_start);
  g_free(s->known_mentor);
  s->known_row_start = g_memdup2(p->row_start, sizeof(guint) * (n + 1));
  s->known_mentor = g_memdup2(p->mentor, sizeof(guint) * MAX(total, 1));
  group_by_mentee(s);
  set_block(s);
  build_adjacency(s);
}

/* ---- the tree ---- */

static void child_add(Simplex *s, guint parent, guint c) {
  s->prev_sib[c] = NONE;
  s->next_sib[c] = s->first_child[parent];
  if (s->first_child[parent] != NONE)
    s->prev_sib[s->first_child[parent]] = c;
  s->first_child[parent] = c;
}

static void child_remove(Simplex *s, guint parent, guint c) {
  if (s->prev_sib[c] != NONE)
    s->next_sib[s->prev_sib[c]] = s->next_sib[c];
  else
    s->first_child[parent] = s->next_sib[c];
  if (s->next_sib[c] != NONE)
    s->prev_sib[s->next_sib[c]] = s->prev_sib[c];
}

/* How much more flow can go from @x to its parent along its tree arc. */
static guint64 residual_up(const Simplex *s, guint x) {
  guint a = s->pred[x];
  if (s->tail[a] == x)
    return s->cap[a] == UNBOUNDED ? G_MAXUINT64 : s->cap[a] - s->flow[a];
  return s->flow[a];
}

/* How much more flow can go from @x's parent down to @x. */
static guint64 residual_down(const Simplex *s, guint x) {
  guint a = s->pred[x];
  if (s->tail[a] == x)
    return s->flow[a];
  return s->cap[a] == UNBOUNDED ? G_MAXUINT64 : s->cap[a] - s->flow[a];
}

/* Sends @delta from @x to its parent (@up) or from the parent to @x. */
static void push(Simplex *s, guint x, guint delta, gboolean up) {
  guint a = s->pred[x];
  if ((s->tail[a] == x) == up)
    s->flow[a] += delta;
  else
    s->flow[a] -= delta;
}

static MmCost reduced_cost(const Simplex *s, guint a) {
  return s->cost[a] - s->pi[s->tail[a]] + s->pi[s->head[a]];
}

/* < 0 when arc @a (not in the tree) prices out: by how much. */
static MmCost violation(const Simplex *s, guint a) {
  MmCost rc = s->cost[a] - s->pi[s->tail[a]] + s->pi[s->head[a]];
  return s->state[a] == AT_LOWER ? rc : -rc;
}

/* How many of the queue's arcs that price out are compared for each pivot
 * (tracked pricing). */
#ifndef MM_SIMPLEX_QUEUE_BLOCK
#define MM_SIMPLEX_QUEUE_BLOCK 16
#endif

/* Tracked pricing: the most violating of the next arcs of the queue that
 * still price out (those that no longer do leave it), or NONE when it is
 * empty. */
static guint queue_pick(Simplex *s) {
  guint held[MM_SIMPLEX_QUEUE_BLOCK], n_held = 0, best = NONE;
  MmCost best_v = 0;
  while (s->q_len > 0 && n_held < MM_SIMPLEX_QUEUE_BLOCK) {
    guint a = dequeue(s);
    if (s->state[a] == IN_TREE)
      continue;
    MmCost v = violation(s, a);
    if (v >= 0)
      continue;
    held[n_held++] = a;
    if (v < best_v) {
      best_v = v;
      best = a;
    }
  }
  for (guint k = 0; k < n_held; k++)
    if (held[k] != best)
      enqueue(s, held[k]);
  return best;
}

/* Block search: the most violating arc of the first block that has one, or
 * NONE when no arc violates (optimal). */
__attribute__((noinline)) static guint find_entering(Simplex *s) {
  const guint na = s->n_arcs;
  const guint *tail = s->tail, *head = s->head;
  const MmCost *cost = s->cost, *pi = s->pi;
  const gint8 *state = s->state;
  guint a = s->next_arc < na ? s->next_arc : 0;
  guint best = NONE, in_block = 0;
  MmCost best_v = 0;
  guint scanned_total = 0;
  for (guint scanned = 0; scanned < na; scanned++) {
    scanned_total++;
    gint8 st = state[a];
    if (st != IN_TREE) {
      MmCost rc = cost[a] - pi[tail[a]] + pi[head[a]];
      MmCost v = st == AT_LOWER ? rc : -rc;
      if (v < best_v) {
        best_v = v;
        best = a;
      }
    }
    if (++a == na)
      a = 0;
    if (++in_block == s->block) {
      if (best != NONE)
        break;
      in_block = 0;
    }
  }
  s->scanned += scanned_total;
  s->next_arc = a;
  return best;
}

__attribute__((noinline)) static void pivot(Simplex *s, guint in) {
  /* the cycle: flow leaves @first along the arc @in into @second, goes up
   * from @second to the apex and down from the apex to @first */
  const gboolean forward = s->state[in] == AT_LOWER;
  const guint first = forward ? s->tail[in] : s->head[in];
  const guint second = forward ? s->head[in] : s->tail[in];
  guint u = first, v = second;
  while (u != v) {
    if (s->depth[u] >= s->depth[v])
      u = s->parent[u];
    else
      v = s->parent[v];
  }
  const guint apex = u;
  /* the leaving arc: the last of the least residual in the cycle's
   * orientation from the apex (apex -> first, in, second -> apex) */
  guint64 delta;
  if (s->cap[in] == UNBOUNDED)
    delta = G_MAXUINT64;
  else
    delta = forward ? s->cap[in] - s->flow[in] : s->flow[in];
  guint out = NONE; /* the node whose tree arc leaves; NONE: @in itself */
  gboolean out_first = FALSE;
  for (guint x = first; x != apex; x = s->parent[x]) {
    guint64 r = residual_down(s, x);
    if (r < delta) { /* strictly: later in the orientation wins ties */
      delta = r;
      out = x;
      out_first = TRUE;
    }
  }
  for (guint x = second; x != apex; x = s->parent[x]) {
    guint64 r = residual_up(s, x);
    if (r <= delta) {
      delta = r;
      out = x;
      out_first = FALSE;
    }
  }
  g_assert(delta != G_MAXUINT64); /* every cycle has a bounded arc */
  s->pivots++;
  if (delta > 0) {
    guint d = (guint)delta;
    if (forward)
      s->flow[in] += d;
    else
      s->flow[in] -= d;
    for (guint x = first; x != apex; x = s->parent[x])
      push(s, x, d, FALSE);
    for (guint x = second; x != apex; x = s->parent[x])
      push(s, x, d, TRUE);
  }
  if (out == NONE) { /* @in goes from one bound to the other */
    s->state[in] = forward ? AT_UPPER : AT_LOWER;
    return;
  }
  const guint leaving = s->pred[out];
  g_assert(s->flow[leaving] == 0 || s->flow[leaving] == s->cap[leaving]);
  s->state[leaving] = s->flow[leaving] == 0 ? AT_LOWER : AT_UPPER;
  s->state[in] = IN_TREE;
  /* @out's subtree holds @q, the end of @in on its side; it hangs again
   * from @in's other end @p, the path from @q up to @out reversed */
  const guint q = out_first ? first : second;
  const guint p = out_first ? second : first;
  /* the subtree's potentials all move by sigma, so that @in's reduced
   * cost becomes 0 */
  MmCost rc = reduced_cost(s, in);
  MmCost sigma = s->tail[in] == q ? rc : -rc;
  guint cur = q, new_parent = p, new_pred = in;
  for (;;) {
    guint old_parent = s->parent[cur], old_pred = s->pred[cur];
    child_remove(s, old_parent, cur);
    child_add(s, new_parent, cur);
    s->parent[cur] = new_parent;
    s->pred[cur] = new_pred;
    if (cur == out)
      break;
    new_parent = cur;
    new_pred = old_pred;
    cur = old_parent;
  }
  /* depth and potentials over the subtree now under @q, depth first */
  guint x = q, n_moved = 0;
  for (;;) {
    s->moved_nodes[n_moved++] = x;
    s->depth[x] = s->depth[s->parent[x]] + 1;
    s->pi[x] += sigma;
    if (s->first_child[x] != NONE) {
      x = s->first_child[x];
      continue;
    }
    while (x != q && s->next_sib[x] == NONE)
      x = s->parent[x];
    if (x == q)
      break;
    x = s->next_sib[x];
  }
  if (!s->tracking)
    return;
  /* only arcs with an end in the subtree changed reduced cost, by -sigma
   * where it is the tail, +sigma where it is the head (0 for arcs inside
   * it): those whose violation grew and that now price out join the
   * queue */
  if (sigma == 0)
    return;
  for (guint k = 0; k < n_moved; k++) {
    guint y = s->moved_nodes[k];
    /* sigma > 0: arcs out of @y at flow 0 (pairs are never saturated);
     * sigma < 0: arcs into @y at flow 0, and a mentor's saturated arc */
    guint from = sigma > 0 ? s->adj_start[y] : s->adj_mid[y];
    guint to = sigma > 0 ? s->adj_mid[y] : s->adj_start[y + 1];
    if (sigma < 0 && y >= s->n) { /* a mentor: its arc to the sink */
      guint a = s->adj[s->adj_start[y]];
      if (s->state[a] == AT_UPPER && !s->queued[a] && violation(s, a) < 0)
        enqueue(s, a);
    }
    for (guint e = from; e < to; e++) {
      guint a = s->adj[e];
      if (s->state[a] == AT_LOWER && !s->queued[a] && violation(s, a) < 0)
        enqueue(s, a);
    }
  }
}

/* Block search turns to tracked pricing once its searches read more than
 * this many blocks per pivot, on average (it then finds few arcs that
 * price out, far apart). */
#ifndef MM_SIMPLEX_TRACK_BLOCKS
#define MM_SIMPLEX_TRACK_BLOCKS 32
#endif

/* Starts tracked pricing: every arc that prices out goes in the queue. */
static void start_tracking(Simplex *s) {
  for (guint a = 0; a < s->n_arcs; a++)
    if (s->state[a] != IN_TREE && !s->queued[a] && violation(s, a) < 0)
      enqueue(s, a);
  s->tracking = TRUE;
}

/* Pivots to optimality. First by block search over all arcs; once that
 * reads many blocks per pivot, tracked: the queue then holds every arc
 * outside the tree that may price out (those a pivot's subtree touches),
 * so the arcs that cannot are never read. A block search over all arcs,
 * which finds nothing unless that invariant is broken, ends it. */
static guint64 run(Simplex *s) {
  guint64 before = s->pivots;
  /* arcs read per pivot by block search, a moving average (x 16) */
  guint64 avg16 = (guint64)16 * s->block;
  for (;;) {
    guint in = s->tracking ? queue_pick(s) : NONE;
    if (in == NONE) {
      guint64 read_before = s->scanned;
      in = find_entering(s);
#ifdef MM_SOLVER_SELF_CHECK
      /* tracked: the queue held every arc that prices out */
      if (s->tracking && in != NONE)
        g_error("solve-simplex self-check: arc %u prices out, not queued", in);
#endif
      guint64 read = s->scanned - read_before;
      avg16 = avg16 - avg16 / 16 + read;
      if (!s->tracking && in != NONE &&
          avg16 > (guint64)16 * MM_SIMPLEX_TRACK_BLOCKS * s->block)
        start_tracking(s);
    }
    if (in == NONE)
      break;
    pivot(s, in);
  }
  s->tracking = FALSE;
  while (s->q_len > 0) /* only arcs that no longer price out are left */
    dequeue(s);
  return s->pivots - before;
}

/* The first tree (see the top): every mentee on its outlet, every mentor
 * hanging from the sink by its arc at flow 0, every pair at flow 0. */
static void start_cold(Simplex *s) {
  const guint n = s->n, m = s->m, nodes = n + m + 1;
  for (guint x = 0; x < nodes; x++) {
    s->parent[x] = s->pred[x] = NONE;
    s->first_child[x] = s->next_sib[x] = s->prev_sib[x] = NONE;
    s->depth[x] = 0;
    s->pi[x] = 0;
  }
  for (guint j = m; j-- > 0;) {
    guint node = n + j;
    s->flow[n + j] = 0;
    s->state[n + j] = IN_TREE;
    if (!s->in_net[node])
      continue;
    s->parent[node] = s->sink;
    s->pred[node] = n + j;
    s->depth[node] = 1;
    child_add(s, s->sink, node);
  }
  for (guint i = n; i-- > 0;) {
    s->state[i] = IN_TREE;
    s->flow[i] = s->in_net[i] ? 1 : 0;
    if (!s->in_net[i])
      continue;
    s->parent[i] = s->sink;
    s->pred[i] = i;
    s->depth[i] = 1;
    s->pi[i] = s->cost[i]; /* penalty - pi[i] + pi[sink] = 0 */
    child_add(s, s->sink, i);
  }
  for (guint a = n + m; a < s->n_arcs; a++) {
    s->flow[a] = 0;
    s->state[a] = AT_LOWER;
  }
  s->next_arc = 0;
}

MmSimplexSolver *mm_i_simplex_solver_new(const MmProblem *problem) {
  const guint n = problem->n_mentees, m = problem->n_mentors;
  Simplex *s = g_new0(Simplex, 1);
  s->p = problem;
  s->n = n;
  s->m = m;
  s->sink = n + m;
  const guint nodes = n + m + 1;
  mm_i_outlet_penalties(problem, s->penalty_by_priority);
  s->parent = g_new(guint, nodes);
  s->pred = g_new(guint, nodes);
  s->depth = g_new0(guint, nodes);
  s->first_child = g_new(guint, nodes);
  s->next_sib = g_new(guint, nodes);
  s->prev_sib = g_new(guint, nodes);
  s->pi = g_new0(MmCost, nodes);
  s->in_net = g_new0(gboolean, nodes);
  s->moved_nodes = g_new(guint, nodes);
  for (guint x = 0; x < nodes; x++)
    s->parent[x] = s->pred[x] = NONE; /* no tree before start_cold() */
  s->in_net[s->sink] = TRUE;
  guint n_active = 0;
  for (guint i = 0; i < n; i++) {
    s->in_net[i] = problem->active[i];
    n_active += problem->active[i];
  }
  for (guint j = 0; j < m; j++)
    s->in_net[n + j] = problem->capacity[j] > 0;
  ensure_arcs(s, n + m + problem->row_start[n]);
  for (guint j = 0; j < m; j++) /* more places than mentees never bind */
    set_arc(s, n + j, n + j, s->sink, 0, MIN(problem->capacity[j], n_active),
            0, IN_TREE);
  for (guint i = 0; i < n; i++)
    set_arc(s, i, i, s->sink, s->penalty_by_priority[problem->priority[i]],
            UNBOUNDED, 0, IN_TREE);
  s->n_arcs = n + m;
  add_new_pairs(s, problem);
  start_cold(s);
  run(s);
  return s;
}

guint64 mm_i_simplex_solver_update(MmSimplexSolver *s,
                                   const MmProblem *problem) {
  g_return_val_if_fail(problem->n_mentees == s->n &&
                           problem->n_mentors == s->m,
                       0);
  s->p = problem;
  add_new_pairs(s, problem);
  return run(s);
}

guint64 mm_i_simplex_solver_pivots(const MmSimplexSolver *s) {
  return s->pivots;
}

void mm_i_simplex_solver_result(const MmSimplexSolver *s, gint *mentor_of,
                                MmDuals *duals) {
  const guint n = s->n, m = s->m;
  for (guint i = 0; i < n; i++)
    mentor_of[i] = -1;
  for (guint a = n + m; a < s->n_arcs; a++)
    if (s->flow[a] > 0)
      mentor_of[s->tail[a]] = (gint)(s->head[a] - n);
  if (duals == NULL)
    return;
  const MmCost root = s->pi[s->sink];
  duals->mentee = g_new0(MmCost, MAX(n, 1));
  duals->mentor = g_new(MmCost, MAX(m, 1));
  gboolean any = FALSE;
  MmCost least = 0;
  for (guint i = 0; i < n; i++) {
    if (!s->in_net[i])
      continue;
    duals->mentee[i] = root - s->pi[i];
    if (!any || duals->mentee[i] < least)
      least = duals->mentee[i];
    any = TRUE;
  }
  for (guint j = 0; j < m; j++)
    duals->mentor[j] = s->in_net[n + j] ? root - s->pi[n + j]
                                        : least - s->p->value_max;
}

void mm_i_simplex_solver_free(MmSimplexSolver *s) {
  if (s == NULL)
    return;
  g_free(s->tail);
  g_free(s->head);
  g_free(s->cost);
  g_free(s->flow);
  g_free(s->cap);
  g_free(s->state);
  g_free(s->parent);
  g_free(s->pred);
  g_free(s->depth);
  g_free(s->first_child);
  g_free(s->next_sib);
  g_free(s->prev_sib);
  g_free(s->pi);
  g_free(s->in_net);
  g_free(s->moved_nodes);
  g_free(s->adj_start);
  g_free(s->adj_mid);
  g_free(s->adj);
  g_free(s->queue);
  g_free(s->queued);
  g_free(s->known_row_start);
  g_free(s->known_mentor);
  g_free(s);
}
