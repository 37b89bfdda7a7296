"""Where each `--for zotero` writer puts one model field: a probe reference
holding the field is written beside a base reference without it, and what
differs between the two outputs says where the value went.

The landing table (`landing`) is built from these answers, so it says what
the writers do today. What Zotero's importers then do with each place is
fixed by their own tables (`ris_zotero_tables`, `bibtex_zotero_tables`,
`csljson_zotero.ROUTES`); the tests import the probes with models of RIS.js,
BibTeX.js and `itemFromCSLJSON` and check every answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Final

from refport.formats.bibtex_zotero import (
    ID_LOSS,
    Loss,
    bibtexjs_landing,
    zotero_entry_fields,
)
from refport.formats.csljson_zotero import ROUTES, imported_item_type, zotero_item_csl
from refport.formats.ris_zotero import zotero_record_lines
from refport.formats.zotero_extra import split_line
from refport.formats.zotero_maps import CSL_TYPE_OF_ITEM, ITEM_TYPE_OF_CSL
from refport.formats.zotero_schema import CSL_NAME_OF_CREATOR
from refport.formats.zotero_write import item_from_reference
from refport.model import (
    CREATOR_ROLES,
    CSL_TYPES,
    DATE_FIELDS,
    STRING_FIELDS,
    Creator,
    Date,
    DatePart,
    Name,
    NameVariant,
    Reference,
    TextVariant,
    parse_pages,
)
from refport.zotero.importers import CHILD_NOTE, IN_EXTRA, KEPT, LOST

#: The export paths, in the table's column order.
PATHS: Final = ("zotero", "ris", "bibtex", "csljson")

# --- probe values ----------------------------------------------------------------------

#: A value for each plain field that every writer takes as it is.
PROBE_TEXT: Final[dict[str, str]] = {
    "title": "Probe title", "title_short": "Probe short title",
    "container_title": "Probe container", "container_title_short": "Probe cont.",
    "collection_title": "Probe series", "collection_number": "44",
    "original_title": "Probe original title", "volume": "71", "issue": "72",
    "number_of_pages": "380", "number_of_volumes": "5", "edition": "8", "chapter_number": "9",
    "section": "Probe section", "publisher": "Probe publisher",
    "publisher_place": "Probe place", "original_publisher": "Probe original publisher",
    "original_publisher_place": "Probe original place", "event_title": "Probe event",
    "event_place": "Probe event place", "genre": "Probe genre", "medium": "Probe medium",
    "status": "Probe status", "number": "N-4711", "version": "1.2.3", "authority": "Probe court",
    "archive": "Probe archive", "archive_location": "Box 17", "call_number": "QA76",
    "source": "Probe catalog", "doi": "10.5555/probe.42", "isbn": "978-3-16-148410-0",
    "issn": "1234-5679", "pmid": "31415926", "pmcid": "PMC2718281",
    "url": "https://example.org/probe", "language": "de", "abstract": "Probe abstract.",
    "note": "Probe note.", "annote": "Probe annotation.", "year_suffix": "b",
}  # fmt: skip
#: Dates as a reader builds them from date parts (no source text to keep).
PROBE_DATES: Final[dict[str, Date]] = {
    "issued": Date(DatePart(2020, 11, 10)), "accessed": Date(DatePart(2024, 7, 20)),
    "original_date": Date(DatePart(1925)), "event_date": Date(DatePart(2019, 6, 15)),
}  # fmt: skip
BASE_TITLE: Final = "Base title"
PERSON: Final = Name(family="Probefamily", given="Probegiven")
#: Rows of single roles; all other roles share one row.
OWN_ROW_ROLES: Final = ("author", "editor", "translator", "container-author", "collection-editor")

Changes = Mapping[str, object]


@dataclass(frozen=True, slots=True)
class Condition:
    """A kind of value a writer treats otherwise, and a probe holding one
    (`around`: a change to the base too, such as a field taken away)."""

    text: str
    changes: Changes
    around: bool = False


@dataclass(frozen=True, slots=True)
class Unit:
    """One probe: a reference without the value, and with it."""

    label: str  # the item type (or CSL type, or "role in item type") it stands for
    base: Reference
    probe: Reference


@dataclass(frozen=True)
class Row:
    """A row of the landing table: what is probed, and over which units."""

    name: str
    label: str
    noun: str  # what the units are, for "(3 item types)"
    units: tuple[Unit, ...]
    conditions: tuple[Condition, ...] = ()
    #: The role of a creators row ("<role>" for the row of many roles).
    role: str | None = None


# --- the rows ----------------------------------------------------------------------------

#: A representative CSL type per Zotero item type refport writes.
ITEM_TYPES: Final = tuple(sorted(set(ITEM_TYPE_OF_CSL.values())))
REPRESENTATIVE: Final = {item_type: CSL_TYPE_OF_ITEM[item_type] for item_type in ITEM_TYPES}

#: Values some writers treat otherwise than the row's probe, per row.
CONDITIONS: Final[dict[str, tuple[Condition, ...]]] = {
    "doi": (Condition("a DOI Zotero's `cleanDOI` would change (a doi.org URL)",
                      {"doi": "https://doi.org/10.5555/probe.42"}),),
    "issued": (Condition("a date with no year (`forthcoming`)",
                         {"issued": Date(literal="forthcoming")}),),
    "accessed": (Condition("not a full date (`2024-07`)", {"accessed": Date(DatePart(2024, 7))}),),
    "container_title_short": (
        Condition("without a container title", {"container_title": None}, around=True),),
    "title": (Condition("a book's title ending in \": a novel\"",
                        {"title": "Probe title: A Novel"}),),
    "title_short": (Condition("without a title", {"title": None}, around=True),
                    Condition("equal to the title", {"title_short": BASE_TITLE})),
    "note": (Condition("the note is the title", {"note": BASE_TITLE}),
             Condition("a ProCite-style note (`Edition: 2`)", {"note": "Edition: 2"})),
    "keywords": (Condition("one keyword with a comma", {"keywords": ("war, peace",)}),),
    "organisations": (Condition(
        "a name with a comma",
        {"creators": (Creator("author", Name(literal="University of California, Berkeley")),)},
    ),),
    "extra": (
        Condition("a BibTeX field BibTeX.js reads (`copyright`)",
                  {"extra": (("bibtex:copyright", "CC BY"),)}),
        Condition("a Zotero field read from Zotero (`zotero:rights`)",
                  {"extra": (("zotero:rights", "CC BY"),)}),
    ),
}  # fmt: skip

ROW_LABELS: Final[dict[str, str]] = {
    "creators:<role>": "creators (other roles)",
    "organisations": "creators (organisations)",
    "name_particles": "name particles, suffix",
    "orcid": "ORCID",
    "name_variants": "name script variants",
    "variants": "title/container script variants",
    "extra": "other formats' fields (`extra`)",
}


def _base(csl_type: str, **changes: object) -> Reference:
    return Reference("probe", csl_type, title=BASE_TITLE).with_changes(**changes)


def _field_row(name: str) -> Row:
    """A plain field: the probe adds the field to a titled base (the title
    row's base has none; a short journal title's base has the journal)."""
    value: object = PROBE_DATES.get(name) or PROBE_TEXT.get(name)
    if name == "page":
        value = parse_pages("73-79")
    units = []
    for item_type, csl_type in REPRESENTATIVE.items():
        base = _base(csl_type)
        if name == "title":
            base = base.with_changes(title=None)
        if name == "container_title_short":
            base = base.with_changes(container_title=PROBE_TEXT["container_title"])
        units.append(Unit(item_type, base, base.with_changes(**{name: value})))
    return Row(name, f"`{name}`", "item types", tuple(units), CONDITIONS.get(name, ()))


def _per_item_type(name: str, base: Changes, probe: Changes) -> Row:
    units = tuple(
        Unit(item_type, _base(csl, **base), _base(csl, **{**base, **probe}))
        for item_type, csl in REPRESENTATIVE.items()
    )
    label = ROW_LABELS.get(name, f"`{name}`")
    return Row(name, label, "item types", units, CONDITIONS.get(name, ()))


def _creator_rows() -> list[Row]:
    rows = []
    for role in OWN_ROW_ROLES:
        row = _per_item_type(f"creators:{role}", {}, {"creators": (Creator(role, PERSON),)})
        rows.append(Row(row.name, f"creators (`{role}`)", row.noun, row.units, role=role))
    others = tuple(
        Unit(f"{role} in {item_type}", _base(csl),
             _base(csl, creators=(Creator(role, PERSON),)))
        for role in CREATOR_ROLES if role not in OWN_ROW_ROLES
        for item_type, csl in REPRESENTATIVE.items()
    )  # fmt: skip
    name = "creators:<role>"
    rows.append(Row(name, ROW_LABELS[name], "role × item type pairs", others, role="<role>"))
    return rows


def _type_row() -> Row:
    units = tuple(Unit(csl, _base(csl), _base(csl)) for csl in sorted(CSL_TYPES))
    return Row("type", "`type`", "CSL types", units)


def _id_row() -> Row:
    units = tuple(
        Unit(item_type, _base(csl), _base(csl, id="probe-key"))
        for item_type, csl in REPRESENTATIVE.items()
    )
    return Row("id", "`id`", "item types", units)


@cache
def rows() -> tuple[Row, ...]:
    """Every row of the table, in the model's order."""
    person = {"creators": (Creator("author", PERSON),)}
    with_particles = Name(family="Gogh", given="Vincent", non_dropping_particle="van",
                          dropping_particle="de", suffix="Jr.")  # fmt: skip
    found = [_id_row(), _type_row()]
    found += [_field_row(name) for name in STRING_FIELDS[:8]]
    found += _creator_rows()
    found += [
        _per_item_type("organisations", {},
                       {"creators": (Creator("author", Name(literal="Probe Institute")),)}),
        _per_item_type("name_particles", {"creators": (Creator("author", Name("Gogh", "V")),)},
                       {"creators": (Creator("author", with_particles),)}),
        _per_item_type("orcid", person, {"creators": (
            Creator("author", Name(family="Probefamily", given="Probegiven",
                                   orcid="0000-0002-1825-0097")),)}),
        _per_item_type("name_variants", person, {"creators": (
            Creator("author", Name(family="Probefamily", given="Probegiven",
                                   variants=(NameVariant("ru", "Пробная", "Проба"),))),)}),
    ]  # fmt: skip
    found += [_field_row(name) for name in DATE_FIELDS]
    found += [_field_row(name) for name in STRING_FIELDS[8:] if name not in ("note", "annote")]
    found += [_field_row("page")]
    found += [
        _per_item_type("keywords", {}, {"keywords": ("probe keyword", "second keyword")}),
        _field_row("note"),
        _field_row("annote"),
        _per_item_type("variants", {}, {"variants": (TextVariant("title", "ru", "Проба"),)}),
        _per_item_type("extra", {}, {"extra": (("bibtex:howpublished", "Probe publication"),)}),
    ]
    return tuple(found)


# --- where a value lands, per path ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Spot:
    """Where one probe's value went through one path: a status, the place in
    words (Markdown), and the places as data (tags, BibTeX or CSL keys,
    Zotero fields, Extra keys) for the tests."""

    status: str
    where: str
    places: tuple[str, ...] = field(default=())


def spot(path: str, row: Row, base: Reference, probe: Reference) -> Spot:
    """Where `probe`'s difference from `base` lands through one path."""
    if row.name == "type":
        return _TYPE_SPOTS[path](probe)
    return _SPOTS[path](row, base, probe)


def _new(before: Iterable[object], after: Iterable[object]) -> list[object]:
    """What `after` has that `before` has not (as multisets), in `after`'s order."""
    missing = Counter(after) - Counter(before)
    found = []
    for item in after:
        if missing[item] > 0:
            missing[item] -= 1
            found.append(item)
    return found


def _extra_keys(row: Row, lines: Iterable[object]) -> tuple[str, ...]:
    """The keys of new Extra lines (the note, when a line has none)."""
    keys = []
    for line in lines:
        parts = split_line(str(line))
        key = parts[0] if parts else "(the note)"
        keys.append("<role>" if row.role == "<role>" and key in CREATOR_ROLES else key)
    return tuple(dict.fromkeys(keys))


def _extra_where(prefix: str, keys: tuple[str, ...]) -> str:
    shown = [k if k == "(the note)" else f"`{k}: …`" for k in keys]
    return f"{prefix} " + ", ".join(shown)


def _kept(places: tuple[str, ...], shown: str, prefix: str, keys: tuple[str, ...]) -> Spot:
    """Kept in a field; Extra lines written beside it (an exact form) said too."""
    return Spot(KEPT, shown + (f" (+ {_extra_where(prefix, keys)})" if keys else ""), places)


def _extra_lines(item: Mapping[str, object], key: str) -> list[str]:
    value = item.get(key)
    return str(value).split("\n") if value else []


def _zotero_spot(row: Row, base: Reference, probe: Reference) -> Spot:
    before, after = item_from_reference(base), item_from_reference(probe)
    keys = _extra_keys(row, _new(_extra_lines(before, "extra"), _extra_lines(after, "extra")))
    fields = tuple(k for k, v in after.items() if k not in ("extra", "creators", "tags")
                   and before.get(k) != v)  # fmt: skip
    if fields:
        return _kept(fields, ", ".join(f"`{f}`" for f in fields), "Extra", keys)
    if before["creators"] != after["creators"]:
        kinds = tuple(dict.fromkeys(str(c["creatorType"]) for c in after["creators"]))
        shown = "`creators` (" + ", ".join(f"`{k}`" for k in kinds) + ")"
        return _kept(kinds, shown, "Extra", keys)
    if before["tags"] != after["tags"]:
        return _kept(("tags",), "`tags`", "Extra", keys)
    if keys:
        return Spot(IN_EXTRA, _extra_where("Extra", keys), keys)
    return Spot(LOST, "not written", ())


def _ris_spot(row: Row, base: Reference, probe: Reference) -> Spot:
    new = [line for line in _new(zotero_record_lines(base), zotero_record_lines(probe))
           if isinstance(line, tuple)]  # fmt: skip
    tags = tuple(dict.fromkeys(str(tag) for tag, _ in new if tag not in ("M2", "N1")))
    keys = _extra_keys(row, (text for tag, text in new if tag == "M2"))
    if tags:
        return _kept(tags, ", ".join(f"`{t}`" for t in tags), "`M2`", keys)
    if any(tag == "N1" for tag, _ in new):
        return Spot(CHILD_NOTE, "`N1`", ("N1",))
    if keys:
        return Spot(IN_EXTRA, _extra_where("`M2`", keys), keys)
    return Spot(LOST, "not written", ())


def _bibtex_spot(row: Row, base: Reference, probe: Reference) -> Spot:
    _, before, lost_before = zotero_entry_fields(base)
    item_type, after, losses = zotero_entry_fields(probe)
    new = [str(line[0]) for line in _new(before, after) if isinstance(line, tuple)]
    landings = {name: bibtexjs_landing(item_type, name) or "" for name in dict.fromkeys(new)}
    kept = [n for n, landing in landings.items() if landing != "note"
            and not landing.startswith("extra:")]  # fmt: skip
    if kept:
        shown = [f"`{n}`" + (f" → `{landings[n]}`" if landings[n] not in (n, "creators", "tags")
                             else "") for n in kept]  # fmt: skip
        return Spot(KEPT, ", ".join(shown), tuple(kept))
    extra = [n for n, landing in landings.items() if landing.startswith("extra:")]
    if extra:
        shown = [f"`{n}` → Extra `{landings[n].removeprefix('extra:')}: …`" for n in extra]
        return Spot(IN_EXTRA, ", ".join(shown), tuple(extra))
    if landings:
        return Spot(CHILD_NOTE, ", ".join(f"`{n}`" for n in landings), tuple(landings))
    said = [loss for loss in _new(lost_before, losses) if isinstance(loss, Loss)]
    said = said or [loss for loss in losses if loss.label == row.name]
    said = said or [loss for loss in losses if loss != ID_LOSS]  # the base's loss, shared
    if said:
        reason = said[0].reason.removesuffix(f" in a Zotero {item_type}")
        return Spot(LOST, reason, tuple(loss.label for loss in said))
    return Spot(LOST, "not written, and not said", ())


def _csljson_spot(row: Row, base: Reference, probe: Reference) -> Spot:
    before, after = zotero_item_csl(base), zotero_item_csl(probe)
    routed = {route.key for route in ROUTES[_item_type_of(after)].values()}
    keys = tuple(k for k, v in after.items() if k not in ("id", "note") and before.get(k) != v
                 and (k in routed or k in _ROLE_KEYS))  # fmt: skip
    lines = _extra_keys(row, _new(_extra_lines(before, "note"), _extra_lines(after, "note")))
    if keys:
        return _kept(keys, ", ".join(f"`{k}`" for k in keys), "`note` line", lines)
    if lines:
        return Spot(IN_EXTRA, _extra_where("`note` line", lines), lines)
    return Spot(LOST, "not written", ())


_ROLE_KEYS: Final = frozenset(CSL_NAME_OF_CREATOR.values())


def _item_type_of(csl_item: Mapping[str, object]) -> str:
    """The item type Zotero's importer makes of the item (its special cases too)."""
    return imported_item_type(str(csl_item["type"]), csl_item)


_SPOTS: Final[dict[str, Callable[[Row, Reference, Reference], Spot]]] = {
    "zotero": _zotero_spot, "ris": _ris_spot, "bibtex": _bibtex_spot, "csljson": _csljson_spot,
}  # fmt: skip


# --- the type row: the CSL type is the item type's own, or an Extra line --------------------


def _type_line(lines: Iterable[str]) -> bool:
    return any(line.startswith("type: ") for line in lines)


def _zotero_type(probe: Reference) -> Spot:
    item = item_from_reference(probe)
    if _type_line(_extra_lines(item, "extra")):
        return Spot(IN_EXTRA, "Extra `type: …`", ("type",))
    return Spot(KEPT, "`itemType`", ("itemType",))


def _ris_type(probe: Reference) -> Spot:
    lines = zotero_record_lines(probe)
    if _type_line(text for tag, text in lines if tag == "M2"):
        return Spot(IN_EXTRA, "`M2` `type: …`", ("type",))
    return Spot(KEPT, "`TY`", ("TY",))


def _bibtex_type(probe: Reference) -> Spot:
    _, _, losses = zotero_entry_fields(probe)
    changed = [loss for loss in losses if loss.label == "type"]
    if changed:
        return Spot(LOST, "the nearest entry type BibTeX.js maps (`zotero-changed`)", ("type",))
    return Spot(KEPT, "entry type", ("entry type",))


def _csljson_type(probe: Reference) -> Spot:
    item = zotero_item_csl(probe)
    if _type_line(_extra_lines(item, "note")):
        return Spot(IN_EXTRA, "`note` line `type: …`", ("type",))
    return Spot(KEPT, "`type`", ("type",))


_TYPE_SPOTS: Final[dict[str, Callable[[Reference], Spot]]] = {
    "zotero": _zotero_type, "ris": _ris_type, "bibtex": _bibtex_type, "csljson": _csljson_type,
}  # fmt: skip
