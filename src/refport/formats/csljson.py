"""CSL-JSON (CSL 1.0.2 input data): the format closest to the model.

Mapping: every CSL variable the model has, by the tables in `csljson_tables`
(CSL key -> model field); names by role (the CSL name variables are the model's
`CREATOR_ROLES`); `page` -> `Pages` (text verbatim, first/last parsed);
`keyword` (one comma-separated string) <-> `keywords`; JSON numbers
(`"volume": 35`, `"id": 7`) are read as their decimal text.

Rich text: CSL's HTML-like markup (`<i>`, `<b>`, `<sup>`, `<sub>`,
`<span class="nocase">`, `<span style="font-variant:small-caps;">`) is the
model's canonical inline markup, so strings are kept verbatim, markup and case
included: titles and journal names never change case here (the BibTeX module
turns `{DNA}` into `<span class="nocase">DNA</span>` and back).

Dates: `date-parts` (ranges too), `season` (1-4; an end's season is written
as month 21-24, the only place CSL has for it), `circa`, `literal` and `raw`.
A `raw` date (or a bare date string) is parsed with `parse_date` for
start/end/circa and the text is kept in `Date.raw`. The writer always writes
`date-parts` when there is a start *and* `raw` when the model has one, even
when they agree: `raw` is how the source wrote the date ("2020/11" vs
"2020-11"), the schema allows both, and processors use `date-parts` first.

Script variants and ORCIDs go in `custom`, because the schema forbids extra
keys on items and names (`additionalProperties: false`):
`custom.multi.<CSL text variable>` maps a BCP 47 tag to the text;
`custom.multi.<role>` is a list parallel to that role's names, each element a
map tag -> `{family, given, literal}` or null; `custom.orcid.<role>` a
parallel list of ORCIDs or nulls (an `ORCID` key inside a name object, as
Crossref writes it, is read too). A malformed one is kept verbatim instead.

Everything else is kept in `Reference.extra` as ("csljson:<where>", JSON text)
and written back (see `csljson_extras`): schema keys the model lacks at the top
level; keys the schema does not know, or values of the wrong type, in
`custom.unknown-keys` (so the output validates); unknown keys inside a name as
"csljson:<role>[<i>].<key>" in `custom.unknown-name-keys`; other `custom`
keys as "csljson:custom.<key>". `null` for a variable the model has means
absent. Aliases (`shortTitle`, `journalAbbreviation`, `event`) are read when
the CSL key itself is missing.

Reading streams: the array is decoded entry by entry with json's C scanner,
each entry with its line numbers; a broken entry gives a `json-invalid`
diagnostic (line, column, id where it can be found) and the reader
resynchronises on the next entry. A top-level object is read as one entry
(or as `{"items": [...]}`) with an info diagnostic. A missing id becomes
`item-<n>` (n = position), a missing or unknown type `document` (the given
one kept), each with a warning; a repeated id is a `key-duplicate` warning
naming both lines, and both entries are kept. A name met again in the same
document is the same (immutable) `Creator`, which saves time and memory.
Writing streams too: one item at a time, 2-space indent (as `json.dumps`
writes it, built at C speed by `csljson_dump`), UTF-8, keys in a stable
order (id, type, then the table order, then `custom`).

`--for zotero` (`WriteOptions.target == "zotero"`) writes what Zotero's CSL
JSON importer keeps instead (`csljson_zotero`): the CSL type Zotero maps,
the variables the item type has, and everything else as Extra lines in
`note`; keywords cannot become tags there (one `zotero-tags-lost` warning).

Modules: `csljson_tables` (the mapping), `csljson_decode` (item -> model),
`csljson_encode` (model -> item), `csljson_dates`, `csljson_extras` (where
unmapped values live), `csljson_dump` (indented JSON text), `csljson_zotero`
(the Zotero target), `jsonstream` (the array, item by item, with lines).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Final, TextIO

from refport.diagnostics import Diagnostic
from refport.formats.base import (
    Chunking,
    Cutter,
    Format,
    TextSource,
    WriteOptions,
    cut_after,
)
from refport.formats.csljson_decode import item_to_reference, read_item
from refport.formats.csljson_dump import dumps_indented
from refport.formats.csljson_encode import NamesWritten, reference_to_item
from refport.formats.csljson_plain import SeenNames, plain_reference
from refport.formats.csljson_tables import (
    ALIASES,
    CUSTOM_MULTI,
    CUSTOM_ORCID,
    CUSTOM_UNKNOWN_KEYS,
    CUSTOM_UNKNOWN_NAME_KEYS,
    DATE,
    KEYWORDS,
    NAME_PARTS,
    NAME_SCHEMA_ONLY,
    NAMES,
    PAGES,
    SCHEMA_ONLY,
    VARIABLES,
)
from refport.formats.jsonstream import Item, Problem, iter_array
from refport.model import Reference

__all__ = [
    "FORMAT",
    "csl_to_reference",
    "mapping_table_markdown",
    "read",
    "reference_to_csl",
    "sniff",
    "write",
]

_SNIFF_OBJECT: Final = re.compile(r'"(?:type|id|items)"\s*:')
_ZOTERO_NATIVE: Final = re.compile(r'"itemType"\s*:')
_JSON_KINDS: Final = {bool: "a boolean", str: "a string", list: "a list", type(None): "null"}


def reference_to_csl(reference: Reference) -> dict[str, object]:
    """The CSL-JSON item for one reference (what `write` writes for it)."""
    return reference_to_item(reference)[0]


def csl_to_reference(
    item: Mapping[str, object], *, filename: str | None = None, line: int | None = None
) -> Reference:
    """The reference for one CSL-JSON item (use `read` for its diagnostics)."""
    return item_to_reference(item, filename=filename, line=line)[0]


def read(
    source: TextSource,
    *,
    filename: str | None = None,
    first_line: int = 1,
    first_number: int = 1,
) -> Iterator[Reference | Diagnostic]:
    """Yield references and diagnostics one at a time, in file order.
    `first_line`, `first_number`: where `source` starts, when it is a piece
    of a larger array."""
    lines_of_ids: dict[str, int] = {}
    seen: SeenNames = {}
    for event in iter_array(source, first_line, first_number):
        if isinstance(event, Problem):
            yield _problem_diagnostic(event, filename)
            continue
        if not isinstance(event.value, dict):
            yield _not_an_object(event, filename)
            continue
        reference = plain_reference(event.value, filename, event.line, seen)
        if reference is None:  # not plain: the full reader, with its diagnostics
            reference, diagnostics = read_item(
                event.value, index=event.number, filename=filename, line=event.line, seen=seen
            )
            yield from diagnostics
        if event.duplicate_keys:
            yield from _repeated_keys(event, reference.id, filename)
        known = len(lines_of_ids)
        first = lines_of_ids.setdefault(reference.id, event.line)
        if len(lines_of_ids) == known:  # the id was there already
            message = f"id {reference.id!r} at lines {first} and {event.line}"
            yield Diagnostic(
                "key-duplicate", "warning", message, refs=(reference.id,),
                field="id", line=event.line, file=filename,
            )  # fmt: skip
        yield reference


def _problem_diagnostic(problem: Problem, filename: str | None) -> Diagnostic:
    return Diagnostic(
        problem.code, problem.severity, problem.message,
        refs=(problem.key,) if problem.key else (),
        line=problem.line, column=problem.column, file=filename,
    )  # fmt: skip


def _not_an_object(item: Item, filename: str | None) -> Diagnostic:
    kind = _JSON_KINDS.get(type(item.value), "a number")
    preview = json.dumps(item.value, ensure_ascii=False)[:60]
    message = f"entry {item.number} is {kind}, not an object ({preview}); skipped"
    return Diagnostic(
        "json-invalid", "error", message, line=item.line, column=item.column, file=filename
    )


def _repeated_keys(item: Item, ident: str, filename: str | None) -> Iterator[Diagnostic]:
    for key in item.duplicate_keys:
        message = f"key {key!r} appears twice in an object; the last value is kept"
        yield Diagnostic(
            "json-key-repeated", "warning", message,
            refs=(ident,), field=key, line=item.line, file=filename,
        )  # fmt: skip


def write(references: Iterable[Reference], out: TextIO, options: WriteOptions) -> list[Diagnostic]:
    """Write a JSON array one item at a time; return what could not be carried.

    `options.target == "zotero"`: items as Zotero's importer keeps them
    (`csljson_zotero`)."""
    diagnostics: list[Diagnostic] = []
    zotero = None
    if options.target == "zotero":  # imported here: a plain run never loads Zotero's tables
        from refport.formats.csljson_zotero import ZoteroItems

        zotero = ZoteroItems()
    names_written: NamesWritten = {}
    separator = "[\n"
    for reference in references:
        item, problems = (
            zotero(reference) if zotero else reference_to_item(reference, names_written)
        )
        diagnostics.extend(problems)
        out.write(separator + _dump_item(item))
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")
    return diagnostics + zotero.finish() if zotero else diagnostics


def _dump_item(item: dict[str, object]) -> str:
    """The item indented inside the array (as `json.dumps(indent=2)`, one level in)."""
    text = "  " + dumps_indented(item, 1)
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a \ud800 escape: keep it escaped
        text = "  " + json.dumps(item, ensure_ascii=True, indent=2).replace("\n", "\n  ")
    return text


def sniff(head: str) -> bool:
    """A JSON array, or an object with CSL keys; not Zotero's native JSON."""
    text = head.lstrip(" \t\r\n\ufeff")
    if _ZOTERO_NATIVE.search(head):
        return False
    if text.startswith("["):
        return True
    return text.startswith("{") and _SNIFF_OBJECT.search(head) is not None


def mapping_table_markdown() -> str:
    """The mapping as Markdown tables, for the README."""
    roles = ", ".join(f"`{key}`" for key, _, kind in VARIABLES if kind == NAMES)
    rows = ["| CSL-JSON | model | note |", "| --- | --- | --- |"]
    rows += [
        f"| `{key}` | `{field}` | {_KIND_NOTES.get(kind, '')} |"
        for key, field, kind in VARIABLES
        if kind != NAMES
    ]
    rows.append(f"| {roles} | `creators` | one `Creator` per name, the key as its role |")
    rows += [
        f"| `{alias}` | as `{target}` | read only when `{target}` is absent |"
        for alias, target in ALIASES.items()
    ]
    names = ", ".join(f"`{key}` -> `{attr}`" for key, attr in NAME_PARTS)
    kept = ", ".join(f"`{key}`" for key in SCHEMA_ONLY if key not in ALIASES)
    name_kept = ", ".join(f"`{key}`" for key in sorted(NAME_SCHEMA_ONLY))
    custom = [
        "| `custom` key | model |",
        "| --- | --- |",
        f"| `{CUSTOM_MULTI}.<text variable>` | `variants` (BCP 47 tag -> text) |",
        f"| `{CUSTOM_MULTI}.<role>` | `Name.variants`, a list parallel to the role's names |",
        f"| `{CUSTOM_ORCID}.<role>` | `Name.orcid`, a list parallel to the role's names |",
        f"| `{CUSTOM_UNKNOWN_KEYS}.<key>` | `extra` `csljson:<key>` (keys the schema forbids) |",
        f"| `{CUSTOM_UNKNOWN_NAME_KEYS}.<role>` | `extra` `csljson:<role>[<i>].<key>` |",
        "| any other key | `extra` `csljson:custom.<key>` |",
    ]
    return "\n".join(
        [
            *rows,
            "",
            f"Name parts: {names}; `ORCID` in a name -> `orcid`.",
            "",
            f"Kept verbatim in `extra` (no model field): {kept}; in names: {name_kept}.",
            "",
            *custom,
        ]
    )


_KIND_NOTES: Final = {
    DATE: "`Date` (date-parts, season, circa, literal, raw)",
    PAGES: "`Pages`: text verbatim, first/last parsed",
    KEYWORDS: "comma-separated text <-> tuple",
}


#: An array printed one item per block or one item per line, as refport,
#: Zotero, citation-js and JSON-lines exports write it: "[", then each item
#: starting a line with "{" at one indentation.
_ARRAY_START: Final = re.compile(r"[ \t\n]*\[[ \t]*\n([ \t]*)\{")


def _item_separator(head: str) -> re.Pattern[str] | None:
    """A line ending with `},` before a line that opens an item at the items'
    indentation (a JSON string cannot hold a line break, so these are
    structure; a cut that lands inside an item anyway leaves a piece that
    does not parse, and the parallel run stops)."""
    found = _ARRAY_START.match(head)
    if found is None:
        return None
    indent = re.escape(found.group(1))
    return re.compile(rf"\}},[ \t]*\n(?={indent}\{{)")


def _item_cutter(head: str) -> Cutter | None:
    separator = _item_separator(head)
    return None if separator is None else cut_after(separator)


def _as_array(piece: str, first: bool, last: bool) -> tuple[str, int]:
    """A run of items as an array of its own: "[" on a line before it, and
    its last separating "," made the closing "]"."""
    if not last:
        comma = piece.rfind(",")
        piece = piece[:comma] + "]" + piece[comma + 1 :]
    return (piece, 0) if first else ("[\n" + piece, 1)


FORMAT: Final = Format(
    name="csljson",
    extensions=(".csl.json", ".json"),
    read=read,
    write=write,
    sniff=sniff,
    description="CSL-JSON (CSL 1.0.2 input data)",
    chunking=Chunking(
        _item_cutter,
        _as_array,
        numbered=True,
        head="[\n",
        separator=",\n",
        tail="\n]\n",
    ),
)
