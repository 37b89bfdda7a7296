"""Read the items of a top-level JSON array one at a time, with their lines.

`json.load` gives all or nothing and no positions; a bibliography needs each
entry's line for diagnostics, and one broken entry must not lose the others.
So the array is walked item by item with json's C scanner (`raw_decode`), and
after a broken item the reader resynchronises on the next `{` at the array's
depth (string-aware; a string is taken to end at a line break, which JSON
forbids inside strings). When the braces never balance again, the next `{`
that starts a line at the broken item's column is taken instead.

A stream is read in growing chunks and the consumed prefix is dropped, so a
large file is never held whole (unless one item is broken to its end).
The module knows nothing about CSL: the Zotero reader can use it as well.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Final, Literal, NamedTuple, TextIO, cast

_CHUNK: Final = 1 << 16
#: How much text `_Array._run` wants ahead of it before it decodes the next entry.
_READ_AHEAD: Final = 1 << 14
_WHITESPACE: Final = re.compile(r"[ \t\r\n\ufeff]*")
#: An `"id": value` inside a broken item, to name it in the diagnostic.
_ID_PATTERN: Final = re.compile(r'"id"\s*:\s*("(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?)')
_ITEMS_FIRST: Final = re.compile(r'\{\s*"items"\s*:\s*(?=\[)')
#: The comma and the opening brace of the next entry.
_NEXT_ENTRY: Final = re.compile(r"[ \t\r\n]*,[ \t\r\n]*\{")
#: A `{` that starts a line, with its indentation (the last resort for resyncing).
_LINE_OPENING: Final = re.compile(r"\n([ \t]*)\{")


class Item(NamedTuple):
    """One decoded array element and where it starts (1-based line/column).
    (A named tuple: one is made per entry, and it is the cheapest immutable.)"""

    value: object
    line: int
    column: int
    number: int  # 1-based position in the array, counting broken items
    duplicate_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the JSON text itself."""

    code: str
    severity: Literal["error", "warning", "info"]
    message: str
    line: int
    column: int
    key: str | None = None


class _Window:
    """A growing window on the source text with absolute line/column bookkeeping."""

    def __init__(self, source: str | TextIO, first_line: int = 1) -> None:
        self.stream: TextIO | None = None if isinstance(source, str) else source
        self.text = source if isinstance(source, str) else ""
        self.eof = self.stream is None
        self._mark = 0
        self._mark_line = first_line
        self._mark_line_start = 0  # offset of the mark's line start (may be < 0)
        self._base = (first_line, 0)  # line and line start of text[0]

    def more(self) -> bool:
        """Read another chunk (growing with the window); False at end of input."""
        if self.eof or self.stream is None:
            return False
        chunk = self.stream.read(max(_CHUNK, len(self.text)))
        if not chunk:
            self.eof = True
            return False
        self.text += chunk
        return True

    def char(self, pos: int) -> str:
        """The character at `pos`, reading on as needed; "" at end of input."""
        while pos >= len(self.text):
            if not self.more():
                return ""
        return self.text[pos]

    def skip_whitespace(self, pos: int) -> int:
        while True:
            found = _WHITESPACE.match(self.text, pos)
            end = found.end() if found else pos
            if end < len(self.text) or not self.more():
                return end
            pos = end

    def read_all(self) -> None:
        while self.more():
            pass

    def position(self, pos: int) -> tuple[int, int]:
        """1-based (line, column) of offset `pos`; cheap when called in order."""
        if pos < self._mark:
            self._mark, self._mark_line, self._mark_line_start = 0, *self._base
        newlines = self.text.count("\n", self._mark, pos)
        if newlines:
            self._mark_line += newlines
            self._mark_line_start = self.text.rfind("\n", self._mark, pos) + 1
        self._mark = pos
        return self._mark_line, pos - self._mark_line_start + 1

    def drop_before(self, pos: int) -> int:
        """Forget text before `pos` (streams only); returns the new offset of `pos`."""
        if self.stream is None or pos < _CHUNK:
            return pos
        self.position(pos)
        self.text = self.text[pos:]
        self._mark = 0
        self._mark_line_start -= pos
        self._base = (self._mark_line, self._mark_line_start)
        return 0


class _PairsDecoder(json.JSONDecoder):
    """Strict where `json` is lenient: repeated keys are recorded (json keeps
    only the last value); NaN/Infinity and integers too long for `int` stay text."""

    def __init__(self) -> None:
        super().__init__(object_pairs_hook=self._pairs, parse_constant=str, parse_int=_integer)
        self.repeated: list[str] = []
        #: json's C scanner (`raw_decode` without its wrapper), set by JSONDecoder.
        self._scan = cast(Callable[[str, int], tuple[object, int]], vars(self)["scan_once"])

    def _pairs(self, pairs: list[tuple[str, object]]) -> dict[str, object]:
        result = dict(pairs)
        if len(result) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    self.repeated.append(key)
                seen.add(key)
        return result

    def decode_at(self, text: str, pos: int) -> tuple[object, int]:
        """`raw_decode`, with every failure as a `JSONDecodeError`."""
        self.repeated.clear()
        try:
            value, end = self._scan(text, pos)
        except StopIteration as stop:
            raise json.JSONDecodeError("Expecting value", text, stop.value) from None
        except json.JSONDecodeError:
            raise
        except RecursionError:
            raise json.JSONDecodeError("nested too deeply", text, pos) from None
        except ValueError as error:
            raise json.JSONDecodeError(str(error), text, pos) from None
        return value, end


def _integer(text: str) -> int | str:
    return int(text) if len(text) < 4000 else text


def iter_array(
    source: str | TextIO, first_line: int = 1, first_number: int = 1
) -> Iterator[Item | Problem]:
    """Yield the array's items and the problems met, in text order.

    `first_line` and `first_number`: the line the source starts on and the
    number of its first item, when it is a piece of a larger array.

    A top-level object is accepted too: `{"items": [...]}` yields the inner
    array's items, any other object is yielded as the only item; both with an
    info `json-not-array` problem.
    """
    window = _Window(source, first_line)
    start = window.skip_whitespace(0)
    first = window.char(start)
    if first == "[":
        yield from _Array(window, first_number).items(start + 1)
    elif first == "{":
        yield from _top_level_object(window, start)
    elif first == "":
        line, column = window.position(start)
        yield Problem("json-empty", "warning", "no JSON in the input", line, column)
    else:
        line, column = window.position(start)
        message = f"expected '[' to open a JSON array, found {first!r}"
        yield Problem("json-invalid", "error", message, line, column)


def _top_level_object(window: _Window, start: int) -> Iterator[Item | Problem]:
    window.char(start + 64)
    line, column = window.position(start)
    wrapped = _ITEMS_FIRST.match(window.text, start)
    if wrapped:
        message = 'a top-level {"items": [...]} object, not an array; read its items'
        yield Problem("json-not-array", "info", message, line, column)
        array = _Array(window)
        end = yield from array.items(wrapped.end() + 1)
        yield from _after_wrapper(window, end)
        return
    window.read_all()
    decoder = _PairsDecoder()
    try:
        value, end = decoder.decode_at(window.text, start)
    except json.JSONDecodeError as error:
        err_line, err_column = window.position(error.pos)
        key = _find_id(window.text[start:])
        yield Problem("json-invalid", "error", error.msg, err_line, err_column, key)
        return
    items = value.get("items") if isinstance(value, dict) and list(value) == ["items"] else None
    if isinstance(items, list):  # {"items": [...]} that the quick look missed
        message = 'a top-level {"items": [...]} object, not an array; read its items'
        yield Problem("json-not-array", "info", message, line, column)
        yield from (Item(item, line, column, i) for i, item in enumerate(items, start=1))
    else:
        message = "a single top-level object, not an array; read as one entry"
        yield Problem("json-not-array", "info", message, line, column)
        yield Item(value, line, column, 1, tuple(decoder.repeated))
    yield from _trailing(window, end)


def _after_wrapper(window: _Window, end: int) -> Iterator[Problem]:
    pos = window.skip_whitespace(end)
    if window.char(pos) == "}":
        yield from _trailing(window, pos + 1)
    elif window.char(pos):
        line, column = window.position(pos)
        message = 'text after the "items" array was not read'
        yield Problem("json-trailing", "warning", message, line, column)


def _trailing(window: _Window, end: int) -> Iterator[Problem]:
    pos = window.skip_whitespace(end)
    if window.char(pos):
        line, column = window.position(pos)
        yield Problem("json-trailing", "warning", "text after the JSON was not read", line, column)


class _Array:
    """The walk over one array's elements, starting just after its `[`."""

    def __init__(self, window: _Window, first_number: int = 1) -> None:
        self.window = window
        self.index = first_number - 1
        self.decoder = _PairsDecoder()

    def items(self, pos: int) -> Generator[Item | Problem, None, int]:
        """Yields items and problems; returns the offset just after the `]`."""
        window = self.window
        expect_item, after_comma = True, False
        while True:
            pos = window.drop_before(window.skip_whitespace(pos))
            char = window.char(pos)
            if char == "{" and expect_item:  # the usual case: the next entry
                pos, expect_item = yield from self._element(pos)
                if not expect_item:
                    pos = yield from self._run(pos)
                after_comma = False
                continue
            if char == ",":
                if expect_item:
                    yield self._problem("json-invalid", "warning", "an extra ','", pos)
                expect_item, after_comma, pos = True, True, pos + 1
                continue
            if char == "]":
                if after_comma:
                    yield self._problem("json-invalid", "warning", "a ',' before ']'", pos)
                return pos + 1
            if char == "":
                message = "the array is not closed with ']'"
                yield self._problem("json-unterminated", "warning", message, pos)
                return pos
            if not expect_item and char != "{":
                message = f"unexpected {char!r} between entries; skipped to the next entry"
                yield self._problem("json-invalid", "error", message, pos)
                pos, expect_item = self._resync(pos + 1, depth=0, column=None), True
                continue
            if not expect_item:
                yield self._problem("json-invalid", "warning", "missing ',' between entries", pos)
            pos, expect_item = yield from self._element(pos)
            after_comma = False

    def _element(self, pos: int) -> Generator[Item | Problem, None, tuple[int, bool]]:
        """Decode one element; returns where to go on and whether an item is still expected."""
        self.index += 1
        window, decoder = self.window, self.decoder
        while True:
            try:
                value, end = decoder.decode_at(window.text, pos)
            except json.JSONDecodeError as error:
                if self._truncated(error) and window.more():
                    continue
                resume = yield from self._broken(pos, error)
                return resume, True
            if end >= len(window.text) and window.more():
                continue
            line, column = window.position(pos)
            repeated = tuple(decoder.repeated) if decoder.repeated else ()
            yield Item(value, line, column, self.index, repeated)
            return end, False

    def _run(self, end: int) -> Generator[Item, None, int]:
        """The entries that follow as `, {...}` and decode whole, in a tight loop;
        returns where the last one ends (the walk above takes anything else)."""
        window, decoder = self.window, self.decoder
        while True:
            if len(window.text) - end < _READ_AHEAD:
                window.more()  # read on before the window cuts an entry (a failed decode costs)
            text = window.text
            following = _NEXT_ENTRY.match(text, end)
            if following is None:
                return end
            start = following.end() - 1
            try:
                value, after = decoder.decode_at(text, start)
            except json.JSONDecodeError:
                return end
            if after >= len(text) and not window.eof:
                return end
            self.index += 1
            line, column = window.position(start)
            repeated = tuple(decoder.repeated) if decoder.repeated else ()
            yield Item(value, line, column, self.index, repeated)
            end = window.drop_before(after)

    def _truncated(self, error: json.JSONDecodeError) -> bool:
        """Could more input make this error go away?"""
        text = self.window.text
        if self.window.eof:
            return False
        if error.msg.startswith("Unterminated string"):
            return "\n" not in text[error.pos :]
        return error.pos >= len(text) - 8

    def _broken(self, pos: int, error: json.JSONDecodeError) -> Generator[Problem, None, int]:
        window = self.window
        line, column = window.position(pos)
        depth = 1 if window.char(pos) in ("{", "[") else 0
        resume = self._resync(pos + 1, depth=depth, column=column)
        err_line, err_column = window.position(max(error.pos, pos))
        key = _find_id(window.text[pos:resume])
        message = f"{error.msg} (in the entry starting at line {line}); entry skipped"
        yield Problem("json-invalid", "error", message, err_line, err_column, key)
        return resume

    def _resync(self, pos: int, *, depth: int, column: int | None) -> int:
        """Offset of the next `{` at the array's depth (or its `]`, or the end)."""
        found = _scan_to_array_depth(self.window, pos, depth)
        if found is not None:
            return found
        if column is not None:
            for match in _LINE_OPENING.finditer(self.window.text, pos):
                if len(match.group(1)) == column - 1:
                    return match.end() - 1
        return len(self.window.text)

    def _problem(
        self, code: str, severity: Literal["error", "warning", "info"], message: str, pos: int
    ) -> Problem:
        line, column = self.window.position(pos)
        return Problem(code, severity, message, line, column)


def _scan_to_array_depth(window: _Window, pos: int, depth: int) -> int | None:
    in_string = False
    while True:
        char = window.char(pos)
        if char == "":
            return None
        if in_string:
            if char == "\\":
                pos += 1
            elif char in '"\n':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            if char == "{" and depth == 0:
                return pos
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth < 0:
                return pos
        pos += 1


def _find_id(text: str) -> str | None:
    match = _ID_PATTERN.search(text)
    if not match:
        return None
    token = match.group(1)
    try:
        value = json.loads(token)
    except json.JSONDecodeError:
        return token.strip('"')
    return str(value)
