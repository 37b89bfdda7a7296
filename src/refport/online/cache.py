"""The registered records already fetched, in SQLite (standard library).

Keyed by the normalised DOI (`doi_key`: bare and case-folded), each row holds
the CSL-JSON record or the handle API's 404, the agency and the fetch time.
Rows older than `max_age_days` count as missing, so they are fetched again.
The agency of each prefix and the answers of `query.bibliographic` searches
are kept the same way, so a second run over the same list asks nothing.
"Unreachable" is never stored: the next run tries again.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from refport.online.ratelimit import SYSTEM_CLOCK, Clock

SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS dois (
    doi TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('found', 'not-found')),
    record TEXT,
    agency TEXT,
    fetched_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS prefixes (
    prefix TEXT PRIMARY KEY,
    agency TEXT NOT NULL,
    fetched_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS queries (
    query TEXT PRIMARY KEY,
    records TEXT NOT NULL,
    fetched_at REAL NOT NULL
);
"""
SECONDS_PER_DAY: Final = 86400.0
DEFAULT_MAX_AGE: Final = 30.0  # days
Status = Literal["found", "not-found"]


class CacheError(Exception):
    """The cache file cannot be opened or is not a refport cache."""


@dataclass(frozen=True, slots=True)
class CachedDoi:
    status: Status
    record: dict[str, Any] | None
    agency: str | None
    fetched_at: float


class DoiCache:
    def __init__(
        self, path: Path | str, clock: Clock = SYSTEM_CLOCK, max_age_days: float = DEFAULT_MAX_AGE
    ) -> None:
        self.clock = clock
        self.max_age = max_age_days * SECONDS_PER_DAY
        self._lock = threading.Lock()
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), check_same_thread=False)
            self._db.execute("PRAGMA synchronous = NORMAL")  # a cache: speed over durability
            self._db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise CacheError(f"cannot use the DOI cache {path}: {error}") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DoiCache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _fresh(self, fetched_at: float) -> bool:
        return self.clock.wall() - fetched_at <= self.max_age

    def _one(self, sql: str, key: str) -> tuple[Any, ...] | None:
        with self._lock:
            row = self._db.execute(sql, (key,)).fetchone()
        return tuple(row) if row else None

    def _write(self, sql: str, values: tuple[Any, ...]) -> None:
        with self._lock, self._db:
            self._db.execute(sql, values)

    def get(self, key: str) -> CachedDoi | None:
        row = self._one("SELECT status, record, agency, fetched_at FROM dois WHERE doi = ?", key)
        if row is None or not self._fresh(row[3]):
            return None
        record = json.loads(row[1]) if row[1] else None
        return CachedDoi(row[0], record, row[2], row[3])

    def put(
        self, key: str, status: Status, record: dict[str, Any] | None, agency: str | None
    ) -> None:
        self._write(
            "INSERT OR REPLACE INTO dois VALUES (?, ?, ?, ?, ?)",
            (key, status, json.dumps(record, ensure_ascii=False) if record else None, agency,
             self.clock.wall()),
        )  # fmt: skip

    def prefix_agency(self, prefix: str) -> str | None:
        row = self._one("SELECT agency, fetched_at FROM prefixes WHERE prefix = ?", prefix)
        return str(row[0]) if row and self._fresh(row[1]) else None

    def put_prefix(self, prefix: str, agency: str) -> None:
        self._write(
            "INSERT OR REPLACE INTO prefixes VALUES (?, ?, ?)", (prefix, agency, self.clock.wall())
        )

    def query(self, text: str) -> list[dict[str, Any]] | None:
        row = self._one("SELECT records, fetched_at FROM queries WHERE query = ?", text)
        if row is None or not self._fresh(row[1]):
            return None
        records = json.loads(row[0])
        return records if isinstance(records, list) else None

    def put_query(self, text: str, records: list[dict[str, Any]]) -> None:
        self._write(
            "INSERT OR REPLACE INTO queries VALUES (?, ?, ?)",
            (text, json.dumps(records, ensure_ascii=False), self.clock.wall()),
        )

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM dois").fetchone()[0])
