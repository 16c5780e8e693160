#!/usr/bin/env python3
"""doxygen-filter.py HEADER: the header as Doxygen should read it.

The public headers are written in the GLib / gtk-doc style (json-glib's
model: "/** name:", "@param:", "Returns:") and short entries use plain
comments, so that the headers read well as plain text, which is where most
callers read them. Doxygen (INPUT_FILTER in docs/Doxyfile.in) gets a
translation that keeps every line where it was, so its warnings point at
the real header lines:
- the first comment becomes the @file description;
- a comment on its own, directly followed by code, documents that code;
- a comment after code on the same line documents that member (/ **<);
- in a "/ ** name:" block the name line goes, "@a, @b: text" becomes
  "@param a,b text" for a function and a list item for a type, "Returns:"
  becomes @return, and "@name" / "%NAME" in text become @p name / NAME.
"""
import re
import sys

PARAM_LINE = re.compile(r"^(\s*\*\s*)((?:@\w+\s*,\s*)*@\w+)\s*:\s?(.*)$")
RETURNS = re.compile(r"\bReturns:\s*")
INLINE_PARAM = re.compile(r"(?<![\w@\\])@(\w+)")
CONSTANT = re.compile(r"%([A-Z_][A-Z0-9_]*)")
SYMBOL_LINE = re.compile(r"^\s*\*\s*[A-Za-z_]\w*:\s*$")
TRAILING = re.compile(r"^(\s*\S.*?)/\*(?![*!])")


def comment_end(lines, start):
    """Index of the line that closes the comment opened on lines[start]."""
    for i in range(start, len(lines)):
        if "*/" in lines[i][lines[i].find("/*") + 2 if i == start else 0:]:
            return i
    return len(lines) - 1


def describes_type(lines, after):
    """Whether the code following a comment declares a type or a macro."""
    for line in lines[after:]:
        if line.strip():
            return line.lstrip().startswith(("typedef", "#define", "struct", "enum"))
    return False


def doc_text(line):
    """Inline gtk-doc markup in running text."""
    line = INLINE_PARAM.sub(r"@p \1", line)
    line = RETURNS.sub("@return ", line)
    return CONSTANT.sub(r"\1", line)


def translate_block(block, is_type, gtkdoc):
    out = []
    for n, line in enumerate(block):
        if gtkdoc and n == 1 and SYMBOL_LINE.match(line):
            out.append(" *")
            continue
        m = PARAM_LINE.match(line)
        if m:
            names = ",".join(name.strip().lstrip("@") for name in m.group(2).split(","))
            text = doc_text(m.group(3))
            line = (f"{m.group(1)}- @c {names}: {text}" if is_type
                    else f"{m.group(1)}@param {names} {text}")
        elif n > 0 or not gtkdoc:
            line = doc_text(line)
        out.append(line)
    return out


def translate(text):
    lines = text.split("\n")
    out, i, seen_first = [], 0, False
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith("/*"):
            end = comment_end(lines, i)
            block = lines[i:end + 1]
            follows_code = end + 1 < len(lines) and lines[end + 1].strip() != ""
            gtkdoc = stripped.startswith("/**")
            indent = line[:len(line) - len(stripped)]
            if not seen_first:
                # "/* mm-pool.h: what it is." -> "/** @file mm-pool.h" + brief
                name, _, brief = stripped[2:].strip().partition(": ")
                block[0] = f"{indent}/** @file {name.strip()} @brief {brief}"
                out.extend(doc_text(l) if k else block[0] for k, l in enumerate(block))
            elif gtkdoc or follows_code:
                if not gtkdoc:
                    block[0] = indent + "/**" + stripped[2:]
                out.extend(translate_block(block, describes_type(lines, end + 1), gtkdoc))
            else:
                out.extend(block)  # a section heading, not documentation
            seen_first = True
            i = end + 1
            continue
        m = TRAILING.match(line)
        if m and not m.group(1).lstrip().startswith("*"):
            line = m.group(1) + "/**<" + doc_text(line[m.end():])
        out.append(line)
        i += 1
    return "\n".join(out)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(translate(f.read()))
