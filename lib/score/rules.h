/* rules.h: broken-rule masks as counts (internal).
 *
 * Every "no eligible mentor" reason (match, recommend, report) and every
 * pin warning counts, per rule, the mentors that break it. */
#pragma once

#include "pool-private.h"

/* Adds to @counts, for each rule, how many of the @n masks have its bit. */
void mm_i_rules_count(const guint32 *broken, gsize n, guint counts[MM_N_RULES]);
