"""A local stand-in for the Zotero Web API v3, loopback only, for push tests.

It implements the endpoints `refport zotero push` uses and checks each
request the way the API documents it: `Zotero-API-Version: 3`, the API key,
JSON bodies, at most 50 objects per write, a 32-character `Zotero-Write-Token`
(a reused token gets 412, as on the real server), and every item against
Zotero's schema (invalid items come back in `failed` with code 400).
Faults are queued per item write: "429", "503", "412", "backoff",
"drop" (save, then close the connection without answering) and
"drop-early" (close without saving).
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from zotero_schema_check import ZoteroSchema

API_KEY = "test-key-0123456789"
KEY_ALPHABET = "23456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
PATH = re.compile(r"^/(users|groups)/(\d+)/(items|collections)$")
TOKEN = re.compile(r"^[0-9A-Za-z]{32}$")


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


@dataclass
class FakeZotero:
    schema: ZoteroSchema
    items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    collections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    used_tokens: set[str] = field(default_factory=set)
    requests: list[Recorded] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    version: int = 0
    _keys: Any = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def new_key(self) -> str:
        number, key = next(self._keys), ""
        for _ in range(8):
            number, digit = divmod(number, len(KEY_ALPHABET))
            key += KEY_ALPHABET[digit]
        return key

    def stored(self, library: str = "/users/1") -> list[dict[str, Any]]:
        return self.items.get(library, [])

    # --- endpoints -----------------------------------------------------------

    def write(self, library: str, kind: str, body: Any, token: str) -> tuple[int, dict[str, Any]]:
        with self._lock:
            if token in self.used_tokens:
                return 412, {"message": "Write token already used"}
            self.used_tokens.add(token)
            result: dict[str, Any] = {
                "successful": {}, "success": {}, "unchanged": {}, "failed": {},
            }  # fmt: skip
            store = (self.items if kind == "items" else self.collections).setdefault(library, [])
            for position, obj in enumerate(body):
                check = self.schema.problems if kind == "items" else _collection_problems
                problems = check(obj)
                if problems:
                    result["failed"][str(position)] = {"code": 400, "message": problems[0]}
                    continue
                self.version += 1
                key = self.new_key()
                stored = {"key": key, "version": self.version, "data": {**obj, "key": key}}
                store.append(stored)
                result["successful"][str(position)] = stored
                result["success"][str(position)] = key
            return 200, result

    def listing(self, library: str, kind: str, query: dict[str, list[str]]) -> list[dict[str, Any]]:
        store = (self.items if kind == "items" else self.collections).get(library, [])
        tag = query.get("tag", [None])[0]
        if tag is None:
            return list(store)
        return [e for e in store if any(t.get("tag") == tag for t in e["data"].get("tags", []))]


def _collection_problems(obj: Any) -> list[str]:
    if not isinstance(obj, dict) or not isinstance(obj.get("name"), str) or not obj["name"]:
        return ["collection needs a name"]
    return []


class Handler(BaseHTTPRequestHandler):
    server: ZoteroServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def _start(self) -> tuple[Recorded, re.Match[str] | None]:
        url = urlparse(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        recorded = Recorded(self.command, url.path, parse_qs(url.query), dict(self.headers), body)
        self.server.fake.requests.append(recorded)
        return recorded, PATH.match(url.path)

    def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _refuse(self, recorded: Recorded) -> bool:
        fake = self.server.fake
        if recorded.headers.get("Zotero-API-Version") != "3":
            fake.violations.append(f"{recorded.method} {recorded.path}: no Zotero-API-Version: 3")
            self._send(400, {"message": "API version 3 required"})
            return True
        if recorded.headers.get("Zotero-API-Key") != API_KEY:
            self._send(403, {"message": "Invalid key"})
            return True
        return False

    def do_GET(self) -> None:
        recorded, match = self._start()
        if match is None:
            self._send(404, {"message": "Not found"})
            return
        if self._refuse(recorded):
            return
        library, kind = f"/{match.group(1)}/{match.group(2)}", match.group(3)
        entries = self.server.fake.listing(library, kind, recorded.query)
        start = int(recorded.query.get("start", ["0"])[0])
        limit = int(recorded.query.get("limit", ["25"])[0])
        if limit > 100:
            self.server.fake.violations.append(f"GET limit {limit} > 100")
        page = entries[start:start + min(limit, 100)]
        self._send(200, page, {"Total-Results": str(len(entries))})

    def do_POST(self) -> None:
        recorded, match = self._start()
        fake = self.server.fake
        if match is None:
            self._send(404, {"message": "Not found"})
            return
        if self._refuse(recorded):
            return
        problem = _write_problem(recorded)
        if problem is not None:
            fake.violations.append(problem)
            self._send(413 if "50" in problem else 400, {"message": problem})
            return
        fault = fake.faults.pop(0) if fake.faults and match.group(3) == "items" else None
        if self._inject(fault):
            return
        library, kind = f"/{match.group(1)}/{match.group(2)}", match.group(3)
        status, payload = fake.write(library, kind, recorded.body, recorded.headers[TOKEN_HEADER])
        if fault == "drop":
            self.close_connection = True
            return
        headers = {"Last-Modified-Version": str(fake.version)}
        if fault == "backoff":
            headers["Backoff"] = "5"
        self._send(status, payload, headers)

    def _inject(self, fault: str | None) -> bool:
        """Answer with the fault instead of writing; False when the write goes on."""
        if fault in ("429", "503"):
            self._send(int(fault), {"message": "slow down"}, {"Retry-After": "3"})
        elif fault == "412":
            self._send(412, {"message": "Write token already used"})
        elif fault == "drop-early":
            self.close_connection = True
        else:
            return False
        return True


TOKEN_HEADER = "Zotero-Write-Token"


def _write_problem(recorded: Recorded) -> str | None:
    if "application/json" not in recorded.headers.get("Content-Type", ""):
        return "POST without Content-Type: application/json"
    if not isinstance(recorded.body, list):
        return "POST body is not a JSON array"
    if len(recorded.body) > 50:
        return f"{len(recorded.body)} objects in one write (at most 50)"
    if not TOKEN.match(recorded.headers.get(TOKEN_HEADER, "")):
        return "POST without a 32-character Zotero-Write-Token"
    return None


class ZoteroServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeZotero) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.fake = fake
        self._thread = threading.Thread(target=self.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> ZoteroServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)
