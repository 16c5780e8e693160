/* case-management.c: mentormatch linked into a case-management system.
 *
 * A local authority's case-management system holds its young people and
 * mentors as records in memory. This program shows the whole round trip a
 * system like that makes through the public API alone (<mentormatch.h>,
 * linked against the shared library):
 *
 *   1. turn each record into MmField columns and add it to a pool
 *      (mm_pool_add_person), reporting a bad referral instead of stopping;
 *   2. set the programme's weights and rules in code (mm_config_set_*);
 *   3. keep an existing match (mm_pins_new, mm_pins_add);
 *   4. match the new referrals (mm_match) and print each result with its
 *      explanation (mm_explain_pair: contributions and reasons);
 *   5. print a shortlist a young person can choose from (mm_recommend).
 *
 * Build it with: cc case-management.c $(pkg-config --cflags --libs mentormatch)
 * The records below are made up. */
#include <mentormatch.h>

#include <stdio.h>
#include <stdlib.h>

/* ---- 1. The system's records, as the columns of the contract (docs/) ---- */

/* A record is a NULL-terminated list of column/value pairs; a real system
 * would fill these from its own database fields. */
#define MAX_COLUMNS 16
typedef struct {
  MmField fields[MAX_COLUMNS];
} Record;

static const Record young_people[] = {
    /* Already matched with MEN-201 last year: the match is kept. */
    {{{"id", "YP-1001"}, {"age", "16"}, {"gender", "male"},
      {"care_experienced", "yes"}, {"interests", "football; music"},
      {"needs", "youth-justice"}, {"priority", "2"}}},
    /* Wants a woman mentor and means it (must), and names MEN-203. */
    {{{"id", "YP-1002"}, {"age", "15"}, {"gender", "female"},
      {"ethnicity", "Black: Caribbean"}, {"care_experienced", "yes"},
      {"interests", "music; dance; drama"}, {"needs", "trauma"},
      {"pref_gender", "female"}, {"must", "gender"},
      {"preferred_mentors", "MEN-203"}, {"priority", "2"}}},
    /* Must never be matched with MEN-202 (safeguarding). */
    {{{"id", "YP-1003"}, {"age", "17"}, {"gender", "male"},
      {"interests", "football; gaming"}, {"aspirations", "construction"},
      {"needs", "employability"}, {"excluded_mentors", "MEN-202"}}},
    {{{"id", "YP-1004"}, {"age", "14"}, {"gender", "female"},
      {"ethnicity", "Asian: Pakistani"}, {"religion", "muslim"},
      {"languages", "english; urdu"}, {"interests", "cooking; art; reading"},
      {"needs", "sen"}, {"pref_language", "urdu"}, {"priority", "1"}}},
    /* A care leaver living independently: the most in need (KP4). */
    {{{"id", "YP-1005"}, {"age", "19"}, {"gender", "non-binary"},
      {"care_experienced", "yes"}, {"interests", "art; cooking"},
      {"pref_care_experienced", "yes"}, {"priority", "3"}}},
    /* Only wants a natural mentor from their own network, and none is
     * registered yet: stays unmatched, with a reason to act on. */
    {{{"id", "YP-1006"}, {"age", "13"}, {"gender", "female"},
      {"interests", "swimming"}, {"pref_mentor_type", "natural"},
      {"must", "mentor_type"}}},
    /* A referral typed in badly: reported, not added, the rest goes on. */
    {{{"id", "YP-1007"}, {"age", "sixteen"}, {"gender", "male"}}},
};

static const Record mentors[] = {
    {{{"id", "MEN-201"}, {"age", "22"}, {"gender", "male"},
      {"mentor_type", "peer"}, {"care_experienced", "yes"},
      {"interests", "football; music"}, {"skills", "youth-justice"},
      {"capacity", "2"}, {"checks_cleared", "yes"}, {"training_hours", "12"}}},
    {{{"id", "MEN-202"}, {"age", "35"}, {"gender", "male"},
      {"interests", "football; gaming"}, {"sectors", "construction"},
      {"skills", "employability"}, {"capacity", "1"},
      {"checks_cleared", "yes"}, {"training_hours", "6"}}},
    {{{"id", "MEN-203"}, {"age", "29"}, {"gender", "female"},
      {"ethnicity", "Black: Caribbean"}, {"care_experienced", "yes"},
      {"interests", "music; dance; cooking"}, {"skills", "trauma-informed"},
      {"capacity", "2"}, {"checks_cleared", "yes"}, {"training_hours", "8"}}},
    {{{"id", "MEN-204"}, {"age", "41"}, {"gender", "female"},
      {"ethnicity", "Asian: Pakistani"}, {"religion", "muslim"},
      {"languages", "english; urdu; punjabi"}, {"mentor_type", "paid"},
      {"interests", "cooking; reading; art"}, {"skills", "sen"},
      {"sectors", "construction"}, {"capacity", "2"},
      {"checks_cleared", "yes"}, {"training_hours", "40"}}},
    /* Enhanced DBS still pending: never matched until it clears (KP6). */
    {{{"id", "MEN-205"}, {"age", "30"}, {"gender", "female"},
      {"interests", "art; cooking"}, {"care_experienced", "yes"},
      {"capacity", "1"}, {"checks_cleared", "no"}, {"training_hours", "3"}}},
};

/* The existing matches the system records. */
static const struct {
  const char *mentee_id, *mentor_id;
} existing_matches[] = {{"YP-1001", "MEN-201"}};

/* Whose shortlist to show, and how long it is. */
#define SHORTLIST_FOR "YP-1003"
#define SHORTLIST_LENGTH 3

static gsize record_length(const Record *record) {
  gsize n = 0;
  while (n < MAX_COLUMNS && record->fields[n].column != NULL)
    n++;
  return n;
}

static void print_diagnostics(const MmDiagnostics *diags) {
  for (guint i = 0; i < mm_diagnostics_length(diags); i++) {
    g_autofree char *line = mm_diagnostic_format(mm_diagnostics_get(diags, i));
    printf("  %s\n", line);
  }
}

/* Adds every record of one side. The source and line name the record in
 * diagnostics ("case-system:7"), the way a CSV file name and line would. */
static void add_records(MmPool *pool, MmSide side, const Record *records,
                        gsize n, guint first_line, MmDiagnostics *diags) {
  for (gsize i = 0; i < n; i++) {
    const char *id = records[i].fields[0].value;
    if (!mm_pool_add_person(pool, side, records[i].fields,
                            record_length(&records[i]), "case-system",
                            first_line + (guint)i, diags))
      printf("Referral %s not added: fix the record and send it again.\n", id);
  }
}

static MmPool *build_pool(void) {
  MmPool *pool = mm_pool_new();
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  add_records(pool, MM_SIDE_MENTEE, young_people, G_N_ELEMENTS(young_people),
              1, diags);
  add_records(pool, MM_SIDE_MENTOR, mentors, G_N_ELEMENTS(mentors), 101, diags);
  mm_pool_prepare(pool, diags, NULL);
  if (mm_diagnostics_length(diags) > 0) {
    printf("Problems in the records:\n");
    print_diagnostics(diags);
  }
  return pool;
}

/* ---- 2. The programme's weights and rules ---- */

static MmConfig *programme_config(GError **error) {
  g_autoptr(MmConfig) config = mm_config_new(); /* the built-in defaults */
  /* This programme runs peer mentoring: shared experience of care counts
   * most in the score, and the young person's own choice weighs more in
   * the objective than the default. */
  if (!mm_config_set_weight(config, MM_CRITERION_CARE_EXPERIENCE, 5.0, error) ||
      !mm_config_set_bonus(config, MM_BONUS_CHOICE, 150.0, error) ||
      !mm_config_set_weight(config, MM_CRITERION_DISTANCE, 0.0, error) ||
      !mm_config_set_min_training_hours(config, 6.0, error) ||
      !mm_config_set_min_age_gap(config, 3, error) ||
      !mm_config_set_min_score(config, 10.0, error))
    return NULL;
  mm_config_set_require_checks(config, TRUE);
  return g_steal_pointer(&config);
}

/* ---- 3. Existing matches to keep ---- */

static MmPins *existing_pins(const MmPool *pool, MmDiagnostics *diags) {
  MmPins *pins = mm_pins_new(pool);
  for (gsize i = 0; i < G_N_ELEMENTS(existing_matches); i++)
    mm_pins_add(pins, existing_matches[i].mentee_id,
                existing_matches[i].mentor_id, "existing-matches",
                (guint)i + 1, diags);
  return pins;
}

/* ---- 4. Match and explain ---- */

static void print_explanation(const MmPool *pool, const MmConfig *config,
                              guint mentee, guint mentor) {
  g_autoptr(MmExplanation) why = mm_explain_pair(pool, config, mentee, mentor);
  g_autofree char *reasons = mm_explanation_reasons_text(why);
  printf("    reasons: %s\n", reasons);
  printf("    contributions:");
  const char *separator = " ";
  for (int c = 0; c < MM_N_CRITERIA; c++) {
    if (!mm_explanation_applies(why, (MmCriterion)c))
      continue;
    printf("%s%s %.2f", separator, mm_criterion_name((MmCriterion)c),
           mm_explanation_contribution(why, (MmCriterion)c));
    separator = ", ";
  }
  printf("\n");
}

static void print_matching(const MmPool *pool, const MmConfig *config,
                           const MmMatching *matching) {
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++) {
    MmMatchStatus status = mm_matching_status(matching, i);
    gint mentor = mm_matching_mentor(matching, i);
    if (mentor < 0) {
      printf("%s -> (none) %s: %s\n", mm_pool_mentee_id(pool, i),
             mm_match_status_name(status), mm_matching_reason(matching, i));
      continue;
    }
    printf("%s -> %s %s, score %.2f\n", mm_pool_mentee_id(pool, i),
           mm_pool_mentor_id(pool, (guint)mentor), mm_match_status_name(status),
           mm_matching_score(matching, i));
    print_explanation(pool, config, i, (guint)mentor);
  }
  printf("Summary: %u matched, %u pinned, %u unmatched; mean score %.2f; "
         "stated preferences met %u of %u\n",
         mm_matching_count(matching, MM_STATUS_MATCHED),
         mm_matching_count(matching, MM_STATUS_PINNED),
         mm_matching_count(matching, MM_STATUS_UNMATCHED),
         mm_matching_mean_score(matching),
         mm_matching_preferences_met(matching),
         mm_matching_preferences_stated(matching));
}

/* ---- 5. A shortlist for one young person ---- */

static void print_shortlist(const MmPool *pool, const MmConfig *config,
                            const char *mentee_id, guint top_k) {
  gint mentee = mm_pool_find_mentee(pool, mentee_id);
  if (mentee < 0) {
    printf("No young person %s.\n", mentee_id);
    return;
  }
  g_autoptr(MmShortlist) list = mm_recommend(pool, config, mentee, top_k);
  printf("Shortlist for %s:\n", mentee_id);
  if (mm_shortlist_length(list, 0) == 0)
    printf("  %s\n", mm_shortlist_reason(list, 0));
  for (guint rank = 0; rank < mm_shortlist_length(list, 0); rank++) {
    guint mentor = mm_shortlist_mentor(list, 0, rank);
    g_autoptr(MmExplanation) why =
        mm_explain_pair(pool, config, (guint)mentee, mentor);
    g_autofree char *reasons = mm_explanation_reasons_text(why);
    printf("  %u. %s score %.2f: %s\n", rank + 1, mm_pool_mentor_id(pool, mentor),
           mm_shortlist_score(list, 0, rank), reasons);
  }
}

int main(void) {
  printf("mentormatch %s: case-management example\n", mm_version());
  g_autoptr(GError) error = NULL;
  g_autoptr(MmConfig) config = programme_config(&error);
  if (config == NULL) {
    fprintf(stderr, "configuration: %s\n", error->message);
    return EXIT_FAILURE;
  }
  g_autoptr(MmPool) pool = build_pool();
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  g_autoptr(MmPins) pins = existing_pins(pool, diags);
  printf("Pool: %u young people, %u mentors; existing matches kept: %u\n\n",
         mm_pool_n_mentees(pool), mm_pool_n_mentors(pool), mm_pins_length(pins));

  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_mode(options, MM_MODE_OPTIMAL);
  mm_match_options_set_pins(options, pins);
  g_autoptr(MmMatching) matching = mm_match(pool, config, options, diags);
  print_diagnostics(diags); /* e.g. a kept match that now breaks a rule */
  print_matching(pool, config, matching);
  printf("\n");
  print_shortlist(pool, config, SHORTLIST_FOR, SHORTLIST_LENGTH);
  return EXIT_SUCCESS;
}
