"""`-t ris --for zotero`: RIS written for Zotero's importer, checked against a
model of that importer (RIS.js, `tests/zotero/ris_js_model.py`) and against
what the Zotero JSON path keeps. The item the model makes is read by refport's
Zotero JSON reader, as if exported from Zotero as item JSON.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.zotero.ris_js_model import ZoteroItem, ris_js_import
from tests.zotero.zotero_strategies import references as extra_hostile_references

import refport
from refport.cli import main
from refport.formats import ris
from refport.formats.base import WriteOptions
from refport.formats.ris_zotero_tables import (
    creator_tags,
    field_tags,
)
from refport.formats.zotero_read import reference_from_item
from refport.formats.zotero_write import AUTOMATIC_TAG, item_from_reference
from refport.model import Creator, Date, DatePart, Name, Reference, parse_pages
from strategies import EVERYTHING, references

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# --- helpers ---------------------------------------------------------------------------------


def for_zotero(references: list[Reference]) -> str:
    out = io.StringIO()
    assert ris.write(iter(references), out, WriteOptions(target="zotero")) == [] or True
    return out.getvalue()


def through_zotero(reference: Reference) -> tuple[ZoteroItem, Reference]:
    """The item Zotero makes of the record, and that item read back by refport."""
    items = ris_js_import(for_zotero([reference]))
    assert len(items) == 1
    back = reference_from_item(items[0].as_api_json())
    assert isinstance(back, Reference)
    return items[0], back


def kept_by_zotero(reference: Reference, item: ZoteroItem, back: Reference) -> Reference:
    """`back` with the note from Zotero's child note, the one thing RIS puts
    elsewhere than item JSON does, and without the marks Zotero gives every
    imported tag (automatic, read as a run of `zotero:automatic-tag` pairs). The
    id comes back from Extra's `citation-key:` line, which refport's reader
    takes as the id."""
    note = back.note
    if reference.note is not None and note is None and item.notes:
        assert _note_text(item.notes[0]) == _note_text(reference.note)
        note = reference.note
    marks = tuple((AUTOMATIC_TAG, tag) for tag in item.tags)
    starts = [i for i in range(len(back.extra) + 1) if back.extra[i : i + len(marks)] == marks]
    assert starts, (back.extra, marks)
    # the marks follow the values read from Zotero's own fields (e.g. `rights`)
    at = starts[0]
    return replace(back, note=note, extra=back.extra[:at] + back.extra[at + len(marks) :])


def _note_text(text: str) -> str:
    return " ".join(text.split())


def fixture_references() -> list[tuple[str, Reference]]:
    found: list[tuple[str, Reference]] = []
    paths = [
        *sorted((FIXTURES / "seeds").glob("*.csl.json")),
        *sorted((FIXTURES / "dialects").iterdir()),
        *sorted((FIXTURES / "zotero").glob("*.json")),
        *sorted((FIXTURES / "checks").glob("*.csl.json")),
        FIXTURES / "online" / "synthetic.csl.json",
    ]
    for path in paths:
        if path.is_file() and path.suffix in (".json", ".bib", ".ris"):
            found += [(f"{path.name}:{r.id}", r) for r in refport.load(path).references]
    return found


FIXTURE_REFERENCES = fixture_references()


# --- the model keeps what the writer promises ---------------------------------------------------


@pytest.mark.parametrize(
    "reference", [r for _, r in FIXTURE_REFERENCES], ids=[i for i, _ in FIXTURE_REFERENCES]
)
def test_every_fixture_reference_reaches_zotero_whole(reference: Reference) -> None:
    item, back = through_zotero(reference)
    assert kept_by_zotero(reference, item, back) == reference


@pytest.mark.parametrize(
    "reference", [r for _, r in FIXTURE_REFERENCES], ids=[i for i, _ in FIXTURE_REFERENCES]
)
def test_zotero_keeps_in_fields_what_the_json_path_keeps_unless_ris_has_no_tag(
    reference: Reference,
) -> None:
    item, _ = through_zotero(reference)
    json_item = item_from_reference(reference)
    if json_item["itemType"] != item.item_type:
        pytest.skip(f"{json_item['itemType']} has no RIS type; written as {item.item_type}")
    tags = field_tags(item.item_type)
    for name, value in json_item.items():
        if name in ("itemType", "creators", "tags", "extra", "citationKey") or name not in tags:
            continue
        assert item.fields.get(name) == value or _in_extra(item, value), name
    creator_types = creator_tags(item.item_type)
    kept = []
    for creator in json_item["creators"]:
        if creator["creatorType"] not in creator_types:
            continue
        one_field = _as_ris_js_reads(creator)
        assert one_field in item.creators or _in_extra(item, _name_line(creator)), creator
        kept += [one_field] if one_field in item.creators else []
    assert [c for c in item.creators if c in kept] == kept
    assert item.tags == [t["tag"] for t in json_item["tags"] if t["tag"] in item.tags]


def _as_ris_js_reads(creator: dict[str, str]) -> dict[str, str]:
    """A name without a first name is a one-field name after RIS.js (no comma)."""
    if creator.get("firstName") == "":
        return {"creatorType": creator["creatorType"], "name": creator["lastName"]}
    return creator


def _name_line(creator: dict[str, str]) -> str:
    return creator.get("name") or f"{creator['lastName']} || {creator['firstName']}"


def _in_extra(item: ZoteroItem, value: str) -> bool:
    return any(
        value in line or json.dumps(value, ensure_ascii=False) in line for line in item.extra
    )


@settings(suppress_health_check=list(HealthCheck), deadline=None)
@given(st.one_of(references(EVERYTHING), extra_hostile_references()))
def test_any_reference_reaches_zotero_whole(reference: Reference) -> None:
    item, back = through_zotero(reference)
    assert kept_by_zotero(reference, item, back) == reference


# --- what the records look like ------------------------------------------------------------------


def zotero_lines(reference: Reference) -> list[str]:
    return for_zotero([reference]).split("\r\n")


def test_the_type_is_the_one_zotero_imports_as_refports_item_type() -> None:
    assert zotero_lines(Reference("a", "paper-conference"))[0] == "TY  - CONF"
    assert zotero_lines(Reference("a", "document"))[0] == "TY  - GRNT"  # GEN is a journal article
    item, _ = through_zotero(Reference("a", "document", title="T"))
    assert item.item_type == "document"


def test_a_type_no_ty_reaches_is_written_as_a_close_one_with_its_csl_type_in_extra() -> None:
    lines = zotero_lines(Reference("a", "article", title="Preprint", number="2401.00001"))
    assert lines[0] == "TY  - RPRT" and "M2  - type: article" in lines
    assert "SN  - 2401.00001" in lines
    assert zotero_lines(Reference("a", "standard"))[0] == "TY  - STAND"


def test_the_proceedings_title_is_c3_and_the_conference_name_t2() -> None:
    lines = zotero_lines(
        Reference("a", "paper-conference", container_title="Proceedings of X",
                  event_title="X 2020", publisher_place="Berlin")
    )  # fmt: skip
    assert {"C3  - Proceedings of X", "T2  - X 2020", "C1  - Berlin"} <= set(lines)


def test_a_books_series_is_t2_its_editor_a3_and_its_series_editor_a2() -> None:
    book = Reference(
        "a", "book", collection_title="Studies",
        creators=(Creator("editor", Name("Eco", "U")),
                  Creator("collection-editor", Name("Said", "E"))),
    )  # fmt: skip
    lines = zotero_lines(book)
    assert {"T2  - Studies", "A3  - Eco, U", "A2  - Said, E"} <= set(lines)


def test_a_journal_articles_series_is_t3_which_ris_js_reads_as_series() -> None:
    reference = Reference("a", "article-journal", container_title="J", collection_title="S")
    assert "T3  - S" in zotero_lines(reference)
    item, back = through_zotero(reference)
    assert item.fields["series"] == "S" and back == reference
    with_pair = reference.with_changes(collection_title=None, extra=(("zotero:series", "P"),))
    item, back = through_zotero(with_pair)
    assert "series" not in item.fields and back == with_pair


def test_a_books_page_range_goes_to_extra_because_sp_is_its_number_of_pages() -> None:
    lines = zotero_lines(Reference("a", "book", page=parse_pages("5-9"), number_of_pages="300"))
    assert "SP  - 300" in lines and "M2  - page: 5-9" in lines


def test_what_zotero_would_drop_goes_to_m2_csl_lines_first_then_refport_lines() -> None:
    reference = Reference(
        "ivanov2020", "article-journal", title="Т", original_title="Original",
        creators=(Creator("author", Name("Ivanov", "Ivan", orcid="0000-0002-1825-0097")),),
        extra=(("bibtex:howpublished", "online"),),
    )  # fmt: skip
    m2 = [line for line in zotero_lines(reference) if line.startswith("M2")]
    assert m2 == [
        "M2  - citation-key: ivanov2020",
        "M2  - original-title: Original",
        "M2  - refport-orcid: 0 0000-0002-1825-0097",
        "M2  - bibtex:howpublished: online",
    ]


def test_the_id_travels_as_a_citation_key_line_that_refport_reads_back_as_the_id() -> None:
    item, back = through_zotero(Reference("smith2020", "book", title="T"))
    assert "citation-key: smith2020" in item.extra and "citationKey" not in item.fields
    assert back.id == "smith2020" and back.extra == ()


def test_one_kw_per_keyword_and_a_lone_keyword_with_a_comma_goes_to_extra() -> None:
    lines = zotero_lines(Reference("a", keywords=("war", "peace")))
    assert [line for line in lines if line[:2] == "KW"] == ["KW  - war", "KW  - peace"]
    item, back = through_zotero(Reference("a", keywords=("war, peace",)))
    assert item.tags == [] and back.keywords == ("war, peace",)


def test_an_organisation_is_never_given_a_comma_and_one_with_a_comma_goes_to_extra() -> None:
    who = (
        Creator("author", Name(literal="World Health Organization")),
        Creator("author", Name(literal="University of California, Berkeley")),
    )
    lines = zotero_lines(Reference("a", "report", creators=who))
    assert "AU  - World Health Organization" in lines
    assert "M2  - author: University of California, Berkeley" in lines
    item, back = through_zotero(Reference("a", "report", creators=who))
    assert item.creators == [{"creatorType": "author", "name": "World Health Organization"}]
    assert back.creators == who


def test_the_date_is_zoteros_date_string() -> None:
    dates = {
        Date(DatePart(2020, 11, 10)): "DA  - 2020-11-10",
        Date(DatePart(2019), end=DatePart(2020)): "DA  - 2019/2020",
        Date(DatePart(1850), circa=True): "DA  - 1850~",
        Date(DatePart(2020, season=1)): "DA  - Spring 2020",
        Date(literal="1637 and 1662"): 'DA  - "1637 and 1662"',
    }
    for date, line in dates.items():
        assert line in zotero_lines(Reference("a", issued=date)), line


def test_a_date_ris_js_would_mangle_goes_to_extra() -> None:
    lines = zotero_lines(Reference("a", issued=Date(literal="forthcoming")))
    assert not any(line.startswith("DA") for line in lines)
    assert "M2  - issued: forthcoming" in lines


def test_the_access_date_is_y2_in_the_ris_form_ris_js_reads_itself() -> None:
    reference = Reference("a", "webpage", accessed=Date(DatePart(2024, 5, 31)))
    assert "Y2  - 2024/05/31/" in zotero_lines(reference)
    assert through_zotero(reference)[0].fields["accessDate"] == "2024-05-31"


def test_ampersands_and_angle_brackets_survive_ris_js_unescaping() -> None:
    reference = Reference("a", title="R&D <in> &amp; out", container_title="A & B")
    lines = zotero_lines(reference)
    assert "TI  - R&amp;D &lt;in> &amp;amp; out" in lines
    assert through_zotero(reference)[0].fields["title"] == "R&D <in> &amp; out"


def test_a_title_with_a_line_break_is_one_line_in_zotero_and_exact_in_extra() -> None:
    reference = Reference("a", title="One\ntwo")
    item, back = through_zotero(reference)
    assert item.fields["title"] == "One two" and back.title == "One\ntwo"


def test_a_doi_url_or_malformed_doi_goes_to_extra_not_to_do() -> None:
    lines = zotero_lines(Reference("a", doi="10.123/x"))
    assert not any(line.startswith("DO") for line in lines) and "M2  - DOI: 10.123/x" in lines


def test_the_note_is_an_n1_child_note_unless_ris_js_would_drop_or_rewrite_it() -> None:
    assert "N1  - Read me" in zotero_lines(Reference("a", title="T", note="Read me"))
    item, back = through_zotero(Reference("a", title="T", note="T"))
    assert item.notes == [] and back.note == "T"
    item, back = through_zotero(Reference("a", note="Edition: 2"))
    assert item.notes == [] and back.note == "Edition: 2"


def test_what_zoteros_translate_layer_would_change_travels_in_extra() -> None:
    """It deletes a short title equal to the title (a case's empty `title` is
    filled from the short title first) and takes ": a novel" off a book's title."""
    for reference in (
        Reference("a", "book", title="Dune: A Novel", title_short="Dune"),
        Reference("a", "legal_case", title="Roe v. Wade", title_short="Roe"),
        Reference("a", "article-journal", title="T", title_short="T"),
    ):
        lines = zotero_lines(reference)
        assert not any(line.startswith("ST") for line in lines), reference
        item, back = through_zotero(reference)
        assert "shortTitle" not in item.fields
        assert kept_by_zotero(reference, item, back) == reference
    item, back = through_zotero(Reference("a", "book", title="Dune: A Novel"))
    assert item.fields["title"] == "Dune" and back.title == "Dune: A Novel"


def test_a_csl_type_name_that_is_not_csl_is_kept_exactly() -> None:
    item, back = through_zotero(Reference("a", "weird-type", title="T"))
    assert item.item_type == "document" and back.type == "weird-type"


# --- through the command line ---------------------------------------------------------------------


def test_refport_convert_writes_ris_for_zotero(tmp_path: Path) -> None:
    source = FIXTURES / "seeds" / "turan-2025.csl.json"
    target = tmp_path / "out.ris"
    assert main(["convert", str(source), "-t", "ris", "--for", "zotero", "-o", str(target)]) == 0
    text = target.read_bytes().decode("utf-8")
    references = refport.load(source).references
    items = ris_js_import(text)
    assert len(items) == len(references) and "\r\n" in text
    keys = [line for item in items for line in item.extra if line.startswith("citation-key: ")]
    assert keys == [f"citation-key: {r.id}" for r in references]


def test_the_zotero_type_table_renders_as_markdown() -> None:
    markdown = ris.zotero_mapping_table_markdown()
    assert "| `paper-conference` | `CONF` | `conferencePaper` |  |" in markdown
    assert "| `document` | `GRNT` | `document` |  |" in markdown
