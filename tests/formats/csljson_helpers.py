"""CSL-JSON in memory for the CSL-JSON tests (test_csljson, test_csljson_extras,
test_csljson_text): read and write a string, one item through the reader."""

from __future__ import annotations

import io
import json
from typing import Any

from tests.formats.format_helpers import split_events

from refport.diagnostics import Diagnostic
from refport.formats import csljson
from refport.formats.base import WriteOptions
from refport.model import Reference


def read(text: str, filename: str = "refs.json") -> tuple[list[Reference], list[Diagnostic]]:
    return split_events(csljson.read(text, filename=filename))


def write(references: list[Reference]) -> str:
    """The CSL-JSON text; fails the test if anything could not be written."""
    out = io.StringIO()
    assert csljson.write(references, out, WriteOptions()) == []
    return out.getvalue()


def one(item: dict[str, Any]) -> Reference:
    """A book item `a` with `item`'s variables, read without a diagnostic."""
    refs, diagnostics = read(json.dumps([{"id": "a", "type": "book", **item}]))
    assert diagnostics == []
    return refs[0]


def written_item(reference: Reference) -> dict[str, Any]:
    item: dict[str, Any] = json.loads(write([reference]))[0]
    return item
