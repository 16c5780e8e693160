/* mm-report.h: the equity report (`mentormatch report`, docs/report.md).
 *
 * Equity (docs/background.md): every young person should have an equal
 * chance of a good match whatever their gender, ethnicity, disability or
 * age, and leaders review whether the mentor pool reflects the young people
 * who need it. mm_report_new() computes the report once; its JSON, text
 * and HTML renderings read that one result, so the three can never
 * disagree about a figure.
 *
 * Small-number suppression: a group of fewer than the options' min_cell
 * young people (but at least one) gives no figures, and more cells are
 * withheld until no withheld figure can be worked out from the totals or
 * another table (docs/report.md). Whole-pool totals are never suppressed;
 * the report names groups, never a person's id.
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include "mm-common.h"
#include "mm-config.h"
#include "mm-diagnostics.h"
#include "mm-match.h"
#include "mm-pool.h"

G_BEGIN_DECLS

/* The default small-number threshold (`--min-cell`): the usual threshold
 * below which published counts about children are withheld. */
#define MM_REPORT_DEFAULT_MIN_CELL 5

/* What to report on. Set through functions, so that options can grow
 * without breaking callers. */
typedef struct MmReportOptions MmReportOptions;

/* Returns: (transfer full): the optimal mode, no pins, min_cell
 * MM_REPORT_DEFAULT_MIN_CELL, one scoring thread per core. Free with
 * mm_report_options_free(). */
MM_EXTERN MmReportOptions *mm_report_options_new(void);
MM_EXTERN void mm_report_options_free(MmReportOptions *options);
/* The mode the breakdowns, unmatched reasons, waiting time, pool gap and
 * safeguarding describe; all three modes are compared side by side
 * whatever it is. */
MM_EXTERN void mm_report_options_set_mode(MmReportOptions *options,
                                          MmMode mode);
/* (nullable): existing matches, kept in every mode, so that the report
 * describes the assignment that will be used. Read during mm_report_new()
 * only. */
MM_EXTERN void mm_report_options_set_pins(MmReportOptions *options,
                                          const MmPins *pins);
/* The suppression threshold; 1 withholds nothing. FALSE (nothing changed)
 * for 0. */
MM_EXTERN gboolean mm_report_options_set_min_cell(MmReportOptions *options,
                                                  guint min_cell);
/* Scoring threads; 0 (the default) is one per core. The report is the same
 * whatever the number. */
MM_EXTERN void mm_report_options_set_threads(MmReportOptions *options,
                                             guint n_threads);

typedef struct MmReport MmReport;

/**
 * mm_report_new:
 * @pool: a prepared pool (its as-of date counts the weeks waited).
 * @config: weights, rules and objective.
 * @options: (nullable): NULL for mm_report_options_new()'s.
 * @diags: (nullable): receives the warnings of matching in the options'
 *   mode (a pin that breaks a hard rule), as mm_match() gives them.
 *
 * Matches the pool in every mode and computes the report.
 *
 * Time: three mm_match() runs, plus O(n_mentees x n_mentors) to explain
 * unmatched young people and the pool gap, and O(groups x people) for the
 * breakdowns.
 * Returns: (transfer full): free with mm_report_free(); NULL only when
 *   @pool is not prepared (a programmer error, logged as a critical).
 */
MM_EXTERN MmReport *mm_report_new(const MmPool *pool, const MmConfig *config,
                                  const MmReportOptions *options,
                                  MmDiagnostics *diags);
MM_EXTERN void mm_report_free(MmReport *report);

/**
 * mm_report_to_json:
 * @report: a report.
 *
 * The report object `mentormatch report --format json` writes; its members
 * are listed in docs/report.md. (mm_json() command "report" answers the
 * same members and the run's "warnings".)
 *
 * Returns: (transfer full): pretty JSON text ending in a newline; free with
 *   g_free().
 */
MM_EXTERN char *mm_report_to_json(const MmReport *report);

/**
 * mm_report_to_text:
 * @report: a report.
 *
 * Returns: (transfer full): the report as plain-text tables, one section
 *   per part, for a terminal ("suppressed" stands in for withheld figures,
 *   "-" for figures with nothing to divide by); free with g_free().
 */
MM_EXTERN char *mm_report_to_text(const MmReport *report);

/**
 * mm_report_to_html:
 * @report: a report.
 *
 * Returns: (transfer full): one self-contained HTML page (no external
 *   assets, no script): each section has its table and one inline SVG bar
 *   chart, and a print stylesheet. Every text from the data is
 *   HTML-escaped. Free with g_free().
 */
MM_EXTERN char *mm_report_to_html(const MmReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmReport, mm_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmReportOptions, mm_report_options_free)

G_END_DECLS
