/* synthetic.c: realistic synthetic pools (see synthetic.h).
 *
 * Every share below says where it comes from: a published statistic, or
 * "assumed" (a plausible figure for a mentoring programme where none is
 * published). Weights are per thousand unless said otherwise. Draws come from
 * one GRand per side, seeded from the seed, so the same arguments give the
 * same bytes; the draw order is part of the format and changing it changes
 * every pool. */
#include "synthetic.h"

#include <math.h>

/* A value and its weight in a draw. */
typedef struct {
  const char *value;
  guint weight;
} Weighted;

/* ---- who the people are ---- */

/* Mentees: children looked after in England, year to March 2025 (DfE,
 * "Children looked after in England including adoptions"): 56% male, the
 * rest female; a few non-binary or not recorded (assumed 0.5%). */
static const Weighted mentee_genders[] = {
    {"male", 560}, {"female", 435}, {"non-binary", 3}, {"", 2}};
/* Mentors: about 70% of mentoring volunteers are women (assumed, issue 4). */
static const Weighted mentor_genders[] = {
    {"female", 690}, {"male", 300}, {"non-binary", 10}};

/* Religion profiles, one per ethnicity entry: assumed, shaped by the
 * Census 2021 (ONS) cross-tabulation of religion by ethnic group. */
typedef enum {
  FAITH_WHITE,
  FAITH_MIXED,
  FAITH_BLACK,
  FAITH_MUSLIM_MAJORITY, /* Pakistani, Bangladeshi */
  FAITH_INDIAN,
  FAITH_CHINESE,
  FAITH_OTHER, /* Arab, other Asian, any other */
  FAITH_UNKNOWN,
  N_FAITHS
} Faith;

static const Weighted faith_white[] = {
    {"none", 480}, {"christian", 400}, {"muslim", 20}, {"jewish", 10}, {"", 90}};
static const Weighted faith_mixed[] = {
    {"none", 450}, {"christian", 330}, {"muslim", 100}, {"", 120}};
static const Weighted faith_black[] = {
    {"christian", 550}, {"muslim", 280}, {"none", 80}, {"", 90}};
static const Weighted faith_muslim_majority[] = {
    {"muslim", 900}, {"none", 30}, {"", 70}};
static const Weighted faith_indian[] = {
    {"hindu", 450}, {"sikh", 250}, {"muslim", 140}, {"christian", 50},
    {"none", 40}, {"", 70}};
static const Weighted faith_chinese[] = {
    {"none", 600}, {"christian", 200}, {"buddhist", 100}, {"", 100}};
static const Weighted faith_other[] = {
    {"muslim", 550}, {"christian", 150}, {"buddhist", 50}, {"none", 120},
    {"", 130}};
static const Weighted faith_unknown[] = {
    {"none", 400}, {"christian", 300}, {"", 300}};

static const struct {
  const Weighted *items;
  guint n;
} faiths[N_FAITHS] = {
    {faith_white, G_N_ELEMENTS(faith_white)},
    {faith_mixed, G_N_ELEMENTS(faith_mixed)},
    {faith_black, G_N_ELEMENTS(faith_black)},
    {faith_muslim_majority, G_N_ELEMENTS(faith_muslim_majority)},
    {faith_indian, G_N_ELEMENTS(faith_indian)},
    {faith_chinese, G_N_ELEMENTS(faith_chinese)},
    {faith_other, G_N_ELEMENTS(faith_other)},
    {faith_unknown, G_N_ELEMENTS(faith_unknown)},
};

/* An ethnicity (census style), its religion profile and the languages
 * other than English its speakers most often have (NULL-terminated;
 * assumed from the Census 2021 main-language tables). */
typedef struct {
  const char *name; /* "" = not known */
  guint mentee_weight;
  guint mentor_weight;
  Faith faith;
  const char *const *languages;
} Ethnicity;

static const char *const lang_white_other[] = {"Polish", "Romanian", "Lithuanian",
                                               "Portuguese", NULL};
static const char *const lang_roma[] = {"Romanian", "Slovak", NULL};
static const char *const lang_african[] = {"Somali", "Tigrinya", "Arabic", "Yoruba",
                                           "Amharic", NULL};
static const char *const lang_pakistani[] = {"Urdu", "Punjabi", NULL};
static const char *const lang_bangladeshi[] = {"Bengali", "Sylheti", NULL};
static const char *const lang_indian[] = {"Gujarati", "Punjabi", "Tamil", NULL};
static const char *const lang_chinese[] = {"Cantonese", "Mandarin", NULL};
/* many unaccompanied asylum-seeking children come from Afghanistan */
static const char *const lang_asian_other[] = {"Pashto", "Dari", "Tamil", NULL};
static const char *const lang_arab[] = {"Arabic", NULL};
static const char *const lang_any_other[] = {"Kurdish", "Arabic", "Farsi",
                                             "Vietnamese", NULL};

/* Mentee weights: looked-after children in England, year to March 2025
 * (DfE): White 71%, Mixed 11%, Black 8%, Asian 5%, Other 4%, not known 1%;
 * the detail within each group is assumed, following the Census 2021 mix
 * with more "other" (unaccompanied asylum-seeking children). Mentor
 * weights: adults in England and Wales, Census 2021 (ONS): White 81.7%,
 * Asian 9.3%, Black 4.0%, Mixed 2.9%, Other 2.1%, with the census details. */
static const Ethnicity ethnicities[] = {
    {"White: British", 630, 743, FAITH_WHITE, NULL},
    {"White: Irish", 5, 9, FAITH_WHITE, NULL},
    {"White: Gypsy or Irish Traveller", 10, 1, FAITH_WHITE, NULL},
    {"White: Roma", 5, 2, FAITH_WHITE, lang_roma},
    {"White: Other", 60, 62, FAITH_WHITE, lang_white_other},
    {"Mixed: White and Black Caribbean", 40, 9, FAITH_MIXED, NULL},
    {"Mixed: White and Black African", 15, 4, FAITH_MIXED, NULL},
    {"Mixed: White and Asian", 20, 8, FAITH_MIXED, NULL},
    {"Mixed: Other", 35, 8, FAITH_MIXED, NULL},
    {"Black: African", 50, 25, FAITH_BLACK, lang_african},
    {"Black: Caribbean", 15, 10, FAITH_BLACK, NULL},
    {"Black: Other", 15, 5, FAITH_BLACK, NULL},
    {"Asian: Pakistani", 12, 27, FAITH_MUSLIM_MAJORITY, lang_pakistani},
    {"Asian: Bangladeshi", 6, 11, FAITH_MUSLIM_MAJORITY, lang_bangladeshi},
    {"Asian: Indian", 5, 31, FAITH_INDIAN, lang_indian},
    {"Asian: Chinese", 0, 7, FAITH_CHINESE, lang_chinese},
    {"Asian: Other", 27, 16, FAITH_OTHER, lang_asian_other},
    {"Other: Arab", 10, 6, FAITH_OTHER, lang_arab},
    {"Other: Any other", 30, 16, FAITH_OTHER, lang_any_other},
    {"", 10, 0, FAITH_UNKNOWN, NULL},
};

/* Of those whose ethnicity has a usual second language, the share who
 * speak it: assumed. */
#define SECOND_LANGUAGE_SHARE 0.5

static const Weighted interests[] = {
    {"football", 10}, {"music", 10}, {"gaming", 9}, {"art", 6}, {"cooking", 6},
    {"dance", 5},     {"basketball", 4}, {"boxing", 4}, {"swimming", 4},
    {"reading", 4},   {"drama", 3},  {"photography", 3}, {"fishing", 2},
    {"climbing", 2},  {"cycling", 3}, {"animals", 4}, {"fashion", 4},
    {"film", 4},      {"coding", 3}, {"gym", 5}, {"martial arts", 2},
    {"baking", 3},    {"poetry", 2}, {"skateboarding", 2}};
static const Weighted skills[] = {
    {"trauma-informed", 8}, {"mental-health", 6}, {"sen", 5},
    {"youth-justice", 3}, {"employability", 6}, {"substance-misuse", 2},
    {"asylum", 2}};
static const Weighted sectors[] = {
    {"construction", 4}, {"health", 5}, {"digital", 5}, {"creative", 4},
    {"sport", 4}, {"hospitality", 3}, {"public services", 3}, {"retail", 3},
    {"engineering", 3}, {"education", 3}, {"care", 3}};
/* Mentor types: assumed (most programmes run on volunteers; peer mentors
 * are care leavers a few years older; natural mentors are rare). */
static const Weighted mentor_types[] = {
    {"volunteer", 700}, {"paid", 150}, {"peer", 120}, {"natural", 30}};
/* Mentor capacity: most mentors take one young person, some two or three
 * (assumed; the contract (docs/): programmes pair one mentor with up to three). */
static const Weighted capacities[] = {{"1", 700}, {"2", 200}, {"3", 100}};
/* Priority (KP4): assumed; care leavers (18+) are targeted more. */
static const Weighted priorities_child[] = {
    {"0", 400}, {"1", 300}, {"2", 200}, {"3", 100}};
static const Weighted priorities_leaver[] = {
    {"0", 200}, {"1", 300}, {"2", 300}, {"3", 200}};
/* Mentee ages 8-25, skewed to 10-17 like the looked-after population (DfE
 * 2025: 10-15 is the largest band, then 16+); the 18-25 care leavers'
 * share is assumed. */
static const Weighted mentee_age_bands[] = {
    {"8-9", 80}, {"10-15", 450}, {"16-17", 270}, {"18-25", 200}};

/* Mentee needs, each drawn on its own (all assumed, informed by DfE
 * outcome statistics: over half of looked-after children have special
 * educational needs, and poor mental health is common). */
#define NEED_SEN 0.5
#define NEED_MENTAL_HEALTH 0.35
#define NEED_TRAUMA 0.3
#define NEED_YOUTH_JUSTICE 0.05          /* ages 10+ */
#define NEED_SUBSTANCE_MISUSE 0.05       /* ages 14+ */
#define NEED_EMPLOYABILITY 0.4           /* ages 16+ */
#define NEED_ASYLUM_IF_SECOND_LANGUAGE 0.4 /* ages 14+ */

/* Mentees: care-experienced unless "on the edge of care" (assumed 15% of
 * under-18s; care leavers are care-experienced by definition). Mentors
 * other than peer mentors: assumed 20%. */
#define MENTEE_EDGE_OF_CARE 0.15
#define MENTOR_CARE_EXPERIENCED 0.2

/* Stated preferences (KP3) and how often they are made hard rules: all
 * assumed. A preferred gender is usually the young person's own. */
#define PREF_GENDER 0.3
#define PREF_GENDER_SAME 0.75
#define PREF_ETHNICITY 0.12
#define PREF_RELIGION_SAME 0.05
#define PREF_CARE_EXPERIENCED 0.25
#define PREF_AGE 0.15
#define PREF_MENTOR_TYPE 0.1
#define PREF_LANGUAGE_IF_SECOND 0.3
#define MUST_GENDER 0.3
#define MUST_ETHNICITY 0.2
#define MUST_OTHER 0.1
/* Named choices: assumed one young person in five names 1-3 mentors they
 * know in their own area; 3% exclude one (safeguarding or a veto). */
#define NAMES_MENTORS 0.2
#define EXCLUDES_MENTOR 0.03
/* Referrals: assumed spread evenly over the 60 weeks before the reference
 * day 2026-11-30, a fixed day so that a seed always gives the same pool
 * (weeks waited are counted to the as-of date: use --as-of 2026-12-01 for
 * figures that do not move with the calendar). */
#define WAITING_DAYS_MAX 420
#define WAITING_REFERENCE_YEAR 2026
#define WAITING_REFERENCE_MONTH G_DATE_NOVEMBER
#define WAITING_REFERENCE_DAY 30

/* Mentors: assumed. A live pool holds recruits whose enhanced DBS checks
 * are pending and some still in training (below the default 3 hours). */
#define MENTOR_CHECKS_PENDING 0.08
#define MENTOR_TRAINING_INCOMPLETE 0.12
#define MENTOR_AGE_LIMITS 0.2
#define MENTOR_PREF_GENDER 0.1

/* Location and online mentoring: assumed. */
#define HAS_LOCATION 0.9
#define MENTEE_REMOTE 0.2
#define MENTOR_REMOTE 0.25

/* ---- where they are ---- */

/* A programme area holds about this many mentors (assumed); a larger pool
 * is spread over that many areas, so that a national pool is not one
 * crowded city. Person i of either side lives in area i % n_areas. */
#define MENTORS_PER_AREA 1000
#define AREA_RADIUS_DEG 0.12 /* about 13 km north-south */
#define LON_PER_LAT 1.6      /* a degree of longitude is shorter in England */

static const struct {
  double lat, lon;
} areas[] = {
    {52.486, -1.890}, /* Birmingham */
    {53.480, -2.242}, /* Manchester */
    {53.801, -1.549}, /* Leeds */
    {51.457, -0.123}, /* London: Lambeth */
    {53.408, -2.991}, /* Liverpool */
    {53.381, -1.470}, /* Sheffield */
    {51.454, -2.588}, /* Bristol */
    {54.978, -1.618}, /* Newcastle */
    {52.954, -1.158}, /* Nottingham */
    {51.525, 0.035},  /* London: Newham */
    {52.637, -1.140}, /* Leicester */
    {53.745, -0.336}, /* Hull */
    {53.003, -2.180}, /* Stoke-on-Trent */
    {50.375, -4.143}, /* Plymouth */
    {50.910, -1.404}, /* Southampton */
    {51.588, -0.111}, /* London: Haringey */
    {52.407, -1.510}, /* Coventry */
    {52.630, 1.297},  /* Norwich */
    {54.574, -1.235}, /* Middlesbrough */
    {53.817, -3.036}, /* Blackpool */
    {51.376, -0.098}, /* London: Croydon */
    {51.878, -0.420}, /* Luton */
    {52.923, -1.477}, /* Derby */
    {54.906, -1.381}, /* Sunderland */
    {51.454, -0.978}, /* Reading */
    {53.796, -1.759}, /* Bradford */
    {52.587, -2.129}, /* Wolverhampton */
    {50.819, -1.088}, /* Portsmouth */
    {53.645, -1.785}, /* Huddersfield */
    {51.513, -0.305}, /* London: Ealing */
};

static guint n_areas_for(guint n_mentors) {
  return MAX(1, (n_mentors + MENTORS_PER_AREA - 1) / MENTORS_PER_AREA);
}

static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const parts[] = {"am", "pm", "eve"};

/* ---- drawing ---- */

static guint draw_index(GRand *rng, const Weighted *items, guint n) {
  guint total = 0;
  for (guint i = 0; i < n; i++)
    total += items[i].weight;
  guint r = (guint)g_rand_int_range(rng, 0, (gint32)total);
  for (guint i = 0; i < n; i++) {
    if (r < items[i].weight)
      return i;
    r -= items[i].weight;
  }
  return n - 1;
}

static const char *draw(GRand *rng, const Weighted *items, guint n) {
  return items[draw_index(rng, items, n)].value;
}
#define DRAW(rng, items) draw(rng, items, G_N_ELEMENTS(items))

static const Ethnicity *draw_ethnicity(GRand *rng, MmSide side) {
  guint total = 0;
  for (guint i = 0; i < G_N_ELEMENTS(ethnicities); i++)
    total += side == MM_SIDE_MENTEE ? ethnicities[i].mentee_weight
                                    : ethnicities[i].mentor_weight;
  guint r = (guint)g_rand_int_range(rng, 0, (gint32)total);
  for (guint i = 0; i < G_N_ELEMENTS(ethnicities); i++) {
    guint w = side == MM_SIDE_MENTEE ? ethnicities[i].mentee_weight
                                     : ethnicities[i].mentor_weight;
    if (r < w)
      return &ethnicities[i];
    r -= w;
  }
  return &ethnicities[0];
}

static gboolean chance(GRand *rng, double p) {
  return g_rand_double(rng) < p;
}

static int uniform(GRand *rng, int lo, int hi) { /* lo..hi inclusive */
  return g_rand_int_range(rng, lo, hi + 1);
}

/* Appends @item to a ';' list being built in @out from @list_start. */
static void list_add(GString *out, gsize list_start, const char *item) {
  if (out->len > list_start)
    g_string_append_c(out, ';');
  g_string_append(out, item);
}

/* A ';' list of @k distinct draws (fewer when the draws repeat). */
static void append_list(GString *out, GRand *rng, const Weighted *items,
                        guint n_items, guint k) {
  gsize start = out->len;
  guint64 seen = 0; /* every table here has fewer than 64 items */
  for (guint i = 0; i < k; i++) {
    guint v = draw_index(rng, items, n_items);
    if ((seen >> v) & 1u || *items[v].value == '\0')
      continue;
    seen |= G_GUINT64_CONSTANT(1) << v;
    list_add(out, start, items[v].value);
  }
}
#define APPEND_LIST(out, rng, items, k)                                        \
  append_list(out, rng, items, G_N_ELEMENTS(items), k)

static void append_availability(GString *out, GRand *rng) {
  guint k = (guint)uniform(rng, 1, 4);
  guint32 used = 0;
  gsize start = out->len;
  for (guint i = 0; i < k; i++) {
    guint slot = (guint)g_rand_int_range(rng, 0, 21);
    if (used & (1u << slot))
      continue;
    used |= 1u << slot;
    if (out->len > start)
      g_string_append_c(out, ';');
    g_string_append_printf(out, "%s-%s", days[slot / 3], parts[slot % 3]);
  }
}

/* What the common columns drew, for the side-specific ones. */
typedef struct {
  const char *gender;
  const Ethnicity *ethnicity;
  const char *religion;
  const char *second_language; /* NULL: English only */
} Common;

/* id, age, gender, ethnicity, religion, languages, interests,
 * care_experienced, lat, lon, remote, availability (each followed by ','). */
static Common append_common(GString *out, GRand *rng, MmSide side,
                            const char *id, int age, gboolean care_experienced,
                            guint area) {
  Common c;
  c.gender = side == MM_SIDE_MENTEE ? DRAW(rng, mentee_genders)
                                    : DRAW(rng, mentor_genders);
  c.ethnicity = draw_ethnicity(rng, side);
  c.religion = draw(rng, faiths[c.ethnicity->faith].items,
                    faiths[c.ethnicity->faith].n);
  c.second_language = NULL;
  const char *const *langs = c.ethnicity->languages;
  if (langs != NULL && chance(rng, SECOND_LANGUAGE_SHARE)) {
    guint n = 0;
    while (langs[n] != NULL)
      n++;
    c.second_language = langs[g_rand_int_range(rng, 0, (gint32)n)];
  }
  g_string_append_printf(out, "%s,%d,%s,%s,%s,English%s%s,", id, age, c.gender,
                         c.ethnicity->name, c.religion,
                         c.second_language != NULL ? ";" : "",
                         c.second_language != NULL ? c.second_language : "");
  APPEND_LIST(out, rng, interests, (guint)uniform(rng, 1, 4));
  g_string_append_printf(out, ",%s,", care_experienced ? "yes" : "no");
  /* uniform over a disc around the area's centre */
  double r = AREA_RADIUS_DEG * sqrt(g_rand_double(rng));
  double a = g_rand_double_range(rng, 0, 2 * G_PI);
  const guint city = area % G_N_ELEMENTS(areas);
  if (chance(rng, HAS_LOCATION))
    g_string_append_printf(out, "%.4f,%.4f,", areas[city].lat + r * sin(a),
                           areas[city].lon + LON_PER_LAT * r * cos(a));
  else
    g_string_append(out, ",,");
  gboolean remote =
      chance(rng, side == MM_SIDE_MENTEE ? MENTEE_REMOTE : MENTOR_REMOTE);
  g_string_append_printf(out, "%s,", remote ? "yes" : "no");
  append_availability(out, rng);
  g_string_append_c(out, ',');
  return c;
}

/* ---- mentees ---- */

static int draw_mentee_age(GRand *rng) {
  switch (draw_index(rng, mentee_age_bands, G_N_ELEMENTS(mentee_age_bands))) {
  case 0:
    return uniform(rng, 8, 9);
  case 1:
    return uniform(rng, 10, 15);
  case 2:
    return uniform(rng, 16, 17);
  default:
    return uniform(rng, 18, 25);
  }
}

/* Mentor j (0-based) of @area, for @k in 0..mentors_in_area-1. */
static guint area_mentor(guint area, guint n_areas, guint k) {
  return area + k * n_areas;
}

static guint mentors_in_area(guint area, guint n_areas, guint n_mentors) {
  return area < n_mentors ? (n_mentors - area + n_areas - 1) / n_areas : 0;
}

/* needs column: each need drawn on its own */
static void append_needs(GString *out, GRand *rng, int age,
                         const Common *c) {
  gsize start = out->len;
  if (chance(rng, NEED_SEN))
    list_add(out, start, "sen");
  if (chance(rng, NEED_MENTAL_HEALTH))
    list_add(out, start, "mental-health");
  if (chance(rng, NEED_TRAUMA))
    list_add(out, start, "trauma");
  if (age >= 10 && chance(rng, NEED_YOUTH_JUSTICE))
    list_add(out, start, "youth-justice");
  if (age >= 14 && chance(rng, NEED_SUBSTANCE_MISUSE))
    list_add(out, start, "substance-misuse");
  if (age >= 16 && chance(rng, NEED_EMPLOYABILITY))
    list_add(out, start, "employability");
  if (age >= 14 && c->second_language != NULL &&
      chance(rng, NEED_ASYLUM_IF_SECOND_LANGUAGE))
    list_add(out, start, "asylum");
  g_string_append_c(out, ',');
}

static const char *other_gender(const char *gender) {
  return g_str_equal(gender, "male") ? "female" : "male";
}

/* pref_gender: usually the young person's own gender */
static const char *draw_pref_gender(GRand *rng, const char *gender) {
  gboolean binary = g_str_equal(gender, "male") || g_str_equal(gender, "female");
  if (!binary)
    return "female;non-binary";
  return chance(rng, PREF_GENDER_SAME) ? gender : other_gender(gender);
}

static const char *draw_pref_ethnicity(GRand *rng) {
  double r = g_rand_double(rng);
  return r < 0.6 ? "same-group" : r < 0.85 ? "same" : "different-group";
}

static const char *const pref_mentor_types[] = {"peer;volunteer", "volunteer",
                                                "paid", "peer"};

/* preferred_mentors and excluded_mentors: distinct mentors of the mentee's
 * own area (named choices are people the young person knows). */
static void append_choices(GString *out, GRand *rng, guint area, guint n_areas,
                           guint n_mentors) {
  guint available = mentors_in_area(area, n_areas, n_mentors);
  guint named[3];
  guint n_named = 0;
  if (available > 0 && chance(rng, NAMES_MENTORS)) {
    guint k = MIN((guint)uniform(rng, 1, 3), available);
    while (n_named < k) {
      guint j = area_mentor(area, n_areas,
                            (guint)g_rand_int_range(rng, 0, (gint32)available));
      gboolean dup = FALSE;
      for (guint c = 0; c < n_named; c++)
        dup |= named[c] == j;
      if (!dup)
        named[n_named++] = j;
    }
  }
  for (guint c = 0; c < n_named; c++)
    g_string_append_printf(out, "%sM%05u", c > 0 ? ";" : "", named[c] + 1);
  g_string_append_c(out, ',');
  if (available > n_named && chance(rng, EXCLUDES_MENTOR)) {
    for (;;) {
      guint j = area_mentor(area, n_areas,
                            (guint)g_rand_int_range(rng, 0, (gint32)available));
      gboolean dup = FALSE;
      for (guint c = 0; c < n_named; c++)
        dup |= named[c] == j;
      if (!dup) {
        g_string_append_printf(out, "M%05u", j + 1);
        break;
      }
    }
  }
}

static void append_waiting_since(GString *out, GRand *rng) {
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_dmy(&date, WAITING_REFERENCE_DAY, WAITING_REFERENCE_MONTH,
                 WAITING_REFERENCE_YEAR);
  g_date_subtract_days(&date, (guint)uniform(rng, 0, WAITING_DAYS_MAX));
  g_string_append_printf(out, ",%04u-%02u-%02u", (guint)g_date_get_year(&date),
                         (guint)g_date_get_month(&date),
                         (guint)g_date_get_day(&date));
}

static void append_mentee(GString *out, GRand *rng, guint i, guint n_mentors) {
  char id[24];
  g_snprintf(id, sizeof id, "YP%05u", i + 1);
  const guint n_areas = n_areas_for(n_mentors), area = i % n_areas;
  int age = draw_mentee_age(rng);
  gboolean care_experienced = age >= 18 || !chance(rng, MENTEE_EDGE_OF_CARE);
  Common c = append_common(out, rng, MM_SIDE_MENTEE, id, age, care_experienced,
                           area);

  /* the stated preferences first, since `must` depends on them */
  gboolean gender_known = *c.gender != '\0';
  gboolean ethnicity_known = *c.ethnicity->name != '\0';
  gboolean religion_known = *c.religion != '\0' && !g_str_equal(c.religion, "none");
  const char *pref_gender =
      gender_known && chance(rng, PREF_GENDER) ? draw_pref_gender(rng, c.gender) : NULL;
  const char *pref_ethnicity =
      ethnicity_known && chance(rng, PREF_ETHNICITY) ? draw_pref_ethnicity(rng) : NULL;
  gboolean pref_religion = religion_known && chance(rng, PREF_RELIGION_SAME);
  gboolean pref_care = chance(rng, PREF_CARE_EXPERIENCED);
  gboolean pref_age = chance(rng, PREF_AGE);
  const char *pref_type =
      chance(rng, PREF_MENTOR_TYPE)
          ? pref_mentor_types[g_rand_int_range(rng, 0, G_N_ELEMENTS(pref_mentor_types))]
          : NULL;
  gboolean pref_language =
      c.second_language != NULL && chance(rng, PREF_LANGUAGE_IF_SECOND);

  /* must */
  gsize start = out->len;
  if (pref_gender != NULL && chance(rng, MUST_GENDER))
    list_add(out, start, "gender");
  if (pref_ethnicity != NULL && chance(rng, MUST_ETHNICITY))
    list_add(out, start, "ethnicity");
  if (pref_care && chance(rng, MUST_OTHER))
    list_add(out, start, "care_experienced");
  if (pref_age && chance(rng, MUST_OTHER))
    list_add(out, start, "age");
  if (pref_type != NULL && chance(rng, MUST_OTHER))
    list_add(out, start, "mentor_type");
  g_string_append_c(out, ',');

  append_needs(out, rng, age, &c);
  APPEND_LIST(out, rng, sectors, age >= 14 ? (guint)uniform(rng, 0, 2) : 0);
  g_string_append_printf(out, ",%s,",
                         age >= 18 ? DRAW(rng, priorities_leaver)
                                   : DRAW(rng, priorities_child));
  g_string_append_printf(out, "%s,%s,%s,%s,", pref_gender ? pref_gender : "",
                         pref_ethnicity ? pref_ethnicity : "",
                         pref_religion ? "same" : "", pref_care ? "yes" : "");
  if (pref_age)
    g_string_append_printf(out, "%d,%d,", age + 3, age + uniform(rng, 10, 30));
  else
    g_string_append(out, ",,");
  g_string_append_printf(out, "%s,%s,", pref_type ? pref_type : "",
                         pref_language ? c.second_language : "");
  append_choices(out, rng, area, n_areas, n_mentors);
  append_waiting_since(out, rng);
  g_string_append_c(out, '\n');
}

/* ---- mentors ---- */

static void append_mentor(GString *out, GRand *rng, guint j, guint n_mentors) {
  char id[24];
  g_snprintf(id, sizeof id, "M%05u", j + 1);
  const guint area = j % n_areas_for(n_mentors);
  const char *type = DRAW(rng, mentor_types);
  gboolean peer = g_str_equal(type, "peer");
  /* peers are care leavers a few years older than their mentees */
  int age = peer ? uniform(rng, 18, 26)
            : g_str_equal(type, "natural") ? uniform(rng, 20, 60)
                                             : uniform(rng, 21, 69);
  gboolean care_experienced = peer || chance(rng, MENTOR_CARE_EXPERIENCED);
  Common c = append_common(out, rng, MM_SIDE_MENTOR, id, age, care_experienced,
                           area);
  gboolean pref_gender = *c.gender != '\0' && !g_str_equal(c.gender, "non-binary") &&
                         chance(rng, MENTOR_PREF_GENDER);
  g_string_append(out, pref_gender && chance(rng, MUST_GENDER) ? "gender," : ",");
  double hours = chance(rng, MENTOR_TRAINING_INCOMPLETE) ? uniform(rng, 0, 2)
                                                         : uniform(rng, 3, 30);
  g_string_append_printf(out, "%s,%s,%s,%g,", DRAW(rng, capacities), type,
                         chance(rng, MENTOR_CHECKS_PENDING) ? "no" : "yes",
                         hours);
  APPEND_LIST(out, rng, skills, (guint)uniform(rng, 0, 3));
  g_string_append_c(out, ',');
  APPEND_LIST(out, rng, sectors, (guint)uniform(rng, 0, 2));
  g_string_append_printf(out, ",%d,", uniform(rng, 5, 25));
  if (chance(rng, MENTOR_AGE_LIMITS))
    g_string_append_printf(out, "%d,%d,", peer ? 14 : 10, peer ? 21 : 25);
  else
    g_string_append(out, ",,");
  g_string_append_printf(out, "%s\n", pref_gender ? c.gender : "");
}

char *mm_synthetic_csv(MmSide side, guint n, guint n_mentors, guint32 seed) {
  GRand *rng = g_rand_new_with_seed(seed * 2 + (side == MM_SIDE_MENTOR));
  GString *out = g_string_sized_new(256 + (gsize)n * 220);
  g_string_append(out, "id,age,gender,ethnicity,religion,languages,interests,"
                       "care_experienced,lat,lon,remote,availability,must,");
  if (side == MM_SIDE_MENTEE) {
    g_string_append(out, "needs,aspirations,priority,pref_gender,"
                         "pref_ethnicity,pref_religion,pref_care_experienced,"
                         "pref_age_min,pref_age_max,pref_mentor_type,"
                         "pref_language,preferred_mentors,excluded_mentors,"
                         "waiting_since\n");
    for (guint i = 0; i < n; i++)
      append_mentee(out, rng, i, n_mentors);
  } else {
    g_string_append(out, "capacity,mentor_type,checks_cleared,training_hours,"
                         "skills,sectors,max_distance_km,mentee_age_min,"
                         "mentee_age_max,pref_mentee_gender\n");
    for (guint j = 0; j < n; j++)
      append_mentor(out, rng, j, n_mentors);
  }
  g_rand_free(rng);
  return g_string_free(out, FALSE);
}
