"""Duplicate finding compares within blocks (normalised DOI, ISBN, title key),
never every pair: the count of comparisons grows with the list, not with its
square. Counted, not timed, so the test is the same on any machine."""

from __future__ import annotations

import random

from refport.checks import check
from refport.checks.consistency import WINDOW, match_works
from refport.model import Creator, Date, DatePart, Name, Origin, Reference, parse_pages

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
