"""Fixtures the format tests share: the CSL-JSON schema (from `../shared`)
and a validator for it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def csl_schema(shared_or_skip: Callable[[str], Path]) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        shared_or_skip("schemas/csl-data.json").read_text(encoding="utf-8")
    )
    return schema


@pytest.fixture(scope="module")
def validate(csl_schema: dict[str, Any]) -> Callable[[str], None]:
    """Raises unless the text is a CSL-JSON document the CSL 1.0.2 schema accepts."""
    import jsonschema

    validator = jsonschema.Draft7Validator(csl_schema)
    return lambda text: validator.validate(json.loads(text))
