/* report-render.c: the report tree laid out as titled tables with chart
 * values, for the text and HTML renderings (see report-render.h). */
#include "report-render.h"

#include <string.h>

#define NO_FIGURE_TEXT "-"

typedef enum {
  FIGURE_COUNT,
  FIGURE_PERCENT,
  FIGURE_SCORE,
} FigureKind;

/* A column of figures: the member it shows and how. */
typedef struct {
  const char *member;
  const char *header;
  FigureKind kind;
} Column;

static const Column cell_columns[] = {
    {"young_people", "young people", FIGURE_COUNT},
    {"matched", "matched", FIGURE_COUNT},
    {"match_percent", "match rate", FIGURE_PERCENT},
    {"mean_score", "mean score", FIGURE_SCORE},
    {"preferences_stated", "preferences stated", FIGURE_COUNT},
    {"preferences_met", "met", FIGURE_COUNT},
    {"preferences_met_percent", "met rate", FIGURE_PERCENT},
};

static const Column mode_columns[] = {
    {"matched", "matched", FIGURE_COUNT},
    {"match_percent", "match rate", FIGURE_PERCENT},
    {"mean_score", "mean score", FIGURE_SCORE},
    {"preferences_stated", "preferences stated", FIGURE_COUNT},
    {"preferences_met", "met", FIGURE_COUNT},
    {"preferences_met_percent", "met rate", FIGURE_PERCENT},
};

static const Column preference_columns[] = {
    {"stated", "young people who stated it", FIGURE_COUNT},
    {"met", "met", FIGURE_COUNT},
    {"met_percent", "met rate", FIGURE_PERCENT},
};

static const Column reason_columns[] = {
    {"young_people", "young people", FIGURE_COUNT},
};

static const Column gap_columns[] = {
    {"young_people", "young people asking", FIGURE_COUNT},
    {"eligible_capacity", "eligible mentor places", FIGURE_COUNT},
    {"shortfall", "shortfall", FIGURE_COUNT},
};

static const Column composition_columns[] = {
    {"young_people", "young people", FIGURE_COUNT},
    {"young_people_percent", "share", FIGURE_PERCENT},
    {"mentors", "mentors", FIGURE_COUNT},
    {"mentors_percent", "share", FIGURE_PERCENT},
};

/* ---- reading the tree ---- */

static JsonObject *root_object(JsonNode *report) {
  return json_node_get_object(report);
}

static const char *string_member(JsonObject *o, const char *name) {
  JsonNode *node = json_object_get_member(o, name);
  return node != NULL && JSON_NODE_HOLDS_VALUE(node)
             ? json_node_get_string(node)
             : NULL;
}

static gboolean number_member(JsonObject *o, const char *name, double *value) {
  JsonNode *node = json_object_get_member(o, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE(node))
    return FALSE;
  *value = json_node_get_value_type(node) == G_TYPE_INT64
               ? (double)json_node_get_int(node)
               : json_node_get_double(node);
  return TRUE;
}

static gboolean is_suppressed(JsonObject *o) {
  return json_object_has_member(o, "suppressed") &&
         json_object_get_boolean_member(o, "suppressed");
}

static char *format_figure(double value, FigureKind kind) {
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  switch (kind) {
  case FIGURE_COUNT:
    return g_strdup_printf("%.0f", value);
  case FIGURE_PERCENT:
    return g_strconcat(g_ascii_formatd(number, sizeof number, "%.2f", value),
                       "%", NULL);
  case FIGURE_SCORE:
  default:
    return g_strdup(g_ascii_formatd(number, sizeof number, "%.2f", value));
  }
}

/* ---- building sections ---- */

static void row_free(gpointer data) {
  MmReportRow *row = data;
  g_free(row->label);
  g_strfreev(row->cells);
  g_free(row);
}

static void section_free(gpointer data) {
  MmReportSection *s = data;
  g_free(s->title);
  g_free(s->note);
  g_strfreev(s->headers);
  g_ptr_array_unref(s->rows);
  g_free(s);
}

static MmReportSection *section_new(const char *label_header,
                                    const Column *columns, guint n_columns,
                                    char *title, const char *note) {
  MmReportSection *s = g_new0(MmReportSection, 1);
  s->title = title;
  s->note = g_strdup(note);
  s->n_columns = n_columns + 1;
  s->headers = g_new0(char *, n_columns + 2);
  s->headers[0] = g_strdup(label_header);
  for (guint k = 0; k < n_columns; k++)
    s->headers[k + 1] = g_strdup(columns[k].header);
  s->rows = g_ptr_array_new_with_free_func(row_free);
  return s;
}

static void section_set_chart(MmReportSection *s, gboolean percent,
                              const char *series0, const char *series1) {
  s->percent = percent;
  s->series[0] = series0;
  s->series[1] = series1;
  s->n_series = series1 != NULL ? 2 : 1;
}

/* Adds a row of @o's figures under @columns; @bar_members (n_series of
 * them) name the figures the chart draws. A suppressed row says so in its
 * first figure and leaves the others empty. */
static void add_row(MmReportSection *s, char *label, JsonObject *o,
                    const Column *columns, const char *const *bar_members) {
  MmReportRow *row = g_new0(MmReportRow, 1);
  guint n = s->n_columns - 1;
  row->label = label;
  row->suppressed = is_suppressed(o);
  row->cells = g_new0(char *, n + 1);
  for (guint k = 0; k < n; k++) {
    double value;
    if (number_member(o, columns[k].member, &value))
      row->cells[k] = format_figure(value, columns[k].kind);
    else if (row->suppressed)
      row->cells[k] = g_strdup(k == 0 ? MM_REPORT_SUPPRESSED_TEXT : "");
    else
      row->cells[k] = g_strdup(NO_FIGURE_TEXT);
  }
  /* A suppressed row may still show figures about mentors. */
  for (guint k = 0; k < s->n_series; k++)
    row->has_bar[k] = number_member(o, bar_members[k], &row->bar[k]);
  g_ptr_array_add(s->rows, row);
}

static JsonArray *array_member(JsonObject *o, const char *name) {
  return json_object_get_array_member(o, name);
}

static MmReportSection *modes_section(JsonObject *root) {
  MmReportSection *s = section_new(
      "mode", mode_columns, G_N_ELEMENTS(mode_columns),
      g_strdup("The three assignment modes side by side"),
      "optimal matches the most young people (highest priority first), then "
      "the best total score; stable leaves no pair that would both rather be "
      "together; greedy takes the highest scores first.");
  section_set_chart(s, TRUE, "match rate", "stated preferences met");
  static const char *const bars[] = {"match_percent",
                                     "preferences_met_percent"};
  JsonArray *modes = array_member(root, "modes");
  for (guint k = 0; k < json_array_get_length(modes); k++) {
    JsonObject *o = json_array_get_object_element(modes, k);
    add_row(s, g_strdup(string_member(o, "mode")), o, mode_columns, bars);
  }
  return s;
}

static MmReportSection *preferences_section(JsonObject *root) {
  MmReportSection *s = section_new(
      "preference", preference_columns, G_N_ELEMENTS(preference_columns),
      g_strdup("Stated preferences met, by type"),
      "Among matched young people: how many stated each kind of preference, "
      "and how many got a mentor who fully meets it.");
  section_set_chart(s, TRUE, "met rate", NULL);
  static const char *const bars[] = {"met_percent"};
  JsonArray *types = array_member(root, "preferences");
  for (guint k = 0; k < json_array_get_length(types); k++) {
    JsonObject *o = json_array_get_object_element(types, k);
    add_row(s, g_strdup(string_member(o, "label")), o, preference_columns,
            bars);
  }
  return s;
}

static MmReportSection *breakdown_section(JsonObject *breakdown) {
  const char *title = string_member(breakdown, "title");
  char *lower_title = g_utf8_strdown(title, -1);
  MmReportSection *s = section_new(
      title, cell_columns, G_N_ELEMENTS(cell_columns),
      g_strdup_printf("Match rate by %s", lower_title),
      strcmp(string_member(breakdown, "by"), "needs") == 0
          ? "A young person with several needs counts in each of them."
          : NULL);
  g_free(lower_title);
  section_set_chart(s, TRUE, "match rate", "stated preferences met");
  static const char *const bars[] = {"match_percent",
                                     "preferences_met_percent"};
  JsonArray *groups = array_member(breakdown, "groups");
  for (guint k = 0; k < json_array_get_length(groups); k++) {
    JsonObject *o = json_array_get_object_element(groups, k);
    add_row(s, g_strdup(string_member(o, "group")), o, cell_columns, bars);
  }
  return s;
}

static MmReportSection *unmatched_section(JsonObject *root) {
  JsonObject *unmatched = json_object_get_object_member(root, "unmatched");
  MmReportSection *s = section_new(
      "reason", reason_columns, G_N_ELEMENTS(reason_columns),
      g_strdup_printf("Unmatched young people: %" G_GINT64_FORMAT,
                      json_object_get_int_member(unmatched, "young_people")),
      "Why, by kind: no eligible mentor (named by the rule that excluded the "
      "most mentors), eligible mentors all taken, or scores below the "
      "minimum.");
  section_set_chart(s, FALSE, "young people", NULL);
  static const char *const bars[] = {"young_people"};
  JsonArray *reasons = array_member(unmatched, "reasons");
  for (guint k = 0; k < json_array_get_length(reasons); k++) {
    JsonObject *o = json_array_get_object_element(reasons, k);
    add_row(s, g_strdup(string_member(o, "label")), o, reason_columns, bars);
  }
  return s;
}

static MmReportSection *gap_section(JsonObject *root) {
  MmReportSection *s = section_new(
      "stated demand", gap_columns, G_N_ELEMENTS(gap_columns),
      g_strdup("Pool gap: where to recruit"),
      "Young people asking for a kind of mentor, against the places offered "
      "by mentors of that kind who have cleared checks and training. Places "
      "can count under several demands.");
  section_set_chart(s, FALSE, "young people asking", "eligible mentor places");
  static const char *const bars[] = {"young_people", "eligible_capacity"};
  JsonArray *gaps = array_member(root, "pool_gap");
  for (guint k = 0; k < json_array_get_length(gaps); k++) {
    JsonObject *o = json_array_get_object_element(gaps, k);
    add_row(s, g_strdup(string_member(o, "label")), o, gap_columns, bars);
  }
  return s;
}

static MmReportSection *composition_section(JsonObject *composition) {
  const char *title = string_member(composition, "title");
  MmReportSection *s = section_new(
      title, composition_columns, G_N_ELEMENTS(composition_columns),
      g_strdup_printf("Mentor pool beside the young people: %s", title),
      json_object_get_boolean_member(composition, "describes_young_people")
          ? NULL
          : "A property of mentors only.");
  /* Mentor type has no young people's side to draw. */
  static const char *const both[] = {"young_people_percent", "mentors_percent"};
  static const char *const mentors_only[] = {"mentors_percent"};
  gboolean has_young =
      json_object_get_boolean_member(composition, "describes_young_people");
  const char *const *bars = has_young ? both : mentors_only;
  if (has_young)
    section_set_chart(s, TRUE, "young people", "mentors");
  else
    section_set_chart(s, TRUE, "mentors", NULL);
  JsonArray *groups = array_member(composition, "groups");
  for (guint k = 0; k < json_array_get_length(groups); k++) {
    JsonObject *o = json_array_get_object_element(groups, k);
    add_row(s, g_strdup(string_member(o, "group")), o, composition_columns,
            bars);
  }
  return s;
}

GPtrArray *mm_report_sections(JsonNode *report) {
  g_return_val_if_fail(report != NULL && JSON_NODE_HOLDS_OBJECT(report), NULL);
  JsonObject *root = root_object(report);
  GPtrArray *sections = g_ptr_array_new_with_free_func(section_free);
  g_ptr_array_add(sections, modes_section(root));
  g_ptr_array_add(sections, preferences_section(root));
  JsonArray *breakdowns = array_member(root, "breakdowns");
  for (guint k = 0; k < json_array_get_length(breakdowns); k++)
    g_ptr_array_add(sections, breakdown_section(json_array_get_object_element(
                                  breakdowns, k)));
  g_ptr_array_add(sections, unmatched_section(root));
  g_ptr_array_add(sections, gap_section(root));
  JsonArray *composition = array_member(root, "composition");
  for (guint k = 0; k < json_array_get_length(composition); k++)
    g_ptr_array_add(sections, composition_section(json_array_get_object_element(
                                  composition, k)));
  return sections;
}

/* "36 of 42 (85.71%)", or "none stated". */
static char *part_of_whole(JsonObject *o, const char *part, const char *whole,
                           const char *percent) {
  double p = 0, w = 0, pc = 0;
  number_member(o, part, &p);
  number_member(o, whole, &w);
  if (!number_member(o, percent, &pc))
    return g_strdup_printf("%.0f of %.0f", p, w);
  char *figure = format_figure(pc, FIGURE_PERCENT);
  char *text = g_strdup_printf("%.0f of %.0f (%s)", p, w, figure);
  g_free(figure);
  return text;
}

char *mm_report_summary_lines(JsonNode *report) {
  g_return_val_if_fail(report != NULL && JSON_NODE_HOLDS_OBJECT(report), NULL);
  JsonObject *root = root_object(report);
  JsonObject *overall = json_object_get_object_member(root, "overall");
  char *matched =
      part_of_whole(overall, "matched", "young_people", "match_percent");
  char *met = part_of_whole(overall, "preferences_met", "preferences_stated",
                            "preferences_met_percent");
  double mean = 0;
  char *mean_text = number_member(overall, "mean_score", &mean)
                        ? format_figure(mean, FIGURE_SCORE)
                        : g_strdup(NO_FIGURE_TEXT);
  gint64 min_cell = json_object_get_int_member(root, "min_cell");
  char *suppression =
      min_cell > 1
          ? g_strdup_printf("Groups of fewer than %" G_GINT64_FORMAT
                            " young people are suppressed (their figures "
                            "withheld), and so is the next smallest group "
                            "where a total would give one away.",
                            min_cell)
          : g_strdup("No group is suppressed (threshold 1).");
  char *text = g_strdup_printf(
      "%" G_GINT64_FORMAT " young people, %" G_GINT64_FORMAT
      " mentors with %" G_GINT64_FORMAT " places.\n"
      "Mode %s: matched %s; mean score %s; stated preferences met %s.\n%s",
      json_object_get_int_member(root, "young_people"),
      json_object_get_int_member(root, "mentors"),
      json_object_get_int_member(root, "mentor_capacity"),
      string_member(root, "mode"), matched, mean_text, met, suppression);
  g_free(suppression);
  g_free(mean_text);
  g_free(met);
  g_free(matched);
  return text;
}
