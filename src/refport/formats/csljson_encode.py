"""`Reference` -> one CSL-JSON item (a dict in the writer's key order), plus the
diagnostics of anything CSL-JSON cannot carry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import compress
from operator import attrgetter, is_not
from typing import Any, Final, TypeVar, cast

from refport.diagnostics import Diagnostic
from refport.formats.csljson_dates import date_to_csl
from refport.formats.csljson_dump import FlatObjects
from refport.formats.csljson_extras import Placed, place
from refport.formats.csljson_tables import (
    BY_KEY,
    CUSTOM_MULTI,
    CUSTOM_ORCID,
    CUSTOM_UNKNOWN_KEYS,
    CUSTOM_UNKNOWN_NAME_KEYS,
    DATE,
    KEY_OF_FIELD,
    KEYWORDS,
    NAME_PARTS,
    NAMES,
    PAGES,
    TEXT,
    VARIABLES,
)
from refport.model import CREATOR_ROLES, CSL_TYPES, Date, Name, Pages, Reference

JsonObject = dict[str, object]
_T = TypeVar("_T")
Converter = Callable[["_ItemWriter", str, Any], object]

_ROLE_RANK: Final = {role: rank for rank, role in enumerate(CREATOR_ROLES)}
_FIRST_ROLE: Final = min(i for i, (_, _, kind) in enumerate(VARIABLES) if kind == NAMES)
_AFTER_ROLES: Final = max(i for i, (_, _, kind) in enumerate(VARIABLES) if kind == NAMES) + 1
#: The variables before and after the name block, in the writer's key order.
_HEAD: Final = VARIABLES[:_FIRST_ROLE]
_TAIL: Final = VARIABLES[_AFTER_ROLES:]
assert all(kind != NAMES for _, _, kind in (*_HEAD, *_TAIL)), "names must be one block"
_HEAD_KEYS: Final = tuple(key for key, _, _ in _HEAD)
_HEAD_VALUES: Final = attrgetter(*(field for _, field, _ in _HEAD))
_TAIL_VALUES: Final = attrgetter(*(field for _, field, _ in _TAIL))
_NAME_KEYS: Final = tuple(key for key, _ in NAME_PARTS)
_NAME_VALUES: Final = attrgetter(*(attr for _, attr in NAME_PARTS))
_NONES: Final = (None,) * len(VARIABLES)
_NAMES_WRITTEN_MAX: Final = 50_000


def _present(keys: Iterable[_T], values: tuple[object, ...]) -> Iterator[tuple[_T, Any]]:
    """(key, value) for the values that are not None, without a Python-level loop."""
    return compress(zip(keys, values, strict=True), map(is_not, values, _NONES))


def written_keys(reference: Reference) -> frozenset[str]:
    """The CSL keys the model part of `reference` fills."""
    keys = [key for key, _ in _present(_HEAD_KEYS, _HEAD_VALUES(reference))]
    keys += [key for key, _, _ in _TAIL if _has(reference, key)]
    keys += [creator.role for creator in reference.creators if creator.role in _ROLE_RANK]
    return frozenset(keys)


def _has(reference: Reference, key: str) -> bool:
    field, kind = BY_KEY[key]
    value = getattr(reference, field)
    return bool(value) if kind == KEYWORDS else value is not None


#: Name objects already written, by `id` (the entry holds the name, so the id
#: stays its own): a writer renders each recurring author's object once.
NamesWritten = dict[int, tuple[Name, JsonObject]]


def reference_to_item(
    reference: Reference, written: NamesWritten | None = None
) -> tuple[JsonObject, list[Diagnostic]]:
    """`written` lets name objects be shared between items: only for a caller
    that renders each item at once and never changes it (the writer)."""
    return _ItemWriter(reference, written).item()


class _ItemWriter:
    __slots__ = ("by_role", "details", "diagnostics", "names_written", "placed", "ref")

    def __init__(self, reference: Reference, written: NamesWritten | None = None) -> None:
        self.ref = reference
        self.names_written = written
        self.diagnostics: list[Diagnostic] = []
        self.by_role: dict[str, list[Name]] = {}
        self.details = False  # does a name have an ORCID or script variants?
        for creator in reference.creators:
            name = creator.name
            self.by_role.setdefault(creator.role, []).append(name)
            self.details = self.details or name.orcid is not None or bool(name.variants)
        self.placed: Placed | None = None
        if reference.extra or reference.type not in CSL_TYPES:
            counts = {role: len(names) for role, names in self.by_role.items()}
            self.placed = place(reference.extra, written_keys(reference), counts)

    def _lost(self, message: str, field: str | None = None) -> None:
        origin = self.ref.origin
        self.diagnostics.append(
            Diagnostic(
                "field-lost", "warning", f"not written to CSL-JSON: {message}",
                refs=(self.ref.id,), field=field, line=origin.line, file=origin.file,
            )
        )  # fmt: skip

    def item(self) -> tuple[JsonObject, list[Diagnostic]]:
        ref = self.ref
        out: JsonObject = {"id": ref.id, "type": self._type()}
        out.update(_present(_HEAD_KEYS, _HEAD_VALUES(ref)))
        if self.by_role:
            self._names(out)
        for (key, convert), value in _present(_TAIL_PLAN, _TAIL_VALUES(ref)):
            if convert is not None:
                value = convert(self, key, value)
                if value is None:
                    continue
            out[key] = value
        if self.placed is not None or ref.variants or self.details:
            self._finish(out)
        return out, self.diagnostics

    def _finish(self, out: JsonObject) -> None:
        """Extras, `custom` and what could not be written: only when there are any."""
        placed = self.placed or Placed()
        for key, value in placed.top:
            self._put(out, key, value, "")
        custom = self._custom(placed)
        if custom:
            out["custom"] = custom
        if placed.foreign:
            self._lost(f"fields of other formats ({', '.join(placed.foreign)})")

    def _type(self) -> str:
        if self.ref.type in CSL_TYPES:
            return self.ref.type
        assert self.placed is not None
        if all(key != "type" for key, _ in self.placed.unknown):
            self.placed.unknown.insert(0, ("type", self.ref.type))
        return "document"

    def _put(self, target: JsonObject, key: str, value: object, where: str) -> None:
        if key in target:
            self._lost(f"a second value for {where}{key}", where + key)
        else:
            target[key] = value

    # --- names and dates ------------------------------------------------------

    def _names(self, out: JsonObject) -> None:
        roles = list(self.by_role)
        if len(roles) > 1:
            roles.sort(key=lambda role: _ROLE_RANK.get(role, len(_ROLE_RANK)))
        for role in roles:
            names = self.by_role[role]
            if role not in _ROLE_RANK:
                self._lost(f"{len(names)} name(s) in the role {role!r}, not a CSL role", role)
                continue
            written = self.names_written
            if written is not None and self.placed is None:  # the usual case: no extras
                objects = []
                for i, name in enumerate(names):
                    known = written.get(id(name))
                    objects.append(
                        known[1]
                        if known is not None and known[0] is name
                        else self._name(role, i, name)
                    )
            else:
                objects = [self._name(role, i, name) for i, name in enumerate(names)]
            out[role] = FlatObjects(objects) if all(objects) else objects

    def _name(self, role: str, index: int, name: Name) -> JsonObject:
        in_name = self.placed.in_name.get((role, index)) if self.placed is not None else None
        written = self.names_written
        if written is not None and not in_name:
            known = written.get(id(name))
            if known is not None and known[0] is name:
                return known[1]
        out: JsonObject = dict(_present(_NAME_KEYS, _NAME_VALUES(name)))
        if in_name:
            for key, value in in_name:
                self._put(out, key, value, f"{role}[{index}].")
        elif written is not None:
            if len(written) >= _NAMES_WRITTEN_MAX:
                written.clear()
            written[id(name)] = (name, out)
        return out

    def _date(self, key: str, date: Date) -> JsonObject:
        out, problems = date_to_csl(date)
        for problem in problems:
            self._lost(f"{key}: {problem}", key)
        return out

    # --- custom ---------------------------------------------------------------

    def _custom(self, placed: Placed) -> JsonObject:
        custom: JsonObject = {}
        parts = {
            CUSTOM_MULTI: self._multi(),
            CUSTOM_ORCID: self._orcids(),
            CUSTOM_UNKNOWN_NAME_KEYS: self._unknown_name_keys(placed),
            CUSTOM_UNKNOWN_KEYS: self._unknown_keys(placed),
        }
        custom.update((key, value) for key, value in parts.items() if value)
        for key, value in placed.custom:
            self._put(custom, key, value, "custom.")
        return custom

    def _known_roles(self) -> list[tuple[str, list[Name]]]:
        known = (role for role in self.by_role if role in _ROLE_RANK)
        return [(role, self.by_role[role]) for role in sorted(known, key=_ROLE_RANK.__getitem__)]

    def _multi(self) -> JsonObject:
        multi: dict[str, object] = {}
        for variant in self.ref.variants:
            key = KEY_OF_FIELD.get(variant.field)
            if key is None:
                self._lost(f"a {variant.tag} variant of {variant.field}", variant.field)
                continue
            tags = cast(dict[str, str], multi.setdefault(key, {}))
            if variant.tag in tags:
                self._lost(f"a second {variant.tag} variant of {variant.field}", variant.field)
                continue
            tags[variant.tag] = variant.value
        for role, names in self._known_roles():
            if any(name.variants for name in names):
                multi[role] = [self._name_variants(role, name) or None for name in names]
        return multi

    def _name_variants(self, role: str, name: Name) -> JsonObject:
        out: JsonObject = {}
        for variant in name.variants:
            parts = {"family": variant.family, "given": variant.given, "literal": variant.literal}
            value = {key: text for key, text in parts.items() if text is not None}
            self._put(out, variant.tag, value, f"{role} variant ")
        return out

    def _orcids(self) -> JsonObject:
        by_role: JsonObject = {}
        for role, names in self._known_roles():
            orcids = [name.orcid for name in names]
            if any(orcid is not None for orcid in orcids):
                by_role[role] = orcids
        return by_role

    def _unknown_name_keys(self, placed: Placed) -> JsonObject:
        by_role: JsonObject = {}
        for role, names in self._known_roles():
            entries = [
                dict(placed.name_unknown.get((role, i), [])) or None for i in range(len(names))
            ]
            if any(entries):
                by_role[role] = entries
        return by_role

    def _unknown_keys(self, placed: Placed) -> JsonObject:
        out: JsonObject = {}
        for key, value in placed.unknown:
            self._put(out, key, value, "custom.unknown-keys.")
        return out


def _keyword_text(writer: _ItemWriter, key: str, keywords: tuple[str, ...]) -> str | None:
    return ", ".join(keywords) if keywords else None


def _page_text(writer: _ItemWriter, key: str, pages: Pages) -> str:
    return pages.text


_CONVERTERS: Final[dict[str, Converter | None]] = {
    TEXT: None,
    PAGES: _page_text,
    KEYWORDS: _keyword_text,
    DATE: _ItemWriter._date,
}
#: (CSL key, how the model value becomes JSON) for the variables after the names.
_TAIL_PLAN: Final = tuple((key, _CONVERTERS[kind]) for key, _, kind in _TAIL)
