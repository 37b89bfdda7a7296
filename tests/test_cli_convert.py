"""`refport convert`: every format to every other through the model, standard
input and output, exit codes, diagnostics with file:line and key, streaming
output written whole or not at all, and never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TextIO

import pytest

import refport
from refport.api import registry
from refport.cli import main
from refport.diagnostics import Diagnostic
from refport.formats.base import TextSource, WriteOptions
from refport.model import Reference

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
#: One fixture per readable format.
SOURCES = {
    "bibtex": FIXTURES / "dialects" / "zotero.bib",
    "biblatex": FIXTURES / "dialects" / "zotero-biblatex.bib",
    "csljson": FIXTURES / "seeds" / "turan-2025.csl.json",
    "ris": FIXTURES / "dialects" / "zotero.ris",
    "zotero": FIXTURES / "zotero" / "api-items.json",
}
EXTENSIONS = {"bibtex": "bib", "biblatex": "bib", "csljson": "json", "ris": "ris",
              "zotero": "zotero.json"}  # fmt: skip
FORMATS = registry().names()
PAIRS = [(source, target) for source in FORMATS for target in FORMATS]


def convert(*args: str) -> int:
    return main(["convert", *args])


def source_of(name: str) -> Path:
    path = SOURCES[name]
    if not path.is_file():
        pytest.skip(f"fixture {path.name} is not there yet")
    return path


def test_every_readable_format_has_a_fixture() -> None:
    assert set(SOURCES) == set(FORMATS)


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_every_format_converts_to_every_other_keeping_every_reference(
    source: str, target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = source_of(source)
    out = tmp_path / f"out.{EXTENSIONS[target]}"
    code = convert(str(path), "-f", source, "-t", target, "-o", str(out))
    assert code == 0, capsys.readouterr().err
    before = refport.load(path, source).references
    after = refport.load(out, target).references
    assert len(after) == len(before)
    assert [r.issued.year if r.issued else None for r in after] == [
        r.issued.year if r.issued else None for r in before
    ]


def test_standard_input_to_standard_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = source_of("ris").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert convert("-", "-t", "csljson") == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == len(refport.load(data).references)


def test_output_defaults_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert convert(str(source_of("bibtex")), "-t", "ris") == 0
    assert capsys.readouterr().out.count("ER  - ") == 6


def test_the_format_is_detected_from_the_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    disguised = tmp_path / "list.txt"
    disguised.write_bytes(source_of("ris").read_bytes())
    assert convert(str(disguised), "-t", "csljson") == 0
    assert len(json.loads(capsys.readouterr().out)) == 5


def test_an_unreadable_file_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = convert(str(tmp_path / "missing.bib"), "-t", "csljson")
    err = capsys.readouterr().err
    assert code == 2
    assert "missing.bib" in err and "cannot read" in err
    assert "Traceback" not in err


def test_a_directory_as_input_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert convert(str(tmp_path), "-t", "csljson") == 2
    assert "cannot read" in capsys.readouterr().err


def test_an_unknown_format_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert convert(str(source_of("bibtex")), "-t", "endnote-xml") == 2
    assert "unknown format" in capsys.readouterr().err


def test_content_of_no_known_format_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n", encoding="utf-8")
    assert convert(str(path), "-t", "ris") == 2
    err = capsys.readouterr().err
    assert "format-unknown" in err and "nothing could be read" in err


def test_undecodable_bytes_exit_2_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.bib"
    path.write_bytes(b"@article{a, title = {ok \x98\x99}}\n")
    out = tmp_path / "out.json"
    assert convert(str(path), "-t", "csljson", "-o", str(out)) == 2
    assert "encoding" in capsys.readouterr().err
    assert not out.exists()


def test_a_malformed_entry_is_reported_with_file_line_and_key_and_the_rest_converted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FIXTURES / "malformed" / "bad-field.bib"
    out = tmp_path / "out.json"
    assert convert(str(path), "-t", "csljson", "-o", str(out)) == 0
    err = capsys.readouterr().err
    assert f"{path}:15" in err and "[rose1998]" in err
    assert "Traceback" not in err
    ids = [item["id"] for item in json.loads(out.read_text(encoding="utf-8"))]
    assert ids == ["abushov2019", "rose1998", "merom2003"]


@pytest.mark.parametrize(
    "name", ["unterminated-entry.bib", "bad-field.bib", "invalid.json", "bad-line.ris",
             "missing-er.ris"],
)  # fmt: skip
def test_malformed_input_exits_0_but_1_with_strict(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FIXTURES / "malformed" / name
    if not path.is_file():
        pytest.skip(f"fixture {name} is not there yet")
    assert convert(str(path), "-t", "ris", "-o", str(tmp_path / "a.ris")) == 0
    assert convert(str(path), "-t", "ris", "-o", str(tmp_path / "b.ris"), "--strict") == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err and "Traceback" not in err


def test_a_clean_input_exits_0_with_strict(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert convert(str(source_of("csljson")), "-t", "csljson", "-o", str(out), "--strict") == 0


def test_an_empty_file_gives_an_empty_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.bib"
    empty.write_text("", encoding="utf-8")
    assert convert(str(empty), "-f", "bibtex", "-t", "csljson") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_failed_write_keeps_the_old_output_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    assert convert(str(source_of("bibtex")), "-t", "csljson", "-o", str(out)) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_references_are_written_as_they_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer gets a lazy stream, not a list loaded beforehand."""
    formats = registry()._formats
    seen: list[str] = []
    reader, writer = formats["csljson"].read, formats["ris"].write

    def reading(
        source: TextSource, *, filename: str | None = None
    ) -> Iterator[Reference | Diagnostic]:
        for item in reader(source, filename=filename):
            seen.append("read")
            yield item

    def writing(
        references: Iterable[Reference], out: TextIO, options: WriteOptions
    ) -> list[Diagnostic]:
        def counted() -> Iterator[Reference]:
            for reference in references:
                seen.append("written")
                yield reference

        return writer(counted(), out, options)

    monkeypatch.setitem(formats, "csljson", replace(formats["csljson"], read=reading))
    monkeypatch.setitem(formats, "ris", replace(formats["ris"], write=writing))
    assert convert(str(source_of("csljson")), "-t", "ris", "-o", str(tmp_path / "o.ris")) == 0
    assert seen[:4] == ["read", "written", "read", "written"]


def test_diagnostics_are_silent_of_progress_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert convert(str(source_of("csljson")), "-t", "ris", "-o", str(tmp_path / "o.ris")) == 0
    assert capsys.readouterr().err == ""


def test_the_command_line_runs_as_a_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "refport", "convert", str(source_of("ris")), "-t", "bibtex"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.count("@") == 5


@pytest.mark.slow
@pytest.mark.parametrize(("ext", "limit_mb"), [("ris", 150), ("bib", 300)])
def test_a_200_mb_file_converts_in_bounded_memory(tmp_path: Path, ext: str, limit_mb: int) -> None:
    """Peak RSS of the whole process stays far below the file size (the
    BibTeX reader remembers keys, not every entry's fields)."""
    from tests.bench.corpus import write_large

    count = write_large(tmp_path, 200, (ext,))[ext]
    large = tmp_path / f"large-200mb.{ext}"
    out = tmp_path / "out.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "refport", "convert", str(large), "-t", "csljson", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    stderr = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)  # this child's own peak, not all children's
    process.returncode = os.waitstatus_to_exitcode(status)
    peak_mb = usage.ru_maxrss / 1024
    assert process.returncode == 0, stderr[-2000:]
    assert out.stat().st_size > large.stat().st_size / 2
    assert count > 250_000
    assert peak_mb < limit_mb, f"peak RSS {peak_mb:.0f} MB for a 200 MB .{ext} file"


def test_a_closed_pipe_on_standard_output_ends_quietly(tmp_path: Path) -> None:
    records = "".join(
        f"TY  - JOUR\nTI  - Title number {n}\nPY  - 2020\nER  - \n\n" for n in range(5000)
    )
    source = tmp_path / "many.ris"
    source.write_text(records, encoding="utf-8")
    done = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m refport convert '{source}' -t bibtex | head -c 10;"
         " echo \" ${PIPESTATUS[0]}\""],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.stdout.endswith(" 0\n") and len(done.stdout) == 10 + 3
    assert done.stderr == ""


def test_convert_starts_without_the_checks_rendering_or_an_http_client(tmp_path: Path) -> None:
    """Start-up time: `refport convert` imports only what converting needs (RIS
    to CSL-JSON needs no BibTeX reader, so no pybtex either)."""
    source = tmp_path / "one.ris"
    source.write_text("TY  - JOUR\nTI  - A title\nPY  - 2020\nER  - \n", encoding="utf-8")
    output = tmp_path / "o.json"
    code = (
        "import sys\n"
        "from refport.cli import main\n"
        f"status = main(['convert', {str(source)!r}, '-t', 'csljson', '-o', {str(output)!r}])\n"
        "heavy = sorted(m for m in ('refport.render', 'refport.checks', 'httpx', 'citeproc',"
        " 'pybtex') if m in sys.modules)\n"
        "print(status, heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0 []", done.stdout + done.stderr
    assert json.loads(output.read_text(encoding="utf-8"))[0]["title"] == "A title"


def test_the_package_names_its_api_and_imports_it_on_first_use() -> None:
    import importlib

    from refport import api, checks

    render = importlib.import_module("refport.render")
    assert (refport.load, refport.dumps, refport.LoadResult) == (
        api.load,
        api.dumps,
        api.LoadResult,
    )
    assert (refport.check, refport.render) == (checks.check, render.render)
    assert {"load", "check", "render_result", "Reference"} <= set(dir(refport))
    import refport.render as imported  # the function, as when it was imported eagerly

    assert imported is render.render
    with pytest.raises(AttributeError):
        _ = refport.no_such_name  # type: ignore[attr-defined]


def test_help_lists_every_command_and_a_command_alone_parses() -> None:
    from refport.cli import COMMANDS, build_parser

    assert set(COMMANDS) <= set(
        build_parser().format_help().replace(",", " ").replace("{", " ").replace("}", " ").split()
    )
    assert build_parser("convert").parse_args(["convert", "x.bib", "-t", "ris"]).to == "ris"
