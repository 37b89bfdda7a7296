"""CSL-JSON for Zotero's importer (`-t csljson --for zotero`).

Zotero reads CSL-JSON with `itemFromCSLJSON` (zotero/utilities), a direct
mapping: a CSL type to an item type, each CSL variable to the first field of
its list the item type has, names by role, dates from `raw`/`literal` first;
`note` becomes Extra verbatim; everything else (a variable the item type
lacks, particle keys, `keyword`, `custom`) is dropped. See
`refport/zotero/IMPORTERS.md`.

So this writer builds the Zotero item refport's Zotero JSON writer would build
(`zotero_write`: the same slots, the same Extra lines for what has no field,
the same exact `refport-json` lines), restricted to what the importer can
make, and writes the CSL-JSON that imports as exactly that item:

- the CSL type Zotero maps to that item type (`type: <real CSL type>` in Extra
  when they differ; `software`, which the translator does not detect, as
  `book`); a type Zotero's special cases would turn into another item type
  (a `broadcast` without a station becomes a podcast) is built as that type
  from the start;
- fields as Zotero's translate layer leaves them (`zotero_translate`: trimmed,
  a short title equal to the title moved to Extra), exactly in Extra where
  that changes them;
- each Zotero field under the CSL key Zotero reads into it
  (`journalAbbreviation`, `citation-key` for the id), dates as `raw` in
  Zotero's date form (Zotero stores `raw` verbatim) beside `date-parts`;
- names under the role Zotero turns into the creator type, particles and
  suffix folded into `family`/`given` as Zotero's CSL export parses them,
  in the order the importer adds them (a `refport-creator-order` line keeps
  the model's order);
- `note`: the Extra text — CSL lines, refport lines, other formats' pairs,
  `keyword: ...` (keywords cannot become tags), a blank line, the note.

Reading the imported item back with refport's Zotero reader gives the same
reference, except that keywords come back as a `zotero:keyword` pair.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from refport.diagnostics import Diagnostic
from refport.formats.csljson_dates import date_to_csl
from refport.formats.csljson_tables import ALIASES, BY_KEY, SCHEMA_ONLY, VARIABLES
from refport.formats.zotero_common import (
    ItemDraft,
    build_draft,
    order_pairs,
    place_creators,
)
from refport.formats.zotero_maps import (
    CSL_TYPE_OF_ITEM,
    DATE_FIELD_NAMES,
    ITEM_TYPE_OF_CSL,
    creator_type_for,
    primary_creator_type,
    read_as_model_field,
    resolve_field,
    slot_of,
    slots_of_type,
)
from refport.formats.zotero_read import reference_from_item
from refport.formats.zotero_schema import (
    CSL_DATE_TO_FIELD,
    CSL_NAME_OF_CREATOR,
    CSL_TEXT_TO_FIELDS,
    CSL_TYPE_TO_ITEM_TYPES,
    TYPE_CREATORS,
    TYPE_FIELDS,
)
from refport.formats.zotero_translate import keeps_short_title, stored_text, stored_title
from refport.formats.zotero_values import (
    date_to_json,
    pages_to_json,
    read_access_date,
    read_pages,
    read_zotero_name,
)
from refport.model import Creator, Name, Reference

JsonObject = dict[str, object]

#: The pair that carries the keywords: an Extra line `keyword: a, b`, which
#: Zotero's own CSL export turns back into CSL `keyword`.
KEYWORD_PAIR: Final = "zotero:keyword"

#: `itemFromCSLJSON`'s special cases: a CSL type with any of these keys
#: becomes this item type instead of the type's usual one.
SPECIAL_ITEM_TYPES: Final[dict[str, tuple[tuple[str, ...], str]]] = {
    "bill": (("publisher", "number-of-volumes"), "hearing"),
    "broadcast": (
        ("archive", "archive_location", "container-title", "event-place", "publisher",
         "publisher-place", "source"),
        "tvBroadcast",
    ),
    "book": (("version",), "computerProgram"),
    "song": (("number",), "podcast"),
    "motion_picture": (
        ("collection-title", "volume", "number-of-volumes", "ISBN"), "videoRecording",
    ),
}  # fmt: skip
#: CSL types that Zotero's CSL JSON translator does not know: its
#: `detectImport` rejects a whole file holding one (its list predates CSL
#: 1.0.2's `software`), so the type written instead. A `book` with a `version`
#: is imported as a computer program; without one it stays a book, and the
#: real type goes to Extra as `type: software`.
UNDETECTED_TYPES: Final = {"software": "book"}
#: A broadcast with both an author and a director becomes a radio broadcast.
RADIO_KEYS: Final = ("author", "director")

#: Where Zotero moves `event-place` for these item types (its "event-place hack").
EVENT_PLACE_TYPES: Final = frozenset({"audioRecording", "presentation", "videoRecording"})

#: Keys the CSL-JSON schema allows on an item (what this writer may use).
_SCHEMA_KEYS: Final = frozenset((*BY_KEY, *SCHEMA_ONLY))
#: CSL name variables in the order the importer adds their creators.
_ROLE_ORDER: Final = tuple(dict.fromkeys(CSL_NAME_OF_CREATOR.values()))
_ROLE_RANK: Final = {role: rank for rank, role in enumerate(_ROLE_ORDER)}
_KEY_RANK: Final = {
    key: rank for rank, key in enumerate((*(v[0] for v in VARIABLES), *SCHEMA_ONLY))
}


@dataclass(frozen=True, slots=True)
class Route:
    """The CSL key Zotero reads into a field of an item type, and whether a date."""

    key: str
    date: bool = False


def routes_of(item_type: str) -> dict[str, Route]:
    """Zotero field -> the CSL key `itemFromCSLJSON` fills it from, for one type
    (the schema's own key where two lead to the same field)."""
    routes: dict[str, Route] = {}
    for key, candidates in CSL_TEXT_TO_FIELDS.items():
        field = next(filter(None, (resolve_field(item_type, c) for c in candidates)), None)
        usable = key in _SCHEMA_KEYS and field not in (None, "extra")
        if usable and (field not in routes or routes[field].key in ALIASES):
            routes[str(field)] = Route(key)
    for key, base in CSL_DATE_TO_FIELD.items():
        field = resolve_field(item_type, base)
        if field is not None:
            routes[field] = Route(key, date=True)
    if item_type in EVENT_PLACE_TYPES and "place" in routes:
        routes["place"] = Route("event-place")
    return routes


ROUTES: Final = {item_type: routes_of(item_type) for item_type in TYPE_FIELDS}


def imported_item_type(csl_type: str, keys: Iterable[str]) -> str:
    """The item type Zotero's importer makes of a CSL item with these keys."""
    present = frozenset(keys)
    special = SPECIAL_ITEM_TYPES.get(csl_type)
    if special is not None and not present.isdisjoint(special[0]):
        radio = csl_type == "broadcast" and present.issuperset(RADIO_KEYS)
        return "radioBroadcast" if radio else special[1]
    return CSL_TYPE_TO_ITEM_TYPES.get(csl_type, ("document",))[0]


def written_type(item_type: str) -> str:
    """The CSL type written for an item type (one Zotero's translator detects)."""
    csl_type = CSL_TYPE_OF_ITEM[item_type]
    return UNDETECTED_TYPES.get(csl_type, csl_type)


def imported_creator_type(item_type: str, role: str) -> str | None:
    """The creator type Zotero gives a name under a CSL role (or None: dropped)."""
    first = next((c for c, r in CSL_NAME_OF_CREATOR.items() if r == role), None)
    if first is None:
        return None
    return first if first in TYPE_CREATORS[item_type] else primary_creator_type(item_type)


def role_key(creator_type: str) -> str:
    """The CSL role a creator type is written under (a primary type Zotero has
    no CSL name for, such as artist or inventor, is reached through `author`)."""
    return CSL_NAME_OF_CREATOR.get(creator_type, "author")


# --- the Zotero item the importer will make ------------------------------------------


def zotero_draft(reference: Reference) -> ItemDraft:
    """The item Zotero's CSL importer makes of what `zotero_item_csl` writes."""
    item_type = ITEM_TYPE_OF_CSL.get(reference.type, "document")
    for _ in range(3):
        draft = _draft(reference, item_type)
        imported = imported_item_type(written_type(item_type), _keys(draft))
        if imported == item_type:
            break
        item_type = imported
    wanted = [*reference.extra, *_keyword_pair(reference)]
    if len(wanted) > 1:  # the reader may collect two pairs in another order
        back = reference_from_item(draft.to_json())
        if isinstance(back, Reference) and list(back.extra) != wanted:
            order_pairs(draft.extra, list(back.extra), wanted)
    return draft


def _draft(reference: Reference, item_type: str) -> ItemDraft:
    return build_draft(reference, item_type, _place_pairs, _place_creators, _as_translated)


def _as_translated(draft: ItemDraft, reference: Reference) -> None:
    """The fields as Zotero stores them after its translate layer (trimmed, a
    novel's title without ": a novel", an access date without its time), each
    changed value exactly in Extra too; a short title equal to the title
    (`itemFromCSLJSON` sets `title` even where the item type's is `caseName`),
    which Zotero would delete, in Extra instead."""
    _trim_access_time(draft, reference)
    model_of = slots_of_type(draft.item_type)
    for slot, value in list(draft.fields.items()):
        stored = stored_title(value, draft.item_type) if slot == "title" else stored_text(value)
        if stored == value:
            continue
        if stored:
            draft.fields[slot] = stored
        else:
            del draft.fields[slot]
        _exactly(draft, reference, model_of.get(slot, "id"), stored)
    short, title = draft.fields.get("shortTitle"), slot_of(draft.item_type, "title")
    if short is not None and not keeps_short_title(short, draft.fields.get(title or "")):
        del draft.fields["shortTitle"]
        if reference.title_short == short:
            draft.extra.csl_value("title_short", short)


def _exactly(draft: ItemDraft, reference: Reference, name: str, stored: str) -> None:
    """An exact Extra line for a model field whose field Zotero will change."""
    if name == "id":
        draft.extra.exact("id", reference.id)
    elif name == "page" and reference.page is not None:
        written = read_pages(reference.page.text) != reference.page  # by `note_exact_pages`
        if not written and read_pages(stored) != reference.page:
            draft.extra.exact("page", pages_to_json(reference.page))
    elif name in DATE_FIELD_NAMES:
        draft.extra.exact("date", [name, date_to_json(getattr(reference, name))])
    else:
        draft.extra.exact("field", [name, getattr(reference, name)])


def _trim_access_time(draft: ItemDraft, reference: Reference) -> None:
    """Zotero reads an access date through `strToISO`, which drops the time."""
    slot = slot_of(draft.item_type, "accessed")
    text = draft.fields.get(slot or "")
    if slot is None or text is None or len(text) <= len("YYYY-MM-DD"):
        return
    draft.fields[slot] = text[:10]
    if reference.accessed is not None and read_access_date(text[:10]) != reference.accessed:
        draft.extra.exact("date", ["accessed", date_to_json(reference.accessed)])


def _place_creators(draft: ItemDraft, creators: tuple[Creator, ...]) -> None:
    """As the Zotero JSON writer, but in the order the importer adds names:
    grouped by CSL role in its own order, then the Extra lines."""
    ranks: dict[int, int] = {}
    placed: dict[int, dict[str, str]] = {}

    def to_array(index: int, creator: Creator, parts: dict[str, str]) -> Name | None:
        creator_type = creator_type_for(draft.item_type, creator.role)
        if (
            creator_type is None
            or imported_creator_type(draft.item_type, role_key(creator_type)) != creator_type
        ):
            return None
        ranks[index] = _ROLE_RANK[role_key(creator_type)]
        placed[index] = {"creatorType": creator_type, **parts}
        return read_zotero_name(parts)

    place_creators(draft.extra, creators, to_array, rank=ranks.__getitem__)
    draft.creators.extend(placed[i] for i in sorted(placed, key=lambda i: (ranks[i], i)))


def _place_pairs(draft: ItemDraft, reference: Reference) -> None:
    """Other formats' pairs go to Extra; a Zotero field read from a Zotero item
    goes back into its field when the importer can fill it from CSL."""
    routes = ROUTES[draft.item_type]
    for key, value in (*reference.extra, *_keyword_pair(reference)):
        name = key.removeprefix("zotero:")
        free = (
            name in routes
            and name not in draft.fields
            and not read_as_model_field(draft.item_type, name, draft.fields)
        )
        if key.startswith("zotero:") and free and value and key != KEYWORD_PAIR:
            draft.fields[name] = value
        else:
            draft.extra.pair(key, value)


def _keyword_pair(reference: Reference) -> tuple[tuple[str, str], ...]:
    return ((KEYWORD_PAIR, ", ".join(reference.keywords)),) if reference.keywords else ()


def _keys(draft: ItemDraft) -> list[str]:
    routes = ROUTES[draft.item_type]
    roles = (role_key(creator["creatorType"]) for creator in draft.creators)
    return [*(routes[field].key for field in draft.fields if field in routes), *roles]


# --- the CSL-JSON item ----------------------------------------------------------------


def zotero_item_csl(reference: Reference) -> JsonObject:
    """The CSL-JSON item that Zotero imports as `zotero_draft(reference)`."""
    draft = zotero_draft(reference)
    routes = ROUTES[draft.item_type]
    dates = _model_dates(reference, draft.item_type)
    item: JsonObject = {}
    for field, value in draft.fields.items():
        route = routes[field]
        item[route.key] = _csl_date(value, dates.get(field)) if route.date else value
    if "journalAbbreviation" in item:  # the CSL name too, for other processors
        item["container-title-short"] = item["journalAbbreviation"]
    for creator in draft.creators:
        names = item.setdefault(role_key(creator["creatorType"]), [])
        assert isinstance(names, list)
        names.append(_csl_name(creator))
    note = draft.extra.render()
    if note is not None:
        item["note"] = note
    ordered = sorted(item, key=lambda key: _KEY_RANK.get(key, len(_KEY_RANK)))
    head: JsonObject = {"id": reference.id, "type": written_type(draft.item_type)}
    return head | {key: item[key] for key in ordered}


def _model_dates(reference: Reference, item_type: str) -> dict[str, Any]:
    """Zotero date field -> the model date placed there."""
    slots = {name: slot_of(item_type, name) for name in DATE_FIELD_NAMES}
    return {slot: getattr(reference, name) for name, slot in slots.items() if slot is not None}


def _csl_date(text: str, date: Any) -> JsonObject:
    """Zotero's date text as `raw` (what Zotero stores), `date-parts` for others."""
    parts = date_to_csl(date)[0].get("date-parts") if date is not None else None
    return {"date-parts": parts, "raw": text} if parts else {"raw": text}


def _csl_name(creator: dict[str, str]) -> JsonObject:
    if "name" in creator:
        return {"literal": creator["name"]}
    parts = (("family", creator["lastName"]), ("given", creator["firstName"]))
    return {key: value for key, value in parts if value}


class ZoteroItems:
    """`zotero_item_csl` as the writer's converter; it notes, once for the whole
    file, that keywords cannot become tags through this importer."""

    def __init__(self) -> None:
        self.first_with_keywords: Reference | None = None
        self.with_keywords = 0

    def __call__(self, reference: Reference) -> tuple[JsonObject, list[Diagnostic]]:
        if reference.keywords:
            self.with_keywords += 1
            self.first_with_keywords = self.first_with_keywords or reference
        return zotero_item_csl(reference), []

    def finish(self) -> list[Diagnostic]:
        first = self.first_with_keywords
        if first is None:
            return []
        message = (
            f"Zotero's CSL JSON importer does not read `keyword`: the keywords of "
            f"{self.with_keywords} reference(s), from {first.id!r} on, go to Extra as a "
            "`keyword:` line, not to tags (`-t zotero` or `-t ris --for zotero` keep tags)"
        )
        return [
            Diagnostic(
                "zotero-tags-lost", "warning", message, refs=(first.id,), field="keyword",
                line=first.origin.line, file=first.origin.file,
            )
        ]  # fmt: skip
