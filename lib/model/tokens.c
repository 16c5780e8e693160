/* tokens.c: text folding and token interning. */
#include "tokens.h"

#include <string.h>

/* Loading looks a token up for nearly every value of a pool, so the table
 * is an open-addressing hash of its own rather than a GHashTable: the hash
 * is computed inline, kept per code, and compared before any string. */
struct MmTokenTable {
  guint32 *slots;      /* code + 1, or 0 for an empty slot */
  guint n_slots;       /* a power of two, more than twice the codes */
  GArray *hashes;      /* guint32 per code */
  GPtrArray *names;    /* code -> folded text */
  GPtrArray *displays; /* code -> first spelling seen, or NULL */
};

#define TOKENS_MIN_SLOTS 64

MmTokenTable *mm_i_tokens_new(void) {
  MmTokenTable *table = g_new0(MmTokenTable, 1);
  table->n_slots = TOKENS_MIN_SLOTS;
  table->slots = g_new0(guint32, table->n_slots);
  table->hashes = g_array_new(FALSE, FALSE, sizeof(guint32));
  table->names = g_ptr_array_new_with_free_func(g_free);
  table->displays = g_ptr_array_new_with_free_func(g_free);
  return table;
}

void mm_i_tokens_free(MmTokenTable *table) {
  if (table == NULL)
    return;
  g_free(table->slots);
  g_array_unref(table->hashes);
  g_ptr_array_free(table->names, TRUE);
  g_ptr_array_free(table->displays, TRUE);
  g_free(table);
}

guint32 mm_i_text_hash(const char *text) {
  guint32 h = 2166136261u; /* FNV-1a */
  for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
    h = (h ^ *p) * 16777619u;
  return h;
}

static guint32 code_hash(const MmTokenTable *table, guint code) {
  return g_array_index(table->hashes, guint32, code);
}

/* The slot holding @folded (hash @h), or the empty slot where it would go. */
static guint find_slot(const MmTokenTable *table, const char *folded,
                       guint32 h) {
  guint mask = table->n_slots - 1;
  for (guint i = h & mask;; i = (i + 1) & mask) {
    guint32 entry = table->slots[i];
    if (entry == 0)
      return i;
    guint code = entry - 1;
    if (code_hash(table, code) == h &&
        strcmp(g_ptr_array_index(table->names, code), folded) == 0)
      return i;
  }
}

/* Doubles the slots once they are half full, keeping probes short. */
static void grow_if_half_full(MmTokenTable *table) {
  if (2 * (table->names->len + 1) <= table->n_slots)
    return;
  guint n_slots = 2 * table->n_slots;
  guint32 *slots = g_new0(guint32, n_slots);
  for (guint code = 0; code < table->names->len; code++) {
    guint i = code_hash(table, code) & (n_slots - 1);
    while (slots[i] != 0)
      i = (i + 1) & (n_slots - 1);
    slots[i] = code + 1;
  }
  g_free(table->slots);
  table->slots = slots;
  table->n_slots = n_slots;
}

static gboolean is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Appends @text squeezed to @out, ASCII capitals in lower case when
 * @lower. Returns the bits of every byte written or'ed together: below
 * 0x80 when the text is all ASCII. */
static unsigned char squeeze_into(GString *out, const char *text,
                                  gboolean lower) {
  gsize start = out->len;
  /* Squeezing never lengthens a text: room for all of it at once, then
   * bytes written straight in (this runs for every token of a pool). */
  g_string_set_size(out, start + strlen(text));
  char *begin = out->str + start, *w = begin;
  gboolean pending_blank = FALSE;
  unsigned char bits = 0;
  for (const char *p = text; *p != '\0'; p++) {
    char c = *p;
    if (is_blank(c)) {
      pending_blank = w > begin;
      continue;
    }
    if (pending_blank)
      *w++ = ' ';
    pending_blank = FALSE;
    bits |= (unsigned char)c;
    *w++ = lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
  }
  g_string_truncate(out, (gsize)(w - out->str));
  return bits;
}

void mm_i_text_squeeze_append(GString *out, const char *text) {
  squeeze_into(out, text, FALSE);
}

char *mm_i_text_squeeze(const char *text) {
  GString *squeezed = g_string_sized_new(strlen(text));
  mm_i_text_squeeze_append(squeezed, text);
  return g_string_free(squeezed, FALSE);
}

#define ONES G_GUINT64_CONSTANT(0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT(0x8080808080808080)

gboolean mm_i_text_is_plain_ascii(const char *bytes, gsize length) {
  gsize i = 0;
  for (; i + sizeof(guint64) <= length; i += sizeof(guint64)) {
    guint64 word;
    memcpy(&word, bytes + i, sizeof word);
    /* A high bit set, or (word - ONES) & ~word & HIGHS: a zero byte. */
    if ((word & HIGHS) != 0 || ((word - ONES) & ~word & HIGHS) != 0)
      return FALSE;
  }
  /* One comparison a byte: 0 wraps round to the top, as 0x80 and above
   * do, under 0x7f once one is taken away. */
  for (; i < length; i++)
    if ((unsigned char)bytes[i] - 1u >= 0x7fu)
      return FALSE;
  return TRUE;
}

void mm_i_text_fold_append(GString *out, const char *text) {
  gsize start = out->len;
  /* Every ASCII text is already NFC, and casefolding maps an ASCII
   * character to its ASCII lower case: for the common all-ASCII text, one
   * pass and no allocation (this runs for every token of a pool). */
  if (squeeze_into(out, text, TRUE) < 0x80)
    return;
  g_string_truncate(out, start);
  mm_i_text_squeeze_append(out, text);
  /* Case folding before normalisation would miss composed forms that fold
   * differently; normalise first, then fold, as GLib recommends. */
  char *normalised = g_utf8_normalize(out->str + start, -1, G_NORMALIZE_NFC);
  g_string_truncate(out, start);
  if (normalised == NULL) /* invalid UTF-8: callers validate first */
    return;
  char *folded = g_utf8_casefold(normalised, -1);
  g_free(normalised);
  g_string_append(out, folded);
  g_free(folded);
}

char *mm_i_text_fold(const char *text) {
  GString *folded = g_string_sized_new(strlen(text));
  mm_i_text_fold_append(folded, text);
  return g_string_free(folded, FALSE);
}

gint32 mm_i_tokens_intern(MmTokenTable *table, const char *folded) {
  return mm_i_tokens_intern_display(table, folded, NULL);
}

gint32 mm_i_tokens_intern_display(MmTokenTable *table, const char *folded,
                                const char *display) {
  guint32 h = mm_i_text_hash(folded);
  guint slot = find_slot(table, folded, h);
  if (table->slots[slot] != 0)
    return (gint32)table->slots[slot] - 1;
  g_ptr_array_add(table->names, g_strdup(folded));
  g_ptr_array_add(table->displays, g_strdup(display));
  g_array_append_val(table->hashes, h);
  guint code = table->names->len - 1;
  table->slots[slot] = code + 1;
  grow_if_half_full(table);
  return (gint32)code;
}

gint32 mm_i_tokens_lookup(const MmTokenTable *table, const char *folded) {
  guint32 entry = table->slots[find_slot(table, folded, mm_i_text_hash(folded))];
  return entry == 0 ? MM_NO_TOKEN : (gint32)entry - 1;
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
