/* mentor-reach.h: the mentors a young person's pairs can be eligible with,
 * as far as travel distance goes (internal).
 *
 * In a national pool most pairs live in different towns and break the
 * distance rule, yet a row pass would score them all to find that out. This
 * index hands each row only the mentors it could reach: those for whom
 * distance does not apply to the pair (either side has no location, or both
 * are open to remote mentoring), and those with a location in the grid
 * cells around the young person's own, less those certainly beyond the
 * pair's limit by the chord (the smaller of the mentor's max_distance_km
 * and the configured maximum). The cells are as wide as that maximum (no
 * pair's limit is larger), so a mentor left out is certainly beyond the
 * limit; the scorer still checks every mentor handed to it, so
 * the lists may hold more than is needed but never less.
 *
 * Built per pass from the mentors the pass looks at; read-only afterwards,
 * so threads share it. */
#pragma once

#include "encoding.h"
#include "mm-config.h"

typedef struct MmMentorReach MmMentorReach;

/* An index over @mentors[0..n). Free with mm_i_mentor_reach_free(). */
MmMentorReach *mm_i_mentor_reach_new(const MmEncoding *encoding,
                                   const MmConfig *config,
                                   const guint *mentors, guint n);
void mm_i_mentor_reach_free(MmMentorReach *reach);

/* The mentors of the index that @mentee could be within reach of, in no
 * particular order (the same order on every call). Returns either a list of
 * the index's own or @buffer (room for n), filled. Sets @n_out. */
const guint *mm_i_mentor_reach_of(const MmMentorReach *reach, guint mentee,
                                guint *buffer, guint *n_out);
