/* cli-recommend.c: `mentormatch recommend`, a shortlist of mentors each
 * young person can choose from (KP3: their say in who mentors them). */
#include "cli-common.h"

#include <stdio.h>
#include <string.h>

/* The longest shortlist asked for: beyond this it is no longer a list a
 * young person can read, and it bounds the output size. */
#define MAX_TOP_K 1000

typedef struct {
  CliInputArgs inputs;
  gint top;
  char *mentee;
  char *format;
  char *output;
  gboolean excel;
  gboolean realistic;
} RecommendArgs;

static void args_clear(RecommendArgs *args) {
  cli_input_args_clear(&args->inputs);
  g_clear_pointer(&args->mentee, g_free);
  g_clear_pointer(&args->format, g_free);
  g_clear_pointer(&args->output, g_free);
}

static int parse_args(RecommendArgs *args, CliFormat *format, int argc,
                      char **argv) {
  const GOptionEntry entries[] = {
      {"top", 0, 0, G_OPTION_ARG_INT, &args->top,
       "List at most K mentors per young person (1-1000, default 5)", "K"},
      {"mentee", 0, 0, G_OPTION_ARG_STRING, &args->mentee,
       "Only the young person with this id", "ID"},
      {"format", 0, 0, G_OPTION_ARG_STRING, &args->format,
       "Output format: csv (default) or json", "FORMAT"},
      {"output", 0, 0, G_OPTION_ARG_FILENAME, &args->output,
       "Write to FILE (owner-only, replaced atomically) instead of stdout",
       "FILE"},
      {"excel", 0, 0, G_OPTION_ARG_NONE, &args->excel,
       "CSV output for Excel: a UTF-8 BOM and CRLF line ends", NULL},
      {"realistic", 0, 0, G_OPTION_ARG_NONE, &args->realistic,
       "The shortlist the whole pool can honour: first the mentor the "
       "optimal assignment gives, then mentors still free after it",
       NULL},
      G_OPTION_ENTRY_NULL};
  GOptionContext *context = cli_option_context_new(
      "Lists the best eligible mentors with spare capacity for each young\n"
      "person, as mentee_id,rank,mentor_id,score,reasons.",
      &args->inputs);
  g_option_context_add_main_entries(context, entries, NULL);
  int exit_code = cli_parse(context, "recommend", argc, argv, &args->inputs);
  g_option_context_free(context);
  if (exit_code != CLI_EXIT_OK)
    return exit_code;
  if (args->top < 1 || args->top > MAX_TOP_K)
    return cli_usage_error("recommend", "--top must be 1 to %d, not %d",
                           MAX_TOP_K, args->top);
  if (!cli_format_from_name(args->format, format))
    return cli_usage_error("recommend", "--format must be csv or json, not '%s'",
                           args->format);
  const char *inputs[] = {args->inputs.mentees, args->inputs.mentors,
                          args->inputs.config, args->inputs.pinned};
  const char *flags[] = {"--output"};
  const char *outputs[] = {args->output};
  return cli_check_outputs("recommend", inputs, G_N_ELEMENTS(inputs), flags,
                           outputs, 1);
}

static int run(const RecommendArgs *args, CliFormat format) {
  CliInputs inputs = {0};
  gboolean ok = cli_inputs_load(&inputs, &args->inputs);
  cli_print_diagnostics(inputs.diags);
  gint mentee = -1;
  if (ok && args->mentee != NULL) {
    mentee = mm_pool_find_mentee(inputs.pool, args->mentee);
    if (mentee < 0) {
      fprintf(stderr, "%s: no mentee with id '%s' (--mentee)\n",
              args->inputs.mentees, args->mentee);
      ok = FALSE;
    }
  }
  int exit_code = CLI_EXIT_BAD_INPUT;
  if (ok) {
    g_autoptr(MmRecommendOptions) options = mm_recommend_options_new();
    mm_recommend_options_set_mentee(options, mentee);
    mm_recommend_options_set_top(options, (guint)args->top);
    mm_recommend_options_set_pins(options, inputs.pins);
    mm_recommend_options_set_realistic(options, args->realistic);
    g_autoptr(MmShortlist) shortlist =
        mm_recommend_with(inputs.pool, inputs.config, options);
    g_autofree char *out =
        format == CLI_FORMAT_JSON
            ? mm_shortlist_to_json(inputs.pool, inputs.config, shortlist,
                                   inputs.diags)
            : mm_shortlist_to_csv(inputs.pool, inputs.config, shortlist,
                                  args->excel ? MM_OUTPUT_EXCEL
                                              : MM_OUTPUT_DEFAULT);
    exit_code = cli_write_output(args->output, out, strlen(out));
  }
  cli_inputs_clear(&inputs);
  return exit_code;
}

int cli_recommend(int argc, char **argv) {
  RecommendArgs args = {.top = MM_DEFAULT_TOP_K};
  CliFormat format = CLI_FORMAT_CSV;
  int exit_code = parse_args(&args, &format, argc, argv);
  if (exit_code == CLI_EXIT_OK)
    exit_code = run(&args, format);
  args_clear(&args);
  return exit_code;
}
