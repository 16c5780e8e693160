/* score.c: one mentee against many mentors, the scorer's hot loop.
 *
 * mm_pair_score() (criteria.c) scores one pair by running every criterion.
 * A row does the same arithmetic faster:
 *
 * - once per row, each criterion that reads a mentor profile
 *   (mentor-profiles.h) is run on one representative mentor per profile,
 *   and each criterion that counts shared items is run once per possible
 *   count, through the same functions of criteria.h. A verdict is kept as
 *   a term: weight x value, weight, and the rule bits it breaks;
 * - then, pair by pair, each mentor's terms are looked up and added to the
 *   pair's two sums in mm_pair_score()'s order, so every floating-point
 *   operation is the same and the score is the same double, bit for bit
 *   (the build turns off floating-point contraction so that no compiler
 *   fuses them differently in one place). A criterion that does not apply
 *   to the young person adds nothing to any pair and is skipped;
 * - distance is screened in a loop of its own over a block of mentors,
 *   without branches: pairs certainly beyond their limit need no acos. The
 *   others are listed, and a second loop takes their acos through the same
 *   functions of criteria.h, with the limit and weight of the mentor's place
 *   profile (pairs within reach are most of a matching run's pairs: it
 *   scores little else);
 * - the few pairs that need more than a lookup take mm_pair_score()'s own
 *   path: mentors the young person named or excluded (their named place and
 *   exclusion are per pair).
 *
 * Nothing is allocated per pair; a row allocates its tables once (a few
 * hundred terms), so several threads may score rows at once. */
#include "criteria.h"
#include "mentor-profiles.h"
#include "score-private.h"

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

/* A pair's two sums side by side, {weighted, total}: adding two such
 * vectors adds each lane exactly as two scalar additions would (IEEE
 * arithmetic per lane), in one instruction where the CPU has one. */
typedef double Sums __attribute__((vector_size(2 * sizeof(double))));

/* One criterion's verdict, ready to add to a pair's sums. */
typedef struct {
  /* {weight x value, weight}: what mm_pair_score() adds to its weighted sum
   * and to its total weight */
  Sums add;
  guint32 broken;
} Term;

/* Distance for one place profile. */
typedef struct {
  double beyond_km2; /* a chord^2 above this is certainly beyond the limit;
                        +inf where distance does not apply */
  double limit_km, weight; /* mm_pair_distance_limit_km(), the weight */
  /* What a pair adds to the total weight: [0] when not certainly beyond
   * (the acos path adds its term), [1] the weight when it is (its value is
   * 0). Indexed rather than branched on: which pairs are far is as random
   * as where people live. */
  double far_w[2];
  gboolean applies;
} Place;

typedef struct {
  /* Each criterion's terms (all but distance and choice), by count or by
   * the mentor's profile of one kind. */
  Term *terms[MM_N_CRITERIA];
  guint32 *mentee_ages, *safeguarding; /* rule bits by profile */
  Place *place;
  double choice_wv, choice_w; /* a mentor the young person did not name */
  /* Bit c set when criterion c can add anything to this row: a criterion
   * that does not apply adds +0.0 and 0 to every pair, which changes no
   * sum, so the row skips it. */
  guint32 live;
  /* mentors whose pairs take mm_pair_score()'s path, ascending (looked up
   * by bisection) */
  guint *special;
  guint n_special;
  gpointer storage;
} RowTables;

static void term_set(Term *t, MmVerdict v, guint32 broken) {
  *t = (Term){{v.weight * v.value, v.weight}, broken};
}

static void term_set_guarded(Term *t, const MmPair *p, MmVerdict v,
                             MmPreference pref) {
  term_set(t, v, mm_must_broken(p, pref, &v));
}

/* The criteria that read a mentor profile: the `must` preference guarding
 * each, and the hard rule that reads the same profile. */
typedef struct {
  MmCriterion criterion;
  MmProfileKind kind;
  MmVerdict (*run)(const MmPair *p);
  MmPreference guarded_by;
  guint32 (*rule)(const MmPair *p); /* or NULL */
} ProfileCriterion;

static const ProfileCriterion profile_criteria[] = {
    {MM_CRITERION_CARE_EXPERIENCE, MM_PROFILE_CARE,
     mm_criterion_care_experience, MM_PREF_CARE_EXPERIENCED, NULL},
    {MM_CRITERION_GENDER, MM_PROFILE_GENDER, mm_criterion_gender,
     MM_PREF_GENDER, mm_rule_mentor_must_gender},
    {MM_CRITERION_ETHNICITY, MM_PROFILE_ETHNICITY, mm_criterion_ethnicity,
     MM_PREF_ETHNICITY, NULL},
    {MM_CRITERION_RELIGION, MM_PROFILE_RELIGION, mm_criterion_religion,
     MM_PREF_RELIGION, NULL},
    {MM_CRITERION_AGE, MM_PROFILE_AGE, mm_criterion_age, MM_PREF_AGE,
     mm_rule_age_gap},
    {MM_CRITERION_LANGUAGE, MM_PROFILE_LANGUAGE, mm_criterion_language,
     MM_PREF_LANGUAGE, NULL},
    {MM_CRITERION_MENTOR_TYPE, MM_PROFILE_AGE, mm_criterion_mentor_type,
     MM_PREF_MENTOR_TYPE, NULL},
};

/* The criteria that count shared items, by the verdict of a count. */
typedef struct {
  MmCriterion criterion;
  MmVerdict (*of)(const MmPair *p, guint count);
} CountingCriterion;

static const CountingCriterion counting_criteria[] = {
    {MM_CRITERION_INTERESTS, mm_criterion_interests_of},
    {MM_CRITERION_NEEDS, mm_criterion_needs_of},
    {MM_CRITERION_ASPIRATIONS, mm_criterion_aspirations_of},
    {MM_CRITERION_AVAILABILITY, mm_criterion_availability_of},
};

/* Whether any term adds something: a criterion that does not apply to the
 * young person adds +0.0 and 0 to every pair. */
static gboolean terms_matter(const Term *terms, guint n) {
  for (guint k = 0; k < n; k++)
    if (terms[k].add[0] != 0.0 || terms[k].add[1] != 0.0 ||
        terms[k].broken != 0)
      return TRUE;
  return FALSE;
}

/* The pair of the young person and the representative of profile @k. */
static MmPair representative(const MmEncoding *enc, const MmConfig *config,
                             guint mentee, MmProfileKind kind, guint k) {
  return mm_pair(enc, config, mentee, enc->profiles->representative[kind][k]);
}

static guint bits_set(const MmWord *set, guint n_words) {
  return mm_bits_count_common(set, set, n_words);
}

/* Each term of the young person's row, and their special mentors. */
static void row_tables_build(RowTables *t, const MmEncoding *enc,
                             const MmConfig *config, guint mentee) {
  const MmMenteeCode *a = &enc->mentees[mentee];
  const guint *n = enc->profiles->n_profiles;
  guint n_special = a->n_named + a->n_excluded;
  guint count[MM_N_CRITERIA] = {0};
  /* Counts run from 0 to what the young person has. */
  count[MM_CRITERION_INTERESTS] = 1 + bits_set(a->set[MM_MENTEE_SET_INTERESTS],
                                               enc->n_words[MM_VOCAB_INTEREST]);
  count[MM_CRITERION_NEEDS] =
      1 + bits_set(a->set[MM_MENTEE_SET_NEEDS], enc->n_words[MM_VOCAB_NEED]);
  count[MM_CRITERION_ASPIRATIONS] =
      1 + bits_set(a->set[MM_MENTEE_SET_ASPIRATIONS],
                   enc->n_words[MM_VOCAB_SECTOR]);
  count[MM_CRITERION_AVAILABILITY] =
      1 + (guint)__builtin_popcount(a->availability);
  for (guint c = 0; c < G_N_ELEMENTS(profile_criteria); c++)
    count[profile_criteria[c].criterion] = n[profile_criteria[c].kind];
  gsize n_terms = 0;
  for (guint c = 0; c < MM_N_CRITERIA; c++)
    n_terms += count[c];
  gsize n_words = n[MM_PROFILE_MENTEE_AGES] + n[MM_PROFILE_SAFEGUARDING] +
                  n_special;
  /* Terms, then places, then 32-bit words: each part stays aligned. */
  t->storage = g_malloc(MAX(n_terms * sizeof(Term) +
                                n[MM_PROFILE_PLACE] * sizeof(Place) +
                                n_words * sizeof(guint32),
                            1));
  Term *next = t->storage;
  for (guint c = 0; c < MM_N_CRITERIA; c++) {
    t->terms[c] = next;
    next += count[c];
  }
  t->place = (Place *)next;
  t->mentee_ages = (guint32 *)(t->place + n[MM_PROFILE_PLACE]);
  t->safeguarding = t->mentee_ages + n[MM_PROFILE_MENTEE_AGES];
  t->special = t->safeguarding + n[MM_PROFILE_SAFEGUARDING];

  /* The counting criteria read only the young person: any mentor will do. */
  MmPair any = mm_pair(enc, config, mentee, 0);
  for (guint c = 0; c < G_N_ELEMENTS(counting_criteria); c++) {
    const CountingCriterion *cc = &counting_criteria[c];
    for (guint k = 0; k < count[cc->criterion]; k++)
      term_set(&t->terms[cc->criterion][k], cc->of(&any, k), 0);
  }
  MmVerdict choice = mm_criterion_choice(&any, -1);
  t->choice_wv = choice.weight * choice.value;
  t->choice_w = choice.weight;

  for (guint c = 0; c < G_N_ELEMENTS(profile_criteria); c++) {
    const ProfileCriterion *pc = &profile_criteria[c];
    Term *terms = t->terms[pc->criterion];
    for (guint k = 0; k < n[pc->kind]; k++) {
      MmPair p = representative(enc, config, mentee, pc->kind, k);
      term_set_guarded(&terms[k], &p, pc->run(&p), pc->guarded_by);
      terms[k].broken |= pc->rule != NULL ? pc->rule(&p) : 0u;
    }
  }
  for (guint k = 0; k < n[MM_PROFILE_MENTEE_AGES]; k++) {
    MmPair p = representative(enc, config, mentee, MM_PROFILE_MENTEE_AGES, k);
    t->mentee_ages[k] = mm_rule_age_range(&p);
  }
  for (guint k = 0; k < n[MM_PROFILE_SAFEGUARDING]; k++) {
    MmPair p =
        representative(enc, config, mentee, MM_PROFILE_SAFEGUARDING, k);
    t->safeguarding[k] = mm_rule_checks(&p) | mm_rule_training(&p);
  }
  for (guint k = 0; k < n[MM_PROFILE_PLACE]; k++) {
    MmPair p = representative(enc, config, mentee, MM_PROFILE_PLACE, k);
    Place *place = &t->place[k];
    place->applies = mm_pair_distance_applies(&p);
    place->limit_km = mm_pair_distance_limit_km(&p);
    place->beyond_km2 =
        place->applies ? mm_beyond_chord_km2(place->limit_km) : INFINITY;
    place->weight = mm_criterion_distance(&p, INFINITY).weight;
    /* Its value is 0, so weight x value adds +0.0 to a sum that is >= +0.0
     * and changes nothing: only the weight needs adding. */
    place->far_w[0] = 0.0;
    place->far_w[1] = place->weight;
  }

  t->live = 0;
  for (guint c = 0; c < MM_N_CRITERIA; c++)
    if (terms_matter(t->terms[c], count[c]))
      t->live |= 1u << c;

  /* Named and excluded mentors, merged in mentor order. */
  guint s = 0, x = 0, y = 0;
  while (x < a->n_named || y < a->n_excluded) {
    guint named = x < a->n_named ? a->named[x].mentor : G_MAXUINT;
    guint excluded = y < a->n_excluded ? a->excluded[y] : G_MAXUINT;
    guint mentor = MIN(named, excluded);
    x += named == mentor;
    y += excluded == mentor;
    t->special[s++] = mentor;
  }
  t->n_special = s;
}

/* ---- one block of mentors ----
 * Every function takes the block's mentors as @list[0..n) when @list is
 * given, else as first, first + 1, ..., first + n - 1; the callers pass a
 * constant NULL in the second case, so the loops read the columns in order. */

#define MENTOR(k) (list != NULL ? list[k] : first + (k))
#define ALWAYS_INLINE static inline __attribute__((always_inline))

typedef struct {
  double weighted[BLOCK];
  double total[BLOCK];
  guint32 broken[BLOCK];
  /* the pairs whose distance needs the acos, ascending */
  guint16 near[BLOCK];
  guint n_near;
} Block;

G_STATIC_ASSERT(BLOCK <= G_MAXUINT16 + 1);

/* One criterion's term of a pair, added to its sums in registers. */
#define ADD_TERM(criterion, key)                                               \
  do {                                                                         \
    if (t->live & (1u << MM_CRITERION_##criterion)) {                          \
      const Term *t_ = &t->terms[MM_CRITERION_##criterion][key];               \
      sums += t_->add;                                                         \
      broken |= t_->broken;                                                    \
    }                                                                          \
  } while (0)

/* Every criterion before distance, pair by pair (the sums stay in
 * registers). */
ALWAYS_INLINE void add_terms(Block *b, const RowTables *t,
                              const MmMentorProfiles *mp,
                              const MmMenteeCode *a, const guint *list,
                              guint first, guint n, guint w_interests,
                              guint w_needs, guint w_sectors) {
  const MmWord *interests = a->set[MM_MENTEE_SET_INTERESTS];
  const MmWord *needs = a->set[MM_MENTEE_SET_NEEDS];
  const MmWord *aspirations = a->set[MM_MENTEE_SET_ASPIRATIONS];
  for (guint k = 0; k < n; k++) {
    if (list != NULL && k + PREFETCH_AHEAD < n) {
      guint ahead = list[k + PREFETCH_AHEAD];
      __builtin_prefetch(&mp->keys[ahead]);
      __builtin_prefetch(mp->interests + (gsize)ahead * w_interests);
      __builtin_prefetch(mp->skills + (gsize)ahead * w_needs);
      __builtin_prefetch(mp->sectors + (gsize)ahead * w_sectors);
    }
    guint j = MENTOR(k);
    const MmMentorKeys *m = &mp->keys[j];
    Sums sums = {0.0, 0.0};
    guint32 broken = 0;
    ADD_TERM(INTERESTS,
             mm_bits_count_common(interests,
                                  mp->interests + (gsize)j * w_interests,
                                  w_interests));
    ADD_TERM(CARE_EXPERIENCE, m->profile[MM_PROFILE_CARE]);
    ADD_TERM(GENDER, m->profile[MM_PROFILE_GENDER]);
    ADD_TERM(ETHNICITY, m->profile[MM_PROFILE_ETHNICITY]);
    ADD_TERM(RELIGION, m->profile[MM_PROFILE_RELIGION]);
    ADD_TERM(AGE, m->profile[MM_PROFILE_AGE]);
    ADD_TERM(LANGUAGE, m->profile[MM_PROFILE_LANGUAGE]);
    ADD_TERM(MENTOR_TYPE, m->profile[MM_PROFILE_AGE]);
    ADD_TERM(NEEDS, mm_bits_count_common(
                        needs, mp->skills + (gsize)j * w_needs, w_needs));
    ADD_TERM(ASPIRATIONS,
             mm_bits_count_common(aspirations,
                                  mp->sectors + (gsize)j * w_sectors,
                                  w_sectors));
    ADD_TERM(AVAILABILITY,
             __builtin_popcount(a->availability & m->availability));
    broken |= t->mentee_ages[m->profile[MM_PROFILE_MENTEE_AGES]] |
              t->safeguarding[m->profile[MM_PROFILE_SAFEGUARDING]];
    b->weighted[k] = sums[0];
    b->total[k] = sums[1];
    b->broken[k] = broken;
  }
}

#undef ADD_TERM

/* Distance, apart from its acos: pairs certainly beyond their limit take
 * its weight and rule; the others where it applies are listed in b->near.
 * A loop of its own, with no branch: its chain of arithmetic is long, and
 * which pairs are far is as random as where people live. */
ALWAYS_INLINE void add_distance_beyond(Block *b, const RowTables *t,
                                       const MmMentorProfiles *mp,
                                       const MmMenteeCode *a,
                                       const guint *list, guint first,
                                       guint n) {
  const double ax = a->x, ay = a->y, az = a->z;
  guint n_near = 0;
  for (guint k = 0; k < n; k++) {
    const MmMentorKeys *m = &mp->keys[MENTOR(k)];
    const Place *place = &t->place[m->profile[MM_PROFILE_PLACE]];
    double chord_km2 = mm_unit_chord_km2(ax * m->x + ay * m->y + az * m->z);
    guint far = chord_km2 > place->beyond_km2;
    b->total[k] += place->far_w[far];
    b->broken[k] |= far << MM_RULE_DISTANCE;
    b->near[n_near] = (guint16)k;
    n_near += place->applies & !far;
  }
  b->n_near = n_near;
}

/* The listed pairs' distance, as mm_pair_score() adds it (the keys hold the
 * mentor's own unit vector). */
ALWAYS_INLINE void add_distance_near(Block *b, const RowTables *t,
                                     const MmMentorProfiles *mp,
                                     const MmMenteeCode *a, const guint *list,
                                     guint first) {
  for (guint q = 0; q < b->n_near; q++) {
    guint k = b->near[q];
    const MmMentorKeys *m = &mp->keys[MENTOR(k)];
    const Place *place = &t->place[m->profile[MM_PROFILE_PLACE]];
    double km = mm_unit_distance_km(a->x, a->y, a->z, m->x, m->y, m->z);
    b->weighted[k] += place->weight * mm_distance_value(km, place->limit_km);
    b->total[k] += place->weight;
    b->broken[k] |= mm_distance_broken(km, place->limit_km);
  }
}

/* The last criterion (choice, for a mentor not named), the score, and the
 * min_score rule. */
ALWAYS_INLINE void finish(const Block *b, const RowTables *t,
                          const MmConfig *config, guint n, double *scores,
                          guint32 *broken) {
  for (guint k = 0; k < n; k++) {
    double score = mm_score_from_sums(b->weighted[k] + t->choice_wv,
                                      b->total[k] + t->choice_w);
    scores[k] = score;
    if (broken != NULL)
      broken[k] = b->broken[k] | mm_rule_min_score(config, score);
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

/* Named and excluded mentors of the block, through mm_pair_score(). */
static void redo_special(const RowTables *t, const MmEncoding *enc,
                         const MmConfig *config, guint mentee,
                         const guint *list, guint first, guint n,
                         double *scores, guint32 *broken) {
  for (guint k = 0; k < n; k++) {
    guint j = MENTOR(k);
    if (!is_special(t, j))
      continue;
    MmPair pair = mm_pair(enc, config, mentee, j);
    guint32 br;
    scores[k] = mm_pair_score(&pair, &br);
    if (broken != NULL)
      broken[k] = br;
  }
}

/* One block, in mm_pair_score()'s order of criteria. */
ALWAYS_INLINE void score_block(Block *b, const RowTables *t,
                               const MmEncoding *enc, const MmConfig *config,
                               guint mentee, const guint *list, guint first,
                               guint n, guint w_interests, guint w_needs,
                               guint w_sectors, double *scores,
                               guint32 *broken) {
  add_terms(b, t, enc->profiles, &enc->mentees[mentee], list, first, n,
            w_interests, w_needs, w_sectors);
  /* A young person without a location: distance never applies. */
  if (enc->mentees[mentee].has_location) {
    add_distance_beyond(b, t, enc->profiles, &enc->mentees[mentee], list,
                        first, n);
    add_distance_near(b, t, enc->profiles, &enc->mentees[mentee], list,
                      first);
  }
  finish(b, t, config, n, scores, broken);
}

/* The whole list, block by block; @w_*: words per set, constant where the
 * caller can make them so. */
ALWAYS_INLINE void score_all(const RowTables *t, const MmEncoding *enc,
                             const MmConfig *config, guint mentee,
                             const guint *list, guint n, guint w_interests,
                             guint w_needs, guint w_sectors, double *scores,
                             guint32 *broken) {
  Block b;
  for (guint start = 0; start < n; start += BLOCK) {
    guint len = MIN(BLOCK, n - start);
    const guint *sub = list != NULL ? list + start : NULL;
    guint32 *br = broken != NULL ? broken + start : NULL;
    score_block(&b, t, enc, config, mentee, sub, start, len, w_interests,
                w_needs, w_sectors, scores + start, br);
    if (t->n_special > 0)
      redo_special(t, enc, config, mentee, sub, start, len, scores + start,
                   br);
  }
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

void mm_score_mentors(const MmEncoding *enc, const MmConfig *config,
                      guint mentee, const guint *mentors, guint n,
                      double *scores, guint32 *broken) {
  if (n == 0)
    return;
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
  mm_score_mentors(enc, config, mentee, NULL, enc->n_mentors, scores, broken);
}
