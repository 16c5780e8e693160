/* report-numbers.c: the report's figures as JSON members, and the
 * suppression that no total, difference or other table can undo (see
 * report-private.h). Shared by every section of the report. */
#include "report-private.h"
#include "units.h"

#include <math.h>
#include <string.h>

/* ---- numbers ---- */

gboolean mm_i_report_is_suppressed(guint young_people, guint min_cell) {
  return young_people > 0 && young_people < min_cell;
}


void mm_i_report_add_uint(JsonBuilder *b, const char *name, guint value) {
  json_builder_set_member_name(b, name);
  json_builder_add_int_value(b, value);
}

void mm_i_report_add_null(JsonBuilder *b, const char *name) {
  json_builder_set_member_name(b, name);
  json_builder_add_null_value(b);
}

void mm_i_report_add_string(JsonBuilder *b, const char *name, const char *value) {
  json_builder_set_member_name(b, name);
  if (value != NULL)
    json_builder_add_string_value(b, value);
  else
    json_builder_add_null_value(b);
}

void mm_i_report_add_bool(JsonBuilder *b, const char *name, gboolean value) {
  json_builder_set_member_name(b, name);
  json_builder_add_boolean_value(b, value);
}

/* 100 x part / whole, or null when whole is 0. */
void mm_i_report_add_percent(JsonBuilder *b, const char *name, guint64 part,
                           guint64 whole) {
  json_builder_set_member_name(b, name);
  if (whole == 0)
    json_builder_add_null_value(b);
  else
    json_builder_add_double_value(
        b, mm_figure_round(100.0 * (double)part / (double)whole));
}

void mm_i_report_add_mean_score(JsonBuilder *b, gint64 total_units, guint count) {
  json_builder_set_member_name(b, "mean_score");
  if (count == 0)
    json_builder_add_null_value(b);
  else
    json_builder_add_double_value(
        b, mm_figure_round((double)total_units / MM_SCORE_SCALE / count));
}

/* ---- suppression that no total gives away ---- */

/* Whether the withheld values of figure @f could be worked out: one fixed
 * by its own bounds, or, of those a reader does not know anyway, exactly
 * one (it is the total minus the rest), or several whose total sits at the
 * least or the most they can add up to (then each is at its bound). */
static gboolean figure_exposed_cover(const MmReportTable *t,
                                     const gboolean *hide, guint f);

gboolean mm_i_report_figure_exposed(const MmReportTable *t, const gboolean *hide,
                               guint f) {
  if (t->cover)
    return figure_exposed_cover(t, hide, f);
  guint unknown = 0;
  gint64 total = 0, least = 0, most = 0;
  gboolean bounded = TRUE;
  for (guint c = 0; c < t->n_cells; c++) {
    gsize k = (gsize)c * t->n_figures + f;
    if (!hide[c])
      continue;
    if (t->lo[k] == t->hi[k]) {
      if (t->shown_when_fixed == NULL || !t->shown_when_fixed[f])
        return TRUE;
      continue;
    }
    unknown++;
    total += t->value[k];
    least += t->lo[k];
    if (t->hi[k] < 0)
      bounded = FALSE;
    else
      most += t->hi[k];
  }
  if (unknown == 0)
    return FALSE;
  if (unknown == 1)
    return TRUE;
  return total <= least || (bounded && total >= most);
}

/* Cells that cover a total, overlapping, with one cell apart (needs, and
 * "none recorded"): for a figure with whole-pool total F, the apart cell
 * holds a value a and the others, each at most F - a, add up to at least
 * F - a (everyone not apart is in one of them at least).
 * - The apart cell shown: a withheld cell lies in [lo, F - a]; it is fixed
 *   when F - a <= lo, or when it is the only one withheld and the shown
 *   ones add up to 0 (it must hold all F - a).
 * - The apart cell withheld: it lies in [lower, F - the largest shown],
 *   lower being its own lo when another cell is withheld too, else
 *   F - the sum of the shown; fixed when lower >= that. A withheld other
 *   cell lies in [lo, F - lower]. */
static gboolean figure_exposed_cover(const MmReportTable *t,
                                     const gboolean *hide, guint f) {
  gint64 total = t->totals[f];
  gint apart = t->apart;
  gint64 shown_sum = 0, shown_max = 0;
  guint withheld = 0;
  for (guint c = 0; c < t->n_cells; c++) {
    gsize k = (gsize)c * t->n_figures + f;
    if ((gint)c == apart)
      continue;
    if (hide[c]) {
      withheld++;
    } else {
      shown_sum += t->value[k];
      shown_max = MAX(shown_max, t->value[k]);
    }
  }
  if (apart < 0 || !hide[apart]) {
    gint64 rest =
        total - (apart >= 0 ? t->value[(gsize)apart * t->n_figures + f] : 0);
    for (guint c = 0; c < t->n_cells; c++)
      if (hide[c] && (gint)c != apart &&
          rest <= t->lo[(gsize)c * t->n_figures + f])
        return TRUE;
    return withheld == 1 && shown_sum == 0;
  }
  gint64 apart_lo = t->lo[(gsize)apart * t->n_figures + f];
  gint64 lower = withheld > 0 ? apart_lo : MAX(apart_lo, total - shown_sum);
  if (lower >= total - shown_max)
    return TRUE;
  for (guint c = 0; c < t->n_cells; c++)
    if (hide[c] && (gint)c != apart &&
        total - lower <= t->lo[(gsize)c * t->n_figures + f])
      return TRUE;
  return FALSE;
}

/* Whether the pool's longest wait gives away which withheld cell holds it:
 * no shown cell reaches it and only one cell is withheld. (With two or
 * more withheld, the weeks-known rule leaves each able to hold it.) */
static gboolean longest_exposed(const MmReportTable *t, const gboolean *hide) {
  if (t->longest == NULL || t->pool_longest < 0)
    return FALSE;
  gint64 shown_max = -1;
  guint withheld = 0;
  for (guint c = 0; c < t->n_cells; c++) {
    if (hide[c])
      withheld++;
    else
      shown_max = MAX(shown_max, t->longest[c]);
  }
  return withheld == 1 && shown_max < t->pool_longest;
}

/* The figures exposed, and the longest wait as one more (index
 * n_figures in @ignore). */
static guint count_exposed(const MmReportTable *t, const gboolean *hide,
                           const gboolean *ignore) {
  guint n = 0;
  for (guint f = 0; f < t->n_figures; f++)
    n += !ignore[f] && mm_i_report_figure_exposed(t, hide, f);
  n += !ignore[t->n_figures] && longest_exposed(t, hide);
  return n;
}

static gint64 cell_size(const MmReportTable *t, guint c) {
  return t->value[(gsize)c * t->n_figures];
}

gboolean mm_i_report_protect(const MmReportTable *t, guint min_cell,
                           gboolean *hide, gboolean *exposed) {
  guint n = t->n_cells;
  gboolean *all = g_new0(gboolean, MAX(n, 1));
  gboolean *ignore = g_new0(gboolean, t->n_figures + 1);
  gboolean any = FALSE;
  for (guint c = 0; c < n; c++) {
    hide[c] = mm_i_report_is_suppressed((guint)cell_size(t, c), min_cell);
    any |= hide[c];
    all[c] = cell_size(t, c) > 0;
  }
  /* A figure that not even withholding every cell protects is given away
   * by the whole-pool total (nobody matched: 0 in every group). */
  for (guint f = 0; f < t->n_figures; f++)
    ignore[f] = mm_i_report_figure_exposed(t, all, f);
  ignore[t->n_figures] = longest_exposed(t, all);
  if (exposed != NULL)
    memcpy(exposed, ignore, t->n_figures * sizeof *exposed);
  gboolean ok = TRUE;
  if (any && ignore[0]) {
    memcpy(hide, all, n * sizeof *hide);
    ok = FALSE;
  }
  while (ok && any) {
    guint bad = count_exposed(t, hide, ignore);
    if (bad == 0)
      break;
    gint best = -1;
    guint best_bad = 0;
    for (guint c = 0; c < n; c++) {
      if (hide[c] || !all[c])
        continue;
      hide[c] = TRUE;
      guint after = count_exposed(t, hide, ignore);
      hide[c] = FALSE;
      if (best < 0 || after < best_bad ||
          (after == best_bad && cell_size(t, c) < cell_size(t, (guint)best))) {
        best = (gint)c;
        best_bad = after;
      }
    }
    if (best < 0)
      break; /* every cell withheld: nothing left exposed (see ignore) */
    hide[best] = TRUE;
  }
  g_free(ignore);
  g_free(all);
  return ok;
}

