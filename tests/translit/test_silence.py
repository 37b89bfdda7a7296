"""Correct text in other languages and scripts: nothing to report at the string layer."""

from __future__ import annotations

import pytest

from refport.translit import (
    Script,
    confusable_words,
    detect_languages,
    explain_mismatch,
    matches,
    mixed_script_words,
    quote_mismatches,
    schemes_for,
)

CORRECT_LATIN = [
    "Institut za međunarodnu politiku i privredu",  # Serbian Latin
    "Živojinović, Dragan. Neoklasični realizam u teorijama međunarodnih odnosa",
    "Dışişleri Bakanımız Sayın Hakan Fidan'ın TBMM Genel Kurulu bütçe konuşması",  # Turkish
    "İnönü Üniversitesi",
    "Zəfər paradı keçirildi",  # Azerbaijani
    "Xalq Cəbhəsi Qəzeti, TRT Haber",
    "Przegląd Politologiczny",  # Polish
    "Miarka, Agnieszka, and Justyna Łapaj-Kucharska",
    "„Kosovsko pitanje i razvoj srpsko-ruskih odnosa.”",
]
GREEK = "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας"


@pytest.mark.parametrize("text", [*CORRECT_LATIN, GREEK])
def test_no_script_slips(text: str) -> None:
    assert mixed_script_words(text) == []
    assert confusable_words(text, Script.LATIN) == []
    assert quote_mismatches(text) == []
    assert detect_languages(text) == ()


def test_legitimate_mixed_scripts_in_cyrillic_records() -> None:
    """G20 and Газета.Ru are real names, not homoglyph slips (seed 002)."""
    for text in ("G20 дипломатия как продолжение войны другими средствами", "Газета.Ru"):
        assert mixed_script_words(text) == []
        assert confusable_words(text, Script.CYRILLIC) == []


def test_conventional_english_given_name() -> None:
    assert matches("Юрий", "Yuri", schemes_for("ru")).matched


def test_book_next_to_its_translation() -> None:
    """Volc, Kenet is the Serbian transcription of Waltz, Kenneth: no explanation."""
    assert explain_mismatch("Волц", "Waltz", "sr") is None
    assert explain_mismatch("Кенет", "Kenneth", "sr") is None
