/* match-stream.c: greedy and stable on bounded candidate lists, rows scored
 * again on demand (see match-stream.h). */
#include "match-stream.h"
#include "criteria.h"
#include "match-rows.h"
#include "mentor-reach.h"
#include "mentor-side.h"
#include "value.h"

#include <string.h>

/* Refills run in batches shared out between threads in blocks of this many
 * young people. */
#define BATCH_BLOCK 8

/* Greedy refills an eighth of the young people still in play at a time
 * (choose_batch()), within these bounds: enough to share out between
 * threads, few enough that the lists they take stay small. */
#define GREEDY_BATCH_MIN 64
#define GREEDY_BATCH_MAX 4096

/* A pair as the young person orders them: the stable mode's named mentors
 * first, in the order named (place), then by value, then by mentor. The
 * greedy mode orders by value alone (place 0 for all). The stable mode
 * also keeps the pair's score from the mentor's side, in units. */
typedef struct {
  gint32 place;
  gint32 value;
  guint mentor;
  gint32 mentor_score;
} Ranked;

static inline gboolean comes_before(const Ranked *a, const Ranked *b) {
  if (a->place != b->place)
    return a->place < b->place;
  if (a->value != b->value)
    return a->value > b->value;
  return a->mentor < b->mentor;
}

static inline void swap_ranked(Ranked *a, Ranked *b) {
  Ranked t = *a;
  *a = *b;
  *b = t;
}

/* Hoare partition of @a[0..n) (n >= 2) around its median of three:
 * returns p with a[0..p) not after the pivot and a[p..n) not before it,
 * 0 < p < n. */
static guint partition_ranked(Ranked *a, guint n) {
  guint mid = n / 2;
  if (comes_before(&a[mid], &a[0]))
    swap_ranked(&a[mid], &a[0]);
  if (comes_before(&a[n - 1], &a[0]))
    swap_ranked(&a[n - 1], &a[0]);
  if (comes_before(&a[n - 1], &a[mid]))
    swap_ranked(&a[n - 1], &a[mid]);
  Ranked pivot = a[mid];
  guint i = 0, j = n - 1;
  for (;;) {
    while (comes_before(&a[i], &pivot))
      i++;
    while (comes_before(&pivot, &a[j]))
      j--;
    if (i >= j)
      return j + 1 < n ? j + 1 : n - 1;
    swap_ranked(&a[i], &a[j]);
    i++;
    j--;
  }
}

static void insertion_sort_ranked(Ranked *a, guint n) {
  for (guint k = 1; k < n; k++) {
    Ranked x = a[k];
    guint p = k;
    for (; p > 0 && comes_before(&x, &a[p - 1]); p--)
      a[p] = a[p - 1];
    a[p] = x;
  }
}

/* Puts the @k first of @a[0..n) in order at its start (the rest after them
 * in no order): a refill needs the next few pairs of a row, not the whole
 * row in order. Time: O(n + k log k) expected. */
static void order_first(Ranked *a, guint n, guint k) {
  while (n > 16) {
    guint p = partition_ranked(a, n);
    if (k < p) {
      n = p; /* all of the first k are in a[0..p) */
    } else {
      /* a[0..p) are all among the first k: order them, go on after */
      order_first(a, p, p);
      a += p;
      n -= p;
      k -= p;
      if (k == 0)
        return;
    }
  }
  insertion_sort_ranked(a, n);
}

/* What one thread needs to score a row. */
typedef struct {
  MmRowBuffers row;
  gint32 *score_units; /* a copy of row.units before they become values */
  Ranked *all;
  guint *reach_buffer;
} Scratch;

static void scratch_init(Scratch *s, guint m) {
  mm_i_row_buffers_init(&s->row, m);
  s->score_units = g_new(gint32, m);
  s->all = g_new(Ranked, m);
  s->reach_buffer = g_new(guint, m);
}

static void scratch_clear(Scratch *s) {
  mm_i_row_buffers_clear(&s->row);
  g_free(s->score_units);
  g_free(s->all);
  g_free(s->reach_buffer);
}

/* Each young person's list, and what refills read. */
typedef struct {
  const MmPool *pool;
  const MmConfig *config;
  gboolean stable;
  const guint *capacity; /* places left after the pins */
  const gboolean *active;
  /* The mentors some pair can be eligible with: checks and training done,
   * by where they live (mentor-reach.h). */
  MmMentorReach *reach;
  /* The first fill only: each row's summary (every young person's, pinned
   * or not), and who hears how far it got. */
  MmRowSummary *summaries;
  MmProgressFunc progress;
  gpointer progress_data;
  guint n_threads;
  Scratch *scratch; /* one per thread */
  Ranked **list;    /* per young person: the pairs kept now */
  guint *size;      /* how many the next refill keeps: doubles each time */
  guint *len, *pos;
  gboolean *last;   /* every pair of the row has been walked: no refill */
  Ranked *walked;   /* the last pair of the row a refill walked */
  gboolean *started;
  /* The state refills read; changed only between batches. */
  const guint *load;
  /* greedy: a refill also keeps every pair that comes before this one in
   * the global order (greedy_before()); none when has_bound is FALSE */
  gboolean has_bound;
  Ranked bound;
  guint bound_row;
  const gint32 *worst_score;  /* stable: of a full mentor's least preferred */
  const guint *worst_holder;
} Lists;

/* Mentors some pair can be eligible with: those whose safeguarding checks
 * and training pass (rules on the mentor alone), by where they live. */
static MmMentorReach *open_mentors(const MmPool *pool, const MmConfig *config) {
  guint n_open;
  guint *open = mm_i_open_mentors(pool, config, &n_open);
  MmMentorReach *reach =
      mm_i_mentor_reach_new(pool->encoding, config, open, n_open);
  g_free(open);
  return reach;
}

static void lists_init(Lists *l, const MmPool *pool, const MmConfig *config,
                       const MmProblem *shape, gboolean stable,
                       guint n_threads) {
  guint n = MAX(mm_pool_n_mentees(pool), 1),
        m = MAX(mm_pool_n_mentors(pool), 1);
  *l = (Lists){.pool = pool, .config = config, .stable = stable,
               .capacity = shape->capacity, .active = shape->active};
  l->reach = open_mentors(pool, config);
  l->n_threads = n_threads > 0 ? n_threads : g_get_num_processors();
  l->scratch = g_new(Scratch, l->n_threads);
  for (guint t = 0; t < l->n_threads; t++)
    scratch_init(&l->scratch[t], m);
  l->list = g_new0(Ranked *, n);
  l->size = g_new(guint, n);
  for (guint i = 0; i < n; i++)
    l->size[i] = MM_STREAM_LIST;
  l->len = g_new0(guint, n);
  l->pos = g_new0(guint, n);
  l->last = g_new0(gboolean, n);
  l->walked = g_new(Ranked, n);
  l->started = g_new0(gboolean, n);
}

static void lists_clear(Lists *l) {
  mm_i_mentor_reach_free(l->reach);
  for (guint t = 0; t < l->n_threads; t++)
    scratch_clear(&l->scratch[t]);
  g_free(l->scratch);
  for (guint i = 0; i < mm_pool_n_mentees(l->pool); i++)
    g_free(l->list[i]);
  g_free(l->list);
  g_free(l->size);
  g_free(l->len);
  g_free(l->pos);
  g_free(l->last);
  g_free(l->walked);
  g_free(l->started);
}

/* Whether proposing to mentor @r->mentor can still get young person @i a
 * place (stable): a full mentor keeps its least preferred holder unless the
 * newcomer ranks above them, and a full mentor's least preferred holder
 * only ever gets better in deferred acceptance, so a young person who
 * would be refused now would be refused at any later time: their pair can
 * be passed over for good. */
static gboolean may_be_held(const Lists *l, guint i, const Ranked *r) {
  guint j = r->mentor;
  if (l->load[j] < l->capacity[j])
    return TRUE;
  return r->mentor_score > l->worst_score[j] ||
         (r->mentor_score == l->worst_score[j] && i < l->worst_holder[j]);
}

/* Whether young person @a's pair @x comes before young person @b's pair @y
 * in greedy's global order: higher value, then earlier young person, then
 * earlier mentor. */
static inline gboolean greedy_before(guint a, const Ranked *x, guint b,
                                     const Ranked *y) {
  if (x->value != y->value)
    return x->value > y->value;
  if (a != b)
    return a < b;
  return x->mentor < y->mentor;
}

/* Whether a refill of young person @i must keep pair @r whatever the
 * list's size (greedy_before() the batch's bound). */
static inline gboolean before_bound(const Lists *l, guint i, const Ranked *r) {
  return l->has_bound && greedy_before(i, r, l->bound_row, &l->bound);
}

/* Whether mentor @j has a place a refill can offer: one left after the
 * pins, and in greedy not yet taken (a full mentor stays full). */
static inline gboolean has_place(const Lists *l, guint j) {
  return l->capacity[j] > (l->stable ? 0 : l->load[j]);
}

/* Adds to young person @i's list the next pairs of their row after the
 * last one walked, at least the list's size and every pair before the
 * bound (before_bound()): those whose mentor has a place (has_place()),
 * and in stable those whose mentor may still hold them (may_be_held()).
 * Pairs of the list not yet tried stay at its front (greedy, whose mentors
 * still have a place). Only mentors within reach are scored, on a refill
 * only those with a place. The first fill also summarises the row, for
 * every young person; a pinned one gets no list. Reads the state only:
 * refills of different young people run at the same time. */
static void refill(Lists *l, Scratch *s, guint i) {
  const MmEncoding *enc = l->pool->encoding;
  gboolean first = l->summaries != NULL;
  guint n_reach, n_among = 0;
  const guint *reach =
      mm_i_mentor_reach_of(l->reach, i, s->reach_buffer, &n_reach);
  for (guint k = 0; k < n_reach; k++)
    if (first || has_place(l, reach[k]))
      s->row.among[n_among++] = reach[k];
  guint n = mm_i_row_eligible(l->pool, l->config, i, s->row.among, n_among,
                              s->row.scores, s->row.broken, s->row.mentor, s->row.units);
  if (first)
    memcpy(s->score_units, s->row.units, n * sizeof *s->row.units);
  mm_i_value_from_scores(enc, l->config, i, s->row.mentor, s->row.units, n);
  if (first)
    mm_i_row_summarise(s->row.mentor, s->score_units, s->row.units, n,
                       &l->summaries[i]);
  if (!l->active[i])
    return;
  guint n_after = 0;
  for (guint k = 0; k < n; k++) {
    guint j = s->row.mentor[k];
    if (!has_place(l, j))
      continue;
    gint32 place = 0;
    if (l->stable) {
      MmPair pair = mm_i_pair(enc, l->config, i, j);
      gint named = mm_i_pair_named_place(&pair);
      place = named >= 0 ? named : G_MAXINT32;
    }
    Ranked r = {place, s->row.units[k], j, 0};
    if (!l->started[i] || comes_before(&l->walked[i], &r))
      s->all[n_after++] = r;
  }
  /* Walk the row in order, a chunk at a time, until the list is full. The
   * pairs kept move to the front of s->all (never past the walk). */
  guint size = l->size[i], kept = 0, done = 0, ordered = 0, chunk = size / 2;
  while (done < n_after) {
    if (done == ordered) {
      /* chunks double: a walk that passes many pairs over orders O(n) */
      chunk = MIN(MAX(size > kept ? size - kept : 1, 2 * chunk),
                  n_after - done);
      order_first(s->all + done, n_after - done, chunk);
      ordered = done + chunk;
    }
    Ranked r = s->all[done];
    if (kept >= size && !before_bound(l, i, &r))
      break;
    done++;
    l->walked[i] = r;
    if (l->stable) {
      r.mentor_score = mm_i_score_to_units(
          mm_i_mentor_side_score(l->pool, l->config, i, r.mentor));
      if (!may_be_held(l, i, &r))
        continue;
    }
    s->all[kept++] = r; /* kept <= done: never past the walk */
  }
  /* A young person who needs a second list may need many: each refill
   * keeps twice as many, so a row is scored again O(log pairs) times. */
  if (l->started[i])
    l->size[i] = MIN(l->size[i] * 2, MM_STREAM_LIST_MAX);
  l->started[i] = TRUE;
  Ranked *list = l->list[i];
  guint tail = 0;
  for (guint k = l->pos[i]; k < l->len[i]; k++)
    if (l->load[list[k].mentor] < l->capacity[list[k].mentor])
      list[tail++] = list[k];
  list = g_renew(Ranked, list, MAX(tail + kept, 1));
  memcpy(list + tail, s->all, kept * sizeof(Ranked));
  l->list[i] = list;
  l->len[i] = tail + kept;
  l->pos[i] = 0;
  l->last[i] = done == n_after;
}

/* ---- refills in batches, shared out between threads ---- */

typedef struct {
  Lists *lists;
  const guint *rows;
  guint n_rows;
  gint next; /* atomic */
} Batch;

typedef struct {
  Batch *batch;
  Scratch *scratch;
  gboolean report; /* the calling thread reports progress, if asked */
} BatchWorker;

static gpointer batch_work(gpointer data) {
  BatchWorker *w = data;
  Batch *b = w->batch;
  const Lists *l = b->lists;
  for (;;) {
    gint start = g_atomic_int_add(&b->next, BATCH_BLOCK);
    if (start >= (gint)b->n_rows)
      return NULL;
    guint end = MIN((guint)start + BATCH_BLOCK, b->n_rows);
    for (guint k = (guint)start; k < end; k++)
      refill(b->lists, w->scratch, b->rows[k]);
    if (w->report && l->progress != NULL)
      l->progress((double)end / b->n_rows, l->progress_data);
  }
}

/* Refills the lists of @rows[0..n), in parallel: each refill reads the
 * state and writes only its own young person's list, so the lists do not
 * depend on the number of threads. */
static void refill_batch(Lists *l, const guint *rows, guint n) {
  Batch batch = {l, rows, n, 0};
  guint n_threads = MIN(l->n_threads, MAX(1, n / (4 * BATCH_BLOCK)));
  BatchWorker *workers = g_new(BatchWorker, n_threads);
  GThread **threads = g_new0(GThread *, n_threads);
  for (guint t = 0; t < n_threads; t++)
    workers[t] = (BatchWorker){&batch, &l->scratch[t], t == 0};
  for (guint t = 1; t < n_threads; t++) /* fewer is slower, never wrong */
    threads[t] = g_thread_try_new("mm-refill", batch_work, &workers[t], NULL);
  batch_work(&workers[0]);
  for (guint t = 1; t < n_threads; t++)
    if (threads[t] != NULL)
      g_thread_join(threads[t]);
  g_free(threads);
  g_free(workers);
}

/* The active young people. */
static guint *active_rows(const MmProblem *shape, guint *n) {
  guint *rows = g_new(guint, MAX(shape->n_mentees, 1));
  *n = 0;
  for (guint i = 0; i < shape->n_mentees; i++)
    if (shape->active[i])
      rows[(*n)++] = i;
  return rows;
}

/* ---- greedy: the merge of every row's order ---- */

/* Whether young person @a's next pair goes before @b's in greedy's global
 * order. */
static gboolean head_before(const Lists *l, guint a, guint b) {
  return greedy_before(a, &l->list[a][l->pos[a]], b, &l->list[b][l->pos[b]]);
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

/* Of the young people @rows[0..n) still in play (unmatched, pairs left
 * unwalked), chooses those whose last walked pair comes first in the
 * global order, moves them to the front and returns how many, setting the
 * lists' bound to the last of them (none when every one is chosen: each
 * list then takes its size). */
static guint choose_batch(Lists *l, guint *rows, guint n, Ranked *keys) {
  for (guint k = 0; k < n; k++) /* mentor: the row, ordered as greedy's */
    keys[k] = (Ranked){0, l->walked[rows[k]].value, rows[k], 0};
  guint take = MIN(n, CLAMP(n / 8, GREEDY_BATCH_MIN, GREEDY_BATCH_MAX));
  l->has_bound = take < n;
  order_first(keys, n, take);
  for (guint k = 0; k < n; k++)
    rows[k] = keys[k].mentor;
  if (l->has_bound) {
    l->bound_row = rows[take - 1];
    l->bound = l->walked[l->bound_row];
  }
  return take;
}

/* Greedy's global order, the merge of every row's order, taken down in
 * steps: the heap merges the lists while its head comes before the last
 * walked pair of every row that still has pairs unwalked (none of their
 * unwalked pairs can come before it); then the rows whose walked pairs
 * come first are refilled at once, in parallel, down to
 * the last of them (choose_batch()), which takes the merge past it. Pairs
 * with a full mentor are left out of refills: a full mentor stays full, so
 * greedy would pass them over. */
static void greedy(Lists *l, const MmProblem *shape, guint *load,
                   gint *mentor_of) {
  guint n_rows = 0;
  guint *rows = active_rows(shape, &n_rows); /* those still in play */
  guint *heap = g_new(guint, MAX(n_rows, 1));
  Ranked *keys = g_new(Ranked, MAX(n_rows, 1));
  for (;;) {
    guint n = 0, in_play = 0;
    gint limit = -1; /* the row whose walked pair comes first, if any */
    for (guint k = 0; k < n_rows; k++) {
      guint i = rows[k];
      if (mentor_of[i] >= 0 || (l->last[i] && l->pos[i] == l->len[i]))
        continue;
      rows[in_play++] = i;
      if (l->pos[i] < l->len[i])
        heap[n++] = i;
      if (!l->last[i] &&
          (limit < 0 ||
           greedy_before(i, &l->walked[i], (guint)limit, &l->walked[limit])))
        limit = (gint)i;
    }
    n_rows = in_play;
    if (n_rows == 0)
      break;
    for (guint k = n / 2; k-- > 0;)
      sift_down(l, heap, n, k);
    while (n > 0) {
      guint i = heap[0];
      const Ranked *pair = &l->list[i][l->pos[i]];
      if (limit >= 0 &&
          greedy_before((guint)limit, &l->walked[limit], i, pair))
        break; /* an unwalked pair of row limit may come first */
      if (load[pair->mentor] < shape->capacity[pair->mentor]) {
        mentor_of[i] = (gint)pair->mentor;
        load[pair->mentor]++;
        heap[0] = heap[--n]; /* matched: out of the merge */
      } else if (++l->pos[i] == l->len[i]) {
        heap[0] = heap[--n]; /* list done: unmatched, or wait for a refill */
      }
      sift_down(l, heap, n, 0);
    }
    if (limit < 0)
      continue; /* every list was whole: the loop above ends it */
    /* the rows to refill: in play with pairs unwalked */
    guint n_open = 0;
    for (guint k = 0; k < n_rows; k++) {
      guint i = rows[k];
      if (mentor_of[i] < 0 && !l->last[i])
        heap[n_open++] = i;
    }
    guint take = choose_batch(l, heap, n_open, keys);
    refill_batch(l, heap, take);
    l->has_bound = FALSE;
  }
  g_free(rows);
  g_free(heap);
  g_free(keys);
}

/* ---- stable: mentee-proposing deferred acceptance ---- */

/* The young people without a mentor, first in first out; each is in it at
 * most once. */
typedef struct {
  guint *item;
  guint capacity, head, count;
} Ring;

static void ring_push(Ring *r, guint i) {
  r->item[(r->head + r->count++) % r->capacity] = i;
}

static guint ring_pop(Ring *r) {
  guint i = r->item[r->head];
  r->head = (r->head + 1) % r->capacity;
  r->count--;
  return i;
}

/* Deferred acceptance in rounds: the young people propose down their lists
 * until every one is held or has run out of list; those who ran out get
 * their lists refilled all at once (refill_batch()), against the holders
 * of that moment, and propose again. Proposals come in another order than
 * in solve-stable.c, which does not change the result: mentee-proposing
 * deferred acceptance ends in the mentee-optimal stable matching whatever
 * the order (Gusfield and Irving 1989, 1.2.3). */
static void stable(Lists *l, const MmProblem *shape, guint *load,
                   gint *mentor_of) {
  const guint m = shape->n_mentors;
  guint *slot_start = g_new0(guint, m + 1);
  for (guint j = 0; j < m; j++)
    slot_start[j + 1] = slot_start[j] + shape->capacity[j];
  guint *holder = g_new(guint, MAX(slot_start[m], 1));
  gint32 *held_score = g_new(gint32, MAX(slot_start[m], 1));
  gint32 *worst_score = g_new0(gint32, MAX(m, 1));
  guint *worst_holder = g_new0(guint, MAX(m, 1));
  guint *worst_slot = g_new0(guint, MAX(m, 1));
  l->worst_score = worst_score;
  l->worst_holder = worst_holder;
  Ring free_mentees = {g_new(guint, MAX(shape->n_mentees, 1)),
                       MAX(shape->n_mentees, 1), 0, 0};
  guint n_pending = 0;
  guint *pending = active_rows(shape, &n_pending);
  for (;;) {
    for (guint k = 0; k < n_pending; k++)
      if (l->len[pending[k]] > 0)
        ring_push(&free_mentees, pending[k]);
    n_pending = 0;
    while (free_mentees.count > 0) {
      guint i = ring_pop(&free_mentees);
      if (l->pos[i] == l->len[i]) {
        if (!l->last[i])
          pending[n_pending++] = i;
        continue; /* else every eligible mentor refused: unmatched */
      }
      const Ranked *pair = &l->list[i][l->pos[i]++];
      guint j = pair->mentor;
      guint *slots = holder + slot_start[j];
      gint32 *scores = held_score + slot_start[j];
      guint rejected = i;
      if (load[j] < shape->capacity[j]) {
        slots[load[j]] = i;
        scores[load[j]++] = pair->mentor_score;
        mentor_of[i] = (gint)j;
        rejected = G_MAXUINT;
      } else if (may_be_held(l, i, pair)) {
        rejected = worst_holder[j];
        mentor_of[rejected] = -1;
        slots[worst_slot[j]] = i;
        scores[worst_slot[j]] = pair->mentor_score;
        mentor_of[i] = (gint)j;
      }
      if (load[j] == shape->capacity[j]) {
        /* the mentor's least preferred: lowest score, then the later one */
        guint worst = 0;
        for (guint k = 1; k < load[j]; k++)
          if (scores[k] < scores[worst] ||
              (scores[k] == scores[worst] && slots[k] > slots[worst]))
            worst = k;
        worst_slot[j] = worst;
        worst_score[j] = scores[worst];
        worst_holder[j] = slots[worst];
      }
      if (rejected != G_MAXUINT)
        ring_push(&free_mentees, rejected);
    }
    if (n_pending == 0)
      break;
    refill_batch(l, pending, n_pending);
  }
  g_free(pending);
  g_free(free_mentees.item);
  g_free(slot_start);
  g_free(holder);
  g_free(held_score);
  g_free(worst_score);
  g_free(worst_holder);
  g_free(worst_slot);
}

/* ---- what the result reads afterwards ---- */

/* Each active young person's given pair and named eligible pairs. */
static MmProblem *named_problem(Lists *l, const MmProblem *shape,
                                const gint *mentor_of) {
  const MmEncoding *enc = l->pool->encoding;
  Scratch *s = &l->scratch[0];
  MmProblem *p = mm_i_candidates_new(shape);
  GArray *pairs = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  for (guint i = 0; i < shape->n_mentees; i++) {
    if (!shape->active[i])
      continue;
    const MmMenteeCode *a = &enc->mentees[i];
    guint n_among = 0;
    for (guint k = 0; k < a->n_named; k++)
      s->row.among[n_among++] = a->named[k].mentor;
    if (mentor_of[i] >= 0)
      s->row.among[n_among++] = (guint)mentor_of[i];
    guint n = mm_i_row_eligible(l->pool, l->config, i, s->row.among, n_among,
                                s->row.scores, s->row.broken, s->row.mentor, s->row.units);
    mm_i_value_from_scores(enc, l->config, i, s->row.mentor, s->row.units, n);
    for (guint k = 0; k < n; k++) {
      MmCandidate c = {i, s->row.mentor[k], s->row.units[k]};
      g_array_append_val(pairs, c);
    }
  }
  mm_i_candidates_add(p, (MmCandidate *)pairs->data, pairs->len);
  g_array_free(pairs, TRUE);
  return p;
}

void mm_i_stream_solve(const MmPool *pool, const MmConfig *config,
                       const MmProblem *shape, gboolean stable_mode,
                       guint n_threads, MmProgressFunc progress,
                       gpointer progress_data, MmRowSummary *summaries,
                       gint *mentor_of, MmProblem **named) {
  Lists l;
  lists_init(&l, pool, config, shape, stable_mode, n_threads);
  guint *load = g_new0(guint, MAX(shape->n_mentors, 1));
  l.load = load;
  guint *rows = g_new(guint, MAX(shape->n_mentees, 1));
  for (guint i = 0; i < shape->n_mentees; i++) {
    mentor_of[i] = -1;
    rows[i] = i;
  }
  /* the first fill: every row scored once, summarised and listed */
  l.summaries = summaries;
  l.progress = progress;
  l.progress_data = progress_data;
  refill_batch(&l, rows, shape->n_mentees);
  l.summaries = NULL;
  l.progress = NULL;
  g_free(rows);
  if (stable_mode)
    stable(&l, shape, load, mentor_of);
  else
    greedy(&l, shape, load, mentor_of);
  *named = named_problem(&l, shape, mentor_of);
  g_free(load);
  lists_clear(&l);
}
