/* plan.c: which mentors to recruit next (mm-plan.h has the method).
 *
 * Data flow: every eligible pair of the pool, scored once (match-rows.c)
 * -> an exact solve with its dual prices (plan-solve.c) -> candidate
 * profiles from the young people still waiting (plan-profiles.c), each
 * scored against every young person in a copy of the pool that holds the
 * candidates (pool-copy.c) -> per proposal, exact solves in the order of
 * what the prices say a candidate can add, the best kept -> numbers proved
 * equal to what `match` gives, or taken from mm_match() itself. */
#include "plan-private.h"

#include "config-private.h"
#include "match-private.h"
#include "match-rows.h"
#include "pool-copy.h"
#include "value.h"

#include <math.h>
#include <string.h>

/* The optimal mode's first candidates, as match.c takes them. */
#define FIRST_CANDIDATES_PER_MENTEE 4

/* Rows handed to a scoring thread at a time. */
#define BLOCK_ROWS 16

struct MmPlanOptions {
  guint recruit;
  const MmPins *pins;
  guint n_threads;
};

typedef struct {
  char *value[MM_PLAN_N_COLUMNS];
  MmField *fields;
  gsize n_fields;
  gint young_people_gained;
  gint64 value_gained; /* units */
  guint made_for;
  char *description;
} Proposal;

struct MmPlan {
  GPtrArray *proposals; /* Proposal* */
  MmPlanSummary summary;
  char *stopped;
};

/* ---- options ---- */

MmPlanOptions *mm_plan_options_new(void) {
  MmPlanOptions *o = g_new0(MmPlanOptions, 1);
  o->recruit = MM_PLAN_DEFAULT_RECRUIT;
  return o;
}

void mm_plan_options_free(MmPlanOptions *options) { g_free(options); }

gboolean mm_plan_options_set_recruit(MmPlanOptions *options, guint recruit) {
  g_return_val_if_fail(options != NULL, FALSE);
  if (recruit < 1 || recruit > MM_PLAN_MAX_RECRUIT)
    return FALSE;
  options->recruit = recruit;
  return TRUE;
}

void mm_plan_options_set_pins(MmPlanOptions *options, const MmPins *pins) {
  g_return_if_fail(options != NULL);
  options->pins = pins;
}

void mm_plan_options_set_threads(MmPlanOptions *options, guint n_threads) {
  g_return_if_fail(options != NULL);
  options->n_threads = n_threads;
}

/* ---- the plan ---- */

static void proposal_free(gpointer data) {
  Proposal *p = data;
  for (guint c = 0; c < MM_PLAN_N_COLUMNS; c++)
    g_free(p->value[c]);
  g_free(p->fields);
  g_free(p->description);
  g_free(p);
}

void mm_plan_free(MmPlan *plan) {
  if (plan == NULL)
    return;
  g_ptr_array_unref(plan->proposals);
  g_free(plan->stopped);
  g_free(plan);
}

guint mm_plan_n_proposals(const MmPlan *plan) {
  g_return_val_if_fail(plan != NULL, 0);
  return plan->proposals->len;
}

static const Proposal *proposal_at(const MmPlan *plan, guint k) {
  return g_ptr_array_index(plan->proposals, k);
}

gint mm_plan_young_people_gained(const MmPlan *plan, guint k) {
  g_return_val_if_fail(plan != NULL && k < plan->proposals->len, 0);
  return proposal_at(plan, k)->young_people_gained;
}

double mm_plan_value_gained(const MmPlan *plan, guint k) {
  g_return_val_if_fail(plan != NULL && k < plan->proposals->len, 0.0);
  return (double)proposal_at(plan, k)->value_gained / MM_SCORE_SCALE;
}

const char *const *mm_plan_mentor_columns(void) {
  return mm_i_plan_column_names;
}

const char *mm_plan_mentor_value(const MmPlan *plan, guint k,
                                 const char *column) {
  g_return_val_if_fail(plan != NULL && k < plan->proposals->len, NULL);
  g_return_val_if_fail(column != NULL, NULL);
  for (guint c = 0; c < MM_PLAN_N_COLUMNS; c++)
    if (strcmp(mm_i_plan_column_names[c], column) == 0)
      return proposal_at(plan, k)->value[c];
  return NULL;
}

const MmField *mm_plan_mentor_fields(const MmPlan *plan, guint k,
                                     gsize *n_fields) {
  g_return_val_if_fail(plan != NULL && k < plan->proposals->len, NULL);
  g_return_val_if_fail(n_fields != NULL, NULL);
  *n_fields = proposal_at(plan, k)->n_fields;
  return proposal_at(plan, k)->fields;
}

guint mm_plan_made_for(const MmPlan *plan, guint k) {
  g_return_val_if_fail(plan != NULL && k < plan->proposals->len, 0);
  return proposal_at(plan, k)->made_for;
}

const char *mm_plan_description(const MmPlan *plan, guint k) {
  g_return_val_if_fail(plan != NULL && k < plan->proposals->len, NULL);
  return proposal_at(plan, k)->description;
}

const char *mm_plan_stopped(const MmPlan *plan) {
  g_return_val_if_fail(plan != NULL, NULL);
  return plan->stopped;
}

MmPlanSummary mm_plan_summary(const MmPlan *plan) {
  MmPlanSummary empty = {0};
  g_return_val_if_fail(plan != NULL, empty);
  return plan->summary;
}

/* ---- the work ---- */

/* What one run holds. */
typedef struct {
  const MmPool *pool;
  const MmConfig *config;
  const MmPlanOptions *options;
  MmProblem *full;            /* every eligible pair, proposals included */
  MmPlanSolution now;         /* the exact solution with the proposals */
  MmProblem *snapshot;        /* its sparse problem, as it was solved */
  /* the named-choice guarantee: per mentee, the smallest value of an
   * eligible named mentor (G_MAXINT64: none) and the largest of any other
   * eligible mentor (-1: none), proposals included */
  gint64 *named_min;
  gint64 *other_max;
  GPtrArray *profiles;        /* MmPlanProfile* */
  MmPlanColumnPairs *columns; /* per profile */
  GPtrArray *proposals;       /* Proposal*, as in the plan */
  guint matched;              /* the numbers `match` gives now */
  gint64 value;
  MmPlanSummary summary;
  const char *stopped;        /* why fewer proposals were made (static) */
} Run;

static char *plan_id(guint rank) { return g_strdup_printf("PLAN-%u", rank); }

/* The ids the proposals will take must mean nothing yet: not a mentor's,
 * and not named by any young person (who would then have named the
 * pasted mentor). */
static gboolean check_ids(const MmPool *pool, guint recruit, GError **error) {
  GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint k = 1; k <= recruit; k++)
    g_hash_table_add(ids, plan_id(k));
  gboolean ok = TRUE;
  GHashTableIter iter;
  gpointer id;
  g_hash_table_iter_init(&iter, ids);
  while (ok && g_hash_table_iter_next(&iter, &id, NULL)) {
    if (mm_pool_find_mentor(pool, id) >= 0) {
      g_set_error(error, MM_ERROR, MM_ERROR_INVALID_INPUT,
                  "a mentor already has the id %s, which plan gives its "
                  "proposals (PLAN-1 to PLAN-%u)",
                  (const char *)id, recruit);
      ok = FALSE;
    }
  }
  for (guint i = 0; ok && i < mm_pool_n_mentees(pool); i++) {
    const MmPerson *p = mm_i_pool_mentee(pool, i);
    const GPtrArray *lists[] = {p->preferred_ids, p->excluded_ids,
                                p->previous_ids};
    static const char *const columns[] = {"preferred_mentors",
                                          "excluded_mentors",
                                          "previous_mentors"};
    for (guint l = 0; ok && l < G_N_ELEMENTS(lists); l++)
      for (guint k = 0; ok && k < lists[l]->len; k++)
        if (g_hash_table_contains(ids, g_ptr_array_index(lists[l], k))) {
          g_set_error(error, MM_ERROR, MM_ERROR_INVALID_INPUT,
                      "%s:%u: column %s: young person %s names %s, an id "
                      "plan gives its proposals (PLAN-1 to PLAN-%u)",
                      p->source, p->line, columns[l], p->id,
                      (const char *)g_ptr_array_index(lists[l], k), recruit);
          ok = FALSE;
        }
  }
  g_hash_table_destroy(ids);
  return ok;
}

/* The problem match.c solves: places left after the pins, the pinned
 * young people inactive; here with every eligible pair. */
static MmProblem *full_problem(const MmPool *pool, const MmConfig *config,
                               const MmPins *pins, guint n_threads) {
  const guint n = mm_pool_n_mentees(pool);
  MmProblem *p = mm_i_match_problem_shape(pool, config, pins);
  MmRowSummary *rows = g_new0(MmRowSummary, MAX(n, 1));
  mm_i_rows_score(pool, config, p, 0, n_threads, NULL, NULL, rows, NULL);
  g_free(rows);
  return p;
}

static void named_bounds(Run *run) {
  const MmProblem *full = run->full;
  const guint n = full->n_mentees;
  run->named_min = g_new(gint64, MAX(n, 1));
  run->other_max = g_new(gint64, MAX(n, 1));
  for (guint i = 0; i < n; i++) {
    const MmMenteeCode *a = &run->pool->encoding->mentees[i];
    run->named_min[i] = G_MAXINT64;
    run->other_max[i] = -1;
    for (guint e = full->row_start[i]; e < full->row_start[i + 1]; e++) {
      gboolean named = FALSE;
      for (guint k = 0; k < a->n_named && !named; k++)
        named = a->named[k].mentor == full->mentor[e];
      if (named)
        run->named_min[i] = MIN(run->named_min[i], full->value[e]);
      else
        run->other_max[i] = MAX(run->other_max[i], full->value[e]);
    }
  }
}

/* Whether the named-choice guarantee can move nobody in any optimal
 * assignment: it moves a young person who is unmatched, or on a mentor
 * they did not name, while a named mentor eligible for them has a free
 * place. In an optimum that needs a named mentor worth no more than being
 * unmatched (0) or than some other eligible mentor; else the move would
 * have improved the optimum. */
static gboolean named_moves_impossible(const Run *run) {
  for (guint i = 0; i < run->full->n_mentees; i++)
    if (run->full->active[i] && run->named_min[i] != G_MAXINT64 &&
        run->named_min[i] <= MAX(0, run->other_max[i]))
      return FALSE;
  return TRUE;
}

/* ---- what `match` gives ---- */

static void numbers_of_matching(const MmMatching *matching, guint n,
                                guint *matched, gint64 *value) {
  *matched = 0;
  *value = 0;
  for (guint i = 0; i < n; i++) {
    if (mm_matching_status(matching, i) != MM_STATUS_MATCHED)
      continue;
    (*matched)++;
    *value += (gint64)llround(mm_matching_value(matching, i) * MM_SCORE_SCALE);
  }
}

/* mm_match() of the pool with the proposals appended to its mentors, as
 * the user will paste them, with the same pins. */
static gboolean match_with_proposals(const Run *run, guint *matched,
                                     gint64 *value, GError **error) {
  const MmPool *pool = run->pool;
  const MmPins *pins = run->options->pins;
  MmPool *copy = NULL;
  MmPins *copy_pins = NULL;
  const MmPool *matched_pool = pool;
  const MmPins *matched_pins = pins;
  MmDiagnostics *diags = mm_diagnostics_new();
  gboolean ok = TRUE;
  if (run->proposals->len > 0) {
    copy = mm_i_pool_copy_unprepared(pool, TRUE);
    for (guint k = 0; ok && k < run->proposals->len; k++) {
      const Proposal *p = g_ptr_array_index(run->proposals, k);
      ok = mm_pool_add_person(copy, MM_SIDE_MENTOR, p->fields, p->n_fields,
                              "plan", 0, diags);
    }
    ok = ok && mm_pool_prepare(copy, diags, NULL);
    if (ok && pins != NULL) {
      copy_pins = mm_pins_new(copy);
      for (guint k = 0; ok && k < pins->pins->len; k++) {
        const MmPin *pin = &g_array_index(pins->pins, MmPin, k);
        ok = mm_pins_add(copy_pins, mm_pool_mentee_id(pool, pin->mentee),
                         mm_pool_mentor_id(pool, pin->mentor), pin->source,
                         pin->line, diags);
      }
    }
    matched_pool = copy;
    matched_pins = copy_pins;
  }
  if (ok) {
    g_autoptr(MmMatchOptions) options = mm_match_options_new();
    mm_match_options_set_pins(options, matched_pins);
    mm_match_options_set_threads(options, run->options->n_threads);
    MmMatching *matching = mm_match(matched_pool, run->config, options, NULL);
    numbers_of_matching(matching, mm_pool_n_mentees(matched_pool), matched,
                        value);
    mm_matching_free(matching);
  } else {
    g_set_error_literal(error, MM_ERROR, MM_ERROR_STATE,
                        "the proposed mentors could not be added to a copy "
                        "of the pool");
  }
  mm_pins_free(copy_pins);
  mm_pool_free(copy);
  mm_diagnostics_free(diags);
  return ok;
}

/* The numbers `match` gives for the pool with the proposals so far: those
 * of the exact solution when every optimum has them and the named-choice
 * guarantee moves nobody; otherwise mm_match()'s own. */
static gboolean settle_numbers(Run *run, GError **error) {
  gboolean proved = named_moves_impossible(run) &&
                    (run->full->count_first ||
                     mm_i_plan_count_is_unique(run->full, &run->now));
  if (proved) {
    run->matched = run->now.matched;
    run->value = run->now.objective.total_value;
    return TRUE;
  }
  run->summary.confirmed_by_match++;
  return match_with_proposals(run, &run->matched, &run->value, error);
}

/* ---- candidates ---- */

typedef struct {
  const MmPool *pool; /* the copy holding the candidates as its mentors */
  const MmConfig *config;
  const gboolean *active;
  guint n_rows;
  gint next_row; /* atomic */
  GArray **rows; /* per mentee: MmCandidate (mentor = candidate) */
} ColumnPass;

static gpointer score_rows(gpointer data) {
  ColumnPass *pass = data;
  guint m = mm_pool_n_mentors(pass->pool);
  double *scores = g_new(double, MAX(m, 1));
  guint32 *broken = g_new(guint32, MAX(m, 1));
  guint *mentor = g_new(guint, MAX(m, 1));
  gint32 *units = g_new(gint32, MAX(m, 1));
  for (;;) {
    gint start = g_atomic_int_add(&pass->next_row, BLOCK_ROWS);
    if (start >= (gint)pass->n_rows)
      break;
    guint end = MIN((guint)start + BLOCK_ROWS, pass->n_rows);
    for (guint i = (guint)start; i < end; i++) {
      if (!pass->active[i])
        continue;
      guint n = mm_i_row_eligible(pass->pool, pass->config, i, NULL, 0, scores,
                                broken, mentor, units);
      mm_i_value_from_scores(pass->pool->encoding, pass->config, i, mentor,
                           units, n);
      GArray *row = g_array_sized_new(FALSE, FALSE, sizeof(MmCandidate), n);
      for (guint k = 0; k < n; k++) {
        MmCandidate c = {i, mentor[k], units[k]};
        g_array_append_val(row, c);
      }
      pass->rows[i] = row;
    }
  }
  g_free(units);
  g_free(mentor);
  g_free(broken);
  g_free(scores);
  return NULL;
}

/* Scores every candidate against every active young person, in a copy of
 * the pool that holds the candidates as its only mentors (pairs score the
 * same whatever else is in the pool; no young person names them). A
 * candidate a young person names, excludes or has had (by its id in the
 * copy) is dropped. */
static void score_candidates(Run *run) {
  const guint n = mm_pool_n_mentees(run->pool);
  const guint n_profiles = run->profiles->len;
  run->columns = g_new0(MmPlanColumnPairs, MAX(n_profiles, 1));
  if (n_profiles == 0)
    return;
  MmPool *copy = mm_i_pool_copy_unprepared(run->pool, FALSE);
  MmDiagnostics *diags = mm_diagnostics_new();
  GArray *of_mentor = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint c = 0; c < n_profiles; c++) {
    char *id = g_strdup_printf("plan-candidate-%u", c + 1);
    gsize n_fields;
    MmField *fields =
        mm_i_plan_profile_fields(g_ptr_array_index(run->profiles, c), id,
                               &n_fields);
    if (mm_pool_add_person(copy, MM_SIDE_MENTOR, fields, n_fields, "plan", 0,
                           diags))
      g_array_append_val(of_mentor, c);
    g_free(fields);
    g_free(id);
  }
  gboolean prepared = mm_pool_prepare(copy, diags, NULL);
  mm_diagnostics_free(diags);
  if (!prepared) {
    g_array_free(of_mentor, TRUE);
    mm_pool_free(copy);
    return;
  }
  gboolean *dropped = g_new0(gboolean, MAX(of_mentor->len, 1));
  for (guint i = 0; i < n; i++) {
    const MmMenteeCode *a = &copy->encoding->mentees[i];
    for (guint k = 0; k < a->n_named; k++)
      dropped[a->named[k].mentor] = TRUE;
    for (guint k = 0; k < a->n_excluded; k++)
      dropped[a->excluded[k]] = TRUE;
    for (guint k = 0; k < a->n_previous; k++)
      dropped[a->previous[k]] = TRUE;
  }

  ColumnPass pass = {copy, run->config, run->full->active, n, 0,
                     g_new0(GArray *, MAX(n, 1))};
  guint n_threads = run->options->n_threads;
  if (n_threads == 0)
    n_threads = g_get_num_processors();
  n_threads = MIN(n_threads, MAX(1u, n / BLOCK_ROWS));
  GPtrArray *threads = g_ptr_array_new();
  for (guint t = 1; t < n_threads; t++) {
    GThread *thread = g_thread_try_new("mm-plan", score_rows, &pass, NULL);
    if (thread != NULL)
      g_ptr_array_add(threads, thread);
  }
  score_rows(&pass);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join(g_ptr_array_index(threads, t));
  g_ptr_array_free(threads, TRUE);

  /* rows to columns, by increasing mentee */
  for (guint i = 0; i < n; i++) {
    for (guint k = 0; pass.rows[i] != NULL && k < pass.rows[i]->len; k++) {
      guint j = g_array_index(pass.rows[i], MmCandidate, k).mentor;
      if (!dropped[j])
        run->columns[g_array_index(of_mentor, guint, j)].n++;
    }
  }
  for (guint c = 0; c < n_profiles; c++) {
    run->columns[c].mentee = g_new(guint, MAX(run->columns[c].n, 1));
    run->columns[c].value = g_new(gint32, MAX(run->columns[c].n, 1));
    run->columns[c].n = 0;
  }
  for (guint i = 0; i < n; i++) {
    for (guint k = 0; pass.rows[i] != NULL && k < pass.rows[i]->len; k++) {
      const MmCandidate *pair = &g_array_index(pass.rows[i], MmCandidate, k);
      if (dropped[pair->mentor])
        continue;
      MmPlanColumnPairs *col =
          &run->columns[g_array_index(of_mentor, guint, pair->mentor)];
      col->mentee[col->n] = i;
      col->value[col->n] = pair->value;
      col->n++;
    }
    if (pass.rows[i] != NULL)
      g_array_free(pass.rows[i], TRUE);
  }
  g_free(pass.rows);
  g_free(dropped);
  g_array_free(of_mentor, TRUE);
  mm_pool_free(copy);
}

/* ---- choosing one proposal ---- */

/* What a candidate adds, and the bound below, are in the cost units of
 * problem.h's minimum-cost flow (a matched pair costs -value, an unmatched
 * young person the outlet penalty of mm_i_outlet_penalties()), so one rule
 * serves both objectives. */

/* The sink's price at the current solution: each unmatched young person's
 * price plus their penalty, the same for all of them. FALSE when nobody is
 * unmatched, or when they disagree (the penalties are not the solver's
 * any more: the bound is then not used). */
static gboolean sink_price(const Run *run, const MmCost penalty[],
                           gboolean *consistent, MmCost *pot_sink) {
  gboolean any = FALSE;
  *consistent = TRUE;
  for (guint i = 0; i < run->full->n_mentees; i++) {
    if (!run->full->active[i] || run->now.mentor_of[i] >= 0)
      continue;
    MmCost t = run->now.duals.mentee[i] + penalty[run->full->priority[i]];
    if (any && t != *pot_sink)
      *consistent = FALSE;
    *pot_sink = t;
    any = TRUE;
  }
  return any;
}

/* How much the cost falls from the current solution to @s: the value
 * gained plus, for each priority, the penalties of the young people
 * matched more. */
static MmCost cost_fall(const Run *run, const MmPlanSolution *s,
                        const MmCost penalty[]) {
  MmCost fall = s->objective.total_value - run->now.objective.total_value;
  for (int prio = 0; prio <= MM_MAX_PRIORITY; prio++)
    fall += ((MmCost)s->objective.matched_by_priority[prio] -
             (MmCost)run->now.objective.matched_by_priority[prio]) *
            penalty[prio];
  return fall;
}

typedef struct {
  guint profile;
  MmCost key;  /* the bound, or (no bound) young people waiting it can take */
  MmCost key2; /* (no bound) the value of the best of them */
} Order;

static int compare_order(const void *a, const void *b) {
  const Order *x = a, *y = b;
  if (x->key != y->key)
    return x->key > y->key ? -1 : 1;
  if (x->key2 != y->key2)
    return x->key2 > y->key2 ? -1 : 1;
  return (x->profile > y->profile) - (x->profile < y->profile);
}

/* Sum of the @q largest of @v[0..n) (partially sorted in place). */
static MmCost sum_of_largest(MmCost *v, guint n, guint q) {
  MmCost sum = 0;
  for (guint k = 0; k < q && k < n; k++) {
    guint best = k;
    for (guint x = k + 1; x < n; x++)
      if (v[x] > v[best])
        best = x;
    MmCost t = v[k];
    v[k] = v[best];
    v[best] = t;
    sum += v[k];
  }
  return sum;
}

/* What adding candidate @c can lower the cost by, at most. With potentials
 * pi that prove the current solution optimal (every residual arc's reduced
 * cost >= 0) and the candidate's set to the sink's, a new solution differs
 * from the current one by a circulation whose cost is the sum of reduced
 * costs along it: >= 0 on the old arcs, and -(v_ic - (pi_i - pi_sink)) on
 * the candidate's arc from young person i, of which at most q (its places)
 * carry a unit. So the cost falls by at most the sum of the q largest
 * (v_ic - (pi_i - pi_sink))^+. (Under quality, pi_i - pi_sink is the young
 * person's dual price u_i: 0 while waiting.) */
static MmCost bound(const Run *run, const MmPlanColumnPairs *col,
                    guint capacity, MmCost pot_sink, MmCost *scratch) {
  guint n = 0;
  for (guint k = 0; k < col->n; k++) {
    guint i = col->mentee[k];
    if (!run->full->active[i])
      continue;
    MmCost gain = (MmCost)col->value[k] -
                  (run->now.duals.mentee[i] - pot_sink);
    if (gain > 0)
      scratch[n++] = gain;
  }
  return sum_of_largest(scratch, n, capacity);
}

/* Without a bound: how many waiting young people the candidate could take,
 * and the value of the best of them. */
static void waiting_keys(const Run *run, const MmPlanColumnPairs *col,
                         guint capacity, MmCost *scratch, MmCost *key,
                         MmCost *key2) {
  guint n = 0;
  for (guint k = 0; k < col->n; k++) {
    guint i = col->mentee[k];
    if (run->full->active[i] && run->now.mentor_of[i] < 0)
      scratch[n++] = col->value[k];
  }
  *key = MIN(n, capacity);
  *key2 = sum_of_largest(scratch, n, capacity);
}

/* Solves the pool with the proposals so far and candidate @c, exactly: the
 * first trial of a round starts from the current solution's solver (warm),
 * any other from the current sparse problem, from scratch. */
static void solve_with(Run *run, guint c, MmPlanSolution *out) {
  const guint slot = run->full->n_mentors;
  MmProblem *candidates;
  MmSimplexSolver *solver = NULL;
  if (run->now.solver != NULL) {
    candidates = g_steal_pointer(&run->now.candidates);
    solver = g_steal_pointer(&run->now.solver);
  } else {
    candidates = mm_i_plan_problem_copy(run->snapshot);
  }
  mm_i_plan_candidates_add_column(candidates, slot, &run->columns[c]);
  mm_i_plan_solve(run->full, &run->columns[c], candidates, solver, out);
  run->summary.solves++;
}

/* Finds the best candidate on top of the proposals so far; returns its
 * profile index and solution, -1 when none improves the objective, or
 * NOBODY_WAITING. */
#define NOBODY_WAITING (-2)

static gint choose(Run *run, MmPlanSolution *best) {
  const guint n_profiles = run->profiles->len;
  MmCost penalty[MM_MAX_PRIORITY + 1];
  mm_i_outlet_penalties(run->full, penalty);
  MmCost pot_sink = 0;
  gboolean has_bound;
  if (!sink_price(run, penalty, &has_bound, &pot_sink))
    return NOBODY_WAITING;
  MmCost *scratch = g_new(MmCost, MAX(run->full->n_mentees, 1));
  Order *order = g_new(Order, MAX(n_profiles, 1));
  guint n_order = 0;
  for (guint c = 0; c < n_profiles; c++) {
    const MmPlanProfile *profile = g_ptr_array_index(run->profiles, c);
    Order o = {c, 0, 0};
    if (run->columns[c].n == 0)
      continue;
    if (has_bound) {
      o.key = bound(run, &run->columns[c], profile->capacity, pot_sink,
                    scratch);
      if (o.key <= 0)
        continue; /* can add nothing */
    } else {
      waiting_keys(run, &run->columns[c], profile->capacity, scratch, &o.key,
                   &o.key2);
    }
    order[n_order++] = o;
  }
  qsort(order, n_order, sizeof *order, compare_order);
  gint chosen = -1;
  MmCost best_fall = 0;
  for (guint k = 0; k < n_order && k < MM_PLAN_MAX_SOLVES_PER_PROPOSAL; k++) {
    /* the bounds are sorted: once the best fall found reaches the next
     * one, no candidate left can do better */
    if (has_bound && chosen >= 0 && best_fall >= order[k].key)
      break;
    MmPlanSolution trial;
    solve_with(run, order[k].profile, &trial);
    MmCost fall = cost_fall(run, &trial, penalty);
    /* the objective decides (the fall says the same when the penalties
     * are the solver's); ties keep the earlier candidate */
    if (mm_i_objective_compare(&trial.objective, &run->now.objective) > 0 &&
        (chosen < 0 ||
         mm_i_objective_compare(&trial.objective, &best->objective) > 0)) {
      if (chosen >= 0)
        mm_i_plan_solution_clear(best);
      *best = trial;
      best_fall = fall;
      chosen = (gint)order[k].profile;
    } else {
      mm_i_plan_solution_clear(&trial);
    }
  }
  g_free(order);
  g_free(scratch);
  return chosen;
}

static Proposal *proposal_new(const Run *run, guint c, guint rank) {
  const MmPlanProfile *profile = g_ptr_array_index(run->profiles, c);
  Proposal *p = g_new0(Proposal, 1);
  for (guint k = 0; k < MM_PLAN_N_COLUMNS; k++)
    p->value[k] = g_strdup(profile->value[k]);
  g_free(p->value[MM_PLAN_COL_ID]);
  p->value[MM_PLAN_COL_ID] = plan_id(rank);
  p->fields = mm_i_plan_profile_fields(profile, p->value[MM_PLAN_COL_ID],
                                     &p->n_fields);
  /* the fields point at the profile's strings: point them at ours */
  for (gsize f = 0; f < p->n_fields; f++)
    for (guint k = 0; k < MM_PLAN_N_COLUMNS; k++)
      if (strcmp(p->fields[f].column, mm_i_plan_column_names[k]) == 0)
        p->fields[f].value = p->value[k];
  p->made_for = profile->made_for;
  p->description = g_strdup(profile->description);
  return p;
}

/* Keeps candidate @c with its solution as the next proposal. */
static gboolean accept(Run *run, guint c, MmPlanSolution *solution,
                       GError **error) {
  const MmPlanProfile *profile = g_ptr_array_index(run->profiles, c);
  const MmPlanColumnPairs *col = &run->columns[c];
  MmProblem *full = mm_i_plan_full_extend(run->full, profile->capacity, col);
  mm_i_problem_free(run->full);
  run->full = full;
  mm_i_plan_solution_clear(&run->now);
  run->now = *solution;
  mm_i_problem_free(run->snapshot);
  run->snapshot = mm_i_plan_problem_copy(run->now.candidates);
  for (guint k = 0; k < col->n; k++)
    run->other_max[col->mentee[k]] =
        MAX(run->other_max[col->mentee[k]], col->value[k]);
  guint before = run->matched;
  gint64 value_before = run->value;
  Proposal *p = proposal_new(run, c, run->proposals->len + 1);
  g_ptr_array_add(run->proposals, p);
  if (!settle_numbers(run, error))
    return FALSE;
  p->young_people_gained = (gint)run->matched - (gint)before;
  p->value_gained = run->value - value_before;
  return TRUE;
}

static void run_clear(Run *run) {
  mm_i_problem_free(run->full);
  mm_i_problem_free(run->snapshot);
  mm_i_plan_solution_clear(&run->now);
  g_free(run->named_min);
  g_free(run->other_max);
  for (guint c = 0; run->columns != NULL && c < run->profiles->len; c++)
    mm_i_plan_column_clear(&run->columns[c]);
  g_free(run->columns);
  if (run->profiles != NULL)
    g_ptr_array_unref(run->profiles);
}

static gboolean plan_run(Run *run, GError **error) {
  const MmPool *pool = run->pool;
  const guint n = mm_pool_n_mentees(pool);
  run->full = full_problem(pool, run->config, run->options->pins,
                           run->options->n_threads);
  named_bounds(run);
  /* room for every proposal from the start (plan-private.h) */
  MmProblem *first = mm_i_candidates_from_full(
      run->full, FIRST_CANDIDATES_PER_MENTEE, MM_MENTOR_TOP_PER_PLACE);
  mm_i_plan_solve(run->full, NULL,
                mm_i_plan_problem_with_slots(first, run->options->recruit,
                                           MM_PLAN_CAPACITY),
                NULL, &run->now);
  mm_i_problem_free(first);
  run->snapshot = mm_i_plan_problem_copy(run->now.candidates);
  if (!settle_numbers(run, error))
    return FALSE;
  run->summary.n_mentees = n;
  run->summary.pinned = run->options->pins != NULL
                            ? mm_pins_length(run->options->pins)
                            : 0;
  run->summary.matched_before = run->matched;
  run->summary.value_before = (double)run->value / MM_SCORE_SCALE;

  GArray *waiting = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint i = 0; i < n; i++)
    if (run->full->active[i] && run->now.mentor_of[i] < 0)
      g_array_append_val(waiting, i);
  run->summary.waiting = waiting->len;
  run->profiles = mm_i_plan_profiles_build(pool, run->config,
                                         (const guint *)(gpointer)waiting->data,
                                         waiting->len, MM_PLAN_MAX_CANDIDATES);
  g_array_free(waiting, TRUE);
  run->summary.candidates = run->profiles->len;
  score_candidates(run);

  gboolean ok = TRUE;
  while (ok && run->proposals->len < run->options->recruit) {
    if (run->summary.waiting == 0) {
      run->stopped = "no young person is waiting";
      break;
    }
    if (run->profiles->len == 0) {
      run->stopped = "no candidate profile could be made for the young "
                     "people waiting";
      break;
    }
    MmPlanSolution best;
    gint c = choose(run, &best);
    if (c == NOBODY_WAITING) {
      run->stopped = "no young person is waiting any more";
      break;
    }
    if (c < 0) {
      run->stopped = run->proposals->len == 0
                         ? "no candidate profile would improve the assignment"
                         : "no candidate profile would improve the "
                           "assignment further";
      break;
    }
    ok = accept(run, (guint)c, &best, error);
  }
  run->summary.matched_after = run->matched;
  run->summary.value_after = (double)run->value / MM_SCORE_SCALE;
  return ok;
}

MmPlan *mm_plan(const MmPool *pool, const MmConfig *config,
                const MmPlanOptions *options, GError **error) {
  g_return_val_if_fail(pool != NULL && mm_pool_is_prepared(pool), NULL);
  g_return_val_if_fail(config != NULL, NULL);
  g_return_val_if_fail(error == NULL || *error == NULL, NULL);
  MmPlanOptions defaults = {MM_PLAN_DEFAULT_RECRUIT, NULL, 0};
  if (options == NULL)
    options = &defaults;
  g_return_val_if_fail(options->pins == NULL || options->pins->pool == pool,
                       NULL);
  if (!check_ids(pool, options->recruit, error))
    return NULL;
  Run run = {.pool = pool, .config = config, .options = options};
  run.proposals = g_ptr_array_new_with_free_func(proposal_free);
  gboolean ok = plan_run(&run, error);
  MmPlan *plan = NULL;
  if (ok) {
    plan = g_new0(MmPlan, 1);
    plan->proposals = g_ptr_array_ref(run.proposals);
    plan->summary = run.summary;
    plan->stopped = g_strdup(run.stopped);
  }
  g_ptr_array_unref(run.proposals);
  run_clear(&run);
  return plan;
}
