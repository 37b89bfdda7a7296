"""RIS value syntax: names ("Family, Given, Suffix"), dates ("YYYY/MM/DD/other"),
page ranges and ISSN/ISBN recognition. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from typing import Final

from refport.model import SEASONS, Date, DatePart, Name, NameVariant, parse_date

# --- names ------------------------------------------------------------------------


def parse_name(text: str) -> Name:
    """A person from "Family, Given, Suffix" / "Family, Given" / "Family,";
    a literal from a single field without a comma ("European Space Agency").

    Lower-case words before a capitalised family name are a non-dropping
    particle ("van Gils, Eske"); lower-case words after a capitalised given
    name are a dropping particle ("Beethoven, Ludwig van"), as in CSL-JSON.
    """
    return Name(*name_parts(text))


#: (family, given, dropping_particle, non_dropping_particle, suffix, literal),
#: the leading fields of `Name`, in its order.
NameParts = tuple[str | None, str | None, str | None, str | None, str | None, str | None]


def name_parts(text: str) -> NameParts:
    """What `parse_name` reads, without building the `Name` (writers compare parts)."""
    head, comma, tail = text.partition(",")
    if not comma:
        return None, None, None, None, None, text.strip()
    if "," in tail:
        return _parts_with_suffix(text)
    family, given = head.strip(), tail.strip()
    particle, family_part = _leading_particle(family) if family[:1].islower() else (None, family)
    given_part, dropping = _given_and_particle(given)
    return family_part or None, given_part, dropping, particle, None, None


def _given_and_particle(given: str) -> tuple[str | None, str | None]:
    """Most given names have no trailing lower-case word: skip the word split."""
    words = given.rsplit(None, 1)
    if len(words) < 2 or not words[1][:1].islower() or given[:1].islower():
        return given or None, None
    return _trailing_particle(given)


def _parts_with_suffix(text: str) -> NameParts:
    parts = [part.strip() for part in text.split(",")]
    particle, family = _leading_particle(parts[0])
    given, dropping = _trailing_particle(parts[1])
    suffix = ", ".join(parts[2:]).strip() or None
    return family, given, dropping, particle, suffix, None


def format_name(name: Name) -> str:
    """The inverse of `parse_name` (a family-only name keeps a trailing comma,
    so that it does not read back as an organisation)."""
    if name.literal is not None:
        return name.literal
    particle, dropping = name.non_dropping_particle, name.dropping_particle
    family = _spaced(particle, name.family) if particle else name.family or ""
    given = _spaced(name.given, dropping) if dropping else name.given or ""
    if name.suffix:
        return f"{family}, {given}, {name.suffix}"
    return f"{family}, {given}" if given else f"{family},"


def _spaced(first: str | None, second: str | None) -> str:
    """`" ".join` of the parts that are not empty."""
    if first and second:
        return f"{first} {second}"
    return first or second or ""


def name_survives(name: Name, text: str | None = None) -> bool:
    """Whether `format_name` (or the given `text`) then `parse_name` gives the
    same name parts."""
    again = name_parts(format_name(name) if text is None else text)
    return (
        (again[0] or None) == (name.family or None)
        and (again[1] or None) == (name.given or None)
        and (again[2] or None) == (name.dropping_particle or None)
        and (again[3] or None) == (name.non_dropping_particle or None)
        and (again[4] or None) == (name.suffix or None)
        and (again[5] or None) == (name.literal or None)
    )


def survives_plainly(name: Name) -> bool:
    """True for the usual person, whose "Family, Given" reads back as itself
    without parsing it: no particle, suffix or comma, nothing to strip, no
    lower-case last word in the given name (a dropping particle). False
    says nothing: `name_survives` decides (the tests hold the two together)."""
    family, given = name.family, name.given
    if not family or not given or name.literal is not None:
        return False
    if name.suffix or name.non_dropping_particle or name.dropping_particle:
        return False
    if "," in family or "," in given or family[:1].islower():
        return False
    if family.strip() != family or given.strip() != given:
        return False
    words = given.rsplit(None, 1)
    return len(words) < 2 or not words[1][:1].islower() or given[:1].islower()


def _is_lower(word: str) -> bool:
    return word[:1].islower()


def _leading_particle(text: str) -> tuple[str | None, str | None]:
    words = text.split()
    count = 0
    while count < len(words) - 1 and _is_lower(words[count]):
        count += 1
    if count == 0 or _is_lower(words[count]):
        return None, text or None
    return " ".join(words[:count]), " ".join(words[count:])


def _trailing_particle(text: str) -> tuple[str | None, str | None]:
    words = text.split()
    if len(words) < 2 or _is_lower(words[0]):
        return text or None, None
    start = len(words)
    while start > 1 and _is_lower(words[start - 1]):
        start -= 1
    if start == len(words):
        return text, None
    return " ".join(words[:start]), " ".join(words[start:])


def parse_name_variant(tag: str, text: str) -> NameVariant:
    """A name variant: "Family, Given" or a literal (no particles, no suffix)."""
    if "," not in text:
        return NameVariant(tag, literal=text.strip() or None)
    family, given = (part.strip() for part in text.split(",", 1))
    return NameVariant(tag, family=family or None, given=given or None)


def format_name_variant(variant: NameVariant) -> str:
    if variant.literal is not None:
        return variant.literal
    family, given = variant.family or "", variant.given or ""
    return f"{family}, {given}" if given else f"{family},"


# --- dates ------------------------------------------------------------------------

SEASONS_BY_NUMBER: Final = {number - 20: name for number, name in SEASONS.items()}
_RIS_DATE: Final = re.compile(r"^(\d{1,4})(?:/(\d{0,2})(?:/(\d{0,2})(?:/(.*))?)?)?$", re.DOTALL)
_SEASON_NAMES: Final = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_DAY: Final = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?(?:\s+(\d{1,2}))?$")


def parse_ris_date(text: str) -> Date:
    """The RIS forms ("2020/11/10/", "2020///", "2020/11", "2020///Spring"),
    else any form `parse_date` knows ("2020-11-10", "2019/2020", "ca. 1850"),
    else a literal. `raw` is the text as given."""
    stripped = text.strip()
    match = _RIS_DATE.match(stripped)
    if not match:
        return parse_date(stripped)
    year, month, day, other = match.groups()
    season = _SEASON_NAMES.get(other.strip().lower()) if other else None
    part = DatePart(
        int(year),
        int(month) if month else None,
        int(day) if day else None,
        season,
    )
    return Date(start=part, raw=stripped)


def month_day(text: str) -> tuple[int | None, int | None, int | None] | None:
    """EndNote's DA without a year ("Nov 10", "November", "Spring"): the month,
    day and season it names, or None when it is not such a text."""
    match = _MONTH_DAY.match(text.strip())
    if not match:
        return None
    before, word, after = match.groups()
    season = _SEASON_NAMES.get(word.lower())
    month = _MONTHS.get(word.lower())
    if (month is None and season is None) or (before and after):
        return None
    day = before or after
    if season is not None and day:
        return None
    return month, int(day) if day else None, season


def format_ris_date(date: Date) -> str:
    """The text to write for a date: its `raw` text when that reads back as
    the same date, the RIS form "YYYY/MM/DD/other" when the date fits it,
    else an ISO-like form `parse_date` reads back."""
    fits = _fits_ris_form(date)
    if date.raw is not None:
        if fits and date.start is not None and date.raw == ris_form(date.start):
            return date.raw  # reads back as the same date, without parsing it again
        if "\n" not in date.raw and parse_ris_date(date.raw) == date:
            return date.raw
    if fits:
        assert date.start is not None
        return ris_form(date.start)
    if date.start is None:
        return date.literal or ""
    text = _iso(date.start)
    if date.end is not None:
        text = f"{text}/{_iso(date.end)}"
    return f"ca. {text}" if date.circa else text


def ris_year(date: Date) -> str | None:
    """The PY text for a date (its year as four digits), if it has one."""
    if date.start is None or not 0 <= date.start.year <= 9999:
        return None
    return f"{date.start.year:04d}"


def is_year_only(date: Date) -> bool:
    """A date PY alone can carry (a year, nothing else)."""
    start = date.start
    return (
        start is not None
        and date.end is None
        and not date.circa
        and start.month is None
        and start.day is None
        and start.season is None
        and 0 <= start.year <= 9999
    )


def _fits_ris_form(date: Date) -> bool:
    start = date.start
    if start is None or date.end is not None or date.circa or date.literal:
        return False
    month, day = start.month, start.day
    return (
        0 <= start.year <= 9999
        and (month is None or 0 <= month <= 99)
        and (day is None or 0 <= day <= 99)
        and (start.season is None or start.season in SEASONS_BY_NUMBER)
    )


def ris_form(part: DatePart) -> str:
    month = f"{part.month:02d}" if part.month is not None else ""
    day = f"{part.day:02d}" if part.day is not None else ""
    season = SEASONS_BY_NUMBER.get(part.season, "") if part.season else ""
    return f"{part.year:04d}/{month}/{day}/{season.capitalize()}"


def _iso(part: DatePart) -> str:
    text = f"{part.year:04d}" if part.year >= 0 else f"-{-part.year:04d}"
    if part.season is not None and part.month is None:
        return f"{text}-{part.season + 20}"
    if part.month is not None:
        text += f"-{part.month:02d}"
        if part.day is not None:
            text += f"-{part.day:02d}"
    return text


# --- pages ------------------------------------------------------------------------

_SINGLE_PAGE: Final = re.compile(r"^[^\s,;\-–—]+$")


def join_pages(first: str, last: str) -> str | None:
    """SP "476" + EP "481" -> "476-481"; None when SP is not a single page."""
    return f"{first}-{last}" if _SINGLE_PAGE.match(first) else None


def split_pages(text: str) -> tuple[str, str] | None:
    """The SP and EP for "476-481", when the text is exactly one plain range
    (ASCII hyphen, no spaces), so SP/EP read back to the same text."""
    first, sep, last = text.partition("-")
    if sep and _SINGLE_PAGE.match(first) and _SINGLE_PAGE.match(last):
        return first, last
    return None


# --- standard numbers ---------------------------------------------------------------

_ISSN: Final = re.compile(r"^\d{4}-?\d{3}[\dXx]$")
_ISBN_CHARS: Final = re.compile(r"^[\d\- ]+[Xx]?$")


def classify_sn(value: str) -> str | None:
    """Which standard number ("issn", "isbn") the text unmistakably is, if any."""
    text = value.strip()
    if _ISSN.match(text):
        return "issn"
    digits = re.sub(r"[\- ]", "", text)
    if _ISBN_CHARS.match(text) and ((len(digits) == 13 and digits.isdigit()) or len(digits) == 10):
        return "isbn"
    return None


_DOI_ONLY: Final = re.compile(
    r"^(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d+(?:\.\d+)*/\S+)$", re.IGNORECASE
)


def doi_value(text: str) -> str | None:
    """The DOI when a whole value is one ("doi: 10.3109/0743.2014", as Scopus
    writes in M3 and EndNote in N1), else None. Any registrant code length."""
    match = _DOI_ONLY.match(text.strip())
    return match.group(1) if match else None
