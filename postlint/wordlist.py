"""Word-list rules: YAML files compiled into Rule objects by a handful of engines.

A rule file (see ``schemas/rule-file.schema.json``) names its code, slug,
category, severity, docs and an ``engine``:

- ``existence``: any of ``tokens`` is reported with ``message``.
- ``substitution``: each key of ``swap`` is reported with its replacement; one
  replacement is a fix (safe unless listed in ``unsafe``), several are suggestions.
- ``dictionary``: a ``wrong,right[,right...]`` CSV (``dictionary``) checked
  word by word, for misspellings.

``exceptions`` are phrases inside which a hit is not reported ("competitive
salary" is not a culture flag). Matching runs on ``Document.prose``, so code,
URLs, HTML and templating never match.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from pathlib import Path

import yaml

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Fix, Severity, Violation
from postlint.phrases import compile_phrases, match_case  # noqa: F401 - match_case re-exported for spelling.py
from postlint.startup_cache import load_yaml

ENGINES = ("existence", "substitution", "dictionary")


class RuleFileError(Exception):
    pass


def _has_single_swap(spec: dict) -> bool:
    """Whether any phrase of the file has exactly one replacement (that is a fix)."""
    swaps = [spec.get("swap") or {}] + [e.get("swap") or {} for e in spec.get("entries") or [] if isinstance(e, dict)]
    return any(isinstance(v, str) or (isinstance(v, list) and len(v) == 1) for s in swaps for v in s.values())


class WordListRule(Rule):
    """A rule defined by a YAML file."""

    def __init__(self, spec: dict, source: str):
        self.spec = spec
        self.source = source
        self.code = spec["code"]
        self.name = spec["name"]
        self.category = spec["category"]
        self.severity = Severity.parse(spec.get("severity", "warning"))
        self.default_enabled = bool(spec.get("enabled", True))
        self.summary = spec["summary"]
        self.engine = spec["engine"]
        docs = spec.get("docs", {})
        self.docs = RuleDocs(
            what=docs.get("what", ""), why=docs.get("why", ""), example=docs.get("example", ""),
            use_instead=docs.get("use_instead", ""), fix_safety=docs.get("fix_safety", ""),
            options=docs.get("options", ""))
        self.message = spec.get("message", "")
        self.ignore_case = spec.get("ignore_case", True)
        self.fixable = self.engine == "dictionary" or _has_single_swap(spec)
        self._compiled = None
        self._matcher = None

    # Compiling is lazy: a run that does not select the rule never pays for it.
    def _compile(self):
        if self._compiled is None:
            spec = self.spec
            exceptions = compile_phrases(spec.get("exceptions", []), True)
            if self.engine == "existence":
                self._compiled = (compile_phrases(spec.get("tokens", []), self.ignore_case), exceptions, None)
            elif self.engine == "substitution":
                swap = {k.lower() if self.ignore_case else k: v for k, v in spec.get("swap", {}).items()}
                self._compiled = (compile_phrases(swap, self.ignore_case), exceptions, swap)
            else:
                self._compiled = (None, exceptions, load_dictionary(self._dictionary_path()))
        return self._compiled

    def _dictionary_path(self) -> Path:
        return Path(self.source).parent / self.spec["dictionary"]

    def check(self, doc, ctx):
        if self.engine == "dictionary":
            from postlint.spelling import check_spelling

            yield from check_spelling(self, doc, ctx)
            return
        from postlint.phrases import check_phrases

        yield from check_phrases(self, doc, ctx)

    def matcher(self):
        """The compiled phrases of an existence or substitution rule (postlint/phrases.py)."""
        if self._matcher is None:
            from postlint.phrases import PhraseMatcher

            self._matcher = PhraseMatcher(self.spec)
        return self._matcher


_DICTIONARIES: dict = {}


class SortedTable:
    """A ``wrong,right`` CSV kept as one sorted ``bytes`` object, looked up in place.

    Building a dict of 95,000 rows costs ~100 ms at every start and splitting the file
    into lines ~20 ms, while one posting looks up a few hundred words. So the file is
    not split: at load, the key of the line after every ``STEP`` bytes is sampled (~2,000
    samples, under 1 ms); a lookup bisects the samples (C) and finds ``\\nword,`` in the one
    ``STEP``-byte window that can hold it (C). Most words are not in the table, so the
    whole window is searched, at ~1 ns a byte (the needle ends in ``,``, which every line
    holds): 4 KB windows cost ~60 ms over the corpus's ~14,600 distinct words, 1 KB ones
    ~25 ms for ~0.5 ms more at load. UTF-8 sorts as the text does.
    The file must be sorted, keys unique, of letters (so keys sort as lines do), ``#``
    comments only at the top (tests/test_words.py checks the shipped one).
    """

    STEP = 1024

    def __init__(self, data: bytes | str):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        self._raw = data
        body = 0
        while data.startswith(b"#", body):  # the comment header
            end = data.find(b"\n", body)
            body = len(data) if end < 0 else end + 1
        starts = []
        pos = body
        while pos < len(data):
            starts.append(pos)
            nl = data.find(b"\n", pos + self.STEP)
            if nl < 0:
                break
            pos = nl + 1
        self._starts = starts
        self._keys = [data[p:self._key_end(p)] for p in starts]

    def _key_end(self, pos: int) -> int:
        raw = self._raw
        comma, nl = raw.find(b",", pos), raw.find(b"\n", pos)
        if nl < 0:
            nl = len(raw)
        return comma if 0 <= comma < nl else nl

    @functools.cached_property
    def lines(self) -> list[str]:
        text = self._raw.decode("utf-8", "surrogatepass")
        return [line for line in text.split("\n") if line and line[0] != "#"]

    @functools.cached_property
    def non_ascii(self) -> frozenset:
        """Every non-ASCII character of the file (a superset of those in its keys)."""
        return frozenset(self._raw.translate(None, bytes(range(128))).decode("utf-8", "surrogatepass"))

    def get(self, word: str):
        key = word.encode("utf-8", "surrogatepass")
        i = bisect_right(self._keys, key) - 1
        if i < 0 or not key:
            return None
        raw, start = self._raw, self._starts[i]
        stop = self._starts[i + 1] if i + 1 < len(self._starts) else len(raw)
        if self._keys[i] == key:
            at = start
        else:
            at = raw.find(b"\n" + key + b",", start, stop)
            if at < 0:
                return None
            at += 1
        value = at + len(key) + 1
        if raw[value - 1:value] != b",":
            return None
        end = raw.find(b"\n", value)
        return raw[value:end if end >= 0 else len(raw)].decode("utf-8", "surrogatepass")

    def __len__(self):
        return len(self.lines)


def load_dictionary(path: Path) -> SortedTable:
    key = str(path)
    if key not in _DICTIONARIES:
        _DICTIONARIES[key] = SortedTable(path.read_bytes())
    return _DICTIONARIES[key]


def load_rule_file(path: Path, validate: bool = False) -> WordListRule:
    try:
        spec = load_yaml(path.read_text(encoding="utf-8"))  # yaml.load, CSafeLoader; kept between runs
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"{path}: cannot read rule file ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise RuleFileError(f"{path}{where}: rule file is not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if validate:
        problems = validate_rule_spec(spec)
        if problems:
            raise RuleFileError(f"{path}: {problems[0]}")
    elif not isinstance(spec, dict) or spec.get("engine") not in ENGINES:
        raise RuleFileError(f"{path}: not a postlint rule file (needs 'engine: {' | '.join(ENGINES)}')")
    return WordListRule(spec, str(path))


def validate_rule_spec(spec) -> list[str]:
    """Problems of a rule file against schemas/rule-file.schema.json, plus regex checks."""
    import json

    import jsonschema

    from postlint.resources import data_dir

    schema = json.loads((data_dir("schemas") / "rule-file.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for err in sorted(validator.iter_errors(spec), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        problems.append(f"{where}: {err.message}")
    from postlint.phrases import regex_problems

    return problems + regex_problems(spec)


def builtin_rule_files() -> list[Path]:
    from postlint.resources import data_dir

    return sorted(data_dir("rules").glob("*.yaml"))
