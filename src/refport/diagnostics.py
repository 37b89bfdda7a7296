"""Diagnostics are data: readers, writers and checks return them, never print.

A `Diagnostic` names what is wrong (`code`), how badly (`severity`), the
references involved (`refs`, in list order) and where (`file`, `line`,
`field`), so that a CLI, a CI annotation or a test can each present it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: Final[dict[str, int]] = {"info": 0, "warning": 1, "error": 2}

#: The keys of a diagnostic in JSON output, in order.
JSON_KEYS: Final = ("code", "severity", "message", "refs", "field", "line", "suggestion")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    refs: tuple[str, ...] = ()
    field: str | None = None
    line: int | None = None
    suggestion: str | None = None
    file: str | None = None
    column: int | None = None

    def to_json(self) -> dict[str, object]:
        """Exactly the documented keys (file and column are presentation)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "refs": list(self.refs),
            "field": self.field,
            "line": self.line,
            "suggestion": self.suggestion,
        }

    def location(self) -> str:
        """`file:line[:column]` as editors and CI annotations expect it."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format_text(self) -> str:
        refs = f" [{', '.join(self.refs)}]" if self.refs else ""
        text = f"{self.location()}: {self.severity} {self.code}{refs} {self.message}"
        if self.suggestion:
            text += f" (suggestion: {self.suggestion})"
        return text


class RefportError(Exception):
    """Raised by `strict=True` APIs: carries every diagnostic, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format_text() for d in diagnostics))


def reaches(diagnostic: Diagnostic, threshold: str) -> bool:
    """True when the diagnostic is at least as severe as `threshold`."""
    return SEVERITY_RANK[diagnostic.severity] >= SEVERITY_RANK[threshold]
