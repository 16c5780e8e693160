/* test-common.h: shared by every CUnit test program.
 *
 * Each program registers one suite (mirroring one module of lib/) and ends
 * with a line "SUITE: N passed, N failed" that tests/run-tests.sh adds up. */
#pragma once

#include <CUnit/CUnit.h>
#include <glib.h>

#ifndef MENTORMATCH_COMPILATION
#define MENTORMATCH_COMPILATION
#endif
#include "mentormatch.h"

#define MM_TEST(fn) {#fn, fn}

/* Runs @tests as suite @suite; returns the process exit status (0 when every
 * test passed). */
int mm_test_run(const char *suite, CU_TestInfo *tests);

/* Path of a file under tests/data/ (transfer full). */
char *mm_test_data_path(const char *name);

/* The as-of date of every pool the tests load, so that weeks waited do not
 * depend on the day the tests run. */
#define MM_TEST_AS_OF "2026-12-01"

/* Loads a pool from mentee and mentor CSV text (either may be NULL) and
 * prepares it as of MM_TEST_AS_OF; fails the current test on any error.
 * (transfer full) */
MmPool *mm_test_pool_from_csv(const char *mentees_csv, const char *mentors_csv);

/* Whether @diags holds a diagnostic at @line in @column whose message
 * contains @fragment (any severity). */
gboolean mm_test_has_diag(const MmDiagnostics *diags, guint line,
                          const char *column, const char *fragment);

/* Prints every diagnostic to stderr (for failing tests). */
void mm_test_dump_diags(const MmDiagnostics *diags);

#define MM_ASSERT_CLOSE(actual, expected)                                      \
  CU_ASSERT_DOUBLE_EQUAL((actual), (expected), 1e-9)

/* Random but plausible pool CSV text for @side with @n people, drawing on a
 * small vocabulary so that pairs share things; mentee rows name, exclude
 * and have had some of the @n_mentors mentors (ids M0..), and some have
 * waited since a date before MM_TEST_AS_OF. The columns gender, ethnicity
 * and religion are the third to fifth and hold no comma. (transfer full) */
char *mm_test_random_csv(GRand *rng, MmSide side, guint n, guint n_mentors);

/* As mm_test_random_csv(), with no wish about gender, ethnicity or religion
 * anywhere (no pref_gender, pref_mentee_gender or `must` gender) when
 * @no_protected_wishes. */
char *mm_test_random_csv_shaped(GRand *rng, MmSide side, guint n,
                                guint n_mentors, gboolean no_protected_wishes);

/* One run of the mentormatch CLI (MM_CLI_PATH): exit status (-1 when killed
 * by a signal) and everything it printed. */
typedef struct {
  int status;
  char *out;
  char *err;
} MmTestRun;

/* Runs the CLI with the NULL-terminated @args; fails the test if it cannot
 * be started. Free with mm_test_run_clear(). */
MmTestRun mm_test_run_cli(const char *const *args);
/* The same, with @setup (nullable) run in the child before the CLI starts,
 * e.g. to limit its resources. */
MmTestRun mm_test_run_cli_with(const char *const *args,
                               GSpawnChildSetupFunc setup, gpointer data);
void mm_test_run_clear(MmTestRun *run);
#define MM_TEST_CLI(...) mm_test_run_cli((const char *const[]){__VA_ARGS__, NULL})

/* ---- files and CSV text, for the tests that run the CLI ---- */

/* A new empty temporary directory (transfer full); fails the test when it
 * cannot be made. Remove with mm_test_tmp_dir_remove(). */
char *mm_test_tmp_dir_new(void);
/* Writes @text to @dir/@name; returns the path (transfer full). */
char *mm_test_write(const char *dir, const char *name, const char *text);
/* The contents of @path (transfer full), or NULL when it cannot be read. */
char *mm_test_read(const char *path);
/* How many entries @dir holds. */
guint mm_test_count_entries(const char *dir);
/* Removes the (flat) directory @dir and every file in it, and frees @dir. */
void mm_test_tmp_dir_remove(char *dir);
/* Rows of the CSV @text, header first, each a GStrv, read with the
 * library's reader (not the writer under test). Free with
 * g_ptr_array_unref(). */
GPtrArray *mm_test_parse_csv(const char *text);
/* Index of @name in the header row of @rows, or -1. */
gint mm_test_csv_column(GPtrArray *rows, const char *name);

