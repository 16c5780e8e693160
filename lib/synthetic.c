/* synthetic.c: realistic synthetic pools (see synthetic.h). */
#include "synthetic.h"

#include <math.h>

/* A value and its weight in a draw. */
typedef struct {
  const char *value;
  guint weight;
} Weighted;

static const Weighted genders[] = {
    {"female", 46}, {"male", 46}, {"non-binary", 3}, {"", 5}};
/* Roughly the mix of children looked after in English cities. */
static const Weighted ethnicities[] = {
    {"White: British", 52}, {"White: Irish", 2}, {"White: Other", 6},
    {"Black: African", 8},  {"Black: Caribbean", 5}, {"Asian: Pakistani", 5},
    {"Asian: Bangladeshi", 3}, {"Asian: Indian", 2}, {"Mixed: White and Black Caribbean", 6},
    {"Mixed: White and Asian", 3}, {"Other: Arab", 2}, {"", 6}};
static const Weighted religions[] = {
    {"none", 40}, {"christian", 25}, {"muslim", 12}, {"hindu", 2},
    {"sikh", 1},  {"jewish", 1},     {"", 19}};
static const Weighted languages[] = {
    {"English", 80}, {"Polish", 4}, {"Urdu", 4}, {"Somali", 3},
    {"Arabic", 3},   {"Romanian", 2}, {"Bengali", 2}, {"Tigrinya", 2}};
static const Weighted interests[] = {
    {"football", 10}, {"music", 10}, {"gaming", 9}, {"art", 6}, {"cooking", 6},
    {"dance", 5},     {"basketball", 4}, {"boxing", 4}, {"swimming", 4},
    {"reading", 4},   {"drama", 3},  {"photography", 3}, {"fishing", 2},
    {"climbing", 2},  {"cycling", 3}, {"animals", 4}, {"fashion", 4},
    {"film", 4},      {"coding", 3}, {"gym", 5}, {"martial arts", 2},
    {"baking", 3},    {"poetry", 2}, {"skateboarding", 2}};
static const Weighted needs[] = {
    {"trauma", 8}, {"mental-health", 7}, {"sen", 5}, {"youth-justice", 3},
    {"employability", 6}, {"substance-misuse", 2}, {"asylum", 2}};
static const Weighted skills[] = {
    {"trauma-informed", 8}, {"mental-health", 6}, {"sen", 4},
    {"youth-justice", 3}, {"employability", 6}, {"substance-misuse", 2},
    {"asylum", 2}};
static const Weighted sectors[] = {
    {"construction", 4}, {"health", 5}, {"digital", 5}, {"creative", 4},
    {"sport", 4}, {"hospitality", 3}, {"public services", 3}, {"retail", 3},
    {"engineering", 3}, {"education", 3}, {"care", 3}};
static const Weighted mentor_types[] = {
    {"volunteer", 70}, {"paid", 15}, {"peer", 12}, {"natural", 3}};
static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const parts[] = {"am", "pm", "eve"};

/* A city about 30 km across, centred near 52.48 N, 1.90 W. */
#define CITY_LAT 52.48
#define CITY_LON (-1.90)
#define CITY_RADIUS_DEG 0.15

static const char *draw(GRand *rng, const Weighted *items, guint n) {
  guint total = 0;
  for (guint i = 0; i < n; i++)
    total += items[i].weight;
  guint r = (guint)g_rand_int_range(rng, 0, (gint32)total);
  for (guint i = 0; i < n; i++) {
    if (r < items[i].weight)
      return items[i].value;
    r -= items[i].weight;
  }
  return items[n - 1].value;
}
#define DRAW(rng, items) draw(rng, items, G_N_ELEMENTS(items))

static gboolean chance(GRand *rng, double p) {
  return g_rand_double(rng) < p;
}

/* A ';' list of @k distinct draws (fewer when the draws repeat). */
static void append_list(GString *out, GRand *rng, const Weighted *items,
                        guint n_items, guint k) {
  const char *seen[8];
  guint n_seen = 0;
  for (guint i = 0; i < k && n_seen < G_N_ELEMENTS(seen); i++) {
    const char *v = draw(rng, items, n_items);
    gboolean dup = *v == '\0';
    for (guint s = 0; s < n_seen && !dup; s++)
      dup = seen[s] == v;
    if (dup)
      continue;
    g_string_append_printf(out, "%s%s", n_seen > 0 ? ";" : "", v);
    seen[n_seen++] = v;
  }
}
#define APPEND_LIST(out, rng, items, k)                                        \
  append_list(out, rng, items, G_N_ELEMENTS(items), k)

static void append_availability(GString *out, GRand *rng) {
  guint k = (guint)g_rand_int_range(rng, 1, 5);
  guint32 used = 0;
  for (guint i = 0; i < k; i++) {
    guint slot = (guint)g_rand_int_range(rng, 0, 21);
    if (used & (1u << slot))
      continue;
    g_string_append_printf(out, "%s%s-%s", used ? ";" : "", days[slot / 3],
                           parts[slot % 3]);
    used |= 1u << slot;
  }
}

/* Both sides' common columns; returns the ethnicity drawn ("" for none). */
static const char *append_common(GString *out, GRand *rng, const char *id,
                                 int age, gboolean care_experienced) {
  const char *ethnicity = DRAW(rng, ethnicities);
  double r = CITY_RADIUS_DEG * sqrt(g_rand_double(rng));
  double a = g_rand_double_range(rng, 0, 2 * G_PI);
  g_string_append_printf(out, "%s,%d,%s,\"%s\",%s,", id, age,
                         DRAW(rng, genders), ethnicity, DRAW(rng, religions));
  g_string_append(out, "English");
  if (chance(rng, 0.2))
    g_string_append_printf(out, ";%s", DRAW(rng, languages));
  g_string_append_c(out, ',');
  APPEND_LIST(out, rng, interests, (guint)g_rand_int_range(rng, 1, 5));
  g_string_append_printf(out, ",%s,", care_experienced ? "yes" : "no");
  if (chance(rng, 0.9))
    g_string_append_printf(out, "%.4f,%.4f", CITY_LAT + r * sin(a),
                           CITY_LON + 1.6 * r * cos(a));
  else
    g_string_append_c(out, ',');
  g_string_append_printf(out, ",%s,", chance(rng, 0.3) ? "yes" : "no");
  append_availability(out, rng);
  g_string_append_c(out, ',');
  return ethnicity;
}

static void append_mentee(GString *out, GRand *rng, guint i, guint n_mentors) {
  char id[16];
  g_snprintf(id, sizeof id, "YP%05u", i + 1);
  int age = g_rand_int_range(rng, 8, 26);
  const char *ethnicity = append_common(out, rng, id, age, chance(rng, 0.8));
  /* must, needs, aspirations, priority */
  gboolean pref_gender = chance(rng, 0.3);
  g_string_append(out, pref_gender && chance(rng, 0.3) ? "gender," : ",");
  APPEND_LIST(out, rng, needs, (guint)g_rand_int_range(rng, 0, 3));
  g_string_append_c(out, ',');
  APPEND_LIST(out, rng, sectors, age >= 14 ? (guint)g_rand_int_range(rng, 0, 3) : 0);
  g_string_append_printf(out, ",%d,", g_rand_int_range(rng, 0, 4));
  /* stated preferences */
  g_string_append(out, pref_gender ? (chance(rng, 0.5) ? "female" : "male") : "");
  g_string_append_printf(out, ",%s,%s,",
                         *ethnicity != '\0' && chance(rng, 0.1) ? "same-group" : "",
                         chance(rng, 0.25) ? "yes" : "");
  if (chance(rng, 0.15))
    g_string_append_printf(out, "%d,%d", age + 3, age + 25);
  else
    g_string_append_c(out, ',');
  g_string_append_printf(out, ",%s,",
                         chance(rng, 0.1) ? "peer;volunteer" : "");
  /* named and excluded mentors */
  if (n_mentors > 0 && chance(rng, 0.2)) {
    guint k = (guint)g_rand_int_range(rng, 1, 4);
    for (guint c = 0; c < k; c++)
      g_string_append_printf(out, "%sM%05d", c > 0 ? ";" : "",
                             g_rand_int_range(rng, 1, (gint32)n_mentors + 1));
  }
  g_string_append_c(out, ',');
  if (n_mentors > 0 && chance(rng, 0.03))
    g_string_append_printf(out, "M%05d",
                           g_rand_int_range(rng, 1, (gint32)n_mentors + 1));
  g_string_append_c(out, '\n');
}

static void append_mentor(GString *out, GRand *rng, guint i) {
  char id[16];
  g_snprintf(id, sizeof id, "M%05u", i + 1);
  const char *type = DRAW(rng, mentor_types);
  gboolean peer = g_str_equal(type, "peer");
  int age = peer ? g_rand_int_range(rng, 18, 27) : g_rand_int_range(rng, 21, 70);
  append_common(out, rng, id, age, peer || chance(rng, 0.25));
  g_string_append_printf(out, ",%d,%s,%s,%g,", g_rand_int_range(rng, 1, 4),
                         type, chance(rng, 0.95) ? "yes" : "no",
                         (double)(chance(rng, 0.93) ? g_rand_int_range(rng, 3, 31)
                                                   : g_rand_int_range(rng, 0, 3)));
  APPEND_LIST(out, rng, skills, (guint)g_rand_int_range(rng, 0, 4));
  g_string_append_c(out, ',');
  APPEND_LIST(out, rng, sectors, (guint)g_rand_int_range(rng, 0, 3));
  g_string_append_printf(out, ",%d,", g_rand_int_range(rng, 5, 26));
  if (chance(rng, 0.2))
    g_string_append_printf(out, "%d,%d", peer ? 14 : 10, peer ? 21 : 25);
  else
    g_string_append_c(out, ',');
  g_string_append_printf(out, ",%s\n", chance(rng, 0.1) ? "female" : "");
}

char *mm_synthetic_csv(MmSide side, guint n, guint n_mentors, guint32 seed) {
  GRand *rng = g_rand_new_with_seed(seed * 2 + (side == MM_SIDE_MENTOR));
  GString *out = g_string_sized_new(256 + (gsize)n * 200);
  g_string_append(out, "id,age,gender,ethnicity,religion,languages,interests,"
                       "care_experienced,lat,lon,remote,availability,must,");
  if (side == MM_SIDE_MENTEE) {
    g_string_append(out, "needs,aspirations,priority,pref_gender,"
                         "pref_ethnicity,pref_care_experienced,pref_age_min,"
                         "pref_age_max,pref_mentor_type,preferred_mentors,"
                         "excluded_mentors\n");
    for (guint i = 0; i < n; i++)
      append_mentee(out, rng, i, n_mentors);
  } else {
    g_string_append(out, "capacity,mentor_type,checks_cleared,training_hours,"
                         "skills,sectors,max_distance_km,mentee_age_min,"
                         "mentee_age_max,pref_mentee_gender\n");
    for (guint i = 0; i < n; i++)
      append_mentor(out, rng, i);
  }
  g_rand_free(rng);
  return g_string_free(out, FALSE);
}
