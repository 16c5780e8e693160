/* plan-private.h: what the files of `plan` share (internal).
 *
 * plan.c runs the method of mm-plan.h; plan-profiles.c makes the candidate
 * profiles from the young people waiting; plan-solve.c solves the pool
 * exactly with a candidate added and proves that `match` finds the same
 * numbers. See include/mm-plan.h for the method and its limits. */
#pragma once

#include "pool-private.h"
#include "problem.h"

/* The mentor-file columns a proposal fills, in the order the contract (docs/) lists
 * them; NULL-terminated. */
typedef enum {
  MM_PLAN_COL_ID,
  MM_PLAN_COL_AGE,
  MM_PLAN_COL_GENDER,
  MM_PLAN_COL_ETHNICITY,
  MM_PLAN_COL_RELIGION,
  MM_PLAN_COL_LANGUAGES,
  MM_PLAN_COL_INTERESTS,
  MM_PLAN_COL_CARE_EXPERIENCED,
  MM_PLAN_COL_LAT,
  MM_PLAN_COL_LON,
  MM_PLAN_COL_REMOTE,
  MM_PLAN_COL_AVAILABILITY,
  MM_PLAN_COL_MUST,
  MM_PLAN_COL_CAPACITY,
  MM_PLAN_COL_MENTOR_TYPE,
  MM_PLAN_COL_CHECKS_CLEARED,
  MM_PLAN_COL_TRAINING_HOURS,
  MM_PLAN_COL_SKILLS,
  MM_PLAN_COL_SECTORS,
  MM_PLAN_COL_MAX_DISTANCE_KM,
  MM_PLAN_COL_MENTEE_AGE_MIN,
  MM_PLAN_COL_MENTEE_AGE_MAX,
  MM_PLAN_COL_PREF_MENTEE_GENDER,
  MM_PLAN_N_COLUMNS
} MmPlanColumn;

extern const char *const mm_i_plan_column_names[MM_PLAN_N_COLUMNS + 1];

/* One candidate mentor: its columns as CSV text ("" when empty; the id is
 * filled in when the profile is added to a pool or proposed). */
typedef struct {
  char *value[MM_PLAN_N_COLUMNS];
  guint capacity;
  guint made_for;      /* waiting young people in the group it was made for */
  char *description;
} MmPlanProfile;

void mm_i_plan_profile_free(gpointer profile);

/* Its non-empty columns as fields, with @id as the id; the strings are the
 * profile's (and @id), the array is the caller's to g_free(). */
MmField *mm_i_plan_profile_fields(const MmPlanProfile *profile, const char *id,
                                gsize *n_fields);

/* Shortest decimal text that reads back as exactly @value ("3", "2.5"). */
char *mm_i_plan_number_text(double value);

/**
 * mm_i_plan_profiles_build:
 * @waiting: the young people still waiting (active and unmatched), by
 *   mentee index, in input order.
 * @max_profiles: keep the profiles of at most this many groups, the
 *   largest first.
 *
 * Groups the young people waiting by what a mentor must offer them and
 * makes one profile per group (mm-plan.h, step 2); distinct profiles only.
 *
 * Returns: (transfer full): MmPlanProfile*, largest group first (ties by
 * the group's first young person in input order).
 */
GPtrArray *mm_i_plan_profiles_build(const MmPool *pool, const MmConfig *config,
                                  const guint *waiting, guint n_waiting,
                                  guint max_profiles);

/* ---- exact solves (plan-solve.c) ---- */

/* The eligible pairs of one mentor that is not in the full problem (a
 * candidate), by increasing mentee, with their values in units. */
typedef struct {
  guint n;
  guint *mentee;
  gint32 *value;
} MmPlanColumnPairs;

void mm_i_plan_column_clear(MmPlanColumnPairs *column);

/* An exact solution of the pool with the proposals so far (a full
 * problem), possibly with one candidate more (a column). The sparse
 * problems have room for every proposal from the start: mentors beyond the
 * full problem's are slots of MM_PLAN_CAPACITY places and no pairs until a
 * candidate's column fills the next one, so that the solver can start
 * from the last solution (the same mentors and capacities) instead of
 * from scratch. */
typedef struct {
  MmProblem *candidates;   /* the sparse problem solved, grown by pricing */
  MmSimplexSolver *solver; /* at this solution, to start the next from */
  gint *mentor_of;         /* per mentee; -1 unmatched or inactive */
  MmDuals duals;           /* proved feasible for every eligible pair */
  MmObjective objective;
  guint matched;           /* active young people matched */
} MmPlanSolution;

void mm_i_plan_solution_clear(MmPlanSolution *solution);

/**
 * mm_i_plan_solve:
 * @full: every eligible pair of the pool with the proposals so far.
 * @extra: (nullable): the pairs of a candidate, mentor @full->n_mentors
 *   (a slot of @candidates, whose pairs were added with
 *   mm_i_plan_candidates_add_column()).
 * @candidates: (transfer full): the sparse problem to start from.
 * @solver: (transfer full) (nullable): a solver at an optimum of
 *   @candidates before pairs were added to it (a warm start); NULL to
 *   solve from scratch.
 *
 * Solves @full (and @extra) exactly: a solve of @candidates, priced
 * against every pair until none prices out (solve-priced.c's loop, the dual
 * prices kept).
 */
void mm_i_plan_solve(const MmProblem *full, const MmPlanColumnPairs *extra,
                   MmProblem *candidates, MmSimplexSolver *solver,
                   MmPlanSolution *out);

/* A copy of @p; the same with @n_slots mentors more of @capacity places
 * and no pairs. */
MmProblem *mm_i_plan_problem_copy(const MmProblem *p);
MmProblem *mm_i_plan_problem_with_slots(const MmProblem *p, guint n_slots,
                                      guint capacity);

/* Adds @column's pairs (of active young people) as mentor @mentor's. */
void mm_i_plan_candidates_add_column(MmProblem *candidates, guint mentor,
                                   const MmPlanColumnPairs *column);

/* A copy of @full with one mentor more, of @capacity places, whose
 * eligible pairs are @column's. */
MmProblem *mm_i_plan_full_extend(const MmProblem *full, guint capacity,
                               const MmPlanColumnPairs *column);

/* Under prefer = quality: whether every optimal assignment of @full matches
 * as many young people as @solution does (proved from its dual prices:
 * no zero-cost exchange through an unmatched young person or a free place
 * changes the count). FALSE when that cannot be proved. */
gboolean mm_i_plan_count_is_unique(const MmProblem *full,
                                 const MmPlanSolution *solution);
