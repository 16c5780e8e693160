/* mm-pool.h: the young people and mentors to be matched.
 *
 * A pool holds both sides. Build it from CSV files (mm_pool_load_csv) or
 * person by person in memory (mm_pool_add_person), in any mix, then call
 * mm_pool_prepare() once: it resolves preferred/excluded mentor ids and builds
 * the compact encodings scoring runs on. A prepared pool is read-only, so any
 * number of threads may score, recommend and match on it at once.
 *
 * Every value is validated against the contract (docs/) whichever way it arrives; problems
 * go to an MmDiagnostics list with their source, line and column.
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include "mm-common.h"
#include "mm-diagnostics.h"

G_BEGIN_DECLS

/* Documented limits (docs/testing.md): input beyond them is an
 * error naming the file, line and column, never unbounded memory or time. */
#define MM_ID_MAX_BYTES 128          /* an id */
#define MM_FIELD_MAX_BYTES 65536     /* any one value */
#define MM_LIST_MAX_ITEMS 256        /* items in one ';' list */
#define MM_COLUMNS_MAX 1024          /* columns in a header */
#define MM_PEOPLE_MAX 1000000        /* people on one side of a pool */
#define MM_INPUT_MAX_BYTES (1024 * 1024 * 1024) /* one input file: 1 GiB */

typedef struct MmPool MmPool;

/**
 * MmField:
 * @column: a column name of the contract (docs/) ("id", "age", "pref_gender", ...).
 * @value: its text exactly as it would appear in a CSV field (lists
 *   ';'-separated, booleans yes/no, ...); NULL or "" means empty.
 *
 * One column of one person, for building pools in memory.
 */
typedef struct {
  const char *column;
  const char *value;
} MmField;

/* Returns: (transfer full): an empty pool holding one reference; free with
 * mm_pool_free(). */
MM_EXTERN MmPool *mm_pool_new(void);

/* Pools are reference counted, so that results that read a pool (a
 * matching, pins) keep it alive: freeing the pool while a result still
 * uses it is safe, and the last of them frees it. mm_pool_ref() adds a
 * reference (thread-safe) and returns @pool; mm_pool_free() drops one
 * (NULL is ignored) and frees the pool with the last. */
MM_EXTERN MmPool *mm_pool_ref(MmPool *pool);
MM_EXTERN void mm_pool_free(MmPool *pool);

/**
 * mm_pool_add_person:
 * @pool: a pool not yet prepared.
 * @side: which side the person is on.
 * @fields: (array length=n_fields): the person's columns, in any order.
 * @n_fields: the number of @fields.
 * @source: names the person in diagnostics (a file name, or e.g. "mentees[3]").
 * @line: the line to report (0 if none).
 * @diags: (nullable): receives every problem found.
 *
 * Validates and adds one person, exactly as a CSV row would be: unknown
 * columns are warnings, bad values are errors naming the column. A person
 * with any error is not added.
 *
 * Returns: TRUE if the person was added.
 */
MM_EXTERN gboolean mm_pool_add_person(MmPool *pool, MmSide side,
                                      const MmField *fields, gsize n_fields,
                                      const char *source, guint line,
                                      MmDiagnostics *diags);

/**
 * mm_pool_load_csv:
 * @pool: a pool not yet prepared.
 * @side: which side the file holds.
 * @path: an RFC 4180 CSV file with a header row (docs/pools.md).
 * @diags: (nullable): receives every problem, each as FILE:LINE: column NAME.
 * @error: set (MM_ERROR_IO) when the file cannot be read, or
 *   (MM_ERROR_INVALID_INPUT) when it has any error.
 *
 * Reads every row of one side's file into @pool. Rows with errors are not
 * added, but reading goes on so that every problem is reported.
 *
 * Time: O(file size).
 * Returns: TRUE when the file had no errors (warnings are allowed).
 */
MM_EXTERN gboolean mm_pool_load_csv(MmPool *pool, MmSide side, const char *path,
                                    MmDiagnostics *diags, GError **error);

/* As mm_pool_load_csv() for CSV text in memory; @source names it. */
MM_EXTERN gboolean mm_pool_load_csv_data(MmPool *pool, MmSide side,
                                         const char *data, gsize length,
                                         const char *source,
                                         MmDiagnostics *diags, GError **error);

/**
 * mm_pool_set_as_of:
 * @pool: a pool not yet prepared.
 * @date: (nullable): the date the pool describes, `YYYY-MM-DD`; NULL for
 *   today (local time, read by mm_pool_prepare()).
 * @error: set (MM_ERROR_INVALID_INPUT) when @date is not such a date or the
 *   pool is already prepared.
 *
 * The as-of date: the weeks each young person has waited (waiting_since) are
 * counted up to it, and a waiting_since after it is an error. The same pool,
 * config and as-of date always give the same result.
 *
 * Returns: TRUE when set.
 */
MM_EXTERN gboolean mm_pool_set_as_of(MmPool *pool, const char *date,
                                     GError **error);

/* Returns: (transfer full): the as-of date as `YYYY-MM-DD` (today when none
 * was set and the pool is not prepared yet); free with g_free(). */
MM_EXTERN char *mm_pool_get_as_of(const MmPool *pool);

/**
 * mm_pool_prepare:
 *
 * Freezes the pool: resolves each mentee's preferred_mentors,
 * excluded_mentors and previous_mentors to mentors (an id not in the pool is
 * a warning, not an error), fixes the as-of date (today unless
 * mm_pool_set_as_of() set one) and builds the compact encodings. Call once,
 * after the last add; further adds are refused; a second call does nothing.
 * Duplicate ids were already refused when added (mm_pool_add_person(),
 * mm_pool_load_csv()).
 *
 * Time: O(people x columns + named ids).
 * Returns: TRUE; FALSE (MM_ERROR_INVALID_INPUT, each problem in @diags at
 * its row, column waiting_since) when a young person's waiting_since is
 * after the as-of date; the pool then stays unprepared.
 */
MM_EXTERN gboolean mm_pool_prepare(MmPool *pool, MmDiagnostics *diags,
                                   GError **error);

/* Whether mm_pool_prepare() has been called: the pool is then read-only. */
MM_EXTERN gboolean mm_pool_is_prepared(const MmPool *pool);

/* Counts, in input order. */
MM_EXTERN guint mm_pool_n_mentees(const MmPool *pool);
MM_EXTERN guint mm_pool_n_mentors(const MmPool *pool);

/* Returns: (transfer none): the id of mentee / mentor @index. */
MM_EXTERN const char *mm_pool_mentee_id(const MmPool *pool, guint index);
MM_EXTERN const char *mm_pool_mentor_id(const MmPool *pool, guint index);

/* Index of the person with @id, or -1. */
MM_EXTERN gint mm_pool_find_mentee(const MmPool *pool, const char *id);
MM_EXTERN gint mm_pool_find_mentor(const MmPool *pool, const char *id);

/* A few read-outs a caller commonly needs. */
MM_EXTERN guint mm_pool_mentor_capacity(const MmPool *pool, guint mentor);
MM_EXTERN guint mm_pool_mentee_priority(const MmPool *pool, guint mentee);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmPool, mm_pool_free)

G_END_DECLS
