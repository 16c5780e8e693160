/* report-text.c: the equity report as plain-text tables for a terminal. */
#include "report-render.h"

/* Gap between columns. */
#define COLUMN_GAP "  "

/* Width in characters, so that names such as "Māori" line up. */
static glong text_width(const char *text) { return g_utf8_strlen(text, -1); }

static void append_padded(GString *out, const char *text, glong width,
                          gboolean right) {
  glong pad = width - text_width(text);
  if (right)
    for (glong k = 0; k < pad; k++)
      g_string_append_c(out, ' ');
  g_string_append(out, text);
  if (!right)
    for (glong k = 0; k < pad; k++)
      g_string_append_c(out, ' ');
}

static const char *row_cell(const MmReportRow *row, guint column) {
  return column == 0 ? row->label : row->cells[column - 1];
}

/* Names and other words are aligned left, figures right. Trailing blanks
 * are trimmed so that the output diffs cleanly. */
static void append_line(GString *out, const MmReportSection *s,
                        const glong *widths, const MmReportRow *row) {
  gsize start = out->len;
  g_string_append(out, COLUMN_GAP);
  for (guint c = 0; c < s->n_columns; c++) {
    if (c > 0)
      g_string_append(out, COLUMN_GAP);
    append_padded(out, row != NULL ? row_cell(row, c) : s->headers[c],
                  widths[c], !(s->text_columns & (1u << c)));
  }
  while (out->len > start && out->str[out->len - 1] == ' ')
    g_string_truncate(out, out->len - 1);
  g_string_append_c(out, '\n');
}

static void append_section(GString *out, const MmReportSection *s) {
  g_string_append_printf(out, "\n%s\n", s->title);
  if (s->note != NULL)
    g_string_append_printf(out, "%s\n", s->note);
  glong *widths = g_new0(glong, s->n_columns);
  for (guint c = 0; c < s->n_columns; c++) {
    widths[c] = text_width(s->headers[c]);
    for (guint r = 0; r < s->rows->len; r++)
      widths[c] = MAX(widths[c],
                      text_width(row_cell(g_ptr_array_index(s->rows, r), c)));
  }
  append_line(out, s, widths, NULL);
  for (guint r = 0; r < s->rows->len; r++)
    append_line(out, s, widths, g_ptr_array_index(s->rows, r));
  if (s->rows->len == 0)
    g_string_append(out, COLUMN_GAP "(none)\n");
  g_free(widths);
}

char *mm_i_report_text(JsonNode *report) {
  g_return_val_if_fail(report != NULL && JSON_NODE_HOLDS_OBJECT(report), NULL);
  GString *out = g_string_new("Equity report\n");
  char *summary = mm_i_report_summary_lines(report);
  g_string_append_printf(out, "%s\n", summary);
  g_free(summary);
  GPtrArray *sections = mm_i_report_sections(report);
  for (guint k = 0; k < sections->len; k++)
    append_section(out, g_ptr_array_index(sections, k));
  g_ptr_array_unref(sections);
  return g_string_free(out, FALSE);
}
