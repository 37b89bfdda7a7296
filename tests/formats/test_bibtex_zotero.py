"""`-t bibtex --for zotero`: every entry and every field written is one Zotero's
BibTeX importer keeps, and everything it would not keep is said, once per field.

`import_like_zotero` (`tests/zotero/bibtex_js_model.py`) is a small model of
Zotero's importer, written from zotero/translators `BibTeX.js`; it is applied
to the output written for every fixture.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.zotero.bibtex_js_model import Imported, import_like_zotero

import refport
from refport.api import dumps_with_diagnostics
from refport.cli import main
from refport.diagnostics import Diagnostic
from refport.formats import bibtex
from refport.formats.base import WriteOptions
from refport.formats.zotero_maps import CSL_VARIABLE_OF_FIELD, ITEM_TYPE_OF_CSL
from refport.formats.zotero_schema import (
    CSL_DATE_TO_FIELD,
    CSL_NAME_OF_CREATOR,
    CSL_TEXT_TO_FIELDS,
    TYPE_BASE_FIELDS,
    TYPE_CREATORS,
)
from refport.model import DATE_FIELDS, STRING_FIELDS, Creator, Date, DatePart, Name, Reference
from strategies import references

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PATTERNS = ("dialects/*", "seeds/*.json", "malformed/*", "zotero/*.json", "checks/*.csl.json")
#: Every fixture that holds references (files of malformed input that yield none,
#: such as an empty .bib, have nothing to write).
FIXTURE_FILES = sorted(
    path
    for pattern in PATTERNS
    for path in FIXTURES.glob(pattern)
    if path.suffix in (".bib", ".ris", ".json") and refport.load(path).references
)

# --- what a Zotero field means (Zotero's schema) ------------------------------------------

MEANING = {f: var for var, fields in CSL_TEXT_TO_FIELDS.items() for f in fields} | {
    f: var for var, f in CSL_DATE_TO_FIELD.items()
}
EXTRA_MEANING = {"PMID": "PMID", "PMCID": "PMCID", "event-place": "event-place", "DOI": "DOI"}
#: Zotero's `itemToCSLJSON` exports `place` of these item types as `event-place`.
PLACE_IS_EVENT_PLACE = frozenset({"audioRecording", "presentation", "videoRecording"})


def meanings(item: Imported) -> set[str]:
    """The CSL variables Zotero's own export would give this item."""
    base_of = {own: base for base, own in TYPE_BASE_FIELDS.get(item.item_type, {}).items()}
    found = {MEANING.get(base_of.get(f, f), "") for f in item.fields}
    if item.item_type in PLACE_IS_EVENT_PLACE and "place" in item.fields:
        found = (found - {"publisher-place"}) | {"event-place"}
    found |= {EXTRA_MEANING.get(line.split(":")[0], "") for line in item.extra}
    if "journalAbbreviation" in item.fields:
        found.add("container-title-short")
    if item.notes:
        found |= {"note", "annote"}
    return found - {""}


def creator_role(item_type: str, creator_type: str) -> str:
    primary = TYPE_CREATORS[item_type][0]
    if creator_type not in TYPE_CREATORS[item_type]:
        creator_type = primary
    return CSL_NAME_OF_CREATOR.get(creator_type, "author" if creator_type == primary else "?")


# --- helpers ---------------------------------------------------------------------------------


def for_zotero(references: list[Reference], **options: object) -> tuple[str, list[Diagnostic]]:
    return dumps_with_diagnostics(references, "bibtex", target="zotero", **options)


def reported(diagnostics: list[Diagnostic], key: str) -> set[str]:
    """The fields the writer said Zotero will not keep (or keep changed) for an entry."""
    return {
        d.field or ""
        for d in diagnostics
        if d.code in ("zotero-lost", "zotero-changed") and key in d.refs
    }


def lost_fields(diagnostics: list[Diagnostic]) -> list[str]:
    """The fields said lost, but the entry key (which every entry loses)."""
    return [d.field or "" for d in diagnostics if d.code == "zotero-lost" and d.field != "id"]


def fixture_references(path: Path) -> list[Reference]:
    references = refport.load(path).references
    assert references, f"{path.name} has no references"
    return references


# --- every fixture ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_zotero_keeps_every_entry_and_every_field_written(path: Path) -> None:
    references = fixture_references(path)
    text, _ = for_zotero(references)
    imported, discarded = import_like_zotero(text)
    assert discarded == []
    assert len(imported) == len(references)
    assert [item.ignored for item in imported] == [[] for _ in imported]
    assert "langid" not in text


def assert_kept_or_reported(references: list[Reference]) -> None:
    """Each value either lands where Zotero's export reads it back, or is reported."""
    text, diagnostics = for_zotero(references)
    imported, _ = import_like_zotero(text)
    for reference, item in zip(references, imported, strict=True):
        said = reported(diagnostics, reference.id)
        landed = meanings(item)
        for name in (*STRING_FIELDS, *DATE_FIELDS, "page"):
            if getattr(reference, name) in (None, "") or name in said:
                continue
            assert CSL_VARIABLE_OF_FIELD.get(name, name) in landed, (reference.id, name)
        for role in reference.roles():
            if f"{role} names" in said:
                continue
            roles = [creator_role(item.item_type, c[0]) for c in item.creators]
            assert roles.count(role) == len(reference.names(role)), (reference.id, role)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_value_zotero_does_not_keep_is_reported(path: Path) -> None:
    assert_kept_or_reported(fixture_references(path))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_item_types_are_refports_own_unless_reported(path: Path) -> None:
    references = fixture_references(path)
    text, diagnostics = for_zotero(references)
    imported, _ = import_like_zotero(text)
    for reference, item in zip(references, imported, strict=True):
        if "type" not in reported(diagnostics, reference.id):
            assert item.item_type == ITEM_TYPE_OF_CSL[reference.type]


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_losses_are_reported_once_per_field_and_only_for_values_present(path: Path) -> None:
    references = {r.id: r for r in fixture_references(path)}
    _, diagnostics = for_zotero(list(references.values()))
    losses = [d for d in diagnostics if d.code in ("zotero-lost", "zotero-changed")]
    assert len({(d.code, d.field) for d in losses}) == len(losses)
    for loss in losses:
        assert loss.refs and loss.field
        if loss.field in STRING_FIELDS or loss.field in DATE_FIELDS:
            assert all(getattr(references[key], loss.field) for key in loss.refs)


# --- the values Zotero reads -----------------------------------------------------------------

WORK = Reference(
    "work",
    type="article-journal",
    title="Realism in the {Caucasus}",
    container_title="East European Politics",
    creators=(
        Creator("author", Name(family="van Gils", given="Eske")),
        Creator("author", Name(literal="World Health Organization")),
        Creator("author", Name(family="Smith")),
        Creator("author", Name(family="Dvořák", given="Søren", suffix="Jr.")),
    ),
    issued=Date(start=DatePart(2019, 3), end=DatePart(2019, 5)),
    accessed=Date(start=DatePart(2024, 7, 20)),
    doi="https://doi.org/10.1080/14683857.2019.1578053",
    language="ru",
    volume="35",
    issue="1",
    page=None,
)


def imported_work(**changes: object) -> tuple[Imported, list[Diagnostic]]:
    text, diagnostics = for_zotero([WORK.with_changes(**changes)])
    items, _ = import_like_zotero(text)
    return items[0], diagnostics


def test_the_language_is_written_as_language_never_langid() -> None:
    text, _ = for_zotero([WORK], dialect="biblatex")
    assert "language = {ru}" in text and "langid" not in text


def test_a_doi_is_written_bare() -> None:
    item, _ = imported_work()
    assert item.fields["DOI"] == "10.1080/14683857.2019.1578053"


def test_the_date_is_zoteros_date_string_in_date() -> None:
    item, _ = imported_work()
    assert item.fields["date"] == "2019-03/2019-05"
    assert item.fields["accessDate"] == "2024-07-20"


def test_circa_is_reported_because_bibtexjs_turns_the_tilde_into_a_space() -> None:
    item, diagnostics = imported_work(issued=Date(start=DatePart(1850), circa=True))
    assert item.fields["date"] == "1850"
    assert [d.field for d in diagnostics if d.code == "zotero-changed"] == ["issued"]


def test_an_access_date_that_is_not_a_full_date_is_reported_lost() -> None:
    item, diagnostics = imported_work(accessed=Date(start=DatePart(2024, 7)))
    assert "accessDate" not in item.fields
    assert lost_fields(diagnostics) == ["accessed"]


def test_organisations_are_one_field_names_in_double_braces() -> None:
    text, _ = for_zotero([WORK])
    item, _ = import_like_zotero(text)
    assert "{{World Health Organization}}" in text
    assert ("author", "World Health Organization", "", 1) in item[0].creators


def test_people_keep_particles_and_suffixes_where_zotero_looks_for_them() -> None:
    item, _ = imported_work()
    assert ("author", "van Gils", "Eske", 0) in item.creators
    assert ("author", "Dvořák", "Søren, Jr.", 0) in item.creators


def test_a_family_name_alone_stays_a_two_field_name() -> None:
    item, _ = imported_work()
    assert ("author", "Smith", "", 0) in item.creators


def test_output_is_utf8_even_when_ascii_is_asked_with_an_info_note() -> None:
    cyrillic = WORK.with_changes(title="Как Россия проиграла")
    plain, _ = for_zotero([cyrillic])
    asked, diagnostics = for_zotero([cyrillic], ascii=True)
    assert asked == plain and "Как Россия проиграла" in asked
    assert [(d.code, d.severity) for d in diagnostics] == [
        ("zotero-utf8", "info"), ("zotero-lost", "warning")
    ]


def test_an_entry_type_zotero_does_not_map_is_never_written() -> None:
    types = ["dataset", "article-magazine", "post-weblog", "standard", "song", "map", "speech"]
    text, _ = for_zotero([Reference(f"k{i}", type=t, title="T") for i, t in enumerate(types)])
    imported, discarded = import_like_zotero(text)
    assert discarded == [] and len(imported) == len(types)


def test_a_section_is_written_as_chapter_which_zotero_reads_as_section() -> None:
    text, _ = for_zotero([Reference("n", type="article-newspaper", title="T", section="World")])
    item = import_like_zotero(text)[0][0]
    assert "chapter = {World}" in text and item.fields["section"] == "World"


def test_an_event_place_of_a_conference_paper_lands_in_extra() -> None:
    paper = Reference("p", type="paper-conference", title="T", event_place="Baku",
                      publisher_place="London")  # fmt: skip
    item = import_like_zotero(for_zotero([paper])[0])[0][0]
    assert item.extra == ["event-place: Baku"] and item.fields["place"] == "London"


def test_pmid_and_pmcid_land_in_extra_lines() -> None:
    item, _ = imported_work(pmid="123", pmcid="PMC4")
    assert item.extra == ["PMID: 123", "PMCID: PMC4"]


def test_the_note_and_the_annotation_both_become_child_notes() -> None:
    item, diagnostics = imported_work(note="Read twice.", annote="Good on Baku.")
    assert item.notes == ["Read twice.", "Good on Baku."]
    assert lost_fields(diagnostics) == []


def test_unknown_bibtex_fields_zotero_reads_are_passed_on_and_others_reported() -> None:
    extra = (("bibtex:copyright", "CC BY"), ("bibtex:owner", "me"), ("ris:M3", "x"))
    item, diagnostics = imported_work(extra=extra)
    assert item.fields["rights"] == "CC BY"
    assert set(lost_fields(diagnostics)) == {"bibtex:owner", "ris:M3"}


def test_the_entry_key_is_written_and_said_lost_once_for_the_file() -> None:
    text, diagnostics = for_zotero([WORK, WORK.with_changes(id="other")])
    items, _ = import_like_zotero(text)
    assert [item.key for item in items] == ["work", "other"]
    [said] = [d for d in diagnostics if d.field == "id"]
    assert (said.code, said.refs) == ("zotero-lost", ("work", "other"))
    assert "itemID" in said.message and "Zotero will not have it" in said.message


def test_fields_lost_in_several_entries_are_reported_once_naming_every_entry() -> None:
    references = [WORK.with_changes(id=f"k{i}", original_title="O") for i in range(3)]
    _, diagnostics = for_zotero(references)
    lost = [d for d in diagnostics if d.field == "original_title"]
    assert [(d.code, d.refs) for d in lost] == [("zotero-lost", ("k0", "k1", "k2"))]


def test_roles_zotero_turns_into_another_role_are_not_written_but_reported() -> None:
    thesis = Reference("t", type="thesis", title="T", genre="PhD thesis", creators=(
        Creator("author", Name(family="A", given="B")),
        Creator("editor", Name(family="C", given="D")),
        Creator("compiler", Name(family="E", given="F")),
    ))  # fmt: skip
    text, diagnostics = for_zotero([thesis])
    item = import_like_zotero(text)[0][0]
    assert [c[0] for c in item.creators] == ["author"]
    assert {d.field for d in diagnostics} >= {"editor names", "compiler names"}
    assert item.fields["thesisType"] == "PhD thesis"


def test_and_others_is_not_written_as_a_person() -> None:
    item, diagnostics = imported_work(extra=(("bibtex:(others)", "author"),))
    assert all(c[1] != "others" for c in item.creators)
    assert "and others" in {d.field for d in diagnostics}


def test_without_the_target_the_writer_is_unchanged() -> None:
    out = io.StringIO()
    bibtex.write([WORK], out, WriteOptions())
    assert "journal = {East European Politics}" in out.getvalue() and "date =" in out.getvalue()
    assert "zotero" not in " ".join(d.code for d in bibtex.write([WORK], io.StringIO(),
                                                                 WriteOptions()))  # fmt: skip


# --- the command line ------------------------------------------------------------------------


def test_convert_for_zotero_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = FIXTURES / "dialects" / "zotero-biblatex.bib"
    target = tmp_path / "out.bib"
    code = main(["convert", str(source), "-t", "bibtex", "--for", "zotero", "--ascii",
                 "-o", str(target)])  # fmt: skip
    assert code == 0
    text = target.read_text(encoding="utf-8")
    imported, discarded = import_like_zotero(text)
    assert discarded == [] and len(imported) == len(refport.load(source).references)
    assert "langid" not in text
    assert "zotero-utf8" in capsys.readouterr().err


def test_superscripts_and_subscripts_are_written_as_the_math_zotero_reads() -> None:
    text, _ = for_zotero([Reference("c", title="H<sub>2</sub>O and E = mc<sup>2</sup>")])
    assert "title = {H$_{2}$O and E = mc$^{2}$}" in text


# --- any reference ---------------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(references(), max_size=3))
def test_any_references_give_entries_zotero_keeps_whole(items: list[Reference]) -> None:
    items = [r.with_changes(id=f"k{i}") for i, r in enumerate(items)]
    text, diagnostics = for_zotero(items)
    imported, discarded = import_like_zotero(text)
    assert discarded == [] and len(imported) == len(items)
    assert [item.ignored for item in imported] == [[] for _ in imported]
    assert all(d.severity != "error" for d in diagnostics)
    assert_kept_or_reported(items)
