"""Scripts, look-alike letters and the language of Cyrillic text.

Text pasted from PDFs carries Latin letters inside Cyrillic words and the
reverse; a reader cannot see them, but search, sorting and transliteration all
break on them.  This module finds them, and guesses which Cyrillic language a
reference is written in from the letters it uses, so that a letter foreign to
that language (Ukrainian є in a Russian name) can be named.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from types import MappingProxyType

from .languages import ALL_LETTERS, ALPHABET_SETS, APOSTROPHE, LANGUAGES


class Script(Enum):
    """The writing systems refport tells apart."""

    LATIN = "Latin"
    CYRILLIC = "Cyrillic"
    GREEK = "Greek"
    OTHER = "other"


_COMPARED = frozenset({Script.LATIN, Script.CYRILLIC, Script.GREEK})
_INNER_APOSTROPHES = frozenset("'’ʼ")

_CYRILLIC_LOOKALIKES = MappingProxyType(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
        "і": "i", "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w",
        "ӏ": "l", "ё": "ë", "ї": "ï",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
        "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J",
        "Ѕ": "S", "Һ": "H", "Ԛ": "Q", "Ԝ": "W", "Ё": "Ë", "Ї": "Ï",
    }
)  # fmt: skip
"""Cyrillic letters drawn like a Latin letter, and that Latin letter."""

_LATIN_LOOKALIKES = MappingProxyType(
    {lat: cyr for cyr, lat in reversed(list(_CYRILLIC_LOOKALIKES.items()))}
)
"""The inverse: Latin letters drawn like a Cyrillic letter (H is Н, not Һ)."""

_WHOLE_WORD_LATIN = frozenset("ABCEHKMOPTXYaceopxy")
"""Latin letters whose look-alike every Cyrillic language has: a word of these
alone in a Cyrillic record (TACC) reads as Cyrillic (ТАСС)."""

_WHOLE_WORD_LATIN_BY_LANGUAGE = MappingProxyType(
    {"uk": frozenset("Ii"), "be": frozenset("Ii"), "sr": frozenset("Jj"), "mk": frozenset("JjSs")}
)
"""Extra look-alikes where the record's language has і, ј or ѕ."""


@lru_cache(maxsize=4096)
def script_of(ch: str) -> Script | None:
    """The script of a letter; None for anything that is not a letter.

    Modifier letters (ʹ ʺ ʼ) count as marks, not letters: romanizations use them
    for soft and hard signs inside otherwise Latin words.
    """
    if not ch.isalpha() or unicodedata.category(ch) == "Lm":
        return None
    name = unicodedata.name(ch, "")
    for script in _COMPARED:
        if name.startswith(script.name):
            return script
    return Script.OTHER


@dataclass(frozen=True, slots=True)
class Word:
    """A run of letters (with inner apostrophes and combining marks) in a text."""

    text: str
    start: int
    end: int

    def scripts(self) -> Counter[Script]:
        """How many letters of the word each script has."""
        return Counter(s for s in map(script_of, self.text) if s is not None)


def _is_word_char(text: str, i: int) -> bool:
    ch = text[i]
    if ch.isalpha() or unicodedata.combining(ch):
        return True
    inner = 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
    return ch in _INNER_APOSTROPHES and inner


def words(text: str) -> Iterator[Word]:
    """The words of ``text``; digits, hyphens and punctuation separate words."""
    start: int | None = None
    for i in range(len(text) + 1):
        inside = i < len(text) and _is_word_char(text, i)
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            yield Word(text[start:i], start, i)
            start = None


@dataclass(frozen=True, slots=True)
class MixedWord:
    """A word with letters of two scripts; ``odd`` are the minority letters."""

    word: Word
    script: Script
    odd: tuple[tuple[int, str], ...]
    fixed: str | None

    def odd_letters(self) -> str:
        """The letters a reader cannot see, with their script ("Latin o")."""
        return ", ".join(f"{_script_name(c)} {c}" for _, c in self.odd)

    def describe(self) -> str:
        """The odd letters and their word ("Latin o in дрoнова")."""
        return f"{self.odd_letters()} in {self.word.text}"


def _script_name(ch: str) -> str:
    script = script_of(ch)
    return script.value if script else "mark"


def _majority(counts: Counter[Script], prefer: Script | None) -> Script:
    """The script with the most letters; ``prefer`` breaks a tie."""
    top = max(counts.values())
    leaders = [s for s, n in counts.items() if n == top]
    if prefer in leaders:
        assert prefer is not None
        return prefer
    return Script.CYRILLIC if Script.CYRILLIC in leaders else leaders[0]


def mixed_script_words(text: str, prefer: Script | None = None) -> list[MixedWord]:
    """Words of ``text`` that mix Latin, Cyrillic or Greek letters."""
    found: list[MixedWord] = []
    for word in words(text):
        counts = word.scripts()
        compared = Counter({s: n for s, n in counts.items() if s in _COMPARED})
        if len(compared) < 2:
            continue
        script = _majority(compared, prefer)
        odd = tuple((i, c) for i, c in enumerate(word.text) if script_of(c) in _COMPARED - {script})
        found.append(MixedWord(word, script, odd, _fix(word.text, odd, script)))
    return found


def _fix(text: str, odd: Sequence[tuple[int, str]], script: Script) -> str | None:
    """The word with its odd letters replaced by their look-alikes, if all have one."""
    table = _LATIN_LOOKALIKES if script is Script.CYRILLIC else _CYRILLIC_LOOKALIKES
    chars = list(text)
    for i, c in odd:
        if c not in table:
            return None
        chars[i] = table[c]
    return "".join(chars)


def record_script(texts: Iterable[str]) -> Script | None:
    """The script most letters of a record are written in, if it has a majority."""
    counts: Counter[Script] = Counter()
    for text in texts:
        counts.update(s for s in map(script_of, text) if s in _COMPARED)
    total = sum(counts.values())
    if not total:
        return None
    script, n = counts.most_common(1)[0]
    return script if 2 * n > total else None


@dataclass(frozen=True, slots=True)
class Confusable:
    """A whole word in one script imitating a word of the other (TACC for ТАСС)."""

    word: Word
    script: Script
    imitated: str


def _lookalike_set(script: Script, language: str | None) -> frozenset[str]:
    if script is Script.LATIN:
        return _WHOLE_WORD_LATIN | _WHOLE_WORD_LATIN_BY_LANGUAGE.get(language or "", frozenset())
    return frozenset(_CYRILLIC_LOOKALIKES)


def confusable_words(
    text: str, record: Script, language: str | None = None, min_letters: int = 3
) -> list[Confusable]:
    """Words of ``text`` written in the other script with look-alike letters only.

    ``record`` is the script of the record the text belongs to; a Latin word in
    a Latin record (or Cyrillic in Cyrillic) is never suspect.  Latin words must
    be in capitals (TACC, OOO): a Cyrillic record may well name a Latin brand
    such as Coca-Cola, but a Latin acronym made of Cyrillic look-alikes is the
    Cyrillic acronym typed on the wrong keyboard.
    """
    if record not in (Script.LATIN, Script.CYRILLIC):
        return []
    found: list[Confusable] = []
    for word in words(text):
        scripts = set(word.scripts())
        if len(word.text) < min_letters or len(scripts) != 1:
            continue
        script = scripts.pop()
        if script is record or script not in (Script.LATIN, Script.CYRILLIC):
            continue
        if script is Script.LATIN and not word.text.isupper():
            continue
        if set(word.text) <= _lookalike_set(script, language):
            table = _LATIN_LOOKALIKES if script is Script.LATIN else _CYRILLIC_LOOKALIKES
            found.append(Confusable(word, script, "".join(table[c] for c in word.text)))
    return found


_MARKERS = MappingProxyType(
    {
        "sr": frozenset("ђћџљњј"),
        "mk": frozenset("ѓќѕ"),
        "uk": frozenset("їєґ"),
        "be": frozenset("ў"),
    }
)


_COUNTED_LETTERS = ALL_LETTERS - {APOSTROPHE}


def _letter_counts(text: str) -> Counter[str]:
    """The alphabet letters of ``text`` (lower-cased), counted; every character
    is counted at C speed first, and only the distinct ones are filtered."""
    every = Counter(text.lower())
    return Counter({c: n for c, n in every.items() if c in _COUNTED_LETTERS})


def _marker_score(language: str, text: str, letters: Counter[str]) -> int:
    """Evidence for a language from its characteristic letters (the issue's rules)."""
    if language in _MARKERS:
        return sum(letters[c] for c in _MARKERS[language])
    if language == "ru":
        hard = sum(letters[c] for c in "ыэё")
        return hard if any(letters[c] for c in "ищъ") else 0
    if language == "bg":
        return _inner_hard_signs(text.lower())
    return 0


def _inner_hard_signs(text: str) -> int:
    """ъ inside a word and not before е ё ю я: Bulgarian, never Russian."""
    if "ъ" not in text:
        return 0
    return sum(
        1
        for i, c in enumerate(text)
        if c == "ъ"
        and 0 < i < len(text) - 1
        and text[i - 1].isalpha()
        and text[i + 1].isalpha()
        and text[i + 1] not in "еёюя"
    )


def detect_languages(text: str) -> tuple[str, ...]:
    """Candidate languages of Cyrillic ``text``, most likely first.

    The candidates are the languages whose alphabet leaves the fewest letters of
    the text unexplained; the characteristic letters (ђ ћ џ љ њ ј Serbian, ї є ґ
    Ukrainian, ў Belarusian, ѓ ќ ѕ Macedonian, ы э ё with и щ ъ Russian, ъ inside
    a word Bulgarian) order them.  Several candidates mean a tie, and callers try
    each.  Empty when the text has no Cyrillic letters.
    """
    letters = _letter_counts(text)
    if not letters:
        return ()
    misses = {
        lang: sum(n for c, n in letters.items() if c not in ALPHABET_SETS[lang])
        for lang in LANGUAGES
    }
    least = min(misses.values())
    candidates = [lang for lang in LANGUAGES if misses[lang] == least]
    return tuple(
        sorted(
            candidates,
            key=lambda lang: (-_marker_score(lang, text, letters), LANGUAGES.index(lang)),
        )
    )


@dataclass(frozen=True, slots=True)
class ForeignLetter:
    """A Cyrillic letter that none of the candidate languages writes."""

    letter: str
    word: Word
    languages: tuple[str, ...]
    suggestion: str | None


_REPLACEMENTS = MappingProxyType(
    {
        "ru": {"є": "е", "і": "и", "ґ": "г", "ј": "й", "ў": "у"},
        "uk": {"ы": "и", "э": "е", "ъ": "'"},
        "be": {"и": "і", "щ": "шч", "ъ": "'"},
        "bg": {"ы": "и", "э": "е", "ј": "й"},
        "sr": {"ы": "и", "э": "е", "й": "ј"},
        "mk": {"ы": "и", "э": "е", "й": "ј"},
    }
)


def foreign_letters(text: str, languages: Sequence[str]) -> list[ForeignLetter]:
    """Letters of ``text`` that belong to none of ``languages``, word by word."""
    if not languages:
        return []
    found: list[ForeignLetter] = []
    for word in words(text):
        for c in dict.fromkeys(word.text):
            lower = c.lower()
            if lower not in ALL_LETTERS or lower == APOSTROPHE:
                continue
            if any(lower in ALPHABET_SETS[lang] for lang in languages):
                continue
            hint = _REPLACEMENTS[languages[0]].get(lower)
            hint = hint.upper() if hint and c.isupper() else hint
            found.append(ForeignLetter(c, word, tuple(languages), hint))
    return found
