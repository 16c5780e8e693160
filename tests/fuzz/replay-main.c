/* replay-main.c: runs a fuzz target's LLVMFuzzerTestOneInput() over saved
 * inputs, without libFuzzer, so that the corpora are ordinary regression
 * tests built with any compiler (and under ASan/UBSan or valgrind).
 *
 * Usage: replay-fuzz-NAME PATH...  where each PATH is an input file or a
 * directory of them (a corpus; read in name order, not recursively). Each
 * input runs in its own child process, so an input that crashes, aborts or
 * hangs is reported by name and the others still run. Prints
 * "fuzz-NAME: N passed, N failed" (tests/run-tests.sh adds these lines up)
 * and exits non-zero when any input failed. */
#include "fuzz-common.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef FUZZ_NAME
#error "FUZZ_NAME must name the target, e.g. -DFUZZ_NAME=\"fuzz-json\""
#endif

/* Far above what any seed needs (milliseconds): a hang, not a slow input. */
#define INPUT_TIMEOUT_SECONDS 60

typedef struct {
  guint passed;
  guint failed;
} Counts;

/* In the child: one input, then exit so that LeakSanitizer checks it. */
G_NORETURN static void run_input(const char *path) {
  char *contents = NULL;
  gsize length = 0;
  GError *error = NULL;
  if (!g_file_get_contents(path, &contents, &length, &error)) {
    fprintf(stderr, "%s: %s\n", path, error->message);
    g_error_free(error);
    exit(2);
  }
  alarm(INPUT_TIMEOUT_SECONDS);
  /* A private copy of exactly @length bytes, as libFuzzer gives, so that
   * ASan catches a read past the end (g_file_get_contents adds a NUL);
   * never NULL, even when empty, as libFuzzer gives too. */
  uint8_t *data = g_malloc(MAX(length, 1));
  memcpy(data, contents, length);
  g_free(contents);
  int status = LLVMFuzzerTestOneInput(data, length);
  g_free(data);
  exit(status == 0 ? 0 : 3);
}

static void replay(const char *path, Counts *counts) {
  fflush(NULL);
  pid_t child = fork();
  if (child < 0) {
    fprintf(stderr, "%s: fork: %s\n", path, strerror(errno));
    counts->failed++;
    return;
  }
  if (child == 0)
    run_input(path);

  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    counts->passed++;
    return;
  }
  counts->failed++;
  if (WIFSIGNALED(status))
    fprintf(stderr, "FAILED %s: killed by signal %d (%s)\n", path,
            WTERMSIG(status),
            WTERMSIG(status) == SIGALRM ? "timeout" : strsignal(WTERMSIG(status)));
  else
    fprintf(stderr, "FAILED %s: exit status %d\n", path, WEXITSTATUS(status));
}

static gint compare_names(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static void replay_directory(const char *dir_path, Counts *counts) {
  GError *error = NULL;
  GDir *dir = g_dir_open(dir_path, 0, &error);
  if (dir == NULL) {
    fprintf(stderr, "%s: %s\n", dir_path, error->message);
    g_error_free(error);
    counts->failed++;
    return;
  }
  GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while ((name = g_dir_read_name(dir)) != NULL) {
    char *path = g_build_filename(dir_path, name, NULL);
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
      g_ptr_array_add(paths, path);
    else
      g_free(path);
  }
  g_dir_close(dir);
  g_ptr_array_sort(paths, compare_names);
  for (guint i = 0; i < paths->len; i++)
    replay(g_ptr_array_index(paths, i), counts);
  g_ptr_array_free(paths, TRUE);
}

int main(int argc, char **argv) {
  Counts counts = {0, 0};
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE-OR-CORPUS-DIR...\n", argv[0]);
    return 2;
  }
  for (int i = 1; i < argc; i++) {
    if (g_file_test(argv[i], G_FILE_TEST_IS_DIR))
      replay_directory(argv[i], &counts);
    else
      replay(argv[i], &counts);
  }
  /* An empty corpus tests nothing: count it as a failure. */
  if (counts.passed + counts.failed == 0)
    counts.failed++;
  printf("%s: %u passed, %u failed\n", FUZZ_NAME, counts.passed, counts.failed);
  return counts.failed == 0 ? 0 : 1;
}
