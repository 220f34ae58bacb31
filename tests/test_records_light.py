"""The hand-written records (postlint._record) behave as the dataclasses they replace.

Each class is compared with a dataclass built from the same fields, defaults and frozen
flag: the same __init__ signature, repr, equality, hash (or unhashability), immutability,
and pickle / copy round trips.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import inspect
import pickle

import pytest

from postlint._record import FRESH
from postlint.checks.base import Context, RuleDocs
from postlint.diagnostics import Diagnostic, Edit, Fix, Severity, Violation
from postlint.document import DecodeProblem
from postlint.pay import Jurisdiction, Place, load_laws

_LAW = load_laws()[0]

# (class, frozen, [(field, default: None is "required" except for the fields _reference names, FRESH
# a default_factory=dict)], sample argument tuples)
SPECS = [
    (RuleDocs, True, [("what", None), ("why", None), ("example", ""), ("use_instead", ""), ("fix_safety", ""),
                      ("options", "")],
     [("w", "y"), ("w", "y", "é\r\n", "b", "no fix", "`x`")]),
    (Context, False, [("options", FRESH), ("settings", None)], [(), ({"a": 1}, object())]),
    (Edit, True, [("start", None), ("end", None), ("content", None)], [(1, 2, "x"), (0, 0, "")]),
    (Fix, True, [("edits", None), ("safe", True), ("message", None)],
     [((Edit(1, 2, "x"),),), ((Edit(1, 2, "x"), Edit(3, 3, "\t")), False, "Replace")]),
    (Violation, False, [("start", None), ("end", None), ("message", None), ("fix", None), ("suggestions", ())],
     [(1, 2, "m"), (0, 5, "é\r\n", Fix.replace(0, 5, "x"), ("a", "b"))]),
    (Diagnostic, False, [("path", None), ("line", None), ("column", None), ("end_line", None), ("end_column", None),
                         ("code", None), ("name", None), ("severity", None), ("message", None), ("fix", None),
                         ("start", 0), ("end", 0), ("suggestions", ()), ("fix_locations", ()), ("source_line", "")],
     [("a.md", 1, 1, 1, 2, "PL301", "x", Severity.ERROR, "m"),
      ("b.md", 2, 3, 4, 5, "PL101", "y", Severity.INFO, "n", Fix.replace(1, 2, "z"), 7, 9, ("s",),
       ((2, 3, 2, 4, "z"),), "- line\r")]),
    (DecodeProblem, True, [("offset", None), ("byte", None), ("count", None), ("binary", False)],
     [(3, 0xFF, 2), (0, 0, 0, True)]),
    (Jurisdiction, True, [("id", None), ("name", None), ("effective", None), ("citation", None), ("checked", None),
                          ("anywhere_source", None), ("cued_source", None), ("hint_source", None),
                          ("cued_words", ()), ("hint_words", ())],
     [("CO", "Colorado", datetime.date(2021, 1, 1), "C.R.S.", "2024", "x", None),
      ("NYC", "New York City", datetime.date(2022, 11, 1), "L.L. 32", "2024", "a|b", "c", ",NY", ("New",), ("NY",))]),
    (Place, True, [("jurisdiction", None), ("text", None), ("start", None), ("end", None)],
     [(_LAW, "Denver, CO", 3, 13), (_LAW, "", 0, 0)]),
]


def _reference(cls, frozen, fields):
    spec = []
    for name, default in fields:
        if default is FRESH:
            spec.append((name, object, dataclasses.field(default_factory=dict)))
        elif name == "source_line":  # Diagnostic's: left out of eq and repr
            spec.append((name, object, dataclasses.field(default="", compare=False, repr=False)))
        elif default is None and name not in ("settings", "message", "hint_source", "fix") or (
                name == "message" and cls in (Violation, Diagnostic)):
            spec.append((name, object))
        else:
            spec.append((name, object, dataclasses.field(default=default)))
    return dataclasses.make_dataclass(cls.__name__, spec, frozen=frozen)


@pytest.mark.parametrize("cls, frozen, fields, samples", SPECS, ids=[s[0].__name__ for s in SPECS])
def test_record_behaves_as_its_dataclass(cls, frozen, fields, samples):
    ref = _reference(cls, frozen, fields)
    mine = inspect.signature(cls.__init__).parameters
    theirs = inspect.signature(ref.__init__).parameters
    assert list(mine) == list(theirs)
    for name in theirs:
        expected = theirs[name].default
        got = mine[name].default
        if expected is dataclasses.MISSING or repr(expected) == "<factory>":
            assert got is inspect.Parameter.empty or got is FRESH or repr(got) == repr(expected), name
        else:
            assert got == expected, name
    for args in samples:
        a, b, r = cls(*args), cls(*args), ref(*args)
        assert repr(a) == repr(r)
        assert a == b and not (a != b)
        assert a != cls(*samples[0]) if args != samples[0] else True
        assert a.__eq__(r) is NotImplemented  # another class: not equal, as a dataclass
        assert [getattr(a, n) for n, _ in fields] == [getattr(r, n) for n, _ in fields]
        if cls is Diagnostic:  # source_line does not take part in equality
            other = cls(*args)
            other.source_line = "else"
            assert other == a and repr(other) == repr(a)
        if frozen:
            assert hash(a) == hash(b) == hash(tuple(getattr(r, n) for n, _ in fields))
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(a, fields[0][0], 1)
            with pytest.raises(dataclasses.FrozenInstanceError):
                delattr(a, fields[0][0])
        else:
            with pytest.raises(TypeError):
                hash(a)
            setattr(a, fields[0][0], {"b": 2})
            assert getattr(a, fields[0][0]) == {"b": 2}
        if cls is not Context or not args:  # a bare object() is never equal to its copy
            assert pickle.loads(pickle.dumps(a)) == a
            assert vars(pickle.loads(pickle.dumps(a))) == vars(a) if hasattr(a, "__dict__") else True
            assert copy.copy(a) == a and copy.deepcopy(a) == a


def test_context_default_options_are_fresh():
    a, b = Context(), Context()
    a.options["x"] = 1
    assert b.options == {} and Context(options=None).options is None


def test_lazy_law_patterns_survive_pickle():
    law = load_laws()[1]
    law.compile_patterns()
    again = pickle.loads(pickle.dumps(law))
    assert again == law and again.anywhere.pattern == law.anywhere.pattern
