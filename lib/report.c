/* report.c: the equity report's figures, as a JSON tree (see report.h).
 *
 * Data flow: match the pool in each mode -> one outcome per young person for
 * the chosen mode -> groups of young people (and mentors) along each
 * dimension -> one cell of figures per group. The renderings
 * (report-text.c, report-html.c) read only the tree built here; the
 * unmatched reasons and the pool gap have files of their own
 * (report-unmatched.c, report-gap.c). */
#include "report-private.h"

#include "mentor-side.h"
#include "problem.h"

#include <math.h>
#include <string.h>

/* The preference types a young person can state, in the order shown. */
static const struct {
  guint kind; /* MmCriterion, or MM_PREFERENCE_NAMED */
  const char *label;
} preference_types[] = {
    {MM_CRITERION_GENDER, "gender"},
    {MM_CRITERION_ETHNICITY, "ethnicity"},
    {MM_CRITERION_RELIGION, "religion"},
    {MM_CRITERION_CARE_EXPERIENCE, "care experience"},
    {MM_CRITERION_AGE, "age"},
    {MM_CRITERION_MENTOR_TYPE, "mentor type"},
    {MM_CRITERION_LANGUAGE, "language"},
    {MM_PREFERENCE_NAMED, "named mentor (own choice)"},
};

/* Age bands (inclusive) matching the stages services plan around: primary,
 * secondary, post-16, care leavers to 21, and to 25. Others: "other". */
static const struct {
  gint min, max;
  const char *label;
} age_bands[] = {
    {9, 11, "9-11"},   {12, 15, "12-15"}, {16, 17, "16-17"},
    {18, 21, "18-21"}, {22, 25, "22-25"},
};

#define NOT_KNOWN_LABEL "not known"

/* ---- what happened to each young person in the chosen mode ---- */

static MmReportOutcome *outcomes_new(const MmPool *pool, const MmConfig *config,
                                     const MmMatching *matching) {
  guint n = mm_pool_n_mentees(pool);
  MmReportOutcome *outcome = g_new0(MmReportOutcome, MAX(n, 1));
  for (guint i = 0; i < n; i++) {
    gint mentor = mm_matching_mentor(matching, i);
    if (mentor < 0)
      continue;
    outcome[i].matched = TRUE;
    outcome[i].score_units = mm_score_to_units(mm_matching_score(matching, i));
    mm_preferences_met_by_criterion(pool, config, i, (guint)mentor,
                                    outcome[i].stated, outcome[i].met);
  }
  return outcome;
}

/* ---- numbers ---- */

gboolean mm_report_is_suppressed(guint young_people, guint min_cell) {
  return young_people > 0 && young_people < min_cell;
}

/* Which cells of a partition (each young person in exactly one cell, and
 * the total published) to withhold: every small cell, and, when that is
 * exactly one, the smallest other cell with anyone in it too, so that the
 * small one cannot be worked out by subtracting the others from the total
 * (secondary suppression). @sizes are young people per cell. */
void mm_report_choose_suppressed(const guint *sizes, guint n, guint min_cell,
                                 gboolean partition, gboolean *hide) {
  guint n_hidden = 0;
  for (guint k = 0; k < n; k++) {
    hide[k] = mm_report_is_suppressed(sizes[k], min_cell);
    n_hidden += hide[k];
  }
  if (!partition || n_hidden != 1)
    return;
  gint smallest = -1;
  for (guint k = 0; k < n; k++)
    if (!hide[k] && sizes[k] > 0 &&
        (smallest < 0 || sizes[k] < sizes[smallest]))
      smallest = (gint)k;
  if (smallest >= 0)
    hide[smallest] = TRUE;
}

/* Percentages and means are shown with 2 decimals; rounding here means the
 * JSON, the text and the page all show the same digits. */
static double round_2_decimals(double value) {
  return round(value * 100.0) / 100.0 + 0.0;
}

void mm_report_add_uint(JsonBuilder *b, const char *name, guint value) {
  json_builder_set_member_name(b, name);
  json_builder_add_int_value(b, value);
}

void mm_report_add_null(JsonBuilder *b, const char *name) {
  json_builder_set_member_name(b, name);
  json_builder_add_null_value(b);
}

void mm_report_add_string(JsonBuilder *b, const char *name, const char *value) {
  json_builder_set_member_name(b, name);
  if (value != NULL)
    json_builder_add_string_value(b, value);
  else
    json_builder_add_null_value(b);
}

void mm_report_add_bool(JsonBuilder *b, const char *name, gboolean value) {
  json_builder_set_member_name(b, name);
  json_builder_add_boolean_value(b, value);
}

/* 100 x part / whole, or null when whole is 0. */
void mm_report_add_percent(JsonBuilder *b, const char *name, guint64 part,
                           guint64 whole) {
  json_builder_set_member_name(b, name);
  if (whole == 0)
    json_builder_add_null_value(b);
  else
    json_builder_add_double_value(
        b, round_2_decimals(100.0 * (double)part / (double)whole));
}

static void add_mean_score(JsonBuilder *b, gint64 total_units, guint count) {
  json_builder_set_member_name(b, "mean_score");
  if (count == 0)
    json_builder_add_null_value(b);
  else
    json_builder_add_double_value(
        b, round_2_decimals((double)total_units / MM_SCORE_SCALE / count));
}

/* ---- one cell: the figures for a set of young people ---- */

typedef struct {
  guint young_people, matched, stated, met;
  gint64 score_units;
} CellTotals;

static CellTotals cell_totals(const MmReport *r, const guint *mentees,
                              guint n) {
  CellTotals t = {.young_people = n};
  for (guint k = 0; k < n; k++) {
    const MmReportOutcome *o = &r->outcome[mentees[k]];
    if (!o->matched)
      continue;
    t.matched++;
    t.score_units += o->score_units;
    for (guint c = 0; c < MM_N_PREFERENCE_KINDS; c++) {
      t.stated += o->stated[c] != FALSE;
      t.met += o->met[c] != FALSE;
    }
  }
  return t;
}

static void add_cell_members(JsonBuilder *b, const MmReport *r,
                             const guint *mentees, guint n, gboolean hide) {
  CellTotals t = cell_totals(r, mentees, n);
  static const char *const figures[] = {
      "young_people",           "matched",
      "match_percent",          "mean_score",
      "preferences_stated",     "preferences_met",
      "preferences_met_percent"};
  if (hide) {
    for (guint k = 0; k < G_N_ELEMENTS(figures); k++)
      mm_report_add_null(b, figures[k]);
    mm_report_add_bool(b, "suppressed", TRUE);
    return;
  }
  mm_report_add_uint(b, "young_people", t.young_people);
  mm_report_add_uint(b, "matched", t.matched);
  mm_report_add_percent(b, "match_percent", t.matched, t.young_people);
  add_mean_score(b, t.score_units, t.matched);
  mm_report_add_uint(b, "preferences_stated", t.stated);
  mm_report_add_uint(b, "preferences_met", t.met);
  mm_report_add_percent(b, "preferences_met_percent", t.met, t.stated);
  mm_report_add_bool(b, "suppressed", FALSE);
}

/* ---- groups of people along one dimension ---- */

typedef struct {
  char *key;       /* identity and sort order within a rank */
  char *label;     /* shown */
  gint rank;       /* groups sort by rank, then key */
  GArray *mentees; /* guint indices */
  guint mentors;
  guint mentor_capacity;
} Group;

typedef struct {
  GHashTable *by_key; /* key -> Group* (owned by groups) */
  GPtrArray *groups;
} GroupTable;

static void group_free(gpointer data) {
  Group *g = data;
  g_free(g->key);
  g_free(g->label);
  g_array_unref(g->mentees);
  g_free(g);
}

static GroupTable *group_table_new(void) {
  GroupTable *t = g_new(GroupTable, 1);
  t->by_key = g_hash_table_new(g_str_hash, g_str_equal);
  t->groups = g_ptr_array_new_with_free_func(group_free);
  return t;
}

static void group_table_free(GroupTable *t) {
  g_hash_table_unref(t->by_key);
  g_ptr_array_unref(t->groups);
  g_free(t);
}

static Group *group_table_get(GroupTable *t, const char *key, const char *label,
                              gint rank) {
  Group *g = g_hash_table_lookup(t->by_key, key);
  if (g != NULL)
    return g;
  g = g_new0(Group, 1);
  g->key = g_strdup(key);
  g->label = g_strdup(label);
  g->rank = rank;
  g->mentees = g_array_new(FALSE, FALSE, sizeof(guint));
  g_ptr_array_add(t->groups, g);
  g_hash_table_insert(t->by_key, g->key, g);
  return g;
}

static gint compare_groups(gconstpointer a, gconstpointer b) {
  const Group *x = *(const Group *const *)a, *y = *(const Group *const *)b;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return strcmp(x->key, y->key);
}

/* Adds one person to the group @key. Fixed groups give their rank; token
 * groups rank 0 (sorted by folded name) and "not known" comes after them. */
static void group_add(GroupTable *t, const char *key, const char *label,
                      gint rank, const MmPool *pool, MmSide side, guint index) {
  Group *g = group_table_get(t, key, label, rank);
  if (side == MM_SIDE_MENTEE) {
    if (g->mentees->len == 0 ||
        g_array_index(g->mentees, guint, g->mentees->len - 1) != index)
      g_array_append_val(g->mentees, index);
  } else {
    g->mentors++;
    g->mentor_capacity += mm_pool_mentor_capacity(pool, index);
  }
}

#define RANK_TOKEN 0
#define RANK_NOT_KNOWN 1

static void group_add_token(GroupTable *t, const MmPool *pool, MmVocab vocab,
                            gint32 code, MmSide side, guint index) {
  if (code == MM_NO_TOKEN) {
    group_add(t, NOT_KNOWN_LABEL, NOT_KNOWN_LABEL, RANK_NOT_KNOWN, pool, side,
              index);
    return;
  }
  group_add(t, mm_tokens_name(pool->vocab[vocab], code),
            mm_tokens_display(pool->vocab[vocab], code), RANK_TOKEN, pool, side,
            index);
}

typedef void (*GroupPersonFunc)(GroupTable *t, const MmPool *pool, MmSide side,
                                guint index, const MmPerson *p);

static void by_gender(GroupTable *t, const MmPool *pool, MmSide side,
                      guint index, const MmPerson *p) {
  group_add_token(t, pool, MM_VOCAB_GENDER, p->gender, side, index);
}

static void by_ethnic_group(GroupTable *t, const MmPool *pool, MmSide side,
                            guint index, const MmPerson *p) {
  group_add_token(t, pool, MM_VOCAB_ETHNIC_GROUP, p->ethnic_group, side, index);
}

static void by_age_band(GroupTable *t, const MmPool *pool, MmSide side,
                        guint index, const MmPerson *p) {
  for (guint k = 0; k < G_N_ELEMENTS(age_bands); k++) {
    if (p->age >= age_bands[k].min && p->age <= age_bands[k].max) {
      group_add(t, age_bands[k].label, age_bands[k].label, (gint)k, pool, side,
                index);
      return;
    }
  }
  group_add(t, "other", "other", G_N_ELEMENTS(age_bands), pool, side, index);
}

static void by_priority(GroupTable *t, const MmPool *pool, MmSide side,
                        guint index, const MmPerson *p) {
  char label[16];
  g_snprintf(label, sizeof label, "%d", p->priority);
  group_add(t, label, label, p->priority, pool, side, index);
}

static void by_care_experience(GroupTable *t, const MmPool *pool, MmSide side,
                               guint index, const MmPerson *p) {
  static const char *const labels[] = {"yes", "no", NOT_KNOWN_LABEL};
  gint k = p->care_experienced == MM_TRI_YES  ? 0
           : p->care_experienced == MM_TRI_NO ? 1
                                              : 2;
  group_add(t, labels[k], labels[k], k, pool, side, index);
}

/* A young person with several needs is in each of their needs' groups. */
static void by_needs(GroupTable *t, const MmPool *pool, MmSide side,
                     guint index, const MmPerson *p) {
  if (p->needs.n == 0)
    group_add(t, "none recorded", "none recorded", RANK_NOT_KNOWN, pool, side,
              index);
  for (guint k = 0; k < p->needs.n; k++)
    group_add_token(t, pool, MM_VOCAB_NEED, p->needs.codes[k], side, index);
}

static void by_mentor_type(GroupTable *t, const MmPool *pool, MmSide side,
                           guint index, const MmPerson *p) {
  if (side != MM_SIDE_MENTOR)
    return;
  const char *name = mm_mentor_type_name(p->mentor_type);
  group_add(t, name, name, (gint)p->mentor_type, pool, side, index);
}

static GroupTable *tabulate(const MmPool *pool, GroupPersonFunc add,
                            gboolean with_mentors) {
  GroupTable *t = group_table_new();
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++)
    add(t, pool, MM_SIDE_MENTEE, i, mm_pool_mentee(pool, i));
  for (guint j = 0; with_mentors && j < mm_pool_n_mentors(pool); j++)
    add(t, pool, MM_SIDE_MENTOR, j, mm_pool_mentor(pool, j));
  g_ptr_array_sort(t->groups, compare_groups);
  return t;
}

typedef struct {
  const char *by;
  const char *title;
  GroupPersonFunc add;
  gboolean describes_mentees; /* FALSE: a mentor-only property */
  gboolean partition;         /* each young person in exactly one group */
} Dimension;

static const Dimension breakdown_dimensions[] = {
    {"gender", "Gender", by_gender, TRUE, TRUE},
    {"ethnicity_group", "Ethnicity group", by_ethnic_group, TRUE, TRUE},
    {"age_band", "Age band", by_age_band, TRUE, TRUE},
    {"priority", "Priority", by_priority, TRUE, TRUE},
    {"care_experienced", "Care experience", by_care_experience, TRUE, TRUE},
    {"needs", "Needs", by_needs, TRUE, FALSE},
};

static const Dimension composition_dimensions[] = {
    {"gender", "Gender", by_gender, TRUE, TRUE},
    {"ethnicity_group", "Ethnicity group", by_ethnic_group, TRUE, TRUE},
    {"care_experienced", "Care experience", by_care_experience, TRUE, TRUE},
    {"mentor_type", "Mentor type", by_mentor_type, FALSE, FALSE},
};

/* The groups of @t to withhold (g_free the result). */
static gboolean *groups_suppressed(const GroupTable *t, const Dimension *dim,
                                   guint min_cell) {
  guint n = t->groups->len;
  guint *sizes = g_new0(guint, MAX(n, 1));
  gboolean *hide = g_new0(gboolean, MAX(n, 1));
  for (guint k = 0; dim->describes_mentees && k < n; k++)
    sizes[k] = ((const Group *)g_ptr_array_index(t->groups, k))->mentees->len;
  mm_report_choose_suppressed(sizes, n, min_cell, dim->partition, hide);
  g_free(sizes);
  return hide;
}

/* ---- sections ---- */

static void build_overall(JsonBuilder *b, const MmReport *r) {
  guint n = mm_pool_n_mentees(r->pool);
  guint *all = g_new(guint, MAX(n, 1));
  for (guint i = 0; i < n; i++)
    all[i] = i;
  json_builder_set_member_name(b, "overall");
  json_builder_begin_object(b);
  add_cell_members(b, r, all, n, FALSE); /* totals are never withheld */
  json_builder_end_object(b);
  g_free(all);
}

static void build_preferences(JsonBuilder *b, const MmReport *r) {
  json_builder_set_member_name(b, "preferences");
  json_builder_begin_array(b);
  for (guint k = 0; k < G_N_ELEMENTS(preference_types); k++) {
    guint c = preference_types[k].kind;
    guint stated = 0, met = 0;
    for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++) {
      stated += r->outcome[i].stated[c] != FALSE;
      met += r->outcome[i].met[c] != FALSE;
    }
    json_builder_begin_object(b);
    mm_report_add_string(b, "type", mm_criterion_name(c));
    mm_report_add_string(b, "label", preference_types[k].label);
    /* Each young person states a type at most once: "stated" counts young
     * people, so it is the cell size. */
    gboolean hide = mm_report_is_suppressed(stated, r->min_cell);
    if (hide) {
      mm_report_add_null(b, "stated");
      mm_report_add_null(b, "met");
      mm_report_add_null(b, "met_percent");
    } else {
      mm_report_add_uint(b, "stated", stated);
      mm_report_add_uint(b, "met", met);
      mm_report_add_percent(b, "met_percent", met, stated);
    }
    mm_report_add_bool(b, "suppressed", hide);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

static void build_breakdowns(JsonBuilder *b, const MmReport *r) {
  json_builder_set_member_name(b, "breakdowns");
  json_builder_begin_array(b);
  for (guint d = 0; d < G_N_ELEMENTS(breakdown_dimensions); d++) {
    const Dimension *dim = &breakdown_dimensions[d];
    GroupTable *t = tabulate(r->pool, dim->add, FALSE);
    gboolean *hide = groups_suppressed(t, dim, r->min_cell);
    json_builder_begin_object(b);
    mm_report_add_string(b, "by", dim->by);
    mm_report_add_string(b, "title", dim->title);
    json_builder_set_member_name(b, "groups");
    json_builder_begin_array(b);
    for (guint k = 0; k < t->groups->len; k++) {
      const Group *g = g_ptr_array_index(t->groups, k);
      json_builder_begin_object(b);
      mm_report_add_string(b, "group", g->label);
      add_cell_members(b, r, (const guint *)g->mentees->data, g->mentees->len,
                       hide[k]);
      json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    g_free(hide);
    group_table_free(t);
  }
  json_builder_end_array(b);
}

static void build_composition(JsonBuilder *b, const MmReport *r) {
  guint n_mentees = mm_pool_n_mentees(r->pool);
  guint n_mentors = mm_pool_n_mentors(r->pool);
  json_builder_set_member_name(b, "composition");
  json_builder_begin_array(b);
  for (guint d = 0; d < G_N_ELEMENTS(composition_dimensions); d++) {
    const Dimension *dim = &composition_dimensions[d];
    GroupTable *t = tabulate(r->pool, dim->add, TRUE);
    gboolean *hide = groups_suppressed(t, dim, r->min_cell);
    json_builder_begin_object(b);
    mm_report_add_string(b, "by", dim->by);
    mm_report_add_string(b, "title", dim->title);
    mm_report_add_bool(b, "describes_young_people", dim->describes_mentees);
    json_builder_set_member_name(b, "groups");
    json_builder_begin_array(b);
    for (guint k = 0; k < t->groups->len; k++) {
      const Group *g = g_ptr_array_index(t->groups, k);
      json_builder_begin_object(b);
      mm_report_add_string(b, "group", g->label);
      if (dim->describes_mentees && !hide[k]) {
        mm_report_add_uint(b, "young_people", g->mentees->len);
        mm_report_add_percent(b, "young_people_percent", g->mentees->len,
                              n_mentees);
      } else if (dim->describes_mentees) {
        mm_report_add_null(b, "young_people");
        mm_report_add_null(b, "young_people_percent");
      }
      mm_report_add_uint(b, "mentors", g->mentors);
      mm_report_add_percent(b, "mentors_percent", g->mentors, n_mentors);
      mm_report_add_bool(b, "suppressed", hide[k]);
      json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    g_free(hide);
    group_table_free(t);
  }
  json_builder_end_array(b);
}

/* ---- the three modes side by side ---- */

static void add_mode_row(JsonBuilder *b, MmMode mode,
                         const MmMatching *matching) {
  MmMatchSummary s = mm_matching_summary(matching);
  guint with_mentor = s.matched + s.pinned;
  json_builder_begin_object(b);
  mm_report_add_string(b, "mode", mm_mode_name(mode));
  mm_report_add_uint(b, "matched", with_mentor);
  mm_report_add_percent(b, "match_percent", with_mentor, s.n_mentees);
  json_builder_set_member_name(b, "mean_score");
  if (with_mentor == 0)
    json_builder_add_null_value(b);
  else
    json_builder_add_double_value(b, round_2_decimals(s.mean_score));
  mm_report_add_uint(b, "preferences_stated", s.preferences_stated);
  mm_report_add_uint(b, "preferences_met", s.preferences_met);
  mm_report_add_percent(b, "preferences_met_percent", s.preferences_met,
                        s.preferences_stated);
  json_builder_end_object(b);
}

static MmMatching *match_in_mode(const MmPool *pool, const MmConfig *config,
                                 MmMode mode, guint n_threads) {
  MmMatchOptions options = mm_match_options_default();
  options.mode = mode;
  options.n_threads = n_threads;
  return mm_match(pool, config, &options, NULL);
}

/* ---- the whole report ---- */

static guint total_capacity(const MmPool *pool) {
  guint total = 0;
  for (guint j = 0; j < mm_pool_n_mentors(pool); j++)
    total += mm_pool_mentor_capacity(pool, j);
  return total;
}

JsonNode *mm_report_build(const MmPool *pool, const MmConfig *config,
                          MmMode mode, guint min_cell, guint n_threads) {
  g_return_val_if_fail(pool != NULL && mm_pool_is_prepared(pool), NULL);
  g_return_val_if_fail(config != NULL, NULL);
  g_return_val_if_fail(mm_mode_name(mode) != NULL, NULL);

  static const MmMode modes[] = {MM_MODE_OPTIMAL, MM_MODE_STABLE,
                                 MM_MODE_GREEDY};
  MmMatching *matchings[G_N_ELEMENTS(modes)];
  for (guint k = 0; k < G_N_ELEMENTS(modes); k++)
    matchings[k] = match_in_mode(pool, config, modes[k], n_threads);
  const MmMatching *chosen = matchings[0];
  for (guint k = 0; k < G_N_ELEMENTS(modes); k++)
    if (modes[k] == mode)
      chosen = matchings[k];

  MmReport r = {.pool = pool,
                .config = config,
                .matching = chosen,
                .min_cell = min_cell,
                .outcome = outcomes_new(pool, config, chosen)};
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  mm_report_add_string(b, "mode", mm_mode_name(mode));
  mm_report_add_uint(b, "min_cell", min_cell);
  mm_report_add_uint(b, "young_people", mm_pool_n_mentees(pool));
  mm_report_add_uint(b, "mentors", mm_pool_n_mentors(pool));
  mm_report_add_uint(b, "mentor_capacity", total_capacity(pool));
  build_overall(b, &r);
  build_preferences(b, &r);
  build_breakdowns(b, &r);
  mm_report_build_unmatched(b, &r);
  mm_report_build_pool_gap(b, &r);
  build_composition(b, &r);
  json_builder_set_member_name(b, "modes");
  json_builder_begin_array(b);
  for (guint k = 0; k < G_N_ELEMENTS(modes); k++)
    add_mode_row(b, modes[k], matchings[k]);
  json_builder_end_array(b);
  json_builder_end_object(b);

  JsonNode *root = json_builder_get_root(b);
  g_object_unref(b);
  g_free(r.outcome);
  for (guint k = 0; k < G_N_ELEMENTS(modes); k++)
    mm_matching_free(matchings[k]);
  return root;
}
