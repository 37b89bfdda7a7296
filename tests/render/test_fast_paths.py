"""Shortcuts in rendering change speed, never output: each is compared with
the slow path it replaces (disambiguation's cache of rendered cites, names
rendered without their label only where they are compared, `cs:name`
looked up once per `cs:names`)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refport.render import citations, disambiguation, engine, render_result
from refport.render.styles import read_style

from .conftest import book

strategies = pytest.importorskip("strategies")

#: apa and chicago-author-date-16th-edition label editors ("(Ed.)", "ed."); the
#: latter replaces a repeated author ("———") by the names without their label.
STYLES = (
    "apa",
    "modern-language-association",
    "chicago-author-date",
    "chicago-author-date-16th-edition",
    "ieee",
)


def namesakes() -> list[dict[str, Any]]:
    """Cites that collide and are told apart by names, given names, titles
    and year suffixes (and editors with a label, "(Ed.)")."""
    editors = {"editor": [{"family": "Roe", "given": "Ed"}]}
    return [
        book("a", "Doe", "John", 2020, "One"),
        book("b", "Doe", "Jane", 2020, "Two"),
        book("c", "Doe", "John", 2020, "Three"),
        book("d", "Doe", "John", 2020, "Three", author=[
            {"family": "Doe", "given": "John"}, {"family": "Poe", "given": "Al"},
            {"family": "Moe", "given": "Bo"}, {"family": "Zoe", "given": "Cy"},
        ]),
        book("e", "Doe", "John", 2020, "Three", author=[
            {"family": "Doe", "given": "John"}, {"family": "Poe", "given": "Al"},
            {"family": "Moe", "given": "Bo"}, {"family": "Xu", "given": "Di"},
        ]),
        book("f", "Smith", "Al", 2021, "Four", author=[], **editors),
        book("g", "Smith", "Al", 2021, "Five", author=[], **editors),
        book("h", "Smith", "Al", 2021, "Five"),
        book("i", "Smith", "Al", 2021, "Six", author=[], translator=editors["editor"]),
    ]  # fmt: skip


@contextmanager
def slow_paths() -> Iterator[None]:
    """Every cite rendered anew in disambiguation; names always rendered a
    second time without their label."""
    saved_resolver, saved_slot = engine.Resolver, citations.NamesSlot

    class AlwaysCompared(saved_slot):  # type: ignore[misc,valid-type]
        def __init__(self, **fields: Any) -> None:
            super().__init__(**{**fields, "compared": True})

    engine.Resolver = functools.partial(saved_resolver, memo=False)  # type: ignore[misc]
    citations.NamesSlot = AlwaysCompared  # type: ignore[misc]
    try:
        yield
    finally:
        engine.Resolver, citations.NamesSlot = saved_resolver, saved_slot  # type: ignore[misc]


def both(style: str, items: list[Any], **options: Any) -> tuple[Any, Any]:
    loaded = engine.Style(read_style(style))
    fast = render_result(items, loaded, **options)
    with slow_paths():
        slow = render_result(items, engine.Style(read_style(style)), **options)
    return fast, slow


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("format", ["text", "html"])
def test_the_fast_paths_render_bibliographies_like_the_slow_ones(style: str, format: str) -> None:
    fast, slow = both(style, namesakes(), format=format)
    assert fast.entries == slow.entries
    assert fast.entries


@pytest.mark.parametrize("style", STYLES)
def test_the_fast_paths_render_citations_like_the_slow_ones(style: str) -> None:
    cites = ["a,b,c", "d,e", "f,g,h", "a", "h,a"]
    fast, slow = both(style, namesakes(), cite=cites)
    assert fast.citations == slow.citations


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    style=st.sampled_from(["apa", "modern-language-association"]),
    references=st.lists(strategies.references(), min_size=2, max_size=5),
)
def test_the_fast_paths_render_any_references_like_the_slow_ones(
    style: str, references: list[Any]
) -> None:
    fast, slow = both(style, references)
    assert fast.entries == slow.entries


def test_disambiguation_renders_a_cite_in_one_state_once() -> None:
    rendered: list[str] = []
    texts = {"a": "Doe 2020", "b": "Doe 2020"}

    def render(key: str) -> str:
        rendered.append(key)
        return texts[key]

    options = disambiguation.Options(year_suffix=True, condition=True)
    states = disambiguation.Resolver(["a", "b"], render, {}, options).run()
    assert [states[k].suffix for k in "ab"] == ["a", "b"]
    # the condition told no one apart and was taken back: that state was rendered before
    assert rendered == ["a", "b", "a", "b"]
    rendered.clear()
    disambiguation.Resolver(["a", "b"], render, {}, options, memo=False).run()
    assert rendered == ["a", "b", "a", "b", "a", "b"]


def test_a_names_without_name_gets_one_name_however_often_it_renders() -> None:
    root = engine.Style(read_style("apa")).instance("en-US").root
    names = root.makeelement(citations.NAMES_TAG, {})
    citations._give_name(names)
    citations._give_name(names)
    assert [child.tag for child in names] == [f"{{{engine.CSL_NS}}}name"]
