"""Upload references to a Zotero library, safely re-runnable.

How a re-run knows what is already there: every pushed item carries the
automatic tag `refport` and its reference id as `citationKey`. Before sending,
the push lists the library's items tagged `refport` and skips every reference
whose id is already a `citationKey` there ("unchanged"). So a run that failed
half-way, or whose connection dropped after the server had saved a batch, is
finished by running it again; nothing is created twice.

Each batch holds at most 50 items (the API's limit) and a `Zotero-Write-Token`
derived from its content, so a retry of the same batch reuses the token and
the server refuses to apply it twice (412). After a 412 the push looks the
batch's ids up in the library: those found were created by the first attempt;
the rest are sent again under a fresh token.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from refport.formats.zotero_read import PUSH_MARKER_TAG
from refport.formats.zotero_write import API_PROPERTIES, item_from_reference
from refport.model import Reference
from refport.zotero.api import ApiError, WriteTokenUsed, ZoteroClient

BATCH_SIZE: Final = 50
FATAL_STATUSES: Final = frozenset({401, 403, 404})
MAX_TOKEN_ROUNDS: Final = 3
DUPLICATE: Final = "duplicate id in the input; not sent"

Progress = Callable[[int], None]
Batch = list[tuple[str, dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one reference."""

    id: str
    status: str  # "created" | "unchanged" | "failed"
    key: str | None = None
    reason: str = ""


@dataclass
class PushReport:
    outcomes: list[Outcome] = field(default_factory=list)
    failed_batches: list[tuple[int, tuple[str, ...], str]] = field(default_factory=list)

    def of(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def ok(self) -> bool:
        return not self.of("failed")

    def format_text(self, library: str) -> str:
        lines = [f"refport zotero push → {library}: {len(self.outcomes)} references"]
        lines += [f"  {status:<9} {len(self.of(status))}" for status in STATUSES]
        for batch, ids, reason in self.failed_batches:
            lines.append(f"failed batch {batch} ({len(ids)} ids: {', '.join(ids)}): {reason}")
        for status in STATUSES:
            for outcome in self.of(status):
                key = f" [{outcome.key}]" if outcome.key else ""
                reason = f": {outcome.reason}" if outcome.reason else ""
                lines.append(f"{status} {outcome.id}{key}{reason}")
        return "\n".join(lines) + "\n"


STATUSES: Final = ("created", "unchanged", "failed")


def prepare_items(
    references: Iterable[Reference], collection_key: str | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """(id, item) pairs ready to POST: API bookkeeping stripped, marker tag added."""
    prepared = []
    for reference in references:
        item = item_from_reference(reference)
        for name in API_PROPERTIES:
            item.pop(name, None)
        item["tags"] = [*item["tags"], {"tag": PUSH_MARKER_TAG, "type": 1}]
        if collection_key is not None:
            item["collections"] = [collection_key]
        prepared.append((reference.id, item))
    return prepared


def write_token(items: Sequence[dict[str, Any]], salt: str = "") -> str:
    """32 hex characters, the same for the same batch content (and salt)."""
    body = json.dumps(list(items), sort_keys=True, ensure_ascii=False) + salt
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]


def batches(
    prepared: Sequence[tuple[str, dict[str, Any]]], size: int = BATCH_SIZE
) -> list[list[tuple[str, dict[str, Any]]]]:
    return [list(prepared[i : i + size]) for i in range(0, len(prepared), size)]


def existing_ids(client: ZoteroClient) -> dict[str, str]:
    """citationKey -> item key, for the items an earlier push created."""
    found: dict[str, str] = {}
    for entry in client.get_all("/items", {"tag": PUSH_MARKER_TAG}):
        data = entry.get("data", entry)
        citation_key = data.get("citationKey") if isinstance(data, dict) else None
        if isinstance(citation_key, str) and citation_key:
            found.setdefault(citation_key, str(entry.get("key", data.get("key", ""))))
    return found


def find_or_create_collection(client: ZoteroClient, name: str) -> str:
    for entry in client.get_all("/collections"):
        data = entry.get("data", entry)
        if isinstance(data, dict) and data.get("name") == name:
            return str(entry.get("key", data.get("key")))
    return client.create_collection(name, write_token([{"name": name}], "collection"))


class Pusher:
    """Sends prepared items batch by batch and records every outcome."""

    def __init__(self, client: ZoteroClient, progress: Progress | None = None) -> None:
        self.client = client
        self.report = PushReport()
        self._progress = progress or (lambda done: None)
        self._done = 0

    def run(self, prepared: list[tuple[str, dict[str, Any]]]) -> PushReport:
        present = existing_ids(self.client)
        to_send = self._skip_present_and_duplicates(prepared, present)
        groups = batches(to_send)
        for number, batch in enumerate(groups, start=1):
            try:
                self._send(batch, round_=0)
            except ApiError as exc:
                self._fail_batch(number, batch, str(exc))
                if exc.status in FATAL_STATUSES:
                    for later, rest in enumerate(groups[number:], start=number + 1):
                        self._fail_batch(later, rest, f"not sent after fatal {exc}")
                    break
        order = {ref_id: position for position, (ref_id, _) in reversed(list(enumerate(prepared)))}
        self.report.outcomes.sort(key=lambda o: (order[o.id], o.reason == DUPLICATE))
        return self.report

    def _skip_present_and_duplicates(
        self, prepared: list[tuple[str, dict[str, Any]]], present: dict[str, str]
    ) -> list[tuple[str, dict[str, Any]]]:
        seen: set[str] = set()
        to_send = []
        for ref_id, item in prepared:
            if ref_id in seen:
                self._record(Outcome(ref_id, "failed", None, DUPLICATE))
            elif ref_id in present:
                known = present[ref_id]
                self._record(Outcome(ref_id, "unchanged", known, "already in the library"))
            else:
                to_send.append((ref_id, item))
            seen.add(ref_id)
        return to_send

    def _send(self, batch: list[tuple[str, dict[str, Any]]], round_: int) -> None:
        items = [item for _, item in batch]
        token = write_token(items, f"round-{round_}" if round_ else "")
        try:
            result = self.client.post_items(items, token)
        except WriteTokenUsed:
            self._after_used_token(batch, round_)
            return
        for position, (ref_id, _) in enumerate(batch):
            self._record(_outcome(ref_id, position, result))

    def _after_used_token(self, batch: list[tuple[str, dict[str, Any]]], round_: int) -> None:
        """A 412 means an earlier attempt with this token was applied: see what is there."""
        present = existing_ids(self.client)
        missing = []
        for ref_id, item in batch:
            if ref_id in present:
                self._record(Outcome(ref_id, "created", present[ref_id], "confirmed after a retry"))
            else:
                missing.append((ref_id, item))
        if not missing:
            return
        if round_ + 1 >= MAX_TOKEN_ROUNDS:
            for ref_id, _ in missing:
                reason = "write token refused (412) repeatedly"
                self._record(Outcome(ref_id, "failed", None, reason))
            return
        self._send(missing, round_ + 1)

    def _fail_batch(self, number: int, batch: Batch, reason: str) -> None:
        recorded = {o.id for o in self.report.outcomes}
        ids = tuple(ref_id for ref_id, _ in batch if ref_id not in recorded)
        if not ids:
            return
        self.report.failed_batches.append((number, ids, reason))
        for ref_id in ids:
            self._record(Outcome(ref_id, "failed", None, reason))

    def _record(self, outcome: Outcome) -> None:
        self.report.outcomes.append(outcome)
        self._done += 1
        self._progress(self._done)


def _outcome(ref_id: str, position: int, result: Any) -> Outcome:
    if position in result.successful:
        return Outcome(ref_id, "created", result.successful[position])
    if position in result.unchanged:
        return Outcome(ref_id, "unchanged", result.unchanged[position], "unchanged on the server")
    code, message = result.failed.get(position, (0, "not in the server's answer"))
    return Outcome(ref_id, "failed", None, f"{code}: {message}" if code else message)


def dry_run_plan(prepared: list[tuple[str, dict[str, Any]]], library: str) -> dict[str, Any]:
    """What would be sent, without contacting the server."""
    return {
        "library": library,
        "endpoint": f"POST {library_prefix(library)}/items",
        "note": "items already in the library (tag 'refport', same citationKey) are skipped "
        "at push time",
        "batches": [
            {
                "writeToken": write_token([item for _, item in batch]),
                "ids": [ref_id for ref_id, _ in batch],
                "items": [item for _, item in batch],
            }
            for batch in batches(prepared)
        ],
    }


def library_prefix(library: str) -> str:
    kind, _, number = library.partition(":")
    return f"/{kind.rstrip('s')}s/{number}"
