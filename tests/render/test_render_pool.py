"""A bibliography rendered on several cores is the one rendered in one process
(`refport.render.pool`): the same entries, in the same order, with the same
diagnostics. Ranges are made tiny here, so that nearly every entry is
rendered by a worker of its own."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.render.conftest import STYLES, load_seed
from tests.strategies import reference_for

from refport import parallel
from refport.cli import main
from refport.render import load_style, pool, render_result

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="workers are forked")

STANDARD = (
    "apa",
    "chicago-author-date",
    "ieee",
    "harvard-cite-them-right",
    "modern-language-association",
)
HOUSE = tuple(sorted(path.stem for path in STYLES.glob("*.csl")))


@pytest.fixture(autouse=True)
def short_lists_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "MIN_ENTRIES", 2)


@pytest.mark.parametrize("style", STANDARD + HOUSE)
@pytest.mark.parametrize("seed", ["turan-2025", "preradovic-bogicevic-2026"])
@pytest.mark.parametrize("format_name", ["text", "html"])
def test_a_seed_renders_the_same_on_several_cores(seed: str, style: str, format_name: str) -> None:
    items = load_seed(seed)
    alone = render_result(items, style, format=format_name, jobs=1)
    shared = render_result(items, style, format=format_name, jobs=3)
    assert shared == alone
    assert len(alone.entries) > 40


def test_the_other_ranges_are_rendered_by_other_processes() -> None:
    """Not a one-process run in disguise: this process renders the first
    range, a forked copy each other one."""
    pids = pool.render_in_ranges(12, lambda start, stop: [os.getpid()] * (stop - start), 3)
    assert pids is not None and len(pids) == 12
    assert pids[:4] == [os.getpid()] * 4
    assert len(set(pids[4:8])) == len(set(pids[8:])) == 1
    assert len({os.getpid(), pids[4], pids[8]}) == 3


def test_a_copy_that_fails_leaves_its_range_to_this_process() -> None:
    parent = os.getpid()

    def positions(start: int, stop: int) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("a copy that breaks")
        return list(range(start, stop))

    assert pool.render_in_ranges(10, positions, 3) == list(range(10))


def test_a_short_list_or_one_job_renders_in_this_process() -> None:
    assert pool.render_in_ranges(1, lambda start, stop: [start], 2) is None
    assert pool.render_in_ranges(50, lambda start, stop: [start], 1) is None


@pytest.mark.parametrize("jobs", [2, 3, 4])
def test_a_repeated_author_is_replaced_across_range_boundaries(jobs: int) -> None:
    """`subsequent-author-substitute` compares each entry with the last one
    before it that prints names: a range that starts in the middle of the
    list starts from what the entries before it leave."""
    mla = load_style("modern-language-association")
    assert not mla.entries_independent and load_style("apa").entries_independent
    items = [
        {"id": f"w{n}", "type": "book", "title": f"Work {n}", "author": [{"family": "Same"}]}
        for n in range(7)
    ]
    items[3] = {"id": "w3", "type": "book", "title": "Work 3 (no author)"}
    items[5]["author"] = [{"family": "Other"}]
    alone = render_result(items, mla, jobs=1)
    shared = render_result(items, mla, jobs=jobs)
    assert shared == alone
    assert sum("———" in entry.text for entry in alone.entries) == 4


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(reference_for("csljson"), min_size=2, max_size=8, unique_by=lambda r: r.id))
def test_generated_references_render_the_same_on_several_cores(references: list[Any]) -> None:
    for style in ("apa", "ieee"):
        assert render_result(references, style, jobs=2) == render_result(references, style, jobs=1)


def test_refport_render_prints_the_same_with_any_jobs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).resolve().parents[2] / "fixtures/seeds/turan-2025.csl.json"
    runs = []
    for jobs in ("1", "2"):
        status = main(["render", str(source), "-s", "apa", "--jobs", jobs])
        runs.append((status, capsys.readouterr()))
    assert runs[0] == runs[1]
    assert runs[0][1].out.count("\n") > 40


@pytest.mark.parametrize(
    "style", ["apa", "chicago-author-date", "strategic-research-chicago-author-date"]
)
@pytest.mark.parametrize("seed", ["turan-2025", "preradovic-bogicevic-2026"])
def test_citations_disambiguate_the_same_when_the_first_pass_is_shared(
    seed: str, style: str
) -> None:
    """Disambiguation's first pass (every cite alone) runs in workers; the
    names, given names and year suffixes it leads to are the same."""
    items = load_seed(seed)
    cites = [str(item["id"]) for item in items]
    alone = render_result(items, style, cite=cites, jobs=1)
    shared = render_result(items, style, cite=cites, jobs=3)
    assert shared == alone
    assert len(set(alone.citations)) == len(cites)
