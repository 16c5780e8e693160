/* cli-common.h: what the subcommands of the mentormatch CLI share.
 *
 * Each subcommand parses its own flags (one GOptionContext each), then loads
 * its inputs here, prints every problem found to stderr, builds its whole
 * output in memory and writes it once at the end: a run that fails writes
 * nothing. Exit codes are fixed by the contract (docs/) ("The CLI"). */
#pragma once

#include "mentormatch.h"

#include <glib.h>

typedef enum {
  CLI_EXIT_OK = 0,
  CLI_EXIT_BAD_INPUT = 1, /* every problem printed as FILE:LINE: column NAME */
  CLI_EXIT_USAGE = 2,     /* unknown command, missing or bad flag, stray args */
} CliExit;

typedef enum {
  CLI_FORMAT_CSV,
  CLI_FORMAT_JSON,
} CliFormat;

/* The flags every subcommand takes (strings owned, g_free'd by
 * cli_input_args_clear). */
typedef struct {
  char *mentees;
  char *mentors;
  char *config; /* NULL: the built-in defaults */
  char *as_of;  /* NULL: today */
  char *pinned; /* NULL: no existing matches */
} CliInputArgs;

/* The loaded inputs. diags holds every problem of both files, the config,
 * preparing the pool and the pins, in that order; the commands add theirs
 * (a pin that breaks a hard rule) and every output carries the warnings. */
typedef struct {
  MmPool *pool;
  MmConfig *config;
  MmPins *pins; /* NULL without --pinned */
  MmDiagnostics *diags;
} CliInputs;

/* One subcommand: argv[0] is its name ("match"). Returns a CliExit. */
typedef int (*CliCommandFunc)(int argc, char **argv);

int cli_validate(int argc, char **argv);
int cli_recommend(int argc, char **argv);
int cli_match(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_plan(int argc, char **argv);
int cli_generate(int argc, char **argv);

/* Creates a command's option context with --mentees, --mentors, --config,
 * --as-of and --pinned already in its main group; the caller adds its own
 * entries. */
GOptionContext *cli_option_context_new(const char *summary,
                                       CliInputArgs *inputs);

/* Parses @argv (argv[0] = the command name) and checks what every command
 * needs: no stray arguments, --mentees and --mentors given, --as-of a date.
 * Prints the problem and returns CLI_EXIT_USAGE, else CLI_EXIT_OK. */
CliExit cli_parse(GOptionContext *context, const char *command, int argc,
                  char **argv, const CliInputArgs *inputs);

/* Prints "mentormatch COMMAND: message" and a pointer to --help on stderr;
 * returns CLI_EXIT_USAGE. */
CliExit cli_usage_error(const char *command, const char *format, ...)
    G_GNUC_PRINTF(2, 3);

/* Reads --mode (NULL leaves @mode as it is). Returns CLI_EXIT_OK, or a
 * usage error already printed. */
CliExit cli_mode_from_flag(const char *command, const char *name,
                           MmMode *mode);

/* "csv" or "json" (NULL means csv); FALSE for anything else. */
gboolean cli_format_from_name(const char *name, CliFormat *format);

void cli_input_args_clear(CliInputArgs *args);

/* Loads both pools and the config, prepares the pool and loads the pins,
 * going on after problems so that every one is found. Prints nothing.
 * Returns TRUE when there was no error (warnings allowed). Free with
 * cli_inputs_clear(). */
gboolean cli_inputs_load(CliInputs *inputs, const CliInputArgs *args);
void cli_inputs_clear(CliInputs *inputs);

/* Prints every diagnostic of @diags from the @first on to stderr, one per
 * line, as mm_diagnostic_format() gives it; says how many were dropped past
 * the list's cap. */
void cli_print_diagnostics_from(const MmDiagnostics *diags, guint first);
#define cli_print_diagnostics(diags) cli_print_diagnostics_from((diags), 0)

/* Writes the @length bytes of @data to @path (atomically, readable by the
 * owner only) or to stdout when @path is NULL or "-". Prints why on failure
 * and returns CLI_EXIT_BAD_INPUT; CLI_EXIT_OK on success. */
CliExit cli_write_output(const char *path, const char *data, gsize length);

/* Checks, before any work, that each non-NULL output path (other than "-")
 * can be written: not a directory, in a folder that exists and is writable,
 * not one of the @inputs (NULL entries skipped), and not named twice.
 * @flags[k] names the flag of @outputs[k] in the message. Returns
 * CLI_EXIT_OK, or a usage error already printed. */
CliExit cli_check_outputs(const char *command, const char *const *inputs,
                          gsize n_inputs, const char *const *flags,
                          const char *const *outputs, gsize n_outputs);
