/* report-private.h: what the parts of the equity report share (internal).
 *
 * report.c builds the report (cells, breakdowns, composition, modes) and
 * calls the parts that have a concern of their own: report-unmatched.c
 * (why young people are unmatched) and report-gap.c (stated demand against
 * mentor capacity). All write members of the report object with the
 * helpers below, so numbers and suppression look the same everywhere. */
#pragma once

#include "mentor-side.h"
#include "report.h"

/* What happened to one young person in the mode the report describes. */
typedef struct {
  gboolean matched;   /* matched or pinned */
  gint64 score_units; /* of the pair, when matched */
  gboolean stated[MM_N_PREFERENCE_KINDS];
  gboolean met[MM_N_PREFERENCE_KINDS];
} MmReportOutcome;

/* The report being built. */
typedef struct {
  const MmPool *pool;
  const MmConfig *config;
  const MmMatching *matching;
  guint min_cell;
  MmReportOutcome *outcome; /* per mentee */
} MmReport;

/* Whether a cell of @young_people is small enough to withhold: fewer than
 * @min_cell, but not empty (an empty cell identifies nobody). */
gboolean mm_report_is_suppressed(guint young_people, guint min_cell);

/**
 * mm_report_choose_suppressed:
 * @sizes: (array length=n): young people per cell.
 * @partition: each young person is in exactly one cell and the total is
 *   published.
 * @hide: (out) (array length=n): the cells to withhold.
 *
 * Every small cell, and in a partition where that is exactly one cell, the
 * smallest other cell with anyone in it too (secondary suppression), so the
 * small one cannot be worked out from the total.
 */
void mm_report_choose_suppressed(const guint *sizes, guint n, guint min_cell,
                                 gboolean partition, gboolean *hide);

/* Object members. A percentage is 100 x part / whole rounded to 2
 * decimals, or null when whole is 0; a NULL string is null. */
void mm_report_add_uint(JsonBuilder *b, const char *name, guint value);
void mm_report_add_null(JsonBuilder *b, const char *name);
void mm_report_add_string(JsonBuilder *b, const char *name, const char *value);
void mm_report_add_bool(JsonBuilder *b, const char *name, gboolean value);
void mm_report_add_percent(JsonBuilder *b, const char *name, guint64 part,
                           guint64 whole);

/* The "unmatched" member: {"young_people", "reasons": [...]}. Time:
 * O(unmatched without candidates x n_mentors). */
void mm_report_build_unmatched(JsonBuilder *b, const MmReport *r);

/* The "pool_gap" member: one row per stated demand. Time: O(n_mentees x
 * wanted + demands x n_mentors). */
void mm_report_build_pool_gap(JsonBuilder *b, const MmReport *r);
