/* mm-common.h: export macro, error domain and the enums every module shares.
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* MM_EXTERN marks every public declaration; everything else in the shared
 * library is hidden (built with gnu_symbol_visibility: 'hidden'). */
#if defined(_WIN32)
#define MM_EXTERN __declspec(dllexport) extern
#else
#define MM_EXTERN __attribute__((visibility("default"))) extern
#endif

/**
 * MM_ERROR:
 *
 * The GError domain of every mentormatch function that takes a GError.
 */
#define MM_ERROR (mm_error_quark())
MM_EXTERN GQuark mm_error_quark(void);

/**
 * mm_figure_round:
 *
 * The one rounding rule for every figure mentormatch prints (scores, values,
 * contributions, means, percentages): to 2 decimals, half away from zero,
 * exactly as scores are rounded before the solver compares them. CSV, JSON,
 * the CLI's summary and the report all show figures through it, so the same
 * figure never prints differently in two places.
 *
 * Returns: @value rounded; -0 comes back as 0.
 */
MM_EXTERN double mm_figure_round(double value);

/**
 * MmError:
 * @MM_ERROR_IO: a file could not be read or written.
 * @MM_ERROR_INVALID_INPUT: the input data (pool, config, pins, JSON) broke the
 *   contract in the contract (docs/); the details are in the MmDiagnostics list passed alongside.
 * @MM_ERROR_LIMIT: the input exceeded a documented size limit.
 * @MM_ERROR_STATE: the object is not in a state that allows the call (e.g. a
 *   pool that has not been prepared).
 *
 * Error codes in the %MM_ERROR domain. New codes may be added at the end.
 */
typedef enum {
  MM_ERROR_IO,
  MM_ERROR_INVALID_INPUT,
  MM_ERROR_LIMIT,
  MM_ERROR_STATE,
} MmError;

/**
 * MmSide:
 * @MM_SIDE_MENTEE: the young people to be matched.
 * @MM_SIDE_MENTOR: the mentors and befrienders.
 */
typedef enum {
  MM_SIDE_MENTEE,
  MM_SIDE_MENTOR,
} MmSide;

G_END_DECLS
