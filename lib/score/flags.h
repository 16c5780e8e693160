/* flags.h: what must be reviewed about a pair (internal). */
#pragma once

#include "pool-private.h"

/**
 * mm_i_pair_flags:
 *
 * The review flags of the pair (the contract (docs/), `match` column `flags`), in this
 * order: `breaks:RULE` for each hard rule it breaks (only a pinned pair
 * can), `missed:PREF` for each preference the young person stated that it
 * does not fully meet (gender, ethnicity, religion, care_experienced, age,
 * mentor_type, language), `named-choice-missed` when the young person named
 * mentors and this is none of them, `no-common-language` and
 * `no-common-time` when they share none (the mentor's recorded), and
 * `not-recorded:FIELD` for each mentor field a criterion the young person
 * brought in found missing (location, languages, availability, interests,
 * skills, sectors, care_experience).
 *
 * Returns: (transfer full): a NULL-terminated list; free with g_strfreev().
 */
char **mm_i_pair_flags(const MmPool *pool, const MmConfig *config, guint mentee,
                     guint mentor);
