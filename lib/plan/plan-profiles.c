/* plan-profiles.c: candidate mentor profiles from the young people still
 * waiting (mm-plan.h, step 2).
 *
 * Each young person waiting gets a key: what a mentor must offer them to
 * meet their stated wishes and `must`s, the age that suits them, and where
 * (open to online mentoring, or the area they live in). Young people with
 * the same key form a group, and each group one profile: the key, plus what
 * most of the group shares (availability, interests, the skills their needs
 * call for, the sectors of their aspirations, languages), at the group's
 * centre. Only what the key asks for is fixed; a column left empty means
 * "any" (missing data never raises a score, so a recruit's own values can
 * only raise theirs). */
#include "plan-private.h"

#include "config-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const mm_i_plan_column_names[MM_PLAN_N_COLUMNS + 1] = {
    "id",           "age",         "gender",
    "ethnicity",    "religion",    "languages",
    "interests",    "care_experienced", "lat",
    "lon",          "remote",      "availability",
    "must",         "capacity",    "mentor_type",
    "checks_cleared", "training_hours", "skills",
    "sectors",      "max_distance_km", "mentee_age_min",
    "mentee_age_max", "pref_mentee_gender", NULL};

/* Slots, interests, skills, sectors and languages a profile offers. */
#define MAX_SLOTS 4
#define MAX_INTERESTS 3
#define MAX_SKILLS 3
#define MAX_SECTORS 2
#define MAX_LANGUAGES 2

/* The age of a mentor for a young person who states no wish about it: a
 * generation older, well inside the age criterion's full range (a gap of 6
 * to 35 years) for every young person of 5 to 29. */
#define ADULT_AGE 35
#define MENTOR_AGE_MIN 14
#define MENTOR_AGE_MAX 100

/* A peer serves young people of four consecutive ages (a band), two to five
 * years older than them: inside the near-peer gap of 2 to 6 years. */
#define PEER_BAND_YEARS 4
#define PEER_BAND_FIRST_AGE 5

void mm_i_plan_profile_free(gpointer profile) {
  MmPlanProfile *p = profile;
  if (p == NULL)
    return;
  for (guint c = 0; c < MM_PLAN_N_COLUMNS; c++)
    g_free(p->value[c]);
  g_free(p->description);
  g_free(p);
}

MmField *mm_i_plan_profile_fields(const MmPlanProfile *profile, const char *id,
                                gsize *n_fields) {
  MmField *fields = g_new(MmField, MM_PLAN_N_COLUMNS);
  gsize n = 0;
  for (guint c = 0; c < MM_PLAN_N_COLUMNS; c++) {
    const char *value = c == MM_PLAN_COL_ID ? id : profile->value[c];
    if (value != NULL && *value != '\0')
      fields[n++] = (MmField){mm_i_plan_column_names[c], value};
  }
  *n_fields = n;
  return fields;
}

char *mm_i_plan_number_text(double value) {
  for (int digits = 1; digits <= 17; digits++) {
    char *text = g_strdup_printf("%.*g", digits, value);
    if (g_ascii_strtod(text, NULL) == value && strchr(text, ',') == NULL)
      return text;
    g_free(text);
  }
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  return g_strdup(g_ascii_dtostr(buffer, sizeof buffer, value));
}

/* ---- what a token may be written as ---- */

/* A token's text goes into a CSV field that must read back as the same
 * token: the CSV writer neutralises a text that starts like a formula, and
 * a skill ending in "-informed" would be read as another need. Such tokens
 * are never offered. */
static gboolean text_is_writable(const char *text) {
  return text != NULL && *text != '\0' && strchr("=+-@\t\r", text[0]) == NULL &&
         strchr(text, ';') == NULL;
}

static const char *token_text(const MmPool *pool, MmVocab vocab, gint32 code) {
  if (code < 0)
    return NULL;
  const char *text = mm_i_tokens_display(pool->vocab[vocab], code);
  return text_is_writable(text) ? text : NULL;
}

static gboolean skill_is_writable(const MmPool *pool, gint32 need) {
  const char *text = token_text(pool, MM_VOCAB_NEED, need);
  if (text == NULL)
    return FALSE;
  const char *key = mm_i_tokens_name(pool->vocab[MM_VOCAB_NEED], need);
  return !g_str_has_suffix(key, "-informed") &&
         !g_str_has_suffix(key, " informed") &&
         !g_str_has_suffix(text, "-informed") &&
         !g_str_has_suffix(text, " informed");
}

/* The group code of a full ethnicity ("black: african" -> "black"). */
static gint32 group_of_ethnicity(const MmPool *pool, gint32 full) {
  const char *name = mm_i_tokens_name(pool->vocab[MM_VOCAB_ETHNICITY], full);
  const char *colon = strchr(name, ':');
  if (colon == NULL)
    return MM_NO_TOKEN;
  char *group = g_strstrip(g_strndup(name, (gsize)(colon - name)));
  gint32 code = mm_i_tokens_lookup(pool->vocab[MM_VOCAB_ETHNIC_GROUP], group);
  g_free(group);
  return code;
}

/* ---- demand: how many waiting young people ask for each token ---- */

typedef struct {
  guint *count;
  guint n;
} Tally;

static void tally_init(Tally *t, const MmPool *pool, MmVocab vocab) {
  t->n = mm_i_tokens_count(pool->vocab[vocab]);
  t->count = g_new0(guint, MAX(t->n, 1));
}

static void tally_codes(Tally *t, const MmCodes *codes) {
  for (guint k = 0; k < codes->n; k++)
    if ((guint)codes->codes[k] < t->n)
      t->count[codes->codes[k]]++;
}

/* The code of @codes most asked for overall (ties: the smaller code) among
 * those @ok accepts; MM_NO_TOKEN when none. */
static gint32 most_asked(const Tally *t, const MmCodes *codes,
                         const MmPool *pool, MmVocab vocab) {
  gint32 best = MM_NO_TOKEN;
  for (guint k = 0; k < codes->n; k++) {
    gint32 c = codes->codes[k];
    if (token_text(pool, vocab, c) == NULL)
      continue;
    if (best < 0 || t->count[c] > t->count[best])
      best = c;
  }
  return best;
}

typedef struct {
  Tally gender, ethnicity, ethnic_group, own_group, religion, language;
  guint type[MM_N_MENTOR_TYPES];
  gint32 common_group; /* the ethnic group most waiting young people are of */
} Demand;

static void demand_init(Demand *d, const MmPool *pool, const guint *waiting,
                        guint n_waiting) {
  memset(d, 0, sizeof *d);
  tally_init(&d->gender, pool, MM_VOCAB_GENDER);
  tally_init(&d->ethnicity, pool, MM_VOCAB_ETHNICITY);
  tally_init(&d->ethnic_group, pool, MM_VOCAB_ETHNIC_GROUP);
  tally_init(&d->own_group, pool, MM_VOCAB_ETHNIC_GROUP);
  tally_init(&d->religion, pool, MM_VOCAB_RELIGION);
  tally_init(&d->language, pool, MM_VOCAB_LANGUAGE);
  for (guint w = 0; w < n_waiting; w++) {
    const MmPerson *p = mm_i_pool_mentee(pool, waiting[w]);
    tally_codes(&d->gender, &p->pref_gender);
    tally_codes(&d->ethnicity, &p->pref_ethnicity);
    tally_codes(&d->ethnic_group, &p->pref_ethnic_group);
    tally_codes(&d->religion, &p->pref_religion);
    tally_codes(&d->language, &p->pref_language);
    if (p->ethnic_group >= 0)
      d->own_group.count[p->ethnic_group]++;
    for (guint t = 0; t < MM_N_MENTOR_TYPES; t++)
      d->type[t] += (p->pref_mentor_type >> t) & 1u;
  }
  d->common_group = MM_NO_TOKEN;
  for (guint g = 0; g < d->own_group.n; g++)
    if (token_text(pool, MM_VOCAB_ETHNIC_GROUP, (gint32)g) != NULL &&
        (d->common_group < 0 ||
         d->own_group.count[g] > d->own_group.count[d->common_group]))
      d->common_group = (gint32)g;
}

static void demand_clear(Demand *d) {
  g_free(d->gender.count);
  g_free(d->ethnicity.count);
  g_free(d->ethnic_group.count);
  g_free(d->own_group.count);
  g_free(d->religion.count);
  g_free(d->language.count);
}

/* ---- the key of a young person waiting ---- */

#define NO_CELL G_MININT32

typedef struct {
  gint32 gender, eth_group, eth_full, religion, language;
  gint type; /* MmMentorType; never natural */
  gint type_asked; /* 1: they stated the types they accept */
  gint care; /* 1: they asked for a care-experienced mentor */
  gint age;
  gint remote;
  gint32 cell_row, cell_col;
} Key;

/* The ethnic group @p wants a mentor of when asked for as "different
 * group": the one most waiting young people are of, unless it is theirs;
 * then the next. */
static gint32 other_group(const Demand *d, const MmPool *pool, gint32 own) {
  if (d->common_group != own)
    return d->common_group;
  gint32 best = MM_NO_TOKEN;
  for (guint g = 0; g < d->own_group.n; g++)
    if ((gint32)g != own &&
        token_text(pool, MM_VOCAB_ETHNIC_GROUP, (gint32)g) != NULL &&
        (best < 0 || d->own_group.count[g] > d->own_group.count[best]))
      best = (gint32)g;
  return best;
}

static void key_ethnicity(Key *k, const MmPerson *p, const Demand *d,
                          const MmPool *pool) {
  k->eth_group = k->eth_full = MM_NO_TOKEN;
  gint32 full = most_asked(&d->ethnicity, &p->pref_ethnicity, pool,
                           MM_VOCAB_ETHNICITY);
  if (full >= 0) {
    k->eth_full = full;
    k->eth_group = group_of_ethnicity(pool, full);
    return;
  }
  gint32 group = most_asked(&d->ethnic_group, &p->pref_ethnic_group, pool,
                            MM_VOCAB_ETHNIC_GROUP);
  if (group >= 0) {
    k->eth_group = group;
    return;
  }
  guint32 flags = p->pref_ethnicity_flags;
  /* "same": the same group with no detail given meets it too */
  if ((flags & (MM_ETH_SAME | MM_ETH_SAME_GROUP)) &&
      token_text(pool, MM_VOCAB_ETHNIC_GROUP, p->ethnic_group) != NULL)
    k->eth_group = p->ethnic_group;
  else if ((flags & MM_ETH_DIFFERENT_GROUP) && p->ethnic_group >= 0)
    k->eth_group = other_group(d, pool, p->ethnic_group);
}

static gint key_type(const MmPerson *p, const Demand *d) {
  guint32 wanted = p->pref_mentor_type & ~(1u << MM_MENTOR_NATURAL);
  if (wanted == 0)
    return MM_MENTOR_VOLUNTEER;
  /* the type most asked for among those they accept; a peer first on ties
   * (KP7), then volunteer, then paid */
  static const MmMentorType order[] = {MM_MENTOR_PEER, MM_MENTOR_VOLUNTEER,
                                       MM_MENTOR_PAID};
  gint best = -1;
  for (guint k = 0; k < G_N_ELEMENTS(order); k++) {
    MmMentorType t = order[k];
    if (((wanted >> t) & 1u) && (best < 0 || d->type[t] > d->type[best]))
      best = (gint)t;
  }
  return best;
}

static gint key_age(const MmPerson *p, gint type, const MmConfig *config) {
  gint gap = MAX(config->min_age_gap, 0);
  gint age = ADULT_AGE;
  if (type == MM_MENTOR_PEER) {
    gint band = MAX(p->age - PEER_BAND_FIRST_AGE, 0) / PEER_BAND_YEARS;
    age = PEER_BAND_FIRST_AGE + band * PEER_BAND_YEARS +
          (PEER_BAND_YEARS - 1) + MAX(MM_NEAR_PEER_GAP_MIN, gap);
  }
  if (p->pref_age_min != MM_UNSET_INT && age < p->pref_age_min)
    age = p->pref_age_min;
  if (p->pref_age_max != MM_UNSET_INT && age > p->pref_age_max)
    age = p->pref_age_max;
  age = MAX(age, p->age + gap);
  return CLAMP(age, MENTOR_AGE_MIN, MENTOR_AGE_MAX);
}

/* The area a young person lives in: a cell half the maximum travel
 * distance wide, so that the centre of those in one cell is within reach
 * of all of them. FALSE without a location. */
static gboolean cell_of(const MmPerson *p, const MmConfig *config,
                        gint32 *row_out, gint32 *col_out) {
  if (!p->has_location)
    return FALSE;
  double km = isfinite(config->max_distance_km) && config->max_distance_km > 0
                  ? config->max_distance_km / 2
                  : 1000.0;
  double dlat = MIN(km / 111.195, 45.0);
  double row = floor(p->lat / dlat);
  double centre = (row + 0.5) * dlat;
  double dlon = MIN(dlat / MAX(cos(centre * G_PI / 180.0), 0.01), 90.0);
  *row_out = (gint32)row;
  *col_out = (gint32)floor(p->lon / dlon);
  return TRUE;
}

/* Young people open to online mentoring are grouped wherever they live;
 * the others by the area they live in. */
static void key_cell(Key *k, const MmPerson *p, const MmConfig *config) {
  k->cell_row = k->cell_col = NO_CELL;
  if (!k->remote)
    cell_of(p, config, &k->cell_row, &k->cell_col);
}

/* A place for a mentor: the centre of the young people of @members who live
 * in the area where most of them live (ties: the area of the first).
 * FALSE when none has a location. */
static gboolean home_area(const MmPool *pool, const MmConfig *config,
                          const guint *members, guint n, double *lat,
                          double *lon) {
  GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            NULL);
  char *best = NULL;
  guint best_count = 0;
  for (guint m = 0; m < n; m++) {
    gint32 row, col;
    if (!cell_of(mm_i_pool_mentee(pool, members[m]), config, &row, &col))
      continue;
    char *cell = g_strdup_printf("%d|%d", row, col);
    guint c = GPOINTER_TO_UINT(g_hash_table_lookup(count, cell)) + 1;
    if (c > best_count) {
      best_count = c;
      g_free(best);
      best = g_strdup(cell);
    }
    g_hash_table_insert(count, cell, GUINT_TO_POINTER(c));
  }
  guint located = 0;
  *lat = *lon = 0;
  for (guint m = 0; best != NULL && m < n; m++) {
    const MmPerson *p = mm_i_pool_mentee(pool, members[m]);
    gint32 row, col;
    if (!cell_of(p, config, &row, &col))
      continue;
    char *cell = g_strdup_printf("%d|%d", row, col);
    if (strcmp(cell, best) == 0) {
      *lat += p->lat;
      *lon += p->lon;
      located++;
    }
    g_free(cell);
  }
  g_free(best);
  g_hash_table_destroy(count);
  if (located == 0)
    return FALSE;
  *lat /= located;
  *lon /= located;
  return TRUE;
}

/* Where the most young people wait: the place of a mentor for a group that
 * gives no area of its own. */
typedef struct {
  gboolean known;
  double lat, lon;
} Place;

static Key key_of(const MmPerson *p, const Demand *d, const MmPool *pool,
                  const MmConfig *config) {
  Key k;
  memset(&k, 0, sizeof k);
  k.gender = most_asked(&d->gender, &p->pref_gender, pool, MM_VOCAB_GENDER);
  key_ethnicity(&k, p, d, pool);
  k.religion = most_asked(&d->religion, &p->pref_religion, pool,
                          MM_VOCAB_RELIGION);
  if (k.religion < 0 && p->pref_religion_same)
    k.religion = token_text(pool, MM_VOCAB_RELIGION, p->religion) != NULL
                     ? p->religion
                     : MM_NO_TOKEN;
  k.language = most_asked(&d->language, &p->pref_language, pool,
                          MM_VOCAB_LANGUAGE);
  k.type = key_type(p, d);
  k.type_asked = (p->pref_mentor_type & ~(1u << MM_MENTOR_NATURAL)) != 0;
  k.care = p->pref_care_experienced == MM_TRI_YES;
  k.age = key_age(p, k.type, config);
  k.remote = p->remote == MM_TRI_YES;
  key_cell(&k, p, config);
  return k;
}

static char *key_text(const Key *k) {
  return g_strdup_printf("%d|%d|%d|%d|%d|%d|%d|%d|%d|%d|%d|%d", k->gender,
                         k->eth_group, k->eth_full, k->religion, k->language,
                         k->type, k->type_asked, k->care, k->age, k->remote,
                         k->cell_row, k->cell_col);
}

/* ---- a group and its profile ---- */

typedef struct {
  Key key;
  GArray *members; /* guint mentee index, input order */
} Group;

static void group_free(gpointer data) {
  Group *g = data;
  g_array_free(g->members, TRUE);
  g_free(g);
}

static const MmPerson *member(const MmPool *pool, const Group *g, guint k) {
  return mm_i_pool_mentee(pool, g_array_index(g->members, guint, k));
}

/* The token list at @offset of a person (G_STRUCT_OFFSET(MmPerson, ...)). */
static const MmCodes *codes_at(const MmPerson *p, gsize offset) {
  return (const MmCodes *)(const void *)((const guint8 *)p + offset);
}

/* Picks up to @max tokens of @vocab, each time the one that raises the
 * most members still short of @full shared tokens (ties: the smaller
 * code), from each member's codes at @offset. */
static GArray *pick_tokens(const MmPool *pool, const Group *g, MmVocab vocab,
                           gsize offset, guint max, guint full,
                           gboolean skills) {
  guint n_codes = mm_i_tokens_count(pool->vocab[vocab]);
  guint *count = g_new0(guint, MAX(n_codes, 1));
  guint *shared = g_new0(guint, MAX(g->members->len, 1));
  GArray *chosen = g_array_new(FALSE, FALSE, sizeof(gint32));
  while (chosen->len < max) {
    memset(count, 0, sizeof(guint) * MAX(n_codes, 1));
    for (guint m = 0; m < g->members->len; m++) {
      if (shared[m] >= full)
        continue;
      const MmCodes *codes = codes_at(member(pool, g, m), offset);
      for (guint k = 0; k < codes->n; k++)
        count[codes->codes[k]]++;
    }
    for (guint c = 0; c < chosen->len; c++)
      count[g_array_index(chosen, gint32, c)] = 0;
    gint32 best = MM_NO_TOKEN;
    for (guint c = 0; c < n_codes; c++) {
      if (count[c] == 0 || (best >= 0 && count[c] <= count[best]))
        continue;
      gboolean ok = skills ? skill_is_writable(pool, (gint32)c)
                           : token_text(pool, vocab, (gint32)c) != NULL;
      if (ok)
        best = (gint32)c;
    }
    if (best < 0)
      break;
    g_array_append_val(chosen, best);
    for (guint m = 0; m < g->members->len; m++) {
      const MmCodes *codes = codes_at(member(pool, g, m), offset);
      shared[m] += mm_i_codes_contains(codes, best);
    }
  }
  g_free(shared);
  g_free(count);
  return chosen;
}

static char *tokens_text(const MmPool *pool, MmVocab vocab,
                         const GArray *codes) {
  GString *out = g_string_new(NULL);
  for (guint k = 0; k < codes->len; k++)
    g_string_append_printf(out, "%s%s", k > 0 ? ";" : "",
                           mm_i_tokens_display(pool->vocab[vocab],
                                             g_array_index(codes, gint32, k)));
  return g_string_free(out, FALSE);
}

/* Slots covering most members, each time the one that raises the most
 * members still short of the slots that count in full. */
static char *pick_slots(const MmPool *pool, const Group *g) {
  guint *shared = g_new0(guint, MAX(g->members->len, 1));
  guint32 chosen = 0;
  GString *out = g_string_new(NULL);
  for (guint round = 0; round < MAX_SLOTS; round++) {
    guint best_count = 0;
    gint best = -1;
    for (guint slot = 0; slot < MM_N_SLOTS; slot++) {
      if (chosen & (1u << slot))
        continue;
      guint count = 0;
      for (guint m = 0; m < g->members->len; m++)
        count += shared[m] < MM_AVAILABILITY_SLOTS_FOR_FULL &&
                 (member(pool, g, m)->availability & (1u << slot));
      if (count > best_count) {
        best_count = count;
        best = (gint)slot;
      }
    }
    if (best < 0)
      break;
    chosen |= 1u << best;
    for (guint m = 0; m < g->members->len; m++)
      shared[m] += (member(pool, g, m)->availability >> best) & 1u;
  }
  for (guint slot = 0; slot < MM_N_SLOTS; slot++)
    if (chosen & (1u << slot))
      g_string_append_printf(out, "%s%s", out->len > 0 ? ";" : "",
                             mm_i_slot_name(slot));
  g_free(shared);
  return g_string_free(out, FALSE);
}

/* The language they asked for, then the ones most members who still share
 * none speak (a member who asked for a language counts by that wish). */
static char *pick_languages(const MmPool *pool, const Group *g) {
  guint n_codes = mm_i_tokens_count(pool->vocab[MM_VOCAB_LANGUAGE]);
  guint *count = g_new0(guint, MAX(n_codes, 1));
  GArray *chosen = g_array_new(FALSE, FALSE, sizeof(gint32));
  if (g->key.language >= 0)
    g_array_append_val(chosen, g->key.language);
  while (chosen->len < MAX_LANGUAGES) {
    memset(count, 0, sizeof(guint) * MAX(n_codes, 1));
    for (guint m = 0; m < g->members->len; m++) {
      const MmPerson *p = member(pool, g, m);
      const MmCodes *theirs =
          p->pref_language.n > 0 ? &p->pref_language : &p->languages;
      gboolean covered = FALSE;
      for (guint c = 0; c < chosen->len; c++)
        covered |= mm_i_codes_contains(theirs, g_array_index(chosen, gint32, c));
      if (covered)
        continue;
      for (guint k = 0; k < theirs->n; k++)
        count[theirs->codes[k]]++;
    }
    gint32 best = MM_NO_TOKEN;
    for (guint c = 0; c < n_codes; c++)
      if (count[c] > 0 && (best < 0 || count[c] > count[best]) &&
          token_text(pool, MM_VOCAB_LANGUAGE, (gint32)c) != NULL)
        best = (gint32)c;
    if (best < 0)
      break;
    g_array_append_val(chosen, best);
  }
  char *text = tokens_text(pool, MM_VOCAB_LANGUAGE, chosen);
  g_array_free(chosen, TRUE);
  g_free(count);
  return text;
}

static char *describe(const MmPool *pool, const Group *g, const Place *at) {
  const Key *k = &g->key;
  GString *out = g_string_new(NULL);
  guint n = g->members->len;
  g_string_append_printf(out, "%u young %s waiting", n,
                         n == 1 ? "person" : "people");
  /* No coordinates here: the place is drawn from where the young people
   * live; the mentor's lat and lon columns hold it, in the owner-only
   * output. */
  if (k->remote)
    g_string_append(out, ", open to online mentoring");
  else if (k->cell_row == NO_CELL)
    g_string_append(out, " with no location given");
  else if (at->known)
    g_string_append(out, " in one area (the mentor's lat and lon)");
  GPtrArray *asked = g_ptr_array_new_with_free_func(g_free);
  if (k->gender >= 0)
    g_ptr_array_add(asked, g_strdup_printf(
                               "%s mentor",
                               mm_i_tokens_display(pool->vocab[MM_VOCAB_GENDER],
                                                 k->gender)));
  if (k->care)
    g_ptr_array_add(asked, g_strdup("care-experienced mentor"));
  if (k->type_asked)
    g_ptr_array_add(asked, g_strdup_printf("%s mentor",
                                           mm_i_mentor_type_name(k->type)));
  if (k->eth_full >= 0)
    g_ptr_array_add(
        asked, g_strdup_printf("ethnicity %s",
                               mm_i_tokens_display(pool->vocab[MM_VOCAB_ETHNICITY],
                                                 k->eth_full)));
  else if (k->eth_group >= 0)
    g_ptr_array_add(
        asked,
        g_strdup_printf("ethnic group %s",
                        mm_i_tokens_display(pool->vocab[MM_VOCAB_ETHNIC_GROUP],
                                          k->eth_group)));
  if (k->religion >= 0)
    g_ptr_array_add(asked, g_strdup_printf(
                               "religion %s",
                               mm_i_tokens_display(pool->vocab[MM_VOCAB_RELIGION],
                                                 k->religion)));
  if (k->language >= 0)
    g_ptr_array_add(asked, g_strdup_printf(
                               "speaks %s",
                               mm_i_tokens_display(pool->vocab[MM_VOCAB_LANGUAGE],
                                                 k->language)));
  if (asked->len > 0) {
    g_string_append(out, "; asked for: ");
    for (guint a = 0; a < asked->len; a++)
      g_string_append_printf(out, "%s%s", a > 0 ? ", " : "",
                             (const char *)g_ptr_array_index(asked, a));
  }
  g_ptr_array_free(asked, TRUE);
  return g_string_free(out, FALSE);
}

static MmPlanProfile *profile_of(const MmPool *pool, const MmConfig *config,
                                 const Group *g, const Place *busiest) {
  const Key *k = &g->key;
  MmPlanProfile *pr = g_new0(MmPlanProfile, 1);
  pr->capacity = MM_PLAN_CAPACITY;
  pr->made_for = g->members->len;
  char **v = pr->value;
  v[MM_PLAN_COL_AGE] = g_strdup_printf("%d", k->age);
  const char *gender = token_text(pool, MM_VOCAB_GENDER, k->gender);
  v[MM_PLAN_COL_GENDER] = g_strdup(gender != NULL ? gender : "");
  const char *ethnicity =
      k->eth_full >= 0 ? token_text(pool, MM_VOCAB_ETHNICITY, k->eth_full)
                       : token_text(pool, MM_VOCAB_ETHNIC_GROUP, k->eth_group);
  v[MM_PLAN_COL_ETHNICITY] = g_strdup(ethnicity != NULL ? ethnicity : "");
  const char *religion = token_text(pool, MM_VOCAB_RELIGION, k->religion);
  v[MM_PLAN_COL_RELIGION] = g_strdup(religion != NULL ? religion : "");
  v[MM_PLAN_COL_LANGUAGES] = pick_languages(pool, g);

  GArray *interests =
      pick_tokens(pool, g, MM_VOCAB_INTEREST, G_STRUCT_OFFSET(MmPerson, interests),
                  MAX_INTERESTS, MM_INTERESTS_FOR_FULL, FALSE);
  v[MM_PLAN_COL_INTERESTS] = tokens_text(pool, MM_VOCAB_INTEREST, interests);
  g_array_free(interests, TRUE);
  GArray *skills = pick_tokens(pool, g, MM_VOCAB_NEED,
                               G_STRUCT_OFFSET(MmPerson, needs), MAX_SKILLS,
                               G_MAXUINT, TRUE);
  v[MM_PLAN_COL_SKILLS] = tokens_text(pool, MM_VOCAB_NEED, skills);
  g_array_free(skills, TRUE);
  GArray *sectors = pick_tokens(pool, g, MM_VOCAB_SECTOR,
                                G_STRUCT_OFFSET(MmPerson, aspirations),
                                MAX_SECTORS, G_MAXUINT, FALSE);
  v[MM_PLAN_COL_SECTORS] = tokens_text(pool, MM_VOCAB_SECTOR, sectors);
  g_array_free(sectors, TRUE);

  guint care = 0;
  for (guint m = 0; m < g->members->len; m++)
    care += member(pool, g, m)->care_experienced == MM_TRI_YES;
  v[MM_PLAN_COL_CARE_EXPERIENCED] =
      g_strdup(k->care || 2 * care >= g->members->len ? "yes" : "");
  /* Every mentor lives somewhere: the group's area, or for young people
   * open to online mentoring (and those who gave no location) where most
   * of them, or else most young people waiting, live. A mentor without a
   * location would pass the distance rule with everyone, which no recruit
   * will. */
  Place at = {FALSE, 0, 0};
  at.known = home_area(pool, config, (const guint *)(gpointer)g->members->data,
                       g->members->len, &at.lat, &at.lon);
  if (!at.known)
    at = *busiest;
  v[MM_PLAN_COL_LAT] = at.known ? g_strdup_printf("%.4f", at.lat) : g_strdup("");
  v[MM_PLAN_COL_LON] = at.known ? g_strdup_printf("%.4f", at.lon) : g_strdup("");
  v[MM_PLAN_COL_REMOTE] = g_strdup(k->remote ? "yes" : "no");
  v[MM_PLAN_COL_AVAILABILITY] = pick_slots(pool, g);
  v[MM_PLAN_COL_CAPACITY] = g_strdup_printf("%u", pr->capacity);
  v[MM_PLAN_COL_MENTOR_TYPE] = g_strdup(mm_i_mentor_type_name(k->type));
  v[MM_PLAN_COL_CHECKS_CLEARED] = g_strdup("yes");
  v[MM_PLAN_COL_TRAINING_HOURS] =
      mm_i_plan_number_text(config->min_training_hours);
  for (guint c = 0; c < MM_PLAN_N_COLUMNS; c++)
    if (v[c] == NULL)
      v[c] = g_strdup("");
  pr->description = describe(pool, g, &at);
  return pr;
}

static gint compare_groups(gconstpointer a, gconstpointer b) {
  const Group *x = *(Group *const *)a, *y = *(Group *const *)b;
  if (x->members->len != y->members->len)
    return x->members->len > y->members->len ? -1 : 1;
  guint fx = g_array_index(x->members, guint, 0);
  guint fy = g_array_index(y->members, guint, 0);
  return (fx > fy) - (fx < fy);
}

static char *profile_signature(const MmPlanProfile *p) {
  GString *out = g_string_new(NULL);
  for (guint c = 0; c < MM_PLAN_N_COLUMNS; c++)
    g_string_append_printf(out, "%s\x1f", p->value[c]);
  return g_string_free(out, FALSE);
}

GPtrArray *mm_i_plan_profiles_build(const MmPool *pool, const MmConfig *config,
                                  const guint *waiting, guint n_waiting,
                                  guint max_profiles) {
  Demand demand;
  demand_init(&demand, pool, waiting, n_waiting);
  GHashTable *by_key =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *groups = g_ptr_array_new_with_free_func(group_free);
  for (guint w = 0; w < n_waiting; w++) {
    Key key = key_of(mm_i_pool_mentee(pool, waiting[w]), &demand, pool, config);
    char *text = key_text(&key);
    Group *g = g_hash_table_lookup(by_key, text);
    if (g == NULL) {
      g = g_new0(Group, 1);
      g->key = key;
      g->members = g_array_new(FALSE, FALSE, sizeof(guint));
      g_ptr_array_add(groups, g);
      g_hash_table_insert(by_key, text, g);
    } else {
      g_free(text);
    }
    g_array_append_val(g->members, waiting[w]);
  }
  g_hash_table_destroy(by_key);
  g_ptr_array_sort(groups, compare_groups);

  Place busiest = {FALSE, 0, 0};
  busiest.known = home_area(pool, config, waiting, n_waiting, &busiest.lat,
                            &busiest.lon);
  GPtrArray *profiles = g_ptr_array_new_with_free_func(mm_i_plan_profile_free);
  GHashTable *seen =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint k = 0; k < groups->len && profiles->len < max_profiles; k++) {
    MmPlanProfile *p =
        profile_of(pool, config, g_ptr_array_index(groups, k), &busiest);
    if (g_hash_table_add(seen, profile_signature(p)))
      g_ptr_array_add(profiles, p);
    else
      mm_i_plan_profile_free(p);
  }
  g_hash_table_destroy(seen);
  g_ptr_array_free(groups, TRUE);
  demand_clear(&demand);
  return profiles;
}
