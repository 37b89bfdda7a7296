"""Input decoding and whole-or-nothing output: the I/O rules every command shares."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refport.textio import decode, write_atomically


def test_utf8_bom_is_dropped() -> None:
    text, problems = decode("\ufeffTY  - JOUR\n".encode())
    assert text == "TY  - JOUR\n"
    assert problems == []


def test_windows_1251_is_detected_and_reported() -> None:
    data = "TI  - Как Россия проиграла во второй карабахской войне\n".encode("cp1251")
    text, problems = decode(data, "list.ris")
    assert text is not None and "Как Россия проиграла" in text
    assert [(p.code, p.severity, p.file, p.line) for p in problems] == [
        ("encoding", "warning", "list.ris", 1)
    ]
    assert "cp1251" in problems[0].message


def test_latin1_is_detected_and_reported() -> None:
    data = "author = {M\u00fcller, Kurt and G\u00f6del, Kurt}\n".encode("latin-1")
    text, problems = decode(data, "old.bib")
    assert text is not None and "Müller" in text and "Gödel" in text
    assert problems[0].severity == "warning" and "latin-1" in problems[0].message


def test_undecidable_bytes_are_refused_with_position() -> None:
    text, problems = decode(b"title = {ok}\nabc \x98\x99 def\n", "x.bib")
    assert text is None
    assert problems[0].severity == "error"
    assert (problems[0].line, problems[0].column) == (2, 5)


@given(st.text())
def test_any_utf8_text_decodes_unchanged(value: str) -> None:
    text, problems = decode(value.encode("utf-8"))
    expected = value[1:] if value.startswith("\ufeff") else value
    assert text == expected and problems == []


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bib"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "new content\n")
    assert target.read_text(encoding="utf-8") == "new content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bib"]


def test_failed_write_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.bib"
    target.write_text("old", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bib"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Gödel, Kurt", "latin-1"),
        ("Müßig, Jörg and Dvořák", "cp1251-never"),
        ("Київ: Інститут світової економіки", "cp1251"),
        ("Прерадовић, Никола. Косовско питање", "cp1251"),
        ("Љубљана и Њујорк", "cp1251"),
    ],
)
def test_legacy_encodings_are_recognised_not_guessed(text: str, encoding: str) -> None:
    if encoding == "cp1251-never":
        # "ř" exists in neither legacy encoding: such a file is UTF-8 or refused.
        data = text.encode("utf-8")
        assert decode(data)[0] == text
        return
    decoded, problems = decode(text.encode(encoding))
    assert decoded == text
    assert encoding in problems[0].message
