#!/usr/bin/python3
"""policy-table.py: what each matching policy does to whom.

For each seed it generates a synthetic pool with the real CLI
(`mentormatch generate`), matches it under every objective (quality, count)
and mode (optimal, stable, greedy), and sums over the seeds, per objective
and mode: how many young people are matched, how good their matches are
(mean score, matches below 40 and at 70 or more), how many of those who
named mentors got one of them, and the match rate by gender and by ethnicity
group. The point is the trade-off between the policies, so one table puts
them side by side.

Usage:
  policy-table.py --cli PATH [--generate-cli PATH] [--mentees N]
                  [--mentors M] [--seeds 1,2,3] [--work DIR]
                  [--format md|json] [--v1]

--v1 runs a version 1 CLI, which has neither --as-of nor the [objective]
config group: both objectives then run the same match, so their rows must
be identical (a check on the script, not on the CLI).

Python 3 standard library only.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

OBJECTIVES = ("quality", "count")
MODES = ("optimal", "stable", "greedy")
# A fixed as-of date: the waiting term of a pair's value depends on it, so a
# default of "today" would make the table change from day to day.
AS_OF = "2026-12-01"
NOT_RECORDED = "not recorded"
# The characters that make the CLI neutralise a CSV field against formula
# injection by prefixing a ' (lib/io/csv-writer.c); we undo it to join on ids.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def header_key(name):
    """A header as the CLI reads it: case-insensitive, blanks and hyphens
    count as '_' (so 'Preferred Mentors' is 'preferred_mentors')."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def token_key(text):
    """A text token as the CLI compares it: case-insensitive, surrounding
    and repeated blanks folded. Used to group 'Female' with 'female'."""
    return " ".join(text.split()).casefold()


def read_csv(path):
    """Rows of a CSV file as dicts keyed by normalised header names.
    utf-8-sig because the CLI accepts (and with --excel writes) a BOM."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [header_key(h) for h in next(reader, [])]
        rows = []
        for fields in reader:
            if not any(field.strip() for field in fields):
                continue  # a blank line is not a person
            # Short rows read their missing fields as empty, as the CLI does.
            fields += [""] * (len(header) - len(fields))
            rows.append(dict(zip(header, fields)))
        return header, rows


def unneutralise(value):
    """An id as written in the input, from the id as the CLI wrote it."""
    if value.startswith("'") and value[1:2] in FORMULA_STARTS and value[1:]:
        return value[1:]
    return value


def run(argv):
    """Run the CLI; on failure show its stderr and stop, since a table built
    on a failed run would be wrong without saying so."""
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit("policy-table: %s exited with %d" % (" ".join(argv), done.returncode))


class Tally:
    """The figures for one objective x mode, summed over seeds."""

    def __init__(self):
        self.young_people = 0
        self.matched = 0
        self.score_sum = 0.0
        self.below_40 = 0
        self.at_least_70 = 0
        self.named = 0      # young people who named at least one mentor
        self.named_met = 0  # ... and were given one of their named mentors
        # category key -> [young people, matched]
        self.by_gender = {}
        self.by_group = {}

    def add(self, mentee, result):
        self.young_people += 1
        is_matched = result["status"] in ("matched", "pinned")
        for table, key in ((self.by_gender, mentee["gender"]),
                           (self.by_group, mentee["group"])):
            counts = table.setdefault(key, [0, 0])
            counts[0] += 1
            counts[1] += is_matched
        if mentee["named"]:
            self.named += 1
            if is_matched and result["mentor_id"] in mentee["named"]:
                self.named_met += 1
        if not is_matched:
            return
        self.matched += 1
        score = float(result["score"])
        self.score_sum += score
        self.below_40 += score < 40
        self.at_least_70 += score >= 70

    def mean_score(self):
        return self.score_sum / self.matched if self.matched else None


def read_mentees(path):
    """The attributes the table breaks down by, per mentee id."""
    header, rows = read_csv(path)
    if "id" not in header:
        sys.exit("policy-table: %s has no id column" % path)
    mentees = {}
    labels = {}  # category key -> the spelling first seen, for the table
    for row in rows:
        gender = token_key(row.get("gender", ""))
        ethnicity = row.get("ethnicity", "")
        group = token_key(ethnicity.split(":", 1)[0])
        for key, text in ((gender, row.get("gender", "")),
                          (group, ethnicity.split(":", 1)[0])):
            if key:
                labels.setdefault(key, " ".join(text.split()))
        named = [m.strip() for m in row.get("preferred_mentors", "").split(";")]
        mentees[row["id"].strip()] = {
            "gender": gender or NOT_RECORDED,
            "group": group or NOT_RECORDED,
            # A set: only "was the mentor given one of them" matters here.
            "named": {m for m in named if m},
        }
    return mentees, labels


def tally_output(path, mentees, tally):
    """Add one match output to @tally. It must hold every input mentee once
    (the contract), else the rates would silently be wrong."""
    header, rows = read_csv(path)
    # No 'flags': the v1 output lacks it, and the table does not use it.
    missing = {"mentee_id", "mentor_id", "score", "status"} - set(header)
    if missing:
        sys.exit("policy-table: %s lacks %s" % (path, ", ".join(sorted(missing))))
    seen = set()
    for row in rows:
        mentee_id = unneutralise(row["mentee_id"].strip())
        if mentee_id not in mentees or mentee_id in seen:
            sys.exit("policy-table: %s: mentee %r unknown or repeated" % (path, mentee_id))
        seen.add(mentee_id)
        row["mentor_id"] = unneutralise(row["mentor_id"].strip())
        row["status"] = row["status"].strip()
        tally.add(mentees[mentee_id], row)
    if len(seen) != len(mentees):
        sys.exit("policy-table: %s: %d of %d mentees missing"
                 % (path, len(mentees) - len(seen), len(mentees)))


def measure(args, work):
    tallies = {(o, m): Tally() for o in OBJECTIVES for m in MODES}
    labels = {}
    for seed in args.seeds:
        pool = os.path.join(work, "seed-%d" % seed)
        os.makedirs(pool, exist_ok=True)
        print("policy-table: seed %d: generate %dx%d" % (seed, args.mentees, args.mentors),
              file=sys.stderr)
        run([args.generate_cli or args.cli, "generate", "--mentees", str(args.mentees),
             "--mentors", str(args.mentors), "--seed", str(seed), "--dir", pool])
        mentees_csv = os.path.join(pool, "mentees.csv")
        mentors_csv = os.path.join(pool, "mentors.csv")
        mentees, seed_labels = read_mentees(mentees_csv)
        for key, label in seed_labels.items():
            labels.setdefault(key, label)
        for objective in OBJECTIVES:
            config = os.path.join(pool, "%s.ini" % objective)
            with open(config, "w", encoding="utf-8") as f:
                # v1 knows no [objective] group (and may warn about it), so
                # its config is left empty: both objectives run v1's one.
                if not args.v1:
                    f.write("[objective]\nprefer = %s\n" % objective)
            for mode in MODES:
                print("policy-table: seed %d: %s %s" % (seed, objective, mode),
                      file=sys.stderr)
                out = os.path.join(pool, "%s-%s.csv" % (objective, mode))
                argv = [args.cli, "match", "--mentees", mentees_csv,
                        "--mentors", mentors_csv, "--config", config,
                        "--mode", mode, "--output", out, "--quiet"]
                if not args.v1:
                    argv[-1:-1] = ["--as-of", AS_OF]
                run(argv)
                tally_output(out, mentees, tallies[(objective, mode)])
    return tallies, labels


def categories(tallies, attr):
    """Category keys of one breakdown, largest first (the same over every
    row, since every row sees the same young people), 'not recorded' last."""
    totals = {}
    for tally in tallies.values():
        for key, (count, _) in getattr(tally, attr).items():
            totals[key] = max(totals.get(key, 0), count)
    return sorted(totals, key=lambda k: (k == NOT_RECORDED, -totals[k], k))


def rate(counts):
    return 100.0 * counts[1] / counts[0] if counts and counts[0] else None


def as_json(args, tallies, labels):
    rows = []
    for (objective, mode), t in tallies.items():
        breakdowns = {}
        for name, attr in (("gender", "by_gender"), ("ethnicity_group", "by_group")):
            breakdowns[name] = {
                labels.get(key, key): {
                    "young_people": counts[0], "matched": counts[1],
                    "match_rate_pct": round(rate(counts), 1)}
                for key, counts in ((k, getattr(t, attr)[k])
                                    for k in categories(tallies, attr))}
        mean = t.mean_score()
        rows.append({
            "objective": objective, "mode": mode,
            "young_people": t.young_people, "matched": t.matched,
            "mean_score": None if mean is None else round(mean, 2),
            "below_40": t.below_40, "at_least_70": t.at_least_70,
            "named": t.named, "named_choices_met": t.named_met,
            "match_rate_by_gender": breakdowns["gender"],
            "match_rate_by_ethnicity_group": breakdowns["ethnicity_group"],
        })
    return json.dumps({"mentees": args.mentees, "mentors": args.mentors,
                       "seeds": args.seeds, "as_of": None if args.v1 else AS_OF,
                       "v1": args.v1, "rows": rows}, indent=2)


def as_markdown(args, tallies, labels):
    genders = categories(tallies, "by_gender")
    groups = categories(tallies, "by_group")
    label = lambda key: labels.get(key, key)
    # "not recorded" occurs in both breakdowns: say which one it is.
    column = lambda what, key: "%s %%" % (
        what + " not recorded" if key == NOT_RECORDED else label(key))
    head = (["objective", "mode", "matched", "mean score", "below 40", "70+",
             "named choices met"]
            + [column("gender", g) for g in genders]
            + [column("ethnicity", g) for g in groups])
    lines = []
    any_tally = next(iter(tallies.values()))
    lines.append("%d young people and %d mentors per pool, seeds %s%s; "
                 "figures summed over the seeds (%d young people)."
                 % (args.mentees, args.mentors, ",".join(map(str, args.seeds)),
                    "" if args.v1 else ", as of " + AS_OF, any_tally.young_people))
    lines.append("Match rates by gender (%s) then by ethnicity group (%s)."
                 % (", ".join(map(label, genders)), ", ".join(map(label, groups))))
    lines.append("")
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join(["---", "---"] + ["---:"] * (len(head) - 2)) + "|")
    pct = lambda v: "-" if v is None else "%.1f" % v
    for (objective, mode), t in tallies.items():
        mean = t.mean_score()
        cells = [objective, mode, str(t.matched),
                 "-" if mean is None else "%.2f" % mean,
                 str(t.below_40), str(t.at_least_70),
                 "%d / %d" % (t.named_met, t.named)]
        cells += [pct(rate(t.by_gender.get(g))) for g in genders]
        cells += [pct(rate(t.by_group.get(g))) for g in groups]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cli", required=True, help="the mentormatch binary")
    p.add_argument("--generate-cli",
                   help="the binary whose `generate` makes the pools (default "
                        "--cli): compare two versions on the same pools")
    p.add_argument("--mentees", type=int, default=2000)
    p.add_argument("--mentors", type=int, default=1000)
    p.add_argument("--seeds", default="1,2,3", help="comma-separated seeds")
    p.add_argument("--work", help="folder for pools and outputs (kept); "
                   "default a temporary folder, removed afterwards")
    p.add_argument("--format", choices=("md", "json"), default="md")
    p.add_argument("--v1", action="store_true",
                   help="for a version 1 CLI: no --as-of, no [objective] group")
    args = p.parse_args()
    try:
        args.seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    except ValueError:
        p.error("--seeds: expected comma-separated whole numbers")
    if not args.seeds or args.mentees < 1 or args.mentors < 1:
        p.error("need at least one seed, mentee and mentor")
    return args


def main():
    args = parse_args()
    if args.work:
        os.makedirs(args.work, exist_ok=True)
        tallies, labels = measure(args, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="policy-table-") as work:
            tallies, labels = measure(args, work)
    print((as_json if args.format == "json" else as_markdown)(args, tallies, labels))


if __name__ == "__main__":
    main()
