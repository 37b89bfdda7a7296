"""The memoised citeproc-py classes (`render/memoised.py`) and the lazy sort
change speed, never output: everything rendered with them equals what the
plain citeproc-py classes render."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from citeproc import CitationItem, model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refport.render import engine, render_result
from refport.render.collation import _MISSING, _collation_key, _refine
from refport.render.memoised import fast_class
from refport.render.styles import read_style

from .conftest import load_seed

#: Compared on every run; the slower three behind `-m slow` (citeproc-py's own
#: classes take seconds per seed in chicago-author-date).
STYLES = (
    "apa",
    "ieee",
    pytest.param("chicago-author-date", marks=pytest.mark.slow),
    pytest.param("modern-language-association", marks=pytest.mark.slow),
    pytest.param("harvard-cite-them-right", marks=pytest.mark.slow),
)


@contextmanager
def plain_citeproc() -> Iterator[None]:
    """Styles parsed while this is active use citeproc-py's own classes."""
    saved = engine.fast_class, engine.MemoisedCitationItem
    engine.fast_class, engine.MemoisedCitationItem = (lambda cls: cls), CitationItem
    engine.element_lookup.cache_clear()
    try:
        yield
    finally:
        engine.fast_class, engine.MemoisedCitationItem = saved
        engine.element_lookup.cache_clear()


def both(style: str, items: list[Any], **options: Any) -> tuple[Any, Any]:
    fast = render_result(items, engine.Style(read_style(style)), **options)
    with plain_citeproc():
        plain = render_result(items, engine.Style(read_style(style)), **options)
    return fast, plain


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("fixture", ["preradovic-bogicevic-2026", "turan-2025"])
def test_memoised_classes_render_the_seeds_exactly_like_citeproc_py(
    fixture: str, style: str
) -> None:
    fast, plain = both(style, load_seed(fixture), format="html")
    assert fast.entries == plain.entries


def test_memoised_classes_render_citations_exactly_like_citeproc_py() -> None:
    cites = ["abushov2019@81,antal2022", "askerov2023@chapter:3", "sipri2021a,sipri2021b"]
    fast, plain = both("chicago-author-date", load_seed("preradovic-bogicevic-2026"), cite=cites)
    assert fast.citations == plain.citations


def test_a_style_renders_the_same_twice_and_across_formats() -> None:
    style = engine.Style(read_style("apa"))
    items = load_seed("turan-2025")
    first = render_result(items, style, format="html").entries
    render_result(items, style, format="text")
    assert render_result(items, style, format="html").entries == first


def test_every_element_of_a_loaded_style_uses_a_memoised_class() -> None:
    root = engine.Style(read_style("apa")).instance("en-US").root
    assert all(type(node).__module__ == "refport.render.memoised" for node in root.iter())


def test_locale_files_are_parsed_with_the_memoised_classes_too() -> None:
    root = engine.Style(read_style("apa")).instance("en-US").root
    assert all(type(locale).__module__ == "refport.render.memoised" for locale in root.locales)


def test_an_xpath_lookup_runs_once_per_node_and_expression() -> None:
    root = engine.Style(read_style("apa")).instance("en-US").root
    node = root.xpath_search("//cs:text[@macro]")[0]
    first = node.xpath_search("./ancestor-or-self::cs:layout[1]")
    assert node.xpath_search("./ancestor-or-self::cs:layout[1]") is first


def test_node_objects_survive_so_their_memo_does() -> None:
    root = engine.Style(read_style("apa")).instance("en-US").root
    macro = root.get_macro("author-sort")
    assert root.xpath_search("./cs:macro[@name='author-sort']")[0] is macro


def test_citeproc_py_itself_is_left_unmodified() -> None:
    fast_class(model.Group)
    assert model.Group.process.__module__ == "citeproc.model"
    assert "xpath_search" not in vars(model.Group)


def test_an_unknown_macro_is_still_an_index_error() -> None:
    root = engine.Style(read_style("apa")).instance("en-US").root
    with pytest.raises(IndexError):
        root.get_macro("no-such-macro")


# --- the lazy, lexicographic sort ----------------------------------------------


class FakeKey:
    """A `cs:key` stand-in: values per item, a direction, and a call log."""

    def __init__(self, values: dict[int, str | None], descending: bool, calls: list[int]) -> None:
        self.values, self.descending, self.calls = values, descending, calls

    def sort_keys(self, items: list[int], context: Any) -> list[str | None]:
        self.calls.append(len(items))
        return [self.values[i] for i in items]

    def get(self, name: str, default: str) -> str:
        return "descending" if self.descending else "ascending"


def reference_order(items: list[int], keys: list[FakeKey]) -> list[int]:
    """The eager definition: compare key by key, empty values last either way."""

    def compare(a: int, b: int) -> int:
        for key in keys:
            left, right = _collation_key(key.values[a]), _collation_key(key.values[b])
            if left == right:
                continue
            if left is _MISSING or right is _MISSING:
                return 1 if left is _MISSING else -1
            result = -1 if left < right else 1
            return -result if key.descending else result
        return 0

    return sorted(items, key=functools.cmp_to_key(compare))


values = st.one_of(st.none(), st.sampled_from(["", "a", "B", "b", "Ča", "10", "9", "ж"]))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_lazy_sort_orders_like_the_eager_lexicographic_one(data: st.DataObject) -> None:
    size = data.draw(st.integers(0, 12))
    keys = [
        FakeKey({i: data.draw(values) for i in range(size)}, data.draw(st.booleans()), [])
        for _ in range(data.draw(st.integers(1, 3)))
    ]
    assert _refine(list(range(size)), tuple(keys), None) == reference_order(list(range(size)), keys)


def test_a_later_sort_key_is_computed_only_for_entries_tied_so_far() -> None:
    calls: list[int] = []
    first = FakeKey({0: "a", 1: "b", 2: "b", 3: "c"}, False, calls)
    second = FakeKey({0: "x", 1: "y", 2: "x", 3: "x"}, False, calls)
    assert _refine([0, 1, 2, 3], (first, second), None) == [0, 2, 1, 3]
    assert calls == [4, 2]


# --- any reference ---------------------------------------------------------------


strategies = pytest.importorskip("strategies")


REFERENCE_LISTS = st.lists(strategies.references(), min_size=1, max_size=4)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REFERENCE_LISTS)
def test_memoised_classes_render_any_reference_like_citeproc_py(references: list[Any]) -> None:
    fast, plain = both("apa", references, format="html")
    assert fast.entries == plain.entries


@pytest.mark.slow
@pytest.mark.parametrize("style", ["chicago-author-date", "modern-language-association"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(references=REFERENCE_LISTS)
def test_memoised_classes_render_any_reference_like_citeproc_py_at_length(
    style: str, references: list[Any]
) -> None:
    fast, plain = both(style, references, format="html")
    assert fast.entries == plain.entries


# --- compiled `cs:if` conditions -------------------------------------------------

TYPES = ("book", "chapter", "article-journal", "report")
VARIABLES = ("title", "container-title", "page", "locator", "DOI")


class FakeCite(dict[str, Any]):
    """A cite as `cs:if` tests read it: a reference, maybe a locator."""

    def __init__(self, reference: Any, locator: bool) -> None:
        super().__init__({"locator": "81"} if locator else {})
        self.reference = reference


def citeproc_condition(node: Any, cite: FakeCite) -> bool:
    """citeproc-py's own `If.render` decision, from its own test methods."""
    results: list[Any] = []
    if "type" in node.attrib:
        results += model.If._type(node, cite)
    if "variable" in node.attrib:
        results += model.If._variable(node, cite)
    match = node.get("match")
    return any(results) if match == "any" else not any(results) if match == "none" else all(results)


@settings(max_examples=300, deadline=None)
@given(
    types=st.none() | st.lists(st.sampled_from(TYPES), max_size=3),
    variables=st.none() | st.lists(st.sampled_from(VARIABLES), max_size=3),
    match=st.sampled_from([None, "all", "any", "none"]),
    kind=st.sampled_from(TYPES),
    present=st.sets(st.sampled_from(VARIABLES)),
)
def test_compiled_conditions_decide_like_citeproc_py(
    types: list[str] | None,
    variables: list[str] | None,
    match: str | None,
    kind: str,
    present: set[str],
) -> None:
    from citeproc.source import Reference
    from lxml import etree

    from refport.render.styles import CSL_NS, safe_parser

    attributes = {
        name: " ".join(values)
        for name, values in (("type", types), ("variable", variables))
        if values is not None
    }
    if match:
        attributes["match"] = match
    choose = etree.Element(f"{{{CSL_NS}}}choose")
    etree.SubElement(choose, f"{{{CSL_NS}}}if", attributes)
    parsed = etree.fromstring(etree.tostring(choose), safe_parser(engine.element_lookup()))
    condition = parsed[0]
    fields = {v.replace("-", "_"): "x" for v in present if v != "locator"}
    cite = FakeCite(Reference("k", kind, **fields), "locator" in present)
    assert condition.matches(cite, None) == citeproc_condition(condition, cite)
