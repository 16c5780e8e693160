/* eligible-rows.c: every young person's eligible pairs, handed to the caller
 * row by row in mentee order (mm_eligible_rows_foreach()).
 *
 * Rows are scored in blocks, each block into one slot of a ring. Scoring
 * threads take blocks in order and may run at most a ring's length ahead of
 * the caller, who hands each finished block to the callback on the calling
 * thread, in order, and frees its slot; when the next block is not taken
 * yet, the caller scores it itself (so one thread, or threads that could
 * not be started, still get through). Memory is the ring's pairs, never the
 * whole matrix, and each row is scored by one thread alone, so the rows are
 * the same whatever the thread count. */
#include "match-rows.h"
#include "mentor-reach.h"
#include "units.h"

#include <pthread.h>
#include <stdlib.h>

/* Rows per block: enough to keep the lock cold. */
#define BLOCK_ROWS 64

/* Blocks each scoring thread may be ahead of the caller: enough to keep the
 * threads busy while the caller writes, few enough to bound memory. */
#define BLOCKS_AHEAD_PER_THREAD 4

/* One block's rows: row r's pairs are [row_start[r], row_start[r + 1]). */
typedef struct {
  gboolean ready;
  guint n_rows;
  guint row_start[BLOCK_ROWS + 1];
  GArray *mentor; /* guint */
  GArray *score;  /* double */
} Slot;

typedef struct {
  const MmPool *pool;
  const MmConfig *config;
  guint *open;
  guint n_open;
  MmMentorReach *reach;
  guint n_rows;
  guint n_blocks;
  Slot *slots;
  guint n_slots;
  /* POSIX rather than GMutex and GCond: GLib's own futex-based mutex is
   * invisible to ThreadSanitizer (.ci/tsan.sh), which then reports every
   * slot handed between threads under it as a race. */
  pthread_mutex_t lock;
  pthread_cond_t changed;
  guint next_block; /* the first block no thread has taken */
  guint handed;     /* blocks the caller has handed on and freed */
  gboolean stop;    /* the callback stopped: take no more blocks */
} Stream;

/* One thread's buffers for scoring a row, and the row's pairs. */
typedef struct {
  MmRowBuffers row;
  MmCandidate *pairs;
} Scratch;

static void scratch_init(Scratch *s, guint n_mentors) {
  mm_i_row_buffers_init(&s->row, n_mentors);
  s->pairs = g_new(MmCandidate, MAX(n_mentors, 1));
}

static void scratch_clear(Scratch *s) {
  mm_i_row_buffers_clear(&s->row);
  g_free(s->pairs);
}

static int compare_by_mentor(const void *a, const void *b) {
  guint x = ((const MmCandidate *)a)->mentor;
  guint y = ((const MmCandidate *)b)->mentor;
  return (x > y) - (x < y);
}

/* Row @i's eligible pairs, appended to @slot in mentor order (the reach
 * lists are in no set order). */
static void score_row(const Stream *st, Scratch *s, guint i, Slot *slot) {
  guint n_among;
  const guint *among =
      mm_i_mentor_reach_of(st->reach, i, s->row.among, &n_among);
  guint n = mm_i_row_eligible(st->pool, st->config, i, among, n_among,
                              s->row.scores, s->row.broken, s->row.mentor, s->row.units);
  for (guint e = 0; e < n; e++)
    s->pairs[e] = (MmCandidate){i, s->row.mentor[e], s->row.units[e]};
  if (n > 1)
    qsort(s->pairs, n, sizeof *s->pairs, compare_by_mentor);
  for (guint e = 0; e < n; e++) {
    double score = (double)s->pairs[e].value / MM_SCORE_SCALE;
    g_array_append_val(slot->mentor, s->pairs[e].mentor);
    g_array_append_val(slot->score, score);
  }
}

static void score_block(const Stream *st, Scratch *s, guint block) {
  Slot *slot = &st->slots[block % st->n_slots];
  guint first = block * BLOCK_ROWS;
  slot->n_rows = MIN(BLOCK_ROWS, st->n_rows - first);
  g_array_set_size(slot->mentor, 0);
  g_array_set_size(slot->score, 0);
  for (guint r = 0; r < slot->n_rows; r++) {
    slot->row_start[r] = slot->mentor->len;
    score_row(st, s, first + r, slot);
  }
  slot->row_start[slot->n_rows] = slot->mentor->len;
}

/* Under the lock: takes the next block once its slot is free. FALSE when
 * no block is left to take. */
static gboolean take_block(Stream *st, guint *block) {
  while (!st->stop && st->next_block < st->n_blocks &&
         st->next_block >= st->handed + st->n_slots)
    pthread_cond_wait(&st->changed, &st->lock);
  if (st->stop || st->next_block >= st->n_blocks)
    return FALSE;
  *block = st->next_block++;
  return TRUE;
}

/* Scores @block outside the lock (held on entry and on return) and says it
 * is ready. */
static void fill_block(Stream *st, Scratch *s, guint block) {
  pthread_mutex_unlock(&st->lock);
  score_block(st, s, block);
  pthread_mutex_lock(&st->lock);
  st->slots[block % st->n_slots].ready = TRUE;
  pthread_cond_broadcast(&st->changed);
}

static gpointer scoring_thread(gpointer data) {
  Stream *st = data;
  Scratch s;
  scratch_init(&s, mm_pool_n_mentors(st->pool));
  pthread_mutex_lock(&st->lock);
  guint block;
  while (take_block(st, &block))
    fill_block(st, &s, block);
  pthread_mutex_unlock(&st->lock);
  scratch_clear(&s);
  return NULL;
}

/* The caller: waits for each block in turn (scoring it when no thread has
 * taken it), hands its rows on and frees its slot. */
static gboolean hand_rows(Stream *st, MmEligibleRowFunc func,
                          gpointer user_data) {
  Scratch s;
  scratch_init(&s, mm_pool_n_mentors(st->pool));
  gboolean go_on = TRUE;
  for (guint block = 0; go_on && block < st->n_blocks; block++) {
    Slot *slot = &st->slots[block % st->n_slots];
    pthread_mutex_lock(&st->lock);
    while (!slot->ready) {
      if (st->next_block == block) { /* nobody has taken it: score it here */
        st->next_block++;
        fill_block(st, &s, block);
      } else {
        pthread_cond_wait(&st->changed, &st->lock);
      }
    }
    pthread_mutex_unlock(&st->lock);
    const guint *mentors = (const guint *)slot->mentor->data;
    const double *scores = (const double *)slot->score->data;
    for (guint r = 0; go_on && r < slot->n_rows; r++) {
      guint start = slot->row_start[r];
      go_on = func(block * BLOCK_ROWS + r, mentors + start, scores + start,
                   slot->row_start[r + 1] - start, user_data);
    }
    pthread_mutex_lock(&st->lock);
    slot->ready = FALSE;
    st->handed = block + 1;
    st->stop = !go_on;
    pthread_cond_broadcast(&st->changed);
    pthread_mutex_unlock(&st->lock);
  }
  scratch_clear(&s);
  return go_on;
}

gboolean mm_eligible_rows_foreach(const MmPool *pool, const MmConfig *config,
                                  guint n_threads, MmEligibleRowFunc func,
                                  gpointer user_data) {
  g_return_val_if_fail(pool != NULL && mm_pool_is_prepared(pool), FALSE);
  g_return_val_if_fail(config != NULL && func != NULL, FALSE);
  Stream st = {.pool = pool, .config = config};
  st.n_rows = mm_pool_n_mentees(pool);
  st.n_blocks = (st.n_rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
  if (n_threads == 0)
    n_threads = g_get_num_processors();
  n_threads = CLAMP(n_threads, 1, MAX(st.n_blocks, 1));
  st.n_slots = BLOCKS_AHEAD_PER_THREAD * n_threads;
  st.slots = g_new0(Slot, st.n_slots);
  for (guint k = 0; k < st.n_slots; k++) {
    st.slots[k].mentor = g_array_new(FALSE, FALSE, sizeof(guint));
    st.slots[k].score = g_array_new(FALSE, FALSE, sizeof(double));
  }
  st.open = mm_i_open_mentors(pool, config, &st.n_open);
  st.reach = mm_i_mentor_reach_new(pool->encoding, config, st.open, st.n_open);
  pthread_mutex_init(&st.lock, NULL);
  pthread_cond_init(&st.changed, NULL);

  /* the calling thread is one of the n_threads: it scores when it waits */
  GPtrArray *threads = g_ptr_array_new();
  for (guint t = 1; t < n_threads; t++) {
    GThread *thread = g_thread_try_new("mm-eligible", scoring_thread, &st, NULL);
    if (thread != NULL) /* fewer threads is slower, never wrong */
      g_ptr_array_add(threads, thread);
  }
  gboolean all = hand_rows(&st, func, user_data);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join(g_ptr_array_index(threads, t));
  g_ptr_array_free(threads, TRUE);

  pthread_cond_destroy(&st.changed);
  pthread_mutex_destroy(&st.lock);
  mm_i_mentor_reach_free(st.reach);
  g_free(st.open);
  for (guint k = 0; k < st.n_slots; k++) {
    g_array_free(st.slots[k].mentor, TRUE);
    g_array_free(st.slots[k].score, TRUE);
  }
  g_free(st.slots);
  return all;
}
