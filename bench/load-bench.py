#!/usr/bin/python3
"""load-bench.py: mentormatch's CSV loading against Python's csv module.

For each CSV file it alternates, --repeat times, two fresh processes:
  C:      build/bench/load-bench SIDE FILE: mm_pool_load_csv() of the file
          into an empty pool (read, RFC 4180 parse, validate, intern, add);
  Python: /usr/bin/python3 reading the same file with
          rows = list(csv.reader(open(FILE, newline=""))), the reference the
          loader must at least match (issue 18).
Each side times itself in process, wall and CPU (process CPU time), so that
neither pays for the start of its interpreter or program. Runs alternate so
that a busy machine slows both alike; every figure is a median. Prints a
markdown table: MB/s (file bytes / median time) and the ratio Python time /
C time (above 1: the loader is faster than Python's csv).

Files are the two of each --pool DIR (DIR/mentees.csv and DIR/mentors.csv).
Without --pool, pools are made in a temporary folder: `mentormatch generate`
(100000 x 20000) and, when bench/pool-shapes.py is beside this script, one
pool of it (clustered homes, many wishes; quoted mentor file).

Usage:
  /usr/bin/python3 bench/load-bench.py [--repeat 7] [--build build]
      [--mentees 100000] [--mentors 20000] [--pool DIR]...
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

PYTHON_READER = r"""
import csv, sys, time
wall, cpu = time.perf_counter(), time.process_time()
with open(sys.argv[1], newline="") as f:
    rows = list(csv.reader(f))
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(wall, cpu, len(rows) - 1)
"""


def run_c(bench, side, path):
    out = subprocess.run([bench, side, path], check=True, capture_output=True,
                         text=True).stdout.split()
    # load SIDE BYTES WALL CPU PEOPLE
    return float(out[3]), float(out[4]), int(out[5])


def run_python(path):
    out = subprocess.run(["/usr/bin/python3", "-c", PYTHON_READER, path],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def measure(bench, side, path, repeat):
    c_runs, py_runs = [], []
    for r in range(repeat):
        # Alternate which goes first, so neither always follows the other.
        if r % 2 == 0:
            c_runs.append(run_c(bench, side, path))
            py_runs.append(run_python(path))
        else:
            py_runs.append(run_python(path))
            c_runs.append(run_c(bench, side, path))
    if c_runs[0][2] != py_runs[0][2]:
        sys.exit(f"{path}: the loader added {c_runs[0][2]} people but the file "
                 f"has {py_runs[0][2]} rows")
    med = lambda runs, k: statistics.median(run[k] for run in runs)
    return {"c_wall": med(c_runs, 0), "c_cpu": med(c_runs, 1),
            "py_wall": med(py_runs, 0), "py_cpu": med(py_runs, 1),
            "rows": c_runs[0][2]}


def make_pools(args, tmp):
    cli = os.path.join(args.build, "cli", "mentormatch")
    if not os.path.exists(cli):  # before the CLI moved to cli/
        cli = os.path.join(args.build, "examples", "mentormatch")
    pools = []
    generated = os.path.join(tmp, "generate")
    print(f"generating {args.mentees} x {args.mentors} with {cli} ...",
          file=sys.stderr)
    subprocess.run([cli, "generate", "--mentees", str(args.mentees),
                    "--mentors", str(args.mentors), "--dir", generated],
                   check=True, stdout=subprocess.DEVNULL)
    pools.append(("generate", generated))
    shapes = os.path.join(HERE, "pool-shapes.py")
    if os.path.exists(shapes):
        shaped = os.path.join(tmp, "shapes")
        print("writing a pool-shapes.py pool ...", file=sys.stderr)
        subprocess.run(["/usr/bin/python3", shapes, "--mentees",
                        str(args.mentees), "--mentors", str(args.mentors),
                        "--homes", "clustered", "--wishes", "many",
                        "--dir", shaped], check=True, stdout=subprocess.DEVNULL)
        pools.append(("pool-shapes clustered/many", shaped))
    return pools


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"),
                    help="meson build folder (default: build/ beside bench/)")
    ap.add_argument("--mentees", type=int, default=100000)
    ap.add_argument("--mentors", type=int, default=20000)
    ap.add_argument("--pool", action="append", default=[],
                    help="folder holding mentees.csv and mentors.csv "
                         "(repeatable); none: generate pools")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    bench = os.path.join(args.build, "bench", "load-bench")
    if not os.path.exists(bench):
        sys.exit(f"{bench} not found: ninja -C {args.build} bench/load-bench")
    with tempfile.TemporaryDirectory(prefix="mm-load-bench-") as tmp:
        pools = ([(p, p) for p in args.pool] if args.pool
                 else make_pools(args, tmp))
        print(f"Median of {args.repeat} alternating runs; MB = 10^6 bytes; "
              "ratio = Python time / mentormatch time.\n")
        print("| pool | file | MB | rows | mentormatch wall s (MB/s) | "
              "Python csv wall s (MB/s) | ratio wall | mentormatch CPU s | "
              "Python CPU s | ratio CPU |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name, folder in pools:
            for side, file in (("mentee", "mentees.csv"),
                               ("mentor", "mentors.csv")):
                path = os.path.join(folder, file)
                mb = os.path.getsize(path) / 1e6
                m = measure(bench, side, path, args.repeat)
                print(f"| {name} | {file} | {mb:.1f} | {m['rows']} | "
                      f"{m['c_wall']:.3f} ({mb / m['c_wall']:.0f}) | "
                      f"{m['py_wall']:.3f} ({mb / m['py_wall']:.0f}) | "
                      f"{m['py_wall'] / m['c_wall']:.2f} | "
                      f"{m['c_cpu']:.3f} | {m['py_cpu']:.3f} | "
                      f"{m['py_cpu'] / m['c_cpu']:.2f} |", flush=True)


if __name__ == "__main__":
    main()
