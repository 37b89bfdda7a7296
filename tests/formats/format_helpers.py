"""What every format's test helpers share: a reader's output split into
references and diagnostics, and diagnostics reduced to their codes."""

from __future__ import annotations

from collections.abc import Iterable

from refport.diagnostics import Diagnostic
from refport.model import Reference


def split_events(
    events: Iterable[Reference | Diagnostic],
) -> tuple[list[Reference], list[Diagnostic]]:
    """The references and the diagnostics a reader yielded, each in file order."""
    items = list(events)
    return (
        [i for i in items if isinstance(i, Reference)],
        [i for i in items if isinstance(i, Diagnostic)],
    )


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]
