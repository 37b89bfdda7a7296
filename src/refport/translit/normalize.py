"""Folding of Latin and Cyrillic strings before comparison, at three levels.

Romanizations differ in typography that carries no information about the
letters (’ vs ' vs ʹ for the soft sign, t︠s︡ vs t͡s, «» vs “” around a quoted
title), and authors drop
diacritics and sign marks wholesale.  Comparing at three levels keeps those
apart: EXACT folds only typography, NO_DIACRITICS also strips accents,
NO_SIGNS also drops soft/hard-sign marks, primes, middle dots and tie bars.
"""

from __future__ import annotations

import unicodedata
from enum import IntEnum
from functools import lru_cache

from .languages import APOSTROPHE


class Level(IntEnum):
    """How much of a romanization's typography is ignored when comparing."""

    EXACT = 1
    NO_DIACRITICS = 2
    NO_SIGNS = 3


PRIME = "ʹ"
DOUBLE_PRIME = "ʺ"
_PRIMES = frozenset("'’ʼʹ′`ˈ‘‚‹›")
_DOUBLE_PRIMES = frozenset('"ʺ″”“˝ˮ„«»')
_PAIRS = {"''": DOUBLE_PRIME, "``": DOUBLE_PRIME, "’’": DOUBLE_PRIME}
_DASHES = frozenset("‐‑‒–—−")
_SIGN_MARKS = frozenset({PRIME, DOUBLE_PRIME, "·", "\u0361"})
_UNACCENTED = {"đ": "dj", "ł": "l", "ø": "o", "ı": "i", "æ": "ae", "œ": "oe", "ß": "ss"}
_CYRILLIC_APOSTROPHES = frozenset("'’ʼ")


@lru_cache(maxsize=4096)
def fold_char(ch: str, level: Level) -> str:
    """Fold one character of a Latin string (or a non-letter of a Cyrillic one)."""
    folded = _typography(ch.casefold())
    if level >= Level.NO_DIACRITICS:
        folded = "".join(_strip_accents(c) for c in folded)
    if level >= Level.NO_SIGNS:
        folded = "".join(c for c in folded if c not in _SIGN_MARKS)
    return folded


def _typography(ch: str) -> str:
    """Fold typographic variants that all spell the same mark."""
    if ch in _PRIMES:
        return PRIME
    if ch in _DOUBLE_PRIMES:
        return DOUBLE_PRIME
    if ch in _DASHES:
        return "-"
    if ch.isspace():
        return " "
    if ch == "\ufe20":
        return "\u0361"
    if ch == "\ufe21":
        return ""
    return ch


def _strip_accents(ch: str) -> str:
    """Remove combining marks; map letters that do not decompose (đ is dj)."""
    if ch in _UNACCENTED:
        return _UNACCENTED[ch]
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))


def fold_latin_positions(text: str, level: Level) -> tuple[str, tuple[int, ...]]:
    """Fold ``text`` and give, for each folded character, its index in ``text``.

    The positions let a mismatch message quote the author's own spelling of the
    faulty letter rather than its folded form.
    """
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _PAIRS:
            piece, width = fold_char(_PAIRS[pair], level), 2
        else:
            piece, width = fold_char(text[i], level), 1
        for c in piece:
            if c == " " and (not out or out[-1] == " "):
                continue
            out.append(c)
            where.append(i)
        i += width
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), tuple(where)


@lru_cache(maxsize=65536)
def fold_latin(text: str, level: Level) -> str:
    """Fold a Latin string for comparison at ``level``."""
    return fold_latin_positions(text, level)[0]


@lru_cache(maxsize=65536)
def fold_cyrillic(text: str) -> str:
    """Lower-case a Cyrillic string, fold apostrophes and drop stress marks."""
    text = unicodedata.normalize("NFC", text).lower()
    out: list[str] = []
    for ch in text:
        if unicodedata.combining(ch):
            continue
        if ch in _CYRILLIC_APOSTROPHES:
            ch = APOSTROPHE
        elif ch.isspace():
            if not out or out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
    return "".join(out).strip()
