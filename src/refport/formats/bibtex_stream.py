"""The reader's state across entries: where comments go, crossref/xdata
inheritance, duplicate keys, and holding back only what must wait.

References come out in file order, one at a time. An entry whose crossref or
xdata parent has not appeared yet waits (with the entries after it, to keep
the order) until the parent arrives; the last entry waits for the end of the
file, so @comment/@preamble text after it can be attached to it.

A parent may be named late, after it has gone by. Remembering every entry's
raw fields for that chance costs memory that grows with the file, so when the
input can be read again (`reread`), only the fields of entries already named
as a parent (and @xdata entries) are kept; a child naming an earlier parent
whose fields were not kept makes the stream read the file once more up to
that point, and keep every entry's fields from then on. Without `reread`
(standard input), every entry's fields are kept, as they must be.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final

from refport.diagnostics import Diagnostic
from refport.formats.bibtex_fields import KNOWN_FIELDS
from refport.formats.bibtex_parse import PassThrough, RawEntry
from refport.formats.bibtex_read import to_reference
from refport.formats.bibtex_tables import IN_TYPES, INHERIT_RENAMES, NOT_INHERITED
from refport.model import Reference

#: Entry types whose parent's author becomes the child's bookauthor.
_BOOKAUTHOR_CHILDREN: Final = frozenset({"inbook", "bookinbook", "suppbook"})


@dataclass
class _Waiting:
    entry: RawEntry
    before: list[str]
    parents: list[str]
    after: list[str] = field(default_factory=list)


#: What is remembered of every entry for later crossref/xdata children: entry
#: type, line and fields (None: not kept, see the module docstring), as plain
#: tuples (which the garbage collector stops tracking, so a large file's
#: memory is not walked again and again).
_Remembered = tuple[str, int, tuple[tuple[str, str], ...] | None]

#: Reads the same input again from its start, as raw entries.
Reread = Callable[[], Iterable[RawEntry | PassThrough | Diagnostic]]


def parent_keys(fields: Iterable[tuple[str, str]]) -> list[str]:
    """The (lower-cased) keys an entry inherits from: crossref, then xdata."""
    keys: list[str] = []
    for name, value in fields:
        lowered = name.lower()
        if lowered == "crossref":
            keys.append(value.strip().lower())
        elif lowered == "xdata":
            keys.extend(k.strip().lower() for k in value.split(",") if k.strip())
    return [k for k in keys if k]


class EntryStream:
    """Feed parsed items in file order; get references and diagnostics out."""

    def __init__(self, filename: str | None, reread: Reread | None = None) -> None:
        self.filename = filename
        self.raw: dict[str, _Remembered] = {}
        self.reread = reread
        self.keep_all = reread is None
        self.wanted: set[str] = set()  # keys named as a parent so far
        self.queue: deque[_Waiting] = deque()
        self.before: list[str] = []
        self.entries = 0

    def feed(self, item: RawEntry | PassThrough | Diagnostic) -> Iterator[Reference | Diagnostic]:
        if isinstance(item, Diagnostic):
            yield item
        elif isinstance(item, PassThrough):
            self.before.append(item.text)
        elif item.entry_type == "xdata":
            self.before.append(item.text)
            self.want(parent_keys(item.fields), item.line)
            self.remember(item)
            yield from self.release(final=False)
        else:
            yield from self.duplicate(item)
            self.entries += 1
            parents = parent_keys(item.fields)
            if parents:
                self.want(parents, item.line)
            self.remember(item)
            self.queue.append(_Waiting(item, self.before, parents))
            self.before = []
            yield from self.release(final=False)

    def finish(self) -> Iterator[Reference | Diagnostic]:
        if self.queue:
            self.queue[-1].after.extend(self.before)
        elif not self.entries:
            kept = f"; {len(self.before)} @comment/@preamble/@string block(s) are not carried over"
            yield Diagnostic(
                "bibtex-no-entries", "warning",
                "no BibTeX entries found" + (kept if self.before else ""), file=self.filename,
            )  # fmt: skip
        yield from self.release(final=True)

    def remember(self, entry: RawEntry) -> None:
        key = entry.key.lower()
        if key in self.raw:
            return
        keep = self.keep_all or key in self.wanted or entry.entry_type == "xdata"
        self.raw[key] = (entry.entry_type, entry.line, tuple(entry.fields) if keep else None)

    def want(self, parents: list[str], line: int) -> None:
        """Note the parents an entry names; one that went by unkept is read again."""
        self.wanted.update(parents)
        if not self.keep_all and any(
            key in self.raw and self.raw[key][2] is None for key in parents
        ):
            self.recover(line)

    def recover(self, line: int) -> None:
        """Read the input again up to `line` for the fields not kept; from
        now on keep every entry's fields (one extra pass at most)."""
        assert self.reread is not None
        self.keep_all = True
        for item in self.reread():
            if isinstance(item, RawEntry):
                if item.line >= line:
                    break
                key = item.key.lower()
                remembered = self.raw.get(key)
                if remembered is not None and remembered[2] is None:
                    self.raw[key] = (remembered[0], remembered[1], tuple(item.fields))

    def duplicate(self, entry: RawEntry) -> Iterator[Diagnostic]:
        first = self.raw.get(entry.key.lower())
        if first is not None and first[0] != "xdata":
            yield Diagnostic(
                "key-duplicate", "warning",
                f"citation key {entry.key} is used twice: line {first[1]} and line "
                f"{entry.line}; both entries are kept",
                refs=(entry.key,), line=entry.line, file=self.filename,
            )  # fmt: skip

    def release(self, *, final: bool) -> Iterator[Reference | Diagnostic]:
        while self.queue:
            head = self.queue[0]
            if not final and (len(self.queue) == 1 or not self.ready(head.parents, set())):
                return
            self.queue.popleft()
            yield from self.convert(head)

    def ready(self, parents: list[str], seen: set[str]) -> bool:
        for key in parents:
            if key in seen:
                continue
            parent = self.raw.get(key)
            if parent is None or not self.ready(parent_keys(parent[2] or ()), seen | {key}):
                return False
        return True

    def convert(self, waiting: _Waiting) -> Iterator[Reference | Diagnostic]:
        entry = waiting.entry
        for key in waiting.parents:
            if key not in self.raw:
                yield Diagnostic(
                    "crossref-missing", "warning",
                    f"{entry.key} inherits from {key}, which is not in the file",
                    refs=(entry.key,), line=entry.line, file=self.filename,
                )  # fmt: skip
        fields = entry.fields
        if waiting.parents:
            fields = fields + self.inherited(entry.entry_type, entry.fields, {entry.key.lower()})
        reference, diagnostics = to_reference(
            entry, fields, before=waiting.before, after=waiting.after, filename=self.filename
        )
        yield from diagnostics
        yield reference

    def inherited(
        self, entry_type: str, fields: Sequence[tuple[str, str]], seen: set[str]
    ) -> list[tuple[str, str]]:
        """Parent fields the entry lacks, renamed as biblatex does for "in" types."""
        have = {name.lower() for name, _ in fields}
        result: list[tuple[str, str]] = []
        for key in parent_keys(fields):
            parent = self.raw.get(key)
            if parent is None or key in seen:
                continue
            parent_type, _, kept = parent
            parent_fields = kept or ()
            more = self.inherited(parent_type, parent_fields, seen | {key})
            for name, value in [*parent_fields, *more]:
                target = self.target_name(name.lower(), entry_type)
                if target is not None and target not in have:
                    result.append((target, value))
                    have.add(target)
        return result

    @staticmethod
    def target_name(name: str, child_type: str) -> str | None:
        if name in NOT_INHERITED or name not in KNOWN_FIELDS:
            return None
        if child_type in IN_TYPES and name in INHERIT_RENAMES:
            if name == "author" and child_type not in _BOOKAUTHOR_CHILDREN:
                return name
            return INHERIT_RENAMES[name]
        return name
