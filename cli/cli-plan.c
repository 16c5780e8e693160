/* cli-plan.c: `mentormatch plan`, which mentors to recruit next, each with
 * exactly how many more young people it lets the pool match (mm-plan.h).
 *
 * CSV output: rank,young_people_gained,value_gained, then the proposed
 * mentor's columns in the order of the mentor file's own header (its
 * spelling kept; columns plan does not fill are left empty), so that a row
 * minus its first three fields can be pasted at the end of that file. A
 * column the profile fills that the file lacks comes after them, with a
 * warning. Without a readable header, the contract (docs/)'s column order. */
#include "cli-common.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  CliInputArgs inputs;
  char *recruit;
  char *format;
  char *output;
} PlanArgs;

static void args_clear(PlanArgs *args) {
  cli_input_args_clear(&args->inputs);
  g_clear_pointer(&args->recruit, g_free);
  g_clear_pointer(&args->format, g_free);
  g_clear_pointer(&args->output, g_free);
}

/* ---- output ---- */

/* The CSV laid out as the mentor file's header (mm_plan_to_csv()); a column
 * the proposals fill that the file lacks is warned about. */
static char *plan_csv(const char *mentors_path, const MmPlan *plan) {
  g_auto(GStrv) header = mm_csv_file_header(mentors_path, NULL);
  g_auto(GStrv) added = NULL;
  char *out = mm_plan_to_csv(plan, (const char *const *)header,
                             MM_OUTPUT_DEFAULT, &added);
  for (char **name = added; *name != NULL; name++)
    fprintf(stderr,
            "%s: no column %s: plan puts it after the file's own columns; "
            "add it to the file to paste the proposals\n",
            mentors_path, *name);
  return out;
}

static void print_summary(const CliInputs *inputs, const MmPlan *plan) {
  MmPlanSummary s = mm_plan_summary(plan);
  g_autofree char *as_of = mm_pool_get_as_of(inputs->pool);
  fprintf(stderr,
          "plan, prefer %s, as of %s: %u of %u young people waiting; "
          "matched %u (value %.2f) -> %u (value %.2f) with %u proposed "
          "%s\n",
          mm_prefer_name(mm_config_get_prefer(inputs->config)), as_of,
          s.waiting, s.n_mentees - s.pinned, s.matched_before, s.value_before,
          s.matched_after, s.value_after, mm_plan_n_proposals(plan),
          mm_plan_n_proposals(plan) == 1 ? "mentor" : "mentors");
  for (guint k = 0; k < mm_plan_n_proposals(plan); k++)
    /* gains and ids only: a profile says what young people asked for,
     * which stays in the owner-only output, out of terminal logs */
    fprintf(stderr, "  PLAN-%u: +%d young people, +%.2f value\n", k + 1,
            mm_plan_young_people_gained(plan, k),
            mm_plan_value_gained(plan, k));
  if (mm_plan_stopped(plan) != NULL)
    fprintf(stderr, "plan: stopped after %u: %s\n", mm_plan_n_proposals(plan),
            mm_plan_stopped(plan));
  fprintf(stderr,
          "plan: %u candidate profiles, %u exact solves%s\n", s.candidates,
          s.solves,
          s.confirmed_by_match > 0 ? "; ties: numbers from match itself" : "");
}

/* ---- flags ---- */

static int parse_args(PlanArgs *args, CliFormat *format, guint *recruit,
                      int argc, char **argv) {
  const GOptionEntry entries[] = {
      {"recruit", 0, 0, G_OPTION_ARG_STRING, &args->recruit,
       "Propose at most K mentors (1-100, default 5)", "K"},
      {"format", 0, 0, G_OPTION_ARG_STRING, &args->format,
       "Output format: csv (default) or json", "FORMAT"},
      {"output", 0, 0, G_OPTION_ARG_FILENAME, &args->output,
       "Write to FILE (owner-only, replaced atomically) instead of stdout",
       "FILE"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *context = cli_option_context_new(
      "Proposes mentors to recruit next, each with exactly how many more\n"
      "young people it lets the pool match: CSV rank,young_people_gained,\n"
      "value_gained followed by the proposed mentor's columns, ready to\n"
      "paste into the mentor file (ids PLAN-1, PLAN-2, ...).",
      &args->inputs);
  g_option_context_add_main_entries(context, entries, NULL);
  int exit_code = cli_parse(context, "plan", argc, argv, &args->inputs);
  g_option_context_free(context);
  if (exit_code != CLI_EXIT_OK)
    return exit_code;
  *recruit = MM_PLAN_DEFAULT_RECRUIT;
  if (args->recruit != NULL) {
    guint64 value = 0;
    if (!g_ascii_string_to_unsigned(args->recruit, 10, 1, MM_PLAN_MAX_RECRUIT,
                                    &value, NULL))
      return cli_usage_error("plan", "--recruit must be a whole number from 1 "
                                     "to %d, not '%s'",
                             MM_PLAN_MAX_RECRUIT, args->recruit);
    *recruit = (guint)value;
  }
  if (!cli_format_from_name(args->format, format))
    return cli_usage_error("plan", "--format must be csv or json, not '%s'",
                           args->format);
  const char *inputs[] = {args->inputs.mentees, args->inputs.mentors,
                          args->inputs.config, args->inputs.pinned};
  const char *flags[] = {"--output"};
  const char *outputs[] = {args->output};
  return cli_check_outputs("plan", inputs, G_N_ELEMENTS(inputs), flags,
                           outputs, 1);
}

static int run(const PlanArgs *args, CliFormat format, guint recruit) {
  CliInputs inputs = {0};
  gboolean ok = cli_inputs_load(&inputs, &args->inputs);
  cli_print_diagnostics(inputs.diags);
  int exit_code = CLI_EXIT_BAD_INPUT;
  if (ok) {
    g_autoptr(MmPlanOptions) options = mm_plan_options_new();
    mm_plan_options_set_recruit(options, recruit);
    mm_plan_options_set_pins(options, inputs.pins);
    GError *error = NULL;
    g_autoptr(MmPlan) plan =
        mm_plan(inputs.pool, inputs.config, options, &error);
    if (plan == NULL) {
      fprintf(stderr, "mentormatch plan: %s\n", error->message);
      g_error_free(error);
    } else {
      g_autofree char *out =
          format == CLI_FORMAT_JSON
              ? mm_plan_to_json(inputs.pool, inputs.config, plan, inputs.diags)
              : plan_csv(args->inputs.mentors, plan);
      print_summary(&inputs, plan);
      exit_code = cli_write_output(args->output, out, strlen(out));
    }
  }
  cli_inputs_clear(&inputs);
  return exit_code;
}

int cli_plan(int argc, char **argv) {
  PlanArgs args = {0};
  CliFormat format = CLI_FORMAT_CSV;
  guint recruit = MM_PLAN_DEFAULT_RECRUIT;
  int exit_code = parse_args(&args, &format, &recruit, argc, argv);
  if (exit_code == CLI_EXIT_OK)
    exit_code = run(&args, format, recruit);
  args_clear(&args);
  return exit_code;
}
