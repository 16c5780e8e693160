#!/usr/bin/python3
"""compare-lemon.py: the optimal mode against LEMON's NetworkSimplex.

Issue 18's target: the whole `mentormatch match` (read, validate, score every
pair, solve, write) at 20000 x 8000 in at most 0.2x the time LEMON's
NetworkSimplex takes to solve the same problem alone.

1. A pool: `mentormatch generate` (or --pool DIR with mentees.csv and
   mentors.csv, e.g. from bench/pool-shapes.py).
2. One untimed `match --mode optimal --explain --format json --dump-scores`:
   the eligible pairs with their scores, and mentormatch's matches with the
   value of each.
3. The problem, from the pool files alone (docs/matching.md, prefer =
   quality, default config): a pair's value is its score plus the choice
   term (choice_bonus 100 x 0.75^place among the named mentors that are in
   the mentor file, repeats counted once), the waiting term (waiting_bonus
   0.5 per full week since waiting_since, at most 52, to the as-of date) and
   priority_bonus 10 per priority level (match_bonus 0), each rounded to a
   hundredth half away from zero. This script works out the terms of each
   young person and each named choice; bench/compare-lemon (C++) reads them
   with the dumped scores, builds the min-cost flow (young person -> mentor
   at cost -value, mentor -> sink up to its capacity, young person -> sink
   at cost 0: the "unmatched" outlet) and times NetworkSimplex::run() alone.
4. --repeat rounds, alternating which goes first: `mentormatch match --mode
   optimal --quiet --output F` (wall time of the whole process) and
   compare-lemon (its solve time, as it measures it). Medians.
5. Checks: the value this script gives each matched pair equals the value
   mentormatch reports, and LEMON's optimum equals mentormatch's total
   value. When mentormatch had to move young people to a named choice after
   its solve (named_moves > 0, docs/matching.md) its result may be below the
   optimum of this problem, and the script says so instead.

Usage:
  /usr/bin/python3 bench/compare-lemon.py [--mentees 20000] [--mentors 8000]
      [--seed 1] [--repeat 3] [--threads 2] [--as-of 2026-12-01]
      [--pool DIR] [--build build] [--keep DIR]
Needs bench/compare-lemon, built by meson when a C++ compiler and Debian's
liblemon-dev are there (bash .ci/install-deps.sh --bench). The default
config only: the terms above are its weights.
"""
import argparse
import csv
import datetime
import decimal
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))

# The default config (docs/config.md), in points.
CHOICE_BONUS = Fraction(100)
CHOICE_DECAY = Fraction(3, 4)
WAITING_BONUS = Fraction(1, 2)
WAITING_WEEKS_MAX = 52
PRIORITY_BONUS = Fraction(10)
MATCH_BONUS = Fraction(0)


def units(points):
    """Points (a Fraction or Decimal) to whole hundredths, half away from
    zero, as mentormatch rounds each term."""
    x = Fraction(points) * 100
    whole = x.numerator // x.denominator if x >= 0 else -((-x.numerator) // x.denominator)
    rest = abs(x - whole)
    if rest >= Fraction(1, 2):
        whole += 1 if x >= 0 else -1
    return int(whole)


def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def row_units(mentee, as_of):
    """Waiting, priority and match terms of a young person, in hundredths."""
    weeks = 0
    since = (mentee.get("waiting_since") or "").strip()
    if since:
        days = (as_of - datetime.date.fromisoformat(since)).days
        weeks = min(max(days, 0) // 7, WAITING_WEEKS_MAX)
    priority = int((mentee.get("priority") or "0").strip() or 0)
    return (units(WAITING_BONUS * weeks) + units(PRIORITY_BONUS * priority)
            + units(MATCH_BONUS))


def named_choices(mentee, mentor_ids):
    """(mentor id, choice units) of each named mentor in the mentor file."""
    places = []
    for item in (mentee.get("preferred_mentors") or "").split(";"):
        item = item.strip()
        if item and item in mentor_ids and item not in places:
            places.append(item)
    return [(m, units(CHOICE_BONUS * CHOICE_DECAY ** k))
            for k, m in enumerate(places)]


def write_problem(path, mentees, mentors, as_of):
    mentor_ids = {r["id"].strip() for r in mentors}
    rows = {}
    choices = []
    for r in mentees:
        mid = r["id"].strip()
        rows[mid] = row_units(r, as_of)
        choices += [(mid, m, u) for m, u in named_choices(r, mentor_ids)]
    with open(path, "w", encoding="utf-8") as f:
        f.write("mentees %d\n" % len(mentees))
        for r in mentees:
            f.write("%s\t%d\n" % (r["id"].strip(), rows[r["id"].strip()]))
        f.write("mentors %d\n" % len(mentors))
        for r in mentors:
            f.write("%s\t%d\n" % (r["id"].strip(),
                                  int((r.get("capacity") or "1").strip() or 1)))
        f.write("choices %d\n" % len(choices))
        for c in choices:
            f.write("%s\t%s\t%d\n" % c)
    return rows, {(a, b): u for a, b, u in choices}


def run_lemon(lemon, problem, scores):
    out = subprocess.run([lemon, problem, scores], check=True,
                         capture_output=True, text=True).stdout
    return {k: float(v) if "." in v else int(v)
            for k, v in (line.split() for line in out.splitlines())}


def run_timed(argv):
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mentees", type=int, default=20000)
    ap.add_argument("--mentors", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--as-of", default="2026-12-01")
    ap.add_argument("--pool", help="folder with mentees.csv and mentors.csv "
                                   "(default: generate one)")
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--cli", help="mentormatch (default: the build's)")
    ap.add_argument("--keep", help="work in this folder and keep it")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    cli = args.cli or next(
        (p for p in (os.path.join(args.build, "cli", "mentormatch"),
                     os.path.join(args.build, "examples", "mentormatch"))
         if os.path.exists(p)), None)
    lemon = os.path.join(args.build, "bench", "compare-lemon")
    if cli is None or not os.path.exists(lemon):
        sys.exit("needs the CLI and %s (bash .ci/install-deps.sh --bench, "
                 "then meson setup --reconfigure %s && ninja -C %s)"
                 % (lemon, args.build, args.build))
    work = args.keep or tempfile.mkdtemp(prefix="mm-lemon-")
    try:
        compare(args, cli, lemon, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def compare(args, cli, lemon, work):
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    os.makedirs(work, exist_ok=True)
    if args.pool:
        pool = args.pool
    else:
        pool = os.path.join(work, "pool")
        log("generating %d x %d (seed %d)" % (args.mentees, args.mentors, args.seed))
        subprocess.run([cli, "generate", "--mentees", str(args.mentees),
                        "--mentors", str(args.mentors), "--seed", str(args.seed),
                        "--dir", pool], check=True, stdout=subprocess.DEVNULL)
    mentees_csv = os.path.join(pool, "mentees.csv")
    mentors_csv = os.path.join(pool, "mentors.csv")
    scores = os.path.join(work, "scores.csv")
    explained = os.path.join(work, "explained.json")
    problem = os.path.join(work, "problem.txt")
    match = [cli, "match", "--mentees", mentees_csv, "--mentors", mentors_csv,
             "--as-of", args.as_of, "--mode", "optimal",
             "--threads", str(args.threads), "--quiet"]

    log("mentormatch match --explain --dump-scores (untimed)")
    subprocess.run(match + ["--explain", "--format", "json", "--output",
                            explained, "--dump-scores", scores], check=True)
    with open(explained, encoding="utf-8") as f:
        result = json.load(f, parse_float=decimal.Decimal)
    mentees, mentors = read_rows(mentees_csv), read_rows(mentors_csv)
    as_of = datetime.date.fromisoformat(args.as_of)
    rows, choices = write_problem(problem, mentees, mentors, as_of)

    # mentormatch's total value, and this script's value of each match
    ours_units = 0
    matched = [m for m in result["matches"] if m["status"] == "matched"]
    for m in matched:
        reported = units(m["value"])
        mine = (units(m["score"]) + rows[m["mentee_id"]]
                + choices.get((m["mentee_id"], m["mentor_id"]), 0))
        if mine != reported:
            sys.exit("%s-%s: value %s here, %s reported by mentormatch"
                     % (m["mentee_id"], m["mentor_id"], mine / 100, m["value"]))
        ours_units += reported
    named_moves = result["summary"].get("named_moves", 0)

    ours_t, lemon_t, lemon_runs = [], [], []
    out = os.path.join(work, "matches.csv")
    for k in range(args.repeat):
        log("round %d of %d" % (k + 1, args.repeat))
        steps = [lambda: ours_t.append(run_timed(match + ["--output", out])),
                 lambda: lemon_runs.append(run_lemon(lemon, problem, scores))]
        for step in (steps if k % 2 == 0 else steps[::-1]):
            step()
    lemon_t = [r["solve_seconds"] for r in lemon_runs]
    first = lemon_runs[0]
    ours_med, lemon_med = statistics.median(ours_t), statistics.median(lemon_t)

    print("pool: %s, %d mentees x %d mentors, as of %s; %d eligible pairs "
          "(%d arcs with the outlets)"
          % (pool if args.pool else "generate --seed %d" % args.seed,
             len(mentees), len(mentors), args.as_of,
             first["arcs"] - len(mentees) - len(mentors), first["arcs"]))
    print("mentormatch: matched %d, total value %d.%02d (named_moves %d)"
          % (len(matched), ours_units // 100, ours_units % 100, named_moves))
    print("LEMON:       matched %d, total value %d.%02d"
          % (first["matched"], first["optimum_units"] // 100,
             first["optimum_units"] % 100))
    same = first["optimum_units"] == ours_units
    if same:
        print("same optimum: yes")
    elif named_moves > 0 and ours_units < first["optimum_units"]:
        print("same optimum: no, as may be after %d named moves "
              "(mentormatch %.2f below)"
              % (named_moves, (first["optimum_units"] - ours_units) / 100))
    else:
        print("same optimum: NO")
    print("mentormatch match --mode optimal, whole run, median of %d: %.3f s"
          % (args.repeat, ours_med))
    print("LEMON NetworkSimplex run() alone, median of %d: %.3f s "
          "(building its graph from the files: %.1f s, not counted)"
          % (args.repeat, lemon_med, first["build_seconds"]))
    print("ratio (mentormatch whole run / LEMON solve): %.3f (target: at most "
          "0.2)" % (ours_med / lemon_med))
    sys.exit(0 if same or named_moves > 0 else 1)


if __name__ == "__main__":
    main()
