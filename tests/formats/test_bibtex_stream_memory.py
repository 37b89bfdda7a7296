"""The BibTeX reader keeps raw fields only for entries named as parents, and
reads a file again when a child names a parent that went by unkept: the
references must be the same as when every entry's fields are kept."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import pytest

from refport.api import read_file
from refport.diagnostics import Diagnostic
from refport.formats import bibtex
from refport.formats.bibtex_stream import EntryStream
from refport.model import Reference
from refport.textio import open_input

PARENT_FIRST = """@book{parent,
  title = {The Whole Book},
  editor = {Doe, Jane},
  publisher = {Press},
  year = {2001},
  crossref = {grand}
}

@article{unrelated, title = {Something Else}, author = {Roe, R.}, year = {1999}}

@xdata{pubinfo, publisher = {XPress}, location = {Baku}}

@book{grand, series = {A Series}, year = {1990}}

@incollection{child,
  title = {A Chapter},
  author = {Smith, John},
  crossref = {parent},
  pages = {1--10}
}

@book{late, title = {Late}, xdata = {pubinfo}}

@incollection{child2, title = {Waits}, crossref = {after}}

@book{after, title = {Comes After}, publisher = {P2}, year = {2005}}
"""


def _all_kept(text: str) -> list[Reference | Diagnostic]:
    """The reference path: every entry's fields kept, no second reading."""
    stream = EntryStream(None)
    items: list[Reference | Diagnostic] = []
    for item in bibtex._raw_items(text, None, "fast"):
        items.extend(stream.feed(item))
    items.extend(stream.finish())
    return items


def _from_file(path: Path) -> list[Reference | Diagnostic]:
    reading = read_file(path)
    return list(reading.items)


def _plain(items: list[Reference | Diagnostic]) -> list[object]:
    return [
        (item.code, item.line, item.refs) if isinstance(item, Diagnostic) else item
        for item in items
    ]


@pytest.mark.parametrize("parser", ["fast", "pybtex"])
def test_a_parent_before_its_child_is_read_again_and_gives_the_same_references(
    tmp_path: Path, parser: str
) -> None:
    path = tmp_path / "parents.bib"
    path.write_text(PARENT_FIRST, encoding="utf-8")
    from_file = list(bibtex.read(_reopened(path), parser=parser))
    expected = _all_kept(PARENT_FIRST)
    assert _plain(from_file) == _plain(expected)
    child = next(r for r in from_file if isinstance(r, Reference) and r.id == "child")
    assert child.container_title == "The Whole Book" and child.publisher == "Press"
    assert child.collection_title == "A Series"
    late = next(r for r in from_file if isinstance(r, Reference) and r.id == "late")
    assert late.publisher == "XPress"


def _reopened(path: Path) -> TextIO:
    stream, problems = open_input(str(path))
    assert stream is not None and not problems and stream.can_reopen
    return stream.as_text_io()


def test_the_whole_file_path_matches_the_string_path(tmp_path: Path) -> None:
    path = tmp_path / "parents.bib"
    path.write_text(PARENT_FIRST, encoding="utf-8")
    assert _plain(_from_file(path)) == _plain(_all_kept(PARENT_FIRST))
    assert _plain(list(bibtex.read(PARENT_FIRST))) == _plain(_all_kept(PARENT_FIRST))


def test_without_parents_no_fields_are_kept() -> None:
    stream = EntryStream(None, reread=lambda: iter(()))
    text = "".join(f"@article{{k{n}, title = {{T {n}}}, year = {{2000}}}}\n" for n in range(50))
    for item in bibtex._raw_items(text, None, "fast"):
        list(stream.feed(item))
    list(stream.finish())
    assert len(stream.raw) == 50
    assert all(fields is None for _, _, fields in stream.raw.values())


def test_a_parent_named_before_it_comes_is_kept_without_reading_again() -> None:
    def never() -> list[object]:
        raise AssertionError("read again")

    stream = EntryStream(None, reread=never)  # type: ignore[arg-type]
    text = "@incollection{c, title = {C}, crossref = {p}}\n@book{p, title = {P}}\n"
    items: list[Reference | Diagnostic] = []
    for item in bibtex._raw_items(text, None, "fast"):
        items.extend(stream.feed(item))
    items.extend(stream.finish())
    child = next(r for r in items if isinstance(r, Reference) and r.id == "c")
    assert child.container_title == "P"
