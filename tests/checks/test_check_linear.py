"""No check reads the whole list, or a whole journal, again for each finding.

doi-duplicate judges which work a shared DOI belongs to by what the other
entries of each work's journal say; it used to read the journal's every entry
for each work judged, so a list whose DOIs are shifted by one entry (a shared
DOI in every other entry of a journal) took time in the square of the
journal. Counted, not timed, so the tests are the same on any machine.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refport.checks import check, consistency
from refport.checks.consistency import WINDOW
from refport.checks.identifiers import Clue, JournalClues, Judgement, _judge
from refport.checks.works import Work, plain
from refport.identifiers import issn_key, split_identifiers
from refport.model import Creator, Date, DatePart, Name, Reference


def shifted_dois(size: int) -> list[Reference]:
    """One journal; each DOI on two neighbouring articles, as a list is when
    every DOI was pasted one entry too low."""
    return [
        Reference(
            id=f"r{n}",
            type="article-journal",
            title=f"Article number {n} on topic {n * 7}",
            container_title="Journal of Things",
            volume=str(n // 100),
            issue=str(n % 100),
            issn="0043-8871",
            issued=Date(start=DatePart(2000 + n % 20)),
            doi=f"10.1234/jot.{n // 2}",
            creators=(Creator("author", Name(family=f"Author{n}", given="A.")),),
        )
        for n in range(size)
    ]


class CountingSet(set[str]):
    """The DOI's own entries; counts how many clues a judgement looks at."""

    looked_at = 0

    def __contains__(self, item: object) -> bool:
        CountingSet.looked_at += 1
        return super().__contains__(item)


def test_a_journal_with_shifted_dois_is_judged_without_reading_it_for_each_doi(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    verdict = consistency.doi_duplicate_verdict

    def counting(doi: str, works: Sequence[Work], clues: object, claimed: set[str]) -> object:
        return verdict(doi, works, clues, CountingSet(claimed))  # type: ignore[arg-type]

    monkeypatch.setattr(consistency, "doi_duplicate_verdict", counting)
    size = 600
    CountingSet.looked_at = 0
    found = check(shifted_dois(size), select=["doi-duplicate"])
    assert len(found) == size // 2
    assert CountingSet.looked_at <= 10 * size  # reading the journal each time: ~2 x size²


def test_one_doi_on_many_works_is_compared_through_the_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared: list[int] = []
    differences = consistency.differences

    def counting(a: Work, b: Work) -> list[str]:
        compared.append(1)
        return differences(a, b)

    monkeypatch.setattr(consistency, "differences", counting)
    works = [
        Reference(id=f"w{n}", type="book", title=f"Book {n}", doi="10.1234/series",
                  issued=Date(start=DatePart(1950 + n % 50)))
        for n in range(8 * WINDOW)
    ]  # fmt: skip
    (found,) = check(works, select=["doi-duplicate"])
    assert "different titles" in found.message
    assert len(compared) <= len(works) * WINDOW  # every pair: tens of thousands


# --- the indexed judgement judges as the journal read whole did ----------------------


def judge_before(
    work: Work, issn: str | None, prefix: str, clues: list[Clue], claimed: set[str]
) -> Judgement:
    others = [c for c in clues if c.ref.id not in claimed]
    own = {k for k in (issn_key(n) for n in split_identifiers(work.ref.issn or "")) if k}
    journal = f"{plain(work.ref.container_title or '')} ({work.ref.id}'s journal)"
    if issn is not None:
        said = [c for c in others if c.issn]
        if issn in own:
            return Judgement(work, (f"{work.ref.id} carries ISSN {issn} itself",), ())
        matching = [c.how for c in said if c.issn == issn]
        if matching:
            return Judgement(work, (f"{journal} appears in this list with {matching[0]}",), ())
        if own:
            return Judgement(work, (), (f"{work.ref.id} carries ISSN {', '.join(sorted(own))}",))
        if said:
            return Judgement(work, (), (f"{journal} appears in this list with {said[0].how}",))
    with_prefix = [c for c in others if c.prefix]
    if issn is None and with_prefix and all(c.prefix != prefix for c in with_prefix):
        return Judgement(work, (), (f"{journal} appears in this list with {with_prefix[0].how}",))
    return Judgement(work, (), ())


IDS = ("a", "b", "c", "d")
ISSNS = ("0043-8871", "2602-2877", "1468-3857")
PREFIXES = ("10.1080", "10.1234")
clues = st.builds(
    lambda issn, prefix, ref_id, n: Clue(issn, prefix, Reference(id=ref_id), f"clue {n}"),
    st.none() | st.sampled_from(ISSNS),
    st.none() | st.sampled_from(PREFIXES),
    st.sampled_from(IDS),
    st.integers(0, 9),
)


@given(
    st.lists(clues, max_size=8),
    st.none() | st.sampled_from(("", *ISSNS)),
    st.sampled_from(("", *PREFIXES)),
    st.sets(st.sampled_from(IDS)),
    st.none() | st.sampled_from(ISSNS),
)
def test_the_indexed_journal_judges_as_the_whole_journal(
    found: list[Clue], issn: str | None, prefix: str, claimed: set[str], own: str | None
) -> None:
    work = Work.of(Reference(id="a", container_title="Journal", issn=own), 0)
    journal = JournalClues()
    for clue in found:
        journal.add(clue)
    assert _judge(work, issn, prefix, journal, claimed) == judge_before(
        work, issn, prefix, found, claimed
    )


def test_a_small_block_is_compared_pair_by_pair() -> None:
    from itertools import combinations

    for size in range(WINDOW + 2):
        assert list(consistency.candidate_pairs(range(size))) == list(combinations(range(size), 2))
