/* solve-priced.c: the exact optimum on a candidate subset, proved by pricing.
 *
 * Most eligible pairs can never be in an optimal assignment: a young person
 * with 500 eligible mentors ends with one of the best few. Shortest-path
 * searches over every pair pay for all of them (above all for the young
 * people who cannot be matched, whose searches reach everything), and a
 * national pool has too many pairs to hold at all. So:
 *
 * 1. candidates: each mentee's k best mentors, and each mentor's best
 *    MM_MENTOR_TOP_PER_PLACE x (capacity + 1) mentees (so a mentor nobody
 *    ranks highly, but who has places, stays reachable, and a mentor many
 *    compete for starts with the competitors that set its price); chosen
 *    by the caller, who may never hold the full problem
 *    (mm_i_candidates_from_full() does it for a full problem);
 * 2. solve the candidate problem exactly (solve-simplex.c), keeping its node
 *    potentials (dual prices); after the first round the solver goes on
 *    from its last basis, the new pairs entering at flow 0 (a warm start);
 * 3. price every pair: a pair left out with positive "profit"
 *    value(i, j) - (pot[i] - pot[j]) could improve the objective. If there
 *    is none, the potentials are dual-feasible for the full problem and the
 *    candidate optimum is the full optimum (linear programming duality for
 *    min-cost flow; Ahuja, Magnanti and Orlin, "Network Flows", 9.3).
 *    Otherwise the pairs that price out furthest (at most k per mentee:
 *    ranked by reduced cost, as the prices now know which pairs matter) are
 *    added and step 2 repeats.
 * The certificate is computed, never assumed: the loop ends only when a
 * pricing pass over every pair finds nothing.
 *
 * Time: each round a sparse solve plus the pricer's pass over all pairs;
 * a few rounds on real pools. Memory: O(candidates).
 */
#include "problem.h"

#include <string.h>
#include <time.h>

/* ---- the best few, by a total order ---- */

/* The best @cap keys offered so far (mm_i_rank_key(): larger is better),
 * as a binary heap with the worst at the root: an offer that beats the
 * root replaces it in O(log cap), where a sorted list shifted half its
 * items (a mentor's list holds 24 to 48, and most of its first thousand
 * offers enter it). A key is one number, so each step compares once and
 * picks the worse child without a branch. top_sort() puts them in order,
 * best first, once offering is over. */
typedef struct {
  guint64 *key;
  guint len, cap;
} TopList;

/* Keeps @key in @t, which has room or whose worst kept it beats. */
static void top_insert(TopList *t, guint64 key) {
  guint64 *h = t->key;
  if (t->len < t->cap) { /* room: sift up from the end */
    guint k = t->len++;
    while (k > 0 && h[(k - 1) / 2] > key) {
      h[k] = h[(k - 1) / 2];
      k = (k - 1) / 2;
    }
    h[k] = key;
    return;
  }
  guint k = 0; /* replaces the worst: sift down from the root */
  for (;;) {
    guint child = 2 * k + 1;
    if (child >= t->len)
      break;
    if (child + 1 < t->len)
      child += h[child + 1] < h[child]; /* the worse child */
    if (key <= h[child])
      break;
    h[k] = h[child];
    k = child;
  }
  h[k] = key;
}

/* Offers @key to @t. Inline: most offers to a full list fall below its
 * worst kept, and one compare tells. */
static inline void top_offer(TopList *t, guint64 key) {
  if (t->len == t->cap && (t->cap == 0 || key <= t->key[0]))
    return;
  top_insert(t, key);
}

static int compare_keys_down(const void *a, const void *b) {
  guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
  return (x < y) - (x > y);
}

static void top_sort(guint64 *key, guint len) {
  if (len > 1) /* an empty list may have no data: no address */
    qsort(key, len, sizeof *key, compare_keys_down);
}

MmMentorTops *mm_i_mentor_tops_new(const guint *capacity, guint n_mentors,
                                  guint per_place) {
  g_return_val_if_fail(per_place > 0, NULL); /* a list is never empty */
  MmMentorTops *tops = g_new0(MmMentorTops, 1);
  tops->n_mentors = n_mentors;
  tops->start = g_new0(guint, n_mentors + 1);
  for (guint j = 0; j < n_mentors; j++)
    tops->start[j + 1] = tops->start[j] + per_place * (capacity[j] + 1);
  tops->key = g_new(guint64, MAX(tops->start[n_mentors], 1));
  tops->len = g_new0(guint, MAX(n_mentors, 1));
  tops->floor = g_new0(guint64, MAX(n_mentors, 1)); /* 0: below any key */
  return tops;
}

void mm_i_mentor_tops_free(MmMentorTops *tops) {
  if (tops == NULL)
    return;
  g_free(tops->start);
  g_free(tops->key);
  g_free(tops->len);
  g_free(tops->floor);
  g_free(tops);
}

void mm_i_mentor_tops_insert(MmMentorTops *tops, guint mentor, guint64 key) {
  TopList t = {tops->key + tops->start[mentor], tops->len[mentor],
               tops->start[mentor + 1] - tops->start[mentor]};
  top_offer(&t, key);
  tops->len[mentor] = t.len;
  if (t.len == t.cap)
    tops->floor[mentor] = t.key[0]; /* the worst kept */
}

void mm_i_mentor_tops_merge(MmMentorTops *into, const MmMentorTops *from) {
  for (guint j = 0; j < from->n_mentors; j++)
    for (guint k = 0; k < from->len[j]; k++)
      mm_i_mentor_tops_insert(into, j, from->key[from->start[j] + k]);
}

void mm_i_mentor_tops_collect(MmMentorTops *tops, GArray *out) {
  for (guint j = 0; j < tops->n_mentors; j++) {
    guint64 *key = tops->key + tops->start[j];
    top_sort(key, tops->len[j]);
    for (guint k = 0; k < tops->len[j]; k++) {
      MmCandidate c = {mm_i_rank_key_other(key[k]), j,
                       mm_i_rank_key_value(key[k])};
      g_array_append_val(out, c);
    }
  }
}

void mm_i_row_top(const MmCandidate *row, guint n, guint k, GArray *out) {
  guint64 *buffer = g_new(guint64, MAX(k, 1));
  TopList t = {buffer, 0, k};
  for (guint e = 0; e < n; e++)
    top_offer(&t, mm_i_rank_key(row[e].value, row[e].mentor));
  top_sort(buffer, t.len);
  for (guint e = 0; e < t.len; e++) {
    MmCandidate c = {row[0].mentee, mm_i_rank_key_other(buffer[e]),
                     mm_i_rank_key_value(buffer[e])};
    g_array_append_val(out, c);
  }
  g_free(buffer);
}

/* ---- candidate problems ---- */

/* @pairs grouped by mentee and, within a mentee, by mentor: two stable
 * counting sorts (by mentor, then by mentee), in O(n + mentors + mentees)
 * where a comparison sort of every candidate was a third of the serial
 * time between two pricing passes. Pairs offered twice stay in the order
 * offered. Returns the sorted copy; @row_start (n_mentees + 1) gets each
 * mentee's first. */
static MmCandidate *group_by_mentee_mentor(const MmProblem *p,
                                           const MmCandidate *pairs, gsize n,
                                           guint *row_start) {
  MmCandidate *by_mentor = g_new(MmCandidate, MAX(n, 1));
  MmCandidate *sorted = g_new(MmCandidate, MAX(n, 1));
  guint *next = g_new0(guint, p->n_mentors + 1);
  for (gsize k = 0; k < n; k++)
    next[pairs[k].mentor + 1]++;
  for (guint j = 0; j < p->n_mentors; j++)
    next[j + 1] += next[j];
  for (gsize k = 0; k < n; k++)
    by_mentor[next[pairs[k].mentor]++] = pairs[k];
  memset(row_start, 0, sizeof(guint) * (p->n_mentees + 1));
  for (gsize k = 0; k < n; k++)
    row_start[by_mentor[k].mentee + 1]++;
  for (guint i = 0; i < p->n_mentees; i++)
    row_start[i + 1] += row_start[i];
  guint *fill = g_memdup2(row_start, sizeof(guint) * MAX(p->n_mentees, 1));
  for (gsize k = 0; k < n; k++)
    sorted[fill[by_mentor[k].mentee]++] = by_mentor[k];
  g_free(fill);
  g_free(next);
  g_free(by_mentor);
  return sorted;
}

void mm_i_candidates_add(MmProblem *p, const MmCandidate *pairs, gsize n) {
  guint *new_start = g_new(guint, p->n_mentees + 1);
  MmCandidate *added = group_by_mentee_mentor(p, pairs, n, new_start);
  gsize most = p->row_start[p->n_mentees] + n;
  guint *mentor = g_new(guint, MAX(most, 1));
  gint32 *value = g_new(gint32, MAX(most, 1));
  gsize out = 0;
  /* Each row: its pairs so far (in mentor order, each once) merged with
   * the new ones; a pair already there, or offered twice, is kept once,
   * as first offered. */
  for (guint i = 0; i < p->n_mentees; i++) {
    guint e = p->row_start[i], e_end = p->row_start[i + 1];
    guint k = new_start[i], k_end = new_start[i + 1];
    p->row_start[i] = (guint)out;
    while (e < e_end || k < k_end) {
      if (k == k_end || (e < e_end && p->mentor[e] <= added[k].mentor)) {
        while (k < k_end && added[k].mentor == p->mentor[e])
          k++; /* already there */
        mentor[out] = p->mentor[e];
        value[out++] = p->value[e++];
      } else {
        mentor[out] = added[k].mentor;
        value[out++] = added[k].value;
        guint j = added[k].mentor;
        while (k < k_end && added[k].mentor == j)
          k++; /* offered twice */
      }
    }
  }
  p->row_start[p->n_mentees] = (guint)out;
  g_free(p->mentor);
  g_free(p->value);
  p->mentor = mentor;
  p->value = value;
  g_free(added);
  g_free(new_start);
}

MmProblem *mm_i_candidates_new(const MmProblem *shape) {
  MmProblem *p = g_new0(MmProblem, 1);
  p->n_mentees = shape->n_mentees;
  p->n_mentors = shape->n_mentors;
  p->row_start = g_new0(guint, shape->n_mentees + 1);
  p->mentor = g_new(guint, 1);
  p->value = g_new(gint32, 1);
  p->capacity = g_memdup2(shape->capacity, sizeof(guint) * MAX(shape->n_mentors, 1));
  p->priority = g_memdup2(shape->priority, sizeof(guint8) * MAX(shape->n_mentees, 1));
  p->active = g_memdup2(shape->active, sizeof(gboolean) * MAX(shape->n_mentees, 1));
  p->count_first = shape->count_first;
  p->value_max = shape->value_max;
  return p;
}

static void full_row(const MmProblem *full, guint i, GArray *row) {
  g_array_set_size(row, 0);
  for (guint e = full->row_start[i]; e < full->row_start[i + 1]; e++) {
    MmCandidate c = {i, full->mentor[e], full->value[e]};
    g_array_append_val(row, c);
  }
}

MmProblem *mm_i_candidates_from_full(const MmProblem *full, guint k,
                                   guint per_place) {
  MmProblem *p = mm_i_candidates_new(full);
  MmMentorTops *tops =
      mm_i_mentor_tops_new(full->capacity, full->n_mentors, per_place);
  GArray *chosen = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  GArray *row = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  for (guint i = 0; i < full->n_mentees; i++) {
    if (!full->active[i])
      continue;
    full_row(full, i, row);
    mm_i_row_top((MmCandidate *)row->data, row->len, k, chosen);
    for (guint e = 0; e < row->len; e++)
      mm_i_mentor_tops_offer(tops, &g_array_index(row, MmCandidate, e));
  }
  mm_i_mentor_tops_collect(tops, chosen);
  mm_i_candidates_add(p, (MmCandidate *)chosen->data, chosen->len);
  g_array_free(row, TRUE);
  g_array_free(chosen, TRUE);
  mm_i_mentor_tops_free(tops);
  return p;
}

/* ---- pricing ---- */

/* Whether violation @a prices out further than @b (ties by mentor: a row
 * holds each mentor once). */
static gboolean violation_better(const MmViolation *a, const MmViolation *b) {
  if (a->profit != b->profit)
    return a->profit > b->profit;
  return a->pair.mentor < b->pair.mentor;
}

void mm_i_candidates_mark(const MmProblem *candidates, guint mentee,
                        guint *mark) {
  for (guint e = candidates->row_start[mentee];
       e < candidates->row_start[mentee + 1]; e++)
    mark[candidates->mentor[e]] = mentee + 1;
}

gsize mm_i_price_row(MmPriceRequest *r, guint mentee, const guint *mentor,
                   const gint32 *value, guint n, const guint *mark,
                   MmViolation *best) {
  const MmCost pot = r->duals->mentee[mentee];
  gsize violated = 0;
  guint kept = 0; /* best[0..kept): the furthest so far, furthest first */
  for (guint e = 0; e < n; e++) {
    guint j = mentor[e];
    MmCost profit = (MmCost)value[e] - (pot - r->duals->mentor[j]);
    if (profit <= 0 || mark[j] == mentee + 1) /* or a candidate */
      continue;
    violated++;
    MmViolation v = {{mentee, j, value[e]}, profit};
    if (kept == r->per_mentee && !violation_better(&v, &best[kept - 1]))
      continue;
    guint k = kept < r->per_mentee ? kept++ : kept - 1;
    for (; k > 0 && violation_better(&v, &best[k - 1]); k--)
      best[k] = best[k - 1];
    best[k] = v;
  }
  for (guint k = 0; k < kept; k++)
    g_array_append_val(r->found, best[k].pair);
  return violated;
}

MmCost mm_i_price_row_slack(const MmPriceRequest *r, guint mentee,
                          const guint *mentor, const gint32 *value, guint n,
                          const guint *mark) {
  const MmCost pot = r->duals->mentee[mentee];
  MmCost slack = MM_COST_MAX;
  for (guint e = 0; e < n; e++) {
    guint j = mentor[e];
    MmCost reduced = pot - r->duals->mentor[j] - (MmCost)value[e];
    if (reduced >= 0 && reduced < slack && mark[j] != mentee + 1)
      slack = reduced;
  }
  return slack;
}

gsize mm_i_price_full(gpointer full_problem, MmPriceRequest *r) {
  const MmProblem *full = full_problem;
  gsize violated = 0;
  MmViolation *best = g_new(MmViolation, r->per_mentee);
  guint *mark = g_new0(guint, MAX(full->n_mentors, 1));
  for (guint i = 0; i < full->n_mentees; i++) {
    if (!full->active[i])
      continue;
    guint start = full->row_start[i], n = full->row_start[i + 1] - start;
    mm_i_candidates_mark(r->candidates, i, mark);
    violated += mm_i_price_row(r, i, full->mentor + start, full->value + start,
                             n, mark, best);
    r->priced += n;
  }
  g_free(mark);
  g_free(best);
  return violated;
}

gint64 mm_i_cpu_usec(void) {
  struct timespec t;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0)
    return 0;
  return (gint64)t.tv_sec * G_USEC_PER_SEC + t.tv_nsec / 1000;
}

void mm_i_solve_optimal_priced(MmProblem *candidates, MmPriceFunc price,
                             gpointer price_data, guint per_mentee,
                             gint *mentor_of, MmPricing *pricing) {
  g_return_if_fail(per_mentee >= 1);
  MmPricing stats = {0};
  stats.round = g_array_new(FALSE, TRUE, sizeof(MmPricingRound));
  GArray *found = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  gint64 start = mm_i_cpu_usec();
  MmSimplexSolver *solver = mm_i_simplex_solver_new(candidates);
  MmPricingRound round = {.pivots = mm_i_simplex_solver_pivots(solver)};
  for (;;) {
    MmDuals duals = {0};
    mm_i_simplex_solver_result(solver, mentor_of, &duals);
    gint64 solved = mm_i_cpu_usec();
    round.solve_usec = solved - start;
    round.candidates = candidates->row_start[candidates->n_mentees];
    stats.rounds++;
    stats.candidates = round.candidates;
    g_array_set_size(found, 0);
    MmPriceRequest request = {candidates, &duals, per_mentee, found, 0};
    gsize violated = price(price_data, &request);
    mm_i_duals_free(&duals);
    round.pairs_priced = request.priced;
    round.pairs_added = violated > 0 ? found->len : 0;
    start = mm_i_cpu_usec();
    round.price_usec = start - solved;
    g_array_append_val(stats.round, round);
    stats.pairs_priced += round.pairs_priced;
    if (violated == 0)
      break;
    stats.pairs_added += found->len;
    mm_i_candidates_add(candidates, (MmCandidate *)found->data, found->len);
    round = (MmPricingRound){0};
    round.pivots = mm_i_simplex_solver_update(solver, candidates);
  }
  mm_i_simplex_solver_free(solver);
  g_array_free(found, TRUE);
  if (pricing != NULL)
    *pricing = stats;
  else
    g_array_unref(stats.round);
}
