"""public_api.py: what the public headers under include/ declare.

Shared by check-exports.py and check-headers.py so that both read the
headers the same way. A declaration is public when it carries MM_EXTERN
(include/mm-common.h); the name is the identifier before its parameter list,
or the last identifier of a variable declaration.
"""
import pathlib
import re

UMBRELLA = "mentormatch.h"

_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_DIRECTIVE = re.compile(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", re.M)
_EXTERN = re.compile(r"\bMM_EXTERN\b([^;]*);")
_NAME_BEFORE_PAREN = re.compile(r"([A-Za-z_]\w*)\s*\(")
_LAST_NAME = re.compile(r"([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)*$")


def headers(include_dir):
    """Every public header, the umbrella first, then by name."""
    found = sorted(pathlib.Path(include_dir).glob("*.h"))
    return sorted(found, key=lambda p: (p.name != UMBRELLA, p.name))


def code_of(text):
    """The header's C code without comments and preprocessor lines."""
    return _DIRECTIVE.sub("", _COMMENT.sub(" ", text))


def declared_names(text):
    """Names declared with MM_EXTERN in one header's text, in order."""
    names = []
    for match in _EXTERN.finditer(code_of(text)):
        decl = match.group(1)
        name = _NAME_BEFORE_PAREN.search(decl) or _LAST_NAME.search(decl.strip())
        if name:
            names.append(name.group(1))
    return names


def undocumented_names(text):
    """MM_EXTERN names in paragraphs (runs of lines without a blank line)
    that hold no comment: a declaration is documented by its own comment or
    by the one heading the group it belongs to."""
    return [name for para in re.split(r"\n[ \t]*\n", text) if "/*" not in para
            for name in declared_names(para)]


def declarations(include_dir):
    """{header name: [names declared with MM_EXTERN]} for every header."""
    return {h.name: declared_names(h.read_text(encoding="utf-8"))
            for h in headers(include_dir)}


class Tally:
    """Counts checks and prints the summary line tests/run-tests.sh adds up."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}")
        return ok

    def finish(self):
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 and self.passed > 0 else 1
