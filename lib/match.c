/* match.c: from a prepared pool to an assignment with reasons.
 *
 * Data flow: score every pair (rows shared out between threads) -> candidate
 * lists of eligible pairs with exact integer scores -> the chosen solver ->
 * per-mentee status and reasons. Solvers see only the MmProblem. */
#include "match-private.h"
#include "problem.h"
#include "mentor-side.h"

#include <string.h>

/* Rows are handed to threads in blocks of this many mentees: large enough
 * to keep the shared counter cold, small enough to balance the work. */
#define SCORE_BLOCK_ROWS 16

/* The optimal mode first solves on each mentee's best few mentors, then
 * proves the result against every eligible pair (solve-priced.c). Small
 * enough to keep searches short, large enough that one round usually
 * suffices. */
#define OPTIMAL_CANDIDATES_PER_MENTEE 8

typedef struct {
  guint n;
  guint *mentor;
  gint32 *score;
} Row;

struct MmMatching {
  const MmPool *pool;
  MmMode mode;
  guint n_mentees;
  Row *rows;            /* eligible pairs per mentee */
  gint *mentor_of;
  MmMatchStatus *status;
  gint32 *score_units;  /* of the assigned pair */
  char **reason;
  MmMatchSummary summary;
};

static const char *const mode_names[] = {"optimal", "stable", "greedy"};
static const char *const status_names[] = {"matched", "pinned", "unmatched"};

const char *mm_mode_name(MmMode mode) {
  return (guint)mode < G_N_ELEMENTS(mode_names) ? mode_names[mode] : NULL;
}

gboolean mm_mode_from_name(const char *name, MmMode *mode) {
  for (guint k = 0; name != NULL && k < G_N_ELEMENTS(mode_names); k++) {
    if (strcmp(name, mode_names[k]) == 0) {
      *mode = (MmMode)k;
      return TRUE;
    }
  }
  return FALSE;
}

const char *mm_match_status_name(MmMatchStatus status) {
  return (guint)status < G_N_ELEMENTS(status_names) ? status_names[status]
                                                     : NULL;
}

MmMatchOptions mm_match_options_default(void) {
  return (MmMatchOptions){.mode = MM_MODE_OPTIMAL};
}

/* ---- scoring, shared between threads ---- */

typedef struct {
  const MmPool *pool;
  const MmConfig *config;
  Row *rows;
  guint n_mentees, n_mentors;
  gint next_row; /* atomic */
  gint rows_done; /* atomic */
} ScoreJob;

static void score_row(ScoreJob *job, guint i, double *scores, guint32 *broken) {
  mm_score_mentee(job->pool, job->config, i, scores, broken);
  guint n = 0;
  for (guint j = 0; j < job->n_mentors; j++)
    n += broken[j] == 0;
  Row *row = &job->rows[i];
  row->n = n;
  row->mentor = g_new(guint, MAX(n, 1));
  row->score = g_new(gint32, MAX(n, 1));
  guint k = 0;
  for (guint j = 0; j < job->n_mentors; j++) {
    if (broken[j] != 0)
      continue;
    row->mentor[k] = j;
    row->score[k] = mm_score_to_units(scores[j]);
    k++;
  }
}

/* Takes blocks of rows until none is left; returns when all are taken. */
static void score_blocks(ScoreJob *job, MmProgressFunc progress,
                         gpointer progress_data) {
  double *scores = g_new(double, MAX(job->n_mentors, 1));
  guint32 *broken = g_new(guint32, MAX(job->n_mentors, 1));
  for (;;) {
    gint start = g_atomic_int_add(&job->next_row, SCORE_BLOCK_ROWS);
    if (start >= (gint)job->n_mentees)
      break;
    guint end = MIN((guint)start + SCORE_BLOCK_ROWS, job->n_mentees);
    for (guint i = (guint)start; i < end; i++)
      score_row(job, i, scores, broken);
    gint done = g_atomic_int_add(&job->rows_done, (gint)(end - (guint)start));
    if (progress != NULL)
      progress((double)(done + (gint)(end - (guint)start)) / job->n_mentees,
               progress_data);
  }
  g_free(scores);
  g_free(broken);
}

static gpointer score_worker(gpointer data) {
  score_blocks(data, NULL, NULL);
  return NULL;
}

static void score_all(ScoreJob *job, guint n_threads, MmProgressFunc progress,
                      gpointer progress_data) {
  if (n_threads == 0)
    n_threads = g_get_num_processors();
  n_threads = MIN(n_threads, MAX(1, job->n_mentees / SCORE_BLOCK_ROWS));
  GPtrArray *threads = g_ptr_array_new();
  for (guint t = 1; t < n_threads; t++) {
    GThread *thread = g_thread_try_new("mm-score", score_worker, job, NULL);
    if (thread != NULL) /* fewer threads is slower, never wrong */
      g_ptr_array_add(threads, thread);
  }
  score_blocks(job, progress, progress_data);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join(g_ptr_array_index(threads, t));
  g_ptr_array_free(threads, TRUE);
}

/* ---- the solver's view ---- */

static MmProblem *build_problem(const MmMatching *r, const MmPool *pool,
                                const MmConfig *config, const MmPins *pins,
                                gboolean stable) {
  const guint n = r->n_mentees, m = mm_pool_n_mentors(pool);
  MmProblem *p = g_new0(MmProblem, 1);
  p->n_mentees = n;
  p->n_mentors = m;
  p->row_start = g_new(guint, n + 1);
  gsize n_edges = 0;
  for (guint i = 0; i < n; i++) {
    p->row_start[i] = (guint)n_edges;
    n_edges += r->rows[i].n;
  }
  p->row_start[n] = (guint)n_edges;
  p->mentor = g_new(guint, MAX(n_edges, 1));
  p->score = g_new(gint32, MAX(n_edges, 1));
  for (guint i = 0; i < n; i++) {
    memcpy(p->mentor + p->row_start[i], r->rows[i].mentor,
           sizeof(guint) * r->rows[i].n);
    memcpy(p->score + p->row_start[i], r->rows[i].score,
           sizeof(gint32) * r->rows[i].n);
  }
  p->capacity = g_new(guint, MAX(m, 1));
  for (guint j = 0; j < m; j++)
    p->capacity[j] = mm_pool_mentor_capacity(pool, j) -
                     (pins != NULL ? pins->pins_on[j] : 0);
  p->priority = g_new(guint8, MAX(n, 1));
  p->active = g_new(gboolean, MAX(n, 1));
  for (guint i = 0; i < n; i++) {
    p->priority[i] = (guint8)mm_pool_mentee_priority(pool, i);
    p->active[i] = pins == NULL || pins->pinned_mentor[i] < 0;
  }
  if (stable) {
    p->named_place = g_new(gint32, MAX(n_edges, 1));
    p->mentor_score = g_new(gint32, MAX(n_edges, 1));
    for (guint i = 0; i < n; i++) {
      const MmPerson *mentee = mm_pool_mentee(pool, i);
      for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++) {
        p->named_place[e] = MM_NOT_NAMED;
        p->mentor_score[e] = mm_score_to_units(
            mm_mentor_side_score(pool, config, i, p->mentor[e]));
      }
      const GArray *named = mentee->preferred_mentors;
      for (guint k = 0; named != NULL && k < named->len; k++) {
        guint j = g_array_index(named, guint, k);
        for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++)
          if (p->mentor[e] == j)
            p->named_place[e] = (gint32)k;
      }
    }
  }
  return p;
}

static void run_solver(MmMode mode, const MmProblem *p, gint *mentor_of,
                       MmPricing *pricing) {
  switch (mode) {
  case MM_MODE_STABLE:
    mm_solve_stable(p, mentor_of);
    break;
  case MM_MODE_GREEDY:
    mm_solve_greedy(p, mentor_of);
    break;
  case MM_MODE_OPTIMAL:
  default:
    mm_solve_optimal_priced(p, OPTIMAL_CANDIDATES_PER_MENTEE, mentor_of,
                            pricing);
    break;
  }
}

/* ---- reasons ---- */

static gint32 row_score(const Row *row, guint mentor) {
  for (guint k = 0; k < row->n; k++)
    if (row->mentor[k] == mentor)
      return row->score[k];
  return -1;
}

static void append_units(GString *out, gint32 units) {
  g_string_append_printf(out, "%d.%02d", units / MM_SCORE_SCALE,
                         units % MM_SCORE_SCALE);
}

/* Every eligible mentor is full: name the best and who holds its places. */
static char *reason_all_full(const MmMatching *r, const Row *row) {
  guint best = 0;
  for (guint k = 1; k < row->n; k++)
    if (row->score[k] > row->score[best])
      best = k;
  guint mentor = row->mentor[best];
  GString *out = g_string_new(NULL);
  g_string_append_printf(out, "eligible mentors all taken (%u); best %s (",
                         row->n, mm_pool_mentor_id(r->pool, mentor));
  append_units(out, row->score[best]);
  g_string_append(out, ") is held by");
  const char *sep = " ";
  for (guint i = 0; i < r->n_mentees; i++) {
    if (r->mentor_of[i] != (gint)mentor)
      continue;
    g_string_append_printf(out, "%s%s", sep, mm_pool_mentee_id(r->pool, i));
    sep = ", ";
  }
  return g_string_free(out, FALSE);
}

/* No eligible mentor: count what each rule excluded, and single out the
 * case where the only obstacle is min_score. */
static char *reason_none_eligible(const MmMatching *r, const MmConfig *config,
                                  guint mentee) {
  guint m = mm_pool_n_mentors(r->pool);
  if (m == 0)
    return g_strdup("no mentors in the pool");
  double *scores = g_new(double, m);
  guint32 *broken = g_new(guint32, m);
  mm_score_mentee(r->pool, config, mentee, scores, broken);
  guint counts[MM_N_RULES] = {0};
  gint best_below = -1;
  for (guint j = 0; j < m; j++) {
    for (guint rule = 0; rule < MM_N_RULES; rule++)
      counts[rule] += (broken[j] >> rule) & 1u;
    if (broken[j] == (1u << MM_RULE_MIN_SCORE) &&
        (best_below < 0 || scores[j] > scores[best_below]))
      best_below = (gint)j;
  }
  char *summary = mm_rules_summary(counts);
  GString *out = g_string_new(NULL);
  if (best_below >= 0) {
    g_string_append_printf(out, "below min_score %g: best %s scores ",
                           mm_config_get_min_score(config),
                           mm_pool_mentor_id(r->pool, (guint)best_below));
    append_units(out, mm_score_to_units(scores[best_below]));
    g_string_append_printf(out, " (no eligible mentor: %s)", summary);
  } else {
    g_string_append_printf(out, "no eligible mentor: %s", summary);
  }
  g_free(summary);
  g_free(scores);
  g_free(broken);
  return g_string_free(out, FALSE);
}

/* ---- pins ---- */

static void keep_pins(MmMatching *r, const MmConfig *config,
                      const MmPins *pins, MmDiagnostics *diags) {
  for (guint k = 0; pins != NULL && k < pins->pins->len; k++) {
    const MmPin *pin = &g_array_index(pins->pins, MmPin, k);
    MmExplanation *e = mm_explain_pair(r->pool, config, pin->mentee, pin->mentor);
    guint32 broken = mm_explanation_broken_rules(e);
    if (broken != 0 && diags != NULL) {
      guint counts[MM_N_RULES] = {0};
      for (guint rule = 0; rule < MM_N_RULES; rule++)
        counts[rule] = (broken >> rule) & 1u;
      char *rules = mm_rules_summary(counts);
      mm_diagnostics_add(diags, MM_SEVERITY_WARNING, pin->source, pin->line,
                         NULL, "pinned pair %s-%s kept although it breaks: %s",
                         mm_pool_mentee_id(r->pool, pin->mentee),
                         mm_pool_mentor_id(r->pool, pin->mentor), rules);
      g_free(rules);
    }
    r->mentor_of[pin->mentee] = (gint)pin->mentor;
    r->status[pin->mentee] = MM_STATUS_PINNED;
    r->score_units[pin->mentee] = mm_score_to_units(mm_explanation_score(e));
    mm_explanation_free(e);
  }
}

static void summarise(MmMatching *r, const MmConfig *config) {
  MmMatchSummary *s = &r->summary;
  s->n_mentees = r->n_mentees;
  gint64 total = 0;
  for (guint i = 0; i < r->n_mentees; i++) {
    switch (r->status[i]) {
    case MM_STATUS_MATCHED:
      s->matched++;
      break;
    case MM_STATUS_PINNED:
      s->pinned++;
      break;
    case MM_STATUS_UNMATCHED:
      s->unmatched++;
      continue;
    }
    total += r->score_units[i];
    guint stated = 0, met = 0;
    mm_preferences_met(r->pool, config, i, (guint)r->mentor_of[i], &stated,
                       &met);
    s->preferences_stated += stated;
    s->preferences_met += met;
  }
  guint with_mentor = s->matched + s->pinned;
  s->mean_score =
      with_mentor > 0 ? (double)total / MM_SCORE_SCALE / with_mentor : 0.0;
}

MmMatching *mm_match(const MmPool *pool, const MmConfig *config,
                     const MmMatchOptions *options, MmDiagnostics *diags) {
  g_return_val_if_fail(pool != NULL && mm_pool_is_prepared(pool), NULL);
  g_return_val_if_fail(config != NULL, NULL);
  MmMatchOptions defaults = mm_match_options_default();
  if (options == NULL)
    options = &defaults;
  g_return_val_if_fail(options->pins == NULL || options->pins->pool == pool,
                       NULL);

  MmMatching *r = g_new0(MmMatching, 1);
  r->pool = pool;
  r->mode = options->mode;
  r->n_mentees = mm_pool_n_mentees(pool);
  const guint n = r->n_mentees;
  r->rows = g_new0(Row, MAX(n, 1));
  r->mentor_of = g_new(gint, MAX(n, 1));
  r->status = g_new(MmMatchStatus, MAX(n, 1));
  r->score_units = g_new0(gint32, MAX(n, 1));
  r->reason = g_new0(char *, MAX(n, 1));

  ScoreJob job = {.pool = pool, .config = config, .rows = r->rows,
                  .n_mentees = n, .n_mentors = mm_pool_n_mentors(pool)};
  score_all(&job, options->n_threads, options->progress,
            options->progress_data);

  MmProblem *problem = build_problem(r, pool, config, options->pins,
                                     options->mode == MM_MODE_STABLE);
  MmPricing pricing = {0};
  run_solver(options->mode, problem, r->mentor_of, &pricing);
  mm_problem_free(problem);

  for (guint i = 0; i < n; i++) {
    r->status[i] = r->mentor_of[i] >= 0 ? MM_STATUS_MATCHED : MM_STATUS_UNMATCHED;
    if (r->mentor_of[i] >= 0)
      r->score_units[i] = row_score(&r->rows[i], (guint)r->mentor_of[i]);
  }
  keep_pins(r, config, options->pins, diags);
  for (guint i = 0; i < n; i++) {
    if (r->status[i] != MM_STATUS_UNMATCHED)
      continue;
    r->reason[i] = r->rows[i].n > 0 ? reason_all_full(r, &r->rows[i])
                                    : reason_none_eligible(r, config, i);
  }
  summarise(r, config);
  r->summary.pricing_rounds = pricing.rounds;
  r->summary.pairs_priced = pricing.pairs_priced;
  return r;
}

void mm_matching_free(MmMatching *matching) {
  if (matching == NULL)
    return;
  for (guint i = 0; i < matching->n_mentees; i++) {
    g_free(matching->rows[i].mentor);
    g_free(matching->rows[i].score);
    g_free(matching->reason[i]);
  }
  g_free(matching->rows);
  g_free(matching->mentor_of);
  g_free(matching->status);
  g_free(matching->score_units);
  g_free(matching->reason);
  g_free(matching);
}

MmMatchStatus mm_matching_status(const MmMatching *matching, guint mentee) {
  g_return_val_if_fail(matching != NULL && mentee < matching->n_mentees,
                       MM_STATUS_UNMATCHED);
  return matching->status[mentee];
}

gint mm_matching_mentor(const MmMatching *matching, guint mentee) {
  g_return_val_if_fail(matching != NULL && mentee < matching->n_mentees, -1);
  return matching->mentor_of[mentee];
}

double mm_matching_score(const MmMatching *matching, guint mentee) {
  g_return_val_if_fail(matching != NULL && mentee < matching->n_mentees, 0.0);
  return (double)matching->score_units[mentee] / MM_SCORE_SCALE;
}

const char *mm_matching_reason(const MmMatching *matching, guint mentee) {
  g_return_val_if_fail(matching != NULL && mentee < matching->n_mentees, NULL);
  return matching->reason[mentee];
}

guint mm_matching_n_candidates(const MmMatching *matching, guint mentee) {
  g_return_val_if_fail(matching != NULL && mentee < matching->n_mentees, 0);
  return matching->rows[mentee].n;
}

void mm_matching_candidate(const MmMatching *matching, guint mentee, guint k,
                           guint *mentor, double *score) {
  g_return_if_fail(matching != NULL && mentee < matching->n_mentees);
  g_return_if_fail(k < matching->rows[mentee].n);
  if (mentor != NULL)
    *mentor = matching->rows[mentee].mentor[k];
  if (score != NULL)
    *score = (double)matching->rows[mentee].score[k] / MM_SCORE_SCALE;
}

MmMatchSummary mm_matching_summary(const MmMatching *matching) {
  MmMatchSummary empty = {0};
  g_return_val_if_fail(matching != NULL, empty);
  return matching->summary;
}
