/* ini-index.c: where each group and key of an INI text is (see ini-index.h
 * for the line rules, which are GKeyFile's). */
#include "ini-index.h"

#include <string.h>

struct MmIniIndex {
  GArray *groups;    /* MmIniGroup, names owned */
  GArray *keys;      /* MmIniKey, names owned */
  GArray *bad_lines; /* MmIniBadLine */
  GString *clean;
};

/* The group the lines being read belong to, when there is none. */
#define NO_GROUP (-1)       /* before the first header */
#define UNUSABLE_GROUP (-2) /* after a bad header: its keys are skipped */

typedef struct {
  MmIniIndex *index;
  gint group;                /* index into groups, or one of the above */
  GHashTable *group_by_name; /* name (owned by groups) -> index + 1 */
  GHashTable *key_by_name;   /* "GROUP-INDEX\nNAME" (owned) -> index + 1 */
} Builder;

typedef enum {
  LINE_KEPT,    /* a comment, a group header or a key: GKeyFile reads it */
  LINE_SKIPPED, /* a key under a bad header: already reported there */
  LINE_BAD,
} LineOutcome;

static void group_clear(gpointer data) {
  g_free((char *)((MmIniGroup *)data)->name);
}

static void key_clear(gpointer data) {
  g_free((char *)((MmIniKey *)data)->name);
}

static LineOutcome bad(const char **reason, const char *text) {
  *reason = text;
  return LINE_BAD;
}

static LineOutcome read_group_header(Builder *b, const char *p, const char *end,
                                     guint line, const char **reason) {
  /* A header that cannot be used hides which group the keys after it were
   * meant for; they are skipped rather than wrongly given to the group
   * before it. */
  b->group = UNUSABLE_GROUP;
  const char *close = memchr(p, ']', (gsize)(end - p));
  if (close == NULL)
    return bad(reason, "a [group] header without its closing ']'");
  for (const char *q = close + 1; q < end; q++)
    if (*q != ' ' && *q != '\t')
      return bad(reason, "text after the closing ']' of a [group] header");
  const char *name = p + 1;
  if (name == close)
    return bad(reason, "an empty [group] name");
  for (const char *q = name; q < close; q++)
    if (*q == '[' || g_ascii_iscntrl(*q))
      return bad(reason, "a [group] name holding '[' or a control character");

  char *owned = g_strndup(name, (gsize)(close - name));
  gpointer found = g_hash_table_lookup(b->group_by_name, owned);
  if (found != NULL) {
    b->group = GPOINTER_TO_INT(found) - 1;
    g_free(owned);
    return LINE_KEPT;
  }
  MmIniGroup group = {.name = owned, .line = line};
  g_array_append_val(b->index->groups, group);
  b->group = (gint)b->index->groups->len - 1;
  g_hash_table_insert(b->group_by_name, owned, GINT_TO_POINTER(b->group + 1));
  return LINE_KEPT;
}

static gboolean is_locale_char(char c) {
  return g_ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '@';
}

/* GKeyFile's key names: no '[' or ']' except a final locale suffix
 * "[xx_YY]", and no blank just before that suffix. */
static gboolean is_key_name(const char *key, gsize length) {
  const char *end = key + length;
  const char *bracket = key;
  while (bracket < end && *bracket != '[' && *bracket != ']')
    bracket++;
  if (bracket == end)
    return TRUE;
  if (*bracket == ']' || bracket == key || bracket[-1] == ' ' || end[-1] != ']')
    return FALSE;
  for (const char *q = bracket + 1; q < end - 1; q++)
    if (!is_locale_char(*q))
      return FALSE;
  return TRUE;
}

static LineOutcome read_key(Builder *b, const char *p, const char *equals,
                            guint line, const char **reason) {
  if (b->group == UNUSABLE_GROUP)
    return LINE_SKIPPED;
  if (b->group == NO_GROUP)
    return bad(reason, "a key = value line before any [group] header");
  const char *key_end = equals;
  while (key_end > p && g_ascii_isspace(key_end[-1]))
    key_end--;
  gsize key_length = (gsize)(key_end - p);
  if (!is_key_name(p, key_length))
    return bad(reason, "a key name holding '[' or ']'");

  char *lookup = g_strdup_printf("%d\n%.*s", b->group, (int)key_length, p);
  gpointer found = g_hash_table_lookup(b->key_by_name, lookup);
  if (found != NULL) {
    /* GKeyFile keeps the last value, so the last line is the one to show. */
    g_array_index(b->index->keys, MmIniKey, GPOINTER_TO_UINT(found) - 1).line =
        line;
    g_free(lookup);
    return LINE_KEPT;
  }
  MmIniKey key = {.group = (guint)b->group,
                  .name = g_strndup(p, key_length),
                  .line = line,
                  .first_line = line};
  g_array_append_val(b->index->keys, key);
  g_hash_table_insert(b->key_by_name, lookup,
                      GUINT_TO_POINTER(b->index->keys->len));
  return LINE_KEPT;
}

static LineOutcome read_line(Builder *b, const char *text, gsize length,
                             guint line, const char **reason) {
  if (memchr(text, '\0', length) != NULL)
    return bad(reason, "a NUL byte");
  if (!g_utf8_validate(text, (gssize)length, NULL))
    return bad(reason, "text that is not valid UTF-8");
  const char *end = text + length;
  const char *p = text;
  while (p < end && g_ascii_isspace(*p))
    p++;
  if (p == end || *p == '#')
    return LINE_KEPT;
  if (*p == '[')
    return read_group_header(b, p, end, line, reason);
  const char *equals = memchr(p, '=', (gsize)(end - p));
  if (equals != NULL && equals != p)
    return read_key(b, p, equals, line, reason);
  if (*p == ';')
    return bad(reason, "a ';' comment (comments start with '#')");
  return bad(reason, "neither a [group] header, a key = value pair "
                     "nor a # comment");
}

MmIniIndex *mm_i_ini_index_new(const char *data, gsize length) {
  g_return_val_if_fail(data != NULL || length == 0, NULL);
  if (data == NULL)
    data = ""; /* so that data + length below is defined */
  MmIniIndex *index = g_new0(MmIniIndex, 1);
  index->groups = g_array_new(FALSE, FALSE, sizeof(MmIniGroup));
  g_array_set_clear_func(index->groups, group_clear);
  index->keys = g_array_new(FALSE, FALSE, sizeof(MmIniKey));
  g_array_set_clear_func(index->keys, key_clear);
  index->bad_lines = g_array_new(FALSE, FALSE, sizeof(MmIniBadLine));
  index->clean = g_string_sized_new(length + 1);

  Builder b = {.index = index,
               .group = NO_GROUP,
               .group_by_name = g_hash_table_new(g_str_hash, g_str_equal),
               .key_by_name = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                    g_free, NULL)};
  const char *end = data + length;
  guint line = 1;
  for (const char *start = data; start < end; line++) {
    const char *newline = memchr(start, '\n', (gsize)(end - start));
    const char *stop = newline != NULL ? newline : end;
    gsize line_length = (gsize)(stop - start);
    if (newline != NULL && line_length > 0 && stop[-1] == '\r')
      line_length--;
    const char *reason = NULL;
    switch (read_line(&b, start, line_length, line, &reason)) {
    case LINE_KEPT:
      g_string_append_len(index->clean, start, (gssize)line_length);
      break;
    case LINE_BAD: {
      MmIniBadLine bad_line = {.line = line, .reason = reason};
      g_array_append_val(index->bad_lines, bad_line);
      break;
    }
    case LINE_SKIPPED:
      break;
    }
    g_string_append_c(index->clean, '\n');
    start = newline != NULL ? newline + 1 : end;
  }
  g_hash_table_unref(b.group_by_name);
  g_hash_table_unref(b.key_by_name);
  return index;
}

void mm_i_ini_index_free(MmIniIndex *index) {
  if (index == NULL)
    return;
  g_array_free(index->groups, TRUE);
  g_array_free(index->keys, TRUE);
  g_array_free(index->bad_lines, TRUE);
  g_string_free(index->clean, TRUE);
  g_free(index);
}

guint mm_i_ini_index_n_groups(const MmIniIndex *index) {
  g_return_val_if_fail(index != NULL, 0);
  return index->groups->len;
}

const MmIniGroup *mm_i_ini_index_group(const MmIniIndex *index, guint i) {
  g_return_val_if_fail(index != NULL && i < index->groups->len, NULL);
  return &g_array_index(index->groups, MmIniGroup, i);
}

guint mm_i_ini_index_n_keys(const MmIniIndex *index) {
  g_return_val_if_fail(index != NULL, 0);
  return index->keys->len;
}

const MmIniKey *mm_i_ini_index_key(const MmIniIndex *index, guint i) {
  g_return_val_if_fail(index != NULL && i < index->keys->len, NULL);
  return &g_array_index(index->keys, MmIniKey, i);
}

guint mm_i_ini_index_n_bad_lines(const MmIniIndex *index) {
  g_return_val_if_fail(index != NULL, 0);
  return index->bad_lines->len;
}

const MmIniBadLine *mm_i_ini_index_bad_line(const MmIniIndex *index, guint i) {
  g_return_val_if_fail(index != NULL && i < index->bad_lines->len, NULL);
  return &g_array_index(index->bad_lines, MmIniBadLine, i);
}

const char *mm_i_ini_index_clean_text(const MmIniIndex *index, gsize *length) {
  g_return_val_if_fail(index != NULL, NULL);
  if (length != NULL)
    *length = index->clean->len;
  return index->clean->str;
}
