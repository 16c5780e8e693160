/* person-fields.h: the columns of the contract (docs/) and their validation (internal).
 *
 * One table describes every column: its name, which side has it, whether it
 * is required, and the parser that validates a text value into an MmPerson.
 * CSV and in-memory input both come through mm_i_pool_add_row(). */
#pragma once

#include "pool-private.h"

typedef struct MmColumn MmColumn;

/* The column of that name for @side (header names match as
 * mm_i_header_fold() folds them: "Care Experienced" is care_experienced), or
 * NULL when @side has no such column. */
const MmColumn *mm_i_column_lookup(MmSide side, const char *name);

/* The known column name closest to the unknown @name (either side's, so
 * that a mentor column in a mentee file is named), when it is close enough
 * to be a typing slip; NULL otherwise. */
const char *mm_i_column_suggest(const char *name);

/* Warns that column @name (as shown) is unknown and ignored, suggesting the
 * nearest known name when one is close. */
void mm_i_column_warn_unknown(MmDiagnostics *diags, const char *source,
                            guint line, const char *name);
const char *mm_i_column_name(const MmColumn *column);

/* The required columns of @side, NULL-terminated (static storage). */
const char *const *mm_i_columns_required(MmSide side);

/* The buffers validating a row works in, kept from one row to the next so
 * that a file of many rows allocates them once (one caller at a time). */
typedef struct MmRowScratch MmRowScratch;

/* @values_checked: the caller has made sure that every value it will pass
 * is valid UTF-8 without NUL (the CSV reader checks every field), so rows
 * need not check again. */
MmRowScratch *mm_i_row_scratch_new(gboolean values_checked);
void mm_i_row_scratch_free(MmRowScratch *scratch);

/* Validates one record and, when it has no error, adds it to @pool (which
 * must not be prepared yet: callers check and report that).
 * columns[i] == NULL marks a column to skip (unknown, already warned about);
 * a column given twice, a required column missing or any bad value is an
 * error and the record is not added; every problem is reported, at
 * @source:@line with the column's name. values[i] NULL reads as empty.
 * @scratch (nullable) is reused when given, made for this row when not. */
gboolean mm_i_pool_add_row(MmPool *pool, MmSide side,
                         const MmColumn *const *columns,
                         const char *const *values, gsize n_values,
                         const char *source, guint line, MmDiagnostics *diags,
                         MmRowScratch *scratch);

/* Returns: (transfer full): @value (valid UTF-8) quoted for a diagnostic,
 * 'like this': cut to MM_QUOTE_MAX_BYTES at a character boundary (then
 * ending "...'"), control characters shown as '?'. */
char *mm_i_value_quote(const char *value);
