/* report-unmatched.c: the equity report's unmatched young people, by the
 * kind of reason (see report.h). */
#include "report-private.h"
#include "rules.h"

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
static UnmatchedKind classify_no_candidate(const MmReport *r, guint mentee,
                                           double *scores, guint32 *broken,
                                           MmRule *leading) {
  guint m = mm_pool_n_mentors(r->pool);
  if (m == 0)
    return UNMATCHED_NO_MENTORS;
  mm_score_mentee(r->pool, r->config, mentee, scores, broken);
  guint counts[MM_N_RULES] = {0};
  mm_rules_count(broken, m, counts);
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
  mm_report_add_string(b, "kind", unmatched_kinds[kind].name);
  mm_report_add_string(b, "rule",
                       rule >= 0 ? mm_rule_name((MmRule)rule) : NULL);
  char *label = g_strconcat(unmatched_kinds[kind].label,
                            rule >= 0 ? mm_rule_name((MmRule)rule) : "", NULL);
  mm_report_add_string(b, "label", label);
  g_free(label);
  char *description = rule >= 0
                          ? g_strconcat(unmatched_kinds[kind].description,
                                        mm_rule_describe((MmRule)rule), NULL)
                          : g_strdup(unmatched_kinds[kind].description);
  mm_report_add_string(b, "description", description);
  g_free(description);
  if (hide)
    mm_report_add_null(b, "young_people");
  else
    mm_report_add_uint(b, "young_people", count);
  mm_report_add_bool(b, "suppressed", hide);
  json_builder_end_object(b);
}

void mm_report_build_unmatched(JsonBuilder *b, const MmReport *r) {
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
  guint sizes[G_N_ELEMENTS(rows)] = {0};
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
  /* Each unmatched young person has one row, and the total is published. */
  gboolean hide[G_N_ELEMENTS(rows)];
  for (guint k = 0; k < n_rows; k++)
    sizes[k] = rows[k].young_people;
  mm_report_choose_suppressed(sizes, n_rows, r->min_cell, TRUE, hide);

  json_builder_set_member_name(b, "unmatched");
  json_builder_begin_object(b);
  mm_report_add_uint(b, "young_people", total);
  json_builder_set_member_name(b, "reasons");
  json_builder_begin_array(b);
  for (guint k = 0; k < n_rows; k++)
    add_reason_row(b, rows[k].kind, rows[k].rule, rows[k].young_people,
                   hide[k]);
  json_builder_end_array(b);
  json_builder_end_object(b);
}
