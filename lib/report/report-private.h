/* report-private.h: what the parts of the equity report share (internal).
 *
 * report.c builds the report (groups along each dimension, their
 * suppression, cells, breakdowns, composition, modes, safeguarding) and
 * calls the parts that have a concern of their own: report-unmatched.c (the
 * young people still unmatched: why, and how long they have waited) and
 * report-gap.c (stated demand against free mentor places). All write
 * members of the report object with the helpers below, so numbers and
 * suppression look the same everywhere. */
#pragma once

#include "mentor-side.h"
#include "report.h"

/* The modes compared side by side, in this order. */
#define MM_REPORT_N_MODES 3
extern const MmMode mm_i_report_modes[MM_REPORT_N_MODES];

/* Priority levels, shown from the most in need down. */
#define MM_REPORT_N_PRIORITIES 4

/* What happened to one young person. */
typedef struct {
  gboolean matched; /* matched or pinned, in the mode the report describes */
  gboolean pinned;
  gint64 score_units; /* of the pair, when matched */
  gboolean stated[MM_N_PREFERENCE_KINDS];
  gboolean met[MM_N_PREFERENCE_KINDS];
  /* Whole weeks from waiting_since to the as-of date (not capped); -1 when
   * waiting_since is not recorded. */
  gint weeks;
  gboolean matched_in[MM_REPORT_N_MODES]; /* in each mm_i_report_modes[] */
} MmReportOutcome;

/* One group of people along a dimension (a gender, an age band, ...). */
typedef struct {
  char *key;       /* identity (folded token, band, ...) and sort order */
  char *label;     /* shown */
  gint rank;       /* groups sort by rank, then key */
  GArray *mentees; /* guint indices, ascending */
  guint mentors;
  guint mentor_capacity;
  gboolean hide; /* the young people's figures are withheld */
} MmReportGroup;

/* The young people's figures a group cell publishes, or that another table
 * derives from it; each adds up over the young people of the group. The
 * suppression (mm_i_report_protect()) makes sure no withheld one can be worked
 * out from the published totals. */
typedef enum {
  MM_REPORT_FIG_YOUNG_PEOPLE,
  MM_REPORT_FIG_MATCHED,
  MM_REPORT_FIG_STATED,
  MM_REPORT_FIG_MET,
  MM_REPORT_FIG_WAITING,     /* still unmatched */
  MM_REPORT_FIG_WEEKS_KNOWN, /* still unmatched, with a waiting_since */
  MM_REPORT_FIG_MODE_MATCHED /* + k: matched in mm_i_report_modes[k] */
} MmReportFigure;
#define MM_REPORT_N_CELL_FIGURES                                               \
  (MM_REPORT_FIG_MODE_MATCHED + MM_REPORT_N_MODES)

/* A dimension: its groups (young people's and mentors'), sorted, with the
 * suppression decided once for every table that shows them (breakdowns,
 * waiting time, composition, the modes' priority levels, the pool gap's
 * needs). */
typedef struct {
  const char *by;
  const char *title;
  GPtrArray *groups; /* MmReportGroup* */
  /* The groups cannot be shown without identifying someone, whatever is
   * withheld (every young person in one group, or each alone in theirs):
   * no group of young people is listed at all. */
  gboolean withheld;
} MmReportDimension;

/* The breakdown dimensions, in the order shown. */
typedef enum {
  MM_REPORT_DIM_GENDER,
  MM_REPORT_DIM_ETHNIC_GROUP,
  MM_REPORT_DIM_AGE_BAND,
  MM_REPORT_DIM_PRIORITY,
  MM_REPORT_DIM_CARE_EXPERIENCE,
  MM_REPORT_DIM_NEEDS,
  MM_REPORT_N_DIMS
} MmReportDim;

/* The report being built. */
typedef struct {
  const MmPool *pool;
  const MmConfig *config;
  const MmPins *pins;                           /* nullable */
  const MmMatching *matching;                   /* the mode described */
  const MmMatching *by_mode[MM_REPORT_N_MODES]; /* mm_i_report_modes[] */
  guint min_cell;
  MmReportOutcome *outcome; /* per mentee */
  guint *places_used;       /* per mentor, in @matching (pins included) */
  MmReportDimension dims[MM_REPORT_N_DIMS];
  /* The pool gap's rows for a care-experienced mentor, a gender and an
   * ethnicity group that bound the stated wishes (fewer than min_cell
   * still waiting) are withheld too: what they say would give away a
   * withheld preference figure. Set by the preferences table. */
  gboolean gap_withhold_bounding;
} MmReportState;

/* Whether a cell of @young_people is small enough to withhold: fewer than
 * @min_cell, but not empty (an empty cell identifies nobody). */
gboolean mm_i_report_is_suppressed(guint young_people, guint min_cell);

/* A table whose cells split published totals: for each cell and figure,
 * its value and what a reader knows of it when it is withheld. */
typedef struct {
  guint n_cells;
  guint n_figures;     /* figure 0 is the cell's size */
  const gint64 *value; /* [cell * n_figures + figure] */
  /* Bounds a reader knows on a withheld value (from the rules of the
   * report and figures shown elsewhere); hi < 0: no upper bound. */
  const gint64 *lo;
  const gint64 *hi;
  /* (nullable) per figure: TRUE when lo == hi means the value is published
   * elsewhere (nothing to protect); otherwise lo == hi on a withheld value
   * means its bounds alone give it away. NULL: all FALSE. */
  const gboolean *shown_when_fixed;
  /* FALSE: the cells split the totals. TRUE: they cover them, overlapping
   * (a young person with two needs is in both), except cell @apart (-1:
   * none), which shares no one with any other ("none recorded"); @totals
   * then gives each figure's published whole-pool total. */
  gboolean cover;
  gint apart;
  const gint64 *totals;
  /* (nullable) per cell: the longest wait of its young people still
   * waiting (-1: none known), and the pool's (never withheld). Where the
   * shown cells fall short of the pool's, the one withheld cell would hold
   * it: at least two must then be withheld. */
  const gint64 *longest;
  gint64 pool_longest;
} MmReportTable;

/**
 * mm_i_report_protect:
 * @table: the cells, each figure adding up to a published total.
 * @hide: (out) (array length=table->n_cells): the cells to withhold.
 * @exposed: (out) (optional) (array length=table->n_figures): TRUE for a
 *   figure whose withheld values the totals give away whatever is withheld
 *   (then its withheld values are public anyway).
 *
 * Primary suppression withholds every cell whose size is 1 to min_cell - 1.
 * Secondary suppression then withholds more cells (the one that leaves the
 * fewest figures exposed, then the smallest) until, for every figure, no
 * withheld value is fixed by its own bounds, and the withheld values a
 * reader does not know are none, or at least two whose total (published
 * total minus what is shown) is strictly between the least and the most
 * they could add up to. Then no withheld value is fixed by the totals: each
 * has at least two possible values. (Cells that cover the totals have
 * rules of their own: figure_exposed_cover() in report.c.) Figures that
 * not even withholding every cell protects (a total of 0) are left aside.
 *
 * Returns: FALSE when the sizes themselves cannot be protected (one
 * non-empty cell, or each of one person) while some cell is small: the
 * table must then be withheld as a whole.
 */
gboolean mm_i_report_protect(const MmReportTable *table, guint min_cell,
                           gboolean *hide, gboolean *exposed);

/* Whether the withheld values of figure @f of @table could be worked out
 * from what is published, with the cells in @hide withheld. */
gboolean mm_i_report_figure_exposed(const MmReportTable *table,
                                    const gboolean *hide, guint f);

/* Adds "mean_score": the mean of @count scores whose units add up to
 * @total_units, by the one rounding rule; null when @count is 0. */
void mm_i_report_add_mean_score(JsonBuilder *b, gint64 total_units,
                                guint count);

/* The sums over @mentees of every MmReportFigure, into @figures
 * (MM_REPORT_N_CELL_FIGURES). */
void mm_i_report_group_figures(const MmReportState *r, const guint *mentees, guint n,
                             gint64 *figures);

/* Object members. A percentage is 100 x part / whole rounded to 2
 * decimals, or null when whole is 0; a NULL string is null. */
void mm_i_report_add_uint(JsonBuilder *b, const char *name, guint value);
void mm_i_report_add_null(JsonBuilder *b, const char *name);
void mm_i_report_add_string(JsonBuilder *b, const char *name, const char *value);
void mm_i_report_add_bool(JsonBuilder *b, const char *name, gboolean value);
void mm_i_report_add_percent(JsonBuilder *b, const char *name, guint64 part,
                           guint64 whole);

/* The "unmatched" member: {"young_people", "withheld", "reasons": [...]}.
 * Time: O(unmatched without candidates x n_mentors). */
void mm_i_report_build_unmatched(JsonBuilder *b, const MmReportState *r);

/* The "waiting" member: weeks waited by the young people still unmatched,
 * overall and by each dimension's groups. Time: O(n_mentees log n_mentees
 * x dimensions). */
void mm_i_report_build_waiting(JsonBuilder *b, const MmReportState *r);

/* Adds the members of one cell of a table over @mentees (@n of them), all
 * null when @hide: small numbers withheld. */
typedef void (*MmReportCellFunc)(JsonBuilder *b, const MmReportState *r,
                                 const guint *mentees, guint n, gboolean hide);

/* Adds member "breakdowns": for each dimension, its groups of young people
 * (none when the dimension is withheld), each with @cell's members and,
 * when @mark_suppressed, whether its figures were withheld. One shape for
 * the outcome table and the waiting table. */
void mm_i_report_add_breakdowns(JsonBuilder *b, const MmReportState *r,
                                MmReportCellFunc cell,
                                gboolean mark_suppressed);

/* What the pool gap tells a reader about how many young people with a
 * mentor stated a care-experience, gender or ethnicity wish: at least this
 * many. A row is shown only when min_cell or more ask, and publishes those
 * still waiting: so a shown row means that at least min_cell - waiting of
 * those asking have a mentor (a withheld row says nothing: rows are also
 * withheld as secondary, see MmReportState.gap_withhold_bounding). */
void mm_i_report_gap_bounds(const MmReportState *r, gint64 *care, gint64 *gender,
                          gint64 *ethnicity);

/* Whether the pool-gap row of a care-experienced mentor, a gender or an
 * ethnicity group with @asking asking and @waiting still waiting is
 * withheld. */
gboolean mm_i_report_gap_row_hidden(const MmReportState *r, guint asking,
                                  guint waiting);

/* The "pool_gap" member: one row per stated demand. Time: O(n_mentees x
 * (wanted + n_mentors) x demands) at worst, for what drives each row. */
void mm_i_report_build_pool_gap(JsonBuilder *b, const MmReportState *r);
