#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds, runs every
# CUnit program with meson test, once normally and once under AddressSanitizer
# and UndefinedBehaviorSanitizer, and ends with "N passed, N failed".
# MM_SANITIZE=0 skips the sanitizer pass (quicker while editing).
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"

bash .ci/install-deps.sh

run_suite() { # build-dir [meson options...]
  local dir="$1"; shift
  [ -f "$dir/build.ninja" ] || meson setup "$dir" "$@" >/dev/null
  # The build's output is kept quiet when it succeeds and shown in full when
  # it fails, so that a CI log names the compiler error.
  if ! ninja -C "$dir" > "$dir/ninja-output.txt" 2>&1; then
    cat "$dir/ninja-output.txt"
    echo "$dir: the build failed"
    return 1
  fi
  meson test -C "$dir" --print-errorlogs --num-processes 2 || true
}

count() { # build-dir -> "passed failed" from the programs' own summary lines
  python3 - "$1/meson-logs/testlog.json" <<'PY'
import json, re, sys
passed = failed = 0
for line in open(sys.argv[1]):
    t = json.loads(line)
    m = re.search(r"^\S+: (\d+) passed, (\d+) failed$", t.get("stdout", ""), re.M)
    p, f = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    # A program that crashed or timed out before its summary counts as a
    # failure even when its own count says otherwise.
    if t.get("result") != "OK" and f == 0:
        f = 1
    passed += p
    failed += f
print(passed, failed)
PY
}

if run_suite build; then
  read -r passed failed < <(count build)
else
  passed=0 failed=1
fi
echo "plain build: $passed passed, $failed failed"

if [ "${MM_SANITIZE:-1}" != "0" ]; then
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  if run_suite build-sanitize -Db_sanitize=address,undefined -Db_lundef=false; then
    read -r spassed sfailed < <(count build-sanitize)
  else
    spassed=0 sfailed=1
  fi
  echo "sanitizer build: $spassed passed, $sfailed failed"
  passed=$((passed + spassed))
  failed=$((failed + sfailed))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
