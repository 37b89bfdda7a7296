"""The diagnostic codes of the online DOI pass, as data.

The online pass is not a `Check` (checks are offline functions), but its codes
belong in the same README table, so they are listed here with the same three
columns the check registry renders.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from refport.checks.base import Check, CheckContext, CheckRegistry, Finding
from refport.diagnostics import Severity
from refport.model import Reference

#: (code, severity, what it finds), in the order the README lists them.
ONLINE_CODES: Final[tuple[tuple[str, Severity, str], ...]] = (
    ("doi-not-found", "error", "the DOI is not registered anywhere (the handle API answers 404)"),
    (
        "doi-mismatch",
        "error",
        "the DOI is registered to a different work; the message quotes the registered title, "
        "authors, year and journal, and says which fields disagree",
    ),
    (
        "doi-metadata-differs",
        "warning",
        "same work, but a field differs (year beyond ±1, volume, first page, journal, "
        "a misspelt author or title); the suggestion gives the registered value",
    ),
    (
        "doi-unreachable",
        "info",
        "no answer after retries, the run's time limit reached, or (with "
        "`--offline-cache-only`) not in the cache; the check says so instead of guessing",
    ),
    (
        "doi-missing",
        "info",
        "a reference without a DOI whose title, first author and year match exactly one "
        "registered work (Crossref `query.bibliographic`); the suggestion is the DOI "
        "(opt-in: `--suggest-dois`)",
    ),
)

SEVERITY_OF: Final[dict[str, Severity]] = {code: level for code, level, _ in ONLINE_CODES}


def _runs_online(references: Sequence[Reference], context: CheckContext) -> Iterable[Finding]:
    """Nothing offline: these codes come from `run_online` (`--online`)."""
    return ()


#: The online codes as registry entries, so that `--select`/`--ignore`, the
#: `[tool.refport]` select list and the README codes table know them.
ONLINE_CHECKS: Final = tuple(
    Check(code, severity, summary, _runs_online) for code, severity, summary in ONLINE_CODES
)


def with_online_checks(registry: CheckRegistry) -> CheckRegistry:
    """The registry with the online codes added after the offline ones."""
    for check in ONLINE_CHECKS:
        registry.add(check)
    return registry


def online_codes() -> list[str]:
    """The codes, for `--select`/`--ignore` validation."""
    return [code for code, _, _ in ONLINE_CODES]


def online_codes_markdown() -> str:
    """The online codes as rows of the README's codes table (same columns)."""
    rows = ["| code | severity | finds |", "| --- | --- | --- |"]
    for code, severity, summary in ONLINE_CODES:
        rows.append(f"| `{code}` | {severity} | {summary.replace('|', chr(92) + '|')} |")
    return "\n".join(rows) + "\n"
