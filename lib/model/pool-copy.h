/* pool-copy.h: an unprepared copy of a pool, to add people to (internal).
 *
 * A prepared pool is read-only. `plan` needs the same pool with mentors
 * added: it copies the pool (every person as validated, the vocabularies
 * with the same token codes, the as-of date), adds the proposed mentors with
 * mm_pool_add_person() exactly as their CSV rows would be read, and
 * prepares the copy. Scoring reads only the people, so every pair of the
 * copy scores exactly as in the original. */
#pragma once

#include "pool-private.h"

/**
 * mm_i_pool_copy_unprepared:
 * @pool: a prepared pool.
 * @with_mentors: copy the mentors too (else the copy has none).
 *
 * Returns: (transfer full): a new pool, not prepared, holding the people of
 * @pool in the same order with the same ids, sources and lines, the same
 * vocabularies (codes included) and the same as-of date. Named, excluded
 * and previous mentor ids are kept as text and resolved again by
 * mm_pool_prepare(). Free with mm_pool_free().
 */
MmPool *mm_i_pool_copy_unprepared(const MmPool *pool, gboolean with_mentors);
