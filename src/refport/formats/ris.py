"""RIS (Research Information Systems), as Zotero, EndNote and Mendeley write it.

Reading streams: one record at a time from a string or an open text stream;
each record gives its `Reference` and then its diagnostics. Writing consumes
an iterable and writes CRLF line ends, as the RIS specification and Zotero
do (open files with `newline=""` so that Python does not translate them).

Conventions (the mapping tables are in `ris_tables`, rendered by
`mapping_table_markdown()`):

* Dates: `DA` (YYYY/MM/DD/other) is the date; `PY` (year) is used when there
  is no dated `DA`, `Y1` after both; `Y2` is the access date and never the
  issued year. EndNote's year-less `DA` ("Nov 10") joins `PY`'s year. A `PY`
  that disagrees with `DA` stays in `extra` with a warning.
* Names: "Family, Given, Suffix"; one field without a comma is an
  organisation (`literal`); lower-case particles as in CSL-JSON.
* Repeated single-valued tags (UR, N1, DO, TI ...): the first is the field,
  the others stay in `extra` as ("ris:<TAG>", value) and are written back.
* A record without `ID` gets one made from the first creator's family name
  and the year ("dvorak2020", then "dvorak2020a" ...), without a diagnostic
  (most exporters write no ID). Duplicate IDs give `key-duplicate`; both
  records are kept.
* What RIS has no tag for is written on `U1` lines ("User definable 1" in the
  RIS spec) as `key: value`: the CSL type when TY cannot say it, fields and
  roles without a tag for the type, text and name variants, ORCIDs. `TT`
  holds the English title (`TextVariant("title", "en", ...)`).
* Values are stripped of surrounding blanks; an empty value is no value.
  Creators come back grouped by role (RIS keeps the order within a role).

`WriteOptions(target="zotero")` (`-t ris --for zotero`) writes RIS for
Zotero's importer instead: `ris_zotero` (TY and tags as Zotero's RIS.js reads
them per item type, everything else on `M2` lines, which Zotero keeps in
Extra); `zotero_mapping_table_markdown()` renders its type table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Final, TextIO

from refport.diagnostics import Diagnostic
from refport.formats import ris_tables as tables
from refport.formats.base import (
    Chunking,
    Cutter,
    Format,
    TextSource,
    WriteOptions,
    cut_after,
)
from refport.formats.ris_ids import IdRegistry
from refport.formats.ris_lines import RecordSplitter
from refport.formats.ris_read import SeenNames, build_reference
from refport.formats.ris_write import format_record, record_lines
from refport.model import CSL_TYPES, Reference

_TY_LINE: Final = re.compile(r"^TY(?: {1,2}|\t)-")
_SNIFF_LINES: Final = 10


def read(
    source: TextSource, *, filename: str | None = None, first_line: int = 1
) -> Iterator[Reference | Diagnostic]:
    """References and diagnostics, one record at a time. `first_line`: the
    line `source` starts on, when it is a piece of a larger file."""
    ids = IdRegistry()
    seen: SeenNames = {}
    previous: str | None = None
    for item in RecordSplitter(filename).split(source, first_line):
        if isinstance(item, Diagnostic):
            yield _after(item, previous)
            continue
        reference, diagnostics = build_reference(item, ids, filename, seen)
        previous = reference.id
        yield reference
        yield from diagnostics


def _after(diagnostic: Diagnostic, previous: str | None) -> Diagnostic:
    """A line outside any record is reported against the record before it."""
    if previous is None:
        return diagnostic
    return replace(
        diagnostic,
        refs=(previous,),
        message=f"{diagnostic.message} (after record {previous!r})",
    )


def write(references: Iterable[Reference], out: TextIO, options: WriteOptions) -> list[Diagnostic]:
    """Write RIS records; returns what could not be written faithfully. With
    `options.target == "zotero"`, RIS for Zotero's importer (`ris_zotero`)."""
    diagnostics: list[Diagnostic] = []
    seen: set[str] = set()
    if options.target == "zotero":  # imported here: a plain run never loads Zotero's tables
        from refport.formats.ris_zotero import zotero_record_lines
    for reference in references:
        if reference.id in seen:
            diagnostics.append(
                Diagnostic(
                    "key-duplicate",
                    "warning",
                    f"ID {reference.id!r} is written for more than one record",
                    refs=(reference.id,),
                )
            )
        seen.add(reference.id)
        if options.target == "zotero":
            out.write(format_record(zotero_record_lines(reference)))
            continue
        lines, problems = record_lines(reference)
        out.write(format_record(lines))
        diagnostics += [
            Diagnostic(code, "warning", message, refs=(reference.id,)) for code, message in problems
        ]
    return diagnostics


def sniff(head: str) -> bool:
    """A `TY  - ` line among the first non-blank lines."""
    lines = [line for line in head.lstrip("\ufeff").splitlines() if line.strip()]
    return any(_TY_LINE.match(line.lstrip("\ufeff")) for line in lines[:_SNIFF_LINES])


#: Between records: an ER line, blank lines, then a TY line (both spelt the
#: usual way). Nothing a record reads carries over its ER line but its ID.
_BETWEEN_RECORDS: Final = re.compile(r"^ER  -[^\n]*\n(?:[ \t]*\n)*(?=TY  - )", re.MULTILINE)


def _record_cutter(head: str) -> Cutter | None:
    """Records without ID lines (Zotero's export) are not cut: the ID made for
    one from name and year depends on every record before it."""
    return cut_after(_BETWEEN_RECORDS) if "\nID  - " in head else None


FORMAT: Final = Format(
    name="ris",
    extensions=(".ris",),
    read=read,
    write=write,
    sniff=sniff,
    description="RIS, as Zotero, EndNote and Mendeley write it",
    chunking=Chunking(_record_cutter),
)


# --- documentation --------------------------------------------------------------------------


def mapping_table_markdown() -> str:
    """The mapping tables as Markdown, for the README."""
    return "\n\n".join(
        (
            _types_table(),
            _tags_table(),
            _per_type_table(),
            _roles_table(),
            _conventions_table(),
        )
    )


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _types_table() -> str:
    rows = [
        (
            f"`{ris}`",
            f"`{csl}`",
            "both" if d == "both" else f"read (written as `{tables.WRITE_TYPES[csl]}`)",
        )
        for ris, csl, d in tables.TYPES
    ]
    rows += [
        (f"`{ris}`", f"`{csl}`", f"write, with `U1  - type: {csl}`")
        for csl, ris in tables.WRITE_FALLBACK_TYPES.items()
    ]
    intro = "**RIS types.** An unknown `TY` reads as `document`; the original is kept in extra."
    return intro + "\n\n" + _table(("TY", "CSL type", "direction"), rows)


def _tags_table() -> str:
    rows = [(f"`{tag}`", f"`{name}`") for tag, name in tables.FIELD_TAGS.items()]
    rows += [(f"`{tag}`", text) for tag, text in tables.SPECIAL_TAGS.items()]
    rows += [(f"`{tag}`", f"`{name}` (read only)") for tag, name in tables.FIELD_ALIASES.items()]
    rows += [
        (f"`{tag}`", f"as `{main}` (read only)") for tag, main in tables.ROLE_TAG_ALIASES.items()
    ]
    rows += [(f"`{tag}`", f"`{role}` (read only)") for tag, role in tables.FIXED_ROLE_TAGS.items()]
    intro = "**Tags.** Any other tag is kept in extra as `ris:<TAG>` and written back."
    return intro + "\n\n" + _table(("tag", "model field"), rows)


def _per_type_table() -> str:
    rows = [
        (
            f"`{csl}`",
            ", ".join(
                f"`{tag}` → {f'`{name}`' if name else 'extra'}" for tag, name in tags.items()
            ),
        )
        for csl, tags in tables.TYPE_FIELD_TAGS.items()
    ]
    rows += [
        (f"`{csl}`", f"`{p.primary}` → `{p.field}`; with `{p.secondary}` present: "
         f"`{p.secondary}` → `{p.field}`, `{p.primary}` → `{p.paired_field}`")
        for csl, pairs in tables.PAIRED_TAGS.items()
        for p in pairs
    ]  # fmt: skip
    rows.append(("serials", "`SN` → `issn` (" + ", ".join(sorted(tables.SERIAL_TYPES)) + ")"))
    return "**Per-type tags.**\n\n" + _table(("CSL type", "tags"), rows)


def _roles_table() -> str:
    rows = [("all", ", ".join(f"`{t}` → `{r}`" for t, r in tables.ROLE_TAGS.items()))]
    rows += [
        (f"`{csl}`", ", ".join(f"`{t}` → `{r}`" for t, r in roles.items()))
        for csl, roles in tables.TYPE_ROLE_TAGS.items()
    ]
    return "**Creator roles.**\n\n" + _table(("CSL type", "tags"), rows)


def _conventions_table() -> str:
    rows = [(f"`U1  - {form}`", text) for form, text in tables.U1_FORMS]
    intro = "**refport convention lines** (`U1`, one `key: value` each; keys are model names)."
    return intro + "\n\n" + _table(("line", "meaning"), rows)


def zotero_mapping_table_markdown() -> str:
    """`--for zotero`: the TY written per CSL type and the Zotero item type it imports as."""
    from refport.formats import ris_zotero_tables as zotero_tables
    from refport.formats.ris_zotero import zotero_item_type
    from refport.formats.zotero_maps import CSL_TYPE_OF_ITEM

    rows = []
    for csl in sorted(CSL_TYPES):
        item_type = zotero_item_type(csl)
        note = "" if CSL_TYPE_OF_ITEM[item_type] == csl else f"`M2  - type: {csl}`"
        rows.append((f"`{csl}`", f"`{zotero_tables.write_type(item_type, csl)}`",
                     f"`{item_type}`", note))  # fmt: skip
    intro = (
        "**RIS for Zotero** (`--for zotero`). Fields go under the tag Zotero's RIS.js "
        "reads for the item type; the rest on `M2` lines, which Zotero keeps in Extra."
    )
    return intro + "\n\n" + _table(("CSL type", "TY", "Zotero item type", "Extra"), rows)
