/* mentormatch-bench.c: how fast mentormatch is, and how much memory it needs,
 * as pools grow.
 *
 * For each size (mentees x mentors) it generates a synthetic pool with the
 * real CLI (`mentormatch generate`), then measures:
 *  - scoring throughput: mm_score_mentee() over every row, in this process,
 *    on 1 and on 2 threads (rows shared out in blocks), in pairs per second,
 *    and against it, in the same process, the reference it must equal:
 *    mm_i_pair_score() pair by pair on one thread (over the first 2000 rows);
 *  - assignment time per mode: mm_match() on the loaded pool, timed from the
 *    end of scoring (seen through its progress callback) to its return, so
 *    it covers building the solver's problem, the solve (for optimal, with
 *    its pricing certificate) and the reasons for the unmatched. With
 *    several scoring threads the end of scoring is seen to within one block
 *    of 16 rows (the last progress report of the calling thread);
 *  - the CLI end to end (`mentormatch match --mode M --output F --quiet`:
 *    read, validate, score, solve, write) and its peak resident memory
 *    (ru_maxrss of the child, from wait4() in a measurer process: see
 *    run_child()).
 * Every time is the median of --repeat runs (machines here are shared and
 * noisy); peak memory is the largest of the runs. Results go to stdout as a
 * markdown table and, with --json FILE, as one JSON object per line (one per
 * size and mode). Progress goes to stderr.
 *
 * The optimal mode's rounds (pairs priced and added by each pricing pass)
 * follow its row, and go to the JSON as "rounds".
 *
 * With --pool DIR it instead times mm_match() (optimal, --repeat runs) on
 * DIR/mentees.csv and DIR/mentors.csv as they are (--as-of DATE), phase by
 * phase: scoring, each round's solve and pricing pass, and the result
 * (named-choice guarantee, statuses, reasons).
 *
 * Usage: mentormatch-bench [--sizes 1000x500,5000x2000,20000x8000,100000x20000]
 *          [--modes optimal,stable,greedy] [--repeat R] [--seed S]
 *          [--threads N] [--json FILE] [--cli PATH]
 *        mentormatch-bench --pool DIR [--as-of DATE] [--repeat R] [--threads N]
 */
#include "mentormatch.h"
#include "criteria.h" /* mm_i_pair_score(): the reference scorer */
#include "match-private.h" /* mm_i_matching_phases(): where the time went */

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define DEFAULT_SIZES "1000x500,5000x2000,20000x8000,100000x20000"
#define DEFAULT_MODES "optimal,stable,greedy"
/* Rows handed to a scoring thread at a time, as mm_match() does. */
#define SCORE_BLOCK_ROWS 16
#define MAX_SCORE_THREADS 2

typedef struct {
  guint n_mentees, n_mentors;
} Size;

typedef struct {
  GArray *sizes; /* Size */
  MmMode modes[3];
  guint n_modes;
  guint repeat;
  guint32 seed;
  guint match_threads;
  const char *cli;
  FILE *json;
} Bench;

/* ---- small helpers ---- */

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median of @n values (reorders them). */
static double median(double *v, guint n) {
  qsort(v, n, sizeof *v, compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double now(void) {
  return (double)g_get_monotonic_time() / G_USEC_PER_SEC;
}

static G_GNUC_NORETURN G_GNUC_PRINTF(1, 2) void die(const char *format, ...) {
  va_list args;
  va_start(args, format);
  fputs("mentormatch-bench: ", stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
  exit(1);
}

static G_GNUC_PRINTF(1, 2) void progress(const char *format, ...) {
  va_list args;
  va_start(args, format);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
}

/* ---- child processes ---- */

typedef struct {
  double seconds;
  long max_rss_kib;
} ChildRun;

/* Linux carries a process's peak memory (ru_maxrss) across execve(), and
 * posix_spawn() runs the child in this process's memory until it execs: a
 * child spawned from here would report at least this process's own peak
 * (hundreds of MiB once a national pool is loaded for the scoring runs).
 * So each child is started by a fresh copy of this program, run as a
 * "measurer" (argv[1] == MEASURE_FLAG): from its own small memory it forks
 * the real child (a fork starts with no peak of its own), waits for it and
 * writes its time, peak and wait status to a pipe. */
#define MEASURE_FLAG "--measure-child"

/* The measurer's main: @fd the pipe, @argv the child's command line. */
static int measure_child(int fd, char **argv) {
  fcntl(fd, F_SETFD, FD_CLOEXEC); /* the child need not hold the pipe */
  double start = now();
  pid_t pid = fork();
  if (pid < 0)
    return 1;
  if (pid == 0) {
    execv(argv[0], argv);
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  while (wait4(pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      return 1;
  dprintf(fd, "%.6f %ld %d\n", now() - start, usage.ru_maxrss, status);
  return 0;
}

/* Runs @argv with stdout sent to /dev/null (stderr kept, so that a failure
 * says why), through a measurer. Dies unless it exits with 0. */
static ChildRun run_child(const char *const *argv) {
  int fds[2];
  if (pipe(fds) != 0)
    die("pipe: %s", g_strerror(errno));
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  char fd_arg[16];
  g_snprintf(fd_arg, sizeof fd_arg, "%d", fds[1]);
  GPtrArray *measured = g_ptr_array_new();
  g_ptr_array_add(measured, "/proc/self/exe");
  g_ptr_array_add(measured, MEASURE_FLAG);
  g_ptr_array_add(measured, fd_arg);
  for (guint k = 0; argv[k] != NULL; k++)
    g_ptr_array_add(measured, (gpointer)argv[k]);
  g_ptr_array_add(measured, NULL);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  int err = posix_spawn(&pid, "/proc/self/exe", &actions, NULL,
                        (char *const *)measured->pdata, environ);
  posix_spawn_file_actions_destroy(&actions);
  g_ptr_array_free(measured, TRUE);
  close(fds[1]);
  if (err != 0)
    die("cannot run the measurer for %s: %s", argv[0], g_strerror(err));
  char report[128] = "";
  gsize got = 0;
  for (ssize_t r; got + 1 < sizeof report &&
                  (r = read(fds[0], report + got, sizeof report - 1 - got)) != 0;)
    if (r > 0)
      got += (gsize)r;
    else if (errno != EINTR)
      die("reading the measurer: %s", g_strerror(errno));
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      die("waitpid: %s", g_strerror(errno));
  ChildRun run = {0};
  int child_status = -1;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
      sscanf(report, "%lf %ld %d", &run.seconds, &run.max_rss_kib,
             &child_status) != 3)
    die("cannot measure %s %s", argv[0], argv[1]);
  if (!WIFEXITED(child_status) || WEXITSTATUS(child_status) != 0)
    die("%s %s failed (status %d)", argv[0], argv[1], child_status);
  return run;
}

/* ---- scoring throughput, in process ---- */

typedef struct {
  const MmPool *pool;
  const MmConfig *config;
  gint next_row; /* atomic */
} ScoreShared;

typedef struct {
  ScoreShared *shared;
  guint64 eligible;
} ScoreThread;

static gpointer score_rows(gpointer data) {
  ScoreThread *t = data;
  const MmPool *pool = t->shared->pool;
  const guint n = mm_pool_n_mentees(pool), m = mm_pool_n_mentors(pool);
  double *scores = g_new(double, MAX(m, 1));
  guint32 *broken = g_new(guint32, MAX(m, 1));
  for (;;) {
    gint start = g_atomic_int_add(&t->shared->next_row, SCORE_BLOCK_ROWS);
    if (start >= (gint)n)
      break;
    for (guint i = (guint)start; i < MIN((guint)start + SCORE_BLOCK_ROWS, n); i++) {
      mm_score_mentee(pool, t->shared->config, i, scores, broken);
      for (guint j = 0; j < m; j++)
        t->eligible += broken[j] == 0;
    }
  }
  g_free(scores);
  g_free(broken);
  return NULL;
}

/* Seconds to score every pair on @n_threads threads; *@eligible gets the
 * pairs that pass every hard rule (capacity aside). */
static double time_scoring(const MmPool *pool, const MmConfig *config,
                           guint n_threads, guint64 *eligible) {
  ScoreShared shared = {pool, config, 0};
  ScoreThread threads[MAX_SCORE_THREADS] = {{&shared, 0}, {&shared, 0}};
  GThread *workers[MAX_SCORE_THREADS] = {NULL};
  double start = now();
  for (guint t = 1; t < n_threads; t++)
    workers[t] = g_thread_new("bench-score", score_rows, &threads[t]);
  score_rows(&threads[0]);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join(workers[t]);
  double seconds = now() - start;
  *eligible = 0;
  for (guint t = 0; t < n_threads; t++)
    *eligible += threads[t].eligible;
  return seconds;
}

/* ---- assignment time, in process ---- */

static void note_scoring_progress(double fraction, gpointer data) {
  (void)fraction;
  *(double *)data = now();
}

typedef struct {
  double assign;  /* end of scoring to return */
  double total;   /* the whole mm_match() */
  guint matched;  /* by the solver */
  guint pricing_rounds;
  guint64 pairs_priced;
  GArray *round;  /* guint64 pairs: priced, added per pricing round */
} MatchRun;

static GArray *pricing_rounds(const MmMatching *matching) {
  GArray *rounds = g_array_new(FALSE, FALSE, sizeof(guint64));
  for (guint k = 0; k < mm_matching_pricing_rounds(matching); k++) {
    guint64 pair[2];
    mm_matching_pricing_round(matching, k, &pair[0], &pair[1]);
    g_array_append_vals(rounds, pair, 2);
  }
  return rounds;
}

static MatchRun time_match(const MmPool *pool, const MmConfig *config,
                           MmMode mode, guint n_threads) {
  MatchRun run = {0};
  double scored = 0;
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_mode(options, mode);
  mm_match_options_set_threads(options, n_threads);
  mm_match_options_set_progress(options, note_scoring_progress, &scored);
  double start = now();
  scored = start;
  MmMatching *result = mm_match(pool, config, options, NULL);
  double end = now();
  run.assign = end - scored;
  run.total = end - start;
  run.matched = mm_matching_count(result, MM_STATUS_MATCHED);
  run.pricing_rounds = mm_matching_pricing_rounds(result);
  run.pairs_priced = mm_matching_pairs_priced(result);
  run.round = pricing_rounds(result);
  mm_matching_free(result);
  return run;
}

/* ---- one size ---- */

typedef struct {
  Size size;
  guint places;
  guint64 eligible;
  double load;                        /* load + validate + prepare, once */
  double score_rate[MAX_SCORE_THREADS]; /* pairs per second, 1 and 2 threads */
  double reference_rate;              /* mm_i_pair_score(), 1 thread */
} SizeResult;

typedef struct {
  MmMode mode;
  double assign, match_total, cli;
  long cli_max_rss_kib;
  guint matched, rounds;
  guint64 pairs_priced;
  GArray *round; /* guint64 pairs: priced, added; of the last run */
} ModeResult;

static char *size_name(Size s) {
  return g_strdup_printf("%ux%u", s.n_mentees, s.n_mentors);
}

static void generate_pool(const Bench *b, Size s, const char *dir) {
  char mentees[16], mentors[16], seed[16];
  g_snprintf(mentees, sizeof mentees, "%u", s.n_mentees);
  g_snprintf(mentors, sizeof mentors, "%u", s.n_mentors);
  g_snprintf(seed, sizeof seed, "%u", b->seed);
  const char *argv[] = {b->cli, "generate", "--mentees", mentees, "--mentors",
                        mentors, "--seed", seed, "--dir", dir, NULL};
  run_child(argv);
}

static MmPool *load_pool(const char *mentees, const char *mentors) {
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  if (!mm_pool_load_csv(pool, MM_SIDE_MENTEE, mentees, diags, NULL) ||
      !mm_pool_load_csv(pool, MM_SIDE_MENTOR, mentors, diags, NULL) ||
      !mm_pool_prepare(pool, diags, NULL))
    die("the generated pool did not load");
  mm_diagnostics_free(diags);
  return pool;
}

/* The reference the row scorer is measured against in the same process:
 * mm_i_pair_score() (criteria.c), every criterion run pair by pair, which the
 * row scorer must equal bit for bit. One thread, over the first
 * REFERENCE_ROWS rows (it is the slow one). Seconds per pair. */
#define REFERENCE_ROWS 2000

static double time_reference(const MmPool *pool, const MmConfig *config) {
  const MmEncoding *enc = pool->encoding;
  guint rows = MIN(enc->n_mentees, REFERENCE_ROWS);
  volatile double sink = 0.0; /* keeps the scores from being optimised out */
  double start = now();
  for (guint i = 0; i < rows; i++)
    for (guint j = 0; j < enc->n_mentors; j++) {
      MmPair pair = mm_i_pair(enc, config, i, j);
      guint32 broken;
      sink += mm_i_pair_score(&pair, &broken) + broken;
    }
  (void)sink;
  return (now() - start) / ((double)rows * enc->n_mentors);
}

static void measure_scoring(const Bench *b, const MmPool *pool,
                            const MmConfig *config, SizeResult *r,
                            const char *name) {
  double *t = g_new(double, b->repeat);
  const double pairs = (double)r->size.n_mentees * r->size.n_mentors;
  for (guint threads = 1; threads <= MAX_SCORE_THREADS; threads++) {
    for (guint k = 0; k < b->repeat; k++) {
      progress("[%s] scoring, %u thread%s, run %u of %u", name, threads,
               threads > 1 ? "s" : "", k + 1, b->repeat);
      t[k] = time_scoring(pool, config, threads, &r->eligible);
    }
    r->score_rate[threads - 1] = pairs / median(t, b->repeat);
  }
  for (guint k = 0; k < b->repeat; k++) {
    progress("[%s] reference scorer, run %u of %u", name, k + 1, b->repeat);
    t[k] = time_reference(pool, config);
  }
  r->reference_rate = 1.0 / median(t, b->repeat);
  g_free(t);
}

static void measure_mode(const Bench *b, const MmPool *pool,
                         const MmConfig *config, const char *dir,
                         const char *name, ModeResult *r) {
  const char *mode = mm_mode_name(r->mode);
  double *assign = g_new(double, b->repeat), *total = g_new(double, b->repeat),
         *cli = g_new(double, b->repeat);
  for (guint k = 0; k < b->repeat; k++) {
    progress("[%s] mm_match --mode %s, run %u of %u", name, mode, k + 1,
             b->repeat);
    MatchRun run = time_match(pool, config, r->mode, b->match_threads);
    assign[k] = run.assign;
    total[k] = run.total;
    r->matched = run.matched;
    r->rounds = run.pricing_rounds;
    r->pairs_priced = run.pairs_priced;
    if (r->round != NULL)
      g_array_unref(r->round);
    r->round = run.round;
  }
  g_autofree char *mentees = g_build_filename(dir, "mentees.csv", NULL);
  g_autofree char *mentors = g_build_filename(dir, "mentors.csv", NULL);
  g_autofree char *output = g_build_filename(dir, "matches.csv", NULL);
  char threads[16];
  g_snprintf(threads, sizeof threads, "%u", b->match_threads);
  const char *argv[] = {b->cli, "match", "--mentees", mentees, "--mentors",
                        mentors, "--mode", mode, "--threads", threads,
                        "--output", output, "--quiet", NULL};
  r->cli_max_rss_kib = 0;
  for (guint k = 0; k < b->repeat; k++) {
    progress("[%s] CLI match --mode %s, run %u of %u", name, mode, k + 1,
             b->repeat);
    ChildRun run = run_child(argv);
    cli[k] = run.seconds;
    r->cli_max_rss_kib = MAX(r->cli_max_rss_kib, run.max_rss_kib);
  }
  g_unlink(output);
  r->assign = median(assign, b->repeat);
  r->match_total = median(total, b->repeat);
  r->cli = median(cli, b->repeat);
  g_free(assign);
  g_free(total);
  g_free(cli);
}

static void print_row(const SizeResult *s, const ModeResult *m) {
  printf("| %u x %u | %u | %" G_GUINT64_FORMAT " | %.1f | %.1f (%.1fx) | %.1f "
         "| %s | %.3f | %.3f | %.3f | %.0f | %u |\n",
         s->size.n_mentees, s->size.n_mentors, s->places, s->eligible,
         s->reference_rate / 1e6, s->score_rate[0] / 1e6,
         s->score_rate[0] / s->reference_rate, s->score_rate[1] / 1e6,
         mm_mode_name(m->mode),
         m->assign, m->match_total, m->cli, m->cli_max_rss_kib / 1024.0,
         m->matched);
  for (guint k = 0; m->round != NULL && k < m->round->len / 2; k++)
    printf("|   | | | | | | round %u | priced %" G_GUINT64_FORMAT
           " | added %" G_GUINT64_FORMAT " | | | |\n",
           k + 1, g_array_index(m->round, guint64, 2 * k),
           g_array_index(m->round, guint64, 2 * k + 1));
  fflush(stdout);
}

/* "[[priced, added], ...]" */
static char *rounds_json(const GArray *round) {
  GString *out = g_string_new("[");
  for (guint k = 0; round != NULL && k < round->len / 2; k++)
    g_string_append_printf(out, "%s[%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT
                           "]", k > 0 ? ", " : "",
                           g_array_index(round, guint64, 2 * k),
                           g_array_index(round, guint64, 2 * k + 1));
  g_string_append_c(out, ']');
  return g_string_free(out, FALSE);
}

static void print_json(const Bench *b, const SizeResult *s, const ModeResult *m,
                       const char *date) {
  if (b->json == NULL)
    return;
  g_autofree char *rounds = rounds_json(m->round);
  fprintf(b->json,
          "{\"date\": \"%s\", \"mentees\": %u, \"mentors\": %u, "
          "\"places\": %u, \"seed\": %u, \"repeat\": %u, "
          "\"eligible_pairs\": %" G_GUINT64_FORMAT ", "
          "\"load_seconds\": %.6f, "
          "\"reference_pairs_per_second_1_thread\": %.0f, "
          "\"score_pairs_per_second_1_thread\": %.0f, "
          "\"score_pairs_per_second_2_threads\": %.0f, "
          "\"mode\": \"%s\", \"match_threads\": %u, "
          "\"assign_seconds\": %.6f, \"mm_match_seconds\": %.6f, "
          "\"cli_seconds\": %.6f, \"cli_max_rss_kib\": %ld, "
          "\"matched\": %u, \"pricing_rounds\": %u, "
          "\"pairs_priced\": %" G_GUINT64_FORMAT ", \"rounds\": %s}\n",
          date, s->size.n_mentees, s->size.n_mentors, s->places, b->seed,
          b->repeat, s->eligible, s->load, s->reference_rate, s->score_rate[0],
          s->score_rate[1],
          mm_mode_name(m->mode), b->match_threads, m->assign, m->match_total,
          m->cli, m->cli_max_rss_kib, m->matched, m->rounds, m->pairs_priced,
          rounds);
  fflush(b->json);
}

static void bench_size(const Bench *b, Size size, const char *date) {
  g_autofree char *name = size_name(size);
  char *dir = g_dir_make_tmp("mm-bench-XXXXXX", NULL);
  if (dir == NULL)
    die("cannot make a temporary folder");
  progress("[%s] generating the pool", name);
  generate_pool(b, size, dir);
  g_autofree char *mentees = g_build_filename(dir, "mentees.csv", NULL);
  g_autofree char *mentors = g_build_filename(dir, "mentors.csv", NULL);

  SizeResult s = {.size = size};
  double start = now();
  MmPool *pool = load_pool(mentees, mentors);
  s.load = now() - start;
  for (guint j = 0; j < mm_pool_n_mentors(pool); j++)
    s.places += mm_pool_mentor_capacity(pool, j);
  MmConfig *config = mm_config_new();
  measure_scoring(b, pool, config, &s, name);
  for (guint k = 0; k < b->n_modes; k++) {
    ModeResult m = {.mode = b->modes[k]};
    measure_mode(b, pool, config, dir, name, &m);
    print_row(&s, &m);
    print_json(b, &s, &m, date);
    if (m.round != NULL)
      g_array_unref(m.round);
  }
  mm_config_free(config);
  mm_pool_free(pool);
  g_unlink(mentees);
  g_unlink(mentors);
  g_rmdir(dir);
  g_free(dir);
}

/* ---- one pool, phase by phase ---- */

static double usec_seconds(gint64 usec) { return (double)usec / G_USEC_PER_SEC; }

/* Times mm_match() (optimal) on @dir's pool, phase by phase, @b->repeat
 * times; prints each run and the medians. */
static void bench_phases(const Bench *b, const char *dir, const char *as_of) {
  g_autofree char *mentees = g_build_filename(dir, "mentees.csv", NULL);
  g_autofree char *mentors = g_build_filename(dir, "mentors.csv", NULL);
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  if (!mm_pool_set_as_of(pool, as_of, NULL) ||
      !mm_pool_load_csv(pool, MM_SIDE_MENTEE, mentees, diags, NULL) ||
      !mm_pool_load_csv(pool, MM_SIDE_MENTOR, mentors, diags, NULL) ||
      !mm_pool_prepare(pool, diags, NULL))
    die("%s: the pool did not load", dir);
  mm_diagnostics_free(diags);
  MmConfig *config = mm_config_new();
  printf("%s (%u x %u), optimal, %u threads\n\n"
         "CPU seconds of every thread of the process (the machine may be shared), "
         "and the wall clock of the whole call.\n\n"
         "| run | score (s) | solves (s) | pricing (s) | result (s) | total CPU (s) "
         "| total wall (s) | rounds | matched |\n|---|---|---|---|---|---|---|---|---|\n",
         dir, mm_pool_n_mentees(pool), mm_pool_n_mentors(pool),
         b->match_threads);
  double *t[6];
  for (guint c = 0; c < G_N_ELEMENTS(t); c++)
    t[c] = g_new(double, b->repeat);
  for (guint k = 0; k < b->repeat; k++) {
    g_autoptr(MmMatchOptions) options = mm_match_options_new();
    mm_match_options_set_threads(options, b->match_threads);
    double start = now();
    MmMatching *result = mm_match(pool, config, options, NULL);
    double total = now() - start;
    MmMatchPhases ph = mm_i_matching_phases(result);
    gint64 solves = 0, pricing = 0;
    for (guint r = 0; r < ph.round->len; r++) {
      const MmPricingRound *round = &g_array_index(ph.round, MmPricingRound, r);
      solves += round->solve_usec;
      pricing += round->price_usec;
      printf("|   round %u | | %.2f%s | %.2f | | | | priced %" G_GUINT64_FORMAT
             ", added %" G_GUINT64_FORMAT " | %" G_GUINT64_FORMAT
             " pivots, %zu candidates |\n",
             r + 1, usec_seconds(round->solve_usec), r == 0 ? " cold" : "",
             usec_seconds(round->price_usec), round->pairs_priced,
             round->pairs_added, round->pivots,
             (size_t)round->candidates);
    }
    double row[6] = {usec_seconds(ph.score_usec), usec_seconds(solves),
                     usec_seconds(pricing), usec_seconds(ph.result_usec),
                     usec_seconds(ph.score_usec + ph.solve_usec +
                                  ph.result_usec),
                     total};
    for (guint c = 0; c < G_N_ELEMENTS(t); c++)
      t[c][k] = row[c];
    printf("| %u | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %u | %u |\n",
           k + 1, row[0], row[1], row[2], row[3], row[4], row[5],
           ph.round->len, mm_matching_count(result, MM_STATUS_MATCHED));
    fflush(stdout);
    mm_matching_free(result);
  }
  printf("| median | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | | |\n",
         median(t[0], b->repeat), median(t[1], b->repeat),
         median(t[2], b->repeat), median(t[3], b->repeat),
         median(t[4], b->repeat), median(t[5], b->repeat));
  for (guint c = 0; c < G_N_ELEMENTS(t); c++)
    g_free(t[c]);
  mm_config_free(config);
  mm_pool_free(pool);
}

/* ---- arguments ---- */

static gboolean parse_sizes(const char *text, GArray *sizes) {
  char **items = g_strsplit(text, ",", -1);
  gboolean ok = items[0] != NULL;
  for (guint k = 0; ok && items[k] != NULL; k++) {
    char **nm = g_strsplit(g_strstrip(items[k]), "x", -1);
    guint64 n = 0, m = 0;
    ok = g_strv_length(nm) == 2 &&
         g_ascii_string_to_unsigned(nm[0], 10, 1, 1000000, &n, NULL) &&
         g_ascii_string_to_unsigned(nm[1], 10, 1, 1000000, &m, NULL);
    Size s = {(guint)n, (guint)m};
    if (ok)
      g_array_append_val(sizes, s);
    g_strfreev(nm);
  }
  g_strfreev(items);
  return ok;
}

static gboolean parse_modes(const char *text, Bench *b) {
  char **items = g_strsplit(text, ",", -1);
  gboolean ok = items[0] != NULL && g_strv_length(items) <= 3;
  b->n_modes = 0;
  for (guint k = 0; ok && items[k] != NULL; k++)
    ok = mm_mode_from_name(g_strstrip(items[k]), &b->modes[b->n_modes++]);
  g_strfreev(items);
  return ok;
}

static char *utc_date(void) {
  GDateTime *t = g_date_time_new_now_utc();
  char *s = g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");
  g_date_time_unref(t);
  return s;
}

int main(int argc, char **argv) {
  if (argc > 3 && strcmp(argv[1], MEASURE_FLAG) == 0)
    return measure_child(atoi(argv[2]), argv + 3);
  char *sizes = NULL, *modes = NULL, *json = NULL, *cli = NULL,
       *pool_dir = NULL, *as_of = NULL;
  gint repeat = 3, seed = 1, threads = 2;
  GOptionEntry entries[] = {
      {"sizes", 0, 0, G_OPTION_ARG_STRING, &sizes,
       "Pool sizes, MENTEESxMENTORS,... (" DEFAULT_SIZES ")", "LIST"},
      {"modes", 0, 0, G_OPTION_ARG_STRING, &modes,
       "Modes to time (" DEFAULT_MODES ")", "LIST"},
      {"repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs per measure (3)", "R"},
      {"seed", 0, 0, G_OPTION_ARG_INT, &seed, "Generator seed (1)", "S"},
      {"threads", 0, 0, G_OPTION_ARG_INT, &threads,
       "Scoring threads for mm_match and the CLI (2)", "N"},
      {"json", 0, 0, G_OPTION_ARG_FILENAME, &json,
       "Also append JSON lines to FILE", "FILE"},
      {"cli", 0, 0, G_OPTION_ARG_FILENAME, &cli,
       "The mentormatch program (the one built alongside)", "PATH"},
      {"pool", 0, 0, G_OPTION_ARG_FILENAME, &pool_dir,
       "Time the optimal mode phase by phase on DIR/mentees.csv and "
       "DIR/mentors.csv instead", "DIR"},
      {"as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
       "With --pool: the pool's as-of date (default: today)", "DATE"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *context =
      g_option_context_new("- time and size mentormatch on synthetic pools");
  g_option_context_add_main_entries(context, entries, NULL);
  GError *error = NULL;
  Bench b = {.sizes = g_array_new(FALSE, FALSE, sizeof(Size))};
  if (!g_option_context_parse(context, &argc, &argv, &error)) {
    fprintf(stderr, "mentormatch-bench: %s\n", error->message);
    return 2;
  }
  g_option_context_free(context);
  if (argc > 1 || repeat < 1 || seed < 0 || threads < 1 || threads > 256 ||
      !parse_sizes(sizes != NULL ? sizes : DEFAULT_SIZES, b.sizes) ||
      !parse_modes(modes != NULL ? modes : DEFAULT_MODES, &b)) {
    fprintf(stderr, "mentormatch-bench: bad arguments (see --help)\n");
    return 2;
  }
  b.repeat = (guint)repeat;
  b.seed = (guint32)seed;
  b.match_threads = (guint)threads;
  b.cli = cli != NULL ? cli : MM_CLI_PATH;
  if (json != NULL && (b.json = fopen(json, "a")) == NULL)
    die("%s: %s", json, g_strerror(errno));

  if (pool_dir != NULL) {
    bench_phases(&b, pool_dir, as_of);
    g_array_free(b.sizes, TRUE);
    g_free(pool_dir);
    g_free(as_of);
    return 0;
  }
  g_autofree char *date = utc_date();
  printf("mentormatch-bench %s: seed %u, median of %u runs, mm_match and CLI "
         "on %u scoring threads, %u cores\n\n",
         date, b.seed, b.repeat, b.match_threads, g_get_num_processors());
  printf("| mentees x mentors | places | eligible pairs | reference: pair by "
         "pair, 1 thread (M pairs/s) | score 1 thread (M pairs/s, x reference) "
         "| score 2 threads (M pairs/s) | mode | assign (s) | mm_match (s) | "
         "CLI end to end (s) | CLI peak RSS (MiB) | matched |\n"
         "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (guint k = 0; k < b.sizes->len; k++)
    bench_size(&b, g_array_index(b.sizes, Size, k), date);

  if (b.json != NULL)
    fclose(b.json);
  g_array_free(b.sizes, TRUE);
  g_free(sizes);
  g_free(modes);
  g_free(json);
  g_free(cli);
  return 0;
}
