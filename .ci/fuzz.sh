#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ with clang in build-fuzz
# (-Dfuzzing=true: coverage, ASan and UBSan) and runs each one for a bounded
# time on a copy of its seed corpus, so the tree is never modified. A crash,
# leak, sanitizer report, broken invariant, timeout or out-of-memory fails.
# Ends with "fuzz: N passed, N failed" (one per target) and exits non-zero
# when any target failed. The inputs that failed are kept in
# build-fuzz/fuzz-artifacts/ for replaying (docs/testing.md).
#   MM_FUZZ_SECONDS   time per target (default 60)
#   MM_FUZZ_PARALLEL  targets run at once (default 2, one per core)
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"
bash .ci/install-deps.sh --checks

seconds="${MM_FUZZ_SECONDS:-60}"
parallel="${MM_FUZZ_PARALLEL:-2}"
build="$top/build-fuzz"
targets=(pool-csv pins-csv config json)

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true >/dev/null
fi
# quiet when it builds, the whole output (the compiler error) when not
if ! ninja -C "$build" "${targets[@]/#/tests/fuzz/fuzz-}" > "$build/ninja-output.txt" 2>&1; then
  cat "$build/ninja-output.txt"
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"

run_target() { # name: runs in $work/name, log in $work/name/log
  local name="$1" dir="$work/$1"
  mkdir -p "$dir/corpus"
  cp "tests/fuzz/corpus/$name/." "$dir/corpus/" -R
  # -timeout: one input slower than this is a hang. -rss_limit_mb and
  # -malloc_limit_mb: a runaway allocation is a failure, not a dead machine.
  ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    "$build/tests/fuzz/fuzz-$name" -max_total_time="$seconds" \
      -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=30 \
      -artifact_prefix="$artifacts/$name-" -print_final_stats=1 \
      "$dir/corpus" >"$dir/log" 2>&1
}

declare -A pids
passed=0
failed=0
report() { # name status
  local name="$1" status="$2" log="$work/$1/log"
  local runs
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    echo "fuzz-$name: ok, ${runs:-?} inputs in ${seconds}s"
  else
    failed=$((failed + 1))
    echo "fuzz-$name: FAILED (exit $status); last lines of its log:"
    tail -n 60 "$log" | sed 's/^/    /'
    echo "    failing inputs: $(ls "$artifacts" | grep "^$name-" | tr '\n' ' ')"
  fi
}

# Runs the targets $parallel at a time, reporting each in start order.
running=()
for name in "${targets[@]}"; do
  run_target "$name" &
  pids[$name]=$!
  running+=("$name")
  while [ ${#running[@]} -ge "$parallel" ]; do
    wait "${pids[${running[0]}]}" && status=0 || status=$?
    report "${running[0]}" "$status"
    running=("${running[@]:1}")
  done
done
for name in "${running[@]}"; do
  wait "${pids[$name]}" && status=0 || status=$?
  report "$name" "$status"
done

echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
