"""`refport check`: output formats, exit codes, select/ignore, configuration
from pyproject.toml, and read diagnostics merged into the output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from refport.cli import main
from refport.diagnostics import JSON_KEYS

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "checks"


def write_list(folder: Path, name: str, items: list[dict[str, Any]]) -> str:
    path = folder / name
    path.write_text(json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")
    return str(path)


def article(id: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": id,
        "type": "article-journal",
        "title": f"Title of {id}",
        "container-title": "Journal",
        "issued": {"date-parts": [[2020]]},
    }
    return base | fields


@pytest.fixture
def lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder without pyproject.toml above it that has [tool.refport]."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def warning_only(lists: Path) -> str:
    return write_list(lists, "warn.json", [article("a", page="92–72")])


@pytest.fixture
def info_only(lists: Path) -> str:
    return write_list(lists, "info.json", [article("a", DOI="doi:10.1000/abc")])


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["check", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- output formats -------------------------------------------------------------


def test_text_output_is_file_line_severity_code_refs_message(
    capsys: pytest.CaptureFixture[str], warning_only: str
) -> None:
    _, out, _ = run(capsys, warning_only)
    first = out.splitlines()[0]
    assert first.startswith(f"{warning_only}:2: warning pages-invalid [a] page range “92–72”")


def test_text_output_ends_with_a_summary_line(
    capsys: pytest.CaptureFixture[str], warning_only: str
) -> None:
    _, out, _ = run(capsys, warning_only)
    assert out.splitlines()[-1] == "0 errors, 1 warning, 0 infos in 1 reference"


def test_text_output_groups_by_file_and_sorts_by_line(
    capsys: pytest.CaptureFixture[str], lists: Path
) -> None:
    first = write_list(lists, "one.json", [article("a", page="9–1"), article("b", page="8–2")])
    second = write_list(lists, "two.json", [article("c", page="7–3")])
    _, out, _ = run(capsys, second, first)
    blocks = out.strip().split("\n\n")
    assert [line.split(":")[0] for line in blocks[0].splitlines()] == [second]
    lines = [int(line.split(":")[1]) for line in blocks[1].splitlines()]
    assert lines == sorted(lines) and len(lines) == 2
    assert blocks[2].startswith("0 errors, 3 warnings")


def test_json_output_is_an_array_of_objects_with_exactly_the_documented_keys(
    capsys: pytest.CaptureFixture[str], warning_only: str
) -> None:
    _, out, _ = run(capsys, warning_only, "--format", "json")
    (diagnostic,) = json.loads(out)
    assert tuple(diagnostic) == JSON_KEYS
    assert diagnostic == {
        "code": "pages-invalid",
        "severity": "warning",
        "message": "page range “92–72” is reversed: it ends on page 72 before it starts on 92",
        "refs": ["a"],
        "field": "page",
        "line": 2,
        "suggestion": None,
    }


def test_github_output_is_one_workflow_command_per_diagnostic(
    capsys: pytest.CaptureFixture[str], lists: Path
) -> None:
    path = write_list(lists, "gh.json", [article("a", page="92–72", DOI="doi:10.1000/x")])
    _, out, _ = run(capsys, path, "--format", "github")
    lines = out.splitlines()
    assert lines[0].startswith(f"::notice file={path},line=2,title=refport doi-format::[a] DOI")
    assert lines[1].startswith(f"::warning file={path},line=2,title=refport pages-invalid::[a]")
    assert lines[-1] == "0 errors, 1 warning, 1 info in 1 reference"


def test_github_output_marks_errors_as_errors(
    capsys: pytest.CaptureFixture[str], lists: Path
) -> None:
    path = write_list(lists, "gh.json", [article("a", DOI="11.1000/x")])
    _, out, _ = run(capsys, path, "--format", "github")
    assert out.startswith(f"::error file={path},line=2,title=refport doi-invalid::")


# --- exit codes -----------------------------------------------------------------


def test_exit_0_when_nothing_reaches_warning(
    capsys: pytest.CaptureFixture[str], info_only: str
) -> None:
    assert run(capsys, info_only)[0] == 0


def test_exit_1_when_a_warning_reaches_the_default_fail_on(
    capsys: pytest.CaptureFixture[str], warning_only: str
) -> None:
    assert run(capsys, warning_only)[0] == 1


def test_fail_on_error_lets_warnings_pass(
    capsys: pytest.CaptureFixture[str], warning_only: str
) -> None:
    assert run(capsys, warning_only, "--fail-on", "error")[0] == 0


def test_exit_2_and_the_read_diagnostic_when_an_input_cannot_be_read(
    capsys: pytest.CaptureFixture[str], lists: Path, warning_only: str
) -> None:
    status, out, _ = run(capsys, warning_only, str(lists / "missing.json"))
    assert status == 2
    assert f"{lists / 'missing.json'}: error read-failed" in out
    assert "pages-invalid" in out  # the readable input is still checked


def test_exit_2_when_an_input_has_no_recognisable_format(
    capsys: pytest.CaptureFixture[str], lists: Path
) -> None:
    (lists / "notes.txt").write_text("just some words\n", encoding="utf-8")
    status, out, _ = run(capsys, "notes.txt")
    assert status == 2
    assert "format-unknown" in out


def test_exit_2_on_an_unknown_check_code(
    capsys: pytest.CaptureFixture[str], warning_only: str
) -> None:
    status, _, err = run(capsys, warning_only, "--select", "no-such-check")
    assert status == 2
    assert "unknown check 'no-such-check'" in err


def test_exit_2_on_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "x.json", "--format", "yaml"])
    assert exit_info.value.code == 2


# --- select and ignore -------------------------------------------------------------


def test_select_runs_only_the_named_checks(capsys: pytest.CaptureFixture[str], lists: Path) -> None:
    path = write_list(lists, "both.json", [article("a", page="92–72", DOI="doi:10.1000/x")])
    _, out, _ = run(capsys, path, "--select", "doi-format", "--format", "json")
    assert [d["code"] for d in json.loads(out)] == ["doi-format"]


def test_a_family_prefix_selects_every_check_in_it(
    capsys: pytest.CaptureFixture[str], lists: Path
) -> None:
    path = write_list(lists, "both.json", [article("a", page="92–72", DOI="doi:10.1000/x")])
    _, out, _ = run(capsys, path, "--select", "doi-,url-", "--format", "json")
    assert [d["code"] for d in json.loads(out)] == ["doi-format"]


def test_ignore_skips_the_named_checks(capsys: pytest.CaptureFixture[str], lists: Path) -> None:
    path = write_list(lists, "both.json", [article("a", page="92–72", DOI="doi:10.1000/x")])
    _, out, _ = run(capsys, path, "--ignore", "doi-format", "--format", "json")
    assert [d["code"] for d in json.loads(out)] == ["pages-invalid"]


# --- read diagnostics ---------------------------------------------------------------


def test_a_duplicate_key_the_reader_also_reports_is_shown_once_as_an_error(
    capsys: pytest.CaptureFixture[str], lists: Path
) -> None:
    path = write_list(lists, "keys.json", [article("a"), article("a", title="Other")])
    _, out, _ = run(capsys, path, "--format", "json")
    keyed = [d for d in json.loads(out) if d["code"] == "key-duplicate"]
    assert [(d["severity"], d["refs"]) for d in keyed] == [("error", ["a", "a"])]


def test_ignoring_a_check_also_hides_the_readers_finding_of_that_code(
    capsys: pytest.CaptureFixture[str], lists: Path
) -> None:
    path = write_list(lists, "keys.json", [article("a"), article("a", title="Other")])
    _, out, _ = run(capsys, path, "--ignore", "key-duplicate", "--format", "json")
    assert [d for d in json.loads(out) if d["code"] == "key-duplicate"] == []


def test_read_diagnostics_are_merged_into_the_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = ROOT / "fixtures" / "malformed" / "invalid.json"
    _, out, _ = run(capsys, str(bad), "--format", "json")
    assert "json-invalid" in [d["code"] for d in json.loads(out)]


# --- configuration --------------------------------------------------------------------

FUTURE_LIST = [article("a", issued={"date-parts": [[9000]]})]


def write_config(folder: Path, body: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text("[project]\nname = 'x'\n\n" + body, encoding="utf-8")
    return path


def test_config_is_found_in_a_parent_folder_and_applied(
    capsys: pytest.CaptureFixture[str], lists: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(lists, '[tool.refport]\nignore = ["pages-invalid"]\n')
    path = write_list(lists, "warn.json", [article("a", page="92–72")])
    (lists / "sub" / "dir").mkdir(parents=True)
    monkeypatch.chdir(lists / "sub" / "dir")
    status, out, _ = run(capsys, path)
    assert (status, out.strip()) == (0, "0 errors, 0 warnings, 0 infos in 1 reference")


def test_a_pyproject_without_a_refport_table_is_passed_over(
    capsys: pytest.CaptureFixture[str], lists: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(lists, '[tool.refport]\nignore = ["pages-invalid"]\n')
    (lists / "inner").mkdir()
    write_config(lists / "inner", "[tool.ruff]\nline-length = 100\n")
    path = write_list(lists, "warn.json", [article("a", page="92–72")])
    monkeypatch.chdir(lists / "inner")
    assert run(capsys, path)[0] == 0


def test_command_line_flags_override_the_config(
    capsys: pytest.CaptureFixture[str], lists: Path, warning_only: str
) -> None:
    write_config(lists, '[tool.refport]\nignore = ["pages-invalid"]\nfail-on = "error"\n')
    status, out, _ = run(capsys, warning_only, "--ignore", "doi-format", "--fail-on", "warning")
    assert status == 1
    assert "pages-invalid" in out


def test_fail_on_from_the_config(
    capsys: pytest.CaptureFixture[str], lists: Path, warning_only: str
) -> None:
    write_config(lists, '[tool.refport]\nfail-on = "error"\n')
    assert run(capsys, warning_only)[0] == 0


def test_per_check_settings_come_from_their_own_table(
    capsys: pytest.CaptureFixture[str], lists: Path
) -> None:
    path = write_list(lists, "future.json", FUTURE_LIST)
    assert run(capsys, path, "--select", "date-invalid")[0] == 1
    write_config(lists, "[tool.refport.date-invalid]\nallow-future-years = 10000\n")
    assert run(capsys, path, "--select", "date-invalid")[0] == 0


def test_config_option_names_the_file(
    capsys: pytest.CaptureFixture[str], lists: Path, warning_only: str
) -> None:
    (lists / "elsewhere").mkdir()
    config = write_config(lists / "elsewhere", '[tool.refport]\nselect = ["doi-"]\n')
    assert run(capsys, warning_only, "--config", str(config))[0] == 0


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ("[tool.refport\n", "not valid TOML"),
        ('[tool.refport]\nselect = "doi-"\n', "select must be a list of check codes"),
        ('[tool.refport]\nignore = ["no-such"]\n', "names an unknown check 'no-such'"),
        ('[tool.refport]\nfail-on = "never"\n', "fail-on must be one of warning, error"),
        ("[tool.refport.date-invalid]\nallow-future = 1\n", "has no setting 'allow-future'"),
        ("[tool.refport.date-invalid]\nallow-future-years = -1\n", "must be a non-negative int"),
        ("[tool.refport.no-such]\nx = 1\n", "has an unknown key 'no-such'"),
    ],
)
def test_a_bad_config_is_a_usage_failure_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], lists: Path, warning_only: str, body: str, complaint: str
) -> None:
    config = write_config(lists, body)
    status, out, err = run(capsys, warning_only)
    assert status == 2
    assert out == ""
    assert f"{config}: error config-invalid" in err
    assert complaint in err


def test_a_work_in_a_bibtex_file_and_a_ris_file_is_found_as_a_duplicate(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    bib, ris = "fixtures/dialects/zotero.bib", "fixtures/dialects/zotero.ris"
    _, out, _ = run(capsys, bib, ris, "--select", "duplicate", "--format", "json")
    found = json.loads(out)
    assert ["abushov_russian_2019", "abushov2019"] in [d["refs"] for d in found]
    (abushov,) = [d for d in found if d["refs"][0] == "abushov_russian_2019"]
    assert f"({bib}:2, {ris}:1)" in abushov["message"]
