"""Helpers the BibTeX reader and writer share: field-name rules, dates, types."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from refport.formats.bibtex_latex import decode_plain, normalize_space
from refport.formats.bibtex_tables import (
    ARTICLE_SUBTYPES,
    BABEL_ALIASES,
    BABEL_LANGUAGES,
    BOOKTITLE_TYPES,
    EDITOR_SLOTS,
    EDITOR_TYPES,
    FIELD_RULES,
    MONTH_MACROS,
    MONTH_NAMES,
    NAME_FIELDS,
    NUMBER_FALLBACK,
    PUBLISHER_ALIASES,
    PUBLISHER_FIELD,
    READ_TYPES,
    SUBTITLES,
    THESIS_GENRES,
    WRITE_TYPES,
)
from refport.model import CREATOR_ROLES, Date, DatePart, parse_date

#: `Reference.extra` keys for what is not a field (a field name cannot hold "(").
EXTRA_BEFORE: Final = "bibtex:(before)"  # @comment/@preamble/@string/@xdata before the entry
EXTRA_AFTER: Final = "bibtex:(after)"  # the same after the last entry of a file
EXTRA_TYPE: Final = "bibtex:(type)"  # the entry type, when the CSL type would not restore it
EXTRA_OTHERS: Final = "bibtex:(others)"  # a CSL role whose list ended in "and others"
EXTRA_UNPARSED: Final = "bibtex:(unparsed)"  # a line of the entry pybtex could not read

#: `title_ru-Latn`: a field's value in another script/language (BCP 47 tag).
VARIANT: Final = re.compile(r"(.+?)_([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)")
#: `author+an:orcid = {1="0000-0002-1825-0097"}`: biblatex data annotation.
ANNOTATION: Final = re.compile(r"(.+)\+an:orcid")
_VERBATIM_ESCAPE: Final = re.compile(
    r"\\textbackslash\{\}|\\textbraceleft\{\}|\\textbraceright\{\}|\\([_%&#$])"
)
_VERBATIM_UNESCAPE: Final = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
}
_VERBATIM_SPELLING: Final = {v: k for k, v in _VERBATIM_UNESCAPE.items()}
_VERBATIM_SPECIAL: Final = re.compile(r"[\\{}]")
#: Fields the reader maps to the model (the ones crossref/xdata pass on).
KNOWN_FIELDS: Final = frozenset(
    {n for rule in FIELD_RULES for n in (rule.bibtex, rule.biblatex, *rule.aliases)}
    | {"journal", "journaltitle", "booktitle", *SUBTITLES, *PUBLISHER_ALIASES, "number",
       *NUMBER_FALLBACK.values(), "date", "year", "month", "day", "langid", "language",
       "keywords", *NAME_FIELDS, *EDITOR_SLOTS, *(s + "type" for s in EDITOR_SLOTS),
       *CREATOR_ROLES}
)  # fmt: skip
_DATE_TEXT: Final = re.compile(r"[\d/~?.-]*")
_YEAR: Final = re.compile(r"-?\d{1,4}")


# --- names ---------------------------------------------------------------------------


def name_field_role(lowered: str, fields: dict[str, str]) -> str | None:
    """The CSL role a field holds names for, or None for a non-name field."""
    if lowered in NAME_FIELDS:
        return NAME_FIELDS[lowered]
    if lowered in EDITOR_SLOTS:
        kind = decode_plain(fields.get(lowered + "type", "editor"))
        role = EDITOR_TYPES.get(kind, kind)
        return role if role in CREATOR_ROLES else None
    return lowered if lowered in CREATOR_ROLES else None


def role_field(role: str) -> str:
    """The field a CSL role is written as."""
    for name, mapped in NAME_FIELDS.items():
        if mapped == role:
            return name
    return role


# --- typed fields ------------------------------------------------------------------


def container_candidates(csl_type: str) -> tuple[str, ...]:
    if csl_type in BOOKTITLE_TYPES:
        return ("booktitle", "journaltitle", "journal")
    return ("journaltitle", "journal", "booktitle")


def container_field(csl_type: str, dialect: str) -> str:
    if csl_type in BOOKTITLE_TYPES:
        return "booktitle"
    return "journaltitle" if dialect == "biblatex" else "journal"


@lru_cache(maxsize=256)
def publisher_candidates(entry_type: str) -> tuple[str, ...]:
    preferred = (PUBLISHER_FIELD["bibtex"].get(entry_type),
                 PUBLISHER_FIELD["biblatex"].get(entry_type))  # fmt: skip
    return tuple(dict.fromkeys(n for n in (*preferred, *PUBLISHER_ALIASES) if n))


def publisher_field(entry_type: str, dialect: str) -> str:
    return PUBLISHER_FIELD[dialect].get(entry_type, "publisher")


def split_keywords(raw: str) -> tuple[str, ...]:
    """A comma list; commas inside braces do not split."""
    if "{" not in raw and "}" not in raw:
        return tuple(k for k in (decode_plain(p).strip() for p in raw.split(",")) if k)
    parts: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(raw[start:index])
            start = index + 1
    parts.append(raw[start:])
    decoded = (decode_plain(p).strip() for p in parts)
    return tuple(k for k in decoded if k)


def read_verbatim(raw: str) -> str:
    """URL/DOI text: no LaTeX decoding beyond escaped specials (`\\_` from Mendeley)."""

    def unescape(match: re.Match[str]) -> str:
        return match.group(1) or _VERBATIM_UNESCAPE[match.group()]

    return _VERBATIM_ESCAPE.sub(unescape, normalize_space(raw))


def write_verbatim(value: str) -> str:
    """The inverse of `read_verbatim`: only backslashes and braces need spelling out."""
    return _VERBATIM_SPECIAL.sub(lambda m: _VERBATIM_SPELLING[m.group()], value)


def balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0


# --- dates ---------------------------------------------------------------------------


def month_number(raw: str) -> int | None:
    text = decode_plain(raw).strip().rstrip(".").lower()
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    for table in (MONTH_NAMES, MONTH_MACROS):
        if text in table:
            return table.index(text) + 1
    return 9 if text == "sept" else None


def point_text(part: DatePart) -> str:
    year = f"{part.year:04d}" if part.year >= 0 else f"-{-part.year:04d}"
    if part.season is not None and part.month is None:
        return f"{year}-{20 + part.season}"
    if part.month is None:
        return year
    if part.day is None:
        return f"{year}-{part.month:02d}"
    return f"{year}-{part.month:02d}-{part.day:02d}"


def date_text(date: Date) -> str:
    """ISO 8601/EDTF-style text for biblatex; the source text when it says the same."""
    if date.raw and parse_date(date.raw) == date and _DATE_TEXT.fullmatch(date.raw):
        return date.raw
    if date.start is None:
        return date.literal or ""
    text = point_text(date.start)
    if date.end is not None:
        text += "/" + point_text(date.end)
    return text + ("~" if date.circa else "")


def read_date(raw: str) -> Date:
    """A date field: ISO/EDTF text as it is (`~` is circa), anything else decoded."""
    text = normalize_space(raw)
    return parse_date(text if _DATE_TEXT.fullmatch(text) else decode_plain(raw))


@lru_cache(maxsize=1 << 12)
def date_from_parts(year: str, month: str | None, day: str | None) -> tuple[Date, bool, bool]:
    """BibTeX year/month/day -> a date (and whether month/day were used)."""
    if not _YEAR.fullmatch(year.strip()):
        return parse_date(year), False, False
    number = month_number(month) if month is not None else None
    day_number = int(day) if number and day and day.strip().isdigit() else None
    if day_number is not None and not 1 <= day_number <= 31:
        day_number = None
    part = DatePart(int(year), number, day_number)
    # what parse_date(point_text(part)) gives, without writing and reparsing it
    return Date(start=part, raw=point_text(part)), number is not None, day_number is not None


def is_simple_year_month(date: Date) -> bool:
    """True when BibTeX's year (+ month) say everything the date says."""
    start = date.start
    return (
        start is not None
        and date.end is None
        and not date.circa
        and start.day is None
        and start.season is None
        and (start.month is None or 1 <= start.month <= 12)
        and 0 <= start.year <= 9999
    )


# --- languages -----------------------------------------------------------------------


def language_from(text: str) -> str:
    """babel name -> BCP 47 tag; anything else is kept as given."""
    return BABEL_LANGUAGES.get(text) or BABEL_ALIASES.get(text) or text


# --- entry types ---------------------------------------------------------------------


@lru_cache(maxsize=256)
def written_type_options(csl_type: str) -> frozenset[str]:
    """The entry types the writer may choose for a CSL type (either dialect)."""
    options = set(WRITE_TYPES.get(csl_type, ("misc", "misc")))
    if csl_type == "thesis":
        options |= {"phdthesis", "mastersthesis", "thesis"}
    return frozenset(options)


def thesis_type(genre: str | None, dialect: str) -> tuple[str, str | None]:
    """Entry type and `type` field for a thesis of this genre."""
    for bibtex_type, biblatex_key, default, pattern in THESIS_GENRES:
        if genre and re.search(pattern, genre, re.IGNORECASE):
            if dialect == "biblatex":
                return "thesis", biblatex_key if genre == default else genre
            return bibtex_type, None if genre == default else genre
    return "thesis", genre


def read_type(entry_type: str, subtype: str | None) -> str:
    """The CSL type an entry type (+ entrysubtype) reads as."""
    csl_type = READ_TYPES.get(entry_type, ("document", None))[0]
    if csl_type == "article-journal" and subtype in ARTICLE_SUBTYPES:
        return ARTICLE_SUBTYPES[subtype]
    return csl_type
