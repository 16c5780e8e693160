/* ini-index.h: where each group and key of an INI text is (internal).
 *
 * GKeyFile reads the values but keeps no line numbers, stops at the first
 * syntax error and leaves some keys out of g_key_file_get_keys() (locale
 * keys such as "interests[fr]"). Diagnostics need all of that, so this index
 * reads the text once with GKeyFile's own line rules:
 *  - a line is split at LF (a CR before it is dropped), and leading ASCII
 *    blanks are skipped;
 *  - an empty line or one starting with '#' is a comment;
 *  - "[name]" (blanks allowed after the ']') starts a group; name is
 *    non-empty and holds no '[', ']' or control character;
 *  - "key = value" sets a key of the current group; the key is what comes
 *    before the first '=' with trailing blanks removed, holds no '[' or ']'
 *    except an optional locale suffix "[xx_YY]";
 *  - anything else, a key before any group, a NUL byte or text that is not
 *    UTF-8 is a bad line.
 * A key set twice keeps its last value (GKeyFile's rule); a group that comes
 * back continues where it left off. The keys after a bad group header belong
 * to no group and are skipped. mm_i_ini_index_clean_text() gives the text with
 * every bad and skipped line blanked, so GKeyFile can still read the rest and
 * every other problem in the file can be reported in the same pass. */
#pragma once

#include <glib.h>

typedef struct {
  const char *name;
  guint line; /* 1-based line of its first header */
} MmIniGroup;

typedef struct {
  guint group; /* index into the groups */
  const char *name;
  guint line;       /* the line whose value counts: the last one */
  guint first_line; /* the first line that set it (== line when set once) */
} MmIniKey;

typedef struct {
  guint line;
  const char *reason; /* static text, e.g. "a key before any [group]" */
} MmIniBadLine;

typedef struct MmIniIndex MmIniIndex;

/* Reads @length bytes of @data (need not be NUL-terminated).
 * Time: O(length). Returns: (transfer full). */
MmIniIndex *mm_i_ini_index_new(const char *data, gsize length);
void mm_i_ini_index_free(MmIniIndex *index);

/* Groups and keys in order of first appearance; bad lines in line order.
 * Returned pointers are valid until the index is freed. */
guint mm_i_ini_index_n_groups(const MmIniIndex *index);
const MmIniGroup *mm_i_ini_index_group(const MmIniIndex *index, guint i);
guint mm_i_ini_index_n_keys(const MmIniIndex *index);
const MmIniKey *mm_i_ini_index_key(const MmIniIndex *index, guint i);
guint mm_i_ini_index_n_bad_lines(const MmIniIndex *index);
const MmIniBadLine *mm_i_ini_index_bad_line(const MmIniIndex *index, guint i);

/* The text with every bad line (and every key under a bad group header)
 * replaced by an empty line: what GKeyFile is given. */
const char *mm_i_ini_index_clean_text(const MmIniIndex *index, gsize *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmIniIndex, mm_i_ini_index_free)
