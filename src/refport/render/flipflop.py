"""Flip-flop formatting: nested quotes and nested italics/bold/small caps.

citeproc-py prints quotes and emphasis as the style asks, whatever they are
nested in. CSL processors alternate them instead (CSL 1.0.2, "Formatting"):
a quotation inside a quotation takes the locale's inner quotes ("“Speak,
‘friend’”"), and italics inside italics print upright. Quotation marks typed
in the data count too: straight `"…"` and `'…'` pairs, and the locale's own
marks, become the locale's quotes for their depth (other marks, « » in an
English list, are left alone, as citeproc-js leaves them); a stray straight
apostrophe becomes ’. Unpaired double quotes stay; URLs are never touched.

`flip` runs over a rendered entry or citation, after citeproc-py.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

#: Per output format: markup that is transparent to quote matching (HTML
#: tags; Markdown emphasis and escapes) and text never changed (URLs).
_URLS: Final = r"https?://\S+|doi:\S+"
SKIP: Final = {
    "text": re.compile(_URLS),
    "html": re.compile(rf"<[^>]+>|{_URLS}"),
    "markdown": re.compile(rf"<[^>]+>|\\.|\*+|{_URLS}"),
}
_OPENING_CONTEXT: Final = frozenset(" \t\n([{—–-/\u00a0")
DOUBLE_OPEN: Final = frozenset('“„«"')
DOUBLE_CLOSE: Final = frozenset('”»"')
SINGLE_OPEN: Final = frozenset("‘‚‹'")
SINGLE_CLOSE: Final = frozenset("’›'")
_MARKS: Final = DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE


@dataclass(frozen=True, slots=True)
class Quotes:
    """A locale's quotation marks: outer open/close, inner open/close."""

    open: str = "“"
    close: str = "”"
    inner_open: str = "‘"
    inner_close: str = "’"


@dataclass(frozen=True, slots=True)
class Mark:
    """A quotation mark that may open, may close (a straight mark between
    two others may do either: the pairing decides), double or single."""

    position: int
    opening: bool
    double: bool
    closing: bool = False


def flip(text: str, quotes: Quotes, html: bool = False, markdown: bool = False) -> str:
    """Alternate nested quotes (and, in HTML or Markdown, nested emphasis)."""
    text = flip_quotes(text, quotes, "html" if html else "markdown" if markdown else "text")
    if html:
        text = flip_html(text)
    elif markdown:
        text = flip_markdown(text)
    return text


# -- quotes ----------------------------------------------------------------------


def flip_quotes(text: str, quotes: Quotes, format_name: str = "html") -> str:
    wanted = {'"', "'", quotes.open, quotes.close, quotes.inner_open, quotes.inner_close}
    if not any(mark in text for mark in wanted):
        return text
    visible = _visible(text, SKIP[format_name])
    candidates = (i for i in visible if text[i] in wanted)
    marks = [m for m in (_classify(text, visible, i, quotes) for i in candidates) if m]
    chars = list(text)
    paired: set[int] = set()
    for mark, depth in _pairs(marks):
        outer = depth % 2 == 0
        paired.add(mark.position)
        if mark.opening:
            chars[mark.position] = quotes.open if outer else quotes.inner_open
        else:
            chars[mark.position] = quotes.close if outer else quotes.inner_close
    for index in visible:  # a straight apostrophe no quotation took
        if chars[index] == "'" and index not in paired:
            chars[index] = "’"
    return "".join(chars)


def _visible(text: str, skip: re.Pattern[str]) -> list[int]:
    """Positions of the characters outside markup and URLs."""
    visible: list[int] = []
    position = 0
    for match in skip.finditer(text):
        visible += range(position, match.start())
        position = match.end()
    visible += range(position, len(text))
    return visible


def _before(text: str, visible: list[int], index: int) -> str:
    at = _index_in(visible, index)
    return text[visible[at - 1]] if at > 0 else ""


def _after(text: str, visible: list[int], index: int) -> str:
    at = _index_in(visible, index)
    return text[visible[at + 1]] if at + 1 < len(visible) else ""


def _index_in(visible: list[int], index: int) -> int:
    return bisect_left(visible, index)


def _content(text: str, visible: list[int], index: int, step: int) -> bool:
    """Whether a word (not a space, not the text's edge) is next to the run of
    quotation marks around `index`, in direction `step`."""
    at = _index_in(visible, index) + step
    while 0 <= at < len(visible) and text[visible[at]] in _MARKS:
        at += step
    return 0 <= at < len(visible) and not text[visible[at]].isspace()


def _is_letter(char: str) -> bool:
    return bool(char) and (char.isalnum())


def _classify(text: str, visible: list[int], index: int, quotes: Quotes) -> Mark | None:
    """An opening or closing quotation mark, or None (an apostrophe, or not
    a quotation mark). The locale's own marks are recognised first: German
    closes with “, which opens an English quotation."""
    char = text[index]
    if char not in "\"'" and char not in (
        quotes.open,
        quotes.close,
        quotes.inner_open,
        quotes.inner_close,
    ):
        return None
    before, after = _before(text, visible, index), _after(text, visible, index)
    double = char in DOUBLE_OPEN | DOUBLE_CLOSE
    if char in "\"'":
        opens = (
            (
                not before
                or before in _OPENING_CONTEXT
                or before in (quotes.open, quotes.inner_open)
                or (char == "'" and before == '"')
                or (char == '"' and before == "'")
            )
            and bool(after)
            and not after.isspace()
        )
        closes = bool(before) and not before.isspace() and not _is_letter(after)
        if opens and closes:  # between other marks: which side has the words?
            words_before = _content(text, visible, index, -1)
            words_after = _content(text, visible, index, 1)
            opens, closes = words_after and not words_before, words_before and not words_after
            opens, closes = (opens, closes) if opens or closes else (True, True)
        return Mark(index, opens, double, closes) if opens or closes else None
    if _is_letter(before) and _is_letter(after):
        return None  # an apostrophe (’) inside a word
    if char in (quotes.close, quotes.inner_close):
        return Mark(index, False, double, True)
    return Mark(index, True, double)


def _pairs(marks: Sequence[Mark]) -> list[tuple[Mark, int]]:
    """Matched opening/closing marks with their nesting depth."""
    stack: list[Mark] = []
    matched: list[tuple[Mark, int]] = []
    for mark in marks:
        depth = next(
            (d for d in range(len(stack) - 1, -1, -1) if stack[d].double == mark.double), None
        )
        if mark.closing and depth is not None:
            matched += [(stack[depth], depth), (replace(mark, opening=False), depth)]
            del stack[depth:]
        elif mark.opening:
            stack.append(mark)
    return matched


# -- emphasis ----------------------------------------------------------------------

#: HTML emphasis tag -> (property, the span that cancels it).
_EMPHASIS: Final = {
    "<i>": ("italic", '<span style="font-style:normal;">'),
    "<b>": ("bold", '<span style="font-weight:normal;">'),
    '<span style="font-variant:small-caps;">': (
        "small-caps",
        '<span style="font-variant:normal;">',
    ),
}
_CANCELS: Final = {cancel: prop for prop, cancel in _EMPHASIS.values()}
_CLOSING: Final = {"<i>": "</i>", "<b>": "</b>"}
_TAG: Final = re.compile(r"</?[a-z]+(?:\s[^>]*)?>")


def flip_html(text: str) -> str:
    """Italics in italics print upright (bold, small caps likewise)."""
    out: list[str] = []
    stack: list[tuple[str | None, str, bool]] = []  # (property, closing tag, on?)
    position = 0
    for match in _TAG.finditer(text):
        out += [text[position : match.start()], _flip_tag(match.group(0), stack)]
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def _flip_tag(tag: str, stack: list[tuple[str | None, str, bool]]) -> str:
    if tag.startswith("</"):
        return stack.pop()[1] if stack else tag
    if tag in _EMPHASIS:
        prop, cancel = _EMPHASIS[tag]
        if any(on for p, _, on in _innermost(stack, prop)):
            stack.append((prop, "</span>", False))
            return cancel
        stack.append((prop, _CLOSING.get(tag, "</span>"), True))
        return tag
    if tag in _CANCELS:
        stack.append((_CANCELS[tag], "</span>", False))
        return tag
    if not tag.endswith("/>"):
        name = tag[1:].split(">")[0].split()[0]
        stack.append((None, f"</{name}>", False))
    return tag


def _innermost(
    stack: list[tuple[str | None, str, bool]], prop: str
) -> list[tuple[str | None, str, bool]]:
    """The innermost open entry for `prop`, as a list of zero or one."""
    for entry in reversed(stack):
        if entry[0] == prop:
            return [entry]
    return []


def flip_markdown(text: str) -> str:
    """`*a *b* c*` (italics in italics) becomes `*a* b *c*`."""
    out: list[str] = []
    depth = 0
    position = 0
    for match in re.finditer(r"(?<!\\)(?<!\*)\*(?!\*)", text):
        start = match.start()
        before = text[start - 1] if start else ""
        after = text[start + 1] if start + 1 < len(text) else ""
        opening = (
            bool(after)
            and not after.isspace()
            and (not before or before.isspace() or before in "([“‘\"'")
        )
        out.append(text[position:start])
        position = match.end()
        if opening:
            depth += 1
            out.append("*" if depth % 2 else "\0CLOSE")
        else:
            out.append("*" if depth % 2 else "\0OPEN")
            depth = max(0, depth - 1)
    out.append(text[position:])
    result = "".join(out)
    result = re.sub(r"(\s*)\0CLOSE", r"*\1", result)
    return re.sub(r"\0OPEN(\s*)", r"\1*", result)
