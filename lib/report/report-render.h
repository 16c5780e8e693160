/* report-render.h: the equity report laid out as titled tables with chart
 * values (internal).
 *
 * Both renderings (mm_i_report_text(), mm_i_report_html()) print these
 * sections, so the terminal and the page show the same tables with the same
 * figures, formatted once here from the tree mm_i_report_build() made. */
#pragma once

#include "report.h"

#define MM_REPORT_MAX_SERIES 2

/* What a withheld figure's cell says. */
#define MM_REPORT_SUPPRESSED_TEXT "suppressed"

/* How a small safeguarding count starts ("fewer than 5"): present, never
 * withheld. */
#define MM_REPORT_FEWER_THAN_TEXT "fewer than"

/* One table row; its chart bars hold the same figures as its cells. */
typedef struct {
  char *label;  /* first column: a group, a mode, a reason */
  char **cells; /* n_columns - 1 texts: "12", "83.33%", "-", ... */
  /* The young people's figures are withheld: their cells say "suppressed"
   * (figures about mentors stay) and the chart draws no bar for them. */
  gboolean suppressed;
  double bar[MM_REPORT_MAX_SERIES];
  /* FALSE: no figure, because it is withheld (suppressed) or there is
   * nothing to divide by ("-"). */
  gboolean has_bar[MM_REPORT_MAX_SERIES];
  /* (nullable) what the chart says instead of a bar that has no figure to
   * draw, e.g. "fewer than 5" for a small safeguarding count */
  char *bar_note[MM_REPORT_MAX_SERIES];
} MmReportRow;

typedef struct {
  char *title;
  char *note; /* (nullable) one sentence saying how to read it */
  guint n_columns;
  char **headers;                           /* n_columns */
  GPtrArray *rows;                          /* MmReportRow* */
  guint n_series;                           /* 1 or 2 bars per row */
  const char *series[MM_REPORT_MAX_SERIES]; /* legend names */
  gboolean percent;     /* bars are percentages (scale 0-100), else counts */
  guint32 text_columns; /* bit c: column c holds words (aligned left) */
} MmReportSection;

/**
 * mm_i_report_sections:
 * @report: a tree from mm_i_report_build().
 *
 * Returns: (transfer full): the report's sections in reading order
 * (MmReportSection*, freed with the array): safeguarding flags, the modes
 * side by side, preferences by type, each breakdown, unmatched reasons,
 * waiting time, the pool gap, and the composition of each dimension.
 */
GPtrArray *mm_i_report_sections(JsonNode *report);

/* Returns: (transfer full): the lines above the tables: what the report
 * covers (as-of date, objective, pins), the overall figures of the chosen
 * mode, the pinned pairs that break a hard rule and the suppression rule,
 * without markup, one line each, joined with '\n'. */
char *mm_i_report_summary_lines(JsonNode *report);
