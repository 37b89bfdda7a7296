"""The public API: load, loads, dumps, dump and read_file, as a program uses them."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import refport
from refport.api import read_file
from refport.diagnostics import Diagnostic, RefportError
from refport.model import Reference

ROOT = Path(__file__).resolve().parents[1]
RIS = ROOT / "fixtures" / "dialects" / "zotero.ris"
BIBTEX = ROOT / "fixtures" / "dialects" / "zotero.bib"
MALFORMED = ROOT / "fixtures" / "malformed" / "bad-field.bib"
REFERENCES = [
    Reference("a", "article-journal", title="Çağdaş Türkiye", container_title="Journal"),
    Reference("b", "book", title="Как Россия проиграла", publisher="Наука"),
]

ids = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)
titles = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1)
    .map(str.strip)
    .filter(bool)
)


def test_loads_reads_a_string_and_names_the_format() -> None:
    result = refport.loads(RIS.read_text(encoding="utf-8-sig"))
    assert result.format == "ris"
    assert len(result) == 5 and result.diagnostics == []


def test_load_reads_a_path_and_sets_each_origin() -> None:
    result = refport.load(RIS)
    assert result.format == "ris"
    assert [r.origin.file for r in result] == [str(RIS)] * 5
    assert result.references[0].origin.line == 1


def test_load_reads_raw_bytes() -> None:
    assert len(refport.load(RIS.read_bytes())) == 5


def test_load_reports_legacy_bytes_and_decodes_them() -> None:
    data = "TY  - JOUR\nTI  - Как Россия проиграла во второй войне\nER  - \n".encode("cp1251")
    result = refport.load(data)
    assert result.references[0].title == "Как Россия проиграла во второй войне"
    assert [d.code for d in result.diagnostics] == ["encoding"]


def test_load_of_a_missing_file_is_a_diagnostic_not_an_exception(tmp_path: Path) -> None:
    result = refport.load(tmp_path / "missing.bib")
    assert len(result) == 0
    assert [d.code for d in result.diagnostics] == ["read-failed"]


def test_strict_load_raises_with_the_diagnostics(tmp_path: Path) -> None:
    with pytest.raises(RefportError) as raised:
        refport.load(MALFORMED, strict=True)
    assert any(d.refs == ("rose1998",) for d in raised.value.diagnostics)
    with pytest.raises(RefportError):
        refport.load(tmp_path / "missing.bib", strict=True)


def test_malformed_input_keeps_the_good_entries_and_says_where() -> None:
    result = refport.load(MALFORMED)
    assert [r.id for r in result] == ["abushov2019", "rose1998", "merom2003"]
    problem = result.diagnostics[0]
    assert (problem.file, problem.line, problem.refs) == (str(MALFORMED), 15, ("rose1998",))


def test_a_named_format_overrides_detection() -> None:
    result = refport.load(RIS, "ris")
    assert result.format == "ris" and len(result) == 5


def test_unknown_content_is_a_format_unknown_diagnostic() -> None:
    result = refport.loads("just words\n")
    assert result.format is None
    assert [d.code for d in result.diagnostics] == ["format-unknown"]


def test_dumps_writes_each_format() -> None:
    assert refport.dumps(REFERENCES, "csljson").lstrip().startswith("[")
    assert refport.dumps(REFERENCES, "ris").count("ER  - ") == 2
    assert refport.dumps(REFERENCES, "bibtex").count("@") == 2


def test_dumps_takes_writer_options() -> None:
    text = refport.dumps(REFERENCES[:1], "bibtex", ascii=True)
    assert text.isascii()


def test_dump_picks_the_format_by_extension(tmp_path: Path) -> None:
    target = tmp_path / "list.ris"
    assert refport.dump(REFERENCES, target) == []
    assert [r.title for r in refport.load(target)] == [r.title for r in REFERENCES]


def test_dump_without_a_known_extension_needs_a_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format="):
        refport.dump(REFERENCES, tmp_path / "list.txt")
    refport.dump(REFERENCES, tmp_path / "list.txt", "csljson")
    assert len(refport.load(tmp_path / "list.txt")) == 2


def test_dump_takes_a_generator_and_writes_it_whole(tmp_path: Path) -> None:
    target = tmp_path / "list.json"
    refport.dump((r for r in REFERENCES), target)
    assert [r.id for r in refport.load(target)] == ["a", "b"]


def test_dump_is_atomic_when_the_references_fail_part_way(tmp_path: Path) -> None:
    target = tmp_path / "list.json"
    target.write_text("old", encoding="utf-8")

    def failing() -> Iterator[Reference]:
        yield REFERENCES[0]
        raise RuntimeError("source broke")

    with pytest.raises(RuntimeError):
        refport.dump(failing(), target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["list.json"]


def test_dump_is_atomic_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "list.json"

    def refuse(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        refport.dump(REFERENCES, target)
    assert list(tmp_path.iterdir()) == []


def test_read_file_yields_entry_by_entry_with_its_format() -> None:
    reading = read_file(BIBTEX)
    assert reading.format is not None and reading.format.name == "bibtex"
    first = next(reading.items)
    assert isinstance(first, Reference)
    assert len([first, *reading.items]) == 6


def test_read_file_of_a_missing_file_yields_its_diagnostic(tmp_path: Path) -> None:
    reading = read_file(tmp_path / "none.ris")
    items = list(reading.items)
    assert reading.format is None
    assert isinstance(items[0], Diagnostic) and items[0].code == "read-failed"


def as_read_back(title: str, fmt: str) -> str:
    """What a title is after a round trip: BibTeX, like TeX, reads a run of
    spaces as one (README, "Lossy directions"); the other formats keep it."""
    return re.sub(" {2,}", " ", title) if fmt == "bibtex" else title


@pytest.mark.parametrize("fmt", ["csljson", "ris", "bibtex"])
@given(st.lists(st.tuples(ids, titles), min_size=1, max_size=5, unique_by=lambda p: p[0]))
def test_dump_then_load_keeps_ids_order_and_titles(fmt: str, items: list[tuple[str, str]]) -> None:
    references = [Reference(key, "book", title=title) for key, title in items]
    loaded = refport.loads(refport.dumps(references, fmt), fmt)
    assert [r.title for r in loaded] == [as_read_back(title, fmt) for _, title in items]
    if fmt != "ris":  # RIS keeps ids only when an ID tag is written
        assert [r.id for r in loaded] == [key for key, _ in items]
