"""What the three Zotero writers share: the Zotero JSON writer (`zotero_write`),
CSL-JSON for Zotero (`csljson_zotero`) and RIS for Zotero (`ris_zotero`).

All three build the item Zotero will hold and put what has no field in Extra
the same way, so a reference read back from Zotero is the same whichever path
it took. Shared here: the item draft and the placing of text, pages and dates
in its fields; the placing of creators (item's creators, an Extra name line,
or an exact JSON line), with ORCIDs, name variants and their order; text
variants; and the order of other formats' pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from refport.formats.zotero_extra import ExtraWriter, is_safe
from refport.formats.zotero_maps import CSL_TYPE_OF_ITEM, creator_type_for, slot_of
from refport.formats.zotero_schema import TYPE_FIELDS
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
from refport.model import (
    DATE_FIELDS,
    STRING_FIELDS,
    Creator,
    Date,
    Name,
    NameVariant,
    Pages,
    Reference,
)

#: Plain text fields every writer places (the note goes after Extra's lines).
TEXT_FIELDS = tuple(f for f in STRING_FIELDS if f != "note")


# --- the item being built --------------------------------------------------------------


@dataclass
class ItemDraft:
    """A Zotero item being built: its fields, creators, tags and Extra."""

    item_type: str
    fields: dict[str, str] = field(default_factory=dict)
    creators: list[dict[str, str]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)
    extra: ExtraWriter = field(default_factory=ExtraWriter)

    def to_json(self) -> dict[str, Any]:
        """The item in the Web API's form, fields in the item type's order."""
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


def build_draft(
    reference: Reference,
    item_type: str,
    pairs: Callable[[ItemDraft, Reference], None],
    creators: Callable[[ItemDraft, tuple[Creator, ...]], None] | None = None,
    after_values: Callable[[ItemDraft, Reference], None] | None = None,
) -> ItemDraft:
    """The item of one reference: the CSL type line where the item type does
    not say it, the id as `citationKey` (a `citation-key:` Extra line where
    the item type has no such field), every value in its slot or Extra,
    the creators (by default in the item type's creator types), the text
    variants, other formats' `pairs`, and the note last."""
    draft = ItemDraft(item_type)
    if CSL_TYPE_OF_ITEM[item_type] != reference.type:
        draft.extra.csl_type(reference.type)
    if reference.id and "citationKey" in TYPE_FIELDS[item_type]:
        draft.fields["citationKey"] = reference.id
    else:
        draft.extra.citation_key(reference.id)
    place_values(reference, draft.extra, partial(place_text, draft), partial(place_date, draft))
    if after_values is not None:
        after_values(draft, reference)
    (creators or place_item_creators)(draft, reference.creators)
    place_variants(draft.extra, reference)
    pairs(draft, reference)
    draft.extra.note = reference.note
    return draft


def place_values(
    reference: Reference,
    extra: ExtraWriter,
    text: Callable[[str, str], None],
    date: Callable[[str, Date], None],
) -> None:
    """Every text field, the pages and the dates, in the writers' order."""
    for name in TEXT_FIELDS:
        value = getattr(reference, name)
        if value is not None:
            text(name, value)
    if reference.page is not None:
        text("page", reference.page.text)
        note_exact_pages(extra, reference.page)
    for name in DATE_FIELDS:
        value = getattr(reference, name)
        if value is not None:
            date(name, value)


def place_text(draft: ItemDraft, name: str, value: str) -> None:
    slot = slot_of(draft.item_type, name)
    if slot is not None and value and slot not in draft.fields:
        draft.fields[slot] = value
    else:
        draft.extra.csl_value(name, value)


def note_exact_pages(extra: ExtraWriter, pages: Pages) -> None:
    """Pages whose first/last Zotero's text would not give back, exactly."""
    if read_pages(pages.text) != pages:
        extra.exact("page", pages_to_json(pages))


def place_date(draft: ItemDraft, name: str, date: Date) -> None:
    text, slot, back = _date_text(draft, name, date)
    if not is_safe(text):
        draft.extra.exact("date", [name, date_to_json(date)])
        return
    if slot is not None:
        draft.fields[slot] = text
    else:
        draft.extra.csl_value(name, text)
    note_exact_date(draft.extra, name, date, back)


def _date_text(draft: ItemDraft, name: str, date: Date) -> tuple[str, str | None, Date]:
    """The Zotero text of a date, its field (None: Extra) and how it reads back."""
    slot = slot_of(draft.item_type, name)
    if name == "accessed" and slot is not None:
        text = zotero_access_date(date)
        if text is not None:
            return text, slot, read_access_date(text)
        slot = None
    text = zotero_date(date)
    return text, slot, read_zotero_date(text)


def note_exact_date(extra: ExtraWriter, name: str, date: Date, back: Date) -> None:
    """Where Zotero's text reads back as another date: the source text, or
    failing that the whole date, exactly."""
    if back == date:
        return
    if replace(back, raw=date.raw) == date:
        extra.exact("raw", [name, date.raw])
    else:
        extra.exact("date", [name, date_to_json(date)])


# --- creators ------------------------------------------------------------------------------

#: Puts one creator among the item's creators when the path can: given the
#: creator's index, the creator and Zotero's name parts, it returns the name
#: the reader will make of what was placed, or None (then an Extra name line).
ArrayPlacer = Callable[[int, Creator, dict[str, str]], Name | None]


def place_creators(
    extra: ExtraWriter,
    creators: tuple[Creator, ...],
    to_array: ArrayPlacer,
    line_safe: Callable[[str], bool] = is_safe,
    rank: Callable[[int], int] | None = None,
) -> None:
    """Each creator in the item's creators (`to_array`), else as an Extra name
    line `role: Family || Given`, else (no name, or text no line can hold) as
    an exact JSON line; exact name parts where the reader would split the name
    otherwise; then its ORCID and name variants. The reader finds the item's
    creators first (in `rank` order, when the path groups them), then the
    Extra lines: a `refport-creator-order` line says the model's order when
    that differs."""
    in_array: list[int] = []
    in_extra: list[int] = []
    in_json: list[int] = []
    for index, creator in enumerate(creators):
        parts = zotero_name(creator.name)
        text = name_text(creator.name)
        back: Name | None
        if not any(parts.values()) or not line_safe(text):
            extra.exact("creator", [creator.role, name_parts_to_json(creator.name)])
            in_json.append(index)
            back = creator.name
        elif (back := to_array(index, creator, parts)) is not None:
            in_array.append(index)
        else:
            extra.csl_name(creator.role, text)
            back = read_name_text(text)
            in_extra.append(index)
        if not same_parts(back, creator.name):
            extra.exact("name", [index, name_parts_to_json(creator.name)])
        place_name_details(extra, index, creator)
    if rank is not None:
        in_array.sort(key=lambda index: (rank(index), index))
    positions = [*in_array, *in_extra, *in_json]
    if positions != sorted(positions):
        order = [positions.index(index) for index in range(len(creators))]
        extra.line("creator-order", " ".join(map(str, order)), ("order", order))


def place_item_creators(draft: ItemDraft, creators: tuple[Creator, ...]) -> None:
    """In the item's creators where the item type has a creator type for the role."""

    def to_array(_: int, creator: Creator, parts: dict[str, str]) -> Name | None:
        creator_type = creator_type_for(draft.item_type, creator.role)
        if creator_type is None:
            return None
        draft.creators.append({"creatorType": creator_type, **parts})
        return read_zotero_name(parts)

    place_creators(draft.extra, creators, to_array)


def place_name_details(extra: ExtraWriter, index: int, creator: Creator) -> None:
    orcid = creator.name.orcid
    if orcid is not None:
        extra.line("orcid", f"{index} {orcid}", ("orcid", [index, orcid]))
    for variant in creator.name.variants:
        text = f"{index} {variant.tag}: {variant_name_text(variant)}"
        payload = [index, variant.tag, variant.family, variant.given, variant.literal]
        if parse_name_variant(text) == (index, variant):
            extra.line("name-variant", text, ("name-variant", payload))
        else:
            extra.exact("name-variant", payload)


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


# --- text variants and pairs -------------------------------------------------------------


def place_variants(extra: ExtraWriter, reference: Reference) -> None:
    for variant in reference.variants:
        text = f"{variant.field} {variant.tag}: {variant.value}"
        payload = [variant.field, variant.tag, variant.value]
        if parse_text_variant(text) == tuple(payload):
            extra.line("variant", text, ("variant", payload))
        else:
            extra.exact("variant", payload)


def parse_text_variant(text: str) -> tuple[str, str, str] | None:
    field_name, _, tail = text.partition(" ")
    tag, separator, value = tail.partition(": ")
    return (field_name, tag, value) if field_name and tag and separator else None


def order_pairs(
    extra: ExtraWriter, read: list[tuple[str, str]], wanted: list[tuple[str, str]]
) -> None:
    """When the reader would collect the pairs in another order, say which."""
    if sorted(read) != sorted(wanted):
        return
    remaining = list(enumerate(read))
    order: list[int] = []
    for pair in wanted:
        position = next(i for i, (j, candidate) in enumerate(remaining) if candidate == pair)
        order.append(remaining.pop(position)[0])
    extra.line("pair-order", " ".join(map(str, order)), ("pair-order", order))
