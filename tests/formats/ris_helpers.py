"""RIS in memory for the RIS tests (test_ris, test_ris_properties): read a
string, write to a string, one reference through a write and a read."""

from __future__ import annotations

import io

from tests.formats.format_helpers import split_events

from refport.diagnostics import Diagnostic
from refport.formats import ris
from refport.formats.base import WriteOptions
from refport.model import Reference


def read_all(text: str, filename: str = "t.ris") -> tuple[list[Reference], list[Diagnostic]]:
    return split_events(ris.read(text, filename=filename))


def write_all(references: list[Reference]) -> tuple[str, list[Diagnostic]]:
    out = io.StringIO()
    diagnostics = ris.write(iter(references), out, WriteOptions())
    return out.getvalue(), diagnostics


def round_trip(reference: Reference) -> Reference:
    """`reference` written and read back; fails the test on an error or a count other than one."""
    text, _ = write_all([reference])
    again, diagnostics = read_all(text)
    assert [d for d in diagnostics if d.severity == "error"] == []
    assert len(again) == 1
    return again[0]
