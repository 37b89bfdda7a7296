"""refport: one typed model for bibliographies, its formats, checks and rendering."""

__version__ = "0.1.0"

from refport.api import LoadResult, dump, dumps, load, loads
from refport.checks import check
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
from refport.render import render, render_result

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
