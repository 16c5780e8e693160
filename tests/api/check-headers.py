#!/usr/bin/env python3
"""check-headers.py INCLUDE_DIR CC [CXX]

Every public header must stand on its own and serve C and C++ callers
(HarfBuzz's check-includes / json-glib's header rules):
- the umbrella <mentormatch.h> compiles, also when included twice;
- a sub-header included directly stops with the "Only <mentormatch.h>" error;
- each sub-header compiles alone as the umbrella includes it (it includes
  what it uses), and the umbrella does include it;
- headers that declare API wrap it in G_BEGIN_DECLS / G_END_DECLS;
- every MM_EXTERN declaration is documented, by its own comment or by the
  comment of the group it belongs to (the header is the reference);
- with CXX given, the same in C++, and a C++ caller of every MM_EXTERN
  function refers to its unmangled C name (extern "C" linkage).
The compilers only compile (-c), so the check also runs in sanitizer builds.
CC and CXX may be commands with arguments, separated by spaces.
"""
import pathlib
import shlex
import subprocess
import sys
import tempfile

from public_api import UMBRELLA, Tally, code_of, declarations, headers, undocumented_names

C_FLAGS = ["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
           "-Wstrict-prototypes", "-Wmissing-prototypes", "-Wshadow",
           "-Wundef", "-Wredundant-decls"]
CXX_FLAGS = ["-std=c++11", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
             "-Wshadow", "-Wundef", "-Wredundant-decls", "-Wold-style-cast"]
GUARD_MESSAGE = "Only <mentormatch.h> can be included directly"


def glib_flags():
    """GLib's include paths as system paths, so only our headers are judged."""
    out = subprocess.run(["pkg-config", "--cflags", "glib-2.0"], check=True,
                         capture_output=True, text=True).stdout.split()
    return ["-isystem" + f[2:] if f.startswith("-I") else f for f in out]


class Compiler:
    def __init__(self, command, flags, suffix, include_dir, workdir):
        self.command = shlex.split(command)
        self.flags = flags + glib_flags() + ["-I", str(include_dir)]
        self.suffix = suffix
        self.workdir = workdir
        self.count = 0

    def compile(self, source):
        """(ok, diagnostics, object path) for one translation unit."""
        self.count += 1
        src = self.workdir / f"tu{self.count}{self.suffix}"
        obj = src.with_suffix(".o")
        src.write_text(source)
        run = subprocess.run(self.command + self.flags + ["-c", str(src), "-o", str(obj)],
                             capture_output=True, text=True)
        return run.returncode == 0, run.stderr, obj


def check_language(tally, lang, compiler, include_dir):
    umbrella_tu = "#include <mentormatch.h>\n"
    ok, err, _ = compiler.compile(umbrella_tu)
    tally.check(ok, f"{lang}: <{UMBRELLA}> does not compile:\n{err}")
    ok, err, _ = compiler.compile(umbrella_tu * 2)
    tally.check(ok, f"{lang}: <{UMBRELLA}> included twice does not compile:\n{err}")
    for header in headers(include_dir):
        if header.name == UMBRELLA:
            continue
        ok, err, _ = compiler.compile(f'#include "{header.name}"\n')
        tally.check(not ok and GUARD_MESSAGE in err,
                    f"{lang}: {header.name} included directly does not stop with "
                    f"'{GUARD_MESSAGE}'")
        ok, err, _ = compiler.compile(
            f'#define MENTORMATCH_INSIDE\n#include "{header.name}"\n')
        tally.check(ok, f"{lang}: {header.name} does not compile on its own "
                        f"(does it include what it uses?):\n{err}")


def check_structure(tally, include_dir):
    umbrella = (pathlib.Path(include_dir) / UMBRELLA).read_text(encoding="utf-8")
    for header in headers(include_dir):
        if header.name == UMBRELLA:
            continue
        text = header.read_text(encoding="utf-8")
        tally.check(f'#include "{header.name}"' in umbrella,
                    f"{UMBRELLA} does not include {header.name}")
        code = code_of(text)
        if "MM_EXTERN" in code or "typedef" in code:
            begin, end = code.find("G_BEGIN_DECLS"), code.rfind("G_END_DECLS")
            tally.check(0 <= begin < end,
                        f"{header.name}: declarations not wrapped in "
                        f"G_BEGIN_DECLS ... G_END_DECLS")
        missing = undocumented_names(text)
        tally.check(not missing, f"{header.name}: no comment documents {', '.join(missing)}")


def check_cxx_linkage(tally, compiler, include_dir):
    """A C++ caller must name every function by its plain C symbol."""
    names = [n for ns in declarations(include_dir).values() for n in ns]
    refs = ",\n  ".join(f"reinterpret_cast<const void *>(&{n})" for n in names)
    ok, err, obj = compiler.compile(
        "#include <mentormatch.h>\n"
        "extern const void *const mm_api_refs[];\n"
        f"const void *const mm_api_refs[] = {{\n  {refs}\n}};\n")
    if not tally.check(ok, f"C++: a caller of every public function does not compile:\n{err}"):
        return
    undefined = subprocess.run(["nm", "-u", "--format=posix", str(obj)], check=True,
                               capture_output=True, text=True).stdout
    referenced = {line.split()[0] for line in undefined.splitlines() if line.strip()}
    for name in names:
        tally.check(name in referenced,
                    f"C++: {name} does not have C linkage (missing G_BEGIN_DECLS?)")


def main(include_dir, cc, cxx):
    tally = Tally("headers")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = pathlib.Path(tmp)
        check_structure(tally, include_dir)
        check_language(tally, "C", Compiler(cc, C_FLAGS, ".c", include_dir, workdir),
                       include_dir)
        if cxx:
            compiler = Compiler(cxx, CXX_FLAGS, ".cpp", include_dir, workdir)
            check_language(tally, "C++", compiler, include_dir)
            check_cxx_linkage(tally, compiler, include_dir)
        else:
            print("note: no C++ compiler found; C++ checks skipped")
    return tally.finish()


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else ""))
