/* plan-json.c: the JSON answer of `plan` (see plan-json.h). */
#include "plan-json.h"

#include "json-output.h"

#include <string.h>

MmPlanValueKind mm_i_plan_value_kind(const char *column) {
  static const char *const lists[] = {"languages", "interests", "availability",
                                      "must", "skills", "sectors",
                                      "pref_mentee_gender"};
  static const char *const booleans[] = {"care_experienced", "remote",
                                         "checks_cleared"};
  static const char *const numbers[] = {
      "age",         "lat",             "lon",           "capacity",
      "training_hours", "max_distance_km", "mentee_age_min", "mentee_age_max"};
  for (gsize k = 0; k < G_N_ELEMENTS(lists); k++)
    if (strcmp(column, lists[k]) == 0)
      return MM_PLAN_VALUE_LIST;
  for (gsize k = 0; k < G_N_ELEMENTS(booleans); k++)
    if (strcmp(column, booleans[k]) == 0)
      return MM_PLAN_VALUE_BOOLEAN;
  for (gsize k = 0; k < G_N_ELEMENTS(numbers); k++)
    if (strcmp(column, numbers[k]) == 0)
      return MM_PLAN_VALUE_NUMBER;
  return MM_PLAN_VALUE_TEXT;
}

static void add_mentor_value(JsonBuilder *builder, const char *column,
                             const char *text) {
  json_builder_set_member_name(builder, column);
  switch (mm_i_plan_value_kind(column)) {
  case MM_PLAN_VALUE_LIST: {
    json_builder_begin_array(builder);
    g_auto(GStrv) items = g_strsplit(text, ";", -1);
    for (guint k = 0; items[k] != NULL; k++)
      json_builder_add_string_value(builder, items[k]);
    json_builder_end_array(builder);
    break;
  }
  case MM_PLAN_VALUE_BOOLEAN:
    json_builder_add_boolean_value(builder, strcmp(text, "yes") == 0);
    break;
  case MM_PLAN_VALUE_NUMBER:
    if (strchr(text, '.') == NULL && strchr(text, 'e') == NULL)
      json_builder_add_int_value(builder, g_ascii_strtoll(text, NULL, 10));
    else
      json_builder_add_double_value(builder, g_ascii_strtod(text, NULL));
    break;
  case MM_PLAN_VALUE_TEXT:
  default:
    json_builder_add_string_value(builder, text);
    break;
  }
}

static void build_proposal(JsonBuilder *builder, const MmPlan *plan, guint k) {
  json_builder_begin_object(builder);
  mm_i_json_add_count(builder, "rank", k + 1);
  mm_i_json_add_count(builder, "young_people_gained", mm_plan_young_people_gained(plan, k));
  mm_i_json_add_figure(builder, "value_gained", mm_plan_value_gained(plan, k));
  json_builder_set_member_name(builder, "mentor");
  json_builder_begin_object(builder);
  for (const char *const *c = mm_plan_mentor_columns(); *c != NULL; c++) {
    const char *text = mm_plan_mentor_value(plan, k, *c);
    if (text != NULL && *text != '\0')
      add_mentor_value(builder, *c, text);
  }
  json_builder_end_object(builder);
  mm_i_json_add_count(builder, "made_for", mm_plan_made_for(plan, k));
  json_builder_set_member_name(builder, "description");
  json_builder_add_string_value(builder, mm_plan_description(plan, k));
  json_builder_end_object(builder);
}

void mm_i_json_build_plan(JsonBuilder *builder, const MmPool *pool,
                        const MmConfig *config, const MmPlan *plan,
                        const MmDiagnostics *warnings) {
  MmPlanSummary s = mm_plan_summary(plan);
  json_builder_begin_object(builder);
  json_builder_set_member_name(builder, "proposals");
  json_builder_begin_array(builder);
  for (guint k = 0; k < mm_plan_n_proposals(plan); k++)
    build_proposal(builder, plan, k);
  json_builder_end_array(builder);
  json_builder_set_member_name(builder, "summary");
  json_builder_begin_object(builder);
  mm_i_json_add_run(builder, pool, config);
  mm_i_json_add_count(builder, "mentees", s.n_mentees);
  mm_i_json_add_count(builder, "pinned", s.pinned);
  mm_i_json_add_count(builder, "waiting", s.waiting);
  mm_i_json_add_count(builder, "matched_before", s.matched_before);
  mm_i_json_add_figure(builder, "value_before", s.value_before);
  mm_i_json_add_count(builder, "matched_after", s.matched_after);
  mm_i_json_add_figure(builder, "value_after", s.value_after);
  mm_i_json_add_count(builder, "candidates", s.candidates);
  mm_i_json_add_count(builder, "solves", s.solves);
  mm_i_json_add_count(builder, "confirmed_by_match", s.confirmed_by_match);
  mm_i_json_add_string_or_null(builder, "stopped", mm_plan_stopped(plan));
  json_builder_end_object(builder);
  mm_i_json_build_problems(builder, "warnings", warnings, MM_SEVERITY_WARNING);
  json_builder_end_object(builder);
}
