/* pool-private.h: the person model behind MmPool (internal).
 *
 * Each person is held as validated, folded and interned values (MmPerson).
 * mm_pool_prepare() then builds the compact per-side arrays the scorer runs
 * on (MmEncoding, see encoding.h): data flow one way, load -> encode -> score.
 */
#pragma once

#ifndef MENTORMATCH_COMPILATION
#define MENTORMATCH_COMPILATION
#endif
#include "mentormatch.h"
#include "dates.h"
#include "tokens.h"

/* Tri-state booleans: the contract (docs/) says an empty boolean means "not known". */
typedef gint8 MmTri;
#define MM_TRI_UNKNOWN ((MmTri)-1)
#define MM_TRI_NO ((MmTri)0)
#define MM_TRI_YES ((MmTri)1)

typedef enum {
  MM_MENTOR_PAID,
  MM_MENTOR_VOLUNTEER,
  MM_MENTOR_PEER,
  MM_MENTOR_NATURAL,
  MM_N_MENTOR_TYPES
} MmMentorType;

/* The preference names a `must` list may hold, in the order of the
 * MM_RULE_MUST_* rules (MM_RULE_MUST_GENDER + pref is the rule). */
typedef enum {
  MM_PREF_GENDER,
  MM_PREF_ETHNICITY,
  MM_PREF_RELIGION,
  MM_PREF_CARE_EXPERIENCED,
  MM_PREF_AGE,
  MM_PREF_MENTOR_TYPE,
  MM_PREF_LANGUAGE,
  MM_N_PREFS
} MmPreference;

/* One vocabulary per kind of token, so that each kind's codes are dense and
 * its bitsets short. Needs and skills share one (a skill covers a need of the
 * same name; "X-informed" is folded to "X"), as do aspirations and sectors. */
typedef enum {
  MM_VOCAB_GENDER,
  MM_VOCAB_ETHNICITY,       /* full "group: detail" */
  MM_VOCAB_ETHNIC_GROUP,    /* the part before the first ':' */
  MM_VOCAB_RELIGION,
  MM_VOCAB_LANGUAGE,
  MM_VOCAB_INTEREST,
  MM_VOCAB_NEED,
  MM_VOCAB_SECTOR,
  MM_N_VOCABS
} MmVocab;

/* A sorted list of distinct token codes; @codes is NULL when empty, and
 * otherwise in the pool's code store (MmPool.code_blocks). */
typedef struct {
  gint32 *codes;
  guint n;
} MmCodes;

/* pref_ethnicity keywords, as bits. */
#define MM_ETH_SAME 1u            /* same group and detail */
#define MM_ETH_SAME_GROUP 2u
#define MM_ETH_DIFFERENT_GROUP 4u

/* Availability: 7 days x 3 parts (am, pm, eve); bit = day * 3 + part, with
 * mon = 0 ... sun = 6. */
#define MM_N_SLOTS 21

#define MM_UNSET_INT (-1)

typedef struct {
  /* both sides */
  const char *id;     /* in pool->strings */
  const char *source; /* file or JSON path, in pool->strings */
  guint line;         /* physical line the record starts on; 0 if none */
  gint age;
  gint32 gender;      /* MM_VOCAB_GENDER code or MM_NO_TOKEN */
  gint32 ethnicity;   /* MM_VOCAB_ETHNICITY code or MM_NO_TOKEN (no detail) */
  gint32 ethnic_group;/* MM_VOCAB_ETHNIC_GROUP code or MM_NO_TOKEN */
  gint32 religion;
  MmCodes languages;
  MmCodes interests;
  MmTri care_experienced;
  gboolean has_location;
  double lat, lon;    /* degrees, valid when has_location */
  MmTri remote;
  guint32 availability; /* MM_N_SLOTS bits */
  guint32 must;         /* bit (1u << MmPreference) */

  /* mentees */
  MmCodes needs;        /* MM_VOCAB_NEED */
  MmCodes aspirations;  /* MM_VOCAB_SECTOR */
  gint priority;        /* 0-3 */
  MmCodes pref_gender;
  MmCodes pref_ethnicity;       /* full ethnicities named */
  MmCodes pref_ethnic_group;    /* groups named */
  guint32 pref_ethnicity_flags; /* MM_ETH_* keywords */
  MmCodes pref_religion;
  gboolean pref_religion_same;
  MmTri pref_care_experienced;
  gint pref_age_min, pref_age_max; /* MM_UNSET_INT when not given */
  guint32 pref_mentor_type;        /* bit (1u << MmMentorType); 0 = none */
  MmCodes pref_language;
  /* The six lists below are never NULL. An empty one is, until something
   * is added to it, the pool's shared empty list (MmPool.no_ids,
   * no_mentors): a mentor file has no use for them, and six allocations
   * per person were some 15% of the time of loading one. Add to a list only
   * through mm_i_person_own_ids() / mm_i_person_own_mentors() (person.h). */
  GPtrArray *preferred_ids;        /* char* (in pool->strings), in order */
  GPtrArray *excluded_ids;
  GPtrArray *previous_ids;         /* mentors of matches that have ended */
  GArray *preferred_mentors;       /* guint mentor index; set by prepare */
  GArray *excluded_mentors;        /* guint mentor index; set by prepare */
  GArray *previous_mentors;        /* guint mentor index; set by prepare */
  MmDay waiting_since;             /* MM_NO_DAY when not given */

  /* mentors */
  gint capacity;                   /* 1-20 */
  MmMentorType mentor_type;
  MmTri checks_cleared;
  double training_hours;
  MmCodes skills;                  /* MM_VOCAB_NEED */
  MmCodes sectors;                 /* MM_VOCAB_SECTOR */
  double max_distance_km;          /* NAN when not given */
  gint mentee_age_min, mentee_age_max; /* MM_UNSET_INT when not given */
  MmCodes pref_mentee_gender;
} MmPerson;

typedef struct MmEncoding MmEncoding;

struct MmPool {
  gint ref_count; /* atomic: results that read the pool hold a reference */
  gboolean prepared;
  MmTokenTable *vocab[MM_N_VOCABS];
  GPtrArray *people[2];     /* [MmSide] -> MmPerson*, input order */
  GHashTable *index[2];     /* [MmSide] id -> GUINT_TO_POINTER(index + 1) */
  GStringChunk *strings;    /* ids, sources, named mentor ids */
  /* The code lists of every person (MmCodes), back to back in blocks
   * freed with the pool: a person has a dozen lists of a few codes, and an
   * allocation each cost more than filling them. */
  GPtrArray *code_blocks;
  gint32 *code_next;        /* free room in the last block */
  gsize code_room;
  GPtrArray *no_ids;        /* the empty id list persons share (MmPerson) */
  GArray *no_mentors;       /* the empty mentor index list they share */
  MmEncoding *encoding;     /* built by prepare */
  MmDay as_of;              /* MM_NO_DAY until set, or today at prepare */
};

static inline const MmPerson *mm_i_pool_mentee(const MmPool *pool, guint i) {
  return g_ptr_array_index(pool->people[MM_SIDE_MENTEE], i);
}
static inline const MmPerson *mm_i_pool_mentor(const MmPool *pool, guint i) {
  return g_ptr_array_index(pool->people[MM_SIDE_MENTOR], i);
}

/* Name of a `must` preference ("gender", ...) and the reverse. */
const char *mm_i_preference_name(MmPreference pref);
gboolean mm_i_preference_from_name(const char *folded, MmPreference *pref);

/* Name of a mentor type ("paid", ...) and the reverse. */
const char *mm_i_mentor_type_name(MmMentorType type);
gboolean mm_i_mentor_type_from_name(const char *folded, MmMentorType *type);

/* Availability slot name ("sat-am") for bit @slot. */
const char *mm_i_slot_name(guint slot);

/* Whether a sorted code list holds @code. */
gboolean mm_i_codes_contains(const MmCodes *codes, gint32 code);
