"""The fast BibTeX reader: regular expressions for the common case, pybtex for the rest.

The reference path (`parser="pybtex"`) cuts the text into chunks line by line
(`bibtex_parse.chunks`) and hands every chunk to pybtex. This path gives the
same raw entries faster, and stays exact by only ever taking the common case:

* The text is cut at *line headers* (a line starting with `@type{` or
  `@type(`). The line chunker starts a new chunk at every line header whatever
  came before, so each such segment is read independently of the others.
* A segment is taken here only when it is one entry, `@type{key, name = value,
  ...}`, whose values are `{...}` (nesting at most `MAX_DEPTH` deep), `"..."`,
  a number, or a macro that is already defined, with no `#` concatenation, and
  when nothing but blank or `%` comment lines follows its closing brace.
  Then the chunker would make exactly this one closed chunk of it, and pybtex
  would read exactly these fields from it without an error.
* Anything else — @string/@preamble/@comment, `(` delimiters, an undefined
  macro, a syntax error, an unclosed entry, text between entries, a stream
  whose lines keep carriage returns — goes through the reference path,
  segment by segment, so it gives the same entries and the same diagnostics.

A text is read whole; a stream one segment at a time, as its lines come.

`tests/formats/test_bibtex_differential.py` checks both paths give equal
references and diagnostics on every fixture and on generated BibTeX.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from string import digits
from typing import Final, TextIO

from pybtex.database.input.bibtex import NAME_CHARS
from pybtex.utils import CaseInsensitiveDict

from refport.diagnostics import Diagnostic
from refport.formats.bibtex_parse import PASS_THROUGH, ChunkParser, PassThrough, RawEntry, chunks

#: Brace nesting the fast path reads inside one value (deeper goes to pybtex).
MAX_DEPTH: Final = 8


def _nested_braces(depth: int) -> str:
    """Text with balanced braces up to `depth` levels (possessive: no backtracking)."""
    inner = r"[^{}]*+"
    for _ in range(depth):
        inner = r"(?:[^{}]++|\{" + inner + r"\})*+"
    return inner


_NAME: Final = rf"[{re.escape(NAME_CHARS)}][{re.escape(NAME_CHARS + digits)}]*+"
_BRACED: Final = _nested_braces(MAX_DEPTH)
_QUOTED: Final = r'(?:[^"{}]++|\{' + _nested_braces(MAX_DEPTH - 1) + r"\})*+"
_VALUE: Final = rf'(?:\{{{_BRACED}\}}|"{_QUOTED}"|[0-9]++|{_NAME})'
_FIELD_TEXT: Final = rf"\s*+{_NAME}\s*+=\s*+{_VALUE}\s*+"
#: One field: its name and its value as written (delimiters included).
_FIELD: Final = re.compile(rf"\s*({_NAME})\s*=\s*({_VALUE})\s*,?")
_DELIMITED: Final = frozenset('{"')
#: A line header: where the line chunker always starts a new chunk.
_LINE_HEADER: Final = re.compile(r"^[ \t]*@[ \t]*[A-Za-z][\w:.+-]*[ \t]*[{(]", re.MULTILINE)
#: A whole segment that is one plain entry: `@type{key, fields}` (pybtex's
#: names and key), then blank or `%` comment lines only.
_ENTRY: Final = re.compile(
    rf"[ \t]*(@[ \t]*({_NAME})[ \t]*\{{\s*+([^\s,{{}}]++)\s*+,"
    rf"((?:{_FIELD_TEXT},)*+(?:{_FIELD_TEXT})?+)\s*+\}})"
    r"[^\S\n]*+(?:\n[^\S\n]*+(?:%[^\n]*+)?+)*+"
)


def scan_entry(
    text: str, start: int, end: int, macros: CaseInsensitiveDict
) -> tuple[str, str, list[tuple[str, str]], str] | None:
    """(entry type, key, fields, entry text) when `text[start:end]` is one entry
    that pybtex reads without an error and nothing else, else None."""
    whole = _ENTRY.fullmatch(text, start, end)
    if whole is None:
        return None
    entry_text, entry_type, key, _ = whole.groups()
    fields: list[tuple[str, str]] = []
    for name, value in _FIELD.findall(text, whole.start(4), whole.end(4)):
        if value[0] in _DELIMITED:
            fields.append((name, value[1:-1]))
        elif value[0] in digits:
            fields.append((name, value))
        elif value in macros:
            fields.append((name, str(macros[value])))
        else:
            return None
    return entry_type.lower(), key, fields, entry_text


class FastReader:
    """Raw entries, pass-through blocks and diagnostics, as `ChunkParser` gives them."""

    def __init__(self, filename: str | None) -> None:
        self.parser = ChunkParser(filename)

    def read(
        self, source: str | TextIO, first_line: int = 1
    ) -> Iterator[RawEntry | PassThrough | Diagnostic]:
        for text, block_line, lines in _blocks(source):
            line = block_line + first_line - 1
            if lines is not None:
                for chunk in chunks(lines, first_line=line):
                    yield from self.parser.parse(chunk)
            else:
                yield from self.read_block(text, line)

    def read_block(
        self, text: str, first_line: int
    ) -> Iterator[RawEntry | PassThrough | Diagnostic]:
        """Segments between line headers: the fast path, else the reference path."""
        starts = [match.start() for match in _LINE_HEADER.finditer(text)]
        bounds = zip([0, *starts], [*starts, len(text)], strict=True)
        line, counted = first_line, 0
        for index, (start, end) in enumerate(bounds):
            if start == end:
                continue
            line += text.count("\n", counted, start)
            counted = start
            entry = self.fast_entry(text, start, end, line) if index else None
            if entry is not None:
                yield entry
            else:
                for chunk in chunks(_split_lines(text[start:end]), first_line=line):
                    yield from self.parser.parse(chunk)

    def fast_entry(self, text: str, start: int, end: int, line: int) -> RawEntry | None:
        scanned = scan_entry(text, start, end, self.parser.macros)
        if scanned is None or scanned[0] in PASS_THROUGH:
            return None
        entry_type, key, fields, entry_text = scanned
        return RawEntry(entry_type, key, fields, line, entry_text, [])


def _split_lines(text: str) -> list[str]:
    """Lines as a text stream yields them: split at "\\n" only, ends kept."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _blocks(source: str | TextIO) -> Iterator[tuple[str, int, list[str] | None]]:
    """(text, its first line number, None) for the fast path, or (…, lines) when
    the lines must go to the line chunker as they are (a carriage return in a
    stream read without newline translation)."""
    if isinstance(source, str):
        if "\r" in source:
            source = source.replace("\r\n", "\n").replace("\r", "\n")
        yield source, 1, None
        return
    yield from _stream_blocks(source)


def _stream_blocks(lines: Iterable[str]) -> Iterator[tuple[str, int, list[str] | None]]:
    """One segment at a time (cut before each line header), so a stream is read
    no further ahead than the entry being returned."""
    pending: list[str] = []
    first_line = 1
    for line_number, line in enumerate(lines, start=1):
        if pending and line.lstrip(" \t")[:1] == "@" and _LINE_HEADER.match(line):
            yield _block(pending, first_line)
            pending, first_line = [], line_number
        pending.append(line)
    if pending:
        yield _block(pending, first_line)


def _block(lines: list[str], first_line: int) -> tuple[str, int, list[str] | None]:
    text = "".join(lines)
    return text, first_line, lines if "\r" in text else None
