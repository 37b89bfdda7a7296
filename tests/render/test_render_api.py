"""refport.render: sorting, output formats, citations, and the citeproc-py gaps
refport works around."""

from __future__ import annotations

import pytest

from refport.render import parse_cite, render, render_result
from refport.render.collation import sort_key
from refport.render.output import punctuation_in_quote

from .conftest import FIXTURES, article, book

MIXED = [
    book("ya", "Ямов"),
    book("zi", "Živić"),
    book("ab", "Abel"),
    book("la", "Łapaj"),
    book("ze", "Zeller"),
    book("ma", "Mann"),
]


def test_the_bibliography_is_sorted_even_though_citeproc_py_leaves_it_unsorted() -> None:
    ids = [e.id for e in render_result(MIXED, "apa").entries]
    assert ids == ["ab", "la", "ma", "ze", "zi", "ya"]


def test_letters_with_marks_sort_with_their_base_letter() -> None:
    assert sort_key("Łapaj") < sort_key("Mann") and sort_key("Čapek") < sort_key("Dunn")


def test_turkish_dotless_i_sorts_with_i() -> None:
    assert sort_key("Kılıç") < sort_key("Kim") < sort_key("Kuru")


def test_given_names_stay_whole_where_the_style_says_initialize_false() -> None:
    out = render([book("a", "Abushov", "Kavus Alan")], "chicago-author-date")
    assert out.startswith("Abushov, Kavus Alan.")


def test_en_us_puts_the_period_inside_the_closing_quote() -> None:
    item = article("a", "A Study", **{"container-title": "Journal"})
    assert "“A Study.” Journal" in render([item], "chicago-author-date")


def test_punctuation_is_not_doubled_after_a_question_mark_in_quotes() -> None:
    assert punctuation_in_quote("“Why?”. Next", ("”",)) == "“Why?” Next"


def test_a_comma_after_a_closing_quote_moves_inside_it() -> None:
    assert punctuation_in_quote("“Title”, 12", ("”",)) == "“Title,” 12"


def test_html_output_marks_italics_with_i_tags() -> None:
    assert "<i>A Title</i>" in render([book("a", "Doe")], "apa", format="html")


def test_markdown_output_marks_italics_and_escapes_underscores() -> None:
    out = render([book("a", "Doe", title="snake_case")], "apa", format="markdown")
    assert "*snake\\_case*" in out


def test_an_unknown_output_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        render([book("a", "Doe")], "apa", format="docx")


def test_a_citation_with_a_page_locator() -> None:
    out = render(
        [book("abushov2019", "Abushov", year=2019)], "chicago-author-date", cite=["abushov2019@81"]
    )
    assert out == "(Abushov 2019, 81)\n"


def test_several_keys_make_one_citation() -> None:
    out = render(MIXED, "chicago-author-date", cite=["ab,ma"])
    assert out == "(Abel 2020; Mann 2020)\n"


def test_an_unknown_cite_key_is_a_diagnostic_not_a_crash() -> None:
    result = render_result(MIXED, "apa", cite=["nobody"])
    assert [d.code for d in result.diagnostics] == ["cite-unknown-key"]


def test_cite_specs_parse_keys_locators_and_labels() -> None:
    assert parse_cite("a, b@81,c@chapter:3") == [
        ("a", None, "page"),
        ("b", "81", "page"),
        ("c", "3", "chapter"),
    ]


def test_keys_differing_only_in_case_stay_distinct() -> None:
    items = [book("Key", "Alpha", title="One"), book("key", "Beta", title="Two")]
    entries = render_result(items, "apa").entries
    assert [e.id for e in entries] == ["Key", "key"]


def test_an_unknown_locale_is_a_warning() -> None:
    result = render_result(MIXED, "apa", locale="xx-YY")
    assert [d.code for d in result.diagnostics] == ["locale-unknown"]


def test_a_raw_date_is_rendered() -> None:
    item = {**book("a", "Doe"), "issued": {"raw": "2011-05"}}
    assert "(2011)" in render([item], "apa")


def test_odd_data_does_not_stop_the_other_entries() -> None:
    items = [book("ok", "Doe"), {"id": "odd", "type": "book", "author": "not a list", "title": "T"}]
    result = render_result(items, str(FIXTURES / "minimal.csl"))
    assert {e.id for e in result.entries} == {"ok", "odd"}


def test_an_entry_the_style_prints_nothing_for_is_left_out_with_a_warning() -> None:
    items = [book("ok", "Doe"), {"id": "empty", "type": "book"}]
    result = render_result(items, str(FIXTURES / "minimal.csl"))
    assert [e.id for e in result.entries] == ["ok"]
    assert [(d.code, d.refs) for d in result.diagnostics] == [("render-empty", ("empty",))]


def test_an_entry_in_a_language_the_style_does_not_declare_keeps_the_list_locale() -> None:
    item = {
        **book("a", "Doe", title="Başlık", language="tr"),
        "type": "article-journal",
        "container-title": "Dergi",
    }
    assert "“Başlık.”" in render([item], "chicago-author-date")


def test_html_output_escapes_the_data() -> None:
    item = book("a", "D&D", title="A <c> & C")
    assert "<i>A &lt;c&gt; &amp; C</i>" in render([item], "apa", format="html")


def test_model_references_render_like_their_csl_json() -> None:
    csljson = pytest.importorskip("refport.formats.csljson")
    from refport.model import Reference

    from .conftest import SEEDS

    path = SEEDS / "preradovic-bogicevic-2026.csl.json"
    if not path.is_file():
        pytest.skip("seed fixture not there yet")
    text = path.read_text(encoding="utf-8")
    references = [r for r in csljson.read(text, filename=str(path)) if isinstance(r, Reference)]
    style = "strategic-research-chicago-author-date"
    import json

    assert render(references, style) == render(json.loads(text), style)
