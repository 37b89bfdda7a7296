"""refport: one typed model for bibliographies, its formats, checks and rendering."""

__version__ = "0.1.0"

from refport.api import LoadResult, dump, dumps, load, loads
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

__all__ = [
    "__version__",
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
    "dump",
    "dumps",
    "load",
    "loads",
    "parse_date",
    "parse_pages",
]
