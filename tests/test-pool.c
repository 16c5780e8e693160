/* test-pool.c: person validation and the pool (lib/model/person.c,
 * lib/model/person-fields.c, lib/model/pool.c). */
#include "person-fields.h"
#include "pool-private.h"
#include "test-common.h"

#include <math.h>
#include <string.h>

/* ---- Fixtures ---- */

typedef struct {
  MmPool *pool;
  MmDiagnostics *diags;
  gboolean ok;
} Load;

static const char *side_source(MmSide side) {
  return side == MM_SIDE_MENTEE ? "mentees.csv" : "mentors.csv";
}

/* Loads one side's CSV into a new pool (not prepared). */
static Load load(MmSide side, const char *csv) {
  Load l = {.pool = mm_pool_new(), .diags = mm_diagnostics_new()};
  l.ok = mm_pool_load_csv_data(l.pool, side, csv, strlen(csv),
                               side_source(side), l.diags, NULL);
  return l;
}

static void load_clear(Load *l) {
  mm_pool_free(l->pool);
  mm_diagnostics_free(l->diags);
}

/* Person @i of @side; fails the test (fatally) when there is none. */
static const MmPerson *person(const Load *l, MmSide side, guint i) {
  CU_ASSERT_FATAL(i < l->pool->people[side]->len);
  return g_ptr_array_index(l->pool->people[side], i);
}

static const MmPerson *mentee0(const Load *l) {
  return person(l, MM_SIDE_MENTEE, 0);
}

static const MmPerson *mentor0(const Load *l) {
  return person(l, MM_SIDE_MENTOR, 0);
}

/* One mentee "A" aged 12 on line 2, with @column = @value (quoted, so that
 * blanks around it reach the parser). */
static Load mentee_with(const char *column, const char *value) {
  char *csv = g_strdup_printf("id,age,%s\nA,12,\"%s\"\n", column, value);
  Load l = load(MM_SIDE_MENTEE, csv);
  g_free(csv);
  return l;
}

/* One mentor "M" aged 30, checks cleared, on line 2, with @column = @value. */
static Load mentor_with(const char *column, const char *value) {
  char *csv = g_strdup_printf("id,age,checks_cleared,%s\nM,30,yes,\"%s\"\n",
                              column, value);
  Load l = load(MM_SIDE_MENTOR, csv);
  g_free(csv);
  return l;
}

/* A value that must be refused: one error, at line 2 in @column, whose
 * message holds @fragment, and nobody added. */
static void check_refused(Load l, const char *column, const char *fragment) {
  if (mm_diagnostics_n_errors(l.diags) != 1 ||
      !mm_test_has_diag(l.diags, 2, column, fragment))
    mm_test_dump_diags(l.diags);
  CU_ASSERT_FALSE(l.ok);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 1);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 2, column, fragment));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool) + mm_pool_n_mentors(l.pool), 0);
  load_clear(&l);
}

/* A value that must be taken without any diagnostic. */
static void check_clean(const Load *l) {
  if (mm_diagnostics_length(l->diags) != 0)
    mm_test_dump_diags(l->diags);
  CU_ASSERT_TRUE(l->ok);
  CU_ASSERT_EQUAL(mm_diagnostics_length(l->diags), 0);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l->pool) + mm_pool_n_mentors(l->pool), 1);
}

static gint32 code_of(const MmPool *pool, MmVocab vocab, const char *folded) {
  return mm_i_tokens_lookup(pool->vocab[vocab], folded);
}

/* The folded names of @codes, "a|b|c", as an independent picture of a list. */
static char *codes_text(const MmPool *pool, MmVocab vocab,
                        const MmCodes *codes) {
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < codes->n; i++) {
    if (i > 0)
      g_string_append_c(out, '|');
    g_string_append(out, mm_i_tokens_name(pool->vocab[vocab], codes->codes[i]));
  }
  return g_string_free(out, FALSE);
}

static void check_codes(const MmPool *pool, MmVocab vocab, const MmCodes *codes,
                        const char *expected) {
  char *got = codes_text(pool, vocab, codes);
  CU_ASSERT_STRING_EQUAL(got, expected);
  if (strcmp(got, expected) != 0)
    fprintf(stderr, "\n got: [%s]\nwant: [%s]\n", got, expected);
  g_free(got);
  /* Sorted and distinct: what mm_i_codes_contains() relies on. */
  for (guint i = 1; i < codes->n; i++)
    CU_ASSERT_TRUE(codes->codes[i - 1] < codes->codes[i]);
}

/* ---- id ---- */

static void test_id_trimmed_and_required(void) {
  Load l = mentee_with("gender", "f");
  CU_ASSERT_STRING_EQUAL(mentee0(&l)->id, "A");
  load_clear(&l);
  l = load(MM_SIDE_MENTEE, "id,age\n\"  A b  \",12\n");
  check_clean(&l);
  CU_ASSERT_STRING_EQUAL(mentee0(&l)->id, "A b");
  CU_ASSERT_EQUAL(mm_pool_find_mentee(l.pool, "A b"), 0);
  load_clear(&l);
  check_refused(load(MM_SIDE_MENTEE, "id,age\n\"   \",12\n"), "id",
                "required, but empty");
}

static void test_id_length_limit(void) {
  char *id128 = g_strnfill(MM_ID_MAX_BYTES, 'x');
  char *id129 = g_strnfill(MM_ID_MAX_BYTES + 1, 'x');
  char *csv = g_strdup_printf("id,age\n%s,12\n", id128);
  Load l = load(MM_SIDE_MENTEE, csv);
  check_clean(&l);
  CU_ASSERT_STRING_EQUAL(mentee0(&l)->id, id128);
  load_clear(&l);
  g_free(csv);
  csv = g_strdup_printf("id,age\n%s,12\n", id129);
  check_refused(load(MM_SIDE_MENTEE, csv), "id",
                "129 bytes long, more than the 128");
  g_free(csv);
  /* Multi-byte: 64 two-byte letters are 128 bytes, 65 are 130. */
  GString *e64 = g_string_new(NULL);
  for (int i = 0; i < 64; i++)
    g_string_append(e64, "\xc3\xa9");
  csv = g_strdup_printf("id,age\n%s,12\n%s\xc3\xa9,12\n", e64->str, e64->str);
  l = load(MM_SIDE_MENTEE, csv);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 1);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 3, "id", "130 bytes long"));
  load_clear(&l);
  g_free(csv);
  g_string_free(e64, TRUE);
  g_free(id128);
  g_free(id129);
}

static void test_id_control_character(void) {
  /* A line break inside a quoted id, and an escape character. */
  check_refused(load(MM_SIDE_MENTEE, "id,age\n\"A\nB\",12\n"), "id",
                "control character");
  check_refused(load(MM_SIDE_MENTEE, "id,age\nA\x1b,12\n"), "id",
                "control character");
}

static void test_id_duplicates(void) {
  /* A on line 2 and again on line 4: the second is refused, naming line 2;
   * B on line 3 and C on line 5 still load. */
  Load l = load(MM_SIDE_MENTEE, "id,age\nA,12\nB,13\nA,14\nC,15\n");
  CU_ASSERT_FALSE(l.ok);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 1);
  CU_ASSERT_TRUE(
      mm_test_has_diag(l.diags, 4, "id", "duplicate id, first seen on line 2"));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 3);
  CU_ASSERT_EQUAL(mentee0(&l)->age, 12); /* the first A is kept */
  CU_ASSERT_EQUAL(mm_pool_find_mentee(l.pool, "C"), 2);
  /* Ids are unique per side: a mentor may share a mentee's id. */
  const char *mentors = "id,age,checks_cleared\nA,30,yes\n";
  CU_ASSERT_TRUE(mm_pool_load_csv_data(l.pool, MM_SIDE_MENTOR, mentors,
                                       strlen(mentors), "mentors.csv", l.diags,
                                       NULL));
  /* Across two sources the first one is named. */
  const char *more = "id,age\nZ,12\nB,12\n";
  CU_ASSERT_FALSE(mm_pool_load_csv_data(
      l.pool, MM_SIDE_MENTEE, more, strlen(more), "more.csv", l.diags, NULL));
  CU_ASSERT_TRUE(mm_test_has_diag(
      l.diags, 3, "id", "duplicate id, first seen in mentees.csv on line 3"));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 4);
  load_clear(&l);
  /* Ids are case-sensitive: a and A are two people. */
  l = load(MM_SIDE_MENTEE, "id,age\nA,12\na,12\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 2);
  load_clear(&l);
}

/* ---- age ---- */

static void test_age_bounds(void) {
  /* Mentees 5-30: 5 and 30 are in, 4 and 31 out. Lines 2..5. */
  Load l = load(MM_SIDE_MENTEE, "id,age\nA,5\nB,30\nC,4\nD,31\n");
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 2);
  CU_ASSERT_EQUAL(mentee0(&l)->age, 5);
  CU_ASSERT_EQUAL(person(&l, MM_SIDE_MENTEE, 1)->age, 30);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 4, "age", "'4' is outside 5-30"));
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 5, "age", "'31' is outside 5-30"));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 2);
  load_clear(&l);
  /* Mentors 14-100. */
  l = load(MM_SIDE_MENTOR,
           "id,age,checks_cleared\nA,14,yes\nB,100,yes\nC,13,yes\nD,101,yes\n");
  CU_ASSERT_EQUAL(mm_pool_n_mentors(l.pool), 2);
  CU_ASSERT_EQUAL(mentor0(&l)->age, 14);
  CU_ASSERT_EQUAL(person(&l, MM_SIDE_MENTOR, 1)->age, 100);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 4, "age", "'13' is outside 14-100"));
  CU_ASSERT_TRUE(
      mm_test_has_diag(l.diags, 5, "age", "'101' is outside 14-100"));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 2);
  load_clear(&l);
}

static void test_age_syntax(void) {
  Load l = load(MM_SIDE_MENTEE, "id,age\nA,\" 12 \"\nB,+13\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mentee0(&l)->age, 12);
  CU_ASSERT_EQUAL(person(&l, MM_SIDE_MENTEE, 1)->age, 13);
  load_clear(&l);
  check_refused(load(MM_SIDE_MENTEE, "id,age\nA,12.5\n"), "age",
                "'12.5' is not a whole number");
  check_refused(load(MM_SIDE_MENTEE, "id,age\nA,12.0\n"), "age",
                "not a whole number");
  check_refused(load(MM_SIDE_MENTEE, "id,age\nA,twelve\n"), "age",
                "not a whole number");
  check_refused(load(MM_SIDE_MENTEE, "id,age\nA,12 years\n"), "age",
                "not a whole number");
  check_refused(load(MM_SIDE_MENTEE, "id,age\nA,-12\n"), "age", "outside 5-30");
  check_refused(load(MM_SIDE_MENTEE, "id,age\nA,\n"), "age",
                "required, but empty");
  /* Far beyond 64 bits: out of range, not wrapped round. */
  check_refused(load(MM_SIDE_MENTEE, "id,age\nA,100000000000000000012\n"),
                "age", "outside 5-30");
}

/* ---- tokens ---- */

static void test_gender_and_religion_tokens(void) {
  Load l = load(MM_SIDE_MENTEE, "id,age,gender,religion\n"
                                "A,12,\"  Non-Binary  \",Muslim\n"
                                "B,12,non-binary,\n"
                                "C,12,FEMALE,  muslim\n");
  CU_ASSERT_TRUE(l.ok);
  const MmPerson *a = mentee0(&l), *b = person(&l, MM_SIDE_MENTEE, 1),
                 *c = person(&l, MM_SIDE_MENTEE, 2);
  gint32 nb = code_of(l.pool, MM_VOCAB_GENDER, "non-binary");
  CU_ASSERT_NOT_EQUAL(nb, MM_NO_TOKEN);
  CU_ASSERT_EQUAL(a->gender, nb);
  CU_ASSERT_EQUAL(b->gender, nb);
  CU_ASSERT_EQUAL(c->gender, code_of(l.pool, MM_VOCAB_GENDER, "female"));
  /* The first spelling is kept for display, blanks squeezed. */
  CU_ASSERT_STRING_EQUAL(mm_i_tokens_display(l.pool->vocab[MM_VOCAB_GENDER], nb),
                         "Non-Binary");
  CU_ASSERT_EQUAL(a->religion, code_of(l.pool, MM_VOCAB_RELIGION, "muslim"));
  CU_ASSERT_EQUAL(b->religion, MM_NO_TOKEN);
  CU_ASSERT_EQUAL(c->religion, a->religion);
  /* Each kind has its own vocabulary. */
  CU_ASSERT_EQUAL(mm_i_tokens_count(l.pool->vocab[MM_VOCAB_GENDER]), 2);
  CU_ASSERT_EQUAL(mm_i_tokens_count(l.pool->vocab[MM_VOCAB_RELIGION]), 1);
  load_clear(&l);
}

static void test_ethnicity(void) {
  Load l = load(MM_SIDE_MENTEE, "id,age,ethnicity\n"
                                "A,12,Black: African\n"
                                "B,12,black  :african\n"
                                "C,12,Black\n"
                                "D,12,White:\n"
                                "E,12,Mixed: White and Asian\n"
                                "F,12,\n");
  CU_ASSERT_TRUE(l.ok);
  const MmPerson *p[6];
  for (guint i = 0; i < 6; i++)
    p[i] = person(&l, MM_SIDE_MENTEE, i);
  gint32 black = code_of(l.pool, MM_VOCAB_ETHNIC_GROUP, "black");
  gint32 black_african = code_of(l.pool, MM_VOCAB_ETHNICITY, "black: african");
  CU_ASSERT_NOT_EQUAL(black, MM_NO_TOKEN);
  CU_ASSERT_NOT_EQUAL(black_african, MM_NO_TOKEN);
  CU_ASSERT_EQUAL(p[0]->ethnic_group, black);
  CU_ASSERT_EQUAL(p[0]->ethnicity, black_african);
  CU_ASSERT_EQUAL(p[1]->ethnic_group, black);
  CU_ASSERT_EQUAL(p[1]->ethnicity, black_african);
  /* A group alone, or with an empty detail, has no full ethnicity. */
  CU_ASSERT_EQUAL(p[2]->ethnic_group, black);
  CU_ASSERT_EQUAL(p[2]->ethnicity, MM_NO_TOKEN);
  CU_ASSERT_EQUAL(p[3]->ethnic_group,
                  code_of(l.pool, MM_VOCAB_ETHNIC_GROUP, "white"));
  CU_ASSERT_EQUAL(p[3]->ethnicity, MM_NO_TOKEN);
  CU_ASSERT_EQUAL(p[4]->ethnic_group,
                  code_of(l.pool, MM_VOCAB_ETHNIC_GROUP, "mixed"));
  CU_ASSERT_EQUAL(p[4]->ethnicity, code_of(l.pool, MM_VOCAB_ETHNICITY,
                                           "mixed: white and asian"));
  CU_ASSERT_EQUAL(p[5]->ethnic_group, MM_NO_TOKEN);
  CU_ASSERT_EQUAL(p[5]->ethnicity, MM_NO_TOKEN);
  CU_ASSERT_STRING_EQUAL(
      mm_i_tokens_display(l.pool->vocab[MM_VOCAB_ETHNICITY], black_african),
      "Black: African");
  /* Three groups, two full ethnicities. */
  CU_ASSERT_EQUAL(mm_i_tokens_count(l.pool->vocab[MM_VOCAB_ETHNIC_GROUP]), 3);
  CU_ASSERT_EQUAL(mm_i_tokens_count(l.pool->vocab[MM_VOCAB_ETHNICITY]), 2);
  load_clear(&l);
  check_refused(mentee_with("ethnicity", ": African"), "ethnicity",
                "no group before ':'");
  check_refused(mentee_with("ethnicity", "  :"), "ethnicity", "no group");
}

/* ---- lists ---- */

static void test_list_folding(void) {
  Load l = mentee_with("interests", "  Football ; MUSIC;football");
  check_clean(&l);
  const MmPerson *a = mentee0(&l);
  CU_ASSERT_EQUAL(a->interests.n, 2);
  check_codes(l.pool, MM_VOCAB_INTEREST, &a->interests, "football|music");
  CU_ASSERT_TRUE(mm_i_codes_contains(
      &a->interests, code_of(l.pool, MM_VOCAB_INTEREST, "music")));
  load_clear(&l);
  /* Empty items and repeated blanks. */
  l = mentee_with("interests", ";; cooking   club ;;");
  check_clean(&l);
  check_codes(l.pool, MM_VOCAB_INTEREST, &mentee0(&l)->interests,
              "cooking club");
  load_clear(&l);
  l = mentee_with("interests", " ; ; ");
  check_clean(&l);
  CU_ASSERT_EQUAL(mentee0(&l)->interests.n, 0);
  CU_ASSERT_PTR_NULL(mentee0(&l)->interests.codes);
  load_clear(&l);
}

static void test_lists_use_the_right_vocabulary(void) {
  /* Both sides in one pool, so shared vocabularies are visible. */
  const char *mentees =
      "id,age,languages,pref_language,needs,aspirations,pref_gender,gender,"
      "pref_religion\n"
      "A,15,English;Polish,POLISH,trauma;SEN,Digital,female;male,Female,"
      "Muslim\n";
  const char *mentors =
      "id,age,checks_cleared,languages,skills,sectors,pref_mentee_gender,"
      "religion\n"
      "M,30,yes,polish,Trauma-informed;sen;youth justice "
      "informed,digital;health,"
      "FEMALE,muslim\n";
  Load l = load(MM_SIDE_MENTEE, mentees);
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_TRUE(mm_pool_load_csv_data(l.pool, MM_SIDE_MENTOR, mentors,
                                       strlen(mentors), "mentors.csv", l.diags,
                                       NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_length(l.diags), 0);
  const MmPerson *a = mentee0(&l), *m = mentor0(&l);
  check_codes(l.pool, MM_VOCAB_LANGUAGE, &a->languages, "english|polish");
  check_codes(l.pool, MM_VOCAB_LANGUAGE, &a->pref_language, "polish");
  check_codes(l.pool, MM_VOCAB_LANGUAGE, &m->languages, "polish");
  check_codes(l.pool, MM_VOCAB_NEED, &a->needs, "trauma|sen");
  /* "Trauma-informed" covers need "trauma"; "X informed" works too. */
  check_codes(l.pool, MM_VOCAB_NEED, &m->skills, "trauma|sen|youth justice");
  for (guint i = 0; i < a->needs.n; i++)
    CU_ASSERT_TRUE(mm_i_codes_contains(&m->skills, a->needs.codes[i]));
  check_codes(l.pool, MM_VOCAB_SECTOR, &a->aspirations, "digital");
  check_codes(l.pool, MM_VOCAB_SECTOR, &m->sectors, "digital|health");
  check_codes(l.pool, MM_VOCAB_GENDER, &a->pref_gender, "female|male");
  CU_ASSERT_TRUE(mm_i_codes_contains(&a->pref_gender, a->gender));
  check_codes(l.pool, MM_VOCAB_GENDER, &m->pref_mentee_gender, "female");
  check_codes(l.pool, MM_VOCAB_RELIGION, &a->pref_religion, "muslim");
  CU_ASSERT_TRUE(mm_i_codes_contains(&a->pref_religion, m->religion));
  /* The display of a skill-made need drops the suffix. */
  CU_ASSERT_STRING_EQUAL(
      mm_i_tokens_display(l.pool->vocab[MM_VOCAB_NEED],
                        code_of(l.pool, MM_VOCAB_NEED, "youth justice")),
      "youth justice");
  load_clear(&l);
  /* A mentor loaded first names the need: "Trauma-Informed" shows as
   * "Trauma". A skill that is only "-informed" is kept as it is. */
  l = mentor_with("skills", "Trauma-Informed; -informed");
  check_clean(&l);
  check_codes(l.pool, MM_VOCAB_NEED, &mentor0(&l)->skills, "trauma|-informed");
  CU_ASSERT_STRING_EQUAL(
      mm_i_tokens_display(l.pool->vocab[MM_VOCAB_NEED],
                        code_of(l.pool, MM_VOCAB_NEED, "trauma")),
      "Trauma");
  load_clear(&l);
}

/* ---- booleans ---- */

static void test_booleans(void) {
  static const struct {
    const char *text;
    MmTri value;
  } cases[] = {
      {"yes", MM_TRI_YES}, {"YES", MM_TRI_YES},  {"True", MM_TRI_YES},
      {"y", MM_TRI_YES},   {"1", MM_TRI_YES},    {" Y ", MM_TRI_YES},
      {"no", MM_TRI_NO},   {"False", MM_TRI_NO}, {"N", MM_TRI_NO},
      {"0", MM_TRI_NO},    {"", MM_TRI_UNKNOWN}, {"  ", MM_TRI_UNKNOWN},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    Load l = mentee_with("care_experienced", cases[i].text);
    check_clean(&l);
    CU_ASSERT_EQUAL(mentee0(&l)->care_experienced, cases[i].value);
    load_clear(&l);
    l = mentee_with("remote", cases[i].text);
    CU_ASSERT_EQUAL(mentee0(&l)->remote, cases[i].value);
    load_clear(&l);
    l = mentee_with("pref_care_experienced", cases[i].text);
    CU_ASSERT_EQUAL(mentee0(&l)->pref_care_experienced, cases[i].value);
    load_clear(&l);
  }
  check_refused(mentee_with("care_experienced", "maybe"), "care_experienced",
                "'maybe' is not yes or no");
  check_refused(mentee_with("remote", "yes please"), "remote", "not yes or no");
  check_refused(mentee_with("pref_care_experienced", "2"),
                "pref_care_experienced", "not yes or no");
  check_refused(mentee_with("remote", "oui"), "remote", "use yes/no");
}

/* ---- numbers and location ---- */

/* One mentee with both coordinates. */
static Load location(const char *lat, const char *lon) {
  char *csv = g_strdup_printf("id,age,lat,lon\nA,12,\"%s\",\"%s\"\n", lat, lon);
  Load l = load(MM_SIDE_MENTEE, csv);
  g_free(csv);
  return l;
}

static void test_location(void) {
  Load l = load(MM_SIDE_MENTEE, "id,age,lat,lon\nA,12, 51.5 ,-0.125\n"
                                "B,12,-90,180\nC,12,,\n");
  CU_ASSERT_TRUE(l.ok);
  const MmPerson *a = mentee0(&l);
  CU_ASSERT_TRUE(a->has_location);
  MM_ASSERT_CLOSE(a->lat, 51.5);
  MM_ASSERT_CLOSE(a->lon, -0.125);
  CU_ASSERT_TRUE(person(&l, MM_SIDE_MENTEE, 1)->has_location);
  MM_ASSERT_CLOSE(person(&l, MM_SIDE_MENTEE, 1)->lat, -90.0);
  CU_ASSERT_FALSE(person(&l, MM_SIDE_MENTEE, 2)->has_location);
  load_clear(&l);
  l = load(MM_SIDE_MENTEE, "id,age,lat,lon\nA,12,1e1,+2.5E-1\n");
  MM_ASSERT_CLOSE(mentee0(&l)->lat, 10.0);
  MM_ASSERT_CLOSE(mentee0(&l)->lon, 0.25);
  load_clear(&l);
  check_refused(location("90.0001", "0"), "lat", "outside -90 to 90");
  check_refused(location("0", "-180.5"), "lon", "outside -180 to 180");
  check_refused(location("nan", "0"), "lat", "'nan' is not a number");
  check_refused(location("inf", "0"), "lat", "not a number");
  check_refused(location("0", "-infinity"), "lon", "not a number");
  check_refused(location("1e999", "0"), "lat", "not a number");
  check_refused(location("0x10", "0"), "lat", "not a number");
  check_refused(location("51.5N", "0"), "lat", "not a number");
  check_refused(location("1.2.3", "0"), "lat", "not a number");
  check_refused(location("-", "0"), "lat", "not a number");
  check_refused(location("51,5", "0"), "lat", "use '.' for decimals");
}

/* Every decimal is read to exactly the double g_ascii_strtod() gives (the
 * loader takes a faster path for short plain decimals): tricky values near
 * halfway cases, and many drawn at random, up to and past 15 digits. */
static void test_decimals_read_exactly(void) {
  GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
  const char *fixed[] = {"0.1", "0.3", "52.4413", "-1.9138", "-0", "+.5",
                         "7.", "89.99999999999999", "0.000000000000001",
                         "0.0000000000000001", "12.3456789012345",
                         "-33.3333333333333", "1e1", "45.000000000000004"};
  for (gsize i = 0; i < G_N_ELEMENTS(fixed); i++)
    g_ptr_array_add(texts, g_strdup(fixed[i]));
  GRand *rand = g_rand_new_with_seed(18);
  for (guint i = 0; i < 3000; i++) {
    guint digits = (guint)g_rand_int_range(rand, 1, 19);
    GString *t = g_string_new(g_rand_boolean(rand) ? "-" : "");
    /* At most two digits before the point keeps it a latitude. */
    guint point = (guint)g_rand_int_range(rand, 0, (gint)MIN(digits, 2) + 1);
    for (guint d = 0; d < digits; d++) {
      if (d == point)
        g_string_append_c(t, '.');
      g_string_append_c(t, (char)('0' + g_rand_int_range(rand, 0, 10)));
    }
    if (strcmp(t->str, "-") != 0 && atof(t->str) <= 90 && atof(t->str) >= -90)
      g_ptr_array_add(texts, g_string_free(t, FALSE));
    else
      g_string_free(t, TRUE);
  }
  g_rand_free(rand);
  GString *csv = g_string_new("id,age,lat,lon\n");
  for (guint i = 0; i < texts->len; i++)
    g_string_append_printf(csv, "P%u,12,%s,0\n", i,
                           (const char *)texts->pdata[i]);
  Load l = load(MM_SIDE_MENTEE, csv->str);
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), texts->len);
  for (guint i = 0; i < texts->len && i < mm_pool_n_mentees(l.pool); i++) {
    double want = g_ascii_strtod(texts->pdata[i], NULL);
    double got = person(&l, MM_SIDE_MENTEE, i)->lat;
    CU_ASSERT_EQUAL(memcmp(&want, &got, sizeof want), 0);
    if (memcmp(&want, &got, sizeof want) != 0)
      fprintf(stderr, "\n%s: got %.17g, want %.17g\n",
              (const char *)texts->pdata[i], got, want);
  }
  load_clear(&l);
  g_string_free(csv, TRUE);
  g_ptr_array_unref(texts);
}

/* One scratch reused for rows of two pools (as a caller could): the
 * second pool gets codes of its own, never the first pool's. */
static void test_row_scratch_across_pools(void) {
  const MmColumn *columns[] = {mm_i_column_lookup(MM_SIDE_MENTEE, "id"),
                               mm_i_column_lookup(MM_SIDE_MENTEE, "age"),
                               mm_i_column_lookup(MM_SIDE_MENTEE, "gender"),
                               mm_i_column_lookup(MM_SIDE_MENTEE, "ethnicity")};
  const char *first[] = {"A", "12", "Female", "Black: African"};
  const char *second[] = {"B", "12", "Male", "White: British"};
  MmDiagnostics *diags = mm_diagnostics_new();
  MmRowScratch *scratch = mm_i_row_scratch_new(FALSE);
  MmPool *one = mm_pool_new(), *two = mm_pool_new();
  CU_ASSERT_TRUE(mm_i_pool_add_row(one, MM_SIDE_MENTEE, columns, first, 4,
                                   "one", 2, diags, scratch));
  CU_ASSERT_TRUE(mm_i_pool_add_row(two, MM_SIDE_MENTEE, columns, second, 4,
                                   "two", 2, diags, scratch));
  second[0] = "C";
  for (guint k = 1; k < 4; k++)
    second[k] = first[k];
  CU_ASSERT_TRUE(mm_i_pool_add_row(two, MM_SIDE_MENTEE, columns, second, 4,
                                   "two", 3, diags, scratch));
  /* In pool two, "male" came first: code 0; "female" code 1. */
  const MmPerson *c = g_ptr_array_index(two->people[MM_SIDE_MENTEE], 1);
  CU_ASSERT_EQUAL(c->gender, code_of(two, MM_VOCAB_GENDER, "female"));
  CU_ASSERT_EQUAL(c->gender, 1);
  CU_ASSERT_EQUAL(c->ethnicity, code_of(two, MM_VOCAB_ETHNICITY,
                                        "black: african"));
  CU_ASSERT_EQUAL(c->ethnic_group, code_of(two, MM_VOCAB_ETHNIC_GROUP,
                                           "black"));
  CU_ASSERT_EQUAL(c->ethnic_group, 1);
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 0);
  mm_pool_free(one);
  mm_pool_free(two);
  mm_i_row_scratch_free(scratch);
  mm_diagnostics_free(diags);
}

static void test_location_needs_both(void) {
  /* Line 2 has lat only, line 3 lon only: the error names the missing one. */
  Load l = load(MM_SIDE_MENTEE, "id,age,lat,lon\nA,12,51.5,\nB,12,,0.1\n");
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 2);
  CU_ASSERT_TRUE(
      mm_test_has_diag(l.diags, 2, "lon", "empty, but lat is given"));
  CU_ASSERT_TRUE(
      mm_test_has_diag(l.diags, 3, "lat", "empty, but lon is given"));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 0);
  load_clear(&l);
  /* Without a lon column at all it is the same mistake. */
  check_refused(mentee_with("lat", "51.5"), "lon", "lat is given");
  /* A bad lon is reported once, as itself. */
  l = load(MM_SIDE_MENTEE, "id,age,lat,lon\nA,12,51.5,east\n");
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 1);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 2, "lon", "not a number"));
  load_clear(&l);
}

/* ---- availability ---- */

static void test_availability(void) {
  /* sat = day 5, am = part 0: bit 15; wed = 2, eve = 2: bit 8;
   * mon-am = bit 0. 2^15 + 2^8 + 2^0 = 32768 + 256 + 1 = 33025. */
  Load l = mentee_with("availability", "sat-am; WED-EVE ;mon-am;sat-am");
  check_clean(&l);
  CU_ASSERT_EQUAL(mentee0(&l)->availability, 33025u);
  load_clear(&l);
  l = mentee_with("availability", "");
  CU_ASSERT_EQUAL(mentee0(&l)->availability, 0u);
  load_clear(&l);
  /* sun-eve is the last bit: 6 * 3 + 2 = 20. */
  l = mentee_with("availability", "sun-eve");
  CU_ASSERT_EQUAL(mentee0(&l)->availability, 1u << 20);
  load_clear(&l);
  check_refused(mentee_with("availability", "saturday morning"), "availability",
                "'saturday morning' is not a time slot (use mon..sun with -am, "
                "-pm or -eve");
  check_refused(mentee_with("availability", "sat-am;sat"), "availability",
                "'sat' is not a time slot");
  /* Every bad item is reported. */
  Load bad = mentee_with("availability", "x;mon-am;y");
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(bad.diags), 2);
  CU_ASSERT_TRUE(mm_test_has_diag(bad.diags, 2, "availability", "'x'"));
  CU_ASSERT_TRUE(mm_test_has_diag(bad.diags, 2, "availability", "'y'"));
  load_clear(&bad);
}

static void test_name_tables(void) {
  CU_ASSERT_STRING_EQUAL(mm_i_slot_name(0), "mon-am");
  CU_ASSERT_STRING_EQUAL(mm_i_slot_name(15), "sat-am");
  CU_ASSERT_STRING_EQUAL(mm_i_slot_name(20), "sun-eve");
  CU_ASSERT_STRING_EQUAL(mm_i_preference_name(MM_PREF_CARE_EXPERIENCED),
                         "care_experienced");
  MmPreference pref;
  CU_ASSERT_TRUE(mm_i_preference_from_name("mentor_type", &pref));
  CU_ASSERT_EQUAL(pref, MM_PREF_MENTOR_TYPE);
  CU_ASSERT_FALSE(mm_i_preference_from_name("height", &pref));
  for (guint p = 0; p < MM_N_PREFS; p++) {
    CU_ASSERT_TRUE(mm_i_preference_from_name(mm_i_preference_name(p), &pref));
    CU_ASSERT_EQUAL(pref, p);
  }
  MmMentorType type;
  for (guint t = 0; t < MM_N_MENTOR_TYPES; t++) {
    CU_ASSERT_TRUE(mm_i_mentor_type_from_name(mm_i_mentor_type_name(t), &type));
    CU_ASSERT_EQUAL(type, t);
  }
  CU_ASSERT_STRING_EQUAL(mm_i_mentor_type_name(MM_MENTOR_NATURAL), "natural");
  CU_ASSERT_FALSE(mm_i_mentor_type_from_name("Paid", &type)); /* takes folded */
  gint32 values[] = {2, 5, 9};
  MmCodes codes = {values, 3};
  CU_ASSERT_TRUE(mm_i_codes_contains(&codes, 2));
  CU_ASSERT_TRUE(mm_i_codes_contains(&codes, 9));
  CU_ASSERT_FALSE(mm_i_codes_contains(&codes, 6));
  CU_ASSERT_FALSE(mm_i_codes_contains(&codes, 10));
  MmCodes none = {NULL, 0};
  CU_ASSERT_FALSE(mm_i_codes_contains(&none, 0));
}

/* ---- must ---- */

#define BIT(pref) (1u << (pref))

static void test_must_names(void) {
  /* Every preference stated, so every name is kept. */
  Load l = load(MM_SIDE_MENTEE,
                "id,age,must,pref_gender,pref_ethnicity,pref_religion,"
                "pref_care_experienced,pref_age_min,pref_mentor_type,"
                "pref_language\n"
                "A,12,\"Gender; ethnicity;religion;care experienced;AGE;"
                "mentor-type;language\",f,Black,same,yes,18,peer,polish\n");
  CU_ASSERT_TRUE(l.ok);
  /* The religion "same" has no own religion to compare with: one warning. */
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(l.diags), 1);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 2, "pref_religion", "own religion"));
  CU_ASSERT_EQUAL(mentee0(&l)->must, (1u << MM_N_PREFS) - 1);
  load_clear(&l);
  check_refused(mentee_with("must", "gender;height"), "must",
                "'height' is not a preference name (use gender, ethnicity");
}

static void test_must_without_preference_warns(void) {
  /* must gender with pref_gender: kept. must age with no pref_age_*, and
   * must care_experienced with pref "no": warned and dropped. */
  Load l =
      load(MM_SIDE_MENTEE, "id,age,must,pref_gender,pref_care_experienced\n"
                           "A,12,gender;age;care_experienced,female,no\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 1);
  CU_ASSERT_EQUAL(mentee0(&l)->must, BIT(MM_PREF_GENDER));
  CU_ASSERT_EQUAL(mentee0(&l)->pref_care_experienced, MM_TRI_NO);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(l.diags), 2);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 2, "must",
                                  "must lists age but no pref_age_min or "
                                  "pref_age_max is given"));
  CU_ASSERT_TRUE(
      mm_test_has_diag(l.diags, 2, "must", "pref_care_experienced is no"));
  load_clear(&l);
  l = mentee_with("must", "language");
  CU_ASSERT_TRUE(mm_test_has_diag(
      l.diags, 2, "must", "must lists language but no pref_language is given"));
  CU_ASSERT_EQUAL(mentee0(&l)->must, 0u);
  load_clear(&l);
}

static void test_mentor_must(void) {
  Load l =
      load(MM_SIDE_MENTOR, "id,age,checks_cleared,must,pref_mentee_gender\n"
                           "M,30,yes,gender;age,male\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mentor0(&l)->must, BIT(MM_PREF_GENDER));
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(l.diags), 1);
  CU_ASSERT_TRUE(mm_test_has_diag(
      l.diags, 2, "must", "must lists age, which a mentor cannot require"));
  load_clear(&l);
  l = mentor_with("must", "gender");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mentor0(&l)->must, 0u);
  CU_ASSERT_TRUE(mm_test_has_diag(
      l.diags, 2, "must", "must lists gender but no pref_mentee_gender"));
  load_clear(&l);
}

/* ---- mentee columns ---- */

static void test_priority(void) {
  Load l = load(MM_SIDE_MENTEE, "id,age,priority\nA,12,\nB,12,3\nC,12,0\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mm_pool_mentee_priority(l.pool, 0), 0);
  CU_ASSERT_EQUAL(mm_pool_mentee_priority(l.pool, 1), 3);
  CU_ASSERT_EQUAL(mm_pool_mentee_priority(l.pool, 2), 0);
  load_clear(&l);
  check_refused(mentee_with("priority", "4"), "priority", "'4' is outside 0-3");
  check_refused(mentee_with("priority", "-1"), "priority", "outside 0-3");
  check_refused(mentee_with("priority", "high"), "priority",
                "not a whole number");
}

static void test_pref_ethnicity(void) {
  Load l =
      load(MM_SIDE_MENTEE, "id,age,ethnicity,pref_ethnicity\n"
                           "A,12,Black: African,\"same; Black;White : British; "
                           "different-group;Same Group;asian:\"\n");
  check_clean(&l);
  const MmPerson *a = mentee0(&l);
  CU_ASSERT_EQUAL(a->pref_ethnicity_flags,
                  MM_ETH_SAME | MM_ETH_SAME_GROUP | MM_ETH_DIFFERENT_GROUP);
  check_codes(l.pool, MM_VOCAB_ETHNIC_GROUP, &a->pref_ethnic_group,
              "black|asian");
  check_codes(l.pool, MM_VOCAB_ETHNICITY, &a->pref_ethnicity, "white: british");
  /* The mentee's own group and the named group are one code. */
  CU_ASSERT_TRUE(mm_i_codes_contains(&a->pref_ethnic_group, a->ethnic_group));
  load_clear(&l);
  check_refused(mentee_with("pref_ethnicity", "same;: British"),
                "pref_ethnicity", "no group before ':'");
  /* Keywords without the mentee's own ethnicity: a warning. */
  l = mentee_with("pref_ethnicity", "same-group");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_TRUE(
      mm_test_has_diag(l.diags, 2, "pref_ethnicity",
                       "mentee's own ethnicity, which is not given"));
  load_clear(&l);
}

static void test_pref_religion(void) {
  Load l = load(MM_SIDE_MENTEE, "id,age,religion,pref_religion\n"
                                "A,12,Sikh,same; Christian;christian\n");
  check_clean(&l);
  CU_ASSERT_TRUE(mentee0(&l)->pref_religion_same);
  check_codes(l.pool, MM_VOCAB_RELIGION, &mentee0(&l)->pref_religion,
              "christian");
  load_clear(&l);
  l = mentee_with("pref_religion", "Christian");
  CU_ASSERT_FALSE(mentee0(&l)->pref_religion_same);
  load_clear(&l);
}

static void test_pref_age(void) {
  Load l = load(MM_SIDE_MENTEE, "id,age,pref_age_min,pref_age_max\n"
                                "A,12,18,30\nB,12,,25\nC,12,,\nD,12,20,20\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mentee0(&l)->pref_age_min, 18);
  CU_ASSERT_EQUAL(mentee0(&l)->pref_age_max, 30);
  CU_ASSERT_EQUAL(person(&l, MM_SIDE_MENTEE, 1)->pref_age_min, MM_UNSET_INT);
  CU_ASSERT_EQUAL(person(&l, MM_SIDE_MENTEE, 1)->pref_age_max, 25);
  CU_ASSERT_EQUAL(person(&l, MM_SIDE_MENTEE, 2)->pref_age_min, MM_UNSET_INT);
  CU_ASSERT_EQUAL(person(&l, MM_SIDE_MENTEE, 2)->pref_age_max, MM_UNSET_INT);
  load_clear(&l);
  check_refused(load(MM_SIDE_MENTEE, "id,age,pref_age_min,pref_age_max\n"
                                     "A,12,30,20\n"),
                "pref_age_max", "20 is below pref_age_min (30)");
  check_refused(mentee_with("pref_age_min", "101"), "pref_age_min",
                "outside 0-100");
  check_refused(mentee_with("pref_age_max", "thirty"), "pref_age_max",
                "not a whole number");
}

static void test_pref_mentor_type(void) {
  Load l = mentee_with("pref_mentor_type", "peer; Natural;peer");
  check_clean(&l);
  CU_ASSERT_EQUAL(mentee0(&l)->pref_mentor_type,
                  (1u << MM_MENTOR_PEER) | (1u << MM_MENTOR_NATURAL));
  load_clear(&l);
  l = mentee_with("pref_mentor_type", "");
  CU_ASSERT_EQUAL(mentee0(&l)->pref_mentor_type, 0u);
  load_clear(&l);
  check_refused(
      mentee_with("pref_mentor_type", "peer;coach"), "pref_mentor_type",
      "'coach' is not a mentor type (use paid, volunteer, peer or natural)");
}

/* ---- mentor columns ---- */

static void test_mentor_defaults(void) {
  Load l = load(MM_SIDE_MENTOR, "id,age,checks_cleared\nM,30,yes\n");
  check_clean(&l);
  const MmPerson *m = mentor0(&l);
  CU_ASSERT_EQUAL(m->capacity, 1);
  CU_ASSERT_EQUAL(mm_pool_mentor_capacity(l.pool, 0), 1);
  CU_ASSERT_EQUAL(m->mentor_type, MM_MENTOR_VOLUNTEER);
  CU_ASSERT_EQUAL(m->checks_cleared, MM_TRI_YES);
  MM_ASSERT_CLOSE(m->training_hours, 0.0);
  CU_ASSERT_TRUE(isnan(m->max_distance_km));
  CU_ASSERT_EQUAL(m->mentee_age_min, MM_UNSET_INT);
  CU_ASSERT_EQUAL(m->mentee_age_max, MM_UNSET_INT);
  CU_ASSERT_EQUAL(m->gender, MM_NO_TOKEN);
  CU_ASSERT_EQUAL(m->care_experienced, MM_TRI_UNKNOWN);
  CU_ASSERT_FALSE(m->has_location);
  CU_ASSERT_EQUAL(m->must, 0u);
  load_clear(&l);
}

static void test_mentor_values(void) {
  Load l = load(MM_SIDE_MENTOR,
                "id,age,checks_cleared,capacity,mentor_type,training_hours,"
                "max_distance_km,mentee_age_min,mentee_age_max\n"
                "M,30,no,20,Peer,3.5,12.5,12,18\n");
  check_clean(&l);
  const MmPerson *m = mentor0(&l);
  CU_ASSERT_EQUAL(m->capacity, 20);
  CU_ASSERT_EQUAL(m->mentor_type, MM_MENTOR_PEER);
  CU_ASSERT_EQUAL(m->checks_cleared, MM_TRI_NO);
  MM_ASSERT_CLOSE(m->training_hours, 3.5);
  MM_ASSERT_CLOSE(m->max_distance_km, 12.5);
  CU_ASSERT_EQUAL(m->mentee_age_min, 12);
  CU_ASSERT_EQUAL(m->mentee_age_max, 18);
  load_clear(&l);
  check_refused(mentor_with("capacity", "0"), "capacity",
                "'0' is outside 1-20");
  check_refused(mentor_with("capacity", "21"), "capacity", "outside 1-20");
  check_refused(mentor_with("capacity", "2.5"), "capacity",
                "not a whole number");
  check_refused(mentor_with("mentor_type", "coach"), "mentor_type",
                "'coach' is not a mentor type");
  check_refused(mentor_with("mentor_type", "peer;paid"), "mentor_type",
                "not a mentor type");
  check_refused(mentor_with("training_hours", "-1"), "training_hours",
                "'-1' is below 0");
  check_refused(mentor_with("training_hours", "three"), "training_hours",
                "not a number");
  check_refused(mentor_with("max_distance_km", "-0.5"), "max_distance_km",
                "below 0");
  check_refused(mentor_with("mentee_age_min", "x"), "mentee_age_min",
                "not a whole number");
  check_refused(load(MM_SIDE_MENTOR,
                     "id,age,checks_cleared,mentee_age_min,mentee_age_max\n"
                     "M,30,yes,16,12\n"),
                "mentee_age_max", "12 is below mentee_age_min (16)");
  check_refused(load(MM_SIDE_MENTOR, "id,age,checks_cleared\nM,30,pending\n"),
                "checks_cleared", "'pending' is not yes or no");
}

static void test_checks_cleared_empty_warns(void) {
  Load l = load(MM_SIDE_MENTOR, "id,age,checks_cleared\nM,30,\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mm_pool_n_mentors(l.pool), 1);
  CU_ASSERT_EQUAL(mentor0(&l)->checks_cleared, MM_TRI_UNKNOWN);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(l.diags), 1);
  CU_ASSERT_TRUE(
      mm_test_has_diag(l.diags, 2, "checks_cleared",
                       "checks_cleared is empty: treated as not cleared"));
  load_clear(&l);
}

static void test_other_side_columns_unknown(void) {
  /* capacity belongs to mentors: a mentee file's capacity is an unknown
   * column (warned once by the reader), not read. */
  Load l = load(MM_SIDE_MENTEE, "id,age,capacity\nA,12,x\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 1);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 1, "capacity", "unknown column"));
  CU_ASSERT_EQUAL(mentee0(&l)->capacity, 0);
  load_clear(&l);
  l = load(MM_SIDE_MENTOR, "id,age,checks_cleared,priority,preferred_mentors\n"
                           "M,30,yes,9,X\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 1, "priority", "unknown column"));
  CU_ASSERT_TRUE(
      mm_test_has_diag(l.diags, 1, "preferred_mentors", "unknown column"));
  CU_ASSERT_EQUAL(mentor0(&l)->priority, 0);
  CU_ASSERT_EQUAL(mentor0(&l)->preferred_ids->len, 0);
  load_clear(&l);
  /* v2's mentee columns belong to mentees only. */
  l = load(MM_SIDE_MENTOR,
           "id,age,checks_cleared,previous_mentors,waiting_since\n"
           "M,30,yes,X,not a date\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 0);
  CU_ASSERT_TRUE(
      mm_test_has_diag(l.diags, 1, "previous_mentors", "unknown column"));
  CU_ASSERT_TRUE(
      mm_test_has_diag(l.diags, 1, "waiting_since", "unknown column"));
  CU_ASSERT_EQUAL(mentor0(&l)->previous_ids->len, 0);
  CU_ASSERT_EQUAL(mentor0(&l)->waiting_since, MM_NO_DAY);
  load_clear(&l);
  CU_ASSERT_PTR_NULL(mm_i_column_lookup(MM_SIDE_MENTEE, "skills"));
  CU_ASSERT_PTR_NOT_NULL(mm_i_column_lookup(MM_SIDE_MENTOR, " Skills "));
  CU_ASSERT_STRING_EQUAL(
      mm_i_column_name(mm_i_column_lookup(MM_SIDE_MENTOR, "AGE")), "age");
}

/* ---- preferred and excluded mentors ---- */

static const char *const mentors_csv = "id,age,checks_cleared\n"
                                       "M1,30,yes\nM2,31,yes\nM3,32,yes\n";

static MmPool *prepared_pool(const char *mentees, MmDiagnostics *diags) {
  MmPool *pool = mm_pool_new();
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, mentees,
                                       strlen(mentees), "mentees.csv", diags,
                                       NULL));
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, mentors_csv,
                                       strlen(mentors_csv), "mentors.csv",
                                       diags, NULL));
  CU_ASSERT_TRUE(mm_pool_prepare(pool, diags, NULL));
  return pool;
}

/* Mentor indexes of @array as "1,0". */
static char *indexes_text(const GArray *array) {
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < array->len; i++)
    g_string_append_printf(out, "%s%u", i > 0 ? "," : "",
                           g_array_index(array, guint, i));
  return g_string_free(out, FALSE);
}

static void check_indexes(const GArray *array, const char *expected) {
  char *got = indexes_text(array);
  CU_ASSERT_STRING_EQUAL(got, expected);
  g_free(got);
}

static void test_preferred_and_excluded_resolved(void) {
  MmDiagnostics *diags = mm_diagnostics_new();
  MmPool *pool = prepared_pool("id,age,preferred_mentors,excluded_mentors\n"
                               "A,12, M2 ; M1 ;M2,M3\n"
                               "B,12,,\n",
                               diags);
  CU_ASSERT_TRUE(mm_pool_is_prepared(pool));
  /* The repeat of M2 is dropped with a warning; the first place counts. */
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(diags), 1);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "preferred_mentors",
                                  "mentor 'M2' is named more than once"));
  const MmPerson *a = mm_i_pool_mentee(pool, 0), *b = mm_i_pool_mentee(pool, 1);
  CU_ASSERT_EQUAL(a->preferred_ids->len, 2);
  check_indexes(a->preferred_mentors, "1,0");
  check_indexes(a->excluded_mentors, "2");
  check_indexes(b->preferred_mentors, "");
  check_indexes(b->excluded_mentors, "");
  mm_pool_free(pool);
  mm_diagnostics_free(diags);
}

static void test_unknown_named_mentor_warns(void) {
  /* M9 is nobody: warned at the mentee's line and column, dropped. */
  MmDiagnostics *diags = mm_diagnostics_new();
  MmPool *pool = prepared_pool("id,age,preferred_mentors,excluded_mentors\n"
                               "A,12,M1\n"
                               "B,12,M9;M3,M8\n",
                               diags);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  /* and A's row is one field short: the contract (docs/) asks for a warning naming it */
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(diags), 3);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, NULL,
                                  "row has 3 fields, header has 4"));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 3, "preferred_mentors",
                                  "mentor 'M9' is not in the pool"));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 3, "excluded_mentors",
                                  "mentor 'M8' is not in the pool"));
  check_indexes(mm_i_pool_mentee(pool, 1)->preferred_mentors, "2");
  check_indexes(mm_i_pool_mentee(pool, 1)->excluded_mentors, "");
  check_indexes(mm_i_pool_mentee(pool, 0)->preferred_mentors, "0");
  if (mm_diagnostics_length(diags) > 0)
    CU_ASSERT_STRING_EQUAL(mm_diagnostics_get(diags, 0)->source, "mentees.csv");
  mm_pool_free(pool);
  mm_diagnostics_free(diags);
}

static void test_excluded_wins_over_preferred(void) {
  MmDiagnostics *diags = mm_diagnostics_new();
  MmPool *pool = prepared_pool("id,age,preferred_mentors,excluded_mentors\n"
                               "A,12,M1;M2;M3,M2;m3\n",
                               diags);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(diags), 2); /* M2 and m3 */
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "preferred_mentors",
                                  "mentor 'M2' is also in excluded_mentors; "
                                  "excluded wins"));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "excluded_mentors", "'m3'"));
  /* M2 (index 1) is excluded, so never matched, but keeps its place among
   * the named mentors (v2: places count among the named mentors that are
   * in the mentor file, the contract (docs/) "Assignment"), so M3 stays third; m3 is
   * someone else, not in the pool. */
  check_indexes(mm_i_pool_mentee(pool, 0)->preferred_mentors, "0,1,2");
  check_indexes(mm_i_pool_mentee(pool, 0)->excluded_mentors, "1");
  mm_pool_free(pool);
  mm_diagnostics_free(diags);
}

static void test_named_mentor_ids_checked(void) {
  char *long_id = g_strnfill(MM_ID_MAX_BYTES + 1, 'm');
  char *csv = g_strdup_printf("id,age,excluded_mentors\nA,12,M1;%s\n", long_id);
  check_refused(load(MM_SIDE_MENTEE, csv), "excluded_mentors",
                "mentor id 'mmmm");
  g_free(csv);
  csv = g_strdup_printf("id,age,previous_mentors\nA,12,M1;%s\n", long_id);
  check_refused(load(MM_SIDE_MENTEE, csv), "previous_mentors",
                "mentor id 'mmmm");
  g_free(csv);
  check_refused(mentee_with("previous_mentors", "M1;A\x1b"),
                "previous_mentors", "control character");
  g_free(long_id);
}

/* ---- previous mentors and waiting (version 2) ---- */

static void test_previous_mentors_resolved(void) {
  /* Resolved like preferred_mentors and excluded_mentors: in order, blanks
   * folded, a repeat dropped silently (as in a veto list, it changes
   * nothing); an id that is nobody is warned at the row and column and
   * dropped; ids are case-sensitive. */
  MmDiagnostics *diags = mm_diagnostics_new();
  MmPool *pool = prepared_pool("id,age,previous_mentors,preferred_mentors\n"
                               "A,12, M3 ;M1;M3,\n"
                               "B,12,M9;m2;M2,M2\n"
                               "C,12,,\n",
                               diags);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(diags), 2);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 3, "previous_mentors",
                                  "mentor 'M9' is not in the pool"));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 3, "previous_mentors",
                                  "mentor 'm2' is not in the pool"));
  const MmPerson *a = mm_i_pool_mentee(pool, 0), *b = mm_i_pool_mentee(pool, 1);
  CU_ASSERT_EQUAL(a->previous_ids->len, 2);
  check_indexes(a->previous_mentors, "2,0");
  check_indexes(b->previous_mentors, "1");
  /* Being named again does not take a mentor off previous_mentors: the
   * rule reads both (test-score.c). */
  check_indexes(b->preferred_mentors, "1");
  check_indexes(mm_i_pool_mentee(pool, 2)->previous_mentors, "");
  mm_pool_free(pool);
  mm_diagnostics_free(diags);
}

/* Julian day of a date, computed here with GDate. */
static guint32 julian(guint year, guint month, guint day) {
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_dmy(&date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
  return g_date_get_julian(&date);
}

static void test_waiting_since(void) {
  Load l = load(MM_SIDE_MENTEE, "id,age,waiting_since\n"
                                "A,12,2024-02-29\n"
                                "B,12, 2025-01-31 \n"
                                "C,12,\n");
  CU_ASSERT_TRUE(l.ok);
  CU_ASSERT_EQUAL(mm_diagnostics_length(l.diags), 0);
  CU_ASSERT_EQUAL(mentee0(&l)->waiting_since, julian(2024, 2, 29));
  CU_ASSERT_EQUAL(person(&l, MM_SIDE_MENTEE, 1)->waiting_since,
                  julian(2025, 1, 31));
  CU_ASSERT_EQUAL(person(&l, MM_SIDE_MENTEE, 2)->waiting_since, MM_NO_DAY);
  load_clear(&l);
  /* Exactly YYYY-MM-DD, a day of the calendar. */
  static const char *const bad[] = {
      "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-05",
      "05/01/2024", "2024/01/05", "yesterday",  "2024-01-05T10:00",
      "20240105",   "0000-01-01", "2024-01-05;2024-02-01"};
  for (gsize k = 0; k < G_N_ELEMENTS(bad); k++) {
    char *message =
        g_strdup_printf("'%s' is not a date written YYYY-MM-DD", bad[k]);
    check_refused(mentee_with("waiting_since", bad[k]), "waiting_since",
                  message);
    g_free(message);
  }
  /* In memory, the same. */
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  MmField fields[] = {{"id", "A"}, {"age", "12"}, {"waiting_since", "2024-2-3"}};
  CU_ASSERT_FALSE(
      mm_pool_add_person(pool, MM_SIDE_MENTEE, fields, 3, "api", 4, diags));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 4, "waiting_since",
                                  "'2024-2-3' is not a date written "
                                  "YYYY-MM-DD"));
  mm_diagnostics_free(diags);
  mm_pool_free(pool);
}

/* Today as YYYY-MM-DD, @days_ahead from now (local time). */
static char *local_date(gint days_ahead) {
  GDateTime *now = g_date_time_new_now_local();
  GDateTime *then = g_date_time_add_days(now, days_ahead);
  char *text = g_date_time_format(then, "%Y-%m-%d");
  g_date_time_unref(then);
  g_date_time_unref(now);
  return text;
}

static void test_as_of(void) {
  MmPool *pool = mm_pool_new();
  GError *error = NULL;
  /* Unset: today. */
  char *today = local_date(0), *got = mm_pool_get_as_of(pool);
  CU_ASSERT_STRING_EQUAL(got, today);
  g_free(got);
  /* Bad dates are refused and change nothing. */
  static const char *const bad[] = {"2025-02-29", "2025-3-15", "15/03/2025",
                                    "", "2025-03-15 ", "today"};
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, "2025-03-15", &error));
  CU_ASSERT_PTR_NULL(error);
  for (gsize k = 0; k < G_N_ELEMENTS(bad); k++) {
    CU_ASSERT_FALSE(mm_pool_set_as_of(pool, bad[k], &error));
    CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
    if (error != NULL)
      CU_ASSERT_PTR_NOT_NULL(strstr(error->message, "YYYY-MM-DD"));
    g_clear_error(&error);
  }
  got = mm_pool_get_as_of(pool);
  CU_ASSERT_STRING_EQUAL(got, "2025-03-15");
  g_free(got);
  /* NULL goes back to today. */
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, NULL, NULL));
  got = mm_pool_get_as_of(pool);
  CU_ASSERT_STRING_EQUAL(got, today);
  g_free(got);
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, "2024-02-29", NULL));
  CU_ASSERT_TRUE(mm_pool_prepare(pool, NULL, NULL));
  /* After prepare: refused, even a valid date, and the date stays. */
  CU_ASSERT_FALSE(mm_pool_set_as_of(pool, "2025-03-15", &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  g_clear_error(&error);
  CU_ASSERT_FALSE(mm_pool_set_as_of(pool, NULL, NULL));
  got = mm_pool_get_as_of(pool);
  CU_ASSERT_STRING_EQUAL(got, "2024-02-29");
  g_free(got);
  mm_pool_free(pool);
  /* Prepared with none set: today is fixed. */
  pool = mm_pool_new();
  CU_ASSERT_TRUE(mm_pool_prepare(pool, NULL, NULL));
  got = mm_pool_get_as_of(pool);
  CU_ASSERT_STRING_EQUAL(got, today);
  g_free(got);
  mm_pool_free(pool);
  g_free(today);
}

/* Loads @mentees (and the three mentors) into a new pool, not prepared. */
static MmPool *unprepared_pool(const char *mentees, MmDiagnostics *diags) {
  MmPool *pool = mm_pool_new();
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, mentees,
                                       strlen(mentees), "mentees.csv", diags,
                                       NULL));
  CU_ASSERT_TRUE(mm_pool_load_csv_data(pool, MM_SIDE_MENTOR, mentors_csv,
                                       strlen(mentors_csv), "mentors.csv",
                                       diags, NULL));
  return pool;
}

static void test_waiting_since_after_as_of(void) {
  /* Lines 3 and 5 are after 2025-03-15; line 2 is on it, line 4 gives
   * none, line 6 is before. One error each, at the row, column
   * waiting_since; the pool stays unprepared. */
  const char *mentees = "id,age,waiting_since,preferred_mentors\n"
                        "A,12,2025-03-15,M1\n"
                        "B,12,2025-03-16,\n"
                        "C,12,,\n"
                        "D,12,2026-01-01,\n"
                        "E,12,2020-06-30,\n";
  MmDiagnostics *diags = mm_diagnostics_new();
  MmPool *pool = unprepared_pool(mentees, diags);
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, "2025-03-15", NULL));
  GError *error = NULL;
  CU_ASSERT_FALSE(mm_pool_prepare(pool, diags, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_INVALID_INPUT));
  g_clear_error(&error);
  CU_ASSERT_FALSE(mm_pool_is_prepared(pool));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 2);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 3, "waiting_since",
                                  "2025-03-16 is after the as-of date "
                                  "2025-03-15"));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 5, "waiting_since",
                                  "2026-01-01 is after the as-of date "
                                  "2025-03-15"));
  for (guint k = 0; k < mm_diagnostics_length(diags); k++) {
    const MmDiagnostic *d = mm_diagnostics_get(diags, k);
    if (d->severity == MM_SEVERITY_ERROR)
      CU_ASSERT_STRING_EQUAL(d->source, "mentees.csv");
  }
  /* Still unprepared, so the date may be moved on, and then it prepares. */
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, "2026-01-01", NULL));
  mm_diagnostics_free(diags);
  diags = mm_diagnostics_new();
  CU_ASSERT_TRUE(mm_pool_prepare(pool, diags, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  CU_ASSERT_TRUE(mm_pool_is_prepared(pool));
  check_indexes(mm_i_pool_mentee(pool, 0)->preferred_mentors, "0");
  mm_pool_free(pool);

  /* On the as-of date itself is fine. */
  pool = unprepared_pool("id,age,waiting_since\nA,12,2025-03-15\n", diags);
  CU_ASSERT_TRUE(mm_pool_set_as_of(pool, "2025-03-15", NULL));
  CU_ASSERT_TRUE(mm_pool_prepare(pool, diags, NULL));
  mm_pool_free(pool);
  /* With no as-of date set, it is today: today is fine, tomorrow is not. */
  char *today = local_date(0), *tomorrow = local_date(1);
  char *csv = g_strdup_printf("id,age,waiting_since\nA,12,%s\n", today);
  pool = unprepared_pool(csv, diags);
  CU_ASSERT_TRUE(mm_pool_prepare(pool, diags, NULL));
  mm_pool_free(pool);
  g_free(csv);
  mm_diagnostics_free(diags);
  diags = mm_diagnostics_new();
  csv = g_strdup_printf("id,age,waiting_since\nA,12,%s\n", tomorrow);
  pool = unprepared_pool(csv, diags);
  CU_ASSERT_FALSE(mm_pool_prepare(pool, diags, NULL));
  char *message = g_strdup_printf("%s is after the as-of date %s", tomorrow,
                                  today);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 2, "waiting_since", message));
  g_free(message);
  mm_pool_free(pool);
  g_free(csv);
  g_free(today);
  g_free(tomorrow);
  mm_diagnostics_free(diags);
}

/* ---- prepare and state ---- */

static void test_prepare_states(void) {
  /* An empty pool prepares. */
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  CU_ASSERT_FALSE(mm_pool_is_prepared(pool));
  CU_ASSERT_TRUE(mm_pool_prepare(pool, NULL, NULL));
  CU_ASSERT_TRUE(mm_pool_is_prepared(pool));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(pool), 0);
  CU_ASSERT_EQUAL(mm_pool_n_mentors(pool), 0);
  /* Then adds are refused, in memory and from CSV. */
  MmField fields[] = {{"id", "A"}, {"age", "12"}};
  CU_ASSERT_FALSE(
      mm_pool_add_person(pool, MM_SIDE_MENTEE, fields, 2, "api", 7, diags));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 7, NULL, "already prepared"));
  CU_ASSERT_FALSE(
      mm_pool_add_person(pool, MM_SIDE_MENTEE, fields, 2, "api", 7, NULL));
  GError *error = NULL;
  const char *csv = "id,age\nA,12\n";
  CU_ASSERT_FALSE(mm_pool_load_csv_data(pool, MM_SIDE_MENTEE, csv, strlen(csv),
                                        "x.csv", diags, &error));
  CU_ASSERT_TRUE(g_error_matches(error, MM_ERROR, MM_ERROR_STATE));
  g_clear_error(&error);
  CU_ASSERT_EQUAL(mm_pool_n_mentees(pool), 0);
  mm_pool_free(pool);
  /* Prepare twice: the second is a no-op (no second round of warnings). */
  mm_diagnostics_free(diags);
  diags = mm_diagnostics_new();
  pool = prepared_pool("id,age,preferred_mentors\nA,12,M9;M1\n", diags);
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 1);
  CU_ASSERT_TRUE(mm_pool_prepare(pool, diags, NULL));
  CU_ASSERT_EQUAL(mm_diagnostics_length(diags), 1);
  check_indexes(mm_i_pool_mentee(pool, 0)->preferred_mentors, "0");
  mm_pool_free(pool);
  mm_diagnostics_free(diags);
  mm_pool_free(NULL);
}

static void count_critical(const gchar *domain, GLogLevelFlags level,
                           const gchar *message, gpointer data) {
  (void)domain;
  (void)level;
  (void)message;
  (*(guint *)data)++;
}

static void test_getters(void) {
  MmPool *pool = mm_test_pool_from_csv(
      "id,age,priority\nA,12,2\nB,13,1\n",
      "id,age,checks_cleared,capacity\nM1,30,yes,3\nM2,40,no,\n");
  CU_ASSERT_EQUAL(mm_pool_n_mentees(pool), 2);
  CU_ASSERT_EQUAL(mm_pool_n_mentors(pool), 2);
  CU_ASSERT_STRING_EQUAL(mm_pool_mentee_id(pool, 1), "B");
  CU_ASSERT_STRING_EQUAL(mm_pool_mentor_id(pool, 0), "M1");
  CU_ASSERT_EQUAL(mm_pool_find_mentee(pool, "B"), 1);
  CU_ASSERT_EQUAL(mm_pool_find_mentee(pool, "M1"), -1);
  CU_ASSERT_EQUAL(mm_pool_find_mentor(pool, "M2"), 1);
  CU_ASSERT_EQUAL(mm_pool_find_mentor(pool, "m2"), -1);
  CU_ASSERT_EQUAL(mm_pool_mentee_priority(pool, 0), 2);
  CU_ASSERT_EQUAL(mm_pool_mentor_capacity(pool, 0), 3);
  CU_ASSERT_EQUAL(mm_pool_mentor_capacity(pool, 1), 1);
  /* Out of range is a programmer error: a critical, and a neutral value. */
  guint criticals = 0;
  guint handler = g_log_set_handler("mentormatch", G_LOG_LEVEL_CRITICAL,
                                    count_critical, &criticals);
  CU_ASSERT_PTR_NULL(mm_pool_mentee_id(pool, 2));
  CU_ASSERT_PTR_NULL(mm_pool_mentor_id(pool, 2));
  CU_ASSERT_EQUAL(mm_pool_mentor_capacity(pool, 2), 0);
  CU_ASSERT_EQUAL(mm_pool_mentee_priority(pool, 2), 0);
  g_log_remove_handler("mentormatch", handler);
  CU_ASSERT_EQUAL(criticals, 4);
  mm_pool_free(pool);
}

/* ---- in memory ---- */

static void append_codes(GString *out, const char *name, const MmPool *pool,
                         MmVocab vocab, const MmCodes *codes) {
  char *text = codes_text(pool, vocab, codes);
  g_string_append_printf(out, " %s=[%s]", name, text);
  g_free(text);
}

static const char *token_name(const MmPool *pool, MmVocab vocab, gint32 code) {
  return code == MM_NO_TOKEN ? "-" : mm_i_tokens_name(pool->vocab[vocab], code);
}

/* Every field of @p as text: an independent way to compare two persons
 * from two pools (codes differ between pools, names do not). */
static char *person_text(const MmPool *pool, const MmPerson *p) {
  GString *out = g_string_new(NULL);
  g_string_append_printf(
      out,
      "id=%s age=%d gender=%s eth=%s group=%s religion=%s ce=%d "
      "loc=%d lat=%.6f lon=%.6f remote=%d avail=%u must=%u prio=%d "
      "ethflags=%u relsame=%d prefce=%d prefage=%d-%d preftype=%u cap=%d "
      "type=%d checks=%d hours=%.3f dist=%.3f menteeage=%d-%d",
      p->id, p->age, token_name(pool, MM_VOCAB_GENDER, p->gender),
      token_name(pool, MM_VOCAB_ETHNICITY, p->ethnicity),
      token_name(pool, MM_VOCAB_ETHNIC_GROUP, p->ethnic_group),
      token_name(pool, MM_VOCAB_RELIGION, p->religion), p->care_experienced,
      p->has_location, p->lat, p->lon, p->remote, p->availability, p->must,
      p->priority, p->pref_ethnicity_flags, p->pref_religion_same,
      p->pref_care_experienced, p->pref_age_min, p->pref_age_max,
      p->pref_mentor_type, p->capacity, p->mentor_type, p->checks_cleared,
      p->training_hours, p->max_distance_km, p->mentee_age_min,
      p->mentee_age_max);
  append_codes(out, "languages", pool, MM_VOCAB_LANGUAGE, &p->languages);
  append_codes(out, "interests", pool, MM_VOCAB_INTEREST, &p->interests);
  append_codes(out, "needs", pool, MM_VOCAB_NEED, &p->needs);
  append_codes(out, "aspirations", pool, MM_VOCAB_SECTOR, &p->aspirations);
  append_codes(out, "pref_gender", pool, MM_VOCAB_GENDER, &p->pref_gender);
  append_codes(out, "pref_eth", pool, MM_VOCAB_ETHNICITY, &p->pref_ethnicity);
  append_codes(out, "pref_group", pool, MM_VOCAB_ETHNIC_GROUP,
               &p->pref_ethnic_group);
  append_codes(out, "pref_religion", pool, MM_VOCAB_RELIGION,
               &p->pref_religion);
  append_codes(out, "pref_language", pool, MM_VOCAB_LANGUAGE,
               &p->pref_language);
  append_codes(out, "skills", pool, MM_VOCAB_NEED, &p->skills);
  append_codes(out, "sectors", pool, MM_VOCAB_SECTOR, &p->sectors);
  append_codes(out, "pref_mentee_gender", pool, MM_VOCAB_GENDER,
               &p->pref_mentee_gender);
  char *preferred = indexes_text(p->preferred_mentors);
  char *excluded = indexes_text(p->excluded_mentors);
  char *previous = indexes_text(p->previous_mentors);
  g_string_append_printf(out, " preferred=%s excluded=%s previous=%s since=%u",
                         preferred, excluded, previous, p->waiting_since);
  g_free(preferred);
  g_free(excluded);
  g_free(previous);
  return g_string_free(out, FALSE);
}

static const char *const mentee_columns[] = {"id",
                                             "age",
                                             "gender",
                                             "ethnicity",
                                             "religion",
                                             "languages",
                                             "interests",
                                             "care_experienced",
                                             "lat",
                                             "lon",
                                             "remote",
                                             "availability",
                                             "must",
                                             "needs",
                                             "aspirations",
                                             "priority",
                                             "pref_gender",
                                             "pref_ethnicity",
                                             "pref_religion",
                                             "pref_care_experienced",
                                             "pref_age_min",
                                             "pref_age_max",
                                             "pref_mentor_type",
                                             "pref_language",
                                             "preferred_mentors",
                                             "excluded_mentors",
                                             "previous_mentors",
                                             "waiting_since"};
static const char *const mentee_values[] = {"A1",
                                            "15",
                                            "Female",
                                            "Black: African",
                                            "Muslim",
                                            "English; Somali",
                                            "football; Music",
                                            "yes",
                                            "51.5",
                                            "-0.12",
                                            "no",
                                            "sat-am; wed-eve",
                                            "gender; age",
                                            "trauma;sen",
                                            "digital",
                                            "2",
                                            "female",
                                            "same; White",
                                            "same",
                                            "yes",
                                            "18",
                                            "30",
                                            "peer;volunteer",
                                            "somali",
                                            "M2;M1",
                                            "M3",
                                            "M1; M3",
                                            "2024-05-01"};
static const char *const mentor_columns[] = {"id",
                                             "age",
                                             "gender",
                                             "checks_cleared",
                                             "capacity",
                                             "mentor_type",
                                             "training_hours",
                                             "skills",
                                             "sectors",
                                             "max_distance_km",
                                             "mentee_age_min",
                                             "mentee_age_max",
                                             "pref_mentee_gender",
                                             "must",
                                             "lat",
                                             "lon"};
static const char *const mentor_values[3][16] = {
    {"M1", "25", "female", "yes", "2", "peer", "3", "Trauma-informed; SEN",
     "digital", "10", "12", "18", "female", "gender", "51.4", "-0.1"},
    {"M2", "40", "Male", "no", "", "paid", "", "", "", "", "", "", "", "", "",
     ""},
    {"M3", "33", "", "", "20", "natural", "0.5", "", "", "", "", "", "", "", "",
     ""},
};

/* A CSV field quoted as RFC 4180 wants. */
static void append_csv_field(GString *out, const char *value) {
  g_string_append_c(out, '"');
  for (const char *p = value; *p != '\0'; p++) {
    if (*p == '"')
      g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

static char *csv_of(const char *const *columns, const char *const *values,
                    gsize n_columns, gsize n_rows) {
  GString *out = g_string_new(NULL);
  for (gsize i = 0; i < n_columns; i++)
    g_string_append_printf(out, "%s%s", i > 0 ? "," : "", columns[i]);
  g_string_append_c(out, '\n');
  for (gsize r = 0; r < n_rows; r++) {
    for (gsize i = 0; i < n_columns; i++) {
      if (i > 0)
        g_string_append_c(out, ',');
      append_csv_field(out, values[r * n_columns + i]);
    }
    g_string_append_c(out, '\n');
  }
  return g_string_free(out, FALSE);
}

static void add_in_memory(MmPool *pool, MmSide side, const char *const *columns,
                          const char *const *values, gsize n, guint line,
                          MmDiagnostics *diags) {
  MmField *fields = g_new(MmField, n);
  for (gsize i = 0; i < n; i++)
    fields[i] = (MmField){columns[i], values[i]};
  CU_ASSERT_TRUE(mm_pool_add_person(pool, side, fields, n, side_source(side),
                                    line, diags));
  g_free(fields);
}

static void test_add_person_equals_csv(void) {
  gsize n_mentee = G_N_ELEMENTS(mentee_columns);
  gsize n_mentor = G_N_ELEMENTS(mentor_columns);
  G_STATIC_ASSERT(G_N_ELEMENTS(mentee_values) == G_N_ELEMENTS(mentee_columns));
  G_STATIC_ASSERT(G_N_ELEMENTS(mentor_values[0]) ==
                  G_N_ELEMENTS(mentor_columns));
  char *mentees = csv_of(mentee_columns, mentee_values, n_mentee, 1);
  char *mentors = csv_of(mentor_columns, &mentor_values[0][0], n_mentor, 3);
  MmPool *from_csv = mm_test_pool_from_csv(mentees, mentors);

  MmPool *in_memory = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  /* Same source names and lines as the CSV rows, so that even the
   * diagnostics would read the same. */
  add_in_memory(in_memory, MM_SIDE_MENTEE, mentee_columns, mentee_values,
                n_mentee, 2, diags);
  for (guint r = 0; r < 3; r++)
    add_in_memory(in_memory, MM_SIDE_MENTOR, mentor_columns, mentor_values[r],
                  n_mentor, r + 2, diags);
  CU_ASSERT_TRUE(mm_pool_prepare(in_memory, diags, NULL));
  /* M3's empty checks_cleared is the one warning on each path. */
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(diags), 0);
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(diags), 1);
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 4, "checks_cleared", "empty"));

  CU_ASSERT_EQUAL(mm_pool_n_mentees(in_memory), 1);
  CU_ASSERT_EQUAL(mm_pool_n_mentors(in_memory), 3);
  for (MmSide side = MM_SIDE_MENTEE; side <= MM_SIDE_MENTOR; side++) {
    for (guint i = 0;
         i < from_csv->people[side]->len && i < in_memory->people[side]->len;
         i++) {
      const MmPerson *a = g_ptr_array_index(from_csv->people[side], i);
      const MmPerson *b = g_ptr_array_index(in_memory->people[side], i);
      char *ta = person_text(from_csv, a), *tb = person_text(in_memory, b);
      CU_ASSERT_STRING_EQUAL(ta, tb);
      if (strcmp(ta, tb) != 0)
        fprintf(stderr, "\ncsv: %s\nmem: %s\n", ta, tb);
      CU_ASSERT_STRING_EQUAL(a->source, b->source);
      CU_ASSERT_EQUAL(a->line, b->line);
      g_free(ta);
      g_free(tb);
    }
  }
  /* Spot checks against hand-worked values, so that the two paths cannot
   * agree on something wrong. */
  const MmPerson *a = mm_i_pool_mentee(in_memory, 0);
  char *text = person_text(in_memory, a);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "eth=black: african group=black"));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "interests=[football|music]"));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "preferred=1,0 excluded=2 previous=0,2"));
  CU_ASSERT_EQUAL(a->waiting_since, julian(2024, 5, 1));
  /* sat-am bit 15, wed-eve bit 8: 32768 + 256 = 33024; must gender (bit 0)
   * and age (bit 4): 1 + 16 = 17. */
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "avail=33024 must=17 prio=2"));
  g_free(text);
  const MmPerson *m1 = mm_i_pool_mentor(in_memory, 0);
  CU_ASSERT_EQUAL(m1->must, BIT(MM_PREF_GENDER));
  CU_ASSERT_EQUAL(mm_i_pool_mentor(in_memory, 2)->checks_cleared, MM_TRI_UNKNOWN);
  CU_ASSERT_TRUE(mm_i_codes_contains(&m1->skills, a->needs.codes[0]));

  mm_diagnostics_free(diags);
  mm_pool_free(in_memory);
  mm_pool_free(from_csv);
  g_free(mentees);
  g_free(mentors);
}

static void test_add_person_columns(void) {
  MmPool *pool = mm_pool_new();
  MmDiagnostics *diags = mm_diagnostics_new();
  /* Unknown columns: one warning per name; a NULL value reads as empty. */
  MmField ok[] = {{"nickname", "Al"}, {"id", "A"},      {" Age ", "12"},
                  {"nickname", "Bo"}, {"gender", NULL}, {"capacity", "2"}};
  CU_ASSERT_TRUE(mm_pool_add_person(pool, MM_SIDE_MENTEE, ok, G_N_ELEMENTS(ok),
                                    "mentees[0]", 0, diags));
  CU_ASSERT_EQUAL(mm_diagnostics_n_warnings(diags), 2);
  CU_ASSERT_TRUE(
      mm_test_has_diag(diags, 0, "nickname", "unknown column, ignored"));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 0, "capacity", "unknown column"));
  CU_ASSERT_EQUAL(mm_i_pool_mentee(pool, 0)->gender, MM_NO_TOKEN);
  CU_ASSERT_STRING_EQUAL(mm_i_pool_mentee(pool, 0)->source, "mentees[0]");
  /* A repeated column is an error and the person is not added. */
  MmField twice[] = {{"id", "B"}, {"age", "12"}, {"AGE", "13"}};
  CU_ASSERT_FALSE(mm_pool_add_person(pool, MM_SIDE_MENTEE, twice, 3,
                                     "mentees[1]", 0, diags));
  CU_ASSERT_TRUE(
      mm_test_has_diag(diags, 0, "age", "column given more than once"));
  /* Required columns. */
  MmField no_age[] = {{"id", "C"}};
  CU_ASSERT_FALSE(mm_pool_add_person(pool, MM_SIDE_MENTEE, no_age, 1,
                                     "mentees[2]", 0, diags));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 0, "age", "required column missing"));
  MmField no_checks[] = {{"id", "M"}, {"age", "30"}};
  CU_ASSERT_FALSE(mm_pool_add_person(pool, MM_SIDE_MENTOR, no_checks, 2,
                                     "mentors[0]", 0, diags));
  CU_ASSERT_TRUE(
      mm_test_has_diag(diags, 0, "checks_cleared", "required column missing"));
  CU_ASSERT_FALSE(mm_pool_add_person(pool, MM_SIDE_MENTEE, NULL, 0,
                                     "mentees[3]", 0, diags));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 0, "id", "required column missing"));
  /* Bytes that are not UTF-8 (JSON cannot send them, C callers can). */
  MmField bad_utf8[] = {{"id", "D"}, {"age", "12"}, {"gender", "f\xe9minin"}};
  CU_ASSERT_FALSE(mm_pool_add_person(pool, MM_SIDE_MENTEE, bad_utf8, 3,
                                     "mentees[4]", 0, diags));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 0, "gender", "not valid UTF-8"));
  MmField bad_name[] = {{"id", "E"}, {"age", "12"}, {"g\xe9nder", "f"}};
  CU_ASSERT_TRUE(mm_pool_add_person(pool, MM_SIDE_MENTEE, bad_name, 3,
                                    "mentees[5]", 0, diags));
  CU_ASSERT_TRUE(
      mm_test_has_diag(diags, 0, NULL, "column name is not valid UTF-8"));
  /* Duplicate without a line: named by source. */
  MmField again[] = {{"id", "A"}, {"age", "12"}};
  CU_ASSERT_FALSE(mm_pool_add_person(pool, MM_SIDE_MENTEE, again, 2,
                                     "mentees[6]", 0, diags));
  CU_ASSERT_TRUE(mm_test_has_diag(diags, 0, "id",
                                  "duplicate id, first seen in mentees[0]"));
  /* No diagnostics list: still validated. */
  MmField bad_age[] = {{"id", "F"}, {"age", "99"}};
  CU_ASSERT_FALSE(
      mm_pool_add_person(pool, MM_SIDE_MENTEE, bad_age, 2, "x", 0, NULL));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(pool), 2); /* A and E */
  CU_ASSERT_EQUAL(mm_pool_n_mentors(pool), 0);
  mm_diagnostics_free(diags);
  mm_pool_free(pool);
}

/* ---- every problem, and the rest of the file ---- */

static void test_errors_keep_the_rest_loading(void) {
  /* Line 2: three errors in one row (age, lat, availability), all reported;
   * line 3 fine; line 4 an error in must and a warning; line 5 fine. */
  Load l = load(MM_SIDE_MENTEE, "id,age,lat,lon,availability,must\n"
                                "A,3,north,1,someday,\n"
                                "B,12,,,mon-pm,\n"
                                "C,12,,,,gender;wishes\n"
                                "D,13,,,,\n");
  CU_ASSERT_FALSE(l.ok);
  CU_ASSERT_EQUAL(mm_diagnostics_n_errors(l.diags), 4);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 2, "age", "'3' is outside 5-30"));
  CU_ASSERT_TRUE(
      mm_test_has_diag(l.diags, 2, "lat", "'north' is not a number"));
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 2, "availability", "'someday'"));
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 4, "must", "'wishes'"));
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 4, "must", "no pref_gender"));
  CU_ASSERT_EQUAL(mm_pool_n_mentees(l.pool), 2);
  CU_ASSERT_STRING_EQUAL(mm_pool_mentee_id(l.pool, 0), "B");
  CU_ASSERT_STRING_EQUAL(mm_pool_mentee_id(l.pool, 1), "D");
  CU_ASSERT_EQUAL(mm_pool_find_mentee(l.pool, "A"), -1);
  /* Each diagnostic formats as the spec fixes it. */
  for (guint i = 0; i < mm_diagnostics_length(l.diags); i++) {
    const MmDiagnostic *d = mm_diagnostics_get(l.diags, i);
    if (d->line == 2 && g_strcmp0(d->column, "age") == 0) {
      char *text = mm_diagnostic_format(d);
      CU_ASSERT_STRING_EQUAL(text,
                             "mentees.csv:2: column age: '3' is outside 5-30");
      g_free(text);
    }
  }
  load_clear(&l);
}

static void test_quoted_values_truncated(void) {
  char *q = mm_i_value_quote("short");
  CU_ASSERT_STRING_EQUAL(q, "'short'");
  g_free(q);
  /* 40 bytes exactly: kept whole; 41: cut to 40 plus "...". */
  char *forty = g_strnfill(40, 'a');
  q = mm_i_value_quote(forty);
  CU_ASSERT_EQUAL(strlen(q), 42);
  g_free(q);
  char *long_text = g_strnfill(41, 'a');
  q = mm_i_value_quote(long_text);
  char *expected = g_strdup_printf("'%s...'", forty);
  CU_ASSERT_STRING_EQUAL(q, expected);
  g_free(q);
  g_free(expected);
  /* "a" then 30 two-byte letters: byte 40 is the second half of the 20th
   * letter, so the cut keeps "a" and 19 letters (39 bytes). */
  GString *s = g_string_new("a");
  for (int i = 0; i < 30; i++)
    g_string_append(s, "\xc3\xa9");
  q = mm_i_value_quote(s->str);
  CU_ASSERT_EQUAL(strlen(q), 1 + 39 + 3 + 1);
  CU_ASSERT_TRUE(g_utf8_validate(q, -1, NULL));
  g_free(q);
  g_string_free(s, TRUE);
  /* Control characters cannot break the one-line form. */
  q = mm_i_value_quote("a\nb\tc");
  CU_ASSERT_STRING_EQUAL(q, "'a?b?c'");
  g_free(q);
  /* In a real diagnostic: a 100-byte bad age is quoted cut. */
  char *hundred = g_strnfill(100, '9');
  char *csv = g_strdup_printf("id,age\nA,x%s\n", hundred);
  Load l = load(MM_SIDE_MENTEE, csv);
  char *cut = g_strdup_printf("'x%.39s...' is not a whole number", hundred);
  CU_ASSERT_TRUE(mm_test_has_diag(l.diags, 2, "age", cut));
  load_clear(&l);
  g_free(cut);
  g_free(csv);
  g_free(hundred);
  g_free(forty);
  g_free(long_text);
}

int main(void) {
  CU_TestInfo tests[] = {
      MM_TEST(test_id_trimmed_and_required),
      MM_TEST(test_id_length_limit),
      MM_TEST(test_id_control_character),
      MM_TEST(test_id_duplicates),
      MM_TEST(test_age_bounds),
      MM_TEST(test_age_syntax),
      MM_TEST(test_gender_and_religion_tokens),
      MM_TEST(test_ethnicity),
      MM_TEST(test_list_folding),
      MM_TEST(test_lists_use_the_right_vocabulary),
      MM_TEST(test_booleans),
      MM_TEST(test_location),
      MM_TEST(test_decimals_read_exactly),
      MM_TEST(test_row_scratch_across_pools),
      MM_TEST(test_location_needs_both),
      MM_TEST(test_availability),
      MM_TEST(test_name_tables),
      MM_TEST(test_must_names),
      MM_TEST(test_must_without_preference_warns),
      MM_TEST(test_mentor_must),
      MM_TEST(test_priority),
      MM_TEST(test_pref_ethnicity),
      MM_TEST(test_pref_religion),
      MM_TEST(test_pref_age),
      MM_TEST(test_pref_mentor_type),
      MM_TEST(test_mentor_defaults),
      MM_TEST(test_mentor_values),
      MM_TEST(test_checks_cleared_empty_warns),
      MM_TEST(test_other_side_columns_unknown),
      MM_TEST(test_preferred_and_excluded_resolved),
      MM_TEST(test_unknown_named_mentor_warns),
      MM_TEST(test_excluded_wins_over_preferred),
      MM_TEST(test_named_mentor_ids_checked),
      MM_TEST(test_previous_mentors_resolved),
      MM_TEST(test_waiting_since),
      MM_TEST(test_as_of),
      MM_TEST(test_waiting_since_after_as_of),
      MM_TEST(test_prepare_states),
      MM_TEST(test_getters),
      MM_TEST(test_add_person_equals_csv),
      MM_TEST(test_add_person_columns),
      MM_TEST(test_errors_keep_the_rest_loading),
      MM_TEST(test_quoted_values_truncated),
      CU_TEST_INFO_NULL,
  };
  return mm_test_run("pool", tests);
}
