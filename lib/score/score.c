/* score.c: one mentee against many mentors, the scorer's hot loop.
 *
 * mm_i_pair_score() (criteria.c) scores one pair by running every criterion.
 * A row does the same arithmetic faster:
 *
 * - once per row, each criterion that reads a mentor profile
 *   (mentor-profiles.h) is run on one representative mentor per profile,
 *   and each criterion that counts shared items is run once per possible
 *   count, through the same functions of criteria.h. A verdict is kept as
 *   a term, {weight x value, weight, rule bits, 0}, in a table laid out the
 *   same for every row, so each mentor's keys hold the byte offsets of its
 *   own terms;
 * - then, pair by pair, each of the mentor's terms is found in one load and
 *   added to the pair's sums in mm_i_sum_order, the order of every scorer, so
 *   every floating-point operation is the same and the score is the same
 *   double, bit for bit (the build turns off floating-point contraction so
 *   that no compiler fuses them differently in one place). One four-lane
 *   addition adds a term's three parts at once (see Sums below). A whole
 *   row first sums the six background criteria once per background profile
 *   and looks that sum up instead;
 * - distance is screened in the same pass, without branches: pairs
 *   certainly beyond max_distance_km need no acos. The others are listed,
 *   and a second loop takes their acos through the same functions of
 *   criteria.h, with the limits and weight of the mentor's place profile
 *   (pairs within
 *   reach are most of a matching run's pairs: it scores little else);
 * - the few pairs that need more than a lookup take mm_i_pair_score()'s own
 *   path: mentors the young person named, excluded or was matched with
 *   before (the rules natural and previous, and exclusion, are per pair).
 *
 * Nothing is allocated per pair; a row allocates its tables once (a few
 * hundred terms), so several threads may score rows at once. */
#include "criteria.h"
#include "mentor-profiles.h"
#include "score-private.h"

#include <stdlib.h>
#include <string.h>

/* Mentors scored together: the block's sums stay in the L1 cache between
 * the passes over it. */
#define BLOCK 256

/* A list of mentors (the pricing pass's, ordered by price) reads their
 * columns at random: the columns of the mentor this many places ahead are
 * asked for early. Measured on rows within reach of 100000 x 20000,
 * shuffled: 8 ahead about 1.3x faster than none (8 of 8 runs), 16 no
 * better than 8. */
#define PREFETCH_AHEAD 8

/* Four doubles: a pair's sums, or four pairs' scores. Adding two such
 * vectors adds each lane exactly as a scalar addition would (IEEE
 * arithmetic per lane), in one instruction where the CPU has one. */
typedef double Quad __attribute__((vector_size(4 * sizeof(double))));
typedef gint64 QuadMask __attribute__((vector_size(4 * sizeof(gint64))));
typedef guint32 QuadBits __attribute__((vector_size(4 * sizeof(guint32))));

/* Sums: a pair's sums, as a Quad {weighted, total, rule bits, 0}. The
 * weighted sum and the total weight take what mm_i_pair_score() adds to
 * them, in its order. The rule bits of different terms never overlap (each
 * criterion and rule has bits of its own), so adding them ORs them; they
 * are small integers, exact in a double. One addition per term thus does
 * all three. */
enum { SUM_WEIGHTED, SUM_TOTAL, SUM_BROKEN };

/* One criterion's verdict, ready to add to a pair's sums. Aligned for the
 * CPU's four-lane loads: a Quad's own alignment is only 16 bytes in copies
 * compiled for CPUs without them. */
#define TERM_ALIGNMENT 32
typedef struct {
  Quad add;
} __attribute__((aligned(TERM_ALIGNMENT))) Term;

G_STATIC_ASSERT(sizeof(Term) == MM_ROW_TERM_BYTES);

/* Distance for one place profile. */
typedef struct {
  double beyond_km2; /* a chord^2 above this is certainly beyond
                        max_distance_km; +inf where the distance is not
                        known or not needed */
  double limit_km;       /* mm_i_pair_distance_limit_km(): the rule's */
  double value_limit_km; /* max_distance_km: the value's (criteria.h) */
  double weight;
  /* What a pair adds to its sums: [0] when not certainly beyond, nothing
   * where its distance is known (the acos path adds its term) and else the
   * criterion's whole term (both remote: value 1; the mentor's location
   * not recorded: value 0); [1] the weight and the distance rule when it
   * is (its value is 0, so weight x value would add +0.0 to a sum that is
   * >= +0.0 and change nothing). Indexed rather than branched on:
   * which pairs are far is as random as where people live. */
  Term far[2];
  /* Whether a pair's distance needs its acos, by the same index: when it
   * applies and the pair is not certainly beyond the limit. */
  guint32 near[2];
} Place;

G_STATIC_ASSERT(sizeof(Place) == MM_ROW_PLACE_BYTES);

typedef struct {
  /* Every criterion's terms but distance's, and the rule bits of each
   * profile of kind MM_PROFILE_RULES (as terms that add nothing), laid out
   * as mentor-profiles.h says: a mentor's keys hold the byte offsets of its
   * own. Only the counts this young person can reach are filled. The
   * distance facts of each place profile follow the terms. Every term is
   * that of a mentor the young person did not name. */
  Term *terms;
  /* mentors whose pairs take mm_i_pair_score()'s path, ascending (looked up
   * by bisection) */
  guint *special;
  guint n_special;
  gpointer storage;
} RowTables;

static void term_set(Term *t, MmVerdict v, guint32 broken) {
  *t = (Term){{v.weight * v.value, v.weight, broken, 0.0}};
}

#define ALWAYS_INLINE static inline __attribute__((always_inline))

/* The term at byte @offset of a row's table (a mentor's keys hold such
 * offsets). */
ALWAYS_INLINE const Term *term_at(const Term *terms, guint32 offset) {
  return (const Term *)((const char *)terms + offset);
}

/* @out: the sums of mentor @m's background criteria, the first of
 * mm_i_sum_order, added term by term: what the background term of its profile
 * holds. */
ALWAYS_INLINE void background_sums(Quad *out, const Term *terms,
                                   const MmMentorKeys *m,
                                   guint32 mentor_type_shift) {
  Quad sums = {0.0, 0.0, 0.0, 0.0};
  sums += term_at(terms, m->term[MM_TERM_CARE])->add;
  sums += term_at(terms, m->term[MM_TERM_GENDER])->add;
  sums += term_at(terms, m->term[MM_TERM_ETHNICITY])->add;
  sums += term_at(terms, m->term[MM_TERM_RELIGION])->add;
  sums += term_at(terms, m->term[MM_TERM_LANGUAGE])->add;
  sums += term_at(terms, m->term[MM_TERM_CARE] + mentor_type_shift)->add;
  *out = sums;
}

/* The criteria that read a mentor profile: the `must` preference guarding
 * each, and the hard rule that reads the same profile. */
typedef struct {
  MmTermSlot slot;
  MmVerdict (*run)(const MmPair *p);
  MmPreference guarded_by;
  guint32 (*rule)(const MmPair *p); /* or NULL */
} ProfileCriterion;

static const ProfileCriterion profile_criteria[] = {
    {MM_TERM_CARE, mm_i_criterion_care_experience, MM_PREF_CARE_EXPERIENCED,
     mm_i_rule_natural_unnamed},
    {MM_TERM_GENDER, mm_i_criterion_gender, MM_PREF_GENDER,
     mm_i_rule_mentor_must_gender},
    {MM_TERM_ETHNICITY, mm_i_criterion_ethnicity, MM_PREF_ETHNICITY, NULL},
    {MM_TERM_RELIGION, mm_i_criterion_religion, MM_PREF_RELIGION, NULL},
    {MM_TERM_AGE, mm_i_criterion_age, MM_PREF_AGE, mm_i_rule_age_gap},
    {MM_TERM_LANGUAGE, mm_i_criterion_language, MM_PREF_LANGUAGE, NULL},
    {MM_TERM_MENTOR_TYPE, mm_i_criterion_mentor_type, MM_PREF_MENTOR_TYPE,
     NULL},
};

/* The criteria that count shared items, by the verdict of a count. They
 * break no rule. */
static MmVerdict (*const counting_criteria[MM_N_COUNTS])(const MmPair *p,
                                                         guint count) = {
    [MM_COUNT_INTERESTS] = mm_i_criterion_interests_of,
    [MM_COUNT_NEEDS] = mm_i_criterion_needs_of,
    [MM_COUNT_ASPIRATIONS] = mm_i_criterion_aspirations_of,
    [MM_COUNT_AVAILABILITY] = mm_i_criterion_availability_of,
};

/* The pair of the young person and the representative of profile @k. */
static MmPair representative(const MmEncoding *enc, const MmConfig *config,
                             guint mentee, MmProfileKind kind, guint k) {
  return mm_i_pair(enc, config, mentee, enc->profiles->representative[kind][k]);
}

static int compare_mentors(const void *a, const void *b) {
  guint x = *(const guint *)a, y = *(const guint *)b;
  return (x > y) - (x < y);
}

static guint bits_set(const MmWord *set, guint n_words) {
  return mm_i_bits_count_common(set, set, n_words);
}

/* Each term of the young person's row but the background terms
 * (backgrounds_build()), and their special mentors. */
static void row_tables_build(RowTables *t, const MmEncoding *enc,
                             const MmConfig *config, guint mentee) {
  const MmMenteeCode *a = &enc->mentees[mentee];
  const MmMentorProfiles *mp = enc->profiles;
  const guint *n = mp->n_profiles;
  const guint *w = enc->n_words;
  guint n_special = a->n_named + a->n_excluded + a->n_previous;
  /* Terms, then places (mentor-profiles.h), then special mentors: each
   * part stays aligned. Aligned by hand rather than with g_aligned_alloc():
   * the C library's aligned allocations leave fragments behind, and a
   * matching allocates a table per row, millions of them (peak memory
   * 74 MiB against 63 MiB at 20000 x 8000). */
  t->storage = g_malloc(mp->table_bytes + n_special * sizeof(guint) +
                        TERM_ALIGNMENT - 1);
  t->terms = (Term *)(((guintptr)t->storage + TERM_ALIGNMENT - 1) &
                      ~(guintptr)(TERM_ALIGNMENT - 1));
  Place *places = (Place *)(t->terms + mp->n_terms);
  t->special = (guint *)(places + n[MM_PROFILE_PLACE]);

  /* The counting criteria read only the young person: any mentor will do.
   * Counts run from 0 to what the young person has. */
  MmPair any = mm_i_pair(enc, config, mentee, 0);
  const guint has[MM_N_COUNTS] = {
      bits_set(a->set[MM_MENTEE_SET_INTERESTS], w[MM_VOCAB_INTEREST]),
      bits_set(a->set[MM_MENTEE_SET_NEEDS], w[MM_VOCAB_NEED]),
      bits_set(a->set[MM_MENTEE_SET_ASPIRATIONS], w[MM_VOCAB_SECTOR]),
      (guint)__builtin_popcount(a->availability)};
  for (guint c = 0; c < MM_N_COUNTS; c++) {
    Term *by_count =
        t->terms + mm_i_row_count_first(c, w[MM_VOCAB_INTEREST],
                                      w[MM_VOCAB_NEED], w[MM_VOCAB_SECTOR]);
    for (guint k = 0; k <= has[c]; k++)
      term_set(&by_count[k], counting_criteria[c](&any, k), 0);
  }

  for (guint c = 0; c < G_N_ELEMENTS(profile_criteria); c++) {
    const ProfileCriterion *pc = &profile_criteria[c];
    MmProfileKind kind = mm_i_slot_profile(pc->slot);
    Term *terms = t->terms + mp->slot_first[pc->slot];
    for (guint k = 0; k < n[kind]; k++) {
      MmPair p = representative(enc, config, mentee, kind, k);
      MmVerdict v = pc->run(&p);
      term_set(&terms[k], v,
               mm_i_must_broken(&p, pc->guarded_by, &v) |
                   (pc->rule != NULL ? pc->rule(&p) : 0u));
    }
  }
  Term *rules = t->terms + mp->slot_first[MM_TERM_RULES];
  for (guint k = 0; k < n[MM_PROFILE_RULES]; k++) {
    MmPair p = representative(enc, config, mentee, MM_PROFILE_RULES, k);
    term_set(&rules[k], mm_i_verdict_none(),
             mm_i_rule_age_range(&p) | mm_i_rule_checks(&p) |
                 mm_i_rule_training(&p));
  }
  for (guint k = 0; k < n[MM_PROFILE_PLACE]; k++) {
    MmPair p = representative(enc, config, mentee, MM_PROFILE_PLACE, k);
    Place *place = &places[k];
    gboolean known = mm_i_pair_distance_applies(&p);
    place->limit_km = mm_i_pair_distance_limit_km(&p);
    place->value_limit_km = config->max_distance_km;
    place->beyond_km2 =
        known ? mm_i_beyond_chord_km2(place->value_limit_km) : INFINITY;
    MmVerdict unknown = mm_i_criterion_distance(&p, NAN);
    place->weight = unknown.weight;
    if (known)
      place->far[0] = (Term){{0.0, 0.0, 0.0, 0.0}};
    else
      term_set(&place->far[0], unknown, 0);
    place->far[1] =
        (Term){{0.0, place->weight, 1u << MM_RULE_DISTANCE, 0.0}};
    place->near[0] = known;
    place->near[1] = 0;
  }

  /* Named, excluded and previous mentors, in mentor order, each once. */
  guint s = 0;
  for (guint k = 0; k < a->n_named; k++)
    t->special[s++] = a->named[k].mentor;
  for (guint k = 0; k < a->n_excluded; k++)
    t->special[s++] = a->excluded[k];
  for (guint k = 0; k < a->n_previous; k++)
    t->special[s++] = a->previous[k];
  if (s > 1)
    qsort(t->special, s, sizeof *t->special, compare_mentors);
  guint kept = 0;
  for (guint k = 0; k < s; k++)
    if (kept == 0 || t->special[kept - 1] != t->special[k])
      t->special[kept++] = t->special[k];
  s = kept;
  t->n_special = s;
}

/* ---- one block of mentors ----
 * Every function takes the block's mentors as @list[0..n) when @list is
 * given, else as first, first + 1, ..., first + n - 1; the callers pass a
 * constant NULL in the second case, so the loops read the columns in order. */

#define MENTOR(k) (list != NULL ? list[k] : first + (k))

typedef struct {
  double weighted[BLOCK];
  double total[BLOCK];
  guint32 broken[BLOCK];
  /* the pairs whose distance needs the acos, ascending */
  guint16 near[BLOCK];
  guint n_near;
} Block;

G_STATIC_ASSERT(BLOCK <= G_MAXUINT16 + 1);

/* The term of a pair that a mentor's keys locate, added to its sums in
 * registers: one load, wherever the row's table is. A criterion that does
 * not apply to the young person has terms of +0.0, 0 and no rule, which
 * change no sum (sums start at +0.0 and no term is negative), so adding
 * them costs less than testing for them. */
#define ADD_TERM(slot) (sums += term_at(terms, m->term[MM_TERM_##slot])->add)

/* What every pair of a block reads, copied out of the tables: the compiler
 * cannot keep in registers what the block's stores might change (a stored
 * guint32 may alias a gboolean, a stored double the young person's x).
 * @w: words per counted set, constants in the copy for one-word sets, so
 * that the places of the counting terms and of a mentor's sets are too. */
typedef struct {
  const Term *terms;
  const MmMentorKeys *keys;
  guint32 mentor_type_shift;
  const MmWord *counted_sets;
  guint w[MM_COUNT_AVAILABILITY];
  const MmWord *mentee_sets[MM_COUNT_AVAILABILITY];
  MmWord one_word[MM_COUNT_AVAILABILITY]; /* the young person's, when W = 1 */
  guint32 availability;
  double x, y, z;
  gboolean located;
} RowView;

ALWAYS_INLINE RowView row_view(const RowTables *t, const MmMentorProfiles *mp,
                               const MmMenteeCode *a, guint w_interests,
                               guint w_needs, guint w_sectors) {
  RowView v = {
      .terms = t->terms,
      .keys = mp->keys,
      .mentor_type_shift = mp->mentor_type_shift,
      .counted_sets = mp->counted_sets,
      .w = {w_interests, w_needs, w_sectors},
      .mentee_sets = {a->set[MM_MENTEE_SET_INTERESTS],
                      a->set[MM_MENTEE_SET_NEEDS],
                      a->set[MM_MENTEE_SET_ASPIRATIONS]},
      .availability = a->availability,
      .x = a->x,
      .y = a->y,
      .z = a->z,
      .located = a->has_location,
  };
  for (guint c = 0; c < MM_COUNT_AVAILABILITY; c++)
    /* a vocabulary nobody uses has no words at all */
    v.one_word[c] = v.w[c] == 1 ? v.mentee_sets[c][0] : 0;
  return v;
}

/* The distance facts of mentor @m's place profile. */
ALWAYS_INLINE const Place *place_of(const RowView *v, const MmMentorKeys *m) {
  return (const Place *)((const char *)v->terms + m->place);
}

/* The term of @count shared items in counting criterion @c. */
ALWAYS_INLINE const Term *count_term(const RowView *v, MmCount c,
                                     guint count) {
  return &v->terms[mm_i_row_count_first(c, v->w[0], v->w[1], v->w[2]) + count];
}

/* Items the young person and mentor @j share in counted set @c (the
 * mentor's sets: interests, skills, sectors, side by side). */
ALWAYS_INLINE guint shared(const RowView *v, MmCount c, guint j) {
  const MmWord *theirs = v->counted_sets +
                         (gsize)j * (v->w[0] + v->w[1] + v->w[2]) +
                         (c > 0 ? v->w[0] : 0) + (c > 1 ? v->w[1] : 0);
  if (v->w[c] == 1)
    return (guint)__builtin_popcountll(v->one_word[c] & theirs[0]);
  return mm_i_bits_count_common(v->mentee_sets[c], theirs, v->w[c]);
}

typedef struct {
  Quad sums;
  guint near; /* 1 when the pair's distance needs its acos */
} PairTerms;

/* One pair's terms up to distance, in mm_i_sum_order (counts break no rule):
 * its background's sums looked up (@by_background: a whole row) or added
 * term by term (a list). Then distance, screened without branches: pairs
 * certainly beyond max_distance_km take its weight and rule, as
 * mm_i_pair_score()
 * does (their value is 0, so weight x value would add +0.0 to a sum that is
 * >= +0.0); the others where it applies are left for their acos. */
ALWAYS_INLINE PairTerms pair_terms(const RowView *v, guint j,
                                   gboolean located, gboolean by_background) {
  const Term *terms = v->terms;
  const MmMentorKeys *m = &v->keys[j];
  Quad sums;
  if (by_background)
    sums = term_at(terms, m->term[MM_TERM_BACKGROUND])->add;
  else
    background_sums(&sums, terms, m, v->mentor_type_shift);
  sums += count_term(v, MM_COUNT_INTERESTS, shared(v, MM_COUNT_INTERESTS, j))
              ->add;
  ADD_TERM(AGE);
  sums += count_term(v, MM_COUNT_NEEDS, shared(v, MM_COUNT_NEEDS, j))->add;
  sums += count_term(v, MM_COUNT_ASPIRATIONS,
                     shared(v, MM_COUNT_ASPIRATIONS, j))
              ->add;
  sums += count_term(v, MM_COUNT_AVAILABILITY,
                     (guint)__builtin_popcount(v->availability &
                                               m->availability))
              ->add;
  ADD_TERM(RULES); /* adds nothing to the sums */
  guint near = 0;
  /* A young person without a location: distance never applies. */
  if (located) {
    const Place *place = place_of(v, m);
    double chord_km2 =
        mm_i_unit_chord_km2(v->x * m->x + v->y * m->y + v->z * m->z);
    /* Indexed rather than branched on: which pairs are far is as random as
     * where people live. */
    guint far = chord_km2 > place->beyond_km2;
    sums += place->far[far].add;
    near = place->near[far];
  }
  return (PairTerms){sums, near};
}

ALWAYS_INLINE void block_put(Block *b, guint k, const PairTerms *p,
                             guint *n_near) {
  b->weighted[k] = p->sums[SUM_WEIGHTED];
  b->total[k] = p->sums[SUM_TOTAL];
  b->broken[k] = (guint32)p->sums[SUM_BROKEN];
  b->near[*n_near] = (guint16)k;
  *n_near += p->near;
}

/* Every criterion before distance, and distance screened, two pairs at a
 * time: each pair's sums are a chain of a dozen dependent additions, and
 * two chains side by side keep the CPU busy while each waits. @located:
 * v->located, a constant in each copy of the loop. */
ALWAYS_INLINE void add_pairs(Block *b, const RowView *v, const guint *list,
                             guint first, guint n, gboolean located) {
  guint n_near = 0;
  guint k = 0;
  for (; k + 2 <= n; k += 2) {
    for (guint ahead_k = k + PREFETCH_AHEAD;
         list != NULL && ahead_k < MIN(k + PREFETCH_AHEAD + 2, n); ahead_k++) {
      guint ahead = list[ahead_k];
      __builtin_prefetch(&v->keys[ahead]);
      __builtin_prefetch(v->counted_sets +
                         (gsize)ahead * (v->w[0] + v->w[1] + v->w[2]));
    }
    PairTerms p0 = pair_terms(v, MENTOR(k), located, list == NULL);
    PairTerms p1 = pair_terms(v, MENTOR(k + 1), located, list == NULL);
    block_put(b, k, &p0, &n_near);
    block_put(b, k + 1, &p1, &n_near);
  }
  if (k < n) {
    PairTerms last = pair_terms(v, MENTOR(k), located, list == NULL);
    block_put(b, k, &last, &n_near);
  }
  b->n_near = n_near;
}

ALWAYS_INLINE void add_terms(Block *b, const RowView *v, const guint *list,
                              guint first, guint n) {
  if (v->located)
    add_pairs(b, v, list, first, n, TRUE);
  else
    add_pairs(b, v, list, first, n, FALSE);
}

#undef ADD_TERM

/* The listed pairs' distance, as mm_i_pair_score() adds it (the keys hold the
 * mentor's own unit vector). */
ALWAYS_INLINE void add_distance_near(Block *b, const RowView *v,
                                     const guint *list, guint first) {
  for (guint q = 0; q < b->n_near; q++) {
    guint k = b->near[q];
    const MmMentorKeys *m = &v->keys[MENTOR(k)];
    const Place *place = place_of(v, m);
    double km = mm_i_unit_distance_km(v->x, v->y, v->z, m->x, m->y, m->z);
    b->weighted[k] +=
        place->weight * mm_i_distance_value(km, place->value_limit_km);
    b->total[k] += place->weight;
    b->broken[k] |= mm_i_distance_broken(km, place->limit_km);
  }
}

/* The score and the min_score rule. */
ALWAYS_INLINE void finish(const Block *b, const MmConfig *config, guint n,
                          double *scores, guint32 *broken) {
  /* Four pairs at a time, as mm_i_score_from_sums() and mm_i_rule_min_score()
   * do for one, lane by lane: the divisions of a block are most of its
   * time when taken one by one. */
  const Quad zero = {0.0, 0.0, 0.0, 0.0}, one = {1.0, 1.0, 1.0, 1.0};
  const Quad min_score = {config->min_score, config->min_score,
                          config->min_score, config->min_score};
  const QuadMask min_score_bit = {1u << MM_RULE_MIN_SCORE,
                                  1u << MM_RULE_MIN_SCORE,
                                  1u << MM_RULE_MIN_SCORE,
                                  1u << MM_RULE_MIN_SCORE};
  guint k = 0;
  for (; k + 4 <= n; k += 4) {
    Quad weighted, total;
    memcpy(&weighted, &b->weighted[k], sizeof weighted);
    memcpy(&total, &b->total[k], sizeof total);
    QuadMask counts = total > zero;
    Quad divisor =
        (Quad)(((QuadMask)total & counts) | ((QuadMask)one & ~counts));
    Quad score = 100.0 * (weighted / divisor);
    memcpy(&scores[k], &score, sizeof score);
    if (broken != NULL) {
      QuadBits rule = __builtin_convertvector(
          (score < min_score) & min_score_bit, QuadBits);
      QuadBits bits;
      memcpy(&bits, &b->broken[k], sizeof bits);
      bits |= rule;
      memcpy(&broken[k], &bits, sizeof bits);
    }
  }
  for (; k < n; k++) {
    scores[k] = mm_i_score_from_sums(b->weighted[k], b->total[k]);
    if (broken != NULL)
      broken[k] = b->broken[k] | mm_i_rule_min_score(config, scores[k]);
  }
}

static gboolean is_special(const RowTables *t, guint mentor) {
  guint lo = 0, hi = t->n_special;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (t->special[mid] < mentor)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < t->n_special && t->special[lo] == mentor;
}

/* Pair @k, whose mentor is @mentor, through mm_i_pair_score(). */
static void redo_pair(const MmEncoding *enc, const MmConfig *config,
                      guint mentee, guint mentor, guint k, double *scores,
                      guint32 *broken) {
  MmPair pair = mm_i_pair(enc, config, mentee, mentor);
  guint32 br;
  scores[k] = mm_i_pair_score(&pair, &br);
  if (broken != NULL)
    broken[k] = br;
}

/* Named, excluded and previous mentors, through mm_i_pair_score(): each one of a whole
 * row; in a list, each one found. */
static void redo_special(const RowTables *t, const MmEncoding *enc,
                         const MmConfig *config, guint mentee,
                         const guint *list, guint n, double *scores,
                         guint32 *broken) {
  if (list == NULL) {
    for (guint s = 0; s < t->n_special && t->special[s] < n; s++)
      redo_pair(enc, config, mentee, t->special[s], t->special[s], scores,
                broken);
    return;
  }
  for (guint k = 0; k < n; k++)
    if (is_special(t, list[k]))
      redo_pair(enc, config, mentee, list[k], k, scores, broken);
}

/* One block, in mm_i_sum_order. */
ALWAYS_INLINE void score_block(Block *b, const RowView *v,
                               const MmConfig *config,
                               const guint *list, guint first, guint n,
                               double *scores, guint32 *broken) {
  add_terms(b, v, list, first, n);
  add_distance_near(b, v, list, first);
  finish(b, config, n, scores, broken);
}

/* The whole list, block by block; @w_*: words per set, constant where the
 * caller can make them so. */
/* Each background's sums, through a mentor of it: the very additions a
 * row without them makes pair by pair. Here rather than in
 * row_tables_build() so that they take the CPU's four-lane additions. */
ALWAYS_INLINE void backgrounds_build(const RowTables *t,
                                     const MmMentorProfiles *mp) {
  Term *by_background = t->terms + mp->slot_first[MM_TERM_BACKGROUND];
  for (guint k = 0; k < mp->n_profiles[MM_PROFILE_BACKGROUND]; k++) {
    const MmMentorKeys *m =
        &mp->keys[mp->representative[MM_PROFILE_BACKGROUND][k]];
    background_sums(&by_background[k].add, t->terms, m,
                    mp->mentor_type_shift);
  }
}

ALWAYS_INLINE void score_all(const RowTables *t, const MmEncoding *enc,
                             const MmConfig *config, guint mentee,
                             const guint *list, guint n, guint w_interests,
                             guint w_needs, guint w_sectors, double *scores,
                             guint32 *broken) {
  /* A whole row looks its background sums up; a list has too few mentors
   * to pay for them (a thousand or two backgrounds on national pools). */
  if (list == NULL)
    backgrounds_build(t, enc->profiles);
  Block b;
  const RowView v = row_view(t, enc->profiles, &enc->mentees[mentee],
                             w_interests, w_needs, w_sectors);
  for (guint start = 0; start < n; start += BLOCK) {
    guint len = MIN(BLOCK, n - start);
    const guint *sub = list != NULL ? list + start : NULL;
    guint32 *br = broken != NULL ? broken + start : NULL;
    score_block(&b, &v, config, sub, start, len, scores + start, br);
  }
  if (t->n_special > 0)
    redo_special(t, enc, config, mentee, list, n, scores, broken);
}

#undef MENTOR

/* On x86-64 the loops are also compiled for newer CPUs and the best copy is
 * chosen when the library loads: the counting criteria need the POPCNT
 * instruction (a library call without it), and AVX2 divides four scores at
 * once. Every copy does the same IEEE arithmetic, so scores do not depend on
 * the CPU. */
#if defined(MM_HAVE_TARGET_CLONES)
__attribute__((target_clones("arch=x86-64-v3", "arch=x86-64-v2", "default")))
#endif
static void score_row(const RowTables *t, const MmEncoding *enc,
                      const MmConfig *config, guint mentee,
                      const guint *mentors, guint n, double *scores,
                      guint32 *broken) {
  const guint *w = enc->n_words;
  gboolean one_word = w[MM_VOCAB_INTEREST] == 1 && w[MM_VOCAB_NEED] == 1 &&
                      w[MM_VOCAB_SECTOR] == 1;
  /* Four copies of the loops: with a list or not, one word or not. */
  if (mentors == NULL && one_word)
    score_all(t, enc, config, mentee, NULL, n, 1, 1, 1, scores, broken);
  else if (mentors == NULL)
    score_all(t, enc, config, mentee, NULL, n, w[MM_VOCAB_INTEREST],
              w[MM_VOCAB_NEED], w[MM_VOCAB_SECTOR], scores, broken);
  else if (one_word)
    score_all(t, enc, config, mentee, mentors, n, 1, 1, 1, scores, broken);
  else
    score_all(t, enc, config, mentee, mentors, n, w[MM_VOCAB_INTEREST],
              w[MM_VOCAB_NEED], w[MM_VOCAB_SECTOR], scores, broken);
}

void mm_i_score_mentors(const MmEncoding *enc, const MmConfig *config,
                      guint mentee, const guint *mentors, guint n,
                      double *scores, guint32 *broken) {
  if (n == 0)
    return;
  if (!enc->profiles->keys_hold_terms) {
    /* a pool too big for the row's table: pair by pair, the same scores */
    for (guint k = 0; k < n; k++) {
      MmPair pair = mm_i_pair(enc, config, mentee,
                            mentors != NULL ? mentors[k] : k);
      guint32 br;
      scores[k] = mm_i_pair_score(&pair, &br);
      if (broken != NULL)
        broken[k] = br;
    }
    return;
  }
  RowTables t;
  row_tables_build(&t, enc, config, mentee);
  score_row(&t, enc, config, mentee, mentors, n, scores, broken);
  g_free(t.storage);
}

void mm_score_mentee(const MmPool *pool, const MmConfig *config, guint mentee,
                     double *scores, guint32 *broken) {
  g_return_if_fail(pool != NULL && pool->prepared && pool->encoding != NULL);
  g_return_if_fail(config != NULL && scores != NULL);
  const MmEncoding *enc = pool->encoding;
  g_return_if_fail(mentee < enc->n_mentees);
  mm_i_score_mentors(enc, config, mentee, NULL, enc->n_mentors, scores, broken);
}
