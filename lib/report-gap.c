/* report-gap.c: the equity report's pool gap: for each kind of mentor
 * young people ask for, how many ask against the places mentors of that
 * kind offer (see report.h). */
#include "report-private.h"

#include <string.h>

/* A mentor who could be matched at all: checks and training (KP6). */
static gboolean mentor_available(const MmReport *r, const MmPerson *mentor) {
  if (mm_config_get_require_checks(r->config) &&
      mentor->checks_cleared != MM_TRI_YES)
    return FALSE;
  return mentor->training_hours >= mm_config_get_min_training_hours(r->config);
}

/* One kind of demand over the codes of one vocabulary: which codes a young
 * person asks for, and whether a mentor offers a code. */
typedef struct {
  const char *demand;
  const char *title;
  const char *label; /* short, before the group in a chart row */
  MmVocab vocab;
  /* Adds every code @p asks for to @wanted (duplicates are counted once). */
  void (*wanted)(const MmPool *pool, const MmPerson *p, GArray *wanted);
  gboolean (*offers)(const MmPerson *mentor, gint32 code);
} Demand;

/* The group part of a folded "group: detail" ethnicity, as a group code. */
static gint32 ethnic_group_of(const MmPool *pool, gint32 ethnicity) {
  const char *full = mm_tokens_name(pool->vocab[MM_VOCAB_ETHNICITY], ethnicity);
  const char *colon = strchr(full, ':');
  char *raw =
      g_strndup(full, colon != NULL ? (gsize)(colon - full) : strlen(full));
  char *group = mm_text_fold(raw);
  gint32 code = mm_tokens_lookup(pool->vocab[MM_VOCAB_ETHNIC_GROUP], group);
  g_free(group);
  g_free(raw);
  return code;
}

/* Groups named, groups of ethnicities named, and the young person's own
 * group for `same` or `same-group`. `different-group` asks for no one
 * group, so it is no demand on any. */
static void wants_ethnic_groups(const MmPool *pool, const MmPerson *p,
                                GArray *wanted) {
  for (guint k = 0; k < p->pref_ethnic_group.n; k++)
    g_array_append_val(wanted, p->pref_ethnic_group.codes[k]);
  for (guint k = 0; k < p->pref_ethnicity.n; k++) {
    gint32 group = ethnic_group_of(pool, p->pref_ethnicity.codes[k]);
    if (group != MM_NO_TOKEN)
      g_array_append_val(wanted, group);
  }
  if ((p->pref_ethnicity_flags & (MM_ETH_SAME | MM_ETH_SAME_GROUP)) &&
      p->ethnic_group != MM_NO_TOKEN)
    g_array_append_val(wanted, p->ethnic_group);
}

static gboolean offers_ethnic_group(const MmPerson *mentor, gint32 code) {
  return mentor->ethnic_group == code;
}

static void wants_genders(const MmPool *pool, const MmPerson *p,
                          GArray *wanted) {
  (void)pool;
  g_array_append_vals(wanted, p->pref_gender.codes, p->pref_gender.n);
}

static gboolean offers_gender(const MmPerson *mentor, gint32 code) {
  return mentor->gender == code;
}

static void wants_skills(const MmPool *pool, const MmPerson *p,
                         GArray *wanted) {
  (void)pool;
  g_array_append_vals(wanted, p->needs.codes, p->needs.n);
}

static gboolean offers_skill(const MmPerson *mentor, gint32 code) {
  return mm_codes_contains(&mentor->skills, code);
}

static const Demand token_demands[] = {
    {"ethnicity_group", "Wants a mentor from ethnicity group",
     "ethnicity group", MM_VOCAB_ETHNIC_GROUP, wants_ethnic_groups,
     offers_ethnic_group},
    {"gender", "Wants a mentor of gender", "gender", MM_VOCAB_GENDER,
     wants_genders, offers_gender},
    {"skill", "Needs a mentor skilled in", "skill", MM_VOCAB_NEED, wants_skills,
     offers_skill},
};

/* @label: the row's short name, e.g. "gender: female". */
static void add_gap_row(JsonBuilder *b, const MmReport *r, const char *demand,
                        const char *title, const char *group, const char *label,
                        guint young_people, guint capacity) {
  gboolean hide = mm_report_is_suppressed(young_people, r->min_cell);
  json_builder_begin_object(b);
  mm_report_add_string(b, "demand", demand);
  mm_report_add_string(b, "title", title);
  mm_report_add_string(b, "group", group);
  mm_report_add_string(b, "label", label);
  if (hide)
    mm_report_add_null(b, "young_people");
  else
    mm_report_add_uint(b, "young_people", young_people);
  mm_report_add_uint(b, "eligible_capacity", capacity);
  if (hide)
    mm_report_add_null(b, "shortfall");
  else
    mm_report_add_uint(b, "shortfall",
                       young_people > capacity ? young_people - capacity : 0);
  mm_report_add_bool(b, "suppressed", hide);
  json_builder_end_object(b);
}

static gint compare_codes_by_name(gconstpointer a, gconstpointer b,
                                  gpointer table) {
  return strcmp(mm_tokens_name(table, *(const gint32 *)a),
                mm_tokens_name(table, *(const gint32 *)b));
}

static void build_token_gap(JsonBuilder *b, const MmReport *r,
                            const Demand *demand) {
  const MmTokenTable *vocab = r->pool->vocab[demand->vocab];
  guint n_codes = mm_tokens_count(vocab);
  guint *young_people = g_new0(guint, MAX(n_codes, 1));
  guint *last_mentee = g_new0(guint, MAX(n_codes, 1)); /* index + 1 */
  GArray *wanted = g_array_new(FALSE, FALSE, sizeof(gint32));
  for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++) {
    g_array_set_size(wanted, 0);
    demand->wanted(r->pool, mm_pool_mentee(r->pool, i), wanted);
    for (guint k = 0; k < wanted->len; k++) {
      gint32 code = g_array_index(wanted, gint32, k);
      if (last_mentee[code] == i + 1)
        continue;
      last_mentee[code] = i + 1;
      young_people[code]++;
    }
  }
  GArray *asked = g_array_new(FALSE, FALSE, sizeof(gint32));
  for (guint code = 0; code < n_codes; code++)
    if (young_people[code] > 0)
      g_array_append_val(asked, code);
  g_array_sort_with_data(asked, compare_codes_by_name, (gpointer)vocab);
  for (guint k = 0; k < asked->len; k++) {
    gint32 code = g_array_index(asked, gint32, k);
    guint capacity = 0;
    for (guint j = 0; j < mm_pool_n_mentors(r->pool); j++) {
      const MmPerson *mentor = mm_pool_mentor(r->pool, j);
      if (mentor_available(r, mentor) && demand->offers(mentor, code))
        capacity += (guint)mentor->capacity;
    }
    const char *group = mm_tokens_display(vocab, code);
    char *label = g_strdup_printf("%s: %s", demand->label, group);
    add_gap_row(b, r, demand->demand, demand->title, group, label,
                young_people[code], capacity);
    g_free(label);
  }
  g_array_unref(asked);
  g_array_unref(wanted);
  g_free(last_mentee);
  g_free(young_people);
}

static void build_care_gap(JsonBuilder *b, const MmReport *r) {
  guint young_people = 0, capacity = 0;
  for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++)
    young_people +=
        mm_pool_mentee(r->pool, i)->pref_care_experienced == MM_TRI_YES;
  for (guint j = 0; j < mm_pool_n_mentors(r->pool); j++) {
    const MmPerson *mentor = mm_pool_mentor(r->pool, j);
    if (mentor_available(r, mentor) && mentor->care_experienced == MM_TRI_YES)
      capacity += (guint)mentor->capacity;
  }
  if (young_people > 0)
    add_gap_row(b, r, "care_experienced", "Wants a mentor who is",
                "care-experienced", "care-experienced mentor", young_people,
                capacity);
}

void mm_report_build_pool_gap(JsonBuilder *b, const MmReport *r) {
  json_builder_set_member_name(b, "pool_gap");
  json_builder_begin_array(b);
  build_token_gap(b, r, &token_demands[0]);
  build_care_gap(b, r);
  for (guint k = 1; k < G_N_ELEMENTS(token_demands); k++)
    build_token_gap(b, r, &token_demands[k]);
  json_builder_end_array(b);
}
