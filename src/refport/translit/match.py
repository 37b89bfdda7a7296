"""Does a Latin form romanize a Cyrillic one under some scheme, and which schemes?

The comparison always runs Cyrillic -> Latin: each Cyrillic position offers the
spellings every given scheme allows there, and a dynamic programme walks the
Latin string through them.  Tracking a bit mask per state tells at once which
schemes produce the whole form and whether only a mix of schemes does (a hybrid
such as "Jurij Dudayti", which people write and which is not an error).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .engine import Option, word_options
from .normalize import Level, fold_cyrillic, fold_latin
from .schemes import get_scheme
from .schemes_ru import CONVENTIONAL_GIVEN_NAMES
from .table import Scheme


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The outcome of comparing a Latin form with a Cyrillic one.

    ``level`` is the strictest normalisation level at which some combination of
    the schemes' letters spells the Latin form (None: no combination does);
    ``schemes`` are the schemes that spell it on their own, at the strictest
    level where any does.  Matched with no scheme means a mix of schemes or a
    conventional English given name (Alexander for Александр).
    """

    level: Level | None
    schemes: tuple[str, ...] = ()

    @property
    def matched(self) -> bool:
        """Whether the Latin form is accepted as a romanization."""
        return self.level is not None


def _ids(schemes: Iterable[Scheme | str]) -> tuple[str, ...]:
    """Scheme ids, validating bare ids early so a typo fails loudly."""
    ids = tuple(s if isinstance(s, str) else s.id for s in schemes)
    for scheme_id in ids:
        get_scheme(scheme_id)
    return ids


def run(options: tuple[tuple[Option, ...], ...], latin: str) -> int:
    """Walk ``latin`` through the per-position options; the mask at the end.

    Bit k of a state is set when some path to it uses only options scheme k
    allows, bit 0 when any path reaches it; 0 means no match.
    """
    end = len(options)
    states: list[dict[int, int]] = [{} for _ in range(end + 1)]
    states[0][0] = -1
    for i in range(end):
        here = states[i]
        if not here:
            continue
        for j, mask in here.items():
            for width, spelling, allowed in options[i]:
                if latin.startswith(spelling, j):
                    combined = mask & allowed
                    target = states[i + width]
                    k = j + len(spelling)
                    target[k] = target.get(k, 0) | combined
    return states[end].get(len(latin), 0)


def matches(cyrillic: str, latin: str, schemes: Iterable[Scheme | str]) -> MatchResult:
    """Compare ``latin`` with ``cyrillic`` under ``schemes`` at the three levels."""
    ids = _ids(schemes)
    text = fold_cyrillic(cyrillic)
    first: Level | None = None
    for level in Level:
        mask = run(word_options(text, ids, level), fold_latin(latin, level))
        if not mask:
            continue
        first = first or level
        whole = tuple(s for bit, s in enumerate(ids, start=1) if mask >> bit & 1)
        if whole:
            return MatchResult(first, whole)
    if first is None and _conventional(text, latin, ids):
        return MatchResult(Level.NO_DIACRITICS)
    return MatchResult(first)


def _conventional(text: str, latin: str, ids: tuple[str, ...]) -> bool:
    """Whether ``latin`` is the English equivalent of a Russian given name."""
    if not any(get_scheme(s).language == "ru" for s in ids):
        return False
    return fold_latin(latin, Level.NO_SIGNS) in CONVENTIONAL_GIVEN_NAMES.get(text, ())
