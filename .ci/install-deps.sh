#!/usr/bin/env bash
# Installs the Debian packages mentormatch builds and tests with, when any is
# missing. Shared by examples/run-demo.sh, tests/run-tests.sh and .ci/run.
# --checks adds what only the CI reliability checks need (clang for the
# fuzzers and ThreadSanitizer, valgrind), so a demo or a test run stays light.
# --bench adds what only the comparisons in bench/ need, never the tests:
# LEMON for bench/compare-lemon.py, SciPy for bench/compare-scipy.py.
set -euo pipefail

packages=(
  gcc g++ pkg-config meson ninja-build
  libglib2.0-dev libcsv-dev libjson-glib-dev libcunit1-dev
  python3
)
case "${1:-}" in
  --checks) packages+=(clang libclang-rt-dev valgrind gcovr) ;;
  --bench) packages+=(liblemon-dev python3-scipy) ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
