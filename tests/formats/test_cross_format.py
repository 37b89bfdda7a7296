"""Across formats: BibTeX → CSL-JSON → RIS → BibTeX keeps what all three hold,
and every fixture survives the trip through every other format on those fields.

"What all three hold" is spelled out in `COMMON_FIELDS`: the fields a journal
article, book or chapter needs, which every format has a slot for.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import clean_texts, keys

import refport
from refport.model import Creator, Date, DatePart, Name, Reference, parse_pages

COMMON_TYPES = ("article-journal", "book", "chapter", "report", "thesis", "webpage")
COMMON_FIELDS = (
    "type", "title", "container_title", "volume", "issue", "publisher", "publisher_place",
    "doi", "url", "language",
)  # fmt: skip
TEXT = clean_texts("AaBbEeKkZz019.:-ČćđšžЖжДдЯяıİğşəÇöü&%$#_")
#: Name parts start with a capital: a trailing lower-case word in a given name is
#: a particle by convention ("Beethoven, Ludwig van"), which BibTeX cannot keep
#: apart from a non-dropping one (a documented limit of its single particle slot).
NAME_PART = st.lists(
    st.text("ABDEKZČĆŠŽДЖЯİÇ", min_size=1, max_size=1).flatmap(
        lambda head: st.text("aeoišđжяığşə", max_size=6).map(lambda tail: head + tail)
    ),
    min_size=1,
    max_size=2,
).map(" ".join)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def common(reference: Reference) -> tuple[object, ...]:
    """The part of a reference every format holds."""
    names = tuple(
        (c.role, c.name.literal or (c.name.family_with_particle(), c.name.given))
        for c in reference.creators
        if c.role in ("author", "editor")
    )
    issued = (
        reference.issued.start.as_tuple() if reference.issued and reference.issued.start else None
    )
    first_page = reference.page.first if reference.page else None
    return (*(getattr(reference, f) for f in COMMON_FIELDS), names, issued, first_page)


@st.composite
def common_references(draw: st.DrawFn) -> Reference:
    person = st.builds(Name, family=NAME_PART, given=NAME_PART)
    organisation = st.builds(Name, literal=TEXT)
    authors = draw(st.lists(st.one_of(person, organisation), min_size=1, max_size=3))
    editors = draw(st.lists(person, max_size=2))
    year = draw(st.integers(1900, 2025))
    month = draw(st.none() | st.integers(1, 12))
    day = draw(st.none() | st.integers(1, 28)) if month else None
    first = draw(st.integers(1, 500))
    optional = st.none() | TEXT
    return Reference(
        id=draw(keys()),
        type=draw(st.sampled_from(COMMON_TYPES)),
        title=draw(TEXT),
        container_title=draw(optional),
        volume=draw(st.none() | st.integers(1, 99).map(str)),
        issue=draw(st.none() | st.integers(1, 12).map(str)),
        publisher=draw(optional),
        publisher_place=draw(optional),
        doi=draw(st.none() | st.from_regex(r"10\.[0-9]{4,6}/[a-z0-9.]{1,12}", fullmatch=True)),
        url=draw(st.none() | st.from_regex(r"https://example\.org/[a-z0-9]{1,10}", fullmatch=True)),
        language=draw(st.none() | st.sampled_from(("en", "ru", "sr-Latn", "tr"))),
        creators=tuple(Creator("author", n) for n in authors)
        + tuple(Creator("editor", n) for n in editors),
        issued=Date(start=DatePart(year, month, day)),
        page=parse_pages(f"{first}–{first + draw(st.integers(0, 50))}"),
    )


def through(references: list[Reference], *formats: str) -> list[Reference]:
    for name in formats:
        result = refport.loads(refport.dumps(references, name), name)
        assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
        references = result.references
    return references


@settings(max_examples=40, deadline=None)
@given(common_references())
def test_bibtex_csljson_ris_bibtex_keeps_the_common_fields(reference: Reference) -> None:
    start = through([reference], "bibtex")
    end = through(start, "csljson", "ris", "bibtex")
    assert [common(r) for r in end] == [common(r) for r in start] == [common(reference)]


SEEDS = sorted((FIXTURES / "seeds").glob("*.csl.json"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
@pytest.mark.parametrize(
    "chain", [("bibtex",), ("ris",), ("zotero",), ("bibtex", "ris", "csljson")]
)
def test_seed_fixtures_survive_other_formats(path: Path, chain: tuple[str, ...]) -> None:
    original = refport.load(path).references
    assert original, path
    assert [common(r) for r in through(original, *chain)] == [common(r) for r in original]
