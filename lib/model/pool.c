/* pool.c: the MmPool lifecycle, adding people in memory, prepare, getters.
 *
 * Values are validated by person-fields.c, whichever way they arrive (CSV
 * or MmField pairs); this file owns the pool's storage and its one state
 * change, mm_pool_prepare(), after which the pool is read-only. */
#include "pool-private.h"

#include "encoding.h"
#include "person-fields.h"
#include "person.h"

#include <string.h>

MmPool *mm_pool_new(void) {
  MmPool *pool = g_new0(MmPool, 1);
  pool->ref_count = 1;
  for (guint v = 0; v < MM_N_VOCABS; v++)
    pool->vocab[v] = mm_i_tokens_new();
  for (guint side = 0; side < 2; side++) {
    pool->people[side] = g_ptr_array_new_with_free_func(mm_i_person_free);
    /* Keys are ids in pool->strings, which outlive the table. */
    pool->index[side] = g_hash_table_new(g_str_hash, g_str_equal);
  }
  pool->strings = g_string_chunk_new(4096);
  pool->code_blocks = g_ptr_array_new_with_free_func(g_free);
  pool->no_ids = g_ptr_array_new();
  pool->no_mentors = g_array_new(FALSE, FALSE, sizeof(guint));
  return pool;
}

MmPool *mm_pool_ref(MmPool *pool) {
  g_return_val_if_fail(pool != NULL, NULL);
  g_atomic_int_inc(&pool->ref_count);
  return pool;
}

void mm_pool_free(MmPool *pool) {
  if (pool == NULL || !g_atomic_int_dec_and_test(&pool->ref_count))
    return;
  mm_i_encoding_free(pool->encoding);
  for (guint side = 0; side < 2; side++) {
    g_hash_table_destroy(pool->index[side]);
    g_ptr_array_unref(pool->people[side]);
  }
  for (guint v = 0; v < MM_N_VOCABS; v++)
    mm_i_tokens_free(pool->vocab[v]);
  g_string_chunk_free(pool->strings);
  g_ptr_array_unref(pool->code_blocks);
  g_ptr_array_unref(pool->no_ids);
  g_array_unref(pool->no_mentors);
  g_free(pool);
}

/* Codes per block of the store: a block holds the lists of some hundred
 * people. */
#define CODE_BLOCK_CODES 4096

gint32 *mm_i_pool_codes_copy(MmPool *pool, const gint32 *values, guint n) {
  g_return_val_if_fail(pool != NULL && (values != NULL || n == 0), NULL);
  if (n == 0)
    return NULL;
  if (pool->code_room < n) {
    gsize size = MAX(CODE_BLOCK_CODES, n);
    pool->code_next = g_new(gint32, size);
    pool->code_room = size;
    g_ptr_array_add(pool->code_blocks, pool->code_next);
  }
  gint32 *copy = pool->code_next;
  memcpy(copy, values, n * sizeof *values);
  pool->code_next += n;
  pool->code_room -= n;
  return copy;
}

/* ---- Adding a person in memory ---- */

/* Unknown columns are warned about once per person, however often given. */
static void warn_unknown_column(const char *name, GHashTable *warned,
                                const char *source, guint line,
                                MmDiagnostics *diags) {
  if (!g_utf8_validate(name, -1, NULL)) {
    mm_diagnostics_add(diags, MM_SEVERITY_WARNING, source, line, NULL,
                       "a column name is not valid UTF-8 text, ignored");
    return;
  }
  char *trimmed = g_strstrip(g_strdup(name));
  if (*trimmed == '\0') {
    mm_diagnostics_add(diags, MM_SEVERITY_WARNING, source, line, NULL,
                       "a column has no name, ignored");
    g_free(trimmed);
    return;
  }
  char *shown = mm_i_text_cut(trimmed, MM_QUOTE_MAX_BYTES);
  g_free(trimmed);
  if (g_hash_table_add(warned, shown))
    mm_i_column_warn_unknown(diags, source, line, shown);
}

static gboolean add_fields(MmPool *pool, MmSide side, const MmField *fields,
                           gsize n_fields, const char *source, guint line,
                           MmDiagnostics *diags) {
  if (n_fields > MM_COLUMNS_MAX) {
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, line, NULL,
                       "%" G_GSIZE_FORMAT " fields; at most %d", n_fields,
                       MM_COLUMNS_MAX);
    return FALSE;
  }
  const MmColumn **columns = g_new0(const MmColumn *, MAX(n_fields, 1));
  const char **values = g_new0(const char *, MAX(n_fields, 1));
  GHashTable *warned =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (gsize i = 0; i < n_fields; i++) {
    values[i] = fields[i].value;
    columns[i] = g_utf8_validate(fields[i].column, -1, NULL)
                     ? mm_i_column_lookup(side, fields[i].column)
                     : NULL;
    if (columns[i] == NULL)
      warn_unknown_column(fields[i].column, warned, source, line, diags);
  }
  gboolean added = mm_i_pool_add_row(pool, side, columns, values, n_fields,
                                   source, line, diags, NULL);
  g_hash_table_destroy(warned);
  g_free(values);
  g_free(columns);
  return added;
}

gboolean mm_pool_add_person(MmPool *pool, MmSide side, const MmField *fields,
                            gsize n_fields, const char *source, guint line,
                            MmDiagnostics *diags) {
  g_return_val_if_fail(pool != NULL, FALSE);
  g_return_val_if_fail(side == MM_SIDE_MENTEE || side == MM_SIDE_MENTOR, FALSE);
  g_return_val_if_fail(fields != NULL || n_fields == 0, FALSE);
  g_return_val_if_fail(source != NULL, FALSE);
  for (gsize i = 0; i < n_fields; i++)
    g_return_val_if_fail(fields[i].column != NULL, FALSE);
  MmDiagnostics *own = diags == NULL ? mm_diagnostics_new() : NULL;
  gboolean added = FALSE;
  if (pool->prepared)
    mm_diagnostics_add(diags != NULL ? diags : own, MM_SEVERITY_ERROR, source,
                       line, NULL,
                       "the pool is already prepared; add people before "
                       "mm_pool_prepare()");
  else
    added = add_fields(pool, side, fields, n_fields, source, line,
                       diags != NULL ? diags : own);
  mm_diagnostics_free(own);
  return added;
}

/* ---- Prepare ---- */

static void warn_at_mentee(const MmPerson *mentee, const char *column,
                           const char *id, const char *what,
                           MmDiagnostics *diags) {
  char *quoted = mm_i_value_quote(id);
  mm_diagnostics_add(diags, MM_SEVERITY_WARNING, mentee->source, mentee->line,
                     column, "mentor %s %s", quoted, what);
  g_free(quoted);
}

/* Mentor indexes of @ids, in order; unknown ids are warned about and
 * dropped (a name that matches nobody cannot be honoured, but it is no
 * reason to turn the young person away). */
static void resolve_ids(MmPool *pool, const MmPerson *mentee,
                        const GPtrArray *ids, GArray **mentors,
                        const char *column, MmDiagnostics *diags) {
  if (ids->len == 0) {
    if (*mentors != pool->no_mentors)
      g_array_set_size(*mentors, 0);
    return;
  }
  GArray *own = mm_i_person_own_mentors(pool, mentors);
  g_array_set_size(own, 0);
  for (guint k = 0; k < ids->len; k++) {
    const char *id = g_ptr_array_index(ids, k);
    gint mentor = mm_pool_find_mentor(pool, id);
    if (mentor < 0) {
      warn_at_mentee(mentee, column, id, "is not in the pool; ignored", diags);
      continue;
    }
    guint index = (guint)mentor;
    g_array_append_val(own, index);
  }
}

/* A mentor both preferred and excluded stays excluded: a veto (possibly a
 * safeguarding one) must never be overridden by a wish. The excluded rule
 * keeps the pair from ever being matched; the mentor keeps its place among
 * the named mentors, so that the places after it count as the contract (docs/) says
 * (among the named mentors that are in the mentor file). @marks has one
 * FALSE entry per mentor and is left that way. */
static void warn_preferred_and_excluded(const MmPool *pool,
                                        const MmPerson *mentee,
                                        gboolean *marks,
                                        MmDiagnostics *diags) {
  const GArray *excluded = mentee->excluded_mentors;
  const GArray *preferred = mentee->preferred_mentors;
  for (guint k = 0; k < excluded->len; k++)
    marks[g_array_index(excluded, guint, k)] = TRUE;
  for (guint k = 0; k < preferred->len; k++) {
    guint mentor = g_array_index(preferred, guint, k);
    if (marks[mentor])
      warn_at_mentee(mentee, "preferred_mentors",
                     mm_pool_mentor_id(pool, mentor),
                     "is also in excluded_mentors; excluded wins", diags);
  }
  for (guint k = 0; k < excluded->len; k++)
    marks[g_array_index(excluded, guint, k)] = FALSE;
}

static void resolve_named_mentors(MmPool *pool, MmDiagnostics *diags) {
  GPtrArray *mentees = pool->people[MM_SIDE_MENTEE];
  gboolean *marks = g_new0(gboolean, MAX(mm_pool_n_mentors(pool), 1));
  for (guint i = 0; i < mentees->len; i++) {
    MmPerson *mentee = g_ptr_array_index(mentees, i);
    resolve_ids(pool, mentee, mentee->preferred_ids, &mentee->preferred_mentors,
                "preferred_mentors", diags);
    resolve_ids(pool, mentee, mentee->excluded_ids, &mentee->excluded_mentors,
                "excluded_mentors", diags);
    resolve_ids(pool, mentee, mentee->previous_ids, &mentee->previous_mentors,
                "previous_mentors", diags);
    warn_preferred_and_excluded(pool, mentee, marks, diags);
  }
  g_free(marks);
}

/* A referral cannot come after the date the pool describes: each one that
 * does is an error at its row. Returns how many. */
static guint check_waiting_since(const MmPool *pool, MmDiagnostics *diags) {
  guint n_errors = 0;
  char as_of[11];
  mm_i_day_format(pool->as_of, as_of);
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++) {
    const MmPerson *mentee = mm_i_pool_mentee(pool, i);
    if (mentee->waiting_since <= pool->as_of)
      continue;
    char since[11];
    mm_i_day_format(mentee->waiting_since, since);
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, mentee->source, mentee->line,
                       "waiting_since", "%s is after the as-of date %s", since,
                       as_of);
    n_errors++;
  }
  return n_errors;
}

gboolean mm_pool_prepare(MmPool *pool, MmDiagnostics *diags, GError **error) {
  g_return_val_if_fail(pool != NULL, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
  if (pool->prepared)
    return TRUE;
  if (pool->as_of == MM_NO_DAY)
    pool->as_of = mm_i_day_today();
  /* Duplicate ids were already refused row by row when added; what is left
   * to refuse is a referral dated after the as-of date. */
  MmDiagnostics *own = diags == NULL ? mm_diagnostics_new() : NULL;
  guint n_errors = check_waiting_since(pool, diags != NULL ? diags : own);
  if (n_errors == 0)
    resolve_named_mentors(pool, diags != NULL ? diags : own);
  mm_diagnostics_free(own);
  if (n_errors > 0) {
    g_set_error(error, MM_ERROR, MM_ERROR_INVALID_INPUT,
                "%u waiting_since %s after the as-of date", n_errors,
                n_errors == 1 ? "date is" : "dates are");
    return FALSE;
  }
  pool->encoding = mm_i_encoding_build(pool);
  pool->prepared = TRUE;
  return TRUE;
}

gboolean mm_pool_set_as_of(MmPool *pool, const char *date, GError **error) {
  g_return_val_if_fail(pool != NULL, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
  MmDay day = MM_NO_DAY;
  if (pool->prepared) {
    g_set_error_literal(error, MM_ERROR, MM_ERROR_INVALID_INPUT,
                        "the pool is already prepared; set the as-of date "
                        "before mm_pool_prepare()");
    return FALSE;
  }
  if (date != NULL && !mm_i_day_parse(date, &day)) {
    char *shown = mm_i_text_cut(date, MM_QUOTE_MAX_BYTES);
    g_set_error(error, MM_ERROR, MM_ERROR_INVALID_INPUT,
                "as-of date '%s' is not a date written YYYY-MM-DD", shown);
    g_free(shown);
    return FALSE;
  }
  pool->as_of = day;
  return TRUE;
}

char *mm_pool_get_as_of(const MmPool *pool) {
  g_return_val_if_fail(pool != NULL, NULL);
  char text[11];
  mm_i_day_format(pool->as_of != MM_NO_DAY ? pool->as_of : mm_i_day_today(), text);
  return g_strdup(text);
}

gboolean mm_pool_is_prepared(const MmPool *pool) {
  g_return_val_if_fail(pool != NULL, FALSE);
  return pool->prepared;
}

/* ---- Getters ---- */

guint mm_pool_n_mentees(const MmPool *pool) {
  g_return_val_if_fail(pool != NULL, 0);
  return pool->people[MM_SIDE_MENTEE]->len;
}

guint mm_pool_n_mentors(const MmPool *pool) {
  g_return_val_if_fail(pool != NULL, 0);
  return pool->people[MM_SIDE_MENTOR]->len;
}

const char *mm_pool_mentee_id(const MmPool *pool, guint index) {
  g_return_val_if_fail(pool != NULL, NULL);
  g_return_val_if_fail(index < mm_pool_n_mentees(pool), NULL);
  return mm_i_pool_mentee(pool, index)->id;
}

const char *mm_pool_mentor_id(const MmPool *pool, guint index) {
  g_return_val_if_fail(pool != NULL, NULL);
  g_return_val_if_fail(index < mm_pool_n_mentors(pool), NULL);
  return mm_i_pool_mentor(pool, index)->id;
}

static gint find_person(const MmPool *pool, MmSide side, const char *id) {
  gpointer found = g_hash_table_lookup(pool->index[side], id);
  return found != NULL ? (gint)GPOINTER_TO_UINT(found) - 1 : -1;
}

gint mm_pool_find_mentee(const MmPool *pool, const char *id) {
  g_return_val_if_fail(pool != NULL && id != NULL, -1);
  return find_person(pool, MM_SIDE_MENTEE, id);
}

gint mm_pool_find_mentor(const MmPool *pool, const char *id) {
  g_return_val_if_fail(pool != NULL && id != NULL, -1);
  return find_person(pool, MM_SIDE_MENTOR, id);
}

guint mm_pool_mentor_capacity(const MmPool *pool, guint mentor) {
  g_return_val_if_fail(pool != NULL, 0);
  g_return_val_if_fail(mentor < mm_pool_n_mentors(pool), 0);
  return (guint)mm_i_pool_mentor(pool, mentor)->capacity;
}

guint mm_pool_mentee_priority(const MmPool *pool, guint mentee) {
  g_return_val_if_fail(pool != NULL, 0);
  g_return_val_if_fail(mentee < mm_pool_n_mentees(pool), 0);
  return (guint)mm_i_pool_mentee(pool, mentee)->priority;
}
