/* fuzz-json.c: the JSON entry point, mm_json(), as a C FFI caller uses it.
 *
 * Checks its contract: whatever the request, an answer comes back, valid
 * UTF-8 JSON ending in a newline, an object; mm_json_free() releases it. */
#include "fuzz-common.h"

#include <json-glib/json-glib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_init();
  /* A C caller passes NUL-terminated text: a NUL inside ends it early. */
  g_autofree char *request = g_strndup((const char *) data, size);
  char *answer = mm_json(request);
  FUZZ_CHECK(answer != NULL);
  size_t length = strlen(answer);
  FUZZ_CHECK(length > 0 && answer[length - 1] == '\n');
  FUZZ_CHECK(g_utf8_validate(answer, (gssize) length, NULL));

  g_autoptr(JsonParser) parser = json_parser_new();
  FUZZ_CHECK(json_parser_load_from_data(parser, answer, (gssize) length, NULL));
  JsonNode *root = json_parser_get_root(parser);
  FUZZ_CHECK(root != NULL && JSON_NODE_HOLDS_OBJECT(root));
  mm_json_free(answer);
  return 0;
}
