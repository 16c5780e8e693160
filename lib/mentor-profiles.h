/* mentor-profiles.h: mentors grouped by what each criterion reads of them
 * (internal).
 *
 * For one young person, most criteria give the same verdict for every mentor
 * who shares the few fields the criterion reads: gender looks only at the
 * mentor's gender and what the mentor asks of a mentee's gender; age only at
 * the mentor's age and type. Mentors sharing those fields share a *profile*
 * of that kind, and real pools have few: a few dozen ages, a handful of
 * ethnicities. The row scorer (score.c) evaluates each criterion once per
 * profile, on a representative mentor, through the very functions of
 * criteria.h, then looks verdicts up per pair. Its scores are therefore those
 * of mm_pair_score() bit for bit, as long as each profile holds every mentor
 * field its criteria and rules read: profile_key() in mentor-profiles.c
 * lists them, next to the functions that read them.
 *
 * Built once by mm_pool_prepare() with the encoding; read-only afterwards. */
#pragma once

#include "encoding.h"

typedef enum {
  MM_PROFILE_CARE,         /* care_experience */
  MM_PROFILE_GENDER,       /* gender; rule mentor_must:gender */
  MM_PROFILE_ETHNICITY,    /* ethnicity */
  MM_PROFILE_RELIGION,     /* religion */
  MM_PROFILE_AGE,          /* age, mentor_type; rule age_gap */
  MM_PROFILE_LANGUAGE,     /* language */
  MM_PROFILE_MENTEE_AGES,  /* rule age_range */
  MM_PROFILE_SAFEGUARDING, /* rules checks, training */
  MM_PROFILE_PLACE,        /* whether distance applies, and its limit */
  MM_N_PROFILES
} MmProfileKind;

/* What the row scorer reads of one mentor for every pair: one cache line. */
typedef struct {
  guint32 profile[MM_N_PROFILES]; /* the mentor's profile of each kind */
  guint32 availability;
  double x, y, z; /* unit vector of the home location */
} MmMentorKeys;

struct MmMentorProfiles {
  guint n_mentors;
  guint n_profiles[MM_N_PROFILES];
  guint *representative[MM_N_PROFILES]; /* a mentor of each profile */
  MmMentorKeys *keys;                   /* n_mentors */
  /* Sets the shared-item criteria count, n_mentors x W words each. */
  MmWord *interests, *skills, *sectors;
};
typedef struct MmMentorProfiles MmMentorProfiles;

MmMentorProfiles *mm_mentor_profiles_build(const MmEncoding *encoding);
void mm_mentor_profiles_free(MmMentorProfiles *profiles);
