/* dates.h: calendar dates as whole days (internal).
 *
 * waiting_since and the as-of date are `YYYY-MM-DD` (the contract (docs/)). They are held
 * as Julian day numbers (GDate's count of days since 1 January of year 1), so
 * that the weeks a young person has waited are a subtraction. */
#pragma once

#include <glib.h>

/* 0 means "no date". */
typedef guint32 MmDay;
#define MM_NO_DAY ((MmDay)0)

/* @text as a strict `YYYY-MM-DD` date (four-digit year, two-digit month and
 * day, a real day of the calendar); FALSE otherwise. */
gboolean mm_i_day_parse(const char *text, MmDay *day);

/* Today in local time. */
MmDay mm_i_day_today(void);

/* @day as `YYYY-MM-DD` into @out (at least 11 bytes). */
void mm_i_day_format(MmDay day, char out[11]);
