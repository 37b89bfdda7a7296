"""`Reference` -> one CSL-JSON item (a dict in the writer's key order), plus the
diagnostics of anything CSL-JSON cannot carry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from refport.diagnostics import Diagnostic
from refport.formats.csljson_dates import date_to_csl
from refport.formats.csljson_extras import Placed, place
from refport.formats.csljson_tables import (
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


def written_keys(reference: Reference) -> frozenset[str]:
    """The CSL keys the model part of `reference` fills."""
    return frozenset(key for key, field, kind in VARIABLES if _has(reference, field, kind))


def _has(reference: Reference, field: str, kind: str) -> bool:
    if kind == NAMES:
        return bool(reference.names(field))
    if kind == KEYWORDS:
        return bool(reference.keywords)
    return getattr(reference, field) is not None


def reference_to_item(reference: Reference) -> tuple[JsonObject, list[Diagnostic]]:
    return _ItemWriter(reference).item()


class _ItemWriter:
    def __init__(self, reference: Reference) -> None:
        self.ref = reference
        self.diagnostics: list[Diagnostic] = []
        counts = {role: len(reference.names(role)) for role in CREATOR_ROLES}
        self.placed: Placed = place(reference.extra, written_keys(reference), counts)
        self.writers: dict[str, Callable[[str, str], object]] = {
            TEXT: lambda key, field: getattr(self.ref, field),
            PAGES: lambda key, field: _page_text(self.ref.page),
            KEYWORDS: lambda key, field: _keyword_text(self.ref.keywords),
            DATE: self._date,
            NAMES: self._names,
        }

    def _lost(self, message: str, field: str | None = None) -> None:
        origin = self.ref.origin
        self.diagnostics.append(
            Diagnostic(
                "field-lost", "warning", f"not written to CSL-JSON: {message}",
                refs=(self.ref.id,), field=field, line=origin.line, file=origin.file,
            )
        )  # fmt: skip

    def item(self) -> tuple[JsonObject, list[Diagnostic]]:
        out: JsonObject = {"id": self.ref.id, "type": self._type()}
        for key, field, kind in VARIABLES:
            value = self.writers[kind](key, field)
            if value is not None:
                out[key] = value
        for key, value in self.placed.top:
            self._put(out, key, value, "")
        custom = self._custom()
        if custom:
            out["custom"] = custom
        if self.placed.foreign:
            self._lost(f"fields of other formats ({', '.join(self.placed.foreign)})")
        return out, self.diagnostics

    def _type(self) -> str:
        if self.ref.type in CSL_TYPES:
            return self.ref.type
        if all(key != "type" for key, _ in self.placed.unknown):
            self.placed.unknown.insert(0, ("type", self.ref.type))
        return "document"

    def _put(self, target: JsonObject, key: str, value: object, where: str) -> None:
        if key in target:
            self._lost(f"a second value for {where}{key}", where + key)
        else:
            target[key] = value

    # --- names and dates ------------------------------------------------------

    def _names(self, role: str, field: str) -> list[JsonObject] | None:
        names = self.ref.names(role)
        return [self._name(role, i, name) for i, name in enumerate(names)] or None

    def _name(self, role: str, index: int, name: Name) -> JsonObject:
        out: JsonObject = {key: getattr(name, attr) for key, attr in NAME_PARTS}
        out = {key: value for key, value in out.items() if value is not None}
        for key, value in self.placed.in_name.get((role, index), []):
            self._put(out, key, value, f"{role}[{index}].")
        return out

    def _date(self, key: str, field: str) -> JsonObject | None:
        date = cast(Date | None, getattr(self.ref, field))
        if date is None:
            return None
        out, problems = date_to_csl(date)
        for problem in problems:
            self._lost(f"{key}: {problem}", key)
        return out

    # --- custom ---------------------------------------------------------------

    def _custom(self) -> JsonObject:
        custom: JsonObject = {}
        parts = {
            CUSTOM_MULTI: self._multi(),
            CUSTOM_ORCID: self._orcids(),
            CUSTOM_UNKNOWN_NAME_KEYS: self._unknown_name_keys(),
            CUSTOM_UNKNOWN_KEYS: self._unknown_keys(),
        }
        custom.update((key, value) for key, value in parts.items() if value)
        for key, value in self.placed.custom:
            self._put(custom, key, value, "custom.")
        return custom

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
        for role in CREATOR_ROLES:
            names = self.ref.names(role)
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
        for role in CREATOR_ROLES:
            orcids = [name.orcid for name in self.ref.names(role)]
            if any(orcid is not None for orcid in orcids):
                by_role[role] = orcids
        return by_role

    def _unknown_name_keys(self) -> JsonObject:
        by_role: JsonObject = {}
        for role in CREATOR_ROLES:
            count = len(self.ref.names(role))
            entries = [
                dict(self.placed.name_unknown.get((role, i), [])) or None for i in range(count)
            ]
            if any(entries):
                by_role[role] = entries
        return by_role

    def _unknown_keys(self) -> JsonObject:
        out: JsonObject = {}
        for key, value in self.placed.unknown:
            self._put(out, key, value, "custom.unknown-keys.")
        return out


def _keyword_text(keywords: tuple[str, ...]) -> str | None:
    return ", ".join(keywords) if keywords else None


def _page_text(pages: Pages | None) -> str | None:
    return pages.text if pages is not None else None
