/* mm-json.h: one JSON entry point, so that any language can call the
 * library through its C FFI (Python ctypes, a scheduling tool).
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include "mm-common.h"

G_BEGIN_DECLS

/**
 * mm_json:
 * @request: (nullable): a UTF-8 JSON object (docs/json.md):
 *   {"command": "match" | "recommend" | "validate", "mentees": [...],
 *   "mentors": [...], "config": {"weights": {...}, "rules": {...}},
 *   "mode": "optimal", "pinned": [{"mentee_id", "mentor_id"}], "top": 5,
 *   "explain": true, "mentee": "ID"}. A person is an object whose keys are
 *   the CSV column names; lists are arrays of strings, booleans true/false,
 *   numbers numbers and null an empty value.
 *
 * Runs one command and answers in JSON. match and recommend answer exactly
 * what `mentormatch match|recommend --format json` writes for the same data;
 * validate answers {"valid", "errors": [...], "warnings": [...]}, each
 * problem as {"source", "line", "column", "message"} with source e.g.
 * "mentees[3]"; its warnings include mm_validate()'s when the config has no
 * error. Any failure answers {"error": {"message": "..."}}, with
 * "problems" (the same objects) when the data had errors. Never aborts and
 * never prints, whatever @request holds (NULL included); keeps nothing after
 * it returns, and may be called from several threads at once.
 *
 * Returns: (transfer full): newly allocated UTF-8 JSON text ending in a
 * newline; free it with mm_json_free().
 */
MM_EXTERN char *mm_json(const char *request);

/* Frees an answer of mm_json(). NULL is ignored. */
MM_EXTERN void mm_json_free(char *answer);

G_END_DECLS
