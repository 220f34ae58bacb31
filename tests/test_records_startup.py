"""The records that replaced start-up dataclasses (frontmatter, suppress, schema, results, readability) behave
as the dataclasses they were: each is compared with its old @dataclass definition, kept here
verbatim: the same __init__ signature and defaults (fresh lists and dicts), repr, equality,
unhashability, assignment, and pickle / copy round trips."""

from __future__ import annotations

import copy
import inspect
import pickle
from dataclasses import MISSING, dataclass, field

import pytest

from postlint.diagnostics import Fix
from postlint.frontmatter import Duplicate, FrontMatter, Location, YamlProblem
from postlint.readability import Sentence, Stats, Totals
from postlint.results import FileResult
from postlint.schema import Finding
from postlint.suppress import Directive


@dataclass
class YamlProblemRef:
    offset: int
    message: str


@dataclass
class LocationRef:
    key_start: int | None
    key_end: int | None
    value_start: int
    value_end: int
    tag: str | None = None
    style: str | None = None


@dataclass
class DuplicateRef:
    key: str
    path: tuple
    start: int
    end: int
    first_start: int


@dataclass
class FrontMatterRef:
    open_start: int
    content_start: int
    content_end: int
    body_start: int
    closed: bool = True
    data: object = None
    problem: YamlProblem | None = None
    locations: dict = field(default_factory=dict)
    duplicates: list = field(default_factory=list)


@dataclass
class DirectiveRef:
    kind: str
    codes: frozenset | None
    line: int
    start: int
    end: int
    alone: bool
    unknown: tuple = ()
    used: bool = False


@dataclass
class FindingRef:
    code: str
    start: int
    end: int
    message: str
    fix: Fix | None = None
    suggestions: tuple = ()


@dataclass
class FileResultRef:
    path: str
    diagnostics: list = field(default_factory=list)
    fixed: int = 0
    original: str | None = None
    text: str | None = None
    internal_error: bool = False
    encoding: tuple = ("utf-8", False)
    applied: list = field(default_factory=list)
    converged: bool = True


@dataclass
class SentenceRef:
    start: int
    end: int
    words: int
    syllables: int


@dataclass
class StatsRef:
    sentences: list
    english: float = 1.0


@dataclass
class TotalsRef:
    words: int
    sentences: int
    syllables: int
    english: float


CASES = [
    (Sentence, SentenceRef, [(0, 10, 3, 5), (7, 90, 12, 20)]),
    (Stats, StatsRef, [([],), ([Sentence(0, 10, 3, 5)], 0.25)]),
    (Totals, TotalsRef, [(0, 0, 0, 0.0), (120, 8, 190, 0.3)]),
    (YamlProblem, YamlProblemRef, [(0, "m"), (12, "é\r\n")]),
    (Location, LocationRef, [(None, None, 3, 9), (1, 4, 6, 9, "tag:yaml.org,2002:str", "'")]),
    (Duplicate, DuplicateRef, [("title", ("title",), 10, 15, 2), ("a", ("x", 0), 0, 0, 0)]),
    (FrontMatter, FrontMatterRef, [(0, 4, 20, 24), (0, 4, 20, 24, False, {"a": 1}, YamlProblem(3, "bad"),
                                                    {("a",): Location(4, 5, 7, 8)}, [Duplicate("a", ("a",), 1, 2, 0)])]),
    (Directive, DirectiveRef, [("disable", None, 0, 0, 10, True), ("enable", frozenset({"PL301"}), 3, 5, 9, False,
                                                                     ("PL999",), True)]),
    (Finding, FindingRef, [("PL101", 0, 0, "missing"), ("PL102", 3, 9, "bad", Fix.replace(3, 9, "x"), ("y",))]),
    (FileResult, FileResultRef, [("a.md",), ("b.md", [1], 2, "x", "y", True, ("utf-16", True), [(1, 2)], False)]),
]


@pytest.mark.parametrize("cls, ref, samples", CASES, ids=[c[0].__name__ for c in CASES])
def test_record_behaves_as_its_old_dataclass(cls, ref, samples):
    mine = inspect.signature(cls.__init__).parameters
    theirs = inspect.signature(ref.__init__).parameters
    assert list(mine) == list(theirs)
    for name in theirs:
        expected, got = theirs[name].default, mine[name].default
        if expected is MISSING or expected is inspect.Parameter.empty:
            assert got is inspect.Parameter.empty, name
        elif repr(expected) == "<factory>":
            assert repr(got) == "<factory>", name
        else:
            assert got == expected and type(got) is type(expected), name
    for args in samples:
        a, b, r = cls(*args), cls(*args), ref(*args)
        assert repr(a) == repr(r).replace("Ref(", "(", 1)
        assert a == b and not (a != b)
        assert a.__eq__(r) is NotImplemented
        if args != samples[0]:
            assert a != cls(*samples[0])
        assert vars(a) == vars(r)
        with pytest.raises(TypeError):
            hash(a)
        a.extra = 1  # no __slots__, as a dataclass
        del a.extra
        assert pickle.loads(pickle.dumps(a)) == a and copy.copy(a) == a and copy.deepcopy(a) == a
    # fresh defaults: no two instances share a list or dict
    x, y = cls(*samples[0]), cls(*samples[0])
    for name, value in vars(x).items():
        if repr(theirs[name].default) == "<factory>" and name not in inspect.signature(cls).bind(*samples[0]).arguments:
            assert type(value) in (list, dict) and value is not getattr(y, name), name
