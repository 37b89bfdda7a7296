"""The seed lists' DOIs against their hand-written registered records."""

from __future__ import annotations

import json

import httpx
from online_support import ONLINE, FakeClock, settings_for

from refport.model import Reference
from refport.online import Resolver, check_online, verify_dois

EXPECTED = json.loads((ONLINE / "seeds.expected.json").read_text(encoding="utf-8"))


def resolver(client: httpx.Client, clock: FakeClock) -> Resolver:
    return Resolver(client, settings_for("http://agencies.test"), clock=clock)


def test_seed_lists_give_exactly_the_expected_diagnostics(
    seed_refs: list[Reference], mock_client: httpx.Client, clock: FakeClock
) -> None:
    found = verify_dois(seed_refs, resolver(mock_client, clock))
    assert [d.to_json() for d in found] == EXPECTED["diagnostics"]


def test_shared_doi_is_a_mismatch_on_abushov_not_on_valiyev(
    seed_refs: list[Reference], mock_client: httpx.Client, clock: FakeClock
) -> None:
    report = check_online(seed_refs, resolver(mock_client, clock))
    kinds = {o.ref: o.kind for o in report.outcomes}
    assert kinds["abushov2019"] == "mismatch"
    assert kinds["valiyev2019"] == "verified"


def test_mismatch_message_quotes_the_registered_work_and_the_disagreeing_fields(
    seed_refs: list[Reference], mock_client: httpx.Client, clock: FakeClock
) -> None:
    (mismatch,) = [
        d for d in verify_dois(seed_refs, resolver(mock_client, clock)) if d.code == "doi-mismatch"
    ]
    for quoted in (
        "Valiyev, Anar; Mamishova, Narmina",
        "(2019)",
        "Azerbaijan’s foreign policy towards Russia",
        "Southeast European and Black Sea Studies",
        "title, first author, journal, volume and first page disagree",
    ):
        assert quoted in mismatch.message
    assert mismatch.file is not None and mismatch.file.endswith(
        "preradovic-bogicevic-2026.csl.json"
    )


def test_every_seed_reference_with_a_doi_gets_one_outcome(
    seed_refs: list[Reference], mock_client: httpx.Client, clock: FakeClock
) -> None:
    report = check_online(seed_refs, resolver(mock_client, clock))
    assert [o.ref for o in report.outcomes] == [r.id for r in seed_refs if r.doi]
    assert {o.kind for o in report.outcomes} == {"verified", "mismatch", "differs"}


def test_suggest_dois_finds_the_doi_seed_002_leaves_out_for_hecht(
    seed_refs: list[Reference], mock_client: httpx.Client, clock: FakeClock
) -> None:
    found = verify_dois(seed_refs, resolver(mock_client, clock), suggest=True)
    suggested = [d.to_json() for d in found if d.code == "doi-missing"]
    assert suggested == EXPECTED["suggested"]


def test_the_same_doi_in_two_cases_is_fetched_once(
    seed_refs: list[Reference], world: object, mock_client: httpx.Client, clock: FakeClock
) -> None:
    verify_dois(seed_refs, resolver(mock_client, clock))
    filters = [r.query["filter"][0] for r in world.requests if "filter" in r.query]  # type: ignore[attr-defined]
    asked = [part for text in filters for part in text.split(",")]
    assert asked.count("doi:10.1017/s0043887100007814") == 1
