/* bench-match.c: end-to-end timing of `mentormatch match` on synthetic pools.
 *
 * Writes a synthetic pool pair (lib/synthetic.c) to a temporary folder, then
 * runs the real CLI on it several times per mode, timing each whole run
 * (read, validate, score, solve, write). It also times the phases in this
 * process (load + prepare, scoring + solving) to show where time goes.
 *
 * Machines here are shared and noisy: every figure is a median, and each mode
 * is also given as a ratio to `greedy` (sort and sweep, the cheapest mode)
 * timed in the same run, which is steadier than the absolute times.
 *
 * Usage: bench-match [--mentees N] [--mentors M] [--repeat R] [--seed S]
 *                    [--cli PATH]
 */
#include "mentormatch.h"
#include "synthetic.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  guint n_mentees, n_mentors, repeat;
  guint seed;
  const char *cli;
} BenchArgs;

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, guint n) {
  qsort(v, n, sizeof *v, compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double seconds_since(gint64 start) {
  return (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
}

static char *write_pool(const char *dir, const char *name, MmSide side,
                        const BenchArgs *args) {
  guint n = side == MM_SIDE_MENTEE ? args->n_mentees : args->n_mentors;
  char *csv = mm_synthetic_csv(side, n, args->n_mentors, args->seed);
  char *path = g_build_filename(dir, name, NULL);
  if (!g_file_set_contents(path, csv, -1, NULL)) {
    fprintf(stderr, "cannot write %s\n", path);
    exit(1);
  }
  g_free(csv);
  return path;
}

/* Median wall time of the CLI on one mode, run @repeat times. */
static double time_cli(const BenchArgs *args, const char *mode,
                       const char *mentees, const char *mentors,
                       const char *output) {
  double *t = g_new(double, args->repeat);
  for (guint r = 0; r < args->repeat; r++) {
    const char *argv[] = {args->cli, "match", "--mentees", mentees,
                          "--mentors", mentors, "--mode", mode,
                          "--output", output, "--quiet", NULL};
    gint status = 0;
    GError *error = NULL;
    gint64 start = g_get_monotonic_time();
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                      NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status(status, &error)) {
      fprintf(stderr, "%s match --mode %s failed: %s\n", args->cli, mode,
              error->message);
      exit(1);
    }
    t[r] = seconds_since(start);
  }
  double m = median(t, args->repeat);
  g_free(t);
  return m;
}

/* In-process phases, for the breakdown. */
static void time_phases(const char *mentees, const char *mentors,
                        const BenchArgs *args) {
  double *load = g_new(double, args->repeat), *match = g_new(double, args->repeat);
  guint matched = 0, eligible = 0;
  for (guint r = 0; r < args->repeat; r++) {
    gint64 start = g_get_monotonic_time();
    MmPool *pool = mm_pool_new();
    MmDiagnostics *diags = mm_diagnostics_new();
    if (!mm_pool_load_csv(pool, MM_SIDE_MENTEE, mentees, diags, NULL) ||
        !mm_pool_load_csv(pool, MM_SIDE_MENTOR, mentors, diags, NULL) ||
        !mm_pool_prepare(pool, diags, NULL)) {
      fprintf(stderr, "synthetic pool did not load\n");
      exit(1);
    }
    load[r] = seconds_since(start);
    MmConfig *config = mm_config_new();
    start = g_get_monotonic_time();
    MmMatching *result = mm_match(pool, config, NULL, NULL);
    match[r] = seconds_since(start);
    matched = mm_matching_summary(result).matched;
    eligible = 0;
    for (guint i = 0; i < mm_pool_n_mentees(pool); i++)
      eligible += mm_matching_n_candidates(result, i);
    mm_matching_free(result);
    mm_config_free(config);
    mm_diagnostics_free(diags);
    mm_pool_free(pool);
  }
  printf("in-process: load+validate+prepare %.3f s, score+solve (optimal, "
         "%u threads) %.3f s; %u eligible pairs, %u matched\n",
         median(load, args->repeat), g_get_num_processors(),
         median(match, args->repeat), eligible, matched);
  g_free(load);
  g_free(match);
}

int main(int argc, char **argv) {
  BenchArgs args = {2000, 1000, 5, 1, NULL};
  gint n_mentees = 2000, n_mentors = 1000, repeat = 5, seed = 1;
  char *cli = NULL;
  GOptionEntry entries[] = {
      {"mentees", 0, 0, G_OPTION_ARG_INT, &n_mentees, "mentees (2000)", "N"},
      {"mentors", 0, 0, G_OPTION_ARG_INT, &n_mentors, "mentors (1000)", "M"},
      {"repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "runs per mode (5)", "R"},
      {"seed", 0, 0, G_OPTION_ARG_INT, &seed, "generator seed (1)", "S"},
      {"cli", 0, 0, G_OPTION_ARG_FILENAME, &cli, "mentormatch program", "PATH"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *context = g_option_context_new("- time mentormatch match");
  g_option_context_add_main_entries(context, entries, NULL);
  GError *error = NULL;
  if (!g_option_context_parse(context, &argc, &argv, &error) ||
      n_mentees < 1 || n_mentors < 1 || repeat < 1) {
    fprintf(stderr, "%s\n", error != NULL ? error->message : "bad numbers");
    return 2;
  }
  g_option_context_free(context);
  args.n_mentees = (guint)n_mentees;
  args.n_mentors = (guint)n_mentors;
  args.repeat = (guint)repeat;
  args.seed = (guint)seed;
  args.cli = cli != NULL ? cli : MM_CLI_PATH;

  char *dir = g_dir_make_tmp("mm-bench-XXXXXX", NULL);
  char *mentees = write_pool(dir, "mentees.csv", MM_SIDE_MENTEE, &args);
  char *mentors = write_pool(dir, "mentors.csv", MM_SIDE_MENTOR, &args);
  char *output = g_build_filename(dir, "matches.csv", NULL);

  printf("%u mentees x %u mentors (seed %u), median of %u runs\n",
         args.n_mentees, args.n_mentors, args.seed, args.repeat);
  time_phases(mentees, mentors, &args);
  double greedy = time_cli(&args, "greedy", mentees, mentors, output);
  const char *modes[] = {"optimal", "stable", "greedy"};
  for (guint k = 0; k < G_N_ELEMENTS(modes); k++) {
    double t = k == 2 ? greedy : time_cli(&args, modes[k], mentees, mentors, output);
    printf("end to end (CLI: read, score, solve, write) %-8s %.3f s  "
           "(%.2fx greedy)\n", modes[k], t, t / greedy);
  }

  g_unlink(output);
  g_unlink(mentees);
  g_unlink(mentors);
  g_rmdir(dir);
  g_free(output);
  g_free(mentees);
  g_free(mentors);
  g_free(dir);
  g_free(cli);
  return 0;
}
