"""Time, rate limits and the run's deadline, with the clock injectable.

Crossref's published limits (from December 2025): in the polite pool (a
`mailto` given) at most 10 single-record requests and 3 list requests per
second, 3 at a time; without `mailto` 5, 1 and 1. refport applies them to
every agency: one bucket for single-DOI requests, one for list requests, and a
worker pool as wide as the concurrency limit.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Final, Literal, Protocol

RequestKind = Literal["single", "list"]


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...

    def wall(self) -> float:
        """Seconds since the epoch (for HTTP dates and cache ages)."""
        ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    def wall(self) -> float:
        return time.time()


SYSTEM_CLOCK: Final = SystemClock()


@dataclass(frozen=True, slots=True)
class RateLimits:
    single_per_second: float
    list_per_second: float
    concurrency: int


POLITE: Final = RateLimits(single_per_second=10, list_per_second=3, concurrency=3)
PUBLIC: Final = RateLimits(single_per_second=5, list_per_second=1, concurrency=1)
#: The buckets run a little under the published rates, so that jitter on the
#: way (a request delayed, the next one not) never puts one request too many
#: into a second as the agency counts it.
RATE_MARGIN: Final = 0.95


class DeadlineReached(Exception):
    """The run's time budget is spent; what is left is reported unreachable."""


class Deadline:
    def __init__(self, clock: Clock, seconds: float) -> None:
        self.clock = clock
        self.seconds = seconds
        self.end = clock.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - self.clock.monotonic()

    def check(self) -> None:
        if self.remaining() <= 0:
            raise DeadlineReached(self.message())

    def message(self) -> str:
        return f"the online pass's time limit ({self.seconds:g} s) was reached first"


class TokenBucket:
    """At most `rate` acquisitions per second (bursts of `capacity`), thread-safe.

    A caller reserves the next free slot under the lock and sleeps outside it,
    so concurrent callers queue up in order instead of waking together.
    """

    def __init__(self, rate: float, clock: Clock, capacity: float = 1.0) -> None:
        self.rate = rate
        self.capacity = capacity
        self.clock = clock
        self._tokens = capacity
        self._updated = clock.monotonic()
        self._lock = threading.Lock()

    def acquire(self, deadline: Deadline | None = None) -> float:
        """Wait for a slot; returns the wait. Raises DeadlineReached instead of
        waiting past the deadline (and then reserves nothing)."""
        with self._lock:
            now = self.clock.monotonic()
            self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
            self._updated = now
            wait = 0.0 if self._tokens >= 1 else (1 - self._tokens) / self.rate
            if deadline is not None and wait >= deadline.remaining():
                raise DeadlineReached(deadline.message())
            self._tokens -= 1
        if wait > 0:
            self.clock.sleep(wait)
        return wait


class Limiter:
    """One bucket per request kind, built from a `RateLimits`."""

    def __init__(self, limits: RateLimits, clock: Clock) -> None:
        self.limits = limits
        self.buckets: dict[RequestKind, TokenBucket] = {
            "single": TokenBucket(limits.single_per_second * RATE_MARGIN, clock),
            "list": TokenBucket(limits.list_per_second * RATE_MARGIN, clock),
        }

    def acquire(self, kind: RequestKind, deadline: Deadline | None = None) -> float:
        return self.buckets[kind].acquire(deadline)
