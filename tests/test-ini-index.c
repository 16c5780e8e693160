/* test-ini-index.c: where each group and key of an INI text is
 * (lib/io/ini-index.c). Config loading builds on it: see test-config.c. */
#include "ini-index.h"
#include "test-common.h"

#include <string.h>

/* Everything the index holds, one entry a line: "G name@line",
 * "K group.name@line(first)" and "B line: reason". */
static char *describe(const MmIniIndex *index) {
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < mm_i_ini_index_n_groups(index); i++) {
    const MmIniGroup *g = mm_i_ini_index_group(index, i);
    g_string_append_printf(out, "G %s@%u\n", g->name, g->line);
  }
  for (guint i = 0; i < mm_i_ini_index_n_keys(index); i++) {
    const MmIniKey *k = mm_i_ini_index_key(index, i);
    g_string_append_printf(out, "K %s.%s@%u(%u)\n",
                           mm_i_ini_index_group(index, k->group)->name, k->name,
                           k->line, k->first_line);
  }
  for (guint i = 0; i < mm_i_ini_index_n_bad_lines(index); i++) {
    const MmIniBadLine *b = mm_i_ini_index_bad_line(index, i);
    g_string_append_printf(out, "B %u: %s\n", b->line, b->reason);
  }
  return g_string_free(out, FALSE);
}

static void check_index(const char *text, gsize length, const char *expected,
                        const char *expected_clean) {
  MmIniIndex *index = mm_i_ini_index_new(text, length);
  char *got = describe(index);
  CU_ASSERT_STRING_EQUAL(got, expected);
  if (strcmp(got, expected) != 0)
    fprintf(stderr, "\n got: [%s]\nwant: [%s]\n", got, expected);
  gsize clean_length = 0;
  const char *clean = mm_i_ini_index_clean_text(index, &clean_length);
  CU_ASSERT_STRING_EQUAL(clean, expected_clean);
  CU_ASSERT_EQUAL(clean_length, strlen(expected_clean));
  g_free(got);
  mm_i_ini_index_free(index);
}

static void test_groups_and_keys(void) {
  const char *text = "# top\n"         /* 1 */
                     "[weights]\n"     /* 2 */
                     "  age = 1\n"     /* 3 */
                     "needs\t= 2\r\n"  /* 4 */
                     "\n"              /* 5 */
                     "[rules]  \n"     /* 6 */
                     "age=3\n"         /* 7: another group's age */
                     "[weights]\n"     /* 8: back again */
                     "age = 4\n"       /* 9: the same key as line 3 */
                     "gender[fr] = 1"; /* 10: no final line end */
  check_index(text, strlen(text),
              "G weights@2\nG rules@6\n"
              "K weights.age@9(3)\nK weights.needs@4(4)\nK rules.age@7(7)\n"
              "K weights.gender[fr]@10(10)\n",
              /* CRLF becomes LF; nothing else changes. */
              "# top\n[weights]\n  age = 1\nneeds\t= 2\n\n[rules]  \nage=3\n"
              "[weights]\nage = 4\ngender[fr] = 1\n");
}

static void test_bad_lines_are_blanked(void) {
  const char *text = "k = 1\n"      /* 1: before any group */
                     "[g]\n"        /* 2 */
                     "; note\n"     /* 3 */
                     "word\n"       /* 4 */
                     "[h\n"         /* 5: unusable header */
                     "hidden = 1\n" /* 6: skipped, not reported */
                     "[g]\n"        /* 7 */
                     "a b = 2\n"    /* 8: blanks inside a key are fine */
                     "a [x] = 3\n"  /* 9: blank before a locale */
                     "c[x = 4\n"    /* 10 */
                     "[g\x01]\n"    /* 11 */
                     "[g] [h]\n";   /* 12 */
  check_index(text, strlen(text),
              "G g@2\nK g.a b@8(8)\n"
              "B 1: a key = value line before any [group] header\n"
              "B 3: a ';' comment (comments start with '#')\n"
              "B 4: neither a [group] header, a key = value pair nor a # "
              "comment\n"
              "B 5: a [group] header without its closing ']'\n"
              "B 9: a key name holding '[' or ']'\n"
              "B 10: a key name holding '[' or ']'\n"
              "B 11: a [group] name holding '[' or a control character\n"
              "B 12: text after the closing ']' of a [group] header\n",
              "\n[g]\n\n\n\n\n[g]\na b = 2\n\n\n\n\n");
}

static void test_bytes(void) {
  static const char text[] = "[g]\nk = \0\nj = \xff\nok = 1";
  check_index(text, sizeof text - 1,
              "G g@1\nK g.ok@4(4)\nB 2: a NUL byte\n"
              "B 3: text that is not valid UTF-8\n",
              "[g]\n\n\nok = 1\n");
  check_index(NULL, 0, "", "");
  check_index("\n\n", 2, "", "\n\n");
}

/* The clean text of any file is one GKeyFile accepts, and GKeyFile reads
 * from it the keys the index found (except locale keys, which it hides). */
static void test_clean_text_loads(void) {
  const char *text = "x=1\n[a]\nk=1\nbad\n[b\nq=2\n[c]\nk = 3\nk=4\n";
  MmIniIndex *index = mm_i_ini_index_new(text, strlen(text));
  gsize length = 0;
  const char *clean = mm_i_ini_index_clean_text(index, &length);
  GKeyFile *kf = g_key_file_new();
  GError *error = NULL;
  CU_ASSERT_TRUE(
      g_key_file_load_from_data(kf, clean, length, G_KEY_FILE_NONE, &error));
  CU_ASSERT_PTR_NULL(error);
  g_clear_error(&error);
  char *v = g_key_file_get_value(kf, "c", "k", NULL);
  CU_ASSERT_STRING_EQUAL(v, "4");
  g_free(v);
  CU_ASSERT_FALSE(g_key_file_has_group(kf, "b"));
  CU_ASSERT_FALSE(g_key_file_has_key(kf, "a", "q", NULL));
  g_key_file_free(kf);
  mm_i_ini_index_free(index);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_groups_and_keys),
      MM_TEST(test_bad_lines_are_blanked),
      MM_TEST(test_bytes),
      MM_TEST(test_clean_text_loads),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("ini-index", tests);
}
