/* json-api.c: mm_json(), the JSON entry point for callers through a C FFI.
 *
 * A request is read in three steps. Its shape first (the command, which
 * members exist and their JSON types): a fault there answers at once with a
 * message, since nothing useful can be checked behind it. Then the data
 * (people, config, pins, the mentee asked about): like a CSV file, every
 * problem is collected as a diagnostic so that a caller fixes them all in
 * one go. Last the command runs, and match, recommend and plan answer
 * through the public outputs (mm-output.h), so the answer is exactly the
 * CLI's --format json.
 *
 * Nothing here may abort or print on any input: every value is checked
 * before it reaches a function guarded by g_return_val_if_fail(). */
#include "config-private.h"
#include "json-output.h"
#include "report.h"

#include "person-fields.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The most mentors a shortlist may list, the same bound as the CLI's --top. */
#define JSON_TOP_MAX 1000

typedef enum {
  COMMAND_MATCH,
  COMMAND_RECOMMEND,
  COMMAND_VALIDATE,
  COMMAND_PLAN,
  COMMAND_REPORT,
} Command;

/* The request's shape once checked. Arrays and objects are borrowed from
 * the parser's tree; optional members are NULL when absent or null. */
typedef struct {
  Command command;
  JsonArray *mentees;
  JsonArray *mentors;
  JsonObject *config;
  JsonArray *pinned;
  MmMode mode;
  guint top;
  gboolean explain;
  const char *mentee;
  const char *as_of; /* NULL: today */
} Request;

/* The data the request carries, validated; problems are in diags. */
typedef struct {
  MmDiagnostics *diags;
  MmPool *pool;
  MmConfig *config;
  MmPins *pins;   /* NULL when none were given or the pools had errors */
  gint mentee;    /* the mentee asked about, or -1 for all */
  gboolean config_ok; /* the request's config, if any, had no error */
} Inputs;

static void inputs_clear(Inputs *inputs) {
  g_clear_pointer(&inputs->pins, mm_pins_free);
  g_clear_pointer(&inputs->pool, mm_pool_free);
  g_clear_pointer(&inputs->config, mm_config_free);
  g_clear_pointer(&inputs->diags, mm_diagnostics_free);
}

/* ---- Answers ---- */

/* {"error": {"message", "problems"?}}; problems only when @diags is given. */
static char *error_answer(const char *message, const MmDiagnostics *diags) {
  g_autoptr(JsonBuilder) builder = json_builder_new();
  json_builder_begin_object(builder);
  json_builder_set_member_name(builder, "error");
  json_builder_begin_object(builder);
  mm_i_json_add_string_or_null(builder, "message", message);
  if (diags != NULL)
    mm_i_json_build_problems(builder, "problems", diags, MM_SEVERITY_ERROR);
  json_builder_end_object(builder);
  json_builder_end_object(builder);
  return mm_i_json_answer_text(builder);
}

/* The data had errors: the message quotes the first, so that a caller who
 * only logs the message still sees what to fix. */
static char *invalid_data_answer(const MmDiagnostics *diags) {
  const MmDiagnostic *first = NULL;
  for (guint i = 0; first == NULL && i < mm_diagnostics_length(diags); i++)
    if (mm_diagnostics_get(diags, i)->severity == MM_SEVERITY_ERROR)
      first = mm_diagnostics_get(diags, i);
  guint n = mm_diagnostics_n_errors(diags);
  g_autofree char *shown = first != NULL ? mm_diagnostic_format(first) : NULL;
  g_autofree char *message =
      n == 1 ? g_strdup_printf("the request has 1 error: %s", shown)
             : g_strdup_printf("the request has %u errors; the first: %s", n,
                               shown != NULL ? shown : "(not kept)");
  return error_answer(message, diags);
}

static char *validate_answer(const MmDiagnostics *diags) {
  g_autoptr(JsonBuilder) builder = json_builder_new();
  json_builder_begin_object(builder);
  json_builder_set_member_name(builder, "valid");
  json_builder_add_boolean_value(builder, mm_diagnostics_n_errors(diags) == 0);
  mm_i_json_build_problems(builder, "errors", diags, MM_SEVERITY_ERROR);
  mm_i_json_build_problems(builder, "warnings", diags, MM_SEVERITY_WARNING);
  json_builder_end_object(builder);
  return mm_i_json_answer_text(builder);
}

/* ---- Reading JSON values ---- */

static gboolean node_is(JsonNode *node, GType type) {
  return node != NULL && JSON_NODE_HOLDS_VALUE(node) &&
         json_node_get_value_type(node) == type;
}

static gboolean node_is_number(JsonNode *node) {
  return node_is(node, G_TYPE_INT64) || node_is(node, G_TYPE_DOUBLE);
}

static double node_number(JsonNode *node) {
  return node_is(node, G_TYPE_INT64) ? (double)json_node_get_int(node)
                                     : json_node_get_double(node);
}

/* A JSON number that is whole (2 or 2.0), clamped into @min..@max so that
 * callers can range-check it without overflow. */
static gboolean node_whole_number(JsonNode *node, gint64 min, gint64 max,
                                  gint64 *value) {
  if (node_is(node, G_TYPE_INT64)) {
    *value = CLAMP(json_node_get_int(node), min, max);
    return TRUE;
  }
  if (!node_is(node, G_TYPE_DOUBLE))
    return FALSE;
  double number = json_node_get_double(node);
  if (!isfinite(number) || number != floor(number))
    return FALSE;
  *value = (gint64)CLAMP(number, (double)min, (double)max);
  return TRUE;
}

/* An optional member: NULL when absent or null. */
static JsonNode *optional_member(JsonObject *object, const char *name) {
  JsonNode *node = json_object_get_member(object, name);
  return node != NULL && !JSON_NODE_HOLDS_NULL(node) ? node : NULL;
}

/* The text of a number as a CSV cell would hold it: whole numbers without a
 * decimal point (12, not 12.0, which the whole-number columns refuse). */
static char *number_text(JsonNode *node) {
  if (node_is(node, G_TYPE_INT64))
    return g_strdup_printf("%" G_GINT64_FORMAT, json_node_get_int(node));
  double number = json_node_get_double(node);
  /* Below 2^53 every whole double prints exactly with %.0f. */
  if (isfinite(number) && number == floor(number) && fabs(number) < 9.0e15)
    return g_strdup_printf("%.0f", number);
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  return g_strdup(g_ascii_dtostr(text, sizeof text, number));
}

/* Joins a list the way a CSV cell writes it. An item holding ';' would
 * silently become two items, so it is refused. */
static char *list_text(JsonArray *array, const char **problem) {
  GString *text = g_string_new(NULL);
  for (guint k = 0; k < json_array_get_length(array); k++) {
    JsonNode *item = json_array_get_element(array, k);
    g_autofree char *piece = NULL;
    if (node_is(item, G_TYPE_STRING))
      piece = g_strdup(json_node_get_string(item));
    else if (node_is_number(item))
      piece = number_text(item);
    else
      *problem = "a list may hold only text and numbers";
    if (piece != NULL && strchr(piece, ';') != NULL)
      *problem = "a list item cannot contain ';'";
    if (*problem != NULL)
      return g_string_free(text, TRUE);
    if (k > 0)
      g_string_append_c(text, ';');
    g_string_append(text, piece);
  }
  return g_string_free(text, FALSE);
}

/* The text a CSV cell would hold for @node; NULL for null (empty). On a
 * value no cell can hold, sets @problem and returns NULL. */
static char *cell_text(JsonNode *node, const char **problem) {
  *problem = NULL;
  if (JSON_NODE_HOLDS_NULL(node))
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY(node))
    return list_text(json_node_get_array(node), problem);
  if (node_is(node, G_TYPE_STRING))
    return g_strdup(json_node_get_string(node));
  if (node_is(node, G_TYPE_BOOLEAN))
    return g_strdup(json_node_get_boolean(node) ? "yes" : "no");
  if (node_is_number(node))
    return number_text(node);
  *problem = "must be text, a number, true/false, a list of text or null";
  return NULL;
}

/* ---- The request's shape ---- */

static const char *const REQUEST_MEMBERS[] = {
    "command", "mentees", "mentors", "config", "mode", "pinned",
    "top",     "explain", "mentee",  "as_of",  NULL};

static gboolean is_request_member(const char *name) {
  for (guint k = 0; REQUEST_MEMBERS[k] != NULL; k++)
    if (strcmp(name, REQUEST_MEMBERS[k]) == 0)
      return TRUE;
  return FALSE;
}

/* A misspelt member ("mentess") would otherwise be silently ignored. */
static gboolean check_member_names(JsonObject *object, char **message) {
  g_autoptr(GList) names = json_object_get_members(object);
  for (GList *l = names; l != NULL; l = l->next) {
    if (!is_request_member(l->data)) {
      g_autofree char *quoted = mm_i_value_quote(l->data);
      g_autofree char *expected = g_strjoinv(", ", (GStrv)REQUEST_MEMBERS);
      *message = g_strdup_printf(
          "unknown member %s in the request (expected %s)", quoted, expected);
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean read_command(JsonObject *object, Command *command,
                             char **message) {
  static const char *const names[] = {"match", "recommend", "validate",
                                      "plan", "report"};
  JsonNode *node = json_object_get_member(object, "command");
  for (guint k = 0; node_is(node, G_TYPE_STRING) && k < G_N_ELEMENTS(names);
       k++) {
    if (strcmp(json_node_get_string(node), names[k]) == 0) {
      *command = (Command)k;
      return TRUE;
    }
  }
  *message = g_strdup(node == NULL
                          ? "the request has no \"command\""
                          : "\"command\" must be \"match\", \"recommend\", "
                            "\"validate\", \"plan\" or \"report\"");
  return FALSE;
}

static gboolean read_people(JsonObject *object, const char *name,
                            JsonArray **people, char **message) {
  JsonNode *node = json_object_get_member(object, name);
  if (node != NULL && JSON_NODE_HOLDS_ARRAY(node)) {
    *people = json_node_get_array(node);
    return TRUE;
  }
  *message = node == NULL
                 ? g_strdup_printf("the request has no \"%s\"", name)
                 : g_strdup_printf("\"%s\" must be an array of people", name);
  return FALSE;
}

static gboolean read_options(JsonObject *object, Request *request,
                             char **message) {
  JsonNode *node = optional_member(object, "config");
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT(node)) {
    *message = g_strdup("\"config\" must be an object with \"weights\", "
                        "\"rules\" and \"objective\"");
    return FALSE;
  }
  request->config = node != NULL ? json_node_get_object(node) : NULL;

  node = optional_member(object, "pinned");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY(node)) {
    *message = g_strdup("\"pinned\" must be an array of {\"mentee_id\", "
                        "\"mentor_id\"}");
    return FALSE;
  }
  request->pinned = node != NULL ? json_node_get_array(node) : NULL;

  node = optional_member(object, "mode");
  request->mode = MM_MODE_OPTIMAL;
  if (node != NULL && !(node_is(node, G_TYPE_STRING) &&
                        mm_mode_from_name(json_node_get_string(node),
                                          &request->mode))) {
    *message = g_strdup("\"mode\" must be \"optimal\", \"stable\" or "
                        "\"greedy\"");
    return FALSE;
  }

  node = optional_member(object, "top");
  gint64 top = MM_DEFAULT_TOP_K;
  if (node != NULL && (!node_whole_number(node, 0, JSON_TOP_MAX + 1, &top) ||
                       top < 1 || top > JSON_TOP_MAX)) {
    *message = g_strdup_printf("\"top\" must be a whole number from 1 to %d",
                               JSON_TOP_MAX);
    return FALSE;
  }
  request->top = (guint)top;

  node = optional_member(object, "explain");
  if (node != NULL && !node_is(node, G_TYPE_BOOLEAN)) {
    *message = g_strdup("\"explain\" must be true or false");
    return FALSE;
  }
  request->explain = node != NULL && json_node_get_boolean(node);

  node = optional_member(object, "mentee");
  if (node != NULL && !node_is(node, G_TYPE_STRING)) {
    *message = g_strdup("\"mentee\" must be the id of a mentee, as text");
    return FALSE;
  }
  request->mentee = node != NULL ? json_node_get_string(node) : NULL;

  node = optional_member(object, "as_of");
  g_autoptr(MmPool) probe = mm_pool_new();
  if (node != NULL &&
      !(node_is(node, G_TYPE_STRING) &&
        mm_pool_set_as_of(probe, json_node_get_string(node), NULL))) {
    *message = g_strdup("\"as_of\" must be a date written \"YYYY-MM-DD\"");
    return FALSE;
  }
  request->as_of = node != NULL ? json_node_get_string(node) : NULL;
  return TRUE;
}

static gboolean read_request(JsonNode *root, Request *request,
                             char **message) {
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
    *message = g_strdup("the request must be a JSON object");
    return FALSE;
  }
  JsonObject *object = json_node_get_object(root);
  return check_member_names(object, message) &&
         read_command(object, &request->command, message) &&
         read_people(object, "mentees", &request->mentees, message) &&
         read_people(object, "mentors", &request->mentors, message) &&
         read_options(object, request, message);
}

/* ---- People ---- */

static gboolean in_list(const GPtrArray *names, const char *name) {
  for (guint k = 0; k < names->len; k++)
    if (g_ascii_strcasecmp(g_ptr_array_index(names, k), name) == 0)
      return TRUE;
  return FALSE;
}

/* Adds one person. A value of the wrong JSON type is reported, then given
 * as empty so that the person's other columns are still checked; the
 * follow-on problems of an empty value in that column are dropped (the
 * type is the problem to fix). */
static void add_person(MmPool *pool, MmSide side, JsonObject *person,
                       const char *source, MmDiagnostics *diags) {
  g_autoptr(GList) names = json_object_get_members(person);
  guint n = g_list_length(names);
  MmField *fields = g_new0(MmField, MAX(n, 1));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GPtrArray) bad_columns = g_ptr_array_new();
  guint k = 0;
  for (GList *l = names; l != NULL; l = l->next, k++) {
    const char *problem;
    char *text = cell_text(json_object_get_member(person, l->data), &problem);
    if (problem != NULL) {
      g_autofree char *column = mm_i_text_cut(l->data, MM_QUOTE_MAX_BYTES);
      mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, 0, column, "%s",
                         problem);
      g_ptr_array_add(bad_columns, l->data);
    }
    g_ptr_array_add(texts, text);
    fields[k] = (MmField){l->data, text};
  }
  g_autoptr(MmDiagnostics) own = mm_diagnostics_new();
  mm_pool_add_person(pool, side, fields, n, source, 0, own);
  for (guint i = 0; i < mm_diagnostics_length(own); i++) {
    const MmDiagnostic *d = mm_diagnostics_get(own, i);
    if (d->column == NULL || !in_list(bad_columns, d->column))
      mm_diagnostics_add(diags, d->severity, d->source, d->line, d->column,
                         "%s", d->message);
  }
  g_free(fields);
}

static void add_people(MmPool *pool, MmSide side, JsonArray *people,
                       const char *name, MmDiagnostics *diags) {
  for (guint k = 0; k < json_array_get_length(people); k++) {
    g_autofree char *source = g_strdup_printf("%s[%u]", name, k);
    JsonNode *node = json_array_get_element(people, k);
    if (JSON_NODE_HOLDS_OBJECT(node))
      add_person(pool, side, json_node_get_object(node), source, diags);
    else
      mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, 0, NULL,
                         "a person must be an object of column names and "
                         "values");
  }
}

/* ---- Config ---- */

#define CONFIG_SOURCE "config"

static void config_problem(MmDiagnostics *diags, const char *group,
                           const char *key, const char *message) {
  g_autofree char *shown = mm_i_text_cut(key, MM_QUOTE_MAX_BYTES);
  g_autofree char *column = g_strdup_printf("%s.%s", group, shown);
  mm_diagnostics_add(diags, MM_SEVERITY_ERROR, CONFIG_SOURCE, 0, column, "%s",
                     message);
}

/* The text of a JSON value as an INI file would hold it, so that one table
 * of keys (config.c) judges both; NULL when the node is not of the kind the
 * key takes. Numbers keep every digit of their double (%.17g). */
static char *config_value_text(JsonNode *node, MmConfigValueKind kind) {
  char digits[G_ASCII_DTOSTR_BUF_SIZE];
  switch (kind) {
  case MM_CONFIG_VALUE_NUMBER:
    if (!node_is_number(node))
      return NULL;
    if (node_is(node, G_TYPE_INT64))
      return g_strdup_printf("%" G_GINT64_FORMAT, json_node_get_int(node));
    return g_strdup(
        g_ascii_formatd(digits, sizeof digits, "%.17g", node_number(node)));
  case MM_CONFIG_VALUE_BOOLEAN:
    return node_is(node, G_TYPE_BOOLEAN)
               ? g_strdup(json_node_get_boolean(node) ? "true" : "false")
               : NULL;
  case MM_CONFIG_VALUE_TEXT:
  default:
    return node_is(node, G_TYPE_STRING) ? g_strdup(json_node_get_string(node))
                                        : NULL;
  }
}

static const char *const VALUE_KIND_PROBLEMS[] = {
    [MM_CONFIG_VALUE_NUMBER] = "must be a number",
    [MM_CONFIG_VALUE_BOOLEAN] = "must be true or false",
    [MM_CONFIG_VALUE_TEXT] = "must be text",
};

static void read_config_key(JsonNode *node, const char *group,
                            const char *key, MmConfig *next,
                            MmDiagnostics *diags) {
  MmConfigValueKind kind;
  const char *problem = NULL;
  if (!mm_i_config_key_kind(group, key, &kind)) {
    /* Same words as an INI file's, hints included. */
    g_autofree char *why = mm_i_config_unknown_key_problem(group, key);
    config_problem(diags, group, key, why);
    return;
  }
  g_autofree char *text = config_value_text(node, kind);
  if (text == NULL) {
    config_problem(diags, group, key, VALUE_KIND_PROBLEMS[kind]);
  } else if (!mm_i_config_apply_text(next, group, key, text, &problem)) {
    /* as an INI file says it, with the value found */
    g_autofree char *quoted = mm_i_text_cut(text, MM_QUOTE_MAX_BYTES);
    g_autofree char *why = g_strdup_printf("%s (found \"%s\")", problem, quoted);
    config_problem(diags, group, key, why);
  }
}

/* Applies the request's config to a copy, and to @config only when every
 * key is clean, as an INI file is. */
static void read_config(JsonObject *object, MmConfig *config,
                        MmDiagnostics *diags) {
  g_autoptr(MmConfig) next = mm_config_copy(config);
  guint errors_before = mm_diagnostics_n_errors(diags);
  g_autoptr(GList) names = json_object_get_members(object);
  for (GList *l = names; l != NULL; l = l->next) {
    const char *name = l->data;
    JsonNode *node = json_object_get_member(object, name);
    if (!mm_i_config_is_group(name)) {
      g_autofree char *shown = mm_i_text_cut(name, MM_QUOTE_MAX_BYTES);
      mm_diagnostics_add(diags, MM_SEVERITY_ERROR, CONFIG_SOURCE, 0, shown,
                         "unknown member: a config has weights, rules and "
                         "objective");
    } else if (JSON_NODE_HOLDS_NULL(node)) {
      continue; /* as if absent: the defaults stay */
    } else if (!JSON_NODE_HOLDS_OBJECT(node)) {
      mm_diagnostics_add(diags, MM_SEVERITY_ERROR, CONFIG_SOURCE, 0, name,
                         "must be an object of keys and values");
    } else {
      JsonObject *group = json_node_get_object(node);
      g_autoptr(GList) keys = json_object_get_members(group);
      for (GList *k = keys; k != NULL; k = k->next)
        read_config_key(json_object_get_member(group, k->data), name,
                        k->data, next, diags);
    }
  }
  if (mm_i_config_weights_all_zero(next))
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, CONFIG_SOURCE, 0, "weights",
                       "every weight is 0: at least one must be above 0");
  if (mm_diagnostics_n_errors(diags) == errors_before)
    *config = *next;
}

/* ---- Pins and the mentee asked about ---- */

/* The text of one id of a pin, NULL when absent or null (mm_pins_add()
 * reports a missing id). FALSE, reported, when it is not text or a number. */
static gboolean pin_id(JsonObject *pin, const char *name, char **text,
                       const char *source, MmDiagnostics *diags) {
  JsonNode *node = json_object_get_member(pin, name);
  const char *problem = NULL;
  *text = NULL;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY(node))
    problem = "must be an id, not a list";
  else if (node != NULL)
    *text = cell_text(node, &problem);
  if (problem == NULL)
    return TRUE;
  mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, 0, name, "%s",
                     problem);
  return FALSE;
}

static MmPins *read_pins(JsonArray *pinned, const MmPool *pool,
                         MmDiagnostics *diags) {
  MmPins *pins = mm_pins_new(pool);
  for (guint k = 0; k < json_array_get_length(pinned); k++) {
    g_autofree char *source = g_strdup_printf("pinned[%u]", k);
    JsonNode *node = json_array_get_element(pinned, k);
    if (!JSON_NODE_HOLDS_OBJECT(node)) {
      mm_diagnostics_add(diags, MM_SEVERITY_ERROR, source, 0, NULL,
                         "a pin must be an object {\"mentee_id\", "
                         "\"mentor_id\"}");
      continue;
    }
    JsonObject *pin = json_node_get_object(node);
    g_autofree char *mentee = NULL;
    g_autofree char *mentor = NULL;
    gboolean ok = pin_id(pin, "mentee_id", &mentee, source, diags);
    ok &= pin_id(pin, "mentor_id", &mentor, source, diags);
    if (ok)
      mm_pins_add(pins, mentee, mentor, source, 0, diags);
  }
  return pins;
}

static gint find_mentee(const MmPool *pool, const char *id,
                        MmDiagnostics *diags) {
  gint mentee = mm_pool_find_mentee(pool, id);
  if (mentee < 0) {
    g_autofree char *quoted = mm_i_value_quote(id);
    mm_diagnostics_add(diags, MM_SEVERITY_ERROR, "request", 0, "mentee",
                       "no mentee with id %s", quoted);
  }
  return mentee;
}

/* Loads everything the request carries, collecting every problem. Pins and
 * the mentee asked about are checked only against error-free pools: a pin
 * to a person refused for a bad value would only repeat that problem. */
static void inputs_load(Inputs *inputs, const Request *request) {
  inputs->diags = mm_diagnostics_new();
  inputs->pool = mm_pool_new();
  inputs->config = mm_config_new();
  inputs->mentee = -1;
  add_people(inputs->pool, MM_SIDE_MENTEE, request->mentees, "mentees",
             inputs->diags);
  add_people(inputs->pool, MM_SIDE_MENTOR, request->mentors, "mentors",
             inputs->diags);
  mm_pool_set_as_of(inputs->pool, request->as_of, NULL); /* checked above */
  mm_pool_prepare(inputs->pool, inputs->diags, NULL);
  gboolean pools_ok = mm_diagnostics_n_errors(inputs->diags) == 0;
  guint errors_before = mm_diagnostics_n_errors(inputs->diags);
  if (request->config != NULL)
    read_config(request->config, inputs->config, inputs->diags);
  inputs->config_ok = mm_diagnostics_n_errors(inputs->diags) == errors_before;
  if (pools_ok && request->pinned != NULL)
    inputs->pins = read_pins(request->pinned, inputs->pool, inputs->diags);
  if (pools_ok && request->mentee != NULL &&
      request->command != COMMAND_MATCH)
    inputs->mentee = find_mentee(inputs->pool, request->mentee, inputs->diags);
}

/* ---- Commands ---- */

static char *run_match(const Request *request, const Inputs *inputs) {
  g_autoptr(MmMatchOptions) options = mm_match_options_new();
  mm_match_options_set_mode(options, request->mode);
  mm_match_options_set_pins(options, inputs->pins);
  /* Pins that break a hard rule give warnings; the answer carries them
   * with every other warning (the contract (docs/): every answer does). */
  g_autoptr(MmMatching) matching =
      mm_match(inputs->pool, inputs->config, options, inputs->diags);
  return mm_matching_to_json(inputs->pool, inputs->config, matching,
                             request->mode,
                             request->explain ? MM_OUTPUT_EXPLAIN
                                              : MM_OUTPUT_DEFAULT,
                             inputs->diags);
}

static char *run_recommend(const Request *request, const Inputs *inputs) {
  g_autoptr(MmRecommendOptions) options = mm_recommend_options_new();
  mm_recommend_options_set_mentee(options, inputs->mentee);
  mm_recommend_options_set_top(options, request->top);
  mm_recommend_options_set_pins(options, inputs->pins);
  g_autoptr(MmShortlist) shortlist =
      mm_recommend_with(inputs->pool, inputs->config, options);
  return mm_shortlist_to_json(inputs->pool, inputs->config, shortlist,
                              inputs->diags);
}

/* What the hard rules make of the data (mentors who can never be matched,
 * named mentors not eligible, pins breaking a rule), as the CLI's validate
 * gives it: only on a prepared pool and a config read without error. */
static char *run_validate(const Inputs *inputs) {
  if (mm_pool_is_prepared(inputs->pool) && inputs->config_ok)
    mm_validate(inputs->pool, inputs->config, inputs->pins, inputs->diags);
  return validate_answer(inputs->diags);
}

/* plan: "top" is how many mentors to propose (the CLI's --recruit). */
static char *run_plan(const Request *request, const Inputs *inputs) {
  g_autoptr(MmPlanOptions) options = mm_plan_options_new();
  mm_plan_options_set_pins(options, inputs->pins);
  if (!mm_plan_options_set_recruit(options, request->top)) {
    g_autofree char *message = g_strdup_printf(
        "plan: \"top\" (mentors to propose) must be 1 to %d", MM_PLAN_MAX_RECRUIT);
    return error_answer(message, NULL);
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(MmPlan) plan = mm_plan(inputs->pool, inputs->config, options,
                                   &error);
  if (plan == NULL)
    return error_answer(error->message, NULL);
  return mm_plan_to_json(inputs->pool, inputs->config, plan, inputs->diags);
}

/* report: the same object as mentormatch report --format json (with the
 * request's mode and pins, the default small-number threshold), and the
 * warnings every answer carries. */
static char *run_report(const Request *request, const Inputs *inputs) {
  JsonNode *report = mm_i_report_build_with_pins(
      inputs->pool, inputs->config, inputs->pins, request->mode,
      MM_REPORT_DEFAULT_MIN_CELL, 0, inputs->diags);
  JsonObject *object = json_node_get_object(report);
  g_autoptr(JsonBuilder) builder = json_builder_new();
  json_builder_begin_object(builder);
  g_autoptr(GList) members = json_object_get_members(object);
  for (GList *m = members; m != NULL; m = m->next) {
    json_builder_set_member_name(builder, m->data);
    json_builder_add_value(builder,
                           json_node_copy(json_object_get_member(object, m->data)));
  }
  mm_i_json_build_problems(builder, "warnings", inputs->diags,
                         MM_SEVERITY_WARNING);
  json_builder_end_object(builder);
  json_node_unref(report);
  return mm_i_json_answer_text(builder);
}

static char *run_request(JsonNode *root) {
  Request request = {0};
  g_autofree char *message = NULL;
  if (!read_request(root, &request, &message))
    return error_answer(message, NULL);
  Inputs inputs = {0};
  inputs_load(&inputs, &request);
  char *answer;
  if (request.command == COMMAND_VALIDATE)
    answer = run_validate(&inputs);
  else if (mm_diagnostics_n_errors(inputs.diags) > 0)
    answer = invalid_data_answer(inputs.diags);
  else if (request.command == COMMAND_MATCH)
    answer = run_match(&request, &inputs);
  else if (request.command == COMMAND_PLAN)
    answer = run_plan(&request, &inputs);
  else if (request.command == COMMAND_REPORT)
    answer = run_report(&request, &inputs);
  else
    answer = run_recommend(&request, &inputs);
  inputs_clear(&inputs);
  return answer;
}

/* json-glib's parser recurses once per nesting level, so a request of a
 * million '[' would overflow the stack: the depth is checked first, on the
 * raw text. A valid request nests 4 levels (request, people, person, list). */
#define JSON_MAX_DEPTH 32

static gboolean nests_too_deep(const char *text) {
  guint depth = 0;
  gboolean in_string = FALSE;
  for (const char *p = text; *p != '\0'; p++) {
    if (in_string) {
      if (*p == '\\' && p[1] != '\0')
        p++; /* the escaped character cannot end the string */
      else if (*p == '"')
        in_string = FALSE;
    } else if (*p == '"') {
      in_string = TRUE;
    } else if (*p == '[' || *p == '{') {
      if (++depth > JSON_MAX_DEPTH)
        return TRUE;
    } else if ((*p == ']' || *p == '}') && depth > 0) {
      depth--;
    }
  }
  return FALSE;
}

/* json-glib turns an escaped lone surrogate ("\ud800") into bytes that are
 * not UTF-8; such text must not reach the pool or the answer. Recursion is
 * bounded by JSON_MAX_DEPTH. */
static gboolean node_is_utf8(JsonNode *node) {
  if (JSON_NODE_HOLDS_ARRAY(node)) {
    JsonArray *array = json_node_get_array(node);
    for (guint k = 0; k < json_array_get_length(array); k++)
      if (!node_is_utf8(json_array_get_element(array, k)))
        return FALSE;
  } else if (JSON_NODE_HOLDS_OBJECT(node)) {
    JsonObject *object = json_node_get_object(node);
    g_autoptr(GList) names = json_object_get_members(object);
    for (GList *l = names; l != NULL; l = l->next)
      if (!g_utf8_validate(l->data, -1, NULL) ||
          !node_is_utf8(json_object_get_member(object, l->data)))
        return FALSE;
  } else if (node_is(node, G_TYPE_STRING)) {
    return g_utf8_validate(json_node_get_string(node), -1, NULL);
  }
  return TRUE;
}

/* json-glib's own message may quote the bad text, which can be personal
 * data and, for an escaped lone surrogate, not even UTF-8; its error codes
 * do not tell the kinds of fault apart either. So the answer says only
 * where the request broke. */
static char *parse_error_message(const GError *error) {
  guint line, column;
  if (sscanf(error->message, "<data>:%u:%u", &line, &column) == 2)
    return g_strdup_printf("the request is not valid JSON: syntax error at "
                           "line %u, character %u",
                           line, column);
  return g_strdup("the request is not valid JSON");
}

char *mm_json(const char *request) {
  if (request == NULL)
    return error_answer("the request is NULL: expected a JSON object", NULL);
  if (!g_utf8_validate(request, -1, NULL))
    return error_answer("the request is not valid UTF-8 text", NULL);
  if (nests_too_deep(request))
    return error_answer("the request nests arrays and objects too deeply",
                        NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable();
  g_autoptr(GError) error = NULL;
  if (!json_parser_load_from_data(parser, request, -1, &error)) {
    g_autofree char *message = parse_error_message(error);
    return error_answer(message, NULL);
  }
  JsonNode *root = json_parser_get_root(parser);
  if (root == NULL)
    return error_answer("the request is empty: expected a JSON object", NULL);
  if (!node_is_utf8(root))
    return error_answer("the request holds text that is not valid UTF-8 "
                        "(an escaped lone surrogate?)",
                        NULL);
  return run_request(root);
}

void mm_json_free(char *answer) { g_free(answer); }
