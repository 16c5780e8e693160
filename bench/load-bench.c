/* load-bench.c: how fast one side's CSV file loads into a pool.
 *
 * Times mm_pool_load_csv() (read the file, parse RFC 4180, validate and
 * intern every value, add each person) of FILE as SIDE into a fresh pool,
 * --repeat times in this process, and prints one line per run:
 *
 *   load SIDE BYTES WALL_SECONDS CPU_SECONDS PEOPLE
 *
 * CPU seconds are this process's (CLOCK_PROCESS_CPUTIME_ID), which a shared
 * machine disturbs less than wall time. The pool is freed between runs, and
 * its freeing is not timed. A file with any error stops the bench: a load
 * that rejects rows is not the load being measured.
 *
 * bench/load-bench.py runs this alternately with Python's csv module on the
 * same files and prints medians, MB/s and the ratio.
 *
 * Usage: load-bench [--repeat R] mentee|mentor FILE
 */
#include "mentormatch.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double clock_seconds(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static G_GNUC_NORETURN void usage(void) {
  fprintf(stderr, "usage: load-bench [--repeat R] mentee|mentor FILE\n");
  exit(2);
}

int main(int argc, char **argv) {
  guint64 repeat = 1;
  int arg = 1;
  if (arg + 1 < argc && strcmp(argv[arg], "--repeat") == 0) {
    if (!g_ascii_string_to_unsigned(argv[arg + 1], 10, 1, 1000, &repeat,
                                    NULL))
      usage();
    arg += 2;
  }
  if (argc - arg != 2)
    usage();
  MmSide side;
  if (strcmp(argv[arg], "mentee") == 0)
    side = MM_SIDE_MENTEE;
  else if (strcmp(argv[arg], "mentor") == 0)
    side = MM_SIDE_MENTOR;
  else
    usage();
  const char *path = argv[arg + 1];
  GStatBuf st;
  if (g_stat(path, &st) != 0) {
    fprintf(stderr, "load-bench: cannot read %s\n", path);
    return 1;
  }
  for (guint64 r = 0; r < repeat; r++) {
    MmPool *pool = mm_pool_new();
    MmDiagnostics *diags = mm_diagnostics_new();
    GError *error = NULL;
    double wall = clock_seconds(CLOCK_MONOTONIC);
    double cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    gboolean ok = mm_pool_load_csv(pool, side, path, diags, &error);
    cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu;
    wall = clock_seconds(CLOCK_MONOTONIC) - wall;
    if (!ok) {
      fprintf(stderr, "load-bench: %s\n", error->message);
      return 1;
    }
    guint people = side == MM_SIDE_MENTEE ? mm_pool_n_mentees(pool)
                                          : mm_pool_n_mentors(pool);
    printf("load %s %lld %.6f %.6f %u\n", argv[arg], (long long)st.st_size,
           wall, cpu, people);
    fflush(stdout);
    mm_diagnostics_free(diags);
    mm_pool_free(pool);
  }
  return 0;
}
