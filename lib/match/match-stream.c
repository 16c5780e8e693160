/* match-stream.c: greedy and stable on bounded candidate lists, rows scored
 * again on demand (see match-stream.h). */
#include "match-stream.h"
#include "criteria.h"
#include "match-rows.h"
#include "mentor-reach.h"
#include "mentor-side.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

/* A pair as the young person orders them: the stable mode's named mentors
 * first, in the order named (place), then by value, then by mentor. The
 * greedy mode orders by value alone (place 0 for all). */
typedef struct {
  gint32 place;
  gint32 value;
  guint mentor;
} Ranked;

static gboolean comes_before(const Ranked *a, const Ranked *b) {
  if (a->place != b->place)
    return a->place < b->place;
  if (a->value != b->value)
    return a->value > b->value;
  return a->mentor < b->mentor;
}

static int compare_ranked(const void *a, const void *b) {
  return comes_before(a, b) ? -1 : comes_before(b, a) ? 1 : 0;
}

/* Scratch for scoring one row, and each young person's list. */
typedef struct {
  const MmPool *pool;
  const MmConfig *config;
  gboolean stable;
  const guint *capacity; /* places left after the pins */
  /* The mentors a refill can find a place with: checks and training done
   * and a place left after the pins, by where they live (mentor-reach.h). */
  MmMentorReach *reach;
  guint *reach_buffer, *among;
  double *scores;
  guint32 *broken;
  guint *mentor;
  gint32 *units;
  Ranked *all;
  Ranked **list; /* per young person: the pairs kept now */
  guint *size;   /* how many the next refill keeps: doubles each time */
  guint *len, *pos;
  gboolean *last; /* the list holds the row's last pairs: no refill */
} Lists;

/* Mentors some young person can ever be given: those whose safeguarding
 * checks and training pass (rules on the mentor alone) and who have a place
 * left after the pins. */
static MmMentorReach *placeable_mentors(const MmPool *pool,
                                        const MmConfig *config,
                                        const guint *capacity) {
  const MmEncoding *enc = pool->encoding;
  guint *open = g_new(guint, MAX(enc->n_mentors, 1)), n_open = 0;
  for (guint j = 0; enc->n_mentees > 0 && j < enc->n_mentors; j++) {
    MmPair pair = mm_i_pair(enc, config, 0, j);
    if (capacity[j] > 0 &&
        (mm_i_rule_checks(&pair) | mm_i_rule_training(&pair)) == 0)
      open[n_open++] = j;
  }
  MmMentorReach *reach = mm_i_mentor_reach_new(enc, config, open, n_open, NULL);
  g_free(open);
  return reach;
}

static void lists_init(Lists *l, const MmPool *pool, const MmConfig *config,
                       const guint *capacity, gboolean stable) {
  guint n = mm_pool_n_mentees(pool), m = MAX(mm_pool_n_mentors(pool), 1);
  *l = (Lists){.pool = pool, .config = config, .stable = stable,
               .capacity = capacity};
  l->reach = placeable_mentors(pool, config, capacity);
  l->reach_buffer = g_new(guint, m);
  l->among = g_new(guint, m);
  l->scores = g_new(double, m);
  l->broken = g_new(guint32, m);
  l->mentor = g_new(guint, m);
  l->units = g_new(gint32, m);
  l->all = g_new(Ranked, m);
  l->list = g_new0(Ranked *, MAX(n, 1));
  l->size = g_new(guint, MAX(n, 1));
  for (guint i = 0; i < n; i++)
    l->size[i] = MM_STREAM_LIST;
  l->len = g_new0(guint, MAX(n, 1));
  l->pos = g_new0(guint, MAX(n, 1));
  l->last = g_new0(gboolean, MAX(n, 1));
}

static void lists_clear(Lists *l) {
  mm_i_mentor_reach_free(l->reach);
  g_free(l->reach_buffer);
  g_free(l->among);
  g_free(l->scores);
  g_free(l->broken);
  g_free(l->mentor);
  g_free(l->units);
  g_free(l->all);
  for (guint i = 0; i < mm_pool_n_mentees(l->pool); i++)
    g_free(l->list[i]);
  g_free(l->list);
  g_free(l->size);
  g_free(l->len);
  g_free(l->pos);
  g_free(l->last);
}

static Ranked *list_of(const Lists *l, guint i) { return l->list[i]; }

/* Fills young person @i's list with the next pairs of their row after
 * @after (NULL: from the start) whose mentor still has a place when @load
 * is given (greedy: a full mentor stays full). Only mentors within reach
 * who can take anyone are scored. Returns how many. */
static guint refill(Lists *l, guint i, const Ranked *after, const guint *load) {
  const MmEncoding *enc = l->pool->encoding;
  guint n_reach, n_among = 0;
  const guint *reach =
      mm_i_mentor_reach_of(l->reach, i, NULL, l->reach_buffer, &n_reach);
  for (guint k = 0; k < n_reach; k++)
    if (load == NULL || load[reach[k]] < l->capacity[reach[k]])
      l->among[n_among++] = reach[k];
  guint n = mm_i_row_eligible(l->pool, l->config, i, l->among, n_among,
                            l->scores, l->broken, l->mentor, l->units);
  mm_i_value_from_scores(enc, l->config, i, l->mentor, l->units, n);
  guint kept = 0;
  for (guint k = 0; k < n; k++) {
    guint j = l->mentor[k];
    gint32 place = 0;
    if (l->stable) {
      MmPair pair = mm_i_pair(enc, l->config, i, j);
      gint named = mm_i_pair_named_place(&pair);
      place = named >= 0 ? named : G_MAXINT32;
    }
    Ranked r = {place, l->units[k], j};
    if (after == NULL || comes_before(after, &r))
      l->all[kept++] = r;
  }
  qsort(l->all, kept, sizeof(Ranked), compare_ranked);
  guint take = MIN(kept, l->size[i]);
  /* A young person who needs a second list may need many: each refill
   * keeps twice as many, so a row is scored again O(log pairs) times. */
  if (after != NULL)
    l->size[i] = MIN(l->size[i] * 2, MM_STREAM_LIST_MAX);
  l->list[i] = g_renew(Ranked, l->list[i], MAX(take, 1));
  memcpy(l->list[i], l->all, take * sizeof(Ranked));
  l->len[i] = take;
  l->pos[i] = 0;
  l->last[i] = kept <= take;
  return take;
}

/* The young person's next pair, refilling the list when it runs out; NULL
 * when the row has no more. */
static const Ranked *next_pair(Lists *l, guint i, const guint *load) {
  if (l->pos[i] == l->len[i]) {
    if (l->last[i] || l->len[i] == 0)
      return NULL;
    Ranked after = list_of(l, i)[l->len[i] - 1];
    if (refill(l, i, &after, load) == 0)
      return NULL;
  }
  return &list_of(l, i)[l->pos[i]];
}

/* ---- greedy: the merge of every row's order ---- */

/* Whether young person @a's next pair goes before @b's in greedy's global
 * order: higher value, then earlier young person, then earlier mentor. */
static gboolean head_before(const Lists *l, guint a, guint b) {
  const Ranked *x = &list_of(l, a)[l->pos[a]], *y = &list_of(l, b)[l->pos[b]];
  if (x->value != y->value)
    return x->value > y->value;
  if (a != b)
    return a < b;
  return x->mentor < y->mentor;
}

static void sift_down(const Lists *l, guint *heap, guint n, guint k) {
  for (;;) {
    guint best = k, c = 2 * k + 1;
    if (c < n && head_before(l, heap[c], heap[best]))
      best = c;
    if (c + 1 < n && head_before(l, heap[c + 1], heap[best]))
      best = c + 1;
    if (best == k)
      return;
    guint t = heap[k];
    heap[k] = heap[best];
    heap[best] = t;
    k = best;
  }
}

static void greedy(Lists *l, const MmProblem *shape, guint *load,
                   gint *mentor_of) {
  guint *heap = g_new(guint, MAX(shape->n_mentees, 1));
  guint n = 0;
  for (guint i = 0; i < shape->n_mentees; i++)
    if (shape->active[i] && refill(l, i, NULL, load) > 0)
      heap[n++] = i;
  for (guint k = n / 2; k-- > 0;)
    sift_down(l, heap, n, k);
  while (n > 0) {
    guint i = heap[0];
    const Ranked *pair = &list_of(l, i)[l->pos[i]];
    if (load[pair->mentor] < shape->capacity[pair->mentor]) {
      mentor_of[i] = (gint)pair->mentor;
      load[pair->mentor]++;
      heap[0] = heap[--n]; /* matched: out of the merge */
    } else {
      l->pos[i]++;
      if (next_pair(l, i, load) == NULL)
        heap[0] = heap[--n]; /* nothing left: unmatched */
    }
    sift_down(l, heap, n, 0);
  }
  g_free(heap);
}

/* ---- stable: mentee-proposing deferred acceptance ---- */

static void stable(Lists *l, const MmProblem *shape, guint *load,
                   gint *mentor_of) {
  const guint m = shape->n_mentors;
  guint *slot_start = g_new0(guint, m + 1);
  for (guint j = 0; j < m; j++)
    slot_start[j + 1] = slot_start[j] + shape->capacity[j];
  guint *holder = g_new(guint, MAX(slot_start[m], 1));
  gint32 *held_score = g_new(gint32, MAX(slot_start[m], 1));
  GQueue free_mentees = G_QUEUE_INIT;
  for (guint i = 0; i < shape->n_mentees; i++)
    if (shape->active[i] && refill(l, i, NULL, NULL) > 0)
      g_queue_push_tail(&free_mentees, GUINT_TO_POINTER(i));
  while (!g_queue_is_empty(&free_mentees)) {
    guint i = GPOINTER_TO_UINT(g_queue_pop_head(&free_mentees));
    const Ranked *pair = next_pair(l, i, NULL);
    if (pair == NULL)
      continue; /* every eligible mentor refused: unmatched */
    guint j = pair->mentor;
    l->pos[i]++;
    gint32 score = mm_i_score_to_units(
        mm_i_mentor_side_score(l->pool, l->config, i, j));
    guint *slots = holder + slot_start[j];
    gint32 *scores = held_score + slot_start[j];
    if (load[j] < shape->capacity[j]) {
      slots[load[j]] = i;
      scores[load[j]++] = score;
      mentor_of[i] = (gint)j;
      continue;
    }
    /* the mentor's least preferred: lowest score, then the later one */
    guint worst = 0;
    for (guint k = 1; k < load[j]; k++)
      if (scores[k] < scores[worst] ||
          (scores[k] == scores[worst] && slots[k] > slots[worst]))
        worst = k;
    if (load[j] > 0 && (score > scores[worst] ||
                        (score == scores[worst] && i < slots[worst]))) {
      guint rejected = slots[worst];
      mentor_of[rejected] = -1;
      g_queue_push_tail(&free_mentees, GUINT_TO_POINTER(rejected));
      slots[worst] = i;
      scores[worst] = score;
      mentor_of[i] = (gint)j;
    } else {
      g_queue_push_tail(&free_mentees, GUINT_TO_POINTER(i));
    }
  }
  g_free(slot_start);
  g_free(holder);
  g_free(held_score);
}

/* ---- what the result reads afterwards ---- */

/* Each active young person's given pair and named eligible pairs. */
static MmProblem *named_problem(Lists *l, const MmProblem *shape,
                                const gint *mentor_of) {
  const MmEncoding *enc = l->pool->encoding;
  MmProblem *p = mm_i_candidates_new(shape);
  GArray *pairs = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  guint *among = g_new(guint, MAX(mm_pool_n_mentors(l->pool), 1));
  for (guint i = 0; i < shape->n_mentees; i++) {
    if (!shape->active[i])
      continue;
    const MmMenteeCode *a = &enc->mentees[i];
    guint n_among = 0;
    for (guint k = 0; k < a->n_named; k++)
      among[n_among++] = a->named[k].mentor;
    if (mentor_of[i] >= 0)
      among[n_among++] = (guint)mentor_of[i];
    guint n = mm_i_row_eligible(l->pool, l->config, i, among, n_among,
                              l->scores, l->broken, l->mentor, l->units);
    mm_i_value_from_scores(enc, l->config, i, l->mentor, l->units, n);
    for (guint k = 0; k < n; k++) {
      MmCandidate c = {i, l->mentor[k], l->units[k]};
      g_array_append_val(pairs, c);
    }
  }
  mm_i_candidates_add(p, (MmCandidate *)pairs->data, pairs->len);
  g_array_free(pairs, TRUE);
  g_free(among);
  return p;
}

void mm_i_stream_solve(const MmPool *pool, const MmConfig *config,
                     const MmProblem *shape, gboolean stable_mode,
                     gint *mentor_of, MmProblem **named) {
  Lists l;
  lists_init(&l, pool, config, shape->capacity, stable_mode);
  guint *load = g_new0(guint, MAX(shape->n_mentors, 1));
  for (guint i = 0; i < shape->n_mentees; i++)
    mentor_of[i] = -1;
  if (stable_mode)
    stable(&l, shape, load, mentor_of);
  else
    greedy(&l, shape, load, mentor_of);
  *named = named_problem(&l, shape, mentor_of);
  g_free(load);
  lists_clear(&l);
}
