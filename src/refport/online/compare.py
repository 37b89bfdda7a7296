"""Is the registered record the cited work, and which fields differ?

Each field gets a verdict: "same", "close" (the same value spelt a little
differently: a typo, a misspelt name), "different", or "absent" (one side
lacks it; nothing is compared). Titles are compared after normalising case,
punctuation, markup and diacritics, fuzzily (rapidfuzz), against every title
either side knows (variants, original titles, subtitles, and romanizations
of Cyrillic ones), and a title cited without its subtitle is the same title.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from rapidfuzz import fuzz

from refport.model import parse_pages
from refport.online.agencies import as_dict
from refport.translit import ALL_SCHEMES, language_code, romanize, schemes_for

Verdict = Literal["same", "close", "different", "absent"]

#: Letters NFKD does not decompose into a base letter and a mark.
UNDECOMPOSED: Final = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "ı": "i", "æ": "ae", "œ": "oe", "ħ": "h", "ŧ": "t", "&": " and "}
)
TAG: Final = re.compile(r"<[^>]{1,200}>")
CYRILLIC: Final = re.compile("[\u0400-\u04ff]")
ROMAN: Final = re.compile(r"^[ivxlcdm]+$")
ROMAN_VALUES: Final = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
#: Similarity (0-100) at or above which a value is the same, or a misspelling of it.
TITLE_SAME: Final = 95.0
TITLE_CLOSE: Final = 80.0
NAME_CLOSE: Final = 80.0
CONTAINER_CLOSE: Final = 88.0
#: Words a shorter title must keep for a subset match to count (not "War").
MIN_SUBSET_WORDS: Final = 3
YEAR_TOLERANCE: Final = 1  # online-first articles are often cited a year apart


@dataclass(frozen=True, slots=True)
class FieldComparison:
    field: str  # the model field the diagnostic names
    label: str  # how a message names it
    verdict: Verdict
    cited: str | None
    registered: str | None
    tolerated: bool = False  # differs, but explained (a translated title)

    @property
    def agrees(self) -> bool:
        return self.verdict in ("same", "close")

    @property
    def reportable(self) -> bool:
        return self.verdict in ("close", "different") and not self.tolerated


# --- normalising ----------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """Case, punctuation, markup, diacritics and spacing folded away."""
    text = html.unescape(TAG.sub(" ", text)).translate(UNDECOMPOSED)
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(UNDECOMPOSED))
    kept = (
        " " if unicodedata.category(c)[0] in "PSZC" else c
        for c in decomposed
        if not unicodedata.combining(c)
    )
    return " ".join("".join(kept).split())


def main_title(text: str) -> str:
    """The title without its subtitle (split at the first colon)."""
    return text.split(":", 1)[0]


def has_cyrillic(text: str) -> bool:
    return bool(CYRILLIC.search(text))


def scheme_ids(language: str | None) -> tuple[str, ...]:
    code = language_code(language) if language else None
    chosen = schemes_for(code) if code else ALL_SCHEMES
    return tuple(s.id for s in chosen)


def with_romanizations(texts: Iterable[str], language: str | None) -> list[str]:
    """The texts, plus each Cyrillic one romanized under every scheme that fits."""
    out: list[str] = []
    for text in texts:
        out.append(text)
        if has_cyrillic(text):
            out += list(dict.fromkeys(romanize(text, s) for s in scheme_ids(language)))
    return out


# --- titles ---------------------------------------------------------------------------


def title_similarity(cited: str, registered: str) -> float:
    """0-100; 100 for equal titles and for one title cited without its subtitle."""
    a, b = normalize_text(cited), normalize_text(registered)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    main_a, main_b = normalize_text(main_title(cited)), normalize_text(main_title(registered))
    if len(min(main_a, main_b, key=len).split()) >= MIN_SUBSET_WORDS and (
        main_a in (b, main_b) or main_b == a
    ):
        return 100.0
    scores = [fuzz.token_sort_ratio(a, b)]
    if min(len(a.split()), len(b.split())) >= MIN_SUBSET_WORDS:
        scores.append(fuzz.token_set_ratio(a, b))
    return float(max(scores))


def best_title_similarity(cited: Iterable[str], registered: Sequence[str]) -> float:
    """The highest similarity of any cited title to any registered one."""
    return max((title_similarity(a, b) for a in cited for b in registered), default=0.0)


# --- the registered record --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Registered:
    """The fields of a CSL-JSON record that the comparison reads."""

    title: str | None
    titles: tuple[str, ...]
    authors: tuple[dict[str, Any], ...]
    year: int | None
    years: frozenset[int]
    containers: tuple[str, ...]
    volume: str | None
    first_page: str | None
    language: str | None

    @classmethod
    def from_csl(cls, record: dict[str, Any]) -> Registered:
        custom = as_dict(record.get("custom"))
        title = _text(record.get("title"))
        titles = [title, _text(record.get("original-title")), *_texts(custom.get("title-variants"))]
        authors = [n for n in _list(record.get("author")) or _list(record.get("editor"))]
        year = _year(record.get("issued"))
        years = {y for y in (_year(custom.get(k)) for k in ("published-print", "published-online"))}
        containers = [
            _text(record.get("container-title")),
            _text(record.get("container-title-short")),
            *_texts(custom.get("container-title-variants")),
        ]
        page = _text(record.get("page"))
        first = parse_pages(page).first if page else None
        return cls(
            title=title,
            titles=tuple(t for t in titles if t),
            authors=tuple(a for a in authors if isinstance(a, dict)),
            year=year,
            years=frozenset(y for y in (*years, year) if y is not None),
            containers=tuple(c for c in containers if c),
            volume=_text(record.get("volume")),
            first_page=first or _text(record.get("number")),
            language=_text(record.get("language")),
        )


def _text(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None


def _texts(value: object) -> list[str]:
    return [t for t in (_text(v) for v in _list(value)) if t]


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _year(value: object) -> int | None:
    parts = value.get("date-parts") if isinstance(value, dict) else None
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        year = parts[0][0]
        if isinstance(year, int) and not isinstance(year, bool):
            return year
        if isinstance(year, str) and year.strip().lstrip("-").isdigit():
            return int(year)
    return None


def person_name(entry: dict[str, Any]) -> str | None:
    """A CSL name as its family name with particle, or its literal."""
    literal = _text(entry.get("literal"))
    if literal:
        return literal
    parts = (_text(entry.get("non-dropping-particle")), _text(entry.get("family")))
    return " ".join(p for p in parts if p) or None


def describe_names(authors: Sequence[dict[str, Any]], limit: int = 3) -> str:
    shown = []
    for entry in authors[:limit]:
        family, given = person_name(entry), _text(entry.get("given"))
        shown.append(
            f"{family}, {given}" if family and given and not entry.get("literal") else family or "?"
        )
    more = " et al." if len(authors) > limit else ""
    return "; ".join(shown) + more
