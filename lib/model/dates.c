/* dates.c: calendar dates as whole days (see dates.h). */
#include "dates.h"

#include <string.h>

gboolean mm_i_day_parse(const char *text, MmDay *day) {
  /* GDate's own parser accepts many forms and guesses by locale; the
   * contract has exactly one, so the digits are read here. */
  if (text == NULL || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int k = 0; k < 10; k++)
    if (k != 4 && k != 7 && !g_ascii_isdigit(text[k]))
      return FALSE;
  guint year = (guint)g_ascii_strtoull(text, NULL, 10);
  guint month = (guint)g_ascii_strtoull(text + 5, NULL, 10);
  guint dom = (guint)g_ascii_strtoull(text + 8, NULL, 10);
  if (year < 1 || !g_date_valid_dmy((GDateDay)dom, (GDateMonth)month,
                                    (GDateYear)year))
    return FALSE;
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_dmy(&date, (GDateDay)dom, (GDateMonth)month, (GDateYear)year);
  *day = g_date_get_julian(&date);
  return TRUE;
}

MmDay mm_i_day_today(void) {
  GDateTime *now = g_date_time_new_now_local();
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_dmy(&date, (GDateDay)g_date_time_get_day_of_month(now),
                 (GDateMonth)g_date_time_get_month(now),
                 (GDateYear)g_date_time_get_year(now));
  g_date_time_unref(now);
  return g_date_get_julian(&date);
}

void mm_i_day_format(MmDay day, char out[11]) {
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_julian(&date, day);
  g_snprintf(out, 11, "%04u-%02u-%02u", (guint)g_date_get_year(&date),
             (guint)g_date_get_month(&date), (guint)g_date_get_day(&date));
}
