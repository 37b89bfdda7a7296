"""Speed of the string layer: checking 100,000 names must take seconds.

The default run times 10,000 distinct names (cold caches: every Cyrillic string
is new); the slow run times 100,000, one in ten with a wrong letter to explain.
"""

from __future__ import annotations

import itertools
import random
import time

import pytest
from tests.translit.conftest import load_names

from refport.translit import explain_mismatch, matches, romanize, schemes_for


def _workload(size: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """(Cyrillic, Latin, language): family x given names of one language, each
    romanized by a random scheme of it, every tenth with its last letter wrong."""
    by_language: dict[str, list[tuple[str, str]]] = {}
    for language, family, given in load_names():
        by_language.setdefault(language, []).append((family, given))
    combined = [
        (language, f"{family} {given}")
        for language, people in by_language.items()
        for (family, _), (_, given) in itertools.product(people, people)
    ]
    rng = random.Random(seed)
    rng.shuffle(combined)
    pairs = []
    for k, (language, cyrillic) in enumerate(itertools.islice(itertools.cycle(combined), size)):
        latin = romanize(cyrillic, rng.choice(schemes_for(language)))
        pairs.append((cyrillic, latin[:-1] + "q" if k % 10 == 0 else latin, language))
    return pairs


def _check(pairs: list[tuple[str, str, str]]) -> tuple[float, int]:
    """Seconds to match every pair (and explain the rejected ones); rejections."""
    schemes = {language: schemes_for(language) for _, _, language in pairs}
    rejected = 0
    start = time.perf_counter()
    for cyrillic, latin, language in pairs:
        if not matches(cyrillic, latin, schemes[language]).matched:
            rejected += 1
            explain_mismatch(cyrillic, latin, language)
    return time.perf_counter() - start, rejected


def test_ten_thousand_names() -> None:
    pairs = _workload(10_000)
    seconds, rejected = _check(pairs)
    print(f"\n10,000 names in {seconds:.2f} s ({len(pairs) / seconds:,.0f} names/s)")
    assert rejected == 1_000
    assert seconds < 5


@pytest.mark.slow
def test_hundred_thousand_names() -> None:
    pairs = _workload(100_000)
    seconds, rejected = _check(pairs)
    print(f"\n100,000 names in {seconds:.2f} s ({len(pairs) / seconds:,.0f} names/s)")
    assert rejected == 10_000
    assert seconds < 30
