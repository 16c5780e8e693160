#!/usr/bin/env bash
# check-docs.sh DOXYGEN DOXYFILE: the API reference builds without a single
# Doxygen warning (a parameter left undocumented, a broken reference), so the
# headers stay a complete reference. Runs in a temporary directory, apart
# from the `docs` target's output. Ends with "docs: N passed, N failed".
set -uo pipefail
doxygen="$1" doxyfile="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

if { cat "$doxyfile"; echo "OUTPUT_DIRECTORY = $tmp"; echo "WARN_LOGFILE = $tmp/warnings.log"; } |
     "$doxygen" - >"$tmp/doxygen.out" 2>&1; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL: doxygen failed:"; cat "$tmp/doxygen.out"
fi
if [ -s "$tmp/warnings.log" ]; then
  failed=$((failed + 1)); echo "FAIL: doxygen warnings:"; cat "$tmp/warnings.log"
else
  passed=$((passed + 1))
fi
if [ -f "$tmp/html/mentormatch_8h.html" ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL: no page for mentormatch.h"
fi
echo "docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
