"""Front-matter dates as comparable ``datetime.date`` values, for the date rules.

Front matter keeps dates as the text written (see frontmatter.py: YAML's implicit
timestamps are not resolved), so schemas see strings; the date rules turn that text
into dates here. Only readings that are certain count: an ISO date or date-time,
epoch milliseconds, or a non-ISO date with one possible reading (``3-18-2013``);
an ambiguous ``4-5-2013`` or ``TBD`` is left to PL102.
"""

from __future__ import annotations

import datetime as _dt
import re

_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[ T])")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_NUMERIC_WITH_TIME = re.compile(r"^(\d{1,2}[-/.]\d{1,2}[-/.]\d{4})\s+\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\b.*$", re.IGNORECASE)
_EPOCH_MS = (946684800000, 4102444800000)  # 2000-01-01 .. 2100-01-01


def parse_date(value) -> _dt.date | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if _EPOCH_MS[0] <= value <= _EPOCH_MS[1]:
            return _dt.datetime.fromtimestamp(value / 1000, tz=_dt.timezone.utc).date()
        return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    m = _ISO_PREFIX.match(text)
    if m:
        try:
            return _dt.date(*(int(g) for g in m.groups()))
        except ValueError:
            return None
    from postlint.schema import date_candidates

    text = _WEEKDAY.sub("", text)  # 'Friday, June 11, 2021 at 11:59PM EDT'
    m = _NUMERIC_WITH_TIME.match(text)  # '4/4/2022 11:59 PM EDT'
    if m:
        text = m.group(1)
    found = date_candidates(text)
    return _dt.date.fromisoformat(found[0]) if len(found) == 1 else None


_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-")  # Jekyll accepts 2013-2-1-slug


def filename_date(path) -> _dt.date | None:
    """The date a Jekyll post's file name starts with ('2013-03-18-slug.md'), if any."""
    m = _FILENAME_DATE.match(re.split(r"[\\/]", str(path))[-1])
    if m is None:
        return None
    try:
        return _dt.date(*(int(g) for g in m.groups()))
    except ValueError:
        return None


def today(option) -> _dt.date:
    """The rule option ``today`` (YYYY-MM-DD, for tests and reproducible runs), else today."""
    if option:
        parsed = parse_date(str(option))
        if parsed is None:
            raise ValueError(f"option 'today' must be a date written YYYY-MM-DD, not {option!r}")
        return parsed
    return _dt.date.today()


def first_date(doc, fields):
    """(field, date, (start, end) of the value) for the first of ``fields`` holding a date."""
    from postlint.frontmatter import mapping_of

    fm = mapping_of(doc)
    if fm is None:
        return None
    for name in fields:
        if name not in fm.data:
            continue
        parsed = parse_date(fm.data[name])
        loc = fm.location((name,))
        if parsed is not None and loc is not None:
            return name, parsed, (loc.value_start, loc.value_end)
    return None


def days(delta) -> str:
    n = delta.days
    return f"{n} day" if n == 1 else f"{n} days"
