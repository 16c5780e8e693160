/* report-unmatched.c: the equity report's young people still unmatched:
 * why, by the kind of reason, and how long they have waited, overall and by
 * group (see report.h). */
#include "report-private.h"
#include "rules.h"

#include <stdlib.h>

typedef enum {
  UNMATCHED_NO_ELIGIBLE, /* by the rule that excluded most mentors */
  UNMATCHED_BELOW_MIN_SCORE,
  UNMATCHED_ALL_TAKEN,
  UNMATCHED_NO_MENTORS,
  N_UNMATCHED_KINDS
} UnmatchedKind;

/* name: stable, for programs; label: short, for a chart row;
 * description: a sentence for a coordinator. */
static const struct {
  const char *name;
  const char *label;
  const char *description;
} unmatched_kinds[N_UNMATCHED_KINDS] = {
    [UNMATCHED_NO_ELIGIBLE] = {"no_eligible_mentor", "no eligible mentor: ",
                               "no eligible mentor; the rule that excluded "
                               "most mentors: "},
    [UNMATCHED_BELOW_MIN_SCORE] = {"below_min_score", "below min_score",
                                   "mentors pass every other rule but score "
                                   "below the minimum score"},
    [UNMATCHED_ALL_TAKEN] = {"all_taken", "eligible mentors all taken",
                             "eligible mentors all taken by other young "
                             "people"},
    [UNMATCHED_NO_MENTORS] = {"no_mentors", "no mentors in the pool",
                              "no mentors in the pool"},
};

/* The same classification as the match reasons (match.c): a mentor that
 * breaks only min_score makes the case "below min_score"; otherwise the
 * leading rule is the one broken by the most mentors (ties in MmRule order,
 * as mm_rules_summary() lists them first). */
static UnmatchedKind classify_no_candidate(const MmReportState *r, guint mentee,
                                           double *scores, guint32 *broken,
                                           MmRule *leading) {
  guint m = mm_pool_n_mentors(r->pool);
  if (m == 0)
    return UNMATCHED_NO_MENTORS;
  mm_score_mentee(r->pool, r->config, mentee, scores, broken);
  guint counts[MM_N_RULES] = {0};
  mm_i_rules_count(broken, m, counts);
  gboolean only_min_score = FALSE;
  for (guint j = 0; j < m; j++)
    only_min_score |= broken[j] == (1u << MM_RULE_MIN_SCORE);
  if (only_min_score)
    return UNMATCHED_BELOW_MIN_SCORE;
  guint best = 0;
  for (guint rule = 1; rule < MM_N_RULES; rule++)
    if (counts[rule] > counts[best])
      best = rule;
  *leading = (MmRule)best;
  return UNMATCHED_NO_ELIGIBLE;
}

/* One row of the unmatched reasons: a kind, and for no eligible mentor
 * the leading rule. */
typedef struct {
  UnmatchedKind kind;
  gint rule; /* -1: none */
  guint young_people;
} ReasonRow;

static void add_reason_row(JsonBuilder *b, UnmatchedKind kind, gint rule,
                           guint count, gboolean hide) {
  json_builder_begin_object(b);
  mm_i_report_add_string(b, "kind", unmatched_kinds[kind].name);
  mm_i_report_add_string(b, "rule",
                       rule >= 0 ? mm_rule_name((MmRule)rule) : NULL);
  char *label = g_strconcat(unmatched_kinds[kind].label,
                            rule >= 0 ? mm_rule_name((MmRule)rule) : "", NULL);
  mm_i_report_add_string(b, "label", label);
  g_free(label);
  char *description = rule >= 0
                          ? g_strconcat(unmatched_kinds[kind].description,
                                        mm_rule_describe((MmRule)rule), NULL)
                          : g_strdup(unmatched_kinds[kind].description);
  mm_i_report_add_string(b, "description", description);
  g_free(description);
  if (hide)
    mm_i_report_add_null(b, "young_people");
  else
    mm_i_report_add_uint(b, "young_people", count);
  mm_i_report_add_bool(b, "suppressed", hide);
  json_builder_end_object(b);
}

void mm_i_report_build_unmatched(JsonBuilder *b, const MmReportState *r) {
  guint m = mm_pool_n_mentors(r->pool);
  double *scores = g_new(double, MAX(m, 1));
  guint32 *broken = g_new(guint32, MAX(m, 1));
  guint by_kind[N_UNMATCHED_KINDS] = {0};
  guint by_rule[MM_N_RULES] = {0};
  guint total = 0;
  for (guint i = 0; i < mm_pool_n_mentees(r->pool); i++) {
    if (r->outcome[i].matched)
      continue;
    total++;
    if (mm_matching_n_candidates(r->matching, i) > 0) {
      by_kind[UNMATCHED_ALL_TAKEN]++;
      continue;
    }
    MmRule leading = MM_RULE_CHECKS;
    UnmatchedKind kind = classify_no_candidate(r, i, scores, broken, &leading);
    by_kind[kind]++;
    if (kind == UNMATCHED_NO_ELIGIBLE)
      by_rule[leading]++;
  }
  g_free(scores);
  g_free(broken);

  /* Leading rules largest first (ties in MmRule order): recruiting or
   * widening the first helps most. Then the other kinds. */
  ReasonRow rows[MM_N_RULES + N_UNMATCHED_KINDS];
  guint n_rows = 0;
  gboolean done[MM_N_RULES] = {FALSE};
  for (;;) {
    gint best = -1;
    for (guint rule = 0; rule < MM_N_RULES; rule++)
      if (!done[rule] && by_rule[rule] > 0 &&
          (best < 0 || by_rule[rule] > by_rule[best]))
        best = (gint)rule;
    if (best < 0)
      break;
    done[best] = TRUE;
    rows[n_rows++] = (ReasonRow){UNMATCHED_NO_ELIGIBLE, best, by_rule[best]};
  }
  for (guint kind = UNMATCHED_BELOW_MIN_SCORE; kind < N_UNMATCHED_KINDS; kind++)
    if (by_kind[kind] > 0)
      rows[n_rows++] = (ReasonRow){(UnmatchedKind)kind, -1, by_kind[kind]};
  /* Each unmatched young person has one row, and the total is published:
   * withheld rows must not be recoverable from it. Rows that cannot be
   * protected (one reason for all, or one young person per reason) are not
   * listed at all: their reasons would say something of each of them. */
  gboolean hide[G_N_ELEMENTS(rows)];
  gint64 value[G_N_ELEMENTS(rows)], lo[G_N_ELEMENTS(rows)],
      hi[G_N_ELEMENTS(rows)];
  for (guint k = 0; k < n_rows; k++) {
    value[k] = rows[k].young_people;
    lo[k] = 1; /* a row is listed when someone has that reason */
    hi[k] = -1;
  }
  MmReportTable table = {
      .n_cells = n_rows, .n_figures = 1, .value = value, .lo = lo, .hi = hi};
  gboolean withheld = !mm_i_report_protect(&table, r->min_cell, hide, NULL);

  json_builder_set_member_name(b, "unmatched");
  json_builder_begin_object(b);
  mm_i_report_add_uint(b, "young_people", total);
  mm_i_report_add_bool(b, "withheld", withheld);
  json_builder_set_member_name(b, "reasons");
  json_builder_begin_array(b);
  for (guint k = 0; !withheld && k < n_rows; k++)
    add_reason_row(b, rows[k].kind, rows[k].rule, rows[k].young_people,
                   hide[k]);
  json_builder_end_array(b);
  json_builder_end_object(b);
}

/* ---- waiting time of those still unmatched ---- */

static gint compare_ints(const void *a, const void *b) {
  gint x = *(const gint *)a, y = *(const gint *)b;
  return (x > y) - (x < y);
}

/* Members "young_people" (still waiting), "weeks_known" (of them with a
 * waiting_since), "median_weeks" and "longest_weeks" (null when no one's
 * weeks are known) over @mentees, or all null when @hide. */
static void add_waiting_members(JsonBuilder *b, const MmReportState *r,
                                const guint *mentees, guint n, gboolean hide) {
  if (hide) {
    mm_i_report_add_null(b, "young_people");
    mm_i_report_add_null(b, "weeks_known");
    mm_i_report_add_null(b, "median_weeks");
    mm_i_report_add_null(b, "longest_weeks");
    return;
  }
  guint waiting = 0, known = 0;
  gint *weeks = g_new(gint, MAX(n, 1));
  for (guint k = 0; k < n; k++) {
    const MmReportOutcome *o = &r->outcome[mentees[k]];
    if (o->matched)
      continue;
    waiting++;
    if (o->weeks >= 0)
      weeks[known++] = o->weeks;
  }
  qsort(weeks, known, sizeof *weeks, compare_ints);
  mm_i_report_add_uint(b, "young_people", waiting);
  mm_i_report_add_uint(b, "weeks_known", known);
  json_builder_set_member_name(b, "median_weeks");
  if (known == 0)
    json_builder_add_null_value(b);
  else if (known % 2 == 1)
    json_builder_add_int_value(b, weeks[known / 2]);
  else
    json_builder_add_double_value(b, (weeks[known / 2 - 1] + weeks[known / 2]) /
                                         2.0);
  json_builder_set_member_name(b, "longest_weeks");
  if (known == 0)
    json_builder_add_null_value(b);
  else
    json_builder_add_int_value(b, weeks[known - 1]);
  g_free(weeks);
}

void mm_i_report_build_waiting(JsonBuilder *b, const MmReportState *r) {
  guint n = mm_pool_n_mentees(r->pool);
  guint *all = g_new(guint, MAX(n, 1));
  for (guint i = 0; i < n; i++)
    all[i] = i;
  json_builder_set_member_name(b, "waiting");
  json_builder_begin_object(b);
  add_waiting_members(b, r, all, n, FALSE); /* the whole pool: never withheld */
  g_free(all);
  mm_i_report_add_breakdowns(b, r, add_waiting_members, TRUE);
  json_builder_end_object(b);
}
