#!/usr/bin/env python3
"""Checks an equity report page (tests/test-report.c runs this).

Usage: check-report-html.py FILE

Parses the page with the standard library's HTML parser, independently of
the C code that wrote it, and checks that:
- every element is closed, in order (a stack of open tags; HTML void
  elements and self-closed SVG elements need no end tag);
- the page is self-contained: no script, no link/img/iframe/object/embed,
  no src or href attribute, no url() or @import in the style sheet;
- every <section> holds exactly one <svg>, and there is no <svg> outside one;
- the safeguarding section (its <h2> starts "Safeguarding") withholds
  nothing: no cell of its table is marked suppressed (a flag is never
  hidden; a small count says "fewer than N").
Prints "sections=N" and "safeguarding_rows=N" (rows of that section's
table) and exits 0 when the page passes; otherwise prints each problem and
exits 1.
"""
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
FORBIDDEN_TAGS = {"script", "link", "img", "iframe", "object", "embed"}
FORBIDDEN_ATTRS = {"src", "href", "xlink:href"}


class PageChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.sections = 0
        self.svgs_in_section = None
        self.in_style = False
        self.in_h2 = False
        self.section_title = ""
        self.in_tbody = False
        self.safeguarding_rows = 0

    def where(self):
        line, col = self.getpos()
        return f"line {line}:{col}"

    def check_tag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"{self.where()}: <{tag}> is not allowed")
        for name, _ in attrs:
            if name in FORBIDDEN_ATTRS:
                self.problems.append(f"{self.where()}: attribute {name}")
        if tag == "section":
            if self.svgs_in_section is not None:
                self.problems.append(f"{self.where()}: nested <section>")
            self.sections += 1
            self.svgs_in_section = 0
            self.section_title = ""
        elif tag == "h2":
            self.in_h2 = True
        elif tag == "tbody":
            self.in_tbody = True
        elif tag == "tr" and self.in_tbody and self.in_safeguarding():
            self.safeguarding_rows += 1
        elif tag == "td" and self.in_safeguarding() and \
                ("class", "suppressed") in attrs:
            self.problems.append(
                f"{self.where()}: a safeguarding count is withheld")
        elif tag == "svg":
            if self.svgs_in_section is None:
                self.problems.append(f"{self.where()}: <svg> outside a section")
            else:
                self.svgs_in_section += 1

    def in_safeguarding(self):
        return self.section_title.startswith("Safeguarding")

    def handle_starttag(self, tag, attrs):
        self.check_tag(tag, attrs)
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        self.check_tag(tag, attrs)
        if tag in ("section", "svg"):
            self.problems.append(f"{self.where()}: empty <{tag}/>")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.problems.append(f"{self.where()}: </{tag}> closes nothing")
            return
        open_tag, opened = self.stack.pop()
        if open_tag != tag:
            self.problems.append(
                f"{self.where()}: </{tag}> closes <{open_tag}> from {opened}")
        if tag == "style":
            self.in_style = False
        if tag == "h2":
            self.in_h2 = False
        if tag == "tbody":
            self.in_tbody = False
        if tag == "section":
            if self.svgs_in_section != 1:
                self.problems.append(
                    f"{self.where()}: section has {self.svgs_in_section} svg")
            self.svgs_in_section = None

    def handle_data(self, data):
        if self.in_h2:
            self.section_title += data
        if self.in_style and ("url(" in data or "@import" in data):
            self.problems.append(f"{self.where()}: external style resource")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    if not text.startswith("<!DOCTYPE html>"):
        print("no <!DOCTYPE html> at the start")
        return 1
    checker = PageChecker()
    checker.feed(text)
    checker.close()
    for tag, opened in checker.stack:
        checker.problems.append(f"<{tag}> from {opened} never closed")
    if checker.sections == 0:
        checker.problems.append("no <section>")
    for problem in checker.problems:
        print(problem)
    print(f"sections={checker.sections}")
    print(f"safeguarding_rows={checker.safeguarding_rows}")
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
