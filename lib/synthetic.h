/* synthetic.h: realistic synthetic pools for demos, tests at scale and
 * benchmarks (internal; `mentormatch generate` and bench/ use it).
 *
 * The people are invented, drawn from a seeded GRand so the same seed gives
 * the same bytes on every machine. Proportions follow what programmes report
 * (a third of mentors care-experienced, most volunteers, capacities 1-3, a
 * few mentors with checks or training outstanding, about one young person in
 * five naming mentors they know), so that a benchmark exercises every
 * criterion and rule rather than an easy uniform case. */
#pragma once

#include <glib.h>

#include "mm-common.h"

/* Returns: (transfer full): CSV text (header and @n rows) of side @side.
 * Mentee rows name and exclude mentors among ids M00001..M(@n_mentors). */
char *mm_synthetic_csv(MmSide side, guint n, guint n_mentors, guint32 seed);
