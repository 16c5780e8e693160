/* cli-match.c: `mentormatch match`, assigns every young person a mentor
 * (or says why not), keeping existing matches. */
#include "cli-common.h"

#include "output-file.h"

#include <errno.h>
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

/* ---- --dump-scores: every pair that passed the hard rules ---- */

/* The dump is written in pieces of about this size: hundreds of millions of
 * pairs do not fit in memory. */
#define DUMP_PIECE_BYTES (1024 * 1024)

typedef struct {
  const MmPool *pool;
  gboolean excel;
  CliOutputFile *file; /* NULL: standard output */
  GString *piece;     /* whole rows not written yet */
  GError *error;
  /* each mentor's id as a CSV field, made once: a mentor is on many rows */
  char **mentor_field;
  GString *mentee_field;
  guint pieces_written;
  /* what mm_csv_for_excel() puts before a text: the first piece's only */
  gsize excel_prefix_length;
} Dump;

static void dump_init(Dump *dump, const MmPool *pool, gboolean excel) {
  *dump = (Dump){.pool = pool, .excel = excel, .piece = g_string_new(NULL),
                 .mentee_field = g_string_new(NULL)};
  GString *empty = g_string_new(NULL);
  mm_csv_for_excel(empty);
  dump->excel_prefix_length = empty->len;
  g_string_free(empty, TRUE);
  guint n_mentors = mm_pool_n_mentors(pool);
  dump->mentor_field = g_new0(char *, n_mentors + 1);
  for (guint j = 0; j < n_mentors; j++) {
    GString *field = g_string_new(NULL);
    mm_csv_append_text(field, mm_pool_mentor_id(pool, j));
    dump->mentor_field[j] = g_string_free(field, FALSE);
  }
}

static void dump_clear(Dump *dump) {
  g_string_free(dump->piece, TRUE);
  g_string_free(dump->mentee_field, TRUE);
  g_strfreev(dump->mentor_field);
  if (dump->error != NULL)
    g_error_free(dump->error);
}

/* Writes the rows gathered so far. With --excel each piece goes through
 * mm_csv_for_excel() (CRLF line ends; a piece ends at a row's end, so no LF
 * is parted from the text before it), whose byte order mark only the first
 * piece keeps. */
static gboolean dump_write_piece(Dump *dump) {
  gsize skip = 0;
  if (dump->excel) {
    mm_csv_for_excel(dump->piece);
    skip = dump->pieces_written > 0 ? dump->excel_prefix_length : 0;
  }
  const char *data = dump->piece->str + skip;
  gsize length = dump->piece->len - skip;
  gboolean ok = TRUE;
  if (dump->file != NULL)
    ok = cli_output_file_append(dump->file, data, length, &dump->error);
  else if (fwrite(data, 1, length, stdout) != length)
    ok = FALSE;
  dump->pieces_written++;
  g_string_truncate(dump->piece, 0);
  return ok;
}

static gboolean dump_row(guint mentee, const guint *mentors,
                         const double *scores, guint n, gpointer data) {
  Dump *dump = data;
  g_string_truncate(dump->mentee_field, 0);
  mm_csv_append_text(dump->mentee_field, mm_pool_mentee_id(dump->pool, mentee));
  for (guint k = 0; k < n; k++) {
    g_string_append_len(dump->piece, dump->mentee_field->str,
                        (gssize)dump->mentee_field->len);
    g_string_append_c(dump->piece, ',');
    g_string_append(dump->piece, dump->mentor_field[mentors[k]]);
    g_string_append_c(dump->piece, ',');
    mm_csv_append_number(dump->piece, scores[k], MM_CSV_SCORE_DECIMALS);
    g_string_append_c(dump->piece, '\n');
  }
  return dump->piece->len < DUMP_PIECE_BYTES || dump_write_piece(dump);
}

/* mentee_id,mentor_id,score for every eligible pair (the scores the solver
 * used), streamed: to a temporary file that replaces @path only once the
 * whole dump is written, so a failed run leaves an existing file as it was;
 * "-" is standard output. */
static int write_dump_scores(const CliInputs *inputs, const MatchArgs *args) {
  const char *path = args->dump_scores;
  Dump dump;
  dump_init(&dump, inputs->pool, args->excel);
  gboolean to_stdout = strcmp(path, "-") == 0;
  if (!to_stdout)
    dump.file = cli_output_file_open(path, &dump.error);
  gboolean ok = to_stdout || dump.file != NULL;
  if (ok) {
    g_string_append(dump.piece, "mentee_id,mentor_id,score\n");
    ok = mm_eligible_rows_foreach(inputs->pool, inputs->config,
                                  (guint)args->threads, dump_row, &dump) &&
         dump_write_piece(&dump);
  }
  if (to_stdout && (!ok || fflush(stdout) != 0)) {
    ok = FALSE;
    fprintf(stderr, "mentormatch: cannot write to standard output: %s\n",
            g_strerror(errno));
  } else if (dump.file != NULL) {
    if (ok)
      ok = cli_output_file_commit(dump.file, &dump.error);
    else
      cli_output_file_abandon(dump.file);
  }
  if (dump.error != NULL)
    fprintf(stderr, "mentormatch: %s\n", dump.error->message);
  dump_clear(&dump);
  return ok ? CLI_EXIT_OK : CLI_EXIT_BAD_INPUT;
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
  for (guint k = 0; rounds > 1 && k < rounds; k++) {
    guint64 priced, added;
    mm_matching_pricing_round(matching, k, &priced, &added);
    fprintf(stderr,
            "optimal: round %u: %" G_GUINT64_FORMAT " pairs priced, %"
            G_GUINT64_FORMAT " added\n", k + 1, priced, added);
  }
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

/* The output is built before anything is written, and the dump replaces
 * its file only once complete, so nothing is written unless everything
 * could be computed. */
static int write_outputs(const CliInputs *inputs, const MmMatching *matching,
                         const MatchArgs *args) {
  MmOutputFlags flags = (args->explain ? MM_OUTPUT_EXPLAIN : 0) |
                        (args->excel ? MM_OUTPUT_EXCEL : 0);
  g_autofree char *out =
      args->format == CLI_FORMAT_JSON
          ? mm_matching_to_json(inputs->pool, inputs->config, matching,
                                args->mode, flags, inputs->diags)
          : mm_matching_to_csv(inputs->pool, inputs->config, matching, flags);
  int exit_code = CLI_EXIT_OK;
  if (args->dump_scores != NULL)
    exit_code = write_dump_scores(inputs, args);
  if (exit_code == CLI_EXIT_OK)
    exit_code = cli_write_output(args->output, out, strlen(out));
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
