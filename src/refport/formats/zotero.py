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
from typing import Any, TextIO

from refport.diagnostics import Diagnostic
from refport.formats.base import Format, TextSource, WriteOptions
from refport.formats.zotero_maps import (
    CSL_TYPE_OF_ITEM,
    FIELD_CANDIDATES,
    ITEM_TYPE_OF_CSL,
    ROLE_CREATOR_TYPES,
)
from refport.formats.zotero_read import reference_from_item
from refport.formats.zotero_write import item_from_reference
from refport.model import Origin, Reference

__all__ = ["FORMAT", "items_from_references", "mapping_table_markdown", "read", "sniff", "write"]


def items_from_references(references: Iterable[Reference]) -> Iterator[dict[str, Any]]:
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
    text = source if isinstance(source, str) else source.read()
    number = 0
    for position, value in _json_values(text, filename):
        if isinstance(value, Diagnostic):
            yield value
            return
        number += 1
        origin = Origin(filename, text.count("\n", 0, position) + 1)
        if not isinstance(value, dict):
            yield Diagnostic(
                "zotero-not-an-item", "error", f"entry {number} is not a JSON object; skipped",
                file=filename, line=origin.line,
            )  # fmt: skip
            continue
        yield reference_from_item(value, number=number, origin=origin)


def _json_values(text: str, filename: str | None) -> Iterator[tuple[int, Any]]:
    """Each top-level item with the offset where it starts (for line numbers)."""
    decoder = json.JSONDecoder()
    start = len(text) - len(text.lstrip("\ufeff \t\r\n"))
    if text[start:start + 1] != "[":
        yield from _single_value(decoder, text, start, filename)
        return
    position = start + 1
    while True:
        position = _skip(text, position, " \t\r\n,")
        if position >= len(text) or text[position] == "]":
            return
        try:
            value, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            yield position, _syntax_error(exc, filename)
            return
        yield position, value
        position = end


def _single_value(
    decoder: json.JSONDecoder, text: str, start: int, filename: str | None
) -> Iterator[tuple[int, Any]]:
    try:
        value, _ = decoder.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        yield start, _syntax_error(exc, filename)
        return
    items = value.get("items") if isinstance(value, dict) else None
    yield from ((start, item) for item in (items if isinstance(items, list) else [value]))


def _skip(text: str, position: int, characters: str) -> int:
    while position < len(text) and text[position] in characters:
        position += 1
    return position


def _syntax_error(exc: json.JSONDecodeError, filename: str | None) -> Diagnostic:
    return Diagnostic(
        "zotero-json-syntax", "error", f"not valid JSON: {exc.msg}; the rest is not read",
        file=filename, line=exc.lineno, column=exc.colno,
    )  # fmt: skip


def mapping_table_markdown() -> str:
    """The mapping tables as Markdown, for the README."""
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
