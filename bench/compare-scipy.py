#!/usr/bin/python3
"""compare-scipy.py: the optimal mode against SciPy's assignment solver.

Generates a synthetic pool with `mentormatch generate`, runs
`mentormatch match --mode optimal --dump-scores F --output G`, then builds
the same assignment problem from the dumped scores and solves it with
scipy.optimize.linear_sum_assignment (LAPJV-style shortest augmenting paths,
dense). It checks that both reach the same objective (matched count, matched
per priority 3..1, total score in hundredths) and reports our whole match
time (the CLI end to end: read, validate, score every pair, solve, write)
against SciPy's solve time alone, measured in the same run.

The problem given to SciPy: one row per young person, one column per mentor
place (a mentor of capacity c gives c identical columns). An eligible pair
(from the dump) costs -(W + p x D + s), where s is its score in hundredths
and p the young person's priority; any other cell costs 0, which is the same
as leaving the young person unmatched (a row may also stay unassigned when
there are more rows than columns). D = (largest number of pairs one
assignment can hold) x 10000 + 1 and W = 4 D.

Why these weights give exactly the objective of the contract (docs/) ("Assignment") and
are exact in float64: two assignments differ by disjoint alternating paths
and cycles, and if the lexicographic objective is better in the sum, it is
better on at least one of them, which alone can be applied. A cycle, or a
path between two places, changes only scores; a path ending at an unmatched
young person either matches one more young person (gain W + p x D + ds with
|ds| < D, so positive exactly when lexicographically better) or swaps a
young person of priority a for one of priority b (gain (b - a) x D + ds: its
sign is the sign of b - a, or of ds when a = b). So the minimum cost
assignment is the lexicographic optimum. Costs stay below 8 D, and n x 8 D
is far below 2**53 at these sizes, so every sum SciPy forms is exact (the
script checks this).

Usage: compare-scipy.py --mentees N --mentors M [--seed S] [--repeat R]
         [--cli PATH] [--keep DIR]
Needs Debian's python3-numpy and python3-scipy (apt-get install
python3-scipy); run with /usr/bin/python3.
"""
import argparse
import csv
from array import array
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment

SCORE_UNITS = 100  # hundredths of a point, as mentormatch compares them
MAX_SCORE_UNITS = 100 * SCORE_UNITS
PRIORITIES = (3, 2, 1)


def default_cli():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "build", "cli", "mentormatch")


def units(text):
    """'87.25' -> 8725, exactly (no float rounding)."""
    whole, _, frac = text.partition(".")
    return int(whole) * SCORE_UNITS + int((frac + "00")[:2])


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class PairScores:
    """Score units of the dumped pairs, looked up by (mentee, mentor)."""

    def __init__(self, pi, pj, ps, n_mentors):
        self.n_mentors = n_mentors
        keys = pi * n_mentors + pj
        order = np.argsort(keys, kind="stable")
        self.keys, self.scores = keys[order], ps[order]

    def __call__(self, i, j):
        key = i * self.n_mentors + j
        k = int(np.searchsorted(self.keys, key))
        if k == len(self.keys) or self.keys[k] != key:
            raise SystemExit("pair %d-%d was matched but is not in the dump" % (i, j))
        return int(self.scores[k])


def objective(matches, priority, score_of):
    """(matched, matched per priority 3, 2, 1, total score units)."""
    matched = [i for i, j in matches]
    return (len(matched),) + tuple(
        sum(1 for i in matched if priority[i] == p) for p in PRIORITIES
    ) + (sum(score_of(i, j) for i, j in matches),)


def describe(obj):
    return ("matched %d (priority 3: %d, 2: %d, 1: %d), total score %d.%02d"
            % (obj[0], obj[1], obj[2], obj[3], obj[4] // 100, obj[4] % 100))


def run_cli(argv):
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentees", type=int, required=True)
    parser.add_argument("--mentors", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each solver; medians are reported")
    parser.add_argument("--threads", type=int, default=2,
                        help="scoring threads for mentormatch (2)")
    parser.add_argument("--cli", default=default_cli())
    parser.add_argument("--keep", help="generate into this folder and keep it")
    args = parser.parse_args()
    if args.mentees < 1 or args.mentors < 1 or args.repeat < 1:
        parser.error("sizes and --repeat must be at least 1")

    work = args.keep or tempfile.mkdtemp(prefix="mm-scipy-")
    try:
        compare(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def compare(args, work):
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    mentees_csv = os.path.join(work, "mentees.csv")
    mentors_csv = os.path.join(work, "mentors.csv")
    scores_csv = os.path.join(work, "scores.csv")
    matches_csv = os.path.join(work, "matches.csv")
    log("generating %d x %d (seed %d)" % (args.mentees, args.mentors, args.seed))
    subprocess.run([args.cli, "generate", "--mentees", str(args.mentees),
                    "--mentors", str(args.mentors), "--seed", str(args.seed),
                    "--dir", work], check=True, stdout=subprocess.DEVNULL)
    match = [args.cli, "match", "--mentees", mentees_csv, "--mentors",
             mentors_csv, "--mode", "optimal", "--threads", str(args.threads),
             "--quiet", "--output", matches_csv]
    log("mentormatch match --mode optimal --dump-scores")
    dump_time = run_cli(match + ["--dump-scores", scores_csv])
    ours_times = []
    for k in range(args.repeat):
        log("mentormatch match --mode optimal, run %d of %d" % (k + 1, args.repeat))
        ours_times.append(run_cli(match))

    # the problem, from the files alone
    mentees = read_rows(mentees_csv)
    mentors = read_rows(mentors_csv)
    mentee_index = {r["id"]: i for i, r in enumerate(mentees)}
    mentor_index = {r["id"]: j for j, r in enumerate(mentors)}
    priority = [int(r["priority"] or 0) for r in mentees]
    capacity = [int(r["capacity"] or 1) for r in mentors]
    # typed arrays: a 20000 x 8000 pool dumps some 30 million pairs
    pair_i, pair_j, pair_s = array("l"), array("l"), array("l")
    with open(scores_csv, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        ci, cj, cs = (header.index(c) for c in ("mentee_id", "mentor_id", "score"))
        for r in reader:
            pair_i.append(mentee_index[r[ci]])
            pair_j.append(mentor_index[r[cj]])
            pair_s.append(units(r[cs]))
    n, m = len(mentees), len(mentors)
    slot_start = np.concatenate(([0], np.cumsum(capacity)))
    n_slots = int(slot_start[-1])
    slot_owner = np.repeat(np.arange(m), capacity)

    most_pairs = min(n, n_slots)
    d = most_pairs * MAX_SCORE_UNITS + 1
    w = 4 * d
    largest = w + max(PRIORITIES) * d + MAX_SCORE_UNITS
    exact = largest * (n + n_slots) < 2 ** 53
    if not exact:
        log("warning: costs too large to stay exact in float64; "
            "SciPy's result may be off in the last level")
    pi = np.frombuffer(pair_i, dtype=np.int_)
    pj = np.frombuffer(pair_j, dtype=np.int_)
    ps = np.frombuffer(pair_s, dtype=np.int_)
    value = -(w + np.array(priority, dtype=np.float64)[pi] * d + ps)
    log("cost matrix %d x %d (%.0f MiB), %d eligible pairs"
        % (n, n_slots, n * n_slots * 8 / 2 ** 20, len(pair_i)))
    cost = np.zeros((n, n_slots))
    cap = np.array(capacity)[pj]
    for k in range(int(max(capacity))):
        has = cap > k
        cost[pi[has], slot_start[pj[has]] + k] = value[has]

    scipy_times = []
    for k in range(args.repeat):
        log("scipy linear_sum_assignment, run %d of %d" % (k + 1, args.repeat))
        start = time.perf_counter()
        rows, cols = linear_sum_assignment(cost)
        scipy_times.append(time.perf_counter() - start)
    theirs = [(int(i), int(slot_owner[c])) for i, c in zip(rows, cols)
              if cost[i, c] < 0]
    del cost

    score_of = PairScores(pi, pj, ps, m)
    ours = []
    for r in read_rows(matches_csv):
        if r["status"] != "matched":
            continue
        i, j = mentee_index[r["mentee_id"]], mentor_index[r["mentor_id"]]
        if units(r["score"]) != score_of(i, j):
            raise SystemExit("%s-%s: output score %s differs from the dump"
                             % (r["mentee_id"], r["mentor_id"], r["score"]))
        ours.append((i, j))
    ours_obj = objective(ours, priority, score_of)
    theirs_obj = objective(theirs, priority, score_of)
    ours_t = statistics.median(ours_times)
    theirs_t = statistics.median(scipy_times)

    print("pool: %d mentees x %d mentors (%d places), seed %d, %d eligible pairs"
          % (n, m, n_slots, args.seed, len(pair_i)))
    print("scipy %s, numpy %s; costs exact in float64: %s"
          % (scipy.__version__, np.__version__, "yes" if exact else "NO"))
    print("mentormatch: %s" % describe(ours_obj))
    print("scipy:       %s" % describe(theirs_obj))
    same = ours_obj == theirs_obj
    print("same objective: %s" % ("yes" if same else "NO"))
    print("mentormatch match --mode optimal, whole CLI run (read, score, solve, "
          "write), median of %d: %.3f s (with --dump-scores: %.3f s)"
          % (args.repeat, ours_t, dump_time))
    print("scipy linear_sum_assignment, solve only, median of %d: %.3f s"
          % (args.repeat, theirs_t))
    print("ratio (our whole run / scipy solve): %.2f (%s)"
          % (ours_t / theirs_t,
             "mentormatch faster by %.2fx" % (theirs_t / ours_t)
             if ours_t < theirs_t else "scipy faster by %.2fx" % (ours_t / theirs_t)))
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
