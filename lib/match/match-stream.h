/* match-stream.h: the greedy and stable modes on bounded candidate lists
 * (internal).
 *
 * On pools too large to hold every eligible pair, each young person keeps
 * only the next few mentors of their own order, and their row is scored
 * again when those run out. Both modes give exactly the result of their
 * solvers on every eligible pair (solve-greedy.c, solve-stable.c): greedy's
 * global order is the merge of the rows' orders, and deferred acceptance's
 * outcome does not depend on the order of proposals. Memory grows with the
 * young people times the list length, not with the pairs. */
#pragma once

#include "match-rows.h"
#include "pool-private.h"
#include "problem.h"

/* Pairs kept per young person at first; each time a young person's list
 * runs out it keeps twice as many, up to MM_STREAM_LIST_MAX. */
#define MM_STREAM_LIST 16
#define MM_STREAM_LIST_MAX 4096

/**
 * mm_i_stream_solve:
 * @shape: the problem's mentees, mentors, places left after the pins,
 *   priorities, active flags and objective (no pairs).
 * @stable: the stable mode; else greedy.
 * @n_threads: threads for refills (0: one per core); the result does not
 *   depend on it.
 * @progress: (nullable): told how far the first scoring of the rows got.
 * @summaries: (out): n_mentees entries, every young person's row summary
 *   as mm_i_rows_score() gives it (the rows are scored here, once).
 * @mentor_of: (out): n_mentees entries; -1 when unmatched.
 * @named: (out): a problem holding, for every active young person, their
 *   pair with the mentor given (if any) and their named eligible pairs,
 *   with values: what the named-choice guarantee and the result read
 *   afterwards. Free with mm_i_problem_free().
 */
void mm_i_stream_solve(const MmPool *pool, const MmConfig *config,
                       const MmProblem *shape, gboolean stable,
                       guint n_threads, MmProgressFunc progress,
                       gpointer progress_data, MmRowSummary *summaries,
                       gint *mentor_of, MmProblem **named);
