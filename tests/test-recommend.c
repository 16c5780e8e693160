/* test-recommend.c: shortlists (lib/match/recommend.c).
 *
 * Hand-worked orderings with ties, top_k, one mentee or all, the reason a
 * mentee has no eligible mentor, and on random pools the bounded heap
 * against a full sort. */
#include "test-common.h"

#include <string.h>
#include "problem.h"

#include <stdlib.h>

/* Every mentor is 30 and trained; the mentees are 15 (age gap 15: age value
 * 1, weight 2). With interests (weight 3, full at 3 shared) the score is
 * 100 x (k/3 x 3 + 2) / (3 + 2) = 20 x (k + 2) for k shared interests:
 * 0 -> 40, 1 -> 60, 2 -> 80, 3 -> 100. Nothing else applies to YP1 (no
 * care experience, languages, needs, location or availability given; v2:
 * gender only through a stated wish, and neither YP1 nor any mentor states
 * one). The v2 default min_score is 40 and a pair breaks it only when its
 * score is below 40: M5's 40 (100 x 2/5, exactly 40.0 in doubles) is
 * eligible, so YP1 still has six eligible mentors (M1's checks are not
 * cleared). YP2 states, and requires, a male mentor (gender weight 2 x 2
 * = 4); YP3 gives nothing but an age, so age alone: 100 with every mentor.
 * Nobody names a mentor, so the shortlist is by score alone. */
static const char *const mentees_csv =
    "id,age,interests,gender,pref_gender,must\n"
    "YP1,15,football;music;cooking,,,\n"
    "YP2,15,football,,male,gender\n"
    "YP3,15,,,,\n";
static const char *const mentors_csv =
    "id,age,checks_cleared,training_hours,gender,interests\n"
    "M1,30,no,3,male,football;music;cooking\n" /* checks: never listed */
    "M2,30,yes,3,female,football\n"            /* 60 */
    "M3,30,yes,3,female,football;music\n"      /* 80 */
    "M4,30,yes,3,female,music\n"               /* 60 */
    "M5,30,yes,3,female,\n"                    /* 40 */
    "M6,30,yes,3,female,cooking;football;music\n" /* 100 */
    "M7,30,yes,3,female,cooking;music\n";      /* 80 */

static void expect_list(const MmShortlist *list, guint i, const guint *mentors,
                        const double *scores, guint n) {
  CU_ASSERT_EQUAL_FATAL(mm_shortlist_length(list, i), n);
  for (guint r = 0; r < n; r++) {
    CU_ASSERT_EQUAL(mm_shortlist_mentor(list, i, r), mentors[r]);
    MM_ASSERT_CLOSE(mm_shortlist_score(list, i, r), scores[r]);
  }
}

static void test_order_and_ties(void) {
  MmPool *pool = mm_test_pool_from_csv(mentees_csv, mentors_csv);
  g_autoptr(MmConfig) config = mm_config_new();
  MmShortlist *list = mm_recommend(pool, config, 0, MM_DEFAULT_TOP_K);
  CU_ASSERT_EQUAL_FATAL(mm_shortlist_n_mentees(list), 1);
  CU_ASSERT_EQUAL(mm_shortlist_mentee(list, 0), 0);
  /* M6 100; M3 and M7 80 (input order); M2 and M4 60; M5 (40, on the
   * min_score boundary and so eligible) is sixth. */
  const guint best[] = {5, 2, 6, 1, 3};
  const double scores[] = {100.0, 80.0, 80.0, 60.0, 60.0};
  expect_list(list, 0, best, scores, 5);
  CU_ASSERT_PTR_NULL(mm_shortlist_reason(list, 0));
  mm_shortlist_free(list);

  /* The scores are the row scorer's, bit for bit. */
  list = mm_recommend(pool, config, 0, 10);
  double row[7];
  mm_score_mentee(pool, config, 0, row, NULL);
  CU_ASSERT_EQUAL_FATAL(mm_shortlist_length(list, 0), 6); /* all eligible */
  for (guint r = 0; r < 6; r++)
    CU_ASSERT_EQUAL(mm_shortlist_score(list, 0, r),
                    row[mm_shortlist_mentor(list, 0, r)]);
  CU_ASSERT_EQUAL(mm_shortlist_mentor(list, 0, 5), 4);
  MM_ASSERT_CLOSE(mm_shortlist_score(list, 0, 5), 40.0);
  mm_shortlist_free(list);

  /* Just above M5's 40, M5 leaves the list: min_score is a hard rule. */
  CU_ASSERT_TRUE(mm_config_set_min_score(config, 40.01, NULL));
  list = mm_recommend(pool, config, 0, 10);
  CU_ASSERT_EQUAL(mm_shortlist_length(list, 0), 5);
  mm_shortlist_free(list);
  mm_pool_free(pool);
}

static void test_top_k(void) {
  MmPool *pool = mm_test_pool_from_csv(mentees_csv, mentors_csv);
  g_autoptr(MmConfig) config = mm_config_new();
  MmShortlist *list = mm_recommend(pool, config, 0, 2);
  const guint best[] = {5, 2};
  const double scores[] = {100.0, 80.0};
  expect_list(list, 0, best, scores, 2);
  mm_shortlist_free(list);
  /* A cut inside a tie keeps the earlier mentor. */
  list = mm_recommend(pool, config, 0, 4);
  const guint four[] = {5, 2, 6, 1};
  const double four_scores[] = {100.0, 80.0, 80.0, 60.0};
  expect_list(list, 0, four, four_scores, 4);
  mm_shortlist_free(list);
  /* All tied (YP3 has no interests: age alone, 100; M1 is out on checks):
   * input order. */
  list = mm_recommend(pool, config, 2, 3);
  const guint first[] = {1, 2, 3};
  const double tied[] = {100.0, 100.0, 100.0};
  expect_list(list, 0, first, tied, 3);
  mm_shortlist_free(list);
  mm_pool_free(pool);
}

static void test_every_mentee(void) {
  MmPool *pool = mm_test_pool_from_csv(mentees_csv, mentors_csv);
  g_autoptr(MmConfig) config = mm_config_new();
  MmShortlist *list = mm_recommend(pool, config, -1, 1);
  CU_ASSERT_EQUAL_FATAL(mm_shortlist_n_mentees(list), 3);
  for (guint i = 0; i < 3; i++)
    CU_ASSERT_EQUAL(mm_shortlist_mentee(list, i), i);
  CU_ASSERT_EQUAL(mm_shortlist_length(list, 0), 1);
  CU_ASSERT_EQUAL(mm_shortlist_mentor(list, 0, 0), 5);
  CU_ASSERT_EQUAL(mm_shortlist_length(list, 1), 0);
  CU_ASSERT_EQUAL(mm_shortlist_length(list, 2), 1);
  CU_ASSERT_EQUAL(mm_shortlist_mentor(list, 2, 0), 1);
  CU_ASSERT_PTR_NULL(mm_shortlist_reason(list, 0));
  CU_ASSERT_PTR_NOT_NULL(mm_shortlist_reason(list, 1));
  CU_ASSERT_PTR_NULL(mm_shortlist_reason(list, 2));
  mm_shortlist_free(list);
  mm_pool_free(pool);
}

static void test_no_eligible_reason(void) {
  MmPool *pool = mm_test_pool_from_csv(mentees_csv, mentors_csv);
  g_autoptr(MmConfig) config = mm_config_new();
  /* YP2 requires a male mentor: M2-M7 are female (6 must:gender); M1 is
   * male but its checks are not cleared (1 checks). v2 defaults: YP2's
   * criteria are interests (3; football only, so k = 1 with M1, M2, M3,
   * M6 and 0 with M4, M5, M7), stated gender (4) and age (2, value 1).
   * The female mentors score 100 x (1/3 x 3 + 0 + 2) / 9 = 33.33 (M2, M3,
   * M6) or 100 x 2/9 = 22.22 (M4, M5, M7): all six also break min_score
   * 40. M1 scores 100 x (1 + 4 + 2) / 9 = 77.78 and breaks only checks.
   * Counts, largest first, ties in rule order (must:gender before
   * min_score): 6 must:gender, 6 min_score, 1 checks. */
  MmShortlist *list = mm_recommend(pool, config, 1, 5);
  CU_ASSERT_EQUAL(mm_shortlist_mentee(list, 0), 1);
  CU_ASSERT_EQUAL(mm_shortlist_length(list, 0), 0);
  CU_ASSERT_STRING_EQUAL(
      mm_shortlist_reason(list, 0),
      "no eligible mentor: 6 must:gender, 6 min_score, 1 checks");
  mm_shortlist_free(list);

  /* Without the checks rule, M1 is YP2's only mentor (77.78, above). */
  mm_config_set_require_checks(config, FALSE);
  list = mm_recommend(pool, config, 1, 5);
  CU_ASSERT_EQUAL_FATAL(mm_shortlist_length(list, 0), 1);
  CU_ASSERT_EQUAL(mm_shortlist_mentor(list, 0, 0), 0);
  MM_ASSERT_CLOSE(mm_shortlist_score(list, 0, 0), 700.0 / 9.0);
  CU_ASSERT_PTR_NULL(mm_shortlist_reason(list, 0));
  mm_shortlist_free(list);
  mm_pool_free(pool);

  pool = mm_test_pool_from_csv("id,age\nYP1,15\n", NULL);
  list = mm_recommend(pool, config, -1, 5);
  CU_ASSERT_EQUAL(mm_shortlist_length(list, 0), 0);
  CU_ASSERT_STRING_EQUAL(mm_shortlist_reason(list, 0),
                         "no eligible mentor: the pool has no mentors");
  mm_shortlist_free(list);
  mm_pool_free(pool);
}

/* v2's two new hard rules, as the shortlist sees them: a natural mentor
 * (from a young person's own network) is only for the young person who
 * named them ("natural"), and the mentor of a match that ended is offered
 * again only when the young person names them ("previous"). Every pair
 * scores 100 (ages 15 and 30, nothing else given: age alone, value 1; a
 * natural mentor's age is judged like any adult mentor's), so the lists
 * are in input order. */
static void test_natural_and_previous(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,preferred_mentors,previous_mentors\n"
      "YP1,15,,P1\n"      /* N1 natural, P1 previous: V1 only */
      "YP2,15,N1;P1,P1\n" /* named both: all three */
      "YP3,15,,V1\n"      /* N1 natural, V1 previous: P1 only */
      "YP4,15,,P1;V1\n",  /* none: 2 previous, 1 natural */
      "id,age,mentor_type,checks_cleared,training_hours\n"
      "N1,30,natural,yes,3\n"
      "P1,30,volunteer,yes,3\n"
      "V1,30,volunteer,yes,3\n");
  g_autoptr(MmConfig) config = mm_config_new();
  MmShortlist *list = mm_recommend(pool, config, -1, 5);
  const double hundred[] = {100.0, 100.0, 100.0};
  const guint v1[] = {2}, all[] = {0, 1, 2}, p1[] = {1};
  expect_list(list, 0, v1, hundred, 1);
  expect_list(list, 1, all, hundred, 3);
  expect_list(list, 2, p1, hundred, 1);
  expect_list(list, 3, NULL, NULL, 0);
  CU_ASSERT_STRING_EQUAL(mm_shortlist_reason(list, 3),
                         "no eligible mentor: 2 previous, 1 natural");
  mm_shortlist_free(list);
  mm_pool_free(pool);
}

/* ---- the bounded heap against a full sort ---- */

typedef struct {
  guint mentor;
  gint32 units;
  gint place; /* among the young person's named mentors; G_MAXINT if not */
} Ranked;

/* 0-based place of mentor @j among mentee @i's preferred_mentors in the
 * generated CSV text (no field holds a comma; first place of a repeat),
 * or G_MAXINT. */
static gint named_place_in_csv(const char *csv, guint i, guint j) {
  g_auto(GStrv) lines = g_strsplit(csv, "\n", -1);
  g_auto(GStrv) header = g_strsplit(lines[0], ",", -1);
  g_auto(GStrv) row = g_strsplit(lines[i + 1], ",", -1);
  guint column = 0;
  while (strcmp(header[column], "preferred_mentors") != 0)
    column++;
  g_auto(GStrv) ids = g_strsplit(row[column], ";", -1);
  g_autofree char *want = g_strdup_printf("M%u", j);
  gint place = 0;
  for (guint k = 0; ids[k] != NULL; k++) {
    gboolean repeat = FALSE;
    for (guint e = 0; e < k; e++)
      repeat |= strcmp(ids[e], ids[k]) == 0;
    if (ids[k][0] == '\0' || repeat)
      continue;
    if (strcmp(ids[k], want) == 0)
      return place;
    place++;
  }
  return G_MAXINT;
}

static int compare_ranked(const void *pa, const void *pb) {
  const Ranked *a = pa, *b = pb;
  if (a->place != b->place)
    return a->place < b->place ? -1 : 1;
  if (a->units != b->units)
    return a->units > b->units ? -1 : 1;
  return a->mentor < b->mentor ? -1 : (a->mentor > b->mentor);
}

/* Random pools (with the v2 columns previous_mentors and waiting_since,
 * and the v2 default config): the shortlist is the top_k of the eligible
 * mentors sorted by named place (named mentors first, in the order named,
 * read from the CSV text), then score in hundredths, ties by input order. */
static void test_random_against_sort(void) {
  GRand *rng = g_rand_new_with_seed(7);
  g_autoptr(MmConfig) config = mm_config_new();
  guint mismatches = 0;
  for (guint round = 0; round < 8; round++) {
    guint n = (guint)g_rand_int_range(rng, 1, 20);
    guint m = (guint)g_rand_int_range(rng, 1, 80);
    char *mentees = mm_test_random_csv(rng, MM_SIDE_MENTEE, n, m);
    char *mentors = mm_test_random_csv(rng, MM_SIDE_MENTOR, m, m);
    MmPool *pool = mm_test_pool_from_csv(mentees, mentors);
    guint top_k = (guint)g_rand_int_range(rng, 1, 10);
    MmShortlist *list = mm_recommend(pool, config, -1, top_k);
    double *scores = g_new(double, m);
    guint32 *broken = g_new(guint32, m);
    Ranked *all = g_new(Ranked, m);
    for (guint i = 0; i < n; i++) {
      mm_score_mentee(pool, config, i, scores, broken);
      guint eligible = 0;
      for (guint j = 0; j < m; j++)
        if (broken[j] == 0)
          all[eligible++] = (Ranked){j, mm_i_score_to_units(scores[j]),
                                     named_place_in_csv(mentees, i, j)};
      qsort(all, eligible, sizeof *all, compare_ranked);
      guint expected = MIN(eligible, top_k);
      if (mm_shortlist_length(list, i) != expected) {
        mismatches++;
        continue;
      }
      for (guint r = 0; r < expected; r++)
        mismatches += mm_shortlist_mentor(list, i, r) != all[r].mentor;
      mismatches += (eligible == 0) != (mm_shortlist_reason(list, i) != NULL);
    }
    g_free(scores);
    g_free(broken);
    g_free(all);
    mm_shortlist_free(list);
    mm_pool_free(pool);
    g_free(mentees);
    g_free(mentors);
  }
  CU_ASSERT_EQUAL(mismatches, 0);
  g_rand_free(rng);
}

/* recommend --realistic on random pools, checked against the assignment:
 * each young person's first line is the mentor the optimal assignment
 * gives them; every other line is an eligible mentor with a place still
 * free after that assignment, by score; so all first lines together never
 * pass a mentor's capacity, and a later line is never a place the
 * assignment gave to someone else. */
static void test_realistic_against_the_assignment(void) {
  GRand *rng = g_rand_new_with_seed(17);
  g_autoptr(MmConfig) config = mm_config_new();
  guint lines = 0;
  for (guint round = 0; round < 40; round++) {
    guint n = (guint)g_rand_int_range(rng, 10, 60);
    guint m = (guint)g_rand_int_range(rng, 4, 25);
    g_autofree char *mentees = mm_test_random_csv(rng, MM_SIDE_MENTEE, n, m);
    g_autofree char *mentors = mm_test_random_csv(rng, MM_SIDE_MENTOR, m, m);
    g_autoptr(MmPool) pool = mm_test_pool_from_csv(mentees, mentors);
    g_autoptr(MmMatching) matching = mm_match(pool, config, NULL, NULL);
    g_autoptr(MmRecommendOptions) options = mm_recommend_options_new();
    mm_recommend_options_set_realistic(options, TRUE);
    mm_recommend_options_set_top(options, 4);
    g_autoptr(MmShortlist) list = mm_recommend_with(pool, config, options);
    guint *left = g_new(guint, m), *first = g_new0(guint, m);
    for (guint j = 0; j < m; j++)
      left[j] = mm_pool_mentor_capacity(pool, j);
    for (guint i = 0; i < n; i++)
      if (mm_matching_mentor(matching, i) >= 0)
        left[mm_matching_mentor(matching, i)]--;
    double *scores = g_new(double, m);
    guint32 *broken = g_new(guint32, m);
    for (guint i = 0; i < n; i++) {
      gint given = mm_matching_mentor(matching, i);
      guint length = mm_shortlist_length(list, i);
      mm_score_mentee(pool, config, i, scores, broken);
      for (guint r = 0; r < length; r++, lines++) {
        guint j = mm_shortlist_mentor(list, i, r);
        if (r == 0 && given >= 0) {
          CU_ASSERT_EQUAL(j, (guint)given);
          first[j]++;
          continue;
        }
        CU_ASSERT_EQUAL(broken[j], 0);
        CU_ASSERT_TRUE(left[j] > 0);
        CU_ASSERT_NOT_EQUAL((gint)j, given);
        if (r > (given >= 0 ? 1u : 0u)) /* by score after the first */
          CU_ASSERT_TRUE(mm_i_score_to_units(scores[j]) <=
                         mm_i_score_to_units(
                             scores[mm_shortlist_mentor(list, i, r - 1)]));
      }
      if (given < 0 && length == 0)
        CU_ASSERT_STRING_EQUAL(mm_shortlist_reason(list, i),
                               mm_matching_reason(matching, i));
    }
    for (guint j = 0; j < m; j++)
      CU_ASSERT_TRUE(first[j] <= mm_pool_mentor_capacity(pool, j));
    g_free(left);
    g_free(first);
    g_free(scores);
    g_free(broken);
  }
  if (g_getenv("MM_TEST_VERBOSE"))
    fprintf(stderr, "realistic: %u lines checked\n", lines);
  CU_ASSERT_TRUE(lines > 100);
  g_rand_free(rng);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_order_and_ties),
      MM_TEST(test_top_k),
      MM_TEST(test_every_mentee),
      MM_TEST(test_no_eligible_reason),
      MM_TEST(test_natural_and_previous),
      MM_TEST(test_random_against_sort),
      MM_TEST(test_realistic_against_the_assignment),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("recommend", tests);
}
