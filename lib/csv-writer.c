/* csv-writer.c: being written. */
#include "pool-private.h"
