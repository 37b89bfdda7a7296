"""Field by field, then the verdict: the same work, the same work with some
fields differing, or a different work altogether.

The title decides first. A title that disagrees can still be the same work
when the first author and at least two of year, journal, volume and first
page agree (the reference cites a translated title, say); anything else under
a disagreeing title is a different work: the DOI points elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal

from rapidfuzz import fuzz

from refport.model import Reference
from refport.online.compare import (
    CONTAINER_CLOSE,
    NAME_CLOSE,
    ROMAN,
    ROMAN_VALUES,
    TITLE_CLOSE,
    TITLE_SAME,
    YEAR_TOLERANCE,
    FieldComparison,
    Registered,
    Verdict,
    best_title_similarity,
    has_cyrillic,
    normalize_text,
    person_name,
    scheme_ids,
    with_romanizations,
)
from refport.translit import matches, romanize

Kind = Literal["same", "differs", "mismatch"]
#: Fields besides the title and the author that can vouch for the same work.
CORROBORATING: Final = ("issued", "container_title", "volume", "page")
MIN_CORROBORATING: Final = 2


@dataclass(frozen=True, slots=True)
class Judgement:
    kind: Kind
    comparisons: tuple[FieldComparison, ...]

    def field(self, name: str) -> FieldComparison:
        return next(c for c in self.comparisons if c.field == name)

    @property
    def reportable(self) -> tuple[FieldComparison, ...]:
        return tuple(c for c in self.comparisons if c.reportable)

    @property
    def disagreeing(self) -> tuple[FieldComparison, ...]:
        return tuple(c for c in self.comparisons if c.verdict == "different")


# --- one field each -------------------------------------------------------------------


def _cited_titles(ref: Reference) -> list[str]:
    titles = [ref.title, ref.title_short, ref.original_title]
    titles += [v.value for v in ref.variants if v.field in ("title", "original_title")]
    return [t for t in titles if t]


def compare_title(ref: Reference, work: Registered) -> FieldComparison:
    cited = _cited_titles(ref)
    if not cited or not work.titles:
        return FieldComparison("title", "title", "absent", ref.title, work.title)
    ours = with_romanizations(cited, ref.language)
    theirs = with_romanizations(work.titles, work.language or ref.language)
    score = best_title_similarity(ours, theirs)
    verdict: Verdict = (
        "same" if score >= TITLE_SAME else "close" if score >= TITLE_CLOSE else "different"
    )
    translated = _looks_translated(ref, work, cited, work.titles)
    return FieldComparison(
        "title", "title", verdict, ref.title or cited[0], work.title, tolerated=translated
    )


def _looks_translated(
    ref: Reference, work: Registered, cited: list[str], titles: tuple[str, ...]
) -> bool:
    """Different script or language on the two sides: a translated title, not an error."""
    if has_cyrillic(cited[0]) != has_cyrillic(titles[0]):
        return True
    ours, theirs = (
        (ref.language or "").split("-")[0].lower(),
        (work.language or "").split("-")[0].lower(),
    )
    return bool(ours and theirs and ours != theirs)


def _first_name(ref: Reference) -> str | None:
    people = ref.names("author") or ref.names("editor")
    return people[0].family_with_particle() if people else None


def _family_verdict(cited: str, registered: str, language: str | None) -> Verdict:
    a, b = normalize_text(cited), normalize_text(registered)
    if not a or not b:
        return "absent"
    if a == b or a.split()[-1:] == b.split() or b.split()[-1:] == a.split():
        return "same"  # "Van Gils" / "Gils" with its particle apart
    if has_cyrillic(cited) != has_cyrillic(registered):
        cyrillic, latin = (cited, registered) if has_cyrillic(cited) else (registered, cited)
        schemes = scheme_ids(language)
        if matches(cyrillic, latin, schemes).matched:
            return "same"
        a = max(
            (normalize_text(romanize(cyrillic, s)) for s in schemes),
            key=lambda r: fuzz.ratio(r, normalize_text(latin)),
        )
        b = normalize_text(latin)
    return "close" if fuzz.ratio(a, b) >= NAME_CLOSE else "different"


def compare_author(ref: Reference, work: Registered) -> FieldComparison:
    cited = _first_name(ref)
    registered = person_name(work.authors[0]) if work.authors else None
    if not cited or not registered:
        return FieldComparison("author", "first author", "absent", cited, registered)
    verdict = _family_verdict(cited, registered, ref.language)
    return FieldComparison("author", "first author", verdict, cited, registered)


def compare_year(ref: Reference, work: Registered) -> FieldComparison:
    cited = ref.issued.year if ref.issued else None
    registered = str(work.year) if work.year is not None else None
    if cited is None or not work.years:
        return FieldComparison("issued", "year", "absent", _str(cited), registered)
    near = any(abs(cited - y) <= YEAR_TOLERANCE for y in work.years)
    verdict: Verdict = "same" if near else "different"
    return FieldComparison("issued", "year", verdict, str(cited), registered)


def _container_verdict(a: str, b: str) -> Verdict:
    x, y = normalize_text(a).removeprefix("the "), normalize_text(b).removeprefix("the ")
    if not x or not y:
        return "absent"
    shorter, longer = sorted((x, y), key=len)
    if x == y or longer.startswith(shorter + " "):
        return "same"  # "Politički život" / "Politički život – Časopis za analizu politike"
    return "close" if fuzz.ratio(x, y) >= CONTAINER_CLOSE else "different"


RANK: Final[dict[str, int]] = {"same": 3, "close": 2, "different": 1, "absent": 0}


def compare_container(ref: Reference, work: Registered) -> FieldComparison:
    cited = [ref.container_title, ref.container_title_short]
    cited += [v.value for v in ref.variants if v.field == "container_title"]
    ours = [c for c in cited if c]
    if not ours or not work.containers:
        return FieldComparison(
            "container_title", "journal", "absent", ref.container_title, _first(work.containers)
        )
    verdicts = [_container_verdict(a, b) for a in ours for b in work.containers]
    verdict = max(verdicts, key=RANK.__getitem__)
    return FieldComparison("container_title", "journal", verdict, ours[0], work.containers[0])


def _number(text: str) -> str:
    value = normalize_text(text).removeprefix("vol ").removeprefix("volume ").strip()
    if ROMAN.match(value):
        return str(_roman(value))
    return value.lstrip("0") or value


def _roman(text: str) -> int:
    values = [ROMAN_VALUES[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _exact(field: str, label: str, cited: str | None, registered: str | None) -> FieldComparison:
    if not cited or not registered:
        return FieldComparison(field, label, "absent", cited, registered)
    verdict: Verdict = "same" if _number(cited) == _number(registered) else "different"
    return FieldComparison(field, label, verdict, cited, registered)


def compare_volume(ref: Reference, work: Registered) -> FieldComparison:
    return _exact("volume", "volume", ref.volume, work.volume)


def compare_page(ref: Reference, work: Registered) -> FieldComparison:
    return _exact("page", "first page", ref.page.first if ref.page else None, work.first_page)


COMPARISONS: Final[tuple[Callable[[Reference, Registered], FieldComparison], ...]] = (
    compare_title, compare_author, compare_year, compare_container, compare_volume, compare_page,
)  # fmt: skip


# --- the verdict ------------------------------------------------------------------------


def _same_work(
    title: FieldComparison, author: FieldComparison, others: list[FieldComparison]
) -> bool:
    agreeing = sum(c.agrees for c in others)
    against = sum(c.verdict == "different" for c in others)
    if title.agrees:
        return author.verdict != "different" or agreeing >= MIN_CORROBORATING
    if title.verdict == "different":
        return author.agrees and agreeing >= MIN_CORROBORATING
    return author.verdict != "different" and against < MIN_CORROBORATING


def judge(ref: Reference, record: dict[str, Any]) -> Judgement:
    work = Registered.from_csl(record)
    comparisons = tuple(compare(ref, work) for compare in COMPARISONS)
    by_field = {c.field: c for c in comparisons}
    others = [by_field[f] for f in CORROBORATING]
    if not _same_work(by_field["title"], by_field["author"], others):
        return Judgement("mismatch", comparisons)
    kind: Kind = "differs" if any(c.reportable for c in comparisons) else "same"
    return Judgement(kind, comparisons)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _first(values: tuple[str, ...]) -> str | None:
    return values[0] if values else None
