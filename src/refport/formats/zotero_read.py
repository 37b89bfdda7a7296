"""Zotero item JSON -> model, the inverse of `zotero_write`.

Fields go back through the same slot tables; Extra is read as Zotero reads it
(CSL variables, `Family || Given` names, `type:`), plus refport's own lines.
Whatever has no place in the model (a Zotero-only field such as `rights`,
the API's `key`/`version`, an unknown Extra line) becomes a `("zotero:<name>",
value)` pair that the writer puts back where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Final

from refport.diagnostics import Diagnostic
from refport.formats.zotero_common import parse_name_variant, parse_text_variant
from refport.formats.zotero_extra import ExtraContent, decode_json_line, parse_extra
from refport.formats.zotero_maps import (
    CSL_TYPE_OF_ITEM,
    fallback_slots,
    read_as_model_field,
    role_of_creator_type,
    slots_of_type,
)
from refport.formats.zotero_schema import TYPE_FIELDS
from refport.formats.zotero_values import (
    date_from_json,
    name_parts_from_json,
    pages_from_json,
    read_access_date,
    read_name_text,
    read_pages,
    read_zotero_date,
    read_zotero_name,
)
from refport.formats.zotero_write import (
    API_PROPERTIES,
    AUTOMATIC_TAG,
    FOREIGN_CREATOR,
    foreign_creator_text,
    property_text,
)
from refport.model import DATE_FIELDS, Creator, Name, Origin, Reference, TextVariant

#: The tag `refport zotero push` marks its items with (bookkeeping, not a keyword).
PUSH_MARKER_TAG: Final = "refport"
NOT_REFERENCES: Final = frozenset({"note", "attachment", "annotation"})


@dataclass
class _Draft:
    """A reference being assembled from one item."""

    item_type: str
    values: dict[str, Any] = field(default_factory=dict)
    creators: list[Creator] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    variants: list[TextVariant] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    note: str | None = None
    #: Where in `pairs` the marks of automatic tags are (Zotero marks every
    #: tag an import translator made automatic).
    tag_marks: list[int] = field(default_factory=list)


def reference_from_item(
    item: dict[str, Any], *, number: int = 1, origin: Origin | None = None
) -> Reference | Diagnostic:
    """One reference from one item (API responses wrap the item in `data`)."""
    data = item["data"] if isinstance(item.get("data"), dict) else item
    origin = origin or Origin()
    item_type = data.get("itemType")
    if not isinstance(item_type, str) or item_type not in TYPE_FIELDS:
        return _not_a_reference(item_type, number, origin)
    draft = _Draft(item_type)
    draft.values["type"] = CSL_TYPE_OF_ITEM[item_type]
    _read_fields(draft, data)
    _read_creators(draft, data.get("creators") or [])
    _read_tags(draft, data.get("tags") or [])
    extra = data.get("extra")
    content = parse_extra(extra) if isinstance(extra, str) and extra else None
    draft.values["id"] = _citation_key(data, content) or data.get("key") or f"zotero-{number}"
    if content is not None:
        _apply_extra(draft, content)
    return Reference(
        **draft.values,
        creators=tuple(draft.creators),
        keywords=tuple(draft.keywords),
        variants=tuple(draft.variants),
        extra=tuple(draft.pairs),
        note=draft.note,
        origin=origin,
    )


def _citation_key(data: dict[str, Any], content: ExtraContent | None) -> Any:
    """The `citationKey` field, else Extra's first `citation-key:` line (which
    then is not kept as a pair: it is the id)."""
    citation_key = data.get("citationKey")
    if citation_key or content is None or content.citation_key_pair is None:
        return citation_key
    del content.pairs[content.citation_key_pair]
    return content.citation_key


def _not_a_reference(item_type: object, number: int, origin: Origin) -> Diagnostic:
    what = "a child note or attachment" if item_type in NOT_REFERENCES else "not a Zotero item"
    return Diagnostic(
        "zotero-item-skipped",
        "warning",
        f"item {number} has itemType {item_type!r}: {what}, not a reference; skipped",
        file=origin.file,
        line=origin.line,
    )


def _read_fields(draft: _Draft, data: dict[str, Any]) -> None:
    slots = slots_of_type(draft.item_type)
    filled = {key for key, value in data.items() if isinstance(value, str) and value}
    unknown: list[tuple[str, str]] = []
    for key, value in data.items():
        if key in ("itemType", "creators", "tags", "extra", "citationKey"):
            continue
        model_field = slots.get(key) or fallback_slots(draft.item_type).get(key)
        if key in API_PROPERTIES:
            draft.pairs.append((f"zotero:{key}", property_text(value)))
        elif key in filled and read_as_model_field(draft.item_type, key, filled):
            assert model_field is not None
            draft.values[model_field] = _field_value(model_field, value)
        elif value not in ("", None, [], {}):
            unknown.append((f"zotero:{key}", property_text(value)))
    draft.pairs.extend(unknown)


def _field_value(model_field: str, text: str) -> Any:
    if model_field == "page":
        return read_pages(text)
    if model_field == "accessed":
        return read_access_date(text)
    if model_field in DATE_FIELDS:
        return read_zotero_date(text)
    return text


def _read_creators(draft: _Draft, creators: list[Any]) -> None:
    for creator in creators:
        if not isinstance(creator, dict):
            continue
        creator_type = str(creator.get("creatorType", ""))
        role = role_of_creator_type(draft.item_type, creator_type)
        if role is None:
            draft.pairs.append((FOREIGN_CREATOR + creator_type, foreign_creator_text(creator)))
        else:
            draft.creators.append(Creator(role, read_zotero_name(creator)))


def _read_tags(draft: _Draft, tags: list[Any]) -> None:
    for tag in tags:
        text = tag.get("tag") if isinstance(tag, dict) else tag
        automatic = isinstance(tag, dict) and tag.get("type") == 1
        if not isinstance(text, str) or (automatic and text == PUSH_MARKER_TAG):
            continue
        draft.keywords.append(text)
        if automatic:
            draft.tag_marks.append(len(draft.pairs))
            draft.pairs.append((AUTOMATIC_TAG, text))


def _apply_extra(draft: _Draft, content: ExtraContent) -> None:
    if content.csl_type is not None:
        draft.values["type"] = content.csl_type
    extra_creators: list[Creator] = []
    for kind, name, text, key in content.values:
        if kind == "creator":
            extra_creators.append(Creator(name, read_name_text(text)))
        elif draft.values.get(name) is None:
            draft.values[name] = _extra_value(name, text)
        else:
            draft.pairs.append((f"zotero:{key}", text))
    draft.creators.extend(extra_creators)
    draft.note = content.note
    lines = sorted(content.refport, key=lambda line: _priority(*line))
    json_pairs: list[tuple[str, str]] = []
    for key, value in lines:
        if _priority(key, value) == LAST:
            draft.pairs.extend(json_pairs)
            draft.pairs.extend(content.pairs)
            json_pairs = draft.pairs
        _apply_refport(draft, key, value, json_pairs)
    if json_pairs is not draft.pairs:
        draft.pairs.extend(json_pairs)
        draft.pairs.extend(content.pairs)


LAST: Final = 3


def _priority(key: str, value: str) -> int:
    """Whole creators first, then their order, then lines that index them;
    the pair order last, once every pair is in. Otherwise line order."""
    if key == "json" and value.startswith('{"creator"'):
        return 0
    if key == "creator-order" or (key == "json" and value.startswith('{"order"')):
        return 1
    if key == "pair-order" or (key == "json" and value.startswith('{"pair-order"')):
        return LAST
    return 2


def _extra_value(model_field: str, text: str) -> Any:
    if model_field == "page":
        return read_pages(text)
    if model_field in DATE_FIELDS:
        return read_zotero_date(text)
    return text


def _apply_refport(draft: _Draft, key: str, value: str, pairs: list[tuple[str, str]]) -> None:
    """refport's own Extra lines; one that cannot be read is kept as a pair."""
    handled = False
    if key == "json":
        decoded = decode_json_line(value)
        handled = decoded is not None and _apply_exact(draft, *decoded, pairs)
    elif key == "variant":
        parsed = parse_text_variant(value)
        if parsed is not None:
            draft.variants.append(TextVariant(*parsed))
            handled = True
    elif key in ("orcid", "name-variant", "creator-order", "pair-order"):
        handled = _apply_indexed(draft, key, value)
    if not handled:
        pairs.append((f"zotero:refport-{key}", value))


def _apply_indexed(draft: _Draft, key: str, value: str) -> bool:
    if key == "orcid":
        index, _, orcid = value.partition(" ")
        return index.isdigit() and _set_name(draft, int(index), orcid=orcid)
    if key == "name-variant":
        parsed = parse_name_variant(value)
        if parsed is None or parsed[0] >= len(draft.creators):
            return False
        name = draft.creators[parsed[0]].name
        return _set_name(draft, parsed[0], variants=(*name.variants, parsed[1]))
    order = [int(p) for p in value.split() if p.isdigit()]
    items: list[Any] = draft.creators if key == "creator-order" else draft.pairs
    if sorted(order) == list(range(len(items))):
        items[:] = [items[i] for i in order]
        return True
    return key == "pair-order" and _order_around_marks(draft, order)


def _order_around_marks(draft: _Draft, order: list[int]) -> bool:
    """A pair order written for the reference's own pairs (RIS or BibTeX for
    Zotero), read from an item whose imported tags Zotero marked automatic:
    the order applies to the pairs but those marks, which go first."""
    marked = set(draft.tag_marks)
    rest = [pair for i, pair in enumerate(draft.pairs) if i not in marked]
    if not marked or sorted(order) != list(range(len(rest))):
        return False
    draft.pairs[:] = [*(draft.pairs[i] for i in draft.tag_marks), *(rest[i] for i in order)]
    return True


def _set_name(draft: _Draft, index: int, **changes: Any) -> bool:
    if not 0 <= index < len(draft.creators):
        return False
    creator = draft.creators[index]
    draft.creators[index] = replace(creator, name=replace(creator.name, **changes))
    return True


def _apply_exact(draft: _Draft, kind: str, payload: Any, pairs: list[tuple[str, str]]) -> bool:
    """`refport-json` lines: exact values no readable line could carry."""
    try:
        if kind == "pair":
            pairs.append((str(payload[0]), str(payload[1])))
        elif kind == "field":
            draft.values[str(payload[0])] = _extra_value(str(payload[0]), str(payload[1]))
        elif kind == "date":
            draft.values[str(payload[0])] = date_from_json(payload[1])
        elif kind == "raw":
            current = draft.values[str(payload[0])]
            draft.values[str(payload[0])] = replace(current, raw=payload[1])
        elif kind == "page":
            draft.values["page"] = pages_from_json(payload)
        elif kind == "name":
            index = int(payload[0])
            name = name_parts_from_json(draft.creators[index].name, payload[1])
            draft.creators[index] = replace(draft.creators[index], name=name)
        elif kind == "orcid":
            return _set_name(draft, int(payload[0]), orcid=str(payload[1]))
        elif kind == "name-variant":
            return _apply_name_variant(draft, payload)
        elif kind == "variant":
            draft.variants.append(TextVariant(*(str(p) for p in payload)))
        elif kind in ("order", "pair-order"):
            key = "creator-order" if kind == "order" else "pair-order"
            return _apply_indexed(draft, key, " ".join(map(str, payload)))
        elif kind == "creator":
            name = name_parts_from_json(Name(), payload[1])
            draft.creators.append(Creator(str(payload[0]), name))
        elif kind == "keyword":
            draft.keywords.insert(int(payload[0]), str(payload[1]))
        elif kind == "note":
            draft.note = str(payload)
        elif kind in ("type", "id"):
            draft.values[kind] = str(payload)
        else:
            return False
    except (IndexError, KeyError, TypeError, ValueError, AssertionError):
        return False
    return True


def _apply_name_variant(draft: _Draft, payload: Any) -> bool:
    from refport.model import NameVariant

    index, tag, family, given, literal = payload
    name = draft.creators[int(index)].name
    variant = NameVariant(str(tag), family, given, literal)
    return _set_name(draft, int(index), variants=(*name.variants, variant))
