/* json-output.h: the JSON answers for match and recommend (internal).
 *
 * The public outputs (mm_matching_to_json(), mm_shortlist_to_json(): the
 * CLI's --format json) and the JSON entry point build their answers here,
 * so both give exactly the same objects (the contract (docs/), "The
 * library"). Scores and contributions are numbers rounded to 2 decimals, the
 * same values the CSV output prints; ids and texts are never neutralised
 * (JSON has no formulas). */
#pragma once

#include "pool-private.h"

#include <json-glib/json-glib.h>

/**
 * mm_i_json_build_matching:
 * @builder: receives one complete object (begin/end included), so it can be
 *   the root or a member value.
 * @mode: the mode @matching was computed with, named in the summary.
 * @explain: also give each matched or pinned row its "contributions" (one
 *   number per criterion, mm_criterion_name() order), "value" and
 *   "reasons".
 * @warnings: (nullable): every warning of the run (loading the pools and
 *   pins, pins that break a hard rule), for the answer's "warnings".
 *
 * Builds {"matches": [...], "summary": {...}, "warnings": [...]}: one match
 * per mentee in input order, {"mentee_id", "mentor_id", "score", "status",
 * "reason", "flags"} with mentor_id and score null when unmatched, reason
 * null unless unmatched and flags (mm_matching_flags()) [] when unmatched;
 * with @explain, "contributions" and "value" (null when unmatched) and
 * "reasons" ([] when unmatched). The summary holds "mode", "prefer",
 * "as_of", "mentees", "matched" (by the solver), "pinned", "unmatched",
 * "mean_score", "preferences_stated", "preferences_met" and "named_moves"
 * (mm_matching_count() and the other summary figures).
 */
void mm_i_json_build_matching(JsonBuilder *builder, const MmPool *pool,
                            const MmConfig *config, const MmMatching *matching,
                            MmMode mode, gboolean explain,
                            const MmDiagnostics *warnings);

/**
 * mm_i_json_build_shortlist:
 *
 * Builds {"recommendations": [{"mentee_id", "mentors": [{"rank" (from 1),
 * "mentor_id", "score", "reasons": [...]}], "reason"}], "warnings": [...]},
 * one entry per listed mentee; "reason" is null unless the list is empty,
 * when it says why no mentor is eligible. @warnings as for
 * mm_i_json_build_matching().
 */
void mm_i_json_build_shortlist(JsonBuilder *builder, const MmPool *pool,
                             const MmConfig *config,
                             const MmShortlist *shortlist,
                             const MmDiagnostics *warnings);

/* Adds member @name: an array of the diagnostics of @severity in @diags
 * (NULL: none), each {"source", "line", "column", "message"} with line
 * and column null when the problem is not tied to one (a JSON source has
 * no lines). */
void mm_i_json_build_problems(JsonBuilder *builder, const char *name,
                            const MmDiagnostics *diags, MmSeverity severity);

/**
 * mm_i_json_to_text:
 * @pretty: indent by two spaces, one member per line; else compact.
 *
 * Serialises @root. Unlike json-glib's generator, which prints 61.1 as
 * 61.100000000000001, doubles are written in the shortest form that reads
 * back to the same value (always with a '.' or exponent so they stay
 * numbers of the same kind); object members keep their insertion order.
 * Non-finite doubles, which JSON cannot hold, are written as null.
 *
 * Returns: (transfer full): UTF-8 text without a trailing newline.
 */
char *mm_i_json_to_text(JsonNode *root, gboolean pretty);

/* Adds member @name: @figure through the one rounding rule
 * (mm_figure_round()), as the CSV prints it. */
void mm_i_json_add_figure(JsonBuilder *builder, const char *name,
                          double figure);

/* Adds member @name: the whole number @count. */
void mm_i_json_add_count(JsonBuilder *builder, const char *name,
                         gint64 count);

/* Adds "prefer" and "as_of": what every run's summary says it ran with. */
void mm_i_json_add_run(JsonBuilder *builder, const MmPool *pool,
                       const MmConfig *config);

/* Adds member @name: the string @value, or null when @value is NULL. */
void mm_i_json_add_string_or_null(JsonBuilder *builder, const char *name,
                                const char *value);

/* Returns: (transfer full): the builder's root as a complete answer:
 * pretty text ending in a newline, exactly as the CLI writes it and
 * mm_json() answers. */
char *mm_i_json_answer_text(JsonBuilder *builder);
