#!/usr/bin/env bash
# Line coverage of the library (lib/) by the whole suite, measured on every
# CI run: a build with gcov instrumentation runs every test, then gcovr
# prints the figure docs/testing.md quotes. The step fails only when the
# suite does, never on the figure itself; the figure is read, not guessed.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"
build="$top/build-coverage"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Db_coverage=true --buildtype=debug >/dev/null
fi
# quiet when it builds, the whole output (the compiler error) when not
if ! ninja -C "$build" > "$build/ninja-output.txt" 2>&1; then
  cat "$build/ninja-output.txt"
  exit 1
fi
find "$build" -name '*.gcda' -delete
# The unit suites: the API suite checks the shared library's exports, which
# an instrumented build adds gcov's own to.
status=0
meson test -C "$build" --num-processes 2 --suite unit > "$build/test-output.txt" 2>&1 || status=$?
gcovr --root "$top" --filter "$top/lib/" --object-directory "$build" \
  --print-summary --output "$build/coverage.txt" | tail -n 3
# The suite's own counts are the test step's; this step only says whether
# the instrumented run passed.
if [ "$status" -ne 0 ]; then
  grep -E ' (FAIL|TIMEOUT) ' "$build/test-output.txt" || true
  echo "coverage: the instrumented suite failed"
fi
[ "$status" -eq 0 ]
