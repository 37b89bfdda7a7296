"""The Cyrillic alphabets refport knows, as data shared by the schemes and detection.

The alphabets decide two things: which letters a scheme must cover, and which
letters are foreign to a language (Ukrainian є in a Russian name).  The apostrophe
is a letter of Ukrainian and Belarusian (it separates a consonant from a
following iotated vowel and has its own romanization), so it is listed there.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

APOSTROPHE = "'"
"""Canonical form of the Cyrillic apostrophe (', ’ and ʼ are folded to it)."""

LANGUAGES: tuple[str, ...] = ("ru", "uk", "bg", "sr", "be", "mk")
"""Languages in the order ties are tried: the most frequent in reference lists first."""

LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "ru": "Russian",
        "uk": "Ukrainian",
        "bg": "Bulgarian",
        "sr": "Serbian",
        "be": "Belarusian",
        "mk": "Macedonian",
    }
)

_ALPHABETS = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя'",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
}

ALPHABETS: Mapping[str, str] = MappingProxyType(_ALPHABETS)
"""Lower-case letters of each language, in alphabetical order."""

ALPHABET_SETS: Mapping[str, frozenset[str]] = MappingProxyType(
    {lang: frozenset(letters) for lang, letters in _ALPHABETS.items()}
)

VOWELS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "ru": frozenset("аеёиоуыэюя"),
        "uk": frozenset("аеєиіїоуюя"),
        "bg": frozenset("аеиоуъюя"),
        "sr": frozenset("аеиоу"),
        "be": frozenset("аеёіоуыэюя"),
        "mk": frozenset("аеиоу"),
    }
)

ALL_LETTERS: frozenset[str] = frozenset().union(*ALPHABET_SETS.values())
"""Every letter some supported language uses."""

LANGUAGE_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "russian": "ru",
        "rus": "ru",
        "ukrainian": "uk",
        "ukr": "uk",
        "ua": "uk",
        "bulgarian": "bg",
        "bul": "bg",
        "serbian": "sr",
        "srp": "sr",
        "sr-cyrl": "sr",
        "belarusian": "be",
        "bel": "be",
        "by": "be",
        "macedonian": "mk",
        "mkd": "mk",
        "mac": "mk",
    }
)


def language_code(value: str) -> str | None:
    """Map a reference's ``language`` field ("ru-RU", "Russian", "sr-Cyrl") to a code.

    Returns None for languages outside the Cyrillic set refport romanizes, so a
    Latin-script language (or Serbian written in Latin, "sr-Latn") never selects
    Cyrillic schemes.
    """
    key = value.strip().lower().replace("_", "-")
    if not key or key.endswith("-latn"):
        return None
    if key in LANGUAGE_ALIASES:
        return LANGUAGE_ALIASES[key]
    primary = key.split("-", 1)[0]
    if primary in ALPHABETS:
        return primary
    return LANGUAGE_ALIASES.get(primary)
