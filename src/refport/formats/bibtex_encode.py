"""Unicode and CSL rich text -> LaTeX field text, for the BibTeX writer.

The inverse of `bibtex_latex`: whatever this writes, `decode_rich` (or
`decode_plain`) reads back as the same text. In ASCII mode a character is
LaTeX-encoded only when latexcodec (or the small table below) has a spelling
that reads back as exactly that character; anything else stays UTF-8 and is
reported, never dropped.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, cast

from refport.formats.bibtex_latex import (
    RICH_TAGS,
    decode_plain,
    math_end,
    unknown_command_end,
)

#: latexcodec's encoder (typed: the stubs only know bytes codecs by name).
_spell = cast(Callable[[str, str], str], codecs.encode)

#: Characters whose latexcodec encoding would not read back as themselves.
EXTRA_ENCODINGS: Final = {
    "’": r"\textquoteright{}", "‘": r"\textquoteleft{}", "„": r"\quotedblbase{}",
    "×": r"\texttimes{}", "°": r"\textdegree{}", "€": r"\texteuro{}", "ŋ": r"\ng{}",
    "Ŋ": r"\NG{}", "ẞ": r"\SS{}",
}  # fmt: skip

#: What the writer escapes, whatever the output encoding.
SPECIALS: Final = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\u00a0": "~",
}  # fmt: skip

#: Text with none of these characters, and none of the pairs LaTeX merges
#: (`--`, two backquotes, `''`), is written as it is (characters are kept one
#: by one and nothing needs separating); names also brace whitespace other than " ".
_SPECIAL_CHAR: Final = re.compile(r"[\\{}&%#_$~^\u00a0]")
_NAME_AS_IT_IS: Final = re.compile(r"[\\{}&%#_$~^\u00a0]|--|``|''|[^\S ]")

#: Runs of characters `_encode_char` keeps as they are, by (ascii_only, name):
#: no specials, no non-ASCII in ASCII mode, and for names no whitespace (each
#: whitespace character is its own piece, which `_unsplittable` may brace).
_RUNS: Final = {
    (ascii_only, name): re.compile(
        r"[^\\{}&%#_$~^\u00a0"
        + (r"\s" if name else "")
        + (r"\x80-\U0010ffff" if ascii_only else "")
        + "]+"
    )
    for ascii_only in (False, True)
    for name in (False, True)
}

#: Two characters that LaTeX would merge (`--`, two backquotes, `''`); inside a
#: run they are separated by `{}`, as `join_pieces` separates them across pieces.
_MERGING_PAIR: Final = re.compile(r"([-`'])(?=\1)")

_TAG: Final = re.compile(
    r'<(/?)(i|b|sup|sub)>|<span class="nocase">|<span style="font-variant:\s*small-caps;?">|</span>'
)

_NOCASE_OPEN: Final = '<span class="nocase">'
#: Rich text whose only markup is unnested nocase spans (each becomes a brace group).
_PLAIN_NOCASE: Final = re.compile(f"[^<]*(?:{_NOCASE_OPEN}[^<]*</span>[^<]*)*")


@dataclass
class Encoded:
    """LaTeX text plus the characters left as UTF-8 in ASCII mode."""

    latex: str
    unencodable: list[str]


def rich_tokens(text: str) -> list[tuple[str, str]]:
    """Split CSL rich text into ("text", s) / ("open", tag) / ("close", tag),
    turning tags without a partner back into text."""
    tokens: list[tuple[str, str]] = []
    last = 0
    for match in _TAG.finditer(text):
        if match.start() > last:
            tokens.append(("text", text[last : match.start()]))
        tokens.append(_tag_token(match))
        last = match.end()
    if last < len(text):
        tokens.append(("text", text[last:]))
    return _unpaired_to_text(tokens)


def _tag_token(match: re.Match[str]) -> tuple[str, str]:
    whole = match.group()
    if match.group(2):
        return ("close" if match.group(1) else "open", match.group(2))
    if whole == "</span>":
        return ("close", "span")
    return ("open", "nocase" if "nocase" in whole else "sc")


def _unpaired_to_text(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    stack: list[int] = []
    paired: set[int] = set()
    tag_count = 0
    for index, (kind, tag) in enumerate(tokens):
        if kind == "open":
            stack.append(index)
            tag_count += 1
        elif kind == "close":
            tag_count += 1
            if stack and _closes(tokens[stack[-1]][1], tag):
                paired.update((stack.pop(), index))
    if len(paired) == tag_count:
        return tokens  # every tag has its partner (the common case): nothing to merge
    result: list[tuple[str, str]] = []
    for index, (kind, tag) in enumerate(tokens):
        if kind != "text" and index not in paired:
            kind, tag = "text", _tag_source(kind, tag)
        if kind == "text" and result and result[-1][0] == "text":
            result[-1] = ("text", result[-1][1] + tag)
        else:
            result.append((kind, tag))
    return result


def _closes(opened: str, closing: str) -> bool:
    return opened == closing or (closing == "span" and opened in ("nocase", "sc"))


def _tag_source(kind: str, tag: str) -> str:
    if kind == "close":
        return "</span>" if tag == "span" else f"</{tag}>"
    return RICH_TAGS[tag][0]


#: A rich-text tag written as (opening, closing) LaTeX instead of `\\command{...}`.
Markup = dict[str, tuple[str, str]]


def encode(text: str, *, ascii_only: bool, rich: bool, markup: Markup | None = None) -> Encoded:
    """Unicode (rich) text -> LaTeX that `decode_rich`/`decode_plain` reads back
    (`markup` spells some tags otherwise, for another reader)."""
    if as_it_is(text, ascii_only, rich=False):
        if not rich or "<" not in text:
            return Encoded(text, [])
        if _PLAIN_NOCASE.fullmatch(text):
            # The common rich text, `{DNA}` read back: no other markup, nothing to escape.
            return Encoded(text.replace(_NOCASE_OPEN, "{").replace("</span>", "}"), [])
    unencodable: list[str] = []
    if not rich:
        return Encoded(join_pieces(_text_pieces(text, ascii_only, unencodable)), unencodable)
    pieces = _rich_pieces(text, ascii_only, unencodable, markup or {})
    return Encoded(join_pieces(pieces), unencodable)


def as_it_is(text: str, ascii_only: bool, rich: bool) -> bool:
    """True when `encode` would give `text` back unchanged (the common case)."""
    # a character class and substring tests: several times faster than one
    # regular expression with the pairs as alternatives
    if _SPECIAL_CHAR.search(text) is not None or "--" in text or "``" in text or "''" in text:
        return False
    if ascii_only and not text.isascii():
        return False
    return not rich or "<" not in text


def name_part_as_it_is(text: str, ascii_only: bool) -> bool:
    """True when `encode_name_part` would give `text` back unchanged."""
    return _NAME_AS_IT_IS.search(text) is None and (not ascii_only or text.isascii())


def encode_name_part(text: str, *, ascii_only: bool) -> Encoded:
    """Plain text for a name: commands, math and ties braced, as BibTeX wants
    special characters in names (pybtex splits words at `~`, at any whitespace
    and inside `\\,` or `$a b$`, and would split the name there)."""
    if _NAME_AS_IT_IS.search(text) is None and (text.isascii() or not ascii_only):
        return Encoded(text, [])
    unencodable: list[str] = []
    pieces = _text_pieces(text, ascii_only, unencodable, name=True)
    return Encoded(join_pieces([_unsplittable(p) for p in pieces]), unencodable)


def _unsplittable(piece: str) -> str:
    other_space = piece.isspace() and piece != " "
    return "{" + piece + "}" if piece.startswith(("\\", "$", "~")) or other_space else piece


def _rich_pieces(text: str, ascii_only: bool, unencodable: list[str], markup: Markup) -> list[str]:
    pieces: list[str] = []
    nocase_depth = 0
    opened: list[tuple[str, int]] = []
    for kind, value in rich_tokens(text):
        if kind == "text":
            pieces.extend(_text_pieces(value, ascii_only, unencodable))
        elif kind == "open":
            opened.append((value, len(pieces)))
            if value == "nocase":
                nocase_depth += 1
                pieces.append("{" if nocase_depth == 1 else "")
            else:
                pieces.append(markup[value][0] if value in markup else RICH_TAGS[value][2] + "{")
        else:
            tag, first = opened.pop()
            if tag == "nocase":
                nocase_depth -= 1
                if nocase_depth == 0 and _first_nonempty(pieces, first + 1).startswith("\\"):
                    pieces[first] = "{{}"
                pieces.append("}" if nocase_depth == 0 else "")
            else:
                pieces.append(markup[tag][1] if tag in markup else "}")
    return pieces


def _first_nonempty(pieces: list[str], start: int) -> str:
    """What the text from `pieces[start]` on starts with, without joining it."""
    return next((piece for piece in pieces[start:] if piece), "")


def _text_pieces(
    text: str, ascii_only: bool, unencodable: list[str], *, name: bool = False
) -> list[str]:
    """Pieces as `join_pieces` wants them: a run of characters written as they
    are is one piece (found by C, not a Python loop per character), and
    anything else one piece per character, command or math."""
    runs = _RUNS[ascii_only, name]
    pieces: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and (end := unknown_command_end(text, index)) is not None:
            pieces.append(_Verbatim(text[index:end]))
            index = end
            continue
        if char == "$" and (end := math_end(text, index)) is not None:
            math = text[index:end]
            if ascii_only and not math.isascii():
                unencodable.extend(c for c in math if not c.isascii())
            pieces.append(math)
            index = end
            continue
        if run := runs.match(text, index):
            pieces.append(_MERGING_PAIR.sub(r"\1{}", run.group()))
            index = run.end()
            continue
        pieces.append(_encode_char(char, ascii_only, unencodable))
        index += 1
    return pieces


def _encode_char(char: str, ascii_only: bool, unencodable: list[str]) -> str:
    if char in SPECIALS:
        return SPECIALS[char]
    if char.isascii() or not ascii_only:
        return char
    latex = ascii_latex(char)
    if latex is None:
        unencodable.append(char)
        return char
    return latex


@lru_cache(maxsize=4096)
def ascii_latex(char: str) -> str | None:
    """An ASCII LaTeX spelling of `char` that reads back as exactly `char`.

    Commands are braced as BibTeX "special characters" (`{\\v Z}`, `{\\ss}`),
    so that a space inside them never splits a name and case stays protected.
    """
    candidates = [EXTRA_ENCODINGS.get(char)]
    with contextlib.suppress(UnicodeEncodeError, ValueError):
        candidates.append(_spell(char, "ulatex+ascii"))
    for candidate in candidates:
        if candidate is None or not candidate.isascii() or candidate.endswith(" "):
            continue
        if candidate.startswith("\\"):
            candidate = "{" + candidate.removesuffix("{}") + "}"
        if decode_plain(candidate) == char:
            return candidate
    return None


class _Verbatim(str):
    """A command kept as written; it must not be followed by a brace group
    that is not its own, or the reader would take that group as its argument."""

    __slots__ = ()


def join_pieces(pieces: list[str]) -> str:
    """Concatenate, separating pieces that LaTeX would otherwise merge
    (`-` `-` would become an en dash, ``` ` ` ``` and `' '` quotes)."""
    pieces = [p for p in pieces if p]
    out: list[str] = []
    previous = ""
    for index, piece in enumerate(pieces):
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        if isinstance(piece, _Verbatim) and following.startswith("{"):
            piece = "".join(SPECIALS.get(c, c) for c in piece)
        if previous and previous[-1] in "-`'" and piece[0] == previous[-1]:
            out.append("{}")
        out.append(piece)
        previous = piece
    return "".join(out)
