"""Helpers of the online tests: a fake clock, settings that point every
endpoint at a test base URL, the fixture folders and a reference loader.
(Kept out of conftest.py, whose module name other test folders share.)"""

from __future__ import annotations

import threading
from pathlib import Path

import refport
from refport.model import Reference
from refport.online import Endpoints, OnlineSettings

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
ONLINE = ROOT / "fixtures" / "online"
MOCK_BASE = "http://agencies.test"


class FakeClock:
    """Time that passes only when someone sleeps; every sleep is recorded."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = 0.0
        self.epoch = start
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        with self._lock:
            return self.now

    def wall(self) -> float:
        with self._lock:
            return self.epoch + self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += max(0.0, seconds)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


def settings_for(base: str, **changes: object) -> OnlineSettings:
    endpoints = Endpoints(f"{base}/doi", f"{base}/crossref", f"{base}/datacite")
    values: dict[str, object] = {"endpoints": endpoints, "mailto": "editor@example.org"}
    values.update(changes)
    return OnlineSettings(**values)  # type: ignore[arg-type]


def load_refs(*paths: Path) -> list[Reference]:
    refs: list[Reference] = []
    for path in paths:
        loaded = refport.load(path)
        assert not loaded.diagnostics
        refs += loaded.references
    return refs
