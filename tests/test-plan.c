/* test-plan.c: which mentors to recruit next (lib/plan*.c, `mentormatch
 * plan`).
 *
 * The claim checked from outside (the contract (docs/), `plan`): appending the first k
 * proposed mentors to the mentor file and matching with the same config,
 * pins and as-of date gives exactly the claimed cumulative gains. Here on
 * random pools in memory (every config shape that changes what is exact:
 * quality, count, ties from a zero floor and no choice bonus, a match
 * bonus, pins) and through the CLI by pasting the rows into the file; a
 * hand-worked pool whose best recruit is plain; bounds, errors and JSON. */
#include "test-common.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

/* Young people matched by the solver (not pinned) and the total value of
 * their pairs in hundredths, as `match` reports them. */
typedef struct {
  guint matched;
  gint64 value;
} Numbers;

static Numbers numbers_of(const MmMatching *matching, guint n) {
  Numbers x = {0, 0};
  for (guint i = 0; i < n; i++) {
    if (mm_matching_status(matching, i) != MM_STATUS_MATCHED)
      continue;
    x.matched++;
    x.value += (gint64)llround(mm_matching_value(matching, i) * 100);
  }
  return x;
}

static gint64 units(double value) { return (gint64)llround(value * 100); }

/* A CSV field for @text (quoted when it must be). */
static void append_field(GString *out, const char *text) {
  if (strpbrk(text, ",\"\n") == NULL) {
    g_string_append(out, text);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *p = text; *p != '\0'; p++) {
    if (*p == '"')
      g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

/* @mentors_csv with the first @k proposals appended as rows, in the
 * columns of its own header (a plain header: names without quotes). */
static char *mentors_with_proposals(const char *mentors_csv, const MmPlan *plan,
                                    guint k) {
  const char *end = strchr(mentors_csv, '\n');
  g_autofree char *header_line = g_strndup(mentors_csv, (gsize)(end - mentors_csv));
  g_auto(GStrv) header = g_strsplit(header_line, ",", -1);
  GString *out = g_string_new(mentors_csv);
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c(out, '\n');
  for (guint r = 0; r < k; r++) {
    for (guint c = 0; header[c] != NULL; c++) {
      if (c > 0)
        g_string_append_c(out, ',');
      const char *text = mm_plan_mentor_value(plan, r, header[c]);
      append_field(out, text != NULL ? text : "");
    }
    g_string_append_c(out, '\n');
  }
  return g_string_free(out, FALSE);
}

typedef struct {
  const char *mentee;
  const char *mentor;
} PinPair;

static MmPins *pins_for(MmPool *pool, const PinPair *pairs, guint n) {
  if (n == 0)
    return NULL;
  MmPins *pins = mm_pins_new(pool);
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  /* a pin of a match that has ended is not kept (a warning), the same
   * for the plan and for the check */
  for (guint k = 0; k < n; k++)
    mm_pins_add(pins, pairs[k].mentee, pairs[k].mentor, "pins.csv", k + 2,
                diags);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  return pins;
}

/* What `match` gives for the pool with the first @k proposals appended. */
static Numbers match_with(const char *mentees_csv, const char *mentors_csv,
                          const MmPlan *plan, guint k, const MmConfig *config,
                          const PinPair *pins, guint n_pins) {
  g_autofree char *mentors = mentors_with_proposals(mentors_csv, plan, k);
  MmPool *pool = mm_test_pool_from_csv(mentees_csv, mentors);
  MmPins *p = pins_for(pool, pins, n_pins);
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_pins(options, p);
  MmMatching *matching = mm_match(pool, config, options, NULL);
  Numbers x = numbers_of(matching, mm_pool_n_mentees(pool));
  mm_matching_free(matching);
  mm_pins_free(p);
  mm_pool_free(pool);
  return x;
}

/* Checks every claim of @plan against a fresh match of the pool with the
 * proposals appended, one by one. Returns the proposals checked. */
static guint check_claims(const char *mentees_csv, const char *mentors_csv,
                          const MmPlan *plan, const MmConfig *config,
                          const PinPair *pins, guint n_pins) {
  MmPlanSummary s = mm_plan_summary(plan);
  Numbers before = match_with(mentees_csv, mentors_csv, plan, 0, config, pins,
                              n_pins);
  CU_ASSERT_EQUAL(before.matched, s.matched_before);
  CU_ASSERT_EQUAL(before.value, units(s.value_before));
  for (guint k = 0; k < mm_plan_n_proposals(plan); k++) {
    Numbers after = match_with(mentees_csv, mentors_csv, plan, k + 1, config,
                               pins, n_pins);
    gint gained = (gint)after.matched - (gint)before.matched;
    gint64 value = after.value - before.value;
    CU_ASSERT_EQUAL(gained, mm_plan_young_people_gained(plan, k));
    CU_ASSERT_EQUAL(value, units(mm_plan_value_gained(plan, k)));
    if (gained != mm_plan_young_people_gained(plan, k) ||
        value != units(mm_plan_value_gained(plan, k)))
      fprintf(stderr, "\n  proposal %u: claimed %+d, %+.2f; match %+d, %+.2f\n",
              k + 1, mm_plan_young_people_gained(plan, k),
              mm_plan_value_gained(plan, k), gained, value / 100.0);
    before = after;
  }
  CU_ASSERT_EQUAL(before.matched, s.matched_after);
  CU_ASSERT_EQUAL(before.value, units(s.value_after));
  return mm_plan_n_proposals(plan);
}

static MmPlan *plan_of(MmPool *pool, const MmConfig *config, guint recruit,
                       const MmPins *pins, guint threads) {
  g_autoptr(MmPlanOptions) options = mm_plan_options_new();
  CU_ASSERT_TRUE(mm_plan_options_set_recruit(options, recruit));
  mm_plan_options_set_pins(options, pins);
  mm_plan_options_set_threads(options, threads);
  GError *error = NULL;
  MmPlan *plan = mm_plan(pool, config, options, &error);
  CU_ASSERT_PTR_NOT_NULL(plan);
  if (error != NULL) {
    fprintf(stderr, "\n  %s\n", error->message);
    g_error_free(error);
  }
  return plan;
}

/* ---- random pools: every claim against a fresh match ---- */

/* The config shapes: 0 the defaults; 1 prefer = count; 2 a zero floor and
 * no choice bonus (pairs worth 0 and named mentors worth no more than
 * strangers: ties and named-choice moves); 3 a match bonus and a low
 * floor. */
static MmConfig *config_shape(guint shape) {
  MmConfig *config = mm_config_new();
  switch (shape % 4) {
  case 1:
    mm_config_set_prefer(config, MM_PREFER_COUNT);
    break;
  case 2:
    CU_ASSERT_TRUE(mm_config_set_min_score(config, 0, NULL));
    CU_ASSERT_TRUE(mm_config_set_bonus(config, MM_BONUS_CHOICE, 0, NULL));
    CU_ASSERT_TRUE(mm_config_set_bonus(config, MM_BONUS_WAITING, 0, NULL));
    CU_ASSERT_TRUE(mm_config_set_bonus(config, MM_BONUS_PRIORITY, 0, NULL));
    break;
  case 3:
    CU_ASSERT_TRUE(mm_config_set_bonus(config, MM_BONUS_MATCH, 50, NULL));
    CU_ASSERT_TRUE(mm_config_set_min_score(config, 20, NULL));
    break;
  default:
    break;
  }
  return config;
}

static void test_random_claims_exact(void) {
  guint proposals = 0, pools = 0, by_match = 0, with_pins = 0;
  for (guint seed = 1; seed <= 48; seed++) {
    GRand *rng = g_rand_new_with_seed(seed * 7919);
    guint n_mentors = (guint)g_rand_int_range(rng, 3, 14);
    guint n_mentees = (guint)g_rand_int_range(rng, 15, 50);
    g_autofree char *mentors =
        mm_test_random_csv(rng, MM_SIDE_MENTOR, n_mentors, n_mentors);
    g_autofree char *mentees =
        mm_test_random_csv(rng, MM_SIDE_MENTEE, n_mentees, n_mentors);
    g_rand_free(rng);
    g_autoptr(MmConfig) config = config_shape(seed);
    /* every third pool keeps two existing matches */
    const PinPair pins[] = {{"YP0", "M0"}, {"YP1", "M1"}};
    guint n_pins = seed % 3 == 0 && n_mentors >= 2 ? 2 : 0;
    with_pins += n_pins > 0;
    MmPool *pool = mm_test_pool_from_csv(mentees, mentors);
    MmPins *p = pins_for(pool, pins, n_pins);
    MmPlan *plan = plan_of(pool, config, 3, p, 0);
    if (plan != NULL) {
      proposals += check_claims(mentees, mentors, plan, config, pins, n_pins);
      by_match += mm_plan_summary(plan).confirmed_by_match > 0;
      pools++;
      /* each proposal takes the next id and is a valid, cleared mentor */
      for (guint k = 0; k < mm_plan_n_proposals(plan); k++) {
        g_autofree char *id = g_strdup_printf("PLAN-%u", k + 1);
        CU_ASSERT_STRING_EQUAL(mm_plan_mentor_value(plan, k, "id"), id);
        CU_ASSERT_STRING_EQUAL(mm_plan_mentor_value(plan, k, "checks_cleared"),
                               "yes");
        CU_ASSERT_STRING_EQUAL(mm_plan_mentor_value(plan, k, "training_hours"),
                               "3");
        CU_ASSERT_STRING_EQUAL(mm_plan_mentor_value(plan, k, "capacity"), "3");
        CU_ASSERT_STRING_NOT_EQUAL(
            mm_plan_mentor_value(plan, k, "mentor_type"), "natural");
        CU_ASSERT_TRUE(mm_plan_young_people_gained(plan, k) > 0 ||
                       mm_plan_value_gained(plan, k) > 0);
      }
    }
    mm_plan_free(plan);
    mm_pins_free(p);
    mm_pool_free(pool);
  }
  CU_ASSERT_EQUAL(pools, 48);
  /* not vacuous: many proposals, both kinds of proof, pins */
  CU_ASSERT_TRUE(proposals >= 60);
  CU_ASSERT_TRUE(with_pins >= 10);
  printf("\n  %u proposals on %u pools checked; %u pools needed match's own "
         "numbers (ties)\n",
         proposals, pools, by_match);
}

/* The same plan whatever the thread count, and run after run. */
static void test_deterministic(void) {
  GRand *rng = g_rand_new_with_seed(424242);
  g_autofree char *mentors = mm_test_random_csv(rng, MM_SIDE_MENTOR, 8, 8);
  g_autofree char *mentees = mm_test_random_csv(rng, MM_SIDE_MENTEE, 60, 8);
  g_rand_free(rng);
  MmPool *pool = mm_test_pool_from_csv(mentees, mentors);
  g_autoptr(MmConfig) config = mm_config_new();
  MmPlan *a = plan_of(pool, config, 4, NULL, 1);
  MmPlan *b = plan_of(pool, config, 4, NULL, 3);
  CU_ASSERT_EQUAL_FATAL(mm_plan_n_proposals(a), mm_plan_n_proposals(b));
  CU_ASSERT_TRUE(mm_plan_n_proposals(a) > 0);
  for (guint k = 0; k < mm_plan_n_proposals(a); k++) {
    CU_ASSERT_EQUAL(mm_plan_young_people_gained(a, k),
                    mm_plan_young_people_gained(b, k));
    CU_ASSERT_EQUAL(mm_plan_value_gained(a, k), mm_plan_value_gained(b, k));
    for (const char *const *c = mm_plan_mentor_columns(); *c != NULL; c++)
      CU_ASSERT_STRING_EQUAL(mm_plan_mentor_value(a, k, *c),
                             mm_plan_mentor_value(b, k, *c));
  }
  mm_plan_free(a);
  mm_plan_free(b);
  mm_pool_free(pool);
}

/* ---- a hand-worked pool ---- */

/* Four boys of 15 in one place, care-experienced, who all require a female
 * mentor; the only mentor is a man. Nobody can be matched, so the best
 * recruit is plain: a woman near them who shares what they share. Their
 * pair with her scores 100: interests 3 of 3 (weight 3), care experience
 * (3, their own, no wish stated), gender as asked (2 x 2), age gap 20
 * inside 6-35 (2), a language in common (1), both their slots (2) and no
 * distance (2): every criterion that applies at 1. No waiting, priority or
 * match bonus, so each pair is worth 100.00. She takes three (capacity 3):
 * +3 young people, +300.00; the fourth needs a second such mentor: +1,
 * +100.00; then nobody is waiting. */
static const char *const hand_mentees =
    "id,age,gender,languages,interests,care_experienced,lat,lon,availability,"
    "must,pref_gender\n"
    "YP1,15,male,English,music;football;art,yes,53.8000,-1.5500,"
    "sat-pm;sun-pm,gender,female\n"
    "YP2,15,male,English,music;football;art,yes,53.8000,-1.5500,"
    "sat-pm;sun-pm,gender,female\n"
    "YP3,15,male,English,music;football;art,yes,53.8000,-1.5500,"
    "sat-pm;sun-pm,gender,female\n"
    "YP4,15,male,English,music;football;art,yes,53.8000,-1.5500,"
    "sat-pm;sun-pm,gender,female\n";
static const char *const hand_mentors =
    "id,age,gender,ethnicity,religion,languages,interests,care_experienced,"
    "lat,lon,remote,availability,must,capacity,mentor_type,checks_cleared,"
    "training_hours,skills,sectors,max_distance_km,mentee_age_min,"
    "mentee_age_max,pref_mentee_gender\n"
    "M1,35,male,,,English,music;football;art,yes,53.8000,-1.5500,no,"
    "sat-pm;sun-pm,,4,volunteer,yes,5,,,,,,\n";

static void test_hand_worked(void) {
  MmPool *pool = mm_test_pool_from_csv(hand_mentees, hand_mentors);
  g_autoptr(MmConfig) config = mm_config_new();
  MmPlan *plan = plan_of(pool, config, 5, NULL, 0);
  CU_ASSERT_EQUAL_FATAL(mm_plan_n_proposals(plan), 2);
  CU_ASSERT_EQUAL(mm_plan_young_people_gained(plan, 0), 3);
  MM_ASSERT_CLOSE(mm_plan_value_gained(plan, 0), 300.0);
  CU_ASSERT_EQUAL(mm_plan_young_people_gained(plan, 1), 1);
  MM_ASSERT_CLOSE(mm_plan_value_gained(plan, 1), 100.0);
  CU_ASSERT_STRING_EQUAL(mm_plan_stopped(plan),
                         "no young person is waiting any more");
  static const char *const expected[][2] = {
      {"id", "PLAN-1"},          {"age", "35"},
      {"gender", "female"},      {"ethnicity", ""},
      {"languages", "English"},  {"care_experienced", "yes"},
      {"lat", "53.8000"},        {"lon", "-1.5500"},
      {"remote", "no"},          {"availability", "sat-pm;sun-pm"},
      {"capacity", "3"},         {"mentor_type", "volunteer"},
      {"checks_cleared", "yes"}, {"training_hours", "3"},
      {"must", ""},              {"max_distance_km", ""},
  };
  for (guint k = 0; k < G_N_ELEMENTS(expected); k++)
    CU_ASSERT_STRING_EQUAL(mm_plan_mentor_value(plan, 0, expected[k][0]),
                           expected[k][1]);
  /* all three interests, in some order */
  const char *interests = mm_plan_mentor_value(plan, 0, "interests");
  CU_ASSERT_PTR_NOT_NULL(strstr(interests, "music"));
  CU_ASSERT_PTR_NOT_NULL(strstr(interests, "football"));
  CU_ASSERT_PTR_NOT_NULL(strstr(interests, "art"));
  CU_ASSERT_STRING_EQUAL(mm_plan_mentor_value(plan, 1, "id"), "PLAN-2");
  CU_ASSERT_STRING_EQUAL(mm_plan_mentor_value(plan, 1, "gender"), "female");
  CU_ASSERT_PTR_NULL(mm_plan_mentor_value(plan, 0, "no_such_column"));
  CU_ASSERT_EQUAL(mm_plan_made_for(plan, 0), 4);
  CU_ASSERT_PTR_NOT_NULL(strstr(mm_plan_description(plan, 0), "female mentor"));
  MmPlanSummary s = mm_plan_summary(plan);
  CU_ASSERT_EQUAL(s.n_mentees, 4);
  CU_ASSERT_EQUAL(s.waiting, 4);
  CU_ASSERT_EQUAL(s.matched_before, 0);
  CU_ASSERT_EQUAL(s.matched_after, 4);
  MM_ASSERT_CLOSE(s.value_after, 400.0);
  /* the fields add the mentor as the pasted row would */
  gsize n_fields = 0;
  const MmField *fields = mm_plan_mentor_fields(plan, 0, &n_fields);
  CU_ASSERT_TRUE(n_fields >= 12);
  CU_ASSERT_STRING_EQUAL(fields[0].column, "id");
  CU_ASSERT_STRING_EQUAL(fields[0].value, "PLAN-1");
  check_claims(hand_mentees, hand_mentors, plan, config, NULL, 0);
  mm_plan_free(plan);

  /* one at a time: the first alone */
  plan = plan_of(pool, config, 1, NULL, 0);
  CU_ASSERT_EQUAL(mm_plan_n_proposals(plan), 1);
  CU_ASSERT_PTR_NULL(mm_plan_stopped(plan));
  mm_plan_free(plan);
  mm_pool_free(pool);
}

/* Everyone already matched: nothing to propose, and it says so. */
static void test_nobody_waiting(void) {
  static const char *const mentees = "id,age\nYP1,15\nYP2,16\n";
  static const char *const mentors =
      "id,age,checks_cleared,training_hours,capacity\nM1,30,yes,3,2\n";
  MmPool *pool = mm_test_pool_from_csv(mentees, mentors);
  g_autoptr(MmConfig) config = mm_config_new();
  MmPlan *plan = plan_of(pool, config, 5, NULL, 0);
  CU_ASSERT_EQUAL(mm_plan_n_proposals(plan), 0);
  CU_ASSERT_STRING_EQUAL(mm_plan_stopped(plan), "no young person is waiting");
  CU_ASSERT_EQUAL(mm_plan_summary(plan).matched_before, 2);
  mm_plan_free(plan);
  mm_pool_free(pool);
}

/* The ids the proposals take must be free: not a mentor's, not named. */
static void test_id_clash(void) {
  g_autoptr(MmConfig) config = mm_config_new();
  static const char *const mentors =
      "id,age,checks_cleared,training_hours\nPLAN-2,30,yes,3\n";
  MmPool *pool = mm_test_pool_from_csv("id,age\nYP1,15\n", mentors);
  g_autoptr(MmPlanOptions) options = mm_plan_options_new();
  GError *error = NULL;
  MmPlan *plan = mm_plan(pool, config, options, &error);
  CU_ASSERT_PTR_NULL(plan);
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  CU_ASSERT_PTR_NOT_NULL(error != NULL ? strstr(error->message, "PLAN-2")
                                       : NULL);
  g_clear_error(&error);
  /* with one proposal asked for, PLAN-2 is no longer taken */
  CU_ASSERT_TRUE(mm_plan_options_set_recruit(options, 1));
  plan = mm_plan(pool, config, options, &error);
  CU_ASSERT_PTR_NOT_NULL(plan);
  mm_plan_free(plan);
  mm_pool_free(pool);

  pool = mm_test_pool_from_csv("id,age,preferred_mentors\nYP1,15,PLAN-1\n",
                               "id,age,checks_cleared\nM1,30,yes\n");
  plan = mm_plan(pool, config, NULL, &error);
  CU_ASSERT_PTR_NULL(plan);
  CU_ASSERT_PTR_NOT_NULL(error != NULL ? strstr(error->message, "YP1") : NULL);
  g_clear_error(&error);
  mm_pool_free(pool);
}

static void test_options(void) {
  g_autoptr(MmPlanOptions) options = mm_plan_options_new();
  CU_ASSERT_FALSE(mm_plan_options_set_recruit(options, 0));
  CU_ASSERT_FALSE(mm_plan_options_set_recruit(options, MM_PLAN_MAX_RECRUIT + 1));
  CU_ASSERT_TRUE(mm_plan_options_set_recruit(options, MM_PLAN_MAX_RECRUIT));
  const char *const *columns = mm_plan_mentor_columns();
  CU_ASSERT_STRING_EQUAL(columns[0], "id");
  guint n = 0;
  while (columns[n] != NULL)
    n++;
  CU_ASSERT_EQUAL(n, 23);
}

/* ---- through the CLI ---- */

static char *write_file(const char *dir, const char *name, const char *text) {
  char *path = g_build_filename(dir, name, NULL);
  CU_ASSERT_TRUE(g_file_set_contents(path, text, -1, NULL));
  return path;
}

/* Matched rows and their total value from `match --format json
 * --explain`. */
static Numbers cli_match_numbers(const char *mentees, const char *mentors,
                                 const char *config, const char *pinned) {
  MmTestRun run = MM_TEST_CLI(
      "match", "--mentees", mentees, "--mentors", mentors, "--as-of",
      MM_TEST_AS_OF, "--format", "json", "--explain", "--config", config,
      pinned != NULL ? "--pinned" : "--quiet", pinned != NULL ? pinned : NULL);
  Numbers x = {0, 0};
  CU_ASSERT_EQUAL(run.status, 0);
  g_autoptr(JsonParser) parser = json_parser_new();
  if (run.status == 0 && json_parser_load_from_data(parser, run.out, -1, NULL)) {
    JsonObject *root = json_node_get_object(json_parser_get_root(parser));
    JsonArray *matches = json_object_get_array_member(root, "matches");
    for (guint k = 0; k < json_array_get_length(matches); k++) {
      JsonObject *row = json_array_get_object_element(matches, k);
      if (strcmp(json_object_get_string_member(row, "status"), "matched") != 0)
        continue;
      x.matched++;
      x.value += units(json_object_get_double_member(row, "value"));
    }
  }
  mm_test_run_clear(&run);
  return x;
}

/* A plan row minus its first three fields (rank, young people, value:
 * plain numbers). */
static const char *row_after_three(const char *line) {
  const char *p = line;
  for (guint k = 0; k < 3 && p != NULL; k++) {
    p = strchr(p, ',');
    if (p != NULL)
      p++;
  }
  return p;
}

static void check_cli_paste(const char *dir, const char *mentees_csv,
                            const char *mentors_csv, const char *config_text,
                            const char *pinned_csv, guint recruit,
                            guint *checked) {
  g_autofree char *mentees = write_file(dir, "mentees.csv", mentees_csv);
  g_autofree char *mentors = write_file(dir, "mentors.csv", mentors_csv);
  g_autofree char *config = write_file(dir, "config.ini", config_text);
  g_autofree char *pinned =
      pinned_csv != NULL ? write_file(dir, "pinned.csv", pinned_csv) : NULL;
  g_autofree char *recruit_text = g_strdup_printf("%u", recruit);
  MmTestRun run = MM_TEST_CLI(
      "plan", "--mentees", mentees, "--mentors", mentors, "--config", config,
      "--as-of", MM_TEST_AS_OF, "--recruit", recruit_text,
      pinned != NULL ? "--pinned" : "--format", pinned != NULL ? pinned : "csv");
  CU_ASSERT_EQUAL_FATAL(run.status, 0);
  g_auto(GStrv) lines = g_strsplit(run.out, "\n", -1);
  CU_ASSERT_TRUE(g_str_has_prefix(lines[0],
                                  "rank,young_people_gained,value_gained,id,"));
  GString *pasted = g_string_new(mentors_csv);
  g_autofree char *pasted_path = g_build_filename(dir, "mentors-plan.csv", NULL);
  CU_ASSERT_TRUE(g_file_set_contents(pasted_path, pasted->str, -1, NULL));
  Numbers before = cli_match_numbers(mentees, pasted_path, config, pinned);
  for (guint k = 1; lines[k] != NULL && *lines[k] != '\0'; k++) {
    g_auto(GStrv) head = g_strsplit(lines[k], ",", 4);
    const char *row = row_after_three(lines[k]);
    CU_ASSERT_PTR_NOT_NULL_FATAL(row);
    g_string_append_printf(pasted, "%s\n", row);
    CU_ASSERT_TRUE(g_file_set_contents(pasted_path, pasted->str, -1, NULL));
    Numbers after = cli_match_numbers(mentees, pasted_path, config, pinned);
    CU_ASSERT_EQUAL((gint)after.matched - (gint)before.matched,
                    atoi(head[1]));
    CU_ASSERT_EQUAL(after.value - before.value,
                    units(g_ascii_strtod(head[2], NULL)));
    before = after;
    (*checked)++;
  }
  g_string_free(pasted, TRUE);
  mm_test_run_clear(&run);
}

static void test_cli_paste(void) {
  g_autofree char *dir = g_dir_make_tmp("mm-plan-XXXXXX", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
  guint checked = 0;
  check_cli_paste(dir, hand_mentees, hand_mentors, "", NULL, 5, &checked);
  CU_ASSERT_EQUAL(checked, 2);
  static const char *const configs[] = {
      "", "[objective]\nprefer = count\n",
      "[rules]\nmin_score = 0\n[objective]\nchoice_bonus = 0\n"};
  for (guint seed = 1; seed <= 6; seed++) {
    GRand *rng = g_rand_new_with_seed(seed * 104729);
    g_autofree char *mentors = mm_test_random_csv(rng, MM_SIDE_MENTOR, 6, 6);
    g_autofree char *mentees = mm_test_random_csv(rng, MM_SIDE_MENTEE, 40, 6);
    g_rand_free(rng);
    check_cli_paste(dir, mentees, mentors, configs[seed % 3],
                    seed % 2 == 0 ? "mentee_id,mentor_id\nYP0,M0\n" : NULL, 3,
                    &checked);
  }
  CU_ASSERT_TRUE(checked >= 12);
  g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
  CU_ASSERT_EQUAL(system(cmd), 0);
}

/* The CSV follows the mentor file's own columns, unknown ones left empty,
 * and says which columns the file lacks. */
static void test_cli_columns_of_the_file(void) {
  g_autofree char *dir = g_dir_make_tmp("mm-plan-XXXXXX", NULL);
  g_autofree char *mentees = write_file(dir, "mentees.csv", hand_mentees);
  g_autofree char *mentors = write_file(
      dir, "mentors.csv",
      "ID,Checks Cleared,notes,age,gender,training_hours,capacity\n"
      "M1,yes,a note,35,male,5,4\n");
  MmTestRun run = MM_TEST_CLI("plan", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", MM_TEST_AS_OF);
  CU_ASSERT_EQUAL(run.status, 0);
  CU_ASSERT_TRUE(g_str_has_prefix(
      run.out, "rank,young_people_gained,value_gained,ID,Checks Cleared,notes,"
               "age,gender,training_hours,capacity,"));
  CU_ASSERT_PTR_NOT_NULL(strstr(run.out, "\n1,3,300.00,PLAN-1,yes,,35,female,3,3,"));
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, "no column availability"));
  mm_test_run_clear(&run);
  g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
  CU_ASSERT_EQUAL(system(cmd), 0);
}

static void test_cli_usage(void) {
  g_autofree char *mentees =
      g_build_filename(MM_EXAMPLES_DIR, "data", "mentees.csv", NULL);
  g_autofree char *mentors =
      g_build_filename(MM_EXAMPLES_DIR, "data", "mentors.csv", NULL);
  static const char *const bad[] = {"0", "abc", "-1", "101", "2.5", ""};
  for (guint k = 0; k < G_N_ELEMENTS(bad); k++) {
    MmTestRun run = MM_TEST_CLI("plan", "--mentees", mentees, "--mentors",
                                mentors, "--recruit", bad[k]);
    CU_ASSERT_EQUAL(run.status, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(run.err, "--recruit"));
    mm_test_run_clear(&run);
  }
  MmTestRun run = MM_TEST_CLI("plan", "--mentees", mentees, "--mentors",
                              mentors, "--format", "xml");
  CU_ASSERT_EQUAL(run.status, 2);
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("plan", "--mentees", mentees);
  CU_ASSERT_EQUAL(run.status, 2);
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("plan", "--mentees", mentees, "--mentors", mentors,
                    "--as-of", "2026-13-01");
  CU_ASSERT_EQUAL(run.status, 2);
  mm_test_run_clear(&run);
  run = MM_TEST_CLI("plan", "--mentees", mentees, "--mentors", mentors,
                    "--recruit", "1", "--as-of", MM_TEST_AS_OF);
  CU_ASSERT_EQUAL(run.status, 0);
  guint rows = 0;
  for (const char *p = run.out; *p != '\0'; p++)
    rows += *p == '\n';
  CU_ASSERT_TRUE(rows <= 2);
  mm_test_run_clear(&run);
}

/* A clash of ids is bad input (exit 1), said plainly. */
static void test_cli_id_clash(void) {
  g_autofree char *dir = g_dir_make_tmp("mm-plan-XXXXXX", NULL);
  g_autofree char *mentees = write_file(dir, "mentees.csv", hand_mentees);
  g_autofree char *mentors = write_file(
      dir, "mentors.csv", "id,age,checks_cleared\nPLAN-3,30,yes\n");
  MmTestRun run = MM_TEST_CLI("plan", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", MM_TEST_AS_OF);
  CU_ASSERT_EQUAL(run.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(run.err, "PLAN-3"));
  CU_ASSERT_STRING_EQUAL(run.out, "");
  mm_test_run_clear(&run);
  g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
  CU_ASSERT_EQUAL(system(cmd), 0);
}

static void test_cli_json(void) {
  g_autofree char *dir = g_dir_make_tmp("mm-plan-XXXXXX", NULL);
  g_autofree char *mentees = write_file(dir, "mentees.csv", hand_mentees);
  g_autofree char *mentors = write_file(dir, "mentors.csv", hand_mentors);
  MmTestRun run = MM_TEST_CLI("plan", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", MM_TEST_AS_OF, "--format",
                              "json");
  CU_ASSERT_EQUAL_FATAL(run.status, 0);
  g_autoptr(JsonParser) parser = json_parser_new();
  CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(parser, run.out, -1, NULL));
  JsonObject *root = json_node_get_object(json_parser_get_root(parser));
  JsonArray *proposals = json_object_get_array_member(root, "proposals");
  CU_ASSERT_EQUAL_FATAL(json_array_get_length(proposals), 2);
  JsonObject *first = json_array_get_object_element(proposals, 0);
  CU_ASSERT_EQUAL(json_object_get_int_member(first, "rank"), 1);
  CU_ASSERT_EQUAL(json_object_get_int_member(first, "young_people_gained"), 3);
  MM_ASSERT_CLOSE(json_object_get_double_member(first, "value_gained"), 300.0);
  CU_ASSERT_EQUAL(json_object_get_int_member(first, "made_for"), 4);
  CU_ASSERT_TRUE(json_object_has_member(first, "description"));
  JsonObject *mentor = json_object_get_object_member(first, "mentor");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(mentor, "id"), "PLAN-1");
  CU_ASSERT_EQUAL(json_object_get_int_member(mentor, "capacity"), 3);
  CU_ASSERT_EQUAL(json_object_get_int_member(mentor, "age"), 35);
  CU_ASSERT_TRUE(json_object_get_boolean_member(mentor, "checks_cleared"));
  CU_ASSERT_TRUE(json_object_get_boolean_member(mentor, "care_experienced"));
  CU_ASSERT_FALSE(json_object_get_boolean_member(mentor, "remote"));
  MM_ASSERT_CLOSE(json_object_get_double_member(mentor, "lat"), 53.8);
  MM_ASSERT_CLOSE(json_object_get_double_member(mentor, "lon"), -1.55);
  JsonArray *slots = json_object_get_array_member(mentor, "availability");
  CU_ASSERT_EQUAL_FATAL(json_array_get_length(slots), 2);
  CU_ASSERT_STRING_EQUAL(json_array_get_string_element(slots, 0), "sat-pm");
  CU_ASSERT_FALSE(json_object_has_member(mentor, "ethnicity")); /* empty */
  JsonObject *summary = json_object_get_object_member(root, "summary");
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "matched_before"), 0);
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "matched_after"), 4);
  CU_ASSERT_EQUAL(json_object_get_int_member(summary, "waiting"), 4);
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(summary, "stopped"),
                         "no young person is waiting any more");
  CU_ASSERT_STRING_EQUAL(json_object_get_string_member(summary, "as_of"),
                         MM_TEST_AS_OF);
  CU_ASSERT_TRUE(json_object_has_member(root, "warnings"));
  mm_test_run_clear(&run);
  g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
  CU_ASSERT_EQUAL(system(cmd), 0);
}

/* The JSON answer's mentors are JSON persons: appended to a JSON request's
 * mentors, the library's own JSON entry point matches as claimed. */
static void test_json_mentors_paste(void) {
  g_autofree char *dir = g_dir_make_tmp("mm-plan-XXXXXX", NULL);
  g_autofree char *mentees = write_file(dir, "mentees.csv", hand_mentees);
  g_autofree char *mentors = write_file(dir, "mentors.csv", hand_mentors);
  MmTestRun run = MM_TEST_CLI("plan", "--mentees", mentees, "--mentors",
                              mentors, "--as-of", MM_TEST_AS_OF, "--format",
                              "json");
  CU_ASSERT_EQUAL_FATAL(run.status, 0);
  g_autoptr(JsonParser) parser = json_parser_new();
  CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(parser, run.out, -1, NULL));
  JsonObject *root = json_node_get_object(json_parser_get_root(parser));
  JsonArray *proposals = json_object_get_array_member(root, "proposals");
  GString *request = g_string_new(
      "{\"command\": \"match\", \"as_of\": \"" MM_TEST_AS_OF "\", "
      "\"explain\": true, \"mentees\": [");
  for (guint k = 1; k <= 4; k++)
    g_string_append_printf(
        request,
        "%s{\"id\": \"YP%u\", \"age\": 15, \"gender\": \"male\", "
        "\"languages\": [\"English\"], \"interests\": [\"music\", "
        "\"football\", \"art\"], \"care_experienced\": true, \"lat\": 53.8, "
        "\"lon\": -1.55, \"availability\": [\"sat-pm\", \"sun-pm\"], "
        "\"must\": [\"gender\"], \"pref_gender\": [\"female\"]}",
        k > 1 ? ", " : "", k);
  g_string_append(request,
                  "], \"mentors\": [{\"id\": \"M1\", \"age\": 35, "
                  "\"gender\": \"male\", \"checks_cleared\": true, "
                  "\"training_hours\": 5, \"capacity\": 4}");
  for (guint k = 0; k < json_array_get_length(proposals); k++) {
    JsonNode *mentor = json_object_get_member(
        json_array_get_object_element(proposals, k), "mentor");
    g_autofree char *text = json_to_string(mentor, FALSE);
    g_string_append_printf(request, ", %s", text);
  }
  g_string_append(request, "]}");
  char *answer = mm_json(request->str);
  g_autoptr(JsonParser) answer_parser = json_parser_new();
  CU_ASSERT_TRUE_FATAL(json_parser_load_from_data(answer_parser, answer, -1,
                                                  NULL));
  JsonObject *result = json_node_get_object(json_parser_get_root(answer_parser));
  CU_ASSERT_FALSE(json_object_has_member(result, "error"));
  Numbers x = {0, 0};
  if (json_object_has_member(result, "matches")) {
    JsonArray *matches = json_object_get_array_member(result, "matches");
    for (guint k = 0; k < json_array_get_length(matches); k++) {
      JsonObject *row = json_array_get_object_element(matches, k);
      if (strcmp(json_object_get_string_member(row, "status"), "matched") != 0)
        continue;
      x.matched++;
      x.value += units(json_object_get_double_member(row, "value"));
    }
  }
  CU_ASSERT_EQUAL(x.matched, 4);
  CU_ASSERT_EQUAL(x.value, 40000);
  mm_json_free(answer);
  g_string_free(request, TRUE);
  mm_test_run_clear(&run);
  g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
  CU_ASSERT_EQUAL(system(cmd), 0);
}

/* The example pools: the plan's rows pasted into the example mentor file
 * give match's numbers (README.md's worked example). */
static void test_examples(void) {
  g_autofree char *mentees_path =
      g_build_filename(MM_EXAMPLES_DIR, "data", "mentees.csv", NULL);
  g_autofree char *mentors_path =
      g_build_filename(MM_EXAMPLES_DIR, "data", "mentors.csv", NULL);
  g_autofree char *config_path =
      g_build_filename(MM_EXAMPLES_DIR, "data", "config.ini", NULL);
  g_autofree char *pinned_path =
      g_build_filename(MM_EXAMPLES_DIR, "data", "pinned.csv", NULL);
  g_autofree char *mentees = NULL, *mentors = NULL, *config_text = NULL,
                  *pinned = NULL;
  CU_ASSERT_TRUE_FATAL(g_file_get_contents(mentees_path, &mentees, NULL, NULL));
  CU_ASSERT_TRUE_FATAL(g_file_get_contents(mentors_path, &mentors, NULL, NULL));
  CU_ASSERT_TRUE_FATAL(
      g_file_get_contents(config_path, &config_text, NULL, NULL));
  CU_ASSERT_TRUE_FATAL(g_file_get_contents(pinned_path, &pinned, NULL, NULL));
  g_autofree char *dir = g_dir_make_tmp("mm-plan-XXXXXX", NULL);
  guint checked = 0;
  check_cli_paste(dir, mentees, mentors, config_text, pinned, 5, &checked);
  CU_ASSERT_TRUE(checked >= 1);
  g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
  CU_ASSERT_EQUAL(system(cmd), 0);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_random_claims_exact),
      MM_TEST(test_deterministic),
      MM_TEST(test_hand_worked),
      MM_TEST(test_nobody_waiting),
      MM_TEST(test_id_clash),
      MM_TEST(test_options),
      MM_TEST(test_cli_paste),
      MM_TEST(test_cli_columns_of_the_file),
      MM_TEST(test_cli_usage),
      MM_TEST(test_cli_id_clash),
      MM_TEST(test_cli_json),
      MM_TEST(test_json_mentors_paste),
      MM_TEST(test_examples),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("plan", tests);
}
