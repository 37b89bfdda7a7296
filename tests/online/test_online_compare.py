"""Comparing a reference with a registered record: the normaliser, the fields,
and the verdict (same work, same work with differences, different work)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refport.model import Creator, Name, Reference, parse_date, parse_pages
from refport.online.compare import main_title, normalize_text, title_similarity
from refport.online.judge import judge

TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcXYZ :;,.-–—’'\"()&?!")
        + list("čćžšđłøıİəÄöüßéèñ")
        + list("жЖщЯёїєΑβγ漢字")
        + ["\u0301"]
    ),
    max_size=40,
)


# --- the normaliser ------------------------------------------------------------------------


@given(TEXT)
def test_normalising_twice_is_normalising_once(text: str) -> None:
    assert normalize_text(normalize_text(text)) == normalize_text(text)


@given(TEXT)
def test_normalising_ignores_case(text: str) -> None:
    assert normalize_text(text.upper()) == normalize_text(text.lower())


@given(TEXT)
def test_normalised_text_has_no_punctuation_and_single_spaces(text: str) -> None:
    normal = normalize_text(text)
    assert normal == normal.strip() and "  " not in normal
    assert not any(c in normal for c in ":;,.-–—’'\"()?!")


@given(TEXT, TEXT)
def test_title_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    assert 0.0 <= title_similarity(a, b) <= 100.0
    assert title_similarity(a, b) == title_similarity(b, a)


def test_normalising_folds_diacritics_markup_and_entities() -> None:
    assert (
        normalize_text("<i>Przegląd</i> Politologiczny &amp; Łódź")
        == "przeglad politologiczny and lodz"
    )


@pytest.mark.parametrize(
    ("cited", "registered"),
    [
        (
            "Neoclassical realism and theories of foreign policy",
            "Neoclassical Realism and Theories of Foreign Policy",
        ),
        (
            "A Look Back on Iranian- Azerbaijani Relations",
            "A Look Back on Iranian-Azerbaijani Relations",
        ),
        ("Ripe for rivalry", "Ripe for Rivalry: Prospects for Peace in a Multipolar Asia"),
        (
            "Drones in the Nagorno-Karabakh War",
            "Drones in the Nagorno-Karabakh War: Analyzing the Data",
        ),
    ],
)
def test_case_punctuation_and_a_dropped_subtitle_are_the_same_title(
    cited: str, registered: str
) -> None:
    assert title_similarity(cited, registered) >= 95


def test_a_two_word_title_is_not_the_same_as_a_longer_title_it_begins() -> None:
    assert title_similarity("Ripe for", "Ripe for Rivalry: Prospects for Peace") < 95


def test_different_titles_are_far_apart() -> None:
    a = (
        "Russian foreign policy towards the Nagorno-Karabakh conflict: "
        "prudent geopolitics, incapacity or identity?"
    )
    b = "Azerbaijan’s foreign policy towards Russia since independence: compromise achieved"
    assert title_similarity(a, b) < 80


def test_main_title_is_the_part_before_the_first_colon() -> None:
    assert main_title("Ripe for Rivalry: Prospects: more") == "Ripe for Rivalry"


# --- the verdict -----------------------------------------------------------------------------


def article(**fields: Any) -> Reference:
    values: dict[str, Any] = {
        "id": "r",
        "type": "article-journal",
        "title": "Realist Hypotheses on Regional Peace",
        "creators": (Creator("author", Name(family="Merom", given="Gil")),),
        "issued": parse_date("2003"),
        "container_title": "Journal of Strategic Studies",
        "volume": "26",
        "page": parse_pages("109–135"),
        "language": "en",
    }
    values.update(fields)
    return Reference(**values)


RECORD: dict[str, Any] = {
    "DOI": "10.1080/01402390308559310",
    "type": "article-journal",
    "title": "Realist Hypotheses on Regional Peace",
    "author": [{"family": "Merom", "given": "Gil"}],
    "issued": {"date-parts": [[2003]]},
    "container-title": "Journal of Strategic Studies",
    "volume": "26",
    "issue": "1",
    "page": "109-135",
    "language": "en",
}


def fields_differing(ref: Reference, record: dict[str, Any] = RECORD) -> list[str]:
    return [c.field for c in judge(ref, record).reportable]


def test_an_exact_reference_is_the_same_work() -> None:
    assert judge(article(), RECORD).kind == "same"


def test_a_different_title_and_author_is_a_different_work() -> None:
    other = article(
        title="Something else entirely about tariffs",
        creators=(Creator("author", Name(family="Smith")),),
    )
    assert judge(other, RECORD).kind == "mismatch"


def test_a_different_title_by_the_same_author_in_the_same_place_is_the_same_work() -> None:
    renamed = article(title="Realistične hipoteze o regionalnom miru", language="sr-Latn")
    judgement = judge(renamed, RECORD)
    assert judgement.kind == "same"  # a translated title, tolerated
    assert judgement.field("title").verdict == "different"


def test_a_different_title_in_the_same_language_is_reported_with_the_registered_one() -> None:
    renamed = article(title="Hypotheses of the realists about peace in regions of the world")
    judgement = judge(renamed, RECORD)
    assert judgement.kind == "differs"
    assert [(c.field, c.registered) for c in judgement.reportable] == [("title", RECORD["title"])]


def test_year_within_one_is_tolerated_and_two_is_not() -> None:
    assert fields_differing(article(issued=parse_date("2004"))) == []
    assert fields_differing(article(issued=parse_date("2005"))) == ["issued"]


def test_the_print_and_online_years_both_count() -> None:
    record = {
        **RECORD,
        "issued": {"date-parts": [[2001]]},
        "custom": {"published-print": {"date-parts": [[2003]]}},
    }
    assert fields_differing(article(issued=parse_date("2004")), record) == []


def test_a_journal_cited_with_its_subtitle_is_the_same_journal() -> None:
    cited = article(container_title="Journal of Strategic Studies – A Quarterly")
    assert fields_differing(cited) == []


def test_a_misspelt_journal_differs_with_the_registered_name() -> None:
    judgement = judge(article(container_title="Journal of Stratgic Studies"), RECORD)
    assert [(c.field, c.verdict, c.registered) for c in judgement.reportable] == [
        ("container_title", "close", "Journal of Strategic Studies")
    ]


def test_roman_and_arabic_volume_numbers_are_the_same_volume() -> None:
    assert fields_differing(article(volume="XXVI")) == []
    assert fields_differing(article(volume="vol. 26")) == []


def test_a_field_missing_on_one_side_is_not_compared() -> None:
    assert fields_differing(article(volume=None, page=None, container_title=None)) == []


def test_a_particle_kept_apart_is_the_same_family_name() -> None:
    record = {
        **RECORD,
        "author": [{"family": "Gils", "non-dropping-particle": "van", "given": "Eske"}],
    }
    cited = article(creators=(Creator("author", Name(family="Van Gils", given="Eske")),))
    assert judge(cited, record).field("author").verdict == "same"


@pytest.mark.parametrize("latin", ["Makienko", "Makiyenko", "Makijenko"])
def test_a_cyrillic_family_name_matches_its_romanizations(latin: str) -> None:
    record = {**RECORD, "author": [{"family": latin}]}
    cited = article(creators=(Creator("author", Name(family="Макиенко")),), language="ru")
    assert judge(cited, record).field("author").verdict == "same"


def test_a_cyrillic_family_name_does_not_match_another_name() -> None:
    record = {**RECORD, "author": [{"family": "Petrov"}]}
    cited = article(creators=(Creator("author", Name(family="Макиенко")),), language="ru")
    assert judge(cited, record).field("author").verdict == "different"


def test_a_cyrillic_title_matches_a_romanized_registered_title() -> None:
    record = {**RECORD, "title": "Podvodnye kamni vo vzaimootnosheniyakh Irana i Azerbaydzhana"}
    cited = article(title="Подводные камни во взаимоотношениях Ирана и Азербайджана", language="ru")
    assert judge(cited, record).field("title").verdict == "same"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
CSL_KEYS = st.sampled_from(
    ["title", "author", "issued", "container-title", "volume", "page", "custom", "original-title"]
)


@given(st.dictionaries(CSL_KEYS, JSON, max_size=8))
def test_any_json_as_a_registered_record_gives_a_verdict_not_a_traceback(
    record: dict[str, Any],
) -> None:
    assert judge(article(), record).kind in ("same", "differs", "mismatch")


NAMES = st.lists(
    st.dictionaries(st.sampled_from(["family", "given", "literal", "non-dropping-particle"]), JSON),
    max_size=3,
)


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "author": NAMES | JSON,
            "title": JSON,
            "issued": JSON,
            "custom": JSON,
            "page": JSON,
            "volume": JSON,
        },
    )
)
def test_garbled_names_and_fields_in_a_record_give_a_verdict_not_a_traceback(
    record: dict[str, Any],
) -> None:
    assert judge(article(), record).kind in ("same", "differs", "mismatch")
