"""`[tool.refport]` in the checked project's pyproject.toml, found the way ruff
finds its settings: the nearest pyproject.toml with a `[tool.refport]` table,
from the current directory upward (or the file `--config` names).

    [tool.refport]
    select = ["doi-", "duplicate"]     # codes, or families ending in "-"
    ignore = ["url-doi"]
    fail-on = "error"                  # or "warning" (the default)

    [tool.refport.date-invalid]
    allow-future-years = 1
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from refport.diagnostics import Diagnostic

FAIL_ON_LEVELS: Final = ("warning", "error")
#: Settings a check reads from `[tool.refport.<code>]`, with their type.
CHECK_SETTINGS: Final[dict[str, dict[str, type]]] = {
    "date-invalid": {"allow-future-years": int},
}
#: Top-level keys of `[tool.refport]`; the online pass's keys are listed here
#: literally (importing them from refport.online would be an import cycle).
TOP_KEYS: Final = frozenset(
    {
        "select", "ignore", "fail-on", "doi-resolver", "crossref-api", "datacite-api",
        "mailto", "cache", "max-age-days", "timeout", "deadline",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    settings: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    path: Path | None = None


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has `[tool.refport]`."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_refport_table(candidate):
            return candidate
    return None


def _has_refport_table(path: Path) -> bool:
    try:
        return "refport" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let load_config report what is wrong with it


def unknown_codes(patterns: Iterable[str], codes: Iterable[str]) -> list[str]:
    """Patterns that name no check: neither a code nor a prefix ending in "-"."""
    known = list(codes)
    return [
        p for p in patterns
        if p not in known and not (p.endswith("-") and any(c.startswith(p) for c in known))
    ]  # fmt: skip


def _problem(path: Path, message: str) -> Diagnostic:
    return Diagnostic("config-invalid", "error", message, file=str(path))


Problems = list[Diagnostic]


def _string_list(
    table: Mapping[str, object], key: str, path: Path
) -> tuple[tuple[str, ...], Problems]:
    value = table.get(key, [])
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value), []
    return (), [_problem(path, f"[tool.refport] {key} must be a list of check codes")]


def _settings(
    table: Mapping[str, object], codes: list[str], path: Path
) -> tuple[dict[str, dict[str, object]], Problems]:
    settings: dict[str, dict[str, object]] = {}
    problems: Problems = []
    for code, values in table.items():
        if code in TOP_KEYS:
            continue
        if code not in codes or not isinstance(values, dict):
            problems.append(_problem(path, f"[tool.refport] has an unknown key {code!r}"))
            continue
        allowed = CHECK_SETTINGS.get(code, {})
        for key, value in values.items():
            kind = allowed.get(key)
            if kind is None:
                problems.append(_problem(path, f"[tool.refport.{code}] has no setting {key!r}"))
            elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
                problems.append(
                    _problem(
                        path, f"[tool.refport.{code}] {key} must be a non-negative {kind.__name__}"
                    )
                )
            else:
                settings.setdefault(code, {})[key] = value
    return settings, problems


def load_config(path: Path, codes: Iterable[str]) -> tuple[Config, list[Diagnostic]]:
    """Read `[tool.refport]` from one pyproject.toml; problems come back as
    `config-invalid` diagnostics, and the config keeps what was valid."""
    known = list(codes)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        return Config(path=path), [_problem(path, f"cannot read: {error.strerror}")]
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Config(path=path), [_problem(path, f"not valid TOML: {error}")]
    table = document.get("tool", {}).get("refport", {})
    select, select_problems = _string_list(table, "select", path)
    ignore, ignore_problems = _string_list(table, "ignore", path)
    problems = select_problems + ignore_problems
    for pattern in unknown_codes((*select, *ignore), known):
        problems.append(_problem(path, f"[tool.refport] names an unknown check {pattern!r}"))
    fail_on = table.get("fail-on", "warning")
    if fail_on not in FAIL_ON_LEVELS:
        levels = ", ".join(FAIL_ON_LEVELS)
        problems.append(_problem(path, f"[tool.refport] fail-on must be one of {levels}"))
        fail_on = "warning"
    settings, setting_problems = _settings(table, known, path)
    config = Config(select, ignore, str(fail_on), settings, path)
    return config, problems + setting_problems
