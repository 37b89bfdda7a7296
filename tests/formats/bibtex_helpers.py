"""BibTeX in memory for the BibTeX tests (test_bibtex, test_bibtex_mapping):
read a string, write to a string, one entry through the reader."""

from __future__ import annotations

import io

from tests.formats.format_helpers import split_events

from refport.diagnostics import Diagnostic
from refport.formats import bibtex
from refport.formats.base import WriteOptions
from refport.model import Reference


def read_all(text: str, filename: str = "t.bib") -> tuple[list[Reference], list[Diagnostic]]:
    return split_events(bibtex.read(text, filename=filename))


def one(text: str) -> Reference:
    """The only reference in `text`; fails the test (showing the diagnostics) otherwise."""
    references, diagnostics = read_all(text)
    assert len(references) == 1, diagnostics
    return references[0]


def write_all(
    references: list[Reference], *, dialect: str = "bibtex", ascii_only: bool = False
) -> tuple[str, list[Diagnostic]]:
    out = io.StringIO()
    diagnostics = bibtex.write(references, out, WriteOptions(dialect=dialect, ascii=ascii_only))
    return out.getvalue(), diagnostics


def write_text(references: list[Reference], dialect: str = "bibtex") -> str:
    """Just the text, for tests about what is written rather than what is lost."""
    return write_all(references, dialect=dialect)[0]
