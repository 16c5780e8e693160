#!/usr/bin/env python3
"""check-exports.py LIBRARY INCLUDE_DIR

The shared library's exported symbols and the public headers must agree
(HarfBuzz's check-symbols): every symbol the library exports is declared with
MM_EXTERN in a header under INCLUDE_DIR, and every MM_EXTERN declaration is
exported. A symbol exported by accident becomes API nobody documented; a
declaration not exported links in the static library and fails in the shared
one. Public names also carry the mm_ prefix (docs/json.md).
"""
import subprocess
import sys

from public_api import Tally, declarations

# Symbols the linker itself may define in a shared object, not API.
LINKER_SYMBOLS = {"_init", "_fini", "_edata", "_end", "__bss_start"}


def exported(library):
    out = subprocess.run(["nm", "-D", "--defined-only", "--format=posix", library],
                         check=True, capture_output=True, text=True).stdout
    return {line.split()[0] for line in out.splitlines() if line.strip()} - LINKER_SYMBOLS


def main(library, include_dir):
    tally = Tally("exports")
    symbols = exported(library)
    where = {}
    for header, names in declarations(include_dir).items():
        for name in names:
            tally.check(name not in where,
                        f"{name} declared twice ({where.get(name)} and {header})")
            where.setdefault(name, header)

    tally.check(len(symbols) > 0, f"{library} exports no symbol")
    for symbol in sorted(symbols):
        tally.check(symbol in where,
                    f"{symbol} is exported but no public header declares it with MM_EXTERN")
        tally.check(symbol.startswith("mm_"), f"exported {symbol} lacks the mm_ prefix")
    for name, header in sorted(where.items()):
        tally.check(name in symbols,
                    f"{name} is declared MM_EXTERN in {header} but not exported")
    return tally.finish()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
