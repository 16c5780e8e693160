/* encoding.h: compact per-side arrays the scorer runs on (internal).
 *
 * Built once by mm_pool_prepare() from the validated MmPerson records:
 * bitsets for token sets, integer codes for single tokens, unit vectors for
 * locations. Read-only afterwards, so shared freely between threads. */
#pragma once

#include "pool-private.h"

MmEncoding *mm_encoding_build(const MmPool *pool);
void mm_encoding_free(MmEncoding *encoding);
