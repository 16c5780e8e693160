/* output-plan.c: the outputs of plan as text (mm-output.h), and the mentor
 * file's header that lays out its CSV. */
#include "csv-reader.h"
#include "csv-writer.h"
#include "json-output.h"
#include "person-fields.h"
#include "plan-json.h"

#include <errno.h>
#include <stdio.h>

/* A header is read from at most this much of the file's start. */
#define HEADER_MAX_BYTES (1024 * 1024)

/* ---- the mentor file's header ---- */

static gboolean take_header(const MmCsvRecord *record, gpointer user_data) {
  GPtrArray *names = user_data;
  for (guint k = 0; k < record->n_fields; k++)
    g_ptr_array_add(names, g_strdup(record->fields[k]));
  return FALSE; /* the header is all we want */
}

char **mm_csv_file_header(const char *path, GError **error) {
  g_return_val_if_fail(path != NULL, NULL);
  g_return_val_if_fail(error == NULL || *error == NULL, NULL);
  FILE *file = fopen(path, "rb");
  if (file == NULL) {
    int saved_errno = errno;
    g_set_error(error, MM_ERROR, MM_ERROR_IO, "%s: cannot open: %s", path,
                g_strerror(saved_errno));
    return NULL;
  }
  char *data = g_malloc(HEADER_MAX_BYTES);
  gsize length = fread(data, 1, HEADER_MAX_BYTES, file);
  gboolean more = length == HEADER_MAX_BYTES;
  fclose(file);
  if (more) { /* a record cut short must not pass for the header */
    while (length > 0 && data[length - 1] != '\n')
      length--;
  }
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  MmCsvFailure failure;
  mm_i_csv_read(data, length, take_header, names, &failure);
  g_free(data);
  if (names->len == 0) {
    g_ptr_array_free(names, TRUE);
    g_set_error(error, MM_ERROR, MM_ERROR_INVALID_INPUT,
                "%s: no header record", path);
    return NULL;
  }
  g_ptr_array_add(names, NULL);
  return (char **)g_ptr_array_free(names, FALSE);
}

/* ---- the CSV's columns ---- */

/* One output column after the first three: a name to print and the plan's
 * column whose value goes there (NULL: left empty). */
typedef struct {
  const char *header;
  const char *column;
} OutColumn;

/* The output columns for @plan: @header's own, then any column a proposal
 * fills that @header lacks (added to @added); without @header, every
 * column of the contract. */
static GArray *output_columns(const MmPlan *plan, const char *const *header,
                              GPtrArray *added) {
  GArray *out = g_array_new(FALSE, TRUE, sizeof(OutColumn));
  GHashTable *placed = g_hash_table_new(g_str_hash, g_str_equal);
  for (const char *const *name = header; name != NULL && *name != NULL;
       name++) {
    const MmColumn *known = mm_i_column_lookup(MM_SIDE_MENTOR, *name);
    OutColumn c = {*name, NULL};
    if (known != NULL &&
        g_hash_table_add(placed, (gpointer)mm_i_column_name(known)))
      c.column = mm_i_column_name(known);
    g_array_append_val(out, c);
  }
  for (const char *const *name = mm_plan_mentor_columns(); *name != NULL;
       name++) {
    if (g_hash_table_contains(placed, *name))
      continue;
    gboolean used = FALSE;
    for (guint k = 0; k < mm_plan_n_proposals(plan); k++)
      used |= *mm_plan_mentor_value(plan, k, *name) != '\0';
    if (!used && header != NULL)
      continue;
    if (header != NULL)
      g_ptr_array_add(added, g_strdup(*name));
    OutColumn c = {*name, *name};
    g_array_append_val(out, c);
  }
  g_hash_table_destroy(placed);
  return out;
}

/* ---- output ---- */

char *mm_plan_to_csv(const MmPlan *plan, const char *const *mentor_header,
                     MmOutputFlags flags, char ***added) {
  g_return_val_if_fail(plan != NULL, NULL);
  GPtrArray *extra = g_ptr_array_new_with_free_func(g_free);
  GArray *columns = output_columns(plan, mentor_header, extra);
  GString *out = g_string_new("rank,young_people_gained,value_gained");
  for (guint c = 0; c < columns->len; c++) {
    mm_i_csv_append_separator(out);
    mm_csv_append_text(out, g_array_index(columns, OutColumn, c).header);
  }
  mm_i_csv_end_row(out);
  for (guint k = 0; k < mm_plan_n_proposals(plan); k++) {
    g_string_append_printf(out, "%u,%d,", k + 1,
                           mm_plan_young_people_gained(plan, k));
    mm_csv_append_number(out, mm_plan_value_gained(plan, k),
                         MM_CSV_SCORE_DECIMALS);
    for (guint c = 0; c < columns->len; c++) {
      const char *column = g_array_index(columns, OutColumn, c).column;
      mm_i_csv_append_separator(out);
      if (column == NULL)
        continue;
      const char *text = mm_plan_mentor_value(plan, k, column);
      /* numbers as they are: a longitude's '-' is a sign, not a formula */
      if (mm_i_plan_value_kind(column) == MM_PLAN_VALUE_NUMBER)
        g_string_append(out, text);
      else
        mm_csv_append_text(out, text);
    }
    mm_i_csv_end_row(out);
  }
  g_array_free(columns, TRUE);
  g_ptr_array_add(extra, NULL);
  char **extra_names = (char **)g_ptr_array_free(extra, FALSE);
  if (added != NULL)
    *added = extra_names;
  else
    g_strfreev(extra_names);
  return mm_i_csv_finish(out, (flags & MM_OUTPUT_EXCEL) != 0);
}

char *mm_plan_to_json(const MmPool *pool, const MmConfig *config,
                      const MmPlan *plan, const MmDiagnostics *warnings) {
  g_return_val_if_fail(pool != NULL && config != NULL && plan != NULL, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new();
  mm_i_json_build_plan(builder, pool, config, plan, warnings);
  return mm_i_json_answer_text(builder);
}
