"""The README's "Cyrillic and mixed scripts" section tells the truth:
its scheme table is the generated one, and every diagnostic it shows is one the
checks print today."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import refport
from refport.checks import CheckContext
from refport.checks.base import run_checks
from refport.checks.scripts import CHECKS
from refport.translit import explain_mismatch, matches, romanize, scheme_table_markdown, schemes_for

ROOT = Path(__file__).resolve().parents[2]
SECTION = ROOT / "README.md"
FILES = {"refs.csl.json": Path(__file__).with_name("readme-example.csl.json")}
LINE = re.compile(
    r"^(?P<file>\S+?):\d+: (?P<severity>\w+) (?P<code>\S+) \[(?P<refs>[^\]]*)\] "
    r"(?P<message>.*?)(?: \(suggestion: (?P<suggestion>.*)\))?$"
)


def _section() -> str:
    text = SECTION.read_text(encoding="utf-8")
    return text.split("## Cyrillic and mixed scripts", 1)[1].split("\n## ", 1)[0]


def test_scheme_table_is_generated() -> None:
    text = _section()
    start = text.index("-->\n", text.index("<!-- scheme table")) + len("-->\n")
    end = text.index("<!-- end of scheme table -->")
    assert text[start:end] == scheme_table_markdown()


def _shown() -> list[re.Match[str]]:
    return [m for line in _section().splitlines() if (m := LINE.match(line))]


def test_every_code_has_an_example() -> None:
    assert {m["code"] for m in _shown()} == {c.code for c in CHECKS}


@pytest.mark.parametrize("shown", _shown(), ids=lambda m: f"{m['code']}:{m['refs']}")
def test_example_is_what_the_checks_print(shown: re.Match[str]) -> None:
    path = FILES.get(shown["file"], ROOT / shown["file"])
    references = refport.load(str(path)).references
    printed = {
        (d.severity, d.code, ", ".join(d.refs), d.message, d.suggestion)
        for d in run_checks(references, CHECKS, CheckContext())
    }
    key = (shown["severity"], shown["code"], shown["refs"], shown["message"], shown["suggestion"])
    assert key in printed


def test_python_examples() -> None:
    assert romanize("Макиенко", "ru-bgn") == "Makiyenko"
    assert matches("Макиенко", "Makijenko", schemes_for("ru")).schemes == ("ru-sr-transcription",)
    mismatch = explain_mismatch("Божићевић", "Bogićević", "sr")
    assert mismatch is not None
    assert mismatch.message() == "Bogićević: ж is ž in Serbian Latin (Božićević)"
