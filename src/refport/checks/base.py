"""The check machinery: a check is a small function from the reference list to
findings; the runner turns findings into diagnostics with code, severity and
source location, and applies select/ignore.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TypeVar, cast

from refport.collector import collector_paused
from refport.diagnostics import Diagnostic, Severity
from refport.model import Reference
from refport.textio import Progress, progress_bar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check reports; the runner adds code, location and default severity."""

    refs: tuple[Reference, ...]
    message: str
    field: str | None = None
    suggestion: str | None = None
    severity: Severity | None = None  # overrides the check's default


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check may know besides the references: today's date and settings."""

    today: dt.date = field(default_factory=dt.date.today)
    #: Per-check settings from `[tool.refport.<code>]` (e.g. thresholds).
    settings: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    #: What several checks compute from the same list (DOI keys, page spans,
    #: duplicate blocks), kept for one `run_checks` call only: `run_checks`
    #: starts each run with an empty one, and without it nothing is kept.
    shared_work: dict[str, object] | None = field(default=None, compare=False, repr=False)

    def setting(self, code: str, key: str, default: object) -> object:
        return self.settings.get(code, {}).get(key, default)

    def shared(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()`, once per check run: checks of one run see one list."""
        if self.shared_work is None:
            return compute()
        if name not in self.shared_work:
            self.shared_work[name] = compute()
        return cast(T, self.shared_work[name])


CheckFunction = Callable[[Sequence[Reference], CheckContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    severity: Severity
    summary: str
    run: CheckFunction


class CheckRegistry:
    """Checks by code, in registration order."""

    def __init__(self, checks: Iterable[Check] = ()) -> None:
        self._checks: dict[str, Check] = {}
        for check in checks:
            self.add(check)

    def add(self, check: Check) -> None:
        if check.code in self._checks:
            raise ValueError(f"check {check.code!r} is already registered")
        self._checks[check.code] = check

    def get(self, code: str) -> Check:
        return self._checks[code]

    def codes(self) -> list[str]:
        return list(self._checks)

    def __iter__(self) -> Iterator[Check]:
        return iter(self._checks.values())

    def selected(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Check]:
        """Checks after ruff-style select/ignore (a prefix like "doi-" selects a family)."""
        chosen = list(select)
        dropped = list(ignore)

        def matches(code: str, patterns: list[str]) -> bool:
            return any(code == p or (p.endswith("-") and code.startswith(p)) for p in patterns)

        return [
            c
            for c in self._checks.values()
            if (not chosen or matches(c.code, chosen)) and not matches(c.code, dropped)
        ]


def to_diagnostic(check: Check, finding: Finding) -> Diagnostic:
    first = finding.refs[0] if finding.refs else None
    return Diagnostic(
        code=check.code,
        severity=finding.severity or check.severity,
        message=finding.message,
        refs=tuple(r.id for r in finding.refs),
        field=finding.field,
        line=first.origin.line if first else None,
        suggestion=finding.suggestion,
        file=first.origin.file if first else None,
    )


#: Lists at least this long show a progress bar over the checks (when asked
#: and stderr is a terminal).
PROGRESS_MIN_REFERENCES = 20_000


def run_checks(
    references: Sequence[Reference],
    checks: Iterable[Check],
    context: CheckContext,
    *,
    progress: bool = False,
) -> list[Diagnostic]:
    """Run each check once over the whole list; diagnostics in list order.

    `progress` shows a bar on stderr, one step per check, for a long list when
    stderr is a terminal; otherwise nothing is shown.
    """
    context = replace(context, shared_work={})
    chosen = list(checks)
    bar = (
        _progress(len(chosen)) if progress and len(references) >= PROGRESS_MIN_REFERENCES else None
    )
    position = {id(ref): index for index, ref in enumerate(references)}
    diagnostics: list[tuple[int, int, Diagnostic]] = []
    with _references_left_out_of_gc():
        for order, check in enumerate(chosen):
            for finding in check.run(references, context):
                where = min((position.get(id(r), 0) for r in finding.refs), default=0)
                diagnostics.append((where, order, to_diagnostic(check, finding)))
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    diagnostics.sort(key=lambda item: (item[0], item[1]))
    return [d for _, _, d in diagnostics]


@contextmanager
def _references_left_out_of_gc() -> Iterator[None]:
    """The references (and all else alive) are set aside from the cyclic
    garbage collector while the checks run: otherwise every full collection
    walks the whole list again, and the time grows faster than the list. The
    collector is paused too (`refport.collector`): what the checks build
    (keys, blocks, name forms) lives until the run ends. Nothing is set aside
    when the program has frozen objects of its own."""
    with collector_paused():
        if gc.get_freeze_count():
            yield
            return
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()


def _progress(total: int) -> Progress | None:
    return progress_bar(total=total, unit="check", label="checking")
