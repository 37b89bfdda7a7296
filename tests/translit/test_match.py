"""Matching a Latin form against a Cyrillic one: which schemes, at which level."""

from __future__ import annotations

import pytest

from refport.translit import Level, matches, schemes_for

RU = schemes_for("ru")


@pytest.mark.parametrize(
    ("cyrillic", "latin", "expected"),
    [
        ("Макиенко", "Makiyenko", {"ru-bgn", "ru-wikipedia"}),
        ("Макиенко", "Makijenko", {"ru-sr-transcription"}),
        ("Дудайти", "Dudajti", {"ru-iso9", "ru-gost-b", "ru-scholarly", "ru-sr-transcription"}),
        ("Дудайти", "Dudayti", {"ru-bgn", "ru-wikipedia"}),
        ("Юрий", "Iurii", {"ru-alalc-nodiacritics", "ru-icao", "ru-bsi-scopus"}),
        ("Юрий", "Yury", {"ru-wikipedia", "ru-bsi-scopus"}),
    ],
)
def test_exact_matches_name_their_schemes(cyrillic: str, latin: str, expected: set[str]) -> None:
    result = matches(cyrillic, latin, RU)
    assert result.level is Level.EXACT
    assert set(result.schemes) == expected


def test_makienko_is_the_iso_family() -> None:
    result = matches("Макиенко", "Makienko", RU)
    assert {"ru-iso9", "ru-alalc", "ru-icao", "ru-scholarly"} <= set(result.schemes)
    assert "ru-bgn" not in result.schemes


def test_serbian_latin_both_ways_of_writing() -> None:
    assert matches("Божићевић", "Božićević", ["sr-gaj"]).level is Level.EXACT
    assert matches("Божићевић", "Bozicevic", ["sr-gaj"]).level is Level.NO_DIACRITICS
    assert matches("Ђоковић", "Djokovic", ["sr-gaj"]).level is Level.NO_DIACRITICS
    assert not matches("Божићевић", "Bogićević", ["sr-gaj"]).matched


def test_signs_and_tie_bars_are_the_third_level() -> None:
    assert matches("Григорьев", "Grigor’ev", RU).level is Level.EXACT
    assert matches("Цыганков", "Tsygankov", ["ru-alalc"]).level is Level.NO_DIACRITICS
    assert matches("Подъячев", "Podjačev", ["ru-scholarly"]).level is Level.NO_SIGNS


def test_typographic_variants_are_exact() -> None:
    """’ ʹ ′ ' are one soft sign; t︠s︡ (library half marks) is t͡s."""
    assert matches("Гоголь", "Gogol′", ["ru-iso9"]).level is Level.EXACT
    assert matches("Цой", "T︠s︡oĭ", ["ru-alalc"]).level is Level.EXACT


def test_a_mix_of_schemes_is_accepted_without_a_scheme() -> None:
    result = matches("Юрий Дудайти", "Jurij Dudayti", RU)
    assert result.matched and result.schemes == ()


def test_conventional_english_given_names() -> None:
    assert matches("Юрий", "Yuri", RU).matched
    assert matches("Сергей", "Sergei", RU).matched
    assert matches("Александр", "Alexander", RU).matched
    assert not matches("Александр", "Alexander", schemes_for("sr")).matched


def test_ukrainian_context_rules() -> None:
    uk = ["uk-national-2010"]
    assert matches("Згурський", "Zghurskyi", uk).schemes == ("uk-national-2010",)
    assert not matches("Згурський", "Zhurskyi", uk).matched
    assert matches("Юрій Євген", "Yurii Yevhen", uk).matched
    assert not matches("Юрій", "Iurii", uk).matched


def test_bulgarian_final_ia() -> None:
    assert matches("София", "Sofia", ["bg-official-2009"]).matched
    assert not matches("София", "Sofiya", ["bg-official-2009"]).matched


def test_gost_b_c_before_front_vowels() -> None:
    assert matches("Цыганков", "Cy`gankov", ["ru-gost-b"]).matched
    assert matches("Царёв", "Czaryov", ["ru-gost-b"]).matched
    assert not matches("Цыганков", "Czy`gankov", ["ru-gost-b"]).matched


def test_unknown_scheme_fails_loudly() -> None:
    with pytest.raises(KeyError):
        matches("Иванов", "Ivanov", ["ru-nonexistent"])
