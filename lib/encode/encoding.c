/* encoding.c: builds the compact arrays of encoding.h from the person model.
 *
 * All bitsets of a pool live in one block, all named and excluded mentor
 * lists in two more, so an encoding is four allocations plus its codes. */
#include "encoding.h"
#include "mentor-profiles.h"

#include <string.h>

static const MmVocab mentee_set_vocabs[MM_MENTEE_N_SETS] = {
    [MM_MENTEE_SET_INTERESTS] = MM_VOCAB_INTEREST,
    [MM_MENTEE_SET_LANGUAGES] = MM_VOCAB_LANGUAGE,
    [MM_MENTEE_SET_NEEDS] = MM_VOCAB_NEED,
    [MM_MENTEE_SET_ASPIRATIONS] = MM_VOCAB_SECTOR,
    [MM_MENTEE_SET_PREF_GENDER] = MM_VOCAB_GENDER,
    [MM_MENTEE_SET_PREF_ETHNICITY] = MM_VOCAB_ETHNICITY,
    [MM_MENTEE_SET_PREF_ETHNIC_GROUP] = MM_VOCAB_ETHNIC_GROUP,
    [MM_MENTEE_SET_PREF_RELIGION] = MM_VOCAB_RELIGION,
    [MM_MENTEE_SET_PREF_LANGUAGE] = MM_VOCAB_LANGUAGE,
};

static const MmVocab mentor_set_vocabs[MM_MENTOR_N_SETS] = {
    [MM_MENTOR_SET_INTERESTS] = MM_VOCAB_INTEREST,
    [MM_MENTOR_SET_LANGUAGES] = MM_VOCAB_LANGUAGE,
    [MM_MENTOR_SET_SKILLS] = MM_VOCAB_NEED,
    [MM_MENTOR_SET_SECTORS] = MM_VOCAB_SECTOR,
    [MM_MENTOR_SET_PREF_MENTEE_GENDER] = MM_VOCAB_GENDER,
};

MmVocab mm_i_mentee_set_vocab(MmMenteeSet set) { return mentee_set_vocabs[set]; }
MmVocab mm_i_mentor_set_vocab(MmMentorSet set) { return mentor_set_vocabs[set]; }

static const MmCodes *mentee_set_codes(const MmPerson *p, MmMenteeSet set) {
  switch (set) {
  case MM_MENTEE_SET_INTERESTS:
    return &p->interests;
  case MM_MENTEE_SET_LANGUAGES:
    return &p->languages;
  case MM_MENTEE_SET_NEEDS:
    return &p->needs;
  case MM_MENTEE_SET_ASPIRATIONS:
    return &p->aspirations;
  case MM_MENTEE_SET_PREF_GENDER:
    return &p->pref_gender;
  case MM_MENTEE_SET_PREF_ETHNICITY:
    return &p->pref_ethnicity;
  case MM_MENTEE_SET_PREF_ETHNIC_GROUP:
    return &p->pref_ethnic_group;
  case MM_MENTEE_SET_PREF_RELIGION:
    return &p->pref_religion;
  case MM_MENTEE_SET_PREF_LANGUAGE:
  default:
    return &p->pref_language;
  }
}

static const MmCodes *mentor_set_codes(const MmPerson *p, MmMentorSet set) {
  switch (set) {
  case MM_MENTOR_SET_INTERESTS:
    return &p->interests;
  case MM_MENTOR_SET_LANGUAGES:
    return &p->languages;
  case MM_MENTOR_SET_SKILLS:
    return &p->skills;
  case MM_MENTOR_SET_SECTORS:
    return &p->sectors;
  case MM_MENTOR_SET_PREF_MENTEE_GENDER:
  default:
    return &p->pref_mentee_gender;
  }
}

/* Sets the bits of @codes in @bits (W words, zeroed); codes outside the
 * vocabulary cannot occur in a validated pool but are skipped, not trusted. */
static void fill_bits(MmWord *bits, guint n_words, const MmCodes *codes) {
  for (guint k = 0; k < codes->n; k++) {
    gint32 code = codes->codes[k];
    if (code < 0 || (guint)code >= n_words * MM_WORD_BITS)
      continue;
    bits[code / MM_WORD_BITS] |= (MmWord)1 << (code % MM_WORD_BITS);
  }
}

static void unit_vector(const MmPerson *p, gboolean *has, double *x, double *y,
                        double *z) {
  *has = p->has_location;
  *x = *y = *z = 0.0;
  if (!p->has_location)
    return;
  double lat = p->lat * (G_PI / 180.0), lon = p->lon * (G_PI / 180.0);
  *x = cos(lat) * cos(lon);
  *y = cos(lat) * sin(lon);
  *z = sin(lat);
}

static guint array_len(const GArray *array) {
  return array != NULL ? array->len : 0;
}

static int compare_named(const void *a, const void *b) {
  const MmNamedMentor *x = a, *y = b;
  if (x->mentor != y->mentor)
    return x->mentor < y->mentor ? -1 : 1;
  return x->place < y->place ? -1 : (x->place > y->place);
}

static int compare_guint(const void *a, const void *b) {
  guint x = *(const guint *)a, y = *(const guint *)b;
  return x < y ? -1 : (x > y);
}

/* Copies the named mentors sorted by mentor; a mentor named twice keeps
 * its earlier place. Returns the number kept. */
static guint encode_named(const GArray *preferred, MmNamedMentor *out) {
  guint n = array_len(preferred);
  for (guint k = 0; k < n; k++)
    out[k] = (MmNamedMentor){g_array_index(preferred, guint, k), k};
  qsort(out, n, sizeof *out, compare_named);
  guint kept = 0;
  for (guint k = 0; k < n; k++)
    if (kept == 0 || out[kept - 1].mentor != out[k].mentor)
      out[kept++] = out[k];
  return kept;
}

/* A set of mentor indices (excluded or previous mentors), sorted for
 * lookup by bisection. */
static guint encode_mentor_set(const GArray *mentors, guint *out) {
  guint n = array_len(mentors);
  if (n > 0)
    memcpy(out, mentors->data, n * sizeof(guint));
  qsort(out, n, sizeof *out, compare_guint);
  guint kept = 0;
  for (guint k = 0; k < n; k++)
    if (kept == 0 || out[kept - 1] != out[k])
      out[kept++] = out[k];
  return kept;
}

static void encode_mentee(const MmPerson *p, MmMenteeCode *c) {
  c->n_interests = p->interests.n;
  c->n_needs = p->needs.n;
  c->n_aspirations = p->aspirations.n;
  c->has_languages = p->languages.n > 0;
  c->has_pref_gender = p->pref_gender.n > 0;
  c->has_pref_ethnicity = p->pref_ethnicity.n > 0 ||
                          p->pref_ethnic_group.n > 0 ||
                          p->pref_ethnicity_flags != 0;
  c->has_pref_religion = p->pref_religion.n > 0 || p->pref_religion_same;
  c->has_pref_language = p->pref_language.n > 0;
  c->gender = p->gender;
  c->ethnicity = p->ethnicity;
  c->ethnic_group = p->ethnic_group;
  c->religion = p->religion;
  c->age = p->age;
  c->care_experienced = p->care_experienced;
  c->pref_care_experienced = p->pref_care_experienced;
  c->remote = p->remote;
  c->availability = p->availability;
  c->must = p->must;
  c->pref_ethnicity_flags = p->pref_ethnicity_flags;
  c->pref_religion_same = p->pref_religion_same;
  c->pref_age_min = p->pref_age_min;
  c->pref_age_max = p->pref_age_max;
  c->pref_mentor_type = p->pref_mentor_type;
  c->priority = (guint)p->priority;
  unit_vector(p, &c->has_location, &c->x, &c->y, &c->z);
}

/* Full weeks from @since to @as_of, at most MM_WAITING_WEEKS_MAX; 0 when
 * not given (prepare has refused a date after @as_of). */
static guint waiting_weeks(MmDay since, MmDay as_of) {
  if (since == MM_NO_DAY || since > as_of)
    return 0;
  return MIN((as_of - since) / 7, MM_WAITING_WEEKS_MAX);
}

static void encode_mentor(const MmPerson *p, MmMentorCode *c) {
  c->has_languages = p->languages.n > 0;
  c->has_pref_mentee_gender = p->pref_mentee_gender.n > 0;
  c->gender = p->gender;
  c->ethnicity = p->ethnicity;
  c->ethnic_group = p->ethnic_group;
  c->religion = p->religion;
  c->age = p->age;
  c->mentee_age_min = p->mentee_age_min;
  c->mentee_age_max = p->mentee_age_max;
  c->care_experienced = p->care_experienced;
  c->checks_cleared = p->checks_cleared;
  c->remote = p->remote;
  c->type = p->mentor_type;
  c->availability = p->availability;
  c->must = p->must;
  c->max_distance_km = p->max_distance_km;
  c->training_hours = p->training_hours;
  unit_vector(p, &c->has_location, &c->x, &c->y, &c->z);
}

MmEncoding *mm_i_encoding_build(const MmPool *pool) {
  g_return_val_if_fail(pool != NULL, NULL);
  MmEncoding *enc = g_new0(MmEncoding, 1);
  for (guint v = 0; v < MM_N_VOCABS; v++) {
    guint size = pool->vocab[v] != NULL ? mm_i_tokens_count(pool->vocab[v]) : 0;
    enc->n_words[v] = (size + MM_WORD_BITS - 1) / MM_WORD_BITS;
  }
  const GPtrArray *mentees = pool->people[MM_SIDE_MENTEE];
  const GPtrArray *mentors = pool->people[MM_SIDE_MENTOR];
  enc->n_mentees = mentees != NULL ? mentees->len : 0;
  enc->n_mentors = mentors != NULL ? mentors->len : 0;

  gsize mentee_words = 0, mentor_words = 0, n_named = 0, n_excluded = 0,
        n_previous = 0;
  for (guint s = 0; s < MM_MENTEE_N_SETS; s++)
    mentee_words += enc->n_words[mentee_set_vocabs[s]];
  for (guint s = 0; s < MM_MENTOR_N_SETS; s++)
    mentor_words += enc->n_words[mentor_set_vocabs[s]];
  for (guint i = 0; i < enc->n_mentees; i++) {
    const MmPerson *p = g_ptr_array_index(mentees, i);
    n_named += array_len(p->preferred_mentors);
    n_excluded += array_len(p->excluded_mentors);
    n_previous += array_len(p->previous_mentors);
  }

  enc->words = g_new0(MmWord, MAX(enc->n_mentees * mentee_words +
                                      enc->n_mentors * mentor_words, 1));
  enc->named = g_new(MmNamedMentor, MAX(n_named, 1));
  enc->excluded = g_new(guint, MAX(n_excluded, 1));
  enc->previous = g_new(guint, MAX(n_previous, 1));
  enc->mentees = g_new0(MmMenteeCode, MAX(enc->n_mentees, 1));
  enc->mentors = g_new0(MmMentorCode, MAX(enc->n_mentors, 1));

  MmWord *next_words = enc->words;
  MmNamedMentor *next_named = enc->named;
  guint *next_excluded = enc->excluded;
  guint *next_previous = enc->previous;
  for (guint i = 0; i < enc->n_mentees; i++) {
    const MmPerson *p = g_ptr_array_index(mentees, i);
    MmMenteeCode *c = &enc->mentees[i];
    encode_mentee(p, c);
    for (guint s = 0; s < MM_MENTEE_N_SETS; s++) {
      guint w = enc->n_words[mentee_set_vocabs[s]];
      fill_bits(next_words, w, mentee_set_codes(p, s));
      c->set[s] = next_words;
      next_words += w;
    }
    c->named = next_named;
    c->n_named = encode_named(p->preferred_mentors, next_named);
    next_named += array_len(p->preferred_mentors);
    c->excluded = next_excluded;
    c->n_excluded = encode_mentor_set(p->excluded_mentors, next_excluded);
    next_excluded += array_len(p->excluded_mentors);
    c->previous = next_previous;
    c->n_previous = encode_mentor_set(p->previous_mentors, next_previous);
    next_previous += array_len(p->previous_mentors);
    c->waiting_weeks = waiting_weeks(p->waiting_since, pool->as_of);
  }
  for (guint j = 0; j < enc->n_mentors; j++) {
    const MmPerson *p = g_ptr_array_index(mentors, j);
    MmMentorCode *c = &enc->mentors[j];
    encode_mentor(p, c);
    for (guint s = 0; s < MM_MENTOR_N_SETS; s++) {
      guint w = enc->n_words[mentor_set_vocabs[s]];
      fill_bits(next_words, w, mentor_set_codes(p, s));
      c->set[s] = next_words;
      next_words += w;
    }
  }
  enc->profiles = mm_i_mentor_profiles_build(enc);
  return enc;
}

void mm_i_encoding_free(MmEncoding *encoding) {
  if (encoding == NULL)
    return;
  mm_i_mentor_profiles_free(encoding->profiles);
  g_free(encoding->words);
  g_free(encoding->named);
  g_free(encoding->excluded);
  g_free(encoding->previous);
  g_free(encoding->mentees);
  g_free(encoding->mentors);
  g_free(encoding);
}
