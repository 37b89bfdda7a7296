"""The vocabulary of romanization schemes: letter tables and context rules as data.

Every scheme is a frozen table (lower-case Cyrillic letter -> allowed lower-case
romanizations, the first being the scheme's canonical choice) plus declarative
context rules.  Tables are written in a compact text form (``"а a  б b  е e|ye"``)
so that a scheme reads like the standard it transcribes and stays reviewable;
upper case is derived by code, never by doubling the tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

EMPTY = "∅"
"""Written in a table for "nothing": the letter is dropped (soft signs, apostrophes)."""

WORD_START = "^"
WORD_END = "$"
VOWEL = "V"
CONSONANT = "C"
"""Context tokens: besides literal Cyrillic letters, a rule's ``after``/``before``
may name the word boundary or the vowel/consonant class of the scheme's language."""

LetterTable = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A romanization that holds only in a context, e.g. BGN/PCGN е -> ye after a vowel.

    ``cyrillic`` may be one letter or a sequence (Ukrainian зг -> zgh); when a rule
    applies it replaces the letter table for the letters it covers, so a scheme's
    context choice is strict (Makienko is not BGN/PCGN, Makiyenko is).
    """

    cyrillic: str
    latin: tuple[str, ...]
    after: frozenset[str] = frozenset()
    before: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Scheme:
    """One romanization scheme of one language, identified by a stable id."""

    id: str
    name: str
    language: str
    letters: LetterTable
    rules: tuple[Rule, ...] = ()
    source: str = ""
    short: str = ""

    @property
    def label(self) -> str:
        """The short name messages use ("BGN/PCGN", "Serbian Latin")."""
        return self.short or self.name


def parse_letters(spec: str) -> LetterTable:
    """Parse ``"а a  б b  е e|ye  ь ∅"`` into a frozen table.

    Whitespace separates tokens, which pair up as letter and alternatives;
    ``|`` separates alternatives and ``∅`` stands for the empty romanization.
    """
    tokens = spec.split()
    if len(tokens) % 2:
        raise ValueError(f"odd number of tokens in letter table: {tokens[-1]!r}")
    table = {tokens[k]: _alternatives(tokens[k + 1]) for k in range(0, len(tokens), 2)}
    return MappingProxyType(table)


def derive(base: LetterTable, overrides: str) -> LetterTable:
    """A table equal to ``base`` except for the letters ``overrides`` lists.

    Schemes of one family differ in a handful of letters; deriving keeps that
    difference visible instead of repeating 33 identical entries.
    """
    table = dict(base)
    table.update(parse_letters(overrides))
    return MappingProxyType(table)


def restrict(base: LetterTable, alphabet: str) -> LetterTable:
    """The part of ``base`` that covers the letters of one alphabet."""
    return MappingProxyType({k: v for k, v in base.items() if k in alphabet})


def rule(cyrillic: str, latin: str, *, after: str = "", before: str = "") -> Rule:
    """Build a :class:`Rule` from the same compact notation as the letter tables.

    ``after``/``before`` are space-separated context tokens: ``^`` word start,
    ``$`` word end, ``V`` vowel, ``C`` consonant, or literal letters.
    """
    return Rule(
        cyrillic=cyrillic,
        latin=_alternatives(latin),
        after=frozenset(after.split()),
        before=frozenset(before.split()),
    )


def _alternatives(token: str) -> tuple[str, ...]:
    """Split ``a|b|∅`` into ``("a", "b", "")``."""
    return tuple("" if alt == EMPTY else alt for alt in token.split("|"))
