/* mm-output.h: every output `mentormatch` writes, as text.
 *
 * The program formats nothing itself: a case-management system calling
 * these functions gets exactly the bytes `mentormatch match|recommend|plan`
 * writes for the same data (tests/golden/ holds them). Each function
 * returns the whole text in memory; writing it (atomically, readable by the
 * owner only: the outputs hold special-category personal data) is the
 * caller's job, as docs/personal-data.md asks.
 *
 * CSV outputs are RFC 4180 with LF line ends (so they compare cleanly with
 * diff), safe to open in a spreadsheet: a text that a spreadsheet would run
 * as a formula is neutralised (mm_csv_append_text()). Scores and other
 * figures have MM_CSV_SCORE_DECIMALS decimals, through mm_figure_round().
 * JSON outputs are the answers mm_json() gives (docs/json.md): pretty,
 * members in a fixed order, ending in a newline.
 *
 * Every returned text is newly allocated UTF-8; free it with g_free().
 *
 * Include <mentormatch.h>, never this header directly. */
#pragma once

#if !defined(MENTORMATCH_INSIDE) && !defined(MENTORMATCH_COMPILATION)
#error "Only <mentormatch.h> can be included directly."
#endif

#include "mm-common.h"
#include "mm-config.h"
#include "mm-diagnostics.h"
#include "mm-match.h"
#include "mm-plan.h"
#include "mm-pool.h"
#include "mm-recommend.h"

G_BEGIN_DECLS

/* Decimals of scores, values and contributions in every CSV output. */
#define MM_CSV_SCORE_DECIMALS 2

/**
 * MmOutputFlags:
 * @MM_OUTPUT_DEFAULT: the plain output.
 * @MM_OUTPUT_EXPLAIN: match only: each row also gives every criterion's
 *   contribution, the value and the reasons (`match --explain`).
 * @MM_OUTPUT_EXCEL: CSV only: what Excel opens with accented names intact
 *   (`--excel`): a UTF-8 byte order mark first and CRLF line ends.
 *
 * How an output is written; flags a format has no use for are ignored.
 */
typedef enum {
  MM_OUTPUT_DEFAULT = 0,
  MM_OUTPUT_EXPLAIN = 1 << 0,
  MM_OUTPUT_EXCEL = 1 << 1,
} MmOutputFlags;

/**
 * mm_matching_to_csv:
 * @pool: the pool @matching was computed on.
 * @config: the config it was computed with (explanations use it).
 * @matching: a result of mm_match().
 * @flags: %MM_OUTPUT_EXPLAIN, %MM_OUTPUT_EXCEL.
 *
 * The match output: a header, then one row per mentee in input order,
 * mentee_id,mentor_id,score,status,reason,flags (mentor_id and score empty
 * when unmatched; flags ';'-separated). With %MM_OUTPUT_EXPLAIN, the
 * columns c_<criterion> (mm_criterion_name() order), value and reasons
 * follow, empty when unmatched.
 *
 * Returns: (transfer full): the CSV text; free with g_free().
 */
MM_EXTERN char *mm_matching_to_csv(const MmPool *pool, const MmConfig *config,
                                   const MmMatching *matching,
                                   MmOutputFlags flags);

/**
 * mm_matching_to_json:
 * @pool: the pool @matching was computed on.
 * @config: the config it was computed with.
 * @matching: a result of mm_match().
 * @mode: the mode @matching was computed with, named in the summary.
 * @flags: %MM_OUTPUT_EXPLAIN.
 * @warnings: (nullable): every warning of the run (loading the pools and
 *   pins, pins that break a hard rule), for the answer's "warnings".
 *
 * The match answer, as mm_json() command "match" gives it:
 * {"matches": [...], "summary": {...}, "warnings": [...]} (docs/json.md).
 *
 * Returns: (transfer full): the JSON text; free with g_free().
 */
MM_EXTERN char *mm_matching_to_json(const MmPool *pool, const MmConfig *config,
                                    const MmMatching *matching, MmMode mode,
                                    MmOutputFlags flags,
                                    const MmDiagnostics *warnings);

/**
 * mm_shortlist_to_csv:
 * @pool: the pool @shortlist was computed on.
 * @config: the config it was computed with (reasons use it).
 * @shortlist: a result of mm_recommend() or mm_recommend_with().
 * @flags: %MM_OUTPUT_EXCEL.
 *
 * The recommend output: a header, then mentee_id,rank,mentor_id,score,
 * reasons, one row per listed mentor (rank from 1) in the shortlist's
 * order; a young person with nobody eligible gets one row with rank,
 * mentor_id and score empty and the reason in reasons.
 *
 * Returns: (transfer full): the CSV text; free with g_free().
 */
MM_EXTERN char *mm_shortlist_to_csv(const MmPool *pool, const MmConfig *config,
                                    const MmShortlist *shortlist,
                                    MmOutputFlags flags);

/**
 * mm_shortlist_to_json:
 * @pool: the pool @shortlist was computed on.
 * @config: the config it was computed with.
 * @shortlist: a result of mm_recommend() or mm_recommend_with().
 * @warnings: (nullable): every warning of the run, for "warnings".
 *
 * The recommend answer, as mm_json() command "recommend" gives it:
 * {"recommendations": [...], "warnings": [...]} (docs/json.md).
 *
 * Returns: (transfer full): the JSON text; free with g_free().
 */
MM_EXTERN char *mm_shortlist_to_json(const MmPool *pool, const MmConfig *config,
                                     const MmShortlist *shortlist,
                                     const MmDiagnostics *warnings);

/**
 * mm_plan_to_csv:
 * @plan: a result of mm_plan().
 * @mentor_header: (nullable) (array zero-terminated=1): the column names of
 *   the mentor file the proposals are meant for, in its order and spelling
 *   (mm_csv_file_header() reads them); NULL for the contract's column order
 *   (mm_plan_mentor_columns()).
 * @flags: %MM_OUTPUT_EXCEL.
 * @added: (out) (optional) (transfer full) (array zero-terminated=1): the
 *   columns a proposal fills that @mentor_header lacks, which the output
 *   puts after the file's own (the caller may warn that the file needs
 *   them); an empty list when none, or when @mentor_header is NULL. Free
 *   with g_strfreev().
 *
 * The plan output: rank,young_people_gained,value_gained, then the proposed
 * mentor's columns in the order of @mentor_header (its spelling kept; a
 * column plan does not fill, or one it names twice, is left empty), so that
 * a row minus its first three fields can be pasted at the end of that file.
 * Without @mentor_header, every column of mm_plan_mentor_columns(), in
 * that order. Numbers are written as they are (a longitude's '-' is a sign, not
 * a formula).
 *
 * Returns: (transfer full): the CSV text; free with g_free().
 */
MM_EXTERN char *mm_plan_to_csv(const MmPlan *plan,
                               const char *const *mentor_header,
                               MmOutputFlags flags, char ***added);

/**
 * mm_plan_to_json:
 * @pool: the pool @plan was made for.
 * @config: the config it was made with.
 * @plan: a result of mm_plan().
 * @warnings: (nullable): every warning of the run, for "warnings".
 *
 * The plan answer, as mm_json() command "plan" gives it: {"proposals":
 * [...], "summary": {...}, "warnings": [...]} (docs/json.md).
 *
 * Returns: (transfer full): the JSON text; free with g_free().
 */
MM_EXTERN char *mm_plan_to_json(const MmPool *pool, const MmConfig *config,
                                const MmPlan *plan,
                                const MmDiagnostics *warnings);

/**
 * mm_csv_file_header:
 * @path: a CSV file (UTF-8, a byte order mark allowed).
 * @error: %MM_ERROR_IO with @path when the file cannot be read;
 *   %MM_ERROR_INVALID_INPUT when it has no header record.
 *
 * Reads the first record of @path as the CSV loader reads it, from at most
 * the first MiB of the file (a record cut short there does not count), for
 * mm_plan_to_csv().
 *
 * Returns: (transfer full) (array zero-terminated=1): the column names, or
 *   NULL on error; free with g_strfreev().
 */
MM_EXTERN char **mm_csv_file_header(const char *path, GError **error);

/* CSV fields, for a caller that writes a CSV of its own (the CLI's
 * --dump-scores) with the same rules as the outputs above. Rows are built
 * in a GString: a field, ',', a field, ..., '\n'. */

/**
 * mm_csv_append_text:
 * @out: the text being built.
 * @text: (nullable): UTF-8 text; NULL writes an empty field.
 *
 * Appends one text field. A text that a spreadsheet would run as a formula
 * (first character '=', '+', '-', '@', TAB or CR; OWASP's list) is
 * neutralised by a leading single quote, which the spreadsheet shows as
 * text. The field is then quoted ("...", inner quotes doubled) when it holds
 * a comma, a quote, CR or LF, or begins or ends with a blank (a reader would
 * otherwise trim it). Reading the output back gives the text, with the quote
 * in front when it was neutralised.
 */
MM_EXTERN void mm_csv_append_text(GString *out, const char *text);

/**
 * mm_csv_append_number:
 * @out: the text being built.
 * @value: the number.
 * @decimals: digits after the decimal point, 0-17; with
 *   MM_CSV_SCORE_DECIMALS, @value is first rounded by mm_figure_round().
 *
 * Appends @value as a plain number ("%.*f"), never neutralised (a negative
 * number stays a number), with a '.' whatever the locale. -0 is written as
 * 0; NaN or infinity, which no output should hold, as an empty field.
 */
MM_EXTERN void mm_csv_append_number(GString *out, double value, int decimals);

/**
 * mm_csv_for_excel:
 * @csv: a whole CSV text, changed in place.
 *
 * Makes @csv what Excel opens with accented names intact (%MM_OUTPUT_EXCEL):
 * a UTF-8 byte order mark first, and CRLF line ends (line breaks inside
 * quoted fields too, which Excel shows the same).
 */
MM_EXTERN void mm_csv_for_excel(GString *csv);

G_END_DECLS
