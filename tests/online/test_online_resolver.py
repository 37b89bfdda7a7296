"""How DOIs are resolved: which agency is asked how, the cache, the etiquette."""

from __future__ import annotations

from pathlib import Path

import httpx
from agency_world import AgencyWorld, Answer
from online_support import FakeClock, settings_for

from refport.model import Reference
from refport.online import POLITE, PUBLIC, DoiCache, Resolver, verify_dois

BASE = "http://agencies.test"
VALIYEV = "10.1080/14683857.2019.1578053"
ROSE = "10.1017/S0043887100007814"
DATASET = "10.5072/refport-dataset-1"
MEDRA = "10.99999/refport.medra.1"
TYPO = "10.1080/14683857.2019.1578035"


def make(
    client: httpx.Client, clock: FakeClock, cache: DoiCache | None = None, **changes: object
) -> Resolver:
    return Resolver(client, settings_for(BASE, **changes), cache=cache, clock=clock)


# --- routes -----------------------------------------------------------------------------


def test_crossref_dois_are_fetched_in_one_batched_filter_request(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    found = make(mock_client, clock).resolve([VALIYEV, ROSE])
    assert {r.status for r in found.values()} == {"found"}
    (request,) = [r for r in world.requests if r.path == "/crossref/works"]
    assert request.query["filter"] == [f"doi:{VALIYEV},doi:{ROSE.lower()}"]


def test_the_agency_is_asked_for_all_unknown_dois_in_one_doira_request(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    make(mock_client, clock).resolve([VALIYEV, ROSE, DATASET, MEDRA])
    assert len(world.paths("/doi/doiRA/")) == 1


def test_a_datacite_doi_goes_to_the_datacite_api(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    found = make(mock_client, clock).resolve([DATASET])
    assert found[DATASET].agency == "DataCite"
    assert found[DATASET].record is not None and found[DATASET].record["type"] == "dataset"
    assert world.paths("/datacite/dois") == ["/datacite/dois"]


def test_other_agencies_are_resolved_by_content_negotiation_following_the_redirect(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    found = make(mock_client, clock).resolve([MEDRA])
    assert found[MEDRA].agency == "mEDRA"
    transform = [r for r in world.requests if r.path.startswith("/doi/transform/")]
    assert transform and transform[0].headers["accept"] == "application/vnd.citationstyles.csl+json"


def test_a_doi_a_batch_leaves_out_is_tried_by_content_negotiation(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    del world.crossref[VALIYEV]  # Crossref's index lags; doi.org still answers
    found = make(mock_client, clock).resolve([VALIYEV])
    assert found[VALIYEV].status == "found"
    assert f"/doi/{VALIYEV}" in world.paths("/doi/")


def test_a_handle_api_404_proves_the_doi_does_not_exist(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    found = make(mock_client, clock).resolve([TYPO])
    assert found[TYPO].status == "not-found"
    assert world.paths("/doi/api/handles/") == [f"/doi/api/handles/{TYPO}"]


def test_a_404_without_the_handle_not_found_code_is_not_taken_as_proof(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    world.handle_missing = {"message": "no such page"}  # a proxy's 404, not the handle API's
    found = make(mock_client, clock).resolve([TYPO])
    assert found[TYPO].status == "unreachable"
    assert "without its not-found code" in (found[TYPO].reason or "")


def test_when_doira_fails_content_negotiation_still_serves_every_agency(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    answer = world.respond
    world.respond = lambda path, query, headers: (  # type: ignore[method-assign]
        Answer(503) if path.startswith("/doi/doiRA/") else answer(path, query, headers)
    )
    found = make(mock_client, clock).resolve([MEDRA, TYPO, VALIYEV])
    assert [found[k].status for k in (MEDRA, TYPO, VALIYEV)] == ["found", "not-found", "found"]


def test_a_doi_doira_does_not_know_but_the_handle_api_does_is_negotiated(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    world.agencies.clear()  # doiRA: "DOI does not exist" for everything
    found = make(mock_client, clock).resolve([MEDRA, TYPO])
    assert (found[MEDRA].status, found[TYPO].status) == ("found", "not-found")
    assert f"/doi/api/handles/{MEDRA}" in world.paths("/doi/api/handles/")


def test_invalid_dois_are_not_requested(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    assert make(mock_client, clock).resolve(["not a doi", "11.1/x"]) == {}
    assert world.requests == []


# --- cache ------------------------------------------------------------------------------


def test_a_second_run_over_the_same_list_makes_no_requests(
    tmp_path: Path,
    world: AgencyWorld,
    mock_client: httpx.Client,
    clock: FakeClock,
    seed_refs: list[Reference],
    synthetic_refs: list[Reference],
) -> None:
    refs = seed_refs + [r for r in synthetic_refs if r.id != "no-metadata"]
    with DoiCache(tmp_path / "doi.sqlite", clock, 30) as cache:
        first = verify_dois(refs, make(mock_client, clock, cache), suggest=True)
    assert len(world.requests) > 10
    world.requests.clear()
    with DoiCache(tmp_path / "doi.sqlite", clock, 30) as cache:
        second = verify_dois(refs, make(mock_client, clock, cache), suggest=True)
    assert world.requests == []
    assert second == first


def test_cached_records_and_404s_both_spare_requests(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    cache = DoiCache(":memory:", clock, 30)
    make(mock_client, clock, cache).resolve([VALIYEV, TYPO])
    world.requests.clear()
    found = make(mock_client, clock, cache).resolve([VALIYEV, TYPO])
    assert world.requests == []
    assert (found[VALIYEV].cached, found[TYPO].status) == (True, "not-found")


def test_entries_older_than_max_age_are_fetched_again(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    cache = DoiCache(":memory:", clock, max_age_days=7)
    make(mock_client, clock, cache).resolve([VALIYEV])
    clock.advance(8 * 86400)
    world.requests.clear()
    found = make(mock_client, clock, cache).resolve([VALIYEV])
    assert found[VALIYEV].cached is False
    assert world.paths("/crossref/works") == ["/crossref/works"]


def test_a_known_prefix_skips_the_agency_lookup(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    cache = DoiCache(":memory:", clock, 30)
    make(mock_client, clock, cache).resolve([VALIYEV])
    world.requests.clear()
    make(mock_client, clock, cache).resolve(["10.1080/01402390308559310"])
    assert world.paths("/doi/doiRA/") == []


def test_unreachable_dois_are_not_cached(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    cache = DoiCache(":memory:", clock, 30)
    world.respond = lambda path, query, headers: Answer(503)  # type: ignore[method-assign]
    found = make(mock_client, clock, cache).resolve([VALIYEV])
    assert found[VALIYEV].status == "unreachable"
    assert cache.count() == 0


def test_offline_cache_only_fetches_nothing_and_says_what_was_missing(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    cache = DoiCache(":memory:", clock, 30)
    make(mock_client, clock, cache).resolve([VALIYEV])
    world.requests.clear()
    found = make(mock_client, clock, cache, offline_cache_only=True).resolve([VALIYEV, ROSE])
    assert world.requests == []
    assert found[VALIYEV].status == "found"
    rose = found[ROSE.lower()]  # results are keyed by the normalised DOI
    assert rose.status == "unreachable" and "not in the cache" in (rose.reason or "")


# --- etiquette --------------------------------------------------------------------------


def test_every_request_names_refport_and_the_mailto_in_the_user_agent(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    make(mock_client, clock).resolve([VALIYEV, DATASET, MEDRA, TYPO])
    agents = {r.headers["user-agent"] for r in world.requests}
    assert len(agents) == 1
    (agent,) = agents
    assert agent.startswith("refport/") and "mailto:editor@example.org" in agent


def test_crossref_requests_carry_mailto_in_the_query(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    make(mock_client, clock).resolve([VALIYEV])
    (request,) = [r for r in world.requests if r.path == "/crossref/works"]
    assert request.query["mailto"] == ["editor@example.org"]


def test_without_mailto_the_public_pool_limits_apply(
    mock_client: httpx.Client, clock: FakeClock
) -> None:
    assert make(mock_client, clock).limits == POLITE
    assert make(mock_client, clock, mailto=None).limits == PUBLIC
    assert (PUBLIC.single_per_second, PUBLIC.list_per_second, PUBLIC.concurrency) == (5, 1, 1)
    assert (POLITE.single_per_second, POLITE.list_per_second, POLITE.concurrency) == (10, 3, 3)
