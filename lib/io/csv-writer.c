/* csv-writer.c: RFC 4180 output that is safe to open in a spreadsheet. */
#include "csv-writer.h"

#include <math.h>
#include <string.h>

#define MAX_DECIMALS 17

/* OWASP "CSV Injection": a cell starting with one of these is run as a
 * formula by common spreadsheets. */
static gboolean starts_formula(const char *text) {
  return text[0] != '\0' && strchr("=+-@\t\r", text[0]) != NULL;
}

static gboolean is_blank(char c) { return c == ' ' || c == '\t'; }

/* Quoting keeps commas, quotes and line breaks inside the field, and blanks
 * at its ends that readers (libcsv among them) trim from unquoted fields. */
static gboolean needs_quotes(const char *text) {
  gsize length = strlen(text);
  if (length == 0)
    return FALSE;
  return strpbrk(text, ",\"\r\n") != NULL || is_blank(text[0]) ||
         is_blank(text[length - 1]);
}

void mm_csv_append_text(GString *out, const char *text) {
  g_return_if_fail(out != NULL);
  if (text == NULL)
    return;
  gboolean neutralise = starts_formula(text);
  /* The quote goes inside the field, so the quoting test sees it: a
   * neutralised "\tx" begins with ' and needs no quotes for its blank. */
  char *cell = neutralise ? g_strconcat("'", text, NULL) : NULL;
  const char *field = neutralise ? cell : text;
  if (!needs_quotes(field)) {
    g_string_append(out, field);
  } else {
    g_string_append_c(out, '"');
    for (const char *p = field; *p != '\0'; p++) {
      if (*p == '"')
        g_string_append_c(out, '"');
      g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
  }
  g_free(cell);
}

void mm_csv_append_number(GString *out, double value, int decimals) {
  g_return_if_fail(out != NULL);
  g_return_if_fail(decimals >= 0 && decimals <= MAX_DECIMALS);
  if (!isfinite(value))
    return;
  /* figures with the decimals every output shows take the one rounding
   * rule (mm_figure_round()), so the CSV, JSON and report agree */
  if (decimals == MM_CSV_SCORE_DECIMALS)
    value = mm_figure_round(value);
  char format[8];
  g_snprintf(format, sizeof format, "%%.%df", decimals);
  char text[G_ASCII_DTOSTR_BUF_SIZE + 320]; /* %f of 1e308 has 309 digits */
  g_ascii_formatd(text, sizeof text, format, value);
  /* A small negative value rounds to "-0.00", which reads as a sign error. */
  const char *digits = text[0] == '-' ? text + 1 : text;
  if (digits != text && strspn(digits, "0.") == strlen(digits))
    g_string_append(out, digits);
  else
    g_string_append(out, text);
}

void mm_i_csv_append_separator(GString *out) {
  g_return_if_fail(out != NULL);
  g_string_append_c(out, ',');
}

void mm_i_csv_end_row(GString *out) {
  g_return_if_fail(out != NULL);
  g_string_append_c(out, '\n');
}

void mm_i_csv_append_row(GString *out, const char *const *fields, gsize n) {
  g_return_if_fail(out != NULL);
  g_return_if_fail(fields != NULL || n == 0);
  for (gsize i = 0; i < n; i++) {
    if (i > 0)
      mm_i_csv_append_separator(out);
    mm_csv_append_text(out, fields[i]);
  }
  mm_i_csv_end_row(out);
}

#define UTF8_BOM "\xEF\xBB\xBF"

void mm_csv_for_excel(GString *csv) {
  g_return_if_fail(csv != NULL);
  GString *out = g_string_sized_new(csv->len + csv->len / 16 + 4);
  g_string_append(out, UTF8_BOM);
  for (gsize k = 0; k < csv->len; k++) {
    if (csv->str[k] == '\n' && (k == 0 || csv->str[k - 1] != '\r'))
      g_string_append_c(out, '\r');
    g_string_append_c(out, csv->str[k]);
  }
  g_string_truncate(csv, 0);
  g_string_append_len(csv, out->str, (gssize)out->len);
  g_string_free(out, TRUE);
}

char *mm_i_csv_finish(GString *out, gboolean excel) {
  g_return_val_if_fail(out != NULL, NULL);
  if (excel)
    mm_csv_for_excel(out);
  return g_string_free(out, FALSE);
}
