/* pool-copy.c: an unprepared copy of a pool (see pool-copy.h). */
#include "pool-copy.h"

#include "person.h"

#include <string.h>

static void copy_codes(MmPool *into, MmCodes *codes) {
  codes->codes = mm_i_pool_codes_copy(into, codes->codes, codes->n);
}

static GPtrArray *copy_ids(MmPool *into, const GPtrArray *ids) {
  if (ids->len == 0)
    return g_ptr_array_ref(into->no_ids);
  GPtrArray *copy = g_ptr_array_sized_new(ids->len);
  for (guint k = 0; k < ids->len; k++)
    g_ptr_array_add(copy, g_string_chunk_insert_const(
                              into->strings, g_ptr_array_index(ids, k)));
  return copy;
}

static MmPerson *copy_person(MmPool *into, const MmPerson *from) {
  MmPerson *p = g_memdup2(from, sizeof *p);
  MmCodes *lists[] = {&p->languages,      &p->interests,
                      &p->needs,          &p->aspirations,
                      &p->pref_gender,    &p->pref_ethnicity,
                      &p->pref_ethnic_group, &p->pref_religion,
                      &p->pref_language,  &p->skills,
                      &p->sectors,        &p->pref_mentee_gender};
  for (gsize i = 0; i < G_N_ELEMENTS(lists); i++)
    copy_codes(into, lists[i]);
  p->id = g_string_chunk_insert_const(into->strings, from->id);
  p->source = g_string_chunk_insert_const(into->strings, from->source);
  p->preferred_ids = copy_ids(into, from->preferred_ids);
  p->excluded_ids = copy_ids(into, from->excluded_ids);
  p->previous_ids = copy_ids(into, from->previous_ids);
  /* Resolved again when the copy is prepared. */
  p->preferred_mentors = g_array_ref(into->no_mentors);
  p->excluded_mentors = g_array_ref(into->no_mentors);
  p->previous_mentors = g_array_ref(into->no_mentors);
  return p;
}

MmPool *mm_i_pool_copy_unprepared(const MmPool *pool, gboolean with_mentors) {
  g_return_val_if_fail(pool != NULL, NULL);
  MmPool *copy = mm_pool_new();
  /* The same codes, in the same order: tokens are interned 0, 1, 2, ... */
  for (guint v = 0; v < MM_N_VOCABS; v++) {
    const MmTokenTable *from = pool->vocab[v];
    for (guint c = 0; c < mm_i_tokens_count(from); c++) {
      gint32 code = mm_i_tokens_intern_display(
          copy->vocab[v], mm_i_tokens_name(from, (gint32)c),
          mm_i_tokens_display(from, (gint32)c));
      g_assert(code == (gint32)c);
    }
  }
  for (guint side = 0; side < 2; side++) {
    if (side == MM_SIDE_MENTOR && !with_mentors)
      continue;
    const GPtrArray *people = pool->people[side];
    for (guint i = 0; i < people->len; i++) {
      MmPerson *p = copy_person(copy, g_ptr_array_index(people, i));
      g_ptr_array_add(copy->people[side], p);
      g_hash_table_insert(copy->index[side], (gpointer)p->id,
                          GUINT_TO_POINTER(copy->people[side]->len));
    }
  }
  copy->as_of = pool->as_of;
  return copy;
}
