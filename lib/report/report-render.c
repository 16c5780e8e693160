/* report-render.c: the report tree laid out as titled tables with chart
 * values, for the text and HTML renderings (see report-render.h). */
#include "report-render.h"

#include <math.h>
#include <string.h>

#define NO_FIGURE_TEXT "-"

typedef enum {
  FIGURE_COUNT,
  FIGURE_PERCENT,
  FIGURE_SCORE,
  FIGURE_WEEKS,  /* whole weeks, or a half for the median of an even count */
  FIGURE_TEXT,   /* a string member, shown as it is */
  FIGURE_BANDED, /* a count, or "fewer than N" from MEMBER_fewer_than */
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

/* After the mode columns: matches at each priority level, 3 down to 0
 * (elements of "matched_by_priority"). */
static const char *const priority_headers[] = {"prio 3", "prio 2", "prio 1",
                                               "prio 0"};

static const Column preference_columns[] = {
    {"stated", "young people who stated it", FIGURE_COUNT},
    {"met", "met", FIGURE_COUNT},
    {"met_percent", "met rate", FIGURE_PERCENT},
};

static const Column reason_columns[] = {
    {"young_people", "young people", FIGURE_COUNT},
};

static const Column gap_columns[] = {
    {"young_people", "still waiting", FIGURE_COUNT},
    {"eligible_capacity", "eligible places", FIGURE_COUNT},
    {"free_capacity", "free places", FIGURE_COUNT},
    {"shortfall", "shortfall", FIGURE_COUNT},
    {"driver_label", "what drives it", FIGURE_TEXT},
};

static const Column waiting_columns[] = {
    {"young_people", "still waiting", FIGURE_COUNT},
    {"weeks_known", "referral date known", FIGURE_COUNT},
    {"median_weeks", "median weeks", FIGURE_WEEKS},
    {"longest_weeks", "longest weeks", FIGURE_WEEKS},
};

static const Column flag_columns[] = {
    {"young_people", "matched or pinned rows", FIGURE_BANDED},
    {"pinned", "of them pinned", FIGURE_BANDED},
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
  case FIGURE_BANDED:
    return g_strdup_printf("%.0f", value);
  case FIGURE_WEEKS:
    return g_strdup(g_ascii_formatd(
        number, sizeof number, value == floor(value) ? "%.0f" : "%.1f", value));
  case FIGURE_PERCENT:
    return g_strconcat(g_ascii_formatd(number, sizeof number, "%.2f", value),
                       "%", NULL);
  case FIGURE_SCORE:
  case FIGURE_TEXT: /* not a number: cell_text() shows the string */
  default:
    return g_strdup(g_ascii_formatd(number, sizeof number, "%.2f", value));
  }
}

/* ---- building sections ---- */

static void row_free(gpointer data) {
  MmReportRow *row = data;
  g_free(row->label);
  g_strfreev(row->cells);
  for (guint k = 0; k < MM_REPORT_MAX_SERIES; k++)
    g_free(row->bar_note[k]);
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
  s->text_columns = 1u; /* the names */
  for (guint k = 0; k < n_columns; k++) {
    s->headers[k + 1] = g_strdup(columns[k].header);
    if (columns[k].kind == FIGURE_TEXT)
      s->text_columns |= 1u << (k + 1);
  }
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

/* "fewer than N" when @o says a count @member is small but present, else
 * NULL. */
static char *fewer_than_text(JsonObject *o, const char *member) {
  char *name = g_strconcat(member, "_fewer_than", NULL);
  double bound = 0;
  gboolean banded = number_member(o, name, &bound);
  g_free(name);
  return banded ? g_strdup_printf(MM_REPORT_FEWER_THAN_TEXT " %.0f", bound)
                : NULL;
}

/* The text of @o's figure under @column, in a row that is @suppressed; the
 * first figure of a suppressed row says so, the others are empty. */
static char *cell_text(JsonObject *o, const Column *column, gboolean suppressed,
                       gboolean first) {
  double value;
  if (column->kind == FIGURE_TEXT) {
    const char *text = string_member(o, column->member);
    if (text != NULL)
      return g_strdup(text);
  } else if (number_member(o, column->member, &value)) {
    return format_figure(value, column->kind);
  }
  if (column->kind == FIGURE_BANDED) {
    char *fewer = fewer_than_text(o, column->member);
    if (fewer != NULL)
      return fewer;
  }
  if (suppressed)
    return g_strdup(first ? MM_REPORT_SUPPRESSED_TEXT : "");
  return g_strdup(NO_FIGURE_TEXT);
}

/* Adds a row of @o's figures under @columns (the first @n of the section's
 * columns; cells beyond are filled by the caller); @bar_members (n_series of
 * them) name the figures the chart draws. A suppressed row says so in its
 * first figure and leaves the others empty. */
static MmReportRow *add_row_n(MmReportSection *s, char *label, JsonObject *o,
                              const Column *columns, guint n,
                              const char *const *bar_members) {
  MmReportRow *row = g_new0(MmReportRow, 1);
  guint width = s->n_columns - 1;
  row->label = label;
  row->suppressed = is_suppressed(o);
  row->cells = g_new0(char *, width + 1);
  for (guint k = 0; k < n; k++)
    row->cells[k] = cell_text(o, &columns[k], row->suppressed, k == 0);
  /* A suppressed row may still show figures about mentors; a small
   * safeguarding count has no bar but says what it is. */
  for (guint k = 0; k < s->n_series; k++) {
    row->has_bar[k] = number_member(o, bar_members[k], &row->bar[k]);
    if (!row->has_bar[k])
      row->bar_note[k] = fewer_than_text(o, bar_members[k]);
  }
  g_ptr_array_add(s->rows, row);
  return row;
}

static void add_row(MmReportSection *s, char *label, JsonObject *o,
                    const Column *columns, const char *const *bar_members) {
  add_row_n(s, label, o, columns, s->n_columns - 1, bar_members);
}

/* A row standing for a table whose groups are not listed. */
static void add_withheld_row(MmReportSection *s, char *label) {
  MmReportRow *row = g_new0(MmReportRow, 1);
  guint width = s->n_columns - 1;
  row->label = label;
  row->suppressed = TRUE;
  row->cells = g_new0(char *, width + 1);
  for (guint k = 0; k < width; k++)
    row->cells[k] = g_strdup(k == 0 ? MM_REPORT_SUPPRESSED_TEXT : "");
  g_ptr_array_add(s->rows, row);
}

static gboolean is_withheld(JsonObject *o) {
  return json_object_has_member(o, "withheld") &&
         json_object_get_boolean_member(o, "withheld");
}

#define WITHHELD_NOTE                                                          \
  "Withheld: too few young people to show any group without identifying "      \
  "someone."

static JsonArray *array_member(JsonObject *o, const char *name) {
  return json_object_get_array_member(o, name);
}

static MmReportSection *modes_section(JsonObject *root) {
  const char *prefer = string_member(root, "prefer");
  gboolean by_count = g_strcmp0(prefer, "count") == 0;
  char *note = g_strconcat(
      by_count ? "optimal (prefer count) matches the most young people, then "
                 "the most at priority 3, 2 and 1, then the largest total "
                 "value"
               : "optimal (prefer quality) gives the largest total value: "
                 "score, named choice, waiting and priority bonuses",
      "; stable leaves no pair that would both rather be together; greedy "
      "takes the highest values first. prio 3 to prio 0: young people "
      "matched at each priority level (3 = most in need), so a mode that "
      "scores lower can be seen matching more of those most in need.",
      NULL);
  guint n_columns = G_N_ELEMENTS(mode_columns) + G_N_ELEMENTS(priority_headers);
  Column *columns = g_new0(Column, n_columns);
  memcpy(columns, mode_columns, sizeof mode_columns);
  for (guint k = 0; k < G_N_ELEMENTS(priority_headers); k++)
    columns[G_N_ELEMENTS(mode_columns) + k] =
        (Column){"matched", priority_headers[k], FIGURE_COUNT};
  MmReportSection *s =
      section_new("mode", columns, n_columns,
                  g_strdup("The three assignment modes side by side"), note);
  g_free(note);
  section_set_chart(s, TRUE, "match rate", "stated preferences met");
  static const char *const bars[] = {"match_percent",
                                     "preferences_met_percent"};
  JsonArray *modes = array_member(root, "modes");
  for (guint k = 0; k < json_array_get_length(modes); k++) {
    JsonObject *o = json_array_get_object_element(modes, k);
    MmReportRow *row =
        add_row_n(s, g_strdup(string_member(o, "mode")), o, mode_columns,
                  G_N_ELEMENTS(mode_columns), bars);
    JsonArray *levels = json_object_get_array_member(o, "matched_by_priority");
    for (guint p = 0; p < G_N_ELEMENTS(priority_headers); p++) {
      guint c = G_N_ELEMENTS(mode_columns) + p;
      JsonObject *level = levels != NULL && p < json_array_get_length(levels)
                              ? json_array_get_object_element(levels, p)
                              : NULL;
      row->cells[c] = level != NULL ? cell_text(level, &columns[c],
                                                is_suppressed(level), TRUE)
                                    : g_strdup(NO_FIGURE_TEXT);
    }
  }
  g_free(columns);
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
      is_withheld(breakdown) ? WITHHELD_NOTE
      : strcmp(string_member(breakdown, "by"), "needs") == 0
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
      is_withheld(unmatched)
          ? "Reasons withheld: too few young people to show any reason "
            "without identifying someone."
          : "Why, by kind: no eligible mentor (named by the rule that "
            "excluded the most mentors), eligible mentors all taken, or "
            "scores below the minimum.");
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
      "Young people still waiting after the assignment who ask for a kind "
      "of mentor, against the places of mentors of that kind who have "
      "cleared checks and training, and those of them still free (pins "
      "included); and what keeps them apart. Places can count under "
      "several demands.");
  section_set_chart(s, FALSE, "still waiting", "free places");
  static const char *const bars[] = {"young_people", "free_capacity"};
  JsonArray *gaps = array_member(root, "pool_gap");
  for (guint k = 0; k < json_array_get_length(gaps); k++) {
    JsonObject *o = json_array_get_object_element(gaps, k);
    add_row(s, g_strdup(string_member(o, "label")), o, gap_columns, bars);
  }
  return s;
}

static const Column recruitment_columns[] = {
    {"young_people_gained", "more young people matched", FIGURE_BANDED},
    {"value_gained", "value gained", FIGURE_SCORE},
};

/* The plan's first proposals, beside the pool gap (mentormatch plan gives
 * the whole profile to paste into the mentor file). */
static MmReportSection *recruitment_section(JsonObject *root) {
  MmReportSection *s = section_new(
      "mentor to recruit", recruitment_columns,
      G_N_ELEMENTS(recruitment_columns),
      g_strdup("Who to recruit next (mentormatch plan)"),
      "Each proposed mentor on top of the ones before, and exactly how many "
      "more young people the pool would match and the value gained, proved "
      "by solving the pool with the mentor added. `mentormatch plan` gives "
      "each profile in full, ready to paste into the mentor file.");
  section_set_chart(s, FALSE, "more young people matched", "value gained");
  static const char *const bars[] = {"young_people_gained", "value_gained"};
  JsonArray *proposals = array_member(root, "recruitment");
  for (guint k = 0; k < json_array_get_length(proposals); k++) {
    JsonObject *o = json_array_get_object_element(proposals, k);
    add_row(s, g_strdup_printf("%u. %s", k + 1, string_member(o, "label")), o,
            recruitment_columns, bars);
  }
  return s;
}

static MmReportSection *waiting_section(JsonObject *root) {
  JsonObject *waiting = json_object_get_object_member(root, "waiting");
  char *title = g_strdup_printf(
      "Waiting time of young people still unmatched (weeks to %s)",
      string_member(root, "as_of"));
  MmReportSection *s = section_new(
      "group", waiting_columns, G_N_ELEMENTS(waiting_columns), title,
      "Whole weeks since waiting_since (the referral), for those still "
      "unmatched whose date is recorded; by the same groups as the match "
      "rates, withheld with them.");
  section_set_chart(s, FALSE, "median weeks", "longest weeks");
  static const char *const bars[] = {"median_weeks", "longest_weeks"};
  add_row(s, g_strdup("all still waiting"), waiting, waiting_columns, bars);
  JsonArray *breakdowns = array_member(waiting, "breakdowns");
  for (guint d = 0; d < json_array_get_length(breakdowns); d++) {
    JsonObject *breakdown = json_array_get_object_element(breakdowns, d);
    const char *by = string_member(breakdown, "title");
    if (is_withheld(breakdown)) {
      add_withheld_row(s, g_strdup_printf("%s: groups withheld", by));
      continue;
    }
    JsonArray *groups = array_member(breakdown, "groups");
    for (guint k = 0; k < json_array_get_length(groups); k++) {
      JsonObject *o = json_array_get_object_element(groups, k);
      add_row(s, g_strdup_printf("%s: %s", by, string_member(o, "group")), o,
              waiting_columns, bars);
    }
  }
  return s;
}

static MmReportSection *safeguarding_section(JsonObject *root) {
  JsonObject *safeguarding =
      json_object_get_object_member(root, "safeguarding");
  char *note = g_strdup_printf(
      "What a coordinator or safeguarding lead must review on matched and "
      "pinned rows (the match output's flags column). A flag is never "
      "hidden: a count of fewer than %" G_GINT64_FORMAT
      " shows as \"fewer than %" G_GINT64_FORMAT
      "\"; see the match output's flags column for the rows.",
      json_object_get_int_member(root, "min_cell"),
      json_object_get_int_member(root, "min_cell"));
  MmReportSection *s =
      section_new("flag", flag_columns, G_N_ELEMENTS(flag_columns),
                  g_strdup("Safeguarding: flags to review"), note);
  g_free(note);
  section_set_chart(s, FALSE, "rows", NULL);
  static const char *const bars[] = {"young_people"};
  JsonArray *flags = array_member(safeguarding, "flags");
  for (guint k = 0; k < json_array_get_length(flags); k++) {
    JsonObject *o = json_array_get_object_element(flags, k);
    add_row(s,
            g_strdup_printf("%s (%s)", string_member(o, "label"),
                            string_member(o, "flag")),
            o, flag_columns, bars);
  }
  return s;
}

static MmReportSection *composition_section(JsonObject *composition) {
  const char *title = string_member(composition, "title");
  MmReportSection *s = section_new(
      title, composition_columns, G_N_ELEMENTS(composition_columns),
      g_strdup_printf("Mentor pool beside the young people: %s", title),
      is_withheld(composition)
          ? "The young people's side is withheld: too few young people to "
            "show any group without identifying someone."
      : json_object_get_boolean_member(composition, "describes_young_people")
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

GPtrArray *mm_i_report_sections(JsonNode *report) {
  g_return_val_if_fail(report != NULL && JSON_NODE_HOLDS_OBJECT(report), NULL);
  JsonObject *root = root_object(report);
  GPtrArray *sections = g_ptr_array_new_with_free_func(section_free);
  g_ptr_array_add(sections, safeguarding_section(root));
  g_ptr_array_add(sections, modes_section(root));
  g_ptr_array_add(sections, preferences_section(root));
  JsonArray *breakdowns = array_member(root, "breakdowns");
  for (guint k = 0; k < json_array_get_length(breakdowns); k++)
    g_ptr_array_add(sections, breakdown_section(json_array_get_object_element(
                                  breakdowns, k)));
  g_ptr_array_add(sections, unmatched_section(root));
  g_ptr_array_add(sections, waiting_section(root));
  g_ptr_array_add(sections, gap_section(root));
  g_ptr_array_add(sections, recruitment_section(root));
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

/* "Pinned pairs that break a hard rule: 2 (see the match output's flags
 * column)." or "fewer than 5 (...)". */
static char *pins_breaking_line(JsonObject *root) {
  JsonObject *safeguarding =
      json_object_get_object_member(root, "safeguarding");
  double count = 0;
  char *figure = number_member(safeguarding, "pins_breaking_rules", &count)
                     ? format_figure(count, FIGURE_COUNT)
                     : fewer_than_text(safeguarding, "pins_breaking_rules");
  char *line = g_strdup_printf(
      "Pinned pairs that break a hard rule: %s%s", figure,
      count > 0 || !number_member(safeguarding, "pins_breaking_rules", &count)
          ? " (see the match output's flags column)."
          : ".");
  g_free(figure);
  return line;
}

char *mm_i_report_summary_lines(JsonNode *report) {
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
                            "withheld), and so are other groups wherever a "
                            "total or another table would give one away. "
                            "Safeguarding flags are never hidden.",
                            min_cell)
          : g_strdup("No group is suppressed (threshold 1).");
  gint64 pins = json_object_get_int_member(root, "pins");
  char *pins_line = pins > 0 ? pins_breaking_line(root) : NULL;
  char *text = g_strdup_printf(
      "%" G_GINT64_FORMAT " young people, %" G_GINT64_FORMAT
      " mentors with %" G_GINT64_FORMAT " places.\n"
      "As of %s; objective: prefer %s; existing matches kept (pinned): "
      "%" G_GINT64_FORMAT ".\n"
      "Mode %s: matched %s; mean score %s; stated preferences met %s.\n"
      "%s%s%s",
      json_object_get_int_member(root, "young_people"),
      json_object_get_int_member(root, "mentors"),
      json_object_get_int_member(root, "mentor_capacity"),
      string_member(root, "as_of"), string_member(root, "prefer"), pins,
      string_member(root, "mode"), matched, mean_text, met,
      pins_line != NULL ? pins_line : "", pins_line != NULL ? "\n" : "",
      suppression);
  g_free(pins_line);
  g_free(suppression);
  g_free(mean_text);
  g_free(met);
  g_free(matched);
  return text;
}
