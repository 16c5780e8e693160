/* units.h: the numbers every stage shares (internal): scores and values as
 * whole hundredths of a point, and the priority levels.
 *
 * One rounding rule serves the solvers, which compare values exactly, and
 * every printed figure (mm_figure_round()): half away from zero to 2
 * decimals. It sits below every stage that needs it. */
#pragma once

#include <glib.h>
#include <math.h>

/* priority: 0-3, 3 = most in need (the contract (docs/), KP4) */
#define MM_MAX_PRIORITY 3

/* Scores are held as hundredths of a point: 87.25 -> 8725. */
#define MM_SCORE_SCALE 100
#define MM_SCORE_UNITS_MAX (100 * MM_SCORE_SCALE)

/* Converts a score in points to score units, rounding half away from zero
 * as lround() does, without its library call (every eligible pair of every
 * pass goes through here): the truncation and the fraction are exact for
 * any score, and out-of-range values take lround() itself. */
static inline gint32 mm_i_score_to_units(double score) {
  double units = score * MM_SCORE_SCALE;
  if (!(fabs(units) < 1e9))
    return (gint32)lround(units);
  gint64 whole = (gint64)units; /* toward zero */
  double fraction = units - (double)whole;
  return (gint32)(whole + (fraction >= 0.5) - (fraction <= -0.5));
}
