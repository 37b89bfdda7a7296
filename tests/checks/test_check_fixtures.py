"""One hand-made fixture per check code (fixtures/checks/): its true positives
are found, its near-misses stay silent, and the diagnostics are exactly the
expected ones. The folder is enumerated, so a new fixture is a new test."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from refport.checks import CheckContext, check, consistency, default_checks, fields, identifiers
from refport.diagnostics import Diagnostic
from refport.formats import csljson
from refport.model import Reference

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "fixtures" / "checks"
CASES = sorted(FOLDER.glob("*.csl.json"))
#: The checks this folder covers (the script checks keep their own fixtures).
CODES = [c.code for c in (*identifiers.CHECKS, *fields.CHECKS, *consistency.CHECKS)]
#: The day the expected files were written for (date-invalid looks ahead of it).
CHECKED_ON = dt.date(2026, 6, 15)


def code_of(path: Path) -> str:
    return path.name.removesuffix(".csl.json")


def name(path: Path) -> str:
    """The file name as messages print it: relative, as a user types it."""
    return path.relative_to(ROOT).as_posix()


def read(path: Path) -> tuple[list[Reference], list[dict[str, object]]]:
    items = list(csljson.read(path.read_text(encoding="utf-8"), filename=name(path)))
    references = [item for item in items if isinstance(item, Reference)]
    entries = json.loads(path.read_text(encoding="utf-8"))
    return references, entries


def run(path: Path) -> list[Diagnostic]:
    references, _ = read(path)
    return check(references, select=[code_of(path)], context=CheckContext(today=CHECKED_ON))


def marked(entries: list[dict[str, object]], mark: str) -> set[str]:
    return {
        str(e["id"])
        for e in entries
        if str(e["id"]).startswith(mark) or str(e.get("note", "")).startswith(mark)
    }


def test_every_check_code_has_a_fixture() -> None:
    assert {code_of(p) for p in CASES} == set(CODES)
    assert set(CODES) <= set(default_checks().codes())


@pytest.mark.parametrize("path", CASES, ids=code_of)
def test_fixture_has_true_positives_and_near_misses(path: Path) -> None:
    _, entries = read(path)
    assert marked(entries, "hit")
    assert marked(entries, "miss")


@pytest.mark.parametrize("path", CASES, ids=code_of)
def test_every_true_positive_is_found(path: Path) -> None:
    _, entries = read(path)
    named = {ref for d in run(path) for ref in d.refs}
    assert marked(entries, "hit") <= named


@pytest.mark.parametrize("path", CASES, ids=code_of)
def test_near_misses_stay_silent(path: Path) -> None:
    _, entries = read(path)
    named = {ref for d in run(path) for ref in d.refs}
    assert not marked(entries, "miss") & named


@pytest.mark.parametrize("path", CASES, ids=code_of)
def test_diagnostics_are_exactly_the_expected_ones(path: Path) -> None:
    expected = json.loads(path.with_name(f"{code_of(path)}.expected.json").read_text("utf-8"))
    assert [d.to_json() for d in run(path)] == expected


@pytest.mark.parametrize("path", CASES, ids=code_of)
def test_diagnostics_carry_the_fixture_file_and_the_first_reference_line(path: Path) -> None:
    references, _ = read(path)
    lines: dict[str, int | None] = {}
    for reference in references:
        lines.setdefault(reference.id, reference.origin.line)
    for diagnostic in run(path):
        assert diagnostic.file == name(path)
        assert diagnostic.line == lines[diagnostic.refs[0]]
