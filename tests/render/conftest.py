"""Shared paths, data and CSL-JSON item builders for the rendering tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "render"
SEEDS = ROOT / "fixtures" / "seeds"
STYLES = ROOT / "styles"


def load_seed(name: str) -> list[dict[str, Any]]:
    path = SEEDS / f"{name}.csl.json"
    if not path.is_file():
        pytest.skip(f"seed fixture {path.name} is not there yet")
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def book(
    key: str,
    family: str,
    given: str = "Ann",
    year: int = 2020,
    title: str = "A Title",
    **extra: Any,
) -> dict[str, Any]:
    """A one-author book item; `extra` adds or overrides CSL variables."""
    return {
        "id": key,
        "type": "book",
        "title": title,
        "author": [{"family": family, "given": given}],
        "issued": {"date-parts": [[year]]},
        **extra,
    }


def article(key: str, title: str, **extra: Any) -> dict[str, Any]:
    """A journal article by J. Doe (2001) in "J"; `extra` adds or overrides variables."""
    return {
        "id": key,
        "type": "article-journal",
        "title": title,
        "container-title": "J",
        "author": [{"family": "Doe", "given": "J."}],
        "issued": {"date-parts": [[2001]]},
        **extra,
    }
