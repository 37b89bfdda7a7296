"""Quotation marks opened in one convention and closed in another."""

from __future__ import annotations

import pytest

from refport.translit import quote_mismatches


def test_dudayti_title() -> None:
    title = "„Подводные камни» во взаимоотношениях Ирана и Азербайджана"
    (found,) = quote_mismatches(title)
    assert (found.opening, found.closing) == ("„", "»")
    assert "„…”" in found.expected() and "«…»" in found.expected()


@pytest.mark.parametrize(
    "text",
    [
        "„Kosovsko pitanje.”",  # Serbian, Polish
        "„Anführungszeichen“",  # German, Bulgarian
        "«„Подводные камни“ во взаимоотношениях»",  # Russian, nested
        "»Zitat«",
        "“Azerbaijan’s military exercises send defiant message.”",
        '"Парад победителей": Эрдоган приехал в Баку',
        "'Azerbaijanis brought this fight upon themselves.'",
        '“Mixed with typewriter quotes"',  # a keyboard slip, not a convention clash
        "the Azerbaijanis' rights",
    ],
)
def test_correct_conventions_are_silent(text: str) -> None:
    assert quote_mismatches(text) == []


def test_english_opened_german_closed() -> None:
    (found,) = quote_mismatches("“Title“ and more")
    assert (found.opening, found.closing) == ("“", "“")
