#!/usr/bin/env bash
# Builds build-tsan with ThreadSanitizer (clang) and runs the test programs
# whose code runs on several threads: test-threads (concurrent callers on
# one pool), test-match (threaded scoring) and test-cli (the CLI, itself
# built with TSan, with --threads). Any data race stops the program
# (halt_on_error) and fails it. Ends with "tsan: N passed, N failed", the
# sum of the programs' own CUnit counts (a program that dies before its
# summary counts as a failure), and exits non-zero when any failed.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"
bash .ci/install-deps.sh --checks

build="$top/build-tsan"
programs=(threads match cli)

if [ ! -f "$build/build.ninja" ]; then
  # b_lundef=false: the TSan runtime is only linked into executables.
  CC=clang meson setup "$build" -Db_sanitize=thread -Db_lundef=false >/dev/null
fi
# quiet when it builds, the whole output (the compiler error) when not
if ! ninja -C "$build" cli/mentormatch "${programs[@]/#/tests/test-}" > "$build/ninja-output.txt" 2>&1; then
  cat "$build/ninja-output.txt"
  exit 1
fi

export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
# GLib 2.74 recycles GSlice blocks between threads under its own futex locks,
# which TSan cannot see (false reports); plain malloc it does see.
export G_SLICE=always-malloc
passed=0
failed=0
for name in "${programs[@]}"; do
  log="$(mktemp)"
  "$build/tests/test-$name" >"$log" 2>&1 && status=0 || status=$?
  summary="$(grep -E '^\S+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)"
  p=0
  f=0
  if [[ "$summary" =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    p="${BASH_REMATCH[1]}"
    f="${BASH_REMATCH[2]}"
  fi
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
  fi
  if [ "$f" -ne 0 ]; then
    echo "tsan: test-$name FAILED (exit $status); last lines:"
    tail -n 80 "$log" | sed 's/^/    /'
  else
    echo "tsan: test-$name: $p passed"
  fi
  rm -f "$log"
  passed=$((passed + p))
  failed=$((failed + f))
done

echo "tsan: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
