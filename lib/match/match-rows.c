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
  guint n = 0;
  for (guint k = 0; k < n_among; k++) {
    if (broken[k] != 0)
      continue;
    mentor[n] = among != NULL ? among[k] : k;
    units[n] = mm_i_score_to_units(scores[k]);
    n++;
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

/* @potential: the mentors' potentials when pricing, else NULL. */
static void pass_mentors_init(PassMentors *pm, const MmPool *pool,
                              const MmConfig *config, const MmCost *potential) {
  pm->open = mm_i_open_mentors(pool, config, &pm->n_open);
  pm->reach = mm_i_mentor_reach_new(pool->encoding, config, pm->open, pm->n_open,
                                  potential);
}

static void pass_mentors_clear(PassMentors *pm) {
  mm_i_mentor_reach_free(pm->reach);
  g_free(pm->open);
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
} ScorePass;

typedef struct {
  MmRowBuffers buffers;
  GArray *row;          /* MmCandidate */
  MmMentorTops *tops;
} ScoreScratch;

static gpointer score_scratch_new(RowPass *pass) {
  ScorePass *s = (ScorePass *)pass;
  ScoreScratch *scratch = g_new0(ScoreScratch, 1);
  mm_i_row_buffers_init(&scratch->buffers, pass->n_mentors);
  scratch->row = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
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
      mm_i_mentor_reach_of(s->mentors.reach, i, NULL, b->among, &n_among);
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
  mm_i_row_top(row, n, s->k, s->kept[i]);
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
                   MmRowSummary *summaries) {
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
  };
  if (k > 0)
    s.tops = mm_i_mentor_tops_new(problem->capacity, problem->n_mentors,
                                MM_MENTOR_TOP_PER_PLACE);
  pass_mentors_init(&s.mentors, pool, config, NULL);
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

struct MmPriceMemory {
  guint n_mentees;
  GPtrArray *mentor_pot; /* per pass: a copy of the mentors' potentials */
  /* per row: the pass that last rescored it (-1: none, or not every pair
   * it found pricing out was added), its potential and its slack then */
  gint *pass;
  MmCost *mentee_pot;
  MmCost *slack;
};

MmPriceMemory *mm_i_price_memory_new(guint n_mentees, guint n_mentors) {
  (void)n_mentors;
  MmPriceMemory *m = g_new0(MmPriceMemory, 1);
  m->n_mentees = n_mentees;
  m->mentor_pot = g_ptr_array_new_with_free_func(g_free);
  m->pass = g_new(gint, MAX(n_mentees, 1));
  for (guint i = 0; i < n_mentees; i++)
    m->pass[i] = -1;
  m->mentee_pot = g_new0(MmCost, MAX(n_mentees, 1));
  m->slack = g_new0(MmCost, MAX(n_mentees, 1));
  return m;
}

void mm_i_price_memory_free(MmPriceMemory *m) {
  if (m == NULL)
    return;
  g_ptr_array_unref(m->mentor_pot);
  g_free(m->pass);
  g_free(m->mentee_pot);
  g_free(m->slack);
  g_free(m);
}

/* Whether row @i, last rescored by an earlier pass, certainly has no pair
 * outside the candidates that prices out against @duals (see
 * MmRowPricer.memory). @among: the mentors now above the row's bound;
 * @mark: the row's candidates. */
static gboolean row_still_priced(const MmPriceMemory *m, const MmDuals *duals,
                                 guint i, gint32 best_value,
                                 const guint *among, guint n_among,
                                 const guint *mark) {
  if (m == NULL || m->pass[i] < 0)
    return FALSE;
  const MmCost *then = g_ptr_array_index(m->mentor_pot, m->pass[i]);
  const MmCost pot_then = m->mentee_pot[i];
  const MmCost bound_then = pot_then - best_value;
  const MmCost moved_i = duals->mentee[i] - pot_then;
  const MmCost slack = m->slack[i];
  for (guint k = 0; k < n_among; k++) {
    guint j = among[k];
    if (mark[j] == i + 1) /* a candidate: the solver keeps it priced */
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
  PassMentors mentors;
  GArray **found;       /* per row: MmCandidate, NULL when none */
  gint index;           /* this pass's in the pricer's memory */
  gsize violated;       /* folded from the threads */
  guint64 priced;
} PricePass;

typedef struct {
  MmRowBuffers buffers;
  MmViolation *best;    /* per_mentee */
  guint *mark;          /* mm_i_candidates_mark() */
  GArray *found;        /* MmCandidate: one row's, before it is kept */
  gsize violated;
  guint64 priced;
} PriceScratch;

static gpointer price_scratch_new(RowPass *pass) {
  PriceScratch *scratch = g_new0(PriceScratch, 1);
  mm_i_row_buffers_init(&scratch->buffers, pass->n_mentors);
  scratch->best = g_new(MmViolation, ((PricePass *)pass)->request->per_mentee);
  scratch->mark = g_new0(guint, MAX(pass->n_mentors, 1));
  scratch->found = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  return scratch;
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
  /* Of the mentors within reach, those with potential above
   * pot[i] - the row's best value: the others are priced by that bound. */
  const MmCost bound = r->duals->mentee[i] - row->best_value;
  guint n_among;
  const guint *among =
      mm_i_mentor_reach_of(s->mentors.reach, i, &bound, b->among, &n_among);
  mm_i_candidates_mark(r->candidates, i, scratch->mark);
  MmPriceMemory *memory = s->pricer->memory;
  if (row_still_priced(memory, r->duals, i, row->best_value, among, n_among,
                       scratch->mark))
    return;
  guint n = mm_i_row_eligible(s->pricer->pool, s->pricer->config, i, among,
                            n_among, b->scores, b->broken, b->mentor,
                            b->units);
  scratch->priced += n; /* the rules and the bound rule out the others */
  mm_i_value_from_scores(s->pricer->pool->encoding, s->pricer->config, i,
                       b->mentor, b->units, n);
  MmPriceRequest row_request = *r;
  row_request.found = scratch->found;
  g_array_set_size(scratch->found, 0);
  gsize violated = mm_i_price_row(&row_request, i, b->mentor, b->units, n,
                                scratch->mark, scratch->best);
  scratch->violated += violated;
  if (violated > 0) /* most rows have none: only these get an array */
    s->found[i] = g_array_copy(scratch->found);
  if (memory != NULL) { /* each row writes only its own entries */
    /* pairs that price out but are not added leave the row unproved */
    memory->pass[i] = violated <= r->per_mentee ? s->index : -1;
    memory->mentee_pot[i] = r->duals->mentee[i];
    memory->slack[i] = mm_i_price_row_slack(r, i, b->mentor, b->units, n,
                                          scratch->mark);
  }
}

static void price_scratch_fold(RowPass *pass, gpointer data) {
  PricePass *s = (PricePass *)pass;
  PriceScratch *scratch = data;
  s->violated += scratch->violated;
  s->priced += scratch->priced;
  mm_i_row_buffers_clear(&scratch->buffers);
  g_free(scratch->best);
  g_free(scratch->mark);
  g_array_free(scratch->found, TRUE);
  g_free(scratch);
}

gsize mm_i_rows_price(gpointer row_pricer, MmPriceRequest *request) {
  const MmRowPricer *pricer = row_pricer;
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
  pass_mentors_init(&s.mentors, pricer->pool, pricer->config,
                    request->duals->mentor);
  if (pricer->memory != NULL) {
    s.index = (gint)pricer->memory->mentor_pot->len;
    g_ptr_array_add(pricer->memory->mentor_pot,
                    g_memdup2(request->duals->mentor,
                              sizeof(MmCost) * MAX(request->candidates->n_mentors, 1)));
  }
  run_pass(&s.pass, pricer->n_threads);
  pass_mentors_clear(&s.mentors);
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
