"""CSL behaviour citeproc-py 0.11 lacks and refport adds: disambiguation, cite
collapsing, flip-flop formatting, title case, labels, substitution, page ranges,
sorting. Expected strings are what citeproc-js prints for the same input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refport.render import render, render_result
from refport.render.collation import sort_key
from refport.render.disambiguation import year_suffix
from refport.render.flipflop import Quotes, flip_html, flip_markdown, flip_quotes
from refport.render.patches import last_page

from .conftest import article, book

SAME_YEAR = [book("a", "Doe", title="First"), book("b", "Doe", title="Second"), book("c", "Roe")]


# --- disambiguation --------------------------------------------------------------


def test_same_author_and_year_get_year_suffixes_in_the_bibliography() -> None:
    assert render(SAME_YEAR, "apa").splitlines()[:2] == [
        "Doe, A. (2020a). First.",
        "Doe, A. (2020b). Second.",
    ]


def test_year_suffixes_show_in_citations_too() -> None:
    assert render(SAME_YEAR, "apa", cite=["b"]) == "(Doe, 2020b)\n"


def test_a_year_suffix_in_the_data_is_replaced_when_the_style_assigns_them() -> None:
    items = [{**SAME_YEAR[0], "year-suffix": "z"}, SAME_YEAR[1]]
    assert "(2020a). First." in render(items, "apa")


def test_a_year_suffix_in_the_data_stays_when_the_style_does_not_assign_them() -> None:
    items = [{**book("x", "Doe"), "year-suffix": "c"}]
    assert "2020c" in render(items, "asya-studies-apa")


def test_names_are_added_until_the_cites_differ() -> None:
    def three(key: str, second: str) -> dict[str, Any]:
        names = [{"family": f, "given": "X"} for f in ("Smith", second, "Jones")]
        return {**book(key, "x"), "author": names}

    out = render(
        [three("p", "Brown"), three("q", "Beefheart")], "chicago-author-date", cite=["p", "q"]
    )
    assert out == "(Smith, Brown, et al. 2020)\n(Smith, Beefheart, et al. 2020)\n"


def test_initials_tell_two_authors_with_one_family_name_apart() -> None:
    items = [book("j", "Doe", "John", 2000), book("k", "Doe", "Adam", 2000)]
    assert render(items, "apa", cite=["j", "k"]) == "(J. Doe, 2000)\n(A. Doe, 2000)\n"


def test_the_disambiguate_condition_adds_what_tells_cites_apart() -> None:
    items = [book("m1", "Doe", title="Alpha", year=2000), book("m2", "Doe", title="Beta")]
    assert render(items, "modern-language-association", cite=["m1", "m2"]) == (
        "(Doe, Alpha)\n(Doe, Beta)\n"
    )


def test_a_lone_cite_needs_no_disambiguation() -> None:
    assert render([book("m1", "Doe")], "modern-language-association", cite=["m1"]) == "(Doe)\n"


@pytest.mark.parametrize(
    ("index", "suffix"), [(0, "a"), (25, "z"), (26, "aa"), (51, "az"), (52, "ba")]
)
def test_year_suffixes_run_a_to_z_then_aa(index: int, suffix: str) -> None:
    assert year_suffix(index) == suffix


# --- citations: order and collapsing ------------------------------------------------


def test_a_style_without_citation_sort_keeps_the_order_asked_for() -> None:
    items = [book("m1", "Doe", year=2000), book("r", "Roe")]
    out = render(items, "strategic-research-chicago-author-date", cite=["r,m1"])
    assert out == "(Roe 2020; Doe 2000)\n"


def test_cites_with_the_same_author_collapse_to_the_years() -> None:
    assert render(SAME_YEAR, "apa", cite=["a,c,b"]) == "(Doe, 2020a, 2020b; Roe, 2020)\n"


def test_consecutive_citation_numbers_become_a_range() -> None:
    items = [book(f"n{i}", f"Z{i}") for i in range(6)]
    assert render(items, "nature", cite=["n0,n1,n2,n4", "n5,n3"]) == "1–4\n5,6\n"


# --- flip-flop ----------------------------------------------------------------------


def test_a_quotation_inside_a_quoted_title_takes_inner_quotes() -> None:
    out = render([article("q", 'Speak, "friend" of mine')], "chicago-author-date")
    assert "“Speak, ‘Friend’ of Mine.”" in out


def test_straight_apostrophes_become_typographic() -> None:
    out = render([book("o", "O'Brien", title="Rock 'n' roll in the '90s")], "apa")
    assert out.startswith("O’Brien, A. (2020). Rock “n” roll in the ’90s.")


def test_italics_inside_an_italic_title_print_upright() -> None:
    out = render([book("h", "Doe", title="On <i>Homo sapiens</i>")], "apa", format="html")
    assert '<i>On <span style="font-style:normal;">Homo sapiens</span></i>' in out


def test_italics_inside_italics_in_markdown_close_and_reopen() -> None:
    assert flip_markdown("*One Two *Three* Four*") == "*One Two* Three *Four*"


def test_nested_emphasis_alternates_at_each_level() -> None:
    assert flip_html("<i>a <i>b <i>c</i></i></i>") == (
        '<i>a <span style="font-style:normal;">b <i>c</i></span></i>'
    )


def test_a_tag_without_its_partner_is_printed_as_text() -> None:
    out = render([book("t", "Doe", title="One </i> Two")], "apa", format="html")
    assert "One &lt;/i&gt; Two" in out


def test_quotes_in_urls_are_left_alone() -> None:
    assert flip_quotes("see https://x.org/it's", Quotes()) == "see https://x.org/it's"


Quotation = list[Any]  # words and nested quotations
WORDS = st.sampled_from(["war", "peace", "O'Brien's", "1990s", "it"])
QUOTATIONS: st.SearchStrategy[Quotation] = st.recursive(
    st.lists(WORDS, min_size=1, max_size=3),
    lambda inner: st.lists(st.one_of(WORDS, inner), min_size=1, max_size=3),
    max_leaves=8,
)
LOCALE = Quotes()


def written(quotation: Quotation, depth: int, marks: tuple[str, ...]) -> str:
    """A quotation with the marks `marks` chooses by depth (straight or locale)."""
    opening, closing = marks[depth % 2 * 2 : depth % 2 * 2 + 2]
    words = [
        w.replace("'", "’") if isinstance(w, str) else written(w, depth + 1, marks)
        for w in quotation
    ]
    return opening + " ".join(words) + closing


@given(QUOTATIONS)
def test_nested_straight_quotes_become_the_locales_quotes_by_depth(quotation: Quotation) -> None:
    straight = written(quotation, 0, ('"', '"', "'", "'"))
    assert flip_quotes(straight, LOCALE) == written(quotation, 0, ("“", "”", "‘", "’"))


@given(QUOTATIONS)
def test_correctly_nested_locale_quotes_are_left_as_they_are(quotation: Quotation) -> None:
    typeset = written(quotation, 0, ("“", "”", "‘", "’"))
    assert flip_quotes(typeset, LOCALE) == typeset


@given(st.text(alphabet="ab '\"“”‘’:,.", max_size=30))
def test_flipping_quotes_keeps_the_length(text: str) -> None:
    assert len(flip_quotes(text, LOCALE)) == len(text)


# --- text case, labels, substitution, page ranges -----------------------------------


@pytest.mark.parametrize(
    ("title", "printed"),
    [
        (
            "Russian foreign policy towards the conflict",
            "Russian Foreign Policy towards the Conflict",
        ),
        ("Threats of war break out between them", "Threats of War Break out between Them"),
        ("Mass-market military drones", "Mass-Market Military Drones"),
        ("Constant US$ m., 1988", "Constant US$ m., 1988"),
        ("Politics Among Nations", "Politics Among Nations"),
    ],
)
def test_title_case_follows_citeproc_js(title: str, printed: str) -> None:
    assert f"“{printed}.”" in render([article("t", title)], "chicago-author-date")


def test_title_case_leaves_a_non_english_entry_alone() -> None:
    out = render([article("t", "Politika prema sukobu", language="sr")], "chicago-author-date")
    assert "“Politika prema sukobu.”" in out


def test_a_label_for_an_absent_variable_prints_nothing() -> None:
    web = {
        "id": "w",
        "type": "webpage",
        "title": "Page",
        "container-title": "Site",
        "author": [{"family": "Doe", "given": "J."}],
        "issued": {"date-parts": [[2020, 1, 9]]},
        "URL": "https://example.org/",
    }
    assert "Edition" not in render([web], "chicago-author-date")


def test_a_label_is_title_cased_in_an_english_locale_whatever_the_entry_language() -> None:
    chapter = {
        "id": "c",
        "type": "chapter",
        "title": "Glava",
        "container-title": "Zbornik",
        "author": [{"family": "Doe", "given": "J."}],
        "editor": [{"family": "Roe", "given": "R."}],
        "language": "sr",
        "issued": {"date-parts": [[2021]]},
        "page": "1-20",
        "publisher": "IMPP",
    }
    assert "In R. Roe (Ed.), Zbornik" in render([chapter], "apa")


def test_editors_standing_in_for_the_author_are_not_repeated() -> None:
    edited = {
        "id": "e",
        "type": "book",
        "title": "Borders",
        "publisher": "T&F",
        "editor": [
            {"family": "Eschment", "given": "Beate"},
            {"family": "von Löwis", "given": "Sabine"},
        ],
        "issued": {"date-parts": [[2022]]},
    }
    out = render([edited], "chicago-author-date")
    assert out == "Eschment, Beate, and Sabine von Löwis, eds. 2022. Borders. T&F.\n"


def test_a_repeated_author_is_replaced_by_the_style_substitute() -> None:
    items = [book("m1", "Doe", title="Alpha", year=2000), book("m2", "Doe", title="Beta")]
    assert render(items, "modern-language-association").splitlines()[1].startswith("———. Beta.")


@pytest.mark.parametrize(
    ("first", "last", "option", "printed"),
    [
        ("1", "64", "minimal-two", "64"),
        ("321", "328", "minimal-two", "28"),
        ("321", "328", "minimal", "8"),
        ("321", "28", "expanded", "328"),
        ("1087", "1089", "chicago", "89"),
        ("101", "108", "chicago", "8"),
        ("110", "5", None, "5"),
    ],
)
def test_page_ranges_follow_page_range_format(
    first: str, last: str, option: str | None, printed: str
) -> None:
    assert last_page(first, last, option) == printed


# --- sorting and punctuation ----------------------------------------------------------


def test_sorting_skips_punctuation_but_not_spaces() -> None:
    assert sort_key("Title, here A") < sort_key("Title here B")
    assert sort_key("A Hansen") < sort_key("Ab Delrahman")


def test_numbers_inside_sort_keys_compare_by_value() -> None:
    assert sort_key("Report 9") < sort_key("Report 10")


def test_dates_in_sort_macros_sort_by_value_before_christ_too() -> None:
    items = [
        book(key, "Doe", year=year, title=key)
        for key, year in (("ad68", 68), ("bc100", -100), ("bc44", -44))
    ]
    ids = [e.id for e in render_result(items, "chicago-author-date").entries]
    assert ids == ["bc100", "bc44", "ad68"]


def test_no_period_after_a_title_ending_in_a_question_mark() -> None:
    out = render([book("q", "Doe", title="Prudence or identity?")], "apa")
    assert out == "Doe, A. (2020). Prudence or identity? \n".strip() + "\n"


# --- data ------------------------------------------------------------------------------


def test_html_escapes_page_numbers_and_keeps_their_ampersand() -> None:
    """("1<b>" is no number, so "1<b>-2" is no page range and keeps its hyphen.)"""
    item = {**article("p", "T"), "page": "1<b>-2 & 5"}
    assert "1&lt;b&gt;-2 &amp; 5" in render([item], "apa", format="html")


def test_only_numbers_with_the_same_prefix_or_none_make_a_page_range(tmp_path: Path) -> None:
    """CSL: "110–115" and "N110–N115" are page ranges; "110-N6" is not (the
    CSL test-suite's page_Expand, as citeproc-js prints it)."""
    pages = {"a": "110-5", "b": "N110 - N5", "c": "110 - N6", "d": "N110 - 5"}
    items = [{**book(key, "Doe", title=key), "page": page} for key, page in pages.items()]
    style = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" '
        'page-range-format="expanded"><info><title>t</title><id>t</id>'
        "<updated>2020-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="page"/></layout></citation>'
        '<bibliography><sort><key variable="title"/></sort>'
        '<layout><text variable="page"/></layout></bibliography></style>'
    )
    path = tmp_path / "pages.csl"
    path.write_text(style, encoding="utf-8")
    assert render(items, str(path)).splitlines() == ["110–115", "N110–N115", "110-N6", "N110-5"]


def test_an_open_date_range_keeps_its_dash() -> None:
    item = {**book("o", "Doe"), "issued": {"date-parts": [[1987], [0]]}}
    assert "(1987–)" in render([item], "apa")


def test_csl_1_0_2_variables_citeproc_py_does_not_list_still_render() -> None:
    item = {**book("v", "Doe"), "volume-title": "The Early Years"}
    assert "The Early Years" in render([item], "chicago-author-date")


LETTERS = st.text(alphabet="aAbBčČłŁıİəƏжЖ ", min_size=1, max_size=12)


@given(LETTERS, st.sampled_from([",", ".", "“", "”", "(", ")", "-", "'"]), st.data())
def test_punctuation_never_changes_the_primary_sort_key(
    text: str, mark: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(text)))
    assert sort_key(text[:at] + mark + text[at:])[0] == sort_key(text)[0]


@given(LETTERS)
def test_case_never_changes_the_primary_sort_key(text: str) -> None:
    assert sort_key(text.swapcase())[0] == sort_key(text)[0]
