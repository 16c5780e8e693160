/* validate.c: problems the hard rules make out of valid data, found before
 * matching: mentors nobody can ever be given, named choices that cannot be
 * honoured, and pins that break a rule. All are warnings: the data can still
 * be matched, but a coordinator should know why some choices never will. */
#include "config-private.h"
#include "match-private.h"

/* The names of the rules in @broken, in MmRule order: "checks, min_score". */
static char *rule_names(guint32 broken) {
  GString *out = g_string_new(NULL);
  for (guint rule = 0; rule < MM_N_RULES; rule++)
    if (broken & (1u << rule))
      g_string_append_printf(out, "%s%s", out->len > 0 ? ", " : "",
                             mm_rule_name((MmRule)rule));
  return g_string_free(out, FALSE);
}

/* Whether @mentor comes before place @k in @named (a name given twice is
 * warned about once). */
static gboolean named_before(const GArray *named, guint k, guint mentor) {
  for (guint before = 0; before < k; before++)
    if (g_array_index(named, guint, before) == mentor)
      return TRUE;
  return FALSE;
}

/* Each named mentor not eligible for the young person who named them, at
 * the young person's row; counts in @named_by how often each mentor was
 * named. */
static void check_named_mentors(const MmPool *pool, const MmConfig *config,
                                guint *named_by, MmDiagnostics *diags) {
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++) {
    const MmPerson *mentee = mm_i_pool_mentee(pool, i);
    const GArray *named = mentee->preferred_mentors;
    for (guint k = 0; k < named->len; k++) {
      guint mentor = g_array_index(named, guint, k);
      if (named_before(named, k, mentor))
        continue;
      named_by[mentor]++;
      MmExplanation *e = mm_explain_pair(pool, config, i, mentor);
      guint32 broken = mm_explanation_broken_rules(e);
      mm_explanation_free(e);
      if (broken == 0)
        continue;
      char *rules = rule_names(broken);
      mm_diagnostics_add(diags, MM_SEVERITY_WARNING, mentee->source,
                         mentee->line, "preferred_mentors",
                         "named mentor %s is not eligible for %s: %s",
                         mm_pool_mentor_id(pool, mentor), mentee->id, rules);
      g_free(rules);
    }
  }
}

/* Mentors whom no pair can ever have: the rules that depend on the mentor
 * alone, and natural mentors nobody named (only the young people who name
 * a natural mentor may be matched with them). */
static void check_mentors(const MmPool *pool, const MmConfig *config,
                          const guint *named_by, MmDiagnostics *diags) {
  for (guint j = 0; j < mm_pool_n_mentors(pool); j++) {
    const MmPerson *mentor = mm_i_pool_mentor(pool, j);
    if (config->require_checks && mentor->checks_cleared != MM_TRI_YES)
      mm_diagnostics_add(diags, MM_SEVERITY_WARNING, mentor->source,
                         mentor->line, "checks_cleared",
                         "mentor %s can never be matched: safeguarding "
                         "checks not cleared",
                         mentor->id);
    if (mentor->training_hours < config->min_training_hours)
      mm_diagnostics_add(diags, MM_SEVERITY_WARNING, mentor->source,
                         mentor->line, "training_hours",
                         "mentor %s can never be matched: training hours %g, "
                         "below the minimum of %g",
                         mentor->id, mentor->training_hours,
                         config->min_training_hours);
    if (mentor->mentor_type == MM_MENTOR_NATURAL && named_by[j] == 0)
      mm_diagnostics_add(diags, MM_SEVERITY_WARNING, mentor->source,
                         mentor->line, "mentor_type",
                         "natural mentor %s is named by no young person, so "
                         "can never be matched",
                         mentor->id);
  }
}

void mm_validate(const MmPool *pool, const MmConfig *config,
                 const MmPins *pins, MmDiagnostics *diags) {
  g_return_if_fail(pool != NULL && mm_pool_is_prepared(pool));
  g_return_if_fail(pins == NULL || pins->pool == pool);
  g_return_if_fail(diags != NULL);
  g_autoptr(MmConfig) defaults = config == NULL ? mm_config_new() : NULL;
  if (config == NULL)
    config = defaults;

  guint *named_by = g_new0(guint, MAX(mm_pool_n_mentors(pool), 1));
  check_named_mentors(pool, config, named_by, diags);
  check_mentors(pool, config, named_by, diags);
  g_free(named_by);

  for (guint k = 0; pins != NULL && k < pins->pins->len; k++) {
    const MmPin *pin = &g_array_index(pins->pins, MmPin, k);
    MmExplanation *e = mm_explain_pair(pool, config, pin->mentee, pin->mentor);
    mm_i_pin_warn_broken(pool, pin, mm_explanation_broken_rules(e), "mentor_id",
                       diags);
    mm_explanation_free(e);
  }
}
