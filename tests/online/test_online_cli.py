"""The `--online` flags, the settings' three layers (command line,
environment, pyproject.toml), the default cache path, and the codes table."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import httpx
import pytest
from agency_world import AgencyWorld
from online_support import MOCK_BASE

from refport.cli import check_command
from refport.model import Reference
from refport.online import (
    ONLINE_CODES,
    ONLINE_SETTINGS,
    add_online_arguments,
    build_settings,
    default_cache_path,
    online_codes_markdown,
    run_online,
)
from refport.online.settings import read_pyproject_table

ENVIRONMENT = {
    "REFPORT_DOI_RESOLVER": f"{MOCK_BASE}/doi",
    "REFPORT_CROSSREF_API": f"{MOCK_BASE}/crossref",
    "REFPORT_DATACITE_API": f"{MOCK_BASE}/datacite",
}


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--config")
    add_online_arguments(parser)
    return parser.parse_args(list(argv))


# --- the codes -------------------------------------------------------------------------


def test_the_codes_table_lists_the_five_online_codes_with_their_severities() -> None:
    assert [(code, level) for code, level, _ in ONLINE_CODES] == [
        ("doi-not-found", "error"),
        ("doi-mismatch", "error"),
        ("doi-metadata-differs", "warning"),
        ("doi-unreachable", "info"),
        ("doi-missing", "info"),
    ]
    table = online_codes_markdown()
    assert table.startswith("| code | severity | finds |")
    assert all(f"| `{code}` | {level} |" in table for code, level, _ in ONLINE_CODES)


# --- flags -----------------------------------------------------------------------------


def test_the_flags_fit_into_the_check_command_without_clashing() -> None:
    parser = argparse.ArgumentParser()
    check_command.add_parser(parser.add_subparsers())
    check = parser._subparsers._group_actions[0].choices["check"]  # type: ignore[union-attr]
    if not any("--online" in action.option_strings for action in check._actions):
        add_online_arguments(check)  # until check_command.py does it itself
    args = parser.parse_args(
        ["check", "x.bib", "--online", "--mailto", "a@b.org", "--suggest-dois"]
    )
    assert (args.online, args.mailto, args.suggest_dois, args.offline_cache_only) == (
        True,
        "a@b.org",
        True,
        False,
    )


def test_without_online_nothing_is_requested(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request may be made without --online")

    refs = [Reference("a", doi="10.1080/14683857.2019.1578053")]
    client = httpx.Client(transport=httpx.MockTransport(refuse))
    assert run_online(parse("x.bib"), refs, client=client, environ={}) == []


def test_online_checks_against_the_endpoints_the_environment_names(
    tmp_path: Path, world: AgencyWorld, synthetic_refs: list[Reference]
) -> None:
    args = parse(
        "x",
        "--online",
        "--cache",
        str(tmp_path / "c.sqlite"),
        "--config",
        str(tmp_path / "none.toml"),
    )
    client = httpx.Client(transport=world.transport())
    found = run_online(
        args, synthetic_refs, client=client, environ=ENVIRONMENT, stderr=io.StringIO()
    )
    assert {d.code for d in found} == {"doi-not-found", "doi-metadata-differs", "doi-unreachable"}
    assert {r.path.split("/")[1] for r in world.requests} == {"doi", "crossref", "datacite"}
    assert (tmp_path / "c.sqlite").is_file()


def test_offline_cache_only_answers_from_a_filled_cache_without_a_request(
    tmp_path: Path, world: AgencyWorld, synthetic_refs: list[Reference]
) -> None:
    cache = str(tmp_path / "c.sqlite")
    online = run_online(
        parse("x", "--online", "--cache", cache),
        synthetic_refs,
        client=httpx.Client(transport=world.transport()),
        environ=ENVIRONMENT,
        stderr=io.StringIO(),
    )
    offline = run_online(
        parse("x", "--offline-cache-only", "--cache", cache),
        synthetic_refs,
        environ=ENVIRONMENT,
        stderr=io.StringIO(),
    )
    stored = [d for d in online if d.refs != ("no-metadata",)]  # unreachable is never stored
    assert [d for d in offline if d.refs != ("no-metadata",)] == stored
    assert "not in the cache" in offline[-1].message


def test_offline_cache_only_with_an_empty_cache_reports_each_doi_unreachable(
    tmp_path: Path, synthetic_refs: list[Reference]
) -> None:
    args = parse("x", "--offline-cache-only", "--cache", str(tmp_path / "empty.sqlite"))
    found = run_online(args, synthetic_refs, environ={}, stderr=io.StringIO())
    assert len(found) == len(synthetic_refs)
    assert all(d.code == "doi-unreachable" and "not in the cache" in d.message for d in found)


def test_an_unusable_cache_is_reported_and_the_check_goes_on(
    tmp_path: Path, world: AgencyWorld, synthetic_refs: list[Reference]
) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    stderr = io.StringIO()
    args = parse("x", "--online", "--cache", str(broken))
    found = run_online(
        args,
        synthetic_refs,
        client=httpx.Client(transport=world.transport()),
        environ=ENVIRONMENT,
        stderr=stderr,
    )
    assert "continuing without the cache" in stderr.getvalue()
    assert any(d.code == "doi-not-found" for d in found)


def test_the_checks_config_accepts_the_online_settings(tmp_path: Path) -> None:
    from refport.checks.config import TOP_KEYS, load_config

    if not set(ONLINE_SETTINGS) <= TOP_KEYS:
        pytest.skip("checks/config.py does not accept the online keys in [tool.refport] yet")
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.refport]\ndoi-resolver = "http://127.0.0.1:9"\n', encoding="utf-8")
    assert load_config(path, [])[1] == []


# --- settings ----------------------------------------------------------------------------


def test_the_command_line_beats_the_environment_which_beats_pyproject() -> None:
    table = {
        "crossref-api": "https://file.example",
        "doi-resolver": "https://file.example",
        "mailto": "file@example.org",
    }
    environ = {"REFPORT_CROSSREF_API": "https://env.example"}
    settings, problems = build_settings(table, environ, {"mailto": "cli@example.org"})
    assert problems == []
    assert settings.endpoints.crossref_api == "https://env.example"
    assert settings.endpoints.doi_resolver == "https://file.example"
    assert settings.endpoints.datacite_api == "https://api.datacite.org"
    assert settings.mailto == "cli@example.org"


def test_pyproject_settings_are_read_from_tool_refport(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[tool.refport]\nselect = ["doi-"]\ndatacite-api = "http://127.0.0.1:9/dc/"\n'
        "max-age-days = 3\ndeadline = 60\n",
        encoding="utf-8",
    )
    table, _ = read_pyproject_table(path)
    assert table == {"datacite-api": "http://127.0.0.1:9/dc/", "max-age-days": 3, "deadline": 60}
    settings, problems = build_settings(table, {})
    assert problems == []
    assert settings.endpoints.datacite_api == "http://127.0.0.1:9/dc"
    assert (settings.max_age_days, settings.deadline) == (3.0, 60.0)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("crossref-api", "ftp://x"),
        ("doi-resolver", "doi.org"),
        ("timeout", 0),
        ("deadline", "soon"),
        ("max-age-days", True),
        ("mailto", 42),
    ],
)
def test_an_invalid_setting_is_reported_and_its_default_kept(key: str, value: object) -> None:
    settings, problems = build_settings({key: value}, {})
    assert [p.code for p in problems] == ["config-invalid"]
    assert key in problems[0].message
    default, _ = build_settings({}, {})
    assert settings == default


def test_every_setting_has_a_type() -> None:
    assert set(ONLINE_SETTINGS) == {
        "doi-resolver",
        "crossref-api",
        "datacite-api",
        "mailto",
        "cache",
        "max-age-days",
        "timeout",
        "deadline",
    }


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {"XDG_CACHE_HOME": "/xdg"}, "/xdg/refport/doi.sqlite"),
        ("linux", {}, "/home/u/.cache/refport/doi.sqlite"),
        ("linux", {"XDG_CACHE_HOME": "relative/path"}, "/home/u/.cache/refport/doi.sqlite"),
        ("darwin", {"XDG_CACHE_HOME": "/xdg"}, "/home/u/Library/Caches/refport/doi.sqlite"),
        ("win32", {"LOCALAPPDATA": "/appdata"}, "/appdata/refport/Cache/doi.sqlite"),
    ],
)
def test_the_default_cache_is_in_the_user_cache_directory(
    platform: str, environ: dict[str, str], expected: str
) -> None:
    assert default_cache_path(environ, platform, Path("/home/u")) == Path(expected)
