"""The BibTeX writer's shortcuts give what encoding one character at a time gives.

`_text_pieces` takes runs of ordinary characters as one piece, and `encode`
writes rich text whose only markup is nocase spans without tokenising it;
both must give the same LaTeX as the per-character encoder they replace
(kept here as the reference).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from refport.formats import bibtex_encode
from refport.formats.bibtex_latex import math_end, unknown_command_end

CHARS = "ab -'`~{}$\\ \u00a0é<>&%#_^\t\n\u2009Ж"
TEXT = st.text(alphabet=CHARS, max_size=24) | st.lists(
    st.sampled_from(["--", "---", "``", "''", "\\foo", "\\foo{x}", "$x$", "\\'e", "a b", "-", "'"]),
    max_size=8,
).map("".join)


def per_character_pieces(text: str, ascii_only: bool, unencodable: list[str]) -> list[str]:
    """The encoder before runs: one piece per character, command or math."""
    pieces: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and (end := unknown_command_end(text, index)) is not None:
            pieces.append(bibtex_encode._Verbatim(text[index:end]))
            index = end
            continue
        if char == "$" and (end := math_end(text, index)) is not None:
            math = text[index:end]
            if ascii_only and not math.isascii():
                unencodable.extend(c for c in math if not c.isascii())
            pieces.append(math)
            index = end
            continue
        pieces.append(bibtex_encode._encode_char(char, ascii_only, unencodable))
        index += 1
    return pieces


@given(TEXT, st.booleans())
def test_runs_give_what_single_characters_give(text: str, ascii_only: bool) -> None:
    by_run: list[str] = []
    by_char: list[str] = []
    written = bibtex_encode.join_pieces(bibtex_encode._text_pieces(text, ascii_only, by_run))
    expected = bibtex_encode.join_pieces(per_character_pieces(text, ascii_only, by_char))
    assert (written, by_run) == (expected, by_char)


@given(TEXT, st.booleans())
def test_name_runs_give_what_single_characters_give(text: str, ascii_only: bool) -> None:
    by_run: list[str] = []
    by_char: list[str] = []
    run_pieces = bibtex_encode._text_pieces(text, ascii_only, by_run, name=True)
    char_pieces = per_character_pieces(text, ascii_only, by_char)
    unsplittable = bibtex_encode._unsplittable
    written = bibtex_encode.join_pieces([unsplittable(p) for p in run_pieces])
    expected = bibtex_encode.join_pieces([unsplittable(p) for p in char_pieces])
    assert (written, by_run) == (expected, by_char)


NOCASE = '<span class="nocase">'
RICH = st.lists(
    st.sampled_from(["a", " ", "-", "'", "`", "é", "&", "<", NOCASE, "</span>", "<i>", "</i>"]),
    max_size=12,
).map("".join)


@given(RICH, st.booleans())
def test_nocase_only_rich_text_gives_what_the_tokeniser_gives(text: str, ascii_only: bool) -> None:
    unencodable: list[str] = []
    pieces = bibtex_encode._rich_pieces(text, ascii_only, unencodable, {})
    encoded = bibtex_encode.encode(text, ascii_only=ascii_only, rich=True)
    assert (encoded.latex, encoded.unencodable) == (bibtex_encode.join_pieces(pieces), unencodable)


def test_runs_keep_ligature_pairs_apart() -> None:
    assert bibtex_encode.encode("a--b ``c''", ascii_only=False, rich=False).latex == (
        "a-{}-b `{}`c'{}'"
    )
    assert bibtex_encode.encode(f"x {NOCASE}DNA</span>", ascii_only=False, rich=True).latex == (
        "x {DNA}"
    )
