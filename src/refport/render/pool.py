"""Rendering a long bibliography's entries on several cores.

Sorting and disambiguation need the whole list, but once they are done each
entry renders on its own (except with `subsequent-author-substitute`, which
compares an entry with the one before; `Style.entries_independent`); so does
each cite in disambiguation's first pass. The positions are split into one
contiguous range per core: this process renders the first, and a forked copy
of it renders each other one, from the prepared bibliography it inherits
(nothing is sent to it), and sends back its results through a pipe. They are
joined in order, as one process renders them
(`tests/render/test_render_pool.py`). A copy that fails leaves its range to
this process, which renders it as it would have anyway.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable, Sequence
from typing import Final, TypeVar, cast

_Result = TypeVar("_Result")

#: Shorter lists render in one process: forking would cost more.
MIN_ENTRIES: Final = 200


def render_in_ranges(
    count: int, render_range: Callable[[int, int], Sequence[_Result]], jobs: int
) -> list[_Result] | None:
    """`render_range(start, stop)` over `range(count)` in `jobs` processes
    (this one and forked copies), joined in order; None when one process
    should do it (few entries, one job, or no `fork` on this system)."""
    from refport.parallel import can_fork

    if jobs < 2 or count < max(MIN_ENTRIES, 2) or not can_fork():
        return None
    step = -(-count // jobs)
    bounds = [(start, min(start + step, count)) for start in range(0, count, step)]
    gc.freeze()  # the copies' collector leaves what they inherit alone (fewer pages copied)
    try:
        children = [_fork(render_range, start, stop) for start, stop in bounds[1:]]
    finally:
        gc.unfreeze()
    joined = list(render_range(*bounds[0]))
    for (start, stop), child in zip(bounds[1:], children, strict=True):
        part = _collect(child) if child is not None else None
        if part is None:
            joined.extend(render_range(start, stop))
        else:
            joined.extend(cast(list[_Result], part))
    return joined


def _fork(
    render_range: Callable[[int, int], Sequence[object]], start: int, stop: int
) -> tuple[int, int] | None:
    """A copy of this process rendering one range: (its pid, the pipe to read)."""
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the copy: render, send, and leave without running this process's exit code
        status = 1
        try:
            gc.disable()  # a short life: nothing to collect that exit does not free
            os.close(read)
            with os.fdopen(write, "wb") as out:
                pickle.dump(list(render_range(start, stop)), out, pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _collect(child: tuple[int, int]) -> list[object] | None:
    """A copy's results, or None when it failed."""
    pid, read = child
    with os.fdopen(read, "rb") as source:
        try:
            part = pickle.load(source)
        except Exception:  # the copy died before it sent everything
            part = None
    _, status = os.waitpid(pid, 0)
    return part if status == 0 and isinstance(part, list) else None
