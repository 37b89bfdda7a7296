"""Input decoding and whole-or-nothing output: the I/O rules every command shares."""

from __future__ import annotations

import io
import os
import stat
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refport import textio
from refport.textio import (
    PROGRESS_MIN_BYTES,
    AtomicOutput,
    InputStream,
    decode,
    open_input,
    progress_bar,
    read_input,
    write_atomically,
)


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


# --- streamed input ---------------------------------------------------------------


def stream_of(data: bytes, name: str = "in.ris") -> InputStream:
    return InputStream(io.BytesIO(data), name)


def read_in_pieces(stream: InputStream, size: int = 1000) -> str:
    pieces = []
    while piece := stream.read(size):
        pieces.append(piece)
    return "".join(pieces)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> int:
    """Chunks of 64 bytes, so that short texts cross many chunk edges."""
    monkeypatch.setattr(textio, "CHUNK", 64)
    return 64


def universal(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@given(st.text())
def test_a_stream_reads_any_utf8_text_as_universal_newlines(value: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textio, "CHUNK", 16)
        stream = stream_of(value.encode("utf-8"))
        expected = universal(value[1:] if value.startswith("\ufeff") else value)
        assert read_in_pieces(stream, 5) == expected
        assert stream.diagnostics == [] and not stream.failed


@given(st.text(alphabet="ab\r\nčЖ\u2028"))
def test_lines_split_only_at_line_ends_however_the_chunks_fall(value: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textio, "CHUNK", 8)
        lines = list(stream_of(value.encode("utf-8")))
    assert lines == io.StringIO(universal(value), newline="\n").readlines()


def test_a_small_input_is_decoded_exactly_as_a_whole_file() -> None:
    data = "TI  - Как Россия\r\n".encode("cp1251")
    stream = stream_of(data, "list.ris")
    assert stream.read() == universal(decode(data)[0] or "")
    assert stream.diagnostics == decode(data, "list.ris")[1]


def test_a_large_legacy_file_is_judged_by_its_first_chunk(small_chunks: int) -> None:
    data = "TI  - Как Россия проиграла во второй войне\n".encode("cp1251") * 10
    stream = stream_of(data, "list.ris")
    assert read_in_pieces(stream) == data.decode("cp1251")
    assert [(d.severity, d.line) for d in stream.diagnostics] == [("warning", 1)]
    assert "cp1251" in stream.diagnostics[0].message


def test_legacy_bytes_after_utf8_switch_the_rest_with_a_warning_at_that_line(
    small_chunks: int,
) -> None:
    head = b"TI  - plain ascii\n" * 10
    tail = "TI  - Как Россия проиграла\n".encode("cp1251") * 3
    stream = stream_of(head + tail, "list.ris")
    assert read_in_pieces(stream) == head.decode() + tail.decode("cp1251")
    problem = stream.diagnostics[0]
    assert (problem.severity, problem.line, problem.column) == ("warning", 11, 7)
    assert "cp1251" in problem.message and not stream.failed


def test_undecidable_bytes_part_way_end_the_input_there_with_an_error(small_chunks: int) -> None:
    head = "TI  - Ćirić\n".encode() * 10
    stream = stream_of(head + b"TI  - abc \x98\x99 def\nER  - \n", "list.ris")
    assert read_in_pieces(stream) == head.decode() + "TI  - abc "
    assert stream.failed
    problem = stream.diagnostics[0]
    assert (problem.severity, problem.line, problem.column) == ("error", 11, 11)


def test_a_character_split_across_chunks_is_decoded_whole(small_chunks: int) -> None:
    text = "a" * 63 + "Ж" + "b" * 100
    assert read_in_pieces(stream_of(text.encode())) == text


def test_a_crlf_split_across_chunks_is_one_line_end(small_chunks: int) -> None:
    text = "a" * 63 + "\r\n" + "b" * 100
    assert list(stream_of(text.encode())) == ["a" * 63 + "\n", "b" * 100]


def test_head_peeks_without_consuming(small_chunks: int) -> None:
    stream = stream_of(b"TY  - JOUR\n" * 20)
    assert stream.head(11) == "TY  - JOUR\n"
    assert stream.readline() == "TY  - JOUR\n"


def test_open_input_of_a_missing_file_is_a_read_failed_diagnostic(tmp_path: Path) -> None:
    stream, problems = open_input(str(tmp_path / "none.bib"))
    assert stream is None
    assert [(p.code, p.severity) for p in problems] == [("read-failed", "error")]


def test_open_input_refuses_undecidable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "x.bib"
    path.write_bytes(b"title = {ok}\nabc \x98\x99 def\n")
    stream, problems = open_input(str(path))
    assert stream is None and problems[0].line == 2


def test_read_input_gives_the_text_and_its_warnings(tmp_path: Path) -> None:
    path = tmp_path / "x.ris"
    path.write_bytes("TI  - Љубљана и Њујорк\n".encode("cp1251"))
    text, problems = read_input(str(path))
    assert text == "TI  - Љубљана и Њујорк\n" and problems[0].severity == "warning"


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert progress_bar(str(tmp_path), total=10**9) is None
    assert progress_bar(total=10**9, unit="check") is None
    assert capsys.readouterr().err == ""


def test_no_progress_bar_for_a_small_file_even_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "small.bib"
    path.write_text("@book{a,}\n", encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert progress_bar(str(path)) is None


def test_a_progress_bar_for_a_large_file_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "large.bib"
    with path.open("wb") as handle:
        handle.truncate(PROGRESS_MIN_BYTES)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    bar = progress_bar(str(path))
    assert bar is not None
    bar.update(10)
    bar.close()


def test_a_discarded_atomic_output_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    output = AtomicOutput(target)
    with output as handle:
        handle.write("partial")
        output.discard()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_an_output_that_is_a_pipe_or_device_is_written_to_not_replaced(tmp_path: Path) -> None:
    """`-o /dev/null` once renamed a temporary file over /dev/null; a named
    pipe stands in for the device here."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    write_atomically(pipe, "through the pipe\n")
    reader.join(timeout=10)
    assert received == ["through the pipe\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]
