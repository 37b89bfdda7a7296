"""`refport zotero push` against a local Zotero API stand-in (loopback only)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from zotero_schema_check import ZoteroSchema, load_schema
from zotero_server import API_KEY, FakeZotero, ZoteroServer

from refport.model import Creator, Name, Reference, parse_date
from refport.zotero.api import Library, RetryPolicy, ZoteroClient
from refport.zotero.progress import ProgressBar
from refport.zotero.push import Pusher, PushReport, prepare_items, write_token

SCHEMA_DATA = load_schema()
pytestmark = pytest.mark.skipif(SCHEMA_DATA is None, reason="../shared/schemas is absent")


@pytest.fixture
def fake() -> FakeZotero:
    assert SCHEMA_DATA is not None
    return FakeZotero(ZoteroSchema(SCHEMA_DATA))


@pytest.fixture
def server(fake: FakeZotero) -> Iterator[ZoteroServer]:
    with ZoteroServer(fake) as running:
        yield running


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def client_for(server: ZoteroServer, sleeps: Sleeps, library: str = "user:1") -> ZoteroClient:
    return ZoteroClient(Library.parse(library), API_KEY, base_url=server.url, sleep=sleeps,
                        policy=RetryPolicy(max_attempts=4, base_delay=1.0))


def refs(count: int, prefix: str = "ref") -> list[Reference]:
    return [
        Reference(id=f"{prefix}{n}", type="article-journal", title=f"Статья {n}",
                  creators=(Creator("author", Name(family="Иванов", given="Иван")),),
                  issued=parse_date("2020-11-10"), doi=f"10.1/{n}")
        for n in range(count)
    ]  # fmt: skip


def push(server: ZoteroServer, sleeps: Sleeps, references: list[Reference]) -> PushReport:
    with client_for(server, sleeps) as client:
        return Pusher(client).run(prepare_items(references))


def item_posts(fake: FakeZotero) -> list[Any]:
    return [r for r in fake.requests if r.method == "POST" and r.path.endswith("/items")]


# --- the happy path -------------------------------------------------------------


def test_every_reference_is_created_once(fake: FakeZotero, server: ZoteroServer,
                                         sleeps: Sleeps) -> None:
    report = push(server, sleeps, refs(3))
    assert [o.status for o in report.outcomes] == ["created"] * 3
    assert [e["data"]["citationKey"] for e in fake.stored()] == ["ref0", "ref1", "ref2"]
    assert fake.violations == []


def test_batches_hold_at_most_fifty_items(fake: FakeZotero, server: ZoteroServer,
                                          sleeps: Sleeps) -> None:
    report = push(server, sleeps, refs(120))
    assert [len(r.body) for r in item_posts(fake)] == [50, 50, 20]
    assert len(report.of("created")) == 120


def test_each_request_carries_the_documented_headers(fake: FakeZotero, server: ZoteroServer,
                                                     sleeps: Sleeps) -> None:
    push(server, sleeps, refs(2))
    for request in fake.requests:
        assert request.headers["Zotero-API-Version"] == "3"
        assert request.headers["Zotero-API-Key"] == API_KEY
    (post,) = item_posts(fake)
    assert len(post.headers["Zotero-Write-Token"]) == 32


def test_the_write_token_depends_only_on_the_batch_content() -> None:
    items = [item for _, item in prepare_items(refs(2))]
    assert write_token(items) == write_token(json.loads(json.dumps(items)))
    assert write_token(items) != write_token(items[:1])


def test_pushed_items_are_valid_zotero_items_with_the_marker_tag(fake: FakeZotero,
                                                                 server: ZoteroServer,
                                                                 sleeps: Sleeps) -> None:
    push(server, sleeps, refs(1))
    (stored,) = fake.stored()
    assert {"tag": "refport", "type": 1} in stored["data"]["tags"]


def test_a_group_library_uses_the_groups_path(fake: FakeZotero, server: ZoteroServer,
                                              sleeps: Sleeps) -> None:
    with client_for(server, sleeps, "group:42") as client:
        Pusher(client).run(prepare_items(refs(1)))
    assert len(fake.stored("/groups/42")) == 1


# --- re-runs --------------------------------------------------------------------


def test_a_rerun_sends_only_what_is_not_yet_there(fake: FakeZotero, server: ZoteroServer,
                                                  sleeps: Sleeps) -> None:
    push(server, sleeps, refs(2))
    report = push(server, sleeps, refs(3))
    assert [(o.id, o.status) for o in report.outcomes] == [
        ("ref0", "unchanged"), ("ref1", "unchanged"), ("ref2", "created")]
    assert [len(r.body) for r in item_posts(fake)] == [2, 1]
    assert len(fake.stored()) == 3


def test_a_duplicate_id_in_the_input_is_reported_not_sent(server: ZoteroServer,
                                                          sleeps: Sleeps) -> None:
    report = push(server, sleeps, [*refs(1), *refs(1)])
    assert [o.status for o in report.outcomes] == ["created", "failed"]
    assert "duplicate id" in report.outcomes[1].reason


# --- faults ---------------------------------------------------------------------


def test_429_is_retried_after_retry_after_seconds(fake: FakeZotero, server: ZoteroServer,
                                                  sleeps: Sleeps) -> None:
    fake.faults = ["429"]
    report = push(server, sleeps, refs(2))
    assert report.ok and len(fake.stored()) == 2
    assert sleeps == [3.0]


def test_503_is_retried_the_same_way(fake: FakeZotero, server: ZoteroServer,
                                     sleeps: Sleeps) -> None:
    fake.faults = ["503"]
    assert push(server, sleeps, refs(1)).ok and sleeps == [3.0]


def test_backoff_delays_the_next_request(fake: FakeZotero, server: ZoteroServer,
                                         sleeps: Sleeps) -> None:
    fake.faults = ["backoff"]
    push(server, sleeps, refs(60))
    assert len(sleeps) == 1 and 4.0 < sleeps[0] <= 5.0
    assert len(fake.stored()) == 60


def test_a_dropped_connection_after_saving_creates_no_duplicates(fake: FakeZotero,
                                                                 server: ZoteroServer,
                                                                 sleeps: Sleeps) -> None:
    fake.faults = ["drop"]
    report = push(server, sleeps, refs(3))
    assert len(fake.stored()) == 3
    assert [o.status for o in report.outcomes] == ["created"] * 3
    assert all(o.reason == "confirmed after a retry" for o in report.outcomes)
    first, retry = item_posts(fake)
    assert first.headers["Zotero-Write-Token"] == retry.headers["Zotero-Write-Token"]


def test_a_dropped_connection_before_saving_is_retried(fake: FakeZotero, server: ZoteroServer,
                                                       sleeps: Sleeps) -> None:
    fake.faults = ["drop-early"]
    report = push(server, sleeps, refs(2))
    assert report.ok and len(fake.stored()) == 2 and sleeps == [1.0]


def test_a_412_for_items_that_are_not_there_resends_them_under_a_new_token(
    fake: FakeZotero, server: ZoteroServer, sleeps: Sleeps
) -> None:
    fake.faults = ["412"]
    report = push(server, sleeps, refs(2))
    assert report.ok and len(fake.stored()) == 2
    first, second = item_posts(fake)
    assert first.headers["Zotero-Write-Token"] != second.headers["Zotero-Write-Token"]


def test_retries_are_bounded_and_the_failed_batch_names_its_ids(fake: FakeZotero,
                                                                server: ZoteroServer,
                                                                sleeps: Sleeps) -> None:
    fake.faults = ["429"] * 4
    report = push(server, sleeps, refs(52))
    assert len(item_posts(fake)) == 5  # 4 refused attempts of batch 1, then batch 2
    ((number, ids, reason),) = report.failed_batches
    assert number == 1 and ids == tuple(f"ref{n}" for n in range(50)) and "429" in reason
    assert len(report.of("created")) == 2


def test_after_a_failure_a_rerun_completes_the_library(fake: FakeZotero, server: ZoteroServer,
                                                       sleeps: Sleeps) -> None:
    fake.faults = ["429"] * 4
    push(server, sleeps, refs(52))
    report = push(server, sleeps, refs(52))
    assert len(report.of("created")) == 50 and len(report.of("unchanged")) == 2
    assert sorted(e["data"]["citationKey"] for e in fake.stored()) == sorted(
        f"ref{n}" for n in range(52))


def test_an_item_the_server_refuses_is_reported_with_its_reason(fake: FakeZotero,
                                                                server: ZoteroServer,
                                                                sleeps: Sleeps) -> None:
    prepared = prepare_items(refs(2))
    prepared[1][1]["bogusField"] = "x"
    with client_for(server, sleeps) as client:
        report = Pusher(client).run(prepared)
    assert [o.status for o in report.outcomes] == ["created", "failed"]
    assert "bogusField" in report.outcomes[1].reason and report.outcomes[1].reason.startswith("400")


def test_a_wrong_api_key_fails_every_batch_without_retrying(server: ZoteroServer,
                                                            sleeps: Sleeps) -> None:
    client = ZoteroClient(Library.parse("user:1"), "wrong", base_url=server.url, sleep=sleeps)
    with client, pytest.raises(Exception, match="403"):
        Pusher(client).run(prepare_items(refs(1)))
    assert sleeps == []


# --- collections, report, progress, CLI -----------------------------------------


def test_collection_is_created_once_and_items_go_into_it(fake: FakeZotero, server: ZoteroServer,
                                                         sleeps: Sleeps) -> None:
    from refport.zotero.push import find_or_create_collection

    with client_for(server, sleeps) as client:
        key = find_or_create_collection(client, "Диссертация")
        assert find_or_create_collection(client, "Диссертация") == key
        Pusher(client).run(prepare_items(refs(1), key))
    assert len(fake.collections["/users/1"]) == 1
    assert fake.stored()[0]["data"]["collections"] == [key]


def test_the_report_lists_every_outcome_with_its_reason(server: ZoteroServer,
                                                        sleeps: Sleeps) -> None:
    push(server, sleeps, refs(1))
    text = push(server, sleeps, refs(2)).format_text("user:1")
    assert "created   1" in text and "unchanged 1" in text and "failed    0" in text
    assert "unchanged ref0 [" in text and "already in the library" in text


def test_the_progress_bar_draws_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, loud = io.StringIO(), Terminal()
    ProgressBar(2, quiet)(1)
    bar = ProgressBar(2, loud, width=4)
    bar(1)
    bar(2)
    assert quiet.getvalue() == ""
    assert loud.getvalue() == "\r[##..] 1/2\r[####] 2/2\n"


def write_input(tmp_path: Path, references: list[Reference]) -> Path:
    from refport.formats import zotero

    path = tmp_path / "in.zotero.json"
    with path.open("w", encoding="utf-8") as out:
        zotero.write(references, out, None)  # type: ignore[arg-type]
    return path


@pytest.fixture(autouse=True)
def registry_with_zotero(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until the lead registers the format, the CLI tests add it themselves."""
    from refport import api
    from refport.formats import FormatRegistry, zotero

    registry = FormatRegistry()
    try:
        existing = api.registry()
        for name in existing.names():
            registry.add(existing.get(name))
    except ImportError:  # other formats not there yet
        pass
    if "zotero" not in registry.names():
        registry.add(zotero.FORMAT)
    monkeypatch.setattr(api, "registry", lambda: registry)


def run_cli(argv: list[str]) -> int:
    import argparse

    from refport.cli import zotero_command

    parser = argparse.ArgumentParser()
    zotero_command.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


def test_cli_push_uses_the_key_from_the_environment(
    fake: FakeZotero, server: ZoteroServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ZOTERO_API_KEY", API_KEY)
    monkeypatch.setenv("REFPORT_ZOTERO_API", server.url)
    path = write_input(tmp_path, refs(2))
    code = run_cli(["zotero", "push", str(path), "--library", "user:1", "--collection", "C",
                    "-f", "zotero"])
    assert code == 0 and len(fake.stored()) == 2
    assert "created   2" in capsys.readouterr().out


def test_cli_push_without_a_key_stops_before_any_request(
    fake: FakeZotero, server: ZoteroServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ZOTERO_API_KEY", raising=False)
    path = write_input(tmp_path, refs(1))
    code = run_cli(["zotero", "push", str(path), "--library", "user:1", "--api-url", server.url,
                    "-f", "zotero"])
    assert code == 2 and fake.requests == []


def test_cli_dry_run_prints_the_batches_and_contacts_nothing(
    fake: FakeZotero, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("ZOTERO_API_KEY", raising=False)
    path = write_input(tmp_path, refs(51))
    assert run_cli(["zotero", "push", str(path), "--library", "group:7", "--dry-run",
                    "-f", "zotero"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["endpoint"] == "POST /groups/7/items"
    assert [len(b["items"]) for b in plan["batches"]] == [50, 1]
    assert fake.requests == []


def test_cli_rejects_a_malformed_library(tmp_path: Path) -> None:
    path = write_input(tmp_path, refs(1))
    assert run_cli(["zotero", "push", str(path), "--library", "me", "--dry-run"]) == 2
