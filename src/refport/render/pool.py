"""Rendering a long bibliography's entries on several cores.

Sorting and disambiguation need the whole list, but once they are done each
entry renders on its own (except with `subsequent-author-substitute`, which
compares an entry with the one before; `Style.entries_independent`). The
entries are then rendered in forked worker processes, which inherit the
prepared bibliography as it stands: nothing is sent to them but ranges of
entry positions, and the rendered entries come back in order, the same as one
process renders them (`tests/render/test_render_pool.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, TypeVar

_Result = TypeVar("_Result")

#: Shorter lists render in one process: starting workers would cost more.
MIN_ENTRIES: Final = 200
#: Ranges per worker, so that a worker that finishes early takes another.
RANGES_PER_JOB: Final = 4

#: The range renderer of the run under way; workers inherit it when forked.
_render_range: Callable[[int, int], Sequence[object]] | None = None


def render_in_ranges(
    count: int, render_range: Callable[[int, int], Sequence[_Result]], jobs: int
) -> list[_Result] | None:
    """`render_range(start, stop)` over `range(count)` in `jobs` forked
    workers, joined in order; None when one process should do it (few
    entries, one job, or no `fork` on this system)."""
    global _render_range
    from refport.parallel import can_fork

    if jobs < 2 or count < max(MIN_ENTRIES, 2) or not can_fork():
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    step = max(1, -(-count // (jobs * RANGES_PER_JOB)))
    starts = range(0, count, step)
    _render_range = render_range
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            parts = pool.map(_in_worker, starts, [min(s + step, count) for s in starts])
            joined: list[_Result] = []
            for part in parts:
                joined.extend(part)  # type: ignore[arg-type]
            return joined
    finally:
        _render_range = None


def _in_worker(start: int, stop: int) -> Sequence[object]:
    assert _render_range is not None, "workers are forked with the renderer in place"
    return _render_range(start, stop)
