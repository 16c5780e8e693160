/* match.c: from a prepared pool to an assignment with reasons.
 *
 * Data flow: score every row once (match-rows.c: threads, nothing of the
 * matrix kept but what the mode needs) -> the chosen solver on integer
 * values (value.h) -> the named-choice guarantee -> per-mentee status and
 * reasons. Solvers see only the MmProblem.
 * The optimal mode keeps only its first candidates and proves its result
 * by pricing every pair again (solve-priced.c), so its memory grows with
 * the candidates, not with mentees x mentors; stable and greedy keep every
 * eligible pair up to the same bound, and bounded lists beyond it
 * (match-stream.h). */
#include "match-private.h"
#include "flags.h"
#include "match-rows.h"
#include "match-stream.h"
#include "mentor-side.h"
#include "problem.h"
#include "rules.h"
#include "value.h"

#include <string.h>

/* The optimal mode first solves on each mentee's best few mentors (and each
 * mentor's best few mentees), then proves the result against every eligible
 * pair, adding at most this many pairs per mentee per round. Small enough to
 * keep searches short, large enough that few rounds are needed. */
#ifndef OPTIMAL_CANDIDATES_PER_MENTEE
#define OPTIMAL_CANDIDATES_PER_MENTEE 4
#endif

/* Up to this many pairs (mentees x mentors), the optimal mode keeps every
 * eligible pair (at most 8 bytes each: 512 MiB) and prices from memory;
 * beyond it, it keeps only its candidates and prices by scoring every row
 * again, so that memory grows with the candidates, not with the pool. */
#define OPTIMAL_PAIRS_IN_MEMORY (G_GUINT64_CONSTANT(64) * 1024 * 1024)

struct MmMatchOptions {
  MmMode mode;
  const MmPins *pins;       /* nullable */
  guint n_threads;          /* scoring threads; 0 = one per core */
  MmProgressFunc progress;  /* nullable */
  gpointer progress_data;
};

/* What mm_match_options_new() gives, and what a NULL options means. */
static const MmMatchOptions default_options = {.mode = MM_MODE_OPTIMAL};

/* The figures over all mentees (mm_matching_count() and the others). */
typedef struct {
  guint count[MM_STATUS_UNMATCHED + 1]; /* by MmMatchStatus */
  double mean_score;
  guint preferences_stated;
  guint preferences_met;
  guint pricing_rounds;
  guint64 pairs_priced;
  guint named_moves;
} Summary;

struct MmMatching {
  const MmPool *pool;
  MmConfig *config;     /* a copy, to list a row's eligible pairs on demand */
  MmMode mode;
  guint n_mentees;
  MmRowSummary *rows;
  gint *mentor_of;
  MmMatchStatus *status;
  gint32 *score_units;  /* of the assigned pair */
  gint32 *value_units;  /* of the assigned pair (value.h) */
  char **reason;
  Summary summary;
  GArray *pricing_round; /* MmPricingRound: the optimal mode's, else empty */
  MmMatchPhases phases;
  /* the row mm_matching_candidate() last listed, rescored on demand */
  GMutex lock;
  gint cached_row;
  guint *cached_mentor;
  gint32 *cached_units;
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

MmMatchOptions *mm_match_options_new(void) {
  return g_memdup2(&default_options, sizeof default_options);
}

void mm_match_options_free(MmMatchOptions *options) { g_free(options); }

void mm_match_options_set_mode(MmMatchOptions *options, MmMode mode) {
  g_return_if_fail(options != NULL);
  g_return_if_fail(mm_mode_name(mode) != NULL);
  options->mode = mode;
}

void mm_match_options_set_pins(MmMatchOptions *options, const MmPins *pins) {
  g_return_if_fail(options != NULL);
  options->pins = pins;
}

void mm_match_options_set_threads(MmMatchOptions *options, guint n_threads) {
  g_return_if_fail(options != NULL);
  options->n_threads = n_threads;
}

void mm_match_options_set_progress(MmMatchOptions *options,
                                   MmProgressFunc progress,
                                   gpointer user_data) {
  g_return_if_fail(options != NULL);
  options->progress = progress;
  options->progress_data = user_data;
}

/* ---- the solver's view ---- */

MmProblem *mm_i_match_problem_shape(const MmPool *pool,
                                    const MmConfig *config,
                                    const MmPins *pins) {
  const guint n = mm_pool_n_mentees(pool), m = mm_pool_n_mentors(pool);
  MmProblem *p = g_new0(MmProblem, 1);
  p->n_mentees = n;
  p->n_mentors = m;
  p->row_start = g_new0(guint, n + 1);
  p->mentor = g_new(guint, 1);
  p->value = g_new(gint32, 1);
  p->count_first = config->prefer == MM_PREFER_COUNT;
  p->value_max = (gint32)MM_VALUE_UNITS_MAX;
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
  return p;
}

/* The stable mode's rankings: named mentors first, and the mentors' side. */
static void add_stable_rankings(MmProblem *p, const MmPool *pool,
                                const MmConfig *config) {
  gsize n_edges = p->row_start[p->n_mentees];
  p->named_place = g_new(gint32, MAX(n_edges, 1));
  p->mentor_score = g_new(gint32, MAX(n_edges, 1));
  for (guint i = 0; i < p->n_mentees; i++) {
    for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++) {
      p->named_place[e] = MM_NOT_NAMED;
      p->mentor_score[e] = mm_i_score_to_units(
          mm_i_mentor_side_score(pool, config, i, p->mentor[e]));
    }
    const GArray *named = mm_i_pool_mentee(pool, i)->preferred_mentors;
    for (guint k = 0; named != NULL && k < named->len; k++) {
      guint j = g_array_index(named, guint, k);
      for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++)
        if (p->mentor[e] == j && p->named_place[e] == MM_NOT_NAMED)
          p->named_place[e] = (gint32)k;
    }
  }
}

/* The optimal mode: pricing from every eligible pair held in memory, or
 * (large pools, @memory given) by scoring the rows again. @p holds the
 * pairs mm_i_rows_score() kept; with @memory they are the first
 * candidates, and @p grows with the pairs pricing adds. */
static void solve_optimal(MmProblem *p, const MmPool *pool,
                          const MmConfig *config, guint n_threads,
                          const MmRowSummary *rows, MmPriceMemory *memory,
                          gint *mentor_of, MmPricing *pricing) {
  if (memory != NULL) {
    MmRowPricer pricer = {pool, config, n_threads, rows, memory};
    mm_i_solve_optimal_priced(p, mm_i_rows_price, &pricer,
                            OPTIMAL_CANDIDATES_PER_MENTEE, mentor_of, pricing);
    return;
  }
  MmProblem *candidates =
      mm_i_candidates_from_full(p, OPTIMAL_CANDIDATES_PER_MENTEE,
                              MM_MENTOR_TOP_PER_PLACE);
  mm_i_solve_optimal_priced(candidates, mm_i_price_full, p,
                          OPTIMAL_CANDIDATES_PER_MENTEE, mentor_of, pricing);
  mm_i_problem_free(candidates);
}

static void solve(MmProblem *p, const MmPool *pool, const MmConfig *config,
                  const MmMatchOptions *options, const MmRowSummary *rows,
                  MmPriceMemory *memory, gint *mentor_of, MmPricing *pricing) {
  switch (options->mode) {
  case MM_MODE_STABLE:
    add_stable_rankings(p, pool, config);
    mm_i_solve_stable(p, mentor_of);
    break;
  case MM_MODE_GREEDY:
    mm_i_solve_greedy(p, mentor_of);
    break;
  case MM_MODE_OPTIMAL:
  default:
    solve_optimal(p, pool, config, options->n_threads, rows, memory,
                  mentor_of, pricing);
    break;
  }
}

/* ---- the named-choice guarantee ---- */

/* The waiting young person (active, unmatched) whose pair with mentor @j
 * is worth most (the first on ties), or -1 when nobody waiting is eligible
 * for @j; their pair's value in *@value. Scored here: the stream and priced
 * paths do not hold every eligible pair. */
static gint best_waiting_for(const MmProblem *p, const MmPool *pool,
                             const MmConfig *config, const gint *mentor_of,
                             guint j, MmRowBuffers *b, gint32 *value) {
  gint best = -1;
  for (guint i = 0; i < p->n_mentees; i++) {
    if (!p->active[i] || mentor_of[i] >= 0)
      continue;
    if (mm_i_row_eligible(pool, config, i, &j, 1, b->scores, b->broken,
                          b->mentor, b->units) == 0)
      continue;
    mm_i_value_from_scores(pool->encoding, config, i, b->mentor, b->units, 1);
    if (best < 0 || b->units[0] > *value) {
      best = (gint)i;
      *value = b->units[0];
    }
  }
  return best;
}

/* the contract (docs/): no young person is left unmatched, or given a mentor they did
 * not name, while one of their named mentors is eligible for them and has a
 * free place in the result. The objective usually sees to it (a named
 * mentor adds choice_bonus), but not always: a fourth choice adds 42 points
 * by default, a stranger may fit 60 points better, and choice_bonus may be
 * 0. So after the solver, each young person in that position moves to the
 * first of their named mentors with a free place. A move frees a place,
 * which may put another young person in that position, so moves go on
 * until none is left; then each place still free goes to the waiting young
 * person whose pair with that mentor is worth most (in every mode: a place
 * left empty while someone eligible waits helps nobody), which may start
 * moves again. Each young person moves at
 * most once (they are then with a named mentor) and each fill matches one
 * more, so this ends. Returns how many moved; @fill_value gets the value of
 * each pair a fill made (those may be outside @p's pairs), -1 elsewhere.
 * Named eligible pairs are always among the problem's candidates
 * (mm_i_rows_score()). */
static guint honour_named_choices(const MmProblem *p, const MmPool *pool,
                                  const MmConfig *config, gint *mentor_of,
                                  gint32 *fill_value) {
  guint *load = g_new0(guint, MAX(p->n_mentors, 1));
  for (guint i = 0; i < p->n_mentees; i++) {
    fill_value[i] = -1;
    if (mentor_of[i] >= 0)
      load[mentor_of[i]]++;
  }
  GArray *freed = g_array_new(FALSE, FALSE, sizeof(guint));
  MmRowBuffers buffers;
  mm_i_row_buffers_init(&buffers, 1);
  guint moves = 0;
  gboolean moved = TRUE;
  while (moved) {
    moved = FALSE;
    for (guint i = 0; i < p->n_mentees; i++) {
      const MmMenteeCode *a = &pool->encoding->mentees[i];
      if (!p->active[i] || a->n_named == 0)
        continue;
      gint best = -1;
      guint best_place = G_MAXUINT;
      gboolean on_named = FALSE;
      for (guint k = 0; k < a->n_named; k++) {
        guint j = a->named[k].mentor;
        on_named |= mentor_of[i] == (gint)j;
        if (a->named[k].place < best_place && load[j] < p->capacity[j] &&
            mm_i_problem_value(p, i, j) >= 0) {
          best = (gint)j;
          best_place = a->named[k].place;
        }
      }
      if (on_named || best < 0)
        continue;
      if (mentor_of[i] >= 0) {
        guint old = (guint)mentor_of[i];
        load[old]--;
        g_array_append_val(freed, old);
      }
      mentor_of[i] = best;
      fill_value[i] = -1;
      load[best]++;
      moves++;
      moved = TRUE;
    }
    if (moved) /* named choices first: a freed place may be someone's */
      continue;
    for (guint k = 0; k < freed->len; k++) {
      guint j = g_array_index(freed, guint, k);
      gint32 value = 0;
      gint u;
      while (load[j] < p->capacity[j] &&
             (u = best_waiting_for(p, pool, config, mentor_of, j, &buffers,
                                   &value)) >= 0) {
        mentor_of[u] = (gint)j;
        fill_value[u] = value;
        load[j]++;
        moved = TRUE;
      }
    }
    g_array_set_size(freed, 0);
  }
  mm_i_row_buffers_clear(&buffers);
  g_array_free(freed, TRUE);
  g_free(load);
  return moves;
}

/* The score and value of mentee @i's pair with mentor @j, from its value. */
static void set_pair_units(MmMatching *r, const MmConfig *config, guint i,
                           guint j, gint32 value_units) {
  MmPair pair = mm_i_pair(r->pool->encoding, config, i, j);
  r->value_units[i] = value_units;
  r->score_units[i] = value_units - mm_i_pair_value_extra_units(&pair);
}

/* ---- reasons ---- */

static void append_units(GString *out, gint32 units) {
  g_string_append_printf(out, "%d.%02d", units / MM_SCORE_SCALE,
                         units % MM_SCORE_SCALE);
}

/* Each mentor's young people, in input order: mentee[start[j]..start[j+1]).
 * Built once, so that naming who holds a mentor's places costs the places,
 * not a scan of every young person (77,000 scans of 100,000 at national
 * scale). */
typedef struct {
  guint *start;
  guint *mentee;
} Holders;

static Holders holders_of(const MmMatching *r) {
  guint m = mm_pool_n_mentors(r->pool);
  Holders h = {g_new0(guint, m + 1), g_new(guint, MAX(r->n_mentees, 1))};
  for (guint i = 0; i < r->n_mentees; i++)
    if (r->mentor_of[i] >= 0)
      h.start[r->mentor_of[i] + 1]++;
  for (guint j = 0; j < m; j++)
    h.start[j + 1] += h.start[j];
  guint *fill = g_memdup2(h.start, sizeof(guint) * (m + 1));
  for (guint i = 0; i < r->n_mentees; i++)
    if (r->mentor_of[i] >= 0)
      h.mentee[fill[r->mentor_of[i]]++] = i;
  g_free(fill);
  return h;
}

static void holders_clear(Holders *h) {
  g_free(h->start);
  g_free(h->mentee);
}

/* Every eligible mentor is full: name the best and who holds its places. */
static char *reason_all_full(const MmMatching *r, const Holders *holders,
                             const MmRowSummary *row) {
  guint mentor = (guint)row->best_mentor;
  GString *out = g_string_new(NULL);
  g_string_append_printf(out, "eligible mentors all taken (%u); best %s (",
                         row->n_eligible, mm_pool_mentor_id(r->pool, mentor));
  append_units(out, row->best_score);
  g_string_append(out, ") is held by");
  for (guint k = holders->start[mentor]; k < holders->start[mentor + 1]; k++)
    g_string_append_printf(out, "%s%s", k > holders->start[mentor] ? ", " : " ",
                           mm_pool_mentee_id(r->pool, holders->mentee[k]));
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
  mm_i_rules_count(broken, m, counts);
  gint best_below = -1;
  for (guint j = 0; j < m; j++) {
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
    append_units(out, mm_i_score_to_units(scores[best_below]));
    g_string_append_printf(out, " (no eligible mentor: %s)", summary);
  } else {
    g_string_append_printf(out, "no eligible mentor: %s", summary);
  }
  g_free(summary);
  g_free(scores);
  g_free(broken);
  return g_string_free(out, FALSE);
}

/* Why each mentor the young person named was not given to them, appended
 * to @out: "; named M003: full (held by YP004, YP009)" or "; named M005:
 * not eligible (checks, distance)". */
static void append_named_mentors(GString *out, const MmMatching *r,
                                 const Holders *holders, guint mentee) {
  const GArray *named = mm_i_pool_mentee(r->pool, mentee)->preferred_mentors;
  for (guint k = 0; k < named->len; k++) {
    guint mentor = g_array_index(named, guint, k);
    g_string_append_printf(out, "; named %s: ",
                           mm_pool_mentor_id(r->pool, mentor));
    MmExplanation *e = mm_explain_pair(r->pool, r->config, mentee, mentor);
    guint32 broken = mm_explanation_broken_rules(e);
    mm_explanation_free(e);
    if (broken != 0) {
      g_string_append(out, "not eligible (");
      for (guint rule = 0, n = 0; rule < MM_N_RULES; rule++)
        if (broken & (1u << rule))
          g_string_append_printf(out, "%s%s", n++ > 0 ? ", " : "",
                                 mm_rule_name((MmRule)rule));
      g_string_append_c(out, ')');
      continue;
    }
    g_string_append(out, "full (held by");
    for (guint h = holders->start[mentor]; h < holders->start[mentor + 1]; h++)
      g_string_append_printf(out, "%s%s", h > holders->start[mentor] ? ", " : " ",
                             mm_pool_mentee_id(r->pool, holders->mentee[h]));
    g_string_append_c(out, ')');
  }
}

/* ---- pins ---- */

static void keep_pins(MmMatching *r, const MmConfig *config,
                      const MmPins *pins, MmDiagnostics *diags) {
  for (guint k = 0; pins != NULL && k < pins->pins->len; k++) {
    const MmPin *pin = &g_array_index(pins->pins, MmPin, k);
    MmExplanation *e = mm_explain_pair(r->pool, config, pin->mentee, pin->mentor);
    mm_i_pin_warn_broken(r->pool, pin, mm_explanation_broken_rules(e), NULL,
                       diags);
    r->mentor_of[pin->mentee] = (gint)pin->mentor;
    r->status[pin->mentee] = MM_STATUS_PINNED;
    r->score_units[pin->mentee] = mm_i_score_to_units(mm_explanation_score(e));
    r->value_units[pin->mentee] =
        mm_i_score_to_units(mm_explanation_pair_value(e));
    mm_explanation_free(e);
  }
}

static void summarise(MmMatching *r, const MmConfig *config) {
  Summary *s = &r->summary;
  gint64 total = 0;
  for (guint i = 0; i < r->n_mentees; i++) {
    s->count[r->status[i]]++;
    if (r->status[i] == MM_STATUS_UNMATCHED)
      continue;
    total += r->score_units[i];
    guint stated = 0, met = 0;
    mm_i_preferences_met(r->pool, config, i, (guint)r->mentor_of[i], &stated,
                       &met);
    s->preferences_stated += stated;
    s->preferences_met += met;
  }
  guint with_mentor = r->n_mentees - s->count[MM_STATUS_UNMATCHED];
  s->mean_score = with_mentor > 0 ? mm_figure_round((double)total /
                                                    MM_SCORE_SCALE /
                                                    with_mentor)
                                  : 0.0;
}

MmMatching *mm_match(const MmPool *pool, const MmConfig *config,
                     const MmMatchOptions *options, MmDiagnostics *diags) {
  return mm_i_match_within(pool, config, options, diags, OPTIMAL_PAIRS_IN_MEMORY);
}

MmMatching *mm_i_match_within(const MmPool *pool, const MmConfig *config,
                            const MmMatchOptions *options, MmDiagnostics *diags,
                            guint64 pairs_in_memory) {
  g_return_val_if_fail(pool != NULL && mm_pool_is_prepared(pool), NULL);
  g_return_val_if_fail(config != NULL, NULL);
  if (options == NULL)
    options = &default_options;
  g_return_val_if_fail(options->pins == NULL || options->pins->pool == pool,
                       NULL);

  MmMatching *r = g_new0(MmMatching, 1);
  r->pool = mm_pool_ref((MmPool *)pool); /* the matching reads it later */
  r->config = mm_config_copy(config);
  r->mode = options->mode;
  r->n_mentees = mm_pool_n_mentees(pool);
  const guint n = r->n_mentees;
  r->rows = g_new0(MmRowSummary, MAX(n, 1));
  r->mentor_of = g_new(gint, MAX(n, 1));
  r->status = g_new(MmMatchStatus, MAX(n, 1));
  r->score_units = g_new0(gint32, MAX(n, 1));
  r->value_units = g_new0(gint32, MAX(n, 1));
  r->reason = g_new0(char *, MAX(n, 1));
  g_mutex_init(&r->lock);
  r->cached_row = -1;

  gint64 start = mm_i_cpu_usec();
  MmProblem *problem = mm_i_match_problem_shape(pool, config, options->pins);
  gboolean in_memory = (guint64)n * mm_pool_n_mentors(pool) <= pairs_in_memory;
  /* Beyond the memory bound, stable and greedy keep bounded lists and
   * score rows again when they run out (match-stream.c), which also
   * summarises the rows (for the reasons) as it fills the first lists. */
  gboolean stream = options->mode != MM_MODE_OPTIMAL && !in_memory;
  guint k = options->mode == MM_MODE_OPTIMAL && !in_memory
                ? OPTIMAL_CANDIDATES_PER_MENTEE
                : 0;
  /* the pricer's, seeded by the scoring pass (optimal beyond the bound) */
  MmPriceMemory *memory =
      k > 0 ? mm_i_price_memory_new(n, MM_PRICE_KNOWN_PER_ROW,
                                    MM_PRICE_SCORE_BUDGET) : NULL;
  /* (the stream scores its rows itself: its scoring counts as solving) */
  if (!stream)
    mm_i_rows_score(pool, config, problem, k, options->n_threads,
                    options->progress, options->progress_data, r->rows,
                    memory);
  gint64 scored = mm_i_cpu_usec();
  r->phases.score_usec = scored - start;
  MmPricing pricing = {0};
  if (stream) {
    MmProblem *named = NULL;
    mm_i_stream_solve(pool, config, problem, options->mode == MM_MODE_STABLE,
                      options->n_threads, options->progress,
                      options->progress_data, r->rows, r->mentor_of, &named);
    mm_i_problem_free(problem);
    problem = named; /* what the rest reads: given and named pairs */
  } else {
    solve(problem, pool, config, options, r->rows, memory, r->mentor_of,
          &pricing);
  }
  mm_i_price_memory_free(memory);
  gint64 solved = mm_i_cpu_usec();
  r->phases.solve_usec = solved - scored;
  gint32 *fill_value = g_new(gint32, MAX(n, 1));
  r->summary.named_moves =
      honour_named_choices(problem, pool, config, r->mentor_of, fill_value);
  for (guint i = 0; i < n; i++) {
    gint j = r->mentor_of[i];
    r->status[i] = j >= 0 ? MM_STATUS_MATCHED : MM_STATUS_UNMATCHED;
    if (j >= 0)
      set_pair_units(r, config, i, (guint)j,
                     fill_value[i] >= 0
                         ? fill_value[i]
                         : mm_i_problem_value(problem, i, (guint)j));
  }
  g_free(fill_value);
  mm_i_problem_free(problem);

  keep_pins(r, config, options->pins, diags);
  Holders holders = holders_of(r);
  for (guint i = 0; i < n; i++) {
    if (r->status[i] != MM_STATUS_UNMATCHED)
      continue;
    r->reason[i] = r->rows[i].n_eligible > 0
                       ? reason_all_full(r, &holders, &r->rows[i])
                       : reason_none_eligible(r, config, i);
    if (mm_i_pool_mentee(pool, i)->preferred_mentors->len > 0) {
      GString *reason = g_string_new(r->reason[i]);
      g_free(r->reason[i]);
      append_named_mentors(reason, r, &holders, i);
      r->reason[i] = g_string_free(reason, FALSE);
    }
  }
  holders_clear(&holders);
  summarise(r, config);
  r->summary.pricing_rounds = pricing.rounds;
  r->summary.pairs_priced = pricing.pairs_priced;
  r->pricing_round = pricing.round != NULL
                         ? pricing.round
                         : g_array_new(FALSE, TRUE, sizeof(MmPricingRound));
  r->phases.result_usec = mm_i_cpu_usec() - solved;
  r->phases.round = r->pricing_round;
  return r;
}

void mm_matching_free(MmMatching *matching) {
  if (matching == NULL)
    return;
  for (guint i = 0; i < matching->n_mentees; i++)
    g_free(matching->reason[i]);
  mm_config_free(matching->config);
  mm_pool_free((MmPool *)matching->pool);
  g_free(matching->rows);
  g_free(matching->mentor_of);
  g_free(matching->status);
  g_free(matching->score_units);
  g_free(matching->value_units);
  g_free(matching->reason);
  g_mutex_clear(&matching->lock);
  g_free(matching->cached_mentor);
  g_free(matching->cached_units);
  g_array_unref(matching->pricing_round);
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

double mm_matching_value(const MmMatching *matching, guint mentee) {
  g_return_val_if_fail(matching != NULL && mentee < matching->n_mentees, 0.0);
  return (double)matching->value_units[mentee] / MM_SCORE_SCALE;
}

char **mm_matching_flags(const MmMatching *matching, guint mentee) {
  g_return_val_if_fail(matching != NULL && mentee < matching->n_mentees, NULL);
  if (matching->mentor_of[mentee] < 0)
    return g_new0(char *, 1);
  return mm_i_pair_flags(matching->pool, matching->config, mentee,
                       (guint)matching->mentor_of[mentee]);
}

const char *mm_matching_reason(const MmMatching *matching, guint mentee) {
  g_return_val_if_fail(matching != NULL && mentee < matching->n_mentees, NULL);
  return matching->reason[mentee];
}

guint mm_matching_n_candidates(const MmMatching *matching, guint mentee) {
  g_return_val_if_fail(matching != NULL && mentee < matching->n_mentees, 0);
  return matching->rows[mentee].n_eligible;
}

/* Lists are not kept (the optimal mode never holds every pair): the row is
 * scored again, and kept for the next call, which usually asks for the same
 * row. The lock makes this safe for readers on several threads. */
void mm_matching_candidate(const MmMatching *matching, guint mentee, guint k,
                           guint *mentor, double *score) {
  g_return_if_fail(matching != NULL && mentee < matching->n_mentees);
  g_return_if_fail(k < matching->rows[mentee].n_eligible);
  MmMatching *m = (MmMatching *)matching;
  g_mutex_lock(&m->lock);
  if (m->cached_row != (gint)mentee) {
    guint n_mentors = mm_pool_n_mentors(m->pool);
    double *scores = g_new(double, MAX(n_mentors, 1));
    guint32 *broken = g_new(guint32, MAX(n_mentors, 1));
    if (m->cached_mentor == NULL) {
      m->cached_mentor = g_new(guint, MAX(n_mentors, 1));
      m->cached_units = g_new(gint32, MAX(n_mentors, 1));
    }
    mm_i_row_eligible(m->pool, m->config, mentee, NULL, 0, scores, broken,
                    m->cached_mentor, m->cached_units);
    m->cached_row = (gint)mentee;
    g_free(scores);
    g_free(broken);
  }
  if (mentor != NULL)
    *mentor = m->cached_mentor[k];
  if (score != NULL)
    *score = (double)m->cached_units[k] / MM_SCORE_SCALE;
  g_mutex_unlock(&m->lock);
}

guint mm_matching_n_mentees(const MmMatching *matching) {
  g_return_val_if_fail(matching != NULL, 0);
  return matching->n_mentees;
}

guint mm_matching_count(const MmMatching *matching, MmMatchStatus status) {
  g_return_val_if_fail(matching != NULL, 0);
  g_return_val_if_fail(mm_match_status_name(status) != NULL, 0);
  return matching->summary.count[status];
}

double mm_matching_mean_score(const MmMatching *matching) {
  g_return_val_if_fail(matching != NULL, 0.0);
  return matching->summary.mean_score;
}

guint mm_matching_preferences_stated(const MmMatching *matching) {
  g_return_val_if_fail(matching != NULL, 0);
  return matching->summary.preferences_stated;
}

guint mm_matching_preferences_met(const MmMatching *matching) {
  g_return_val_if_fail(matching != NULL, 0);
  return matching->summary.preferences_met;
}

guint mm_matching_pricing_rounds(const MmMatching *matching) {
  g_return_val_if_fail(matching != NULL, 0);
  return matching->summary.pricing_rounds;
}

guint64 mm_matching_pairs_priced(const MmMatching *matching) {
  g_return_val_if_fail(matching != NULL, 0);
  return matching->summary.pairs_priced;
}

guint mm_matching_named_moves(const MmMatching *matching) {
  g_return_val_if_fail(matching != NULL, 0);
  return matching->summary.named_moves;
}

void mm_matching_pricing_round(const MmMatching *matching, guint round,
                               guint64 *pairs_priced, guint64 *pairs_added) {
  g_return_if_fail(matching != NULL &&
                   round < matching->pricing_round->len);
  const MmPricingRound *r =
      &g_array_index(matching->pricing_round, MmPricingRound, round);
  if (pairs_priced != NULL)
    *pairs_priced = r->pairs_priced;
  if (pairs_added != NULL)
    *pairs_added = r->pairs_added;
}

MmMatchPhases mm_i_matching_phases(const MmMatching *matching) {
  return matching->phases;
}
