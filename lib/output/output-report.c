/* output-report.c: the equity report as public API (mm-report.h): options,
 * the report computed once (report.c) and its three renderings. */
#include "json-output.h"
#include "report.h"

struct MmReportOptions {
  MmMode mode;
  const MmPins *pins;
  guint min_cell;
  guint n_threads;
};

struct MmReport {
  JsonNode *tree; /* mm_i_report_build_with_pins()'s object */
};

MmReportOptions *mm_report_options_new(void) {
  MmReportOptions *o = g_new0(MmReportOptions, 1);
  o->mode = MM_MODE_OPTIMAL;
  o->min_cell = MM_REPORT_DEFAULT_MIN_CELL;
  return o;
}

void mm_report_options_free(MmReportOptions *options) { g_free(options); }

void mm_report_options_set_mode(MmReportOptions *options, MmMode mode) {
  g_return_if_fail(options != NULL);
  options->mode = mode;
}

void mm_report_options_set_pins(MmReportOptions *options, const MmPins *pins) {
  g_return_if_fail(options != NULL);
  options->pins = pins;
}

gboolean mm_report_options_set_min_cell(MmReportOptions *options,
                                        guint min_cell) {
  g_return_val_if_fail(options != NULL, FALSE);
  if (min_cell < 1)
    return FALSE;
  options->min_cell = min_cell;
  return TRUE;
}

void mm_report_options_set_threads(MmReportOptions *options,
                                   guint n_threads) {
  g_return_if_fail(options != NULL);
  options->n_threads = n_threads;
}

MmReport *mm_report_new(const MmPool *pool, const MmConfig *config,
                        const MmReportOptions *options, MmDiagnostics *diags) {
  g_return_val_if_fail(pool != NULL && config != NULL, NULL);
  g_autoptr(MmReportOptions) defaults =
      options == NULL ? mm_report_options_new() : NULL;
  const MmReportOptions *o = options != NULL ? options : defaults;
  JsonNode *tree = mm_i_report_build_with_pins(
      pool, config, o->pins, o->mode, o->min_cell, o->n_threads, diags);
  if (tree == NULL) /* programmer misuse, already logged */
    return NULL;
  MmReport *report = g_new0(MmReport, 1);
  report->tree = tree;
  return report;
}

void mm_report_free(MmReport *report) {
  if (report == NULL)
    return;
  json_node_unref(report->tree);
  g_free(report);
}

char *mm_report_to_json(const MmReport *report) {
  g_return_val_if_fail(report != NULL, NULL);
  g_autofree char *text = mm_i_json_to_text(report->tree, TRUE);
  return g_strconcat(text, "\n", NULL);
}

char *mm_report_to_text(const MmReport *report) {
  g_return_val_if_fail(report != NULL, NULL);
  return mm_i_report_text(report->tree);
}

char *mm_report_to_html(const MmReport *report) {
  g_return_val_if_fail(report != NULL, NULL);
  return mm_i_report_html(report->tree);
}
