/* mentor-reach.c: a grid of mentors' homes (see mentor-reach.h). */
#include "mentor-reach.h"
#include "config-private.h"
#include "criteria.h"

#include <math.h>
#include <string.h>

/* Cell coordinates are packed 21 bits per axis; cells are never narrower
 * than the sphere's width (2) over 2^19, so they stay in range. */
#define AXIS_BITS 21
#define AXIS_OFFSET (1 << (AXIS_BITS - 1))
#define MIN_CELL (2.0 / (1 << (AXIS_BITS - 2)))

/* The computed distance of two homes can fall short of the true one by
 * rounding (acos is steep near 0: about 1e-8 of the Earth's radius), and a
 * pair the scorer finds within its limit must be in a neighbouring cell:
 * cells are widened by more than that. */
#define ROUNDING_MARGIN 1e-7

/* A mentor in a group, with what groups are sorted by: its cell (grids
 * only; 0 elsewhere), then its index; and its home (unit vector) and the
 * chord beyond which a home is certainly further than its limit
 * (mm_i_beyond_chord_km2()), so that a row can drop the mentors of the
 * cells around it who live too far away without scoring them. */
typedef struct {
  guint64 cell;
  guint mentor;
  double x, y, z;
  double beyond_km2;
} Entry;

struct MmMentorReach {
  const MmEncoding *enc;
  gboolean indexed; /* FALSE: cells would be too wide to leave anyone out */
  double cell_width; /* in the unit vectors' coordinates */
  /* The mentors split by what the distance rule does with them: */
  GArray *all;           /* Entry: everyone (a young person without a home) */
  GArray *unplaced;      /* Entry: no location, distance never applies */
  GArray *remote_placed; /* Entry: a location, open to remote mentoring */
  GArray *remote_cells;  /* Entry: the same mentors, by cell */
  GArray *local_cells;   /* Entry: a location, not remote, by cell */
  guint *all_mentors;    /* the mentors of @all, in its order */
};

static gint64 axis_cell(double coordinate, double width) {
  return (gint64)floor(coordinate / width);
}

static guint64 cell_key(gint64 ix, gint64 iy, gint64 iz) {
  const guint64 mask = (1u << AXIS_BITS) - 1;
  return (((guint64)(ix + AXIS_OFFSET) & mask) << (2 * AXIS_BITS)) |
         (((guint64)(iy + AXIS_OFFSET) & mask) << AXIS_BITS) |
         ((guint64)(iz + AXIS_OFFSET) & mask);
}

static int compare_entries(const void *a, const void *b) {
  const Entry *x = a, *y = b;
  if (x->cell != y->cell)
    return x->cell < y->cell ? -1 : 1;
  return (x->mentor > y->mentor) - (x->mentor < y->mentor);
}

static GArray *entries_new(void) {
  return g_array_new(FALSE, FALSE, sizeof(Entry));
}

static void add(GArray *group, guint64 cell, const MmMentorCode *code,
                guint mentor, const MmConfig *config) {
  Entry e = {cell, mentor, code->x, code->y, code->z,
             mm_i_beyond_chord_km2(mm_i_mentor_distance_limit_km(config, code))};
  g_array_append_val(group, e);
}

MmMentorReach *mm_i_mentor_reach_new(const MmEncoding *enc,
                                   const MmConfig *config,
                                   const guint *mentors, guint n) {
  MmMentorReach *r = g_new0(MmMentorReach, 1);
  r->enc = enc;
  /* No pair's limit exceeds the configured maximum; a chord is never
   * longer than its arc. */
  r->cell_width = MAX(config->max_distance_km / MM_EARTH_RADIUS_KM *
                              (1.0 + 1e-6) + ROUNDING_MARGIN,
                      MIN_CELL);
  r->indexed = r->cell_width < 1.0;
  r->all = entries_new();
  r->unplaced = entries_new();
  r->remote_placed = entries_new();
  r->remote_cells = entries_new();
  r->local_cells = entries_new();
  for (guint k = 0; k < n; k++) {
    guint j = mentors[k];
    const MmMentorCode *code = &enc->mentors[j];
    add(r->all, 0, code, j, config);
    if (!r->indexed)
      continue;
    guint64 cell = cell_key(axis_cell(code->x, r->cell_width),
                            axis_cell(code->y, r->cell_width),
                            axis_cell(code->z, r->cell_width));
    if (!code->has_location) {
      add(r->unplaced, 0, code, j, config);
    } else if (code->remote == MM_TRI_YES) {
      add(r->remote_placed, 0, code, j, config);
      add(r->remote_cells, cell, code, j, config);
    } else {
      add(r->local_cells, cell, code, j, config);
    }
  }
  GArray *groups[] = {r->all, r->unplaced, r->remote_placed, r->remote_cells,
                      r->local_cells};
  for (guint g = 0; g < G_N_ELEMENTS(groups); g++)
    g_array_sort(groups[g], compare_entries);
  r->all_mentors = g_new(guint, MAX(n, 1));
  for (guint k = 0; k < n; k++)
    r->all_mentors[k] = g_array_index(r->all, Entry, k).mentor;
  return r;
}

void mm_i_mentor_reach_free(MmMentorReach *r) {
  if (r == NULL)
    return;
  g_array_free(r->all, TRUE);
  g_array_free(r->unplaced, TRUE);
  g_array_free(r->remote_placed, TRUE);
  g_array_free(r->remote_cells, TRUE);
  g_array_free(r->local_cells, TRUE);
  g_free(r->all_mentors);
  g_free(r);
}

static guint append_group(const GArray *group, guint *out, guint n) {
  for (guint k = 0; k < group->len; k++)
    out[n++] = g_array_index(group, Entry, k).mentor;
  return n;
}

/* The first of @n entries (sorted by cell) whose cell is @key or after. */
static guint first_of_cell(const Entry *entries, guint n, guint64 key) {
  guint lo = 0, hi = n;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (entries[mid].cell < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Appends the mentors of the 27 cells around (ix, iy, iz) who are not
 * certainly beyond their own distance limit from @a (the smaller of theirs
 * and the configured maximum, by the chord, as the scorer tells without an
 * acos: mm_i_unit_certainly_beyond()), so that they are not scored only to
 * break the distance rule. The ball within the configured maximum fills a
 * sixth of the cube of cells, but homes cluster in towns; many mentors
 * travel less far. On generate's 20000 x 8000 pool the mentors' own limits
 * leave 37.5 M pairs to score where the configured maximum left 42.1 M,
 * for a dot product each. */
static guint append_near(const GArray *cells,
                         const MmMenteeCode *a, gint64 ix, gint64 iy,
                         gint64 iz, guint *out, guint n) {
  if (cells->len == 0)
    return n;
  const Entry *entries = (const Entry *)cells->data;
  for (gint64 dx = -1; dx <= 1; dx++)
    for (gint64 dy = -1; dy <= 1; dy++)
      for (gint64 dz = -1; dz <= 1; dz++) {
        guint64 key = cell_key(ix + dx, iy + dy, iz + dz);
        guint lo = first_of_cell(entries, cells->len, key);
        guint end = first_of_cell(entries, cells->len, key + 1);
        for (guint k = lo; k < end; k++) {
          const Entry *e = &entries[k];
          double dot = a->x * e->x + a->y * e->y + a->z * e->z;
          if (mm_i_unit_chord_km2(dot) <= e->beyond_km2)
            out[n++] = e->mentor;
        }
      }
  return n;
}

const guint *mm_i_mentor_reach_of(const MmMentorReach *r, guint mentee,
                                guint *buffer, guint *n_out) {
  const MmMenteeCode *a = &r->enc->mentees[mentee];
  if (!r->indexed || !a->has_location) {
    *n_out = r->all->len;
    return r->all_mentors;
  }
  gint64 ix = axis_cell(a->x, r->cell_width),
         iy = axis_cell(a->y, r->cell_width),
         iz = axis_cell(a->z, r->cell_width);
  guint n = append_group(r->unplaced, buffer, 0);
  if (a->remote == MM_TRI_YES) /* both remote */
    n = append_group(r->remote_placed, buffer, n);
  else
    n = append_near(r->remote_cells, a, ix, iy, iz, buffer, n);
  n = append_near(r->local_cells, a, ix, iy, iz, buffer, n);
  *n_out = n;
  return buffer;
}
