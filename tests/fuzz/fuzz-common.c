/* fuzz-common.c: helpers shared by the fuzz targets (see fuzz-common.h). */
#include "fuzz-common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void fuzz_init(void) {
  g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

void fuzz_fail(const char *file, int line, const char *what) {
  fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
  abort();
}

/* Covers every criterion and hard rule at least once: stated preferences,
 * must, named and excluded mentors, locations, availability, capacity. */
static const char fixed_mentees[] =
  "id,age,gender,ethnicity,religion,languages,interests,care_experienced,"
  "lat,lon,remote,availability,must,needs,aspirations,priority,pref_gender,"
  "pref_ethnicity,pref_religion,pref_care_experienced,pref_age_min,"
  "pref_age_max,pref_mentor_type,pref_language,preferred_mentors,"
  "excluded_mentors\n"
  "A1,15,female,Black: Caribbean,christian,english,music;dance,yes,53.82,"
  "-1.53,no,wed-eve;sat-pm,,trauma,health,2,female,same-group,,yes,18,40,"
  "peer;volunteer,,M2;M1,\n"
  "A2,17,male,White: British,,english,football;gaming,yes,53.80,-1.60,no,"
  "tue-eve,gender,youth-justice,construction,3,male,,,,,,,,M3,M4\n"
  "A3,14,non-binary,Asian: Pakistani,muslim,english;urdu,art,no,,,yes,"
  "mon-pm,language,sen,education,1,,same,same,,,,,urdu,,\n"
  "A4,19,female,Mixed: White and Asian,,english,football;music,,53.77,"
  "-1.56,yes,sat-am,,,,0,,different-group,,,,,,,M1,M2\n"
  "A5,12,male,,,,,,,,,,,,,0,,,,,,,,,,\n";

static const char fixed_mentors[] =
  "id,age,gender,ethnicity,religion,languages,interests,care_experienced,"
  "lat,lon,remote,availability,must,capacity,mentor_type,checks_cleared,"
  "training_hours,skills,sectors,max_distance_km,mentee_age_min,"
  "mentee_age_max,pref_mentee_gender\n"
  "M1,34,female,Black: Caribbean,christian,english,music;dance,no,53.819,"
  "-1.537,yes,wed-eve;sat-pm,,3,volunteer,yes,6,trauma-informed,health,15,"
  "11,18,\n"
  "M2,22,male,White: British,,english,football;gaming,yes,53.797,-1.588,no,"
  "tue-eve,,2,peer,yes,12,youth-justice,construction,10,14,19,male\n"
  "M3,41,female,Asian: Pakistani,muslim,english;urdu,art,no,53.812,-1.515,"
  "yes,mon-pm,gender,1,paid,yes,40,sen,education,20,10,18,female\n"
  "M4,29,male,Black: African,,english,football,yes,,,yes,sat-am,,2,natural,"
  "no,1,,,,,,\n";

MmPool *fuzz_fixed_pool(void) {
  MmPool *pool = mm_pool_new();
  gboolean ok =
    mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, fixed_mentees,
                          sizeof fixed_mentees - 1, "mentees", NULL, NULL) &&
    mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, fixed_mentors,
                          sizeof fixed_mentors - 1, "mentors", NULL, NULL) &&
    mm_pool_prepare(pool, NULL, NULL);
  FUZZ_CHECK(ok);
  FUZZ_CHECK(mm_pool_n_mentees(pool) == 5 && mm_pool_n_mentors(pool) == 4);
  return pool;
}

void fuzz_match_and_check(const MmPool *pool, const MmConfig *config,
                                 MmMode mode, const MmPins *pins) {
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_mode(options, mode);
  mm_match_options_set_threads(options, 1);
  mm_match_options_set_pins(options, pins);
  g_autoptr(MmDiagnostics) diags = mm_diagnostics_new();
  g_autoptr(MmMatching) matching = mm_match(pool, config, options, diags);
  FUZZ_CHECK(matching != NULL);

  guint n_mentees = mm_pool_n_mentees(pool);
  guint n_mentors = mm_pool_n_mentors(pool);
  g_autofree guint *load = g_new0(guint, MAX(n_mentors, 1));
  guint matched = 0, pinned = 0, unmatched = 0;
  for (guint i = 0; i < n_mentees; i++) {
    MmMatchStatus status = mm_matching_status(matching, i);
    gint mentor = mm_matching_mentor(matching, i);
    double score = mm_matching_score(matching, i);
    if (status == MM_STATUS_UNMATCHED) {
      unmatched++;
      FUZZ_CHECK(mentor == -1);
      FUZZ_CHECK(mm_matching_reason(matching, i) != NULL);
      continue;
    }
    FUZZ_CHECK(mentor >= 0 && (guint) mentor < n_mentors);
    FUZZ_CHECK(isfinite(score) && score >= 0 && score <= 100);
    load[mentor]++;
    if (status == MM_STATUS_PINNED)
      pinned++;
    else
      matched++;
  }
  for (guint j = 0; j < n_mentors; j++)
    FUZZ_CHECK(load[j] <= mm_pool_mentor_capacity(pool, j));
  if (pins == NULL)
    FUZZ_CHECK(pinned == 0);
  else
    FUZZ_CHECK(pinned == mm_pins_length(pins));

  FUZZ_CHECK(mm_matching_n_mentees(matching) == n_mentees);
  FUZZ_CHECK(mm_matching_count(matching, MM_STATUS_MATCHED) == matched &&
             mm_matching_count(matching, MM_STATUS_PINNED) == pinned &&
             mm_matching_count(matching, MM_STATUS_UNMATCHED) == unmatched);
  FUZZ_CHECK(mm_matching_preferences_met(matching) <=
             mm_matching_preferences_stated(matching));
}
