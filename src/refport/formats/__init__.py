"""The formats refport reads and writes, registered explicitly in one place."""

from __future__ import annotations

from refport.formats.base import Format, FormatRegistry, WriteOptions

__all__ = ["Format", "FormatRegistry", "WriteOptions", "default_registry"]


def default_registry() -> FormatRegistry:
    """A registry holding every built-in format."""
    from refport.formats import bibtex, csljson, ris, zotero

    registry = FormatRegistry()
    for fmt in (*bibtex.FORMATS, csljson.FORMAT, ris.FORMAT, zotero.FORMAT):
        registry.add(fmt)
    return registry
