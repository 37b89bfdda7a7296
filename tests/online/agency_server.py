"""The agency world on a real loopback HTTP server, for what only a server
can measure: requests per second as they arrive, requests in flight at once,
answers that come too late and connections dropped without an answer."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from agency_world import AgencyWorld


class AgencyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, world: AgencyWorld) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.world = world
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1


class Handler(BaseHTTPRequestHandler):
    server: AgencyServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        world = self.server.world
        parts = urlsplit(self.path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        headers = {k.lower(): v for k, v in self.headers.items()}
        world.record(time.monotonic(), path, query, headers)
        self.server.enter()
        try:
            self._answer(world, path, query, headers)
        finally:
            self.server.leave()

    def _answer(self, world: AgencyWorld, path: str, query: Any, headers: dict[str, str]) -> None:
        fault = world.take_fault(path)
        if fault is not None and fault.kind == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.delay)
            fault = None
        if fault is not None and fault.kind == "garbage":
            self._send(200, b"<html>oops", {"Content-Type": "text/html"})
            return
        if fault is not None:
            extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            self._send(int(fault.kind), b"", extra)
            return
        answer = world.respond(path, query, headers)
        self._send(answer.status, answer.body, answer.headers)

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a "slow" fault)


@contextmanager
def serving(world: AgencyWorld) -> Iterator[AgencyServer]:
    server = AgencyServer(world)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
