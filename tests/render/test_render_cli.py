"""`refport render`, run in-process: bibliographies and citations on stdout,
problems on stderr, exit 2 for input or styles that cannot be used."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from refport.cli import main

from .conftest import FIXTURES, ROOT, SEEDS

SEED_1 = SEEDS / "preradovic-bogicevic-2026.csl.json"
SEED_2 = SEEDS / "turan-2025.csl.json"
HOUSE_STYLE = "strategic-research-chicago-author-date"


@pytest.fixture(autouse=True)
def _seeds_present() -> None:
    if not (SEED_1.is_file() and SEED_2.is_file()):
        pytest.skip("seed fixtures are not there yet")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["render", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_seed_list_renders_one_line_per_entry(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(SEED_2), "--style", "apa")
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == len(json.loads(SEED_2.read_text(encoding="utf-8")))


def test_the_bibliography_is_sorted_latin_before_cyrillic(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, str(SEED_1), "--style", HOUSE_STYLE)
    lines = out.splitlines()
    assert lines[0].startswith("Abasov") and lines[-1].startswith("Макиенко")


def test_a_cite_with_a_page_locator(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(SEED_1), "--style", HOUSE_STYLE, "--cite", "abushov2019@81")
    assert (code, out) == (0, "(Abushov 2019, 81)\n")


def test_several_keys_make_one_citation_and_each_cite_option_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(
        capsys,
        str(SEED_1),
        "--style",
        HOUSE_STYLE,
        "--cite",
        "abushov2019@81,antal2022",
        "--cite",
        "askerov2023",
    )
    assert out.splitlines() == ["(Abushov 2019, 81; Antal 2022)", "(Askerov and Ibadoghlu 2023)"]


def test_a_locator_label_other_than_page(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys, str(SEED_1), "--style", "chicago-author-date", "--cite", "abushov2019@chapter:3"
    )
    assert out == "(Abushov 2019, chap. 3)\n"


def test_html_output_marks_italics_and_escapes_ampersands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, str(SEED_1), "--style", "apa", "--format", "html")
    askerov = next(line for line in out.splitlines() if line.startswith("Askerov"))
    assert "Askerov, A., &amp; Ibadoghlu, G." in askerov
    assert "<i>The Nagorno-Karabakh Conflict: Historical and Political Perspectives</i>" in askerov


def test_markdown_output_marks_italics_with_asterisks(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(SEED_1), "--style", "apa", "--format", "markdown")
    assert "*East European Politics*, *35*(1)" in out


def test_the_locale_option_changes_the_terms(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(SEED_2), "--style", "apa", "--locale", "de-DE")
    assert "(2020, Januar 9)" in out


def test_a_bibtex_input_renders_too(capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "fixtures" / "dialects" / "zotero.bib"
    if not path.is_file():
        pytest.skip("dialect fixture not there yet")
    code, out, _ = run(capsys, str(path), "--style", "ieee")
    assert code == 0 and out.startswith("[1] ")


def test_standard_input_is_read_with_a_dash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SEED_2.read_bytes())))
    code, out, _ = run(capsys, "-", "--style", "apa")
    assert code == 0 and out.startswith("Anadolu Agency. (2020")


@pytest.mark.parametrize(
    "name", ["xxe-local-file", "external-dtd", "billion-laughs", "parameter-entity"]
)
def test_a_hostile_style_exits_2_naming_its_file_and_line(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = FIXTURES / "hostile" / f"{name}.csl"
    code, out, err = run(capsys, str(SEED_2), "--style", str(path))
    assert (code, out) == (2, "")
    assert f"{path}:2: error style-unsafe" in err
    assert "root:" not in err


def test_a_malformed_style_exits_2_naming_its_file_and_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = FIXTURES / "malformed" / "unclosed-tag.csl"
    code, _, err = run(capsys, str(SEED_2), "--style", str(path))
    assert code == 2 and f"{path}:5: error style-malformed" in err


def test_an_unknown_style_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(SEED_2), "--style", "no-such-style-anywhere")
    assert (code, out) == (2, "")
    assert "style-not-found unknown style 'no-such-style-anywhere'" in err


def test_a_missing_style_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, str(SEED_2), "--style", str(tmp_path / "gone.csl"))
    assert code == 2 and "style file not found" in err


def test_an_unknown_cite_key_prints_key_question_mark_and_a_diagnostic(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, str(SEED_1), "--style", HOUSE_STYLE, "--cite", "nobody,abushov2019"
    )
    assert (code, out) == (0, "(nobody?; Abushov 2019)\n")
    assert "error cite-unknown-key [nobody]" in err


def test_strict_exits_1_when_anything_was_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, str(SEED_1), "--style", HOUSE_STYLE, "--cite", "nobody", "--strict")
    assert code == 1


def test_an_unreadable_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, str(tmp_path / "missing.json"), "--style", "apa")
    assert (code, out) == (2, "")
    assert "nothing could be read" in err


def test_an_unknown_input_format_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(SEED_2), "--style", "apa", "--from", "docx")
    assert code == 2 and "unknown input format 'docx'" in err


def test_entries_that_cannot_be_read_are_reported_and_the_rest_rendered(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = ROOT / "fixtures" / "malformed" / "invalid.json"
    if not path.is_file():
        pytest.skip("malformed fixture not there yet")
    code, out, err = run(capsys, str(path), "--style", "apa")
    assert code == 0 and "json-invalid" in err and out.count("\n") >= 1
