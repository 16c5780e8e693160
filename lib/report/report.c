/* report.c: the equity report's figures, as a JSON tree (see report.h).
 *
 * Data flow: match the pool in each mode (pins kept in all) -> one outcome
 * per young person -> groups of young people (and mentors) along each
 * dimension, with their suppression decided once (mm_i_report_protect()) ->
 * one cell of figures per group, in every table that shows the group. The
 * renderings (report-text.c, report-html.c) read only the tree built here;
 * the unmatched young people (reasons, waiting time) and the pool gap have
 * files of their own (report-unmatched.c, report-gap.c). */
#include "report-private.h"

#include "criteria.h"
#include "dates.h"
#include "mentor-side.h"
#include "problem.h"

#include <math.h>
#include <string.h>

const MmMode mm_i_report_modes[MM_REPORT_N_MODES] = {
    MM_MODE_OPTIMAL, MM_MODE_STABLE, MM_MODE_GREEDY};

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
#define N_PREFERENCE_TYPES G_N_ELEMENTS(preference_types)

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
#define NEEDS_NONE_KEY "none recorded"

/* No upper bound on a withheld value (MmReportTable.hi). */
#define NO_BOUND (-1)

/* ---- what happened to each young person ---- */

static MmReportOutcome *outcomes_new(const MmReportState *r) {
  const MmPool *pool = r->pool;
  guint n = mm_pool_n_mentees(pool);
  MmReportOutcome *outcome = g_new0(MmReportOutcome, MAX(n, 1));
  for (guint i = 0; i < n; i++) {
    const MmPerson *p = mm_i_pool_mentee(pool, i);
    outcome[i].weeks =
        p->waiting_since != MM_NO_DAY && p->waiting_since <= pool->as_of
            ? (gint)((pool->as_of - p->waiting_since) / 7)
            : -1;
    for (guint k = 0; k < MM_REPORT_N_MODES; k++)
      outcome[i].matched_in[k] = mm_matching_mentor(r->by_mode[k], i) >= 0;
    gint mentor = mm_matching_mentor(r->matching, i);
    if (mentor < 0)
      continue;
    outcome[i].matched = TRUE;
    outcome[i].pinned = mm_matching_status(r->matching, i) == MM_STATUS_PINNED;
    outcome[i].score_units =
        mm_i_score_to_units(mm_matching_score(r->matching, i));
    mm_i_preferences_met_by_criterion(pool, r->config, i, (guint)mentor,
                                    outcome[i].stated, outcome[i].met);
  }
  return outcome;
}

/* ---- one cell: the figures for a set of young people ---- */

void mm_i_report_group_figures(const MmReportState *r, const guint *mentees, guint n,
                             gint64 *figures) {
  memset(figures, 0, MM_REPORT_N_CELL_FIGURES * sizeof *figures);
  figures[MM_REPORT_FIG_YOUNG_PEOPLE] = n;
  for (guint k = 0; k < n; k++) {
    const MmReportOutcome *o = &r->outcome[mentees[k]];
    for (guint m = 0; m < MM_REPORT_N_MODES; m++)
      figures[MM_REPORT_FIG_MODE_MATCHED + m] += o->matched_in[m] != FALSE;
    if (!o->matched) {
      figures[MM_REPORT_FIG_WAITING]++;
      figures[MM_REPORT_FIG_WEEKS_KNOWN] += o->weeks >= 0;
      continue;
    }
    figures[MM_REPORT_FIG_MATCHED]++;
    for (guint c = 0; c < MM_N_PREFERENCE_KINDS; c++) {
      figures[MM_REPORT_FIG_STATED] += o->stated[c] != FALSE;
      figures[MM_REPORT_FIG_MET] += o->met[c] != FALSE;
    }
  }
}

static gint64 score_units_of(const MmReportState *r, const guint *mentees, guint n) {
  gint64 total = 0;
  for (guint k = 0; k < n; k++)
    total += r->outcome[mentees[k]].score_units;
  return total;
}

static void add_cell_members(JsonBuilder *b, const MmReportState *r,
                             const guint *mentees, guint n, gboolean hide) {
  static const char *const figures[] = {
      "young_people",           "matched",
      "match_percent",          "mean_score",
      "preferences_stated",     "preferences_met",
      "preferences_met_percent"};
  if (hide) {
    for (guint k = 0; k < G_N_ELEMENTS(figures); k++)
      mm_i_report_add_null(b, figures[k]);
    mm_i_report_add_bool(b, "suppressed", TRUE);
    return;
  }
  gint64 f[MM_REPORT_N_CELL_FIGURES];
  mm_i_report_group_figures(r, mentees, n, f);
  guint matched = (guint)f[MM_REPORT_FIG_MATCHED];
  mm_i_report_add_uint(b, "young_people", n);
  mm_i_report_add_uint(b, "matched", matched);
  mm_i_report_add_percent(b, "match_percent", matched, n);
  mm_i_report_add_mean_score(b, score_units_of(r, mentees, n), matched);
  mm_i_report_add_uint(b, "preferences_stated", (guint)f[MM_REPORT_FIG_STATED]);
  mm_i_report_add_uint(b, "preferences_met", (guint)f[MM_REPORT_FIG_MET]);
  mm_i_report_add_percent(b, "preferences_met_percent", f[MM_REPORT_FIG_MET],
                        f[MM_REPORT_FIG_STATED]);
  mm_i_report_add_bool(b, "suppressed", FALSE);
}

/* ---- groups of people along one dimension ---- */

typedef struct {
  GHashTable *by_key; /* key -> MmReportGroup* (owned by groups) */
  GPtrArray *groups;
} GroupTable;

static void group_free(gpointer data) {
  MmReportGroup *g = data;
  g_free(g->key);
  g_free(g->label);
  g_array_unref(g->mentees);
  g_free(g);
}

static MmReportGroup *group_table_get(GroupTable *t, const char *key,
                                      const char *label, gint rank) {
  MmReportGroup *g = g_hash_table_lookup(t->by_key, key);
  if (g != NULL)
    return g;
  g = g_new0(MmReportGroup, 1);
  g->key = g_strdup(key);
  g->label = g_strdup(label);
  g->rank = rank;
  g->mentees = g_array_new(FALSE, FALSE, sizeof(guint));
  g_ptr_array_add(t->groups, g);
  g_hash_table_insert(t->by_key, g->key, g);
  return g;
}

static gint compare_groups(gconstpointer a, gconstpointer b) {
  const MmReportGroup *x = *(const MmReportGroup *const *)a;
  const MmReportGroup *y = *(const MmReportGroup *const *)b;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return strcmp(x->key, y->key);
}

/* Adds one person to the group @key. Fixed groups give their rank; token
 * groups rank 0 (sorted by folded name) and "not known" comes after them. */
static void group_add(GroupTable *t, const char *key, const char *label,
                      gint rank, const MmPool *pool, MmSide side, guint index) {
  MmReportGroup *g = group_table_get(t, key, label, rank);
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
  group_add(t, mm_i_tokens_name(pool->vocab[vocab], code),
            mm_i_tokens_display(pool->vocab[vocab], code), RANK_TOKEN, pool, side,
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

/* Young people only: mentors have no band of the young people's. */
static void by_age_band(GroupTable *t, const MmPool *pool, MmSide side,
                        guint index, const MmPerson *p) {
  if (side != MM_SIDE_MENTEE)
    return;
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
  if (side != MM_SIDE_MENTEE)
    return;
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
  if (side != MM_SIDE_MENTEE)
    return;
  if (p->needs.n == 0)
    group_add(t, NEEDS_NONE_KEY, NEEDS_NONE_KEY, RANK_NOT_KNOWN, pool, side,
              index);
  for (guint k = 0; k < p->needs.n; k++)
    group_add_token(t, pool, MM_VOCAB_NEED, p->needs.codes[k], side, index);
}

static void by_mentor_type(GroupTable *t, const MmPool *pool, MmSide side,
                           guint index, const MmPerson *p) {
  if (side != MM_SIDE_MENTOR)
    return;
  const char *name = mm_i_mentor_type_name(p->mentor_type);
  group_add(t, name, name, (gint)p->mentor_type, pool, side, index);
}

/* Returns: (transfer full): the groups of both sides, sorted. */
static GPtrArray *tabulate(const MmPool *pool, GroupPersonFunc add) {
  GroupTable t = {g_hash_table_new(g_str_hash, g_str_equal),
                  g_ptr_array_new_with_free_func(group_free)};
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++)
    add(&t, pool, MM_SIDE_MENTEE, i, mm_i_pool_mentee(pool, i));
  for (guint j = 0; j < mm_pool_n_mentors(pool); j++)
    add(&t, pool, MM_SIDE_MENTOR, j, mm_i_pool_mentor(pool, j));
  g_ptr_array_sort(t.groups, compare_groups);
  g_hash_table_unref(t.by_key);
  return t.groups;
}

static const struct {
  const char *by;
  const char *title;
  GroupPersonFunc add;
} dimensions[MM_REPORT_N_DIMS] = {
    [MM_REPORT_DIM_GENDER] = {"gender", "Gender", by_gender},
    [MM_REPORT_DIM_ETHNIC_GROUP] = {"ethnicity_group", "Ethnicity group",
                                    by_ethnic_group},
    [MM_REPORT_DIM_AGE_BAND] = {"age_band", "Age band", by_age_band},
    [MM_REPORT_DIM_PRIORITY] = {"priority", "Priority", by_priority},
    [MM_REPORT_DIM_CARE_EXPERIENCE] = {"care_experienced", "Care experience",
                                       by_care_experience},
    [MM_REPORT_DIM_NEEDS] = {"needs", "Needs", by_needs},
};

/* The composition compares young people and mentors along these; all but
 * mentor type are breakdown dimensions, and share their suppression. */
static const struct {
  gint dim; /* MmReportDim, or -1 for mentor type */
} composition_dimensions[] = {
    {MM_REPORT_DIM_GENDER},
    {MM_REPORT_DIM_ETHNIC_GROUP},
    {MM_REPORT_DIM_CARE_EXPERIENCE},
    {-1},
};

/* Decides which groups of @dim to withhold. The groups split the young
 * people, or (@cover: needs) cover them, overlapping, with "none recorded"
 * apart; each figure of the cells adds up to a whole-pool figure published
 * elsewhere. The priority levels also carry each mode's matches (the
 * modes table). */
static void dimension_protect(MmReportDimension *dim, const MmReportState *r,
                              gboolean with_modes, gboolean cover) {
  guint n = dim->groups->len;
  guint n_figures =
      with_modes ? MM_REPORT_N_CELL_FIGURES : MM_REPORT_FIG_MODE_MATCHED;
  gint64 *value = g_new(gint64, MAX(n, 1) * n_figures);
  gint64 *lo = g_new(gint64, MAX(n, 1) * n_figures);
  gint64 *hi = g_new(gint64, MAX(n, 1) * n_figures);
  gint64 *longest = g_new(gint64, MAX(n, 1));
  gint64 pool_longest = -1;
  for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++)
    if (!r->outcome[i].matched)
      pool_longest = MAX(pool_longest, r->outcome[i].weeks);
  for (guint c = 0; c < n; c++) {
    const MmReportGroup *g = g_ptr_array_index(dim->groups, c);
    longest[c] = -1;
    for (guint k = 0; k < g->mentees->len; k++) {
      const MmReportOutcome *o =
          &r->outcome[g_array_index(g->mentees, guint, k)];
      if (!o->matched)
        longest[c] = MAX(longest[c], o->weeks);
    }
    gint64 figures[MM_REPORT_N_CELL_FIGURES];
    mm_i_report_group_figures(r, (const guint *)g->mentees->data, g->mentees->len,
                            figures);
    for (guint f = 0; f < n_figures; f++) {
      gsize k = (gsize)c * n_figures + f;
      value[k] = figures[f];
      /* a listed group has someone in it; other figures may be 0 */
      lo[k] = f == MM_REPORT_FIG_YOUNG_PEOPLE ? 1 : 0;
      hi[k] = NO_BOUND;
    }
  }
  /* Needs: "none recorded" shares no one with a need; the needs overlap. */
  gint apart = -1;
  for (guint c = 0; cover && c < n; c++)
    if (strcmp(((MmReportGroup *)g_ptr_array_index(dim->groups, c))->key,
               NEEDS_NONE_KEY) == 0)
      apart = (gint)c;
  gint64 totals[MM_REPORT_N_CELL_FIGURES];
  guint n_mentees = mm_pool_n_mentees(r->pool);
  guint *all = g_new(guint, MAX(n_mentees, 1));
  for (guint i = 0; i < n_mentees; i++)
    all[i] = i;
  mm_i_report_group_figures(r, all, n_mentees, totals);
  g_free(all);
  MmReportTable table = {.n_cells = n,
                         .n_figures = n_figures,
                         .value = value,
                         .lo = lo,
                         .hi = hi,
                         .cover = cover,
                         .apart = apart,
                         .totals = totals,
                         .longest = longest,
                         .pool_longest = pool_longest};
  gboolean *hide = g_new0(gboolean, MAX(n, 1));
  dim->withheld = !mm_i_report_protect(&table, r->min_cell, hide, NULL);
  for (guint c = 0; c < n; c++)
    ((MmReportGroup *)g_ptr_array_index(dim->groups, c))->hide =
        hide[c] || dim->withheld;
  g_free(hide);
  g_free(longest);
  g_free(hi);
  g_free(lo);
  g_free(value);
}

static void dimensions_init(MmReportState *r) {
  for (guint d = 0; d < MM_REPORT_N_DIMS; d++) {
    MmReportDimension *dim = &r->dims[d];
    dim->by = dimensions[d].by;
    dim->title = dimensions[d].title;
    dim->groups = tabulate(r->pool, dimensions[d].add);
    dimension_protect(dim, r, d == MM_REPORT_DIM_PRIORITY,
                      d == MM_REPORT_DIM_NEEDS);
  }
}

static void dimensions_clear(MmReportState *r) {
  for (guint d = 0; d < MM_REPORT_N_DIMS; d++)
    g_ptr_array_unref(r->dims[d].groups);
}

/* ---- stated preferences by type, and what safeguarding shows of them ---- */

/* A safeguarding count is never withheld: from 1 to min_cell - 1 it is
 * published as present and "fewer than min_cell", unless the reader knows
 * it anyway (@exact) or that band holds a single value (at most @upper
 * rows could carry it). */
static gboolean count_is_banded(guint count, guint upper, guint min_cell,
                                gboolean exact) {
  return !exact && count > 0 && count < min_cell &&
         MIN(min_cell - 1, upper) > 1;
}

/* Figures of the preference types: stated (the cell size: each young
 * person states a type at most once), met, and missed (stated - met: the
 * `missed:` and `named-choice-missed` flags of the safeguarding section). */
enum { PREF_STATED, PREF_MET, PREF_MISSED, N_PREF_FIGURES };

typedef struct {
  guint stated[N_PREFERENCE_TYPES];
  guint met[N_PREFERENCE_TYPES];
  gboolean hide[N_PREFERENCE_TYPES];
  /* the missed counts of withheld types are given away by the totals: the
   * safeguarding section shows them exactly */
  gboolean missed_exposed;
  guint with_mentor; /* matched and pinned rows */
} PreferenceTable;

/* One try at the preference table's suppression, with the pool gap as it
 * stands (r->gap_withhold_bounding). Returns FALSE when some withheld
 * figure stays exposed even with every type withheld. */
static gboolean preferences_try(PreferenceTable *p, const MmReportState *r) {
  memset(p, 0, sizeof *p);
  for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++)
    p->with_mentor += r->outcome[i].matched != FALSE;
  gint64 value[N_PREFERENCE_TYPES * N_PREF_FIGURES];
  gint64 lo[N_PREFERENCE_TYPES * N_PREF_FIGURES];
  gint64 hi[N_PREFERENCE_TYPES * N_PREF_FIGURES];
  gboolean all[N_PREFERENCE_TYPES];
  for (guint k = 0; k < N_PREFERENCE_TYPES; k++) {
    guint c = preference_types[k].kind;
    for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++) {
      p->stated[k] += r->outcome[i].stated[c] != FALSE;
      p->met[k] += r->outcome[i].met[c] != FALSE;
    }
    all[k] = p->stated[k] > 0;
    /* What the safeguarding section says of stated - met: absent (0), a
     * count, or "fewer than min_cell" (1 to min_cell - 1, and at most
     * with_mentor). */
    guint missed = p->stated[k] - p->met[k];
    gsize m = k * N_PREF_FIGURES + PREF_MISSED;
    value[m] = missed;
    if (count_is_banded(missed, p->with_mentor, r->min_cell, FALSE)) {
      lo[m] = 1;
      hi[m] = MIN(r->min_cell - 1, p->with_mentor);
    } else {
      lo[m] = hi[m] = missed;
    }
  }
  /* Banded counts that the totals give away whatever is withheld (stated -
   * met overall, less the rest) are shown exactly. */
  static const gboolean shown_when_fixed[N_PREF_FIGURES] = {
      [PREF_MISSED] = TRUE}; /* a count the safeguarding section gives */
  MmReportTable missed_only = {.n_cells = N_PREFERENCE_TYPES,
                               .n_figures = N_PREF_FIGURES,
                               .value = value,
                               .lo = lo,
                               .hi = hi,
                               .shown_when_fixed = shown_when_fixed};
  p->missed_exposed = mm_i_report_figure_exposed(&missed_only, all, PREF_MISSED);
  /* The pool gap's shown rows bound the care-experience, gender and
   * ethnicity wishes from below. */
  gint64 gap_least[MM_N_CRITERIA] = {0};
  mm_i_report_gap_bounds(r, &gap_least[MM_CRITERION_CARE_EXPERIENCE],
                       &gap_least[MM_CRITERION_GENDER],
                       &gap_least[MM_CRITERION_ETHNICITY]);
  gint64 least[N_PREFERENCE_TYPES]; /* what the rest of the report says */
  for (guint k = 0; k < N_PREFERENCE_TYPES; k++) {
    gint64 *v = &value[k * N_PREF_FIGURES], *l = &lo[k * N_PREF_FIGURES],
           *h = &hi[k * N_PREF_FIGURES];
    if (p->missed_exposed)
      l[PREF_MISSED] = h[PREF_MISSED] = v[PREF_MISSED];
    /* A reader's bounds on a withheld type: someone stated it (a type
     * nobody stated shows 0), each young person with a mentor states it at
     * most once, stated - met lies within what safeguarding says, and the
     * pool gap's rows say how many asked at least. */
    guint kind = preference_types[k].kind;
    least[k] = MAX(l[PREF_MISSED], kind < MM_N_CRITERIA ? gap_least[kind] : 0);
    v[PREF_STATED] = p->stated[k];
    l[PREF_STATED] = MAX(1, least[k]);
    h[PREF_STATED] = p->with_mentor;
    /* met = stated - missed */
    v[PREF_MET] = p->met[k];
    l[PREF_MET] = MAX(0, l[PREF_STATED] - h[PREF_MISSED]);
    h[PREF_MET] = (gint64)p->with_mentor - l[PREF_MISSED];
  }
  MmReportTable table = {.n_cells = N_PREFERENCE_TYPES,
                         .n_figures = N_PREF_FIGURES,
                         .value = value,
                         .lo = lo,
                         .hi = hi,
                         .shown_when_fixed = shown_when_fixed};
  if (mm_i_report_protect(&table, r->min_cell, p->hide, NULL) &&
      !mm_i_report_figure_exposed(&table, p->hide, PREF_STATED) &&
      !mm_i_report_figure_exposed(&table, p->hide, PREF_MET))
    return TRUE;
  /* Withholding the types people stated cannot protect them, because a
   * reader knows each withheld type was stated at least once (a type
   * nobody stated shows 0): withhold every type, those nobody stated too,
   * so that a withheld one may be 0. */
  for (guint k = 0; k < N_PREFERENCE_TYPES; k++) {
    gint64 *l = &lo[k * N_PREF_FIGURES], *h = &hi[k * N_PREF_FIGURES];
    p->hide[k] = TRUE;
    l[PREF_STATED] = least[k];
    l[PREF_MET] = MAX(0, l[PREF_STATED] - h[PREF_MISSED]);
  }
  return !mm_i_report_figure_exposed(&table, p->hide, PREF_STATED) &&
         !mm_i_report_figure_exposed(&table, p->hide, PREF_MET);
}

static void preferences_decide(PreferenceTable *p, MmReportState *r) {
  /* Where the pool gap's shown rows bound the wishes so tightly that a
   * withheld figure is exposed, those rows are withheld as well. */
  r->gap_withhold_bounding = FALSE;
  if (!preferences_try(p, r)) {
    r->gap_withhold_bounding = TRUE;
    preferences_try(p, r);
  }
}

static void build_preferences(JsonBuilder *b, const PreferenceTable *p) {
  json_builder_set_member_name(b, "preferences");
  json_builder_begin_array(b);
  for (guint k = 0; k < N_PREFERENCE_TYPES; k++) {
    json_builder_begin_object(b);
    guint kind = preference_types[k].kind;
    mm_i_report_add_string(b, "type",
                         kind == MM_PREFERENCE_NAMED ? "named_mentor"
                                                     : mm_criterion_name(kind));
    mm_i_report_add_string(b, "label", preference_types[k].label);
    if (p->hide[k]) {
      mm_i_report_add_null(b, "stated");
      mm_i_report_add_null(b, "met");
      mm_i_report_add_null(b, "met_percent");
    } else {
      mm_i_report_add_uint(b, "stated", p->stated[k]);
      mm_i_report_add_uint(b, "met", p->met[k]);
      mm_i_report_add_percent(b, "met_percent", p->met[k], p->stated[k]);
    }
    mm_i_report_add_bool(b, "suppressed", p->hide[k]);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

/* ---- sections ---- */

static void build_overall(JsonBuilder *b, const MmReportState *r) {
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

void mm_i_report_add_breakdowns(JsonBuilder *b, const MmReportState *r,
                                MmReportCellFunc cell,
                                gboolean mark_suppressed) {
  json_builder_set_member_name(b, "breakdowns");
  json_builder_begin_array(b);
  for (guint d = 0; d < MM_REPORT_N_DIMS; d++) {
    const MmReportDimension *dim = &r->dims[d];
    json_builder_begin_object(b);
    mm_i_report_add_string(b, "by", dim->by);
    mm_i_report_add_string(b, "title", dim->title);
    mm_i_report_add_bool(b, "withheld", dim->withheld);
    json_builder_set_member_name(b, "groups");
    json_builder_begin_array(b);
    for (guint k = 0; !dim->withheld && k < dim->groups->len; k++) {
      const MmReportGroup *g = g_ptr_array_index(dim->groups, k);
      if (g->mentees->len == 0)
        continue; /* a group of mentors only */
      json_builder_begin_object(b);
      mm_i_report_add_string(b, "group", g->label);
      cell(b, r, (const guint *)g->mentees->data, g->mentees->len, g->hide);
      if (mark_suppressed)
        mm_i_report_add_bool(b, "suppressed", g->hide);
      json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

static void add_composition_group(JsonBuilder *b, const MmReportGroup *g,
                                  gboolean describes_mentees, gboolean hide,
                                  guint n_mentees, guint n_mentors) {
  json_builder_begin_object(b);
  mm_i_report_add_string(b, "group", g->label);
  if (describes_mentees && !hide) {
    mm_i_report_add_uint(b, "young_people", g->mentees->len);
    mm_i_report_add_percent(b, "young_people_percent", g->mentees->len,
                          n_mentees);
  } else if (describes_mentees) {
    mm_i_report_add_null(b, "young_people");
    mm_i_report_add_null(b, "young_people_percent");
  }
  mm_i_report_add_uint(b, "mentors", g->mentors);
  mm_i_report_add_percent(b, "mentors_percent", g->mentors, n_mentors);
  mm_i_report_add_bool(b, "suppressed", hide);
  json_builder_end_object(b);
}

static void build_composition(JsonBuilder *b, const MmReportState *r) {
  guint n_mentees = mm_pool_n_mentees(r->pool);
  guint n_mentors = mm_pool_n_mentors(r->pool);
  json_builder_set_member_name(b, "composition");
  json_builder_begin_array(b);
  for (guint d = 0; d < G_N_ELEMENTS(composition_dimensions); d++) {
    gint which = composition_dimensions[d].dim;
    GPtrArray *mentor_types =
        which < 0 ? tabulate(r->pool, by_mentor_type) : NULL;
    const MmReportDimension *dim = which >= 0 ? &r->dims[which] : NULL;
    GPtrArray *groups = dim != NULL ? dim->groups : mentor_types;
    gboolean withheld = dim != NULL && dim->withheld;
    json_builder_begin_object(b);
    mm_i_report_add_string(b, "by", dim != NULL ? dim->by : "mentor_type");
    mm_i_report_add_string(b, "title", dim != NULL ? dim->title : "Mentor type");
    mm_i_report_add_bool(b, "describes_young_people", dim != NULL);
    mm_i_report_add_bool(b, "withheld", withheld);
    json_builder_set_member_name(b, "groups");
    json_builder_begin_array(b);
    for (guint k = 0; k < groups->len; k++) {
      const MmReportGroup *g = g_ptr_array_index(groups, k);
      /* Withheld: the mentors' groups alone, none of the young people's
       * figures, not even a 0 (it would point at the others). */
      if (withheld && g->mentors == 0)
        continue;
      add_composition_group(b, g, dim != NULL, withheld || g->hide, n_mentees,
                            n_mentors);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    if (mentor_types != NULL)
      g_ptr_array_unref(mentor_types);
  }
  json_builder_end_array(b);
}

/* ---- the three modes side by side ---- */

/* Matches at each priority level, 3 down to 0, withheld with the priority
 * groups of the breakdowns (the same young people). */
static void add_matched_by_priority(JsonBuilder *b, const MmReportState *r,
                                    guint mode) {
  const MmReportDimension *dim = &r->dims[MM_REPORT_DIM_PRIORITY];
  json_builder_set_member_name(b, "matched_by_priority");
  json_builder_begin_array(b);
  for (gint level = MM_REPORT_N_PRIORITIES - 1; level >= 0; level--) {
    const MmReportGroup *found = NULL;
    for (guint k = 0; k < dim->groups->len; k++) {
      const MmReportGroup *g = g_ptr_array_index(dim->groups, k);
      if (g->rank == level)
        found = g;
    }
    json_builder_begin_object(b);
    mm_i_report_add_uint(b, "priority", (guint)level);
    gboolean hide = dim->withheld || (found != NULL && found->hide);
    if (hide) {
      mm_i_report_add_null(b, "matched");
    } else {
      guint matched = 0;
      for (guint k = 0; found != NULL && k < found->mentees->len; k++)
        matched += r->outcome[g_array_index(found->mentees, guint, k)]
                       .matched_in[mode] != FALSE;
      mm_i_report_add_uint(b, "matched", matched);
    }
    mm_i_report_add_bool(b, "suppressed", hide);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

static void add_mode_row(JsonBuilder *b, const MmReportState *r, guint mode) {
  const MmMatching *m = r->by_mode[mode];
  guint with_mentor = mm_matching_count(m, MM_STATUS_MATCHED) +
                      mm_matching_count(m, MM_STATUS_PINNED);
  guint stated = mm_matching_preferences_stated(m);
  guint met = mm_matching_preferences_met(m);
  json_builder_begin_object(b);
  mm_i_report_add_string(b, "mode", mm_mode_name(mm_i_report_modes[mode]));
  mm_i_report_add_uint(b, "matched", with_mentor);
  mm_i_report_add_percent(b, "match_percent", with_mentor,
                        mm_matching_n_mentees(m));
  json_builder_set_member_name(b, "mean_score");
  if (with_mentor == 0)
    json_builder_add_null_value(b);
  else
    json_builder_add_double_value(b,
                                  mm_figure_round(mm_matching_mean_score(m)));
  mm_i_report_add_uint(b, "preferences_stated", stated);
  mm_i_report_add_uint(b, "preferences_met", met);
  mm_i_report_add_percent(b, "preferences_met_percent", met, stated);
  add_matched_by_priority(b, r, mode);
  json_builder_end_object(b);
}

/* ---- safeguarding: the review flags of matched and pinned rows ---- */

typedef struct {
  char *flag;
  gint rank;
  guint young_people; /* matched and pinned rows carrying it */
  guint pinned;       /* of them pinned */
} FlagCount;

static void flag_count_free(gpointer data) {
  FlagCount *f = data;
  g_free(f->flag);
  g_free(f);
}

#define FLAG_PREFIX_BREAKS "breaks:"
#define FLAG_PREFIX_MISSED "missed:"
#define FLAG_PREFIX_NOT_RECORDED "not-recorded:"
#define FLAG_NAMED_MISSED "named-choice-missed"

static gint rule_from_name(const char *name) {
  for (guint rule = 0; rule < MM_N_RULES; rule++)
    if (strcmp(mm_rule_name((MmRule)rule), name) == 0)
      return (gint)rule;
  return -1;
}

/* Rows sort as mm_matching_flags() lists a row's flags: rules broken (in
 * MmRule order), preferences missed (in `must` order), the named choice,
 * language, time, then what is not recorded. */
static gint flag_rank(const char *flag) {
  if (g_str_has_prefix(flag, FLAG_PREFIX_BREAKS))
    return 0 * 100 + MAX(0, rule_from_name(flag + strlen(FLAG_PREFIX_BREAKS)));
  if (g_str_has_prefix(flag, FLAG_PREFIX_MISSED)) {
    MmPreference pref = 0;
    mm_i_preference_from_name(flag + strlen(FLAG_PREFIX_MISSED), &pref);
    return 1 * 100 + (gint)pref;
  }
  if (strcmp(flag, FLAG_NAMED_MISSED) == 0)
    return 2 * 100;
  if (strcmp(flag, "no-common-language") == 0)
    return 3 * 100;
  if (strcmp(flag, "no-common-time") == 0)
    return 4 * 100;
  return 5 * 100;
}

static gint compare_flags(gconstpointer a, gconstpointer b) {
  const FlagCount *x = *(const FlagCount *const *)a;
  const FlagCount *y = *(const FlagCount *const *)b;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return strcmp(x->flag, y->flag);
}

/* "mentor's care experience not recorded" from "care_experience". */
static char *spaced(const char *name) {
  char *text = g_strdup(name);
  g_strdelimit(text, "_", ' ');
  return text;
}

static char *flag_label(const char *flag) {
  if (g_str_has_prefix(flag, FLAG_PREFIX_BREAKS)) {
    gint rule = rule_from_name(flag + strlen(FLAG_PREFIX_BREAKS));
    return g_strconcat("pinned pair breaks a hard rule: ",
                       rule >= 0 ? mm_rule_describe((MmRule)rule)
                                 : flag + strlen(FLAG_PREFIX_BREAKS),
                       NULL);
  }
  if (g_str_has_prefix(flag, FLAG_PREFIX_MISSED)) {
    char *what = spaced(flag + strlen(FLAG_PREFIX_MISSED));
    char *label = g_strconcat("stated wish not met: ", what, NULL);
    g_free(what);
    return label;
  }
  if (strcmp(flag, FLAG_NAMED_MISSED) == 0)
    return g_strdup("not one of the mentors the young person named");
  if (strcmp(flag, "no-common-language") == 0)
    return g_strdup("no language in common");
  if (strcmp(flag, "no-common-time") == 0)
    return g_strdup("no time in common");
  if (g_str_has_prefix(flag, FLAG_PREFIX_NOT_RECORDED)) {
    char *what = spaced(flag + strlen(FLAG_PREFIX_NOT_RECORDED));
    char *label = g_strconcat("mentor's ", what, " not recorded", NULL);
    g_free(what);
    return label;
  }
  return g_strdup(flag);
}

/* The preference type a `missed:` or named-choice flag counts (the
 * preferences table gives stated - met for it), or -1. */
static gint flag_preference_type(const char *flag) {
  for (guint k = 0; k < N_PREFERENCE_TYPES; k++) {
    guint c = preference_types[k].kind;
    if (c == MM_PREFERENCE_NAMED) {
      if (strcmp(flag, FLAG_NAMED_MISSED) == 0)
        return (gint)k;
      continue;
    }
    for (guint pref = 0; pref < MM_N_PREFS; pref++) {
      if (mm_i_preference_criterion((MmPreference)pref) != (MmCriterion)c)
        continue;
      char *name =
          g_strconcat(FLAG_PREFIX_MISSED, mm_i_preference_name(pref), NULL);
      gboolean same = strcmp(flag, name) == 0;
      g_free(name);
      if (same)
        return (gint)k;
    }
  }
  return -1;
}

/* @name: a count, and @name_fewer_than: null; or null and min_cell when it
 * is banded (count_is_banded()). */
static void add_banded(JsonBuilder *b, const char *name, guint count,
                       gboolean banded, guint min_cell) {
  char *fewer = g_strconcat(name, "_fewer_than", NULL);
  if (banded) {
    mm_i_report_add_null(b, name);
    mm_i_report_add_uint(b, fewer, min_cell);
  } else {
    mm_i_report_add_uint(b, name, count);
    mm_i_report_add_null(b, fewer);
  }
  g_free(fewer);
}

static GPtrArray *count_flags(const MmReportState *r, guint *pins_breaking) {
  GHashTable *by_flag = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *rows = g_ptr_array_new_with_free_func(flag_count_free);
  *pins_breaking = 0;
  for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++) {
    if (!r->outcome[i].matched)
      continue;
    gboolean pinned = r->outcome[i].pinned;
    gboolean breaks = FALSE;
    char **flags = mm_matching_flags(r->matching, i);
    for (guint k = 0; flags[k] != NULL; k++) {
      FlagCount *f = g_hash_table_lookup(by_flag, flags[k]);
      if (f == NULL) {
        f = g_new0(FlagCount, 1);
        f->flag = g_strdup(flags[k]);
        f->rank = flag_rank(f->flag);
        g_ptr_array_add(rows, f);
        g_hash_table_insert(by_flag, f->flag, f);
      }
      f->young_people++;
      f->pinned += pinned;
      breaks |= g_str_has_prefix(flags[k], FLAG_PREFIX_BREAKS);
    }
    *pins_breaking += pinned && breaks;
    g_strfreev(flags);
  }
  g_hash_table_unref(by_flag);
  g_ptr_array_sort(rows, compare_flags);
  return rows;
}

static void build_safeguarding(JsonBuilder *b, const MmReportState *r,
                               const PreferenceTable *prefs) {
  guint pinned = 0;
  for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++)
    pinned += r->outcome[i].pinned != FALSE;
  guint pins_breaking = 0;
  GPtrArray *rows = count_flags(r, &pins_breaking);
  json_builder_set_member_name(b, "safeguarding");
  json_builder_begin_object(b);
  mm_i_report_add_uint(b, "with_mentor", prefs->with_mentor);
  mm_i_report_add_uint(b, "pinned", pinned);
  add_banded(b, "pins_breaking_rules", pins_breaking,
             count_is_banded(pins_breaking, pinned, r->min_cell, FALSE),
             r->min_cell);
  json_builder_set_member_name(b, "flags");
  json_builder_begin_array(b);
  for (guint k = 0; k < rows->len; k++) {
    const FlagCount *f = g_ptr_array_index(rows, k);
    gint type = flag_preference_type(f->flag);
    /* The preferences table gives stated - met where it shows the type,
     * and the totals may give it away where it does not. */
    gboolean exact = type >= 0 && (!prefs->hide[type] || prefs->missed_exposed);
    /* Only pinned rows can break a rule. */
    guint upper = g_str_has_prefix(f->flag, FLAG_PREFIX_BREAKS)
                      ? pinned
                      : prefs->with_mentor;
    gboolean banded =
        count_is_banded(f->young_people, upper, r->min_cell, exact);
    char *label = flag_label(f->flag);
    json_builder_begin_object(b);
    mm_i_report_add_string(b, "flag", f->flag);
    mm_i_report_add_string(b, "label", label);
    add_banded(b, "young_people", f->young_people, banded, r->min_cell);
    add_banded(b, "pinned", f->pinned,
               count_is_banded(f->pinned,
                               banded ? pinned : MIN(pinned, f->young_people),
                               r->min_cell, FALSE),
               r->min_cell);
    json_builder_end_object(b);
    g_free(label);
  }
  json_builder_end_array(b);
  json_builder_end_object(b);
  g_ptr_array_unref(rows);
}

/* ---- the whole report ---- */

static guint total_capacity(const MmPool *pool) {
  guint total = 0;
  for (guint j = 0; j < mm_pool_n_mentors(pool); j++)
    total += mm_pool_mentor_capacity(pool, j);
  return total;
}

static MmMatching *match_in_mode(const MmPool *pool, const MmConfig *config,
                                 const MmPins *pins, MmMode mode,
                                 guint n_threads, MmDiagnostics *diags) {
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_mode(options, mode);
  mm_match_options_set_pins(options, pins);
  mm_match_options_set_threads(options, n_threads);
  return mm_match(pool, config, options, diags);
}

static void add_header(JsonBuilder *b, const MmReportState *r, MmMode mode) {
  mm_i_report_add_string(b, "mode", mm_mode_name(mode));
  char *as_of = mm_pool_get_as_of(r->pool);
  mm_i_report_add_string(b, "as_of", as_of);
  g_free(as_of);
  mm_i_report_add_string(b, "prefer",
                       mm_prefer_name(mm_config_get_prefer(r->config)));
  mm_i_report_add_uint(b, "pins", r->pins != NULL ? mm_pins_length(r->pins) : 0);
  mm_i_report_add_uint(b, "min_cell", r->min_cell);
  mm_i_report_add_uint(b, "young_people", mm_pool_n_mentees(r->pool));
  mm_i_report_add_uint(b, "mentors", mm_pool_n_mentors(r->pool));
  mm_i_report_add_uint(b, "mentor_capacity", total_capacity(r->pool));
}

/* ---- recruitment: the plan's first proposals (plan.c) ---- */

/* Proposals named beside the pool gap. */
#define RECRUITMENT_PROPOSALS 3

/* A proposed mentor in words, without the place it was drawn near (a
 * waiting young person's home): e.g. "female care-experienced peer mentor,
 * speaks urdu". */
static char *profile_words(const MmPlan *plan, guint k) {
  GString *out = g_string_new(NULL);
  const char *gender = mm_plan_mentor_value(plan, k, "gender");
  const char *care = mm_plan_mentor_value(plan, k, "care_experienced");
  const char *type = mm_plan_mentor_value(plan, k, "mentor_type");
  const char *ethnicity = mm_plan_mentor_value(plan, k, "ethnicity");
  const char *languages = mm_plan_mentor_value(plan, k, "languages");
  if (gender != NULL && *gender != '\0')
    g_string_append_printf(out, "%s ", gender);
  if (care != NULL && g_ascii_strcasecmp(care, "yes") == 0)
    g_string_append(out, "care-experienced ");
  g_string_append_printf(out, "%s mentor",
                         type != NULL && *type != '\0' ? type : "volunteer");
  if (ethnicity != NULL && *ethnicity != '\0')
    g_string_append_printf(out, ", %s", ethnicity);
  if (languages != NULL && *languages != '\0')
    g_string_append_printf(out, ", speaks %s", languages);
  return g_string_free(out, FALSE);
}

/* "recruitment": which mentors to recruit next, from mm_plan() on the same
 * pool, pins and config: each proposal's profile and the young people and
 * value it would gain, the count banded ("fewer than N", value withheld)
 * when small, as every count of young people here is. */
static void build_recruitment(JsonBuilder *b, const MmReportState *r,
                              guint n_threads) {
  g_autoptr(MmPlanOptions) options = mm_plan_options_new();
  mm_plan_options_set_recruit(options, RECRUITMENT_PROPOSALS);
  mm_plan_options_set_pins(options, r->pins);
  mm_plan_options_set_threads(options, n_threads);
  g_autoptr(MmPlan) plan = mm_plan(r->pool, r->config, options, NULL);
  json_builder_set_member_name(b, "recruitment");
  json_builder_begin_array(b);
  for (guint k = 0; plan != NULL && k < mm_plan_n_proposals(plan); k++) {
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "rank");
    json_builder_add_int_value(b, k + 1);
    g_autofree char *label = profile_words(plan, k);
    mm_i_report_add_string(b, "label", label);
    gint gained = mm_plan_young_people_gained(plan, k);
    gboolean banded = gained > 0 && (guint)gained < r->min_cell;
    json_builder_set_member_name(b, "young_people_gained");
    if (banded)
      json_builder_add_null_value(b);
    else
      json_builder_add_int_value(b, gained);
    if (banded) {
      json_builder_set_member_name(b, "young_people_gained_fewer_than");
      json_builder_add_int_value(b, r->min_cell);
    }
    json_builder_set_member_name(b, "value_gained");
    if (banded)
      json_builder_add_null_value(b);
    else
      json_builder_add_double_value(b, mm_figure_round(mm_plan_value_gained(plan, k)));
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

JsonNode *mm_i_report_build_with_pins(const MmPool *pool, const MmConfig *config,
                                    const MmPins *pins, MmMode mode,
                                    guint min_cell, guint n_threads,
                                    MmDiagnostics *diags) {
  g_return_val_if_fail(pool != NULL && mm_pool_is_prepared(pool), NULL);
  g_return_val_if_fail(config != NULL, NULL);
  g_return_val_if_fail(mm_mode_name(mode) != NULL, NULL);

  MmMatching *matchings[MM_REPORT_N_MODES];
  MmReportState r = {.pool = pool,
                .config = config,
                .pins = pins,
                .min_cell = MAX(min_cell, 1)};
  for (guint k = 0; k < MM_REPORT_N_MODES; k++) {
    /* the described mode's warnings only: the others repeat them */
    matchings[k] =
        match_in_mode(pool, config, pins, mm_i_report_modes[k], n_threads,
                      mm_i_report_modes[k] == mode ? diags : NULL);
    r.by_mode[k] = matchings[k];
    if (mm_i_report_modes[k] == mode)
      r.matching = matchings[k];
  }
  r.outcome = outcomes_new(&r);
  r.places_used = g_new0(guint, MAX(mm_pool_n_mentors(pool), 1));
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++) {
    gint j = mm_matching_mentor(r.matching, i);
    if (j >= 0)
      r.places_used[j]++;
  }
  dimensions_init(&r);
  PreferenceTable prefs; /* may withhold pool-gap rows too */
  preferences_decide(&prefs, &r);

  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  add_header(b, &r, mode);
  build_overall(b, &r);
  build_preferences(b, &prefs);
  mm_i_report_add_breakdowns(b, &r, add_cell_members, FALSE);
  mm_i_report_build_unmatched(b, &r);
  mm_i_report_build_waiting(b, &r);
  mm_i_report_build_pool_gap(b, &r);
  build_recruitment(b, &r, n_threads);
  build_safeguarding(b, &r, &prefs);
  build_composition(b, &r);
  json_builder_set_member_name(b, "modes");
  json_builder_begin_array(b);
  for (guint k = 0; k < MM_REPORT_N_MODES; k++)
    add_mode_row(b, &r, k);
  json_builder_end_array(b);
  json_builder_end_object(b);

  JsonNode *root = json_builder_get_root(b);
  g_object_unref(b);
  dimensions_clear(&r);
  g_free(r.places_used);
  g_free(r.outcome);
  for (guint k = 0; k < MM_REPORT_N_MODES; k++)
    mm_matching_free(matchings[k]);
  return root;
}

JsonNode *mm_i_report_build(const MmPool *pool, const MmConfig *config,
                          MmMode mode, guint min_cell, guint n_threads) {
  return mm_i_report_build_with_pins(pool, config, NULL, mode, min_cell,
                                   n_threads, NULL);
}
