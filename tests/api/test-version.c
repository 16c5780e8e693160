/* test-version.c: the compile-time and run-time version numbers
 * (include/mm-version.h), checked through the shared library as a caller
 * links it, so that a caller can trust them to say what it built and ran
 * against. */
#include "test-common.h"

#include <string.h>

/* The headers' numbers spell the header's string... */
static void test_string_matches_numbers(void) {
  char *spelled = g_strdup_printf("%d.%d.%d", MM_VERSION_MAJOR,
                                  MM_VERSION_MINOR, MM_VERSION_MICRO);
  CU_ASSERT_STRING_EQUAL(spelled, MM_VERSION_STRING);
  g_free(spelled);
}

/* ...which is the version meson builds and installs (project(), and so the
 * pkg-config file), so the two cannot drift apart unnoticed. */
static void test_string_is_project_version(void) {
  CU_ASSERT_STRING_EQUAL(MM_VERSION_STRING, MM_PROJECT_VERSION);
}

/* The library linked at run time is the one these headers describe. */
static void test_runtime_matches_headers(void) {
  const char *linked = mm_version();
  CU_ASSERT_PTR_NOT_NULL_FATAL(linked);
  CU_ASSERT_STRING_EQUAL(linked, MM_VERSION_STRING);
  /* Static storage: the same text on every call. */
  CU_ASSERT_PTR_EQUAL(mm_version(), linked);
}

/* MM_CHECK_VERSION(a, b, c) is TRUE exactly when the headers are at least
 * a.b.c: each number is compared only when the ones before it are equal. */
static void test_check_version_at_and_below(void) {
  CU_ASSERT_TRUE(MM_CHECK_VERSION(MM_VERSION_MAJOR, MM_VERSION_MINOR,
                                  MM_VERSION_MICRO));
  CU_ASSERT_TRUE(MM_CHECK_VERSION(0, 0, 0));
  CU_ASSERT_TRUE(MM_CHECK_VERSION(0, 1, 0)); /* version 1 of the contract */
  CU_ASSERT_TRUE(MM_CHECK_VERSION(0, 2, 0)); /* the release these tests describe */
  /* An older minor passes whatever its micro: 0.0.99 < 0.1.0. */
  CU_ASSERT_TRUE(MM_CHECK_VERSION(0, 0, 99));
}

static void test_check_version_above(void) {
  CU_ASSERT_FALSE(MM_CHECK_VERSION(MM_VERSION_MAJOR, MM_VERSION_MINOR,
                                   MM_VERSION_MICRO + 1));
  CU_ASSERT_FALSE(MM_CHECK_VERSION(MM_VERSION_MAJOR, MM_VERSION_MINOR + 1, 0));
  CU_ASSERT_FALSE(MM_CHECK_VERSION(MM_VERSION_MAJOR + 1, 0, 0));
  /* A higher major fails even when minor and micro are lower. */
  CU_ASSERT_FALSE(MM_CHECK_VERSION(MM_VERSION_MAJOR + 1, MM_VERSION_MINOR - 1,
                                   0));
}

/* The run-time number and check, for a caller that must know what it
 * linked: 0.2.0 is 200; compatible with the same major version at or below
 * the linked minor and micro. */
static void test_runtime_number_and_check(void) {
  CU_ASSERT_EQUAL(mm_version_number(), MM_VERSION_MAJOR * 10000 +
                                           MM_VERSION_MINOR * 100 +
                                           MM_VERSION_MICRO);
  CU_ASSERT_EQUAL(mm_version_number(), 200); /* this release: 0.2.0 */
  CU_ASSERT_PTR_NULL(mm_check_version(0, 2, 0));
  CU_ASSERT_PTR_NULL(mm_check_version(0, 1, 9));
  CU_ASSERT_PTR_NOT_NULL(mm_check_version(0, 2, 1));
  CU_ASSERT_PTR_NOT_NULL(mm_check_version(0, 3, 0));
  CU_ASSERT_PTR_NOT_NULL(mm_check_version(1, 0, 0));
}

/* Usable in #if, where callers need it to pick code paths at build time. */
static void test_check_version_in_preprocessor(void) {
#if MM_CHECK_VERSION(0, 1, 0) && !MM_CHECK_VERSION(99, 0, 0)
  CU_PASS("MM_CHECK_VERSION works in #if");
#else
  CU_FAIL("MM_CHECK_VERSION gave the wrong answer in #if");
#endif
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_string_matches_numbers),
      MM_TEST(test_string_is_project_version),
      MM_TEST(test_runtime_matches_headers),
      MM_TEST(test_check_version_at_and_below),
      MM_TEST(test_check_version_above),
      MM_TEST(test_check_version_in_preprocessor),
      MM_TEST(test_runtime_number_and_check),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("version", tests);
}
