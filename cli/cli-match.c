/* cli-match.c: `mentormatch match`, assigns every young person a mentor
 * (or says why not), keeping existing matches. */
#include "cli-common.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A sane bound on --threads: far more than any machine's cores, small
 * enough that a typo cannot start thousands of threads. */
#define MAX_THREADS 256

typedef struct {
  CliInputArgs inputs;
  char *mode_name;
  char *format_name;
  char *output;
  char *dump_scores;
  gboolean explain;
  gboolean quiet;
  gboolean excel;
  gint threads;
  /* checked values */
  MmMode mode;
  CliFormat format;
} MatchArgs;

static void args_clear(MatchArgs *args) {
  cli_input_args_clear(&args->inputs);
  g_clear_pointer(&args->mode_name, g_free);
  g_clear_pointer(&args->format_name, g_free);
  g_clear_pointer(&args->output, g_free);
  g_clear_pointer(&args->dump_scores, g_free);
}

/* Every pair that passed the hard rules, with the scores the solver used. */
static GString *build_dump_scores(const CliInputs *inputs,
                                  const MmMatching *matching) {
  GString *out = g_string_new("mentee_id,mentor_id,score\n");
  for (guint i = 0; i < mm_pool_n_mentees(inputs->pool); i++) {
    for (guint k = 0; k < mm_matching_n_candidates(matching, i); k++) {
      guint mentor;
      double score;
      mm_matching_candidate(matching, i, k, &mentor, &score);
      mm_csv_append_text(out, mm_pool_mentee_id(inputs->pool, i));
      g_string_append_c(out, ',');
      mm_csv_append_text(out, mm_pool_mentor_id(inputs->pool, mentor));
      g_string_append_c(out, ',');
      mm_csv_append_number(out, score, MM_CSV_SCORE_DECIMALS);
      g_string_append_c(out, '\n');
    }
  }
  return out;
}

/* ---- stderr: progress and summary ---- */

typedef struct {
  gint percent; /* last shown */
} Progress;

static void show_progress(double fraction, gpointer data) {
  Progress *progress = data;
  gint percent = (gint)(CLAMP(fraction, 0.0, 1.0) * 100.0);
  if (percent == progress->percent)
    return;
  progress->percent = percent;
  fprintf(stderr, "\rscoring pairs: %3d%%", percent);
  fflush(stderr);
}

static void clear_progress(const Progress *progress) {
  if (progress->percent >= 0)
    fprintf(stderr, "\r%*s\r", 20, "");
}

static void print_summary(const CliInputs *inputs, const MmMatching *matching,
                          MmMode mode) {
  guint pinned = mm_matching_count(matching, MM_STATUS_PINNED);
  guint moves = mm_matching_named_moves(matching);
  guint rounds = mm_matching_pricing_rounds(matching);
  g_autofree char *as_of = mm_pool_get_as_of(inputs->pool);
  fprintf(stderr,
          "%s, prefer %s, as of %s: matched %u of %u mentees (%u pinned), "
          "%u unmatched; mean score %.2f; stated preferences met %u of %u\n",
          mm_mode_name(mode),
          mm_prefer_name(mm_config_get_prefer(inputs->config)), as_of,
          mm_matching_count(matching, MM_STATUS_MATCHED) + pinned,
          mm_matching_n_mentees(matching), pinned,
          mm_matching_count(matching, MM_STATUS_UNMATCHED),
          mm_matching_mean_score(matching),
          mm_matching_preferences_met(matching),
          mm_matching_preferences_stated(matching));
  if (moves > 0)
    fprintf(stderr,
            "%u young %s moved to a free named mentor after the %s solve "
            "(the named-choice guarantee)\n",
            moves, moves == 1 ? "person" : "people", mm_mode_name(mode));
  if (rounds > 0)
    fprintf(stderr,
            "optimal: certified: %" G_GUINT64_FORMAT " pairs priced against "
            "the duals in %u %s, none could improve the result\n",
            mm_matching_pairs_priced(matching), rounds,
            rounds == 1 ? "round" : "rounds");
}

/* ---- flags ---- */

static int parse_args(MatchArgs *args, int argc, char **argv) {
  const GOptionEntry entries[] = {
      {"mode", 0, 0, G_OPTION_ARG_STRING, &args->mode_name,
       "optimal (default), stable or greedy", "MODE"},
      {"format", 0, 0, G_OPTION_ARG_STRING, &args->format_name,
       "Output format: csv (default) or json", "FORMAT"},
      {"output", 0, 0, G_OPTION_ARG_FILENAME, &args->output,
       "Write to FILE (owner-only, replaced atomically) instead of stdout",
       "FILE"},
      {"explain", 0, 0, G_OPTION_ARG_NONE, &args->explain,
       "Add each criterion's contribution (c_<criterion>) and the reasons",
       NULL},
      {"dump-scores", 0, 0, G_OPTION_ARG_FILENAME, &args->dump_scores,
       "Also write mentee_id,mentor_id,score for every eligible pair", "FILE"},
      {"threads", 0, 0, G_OPTION_ARG_INT, &args->threads,
       "Scoring threads, 0-256 (default 0: one per core)", "N"},
      {"quiet", 0, 0, G_OPTION_ARG_NONE, &args->quiet,
       "No summary or progress on stderr", NULL},
      {"excel", 0, 0, G_OPTION_ARG_NONE, &args->excel,
       "CSV outputs for Excel: a UTF-8 BOM and CRLF line ends", NULL},
      G_OPTION_ENTRY_NULL};
  GOptionContext *context = cli_option_context_new(
      "Assigns each young person a mentor: one row per mentee, as\n"
      "mentee_id,mentor_id,score,status,reason,flags. A summary goes to\n"
      "stderr.",
      &args->inputs);
  g_option_context_add_main_entries(context, entries, NULL);
  int exit_code = cli_parse(context, "match", argc, argv, &args->inputs);
  g_option_context_free(context);
  if (exit_code != CLI_EXIT_OK)
    return exit_code;
  exit_code = cli_mode_from_flag("match", args->mode_name, &args->mode);
  if (exit_code != CLI_EXIT_OK)
    return exit_code;
  if (!cli_format_from_name(args->format_name, &args->format))
    return cli_usage_error("match", "--format must be csv or json, not '%s'",
                           args->format_name);
  if (args->threads < 0 || args->threads > MAX_THREADS)
    return cli_usage_error("match", "--threads must be 0 to %d, not %d",
                           MAX_THREADS, args->threads);
  const char *inputs[] = {args->inputs.mentees, args->inputs.mentors,
                          args->inputs.config, args->inputs.pinned};
  const char *flags[] = {"--output", "--dump-scores"};
  const char *outputs[] = {args->output, args->dump_scores};
  return cli_check_outputs("match", inputs, G_N_ELEMENTS(inputs), flags,
                           outputs, G_N_ELEMENTS(outputs));
}

/* ---- the run ---- */

static MmMatching *run_match(const CliInputs *inputs, const MatchArgs *args) {
  Progress progress = {.percent = -1};
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_mode(options, args->mode);
  mm_match_options_set_pins(options, inputs->pins);
  mm_match_options_set_threads(options, (guint)args->threads);
  if (!args->quiet && isatty(STDERR_FILENO))
    mm_match_options_set_progress(options, show_progress, &progress);
  guint printed = mm_diagnostics_length(inputs->diags);
  MmMatching *matching =
      mm_match(inputs->pool, inputs->config, options, inputs->diags);
  clear_progress(&progress);
  /* pins kept although they break a rule */
  cli_print_diagnostics_from(inputs->diags, printed);
  return matching;
}

/* Both outputs are built before either is written, so nothing is written
 * unless everything could be computed. */
static int write_outputs(const CliInputs *inputs, const MmMatching *matching,
                         const MatchArgs *args) {
  MmOutputFlags flags = (args->explain ? MM_OUTPUT_EXPLAIN : 0) |
                        (args->excel ? MM_OUTPUT_EXCEL : 0);
  g_autofree char *out =
      args->format == CLI_FORMAT_JSON
          ? mm_matching_to_json(inputs->pool, inputs->config, matching,
                                args->mode, flags, inputs->diags)
          : mm_matching_to_csv(inputs->pool, inputs->config, matching, flags);
  GString *dump = args->dump_scores != NULL
                      ? build_dump_scores(inputs, matching)
                      : NULL;
  if (args->excel && dump != NULL)
    mm_csv_for_excel(dump);
  int exit_code = CLI_EXIT_OK;
  if (dump != NULL)
    exit_code = cli_write_output(args->dump_scores, dump->str, dump->len);
  if (exit_code == CLI_EXIT_OK)
    exit_code = cli_write_output(args->output, out, strlen(out));
  if (dump != NULL)
    g_string_free(dump, TRUE);
  return exit_code;
}

static int run(const MatchArgs *args) {
  CliInputs inputs = {0};
  gboolean ok = cli_inputs_load(&inputs, &args->inputs);
  cli_print_diagnostics(inputs.diags);
  int exit_code = CLI_EXIT_BAD_INPUT;
  if (ok) {
    g_autoptr(MmMatching) matching = run_match(&inputs, args);
    exit_code = write_outputs(&inputs, matching, args);
    if (exit_code == CLI_EXIT_OK && !args->quiet)
      print_summary(&inputs, matching, args->mode);
  }
  cli_inputs_clear(&inputs);
  return exit_code;
}

int cli_match(int argc, char **argv) {
  MatchArgs args = {.mode = MM_MODE_OPTIMAL, .format = CLI_FORMAT_CSV};
  int exit_code = parse_args(&args, argc, argv);
  if (exit_code == CLI_EXIT_OK)
    exit_code = run(&args);
  args_clear(&args);
  return exit_code;
}
