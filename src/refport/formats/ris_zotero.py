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
  which Zotero makes a child note;
* the id is the `citation-key: ...` line, which refport's Zotero reader takes
  as the id; Zotero's translate layer (`zotero_translate`) is accounted for
  like RIS.js: a title it would change, a short title it would delete.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, partial

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
from refport.formats.zotero_common import (
    note_exact_date,
    place_creators,
    place_values,
    place_variants,
)
from refport.formats.zotero_extra import ExtraWriter, is_safe
from refport.formats.zotero_maps import (
    CSL_TYPE_OF_ITEM,
    CSL_VARIABLE_OF_FIELD,
    ITEM_TYPE_OF_CSL,
    creator_type_for,
    fallback_slots,
    read_as_model_field,
    role_of_creator_type,
    slot_of,
)
from refport.formats.zotero_schema import TYPE_FIELDS
from refport.formats.zotero_translate import keeps_short_title, stored_title
from refport.formats.zotero_values import (
    date_to_json,
    read_access_date,
    read_name_text,
    read_zotero_date,
    read_zotero_name,
    zotero_access_date,
    zotero_date,
    zotero_name,
)
from refport.formats.zotero_write import FOREIGN_CREATOR, foreign_creator_text
from refport.model import Creator, Date, Name, Reference

Line = tuple[str, str]
_ZOTERO = "zotero:"
_FOREIGN = FOREIGN_CREATOR


@dataclass
class _M2Extra(ExtraWriter):
    """Extra as M2 lines: a value that would not pass one M2 line intact
    (see `survives_line`) goes to its exact `refport-json` form instead."""

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

    def safe(self, text: str) -> bool:
        return is_safe(text) and survives_line(text)

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
    place_values(reference, draft.extra, partial(_place_text, draft), partial(_place_date, draft))
    _place_creators(draft, reference.creators)
    place_variants(draft.extra, reference)
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


@cache
def _slots(item_type: str, model_field: str) -> tuple[str, ...]:
    """The model field's slot, then the fields the reader falls back to for it."""
    slot = slot_of(item_type, model_field)
    fallbacks = [f for f, m in fallback_slots(item_type).items() if m == model_field]
    return (slot, *fallbacks) if slot is not None else ()


# --- fields ------------------------------------------------------------------------------


def _place_text(draft: _Draft, name: str, value: str) -> None:
    """Under the tag RIS.js reads into the field's slot, or into a fallback
    field the reader takes for it (a journal article's series is `series`,
    T3, where its slot `seriesTitle` has no tag); else in Extra."""
    for slot in _slots(draft.item_type, name):
        tag = _tag_for(draft, slot, value)
        written = ris_text(tag, value) if tag is not None else None
        if tag is not None and written is not None and slot not in draft.fields:
            break
    else:
        draft.extra.csl_value(name, value)
        return
    text, stored = written
    if slot == "title":
        stored = stored_title(stored, draft.item_type)
    draft.place(tag, text, slot, stored)
    if stored != value:
        draft.extra.exact("field", [name, value])


def _tag_for(draft: _Draft, slot: str | None, value: str) -> str | None:
    """The tag RIS.js reads into `slot`, unless Zotero would alter this value
    there: RIS.js cleans DOIs, takes a URL with "PM:" for a PubMed ID, and
    fills an empty journal from the journal abbreviation and an empty `title`
    field (a case's is `caseName`) from the short title, and Zotero's
    translate layer then drops a short title equal to the title."""
    tag = field_tags(draft.item_type).get(slot) if slot is not None else None
    if tag is None:
        return None
    if slot == "DOI" and not doi_survives(value):
        return None
    if slot == "url" and "PM:" in value:
        return None
    if slot == "journalAbbreviation" and "publicationTitle" not in draft.fields:
        return None
    if slot == "shortTitle":
        title, written = draft.fields.get("title"), ris_text(tag, value)
        if title is None or written is None or not keeps_short_title(written[1], title):
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
    note_exact_date(draft.extra, name, date, back)


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
    tags = creator_tags(draft.item_type)

    def to_array(_: int, creator: Creator, parts: dict[str, str]) -> Name | None:
        creator_type = creator_type_for(draft.item_type, creator.role)
        tag = tags.get(creator_type) if creator_type is not None else None
        written = creator_text(parts) if tag is not None else None
        if tag is None or written is None:
            return None
        draft.head.append((tag, written[0]))
        return read_zotero_name(written[1])

    place_creators(draft.extra, creators, to_array, _line_safe)


def _line_safe(text: str) -> bool:
    return is_safe(text) and survives_line(text)


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
    lines; a `pair-order` line restores the pairs' own order."""
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
    read = [*(index for _, index in sorted(in_fields)), *in_creators, *exact, *plain]
    wanted = list(range(len(pairs)))
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
    if name in draft.fields or read_as_model_field(draft.item_type, name, draft.fields):
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
