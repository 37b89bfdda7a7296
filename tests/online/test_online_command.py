"""`refport check --online` end to end: the real command, a loopback server
standing in for doi.org, Crossref and DataCite (named by the REFPORT_*
environment variables), a cache file, JSON output.

The command is wired by check_command.py (add_online_arguments, run_online);
until it is, the end-to-end tests skip with that reason. Offline being the
default is tested either way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from agency_server import AgencyServer
from agency_world import AgencyWorld
from online_support import SEEDS

from refport.cli import build_parser, main

LIST = str(SEEDS / "preradovic-bogicevic-2026.csl.json")


def check_has_online_flags() -> bool:
    subparsers = build_parser()._subparsers
    check = subparsers._group_actions[0].choices["check"]  # type: ignore[union-attr]
    return any("--online" in action.option_strings for action in check._actions)


@pytest.fixture
def agencies(server: AgencyServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AgencyServer:
    monkeypatch.setenv("REFPORT_DOI_RESOLVER", f"{server.base}/doi")
    monkeypatch.setenv("REFPORT_CROSSREF_API", f"{server.base}/crossref")
    monkeypatch.setenv("REFPORT_DATACITE_API", f"{server.base}/datacite")
    monkeypatch.chdir(tmp_path)  # no pyproject.toml with [tool.refport] up from here
    return server


@pytest.fixture
def wired() -> None:
    if not check_has_online_flags():
        pytest.skip("check_command.py does not call add_online_arguments/run_online yet")


def run_check(
    *argv: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[dict[str, object]]]:
    code = main(["check", LIST, "--format", "json", *argv])
    return code, json.loads(capsys.readouterr().out)


def test_without_online_refport_check_makes_no_request(
    agencies: AgencyServer, world: AgencyWorld, capsys: pytest.CaptureFixture[str]
) -> None:
    code, found = run_check(capsys=capsys)
    assert world.requests == []
    assert not any(str(d["code"]) in ("doi-mismatch", "doi-unreachable") for d in found)
    assert code in (0, 1)


def test_check_online_reports_the_shared_doi_on_abushov_and_fails(
    wired: None,
    agencies: AgencyServer,
    world: AgencyWorld,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cache = str(tmp_path / "doi.sqlite")
    code, found = run_check(
        "--online", "--mailto", "t@example.org", "--cache", cache, capsys=capsys
    )
    online = [(d["code"], d["refs"]) for d in found if str(d["code"]).startswith("doi-m")]
    assert online == [
        ("doi-mismatch", ["abushov2019"]),
        ("doi-metadata-differs", ["hayrapetyan2022"]),
    ]
    assert code == 1
    assert all("mailto:t@example.org" in r.headers["user-agent"] for r in world.requests)


def test_check_online_a_second_time_answers_from_the_cache(
    wired: None,
    agencies: AgencyServer,
    world: AgencyWorld,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cache = str(tmp_path / "doi.sqlite")
    _, first = run_check("--online", "--cache", cache, capsys=capsys)
    world.requests.clear()
    _, second = run_check("--online", "--cache", cache, capsys=capsys)
    assert world.requests == []
    assert second == first


def test_check_online_can_ignore_an_online_code(
    wired: None, agencies: AgencyServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = str(tmp_path / "doi.sqlite")
    _, found = run_check("--online", "--cache", cache, "--ignore", "doi-mismatch", capsys=capsys)
    assert not any(d["code"] == "doi-mismatch" for d in found)
    assert any(d["code"] == "doi-metadata-differs" for d in found)
