/* version.c: the run-time version and the error domain. */
#include "pool-private.h"

const char *mm_version(void) { return MM_VERSION_STRING; }

guint mm_version_number(void) {
  return MM_VERSION_MAJOR * 10000 + MM_VERSION_MINOR * 100 + MM_VERSION_MICRO;
}

const char *mm_check_version(guint major, guint minor, guint micro) {
  if (major != MM_VERSION_MAJOR)
    return "mentormatch version mismatch (a different major version)";
  if (minor * 100 + micro > MM_VERSION_MINOR * 100 + MM_VERSION_MICRO)
    return "mentormatch version too old (an older minor or micro version)";
  return NULL;
}

G_DEFINE_QUARK(mm-error-quark, mm_error)
