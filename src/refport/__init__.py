"""refport: one typed model for bibliographies, its formats, checks and rendering.

The API, the checks and rendering are imported on first use (PEP 562), so that
`refport convert` does not pay at start-up for the checks, the CSL engine and
an HTTP client it never uses.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

__version__ = "0.1.0"

from refport.diagnostics import Diagnostic, RefportError
from refport.model import (
    Creator,
    Date,
    DatePart,
    Name,
    NameVariant,
    Origin,
    Pages,
    Reference,
    TextVariant,
    parse_date,
    parse_pages,
)

if TYPE_CHECKING:
    from refport.api import LoadResult, dump, dumps, load, loads
    from refport.checks import check
    from refport.render import render, render_result

#: Public names imported on first use, and the module each comes from.
_LAZY = {
    **dict.fromkeys(("LoadResult", "dump", "dumps", "load", "loads"), "refport.api"),
    "check": "refport.checks",
    **dict.fromkeys(("render", "render_result"), "refport.render"),
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'refport' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(types.ModuleType):
    """`refport.render` is the function, as when it was imported eagerly: the
    import system, loading the `refport.render` package, sets the package as
    this attribute, which must not hide the function."""

    @property
    def render(self) -> object:
        return importlib.import_module("refport.render").render

    @render.setter
    def render(self, value: object) -> None:
        pass


sys.modules[__name__].__class__ = _Package


__all__ = [
    "Creator",
    "Date",
    "DatePart",
    "Diagnostic",
    "LoadResult",
    "Name",
    "NameVariant",
    "Origin",
    "Pages",
    "Reference",
    "RefportError",
    "TextVariant",
    "__version__",
    "check",
    "dump",
    "dumps",
    "load",
    "loads",
    "parse_date",
    "parse_pages",
    "render",
    "render_result",
]
