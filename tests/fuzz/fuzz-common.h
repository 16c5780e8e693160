/* fuzz-common.h: shared by the fuzz targets of tests/fuzz/.
 *
 * Each target defines LLVMFuzzerTestOneInput(). Built with clang's
 * -fsanitize=fuzzer (-Dfuzzing=true) it is a libFuzzer program; linked with
 * replay-main.c it replays a corpus directory as an ordinary test. */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#ifndef MENTORMATCH_COMPILATION
#define MENTORMATCH_COMPILATION
#endif
#include "mentormatch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Makes GLib criticals and warnings fatal: a g_return_val_if_fail() reached
 * from user data is a library bug (the library never aborts on user data,
 * and guards are for programmer errors only), so the fuzzer must see it.
 * Cheap; call at the start of every input. */
void fuzz_init(void);

/* An invariant of the library's contract: a violation is reported like a
 * crash, with the condition and the place, so the fuzzer keeps the input. */
#define FUZZ_CHECK(cond)                                                       \
  do {                                                                         \
    if (!(cond))                                                               \
      fuzz_fail(__FILE__, __LINE__, #cond);                                    \
  } while (0)

G_NORETURN void fuzz_fail(const char *file, int line, const char *what);

/* A small prepared pool (5 mentees, 4 mentors, every column used) for the
 * targets that fuzz something other than the pools. (transfer full) */
MmPool *fuzz_fixed_pool(void);

/* Matches @pool in @mode on one thread (deterministic and quick for small
 * inputs) and checks the result's contract: every mentee exactly once, no
 * mentor above capacity, pinned pairs kept, scores within [0, 100], the
 * summary adding up. */
void fuzz_match_and_check(const MmPool *pool, const MmConfig *config,
                                 MmMode mode, const MmPins *pins);
