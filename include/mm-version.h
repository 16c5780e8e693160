/* mm-version.h: compile-time and run-time version numbers.
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include "mm-common.h"

G_BEGIN_DECLS

#define MM_VERSION_MAJOR 0
#define MM_VERSION_MINOR 2
#define MM_VERSION_MICRO 0
#define MM_VERSION_STRING "0.2.0"

/* TRUE when the headers being compiled against are at least major.minor.micro. */
#define MM_CHECK_VERSION(major, minor, micro)                                   \
  (MM_VERSION_MAJOR > (major) ||                                               \
   (MM_VERSION_MAJOR == (major) && MM_VERSION_MINOR > (minor)) ||              \
   (MM_VERSION_MAJOR == (major) && MM_VERSION_MINOR == (minor) &&              \
    MM_VERSION_MICRO >= (micro)))

/**
 * mm_version:
 *
 * Returns: (transfer none): the version of the library linked at run time,
 * e.g. "0.1.0". Static storage; never NULL. Thread-safe.
 */
MM_EXTERN const char *mm_version(void);

/* The version linked at run time as one number, major x 10000 + minor x 100
 * + micro (0.2.0 is 200), for comparisons. */
MM_EXTERN guint mm_version_number(void);

/**
 * mm_check_version:
 *
 * Whether the library linked at run time is compatible with a caller built
 * for major.minor.micro: the same major version and at least that minor and
 * micro (as glib_check_version()).
 *
 * Returns: (transfer none) (nullable): NULL when compatible, else a message
 * saying why (static storage).
 */
MM_EXTERN const char *mm_check_version(guint major, guint minor, guint micro);

G_END_DECLS
