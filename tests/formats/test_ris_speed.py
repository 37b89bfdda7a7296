"""The RIS reader's speed shortcuts give what the general code gives: the
splitter's inline TY/ER/blank/tag lines, the field choice without sorting,
and names shared between records through one `SeenNames`."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from refport.diagnostics import Diagnostic
from refport.formats import ris
from refport.formats import ris_tables as tables
from refport.formats.ris_ids import IdRegistry
from refport.formats.ris_lines import RawRecord, RecordSplitter, split_lines
from refport.formats.ris_read import (
    _field_plan,
    _read_fields,
    _read_type,
    _Record,
    build_reference,
)
from refport.formats.ris_values import doi_value

TAGS = (
    "TY", "ER", "AU", "A1", "A2", "ED", "TI", "T1", "T2", "T3", "JF", "JO", "JA", "J2",
    "BT", "ST", "M3", "PB", "CY", "VL", "IS", "DA", "PY", "KW", "N1", "SN", "U1", "ZZ",
)  # fmt: skip
VALUES = st.sampled_from(
    ["", " ", "JOUR", "BOOK", "CHAP", "Smith, J", "van Gils, Eske", "WHO", "doi: 10.1/x",
     "10.1234/abc", " x ", "2020", "2020/11/10/", "type: dataset", "\xa0y"]
)  # fmt: skip
#: The usual spelling half the time: the shortcuts take only that one.
SEPARATORS = st.just("  - ") | st.sampled_from([" - ", "\t- ", "  -", "-", ": ", "  - \t"])


@st.composite
def ris_lines(draw: st.DrawFn) -> str:
    """A tag line (usual or odd spelling), a blank line, a BOM'd line or text."""
    kind = draw(st.integers(0, 5))
    if kind < 2:  # often: blank runs and continued values are where the shortcuts end
        return draw(st.sampled_from(["", "", " ", "\t", "continued text"]))
    line = draw(st.sampled_from(TAGS)) + draw(SEPARATORS) + draw(VALUES)
    return "\ufeff" + line if kind == 2 else line


RIS_TEXTS = st.lists(ris_lines(), max_size=30).map(lambda lines: "\r\n".join(lines))


def general_split(text: str) -> list[RawRecord | Diagnostic]:
    """The splitter with every line through its general path (`_line`)."""
    splitter = RecordSplitter("t.ris")
    found: list[RawRecord | Diagnostic] = []
    for number, line in enumerate(split_lines(text), start=1):
        found += splitter._line(number, line.lstrip("\ufeff"))
    if splitter.record is not None:
        splitter._missing_er("the file ends inside this record (no ER line)", splitter.record.start)
        found.append(splitter.record)
    return found


@settings(max_examples=300)
@given(RIS_TEXTS)
def test_the_splitter_shortcuts_split_as_the_general_path(text: str) -> None:
    expected = general_split(text)
    assert list(RecordSplitter("t.ris").split(text)) == expected
    assert list(RecordSplitter("t.ris").split(io.StringIO(text))) == expected


def fields_by_sorting(record: _Record) -> None:
    """The field choice as first written: every candidate (priority, position), sorted."""
    pairs = tables.PAIRED_TAGS.get(record.csl_type, ())
    plan = _field_plan(record.csl_type, tuple(p.secondary in record.by_tag for p in pairs))
    candidates: dict[str, list[tuple[int, int]]] = {}
    for tag, indexes in record.by_tag.items():
        entry = plan.get(tag)
        if entry is None:
            continue
        priority, name = entry
        found = candidates.setdefault(name, [])
        found.extend((priority, index) for index in indexes if index not in record.consumed)
    for name, found in candidates.items():
        for _, index in sorted(found):
            if name in ("genre", "medium") and doi_value(record.value(index)):
                continue
            record.values[name] = record.take(index)
            break


RECORD_LINES = st.lists(st.tuples(st.sampled_from(TAGS[2:]), VALUES), max_size=20)
TYPE_TAGS = st.sampled_from([*tables.READ_TYPES, "XYZ", ""]) | st.none()


@given(TYPE_TAGS, RECORD_LINES)
def test_the_field_choice_is_the_best_candidate_of_a_sort(
    type_tag: str | None, lines: list[tuple[str, str]]
) -> None:
    def prepared() -> _Record:
        numbered = [(tag, value, number) for number, (tag, value) in enumerate(lines, start=2)]
        record = _Record(RawRecord(start=1, type_tag=type_tag, lines=numbered))
        _read_type(record)
        return record

    fast, general = prepared(), prepared()
    _read_fields(fast)
    fields_by_sorting(general)
    assert fast.values == general.values
    assert fast.consumed == general.consumed


NAME_VALUES = st.sampled_from(
    ["Smith, J", "Smith, J.", "van Gils, Eske", "Beethoven, Ludwig van", "WHO", "Ng, A, Jr.", ""]
)


@given(st.lists(st.lists(st.tuples(st.sampled_from(["AU", "A1", "A2", "ED"]), NAME_VALUES))))
def test_names_shared_between_records_read_as_names_parsed_anew(
    records: list[list[tuple[str, str]]],
) -> None:
    text = "".join(
        "TY  - JOUR\r\n" + "".join(f"{tag}  - {value}\r\n" for tag, value in lines) + "ER  - \r\n"
        for lines in records
    )
    ids = IdRegistry()
    anew = []
    for raw in RecordSplitter("t.ris").split(text):
        assert isinstance(raw, RawRecord)
        reference, diagnostics = build_reference(raw, ids, "t.ris")  # a fresh cache each time
        anew += [reference, *diagnostics]
    assert list(ris.read(text, filename="t.ris")) == anew
