"""What every format module provides, and the registry that lists them.

A format module exposes `read(source, *, filename=None)` yielding references
and diagnostics one at a time (so large files stream), `write(references, out,
options)` consuming an iterable and returning the diagnostics of anything it
could not carry, and `sniff(head)` telling whether a text looks like it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final, TextIO, TypeVar

from refport.diagnostics import Diagnostic
from refport.model import Reference

#: A reader accepts a whole text or an open text stream.
TextSource = str | TextIO


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """Options shared by writers; each writer reads the ones it understands."""

    dialect: str | None = None  # "bibtex" | "biblatex" for the BibTeX writer
    ascii: bool = False  # LaTeX-encode non-ASCII (BibTeX)
    target: str | None = None  # "zotero": tune output to an importer


Reader = Callable[..., Iterator[Reference | Diagnostic]]
Writer = Callable[[Iterable[Reference], TextIO, WriteOptions], list[Diagnostic]]


#: Where a text can be cut: the offset of the first safe cut at or after a
#: position, or -1 when there is none yet.
Cutter = Callable[[str, int], int]


def cut_after(pattern: re.Pattern[str]) -> Cutter:
    """A cutter that cuts at the end of each match of `pattern`."""

    def cut(text: str, start: int) -> int:
        found = pattern.search(text, start)
        return found.end() if found else -1

    return cut


def as_is(piece: str, first: bool, last: bool) -> tuple[str, int]:
    return piece, 0


@dataclass(frozen=True, slots=True)
class Chunking:
    """How a format's text is cut between entries, and its output joined, so
    that a large file can be converted on several cores (`refport.parallel`).

    A cut is made only where nothing the reader remembers carries across it;
    what the parallel conversion cannot see from here (a key seen in another
    piece) it checks for itself.
    """

    #: A cutter for a text that starts with `head`, or None: not cuttable.
    cutter: Callable[[str], Cutter | None]
    #: A piece as a document of its own (`first`/`last`: at the file's ends),
    #: and how many lines that put before the piece's first.
    wrap: Callable[[str, bool, bool], tuple[str, int]] = as_is
    #: Whether the reader numbers entries (a piece is then told its first number).
    numbered: bool = False
    #: Found anywhere in the file, this means entries depend on one another.
    refuse: re.Pattern[bytes] | None = None
    #: The writer's output around and between entries.
    head: str = ""
    separator: str = ""
    tail: str = ""


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    read: Reader
    write: Writer
    sniff: Callable[[str], bool]
    defaults: WriteOptions = field(default_factory=WriteOptions)
    description: str = ""
    chunking: Chunking | None = None


_Key = TypeVar("_Key")
_Shared = TypeVar("_Shared")

#: How many values a reader's table of shared values keeps before it starts
#: again: a stream of unknown length must not grow it without end.
SHARED_MAX: Final = 20_000


def share(table: dict[_Key, _Shared], key: _Key, value: _Shared) -> _Shared:
    """Keep `value` for readers to hand out again under `key` (the model is
    immutable, so one object can serve every reference that has it)."""
    if len(table) >= SHARED_MAX:
        table.clear()
    table[key] = value
    return value


class FormatRegistry:
    """An explicit list of formats: nothing registers itself on import."""

    def __init__(self) -> None:
        self._formats: dict[str, Format] = {}

    def add(self, fmt: Format) -> None:
        if fmt.name in self._formats:
            raise ValueError(f"format {fmt.name!r} is already registered")
        self._formats[fmt.name] = fmt

    def get(self, name: str) -> Format:
        try:
            return self._formats[name.lower()]
        except KeyError:
            known = ", ".join(self.names())
            raise KeyError(f"unknown format {name!r} (known: {known})") from None

    def names(self) -> list[str]:
        return list(self._formats)

    def by_extension(self, filename: str) -> Format | None:
        """The format whose extension matches longest (".zotero.json" over ".json")."""
        lowered = filename.lower()
        matches = [
            (len(ext), fmt)
            for fmt in self._formats.values()
            for ext in fmt.extensions
            if lowered.endswith(ext)
        ]
        return max(matches, key=lambda match: match[0])[1] if matches else None

    def detect(self, head: str, filename: str | None = None) -> Format | None:
        """Content decides; the extension only breaks ties or fills a blank."""
        hint = self.by_extension(filename) if filename else None
        if hint is not None and hint.sniff(head):
            return hint
        for fmt in self._formats.values():
            if fmt.sniff(head):
                return fmt
        return hint
