/* csv-reader.h: RFC 4180 records with the physical lines they start on
 * (internal).
 *
 * libcsv does the quoting; this layer adds what diagnostics need and libcsv
 * does not give: the 1-based physical line on which each record starts (line
 * breaks inside quoted fields count, as in an editor), a leading UTF-8 BOM
 * skipped, and every field checked for valid UTF-8 and NUL bytes. Completely
 * blank lines (only spaces, tabs and line ends) are skipped. Line ends may be
 * LF or CRLF; a lone CR also ends a record (libcsv's rule) but only LF starts
 * a new physical line.
 *
 * The reader knows nothing of headers or columns: mm_pool_load_csv_data()
 * (csv-reader.c) builds on it. */
#pragma once

#include "pool-private.h"

/* Why one field could not be used. */
typedef enum {
  MM_CSV_FIELD_OK,
  MM_CSV_FIELD_NUL,        /* holds a NUL byte */
  MM_CSV_FIELD_BAD_UTF8,   /* is not valid UTF-8 */
} MmCsvFieldStatus;

/**
 * MmCsvRecord:
 * @line: physical line (1-based) on which the record starts.
 * @n_fields: number of fields (at least 1).
 * @fields: NUL-terminated field texts, unquoted; a field whose status is
 *   not MM_CSV_FIELD_OK holds "" (its bytes are never passed on).
 * @status: per field.
 * @n_bad: number of fields whose status is not MM_CSV_FIELD_OK.
 *
 * One record, valid only during the callback that receives it.
 */
typedef struct {
  guint line;
  guint n_fields;
  const char *const *fields;
  const MmCsvFieldStatus *status;
  guint n_bad;
} MmCsvRecord;

/* Called for each record in input order; return FALSE to stop reading. */
typedef gboolean (*MmCsvRecordFunc)(const MmCsvRecord *record,
                                    gpointer user_data);

/* Why reading stopped before the end of the input. */
typedef enum {
  MM_CSV_OK,
  MM_CSV_QUOTE_NOT_CLOSED,    /* the input ends inside a quoted field */
  MM_CSV_QUOTE_IN_UNQUOTED,   /* a '"' inside a field that is not quoted */
  MM_CSV_TEXT_AFTER_QUOTE,    /* text between a closing quote and the next
                                 comma or line end */
  MM_CSV_NO_MEMORY,           /* libcsv could not grow its field buffer */
} MmCsvStatus;

/**
 * MmCsvFailure:
 * @status: MM_CSV_OK when the whole input was read (or the callback
 *   stopped it).
 * @record_line: physical line on which the bad record starts.
 * @line: physical line of the offending byte (for a quote never closed:
 *   the record's line, since the opening quote is what is wrong).
 * @field: 0-based index of the field being read in that record.
 */
typedef struct {
  MmCsvStatus status;
  guint record_line;
  guint line;
  guint field;
} MmCsvFailure;

/**
 * mm_i_csv_read:
 * @data: (array length=length): CSV bytes; need not be NUL-terminated.
 * @func: receives each record.
 * @failure: (out): why reading stopped; status MM_CSV_OK when it did not.
 *
 * Reads records until the input ends, @func returns FALSE, or the input is
 * malformed (strict RFC 4180 quoting). Records before a malformed one have
 * been passed to @func; nothing after it is, since a broken quote leaves no
 * reliable place to resume.
 *
 * Time: O(length); libcsv is fed one physical line at a time.
 * Returns: TRUE unless the input was malformed (or memory ran out).
 */
gboolean mm_i_csv_read(const char *data, gsize length, MmCsvRecordFunc func,
                     gpointer user_data, MmCsvFailure *failure);

/* Plain-language description of @status, for diagnostics. */
const char *mm_i_csv_status_message(MmCsvStatus status);

/* Reports why reading stopped to @diags, at the bad record's line; @column
 * names the field being read when known (may be NULL). */
void mm_i_csv_report_failure(MmDiagnostics *diags, const char *source,
                           const MmCsvFailure *failure, const char *column);

/* Plain-language description of a field that could not be used. */
const char *mm_i_csv_field_status_message(MmCsvFieldStatus status);
