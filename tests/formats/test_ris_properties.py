"""RIS properties: any model the format holds survives a write and a read;
the reader never raises; the speed shortcuts of the reader and writer give
what the general code gives."""

from __future__ import annotations

import io
import re
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from tests.formats.ris_helpers import read_all, round_trip, write_all

from refport.diagnostics import Diagnostic
from refport.formats import ris
from refport.formats.ris_lines import BARE_ER, TAG_LINE, split_lines, tag_line
from refport.formats.ris_read import _page_range
from refport.formats.ris_values import format_name, name_parts, name_survives, parse_name
from refport.model import CREATOR_ROLES, Creator, Date, Name, NameVariant, Reference, parse_pages
from strategies import ALPHABET, EVERYTHING, clean_texts, orcids, references

# --- model -> RIS -> model ------------------------------------------------------------------


def _capitalised(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] if w[:1].islower() else w for w in text.split(" "))


#: What RIS holds: person names without commas or particles (particles are
#: tested below), no name variants with both a literal and parts, no literal
#: dates (tested above), and "ris:" extras with tags no type maps.
RIS_TEXT = clean_texts(ALPHABET.replace(",", "").replace("/", "")).map(_capitalised)
HOLDS_RIS = replace(
    EVERYTHING,
    name_parts=("family", "given", "suffix"),
    name_variants=False,
    date_literals=False,
    text=RIS_TEXT,
    extra=st.lists(
        st.tuples(st.sampled_from(("ris:ZZ", "ris:C7", "ris:LB", "ris:AD")), RIS_TEXT)
    ).map(tuple),
)


def canonical(reference: Reference) -> Reference:
    """What a RIS round trip keeps: dates without their source text, variants
    in any order, only the RIS extras."""
    dates = {
        name: replace(date, raw=None)
        for name in ("issued", "accessed", "original_date", "event_date")
        if isinstance(date := getattr(reference, name), Date)
    }
    return reference.with_changes(
        variants=tuple(sorted(reference.variants, key=lambda v: (v.field, v.tag, v.value))),
        extra=tuple((k, v) for k, v in reference.extra if k.startswith("ris:")),
        **dates,
    )


def _fits_parse_date(reference: Reference) -> bool:
    """`parse_date` reads "20021/2020" as a literal: ranges need 4-digit years."""
    for name in ("issued", "accessed", "original_date", "event_date"):
        date = getattr(reference, name)
        if (
            isinstance(date, Date)
            and date.end is not None
            and date.start is not None
            and not all(0 <= y <= 9999 for y in (date.start.year, date.end.year))
        ):
            return False
    return True


@given(references(HOLDS_RIS).filter(_fits_parse_date))
def test_model_written_and_read_back_is_the_same_model(reference: Reference) -> None:
    text, diagnostics = write_all([reference])
    assert diagnostics == []
    again, problems = read_all(text)
    assert problems == [] and len(again) == 1
    assert canonical(again[0]) == canonical(reference)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzčšžıəöü", min_size=1, max_size=6)
CAPITAL = st.builds(lambda head, tail: head + tail, st.sampled_from("ABDŽČİƏÖДЖΣ"), WORD)


@st.composite
def particle_names(draw: st.DrawFn) -> Name:
    given_name = draw(st.none() | CAPITAL)
    return Name(
        family=draw(CAPITAL),
        given=given_name,
        non_dropping_particle=draw(st.none() | st.sampled_from(("van", "de la", "von", "dos"))),
        dropping_particle=draw(st.none() | st.sampled_from(("van", "de"))) if given_name else None,
        suffix=draw(st.none() | st.sampled_from(("Jr.", "III"))),
        orcid=draw(st.none() | orcids()),
        variants=tuple(
            NameVariant(tag, literal=text) if literal else NameVariant(tag, text, draw(CAPITAL))
            for tag, literal, text in draw(
                st.lists(
                    st.tuples(st.sampled_from(("en", "ru-Latn")), st.booleans(), CAPITAL),
                    max_size=2,
                )
            )
        ),
    )


@given(st.lists(particle_names(), min_size=1, max_size=3), st.sampled_from(CREATOR_ROLES))
def test_names_with_particles_and_variants_round_trip(names: list[Name], role: str) -> None:
    reference = Reference("a", "book", creators=tuple(Creator(role, n) for n in names))
    assert write_all([reference])[1] == []
    assert round_trip(reference) == reference


@given(st.text())
def test_the_reader_never_raises_on_arbitrary_text(text: str) -> None:
    for item in ris.read(text):
        assert isinstance(item, Reference | Diagnostic)


@given(st.text(alphabet="TYERAUPDI -\r\n\ufeff0123456789/:,", max_size=200))
def test_the_reader_never_raises_on_ris_like_text(text: str) -> None:
    items = list(ris.read(io.StringIO(text)))
    assert all(i.line is not None for i in items if isinstance(i, Diagnostic))


# --- the speed shortcuts agree with the general code ----------------------------------------

LINE_PIECES = st.sampled_from(
    ["TY", "AU", "A1", "ER", "T2", "ty", "  - ", " - ", "\t- ", "  -", "-", " ", "\t", "x",
     "Smith, J", "\ufeff", "\r", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028",
     "\xa0", ":"]
)  # fmt: skip
LINE_TEXT = st.lists(LINE_PIECES, max_size=12).map("".join)


@given(LINE_TEXT)
def test_lines_split_at_cr_and_lf_only(text: str) -> None:
    assert split_lines(text) == re.split(r"\r\n|\r|\n", text)


@given(LINE_TEXT.filter(lambda t: "\r" not in t and "\n" not in t))
def test_the_tag_line_shortcut_reads_what_the_pattern_reads(text: str) -> None:
    match = TAG_LINE.match(text)
    expected = (match.group(1), match.group(2)) if match else None
    if expected is None and BARE_ER.match(text):
        expected = ("ER", "")
    assert tag_line(text) == expected


DIGITS = st.text(alphabet="0123456789\u0661\u0662\uff11", min_size=1, max_size=4)


@given(DIGITS, DIGITS)
def test_the_page_range_shortcut_gives_what_parse_pages_gives(first: str, last: str) -> None:
    assert _page_range(f"{first}-{last}", first, last) == parse_pages(f"{first}-{last}")


NAME_TEXT = st.lists(
    st.sampled_from(["van", "de", "Gils", "Eske", "Jr.", ",", ", ", " ", "\t", "\xa0", "é", "A"]),
    max_size=8,
).map("".join)


@given(NAME_TEXT)
def test_name_parts_are_the_parts_parse_name_reads(text: str) -> None:
    name = parse_name(text)
    assert name_parts(text) == (
        name.family, name.given, name.dropping_particle, name.non_dropping_particle,
        name.suffix, name.literal,
    )  # fmt: skip


@given(st.builds(Name, NAME_TEXT, NAME_TEXT, st.none(), st.none(), st.none() | NAME_TEXT))
def test_name_survives_says_whether_format_then_parse_keeps_the_parts(name: Name) -> None:
    again = parse_name(format_name(name))
    fields = ("family", "given", "dropping_particle", "non_dropping_particle", "suffix", "literal")
    same = all((getattr(again, f) or None) == (getattr(name, f) or None) for f in fields)
    assert name_survives(name) == same
