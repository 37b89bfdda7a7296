"""The Zotero JSON reader reads item by item (`jsonstream`), in bounded memory,
and gives what the former whole-text reader gave."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zotero_strategies import references

from refport.diagnostics import Diagnostic
from refport.formats import zotero
from refport.formats.zotero_read import reference_from_item
from refport.formats.zotero_write import item_from_reference
from refport.model import Origin, Reference

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "zotero"


def whole_text_read(text: str) -> list[Reference | Diagnostic]:
    """The reader as it was before it streamed (`json.loads` of the whole text),
    for valid JSON: an array of items, one item, or `{"items": [...]}`."""
    start = len(text) - len(text.lstrip("\ufeff \t\r\n"))
    decoder = json.JSONDecoder()
    values: list[tuple[int, Any]] = []
    if text[start] == "[":
        position = start + 1
        while True:
            while position < len(text) and text[position] in " \t\r\n,":
                position += 1
            if text[position] == "]":
                break
            value, end = decoder.raw_decode(text, position)
            values.append((position, value))
            position = end
    else:
        value, _ = decoder.raw_decode(text, start)
        items = value.get("items") if isinstance(value, dict) else None
        values = [(start, item) for item in (items if isinstance(items, list) else [value])]
    found: list[Reference | Diagnostic] = []
    for number, (position, value) in enumerate(values, start=1):
        origin = Origin(None, text.count("\n", 0, position) + 1)
        found.append(reference_from_item(value, number=number, origin=origin))
    return found


def comparable(found: list[Reference | Diagnostic]) -> list[object]:
    """References with their lines (equality ignores `origin`), diagnostics as data."""
    return [
        (item, item.origin.line) if isinstance(item, Reference) else (item.code, item.line)
        for item in found
    ]


class Trickle(io.StringIO):
    """Hands out a few characters per read, so items meet chunk boundaries."""

    def read(self, size: int | None = -1) -> str:
        return super().read(11)


def documents(items: list[dict[str, Any]]) -> list[str]:
    return [
        json.dumps(items, ensure_ascii=False, indent=2),
        json.dumps(items, ensure_ascii=False),
        "\ufeff" + json.dumps({"items": items}),
        json.dumps({"total": len(items), "items": items}),
        *([json.dumps(items[0], indent=1)] if items else []),
    ]


def test_the_api_fixture_reads_as_before_from_a_string_and_a_trickled_stream() -> None:
    text = (FIXTURES / "api-items.json").read_text(encoding="utf-8")
    expected = comparable(whole_text_read(text))
    assert len(expected) == 4
    assert comparable(list(zotero.read(text))) == expected
    assert comparable(list(zotero.read(Trickle(text)))) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(references(), max_size=4))
def test_generated_items_read_as_before_in_every_layout(refs: list[Reference]) -> None:
    items = [item_from_reference(ref) for ref in refs]
    items += [{"key": "ABCD2345", "data": items[0]}] if items else []
    for text in documents(items):
        expected = comparable(whole_text_read(text))
        assert comparable(list(zotero.read(text))) == expected
        assert comparable(list(zotero.read(Trickle(text)))) == expected


def test_a_broken_item_is_reported_at_its_line_and_the_items_after_it_still_load() -> None:
    text = '[{"itemType": "book", "title": "A"},\n {"itemType": },\n {"itemType": "book"}]'
    first, problem, last = zotero.read(text, filename="f.json")
    assert isinstance(first, Reference) and isinstance(last, Reference)
    assert isinstance(problem, Diagnostic)
    assert (problem.code, problem.line, problem.file) == ("zotero-json-syntax", 2, "f.json")


class Endless(io.TextIOBase):
    """A JSON array of `count` book items made while it is read, never held whole."""

    def __init__(self, count: int) -> None:
        self.parts = self._parts(count)
        self.size = 0
        self.pending = ""

    def _parts(self, count: int) -> Iterator[str]:
        yield "["
        for n in range(count):
            item = {"itemType": "book", "title": f"Book {n} " + "x" * 300, "citationKey": f"b{n}"}
            yield ("," if n else "") + "\n" + json.dumps(item)
        yield "\n]\n"

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        wanted = size if size is not None and size >= 0 else 1 << 30
        while len(self.pending) < wanted:
            part = next(self.parts, None)
            if part is None:
                break
            self.pending += part
        text, self.pending = self.pending[:wanted], self.pending[wanted:]
        self.size += len(text)
        return text


def test_a_large_stream_is_read_in_memory_far_below_its_size() -> None:
    stream = Endless(8_000)
    tracemalloc.start()
    try:
        count = 0
        for item in zotero.read(stream):
            assert isinstance(item, Reference)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 8_000 and stream.size > 2_500_000
    assert peak < stream.size / 6, (peak, stream.size)
