/* tokens.h: text folding and token interning (internal).
 *
 * the contract (docs/): text tokens compare case-insensitively with surrounding and
 * repeated blanks folded. Folding happens once, at load time; everything after
 * works on the integer codes handed out here. */
#pragma once

#include <glib.h>

/* No token: an unknown or empty value. */
#define MM_NO_TOKEN (-1)

typedef struct MmTokenTable MmTokenTable;

MmTokenTable *mm_i_tokens_new(void);
void mm_i_tokens_free(MmTokenTable *table);

/* Returns: (transfer full): @text with leading/trailing blanks removed, runs
 * of blanks (space, tab, CR, LF) folded to one space, NFC-normalised and
 * case-folded. "" for an all-blank text. @text must be valid UTF-8. */
char *mm_i_text_fold(const char *text);

/* As mm_i_text_fold(), appending to @out instead of allocating (a caller
 * folding value after value reuses one buffer). */
void mm_i_text_fold_append(GString *out, const char *text);

/* Returns: (transfer full): a column name as the CSV and JSON readers match
 * it (docs/pools.md): blanks trimmed, ASCII letters in lower case, and
 * each run of blanks, hyphens and underscores as one '_', so that a header
 * typed as a spreadsheet would ("Care Experienced", "pref-gender") finds
 * its column. */
char *mm_i_header_fold(const char *name);

/* The edit distance (insertions, deletions, substitutions of bytes) between
 * @a and @b, stopping at @limit + 1 when it is larger. */
guint mm_i_text_distance(const char *a, const char *b, guint limit);

/* Code of an already folded token, adding it when new. Codes are dense,
 * 0, 1, 2, ... in order of first appearance. */
gint32 mm_i_tokens_intern(MmTokenTable *table, const char *folded);

/* As mm_i_tokens_intern(), also keeping @display (the first spelling seen, blanks
 * squeezed but case kept, e.g. "Polish") for explanations and reports. */
gint32 mm_i_tokens_intern_display(MmTokenTable *table, const char *folded,
                                const char *display);

/* Returns: (transfer none): the display spelling of @code (the folded text
 * when none was given). */
const char *mm_i_tokens_display(const MmTokenTable *table, gint32 code);

/* Returns: (transfer full): @text with surrounding blanks removed and runs of
 * blanks squeezed to one space, case kept. */
char *mm_i_text_squeeze(const char *text);

/* As mm_i_text_squeeze(), appending to @out. */
void mm_i_text_squeeze_append(GString *out, const char *text);

/* Code of a folded token, or MM_NO_TOKEN when it was never interned. */
gint32 mm_i_tokens_lookup(const MmTokenTable *table, const char *folded);

/* Returns: (transfer none): the folded text of @code. */
const char *mm_i_tokens_name(const MmTokenTable *table, gint32 code);

guint mm_i_tokens_count(const MmTokenTable *table);

/* ---- text helpers shared by every input (pools, config, JSON) ---- */

/* A hash of @text, quick to work out (FNV-1a). */
guint32 mm_i_text_hash(const char *text);

/* Whether the @length bytes at @bytes are all ASCII and none is NUL: valid
 * UTF-8 with nothing more to check, the common case, found eight bytes at a
 * time. */
gboolean mm_i_text_is_plain_ascii(const char *bytes, gsize length);

/* User values quoted in diagnostics are cut to this many bytes, so a
 * diagnostic never carries a whole free-text field. */
#define MM_QUOTE_MAX_BYTES 40

/* Returns: (transfer full): @text (valid UTF-8) cut to at most @max_bytes
 * at a character boundary, "..." appended when cut. */
char *mm_i_text_cut(const char *text, gsize max_bytes);

/* the contract (docs/)'s booleans: yes/no, true/false, y/n, 1/0 in any case. Returns
 * FALSE (leaving @value alone) for anything else, empty included. */
gboolean mm_i_text_to_boolean(const char *text, gboolean *value);
