/* config-private.h: the weights and rules behind MmConfig (internal).
 *
 * Plain values, copied freely: a config is read-only while scoring, so
 * several threads may share one. */
#pragma once

#include "pool-private.h"

struct MmConfig {
  double weight[MM_N_CRITERIA];
  double min_training_hours;
  gboolean require_checks;
  int min_age_gap;
  double max_distance_km;
  double min_score;
  MmPrefer prefer;
  double bonus[MM_N_BONUSES];
};

/**
 * mm_i_config_apply_text:
 * @next: the config to change.
 * @group, @key: a key of the config ("rules", "min_score"), as in an INI
 *   file; the one table of keys in config.c serves INI files, code and JSON.
 * @text: its value as text, blanks trimmed.
 * @problem: (out): what is wrong (static text), when FALSE is returned.
 *
 * Returns: TRUE when @next took the value; FALSE with @problem set when the
 * key is unknown or the value is not valid for it.
 */
gboolean mm_i_config_apply_text(MmConfig *next, const char *group,
                              const char *key, const char *text,
                              const char **problem);

/* What a JSON config must give for @key of @group: a number, a boolean or
 * text. FALSE when the key is unknown. */
typedef enum {
  MM_CONFIG_VALUE_NUMBER,
  MM_CONFIG_VALUE_BOOLEAN,
  MM_CONFIG_VALUE_TEXT,
} MmConfigValueKind;
gboolean mm_i_config_key_kind(const char *group, const char *key,
                            MmConfigValueKind *kind);

/* Returns: (transfer full): what is wrong with a key no group has: the keys
 * its group has, or for version 1's [weights] choice, what replaced it. */
char *mm_i_config_unknown_key_problem(const char *group, const char *key);

/* Whether every weight is 0 (an error: no score could be computed). */
gboolean mm_i_config_weights_all_zero(const MmConfig *config);

/* Whether @name is a group of the config ("weights", "rules", "objective"). */
gboolean mm_i_config_is_group(const char *name);
