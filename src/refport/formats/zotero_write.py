"""Model -> Zotero item JSON (the Web API item format).

Each value goes to the field the mapping tables give for the item type, else
to Extra (`zotero_extra`). After placing a value the writer reads it back the
way the reader will; where that would not give the same model value, an exact
`refport-json` line goes to Extra too. The result is lossless by construction,
and the tests check it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Final

from refport.formats.zotero_extra import ExtraWriter, is_safe
from refport.formats.zotero_maps import (
    CSL_TYPE_OF_ITEM,
    ITEM_TYPE_OF_CSL,
    creator_type_for,
    role_of_creator_type,
    slot_of,
    slots_of_type,
)
from refport.formats.zotero_schema import TYPE_CREATORS, TYPE_FIELDS
from refport.formats.zotero_values import (
    date_to_json,
    name_parts_to_json,
    name_text,
    pages_to_json,
    read_access_date,
    read_name_text,
    read_pages,
    read_zotero_date,
    read_zotero_name,
    same_parts,
    zotero_access_date,
    zotero_date,
    zotero_name,
)
from refport.model import STRING_FIELDS, Creator, Date, NameVariant, Reference

#: Top-level properties of an API item that are not fields (kept as extra pairs).
API_PROPERTIES: Final = (
    "key", "version", "parentItem", "collections", "relations", "dateAdded", "dateModified",
    "deleted", "inPublications",
)  # fmt: skip
#: The JSON type each API property must have to go back as a property.
PROPERTY_TYPES: Final[dict[str, type | tuple[type, ...]]] = {
    "key": str, "version": int, "parentItem": str, "collections": list, "relations": dict,
    "dateAdded": str, "dateModified": str, "deleted": (bool, int), "inPublications": bool,
}  # fmt: skip
AUTOMATIC_TAG: Final = "zotero:automatic-tag"
FOREIGN_CREATOR: Final = "zotero:creator:"
TEXT_FIELDS: Final = tuple(f for f in STRING_FIELDS if f != "note")


@dataclass
class _Item:
    item_type: str
    fields: dict[str, str] = field(default_factory=dict)
    creators: list[dict[str, str]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)
    extra: ExtraWriter = field(default_factory=ExtraWriter)

    def to_json(self) -> dict[str, Any]:
        item: dict[str, Any] = {"itemType": self.item_type}
        order = [f for f in TYPE_FIELDS[self.item_type] if f in self.fields]
        for position, name in enumerate(order):
            item[name] = self.fields[name]
            if position == 0:
                item["creators"] = self.creators
        item.setdefault("creators", self.creators)
        extra = self.extra.render()
        if extra is not None:
            item["extra"] = extra
        item["tags"] = self.tags
        item.update(self.properties)
        return item


def item_from_reference(reference: Reference) -> dict[str, Any]:
    """One Zotero item, lossless for everything the model holds."""
    draft = _draft(reference)
    item = draft.to_json()
    from refport.formats.zotero_read import reference_from_item

    back = reference_from_item(item)
    if isinstance(back, Reference) and back.extra != reference.extra:
        _order_pairs(draft, list(back.extra), list(reference.extra))
        item = draft.to_json()
    return item


def _draft(reference: Reference) -> _Item:
    item_type = ITEM_TYPE_OF_CSL.get(reference.type, "document")
    draft = _Item(item_type)
    if CSL_TYPE_OF_ITEM[item_type] != reference.type:
        draft.extra.csl_type(reference.type)
    draft.fields["citationKey"] = reference.id
    if not reference.id:
        draft.extra.exact("id", reference.id)
    for name in TEXT_FIELDS:
        value = getattr(reference, name)
        if value is not None:
            _place_text(draft, name, value)
    if reference.page is not None:
        _place_page(draft, reference)
    for name in ("issued", "accessed", "original_date", "event_date"):
        value = getattr(reference, name)
        if value is not None:
            _place_date(draft, name, value)
    _place_creators(draft, reference.creators)
    _place_variants(draft, reference)
    _place_pairs(draft, reference)
    draft.extra.note = reference.note
    return draft


def _place_text(draft: _Item, name: str, value: str) -> None:
    slot = slot_of(draft.item_type, name)
    if slot is not None and value and slot not in draft.fields:
        draft.fields[slot] = value
    else:
        draft.extra.csl_value(name, value)


def _place_page(draft: _Item, reference: Reference) -> None:
    pages = reference.page
    assert pages is not None
    _place_text(draft, "page", pages.text)
    if read_pages(pages.text) != pages:
        draft.extra.exact("page", pages_to_json(pages))


def _date_text(draft: _Item, name: str, date: Date) -> tuple[str, str | None, Date]:
    """The Zotero text of a date, its field (None: Extra) and how it reads back."""
    slot = slot_of(draft.item_type, name)
    if name == "accessed" and slot is not None:
        text = zotero_access_date(date)
        if text is not None:
            return text, slot, read_access_date(text)
        slot = None
    text = zotero_date(date)
    return text, slot, read_zotero_date(text)


def _place_date(draft: _Item, name: str, date: Date) -> None:
    text, slot, back = _date_text(draft, name, date)
    if not is_safe(text):
        draft.extra.exact("date", [name, date_to_json(date)])
        return
    if slot is not None:
        draft.fields[slot] = text
    else:
        draft.extra.csl_value(name, text)
    if back == date:
        return
    if replace(back, raw=date.raw) == date:
        draft.extra.exact("raw", [name, date.raw])
    else:
        draft.extra.exact("date", [name, date_to_json(date)])


def _place_creators(draft: _Item, creators: tuple[Creator, ...]) -> None:
    in_array: list[int] = []
    in_extra: list[int] = []
    in_json: list[int] = []
    for index, creator in enumerate(creators):
        creator_type = creator_type_for(draft.item_type, creator.role)
        parts = zotero_name(creator.name)
        text = name_text(creator.name)
        if not any(parts.values()) or not is_safe(text):
            draft.extra.exact("creator", [creator.role, name_parts_to_json(creator.name)])
            in_json.append(index)
            back = creator.name
        elif creator_type is not None:
            draft.creators.append({"creatorType": creator_type, **parts})
            back = read_zotero_name(parts)
            in_array.append(index)
        else:
            draft.extra.csl_name(creator.role, text)
            back = read_name_text(text)
            in_extra.append(index)
        if not same_parts(back, creator.name):
            draft.extra.exact("name", [index, name_parts_to_json(creator.name)])
        _place_name_details(draft, index, creator)
    positions = [*in_array, *in_extra, *in_json]
    if positions != sorted(positions):
        order = [positions.index(index) for index in range(len(creators))]
        draft.extra.line("creator-order", " ".join(map(str, order)), ("order", order))


def _place_name_details(draft: _Item, index: int, creator: Creator) -> None:
    orcid = creator.name.orcid
    if orcid is not None:
        draft.extra.line("orcid", f"{index} {orcid}", ("orcid", [index, orcid]))
    for variant in creator.name.variants:
        text = f"{index} {variant.tag}: {variant_name_text(variant)}"
        payload = [index, variant.tag, variant.family, variant.given, variant.literal]
        if parse_name_variant(text) == (index, variant):
            draft.extra.line("name-variant", text, ("name-variant", payload))
        else:
            draft.extra.exact("name-variant", payload)


def variant_name_text(variant: NameVariant) -> str:
    if variant.literal is not None:
        return variant.literal
    return f"{variant.family or ''} || {variant.given or ''}"


def parse_name_variant(text: str) -> tuple[int, NameVariant] | None:
    head, _, tail = text.partition(" ")
    tag, separator, value = tail.partition(": ")
    if not head.isdigit() or not separator:
        return None
    if " || " in value:
        family, given = value.split(" || ", 1)
        return int(head), NameVariant(tag, family or None, given or None)
    return int(head), NameVariant(tag, literal=value)


def parse_text_variant(text: str) -> tuple[str, str, str] | None:
    field_name, _, tail = text.partition(" ")
    tag, separator, value = tail.partition(": ")
    return (field_name, tag, value) if field_name and tag and separator else None


def _place_variants(draft: _Item, reference: Reference) -> None:
    for variant in reference.variants:
        text = f"{variant.field} {variant.tag}: {variant.value}"
        payload = [variant.field, variant.tag, variant.value]
        if parse_text_variant(text) == tuple(payload):
            draft.extra.line("variant", text, ("variant", payload))
        else:
            draft.extra.exact("variant", payload)


def _place_pairs(draft: _Item, reference: Reference) -> None:
    automatic = Counter(v for k, v in reference.extra if k == AUTOMATIC_TAG)
    consumed: Counter[str] = Counter()
    for index, keyword in enumerate(reference.keywords):
        if not keyword:
            draft.extra.exact("keyword", [index, keyword])
            continue
        tag: dict[str, Any] = {"tag": keyword}
        if automatic[keyword] > consumed[keyword]:
            consumed[keyword] += 1
            tag["type"] = 1
        draft.tags.append(tag)
    taken_slots = slots_of_type(draft.item_type)
    for key, value in reference.extra:
        if key == AUTOMATIC_TAG and consumed[value] > 0:
            consumed[value] -= 1
            continue
        if not _place_zotero_pair(draft, key, value, taken_slots):
            draft.extra.pair(key, value)


def _place_zotero_pair(draft: _Item, key: str, value: str, taken: dict[str, str]) -> bool:
    """Pairs the Zotero reader made from real fields go back into those fields."""
    name = key.removeprefix("zotero:")
    if not key.startswith("zotero:"):
        return False
    if name in API_PROPERTIES and name not in draft.properties:
        decoded = _decode_property(name, value)
        if decoded is None:
            return False
        draft.properties[name] = decoded
        return True
    fields = TYPE_FIELDS[draft.item_type]
    if name in fields and name not in taken and name not in draft.fields and name != "extra":
        if value:
            draft.fields[name] = value
            return True
        return False
    if name.startswith("creator:"):
        creator_type = name.removeprefix("creator:")
        allowed = creator_type in TYPE_CREATORS[draft.item_type]
        if allowed and role_of_creator_type(draft.item_type, creator_type) is None:
            parts = zotero_name(read_name_text(value))
            if foreign_creator_text(parts) == value:
                draft.creators.append({"creatorType": creator_type, **parts})
                return True
    return False


def foreign_creator_text(creator: dict[str, Any]) -> str:
    if "name" in creator:
        return str(creator["name"])
    return f"{creator.get('lastName', '')} || {creator.get('firstName', '')}"


def property_text(value: Any) -> str:
    """How the reader keeps an API property as a pair value."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _decode_property(name: str, value: str) -> Any:
    """The property's JSON value, or None when it would not read back the same."""
    decoded: Any = value
    if PROPERTY_TYPES[name] is not str:
        try:
            decoded = json.loads(value)
        except ValueError:
            return None
    valid = isinstance(decoded, PROPERTY_TYPES[name]) and decoded != ""
    if name == "collections":
        valid = valid and all(isinstance(c, str) for c in decoded)
    return decoded if valid and property_text(decoded) == value else None


def _order_pairs(draft: _Item, read: list[tuple[str, str]], wanted: list[tuple[str, str]]) -> None:
    """When the reader would collect the pairs in another order, say which."""
    if sorted(read) != sorted(wanted):
        return
    remaining = list(enumerate(read))
    order: list[int] = []
    for pair in wanted:
        position = next(i for i, (j, candidate) in enumerate(remaining) if candidate == pair)
        order.append(remaining.pop(position)[0])
    draft.extra.line("pair-order", " ".join(map(str, order)), ("pair-order", order))
