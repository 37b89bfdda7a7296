"""BibTeX properties: whatever the model holds that BibTeX can carry comes back
unchanged through write -> read, in both dialects and in ASCII mode; reading
and decoding never raise, whatever the text."""

from __future__ import annotations

import io
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from refport.diagnostics import Diagnostic
from refport.formats import bibtex
from refport.formats.base import WriteOptions
from refport.formats.bibtex_encode import encode, rich_tokens
from refport.formats.bibtex_fields import EXTRA_AFTER, EXTRA_BEFORE, date_text
from refport.formats.bibtex_latex import decode_plain, decode_rich
from refport.model import (
    DATE_FIELDS,
    STRING_FIELDS,
    Creator,
    Name,
    NameVariant,
    Reference,
    parse_date,
)
from strategies import ALPHABET, TAGS, Holds, clean_texts, keys, orcids, references, rich_texts

DIALECTS = st.sampled_from(["bibtex", "biblatex"])


def no_nested_nocase(text: str) -> bool:
    """Nested nocase spans mean what one means; BibTeX keeps one (documented)."""
    stack: list[str] = []
    for kind, tag in rich_tokens(text):
        if kind == "open":
            if tag == "nocase" and "nocase" in stack:
                return False
            stack.append(tag)
        elif kind == "close":
            stack.pop()
    return True


#: What BibTeX carries: everything but dropping particles and name variants
#: drawn freely (both have their own properties below); particles are tested
#: with the lower-case words BibTeX recognises as particles.
HOLDS_BIBTEX = Holds(
    name_parts=("family", "given", "suffix"),
    name_variants=False,
    variant_fields=tuple(f for f in STRING_FIELDS if f not in ("doi", "url", "language")),
    rich_text=rich_texts().filter(no_nested_nocase),
)


def read_back(reference: Reference, dialect: str, ascii_only: bool) -> list[Reference | Diagnostic]:
    out = io.StringIO()
    bibtex.write([reference], out, WriteOptions(dialect=dialect, ascii=ascii_only))
    return list(bibtex.read(out.getvalue()))


def without_raw_dates(reference: Reference) -> Reference:
    """`Date.raw` is the source spelling; BibTeX writes ISO text instead."""
    changes = {
        name: replace(value, raw=None)
        for name in DATE_FIELDS
        if (value := getattr(reference, name)) is not None
    }
    return reference.with_changes(**changes)


def dates_bibtex_can_spell(reference: Reference) -> bool:
    """parse_date cannot read every date back from text (a 5-digit-year range,
    a literal that looks like a date): those are the model's, not BibTeX's."""
    for name in DATE_FIELDS:
        value = getattr(reference, name)
        if value is not None and replace(parse_date(date_text(value)), raw=None) != replace(
            value, raw=None
        ):
            return False
    return True


def assert_same(reference: Reference, items: list[Reference | Diagnostic]) -> None:
    errors = [i for i in items if isinstance(i, Diagnostic) and i.severity == "error"]
    back = [i for i in items if isinstance(i, Reference)]
    assert errors == [] and len(back) == 1
    assert without_raw_dates(back[0]) == without_raw_dates(reference)


@given(references(HOLDS_BIBTEX).filter(dates_bibtex_can_spell), DIALECTS, st.booleans())
def test_model_write_read_returns_the_same_model(
    reference: Reference, dialect: str, ascii_only: bool
) -> None:
    assert_same(reference, read_back(reference, dialect, ascii_only))


# --- names --------------------------------------------------------------------------------

PARTICLES = st.sampled_from(("van", "von", "de la", "van der", "di", "ter"))
WORDS = clean_texts(ALPHABET)


def in_tag_order(tags: list[str]) -> list[str]:
    """Every name lists its variants in one shared order (the parallel lists'
    order); names that disagree cannot all be written back in their order."""
    return sorted(tags, key=TAGS.index)


@st.composite
def people(draw: st.DrawFn) -> Name:
    variants = tuple(
        NameVariant(tag, family=draw(WORDS), given=draw(st.none() | WORDS))
        if draw(st.booleans())
        else NameVariant(tag, literal=draw(WORDS))
        for tag in draw(st.lists(st.sampled_from(TAGS), unique=True, max_size=2).map(in_tag_order))
    )
    if draw(st.integers(0, 4)) == 0:
        return Name(literal=draw(WORDS), orcid=draw(st.none() | orcids()), variants=variants)
    return Name(
        family=draw(WORDS),
        given=draw(st.none() | WORDS),
        non_dropping_particle=draw(st.none() | PARTICLES),
        suffix=draw(st.none() | st.sampled_from(("Jr.", "III", "Sr."))),
        orcid=draw(st.none() | orcids()),
        variants=variants,
    )


@given(st.lists(people(), min_size=1, max_size=4), DIALECTS, st.booleans(), st.booleans())
def test_names_with_particles_suffixes_variants_and_orcids_round_trip(
    names: list[Name], dialect: str, ascii_only: bool, others: bool
) -> None:
    extra = (("bibtex:(others)", "author"),) if others else ()
    reference = Reference("k", creators=tuple(Creator("author", n) for n in names), extra=extra)
    assert_same(reference, read_back(reference, dialect, ascii_only))


# --- extras -----------------------------------------------------------------------------------

BALANCED = st.recursive(
    st.text(alphabet=ALPHABET.replace("{", "").replace("}", ""), max_size=8),
    lambda inner: st.lists(inner.map(lambda t: "{" + t + "}") | inner, max_size=3).map("".join),
    max_leaves=5,
)


@st.composite
def bibtex_extras(draw: st.DrawFn) -> tuple[tuple[str, str], ...]:
    """Kept comments and unknown fields, in the order the reader lists them."""
    before = draw(st.lists(BALANCED.map(lambda t: "@comment{" + t + "}"), max_size=2))
    names = draw(st.lists(st.from_regex(r"x-[a-z]{1,6}", fullmatch=True), unique=True, max_size=3))
    after = draw(st.lists(BALANCED.map(lambda t: "@preamble{{" + t + "}}"), max_size=2))
    return (
        *((EXTRA_BEFORE, text) for text in before),
        *((f"bibtex:{name}", draw(BALANCED)) for name in names),
        *((EXTRA_AFTER, text) for text in after),
    )


@given(keys(), bibtex_extras(), DIALECTS)
def test_unknown_fields_and_kept_comments_round_trip(
    key: str, extra: tuple[tuple[str, str], ...], dialect: str
) -> None:
    reference = Reference(key, title="T", extra=extra)
    assert_same(reference, read_back(reference, dialect, False))


# --- text --------------------------------------------------------------------------------------


@given(rich_texts(clean_texts(ALPHABET + "<>")).filter(no_nested_nocase), st.booleans())
def test_rich_text_encodes_to_latex_that_decodes_to_the_same_text(
    text: str, ascii_only: bool
) -> None:
    encoded = encode(text, ascii_only=ascii_only, rich=True)
    assert decode_rich(encoded.latex) == text
    assert not ascii_only or encoded.latex.isascii() or encoded.unencodable


@given(clean_texts(ALPHABET), st.booleans())
def test_plain_text_encodes_to_latex_that_decodes_to_the_same_text(
    text: str, ascii_only: bool
) -> None:
    assert decode_plain(encode(text, ascii_only=ascii_only, rich=False).latex) == text


BIBTEX_SOUP = st.lists(
    st.sampled_from(
        ("@article{", "@string{", "@comment{", "@preamble{", "@xdata{", "@book(", "k1,", "k2",
         " = ", "{", "}", "(", ")", '"', "#", ",", "\n", " ", "author", "title",
         "crossref = {k2}", "xdata = {k1}", " and ", "others", "\\", "\\v", '\\"', "$", "%",
         "~", "--", "{\\aa}", "month = nov", "year", "date", "Ž", "_ru-Latn", "+an:orcid",
         '1="x"', "editora", "editoratype", "{{X Y}}", "van", ", Jr.,")
    )
    | st.text(max_size=3),
    max_size=40,
).map("".join)  # fmt: skip


@given(BIBTEX_SOUP)
def test_reading_any_text_never_raises(text: str) -> None:
    for item in bibtex.read(text, filename="soup.bib"):
        assert isinstance(item, Reference | Diagnostic)


@given(st.text())
def test_decoding_any_text_never_raises(text: str) -> None:
    decode_rich(text)
    decode_plain(text)
    encode(text, ascii_only=True, rich=True)
