"""Cyrillic -> Latin under one scheme: the scheme's canonical spelling.

Used for the expected forms in messages and the README examples.  Matching never
goes the other way (Latin -> Cyrillic is ambiguous: nadživeti, injekcija).
"""

from __future__ import annotations

import unicodedata

from .engine import CompiledScheme, applicable_rule, compiled
from .languages import ALL_LETTERS, APOSTROPHE
from .table import Scheme

_APOSTROPHES = frozenset("'’ʼ")


def romanize(text: str, scheme: Scheme | str) -> str:
    """Romanize ``text`` with the first (canonical) choice of every letter and rule.

    Case follows the Cyrillic: an upper-case letter gives a capitalised spelling
    (Ж -> Zh), a word in capitals stays in capitals (ЖУК -> ZHUK).  Characters
    that are not Cyrillic letters are kept as they are; stress marks are dropped.
    """
    target = compiled(scheme if isinstance(scheme, str) else scheme.id)
    original = "".join(
        c for c in unicodedata.normalize("NFC", text) if not unicodedata.combining(c)
    )
    lower = "".join(_lower(c) for c in original)
    pieces: list[str] = []
    i = 0
    while i < len(lower):
        if lower[i] not in ALL_LETTERS:
            pieces.append(original[i])
            i += 1
            continue
        width, spelling = _canonical_at(target, lower, i)
        pieces.append(_recase(spelling, original, i))
        i += width
    return "".join(pieces)


def _lower(ch: str) -> str:
    """One character lower-cased, kept as it is when lower case is longer (İ)."""
    if ch in _APOSTROPHES:
        return APOSTROPHE
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def _canonical_at(target: CompiledScheme, lower: str, i: int) -> tuple[int, str]:
    """The canonical spelling at position ``i`` and how many letters it covers."""
    found = applicable_rule(target, lower, i)
    if found is not None:
        return len(found.cyrillic), found.canonical
    return 1, target.canonical[lower[i]]


def _recase(spelling: str, original: str, i: int) -> str:
    """Apply the Cyrillic letter's case to its Latin spelling."""
    if not original[i].isupper():
        return spelling
    if _word_is_upper(original, i):
        return spelling.upper()
    return spelling[:1].upper() + spelling[1:]


def _word_is_upper(original: str, i: int) -> bool:
    """Whether the word around position ``i`` is written in capitals (ЖУК)."""
    start = i
    while start > 0 and original[start - 1].isalpha():
        start -= 1
    end = i
    while end < len(original) and original[end].isalpha():
        end += 1
    word = original[start:end]
    return len(word) > 1 and word.isupper()
