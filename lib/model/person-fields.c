/* person-fields.c: the columns of the contract (docs/), and one parser per kind of value.
 *
 * A table lists every column with the side(s) it belongs to, the MmPerson
 * field it fills and the parser for its kind of value (whole number,
 * decimal, boolean, token, token list, or one of the few columns with a
 * grammar of their own). mm_i_pool_add_row() runs each value through its
 * parser, then the checks that involve several columns, and adds the person
 * only when nothing was an error. Every problem is reported; none stops the
 * others from being found. */
#include "person-fields.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "person.h"
#include "units.h"

/* docs/pools.md: the ages each side may have. */
#define MENTEE_AGE_MIN 5
#define MENTEE_AGE_MAX 30
#define MENTOR_AGE_MIN 14
#define MENTOR_AGE_MAX 100
/* Ages a person may ask for (pref_age_*, mentee_age_*): any plausible age. */
#define WANTED_AGE_MIN 0
#define WANTED_AGE_MAX 100
/* the contract (docs/), mentee and mentor columns. */
#define CAPACITY_MIN 1
#define CAPACITY_MAX 20

typedef struct Row Row;
typedef void (*ParseFunc)(Row *row, const char *text);

#define SIDE_BIT(side) (1u << (side))
#define MENTEE SIDE_BIT(MM_SIDE_MENTEE)
#define MENTOR SIDE_BIT(MM_SIDE_MENTOR)
#define BOTH (MENTEE | MENTOR)
#define FIELD(member) offsetof(MmPerson, member)
#define PREF_BIT(pref) (1u << (pref))

struct MmColumn {
  const char *name;          /* as the contract (docs/) spells it */
  guint sides;               /* SIDE_BIT()s of the sides that have it */
  ParseFunc parse;           /* gets the trimmed value, never empty */
  gsize offset;              /* the MmPerson field the parser fills */
  MmVocab vocab;             /* tokens and token lists */
  double min, max;           /* numbers */
  gboolean value_required;   /* an empty value is an error */
  const char *empty_warning; /* an empty value is a warning */
};

/* Room for a typical row's trimmed values, folded tokens and list items
 * (a generated row is about 160 bytes); more is added when needed. */
#define ROW_SCRATCH_BYTES 512
/* The strings of done rows are freed once they hold this much, rather than
 * after each row: clearing frees every block, and a row would then start
 * by allocating one again. */
#define ROW_SCRATCH_KEEP_BYTES (64 * 1024)

/* The items of the list being parsed (list_items()); a longer list is
 * rejected. */
typedef struct {
  guint len;
  char *pdata[MM_LIST_MAX_ITEMS];
} ItemList;

/* The codes of one list being parsed: at most one per item. */
typedef struct {
  gint32 codes[MM_LIST_MAX_ITEMS];
  guint n;
} CodeList;

/* The codes already found for one spelling, as written: a pool's values
 * repeat a few spellings ("White: British", "football") over and over, and
 * finding one here saves folding it again. */
typedef struct {
  guint32 hash;
  guint32 kind;     /* the MmVocab it was interned in, or KIND_ETHNICITY,
                       KIND_SKILL, KIND_SLOT or KIND_MENTOR_TYPE; KIND_NONE
                       for an empty slot */
  guint32 offset;   /* of its text in MmRowScratch.spelling_text */
  gint32 codes[2];  /* a token's code; an ethnicity's group and full codes;
                       an availability slot; a mentor type */
} Spelling;

#define KIND_ETHNICITY ((guint32)MM_N_VOCABS)
#define KIND_SKILL (KIND_ETHNICITY + 1)
#define KIND_SLOT (KIND_ETHNICITY + 2)
#define KIND_MENTOR_TYPE (KIND_ETHNICITY + 3)
#define KIND_NONE G_MAXUINT32
/* Spellings kept per file at most: a file of ever new spellings stops
 * adding them (and is read as before, only without the shortcut). */
#define SPELLINGS_MAX 4096
/* The table starts small and doubles at half full (so up to twice
 * SPELLINGS_MAX slots): a pool's few hundred spellings then sit in a few
 * kilobytes that stay in cache, where a table of the largest size (192 KiB)
 * met a cache miss at nearly every lookup. A power of two. */
#define SPELLING_SLOTS_MIN 256

/* Rows are many and short: what parsing one needs comes from buffers that
 * are reused from row to row, not from an allocation per value. */
struct MmRowScratch {
  gboolean values_checked; /* see mm_i_row_scratch_new() */
  /* Spellings seen, with their codes in spellings_pool (only one pool's
   * codes are ever kept); NULL until a first one is kept, and always for
   * a scratch made for a single row. */
  gboolean keep_spellings;
  const MmPool *spellings_pool;
  Spelling *spellings; /* n_spelling_slots */
  guint n_spelling_slots;
  guint n_spellings;
  GString *spelling_text;
  GStringChunk *strings; /* kept until the row is done (row_copy()) */
  gsize strings_bytes;   /* held by strings, about */
  GString *key;          /* the value being folded (fold_key()) */
  GString *display;      /* an ethnicity being put together */
  ItemList items;        /* the list being parsed (list_items()) */
  CodeList codes[2];     /* its codes (codes_start()); pref_ethnicity has
                            two kinds */
  /* The last source named, as stored in the pool (source_of()). */
  const MmPool *source_pool;
  const char *source;
};

/* One record being validated. */
struct Row {
  MmPool *pool;
  MmSide side;
  MmPerson *person;
  const char *source;
  guint line;
  MmDiagnostics *diags;
  const MmColumn *column; /* the column being parsed */
  guint64 present;        /* bit per column (table index): seen */
  guint64 given;          /* bit per column: seen with a non-empty value */
  guint n_errors;
  MmRowScratch *scratch;
};

/* ---- Reporting ---- */

static void row_report(Row *row, MmSeverity severity, const char *column,
                       const char *format, ...) G_GNUC_PRINTF(4, 5);

static void row_report(Row *row, MmSeverity severity, const char *column,
                       const char *format, ...) {
  va_list args;
  va_start(args, format);
  char *message = g_strdup_vprintf(format, args);
  va_end(args);
  if (severity == MM_SEVERITY_ERROR)
    row->n_errors++;
  mm_diagnostics_add(row->diags, severity, row->source, row->line, column, "%s",
                     message);
  g_free(message);
}

/* Problems of the value being parsed, reported in its column. */
#define row_error(row, ...)                                                    \
  row_report((row), MM_SEVERITY_ERROR, (row)->column->name, __VA_ARGS__)
#define row_warning(row, ...)                                                  \
  row_report((row), MM_SEVERITY_WARNING, (row)->column->name, __VA_ARGS__)

/* A copy of @length bytes at @bytes, NUL-terminated, kept until the row is
 * done. */
static const char *row_copy(Row *row, const char *bytes, gsize length) {
  row->scratch->strings_bytes += length + 1;
  return g_string_chunk_insert_len(row->scratch->strings, bytes,
                                   (gssize)length);
}

/* Keeps (a copy of) @text until the row is done, freeing @text. */
static const char *row_keep(Row *row, char *text) {
  const char *kept = row_copy(row, text, strlen(text));
  g_free(text);
  return kept;
}

static const char *quoted(Row *row, const char *value) {
  return row_keep(row, mm_i_value_quote(value));
}

char *mm_i_value_quote(const char *value) {
  g_return_val_if_fail(value != NULL, NULL);
  char *cut = mm_i_text_cut(value, MM_QUOTE_MAX_BYTES);
  /* A line break inside a quoted CSV field would split the one-line
   * "FILE:LINE: column NAME: message" form. */
  for (char *p = cut; *p != '\0'; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7f)
      *p = '?';
  char *result = g_strdup_printf("'%s'", cut);
  g_free(cut);
  return result;
}

/* ---- Kinds of values ---- */

/* Whole numbers are read only up to this size: beyond it every column's
 * range (at most 0-100) rejects them all the same. */
#define WHOLE_NUMBER_CAP G_GINT64_CONSTANT(1000000000000000)

/* The value of @s if it is a whole number (an optional sign, then digits
 * and nothing else), its size capped at WHOLE_NUMBER_CAP. */
static gboolean whole_number_value(const char *s, gint64 *value) {
  gboolean negative = *s == '-';
  if (*s == '+' || *s == '-')
    s++;
  if (!g_ascii_isdigit(*s))
    return FALSE;
  gint64 size = 0;
  for (; g_ascii_isdigit(*s); s++)
    size = MIN(size * 10 + (*s - '0'), WHOLE_NUMBER_CAP);
  if (*s != '\0')
    return FALSE;
  *value = negative ? -size : size;
  return TRUE;
}

/* Whole numbers within the column's min..max, into a gint field. */
static void parse_whole(Row *row, const char *text) {
  const MmColumn *c = row->column;
  gint64 value;
  if (!whole_number_value(text, &value)) {
    row_error(row, "%s is not a whole number", quoted(row, text));
    return;
  }
  if (value < c->min || value > c->max) {
    row_error(row, "%s is outside %d-%d", quoted(row, text), (int)c->min,
              (int)c->max);
    return;
  }
  G_STRUCT_MEMBER(gint, row->person, c->offset) = (gint)value;
}

/* Only the characters of a plain decimal: g_ascii_strtod alone would also
 * take "nan", "inf" and hexadecimal. */
static gboolean is_decimal_text(const char *s) {
  gboolean digit = FALSE;
  for (; *s != '\0'; s++) {
    if (g_ascii_isdigit(*s))
      digit = TRUE;
    else if (strchr("+-.eE", *s) == NULL)
      return FALSE;
  }
  return digit;
}

/* Powers of ten a double holds exactly, up to the most digits below. */
static const double exact_powers_of_ten[] = {
    1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
#define PLAIN_DECIMAL_MAX_DIGITS 15

/* The value of @s when it is a plain decimal ("52.4413", "-1.25", ".5")
 * of at most 15 digits and no exponent. Its digits then make an integer
 * below 2^53 and the point divides it by an exact power of ten, so one
 * correctly rounded division gives exactly the double g_ascii_strtod()
 * gives (Clinger's fast path), at a fraction of the cost: every person has
 * coordinates. FALSE for anything else, which is left to g_ascii_strtod(). */
static gboolean plain_decimal_value(const char *s, double *value) {
  gboolean negative = *s == '-';
  if (*s == '-' || *s == '+')
    s++;
  guint64 mantissa = 0;
  guint digits = 0, fraction_digits = 0;
  gboolean point = FALSE;
  for (; *s != '\0'; s++) {
    if (*s >= '0' && *s <= '9') {
      if (++digits > PLAIN_DECIMAL_MAX_DIGITS)
        return FALSE;
      mantissa = mantissa * 10 + (guint64)(*s - '0');
      fraction_digits += point ? 1 : 0;
    } else if (*s == '.' && !point) {
      point = TRUE;
    } else {
      return FALSE;
    }
  }
  if (digits == 0)
    return FALSE;
  double magnitude =
      (double)mantissa / exact_powers_of_ten[fraction_digits];
  *value = negative ? -magnitude : magnitude;
  return TRUE;
}

/* The finite value of the decimal @text, or FALSE. */
static gboolean decimal_value(const char *text, double *value) {
  if (plain_decimal_value(text, value))
    return TRUE;
  char *end = NULL;
  *value = is_decimal_text(text) ? g_ascii_strtod(text, &end) : NAN;
  return end != NULL && *end == '\0' && isfinite(*value);
}

/* Decimals within the column's min..max (max may be INFINITY), into a double
 * field. */
static void parse_decimal(Row *row, const char *text) {
  const MmColumn *c = row->column;
  double value;
  if (!decimal_value(text, &value)) {
    row_error(row, "%s is not a number%s", quoted(row, text),
              strchr(text, ',') != NULL ? " (use '.' for decimals)" : "");
    return;
  }
  if (value < c->min || value > c->max) {
    if (isfinite(c->max))
      row_error(row, "%s is outside %g to %g", quoted(row, text), c->min,
                c->max);
    else
      row_error(row, "%s is below %g", quoted(row, text), c->min);
    return;
  }
  G_STRUCT_MEMBER(double, row->person, c->offset) = value;
}

static gboolean tri_from_text(const char *text, MmTri *tri) {
  gboolean value;
  if (!mm_i_text_to_boolean(text, &value))
    return FALSE;
  *tri = value ? MM_TRI_YES : MM_TRI_NO;
  return TRUE;
}

/* Booleans into an MmTri field (empty stays MM_TRI_UNKNOWN). */
static void parse_boolean(Row *row, const char *text) {
  MmTri value;
  if (!tri_from_text(text, &value)) {
    row_error(row,
              "%s is not yes or no (use yes/no, true/false, y/n or 1/0; "
              "leave it empty when not known)",
              quoted(row, text));
    return;
  }
  G_STRUCT_MEMBER(MmTri, row->person, row->column->offset) = value;
}

/* @raw folded into row->key; valid until the next fold_key(). */
static GString *fold_key(Row *row, const char *raw) {
  GString *key = row->scratch->key;
  g_string_truncate(key, 0);
  mm_i_text_fold_append(key, raw);
  return key;
}

/* @raw folded, kept until the row is done. */
static const char *folded(Row *row, const char *raw) {
  GString *key = fold_key(row, raw);
  return row_copy(row, key->str, key->len);
}

/* Code of @key (folded) in @table, interning it when new with the display
 * spelling @display_of() gives for @raw; the display is only worked out
 * for a token not seen before. */
static gint32 intern_key(MmTokenTable *table, const char *key, const char *raw,
                         char *(*display_of)(const char *raw,
                                             const char *key)) {
  gint32 code = mm_i_tokens_lookup(table, key);
  if (code != MM_NO_TOKEN)
    return code;
  char *display = display_of(raw, key);
  code = mm_i_tokens_intern_display(table, key, display);
  g_free(display);
  return code;
}

static char *squeezed_display(const char *raw, const char *key) {
  (void)key;
  return mm_i_text_squeeze(raw);
}

/* The slot of @raw as @kind (hash @h): where it is, or the empty slot
 * where it would go. */
static Spelling *spelling_slot(MmRowScratch *s, guint32 kind, const char *raw,
                               guint32 h) {
  guint mask = s->n_spelling_slots - 1;
  for (guint i = h & mask;; i = (i + 1) & mask) {
    Spelling *e = &s->spellings[i];
    if (e->kind == KIND_NONE ||
        (e->hash == h && e->kind == kind &&
         strcmp(s->spelling_text->str + e->offset, raw) == 0))
      return e;
  }
}

/* Doubles the spelling table, keeping what it holds. */
static void grow_spellings(MmRowScratch *s) {
  Spelling *old = s->spellings;
  guint n_old = s->n_spelling_slots;
  s->n_spelling_slots = 2 * n_old;
  s->spellings = g_new(Spelling, s->n_spelling_slots);
  for (guint i = 0; i < s->n_spelling_slots; i++)
    s->spellings[i].kind = KIND_NONE;
  guint mask = s->n_spelling_slots - 1;
  for (guint k = 0; k < n_old; k++) {
    if (old[k].kind == KIND_NONE)
      continue;
    guint i = old[k].hash & mask;
    while (s->spellings[i].kind != KIND_NONE)
      i = (i + 1) & mask;
    s->spellings[i] = old[k];
  }
  g_free(old);
}

static guint32 spelling_hash(guint32 kind, const char *raw) {
  return mm_i_text_hash(raw) ^ (kind * 0x9e3779b9u);
}

/* The codes kept for @raw as @kind, or NULL. */
static const gint32 *recall_spelling(Row *row, guint32 kind, const char *raw) {
  MmRowScratch *s = row->scratch;
  if (s->spellings == NULL || s->spellings_pool != row->pool)
    return NULL;
  Spelling *e = spelling_slot(s, kind, raw, spelling_hash(kind, raw));
  return e->kind == KIND_NONE ? NULL : e->codes;
}

static void remember_spelling(Row *row, guint32 kind, const char *raw,
                              gint32 code0, gint32 code1) {
  MmRowScratch *s = row->scratch;
  if (!s->keep_spellings)
    return;
  if (s->spellings == NULL) {
    s->n_spelling_slots = SPELLING_SLOTS_MIN;
    s->spellings = g_new(Spelling, s->n_spelling_slots);
    s->spelling_text = g_string_new(NULL);
  }
  if (s->spellings_pool != row->pool) {
    for (guint i = 0; i < s->n_spelling_slots; i++)
      s->spellings[i].kind = KIND_NONE;
    s->n_spellings = 0;
    g_string_truncate(s->spelling_text, 0);
    s->spellings_pool = row->pool;
  }
  if (s->n_spellings >= SPELLINGS_MAX)
    return;
  if (2 * (s->n_spellings + 1) > s->n_spelling_slots)
    grow_spellings(s);
  guint32 h = spelling_hash(kind, raw);
  Spelling *e = spelling_slot(s, kind, raw, h);
  if (e->kind != KIND_NONE)
    return;
  *e = (Spelling){.hash = h, .kind = kind,
                  .offset = (guint32)s->spelling_text->len,
                  .codes = {code0, code1}};
  g_string_append_len(s->spelling_text, raw, (gssize)strlen(raw) + 1);
  s->n_spellings++;
}

/* Code of @raw in @vocab (the first spelling seen is kept for display), or
 * MM_NO_TOKEN when it folds to nothing. */
static gint32 intern_token(Row *row, MmVocab vocab, const char *raw) {
  const gint32 *kept = recall_spelling(row, vocab, raw);
  if (kept != NULL)
    return kept[0];
  GString *key = fold_key(row, raw);
  gint32 code = key->len == 0 ? MM_NO_TOKEN
                              : intern_key(row->pool->vocab[vocab], key->str,
                                           raw, squeezed_display);
  remember_spelling(row, vocab, raw, code, MM_NO_TOKEN);
  return code;
}

/* One token into a gint32 field. */
static void parse_token(Row *row, const char *text) {
  G_STRUCT_MEMBER(gint32, row->person, row->column->offset) =
      intern_token(row, row->column->vocab, text);
}

/* The items of a ';'-separated list, trimmed, empty ones dropped; kept with
 * the row. */
/* @start..@end without the ASCII blanks g_strstrip() removes; returns the
 * new length. */
static gsize trim(const char **start, const char *end) {
  const char *s = *start;
  while (s < end && g_ascii_isspace(*s))
    s++;
  while (end > s && g_ascii_isspace(end[-1]))
    end--;
  *start = s;
  return (gsize)(end - s);
}

/* The items of a ';'-separated list, trimmed, empty ones dropped; the items
 * are kept with the row, the array only until the next list_items() (no
 * parser reads two lists at once). */
static const ItemList *list_items(Row *row, const char *text) {
  ItemList *items = &row->scratch->items;
  guint n_items = 0;
  /* One copy of the list, cut into its items in place. */
  char *list = (char *)row_copy(row, text, strlen(text));
  for (char *part = list;; part++) {
    char *end = strchrnul(part, ';');
    gboolean last = *end == '\0';
    const char *first = part;
    gsize length = trim(&first, end);
    if (length > 0) {
      char *item = part + (first - part);
      item[length] = '\0';
      if (n_items < MM_LIST_MAX_ITEMS)
        items->pdata[n_items] = item;
      n_items++;
    }
    if (last)
      break;
    part = end;
  }
  items->len = n_items;
  if (n_items > MM_LIST_MAX_ITEMS) {
    row_error(row, "list has %u items; at most %d", n_items,
              MM_LIST_MAX_ITEMS);
    items->len = 0; /* the row is rejected anyway */
  }
  return items;
}

/* The row's code list @k, emptied for the list being parsed. */
static CodeList *codes_start(Row *row, guint k) {
  row->scratch->codes[k].n = 0;
  return &row->scratch->codes[k];
}

/* Adds @code (one per list item, so there is always room). */
static void codes_add(CodeList *list, gint32 code) {
  if (code != MM_NO_TOKEN && list->n < G_N_ELEMENTS(list->codes))
    list->codes[list->n++] = code;
}

/* Sets @codes to the distinct codes of @list. */
static void codes_set(Row *row, MmCodes *codes, CodeList *list) {
  mm_i_codes_set(row->pool, codes, list->codes, list->n);
}

/* Token lists into an MmCodes field: folded, de-duplicated, sorted. */
static void parse_token_list(Row *row, const char *text) {
  const ItemList *items = list_items(row, text);
  CodeList *codes = codes_start(row, 0);
  for (guint i = 0; i < items->len; i++)
    codes_add(codes, intern_token(row, row->column->vocab, items->pdata[i]));
  codes_set(row, &G_STRUCT_MEMBER(MmCodes, row->person, row->column->offset),
            codes);
}

/* A skill "X-informed" (or "X informed") covers the need "X": a
 * trauma-informed mentor meets a young person's need "trauma". */
static const char *const informed_suffixes[] = {"-informed", " informed"};

/* Length of @text without an informed suffix (ASCII case-insensitive), or
 * 0 when it has none or nothing comes before it. */
static gsize informed_stem(const char *text) {
  gsize length = strlen(text);
  for (gsize i = 0; i < G_N_ELEMENTS(informed_suffixes); i++) {
    gsize n = strlen(informed_suffixes[i]);
    if (length > n &&
        g_ascii_strcasecmp(text + length - n, informed_suffixes[i]) == 0)
      return length - n;
  }
  return 0;
}

/* The display of a skill "X-informed" whose need folds to @key: @raw
 * squeezed and cut at its own suffix (folding may change lengths); if it
 * has none that is visible, the folded need is shown. */
static char *informed_skill_display(const char *raw, const char *key) {
  char *display = mm_i_text_squeeze(raw);
  gsize stem = informed_stem(display);
  if (stem > 0) {
    display[stem] = '\0';
    return display;
  }
  g_free(display);
  return g_strdup(key);
}

static gint32 intern_new_skill(Row *row, const char *raw) {
  GString *key = fold_key(row, raw);
  gsize stem = informed_stem(key->str);
  if (stem > 0)
    g_string_truncate(key, stem);
  if (key->len == 0)
    return MM_NO_TOKEN;
  return intern_key(row->pool->vocab[MM_VOCAB_NEED], key->str, raw,
                    stem > 0 ? informed_skill_display : squeezed_display);
}

/* As intern_new_skill(), for a spelling kept already when it was. */
static gint32 intern_skill(Row *row, const char *raw) {
  const gint32 *kept = recall_spelling(row, KIND_SKILL, raw);
  if (kept != NULL)
    return kept[0];
  gint32 code = intern_new_skill(row, raw);
  remember_spelling(row, KIND_SKILL, raw, code, MM_NO_TOKEN);
  return code;
}

static void parse_skills(Row *row, const char *text) {
  const ItemList *items = list_items(row, text);
  CodeList *codes = codes_start(row, 0);
  for (guint i = 0; i < items->len; i++)
    codes_add(codes, intern_skill(row, items->pdata[i]));
  codes_set(row, &row->person->skills, codes);
}

/* ---- Columns with a grammar of their own ---- */

/* Checks an id's length and characters; @what names it in messages. */
static gboolean check_id(Row *row, const char *id, const char *what) {
  gsize length = strlen(id);
  if (length > MM_ID_MAX_BYTES) {
    row_error(row,
              "%s %s is %" G_GSIZE_FORMAT
              " bytes long, more than the %d allowed",
              what, quoted(row, id), length, MM_ID_MAX_BYTES);
    return FALSE;
  }
  for (const char *p = id; *p != '\0'; p = g_utf8_next_char(p)) {
    /* ASCII's control characters are Unicode's first ones (Cc): no need
     * to decode the common case. */
    unsigned char byte = (unsigned char)*p;
    gboolean control = byte < 0x80 ? byte < 0x20 || byte == 0x7f
                                   : g_unichar_iscntrl(g_utf8_get_char(p));
    if (control) {
      row_error(row, "%s %s holds a control character", what, quoted(row, id));
      return FALSE;
    }
  }
  return TRUE;
}

static void report_duplicate_id(Row *row, const MmPerson *first) {
  if (strcmp(first->source, row->source) != 0 && first->line > 0)
    row_error(row, "duplicate id, first seen in %s on line %u", first->source,
              first->line);
  else if (strcmp(first->source, row->source) != 0)
    row_error(row, "duplicate id, first seen in %s", first->source);
  else if (first->line > 0)
    row_error(row, "duplicate id, first seen on line %u", first->line);
  else
    row_error(row, "duplicate id");
}

static void parse_id(Row *row, const char *text) {
  if (!check_id(row, text, "id"))
    return;
  gpointer found = g_hash_table_lookup(row->pool->index[row->side], text);
  if (found != NULL) {
    guint first = GPOINTER_TO_UINT(found) - 1;
    report_duplicate_id(row,
                        g_ptr_array_index(row->pool->people[row->side], first));
    return;
  }
  /* Not g_string_chunk_insert_const(): ids are unique on their side
   * (checked above), so its table of every id would cost a hash and an
   * insertion each and save nothing. */
  row->person->id = g_string_chunk_insert_len(row->pool->strings, text, -1);
}

/* Codes of an ethnicity "Group: Detail" or "Group" (@full is MM_NO_TOKEN
 * when there is no detail). FALSE when the group is empty. */
static gboolean intern_new_ethnicity(Row *row, const char *raw, gint32 *group,
                                     gint32 *full) {
  const char *colon = strchr(raw, ':');
  const char *group_raw =
      colon != NULL ? row_copy(row, raw, (gsize)(colon - raw)) : raw;
  *group = intern_token(row, MM_VOCAB_ETHNIC_GROUP, group_raw);
  *full = MM_NO_TOKEN;
  if (*group == MM_NO_TOKEN)
    return FALSE;
  if (colon == NULL || fold_key(row, colon + 1)->len == 0)
    return TRUE;
  /* "Group: Detail" with both parts squeezed, so spacing and case around
   * the ':' do not make two ethnicities of one. */
  GString *display = row->scratch->display;
  g_string_truncate(display, 0);
  mm_i_text_squeeze_append(display, group_raw);
  g_string_append(display, ": ");
  mm_i_text_squeeze_append(display, colon + 1);
  *full = intern_token(row, MM_VOCAB_ETHNICITY, display->str);
  return TRUE;
}

/* As intern_new_ethnicity(), for a spelling kept already when it was. */
static gboolean intern_ethnicity(Row *row, const char *raw, gint32 *group,
                                 gint32 *full) {
  const gint32 *kept = recall_spelling(row, KIND_ETHNICITY, raw);
  if (kept != NULL) {
    *group = kept[0];
    *full = kept[1];
    return TRUE;
  }
  if (!intern_new_ethnicity(row, raw, group, full))
    return FALSE;
  remember_spelling(row, KIND_ETHNICITY, raw, *group, *full);
  return TRUE;
}

static void report_no_ethnic_group(Row *row, const char *raw) {
  row_error(row,
            "%s has no group before ':' (use Group: Detail, e.g. "
            "Black: African, or just the group)",
            quoted(row, raw));
}

static void parse_ethnicity(Row *row, const char *text) {
  MmPerson *p = row->person;
  if (!intern_ethnicity(row, text, &p->ethnic_group, &p->ethnicity))
    report_no_ethnic_group(row, text);
}

static void parse_availability(Row *row, const char *text) {
  const ItemList *items = list_items(row, text);
  for (guint i = 0; i < items->len; i++) {
    const char *item = items->pdata[i];
    const gint32 *kept = recall_spelling(row, KIND_SLOT, item);
    guint slot;
    if (kept != NULL) {
      row->person->availability |= 1u << kept[0];
    } else if (mm_i_slot_from_name(folded(row, item), &slot)) {
      row->person->availability |= 1u << slot;
      remember_spelling(row, KIND_SLOT, item, (gint32)slot, 0);
    } else
      row_error(row,
                "%s is not a time slot (use mon..sun with -am, -pm or -eve, "
                "e.g. sat-am)",
                quoted(row, items->pdata[i]));
  }
}

/* "care experienced" and "care-experienced" name care_experienced too. */
static gboolean preference_from_item(Row *row, const char *raw,
                                     MmPreference *pref) {
  char *name = (char *)folded(row, raw);
  g_strdelimit(name, " -", '_');
  return mm_i_preference_from_name(name, pref);
}

static void parse_must(Row *row, const char *text) {
  const ItemList *items = list_items(row, text);
  for (guint i = 0; i < items->len; i++) {
    MmPreference pref;
    if (preference_from_item(row, items->pdata[i], &pref))
      row->person->must |= PREF_BIT(pref);
    else
      row_error(row,
                "%s is not a preference name (use gender, ethnicity, "
                "religion, care_experienced, age, mentor_type or language)",
                quoted(row, items->pdata[i]));
  }
}

static gboolean mentor_type_from_item(Row *row, const char *raw,
                                      MmMentorType *type) {
  const gint32 *kept = recall_spelling(row, KIND_MENTOR_TYPE, raw);
  if (kept != NULL) {
    *type = (MmMentorType)kept[0];
    return TRUE;
  }
  if (mm_i_mentor_type_from_name(folded(row, raw), type)) {
    remember_spelling(row, KIND_MENTOR_TYPE, raw, (gint32)*type, 0);
    return TRUE;
  }
  row_error(row,
            "%s is not a mentor type (use paid, volunteer, peer or natural)",
            quoted(row, raw));
  return FALSE;
}

static void parse_mentor_type(Row *row, const char *text) {
  MmMentorType type;
  if (mentor_type_from_item(row, text, &type))
    row->person->mentor_type = type;
}

static void parse_pref_mentor_type(Row *row, const char *text) {
  const ItemList *items = list_items(row, text);
  for (guint i = 0; i < items->len; i++) {
    MmMentorType type;
    if (mentor_type_from_item(row, items->pdata[i], &type))
      row->person->pref_mentor_type |= 1u << type;
  }
}

/* The pref_ethnicity keywords; spaces for hyphens are accepted too. */
static guint32 ethnicity_keyword(const char *key) {
  if (strcmp(key, "same") == 0)
    return MM_ETH_SAME;
  if (strcmp(key, "same-group") == 0 || strcmp(key, "same group") == 0)
    return MM_ETH_SAME_GROUP;
  if (strcmp(key, "different-group") == 0 ||
      strcmp(key, "different group") == 0)
    return MM_ETH_DIFFERENT_GROUP;
  return 0;
}

static void parse_pref_ethnicity(Row *row, const char *text) {
  MmPerson *p = row->person;
  const ItemList *items = list_items(row, text);
  CodeList *full_codes = codes_start(row, 0), *group_codes = codes_start(row, 1);
  for (guint i = 0; i < items->len; i++) {
    const char *item = items->pdata[i];
    guint32 keyword = ethnicity_keyword(folded(row, item));
    gint32 group, full;
    if (keyword != 0) {
      p->pref_ethnicity_flags |= keyword;
    } else if (!intern_ethnicity(row, item, &group, &full)) {
      report_no_ethnic_group(row, item);
    } else if (full != MM_NO_TOKEN) {
      codes_add(full_codes, full);
    } else {
      codes_add(group_codes, group);
    }
  }
  codes_set(row, &p->pref_ethnicity, full_codes);
  codes_set(row, &p->pref_ethnic_group, group_codes);
}

static void parse_pref_religion(Row *row, const char *text) {
  const ItemList *items = list_items(row, text);
  CodeList *codes = codes_start(row, 0);
  for (guint i = 0; i < items->len; i++) {
    if (strcmp(folded(row, items->pdata[i]), "same") == 0)
      row->person->pref_religion_same = TRUE;
    else
      codes_add(codes, intern_token(row, MM_VOCAB_RELIGION, items->pdata[i]));
  }
  codes_set(row, &row->person->pref_religion, codes);
}

/* Whether @id is among @ids from index @first on. Lists are short (at most
 * MM_LIST_MAX_ITEMS): a scan costs less than a hash table per list. */
static gboolean named_since(const GPtrArray *ids, guint first, const char *id) {
  for (guint k = first; k < ids->len; k++)
    if (strcmp(g_ptr_array_index(ids, k), id) == 0)
      return TRUE;
  return FALSE;
}

/* Mentor ids, in order and each once, into @ids (strings in the pool).
 * Resolved to mentors by mm_pool_prepare(), once every mentor is known. */
static void parse_mentor_ids(Row *row, const char *text, GPtrArray **list,
                             gboolean warn_repeats) {
  const ItemList *items = list_items(row, text);
  if (items->len == 0)
    return;
  GPtrArray *ids = mm_i_person_own_ids(row->pool, list);
  guint first = ids->len;
  for (guint i = 0; i < items->len; i++) {
    const char *id = items->pdata[i];
    if (!check_id(row, id, "mentor id"))
      continue;
    if (named_since(ids, first, id)) {
      if (warn_repeats)
        row_warning(row,
                    "mentor %s is named more than once; the first place counts",
                    quoted(row, id));
      continue;
    }
    /* A copy of its own (not g_string_chunk_insert_const()): a table of
     * every named id would cost more to fill than the few bytes that
     * sharing the copies of a much named mentor saves. */
    g_ptr_array_add(ids, g_string_chunk_insert_len(row->pool->strings, id, -1));
  }
}

static void parse_preferred_mentors(Row *row, const char *text) {
  parse_mentor_ids(row, text, &row->person->preferred_ids, TRUE);
}

/* Repeats in a veto list change nothing, so they pass silently. */
static void parse_excluded_mentors(Row *row, const char *text) {
  parse_mentor_ids(row, text, &row->person->excluded_ids, FALSE);
}

/* Mentors of matches that have ended: like a veto, repeats change nothing. */
static void parse_previous_mentors(Row *row, const char *text) {
  parse_mentor_ids(row, text, &row->person->previous_ids, FALSE);
}

/* When the young person was referred; checked against the as-of date by
 * mm_pool_prepare(), which alone knows it. */
static void parse_waiting_since(Row *row, const char *text) {
  if (!mm_i_day_parse(text, &row->person->waiting_since))
    row_error(row, "%s is not a date written YYYY-MM-DD", quoted(row, text));
}

/* ---- The table ---- */

static const MmColumn columns[] = {
    /* both sides */
    {.name = "id", .sides = BOTH, .parse = parse_id, .value_required = TRUE},
    {.name = "age",
     .sides = MENTEE,
     .parse = parse_whole,
     .offset = FIELD(age),
     .min = MENTEE_AGE_MIN,
     .max = MENTEE_AGE_MAX,
     .value_required = TRUE},
    {.name = "age",
     .sides = MENTOR,
     .parse = parse_whole,
     .offset = FIELD(age),
     .min = MENTOR_AGE_MIN,
     .max = MENTOR_AGE_MAX,
     .value_required = TRUE},
    {.name = "gender",
     .sides = BOTH,
     .parse = parse_token,
     .offset = FIELD(gender),
     .vocab = MM_VOCAB_GENDER},
    {.name = "ethnicity", .sides = BOTH, .parse = parse_ethnicity},
    {.name = "religion",
     .sides = BOTH,
     .parse = parse_token,
     .offset = FIELD(religion),
     .vocab = MM_VOCAB_RELIGION},
    {.name = "languages",
     .sides = BOTH,
     .parse = parse_token_list,
     .offset = FIELD(languages),
     .vocab = MM_VOCAB_LANGUAGE},
    {.name = "interests",
     .sides = BOTH,
     .parse = parse_token_list,
     .offset = FIELD(interests),
     .vocab = MM_VOCAB_INTEREST},
    {.name = "care_experienced",
     .sides = BOTH,
     .parse = parse_boolean,
     .offset = FIELD(care_experienced)},
    {.name = "lat",
     .sides = BOTH,
     .parse = parse_decimal,
     .offset = FIELD(lat),
     .min = -90,
     .max = 90},
    {.name = "lon",
     .sides = BOTH,
     .parse = parse_decimal,
     .offset = FIELD(lon),
     .min = -180,
     .max = 180},
    {.name = "remote",
     .sides = BOTH,
     .parse = parse_boolean,
     .offset = FIELD(remote)},
    {.name = "availability", .sides = BOTH, .parse = parse_availability},
    {.name = "must", .sides = BOTH, .parse = parse_must},
    /* mentees */
    {.name = "needs",
     .sides = MENTEE,
     .parse = parse_token_list,
     .offset = FIELD(needs),
     .vocab = MM_VOCAB_NEED},
    {.name = "aspirations",
     .sides = MENTEE,
     .parse = parse_token_list,
     .offset = FIELD(aspirations),
     .vocab = MM_VOCAB_SECTOR},
    {.name = "priority",
     .sides = MENTEE,
     .parse = parse_whole,
     .offset = FIELD(priority),
     .min = 0,
     .max = MM_MAX_PRIORITY},
    {.name = "pref_gender",
     .sides = MENTEE,
     .parse = parse_token_list,
     .offset = FIELD(pref_gender),
     .vocab = MM_VOCAB_GENDER},
    {.name = "pref_ethnicity", .sides = MENTEE, .parse = parse_pref_ethnicity},
    {.name = "pref_religion", .sides = MENTEE, .parse = parse_pref_religion},
    {.name = "pref_care_experienced",
     .sides = MENTEE,
     .parse = parse_boolean,
     .offset = FIELD(pref_care_experienced)},
    {.name = "pref_age_min",
     .sides = MENTEE,
     .parse = parse_whole,
     .offset = FIELD(pref_age_min),
     .min = WANTED_AGE_MIN,
     .max = WANTED_AGE_MAX},
    {.name = "pref_age_max",
     .sides = MENTEE,
     .parse = parse_whole,
     .offset = FIELD(pref_age_max),
     .min = WANTED_AGE_MIN,
     .max = WANTED_AGE_MAX},
    {.name = "pref_mentor_type",
     .sides = MENTEE,
     .parse = parse_pref_mentor_type},
    {.name = "pref_language",
     .sides = MENTEE,
     .parse = parse_token_list,
     .offset = FIELD(pref_language),
     .vocab = MM_VOCAB_LANGUAGE},
    {.name = "preferred_mentors",
     .sides = MENTEE,
     .parse = parse_preferred_mentors},
    {.name = "excluded_mentors",
     .sides = MENTEE,
     .parse = parse_excluded_mentors},
    {.name = "previous_mentors",
     .sides = MENTEE,
     .parse = parse_previous_mentors},
    {.name = "waiting_since", .sides = MENTEE, .parse = parse_waiting_since},
    /* mentors */
    {.name = "capacity",
     .sides = MENTOR,
     .parse = parse_whole,
     .offset = FIELD(capacity),
     .min = CAPACITY_MIN,
     .max = CAPACITY_MAX},
    {.name = "mentor_type", .sides = MENTOR, .parse = parse_mentor_type},
    /* KP6: an empty value cannot count as cleared, but it is not a broken
     * file either: the mentor loads and the rules keep them unmatched. */
    {.name = "checks_cleared",
     .sides = MENTOR,
     .parse = parse_boolean,
     .offset = FIELD(checks_cleared),
     .empty_warning = "checks_cleared is empty: treated as not cleared"},
    {.name = "training_hours",
     .sides = MENTOR,
     .parse = parse_decimal,
     .offset = FIELD(training_hours),
     .min = 0,
     .max = INFINITY},
    {.name = "skills", .sides = MENTOR, .parse = parse_skills},
    {.name = "sectors",
     .sides = MENTOR,
     .parse = parse_token_list,
     .offset = FIELD(sectors),
     .vocab = MM_VOCAB_SECTOR},
    {.name = "max_distance_km",
     .sides = MENTOR,
     .parse = parse_decimal,
     .offset = FIELD(max_distance_km),
     .min = 0,
     .max = INFINITY},
    {.name = "mentee_age_min",
     .sides = MENTOR,
     .parse = parse_whole,
     .offset = FIELD(mentee_age_min),
     .min = WANTED_AGE_MIN,
     .max = WANTED_AGE_MAX},
    {.name = "mentee_age_max",
     .sides = MENTOR,
     .parse = parse_whole,
     .offset = FIELD(mentee_age_max),
     .min = WANTED_AGE_MIN,
     .max = WANTED_AGE_MAX},
    {.name = "pref_mentee_gender",
     .sides = MENTOR,
     .parse = parse_token_list,
     .offset = FIELD(pref_mentee_gender),
     .vocab = MM_VOCAB_GENDER},
};

/* Rows track columns in 64-bit masks. */
G_STATIC_ASSERT(G_N_ELEMENTS(columns) <= 64);

static const char *const mentee_required[] = {"id", "age", NULL};
static const char *const mentor_required[] = {"id", "age", "checks_cleared",
                                              NULL};

static guint64 column_bit(const MmColumn *column) {
  return G_GUINT64_CONSTANT(1) << (column - columns);
}

/* @name must be trimmed; matched case-insensitively. */
static const MmColumn *find_column(MmSide side, const char *name) {
  for (gsize i = 0; i < G_N_ELEMENTS(columns); i++)
    if ((columns[i].sides & SIDE_BIT(side)) != 0 &&
        g_ascii_strcasecmp(columns[i].name, name) == 0)
      return &columns[i];
  return NULL;
}

const MmColumn *mm_i_column_lookup(MmSide side, const char *name) {
  g_return_val_if_fail(side == MM_SIDE_MENTEE || side == MM_SIDE_MENTOR, NULL);
  g_return_val_if_fail(name != NULL, NULL);
  char *folded = mm_i_header_fold(name);
  const MmColumn *column = find_column(side, folded);
  g_free(folded);
  return column;
}

/* A name this many edits away at most is a slip (one or two letters),
 * and only for names long enough not to match everything. */
#define SUGGEST_MAX_EDITS 2
#define SUGGEST_MIN_LENGTH 4

const char *mm_i_column_suggest(const char *name) {
  g_return_val_if_fail(name != NULL, NULL);
  g_autofree char *folded = mm_i_header_fold(name);
  if (strlen(folded) < SUGGEST_MIN_LENGTH)
    return NULL;
  const char *best = NULL;
  guint best_distance = SUGGEST_MAX_EDITS + 1;
  for (gsize i = 0; i < G_N_ELEMENTS(columns); i++) {
    guint d = mm_i_text_distance(folded, columns[i].name, SUGGEST_MAX_EDITS);
    if (d < best_distance) {
      best = columns[i].name;
      best_distance = d;
    }
  }
  return best;
}

void mm_i_column_warn_unknown(MmDiagnostics *diags, const char *source,
                            guint line, const char *name) {
  const char *nearest = mm_i_column_suggest(name);
  if (nearest != NULL)
    mm_diagnostics_add(diags, MM_SEVERITY_WARNING, source, line, name,
                       "unknown column, ignored; did you mean %s?", nearest);
  else
    mm_diagnostics_add(diags, MM_SEVERITY_WARNING, source, line, name,
                       "unknown column, ignored");
}

const char *mm_i_column_name(const MmColumn *column) {
  g_return_val_if_fail(column != NULL, NULL);
  return column->name;
}

const char *const *mm_i_columns_required(MmSide side) {
  return side == MM_SIDE_MENTOR ? mentor_required : mentee_required;
}

/* ---- Checks across columns ---- */

/* The bits of the columns every row is checked for, found by name once
 * rather than for each row. */
typedef struct {
  guint64 required[2]; /* per side: all its required columns */
  guint64 lat, lon;
} CheckedBits;

static const CheckedBits *checked_bits(void) {
  static CheckedBits bits;
  static gsize ready = 0;
  if (g_once_init_enter(&ready)) {
    for (guint side = 0; side < 2; side++)
      for (const char *const *name = mm_i_columns_required((MmSide)side);
           *name != NULL; name++)
        bits.required[side] |= column_bit(find_column((MmSide)side, *name));
    /* Both sides share the location columns. */
    bits.lat = column_bit(find_column(MM_SIDE_MENTEE, "lat"));
    bits.lon = column_bit(find_column(MM_SIDE_MENTEE, "lon"));
    g_once_init_leave(&ready, 1);
  }
  return &bits;
}

static void check_required_columns(Row *row) {
  guint64 required = checked_bits()->required[row->side];
  if ((row->present & required) == required)
    return;
  for (const char *const *name = mm_i_columns_required(row->side); *name != NULL;
       name++)
    if ((row->present & column_bit(find_column(row->side, *name))) == 0)
      row_report(row, MM_SEVERITY_ERROR, *name, "required column missing");
}

/* A location needs both coordinates. */
static void check_location(Row *row) {
  const CheckedBits *bits = checked_bits();
  gboolean lat = (row->given & bits->lat) != 0;
  gboolean lon = (row->given & bits->lon) != 0;
  if (lat != lon)
    row_report(row, MM_SEVERITY_ERROR, lat ? "lon" : "lat",
               "empty, but %s is given (give both lat and lon, or neither)",
               lat ? "lat" : "lon");
  MmPerson *p = row->person;
  p->has_location = !isnan(p->lat) && !isnan(p->lon);
}

static void check_age_range(Row *row, const char *min_name, gint min,
                            const char *max_name, gint max) {
  if (min != MM_UNSET_INT && max != MM_UNSET_INT && min > max)
    row_report(row, MM_SEVERITY_ERROR, max_name, "%d is below %s (%d)", max,
               min_name, min);
}

/* The preferences a mentee stated, as PREF_BIT()s. pref_care_experienced
 * "no" states nothing: only wanting a care-experienced mentor is one. */
static guint32 mentee_stated_preferences(const MmPerson *p) {
  guint32 stated = 0;
  if (p->pref_gender.n > 0)
    stated |= PREF_BIT(MM_PREF_GENDER);
  if (p->pref_ethnicity.n > 0 || p->pref_ethnic_group.n > 0 ||
      p->pref_ethnicity_flags != 0)
    stated |= PREF_BIT(MM_PREF_ETHNICITY);
  if (p->pref_religion.n > 0 || p->pref_religion_same)
    stated |= PREF_BIT(MM_PREF_RELIGION);
  if (p->pref_care_experienced == MM_TRI_YES)
    stated |= PREF_BIT(MM_PREF_CARE_EXPERIENCED);
  if (p->pref_age_min != MM_UNSET_INT || p->pref_age_max != MM_UNSET_INT)
    stated |= PREF_BIT(MM_PREF_AGE);
  if (p->pref_mentor_type != 0)
    stated |= PREF_BIT(MM_PREF_MENTOR_TYPE);
  if (p->pref_language.n > 0)
    stated |= PREF_BIT(MM_PREF_LANGUAGE);
  return stated;
}

/* Where a mentee states each preference, for messages. */
static const char *const preference_columns[MM_N_PREFS] = {
    [MM_PREF_GENDER] = "pref_gender",
    [MM_PREF_ETHNICITY] = "pref_ethnicity",
    [MM_PREF_RELIGION] = "pref_religion",
    [MM_PREF_CARE_EXPERIENCED] = "pref_care_experienced",
    [MM_PREF_AGE] = "pref_age_min or pref_age_max",
    [MM_PREF_MENTOR_TYPE] = "pref_mentor_type",
    [MM_PREF_LANGUAGE] = "pref_language",
};

/* `must` keeps only what can be enforced, so that the rules never read a
 * requirement with nothing behind it (which would exclude every mentor). */
static void check_mentee_must(Row *row) {
  MmPerson *p = row->person;
  guint32 unstated = p->must & ~mentee_stated_preferences(p);
  for (guint pref = 0; pref < MM_N_PREFS; pref++) {
    if ((unstated & PREF_BIT(pref)) == 0)
      continue;
    if (pref == MM_PREF_CARE_EXPERIENCED &&
        p->pref_care_experienced == MM_TRI_NO)
      row_report(row, MM_SEVERITY_WARNING, "must",
                 "must lists care_experienced but pref_care_experienced is no "
                 "(nothing to enforce)");
    else
      row_report(row, MM_SEVERITY_WARNING, "must",
                 "must lists %s but no %s is given (nothing to enforce)",
                 mm_i_preference_name(pref), preference_columns[pref]);
  }
  p->must &= ~unstated;
}

static void check_mentor_must(Row *row) {
  MmPerson *p = row->person;
  guint32 meaningless = p->must & ~PREF_BIT(MM_PREF_GENDER);
  for (guint pref = 0; pref < MM_N_PREFS; pref++)
    if ((meaningless & PREF_BIT(pref)) != 0)
      row_report(row, MM_SEVERITY_WARNING, "must",
                 "must lists %s, which a mentor cannot require (only gender, "
                 "with pref_mentee_gender); ignored",
                 mm_i_preference_name(pref));
  p->must &= ~meaningless;
  if ((p->must & PREF_BIT(MM_PREF_GENDER)) != 0 &&
      p->pref_mentee_gender.n == 0) {
    row_report(row, MM_SEVERITY_WARNING, "must",
               "must lists gender but no pref_mentee_gender is given "
               "(nothing to enforce)");
    p->must = 0;
  }
}

/* "same" compares with the mentee's own value, which must be there. */
static void check_same_keywords(Row *row) {
  const MmPerson *p = row->person;
  if (p->pref_ethnicity_flags != 0 && p->ethnic_group == MM_NO_TOKEN)
    row_report(row, MM_SEVERITY_WARNING, "pref_ethnicity",
               "same, same-group and different-group compare with the "
               "mentee's own ethnicity, which is not given");
  if (p->pref_religion_same && p->religion == MM_NO_TOKEN)
    row_report(row, MM_SEVERITY_WARNING, "pref_religion",
               "same compares with the mentee's own religion, which is not "
               "given");
}

static void check_row(Row *row) {
  check_required_columns(row);
  check_location(row);
  if (row->side == MM_SIDE_MENTEE) {
    const MmPerson *p = row->person;
    check_age_range(row, "pref_age_min", p->pref_age_min, "pref_age_max",
                    p->pref_age_max);
    check_same_keywords(row);
    check_mentee_must(row);
  } else {
    const MmPerson *p = row->person;
    check_age_range(row, "mentee_age_min", p->mentee_age_min, "mentee_age_max",
                    p->mentee_age_max);
    check_mentor_must(row);
  }
}

/* ---- Adding a row ---- */

static void read_value(Row *row, const MmColumn *column, const char *value) {
  g_return_if_fail((column->sides & SIDE_BIT(row->side)) != 0);
  row->column = column;
  guint64 bit = column_bit(column);
  if ((row->present & bit) != 0) {
    row_error(row, "column given more than once");
    return;
  }
  row->present |= bit;
  if (value == NULL)
    value = "";
  gsize length = strlen(value);
  if (length > MM_FIELD_MAX_BYTES) {
    row_error(row, "value is %" G_GSIZE_FORMAT " bytes long; at most %d",
              length, MM_FIELD_MAX_BYTES);
    return;
  }
  if (!row->scratch->values_checked &&
      !mm_i_text_is_plain_ascii(value, length) &&
      !g_utf8_validate(value, (gssize)length, NULL)) {
    row_error(row, "is not valid UTF-8 text");
    return;
  }
  /* Parsers get the value trimmed and NUL-terminated: @value itself when
   * nothing trails it, since they never write to it. */
  const char *text = value;
  gsize trimmed = trim(&text, value + length);
  if (text + trimmed != value + length)
    text = row_copy(row, text, trimmed);
  if (trimmed == 0) {
    if (column->value_required)
      row_error(row, "required, but empty");
    else if (column->empty_warning != NULL)
      row_warning(row, "%s", column->empty_warning);
    return;
  }
  row->given |= bit;
  column->parse(row, text);
}

/* The row's source as stored in the pool: the rows of a file share one
 * copy, looked up once rather than hashed again for each row. */
static const char *source_of(Row *row) {
  MmRowScratch *s = row->scratch;
  if (s->source_pool != row->pool || s->source == NULL ||
      strcmp(s->source, row->source) != 0) {
    s->source = g_string_chunk_insert_const(row->pool->strings, row->source);
    s->source_pool = row->pool;
  }
  return s->source;
}

static void commit(Row *row) {
  MmPool *pool = row->pool;
  MmPerson *p = row->person;
  p->source = source_of(row);
  p->line = row->line;
  GPtrArray *people = pool->people[row->side];
  g_ptr_array_add(people, p);
  g_hash_table_insert(pool->index[row->side], (gpointer)p->id,
                      GUINT_TO_POINTER(people->len));
}

MmRowScratch *mm_i_row_scratch_new(gboolean values_checked) {
  MmRowScratch *scratch = g_new0(MmRowScratch, 1);
  scratch->values_checked = values_checked;
  scratch->keep_spellings = TRUE;
  scratch->strings = g_string_chunk_new(ROW_SCRATCH_BYTES);
  scratch->key = g_string_sized_new(ROW_SCRATCH_BYTES);
  scratch->display = g_string_sized_new(ROW_SCRATCH_BYTES);
  return scratch;
}

void mm_i_row_scratch_free(MmRowScratch *scratch) {
  if (scratch == NULL)
    return;
  g_string_chunk_free(scratch->strings);
  g_string_free(scratch->key, TRUE);
  g_string_free(scratch->display, TRUE);
  g_free(scratch->spellings);
  if (scratch->spelling_text != NULL)
    g_string_free(scratch->spelling_text, TRUE);
  g_free(scratch);
}

gboolean mm_i_pool_add_row(MmPool *pool, MmSide side,
                         const MmColumn *const *columns_of_values,
                         const char *const *values, gsize n_values,
                         const char *source, guint line, MmDiagnostics *diags,
                         MmRowScratch *scratch) {
  g_return_val_if_fail(pool != NULL && !pool->prepared, FALSE);
  g_return_val_if_fail(side == MM_SIDE_MENTEE || side == MM_SIDE_MENTOR, FALSE);
  g_return_val_if_fail(
      n_values == 0 || (columns_of_values != NULL && values != NULL), FALSE);
  g_return_val_if_fail(source != NULL && diags != NULL, FALSE);
  if (pool->people[side]->len >= MM_PEOPLE_MAX) {
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, line, NULL,
                       "more than %d people on one side; not loaded",
                       MM_PEOPLE_MAX);
    return FALSE;
  }
  Row row = {
      .pool = pool,
      .side = side,
      .person = mm_i_person_new(pool, side),
      .source = source,
      .line = line,
      .diags = diags,
  };
  MmRowScratch *own = scratch == NULL ? mm_i_row_scratch_new(FALSE) : NULL;
  if (own != NULL)
    own->keep_spellings = FALSE; /* no row after this one to use them */
  row.scratch = scratch != NULL ? scratch : own;
  for (gsize i = 0; i < n_values; i++)
    if (columns_of_values[i] != NULL)
      read_value(&row, columns_of_values[i], values[i]);
  check_row(&row);
  gboolean added = row.n_errors == 0;
  if (added)
    commit(&row);
  else
    mm_i_person_free(row.person);
  if (row.scratch->strings_bytes > ROW_SCRATCH_KEEP_BYTES) {
    g_string_chunk_clear(row.scratch->strings);
    row.scratch->strings_bytes = 0;
  }
  mm_i_row_scratch_free(own);
  return added;
}
