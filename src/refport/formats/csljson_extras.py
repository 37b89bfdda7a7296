"""Where the CSL-JSON keys the model has no field for live, in `extra` and on disk.

Each is kept as ("csljson:<where>", <the value as compact JSON text>):

- `csljson:<key>`: a top-level key. Written back at the top level when the
  schema has the key and allows the value's type there (`SCHEMA_ONLY`), and
  otherwise into `custom["unknown-keys"][<key>]`, because the schema forbids
  extra keys on an item (`additionalProperties: false`).
- `csljson:<role>[<i>].<key>`: a key of the i-th (0-based) name of a role.
  Written back in the name object when the schema allows it there, otherwise
  into `custom["unknown-name-keys"][<role>][<i>]`, a list parallel to the names.
- `csljson:custom.<key>`: a key of `custom` that refport does not read.

The reader lists them in that order (keys that go back to the top level, name
keys, keys bound for `custom.unknown-keys`, then `custom`), each group in
source order, so that read -> write -> read gives the same tuple.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from refport.formats.csljson_tables import (
    ALIASES,
    DATE,
    DATE_KEYS,
    NAME_SCHEMA_ONLY,
    SCHEMA_ONLY,
    STRING,
    STRING_LIST,
    STRING_OR_NUMBER,
)
from refport.model import CREATOR_ROLES

PREFIX: Final = "csljson:"
CUSTOM_PREFIX: Final = "custom."
_NAME_KEY: Final = re.compile(r"(?P<role>[a-z-]+)\[(?P<index>\d+)\]\.(?P<key>.+)", re.DOTALL)
_ROLE_RANK: Final = {role: rank for rank, role in enumerate(CREATOR_ROLES)}

NameKey = tuple[str, int]  # (role, 0-based index within the role)


def encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> object:
    """The JSON value of an extra; text that is not JSON is taken as a string
    (another component may have put a plain value there)."""
    try:
        return json.loads(text, parse_constant=str)  # no NaN: the output must be JSON
    except ValueError:
        return text


def kind_of(value: object) -> str:
    """How a JSON value is called in messages."""
    if value is None:
        return "null"
    names = {bool: "a boolean", str: "text", list: "a list", dict: "an object"}
    return names.get(type(value), "a number")


def as_text(value: object) -> str | None:
    """Text as given; a JSON number as its decimal text (CSL allows `"volume": 35`)."""
    if isinstance(value, str):
        return value
    if is_number(value):
        return json.dumps(value)
    return None


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_schema_date(value: object) -> bool:
    if not isinstance(value, dict) or not set(value) <= DATE_KEYS:
        return False
    parts = value.get("date-parts", [[0]])
    parts_ok = (
        isinstance(parts, list)
        and 1 <= len(parts) <= 2
        and all(
            isinstance(p, list)
            and 1 <= len(p) <= 3
            and all(isinstance(x, str) or is_number(x) for x in p)
            for p in parts
        )
    )
    season, circa = value.get("season", ""), value.get("circa", "")
    return (
        parts_ok
        and (isinstance(season, str) or is_number(season))
        and isinstance(circa, str | int | float)
        and all(isinstance(value.get(k, ""), str) for k in ("literal", "raw"))
    )


_KIND_CHECKS: Final[dict[str, Callable[[object], bool]]] = {
    STRING: lambda v: isinstance(v, str),
    STRING_OR_NUMBER: lambda v: isinstance(v, str) or is_number(v),
    STRING_LIST: lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    DATE: _is_schema_date,
}


def fits_top_level(key: str, value: object, written: frozenset[str]) -> bool:
    """May this extra go back at the top level? (`written`: keys the model writes.)

    An alias goes back only beside the key it stands for: alone, the reader
    would take it into the model.
    """
    kind = SCHEMA_ONLY.get(key)
    if kind is None or key in written:
        return False
    if key in ALIASES and ALIASES[key] not in written:
        return False
    return bool(_KIND_CHECKS[kind](value))


def fits_name(key: str, value: object) -> bool:
    return key in NAME_SCHEMA_ONLY and isinstance(value, str | int | float)


def layout(
    top: Iterable[tuple[str, object]],
    names: Iterable[tuple[str, int, str, object]],
    custom: Iterable[tuple[str, object]],
    written: frozenset[str],
) -> tuple[tuple[str, str], ...]:
    """The reader's `extra` tuple, in the order the writer reproduces."""
    top = list(top)
    fit = [(k, v) for k, v in top if fits_top_level(k, v, written)]
    rest = [(k, v) for k, v in top if not fits_top_level(k, v, written)]
    ordered_names = sorted(
        names,
        key=lambda n: (_ROLE_RANK.get(n[0], len(_ROLE_RANK)), n[1], not fits_name(n[2], n[3])),
    )
    return (
        *((PREFIX + k, encode(v)) for k, v in fit),
        *((f"{PREFIX}{role}[{i}].{k}", encode(v)) for role, i, k, v in ordered_names),
        *((PREFIX + k, encode(v)) for k, v in rest),
        *((PREFIX + CUSTOM_PREFIX + k, encode(v)) for k, v in custom),
    )


@dataclass(slots=True)
class Placed:
    """One reference's extras sorted by where the writer puts them."""

    top: list[tuple[str, object]] = field(default_factory=list)
    unknown: list[tuple[str, object]] = field(default_factory=list)
    in_name: dict[NameKey, list[tuple[str, object]]] = field(default_factory=dict)
    name_unknown: dict[NameKey, list[tuple[str, object]]] = field(default_factory=dict)
    custom: list[tuple[str, object]] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


def place(
    extra: Iterable[tuple[str, str]], written: frozenset[str], name_counts: Mapping[str, int]
) -> Placed:
    placed = Placed()
    for full_key, text in extra:
        if not full_key.startswith(PREFIX):
            placed.foreign.append(full_key)
            continue
        key, value = full_key[len(PREFIX) :], decode(text)
        name_key = _name_key(key, name_counts)
        if key.startswith(CUSTOM_PREFIX):
            placed.custom.append((key[len(CUSTOM_PREFIX) :], value))
        elif name_key is not None:
            (role, index), inner = name_key
            target = placed.in_name if fits_name(inner, value) else placed.name_unknown
            target.setdefault((role, index), []).append((inner, value))
        elif fits_top_level(key, value, written):
            placed.top.append((key, value))
        else:
            placed.unknown.append((key, value))
    return placed


def _name_key(key: str, name_counts: Mapping[str, int]) -> tuple[NameKey, str] | None:
    match = _NAME_KEY.fullmatch(key)
    if match is None:
        return None
    role, index = match["role"], int(match["index"])
    if index >= name_counts.get(role, 0):
        return None
    return (role, index), match["key"]
