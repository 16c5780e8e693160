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
 * of mm_i_pair_score() bit for bit, as long as each profile holds every mentor
 * field its criteria and rules read: profile_key() in mentor-profiles.c
 * lists them, next to the functions that read them.
 *
 * Built once by mm_pool_prepare() with the encoding; read-only afterwards. */
#pragma once

#include "encoding.h"

typedef enum {
  MM_PROFILE_CARE,      /* care_experience, mentor_type */
  MM_PROFILE_GENDER,    /* gender; rule mentor_must:gender */
  MM_PROFILE_ETHNICITY, /* ethnicity */
  MM_PROFILE_RELIGION,  /* religion */
  MM_PROFILE_AGE,       /* age (and whether a peer mentor); rule age_gap */
  MM_PROFILE_LANGUAGE,  /* language */
  MM_PROFILE_RULES,     /* rules age_range, checks, training */
  /* care, gender, ethnicity, religion and language profiles together: the
   * first criteria of mm_i_sum_order */
  MM_PROFILE_BACKGROUND,
  MM_PROFILE_PLACE, /* whether distance applies, and its limit */
  MM_N_PROFILES
} MmProfileKind;

/* ---- a row's table of terms ----
 * The row scorer tabulates, for one young person, each verdict a pair can
 * get as a *term* (score.c). The table is laid out the same way for every
 * row of a pool, so each mentor's keys can hold the byte offsets of its own
 * terms, and a pair finds a term in one load: first the terms of each count
 * of shared items (every count the sets can reach), then one term per
 * profile for each slot below. */

/* The counting criteria, in the table's order. */
typedef enum {
  MM_COUNT_INTERESTS,
  MM_COUNT_NEEDS,
  MM_COUNT_ASPIRATIONS,
  MM_COUNT_AVAILABILITY,
  MM_N_COUNTS
} MmCount;

/* The terms found through a mentor profile, each reading the profile of
 * the same number but mentor type, which reads the care profile
 * (MM_PROFILE_CARE holds the mentor's type). The rules slot holds rule bits
 * only; the background slot, the running sum of the first criteria of
 * mm_i_sum_order (care experience to mentor type). A mentor's keys hold the
 * offsets of the first MM_N_KEYED_SLOTS; its mentor type term sits
 * MmMentorProfiles.mentor_type_shift bytes after its care term. */
typedef enum {
  MM_TERM_CARE,
  MM_TERM_GENDER,
  MM_TERM_ETHNICITY,
  MM_TERM_RELIGION,
  MM_TERM_AGE,
  MM_TERM_LANGUAGE,
  MM_TERM_RULES,
  MM_TERM_BACKGROUND,
  MM_N_KEYED_SLOTS,
  MM_TERM_MENTOR_TYPE = MM_N_KEYED_SLOTS,
  MM_N_TERM_SLOTS
} MmTermSlot;

G_STATIC_ASSERT((int)MM_TERM_BACKGROUND == (int)MM_PROFILE_BACKGROUND);

static inline MmProfileKind mm_i_slot_profile(MmTermSlot slot) {
  return slot == MM_TERM_MENTOR_TYPE ? MM_PROFILE_CARE : (MmProfileKind)slot;
}

/* Bytes per term, and per place profile's distance facts, which follow
 * the terms in a row's table (score.c checks its types have these sizes). */
#define MM_ROW_TERM_BYTES 32
#define MM_ROW_PLACE_BYTES 128

/* Index of the first term of counting criterion @count, given the words
 * per set; the counting terms run from count 0 to every bit of the set.
 * Inline so that the row scorer's copy for one-word sets gets constants. */
static inline guint mm_i_row_count_first(MmCount count, guint w_interests,
                                       guint w_needs, guint w_sectors) {
  const guint size[MM_N_COUNTS] = {
      w_interests * MM_WORD_BITS + 1, w_needs * MM_WORD_BITS + 1,
      w_sectors * MM_WORD_BITS + 1, MM_N_SLOTS + 1};
  guint first = 0;
  for (guint c = 0; c < count; c++)
    first += size[c];
  return first;
}

/* What the row scorer reads of one mentor for every pair: one cache line. */
typedef struct {
  /* byte offset in a row's table of the mentor's term of each keyed slot */
  guint32 term[MM_N_KEYED_SLOTS];
  /* byte offset in a row's table of the distance facts of the mentor's
   * profile of kind MM_PROFILE_PLACE */
  guint32 place;
  guint32 availability;
  double x, y, z; /* unit vector of the home location */
} MmMentorKeys;

G_STATIC_ASSERT(sizeof(MmMentorKeys) == 64);

struct MmMentorProfiles {
  guint n_mentors;
  guint n_profiles[MM_N_PROFILES];
  guint *representative[MM_N_PROFILES]; /* a mentor of each profile */
  MmMentorKeys *keys;                   /* n_mentors */
  /* A row's table: the index of each slot's first term, all its terms, and
   * its size in bytes with the place profiles' facts after the terms. */
  guint slot_first[MM_N_TERM_SLOTS];
  gsize n_terms, table_bytes;
  guint32 mentor_type_shift; /* see MmTermSlot */
  /* FALSE when the table is too big for the keys' 32-bit offsets (a pool
   * of some 16 million mentors): keys then hold no offsets. */
  gboolean keys_hold_terms;
  /* The sets the counting criteria read, mentor after mentor: each
   * mentor's interests, skills and sectors side by side (W words each), so
   * that one pointer reaches all three. */
  MmWord *counted_sets;
};
typedef struct MmMentorProfiles MmMentorProfiles;

MmMentorProfiles *mm_i_mentor_profiles_build(const MmEncoding *encoding);
void mm_i_mentor_profiles_free(MmMentorProfiles *profiles);
