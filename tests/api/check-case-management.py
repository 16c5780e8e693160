#!/usr/bin/env python3
"""check-case-management.py PROGRAM

Runs examples/case-management (built against the shared library) and checks
that what it prints keeps the promises the example is there to show: the
existing match is kept, every young person appears exactly once, the hard
rules hold (safeguarding exclusion, checks, `must`), no mentor takes more
than their capacity, explanations add up to the scores, and the shortlist is
ranked. The expectations below restate the records in case-management.c.
"""
import re
import subprocess
import sys

from public_api import Tally

YOUNG_PEOPLE = ["YP-1001", "YP-1002", "YP-1003", "YP-1004", "YP-1005", "YP-1006"]
CAPACITY = {"MEN-201": 2, "MEN-202": 1, "MEN-203": 2, "MEN-204": 2, "MEN-205": 1}
WOMEN_MENTORS = {"MEN-203", "MEN-204", "MEN-205"}
SHORTLIST_FOR, SHORTLIST_LENGTH = "YP-1003", 3
# Contributions are printed to 2 decimals, so their sum may drift from the
# score by up to half a cent for each of the 13 criteria.
ROUNDING = 13 * 0.005 + 1e-9

ROW = re.compile(r"^(YP-\d+) -> (\S+) (matched|pinned|unmatched)(?:, score ([\d.]+)|: (.*))$")
CONTRIBUTIONS = re.compile(r"^    contributions: (.*)$")
REASONS = re.compile(r"^    reasons: (.*)$")
SHORTLIST_ROW = re.compile(r"^  (\d+)\. (\S+) score ([\d.]+): (.+)$")
SUMMARY = re.compile(r"^Summary: (\d+) matched, (\d+) pinned, (\d+) unmatched;")


def parse_rows(lines):
    """{mentee: [row, ...]} where a row is a dict of what was printed."""
    rows, current = {}, None
    for line in lines:
        if m := ROW.match(line):
            current = {"mentor": m.group(2), "status": m.group(3),
                       "score": float(m.group(4)) if m.group(4) else None,
                       "reason": m.group(5), "reasons": None, "contributions": None}
            rows.setdefault(m.group(1), []).append(current)
        elif current and (m := REASONS.match(line)):
            current["reasons"] = m.group(1)
        elif current and (m := CONTRIBUTIONS.match(line)):
            current["contributions"] = [float(part.rsplit(" ", 1)[1])
                                        for part in m.group(1).split(", ")]
        elif not line.startswith("    "):
            current = None
    return rows


def check_rows(tally, rows):
    for mentee in YOUNG_PEOPLE:
        tally.check(len(rows.get(mentee, [])) == 1,
                    f"{mentee} appears {len(rows.get(mentee, []))} times, not once")
    tally.check(set(rows) == set(YOUNG_PEOPLE), f"unexpected young people: {sorted(rows)}")
    row = {mentee: found[0] for mentee, found in rows.items()}

    kept = row.get("YP-1001", {})
    tally.check(kept.get("mentor") == "MEN-201" and kept.get("status") == "pinned",
                f"the existing match YP-1001 -> MEN-201 was not kept: {kept}")
    tally.check(row.get("YP-1003", {}).get("mentor") != "MEN-202",
                "YP-1003 was matched with MEN-202, whom they exclude")
    tally.check(row.get("YP-1002", {}).get("mentor") in WOMEN_MENTORS,
                "YP-1002 must have a woman mentor")
    tally.check(all(r["mentor"] != "MEN-205" for r in row.values()),
                "MEN-205 (checks not cleared) was matched")
    unmatched = row.get("YP-1006", {})
    tally.check(unmatched.get("status") == "unmatched"
                and "must:mentor_type" in (unmatched.get("reason") or ""),
                f"YP-1006 (natural mentor only) is not unmatched with its reason: {unmatched}")

    load = {}
    for mentee, r in row.items():
        if r["status"] == "unmatched":
            tally.check(r["mentor"] == "(none)" and r["reason"], f"{mentee}: unmatched without reason")
            continue
        load[r["mentor"]] = load.get(r["mentor"], 0) + 1
        tally.check(bool(r["reasons"]), f"{mentee}: no reasons printed")
        tally.check(r["contributions"] is not None
                    and abs(sum(r["contributions"]) - r["score"]) <= ROUNDING,
                    f"{mentee}: contributions {r['contributions']} do not add up to {r['score']}")
    for mentor, n in sorted(load.items()):
        tally.check(n <= CAPACITY.get(mentor, 0), f"{mentor} has {n} mentees, over capacity")
    return row


def check_summary(tally, lines, row):
    found = [SUMMARY.match(line) for line in lines if SUMMARY.match(line)]
    if not tally.check(len(found) == 1, "no single Summary line"):
        return
    counts = tuple(int(n) for n in found[0].groups())
    by_status = tuple(sum(r["status"] == s for r in row.values())
                      for s in ("matched", "pinned", "unmatched"))
    tally.check(counts == by_status, f"summary {counts} disagrees with the rows {by_status}")


def check_shortlist(tally, lines):
    start = [i for i, line in enumerate(lines) if line == f"Shortlist for {SHORTLIST_FOR}:"]
    if not tally.check(len(start) == 1, f"no shortlist for {SHORTLIST_FOR}"):
        return
    entries = [SHORTLIST_ROW.match(line) for line in lines[start[0] + 1:]]
    entries = [m for m in entries if m]
    ranks = [int(m.group(1)) for m in entries]
    mentors = [m.group(2) for m in entries]
    scores = [float(m.group(3)) for m in entries]
    tally.check(1 <= len(entries) <= SHORTLIST_LENGTH, f"shortlist has {len(entries)} entries")
    tally.check(ranks == list(range(1, len(entries) + 1)), f"ranks {ranks} are not 1, 2, ...")
    tally.check(scores == sorted(scores, reverse=True), f"scores {scores} are not best first")
    tally.check(len(set(mentors)) == len(mentors), f"a mentor listed twice: {mentors}")
    tally.check("MEN-202" not in mentors and "MEN-205" not in mentors,
                f"an ineligible mentor is on the shortlist: {mentors}")


def main(program):
    tally = Tally("case-management")
    run = subprocess.run([program], capture_output=True, text=True)
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)
    tally.check(run.returncode == 0, f"exit status {run.returncode}")
    dynamic = subprocess.run(["readelf", "-d", program], capture_output=True, text=True).stdout
    tally.check("[libmentormatch.so." in dynamic,
                "the example is not linked against the shared library")
    lines = run.stdout.splitlines()
    tally.check(any(re.search(r"case-system:7: column age: .*sixteen", l) for l in lines),
                "the bad referral YP-1007 is not reported with its line and column")
    row = check_rows(tally, parse_rows(lines))
    check_summary(tally, lines, row)
    check_shortlist(tally, lines)
    return tally.finish()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
