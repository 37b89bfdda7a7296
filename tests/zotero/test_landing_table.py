"""Every answer of the landing table, checked against models of Zotero's importers.

The table (`refport.zotero.landing`) is derived from what the `--for zotero`
writers write. Here each of its answers — per row, path and unit, and per
condition — is imported the way Zotero would (`ris_js_model`,
`bibtex_js_model`, `csl_json_model`; the Zotero JSON item is what Zotero
stores), and what differs between the item of the probe and the item of its
base must be what the cell claims: "kept" changes a field, the creators or
the tags, and the fields changed are the ones the named tags, BibTeX fields or
CSL keys lead to; "in Extra" changes only Extra, with lines under the named
keys; "child note" only the notes; "lost" nothing, and for BibTeX the writer
said so (`zotero-lost` / `zotero-changed`).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from tests.zotero.bibtex_js_model import import_like_zotero
from tests.zotero.csl_json_model import ZoteroCslImport
from tests.zotero.ris_js_model import get_field, ris_js_import

from refport.api import dumps_with_diagnostics
from refport.formats import csljson, ris
from refport.formats.base import WriteOptions
from refport.formats.bibtex_zotero import bibtexjs_landing
from refport.formats.csljson_zotero import ROUTES, zotero_draft
from refport.formats.zotero_maps import CSL_TYPE_OF_ITEM, ITEM_TYPE_OF_CSL
from refport.formats.zotero_schema import CSL_NAME_OF_CREATOR, TYPE_FIELDS
from refport.formats.zotero_write import item_from_reference
from refport.model import Reference
from refport.zotero.importers import CHILD_NOTE, IN_EXTRA, KEPT, LOST, REMARKS
from refport.zotero.landing import cell, landing_table_markdown, lost_anywhere, units_of
from refport.zotero.probes import PATHS, Row, Spot, rows

ROW_NAMES = [row.name for row in rows()]
ROLE_KEYS = frozenset(CSL_NAME_OF_CREATOR.values())


@dataclass(frozen=True)
class Held:
    """What Zotero holds of one reference, in one shape for every path."""

    item_type: str
    fields: tuple[tuple[str, str], ...]
    creators: tuple[str, ...]
    tags: tuple[str, ...]
    extra: tuple[str, ...]
    notes: tuple[str, ...]

    def field_values(self) -> dict[str, str]:
        return dict(self.fields)


def _lines(text: object) -> tuple[str, ...]:
    return tuple(str(text).split("\n")) if text else ()


def _from_api_item(item: dict[str, Any], notes: tuple[str, ...] = ()) -> Held:
    item_type = str(item["itemType"])
    fields = tuple((k, str(v)) for k, v in item.items() if k in TYPE_FIELDS[item_type]
                   and k != "extra")  # fmt: skip
    creators = tuple(json.dumps(c, sort_keys=True) for c in item.get("creators", []))
    tags = tuple(str(t["tag"] if isinstance(t, dict) else t) for t in item.get("tags", []))
    return Held(item_type, fields, creators, tags, _lines(item.get("extra")), notes)


def _zotero_held(reference: Reference) -> Held:
    return _from_api_item(item_from_reference(reference))


def _ris_held(reference: Reference) -> Held:
    out = io.StringIO()
    ris.write([reference], out, WriteOptions(target="zotero"))
    [item] = ris_js_import(out.getvalue())
    return _from_api_item(item.as_api_json(), tuple(item.notes))


def _bibtex_held(reference: Reference) -> Held:
    text, _ = dumps_with_diagnostics([reference], "bibtex", target="zotero")
    [item], discarded = import_like_zotero(text)
    assert discarded == []
    creators = tuple(json.dumps(c) for c in item.creators)
    fields = tuple(sorted(item.fields.items()))
    return Held(item.item_type, fields, creators, tuple(item.tags), tuple(item.extra),
                tuple(item.notes))  # fmt: skip


@pytest.fixture(scope="module")
def importers(shared_or_skip: Callable[[str], Path]) -> dict[str, Callable[[Reference], Held]]:
    schema = json.loads(shared_or_skip("schemas/zotero-schema.json").read_text(encoding="utf-8"))
    csl_import = ZoteroCslImport(schema)

    def csljson_held(reference: Reference) -> Held:
        out = io.StringIO()
        csljson.write([reference], out, WriteOptions(target="zotero"))
        [item] = json.loads(out.getvalue())
        return _from_api_item(csl_import(item) | {"extra": item.get("note")})

    found = {"zotero": _zotero_held, "ris": _ris_held, "bibtex": _bibtex_held,
             "csljson": csljson_held}  # fmt: skip
    return {path: cache(held) for path, held in found.items()}


# --- what changed between the base's item and the probe's -------------------------------------


def observed(before: Held, after: Held) -> tuple[str, set[str]]:
    """The status the importer's items show, and what changed where it is "kept"."""
    old, new = before.field_values(), after.field_values()
    changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    if before.creators != after.creators:
        changed.add("creators")
    if before.tags != after.tags:
        changed.add("tags")
    if changed:
        return KEPT, changed
    if before.extra != after.extra:
        return IN_EXTRA, set()
    if before.notes != after.notes:
        return CHILD_NOTE, set()
    return LOST, set()


def type_observed(csl_type: str, held: Held) -> str:
    if CSL_TYPE_OF_ITEM.get(held.item_type) == csl_type:
        return KEPT
    return IN_EXTRA if f"type: {csl_type}" in held.extra else LOST


def fields_named(path: str, item_type: str, places: tuple[str, ...]) -> set[str]:
    """The Zotero fields (or "creators", "tags") the places of a "kept" answer lead to."""
    if path == "zotero":
        return {p if p in TYPE_FIELDS[item_type] or p == "tags" else "creators" for p in places}
    if path == "ris":
        targets = {get_field(item_type, tag) or "" for tag in places}
        return {"creators" if t.startswith("creators/") else t for t in targets}
    if path == "bibtex":
        return {bibtexjs_landing(item_type, name) or "" for name in places}
    routes = ROUTES[item_type]
    found = {f for f, route in routes.items() if route.key in places}
    return found | ({"creators"} if ROLE_KEYS & set(places) else set())


def new_extra_lines(before: Held, after: Held) -> list[str]:
    return [line for line in after.extra if line not in before.extra]


def problems_of(path: str, row: Row, label: str, base: Reference, probe: Reference,
                claimed: Spot, held: Callable[[Reference], Held]) -> list[str]:  # fmt: skip
    """What is wrong with one answer (nothing, when the importer agrees)."""
    before, after = held(base), held(probe)
    where = f"{row.name}/{path}/{label}"
    if row.name == "type":
        status = type_observed(label, after)
        return [] if status == claimed.status else [f"{where}: {claimed.status} but {status}"]
    status, changed = observed(before, after)
    if status != claimed.status:
        return [f"{where}: table says {claimed.status} ({claimed.where}), importer {status}"]
    if status == KEPT and not changed <= fields_named(path, after.item_type, claimed.places):
        return [f"{where}: {changed} changed, the table names {claimed.places}"]
    if status == IN_EXTRA and path != "bibtex":
        lines = new_extra_lines(before, after)
        keys = [k for k in claimed.places if k not in ("(the note)", "<role>")]
        missing = [k for k in keys if not any(line.startswith(f"{k}: ") for line in lines)]
        return [f"{where}: no Extra line for {missing}: {lines}"] if missing else []
    if status == LOST:
        return lost_said(path, where, probe, claimed)
    return []


def lost_said(path: str, where: str, probe: Reference, claimed: Spot) -> list[str]:
    if path != "bibtex":
        return [f"{where}: {path} loses it"]
    _, diagnostics = dumps_with_diagnostics([probe], "bibtex", target="zotero")
    said = {d.field for d in diagnostics if d.code in ("zotero-lost", "zotero-changed")}
    return [] if said & set(claimed.places) else [f"{where}: lost, said only {said}"]


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("row_name", ROW_NAMES)
def test_every_answer_is_what_the_importer_does(
    row_name: str, path: str, importers: dict[str, Callable[[Reference], Held]]
) -> None:
    found = cell(row_name, path)
    row = found.row
    problems: list[str] = []
    for unit, claimed in zip(row.units, found.spots, strict=True):
        problems += problems_of(path, row, unit.label, unit.base, unit.probe, claimed,
                                importers[path])  # fmt: skip
    for condition, spots in found.conditions:
        for unit, claimed in zip(units_of(row, condition), spots, strict=True):
            problems += problems_of(path, row, f"{unit.label} ({condition.text})", unit.base,
                                    unit.probe, claimed, importers[path])  # fmt: skip
    assert problems == []


def test_only_bibtex_loses_anything_and_the_zotero_json_path_nothing() -> None:
    assert lost_anywhere("zotero") == []
    assert lost_anywhere("ris") == lost_anywhere("csljson") == []
    assert {"id", "original_title"} <= set(lost_anywhere("bibtex"))


def test_the_order_of_preference_the_readme_gives() -> None:
    """CSL-JSON before RIS, RIS before BibTeX, by how many values land in
    real fields (keywords aside: only CSL-JSON cannot make tags of them)."""
    kept = {
        path: sum(s.status == KEPT for row in rows() if row.name != "keywords"
                  for s in cell(row.name, path).spots)
        for path in PATHS
    }  # fmt: skip
    assert kept["csljson"] > kept["ris"] > kept["bibtex"] and kept["zotero"] > kept["ris"], kept
    assert cell("keywords", "ris").statuses() == {KEPT}
    assert cell("keywords", "csljson").statuses() == {IN_EXTRA}


def test_the_table_names_every_model_field() -> None:
    from refport.model import DATE_FIELDS, STRING_FIELDS

    assert {*STRING_FIELDS, *DATE_FIELDS, "page", "keywords", "variants", "extra", "id",
            "type"} <= set(ROW_NAMES)  # fmt: skip
    table = landing_table_markdown()
    assert table.count("\n") == len(ROW_NAMES) + 2


def test_csljson_keeps_in_a_field_what_the_zotero_json_path_keeps_but_keywords() -> None:
    """Unless Zotero's importer makes another item type of the probe (a
    broadcast with no station becomes a podcast)."""
    for row in rows():
        if row.name in ("keywords", "type"):
            continue
        native, csl = cell(row.name, "zotero"), cell(row.name, "csljson")
        for unit, a, b in zip(row.units, native.spots, csl.spots, strict=True):
            same_type = zotero_draft(unit.probe).item_type == ITEM_TYPE_OF_CSL[unit.probe.type]
            if a.status == KEPT and same_type:
                assert b.status == KEPT, (row.name, unit.label)


@pytest.mark.parametrize("path", PATHS)
def test_the_name_parts_said_are_the_ones_zotero_keeps(
    path: str, importers: dict[str, Callable[[Reference], Held]]
) -> None:
    row = next(r for r in rows() if r.name == "name_particles")
    unit = next(u for u in row.units if u.label == "journalArticle")
    last, first = REMARKS[(row.name, path)].split("`")[1:4:2]
    creators = importers[path](unit.probe).creators
    assert len(creators) == 1
    assert (last, first) in {(c.get("lastName"), c.get("firstName")) for c in
                             [_as_parts(creators[0])]}  # fmt: skip


def _as_parts(text: str) -> dict[str, str]:
    value = json.loads(text)
    if isinstance(value, list):  # the BibTeX model's (type, last, first, mode)
        return {"lastName": value[1], "firstName": value[2]}
    return {str(k): str(v) for k, v in value.items()}
