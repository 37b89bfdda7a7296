"""One parsed CSL-JSON item -> `Reference`, plus the diagnostics of what was odd.

Nothing is dropped: a value the model cannot hold goes to `extra` (see
`csljson_extras`) with a warning, and the other fields still load.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Final

from refport.diagnostics import Diagnostic
from refport.formats.csljson_dates import read_date
from refport.formats.csljson_extras import NameKey, as_text, encode, kind_of, layout
from refport.formats.csljson_plain import SeenNames, plain_creator, plain_reference, read_pages
from refport.formats.csljson_tables import (
    ALIASES,
    BY_KEY,
    CUSTOM_MULTI,
    CUSTOM_ORCID,
    CUSTOM_UNKNOWN_KEYS,
    CUSTOM_UNKNOWN_NAME_KEYS,
    DATE,
    KEYWORDS,
    NAME_FIELD_OF,
    NAME_ORCID_KEY,
    NAMES,
    PAGES,
    TEXT,
)
from refport.model import (
    CREATOR_ROLES,
    CSL_TYPES,
    Creator,
    Name,
    NameVariant,
    Origin,
    Reference,
    TextVariant,
)

_NAME_VARIANT_KEYS: Final = frozenset({"family", "given", "literal"})
_TEXT_FIELD_OF: Final = {key: f for key, (f, kind) in BY_KEY.items() if kind == TEXT}
#: Model field -> its CSL key, for every kind but names (the keys the model writes).
_KEY_OF_FIELD: Final = {f: key for key, (f, kind) in BY_KEY.items() if kind != NAMES}
_ROLE_RANK: Final = {role: rank for rank, role in enumerate(CREATOR_ROLES)}
_SKIPPED: Final = frozenset({"id", "type", "custom"})

NameVariants = tuple[NameVariant, ...]
NameParts = dict[str, str]


def item_to_reference(
    item: Mapping[str, object],
    *,
    index: int = 1,
    filename: str | None = None,
    line: int | None = None,
    seen: SeenNames | None = None,
) -> tuple[Reference, list[Diagnostic]]:
    """`index` (1-based position in the file) names an item that has no id;
    `seen` carries the names met so far in the same document."""
    seen = {} if seen is None else seen
    plain = plain_reference(item, filename, line, seen)
    if plain is not None:
        return plain, []
    return read_item(item, index=index, filename=filename, line=line, seen=seen)


def read_item(
    item: Mapping[str, object],
    *,
    index: int,
    filename: str | None,
    line: int | None,
    seen: SeenNames,
) -> tuple[Reference, list[Diagnostic]]:
    """`item_to_reference` without the fast path (for an item it did not take)."""
    return _ItemReader(item, index, filename, line, seen).reference()


class _ItemReader:
    """The state of reading one item: model values and kept-aside values.

    Plain text variables (most of every item) are stored straight from the
    key table; everything else goes through the reader of its kind.
    """

    __slots__ = (
        "custom", "diagnostics", "fields", "filename", "ident", "in_name_orcids", "index",
        "item", "line", "name_extras", "name_variants", "names", "orcids", "seen", "top",
        "variants",
    )  # fmt: skip

    def __init__(
        self,
        item: Mapping[str, object],
        index: int,
        filename: str | None,
        line: int | None,
        seen: SeenNames,
    ) -> None:
        self.item, self.index, self.filename, self.line = item, index, filename, line
        self.seen = seen
        self.ident = f"item-{index}"
        self.diagnostics: list[Diagnostic] = []
        self.fields: dict[str, object] = {}
        self.names: dict[str, list[Creator]] = {}
        self.name_variants: dict[str, list[NameVariants | None]] = {}
        self.orcids: dict[NameKey, str] = {}
        self.in_name_orcids: dict[NameKey, str] = {}
        self.variants: list[TextVariant] = []
        self.top: list[tuple[str, object]] = []
        self.name_extras: list[tuple[str, int, str, object]] = []
        self.custom: list[tuple[str, object]] = []

    def reference(self) -> tuple[Reference, list[Diagnostic]]:
        self.ident = self._read_id()
        ref_type = self._read_type()
        fields, text_field_of = self.fields, _TEXT_FIELD_OF
        for key, value in self.item.items():
            text_field = text_field_of.get(key)
            if text_field is not None and type(value) is str:
                fields[text_field] = value
            elif key not in _SKIPPED:
                self._read_key(key, value)
        custom = self.item.get("custom")
        if custom is not None:
            self._read_custom(custom)
        extra: tuple[tuple[str, str], ...] = ()
        if self.top or self.name_extras or self.custom:
            extra = layout(self.top, self.name_extras, self.custom, self._written_keys())
        reference = Reference(
            id=self.ident,
            type=ref_type,
            creators=self._creators() if self.names else (),
            variants=tuple(self.variants),
            extra=extra,
            origin=Origin(self.filename, self.line),
            **fields,  # type: ignore[arg-type]
        )
        return reference, self.diagnostics

    def _written_keys(self) -> frozenset[str]:
        """The CSL keys the model part of the reference fills (see `written_keys`)."""
        roles = (role for role, names in self.names.items() if names)
        return frozenset((*(_KEY_OF_FIELD[f] for f in self.fields), *roles))

    def _warn(self, code: str, message: str, field: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(
                code, "warning", message, refs=(self.ident,), field=field,
                line=self.line, file=self.filename,
            )
        )  # fmt: skip

    # --- id and type ------------------------------------------------------

    def _read_id(self) -> str:
        value = self.item.get("id")
        if type(value) is str:
            return value
        text = as_text(value)
        if text is not None:
            return text
        if value is None:
            self._warn("id-missing", f"the entry has no id; named {self.ident!r}", "id")
        else:
            self._warn(
                "id-invalid", f"id is {kind_of(value)}; named {self.ident!r}, value kept", "id"
            )
            self.top.append(("id", value))
        return self.ident

    def _read_type(self) -> str:
        value = self.item.get("type")
        if isinstance(value, str) and value in CSL_TYPES:
            return value
        if value is None:
            self._warn("type-missing", "no type; read as 'document'", "type")
        else:
            message = f"type {value!r} is not a CSL type; read as 'document', the given type kept"
            self._warn("type-unknown", message, "type")
            self.top.append(("type", value))
        return "document"

    # --- variables ----------------------------------------------------------

    def _read_key(self, key: str, value: object) -> None:
        spec = BY_KEY.get(key)
        if spec is None and key in ALIASES and self.item.get(ALIASES[key]) is None:
            spec = BY_KEY[ALIASES[key]]
        if spec is None:
            self.top.append((key, value))
            return
        if value is None:
            return
        field_name, kind = spec
        problem = _KIND_READERS[kind](self, key, field_name, value)
        if problem is not None:
            self._warn("field-invalid", f"{key}: {problem}; kept as it is", key)
            self.top.append((key, value))

    def _text(self, key: str, field_name: str, value: object) -> str | None:
        text = as_text(value)
        if text is None:
            return f"expected text, found {kind_of(value)}"
        self.fields[field_name] = text
        return None

    def _pages(self, key: str, field_name: str, value: object) -> str | None:
        text = as_text(value)
        if text is None:
            return f"expected page text, found {kind_of(value)}"
        self.fields[field_name] = read_pages(text)
        return None

    def _keywords(self, key: str, field_name: str, value: object) -> str | None:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ", ".join(value) if value else None  # as the writer will join them
        if isinstance(value, str):
            self.fields[field_name] = tuple(part.strip() for part in value.split(","))
        elif value is not None:
            return f"expected comma-separated text, found {kind_of(value)}"
        return None

    def _date(self, key: str, field_name: str, value: object) -> str | None:
        date = read_date(value)
        if isinstance(date, str):
            return date
        self.fields[field_name] = date
        return None

    def _names(self, key: str, field_name: str, value: object) -> str | None:
        if isinstance(value, dict | str):
            self._warn("field-invalid", f"{key}: a single name, not a list of names", key)
            value = [value]
        if not isinstance(value, list):
            return f"expected a list of names, found {kind_of(value)}"
        self.names[key] = [self._name(key, i, element) for i, element in enumerate(value)]
        return None

    def _name(self, role: str, index: int, element: object) -> Creator:
        if type(element) is not dict:
            literal = element if isinstance(element, str) else encode(element)
            message = f"{role}: name {index + 1} is {kind_of(element)}, read as a literal name"
            self._warn("name-invalid", message, role)
            return Creator(role, Name(literal=literal))
        plain = plain_creator(role, element, self.seen)
        if plain is not None:
            return plain
        parts: NameParts = {}
        for name_key, value in element.items():
            name_field = NAME_FIELD_OF.get(name_key)
            if name_field is not None and type(value) is str:
                parts[name_field] = value
            else:
                self._name_key(role, index, name_key, value, parts)
        return Creator(role, Name(**parts))  # type: ignore[arg-type]

    def _name_key(self, role: str, index: int, key: str, value: object, parts: NameParts) -> None:
        """A name key that is not plain text: a number, null, an ORCID or unknown."""
        name_field, text = NAME_FIELD_OF.get(key), as_text(value)
        if name_field is not None and text is not None:
            parts[name_field] = text
        elif name_field is not None and value is None:
            return
        elif name_field is not None:
            message = f"{role}: {key} of name {index + 1} is {kind_of(value)}; kept as it is"
            self._warn("name-invalid", message, role)
            self.name_extras.append((role, index, key, value))
        elif key == NAME_ORCID_KEY and isinstance(value, str):
            self.in_name_orcids[role, index] = value
        else:
            self.name_extras.append((role, index, key, value))

    def _creators(self) -> tuple[Creator, ...]:
        roles = sorted(self.names, key=_ROLE_RANK.__getitem__)
        if not (self.orcids or self.in_name_orcids or self.name_variants):
            return tuple(creator for role in roles for creator in self.names[role])
        creators: list[Creator] = []
        for role in roles:
            variants = self.name_variants.get(role, [])
            for i, creator in enumerate(self.names[role]):
                orcid = self.orcids.get((role, i), self.in_name_orcids.get((role, i)))
                name_variants = (variants[i] if i < len(variants) else None) or ()
                if orcid is not None or name_variants:
                    name = replace(creator.name, orcid=orcid, variants=name_variants)
                    creator = Creator(role, name)
                creators.append(creator)
        return tuple(creators)

    # --- custom -------------------------------------------------------------

    def _read_custom(self, custom: object) -> None:
        if not isinstance(custom, dict):
            self._warn("field-invalid", "custom: not an object; kept as it is", "custom")
            self.top.append(("custom", custom))
            return
        for key, value in custom.items():
            reader = _CUSTOM_READERS.get(key)
            if reader is not None and reader(self, value):
                continue
            if reader is not None:
                message = f"custom.{key} is not in the shape refport reads; kept as it is"
                self._warn("custom-invalid", message, f"custom.{key}")
            self.custom.append((key, value))

    def _name_counts(self) -> dict[str, int]:
        return {role: len(names) for role, names in self.names.items()}

    def _custom_multi(self, value: object) -> bool:
        parsed = parse_multi(value, self._name_counts())
        if parsed is None:
            return False
        self.variants.extend(parsed[0])
        self.name_variants = parsed[1]
        return True

    def _custom_orcid(self, value: object) -> bool:
        lists = _parallel_lists(value, self._name_counts(), lambda e: isinstance(e, str))
        if lists is None:
            return False
        for role, entries in lists.items():
            for i, orcid in enumerate(entries):
                if not isinstance(orcid, str):
                    continue
                in_name = self.in_name_orcids.get((role, i))
                if in_name is not None and in_name != orcid:
                    self.name_extras.append((role, i, NAME_ORCID_KEY, in_name))
                self.orcids[role, i] = orcid
        return True

    def _custom_name_keys(self, value: object) -> bool:
        lists = _parallel_lists(value, self._name_counts(), lambda e: isinstance(e, dict))
        if lists is None:
            return False
        for role, entries in lists.items():
            for i, keys in enumerate(entries):
                if isinstance(keys, dict):
                    self.name_extras.extend((role, i, k, v) for k, v in keys.items())
        return True

    def _custom_unknown_keys(self, value: object) -> bool:
        if not isinstance(value, dict):
            return False
        self.top.extend(value.items())
        return True


_ItemKindReader = Callable[[_ItemReader, str, str, object], str | None]
_KIND_READERS: Final[dict[str, _ItemKindReader]] = {
    TEXT: _ItemReader._text,
    PAGES: _ItemReader._pages,
    KEYWORDS: _ItemReader._keywords,
    DATE: _ItemReader._date,
    NAMES: _ItemReader._names,
}
_CUSTOM_READERS: Final[dict[str, Callable[[_ItemReader, object], bool]]] = {
    CUSTOM_MULTI: _ItemReader._custom_multi,
    CUSTOM_ORCID: _ItemReader._custom_orcid,
    CUSTOM_UNKNOWN_NAME_KEYS: _ItemReader._custom_name_keys,
    CUSTOM_UNKNOWN_KEYS: _ItemReader._custom_unknown_keys,
}

# --- pure helpers -------------------------------------------------------------


def _parallel_lists(
    value: object, counts: Mapping[str, int], element_ok: Callable[[object], bool]
) -> dict[str, list[object]] | None:
    """`{role: [element or null, ...]}` with no more elements than the role has names."""
    if not isinstance(value, dict):
        return None
    for role, entries in value.items():
        if not isinstance(entries, list) or len(entries) > counts.get(role, 0):
            return None
        if not all(e is None or element_ok(e) for e in entries):
            return None
    return value


def _is_name_variant_map(entry: object) -> bool:
    return isinstance(entry, dict) and all(
        isinstance(v, dict)
        and set(v) <= _NAME_VARIANT_KEYS
        and all(isinstance(x, str) for x in v.values())
        for v in entry.values()
    )


def parse_multi(
    value: object, counts: Mapping[str, int]
) -> tuple[list[TextVariant], dict[str, list[NameVariants | None]]] | None:
    """`custom.multi` -> (text variants, name variants by role); None when malformed."""
    if not isinstance(value, dict):
        return None
    texts: list[TextVariant] = []
    names: dict[str, list[NameVariants | None]] = {}
    for key, entry in value.items():
        if key in CREATOR_ROLES:
            lists = _parallel_lists({key: entry}, counts, _is_name_variant_map)
            if lists is None:
                return None
            names[key] = [_name_variants(e) for e in lists[key]]
        elif key in _TEXT_FIELD_OF and isinstance(entry, dict):
            if not all(isinstance(v, str) for v in entry.values()):
                return None
            texts.extend(TextVariant(_TEXT_FIELD_OF[key], tag, text) for tag, text in entry.items())
        else:
            return None
    return texts, names


def _name_variants(entry: object) -> NameVariants | None:
    if not isinstance(entry, dict):
        return None
    return tuple(
        NameVariant(tag, family=v.get("family"), given=v.get("given"), literal=v.get("literal"))
        for tag, v in entry.items()
    )
