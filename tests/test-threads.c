/* test-threads.c: several callers on one pool at once (the contract (docs/): no global
 * mutable state; every call reentrant).
 *
 * Eight threads score, explain, recommend and match on the same prepared
 * pool and config at the same time, each several times, and every result
 * must equal the one computed alone on one thread beforehand: scores, rule
 * masks, assignments and (v2) the pair values the solvers used. The pool
 * is prepared as of MM_TEST_AS_OF (test-common.c), so the waiting terms
 * are the same in every thread whatever the day; the config is the v2
 * default (prefer quality, min_score 40). */
#include "test-common.h"

#include <string.h>

#define N_CALLERS 8
#define ROUNDS 3

typedef struct {
  const MmPool *pool;
  const MmConfig *config;
  /* expected, computed alone */
  double *scores;       /* n_mentees x n_mentors */
  guint32 *broken;
  gint *mentor_of[3];   /* per mode */
  double *value_of[3];  /* per mode: mm_matching_value() of each mentee */
  double *explained;    /* per mentee: explanation score with mentor 0 */
  guint *first_choice;  /* per mentee: recommend's first mentor, or G_MAXUINT */
  gint mismatches;      /* atomic */
} Shared;

static const MmMode modes[] = {MM_MODE_OPTIMAL, MM_MODE_STABLE, MM_MODE_GREEDY};

static void score_all(const MmPool *pool, const MmConfig *config,
                      double *scores, guint32 *broken) {
  guint m = mm_pool_n_mentors(pool);
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++)
    mm_score_mentee(pool, config, i, scores + (gsize)i * m, broken + (gsize)i * m);
}

/* Each mentee's mentor (-1: none); @values (nullable) receives each
 * mentee's pair value. */
static gint *match_all(const MmPool *pool, const MmConfig *config, MmMode mode,
                       guint threads, double **values) {
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_mode(options, mode);
  mm_match_options_set_threads(options, threads);
  MmMatching *r = mm_match(pool, config, options, NULL);
  guint n = mm_pool_n_mentees(pool);
  gint *mentor_of = g_new(gint, n);
  if (values != NULL)
    *values = g_new(double, n);
  for (guint i = 0; i < n; i++) {
    mentor_of[i] = mm_matching_mentor(r, i);
    if (values != NULL)
      (*values)[i] = mm_matching_value(r, i);
  }
  mm_matching_free(r);
  return mentor_of;
}

static void first_choices(const MmPool *pool, const MmConfig *config,
                          guint *out) {
  MmShortlist *list = mm_recommend(pool, config, -1, 3);
  for (guint k = 0; k < mm_shortlist_n_mentees(list); k++)
    out[mm_shortlist_mentee(list, k)] = mm_shortlist_length(list, k) > 0
                                            ? mm_shortlist_mentor(list, k, 0)
                                            : G_MAXUINT;
  mm_shortlist_free(list);
}

static gpointer caller(gpointer data) {
  Shared *s = data;
  guint n = mm_pool_n_mentees(s->pool), m = mm_pool_n_mentors(s->pool);
  double *scores = g_new(double, (gsize)n * m);
  guint32 *broken = g_new(guint32, (gsize)n * m);
  guint *first = g_new(guint, n);
  gint bad = 0;
  for (guint round = 0; round < ROUNDS; round++) {
    score_all(s->pool, s->config, scores, broken);
    bad += memcmp(scores, s->scores, sizeof(double) * n * m) != 0;
    bad += memcmp(broken, s->broken, sizeof(guint32) * n * m) != 0;
    for (guint i = 0; i < n; i++) {
      MmExplanation *e = mm_explain_pair(s->pool, s->config, i, 0);
      bad += mm_explanation_score(e) != s->explained[i];
      mm_explanation_free(e);
    }
    first_choices(s->pool, s->config, first);
    bad += memcmp(first, s->first_choice, sizeof(guint) * n) != 0;
    for (guint k = 0; k < G_N_ELEMENTS(modes); k++) {
      double *values = NULL;
      gint *mentor_of = match_all(s->pool, s->config, modes[k], 2, &values);
      bad += memcmp(mentor_of, s->mentor_of[k], sizeof(gint) * n) != 0;
      bad += memcmp(values, s->value_of[k], sizeof(double) * n) != 0;
      g_free(mentor_of);
      g_free(values);
    }
  }
  g_atomic_int_add(&s->mismatches, bad);
  g_free(scores);
  g_free(broken);
  g_free(first);
  return NULL;
}

static void test_eight_callers_get_the_single_threaded_results(void) {
  GRand *rng = g_rand_new_with_seed(8);
  char *mentees = mm_test_random_csv(rng, MM_SIDE_MENTEE, 120, 40);
  char *mentors = mm_test_random_csv(rng, MM_SIDE_MENTOR, 40, 40);
  MmPool *pool = mm_test_pool_from_csv(mentees, mentors);
  MmConfig *config = mm_config_new();
  guint n = mm_pool_n_mentees(pool), m = mm_pool_n_mentors(pool);

  Shared s = {.pool = pool, .config = config};
  s.scores = g_new(double, (gsize)n * m);
  s.broken = g_new(guint32, (gsize)n * m);
  score_all(pool, config, s.scores, s.broken);
  for (guint k = 0; k < G_N_ELEMENTS(modes); k++)
    s.mentor_of[k] = match_all(pool, config, modes[k], 1, &s.value_of[k]);
  s.explained = g_new(double, n);
  for (guint i = 0; i < n; i++) {
    MmExplanation *e = mm_explain_pair(pool, config, i, 0);
    s.explained[i] = mm_explanation_score(e);
    mm_explanation_free(e);
  }
  s.first_choice = g_new(guint, n);
  first_choices(pool, config, s.first_choice);

  GThread *threads[N_CALLERS];
  for (guint t = 0; t < N_CALLERS; t++)
    threads[t] = g_thread_new("caller", caller, &s);
  for (guint t = 0; t < N_CALLERS; t++)
    g_thread_join(threads[t]);
  CU_ASSERT_EQUAL(s.mismatches, 0);

  /* the shared expectations are not trivial: some pairs are eligible and
   * some are not, and the modes match someone */
  guint eligible = 0;
  for (gsize k = 0; k < (gsize)n * m; k++)
    eligible += s.broken[k] == 0;
  CU_ASSERT_TRUE(eligible > 0 && eligible < n * m);
  guint matched = 0;
  for (guint i = 0; i < n; i++)
    matched += s.mentor_of[0][i] >= 0;
  CU_ASSERT_TRUE(matched > 0);

  for (guint k = 0; k < G_N_ELEMENTS(modes); k++) {
    g_free(s.mentor_of[k]);
    g_free(s.value_of[k]);
  }
  g_free(s.scores);
  g_free(s.broken);
  g_free(s.explained);
  g_free(s.first_choice);
  mm_config_free(config);
  mm_pool_free(pool);
  g_free(mentees);
  g_free(mentors);
  g_rand_free(rng);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_eight_callers_get_the_single_threaded_results),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("threads", tests);
}
