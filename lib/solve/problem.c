/* problem.c: building and measuring assignment problems. */
#include "problem.h"

#include <math.h>
#include <string.h>

MmProblem *mm_i_problem_new_dense(guint n_mentees, guint n_mentors,
                                const gint32 *value_units,
                                const guint *capacity, const guint8 *priority,
                                const gboolean *active) {
  MmProblem *p = g_new0(MmProblem, 1);
  p->n_mentees = n_mentees;
  p->n_mentors = n_mentors;
  p->row_start = g_new0(guint, n_mentees + 1);
  gsize n_edges = 0;
  for (gsize k = 0; k < (gsize)n_mentees * n_mentors; k++)
    n_edges += value_units[k] >= 0;
  p->mentor = g_new(guint, MAX(n_edges, 1));
  p->value = g_new(gint32, MAX(n_edges, 1));
  gsize e = 0;
  for (guint i = 0; i < n_mentees; i++) {
    p->row_start[i] = (guint)e;
    for (guint j = 0; j < n_mentors; j++) {
      gint32 s = value_units[(gsize)i * n_mentors + j];
      if (s < 0)
        continue;
      p->mentor[e] = j;
      p->value[e] = s;
      e++;
    }
  }
  p->row_start[n_mentees] = (guint)e;
  p->count_first = TRUE;
  p->value_max = MM_SCORE_UNITS_MAX;
  p->capacity = g_memdup2(capacity, sizeof(guint) * MAX(n_mentors, 1));
  p->priority = g_new0(guint8, MAX(n_mentees, 1));
  p->active = g_new(gboolean, MAX(n_mentees, 1));
  for (guint i = 0; i < n_mentees; i++) {
    p->priority[i] = priority != NULL ? priority[i] : 0;
    p->active[i] = active != NULL ? active[i] : TRUE;
  }
  return p;
}

void mm_i_problem_free(MmProblem *problem) {
  if (problem == NULL)
    return;
  g_free(problem->row_start);
  g_free(problem->mentor);
  g_free(problem->value);
  g_free(problem->capacity);
  g_free(problem->priority);
  g_free(problem->active);
  g_free(problem->named_place);
  g_free(problem->mentor_score);
  g_free(problem);
}

gint32 mm_i_problem_value(const MmProblem *problem, guint mentee, guint mentor) {
  guint lo = problem->row_start[mentee], hi = problem->row_start[mentee + 1];
  while (lo < hi) { /* candidate lists are sorted by mentor index */
    guint mid = lo + (hi - lo) / 2;
    if (problem->mentor[mid] < mentor)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < problem->row_start[mentee + 1] && problem->mentor[lo] == mentor)
    return problem->value[lo];
  return -1;
}

MmObjective mm_i_objective_of(const MmProblem *problem, const gint *mentor_of) {
  MmObjective o = {.count_first = problem->count_first};
  for (guint i = 0; i < problem->n_mentees; i++) {
    if (!problem->active[i] || mentor_of[i] < 0)
      continue;
    o.matched++;
    o.matched_by_priority[problem->priority[i]]++;
    o.total_value += mm_i_problem_value(problem, i, (guint)mentor_of[i]);
  }
  return o;
}

int mm_i_objective_compare(const MmObjective *a, const MmObjective *b) {
  if (a->count_first) {
    if (a->matched != b->matched)
      return a->matched < b->matched ? -1 : 1;
    for (int p = MM_MAX_PRIORITY; p >= 0; p--)
      if (a->matched_by_priority[p] != b->matched_by_priority[p])
        return a->matched_by_priority[p] < b->matched_by_priority[p] ? -1 : 1;
  }
  if (a->total_value != b->total_value)
    return a->total_value < b->total_value ? -1 : 1;
  return 0;
}

gboolean mm_i_mentee_prefers(const MmProblem *problem, guint a, guint b) {
  if (problem->named_place[a] != problem->named_place[b])
    return problem->named_place[a] < problem->named_place[b];
  if (problem->value[a] != problem->value[b])
    return problem->value[a] > problem->value[b];
  return problem->mentor[a] < problem->mentor[b];
}

gboolean mm_i_mentor_prefers(const MmProblem *problem, guint a, guint a_mentee,
                           guint b, guint b_mentee) {
  if (problem->mentor_score[a] != problem->mentor_score[b])
    return problem->mentor_score[a] > problem->mentor_score[b];
  return a_mentee < b_mentee;
}

/* The outlet penalties (problem.h explains them): 0 under quality; under
 * count, C + B[priority] with B[p+1] > n * B[p] + n * S and C > n * (B[3] +
 * S), n the active mentees and S the largest value. */
void mm_i_outlet_penalties(const MmProblem *p,
                           MmCost penalty_by_priority[MM_MAX_PRIORITY + 1]) {
  if (!p->count_first) { /* quality: an unmatched mentee costs nothing */
    memset(penalty_by_priority, 0, sizeof(MmCost) * (MM_MAX_PRIORITY + 1));
    return;
  }
  guint n = 0;
  for (guint i = 0; i < p->n_mentees; i++)
    n += p->active[i];
  const MmCost n_c = (MmCost)n + 1;
  const MmCost max_total_score = n_c * p->value_max;
  MmCost b = 0;
  for (int prio = 0; prio <= MM_MAX_PRIORITY; prio++) {
    penalty_by_priority[prio] = b;
    b = n_c * (b + max_total_score) + 1;
  }
  /* b now exceeds n * (B[3] + S): the cardinality level. */
  for (int prio = 0; prio <= MM_MAX_PRIORITY; prio++)
    penalty_by_priority[prio] += b;
}
