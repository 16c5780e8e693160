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
