#!/usr/bin/env bash
# Demo: installs what is missing, builds, and runs the mentormatch CLI on the
# invented pools in examples/data/ (24 young people, 12 mentors around Leeds).
# Works from any directory; prints everything to the terminal.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"

bash .ci/install-deps.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null

mentormatch=build/cli/mentormatch
data=examples/data
inputs=(--mentees "$data/mentees.csv" --mentors "$data/mentors.csv"
        --config "$data/config.ini")

step() { printf '\n== %s\n' "$*"; }

step "mentormatch validate: every problem in the files, then a summary"
"$mentormatch" validate "${inputs[@]}"

step "mentormatch recommend --top 3 --mentee YP001: a shortlist for one young person"
"$mentormatch" recommend "${inputs[@]}" --top 3 --mentee YP001

step "mentormatch match --explain --pinned: the whole assignment, existing matches kept"
"$mentormatch" match "${inputs[@]}" --explain --pinned "$data/pinned.csv"

step "mentormatch plan --recruit 3: which mentors to recruit next, each gain proved by re-solving"
"$mentormatch" plan "${inputs[@]}" --pinned "$data/pinned.csv" --recruit 3

step "mentormatch report: match rate, preferences met and the pool gap by group (report.html)"
"$mentormatch" report "${inputs[@]}" --html build/report.html > build/report.txt
head -n 20 build/report.txt
echo "... (all of it: build/report.txt; the page with charts: build/report.html)"
