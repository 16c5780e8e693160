/* csv-writer.h: RFC 4180 output that is safe to open in a spreadsheet
 * (internal).
 *
 * Rows are built field by field in a GString: a field, a separator, a field,
 * ..., the end of the row. Rows end with LF (as the pool files may), so
 * outputs compare cleanly with diff and golden files. The field writers a
 * caller may use too (mm_csv_append_text(), mm_csv_append_number(),
 * mm_csv_for_excel()) and MM_CSV_SCORE_DECIMALS are public: mm-output.h. */
#pragma once

#include "pool-private.h"

/* The ',' between two fields of a row. */
void mm_i_csv_append_separator(GString *out);

/* The line end after the last field of a row. */
void mm_i_csv_end_row(GString *out);

/* A whole row of @n text fields (each as mm_csv_append_text()), ended. */
void mm_i_csv_append_row(GString *out, const char *const *fields, gsize n);

/* Returns: (transfer full): the text of @out, which it frees, made for
 * Excel (mm_csv_for_excel()) when @excel is TRUE. */
char *mm_i_csv_finish(GString *out, gboolean excel);
