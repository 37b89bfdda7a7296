"""One polite GET: rate-limited, redirects followed hop by hop (each hop is a
request the agency counts), retried with exponential backoff and jitter on 429,
5xx, timeouts and dropped connections, honouring `Retry-After` (seconds or an
HTTP date), and never past the run's deadline.

Whatever cannot be answered raises `Unreachable` with a reason a person can
read; the caller turns it into `doi-unreachable`, never into a pass.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final
from urllib.parse import urljoin

import httpx

from refport import __version__
from refport.online.ratelimit import Clock, Deadline, DeadlineReached, Limiter, RequestKind

RETRIED_STATUSES: Final = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES: Final = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS: Final = 5


class Unreachable(Exception):
    """No usable answer; `str()` says why."""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0

    def backoff(self, attempt: int, draw: float) -> float:
        """Exponential, capped, with "equal jitter": half fixed, half random."""
        delay = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return delay / 2 + delay / 2 * draw


def user_agent(mailto: str | None) -> str:
    """Crossref's etiquette: tool/version and a contact address."""
    return f"refport/{__version__} (mailto:{mailto})" if mailto else f"refport/{__version__}"


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """`Retry-After` as seconds from `now` (epoch seconds); None when absent or unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - now)


class Fetcher:
    def __init__(
        self,
        client: httpx.Client,
        limiter: Limiter,
        deadline: Deadline,
        *,
        timeout: float,
        mailto: str | None = None,
        policy: RetryPolicy = RetryPolicy(),
        draw: Callable[[], float] = random.random,
    ) -> None:
        self.client = client
        self.limiter = limiter
        self.deadline = deadline
        self.clock: Clock = deadline.clock
        self.timeout = timeout
        self.policy = policy
        self.draw = draw
        self.headers = {"User-Agent": user_agent(mailto)}
        #: Every wait before a retry, in seconds (for tests and reports).
        self.waits: list[float] = []

    def get(
        self,
        url: str,
        *,
        kind: RequestKind,
        params: Mapping[str, str] | None = None,
        accept: str = "application/json",
    ) -> httpx.Response:
        """The first answer that is not worth retrying (any status but 429/5xx)."""
        last = "no attempt was made"
        for attempt in range(1, self.policy.attempts + 1):
            try:
                response = self._follow(url, kind, params, accept)
            except DeadlineReached as error:
                raise Unreachable(str(error)) from None
            except httpx.TimeoutException:
                last, wait = f"no answer within {self._timeout():g} s", self._backoff(attempt)
            except httpx.TransportError as error:
                last = f"the connection failed ({type(error).__name__})"
                wait = self._backoff(attempt)
            else:
                if response.status_code not in RETRIED_STATUSES:
                    return response
                last = f"HTTP {response.status_code}"
                hinted = retry_after_seconds(response.headers.get("Retry-After"), self.clock.wall())
                wait = hinted if hinted is not None else self._backoff(attempt)
            if attempt == self.policy.attempts:
                break
            if wait >= self.deadline.remaining():
                raise Unreachable(f"{last}; waiting {wait:g} s to retry would pass the time limit")
            self.waits.append(wait)
            self.clock.sleep(wait)
        raise Unreachable(f"no answer after {self.policy.attempts} attempts (last: {last})")

    def _backoff(self, attempt: int) -> float:
        return self.policy.backoff(attempt, self.draw())

    def _timeout(self) -> float:
        return max(0.001, min(self.timeout, self.deadline.remaining()))

    def _follow(
        self, url: str, kind: RequestKind, params: Mapping[str, str] | None, accept: str
    ) -> httpx.Response:
        headers = {**self.headers, "Accept": accept}
        query = dict(params) if params else None
        for _ in range(MAX_REDIRECTS + 1):
            self.deadline.check()
            self.limiter.acquire(kind, self.deadline)
            response = self.client.get(
                url, params=query, headers=headers, timeout=self._timeout(), follow_redirects=False
            )
            location = response.headers.get("Location")
            if response.status_code not in REDIRECT_STATUSES or not location:
                return response
            url, query = urljoin(str(response.url), location), None
        raise Unreachable(f"more than {MAX_REDIRECTS} redirects")
