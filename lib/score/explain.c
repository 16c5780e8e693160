/* explain.c: one pair's score taken apart, with reasons in plain language.
 *
 * The numbers come from mm_i_pair_evaluate(), the very code the row scorer
 * runs, so the explanation's score is the matcher's score bit for bit. This
 * file only adds words: token spellings are read back from the same bitsets
 * the criteria counted, so "shares 3 interests" lists exactly the three that
 * scored. Reasons speak only of the pair's own attributes and ids. */
#include "criteria.h"
#include "value.h"

struct MmExplanation {
  MmPairEval eval;
  gint32 value_units; /* value.h */
  double contribution[MM_N_CRITERIA];
  GPtrArray *reasons; /* char*, most important first */
};

/* ---- collecting reasons ---- */

typedef enum {
  REASON_RULE,     /* a hard rule the pair breaks */
  REASON_FOR,      /* something that raised the score */
  REASON_AGAINST,  /* a stated preference missed, or a fact that scored 0 */
} ReasonKind;

typedef struct {
  char *text;
  ReasonKind kind;
  double importance; /* FOR: weight x value; AGAINST: weight */
  guint order;       /* for stable ties */
} Reason;

typedef struct {
  const MmPool *pool;
  MmPair pair;
  const MmPairEval *eval;
  GArray *reasons; /* Reason */
} Explainer;

static void add_reason(Explainer *x, ReasonKind kind, double importance,
                       char *text) {
  Reason r = {text, kind, importance, x->reasons->len};
  g_array_append_val(x->reasons, r);
}

/* A reason for or against, weighed by criterion @c's verdict. */
static void add_verdict_reason(Explainer *x, MmCriterion c, gboolean in_favour,
                               char *text) {
  const MmVerdict *v = &x->eval->criterion[c];
  if (in_favour)
    add_reason(x, REASON_FOR, v->weight * v->value, text);
  else
    add_reason(x, REASON_AGAINST, v->weight, text);
}

static int compare_reasons(const void *pa, const void *pb) {
  const Reason *a = pa, *b = pb;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->importance != b->importance)
    return a->importance > b->importance ? -1 : 1;
  return a->order < b->order ? -1 : (a->order > b->order);
}

/* Appends the display spellings of the tokens in both @a and @b (W words of
 * vocabulary @vocab), ", "-separated in code order; returns how many. */
static guint append_common_tokens(GString *out, const MmPool *pool,
                                  MmVocab vocab, const MmWord *a,
                                  const MmWord *b, guint n_words) {
  guint n = 0;
  for (guint w = 0; w < n_words; w++) {
    for (MmWord bits = a[w] & b[w]; bits != 0; bits &= bits - 1) {
      gint32 code = (gint32)(w * MM_WORD_BITS + (guint)__builtin_ctzll(bits));
      g_string_append_printf(out, "%s%s", n > 0 ? ", " : "",
                             mm_i_tokens_display(pool->vocab[vocab], code));
      n++;
    }
  }
  return n;
}

/* "<one> list" or "<many> list" of the tokens common to two sets, e.g.
 * "covers needs: trauma, sen". */
static char *common_tokens_text(const Explainer *x, MmVocab vocab,
                                const MmWord *a, const MmWord *b,
                                const char *one, const char *many) {
  GString *list = g_string_new(NULL);
  guint n = append_common_tokens(list, x->pool, vocab, a, b,
                                 x->pair.n_words[vocab]);
  char *text = g_strdup_printf("%s %s", n == 1 ? one : many, list->str);
  g_string_free(list, TRUE);
  return text;
}

static const char *place_word(gint place) {
  static const char *const words[] = {"first",   "second", "third", "fourth",
                                      "fifth",   "sixth",  "seventh",
                                      "eighth",  "ninth",  "tenth"};
  return place < (gint)G_N_ELEMENTS(words) ? words[place] : NULL;
}

/* A fact the young person brings that the mentor's record lacks: it scored
 * 0 (missing data never raises a score), and the coordinator should know
 * why. TRUE when that is what happened. */
static gboolean explain_not_recorded(Explainer *x, MmCriterion c,
                                     const MmVerdict *v) {
  const char *what = mm_i_pair_not_recorded(&x->pair, c, v);
  if (what != NULL)
    add_verdict_reason(x, c, FALSE,
                       g_strdup_printf("mentor's %s not recorded", what));
  return what != NULL;
}

/* ---- one function per criterion, in MmCriterion order ---- */

static void explain_interests(Explainer *x, const MmVerdict *v) {
  if (v->value <= 0.0) {
    explain_not_recorded(x, MM_CRITERION_INTERESTS, v);
    return;
  }
  GString *list = g_string_new(NULL);
  guint n = append_common_tokens(
      list, x->pool, MM_VOCAB_INTEREST,
      x->pair.mentee->set[MM_MENTEE_SET_INTERESTS],
      x->pair.mentor->set[MM_MENTOR_SET_INTERESTS],
      x->pair.n_words[MM_VOCAB_INTEREST]);
  add_verdict_reason(x, MM_CRITERION_INTERESTS, TRUE,
                     g_strdup_printf("shares %u interest%s: %s", n,
                                     n == 1 ? "" : "s", list->str));
  g_string_free(list, TRUE);
}

static void explain_care_experience(Explainer *x, const MmVerdict *v) {
  const MmMentorCode *b = x->pair.mentor;
  if (v->value > 0.0) {
    const char *text = mm_i_pair_near_peer(&x->pair)
                           ? "care-experienced near-peer mentor"
                       : x->pair.mentee->care_experienced == MM_TRI_YES
                           ? "both care-experienced"
                           : "care-experienced, as the young person asked";
    add_verdict_reason(x, MM_CRITERION_CARE_EXPERIENCE, TRUE, g_strdup(text));
  } else if (v->stated) {
    add_verdict_reason(x, MM_CRITERION_CARE_EXPERIENCE, FALSE,
                       g_strdup(b->care_experienced == MM_TRI_NO
                                    ? "not care-experienced, which the young "
                                      "person asked for"
                                    : "not known to be care-experienced, "
                                      "which the young person asked for"));
  } else {
    explain_not_recorded(x, MM_CRITERION_CARE_EXPERIENCE, v);
  }
}

static void explain_gender(Explainer *x, const MmVerdict *v) {
  const MmMenteeCode *a = x->pair.mentee;
  const MmMentorCode *b = x->pair.mentor;
  gboolean soft = mm_i_mentor_gender_pref_is_soft(b) && mm_i_known(a->gender);
  gboolean wanted = mm_i_pair_mentee_gender_wanted(&x->pair);
  if (v->stated)
    add_verdict_reason(x, MM_CRITERION_GENDER, v->stated_met,
                       g_strdup(v->stated_met
                                    ? "mentor gender as the young person asked"
                                    : "not the gender the young person asked "
                                      "for"));
  else if (soft && wanted)
    add_verdict_reason(x, MM_CRITERION_GENDER, TRUE,
                       g_strdup("young person's gender as the mentor prefers"));
  if (soft && !wanted)
    add_verdict_reason(x, MM_CRITERION_GENDER, FALSE,
                       g_strdup("young person's gender is not one the mentor "
                                "prefers"));
}

/* Ethnicity and religion apply only to a wish the young person stated. */
static void explain_ethnicity(Explainer *x, const MmVerdict *v) {
  add_verdict_reason(x, MM_CRITERION_ETHNICITY, v->stated_met,
                     g_strdup(v->stated_met
                                  ? "ethnicity as the young person asked"
                                  : "not the ethnicity the young person "
                                    "asked for"));
}

static void explain_religion(Explainer *x, const MmVerdict *v) {
  add_verdict_reason(x, MM_CRITERION_RELIGION, v->stated_met,
                     g_strdup(v->stated_met
                                  ? "religion as the young person asked"
                                  : "not the religion the young person "
                                    "asked for"));
}

static char *age_gap_text(gint gap) {
  if (gap >= 0)
    return g_strdup_printf("age gap %d year%s", gap, gap == 1 ? "" : "s");
  return g_strdup_printf("mentor %d year%s younger", -gap, gap == -1 ? "" : "s");
}

static void explain_age(Explainer *x, const MmVerdict *v) {
  if (v->stated) {
    add_verdict_reason(x, MM_CRITERION_AGE, v->stated_met,
                       g_strdup(v->stated_met
                                    ? "age within the range the young person "
                                      "asked for"
                                    : "outside the age range the young person "
                                      "asked for"));
    return;
  }
  add_verdict_reason(x, MM_CRITERION_AGE, v->value > 0.0,
                     age_gap_text(x->pair.mentor->age - x->pair.mentee->age));
}

static void explain_language(Explainer *x, const MmVerdict *v) {
  const MmWord *theirs = x->pair.mentor->set[MM_MENTOR_SET_LANGUAGES];
  if (v->value > 0.0) {
    MmMenteeSet asked = v->stated ? MM_MENTEE_SET_PREF_LANGUAGE
                                  : MM_MENTEE_SET_LANGUAGES;
    add_verdict_reason(x, MM_CRITERION_LANGUAGE, TRUE,
                       common_tokens_text(x, MM_VOCAB_LANGUAGE,
                                          x->pair.mentee->set[asked], theirs,
                                          "speaks", "speaks"));
  } else if (v->stated) {
    add_verdict_reason(x, MM_CRITERION_LANGUAGE, FALSE,
                       g_strdup("speaks none of the languages the young person "
                                "asked for"));
  } else if (!explain_not_recorded(x, MM_CRITERION_LANGUAGE, v)) {
    add_verdict_reason(x, MM_CRITERION_LANGUAGE, FALSE,
                       g_strdup("no language in common"));
  }
}

static void explain_mentor_type(Explainer *x, const MmVerdict *v) {
  if (v->stated_met)
    add_verdict_reason(x, MM_CRITERION_MENTOR_TYPE, TRUE,
                       g_strdup_printf("%s mentor, as the young person asked",
                                       mm_i_mentor_type_name(x->pair.mentor->type)));
  else
    add_verdict_reason(x, MM_CRITERION_MENTOR_TYPE, FALSE,
                       g_strdup("not the type of mentor the young person asked "
                                "for"));
}

static void explain_needs(Explainer *x, const MmVerdict *v) {
  if (v->value <= 0.0) {
    explain_not_recorded(x, MM_CRITERION_NEEDS, v);
    return;
  }
  add_verdict_reason(
      x, MM_CRITERION_NEEDS, TRUE,
      common_tokens_text(x, MM_VOCAB_NEED,
                         x->pair.mentee->set[MM_MENTEE_SET_NEEDS],
                         x->pair.mentor->set[MM_MENTOR_SET_SKILLS],
                         "covers need:", "covers needs:"));
}

static void explain_aspirations(Explainer *x, const MmVerdict *v) {
  if (v->value <= 0.0) {
    explain_not_recorded(x, MM_CRITERION_ASPIRATIONS, v);
    return;
  }
  add_verdict_reason(
      x, MM_CRITERION_ASPIRATIONS, TRUE,
      common_tokens_text(x, MM_VOCAB_SECTOR,
                         x->pair.mentee->set[MM_MENTEE_SET_ASPIRATIONS],
                         x->pair.mentor->set[MM_MENTOR_SET_SECTORS],
                         "sector matches aspiration:",
                         "sectors match aspirations:"));
}

static void explain_availability(Explainer *x, const MmVerdict *v) {
  if (v->value <= 0.0) {
    if (!explain_not_recorded(x, MM_CRITERION_AVAILABILITY, v))
      add_verdict_reason(x, MM_CRITERION_AVAILABILITY, FALSE,
                         g_strdup("no time in common"));
    return;
  }
  guint32 shared = x->pair.mentee->availability & x->pair.mentor->availability;
  GString *text = g_string_new("free at the same times: ");
  const char *sep = "";
  for (guint slot = 0; slot < MM_N_SLOTS; slot++) {
    if (!(shared & (1u << slot)))
      continue;
    g_string_append_printf(text, "%s%s", sep, mm_i_slot_name(slot));
    sep = ", ";
  }
  add_verdict_reason(x, MM_CRITERION_AVAILABILITY, TRUE,
                     g_string_free(text, FALSE));
}

static void explain_distance(Explainer *x, const MmVerdict *v) {
  if (explain_not_recorded(x, MM_CRITERION_DISTANCE, v))
    return;
  if (mm_i_pair_both_remote(&x->pair)) {
    add_verdict_reason(x, MM_CRITERION_DISTANCE, TRUE,
                       g_strdup("both open to remote mentoring"));
    return;
  }
  /* g_ascii_formatd: a '.' whatever the caller's locale. */
  char km[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(km, sizeof km, "%.1f", x->eval->distance_km);
  add_verdict_reason(x, MM_CRITERION_DISTANCE, v->value > 0.0,
                     g_strdup_printf("%s km apart", km));
}

/* The young person's named choices are not a criterion: they weigh in the
 * pair's value (value.h), and the reasons say so. */
static void explain_choice(Explainer *x) {
  gint place = x->eval->named_place;
  if (x->pair.mentee->n_named == 0)
    return;
  if (place < 0)
    add_reason(x, REASON_AGAINST, 0.0,
               g_strdup("not one of the mentors the young person named"));
  else if (place_word(place) != NULL)
    add_reason(x, REASON_FOR, G_MAXDOUBLE,
               g_strdup_printf("named by the young person as %s choice",
                               place_word(place)));
  else
    add_reason(x, REASON_FOR, G_MAXDOUBLE,
               g_strdup_printf("named by the young person as choice %d",
                               place + 1));
}

typedef void (*ExplainFunc)(Explainer *x, const MmVerdict *v);

static const ExplainFunc explainers[MM_N_CRITERIA] = {
    [MM_CRITERION_INTERESTS] = explain_interests,
    [MM_CRITERION_CARE_EXPERIENCE] = explain_care_experience,
    [MM_CRITERION_GENDER] = explain_gender,
    [MM_CRITERION_ETHNICITY] = explain_ethnicity,
    [MM_CRITERION_RELIGION] = explain_religion,
    [MM_CRITERION_AGE] = explain_age,
    [MM_CRITERION_LANGUAGE] = explain_language,
    [MM_CRITERION_MENTOR_TYPE] = explain_mentor_type,
    [MM_CRITERION_NEEDS] = explain_needs,
    [MM_CRITERION_ASPIRATIONS] = explain_aspirations,
    [MM_CRITERION_AVAILABILITY] = explain_availability,
    [MM_CRITERION_DISTANCE] = explain_distance,
};

static void explain_rules(Explainer *x) {
  for (guint rule = 0; rule < MM_N_RULES; rule++)
    if (x->eval->broken & (1u << rule))
      add_reason(x, REASON_RULE, 0.0,
                 g_strdup_printf("not eligible: %s",
                                 mm_rule_describe((MmRule)rule)));
}

/* Criteria weighted 0 by the config are left out: the coordinator chose to
 * ignore them. */
static GPtrArray *collect_reasons(const MmPool *pool, const MmPair *pair,
                                  const MmPairEval *eval) {
  Explainer x = {pool, *pair, eval, g_array_new(FALSE, FALSE, sizeof(Reason))};
  explain_rules(&x);
  explain_choice(&x);
  for (guint c = 0; c < MM_N_CRITERIA; c++) {
    const MmVerdict *v = &eval->criterion[c];
    if (v->applies && v->weight > 0.0)
      explainers[c](&x, v);
  }
  g_array_sort(x.reasons, compare_reasons);
  GPtrArray *texts = g_ptr_array_new_full(x.reasons->len, g_free);
  for (guint k = 0; k < x.reasons->len; k++)
    g_ptr_array_add(texts, g_array_index(x.reasons, Reason, k).text);
  g_array_free(x.reasons, TRUE);
  return texts;
}

/* ---- the public face ---- */

MmExplanation *mm_explain_pair(const MmPool *pool, const MmConfig *config,
                               guint mentee, guint mentor) {
  g_return_val_if_fail(pool != NULL && pool->prepared && pool->encoding != NULL,
                       NULL);
  g_return_val_if_fail(config != NULL, NULL);
  const MmEncoding *enc = pool->encoding;
  g_return_val_if_fail(mentee < enc->n_mentees && mentor < enc->n_mentors,
                       NULL);
  MmExplanation *e = g_new0(MmExplanation, 1);
  MmPair pair = mm_i_pair(enc, config, mentee, mentor);
  mm_i_pair_evaluate(&pair, &e->eval);
  double total_weight = 0.0;
  for (guint c = 0; c < MM_N_CRITERIA; c++)
    total_weight += e->eval.criterion[c].weight;
  for (guint c = 0; c < MM_N_CRITERIA; c++) {
    const MmVerdict *v = &e->eval.criterion[c];
    e->contribution[c] =
        total_weight > 0.0 ? 100.0 * v->weight * v->value / total_weight : 0.0;
  }
  e->value_units =
      mm_i_score_to_units(e->eval.score) + mm_i_pair_value_extra_units(&pair);
  e->reasons = collect_reasons(pool, &pair, &e->eval);
  return e;
}

void mm_explanation_free(MmExplanation *explanation) {
  if (explanation == NULL)
    return;
  g_ptr_array_free(explanation->reasons, TRUE);
  g_free(explanation);
}

double mm_explanation_score(const MmExplanation *explanation) {
  g_return_val_if_fail(explanation != NULL, 0.0);
  return explanation->eval.score;
}

double mm_explanation_pair_value(const MmExplanation *explanation) {
  g_return_val_if_fail(explanation != NULL, 0.0);
  return (double)explanation->value_units / MM_SCORE_SCALE;
}

guint32 mm_explanation_broken_rules(const MmExplanation *explanation) {
  g_return_val_if_fail(explanation != NULL, 0);
  return explanation->eval.broken;
}

gboolean mm_explanation_applies(const MmExplanation *explanation,
                                MmCriterion criterion) {
  g_return_val_if_fail(explanation != NULL, FALSE);
  g_return_val_if_fail((guint)criterion < MM_N_CRITERIA, FALSE);
  return explanation->eval.criterion[criterion].applies;
}

double mm_explanation_value(const MmExplanation *explanation,
                            MmCriterion criterion) {
  g_return_val_if_fail(explanation != NULL, 0.0);
  g_return_val_if_fail((guint)criterion < MM_N_CRITERIA, 0.0);
  return explanation->eval.criterion[criterion].value;
}

double mm_explanation_weight(const MmExplanation *explanation,
                             MmCriterion criterion) {
  g_return_val_if_fail(explanation != NULL, 0.0);
  g_return_val_if_fail((guint)criterion < MM_N_CRITERIA, 0.0);
  return explanation->eval.criterion[criterion].weight;
}

double mm_explanation_contribution(const MmExplanation *explanation,
                                   MmCriterion criterion) {
  g_return_val_if_fail(explanation != NULL, 0.0);
  g_return_val_if_fail((guint)criterion < MM_N_CRITERIA, 0.0);
  return explanation->contribution[criterion];
}

guint mm_explanation_n_reasons(const MmExplanation *explanation) {
  g_return_val_if_fail(explanation != NULL, 0);
  return explanation->reasons->len;
}

const char *mm_explanation_reason(const MmExplanation *explanation,
                                  guint index) {
  g_return_val_if_fail(explanation != NULL, NULL);
  g_return_val_if_fail(index < explanation->reasons->len, NULL);
  return g_ptr_array_index(explanation->reasons, index);
}

char *mm_explanation_reasons_text(const MmExplanation *explanation) {
  g_return_val_if_fail(explanation != NULL, NULL);
  GString *out = g_string_new(NULL);
  for (guint k = 0; k < explanation->reasons->len; k++)
    g_string_append_printf(out, "%s%s", k > 0 ? "; " : "",
                           (const char *)g_ptr_array_index(explanation->reasons,
                                                           k));
  return g_string_free(out, FALSE);
}
