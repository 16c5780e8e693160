/* match-rows.c: passes over the rows of the score matrix (see match-rows.h). */
#include "match-rows.h"
#include "criteria.h"
#include "mentor-reach.h"
#include "score-private.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

/* Rows are handed to threads in blocks of this many mentees: large enough
 * to keep the shared counter cold, small enough to balance the work. */
#define BLOCK_ROWS 16

/* ---- a pass: rows shared out between threads ---- */

typedef struct RowPass RowPass;
struct RowPass {
  guint n_rows;
  guint n_mentors;
  gint next_row;  /* atomic */
  gint rows_done; /* atomic */
  /* Per-thread state: made in the thread, handed back to the caller, which
   * folds them in thread order after every thread has finished. */
  gpointer (*scratch_new)(RowPass *pass);
  void (*row)(RowPass *pass, guint row, gpointer scratch);
  void (*scratch_fold)(RowPass *pass, gpointer scratch);
  MmProgressFunc progress; /* called from the calling thread only */
  gpointer progress_data;
};

/* Takes blocks of rows until none is left. */
static gpointer run_blocks(RowPass *pass, gboolean report) {
  gpointer scratch = pass->scratch_new(pass);
  for (;;) {
    gint start = g_atomic_int_add(&pass->next_row, BLOCK_ROWS);
    if (start >= (gint)pass->n_rows)
      break;
    guint end = MIN((guint)start + BLOCK_ROWS, pass->n_rows);
    for (guint i = (guint)start; i < end; i++)
      pass->row(pass, i, scratch);
    gint done = g_atomic_int_add(&pass->rows_done, (gint)(end - (guint)start));
    if (report && pass->progress != NULL)
      pass->progress((double)(done + (gint)(end - (guint)start)) / pass->n_rows,
                     pass->progress_data);
  }
  return scratch;
}

static gpointer worker(gpointer pass) { return run_blocks(pass, FALSE); }

static void run_pass(RowPass *pass, guint n_threads) {
  if (n_threads == 0)
    n_threads = g_get_num_processors();
  n_threads = MIN(n_threads, MAX(1, pass->n_rows / BLOCK_ROWS));
  GPtrArray *threads = g_ptr_array_new();
  for (guint t = 1; t < n_threads; t++) {
    GThread *thread = g_thread_try_new("mm-rows", worker, pass, NULL);
    if (thread != NULL) /* fewer threads is slower, never wrong */
      g_ptr_array_add(threads, thread);
  }
  pass->scratch_fold(pass, run_blocks(pass, TRUE));
  for (guint t = 0; t < threads->len; t++)
    pass->scratch_fold(pass, g_thread_join(g_ptr_array_index(threads, t)));
  g_ptr_array_free(threads, TRUE);
  /* The calling thread reports only the blocks it finishes: when another
   * thread finished the last one, the caller still hears the pass is done. */
  if (pass->progress != NULL)
    pass->progress(1.0, pass->progress_data);
}

void mm_i_row_buffers_init(MmRowBuffers *b, guint n_mentors) {
  b->scores = g_new(double, MAX(n_mentors, 1));
  b->broken = g_new(guint32, MAX(n_mentors, 1));
  b->mentor = g_new(guint, MAX(n_mentors, 1));
  b->units = g_new(gint32, MAX(n_mentors, 1));
  b->values = g_new(gint32, MAX(n_mentors, 1));
  b->among = g_new(guint, MAX(n_mentors, 1));
}

void mm_i_row_buffers_clear(MmRowBuffers *b) {
  g_free(b->scores);
  g_free(b->broken);
  g_free(b->mentor);
  g_free(b->units);
  g_free(b->values);
  g_free(b->among);
}

guint mm_i_row_eligible(const MmPool *pool, const MmConfig *config, guint mentee,
                      const guint *among, guint n_among, double *scores,
                      guint32 *broken, guint *mentor, gint32 *units) {
  if (among == NULL)
    n_among = mm_pool_n_mentors(pool);
  mm_i_score_mentors(pool->encoding, config, mentee, among, n_among, scores,
                   broken);
  guint n = 0; /* without a branch, as in mentor-reach.c's append_near() */
  for (guint k = 0; k < n_among; k++) {
    mentor[n] = among != NULL ? among[k] : k;
    units[n] = mm_i_score_to_units(scores[k]);
    n += broken[k] == 0;
  }
  return n;
}

guint *mm_i_open_mentors(const MmPool *pool, const MmConfig *config,
                         guint *n_open) {
  const MmEncoding *enc = pool->encoding;
  guint *open = g_new(guint, MAX(enc->n_mentors, 1));
  *n_open = 0;
  for (guint j = 0; enc->n_mentees > 0 && j < enc->n_mentors; j++) {
    MmPair pair = mm_i_pair(enc, config, 0, j);
    if ((mm_i_rule_checks(&pair) | mm_i_rule_training(&pair)) == 0)
      open[(*n_open)++] = j;
  }
  return open;
}

void mm_i_row_summarise(const guint *mentor, const gint32 *score_units,
                        const gint32 *value_units, guint n,
                        MmRowSummary *summary) {
  *summary = (MmRowSummary){.n_eligible = n, .best_mentor = -1};
  for (guint e = 0; e < n; e++) { /* the reach list is in no set order */
    if (summary->best_mentor < 0 || value_units[e] > summary->best_value ||
        (value_units[e] == summary->best_value &&
         mentor[e] < (guint)summary->best_mentor)) {
      summary->best_mentor = (gint)mentor[e];
      summary->best_value = value_units[e];
      summary->best_score = score_units[e];
    }
  }
}

/* The mentors a pass looks at: the open ones, and of those the ones each
 * row could reach (mentor-reach.h). */
typedef struct {
  guint *open;
  guint n_open;
  MmMentorReach *reach;
} PassMentors;

static void pass_mentors_init(PassMentors *pm, const MmPool *pool,
                              const MmConfig *config) {
  pm->open = mm_i_open_mentors(pool, config, &pm->n_open);
  pm->reach =
      mm_i_mentor_reach_new(pool->encoding, config, pm->open, pm->n_open);
}

static void pass_mentors_clear(PassMentors *pm) {
  mm_i_mentor_reach_free(pm->reach);
  g_free(pm->open);
}

/* ---- what the pricer knows of each row ---- */

/* A pair the memory knows, within its row. */
typedef struct {
  guint mentor;
  gint32 value;
} KnownPair;

struct MmPriceMemory {
  guint n_mentees;
  guint known_per_row;
  /* Seeded by the scoring pass (mm_i_rows_score()): row i's best pairs are
   * known[i * known_per_row ..] (known_len[i] of them), and no other
   * pair of the row has a value above ceiling[i]. */
  KnownPair *known;
  guint8 *known_len;
  gint32 *ceiling;
  /* Row i's eligible mentors, ascending, as the gaps between them in
   * LEB128 (a byte each for most: 1.0 byte a pair on generate's national
   * pool, where the pairs with their values would take 8): eligible[i]
   * holds eligible_bytes[i].
   * Most mentors a row could reach fail the rules (above all min_score),
   * and a pass would score them again only to find that out. */
  guint8 **eligible;
  guint *eligible_bytes;
  /* Row i's eligible pairs' scores in units, in the same order, when the
   * row kept them (NULL otherwise): a pass then prices the row from memory
   * instead of scoring it again. Rows keep theirs whole or not at all, as
   * they come, while score_bytes_used stays within score_budget (2 bytes a
   * pair); which rows keep them depends on the threads, never what a pass
   * finds. */
  guint16 **scores;
  gsize score_budget;
  gsize score_bytes_used; /* atomic */
  GPtrArray *mentor_pot; /* per pass: a copy of the mentors' potentials */
  /* per row: the pass that last rescored it (-1: none, or not every pair
   * it found pricing out was added), its potential and its slack then */
  gint *pass;
  MmCost *mentee_pot;
  MmCost *slack;
};

MmPriceMemory *mm_i_price_memory_new(guint n_mentees, guint known_per_row,
                                     gsize score_budget) {
  g_return_val_if_fail(known_per_row <= G_MAXUINT8, NULL);
  MmPriceMemory *m = g_new0(MmPriceMemory, 1);
  m->n_mentees = n_mentees;
  m->known_per_row = known_per_row;
  m->score_budget = score_budget;
  m->mentor_pot = g_ptr_array_new_with_free_func(g_free);
  m->pass = g_new(gint, MAX(n_mentees, 1));
  for (guint i = 0; i < n_mentees; i++)
    m->pass[i] = -1;
  m->mentee_pot = g_new0(MmCost, MAX(n_mentees, 1));
  m->slack = g_new0(MmCost, MAX(n_mentees, 1));
  m->known_len = g_new0(guint8, MAX(n_mentees, 1));
  return m;
}

void mm_i_price_memory_free(MmPriceMemory *m) {
  if (m == NULL)
    return;
  g_ptr_array_unref(m->mentor_pot);
  g_free(m->pass);
  g_free(m->mentee_pot);
  g_free(m->slack);
  g_free(m->known);
  g_free(m->known_len);
  g_free(m->ceiling);
  for (guint i = 0; m->eligible != NULL && i < m->n_mentees; i++) {
    g_free(m->eligible[i]);
    g_free(m->scores[i]);
  }
  g_free(m->eligible);
  g_free(m->scores);
  g_free(m->eligible_bytes);
  g_free(m);
}

/* Room for every row's best pairs, before a scoring pass seeds them. */
static void memory_make_room(MmPriceMemory *m) {
  if (m->known != NULL)
    return;
  m->known = g_new(KnownPair, MAX((gsize)m->n_mentees * m->known_per_row, 1));
  m->ceiling = g_new(gint32, MAX(m->n_mentees, 1));
  m->eligible = g_new0(guint8 *, MAX(m->n_mentees, 1));
  m->eligible_bytes = g_new0(guint, MAX(m->n_mentees, 1));
  m->scores = g_new0(guint16 *, MAX(m->n_mentees, 1));
}

/* Whether a row of @n pairs may keep its scores: takes their room from the
 * budget when it does. */
static gboolean memory_take_score_room(MmPriceMemory *m, guint n) {
  gssize need = (gssize)n * (gssize)sizeof(guint16);
  gsize before = (gsize)g_atomic_pointer_add(&m->score_bytes_used, need);
  if (before + (gsize)need <= m->score_budget)
    return TRUE;
  g_atomic_pointer_add(&m->score_bytes_used, -need);
  return FALSE;
}

/* The longest gap between two mentors, in LEB128: 7 bits a byte. */
#define MEMORY_GAP_BYTES_MAX ((sizeof(guint) * 8 + 6) / 7)

/* Row @i's eligible @mentors[0..n) (any order), kept ascending, with their
 * @score_units when the budget has room: sorted through @seen (a bit per
 * mentor, all clear; left clear), which costs a scan of n_mentors / 64
 * words where a sort would cost n log n compares; @by_mentor (n_mentors)
 * holds the scores meanwhile, and @scratch (MEMORY_GAP_BYTES_MAX x
 * n_mentors) the encoding. */
static void memory_keep_eligible(MmPriceMemory *m, guint i,
                                 const guint *mentors,
                                 const gint32 *score_units, guint n,
                                 guint64 *seen, guint16 *by_mentor,
                                 guint n_mentors, guint8 *scratch) {
  guint16 *scores = memory_take_score_room(m, n) ? g_new(guint16, MAX(n, 1))
                                                 : NULL;
  G_STATIC_ASSERT(MM_SCORE_UNITS_MAX <= G_MAXUINT16);
  for (guint k = 0; k < n; k++) {
    seen[mentors[k] / 64] |= G_GUINT64_CONSTANT(1) << (mentors[k] % 64);
    if (scores != NULL)
      by_mentor[mentors[k]] = (guint16)score_units[k];
  }
  guint8 *out = scratch;
  guint previous = 0, kept = 0;
  for (guint w = 0; w < (n_mentors + 63) / 64; w++) {
    for (guint64 bits = seen[w]; bits != 0; bits &= bits - 1) {
      guint mentor = w * 64 + (guint)__builtin_ctzll(bits);
      if (scores != NULL)
        scores[kept++] = by_mentor[mentor];
      guint gap = mentor - previous;
      previous = mentor;
      for (; gap >= 0x80; gap >>= 7)
        *out++ = (guint8)(gap | 0x80);
      *out++ = (guint8)gap;
    }
    seen[w] = 0;
  }
  m->eligible[i] = g_memdup2(scratch, (gsize)(out - scratch));
  m->eligible_bytes[i] = (guint)(out - scratch);
  m->scores[i] = scores;
}

/* Potentials in 64 bits for the pricer's first screen, saturated at
 * +-SCREEN_LIMIT: the duals are 128-bit, but a row reads its eligible
 * mentors' potentials at random, and half the bytes is half the cache
 * misses. Saturating keeps order: a potential whose screen is above the
 * bound's is above the bound, one whose screen is below is below, and only
 * equal screens (both saturated, under `count`, whose priority classes
 * lie far apart) need the 128-bit potential. */
#define SCREEN_LIMIT ((gint64)1 << 62)

static gint64 screen_of(MmCost x) {
  return x > SCREEN_LIMIT ? SCREEN_LIMIT : x < -SCREEN_LIMIT ? -SCREEN_LIMIT
                                                             : (gint64)x;
}

/* Row @i's eligible mentors whose potential (@pot, screened as @screen)
 * exceeds @bound, ascending, into @out (room for every mentor), with their
 * kept scores into @units when the row kept them. Returns how many. */
static guint memory_eligible_above(const MmPriceMemory *m, guint i,
                                   const gint64 *screen, const MmCost *pot,
                                   MmCost bound, guint *out, gint32 *units) {
  const gint64 b = screen_of(bound);
  const guint8 *p = m->eligible[i], *end = p + m->eligible_bytes[i];
  const guint16 *scores = m->scores[i];
  guint n = 0, k = 0, mentor = 0;
  for (; p < end; k++) {
    guint gap = 0;
    for (guint shift = 0;; shift += 7) {
      guint8 byte = *p++;
      gap |= (guint)(byte & 0x7f) << shift;
      if (byte < 0x80)
        break;
    }
    mentor += gap;
    if (scores != NULL) /* the same for the whole row */
      units[n] = scores[k];
    out[n] = mentor; /* without a branch, as in mm_i_row_eligible() */
    n += screen[mentor] > b || (screen[mentor] == b && pot[mentor] > bound);
  }
  return n;
}

/* Row @i's best pairs @best[0..n), best first (each row writes only its
 * own entries, so threads may seed rows side by side). */
static void memory_seed_row(MmPriceMemory *m, guint i, const MmCandidate *best,
                            guint n) {
  guint keep = MIN(n, m->known_per_row);
  KnownPair *known = m->known + (gsize)i * m->known_per_row;
  for (guint k = 0; k < keep; k++)
    known[k] = (KnownPair){best[k].mentor, best[k].value};
  m->known_len[i] = (guint8)keep;
  /* the best left out; a row kept whole has nothing above any bound */
  m->ceiling[i] = n > keep ? best[keep].value : G_MININT32;
}

/* ---- the scoring pass ---- */

typedef struct {
  RowPass pass;
  const MmPool *pool;
  const MmConfig *config;
  const MmProblem *problem;
  guint k;
  PassMentors mentors;
  MmRowSummary *summaries;
  GArray **kept;        /* per row: MmCandidate, NULL for inactive rows */
  MmMentorTops *tops;   /* when k > 0 */
  MmPriceMemory *memory; /* seeded with each row's best pairs, or NULL */
} ScorePass;

typedef struct {
  MmRowBuffers buffers;
  GArray *row;          /* MmCandidate */
  GArray *best;         /* MmCandidate: the row's best, best first */
  guint8 *bytes;        /* a row's eligible mentors, encoded */
  guint64 *seen;        /* a bit per mentor, for memory_keep_eligible() */
  guint16 *by_mentor;   /* a score per mentor, for the same */
  MmMentorTops *tops;
} ScoreScratch;

static gpointer score_scratch_new(RowPass *pass) {
  ScorePass *s = (ScorePass *)pass;
  ScoreScratch *scratch = g_new0(ScoreScratch, 1);
  mm_i_row_buffers_init(&scratch->buffers, pass->n_mentors);
  scratch->row = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  scratch->best = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  if (s->memory != NULL) {
    scratch->bytes = g_new(guint8, MEMORY_GAP_BYTES_MAX * pass->n_mentors + 1);
    scratch->seen = g_new0(guint64, pass->n_mentors / 64 + 1);
    scratch->by_mentor = g_new(guint16, MAX(pass->n_mentors, 1));
  }
  if (s->k > 0)
    scratch->tops = mm_i_mentor_tops_new(s->problem->capacity, pass->n_mentors,
                                       MM_MENTOR_TOP_PER_PLACE);
  return scratch;
}

static int compare_by_mentor(const void *a, const void *b) {
  guint x = ((const MmCandidate *)a)->mentor, y = ((const MmCandidate *)b)->mentor;
  return (x > y) - (x < y);
}

static void score_row(RowPass *pass, guint i, gpointer data) {
  ScorePass *s = (ScorePass *)pass;
  ScoreScratch *scratch = data;
  MmRowBuffers *b = &scratch->buffers;
  guint n_among;
  const guint *among =
      mm_i_mentor_reach_of(s->mentors.reach, i, b->among, &n_among);
  guint n = mm_i_row_eligible(s->pool, s->config, i, among, n_among, b->scores,
                            b->broken, b->mentor, b->units);
  const gint32 *score_units = b->units;
  gint32 *value_units = b->values;
  memcpy(value_units, score_units, n * sizeof *value_units);
  mm_i_value_from_scores(s->pool->encoding, s->config, i, b->mentor, value_units,
                       n);
  mm_i_row_summarise(b->mentor, score_units, value_units, n, &s->summaries[i]);
  if (!s->problem->active[i])
    return;
  g_array_set_size(scratch->row, n);
  MmCandidate *row = (MmCandidate *)scratch->row->data;
  for (guint e = 0; e < n; e++)
    row[e] = (MmCandidate){i, b->mentor[e], value_units[e]};
  s->kept[i] = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  if (s->k == 0) { /* problem rows are in mentor order */
    if (n > 1)
      qsort(row, n, sizeof(MmCandidate), compare_by_mentor);
    g_array_append_vals(s->kept[i], row, n);
    return;
  }
  /* the best few, in one order for the candidates and the memory */
  g_array_set_size(scratch->best, 0);
  guint n_best =
      s->memory != NULL ? MAX(s->k, s->memory->known_per_row + 1) : s->k;
  mm_i_row_top(row, n, n_best, scratch->best);
  g_array_append_vals(s->kept[i], scratch->best->data,
                      MIN(s->k, scratch->best->len));
  if (s->memory != NULL) {
    memory_seed_row(s->memory, i, (const MmCandidate *)scratch->best->data,
                    scratch->best->len);
    memory_keep_eligible(s->memory, i, b->mentor, score_units, n,
                         scratch->seen, scratch->by_mentor, pass->n_mentors,
                         scratch->bytes);
  }
  const MmMenteeCode *a = &s->pool->encoding->mentees[i];
  for (guint e = 0; e < n; e++) {
    mm_i_mentor_tops_offer(scratch->tops, &row[e]);
    if (a->n_named > 0) { /* mm_i_candidates_add() skips a pair kept twice */
      MmPair pair = mm_i_pair(s->pool->encoding, s->config, i, row[e].mentor);
      if (mm_i_pair_named_place(&pair) >= 0)
        g_array_append_val(s->kept[i], row[e]);
    }
  }
}

static void score_scratch_fold(RowPass *pass, gpointer data) {
  ScorePass *s = (ScorePass *)pass;
  ScoreScratch *scratch = data;
  if (scratch->tops != NULL) {
    mm_i_mentor_tops_merge(s->tops, scratch->tops);
    mm_i_mentor_tops_free(scratch->tops);
  }
  mm_i_row_buffers_clear(&scratch->buffers);
  g_array_free(scratch->row, TRUE);
  g_array_free(scratch->best, TRUE);
  g_free(scratch->bytes);
  g_free(scratch->seen);
  g_free(scratch->by_mentor);
  g_free(scratch);
}

/* Every eligible pair, straight into the rows: they come in mentor order. */
static void fill_all_pairs(MmProblem *p, GArray **kept) {
  gsize total = 0;
  for (guint i = 0; i < p->n_mentees; i++)
    total += kept[i] != NULL ? kept[i]->len : 0;
  g_free(p->mentor);
  g_free(p->value);
  p->mentor = g_new(guint, MAX(total, 1));
  p->value = g_new(gint32, MAX(total, 1));
  gsize e = 0;
  for (guint i = 0; i < p->n_mentees; i++) {
    p->row_start[i] = (guint)e;
    for (guint k = 0; kept[i] != NULL && k < kept[i]->len; k++, e++) {
      const MmCandidate *c = &g_array_index(kept[i], MmCandidate, k);
      p->mentor[e] = c->mentor;
      p->value[e] = c->value;
    }
  }
  p->row_start[p->n_mentees] = (guint)e;
}

void mm_i_rows_score(const MmPool *pool, const MmConfig *config,
                   MmProblem *problem, guint k, guint n_threads,
                   MmProgressFunc progress, gpointer progress_data,
                   MmRowSummary *summaries, MmPriceMemory *memory) {
  g_return_if_fail(memory == NULL || k > 0);
  ScorePass s = {
      .pass = {.n_rows = problem->n_mentees,
               .n_mentors = problem->n_mentors,
               .scratch_new = score_scratch_new,
               .row = score_row,
               .scratch_fold = score_scratch_fold,
               .progress = progress,
               .progress_data = progress_data},
      .pool = pool,
      .config = config,
      .problem = problem,
      .k = k,
      .summaries = summaries,
      .kept = g_new0(GArray *, MAX(problem->n_mentees, 1)),
      .memory = memory,
  };
  if (memory != NULL)
    memory_make_room(memory);
  if (k > 0)
    s.tops = mm_i_mentor_tops_new(problem->capacity, problem->n_mentors,
                                MM_MENTOR_TOP_PER_PLACE);
  pass_mentors_init(&s.mentors, pool, config);
  run_pass(&s.pass, n_threads);
  pass_mentors_clear(&s.mentors);

  if (k == 0) {
    fill_all_pairs(problem, s.kept);
  } else {
    GArray *chosen = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
    for (guint i = 0; i < problem->n_mentees; i++)
      if (s.kept[i] != NULL)
        g_array_append_vals(chosen, s.kept[i]->data, s.kept[i]->len);
    mm_i_mentor_tops_collect(s.tops, chosen);
    mm_i_candidates_add(problem, (MmCandidate *)chosen->data, chosen->len);
    g_array_free(chosen, TRUE);
    mm_i_mentor_tops_free(s.tops);
  }
  for (guint i = 0; i < problem->n_mentees; i++)
    if (s.kept[i] != NULL)
      g_array_free(s.kept[i], TRUE);
  g_free(s.kept);
}

/* ---- the pricing pass ---- */

/* Whether row @i, last rescored by an earlier pass, certainly has no pair
 * outside the candidates and its known pairs that prices out against
 * @duals (see MmRowPricer.memory). @among: the mentors now above the row's
 * bound (@ceiling); @skip: the row's candidates and known pairs. */
static gboolean row_still_priced(const MmPriceMemory *m, const MmDuals *duals,
                                 guint i, gint32 ceiling, const guint *among,
                                 guint n_among, const guint *skip) {
  if (m->pass[i] < 0)
    return FALSE;
  const MmCost *then = g_ptr_array_index(m->mentor_pot, m->pass[i]);
  const MmCost pot_then = m->mentee_pot[i];
  const MmCost bound_then = pot_then - ceiling;
  const MmCost moved_i = duals->mentee[i] - pot_then;
  const MmCost slack = m->slack[i];
  for (guint k = 0; k < n_among; k++) {
    guint j = among[k];
    if (skip[j] == i + 1) /* priced by the solver, or from memory */
      continue;
    if (then[j] <= bound_then) /* not rescored then: its cost is unknown */
      return FALSE;
    /* Rescored then, and left out: its reduced cost was >= slack, and has
     * moved by exactly moved_i - (the change in pot[j]). */
    if (slack != MM_COST_MAX && slack + moved_i - (duals->mentor[j] - then[j]) < 0)
      return FALSE;
  }
  return TRUE;
}

typedef struct {
  RowPass pass;
  const MmRowPricer *pricer;
  MmPriceRequest *request;
  GArray **found;       /* per row: MmCandidate, NULL when none */
  gint index;           /* this pass's in the pricer's memory */
  gint64 *screen;       /* the mentors' potentials, screen_of() */
  gsize violated;       /* folded from the threads */
  guint64 priced;
} PricePass;

typedef struct {
  MmRowBuffers buffers;
  MmViolation *best;    /* per_mentee */
  guint *mark;          /* mm_i_candidates_mark() */
  guint *skip;          /* candidates and known pairs, marked the same way */
  guint *to_score;      /* the mentors a row scores again */
  gint32 *among_units;  /* their kept scores, when the row kept them */
  GArray *found;        /* MmCandidate: one row's, before it is kept */
  gsize violated;
  guint64 priced;
} PriceScratch;

static gpointer price_scratch_new(RowPass *pass) {
  PriceScratch *scratch = g_new0(PriceScratch, 1);
  mm_i_row_buffers_init(&scratch->buffers, pass->n_mentors);
  scratch->best = g_new(MmViolation, ((PricePass *)pass)->request->per_mentee);
  scratch->mark = g_new0(guint, MAX(pass->n_mentors, 1));
  scratch->skip = g_new0(guint, MAX(pass->n_mentors, 1));
  scratch->to_score = g_new(guint, MAX(pass->n_mentors, 1));
  scratch->among_units = g_new(gint32, MAX(pass->n_mentors, 1));
  scratch->found = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  return scratch;
}

static const KnownPair *known_of(const MmPriceMemory *m, guint i) {
  return m->known + (gsize)i * m->known_per_row;
}

/* Row @i's known pairs that are not candidates (@mark), appended to @b's
 * mentors and units from @n. Returns the new count. */
static guint append_known(const MmPriceMemory *m, guint i, const guint *mark,
                          MmRowBuffers *b, guint n) {
  const KnownPair *known = known_of(m, i);
  for (guint k = 0; k < m->known_len[i]; k++) {
    if (mark[known[k].mentor] == i + 1)
      continue; /* a candidate: the solver keeps it priced */
    b->mentor[n] = known[k].mentor;
    b->units[n] = known[k].value;
    n++;
  }
  return n;
}

static void price_row(RowPass *pass, guint i, gpointer data) {
  PricePass *s = (PricePass *)pass;
  PriceScratch *scratch = data;
  const MmPriceRequest *r = s->request;
  if (!r->candidates->active[i])
    return;
  const MmRowSummary *row = &s->pricer->rows[i];
  if (row->n_eligible == 0)
    return;
  MmRowBuffers *b = &scratch->buffers;
  MmPriceMemory *memory = s->pricer->memory;
  /* Of the row's eligible mentors (known since the scoring pass), those
   * with potential above pot[i] - the row's ceiling: the others are priced
   * by that bound. */
  const gint32 ceiling = memory->ceiling[i];
  const MmCost bound = r->duals->mentee[i] - ceiling;
  const gboolean kept_scores = memory->scores[i] != NULL;
  guint n_among = memory_eligible_above(memory, i, s->screen, r->duals->mentor,
                                        bound, b->among, scratch->among_units);
  const guint *among = b->among;
  /* Pairs priced without scoring: the candidates (by the solver) and the
   * known pairs (from memory, every pass). */
  mm_i_candidates_mark(r->candidates, i, scratch->mark);
  mm_i_candidates_mark(r->candidates, i, scratch->skip);
  for (guint k = 0; k < memory->known_len[i]; k++)
    scratch->skip[known_of(memory, i)[k].mentor] = i + 1;
  /* The others above the bound are scored again, unless the memory proves
   * the whole row. */
  gboolean rescore = !row_still_priced(memory, r->duals, i, ceiling, among,
                                       n_among, scratch->skip);
  guint n_score = 0;
  for (guint k = 0; rescore && k < n_among; k++)
    if (scratch->skip[among[k]] != i + 1) {
      if (kept_scores) /* from memory: every one is eligible */
        b->units[n_score] = scratch->among_units[k];
      scratch->to_score[n_score++] = among[k];
    }
  guint n = n_score;
  if (kept_scores)
    memcpy(b->mentor, scratch->to_score, n_score * sizeof *b->mentor);
  else if (n_score > 0)
    n = mm_i_row_eligible(s->pricer->pool, s->pricer->config, i,
                        scratch->to_score, n_score, b->scores, b->broken,
                        b->mentor, b->units);
  mm_i_value_from_scores(s->pricer->pool->encoding, s->pricer->config, i,
                       b->mentor, b->units, n);
  MmPriceRequest row_request = *r;
  row_request.found = scratch->found;
  if (rescore) { /* the slack of the pairs scored again */
    memory->mentee_pot[i] = r->duals->mentee[i];
    memory->slack[i] = mm_i_price_row_slack(r, i, b->mentor, b->units, n,
                                          scratch->mark);
  }
  n = append_known(memory, i, scratch->mark, b, n);
  scratch->priced += n;
  g_array_set_size(scratch->found, 0);
  gsize violated = mm_i_price_row(&row_request, i, b->mentor, b->units, n,
                                scratch->mark, scratch->best);
  scratch->violated += violated;
  if (violated > 0) /* most rows have none: only these get an array */
    s->found[i] = g_array_copy(scratch->found);
  /* Pairs scored again that price out but are not added leave the row
   * unproved (known ones are priced every pass anyway). Each row writes
   * only its own entries. */
  if (rescore)
    memory->pass[i] = violated <= r->per_mentee ? s->index : -1;
}

static void price_scratch_fold(RowPass *pass, gpointer data) {
  PricePass *s = (PricePass *)pass;
  PriceScratch *scratch = data;
  s->violated += scratch->violated;
  s->priced += scratch->priced;
  mm_i_row_buffers_clear(&scratch->buffers);
  g_free(scratch->best);
  g_free(scratch->mark);
  g_free(scratch->skip);
  g_free(scratch->to_score);
  g_free(scratch->among_units);
  g_array_free(scratch->found, TRUE);
  g_free(scratch);
}

gsize mm_i_rows_price(gpointer row_pricer, MmPriceRequest *request) {
  const MmRowPricer *pricer = row_pricer;
  g_return_val_if_fail(pricer->memory != NULL && pricer->memory->known != NULL,
                       0);
  const guint n = request->candidates->n_mentees;
  PricePass s = {
      .pass = {.n_rows = n,
               .n_mentors = request->candidates->n_mentors,
               .scratch_new = price_scratch_new,
               .row = price_row,
               .scratch_fold = price_scratch_fold},
      .pricer = pricer,
      .request = request,
      .found = g_new0(GArray *, MAX(n, 1)),
  };
  s.index = (gint)pricer->memory->mentor_pot->len;
  g_ptr_array_add(pricer->memory->mentor_pot,
                  g_memdup2(request->duals->mentor,
                            sizeof(MmCost) *
                                MAX(request->candidates->n_mentors, 1)));
  const guint m = request->candidates->n_mentors;
  s.screen = g_new(gint64, MAX(m, 1));
  for (guint j = 0; j < m; j++)
    s.screen[j] = screen_of(request->duals->mentor[j]);
  run_pass(&s.pass, pricer->n_threads);
  g_free(s.screen);
  for (guint i = 0; i < n; i++) {
    if (s.found[i] == NULL)
      continue;
    g_array_append_vals(request->found, s.found[i]->data, s.found[i]->len);
    g_array_free(s.found[i], TRUE);
  }
  g_free(s.found);
  request->priced += s.priced;
  return s.violated;
}
