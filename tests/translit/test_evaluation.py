"""Acceptance of names romanized by independent libraries (test-only dependencies).

Each library scheme below is paired with the refport scheme it implements (or
None when it implements no scheme refport lists: then only "some scheme of the
language" acceptance is measured).  The libraries have known output bugs —
iuliia leaves Cyrillic ё in several schemes (Ёzhikov), cyrtranslit writes
"SHarapov" and ignores GOST B's c before i/e/y/j (Zajczev) — so outputs still
holding Cyrillic are counted as generator errors, not as refport rejections, and
case is ignored; cyrtranslit's GOST B misses show in its lower floor.  The floors
asserted are the rates measured when this test was written, rounded down.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from refport.translit import matches, schemes_for

CYRILLIC = re.compile("[\u0400-\u04ff]")


@dataclass(frozen=True)
class Generator:
    """One library scheme: where it comes from and which refport scheme it implements."""

    library: str
    scheme: str
    language: str
    implements: str | None
    floor_scheme: float
    floor_language: float


def _iuliia(name: str) -> Callable[[str], str]:
    iuliia = pytest.importorskip("iuliia")
    schema = iuliia.schemas.get(name)
    return lambda text: str(schema.translate(text))


def _translitua(name: str) -> Callable[[str], str]:
    translitua = pytest.importorskip("translitua")
    table = getattr(translitua, name)
    return lambda text: str(translitua.translit(text, table))


def _cyrtranslit(code: str) -> Callable[[str], str]:
    cyrtranslit = pytest.importorskip("cyrtranslit")
    return lambda text: str(cyrtranslit.to_latin(text, code))


def _transliterate(code: str) -> Callable[[str], str]:
    transliterate = pytest.importorskip("transliterate")
    return lambda text: str(transliterate.translit(text, code, reversed=True))


def _icu(transform: str) -> Callable[[str], str]:
    icu = pytest.importorskip("icu")
    instance = icu.Transliterator.createInstance(transform)
    return lambda text: str(instance.transliterate(text))


FACTORIES: dict[str, Callable[[str], Callable[[str], str]]] = {
    "iuliia": _iuliia,
    "translitua": _translitua,
    "cyrtranslit": _cyrtranslit,
    "transliterate": _transliterate,
    "PyICU": _icu,
}

GENERATORS: tuple[Generator, ...] = (
    # iuliia: one schema per Russian standard.
    Generator("iuliia", "gost_779", "ru", "ru-iso9", 1.0, 1.0),
    Generator("iuliia", "gost_779_alt", "ru", "ru-gost-b", 1.0, 1.0),
    Generator("iuliia", "ala_lc", "ru", "ru-alalc", 1.0, 1.0),
    Generator("iuliia", "ala_lc_alt", "ru", "ru-alalc-nodiacritics", 1.0, 1.0),
    Generator("iuliia", "bgn_pcgn", "ru", "ru-bgn", 1.0, 1.0),
    Generator("iuliia", "bs_2979_alt", "ru", "ru-bsi-scopus", 1.0, 1.0),
    Generator("iuliia", "icao_doc_9303", "ru", "ru-icao", 1.0, 1.0),
    Generator("iuliia", "scientific", "ru", "ru-scholarly", 1.0, 1.0),
    Generator("iuliia", "wikipedia", "ru", "ru-wikipedia", 1.0, 1.0),
    Generator("iuliia", "mosmetro", "ru", None, 0.0, 0.97),
    Generator("iuliia", "yandex_maps", "ru", None, 0.0, 0.97),
    # translitua: Russian and Ukrainian official tables.
    Generator("translitua", "RussianISO9SystemA", "ru", "ru-iso9", 1.0, 1.0),
    Generator("translitua", "RussianISO9SystemB", "ru", "ru-gost-b", 1.0, 1.0),
    Generator("translitua", "RussianALALC", "ru", "ru-alalc", 1.0, 1.0),
    Generator("translitua", "RussianICAO", "ru", "ru-icao", 1.0, 1.0),
    Generator("translitua", "RussianInternationalPassport", "ru", None, 0.0, 1.0),
    Generator("translitua", "UkrainianKMU", "uk", "uk-national-2010", 1.0, 1.0),
    Generator("translitua", "UkrainianBGN2019", "uk", "uk-national-2010", 1.0, 1.0),
    Generator("translitua", "UkrainianALALC", "uk", "uk-alalc", 1.0, 1.0),
    Generator("translitua", "UkrainianISO9", "uk", "uk-iso9", 1.0, 1.0),
    Generator("translitua", "UkrainianWWS", "uk", "uk-scholarly", 1.0, 1.0),
    Generator("translitua", "UkrainianBritish", "uk", None, 0.0, 1.0),
    # cyrtranslit: GOST-B-like Russian, scholarly Ukrainian, Serbian, Macedonian.
    Generator("cyrtranslit", "ru", "ru", "ru-gost-b", 0.87, 0.96),
    Generator("cyrtranslit", "ua", "uk", "uk-scholarly", 1.0, 1.0),
    Generator("cyrtranslit", "sr", "sr", "sr-gaj", 1.0, 1.0),
    Generator("cyrtranslit", "bg", "bg", None, 0.0, 0.97),
    Generator("cyrtranslit", "mk", "mk", "mk-official", 1.0, 1.0),
    Generator("cyrtranslit", "by", "be", None, 0.0, 0.66),
    # transliterate: its own simplified tables.
    Generator("transliterate", "ru", "ru", None, 0.0, 0.97),
    Generator("transliterate", "uk", "uk", None, 0.0, 1.0),
    Generator("transliterate", "sr", "sr", "sr-gaj", 1.0, 1.0),
    Generator("transliterate", "bg", "bg", None, 0.0, 1.0),
    Generator("transliterate", "mk", "mk", "mk-official", 1.0, 1.0),
    # ICU (PyICU): BGN/PCGN transforms.  Its Ukrainian table is BGN/PCGN 1965 (superseded
    # in 2019 by the national system), its Bulgarian one the superseded BGN/PCGN 1952.
    Generator("PyICU", "Russian-Latin/BGN", "ru", "ru-bgn", 1.0, 1.0),
    Generator("PyICU", "Ukrainian-Latin/BGN", "uk", "uk-bgn-1965", 1.0, 1.0),
    Generator("PyICU", "Bulgarian-Latin/BGN", "bg", None, 0.0, 1.0),
    Generator("PyICU", "Serbian-Latin/BGN", "sr", "sr-gaj", 1.0, 1.0),
    Generator("PyICU", "Macedonian-Latin/BGN", "mk", "mk-official", 1.0, 1.0),
    Generator("PyICU", "Belarusian-Latin/BGN", "be", "be-bgn", 1.0, 1.0),
)


@dataclass
class Tally:
    total: int = 0
    broken: int = 0
    scheme: int = 0
    language: int = 0
    rejected: tuple[str, ...] = ()


def _evaluate(gen: Generator, names: list[tuple[str, str, str]]) -> Tally:
    romanize_with = FACTORIES[gen.library](gen.scheme)
    all_of_language = schemes_for(gen.language)
    tally = Tally()
    rejected: list[str] = []
    for language, family, given in names:
        if language != gen.language:
            continue
        cyrillic = f"{family} {given}"
        latin = romanize_with(cyrillic)
        tally.total += 1
        if CYRILLIC.search(latin):
            tally.broken += 1
            continue
        if gen.implements and gen.implements in matches(cyrillic, latin, [gen.implements]).schemes:
            tally.scheme += 1
        if matches(cyrillic, latin, all_of_language).matched:
            tally.language += 1
        else:
            rejected.append(f"{cyrillic} -> {latin}")
    tally.rejected = tuple(rejected)
    return tally


def test_names_file_is_large_enough(names: list[tuple[str, str, str]]) -> None:
    assert len(names) >= 300
    assert {lang for lang, _, _ in names} == {"ru", "uk", "sr", "bg", "be", "mk"}


@pytest.mark.parametrize("gen", GENERATORS, ids=lambda g: f"{g.library}:{g.scheme}")
def test_independent_romanizations_are_accepted(
    gen: Generator, names: list[tuple[str, str, str]]
) -> None:
    tally = _evaluate(gen, names)
    usable = tally.total - tally.broken
    assert usable > 0
    scheme_rate = tally.scheme / usable
    language_rate = tally.language / usable
    print(
        f"\n{gen.library}:{gen.scheme} -> {gen.implements or '-'}: "
        f"{usable}/{tally.total} usable, scheme {scheme_rate:.1%}, "
        f"language {language_rate:.1%}; rejected e.g. {tally.rejected[:4]}"
    )
    if gen.implements:
        assert scheme_rate >= gen.floor_scheme
    assert language_rate >= gen.floor_language
