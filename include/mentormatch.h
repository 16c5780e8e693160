/* mentormatch.h: the one header a program includes.
 *
 * mentormatch matches care-experienced children and young people with mentors
 * and befrienders. Data flow one way: load (mm-pool.h) -> score (mm-score.h)
 * -> recommend, match, plan or report -> read results, or take them as the
 * program's outputs (mm-output.h, mm-report.h). The reference is
 * docs/README.md. */
#pragma once

#define MENTORMATCH_INSIDE
#include "mm-common.h"
#include "mm-version.h"
#include "mm-diagnostics.h"
#include "mm-config.h"
#include "mm-pool.h"
#include "mm-score.h"
#include "mm-recommend.h"
#include "mm-match.h"
#include "mm-plan.h"
#include "mm-report.h"
#include "mm-output.h"
#include "mm-json.h"
#undef MENTORMATCH_INSIDE
