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

/* A mentor while the index is built, with what groups are sorted by: its
 * cell (grids only; 0 elsewhere), then its index. */
typedef struct {
  guint64 cell;
  guint mentor;
} Entry;

/* Mentors with a location, by cell, laid out column by column for the
 * scan of append_near(): their homes (unit vectors) and the chord beyond
 * which a home is certainly further than their limit
 * (mm_i_beyond_chord_km2()), so that a row can drop the mentors of the
 * cells around it who live too far away without scoring them. */
typedef struct {
  guint n;
  guint64 *cell;
  guint *mentor;
  double *x, *y, *z, *beyond_km2;
} Cells;

/* Mentors in no particular place. */
typedef struct {
  guint n;
  guint *mentor;
} Group;

struct MmMentorReach {
  const MmEncoding *enc;
  gboolean indexed; /* FALSE: cells would be too wide to leave anyone out */
  double cell_width; /* in the unit vectors' coordinates */
  /* The mentors split by what the distance rule does with them: */
  Group all;           /* everyone (a young person without a home) */
  Group unplaced;      /* no location, distance never applies */
  Group remote_placed; /* a location, open to remote mentoring */
  Cells remote_cells;  /* the same mentors, by cell */
  Cells local_cells;   /* a location, not remote, by cell */
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

static void add(GArray *group, guint64 cell, guint mentor) {
  Entry e = {cell, mentor};
  g_array_append_val(group, e);
}

/* @entries, sorted, as a group; frees @entries. */
static Group group_of(GArray *entries) {
  g_array_sort(entries, compare_entries);
  Group g = {entries->len, g_new(guint, MAX(entries->len, 1))};
  for (guint k = 0; k < entries->len; k++)
    g.mentor[k] = g_array_index(entries, Entry, k).mentor;
  g_array_free(entries, TRUE);
  return g;
}

/* @entries, sorted, as cells; frees @entries. */
static Cells cells_of(GArray *entries, const MmEncoding *enc,
                      const MmConfig *config) {
  g_array_sort(entries, compare_entries);
  guint n = entries->len;
  Cells c = {n, g_new(guint64, MAX(n, 1)), g_new(guint, MAX(n, 1)),
             g_new(double, MAX(n, 1)), g_new(double, MAX(n, 1)),
             g_new(double, MAX(n, 1)), g_new(double, MAX(n, 1))};
  for (guint k = 0; k < n; k++) {
    const Entry *e = &g_array_index(entries, Entry, k);
    const MmMentorCode *code = &enc->mentors[e->mentor];
    c.cell[k] = e->cell;
    c.mentor[k] = e->mentor;
    c.x[k] = code->x;
    c.y[k] = code->y;
    c.z[k] = code->z;
    c.beyond_km2[k] =
        mm_i_beyond_chord_km2(mm_i_mentor_distance_limit_km(config, code));
  }
  g_array_free(entries, TRUE);
  return c;
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
  GArray *all = g_array_new(FALSE, FALSE, sizeof(Entry));
  GArray *unplaced = g_array_new(FALSE, FALSE, sizeof(Entry));
  GArray *remote_placed = g_array_new(FALSE, FALSE, sizeof(Entry));
  GArray *remote_cells = g_array_new(FALSE, FALSE, sizeof(Entry));
  GArray *local_cells = g_array_new(FALSE, FALSE, sizeof(Entry));
  for (guint k = 0; k < n; k++) {
    guint j = mentors[k];
    const MmMentorCode *code = &enc->mentors[j];
    add(all, 0, j);
    if (!r->indexed)
      continue;
    guint64 cell = cell_key(axis_cell(code->x, r->cell_width),
                            axis_cell(code->y, r->cell_width),
                            axis_cell(code->z, r->cell_width));
    if (!code->has_location) {
      add(unplaced, 0, j);
    } else if (code->remote == MM_TRI_YES) {
      add(remote_placed, 0, j);
      add(remote_cells, cell, j);
    } else {
      add(local_cells, cell, j);
    }
  }
  r->all = group_of(all);
  r->unplaced = group_of(unplaced);
  r->remote_placed = group_of(remote_placed);
  r->remote_cells = cells_of(remote_cells, enc, config);
  r->local_cells = cells_of(local_cells, enc, config);
  return r;
}

static void cells_clear(Cells *c) {
  g_free(c->cell);
  g_free(c->mentor);
  g_free(c->x);
  g_free(c->y);
  g_free(c->z);
  g_free(c->beyond_km2);
}

void mm_i_mentor_reach_free(MmMentorReach *r) {
  if (r == NULL)
    return;
  g_free(r->all.mentor);
  g_free(r->unplaced.mentor);
  g_free(r->remote_placed.mentor);
  cells_clear(&r->remote_cells);
  cells_clear(&r->local_cells);
  g_free(r);
}

static guint append_group(const Group *group, guint *out, guint n) {
  memcpy(out + n, group->mentor, sizeof(guint) * group->n);
  return n + group->n;
}

/* The first of @n cells (sorted) that is @key or after. */
static guint first_of_cell(const guint64 *cell, guint n, guint64 key) {
  guint lo = 0, hi = n;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (cell[mid] < key)
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
 * for a dot product each. The three cells along z that share x and y are
 * next to each other in key order (z takes the low bits, and never wraps:
 * see AXIS_BITS), so nine ranges cover the 27. */
static guint append_near(const Cells *c, const MmMenteeCode *a, gint64 ix,
                         gint64 iy, gint64 iz, guint *out, guint n) {
  if (c->n == 0)
    return n;
  for (gint64 dx = -1; dx <= 1; dx++)
    for (gint64 dy = -1; dy <= 1; dy++) {
      guint lo = first_of_cell(c->cell, c->n, cell_key(ix + dx, iy + dy, iz - 1));
      guint end = first_of_cell(c->cell, c->n, cell_key(ix + dx, iy + dy, iz + 1) + 1);
      /* without a branch: whether a mentor is kept is a coin toss to the
       * CPU's predictor; the write past the last kept is overwritten or
       * left (@out has room for every mentor) */
      for (guint k = lo; k < end; k++) {
        double dot = a->x * c->x[k] + a->y * c->y[k] + a->z * c->z[k];
        out[n] = c->mentor[k];
        n += mm_i_unit_chord_km2(dot) <= c->beyond_km2[k];
      }
    }
  return n;
}

const guint *mm_i_mentor_reach_of(const MmMentorReach *r, guint mentee,
                                guint *buffer, guint *n_out) {
  const MmMenteeCode *a = &r->enc->mentees[mentee];
  if (!r->indexed || !a->has_location) {
    *n_out = r->all.n;
    return r->all.mentor;
  }
  gint64 ix = axis_cell(a->x, r->cell_width),
         iy = axis_cell(a->y, r->cell_width),
         iz = axis_cell(a->z, r->cell_width);
  guint n = append_group(&r->unplaced, buffer, 0);
  if (a->remote == MM_TRI_YES) /* both remote */
    n = append_group(&r->remote_placed, buffer, n);
  else
    n = append_near(&r->remote_cells, a, ix, iy, iz, buffer, n);
  n = append_near(&r->local_cells, a, ix, iy, iz, buffer, n);
  *n_out = n;
  return buffer;
}
