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

Speed: the common lines ("AU  - value", and TY, ER and blank lines between
records) are recognised by slicing, inline, not by the regular expression,
which only sees the unusual spellings; a string source is split once, a
stream in 64 KiB chunks (records still come one at a time).
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
LINE_END: Final = re.compile(r"\r\n|\r|\n")
#: Characters `str.splitlines` breaks at besides CR and LF; RIS breaks only at those.
_OTHER_BREAKS: Final = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CHUNK: Final = 1 << 16
_UPPER: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_UPPER_DIGIT: Final = _UPPER | frozenset("0123456789")
#: Every tag but TY and ER (which open and close records).
_BODY_TAGS: Final = frozenset(a + b for a in _UPPER for b in _UPPER_DIGIT) - {"TY", "ER"}
_MISSING_ER: Final = "ris-missing-er"

#: One tag line of a record: (tag, value, 1-based line number).
RisLine = tuple[str, str, int]
#: A problem kept until the record's key is known: (code, severity, message, line, column).
Problem = tuple[str, Severity, str, int, int | None]


@dataclass(slots=True)
class RawRecord:
    """One record as read: its lines (TY and ER excluded) and what went wrong."""

    start: int
    type_tag: str | None
    lines: list[RisLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def tag_line(text: str) -> tuple[str, str] | None:
    """(tag, value) when `text` is a tag line; the usual form without a regex."""
    if len(text) > 5 and text[2:6] == "  - " and text[0] in _UPPER and text[1] in _UPPER_DIGIT:
        return text[:2], text[6:].strip(" \t")
    match = TAG_LINE.match(text)
    if match is None:
        return ("ER", "") if BARE_ER.match(text) else None
    return match.group(1), match.group(2)


def split_lines(text: str) -> list[str]:
    """Split at CRLF, LF or CR only (not at the other breaks `splitlines` knows)."""
    if "\r" not in text:  # the usual text (universal newlines make every line end LF)
        return text.split("\n")
    if _OTHER_BREAKS.search(text) is None:
        lines = text.splitlines()
        if text.endswith(("\n", "\r")):
            lines.append("")
        return lines if text else [""]
    return LINE_END.split(text)


def physical_lines(source: str | TextIO) -> Iterator[list[str]]:
    """Blocks of consecutive lines: the whole text at once, or a stream chunk by chunk."""
    if isinstance(source, str):
        yield split_lines(source)
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
        pieces = split_lines(text)
        pending = pieces.pop() + pending
        yield pieces
    yield split_lines(pending)


class RecordSplitter:
    """Groups lines into records; yields records and the diagnostics for
    lines that belong to no record."""

    def __init__(self, filename: str | None) -> None:
        self.filename = filename
        self.record: RawRecord | None = None
        self.blank_run = 0

    def split(self, source: str | TextIO, first_line: int = 1) -> Iterator[RawRecord | Diagnostic]:
        number = first_line - 1
        append = None  # the current record's `lines.append`, for the usual line
        body_tags = _BODY_TAGS
        for block in physical_lines(source):
            first = number + 1
            for number, text in enumerate(block, first):  # `number` goes on in the next block
                if text[2:6] == "  - ":  # the usual spelling: no regex, no call
                    tag = text[:2]
                    if append is not None and tag in body_tags:
                        append((tag, text[6:].strip(" \t"), number))
                        continue
                    if tag == "ER" and self.record is not None:
                        self.blank_run = 0
                        record, self.record, append = self.record, None, None
                        yield record
                        continue
                    if tag == "TY" and self.record is None:
                        self.blank_run = 0
                        self.record = RawRecord(start=number, type_tag=text[6:].strip(" \t"))
                        append = self.record.lines.append
                        continue
                elif not text:  # a blank line (between records, usually)
                    self.blank_run += 1
                    append = None
                    continue
                found = self._line(number, text.lstrip("\ufeff"))
                if found:
                    yield from found
                append = self.record.lines.append if self.record is not None else None
                if append is not None and self.blank_run:
                    append = None  # the next tag line ends a blank run: the slow path resets it
        if self.record is not None:
            self._missing_er("the file ends inside this record (no ER line)", self.record.start)
            yield self.record

    def _line(self, number: int, text: str) -> list[RawRecord | Diagnostic]:
        """Any line but the usual one; what it completes or reports, if anything."""
        parts = tag_line(text)
        if parts is None:
            problem = self._text_line(number, text)
            return [problem] if problem is not None else []
        self.blank_run = 0
        tag, value = parts
        if tag == "TY" or tag == "ER" or self.record is None:
            return self._boundary(number, tag, value)
        self.record.lines.append((tag, value, number))
        return []

    def _boundary(self, number: int, tag: str, value: str) -> list[RawRecord | Diagnostic]:
        """TY and ER lines, and a tag line outside any record."""
        if tag == "TY":
            done: list[RawRecord | Diagnostic] = []
            if self.record is not None:
                self._missing_er(f"no ER line before the next record (line {number})", number)
                done.append(self.record)
            self.record = RawRecord(start=number, type_tag=value)
            return done
        if tag == "ER":
            if self.record is None:
                return [self._stray(number, "an ER line outside any record", "warning")]
            record, self.record = self.record, None
            return [record]
        self.record = RawRecord(start=number, type_tag=None)
        self.record.problems.append(
            ("ris-missing-ty", "warning",
             "record does not start with a TY line; read as a generic record", number, 1)
        )  # fmt: skip
        self.record.lines.append((tag, value, number))
        return []

    def _missing_er(self, message: str, line: int) -> None:
        assert self.record is not None
        self.record.problems.append((_MISSING_ER, "warning", message, line, None))

    def _text_line(self, number: int, text: str) -> Diagnostic | None:
        content = text.rstrip()
        if not content.strip():
            self.blank_run += 1
            return None
        record = self.record
        self.blank_run, blank_run = 0, self.blank_run
        if record is None:
            return self._stray(number, f"not a RIS tag line, outside any record: {_clip(content)}")
        if not record.lines:
            record.problems.append(
                ("ris-bad-line", "error",
                 f"not a RIS tag line, and no value to continue after TY: {_clip(content)}",
                 number, 1)
            )  # fmt: skip
            return None
        broken = BROKEN_TAG.match(content)
        if broken and broken.group(1) in SPEC_TAGS:
            record.problems.append(
                ("ris-bad-line", "error",
                 f"malformed {broken.group(1)} tag line, not read: {_clip(content)}", number, 1)
            )  # fmt: skip
            return None
        tag, value, line = record.lines[-1]
        record.lines[-1] = (tag, f"{value}{chr(10) * (1 + blank_run)}{content}", line)
        return None

    def _stray(self, number: int, message: str, severity: Severity = "error") -> Diagnostic:
        return Diagnostic(
            "ris-bad-line", severity, message, file=self.filename, line=number, column=1
        )


def _clip(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
