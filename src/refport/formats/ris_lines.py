"""RIS line syntax: physical lines -> records of (tag, value, line) lines.

Tolerated, because files in the wild have them: CRLF, LF or CR line ends; a
UTF-8 BOM (at the start of any line, as concatenated files have them); one
or two spaces or a tab between tag and "-" ("TY - JOUR"); no space or
several after "-"; trailing spaces or tabs; blank lines anywhere; "ER  -"
with or without its trailing space (or a bare "ER"); no ER at the end of the
file or before the next TY (a warning). A line that is not a tag line
continues the previous value on a new line (EndNote wraps long abstracts
so); blank lines inside such a value are kept when text follows them. But a
line that starts like a known tag written wrongly ("PY: 1998", "AU -Smith")
is reported as `ris-bad-line` (error) and not read, rather than glued to the
previous value; so is text outside any record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final, TextIO

from refport.diagnostics import Diagnostic, Severity
from refport.formats.ris_tables import SPEC_TAGS

TAG_LINE: Final = re.compile(r"^([A-Z][A-Z0-9])(?: {1,2}|\t)-[ \t]*(.*?)[ \t]*$", re.DOTALL)
BARE_ER: Final = re.compile(r"^ER[ \t]*$")
#: "PY: 1998", "AU -Smith", "TI- x": a known tag written wrongly.
BROKEN_TAG: Final = re.compile(r"^([A-Z][A-Z0-9])[ \t]*[-:][ \t]*\S")
_CHUNK: Final = 1 << 16


@dataclass(slots=True)
class RisLine:
    tag: str
    value: str
    line: int


@dataclass(slots=True)
class RawRecord:
    """One record as read: its lines (TY and ER excluded) and what went wrong.

    Problems are kept as (code, severity, message, line, column) until the
    record's key is known.
    """

    start: int
    type_tag: str | None
    lines: list[RisLine] = field(default_factory=list)
    problems: list[tuple[str, Severity, str, int, int | None]] = field(default_factory=list)


def physical_lines(source: str | TextIO) -> Iterator[tuple[int, str]]:
    """(1-based number, text) for each line, split at CRLF, LF or CR only
    (not at the other characters `str.splitlines` breaks on)."""
    yield from enumerate(_split(source), start=1)


def _split(source: str | TextIO) -> Iterator[str]:
    if isinstance(source, str):
        yield from re.split(r"\r\n|\r|\n", source)
        return
    pending = ""
    while True:
        chunk = source.read(_CHUNK)
        if not chunk:
            break
        text = pending + chunk
        if text.endswith("\r"):  # a CRLF may be split across chunks
            text, pending = text[:-1], "\r"
        else:
            pending = ""
        pieces = re.split(r"\r\n|\r|\n", text)
        pending = pieces.pop() + pending
        yield from pieces
    yield from re.split(r"\r\n|\r|\n", pending)


class RecordSplitter:
    """Groups lines into records; yields records and the diagnostics for
    lines that belong to no record."""

    def __init__(self, filename: str | None) -> None:
        self.filename = filename
        self.record: RawRecord | None = None
        self.blank_run = 0

    def split(self, source: str | TextIO) -> Iterator[RawRecord | Diagnostic]:
        for number, text in physical_lines(source):
            yield from self._feed(number, text.lstrip("\ufeff"))
        if self.record is not None:
            self.record.problems.append(
                ("ris-missing-er", "warning", "the file ends inside this record (no ER line)",
                 self.record.start, None)
            )  # fmt: skip
            yield self.record

    def _feed(self, number: int, text: str) -> Iterator[RawRecord | Diagnostic]:
        match = TAG_LINE.match(text)
        if match is None and BARE_ER.match(text):
            match = TAG_LINE.match("ER  - ")
        if match is None:
            yield from self._text_line(number, text)
            return
        tag, value = match.group(1), match.group(2)
        self.blank_run = 0
        if tag == "TY":
            if self.record is not None:
                self.record.problems.append(
                    ("ris-missing-er", "warning",
                     f"no ER line before the next record (line {number})", number, None)
                )  # fmt: skip
                yield self.record
            self.record = RawRecord(start=number, type_tag=value)
        elif tag == "ER":
            if self.record is None:
                yield self._stray(number, "an ER line outside any record", "warning")
            else:
                yield self.record
                self.record = None
        else:
            if self.record is None:
                self.record = RawRecord(start=number, type_tag=None)
                self.record.problems.append(
                    ("ris-missing-ty", "warning",
                     "record does not start with a TY line; read as a generic record",
                     number, 1)
                )  # fmt: skip
            self.record.lines.append(RisLine(tag, value, number))

    def _text_line(self, number: int, text: str) -> Iterator[Diagnostic]:
        content = text.rstrip()
        if not content.strip():
            self.blank_run += 1
            return
        record = self.record
        if record is None:
            self.blank_run = 0
            yield self._stray(number, f"not a RIS tag line, outside any record: {_clip(content)}")
            return
        if not record.lines:
            record.problems.append(
                ("ris-bad-line", "error",
                 f"not a RIS tag line, and no value to continue after TY: {_clip(content)}",
                 number, 1)
            )  # fmt: skip
            self.blank_run = 0
            return
        broken = BROKEN_TAG.match(content)
        if broken and broken.group(1) in SPEC_TAGS:
            record.problems.append(
                ("ris-bad-line", "error",
                 f"malformed {broken.group(1)} tag line, not read: {_clip(content)}", number, 1)
            )  # fmt: skip
            self.blank_run = 0
            return
        last = record.lines[-1]
        last.value = f"{last.value}{chr(10) * (1 + self.blank_run)}{content}"
        self.blank_run = 0

    def _stray(self, number: int, message: str, severity: Severity = "error") -> Diagnostic:
        return Diagnostic(
            "ris-bad-line", severity, message, file=self.filename, line=number, column=1
        )


def _clip(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
