#!/usr/bin/env bash
# Runs the CLI on the example pools under valgrind memcheck: every invalid
# read or write, use of uninitialised memory or definite leak fails the
# check. Then the JSON entry point, mm_json(), on its fuzz seed corpus (the
# requests a scheduling tool sends, and malformed ones) through the replay
# program of tests/fuzz/. Uses the plain build dir (build, as
# tests/run-tests.sh leaves it; MM_BUILD_DIR overrides). Ends with
# "valgrind: N passed, N failed" (one per command) and exits non-zero when
# any failed.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"
bash .ci/install-deps.sh --checks

build="${MM_BUILD_DIR:-$top/build}"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" >/dev/null
fi
# quiet when it builds, the whole output (the compiler error) when not
if ! ninja -C "$build" cli/mentormatch tests/fuzz/replay-fuzz-json > "$build/ninja-output.txt" 2>&1; then
  cat "$build/ninja-output.txt"
  exit 1
fi

cli="$build/cli/mentormatch"
data="$top/examples/data"
pools=(--mentees "$data/mentees.csv" --mentors "$data/mentors.csv" --config "$data/config.ini")
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

passed=0
failed=0
check() { # name command...: the command must exit 0 with no memcheck error
  local name="$1"; shift
  local log="$out/$name.valgrind"
  # 3: valgrind found an error (distinct from the program's own codes).
  local status=0
  valgrind --quiet --error-exitcode=3 --leak-check=full \
    --errors-for-leak-kinds=definite --track-origins=yes \
    --log-file="$log" "$@" >"$out/$name.out" 2>"$out/$name.err" || status=$?
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    echo "valgrind: $name: ok"
  else
    failed=$((failed + 1))
    echo "valgrind: $name FAILED (exit $status)"
    tail -n 20 "$out/$name.err" | sed 's/^/    stderr: /'
    sed 's/^/    /' "$log" | head -n 80
  fi
}

check validate "$cli" validate "${pools[@]}"
check recommend "$cli" recommend "${pools[@]}" --top 3
check recommend-json "$cli" recommend "${pools[@]}" --mentee YP003 --format json
check match-optimal "$cli" match "${pools[@]}" --mode optimal --explain \
  --pinned "$data/pinned.csv" --output "$out/matches.csv" \
  --dump-scores "$out/scores.csv" --threads 2
check match-stable "$cli" match "${pools[@]}" --mode stable --explain \
  --pinned "$data/pinned.csv" --format json --quiet
check match-greedy "$cli" match "${pools[@]}" --mode greedy --pinned "$data/pinned.csv"
# The replay program runs each request in a forked child, which valgrind
# follows; a child with an error exits 3 and the replay fails.
check mm-json "$build/tests/fuzz/replay-fuzz-json" "$top/tests/fuzz/corpus/json"

echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
