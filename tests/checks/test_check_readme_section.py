"""The README's section on checking shows the real output of `refport check`
and the codes of the registry: both blocks are generated, and this test fails
when either has drifted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refport.checks.report import check_example_markdown, codes_table_markdown

ROOT = Path(__file__).resolve().parents[2]
SECTION = ROOT / "README.md"


def block(name: str) -> str:
    text = SECTION.read_text(encoding="utf-8")
    match = re.search(
        rf"<!-- BEGIN generated:{name} -->\n(.*?)\n<!-- END generated:{name} -->", text, re.DOTALL
    )
    assert match is not None, f"no generated:{name} block"
    return match.group(1)


def test_the_example_is_the_real_output_of_refport_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert block("check-example") == check_example_markdown().strip()


def test_the_codes_table_is_generated_from_the_registry() -> None:
    assert block("check-codes") == codes_table_markdown().strip()


def test_the_python_example_runs() -> None:
    import refport

    references = refport.load(ROOT / "fixtures" / "seeds" / "turan-2025.csl.json").references
    found = refport.check(references, ignore=["url-date"])
    assert all(d.code != "url-date" for d in found)
