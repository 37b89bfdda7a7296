"""From BibTeX text to raw entries: chunking, then pybtex's parser per chunk.

The text is cut into top-level `@command{...}` chunks by brace balance (this is
chunking, not tokenising: pybtex parses every chunk). Chunking is what lets the
reader stream a large file line by line, and recover after an entry that never
closes: a line starting with a new `@type{` header while an entry is still open
ends the broken entry there, so the entries before and after it still load.
`@string` macros are carried from chunk to chunk. This is the reference path
(`parser="pybtex"`); `bibtex_scan` reads plain entries without pybtex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final

from pybtex.database.input.bibtex import LowLevelParser, UndefinedMacro, month_names
from pybtex.scanner import PybtexSyntaxError
from pybtex.utils import CaseInsensitiveDict

from refport.diagnostics import Diagnostic

_HEADER: Final = re.compile(r"@[ \t]*([A-Za-z][\w:.+-]*)[ \t]*([{(])")
_LINE_HEADER: Final = re.compile(r"[ \t]*@[ \t]*[A-Za-z][\w:.+-]*[ \t]*[{(]")
_DELIMITERS: Final = re.compile(r'[{}()"]')
_KEY: Final = re.compile(r"@[^{(]*[{(]\s*([^\s,{}()]+)")
#: Commands that are not entries; their source is carried through verbatim.
PASS_THROUGH: Final = frozenset({"comment", "preamble", "string"})
#: How many unreadable lines of one entry are skipped before giving up.
MAX_SKIPPED_LINES: Final = 3

#: pybtex's result for one command: (command, (key, [(field, [parts])])) for an
#: entry; @string and @preamble give other shapes (they are passed through).
_Result = tuple[str, tuple[str | None, list[tuple[str, list[str]]]]]


@dataclass(frozen=True, slots=True)
class Chunk:
    command: str  # lower-cased: "article", "string", "comment" ...
    text: str
    line: int
    closed: bool
    end_line: int


@dataclass
class RawEntry:
    """An entry as pybtex read it: field values macro-expanded, LaTeX untouched."""

    entry_type: str
    key: str
    fields: list[tuple[str, str]]
    line: int
    text: str
    #: Lines skipped because pybtex could not read them (kept, not lost).
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PassThrough:
    """A @comment, @preamble or @string (or an @xdata entry), as written."""

    command: str
    text: str
    line: int


@dataclass
class _Attempt:
    results: list[_Result]
    errors: list[PybtexSyntaxError]
    skipped: list[str]


@dataclass
class _Scan:
    """The open chunk while scanning lines."""

    command: str
    opener: str
    line: int
    parts: list[str] = field(default_factory=list)
    depth: int = 0
    in_quote: bool = False


def chunks(lines: Iterable[str], first_line: int = 1) -> Iterator[Chunk]:
    """Top-level `@` chunks, one at a time, with the line each starts on."""
    scan: _Scan | None = None
    line_number = first_line - 1
    for line_number, line in enumerate(lines, start=first_line):
        if scan is not None and _LINE_HEADER.match(line):
            yield _chunk(scan, closed=False, end_line=line_number - 1)
            scan = None
        position = 0
        while position < len(line):
            if scan is None:
                if line.lstrip().startswith("%") and position == 0:
                    break
                header = _HEADER.search(line, position)
                if header is None:
                    break
                scan = _Scan(header.group(1).lower(), header.group(2), line_number)
                scan.parts.append(line[header.start() : header.end()])
                scan.depth = 1
                position = header.end()
                continue
            end = _advance(scan, line, position)
            if end is None:
                scan.parts.append(line[position:])
                break
            scan.parts.append(line[position:end])
            yield _chunk(scan, closed=True, end_line=line_number)
            scan = None
            position = end
    if scan is not None:
        yield _chunk(scan, closed=False, end_line=line_number)


def _advance(scan: _Scan, line: str, position: int) -> int | None:
    """Scan `line` from `position`; the index after the closing delimiter, if any."""
    for match in _DELIMITERS.finditer(line, position):
        char, index = match.group(), match.start()
        if char == '"' and scan.opener == "(" and scan.depth == 1:
            scan.in_quote = not scan.in_quote
        elif char == "{":
            scan.depth += 1
        elif char == "}":
            scan.depth -= 1
            if scan.opener == "{" and scan.depth == 0:
                return index + 1
        elif char == ")" and scan.opener == "(" and scan.depth == 1 and not scan.in_quote:
            return index + 1
    return None


def _chunk(scan: _Scan, *, closed: bool, end_line: int) -> Chunk:
    return Chunk(scan.command, "".join(scan.parts), scan.line, closed, end_line)


def chunk_key(chunk: Chunk) -> str | None:
    match = _KEY.match(chunk.text.lstrip())
    return match.group(1) if match else None


# --- pybtex per chunk ---------------------------------------------------------------


class _Parser(LowLevelParser):  # type: ignore[misc]
    """pybtex's parser, keeping an undefined macro's name instead of dropping it."""

    def substitute_macro(self, name: str) -> str:
        if name in self.macros:
            return str(self.macros[name])
        self.handle_error(UndefinedMacro(name, self))
        return name


class ChunkParser:
    """Parses chunks with one macro table, turning pybtex errors into diagnostics."""

    def __init__(self, filename: str | None) -> None:
        self.filename = filename
        self.macros = CaseInsensitiveDict(month_names)

    def parse(self, chunk: Chunk) -> Iterator[RawEntry | PassThrough | Diagnostic]:
        if chunk.command in ("comment", "preamble"):
            if not chunk.closed:
                yield self._unclosed(chunk, None, 0)
            yield PassThrough(chunk.command, chunk.text, chunk.line)
            return
        attempt = self._parse_skipping_bad_lines(chunk)
        entries = [(c, b) for c, b in attempt.results if c.lower() not in PASS_THROUGH]
        key = next((body[0] for _, body in entries if body[0]), None) or chunk_key(chunk)
        for error in attempt.errors:
            if chunk.closed or not _is_end_of_chunk(error, chunk):
                yield self._syntax(error, chunk, key, skipped=bool(attempt.skipped))
        if not chunk.closed:
            count = next((len(body[1]) for _, body in entries), 0)
            yield self._unclosed(chunk, key, count)
        if chunk.command == "string":
            yield PassThrough("string", chunk.text, chunk.line)
            return
        for command, body in entries:
            if body[0] is None:
                continue
            entry_key, raw_fields = body
            values = [(name, "".join(parts)) for name, parts in raw_fields]
            yield RawEntry(
                command.lower(), str(entry_key), values, chunk.line, chunk.text, attempt.skipped
            )

    def _parse_skipping_bad_lines(self, chunk: Chunk) -> _Attempt:
        """Parse; when a closed entry has a syntax error inside it, blank that line
        and parse again (a few times), so one bad field does not lose the rest."""
        text, skipped = chunk.text, []
        reported: list[PybtexSyntaxError] = []
        first = attempt = self._attempt(text, [])
        for _ in range(MAX_SKIPPED_LINES):
            reported += [e for e in attempt.errors if not _same_error(e, reported)]
            syntax = [e for e in attempt.errors if not isinstance(e, UndefinedMacro)]
            if not syntax or not chunk.closed or chunk.command == "string":
                break
            lines = text.split("\n")
            bad = text.count("\n", 0, _error_pos(syntax[0]))
            if bad == 0 or bad >= len(lines) - 1:
                break
            skipped.append(lines[bad].strip())
            lines[bad] = ""
            text = "\n".join(lines)
            attempt = self._attempt(text, skipped)
        if any(not isinstance(e, UndefinedMacro) for e in attempt.errors):
            return first
        attempt.errors = reported
        return attempt

    def _attempt(self, text: str, skipped: list[str]) -> _Attempt:
        errors: list[PybtexSyntaxError] = []
        parser = _Parser(text, macros=self.macros, handle_error=errors.append,
                         filename=self.filename)  # fmt: skip
        results = list(_safely(parser, errors))
        return _Attempt(results, errors, list(skipped))

    def _syntax(
        self, error: PybtexSyntaxError, chunk: Chunk, key: str | None, *, skipped: bool
    ) -> Diagnostic:
        line, column = _position(error, chunk)
        undefined = isinstance(error, UndefinedMacro)
        after = "; that line was skipped and the rest of the entry read" if skipped else ""
        return Diagnostic(
            "macro-undefined" if undefined else "bibtex-syntax",
            "warning" if undefined else "error",
            _message(error) + ("" if undefined else after),
            refs=(key,) if key else (),
            line=line,
            column=column,
            file=self.filename,
        )

    def _unclosed(self, chunk: Chunk, key: str | None, fields: int) -> Diagnostic:
        kept = f"; kept the {fields} field(s) read before it" if fields else ""
        return Diagnostic(
            "entry-unterminated",
            "error",
            f"@{chunk.command} starting here is not closed before line {chunk.end_line + 1}"
            f"{kept}; the entries after it are read normally",
            refs=(key,) if key else (),
            line=chunk.line,
            column=1,
            file=self.filename,
        )


def _same_error(error: PybtexSyntaxError, known: list[PybtexSyntaxError]) -> bool:
    return any(str(error) == str(k) and type(error) is type(k) for k in known)


def _safely(parser: _Parser, errors: list[PybtexSyntaxError]) -> Iterator[_Result]:
    """pybtex's results for one chunk; an unexpected exception is one more error."""
    try:
        yield from parser.parse_bibliography()
    except PybtexSyntaxError as error:
        errors.append(error)
    except (RecursionError, ValueError, IndexError, KeyError) as error:
        errors.append(PybtexSyntaxError(f"cannot parse: {error}", parser))


def _is_end_of_chunk(error: PybtexSyntaxError, chunk: Chunk) -> bool:
    """An unclosed chunk always ends in a premature-EOF error: reported once, as unclosed."""
    return "premature end" in str(error) or _error_pos(error) >= len(chunk.text.rstrip())


def _error_pos(error: PybtexSyntaxError) -> int:
    """Where the parser was when the error was raised (it has moved on since)."""
    info = error.error_context_info
    pos = info[-1] if isinstance(info, tuple) and info else error.parser.pos
    return min(int(pos), len(error.parser.text))


def _position(error: PybtexSyntaxError, chunk: Chunk) -> tuple[int, int | None]:
    text: str = error.parser.text
    pos = _error_pos(error)
    line = chunk.line + text.count("\n", 0, pos)
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


def _message(error: PybtexSyntaxError) -> str:
    if isinstance(error, UndefinedMacro):
        return f"undefined @string macro {error.args[0]!s}: kept its name as the value"
    return f"{error.error_type}: {Exception.__str__(error)}"
