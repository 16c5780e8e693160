/* encoding.h: compact per-side arrays the scorer runs on (internal).
 *
 * Built once by mm_pool_prepare() from the validated MmPerson records:
 * bitsets for token sets, integer codes for single tokens, unit vectors for
 * locations. Read-only afterwards, so shared freely between threads.
 *
 * A token set is a bitset over its vocabulary: bit k is token code k, so the
 * bits of an intersection are the codes themselves (explanations read them
 * back as words). Every set over one vocabulary has the same width, W =
 * ceil(vocabulary size / 64) words, on both sides. */
#pragma once

#include "pool-private.h"

#include <math.h>

typedef guint64 MmWord;
#define MM_WORD_BITS 64

/* The token sets a mentee carries, and the vocabulary each is drawn from. */
typedef enum {
  MM_MENTEE_SET_INTERESTS,
  MM_MENTEE_SET_LANGUAGES,
  MM_MENTEE_SET_NEEDS,
  MM_MENTEE_SET_ASPIRATIONS,
  MM_MENTEE_SET_PREF_GENDER,
  MM_MENTEE_SET_PREF_ETHNICITY,
  MM_MENTEE_SET_PREF_ETHNIC_GROUP,
  MM_MENTEE_SET_PREF_RELIGION,
  MM_MENTEE_SET_PREF_LANGUAGE,
  MM_MENTEE_N_SETS
} MmMenteeSet;

typedef enum {
  MM_MENTOR_SET_INTERESTS,
  MM_MENTOR_SET_LANGUAGES,
  MM_MENTOR_SET_SKILLS,
  MM_MENTOR_SET_SECTORS,
  MM_MENTOR_SET_PREF_MENTEE_GENDER,
  MM_MENTOR_N_SETS
} MmMentorSet;

/* A mentor the young person named, with its 0-based place in their
 * preferred_mentors; a mentee's list is sorted by mentor for lookup. */
typedef struct {
  guint mentor;
  guint place;
} MmNamedMentor;

/* One mentee, as the scorer sees it. */
typedef struct {
  const MmWord *set[MM_MENTEE_N_SETS];
  guint n_interests, n_needs, n_aspirations;
  gboolean has_languages;
  gboolean has_pref_gender, has_pref_ethnicity, has_pref_religion,
      has_pref_language;
  gint32 gender, ethnicity, ethnic_group, religion;
  gint age;
  MmTri care_experienced, pref_care_experienced, remote;
  guint32 availability;
  guint32 must;                 /* bit (1u << MmPreference) */
  guint32 pref_ethnicity_flags; /* MM_ETH_* */
  gboolean pref_religion_same;
  gint pref_age_min, pref_age_max; /* MM_UNSET_INT when not given */
  guint32 pref_mentor_type;        /* bit (1u << MmMentorType) */
  gboolean has_location;
  double x, y, z;                  /* unit vector of the home location */
  const MmNamedMentor *named;      /* sorted by mentor, first place kept */
  guint n_named;
  const guint *excluded;           /* sorted mentor indices */
  guint n_excluded;
  const guint *previous;           /* sorted mentor indices */
  guint n_previous;
  guint waiting_weeks;             /* full weeks to the as-of date, <= 52 */
  guint priority;                  /* 0-3 */
} MmMenteeCode;

/* One mentor, as the scorer sees it. */
typedef struct {
  const MmWord *set[MM_MENTOR_N_SETS];
  gboolean has_languages, has_pref_mentee_gender;
  gint32 gender, ethnicity, ethnic_group, religion;
  gint age;
  gint mentee_age_min, mentee_age_max; /* MM_UNSET_INT when not given */
  MmTri care_experienced, checks_cleared, remote;
  MmMentorType type;
  guint32 availability;
  guint32 must;
  gboolean has_location;
  double x, y, z;
  double max_distance_km; /* NAN when not given */
  double training_hours;
} MmMentorCode;

struct MmEncoding {
  guint n_words[MM_N_VOCABS]; /* W of each vocabulary */
  guint n_mentees, n_mentors;
  MmMenteeCode *mentees;
  MmMentorCode *mentors;
  /* mentors grouped by what each criterion reads (mentor-profiles.h) */
  struct MmMentorProfiles *profiles;
  /* storage the codes point into */
  MmWord *words;
  MmNamedMentor *named;
  guint *excluded;
  guint *previous;
};

/* The longest wait that counts towards a pair's value (the contract (docs/),
 * waiting_bonus: at most 52 weeks). */
#define MM_WAITING_WEEKS_MAX 52

MmEncoding *mm_i_encoding_build(const MmPool *pool);
void mm_i_encoding_free(MmEncoding *encoding);

/* The vocabulary a set is drawn from. */
MmVocab mm_i_mentee_set_vocab(MmMenteeSet set);
MmVocab mm_i_mentor_set_vocab(MmMentorSet set);

/* ---- bitset operations over W words ---- */

static inline guint mm_i_bits_count_common(const MmWord *a, const MmWord *b,
                                         guint n_words) {
  guint n = 0;
  for (guint w = 0; w < n_words; w++)
    n += (guint)__builtin_popcountll(a[w] & b[w]);
  return n;
}

static inline gboolean mm_i_bits_intersect(const MmWord *a, const MmWord *b,
                                         guint n_words) {
  for (guint w = 0; w < n_words; w++)
    if ((a[w] & b[w]) != 0)
      return TRUE;
  return FALSE;
}

/* Whether @set holds token @code; FALSE for MM_NO_TOKEN. */
static inline gboolean mm_i_bits_has(const MmWord *set, gint32 code) {
  if (code < 0)
    return FALSE;
  return (set[code / MM_WORD_BITS] >> (code % MM_WORD_BITS)) & 1u;
}

/* Great-circle distance between two unit vectors, in km: the angle is
 * acos of their dot product (equivalent to the haversine formula), on a
 * sphere of the mean Earth radius. */
#define MM_EARTH_RADIUS_KM 6371.0088

static inline double mm_i_unit_distance_km(double ax, double ay, double az,
                                         double bx, double by, double bz) {
  double dot = ax * bx + ay * by + az * bz;
  /* Rounding can push the dot product of nearby points just past 1. */
  dot = dot > 1.0 ? 1.0 : (dot < -1.0 ? -1.0 : dot);
  return MM_EARTH_RADIUS_KM * acos(dot);
}

/* The squared chord, in km^2, between two unit vectors whose dot product is
 * @dot, and the bound it must pass for them to be certainly further apart
 * than @limit_km: the arc is never shorter than the chord, so
 * chord x R > limit proves it (the margin is far above rounding error).
 * Lets scorers skip the acos of distant pairs, whose distance value is 0
 * and whose distance rule is broken either way. */
static inline double mm_i_unit_chord_km2(double dot) {
  return (2.0 - 2.0 * dot) * MM_EARTH_RADIUS_KM * MM_EARTH_RADIUS_KM;
}

static inline double mm_i_beyond_chord_km2(double limit_km) {
  return limit_km * limit_km * (1.0 + 1e-6);
}

static inline gboolean mm_i_unit_certainly_beyond(double dot, double limit_km) {
  return mm_i_unit_chord_km2(dot) > mm_i_beyond_chord_km2(limit_km);
}
