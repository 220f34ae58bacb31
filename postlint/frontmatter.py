"""YAML front matter: split from the body, composed with positions, converted safely.

Why not ``yaml.safe_load``: it loses positions, turns ``2013-03-18`` into a
``datetime.date`` (which JSON Schema's ``type: string`` rejects), keeps the last
of two duplicate keys silently and expands aliases without bound (billion laughs).
We compose the node tree with pyyaml's C parser and convert it ourselves, keeping
the span of every key and value.
"""

from __future__ import annotations

import re

import yaml

from postlint._record import FRESH as _FRESH, Record

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*$")
_CLOSE_AT = re.compile(r"(?<=[\r\n])(?:---|\.\.\.)")
_KEY_LINE = re.compile(r"[ \t]*[^\s#:][^:\n]*:(?:\s|$)|[ \t]*#")

# Limits that keep hostile YAML from costing time, memory or the C stack.
MAX_DEPTH = 100  # nesting levels of mappings and sequences
MAX_NODES = 100_000  # nodes visited while converting (alias expansion counts)
MAX_FRONT_MATTER = 1_000_000  # characters

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# Undecodable bytes survive decoding as lone surrogates (PL001 reports them);
# libyaml must see a character in their place, one for one so offsets hold.
_SURROGATE = re.compile("[\udc80-\udcff]")


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
    """Safe loader whose implicit resolvers leave dates as strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# A hand-written record (postlint._record), not a dataclass: @dataclass exec's generated source
# at every start-up (~0.6 ms a class); tests/test_records_startup.py compares it with the dataclass.
class YamlProblem(Record):
    _fields = ("offset", "message")

    def __init__(self, offset: int, message: str):
        self.offset = offset
        self.message = message


class Location(Record):
    _fields = ("key_start", "key_end", "value_start", "value_end", "tag", "style")

    def __init__(self, key_start: int | None, key_end: int | None, value_start: int, value_end: int,
                 tag: str | None = None, style: str | None = None):
        self.key_start = key_start
        self.key_end = key_end
        self.value_start = value_start
        self.value_end = value_end
        self.tag = tag
        self.style = style  # quote style of a scalar value: None, "'" or '"'


class Duplicate(Record):
    _fields = ("key", "path", "start", "end", "first_start")

    def __init__(self, key: str, path: tuple, start: int, end: int, first_start: int):
        self.key = key
        self.path = path
        self.start = start
        self.end = end
        self.first_start = first_start


class FrontMatter(Record):
    _fields = ("open_start", "content_start", "content_end", "body_start", "closed", "data", "problem",
               "locations", "duplicates")

    def __init__(self, open_start: int, content_start: int, content_end: int, body_start: int,
                 closed: bool = True, data: object = None, problem: YamlProblem | None = None,
                 locations: dict = _FRESH, duplicates: list = _FRESH):
        self.open_start = open_start  # offset of the opening '---'
        self.content_start = content_start  # first character of the YAML text
        self.content_end = content_end  # end of the YAML text (start of the closing line)
        self.body_start = body_start  # first character after the closing line
        self.closed = closed
        self.data = data  # converted value: dict for a valid mapping
        self.problem = problem
        self.locations = {} if locations is _FRESH else locations  # path tuple -> Location
        self.duplicates = [] if duplicates is _FRESH else duplicates

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.data, dict)

    def location(self, path) -> Location | None:
        return self.locations.get(tuple(path))


def mapping_of(doc) -> FrontMatter | None:
    """The document's front matter when it parsed to a mapping, else None."""
    fm = doc.front_matter
    if fm is None or fm.problem is not None or not fm.is_mapping:
        return None
    return fm


def split_front_matter(doc) -> FrontMatter | None:
    """Find a Jekyll-style front matter block (``---`` on the first line)."""
    text = doc.text
    opening = _OPEN.match(text)
    if opening is None:
        if text.rstrip(" \t") in ("---",):  # a file that is only '---'
            return FrontMatter(0, len(text), len(text), len(text), closed=False,
                               problem=YamlProblem(0, "front matter is opened with '---' but never closed"))
        return None
    starts, ends = doc.line_starts, doc.line_ends
    close_index = None
    # Only lines that start with '---' or '...' can close it: find those, not every line.
    for m in _CLOSE_AT.finditer(text, starts[1] if len(starts) > 1 else len(text)):
        index = doc.line_index(m.start())  # a line start: after '\r' or '\n'
        if _CLOSE.match(text, starts[index], ends[index]):
            close_index = index
            break
    content_start = opening.end()
    if close_index is None:
        # A leading '---' that is not followed by YAML is a Markdown thematic break.
        # (A file that is only '---' and blank lines is front matter left unfinished.)
        if not _KEY_LINE.match(text, content_start) and text[content_start:].strip():
            return None
        fm = FrontMatter(0, content_start, len(text), len(text), closed=False)
        fm.problem = YamlProblem(0, "front matter is opened with '---' on line 1 but never closed "
                                    "(add a line with '---' after the last key)")
        return fm
    content_end = starts[close_index]
    body_start = starts[close_index + 1] if close_index + 1 < len(starts) else len(text)
    fm = FrontMatter(0, content_start, content_end, body_start)
    _compose(fm, text[content_start:content_end])
    return fm


def _depth_problem(source: str) -> str | None:
    """libyaml recurses on nesting; a few thousand levels crash it. Check first."""
    # Counting first: with at most MAX_DEPTH brackets no nesting can go deeper, and without
    # MAX_DEPTH * 8 + 1 spaces in a row no line is indented that far. Real front matter
    # passes both, and skips the character-by-character loop (0.14 of 0.44 ms a posting).
    deep_indent = " " * (MAX_DEPTH * 8 + 1)
    if source.count("[") + source.count("{") <= MAX_DEPTH and deep_indent not in source:
        return None
    depth = deepest = 0
    for ch in source:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    if deepest > MAX_DEPTH:
        return f"front matter is nested more than {MAX_DEPTH} levels deep"
    for line in source.splitlines():
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) > MAX_DEPTH * 8 and stripped.rstrip().endswith(":"):
            return f"front matter is nested more than {MAX_DEPTH} levels deep"
    return None


def _hint(message: str, source: str, offset: int) -> str:
    line = source[source.rfind("\n", 0, offset) + 1: source.find("\n", offset) if source.find("\n", offset) >= 0 else len(source)]
    if "\t" in message or "'\\t'" in message or ("cannot start any token" in message and "\t" in line):
        return " (YAML does not allow tabs for indentation: use spaces)"
    if "mapping values are not allowed" in message:
        indented = re.match(r"[ \t]+[^\s#:][^:]*:(?:\s|$)", line)
        line_start = source.rfind("\n", 0, offset) + 1
        before = [ln for ln in source[:line_start].splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        if indented and before and re.match(r"\s*[^\s#:][^:]*:[ \t]+\S", before[-1]) and not before[-1].rstrip().endswith(":"):
            key = before[-1].split(":", 1)[0].strip()
            return (f" (this line is indented under '{key}', which already has a value: unindent it "
                    f"to make it a key of its own, or quote the value if it continues '{key}')")
        return " (a value that contains ': ' must be quoted, e.g. title: \"Engineer: Backend\")"
    if ("expected <block end>" in message or "expected the node content" in message
            or "did not find expected key" in message):
        if re.search(r"""^\s*[^:]+:\s*(?:![^\s]*\s+)?(["']).*?\1\s*[^\s#]""", line):
            return " (text follows the closing quote: quote the whole value)"
        if "did not find expected key" in message and line.startswith("- "):
            return " (a '- ' list item must be indented like the items above it, under its key)"
    if "did not find expected ',' or ']'" in message or "did not find expected ',' or '}'" in message:
        return (" (a value starting with '[' or '{' is read as a list or mapping: close it, "
                "or quote the whole value)")
    if "found undefined alias" in message or "found character '*'" in message:
        return " (a value starting with '*' or '&' must be quoted)"
    if ("found character '@'" in message or "found character '`'" in message
            or ("cannot start any token" in message and source[offset:offset + 1] in ("@", "`"))):
        return " (a value starting with '@' or '`' must be quoted)"
    if "could not find expected ':'" in message:
        return " (every line needs 'key: value'; a long value continues on lines indented under its key)"
    return ""


def _compose(fm: FrontMatter, source: str) -> None:
    if len(source) > MAX_FRONT_MATTER:
        fm.problem = YamlProblem(fm.content_start, f"front matter is larger than {MAX_FRONT_MATTER:,} characters")
        return
    problem = _depth_problem(source)
    if problem:
        fm.problem = YamlProblem(fm.content_start, problem)
        return
    try:
        node = yaml.compose(_SURROGATE.sub("\ufffd", source), Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        offset = min(mark.index, len(source)) if mark is not None else 0
        what = exc.problem or exc.context or "invalid YAML"
        fm.problem = YamlProblem(fm.content_start + offset, f"{what}{_hint(what, source, offset)}")
        return
    except yaml.YAMLError as exc:  # reader errors (control characters, ...)
        offset = getattr(exc, "position", 0) or 0
        fm.problem = YamlProblem(fm.content_start + min(offset, len(source)), str(exc).split("\n")[0])
        return
    except RecursionError:
        fm.problem = YamlProblem(fm.content_start, f"front matter is nested more than {MAX_DEPTH} levels deep")
        return
    if node is None:
        fm.data = {}
        return
    converter = _Converter(fm, source)
    try:
        fm.data = converter.convert(node, (), None, 0)
    except _TooBig as exc:
        fm.problem = YamlProblem(fm.content_start + exc.offset, str(exc))
        fm.data = None
        return
    if not isinstance(fm.data, dict):
        fm.problem = YamlProblem(fm.content_start + node.start_mark.index,
                                 "front matter must be a mapping of 'key: value' lines")


class _TooBig(Exception):
    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


_TAG_PREFIX = re.compile(r"(?:[!&][^\s]*[ \t]+)+")


class _Converter:
    def __init__(self, fm: FrontMatter, source: str):
        self.fm = fm
        self.source = source
        self.base = fm.content_start
        self.visited = 0

    def span(self, node) -> tuple[int, int]:
        start, end = node.start_mark.index, node.end_mark.index
        # A tag or anchor starts with '!' or '&': one character test before the regex, which
        # cannot match otherwise (most nodes have neither).
        if start < end and self.source[start] in "!&":
            prefix = _TAG_PREFIX.match(self.source, start, end)
            if prefix:  # '!!timestamp 2017-01-27': the value starts after the tag
                start = prefix.end()
        return self.base + start, self.base + end

    def convert(self, node, path: tuple, key_span, depth: int):
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _TooBig(f"front matter expands to more than {MAX_NODES:,} values (YAML aliases?)",
                          node.start_mark.index)
        if depth > MAX_DEPTH:
            raise _TooBig(f"front matter is nested more than {MAX_DEPTH} levels deep", node.start_mark.index)
        start, end = self.span(node)
        style = getattr(node, "style", None)
        self.fm.locations.setdefault(path, Location(
            key_span[0] if key_span else None, key_span[1] if key_span else None,
            start, end, tag=node.tag, style=style if style in ("'", '"') else None))
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            seen: dict = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = key_node.value
                else:
                    key = self.source[key_node.start_mark.index: key_node.end_mark.index]
                kspan = self.span(key_node)
                if key == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                    merged = self.convert(value_node, path, None, depth + 1)
                    if isinstance(merged, dict):
                        for k, v in merged.items():
                            result.setdefault(k, v)
                    continue
                if key in seen:
                    self.fm.duplicates.append(Duplicate(key, path + (key,), kspan[0], kspan[1], seen[key]))
                else:
                    seen[key] = kspan[0]
                result[key] = self.convert(value_node, path + (key,), kspan, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,), None, depth + 1) for i, item in enumerate(node.value)]
        return _scalar(node)


def _scalar(node):
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:str" or tag == _TIMESTAMP:
        return value
    try:
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return yaml.SafeLoader.bool_values[value.lower()]
        if tag == "tag:yaml.org,2002:int":
            return yaml.SafeLoader.construct_yaml_int(_CONSTRUCTOR, node)
        if tag == "tag:yaml.org,2002:float":
            return yaml.SafeLoader.construct_yaml_float(_CONSTRUCTOR, node)
    except (ValueError, KeyError):
        pass
    return value  # unknown tags (!!binary, custom ones): keep the text


_CONSTRUCTOR = yaml.SafeLoader("")
