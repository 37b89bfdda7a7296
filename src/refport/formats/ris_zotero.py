"""RIS tuned for Zotero's importer: `-t ris --for zotero`.

Zotero's RIS.js keeps a field only under the tag it reads for that item type
and drops every other line (`refport/zotero/IMPORTERS.md`). So each record is
written the way Zotero's own item JSON would hold it (`zotero_write`'s
tables: item type, the field each value lands in, the creator type, Zotero's
date and name forms), and then:

* `TY` is the type RIS.js imports as that item type (item types no TY reaches
  use a close one, `ris_zotero_tables.ITEM_TYPE_FALLBACKS`, plus `type: ...`);
* a field goes under the tag RIS.js reads into it for the type (T2 is the
  conference name of a CONF and the series of a BOOK, C3 the proceedings, A3
  a book's editor...), as text RIS.js stores unchanged;
* everything else goes on `M2` lines, which RIS.js appends to Extra one line
  each: the CSL lines first (`type: ...`, `citation-key: ...`, `original-title:
  ...`, names as `editor: Family || Given`), then refport's own lines and other
  formats' fields, exactly as the Zotero JSON writer lays out Extra
  (`zotero_extra.ExtraWriter`); a value RIS.js would change also goes there
  exactly (`refport-json`), so refport reads Zotero's item back unchanged;
* one `KW` per keyword; an organisation with a comma in its name goes to
  Extra (RIS.js would split it into family and given); the note is `N1`,
  which Zotero makes a child note.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from dataclasses import replace as with_changes
from functools import cache

from refport.formats.ris_zotero_tables import (
    ITEM_TYPE_FALLBACKS,
    creator_tags,
    field_tags,
    write_type,
)
from refport.formats.ris_zotero_values import (
    creator_text,
    doi_survives,
    escape,
    keyword_survives,
    m2_text,
    note_lines,
    note_survives,
    ris_access_date,
    ris_text,
    stored_date,
    survives_line,
)
from refport.formats.zotero_extra import ExtraWriter, is_safe
from refport.formats.zotero_maps import (
    CSL_TYPE_OF_ITEM,
    CSL_VARIABLE_OF_FIELD,
    ITEM_TYPE_OF_CSL,
    creator_type_for,
    role_of_creator_type,
    slot_of,
    slots_of_type,
)
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
from refport.formats.zotero_write import (
    FOREIGN_CREATOR,
    TEXT_FIELDS,
    foreign_creator_text,
    parse_name_variant,
    parse_text_variant,
    variant_name_text,
)
from refport.model import DATE_FIELDS, Creator, Date, Reference

Line = tuple[str, str]
_CITATION_KEY = "citation-key"
_KEY_PAIR = -1  # the `citation-key:` line's place among the pairs refport reads
_ZOTERO = "zotero:"
_FOREIGN = FOREIGN_CREATOR


@dataclass
class _M2Extra(ExtraWriter):
    """Extra as M2 lines: a value that would not pass one M2 line intact
    (see `survives_line`) goes to its exact `refport-json` form instead."""

    has_citation_key: bool = False

    def csl_value(self, model_field: str, text: str) -> None:
        if survives_line(f"{CSL_VARIABLE_OF_FIELD[model_field]}: {text}"):
            super().csl_value(model_field, text)
        else:
            self.exact("field", [model_field, text])

    def line(self, key: str, value: str, fallback: tuple[str, object]) -> None:
        if survives_line(value):
            super().line(key, value, fallback)
        else:
            self.exact(*fallback)

    def pair(self, key: str, value: str) -> None:
        line_key = key.removeprefix("zotero:")
        if survives_line(line_key) and survives_line(value):
            super().pair(key, value)
        else:
            self.exact("pair", [key, value])

    def citation_key(self, key: str) -> None:
        if is_safe(key) and survives_line(key):
            self.csl.append(f"{_CITATION_KEY}: {key}")
            self.has_citation_key = True
        else:
            self.exact("id", key)

    def m2_lines(self) -> list[Line]:
        rendered = self.render()
        return [("M2", m2_text(line)) for line in rendered.split("\n")] if rendered else []


@dataclass
class _Draft:
    """One record, and what Zotero will hold once RIS.js has read it."""

    item_type: str
    head: list[Line] = field(default_factory=list)  # TI, then the creators in order
    body: list[Line] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # Zotero field -> stored value
    extra: _M2Extra = field(default_factory=_M2Extra)

    def place(self, tag: str, text: str, slot: str, stored: str) -> None:
        (self.head if tag == "TI" else self.body).append((tag, text))
        self.fields[slot] = stored


def zotero_record_lines(reference: Reference) -> list[Line]:
    """The record's lines for Zotero, TY first, without ER."""
    item_type = zotero_item_type(reference.type)
    draft = _Draft(item_type)
    if CSL_TYPE_OF_ITEM[item_type] != reference.type:
        draft.extra.csl_type(reference.type)
    draft.extra.citation_key(reference.id)
    for name in TEXT_FIELDS:
        value = getattr(reference, name)
        if value is not None:
            _place_text(draft, name, value)
    if reference.page is not None:
        _place_text(draft, "page", reference.page.text)
        if read_pages(reference.page.text) != reference.page:
            draft.extra.exact("page", pages_to_json(reference.page))
    for name in DATE_FIELDS:
        date = getattr(reference, name)
        if date is not None:
            _place_date(draft, name, date)
    _place_creators(draft, reference.creators)
    _place_variants(draft, reference)
    keywords = list(_keyword_lines(draft, reference.keywords))
    _place_pairs(draft, reference.extra)
    note = _note_lines(draft, reference)
    type_line = ("TY", write_type(item_type, reference.type))
    return [type_line, *draft.head, *draft.body, *keywords, *note, *draft.extra.m2_lines()]


@cache
def zotero_item_type(csl_type: str) -> str:
    """The Zotero item type a record of this CSL type is imported as."""
    item_type = ITEM_TYPE_OF_CSL.get(csl_type, "document")
    return ITEM_TYPE_FALLBACKS.get(item_type, item_type)


@cache
def _slot(item_type: str, model_field: str) -> str | None:
    return slot_of(item_type, model_field)


# --- fields ------------------------------------------------------------------------------


def _place_text(draft: _Draft, name: str, value: str) -> None:
    slot = _slot(draft.item_type, name)
    tag = _tag_for(draft, slot, value)
    written = ris_text(tag, value) if tag is not None else None
    if slot is None or tag is None or written is None or slot in draft.fields:
        draft.extra.csl_value(name, value)
        return
    text, stored = written
    draft.place(tag, text, slot, stored)
    if stored != value:
        draft.extra.exact("field", [name, value])


def _tag_for(draft: _Draft, slot: str | None, value: str) -> str | None:
    """The tag RIS.js reads into `slot`, unless RIS.js would alter this value
    there: it cleans DOIs, takes a URL with "PM:" for a PubMed ID, and fills an
    empty title or journal from the short title or journal abbreviation."""
    tag = field_tags(draft.item_type).get(slot) if slot is not None else None
    if tag is None:
        return None
    if slot == "DOI" and not doi_survives(value):
        return None
    if slot == "url" and "PM:" in value:
        return None
    if slot == "journalAbbreviation" and "publicationTitle" not in draft.fields:
        return None
    title = _slot(draft.item_type, "title")
    if slot == "shortTitle" and title not in draft.fields:
        return None
    return tag


# --- dates --------------------------------------------------------------------------------


def _place_date(draft: _Draft, name: str, date: Date) -> None:
    """Mirrors the Zotero JSON writer: the date's Zotero text in its field (DA,
    Y2) when RIS.js stores it as Zotero would, else in Extra; exact forms in
    Extra where reading Zotero's text back would give another date."""
    slot = _slot(draft.item_type, name)
    placed = _date_placement(draft, name, slot, date)
    if placed is None:
        text = zotero_date(date)
        if not is_safe(text):
            draft.extra.exact("date", [name, date_to_json(date)])
            return
        draft.extra.csl_value(name, text)
        back = read_zotero_date(text)
    else:
        tag, written, stored = placed
        assert slot is not None
        draft.place(tag, written, slot, stored)
        back = read_access_date(stored) if name == "accessed" else read_zotero_date(stored)
    if back == date:
        return
    if with_changes(back, raw=date.raw) == date:
        draft.extra.exact("raw", [name, date.raw])
    else:
        draft.extra.exact("date", [name, date_to_json(date)])


def _date_placement(
    draft: _Draft, name: str, slot: str | None, date: Date
) -> tuple[str, str, str] | None:
    """(tag, text to write, what Zotero stores), or None for Extra."""
    tag = field_tags(draft.item_type).get(slot) if slot is not None else None
    if tag is None:
        return None
    if name == "accessed":
        iso = zotero_access_date(date)
        if iso is None:
            return None
        day = iso[:10]
        return tag, ris_access_date(day), day
    written = ris_text(tag, zotero_date(date))
    stored = stored_date(written[1]) if written is not None else None
    if written is None or stored is None:
        return None
    return tag, written[0], stored


# --- creators ------------------------------------------------------------------------------


def _place_creators(draft: _Draft, creators: tuple[Creator, ...]) -> None:
    """Mirrors the Zotero JSON writer's creators: under the type's tag when
    RIS.js reads the name back as Zotero's name parts, else an Extra name line."""
    in_array: list[int] = []
    in_extra: list[int] = []
    in_json: list[int] = []
    tags = creator_tags(draft.item_type)
    for index, creator in enumerate(creators):
        creator_type = creator_type_for(draft.item_type, creator.role)
        tag = tags.get(creator_type) if creator_type is not None else None
        parts = zotero_name(creator.name)
        text = name_text(creator.name)
        written = creator_text(parts) if tag is not None else None
        if not any(parts.values()) or not (is_safe(text) and survives_line(text)):
            draft.extra.exact("creator", [creator.role, name_parts_to_json(creator.name)])
            in_json.append(index)
            back = creator.name
        elif tag is not None and written is not None:
            draft.head.append((tag, written[0]))
            back = read_zotero_name(written[1])
            in_array.append(index)
        else:
            draft.extra.csl_name(creator.role, text)
            back = read_name_text(text)
            in_extra.append(index)
        if not same_parts(back, creator.name):
            draft.extra.exact("name", [index, name_parts_to_json(creator.name)])
        _place_name_details(draft.extra, index, creator)
    positions = [*in_array, *in_extra, *in_json]
    if positions != sorted(positions):
        order = [positions.index(index) for index in range(len(creators))]
        draft.extra.line("creator-order", " ".join(map(str, order)), ("order", order))


def _place_name_details(extra: ExtraWriter, index: int, creator: Creator) -> None:
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


def _place_variants(draft: _Draft, reference: Reference) -> None:
    for variant in reference.variants:
        text = f"{variant.field} {variant.tag}: {variant.value}"
        payload = [variant.field, variant.tag, variant.value]
        if parse_text_variant(text) == tuple(payload):
            draft.extra.line("variant", text, ("variant", payload))
        else:
            draft.extra.exact("variant", payload)


# --- keywords, other formats' fields, the note -----------------------------------------------


def _keyword_lines(draft: _Draft, keywords: tuple[str, ...]) -> Iterator[Line]:
    """One KW per keyword RIS.js keeps whole; a lone KW is also split at commas."""
    whole = [i for i, keyword in enumerate(keywords) if keyword_survives(keyword)]
    if len(whole) == 1 and "," in keywords[whole[0]]:
        whole = []
    kept = set(whole)
    for index, keyword in enumerate(keywords):
        if index in kept:
            yield "KW", escape(keyword)
        else:
            draft.extra.exact("keyword", [index, keyword])


def _place_pairs(draft: _Draft, pairs: tuple[tuple[str, str], ...]) -> None:
    """A pair the Zotero reader made of a Zotero field or creator goes back
    there when RIS has a tag for it; every other pair to Extra. refport reads
    such fields, then such creators, then exact (JSON) pairs, then the plain
    lines (the `citation-key:` line among them: it has no model field either);
    a `pair-order` line restores the pairs' own order."""
    in_fields: list[tuple[int, int]] = []
    in_creators: list[int] = []
    plain: list[int] = []
    exact: list[int] = []
    for index, (key, value) in enumerate(pairs):
        rank = _pair_to_field(draft, key, value)
        if rank is not None:
            in_fields.append((rank, index))
        elif _pair_to_creator(draft, key, value):
            in_creators.append(index)
        else:
            before = len(draft.extra.pairs)
            draft.extra.pair(key, value)
            (plain if len(draft.extra.pairs) > before else exact).append(index)
    key_line = [_KEY_PAIR] if draft.extra.has_citation_key else []
    read = [*(index for _, index in sorted(in_fields)), *in_creators, *exact, *key_line, *plain]
    wanted: list[int] = list(range(len(pairs)))
    if key_line:
        wanted.insert(read.index(_KEY_PAIR), _KEY_PAIR)
    if read != wanted:
        order = [read.index(index) for index in wanted]
        draft.extra.line("pair-order", " ".join(map(str, order)), ("pair-order", order))


def _pair_to_field(draft: _Draft, key: str, value: str) -> int | None:
    """A Zotero-only field (`zotero:rights`) under its tag; its rank in the
    item type's fields (the order refport reads them in), or None."""
    name = key.removeprefix(_ZOTERO)
    fields = TYPE_FIELDS[draft.item_type]
    if not key.startswith(_ZOTERO) or name not in fields or name == "extra":
        return None
    if name in draft.fields or name in slots_of_type(draft.item_type):
        return None
    tag = field_tags(draft.item_type).get(name)
    written = ris_text(tag, value) if tag is not None else None
    if tag is None or written is None or written[1] != value:
        return None
    draft.place(tag, written[0], name, value)
    return fields.index(name)


def _pair_to_creator(draft: _Draft, key: str, value: str) -> bool:
    """A creator of a type with no CSL role (`zotero:creator:wordsBy`) under its tag."""
    creator_type = key.removeprefix(_FOREIGN)
    tag = creator_tags(draft.item_type).get(creator_type)
    if not key.startswith(_FOREIGN) or tag is None:
        return False
    if role_of_creator_type(draft.item_type, creator_type) is not None:
        return False
    written = creator_text(zotero_name(read_name_text(value)))
    if written is None or foreign_creator_text(written[1]) != value:
        return False
    draft.head.append((tag, written[0]))
    return True


def _note_lines(draft: _Draft, reference: Reference) -> list[Line]:
    note = reference.note
    if note is None:
        return []
    title = draft.fields.get(_slot(draft.item_type, "title") or "")
    if note_survives(note, title):
        return [("N1", note_lines(note))]
    draft.extra.exact("note", note)
    return []
