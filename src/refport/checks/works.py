"""What makes two references one work: normalised comparison keys, and the
differences that tell two works apart (a translation, another chapter of the
same book, the same author's next year's paper).

`differences(a, b)` is empty exactly when the two references may describe one
work; the duplicate, doi-duplicate and pages-overlap checks all ask it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz

from refport.identifiers import doi_key, isbn_key, split_identifiers
from refport.model import Date, Name, Reference

#: Letters NFKD does not take apart but that readers type both ways.
FOLDED_LETTERS: Final = str.maketrans(
    {"ı": "i", "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ə": "e", "þ": "th", "ð": "d"}
)
_FOLDABLE: Final = re.compile("[" + "".join(map(chr, FOLDED_LETTERS)) + "]")
#: FOLDED_LETTERS as (letter, replacement) pairs: replacing the few letters a
#: text has is several times faster than `str.translate` on a non-ASCII text.
_FOLDS: Final = tuple((chr(code), folded) for code, folded in FOLDED_LETTERS.items())
#: Where a subtitle starts: a colon, question or exclamation mark, a dash between
#: spaces, or a full stop after a word (not after an initial: "The U.S. army").
_SUBTITLE: Final = re.compile(r"\s*(?:[:?!]\s|(?<=[^\W\d]{3})\.\s|\s[–—-]\s)")
#: A subtitle cannot start without one of these (a quick test before the regex).
_SUBTITLE_MARKS: Final = frozenset(":?!.–—-")
#: `_SUBTITLE` without its leading spaces, each branch starting with a fixed
#: character (which lets the regex engine skip ahead): the main title is the
#: text before the first match, less the spaces before it. The same split,
#: five times faster.
_SUBTITLE_START: Final = re.compile(r"[:?!]\s|\.(?<=[^\W\d]{3}\.)\s|\s[–—-]\s")
#: Fuzzy scores (rapidfuzz, 0-100) above which two texts are one title / container.
SAME_TITLE: Final = 90
SAME_CONTAINER: Final = 85
#: CSL types that are a part of something else, and types that are a whole.
PART_TYPES: Final = frozenset({"chapter", "entry", "entry-dictionary", "entry-encyclopedia",
                               "paper-conference", "article-journal", "article-magazine",
                               "article-newspaper"})  # fmt: skip
WHOLE_TYPES: Final = frozenset({"book", "collection", "thesis", "report", "periodical"})
#: The blocks of combining marks NFKD leaves after a letter (é -> e + U+0301).
_COMBINING: Final = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)
#: Runs of letters and digits: a key is these joined by single spaces (the same
#: as every other run replaced by a space and the ends stripped, and faster).
_ALNUM_RUN: Final = re.compile(r"[^\W_]+")
#: The model's rich text (CSL markup: <i>, <b>, <sup>, <sub>, <span …>).
_RICH_TEXT_TAG: Final = re.compile(r"</?(?:i|b|sup|sub|span)\b[^<>]*>")
_URL_SCHEME: Final = re.compile(r"^https?://(?:www\.)?", re.IGNORECASE)


def plain(text: str) -> str:
    """The text without its rich-text markup, as a message shows it."""
    return _RICH_TEXT_TAG.sub("", text) if "<" in text else text


def text_key(text: str | None) -> str:
    """Lower case, no markup, no diacritics, letters and digits separated by
    single spaces."""
    if not text:
        return ""
    folded = plain(text).casefold()
    if not folded.isascii():
        if _FOLDABLE.search(folded):
            for letter, replacement in _FOLDS:
                if letter in folded:
                    folded = folded.replace(letter, replacement)
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return " ".join(_ALNUM_RUN.findall(folded))


class TextKeys:
    """`text_key` of the strings a list repeats (journal titles, family names),
    each worked out once; an instance lives as long as one check run."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        key = self.known.get(text)
        if key is None:
            key = self.known[text] = text_key(text)
        return key


def main_title_key(title: str | None) -> str:
    """The title key without its subtitle ("How Do We Explain Victory")."""
    text = plain(title or "")
    if not _SUBTITLE_MARKS.isdisjoint(text):
        start = _SUBTITLE_START.search(text)
        text = text[: start.start()].rstrip() if start else text
    return text_key(text)


def first_creator(ref: Reference) -> Name | None:
    """The first author, else the first editor, else the first creator."""
    editor: Name | None = None
    for creator in ref.creators:
        if creator.role == "author":
            return creator.name
        if editor is None and creator.role == "editor":
            editor = creator.name
    return editor or (ref.creators[0].name if ref.creators else None)


def first_creator_key(ref: Reference, keys: Callable[[str | None], str] = text_key) -> str:
    """The first author's (else editor's, else any creator's) family name key."""
    name = first_creator(ref)
    return keys(name.family or name.literal) if name else ""


def _url_key(url: str | None) -> str:
    return _URL_SCHEME.sub("", url.strip()).rstrip("/").lower() if url else ""


@dataclass(frozen=True, slots=True)
class Work:
    """A reference with the keys it is compared by, computed once."""

    ref: Reference
    index: int
    doi: str | None
    isbns: frozenset[str]
    title: str
    main_title: str
    container: str
    first_author: str
    year: int | None
    url: str

    @classmethod
    def of(cls, ref: Reference, index: int) -> Work:
        isbns = (isbn_key(piece) for piece in split_identifiers(ref.isbn or ""))
        return cls(
            ref=ref,
            index=index,
            doi=doi_key(ref.doi) if ref.doi else None,
            isbns=frozenset(i for i in isbns if i),
            title=text_key(ref.title),
            main_title=main_title_key(ref.title),
            container=text_key(ref.container_title),
            first_author=first_creator_key(ref),
            year=ref.issued.year if ref.issued else None,
            url=_url_key(ref.url),
        )


def works_of(references: Sequence[Reference]) -> list[Work]:
    return [Work.of(ref, index) for index, ref in enumerate(references)]


class LazyWorks:
    """The `Work` of a list position, built the first time it is asked for:
    blocking compares few references, and only those need their full keys."""

    def __init__(self, references: Sequence[Reference]) -> None:
        self.references = references
        self.built: dict[int, Work] = {}

    def __getitem__(self, index: int) -> Work:
        if index not in self.built:
            self.built[index] = Work.of(self.references[index], index)
        return self.built[index]


def work_label(work: Work) -> str:
    """A short human name for a work: "Abushov 2019, “Russian foreign policy…”"."""
    ref = work.ref
    names = ref.names("author") or ref.names("editor")
    who = names[0].family_with_particle() if names else None
    if len(names) == 2:
        who = f"{who} & {names[1].family_with_particle()}"
    elif len(names) > 2:
        who = f"{who} et al."
    year = ref.issued.year if ref.issued and ref.issued.year is not None else "n.d."
    title = plain(ref.title or "untitled")
    if len(title) > 60:
        title = title[:60].rsplit(" ", 1)[0].rstrip(" ,:;") + "…"
    where = " ".join(p for p in (plain(ref.container_title or ""), _volume_issue(ref)) if p)
    parts = [f"{who} {year}" if who else str(year), f"“{title}”"]
    return ", ".join([*parts, where] if where else parts)


def _volume_issue(ref: Reference) -> str:
    issue = f"({ref.issue})" if ref.issue else ""
    return f"{ref.volume or ''}{issue}"


# --- differences --------------------------------------------------------------


def _abbreviates(short: str, long: str) -> bool:
    """ "world polit" abbreviates "world politics": each word starts a word, in order."""
    words = iter(long.split())
    return bool(short) and all(any(w.startswith(s) for w in words) for s in short.split())


def _titles(a: Work, b: Work) -> bool:
    if not (a.title and b.title):
        return False
    if a.title == b.main_title or b.title == a.main_title:
        return False  # one of them left the subtitle out
    return fuzz.ratio(a.title, b.title) < SAME_TITLE


def _containers(a: Work, b: Work) -> bool:
    if not (a.container and b.container):
        return False
    short, long = sorted((a.container, b.container), key=len)
    if _abbreviates(short, long) or long.startswith(short):
        return False
    return fuzz.ratio(a.container, b.container) < SAME_CONTAINER


def _years(a: Work, b: Work) -> bool:
    """Online-first and issue years differ by one for one work; more is another work."""
    return a.year is not None and b.year is not None and abs(a.year - b.year) > 1


def _day_or_month(date_a: Date | None, date_b: Date | None) -> bool:
    if not (date_a and date_b and date_a.start and date_b.start):
        return False
    first, second = date_a.start, date_b.start
    if first.year != second.year or first.month is None or second.month is None:
        return False
    if first.month != second.month:
        return True
    return first.day is not None and second.day is not None and first.day != second.day


def _dates(a: Work, b: Work) -> bool:
    return _day_or_month(a.ref.issued, b.ref.issued)


def _text_field(name: str) -> Callable[[Work, Work], bool]:
    def differ(a: Work, b: Work) -> bool:
        first, second = text_key(getattr(a.ref, name)), text_key(getattr(b.ref, name))
        return bool(first and second and first != second)

    return differ


def _first_pages(a: Work, b: Work) -> bool:
    first = a.ref.page.first if a.ref.page else None
    second = b.ref.page.first if b.ref.page else None
    return bool(first and second and first.lower() != second.lower())


def _authors(a: Work, b: Work) -> bool:
    return bool(a.first_author and b.first_author and a.first_author != b.first_author)


def _languages(a: Work, b: Work) -> bool:
    first = (a.ref.language or "").split("-")[0].lower()
    second = (b.ref.language or "").split("-")[0].lower()
    return bool(first and second and first != second)


def _translators(a: Work, b: Work) -> bool:
    """A translation and its original: one has translators the other lacks."""
    first = {text_key(n.family or n.literal) for n in a.ref.names("translator")}
    second = {text_key(n.family or n.literal) for n in b.ref.names("translator")}
    return first != second


def _editions(a: Work, b: Work) -> bool:
    first = re.sub(r"\D", "", a.ref.edition or "") or text_key(a.ref.edition)
    second = re.sub(r"\D", "", b.ref.edition or "") or text_key(b.ref.edition)
    return bool(first and second and first != second)


def _isbns(a: Work, b: Work) -> bool:
    return bool(a.isbns and b.isbns and not a.isbns & b.isbns)


def _dois(a: Work, b: Work) -> bool:
    return bool(a.doi and b.doi and a.doi != b.doi)


def _urls(a: Work, b: Work) -> bool:
    return bool(a.url and b.url and a.url != b.url)


def _kinds(a: Work, b: Work) -> bool:
    """A chapter is not its book."""
    kinds = {a.ref.type, b.ref.type}
    return bool(kinds & PART_TYPES and kinds & WHOLE_TYPES)


#: What tells two works apart, named as a message lists it ("different titles").
DIFFERENCES: Final[tuple[tuple[str, Callable[[Work, Work], bool]], ...]] = (
    ("titles", _titles),
    ("containers", _containers),
    ("years", _years),
    ("dates", _dates),
    ("volumes", _text_field("volume")),
    ("issues", _text_field("issue")),
    ("pages", _first_pages),
    ("first authors", _authors),
    ("languages", _languages),
    ("translators", _translators),
    ("editions", _editions),
    ("ISBNs", _isbns),
    ("DOIs", _dois),
    ("URLs", _urls),
    ("types", _kinds),
)


def differences(a: Work, b: Work) -> list[str]:
    """What differs between two references; empty when they may be one work."""
    return [name for name, differ in DIFFERENCES if differ(a, b)]


def same_work(a: Work, b: Work) -> bool:
    """`not differences(a, b)`, stopping at the first difference."""
    return not any(differ(a, b) for _, differ in DIFFERENCES)
