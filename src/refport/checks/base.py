"""The check machinery: a check is a small function from the reference list to
findings; the runner turns findings into diagnostics with code, severity and
source location, and applies select/ignore.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from refport.diagnostics import Diagnostic, Severity
from refport.model import Reference


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

    def setting(self, code: str, key: str, default: object) -> object:
        return self.settings.get(code, {}).get(key, default)


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


def run_checks(
    references: Sequence[Reference], checks: Iterable[Check], context: CheckContext
) -> list[Diagnostic]:
    """Run each check once over the whole list; diagnostics in list order."""
    position = {id(ref): index for index, ref in enumerate(references)}
    diagnostics: list[tuple[int, int, Diagnostic]] = []
    for order, check in enumerate(checks):
        for finding in check.run(references, context):
            where = min((position.get(id(r), 0) for r in finding.refs), default=0)
            diagnostics.append((where, order, to_diagnostic(check, finding)))
    diagnostics.sort(key=lambda item: (item[0], item[1]))
    return [d for _, _, d in diagnostics]
