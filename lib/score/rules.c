/* rules.c: the names and plain-language descriptions of the hard rules of
 * the contract (docs/), and broken-rule counts as text (the rules themselves are
 * evaluated in criteria.c). */
#include "rules.h"

/* Short names are stable: reasons, reports and callers' scripts use them. */
static const struct {
  const char *name;
  const char *description;
} rules[MM_N_RULES] = {
    [MM_RULE_CHECKS] = {"checks", "mentor's safeguarding checks not cleared"},
    [MM_RULE_TRAINING] = {"training",
                          "mentor's training hours below the minimum"},
    [MM_RULE_EXCLUDED] = {"excluded",
                          "mentor is in the young person's excluded mentors"},
    [MM_RULE_MUST_GENDER] = {"must:gender",
                             "mentor's gender is not one the young person "
                             "requires"},
    [MM_RULE_MUST_ETHNICITY] = {"must:ethnicity",
                                "mentor's ethnicity is not one the young "
                                "person requires"},
    [MM_RULE_MUST_RELIGION] = {"must:religion",
                               "mentor's religion is not one the young person "
                               "requires"},
    [MM_RULE_MUST_CARE_EXPERIENCED] = {"must:care_experienced",
                                       "mentor is not care-experienced, which "
                                       "the young person requires"},
    [MM_RULE_MUST_AGE] = {"must:age", "mentor's age is outside the range the "
                                      "young person requires"},
    [MM_RULE_MUST_MENTOR_TYPE] = {"must:mentor_type",
                                  "mentor type is not one the young person "
                                  "requires"},
    [MM_RULE_MUST_LANGUAGE] = {"must:language",
                               "mentor speaks none of the languages the young "
                               "person requires"},
    [MM_RULE_MENTOR_MUST_GENDER] = {"mentor_must:gender",
                                    "young person's gender is not one the "
                                    "mentor requires"},
    [MM_RULE_AGE_RANGE] = {"age_range", "young person's age is outside the "
                                        "ages the mentor takes"},
    [MM_RULE_AGE_GAP] = {"age_gap", "mentor is not enough years older than "
                                    "the young person"},
    [MM_RULE_DISTANCE] = {"distance",
                          "too far apart, and not both open to remote "
                          "mentoring"},
    [MM_RULE_MIN_SCORE] = {"min_score", "score below the minimum score"},
    [MM_RULE_NATURAL] = {"natural", "a natural mentor the young person did "
                                    "not name"},
    [MM_RULE_PREVIOUS] = {"previous",
                          "mentor of a match that ended, not named again by "
                          "the young person"},
};

const char *mm_rule_name(MmRule rule) {
  return (guint)rule < MM_N_RULES ? rules[rule].name : NULL;
}

const char *mm_rule_describe(MmRule rule) {
  return (guint)rule < MM_N_RULES ? rules[rule].description : NULL;
}

char *mm_rules_summary_n(const guint *counts, gsize n_counts) {
  g_return_val_if_fail(counts != NULL || n_counts == 0, NULL);
  guint all[MM_N_RULES] = {0};
  for (gsize r = 0; r < MIN(n_counts, (gsize)MM_N_RULES); r++)
    all[r] = counts[r];
  return mm_rules_summary(all);
}

char *mm_rules_summary(const guint counts[MM_N_RULES]) {
  g_return_val_if_fail(counts != NULL, NULL);
  /* Stable selection, largest first: MM_N_RULES is small. */
  guint order[MM_N_RULES];
  for (guint r = 0; r < MM_N_RULES; r++)
    order[r] = r;
  for (guint a = 1; a < MM_N_RULES; a++) {
    guint r = order[a], b = a;
    for (; b > 0 && counts[order[b - 1]] < counts[r]; b--)
      order[b] = order[b - 1];
    order[b] = r;
  }
  GString *out = g_string_new(NULL);
  for (guint k = 0; k < MM_N_RULES && counts[order[k]] > 0; k++)
    g_string_append_printf(out, "%s%u %s", out->len > 0 ? ", " : "",
                           counts[order[k]], rules[order[k]].name);
  return g_string_free(out, FALSE);
}


void mm_i_rules_count(const guint32 *broken, gsize n, guint counts[MM_N_RULES]) {
  for (gsize k = 0; k < n; k++)
    for (guint rule = 0; rule < MM_N_RULES; rule++)
      counts[rule] += (broken[k] >> rule) & 1u;
}
