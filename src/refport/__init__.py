"""refport: one typed model for bibliographies, its formats, checks and rendering."""

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
