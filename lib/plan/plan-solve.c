/* plan-solve.c: exact solves of the pool with a candidate mentor added,
 * and the proof that `match` finds the same numbers (see plan-private.h).
 *
 * The full problem holds every eligible pair of the pool as planned so far
 * (the pool and the proposals kept). A candidate is one more mentor whose
 * pairs come as a column. A solve is the optimal mode's: a sparse problem
 * (the last solution's candidates and the new mentor's pairs) solved by the
 * library's solver, priced against every pair of the full problem and the
 * column until no pair prices out (solve-priced.c's loop, keeping the dual
 * prices, which the bounds and the proof below need). */
#include "plan-private.h"

#include <string.h>

/* Pairs added per young person per pricing round, as match.c. */
#define PLAN_PER_MENTEE 4

void mm_i_plan_column_clear(MmPlanColumnPairs *column) {
  g_clear_pointer(&column->mentee, g_free);
  g_clear_pointer(&column->value, g_free);
  column->n = 0;
}

void mm_i_plan_solution_clear(MmPlanSolution *solution) {
  g_clear_pointer(&solution->solver, mm_i_simplex_solver_free);
  g_clear_pointer(&solution->candidates, mm_i_problem_free);
  g_clear_pointer(&solution->mentor_of, g_free);
  mm_i_duals_free(&solution->duals);
}

/* ---- pricing against the full problem and the column ---- */

typedef struct {
  const MmProblem *full;
  const MmPlanColumnPairs *extra; /* nullable: mentor full->n_mentors */
} Pricer;

static gsize price(const Pricer *pricer, MmPriceRequest *r) {
  const MmProblem *full = pricer->full;
  const MmPlanColumnPairs *extra = pricer->extra;
  const guint m = r->candidates->n_mentors;
  guint *mark = g_new0(guint, MAX(m, 1));
  MmViolation *best = g_new(MmViolation, r->per_mentee);
  guint *row_mentor = g_new(guint, MAX(m, 1));
  gint32 *row_value = g_new(gint32, MAX(m, 1));
  gsize violated = 0;
  guint x = 0;
  for (guint i = 0; i < full->n_mentees; i++) {
    if (!full->active[i])
      continue;
    guint start = full->row_start[i], n = full->row_start[i + 1] - start;
    const guint *mentor = full->mentor + start;
    const gint32 *value = full->value + start;
    while (extra != NULL && x < extra->n && extra->mentee[x] < i)
      x++;
    if (extra != NULL && x < extra->n && extra->mentee[x] == i) {
      memcpy(row_mentor, mentor, n * sizeof *row_mentor);
      memcpy(row_value, value, n * sizeof *row_value);
      row_mentor[n] = full->n_mentors;
      row_value[n] = extra->value[x];
      mentor = row_mentor;
      value = row_value;
      n++;
    }
    mm_i_candidates_mark(r->candidates, i, mark);
    violated += mm_i_price_row(r, i, mentor, value, n, mark, best);
    r->priced += n;
  }
  g_free(row_value);
  g_free(row_mentor);
  g_free(best);
  g_free(mark);
  return violated;
}

void mm_i_plan_solve(const MmProblem *full, const MmPlanColumnPairs *extra,
                   MmProblem *candidates, MmSimplexSolver *solver,
                   MmPlanSolution *out) {
  const guint n = full->n_mentees;
  memset(out, 0, sizeof *out);
  out->candidates = candidates;
  out->mentor_of = g_new(gint, MAX(n, 1));
  Pricer pricer = {full, extra};
  GArray *found = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  if (solver == NULL)
    solver = mm_i_simplex_solver_new(candidates);
  else
    mm_i_simplex_solver_update(solver, candidates);
  for (;;) {
    mm_i_duals_free(&out->duals);
    mm_i_simplex_solver_result(solver, out->mentor_of, &out->duals);
    /* the plan's bounds are tightest at the least prices (duals.c) */
    mm_i_duals_least_prices(candidates, out->mentor_of, &out->duals);
    g_array_set_size(found, 0);
    MmPriceRequest request = {candidates, &out->duals, PLAN_PER_MENTEE, found,
                              0};
    if (price(&pricer, &request) == 0)
      break;
    mm_i_candidates_add(candidates, (const MmCandidate *)(gpointer)found->data,
                      found->len);
    mm_i_simplex_solver_update(solver, candidates);
  }
  out->solver = solver;
  g_array_free(found, TRUE);
  out->objective = mm_i_objective_of(candidates, out->mentor_of);
  out->matched = out->objective.matched;
}

/* ---- problems with more mentors ---- */

static MmProblem *problem_with_mentors(const MmProblem *p, guint n_more,
                                       guint capacity) {
  const guint n = p->n_mentees, m = p->n_mentors;
  gsize e = p->row_start[n];
  MmProblem *q = g_new0(MmProblem, 1);
  q->n_mentees = n;
  q->n_mentors = m + n_more;
  q->row_start = g_memdup2(p->row_start, sizeof(guint) * (n + 1));
  q->mentor = g_memdup2(p->mentor, sizeof(guint) * MAX(e, 1));
  q->value = g_memdup2(p->value, sizeof(gint32) * MAX(e, 1));
  q->count_first = p->count_first;
  q->value_max = p->value_max;
  q->capacity = g_new(guint, MAX(m + n_more, 1));
  memcpy(q->capacity, p->capacity, sizeof(guint) * m);
  for (guint j = m; j < m + n_more; j++)
    q->capacity[j] = capacity;
  q->priority = g_memdup2(p->priority, sizeof(guint8) * MAX(n, 1));
  q->active = g_memdup2(p->active, sizeof(gboolean) * MAX(n, 1));
  return q;
}

MmProblem *mm_i_plan_problem_copy(const MmProblem *p) {
  return problem_with_mentors(p, 0, 0);
}

MmProblem *mm_i_plan_problem_with_slots(const MmProblem *p, guint n_slots,
                                      guint capacity) {
  return problem_with_mentors(p, n_slots, capacity);
}

void mm_i_plan_candidates_add_column(MmProblem *candidates, guint mentor,
                                   const MmPlanColumnPairs *column) {
  MmCandidate *pairs = g_new(MmCandidate, MAX(column->n, 1));
  guint n = 0;
  for (guint k = 0; k < column->n; k++)
    if (candidates->active[column->mentee[k]])
      pairs[n++] = (MmCandidate){column->mentee[k], mentor, column->value[k]};
  mm_i_candidates_add(candidates, pairs, n);
  g_free(pairs);
}

MmProblem *mm_i_plan_full_extend(const MmProblem *full, guint capacity,
                               const MmPlanColumnPairs *column) {
  const guint n = full->n_mentees, m = full->n_mentors;
  MmProblem *q = problem_with_mentors(full, 1, capacity);
  gsize total = full->row_start[n] + column->n;
  g_free(q->mentor);
  g_free(q->value);
  q->mentor = g_new(guint, MAX(total, 1));
  q->value = g_new(gint32, MAX(total, 1));
  gsize e = 0;
  guint x = 0;
  for (guint i = 0; i < n; i++) {
    q->row_start[i] = (guint)e;
    guint start = full->row_start[i], len = full->row_start[i + 1] - start;
    memcpy(q->mentor + e, full->mentor + start, len * sizeof(guint));
    memcpy(q->value + e, full->value + start, len * sizeof(gint32));
    e += len;
    while (x < column->n && column->mentee[x] < i)
      x++;
    /* rows stay in mentor order: the new mentor has the largest index */
    if (x < column->n && column->mentee[x] == i && full->active[i]) {
      q->mentor[e] = m;
      q->value[e] = column->value[x];
      e++;
    }
  }
  q->row_start[n] = (guint)e;
  return q;
}

/* ---- the proof that every optimum matches as many ---- */

/* Under prefer = quality the assignment is a minimum-cost flow: each active
 * young person sends one unit from the source, to a mentor (cost -value)
 * and on to the sink, or straight to the sink through its outlet (cost 0).
 * Two optimal flows differ by cycles of zero cost in the residual graph,
 * and at an optimum with feasible potentials every arc of such a cycle has
 * reduced cost 0 ("tight"). The source is never on a cycle (all its arcs
 * are full), so a cycle that changes the number matched passes through the
 * sink once, entering by one kind of arc and leaving by the other: into the
 * sink from a free place (j -> t) and out to an unmatched young person
 * (t -> i), or into it by a matched young person's outlet (i -> t) and out
 * to a mentor that gives up a place (t -> j). So the count is the same in
 * every optimum unless a tight path leads from an unmatched young person
 * tight with the sink to a free mentor tight with it, or from a mentor with
 * a young person, tight with the sink, to a matched young person whose
 * outlet is tight. The sink's potential is free within the bounds its arcs
 * set; when they leave room, no arc at the sink is tight at all. */

typedef struct {
  const MmProblem *full;
  const MmPlanSolution *s;
  MmCost pot_t;
  guint *load;
  guint *holder_start; /* mentor j's young people: holder[start[j]..start[j+1]) */
  guint *holder;
  gboolean *seen_mentee;
  gboolean *seen_mentor;
  GArray *queue; /* gint: mentee i as i, mentor j as -(j + 1) */
} Proof;

static gboolean mentor_is_free(const Proof *pr, guint j) {
  return pr->load[j] < pr->full->capacity[j];
}

static void visit_mentee(Proof *pr, guint i) {
  if (pr->seen_mentee[i])
    return;
  pr->seen_mentee[i] = TRUE;
  gint v = (gint)i;
  g_array_append_val(pr->queue, v);
}

static void visit_mentor(Proof *pr, guint j) {
  if (pr->seen_mentor[j])
    return;
  pr->seen_mentor[j] = TRUE;
  gint v = -(gint)j - 1;
  g_array_append_val(pr->queue, v);
}

/* Walks the tight residual arcs from what is queued. Returns TRUE when it
 * reaches a free mentor tight with the sink (@to_free_place) or a matched
 * young person whose outlet is tight (otherwise). */
static gboolean reaches(Proof *pr, gboolean to_free_place) {
  const MmProblem *full = pr->full;
  const MmDuals *d = &pr->s->duals;
  for (guint head = 0; head < pr->queue->len; head++) {
    gint v = g_array_index(pr->queue, gint, head);
    if (v >= 0) {
      guint i = (guint)v;
      gint own = pr->s->mentor_of[i];
      if (!to_free_place && own >= 0 && d->mentee[i] == pr->pot_t)
        return TRUE;
      for (guint e = full->row_start[i]; e < full->row_start[i + 1]; e++) {
        guint j = full->mentor[e];
        if ((gint)j == own || pr->seen_mentor[j])
          continue;
        if (d->mentee[i] - d->mentor[j] - (MmCost)full->value[e] != 0)
          continue; /* not tight */
        if (to_free_place && mentor_is_free(pr, j) &&
            d->mentor[j] == pr->pot_t)
          return TRUE;
        visit_mentor(pr, j);
      }
    } else {
      guint j = (guint)(-v - 1);
      for (guint k = pr->holder_start[j]; k < pr->holder_start[j + 1]; k++)
        visit_mentee(pr, pr->holder[k]); /* a matched arc is always tight */
    }
  }
  return FALSE;
}

gboolean mm_i_plan_count_is_unique(const MmProblem *full,
                                 const MmPlanSolution *s) {
  const guint n = full->n_mentees, m = full->n_mentors;
  const MmDuals *d = &s->duals;
  Proof pr = {.full = full, .s = s};
  pr.load = g_new0(guint, MAX(m, 1));
  for (guint i = 0; i < n; i++)
    if (full->active[i] && s->mentor_of[i] >= 0)
      pr.load[s->mentor_of[i]]++;
  /* Bounds on the sink's potential: at least each unmatched young person's
   * and each used mentor's, at most each matched young person's and each
   * free mentor's. */
  gboolean has_low = FALSE, has_high = FALSE;
  MmCost low = 0, high = 0;
#define LOWER(x) do { MmCost v_ = (x); if (!has_low || v_ > low) low = v_; has_low = TRUE; } while (0)
#define UPPER(x) do { MmCost v_ = (x); if (!has_high || v_ < high) high = v_; has_high = TRUE; } while (0)
  for (guint i = 0; i < n; i++) {
    if (!full->active[i])
      continue;
    if (s->mentor_of[i] < 0)
      LOWER(d->mentee[i]);
    else
      UPPER(d->mentee[i]);
  }
  for (guint j = 0; j < m; j++) {
    if (pr.load[j] > 0)
      LOWER(d->mentor[j]);
    if (mentor_is_free(&pr, j))
      UPPER(d->mentor[j]);
  }
#undef LOWER
#undef UPPER
  gboolean unique;
  if (!has_low || !has_high) {
    unique = TRUE; /* the sink's potential can sit beyond every bound */
  } else if (low > high) {
    unique = FALSE; /* not the optimum's potentials: prove nothing */
  } else if (low < high) {
    unique = TRUE; /* room between: no arc at the sink is tight */
  } else {
    pr.pot_t = low;
    pr.holder_start = g_new0(guint, m + 1);
    for (guint j = 0; j < m; j++)
      pr.holder_start[j + 1] = pr.holder_start[j] + pr.load[j];
    pr.holder = g_new(guint, MAX(pr.holder_start[m], 1));
    guint *fill = g_memdup2(pr.holder_start, sizeof(guint) * (m + 1));
    for (guint i = 0; i < n; i++)
      if (full->active[i] && s->mentor_of[i] >= 0)
        pr.holder[fill[s->mentor_of[i]]++] = i;
    g_free(fill);
    pr.seen_mentee = g_new0(gboolean, MAX(n, 1));
    pr.seen_mentor = g_new0(gboolean, MAX(m, 1));
    pr.queue = g_array_new(FALSE, FALSE, sizeof(gint));
    /* one more matched: from unmatched young people tight with the sink */
    for (guint i = 0; i < n; i++)
      if (full->active[i] && s->mentor_of[i] < 0 && d->mentee[i] == pr.pot_t)
        visit_mentee(&pr, i);
    gboolean grows = reaches(&pr, TRUE);
    gboolean shrinks = FALSE;
    if (!grows) {
      memset(pr.seen_mentee, 0, sizeof(gboolean) * MAX(n, 1));
      memset(pr.seen_mentor, 0, sizeof(gboolean) * MAX(m, 1));
      g_array_set_size(pr.queue, 0);
      /* one fewer: from mentors with a young person, tight with the sink */
      for (guint j = 0; j < m; j++)
        if (pr.load[j] > 0 && d->mentor[j] == pr.pot_t)
          visit_mentor(&pr, j);
      shrinks = reaches(&pr, FALSE);
    }
    unique = !grows && !shrinks;
    g_array_free(pr.queue, TRUE);
    g_free(pr.seen_mentor);
    g_free(pr.seen_mentee);
    g_free(pr.holder);
    g_free(pr.holder_start);
  }
  g_free(pr.load);
  return unique;
}
