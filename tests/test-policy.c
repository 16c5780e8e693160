/* test-policy.c: the matching policy of the contract (docs/) version 2, checked from the
 * outside on random pools against independent methods.
 *
 * - The value of a pair is recomputed here from the CSV text the pool was
 *   read from (named places, weeks waited, priority) and the explainer's
 *   score, by the formula the contract (docs/) fixes; the matcher must agree.
 * - Exhaustive search over every assignment of tiny pools gives the best
 *   objective under prefer = quality and prefer = count; the optimal mode
 *   must reach it, and no mode may pass it.
 * - The named-choice guarantee: nobody unmatched, or with a mentor they did
 *   not name, while one of their named mentors is eligible with a free
 *   place, in every mode and objective.
 * - Equity: exchanging gender, ethnicity and religion between people when
 *   nobody stated a wish about them moves no score and no assignment.
 * - Missing data: filling in a mentor's missing value with any valid value
 *   never lowers a pair's score. */
#include "test-common.h"
#include "match-private.h" /* MmPins: which mentor a pin keeps */

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const MmMode all_modes[] = {MM_MODE_OPTIMAL, MM_MODE_STABLE,
                                   MM_MODE_GREEDY};
static const MmPrefer all_prefers[] = {MM_PREFER_QUALITY, MM_PREFER_COUNT};

/* ---- CSV text as the tests generate it: no field holds a comma ---- */

typedef struct {
  GPtrArray *rows; /* of GStrv fields; rows[0] is the header */
} Table;

static Table table_parse(const char *csv) {
  Table t = {g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev)};
  g_auto(GStrv) lines = g_strsplit(csv, "\n", -1);
  for (guint k = 0; lines[k] != NULL; k++)
    if (lines[k][0] != '\0')
      g_ptr_array_add(t.rows, g_strsplit(lines[k], ",", -1));
  return t;
}

static char *table_text(const Table *t) {
  GString *out = g_string_new(NULL);
  for (guint r = 0; r < t->rows->len; r++) {
    g_autofree char *line =
        g_strjoinv(",", (GStrv)g_ptr_array_index(t->rows, r));
    g_string_append_printf(out, "%s\n", line);
  }
  return g_string_free(out, FALSE);
}

static void table_clear(Table *t) { g_ptr_array_unref(t->rows); }

static guint table_column(const Table *t, const char *name) {
  GStrv header = g_ptr_array_index(t->rows, 0);
  for (guint c = 0; header[c] != NULL; c++)
    if (strcmp(header[c], name) == 0)
      return c;
  CU_FAIL_FATAL("no such column");
  return 0;
}

/* Field @name of person @i (0-based, after the header). */
static const char *table_get(const Table *t, guint i, const char *name) {
  return ((GStrv)g_ptr_array_index(t->rows, i + 1))[table_column(t, name)];
}

static void table_set(Table *t, guint i, guint column, const char *value) {
  GStrv row = g_ptr_array_index(t->rows, i + 1);
  g_free(row[column]);
  row[column] = g_strdup(value);
}

/* ---- a random pool with its text ---- */

typedef struct {
  Table mentees, mentors;
  MmPool *pool;
} Case;

static MmPool *pool_of(const Table *mentees, const Table *mentors) {
  g_autofree char *a = table_text(mentees);
  g_autofree char *b = table_text(mentors);
  return mm_test_pool_from_csv(a, b);
}

static Case case_new(guint32 seed, guint n, guint m, gboolean no_wishes) {
  GRand *rng = g_rand_new_with_seed(seed);
  g_autofree char *a =
      mm_test_random_csv_shaped(rng, MM_SIDE_MENTEE, n, m, no_wishes);
  g_autofree char *b =
      mm_test_random_csv_shaped(rng, MM_SIDE_MENTOR, m, m, no_wishes);
  g_rand_free(rng);
  Case c = {table_parse(a), table_parse(b), NULL};
  c.pool = pool_of(&c.mentees, &c.mentors);
  return c;
}

static void case_clear(Case *c) {
  table_clear(&c->mentees);
  table_clear(&c->mentors);
  mm_pool_free(c->pool);
}

/* ---- the value of a pair, by the contract (docs/)'s formula ---- */

/* A term of the value in hundredths, half away from zero (terms are >= 0). */
static gint64 hundredths(double points) {
  return (gint64)floor(points * 100.0 + 0.5);
}

/* 0-based place of mentor id @mentor among the young person's named
 * mentors (each counted once, first place kept), or -1. */
static gint named_place_in_text(const char *named, const char *mentor) {
  g_auto(GStrv) ids = g_strsplit(named, ";", -1);
  gint place = 0;
  for (guint k = 0; ids[k] != NULL; k++) {
    if (ids[k][0] == '\0')
      continue;
    gboolean repeat = FALSE;
    for (guint e = 0; e < k; e++)
      repeat |= strcmp(ids[e], ids[k]) == 0;
    if (repeat)
      continue;
    if (strcmp(ids[k], mentor) == 0)
      return place;
    place++;
  }
  return -1;
}

static guint weeks_waited(const char *since) {
  if (since[0] == '\0')
    return 0;
  GDate from, to;
  g_date_clear(&from, 1);
  g_date_clear(&to, 1);
  g_date_set_parse(&from, since);
  g_date_set_parse(&to, MM_TEST_AS_OF);
  CU_ASSERT_TRUE_FATAL(g_date_valid(&from) && g_date_valid(&to));
  return MIN((guint)g_date_days_between(&from, &to) / 7, 52);
}

/* The value of pair (i, j) in hundredths, or -1 when it breaks a rule. */
static gint64 value_of(const Case *c, const MmConfig *config, guint i,
                       guint j) {
  g_autoptr(MmExplanation) e = mm_explain_pair(c->pool, config, i, j);
  if (mm_explanation_broken_rules(e) != 0)
    return -1;
  gint64 value = hundredths(mm_explanation_score(e));
  gint place = named_place_in_text(table_get(&c->mentees, i, "preferred_mentors"),
                                   mm_pool_mentor_id(c->pool, j));
  if (place >= 0)
    value += hundredths(mm_config_get_bonus(config, MM_BONUS_CHOICE) *
                        pow(0.75, place));
  value += hundredths(mm_config_get_bonus(config, MM_BONUS_WAITING) *
                      weeks_waited(table_get(&c->mentees, i, "waiting_since")));
  if (mm_config_get_prefer(config) == MM_PREFER_QUALITY) {
    guint priority = (guint)atoi(table_get(&c->mentees, i, "priority"));
    value += hundredths(mm_config_get_bonus(config, MM_BONUS_PRIORITY) *
                        priority) +
             hundredths(mm_config_get_bonus(config, MM_BONUS_MATCH));
  }
  return value;
}

/* ---- configs to try ---- */

static MmConfig *config_for(guint32 seed, MmPrefer prefer) {
  static const double choice[] = {100, 0, 37.5, 250};
  static const double waiting[] = {0.5, 0, 3};
  static const double priority[] = {10, 0, 45};
  static const double match[] = {0, 0, 30};
  MmConfig *config = mm_config_new();
  mm_config_set_prefer(config, prefer);
  CU_ASSERT_TRUE(mm_config_set_bonus(config, MM_BONUS_CHOICE,
                                     choice[seed % 4], NULL));
  CU_ASSERT_TRUE(mm_config_set_bonus(config, MM_BONUS_WAITING,
                                     waiting[seed % 3], NULL));
  CU_ASSERT_TRUE(mm_config_set_bonus(config, MM_BONUS_PRIORITY,
                                     priority[seed / 3 % 3], NULL));
  CU_ASSERT_TRUE(mm_config_set_bonus(config, MM_BONUS_MATCH,
                                     match[seed / 5 % 3], NULL));
  /* a lower floor now and then, so that tiny pools have pairs to weigh */
  if (seed % 2)
    CU_ASSERT_TRUE(mm_config_set_min_score(config, 20.0, NULL));
  return config;
}

static MmMatching *run(const MmPool *pool, const MmConfig *config, MmMode mode,
                       const MmPins *pins) {
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_mode(options, mode);
  mm_match_options_set_pins(options, pins);
  mm_match_options_set_threads(options, 1);
  return mm_match(pool, config, options, NULL);
}

/* ---- the named-choice guarantee, from the outside ---- */

static void check_named_choices(const Case *c, const MmConfig *config,
                                const MmMatching *r) {
  guint n = mm_pool_n_mentees(c->pool), m = mm_pool_n_mentors(c->pool);
  guint *load = g_new0(guint, m);
  for (guint i = 0; i < n; i++)
    if (mm_matching_mentor(r, i) >= 0)
      load[mm_matching_mentor(r, i)]++;
  for (guint i = 0; i < n; i++) {
    if (mm_matching_status(r, i) == MM_STATUS_PINNED)
      continue;
    const char *named = table_get(&c->mentees, i, "preferred_mentors");
    gint mine = mm_matching_mentor(r, i);
    if (mine >= 0 &&
        named_place_in_text(named, mm_pool_mentor_id(c->pool, (guint)mine)) >= 0)
      continue;
    for (guint j = 0; j < m; j++) {
      if (named_place_in_text(named, mm_pool_mentor_id(c->pool, j)) < 0 ||
          value_of(c, config, i, j) < 0)
        continue;
      CU_ASSERT_TRUE(load[j] >= mm_pool_mentor_capacity(c->pool, j));
    }
  }
  g_free(load);
}

/* ---- exhaustive search ---- */

/* An objective as a vector compared from the first entry: under count, the
 * number matched, then matched at priority 3, 2, 1, 0, then total value;
 * under quality, the total value alone (the other entries left 0). */
#define OBJECTIVE_LEN 6

typedef struct {
  const Case *c;
  guint n, m;
  gboolean count_first;
  gint64 *value; /* n x m, -1 ineligible */
  guint *capacity, *priority, *load;
  gint *pinned, *current;
  gint64 best[OBJECTIVE_LEN];
  gboolean have_best;
} Search;

static void objective_of(const Search *s, const gint *mentor_of,
                         gint64 out[OBJECTIVE_LEN]) {
  memset(out, 0, sizeof(gint64) * OBJECTIVE_LEN);
  for (guint i = 0; i < s->n; i++) {
    if (mentor_of[i] < 0 || s->pinned[i] >= 0)
      continue;
    if (s->count_first) {
      out[0]++;
      out[1 + 3 - s->priority[i]]++;
    }
    out[OBJECTIVE_LEN - 1] += s->value[i * s->m + (guint)mentor_of[i]];
  }
}

static int objective_compare(const gint64 *a, const gint64 *b) {
  for (guint k = 0; k < OBJECTIVE_LEN; k++)
    if (a[k] != b[k])
      return a[k] < b[k] ? -1 : 1;
  return 0;
}

static void search(Search *s, guint i) {
  if (i == s->n) {
    gint64 o[OBJECTIVE_LEN];
    objective_of(s, s->current, o);
    if (!s->have_best || objective_compare(o, s->best) > 0) {
      memcpy(s->best, o, sizeof o);
      s->have_best = TRUE;
    }
    return;
  }
  s->current[i] = s->pinned[i];
  search(s, i + 1);
  if (s->pinned[i] >= 0)
    return;
  for (guint j = 0; j < s->m; j++) {
    if (s->value[i * s->m + j] < 0 || s->load[j] >= s->capacity[j])
      continue;
    s->load[j]++;
    s->current[i] = (gint)j;
    search(s, i + 1);
    s->load[j]--;
    s->current[i] = -1;
  }
}

/* Hundreds of pools of up to 7 young people and 5 mentors, a third with a
 * pin, under both objectives and a range of bonuses. */
static void test_modes_against_exhaustive_search(void) {
  guint exact = 0, moved = 0;
  for (guint32 seed = 100; seed < 340; seed++) {
    Case c = case_new(seed, 2 + seed % 6, 1 + (seed / 6) % 5, FALSE);
    guint n = mm_pool_n_mentees(c.pool), m = mm_pool_n_mentors(c.pool);
    MmPins *pins = mm_pins_new(c.pool);
    if (seed % 3 == 0)
      mm_pins_add(pins, mm_pool_mentee_id(c.pool, 0),
                  mm_pool_mentor_id(c.pool, 0), "pins", 1, NULL);
    for (guint p = 0; p < G_N_ELEMENTS(all_prefers); p++) {
      MmConfig *config = config_for(seed, all_prefers[p]);
      Search s = {.c = &c, .n = n, .m = m,
                  .count_first = all_prefers[p] == MM_PREFER_COUNT};
      s.value = g_new(gint64, n * m);
      s.capacity = g_new(guint, m);
      s.priority = g_new(guint, n);
      s.load = g_new0(guint, m);
      s.pinned = g_new(gint, n);
      s.current = g_new(gint, n);
      for (guint j = 0; j < m; j++)
        s.capacity[j] = mm_pool_mentor_capacity(c.pool, j);
      for (guint i = 0; i < n; i++) {
        s.priority[i] = (guint)atoi(table_get(&c.mentees, i, "priority"));
        s.pinned[i] = pins->pinned_mentor[i];
        if (s.pinned[i] >= 0)
          s.load[s.pinned[i]]++;
        for (guint j = 0; j < m; j++)
          s.value[i * m + j] = value_of(&c, config, i, j);
      }
      search(&s, 0);
      for (guint k = 0; k < G_N_ELEMENTS(all_modes); k++) {
        MmMatching *r = run(c.pool, config, all_modes[k], pins);
        gint *mentor_of = g_new(gint, n);
        for (guint i = 0; i < n; i++) {
          mentor_of[i] = mm_matching_mentor(r, i);
          /* every matched pair is eligible, with the value computed here */
          if (mentor_of[i] >= 0 &&
              mm_matching_status(r, i) == MM_STATUS_MATCHED) {
            gint64 want = s.value[i * m + (guint)mentor_of[i]];
            CU_ASSERT_TRUE(want >= 0);
            CU_ASSERT_EQUAL(hundredths(mm_matching_value(r, i)), want);
          }
        }
        gint64 got[OBJECTIVE_LEN];
        objective_of(&s, mentor_of, got);
        int cmp = objective_compare(got, s.best);
        CU_ASSERT_TRUE(cmp <= 0); /* no mode passes the best */
        if (all_modes[k] == MM_MODE_OPTIMAL) {
          /* exact, unless the named-choice guarantee had to move someone
           * after the solve */
          if (mm_matching_named_moves(r) == 0) {
            CU_ASSERT_EQUAL(cmp, 0);
            exact++;
          } else {
            moved++;
          }
        }
        check_named_choices(&c, config, r);
        g_free(mentor_of);
        mm_matching_free(r);
      }
      g_free(s.value);
      g_free(s.capacity);
      g_free(s.priority);
      g_free(s.load);
      g_free(s.pinned);
      g_free(s.current);
      mm_config_free(config);
    }
    mm_pins_free(pins);
    case_clear(&c);
  }
  /* the search compared almost every case, and the guarantee was needed
   * in some */
  if (g_getenv("MM_TEST_VERBOSE"))
    fprintf(stderr, "optimal exact in %u cases, moved after the solve in %u\n",
            exact, moved);
  CU_ASSERT_TRUE(exact > 20 * moved);
  CU_ASSERT_TRUE(exact >= 400);
}

/* The guarantee on larger pools, where its moves can cascade. */
static void test_named_choices_honoured_on_random_pools(void) {
  guint moves = 0;
  for (guint32 seed = 500; seed < 530; seed++) {
    Case c = case_new(seed, 20 + seed % 40, 3 + seed % 9, FALSE);
    for (guint p = 0; p < G_N_ELEMENTS(all_prefers); p++) {
      MmConfig *config = config_for(seed, all_prefers[p]);
      for (guint k = 0; k < G_N_ELEMENTS(all_modes); k++) {
        MmMatching *r = run(c.pool, config, all_modes[k], NULL);
        check_named_choices(&c, config, r);
        moves += mm_matching_named_moves(r);
        mm_matching_free(r);
      }
      mm_config_free(config);
    }
    case_clear(&c);
  }
  CU_ASSERT_TRUE(moves > 0); /* the guarantee was put to work */
}

/* ---- equity: exchanging protected characteristics moves nothing ---- */

/* Deals the values of @column out again among the rows, in a random order. */
static void shuffle_column(Table *t, const char *name, GRand *rng) {
  guint column = table_column(t, name), n = t->rows->len - 1;
  GPtrArray *values = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add(values, g_strdup(table_get(t, i, name)));
  for (guint i = n; i > 1; i--) {
    guint k = (guint)g_rand_int_range(rng, 0, (gint32)i);
    gpointer tmp = values->pdata[i - 1];
    values->pdata[i - 1] = values->pdata[k];
    values->pdata[k] = tmp;
  }
  for (guint i = 0; i < n; i++)
    table_set(t, i, column, g_ptr_array_index(values, i));
  g_ptr_array_unref(values);
}

/* Every pair's score and broken rules in @a equal those in @b. */
static guint compare_scores(const MmPool *a, const MmPool *b,
                            const MmConfig *config, gboolean want_equal) {
  guint n = mm_pool_n_mentees(a), m = mm_pool_n_mentors(a), lower = 0;
  double *sa = g_new(double, m), *sb = g_new(double, m);
  guint32 *ba = g_new(guint32, m), *bb = g_new(guint32, m);
  for (guint i = 0; i < n; i++) {
    mm_score_mentee(a, config, i, sa, ba);
    mm_score_mentee(b, config, i, sb, bb);
    for (guint j = 0; j < m; j++) {
      if (want_equal) {
        CU_ASSERT_EQUAL(sa[j], sb[j]);
        CU_ASSERT_EQUAL(ba[j], bb[j]);
      }
      lower += sb[j] < sa[j];
    }
  }
  g_free(sa);
  g_free(sb);
  g_free(ba);
  g_free(bb);
  return lower;
}

/* Pools where nobody states a wish about gender, ethnicity or religion:
 * the values of each are dealt out again among the young people and among
 * the mentors, and nothing may move in any mode or objective. */
static void test_protected_characteristics_move_nothing_without_wishes(void) {
  static const char *const protected[] = {"gender", "ethnicity", "religion"};
  guint changed_people = 0;
  for (guint32 seed = 700; seed < 730; seed++) {
    Case c = case_new(seed, 15 + seed % 30, 3 + seed % 10, TRUE);
    GRand *rng = g_rand_new_with_seed(seed);
    g_autofree char *text_a = table_text(&c.mentees);
    g_autofree char *text_b = table_text(&c.mentors);
    Table mentees = table_parse(text_a), mentors = table_parse(text_b);
    for (guint k = 0; k < G_N_ELEMENTS(protected); k++) {
      shuffle_column(&mentees, protected[k], rng);
      shuffle_column(&mentors, protected[k], rng);
    }
    for (guint i = 0; i < mentees.rows->len - 1; i++)
      for (guint k = 0; k < G_N_ELEMENTS(protected); k++)
        changed_people += strcmp(table_get(&mentees, i, protected[k]),
                                 table_get(&c.mentees, i, protected[k])) != 0;
    MmPool *swapped = pool_of(&mentees, &mentors);
    for (guint p = 0; p < G_N_ELEMENTS(all_prefers); p++) {
      MmConfig *config = config_for(seed, all_prefers[p]);
      compare_scores(c.pool, swapped, config, TRUE);
      for (guint k = 0; k < G_N_ELEMENTS(all_modes); k++) {
        MmMatching *before = run(c.pool, config, all_modes[k], NULL);
        MmMatching *after = run(swapped, config, all_modes[k], NULL);
        for (guint i = 0; i < mm_pool_n_mentees(c.pool); i++)
          CU_ASSERT_EQUAL(mm_matching_mentor(before, i),
                          mm_matching_mentor(after, i));
        mm_matching_free(before);
        mm_matching_free(after);
      }
      mm_config_free(config);
    }
    mm_pool_free(swapped);
    table_clear(&mentees);
    table_clear(&mentors);
    g_rand_free(rng);
    case_clear(&c);
  }
  CU_ASSERT_TRUE(changed_people > 300); /* the exchange changed people */
}

/* The same exchange where people do state wishes must move something: the
 * test above can tell. */
static void test_protected_characteristics_count_through_wishes(void) {
  guint lower = 0;
  for (guint32 seed = 700; seed < 710; seed++) {
    Case c = case_new(seed, 30, 8, FALSE);
    GRand *rng = g_rand_new_with_seed(seed);
    g_autofree char *text = table_text(&c.mentors);
    Table mentors = table_parse(text);
    shuffle_column(&mentors, "gender", rng);
    MmPool *swapped = pool_of(&c.mentees, &mentors);
    MmConfig *config = mm_config_new();
    lower += compare_scores(c.pool, swapped, config, FALSE);
    mm_config_free(config);
    mm_pool_free(swapped);
    table_clear(&mentors);
    g_rand_free(rng);
    case_clear(&c);
  }
  CU_ASSERT_TRUE(lower > 0);
}

/* ---- missing data never raises a score ---- */

/* Mentor columns a record can leave empty, with values to fill them with
 * (ethnicity is quoted in the generated text; lat and lon go together). */
static const struct {
  const char *column;
  const char *empty;
  const char *values[3];
} fillable[] = {
    {"gender", "", {"female", "male", "non-binary"}},
    {"ethnicity", "\"\"", {"\"White: British\"", "\"Black: African\"", "\"Asian\""}},
    {"religion", "", {"muslim", "none", "christian"}},
    {"languages", "", {"English", "Somali;Urdu", "Polish"}},
    {"interests", "", {"football", "art;dance;music", "gaming"}},
    {"care_experienced", "", {"yes", "no", NULL}},
    {"lat", "", {"51.5000", "51.6500", "53.8000"}},
    {"availability", "", {"sat-am", "mon-eve;sun-pm", "wed-eve"}},
    {"skills", "", {"sen", "trauma-informed;mental-health", "employability"}},
    {"sectors", "", {"health", "digital;construction", NULL}},
    {"remote", "", {"yes", "no", NULL}},
    {"max_distance_km", "", {"5", "12.5", "80"}},
};

static void test_filling_in_missing_mentor_data_never_lowers_a_score(void) {
  guint filled = 0, lower = 0;
  for (guint32 seed = 800; seed < 812; seed++) {
    Case c = case_new(seed, 25, 6, FALSE);
    MmConfig *config = mm_config_new();
    for (guint j = 0; j < mm_pool_n_mentors(c.pool); j++) {
      for (guint f = 0; f < G_N_ELEMENTS(fillable); f++) {
        if (strcmp(table_get(&c.mentors, j, fillable[f].column),
                   fillable[f].empty) != 0)
          continue;
        for (guint v = 0; v < 3 && fillable[f].values[v] != NULL; v++) {
          g_autofree char *text = table_text(&c.mentors);
          Table mentors = table_parse(text);
          table_set(&mentors, j, table_column(&mentors, fillable[f].column),
                    fillable[f].values[v]);
          if (strcmp(fillable[f].column, "lat") == 0)
            table_set(&mentors, j, table_column(&mentors, "lon"), "-2.6000");
          MmPool *more = pool_of(&c.mentees, &mentors);
          lower += compare_scores(c.pool, more, config, FALSE);
          filled++;
          mm_pool_free(more);
          table_clear(&mentors);
        }
      }
    }
    mm_config_free(config);
    case_clear(&c);
  }
  CU_ASSERT_EQUAL(lower, 0);
  CU_ASSERT_TRUE(filled > 100);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_modes_against_exhaustive_search),
      MM_TEST(test_named_choices_honoured_on_random_pools),
      MM_TEST(test_protected_characteristics_move_nothing_without_wishes),
      MM_TEST(test_protected_characteristics_count_through_wishes),
      MM_TEST(test_filling_in_missing_mentor_data_never_lowers_a_score),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("policy", tests);
}
