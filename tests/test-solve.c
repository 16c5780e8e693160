/* test-solve.c: the assignment solvers (lib/solve-*.c) against exhaustive
 * search on hundreds of random small instances. */
#include "test-common.h"
#include "problem.h"
#include "reference/shortest-paths.h"

#include <math.h>
#include <string.h>

/* ---- independent reference: try every assignment ---- */

typedef struct {
  const MmProblem *p;
  gint *current;
  guint *load;
  MmObjective best;
  gboolean have_best;
} Search;

static void search(Search *s, guint i) {
  const MmProblem *p = s->p;
  if (i == p->n_mentees) {
    MmObjective o = mm_i_objective_of(p, s->current);
    if (!s->have_best || mm_i_objective_compare(&o, &s->best) > 0) {
      s->best = o;
      s->have_best = TRUE;
    }
    return;
  }
  s->current[i] = -1;
  search(s, i + 1);
  if (!p->active[i])
    return;
  for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++) {
    guint j = p->mentor[e];
    if (s->load[j] >= p->capacity[j])
      continue;
    s->load[j]++;
    s->current[i] = (gint)j;
    search(s, i + 1);
    s->load[j]--;
    s->current[i] = -1;
  }
}

static MmObjective brute_force(const MmProblem *p) {
  Search s = {.p = p};
  s.current = g_new(gint, MAX(p->n_mentees, 1));
  s.load = g_new0(guint, MAX(p->n_mentors, 1));
  search(&s, 0);
  g_free(s.current);
  g_free(s.load);
  return s.best;
}

/* ---- invariants every solver result must satisfy ---- */

static gboolean valid_assignment(const MmProblem *p, const gint *mentor_of) {
  guint *load = g_new0(guint, MAX(p->n_mentors, 1));
  gboolean ok = TRUE;
  for (guint i = 0; i < p->n_mentees && ok; i++) {
    if (mentor_of[i] < 0)
      continue;
    ok = p->active[i] && (guint)mentor_of[i] < p->n_mentors &&
         mm_i_problem_value(p, i, (guint)mentor_of[i]) >= 0;
    if (ok)
      ok = ++load[mentor_of[i]] <= p->capacity[mentor_of[i]];
  }
  g_free(load);
  return ok;
}

/* Random named choices (about a third of the pairs, in random places) and
 * mentor-side scores, for the stable mode. */
static void add_stable_rankings(GRand *rng, MmProblem *p) {
  guint n_edges = p->row_start[p->n_mentees];
  p->named_place = g_new(gint32, MAX(n_edges, 1));
  p->mentor_score = g_new(gint32, MAX(n_edges, 1));
  for (guint e = 0; e < n_edges; e++) {
    p->named_place[e] = g_rand_int_range(rng, 0, 3) == 0
                            ? g_rand_int_range(rng, 0, 5)
                            : MM_NOT_NAMED;
    p->mentor_score[e] = g_rand_int_range(rng, 0, 5) * 2000;
  }
}

static MmProblem *random_problem(GRand *rng, guint max_mentees,
                                 guint max_mentors) {
  guint n = (guint)g_rand_int_range(rng, 1, (gint)max_mentees + 1);
  guint m = (guint)g_rand_int_range(rng, 1, (gint)max_mentors + 1);
  gint32 *scores = g_new(gint32, n * m);
  guint *cap = g_new(guint, m);
  guint8 *prio = g_new(guint8, n);
  gboolean *active = g_new(gboolean, n);
  /* Few distinct score values make ties common, which is where solvers
   * tend to go wrong. */
  gboolean coarse = g_rand_boolean(rng);
  for (guint k = 0; k < n * m; k++) {
    if (g_rand_int_range(rng, 0, 100) < 35)
      scores[k] = -1; /* forbidden pair */
    else
      scores[k] = coarse ? g_rand_int_range(rng, 0, 4) * 2500
                         : g_rand_int_range(rng, 0, MM_SCORE_UNITS_MAX + 1);
  }
  for (guint j = 0; j < m; j++)
    cap[j] = (guint)g_rand_int_range(rng, 1, 4);
  for (guint i = 0; i < n; i++) {
    prio[i] = (guint8)g_rand_int_range(rng, 0, MM_MAX_PRIORITY + 1);
    active[i] = g_rand_int_range(rng, 0, 100) >= 10; /* ~10% pinned */
  }
  MmProblem *p = mm_i_problem_new_dense(n, m, scores, cap, prio, active);
  /* both objectives of the contract (docs/): the largest total value (quality), or
   * count, then priorities, then total value */
  p->count_first = g_rand_boolean(rng);
  add_stable_rankings(rng, p);
  g_free(scores);
  g_free(cap);
  g_free(prio);
  g_free(active);
  return p;
}

static void test_optimal_matches_brute_force(void) {
  GRand *rng = g_rand_new_with_seed(20261123);
  guint mismatches = 0;
  for (int round = 0; round < 400; round++) {
    MmProblem *p = random_problem(rng, 7, 5);
    gint *mentor_of = g_new(gint, p->n_mentees);
    mm_i_solve_optimal(p, mentor_of);
    CU_ASSERT_TRUE(valid_assignment(p, mentor_of));
    MmObjective got = mm_i_objective_of(p, mentor_of);
    MmObjective want = brute_force(p);
    if (mm_i_objective_compare(&got, &want) != 0)
      mismatches++;
    g_free(mentor_of);
    mm_i_problem_free(p);
  }
  CU_ASSERT_EQUAL(mismatches, 0);
  g_rand_free(rng);
}

/* The priced solver, with k = 1 and one pair per place so that the first
 * candidate set is far too small and pricing has to add pairs: against brute force on small
 * instances, and against the dense solver on mid-size ones. */
static void test_priced_equals_dense_optimum(void) {
  GRand *rng = g_rand_new_with_seed(77);
  guint mismatches = 0, rounds_over_one = 0;
  for (int round = 0; round < 400; round++) {
    gboolean small = round < 300;
    MmProblem *p = small ? random_problem(rng, 7, 5) : random_problem(rng, 120, 40);
    gint *priced = g_new(gint, p->n_mentees), *dense = g_new(gint, p->n_mentees);
    MmPricing pricing;
    MmProblem *candidates = mm_i_candidates_from_full(p, 1, 1);
    mm_i_solve_optimal_priced(candidates, mm_i_price_full, p, 1, priced, &pricing);
    mm_i_problem_free(candidates);
    mm_i_solve_optimal(p, dense);
    CU_ASSERT_TRUE(valid_assignment(p, priced));
    MmObjective got = mm_i_objective_of(p, priced);
    MmObjective want = small ? brute_force(p) : mm_i_objective_of(p, dense);
    mismatches += mm_i_objective_compare(&got, &want) != 0;
    rounds_over_one += pricing.rounds > 1;
    guint64 active_pairs = 0;
    for (guint i = 0; i < p->n_mentees; i++)
      active_pairs += p->active[i] ? p->row_start[i + 1] - p->row_start[i] : 0;
    CU_ASSERT_EQUAL(pricing.pairs_priced, pricing.rounds * active_pairs);
    /* one record per round, adding up to the totals; only the last finds
     * nothing to add */
    CU_ASSERT_EQUAL(pricing.round->len, pricing.rounds);
    guint64 added = 0;
    for (guint k = 0; k < pricing.round->len; k++) {
      const MmPricingRound *r = &g_array_index(pricing.round, MmPricingRound, k);
      CU_ASSERT_EQUAL(r->pairs_priced, active_pairs);
      CU_ASSERT_EQUAL(r->pairs_added == 0, k + 1 == pricing.round->len);
      added += r->pairs_added;
    }
    CU_ASSERT_EQUAL(added, pricing.pairs_added);
    g_array_unref(pricing.round);
    g_free(priced);
    g_free(dense);
    mm_i_problem_free(p);
  }
  CU_ASSERT_EQUAL(mismatches, 0);
  CU_ASSERT_TRUE(rounds_over_one > 50); /* the pricing loop was exercised */
  g_rand_free(rng);
}

static guint n_active_of(const MmProblem *p) {
  guint n = 0;
  for (guint i = 0; i < p->n_mentees; i++)
    n += p->active[i];
  return n;
}

/* Whether @duals prove @mentor_of optimal on @p's pairs, checked here
 * rather than trusted: no pair prices out (score <= pot_i - pot_j) and every
 * matched pair is tight. */
static gboolean duals_certify(const MmProblem *p, const gint *mentor_of,
                              const MmDuals *duals) {
  for (guint i = 0; i < p->n_mentees; i++) {
    if (!p->active[i])
      continue;
    for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++) {
      MmCost slack = duals->mentee[i] - duals->mentor[p->mentor[e]] - p->value[e];
      if (slack < 0 || (mentor_of[i] == (gint)p->mentor[e] && slack != 0))
        return FALSE;
    }
  }
  return TRUE;
}

/* Adds to @candidates the pairs of @full whose @batch entry is @b. */
static void add_batch(MmProblem *candidates, const MmProblem *full,
                      const guint8 *batch, guint8 b) {
  GArray *add = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  for (guint i = 0; i < full->n_mentees; i++)
    for (guint e = full->row_start[i]; e < full->row_start[i + 1]; e++)
      if (batch[e] == b) {
        MmCandidate c = {i, full->mentor[e], full->value[e]};
        g_array_append_val(add, c);
      }
  mm_i_candidates_add(candidates, (MmCandidate *)add->data, add->len);
  g_array_free(add, TRUE);
}

/* Warm starts: a solver given half of the pairs, then the rest in
 * batches, must after each batch hold the optimum of the pairs it has
 * (against brute force on small instances, a cold solve on mid-size ones)
 * with duals that certify it; and it must re-add only some mentees. */
static void test_warm_start_equals_cold_solve(void) {
  GRand *rng = g_rand_new_with_seed(1611);
  guint mismatches = 0, uncertified = 0, partial_updates = 0;
  for (int round = 0; round < 300; round++) {
    gboolean small = round < 200;
    MmProblem *full = small ? random_problem(rng, 7, 5) : random_problem(rng, 120, 40);
    const guint n = full->n_mentees, n_pairs = full->row_start[n];
    /* each pair goes in batch 0 (from the start) or a later one */
    guint8 *batch = g_new(guint8, MAX(n_pairs, 1));
    for (guint e = 0; e < n_pairs; e++)
      batch[e] = g_rand_int_range(rng, 0, 2) == 0 ? 0 : (guint8)g_rand_int_range(rng, 1, 5);
    MmProblem *candidates = mm_i_candidates_new(full);
    MmOptimalSolver *solver = NULL;
    gint *warm = g_new(gint, MAX(n, 1)), *cold = g_new(gint, MAX(n, 1));
    for (guint8 b = 0; b < 5; b++) {
      add_batch(candidates, full, batch, b);
      if (solver == NULL) {
        solver = mm_i_optimal_solver_new(candidates);
      } else {
        gboolean restarted;
        guint again = mm_i_optimal_solver_update(solver, candidates, &restarted);
        /* cold when more than 95% are re-added */
        CU_ASSERT_EQUAL(restarted, again * 100 > n_active_of(full) * 95);
        partial_updates += again > 0 && !restarted;
      }
      MmDuals duals = {0};
      mm_i_optimal_solver_result(solver, warm, &duals);
      CU_ASSERT_TRUE(valid_assignment(candidates, warm));
      uncertified += !duals_certify(candidates, warm, &duals);
      mm_i_duals_free(&duals);
      MmObjective got = mm_i_objective_of(candidates, warm), want;
      if (small) {
        want = brute_force(candidates);
      } else {
        mm_i_solve_optimal(candidates, cold);
        want = mm_i_objective_of(candidates, cold);
      }
      mismatches += mm_i_objective_compare(&got, &want) != 0;
    }
    mm_i_optimal_solver_free(solver);
    mm_i_problem_free(candidates);
    mm_i_problem_free(full);
    g_free(batch);
    g_free(warm);
    g_free(cold);
  }
  CU_ASSERT_EQUAL(mismatches, 0);
  CU_ASSERT_EQUAL(uncertified, 0);
  CU_ASSERT_TRUE(partial_updates > 50);
  g_rand_free(rng);
}

/* A warm update after a cold restart that followed a warm update: the
 * bids and rows the solver keeps between updates must start again from the
 * problem. Six mentees, three mentors with two places each; every mentee
 * first has one pair of value 1, then mentee 0 gains one (warm: 1 of 6
 * re-added), then every mentee one of value 100 (all re-added: cold), then
 * mentee 1 one of 300 (warm again). Each step against brute force, with
 * certifying duals, under both objectives. */
static void test_warm_after_cold_restart(void) {
  const guint n = 6, m = 3;
  gint32 dense[6 * 3];
  for (guint k = 0; k < n * m; k++)
    dense[k] = 1;
  const guint capacity[3] = {2, 2, 2};
  const guint8 priority[6] = {0, 1, 2, 3, 0, 1};
  MmProblem *full = mm_i_problem_new_dense(n, m, dense, capacity, priority, NULL);
  for (int count_first = 0; count_first <= 1; count_first++) {
    full->count_first = count_first;
    MmProblem *candidates = mm_i_candidates_new(full);
    MmCandidate first[6];
    for (guint i = 0; i < n; i++)
      first[i] = (MmCandidate){i, i % m, 1};
    mm_i_candidates_add(candidates, first, n);
    MmOptimalSolver *solver = mm_i_optimal_solver_new(candidates);
    MmCandidate step1[] = {{0, 1, 5}};
    MmCandidate step2[6];
    for (guint i = 0; i < n; i++)
      step2[i] = (MmCandidate){i, (i + 2) % m, 100};
    MmCandidate step3[] = {{1, 2, 300}};
    const MmCandidate *steps[] = {step1, step2, step3};
    const gsize sizes[] = {1, 6, 1};
    const gboolean want_cold[] = {FALSE, TRUE, FALSE};
    gint mentor_of[6];
    for (guint k = 0; k < 3; k++) {
      mm_i_candidates_add(candidates, steps[k], sizes[k]);
      gboolean cold = !want_cold[k];
      guint again = mm_i_optimal_solver_update(solver, candidates, &cold);
      CU_ASSERT_EQUAL(cold, want_cold[k]);
      CU_ASSERT_TRUE(again > 0);
      MmDuals duals = {0};
      mm_i_optimal_solver_result(solver, mentor_of, &duals);
      CU_ASSERT_TRUE(valid_assignment(candidates, mentor_of));
      CU_ASSERT_TRUE(duals_certify(candidates, mentor_of, &duals));
      mm_i_duals_free(&duals);
      MmObjective got = mm_i_objective_of(candidates, mentor_of);
      MmObjective want = brute_force(candidates);
      CU_ASSERT_EQUAL(mm_i_objective_compare(&got, &want), 0);
    }
    /* by hand: the value-100 pairs fill every place; mentee 1 then takes
     * mentor 2 at 300, and mentee 0 or 3 leaves it for the place mentee 1
     * freed at mentor 0, at value 1 */
    CU_ASSERT_EQUAL(mm_i_objective_of(candidates, mentor_of).total_value,
                    4 * 100 + 300 + 1);
    CU_ASSERT_EQUAL(mentor_of[1], 2);
    mm_i_optimal_solver_free(solver);
    mm_i_problem_free(candidates);
  }
  mm_i_problem_free(full);
}

/* ---- the network simplex (solve-simplex.c) against the other methods ---- */

/* A random problem as random_problem(), and more of what a solver must
 * take: mentors without places left (about one in eight) and mentees with
 * no candidate pair (about one in eight rows emptied). */
static MmProblem *random_problem_harder(GRand *rng, guint max_mentees,
                                        guint max_mentors) {
  MmProblem *full = random_problem(rng, max_mentees, max_mentors);
  for (guint j = 0; j < full->n_mentors; j++)
    if (g_rand_int_range(rng, 0, 8) == 0)
      full->capacity[j] = 0;
  MmProblem *p = mm_i_candidates_new(full);
  GArray *keep = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
  for (guint i = 0; i < full->n_mentees; i++) {
    if (g_rand_int_range(rng, 0, 8) == 0)
      continue;
    for (guint e = full->row_start[i]; e < full->row_start[i + 1]; e++) {
      MmCandidate c = {i, full->mentor[e], full->value[e]};
      g_array_append_val(keep, c);
    }
  }
  mm_i_candidates_add(p, (MmCandidate *)keep->data, keep->len);
  g_array_free(keep, TRUE);
  mm_i_problem_free(full);
  return p;
}

/* Whether @duals prove @mentor_of optimal for @p in full (duals.c's
 * conditions): every pair's reduced cost non-negative and 0 where used,
 * an unmatched mentee at minus its penalty, a mentor with a mentee at or
 * below 0, one with a free place at or above 0. */
static gboolean duals_prove(const MmProblem *p, const gint *mentor_of,
                            const MmDuals *duals) {
  MmCost penalty[MM_MAX_PRIORITY + 1];
  mm_i_outlet_penalties(p, penalty);
  guint *load = g_new0(guint, MAX(p->n_mentors, 1));
  gboolean ok = duals_certify(p, mentor_of, duals);
  for (guint i = 0; i < p->n_mentees; i++) {
    if (!p->active[i])
      continue;
    if (mentor_of[i] >= 0)
      load[mentor_of[i]]++;
    else
      ok = ok && duals->mentee[i] == -penalty[p->priority[i]];
  }
  for (guint j = 0; j < p->n_mentors; j++) {
    if (p->capacity[j] == 0)
      continue;
    ok = ok && (load[j] == 0 || duals->mentor[j] <= 0) &&
         (load[j] == p->capacity[j] || duals->mentor[j] >= 0);
  }
  g_free(load);
  return ok;
}

/* The least prices (mm_i_duals_least_prices()) of two different solvers'
 * optima are the same, even where the assignments differ; they still prove
 * the optimum; no price is above the solver's own; and each mentor's is
 * held where it is by a constraint that is tight (raising its potential
 * would break the proof). */
static void test_least_prices_are_the_same_from_both_solvers(void) {
  GRand *rng = g_rand_new_with_seed(7070);
  guint differ = 0, unproved = 0, higher = 0, loose = 0, moved = 0;
  for (int round = 0; round < 600; round++) {
    MmProblem *p = round < 400 ? random_problem_harder(rng, 7, 5)
                               : random_problem_harder(rng, 120, 40);
    const guint n = p->n_mentees, m = p->n_mentors;
    gint *ns_of = g_new(gint, n), *ssp_of = g_new(gint, n);
    MmDuals ns = {0}, ssp = {0};
    MmSimplexSolver *solver = mm_i_simplex_solver_new(p);
    mm_i_simplex_solver_result(solver, ns_of, &ns);
    mm_i_simplex_solver_free(solver);
    mm_i_solve_optimal_duals(p, ssp_of, &ssp);
    MmCost *given = g_memdup2(ns.mentor, sizeof(MmCost) * m);
    mm_i_duals_least_prices(p, ns_of, &ns);
    mm_i_duals_least_prices(p, ssp_of, &ssp);
    unproved += !duals_prove(p, ns_of, &ns) + !duals_prove(p, ssp_of, &ssp);
    for (guint j = 0; j < m; j++) {
      if (p->capacity[j] == 0)
        continue;
      differ += ns.mentor[j] != ssp.mentor[j];
      higher += ns.mentor[j] < given[j]; /* a price went up */
      moved += ns.mentor[j] != given[j];
      /* tight: bounded by 0 (it has a mentee), or by a pair */
      gboolean has = FALSE, tight = FALSE, bounded = FALSE;
      for (guint i = 0; i < n; i++) {
        if (!p->active[i])
          continue;
        has = has || ns_of[i] == (gint)j;
        gint32 v = mm_i_problem_value(p, i, j);
        if (v < 0 || ns_of[i] == (gint)j)
          continue;
        bounded = TRUE;
        tight = tight || ns.mentee[i] - ns.mentor[j] == v;
      }
      tight = tight || (has && ns.mentor[j] == 0) ||
              (!has && !bounded && ns.mentor[j] == 0);
      loose += !tight;
    }
    for (guint i = 0; i < n; i++)
      differ += p->active[i] && ns.mentee[i] != ssp.mentee[i];
    g_free(given);
    mm_i_duals_free(&ns);
    mm_i_duals_free(&ssp);
    g_free(ns_of);
    g_free(ssp_of);
    mm_i_problem_free(p);
  }
  CU_ASSERT_EQUAL(differ, 0);
  CU_ASSERT_EQUAL(unproved, 0);
  CU_ASSERT_EQUAL(higher, 0);
  CU_ASSERT_EQUAL(loose, 0);
  CU_ASSERT_TRUE(moved > 0); /* the simplex's own prices were not the least */
  g_rand_free(rng);
}

/* Cold solves: the objective of brute force on small problems, of the
 * shortest-path solver on mid-size ones, and duals that certify it. */
static void test_simplex_matches_brute_force(void) {
  GRand *rng = g_rand_new_with_seed(4242);
  guint mismatches = 0, uncertified = 0, invalid = 0, count_first = 0;
  for (int round = 0; round < 700; round++) {
    gboolean small = round < 500;
    MmProblem *p = small ? random_problem_harder(rng, 7, 5)
                         : random_problem_harder(rng, 120, 40);
    count_first += p->count_first;
    gint *got_of = g_new(gint, p->n_mentees), *ssp = g_new(gint, p->n_mentees);
    MmSimplexSolver *solver = mm_i_simplex_solver_new(p);
    MmDuals duals = {0};
    mm_i_simplex_solver_result(solver, got_of, &duals);
    mm_i_simplex_solver_free(solver);
    invalid += !valid_assignment(p, got_of);
    uncertified += !duals_certify(p, got_of, &duals);
    mm_i_duals_free(&duals);
    mm_i_solve_optimal(p, ssp);
    MmObjective got = mm_i_objective_of(p, got_of);
    MmObjective by_ssp = mm_i_objective_of(p, ssp);
    mismatches += mm_i_objective_compare(&got, &by_ssp) != 0;
    if (small) {
      MmObjective want = brute_force(p);
      mismatches += mm_i_objective_compare(&got, &want) != 0;
    }
    g_free(got_of);
    g_free(ssp);
    mm_i_problem_free(p);
  }
  CU_ASSERT_EQUAL(invalid, 0);
  CU_ASSERT_EQUAL(mismatches, 0);
  CU_ASSERT_EQUAL(uncertified, 0);
  CU_ASSERT_TRUE(count_first > 200 && count_first < 500); /* both objectives */
  g_rand_free(rng);
}

/* The same answer every time, whatever the addresses. */
static void test_simplex_deterministic(void) {
  GRand *rng = g_rand_new_with_seed(99);
  guint differ = 0;
  for (int round = 0; round < 50; round++) {
    MmProblem *p = random_problem_harder(rng, 120, 40);
    gint *a = g_new(gint, p->n_mentees), *b = g_new(gint, p->n_mentees);
    MmDuals da = {0}, db = {0};
    MmSimplexSolver *s1 = mm_i_simplex_solver_new(p);
    mm_i_simplex_solver_result(s1, a, &da);
    MmSimplexSolver *s2 = mm_i_simplex_solver_new(p);
    mm_i_simplex_solver_result(s2, b, &db);
    differ += memcmp(a, b, sizeof(gint) * p->n_mentees) != 0;
    differ += memcmp(da.mentee, db.mentee, sizeof(MmCost) * p->n_mentees) != 0;
    differ += memcmp(da.mentor, db.mentor, sizeof(MmCost) * p->n_mentors) != 0;
    mm_i_simplex_solver_free(s1);
    mm_i_simplex_solver_free(s2);
    mm_i_duals_free(&da);
    mm_i_duals_free(&db);
    g_free(a);
    g_free(b);
    mm_i_problem_free(p);
  }
  CU_ASSERT_EQUAL(differ, 0);
  g_rand_free(rng);
}

/* Warm updates: from mm_i_candidates_from_full(full, 1, 1), the rest of
 * the pairs added in four batches; after each update the objective of a
 * cold solve of the same candidates (brute force too on small ones) and
 * certifying duals. Then a whole priced loop on a fresh solver: its result
 * is the full problem's optimum. */
static void test_simplex_warm_start(void) {
  GRand *rng = g_rand_new_with_seed(1612);
  guint mismatches = 0, uncertified = 0, invalid = 0, warm_pivots = 0;
  guint priced_mismatches = 0, multi_round = 0;
  for (int round = 0; round < 300; round++) {
    gboolean small = round < 200;
    MmProblem *full = small ? random_problem_harder(rng, 7, 5)
                            : random_problem_harder(rng, 120, 40);
    const guint n = full->n_mentees, n_pairs = full->row_start[n];
    gint *warm = g_new(gint, MAX(n, 1)), *cold = g_new(gint, MAX(n, 1));
    MmProblem *candidates = mm_i_candidates_from_full(full, 1, 1);
    MmSimplexSolver *solver = mm_i_simplex_solver_new(candidates);
    guint8 *batch = g_new(guint8, MAX(n_pairs, 1));
    for (guint e = 0; e < n_pairs; e++)
      batch[e] = (guint8)g_rand_int_range(rng, 1, 5);
    for (guint8 b = 0; b < 5; b++) {
      if (b > 0) {
        add_batch(candidates, full, batch, b);
        warm_pivots += mm_i_simplex_solver_update(solver, candidates) > 0;
      }
      MmDuals duals = {0};
      mm_i_simplex_solver_result(solver, warm, &duals);
      invalid += !valid_assignment(candidates, warm);
      uncertified += !duals_certify(candidates, warm, &duals);
      mm_i_duals_free(&duals);
      MmObjective got = mm_i_objective_of(candidates, warm);
      MmSimplexSolver *fresh = mm_i_simplex_solver_new(candidates);
      mm_i_simplex_solver_result(fresh, cold, NULL);
      mm_i_simplex_solver_free(fresh);
      MmObjective want = mm_i_objective_of(candidates, cold);
      mismatches += mm_i_objective_compare(&got, &want) != 0;
      mm_i_solve_optimal(candidates, cold);
      want = mm_i_objective_of(candidates, cold);
      mismatches += mm_i_objective_compare(&got, &want) != 0;
      if (small) {
        want = brute_force(candidates);
        mismatches += mm_i_objective_compare(&got, &want) != 0;
      }
    }
    mm_i_simplex_solver_free(solver);
    mm_i_problem_free(candidates);

    /* the priced loop, by hand, with the simplex */
    candidates = mm_i_candidates_from_full(full, 1, 1);
    solver = mm_i_simplex_solver_new(candidates);
    GArray *found = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
    guint rounds = 0;
    for (;; rounds++) {
      MmDuals duals = {0};
      mm_i_simplex_solver_result(solver, warm, &duals);
      g_array_set_size(found, 0);
      MmPriceRequest request = {candidates, &duals, 1, found, 0};
      gsize violated = mm_i_price_full(full, &request);
      mm_i_duals_free(&duals);
      if (violated == 0)
        break;
      mm_i_candidates_add(candidates, (MmCandidate *)found->data, found->len);
      mm_i_simplex_solver_update(solver, candidates);
    }
    multi_round += rounds > 0;
    invalid += !valid_assignment(full, warm);
    MmObjective got = mm_i_objective_of(full, warm), want;
    if (small) {
      want = brute_force(full);
    } else {
      mm_i_solve_optimal(full, cold);
      want = mm_i_objective_of(full, cold);
    }
    priced_mismatches += mm_i_objective_compare(&got, &want) != 0;
    g_array_free(found, TRUE);
    mm_i_simplex_solver_free(solver);
    mm_i_problem_free(candidates);
    mm_i_problem_free(full);
    g_free(batch);
    g_free(warm);
    g_free(cold);
  }
  CU_ASSERT_EQUAL(invalid, 0);
  CU_ASSERT_EQUAL(mismatches, 0);
  CU_ASSERT_EQUAL(uncertified, 0);
  CU_ASSERT_EQUAL(priced_mismatches, 0);
  CU_ASSERT_TRUE(warm_pivots > 100); /* updates did work */
  CU_ASSERT_TRUE(multi_round > 50);  /* pricing added pairs */
  g_rand_free(rng);
}

/* Count-first on a pool where one level outweighs the next: a high
 * priority mentee takes the only place even at value 0. */
static void test_simplex_priority_first(void) {
  const gint32 dense[2] = {0, 10000};
  const guint capacity[1] = {1};
  const guint8 priority[2] = {3, 0};
  MmProblem *p = mm_i_problem_new_dense(2, 1, dense, capacity, priority, NULL);
  gint mentor_of[2];
  MmSimplexSolver *s = mm_i_simplex_solver_new(p);
  MmDuals duals = {0};
  mm_i_simplex_solver_result(s, mentor_of, &duals);
  CU_ASSERT_EQUAL(mentor_of[0], 0);
  CU_ASSERT_EQUAL(mentor_of[1], -1);
  CU_ASSERT_TRUE(duals_certify(p, mentor_of, &duals));
  mm_i_duals_free(&duals);
  mm_i_simplex_solver_free(s);
  p->count_first = FALSE; /* quality: the larger value */
  s = mm_i_simplex_solver_new(p);
  mm_i_simplex_solver_result(s, mentor_of, NULL);
  CU_ASSERT_EQUAL(mentor_of[0], -1);
  CU_ASSERT_EQUAL(mentor_of[1], 0);
  mm_i_simplex_solver_free(s);
  mm_i_problem_free(p);
}

static void test_greedy_valid_and_never_better(void) {
  GRand *rng = g_rand_new_with_seed(7);
  for (int round = 0; round < 300; round++) {
    MmProblem *p = random_problem(rng, 7, 5);
    gint *greedy = g_new(gint, p->n_mentees);
    mm_i_solve_greedy(p, greedy);
    CU_ASSERT_TRUE(valid_assignment(p, greedy));
    MmObjective g = mm_i_objective_of(p, greedy);
    MmObjective best = brute_force(p);
    CU_ASSERT_TRUE(mm_i_objective_compare(&g, &best) <= 0);
    g_free(greedy);
    mm_i_problem_free(p);
  }
  g_rand_free(rng);
}

/* Worked by hand: two mentees want mentor A (capacity 1). Greedy gives A to
 * the higher score (mentee 0, 90) and leaves mentee 1 without a mentor, since
 * mentee 1 can only take A. Optimal matches both: mentee 0 -> B (60),
 * mentee 1 -> A (80): 2 matched beats 1. */
static void test_optimal_beats_greedy_on_cardinality(void) {
  const gint32 scores[] = {9000, 6000,  /* mentee 0: A, B */
                           8000, -1};   /* mentee 1: A only */
  const guint cap[] = {1, 1};
  MmProblem *p = mm_i_problem_new_dense(2, 2, scores, cap, NULL, NULL);
  gint got[2];
  mm_i_solve_greedy(p, got);
  CU_ASSERT_EQUAL(got[0], 0);
  CU_ASSERT_EQUAL(got[1], -1);
  mm_i_solve_optimal(p, got);
  CU_ASSERT_EQUAL(got[0], 1);
  CU_ASSERT_EQUAL(got[1], 0);
  mm_i_problem_free(p);
}

/* Quality weighs total value only. Mentee 0 has A (90.00) or B (1.00),
 * mentee 1 only A (85.00). Both matched: 1.00 + 85.00 = 86.00; mentee 0
 * alone on A: 90.00. Quality leaves mentee 1 waiting; count matches both.
 * With B at 10.00 both matched give 95.00 > 90.00 and quality matches both
 * too. */
static void test_quality_takes_the_larger_total(void) {
  gint32 values[] = {9000, 100, 8500, -1};
  const guint cap[] = {1, 1};
  gint got[2];
  MmProblem *p = mm_i_problem_new_dense(2, 2, values, cap, NULL, NULL);
  p->count_first = FALSE;
  mm_i_solve_optimal(p, got);
  CU_ASSERT_EQUAL(got[0], 0);
  CU_ASSERT_EQUAL(got[1], -1);
  p->count_first = TRUE;
  mm_i_solve_optimal(p, got);
  CU_ASSERT_EQUAL(got[0], 1);
  CU_ASSERT_EQUAL(got[1], 0);
  mm_i_problem_free(p);

  values[1] = 1000;
  p = mm_i_problem_new_dense(2, 2, values, cap, NULL, NULL);
  p->count_first = FALSE;
  mm_i_solve_optimal(p, got);
  CU_ASSERT_EQUAL(got[0], 1);
  CU_ASSERT_EQUAL(got[1], 0);
  mm_i_problem_free(p);
}

/* Priority beats score: one place, mentee 0 (priority 0, score 95) and
 * mentee 1 (priority 3, score 40). Optimal takes mentee 1. A capacity of 2
 * takes both. */
static void test_priority_before_score(void) {
  const gint32 scores[] = {9500, 4000};
  guint cap[] = {1};
  const guint8 prio[] = {0, 3};
  MmProblem *p = mm_i_problem_new_dense(2, 1, scores, cap, prio, NULL);
  gint got[2];
  mm_i_solve_optimal(p, got);
  CU_ASSERT_EQUAL(got[0], -1);
  CU_ASSERT_EQUAL(got[1], 0);
  mm_i_problem_free(p);
  cap[0] = 2;
  p = mm_i_problem_new_dense(2, 1, scores, cap, prio, NULL);
  mm_i_solve_optimal(p, got);
  CU_ASSERT_EQUAL(got[0], 0);
  CU_ASSERT_EQUAL(got[1], 0);
  mm_i_problem_free(p);
}

/* Lexicographic priority classes, not their sum: with one place each for
 * {P3 or P2a} and {P0 or P2b}... here two places and three mentees:
 * mentor A takes P3 or P2a, mentor B takes P2a or P2b... Worked: mentors A, B
 * (capacity 1). Mentee x (prio 3): A only. y (prio 2): A or B. z (prio 2): B
 * only. Best: x->A, and one of y/z on B: 2 matched with one P3 beats y->A,
 * z->B (two P2). */
static void test_priority_classes_lexicographic(void) {
  const gint32 scores[] = {1000, -1,    /* x */
                           9000, 9000,  /* y */
                           -1, 9000};   /* z */
  const guint cap[] = {1, 1};
  const guint8 prio[] = {3, 2, 2};
  MmProblem *p = mm_i_problem_new_dense(3, 2, scores, cap, prio, NULL);
  gint got[3];
  mm_i_solve_optimal(p, got);
  CU_ASSERT_EQUAL(got[0], 0);
  CU_ASSERT_TRUE((got[1] == 1) != (got[2] == 1));
  mm_i_problem_free(p);
}

/* The independent check of stability: no eligible pair (i, j) where i
 * prefers j to its mentor (or has none) and j has a free place or prefers i
 * to one of its mentees. */
static guint count_blocking_pairs(const MmProblem *p, const gint *mentor_of) {
  guint *load = g_new0(guint, MAX(p->n_mentors, 1));
  guint *edge_of = g_new(guint, MAX(p->n_mentees, 1));
  for (guint i = 0; i < p->n_mentees; i++) {
    if (mentor_of[i] < 0)
      continue;
    load[mentor_of[i]]++;
    for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++)
      if ((gint)p->mentor[e] == mentor_of[i])
        edge_of[i] = e;
  }
  guint blocking = 0;
  for (guint i = 0; i < p->n_mentees; i++) {
    if (!p->active[i])
      continue;
    for (guint e = p->row_start[i]; e < p->row_start[i + 1]; e++) {
      guint j = p->mentor[e];
      if (mentor_of[i] >= 0 && !mm_i_mentee_prefers(p, e, edge_of[i]))
        continue; /* i is at least as happy where it is */
      gboolean mentor_wants = load[j] < p->capacity[j];
      for (guint k = 0; k < p->n_mentees && !mentor_wants; k++)
        if (mentor_of[k] == (gint)j && k != i &&
            mm_i_mentor_prefers(p, e, i, edge_of[k], k))
          mentor_wants = TRUE;
      blocking += mentor_wants;
    }
  }
  g_free(load);
  g_free(edge_of);
  return blocking;
}

static void test_stable_has_no_blocking_pair(void) {
  GRand *rng = g_rand_new_with_seed(99);
  guint blocking = 0;
  for (int round = 0; round < 400; round++) {
    MmProblem *p = random_problem(rng, 12, 6);
    gint *got = g_new(gint, p->n_mentees);
    mm_i_solve_stable(p, got);
    CU_ASSERT_TRUE(valid_assignment(p, got));
    blocking += count_blocking_pairs(p, got);
    g_free(got);
    mm_i_problem_free(p);
  }
  CU_ASSERT_EQUAL(blocking, 0);
  g_rand_free(rng);
}

/* Worked by hand: mentees 0 and 1 both rank mentor A first (0 named A; 1 by
 * score). A (capacity 1) prefers mentee 1 (mentor-side 80 vs 50), so 1 gets
 * A and 0 falls back to B. The checker confirms it is stable, and that the
 * opposite assignment is not. */
static void test_stable_worked_example(void) {
  const gint32 scores[] = {5000, 7000, /* mentee 0: A 50, B 70 */
                           9000, 1000}; /* mentee 1: A 90, B 10 */
  const guint cap[] = {1, 1};
  MmProblem *p = mm_i_problem_new_dense(2, 2, scores, cap, NULL, NULL);
  p->named_place = g_new(gint32, 4);
  p->mentor_score = g_new(gint32, 4);
  const gint32 named[] = {0, MM_NOT_NAMED, MM_NOT_NAMED, MM_NOT_NAMED};
  const gint32 mentor_side[] = {5000, 6000, 8000, 1000};
  memcpy(p->named_place, named, sizeof named);
  memcpy(p->mentor_score, mentor_side, sizeof mentor_side);
  gint got[2];
  mm_i_solve_stable(p, got);
  CU_ASSERT_EQUAL(got[0], 1);
  CU_ASSERT_EQUAL(got[1], 0);
  CU_ASSERT_EQUAL(count_blocking_pairs(p, got), 0);
  const gint swapped[] = {0, 1};
  CU_ASSERT_EQUAL(count_blocking_pairs(p, swapped), 1);
  mm_i_problem_free(p);
}

static void test_empty_and_inactive(void) {
  const gint32 scores[] = {5000, 5000};
  const guint cap[] = {1, 1};
  const gboolean active[] = {FALSE};
  MmProblem *p = mm_i_problem_new_dense(1, 2, scores, cap, NULL, active);
  gint got[1];
  mm_i_solve_optimal(p, got);
  CU_ASSERT_EQUAL(got[0], -1);
  mm_i_solve_greedy(p, got);
  CU_ASSERT_EQUAL(got[0], -1);
  mm_i_problem_free(p);
  p = mm_i_problem_new_dense(0, 0, NULL, NULL, NULL, NULL);
  mm_i_solve_optimal(p, got);
  mm_i_solve_greedy(p, got);
  mm_i_problem_free(p);
}

static void test_score_units_round(void) {
  CU_ASSERT_EQUAL(mm_i_score_to_units(87.254), 8725);
  CU_ASSERT_EQUAL(mm_i_score_to_units(87.256), 8726);
  CU_ASSERT_EQUAL(mm_i_score_to_units(100.0), 10000);
  CU_ASSERT_EQUAL(mm_i_score_to_units(0.0), 0);
  CU_ASSERT_EQUAL(mm_i_score_to_units(0.005), 1);   /* half: away from zero */
  CU_ASSERT_EQUAL(mm_i_score_to_units(-0.005), -1);
  /* against lround() itself: every half-unit, its neighbours, and random
   * scores */
  GRand *rng = g_rand_new_with_seed(5);
  guint wrong = 0;
  for (gint k = -400; k <= 20001; k++) {
    double half = k / 2.0 / MM_SCORE_SCALE;
    double near[] = {half, nextafter(half, -1e9), nextafter(half, 1e9),
                     g_rand_double_range(rng, -1.0, 101.0)};
    for (guint t = 0; t < G_N_ELEMENTS(near); t++)
      wrong += mm_i_score_to_units(near[t]) != (gint32)lround(near[t] * MM_SCORE_SCALE);
  }
  CU_ASSERT_EQUAL(wrong, 0);
  g_rand_free(rng);
}

/* Orders pairs as the mentor lists keep them: score, then mentee, mentor. */
static int compare_candidates_best_first(const void *a, const void *b) {
  const MmCandidate *x = a, *y = b;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  if (x->mentee != y->mentee)
    return x->mentee < y->mentee ? -1 : 1;
  return (x->mentor > y->mentor) - (x->mentor < y->mentor);
}

/* Each mentor's kept pairs, against sorting everything offered: pairs come
 * in random order, split between two lists that are then merged (as the
 * scoring threads do), with many equal scores so that ties at the last kept
 * place take the full comparison. */
static void test_mentor_tops_keep_the_best(void) {
  GRand *rng = g_rand_new_with_seed(4);
  guint wrong = 0;
  for (int round = 0; round < 200; round++) {
    guint n_mentors = 1 + g_rand_int_range(rng, 0, 6);
    guint n_mentees = 1 + g_rand_int_range(rng, 0, 60);
    guint per_place = 1 + g_rand_int_range(rng, 0, 4);
    guint *capacity = g_new(guint, n_mentors);
    for (guint j = 0; j < n_mentors; j++)
      capacity[j] = g_rand_int_range(rng, 0, 4);
    GArray *offered = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
    for (guint i = 0; i < n_mentees; i++)
      for (guint j = 0; j < n_mentors; j++)
        if (g_rand_boolean(rng)) {
          MmCandidate c = {i, j, g_rand_int_range(rng, -3, 4)};
          g_array_append_val(offered, c);
        }
    MmMentorTops *a = mm_i_mentor_tops_new(capacity, n_mentors, per_place);
    MmMentorTops *b = mm_i_mentor_tops_new(capacity, n_mentors, per_place);
    for (guint k = offered->len; k > 1; k--) { /* shuffled */
      guint r = g_rand_int_range(rng, 0, k);
      MmCandidate t = g_array_index(offered, MmCandidate, k - 1);
      g_array_index(offered, MmCandidate, k - 1) =
          g_array_index(offered, MmCandidate, r);
      g_array_index(offered, MmCandidate, r) = t;
    }
    for (guint k = 0; k < offered->len; k++)
      mm_i_mentor_tops_offer(g_rand_boolean(rng) ? a : b,
                           &g_array_index(offered, MmCandidate, k));
    mm_i_mentor_tops_merge(a, b);
    GArray *kept = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
    mm_i_mentor_tops_collect(a, kept);

    g_array_sort(offered, compare_candidates_best_first);
    guint at = 0;
    for (guint j = 0; j < n_mentors; j++) {
      guint room = per_place * (capacity[j] + 1), taken = 0;
      for (guint k = 0; k < offered->len && taken < room; k++) {
        const MmCandidate *want = &g_array_index(offered, MmCandidate, k);
        if (want->mentor != j)
          continue;
        taken++;
        const MmCandidate *got =
            at < kept->len ? &g_array_index(kept, MmCandidate, at) : NULL;
        wrong += got == NULL || memcmp(got, want, sizeof *got) != 0;
        at++;
      }
    }
    wrong += at != kept->len;
    g_array_free(kept, TRUE);
    g_array_free(offered, TRUE);
    mm_i_mentor_tops_free(a);
    mm_i_mentor_tops_free(b);
    g_free(capacity);
  }
  CU_ASSERT_EQUAL(wrong, 0);
  g_rand_free(rng);
}

/* A row's best k, against sorting the whole row: long rows with many equal
 * values (so that the worst kept is often tied), k from 0 to past the
 * row's length. */
static void test_row_top_keeps_the_best(void) {
  GRand *rng = g_rand_new_with_seed(5);
  guint wrong = 0;
  for (int round = 0; round < 300; round++) {
    guint n = g_rand_int_range(rng, 0, 200), k = g_rand_int_range(rng, 0, 40);
    MmCandidate *row = g_new(MmCandidate, MAX(n, 1));
    for (guint e = 0; e < n; e++)
      row[e] = (MmCandidate){7, g_rand_int_range(rng, 0, 1000),
                             g_rand_int_range(rng, -5, 6)};
    GArray *kept = g_array_new(FALSE, FALSE, sizeof(MmCandidate));
    mm_i_row_top(row, n, k, kept);
    qsort(row, n, sizeof *row, compare_candidates_best_first);
    wrong += kept->len != MIN(n, k);
    for (guint e = 0; e < kept->len && e < n; e++)
      wrong += memcmp(&g_array_index(kept, MmCandidate, e), &row[e],
                      sizeof *row) != 0;
    g_array_free(kept, TRUE);
    g_free(row);
  }
  CU_ASSERT_EQUAL(wrong, 0);
  g_rand_free(rng);
}

/* Candidate rows against a matrix of what was offered: several batches of
 * random pairs, with pairs offered twice in a batch and pairs already
 * present, each at a value of its own, so that keeping the wrong copy shows.
 * After every batch each row lists exactly the pairs offered so far, in
 * mentor order, each once, at the value it was first offered at. */
static void test_candidates_add_keeps_rows_ordered(void) {
  GRand *rng = g_rand_new_with_seed(9);
  guint wrong = 0;
  for (int round = 0; round < 100; round++) {
    guint n = 1 + g_rand_int_range(rng, 0, 30);
    guint m = 1 + g_rand_int_range(rng, 0, 20);
    gint32 *scores = g_new0(gint32, n * m);
    guint *capacity = g_new0(guint, m);
    MmProblem *shape = mm_i_problem_new_dense(n, m, scores, capacity, NULL, NULL);
    MmProblem *p = mm_i_candidates_new(shape);
    gint32 *first = g_new(gint32, n * m); /* the value first offered, or -1 */
    for (guint k = 0; k < n * m; k++)
      first[k] = -1;
    gint32 next_value = 0;
    for (int batch = 0; batch < 4; batch++) {
      guint size = g_rand_int_range(rng, 0, 2 * n * m);
      MmCandidate *pairs = g_new(MmCandidate, MAX(size, 1));
      for (guint k = 0; k < size; k++) {
        guint i = g_rand_int_range(rng, 0, n), j = g_rand_int_range(rng, 0, m);
        pairs[k] = (MmCandidate){i, j, next_value++};
        if (first[i * m + j] < 0)
          first[i * m + j] = pairs[k].value;
      }
      mm_i_candidates_add(p, pairs, size);
      g_free(pairs);
      for (guint i = 0; i < n; i++) {
        guint e = p->row_start[i];
        for (guint j = 0; j < m; j++) {
          if (first[i * m + j] < 0)
            continue;
          wrong += e >= p->row_start[i + 1] || p->mentor[e] != j ||
                   p->value[e] != first[i * m + j];
          e++;
        }
        wrong += e != p->row_start[i + 1];
      }
    }
    g_free(first);
    mm_i_problem_free(p);
    mm_i_problem_free(shape);
    g_free(capacity);
    g_free(scores);
  }
  CU_ASSERT_EQUAL(wrong, 0);
  g_rand_free(rng);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_optimal_matches_brute_force),
      MM_TEST(test_priced_equals_dense_optimum),
      MM_TEST(test_warm_start_equals_cold_solve),
      MM_TEST(test_warm_after_cold_restart),
      MM_TEST(test_simplex_matches_brute_force),
      MM_TEST(test_least_prices_are_the_same_from_both_solvers),
      MM_TEST(test_simplex_deterministic),
      MM_TEST(test_simplex_warm_start),
      MM_TEST(test_simplex_priority_first),
      MM_TEST(test_greedy_valid_and_never_better),
      MM_TEST(test_optimal_beats_greedy_on_cardinality),
      MM_TEST(test_quality_takes_the_larger_total),
      MM_TEST(test_priority_before_score),
      MM_TEST(test_priority_classes_lexicographic),
      MM_TEST(test_stable_has_no_blocking_pair),
      MM_TEST(test_stable_worked_example),
      MM_TEST(test_empty_and_inactive),
      MM_TEST(test_score_units_round),
      MM_TEST(test_mentor_tops_keep_the_best),
      MM_TEST(test_row_top_keeps_the_best),
      MM_TEST(test_candidates_add_keeps_rows_ordered),
      CU_TEST_INFO_NULL};
  return mm_test_run("solve", tests);
}
