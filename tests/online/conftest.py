"""Fixtures of the online tests: the agency world, a fake clock, clients and a
loopback server in front of the world, and the reference lists."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from agency_server import AgencyServer, serving
from agency_world import AgencyWorld
from online_support import ONLINE, SEEDS, FakeClock, load_refs

from refport.model import Reference


@pytest.fixture
def world() -> AgencyWorld:
    return AgencyWorld()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def mock_client(world: AgencyWorld, clock: FakeClock) -> Iterator[httpx.Client]:
    with httpx.Client(transport=world.transport(clock.monotonic)) as client:
        yield client


@pytest.fixture
def server(world: AgencyWorld) -> Iterator[AgencyServer]:
    with serving(world) as running:
        yield running


@pytest.fixture
def seed_refs() -> list[Reference]:
    return load_refs(SEEDS / "preradovic-bogicevic-2026.csl.json", SEEDS / "turan-2025.csl.json")


@pytest.fixture
def synthetic_refs() -> list[Reference]:
    return load_refs(ONLINE / "synthetic.csl.json")
