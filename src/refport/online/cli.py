"""The `--online` flags of `refport check`, and the pass they run.

`check_command.py` owns the command; it calls `add_online_arguments(parser)`
when building it and appends `run_online(args, references)` to its findings.
Nothing here touches the network unless `--online` was given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

import httpx

from refport.checks.config import find_pyproject
from refport.diagnostics import Diagnostic
from refport.model import Reference
from refport.online.cache import CacheError, DoiCache
from refport.online.codes import online_codes
from refport.online.ratelimit import SYSTEM_CLOCK
from refport.online.resolver import Resolver
from refport.online.settings import OnlineSettings, build_settings, read_pyproject_table
from refport.online.verify import verify_dois


def add_online_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "online DOI verification", "opt-in: nothing touches the network without --online"
    )
    group.add_argument(
        "--online",
        action="store_true",
        help="check every DOI against the metadata registered for it (Crossref, DataCite, "
        "mEDRA … through doi.org)",
    )
    group.add_argument(
        "--mailto",
        metavar="ADDRESS",
        help="contact address sent to Crossref (polite pool: 10 single / 3 list requests per "
        "second, 3 at a time; without it 5/1/1); also `mailto` in [tool.refport]",
    )
    group.add_argument(
        "--cache",
        metavar="PATH",
        help="SQLite cache of registered records (default: doi.sqlite in the user cache "
        "directory); also `cache` in [tool.refport]",
    )
    group.add_argument(
        "--max-age-days",
        type=float,
        metavar="DAYS",
        help="refetch cached records older than this (default 30); also `max-age-days`",
    )
    group.add_argument(
        "--offline-cache-only",
        action="store_true",
        help="use only the cache: a DOI not in it is reported doi-unreachable, nothing is fetched",
    )
    group.add_argument(
        "--suggest-dois",
        action="store_true",
        help="with --online: for references without a DOI, suggest the one registered work "
        "whose title, first author and year match (doi-missing)",
    )


def online_requested(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "online", False) or getattr(args, "offline_cache_only", False))


def _settings(
    args: argparse.Namespace, environ: Mapping[str, str] | None
) -> tuple[OnlineSettings, list[Diagnostic]]:
    config = getattr(args, "config", None)
    path = Path(config) if config else find_pyproject(Path.cwd())
    table, problems = read_pyproject_table(path)
    overrides = {"mailto": args.mailto, "cache": args.cache, "max-age-days": args.max_age_days}
    settings, invalid = build_settings(table, environ, overrides)
    settings = replace(
        settings,
        offline_cache_only=bool(args.offline_cache_only),
        suggest_dois=bool(args.suggest_dois),
    )
    return settings, problems + invalid


def _refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("--offline-cache-only: no request is made", request=request)


def _open_cache(settings: OnlineSettings, stderr: TextIO) -> DoiCache | None:
    if settings.cache_path is None:
        return None
    try:
        return DoiCache(settings.cache_path, SYSTEM_CLOCK, settings.max_age_days)
    except CacheError as error:
        print(f"refport: {error}; continuing without the cache", file=stderr)
        return None


def run_online(
    args: argparse.Namespace,
    references: Sequence[Reference],
    *,
    chosen: Collection[str] | None = None,
    client: httpx.Client | None = None,
    environ: Mapping[str, str] | None = None,
    stderr: TextIO | None = None,
) -> list[Diagnostic]:
    """The online pass for `refport check`, or nothing when it was not asked for.

    `chosen` is the set of codes select/ignore left on (None: all); the pass
    reports only those, and makes no request when none of its codes is on.
    """
    wanted = set(online_codes()) if chosen is None else set(online_codes()) & set(chosen)
    if not online_requested(args) or not wanted:
        return []
    errors = stderr if stderr is not None else sys.stderr
    settings, problems = _settings(args, environ)
    if "doi-missing" not in wanted:
        settings = replace(settings, suggest_dois=False)
    cache = _open_cache(settings, errors)
    if client is None:
        offline = settings.offline_cache_only
        client = httpx.Client(transport=httpx.MockTransport(_refuse)) if offline else httpx.Client()
    try:
        with client:
            resolver = Resolver(client, settings, cache=cache, progress=errors)
            found = verify_dois(references, resolver, suggest=settings.suggest_dois)
            return problems + [d for d in found if d.code in wanted]
    finally:
        if cache is not None:
            cache.close()
