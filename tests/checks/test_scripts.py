"""The transliteration and script checks: per code a true positive and the near
misses that stay silent, a property over arbitrary references, and the exact
findings on the seed reference lists."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import references

from refport.checks import CheckContext, default_checks
from refport.checks.base import run_checks
from refport.checks.scripts import CHECKS
from refport.diagnostics import Diagnostic
from refport.model import Creator, Date, DatePart, Name, NameVariant, Reference, TextVariant

CODES = (
    "translit-mismatch",
    "translit-mixed-schemes",
    "mixed-script",
    "confusable-word",
    "foreign-letter",
    "quote-mismatch",
)
SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def person(family: str, given: str, *variants: NameVariant) -> Creator:
    return Creator("author", Name(family=family, given=given, variants=variants))


def ref(key: str, *creators: Creator, year: int | None = None, **fields: object) -> Reference:
    issued = Date(start=DatePart(year)) if year else None
    return Reference(id=key, type="article-journal", creators=creators, issued=issued).with_changes(
        **fields
    )


def run(refs: Sequence[Reference], code: str | None = None) -> list[Diagnostic]:
    checks = [c for c in CHECKS if code is None or c.code == code]
    return run_checks(refs, checks, CheckContext())


def test_codes_join_the_registry() -> None:
    assert tuple(c.code for c in CHECKS) == CODES
    registry = default_checks()
    assert all(code in registry.codes() for code in CODES)
    assert {c.code: c.severity for c in CHECKS} == {
        "translit-mismatch": "warning",
        "translit-mixed-schemes": "info",
        "mixed-script": "error",
        "confusable-word": "warning",
        "foreign-letter": "warning",
        "quote-mismatch": "info",
    }


# --- translit-mismatch ----------------------------------------------------------


def test_name_and_its_cyrillic_variant_disagree() -> None:
    author = person(
        "Bogićević", "Aleksandar", NameVariant("sr-Cyrl", family="Божићевић", given="Александар")
    )
    (found,) = run([ref("preradovic2026", author, language="en")], "translit-mismatch")
    assert found.message.startswith("Bogićević: ж is ž in Serbian Latin (Božićević)")
    assert found.refs == ("preradovic2026",)
    assert found.suggestion == "Božićević"


def test_across_references_same_initial() -> None:
    refs = [
        ref("a", person("Макиенко", "К."), year=2020, language="ru"),
        ref("b", person("Makiyenco", "Konstantin"), year=2021, language="en"),
    ]
    (found,) = run(refs, "translit-mismatch")
    assert found.refs == ("a", "b")
    assert "к is k" in found.message


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        (("Макиенко", "Константин"), ("Makiyenko", "Konstantin")),  # BGN/PCGN
        (("Гагарин", "Юрий"), ("Gagarin", "Yuri")),  # conventional English given name
        (("Уолц", "Кеннет"), ("Waltz", "Kenneth")),  # a transcription, not a slip
        (("Прерадовић", "Никола"), ("Preradović", "Nikola")),
    ],
)
def test_translit_mismatch_near_misses(cyrillic: tuple[str, str], latin: tuple[str, str]) -> None:
    within = person(*latin, NameVariant("ru-Cyrl", family=cyrillic[0], given=cyrillic[1]))
    across = [ref("a", person(*cyrillic), year=2019), ref("b", person(*latin), year=2020)]
    assert run([ref("x", within)], "translit-mismatch") == []
    assert run(across, "translit-mismatch") == []


def test_title_and_its_transliteration() -> None:
    title = "«Подводные камни» во взаимоотношениях Ирана"
    good = TextVariant("title", "ru-Latn", "“Podvodnye kamni” vo vzaimootnosheniyakh Irana")
    slip = TextVariant("title", "ru-Latn", "“Podvodnye kamni” vo vzaimootnosheniyakh Irama")
    translation = TextVariant("title", "en", "Pitfalls in the relations of Iran")
    assert run([ref("a", title=title, language="ru", variants=(good, translation))]) == []
    (found,) = run([ref("b", title=title, language="ru", variants=(slip,))], "translit-mismatch")
    assert found.field == "title"
    assert "н is n" in found.message
    assert found.suggestion == "“Podvodnye kamni” vo vzaimootnosheniyakh Irana"


def test_another_person_with_a_near_name_is_silent() -> None:
    """Across references, Ivanova is not Иванов without the same initial or year."""
    refs = [ref("a", person("Иванов", "Пётр"), year=2019), ref("b", person("Ivanova", "Maria"))]
    assert run(refs, "translit-mismatch") == []


def test_translation_of_a_book_is_silent() -> None:
    """Volc, Kenet (Serbian transcription) beside Waltz, Kenneth: both Latin."""
    refs = [
        ref("volc2008", person("Volc", "Kenet"), year=2008, title="Teorija međunarodne politike"),
        ref("waltz1979", person("Waltz", "Kenneth N."), year=1979),
    ]
    assert run(refs) == []


# --- translit-mixed-schemes -----------------------------------------------------


def test_two_schemes_for_russian() -> None:
    refs = [
        ref("makienko", person("Макиенко", "Константин"), year=2020, language="ru"),
        ref("makiyenko", person("Makiyenko", "Konstantin"), year=2020),
        ref("dudayti", person("Дудайти", "Альберт"), year=2024, language="ru"),
        ref("dudajti", person("Dudajti", "Albert"), year=2024),
    ]
    (found,) = run(refs, "translit-mixed-schemes")
    assert found.severity == "info"
    assert found.refs == ("makienko", "makiyenko", "dudayti", "dudajti")
    assert "Makiyenko (BGN/PCGN, Wikipedia)" in found.message
    assert "Dudajti (ISO 9" in found.message


def test_one_scheme_throughout_is_silent() -> None:
    refs = [
        ref("makienko", person("Макиенко", "Константин"), year=2020, language="ru"),
        ref("makiyenko", person("Makiyenko", "Konstantin"), year=2020),
        ref("dudayti", person("Дудайти", "Альберт"), year=2024, language="ru"),
        ref("dudayti-latin", person("Dudayti", "Albert"), year=2024),
        ref("ivanov", person("Ivanov", "Ivan"), year=2024),
    ]
    assert run(refs, "translit-mixed-schemes") == []


# --- mixed-script ---------------------------------------------------------------


def test_latin_letter_inside_a_cyrillic_word() -> None:
    refs = [ref("tacc2020", title="Пeсков: Всем сторонам нужна максимальная сдержанность")]
    (found,) = run(refs, "mixed-script")
    assert found.severity == "error" and found.field == "title"
    assert found.message.startswith("Пeсков (title) mixes scripts: Latin e among Cyrillic")
    assert found.suggestion == "Песков"


@pytest.mark.parametrize(
    "title", ["G20 дипломатия как продолжение войны", "Газета.Ru", "Zəfər paradı keçirildi"]
)
def test_mixed_script_near_misses(title: str) -> None:
    assert run([ref("x", title=title)], "mixed-script") == []


# --- confusable-word ------------------------------------------------------------


def test_latin_acronym_in_a_cyrillic_record() -> None:
    refs = [
        ref(
            "tacc2020",
            Creator("author", Name(literal="TACC")),
            title="Песков: Всем сторонам в ситуации с Нагорным Карабахом нужна сдержанность",
            container_title="TACC",
        )
    ]
    (found,) = run(refs, "confusable-word")
    assert "TACC" in found.message and "ТАСС" in found.message
    assert found.suggestion == "ТАСС"


@pytest.mark.parametrize(
    ("title", "container"),
    [
        ("Война дронов", "COVID"),  # D and V have no Cyrillic look-alike
        ("Война дронов", "Coca-Cola"),  # not in capitals: a brand, not a slip
        ("The Russian state agency", "TACC"),  # a Latin record: nothing imitated
    ],
)
def test_confusable_near_misses(title: str, container: str) -> None:
    assert run([ref("x", title=title, container_title=container)], "confusable-word") == []


# --- foreign-letter -------------------------------------------------------------


def test_ukrainian_letter_in_a_russian_name() -> None:
    refs = [ref("makienko", person("Макиєнко", "Константин"), language="ru")]
    (found,) = run(refs, "foreign-letter")
    assert found.message == (
        "Макиєнко (author): є (Ukrainian) is not a Russian letter; write Макиенко"
    )
    assert found.suggestion == "Макиенко"


def test_letter_foreign_to_the_detected_language() -> None:
    refs = [ref("x", title="Новые исследования: Ђоковић и большой теннис")]
    (found,) = run(refs, "foreign-letter")
    assert found.message.startswith(
        "Ђоковић (title): Ђ (Serbian), ћ (Serbian) are not Russian letters"
    )


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("Міжнародні відносини: Євген Їжак", "uk"),
        ("Божићевић и Ђоковић", None),
        ("Макиєнко", None),  # alone, є makes the name Ukrainian
        ("Подводные камни во взаимоотношениях", "ru"),
    ],
)
def test_foreign_letter_near_misses(title: str, language: str | None) -> None:
    assert run([ref("x", title=title, language=language)], "foreign-letter") == []


# --- quote-mismatch -------------------------------------------------------------


def test_low_nine_closed_by_a_guillemet() -> None:
    title = "„Подводные камни» во взаимоотношениях Ирана и Азербайджана"
    (found,) = run([ref("dudayti2024", title=title, language="ru")], "quote-mismatch")
    assert found.severity == "info"
    assert "„" in found.message and "»" in found.message
    assert found.suggestion == "«Подводные камни» во взаимоотношениях Ирана и Азербайджана"


@pytest.mark.parametrize(
    "title",
    [
        "„Kosovsko pitanje i razvoj srpsko-ruskih odnosa.”",
        "«Подводные камни» во взаимоотношениях",
        '"Парад победителей": Эрдоган приехал в Баку',
        "“Azerbaijan’s military exercises send defiant message.”",
    ],
)
def test_quote_near_misses(title: str) -> None:
    assert run([ref("x", title=title)], "quote-mismatch") == []


# --- any reference ----------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.lists(references(), max_size=4, unique_by=lambda r: r.id))
def test_checks_accept_any_reference(refs: list[Reference]) -> None:
    """Every check runs on anything the model allows, and blames only listed ids."""
    ids = {r.id for r in refs}
    for diagnostic in run(refs):
        assert diagnostic.code in CODES
        assert set(diagnostic.refs) <= ids and diagnostic.message


# --- the seed reference lists -----------------------------------------------------

EXPECTED: dict[str, set[tuple[str, tuple[str, ...], str | None]]] = {
    "author-lines.csl.json": {
        # Seed 000, line 7: "*Aleksandar Bogićević\*\**"; line 209: "**Александар
        # Божићевић\*\***". Божићевић is Božićević; the Latin form (and the e-mail
        # aleksandar.bogicevic@mod.gov.rs) say Bogićević, i.e. Богићевић.
        ("translit-mismatch", ("preradovic2026",), "author"),
        # Seed 000, line 224 (Cyrillic summary): "Турско учешће укључивало је обезбеђивање
        # дрoнова, оклопних возила" — the o of дрoнова is Latin U+006F.
        ("mixed-script", ("preradovic2026",), "abstract"),
    },
    "preradovic-bogicevic-2026.csl.json": {
        # "Дудайти, Альберт Константинович. 2024. „Подводные камни» во взаимоотношениях
        # Ирана и Азербайджана …” — the inner Russian quotation opens with „ (U+201E)
        # and closes with » (U+00BB).
        ("quote-mismatch", ("dudayti2024",), "title"),
        # No translit-mixed-schemes: the only Latin romanization of a Russian name is
        # "Konstantin Makiyenko" in the article's body (line 71), not in the list; the list
        # itself romanizes nothing from Russian, so it follows no scheme, let alone two.
    },
    "turan-2025.csl.json": {
        # "Новичков, Н. (2020, December 14). Война дронов. … TACC. Retrieved July 9, 2024"
        # — TACC is U+0054 U+0041 U+0043 U+0043, Latin letters for ТАСС.
        ("confusable-word", ("novichkov2020",), "container_title"),
        # "TACC. (2020, September 28). Песков: Всем сторонам в ситуации с Нагорным
        # Карабахом нужна максимальная сдержанность. TACC." — author and outlet alike.
        ("confusable-word", ("tacc2020",), "author"),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_findings(name: str) -> None:
    import refport

    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"{path} not transcribed yet")
    loaded = refport.load(str(path)).references
    found = {(d.code, d.refs, d.field) for d in run(loaded)}
    assert found == EXPECTED[name]


# --- a large list -------------------------------------------------------------------


def _large_list(size: int, seed: int = 3) -> tuple[list[Reference], set[str]]:
    """Half Cyrillic entries, half romanized by a random scheme of the language;
    one Latin family name in fifty with its last letter wrong.  Returns the list
    and the ids of the entries with a planted slip."""
    from tests.translit.conftest import load_names

    from refport.translit import romanize, schemes_for
    from refport.translit.engine import all_spellings
    from refport.translit.normalize import Level

    rng = random.Random(seed)
    people = load_names()
    references: list[Reference] = []
    slipped: set[str] = set()
    for n in range(size):
        language, family, given = rng.choice(people)
        if n % 2 == 0:
            references.append(ref(f"c{n}", person(family, given), language=language))
            continue
        scheme = rng.choice(schemes_for(language))
        latin = romanize(family, scheme)
        if n % 100 == 1:
            allowed = {sp[:1] for sp in all_spellings(family[-1], Level.NO_SIGNS)}
            wrong = next(c for c in "bdfgkmnprstvz" if c not in allowed)
            latin = latin[:-1] + wrong
            slipped.add(f"l{n}")
        references.append(ref(f"l{n}", person(latin, romanize(given, scheme)), language="en"))
    return references, slipped


def test_a_large_list_is_fast_and_finds_only_the_planted_slips() -> None:
    references, slipped = _large_list(6_000)
    start = time.perf_counter()
    found = run(references)
    seconds = time.perf_counter() - start
    flagged = {
        r for d in found if d.code == "translit-mismatch" for r in d.refs if r.startswith("l")
    }
    assert flagged == slipped
    assert seconds < 15, seconds
