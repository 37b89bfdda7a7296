"""CSL behaviour refport added while raising its CSL test-suite figure: each
test is a small inline style and its items, and the expected string is what
citeproc-js prints (the suite's own expectation for the same behaviour)."""

from __future__ import annotations

from typing import Any

from refport.render import render_result
from refport.render.engine import Style
from refport.render.output import merge_punctuation, punctuation_in_quote
from refport.render.styles import StyleSource

CITE_TEXT = '<text variable="title"/>'


def style(
    citation: str = CITE_TEXT,
    bibliography: str = "",
    *,
    cls: str = "in-text",
    citation_attrs: str = "",
    layout_attrs: str = "",
    bibliography_attrs: str = "",
    macros: str = "",
    locale: str = "",
    root_attrs: str = "",
) -> Style:
    """A style with one citation layout (and optionally a bibliography)."""
    bib = (
        f"<bibliography {bibliography_attrs}><layout>{bibliography}</layout></bibliography>"
        if bibliography
        else ""
    )
    namespace = "http://purl.org/net/xbiblio/csl"
    xml = f"""<style xmlns="{namespace}" class="{cls}" version="1.0" {root_attrs}>
      <info><id>t</id><title>t</title><updated>2020-01-01T00:00:00+00:00</updated></info>
      {locale}{macros}
      <citation {citation_attrs}><layout {layout_attrs}>{citation}</layout></citation>
      {bib}
    </style>"""
    return Style(StyleSource("inline", xml.encode(), "<inline>"))


def item(key: str, **fields: Any) -> dict[str, Any]:
    return {"id": key, "type": "book", **fields}


def cite(
    items: list[dict[str, Any]], loaded: Style, *clusters: Any, fmt: str = "text"
) -> list[str]:
    return list(render_result(items, loaded, format=fmt, cite=list(clusters)).citations)


def bibliography(items: list[dict[str, Any]], loaded: Style, fmt: str = "text") -> list[str]:
    return [e.text for e in render_result(items, loaded, format=fmt).entries]


# --- cite prefixes and suffixes -------------------------------------------------


def test_cite_items_carry_a_prefix_and_suffix_with_citeproc_js_spacing() -> None:
    loaded = style(layout_attrs='prefix="(" suffix=")"')
    items = [item("a", title="Smith 2000")]
    assert cite(items, loaded, [{"id": "a", "prefix": "See", "suffix": "at 3"}]) == [
        "(See Smith 2000 at 3)"
    ]
    assert cite(items, loaded, [{"id": "a", "prefix": "cf. ", "suffix": ", ch. 2"}]) == [
        "(cf. Smith 2000, ch. 2)"
    ]


def test_a_prefix_is_rich_text() -> None:
    loaded = style()
    out = cite([item("a", title="T")], loaded, [{"id": "a", "prefix": "<i>See</i> "}], fmt="html")
    assert out == ["<i>See</i> T"]


def test_the_cite_delimiter_gives_way_to_a_suffix_ending_in_punctuation() -> None:
    loaded = style(layout_attrs='delimiter="; "')
    items = [item("a", title="Book C"), item("b", title="Book D")]
    cluster = [{"id": "a", "suffix": " is one source,"}, {"id": "b", "suffix": " is another"}]
    assert cite(items, loaded, cluster) == ["Book C is one source, Book D is another"]
    cluster = [{"id": "a"}, {"id": "b", "prefix": ", cited in "}]
    assert cite(items, loaded, cluster) == ["Book C, cited in Book D"]


def test_a_locator_label_may_be_written_with_a_space() -> None:
    loaded = style(
        '<text variable="title"/><label variable="locator" prefix=" " form="short"/>'
        '<text variable="locator" prefix=" "/>'
    )
    cluster = [{"id": "a", "locator": " gargoyle", "label": "sub verbo"}]
    assert cite([item("a", title="T")], loaded, cluster) == ["T s.v. gargoyle"]


# --- punctuation ------------------------------------------------------------------


def test_punctuation_that_meets_merges_as_citeproc_js_does() -> None:
    assert merge_punctuation("Life.</i>. Next") == "Life.</i> Next"
    assert merge_punctuation("a;: b") == "a; b"
    assert merge_punctuation("a!. b") == "a! b"
    assert merge_punctuation("a:! b") == "a! b"
    assert merge_punctuation("a,; b") == "a,; b"  # both kept
    assert merge_punctuation("Wait... there") == "Wait... there"  # an ellipsis
    assert merge_punctuation("&lt;. x") == "&lt;. x"  # never inside a character reference


def test_merging_looks_through_a_closing_quote() -> None:
    assert merge_punctuation("“Why!”: next", ("”",)) == "“Why!” next"


def test_punctuation_in_quote_moves_question_and_exclamation_marks_too() -> None:
    assert punctuation_in_quote("“Title”? Next", ("”",)) == "“Title?” Next"
    assert punctuation_in_quote("“Title”:! Next", ("”",)) == "“Title!” Next"
    assert punctuation_in_quote("“Title”;, Next", ("”",)) == "“Title”;, Next"


def test_a_suffix_repeating_the_fields_last_period_prints_once() -> None:
    loaded = style('<text variable="title" font-style="italic" suffix="."/>')
    assert cite([item("a", title="Life etc.")], loaded, "a", fmt="html") == ["<i>Life etc.</i>"]


# --- groups ------------------------------------------------------------------------


def test_a_macro_is_an_implicit_group() -> None:
    macros = """<macro name="container"><text term="in" suffix=" "/>
      <text variable="container-title"/></macro>
      <macro name="anon"><choose><if variable="author" match="none">
      <text term="anonymous" form="short"/></if></choose></macro>
      <macro name="who"><names variable="author"/><text macro="anon"/></macro>"""
    loaded = style(
        '<group delimiter=", "><text variable="title"/><text macro="container"/>'
        '<text macro="who"/></group>',
        macros=macros,
    )
    items = [item("a", title="T"), item("b", title="U", **{"container-title": "Book"})]
    assert cite(items, loaded, "a", "b") == ["T, anon.", "U, in Book, anon."]


# --- second-field-align --------------------------------------------------------------


def test_second_field_align_puts_the_first_field_in_a_margin_block_in_html() -> None:
    loaded = style(
        '<text variable="citation-number"/>',
        '<text variable="citation-number" prefix="[" suffix="]"/><text variable="title"/>',
        bibliography_attrs='second-field-align="flush"',
    )
    assert bibliography([item("a", title="Book A")], loaded, fmt="html") == [
        '<div class="csl-left-margin">[1]</div><div class="csl-right-inline">Book A</div>'
    ]
    assert bibliography([item("a", title="Book A")], loaded) == ["[1] Book A"]


# --- names -------------------------------------------------------------------------------

AUTHOR_MACRO = """<macro name="author"><names variable="author editor">
  <name name-as-sort-order="first" sort-separator=", "/>
  <label form="short" prefix=" "/></names></macro>"""


def test_a_name_label_is_left_out_of_sort_keys_and_the_substitute_keeps_it() -> None:
    loaded = style(
        bibliography='<text macro="author" suffix=". "/><text variable="title"/>',
        bibliography_attrs='subsequent-author-substitute="---"><sort><key macro="author"/>'
        '<key variable="title"/></sort',
        macros=AUTHOR_MACRO,
    )
    john = [{"family": "Doe", "given": "John"}]
    items = [
        item("e", title="B", editor=john),
        item("a", title="A", author=john),
        item("f", title="C", author=[{"family": "Doe", "given": "John Eamon"}]),
    ]
    assert bibliography(items, loaded) == ["Doe, John. A", "--- ed. B", "Doe, John Eamon. C"]


def test_particles_typed_into_name_fields_are_parsed_out() -> None:
    loaded = style('<names variable="author"><name name-as-sort-order="all"/></names>')
    names = [
        ({"family": "van der Vlist", "given": "Eric"}, "Vlist, Eric van der"),
        ({"family": "Humboldt", "given": "Alexander von"}, "Humboldt, Alexander von"),
        ({"family": "d'Aubignac", "given": "François"}, "Aubignac, François d’"),
        ({"family": '"Van Dyke"', "given": "Dick"}, "Van Dyke, Dick"),
        ({"family": "Doe", "given": "John, III"}, "Doe, John, III"),
    ]
    for name, printed in names:
        assert cite([item("a", author=[name])], loaded, "a") == [printed]
    demoted = style('<names variable="author"><name/></names>')
    assert cite([item("a", author=[{"family": "al-One", "given": "Alan"}])], demoted, "a") == [
        "Alan al-One"
    ]


def test_particles_sort_as_words_of_their_own() -> None:
    loaded = style(
        bibliography='<names variable="author"><name name-as-sort-order="all"/></names>',
        bibliography_attrs="><sort><key variable='author'/></sort",
        root_attrs='demote-non-dropping-particle="never"',
    )
    items = [
        item("a", author=[{"family": "de' Frinkle", "given": "B"}]),
        item("b", author=[{"family": "d'Wander", "given": "W"}]),
    ]
    assert bibliography(items, loaded) == ["d’Wander, W", "de’ Frinkle, B"]


# --- terms ---------------------------------------------------------------------------------


def test_a_term_opening_a_footnote_citation_is_capitalised() -> None:
    loaded = style('<text term="ibid"/>', cls="note", layout_attrs='delimiter="; "')
    items = [item("a", title="T")]
    assert cite(items, loaded, "a") == ["Ibid."]
    assert cite(items, loaded, [{"id": "a", "prefix": "See"}]) == ["See ibid."]
    assert cite(items, loaded, [{"id": "a", "prefix": "As said before."}]) == [
        "As said before. Ibid."
    ]
    assert cite(items, style('<text term="ibid"/>'), "a") == ["ibid."]  # in-text: as written


# --- title case -----------------------------------------------------------------------------


def test_title_case_treats_each_part_of_a_compound_as_a_word() -> None:
    loaded = style('<text variable="title" text-case="title"/>')
    titles = [
        ("employee pro-environmental behavior", "Employee Pro-Environmental Behavior"),
        ("out-of-fashion initiatives", "Out-of-Fashion Initiatives"),
        ("traits—self-esteem and stability—with job", "Traits—Self-Esteem and Stability—with Job"),
        ("the scientist–practitioner gap", "The Scientist–Practitioner Gap"),
        ("a cat/mouse game", "A Cat/Mouse Game"),
        ("solution of β-carotine", "Solution of β-Carotine"),
    ]
    for title, printed in titles:
        assert cite([item("a", title=title, language="en")], loaded, "a") == [printed]
