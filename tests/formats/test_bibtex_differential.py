"""The fast BibTeX reader gives exactly what the pybtex reference path gives:
the same references (origins included) and the same diagnostics, in the same
order, on every fixture and on generated BibTeX, well-formed or not."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refport.diagnostics import Diagnostic
from refport.formats import bibtex, bibtex_encode, bibtex_names, bibtex_parse
from refport.formats.bibtex_latex import (
    clear_decode_caches,
    decode_plain,
    decode_rich,
    decode_slow,
)
from refport.formats.bibtex_names import split_names
from refport.model import Name, Reference
from refport.textio import decode

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
BIB_FIXTURES = sorted(FIXTURES.glob("**/*.bib"))

Item = tuple[Reference, object] | Diagnostic


def items(text: str | io.StringIO, parser: str) -> list[Item]:
    """What a read yields, with each reference's origin (equality leaves it out)."""
    return [
        (item, item.origin) if isinstance(item, Reference) else item
        for item in bibtex.read(text, filename="t.bib", parser=parser)
    ]


def assert_same_reading(text: str) -> None:
    reference = items(text, "pybtex")
    assert items(text, "fast") == reference
    assert items(io.StringIO(text, newline=None), "fast") == reference


# --- fixtures ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", BIB_FIXTURES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_fixture_reads_the_same_through_both_parsers(path: Path) -> None:
    text, _ = decode(path.read_bytes(), str(path))
    assert text is not None
    assert_same_reading(text)


def test_there_are_bib_fixtures_to_compare() -> None:
    assert len(BIB_FIXTURES) >= 5


# --- the fast path is taken, and only when it may be -------------------------------------


@pytest.fixture
def pybtex_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The chunks handed to pybtex."""
    calls: list[str] = []
    original = bibtex_parse.ChunkParser._attempt

    def counting(self: bibtex_parse.ChunkParser, text: str, skipped: list[str]) -> object:
        calls.append(text)
        return original(self, text, skipped)

    monkeypatch.setattr(bibtex_parse.ChunkParser, "_attempt", counting)
    return calls


PLAIN = (
    "% exported\n\n@article{a,\n  author = {Kim, M. Hakan and {World Health Organization}},\n"
    '  title = {The {DNA} of {\\v{Z}}ivojinovi{\\\'c}},\n  journal = "Politics",\n'
    "  year = 2020,\n  month = nov,\n}\n\n@book{b, title={B}}\n"
)


def test_plain_entries_never_reach_pybtex(pybtex_calls: list[str]) -> None:
    references = [i for i in bibtex.read(PLAIN) if isinstance(i, Reference)]
    assert [r.id for r in references] == ["a", "b"]
    assert pybtex_calls == []


@pytest.mark.parametrize(
    "unusual",
    [
        '@string{P = "Politics"}\n@article{a, journal = P}\n',  # a macro defined in the file
        "@article{a, title = {A} # {B}}\n",  # concatenation
        "@article(a, title = {A})\n",  # parentheses
        "@article{a, title = {A}\n",  # never closed
        "@article{a, title = undefined}\n",  # an undefined macro
        "@article{a, title = {A}} trailing text @misc{b,}\n",  # text after the entry
        "@article{a, title = {{{{{{{{{{deep}}}}}}}}}}}\n",  # deeper than the fast path reads
    ],
)
def test_unusual_entries_go_to_pybtex(unusual: str, pybtex_calls: list[str]) -> None:
    list(bibtex.read(unusual))
    assert pybtex_calls != []
    assert_same_reading(unusual)


def test_an_unknown_parser_is_refused() -> None:
    with pytest.raises(ValueError, match="fast or pybtex"):
        list(bibtex.read("", parser="pybtex2"))


# --- generated BibTeX -----------------------------------------------------------------------

FIELD_NAMES = st.sampled_from(
    ["author", "Title", "journal", "year", "month", "pages", "note", "doi", "crossref",
     "x-y", "title_ru-Latn", "author+an:orcid", "editor", "date", "keywords"]
)  # fmt: skip
#: Includes whitespace only some readers treat as such (form feed, U+2028, NEL).
TEXT = st.text(alphabet='ab Z{}"\\,=@#%\n\t~$é(-)\x0c\u2028\x85', max_size=14)
VALUES = st.one_of(
    TEXT.map(lambda t: "{" + t + "}"),
    TEXT.map(lambda t: '"' + t + '"'),
    st.from_regex(r"[0-9]{1,4}", fullmatch=True),
    st.sampled_from(["jan", "nov", "EEP", "undefined", "{}", '""', "{a {b {c}} d}"]),
    st.tuples(TEXT, TEXT).map(lambda p: "{" + p[0] + "} # {" + p[1] + "}"),
    TEXT,
)
SPACE = st.sampled_from(["", " ", "\n", "  ", "\t", "\n  ", "\x0c", "\u2028"])


@st.composite
def entries(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["article", "book", "Misc", "xdata", "foo", "string", "comment"]))
    opener, closer = draw(st.sampled_from([("{", "}"), ("{", "}"), ("(", ")"), ("{", "")]))
    key = draw(st.sampled_from(["k1", "k2", "K1", "a b", "", "x{y", "k3"]))
    fields = [
        draw(FIELD_NAMES) + draw(SPACE) + "=" + draw(SPACE) + draw(VALUES)
        for _ in range(draw(st.integers(0, 4)))
    ]
    separator = draw(st.sampled_from([",", ",\n  ", ",,", " "]))
    body = key + "," + draw(SPACE) + separator.join(fields) + draw(st.sampled_from(["", ","]))
    return draw(SPACE) + "@" + kind + opener + body + draw(SPACE) + closer


PLAIN_TEXT = st.text(alphabet="ab Z,=@#%\n\t~$é(-)\\'", max_size=10)
BALANCED = st.recursive(
    PLAIN_TEXT, lambda inner: st.lists(inner.map(lambda t: "{" + t + "}") | inner, max_size=3)
    .map("".join), max_leaves=6
)  # fmt: skip
CLEAN_VALUES = st.one_of(
    BALANCED.map(lambda t: "{" + t + "}"),
    BALANCED.map(lambda t: '"' + t.replace('"', "") + '"'),
    st.from_regex(r"[0-9]{1,4}", fullmatch=True),
    st.sampled_from(["jan", "NOV", "EEP"]),
)


@st.composite
def clean_entries(draw: st.DrawFn) -> str:
    """Well-formed entries, the kind the fast path takes (or nearly)."""
    kind = draw(st.sampled_from(["article", "book", "inproceedings", "xdata", "misc"]))
    key = draw(st.from_regex(r"[A-Za-z][A-Za-z0-9:_-]{0,6}", fullmatch=True))
    fields = [
        draw(FIELD_NAMES) + draw(SPACE) + "=" + draw(SPACE) + draw(CLEAN_VALUES)
        for _ in range(draw(st.integers(0, 5)))
    ]
    trailing = draw(st.sampled_from(["", ",", "\n", " % x\n", "\n% note\n\n"]))
    return f"@{kind}{{{key},\n  " + ",\n  ".join(fields) + draw(SPACE) + "}" + trailing


BETWEEN = st.sampled_from(
    ["\n", "\n\n", "% a comment @article{no,}\n", "junk text ", "@string{EEP = {East}}\n",
     "@comment{x}\n", "@preamble{{p}}\n", "  % indented comment\n", "}\n", "\x0c% x\n",
     "\u2028\n", " \x85 \n"]
)  # fmt: skip
DOCUMENTS = st.lists(
    st.one_of(clean_entries(), clean_entries(), entries(), BETWEEN), max_size=8
).map("".join)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS, st.booleans())
def test_generated_bibtex_reads_the_same_through_both_parsers(text: str, crlf: bool) -> None:
    assert_same_reading(text.replace("\n", "\r\n") if crlf else text)


@pytest.mark.slow
@settings(max_examples=3000, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS, st.booleans())
def test_generated_bibtex_reads_the_same_through_both_parsers_at_length(
    text: str, crlf: bool
) -> None:
    assert_same_reading(text.replace("\n", "\r\n") if crlf else text)


# --- the shortcuts inside the mapping and the writer --------------------------------------

LATEX_TEXT = st.text(alphabet="ab -'`~{}$\\ \u00a0é", max_size=24)


@given(LATEX_TEXT)
def test_decoding_shortcuts_give_what_the_full_decoder_gives(text: str) -> None:
    clear_decode_caches()
    assert decode_rich(text) == decode_slow(text, rich=True)
    assert decode_plain(text) == decode_slow(text, rich=False)


@given(st.lists(st.sampled_from(["a", " and ", " AnD ", " ", "and", "{", "}", "x y", "\t"]),
                max_size=12).map("".join))  # fmt: skip
def test_splitting_names_gives_what_pybtex_gives(text: str) -> None:
    from pybtex.bibtex.utils import split_name_list

    assert split_names(text) == [part.strip() for part in split_name_list(text)]


WRITTEN_TEXT = st.text(alphabet="ab -'`~{}$\\ \u00a0é<>&%#_^\t\u2009", max_size=16)
WRITTEN_TEXT |= st.sampled_from(["<i>a</i>", '<span class="nocase">x</span>', "a<sup>2</sup>"])


@given(WRITTEN_TEXT, st.booleans(), st.booleans())
def test_writing_shortcuts_give_what_the_full_encoder_gives(
    text: str, ascii_only: bool, rich: bool
) -> None:
    unencodable: list[str] = []
    if rich:
        pieces = bibtex_encode._rich_pieces(text, ascii_only, unencodable, {})
    else:
        pieces = bibtex_encode._text_pieces(text, ascii_only, unencodable)
    encoded = bibtex_encode.encode(text, ascii_only=ascii_only, rich=rich)
    assert (encoded.latex, encoded.unencodable) == (bibtex_encode.join_pieces(pieces), unencodable)


NAME_PARTS = st.none() | st.text(alphabet="ab ,-{}\\é\tand", max_size=8)


@given(NAME_PARTS, NAME_PARTS, st.none() | st.just("van"), st.none() | st.just("Jr."),
       st.booleans())  # fmt: skip
def test_writing_a_plain_name_directly_gives_what_the_general_path_gives(
    family: str | None, given: str | None, particle: str | None, suffix: str | None,
    ascii_only: bool,
) -> None:  # fmt: skip
    name = Name(family=family, given=given, non_dropping_particle=particle, suffix=suffix)
    fast: list[str] = []
    general: list[str] = []
    assert bibtex_names.format_name(name, ascii_only, fast) == bibtex_names._format_any_name(
        name, ascii_only, general
    )
    assert fast == general


def _lines(text: str) -> Iterator[str]:
    yield from io.StringIO(text, newline=None)


def test_a_stream_of_lines_reads_like_the_whole_text() -> None:
    text = PLAIN + "@article{c, title = {C}\n@misc{d,}\n"
    whole = items(text, "fast")
    streamed = [
        (i, i.origin) if isinstance(i, Reference) else i
        for i in bibtex.read(_lines(text), filename="t.bib")  # type: ignore[arg-type]
    ]
    assert streamed == whole
