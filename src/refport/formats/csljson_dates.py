"""CSL dates <-> `Date`: `date-parts` (ranges too), `season`, `circa`,
`literal` and `raw`.

A `raw` date (or a bare date string) is parsed with `parse_date` and its text
kept in `Date.raw`; when `date-parts` is there too it wins for the parts. The
writer writes `date-parts` for a start and `raw` whenever the model has one.
A start's season is the `season` key; an end's season can only be month 21-24.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Final

from refport.formats.csljson_extras import is_number, kind_of
from refport.formats.csljson_tables import DATE_KEYS, SEASON_NAMES
from refport.model import Date, DatePart, parse_date

_INTEGER: Final = re.compile(r"\s*-?\d+\s*")
_INT_ONLY: Final = {int}
_TRUE: Final = frozenset({"true", "1", "yes"})
_FALSE: Final = frozenset({"false", "0", "no"})

JsonObject = dict[str, object]


def read_date(value: object) -> Date | str:
    """A CSL date (object, or a bare string/number as `raw`); a str is why not."""
    if type(value) is dict:
        parts = value.get("date-parts")
        if len(value) == 1 and type(parts) is list and len(parts) == 1:  # the usual case
            point = _date_point(parts[0])
            if point is not None:
                return Date(start=point)
        return _read_date_object(value)
    if isinstance(value, str):
        return replace(parse_date(value), raw=value)
    if is_number(value):
        return read_date(json.dumps(value))
    return f"expected a date object, found {kind_of(value)}"


def _read_date_object(value: dict[str, object]) -> Date | str:
    if not DATE_KEYS.issuperset(value):
        return f"unknown date key {sorted(set(value) - DATE_KEYS)[0]!r}"
    literal, raw = value.get("literal"), value.get("raw")
    if not isinstance(literal, str | None) or not isinstance(raw, str | None):
        return "literal and raw must be text"
    start: DatePart | None = None
    end: DatePart | None = None
    circa = False
    parts = value.get("date-parts")
    if parts is not None:
        points = _date_parts(parts)
        if points is None:
            return "date-parts is not a list of one or two [year, month, day] lists"
        start, end = points
    elif raw is not None:
        parsed = parse_date(raw)
        start, end, circa = parsed.start, parsed.end, parsed.circa
        literal = literal if literal is not None else parsed.literal
    if "circa" in value or "season" in value:
        flags = _date_flags(value, start, circa)
        if isinstance(flags, str):
            return flags
        start, circa = flags
    return Date(start=start, end=end, circa=circa, literal=literal, raw=raw)


def _date_flags(
    value: dict[str, object], start: DatePart | None, circa: bool
) -> tuple[DatePart | None, bool] | str:
    """`circa` and `season` applied to what the parts or `raw` gave."""
    if value.get("circa") is not None:
        given = _circa(value["circa"])
        if given is None:
            return f"circa {value['circa']!r} is not true or false"
        circa = given
    if value.get("season") is not None:
        season = _season(value["season"])
        if season is None or start is None or start.season not in (None, season):
            return f"season {value['season']!r} cannot be read"
        start = DatePart(start.year, start.month, start.day, season)
    return start, circa


def _date_parts(parts: object) -> tuple[DatePart, DatePart | None] | None:
    if type(parts) is not list or not 1 <= len(parts) <= 2:
        return None
    first = _date_point(parts[0])
    if len(parts) == 1:
        return None if first is None else (first, None)
    last = _date_point(parts[1])
    if first is None or last is None:
        return None
    return first, last


def _date_point(part: object) -> DatePart | None:
    if type(part) is not list:
        return None
    if 0 < len(part) < 4 and set(map(type, part)) == _INT_ONLY:
        numbers: list[int | None] = part  # the usual case: [2020, 11, 10]
    else:
        values = list(part)
        while values and values[-1] in ("", None):
            values.pop()
        numbers = [_integer(v) for v in values]
        if not 1 <= len(numbers) <= 3 or any(n is None for n in numbers):
            return None
    year, month, day = (*numbers, None, None)[:3]
    assert year is not None
    if month is not None and 21 <= month <= 24 and day is None:
        return DatePart(year, season=month - 20)
    return DatePart(year, month, day)


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and len(value) < 4000 and _INTEGER.fullmatch(value):
        return int(value)
    return None


def _season(value: object) -> int | None:
    if isinstance(value, str):
        named = SEASON_NAMES.get(value.strip().lower())
        if named is not None:
            return named
    number = _integer(value)
    if number is None:
        return None
    if 21 <= number <= 24:
        number -= 20
    return number if 1 <= number <= 4 else None


def _circa(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if is_number(value) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return None


def date_to_csl(date: Date) -> tuple[JsonObject, list[str]]:
    """A CSL date object, and what of `date` it could not say."""
    start = date.start
    plain = start is not None and date.end is None and start.season is None
    if plain and not date.circa and date.literal is None and date.raw is None:
        assert start is not None
        if start.month is None:
            return {"date-parts": [[start.year]]}, []
        if start.day is None:
            return {"date-parts": [[start.year, start.month]]}, []
    return _date_object(date)


def _date_object(date: Date) -> tuple[JsonObject, list[str]]:
    out: JsonObject = {}
    problems: list[str] = []
    points: list[list[int]] = []
    if date.start is not None:
        points.append(_point(date.start, problems, end=False))
    if date.end is not None and date.start is None:
        problems.append("the end of a range without its start")
    elif date.end is not None:
        points.append(_point(date.end, problems, end=True))
    if points:
        out["date-parts"] = points
    if date.start is not None and date.start.season is not None:
        out["season"] = date.start.season
    if date.circa:
        out["circa"] = True
    if date.literal is not None:
        out["literal"] = date.literal
    if date.raw is not None:
        out["raw"] = date.raw
    return out, problems


def _point(part: DatePart, problems: list[str], *, end: bool) -> list[int]:
    """`[year, month, day]`; an end's season as month 21-24 (no `season` key for it)."""
    numbers = list(part.as_tuple())
    if part.day is not None and part.month is None:
        problems.append(f"day {part.day} without a month")
    if end and part.season is not None:
        if part.month is None:
            numbers.append(20 + part.season)
        else:
            problems.append(f"season {part.season} beside month {part.month} at the end of a range")
    return numbers
