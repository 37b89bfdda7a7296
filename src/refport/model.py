"""The one typed model every format reads into and writes from.

Formats never talk to each other: a reader builds `Reference` values, a writer
consumes them. The field names follow CSL 1.0.2 variables (snake_case), because
CSL is the richest common vocabulary of the formats refport speaks.

Values are kept *as given*: an impossible date or a reversed page range stays in
the model so that the checks can report it; nothing here corrects data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from typing import Final

# --- vocabularies -----------------------------------------------------------

CSL_TYPES: Final = frozenset(
    {
        "article", "article-journal", "article-magazine", "article-newspaper", "bill",
        "book", "broadcast", "chapter", "classic", "collection", "dataset", "document",
        "entry", "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic",
        "hearing", "interview", "legal_case", "legislation", "manuscript", "map",
        "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
        "performance", "periodical", "personal_communication", "post", "post-weblog",
        "regulation", "report", "review", "review-book", "software", "song", "speech",
        "standard", "thesis", "treaty", "webpage",
    }
)  # fmt: skip

#: CSL name variables, in the order writers emit them.
CREATOR_ROLES: Final = (
    "author", "editor", "translator", "container-author", "collection-editor",
    "editorial-director", "director", "interviewer", "recipient", "reviewed-author",
    "original-author", "compiler", "composer", "contributor", "curator", "chair",
    "executive-producer", "guest", "host", "illustrator", "narrator", "organizer",
    "performer", "producer", "script-writer", "series-creator",
)  # fmt: skip

SEASONS: Final = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}


# --- names ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameVariant:
    """The same person written in another script or language (BCP 47 `tag`)."""

    tag: str
    family: str | None = None
    given: str | None = None
    literal: str | None = None


@dataclass(frozen=True, slots=True)
class Name:
    """A person (family/given/particles/suffix) or an organisation (`literal`).

    An organisation is never split into given/family: "World Health Organization"
    is one literal, as is "ТАСС".
    """

    family: str | None = None
    given: str | None = None
    dropping_particle: str | None = None
    non_dropping_particle: str | None = None
    suffix: str | None = None
    literal: str | None = None
    orcid: str | None = None
    variants: tuple[NameVariant, ...] = ()

    @property
    def is_literal(self) -> bool:
        return self.literal is not None

    def family_with_particle(self) -> str:
        """The family name as it sorts in most styles ("van Gils")."""
        if self.literal is not None:
            return self.literal
        return " ".join(p for p in (self.non_dropping_particle, self.family) if p)

    def display(self) -> str:
        """A human-readable "Family, Given" form for messages."""
        if self.literal is not None:
            return self.literal
        head = self.family_with_particle()
        tail = " ".join(p for p in (self.given, self.dropping_particle) if p)
        text = f"{head}, {tail}" if tail else head
        return f"{text}, {self.suffix}" if self.suffix else text


@dataclass(frozen=True, slots=True)
class Creator:
    """A name in a CSL role ("author", "editor", "container-author" ...)."""

    role: str
    name: Name


# --- dates ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DatePart:
    """One point of a date; month/day may be absent. Values are kept as given.

    `season` is 1-4 (spring..winter) when the source gave a season, not a month.
    """

    year: int
    month: int | None = None
    day: int | None = None
    season: int | None = None

    def as_tuple(self) -> tuple[int, ...]:
        parts = [self.year]
        if self.month is not None:
            parts.append(self.month)
            if self.day is not None:
                parts.append(self.day)
        return tuple(parts)


@dataclass(frozen=True, slots=True)
class Date:
    """A partial date, a range, circa, "n.d.", or a literal that did not parse.

    `raw` keeps the source text when the date was parsed from a string, so a
    writer can reproduce an odd form exactly; `literal` is set when it could not
    be parsed at all (then `start` is None).
    """

    start: DatePart | None = None
    end: DatePart | None = None
    circa: bool = False
    literal: str | None = None
    raw: str | None = None

    @property
    def undated(self) -> bool:
        return self.start is None and (self.literal or "").strip().lower() in _NO_DATE

    @property
    def year(self) -> int | None:
        return self.start.year if self.start else None


_ISO_DATE: Final = re.compile(r"^\s*(-?\d{1,6})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?\s*$")
_NO_DATE: Final = frozenset({"n.d.", "n.d", "nd", "no date", "s.d.", "b.g."})


def parse_date(text: str) -> Date:
    """Parse the ISO-like forms formats use ("2020", "2020-11", "2020/11/10",
    "2019/2020", "2019-03/2019-05", "ca. 1850", "2020-22" for a season);
    anything else becomes a literal date, never an error.
    """
    stripped = text.strip()
    if stripped.lower() in _NO_DATE:
        return Date(literal=stripped, raw=None)
    circa = False
    body = stripped
    for prefix in ("ca.", "c.", "circa", "~"):
        if body.lower().startswith(prefix):
            circa, body = True, body[len(prefix) :].strip()
            break
    if body.endswith("~") or body.endswith("?"):
        circa, body = True, body[:-1]
    ends = body.split("/") if body.count("/") == 1 and "-" in body else None
    if ends is None and re.fullmatch(r"\d{4,6}/\d{4,6}", body):
        ends = body.split("/")
    if ends is not None:
        start, end = _parse_point(ends[0]), _parse_point(ends[1])
        if start and end:
            return Date(start=start, end=end, circa=circa, raw=stripped)
    point = _parse_point(body)
    if point is None:
        return Date(literal=stripped)
    return Date(start=point, circa=circa, raw=stripped)


def _parse_point(text: str) -> DatePart | None:
    match = _ISO_DATE.match(text.rstrip("/"))
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and 21 <= month <= 24 and day is None:
        return DatePart(year, season=month - 20)
    return DatePart(year, month, day)


# --- pages ------------------------------------------------------------------

_PAGE_RANGE: Final = re.compile(
    r"^\s*([A-Za-z]*\d+[A-Za-z]*|[ivxlcdmIVXLCDM]+)\s*(?:(?:-{1,3}|–|—|‒)\s*"
    r"([A-Za-z]*\d+[A-Za-z]*|[ivxlcdmIVXLCDM]+))?\s*$"
)


@dataclass(frozen=True, slots=True)
class Pages:
    """Page text as given, plus the first/last page where it parses."""

    text: str
    first: str | None = None
    last: str | None = None


def parse_pages(text: str) -> Pages:
    """Keep `text` verbatim; fill first/last from the first range of a list
    ("31, 35–40" -> first 31, last 40 of its last range).
    """
    pieces = [p for p in re.split(r"[,;]", text) if p.strip()]
    ranges = [_PAGE_RANGE.match(p) for p in pieces]
    if not pieces or not all(ranges):
        return Pages(text)
    first_match, last_match = ranges[0], ranges[-1]
    assert first_match is not None and last_match is not None
    first = first_match.group(1)
    last = last_match.group(2) or last_match.group(1)
    return Pages(text, first, last)


# --- references -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextVariant:
    """A field's value in another script or language.

    `field` names the model field ("title", "container_title" ...), `tag` is a
    BCP 47 tag: "ru-Latn" is a transliteration of a Russian original, "en" a
    translation. The main value's own language is `Reference.language`.
    """

    field: str
    tag: str
    value: str


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a reference came from, for diagnostics (not part of equality)."""

    file: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """One bibliographic item. Field names are CSL variables in snake_case."""

    id: str
    type: str = "document"
    title: str | None = None
    title_short: str | None = None
    container_title: str | None = None
    container_title_short: str | None = None
    collection_title: str | None = None
    collection_number: str | None = None
    original_title: str | None = None
    creators: tuple[Creator, ...] = ()
    issued: Date | None = None
    accessed: Date | None = None
    original_date: Date | None = None
    event_date: Date | None = None
    volume: str | None = None
    issue: str | None = None
    page: Pages | None = None
    number_of_pages: str | None = None
    number_of_volumes: str | None = None
    edition: str | None = None
    chapter_number: str | None = None
    section: str | None = None
    publisher: str | None = None
    publisher_place: str | None = None
    original_publisher: str | None = None
    original_publisher_place: str | None = None
    event_title: str | None = None
    event_place: str | None = None
    genre: str | None = None
    medium: str | None = None
    status: str | None = None
    number: str | None = None
    version: str | None = None
    authority: str | None = None
    archive: str | None = None
    archive_location: str | None = None
    call_number: str | None = None
    source: str | None = None
    doi: str | None = None
    isbn: str | None = None
    issn: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = None
    language: str | None = None
    abstract: str | None = None
    keywords: tuple[str, ...] = ()
    note: str | None = None
    annote: str | None = None
    year_suffix: str | None = None
    variants: tuple[TextVariant, ...] = ()
    #: What a format holds that the model has no field for, as ordered
    #: ("format:key", value) pairs; written back by that same format.
    extra: tuple[tuple[str, str], ...] = ()
    origin: Origin = field(default=Origin(), compare=False, repr=False)

    def names(self, role: str) -> tuple[Name, ...]:
        """The names in one CSL role, in order."""
        return tuple(c.name for c in self.creators if c.role == role)

    def roles(self) -> Iterator[str]:
        """The roles present, in first-seen order."""
        seen: dict[str, None] = {}
        for creator in self.creators:
            seen.setdefault(creator.role)
        return iter(seen)

    def variant(self, field_name: str, tag: str) -> str | None:
        for v in self.variants:
            if v.field == field_name and v.tag == tag:
                return v.value
        return None

    def extra_values(self, key: str) -> tuple[str, ...]:
        return tuple(value for k, value in self.extra if k == key)

    def with_changes(self, **changes: object) -> Reference:
        """A copy with some fields replaced (the model is immutable)."""
        return replace(self, **changes)  # type: ignore[arg-type]


#: Plain-string fields of `Reference` (everything a simple table can map).
STRING_FIELDS: Final = tuple(
    f.name for f in fields(Reference) if f.type in ("str | None",) and f.name != "id"
)
DATE_FIELDS: Final = ("issued", "accessed", "original_date", "event_date")
