/* csv-reader.c: being written. */
#include "pool-private.h"
