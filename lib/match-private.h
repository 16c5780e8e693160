/* match-private.h: pins as the matcher sees them (internal). */
#pragma once

#include "pool-private.h"

typedef struct {
  guint mentee;
  guint mentor;
  const char *source; /* owned by the pins */
  guint line;
} MmPin;

struct MmPins {
  const MmPool *pool;
  GArray *pins;         /* MmPin, in the order added */
  gint *pinned_mentor;  /* per mentee: mentor index or -1 */
  guint *pins_on;       /* per mentor: pins using a place */
  GStringChunk *strings;
};

/* mm_match() with the number of pairs (mentees x mentors) up to which the
 * optimal mode keeps every eligible pair in memory; beyond it, only its
 * candidates (tests use a small number to reach that path on small pools). */
MmMatching *mm_match_within(const MmPool *pool, const MmConfig *config,
                            const MmMatchOptions *options, MmDiagnostics *diags,
                            guint64 pairs_in_memory);
