/* diagnostics.c: the list of problems found in input data. */
#include "pool-private.h"

#include <stdarg.h>

struct MmDiagnostics {
  GArray *items; /* MmDiagnostic, strings owned here */
  guint n_errors;
  guint n_warnings;
};

static void diagnostic_clear(gpointer data) {
  MmDiagnostic *d = data;
  g_free((char *)d->source);
  g_free((char *)d->column);
  g_free((char *)d->message);
}

MmDiagnostics *mm_diagnostics_new(void) {
  MmDiagnostics *diags = g_new0(MmDiagnostics, 1);
  diags->items = g_array_new(FALSE, TRUE, sizeof(MmDiagnostic));
  g_array_set_clear_func(diags->items, diagnostic_clear);
  return diags;
}

void mm_diagnostics_free(MmDiagnostics *diags) {
  if (diags == NULL)
    return;
  g_array_free(diags->items, TRUE);
  g_free(diags);
}

void mm_diagnostics_add(MmDiagnostics *diags, MmSeverity severity,
                        const char *source, guint line, const char *column,
                        const char *format, ...) {
  g_return_if_fail(diags != NULL && source != NULL && format != NULL);
  if (severity == MM_SEVERITY_ERROR)
    diags->n_errors++;
  else
    diags->n_warnings++;
  if (diags->items->len >= MM_DIAGNOSTICS_MAX)
    return;
  va_list args;
  va_start(args, format);
  MmDiagnostic d = {
      .severity = severity,
      .source = g_strdup(source),
      .line = line,
      .column = g_strdup(column),
      .message = g_strdup_vprintf(format, args),
  };
  va_end(args);
  g_array_append_val(diags->items, d);
}

guint mm_diagnostics_length(const MmDiagnostics *diags) {
  g_return_val_if_fail(diags != NULL, 0);
  return diags->items->len;
}

guint mm_diagnostics_n_errors(const MmDiagnostics *diags) {
  g_return_val_if_fail(diags != NULL, 0);
  return diags->n_errors;
}

guint mm_diagnostics_n_warnings(const MmDiagnostics *diags) {
  g_return_val_if_fail(diags != NULL, 0);
  return diags->n_warnings;
}

const MmDiagnostic *mm_diagnostics_get(const MmDiagnostics *diags, guint index) {
  g_return_val_if_fail(diags != NULL && index < diags->items->len, NULL);
  return &g_array_index(diags->items, MmDiagnostic, index);
}

char *mm_diagnostic_format(const MmDiagnostic *diag) {
  g_return_val_if_fail(diag != NULL, NULL);
  GString *out = g_string_new(diag->source);
  if (diag->line > 0)
    g_string_append_printf(out, ":%u", diag->line);
  g_string_append(out, ": ");
  if (diag->column != NULL)
    g_string_append_printf(out, "column %s: ", diag->column);
  if (diag->severity == MM_SEVERITY_WARNING)
    g_string_append(out, "warning: ");
  g_string_append(out, diag->message);
  return g_string_free(out, FALSE);
}
