#!/usr/bin/python3
"""shapes.py: every matching mode on pools of many shapes, one table.

Command line (from the repository's top folder, after `ninja -C build`):

  /usr/bin/python3 bench/shapes.py                      # 20000 x 8000, 3 runs
  /usr/bin/python3 bench/shapes.py --size 100000x20000 --repeat 3 \\
      --timeout 1800 --modes optimal,stable,greedy
  /usr/bin/python3 bench/shapes.py --shapes generate,clustered/few/1 --repeat 1

Pools: the eight shapes of bench/pool-shapes.py (homes clustered or spread,
wishes many or few, every mentor with capacity 1 or 3; seed --seed) and the
pool of `mentormatch generate` (seed --seed), all at --size. Each pool is
written once (into --keep DIR if given, else a temporary folder).

For each pool, --repeat rounds; in each round every mode runs once, the
order of the modes turning from round to round (so that a busy machine
weighs on all alike):
  /usr/bin/time -f '%e %U %M' mentormatch match --mentees M --mentors T
      --mode MODE --as-of 2026-12-01 --quiet --output OUT [--threads N]
(--as-of: pool-shapes.py dates referrals up to 2026-12-01). Prints a markdown
table with the medians of wall seconds, user CPU seconds and peak resident
memory, and the young people matched (counted in OUT; the same in every
run, or the cell says so). A run that fails or passes --timeout seconds is
shown as such instead of figures, and the table goes on.
"""
import argparse
import csv
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPES = [f"{homes}/{wishes}/{capacity}"
          for homes in ("clustered", "spread")
          for wishes in ("many", "few")
          for capacity in ("1", "3")]
AS_OF = "2026-12-01"
MODES = ("optimal", "stable", "greedy")


def log(message):
    print(message, file=sys.stderr, flush=True)


def parse_size(text):
    try:
        mentees, mentors = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("SIZE is MENTEESxMENTORS, e.g. 20000x8000")
    if mentees < 1 or mentors < 1:
        raise argparse.ArgumentTypeError("sizes must be at least 1")
    return mentees, mentors


def find_cli(build):
    for sub in ("cli", "examples"):
        path = os.path.join(build, sub, "mentormatch")
        if os.path.exists(path):
            return path
    return None


def make_pool(shape, size, seed, cli, folder):
    """Writes the pool of @shape into @folder unless already there."""
    if all(os.path.exists(os.path.join(folder, f))
           for f in ("mentees.csv", "mentors.csv")):
        return
    os.makedirs(folder, exist_ok=True)
    log(f"writing pool {shape} {size[0]}x{size[1]} ...")
    if shape == "generate":
        argv = [cli, "generate", "--mentees", str(size[0]), "--mentors",
                str(size[1]), "--seed", str(seed), "--dir", folder]
    else:
        homes, wishes, capacity = shape.split("/")
        argv = ["/usr/bin/python3", os.path.join(HERE, "pool-shapes.py"),
                "--mentees", str(size[0]), "--mentors", str(size[1]),
                "--homes", homes, "--wishes", wishes, "--capacity", capacity,
                "--seed", str(seed), "--dir", folder]
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)


def count_matched(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return sum(1 for row in csv.DictReader(f) if row["status"] == "matched")


def run_match(cli, folder, mode, threads, timeout, work):
    """One timed run: (wall, user, peak KB, matched) or a failure text."""
    out = os.path.join(work, "matches.csv")
    timing = os.path.join(work, "time.txt")
    for path in (out, timing):
        if os.path.exists(path):
            os.remove(path)
    argv = ["/usr/bin/time", "-f", "%e %U %M", "-o", timing, cli, "match",
            "--mentees", os.path.join(folder, "mentees.csv"),
            "--mentors", os.path.join(folder, "mentors.csv"),
            "--mode", mode, "--as-of", AS_OF, "--quiet", "--output", out]
    if threads is not None:
        argv += ["--threads", str(threads)]
    # A session of its own, so that a timeout stops mentormatch as well as
    # /usr/bin/time, which would otherwise leave it running.
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    try:
        _, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        return f"timeout ({timeout:g} s)"
    if child.returncode != 0:
        last = (err.strip().splitlines() or ["?"])[-1]
        return f"failed (exit {child.returncode}: {last[:60]})"
    with open(timing, encoding="utf-8") as f:
        fields = f.read().split()
    wall, user, peak_kb = float(fields[-3]), float(fields[-2]), int(fields[-1])
    return wall, user, peak_kb, count_matched(out)


def cell(runs):
    """The table cells of one pool and mode from its runs."""
    failures = [r for r in runs if isinstance(r, str)]
    if failures:
        return [failures[0]] + [""] * 3
    wall = statistics.median(r[0] for r in runs)
    user = statistics.median(r[1] for r in runs)
    peak = statistics.median(r[2] for r in runs) / 1024
    matched = {r[3] for r in runs}
    shown = (str(matched.pop()) if len(matched) == 1
             else "differs: " + "/".join(str(m) for m in sorted(matched)))
    return [f"{wall:.2f}", f"{user:.2f}", f"{peak:.0f}", shown]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=parse_size, default=(20000, 8000),
                    help="MENTEESxMENTORS (default 20000x8000)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--shapes", default=",".join(SHAPES + ["generate"]),
                    help="comma-separated: homes/wishes/capacity of "
                         "pool-shapes.py, or generate (default: all nine)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int,
                    help="scoring threads (default: the CLI's, one per core)")
    ap.add_argument("--timeout", type=float, default=3600,
                    help="seconds before a run is stopped (default 3600)")
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--cli", help="mentormatch (default: the build's)")
    ap.add_argument("--keep", help="write the pools here and keep them "
                                   "(pools already there are reused)")
    args = ap.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    shapes = [s for s in args.shapes.split(",") if s]
    for m in modes:
        if m not in MODES:
            ap.error(f"unknown mode {m}")
    for s in shapes:
        if s != "generate" and s not in SHAPES:
            ap.error(f"unknown shape {s} (homes/wishes/capacity, e.g. "
                     f"clustered/many/1, or generate)")
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    cli = args.cli or find_cli(args.build)
    if cli is None or not os.path.exists(cli):
        sys.exit(f"mentormatch not found in {args.build}: build it first")
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs /usr/bin/time (apt-get install time)")

    root = args.keep or tempfile.mkdtemp(prefix="mm-shapes-")
    work = tempfile.mkdtemp(prefix="mm-shapes-run-")
    try:
        size_name = f"{args.size[0]}x{args.size[1]}"
        print(f"Pools of {size_name}; `match --as-of {AS_OF} --quiet`; "
              f"median of {args.repeat} runs, modes alternating; peak = "
              f"maximum resident memory.\n")
        print("| pool | mode | wall s | user CPU s | peak MiB | matched |")
        print("|---|---|---:|---:|---:|---:|")
        for shape in shapes:
            folder = os.path.join(root, size_name, shape.replace("/", "-"))
            make_pool(shape, args.size, args.seed, cli, folder)
            runs = {m: [] for m in modes}
            for r in range(args.repeat):
                order = modes[r % len(modes):] + modes[:r % len(modes)]
                for m in order:
                    log(f"{shape} {m}, run {r + 1} of {args.repeat}")
                    result = run_match(cli, folder, m, args.threads,
                                       args.timeout, work)
                    runs[m].append(result)
            for m in modes:
                print("| " + " | ".join([shape, m] + cell(runs[m])) + " |",
                      flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
