/* solver-compare.c: the priced solve with the shortest-path solver
 * (the tests' reference, tests/reference/shortest-paths.c) and with the
 * network simplex (lib/solve/solve-simplex.c), solver
 * calls timed alone.
 *
 * Usage: solver-compare --pool MENTEES MENTORS AS_OF quality|count [REPEATS]
 *   The problem match.c builds for the optimal mode (every eligible pair
 *   scored in memory, values with their bonuses, the objective named), as
 *   `mentormatch match` solves it on pools within the memory bound, solved
 *   by the priced loop of solve-priced.c step by step (candidates_from_full(4,
 *   MM_MENTOR_TOP_PER_PLACE), solve, price_full(4), add, update ...), once
 *   per solver; then the final candidate set is solved cold by each.
 *   Times are CPU seconds of the process (mm_i_cpu_usec()), solver calls
 *   only (new/update and result with duals), the best of REPEATS (1).
 */
#include "mentormatch.h"
#include "match-private.h"
#include "match-rows.h"
#include "problem.h"
#include "shortest-paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *name;
  gpointer (*new_)(const MmProblem *);
  guint64 (*update)(gpointer, const MmProblem *, gboolean *);
  void (*result)(gconstpointer, gint *, MmDuals *);
  void (*free_)(gpointer);
} Solver;

static gpointer ssp_new(const MmProblem *p) {
  return mm_i_optimal_solver_new(p);
}
static guint64 ssp_update(gpointer s, const MmProblem *p, gboolean *cold) {
  return mm_i_optimal_solver_update(s, p, cold);
}
static void ssp_result(gconstpointer s, gint *mentor_of, MmDuals *duals) {
  mm_i_optimal_solver_result(s, mentor_of, duals);
}
static void ssp_free(gpointer s) {
  mm_i_optimal_solver_free(s);
}
static gpointer ns_new(const MmProblem *p) {
  return mm_i_simplex_solver_new(p);
}
static guint64 ns_update(gpointer s, const MmProblem *p, gboolean *cold) {
  *cold = FALSE; /* it keeps its basis */
  return mm_i_simplex_solver_update(s, p);
}
static void ns_result(gconstpointer s, gint *mentor_of, MmDuals *duals) {
  mm_i_simplex_solver_result(s, mentor_of, duals);
}
static void ns_free(gpointer s) {
  mm_i_simplex_solver_free(s);
}

static const Solver solvers[] = {
    {"ssp", ssp_new, ssp_update, ssp_result, ssp_free},
    {"simplex", ns_new, ns_update, ns_result, ns_free},
};

#define MAX_ROUNDS 64

typedef struct {
  guint rounds;
  double solve[MAX_ROUNDS];
  gsize candidates[MAX_ROUNDS];
  guint64 work[MAX_ROUNDS]; /* update()'s return */
  guint changed[MAX_ROUNDS]; /* mentees whose mentor changed */
  gboolean cold[MAX_ROUNDS];
  double total_solve, cold_final;
  gint64 value;
  guint matched;
} Run;

static double secs(gint64 usec) {
  return (double)usec / 1e6;
}

static void priced(const Solver *sv, const MmProblem *full, Run *run) {
  memset(run, 0, sizeof *run);
  const guint n = full->n_mentees;
  MmProblem *cand = mm_i_candidates_from_full(full, 4, MM_MENTOR_TOP_PER_PLACE);
  gint *mentor_of = g_new(gint, MAX(n, 1)), *last = g_new(gint, MAX(n, 1));
  for (guint i = 0; i < n; i++)
    last[i] = -1;
  GArray *found = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  gint64 t0 = mm_i_cpu_usec();
  gpointer s = sv->new_(cand);
  run->work[0] = 0;
  run->cold[0] = TRUE;
  for (guint r = 0;; r++) {
    g_assert(r < MAX_ROUNDS);
    MmDuals duals = {0};
    sv->result(s, mentor_of, &duals);
    gint64 t1 = mm_i_cpu_usec();
    run->solve[r] = secs(t1 - t0);
    run->total_solve += run->solve[r];
    run->candidates[r] = cand->row_start[n];
    for (guint i = 0; i < n; i++)
      run->changed[r] += mentor_of[i] != last[i];
    memcpy(last, mentor_of, sizeof(gint) * n);
    run->rounds = r + 1;
    g_array_set_size(found, 0);
    MmPriceRequest request = {cand, &duals, 4, found, 0};
    gsize violated = mm_i_price_full((gpointer)full, &request);
    mm_i_duals_free(&duals);
    if (violated == 0)
      break;
    mm_i_candidates_add(cand, (MmCandidate *)found->data, found->len);
    t0 = mm_i_cpu_usec();
    run->work[r + 1] = sv->update(s, cand, &run->cold[r + 1]);
  }
  sv->free_(s);
  MmObjective o = mm_i_objective_of(full, mentor_of);
  run->value = o.total_value;
  for (guint i = 0; i < n; i++)
    run->matched += mentor_of[i] >= 0;
  /* the final candidates, cold */
  t0 = mm_i_cpu_usec();
  s = sv->new_(cand);
  MmDuals duals = {0};
  sv->result(s, mentor_of, &duals);
  run->cold_final = secs(mm_i_cpu_usec() - t0);
  mm_i_duals_free(&duals);
  MmObjective oc = mm_i_objective_of(cand, mentor_of);
  if (oc.total_value != o.total_value)
    fprintf(stderr, "%s: cold final %" G_GINT64_FORMAT " != priced %"
            G_GINT64_FORMAT "\n", sv->name, oc.total_value, o.total_value);
  sv->free_(s);
  g_array_free(found, TRUE);
  g_free(mentor_of);
  g_free(last);
  mm_i_problem_free(cand);
}

static MmProblem *load_pool(const char *mentees, const char *mentors,
                            const char *as_of, const char *prefer) {
  MmPool *pool = mm_pool_new();
  MmConfig *config = mm_config_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  GError *error = NULL;
  MmPrefer pf;
  if (!mm_prefer_from_name(prefer, &pf) ||
      !mm_pool_load_csv(pool, MM_SIDE_MENTEE, mentees, diags, &error) ||
      !mm_pool_load_csv(pool, MM_SIDE_MENTOR, mentors, diags, &error) ||
      !mm_pool_set_as_of(pool, as_of, &error) ||
      !mm_pool_prepare(pool, diags, &error)) {
    fprintf(stderr, "cannot load the pool: %s\n",
            error != NULL ? error->message : prefer);
    exit(1);
  }
  mm_config_set_prefer(config, pf);
  MmProblem *p = mm_i_match_problem_shape(pool, config, NULL);
  MmRowSummary *rows = g_new0(MmRowSummary, MAX(p->n_mentees, 1));
  mm_i_rows_score(pool, config, p, 0, 0, NULL, NULL, rows, NULL);
  g_free(rows);
  mm_diagnostics_free(diags);
  mm_config_free(config);
  mm_pool_free(pool);
  return p;
}

int main(int argc, char **argv) {
  if (argc < 6 || strcmp(argv[1], "--pool") != 0) {
    fprintf(stderr,
            "usage: %s --pool MENTEES MENTORS AS_OF quality|count [REPEATS]\n",
            argv[0]);
    return 2;
  }
  int repeats = argc > 6 ? atoi(argv[6]) : 1;
  gint64 t = g_get_monotonic_time();
  MmProblem *full = load_pool(argv[2], argv[3], argv[4], argv[5]);
  printf("loaded %u mentees, %u mentors, %u pairs (%s) in %.1f s\n",
         full->n_mentees, full->n_mentors, full->row_start[full->n_mentees],
         full->count_first ? "count first" : "quality",
         secs(g_get_monotonic_time() - t));
  Run best[2];
  memset(best, 0, sizeof best);
  /* SOLVER_COMPARE_ONLY=ssp|simplex: one solver alone (tuning runs) */
  const char *only = g_getenv("SOLVER_COMPARE_ONLY");
  for (int k = 0; k < 2; k++) {
    if (only != NULL && strcmp(only, solvers[k].name) != 0)
      continue;
    for (int rep = 0; rep < MAX(repeats, 1); rep++) {
      Run run;
      priced(&solvers[k], full, &run);
      if (rep == 0 || run.total_solve < best[k].total_solve) {
        double cold = rep == 0 ? run.cold_final
                               : MIN(run.cold_final, best[k].cold_final);
        best[k] = run;
        best[k].cold_final = cold;
      } else {
        best[k].cold_final = MIN(best[k].cold_final, run.cold_final);
      }
    }
    const Run *r = &best[k];
    printf("\n%s: %u rounds, total value %" G_GINT64_FORMAT
           ", matched %u\n", solvers[k].name, r->rounds, r->value, r->matched);
    printf("  round  candidates  solver_s  update_ret  changed  cold\n");
    for (guint i = 0; i < r->rounds; i++)
      printf("  %5u  %10zu  %8.3f  %10" G_GUINT64_FORMAT "  %7u  %4s\n",
             i + 1, r->candidates[i],
             r->solve[i], r->work[i], r->changed[i], r->cold[i] ? "yes" : "no");
    printf("  total solver %.3f s; cold solve of the final %zu candidates "
           "%.3f s\n", r->total_solve, r->candidates[r->rounds - 1],
           r->cold_final);
  }
  if (only != NULL) {
    mm_i_problem_free(full);
    return 0;
  }
  printf("\nsame total value: %s; simplex/ssp solver time %.2f\n",
         best[0].value == best[1].value ? "yes" : "NO",
         best[1].total_solve / best[0].total_solve);
  mm_i_problem_free(full);
  return best[0].value == best[1].value ? 0 : 1;
}
