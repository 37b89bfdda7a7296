"""`-t csljson --for zotero`: CSL-JSON that Zotero's CSL JSON importer turns
into the item refport's Zotero JSON writer would make, so that nothing the
model holds is dropped (a field the item type lacks lands in Extra).

`ZoteroCslImport` (`tests/zotero/csl_json_model.py`) models the importer
(`ZU.itemFromCSLJSON`) from Zotero's schema file alone, independently of
refport's tables; the tests import the writer's output with it and read the
resulting item back with refport's Zotero reader.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests.zotero.csl_json_model import ZoteroCslImport
from tests.zotero.zotero_strategies import references as zotero_hard_references

from refport.api import load
from refport.cli import main
from refport.diagnostics import Diagnostic
from refport.formats import csljson
from refport.formats.base import WriteOptions
from refport.formats.csljson_zotero import KEYWORD_PAIR, ROUTES
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


def test_software_is_written_as_a_type_zoteros_translator_detects(
    zotero_import: ZoteroCslImport,
) -> None:
    """CSL JSON.js's `detectImport` rejects a file holding a `software` item."""
    with_version = Reference("r", "software", title="refport", version="1.2")
    item, zotero = one(zotero_import, type="software", title="refport", version="1.2")
    assert (item["type"], zotero["itemType"], zotero["versionNumber"]) == (
        "book", "computerProgram", "1.2"
    )  # fmt: skip
    assert reference_from_item(zotero) == with_version
    item, zotero = one(zotero_import, type="software", title="refport")
    assert (item["type"], zotero["itemType"], item["note"]) == ("book", "book", "type: software")
    assert reference_from_item(zotero) == Reference("r", "software", title="refport")


def test_what_zoteros_translate_layer_would_change_travels_in_note(
    zotero_import: ZoteroCslImport,
) -> None:
    """Zotero trims every field, deletes a short title equal to the title (for
    a case too: the importer sets `title` first) and takes ": a novel" off a
    book's title; the exact values go to `note`."""
    for fields in (
        {"type": "book", "title": " Dune: A Novel", "title_short": "Dune: A Novel "},
        {"type": "legal_case", "title": "Roe v. Wade", "title_short": "Roe v. Wade"},
        {"type": "article-journal", "title": "T", "volume": "3 ", "page": parse_pages(" 5-9")},
    ):
        reference = Reference(" r", **fields)
        text, _ = write_for_zotero([reference])
        [item] = [zotero_import(item) for item in json.loads(text)]
        assert reference_from_item(item) == reference, fields


def test_a_series_pair_of_a_journal_article_stays_a_pair(zotero_import: ZoteroCslImport) -> None:
    for title in (None, "Series T"):
        reference = Reference("r", "article-journal", collection_title=title,
                              extra=(("zotero:series", "Studies"),))  # fmt: skip
        [item] = imported([reference], zotero_import)
        assert reference_from_item(item) == reference


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
