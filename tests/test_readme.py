"""The README tells the truth: its commands are the ones CI runs, and its
generated tables are what the code's tables produce today."""

from __future__ import annotations

import re
from pathlib import Path

from refport.docs import render_blocks, stale_blocks

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash|console)\n(.*?)\n```", section, re.DOTALL)


def test_quick_start_has_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2, commands
    assert all("\n" not in c.strip() for c in commands), "each is one command line"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = quick_start_commands()[1].strip()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_generated_blocks_are_current() -> None:
    assert stale_blocks(README) == [], "run: python -m refport.docs README.md"


def test_every_generated_block_is_in_the_readme() -> None:
    for name in render_blocks():
        assert f"<!-- BEGIN generated:{name} -->" in README
