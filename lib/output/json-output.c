/* json-output.c: the JSON answers for match and recommend, and a serialiser
 * that writes numbers the way people read them. */
#include "json-output.h"

#include "csv-writer.h"

#include <math.h>
#include <string.h>

void mm_i_json_add_figure(JsonBuilder *builder, const char *name,
                          double figure) {
  json_builder_set_member_name(builder, name);
  json_builder_add_double_value(builder, mm_figure_round(figure));
}

void mm_i_json_add_count(JsonBuilder *builder, const char *name,
                         gint64 count) {
  json_builder_set_member_name(builder, name);
  json_builder_add_int_value(builder, count);
}

void mm_i_json_add_run(JsonBuilder *builder, const MmPool *pool,
                       const MmConfig *config) {
  g_autofree char *as_of = mm_pool_get_as_of(pool);
  json_builder_set_member_name(builder, "prefer");
  json_builder_add_string_value(builder,
                                mm_prefer_name(mm_config_get_prefer(config)));
  json_builder_set_member_name(builder, "as_of");
  json_builder_add_string_value(builder, as_of);
}

void mm_i_json_add_string_or_null(JsonBuilder *builder, const char *name,
                                const char *value) {
  json_builder_set_member_name(builder, name);
  if (value != NULL)
    json_builder_add_string_value(builder, value);
  else
    json_builder_add_null_value(builder);
}

static void add_reasons_member(JsonBuilder *builder,
                               const MmExplanation *explanation) {
  json_builder_set_member_name(builder, "reasons");
  json_builder_begin_array(builder);
  guint n = explanation != NULL ? mm_explanation_n_reasons(explanation) : 0;
  for (guint k = 0; k < n; k++)
    json_builder_add_string_value(builder,
                                  mm_explanation_reason(explanation, k));
  json_builder_end_array(builder);
}

static void add_contributions_member(JsonBuilder *builder,
                                     const MmExplanation *explanation) {
  json_builder_set_member_name(builder, "contributions");
  if (explanation == NULL) {
    json_builder_add_null_value(builder);
    return;
  }
  json_builder_begin_object(builder);
  for (guint c = 0; c < MM_N_CRITERIA; c++)
    mm_i_json_add_figure(builder, mm_criterion_name((MmCriterion)c),
                     mm_explanation_contribution(explanation, (MmCriterion)c));
  json_builder_end_object(builder);
}

/* ---- match ---- */

static void build_match_row(JsonBuilder *builder, const MmPool *pool,
                            const MmConfig *config, const MmMatching *matching,
                            guint mentee, gboolean explain) {
  gint mentor = mm_matching_mentor(matching, mentee);
  json_builder_begin_object(builder);
  json_builder_set_member_name(builder, "mentee_id");
  json_builder_add_string_value(builder, mm_pool_mentee_id(pool, mentee));
  mm_i_json_add_string_or_null(
      builder, "mentor_id",
      mentor >= 0 ? mm_pool_mentor_id(pool, (guint)mentor) : NULL);
  if (mentor >= 0) {
    mm_i_json_add_figure(builder, "score", mm_matching_score(matching, mentee));
  } else {
    json_builder_set_member_name(builder, "score");
    json_builder_add_null_value(builder);
  }
  json_builder_set_member_name(builder, "status");
  json_builder_add_string_value(
      builder, mm_match_status_name(mm_matching_status(matching, mentee)));
  mm_i_json_add_string_or_null(builder, "reason",
                            mm_matching_reason(matching, mentee));
  json_builder_set_member_name(builder, "flags");
  json_builder_begin_array(builder);
  g_auto(GStrv) flags = mm_matching_flags(matching, mentee);
  for (guint k = 0; flags[k] != NULL; k++)
    json_builder_add_string_value(builder, flags[k]);
  json_builder_end_array(builder);
  if (explain) {
    MmExplanation *explanation =
        mentor >= 0 ? mm_explain_pair(pool, config, mentee, (guint)mentor)
                    : NULL;
    add_contributions_member(builder, explanation);
    if (mentor >= 0) {
      mm_i_json_add_figure(builder, "value", mm_matching_value(matching, mentee));
    } else {
      json_builder_set_member_name(builder, "value");
      json_builder_add_null_value(builder);
    }
    add_reasons_member(builder, explanation);
    if (explanation != NULL)
      mm_explanation_free(explanation);
  }
  json_builder_end_object(builder);
}

static void build_match_summary(JsonBuilder *builder, const MmPool *pool,
                                const MmConfig *config,
                                const MmMatching *matching, MmMode mode) {
  json_builder_begin_object(builder);
  json_builder_set_member_name(builder, "mode");
  json_builder_add_string_value(builder, mm_mode_name(mode));
  mm_i_json_add_run(builder, pool, config);
  mm_i_json_add_count(builder, "mentees", mm_matching_n_mentees(matching));
  mm_i_json_add_count(builder, "matched",
                      mm_matching_count(matching, MM_STATUS_MATCHED));
  mm_i_json_add_count(builder, "pinned",
                      mm_matching_count(matching, MM_STATUS_PINNED));
  mm_i_json_add_count(builder, "unmatched",
                      mm_matching_count(matching, MM_STATUS_UNMATCHED));
  mm_i_json_add_figure(builder, "mean_score", mm_matching_mean_score(matching));
  mm_i_json_add_count(builder, "preferences_stated",
                      mm_matching_preferences_stated(matching));
  mm_i_json_add_count(builder, "preferences_met",
                      mm_matching_preferences_met(matching));
  mm_i_json_add_count(builder, "named_moves",
                      mm_matching_named_moves(matching));
  json_builder_end_object(builder);
}

void mm_i_json_build_problems(JsonBuilder *builder, const char *name,
                            const MmDiagnostics *diags, MmSeverity severity) {
  json_builder_set_member_name(builder, name);
  json_builder_begin_array(builder);
  for (guint i = 0; diags != NULL && i < mm_diagnostics_length(diags); i++) {
    const MmDiagnostic *diag = mm_diagnostics_get(diags, i);
    if (diag->severity != severity)
      continue;
    json_builder_begin_object(builder);
    mm_i_json_add_string_or_null(builder, "source", diag->source);
    json_builder_set_member_name(builder, "line");
    if (diag->line > 0)
      json_builder_add_int_value(builder, diag->line);
    else
      json_builder_add_null_value(builder);
    mm_i_json_add_string_or_null(builder, "column", diag->column);
    mm_i_json_add_string_or_null(builder, "message", diag->message);
    json_builder_end_object(builder);
  }
  json_builder_end_array(builder);
}

void mm_i_json_build_matching(JsonBuilder *builder, const MmPool *pool,
                            const MmConfig *config, const MmMatching *matching,
                            MmMode mode, gboolean explain,
                            const MmDiagnostics *warnings) {
  g_return_if_fail(builder != NULL && pool != NULL && config != NULL &&
                   matching != NULL);
  json_builder_begin_object(builder);
  json_builder_set_member_name(builder, "matches");
  json_builder_begin_array(builder);
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++)
    build_match_row(builder, pool, config, matching, i, explain);
  json_builder_end_array(builder);
  json_builder_set_member_name(builder, "summary");
  build_match_summary(builder, pool, config, matching, mode);
  mm_i_json_build_problems(builder, "warnings", warnings, MM_SEVERITY_WARNING);
  json_builder_end_object(builder);
}

/* ---- recommend ---- */

static void build_shortlist_entry(JsonBuilder *builder, const MmPool *pool,
                                  const MmConfig *config,
                                  const MmShortlist *shortlist, guint i) {
  guint mentee = mm_shortlist_mentee(shortlist, i);
  json_builder_begin_object(builder);
  json_builder_set_member_name(builder, "mentee_id");
  json_builder_add_string_value(builder, mm_pool_mentee_id(pool, mentee));
  json_builder_set_member_name(builder, "mentors");
  json_builder_begin_array(builder);
  for (guint rank = 0; rank < mm_shortlist_length(shortlist, i); rank++) {
    guint mentor = mm_shortlist_mentor(shortlist, i, rank);
    MmExplanation *explanation = mm_explain_pair(pool, config, mentee, mentor);
    json_builder_begin_object(builder);
    mm_i_json_add_count(builder, "rank", rank + 1);
    json_builder_set_member_name(builder, "mentor_id");
    json_builder_add_string_value(builder, mm_pool_mentor_id(pool, mentor));
    mm_i_json_add_figure(builder, "score", mm_shortlist_score(shortlist, i, rank));
    add_reasons_member(builder, explanation);
    json_builder_end_object(builder);
    mm_explanation_free(explanation);
  }
  json_builder_end_array(builder);
  mm_i_json_add_string_or_null(builder, "reason",
                            mm_shortlist_reason(shortlist, i));
  json_builder_end_object(builder);
}

void mm_i_json_build_shortlist(JsonBuilder *builder, const MmPool *pool,
                             const MmConfig *config,
                             const MmShortlist *shortlist,
                             const MmDiagnostics *warnings) {
  g_return_if_fail(builder != NULL && pool != NULL && config != NULL &&
                   shortlist != NULL);
  json_builder_begin_object(builder);
  json_builder_set_member_name(builder, "recommendations");
  json_builder_begin_array(builder);
  for (guint i = 0; i < mm_shortlist_n_mentees(shortlist); i++)
    build_shortlist_entry(builder, pool, config, shortlist, i);
  json_builder_end_array(builder);
  mm_i_json_build_problems(builder, "warnings", warnings, MM_SEVERITY_WARNING);
  json_builder_end_object(builder);
}

/* ---- serialising ---- */

static void append_json_string(GString *out, const char *text) {
  g_string_append_c(out, '"');
  for (const char *p = text; *p != '\0'; p++) {
    guchar c = (guchar)*p;
    switch (c) {
    case '"':
      g_string_append(out, "\\\"");
      break;
    case '\\':
      g_string_append(out, "\\\\");
      break;
    case '\n':
      g_string_append(out, "\\n");
      break;
    case '\r':
      g_string_append(out, "\\r");
      break;
    case '\t':
      g_string_append(out, "\\t");
      break;
    default:
      if (c < 0x20)
        g_string_append_printf(out, "\\u%04x", c);
      else
        g_string_append_c(out, (char)c); /* UTF-8 passes through */
    }
  }
  g_string_append_c(out, '"');
}

static void append_json_double(GString *out, double value) {
  if (!isfinite(value)) {
    g_string_append(out, "null");
    return;
  }
  /* The first precision that reads back exactly is the shortest text. */
  static const char *const formats[] = {"%.15g", "%.16g", "%.17g"};
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  for (guint k = 0; k < G_N_ELEMENTS(formats); k++) {
    g_ascii_formatd(text, sizeof text, formats[k], value);
    if (g_ascii_strtod(text, NULL) == value)
      break;
  }
  g_string_append(out, text);
  if (strpbrk(text, ".eE") == NULL)
    g_string_append(out, ".0");
}

static void append_json_value(GString *out, JsonNode *node) {
  GType type = json_node_get_value_type(node);
  if (type == G_TYPE_INT64)
    g_string_append_printf(out, "%" G_GINT64_FORMAT, json_node_get_int(node));
  else if (type == G_TYPE_DOUBLE)
    append_json_double(out, json_node_get_double(node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append(out, json_node_get_boolean(node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    append_json_string(out, json_node_get_string(node));
  else
    g_string_append(out, "null");
}

static void append_json_node(GString *out, JsonNode *node, gboolean pretty,
                             guint depth);

static void append_newline(GString *out, gboolean pretty, guint depth) {
  if (!pretty)
    return;
  g_string_append_c(out, '\n');
  for (guint k = 0; k < depth; k++)
    g_string_append(out, "  ");
}

static void append_json_object(GString *out, JsonObject *object,
                               gboolean pretty, guint depth) {
  if (json_object_get_size(object) == 0) {
    g_string_append(out, "{}");
    return;
  }
  g_string_append_c(out, '{');
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;
  json_object_iter_init_ordered(&iter, object);
  while (json_object_iter_next_ordered(&iter, &name, &member)) {
    if (!first)
      g_string_append_c(out, ',');
    first = FALSE;
    append_newline(out, pretty, depth + 1);
    append_json_string(out, name);
    g_string_append(out, pretty ? ": " : ":");
    append_json_node(out, member, pretty, depth + 1);
  }
  append_newline(out, pretty, depth);
  g_string_append_c(out, '}');
}

static void append_json_array(GString *out, JsonArray *array, gboolean pretty,
                              guint depth) {
  guint n = json_array_get_length(array);
  if (n == 0) {
    g_string_append(out, "[]");
    return;
  }
  g_string_append_c(out, '[');
  for (guint k = 0; k < n; k++) {
    if (k > 0)
      g_string_append_c(out, ',');
    append_newline(out, pretty, depth + 1);
    append_json_node(out, json_array_get_element(array, k), pretty, depth + 1);
  }
  append_newline(out, pretty, depth);
  g_string_append_c(out, ']');
}

static void append_json_node(GString *out, JsonNode *node, gboolean pretty,
                             guint depth) {
  switch (json_node_get_node_type(node)) {
  case JSON_NODE_OBJECT:
    append_json_object(out, json_node_get_object(node), pretty, depth);
    break;
  case JSON_NODE_ARRAY:
    append_json_array(out, json_node_get_array(node), pretty, depth);
    break;
  case JSON_NODE_VALUE:
    append_json_value(out, node);
    break;
  case JSON_NODE_NULL:
  default:
    g_string_append(out, "null");
    break;
  }
}

char *mm_i_json_to_text(JsonNode *root, gboolean pretty) {
  g_return_val_if_fail(root != NULL, NULL);
  GString *out = g_string_new(NULL);
  append_json_node(out, root, pretty, 0);
  return g_string_free(out, FALSE);
}

char *mm_i_json_answer_text(JsonBuilder *builder) {
  JsonNode *root = json_builder_get_root(builder);
  char *text = mm_i_json_to_text(root, TRUE);
  json_node_unref(root);
  char *answer = g_strconcat(text, "\n", NULL);
  g_free(text);
  return answer;
}
