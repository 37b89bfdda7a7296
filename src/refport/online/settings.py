"""Where the online pass sends its requests and how patient it is.

Every agency endpoint can be replaced (a mirror, a proxy, a local test
server): the command line wins over the environment, the environment over
`[tool.refport]` in pyproject.toml, and that over the defaults below.

    [tool.refport]
    doi-resolver = "https://doi.org"
    crossref-api = "https://api.crossref.org"
    datacite-api = "https://api.datacite.org"
    mailto = "editor@example.org"
    cache = "~/.cache/refport/doi.sqlite"
    max-age-days = 30
    timeout = 10          # seconds per request
    deadline = 300        # seconds for the whole online pass
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from refport.diagnostics import Diagnostic

DEFAULT_ENDPOINTS: Final = {
    "doi-resolver": "https://doi.org",
    "crossref-api": "https://api.crossref.org",
    "datacite-api": "https://api.datacite.org",
}
ENDPOINT_ENVIRONMENT: Final = {
    "doi-resolver": "REFPORT_DOI_RESOLVER",
    "crossref-api": "REFPORT_CROSSREF_API",
    "datacite-api": "REFPORT_DATACITE_API",
}
#: The `[tool.refport]` keys this pass reads, with the type each must have.
ONLINE_SETTINGS: Final[dict[str, type]] = {
    "doi-resolver": str,
    "crossref-api": str,
    "datacite-api": str,
    "mailto": str,
    "cache": str,
    "max-age-days": float,
    "timeout": float,
    "deadline": float,
}
DEFAULT_MAX_AGE_DAYS: Final = 30.0
DEFAULT_TIMEOUT: Final = 10.0
DEFAULT_DEADLINE: Final = 300.0
CACHE_FILE: Final = "doi.sqlite"


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Base URLs without a trailing slash; paths are appended to them."""

    doi_resolver: str = DEFAULT_ENDPOINTS["doi-resolver"]
    crossref_api: str = DEFAULT_ENDPOINTS["crossref-api"]
    datacite_api: str = DEFAULT_ENDPOINTS["datacite-api"]


@dataclass(frozen=True, slots=True)
class OnlineSettings:
    endpoints: Endpoints = Endpoints()
    mailto: str | None = None
    cache_path: Path | None = None  # None: no cache
    max_age_days: float = DEFAULT_MAX_AGE_DAYS
    timeout: float = DEFAULT_TIMEOUT
    deadline: float = DEFAULT_DEADLINE
    offline_cache_only: bool = False
    suggest_dois: bool = False


def default_cache_path(
    environ: Mapping[str, str] | None = None, platform: str | None = None, home: Path | None = None
) -> Path:
    """The user cache directory as platformdirs would choose it, without the dependency."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    user_home = Path.home() if home is None else home
    if system.startswith("win"):
        base = Path(env["LOCALAPPDATA"]) if env.get("LOCALAPPDATA") else user_home / "AppData/Local"
        return base / "refport" / "Cache" / CACHE_FILE
    if system == "darwin":
        return user_home / "Library" / "Caches" / "refport" / CACHE_FILE
    xdg = env.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else user_home / ".cache"
    return base / "refport" / CACHE_FILE


def _problem(message: str, source: str | None) -> Diagnostic:
    return Diagnostic("config-invalid", "error", message, file=source)


def _valid_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _typed(key: str, value: object, source: str | None) -> tuple[object, list[Diagnostic]]:
    """The value when it has the key's type, else a problem (numbers must be > 0)."""
    kind = ONLINE_SETTINGS[key]
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            return None, [_problem(f"{key} must be a positive number, not {value!r}", source)]
        return float(value), []
    if not isinstance(value, str):
        return None, [_problem(f"{key} must be a string, not {value!r}", source)]
    if key in DEFAULT_ENDPOINTS and not _valid_url(value):
        return None, [_problem(f"{key} must be an http(s) URL, not {value!r}", source)]
    return value, []


def read_pyproject_table(path: Path | None) -> tuple[dict[str, object], list[Diagnostic]]:
    """The online keys of `[tool.refport]` (other keys belong to the checks)."""
    if path is None:
        return {}, []
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}, []  # the checks' own config loader reports an unreadable file
    table = document.get("tool", {}).get("refport", {})
    return {k: v for k, v in table.items() if k in ONLINE_SETTINGS}, []


def _layered(
    table: Mapping[str, object], environ: Mapping[str, str], overrides: Mapping[str, object]
) -> dict[str, tuple[object, str | None]]:
    """Each key's value and where it came from: override > environment > file."""
    chosen: dict[str, tuple[object, str | None]] = {}
    for key, value in table.items():
        chosen[key] = (value, "pyproject.toml")
    for key, variable in ENDPOINT_ENVIRONMENT.items():
        if environ.get(variable):
            chosen[key] = (environ[variable], f"${variable}")
    for key, value in overrides.items():
        if value is not None:
            chosen[key] = (value, "command line")
    return chosen


def build_settings(
    table: Mapping[str, object],
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, object] | None = None,
) -> tuple[OnlineSettings, list[Diagnostic]]:
    """Settings from the three layers; an invalid value is reported and its default kept."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    problems: list[Diagnostic] = []
    for key, (value, source) in _layered(table, env, overrides or {}).items():
        if key not in ONLINE_SETTINGS:
            continue
        typed, found = _typed(key, value, source)
        problems += found
        if not found:
            values[key] = typed
    endpoints = Endpoints(
        *(str(values.get(k, DEFAULT_ENDPOINTS[k])).rstrip("/") for k in DEFAULT_ENDPOINTS)
    )
    cache = values.get("cache")
    settings = OnlineSettings(
        endpoints=endpoints,
        mailto=str(values["mailto"]) if values.get("mailto") else None,
        cache_path=Path(str(cache)).expanduser() if cache else default_cache_path(env),
        max_age_days=float(str(values.get("max-age-days", DEFAULT_MAX_AGE_DAYS))),
        timeout=float(str(values.get("timeout", DEFAULT_TIMEOUT))),
        deadline=float(str(values.get("deadline", DEFAULT_DEADLINE))),
    )
    return settings, problems
