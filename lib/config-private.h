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
};
