"""A one-line progress bar with counts, on stderr, drawn only on a terminal."""

from __future__ import annotations

import sys
from collections import Counter
from typing import Final, Literal, TextIO

Tally = Literal["resolved", "cached", "failed"]
TALLIES: Final[tuple[Tally, ...]] = ("resolved", "cached", "failed")


class Progress:
    def __init__(
        self, total: int, label: str = "DOIs", stream: TextIO | None = None, width: int = 24
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.counts: Counter[str] = Counter()
        self.enabled = total > 0 and _is_terminal(self.stream)

    @property
    def done(self) -> int:
        return sum(self.counts.values())

    def add(self, tally: Tally) -> None:
        self.counts[tally] += 1
        self.draw()

    def line(self) -> str:
        filled = self.width * self.done // self.total if self.total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        counts = "  ".join(f"{name} {self.counts[name]}" for name in TALLIES)
        return f"{self.label} [{bar}] {self.done}/{self.total}  {counts}"

    def draw(self) -> None:
        if self.enabled:
            self.stream.write("\r" + self.line())
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
