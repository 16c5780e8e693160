/* test-tokens.c: text folding and interning (lib/model/tokens.c). */
#include "test-common.h"
#include "tokens.h"

#include <string.h>

static void check_fold(const char *in, const char *expected) {
  char *out = mm_i_text_fold(in);
  CU_ASSERT_STRING_EQUAL(out, expected);
  g_free(out);
}

static void test_fold_blanks_and_case(void) {
  check_fold("  Football ", "football");
  check_fold("White:\t  British", "white: british");
  check_fold("Mixed:  White and\r\nAsian", "mixed: white and asian");
  check_fold("", "");
  check_fold(" \t ", "");
  /* Non-ASCII folds too: German sharp s folds to "ss", capital E-acute to
   * the lower-case form, whether composed or decomposed. */
  check_fold("STRASSE", "strasse");
  check_fold("Stra\xc3\x9f" "e", "strasse");
  check_fold("\xc3\x89" "cole", "\xc3\xa9" "cole");
  check_fold("E\xcc\x81" "cole", "\xc3\xa9" "cole");
}

/* The fold of an all-ASCII text (which takes a path of its own) equals
 * GLib's NFC normalisation then case folding, done here independently. */
static void test_fold_ascii_as_unicode(void) {
  GString *all = g_string_new(NULL);
  for (int c = 1; c < 0x80; c++)
    g_string_append_c(all, (char)c);
  const char *texts[] = {all->str, "ABC xyz", "  Mixed  CASE\tText ",
                         "[@`{]", "Z", "a"};
  for (gsize i = 0; i < G_N_ELEMENTS(texts); i++) {
    char *squeezed = mm_i_text_squeeze(texts[i]);
    char *normalised = g_utf8_normalize(squeezed, -1, G_NORMALIZE_NFC);
    char *want = g_utf8_casefold(normalised, -1);
    check_fold(texts[i], want);
    g_free(want);
    g_free(normalised);
    g_free(squeezed);
  }
  g_string_free(all, TRUE);
}

static void test_plain_ascii(void) {
  CU_ASSERT_TRUE(mm_i_text_is_plain_ascii("", 0));
  CU_ASSERT_TRUE(mm_i_text_is_plain_ascii(NULL, 0));
  CU_ASSERT_TRUE(mm_i_text_is_plain_ascii("\x01\x7f", 2));
  /* Every position of a non-ASCII byte or a NUL, in the eight-byte words
   * and in the tail. */
  char text[21];
  for (gsize at = 0; at < sizeof text; at++) {
    memset(text, 'a', sizeof text);
    CU_ASSERT_TRUE(mm_i_text_is_plain_ascii(text, sizeof text));
    text[at] = (char)0x80;
    CU_ASSERT_FALSE(mm_i_text_is_plain_ascii(text, sizeof text));
    text[at] = (char)0xff;
    CU_ASSERT_FALSE(mm_i_text_is_plain_ascii(text, sizeof text));
    text[at] = '\0';
    CU_ASSERT_FALSE(mm_i_text_is_plain_ascii(text, sizeof text));
    /* Only the bytes asked about count. */
    CU_ASSERT_TRUE(mm_i_text_is_plain_ascii(text, at));
  }
}

/* Enough tokens to grow the table many times: codes stay dense and in
 * order, and every one is found again. */
static void test_intern_many(void) {
  MmTokenTable *t = mm_i_tokens_new();
  for (gint32 i = 0; i < 5000; i++) {
    char name[16];
    g_snprintf(name, sizeof name, "t%d", i);
    CU_ASSERT_EQUAL(mm_i_tokens_intern(t, name), i);
  }
  CU_ASSERT_EQUAL(mm_i_tokens_count(t), 5000);
  for (gint32 i = 0; i < 5000; i++) {
    char name[16];
    g_snprintf(name, sizeof name, "t%d", i);
    CU_ASSERT_EQUAL(mm_i_tokens_lookup(t, name), i);
    CU_ASSERT_EQUAL(mm_i_tokens_intern(t, name), i);
    CU_ASSERT_STRING_EQUAL(mm_i_tokens_name(t, i), name);
  }
  CU_ASSERT_EQUAL(mm_i_tokens_lookup(t, "t5000"), MM_NO_TOKEN);
  CU_ASSERT_EQUAL(mm_i_tokens_lookup(t, ""), MM_NO_TOKEN);
  CU_ASSERT_EQUAL(mm_i_tokens_count(t), 5000);
  mm_i_tokens_free(t);
}

static void test_intern_dense_codes(void) {
  MmTokenTable *t = mm_i_tokens_new();
  CU_ASSERT_EQUAL(mm_i_tokens_intern(t, "music"), 0);
  CU_ASSERT_EQUAL(mm_i_tokens_intern(t, "football"), 1);
  CU_ASSERT_EQUAL(mm_i_tokens_intern(t, "music"), 0);
  CU_ASSERT_EQUAL(mm_i_tokens_lookup(t, "football"), 1);
  CU_ASSERT_EQUAL(mm_i_tokens_lookup(t, "chess"), MM_NO_TOKEN);
  CU_ASSERT_STRING_EQUAL(mm_i_tokens_name(t, 1), "football");
  CU_ASSERT_EQUAL(mm_i_tokens_count(t), 2);
  CU_ASSERT_STRING_EQUAL(mm_i_tokens_display(t, 1), "football");
  CU_ASSERT_EQUAL(mm_i_tokens_intern_display(t, "polish", "Polish"), 2);
  CU_ASSERT_EQUAL(mm_i_tokens_intern_display(t, "polish", "POLISH"), 2);
  CU_ASSERT_STRING_EQUAL(mm_i_tokens_display(t, 2), "Polish");
  mm_i_tokens_free(t);
}

static void test_diagnostic_format(void) {
  MmDiagnostics *d = mm_diagnostics_new();
  mm_diagnostics_add(d, MM_SEVERITY_ERROR, "mentees.csv", 7, "age",
                     "must be a whole number from %d to %d", 5, 30);
  mm_diagnostics_add(d, MM_SEVERITY_WARNING, "mentees.csv", 1, "nickname",
                     "unknown column, ignored");
  mm_diagnostics_add(d, MM_SEVERITY_ERROR, "missing.csv", 0, NULL,
                     "cannot open");
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(d), 2);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(d), 1);
  const char *expected[] = {
      "mentees.csv:7: column age: must be a whole number from 5 to 30",
      "mentees.csv:1: column nickname: warning: unknown column, ignored",
      "missing.csv: cannot open",
  };
  for (guint i = 0; i < 3; i++) {
    char *text = mm_diagnostic_format(mm_diagnostics_get(d, i));
    CU_ASSERT_STRING_EQUAL(text, expected[i]);
    g_free(text);
  }
  mm_diagnostics_free(d);
}

static void test_diagnostics_capped(void) {
  MmDiagnostics *d = mm_diagnostics_new();
  for (guint i = 0; i < MM_DIAGNOSTICS_MAX + 5; i++)
    mm_diagnostics_add(d, MM_SEVERITY_ERROR, "f.csv", i + 1, "id", "bad");
  CU_ASSERT_EQUAL(mm_diagnostics_length(d), MM_DIAGNOSTICS_MAX);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(d), MM_DIAGNOSTICS_MAX + 5);
  mm_diagnostics_free(d);
}

static void test_version(void) {
  CU_ASSERT_STRING_EQUAL(mm_version(), MM_VERSION_STRING);
  CU_ASSERT_TRUE(MM_CHECK_VERSION(0, 1, 0));
  CU_ASSERT_FALSE(MM_CHECK_VERSION(99, 0, 0));
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_fold_blanks_and_case), MM_TEST(test_fold_ascii_as_unicode),
      MM_TEST(test_plain_ascii), MM_TEST(test_intern_many),
      MM_TEST(test_intern_dense_codes),
      MM_TEST(test_diagnostic_format), MM_TEST(test_diagnostics_capped),
      MM_TEST(test_version), CU_TEST_INFO_NULL};
  return mm_test_run("tokens", tests);
}
