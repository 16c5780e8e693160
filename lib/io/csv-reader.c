/* csv-reader.c: RFC 4180 records over libcsv, and pool loading from CSV.
 *
 * libcsv reports fields and record ends but not where they are in the input.
 * To know the physical line each record starts on, the input is fed to libcsv
 * one "line chunk" at a time: the bytes up to and including the next CR or
 * LF. libcsv can only end a record on a CR or LF, so a record end can only
 * happen at the end of a chunk, and every byte of a chunk is on the same
 * physical line; a record therefore starts on the line of the first chunk,
 * fed while no record is open, that holds a byte other than a blank or line
 * end (the bytes libcsv skips before a record). */
#include "csv-reader.h"
#include "input-file.h"

#include <csv.h>
#include <string.h>

#include "person-fields.h"

#define UTF8_BOM "\xef\xbb\xbf"
#define UTF8_BOM_LENGTH 3

/* A column name quoted in a diagnostic is cut to this many bytes, so that a
 * hostile header cannot flood the report. */
#define COLUMN_NAME_MAX_BYTES 64

/* ---- The record reader ---- */

/* Blanks and line ends as libcsv's defaults define them (csv.h: spaces are
 * CSV_SPACE and CSV_TAB, terminators CSV_CR and CSV_LF), so that the
 * record-start rule below and libcsv can never disagree. libcsv is left on
 * its defaults rather than given these through csv_set_space_func() and
 * csv_set_term_func(): it would then call them through a pointer for each
 * byte, which was a third of its time. */
static inline gboolean is_blank(unsigned char c) {
  return c == CSV_SPACE || c == CSV_TAB;
}
static inline gboolean is_line_end(unsigned char c) {
  return c == CSV_CR || c == CSV_LF;
}

typedef struct {
  MmCsvRecordFunc func;
  gpointer user_data;
  guint line;          /* physical line of the chunk being fed */
  gboolean in_record;  /* a record has started and not yet ended */
  guint record_line;   /* where the open record started */
  gboolean stopped;    /* the callback asked to stop */
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
} ReadContext;

/* Why a field that is not plain ASCII cannot be used, if it cannot. */
static MmCsvFieldStatus field_status(const char *bytes, gsize length) {
  if (memchr(bytes, '\0', length) != NULL)
    return MM_CSV_FIELD_NUL;
  if (!g_utf8_validate_len(bytes, length, NULL))
    return MM_CSV_FIELD_BAD_UTF8;
  return MM_CSV_FIELD_OK;
}

static void on_field(void *bytes, size_t length, void *data) {
  ReadContext *ctx = data;
  if (ctx->stopped)
    return;
  if (ctx->n_fields == ctx->capacity) {
    ctx->capacity = MAX(2 * ctx->capacity, 32);
    ctx->starts = g_renew(gsize, ctx->starts, ctx->capacity);
    ctx->fields = g_renew(const char *, ctx->fields, ctx->capacity);
    ctx->status = g_renew(MmCsvFieldStatus, ctx->status, ctx->capacity);
  }
  if (ctx->n_bytes + length + 1 > ctx->bytes_capacity) {
    ctx->bytes_capacity = MAX(2 * ctx->bytes_capacity, ctx->n_bytes + length + 1);
    ctx->bytes = g_realloc(ctx->bytes, ctx->bytes_capacity);
  }
  /* The field and its NUL, checked as it is copied: fields are short, and
   * nearly all plain ASCII (one comparison a byte: a NUL wraps round to the
   * top, as bytes from 0x80 do, once one is taken away). libcsv may pass
   * NULL for an empty field before its buffer exists. */
  const unsigned char *from = bytes;
  char *to = ctx->bytes + ctx->n_bytes;
  gboolean plain = TRUE;
  for (gsize i = 0; i < length; i++) {
    plain &= from[i] - 1u < 0x7fu;
    to[i] = (char)from[i];
  }
  MmCsvFieldStatus status = plain ? MM_CSV_FIELD_OK : field_status(bytes, length);
  /* A field that cannot be used is left empty. */
  gsize kept = status == MM_CSV_FIELD_OK ? length : 0;
  to[kept] = '\0';
  ctx->starts[ctx->n_fields] = ctx->n_bytes;
  ctx->status[ctx->n_fields] = status;
  ctx->n_fields++;
  ctx->n_bytes += kept + 1;
  if (status != MM_CSV_FIELD_OK)
    ctx->n_bad++;
}

static void clear_record(ReadContext *ctx) {
  ctx->n_bytes = 0;
  ctx->n_fields = 0;
  ctx->n_bad = 0;
  ctx->in_record = FALSE;
}

static void on_record_end(int terminator, void *data) {
  (void)terminator;
  ReadContext *ctx = data;
  if (!ctx->stopped) {
    /* Pointers only now: the buffer may have moved while the record grew. */
    for (guint i = 0; i < ctx->n_fields; i++)
      ctx->fields[i] = ctx->bytes + ctx->starts[i];
    MmCsvRecord record = {
        .line = ctx->record_line,
        .n_fields = ctx->n_fields,
        .fields = ctx->fields,
        .status = ctx->status,
        .n_bad = ctx->n_bad,
    };
    if (!ctx->func(&record, ctx->user_data))
      ctx->stopped = TRUE;
  }
  clear_record(ctx);
}

/* Length of the chunk at @data: up to and including the first CR or LF.
 * memchr() finds the LF (a CR is rare, and only looked for before it):
 * this is the one pass over every byte besides libcsv's own. */
static gsize line_chunk_length(const char *data, gsize length) {
  const char *lf = memchr(data, CSV_LF, length);
  gsize upto = lf != NULL ? (gsize)(lf - data) : length;
  const char *cr = memchr(data, CSV_CR, upto);
  if (cr != NULL)
    return (gsize)(cr - data) + 1;
  return lf != NULL ? upto + 1 : length;
}

static gboolean chunk_starts_record(const char *chunk, gsize length) {
  for (gsize i = 0; i < length; i++) {
    unsigned char c = (unsigned char)chunk[i];
    if (!is_blank(c) && !is_line_end(c))
      return TRUE;
  }
  return FALSE;
}

static MmCsvStatus parse_error_status(struct csv_parser *parser) {
  if (csv_error(parser) != CSV_EPARSE)
    return MM_CSV_NO_MEMORY;
  /* libcsv's own documented field: whether the field being read is quoted.
   * In strict mode an unquoted field fails on a '"', a quoted one on text
   * after its closing quote. */
  return parser->quoted ? MM_CSV_TEXT_AFTER_QUOTE : MM_CSV_QUOTE_IN_UNQUOTED;
}

static void set_failure(MmCsvFailure *failure, MmCsvStatus status,
                        const ReadContext *ctx, guint line) {
  failure->status = status;
  failure->record_line = ctx->record_line;
  failure->line = line;
  failure->field = ctx->n_fields;
}

/* libcsv grows its field buffer by a fixed block (128 bytes), so a long
 * field is copied over and over: quadratic wherever realloc cannot grow in
 * place (ASan, valgrind, other allocators), minutes for a 20 MB field.
 * Feeding at most PARSE_PIECE bytes per call and setting the block to the
 * buffer's current size between calls makes the growth geometric: O(n). */
#define PARSE_PIECE 4096
#define MIN_BLOCK 128

/* As csv_parse(): the number of bytes parsed, @length unless malformed. */
static gsize parse_in_pieces(struct csv_parser *parser, const char *data,
                             gsize length, ReadContext *ctx) {
  gsize done = 0;
  while (done < length) {
    gsize piece = MIN(length - done, PARSE_PIECE);
    csv_set_blk_size(parser, MAX(MIN_BLOCK, parser->entry_size));
    gsize parsed =
        csv_parse(parser, data + done, piece, on_field, on_record_end, ctx);
    done += parsed;
    if (parsed < piece)
      break;
  }
  return done;
}

/* Feeds every line chunk; FALSE (with @failure set) on malformed input. */
static gboolean feed_chunks(struct csv_parser *parser, const char *data,
                            gsize length, ReadContext *ctx,
                            MmCsvFailure *failure) {
  gsize pos = 0;
  while (pos < length && !ctx->stopped) {
    gsize n = line_chunk_length(data + pos, length - pos);
    if (!ctx->in_record && chunk_starts_record(data + pos, n)) {
      ctx->in_record = TRUE;
      ctx->record_line = ctx->line;
    }
    if (parse_in_pieces(parser, data + pos, n, ctx) < n) {
      set_failure(failure, parse_error_status(parser), ctx, ctx->line);
      return FALSE;
    }
    if (data[pos + n - 1] == '\n')
      ctx->line++;
    pos += n;
  }
  return TRUE;
}

/* Ends the input: submits a last record that has no line end. */
static gboolean finish(struct csv_parser *parser, ReadContext *ctx,
                       MmCsvFailure *failure) {
  if (ctx->stopped)
    return TRUE;
  if (csv_fini(parser, on_field, on_record_end, ctx) != 0) {
    /* The opening quote is the mistake, so point at its record. */
    set_failure(failure, MM_CSV_QUOTE_NOT_CLOSED, ctx, ctx->record_line);
    return FALSE;
  }
  return TRUE;
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
  ReadContext ctx = {
      .func = func,
      .user_data = user_data,
      .line = 1,
  };
  struct csv_parser parser;
  csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
  gboolean ok = length == 0 || feed_chunks(&parser, data, length, &ctx, failure);
  if (ok)
    ok = finish(&parser, &ctx, failure);
  csv_free(&parser);
  g_free(ctx.bytes);
  g_free(ctx.starts);
  g_free(ctx.fields);
  g_free(ctx.status);
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
  case MM_CSV_NO_MEMORY:
    return "out of memory while reading a field";
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
