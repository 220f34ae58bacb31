"""What @dataclass generates (eq, repr, frozen, hash), for classes built at every start-up.

@dataclass builds each class by generating and exec-ing source: ~0.4-0.5 ms a class, and
postlint built 21 of them at every start (issue 6). A class here writes its ``__init__``
by hand (compiled once into the .pyc) and lists its fields in ``_fields``; this base gives
the rest as the dataclass did: ``__eq__`` compares the fields as a tuple with an object of
the same class (else NotImplemented), ``__repr__`` is ``Name(field=value, ...)``, and a
frozen class (``_frozen = True``) refuses assignment with dataclasses.FrozenInstanceError
and hashes its fields; a non-frozen one is unhashable, as an eq dataclass is. pickle and
copy rebuild a record through its ``__init__``.
tests/test_records_light.py compares every such class with the dataclass it replaces.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError


class Record:
    __slots__ = ()
    _fields: tuple[str, ...] = ()  # compared and shown, in __init__'s order
    _init_fields: tuple[str, ...] | None = None  # all of __init__'s, when more than _fields
    _frozen = False

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({inner})"

    def __reduce__(self):
        # pickle and copy rebuild through __init__ (the fields in order): the default way sets
        # a __slots__ class's state by setattr, which a frozen record refuses.
        names = self._init_fields or self._fields
        return (self.__class__, tuple(getattr(self, name) for name in names))

    __hash__ = None  # type: ignore[assignment]  # eq without frozen: unhashable, as a dataclass


class FrozenRecord(Record):
    __slots__ = ()
    _frozen = True

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._values())


class _Fresh:
    """The default of a field whose dataclass default was ``field(default_factory=...)``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


FRESH = _Fresh()
