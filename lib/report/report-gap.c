/* report-gap.c: the equity report's pool gap: for each kind of mentor
 * young people ask for, how many of those asking are still waiting after
 * the assignment, against the places mentors of that kind still have free,
 * and what keeps them apart (see report.h). */
#include "report-private.h"
#include "rules.h"

#include <string.h>

/* A mentor who could be matched at all: checks and training (KP6). */
static gboolean mentor_available(const MmReportState *r, const MmPerson *mentor) {
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
  const char *full = mm_i_tokens_name(pool->vocab[MM_VOCAB_ETHNICITY], ethnicity);
  const char *colon = strchr(full, ':');
  char *raw =
      g_strndup(full, colon != NULL ? (gsize)(colon - full) : strlen(full));
  char *group = mm_i_text_fold(raw);
  gint32 code = mm_i_tokens_lookup(pool->vocab[MM_VOCAB_ETHNIC_GROUP], group);
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
  return mm_i_codes_contains(&mentor->skills, code);
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

/* What drives a row: why those still waiting who ask for a kind of mentor
 * are not matched to the free places of that kind. */
typedef struct {
  const char *name;
  const char *label;
} Driver;

static const Driver driver_none_waiting = {
    "none_waiting", "no one who asks for it is still waiting"};
static const Driver driver_no_mentors = {"no_mentors",
                                         "no such mentor cleared: recruit"};
static const Driver driver_places_taken = {"places_taken",
                                           "all places taken: recruit"};
static const Driver driver_not_eligible = {"not_eligible",
                                           "free places ruled out by: "};
static const Driver driver_not_chosen = {
    "not_chosen", "free eligible places the assignment did not use"};

/* One row: a demand on one group. */
typedef struct {
  const char *demand;
  const char *title;
  const char *group;
  char *label;          /* e.g. "gender: female" */
  GArray *waiting;      /* guint mentees asking, still unmatched */
  guint asking;         /* young people asking, matched or not */
  guint capacity;       /* places of available mentors of the kind */
  guint free_capacity;  /* of them not used by the assignment */
  GArray *free_mentors; /* guint available mentors of the kind with a place */
  gboolean hide;
} GapRow;

static void gap_row_init(GapRow *row, const char *demand, const char *title,
                         const char *group, char *label) {
  memset(row, 0, sizeof *row);
  row->demand = demand;
  row->title = title;
  row->group = group;
  row->label = label;
  row->waiting = g_array_new(FALSE, FALSE, sizeof(guint));
  row->free_mentors = g_array_new(FALSE, FALSE, sizeof(guint));
}

static void gap_row_clear(GapRow *row) {
  g_free(row->label);
  g_array_unref(row->waiting);
  g_array_unref(row->free_mentors);
}

static void gap_row_add_mentee(GapRow *row, const MmReportState *r, guint i) {
  row->asking++;
  if (!r->outcome[i].matched)
    g_array_append_val(row->waiting, i);
}

static void gap_row_add_mentor(GapRow *row, const MmReportState *r, guint j) {
  guint capacity = mm_pool_mentor_capacity(r->pool, j);
  guint used = MIN(r->places_used[j], capacity);
  row->capacity += capacity;
  row->free_capacity += capacity - used;
  if (used < capacity)
    g_array_append_val(row->free_mentors, j);
}

/* The hard rule that rules out the most (waiting young person, mentor with
 * a free place) pairs of the row, ties in MmRule order; -1 when none does. */
static gint leading_rule(const GapRow *row, const MmReportState *r) {
  guint m = mm_pool_n_mentors(r->pool);
  double *scores = g_new(double, MAX(m, 1));
  guint32 *broken = g_new(guint32, MAX(m, 1));
  guint counts[MM_N_RULES] = {0};
  for (guint k = 0; k < row->waiting->len; k++) {
    mm_score_mentee(r->pool, r->config, g_array_index(row->waiting, guint, k),
                    scores, broken);
    for (guint f = 0; f < row->free_mentors->len; f++) {
      guint32 mask = broken[g_array_index(row->free_mentors, guint, f)];
      mm_i_rules_count(&mask, 1, counts);
    }
  }
  g_free(broken);
  g_free(scores);
  gint best = -1;
  for (guint rule = 0; rule < MM_N_RULES; rule++)
    if (counts[rule] > 0 && (best < 0 || counts[rule] > counts[best]))
      best = (gint)rule;
  return best;
}

static void add_gap_row(JsonBuilder *b, const MmReportState *r, const GapRow *row) {
  guint waiting = row->waiting->len;
  json_builder_begin_object(b);
  mm_i_report_add_string(b, "demand", row->demand);
  mm_i_report_add_string(b, "title", row->title);
  mm_i_report_add_string(b, "group", row->group);
  mm_i_report_add_string(b, "label", row->label);
  if (row->hide)
    mm_i_report_add_null(b, "young_people");
  else
    mm_i_report_add_uint(b, "young_people", waiting);
  mm_i_report_add_uint(b, "eligible_capacity", row->capacity);
  mm_i_report_add_uint(b, "free_capacity", row->free_capacity);
  if (row->hide)
    mm_i_report_add_null(b, "shortfall");
  else
    mm_i_report_add_uint(
        b, "shortfall",
        waiting > row->free_capacity ? waiting - row->free_capacity : 0);
  /* What drives it is about the young people waiting: withheld with them. */
  const Driver *driver = NULL;
  gint rule = -1;
  if (row->hide)
    driver = NULL;
  else if (waiting == 0)
    driver = &driver_none_waiting;
  else if (row->capacity == 0)
    driver = &driver_no_mentors;
  else if (row->free_capacity == 0)
    driver = &driver_places_taken;
  else if ((rule = leading_rule(row, r)) >= 0)
    driver = &driver_not_eligible;
  else
    driver = &driver_not_chosen;
  mm_i_report_add_string(b, "driver", driver != NULL ? driver->name : NULL);
  mm_i_report_add_string(b, "rule",
                       rule >= 0 ? mm_rule_name((MmRule)rule) : NULL);
  char *label = NULL;
  if (driver != NULL && rule >= 0)
    label = g_strconcat(driver->label, mm_rule_describe((MmRule)rule), NULL);
  else if (driver != NULL)
    label = g_strdup(driver->label);
  mm_i_report_add_string(b, "driver_label", label);
  g_free(label);
  mm_i_report_add_bool(b, "suppressed", row->hide);
  json_builder_end_object(b);
}

static gint compare_codes_by_name(gconstpointer a, gconstpointer b,
                                  gpointer table) {
  return strcmp(mm_i_tokens_name(table, *(const gint32 *)a),
                mm_i_tokens_name(table, *(const gint32 *)b));
}

/* The needs group of @key: the pool gap's skill rows are the same young
 * people, so they are withheld with it. */
static const MmReportGroup *needs_group(const MmReportState *r, const char *key) {
  const MmReportDimension *dim = &r->dims[MM_REPORT_DIM_NEEDS];
  for (guint k = 0; k < dim->groups->len; k++) {
    const MmReportGroup *g = g_ptr_array_index(dim->groups, k);
    if (strcmp(g->key, key) == 0)
      return g;
  }
  return NULL;
}

static void build_token_gap(JsonBuilder *b, const MmReportState *r,
                            const Demand *demand) {
  const MmTokenTable *vocab = r->pool->vocab[demand->vocab];
  gboolean by_needs = demand->vocab == MM_VOCAB_NEED;
  if (by_needs && r->dims[MM_REPORT_DIM_NEEDS].withheld)
    return; /* the needs asked for are not named at all */
  guint n_codes = mm_i_tokens_count(vocab);
  GapRow *rows = g_new0(GapRow, MAX(n_codes, 1));
  gboolean *used = g_new0(gboolean, MAX(n_codes, 1));
  guint *last_mentee = g_new0(guint, MAX(n_codes, 1)); /* index + 1 */
  GArray *wanted = g_array_new(FALSE, FALSE, sizeof(gint32));
  for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++) {
    g_array_set_size(wanted, 0);
    demand->wanted(r->pool, mm_i_pool_mentee(r->pool, i), wanted);
    for (guint k = 0; k < wanted->len; k++) {
      gint32 code = g_array_index(wanted, gint32, k);
      if (last_mentee[code] == i + 1)
        continue;
      last_mentee[code] = i + 1;
      if (!used[code]) {
        const char *group = mm_i_tokens_display(vocab, code);
        gap_row_init(&rows[code], demand->demand, demand->title, group,
                     g_strdup_printf("%s: %s", demand->label, group));
        used[code] = TRUE;
      }
      gap_row_add_mentee(&rows[code], r, i);
    }
  }
  GArray *asked = g_array_new(FALSE, FALSE, sizeof(gint32));
  for (guint code = 0; code < n_codes; code++)
    if (used[code])
      g_array_append_val(asked, code);
  g_array_sort_with_data(asked, compare_codes_by_name, (gpointer)vocab);
  for (guint k = 0; k < asked->len; k++) {
    gint32 code = g_array_index(asked, gint32, k);
    GapRow *row = &rows[code];
    for (guint j = 0; j < mm_pool_n_mentors(r->pool); j++) {
      const MmPerson *mentor = mm_i_pool_mentor(r->pool, j);
      if (mentor_available(r, mentor) && demand->offers(mentor, code))
        gap_row_add_mentor(row, r, j);
    }
    const MmReportGroup *g =
        by_needs ? needs_group(r, mm_i_tokens_name(vocab, code)) : NULL;
    row->hide =
        g != NULL ? g->hide
                  : mm_i_report_gap_row_hidden(r, row->asking, row->waiting->len);
    add_gap_row(b, r, row);
    gap_row_clear(row);
  }
  g_array_unref(asked);
  g_array_unref(wanted);
  g_free(last_mentee);
  g_free(used);
  g_free(rows);
}

static void build_care_gap(JsonBuilder *b, const MmReportState *r) {
  GapRow row;
  gap_row_init(&row, "care_experienced", "Wants a mentor who is",
               "care-experienced", g_strdup("care-experienced mentor"));
  for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++)
    if (mm_i_pool_mentee(r->pool, i)->pref_care_experienced == MM_TRI_YES)
      gap_row_add_mentee(&row, r, i);
  for (guint j = 0; row.asking > 0 && j < mm_pool_n_mentors(r->pool); j++) {
    const MmPerson *mentor = mm_i_pool_mentor(r->pool, j);
    if (mentor_available(r, mentor) && mentor->care_experienced == MM_TRI_YES)
      gap_row_add_mentor(&row, r, j);
  }
  row.hide = mm_i_report_gap_row_hidden(r, row.asking, row.waiting->len);
  if (row.asking > 0)
    add_gap_row(b, r, &row);
  gap_row_clear(&row);
}

/* Asking and still waiting per code of @demand (arrays of n_codes). */
static void count_demand(const MmReportState *r, const Demand *demand, guint *asking,
                         guint *waiting) {
  guint n_codes = mm_i_tokens_count(r->pool->vocab[demand->vocab]);
  guint *last_mentee = g_new0(guint, MAX(n_codes, 1)); /* index + 1 */
  GArray *wanted = g_array_new(FALSE, FALSE, sizeof(gint32));
  for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++) {
    g_array_set_size(wanted, 0);
    demand->wanted(r->pool, mm_i_pool_mentee(r->pool, i), wanted);
    for (guint k = 0; k < wanted->len; k++) {
      gint32 code = g_array_index(wanted, gint32, k);
      if (last_mentee[code] == i + 1)
        continue;
      last_mentee[code] = i + 1;
      asking[code]++;
      waiting[code] += !r->outcome[i].matched;
    }
  }
  g_array_unref(wanted);
  g_free(last_mentee);
}

gboolean mm_i_report_gap_row_hidden(const MmReportState *r, guint asking,
                                  guint waiting) {
  return mm_i_report_is_suppressed(asking, r->min_cell) ||
         (r->gap_withhold_bounding && asking > 0 && waiting < r->min_cell);
}

/* The least number of matched young people a demand's shown rows say
 * asked (the largest min_cell - waiting over them). */
static gint64 demand_bound(const MmReportState *r, const guint *asking,
                           const guint *waiting, guint n_codes) {
  gint64 least = 0;
  for (guint code = 0; code < n_codes; code++)
    if (asking[code] > 0 &&
        !mm_i_report_gap_row_hidden(r, asking[code], waiting[code]))
      least = MAX(least, (gint64)r->min_cell - waiting[code]);
  return least;
}

void mm_i_report_gap_bounds(const MmReportState *r, gint64 *care, gint64 *gender,
                          gint64 *ethnicity) {
  guint asking = 0, waiting = 0;
  for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++) {
    if (mm_i_pool_mentee(r->pool, i)->pref_care_experienced == MM_TRI_YES) {
      asking++;
      waiting += !r->outcome[i].matched;
    }
  }
  *care = demand_bound(r, &asking, &waiting, 1);
  for (guint k = 0; k < 2; k++) {
    const Demand *demand = &token_demands[k];
    guint n_codes = mm_i_tokens_count(r->pool->vocab[demand->vocab]);
    guint *asked = g_new0(guint, MAX(n_codes, 1));
    guint *left = g_new0(guint, MAX(n_codes, 1));
    count_demand(r, demand, asked, left);
    *(demand->vocab == MM_VOCAB_GENDER ? gender : ethnicity) =
        demand_bound(r, asked, left, n_codes);
    g_free(left);
    g_free(asked);
  }
}

/* Rows are kept for every demand someone made, matched or not, so that a
 * row's presence says nothing about who is still waiting. A row is
 * withheld when fewer than min_cell young people ask, or where it would
 * give away a withheld preference figure (mm_i_report_gap_row_hidden()); the
 * skill rows go with the needs group of the same young people. */
void mm_i_report_build_pool_gap(JsonBuilder *b, const MmReportState *r) {
  json_builder_set_member_name(b, "pool_gap");
  json_builder_begin_array(b);
  build_token_gap(b, r, &token_demands[0]);
  build_care_gap(b, r);
  for (guint k = 1; k < G_N_ELEMENTS(token_demands); k++)
    build_token_gap(b, r, &token_demands[k]);
  json_builder_end_array(b);
}
