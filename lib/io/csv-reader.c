/* csv-reader.c: RFC 4180 records, and pool loading from CSV.
 *
 * The reader is a strict RFC 4180 parser of its own, written for the one
 * dialect the contract reads (',' between fields, '"' around them, CR or LF
 * ending records) and following libcsv's strict rules to the byte (libcsv
 * read these files before; tests/test-csv-reader.c checks the two agree on
 * random inputs): blanks (space, tab) around an unquoted field and before
 * an opening or after a closing quote are dropped, a quoted field keeps
 * everything between its quotes with "" read as ", a lone CR ends a record,
 * lines of only blanks and line ends hold no record. It replaced libcsv
 * because libcsv takes one byte at a time through a state machine and hands
 * each field over by callback, copied once more: that was a third of the
 * time of loading a pool. Here an unquoted field is found with one table
 * lookup a byte and copied once, and the physical line of each record is
 * counted as the bytes go by. */
#include "csv-reader.h"
#include "input-file.h"

#include <string.h>

#include "person-fields.h"

#define UTF8_BOM "\xef\xbb\xbf"
#define UTF8_BOM_LENGTH 3

/* A column name quoted in a diagnostic is cut to this many bytes, so that a
 * hostile header cannot flood the report. */
#define COLUMN_NAME_MAX_BYTES 64

/* ---- The record reader ---- */

#define CSV_COMMA ','
#define CSV_QUOTE '"'

static inline gboolean is_blank(unsigned char c) {
  return c == ' ' || c == '\t';
}
static inline gboolean is_line_end(unsigned char c) {
  return c == '\r' || c == '\n';
}

/* What each byte is to the scans of a field: the bytes that end an
 * unquoted field (a comma, a line end, or a quote, which is an error
 * there), the bytes a quoted one stops at (its quote, or an LF to count),
 * and the bytes that are not plain ASCII (NUL and 0x80-0xff), after which
 * the field must be checked. One lookup a byte finds all three. */
enum { STOP_UNQUOTED = 1, STOP_QUOTED = 2, NOT_PLAIN = 4 };
#define NP NOT_PLAIN
#define NP8 NP, NP, NP, NP, NP, NP, NP, NP
#define NP64 NP8, NP8, NP8, NP8, NP8, NP8, NP8, NP8
static const guint8 byte_kinds[256] = {
    NP, [CSV_COMMA] = STOP_UNQUOTED, ['\r'] = STOP_UNQUOTED,
    ['\n'] = STOP_UNQUOTED | STOP_QUOTED,
    [CSV_QUOTE] = STOP_UNQUOTED | STOP_QUOTED,
    [0x80] = NP64, NP64};
#undef NP64
#undef NP8
#undef NP

/* Moves @at to the first byte from it, before @end, of a kind in @stops;
 * clears *@plain when a byte that is not plain ASCII is passed or met. */
static inline const unsigned char *scan(const unsigned char *at,
                                        const unsigned char *end,
                                        guint8 stops, gboolean *plain) {
  const guint8 wanted = stops | NOT_PLAIN;
  for (;;) {
    /* Four bytes a bounds check: fields are a few bytes to a few dozen. */
    while (end - at >= 4 && !((byte_kinds[at[0]] | byte_kinds[at[1]] |
                               byte_kinds[at[2]] | byte_kinds[at[3]]) &
                              wanted))
      at += 4;
    while (at < end && !(byte_kinds[*at] & wanted))
      at++;
    if (at == end || !(byte_kinds[*at] & NOT_PLAIN))
      return at;
    *plain = FALSE;
    if (byte_kinds[*at] & stops)
      return at;
    at++;
  }
}

typedef struct {
  const unsigned char *at, *end; /* the input not read yet */
  guint line;                    /* physical line of *at */
  guint record_line;             /* where the open record started */
  /* The open record's fields, each NUL-terminated, back to back in one
   * buffer reused for every record: no allocation per field. */
  char *bytes;
  gsize n_bytes, bytes_capacity;
  guint n_fields;
  guint capacity;            /* of the three arrays below */
  gsize *starts;             /* where each field starts in bytes */
  const char **fields;       /* into bytes, set at the record end */
  MmCsvFieldStatus *status;
  guint n_bad;
} Reader;

/* Room for @more bytes after the open field's. */
static void reserve_bytes(Reader *r, gsize more) {
  if (r->n_bytes + more > r->bytes_capacity) {
    r->bytes_capacity = MAX(2 * r->bytes_capacity, r->n_bytes + more);
    r->bytes = g_realloc(r->bytes, r->bytes_capacity);
  }
}

static void append_bytes(Reader *r, const unsigned char *from, gsize length) {
  reserve_bytes(r, length + 1); /* and the field's NUL */
  memcpy(r->bytes + r->n_bytes, from, length);
  r->n_bytes += length;
}

/* Why a field that is not plain ASCII cannot be used, if it cannot. */
static MmCsvFieldStatus field_status(const char *bytes, gsize length) {
  if (memchr(bytes, '\0', length) != NULL)
    return MM_CSV_FIELD_NUL;
  if (!g_utf8_validate_len(bytes, length, NULL))
    return MM_CSV_FIELD_BAD_UTF8;
  return MM_CSV_FIELD_OK;
}

/* Ends the field whose bytes were appended from @start on; @plain: they
 * are all ASCII other than NUL. */
static void end_field(Reader *r, gsize start, gboolean plain) {
  if (r->n_fields == r->capacity) {
    r->capacity = MAX(2 * r->capacity, 32);
    r->starts = g_renew(gsize, r->starts, r->capacity);
    r->fields = g_renew(const char *, r->fields, r->capacity);
    r->status = g_renew(MmCsvFieldStatus, r->status, r->capacity);
  }
  MmCsvFieldStatus status =
      plain ? MM_CSV_FIELD_OK
            : field_status(r->bytes + start, r->n_bytes - start);
  if (status != MM_CSV_FIELD_OK) {
    r->n_bytes = start; /* a field that cannot be used is left empty */
    r->n_bad++;
  }
  r->bytes[r->n_bytes++] = '\0'; /* append_bytes() kept room */
  r->starts[r->n_fields] = start;
  r->status[r->n_fields] = status;
  r->n_fields++;
}

static void empty_field(Reader *r) {
  reserve_bytes(r, 1);
  end_field(r, r->n_bytes, TRUE);
}

/* An unquoted field from r->at, which is neither a blank nor a quote, to
 * the comma or line end after it (not read) or the end of the input; its
 * trailing blanks are dropped. FALSE at a quote inside it. */
static gboolean unquoted_field(Reader *r) {
  const unsigned char *from = r->at;
  gboolean plain = TRUE;
  const unsigned char *to = scan(from, r->end, STOP_UNQUOTED, &plain);
  r->at = to;
  if (to < r->end && *to == CSV_QUOTE)
    return FALSE;
  while (is_blank(to[-1])) /* from[0] is not blank */
    to--;
  gsize start = r->n_bytes;
  append_bytes(r, from, (gsize)(to - from));
  end_field(r, start, plain);
  return TRUE;
}

/* Appends a quoted field's text from r->at, just after its opening quote,
 * to just after its closing one; "" is read as ". FALSE when the input ends
 * first. Clears *@plain as scan() does. */
static gboolean quoted_text(Reader *r, gboolean *plain) {
  for (;;) {
    const unsigned char *from = r->at;
    const unsigned char *to = scan(from, r->end, STOP_QUOTED, plain);
    append_bytes(r, from, (gsize)(to - from));
    r->at = to;
    if (to == r->end)
      return FALSE;
    r->at++;
    if (*to == '\n') {
      append_bytes(r, to, 1);
      r->line++;
    } else if (r->at < r->end && *r->at == CSV_QUOTE) {
      append_bytes(r, r->at, 1);
      r->at++;
    } else {
      return TRUE;
    }
  }
}

static void skip_blanks(Reader *r) {
  while (r->at < r->end && is_blank(*r->at))
    r->at++;
}

/* Skips blanks and line ends up to the next record. FALSE at the end of
 * the input. */
static gboolean skip_to_record(Reader *r) {
  for (; r->at < r->end; r->at++) {
    if (*r->at == '\n')
      r->line++;
    else if (!is_blank(*r->at) && *r->at != '\r')
      return TRUE;
  }
  return FALSE;
}

/* Where reading failed: the field being read is the open record's next. */
static MmCsvStatus fail(Reader *r, MmCsvFailure *failure, MmCsvStatus status,
                        guint line) {
  failure->status = status;
  failure->record_line = r->record_line;
  failure->line = line;
  failure->field = r->n_fields;
  return status;
}

/* Reads the record at r->at (not blank, not a line end) up to its line end
 * (not read) or the end of the input: MM_CSV_OK, or why it is malformed. */
static MmCsvStatus read_record(Reader *r, MmCsvFailure *failure) {
  r->n_bytes = 0;
  r->n_fields = 0;
  r->n_bad = 0;
  r->record_line = r->line;
  for (;;) {
    skip_blanks(r);
    if (r->at == r->end || is_line_end(*r->at)) {
      empty_field(r); /* after a comma: a record never starts here */
      return MM_CSV_OK;
    }
    if (*r->at == CSV_COMMA) {
      empty_field(r);
    } else if (*r->at == CSV_QUOTE) {
      gsize start = r->n_bytes;
      gboolean plain = TRUE;
      r->at++;
      if (!quoted_text(r, &plain))
        /* The opening quote is the mistake, so point at its record. */
        return fail(r, failure, MM_CSV_QUOTE_NOT_CLOSED, r->record_line);
      skip_blanks(r);
      gboolean last = r->at == r->end || is_line_end(*r->at);
      if (!last && *r->at != CSV_COMMA)
        return fail(r, failure, MM_CSV_TEXT_AFTER_QUOTE, r->line);
      end_field(r, start, plain);
      if (last)
        return MM_CSV_OK;
    } else {
      if (!unquoted_field(r))
        return fail(r, failure, MM_CSV_QUOTE_IN_UNQUOTED, r->line);
      if (r->at == r->end || is_line_end(*r->at))
        return MM_CSV_OK;
    }
    r->at++; /* the comma */
  }
}

gboolean mm_i_csv_read(const char *data, gsize length, MmCsvRecordFunc func,
                     gpointer user_data, MmCsvFailure *failure) {
  g_return_val_if_fail(data != NULL || length == 0, FALSE);
  g_return_val_if_fail(func != NULL && failure != NULL, FALSE);
  *failure = (MmCsvFailure){.status = MM_CSV_OK};
  if (length >= UTF8_BOM_LENGTH && memcmp(data, UTF8_BOM, UTF8_BOM_LENGTH) == 0) {
    data += UTF8_BOM_LENGTH;
    length -= UTF8_BOM_LENGTH;
  }
  Reader r = {
      .at = (const unsigned char *)data,
      .end = (const unsigned char *)data + length,
      .line = 1,
  };
  gboolean ok = TRUE;
  while (skip_to_record(&r)) {
    if (read_record(&r, failure) != MM_CSV_OK) {
      ok = FALSE;
      break;
    }
    /* Pointers only now: the buffer may have moved while the record grew. */
    for (guint i = 0; i < r.n_fields; i++)
      r.fields[i] = r.bytes + r.starts[i];
    MmCsvRecord record = {
        .line = r.record_line,
        .n_fields = r.n_fields,
        .fields = r.fields,
        .status = r.status,
        .n_bad = r.n_bad,
    };
    if (!func(&record, user_data))
      break;
  }
  g_free(r.bytes);
  g_free(r.starts);
  g_free(r.fields);
  g_free(r.status);
  return ok;
}

const char *mm_i_csv_status_message(MmCsvStatus status) {
  switch (status) {
  case MM_CSV_OK:
    return "no error";
  case MM_CSV_QUOTE_NOT_CLOSED:
    return "a quoted field is never closed (a '\"' is missing)";
  case MM_CSV_QUOTE_IN_UNQUOTED:
    return "a '\"' inside a field that does not start with one "
           "(quote the whole field and double the '\"')";
  case MM_CSV_TEXT_AFTER_QUOTE:
    return "text after the closing '\"' of a quoted field "
           "(a '\"' inside a quoted field must be doubled)";
  }
  return "malformed CSV";
}

/* ---- Loading one side of a pool ---- */

typedef struct {
  MmPool *pool;
  MmSide side;
  const char *source;
  MmDiagnostics *diags;
  gboolean have_header;
  gboolean rows_readable;   /* the header allows reading rows */
  guint n_columns;
  const MmColumn **columns; /* per header column; NULL = ignored */
  char **names;             /* per header column, for diagnostics; may be NULL */
  const char **values;      /* per header column: the row being loaded */
  MmRowScratch *scratch;    /* shared by every row */
  guint n_rows;
} LoadContext;

static void load_context_clear(LoadContext *ctx) {
  for (guint i = 0; i < ctx->n_columns; i++)
    g_free(ctx->names[i]);
  g_free(ctx->names);
  g_free(ctx->columns);
  g_free(ctx->values);
  mm_i_row_scratch_free(ctx->scratch);
}

/* @name with blanks trimmed and cut to COLUMN_NAME_MAX_BYTES at a character
 * boundary; NULL when nothing is left. */
static char *column_display_name(const char *name) {
  char *trimmed = g_strstrip(g_strdup(name));
  if (*trimmed == '\0') {
    g_free(trimmed);
    return NULL;
  }
  char *cut = mm_i_text_cut(trimmed, COLUMN_NAME_MAX_BYTES);
  g_free(trimmed);
  return cut;
}

const char *mm_i_csv_field_status_message(MmCsvFieldStatus status) {
  return status == MM_CSV_FIELD_NUL
             ? "holds a NUL byte (is this a CSV text file?)"
             : "is not valid UTF-8 text (save the file as CSV UTF-8)";
}

/* The header name of field @i, or NULL when it has none. */
static const char *column_of_field(const LoadContext *ctx, guint i) {
  return ctx->have_header && i < ctx->n_columns ? ctx->names[i] : NULL;
}

static void report_bad_fields(LoadContext *ctx, const MmCsvRecord *record) {
  for (guint i = 0; i < record->n_fields; i++) {
    if (record->status[i] == MM_CSV_FIELD_OK)
      continue;
    const char *column = column_of_field(ctx, i);
    if (column != NULL)
      mm_diagnostics_add(ctx->diags, MM_SEVERITY_ERROR, ctx->source,
                         record->line, column, "%s",
                         mm_i_csv_field_status_message(record->status[i]));
    else
      mm_diagnostics_add(ctx->diags, MM_SEVERITY_ERROR, ctx->source,
                         record->line, NULL, "field %u %s", i + 1,
                         mm_i_csv_field_status_message(record->status[i]));
  }
}

static gboolean column_already_seen(const LoadContext *ctx, guint upto,
                                    const MmColumn *column) {
  for (guint i = 0; i < upto; i++)
    if (ctx->columns[i] == column)
      return TRUE;
  return FALSE;
}

/* Resolves header field @i; unknown, nameless and repeated columns are
 * ignored (columns[i] stays NULL) with a diagnostic. */
static void map_header_column(LoadContext *ctx, guint i, const char *name,
                              guint line) {
  ctx->names[i] = column_display_name(name);
  if (ctx->names[i] == NULL) {
    mm_diagnostics_add(ctx->diags, MM_SEVERITY_WARNING, ctx->source, line,
                       NULL, "column %u has no name, ignored", i + 1);
    return;
  }
  const MmColumn *column = mm_i_column_lookup(ctx->side, name);
  if (column == NULL) {
    mm_i_column_warn_unknown(ctx->diags, ctx->source, line, ctx->names[i]);
    return;
  }
  /* Name rows' problems the way the spec spells the column. */
  g_free(ctx->names[i]);
  ctx->names[i] = g_strdup(mm_i_column_name(column));
  if (column_already_seen(ctx, i, column)) {
    mm_diagnostics_add(ctx->diags, MM_SEVERITY_ERROR, ctx->source, line,
                       ctx->names[i],
                       "duplicate column (only the first one is read)");
    return;
  }
  ctx->columns[i] = column;
}

static gboolean has_column(const LoadContext *ctx, const char *name) {
  for (guint i = 0; i < ctx->n_columns; i++)
    if (ctx->columns[i] != NULL &&
        strcmp(mm_i_column_name(ctx->columns[i]), name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean check_required_columns(LoadContext *ctx, guint line) {
  gboolean ok = TRUE;
  for (const char *const *req = mm_i_columns_required(ctx->side); *req != NULL;
       req++) {
    if (!has_column(ctx, *req)) {
      mm_diagnostics_add(ctx->diags, MM_SEVERITY_ERROR, ctx->source, line,
                         *req, "required column missing");
      ok = FALSE;
    }
  }
  return ok;
}

/* Returns: whether the rows can be read. */
static gboolean load_header(LoadContext *ctx, const MmCsvRecord *record) {
  ctx->have_header = TRUE;
  ctx->n_columns = record->n_fields;
  ctx->columns = g_new0(const MmColumn *, record->n_fields);
  ctx->names = g_new0(char *, record->n_fields);
  ctx->values = g_new0(const char *, record->n_fields);
  if (record->n_bad > 0) {
    report_bad_fields(ctx, record);
    return FALSE;
  }
  if (record->n_fields > MM_COLUMNS_MAX) {
    mm_diagnostics_add(ctx->diags, MM_SEVERITY_ERROR, ctx->source,
                       record->line, NULL,
                       "header has %u columns; at most %d", record->n_fields,
                       MM_COLUMNS_MAX);
    return FALSE;
  }
  for (guint i = 0; i < record->n_fields; i++)
    map_header_column(ctx, i, record->fields[i], record->line);
  return check_required_columns(ctx, record->line);
}

/* Spreadsheets leave ",,," where a row was cleared: such a row is treated
 * like a blank line, not as a person with every value missing. */
static gboolean row_is_empty(const MmCsvRecord *record) {
  for (guint i = 0; i < record->n_fields; i++)
    if (record->status[i] != MM_CSV_FIELD_OK || record->fields[i][0] != '\0')
      return FALSE;
  return TRUE;
}

/* Spreadsheets drop trailing empty fields, so a short row reads as if those
 * fields were empty; a long row has data with no column and is an error. */
static void load_row(LoadContext *ctx, const MmCsvRecord *record) {
  if (row_is_empty(record))
    return;
  ctx->n_rows++;
  if (record->n_bad > 0)
    report_bad_fields(ctx, record);
  if (record->n_fields > ctx->n_columns)
    mm_diagnostics_add(ctx->diags, MM_SEVERITY_ERROR, ctx->source,
                       record->line, NULL, "row has %u fields, header has %u",
                       record->n_fields, ctx->n_columns);
  else if (record->n_fields < ctx->n_columns)
    mm_diagnostics_add(ctx->diags, MM_SEVERITY_WARNING, ctx->source,
                       record->line, NULL,
                       "row has %u fields, header has %u: the missing ones "
                       "are read as empty",
                       record->n_fields, ctx->n_columns);
  if (record->n_bad > 0 || record->n_fields > ctx->n_columns)
    return;
  for (guint i = 0; i < ctx->n_columns; i++)
    ctx->values[i] = i < record->n_fields ? record->fields[i] : "";
  /* Rows with a bad field were reported and are not read (above). */
  if (ctx->scratch == NULL)
    ctx->scratch = mm_i_row_scratch_new(TRUE);
  mm_i_pool_add_row(ctx->pool, ctx->side, ctx->columns, ctx->values,
                    ctx->n_columns, ctx->source, record->line, ctx->diags,
                    ctx->scratch);
}

static gboolean on_load_record(const MmCsvRecord *record, gpointer data) {
  LoadContext *ctx = data;
  if (!ctx->have_header) {
    ctx->rows_readable = load_header(ctx, record);
    return ctx->rows_readable;
  }
  load_row(ctx, record);
  return TRUE;
}

void mm_i_csv_report_failure(MmDiagnostics *diags, const char *source,
                           const MmCsvFailure *failure, const char *column) {
  const char *what = mm_i_csv_status_message(failure->status);
  if (failure->line != failure->record_line)
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, failure->record_line,
                       column, "%s, on line %u", what, failure->line);
  else
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, failure->line, column,
                       "%s", what);
}

/* Reads the records into the pool, reporting every problem. */
static void load_records(LoadContext *ctx, const char *data, gsize length) {
  MmCsvFailure failure;
  gboolean ok = mm_i_csv_read(data, length, on_load_record, ctx, &failure);
  if (!ok)
    mm_i_csv_report_failure(ctx->diags, ctx->source, &failure,
                          column_of_field(ctx, failure.field));
  else if (!ctx->have_header)
    mm_diagnostics_add(ctx->diags, MM_SEVERITY_ERROR, ctx->source, 0, NULL,
                       "no header row");
  else if (ctx->rows_readable && ctx->n_rows == 0)
    mm_diagnostics_add(ctx->diags, MM_SEVERITY_WARNING, ctx->source, 0, NULL,
                       "no rows");
}

gboolean mm_pool_load_csv_data(MmPool *pool, MmSide side, const char *data,
                               gsize length, const char *source,
                               MmDiagnostics *diags, GError **error) {
  g_return_val_if_fail(pool != NULL, FALSE);
  g_return_val_if_fail(side == MM_SIDE_MENTEE || side == MM_SIDE_MENTOR, FALSE);
  g_return_val_if_fail(data != NULL || length == 0, FALSE);
  g_return_val_if_fail(source != NULL, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
  if (length > MM_INPUT_MAX_BYTES) {
    if (diags != NULL)
      mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, 0, NULL,
                         "%" G_GSIZE_FORMAT " bytes; at most %d", length,
                         MM_INPUT_MAX_BYTES);
    g_set_error(error, MM_ERROR, MM_ERROR_LIMIT, "%s: larger than %d bytes",
                source, MM_INPUT_MAX_BYTES);
    return FALSE;
  }
  if (pool->prepared) {
    g_set_error(error, MM_ERROR, MM_ERROR_STATE,
                "%s: the pool is already prepared; add people before "
                "mm_pool_prepare()", source);
    return FALSE;
  }
  /* Errors are counted per file, so a list the caller shares between files
   * (or none at all) still tells whether this file was clean. */
  MmDiagnostics *own = diags == NULL ? mm_diagnostics_new() : NULL;
  LoadContext ctx = {.pool = pool, .side = side, .source = source,
                     .diags = diags != NULL ? diags : own};
  guint errors_before = mm_diagnostics_n_errors(ctx.diags);
  load_records(&ctx, data, length);
  guint n_errors = mm_diagnostics_n_errors(ctx.diags) - errors_before;
  load_context_clear(&ctx);
  mm_diagnostics_free(own);
  if (n_errors > 0) {
    g_set_error(error, MM_ERROR, MM_ERROR_INVALID_INPUT, "%s: %u %s", source,
                n_errors, n_errors == 1 ? "error" : "errors");
    return FALSE;
  }
  return TRUE;
}

gboolean mm_pool_load_csv(MmPool *pool, MmSide side, const char *path,
                          MmDiagnostics *diags, GError **error) {
  g_return_val_if_fail(pool != NULL, FALSE);
  g_return_val_if_fail(path != NULL, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
  gsize length = 0;
  char *contents = mm_i_input_file_read(path, &length, diags, error);
  if (contents == NULL)
    return FALSE;
  gboolean ok =
      mm_pool_load_csv_data(pool, side, contents, length, path, diags, error);
  g_free(contents);
  return ok;
}
