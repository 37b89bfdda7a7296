"""The scheme tables as data: coverage, shape, and one worked example per scheme."""

from __future__ import annotations

import pytest

from refport.translit import ALL_SCHEMES, ALPHABETS, SCHEMES, Scheme, get_scheme, romanize
from refport.translit.schemes_ru import ISO9
from refport.translit.table import parse_letters

ISSUE_IDS = (
    "ru-iso9", "ru-gost-b", "ru-alalc", "ru-alalc-nodiacritics", "ru-bgn", "ru-bsi-scopus",
    "ru-scholarly", "ru-icao", "ru-wikipedia", "uk-national-2010", "uk-alalc", "uk-iso9",
    "uk-scholarly", "sr-gaj", "bg-official-2009", "bg-alalc", "bg-iso9", "be-official",
    "be-alalc", "be-iso9", "mk-official", "mk-alalc", "mk-iso9", "ru-sr-transcription",
)  # fmt: skip

EXAMPLES = {
    "ru-iso9": ("Юрий Щукин", "Ûrij Ŝukin"),
    "ru-gost-b": ("Цыганков Юрий Щукин", "Cy`gankov Yurij Shhukin"),
    "ru-alalc": ("Юрий Цыганков", "I͡uriĭ T͡sygankov"),
    "ru-alalc-nodiacritics": ("Юрий Цыганков", "Iurii Tsygankov"),
    "ru-bgn": ("Макиенко Ёжиков", "Makiyenko Yëzhikov"),
    "ru-bsi-scopus": ("Подъячев Юрий", "Pod''yachev Yurii"),
    "ru-scholarly": ("Хрущёв Щукин", "Xruščëv Ščukin"),
    "ru-icao": ("Подъячев Юрий", "Podieiachev Iurii"),
    "ru-wikipedia": ("Юрий Достоевский Воробьёв", "Yury Dostoyevsky Vorobyov"),
    "ru-sr-transcription": ("Макиенко Васильев Гоголь", "Makijenko Vasiljev Gogolj"),
    "uk-national-2010": ("Згурський Юрій Їжак", "Zghurskyi Yurii Yizhak"),
    "uk-alalc": ("Юрій", "I͡uriĭ"),
    "uk-iso9": ("Юрій Ґалаґан", "Ûrìj G̀alag̀an"),
    "uk-scholarly": ("Щербак Їжак", "Ščerbak Jižak"),
    "uk-bgn-1965": ("Юрій Андрій", "Yuriy Andriy"),
    "sr-gaj": ("Божићевић Џајић", "Božićević Džajić"),
    "bg-official-2009": ("България София Щерев", "Balgaria Sofia Shterev"),
    "bg-alalc": ("България", "Bŭlgarii͡a"),
    "bg-iso9": ("България Щерев", "Bʺlgariâ Ŝerev"),
    "be-official": ("Магілёў Гомель Віцебск", "Mahilioŭ Homieĺ Viciebsk"),
    "be-alalc": ("Магілёў", "Mahili͡oŭ"),
    "be-iso9": ("Магілёў", "Magìlëǔ"),
    "be-bgn": ("Магілёў Лукашэнка", "Mahilyow Lukashenka"),
    "mk-official": ("Ѓорѓе Ќирил", "Gjorgje Kjiril"),
    "mk-alalc": ("Ѓорѓе Џеладин", "Ǵorǵe Dzheladin"),
    "mk-iso9": ("Ѕвезда Џеладин", "Ẑvezda D̂eladin"),
}


def test_every_scheme_the_issue_names_exists() -> None:
    assert set(ISSUE_IDS) <= set(SCHEMES)
    assert len(SCHEMES) == len(ALL_SCHEMES)


@pytest.mark.parametrize("scheme", ALL_SCHEMES, ids=lambda s: s.id)
def test_scheme_covers_its_alphabet(scheme: Scheme) -> None:
    alphabet = ALPHABETS[scheme.language]
    assert set(alphabet) <= set(scheme.letters), set(alphabet) - set(scheme.letters)
    for rule in scheme.rules:
        assert set(rule.cyrillic) <= set(alphabet)
        assert rule.latin
    assert all(alternatives for alternatives in scheme.letters.values())
    assert scheme.name and scheme.source and scheme.label


@pytest.mark.parametrize("scheme_id", sorted(EXAMPLES))
def test_worked_example(scheme_id: str) -> None:
    cyrillic, latin = EXAMPLES[scheme_id]
    assert romanize(cyrillic, scheme_id) == latin


def test_every_scheme_has_a_worked_example() -> None:
    assert set(EXAMPLES) == set(SCHEMES)


def test_iso9_inverts() -> None:
    """ISO 9 is the reversible scheme: one Latin letter per Cyrillic letter, none shared."""
    spellings = [alternatives[0] for alternatives in ISO9.values()]
    assert len(set(spellings)) == len(spellings)
    assert all(len(alternatives) == 1 for alternatives in ISO9.values())


def test_serbian_latin_inverts_letter_by_letter() -> None:
    """Gaj is 1:1 per letter (the reverse direction is still ambiguous on text:
    nadživeti is над-живети, not на-џ-ивети, which is why refport never goes Latin ->
    Cyrillic)."""
    table = get_scheme("sr-gaj").letters
    spellings = [alternatives[0] for alternatives in table.values()]
    assert len(set(spellings)) == len(spellings)
    assert romanize("надживети", "sr-gaj") == "nadživeti"


def test_lossy_schemes_declare_it() -> None:
    """ICAO writes е, ё and э alike: it loses information, and its table says so."""
    table = get_scheme("ru-icao").letters
    assert table["е"] == table["ё"] == table["э"] == ("e",)


def test_case_follows_the_cyrillic() -> None:
    assert romanize("ЖУКОВ Жуков жуков", "ru-bgn") == "ZHUKOV Zhukov zhukov"
    assert romanize("Щукин, А. Б.", "ru-bgn") == "Shchukin, A. B."


def test_table_notation_rejects_a_dangling_letter() -> None:
    with pytest.raises(ValueError, match="odd number"):
        parse_letters("а a б")


def test_unknown_scheme_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="ru-bgn"):
        get_scheme("ru-bgm")
