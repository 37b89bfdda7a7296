"""The agencies as the tests see them: doi.org (doiRA, handle API, content
negotiation), Crossref's REST API and DataCite's REST API, answering from the
hand-written fixtures in fixtures/online/, in the real response formats.

One pure function, `AgencyWorld.respond`, serves both the loopback HTTP server
(agency_server.py) and httpx's MockTransport, so both kinds of test see the
same agencies. Paths: `/doi/…` is doi.org, `/crossref/…` api.crossref.org,
`/datacite/…` api.datacite.org.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import httpx

from refport.identifiers import doi_key

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "online"
CSL_JSON = "application/vnd.citationstyles.csl+json"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, payload: Any, content_type: str = "application/json") -> Answer:
        body = json.dumps(payload, ensure_ascii=False).encode()
        return cls(status, body, {"Content-Type": content_type})

    @classmethod
    def text(cls, status: int, text: str) -> Answer:
        return cls(status, text.encode(), {"Content-Type": "text/plain"})


@dataclass(frozen=True)
class Fault:
    """A misbehaviour for the next request whose path starts with `where`:
    "429"/"503"/"500"/"502" (with `retry_after`), "slow" (answer after `delay`
    seconds), "drop" (close the connection without an answer), "garbage"
    (200 with a body that is not JSON)."""

    kind: str
    where: str = "/"
    retry_after: str | None = None
    delay: float = 0.0


@dataclass
class Recorded:
    at: float
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class AgencyWorld:
    def __init__(self) -> None:
        self.agencies = {
            doi_key(a["DOI"]): a for a in load("doira.json")["answers"] if doi_key(a["DOI"])
        }
        works = load("crossref-works.json")
        self.crossref_envelope = {k: v for k, v in works.items() if k != "_note"}
        self.crossref = {doi_key(i["DOI"]): i for i in works["message"]["items"]}
        self.datacite = {doi_key(r["id"]): r for r in load("datacite-dois.json")["data"]}
        self.negotiated = {
            doi_key(a["DOI"]): a for a in load("content-negotiation.json")["answers"]
        }
        self.handle_found = {k: v for k, v in load("handle-found.json").items() if k != "_note"}
        self.handle_missing = {
            k: v for k, v in load("handle-not-found.json").items() if k != "_note"
        }
        self.requests: list[Recorded] = []
        self.faults: list[Fault] = []
        self._lock = threading.Lock()

    # --- bookkeeping -------------------------------------------------------------

    def record(
        self, at: float, path: str, query: dict[str, list[str]], headers: dict[str, str]
    ) -> None:
        with self._lock:
            self.requests.append(Recorded(at, path, query, headers))

    def take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for index, fault in enumerate(self.faults):
                if path.startswith(fault.where):
                    return self.faults.pop(index)
        return None

    def paths(self, prefix: str = "/") -> list[str]:
        return [r.path for r in self.requests if r.path.startswith(prefix)]

    def registered(self, key: str) -> bool:
        return (
            key in self.crossref
            or key in self.datacite
            or key in self.negotiated
            or (key in self.agencies and "RA" in self.agencies[key])
        )

    # --- the agencies ------------------------------------------------------------

    def respond(self, path: str, query: dict[str, list[str]], headers: dict[str, str]) -> Answer:
        routes: tuple[
            tuple[str, Callable[[str, dict[str, list[str]], dict[str, str]], Answer]], ...
        ] = (
            ("/doi/doiRA/", self._doira),
            ("/doi/api/handles/", self._handle),
            ("/doi/transform/", self._transform),
            ("/doi/", self._negotiate),
            ("/crossref/works", self._crossref),
            ("/datacite/dois", self._datacite),
        )
        for prefix, route in routes:
            if path.startswith(prefix):
                return route(path[len(prefix) :], query, headers)
        return Answer.text(404, "Not found")

    def _doira(self, rest: str, query: dict[str, list[str]], headers: dict[str, str]) -> Answer:
        answers = []
        for doi in (unquote(part) for part in rest.split(",")):
            key = doi_key(doi)
            if key is None:
                answers.append({"DOI": doi, "status": "Invalid DOI"})
            elif key in self.agencies:
                answers.append({**self.agencies[key], "DOI": doi})
            else:
                answers.append({"DOI": doi, "status": "DOI does not exist"})
        return Answer.json(200, answers)

    def _handle(self, rest: str, query: dict[str, list[str]], headers: dict[str, str]) -> Answer:
        doi = unquote(rest)
        key = doi_key(doi) or ""
        if self.registered(key):
            return Answer.json(200, {**self.handle_found, "handle": doi})
        return Answer.json(404, {**self.handle_missing, "handle": doi})

    def _negotiate(self, rest: str, query: dict[str, list[str]], headers: dict[str, str]) -> Answer:
        """doi.org redirects to the agency, which answers CSL-JSON."""
        key = doi_key(unquote(rest)) or ""
        if not self.registered(key):
            return Answer.text(404, "DOI Not Found")
        return Answer(302, b"", {"Location": f"/doi/transform/{rest}"})

    def _transform(self, rest: str, query: dict[str, list[str]], headers: dict[str, str]) -> Answer:
        key = doi_key(unquote(rest)) or ""
        if CSL_JSON not in headers.get("accept", ""):
            return Answer.text(406, "Not Acceptable")
        if key in self.negotiated:
            return Answer.json(200, self.negotiated[key], CSL_JSON)
        return Answer.text(406, "No CSL-JSON for this DOI")

    def _crossref(self, rest: str, query: dict[str, list[str]], headers: dict[str, str]) -> Answer:
        if rest.startswith("/"):
            key = doi_key(unquote(rest[1:])) or ""
            if key not in self.crossref:
                return Answer.text(404, "Resource not found.")
            return Answer.json(
                200,
                {
                    "status": "ok",
                    "message-type": "work",
                    "message-version": "1.0.0",
                    "message": self.crossref[key],
                },
            )
        if "filter" in query:
            wanted = [doi_key(part.removeprefix("doi:")) for part in query["filter"][0].split(",")]
            items = [self.crossref[k] for k in wanted if k in self.crossref]
        elif "query.bibliographic" in query:
            items = self._search(query["query.bibliographic"][0])
            items = items[: int(query.get("rows", ["20"])[0])]
        else:
            return Answer.json(400, {"status": "failed", "message-type": "validation-failure"})
        return Answer.json(200, self._work_list(items))

    def _work_list(self, items: list[dict[str, Any]]) -> dict[str, Any]:
        message = {
            **self.crossref_envelope["message"],
            "items": items,
            "total-results": len(items),
            "items-per-page": max(len(items), 20),
        }
        return {**self.crossref_envelope, "message": message}

    def _search(self, text: str) -> list[dict[str, Any]]:
        """Crossref ranks every work by relevance; here by shared words."""
        words = set(re.findall(r"\w+", text.casefold()))

        def score(item: dict[str, Any]) -> int:
            fields = " ".join(
                [*item.get("title", []), *(a.get("family", "") for a in item.get("author", []))]
            )
            return len(words & set(re.findall(r"\w+", fields.casefold())))

        ranked = sorted(self.crossref.values(), key=score, reverse=True)
        return [{**item, "score": float(score(item))} for item in ranked if score(item)]

    def _datacite(self, rest: str, query: dict[str, list[str]], headers: dict[str, str]) -> Answer:
        if rest.startswith("/"):
            key = doi_key(unquote(rest[1:])) or ""
            if key not in self.datacite:
                error = {
                    "status": "404",
                    "title": "The resource you are looking for doesn't exist.",
                }
                return Answer.json(404, {"errors": [error]})
            return Answer.json(200, {"data": self.datacite[key]})
        wanted = [doi_key(d) for d in query.get("ids", [""])[0].split(",")]
        data = [self.datacite[k] for k in wanted if k in self.datacite]
        meta = {"total": len(data), "totalPages": 1, "page": 1}
        return Answer.json(200, {"data": data, "meta": meta, "links": {}})

    # --- httpx.MockTransport -------------------------------------------------------

    def transport(self, now: Callable[[], float] = lambda: 0.0) -> httpx.MockTransport:
        """The world behind httpx's MockTransport; faults become the exceptions
        httpx raises for them."""

        def handle(request: httpx.Request) -> httpx.Response:
            parts = urlsplit(str(request.url))
            path, query = unquote(parts.path), parse_qs(parts.query)
            headers = {k.lower(): v for k, v in request.headers.items()}
            self.record(now(), path, query, headers)
            fault = self.take_fault(path)
            if fault is not None:
                if fault.kind == "drop":
                    raise httpx.RemoteProtocolError("Server disconnected", request=request)
                if fault.kind == "slow":
                    raise httpx.ReadTimeout("timed out", request=request)
                if fault.kind == "garbage":
                    return httpx.Response(200, content=b"<html>oops", request=request)
                extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                return httpx.Response(int(fault.kind), headers=extra, request=request)
            answer = self.respond(path, query, headers)
            return httpx.Response(answer.status, headers=answer.headers, content=answer.body)

        return httpx.MockTransport(handle)
