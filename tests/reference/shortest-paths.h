/* shortest-paths.h: the tests' reference optimal solver (internal).
 *
 * Successive shortest augmenting paths (shortest-paths.c), the optimal
 * mode's solver until the network simplex (lib/solve/solve-simplex.c)
 * replaced it: an exact solver written differently, which the tests hold
 * the simplex against (and bench/solver-compare times it against). The
 * same problem (problem.h) and the same duals. */
#pragma once

#include "problem.h"

/* Each solver fills mentor_of[n_mentees] (-1 = unmatched; inactive mentees
 * are left -1) respecting capacities and candidate lists. */
void mm_i_solve_optimal(const MmProblem *problem, gint *mentor_of);
/* As mm_i_solve_optimal(), also handing out the final potentials (@duals'
 * arrays are allocated here; free with mm_i_duals_free()). */
void mm_i_solve_optimal_duals(const MmProblem *problem, gint *mentor_of,
                            MmDuals *duals);

/* The solver kept between rounds of a priced solve: it keeps its
 * assignment and potentials, and after pairs are added re-adds only the
 * mentees they could improve. */
typedef struct MmOptimalSolver MmOptimalSolver;

/* Solves @problem from scratch. @problem must outlive the solver, or be
 * handed again to mm_i_optimal_solver_update(). */
MmOptimalSolver *mm_i_optimal_solver_new(const MmProblem *problem);
/* Solves @problem again after pairs were added to it (mm_i_candidates_add():
 * the same mentees, mentors and capacities), from the last solution, or
 * from scratch when that is faster (then *@cold, unless NULL, is set).
 * Returns how many mentees were added again (0: the last solution is still
 * optimal). */
guint mm_i_optimal_solver_update(MmOptimalSolver *solver,
                               const MmProblem *problem, gboolean *cold);
/* The assignment, and the potentials when @duals is not NULL (allocated
 * here; free with mm_i_duals_free()). */
void mm_i_optimal_solver_result(const MmOptimalSolver *solver, gint *mentor_of,
                              MmDuals *duals);
void mm_i_optimal_solver_free(MmOptimalSolver *solver);

