"""What refport's mixins use of citeproc-py's element classes, for the type
checker only: annotations create no class attributes, so a mixin that derives
from `Node` still reaches citeproc-py's methods through the MRO."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Node:
    """The citeproc-py element API the mixins call (see the module)."""

    attrib: Any
    get: Callable[..., Any]
    get_root: Callable[[], Any]
    get_formatter: Callable[[], Any]
    get_macro: Callable[[str], Any]
    get_single_term: Callable[..., Any]
    join: Callable[..., Any]
    preformat: Callable[[Any], Any]
    render_children: Callable[..., Any]
    _variable: Callable[..., Any]
    _process: Callable[..., Any]
    format_number: Callable[[Any], Any]
    unicode_character: Callable[[str], str]
    _term: Callable[..., Any]
