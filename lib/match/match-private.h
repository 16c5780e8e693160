/* match-private.h: pins as the matcher sees them (internal). */
#pragma once

#include "pool-private.h"
#include "problem.h"

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

/* The warning for a pin whose pair breaks hard rules: "pinned pair
 * YP1-M2 kept although it breaks: 1 checks", at the pin's source and line,
 * in @column (nullable). Nothing when @broken (MmRule bits) is 0 or @diags
 * is NULL. mm_match() keeps such pins with it; mm_validate() gives it too. */
void mm_i_pin_warn_broken(const MmPool *pool, const MmPin *pin, guint32 broken,
                        const char *column, MmDiagnostics *diags);

/* mm_match() with the number of pairs (mentees x mentors) up to which the
 * optimal mode keeps every eligible pair in memory; beyond it, only its
 * candidates (tests use a small number to reach that path on small pools). */
MmMatching *mm_i_match_within(const MmPool *pool, const MmConfig *config,
                            const MmMatchOptions *options, MmDiagnostics *diags,
                            guint64 pairs_in_memory);

/* The problem mm_match() solves, without its pairs: mentees, mentors,
 * places left after @pins (nullable), priorities, pinned young people
 * inactive, and @config's objective. Free with mm_i_problem_free(). */
MmProblem *mm_i_match_problem_shape(const MmPool *pool,
                                    const MmConfig *config,
                                    const MmPins *pins);

/* Where mm_match()'s time went (CPU microseconds of the whole process,
 * every thread: mm_i_cpu_usec()), for the bench:
 * scoring every row once; the solve (for optimal, every round's solve and
 * pricing pass, detailed per round in @round); the named-choice guarantee,
 * statuses and reasons. */
typedef struct {
  gint64 score_usec, solve_usec, result_usec;
  const GArray *round; /* MmPricingRound, owned by the matching */
} MmMatchPhases;

MmMatchPhases mm_i_matching_phases(const MmMatching *matching);
