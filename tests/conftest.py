"""Shared test fixtures: where the fixture files and `../shared` are, and the
Hypothesis profiles (`HYPOTHESIS_PROFILE=slow` for the long property runs).

Test modules import the shared strategies as `strategies` (this folder is on
`sys.path` because it holds this conftest) or as `tests.strategies` (the
clone's root is appended below).

`../shared` (schemas, seeds) sits beside the clone in the development setup
but not in every checkout; tests that need it skip, with one stated reason,
only when the whole folder is absent. A missing file inside it is a failure.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES_DIR = ROOT / "fixtures"
SHARED_DIR = ROOT.parent / "shared"
SHARED_MISSING = "../shared not present beside the clone"

if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("slow", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def shared_or_skip(relative: str = "") -> Path:
    """A path inside `../shared`; skips the test only when `../shared` is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(SHARED_MISSING)
    return SHARED_DIR / relative


# Session-scoped so that module-scoped fixtures and Hypothesis tests can use them.
# Use the fixtures rather than `from conftest import ...`: other folders have a
# conftest.py too, and whichever is imported last owns the name `conftest`.


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES_DIR


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` as a path (it may not exist: use `shared_or_skip` to read it)."""
    return SHARED_DIR


@pytest.fixture(name="shared_or_skip", scope="session")
def shared_or_skip_fixture() -> Callable[[str], Path]:
    """`shared_or_skip("schemas/csl-data.json")`: the path, or a skip when
    `../shared` is absent."""
    return shared_or_skip
