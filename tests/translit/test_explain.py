"""Naming the faulty letter of a romanization."""

from __future__ import annotations

from refport.translit import explain_mismatch


def test_bogicevic_names_zh() -> None:
    mismatch = explain_mismatch("Божићевић", "Bogićević", "sr")
    assert mismatch is not None
    assert mismatch.message() == "Bogićević: ж is ž in Serbian Latin (Božićević)"
    assert [(f.cyrillic, f.found, f.expected) for f in mismatch.faults] == [("ж", "g", "ž")]


def test_full_name_keeps_the_rest_of_the_author_form() -> None:
    mismatch = explain_mismatch("Александар Божићевић", "Aleksandar Bogićević", "sr")
    assert mismatch is not None
    assert mismatch.expected == ("Aleksandar Božićević",)


def test_shch_written_sh() -> None:
    mismatch = explain_mismatch("Щукин", "Shukin", "ru")
    assert mismatch is not None
    assert mismatch.faults[0].cyrillic == "щ"
    assert "Shchukin" in mismatch.expected
    assert mismatch.message().startswith("Shukin: щ is shch in BGN/PCGN")


def test_missing_and_extra_letters() -> None:
    missing = explain_mismatch("Цыганков", "Tsyganov", "ru")
    assert missing is not None and "к is missing (k)" in missing.message()
    extra = explain_mismatch("Иванов", "Ivanovv", "ru")
    assert extra is not None and extra.message().startswith("Ivanovv: extra 'v' in BGN/PCGN")


def test_a_correct_form_has_nothing_to_explain() -> None:
    assert explain_mismatch("Макиенко", "Makiyenko", "ru") is None
    assert explain_mismatch("Божићевић", "Bozicevic", "sr") is None


def test_a_transcription_is_not_a_mistransliteration() -> None:
    """Waltz/Уолц, Kenneth/Кеннет in English: different words, not slips."""
    assert explain_mismatch("Уолц", "Waltz", "ru") is None
    assert explain_mismatch("Кеннет Уолц", "Kenneth Waltz", "ru") is None


def test_a_translation_is_not_a_mistransliteration() -> None:
    assert (
        explain_mismatch(
            "ПРОМЕНА РЕГИОНАЛНЕ РАВНОТЕЖЕ СНАГА",
            "SHIFT IN THE REGIONAL BALANCE OF POWER",
            "sr",
        )
        is None
    )
