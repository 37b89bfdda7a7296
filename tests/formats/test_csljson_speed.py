"""CSL-JSON throughput on the benchmark corpus (run with `-m bench`).

CPU time of this process, best of three, so that other work on the machine
disturbs it less than wall time would. The floors are far below what the
reader and writer do on an idle machine (about 45,000 and 55,000 entries/s
on a busy one) and far above what they did before their fast paths (about
9,000/s each), so a lost fast path fails here.
"""

from __future__ import annotations

import gc
import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.bench.corpus import write_corpus

from refport.formats import csljson
from refport.formats.base import WriteOptions
from refport.model import Reference

SIZE = 5000
READ_FLOOR = 25_000  # entries/s
WRITE_FLOOR = 30_000

pytestmark = pytest.mark.bench


def best_rate(task: Callable[[], object], count: int) -> float:
    best = float("inf")
    for _ in range(3):
        gc.collect()
        start = time.process_time()
        task()
        best = min(best, time.process_time() - start)
    return count / best


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(SIZE, tmp_path_factory.mktemp("corpus"))["json"]


def test_reading_takes_well_over_25000_entries_a_second(corpus: Path) -> None:
    text = corpus.read_text(encoding="utf-8")
    assert best_rate(lambda: list(csljson.read(text)), SIZE) > READ_FLOOR


def test_reading_a_file_stream_is_as_fast(corpus: Path) -> None:
    def read_file() -> object:
        with corpus.open(encoding="utf-8") as stream:
            return list(csljson.read(stream))

    assert best_rate(read_file, SIZE) > READ_FLOOR


def test_writing_takes_well_over_30000_entries_a_second(corpus: Path) -> None:
    events = csljson.read(corpus.read_text(encoding="utf-8"))
    references = [r for r in events if isinstance(r, Reference)]
    rate = best_rate(lambda: csljson.write(references, io.StringIO(), WriteOptions()), SIZE)
    assert rate > WRITE_FLOOR
