/* person-fields.c: being written. */
#include "pool-private.h"
