/* mentor-profiles.c: groups mentors into profiles (see mentor-profiles.h). */
#include "mentor-profiles.h"

#include <string.h>

static void put(GByteArray *key, const void *field, gsize size) {
  g_byte_array_append(key, field, (guint)size);
}

#define PUT(key, field) put((key), &(field), sizeof(field))

/* The bytes that identify a mentor's profile of @kind: every MmMentorCode
 * field the criteria and rules of that kind read (criteria.h), and nothing
 * else. A field read but missing here would make the row scorer give two
 * different mentors the same verdict; the scorer's tests compare it with
 * mm_i_pair_score() on random pools to catch that. */
static void append_profile_key(const MmEncoding *enc, const MmMentorCode *b,
                               MmProfileKind kind, GByteArray *key) {
  switch (kind) {
  case MM_PROFILE_CARE: { /* mm_i_criterion_care_experience, _mentor_type,
                            mm_i_rule_natural_unnamed */
    /* a peer mentor's age decides whether they are a near-peer */
    gint peer_age = b->type == MM_MENTOR_PEER ? b->age : -1;
    PUT(key, b->type);
    PUT(key, b->care_experienced);
    PUT(key, peer_age);
    break;
  }
  case MM_PROFILE_GENDER: { /* mm_i_criterion_gender, mm_i_rule_mentor_must_gender */
    guint32 must_gender = b->must & (1u << MM_PREF_GENDER);
    PUT(key, b->gender);
    PUT(key, b->has_pref_mentee_gender);
    PUT(key, must_gender);
    put(key, b->set[MM_MENTOR_SET_PREF_MENTEE_GENDER],
        enc->n_words[MM_VOCAB_GENDER] * sizeof(MmWord));
    break;
  }
  case MM_PROFILE_ETHNICITY: /* mm_i_criterion_ethnicity */
    PUT(key, b->ethnicity);
    PUT(key, b->ethnic_group);
    break;
  case MM_PROFILE_RELIGION: /* mm_i_criterion_religion */
    PUT(key, b->religion);
    break;
  case MM_PROFILE_AGE: /* mm_i_criterion_age, mm_i_rule_age_gap */
    PUT(key, b->age);
    PUT(key, b->type);
    break;
  case MM_PROFILE_LANGUAGE: /* mm_i_criterion_language */
    PUT(key, b->has_languages);
    put(key, b->set[MM_MENTOR_SET_LANGUAGES],
        enc->n_words[MM_VOCAB_LANGUAGE] * sizeof(MmWord));
    break;
  case MM_PROFILE_RULES: /* mm_i_rule_age_range, _checks, _training */
    PUT(key, b->mentee_age_min);
    PUT(key, b->mentee_age_max);
    PUT(key, b->checks_cleared);
    PUT(key, b->training_hours);
    break;
  case MM_PROFILE_BACKGROUND: /* each of the kinds it brings together */
    for (MmProfileKind part = MM_PROFILE_CARE; part <= MM_PROFILE_LANGUAGE;
         part++)
      if (part != MM_PROFILE_AGE)
        append_profile_key(enc, b, part, key);
    break;
  case MM_PROFILE_PLACE: /* mm_i_pair_distance_applies, _criterion_applies,
                            _distance_limit_km */
  default:
    PUT(key, b->has_location);
    PUT(key, b->remote);
    PUT(key, b->max_distance_km); /* NAN compares by its bytes here */
    break;
  }
}

#undef PUT

static void profile_key(const MmEncoding *enc, const MmMentorCode *b,
                        MmProfileKind kind, GByteArray *key) {
  g_byte_array_set_size(key, 0);
  append_profile_key(enc, b, kind, key);
}

/* Numbers the distinct profiles of @kind in order of first appearance:
 * @profile[j] gets mentor j's. */
static void group(MmMentorProfiles *mp, const MmEncoding *enc,
                  MmProfileKind kind, guint *profile) {
  GHashTable *seen = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
                                           (GDestroyNotify)g_bytes_unref, NULL);
  GArray *representative = g_array_new(FALSE, FALSE, sizeof(guint));
  GByteArray *key = g_byte_array_new();
  for (guint j = 0; j < enc->n_mentors; j++) {
    profile_key(enc, &enc->mentors[j], kind, key);
    GBytes *bytes = g_bytes_new(key->data, key->len);
    gpointer found;
    if (g_hash_table_lookup_extended(seen, bytes, NULL, &found)) {
      profile[j] = GPOINTER_TO_UINT(found);
      g_bytes_unref(bytes);
      continue;
    }
    profile[j] = representative->len;
    g_hash_table_insert(seen, bytes, GUINT_TO_POINTER(representative->len));
    g_array_append_val(representative, j);
  }
  mp->n_profiles[kind] = representative->len;
  mp->representative[kind] = (guint *)g_array_free(representative, FALSE);
  g_byte_array_unref(key);
  g_hash_table_destroy(seen);
}

/* A row's table (mentor-profiles.h): the counting terms, then each slot's
 * profiles. */
static void lay_out_terms(MmMentorProfiles *mp, const MmEncoding *enc) {
  gsize next = mm_i_row_count_first(MM_N_COUNTS, enc->n_words[MM_VOCAB_INTEREST],
                                  enc->n_words[MM_VOCAB_NEED],
                                  enc->n_words[MM_VOCAB_SECTOR]);
  for (guint slot = 0; slot < MM_N_TERM_SLOTS; slot++) {
    mp->slot_first[slot] = (guint)next;
    next += mp->n_profiles[mm_i_slot_profile(slot)];
  }
  mp->n_terms = next;
  mp->mentor_type_shift =
      (guint32)(mp->slot_first[MM_TERM_MENTOR_TYPE] -
                mp->slot_first[MM_TERM_CARE]) *
      MM_ROW_TERM_BYTES;
  mp->table_bytes =
      next * MM_ROW_TERM_BYTES +
      (gsize)mp->n_profiles[MM_PROFILE_PLACE] * MM_ROW_PLACE_BYTES;
}

/* The sets the counting criteria read, mentor after mentor. */
static MmWord *gather_counted_sets(const MmEncoding *enc) {
  static const struct {
    MmMentorSet set;
    MmVocab vocab;
  } counted[] = {{MM_MENTOR_SET_INTERESTS, MM_VOCAB_INTEREST},
                 {MM_MENTOR_SET_SKILLS, MM_VOCAB_NEED},
                 {MM_MENTOR_SET_SECTORS, MM_VOCAB_SECTOR}};
  gsize stride = 0;
  for (guint c = 0; c < G_N_ELEMENTS(counted); c++)
    stride += enc->n_words[counted[c].vocab];
  MmWord *words = g_new0(MmWord, MAX(enc->n_mentors * stride, 1));
  MmWord *next = words;
  for (guint j = 0; j < enc->n_mentors; j++)
    for (guint c = 0; c < G_N_ELEMENTS(counted); c++) {
      guint w = enc->n_words[counted[c].vocab];
      memcpy(next, enc->mentors[j].set[counted[c].set], w * sizeof(MmWord));
      next += w;
    }
  return words;
}

MmMentorProfiles *mm_i_mentor_profiles_build(const MmEncoding *enc) {
  MmMentorProfiles *mp = g_new0(MmMentorProfiles, 1);
  mp->n_mentors = enc->n_mentors;
  mp->keys = g_new0(MmMentorKeys, MAX(enc->n_mentors, 1));
  guint *profile[MM_N_PROFILES];
  for (guint kind = 0; kind < MM_N_PROFILES; kind++) {
    profile[kind] = g_new(guint, MAX(enc->n_mentors, 1));
    group(mp, enc, kind, profile[kind]);
  }
  lay_out_terms(mp, enc);
  mp->keys_hold_terms = mp->table_bytes <= G_MAXUINT32;
  for (guint j = 0; j < enc->n_mentors; j++) {
    const MmMentorCode *b = &enc->mentors[j];
    MmMentorKeys *keys = &mp->keys[j];
    for (guint slot = 0; slot < MM_N_KEYED_SLOTS && mp->keys_hold_terms; slot++)
      keys->term[slot] =
          (mp->slot_first[slot] + profile[mm_i_slot_profile(slot)][j]) *
          MM_ROW_TERM_BYTES;
    keys->place = (guint32)(mp->n_terms * MM_ROW_TERM_BYTES +
                            (gsize)profile[MM_PROFILE_PLACE][j] *
                                MM_ROW_PLACE_BYTES);
    keys->availability = b->availability;
    keys->x = b->x;
    keys->y = b->y;
    keys->z = b->z;
  }
  for (guint kind = 0; kind < MM_N_PROFILES; kind++)
    g_free(profile[kind]);
  mp->counted_sets = gather_counted_sets(enc);
  return mp;
}

void mm_i_mentor_profiles_free(MmMentorProfiles *mp) {
  if (mp == NULL)
    return;
  for (guint kind = 0; kind < MM_N_PROFILES; kind++)
    g_free(mp->representative[kind]);
  g_free(mp->keys);
  g_free(mp->counted_sets);
  g_free(mp);
}
