/* report.h: the equity report (internal).
 *
 * SPEC.md, Equity: every young person should have an equal chance of a good
 * match whatever their gender, ethnicity, disability or age, and leaders
 * review whether the mentor pool reflects the young people who need it.
 * mm_report_build() computes the report once, as a JSON tree; the text and
 * HTML renderings (report-text.c, report-html.c) only read that tree, so the
 * three formats can never disagree about a figure.
 *
 * Small-number suppression: a group cell with fewer than min_cell young
 * people (but at least one: an empty cell identifies nobody) gives no
 * figures: each of its numbers is null and it carries "suppressed": true.
 * Where the groups split the young people (each in exactly one group, as
 * by gender, but not by needs) and exactly one cell is withheld, the next
 * smallest is withheld too, or the total would give it away (secondary
 * suppression). Whole-pool totals are never suppressed. The report names groups
 * (gender, ethnicity group, needs, ...) but never a person's id. */
#pragma once

#include "pool-private.h"

#include <json-glib/json-glib.h>

/* Default of --min-cell: the usual threshold below which published counts
 * about children are withheld. */
#define MM_REPORT_DEFAULT_MIN_CELL 5

/**
 * mm_report_build:
 * @pool: a prepared pool.
 * @config: weights and rules.
 * @mode: the mode the breakdowns, unmatched reasons and preference figures
 *   describe; all three modes are also compared side by side.
 * @min_cell: the suppression threshold (1 suppresses nothing).
 * @n_threads: scoring threads for mm_match (0: one per core).
 *
 * Matches the pool in every mode and builds the report object:
 *   {"mode", "min_cell", "young_people", "mentors", "mentor_capacity",
 *    "overall": CELL,
 *    "preferences": [{"type", "label", "stated", "met", "met_percent",
 *                     "suppressed"}],
 *    "breakdowns": [{"by", "title", "groups": [{"group", CELL...}]}],
 *    "unmatched": {"young_people", "reasons": [{"kind", "rule", "label",
 *                  "description", "young_people", "suppressed"}]},
 *    "pool_gap": [{"demand", "title", "group", "label", "young_people",
 *                  "eligible_capacity", "shortfall", "suppressed"}],
 *    "composition": [{"by", "title", "describes_young_people",
 *                     "groups": [{"group", "young_people",
 *                     "young_people_percent", "mentors", "mentors_percent",
 *                     "suppressed"}]}],
 *      (a property of mentors only, such as mentor type, has
 *      "describes_young_people": false and no young_people members),
 *    "modes": [{"mode", "matched", "match_percent", "mean_score",
 *               "preferences_stated", "preferences_met",
 *               "preferences_met_percent"}]}
 * where CELL is {"young_people", "matched", "match_percent", "mean_score",
 * "preferences_stated", "preferences_met", "preferences_met_percent",
 * "suppressed"}. Percentages are 0-100 and, like mean scores, rounded to 2
 * decimals; a figure with nothing to divide by (no one matched, no
 * preference stated) is null. "matched" counts matched and pinned young
 * people; mean score and preferences are over them, as in the match
 * summary. README.md, "The equity report", says what each part means.
 *
 * Time: three mm_match() runs, plus O(n_mentees x n_mentors) to explain
 * unmatched young people and O(groups x people) for the breakdowns.
 * Returns: (transfer full): the report object; free with json_node_unref().
 */
JsonNode *mm_report_build(const MmPool *pool, const MmConfig *config,
                          MmMode mode, guint min_cell, guint n_threads);

/**
 * mm_report_text:
 * @report: a tree from mm_report_build().
 *
 * Returns: (transfer full): the report as plain-text tables, one section per
 * part, for a terminal; "suppressed" stands in for withheld figures, "-" for
 * figures with nothing to divide by.
 */
char *mm_report_text(JsonNode *report);

/**
 * mm_report_html:
 * @report: a tree from mm_report_build().
 *
 * Returns: (transfer full): one self-contained HTML page (no external
 * assets, no script): each section has its table and one inline SVG bar
 * chart, and a print stylesheet. Every text from the data is HTML-escaped.
 */
char *mm_report_html(JsonNode *report);
