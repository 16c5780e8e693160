/* person.c: MmPerson allocation and the small name tables of the person
 * model (preferences, mentor types, availability slots, sorted codes). */
#include "person.h"

#include <math.h>
#include <string.h>

/* Spelled as the contract (docs/) spells them; indexed by MmPreference. */
static const char *const preference_names[MM_N_PREFS] = {
    [MM_PREF_GENDER] = "gender",
    [MM_PREF_ETHNICITY] = "ethnicity",
    [MM_PREF_RELIGION] = "religion",
    [MM_PREF_CARE_EXPERIENCED] = "care_experienced",
    [MM_PREF_AGE] = "age",
    [MM_PREF_MENTOR_TYPE] = "mentor_type",
    [MM_PREF_LANGUAGE] = "language",
};

static const char *const mentor_type_names[MM_N_MENTOR_TYPES] = {
    [MM_MENTOR_PAID] = "paid",
    [MM_MENTOR_VOLUNTEER] = "volunteer",
    [MM_MENTOR_PEER] = "peer",
    [MM_MENTOR_NATURAL] = "natural",
};

/* bit = day * 3 + part (pool-private.h). */
static const char *const slot_names[MM_N_SLOTS] = {
    "mon-am",  "mon-pm",  "mon-eve", "tue-am",  "tue-pm",  "tue-eve", "wed-am",
    "wed-pm",  "wed-eve", "thu-am",  "thu-pm",  "thu-eve", "fri-am",  "fri-pm",
    "fri-eve", "sat-am",  "sat-pm",  "sat-eve", "sun-am",  "sun-pm",  "sun-eve",
};

/* Index of @name in @names[0..n), or -1. The first bytes are compared
 * before calling strcmp(): availability lists are read for every person. */
static gint name_index(const char *const *names, guint n, const char *name) {
  for (guint i = 0; i < n; i++)
    if (names[i][0] == name[0] && strcmp(names[i], name) == 0)
      return (gint)i;
  return -1;
}

const char *mm_i_preference_name(MmPreference pref) {
  g_return_val_if_fail(pref < MM_N_PREFS, NULL);
  return preference_names[pref];
}

gboolean mm_i_preference_from_name(const char *folded, MmPreference *pref) {
  g_return_val_if_fail(folded != NULL && pref != NULL, FALSE);
  gint i = name_index(preference_names, MM_N_PREFS, folded);
  if (i < 0)
    return FALSE;
  *pref = (MmPreference)i;
  return TRUE;
}

const char *mm_i_mentor_type_name(MmMentorType type) {
  g_return_val_if_fail(type < MM_N_MENTOR_TYPES, NULL);
  return mentor_type_names[type];
}

gboolean mm_i_mentor_type_from_name(const char *folded, MmMentorType *type) {
  g_return_val_if_fail(folded != NULL && type != NULL, FALSE);
  gint i = name_index(mentor_type_names, MM_N_MENTOR_TYPES, folded);
  if (i < 0)
    return FALSE;
  *type = (MmMentorType)i;
  return TRUE;
}

const char *mm_i_slot_name(guint slot) {
  g_return_val_if_fail(slot < MM_N_SLOTS, NULL);
  return slot_names[slot];
}

gboolean mm_i_slot_from_name(const char *folded, guint *slot) {
  g_return_val_if_fail(folded != NULL && slot != NULL, FALSE);
  gint i = name_index(slot_names, MM_N_SLOTS, folded);
  if (i < 0)
    return FALSE;
  *slot = (guint)i;
  return TRUE;
}

gboolean mm_i_codes_contains(const MmCodes *codes, gint32 code) {
  g_return_val_if_fail(codes != NULL, FALSE);
  guint lo = 0, hi = codes->n;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (codes->codes[mid] == code)
      return TRUE;
    if (codes->codes[mid] < code)
      lo = mid + 1;
    else
      hi = mid;
  }
  return FALSE;
}

void mm_i_codes_set(MmPool *pool, MmCodes *codes, gint32 *values, guint n) {
  g_return_if_fail(pool != NULL && codes != NULL && (values != NULL || n == 0));
  /* Insertion sort: lists are short (a few items, MM_LIST_MAX_ITEMS at
   * most), where it beats qsort()'s call per comparison. */
  for (guint i = 1; i < n; i++) {
    gint32 v = values[i];
    guint k = i;
    for (; k > 0 && values[k - 1] > v; k--)
      values[k] = values[k - 1];
    values[k] = v;
  }
  guint distinct = 0;
  for (guint i = 0; i < n; i++)
    if (distinct == 0 || values[distinct - 1] != values[i])
      values[distinct++] = values[i];
  codes->n = distinct;
  codes->codes = mm_i_pool_codes_copy(pool, values, distinct);
}

MmPerson *mm_i_person_new(const MmPool *pool, MmSide side) {
  MmPerson *p = g_new0(MmPerson, 1);
  p->gender = p->ethnicity = p->ethnic_group = p->religion = MM_NO_TOKEN;
  p->care_experienced = p->remote = MM_TRI_UNKNOWN;
  p->lat = p->lon = NAN;
  p->pref_care_experienced = MM_TRI_UNKNOWN;
  p->pref_age_min = p->pref_age_max = MM_UNSET_INT;
  /* Every person gets the id and index lists, so readers never meet NULL;
   * empty ones are the pool's, shared. */
  p->preferred_ids = g_ptr_array_ref(pool->no_ids);
  p->excluded_ids = g_ptr_array_ref(pool->no_ids);
  p->previous_ids = g_ptr_array_ref(pool->no_ids);
  p->preferred_mentors = g_array_ref(pool->no_mentors);
  p->excluded_mentors = g_array_ref(pool->no_mentors);
  p->previous_mentors = g_array_ref(pool->no_mentors);
  /* A mentee takes no mentees: capacity only means something for mentors. */
  p->capacity = side == MM_SIDE_MENTOR ? 1 : 0;
  p->mentor_type = MM_MENTOR_VOLUNTEER;
  p->checks_cleared = MM_TRI_UNKNOWN;
  p->training_hours = 0.0;
  p->max_distance_km = NAN;
  p->mentee_age_min = p->mentee_age_max = MM_UNSET_INT;
  return p;
}

GPtrArray *mm_i_person_own_ids(const MmPool *pool, GPtrArray **ids) {
  g_return_val_if_fail(pool != NULL && ids != NULL && *ids != NULL, NULL);
  if (*ids == pool->no_ids) {
    g_ptr_array_unref(*ids);
    *ids = g_ptr_array_new();
  }
  return *ids;
}

GArray *mm_i_person_own_mentors(const MmPool *pool, GArray **mentors) {
  g_return_val_if_fail(pool != NULL && mentors != NULL && *mentors != NULL,
                       NULL);
  if (*mentors == pool->no_mentors) {
    g_array_unref(*mentors);
    *mentors = g_array_new(FALSE, FALSE, sizeof(guint));
  }
  return *mentors;
}

void mm_i_person_free(gpointer person) {
  MmPerson *p = person;
  if (p == NULL)
    return;
  /* Its code lists are in the pool's store. */
  g_ptr_array_unref(p->preferred_ids);
  g_ptr_array_unref(p->excluded_ids);
  g_ptr_array_unref(p->previous_ids);
  g_array_unref(p->preferred_mentors);
  g_array_unref(p->excluded_mentors);
  g_array_unref(p->previous_mentors);
  g_free(p);
}
