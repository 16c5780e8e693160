/* mm-plan.h: which mentors to recruit next (`mentormatch plan`).
 *
 * Local leaders review whether the mentor pool reflects the young people who
 * need it. mm_plan() answers their question, "which mentors should we
 * recruit next, and how many young people would each one let us match?",
 * with mentor profiles built from the stated demand of the young people
 * still waiting, and for each one the exact gain: the pool is solved again
 * with the proposed mentor added (each proposal on top of the ones before
 * it), never estimated from counts.
 *
 * Exact means what `mentormatch match` gives: appending the first k
 * proposed mentors to the mentor file (their rows as
 * mm_plan_mentor_value() gives them) and matching with the same config,
 * pins and as-of date in the optimal mode matches exactly
 * sum(young_people_gained) more young people, with a total value exactly
 * sum(value_gained) higher (mm_matching_value() over the matched rows).
 *
 * Method (docs/planning.md):
 * 1. every eligible pair of the pool is scored once (as mm_match() scores
 *    them) and the pool is solved exactly: the optimal mode's solver on a
 *    sparse problem, proved by pricing every eligible pair, keeping the
 *    dual prices;
 * 2. the young people still waiting are grouped by what a mentor must
 *    offer them: their stated wishes and `must`s (gender; care experience;
 *    mentor type, never natural: a natural mentor belongs to the young
 *    person who names them; ethnicity group or detail, `same` and
 *    `same-group` read as their own group; religion; language), an age
 *    that suits them (a near-peer two to five years older for those who ask
 *    for a peer, 35 for others, within any age range they stated), whether
 *    they are open to online mentoring and, if not, the area they live in
 *    (cells half the maximum travel distance wide). Each group gives one
 *    candidate profile: that demand, the availability slots, interests,
 *    skills for its needs and sectors for its aspirations most of the group
 *    shares, languages, capacity MM_PLAN_CAPACITY, checks cleared and the
 *    configured minimum training, living at the group's centre (an online
 *    mentor, or one for young people who gave no location, where most of
 *    them, or else most young people waiting, live: every profile has an
 *    area, as every recruit will). The largest groups give the candidates
 *    (at most MM_PLAN_MAX_CANDIDATES);
 * 3. each candidate is scored against every young person. The dual prices
 *    bound what it can add: in the solver's costs (a matched pair costs
 *    -value, an unmatched young person their outlet's penalty: 0 under
 *    prefer = quality), the cost falls by at most the sum of the candidate's
 *    MM_PLAN_CAPACITY largest (value - u_i)^+, u_i the young person's price
 *    (0 while waiting under quality). Candidates are solved exactly in the
 *    order of that bound until the best gain found reaches the next bound
 *    (the proposal is then the best candidate, proved, not guessed) or
 *    MM_PLAN_MAX_SOLVES_PER_PROPOSAL solves were spent. The first solve of
 *    a proposal starts from the last solution's solver;
 * 4. the best candidate is kept when it improves the objective
 *    (the config's: under count, more young people first), and the next
 *    proposal is sought on top of it.
 * The numbers are what `match` gives: an optimal assignment's total value
 * is unique, and the plan proves from the dual prices that every optimal
 * assignment matches the same number of young people (no zero-cost
 * exchange through an unmatched young person or a free place) and that the
 * named-choice guarantee can move nobody (no young person's named mentor
 * is worth no more than another eligible mentor, or than waiting). When
 * either proof fails (ties), the numbers are taken from a full mm_match()
 * of the pool with the proposals appended (MmPlanSummary.confirmed_by_match).
 *
 * Limits: candidates come from groups of waiting young people, so a mentor
 * who would serve a mix no group describes is not considered, and a group
 * beyond the largest MM_PLAN_MAX_CANDIDATES is not; each proposal is the
 * best on top of the ones before (greedy), which need not be the best set
 * of K; attributes a profile leaves empty mean "any" (filling in a
 * recruit's own values never lowers a score, though it can change who
 * else they suit); memory grows with the pool's eligible pairs, which are
 * all held (about 430 MB at 20,000 x 8,000).
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include "mm-common.h"
#include "mm-config.h"
#include "mm-match.h"
#include "mm-pool.h"

G_BEGIN_DECLS

/* Proposals asked for by default (`--recruit`), and the most. */
#define MM_PLAN_DEFAULT_RECRUIT 5
#define MM_PLAN_MAX_RECRUIT 100

/* The most candidate profiles one plan considers, and the most exact solves
 * spent on one proposal. */
#define MM_PLAN_MAX_CANDIDATES 400
#define MM_PLAN_MAX_SOLVES_PER_PROPOSAL 24

/* The capacity of every proposed mentor (the contract (docs/): evidence-based
 * programmes pair one mentor with up to three young people). */
#define MM_PLAN_CAPACITY 3

/* What to plan: how many proposals, which existing matches to keep. Set
 * through functions, so that options can grow without breaking callers. */
typedef struct MmPlanOptions MmPlanOptions;

/* Returns: (transfer full): MM_PLAN_DEFAULT_RECRUIT proposals, no pins, one
 * scoring thread per core. Free with mm_plan_options_free(). */
MM_EXTERN MmPlanOptions *mm_plan_options_new(void);
MM_EXTERN void mm_plan_options_free(MmPlanOptions *options);
/* The most proposals, 1 to MM_PLAN_MAX_RECRUIT; FALSE (nothing changed)
 * otherwise. */
MM_EXTERN gboolean mm_plan_options_set_recruit(MmPlanOptions *options,
                                               guint recruit);
/* (nullable): existing matches of the pool planned for, kept as `match
 * --pinned` keeps them. Read during mm_plan() only. */
MM_EXTERN void mm_plan_options_set_pins(MmPlanOptions *options,
                                        const MmPins *pins);
/* Scoring threads; 0 (the default) is one per core. */
MM_EXTERN void mm_plan_options_set_threads(MmPlanOptions *options,
                                           guint n_threads);

typedef struct MmPlan MmPlan;

/**
 * mm_plan:
 * @pool: a prepared pool.
 * @config: weights, rules and objective.
 * @options: (nullable): NULL for mm_plan_options_new()'s.
 * @error: set (MM_ERROR_INVALID_INPUT) when an id the proposals would take
 *   (PLAN-1, PLAN-2, ...) is already a mentor's, or is named by a young
 *   person (preferred, excluded or previous mentors): the pasted rows would
 *   then not be read as the plan read them.
 *
 * Proposes up to the options' recruit mentors, in order, each the best
 * candidate on top of the ones before, stopping early when no candidate
 * improves the objective (mm_plan_stopped() says why). See the top of this
 * header for the method.
 *
 * Time: one scoring of every pair (as mm_match()), one scoring of each
 * candidate against every young person, and per proposal a few exact
 * solves on the pairs that can matter (each a sparse solve proved by
 * pricing every eligible pair). Memory: O(eligible pairs).
 * Returns: (transfer full): NULL on error; free with mm_plan_free().
 */
MM_EXTERN MmPlan *mm_plan(const MmPool *pool, const MmConfig *config,
                          const MmPlanOptions *options, GError **error);
MM_EXTERN void mm_plan_free(MmPlan *plan);

/* The number of proposals made (0 to the recruit asked for). */
MM_EXTERN guint mm_plan_n_proposals(const MmPlan *plan);

/* Proposal @k (0-based; its rank is k + 1) on top of proposals 0..k-1:
 * how many more young people the pool matches, and how much the total value
 * of their matches rises (hundredths, as mm_matching_value()). A proposal
 * always improves the objective: under prefer = count the value may fall
 * when more young people are matched; under quality the count may, when
 * `match` settles ties differently with the mentor added. */
MM_EXTERN gint mm_plan_young_people_gained(const MmPlan *plan, guint k);
MM_EXTERN double mm_plan_value_gained(const MmPlan *plan, guint k);

/* The mentor-file columns of a proposal, in the order the contract (docs/) lists them
 * ("id", "age", "gender", ...), NULL-terminated (static storage). */
MM_EXTERN const char *const *mm_plan_mentor_columns(void);

/* Returns: (transfer none): the text of @column (a name of
 * mm_plan_mentor_columns()) for proposal @k's mentor, exactly as its CSV
 * field reads (lists ';'-separated, booleans yes/no); "" when the profile
 * leaves it empty (any value), NULL for a column that is not a mentor
 * column. The id is PLAN-<k+1>. */
MM_EXTERN const char *mm_plan_mentor_value(const MmPlan *plan, guint k,
                                           const char *column);

/* Returns: (transfer none): proposal @k's mentor as non-empty fields, ready
 * for mm_pool_add_person(); @n_fields receives their number. */
MM_EXTERN const MmField *mm_plan_mentor_fields(const MmPlan *plan, guint k,
                                               gsize *n_fields);

/* How many waiting young people the profile of proposal @k was made for
 * (its group), and what they asked for, in words ("3 young people waiting
 * near 53.80, -1.55; asked for: female mentor, peer mentor"). */
MM_EXTERN guint mm_plan_made_for(const MmPlan *plan, guint k);
MM_EXTERN const char *mm_plan_description(const MmPlan *plan, guint k);

/* Returns: (transfer none): why fewer proposals than asked for were made
 * ("no young person is waiting", "no candidate profile improves the
 * assignment"), or NULL. */
MM_EXTERN const char *mm_plan_stopped(const MmPlan *plan);

typedef struct {
  guint n_mentees;
  guint pinned;
  guint waiting;          /* active young people unmatched before any proposal */
  guint matched_before;   /* matched by the solver (not pinned), as match gives */
  double value_before;    /* the total value of those matches */
  guint matched_after;    /* with every proposal added */
  double value_after;
  guint candidates;       /* candidate profiles considered */
  guint solves;           /* exact solves of the pool with a candidate added */
  guint confirmed_by_match; /* numbers taken from a full mm_match() (ties) */
} MmPlanSummary;

/* Returns: the summary of @plan, by value. */
MM_EXTERN MmPlanSummary mm_plan_summary(const MmPlan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmPlan, mm_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(MmPlanOptions, mm_plan_options_free)

G_END_DECLS
