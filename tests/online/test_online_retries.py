"""Misbehaving agencies: 429 with Retry-After, 5xx, slow answers, dropped
connections, garbage, and the run's deadline. Whatever happens, every DOI gets
an answer or `doi-unreachable`; none is lost and none silently passes."""

from __future__ import annotations

import email.utils

import httpx
from agency_server import AgencyServer
from agency_world import AgencyWorld, Answer, Fault
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from online_support import FakeClock, settings_for

from refport.model import Reference
from refport.online import Resolver, RetryPolicy, check_online
from refport.online.fetch import retry_after_seconds
from refport.online.ratelimit import SYSTEM_CLOCK

BASE = "http://agencies.test"
VALIYEV = "10.1080/14683857.2019.1578053"
MEDRA = "10.99999/refport.medra.1"
CROSSREF_LIST = "/crossref/works"


def make(client: httpx.Client, clock: FakeClock, **changes: object) -> Resolver:
    return Resolver(client, settings_for(BASE, **changes), clock=clock, draw=lambda: 1.0)


def attempts(world: AgencyWorld, prefix: str) -> int:
    return len(world.paths(prefix))


def failing(world: AgencyWorld, prefix: str, status: int) -> None:
    """Every request under `prefix` answers `status`; the rest of the world works."""
    answer = world.respond
    world.respond = lambda path, query, headers: (  # type: ignore[method-assign]
        Answer(status) if path.startswith(prefix) else answer(path, query, headers)
    )


# --- Retry-After --------------------------------------------------------------------------


def test_a_429_is_retried_after_the_seconds_retry_after_names(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    world.faults.append(Fault("429", CROSSREF_LIST, retry_after="7"))
    resolver = make(mock_client, clock)
    found = resolver.resolve([VALIYEV])
    assert found[VALIYEV].status == "found"
    assert resolver.fetcher.waits == [7.0]
    assert attempts(world, CROSSREF_LIST) == 2


def test_retry_after_as_an_http_date_is_honoured(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    when = email.utils.formatdate(clock.wall() + 30, usegmt=True)
    world.faults.append(Fault("503", CROSSREF_LIST, retry_after=when))
    resolver = make(mock_client, clock)
    resolver.resolve([VALIYEV])
    (wait,) = resolver.fetcher.waits
    assert 29.0 <= wait <= 30.0


def test_retry_after_parses_seconds_dates_and_rejects_nonsense() -> None:
    now = 1_700_000_000.0
    assert retry_after_seconds("12", now) == 12.0
    assert retry_after_seconds(email.utils.formatdate(now + 5, usegmt=True), now) == 5.0
    assert retry_after_seconds(email.utils.formatdate(now - 50, usegmt=True), now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_a_retry_after_beyond_the_deadline_gives_up_at_once(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    world.faults.append(Fault("429", CROSSREF_LIST, retry_after="3600"))
    found = make(mock_client, clock, deadline=60.0).resolve([VALIYEV])
    assert found[VALIYEV].status == "unreachable"
    assert "time limit" in (found[VALIYEV].reason or "")
    assert 3600.0 not in clock.sleeps


def test_a_retry_after_429_is_honoured_as_measured_at_the_server(
    world: AgencyWorld, server: AgencyServer
) -> None:
    world.faults.append(Fault("429", CROSSREF_LIST, retry_after="1"))
    with httpx.Client() as client:
        resolver = Resolver(client, settings_for(server.base), clock=SYSTEM_CLOCK)
        assert resolver.resolve([VALIYEV])[VALIYEV].status == "found"
    first, second = [r.at for r in world.requests if r.path == CROSSREF_LIST]
    assert second - first >= 1.0


def test_a_503_is_retried_after_a_backoff_as_measured_at_the_server(
    world: AgencyWorld, server: AgencyServer
) -> None:
    world.faults.append(Fault("503", CROSSREF_LIST))
    with httpx.Client() as client:
        resolver = Resolver(client, settings_for(server.base))
        assert resolver.resolve([VALIYEV])[VALIYEV].status == "found"
    first, second = [r.at for r in world.requests if r.path == CROSSREF_LIST]
    (wait,) = resolver.fetcher.waits
    assert 0.25 <= wait <= 0.5  # the first backoff: 0.5 s with equal jitter
    assert second - first >= wait


# --- backoff ----------------------------------------------------------------------------


def test_5xx_without_retry_after_backs_off_exponentially(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    world.faults += [Fault(code, CROSSREF_LIST) for code in ("500", "502", "503")]
    resolver = make(mock_client, clock)
    found = resolver.resolve([VALIYEV])
    assert found[VALIYEV].status == "found"
    assert resolver.fetcher.waits == [0.5, 1.0, 2.0]  # base 0.5 s, doubling, jitter at its top


def test_backoff_jitter_stays_between_half_and_the_whole_delay() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=30.0)
    for attempt in range(1, 10):
        full = min(30.0, 0.5 * 2 ** (attempt - 1))
        assert policy.backoff(attempt, 0.0) == full / 2
        assert policy.backoff(attempt, 1.0) == full


def test_retries_are_bounded_and_then_the_doi_is_unreachable(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    failing(world, CROSSREF_LIST, 503)
    found = make(mock_client, clock).resolve([VALIYEV])
    assert found[VALIYEV].status == "unreachable"
    assert "no answer after 4 attempts (last: HTTP 503)" in (found[VALIYEV].reason or "")
    assert attempts(world, CROSSREF_LIST) == 4


def test_a_client_error_is_not_retried(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    failing(world, "/", 400)
    found = make(mock_client, clock).resolve([VALIYEV])
    assert found[VALIYEV].status == "unreachable"
    assert len(world.requests) == len(set(world.paths()))  # no path asked twice


def test_a_garbage_answer_is_unreachable_never_a_pass(
    world: AgencyWorld, mock_client: httpx.Client, clock: FakeClock
) -> None:
    world.faults.append(Fault("garbage", CROSSREF_LIST))
    found = make(mock_client, clock).resolve([VALIYEV])
    assert found[VALIYEV].status == "unreachable"
    assert "could not be read" in (found[VALIYEV].reason or "")


# --- the loopback server: dropped connections and slow answers -----------------------------


def test_a_dropped_connection_is_retried(world: AgencyWorld, server: AgencyServer) -> None:
    world.faults.append(Fault("drop", CROSSREF_LIST))
    with httpx.Client() as client:
        resolver = Resolver(client, settings_for(server.base), policy=RetryPolicy(base_delay=0.01))
        assert resolver.resolve([VALIYEV])[VALIYEV].status == "found"
    assert attempts(world, CROSSREF_LIST) == 2


def test_an_answer_slower_than_the_timeout_is_abandoned_and_retried(
    world: AgencyWorld, server: AgencyServer
) -> None:
    world.faults.append(Fault("slow", CROSSREF_LIST, delay=1.0))
    with httpx.Client() as client:
        settings = settings_for(server.base, timeout=0.2)
        resolver = Resolver(client, settings, policy=RetryPolicy(base_delay=0.01))
        found = resolver.resolve([VALIYEV])
    assert found[VALIYEV].status == "found"
    assert attempts(world, CROSSREF_LIST) == 2


def test_a_server_that_never_answers_in_time_leaves_the_doi_unreachable(
    world: AgencyWorld, server: AgencyServer
) -> None:
    world.faults += [Fault("slow", "/", delay=0.5) for _ in range(30)]
    with httpx.Client() as client:
        settings = settings_for(server.base, timeout=0.1, deadline=1.5)
        resolver = Resolver(client, settings, policy=RetryPolicy(attempts=2, base_delay=0.01))
        found = resolver.resolve([VALIYEV, MEDRA])
    assert {r.status for r in found.values()} == {"unreachable"}


# --- the deadline -------------------------------------------------------------------------


def test_after_the_deadline_the_remaining_dois_are_unreachable(
    world: AgencyWorld,
    mock_client: httpx.Client,
    clock: FakeClock,
    seed_refs: list[Reference],
) -> None:
    world.respond = lambda path, query, headers: Answer(503)  # type: ignore[method-assign]
    resolver = make(mock_client, clock, deadline=20.0)
    report = check_online(seed_refs, resolver)
    assert clock.monotonic() <= 20.0
    assert {o.kind for o in report.outcomes} == {"unreachable"}
    assert len(report.diagnostics) == len(report.outcomes) == sum(1 for r in seed_refs if r.doi)
    assert all(d.code == "doi-unreachable" and d.severity == "info" for d in report.diagnostics)


# --- the invariant: nothing lost, nothing silently passed ------------------------------------

FAULTS = st.sampled_from(["429", "500", "503", "drop", "slow", "garbage"])
PLACES = st.sampled_from(["/doi/doiRA/", "/doi/", "/crossref/works", "/datacite/dois", "/"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(faults=st.lists(st.tuples(FAULTS, PLACES, st.sampled_from([None, "0", "2"])), max_size=25))
def test_under_any_faults_every_reference_is_answered_or_unreachable(
    faults: list[tuple[str, str, str | None]],
) -> None:
    from online_support import ONLINE, SEEDS, load_refs

    refs = load_refs(SEEDS / "preradovic-bogicevic-2026.csl.json", ONLINE / "synthetic.csl.json")
    truth = _outcomes(refs, [])
    seen = _outcomes(refs, [Fault(kind, where, retry_after=after) for kind, where, after in faults])
    assert [ref for ref, _ in seen] == [ref for ref, _ in truth]
    for (ref, got), (_, expected) in zip(seen, truth, strict=True):
        assert got in (expected, "unreachable"), ref


def _outcomes(refs: list[Reference], faults: list[Fault]) -> list[tuple[str, str]]:
    world, clock = AgencyWorld(), FakeClock()
    world.faults = list(faults)
    with httpx.Client(transport=world.transport(clock.monotonic)) as client:
        report = check_online(refs, make(client, clock, deadline=120.0))
    unreachable = {d.refs[0] for d in report.diagnostics if d.code == "doi-unreachable"}
    assert unreachable == {o.ref for o in report.outcomes if o.kind == "unreachable"}
    return [(o.ref, o.kind) for o in report.outcomes]
