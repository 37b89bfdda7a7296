"""Indented JSON text, exactly as `json.dumps(value, ensure_ascii=False, indent=2)`
writes it, at C speed for the flat parts.

The standard library writes indented JSON in pure Python (its C encoder is
used only without `indent`), and refport writes every CSL-JSON item indented,
one key per line. So a container whose members are all scalars (a name, a
date's parts) goes through json's C encoder with the line break and the
indentation as its item separator; only the nesting is walked here. Anything
unusual (a tuple, a non-text key in a nested object) goes to `json.dumps`.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any, Final, cast

#: CPython's C encoder (None elsewhere: then json's own, slower, same text).
_C_ENCODER: Final[Any] = getattr(json.encoder, "c_make_encoder", None)
#: json's C string encoder; it raises TypeError for anything but text.
_text: Final = cast(Callable[[object], str], encode_basestring)
_SCALARS: Final = frozenset({str, int, float, bool, type(None)})
_KEYS: dict[object, str] = {}
_DEEPEST: Final = 32  # precomputed indentation levels; deeper ones are built on demand
_PADS: Final = tuple("\n" + "  " * depth for depth in range(_DEEPEST))


class FlatObjects(list[dict[str, object]]):
    """A list its builder knows to hold only non-empty objects of scalars (a
    role's names): written in one C call, without looking at each member."""


def dumps_indented(value: object, depth: int = 0) -> str:
    """The indented JSON text of `value`, every line after the first indented
    `depth` more levels (so that it can stand inside an outer array)."""
    kind = type(value)
    if kind is str:
        return _text(value)
    if kind is dict and value:
        return _object(value, depth)  # type: ignore[arg-type]
    if kind is list and value:
        return _array(value, depth)  # type: ignore[arg-type]
    if kind is FlatObjects and value and depth + 2 < _DEEPEST:
        return _flat_objects(value, depth)  # type: ignore[arg-type]
    return _standard(value, depth)


def _object(value: dict[object, object], depth: int) -> str:
    if depth + 1 >= _DEEPEST:
        return _standard(value, depth)
    inner = _PADS[depth + 1]
    for member in value.values():
        if type(member) not in _SCALARS:
            break
    else:
        return "{" + inner + _FLAT[depth + 1](value)[1:-1] + _PADS[depth] + "}"
    try:
        members = [
            (_KEYS.get(key) or _key(key))
            + (_text(member) if type(member) is str else dumps_indented(member, depth + 1))
            for key, member in value.items()
        ]
    except TypeError:  # a key that is not text: json's own rules
        return _standard(value, depth)
    return "{" + inner + ("," + inner).join(members) + _PADS[depth] + "}"


def _key(key: object) -> str:
    """`"key": `, remembered (keys recur in every item)."""
    text = _text(key) + ": "
    if len(_KEYS) < 1000:
        _KEYS[key] = text
    return text


def _array(value: list[object], depth: int) -> str:
    if depth + 2 >= _DEEPEST:
        return _standard(value, depth)
    inner = _PADS[depth + 1]
    for member in value:
        if type(member) not in _SCALARS:
            break
    else:
        return "[" + inner + _FLAT[depth + 1](value)[1:-1] + _PADS[depth] + "]"
    if all(type(member) is dict and member and _flat_object(member) for member in value):
        return _flat_objects(value, depth)
    members = [dumps_indented(member, depth + 1) for member in value]
    return "[" + inner + ("," + inner).join(members) + _PADS[depth] + "]"


def _flat_object(value: dict[object, object]) -> bool:
    return all(type(member) in _SCALARS for member in value.values())


def _flat_objects(value: list[object], depth: int) -> str:
    """A list of non-empty flat objects (a role's names) in one C call: encoded
    with the members' separator, the `},<break>{` between objects (which no
    string can hold: its line break would be escaped) is re-indented."""
    inner, members = _PADS[depth + 1], _PADS[depth + 2]
    body = _FLAT[depth + 2](value)[2:-2].replace("}," + members + "{", _BETWEEN[depth])
    return "[" + inner + "{" + members + body + inner + "}" + _PADS[depth] + "]"


def _standard(value: object, depth: int) -> str:
    """What json itself writes (scalars, empty or deep containers, tuples)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * depth) if depth else text


def _flat_encoder(separator: str) -> Callable[[object], str]:
    if _C_ENCODER is None:  # pragma: no cover
        return json.JSONEncoder(ensure_ascii=False, separators=(separator, ": ")).encode
    encode = _C_ENCODER(
        None, _not_json, encode_basestring, None, ": ", separator, False, False, True
    )
    return lambda value: "".join(encode(value, 0))


def _not_json(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


#: Compact JSON whose members are separated by a line break at each depth.
_FLAT: Final = tuple(_flat_encoder("," + pad) for pad in _PADS)
#: What stands between two objects of a list at each depth.
_BETWEEN: Final = tuple(
    _PADS[depth + 1] + "}," + _PADS[depth + 1] + "{" + _PADS[depth + 2]
    for depth in range(_DEEPEST - 2)
)
