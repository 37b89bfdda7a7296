"""A small Zotero Web API v3 client: the few endpoints `refport zotero push` uses.

What the API documents and this client does:
- every request carries `Zotero-API-Version: 3` and `Zotero-API-Key`;
- a `Backoff: <seconds>` header on any response delays the next request;
- 429 and 503 are retried after `Retry-After` seconds (exponential backoff
  when the header is absent); a dropped connection is retried the same way;
- retries are bounded (`RetryPolicy.max_attempts`), then the request fails;
- item writes carry a `Zotero-Write-Token`, so that a retried write is applied
  at most once: the server answers a reused token with 412.
The transport and the sleep function are injectable so tests need no network
and no waiting.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

import httpx

DEFAULT_API_URL: Final = "https://api.zotero.org"
API_VERSION: Final = "3"
PAGE_SIZE: Final = 100
RETRIED_STATUSES: Final = frozenset({429, 503})


class ApiError(Exception):
    """A request that failed for good (after the retries it was allowed)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"HTTP {status}: {message}" if status else message)
        self.status = status
        self.message = message


class WriteTokenUsed(ApiError):
    """412 on a write: the server has already applied a request with this token."""


@dataclass(frozen=True, slots=True)
class Library:
    """`user:ID` or `group:ID`, as the command line takes it."""

    kind: str
    id: str

    @classmethod
    def parse(cls, text: str) -> Library:
        match = re.fullmatch(r"(user|group)s?:(\d+)", text.strip())
        if not match:
            raise ValueError(f"library must be user:ID or group:ID (numeric), not {text!r}")
        return cls(match.group(1), match.group(2))

    @property
    def prefix(self) -> str:
        return f"/{self.kind}s/{self.id}"

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0

    def delay(self, attempt: int) -> float:
        return float(min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))


@dataclass(frozen=True, slots=True)
class WriteResult:
    """A multi-object write response, by position in the batch."""

    successful: dict[int, str] = field(default_factory=dict)  # position -> item key
    unchanged: dict[int, str] = field(default_factory=dict)
    failed: dict[int, tuple[int, str]] = field(default_factory=dict)  # position -> (code, msg)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WriteResult:
        successful = {int(k): str(v) for k, v in (data.get("success") or {}).items()}
        for position, item in (data.get("successful") or {}).items():
            if isinstance(item, dict) and "key" in item:
                successful[int(position)] = str(item["key"])
        unchanged = {int(k): str(v) for k, v in (data.get("unchanged") or {}).items()}
        failed = {
            int(k): (int(v.get("code", 0)), str(v.get("message", "")))
            for k, v in (data.get("failed") or {}).items()
            if isinstance(v, dict)
        }
        return cls(successful, unchanged, failed)


class ZoteroClient:
    """One library, one API key, polite retries."""

    def __init__(
        self,
        library: Library,
        api_key: str,
        *,
        base_url: str = DEFAULT_API_URL,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        policy: RetryPolicy | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.library = library
        self._sleep = sleep
        self._clock = clock
        self._policy = policy or RetryPolicy()
        self._not_before = 0.0
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            transport=transport,
            timeout=timeout,
            headers={"Zotero-API-Version": API_VERSION, "Zotero-API-Key": api_key},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ZoteroClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- endpoints -------------------------------------------------------------

    def get_all(self, path: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Every object of a listing, page by page (`start`/`limit`)."""
        results: list[dict[str, Any]] = []
        start = 0
        while True:
            paging = {"format": "json", "limit": str(PAGE_SIZE), "start": str(start)}
            query = {**(params or {}), **paging}
            response = self._request("GET", self.library.prefix + path, params=query)
            self._raise_for_status(response)
            page = response.json()
            if not isinstance(page, list):
                raise ApiError(response.status_code, "expected a JSON array")
            results.extend(p for p in page if isinstance(p, dict))
            total = int(response.headers.get("Total-Results", len(results)))
            start += len(page)
            if not page or start >= total:
                return results

    def post_items(self, items: list[dict[str, Any]], write_token: str) -> WriteResult:
        response = self._request(
            "POST", self.library.prefix + "/items", json=items,
            headers={"Zotero-Write-Token": write_token},
        )  # fmt: skip
        if response.status_code == 412:
            raise WriteTokenUsed(412, _message(response))
        self._raise_for_status(response)
        return WriteResult.from_json(response.json())

    def create_collection(self, name: str, write_token: str) -> str:
        response = self._request(
            "POST", self.library.prefix + "/collections", json=[{"name": name}],
            headers={"Zotero-Write-Token": write_token},
        )  # fmt: skip
        self._raise_for_status(response)
        result = WriteResult.from_json(response.json())
        if 0 not in result.successful:
            code, message = result.failed.get(0, (response.status_code, "no key returned"))
            raise ApiError(code, f"cannot create collection {name!r}: {message}")
        return result.successful[0]

    # --- the retry loop --------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        attempt = 0
        while True:
            attempt += 1
            self._wait_for_backoff()
            try:
                response = self._http.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                if attempt >= self._policy.max_attempts:
                    raise ApiError(0, f"connection failed {attempt} times: {exc}") from exc
                self._sleep(self._policy.delay(attempt))
                continue
            self._note_backoff(response)
            if response.status_code not in RETRIED_STATUSES:
                return response
            if attempt >= self._policy.max_attempts:
                raise ApiError(response.status_code, f"still refused after {attempt} attempts")
            retry_after = _seconds(response.headers.get("Retry-After"))
            self._sleep(retry_after or self._policy.delay(attempt))

    def _wait_for_backoff(self) -> None:
        remaining = self._not_before - self._clock()
        if remaining > 0:
            self._sleep(remaining)

    def _note_backoff(self, response: httpx.Response) -> None:
        seconds = _seconds(response.headers.get("Backoff"))
        if seconds:
            self._not_before = max(self._not_before, self._clock() + seconds)

    @staticmethod
    def _raise_for_status(response: httpx.Response) -> None:
        if response.status_code >= 300:
            raise ApiError(response.status_code, _message(response))


def _seconds(header: str | None) -> float | None:
    try:
        return max(0.0, float(header)) if header else None
    except ValueError:
        return None


def _message(response: httpx.Response) -> str:
    return response.text.strip()[:300] or response.reason_phrase
