"""A conversion on several cores gives exactly what one process gives: the
same output, byte for byte, and the same diagnostics with the same lines
(`refport.parallel`). Pieces are made tiny here, so that every entry boundary
a format allows is a cut; where a piece cannot be converted on its own the
parallel run must stop, and `refport convert` then converts in one process."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.bench.corpus import write_corpus
from tests.strategies import reference_for

from refport import parallel
from refport.api import dumps, registry
from refport.cli import main
from refport.diagnostics import Diagnostic
from refport.formats.base import WriteOptions
from refport.model import Reference
from refport.textio import open_input

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="workers are forked")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
TARGETS = ("bibtex", "biblatex", "csljson", "ris")
#: Every fixture in a format that can be cut, with that format (BibTeX files
#: with @string, @comment or crossref are never cut: see the last tests).
CUTTABLE = sorted(
    [
        (path, "bibtex")
        for path in FIXTURES.rglob("*.bib")
        if parallel.chunkable(
            registry().get("bibtex"), registry().get("ris"), WriteOptions(), str(path)
        )
    ]
    + [(path, "ris") for path in FIXTURES.rglob("*.ris")]
    + [(path, "csljson") for path in FIXTURES.rglob("*.csl.json")]
)

Result = tuple[str, list[Diagnostic], list[Diagnostic]]


def one_process(path: Path, source: str, target: str) -> Result:
    """What `refport convert --jobs 1` reads, writes and reports."""
    stream, problems = open_input(str(path))
    assert stream is not None, problems
    fmt, writer = registry().get(source), registry().get(target)
    with stream:
        items = list(fmt.read(stream.as_text_io(), filename=stream.name))
    references = [item for item in items if isinstance(item, Reference)]
    out = io.StringIO()
    written = writer.write(references, out, writer.defaults)
    return out.getvalue(), [i for i in items if isinstance(i, Diagnostic)], written


def in_pieces(path: Path, source: str, target: str) -> tuple[Result, parallel.Outcome]:
    stream, problems = open_input(str(path))
    assert stream is not None, problems
    writer = registry().get(target)
    shown: list[Diagnostic] = []
    out = io.StringIO()
    with stream:
        outcome = parallel.convert(
            stream, registry().get(source), writer, writer.defaults, out, 2, shown.append
        )
    return (out.getvalue(), shown, outcome.write_diagnostics), outcome


@pytest.fixture(autouse=True)
def tiny_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PIECE_CHARS", 1)


def agree(path: Path, source: str, target: str) -> parallel.Outcome:
    """The parallel result, when complete, is the one-process result."""
    expected = one_process(path, source, target)
    got, outcome = in_pieces(path, source, target)
    if outcome.complete:
        assert got == expected
        assert outcome.references == expected[0].count("ER  -") or target != "ris"
    else:  # stopped part-way: what it showed is the start of what one process shows
        assert got[1] == expected[1][: len(got[1])]
    return outcome


@pytest.mark.parametrize(("path", "source"), CUTTABLE, ids=lambda p: getattr(p, "name", p))
@pytest.mark.parametrize("target", TARGETS)
def test_every_fixture_converts_in_pieces_as_in_one_process(
    path: Path, source: str, target: str
) -> None:
    agree(path, source, target)


@pytest.mark.parametrize("source", ["bib", "ris", "json"])
@pytest.mark.parametrize("target", TARGETS)
def test_a_generated_corpus_converts_in_pieces_to_the_same_bytes(
    tmp_path: Path, source: str, target: str
) -> None:
    corpus = write_corpus(120, tmp_path)[source]
    name = {"bib": "bibtex", "ris": "ris", "json": "csljson"}[source]
    outcome = agree(corpus, name, target)
    assert outcome.complete
    assert outcome.references == 120


def test_the_seed_lists_convert_in_pieces_one_entry_each() -> None:
    for seed in ("turan-2025", "preradovic-bogicevic-2026"):
        path = FIXTURES / "seeds" / f"{seed}.csl.json"
        outcome = agree(path, "csljson", "ris")
        assert outcome.complete and outcome.references > 40


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), source=st.sampled_from(["bibtex", "csljson", "ris"]))
def test_generated_references_convert_in_pieces_as_in_one_process(
    tmp_path: Path, data: st.DataObject, source: str
) -> None:
    drawn = reference_for("csljson" if source == "csljson" else "model")
    references = data.draw(st.lists(drawn, min_size=1, max_size=6))
    path = tmp_path / f"generated.{source}"
    path.write_text(dumps(references, source), encoding="utf-8", newline="")
    for target in TARGETS:
        agree(path, source, target)


# --- where a piece cannot stand alone, the parallel run stops -------------------------------


def _ris(key: str, title: str) -> str:
    return f"TY  - JOUR\nID  - {key}\nTI  - {title}\nPY  - 2020\nER  - \n\n"


def test_a_key_seen_in_an_earlier_piece_stops_the_parallel_run(tmp_path: Path) -> None:
    path = tmp_path / "twice.ris"
    path.write_text(_ris("smith2020", "One") + _ris("jones2021", "Two") + _ris("smith2020", "3"))
    outcome = agree(path, "ris", "csljson")
    assert not outcome.complete


def test_records_without_ids_get_the_ids_one_process_gives_them(tmp_path: Path) -> None:
    """RIS ids made from name and year ("smith2020", "smith2020a") depend on
    the records before: a piece that made one already taken must stop."""
    record = "TY  - JOUR\nAU  - Smith, Anna\nTI  - {}\nPY  - 2020\nER  - \n\n"
    path = tmp_path / "some-ids.ris"
    path.write_text(_ris("first", "With an ID") + record.format("Two") + record.format("Three"))
    outcome = agree(path, "ris", "bibtex")
    assert not outcome.complete
    assert "@article{smith2020a," in one_process(path, "ris", "bibtex")[0]


def test_a_file_whose_records_have_no_ids_is_not_cut(tmp_path: Path) -> None:
    """Zotero writes no ID lines: trying pieces would only stop at the
    second one, so such a file goes to one process at once."""
    record = "TY  - JOUR\nAU  - Smith, Anna\nTI  - {}\nPY  - 2020\nER  - \n\n"
    path = tmp_path / "no-ids.ris"
    path.write_text("".join(record.format(title) for title in ("One", "Two", "Three")))
    ris = registry().get("ris")
    assert ris.chunking is not None
    assert ris.chunking.cutter(path.read_text()) is None
    assert ris.chunking.cutter(_ris("a", "A")) is not None


def test_a_reader_error_stops_the_parallel_run(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {\n    "id": "a",\n    "type": "book"\n  },\n  {\n    "id": \n  }\n]\n')
    outcome = agree(path, "csljson", "ris")
    assert not outcome.complete


def test_a_warning_far_into_the_file_names_its_true_line(tmp_path: Path) -> None:
    records = [_ris(f"key{n}", f"Title {n}") for n in range(30)]
    records[25] = records[25].replace("PY  - 2020", "PY  - 2020\nDA  - 2019/01/02")
    path = tmp_path / "late.ris"
    path.write_text("".join(records))
    outcome = agree(path, "ris", "csljson")
    assert outcome.complete
    _, shown, _ = in_pieces(path, "ris", "csljson")[0]
    assert [(d.code, d.line) for d in shown] == [("ris-date-conflict", 25 * 6 + 4)]


def test_bibtex_with_string_macros_is_never_cut(tmp_path: Path) -> None:
    path = tmp_path / "macros.bib"
    path.write_text('@string{j = "Journal"}\n@article{a, title={A}, journal=j}\n')
    bibtex, csljson = registry().get("bibtex"), registry().get("csljson")
    assert not parallel.chunkable(bibtex, csljson, WriteOptions(), str(path))
    plain = tmp_path / "plain.bib"
    plain.write_text("@article{a, title={A}}\n")
    assert parallel.chunkable(bibtex, csljson, WriteOptions(), str(plain))


# --- through `refport convert` ------------------------------------------------------------


def _convert_with_one_and_two_jobs(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> list[tuple[int, str, str]]:
    """(exit status, output, stderr) of `refport convert PATH -t csljson` with
    `--jobs 1`, then `--jobs 2`."""
    runs = []
    for jobs in ("1", "2"):
        out = path.with_name(f"out-{jobs}.json")
        status = main(["convert", str(path), "-t", "csljson", "-o", str(out), "--jobs", jobs])
        runs.append((status, out.read_text(encoding="utf-8"), capsys.readouterr().err))
    return runs


@pytest.mark.parametrize("name", ["twice.ris", "late.ris"])
def test_refport_convert_gives_the_same_output_and_messages_with_any_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    records = [_ris(f"key{n}", f"Title {n}") for n in range(12)]
    records[9] = records[9].replace("PY  - 2020", "PY  - 2020\nDA  - 2019/01/02")
    if name == "twice.ris":
        records[11] = _ris("key2", "The second key2")
    path = tmp_path / name
    path.write_text("".join(records))
    runs = _convert_with_one_and_two_jobs(path, capsys)
    assert runs[0] == runs[1]
    assert f"{name}:58: warning ris-date-conflict [key9]" in runs[0][2]
    assert ("key-duplicate" in runs[0][2]) == (name == "twice.ris")


def test_a_csl_item_without_an_id_is_named_by_its_place_in_the_whole_array(
    tmp_path: Path,
) -> None:
    item = '  {{\n    "id": "k{n}",\n    "type": "book",\n    "title": "T{n}"\n  }}'
    items = [item.format(n=n) for n in range(5)]
    items[3] = '  {\n    "type": "book",\n    "title": "No id"\n  }'
    path = tmp_path / "no-id.json"
    path.write_text("[\n" + ",\n".join(items) + "\n]\n")
    outcome = agree(path, "csljson", "ris")
    assert outcome.complete
    output, _, _ = in_pieces(path, "csljson", "ris")[0]
    assert "ID  - item-4\r\n" in output


def test_a_decoding_switch_far_into_the_file_stops_the_parallel_run_and_is_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Windows-1251 title after the first MiB (judged by the next MiB, with a
    warning) is met by the parallel run part-way; one process converts the
    file again, and every message is printed once, in file order."""
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "PIECE_CHARS", 1 << 16)
    records = [_ris(f"key{n}", f"Title number {n} of a long list") for n in range(24_000)]
    records[3] = records[3].replace("PY  - 2020", "PY  - 2020\nDA  - 2019/01/02")
    head = "".join(records).encode("utf-8")
    assert len(head) > 1 << 20
    tail = _ris("kyiv", "Київ: Інститут світової економіки").encode("cp1251")
    path = tmp_path / "switch.ris"
    path.write_bytes(head + tail)
    runs = _convert_with_one_and_two_jobs(path, capsys)
    assert runs[0] == runs[1]
    assert runs[0][2].count("ris-date-conflict") == 1
    assert "windows-1251" in runs[0][2].lower() or "cp1251" in runs[0][2].lower()
    assert "Київ" in runs[0][1]


def test_a_negative_job_count_is_refused_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "one.ris"
    path.write_text(_ris("a", "A"))
    with pytest.raises(SystemExit) as stopped:
        main(["convert", str(path), "-t", "csljson", "--jobs", "-1"])
    assert stopped.value.code == 2
    assert "expected 0 or a positive number, not '-1'" in capsys.readouterr().err


def test_an_array_with_one_item_per_line_is_cut_between_lines(tmp_path: Path) -> None:
    items = [
        f'{{"id": "k{n}", "type": "book", "title": "T{n}, {{a}}", "author": '
        f'[{{"family": "F{n}"}}, {{"family": "G"}}]}}'
        for n in range(6)
    ]
    path = tmp_path / "lines.json"
    path.write_text("[\n" + ",\n".join(items) + "\n]\n")
    outcome = agree(path, "csljson", "bibtex")
    assert outcome.complete and outcome.references == 6


def test_an_unindented_array_cut_inside_an_item_falls_back_to_one_process(
    tmp_path: Path,
) -> None:
    """Nested objects at the items' own indentation look like item starts: a
    piece cut there does not parse, and the run stops rather than guess."""
    item = (
        '{{\n"id": "k{n}",\n"type": "book",\n"author": [\n'
        '{{\n"family": "A"\n}},\n{{\n"family": "B"\n}}\n]\n}}'
    )
    path = tmp_path / "flat.json"
    path.write_text("[\n" + ",\n".join(item.format(n=n) for n in range(4)) + "\n]\n")
    outcome = agree(path, "csljson", "ris")
    assert not outcome.complete
