"""`-t csljson --for zotero`: CSL-JSON that Zotero's CSL JSON importer turns
into the item refport's Zotero JSON writer would make, so that nothing the
model holds is dropped (a field the item type lacks lands in Extra).

`ZoteroCslImport` below models the importer (`ZU.itemFromCSLJSON`,
zotero/utilities 4051881d, see `refport/zotero/IMPORTERS.md`) from Zotero's
schema file alone, independently of refport's tables; the tests import the
writer's output with it and read the resulting item back with refport's
Zotero reader.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests.zotero.zotero_strategies import references as zotero_hard_references

from refport.api import load
from refport.cli import main
from refport.diagnostics import Diagnostic
from refport.formats import csljson
from refport.formats.base import WriteOptions
from refport.formats.csljson_zotero import KEYWORD_PAIR, ROUTES, landing_of
from refport.formats.zotero_maps import (
    DATE_FIELD_NAMES,
    FIELD_CANDIDATES,
    primary_creator_type,
    slot_of,
)
from refport.formats.zotero_read import reference_from_item
from refport.formats.zotero_schema import CSL_NAME_OF_CREATOR, TYPE_FIELDS
from refport.formats.zotero_write import API_PROPERTIES, item_from_reference
from refport.model import (
    Creator,
    Date,
    DatePart,
    Name,
    NameVariant,
    Reference,
    TextVariant,
    parse_date,
    parse_pages,
)
from strategies import reference_for

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
#: Every fixture refport reads (CSL-JSON, BibTeX, RIS, Zotero's JSON).
FIXTURES = sorted(
    path
    for path in FIXTURES_DIR.glob("**/*")
    if path.suffix in (".json", ".bib", ".ris")
    and not {"malformed", "checks", "online", "render"} & set(path.parts)
    and not path.name.endswith(".expected.json")
)


# --- a model of Zotero's importer -----------------------------------------------------


class ZoteroCslImport:
    """`itemFromCSLJSON` applied to one CSL item, giving the item as Zotero's
    API would return it (fields in the item type's order)."""

    EVENT_PLACE_TYPES = ("audioRecording", "presentation", "videoRecording")
    ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

    def __init__(self, schema: dict[str, Any]) -> None:
        types = [t for t in schema["itemTypes"] if t["itemType"] != "annotation"]
        self.fields = {t["itemType"]: [f["field"] for f in t["fields"]] for t in types}
        self.base = {
            t["itemType"]: {f["baseField"]: f["field"] for f in t["fields"] if "baseField" in f}
            for t in types
        }
        self.base_fields = {base for fields in self.base.values() for base in fields}
        self.creators = {t["itemType"]: t["creatorTypes"] for t in types}
        self.csl = schema["csl"]

    def __call__(self, csl: dict[str, Any]) -> dict[str, Any]:
        csl = dict(csl)
        item_type = self.item_type(csl)
        if item_type in self.EVENT_PLACE_TYPES and "event-place" in csl:
            csl["publisher-place"] = csl.pop("event-place")
        values: dict[str, Any] = {}
        for variable, candidates in self.csl["fields"]["text"].items():
            if variable in csl:
                field = next(filter(None, (self.field(item_type, c) for c in candidates)), None)
                if field is not None:
                    values[field] = csl[variable]
        for variable, base in self.csl["fields"]["date"].items():
            field = self.field(item_type, base)
            if variable in csl and field is not None:
                values[field] = self.date(variable, csl[variable])
        item: dict[str, Any] = {"itemType": item_type}
        item.update((f, values[f]) for f in self.fields[item_type] if f in values)
        item["creators"] = self.names(item_type, csl)
        item["tags"] = []
        return item

    def item_type(self, csl: dict[str, Any]) -> str:
        kind = csl["type"]
        if kind == "bill" and (csl.get("publisher") or csl.get("number-of-volumes")):
            return "hearing"
        stations = ("archive", "archive_location", "container-title", "event-place",
                    "publisher", "publisher-place", "source")  # fmt: skip
        if kind == "broadcast" and any(csl.get(key) for key in stations):
            return "radioBroadcast" if csl.get("author") and csl.get("director") else "tvBroadcast"
        if kind == "book" and csl.get("version"):
            return "computerProgram"
        if kind == "song" and csl.get("number"):
            return "podcast"
        videos = ("collection-title", "volume", "number-of-volumes", "ISBN")
        if kind == "motion_picture" and any(csl.get(key) for key in videos):
            return "videoRecording"
        mapped: list[str] = self.csl["types"].get(kind, ["document"])
        return mapped[0]

    def field(self, item_type: str, field: str) -> str | None:
        if field in self.base_fields:
            field = self.base[item_type].get(field, field)
        return field if field in self.fields[item_type] else None

    def names(self, item_type: str, csl: dict[str, Any]) -> list[dict[str, str]]:
        allowed = [c["creatorType"] for c in self.creators[item_type]]
        primary = next(c["creatorType"] for c in self.creators[item_type] if c.get("primary"))
        creators: list[dict[str, str]] = []
        done: set[str] = set()
        for creator_type, variable in self.csl["names"].items():
            if variable in done:
                continue
            done.add(variable)
            kind = creator_type if creator_type in allowed else primary
            for name in csl.get(variable, []):
                if name.get("family") or name.get("given"):
                    last, first = name.get("family") or "", name.get("given") or ""
                    creators.append({"creatorType": kind, "lastName": last, "firstName": first})
                elif name.get("literal"):
                    creators.append({"creatorType": kind, "name": name["literal"]})
        return creators

    def date(self, variable: str, date: dict[str, Any]) -> str:
        assert "literal" not in date, "the writer gives Zotero's own date text as raw"
        text: str = date["raw"]
        if variable != "accessed":
            return text
        iso = self.ISO_DATE.match(text)  # strToISO: the date, without a time
        assert iso is not None, f"an access date Zotero may not read: {text!r}"
        return iso.group(0)


@pytest.fixture(scope="module")
def zotero_import(shared_or_skip: Callable[[str], Path]) -> ZoteroCslImport:
    path = shared_or_skip("schemas/zotero-schema.json")
    return ZoteroCslImport(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def validate(shared_or_skip: Callable[[str], Path]) -> Callable[[str], None]:
    import jsonschema

    schema = json.loads(shared_or_skip("schemas/csl-data.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return lambda text: validator.validate(json.loads(text))


def write_for_zotero(references: list[Reference]) -> tuple[str, list[Diagnostic]]:
    out = io.StringIO()
    diagnostics = csljson.write(references, out, WriteOptions(target="zotero"))
    return out.getvalue(), diagnostics


def imported(references: list[Reference], zotero_import: ZoteroCslImport) -> list[dict[str, Any]]:
    text, _ = write_for_zotero(references)
    return [zotero_import(item) for item in json.loads(text)]


def as_read_back(reference: Reference) -> Reference:
    """What refport's Zotero reader gives for the imported item: the reference,
    with its keywords as a `keyword` Extra line instead of tags."""
    if not reference.keywords:
        return reference
    pair = (KEYWORD_PAIR, ", ".join(reference.keywords))
    return reference.with_changes(keywords=(), extra=(*reference.extra, pair))


def fixture_references() -> list[Reference]:
    found: list[Reference] = []
    for path in FIXTURES:
        found += load(path).references
    return found


# --- every fixture, against the Zotero JSON path -----------------------------------------

#: Creator types the importer can make: those with a CSL name, and the primary
#: types it falls back to (a `wordsBy` read from a Zotero item stays in Extra).
CREATOR_TYPES_FROM_CSL = {
    *CSL_NAME_OF_CREATOR,
    *filter(None, map(primary_creator_type, TYPE_FIELDS)),
}


def test_every_fixture_is_kept_by_zoteros_importer(zotero_import: ZoteroCslImport) -> None:
    references = fixture_references()
    assert len(references) > 50
    items = imported(references, zotero_import)
    assert [reference_from_item(item) for item in items] == [as_read_back(r) for r in references]


def test_every_fixture_lands_in_the_fields_the_zotero_json_path_uses(
    zotero_import: ZoteroCslImport,
) -> None:
    references = fixture_references()
    for reference, item in zip(references, imported(references, zotero_import), strict=True):
        native = item_from_reference(reference)
        assert item["itemType"] == native["itemType"]
        fields = {k: v for k, v in native.items() if k in TYPE_FIELDS[native["itemType"]]}
        routed = {k: v for k, v in fields.items() if k in ROUTES[native["itemType"]]}
        if "accessDate" in routed:  # the importer keeps the day, not the time
            routed["accessDate"] = routed["accessDate"][:10]
        assert {k: item.get(k) for k in routed} == routed
        kept = [c for c in native["creators"] if c["creatorType"] in CREATOR_TYPES_FROM_CSL]
        assert sorted(map(str, item["creators"])) == sorted(map(str, kept))
        assert item["tags"] == [] and len(native["tags"]) == len(reference.keywords)


def test_every_fixture_is_valid_csl_json_for_zotero(validate: Callable[[str], None]) -> None:
    validate(write_for_zotero(fixture_references())[0])


# --- generated references ---------------------------------------------------------------


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(reference_for("model"))
def test_any_reference_is_kept_by_zoteros_importer(
    zotero_import: ZoteroCslImport, validate: Callable[[str], None], reference: Reference
) -> None:
    text, _ = write_for_zotero([reference])
    validate(text)
    [item] = [zotero_import(item) for item in json.loads(text)]
    assert reference_from_item(item) == as_read_back(reference)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(zotero_hard_references())
def test_values_hard_for_extra_are_kept_by_zoteros_importer(
    zotero_import: ZoteroCslImport, validate: Callable[[str], None], reference: Reference
) -> None:
    text, _ = write_for_zotero([reference])
    validate(text)
    [item] = [zotero_import(item) for item in json.loads(text)]
    assert reference_from_item(item) == as_read_back(reference)


# --- what the importer needs ----------------------------------------------------------------


def one(zotero_import: ZoteroCslImport, **fields: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the CSL item written, the Zotero item imported from it)."""
    text, _ = write_for_zotero([Reference("r", **fields)])
    [item] = json.loads(text)
    return item, zotero_import(item)


def test_a_csl_type_zotero_lacks_is_written_as_the_mapped_type_with_a_type_line(
    zotero_import: ZoteroCslImport,
) -> None:
    item, zotero = one(zotero_import, type="review", container_title="J", volume="3")
    assert item["type"] == "article-journal"
    assert item["note"].split("\n")[0] == "type: review"
    assert (zotero["itemType"], zotero["publicationTitle"], zotero["volume"]) == (
        "journalArticle", "J", "3"
    )  # fmt: skip


def test_a_variable_the_item_type_lacks_goes_to_note_as_a_line(
    zotero_import: ZoteroCslImport,
) -> None:
    item, zotero = one(zotero_import, type="article-journal", original_title="Исходное", note="N")
    assert "original-title" not in item
    assert item["note"] == "original-title: Исходное\n\nN"
    assert zotero["extra"] == item["note"]


def test_a_role_the_item_type_lacks_goes_to_note_not_to_the_primary_creator(
    zotero_import: ZoteroCslImport,
) -> None:
    creators = (
        Creator("author", Name(family="Valiyev", given="Anar")),
        Creator("director", Name(family="Merom", given="Gil")),
    )
    item, zotero = one(zotero_import, type="article-journal", creators=creators)
    assert "director" not in item
    assert item["note"] == "director: Merom || Gil"
    assert [c["lastName"] for c in zotero["creators"]] == ["Valiyev"]


def test_particles_and_suffix_are_folded_into_family_and_given(
    zotero_import: ZoteroCslImport,
) -> None:
    name = Name(family="Gils", given="Eske", non_dropping_particle="van", suffix="Jr.")
    item, _ = one(zotero_import, type="book", creators=(Creator("author", name),))
    assert item["author"] == [{"family": "van Gils", "given": "Eske, Jr."}]


def test_the_id_is_the_citation_key_and_the_short_journal_title_journal_abbreviation(
    zotero_import: ZoteroCslImport,
) -> None:
    item, zotero = one(
        zotero_import, type="article-journal", container_title="World Politics",
        container_title_short="World Polit.",
    )  # fmt: skip
    assert (item["citation-key"], item["journalAbbreviation"]) == ("r", "World Polit.")
    assert (zotero["citationKey"], zotero["journalAbbreviation"]) == ("r", "World Polit.")


def test_dates_carry_zoteros_own_date_text_as_raw(zotero_import: ZoteroCslImport) -> None:
    item, zotero = one(
        zotero_import, type="book", issued=parse_date("2019-03/2019-05"),
        accessed=Date(start=DatePart(2021, 2, 3), raw="2021-02-03T10:00:00Z"),
    )  # fmt: skip
    assert item["issued"] == {"date-parts": [[2019, 3], [2019, 5]], "raw": "2019-03/2019-05"}
    assert (zotero["date"], zotero["accessDate"]) == ("2019-03/2019-05", "2021-02-03")


def test_keywords_become_one_note_line_and_one_warning_for_the_file() -> None:
    refs = [Reference(f"r{i}", keywords=("Azerbaijan", "Türkiye")) for i in range(3)]
    text, diagnostics = write_for_zotero(refs)
    assert all("keyword" not in item for item in json.loads(text))
    assert [item["note"] for item in json.loads(text)] == ["keyword: Azerbaijan, Türkiye"] * 3
    assert [(d.code, d.refs) for d in diagnostics] == [("zotero-tags-lost", ("r0",))]
    assert "3 reference(s)" in diagnostics[0].message


def test_a_broadcast_without_a_station_is_built_as_the_podcast_zotero_makes_of_it(
    zotero_import: ZoteroCslImport,
) -> None:
    _, zotero = one(zotero_import, type="broadcast", number="12", call_number="C-1")
    assert (zotero["itemType"], zotero["episodeNumber"]) == ("podcast", "12")
    assert zotero["extra"] == "call-number: C-1"


def test_creators_keep_their_order_through_the_importers_grouping(
    zotero_import: ZoteroCslImport,
) -> None:
    creators = (
        Creator("editor", Name(family="Rose", given="Alexander")),
        Creator("author", Name(family="Abushov", given="Kavus")),
        Creator("container-author", Name(family="Merom", given="Gil")),
    )
    text, _ = write_for_zotero([Reference("r", type="chapter", creators=creators)])
    [item] = [zotero_import(item) for item in json.loads(text)]
    assert [c["creatorType"] for c in item["creators"]] == ["author", "bookAuthor", "editor"]
    read_back = reference_from_item(item)
    assert isinstance(read_back, Reference) and read_back.creators == creators


def test_variants_orcids_and_other_formats_fields_travel_in_note(
    zotero_import: ZoteroCslImport,
) -> None:
    name = Name(family="Preradović", given="Nikola", orcid="0009-0007-9571-4258",
                variants=(NameVariant("sr-Cyrl", "Прерадовић", "Никола"),))  # fmt: skip
    reference = Reference(
        "r", type="article-journal", title="Shift", creators=(Creator("author", name),),
        variants=(TextVariant("title", "sr-Cyrl", "Промена"),),
        extra=(("bibtex:howpublished", "online"),), page=parse_pages("31–40"),
    )  # fmt: skip
    text, _ = write_for_zotero([reference])
    [item] = json.loads(text)
    assert item["note"].split("\n") == [
        "refport-orcid: 0 0009-0007-9571-4258",
        "refport-name-variant: 0 sr-Cyrl: Прерадовић || Никола",
        "refport-variant: title sr-Cyrl: Промена",
        "bibtex:howpublished: online",
    ]
    assert "custom" not in item
    assert reference_from_item(zotero_import(item)) == reference


# --- tables -------------------------------------------------------------------------------


def test_every_field_the_zotero_writer_fills_has_a_csl_route() -> None:
    for item_type in TYPE_FIELDS:
        for model_field in FIELD_CANDIDATES:
            slot = slot_of(item_type, model_field)
            if slot is not None:
                route = ROUTES[item_type][slot]
                assert route.date == (model_field in DATE_FIELD_NAMES), (item_type, slot)


def test_the_landing_rows_keep_what_the_zotero_json_path_keeps() -> None:
    from refport.zotero.landing import json_landing

    for model_field in FIELD_CANDIDATES:
        status, how = landing_of(model_field)
        assert status == json_landing(model_field).status, model_field
        assert (status == "kept") == ("->" in how)


def test_api_properties_are_never_fields_filled_from_csl() -> None:
    assert not set(API_PROPERTIES) & {field for routes in ROUTES.values() for field in routes}


# --- the command line ---------------------------------------------------------------------


def test_the_cli_writes_csl_json_for_zotero(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    zotero_import: ZoteroCslImport,
    validate: Callable[[str], None],
) -> None:
    source = FIXTURES_DIR / "seeds" / "preradovic-bogicevic-2026.csl.json"
    target = tmp_path / "for-zotero.json"
    code = main(["convert", str(source), "-t", "csljson", "--for", "zotero", "-o", str(target)])
    assert code == 0
    text = target.read_text(encoding="utf-8")
    validate(text)
    references = load(source).references
    items = [zotero_import(item) for item in json.loads(text)]
    assert [reference_from_item(item) for item in items] == [as_read_back(r) for r in references]
    expected_warning = any(r.keywords for r in references)
    assert ("zotero-tags-lost" in capsys.readouterr().err) == expected_warning
