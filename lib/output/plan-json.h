/* plan-json.h: the JSON answer of `plan` (internal).
 *
 * mm_plan_to_json() (`plan --format json`) and the JSON entry point
 * (command "plan") both build their answer here, so both give exactly the
 * same object (as json-output.h does for match and recommend). */
#pragma once

#include "pool-private.h"

#include <json-glib/json-glib.h>

/* Column kinds of a mentor in a JSON person object (the contract (docs/), "The
 * library"): lists as arrays of strings, booleans as true/false, numbers
 * as numbers, the rest as strings. */
typedef enum {
  MM_PLAN_VALUE_TEXT,
  MM_PLAN_VALUE_LIST,
  MM_PLAN_VALUE_BOOLEAN,
  MM_PLAN_VALUE_NUMBER,
} MmPlanValueKind;

/* The kind of mentor column @column (a name of mm_plan_mentor_columns()). */
MmPlanValueKind mm_i_plan_value_kind(const char *column);

/**
 * mm_i_json_build_plan:
 * @builder: receives one complete object (begin/end included).
 * @warnings: (nullable): every warning of the run, for "warnings".
 *
 * Builds {"proposals": [{"rank" (from 1), "young_people_gained",
 * "value_gained", "mentor": {...}, "made_for", "description"}], "summary":
 * {"prefer", "as_of", "mentees", "pinned", "waiting", "matched_before",
 * "value_before", "matched_after", "value_after", "candidates", "solves",
 * "confirmed_by_match", "stopped"}, "warnings": [...]}. "mentor" is the
 * proposed mentor as a JSON person (its non-empty columns, typed as a
 * request's mentors are), ready to append to a request's "mentors";
 * "stopped" is null unless fewer proposals were made than asked for.
 */
void mm_i_json_build_plan(JsonBuilder *builder, const MmPool *pool,
                        const MmConfig *config, const MmPlan *plan,
                        const MmDiagnostics *warnings);
