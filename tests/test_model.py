"""The model's own parsing and helpers: dates and pages are parsed where they
can be and always kept as given; names display and sort as styles expect."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refport.model import (
    Creator,
    Date,
    DatePart,
    Name,
    Origin,
    Pages,
    Reference,
    TextVariant,
    parse_date,
    parse_pages,
)

DATEISH = st.text(alphabet="0123456789-/–~?. cainrdsN\n\t,", max_size=24)
PAGEISH = st.text(alphabet="0123456789-–—,; eAxivlSpP\n", max_size=24)

# --- parse_date -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2020", DatePart(2020), None),
        ("2020-11", DatePart(2020, 11), None),
        ("2020/11/10/", DatePart(2020, 11, 10), None),
        ("2020-11-10", DatePart(2020, 11, 10), None),
        ("2019/2020", DatePart(2019), DatePart(2020)),
        ("2019-03/2019-05", DatePart(2019, 3), DatePart(2019, 5)),
        ("2020-11-10/2020-11-12", DatePart(2020, 11, 10), DatePart(2020, 11, 12)),
        ("-44", DatePart(-44), None),
    ],
)
def test_parse_date_reads_iso_like_points_and_ranges(
    text: str, start: DatePart, end: DatePart | None
) -> None:
    assert parse_date(text) == Date(start=start, end=end, raw=text)


@pytest.mark.parametrize("text", ["ca. 1850", "circa 1850", "c. 1850", "~1850", "1850~", "1850?"])
def test_parse_date_marks_approximate_years_as_circa(text: str) -> None:
    assert parse_date(text) == Date(start=DatePart(1850), circa=True, raw=text)


def test_parse_date_marks_an_approximate_range_as_circa() -> None:
    date = parse_date("ca. 2019/2020")
    assert (date.start, date.end, date.circa) == (DatePart(2019), DatePart(2020), True)


@pytest.mark.parametrize(
    ("text", "season"), [("2020-21", 1), ("2020-22", 2), ("2020-23", 3), ("2020-24", 4)]
)
def test_parse_date_reads_months_21_to_24_as_seasons(text: str, season: int) -> None:
    assert parse_date(text).start == DatePart(2020, season=season)


def test_parse_date_reads_seasons_at_both_ends_of_a_range() -> None:
    date = parse_date("2019-21/2019-23")
    assert (date.start, date.end) == (DatePart(2019, season=1), DatePart(2019, season=3))


@pytest.mark.parametrize("text", ["n.d.", "N.D.", "nd", "no date", "s.d.", "b.g."])
def test_parse_date_keeps_no_date_markers_as_an_undated_literal(text: str) -> None:
    date = parse_date(text)
    assert (date.start, date.literal, date.undated) == (None, text, True)


def test_parse_date_keeps_a_five_digit_year_as_given() -> None:
    assert parse_date("20021") == Date(start=DatePart(20021), raw="20021")


def test_parse_date_keeps_an_impossible_month_and_day_as_given() -> None:
    assert parse_date("2021-13-45") == Date(start=DatePart(2021, 13, 45), raw="2021-13-45")


@pytest.mark.parametrize("text", ["Spring 2020", "forthcoming", "2019-2020", "", "12 марта 2020"])
def test_parse_date_keeps_what_it_cannot_read_as_a_literal(text: str) -> None:
    assert parse_date(text) == Date(literal=text)


def test_parse_date_strips_surrounding_whitespace() -> None:
    assert parse_date("  2020\n") == Date(start=DatePart(2020), raw="2020")


@given(st.text(max_size=30) | DATEISH)
def test_parse_date_never_raises_and_keeps_the_text(text: str) -> None:
    date = parse_date(text)
    kept = date.raw if date.raw is not None else date.literal
    assert kept == text.strip()


@given(DATEISH)
def test_parse_date_sets_a_start_or_a_literal(text: str) -> None:
    date = parse_date(text)
    assert (date.start is None) == (date.literal is not None)


def test_date_year_and_parts() -> None:
    assert Date(start=DatePart(2020, 11, 10)).year == 2020
    assert Date(literal="n.d.").year is None
    assert DatePart(2020, 11, 10).as_tuple() == (2020, 11, 10)
    assert DatePart(2020, None, 10).as_tuple() == (2020,)
    assert DatePart(2020, season=2).as_tuple() == (2020,)


def test_a_literal_date_that_is_not_a_no_date_marker_is_not_undated() -> None:
    assert not Date(literal="forthcoming").undated


# --- parse_pages ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("245–273", "245", "273"),
        ("245-273", "245", "273"),
        ("245--273", "245", "273"),
        ("245 — 273", "245", "273"),
        ("e1234", "e1234", "e1234"),
        ("xii–xv", "xii", "xv"),
        ("31, 35–40", "31", "40"),
        ("A1-A7", "A1", "A7"),
        ("12", "12", "12"),
    ],
)
def test_parse_pages_finds_first_and_last_page(text: str, first: str, last: str) -> None:
    assert parse_pages(text) == Pages(text, first, last)


@pytest.mark.parametrize("text", ["passim", "1-2-3", "", "see note 4"])
def test_parse_pages_keeps_unreadable_text_without_first_and_last(text: str) -> None:
    assert parse_pages(text) == Pages(text)


@given(st.text(max_size=30) | PAGEISH)
def test_parse_pages_never_raises_and_keeps_the_text_verbatim(text: str) -> None:
    pages = parse_pages(text)
    assert pages.text == text
    assert (pages.first is None) == (pages.last is None)


# --- names ----------------------------------------------------------------------


def test_an_organisation_is_one_literal_name() -> None:
    who = Name(literal="World Health Organization")
    assert who.is_literal
    assert who.display() == "World Health Organization"
    assert who.family_with_particle() == "World Health Organization"


def test_a_person_is_not_literal() -> None:
    assert not Name(family="Abasov", given="Shahin").is_literal


def test_the_non_dropping_particle_sorts_with_the_family_name() -> None:
    name = Name(family="Löwis", given="Sabine", non_dropping_particle="von")
    assert name.family_with_particle() == "von Löwis"
    assert name.display() == "von Löwis, Sabine"


def test_the_dropping_particle_follows_the_given_name() -> None:
    name = Name(family="Beethoven", given="Ludwig", dropping_particle="van")
    assert name.family_with_particle() == "Beethoven"
    assert name.display() == "Beethoven, Ludwig van"


def test_a_suffix_comes_last() -> None:
    assert Name(family="King", given="Martin Luther", suffix="Jr.").display() == (
        "King, Martin Luther, Jr."
    )


def test_a_family_name_alone_displays_alone() -> None:
    assert Name(family="Homer").display() == "Homer"


def test_cyrillic_names_display_unchanged() -> None:
    assert Name(family="Прерадовић", given="Никола").display() == "Прерадовић, Никола"


# --- references -----------------------------------------------------------------


def _sample() -> Reference:
    return Reference(
        id="preradovic2026",
        type="article-journal",
        creators=(
            Creator("author", Name(family="Preradović", given="Nikola")),
            Creator("editor", Name(family="Turan", given="Ahmet")),
            Creator("author", Name(family="Bogićević", given="Aleksandar")),
        ),
        variants=(TextVariant("title", "sr-Cyrl", "ПРОМЕНА"),),
        extra=(("bibtex:eprint", "x"), ("ris:N1", "a"), ("bibtex:eprint", "y")),
    )


def test_names_are_listed_per_role_in_order() -> None:
    assert [n.family for n in _sample().names("author")] == ["Preradović", "Bogićević"]
    assert _sample().names("translator") == ()


def test_roles_are_listed_in_first_seen_order() -> None:
    assert list(_sample().roles()) == ["author", "editor"]


def test_variant_looks_up_a_field_by_tag() -> None:
    assert _sample().variant("title", "sr-Cyrl") == "ПРОМЕНА"
    assert _sample().variant("title", "ru") is None


def test_extra_values_keeps_every_value_of_a_key_in_order() -> None:
    assert _sample().extra_values("bibtex:eprint") == ("x", "y")


def test_with_changes_returns_a_new_reference() -> None:
    original = _sample()
    changed = original.with_changes(title="New")
    assert (original.title, changed.title, changed.id) == (None, "New", "preradovic2026")


def test_origin_is_not_part_of_equality() -> None:
    assert _sample().with_changes(origin=Origin("a.bib", 3)) == _sample()
