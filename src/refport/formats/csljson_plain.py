"""The fast path of the CSL-JSON reader: a *plain* item, straight to `Reference`.

Most items of a real file are plain: a text id, a CSL type, text variables,
names of text parts, `page` and `keyword` as text, dates that `read_date`
reads. Such an item needs no diagnostics and keeps nothing in `extra`, so it
is built here in one loop over its keys. Anything else (a number where text
is expected, an unknown key, an alias, `custom`, a null, an odd name or date)
returns None, and `csljson_decode` reads the item with all its checks; the
two agree on every plain item (the tests hold them to it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from refport.formats.base import share
from refport.formats.csljson_dates import read_date
from refport.formats.csljson_tables import (
    BY_KEY,
    DATE,
    KEYWORDS,
    NAME_FIELD_OF,
    NAMES,
    PAGES,
    TEXT,
)
from refport.model import (
    CREATOR_ROLES,
    CSL_TYPES,
    Creator,
    Date,
    Name,
    Origin,
    Pages,
    Reference,
    parse_pages,
)

#: Plain names already read, by (role, *name items): one `Creator` for each
#: author however often they recur (the model is immutable, so sharing is safe).
SeenNames = dict[tuple[object, ...], Creator]
_ROLE_RANK: Final = {role: rank for rank, role in enumerate(CREATOR_ROLES)}
#: "12", "12-34", "12–34": page texts `parse_pages` reads with one match (a fast path).
_SIMPLE_PAGES: Final = re.compile(r"(\d+)(?:(?:-{1,3}|–|—|‒)(\d+))?")


def plain_reference(
    item: Mapping[str, object], filename: str | None, line: int | None, seen: SeenNames
) -> Reference | None:
    """The reference of a plain item, or None when the item needs the full reader."""
    ident, ref_type = item.get("id"), item.get("type")
    if type(ident) is not str or ref_type not in CSL_TYPES:
        return None
    fields: dict[str, object] = {}
    names: dict[str, list[Creator]] = {}
    for key, value in item.items():
        spec = BY_KEY.get(key)
        if spec is None:
            if key == "id" or key == "type":
                continue
            return None
        field, kind = spec
        if type(value) is str:
            if kind == TEXT:
                fields[field] = value
            elif kind == PAGES:
                fields[field] = read_pages(value)
            elif kind == KEYWORDS:
                fields[field] = tuple(map(str.strip, value.split(",")))
            else:
                return None
        elif kind == NAMES and type(value) is list:
            creators = [plain_creator(key, element, seen) for element in value]
            if not all(creators):  # a None (`in` would call each Creator's __eq__)
                return None
            names[key] = creators  # type: ignore[assignment]
        elif kind == DATE and type(value) is dict:
            date = read_date(value)
            if type(date) is not Date:
                return None
            fields[field] = date
        else:
            return None
    return Reference(
        id=ident,
        type=ref_type,
        creators=_in_role_order(names) if names else (),
        origin=Origin(filename, line),
        **fields,  # type: ignore[arg-type]
    )


def plain_creator(role: str, element: object, seen: SeenNames) -> Creator | None:
    """The creator of a name of text parts (shared through `seen`), else None."""
    if type(element) is not dict:
        return None
    key = (role, *element.items())
    try:
        known = seen.get(key)
    except TypeError:  # a list or object inside the name
        return None
    if known is not None:
        return known
    parts: dict[str, str] = {}
    for name_key, value in element.items():
        name_field = NAME_FIELD_OF.get(name_key)
        if name_field is None or type(value) is not str:
            return None
        parts[name_field] = value
    return share(seen, key, Creator(role, Name(**parts)))  # type: ignore[arg-type]


def _in_role_order(names: dict[str, list[Creator]]) -> tuple[Creator, ...]:
    if len(names) == 1:
        return tuple(*names.values())
    roles = sorted(names, key=_ROLE_RANK.__getitem__)
    return tuple(creator for role in roles for creator in names[role])


def read_pages(text: str) -> Pages:
    """`parse_pages`, without its splitting and list work for a plain range."""
    simple = _SIMPLE_PAGES.fullmatch(text)
    if simple is None:
        return parse_pages(text)
    first = simple.group(1)
    return Pages(text, first, simple.group(2) or first)
