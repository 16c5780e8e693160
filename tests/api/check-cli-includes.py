#!/usr/bin/env python3
"""check-cli-includes.py CLI_DIR INCLUDE_DIR LIB_DIR

The program (cli/) is a caller of the library like any other: it may
include the public headers (INCLUDE_DIR), its own headers (under CLI_DIR)
and system headers, never an internal header of the
library (any header under LIB_DIR). Its build already keeps lib/ off the
include path; this check says which line is wrong when someone adds it back.
"""
import pathlib
import re
import sys

from public_api import Tally

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def main(cli_dir, include_dir, lib_dir):
    tally = Tally("cli-includes")
    public = {p.name for p in pathlib.Path(include_dir).glob("*.h")}
    internal = {p.name for p in pathlib.Path(lib_dir).rglob("*.h")}
    own = {p.name for p in pathlib.Path(cli_dir).rglob("*.h")}
    sources = sorted(p for p in pathlib.Path(cli_dir).rglob("*")
                     if p.suffix in (".c", ".h"))
    tally.check(len(sources) > 0, f"no source under {cli_dir}")
    for source in sources:
        text = source.read_text(encoding="utf-8")
        for match in INCLUDE.finditer(text):
            kind, name = match.groups()
            line = text.count("\n", 0, match.start()) + 1
            closing = '"' if kind == '"' else ">"
            where = f"{source}:{line}: #include {kind}{name}{closing}"
            base = pathlib.PurePath(name).name
            if kind == '"':
                tally.check(name in own or name in public,
                            f"{where}: neither public nor the program's own")
            tally.check(base not in internal or base in public,
                        f"{where}: an internal header of the library")
    return tally.finish()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
