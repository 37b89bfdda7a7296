"""Shared paths and data for the rendering tests."""

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
