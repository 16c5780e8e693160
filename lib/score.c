/* score.c: being written. */
#include "pool-private.h"
