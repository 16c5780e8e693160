/* figures.c: the one rounding rule for printed figures (mm-common.h). */
#include "pool-private.h"
#include "units.h"

double mm_figure_round(double value) {
  if (!isfinite(value))
    return value;
  /* in hundredths as scores are (units.h), then back: 61.1 -> 6110 ->
   * 61.1, the double nearest, which %.2f prints as 61.10 */
  return (double)mm_i_score_to_units(value) / MM_SCORE_SCALE + 0.0;
}
