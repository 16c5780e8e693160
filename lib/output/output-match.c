/* output-match.c: the outputs of match and recommend as text (mm-output.h):
 * CSV rows here, JSON answers through json-output.c. */
#include "csv-writer.h"
#include "json-output.h"

/* ---- match ---- */

static void append_matching_header(GString *out, gboolean explain) {
  g_string_append(out, "mentee_id,mentor_id,score,status,reason,flags");
  for (guint c = 0; explain && c < MM_N_CRITERIA; c++)
    g_string_append_printf(out, ",c_%s", mm_criterion_name((MmCriterion)c));
  if (explain)
    g_string_append(out, ",value,reasons");
  mm_i_csv_end_row(out);
}

/* The c_<criterion> columns, value and reasons of one row; empty when
 * unmatched. */
static void append_explanation(GString *out, const MmPool *pool,
                               const MmConfig *config,
                               const MmMatching *matching, guint mentee,
                               gint mentor) {
  if (mentor < 0) {
    for (guint c = 0; c <= MM_N_CRITERIA + 1; c++) /* and value, reasons */
      mm_i_csv_append_separator(out);
    return;
  }
  g_autoptr(MmExplanation) explanation =
      mm_explain_pair(pool, config, mentee, (guint)mentor);
  for (guint c = 0; c < MM_N_CRITERIA; c++) {
    mm_i_csv_append_separator(out);
    mm_csv_append_number(
        out, mm_explanation_contribution(explanation, (MmCriterion)c),
        MM_CSV_SCORE_DECIMALS);
  }
  mm_i_csv_append_separator(out);
  mm_csv_append_number(out, mm_matching_value(matching, mentee),
                       MM_CSV_SCORE_DECIMALS);
  g_autofree char *reasons = mm_explanation_reasons_text(explanation);
  mm_i_csv_append_separator(out);
  mm_csv_append_text(out, reasons);
}

static void append_matching_row(GString *out, const MmPool *pool,
                                const MmConfig *config,
                                const MmMatching *matching, guint mentee,
                                gboolean explain) {
  gint mentor = mm_matching_mentor(matching, mentee);
  mm_csv_append_text(out, mm_pool_mentee_id(pool, mentee));
  mm_i_csv_append_separator(out);
  if (mentor >= 0) {
    mm_csv_append_text(out, mm_pool_mentor_id(pool, (guint)mentor));
    mm_i_csv_append_separator(out);
    mm_csv_append_number(out, mm_matching_score(matching, mentee),
                         MM_CSV_SCORE_DECIMALS);
  } else {
    mm_i_csv_append_separator(out); /* mentor_id and score stay empty */
  }
  mm_i_csv_append_separator(out);
  mm_csv_append_text(out,
                     mm_match_status_name(mm_matching_status(matching, mentee)));
  mm_i_csv_append_separator(out);
  mm_csv_append_text(out, mm_matching_reason(matching, mentee));
  mm_i_csv_append_separator(out);
  g_auto(GStrv) flags = mm_matching_flags(matching, mentee);
  g_autofree char *joined = g_strjoinv(";", flags);
  mm_csv_append_text(out, joined);
  if (explain)
    append_explanation(out, pool, config, matching, mentee, mentor);
  mm_i_csv_end_row(out);
}

char *mm_matching_to_csv(const MmPool *pool, const MmConfig *config,
                         const MmMatching *matching, MmOutputFlags flags) {
  g_return_val_if_fail(pool != NULL && config != NULL && matching != NULL,
                       NULL);
  gboolean explain = (flags & MM_OUTPUT_EXPLAIN) != 0;
  GString *out = g_string_new(NULL);
  append_matching_header(out, explain);
  for (guint i = 0; i < mm_pool_n_mentees(pool); i++)
    append_matching_row(out, pool, config, matching, i, explain);
  return mm_i_csv_finish(out, (flags & MM_OUTPUT_EXCEL) != 0);
}

char *mm_matching_to_json(const MmPool *pool, const MmConfig *config,
                          const MmMatching *matching, MmMode mode,
                          MmOutputFlags flags, const MmDiagnostics *warnings) {
  g_return_val_if_fail(pool != NULL && config != NULL && matching != NULL,
                       NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new();
  mm_i_json_build_matching(builder, pool, config, matching, mode,
                           (flags & MM_OUTPUT_EXPLAIN) != 0, warnings);
  return mm_i_json_answer_text(builder);
}

/* ---- recommend ---- */

static void append_shortlist_row(GString *out, const MmPool *pool,
                                 const MmConfig *config,
                                 const MmShortlist *shortlist, guint i,
                                 guint rank) {
  guint mentee = mm_shortlist_mentee(shortlist, i);
  guint mentor = mm_shortlist_mentor(shortlist, i, rank);
  g_autoptr(MmExplanation) explanation =
      mm_explain_pair(pool, config, mentee, mentor);
  g_autofree char *reasons = mm_explanation_reasons_text(explanation);
  mm_csv_append_text(out, mm_pool_mentee_id(pool, mentee));
  mm_i_csv_append_separator(out);
  mm_csv_append_number(out, rank + 1, 0);
  mm_i_csv_append_separator(out);
  mm_csv_append_text(out, mm_pool_mentor_id(pool, mentor));
  mm_i_csv_append_separator(out);
  mm_csv_append_number(out, mm_shortlist_score(shortlist, i, rank),
                       MM_CSV_SCORE_DECIMALS);
  mm_i_csv_append_separator(out);
  mm_csv_append_text(out, reasons);
  mm_i_csv_end_row(out);
}

/* A mentee with nobody eligible still gets a row, saying why. */
static void append_shortlist_nobody(GString *out, const MmPool *pool,
                                    const MmShortlist *shortlist, guint i) {
  const char *fields[] = {
      mm_pool_mentee_id(pool, mm_shortlist_mentee(shortlist, i)),
      NULL, NULL, NULL, /* rank, mentor_id, score */
      mm_shortlist_reason(shortlist, i)};
  mm_i_csv_append_row(out, fields, G_N_ELEMENTS(fields));
}

char *mm_shortlist_to_csv(const MmPool *pool, const MmConfig *config,
                          const MmShortlist *shortlist, MmOutputFlags flags) {
  g_return_val_if_fail(pool != NULL && config != NULL && shortlist != NULL,
                       NULL);
  static const char *const header[] = {"mentee_id", "rank", "mentor_id",
                                       "score", "reasons"};
  GString *out = g_string_new(NULL);
  mm_i_csv_append_row(out, header, G_N_ELEMENTS(header));
  for (guint i = 0; i < mm_shortlist_n_mentees(shortlist); i++) {
    guint n = mm_shortlist_length(shortlist, i);
    if (n == 0)
      append_shortlist_nobody(out, pool, shortlist, i);
    for (guint rank = 0; rank < n; rank++)
      append_shortlist_row(out, pool, config, shortlist, i, rank);
  }
  return mm_i_csv_finish(out, (flags & MM_OUTPUT_EXCEL) != 0);
}

char *mm_shortlist_to_json(const MmPool *pool, const MmConfig *config,
                           const MmShortlist *shortlist,
                           const MmDiagnostics *warnings) {
  g_return_val_if_fail(pool != NULL && config != NULL && shortlist != NULL,
                       NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new();
  mm_i_json_build_shortlist(builder, pool, config, shortlist, warnings);
  return mm_i_json_answer_text(builder);
}
