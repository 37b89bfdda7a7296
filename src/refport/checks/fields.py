"""Checks of one reference at a time: page ranges, impossible or future
dates, fields every style needs, and LaTeX or HTML markup left in plain text.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import operator
import re
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from typing import Final

import latexcodec  # noqa: F401  (registers the "latex+utf8" codec)

from refport.checks.base import Check, CheckContext, Finding
from refport.checks.survey import MARKUP_START as _MARKUP_START
from refport.checks.survey import TEXT_FIELDS, shared_survey
from refport.checks.works import plain
from refport.model import DATE_FIELDS, Date, DatePart, Pages, Reference, parse_pages

# --- pages --------------------------------------------------------------------

#: Words and dashes around page numbers that the page field should not hold.
_PAGE_WORDS: Final = re.compile(r"^\s*(?:pp?|pgs?|pages?|s|str|с|стр|ss)\.?\s*", re.IGNORECASE)
_ODD_DASHES: Final = re.compile(r"\s*[‐‑−⁃~]\s*")
_ROMAN: Final = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_PREFIXED: Final = re.compile(r"^([A-Za-z]*)(\d+)$")


def roman_value(text: str) -> int | None:
    values = [_ROMAN.get(c) for c in text.lower()]
    if not values or None in values:
        return None
    numbers = [v for v in values if v is not None]
    return sum(-v if v < n else v for v, n in zip(numbers, [*numbers[1:], 0], strict=True))


def range_values(first: str, last: str) -> tuple[int, int] | None:
    """Comparable numbers for one range: "245"–"73" is 245–273 (the last page
    abbreviated), "S12"–"S15" is 12–15, "xii"–"xv" 12–15; None when the two
    ends are of different kinds."""
    if first.isdecimal() and last.isdecimal():  # _PREFIXED's match without a prefix
        if len(last) < len(first):
            last = first[: len(first) - len(last)] + last
        return int(first), int(last)
    first_match, last_match = _PREFIXED.match(first), _PREFIXED.match(last)
    if first_match and last_match:
        if first_match.group(1).lower() != last_match.group(1).lower():
            return None
        head, tail = first_match.group(2), last_match.group(2)
        if len(tail) < len(head):
            tail = head[: len(head) - len(tail)] + tail
        return int(head), int(tail)
    low, high = roman_value(first), roman_value(last)
    return (low, high) if low is not None and high is not None else None


#: One plain arabic range ("245-273", "12–15", "7"): the common case, parsed
#: here without the model's general rules (which give the same result).
_PLAIN_RANGE: Final = re.compile(r"\s*(\d+)\s*(?:(?:-{1,3}|–|—|‒)\s*(\d+))?\s*")


def page_pieces(text: str) -> list[Pages]:
    """Each comma- or semicolon-separated range, parsed by the model's rules."""
    plain_range = _PLAIN_RANGE.fullmatch(text)
    if plain_range:
        first, last = plain_range.groups()
        return [Pages(text, first, last or first)]
    return [parse_pages(piece) for piece in re.split(r"[,;]", text) if piece.strip()]


def page_span(pages: Pages) -> tuple[int, int] | None:
    """First and last page as numbers, when both are plain arabic numbers."""
    plain_range = _PLAIN_RANGE.fullmatch(pages.text)
    if plain_range:  # what `page_pieces` reads without the model's rules
        first, last = plain_range.groups()
        return range_values(first, last or first)
    pieces = page_pieces(pages.text)
    if not pieces or any(p.first is None for p in pieces):
        return None
    first, last = pieces[0].first or "", pieces[-1].last or pieces[-1].first or ""
    if not (first.isdecimal() and last.isdecimal()):
        return None
    return range_values(first, last)


def _cleaned_pages(text: str) -> str | None:
    cleaned = _ODD_DASHES.sub("–", _PAGE_WORDS.sub("", text)).strip()
    if cleaned == text.strip():
        return None
    parsed = page_pieces(cleaned)
    return cleaned if parsed and all(p.first for p in parsed) else None


def pages_invalid(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    for ref in references:
        if ref.page is None or not ref.page.text.strip():
            continue
        text = ref.page.text
        pieces = page_pieces(text)
        if not pieces or any(p.first is None for p in pieces):
            cleaned = _cleaned_pages(text)
            hint = f"; write {cleaned}" if cleaned else ""
            yield Finding(
                (ref,), f"page range “{text}” is malformed{hint}", field="page", suggestion=cleaned
            )
            continue
        for piece in pieces:
            values = range_values(piece.first or "", piece.last) if piece.last else None
            if values and values[1] < values[0]:
                yield Finding(
                    (ref,),
                    f"page range “{piece.text.strip()}” is reversed: it ends on page "
                    f"{values[1]} before it starts on {values[0]}",
                    field="page",
                )


# --- dates --------------------------------------------------------------------

MONTH_NAMES: Final = ("January", "February", "March", "April", "May", "June", "July",
                      "August", "September", "October", "November", "December")  # fmt: skip
MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: Date fields that cannot lie after the check run (an event date may: a
#: conference yet to come); `issued` may when the work is forthcoming.
FUTURE_CHECKED: Final = ("issued", "accessed", "original_date")
FORTHCOMING: Final = frozenset({"forthcoming", "in press", "accepted", "to appear", "in print"})


def days_in_month(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else MONTH_DAYS[month - 1]


def impossible(part: DatePart) -> str | None:
    """Why a date point cannot be, or None."""
    if part.year > 9999:
        return f"year {part.year} has more than four digits"
    if part.month is not None and not 1 <= part.month <= 12:
        return f"there is no month {part.month}"
    if part.season is not None and not 1 <= part.season <= 4:
        return f"there is no season {part.season}"
    if part.month is not None and part.day is not None:
        days = days_in_month(part.year, part.month)
        if not 1 <= part.day <= days:
            return f"{MONTH_NAMES[part.month - 1]} {part.year} has {days} days, not {part.day}"
    return None


def show_date(date: Date) -> str:
    """ISO form of the parsed parts ("2019-04-31", "2020/2019")."""
    points = [p for p in (date.start, date.end) if p is not None]
    return "/".join("-".join(f"{n:02d}" if i else str(n) for i, n in enumerate(p.as_tuple()))
                    for p in points)  # fmt: skip


def _is_future(part: DatePart, today: dt.date, years_ahead: int) -> bool:
    limit = (today.year + years_ahead, today.month, today.day)
    given = part.as_tuple()
    return given > limit[: len(given)]


def _date_problems(ref: Reference, name: str, date: Date, context: CheckContext) -> Iterator[str]:
    points = [p for p in (date.start, date.end) if p is not None]
    reasons = [r for r in map(impossible, points) if r]
    yield from reasons
    if reasons:
        return
    if date.start and date.end:
        end = date.end.as_tuple()
        if end < date.start.as_tuple()[: len(end)]:
            yield "it ends before it starts"
    forthcoming = (ref.status or "").strip().lower() in FORTHCOMING
    if name not in FUTURE_CHECKED or (name == "issued" and forthcoming):
        return
    allowance = context.setting("date-invalid", "allow-future-years", 0)
    years_ahead = allowance if isinstance(allowance, int) and name == "issued" else 0
    if any(_is_future(p, context.today, years_ahead) for p in points):
        yield f"it is in the future (checked on {context.today.isoformat()})"


def date_invalid(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    allowance = context.setting("date-invalid", "allow-future-years", 0)
    #: Years before this are in the past whatever the field and the allowance.
    past = context.today.year + min(0, allowance if isinstance(allowance, int) else 0)
    for ref in references:
        for name in DATE_FIELDS:
            date: Date | None = getattr(ref, name)
            if date is None or date.start is None:
                continue
            if date.end is None and date.start.year < past and impossible(date.start) is None:
                continue  # one possible day, month or year, years back: most dates
            for reason in _date_problems(ref, name, date, context):
                yield Finding(
                    (ref,), f"{name} date {show_date(date)} cannot be: {reason}", field=name
                )


# --- url-date -----------------------------------------------------------------

#: Dates news sites put in their URLs: /2018/07/09/, /2021/12/, 2020-10-22.
URL_DATES: Final = (
    re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(?:(0?[1-9]|[12]\d|3[01])/)?"),
    re.compile(r"/((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?=[/_.-])"),
)


def url_date(url: str) -> tuple[int, ...] | None:
    """The (year, month[, day]) a URL's path carries, if any."""
    for pattern in URL_DATES:
        match = pattern.search(url)
        if match:
            return tuple(int(g) for g in match.groups() if g)
    return None


def url_date_mismatch(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    for ref in references:
        if ref.url is None or ref.issued is None or ref.issued.start is None:
            continue
        dated = url_date(ref.url)
        given = ref.issued.start.as_tuple()
        common = min(len(given), len(dated or ()))
        if dated is not None and given[:common] != dated[:common]:
            shown = "-".join(f"{n:02d}" if i else str(n) for i, n in enumerate(dated))
            yield Finding(
                (ref,),
                f"the URL dates the page {shown} but issued says {show_date(ref.issued)}",
                field="issued",
            )


# --- missing-field ------------------------------------------------------------

#: Stands for "the author is an organisation": a news agency or newspaper that
#: publishes under its own name needs no separate container (APA, Chicago).
ORGANISATION_AUTHOR: Final = "@organisation-author"
_ARTICLE: Final = (("title",), ("container_title",), ("issued",))
#: Per CSL type, the fields every style needs, each as alternatives (any one will do).
REQUIRED_FIELDS: Final[dict[str, tuple[tuple[str, ...], ...]]] = {
    "article-journal": _ARTICLE,
    "article-magazine": (("title",), ("container_title", ORGANISATION_AUTHOR), ("issued",)),
    "article-newspaper": (("title",), ("container_title", ORGANISATION_AUTHOR)),
    "chapter": (("title",), ("container_title",), ("issued",)),
    "entry-encyclopedia": (("title",), ("container_title",)),
    "entry-dictionary": (("title",), ("container_title",)),
    "paper-conference": (("title",), ("container_title", "event_title"), ("issued",)),
    "book": (("title",), ("publisher",), ("issued",)),
    "thesis": (("title",), ("publisher",), ("issued",)),
    "report": (("title",), ("publisher",), ("issued",)),
    "webpage": (("title",), ("url",)),
    "post-weblog": (("title",), ("url",)),
}
DEFAULT_REQUIRED: Final = (("title",),)
#: How a message names a missing field for a type ("an article without a journal").
FIELD_WORDS: Final[dict[tuple[str, str], str]] = {
    ("article-journal", "container_title"): "journal",
    ("article-magazine", "container_title"): "magazine",
    ("article-newspaper", "container_title"): "newspaper",
    ("chapter", "container_title"): "book",
    ("entry-encyclopedia", "container_title"): "encyclopedia",
    ("entry-dictionary", "container_title"): "dictionary",
    ("paper-conference", "container_title"): "proceedings or event",
    ("thesis", "publisher"): "university",
    ("report", "publisher"): "institution",
}
GENERIC_WORDS: Final = {"title": "title", "publisher": "publisher", "issued": "date",
                        "url": "URL", "container_title": "container"}  # fmt: skip


def _present(ref: Reference, name: str) -> bool:
    if name == ORGANISATION_AUTHOR:
        return any(n.literal for n in ref.names("author"))
    return bool(getattr(ref, name))


def missing_field(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    for ref in references:
        for alternatives in REQUIRED_FIELDS.get(ref.type, DEFAULT_REQUIRED):
            if getattr(ref, alternatives[0], None) or any(
                _present(ref, name) for name in alternatives
            ):
                continue  # the first is a field, and the one most often there
            name = alternatives[0]
            words = FIELD_WORDS.get((ref.type, name), GENERIC_WORDS.get(name, name))
            what = f"{ref.type} “{plain(ref.title)}”" if ref.title else ref.type
            yield Finding((ref,), f"{what} has no {words} ({name})", field=name)


# --- markup-leak --------------------------------------------------------------

#: Markup a plain-text field should not hold, by kind.
MARKUP: Final = (
    ("LaTeX", re.compile(r"\\(?:[A-Za-z]+|[_&%$#{}'`^\"~=.])")),
    ("LaTeX", re.compile(r"\{[^{}]*\}")),
    ("HTML", re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});")),
    # CSL-JSON's own rich text (<i>, <b>, <sup>, <sub>, <span ...>) is not a leak.
    ("HTML", re.compile(r"</?(?!(?:i|b|sup|sub|span)\b)[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")),
)
#: Source formats by file extension, and the markup their readers interpret.
FORMAT_NAMES: Final = {".json": "CSL-JSON", ".ris": "RIS", ".bib": "BibTeX", ".bibtex": "BibTeX"}
INTERPRETED: Final = {"BibTeX": frozenset({"LaTeX"})}
_LATEX_COMMAND: Final = re.compile(r"\\[A-Za-z]+\s*")
_LATEX_SPECIAL: Final = re.compile(r"\\([_&%$#{}])")


def unmarked(text: str) -> str:
    """The text with LaTeX accents decoded, commands, escapes and braces dropped,
    and HTML entities and tags resolved."""
    try:
        decoded = codecs.decode(text.encode("utf-8"), "latex+utf8")
    except ValueError:  # latexcodec gives up on some broken markup; keep the text
        decoded = text
    decoded = _LATEX_SPECIAL.sub(r"\1", _LATEX_COMMAND.sub("", decoded))
    decoded = re.sub(r"(?<!\\)[{}]", "", decoded)
    return html.unescape(MARKUP[3][1].sub("", decoded))


_CHECKED_FIELDS: Final = TEXT_FIELDS
_checked_values: Final = operator.attrgetter(*_CHECKED_FIELDS)


def _texts(ref: Reference) -> Iterator[tuple[str, str]]:
    for name, value in zip(_CHECKED_FIELDS, _checked_values(ref), strict=True):
        if value:
            yield name, value
    for creator in ref.creators:
        for value in (creator.name.family, creator.name.given, creator.name.literal):
            if value:
                yield creator.role, value
    for variant in ref.variants:
        yield variant.field, variant.value


def source_format(ref: Reference) -> str | None:
    return FORMAT_NAMES.get(PurePath(ref.origin.file).suffix.lower()) if ref.origin.file else None


def markup_in(value: str, interpreted: frozenset[str]) -> list[tuple[str, str]]:
    """(kind, text) of each piece of markup, outermost only ({\\'c}, not also \\')."""
    matches = sorted(
        ((m.start(), -m.end(), kind, m.group())
         for kind, pattern in MARKUP if kind not in interpreted for m in pattern.finditer(value)),
    )  # fmt: skip
    found: list[tuple[str, str]] = []
    reach = -1
    for _start, negative_end, kind, text in matches:
        if -negative_end > reach:
            found.append((kind, text))
            reach = -negative_end
    return found


def markup_leak(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    formats: dict[str | None, str | None] = {}  # file name -> format, for this run
    for index in shared_survey(references, context).markup:  # no markup can start elsewhere
        ref = references[index]
        if ref.origin.file not in formats:
            formats[ref.origin.file] = source_format(ref)
        fmt = formats[ref.origin.file]
        interpreted = INTERPRETED.get(fmt or "", frozenset())
        for name, value in _texts(ref):
            found = markup_in(value, interpreted) if _MARKUP_START.search(value) else []
            if not found:
                continue
            kinds = sorted({kind for kind, _ in found})
            marks = ", ".join(dict.fromkeys(mark for _, mark in found))
            where = fmt or "plain text"
            clean = unmarked(value)
            yield Finding(
                (ref,),
                f"{name} “{value}” holds {' and '.join(kinds)} markup ({marks}) that {where} "
                f"does not interpret; write “{clean}”",
                field=name,
                suggestion=clean if clean != value else None,
            )


CHECKS: tuple[Check, ...] = (
    Check("pages-invalid", "warning", "a page range that is reversed or malformed",
          pages_invalid),
    Check("date-invalid", "error",
          "a year, month or day that cannot be (year 20021, month 13, 31 April), a range that "
          "ends before it starts, or a date in the future of the check run", date_invalid),
    Check("url-date", "info",
          "a URL whose path carries a date (`/2018/07/09/`) that disagrees with the issued date",
          url_date_mismatch),
    Check("missing-field", "warning",
          "a field every style needs for that type is absent (an article without a journal, a "
          "chapter without its book, a book without a publisher …)", missing_field),
    Check("markup-leak", "warning",
          "LaTeX or HTML markup left in a field of a format that does not interpret it (`\\_`, "
          "`&amp;`, `{\\'c}` in CSL-JSON or RIS)", markup_leak),
)  # fmt: skip
