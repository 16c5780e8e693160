/* version.c: the run-time version and the error domain. */
#include "pool-private.h"

const char *mm_version(void) { return MM_VERSION_STRING; }

G_DEFINE_QUARK(mm-error-quark, mm_error)
