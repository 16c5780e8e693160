#!/usr/bin/env python3
"""check-generator.py SHARED_LIBRARY STATIC_LIBRARY GENERATOR_ARCHIVE

The generator of synthetic pools (cli/generate/) is the program's, not the
library's: nothing a caller of libmentormatch can reach used it, so it must
not be compiled into either library. Every symbol the generator's archive
defines globally must be absent from the shared library (its whole symbol
table, hidden symbols included, not only the exported ones) and from the
static archive, and the static archive holds no object of the generator.
"""
import pathlib
import subprocess
import sys

from public_api import Tally


def defined(path, external_only):
    args = ["nm", "--defined-only", "--format=posix"]
    if external_only:
        args.append("--extern-only")
    out = subprocess.run(args + [path], check=True, capture_output=True,
                         text=True).stdout
    # archive members are announced as "archive[member.o]:"; symbols are
    # "name type value size"
    return {line.split()[0] for line in out.splitlines()
            if line.strip() and not line.rstrip().endswith(":")}


def members(archive):
    out = subprocess.run(["ar", "t", archive], check=True, capture_output=True,
                         text=True).stdout
    return [pathlib.Path(m).name for m in out.split()]


def main(shared, static, generator):
    tally = Tally("generator")
    names = defined(generator, external_only=True)
    tally.check(len(names) > 0, f"{generator} defines no symbol")
    in_shared = defined(shared, external_only=False)
    in_static = defined(static, external_only=False)
    for name in sorted(names):
        tally.check(name not in in_shared, f"{name} is in {shared}")
        tally.check(name not in in_static, f"{name} is in {static}")
    for member in members(generator):
        tally.check(not any(m.endswith(member) for m in members(static)),
                    f"{static} holds the generator's {member}")
    return tally.finish()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
