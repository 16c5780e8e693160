/* mentormatch.c: the command line. Dispatches to one subcommand; each lives
 * in its own cli-<command>.c and parses its own flags.
 *
 * Exit codes (the contract (docs/)): 0 success, 1 bad input, 2 usage error. */
#include "cli-common.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const char *name;
  CliCommandFunc run;
} CliCommand;

static const CliCommand commands[] = {
    {"validate", cli_validate},
    {"recommend", cli_recommend},
    {"match", cli_match},
    {"report", cli_report},
    {"plan", cli_plan},
    {"generate", cli_generate},
};

static const char usage_text[] =
    "Usage:\n"
    "  mentormatch match     --mentees F --mentors F [--config F]\n"
    "                        [--mode optimal|stable|greedy] [--pinned F]\n"
    "                        [--format csv|json] [--output F] [--explain]\n"
    "                        [--dump-scores F] [--threads N] [--quiet]\n"
    "  mentormatch recommend --mentees F --mentors F [--config F] [--top K]\n"
    "                        [--mentee ID] [--format csv|json] [--output F]\n"
    "  mentormatch validate  --mentees F --mentors F [--config F] [--strict]\n"
    "  mentormatch report    --mentees F --mentors F [--config F] [--mode M]\n"
    "                        [--html F] [--format text|json] [--min-cell N]\n"
    "  mentormatch plan      --mentees F --mentors F [--config F] [--pinned F]\n"
    "                        [--recruit K] [--format csv|json] [--output F]\n"
    "  mentormatch generate  --mentees N --mentors M [--seed S] --dir D\n"
    "  mentormatch --version\n"
    "\n"
    "Matches care-experienced young people with mentors. 'mentormatch\n"
    "COMMAND --help' describes each command's flags.\n"
    "Exit status: 0 success, 1 bad input, 2 usage error.\n";

static int usage(FILE *stream, int exit_code) {
  fputs(usage_text, stream);
  return exit_code;
}

int main(int argc, char **argv) {
  /* The character set only, so that --help prints in the terminal's
   * encoding; numbers keep '.' whatever the locale (LC_NUMERIC stays "C"). */
  setlocale(LC_CTYPE, "");
  if (argc < 2)
    return usage(stderr, CLI_EXIT_USAGE);
  const char *name = argv[1];
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
      strcmp(name, "help") == 0)
    return usage(stdout, CLI_EXIT_OK);
  if (strcmp(name, "--version") == 0) {
    printf("mentormatch %s\n", mm_version());
    return CLI_EXIT_OK;
  }
  for (guint k = 0; k < G_N_ELEMENTS(commands); k++)
    if (strcmp(name, commands[k].name) == 0)
      return commands[k].run(argc - 1, argv + 1);
  fprintf(stderr, "mentormatch: unknown command '%s'\n\n", name);
  return usage(stderr, CLI_EXIT_USAGE);
}
