"""Duplicate finding compares within blocks (normalised DOI, ISBN, title key),
never every pair: the count of comparisons grows with the list, not with its
square. Counted, not timed, so the test is the same on any machine."""

from __future__ import annotations

import datetime as dt
import gc
import random
import re
import unicodedata
from collections.abc import Iterator, Sequence

from hypothesis import given
from hypothesis import strategies as st

from refport.checks import check, consistency, default_checks, fields, identifiers
from refport.checks.base import Check, CheckContext, Finding, run_checks
from refport.checks.consistency import WINDOW, match_works
from refport.checks.fields import page_pieces
from refport.checks.works import _COMBINING as COMBINING
from refport.checks.works import _SUBTITLE as SUBTITLE
from refport.checks.works import FOLDED_LETTERS, main_title_key, text_key
from refport.model import Creator, Date, DatePart, Name, Origin, Reference, parse_pages

TODAY = dt.date(2026, 11, 24)

SIZE = 20_000
WORDS = [f"word{n}" for n in range(3000)]


def generated(size: int, seed: int = 7) -> list[Reference]:
    """A list like a large library's: mostly distinct works, every fiftieth
    entered twice (DOI written differently), and one title shared by many."""
    chance = random.Random(seed)
    references = []
    for n in range(size):
        common_title = n % 200 == 0  # "Introduction", 100 times, various authors and years
        title = "Introduction" if common_title else " ".join(chance.sample(WORDS, 6))
        doi = f"10.{1000 + n % 500}/item.{n}"
        reference = Reference(
            id=f"ref{n}",
            type="article-journal",
            title=title,
            container_title=f"Journal {n % 400}",
            volume=str(n // 400),
            page=parse_pages(f"{n % 400 * 20 + 1}–{n % 400 * 20 + 15}"),
            issued=Date(start=DatePart(1950 + n % 70)),
            doi=doi,
            creators=(Creator("author", Name(family=chance.choice(WORDS), given="A.")),),
            origin=Origin("generated.json", n + 1),
        )
        references.append(reference)
        if n % 50 == 0:
            copy = reference.with_changes(id=f"ref{n}-again", doi=f"https://doi.org/{doi.upper()}")
            references.append(copy)
    return references


REFERENCES = generated(SIZE)


def test_comparisons_grow_linearly_not_quadratically() -> None:
    matching = match_works(REFERENCES)
    all_pairs = len(REFERENCES) * (len(REFERENCES) - 1) // 2
    assert matching.comparisons <= 2 * len(REFERENCES)
    assert matching.comparisons < all_pairs / 10_000


def test_doubling_the_list_at_most_doubles_the_comparisons() -> None:
    half = match_works(REFERENCES[: len(REFERENCES) // 2]).comparisons
    assert match_works(REFERENCES).comparisons <= 2 * half + WINDOW


def test_a_large_block_is_compared_through_a_window() -> None:
    same = [Reference(id=f"r{n}", title="Introduction") for n in range(10 * WINDOW)]
    matching = match_works(same)
    assert matching.comparisons <= len(same) * WINDOW
    assert len(matching.groups()) == 1  # all one work, joined through the window


def test_the_generated_duplicates_are_all_found() -> None:
    found = [d for d in check(REFERENCES, select=["duplicate", "doi-duplicate"])]
    assert {d.code for d in found} == {"duplicate"}
    assert len(found) == SIZE // 50


# --- work shared within one run, and nothing kept beyond it ----------------------

OFFLINE_CODES = {c.code for m in (identifiers, fields, consistency) for c in m.CHECKS}
OFFLINE = [c for c in default_checks() if c.code in OFFLINE_CODES]


def test_checks_run_together_report_what_each_reports_alone() -> None:
    sample = REFERENCES[:3000]
    together = run_checks(sample, OFFLINE, CheckContext(today=TODAY))
    alone = [d for c in OFFLINE for d in run_checks(sample, [c], CheckContext(today=TODAY))]
    assert sorted(map(repr, together)) == sorted(map(repr, alone))
    assert len(together) > 0


def test_a_context_outside_a_run_keeps_nothing() -> None:
    context = CheckContext()
    calls: list[int] = []
    context.shared("x", lambda: calls.append(1))
    context.shared("x", lambda: calls.append(1))
    assert calls == [1, 1]


def test_a_run_shares_its_work_between_checks_but_not_with_the_next_run() -> None:
    calls: list[str] = []

    def counting(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
        context.shared("keys", lambda: calls.append("computed"))
        return iter(())

    checks = [Check("a", "info", "", counting), Check("b", "info", "", counting)]
    run_checks(REFERENCES[:10], checks, CheckContext())
    run_checks(REFERENCES[:10], checks, CheckContext())
    assert calls == ["computed", "computed"]


def test_full_work_keys_are_built_only_for_references_that_share_a_block() -> None:
    context = CheckContext(shared_work={})
    list(consistency.duplicate(REFERENCES, context))
    list(consistency.doi_duplicate(REFERENCES, context))
    works = consistency.shared_works(REFERENCES, context)
    assert len(works.built) < len(REFERENCES) / 5


page_texts = st.from_regex(
    r"\s?[0-9ivxS]{1,4}\s?(-{1,3}|–|—|‒|,|;| |/)?\s?[0-9ivx]{0,4}\s?", fullmatch=True
)


@given(page_texts | st.text(max_size=12))
def test_quick_page_parsing_agrees_with_the_models_rules(text: str) -> None:
    pieces = [parse_pages(p) for p in re.split(r"[,;]", text) if p.strip()]
    assert page_pieces(text) == pieces


@given(st.text(alphabet=" :?!.–—-abcAB1ıəçЖ\t", max_size=30))
def test_the_quick_subtitle_test_never_changes_a_title_key(title: str) -> None:
    assert main_title_key(title) == text_key(SUBTITLE.split(title, maxsplit=1)[0])


@given(st.text(alphabet="aıəøđłæœþðçЖé ", max_size=20))
def test_the_quick_fold_test_never_changes_a_text_key(text: str) -> None:
    folded = unicodedata.normalize("NFKD", text.casefold().translate(FOLDED_LETTERS))
    expected = re.sub(r"[\W_]+", " ", COMBINING.sub("", folded)).strip()
    assert text_key(text) == expected


def test_a_run_leaves_the_garbage_collector_as_it_found_it() -> None:
    assert gc.get_freeze_count() == 0
    run_checks(REFERENCES[:100], OFFLINE, CheckContext(today=TODAY))
    assert gc.get_freeze_count() == 0 and gc.isenabled()
