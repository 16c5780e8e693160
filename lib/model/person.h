/* person.h: MmPerson lifecycle and small helpers of the person model
 * (internal).
 *
 * The model itself is in pool-private.h; this header adds what the loaders
 * (person-fields.c) and the pool (pool.c) share to build and free persons. */
#pragma once

#include "pool-private.h"

/* Returns: (transfer full): a person of @side holding the documented
 * defaults (the contract (docs/)): no tokens, empty lists, unknown booleans, no location,
 * priority 0, capacity 1 (mentors), mentor type volunteer, unset age ranges,
 * max_distance_km NAN; its id and mentor lists are @pool's shared empty
 * ones. Free with mm_i_person_free(), before @pool. */
MmPerson *mm_i_person_new(const MmPool *pool, MmSide side);

/* Returns: (transfer none): *@ids, first replaced by a list of its own if
 * it is @pool's shared empty list (MmPerson): what may be added to. */
GPtrArray *mm_i_person_own_ids(const MmPool *pool, GPtrArray **ids);

/* As mm_i_person_own_ids(), for a list of mentor indexes. */
GArray *mm_i_person_own_mentors(const MmPool *pool, GArray **mentors);

/* Frees @person (an MmPerson*) and everything it owns; strings it points to
 * live in the pool. NULL is ignored. Fits GDestroyNotify. */
void mm_i_person_free(gpointer person);

/* Sets @codes to the distinct values of @values[0..@n), sorted, kept in
 * @pool's code store; @values is sorted in place. What @codes held before
 * stays in the store until the pool is freed. */
void mm_i_codes_set(MmPool *pool, MmCodes *codes, gint32 *values, guint n);

/* Returns: (transfer none) (nullable): a copy of @values[0..@n) in @pool's
 * code store, which lives as long as the pool; NULL when @n is 0. */
gint32 *mm_i_pool_codes_copy(MmPool *pool, const gint32 *values, guint n);

/* The availability bit of a folded slot name ("sat-am"), or FALSE when
 * @folded is not one. */
gboolean mm_i_slot_from_name(const char *folded, guint *slot);
