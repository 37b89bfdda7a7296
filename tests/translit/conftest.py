"""Shared data for the transliteration tests: the real names of names.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

NAMES_FILE = Path(__file__).with_name("names.txt")


def load_names() -> list[tuple[str, str, str]]:
    """(language, family, given) for every name line of names.txt."""
    rows: list[tuple[str, str, str]] = []
    for line in NAMES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, family, given = line.split()
            rows.append((language, family, given))
    return rows


@pytest.fixture(scope="session")
def names() -> list[tuple[str, str, str]]:
    return load_names()
