"""Schemes compiled for fast matching: per-position romanization options of a word.

Matching 100,000 names must take seconds, so every scheme is folded once per
level into plain dicts and tuples, and the options of a Cyrillic string under a
set of schemes are computed once and cached (a pure function of its arguments).
Each option carries a bit mask of the schemes that allow it; bit 0 is set on
every option so that "some mix of the schemes' letters" is tracked as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from .languages import ALL_LETTERS, ALPHABET_SETS, VOWELS
from .normalize import Level, fold_char, fold_latin
from .schemes import FALLBACK, SCHEMES, get_scheme
from .table import CONSONANT, VOWEL, WORD_END, WORD_START, Rule, Scheme

UNION_BIT = 1
_SIGNS = frozenset("ьъ'")

Option = tuple[int, str, int]
"""(Cyrillic letters consumed, folded Latin spelling, mask of schemes allowing it)."""


@dataclass(frozen=True, slots=True)
class Context:
    """A rule's context resolved to letter sets for one language."""

    letters: frozenset[str]
    boundary: bool

    def holds(self, neighbour: str | None) -> bool:
        """Whether the neighbouring letter (None at a word boundary) fits."""
        if neighbour is None:
            return self.boundary
        return neighbour in self.letters


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A context rule with its contexts resolved and its Latin folded per level."""

    cyrillic: str
    latin: tuple[tuple[str, ...], ...]
    canonical: str
    after: Context | None
    before: Context | None


@dataclass(frozen=True, slots=True)
class CompiledScheme:
    """One scheme folded per level: ``letters[level - 1][letter]`` -> options."""

    scheme: Scheme
    letters: tuple[dict[str, tuple[str, ...]], ...]
    rules: tuple[CompiledRule, ...]
    canonical: dict[str, str]


def _fold_all(alternatives: tuple[str, ...], level: Level) -> tuple[str, ...]:
    """Fold each alternative, dropping duplicates the folding creates."""
    folded = (fold_latin(alt, level) for alt in alternatives)
    return tuple(dict.fromkeys(folded))


def _context(tokens: frozenset[str], language: str, boundary_token: str) -> Context | None:
    """Resolve context tokens (^, $, V, C, letters) against a language's alphabet."""
    if not tokens:
        return None
    vowels = VOWELS[language]
    consonants = ALPHABET_SETS[language] - vowels - _SIGNS
    letters: set[str] = set()
    for token in tokens:
        if token == VOWEL:
            letters |= vowels
        elif token == CONSONANT:
            letters |= consonants
        elif token != boundary_token:
            letters.add(token)
    return Context(frozenset(letters), boundary_token in tokens)


def _compile_rule(rule: Rule, language: str) -> CompiledRule:
    return CompiledRule(
        cyrillic=rule.cyrillic,
        latin=tuple(_fold_all(rule.latin, level) for level in Level),
        canonical=rule.latin[0],
        after=_context(rule.after, language, WORD_START),
        before=_context(rule.before, language, WORD_END),
    )


@cache
def compiled(scheme_id: str) -> CompiledScheme:
    """The compiled form of a scheme (cached: schemes are immutable data)."""
    scheme = get_scheme(scheme_id)
    table = {**FALLBACK, **scheme.letters}
    return CompiledScheme(
        scheme=scheme,
        letters=tuple({k: _fold_all(v, level) for k, v in table.items()} for level in Level),
        rules=tuple(_compile_rule(r, scheme.language) for r in scheme.rules),
        canonical={k: v[0] for k, v in table.items()},
    )


@lru_cache(maxsize=1024)
def all_spellings(letter: str, level: Level) -> tuple[str, ...]:
    """Every spelling any scheme gives ``letter`` in any context, folded at ``level``."""
    spellings = list(FALLBACK.get(letter, ()))
    for scheme_id in SCHEMES:
        for r in compiled(scheme_id).rules:
            if r.cyrillic[0] == letter:
                spellings.extend(r.latin[level - 1])
    return _fold_all(tuple(spellings), level)


@lru_cache(maxsize=1024)
def longest_spelling(letter: str) -> int:
    """The length of the longest spelling any table gives the letter on its own
    (щ: shch, 4), at the loosest level; 1 for characters no table knows."""
    folded = _fold_all(FALLBACK.get(letter, ()), Level.NO_SIGNS)
    return max(map(len, folded), default=1) or 1


def _neighbour(text: str, index: int) -> str | None:
    """The letter at ``index``, or None at a word boundary or the string's ends."""
    if 0 <= index < len(text) and text[index] in ALL_LETTERS:
        return text[index]
    return None


def applicable_rule(scheme: CompiledScheme, text: str, i: int) -> CompiledRule | None:
    """The first rule of ``scheme`` that applies at position ``i`` of folded ``text``."""
    for r in scheme.rules:
        if not text.startswith(r.cyrillic, i):
            continue
        if r.after is not None and not r.after.holds(_neighbour(text, i - 1)):
            continue
        if r.before is not None and not r.before.holds(_neighbour(text, i + len(r.cyrillic))):
            continue
        return r
    return None


@dataclass(frozen=True, slots=True)
class Group:
    """Several schemes merged at one level: the options of a letter when no rule applies,
    and, by first letter, the rules that may replace them (with the scheme's bit)."""

    schemes: tuple[CompiledScheme, ...]
    base: dict[str, tuple[Option, ...]]
    rules: dict[str, tuple[tuple[int, CompiledScheme], ...]]
    everyone: int


@lru_cache(maxsize=256)
def group(scheme_ids: tuple[str, ...], level: Level) -> Group:
    """Merge the schemes' letter tables once, so that most positions cost a lookup."""
    schemes = tuple(compiled(s) for s in scheme_ids)
    base: dict[str, tuple[Option, ...]] = {}
    for letter in ALL_LETTERS:
        merged: dict[tuple[int, str], int] = {}
        for bit, scheme in enumerate(schemes, start=1):
            for spelling in scheme.letters[level - 1][letter]:
                merged[(1, spelling)] = merged.get((1, spelling), UNION_BIT) | (1 << bit)
        base[letter] = tuple((w, sp, m) for (w, sp), m in merged.items())
    rules: dict[str, list[tuple[int, CompiledScheme]]] = {}
    for bit, scheme in enumerate(schemes, start=1):
        for first in dict.fromkeys(r.cyrillic[0] for r in scheme.rules):
            rules.setdefault(first, []).append((bit, scheme))
    return Group(
        schemes=schemes,
        base=base,
        rules={k: tuple(v) for k, v in rules.items()},
        everyone=(1 << (len(schemes) + 1)) - 1,
    )


def _position_options(merged: Group, text: str, i: int, level: Level) -> tuple[Option, ...]:
    """The options at one letter: the merged table, with the bits of every scheme
    that has a rule applying here moved to that rule's spellings."""
    letter = text[i]
    contenders = merged.rules.get(letter)
    if not contenders:
        return merged.base[letter]
    table = {(w, sp): m for w, sp, m in merged.base[letter]}
    for bit, scheme in contenders:
        found = applicable_rule(scheme, text, i)
        if found is None:
            continue
        for key in table:
            table[key] &= ~(1 << bit)
        for spelling in found.latin[level - 1]:
            key = (len(found.cyrillic), spelling)
            table[key] = table.get(key, UNION_BIT) | (1 << bit)
    return tuple((w, sp, m) for (w, sp), m in table.items() if m != UNION_BIT)


@lru_cache(maxsize=65536)
def _word_options(
    word: str, scheme_ids: tuple[str, ...], level: Level
) -> tuple[tuple[Option, ...], ...]:
    """Options of one word (rules never look across a word boundary, so words cache well)."""
    merged = group(scheme_ids, level)
    return tuple(_position_options(merged, word, i, level) for i in range(len(word)))


@lru_cache(maxsize=32768)
def word_options(
    text: str, scheme_ids: tuple[str, ...], level: Level
) -> tuple[tuple[Option, ...], ...]:
    """For each position of folded Cyrillic ``text``, the options of all the schemes.

    Options of different schemes with the same spelling are merged, their masks
    OR-ed; non-letters must appear as themselves (after folding).
    """
    everyone = group(scheme_ids, level).everyone
    positions: list[tuple[Option, ...]] = []
    start: int | None = None
    for i in range(len(text) + 1):
        if i < len(text) and text[i] in ALL_LETTERS:
            start = i if start is None else start
            continue
        if start is not None:
            positions.extend(_word_options(text[start:i], scheme_ids, level))
            start = None
        if i < len(text):
            positions.append(((1, fold_char(text[i], level), everyone),))
    return tuple(positions)
