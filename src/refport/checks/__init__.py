"""All checks, assembled explicitly from their modules into one registry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from refport.checks.base import Check, CheckContext, CheckRegistry, Finding, run_checks
from refport.diagnostics import Diagnostic
from refport.model import Reference

__all__ = ["Check", "CheckContext", "CheckRegistry", "Finding", "check", "default_checks"]


def default_checks() -> CheckRegistry:
    """Every built-in check, in the order their diagnostics are listed."""
    from refport.checks import consistency, fields, identifiers, scripts

    return CheckRegistry(
        (*identifiers.CHECKS, *fields.CHECKS, *consistency.CHECKS, *scripts.CHECKS)
    )


def check(
    references: Sequence[Reference],
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    context: CheckContext | None = None,
) -> list[Diagnostic]:
    """Run the checks over one reference list (one or several files pooled)."""
    chosen = default_checks().selected(select, ignore)
    return run_checks(references, chosen, context or CheckContext())
