"""CSL-JSON: every variable the model knows, nothing dropped, output that
validates against the CSL 1.0.2 schema. (Broken input and streaming:
test_csljson_text; what the model has no field for, script variants and
ORCIDs: test_csljson_extras; `--for zotero`: test_csljson_zotero.)"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.formats.csljson_helpers import one, read, write, written_item
from tests.formats.format_helpers import codes

from refport.formats import csljson
from refport.model import Creator, Date, DatePart, Name, Pages, Reference
from strategies import reference_for

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
MALFORMED = FIXTURES_DIR / "malformed"


#: Every CSL-JSON fixture; the other *.json files are API answers, expected
#: diagnostics or Zotero's own JSON, and malformed/ has its own tests.
FIXTURES = sorted(p for p in FIXTURES_DIR.glob("**/*.csl.json") if "malformed" not in p.parts)


# --- fixtures ---------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(FIXTURES_DIR)))
class TestFixtures:
    def test_reads_without_errors(self, path: Path) -> None:
        refs, diagnostics = read(path.read_text(encoding="utf-8"), str(path))
        assert refs
        assert [d for d in diagnostics if d.severity == "error"] == []

    def test_read_write_read_gives_an_equal_model(self, path: Path) -> None:
        refs, _ = read(path.read_text(encoding="utf-8"))
        assert read(write(refs))[0] == refs

    def test_write_read_write_gives_identical_text(self, path: Path) -> None:
        first = write(read(path.read_text(encoding="utf-8"))[0])
        assert write(read(first)[0]) == first

    def test_output_validates_against_the_csl_schema(
        self, path: Path, validate: Callable[[str], None]
    ) -> None:
        validate(write(read(path.read_text(encoding="utf-8"))[0]))


# --- generated references ------------------------------------------------------------


@given(reference_for("csljson"))
def test_model_write_read_gives_the_same_model(reference: Reference) -> None:
    refs, diagnostics = read(write([reference]))
    assert diagnostics == []
    assert refs == [reference]


@given(reference_for("csljson"))
def test_generated_output_validates_against_the_csl_schema(
    validate: Callable[[str], None], reference: Reference
) -> None:
    validate(write([reference]))


@given(st.lists(reference_for("csljson"), max_size=3))
def test_generated_write_read_write_gives_identical_text(references: list[Reference]) -> None:
    first = write(references)
    assert write(read(first)[0]) == first


@given(reference_for("model"))
def test_any_model_reference_is_written_losslessly_and_valid(
    validate: Callable[[str], None], reference: Reference
) -> None:
    validate(write([reference]))
    assert read(write([reference]))[0] == [reference]


@pytest.mark.slow
@settings(max_examples=2000)
@given(reference_for("csljson"))
def test_model_write_read_gives_the_same_model_at_length(reference: Reference) -> None:
    assert read(write([reference]))[0] == [reference]


# --- ids, types, duplicates ---------------------------------------------------------------


def test_a_missing_id_is_generated_from_the_position() -> None:
    refs, diagnostics = read('[{"id": "a", "type": "book"}, {"type": "book"}]')
    assert [r.id for r in refs] == ["a", "item-2"]
    assert [(d.code, d.refs) for d in diagnostics] == [("id-missing", ("item-2",))]


def test_a_numeric_id_becomes_text() -> None:
    assert read('[{"id": 7, "type": "book"}]')[0][0].id == "7"


def test_a_missing_type_reads_as_document_with_a_warning() -> None:
    refs, diagnostics = read('[{"id": "a"}]')
    assert refs[0].type == "document"
    assert [(d.code, d.severity) for d in diagnostics] == [("type-missing", "warning")]


def test_an_unknown_type_is_kept_and_written_back_where_the_schema_allows(
    validate: Callable[[str], None],
) -> None:
    refs, diagnostics = read('[{"id": "a", "type": "journal-article"}]')
    assert (refs[0].type, refs[0].extra) == ("document", (("csljson:type", '"journal-article"'),))
    assert codes(diagnostics) == ["type-unknown"]
    text = write(refs)
    validate(text)
    assert json.loads(text)[0]["custom"] == {"unknown-keys": {"type": "journal-article"}}
    assert read(text)[0] == refs


def test_duplicate_ids_are_reported_with_both_lines_and_both_kept() -> None:
    refs, diagnostics = read('[\n{"id": "a", "type": "book"},\n{"id": "a", "type": "map"}\n]')
    assert [r.type for r in refs] == ["book", "map"]
    [duplicate] = diagnostics
    assert (duplicate.code, duplicate.refs, duplicate.line) == ("key-duplicate", ("a",), 3)
    assert "lines 2 and 3" in duplicate.message


def test_every_reference_knows_its_file_and_line() -> None:
    refs, _ = read(
        '[\n  {"id": "a", "type": "book"},\n\n  {"id": "b", "type": "book"}\n]', "x.json"
    )
    assert [(r.origin.file, r.origin.line) for r in refs] == [("x.json", 2), ("x.json", 4)]


# --- variables ---------------------------------------------------------------------------


def test_rich_text_markup_and_case_are_kept_verbatim() -> None:
    title = 'The <span class="nocase">DNA</span> of <i>E. coli</i> H<sub>2</sub>O<sup>2</sup>'
    journal = '<span style="font-variant:small-caps;">JOURNAL</span> of <b>THINGS</b>'
    reference = one({"title": title, "container-title": journal})
    assert (reference.title, reference.container_title) == (title, journal)
    assert written_item(reference)["title"] == title


def test_numbers_are_read_as_text() -> None:
    reference = one({"volume": 35, "issue": 2, "page": 245, "edition": 2.5})
    assert (reference.volume, reference.issue, reference.edition) == ("35", "2", "2.5")
    assert reference.page == Pages("245", "245", "245")


def test_pages_keep_their_text_and_parse_first_and_last() -> None:
    assert one({"page": "245–273"}).page == Pages("245–273", "245", "273")


def test_keyword_text_is_split_on_commas_and_joined_back() -> None:
    reference = one({"keyword": "Azerbaijan, Russia,Turkey"})
    assert reference.keywords == ("Azerbaijan", "Russia", "Turkey")
    assert written_item(reference)["keyword"] == "Azerbaijan, Russia, Turkey"


def test_names_are_read_by_role_with_every_part() -> None:
    reference = one(
        {
            "editor": [{"family": "Löwis", "given": "Sabine", "non-dropping-particle": "von"}],
            "author": [{"literal": "ТАСС"}, {"family": "King", "given": "M. L.", "suffix": "Jr."}],
        }
    )
    assert reference.creators == (
        Creator("author", Name(literal="ТАСС")),
        Creator("author", Name(family="King", given="M. L.", suffix="Jr.")),
        Creator("editor", Name(family="Löwis", given="Sabine", non_dropping_particle="von")),
    )


def test_null_for_a_variable_means_absent() -> None:
    reference = one({"title": None, "issued": None, "author": None})
    assert (reference.title, reference.issued, reference.creators, reference.extra) == (
        None, None, (), ()
    )  # fmt: skip


def test_the_writer_orders_keys_id_type_then_the_table() -> None:
    reference = one({"URL": "u", "title": "t", "issued": {"date-parts": [[2020]]}, "author": []})
    assert list(written_item(reference)) == ["id", "type", "title", "issued", "URL"]


def test_the_writer_keeps_non_ascii_text_unescaped() -> None:
    text = write([Reference("a", title="Прерадовић İnönü ə 中文")])
    assert "Прерадовић İnönü ə 中文" in text


def test_an_empty_list_is_written_as_an_empty_array() -> None:
    assert write([]) == "[]\n"


CROSSREF_ITEM = {
    "indexed": {"date-parts": [[2024, 1, 5]]},
    "reference-count": 54,
    "publisher": "Informa UK Limited",
    "DOI": "10.1080/14683857.2019.1578053",
    "type": "article-journal",
    "page": "269-291",
    "source": "Crossref",
    "title": "Azerbaijan’s foreign policy towards Russia since independence",
    "volume": 19,
    "author": [
        {
            "ORCID": "http://orcid.org/0000-0002-0227-6161",
            "authenticated-orcid": False,
            "given": "Anar",
            "family": "Valiyev",
            "sequence": "first",
            "affiliation": [],
        }
    ],
    "container-title": "Southeast European and Black Sea Studies",
    "issued": {"date-parts": [[2019, 4, 3]]},
    "ISSN": "1468-3857",
}


def test_a_crossref_item_loads_and_is_written_back_valid(validate: Callable[[str], None]) -> None:
    refs, diagnostics = read(json.dumps([CROSSREF_ITEM]))
    assert codes(diagnostics) == ["id-missing"]
    [reference] = refs
    author = reference.names("author")[0]
    assert (author.family, author.orcid) == ("Valiyev", "http://orcid.org/0000-0002-0227-6161")
    assert (reference.volume, reference.issn, reference.publisher) == (
        "19", "1468-3857", "Informa UK Limited"
    )  # fmt: skip
    text = write(refs)
    validate(text)
    custom = json.loads(text)[0]["custom"]
    assert custom["unknown-keys"] == {
        "indexed": {"date-parts": [[2024, 1, 5]]},
        "reference-count": 54,
    }
    assert custom["unknown-name-keys"] == {
        "author": [{"authenticated-orcid": False, "sequence": "first", "affiliation": []}]
    }
    assert read(text)[0] == refs


def test_the_public_item_functions_are_inverse() -> None:
    item = {"id": "a", "type": "book", "title": "T", "author": [{"family": "F"}]}
    reference = csljson.csl_to_reference(item, filename="f.json", line=3)
    assert reference.origin.line == 3
    assert csljson.reference_to_csl(reference) == item


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ({"date-parts": [[2020, 11, 10]]}, Date(start=DatePart(2020, 11, 10))),
        ({"date-parts": [["2020", "11"]]}, Date(start=DatePart(2020, 11))),
        ({"date-parts": [[2019, 3], [2019, 5]]}, Date(DatePart(2019, 3), DatePart(2019, 5))),
        ({"date-parts": [[2020]], "season": 2}, Date(start=DatePart(2020, season=2))),
        ({"date-parts": [[2020]], "season": "Winter"}, Date(start=DatePart(2020, season=4))),
        ({"date-parts": [[2020, 23]]}, Date(start=DatePart(2020, season=3))),
        ({"date-parts": [[1850]], "circa": True}, Date(start=DatePart(1850), circa=True)),
        ({"literal": "n.d."}, Date(literal="n.d.")),
        ({"raw": "2019/2020"}, Date(DatePart(2019), DatePart(2020), raw="2019/2020")),
        ({"raw": "ca. 1850"}, Date(start=DatePart(1850), circa=True, raw="ca. 1850")),
        ({"date-parts": [[2020]], "raw": "2020?"}, Date(start=DatePart(2020), raw="2020?")),
        ("2020-11", Date(start=DatePart(2020, 11), raw="2020-11")),
    ],
)
def test_dates_are_read_in_every_csl_form(value: object, date: Date) -> None:
    assert one({"issued": value}).issued == date


def test_a_range_with_a_season_at_its_end_is_written_as_month_21_to_24() -> None:
    date = Date(DatePart(2019, season=1), DatePart(2019, season=3))
    item = written_item(Reference("a", issued=date))
    assert item["issued"] == {"date-parts": [[2019], [2019, 23]], "season": 1}


def test_raw_is_written_beside_date_parts() -> None:
    item = written_item(Reference("a", issued=Date(start=DatePart(2020, 11), raw="2020/11")))
    assert item["issued"] == {"date-parts": [[2020, 11]], "raw": "2020/11"}


def test_an_unreadable_date_is_kept_and_written_back_valid(validate: Callable[[str], None]) -> None:
    text = '[{"id": "a", "type": "book", "issued": {"date-parts": [["spring"]]}}]'
    refs, diagnostics = read(text)
    assert refs[0].issued is None
    assert refs[0].extra == (("csljson:issued", '{"date-parts":[["spring"]]}'),)
    assert [(d.code, d.field) for d in diagnostics] == [("field-invalid", "issued")]
    validate(write(refs))
    assert read(write(refs))[0] == refs


# --- sniffing, documentation ---------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('[\n  {"id": "a", "type": "book"}', True),
        ("\ufeff  []", True),
        ('{"id": "a", "type": "book"}', True),
        ('{"items": [', True),
        ('{"name": "package"}', False),
        ("@article{key,\n title={T}}", False),
        ("TY  - JOUR\nTI  - T", False),
        ('[{"key": "ABCD", "itemType": "journalArticle"}]', False),
    ],
)
def test_sniff_recognises_csl_json_by_its_content(head: str, expected: bool) -> None:
    assert csljson.sniff(head) is expected


def test_the_mapping_table_lists_every_variable() -> None:
    from refport.formats.csljson_tables import VARIABLES

    table = csljson.mapping_table_markdown()
    assert all(f"`{key}`" in table for key, _, _ in VARIABLES)
    assert all(f"`{field}`" in table for _, field, kind in VARIABLES if kind != "names")
    assert "`multi.<role>`" in table


def test_the_tables_cover_the_whole_schema_and_model(csl_schema: dict[str, Any]) -> None:
    from refport.formats.csljson_tables import (
        ALIASES,
        BY_KEY,
        NAME_PARTS,
        NAME_SCHEMA_ONLY,
        SCHEMA_ONLY,
    )
    from refport.model import STRING_FIELDS

    schema = csl_schema
    item_keys = set(schema["items"]["properties"])
    known = set(BY_KEY) | set(SCHEMA_ONLY) | {"id", "type", "custom"}
    assert item_keys == known
    assert set(ALIASES) <= item_keys
    name_keys = set(schema["definitions"]["name-variable"]["anyOf"][0]["properties"])
    assert name_keys == {key for key, _ in NAME_PARTS} | NAME_SCHEMA_ONLY
    assert set(STRING_FIELDS) <= {f for f, _ in BY_KEY.values()}
