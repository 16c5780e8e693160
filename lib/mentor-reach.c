/* mentor-reach.c: a grid of mentors' homes (see mentor-reach.h). */
#include "mentor-reach.h"
#include "config-private.h"

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

typedef struct {
  guint64 cell;
  guint mentor;
} Placed;

struct MmMentorReach {
  const MmEncoding *enc;
  const guint *all;
  guint n_all;
  gboolean indexed; /* FALSE: cells would be too wide to leave anyone out */
  double cell_width; /* in the unit vectors' coordinates */
  /* the mentors split by what the distance rule does with them */
  GArray *unplaced;      /* guint: no location, distance never applies */
  GArray *remote_placed; /* guint: a location, open to remote mentoring */
  GArray *remote_cells;  /* Placed, the same mentors, by cell */
  GArray *local_cells;   /* Placed: a location, not remote */
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

static int compare_placed(const void *a, const void *b) {
  const Placed *x = a, *y = b;
  if (x->cell != y->cell)
    return x->cell < y->cell ? -1 : 1;
  return (x->mentor > y->mentor) - (x->mentor < y->mentor);
}

static void place(GArray *cells, double width, const MmMentorCode *code,
                  guint mentor) {
  Placed p = {cell_key(axis_cell(code->x, width), axis_cell(code->y, width),
                       axis_cell(code->z, width)),
              mentor};
  g_array_append_val(cells, p);
}

MmMentorReach *mm_mentor_reach_new(const MmEncoding *enc,
                                   const MmConfig *config,
                                   const guint *mentors, guint n) {
  MmMentorReach *r = g_new0(MmMentorReach, 1);
  r->enc = enc;
  r->all = mentors;
  r->n_all = n;
  /* No pair's limit exceeds the configured maximum; a chord is never
   * longer than its arc. */
  r->cell_width = MAX(config->max_distance_km / MM_EARTH_RADIUS_KM *
                              (1.0 + 1e-6) + ROUNDING_MARGIN,
                      MIN_CELL);
  r->indexed = r->cell_width < 1.0;
  if (!r->indexed)
    return r;
  r->unplaced = g_array_new(FALSE, FALSE, sizeof(guint));
  r->remote_placed = g_array_new(FALSE, FALSE, sizeof(guint));
  r->remote_cells = g_array_new(FALSE, FALSE, sizeof(Placed));
  r->local_cells = g_array_new(FALSE, FALSE, sizeof(Placed));
  for (guint k = 0; k < n; k++) {
    const MmMentorCode *code = &enc->mentors[mentors[k]];
    if (!code->has_location) {
      g_array_append_val(r->unplaced, mentors[k]);
    } else if (code->remote == MM_TRI_YES) {
      g_array_append_val(r->remote_placed, mentors[k]);
      place(r->remote_cells, r->cell_width, code, mentors[k]);
    } else {
      place(r->local_cells, r->cell_width, code, mentors[k]);
    }
  }
  g_array_sort(r->remote_cells, compare_placed);
  g_array_sort(r->local_cells, compare_placed);
  return r;
}

void mm_mentor_reach_free(MmMentorReach *r) {
  if (r == NULL)
    return;
  if (r->indexed) {
    g_array_free(r->unplaced, TRUE);
    g_array_free(r->remote_placed, TRUE);
    g_array_free(r->remote_cells, TRUE);
    g_array_free(r->local_cells, TRUE);
  }
  g_free(r);
}

static guint append_all(const GArray *mentors, guint *out, guint n) {
  if (mentors->len > 0)
    memcpy(out + n, mentors->data, mentors->len * sizeof(guint));
  return n + mentors->len;
}

/* Appends the mentors of the 27 cells around (ix, iy, iz). */
static guint append_near(const GArray *cells, gint64 ix, gint64 iy, gint64 iz,
                         guint *out, guint n) {
  const Placed *placed = (const Placed *)cells->data;
  for (gint64 dx = -1; dx <= 1; dx++)
    for (gint64 dy = -1; dy <= 1; dy++)
      for (gint64 dz = -1; dz <= 1; dz++) {
        guint64 key = cell_key(ix + dx, iy + dy, iz + dz);
        guint lo = 0, hi = cells->len; /* first entry of the cell */
        while (lo < hi) {
          guint mid = lo + (hi - lo) / 2;
          if (placed[mid].cell < key)
            lo = mid + 1;
          else
            hi = mid;
        }
        for (; lo < cells->len && placed[lo].cell == key; lo++)
          out[n++] = placed[lo].mentor;
      }
  return n;
}

const guint *mm_mentor_reach_of(const MmMentorReach *r, guint mentee,
                                guint *buffer, guint *n_out) {
  const MmMenteeCode *a = &r->enc->mentees[mentee];
  if (!r->indexed || !a->has_location) {
    *n_out = r->n_all;
    return r->all;
  }
  gint64 ix = axis_cell(a->x, r->cell_width),
         iy = axis_cell(a->y, r->cell_width),
         iz = axis_cell(a->z, r->cell_width);
  guint n = append_all(r->unplaced, buffer, 0);
  if (a->remote == MM_TRI_YES)
    n = append_all(r->remote_placed, buffer, n); /* both remote */
  else
    n = append_near(r->remote_cells, ix, iy, iz, buffer, n);
  n = append_near(r->local_cells, ix, iy, iz, buffer, n);
  *n_out = n;
  return buffer;
}
