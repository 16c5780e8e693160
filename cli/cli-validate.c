/* cli-validate.c: `mentormatch validate`, checks both files, the config and
 * the pins, and what the hard rules make of them (mm_validate()), and prints
 * every problem, then a summary per file. */
#include "cli-common.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  CliInputArgs inputs;
  gboolean strict;
} ValidateArgs;

static const char *plural(guint n, const char *one, const char *many) {
  return n == 1 ? one : many;
}

/* Diagnostics are attributed to a file by their source: loading and
 * preparing both name the file a person came from. */
static void count_for_source(const MmDiagnostics *diags, const char *source,
                             guint *errors, guint *warnings) {
  *errors = *warnings = 0;
  for (guint i = 0; i < mm_diagnostics_length(diags); i++) {
    const MmDiagnostic *d = mm_diagnostics_get(diags, i);
    if (strcmp(d->source, source) != 0)
      continue;
    if (d->severity == MM_SEVERITY_ERROR)
      (*errors)++;
    else
      (*warnings)++;
  }
}

static void print_file_summary(const MmDiagnostics *diags, const char *path,
                               gint n_people) {
  guint errors, warnings;
  count_for_source(diags, path, &errors, &warnings);
  printf("%s: ", path);
  if (n_people >= 0)
    printf("%d %s, ", n_people, plural((guint)n_people, "person", "people"));
  printf("%u %s, %u %s\n", errors, plural(errors, "error", "errors"), warnings,
         plural(warnings, "warning", "warnings"));
}

static void print_summary(const CliInputs *inputs, const ValidateArgs *args) {
  print_file_summary(inputs->diags, args->inputs.mentees,
                     (gint)mm_pool_n_mentees(inputs->pool));
  print_file_summary(inputs->diags, args->inputs.mentors,
                     (gint)mm_pool_n_mentors(inputs->pool));
  if (args->inputs.config != NULL)
    print_file_summary(inputs->diags, args->inputs.config, -1);
  else
    printf("config: built-in defaults\n");
  if (args->inputs.pinned != NULL)
    print_file_summary(inputs->diags, args->inputs.pinned, -1);
}

/* The warnings that need the hard rules (mentors who can never be matched,
 * named mentors not eligible, pins breaking a rule): only on a prepared pool
 * and a config read without error, whose rules are the ones meant. */
static void validate_rules(const CliInputs *inputs, const ValidateArgs *args) {
  if (!mm_pool_is_prepared(inputs->pool))
    return;
  if (args->inputs.config != NULL) {
    guint errors, warnings;
    count_for_source(inputs->diags, args->inputs.config, &errors, &warnings);
    if (errors > 0)
      return;
  }
  mm_validate(inputs->pool, inputs->config, inputs->pins, inputs->diags);
}

int cli_validate(int argc, char **argv) {
  ValidateArgs args = {0};
  const GOptionEntry entries[] = {
      {"strict", 0, 0, G_OPTION_ARG_NONE, &args.strict,
       "Treat warnings as errors (exit 1)", NULL},
      G_OPTION_ENTRY_NULL};
  GOptionContext *context = cli_option_context_new(
      "Checks both files, the config and the pins, warns about mentors who\n"
      "can never be matched, named mentors not eligible for the young person\n"
      "who named them and pins that break a rule, prints every problem as\n"
      "FILE:LINE: column NAME: message on stderr and a summary per file on\n"
      "stdout. Exit 0 when valid, 1 on any error (or warning with --strict).",
      &args.inputs);
  g_option_context_add_main_entries(context, entries, NULL);
  int exit_code = cli_parse(context, "validate", argc, argv, &args.inputs);
  g_option_context_free(context);
  if (exit_code != CLI_EXIT_OK) {
    cli_input_args_clear(&args.inputs);
    return exit_code;
  }

  CliInputs inputs = {0};
  gboolean ok = cli_inputs_load(&inputs, &args.inputs);
  validate_rules(&inputs, &args);
  cli_print_diagnostics(inputs.diags);
  print_summary(&inputs, &args);
  if (args.strict && mm_diagnostics_n_warnings(inputs.diags) > 0)
    ok = FALSE;
  cli_inputs_clear(&inputs);
  cli_input_args_clear(&args.inputs);
  return ok ? CLI_EXIT_OK : CLI_EXIT_BAD_INPUT;
}
