/* match-stream.h: the greedy and stable modes on bounded candidate lists
 * (internal).
 *
 * On pools too large to hold every eligible pair, each young person keeps
 * only the next few mentors of their own order, and their row is scored
 * again when those run out. Both modes give exactly the result of their
 * solvers on every eligible pair (solve-greedy.c, solve-stable.c):
 * - greedy's global order is the merge of the rows' orders; the merge goes
 *   down in steps, and before each step the rows it will need are refilled
 *   together (a full mentor stays full, so refills leave full mentors out);
 * - deferred acceptance's outcome does not depend on the order of
 *   proposals: it runs in rounds, and those who ran out of list between
 *   rounds are refilled together; a refill passes over for good a full
 *   mentor whose least preferred holder ranks above the young person (that
 *   holder only gets better).
 * Refills of a batch run on several threads; each reads the state of the
 * moment and writes only its own list, so the result does not depend on
 * the number of threads. Every row is scored once at the start (which also
 * summarises it for the reasons) and again only by refills, against the
 * open mentors within reach (mentor-reach.h). Memory grows with the young
 * people times the list length, not with the pairs.
 *
 * Time: O(R x M) scoring for R row scorings (the rows, plus O(log pairs)
 * refills for each young person who needs one) against M mentors within
 * reach, plus, in stable, one score from the mentor's side for each pair a
 * young person's walk reaches (every eligible pair for a young person left
 * unmatched). */
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
