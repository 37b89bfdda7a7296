"""From DOIs to their registered records, politely.

The route of a DOI: the cache; else its agency (the prefix's agency from the
cache, or doi.org/doiRA, batched); then Crossref's `/works?filter=doi:…`
(batched) for Crossref DOIs, DataCite's `/dois?ids=…` (batched) for DataCite
DOIs, doi.org content negotiation for every other agency and for whatever a
batch did not return; and when content negotiation has nothing, the handle
API, whose 404 (with the handle API's own not-found code) alone proves that a
DOI does not exist. A DOI that none of this answers is "unreachable", with the
reason; it is never taken as verified.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, Final, Literal, TextIO

import httpx

from refport.identifiers import doi_key, doi_prefix
from refport.online.agencies import (
    CSL_JSON,
    NEGOTIATE,
    AgencyAnswer,
    crossref_items,
    crossref_work_to_csl,
    datacite_resources,
    datacite_to_csl,
    negotiated_csl,
    parse_doira,
    quote_doi,
    route_of,
)
from refport.online.cache import DoiCache
from refport.online.fetch import Fetcher, RetryPolicy, Unreachable
from refport.online.progress import Progress
from refport.online.ratelimit import (
    POLITE,
    PUBLIC,
    SYSTEM_CLOCK,
    Clock,
    Deadline,
    Limiter,
    RateLimits,
)
from refport.online.settings import OnlineSettings

BATCH_SIZE: Final = 20
HANDLE: Final = "handle"
EXISTS: Final = "exists"  # doiRA knows no agency: does the handle exist at all?
HANDLE_NOT_FOUND: Final = 100  # the handle protocol's "Handle Not Found"
NOT_IN_CACHE: Final = "it is not in the cache, and --offline-cache-only fetches nothing"

Status = Literal["found", "not-found", "unreachable"]


@dataclass(frozen=True, slots=True)
class Resolution:
    key: str
    status: Status
    record: dict[str, Any] | None = None
    agency: str | None = None
    cached: bool = False
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Candidates of a bibliographic search, or why there are none."""

    records: tuple[dict[str, Any], ...] | None
    reason: str | None = None


#: What a step decides for a DOI: final, or the name of the next step.
Outcome = Resolution | str
Step = Callable[[list[str]], dict[str, Outcome]]


def _unreachable(key: str, reason: str) -> Resolution:
    return Resolution(key, "unreachable", reason=reason)


class Resolver:
    def __init__(
        self,
        client: httpx.Client,
        settings: OnlineSettings | None = None,
        *,
        cache: DoiCache | None = None,
        clock: Clock = SYSTEM_CLOCK,
        limits: RateLimits | None = None,
        policy: RetryPolicy | None = None,
        draw: Callable[[], float] = random.random,
        progress: TextIO | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.settings = settings or OnlineSettings()
        self.cache = cache
        self.limits = limits or (POLITE if self.settings.mailto else PUBLIC)
        self.deadline = Deadline(clock, self.settings.deadline)
        self.fetcher = Fetcher(
            client,
            Limiter(self.limits, clock),
            self.deadline,
            timeout=self.settings.timeout,
            mailto=self.settings.mailto,
            policy=policy or RetryPolicy(),
            draw=draw,
        )
        self.progress_stream = progress
        self.batch_size = batch_size
        self._agency: dict[str, str] = {}
        self._steps: dict[str, Step] = {
            "crossref": self._crossref,
            "datacite": self._datacite,
            NEGOTIATE: self._negotiate,
            HANDLE: self._handle,
            EXISTS: self._exists,
        }

    # --- public ------------------------------------------------------------------

    def resolve(self, dois: Iterable[str]) -> dict[str, Resolution]:
        """Every valid DOI's resolution, by `doi_key`; invalid DOIs are skipped."""
        keys = list(dict.fromkeys(k for k in map(doi_key, dois) if k))
        progress = Progress(len(keys), "DOIs", self.progress_stream)
        results: dict[str, Resolution] = {}
        pending: list[str] = []
        for key in keys:
            hit = self.cache.get(key) if self.cache else None
            if hit is not None:
                results[key] = Resolution(key, hit.status, hit.record, hit.agency, cached=True)
                progress.add("cached")
            elif self.settings.offline_cache_only:
                results[key] = _unreachable(key, NOT_IN_CACHE)
                progress.add("failed")
            else:
                pending.append(key)
        if pending:
            self._fetch(pending, results, progress)
        progress.finish()
        return results

    def search(self, queries: Sequence[str]) -> dict[str, SearchResult]:
        """Crossref `query.bibliographic` candidates (at most 5) for each query text."""
        results: dict[str, SearchResult] = {}
        pending: list[str] = []
        for text in dict.fromkeys(queries):
            hit = self.cache.query(text) if self.cache else None
            if hit is not None:
                results[text] = SearchResult(tuple(hit))
            elif self.settings.offline_cache_only:
                results[text] = SearchResult(None, NOT_IN_CACHE)
            else:
                pending.append(text)
        with ThreadPoolExecutor(max_workers=self.limits.concurrency) as pool:
            futures = {pool.submit(self._search_one, text): text for text in pending}
            for future in as_completed(futures):
                text, result = futures[future], future.result()
                results[text] = result
                if self.cache and result.records is not None:
                    self.cache.put_query(text, list(result.records))
        return results

    # --- orchestration -----------------------------------------------------------

    def _fetch(
        self, pending: list[str], results: dict[str, Resolution], progress: Progress
    ) -> None:
        with ThreadPoolExecutor(max_workers=self.limits.concurrency) as pool:
            routes = self._routes(pending, pool)
            tasks: list[tuple[str, list[str]]] = []
            for route in dict.fromkeys(routes.values()):
                keys = [k for k in pending if routes[k] == route]
                size = self.batch_size if route in ("crossref", "datacite") else 1
                tasks += [(route, keys[i : i + size]) for i in range(0, len(keys), size)]
            while tasks:
                futures = [pool.submit(self._run_step, step, keys) for step, keys in tasks]
                tasks = []
                for future in as_completed(futures):
                    for key, outcome in future.result().items():
                        if isinstance(outcome, Resolution):
                            self._finish(outcome, results, progress)
                        else:
                            tasks.append((outcome, [key]))

    def _run_step(self, step: str, keys: list[str]) -> dict[str, Outcome]:
        """A step never raises: whatever goes wrong leaves its DOIs unreachable."""
        try:
            return self._steps[step](keys)
        except Unreachable as error:
            return {key: _unreachable(key, str(error)) for key in keys}
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            reason = f"an answer could not be read ({type(error).__name__})"
            return {key: _unreachable(key, reason) for key in keys}

    def _finish(
        self, outcome: Resolution, results: dict[str, Resolution], progress: Progress
    ) -> None:
        results[outcome.key] = outcome
        if outcome.status == "unreachable":
            progress.add("failed")
            return
        progress.add("resolved")
        if self.cache is not None:
            self.cache.put(outcome.key, outcome.status, outcome.record, outcome.agency)

    def _routes(self, pending: list[str], pool: ThreadPoolExecutor) -> dict[str, str]:
        """Each DOI's first step, from the cached prefix agencies and doi.org/doiRA."""
        unknown: list[str] = []
        for key in pending:
            agency = self.cache.prefix_agency(doi_prefix(key)) if self.cache else None
            if agency:
                self._agency[key] = agency
            else:
                unknown.append(key)
        answers: dict[str, AgencyAnswer] = {}
        chunks = [unknown[i : i + self.batch_size] for i in range(0, len(unknown), self.batch_size)]
        for found in pool.map(self._ask_agencies, chunks):
            answers.update(found)
        by_prefix = {doi_prefix(k): a.agency for k, a in answers.items() if a.agency}
        for prefix, agency in by_prefix.items():
            if self.cache is not None:
                self.cache.put_prefix(prefix, agency)
        routes: dict[str, str] = {}
        for key in pending:
            answer = answers.get(key)
            if answer is not None and answer.absent:
                routes[key] = EXISTS
                continue
            own = answer.agency if answer is not None else None
            agency = own or self._agency.get(key) or by_prefix.get(doi_prefix(key))
            if agency:
                self._agency[key] = agency
            routes[key] = route_of(agency)
        return routes

    # --- steps -------------------------------------------------------------------

    def _ask_agencies(self, keys: list[str]) -> dict[str, AgencyAnswer]:
        """doi.org/doiRA for a batch; on failure nothing (content negotiation then
        serves every agency)."""
        url = f"{self.settings.endpoints.doi_resolver}/doiRA/{','.join(map(quote_doi, keys))}"
        try:
            response = self.fetcher.get(url, kind="list")
            return parse_doira(response.json()) if response.status_code == 200 else {}
        except (Unreachable, ValueError):
            return {}

    def _crossref(self, keys: list[str]) -> dict[str, Outcome]:
        if any("," in key for key in keys):  # a filter cannot hold a comma
            return dict.fromkeys(keys, NEGOTIATE)
        params = {"filter": ",".join(f"doi:{key}" for key in keys), "rows": str(len(keys))}
        if self.settings.mailto:
            params["mailto"] = self.settings.mailto
        url = f"{self.settings.endpoints.crossref_api}/works"
        response = self.fetcher.get(url, kind="list", params=params)
        if response.status_code != 200:
            return dict.fromkeys(keys, NEGOTIATE)
        records = [crossref_work_to_csl(item) for item in crossref_items(response.json())]
        return self._matched(keys, records, "Crossref")

    def _datacite(self, keys: list[str]) -> dict[str, Outcome]:
        params = {"ids": ",".join(keys), "page[size]": str(len(keys))}
        url = f"{self.settings.endpoints.datacite_api}/dois"
        response = self.fetcher.get(url, kind="list", params=params)
        if response.status_code != 200:
            return dict.fromkeys(keys, NEGOTIATE)
        records = [datacite_to_csl(r) for r in datacite_resources(response.json())]
        return self._matched(keys, records, "DataCite")

    @staticmethod
    def _matched(keys: list[str], records: list[dict[str, Any]], agency: str) -> dict[str, Outcome]:
        """The records a batch returned, by DOI; the DOIs it left out go on to negotiation."""
        by_key = {doi_key(str(r.get("DOI", ""))): r for r in records}
        return {
            key: Resolution(key, "found", by_key[key], agency) if key in by_key else NEGOTIATE
            for key in keys
        }  # fmt: skip

    def _negotiate(self, keys: list[str]) -> dict[str, Outcome]:
        (key,) = keys
        url = f"{self.settings.endpoints.doi_resolver}/{quote_doi(key)}"
        response = self.fetcher.get(url, kind="single", accept=CSL_JSON)
        if response.status_code != 200:
            return {key: HANDLE}
        try:
            record = negotiated_csl(response.json(), self._agency.get(key))
        except ValueError:
            return {key: HANDLE}  # e.g. a landing page: the agency offers no CSL
        return {key: Resolution(key, "found", record, record["custom"]["agency"])}

    def _exists(self, keys: list[str]) -> dict[str, Outcome]:
        """doiRA said "does not exist": only the handle API's 404 settles that;
        a handle that exists goes on to content negotiation."""
        return self._handle(keys, exists=NEGOTIATE)

    def _handle(self, keys: list[str], exists: str | None = None) -> dict[str, Outcome]:
        (key,) = keys
        url = f"{self.settings.endpoints.doi_resolver}/api/handles/{quote_doi(key)}"
        response = self.fetcher.get(url, kind="single")
        code = _response_code(response)
        if response.status_code == 404 and code == HANDLE_NOT_FOUND:
            return {key: Resolution(key, "not-found")}
        if response.status_code == 200 and exists is not None:
            return {key: exists}
        if response.status_code == 200:
            reason = "the DOI is registered, but no agency returned its metadata"
        elif response.status_code == 404:
            reason = "the handle API answered 404 without its not-found code (check doi-resolver)"
        else:
            reason = f"the handle API answered HTTP {response.status_code}"
        return {key: _unreachable(key, reason)}

    def _search_one(self, text: str) -> SearchResult:
        params = {"query.bibliographic": text, "rows": "5"}
        if self.settings.mailto:
            params["mailto"] = self.settings.mailto
        url = f"{self.settings.endpoints.crossref_api}/works"
        try:
            response = self.fetcher.get(url, kind="list", params=params)
            if response.status_code != 200:
                return SearchResult(None, f"the search answered HTTP {response.status_code}")
            items = crossref_items(response.json())
            return SearchResult(tuple(crossref_work_to_csl(item) for item in items))
        except Unreachable as error:
            return SearchResult(None, str(error))
        except ValueError as error:
            return SearchResult(None, f"the search answer could not be read ({error})")


def _response_code(response: httpx.Response) -> int | None:
    try:
        payload = response.json()
    except ValueError:
        return None
    code = payload.get("responseCode") if isinstance(payload, dict) else None
    return code if isinstance(code, int) else None
