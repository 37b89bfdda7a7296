"""CSL-JSON as text: broken input still loads (with lines, columns and ids),
large input streams in and out, and the fast paths (the C scanner per entry,
names read once, the indented writer) give exactly what the plain ones give."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from tests.formats.csljson_helpers import read, write
from tests.formats.format_helpers import codes

from refport.diagnostics import Diagnostic
from refport.formats import csljson
from refport.formats.base import SHARED_MAX, WriteOptions
from refport.formats.csljson_decode import _ItemReader, item_to_reference
from refport.formats.csljson_dump import FlatObjects, dumps_indented
from refport.formats.csljson_plain import (
    SeenNames,
    plain_creator,
    plain_reference,
    read_pages,
)
from refport.model import Reference, parse_pages
from strategies import ALPHABET, json_values, reference_for

MALFORMED = Path(__file__).resolve().parents[2] / "fixtures" / "malformed"


# --- malformed input ------------------------------------------------------------------


def test_invalid_json_names_file_line_column_and_entry_and_the_rest_loads() -> None:
    path = MALFORMED / "invalid.json"
    refs, diagnostics = read(path.read_text(encoding="utf-8"), str(path))
    [error] = [d for d in diagnostics if d.severity == "error"]
    assert (error.code, error.file, error.refs) == ("json-invalid", str(path), ("rose1998",))
    assert (error.line, error.column) == (18, 5)
    assert [(r.id, r.origin.line) for r in refs] == [("abushov2019", 2), ("merom2003", 25)]


def test_a_top_level_items_object_is_read_with_an_info_diagnostic() -> None:
    refs, diagnostics = read((MALFORMED / "not-an-array.json").read_text(encoding="utf-8"))
    assert [(d.code, d.severity) for d in diagnostics] == [("json-not-array", "info")]
    assert [(r.id, r.origin.line) for r in refs] == [
        ("abushov2019", 3),
        ("rose1998", 15),
        ("merom2003", 26),
    ]


def test_a_single_top_level_object_is_read_as_one_entry() -> None:
    refs, diagnostics = read('\n{"id": "x", "type": "book", "title": "T"}')
    assert [(r.id, r.title, r.origin.line) for r in refs] == [("x", "T", 2)]
    assert codes(diagnostics) == ["json-not-array"]


BROKEN_MIDDLE = """[
  {"id": "a", "type": "book"},
  {"id": "b", "type": "book", "title": tru},
  {"id": "c", "type": "book"}
]"""


def test_a_broken_entry_is_skipped_with_its_line_column_and_id() -> None:
    refs, diagnostics = read(BROKEN_MIDDLE)
    assert [r.id for r in refs] == ["a", "c"]
    [error] = diagnostics
    assert (error.code, error.line, error.column, error.refs) == ("json-invalid", 3, 40, ("b",))


MISSING_BRACE = """[
  {
    "id": "a",
    "type": "book",
    "author": [{"family": "A"}
  },
  {
    "id": "b",
    "type": "book"
  }
]"""


def test_an_entry_whose_braces_never_balance_resynchronises_on_the_next_entry() -> None:
    refs, diagnostics = read(MISSING_BRACE)
    assert [(r.id, r.origin.line) for r in refs] == [("b", 7)]
    assert [(d.code, d.refs) for d in diagnostics] == [("json-invalid", ("a",))]


def test_text_between_entries_is_reported_and_skipped() -> None:
    refs, diagnostics = read('[{"id": "a", "type": "book"} // note\n, {"id": "b", "type": "book"}]')
    assert [r.id for r in refs] == ["a", "b"]
    assert [(d.code, d.severity, d.line) for d in diagnostics] == [("json-invalid", "error", 1)]


def test_a_missing_comma_between_entries_is_a_warning() -> None:
    refs, diagnostics = read('[{"id": "a", "type": "book"}\n {"id": "b", "type": "book"}]')
    assert [r.id for r in refs] == ["a", "b"]
    assert [(d.code, d.severity, d.line, d.column) for d in diagnostics] == [
        ("json-invalid", "warning", 2, 2)
    ]


def test_a_trailing_comma_is_a_warning() -> None:
    refs, diagnostics = read('[{"id": "a", "type": "book"},\n]')
    assert [r.id for r in refs] == ["a"]
    assert [(d.code, d.severity) for d in diagnostics] == [("json-invalid", "warning")]


def test_an_unclosed_array_keeps_its_entries() -> None:
    refs, diagnostics = read('[{"id": "a", "type": "book"},\n{"id": "b", "type": "book"}\n')
    assert [r.id for r in refs] == ["a", "b"]
    assert codes(diagnostics) == ["json-unterminated"]


def test_an_array_element_that_is_not_an_object_is_an_error() -> None:
    refs, diagnostics = read('[{"id": "a", "type": "book"}, "stray", {"id": "b", "type": "book"}]')
    assert [r.id for r in refs] == ["a", "b"]
    assert [(d.code, d.severity) for d in diagnostics] == [("json-invalid", "error")]
    assert "entry 2" in diagnostics[0].message


def test_text_that_is_not_json_is_an_error_with_its_position() -> None:
    refs, diagnostics = read("\n  @article{x, title={T}}")
    assert refs == []
    assert [(d.code, d.severity, d.line, d.column) for d in diagnostics] == [
        ("json-invalid", "error", 2, 3)
    ]


def test_an_invalid_single_object_gives_line_and_column() -> None:
    refs, diagnostics = read('{"id": "x",\n "type": }')
    assert refs == []
    assert [(d.code, d.line, d.column, d.refs) for d in diagnostics] == [
        ("json-invalid", 2, 10, ("x",))
    ]


def test_empty_input_is_a_warning() -> None:
    assert codes(read("  \n")[1]) == ["json-empty"]


def test_a_repeated_key_is_reported() -> None:
    refs, diagnostics = read('[{"id": "a", "type": "book", "title": "1", "title": "2"}]')
    assert refs[0].title == "2"
    assert [(d.code, d.field) for d in diagnostics] == [("json-key-repeated", "title")]


# --- streaming ---------------------------------------------------------------------------


def _big_document(count: int) -> str:
    items = [{"id": f"r{i}", "type": "book", "title": "Тема " * 10} for i in range(count)]
    return json.dumps(items, ensure_ascii=False, indent=2)


def test_a_stream_reads_the_same_as_a_string() -> None:
    text = _big_document(1500) + "\n"
    from_stream = list(csljson.read(io.StringIO(text), filename="s.json"))
    from_string = list(csljson.read(text, filename="s.json"))
    assert from_stream == from_string
    assert [r.origin.line for r in from_stream if isinstance(r, Reference)] == [
        r.origin.line for r in from_string if isinstance(r, Reference)
    ]


def test_reading_a_stream_yields_before_the_end_of_the_input() -> None:
    stream = io.StringIO(_big_document(3000))
    first = next(iter(csljson.read(stream)))
    assert isinstance(first, Reference)
    assert stream.tell() < len(stream.getvalue())


def test_writing_consumes_the_references_one_at_a_time() -> None:
    out = io.StringIO()

    def references() -> Iterator[Reference]:
        for i in range(3):
            if i:
                assert f'"id": "r{i - 1}"' in out.getvalue()
            yield Reference(f"r{i}")

    csljson.write(references(), out, WriteOptions())
    assert [item["id"] for item in json.loads(out.getvalue())] == ["r0", "r1", "r2"]


def test_a_broken_entry_in_a_stream_is_reported_at_its_line() -> None:
    text = _big_document(1000).replace('"id": "r900"', '"id": "r900" "x"')
    events = list(csljson.read(io.StringIO(text)))
    errors = [e for e in events if isinstance(e, Diagnostic)]
    assert [(e.refs, e.line) for e in errors] == [
        (("r900",), text[: text.index('"x"')].count("\n") + 1)
    ]
    assert sum(isinstance(e, Reference) for e in events) == 999


class Trickle(io.StringIO):
    """A stream that hands out a few characters per read, so that every entry,
    string and number of a document meets a chunk boundary somewhere."""

    def read(self, size: int | None = -1) -> str:
        return super().read(7)


def test_a_stream_read_in_tiny_chunks_reads_the_same_as_a_string() -> None:
    text = (MALFORMED.parent / "seeds" / "turan-2025.csl.json").read_text(encoding="utf-8")
    broken = text.replace('"type"', '"type" "x"', 3)
    for document in (text, broken, _big_document(40)):
        assert list(csljson.read(Trickle(document))) == list(csljson.read(document))


@given(st.lists(reference_for("csljson"), max_size=3), st.integers(0, 2))
def test_a_trickled_stream_of_generated_entries_reads_like_the_string(
    references: list[Reference], blank_lines: int
) -> None:
    text = "\n" * blank_lines + write(references)
    assert list(csljson.read(Trickle(text))) == list(csljson.read(text))


# --- fast paths ------------------------------------------------------------------------------


@given(json_values())
def test_the_indented_writer_writes_what_json_dumps_writes(value: object) -> None:
    for depth in (0, 1, 3):
        expected = json.dumps(value, ensure_ascii=False, indent=2).replace(
            "\n", "\n" + "  " * depth
        )
        assert dumps_indented(value, depth) == expected


def test_the_indented_writer_takes_lists_of_flat_objects_in_one_piece() -> None:
    names = [{"family": "Hasanoğlu", "given": "},\n{"}, {"literal": "ТАСС", "n": 1.5}]
    value = {"author": FlatObjects(names), "tuple": (1, [2]), "deep": [[[[{"a": {}}]]]]}
    assert dumps_indented(value, 1) == json.dumps(value, ensure_ascii=False, indent=2).replace(
        "\n", "\n  "
    )


@given(st.text(alphabet="0123456789-–—‒,; ivxIVX" + ALPHABET[:20], max_size=12))
def test_the_page_fast_path_agrees_with_parse_pages(text: str) -> None:
    assert read_pages(text) == parse_pages(text)


def test_the_same_author_read_twice_is_one_shared_value() -> None:
    author = {"family": "Preradović", "given": "Nikola"}
    refs, _ = read(
        json.dumps([{"id": f"r{i}", "type": "book", "author": [author]} for i in (1, 2)])
    )
    assert refs[0].creators[0] is refs[1].creators[0]


def test_the_names_remembered_stay_bounded_on_an_endless_stream() -> None:
    seen: SeenNames = {}
    for n in range(SHARED_MAX + 10):
        plain_creator("author", {"family": f"F{n}"}, seen)
    assert 0 < len(seen) <= SHARED_MAX


def test_a_name_with_other_keys_is_never_shared_and_keeps_them() -> None:
    names = [{"family": "Turan", "ORCID": "0000-0002-0227-6161"}, {"family": "Turan"}]
    items = [{"id": f"r{i}", "type": "book", "author": [name]} for i, name in enumerate(names)]
    refs, _ = read(json.dumps(items))
    assert [r.creators[0].name.orcid for r in refs] == ["0000-0002-0227-6161", None]


@given(st.lists(reference_for("csljson"), min_size=1, max_size=4))
def test_names_read_once_give_the_references_read_alone(references: list[Reference]) -> None:
    items = json.loads(write(references))
    seen: SeenNames = {}
    shared = [item_to_reference(item, seen=seen)[0] for item in items]
    assert shared == [item_to_reference(item)[0] for item in items]


@given(st.lists(reference_for("csljson"), min_size=1, max_size=4))
def test_the_plain_item_fast_path_agrees_with_the_full_reader(references: list[Reference]) -> None:
    for item in json.loads(write(references)):
        fast = plain_reference(item, "f.json", 3, {})
        full, diagnostics = _ItemReader(item, 1, "f.json", 3, {}).reference()
        assert fast is None or (fast, fast.origin, []) == (full, full.origin, diagnostics)


def test_the_fast_path_takes_plain_items_and_leaves_the_rest() -> None:
    plain = {
        "id": "a", "type": "book", "title": "T", "page": "1-2", "keyword": "x, y",
        "author": [{"family": "F", "given": "G"}], "issued": {"date-parts": [[2020]]},
    }  # fmt: skip
    assert plain_reference(plain, None, 1, {}) is not None
    odd = [
        {"volume": 3}, {"title": None}, {"custom": {}}, {"shortTitle": "S"}, {"x": "y"},
        {"author": [{"family": "F", "ORCID": "o"}]}, {"issued": {"date-parts": [["x"]]}},
    ]  # fmt: skip
    assert [plain_reference({**plain, **extra}, None, 1, {}) for extra in odd] == [None] * len(odd)
