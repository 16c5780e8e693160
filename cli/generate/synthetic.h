/* synthetic.h: realistic synthetic pools for demos, tests at scale and
 * benchmarks: `mentormatch generate`, bench/ and tests/ link it as a static
 * library of its own (cli/generate/meson.build). It is no part of
 * libmentormatch: nothing a caller of the library needs, and it uses the
 * public API only.
 *
 * The people are invented, drawn from a seeded GRand so the same seed gives
 * the same bytes on every machine. Proportions follow published statistics
 * where there are some (looked-after children in England: DfE, year to March
 * 2025; mentors: Census 2021) and stated assumptions elsewhere (synthetic.c
 * documents each share), so that a benchmark exercises every criterion and
 * rule rather than an easy uniform case. People live in programme areas of
 * about 1,000 mentors each (English cities), so a large pool is spread out
 * the way a national one would be. */
#pragma once

#include <mentormatch.h>

/* Returns: (transfer full): CSV text (header and @n rows) of side @side.
 * @n_mentors is the size of the mentor pool on both sides (it sets the
 * number of areas; mentee rows name and exclude mentors among ids
 * M00001..M(@n_mentors) of their own area). */
char *mm_synthetic_csv(MmSide side, guint n, guint n_mentors, guint32 seed);
