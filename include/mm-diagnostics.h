/* mm-diagnostics.h: the list of problems found in input data.
 *
 * Loading and validation never stop at the first problem: every warning and
 * error is collected here so that a coordinator can fix a whole export in one
 * go. Each diagnostic names where it was found (a file and the physical line on
 * which the record starts, or a JSON path such as "mentees[3]") and the column.
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include "mm-common.h"

G_BEGIN_DECLS

typedef enum {
  MM_SEVERITY_WARNING,
  MM_SEVERITY_ERROR,
} MmSeverity;

/**
 * MmDiagnostic:
 * @severity: warning (the data are still usable) or error (they are not).
 * @source: the file name, or a JSON path such as "mentees[3]"; never NULL.
 * @line: physical line (1-based) on which the record starts; 0 when the
 *   problem is not tied to a line (e.g. a file that cannot be opened).
 * @column: the column (CSV header name, or "weights.KEY" / "rules.KEY" for a
 *   config key); NULL when the problem is not tied to a column.
 * @message: plain-language description; quotes of user data are truncated.
 *
 * One problem. Owned by the MmDiagnostics list that holds it.
 */
typedef struct {
  MmSeverity severity;
  const char *source;
  guint line;
  const char *column;
  const char *message;
} MmDiagnostic;

typedef struct MmDiagnostics MmDiagnostics;

/**
 * mm_diagnostics_new:
 *
 * Returns: (transfer full): an empty list; free with mm_diagnostics_free().
 * A list is not thread-safe: give each thread its own.
 */
MM_EXTERN MmDiagnostics *mm_diagnostics_new(void);

/* Frees the list and every diagnostic in it. NULL is ignored. */
MM_EXTERN void mm_diagnostics_free(MmDiagnostics *diags);

/* Appends one diagnostic; @source and @column are copied, @column may be NULL.
 * After MM_DIAGNOSTICS_MAX entries further ones are only counted, so a hostile
 * file cannot grow the list without bound. */
MM_EXTERN void mm_diagnostics_add(MmDiagnostics *diags, MmSeverity severity,
                                  const char *source, guint line,
                                  const char *column, const char *format, ...)
    G_GNUC_PRINTF(6, 7);

/* The most diagnostics a list keeps; later ones are counted but dropped. */
#define MM_DIAGNOSTICS_MAX 10000

/* Number of diagnostics kept (at most MM_DIAGNOSTICS_MAX). */
MM_EXTERN guint mm_diagnostics_length(const MmDiagnostics *diags);

/* Number of errors / warnings seen, including any dropped past the cap. */
MM_EXTERN guint mm_diagnostics_n_errors(const MmDiagnostics *diags);
MM_EXTERN guint mm_diagnostics_n_warnings(const MmDiagnostics *diags);

/* Returns: (transfer none): diagnostic @index (< mm_diagnostics_length()), in
 * the order found. Valid until the list is freed. */
MM_EXTERN const MmDiagnostic *mm_diagnostics_get(const MmDiagnostics *diags,
                                                 guint index);

/**
 * mm_diagnostic_format:
 *
 * Formats one diagnostic the way the contract (docs/) fixes it:
 * "FILE:LINE: column NAME: message" (errors) and
 * "FILE:LINE: column NAME: warning: message" (warnings). The ":LINE" part is
 * left out when line is 0 and the "column NAME: " part when column is NULL.
 *
 * Returns: (transfer full): a newly allocated string; g_free() it.
 */
MM_EXTERN char *mm_diagnostic_format(const MmDiagnostic *diag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmDiagnostics, mm_diagnostics_free)

G_END_DECLS
