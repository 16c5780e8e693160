/* cli-generate.c: `mentormatch generate`, realistic synthetic pools for
 * demos and benchmarks (cli/generate/synthetic.c says what the people are drawn
 * from). Writes DIR/mentees.csv and DIR/mentors.csv, each atomically and
 * readable by the owner only, like every other output. */
#include "cli-common.h"
#include "synthetic.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* Large enough for a national pool several times over; small enough that
 * the CSV text (about 250 bytes a person) stays well inside memory. */
#define GENERATE_MENTEES_MAX 1000000
#define GENERATE_MENTORS_MAX 1000000

/* The folder is made owner-only too: it holds nothing but the pools. */
#define GENERATE_DIR_MODE 0700

typedef struct {
  char *mentees; /* numbers as given, parsed strictly below */
  char *mentors;
  char *seed;
  char *dir;
} GenerateArgs;

static void generate_args_clear(GenerateArgs *args) {
  g_free(args->mentees);
  g_free(args->mentors);
  g_free(args->seed);
  g_free(args->dir);
}

/* A whole number in @min..@max, digits only (no sign, no blanks). */
static gboolean parse_count(const char *flag, const char *text, guint64 min,
                            guint64 max, guint64 *value) {
  GError *error = NULL;
  if (text == NULL) {
    cli_usage_error("generate", "%s is required", flag);
    return FALSE;
  }
  if (!g_ascii_string_to_unsigned(text, 10, min, max, value, &error)) {
    cli_usage_error("generate",
                    "%s must be a whole number from %" G_GUINT64_FORMAT
                    " to %" G_GUINT64_FORMAT " (found \"%s\")",
                    flag, min, max, text);
    g_error_free(error);
    return FALSE;
  }
  return TRUE;
}

/* Parses the flags; returns CLI_EXIT_OK or CLI_EXIT_USAGE (printed). */
static CliExit parse_args(int argc, char **argv, GenerateArgs *args,
                          guint *n_mentees, guint *n_mentors, guint32 *seed) {
  const GOptionEntry entries[] = {
      {"mentees", 0, 0, G_OPTION_ARG_STRING, &args->mentees,
       "Number of young people (required, 1-1000000)", "N"},
      {"mentors", 0, 0, G_OPTION_ARG_STRING, &args->mentors,
       "Number of mentors (required, 1-1000000)", "M"},
      {"seed", 0, 0, G_OPTION_ARG_STRING, &args->seed,
       "Random seed, 0-4294967295 (default 1): the same seed gives the same "
       "files",
       "S"},
      {"dir", 0, 0, G_OPTION_ARG_FILENAME, &args->dir,
       "Folder for mentees.csv and mentors.csv, created if missing (required)",
       "DIR"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *context = g_option_context_new(NULL);
  g_option_context_set_summary(
      context, "Writes realistic synthetic pools of invented people to "
               "DIR/mentees.csv and DIR/mentors.csv.");
  g_option_context_add_main_entries(context, entries, NULL);
  g_set_prgname("mentormatch generate");
  GError *error = NULL;
  gboolean parsed = g_option_context_parse(context, &argc, &argv, &error);
  g_option_context_free(context);
  if (!parsed) {
    cli_usage_error("generate", "%s", error->message);
    g_error_free(error);
    return CLI_EXIT_USAGE;
  }
  if (argc > 1)
    return cli_usage_error("generate", "unexpected argument '%s'", argv[1]);
  guint64 mentees, mentors, seed64 = 1;
  if (!parse_count("--mentees", args->mentees, 1, GENERATE_MENTEES_MAX,
                   &mentees) ||
      !parse_count("--mentors", args->mentors, 1, GENERATE_MENTORS_MAX,
                   &mentors) ||
      (args->seed != NULL &&
       !parse_count("--seed", args->seed, 0, G_MAXUINT32, &seed64)))
    return CLI_EXIT_USAGE;
  if (args->dir == NULL || *args->dir == '\0')
    return cli_usage_error("generate", "--dir DIR is required");
  *n_mentees = (guint)mentees;
  *n_mentors = (guint)mentors;
  *seed = (guint32)seed64;
  return CLI_EXIT_OK;
}

/* Generates one side and writes it to DIR/NAME. */
static CliExit write_side(const char *dir, const char *name, MmSide side,
                          guint n, guint n_mentors, guint32 seed) {
  char *text = mm_synthetic_csv(side, n, n_mentors, seed);
  char *path = g_build_filename(dir, name, NULL);
  CliExit status = cli_write_output(path, text, strlen(text));
  if (status == CLI_EXIT_OK)
    printf("%s: %u %s\n", path, n,
           side == MM_SIDE_MENTEE ? "young people" : "mentors");
  g_free(path);
  g_free(text);
  return status;
}

int cli_generate(int argc, char **argv) {
  GenerateArgs args = {0};
  guint n_mentees = 0, n_mentors = 0;
  guint32 seed = 0;
  CliExit status = parse_args(argc, argv, &args, &n_mentees, &n_mentors, &seed);
  if (status == CLI_EXIT_OK &&
      g_mkdir_with_parents(args.dir, GENERATE_DIR_MODE) != 0) {
    fprintf(stderr, "mentormatch: %s: cannot create folder: %s\n", args.dir,
            g_strerror(errno));
    status = CLI_EXIT_BAD_INPUT;
  }
  if (status == CLI_EXIT_OK)
    status = write_side(args.dir, "mentees.csv", MM_SIDE_MENTEE, n_mentees,
                        n_mentors, seed);
  if (status == CLI_EXIT_OK)
    status = write_side(args.dir, "mentors.csv", MM_SIDE_MENTOR, n_mentors,
                        n_mentors, seed);
  generate_args_clear(&args);
  return status;
}
