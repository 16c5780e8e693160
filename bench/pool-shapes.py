#!/usr/bin/python3
"""pool-shapes.py: synthetic pools of chosen shapes, written independently of
`mentormatch generate`, so that the bench does not only measure the pools the
project's own generator makes.

Shapes (each an option):
  --homes clustered   most people live in a few towns (tight clusters of a few
                      km): many pairs within travel distance, distance checks
                      on nearly every pair
  --homes spread      homes spread evenly over England and Wales: few pairs
                      within reach, most cut by distance
  --wishes many       most young people state preferences, name mentors, make
                      some of them musts; mentors state theirs
  --wishes few        a few people state anything
  --capacity 1|3|mixed  places per mentor (mixed: 1-4, mostly 1-2)

Columns come in a shuffled order, ids have another form than generate's, and
the mentor file quotes every field (as spreadsheet exports do), so the loader sees another file layout
too. The same arguments and seed give the same files.

Usage:
  /usr/bin/python3 bench/pool-shapes.py --mentees 100000 --mentors 20000 \
      --homes clustered --wishes many --capacity mixed --seed 7 --dir /tmp/pool
Writes DIR/mentees.csv and DIR/mentors.csv (waiting_since dates are on or
before 2026-12-01: run `mentormatch match --as-of 2026-12-01`).
"""
import argparse
import csv
import datetime
import os
import random

# Town centres (lat, lon) and a weight: people cluster around them.
TOWNS = [
    (51.507, -0.128, 9), (52.486, -1.890, 4), (53.483, -2.244, 4),
    (53.800, -1.549, 3), (53.408, -2.991, 2), (51.455, -2.588, 2),
    (52.954, -1.158, 2), (53.383, -1.465, 2), (54.978, -1.618, 2),
    (51.481, -3.179, 2), (52.637, -1.132, 1), (50.376, -4.143, 1),
    (52.406, -1.520, 1), (53.745, -0.336, 1), (51.752, -1.258, 1),
]
BOX = (50.6, 54.9, -4.4, 1.4)  # lat min, lat max, lon min, lon max

INTERESTS = ("football basketball cricket swimming boxing gym running cycling "
             "dance drama music singing art photography fashion cooking baking "
             "gaming coding reading writing animals nature fishing chess "
             "anime skateboarding climbing martial-arts film").split()
NEEDS = "sen mental-health youth-justice trauma employability substance-misuse".split()
SKILLS = ("trauma-informed sen mental-health youth-justice employability "
          "substance-misuse").split()
SECTORS = ("construction health digital education retail engineering care "
           "sport creative law finance hospitality").split()
ETHNICITIES = [("White: British", 60), ("White: Irish", 2), ("White: Other", 6),
               ("Black: Caribbean", 5), ("Black: African", 6),
               ("Asian: Indian", 4), ("Asian: Pakistani", 5),
               ("Asian: Bangladeshi", 2), ("Mixed: White and Black Caribbean", 4),
               ("Mixed: White and Asian", 2), ("Other: Arab", 1),
               ("Other: Any other", 3)]
RELIGIONS = [("", 30), ("none", 30), ("christian", 25), ("muslim", 10),
             ("hindu", 2), ("sikh", 2), ("jewish", 1)]
# pref_ethnicity keywords that compare with the young person's own ethnicity.
RELATIVE_ETHNICITY = ("same", "same-group", "different-group")
LANGUAGES = "english polish urdu arabic punjabi romanian somali bengali".split()
SLOTS = [d + "-" + t for d in "mon tue wed thu fri sat sun".split()
         for t in ("am", "pm", "eve")]
TYPES = [("volunteer", 60), ("paid", 20), ("peer", 17), ("natural", 3)]
AS_OF = datetime.date(2026, 12, 1)

MENTEE_COLUMNS = ("id age gender ethnicity religion languages interests "
                  "care_experienced lat lon remote availability must needs "
                  "aspirations priority pref_gender pref_ethnicity pref_religion "
                  "pref_care_experienced pref_age_min pref_age_max "
                  "pref_mentor_type pref_language preferred_mentors "
                  "excluded_mentors previous_mentors waiting_since").split()
MENTOR_COLUMNS = ("id age gender ethnicity religion languages interests "
                  "care_experienced lat lon remote availability must capacity "
                  "mentor_type checks_cleared training_hours skills sectors "
                  "max_distance_km mentee_age_min mentee_age_max "
                  "pref_mentee_gender").split()


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for value, w in pairs:
        x -= w
        if x <= 0:
            return value
    return pairs[-1][0]


def home(rng, homes):
    """(lat, lon, town index) or None when the location is not recorded."""
    if rng.random() < 0.08:
        return None
    if homes == "clustered" and rng.random() < 0.92:
        town = weighted(rng, [(i, t[2]) for i, t in enumerate(TOWNS)])
        lat0, lon0, _ = TOWNS[town]
        # about 4 km either way: 1 degree of latitude is 111 km
        return (lat0 + rng.gauss(0, 0.035), lon0 + rng.gauss(0, 0.055), town)
    lat = rng.uniform(BOX[0], BOX[1])
    lon = rng.uniform(BOX[2], BOX[3])
    return (lat, lon, -1)


def some(rng, items, lo, hi):
    return rng.sample(items, rng.randint(lo, hi))


def gender(rng):
    return weighted(rng, [("male", 48), ("female", 48), ("non-binary", 3), ("", 1)])


def common(rng, person, homes, adult):
    person["gender"] = gender(rng)
    person["ethnicity"] = "" if rng.random() < 0.05 else weighted(rng, ETHNICITIES)
    person["religion"] = weighted(rng, RELIGIONS)
    langs = ["english"] if rng.random() < 0.95 else []
    if rng.random() < 0.12:
        langs.append(rng.choice(LANGUAGES[1:]))
    person["languages"] = ";".join(langs)
    person["interests"] = ";".join(some(rng, INTERESTS, 0, 5))
    person["care_experienced"] = rng.choice(["yes", "no", "no", ""] if adult
                                            else ["yes", "yes", "no", ""])
    place = home(rng, homes)
    person["lat"] = "" if place is None else "%.5f" % place[0]
    person["lon"] = "" if place is None else "%.5f" % place[1]
    person["remote"] = rng.choice(["yes", "no", "no", ""])
    person["availability"] = ";".join(some(rng, SLOTS, 0, 6))
    return place


def make_mentors(rng, n, args):
    mentors, towns = [], {}
    for i in range(n):
        m = {"id": "V-%06d" % (i + 1)}
        kind = weighted(rng, TYPES)
        m["mentor_type"] = kind
        m["age"] = str(rng.randint(18, 24) if kind == "peer" else rng.randint(21, 72))
        place = common(rng, m, args.homes, adult=True)
        towns.setdefault(place[2] if place else -2, []).append(i)
        if args.capacity == "mixed":
            m["capacity"] = str(weighted(rng, [(1, 50), (2, 30), (3, 15), (4, 5)]))
        else:
            m["capacity"] = args.capacity
        # Drawn as before, so that the rest of the pool stays the same, but
        # never empty: the column is required, and an empty value is warned
        # about (treated as not cleared).
        cleared = "yes" if rng.random() < 0.9 else rng.choice(["no", ""])
        m["checks_cleared"] = cleared or "no"
        m["training_hours"] = "%g" % rng.choice([0, 2, 3, 4, 6, 8, 12, 20, 30])
        m["skills"] = ";".join(some(rng, SKILLS, 0, 2))
        m["sectors"] = ";".join(some(rng, SECTORS, 0, 2))
        m["max_distance_km"] = "" if rng.random() < 0.1 else "%d" % rng.randint(5, 40)
        many = args.wishes == "many"
        if rng.random() < (0.3 if many else 0.05):
            lo = rng.randint(8, 16)
            m["mentee_age_min"], m["mentee_age_max"] = str(lo), str(lo + rng.randint(4, 10))
        if rng.random() < (0.25 if many else 0.03):
            m["pref_mentee_gender"] = rng.choice(["male", "female", "female;non-binary"])
        musts = []
        if m.get("pref_mentee_gender") and rng.random() < (0.4 if many else 0.2):
            musts.append("gender")
        m["must"] = ";".join(musts)
        mentors.append(m)
    return mentors, towns


def make_mentees(rng, n, mentors, towns, args):
    many = args.wishes == "many"
    p = (lambda a, b: rng.random() < (a if many else b))
    mentees = []
    naturals = [i for i, m in enumerate(mentors) if m["mentor_type"] == "natural"]
    rng.shuffle(naturals)
    for i in range(n):
        y = {"id": "C-%07d" % (i + 1), "age": str(rng.randint(10, 25))}
        place = common(rng, y, args.homes, adult=False)
        y["needs"] = ";".join(some(rng, NEEDS, 0, 2))
        y["aspirations"] = ";".join(some(rng, SECTORS, 0, 2))
        y["priority"] = str(weighted(rng, [(0, 40), (1, 30), (2, 20), (3, 10)]))
        stated = []
        if p(0.55, 0.05):
            y["pref_gender"] = rng.choice(["male", "female", y["gender"] or "female"])
            stated.append("gender")
        # A wish relative to the young person's own ethnicity or religion
        # needs that to be given (the loader warns otherwise): such a wish
        # is drawn as before (keeping the random stream, so the rest of the
        # pool is unchanged) and then dropped.
        dropped = set()
        if p(0.25, 0.03):
            y["pref_ethnicity"] = rng.choice(["same", "same-group", "Black: African",
                                              "Asian", "different-group"])
            stated.append("ethnicity")
            if not y["ethnicity"] and y["pref_ethnicity"] in RELATIVE_ETHNICITY:
                dropped.add("ethnicity")
                del y["pref_ethnicity"]
        if p(0.15, 0.02):
            y["pref_religion"] = rng.choice(["same", "muslim", "christian"])
            stated.append("religion")
            if not y["religion"] and y["pref_religion"] == "same":
                dropped.add("religion")
                del y["pref_religion"]
        if p(0.4, 0.05):
            y["pref_care_experienced"] = "yes"
            stated.append("care_experienced")
        if p(0.3, 0.03):
            lo = rng.randint(18, 30)
            y["pref_age_min"], y["pref_age_max"] = str(lo), str(lo + rng.randint(5, 25))
            stated.append("age")
        if p(0.25, 0.03):
            y["pref_mentor_type"] = rng.choice(["peer", "volunteer;paid", "paid"])
            stated.append("mentor_type")
        if p(0.1, 0.01):
            y["pref_language"] = rng.choice(LANGUAGES)
            stated.append("language")
        musts = [s for s in stated if rng.random() < (0.35 if many else 0.2)]
        y["must"] = ";".join(s for s in musts if s not in dropped)
        nearby = towns.get(place[2] if place else -2) or towns.get(-1) or [0]
        named = []
        if naturals and p(0.03, 0.005):
            named.append(mentors[naturals.pop()]["id"])
        if p(0.35, 0.03):
            for j in rng.sample(nearby, min(len(nearby), rng.randint(1, 3))):
                if mentors[j]["mentor_type"] != "natural":
                    named.append(mentors[j]["id"])
        y["preferred_mentors"] = ";".join(dict.fromkeys(named))
        if p(0.1, 0.02):
            # Not a mentor this young person also named: the loader warns
            # about that (the veto wins).
            vetoed = rng.sample(nearby, min(len(nearby), 2))
            y["excluded_mentors"] = ";".join(
                mentors[j]["id"] for j in vetoed if mentors[j]["id"] not in named)
        if p(0.08, 0.02):
            y["previous_mentors"] = mentors[rng.choice(nearby)]["id"]
        y["waiting_since"] = (AS_OF - datetime.timedelta(days=rng.randint(0, 420))).isoformat()
        mentees.append(y)
    return mentees


def write(path, columns, rows, rng, quote_all):
    columns = list(columns)
    rng.shuffle(columns)
    columns.remove("id")
    columns.insert(rng.randint(0, len(columns)), "id")
    with open(path, "w", newline="") as f:
        # Spreadsheet exports quote every field, others only where needed.
        out = csv.writer(f, lineterminator="\r\n",
                         quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
        out.writerow(columns)
        for r in rows:
            out.writerow([r.get(c, "") for c in columns])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mentees", type=int, required=True)
    ap.add_argument("--mentors", type=int, required=True)
    ap.add_argument("--homes", choices=["clustered", "spread"], default="clustered")
    ap.add_argument("--wishes", choices=["many", "few"], default="many")
    ap.add_argument("--capacity", choices=["1", "3", "mixed"], default="mixed")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dir", required=True)
    args = ap.parse_args()
    rng = random.Random("%s/%s/%s/%d" % (args.homes, args.wishes, args.capacity, args.seed))
    mentors, towns = make_mentors(rng, args.mentors, args)
    mentees = make_mentees(rng, args.mentees, mentors, towns, args)
    os.makedirs(args.dir, exist_ok=True)
    write(os.path.join(args.dir, "mentors.csv"), MENTOR_COLUMNS, mentors, rng, True)
    write(os.path.join(args.dir, "mentees.csv"), MENTEE_COLUMNS, mentees, rng, False)
    print("%s: %d young people, %s: %d mentors" % (
        os.path.join(args.dir, "mentees.csv"), len(mentees),
        os.path.join(args.dir, "mentors.csv"), len(mentors)))


if __name__ == "__main__":
    main()
