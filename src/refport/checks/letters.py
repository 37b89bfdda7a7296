"""Quick tests that let the script checks pass over a string at C speed.

The script checks (mixed-script, foreign-letter, confusable-word,
quote-mismatch) read a string word by word and letter by letter, in Python;
most strings of a list have nothing for them (an English title, a Turkish
name). Each test here is a necessary condition of a finding, answered by a
regular expression over the whole string, so a check reads word by word only
the strings that pass. tests/checks/test_checks_fast_paths.py holds each check's
word-by-word version and asserts the two find the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from refport.translit import Script, script_of
from refport.translit.detect import (
    _CYRILLIC_LOOKALIKES,
    _WHOLE_WORD_LATIN,
    _WHOLE_WORD_LATIN_BY_LANGUAGE,
)
from refport.translit.languages import ALL_LETTERS, ALPHABET_SETS, APOSTROPHE
from refport.translit.quotes import QUOTE_CONVENTIONS

#: The Unicode blocks that hold every letter `script_of` calls Latin, Cyrillic
#: or Greek (a test scans all of Unicode to hold this true): scanning these at
#: import costs milliseconds, scanning all of Unicode half a second.
SCRIPT_BLOCKS: Final = (
    (0x0000, 0x052F),  # Basic Latin … Cyrillic Supplement (Greek, IPA inside)
    (0x1C80, 0x1C8F),  # Cyrillic Extended-C
    (0x1D00, 0x1DBF),  # Phonetic Extensions (small capitals of all three)
    (0x1E00, 0x1FFF),  # Latin Extended Additional, Greek Extended
    (0x2100, 0x218F),  # Letterlike Symbols, Number Forms (Ↄ)
    (0x2C60, 0x2C7F),  # Latin Extended-C
    (0x2DE0, 0x2DFF),  # Cyrillic Extended-A
    (0xA640, 0xA7FF),  # Cyrillic Extended-B … Latin Extended-D
    (0xAB30, 0xAB6F),  # Latin Extended-E (and Greek ꭥ)
    (0xFB00, 0xFB4F),  # Alphabetic Presentation Forms (ligatures ﬀ ﬁ)
    (0x10780, 0x107BF),  # Latin Extended-F
    (0x1DF00, 0x1DFFF),  # Latin Extended-G
    (0x1E030, 0x1E08F),  # Cyrillic Extended-D
)
_COMPARED: Final = (Script.LATIN, Script.CYRILLIC, Script.GREEK)


def _letters_by_script() -> dict[Script, str]:
    found: dict[Script, list[str]] = {script: [] for script in _COMPARED}
    for first, last in SCRIPT_BLOCKS:
        for code in range(first, last + 1):
            script = script_of.__wrapped__(chr(code))  # the uncached function: a one-off scan
            if script in found:
                found[script].append(chr(code))
    return {script: "".join(letters) for script, letters in found.items()}


def _any_of(letters: Iterable[str], repeat: str = "") -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(set(letters))) + "]" + repeat)


_BEYOND_BMP: Final = re.compile("[\U00010000-\U0010ffff]")


class _Letters:
    """Some letters, looked for by regular expression. Those beyond the Basic
    Multilingual Plane (Latin Extended-G) get patterns of their own, asked only
    of a text that has such characters: in one class with the others they make
    the regex engine test each character against a list of ranges, ten times
    slower than the table it uses for the rest."""

    def __init__(self, letters: Iterable[str]) -> None:
        self.letters = frozenset(letters)
        near = {c for c in self.letters if c <= "\uffff"}
        far = self.letters - near
        self._near, self._near_runs = _any_of(near), _any_of(near, "+")
        self._far = (_any_of(far), _any_of(far, "+")) if far else None

    def search(self, text: str) -> bool:
        if self._near.search(text) is not None:
            return True
        return self._far is not None and bool(
            _BEYOND_BMP.search(text) and self._far[0].search(text)
        )

    def count(self, text: str) -> int:
        """How many of the letters the text has, counted run by run."""
        found = sum(map(len, self._near_runs.findall(text)))
        if self._far is not None and _BEYOND_BMP.search(text):
            found += sum(map(len, self._far[1].findall(text)))
        return found


LETTERS: Final = _letters_by_script()
"""Every letter `script_of` gives each compared script."""
LATIN_LETTERS: Final = frozenset(LETTERS[Script.LATIN])
CYRILLIC_LETTERS: Final = frozenset(LETTERS[Script.CYRILLIC])
GREEK_LETTERS: Final = frozenset(LETTERS[Script.GREEK])
_THREE_SCRIPTS: Final = LATIN_LETTERS | CYRILLIC_LETTERS | GREEK_LETTERS
_LATIN_LETTER: Final = _Letters(LATIN_LETTERS)
_CYRILLIC_LETTER: Final = _Letters(CYRILLIC_LETTERS)
_GREEK_LETTER: Final = _Letters(GREEK_LETTERS)

#: Letters that lower-case to a letter of a supported Cyrillic alphabet
#: (the apostrophe aside): the letters `foreign_letters` looks at.
ALPHABET_LETTERS: Final = frozenset(
    c for c in CYRILLIC_LETTERS if c.lower() in ALL_LETTERS and c.lower() != APOSTROPHE
)
_ALPHABET_LETTER: Final = _Letters(ALPHABET_LETTERS)


class _WholeRun:
    """Three or more of some letters in a row, with no Latin, Cyrillic or Greek
    letter either side: how a word of them alone (three letters at least) is
    written, whatever else `words` counts as part of a word. Each run the
    pattern finds is as long as it can be, so only its two sides are left to see."""

    def __init__(self, letters: frozenset[str]) -> None:
        self._run = _any_of(letters, "{3,}")

    def search(self, text: str) -> bool:
        for run in self._run.finditer(text):
            start, end = run.span()
            if (start == 0 or text[start - 1] not in _THREE_SCRIPTS) and (
                end == len(text) or text[end] not in _THREE_SCRIPTS
            ):
                return True
        return False


#: A word of Cyrillic look-alikes of Latin letters (TACC typed in Cyrillic);
#: a word of capital Latin look-alikes of Cyrillic letters (TACC typed in Latin).
_CYRILLIC_LOOKALIKES_SET: Final = frozenset(_CYRILLIC_LOOKALIKES)
_CYRILLIC_LOOKALIKE_WORD: Final = _WholeRun(_CYRILLIC_LOOKALIKES_SET)
_LATIN_CAPITALS: Final = frozenset(
    c for c in _WHOLE_WORD_LATIN.union(*_WHOLE_WORD_LATIN_BY_LANGUAGE.values()) if c.isupper()
)
_LATIN_LOOKALIKE_WORD: Final = _WholeRun(_LATIN_CAPITALS)

_STRAIGHT_QUOTES: Final = frozenset("\"'")
#: Quotation marks other than the typewriter ones: a mismatch pairs two of them.
_TYPOGRAPHIC_QUOTES: Final = (
    frozenset(mark for o, c, _ in QUOTE_CONVENTIONS for mark in (o, c)) - _STRAIGHT_QUOTES
)
_TYPOGRAPHIC_QUOTE: Final = _any_of(_TYPOGRAPHIC_QUOTES)
#: What every quick test needs: a letter of two scripts needs a Cyrillic or
#: Greek one, a letter of an alphabet or a look-alike a Cyrillic one.
_NOT_LATIN_ALONE: Final = _Letters(CYRILLIC_LETTERS | GREEK_LETTERS | _TYPOGRAPHIC_QUOTES)


def may_mix_scripts(text: str) -> bool:
    """Letters of two of Latin, Cyrillic and Greek: a word of it may mix them."""
    if text.isascii():
        return False
    cyrillic = _CYRILLIC_LETTER.search(text)
    greek = _GREEK_LETTER.search(text)
    if cyrillic and greek:
        return True
    return (cyrillic or greek) and _LATIN_LETTER.search(text)


def may_have_alphabet_letters(text: str) -> bool:
    """A letter of some supported Cyrillic alphabet (any case)."""
    return not text.isascii() and _ALPHABET_LETTER.search(text)


class ForeignLetterTest:
    """Whether a string has a letter foreign to all of some languages, one
    pattern per set of languages, built the first time one is asked for (the
    instance lives as long as one check run)."""

    def __init__(self) -> None:
        self._patterns: dict[tuple[str, ...], re.Pattern[str] | None] = {}

    def __call__(self, text: str, languages: Sequence[str]) -> bool:
        key = tuple(languages)
        if key not in self._patterns:
            known = frozenset().union(*(ALPHABET_SETS[lang] for lang in key))
            foreign = {c for c in ALPHABET_LETTERS if c.lower() not in known}
            self._patterns[key] = _any_of(foreign) if key and foreign else None
        pattern = self._patterns[key]
        return pattern is not None and not text.isascii() and pattern.search(text) is not None


def may_have_confusables(text: str, record: Script | None) -> bool:
    """A word of three or more look-alikes of the other script, in a Latin or
    Cyrillic record; in a record of either script when ``record`` is None."""
    if record in (None, Script.LATIN) and _CYRILLIC_LOOKALIKE_WORD.search(text):
        return True
    return record in (None, Script.CYRILLIC) and _LATIN_LOOKALIKE_WORD.search(text)


def may_mismatch_quotes(text: str) -> bool:
    """Two typographic quotation marks: a mismatch opens with one and closes
    with another (a typewriter quote is never reported)."""
    if text.isascii():
        return False
    first = _TYPOGRAPHIC_QUOTE.search(text)
    return first is not None and _TYPOGRAPHIC_QUOTE.search(text, first.end()) is not None


MIXED_SCRIPTS: Final = 1
ALPHABET: Final = 2
CONFUSABLES: Final = 4
QUOTES: Final = 8


def record_survey(strings: Sequence[str], joined: str | None = None) -> int:
    """Which of the quick tests some of a record's strings may pass, as bits:
    `MIXED_SCRIPTS` (`may_mix_scripts`), `ALPHABET` (`may_have_alphabet_letters`),
    `CONFUSABLES` (`may_have_confusables` for a record of either script) and
    `QUOTES` (`may_mismatch_quotes`). Each is asked once of the strings joined
    (the non-ASCII ones: an ASCII string passes none but the Latin look-alike
    word, which a record needs Cyrillic letters for). ``joined`` is the strings
    joined by line breaks, when the caller has it already."""
    everything = "\n".join(strings) if joined is None else joined
    if everything.isascii() or not _NOT_LATIN_ALONE.search(everything):
        return 0  # Latin letters alone (and other scripts'), no typographic quotes
    text = "\n".join([s for s in strings if not s.isascii()])
    cyrillic = _CYRILLIC_LETTER.search(text)
    greek = _GREEK_LETTER.search(text)
    found = 0
    if (cyrillic and greek) or ((cyrillic or greek) and _LATIN_LETTER.search(text)):
        found |= MIXED_SCRIPTS
    if cyrillic:
        if _ALPHABET_LETTER.search(text):
            found |= ALPHABET
        if _CYRILLIC_LOOKALIKE_WORD.search(text) or _LATIN_LOOKALIKE_WORD.search(everything):
            found |= CONFUSABLES
    if may_mismatch_quotes(text):
        found |= QUOTES
    return found


def record_script(texts: Iterable[str]) -> Script | None:
    """`refport.translit.record_script` counted by regular expressions: the
    script most letters of a record are written in, if it has a majority."""
    text = "\n".join(texts)
    latin = _LATIN_LETTER.count(text)
    cyrillic = greek = 0
    if not text.isascii():
        cyrillic = _CYRILLIC_LETTER.count(text)
        greek = _GREEK_LETTER.count(text)
    total = latin + cyrillic + greek
    # A strict majority is one script's alone, so the order of the tests
    # cannot matter (`most_common` would pick among ties, never a majority).
    for script, count in (
        (Script.LATIN, latin),
        (Script.CYRILLIC, cyrillic),
        (Script.GREEK, greek),
    ):
        if 2 * count > total:
            return script
    return None
