/* config.c: scoring weights, matching rules and the objective: the built-in
 * defaults, setters that validate, the one table of keys, and loading from
 * an INI file.
 *
 * One validation rule per setting serves the setters, the INI loader and
 * the JSON entry point (which applies its values through the same table,
 * mm_i_config_apply_text()), so a value accepted in code is exactly a value
 * accepted in a file or a request. Loading is all-or-nothing: the file is
 * applied to a copy, which replaces the config only when the whole file is
 * clean. */
#include "config-private.h"
#include "input-file.h"

#include "ini-index.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#define GROUP_WEIGHTS "weights"
#define GROUP_RULES "rules"
#define GROUP_OBJECTIVE "objective"
#define GROUPS_TEXT \
  "[" GROUP_WEIGHTS "], [" GROUP_RULES "] and [" GROUP_OBJECTIVE "]"

/* Version 1's [weights] key for named choices, now [objective] choice_bonus. */
#define RETIRED_CHOICE_WEIGHT "choice"

/* The largest min_age_gap: mentees are 5-30 and mentors 14-100, so a larger
 * gap is certainly a typing mistake rather than a policy. */
#define MIN_AGE_GAP_LIMIT 50
#define MIN_SCORE_LIMIT 100.0

static const char *const CRITERION_NAMES[] = {
    [MM_CRITERION_INTERESTS] = "interests",
    [MM_CRITERION_CARE_EXPERIENCE] = "care_experience",
    [MM_CRITERION_GENDER] = "gender",
    [MM_CRITERION_ETHNICITY] = "ethnicity",
    [MM_CRITERION_RELIGION] = "religion",
    [MM_CRITERION_AGE] = "age",
    [MM_CRITERION_LANGUAGE] = "language",
    [MM_CRITERION_MENTOR_TYPE] = "mentor_type",
    [MM_CRITERION_NEEDS] = "needs",
    [MM_CRITERION_ASPIRATIONS] = "aspirations",
    [MM_CRITERION_AVAILABILITY] = "availability",
    [MM_CRITERION_DISTANCE] = "distance",
};
G_STATIC_ASSERT(G_N_ELEMENTS(CRITERION_NAMES) == MM_N_CRITERIA);

static const double DEFAULT_WEIGHTS[] = {
    [MM_CRITERION_INTERESTS] = MM_DEFAULT_WEIGHT_INTERESTS,
    [MM_CRITERION_CARE_EXPERIENCE] = MM_DEFAULT_WEIGHT_CARE_EXPERIENCE,
    [MM_CRITERION_GENDER] = MM_DEFAULT_WEIGHT_GENDER,
    [MM_CRITERION_ETHNICITY] = MM_DEFAULT_WEIGHT_ETHNICITY,
    [MM_CRITERION_RELIGION] = MM_DEFAULT_WEIGHT_RELIGION,
    [MM_CRITERION_AGE] = MM_DEFAULT_WEIGHT_AGE,
    [MM_CRITERION_LANGUAGE] = MM_DEFAULT_WEIGHT_LANGUAGE,
    [MM_CRITERION_MENTOR_TYPE] = MM_DEFAULT_WEIGHT_MENTOR_TYPE,
    [MM_CRITERION_NEEDS] = MM_DEFAULT_WEIGHT_NEEDS,
    [MM_CRITERION_ASPIRATIONS] = MM_DEFAULT_WEIGHT_ASPIRATIONS,
    [MM_CRITERION_AVAILABILITY] = MM_DEFAULT_WEIGHT_AVAILABILITY,
    [MM_CRITERION_DISTANCE] = MM_DEFAULT_WEIGHT_DISTANCE,
};
G_STATIC_ASSERT(G_N_ELEMENTS(DEFAULT_WEIGHTS) == MM_N_CRITERIA);

static const char *const BONUS_NAMES[] = {
    [MM_BONUS_CHOICE] = "choice_bonus",
    [MM_BONUS_PRIORITY] = "priority_bonus",
    [MM_BONUS_MATCH] = "match_bonus",
    [MM_BONUS_WAITING] = "waiting_bonus",
};
G_STATIC_ASSERT(G_N_ELEMENTS(BONUS_NAMES) == MM_N_BONUSES);

static const double DEFAULT_BONUSES[] = {
    [MM_BONUS_CHOICE] = MM_DEFAULT_CHOICE_BONUS,
    [MM_BONUS_PRIORITY] = MM_DEFAULT_PRIORITY_BONUS,
    [MM_BONUS_MATCH] = MM_DEFAULT_MATCH_BONUS,
    [MM_BONUS_WAITING] = MM_DEFAULT_WAITING_BONUS,
};
G_STATIC_ASSERT(G_N_ELEMENTS(DEFAULT_BONUSES) == MM_N_BONUSES);

static const char *const PREFER_NAMES[] = {
    [MM_PREFER_QUALITY] = "quality",
    [MM_PREFER_COUNT] = "count",
};

const char *mm_bonus_name(MmBonus bonus) {
  return (guint)bonus < MM_N_BONUSES ? BONUS_NAMES[bonus] : NULL;
}

const char *mm_prefer_name(MmPrefer prefer) {
  return (guint)prefer < G_N_ELEMENTS(PREFER_NAMES) ? PREFER_NAMES[prefer]
                                                     : NULL;
}

gboolean mm_prefer_from_name(const char *name, MmPrefer *prefer) {
  for (guint k = 0; name != NULL && k < G_N_ELEMENTS(PREFER_NAMES); k++) {
    if (strcmp(name, PREFER_NAMES[k]) == 0) {
      if (prefer != NULL)
        *prefer = (MmPrefer)k;
      return TRUE;
    }
  }
  return FALSE;
}

/* ---- Criterion names ---- */

const char *mm_criterion_name(MmCriterion criterion) {
  if ((guint)criterion >= MM_N_CRITERIA)
    return NULL;
  return CRITERION_NAMES[criterion];
}

gboolean mm_criterion_from_name(const char *name, MmCriterion *criterion) {
  g_return_val_if_fail(name != NULL, FALSE);
  for (guint i = 0; i < MM_N_CRITERIA; i++) {
    if (strcmp(name, CRITERION_NAMES[i]) == 0) {
      if (criterion != NULL)
        *criterion = (MmCriterion)i;
      return TRUE;
    }
  }
  return FALSE;
}

/* ---- Life cycle ---- */

MmConfig *mm_config_new(void) {
  MmConfig *config = g_new0(MmConfig, 1);
  memcpy(config->weight, DEFAULT_WEIGHTS, sizeof config->weight);
  config->min_training_hours = MM_DEFAULT_MIN_TRAINING_HOURS;
  config->require_checks = MM_DEFAULT_REQUIRE_CHECKS;
  config->min_age_gap = MM_DEFAULT_MIN_AGE_GAP;
  config->max_distance_km = MM_DEFAULT_MAX_DISTANCE_KM;
  config->min_score = MM_DEFAULT_MIN_SCORE;
  config->prefer = MM_PREFER_QUALITY;
  memcpy(config->bonus, DEFAULT_BONUSES, sizeof config->bonus);
  return config;
}

MmConfig *mm_config_copy(const MmConfig *config) {
  g_return_val_if_fail(config != NULL, NULL);
  return g_memdup2(config, sizeof *config);
}

void mm_config_free(MmConfig *config) { g_free(config); }

/* ---- Validation: what is wrong with a value, or NULL when it is fine ----
 * The texts complete "<setting> ...", e.g. "min_score must be between 0 and
 * 100". */

static const char *weight_problem(double weight) {
  if (isnan(weight))
    return "must be a number, not NaN";
  if (isinf(weight))
    return "must be finite";
  if (weight < 0)
    return "must not be negative";
  return NULL;
}

static gboolean weights_all_zero(const double *weight) {
  for (guint i = 0; i < MM_N_CRITERIA; i++)
    if (weight[i] != 0)
      return FALSE;
  return TRUE;
}

gboolean mm_i_config_weights_all_zero(const MmConfig *config) {
  return weights_all_zero(config->weight);
}

static const char *min_training_hours_problem(double hours) {
  if (!isfinite(hours))
    return "must be a finite number";
  if (hours < 0)
    return "must not be negative";
  return NULL;
}

static const char *min_age_gap_problem(gint64 years) {
  if (years < 0 || years > MIN_AGE_GAP_LIMIT)
    return "must be a whole number of years from 0 to " G_STRINGIFY(
        MIN_AGE_GAP_LIMIT);
  return NULL;
}

static const char *max_distance_km_problem(double km) {
  if (!isfinite(km))
    return "must be a finite number";
  if (km <= 0)
    return "must be above 0";
  return NULL;
}

static const char *min_score_problem(double score) {
  if (!(score >= 0 && score <= MIN_SCORE_LIMIT)) /* NaN fails too */
    return "must be from 0 to 100";
  return NULL;
}

static const char *bonus_problem(double points) {
  if (!(points >= 0 && points <= MM_BONUS_MAX)) /* NaN fails too */
    return "must be a number from 0 to " G_STRINGIFY(MM_BONUS_MAX);
  return NULL;
}

/* Sets @error from @problem (a *_problem() result); TRUE when there is none. */
static gboolean accept_value(const char *setting, double value,
                             const char *problem, GError **error) {
  if (problem == NULL)
    return TRUE;
  /* 15 significant digits show -0.1 as typed, not -0.10000000000000001. */
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  g_set_error(error, MM_ERROR, MM_ERROR_INVALID_INPUT, "%s %s (got %s)",
              setting, problem,
              g_ascii_formatd(text, sizeof text, "%.15g", value));
  return FALSE;
}

/* ---- Setters and getters ---- */

gboolean mm_config_set_weight(MmConfig *config, MmCriterion criterion,
                              double weight, GError **error) {
  g_return_val_if_fail(config != NULL, FALSE);
  g_return_val_if_fail((guint)criterion < MM_N_CRITERIA, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
  if (!accept_value(CRITERION_NAMES[criterion], weight, weight_problem(weight),
                    error))
    return FALSE;
  double next[MM_N_CRITERIA];
  memcpy(next, config->weight, sizeof next);
  next[criterion] = weight;
  if (weights_all_zero(next)) {
    g_set_error(error, MM_ERROR, MM_ERROR_INVALID_INPUT,
                "%s cannot be 0: every weight would be 0",
                CRITERION_NAMES[criterion]);
    return FALSE;
  }
  config->weight[criterion] = weight;
  return TRUE;
}

double mm_config_get_weight(const MmConfig *config, MmCriterion criterion) {
  g_return_val_if_fail(config != NULL, 0.0);
  g_return_val_if_fail((guint)criterion < MM_N_CRITERIA, 0.0);
  return config->weight[criterion];
}

gboolean mm_config_set_min_training_hours(MmConfig *config, double hours,
                                          GError **error) {
  g_return_val_if_fail(config != NULL, FALSE);
  if (!accept_value("min_training_hours", hours,
                    min_training_hours_problem(hours), error))
    return FALSE;
  config->min_training_hours = hours;
  return TRUE;
}

double mm_config_get_min_training_hours(const MmConfig *config) {
  g_return_val_if_fail(config != NULL, 0.0);
  return config->min_training_hours;
}

void mm_config_set_require_checks(MmConfig *config, gboolean require) {
  g_return_if_fail(config != NULL);
  config->require_checks = require != FALSE;
}

gboolean mm_config_get_require_checks(const MmConfig *config) {
  g_return_val_if_fail(config != NULL, TRUE);
  return config->require_checks;
}

gboolean mm_config_set_min_age_gap(MmConfig *config, int years,
                                   GError **error) {
  g_return_val_if_fail(config != NULL, FALSE);
  if (!accept_value("min_age_gap", years, min_age_gap_problem(years), error))
    return FALSE;
  config->min_age_gap = years;
  return TRUE;
}

int mm_config_get_min_age_gap(const MmConfig *config) {
  g_return_val_if_fail(config != NULL, 0);
  return config->min_age_gap;
}

gboolean mm_config_set_max_distance_km(MmConfig *config, double km,
                                       GError **error) {
  g_return_val_if_fail(config != NULL, FALSE);
  if (!accept_value("max_distance_km", km, max_distance_km_problem(km), error))
    return FALSE;
  config->max_distance_km = km;
  return TRUE;
}

double mm_config_get_max_distance_km(const MmConfig *config) {
  g_return_val_if_fail(config != NULL, 0.0);
  return config->max_distance_km;
}

gboolean mm_config_set_min_score(MmConfig *config, double score,
                                 GError **error) {
  g_return_val_if_fail(config != NULL, FALSE);
  if (!accept_value("min_score", score, min_score_problem(score), error))
    return FALSE;
  config->min_score = score;
  return TRUE;
}

double mm_config_get_min_score(const MmConfig *config) {
  g_return_val_if_fail(config != NULL, 0.0);
  return config->min_score;
}

void mm_config_set_prefer(MmConfig *config, MmPrefer prefer) {
  g_return_if_fail(config != NULL);
  g_return_if_fail(mm_prefer_name(prefer) != NULL);
  config->prefer = prefer;
}

MmPrefer mm_config_get_prefer(const MmConfig *config) {
  g_return_val_if_fail(config != NULL, MM_PREFER_QUALITY);
  return config->prefer;
}

gboolean mm_config_set_bonus(MmConfig *config, MmBonus bonus, double points,
                             GError **error) {
  g_return_val_if_fail(config != NULL, FALSE);
  g_return_val_if_fail((guint)bonus < MM_N_BONUSES, FALSE);
  if (!accept_value(BONUS_NAMES[bonus], points, bonus_problem(points), error))
    return FALSE;
  config->bonus[bonus] = points;
  return TRUE;
}

double mm_config_get_bonus(const MmConfig *config, MmBonus bonus) {
  g_return_val_if_fail(config != NULL, 0.0);
  g_return_val_if_fail((guint)bonus < MM_N_BONUSES, 0.0);
  return config->bonus[bonus];
}

/* ---- Reading values as written in a file ---- */

#define NOT_A_NUMBER "must be a number"
#define NOT_A_WHOLE_NUMBER "must be a whole number"
#define NOT_A_BOOLEAN "must be true or false (or yes/no, y/n, 1/0)"
#define NOT_A_PREFER "must be quality or count"

/* @text (blanks already trimmed) as a decimal number; NaN and infinity are
 * numbers here, so that they get their own message. */
static gboolean parse_number(const char *text, double *value) {
  char *end = NULL;
  *value = g_ascii_strtod(text, &end);
  return *text != '\0' && end != text && *end == '\0';
}

static gboolean parse_whole_number(const char *text, gint64 *value) {
  char *end = NULL;
  *value = g_ascii_strtoll(text, &end, 10);
  /* Out of gint64 range saturates, which the range checks then reject. */
  return *text != '\0' && end != text && *end == '\0';
}

/* Each key of [rules] and [objective]: applies @text to @next, or returns
 * what is wrong with it (static text). */
typedef const char *(*KeyLoader)(MmConfig *next, const char *text);

static const char *load_number(double *field, const char *text,
                               const char *(*problem_of)(double)) {
  double value;
  if (!parse_number(text, &value))
    return NOT_A_NUMBER;
  const char *problem = problem_of(value);
  if (problem == NULL)
    *field = value;
  return problem;
}

static const char *load_min_training_hours(MmConfig *next, const char *text) {
  return load_number(&next->min_training_hours, text,
                     min_training_hours_problem);
}

static const char *load_require_checks(MmConfig *next, const char *text) {
  gboolean require;
  if (!mm_i_text_to_boolean(text, &require))
    return NOT_A_BOOLEAN;
  next->require_checks = require;
  return NULL;
}

static const char *load_min_age_gap(MmConfig *next, const char *text) {
  gint64 years;
  if (!parse_whole_number(text, &years))
    return NOT_A_WHOLE_NUMBER;
  const char *problem = min_age_gap_problem(years);
  if (problem == NULL)
    next->min_age_gap = (int)years;
  return problem;
}

static const char *load_max_distance_km(MmConfig *next, const char *text) {
  return load_number(&next->max_distance_km, text, max_distance_km_problem);
}

static const char *load_min_score(MmConfig *next, const char *text) {
  return load_number(&next->min_score, text, min_score_problem);
}

static const char *load_prefer(MmConfig *next, const char *text) {
  return mm_prefer_from_name(text, &next->prefer) ? NULL : NOT_A_PREFER;
}

#define BONUS_LOADER(name, which)                                              \
  static const char *name(MmConfig *next, const char *text) {                  \
    return load_number(&next->bonus[which], text, bonus_problem);              \
  }
BONUS_LOADER(load_choice_bonus, MM_BONUS_CHOICE)
BONUS_LOADER(load_priority_bonus, MM_BONUS_PRIORITY)
BONUS_LOADER(load_match_bonus, MM_BONUS_MATCH)
BONUS_LOADER(load_waiting_bonus, MM_BONUS_WAITING)

/* The one table of the config's keys beside the weights (whose keys are the
 * criteria): INI files, code and JSON requests all go through it. */
static const struct {
  const char *group;
  const char *key;
  MmConfigValueKind kind;
  KeyLoader load;
} KEYS[] = {
    {GROUP_RULES, "min_training_hours", MM_CONFIG_VALUE_NUMBER,
     load_min_training_hours},
    {GROUP_RULES, "require_checks", MM_CONFIG_VALUE_BOOLEAN,
     load_require_checks},
    {GROUP_RULES, "min_age_gap", MM_CONFIG_VALUE_NUMBER, load_min_age_gap},
    {GROUP_RULES, "max_distance_km", MM_CONFIG_VALUE_NUMBER,
     load_max_distance_km},
    {GROUP_RULES, "min_score", MM_CONFIG_VALUE_NUMBER, load_min_score},
    {GROUP_OBJECTIVE, "prefer", MM_CONFIG_VALUE_TEXT, load_prefer},
    {GROUP_OBJECTIVE, "choice_bonus", MM_CONFIG_VALUE_NUMBER,
     load_choice_bonus},
    {GROUP_OBJECTIVE, "priority_bonus", MM_CONFIG_VALUE_NUMBER,
     load_priority_bonus},
    {GROUP_OBJECTIVE, "match_bonus", MM_CONFIG_VALUE_NUMBER, load_match_bonus},
    {GROUP_OBJECTIVE, "waiting_bonus", MM_CONFIG_VALUE_NUMBER,
     load_waiting_bonus},
};

static const char *load_weight(MmConfig *next, MmCriterion criterion,
                               const char *text) {
  double weight;
  if (!parse_number(text, &weight))
    return NOT_A_NUMBER;
  const char *problem = weight_problem(weight);
  if (problem == NULL)
    next->weight[criterion] = weight;
  return problem;
}

/* ---- Loading a file ---- */

/* One problem, kept until the whole file is read so that all of them can be
 * reported in line order. */
typedef struct {
  guint line;
  guint order; /* found order, to keep sorting stable */
  MmSeverity severity;
  char *column;
  char *message;
} Problem;

typedef struct {
  MmConfig next;
  const MmIniIndex *index;
  GKeyFile *key_file;
  GArray *problems; /* Problem */
} Loader;

static void problem_clear(gpointer data) {
  Problem *p = data;
  g_free(p->column);
  g_free(p->message);
}

static G_GNUC_PRINTF(5, 6) void report(Loader *l, MmSeverity severity,
                                       guint line, const char *column,
                                       const char *format, ...) {
  va_list args;
  va_start(args, format);
  Problem p = {.line = line,
               .order = l->problems->len,
               .severity = severity,
               .column = g_strdup(column),
               .message = g_strdup_vprintf(format, args)};
  va_end(args);
  g_array_append_val(l->problems, p);
}

/* "a, b, c": the keys @group allows, for the unknown-key message. */
static char *allowed_keys(const char *group) {
  GString *out = g_string_new(NULL);
  if (strcmp(group, GROUP_WEIGHTS) == 0) {
    for (guint i = 0; i < MM_N_CRITERIA; i++)
      g_string_append_printf(out, "%s%s", i == 0 ? "" : ", ",
                             CRITERION_NAMES[i]);
  }
  for (guint i = 0; i < G_N_ELEMENTS(KEYS); i++)
    if (strcmp(KEYS[i].group, group) == 0)
      g_string_append_printf(out, "%s%s", out->len == 0 ? "" : ", ",
                             KEYS[i].key);
  return g_string_free(out, FALSE);
}

static void report_bad_lines(Loader *l) {
  for (guint i = 0; i < mm_i_ini_index_n_bad_lines(l->index); i++) {
    const MmIniBadLine *bad = mm_i_ini_index_bad_line(l->index, i);
    report(l, MM_SEVERITY_ERROR, bad->line, NULL, "syntax error: %s",
           bad->reason);
  }
}

gboolean mm_i_config_is_group(const char *name) {
  return strcmp(name, GROUP_WEIGHTS) == 0 || strcmp(name, GROUP_RULES) == 0 ||
         strcmp(name, GROUP_OBJECTIVE) == 0;
}

static void report_unknown_groups(Loader *l) {
  for (guint i = 0; i < mm_i_ini_index_n_groups(l->index); i++) {
    const MmIniGroup *group = mm_i_ini_index_group(l->index, i);
    if (mm_i_config_is_group(group->name))
      continue;
    char *name = mm_i_text_cut(group->name, MM_QUOTE_MAX_BYTES);
    report(l, MM_SEVERITY_ERROR, group->line, NULL,
           "unknown group [%s]; the groups are " GROUPS_TEXT,
           name);
    g_free(name);
  }
}

static gint key_index(const char *group, const char *key) {
  for (guint i = 0; i < G_N_ELEMENTS(KEYS); i++)
    if (strcmp(group, KEYS[i].group) == 0 && strcmp(key, KEYS[i].key) == 0)
      return (gint)i;
  return -1;
}

static gboolean is_weight(const char *group, const char *key,
                          MmCriterion *criterion) {
  return strcmp(group, GROUP_WEIGHTS) == 0 &&
         mm_criterion_from_name(key, criterion);
}

gboolean mm_i_config_key_kind(const char *group, const char *key,
                            MmConfigValueKind *kind) {
  gint k = key_index(group, key);
  if (k < 0 && !is_weight(group, key, NULL))
    return FALSE;
  *kind = k >= 0 ? KEYS[k].kind : MM_CONFIG_VALUE_NUMBER;
  return TRUE;
}

static gboolean is_known_key(const char *group, const char *key) {
  MmConfigValueKind kind;
  return mm_i_config_key_kind(group, key, &kind);
}

/* What is wrong with an unknown key (newly allocated): the keys its group
 * has, and for version 1's choice weight, what replaced it. */
char *mm_i_config_unknown_key_problem(const char *group, const char *key) {
  if (strcmp(group, GROUP_WEIGHTS) == 0 &&
      strcmp(key, RETIRED_CHOICE_WEIGHT) == 0)
    return g_strdup_printf(
        "the choice weight is gone: a young person's named mentors now "
        "weigh in the objective, not the score; set [" GROUP_OBJECTIVE
        "] choice_bonus instead (default %g points for the first named "
        "mentor)",
        MM_DEFAULT_CHOICE_BONUS);
  char *allowed = allowed_keys(group);
  char *problem = g_strdup_printf("unknown key; [%s] has %s", group, allowed);
  g_free(allowed);
  return problem;
}

gboolean mm_i_config_apply_text(MmConfig *next, const char *group,
                              const char *key, const char *text,
                              const char **problem) {
  MmCriterion criterion;
  gint k = key_index(group, key);
  if (is_weight(group, key, &criterion))
    *problem = load_weight(next, criterion, text);
  else if (k >= 0)
    *problem = KEYS[k].load(next, text);
  else
    *problem = "unknown key";
  return *problem == NULL;
}

static void report_unknown_key(Loader *l, const char *group, const char *key,
                               guint line, const char *column) {
  char *problem = mm_i_config_unknown_key_problem(group, key);
  report(l, MM_SEVERITY_ERROR, line, column, "%s", problem);
  g_free(problem);
}

/* Reads the value of a key the loader knows and applies it to l->next. */
static void load_known_key(Loader *l, const char *group, const MmIniKey *key,
                           const char *column) {
  char *text = g_key_file_get_value(l->key_file, group, key->name, NULL);
  if (text == NULL) { /* only if the index and GKeyFile disagree */
    report(l, MM_SEVERITY_ERROR, key->line, column, "could not be read");
    return;
  }
  const char *problem = NULL;
  if (!mm_i_config_apply_text(&l->next, group, key->name, g_strstrip(text),
                            &problem)) {
    char *quoted = mm_i_text_cut(text, MM_QUOTE_MAX_BYTES);
    report(l, MM_SEVERITY_ERROR, key->line, column, "%s (found \"%s\")",
           problem, quoted);
    g_free(quoted);
  }
  g_free(text);
}

static void load_keys(Loader *l) {
  for (guint i = 0; i < mm_i_ini_index_n_keys(l->index); i++) {
    const MmIniKey *key = mm_i_ini_index_key(l->index, i);
    const char *group = mm_i_ini_index_group(l->index, key->group)->name;
    if (!mm_i_config_is_group(group))
      continue; /* reported once, at the group */
    char *name = mm_i_text_cut(key->name, MM_QUOTE_MAX_BYTES);
    char *column = g_strdup_printf("%s.%s", group, name);
    g_free(name);
    if (key->first_line != key->line)
      report(l, MM_SEVERITY_WARNING, key->line, column,
             "set more than once (first on line %u); this last value is used",
             key->first_line);
    /* Known keys first: GKeyFile cannot give a locale key's value. */
    if (is_known_key(group, key->name))
      load_known_key(l, group, key, column);
    else
      report_unknown_key(l, group, key->name, key->line, column);
    g_free(column);
  }
}

static guint weights_group_line(const MmIniIndex *index) {
  for (guint i = 0; i < mm_i_ini_index_n_groups(index); i++)
    if (strcmp(mm_i_ini_index_group(index, i)->name, GROUP_WEIGHTS) == 0)
      return mm_i_ini_index_group(index, i)->line;
  return 0;
}

static void read_file_text(Loader *l, const char *data, gsize length) {
  MmIniIndex *index = mm_i_ini_index_new(data, length);
  l->index = index;
  report_bad_lines(l);
  gsize clean_length = 0;
  const char *clean = mm_i_ini_index_clean_text(index, &clean_length);
  GError *syntax = NULL;
  if (!g_key_file_load_from_data(l->key_file, clean, clean_length,
                                 G_KEY_FILE_NONE, &syntax)) {
    /* Only when GKeyFile is stricter than the index's copy of its rules. */
    char *why = mm_i_text_cut(syntax->message, 4 * MM_QUOTE_MAX_BYTES);
    report(l, MM_SEVERITY_ERROR, 0, NULL, "syntax error: %s", why);
    g_free(why);
    g_error_free(syntax);
  } else {
    report_unknown_groups(l);
    load_keys(l);
    if (weights_all_zero(l->next.weight))
      report(l, MM_SEVERITY_ERROR, weights_group_line(index), NULL,
             "every weight is 0: at least one must be above 0");
  }
  l->index = NULL;
  mm_i_ini_index_free(index);
}

static gint problem_compare(gconstpointer a, gconstpointer b) {
  const Problem *pa = a, *pb = b;
  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  return pa->order < pb->order ? -1 : pa->order > pb->order;
}

/* Adds the problems to @diags in line order; returns how many are errors. */
static guint pass_on_problems(GArray *problems, const char *source,
                              MmDiagnostics *diags) {
  g_array_sort(problems, problem_compare);
  guint n_errors = 0;
  for (guint i = 0; i < problems->len; i++) {
    const Problem *p = &g_array_index(problems, Problem, i);
    if (p->severity == MM_SEVERITY_ERROR)
      n_errors++;
    if (diags != NULL)
      mm_diagnostics_add(diags, p->severity, source, p->line, p->column, "%s",
                         p->message);
  }
  return n_errors;
}

gboolean mm_config_load_data(MmConfig *config, const char *data, gssize length,
                             const char *source, MmDiagnostics *diags,
                             GError **error) {
  g_return_val_if_fail(config != NULL, FALSE);
  g_return_val_if_fail(data != NULL || length == 0, FALSE);
  g_return_val_if_fail(source != NULL, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
  gsize size = length < 0 ? strlen(data) : (gsize)length;
  Loader l = {.next = *config,
              .key_file = g_key_file_new(),
              .problems = g_array_new(FALSE, FALSE, sizeof(Problem))};
  g_array_set_clear_func(l.problems, problem_clear);
  read_file_text(&l, data, size);
  guint n_errors = pass_on_problems(l.problems, source, diags);
  g_array_free(l.problems, TRUE);
  g_key_file_free(l.key_file);
  if (n_errors > 0) {
    g_set_error(error, MM_ERROR, MM_ERROR_INVALID_INPUT, "%s: %u %s", source,
                n_errors, n_errors == 1 ? "error" : "errors");
    return FALSE;
  }
  *config = l.next;
  return TRUE;
}

gboolean mm_config_load_file(MmConfig *config, const char *path,
                             MmDiagnostics *diags, GError **error) {
  g_return_val_if_fail(config != NULL, FALSE);
  g_return_val_if_fail(path != NULL, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
  gsize length = 0;
  char *contents = mm_i_input_file_read(path, &length, diags, error);
  if (contents == NULL)
    return FALSE;
  gboolean ok =
      mm_config_load_data(config, contents, (gssize)length, path, diags, error);
  g_free(contents);
  return ok;
}
