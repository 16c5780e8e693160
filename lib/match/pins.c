/* pins.c: existing matches to keep (a mentor may be the only constant adult
 * across placement moves, so stability comes first). */
#include "match-private.h"
#include "csv-reader.h"
#include "input-file.h"
#include "rules.h"

#include <string.h>

MmPins *mm_pins_new(const MmPool *pool) {
  g_return_val_if_fail(pool != NULL && mm_pool_is_prepared(pool), NULL);
  MmPins *pins = g_new0(MmPins, 1);
  pins->pool = mm_pool_ref((MmPool *)pool); /* pins name its people */
  pins->pins = g_array_new(FALSE, FALSE, sizeof(MmPin));
  guint n = mm_pool_n_mentees(pool), m = mm_pool_n_mentors(pool);
  pins->pinned_mentor = g_new(gint, MAX(n, 1));
  for (guint i = 0; i < n; i++)
    pins->pinned_mentor[i] = -1;
  pins->pins_on = g_new0(guint, MAX(m, 1));
  pins->strings = g_string_chunk_new(256);
  return pins;
}

void mm_pins_free(MmPins *pins) {
  if (pins == NULL)
    return;
  g_array_free(pins->pins, TRUE);
  g_free(pins->pinned_mentor);
  g_free(pins->pins_on);
  g_string_chunk_free(pins->strings);
  mm_pool_free((MmPool *)pins->pool);
  g_free(pins);
}

guint mm_pins_length(const MmPins *pins) {
  g_return_val_if_fail(pins != NULL, 0);
  return pins->pins->len;
}

static gboolean holds(const GArray *mentors, guint mentor) {
  for (guint k = 0; k < mentors->len; k++)
    if (g_array_index(mentors, guint, k) == mentor)
      return TRUE;
  return FALSE;
}

/* A match the coordinator ended by putting the mentor into the young
 * person's previous_mentors: last month's output, given as pins as it is,
 * must not keep it (the contract (docs/): not offered again unless named again). */
static gboolean match_has_ended(const MmPool *pool, guint mentee,
                                guint mentor) {
  const MmPerson *p = mm_i_pool_mentee(pool, mentee);
  return holds(p->previous_mentors, mentor) &&
         !holds(p->preferred_mentors, mentor);
}

/* Both ids are checked before either is reported, so that one bad row gives
 * every problem it has. */
gboolean mm_pins_add(MmPins *pins, const char *mentee_id, const char *mentor_id,
                     const char *source, guint line, MmDiagnostics *diags) {
  g_return_val_if_fail(pins != NULL && source != NULL, FALSE);
  g_autoptr(MmDiagnostics) local = diags == NULL ? mm_diagnostics_new() : NULL;
  if (diags == NULL)
    diags = local;
  gint mentee = mentee_id != NULL ? mm_pool_find_mentee(pins->pool, mentee_id) : -1;
  gint mentor = mentor_id != NULL ? mm_pool_find_mentor(pins->pool, mentor_id) : -1;
  gboolean ok = TRUE;
  if (mentee < 0) {
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, line, "mentee_id",
                       mentee_id == NULL || *mentee_id == '\0'
                           ? "required value missing"
                           : "not in the mentee pool");
    ok = FALSE;
  }
  if (mentor < 0) {
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, line, "mentor_id",
                       mentor_id == NULL || *mentor_id == '\0'
                           ? "required value missing"
                           : "not in the mentor pool");
    ok = FALSE;
  }
  if (!ok)
    return FALSE;
  if (match_has_ended(pins->pool, (guint)mentee, (guint)mentor)) {
    mm_diagnostics_add(diags, MM_SEVERITY_WARNING, source, line, "mentor_id",
                       "pinned pair %s-%s not kept: the match has ended "
                       "(the mentor is in the young person's "
                       "previous_mentors)",
                       mentee_id, mentor_id);
    return FALSE;
  }
  if (pins->pinned_mentor[mentee] >= 0) {
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, line, "mentee_id",
                       "mentee %s is already pinned", mentee_id);
    return FALSE;
  }
  guint capacity = mm_pool_mentor_capacity(pins->pool, (guint)mentor);
  if (pins->pins_on[mentor] >= capacity) {
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, line, "mentor_id",
                       "mentor %s has capacity %u and is already pinned to %u "
                       "mentees",
                       mentor_id, capacity, pins->pins_on[mentor]);
    return FALSE;
  }
  MmPin pin = {(guint)mentee, (guint)mentor,
               g_string_chunk_insert_const(pins->strings, source), line};
  g_array_append_val(pins->pins, pin);
  pins->pinned_mentor[mentee] = mentor;
  pins->pins_on[mentor]++;
  return TRUE;
}

void mm_i_pin_warn_broken(const MmPool *pool, const MmPin *pin, guint32 broken,
                        const char *column, MmDiagnostics *diags) {
  if (broken == 0 || diags == NULL)
    return;
  guint counts[MM_N_RULES] = {0};
  mm_i_rules_count(&broken, 1, counts);
  char *rules = mm_rules_summary(counts);
  mm_diagnostics_add(diags, MM_SEVERITY_WARNING, pin->source, pin->line,
                     column, "pinned pair %s-%s kept although it breaks: %s",
                     mm_pool_mentee_id(pool, pin->mentee),
                     mm_pool_mentor_id(pool, pin->mentor), rules);
  g_free(rules);
}

/* ---- pins from CSV ---- */

typedef struct {
  MmPins *pins;
  const char *source;
  MmDiagnostics *diags;
  gboolean have_header;
  gint mentee_field, mentor_field; /* -1 until found in the header */
  /* A previous `match` output (it has a status column): its matched and
   * pinned rows are the pins, its unmatched rows and other columns are
   * passed over in silence (the contract (docs/), --pinned). */
  gint status_field;
} PinsLoad;

/* The status of a `match` output row that keeps a mentor. */
static gboolean status_keeps_mentor(const char *status) {
  return g_ascii_strcasecmp(status, "matched") == 0 ||
         g_ascii_strcasecmp(status, "pinned") == 0;
}

/* Maps the header; other columns are ignored with a warning, as in pools,
 * unless the file is a previous match output. */
static gboolean load_pins_header(PinsLoad *ctx, const MmCsvRecord *record) {
  ctx->have_header = TRUE;
  GPtrArray *unknown = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < record->n_fields; i++) {
    char *name = mm_i_header_fold(record->fields[i]);
    gint *slot = strcmp(name, "mentee_id") == 0   ? &ctx->mentee_field
                 : strcmp(name, "mentor_id") == 0 ? &ctx->mentor_field
                 : strcmp(name, "status") == 0    ? &ctx->status_field
                                                  : NULL;
    if (slot == NULL)
      g_ptr_array_add(unknown, g_strdup(name));
    else if (*slot >= 0)
      mm_diagnostics_add(ctx->diags, MM_SEVERITY_ERROR, ctx->source,
                         record->line, name,
                         "duplicate column (only the first one is read)");
    else
      *slot = (gint)i;
    g_free(name);
  }
  for (guint k = 0; ctx->status_field < 0 && k < unknown->len; k++)
    mm_diagnostics_add(ctx->diags, MM_SEVERITY_WARNING, ctx->source,
                       record->line, g_ptr_array_index(unknown, k),
                       "unknown column, ignored");
  g_ptr_array_unref(unknown);
  gboolean ok = TRUE;
  if (ctx->mentee_field < 0 || ctx->mentor_field < 0) {
    mm_diagnostics_add(ctx->diags, MM_SEVERITY_ERROR, ctx->source, record->line,
                       ctx->mentee_field < 0 ? "mentee_id" : "mentor_id",
                       "required column missing");
    ok = FALSE;
  }
  return ok;
}

static const char *pin_field(const MmCsvRecord *record, gint field) {
  return (guint)field < record->n_fields ? record->fields[field] : "";
}

static gboolean on_pin_record(const MmCsvRecord *record, gpointer data) {
  PinsLoad *ctx = data;
  if (!ctx->have_header)
    return load_pins_header(ctx, record);
  for (guint i = 0; i < record->n_fields; i++)
    if (record->status[i] != MM_CSV_FIELD_OK)
      mm_diagnostics_add(ctx->diags, MM_SEVERITY_ERROR, ctx->source,
                         record->line, NULL, "field %u %s", i + 1,
                         mm_i_csv_field_status_message(record->status[i]));
  if (record->n_bad > 0)
    return TRUE;
  if (ctx->status_field >= 0 &&
      !status_keeps_mentor(pin_field(record, ctx->status_field)))
    return TRUE; /* an unmatched row of a match output */
  char *mentee = g_strstrip(g_strdup(pin_field(record, ctx->mentee_field)));
  char *mentor = g_strstrip(g_strdup(pin_field(record, ctx->mentor_field)));
  if (*mentee != '\0' || *mentor != '\0') /* ",," rows are blank lines */
    mm_pins_add(ctx->pins, mentee, mentor, ctx->source, record->line,
                ctx->diags);
  g_free(mentee);
  g_free(mentor);
  return TRUE;
}

gboolean mm_pins_load_csv_data(MmPins *pins, const char *data, gsize length,
                               const char *source, MmDiagnostics *diags,
                               GError **error) {
  g_return_val_if_fail(pins != NULL && source != NULL, FALSE);
  g_return_val_if_fail(data != NULL || length == 0, FALSE);
  g_autoptr(MmDiagnostics) own = diags == NULL ? mm_diagnostics_new() : NULL;
  PinsLoad ctx = {.pins = pins, .source = source,
                  .diags = diags != NULL ? diags : own,
                  .mentee_field = -1, .mentor_field = -1,
                  .status_field = -1};
  guint errors_before = mm_diagnostics_n_errors(ctx.diags);
  MmCsvFailure failure;
  if (!mm_i_csv_read(data, length, on_pin_record, &ctx, &failure))
    mm_i_csv_report_failure(ctx.diags, source, &failure, NULL);
  else if (!ctx.have_header)
    mm_diagnostics_add(ctx.diags, MM_SEVERITY_ERROR, source, 0, NULL,
                       "no header row");
  guint n_errors = mm_diagnostics_n_errors(ctx.diags) - errors_before;
  if (n_errors > 0) {
    g_set_error(error, MM_ERROR, MM_ERROR_INVALID_INPUT, "%s: %u %s", source,
                n_errors, n_errors == 1 ? "error" : "errors");
    return FALSE;
  }
  return TRUE;
}

gboolean mm_pins_load_csv(MmPins *pins, const char *path, MmDiagnostics *diags,
                          GError **error) {
  g_return_val_if_fail(pins != NULL && path != NULL, FALSE);
  gsize length = 0;
  g_autofree char *contents = mm_i_input_file_read(path, &length, diags, error);
  if (contents == NULL)
    return FALSE;
  return mm_pins_load_csv_data(pins, contents, length, path, diags, error);
}
