/* cli-paths.c: output paths checked before any work is done.
 *
 * A run that would only fail at the end (output into a folder that does not
 * exist) wastes a coordinator's time, and one whose output replaces one of
 * its own inputs loses data: both are refused up front, as usage errors. */
#include "cli-common.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static gboolean same_file(const GStatBuf *a, const char *path) {
  GStatBuf b;
  return path != NULL && g_stat(path, &b) == 0 && a->st_dev == b.st_dev &&
         a->st_ino == b.st_ino;
}

/* Why @output cannot be written, or NULL when it can. */
static const char *output_problem(const char *output,
                                  const char *const *inputs, gsize n_inputs) {
  GStatBuf st;
  if (g_stat(output, &st) == 0) {
    if (S_ISDIR(st.st_mode))
      return "is a directory";
    for (gsize k = 0; k < n_inputs; k++)
      if (same_file(&st, inputs[k]))
        return "is one of the input files; it would be overwritten";
  }
  g_autofree char *dir = g_path_get_dirname(output);
  if (!g_file_test(dir, G_FILE_TEST_IS_DIR))
    return "its folder does not exist";
  if (access(dir, W_OK | X_OK) != 0)
    return "its folder is not writable";
  return NULL;
}

CliExit cli_check_outputs(const char *command, const char *const *inputs,
                          gsize n_inputs, const char *const *flags,
                          const char *const *outputs, gsize n_outputs) {
  for (gsize k = 0; k < n_outputs; k++) {
    if (outputs[k] == NULL || strcmp(outputs[k], "-") == 0)
      continue;
    const char *problem = output_problem(outputs[k], inputs, n_inputs);
    if (problem != NULL)
      return cli_usage_error(command, "%s %s: %s", flags[k], outputs[k],
                             problem);
    for (gsize other = 0; other < k; other++)
      if (outputs[other] != NULL && strcmp(outputs[other], outputs[k]) == 0)
        return cli_usage_error(command, "%s and %s name the same file",
                               flags[other], flags[k]);
  }
  return CLI_EXIT_OK;
}
