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
from typing import Any, Final

from refport.formats.zotero_common import (
    ItemDraft,
    build_draft,
    order_pairs,
)
from refport.formats.zotero_maps import (
    ITEM_TYPE_OF_CSL,
    read_as_model_field,
    role_of_creator_type,
)
from refport.formats.zotero_schema import TYPE_CREATORS, TYPE_FIELDS
from refport.formats.zotero_values import read_name_text, zotero_name
from refport.model import Reference

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


def item_from_reference(reference: Reference) -> dict[str, Any]:
    """One Zotero item, lossless for everything the model holds."""
    draft = _draft(reference)
    item = draft.to_json()
    from refport.formats.zotero_read import reference_from_item

    back = reference_from_item(item)
    if isinstance(back, Reference) and back.extra != reference.extra:
        order_pairs(draft.extra, list(back.extra), list(reference.extra))
        item = draft.to_json()
    return item


def _draft(reference: Reference) -> ItemDraft:
    item_type = ITEM_TYPE_OF_CSL.get(reference.type, "document")
    return build_draft(reference, item_type, _place_pairs)


def _place_pairs(draft: ItemDraft, reference: Reference) -> None:
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
    for key, value in reference.extra:
        if key == AUTOMATIC_TAG and consumed[value] > 0:
            consumed[value] -= 1
            continue
        if not _place_zotero_pair(draft, key, value):
            draft.extra.pair(key, value)


def _place_zotero_pair(draft: ItemDraft, key: str, value: str) -> bool:
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
    free = name not in draft.fields and not read_as_model_field(draft.item_type, name, draft.fields)
    if name in fields and free and name != "extra":
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
