"""Quotation-mark conventions, and quotations opened in one and closed in another.

„…» is the typical slip of an author who wraps a Russian title (which has
«…» inside) in Serbian quotes „…” and loses one mark.  Every convention below
is correct somewhere, so only a pair that is no convention is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

QUOTE_CONVENTIONS: tuple[tuple[str, str, str], ...] = (
    ("„", "“", "German, Czech, Bulgarian; Russian inner quotes"),
    ("„", "”", "Serbian, Croatian, Polish, Romanian, Hungarian"),
    ("«", "»", "Russian, Ukrainian, Belarusian, French"),
    ("»", "«", "German, Danish, Croatian books"),
    ("»", "»", "Swedish, Finnish"),
    ("“", "”", "English"),
    ("”", "”", "Swedish, Finnish"),
    ("‚", "‘", "German single"),
    ("‚", "’", "Serbian, Polish single"),
    ("‘", "’", "English single"),
    ("‹", "›", "French single"),
    ("›", "‹", "German single guillemets"),
    ('"', '"', "typewriter"),
    ("'", "'", "typewriter single"),
)
"""(opening mark, closing mark, where it is the norm)."""

_PAIRS = frozenset((o, c) for o, c, _ in QUOTE_CONVENTIONS)
_OPENERS = frozenset(o for o, _, _ in QUOTE_CONVENTIONS)
_CLOSERS = frozenset(c for _, c, _ in QUOTE_CONVENTIONS)
_DOUBLE = frozenset('„“”«»"')
_SINGLE = frozenset("‚‘’‹›'")
_STRAIGHT = frozenset("\"'")
_BEFORE_OPENING = frozenset("([{/—–-") | _OPENERS


@dataclass(frozen=True, slots=True)
class QuoteMismatch:
    """A quotation opened with ``opening`` at ``start`` and closed with ``closing`` at ``end``."""

    opening: str
    closing: str
    start: int
    end: int

    def expected(self) -> tuple[str, ...]:
        """Conventions that open like this one or close like it ("„…”", "«…»")."""
        return tuple(
            f"{o}…{c}"
            for o, c, _ in QUOTE_CONVENTIONS
            if (o == self.opening or c == self.closing) and not {o, c} & _STRAIGHT
        )


def _weight(mark: str) -> frozenset[str]:
    return _DOUBLE if mark in _DOUBLE else _SINGLE


def _compatible(opening: str, closing: str) -> bool:
    """A known pair, or typewriter quotes mixed with typographic ones (not a slip
    of convention, just of keyboard, and too common to report)."""
    return (opening, closing) in _PAIRS or bool({opening, closing} & _STRAIGHT)


def _can_open(text: str, i: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else ""
    prev = text[i - 1] if i else ""
    return (
        text[i] in _OPENERS
        and bool(nxt)
        and not nxt.isspace()
        and (not prev or prev.isspace() or prev in _BEFORE_OPENING)
    )


def _can_close(text: str, i: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else ""
    prev = text[i - 1] if i else ""
    return (
        text[i] in _CLOSERS and bool(prev) and not prev.isspace() and (not nxt or not nxt.isalnum())
    )


def _is_apostrophe(text: str, i: int) -> bool:
    inner = 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
    return text[i] in "'’" and inner


def quote_mismatches(text: str) -> list[QuoteMismatch]:
    """Quotations in ``text`` opened in one convention and closed in another.

    Marks are read as opening or closing by what flanks them (a letter before
    and a space after closes), nested quotations are followed with a stack, and
    unmatched marks are left alone: a title may have lost its outer quotes.
    """
    stack: list[tuple[str, int]] = []
    found: list[QuoteMismatch] = []
    for i, mark in enumerate(text):
        if mark not in _OPENERS | _CLOSERS or _is_apostrophe(text, i):
            continue
        closes = _can_close(text, i)
        if closes and stack and _weight(stack[-1][0]) == _weight(mark):
            opening, start = stack[-1]
            if _compatible(opening, mark) or not _can_open(text, i):
                stack.pop()
                if not _compatible(opening, mark):
                    found.append(QuoteMismatch(opening, mark, start, i))
                continue
        if _can_open(text, i):
            stack.append((mark, i))
    return found
