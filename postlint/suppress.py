"""Inline suppressions, as markdownlint does them.

In the Markdown body (HTML comments, invisible on the page)::

    <!-- postlint-disable PL401 misspelling -->   ... until postlint-enable
    <!-- postlint-enable PL401 -->
    <!-- postlint-disable-next-line PL501 -->
    <!-- postlint-disable-line PL301 -->          on the same line
    <!-- postlint-disable-file PL100 -->

In front matter, the same directives as YAML comments::

    post-date: 3-18-2013  # postlint-disable-line PL102
    # postlint-disable-next-line PL103

Without codes a directive applies to every rule. Codes may be codes or slugs.
"""

from __future__ import annotations

import re

from postlint._record import Record

_KINDS = "disable-next-line|disable-line|disable-file|disable|enable"
_HTML = re.compile(rf"<!--\s*postlint-({_KINDS})\b([^>]*?)\s*-->")
_YAML = re.compile(rf"(?:^|\s)#\s*postlint-({_KINDS})\b(.*)$")
_SPLIT = re.compile(r"[\s,]+")


# A hand-written record (postlint._record), not a dataclass: @dataclass exec's generated source
# at every start-up (~0.6 ms a class); tests/test_records_startup.py compares it with the dataclass.
class Directive(Record):
    _fields = ("kind", "codes", "line", "start", "end", "alone", "unknown", "used")

    def __init__(self, kind: str, codes: frozenset | None, line: int, start: int, end: int, alone: bool,
                 unknown: tuple = (), used: bool = False):
        self.kind = kind
        self.codes = codes  # None: every rule
        self.line = line  # 0-based line of the comment
        self.start = start
        self.end = end
        self.alone = alone  # the comment is the only thing on its line
        self.unknown = unknown
        self.used = used


def parse_directives(doc, registry) -> list[Directive]:
    found: list[Directive] = []
    text = doc.text
    if "postlint-" not in text:
        return found
    fm = doc.front_matter
    skip = doc.code_lines
    for index in range(doc.line_count):
        start, end = doc.line_starts[index], doc.line_ends[index]
        line = text[start:end]
        if "postlint-" not in line:
            continue
        in_front = fm is not None and fm.content_start <= start < fm.content_end
        if in_front:
            matches = [_YAML.search(line)]
        elif index in skip:
            continue
        else:
            matches = list(_HTML.finditer(line))
        for m in matches:
            if m is None:
                continue
            raw = [c for c in _SPLIT.split(m.group(2).strip()) if c]
            codes, unknown = set(), []
            for c in raw:
                rule = registry.get(c)
                if rule is None:
                    unknown.append(c)
                else:
                    codes.add(rule.code)
            mstart = m.start(0) + (1 if in_front and line[m.start(0)].isspace() else 0)
            alone = not (line[:mstart].strip() or line[m.end(0):].strip())
            found.append(Directive(m.group(1), frozenset(codes) if raw else None, index,
                                   start + mstart, start + m.end(0), alone, tuple(unknown)))
    return found


def _applies(d: Directive, code: str) -> bool:
    return d.codes is None or code in d.codes


class Suppressions:
    def __init__(self, directives: list[Directive]):
        self.directives = directives
        self.ranges = [d for d in directives if d.kind in ("disable", "enable")]

    def suppressed(self, code: str, line: int) -> bool:
        """Is a finding of ``code`` on 0-based ``line`` suppressed? Marks the directive used."""
        for d in self.directives:
            if d.kind == "disable-file" and _applies(d, code):
                d.used = True
                return True
            if d.kind == "disable-line" and d.line == line and _applies(d, code):
                d.used = True
                return True
            if d.kind == "disable-next-line" and d.line + 1 == line and _applies(d, code):
                d.used = True
                return True
        active = None
        for d in self.ranges:
            if d.line > line:
                break
            if not _applies(d, code):
                continue
            active = d if d.kind == "disable" else None
        if active is not None:
            active.used = True
            return True
        return False
