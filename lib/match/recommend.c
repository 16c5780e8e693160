/* recommend.c: a shortlist of eligible mentors per young person (KP3).
 *
 * Each mentee's row is scored once (mm_score_mentee); the best @top_k
 * eligible mentors are kept in a bounded heap whose root is the weakest kept,
 * so a row costs O(n_mentors log top_k) beyond scoring. Mentors the young
 * person named come first, in the order named (the contract (docs/): it is their
 * shortlist to choose from); the others rank by the score in the units the
 * matcher uses (hundredths of a point), so mentors whose scores print the
 * same are tied, and ties go to input order. */
#include "criteria.h"
#include "match-private.h"
#include "problem.h"
#include "rules.h"

struct MmRecommendOptions {
  gint mentee;          /* -1: every mentee */
  guint top_k;
  const MmPins *pins;   /* nullable: places they take are not offered */
  gboolean realistic;   /* the shortlist the whole pool can honour */
};

typedef struct {
  guint mentor;
  gint place; /* among the young person's named mentors; G_MAXINT if not */
  double score;
  gint32 units;
} Pick;

typedef struct {
  guint mentee;
  Pick *picks; /* best first */
  guint n_picks;
  char *reason; /* NULL when there are picks */
} Entry;

struct MmShortlist {
  Entry *entries;
  guint n_entries;
};

/* Whether @a ranks above @b: an earlier named place, then higher score,
 * then earlier mentor. */
static gboolean ranks_above(const Pick *a, const Pick *b) {
  if (a->place != b->place)
    return a->place < b->place;
  if (a->units != b->units)
    return a->units > b->units;
  return a->mentor < b->mentor;
}

/* Heap of the best picks so far, the lowest-ranked at the root. */
static void sift_down(Pick *heap, guint n, guint k) {
  for (;;) {
    guint low = k, l = 2 * k + 1, r = 2 * k + 2;
    if (l < n && ranks_above(&heap[low], &heap[l]))
      low = l;
    if (r < n && ranks_above(&heap[low], &heap[r]))
      low = r;
    if (low == k)
      return;
    Pick t = heap[k];
    heap[k] = heap[low];
    heap[low] = t;
    k = low;
  }
}

static void sift_up(Pick *heap, guint k) {
  while (k > 0) {
    guint parent = (k - 1) / 2;
    if (!ranks_above(&heap[parent], &heap[k]))
      return;
    Pick t = heap[k];
    heap[k] = heap[parent];
    heap[parent] = t;
    k = parent;
  }
}

static int compare_picks(const void *a, const void *b) {
  return ranks_above(a, b) ? -1 : ranks_above(b, a) ? 1 : 0;
}

/* Only free places are offered: a place an existing match (a pin) keeps is
 * not free, but for the young person who holds it. */
static gboolean has_spare_capacity(const MmPool *pool, const MmPins *pins,
                                   guint mentor, guint mentee) {
  guint taken = 0;
  if (pins != NULL)
    taken = pins->pins_on[mentor] - (pins->pinned_mentor[mentee] == (gint)mentor);
  return mm_pool_mentor_capacity(pool, mentor) > taken;
}

static char *no_eligible_reason(const guint32 *broken, guint n_mentors) {
  if (n_mentors == 0)
    return g_strdup("no eligible mentor: the pool has no mentors");
  guint counts[MM_N_RULES] = {0};
  mm_i_rules_count(broken, n_mentors, counts);
  char *summary = mm_rules_summary(counts);
  char *reason = g_strdup_printf("no eligible mentor: %s", summary);
  g_free(summary);
  return reason;
}

static void shortlist_mentee(const MmPool *pool, const MmConfig *config,
                             const MmPins *pins, guint mentee, guint top_k,
                             double *scores, guint32 *broken, Entry *entry) {
  guint n_mentors = mm_pool_n_mentors(pool);
  mm_score_mentee(pool, config, mentee, scores, broken);
  entry->mentee = mentee;
  entry->picks = g_new(Pick, MIN(top_k, MAX(n_mentors, 1)));
  guint n = 0, full = 0;
  for (guint j = 0; j < n_mentors; j++) {
    if (broken[j] != 0)
      continue;
    if (!has_spare_capacity(pool, pins, j, mentee)) {
      full++;
      continue;
    }
    MmPair pair = mm_i_pair(pool->encoding, config, mentee, j);
    gint place = mm_i_pair_named_place(&pair);
    Pick pick = {j, place >= 0 ? place : G_MAXINT, scores[j],
                 mm_i_score_to_units(scores[j])};
    if (n < top_k) {
      entry->picks[n] = pick;
      sift_up(entry->picks, n++);
    } else if (ranks_above(&pick, &entry->picks[0])) {
      entry->picks[0] = pick;
      sift_down(entry->picks, n, 0);
    }
  }
  qsort(entry->picks, n, sizeof(Pick), compare_picks);
  entry->n_picks = n;
  if (n == 0 && full > 0)
    entry->reason = g_strdup_printf(
        "eligible mentors all taken by existing matches (%u)", full);
  else if (n == 0)
    entry->reason = no_eligible_reason(broken, n_mentors);
}

MmRecommendOptions *mm_recommend_options_new(void) {
  MmRecommendOptions *options = g_new0(MmRecommendOptions, 1);
  options->mentee = -1;
  options->top_k = MM_DEFAULT_TOP_K;
  return options;
}

void mm_recommend_options_free(MmRecommendOptions *options) { g_free(options); }

void mm_recommend_options_set_mentee(MmRecommendOptions *options, gint mentee) {
  g_return_if_fail(options != NULL && mentee >= -1);
  options->mentee = mentee;
}

void mm_recommend_options_set_top(MmRecommendOptions *options, guint top_k) {
  g_return_if_fail(options != NULL && top_k >= 1);
  options->top_k = top_k;
}

void mm_recommend_options_set_pins(MmRecommendOptions *options,
                                   const MmPins *pins) {
  g_return_if_fail(options != NULL);
  options->pins = pins;
}

void mm_recommend_options_set_realistic(MmRecommendOptions *options,
                                        gboolean realistic) {
  g_return_if_fail(options != NULL);
  options->realistic = realistic != FALSE;
}

/* ---- the shortlist the whole pool can honour ---- */

/* Places left after @matching, per mentor (n_mentors). */
static guint *places_left(const MmPool *pool, const MmMatching *matching) {
  guint m = mm_pool_n_mentors(pool);
  guint *left = g_new(guint, MAX(m, 1));
  for (guint j = 0; j < m; j++)
    left[j] = mm_pool_mentor_capacity(pool, j);
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++)
    if (mm_matching_mentor(matching, i) >= 0)
      left[mm_matching_mentor(matching, i)]--;
  return left;
}

/* First the mentor the optimal assignment gives the young person, then the
 * eligible mentors with a place still free after it, by score: every first
 * line can be offered at the same time as everyone else's, and every later
 * line is a place nobody else is given. */
static void realistic_mentee(const MmPool *pool, const MmConfig *config,
                             const MmMatching *matching, const guint *left,
                             guint mentee, guint top_k, double *scores,
                             guint32 *broken, Entry *entry) {
  guint n_mentors = mm_pool_n_mentors(pool);
  mm_score_mentee(pool, config, mentee, scores, broken);
  entry->mentee = mentee;
  entry->picks = g_new(Pick, MIN(top_k, MAX(n_mentors, 1)));
  gint given = mm_matching_mentor(matching, mentee);
  guint n = 0;
  if (given >= 0)
    entry->picks[n++] = (Pick){(guint)given, 0, scores[given],
                               mm_i_score_to_units(scores[given])};
  Pick *rest = g_new(Pick, MAX(n_mentors, 1));
  guint n_rest = 0;
  for (guint j = 0; j < n_mentors; j++)
    if (broken[j] == 0 && left[j] > 0 && (gint)j != given)
      rest[n_rest++] = (Pick){j, G_MAXINT, scores[j], mm_i_score_to_units(scores[j])};
  qsort(rest, n_rest, sizeof(Pick), compare_picks);
  for (guint k = 0; k < n_rest && n < top_k; k++)
    entry->picks[n++] = rest[k];
  g_free(rest);
  entry->n_picks = n;
  if (n == 0)
    entry->reason = g_strdup(mm_matching_reason(matching, mentee));
}

static void recommend_realistic(const MmPool *pool, const MmConfig *config,
                                const MmRecommendOptions *options,
                                MmShortlist *list, double *scores,
                                guint32 *broken) {
  g_autoptr(MmMatchOptions) match = mm_match_options_new();
  mm_match_options_set_pins(match, options->pins);
  g_autoptr(MmMatching) matching = mm_match(pool, config, match, NULL);
  guint *left = places_left(pool, matching);
  for (guint k = 0; k < list->n_entries; k++)
    realistic_mentee(pool, config, matching, left,
                     options->mentee < 0 ? k : (guint)options->mentee,
                     options->top_k, scores, broken, &list->entries[k]);
  g_free(left);
}

MmShortlist *mm_recommend(const MmPool *pool, const MmConfig *config,
                          gint mentee, guint top_k) {
  g_return_val_if_fail(top_k >= 1, NULL);
  MmRecommendOptions options = {mentee, top_k, NULL, FALSE};
  return mm_recommend_with(pool, config, &options);
}

MmShortlist *mm_recommend_with(const MmPool *pool, const MmConfig *config,
                               const MmRecommendOptions *options) {
  g_return_val_if_fail(pool != NULL && mm_pool_is_prepared(pool), NULL);
  g_return_val_if_fail(config != NULL && options != NULL, NULL);
  g_return_val_if_fail(options->pins == NULL || options->pins->pool == pool,
                       NULL);
  const gint mentee = options->mentee;
  const guint top_k = options->top_k;
  guint n_mentees = mm_pool_n_mentees(pool);
  g_return_val_if_fail(mentee >= -1 && (mentee < 0 || (guint)mentee < n_mentees),
                       NULL);
  guint n_mentors = mm_pool_n_mentors(pool);
  MmShortlist *list = g_new0(MmShortlist, 1);
  list->n_entries = mentee < 0 ? n_mentees : 1;
  list->entries = g_new0(Entry, MAX(list->n_entries, 1));
  double *scores = g_new(double, MAX(n_mentors, 1));
  guint32 *broken = g_new(guint32, MAX(n_mentors, 1));
  if (options->realistic)
    recommend_realistic(pool, config, options, list, scores, broken);
  else
    for (guint k = 0; k < list->n_entries; k++)
      shortlist_mentee(pool, config, options->pins,
                       mentee < 0 ? k : (guint)mentee, top_k, scores, broken,
                       &list->entries[k]);
  g_free(scores);
  g_free(broken);
  return list;
}

void mm_shortlist_free(MmShortlist *shortlist) {
  if (shortlist == NULL)
    return;
  for (guint k = 0; k < shortlist->n_entries; k++) {
    g_free(shortlist->entries[k].picks);
    g_free(shortlist->entries[k].reason);
  }
  g_free(shortlist->entries);
  g_free(shortlist);
}

guint mm_shortlist_n_mentees(const MmShortlist *shortlist) {
  g_return_val_if_fail(shortlist != NULL, 0);
  return shortlist->n_entries;
}

static const Entry *entry_at(const MmShortlist *shortlist, guint i) {
  return &shortlist->entries[i];
}

guint mm_shortlist_mentee(const MmShortlist *shortlist, guint i) {
  g_return_val_if_fail(shortlist != NULL && i < shortlist->n_entries, 0);
  return entry_at(shortlist, i)->mentee;
}

guint mm_shortlist_length(const MmShortlist *shortlist, guint i) {
  g_return_val_if_fail(shortlist != NULL && i < shortlist->n_entries, 0);
  return entry_at(shortlist, i)->n_picks;
}

guint mm_shortlist_mentor(const MmShortlist *shortlist, guint i, guint rank) {
  g_return_val_if_fail(shortlist != NULL && i < shortlist->n_entries, 0);
  g_return_val_if_fail(rank < entry_at(shortlist, i)->n_picks, 0);
  return entry_at(shortlist, i)->picks[rank].mentor;
}

double mm_shortlist_score(const MmShortlist *shortlist, guint i, guint rank) {
  g_return_val_if_fail(shortlist != NULL && i < shortlist->n_entries, 0.0);
  g_return_val_if_fail(rank < entry_at(shortlist, i)->n_picks, 0.0);
  return entry_at(shortlist, i)->picks[rank].score;
}

const char *mm_shortlist_reason(const MmShortlist *shortlist, guint i) {
  g_return_val_if_fail(shortlist != NULL && i < shortlist->n_entries, NULL);
  return entry_at(shortlist, i)->reason;
}
