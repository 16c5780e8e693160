/* report-html.c: the equity report as one self-contained HTML page.
 *
 * No external assets and no script, so the page opens the same offline, in
 * a locked-down browser or from an email, and prints cleanly: each section
 * has an inline SVG bar chart above its table. Every text that comes from
 * the data (group names, which people typed) is escaped. */
#include "report-render.h"

#include <string.h>

/* Chart geometry, in SVG user units (pixels at 100%). Labels take the left
 * part, bars the middle, and each bar's figure is written after it. */
#define CHART_WIDTH 720
#define CHART_LABEL_RIGHT 250 /* labels end here (text-anchor end) */
#define CHART_BAR_LEFT 258
#define CHART_BAR_MAX 380 /* length of a full bar (100% or the maximum) */
#define CHART_BAR_HEIGHT 13
#define CHART_BAR_GAP 2 /* between the bars of one row */
#define CHART_ROW_GAP 9 /* between rows */
#define CHART_LEGEND_HEIGHT 24
#define CHART_LABEL_MAX_CHARS                                                  \
  38 /* longer labels are cut; the table has all                               \
      */

static const char *const series_colours[MM_REPORT_MAX_SERIES] = {"#2f6b9a",
                                                                 "#d9922b"};

static const char page_style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,"
    "sans-serif;color:#1d1d1f;background:#fff;max-width:62rem;margin:1.5rem "
    "auto;padding:0 1rem;line-height:1.4}\n"
    "h1{font-size:1.6rem;margin:0 0 .3rem}\n"
    "h2{font-size:1.15rem;margin:0 0 .3rem}\n"
    "header p{margin:.1rem 0}\n"
    "section{border-top:1px solid #c8c8c8;padding:.9rem 0 1.1rem}\n"
    "p.note{color:#4a4a4a;margin:.1rem 0 .5rem;font-size:.92rem}\n"
    "svg{display:block;max-width:100%;height:auto;margin:.3rem 0}\n"
    "svg text{font-size:12px;fill:#1d1d1f}\n"
    "svg text.figure{fill:#333}\n"
    "svg text.suppressed{fill:#777;font-style:italic}\n"
    "svg text.present{fill:#8a1c1c;font-weight:bold}\n"
    "table{border-collapse:collapse;font-size:.88rem;margin-top:.4rem}\n"
    "th,td{padding:.18rem .6rem;border-bottom:1px solid #e2e2e2;"
    "text-align:right;vertical-align:top}\n"
    "thead th{border-bottom:2px solid #999}\n"
    "th:first-child,td:first-child{text-align:left;font-weight:normal}\n"
    "thead th:first-child{font-weight:bold}\n"
    "td.suppressed{color:#777;font-style:italic}\n"
    "td.present{color:#8a1c1c;font-weight:bold}\n"
    "td.text{text-align:left}\n"
    "footer{border-top:1px solid #c8c8c8;color:#4a4a4a;font-size:.85rem}\n"
    "@media print{body{max-width:none;margin:0;font-size:10pt}"
    "section{break-inside:avoid;page-break-inside:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

static void append_escaped(GString *out, const char *text) {
  char *escaped = g_markup_escape_text(text, -1);
  g_string_append(out, escaped);
  g_free(escaped);
}

/* Cuts a long label on a character boundary, marking the cut. */
static char *chart_label(const char *label) {
  if (g_utf8_strlen(label, -1) <= CHART_LABEL_MAX_CHARS)
    return g_strdup(label);
  char *head = g_utf8_substring(label, 0, CHART_LABEL_MAX_CHARS - 1);
  char *cut = g_strconcat(head, "\xe2\x80\xa6", NULL); /* ellipsis */
  g_free(head);
  return cut;
}

static double chart_scale_max(const MmReportSection *s) {
  if (s->percent)
    return 100.0;
  double max = 1.0; /* an all-zero chart still draws an axis */
  for (guint r = 0; r < s->rows->len; r++) {
    const MmReportRow *row = g_ptr_array_index(s->rows, r);
    for (guint k = 0; k < s->n_series; k++)
      if (row->has_bar[k])
        max = MAX(max, row->bar[k]);
  }
  return max;
}

static void append_legend(GString *out, const MmReportSection *s) {
  double x = CHART_BAR_LEFT;
  for (guint k = 0; k < s->n_series; k++) {
    g_string_append_printf(out,
                           "<rect x=\"%.0f\" y=\"6\" width=\"12\" "
                           "height=\"12\" fill=\"%s\"/>",
                           x, series_colours[k]);
    g_string_append_printf(out, "<text x=\"%.0f\" y=\"16\">", x + 17);
    append_escaped(out, s->series[k]);
    g_string_append(out, "</text>");
    x += 190;
  }
}

static void append_bar(GString *out, const MmReportSection *s, double max,
                       double y, guint series, double value) {
  double length = CHART_BAR_MAX * CLAMP(value / max, 0.0, 1.0);
  char figure[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(figure, sizeof figure, s->percent ? "%.1f" : "%.0f", value);
  g_string_append_printf(out,
                         "<rect x=\"%d\" y=\"%.0f\" width=\"%.1f\" "
                         "height=\"%d\" fill=\"%s\"/>",
                         CHART_BAR_LEFT, y, length, CHART_BAR_HEIGHT,
                         series_colours[series]);
  g_string_append_printf(out,
                         "<text class=\"figure\" x=\"%.1f\" y=\"%.0f\">%s%s"
                         "</text>",
                         CHART_BAR_LEFT + length + 5, y + CHART_BAR_HEIGHT - 2,
                         figure, s->percent ? "%" : "");
}

static void append_chart_row(GString *out, const MmReportSection *s, double max,
                             double y, const MmReportRow *row) {
  double row_height = s->n_series * (CHART_BAR_HEIGHT + CHART_BAR_GAP);
  char *label = chart_label(row->label);
  g_string_append_printf(out, "<text x=\"%d\" y=\"%.0f\" text-anchor=\"end\">",
                         CHART_LABEL_RIGHT, y + row_height / 2 + 4);
  append_escaped(out, label);
  g_string_append(out, "</text>");
  g_free(label);
  gboolean any_bar = FALSE;
  for (guint k = 0; k < s->n_series; k++)
    any_bar |= row->has_bar[k];
  if (row->suppressed && !any_bar) {
    g_string_append_printf(out,
                           "<text class=\"suppressed\" x=\"%d\" y=\"%.0f\">"
                           "suppressed (protects a small group)</text>",
                           CHART_BAR_LEFT + 5, y + row_height / 2 + 4);
    return;
  }
  for (guint k = 0; k < s->n_series; k++) {
    double bar_y = y + k * (CHART_BAR_HEIGHT + CHART_BAR_GAP);
    if (row->has_bar[k]) {
      append_bar(out, s, max, bar_y, k, row->bar[k]);
    } else if (row->bar_note[k] != NULL) {
      /* present but small (a safeguarding flag): said, never hidden */
      g_string_append_printf(out,
                             "<text class=\"present\" x=\"%d\" y=\"%.0f\">",
                             CHART_BAR_LEFT + 5, bar_y + CHART_BAR_HEIGHT - 2);
      append_escaped(out, row->bar_note[k]);
      g_string_append(out, "</text>");
    } else {
      g_string_append_printf(out,
                             "<text class=\"%s\" x=\"%d\" y=\"%.0f\">%s"
                             "</text>",
                             row->suppressed ? "suppressed" : "figure",
                             CHART_BAR_LEFT + 5, bar_y + CHART_BAR_HEIGHT - 2,
                             row->suppressed ? MM_REPORT_SUPPRESSED_TEXT : "-");
    }
  }
}

/* One horizontal bar chart of the section's rows; a title gives screen
 * readers the section's name (the table beside it has the figures). Inline
 * SVG in HTML needs no xmlns, so the page names no URL at all. */
static void append_chart(GString *out, const MmReportSection *s) {
  double row_pitch =
      s->n_series * (CHART_BAR_HEIGHT + CHART_BAR_GAP) + CHART_ROW_GAP;
  guint n_rows = MAX(s->rows->len, 1);
  double height = CHART_LEGEND_HEIGHT + n_rows * row_pitch + 4;
  double max = chart_scale_max(s);
  g_string_append_printf(out,
                         "<svg width=\"%d\" height=\"%.0f\" "
                         "viewBox=\"0 0 %d %.0f\" role=\"img\"><title>",
                         CHART_WIDTH, height, CHART_WIDTH, height);
  append_escaped(out, s->title);
  g_string_append(out, "</title>");
  append_legend(out, s);
  g_string_append_printf(out,
                         "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.0f\" "
                         "stroke=\"#999\"/>",
                         CHART_BAR_LEFT, CHART_LEGEND_HEIGHT, CHART_BAR_LEFT,
                         height);
  for (guint r = 0; r < s->rows->len; r++)
    append_chart_row(out, s, max, CHART_LEGEND_HEIGHT + r * row_pitch + 4,
                     g_ptr_array_index(s->rows, r));
  if (s->rows->len == 0)
    g_string_append_printf(out, "<text x=\"%d\" y=\"%d\">none</text>",
                           CHART_BAR_LEFT + 6, CHART_LEGEND_HEIGHT + 14);
  g_string_append(out, "</svg>\n");
}

static void append_table(GString *out, const MmReportSection *s) {
  g_string_append(out, "<table>\n<thead><tr>");
  for (guint c = 0; c < s->n_columns; c++) {
    g_string_append(out, "<th scope=\"col\">");
    append_escaped(out, s->headers[c]);
    g_string_append(out, "</th>");
  }
  g_string_append(out, "</tr></thead>\n<tbody>\n");
  for (guint r = 0; r < s->rows->len; r++) {
    const MmReportRow *row = g_ptr_array_index(s->rows, r);
    g_string_append(out, "<tr><th scope=\"row\">");
    append_escaped(out, row->label);
    g_string_append(out, "</th>");
    for (guint c = 0; c + 1 < s->n_columns; c++) {
      gboolean withheld = row->suppressed &&
                          strcmp(row->cells[c], MM_REPORT_SUPPRESSED_TEXT) == 0;
      gboolean present =
          g_str_has_prefix(row->cells[c], MM_REPORT_FEWER_THAN_TEXT);
      gboolean words = (s->text_columns & (1u << (c + 1))) != 0;
      g_string_append(out, withheld  ? "<td class=\"suppressed\">"
                           : present ? "<td class=\"present\">"
                           : words   ? "<td class=\"text\">"
                                     : "<td>");
      append_escaped(out, row->cells[c]);
      g_string_append(out, "</td>");
    }
    g_string_append(out, "</tr>\n");
  }
  g_string_append(out, "</tbody>\n</table>\n");
}

static void append_section(GString *out, const MmReportSection *s) {
  g_string_append(out, "<section>\n<h2>");
  append_escaped(out, s->title);
  g_string_append(out, "</h2>\n");
  if (s->note != NULL) {
    g_string_append(out, "<p class=\"note\">");
    append_escaped(out, s->note);
    g_string_append(out, "</p>\n");
  }
  append_chart(out, s);
  append_table(out, s);
  g_string_append(out, "</section>\n");
}

static void append_header(GString *out, JsonNode *report) {
  g_string_append(out, "<header>\n<h1>Equity report</h1>\n");
  char *summary = mm_i_report_summary_lines(report);
  char **lines = g_strsplit(summary, "\n", -1);
  for (guint k = 0; lines[k] != NULL; k++) {
    g_string_append(out, "<p>");
    append_escaped(out, lines[k]);
    g_string_append(out, "</p>\n");
  }
  g_strfreev(lines);
  g_free(summary);
  g_string_append(out, "</header>\n");
}

char *mm_i_report_html(JsonNode *report) {
  g_return_val_if_fail(report != NULL && JSON_NODE_HOLDS_OBJECT(report), NULL);
  GString *out = g_string_new(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n<title>Equity report</title>\n<style>\n");
  g_string_append(out, page_style);
  g_string_append(out, "</style>\n</head>\n<body>\n");
  append_header(out, report);
  GPtrArray *sections = mm_i_report_sections(report);
  for (guint k = 0; k < sections->len; k++)
    append_section(out, g_ptr_array_index(sections, k));
  g_ptr_array_unref(sections);
  g_string_append(out, "<footer>\n<p>Made by mentormatch ");
  append_escaped(out, mm_version());
  g_string_append(out,
                  ". Figures for groups, never for a named person: the page "
                  "holds no ids. It still describes children in care: keep "
                  "it as you keep the pools.</p>\n</footer>\n</body>\n"
                  "</html>\n");
  return g_string_free(out, FALSE);
}
