/* tokens.c: text folding and token interning. */
#include "tokens.h"

#include <string.h>

struct MmTokenTable {
  GHashTable *codes; /* folded text (owned by names) -> code + 1 */
  GPtrArray *names;  /* code -> folded text */
  GPtrArray *displays; /* code -> first spelling seen, or NULL */
};

MmTokenTable *mm_i_tokens_new(void) {
  MmTokenTable *table = g_new0(MmTokenTable, 1);
  table->codes = g_hash_table_new(g_str_hash, g_str_equal);
  table->names = g_ptr_array_new_with_free_func(g_free);
  table->displays = g_ptr_array_new_with_free_func(g_free);
  return table;
}

void mm_i_tokens_free(MmTokenTable *table) {
  if (table == NULL)
    return;
  g_hash_table_destroy(table->codes);
  g_ptr_array_free(table->names, TRUE);
  g_ptr_array_free(table->displays, TRUE);
  g_free(table);
}

static gboolean is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char *mm_i_text_squeeze(const char *text) {
  GString *squeezed = g_string_sized_new(strlen(text));
  gboolean pending_blank = FALSE;
  for (const char *p = text; *p != '\0'; p++) {
    if (is_blank(*p)) {
      pending_blank = squeezed->len > 0;
      continue;
    }
    if (pending_blank)
      g_string_append_c(squeezed, ' ');
    pending_blank = FALSE;
    g_string_append_c(squeezed, *p);
  }
  return g_string_free(squeezed, FALSE);
}

char *mm_i_text_fold(const char *text) {
  char *squeezed = mm_i_text_squeeze(text);
  /* Case folding before normalisation would miss composed forms that fold
   * differently; normalise first, then fold, as GLib recommends. */
  char *normalised = g_utf8_normalize(squeezed, -1, G_NORMALIZE_NFC);
  g_free(squeezed);
  if (normalised == NULL) /* invalid UTF-8: callers validate first */
    return g_strdup("");
  char *folded = g_utf8_casefold(normalised, -1);
  g_free(normalised);
  return folded;
}

gint32 mm_i_tokens_intern(MmTokenTable *table, const char *folded) {
  return mm_i_tokens_intern_display(table, folded, NULL);
}

gint32 mm_i_tokens_intern_display(MmTokenTable *table, const char *folded,
                                const char *display) {
  gpointer found = g_hash_table_lookup(table->codes, folded);
  if (found != NULL)
    return GPOINTER_TO_INT(found) - 1;
  char *copy = g_strdup(folded);
  g_ptr_array_add(table->names, copy);
  g_ptr_array_add(table->displays, g_strdup(display));
  gint32 code = (gint32)table->names->len - 1;
  g_hash_table_insert(table->codes, copy, GINT_TO_POINTER(code + 1));
  return code;
}

gint32 mm_i_tokens_lookup(const MmTokenTable *table, const char *folded) {
  gpointer found = g_hash_table_lookup(table->codes, folded);
  return found == NULL ? MM_NO_TOKEN : GPOINTER_TO_INT(found) - 1;
}

const char *mm_i_tokens_name(const MmTokenTable *table, gint32 code) {
  g_return_val_if_fail(code >= 0 && (guint)code < table->names->len, NULL);
  return g_ptr_array_index(table->names, code);
}

const char *mm_i_tokens_display(const MmTokenTable *table, gint32 code) {
  g_return_val_if_fail(code >= 0 && (guint)code < table->names->len, NULL);
  const char *display = g_ptr_array_index(table->displays, code);
  return display != NULL ? display : g_ptr_array_index(table->names, code);
}

guint mm_i_tokens_count(const MmTokenTable *table) { return table->names->len; }

char *mm_i_text_cut(const char *text, gsize max_bytes) {
  g_return_val_if_fail(text != NULL, NULL);
  gsize length = strlen(text);
  if (length <= max_bytes)
    return g_strdup(text);
  /* The start of the character holding byte max_bytes is the longest cut
   * that ends on a character boundary. */
  const char *end = g_utf8_find_prev_char(text, text + max_bytes + 1);
  gsize keep = end != NULL ? (gsize)(end - text) : 0;
  return g_strdup_printf("%.*s...", (int)keep, text);
}

gboolean mm_i_text_to_boolean(const char *text, gboolean *value) {
  static const char *const yes[] = {"yes", "true", "y", "1"};
  static const char *const no[] = {"no", "false", "n", "0"};
  for (guint i = 0; i < G_N_ELEMENTS(yes); i++) {
    if (g_ascii_strcasecmp(text, yes[i]) == 0) {
      *value = TRUE;
      return TRUE;
    }
    if (g_ascii_strcasecmp(text, no[i]) == 0) {
      *value = FALSE;
      return TRUE;
    }
  }
  return FALSE;
}

char *mm_i_header_fold(const char *name) {
  g_return_val_if_fail(name != NULL, NULL);
  GString *out = g_string_new(NULL);
  gboolean gap = FALSE;
  for (const char *c = name; *c != '\0'; c++) {
    if (g_ascii_isspace(*c) || *c == '-' || *c == '_') {
      gap = TRUE;
      continue;
    }
    if (gap && out->len > 0)
      g_string_append_c(out, '_');
    gap = FALSE;
    g_string_append_c(out, g_ascii_tolower(*c));
  }
  return g_string_free(out, FALSE);
}

guint mm_i_text_distance(const char *a, const char *b, guint limit) {
  gsize la = strlen(a), lb = strlen(b);
  if ((la > lb ? la - lb : lb - la) > limit)
    return limit + 1;
  /* one row of the Levenshtein table at a time */
  guint *row = g_new(guint, lb + 1);
  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint)j;
  for (gsize i = 1; i <= la; i++) {
    guint diagonal = row[0];
    row[0] = (guint)i;
    for (gsize j = 1; j <= lb; j++) {
      guint above = row[j];
      guint cost = diagonal + (a[i - 1] != b[j - 1]);
      row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), cost);
      diagonal = above;
    }
  }
  guint d = row[lb];
  g_free(row);
  return MIN(d, limit + 1);
}
