"""Scripts, look-alike letters, and the language of Cyrillic text."""

from __future__ import annotations

from refport.translit import (
    Script,
    confusable_words,
    detect_languages,
    foreign_letters,
    language_code,
    mixed_script_words,
    record_script,
    script_of,
)


def test_script_of() -> None:
    assert script_of("a") is Script.LATIN
    assert script_of("а") is Script.CYRILLIC
    assert script_of("α") is Script.GREEK
    assert script_of("ʹ") is None  # a modifier letter is a mark, not a letter
    assert script_of("1") is None


def test_mixed_script_words_from_the_issue() -> None:
    found = mixed_script_words("обезбеђивање дрoнова, Пeсков, Мiжнародні, Zаgreb")
    assert [m.word.text for m in found] == ["дрoнова", "Пeсков", "Мiжнародні", "Zаgreb"]
    assert [m.fixed for m in found] == ["дронова", "Песков", "Міжнародні", "Zagreb"]
    assert found[0].describe() == "Latin o in дрoнова"
    assert found[3].script is Script.LATIN


def test_confusable_acronym() -> None:
    found = confusable_words("Новичков Н. Война дронов. TACC", Script.CYRILLIC)
    assert [(c.word.text, c.imitated) for c in found] == [("TACC", "ТАСС")]


def test_cyrillic_imitating_latin_in_a_latin_record() -> None:
    found = confusable_words("ТАСС agency", Script.LATIN)
    assert [(c.word.text, c.imitated) for c in found] == [("ТАСС", "TACC")]


def test_latin_words_that_are_not_imitations() -> None:
    text = "Coca-Cola, COVID, Peskov, CSTO, OK"
    assert confusable_words(text, Script.CYRILLIC) == []


def test_record_script_majority() -> None:
    assert record_script(["TACC", "Песков: Всем сторонам"]) is Script.CYRILLIC
    assert record_script(["", "123"]) is None


def test_language_detection_rules() -> None:
    assert detect_languages("Божићевић") == ("sr",)
    assert detect_languages("Їжак") == ("uk",)
    assert detect_languages("Магілёў") == ("be",)
    assert detect_languages("Ѓорѓе") == ("mk",)
    assert detect_languages("Подводные камни во взаимоотношениях") == ("ru",)
    assert detect_languages("България")[0] == "bg"
    assert detect_languages("Јован") == ("sr", "mk")  # a tie: both are tried
    # Letters every language has: every alphabet that holds them is a candidate.
    assert detect_languages("Макиенко Константин") == ("ru", "uk", "bg", "sr", "mk")


def test_foreign_letter_in_a_russian_name() -> None:
    found = foreign_letters("Макиєнко", ["ru"])
    assert [(f.letter, f.word.text, f.suggestion) for f in found] == [("є", "Макиєнко", "е")]
    assert foreign_letters("Быков", ["sr"])[0].letter == "ы"
    assert foreign_letters("Јован", ["ru"])[0].letter == "Ј"
    assert foreign_letters("Јован", ["sr", "mk"]) == []
    assert foreign_letters("Макиенко", []) == []


def test_language_field_codes() -> None:
    assert language_code("ru-RU") == "ru"
    assert language_code("Russian") == "ru"
    assert language_code("sr-Cyrl") == "sr"
    assert language_code("sr-Latn") is None
    assert language_code("en") is None
    assert language_code("") is None
