#!/usr/bin/python3
"""A coordinator's scheduling tool calling mentormatch through its C FFI.

It reads the two pool exports (and the pins and config beside them), asks
the library for a shortlist for one young person and for a full match, and
prints both. Only Python's standard library is used: the library is loaded
with ctypes and spoken to in JSON (mm_json / mm_json_free).

    examples/scheduler.py --lib build/lib/libmentormatch.so [--mentee YP003]

The library path may also come from the MENTORMATCH_LIB environment variable.
With --check, the tool also checks facts about the answers it can verify
on its own (and against the CLI with --cli) and ends with the line
"scheduler: N passed, N failed"; it exits 1 when any check failed.
"""

import argparse
import configparser
import csv
import ctypes
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# How each column's text becomes a JSON value (docs/pools.md). Columns not
# listed here (id, gender, ethnicity, ...) are text.
LIST_COLUMNS = {
    "languages", "interests", "availability", "must", "needs", "aspirations",
    "pref_gender", "pref_ethnicity", "pref_religion", "pref_mentor_type",
    "pref_language", "preferred_mentors", "excluded_mentors", "skills",
    "sectors", "pref_mentee_gender",
}
BOOLEAN_COLUMNS = {
    "care_experienced", "remote", "pref_care_experienced", "checks_cleared",
}
WHOLE_COLUMNS = {
    "age", "priority", "pref_age_min", "pref_age_max", "capacity",
    "mentee_age_min", "mentee_age_max",
}
NUMBER_COLUMNS = {"lat", "lon", "training_hours", "max_distance_km"}
BOOLEAN_WORDS = {"yes": True, "true": True, "y": True, "1": True,
                 "no": False, "false": False, "n": False, "0": False}


class MentorMatch:
    """The library, through its one JSON entry point."""

    def __init__(self, path):
        self._lib = ctypes.CDLL(path)
        self._lib.mm_json.argtypes = [ctypes.c_char_p]
        # c_void_p, not c_char_p: ctypes would copy a c_char_p answer into a
        # bytes object and lose the pointer that mm_json_free() needs.
        self._lib.mm_json.restype = ctypes.c_void_p
        self._lib.mm_json_free.argtypes = [ctypes.c_void_p]
        self._lib.mm_json_free.restype = None

    def ask_text(self, request_bytes):
        """Sends request bytes as they are; returns the answer's text."""
        pointer = self._lib.mm_json(request_bytes)
        try:
            return ctypes.string_at(pointer).decode("utf-8")
        finally:
            self._lib.mm_json_free(pointer)

    def ask(self, request):
        """Sends one request (a dict); returns the answer (a dict)."""
        return json.loads(self.ask_text(json.dumps(request).encode("utf-8")))


def cell_value(column, text):
    """The JSON value of one CSV cell; None (left out) when empty. Text the
    column cannot hold is passed on as text, for the library to report."""
    text = text.strip()
    if text == "":
        return None
    if column in LIST_COLUMNS:
        return [item.strip() for item in text.split(";") if item.strip()]
    try:
        if column in BOOLEAN_COLUMNS:
            return BOOLEAN_WORDS[text.lower()]
        if column in WHOLE_COLUMNS:
            return int(text)
        if column in NUMBER_COLUMNS:
            return float(text)
    except (KeyError, ValueError):
        pass
    return text


def read_people(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        people = []
        for row in csv.DictReader(f):
            person = {}
            for column, text in row.items():
                value = cell_value(column.strip().lower(), text or "")
                if value is not None:
                    person[column.strip().lower()] = value
            people.append(person)
        return people


def read_pins(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [{"mentee_id": row["mentee_id"], "mentor_id": row["mentor_id"]}
                for row in csv.DictReader(f)]


def read_config(path):
    """The INI config as the request's "config" object."""
    ini = configparser.ConfigParser(comment_prefixes=("#",))
    ini.read(path, encoding="utf-8")
    config = {"weights": {}, "rules": {}}
    for key, text in ini.items("weights"):
        config["weights"][key] = float(text)
    for key, text in ini.items("rules"):
        if key == "require_checks":
            config["rules"][key] = BOOLEAN_WORDS[text.strip().lower()]
        elif key == "min_age_gap":
            config["rules"][key] = int(text)
        else:
            config["rules"][key] = float(text)
    return config


def print_shortlist(answer):
    for entry in answer["recommendations"]:
        print("Shortlist for %s:" % entry["mentee_id"])
        if not entry["mentors"]:
            print("  nobody eligible: %s" % entry["reason"])
        for pick in entry["mentors"]:
            print("  %2d. %-6s %6.2f  %s" % (pick["rank"], pick["mentor_id"],
                                           pick["score"],
                                           "; ".join(pick["reasons"][:3])))


def print_matching(answer):
    print("Matches:")
    for row in answer["matches"]:
        if row["mentor_id"] is None:
            print("  %-6s  -       unmatched: %s" % (row["mentee_id"],
                                                    row["reason"]))
        else:
            print("  %-6s  %-6s %6.2f %s" % (row["mentee_id"], row["mentor_id"],
                                             row["score"], row["status"]))
    s = answer["summary"]
    print("%s: matched %d of %d (%d pinned), %d unmatched; mean score %.2f"
          % (s["mode"], s["matched"] + s["pinned"], s["mentees"], s["pinned"],
             s["unmatched"], s["mean_score"]))


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAILED: %s" % what)


def cli_csv(cli, args):
    out = subprocess.run([cli] + args, check=True, capture_output=True,
                         text=True).stdout
    return list(csv.DictReader(out.splitlines()))


def run_checks(checks, mm, base, mentees, mentors, pins, mentee, shortlist,
               matching, cli, data, mode):
    ids = [p["id"] for p in mentees]
    rows = matching["matches"]
    checks.check([r["mentee_id"] for r in rows] == ids,
                 "every mentee once, in input order")
    s = matching["summary"]
    checks.check(s["matched"] + s["pinned"] + s["unmatched"] == len(ids),
                 "summary counts add up to the mentees")
    for pin in pins:
        row = rows[ids.index(pin["mentee_id"])]
        checks.check(row["status"] == "pinned" and
                     row["mentor_id"] == pin["mentor_id"],
                     "pin %s-%s kept" % (pin["mentee_id"], pin["mentor_id"]))
    capacity = {m["id"]: m.get("capacity", 1) for m in mentors}
    load = {}
    for row in rows:
        if row["mentor_id"] is not None:
            load[row["mentor_id"]] = load.get(row["mentor_id"], 0) + 1
    checks.check(all(load[m] <= capacity[m] for m in load),
                 "no mentor over capacity")

    picks = shortlist["recommendations"][0]["mentors"]
    checks.check(shortlist["recommendations"][0]["mentee_id"] == mentee,
                 "shortlist is for %s" % mentee)
    checks.check([p["rank"] for p in picks] == list(range(1, len(picks) + 1)),
                 "shortlist ranks ascend from 1")
    checks.check(all(a["score"] >= b["score"] for a, b in zip(picks, picks[1:])),
                 "shortlist best first")

    # A solver's match scores the pair as a shortlist does.
    everyone = mm.ask(dict(base, command="recommend", top=1000))
    score = {(e["mentee_id"], p["mentor_id"]): p["score"]
             for e in everyone["recommendations"] for p in e["mentors"]}
    matched = [r for r in rows if r["status"] == "matched"]
    checks.check(all(score.get((r["mentee_id"], r["mentor_id"])) == r["score"]
                     for r in matched),
                 "matched pairs score as in the shortlists")

    validated = mm.ask(dict(base, command="validate"))
    checks.check(validated["valid"] and validated["errors"] == [],
                 "the example data validate")
    broken = dict(base, command="match",
                  mentees=[dict(mentees[0]), dict(mentees[1], age=3)])
    problems = mm.ask(broken).get("error", {}).get("problems", [])
    checks.check(any(p["source"] == "mentees[1]" and p["column"] == "age"
                     for p in problems),
                 "a bad age is reported as mentees[1], column age")
    checks.check("error" in mm.ask({"command": "match"}) and
                 "error" in json.loads(mm.ask_text(b"{not json")),
                 "bad requests answer an error")

    if cli:
        files = ["--mentees", os.path.join(data, "mentees.csv"),
                 "--mentors", os.path.join(data, "mentors.csv"),
                 "--config", os.path.join(data, "config.ini")]
        rec = cli_csv(cli, ["recommend"] + files + ["--mentee", mentee])
        checks.check([(r["mentor_id"], float(r["score"])) for r in rec] ==
                     [(p["mentor_id"], p["score"]) for p in picks],
                     "shortlist equals the CLI's")
        cli_rows = cli_csv(cli, ["match", "--quiet", "--mode", mode, "--pinned",
                                 os.path.join(data, "pinned.csv")] + files)
        checks.check([(r["mentee_id"], r["mentor_id"] or None,
                       float(r["score"]) if r["score"] else None, r["status"])
                      for r in cli_rows] ==
                     [(r["mentee_id"], r["mentor_id"], r["score"], r["status"])
                      for r in rows],
                     "match equals the CLI's")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lib", default=os.environ.get("MENTORMATCH_LIB"),
                        help="path of libmentormatch.so (or MENTORMATCH_LIB)")
    parser.add_argument("--data", default=os.path.join(HERE, "data"),
                        help="folder with mentees.csv, mentors.csv, "
                             "pinned.csv and config.ini")
    parser.add_argument("--mentee", help="young person to shortlist for "
                                         "(default: the first)")
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--mode", default="optimal")
    parser.add_argument("--check", action="store_true",
                        help="check the answers and print a pass/fail line")
    parser.add_argument("--cli", help="the mentormatch program, to compare "
                                      "answers with (with --check)")
    args = parser.parse_args()
    if not args.lib:
        parser.error("give --lib PATH or set MENTORMATCH_LIB")

    mm = MentorMatch(args.lib)
    mentees = read_people(os.path.join(args.data, "mentees.csv"))
    mentors = read_people(os.path.join(args.data, "mentors.csv"))
    pins = read_pins(os.path.join(args.data, "pinned.csv"))
    base = {"mentees": mentees, "mentors": mentors,
            "config": read_config(os.path.join(args.data, "config.ini"))}
    mentee = args.mentee or mentees[0]["id"]

    shortlist = mm.ask(dict(base, command="recommend", mentee=mentee,
                            top=args.top))
    matching = mm.ask(dict(base, command="match", mode=args.mode, pinned=pins))
    for answer in (shortlist, matching):
        if "error" in answer:
            print("mentormatch: %s" % answer["error"]["message"],
                  file=sys.stderr)
            for p in answer["error"].get("problems", []):
                print("  %s: %s: %s" % (p["source"], p["column"], p["message"]),
                      file=sys.stderr)
            return 1
    print_shortlist(shortlist)
    print()
    print_matching(matching)

    if not args.check:
        return 0
    checks = Checks()
    run_checks(checks, mm, base, mentees, mentors, pins, mentee, shortlist,
               matching, args.cli, args.data, args.mode)
    print("scheduler: %d passed, %d failed" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
