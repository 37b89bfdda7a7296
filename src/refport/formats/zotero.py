"""Zotero item JSON: the item format of the Zotero Web API v3.

`refport convert INPUT -t zotero` writes a JSON array of items that
`POST /users/<id>/items` accepts (`itemType`, the type's own fields,
`creators`, `tags`, `extra`); the reader accepts that array, a single item,
or API responses (items wrapped in `data`). Where each model field lands is
decided by the tables in `zotero_maps`; see `mapping_table_markdown()`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, Final, TextIO

from refport.diagnostics import Diagnostic
from refport.formats.base import Format, TextSource, WriteOptions
from refport.formats.jsonstream import Problem, iter_array
from refport.model import Origin, Reference

__all__ = ["FORMAT", "items_from_references", "mapping_table_markdown", "read", "sniff", "write"]


# The reader, writer and tables are imported where they are used: every
# conversion registers this format, and only a Zotero one should load them.


def items_from_references(references: Iterable[Reference]) -> Iterator[dict[str, Any]]:
    from refport.formats.zotero_write import item_from_reference

    for reference in references:
        yield item_from_reference(reference)


def write(references: Iterable[Reference], out: TextIO, options: WriteOptions) -> list[Diagnostic]:
    """A JSON array of items; nothing the model holds is dropped, so no diagnostics."""
    out.write("[")
    for number, item in enumerate(items_from_references(references)):
        out.write(",\n" if number else "\n")
        out.write(json.dumps(item, ensure_ascii=False, indent=2))
    out.write("\n]\n")
    return []


def sniff(head: str) -> bool:
    stripped = head.lstrip("\ufeff \t\r\n")
    return stripped[:1] in ("[", "{") and '"itemType"' in stripped


def read(source: TextSource, *, filename: str | None = None) -> Iterator[Reference | Diagnostic]:
    """The items one at a time (`jsonstream`: a stream is never held whole), a
    broken item reported at its line and skipped."""
    from refport.formats.zotero_read import reference_from_item

    number = 0
    wrapper = False
    for event in iter_array(source):
        if isinstance(event, Problem):
            wrapper = event.code == _NOT_ARRAY
            if not wrapper:  # one item, or {"items": [...]}: both are API responses
                yield _problem_diagnostic(event, filename)
            continue
        for value in _unwrapped(event.value) if wrapper else (event.value,):
            number += 1
            origin = Origin(filename, event.line)
            if isinstance(value, dict):
                yield reference_from_item(value, number=number, origin=origin)
            else:
                yield Diagnostic(
                    "zotero-not-an-item", "error", f"entry {number} is not a JSON object; skipped",
                    file=filename, line=origin.line,
                )  # fmt: skip
        wrapper = False


_NOT_ARRAY: Final = "json-not-array"
#: jsonstream's codes for text that is not JSON, as this reader has always named them.
_CODES: Final = {"json-invalid": "zotero-json-syntax"}


def _unwrapped(value: object) -> list[Any]:
    """A top-level object: its `items` list (an API response), else itself."""
    items = value.get("items") if isinstance(value, dict) else None
    return items if isinstance(items, list) else [value]


def _problem_diagnostic(problem: Problem, filename: str | None) -> Diagnostic:
    return Diagnostic(
        _CODES.get(problem.code, problem.code), problem.severity, problem.message,
        refs=(problem.key,) if problem.key else (),
        file=filename, line=problem.line, column=problem.column,
    )  # fmt: skip


def mapping_table_markdown() -> str:
    """The mapping tables as Markdown, for the README."""
    from refport.formats.zotero_maps import (
        CSL_TYPE_OF_ITEM,
        FIELD_CANDIDATES,
        ITEM_TYPE_OF_CSL,
        ROLE_CREATOR_TYPES,
    )

    lines = ["| CSL type | Zotero item type |", "| --- | --- |"]
    lines += [f"| `{csl}` | `{item}` |" for csl, item in sorted(ITEM_TYPE_OF_CSL.items())]
    lines += ["", "| Zotero item type | CSL type when read |", "| --- | --- |"]
    lines += [f"| `{item}` | `{csl}` |" for item, csl in sorted(CSL_TYPE_OF_ITEM.items())]
    lines += ["", "| model field | Zotero fields tried, in order (else Extra) |", "| --- | --- |"]
    for name, candidates in FIELD_CANDIDATES.items():
        shown = ", ".join(f"`{c}`" for c in candidates) or "— (Extra)"
        lines.append(f"| `{name}` | {shown} |")
    lines += ["", "| CSL role | Zotero creator types tried (else Extra) |", "| --- | --- |"]
    for role, types in ROLE_CREATOR_TYPES.items():
        shown = ", ".join(f"`{t}`" for t in types) or "— (Extra)"
        lines.append(f"| `{role}` | {shown} |")
    return "\n".join(lines) + "\n"


FORMAT = Format(
    name="zotero",
    extensions=(".zotero.json",),
    read=read,
    write=write,
    sniff=sniff,
    description="Zotero item JSON (Web API v3 item format)",
)
