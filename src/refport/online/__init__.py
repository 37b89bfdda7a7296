"""The opt-in online pass of `refport check`: every DOI against the metadata
registered for it (doi.org, Crossref, DataCite), cached in SQLite.

Offline is the default; nothing here is imported by the offline checks.
"""

from refport.online.cache import CacheError, DoiCache
from refport.online.cli import add_online_arguments, online_requested, run_online
from refport.online.codes import (
    ONLINE_CHECKS,
    ONLINE_CODES,
    online_codes,
    online_codes_markdown,
    with_online_checks,
)
from refport.online.fetch import RetryPolicy, Unreachable
from refport.online.ratelimit import POLITE, PUBLIC, RateLimits
from refport.online.resolver import Resolution, Resolver
from refport.online.settings import (
    ONLINE_SETTINGS,
    Endpoints,
    OnlineSettings,
    build_settings,
    default_cache_path,
)
from refport.online.verify import OnlineReport, Outcome, check_online, verify_dois

__all__ = [
    "ONLINE_CHECKS",
    "ONLINE_CODES",
    "ONLINE_SETTINGS",
    "POLITE",
    "PUBLIC",
    "CacheError",
    "DoiCache",
    "Endpoints",
    "OnlineReport",
    "OnlineSettings",
    "Outcome",
    "RateLimits",
    "Resolution",
    "Resolver",
    "RetryPolicy",
    "Unreachable",
    "add_online_arguments",
    "build_settings",
    "check_online",
    "default_cache_path",
    "online_codes",
    "online_codes_markdown",
    "online_requested",
    "run_online",
    "verify_dois",
    "with_online_checks",
]
