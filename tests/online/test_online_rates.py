"""Crossref's limits, measured where they matter: at a loopback server, as
the requests arrive. Polite pool: 10 single and 3 list requests per second, 3
at a time; public pool: 5, 1 and 1."""

from __future__ import annotations

import itertools

import httpx
import pytest
from agency_server import AgencyServer
from agency_world import AgencyWorld, Fault
from online_support import FakeClock, settings_for

from refport.online import Resolver
from refport.online.ratelimit import Deadline, DeadlineReached, TokenBucket

SEED_CROSSREF = (
    "10.1080/14683857.2019.1578053",
    "10.14746/pp.2022.27.1.6",
    "10.64148/msm.v7i4.5",
    "10.1080/01402390308559310",
    "10.1080/23745118.2021.1928844",
    "10.2307/2539204",
)


def negotiated_dois(world: AgencyWorld, count: int) -> list[str]:
    """`count` extra mEDRA DOIs, each two single requests (redirect, then CSL)."""
    dois = [f"10.99999/refport.rate.{n}" for n in range(count)]
    for doi in dois:
        world.agencies[doi] = {"DOI": doi, "RA": "mEDRA"}
        world.negotiated[doi] = {"DOI": doi, "type": "article-journal", "title": f"Rate {doi}"}
    return dois


def busiest_second(times: list[float]) -> int:
    """The most requests that arrived within any one second."""
    times = sorted(times)
    return max(sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times))


def mean_rate(times: list[float]) -> float:
    times = sorted(times)
    return (len(times) - 1) / (times[-1] - times[0])


def arrivals(world: AgencyWorld, single: bool) -> list[float]:
    lists = ("/doi/doiRA/", "/crossref/works", "/datacite/dois")
    return [r.at for r in world.requests if r.path.startswith(lists) != single]


def test_polite_single_requests_stay_within_ten_per_second(
    world: AgencyWorld, server: AgencyServer
) -> None:
    dois = negotiated_dois(world, 14)
    with httpx.Client() as client:
        found = Resolver(client, settings_for(server.base)).resolve(dois)
    assert {r.status for r in found.values()} == {"found"}
    times = arrivals(world, single=True)
    assert len(times) == 28
    assert busiest_second(times) <= 10
    assert 8.0 <= mean_rate(times) <= 10.0  # the limit, less a 5 % margin, not far less


def test_polite_list_requests_stay_within_three_per_second(
    world: AgencyWorld, server: AgencyServer
) -> None:
    with httpx.Client() as client:
        resolver = Resolver(client, settings_for(server.base), batch_size=1)
        found = resolver.resolve(SEED_CROSSREF)
    assert {r.status for r in found.values()} == {"found"}
    times = arrivals(world, single=False)
    assert len(times) == 12  # six doiRA, six Crossref batches of one
    assert busiest_second(times) <= 3
    assert 2.4 <= mean_rate(times) <= 3.0


def test_polite_requests_run_at_most_three_at_a_time(
    world: AgencyWorld, server: AgencyServer
) -> None:
    dois = negotiated_dois(world, 9)
    world.faults += [Fault("slow", "/doi/transform/", delay=0.3) for _ in dois]
    with httpx.Client() as client:
        Resolver(client, settings_for(server.base)).resolve(dois)
    assert server.max_in_flight == 3


def test_without_mailto_one_list_request_per_second_one_at_a_time(
    world: AgencyWorld, server: AgencyServer
) -> None:
    world.faults.append(Fault("slow", "/crossref/works", delay=0.2))
    with httpx.Client() as client:
        resolver = Resolver(client, settings_for(server.base, mailto=None), batch_size=2)
        found = resolver.resolve(SEED_CROSSREF[:4])
    assert {r.status for r in found.values()} == {"found"}
    times = sorted(arrivals(world, single=False))
    assert len(times) == 4  # two doiRA, two Crossref batches of two
    assert all(later - earlier >= 1.0 for earlier, later in itertools.pairwise(times))
    assert server.max_in_flight == 1
    assert "mailto" not in world.requests[-1].query


# --- the bucket itself, on a fake clock ---------------------------------------------------


@pytest.mark.parametrize("rate", [1.0, 3.0, 10.0])
def test_a_bucket_spaces_acquisitions_one_over_the_rate_apart(rate: float) -> None:
    clock = FakeClock()
    bucket = TokenBucket(rate, clock)
    moments = []
    for _ in range(7):
        bucket.acquire()
        moments.append(clock.monotonic())
    gaps = [b - a for a, b in itertools.pairwise(moments)]
    assert all(gap == pytest.approx(1 / rate) for gap in gaps)


def test_a_bucket_refills_while_idle_but_never_beyond_its_capacity() -> None:
    clock = FakeClock()
    bucket = TokenBucket(2.0, clock)
    bucket.acquire()
    clock.advance(10)
    assert bucket.acquire() == 0.0
    assert bucket.acquire() == pytest.approx(0.5)


def test_a_bucket_refuses_to_wait_past_the_deadline() -> None:
    clock = FakeClock()
    bucket, deadline = TokenBucket(0.1, clock), Deadline(clock, 5.0)
    bucket.acquire(deadline)
    with pytest.raises(DeadlineReached):
        bucket.acquire(deadline)
    assert clock.monotonic() == 0.0
