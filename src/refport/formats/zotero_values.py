"""Dates, names and pages as Zotero writes them, and back.

Each value has a Zotero form (a `date` string, `lastName`/`firstName`, a
`pages` string) and an exact JSON form. The writer uses the Zotero form and
checks that reading it back gives the same model value; where it would not
(an odd date, a name whose particles Zotero would split differently), the
exact form goes to Extra as well, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Final

from refport.model import Date, DatePart, Name, Pages, parse_date, parse_pages

SEASON_NAMES: Final = ("Spring", "Summer", "Autumn", "Winter")
_SEASON_DATE: Final = re.compile(r"^(Spring|Summer|Autumn|Winter) (\d{1,4})$")
_QUOTED: Final = re.compile(r'^["“](.+)["”]$', re.DOTALL)
_SAFE_RAW: Final = re.compile(r"^\d{4}(?:[-/]\d{1,2}(?:[-/]\d{1,2})?)?$")
_ISO_DATETIME: Final = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}:\d{2}Z?$")
_HAS_DIGITS: Final = re.compile(r"\d")

# --- dates --------------------------------------------------------------------


def _point(part: DatePart) -> str:
    year = f"-{abs(part.year):04d}" if part.year < 0 else f"{part.year:04d}"
    if part.month is None:
        return year
    text = f"{year}-{part.month:02d}"
    return text if part.day is None else f"{text}-{part.day:02d}"


def zotero_date(date: Date) -> str:
    """The Zotero `date` string: ISO/EDTF (`2020-11-10`, `2019/2020`, `1850~`),
    `Spring 2020` for a season, a literal as given (quoted when Zotero would
    otherwise read a year out of it, as Zotero itself does)."""
    if date.start is None:
        literal = date.literal or ""
        return f'"{literal}"' if _HAS_DIGITS.search(literal) else literal
    if date.start.season is not None and date.end is None and date.start.month is None:
        season = SEASON_NAMES[(date.start.season - 1) % 4]
        return f"{season} {date.start.year}"
    if date.raw is not None and _SAFE_RAW.match(date.raw) and parse_date(date.raw) == date:
        return date.raw
    text = _point(date.start)
    if date.end is not None:
        text += "/" + _point(date.end)
    return text + ("~" if date.circa else "")


def read_zotero_date(text: str) -> Date:
    """Read a Zotero `date` string (the inverse of `zotero_date`). `raw` is kept
    only when the text is not the form refport writes for that date, so a date
    given as numbers (CSL date-parts) comes back exactly as it went out."""
    quoted = _QUOTED.match(text.strip())
    if quoted:
        return Date(literal=quoted.group(1))
    season = _SEASON_DATE.match(text.strip())
    if season:
        number = SEASON_NAMES.index(season.group(1)) + 1
        date = Date(start=DatePart(int(season.group(2)), season=number), raw=text)
    else:
        date = parse_date(text)
    bare = replace(date, raw=None)
    return bare if date.raw is not None and zotero_date(bare) == text else date


def zotero_access_date(date: Date) -> str | None:
    """`accessDate` takes only a full date (SQL/ISO); anything else goes to Extra."""
    if date.raw is not None and _ISO_DATETIME.match(date.raw):
        return date.raw
    start = date.start
    if start is None or date.end or date.circa or start.month is None or start.day is None:
        return None
    if start.season is not None or not 0 < start.year <= 9999:
        return None
    return _point(start)


def read_access_date(text: str) -> Date:
    match = _ISO_DATETIME.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return Date(start=DatePart(year, month, day), raw=text)
    date = parse_date(text)
    bare = replace(date, raw=None)
    return bare if date.raw is not None and zotero_access_date(bare) == text else date


def date_to_json(date: Date) -> dict[str, Any]:
    def part(p: DatePart | None) -> list[int | None] | None:
        return None if p is None else [p.year, p.month, p.day, p.season]

    return {
        "start": part(date.start), "end": part(date.end), "circa": date.circa,
        "literal": date.literal, "raw": date.raw,
    }  # fmt: skip


def date_from_json(data: dict[str, Any]) -> Date:
    def part(values: list[int | None] | None) -> DatePart | None:
        if values is None:
            return None
        year, month, day, season = values
        assert year is not None
        return DatePart(year, month, day, season)

    return Date(
        start=part(data.get("start")), end=part(data.get("end")), circa=bool(data.get("circa")),
        literal=data.get("literal"), raw=data.get("raw"),
    )  # fmt: skip


# --- names --------------------------------------------------------------------

_NAME_PARTS: Final = (
    "family", "given", "dropping_particle", "non_dropping_particle", "suffix", "literal",
)  # fmt: skip


def _join(*parts: str | None, sep: str = " ") -> str:
    return sep.join(p for p in parts if p)


def zotero_name(name: Name) -> dict[str, str]:
    """`{"name": ...}` for an organisation, else `lastName`/`firstName` with the
    particles and suffix where Zotero's CSL export looks for them."""
    if name.literal is not None:
        return {"name": name.literal}
    last = _join(name.non_dropping_particle, name.family)
    first = _join(name.given, name.dropping_particle)
    if name.suffix:
        first = f"{first}, {name.suffix}"
    return {"lastName": last, "firstName": first}


def _leading_particle(words: list[str]) -> int:
    count = 0
    while count < len(words) - 1 and words[count][:1].islower():
        count += 1
    return count


def read_zotero_name(creator: dict[str, Any]) -> Name:
    """Split particles and suffix the way Zotero's CSL export does (simplified
    from `Zotero.Utilities.Item.parseParticles`)."""
    if "name" in creator:
        return Name(literal=str(creator["name"]))
    last, first = str(creator.get("lastName", "")), str(creator.get("firstName", ""))
    if not (last and first):
        return Name(family=last or None, given=first or None)
    suffix = None
    if ", " in first:
        first, suffix = first.split(", ", 1)
    family_words = last.split(" ")
    cut = _leading_particle(family_words)
    given_words = first.split(" ")
    keep = len(given_words)
    while keep > 1 and given_words[keep - 1][:1].islower():
        keep -= 1
    return Name(
        family=" ".join(family_words[cut:]) or None,
        given=" ".join(given_words[:keep]) or None,
        dropping_particle=" ".join(given_words[keep:]) or None,
        non_dropping_particle=" ".join(family_words[:cut]) or None,
        suffix=suffix or None,
    )


def name_text(name: Name) -> str:
    """A name as a Zotero Extra value: `Family || Given`, or the literal."""
    parts = zotero_name(name)
    if "name" in parts:
        return parts["name"]
    return f"{parts['lastName']} || {parts['firstName']}"


def read_name_text(text: str) -> Name:
    if "||" in text:
        last, first = (p.strip() for p in text.split("||", 1))
        return read_zotero_name({"lastName": last, "firstName": first})
    return Name(literal=text)


def name_parts_to_json(name: Name) -> dict[str, str | None]:
    return {part: getattr(name, part) for part in _NAME_PARTS}


def name_parts_from_json(name: Name, data: dict[str, Any]) -> Name:
    from dataclasses import replace

    parts: dict[str, Any] = {part: data.get(part) for part in _NAME_PARTS}
    return replace(name, **parts)


def same_parts(a: Name, b: Name) -> bool:
    return all(getattr(a, part) == getattr(b, part) for part in _NAME_PARTS)


# --- pages --------------------------------------------------------------------


def pages_to_json(pages: Pages) -> dict[str, str | None]:
    return {"text": pages.text, "first": pages.first, "last": pages.last}


def pages_from_json(data: dict[str, Any]) -> Pages:
    return Pages(str(data["text"]), data.get("first"), data.get("last"))


def read_pages(text: str) -> Pages:
    return parse_pages(text)
