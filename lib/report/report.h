/* report.h: the equity report (internal).
 *
 * Equity (docs/background.md): every young person should have an equal
 * chance of a good match whatever their gender, ethnicity, disability or
 * age, and leaders review whether the mentor pool reflects the young people
 * who need it.
 * mm_i_report_build() computes the report once, as a JSON tree; the text and
 * HTML renderings (report-text.c, report-html.c) only read that tree, so the
 * three formats can never disagree about a figure.
 *
 * Small-number suppression: a group cell with fewer than min_cell young
 * people (but at least one: an empty cell identifies nobody) gives no
 * figures: each of its numbers is null and it carries "suppressed": true.
 * Where cells split a published total (the groups of a dimension, the
 * unmatched reasons, the preference types), more cells are withheld until
 * no withheld figure can be worked out from the totals, the other cells or
 * another table of the same people (mm_i_report_protect()); a table that
 * cannot be protected at all (every young person in one group, or each
 * alone in theirs) lists no group ("withheld": true). Every table that
 * shows a dimension's groups uses the same decision. Whole-pool totals are
 * never suppressed. Safeguarding flags are never suppressed: a small count
 * is published as present, "fewer than min_cell". The report names groups
 * (gender, ethnicity group, needs, ...) but never a person's id. */
#pragma once

#include "pool-private.h"

#include <json-glib/json-glib.h>

/**
 * mm_i_report_build_with_pins:
 * @pool: a prepared pool (its as-of date counts the weeks waited).
 * @config: weights, rules and objective.
 * @pins: (nullable): existing matches, kept in every mode (the report
 *   describes the assignment that will be used).
 * @mode: the mode the breakdowns, unmatched reasons, waiting time, pool gap
 *   and safeguarding describe; all three modes are also compared side by
 *   side.
 * @min_cell: the suppression threshold (1 suppresses nothing).
 * @n_threads: scoring threads for mm_match (0: one per core).
 * @diags: (nullable): receives the warnings of matching in @mode (a pin
 *   that breaks a hard rule).
 *
 * Matches the pool in every mode and builds the report object:
 *   {"mode", "as_of", "prefer", "pins", "min_cell", "young_people",
 *    "mentors", "mentor_capacity",
 *    "overall": CELL,
 *    "preferences": [{"type" (a criterion, or "named_mentor"), "label",
 *                     "stated", "met", "met_percent",
 *                     "suppressed"}],
 *    "breakdowns": [{"by", "title", "withheld", "groups": [{"group",
 *                   CELL...}]}],
 *    "unmatched": {"young_people", "withheld", "reasons": [{"kind", "rule",
 *                  "label", "description", "young_people", "suppressed"}]},
 *    "waiting": {"young_people", "weeks_known", "median_weeks",
 *                "longest_weeks",
 *                "breakdowns": [{"by", "title", "withheld", "groups":
 *                  [{"group", "young_people", "weeks_known",
 *                    "median_weeks", "longest_weeks", "suppressed"}]}]},
 *    "pool_gap": [{"demand", "title", "group", "label", "young_people",
 *                  "eligible_capacity", "free_capacity", "shortfall",
 *                  "driver", "rule", "driver_label", "suppressed"}],
 *    "safeguarding": {"with_mentor", "pinned", PINS_BREAKING,
 *                     "flags": [{"flag", "label", YOUNG_PEOPLE, PINNED}]},
 *    "composition": [{"by", "title", "describes_young_people", "withheld",
 *                     "groups": [{"group", "young_people",
 *                     "young_people_percent", "mentors", "mentors_percent",
 *                     "suppressed"}]}],
 *      (a property of mentors only, such as mentor type, has
 *      "describes_young_people": false and no young_people members),
 *    "modes": [{"mode", "matched", "match_percent", "mean_score",
 *               "preferences_stated", "preferences_met",
 *               "preferences_met_percent",
 *               "matched_by_priority": [{"priority", "matched",
 *                                        "suppressed"}] (3 down to 0)}]}
 * where CELL is {"young_people", "matched", "match_percent", "mean_score",
 * "preferences_stated", "preferences_met", "preferences_met_percent",
 * "suppressed"}. Percentages are 0-100 and, like mean scores, rounded to 2
 * decimals; a figure with nothing to divide by (no one matched, no
 * preference stated) is null. "matched" counts matched and pinned young
 * people; mean score and preferences are over them, as in the match
 * summary. Weeks are whole weeks from waiting_since to the as-of date (not
 * capped at 52), over those with a waiting_since; the median of an even
 * number is halfway between the middle two. In the pool gap, young_people
 * counts those still waiting who ask for that kind of mentor,
 * eligible_capacity the places of mentors of that kind who pass checks and
 * training, free_capacity those of them the assignment leaves free (pins
 * included); driver is "none_waiting", "no_mentors", "places_taken",
 * "not_eligible" (with the hard rule that rules out most of those pairs in
 * "rule") or "not_chosen". In safeguarding, YOUNG_PEOPLE is
 * "young_people" and "young_people_fewer_than", PINNED "pinned" and
 * "pinned_fewer_than", PINS_BREAKING "pins_breaking_rules" and
 * "pins_breaking_rules_fewer_than": a count, and null; or null, and
 * min_cell when the count is 1 to min_cell - 1 (present, small); a
 * flag is listed when any matched or pinned row carries it, in the order of
 * mm_matching_flags(). docs/report.md, says what each part
 * means.
 *
 * Time: three mm_match() runs, plus O(n_mentees x n_mentors) to explain
 * unmatched young people and the pool gap, and O(groups x people) for the
 * breakdowns.
 * Returns: (transfer full): the report object; free with json_node_unref().
 */
JsonNode *mm_i_report_build_with_pins(const MmPool *pool, const MmConfig *config,
                                    const MmPins *pins, MmMode mode,
                                    guint min_cell, guint n_threads,
                                    MmDiagnostics *diags);

/* mm_i_report_build_with_pins() with no pins and no diagnostics. */
JsonNode *mm_i_report_build(const MmPool *pool, const MmConfig *config,
                          MmMode mode, guint min_cell, guint n_threads);

/**
 * mm_i_report_text:
 * @report: a tree from mm_i_report_build().
 *
 * Returns: (transfer full): the report as plain-text tables, one section per
 * part, for a terminal; "suppressed" stands in for withheld figures, "-" for
 * figures with nothing to divide by.
 */
char *mm_i_report_text(JsonNode *report);

/**
 * mm_i_report_html:
 * @report: a tree from mm_i_report_build().
 *
 * Returns: (transfer full): one self-contained HTML page (no external
 * assets, no script): each section has its table and one inline SVG bar
 * chart, and a print stylesheet. Every text from the data is HTML-escaped.
 */
char *mm_i_report_html(JsonNode *report);
