/* test-files.c: temporary files and CSV text read back, for the unit
 * tests that run the CLI (test-common.h). Not in the API tests' build: it
 * reads CSV with the library's internal reader. */
#include "test-common.h"
#include "csv-reader.h"

#include <glib/gstdio.h>
#include <string.h>

char *mm_test_tmp_dir_new(void) {
  char *dir = g_dir_make_tmp("mm-test-XXXXXX", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
  return dir;
}

char *mm_test_write(const char *dir, const char *name, const char *text) {
  char *path = g_build_filename(dir, name, NULL);
  CU_ASSERT_TRUE(g_file_set_contents(path, text, -1, NULL));
  return path;
}

char *mm_test_read(const char *path) {
  char *text = NULL;
  g_file_get_contents(path, &text, NULL, NULL);
  return text;
}

guint mm_test_count_entries(const char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  guint n = 0;
  while (d != NULL && g_dir_read_name(d) != NULL)
    n++;
  if (d != NULL)
    g_dir_close(d);
  return n;
}

void mm_test_tmp_dir_remove(char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
    char *path = g_build_filename(dir, name, NULL);
    g_unlink(path);
    g_free(path);
  }
  if (d != NULL)
    g_dir_close(d);
  g_rmdir(dir);
  g_free(dir);
}

static gboolean collect_record(const MmCsvRecord *record, gpointer data) {
  GPtrArray *rows = data;
  GStrvBuilder *builder = g_strv_builder_new();
  for (guint i = 0; i < record->n_fields; i++)
    g_strv_builder_add(builder, record->fields[i]);
  g_ptr_array_add(rows, g_strv_builder_end(builder));
  g_strv_builder_unref(builder);
  return TRUE;
}

GPtrArray *mm_test_parse_csv(const char *text) {
  GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
  MmCsvFailure failure;
  CU_ASSERT_TRUE(mm_i_csv_read(text, strlen(text), collect_record, rows,
                               &failure));
  return rows;
}

gint mm_test_csv_column(GPtrArray *rows, const char *name) {
  char **header = g_ptr_array_index(rows, 0);
  for (guint k = 0; header[k] != NULL; k++)
    if (strcmp(header[k], name) == 0)
      return (gint)k;
  return -1;
}

