/* cli-report.c: `mentormatch report`, the equity report: who gets matched,
 * how well, and where the mentor pool falls short of what young people ask
 * for (equity: docs/background.md). */
#include "cli-common.h"

#include <stdio.h>
#include <string.h>

/* A suppression threshold above this would hide every group of any real
 * programme; it also catches a typo such as 50000. */
#define MAX_MIN_CELL 1000

typedef enum {
  REPORT_FORMAT_TEXT,
  REPORT_FORMAT_JSON,
} ReportFormat;

typedef struct {
  CliInputArgs inputs;
  char *mode_name;
  char *format_name;
  char *html;
  gint min_cell;
  /* checked values */
  MmMode mode;
  ReportFormat format;
} ReportArgs;

static void args_clear(ReportArgs *args) {
  cli_input_args_clear(&args->inputs);
  g_clear_pointer(&args->mode_name, g_free);
  g_clear_pointer(&args->format_name, g_free);
  g_clear_pointer(&args->html, g_free);
}

static gboolean format_from_name(const char *name, ReportFormat *format) {
  if (name == NULL || strcmp(name, "text") == 0)
    *format = REPORT_FORMAT_TEXT;
  else if (strcmp(name, "json") == 0)
    *format = REPORT_FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

static int parse_args(ReportArgs *args, int argc, char **argv) {
  const GOptionEntry entries[] = {
      {"mode", 0, 0, G_OPTION_ARG_STRING, &args->mode_name,
       "The mode the figures describe: optimal (default), stable or greedy; "
       "all three are compared side by side",
       "MODE"},
      {"format", 0, 0, G_OPTION_ARG_STRING, &args->format_name,
       "Output on stdout: text (default) or json", "FORMAT"},
      {"html", 0, 0, G_OPTION_ARG_FILENAME, &args->html,
       "Also write a self-contained HTML page with charts to FILE "
       "(owner-only, replaced atomically)",
       "FILE"},
      {"min-cell", 0, 0, G_OPTION_ARG_INT, &args->min_cell,
       "Withhold the figures of groups with fewer young people than N "
       "(1-1000, default 5; 1 withholds nothing)",
       "N"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *context = cli_option_context_new(
      "The equity report: safeguarding flags to review; match rate, mean\n"
      "score and stated preferences met by gender, ethnicity group, age band,\n"
      "priority, care experience and needs; why young people are unmatched\n"
      "and how long they have waited; the pool gap; the mentor pool beside\n"
      "the young people; the three modes side by side (with matches per\n"
      "priority level). Pins (--pinned) are kept in every mode; weeks are\n"
      "counted to --as-of.",
      &args->inputs);
  g_option_context_add_main_entries(context, entries, NULL);
  int exit_code = cli_parse(context, "report", argc, argv, &args->inputs);
  g_option_context_free(context);
  if (exit_code != CLI_EXIT_OK)
    return exit_code;
  exit_code = cli_mode_from_flag("report", args->mode_name, &args->mode);
  if (exit_code != CLI_EXIT_OK)
    return exit_code;
  if (!format_from_name(args->format_name, &args->format))
    return cli_usage_error("report", "--format must be text or json, not '%s'",
                           args->format_name);
  if (args->min_cell < 1 || args->min_cell > MAX_MIN_CELL)
    return cli_usage_error("report", "--min-cell must be 1 to %d, not %d",
                           MAX_MIN_CELL, args->min_cell);
  if (args->html != NULL && strcmp(args->html, "-") == 0)
    return cli_usage_error("report",
                           "--html needs a file name (the page is not "
                           "written to stdout)");
  return CLI_EXIT_OK;
}

/* Both outputs are built before either is written: a failed run writes
 * nothing (the page is written first, so stdout is only printed when it
 * could be). */
static int write_outputs(const MmReport *report, const ReportArgs *args) {
  g_autofree char *out = args->format == REPORT_FORMAT_JSON
                             ? mm_report_to_json(report)
                             : mm_report_to_text(report);
  int exit_code = CLI_EXIT_OK;
  if (args->html != NULL) {
    g_autofree char *page = mm_report_to_html(report);
    exit_code = cli_write_output(args->html, page, strlen(page));
  }
  if (exit_code == CLI_EXIT_OK)
    exit_code = cli_write_output(NULL, out, strlen(out));
  return exit_code;
}

static int run(const ReportArgs *args) {
  CliInputs inputs = {0};
  gboolean ok = cli_inputs_load(&inputs, &args->inputs);
  cli_print_diagnostics(inputs.diags);
  int exit_code = CLI_EXIT_BAD_INPUT;
  if (ok) {
    /* With the pins, so that the report describes the assignment that will
     * be used; a pin that breaks a hard rule is warned about, as by match. */
    g_autoptr(MmReportOptions) options = mm_report_options_new();
    mm_report_options_set_mode(options, args->mode);
    mm_report_options_set_pins(options, inputs.pins);
    mm_report_options_set_min_cell(options, (guint)args->min_cell);
    guint printed = mm_diagnostics_length(inputs.diags);
    g_autoptr(MmReport) report =
        mm_report_new(inputs.pool, inputs.config, options, inputs.diags);
    cli_print_diagnostics_from(inputs.diags, printed);
    exit_code = write_outputs(report, args);
  }
  cli_inputs_clear(&inputs);
  return exit_code;
}

int cli_report(int argc, char **argv) {
  ReportArgs args = {.mode = MM_MODE_OPTIMAL,
                     .format = REPORT_FORMAT_TEXT,
                     .min_cell = MM_REPORT_DEFAULT_MIN_CELL};
  int exit_code = parse_args(&args, argc, argv);
  if (exit_code == CLI_EXIT_OK)
    exit_code = run(&args);
  args_clear(&args);
  return exit_code;
}
