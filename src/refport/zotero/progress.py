"""A one-line progress bar on stderr, drawn only when stderr is a terminal."""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressBar:
    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.enabled = total > 0 and self.stream.isatty()

    def __call__(self, done: int) -> None:
        if not self.enabled:
            return
        filled = self.width * done // self.total
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total}")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()
