"""The registry of every romanization scheme, by stable id and by language.

An explicit tuple rather than import-time registration: the set of schemes is
data the README table, the checks and the tests all enumerate in one order.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .schemes_ru import RUSSIAN_SCHEMES
from .schemes_south import BULGARIAN_SCHEMES, MACEDONIAN_SCHEMES, SERBIAN_SCHEMES
from .schemes_uk_be import BELARUSIAN_SCHEMES, UKRAINIAN_SCHEMES
from .table import LetterTable, Scheme

ALL_SCHEMES: tuple[Scheme, ...] = (
    *RUSSIAN_SCHEMES,
    *UKRAINIAN_SCHEMES,
    *SERBIAN_SCHEMES,
    *BULGARIAN_SCHEMES,
    *BELARUSIAN_SCHEMES,
    *MACEDONIAN_SCHEMES,
)

SCHEMES: Mapping[str, Scheme] = MappingProxyType({s.id: s for s in ALL_SCHEMES})

_HOME_FIRST = (
    "uk-national-2010",
    "sr-gaj",
    "mk-official",
    "be-official",
    "bg-official-2009",
    "ru-bgn",
)


def get_scheme(scheme_id: str) -> Scheme:
    """The scheme with this id; KeyError names the known ids when it is unknown."""
    try:
        return SCHEMES[scheme_id]
    except KeyError:
        raise KeyError(f"unknown scheme {scheme_id!r}; known: {', '.join(SCHEMES)}") from None


def schemes_for(language: str) -> tuple[Scheme, ...]:
    """Every scheme of one language, in registry order."""
    return tuple(s for s in ALL_SCHEMES if s.language == language)


def _fallback_table() -> LetterTable:
    """Every romanization any scheme gives a letter, the letter's home scheme first.

    A name may carry a letter its language lacks (Ukrainian є in a Russian name);
    the foreign-letter check reports that, so the transliteration checks must not
    fail on it as well: a scheme romanizes such a letter as its home language does.
    """
    order = [SCHEMES[i] for i in _HOME_FIRST]
    order += [s for s in ALL_SCHEMES if s.id not in _HOME_FIRST]
    table: dict[str, tuple[str, ...]] = {}
    for scheme in order:
        for letter, alternatives in scheme.letters.items():
            known = table.get(letter, ())
            table[letter] = known + tuple(a for a in alternatives if a not in known)
    return MappingProxyType(table)


FALLBACK: LetterTable = _fallback_table()
