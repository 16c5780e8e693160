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
#define MM_VERSION_MINOR 1
#define MM_VERSION_MICRO 0
#define MM_VERSION_STRING "0.1.0"

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

G_END_DECLS
