/* cli-common.c: flags, loading, diagnostics and output shared by the
 * subcommands of the mentormatch CLI. */
#include "cli-common.h"

#include "output-file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

GOptionContext *cli_option_context_new(const char *summary,
                                       CliInputArgs *inputs) {
  const GOptionEntry entries[] = {
      {"mentees", 0, 0, G_OPTION_ARG_FILENAME, &inputs->mentees,
       "The young people: a CSV file (required)", "FILE"},
      {"mentors", 0, 0, G_OPTION_ARG_FILENAME, &inputs->mentors,
       "The mentors: a CSV file (required)", "FILE"},
      {"config", 0, 0, G_OPTION_ARG_FILENAME, &inputs->config,
       "Weights, rules and objective, an INI file (default: the built-in "
       "defaults)",
       "FILE"},
      {"as-of", 0, 0, G_OPTION_ARG_STRING, &inputs->as_of,
       "The date the pools describe, YYYY-MM-DD: weeks waited are counted to "
       "it (default: today)",
       "DATE"},
      {"pinned", 0, 0, G_OPTION_ARG_FILENAME, &inputs->pinned,
       "Existing matches to keep: a CSV with mentee_id,mentor_id, or a "
       "previous match output as it is",
       "FILE"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *context = g_option_context_new(NULL);
  g_option_context_set_summary(context, summary);
  /* entries are copied by the group, so a stack array is fine */
  g_option_context_add_main_entries(context, entries, NULL);
  return context;
}

CliExit cli_usage_error(const char *command, const char *format, ...) {
  va_list args;
  va_start(args, format);
  g_autofree char *message = g_strdup_vprintf(format, args);
  va_end(args);
  fprintf(stderr, "mentormatch %s: %s\nTry 'mentormatch %s --help'.\n",
          command, message, command);
  return CLI_EXIT_USAGE;
}

CliExit cli_parse(GOptionContext *context, const char *command, int argc,
                  char **argv, const CliInputArgs *inputs) {
  /* --help prints "Usage: mentormatch match [OPTION...]" */
  g_autofree char *prgname = g_strdup_printf("mentormatch %s", command);
  g_set_prgname(prgname);
  GError *error = NULL;
  if (!g_option_context_parse(context, &argc, &argv, &error)) {
    CliExit exit_code = cli_usage_error(command, "%s", error->message);
    g_error_free(error);
    return exit_code;
  }
  if (argc > 1)
    return cli_usage_error(command, "unexpected argument '%s'", argv[1]);
  if (inputs->mentees == NULL)
    return cli_usage_error(command, "--mentees FILE is required");
  if (inputs->mentors == NULL)
    return cli_usage_error(command, "--mentors FILE is required");
  if (inputs->as_of != NULL) {
    g_autoptr(MmPool) probe = mm_pool_new();
    if (!mm_pool_set_as_of(probe, inputs->as_of, &error)) {
      CliExit exit_code = cli_usage_error(command, "--as-of: %s",
                                          error->message);
      g_error_free(error);
      return exit_code;
    }
  }
  return CLI_EXIT_OK;
}

CliExit cli_mode_from_flag(const char *command, const char *name,
                           MmMode *mode) {
  if (name == NULL || mm_mode_from_name(name, mode))
    return CLI_EXIT_OK;
  return cli_usage_error(command,
                         "--mode must be optimal, stable or greedy, not '%s'",
                         name);
}

gboolean cli_format_from_name(const char *name, CliFormat *format) {
  if (name == NULL || strcmp(name, "csv") == 0)
    *format = CLI_FORMAT_CSV;
  else if (strcmp(name, "json") == 0)
    *format = CLI_FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

void cli_input_args_clear(CliInputArgs *args) {
  g_clear_pointer(&args->mentees, g_free);
  g_clear_pointer(&args->mentors, g_free);
  g_clear_pointer(&args->config, g_free);
  g_clear_pointer(&args->as_of, g_free);
  g_clear_pointer(&args->pinned, g_free);
}

/* A step that failed without saying why in @diags (a library call that only
 * set the GError) still gets its problem printed with the others. */
static gboolean finish_step(gboolean ok, GError **error, MmDiagnostics *diags,
                            guint errors_before, const char *source) {
  if (!ok && mm_diagnostics_n_errors(diags) == errors_before)
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, 0, NULL, "%s",
                       *error != NULL ? (*error)->message : "failed");
  g_clear_error(error);
  return ok;
}

gboolean cli_inputs_load(CliInputs *inputs, const CliInputArgs *args) {
  inputs->pool = mm_pool_new();
  inputs->config = mm_config_new();
  inputs->diags = mm_diagnostics_new();
  MmDiagnostics *diags = inputs->diags;
  GError *error = NULL;
  gboolean ok = TRUE, step;

  guint before = mm_diagnostics_n_errors(diags);
  step = mm_pool_load_csv(inputs->pool, MM_SIDE_MENTEE, args->mentees, diags,
                          &error);
  ok &= finish_step(step, &error, diags, before, args->mentees);

  before = mm_diagnostics_n_errors(diags);
  step = mm_pool_load_csv(inputs->pool, MM_SIDE_MENTOR, args->mentors, diags,
                          &error);
  ok &= finish_step(step, &error, diags, before, args->mentors);

  if (args->config != NULL) {
    before = mm_diagnostics_n_errors(diags);
    step = mm_config_load_file(inputs->config, args->config, diags, &error);
    ok &= finish_step(step, &error, diags, before, args->config);
  }

  /* cli_parse() has checked the date: this cannot fail. */
  mm_pool_set_as_of(inputs->pool, args->as_of, NULL);

  /* Prepared even after errors: duplicate ids and unknown named mentors are
   * only found here, and a coordinator should see every problem at once. */
  before = mm_diagnostics_n_errors(diags);
  step = mm_pool_prepare(inputs->pool, diags, &error);
  ok &= finish_step(step, &error, diags, before, args->mentees);

  /* Pins name people: only a prepared pool without errors can check them. */
  if (args->pinned != NULL && ok && mm_diagnostics_n_errors(diags) == 0) {
    inputs->pins = mm_pins_new(inputs->pool);
    before = mm_diagnostics_n_errors(diags);
    step = mm_pins_load_csv(inputs->pins, args->pinned, diags, &error);
    ok &= finish_step(step, &error, diags, before, args->pinned);
  }
  return ok && mm_diagnostics_n_errors(diags) == 0;
}

void cli_inputs_clear(CliInputs *inputs) {
  g_clear_pointer(&inputs->pins, mm_pins_free); /* before the pool it names */
  g_clear_pointer(&inputs->pool, mm_pool_free);
  g_clear_pointer(&inputs->config, mm_config_free);
  g_clear_pointer(&inputs->diags, mm_diagnostics_free);
}

void cli_print_diagnostics_from(const MmDiagnostics *diags, guint first) {
  guint n = mm_diagnostics_length(diags);
  for (guint i = first; i < n; i++) {
    g_autofree char *text = mm_diagnostic_format(mm_diagnostics_get(diags, i));
    fprintf(stderr, "%s\n", text);
  }
  guint seen = mm_diagnostics_n_errors(diags) + mm_diagnostics_n_warnings(diags);
  if (seen > n)
    fprintf(stderr, "mentormatch: %u more problems not shown\n", seen - n);
}

CliExit cli_write_output(const char *path, const char *data, gsize length) {
  if (path == NULL || strcmp(path, "-") == 0) {
    if (fwrite(data, 1, length, stdout) != length ||
        fflush(stdout) != 0) {
      fprintf(stderr, "mentormatch: cannot write to standard output: %s\n",
              g_strerror(errno));
      return CLI_EXIT_BAD_INPUT;
    }
    return CLI_EXIT_OK;
  }
  GError *error = NULL;
  if (!cli_output_file_write(path, data, length, &error)) {
    fprintf(stderr, "mentormatch: %s\n", error->message);
    g_error_free(error);
    return CLI_EXIT_BAD_INPUT;
  }
  return CLI_EXIT_OK;
}
