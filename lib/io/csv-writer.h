/* csv-writer.h: RFC 4180 output that is safe to open in a spreadsheet
 * (internal).
 *
 * Rows are built field by field in a GString: a field, a separator, a field,
 * ..., the end of the row. Rows end with LF (as the pool files may), so
 * outputs compare cleanly with diff and golden files. */
#pragma once

#include "pool-private.h"

/* Decimals of scores and contributions in every CSV output. */
#define MM_CSV_SCORE_DECIMALS 2

/**
 * mm_i_csv_append_text:
 * @text: (nullable): UTF-8 text; NULL writes an empty field.
 *
 * Appends one text field. A text that a spreadsheet would run as a formula
 * (first character '=', '+', '-', '@', TAB or CR; OWASP's list) is
 * neutralised by a leading single quote, which the spreadsheet shows as
 * text. The field is then quoted ("...", inner quotes doubled) when it holds
 * a comma, a quote, CR or LF, or begins or ends with a blank (a reader would
 * otherwise trim it). Reading the output back gives the text, with the quote
 * in front when it was neutralised.
 */
void mm_i_csv_append_text(GString *out, const char *text);

/**
 * mm_i_csv_append_number:
 * @decimals: digits after the decimal point, 0-17.
 *
 * Appends @value as a plain number ("%.*f"), never neutralised (a negative
 * number stays a number), with a '.' whatever the locale. -0 is written as
 * 0; NaN or infinity, which no output should hold, as an empty field.
 */
void mm_i_csv_append_number(GString *out, double value, int decimals);

/* The ',' between two fields of a row. */
void mm_i_csv_append_separator(GString *out);

/* The line end after the last field of a row. */
void mm_i_csv_end_row(GString *out);

/* Makes a whole CSV text what Excel opens with accented names intact
 * (--excel): a UTF-8 byte order mark first, and CRLF line ends (line
 * breaks inside quoted fields too, which Excel shows the same). */
void mm_i_csv_for_excel(GString *csv);

/* A whole row of @n text fields (each as mm_i_csv_append_text()), ended. */
void mm_i_csv_append_row(GString *out, const char *const *fields, gsize n);
