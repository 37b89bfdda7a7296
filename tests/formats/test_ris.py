"""RIS: reading what Zotero, EndNote and Mendeley write, writing it back, and
not making the mistakes the best peers make (pandoc, citation-js, bibutils,
rispy, Zotero's own translator)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from tests.formats.format_helpers import codes
from tests.formats.ris_helpers import read_all, round_trip, write_all

import refport
from refport.formats import ris
from refport.formats import ris_tables as tables
from refport.formats.ris_values import format_name, parse_name
from refport.model import (
    CSL_TYPES,
    Creator,
    Date,
    DatePart,
    Name,
    NameVariant,
    Reference,
    TextVariant,
    parse_pages,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


# --- helpers ------------------------------------------------------------------------


def one(*lines: str, ty: str = "JOUR") -> Reference:
    references, diagnostics = read_all(record(*lines, ty=ty))
    assert len(references) == 1, diagnostics
    return references[0]


def record(*lines: str, ty: str = "JOUR") -> str:
    return "".join(f"{line}\r\n" for line in (f"TY  - {ty}", *lines, "ER  - ")) + "\r\n"


# --- peer mistakes: dates -----------------------------------------------------------------


@pytest.mark.parametrize("ty", ["JOUR", "CHAP"])
def test_da_wins_over_py_for_the_full_date(ty: str) -> None:
    reference = one("PY  - 2020", "DA  - 2020/11/10/", ty=ty)
    assert reference.issued is not None and reference.issued.start == DatePart(2020, 11, 10)


def test_da_without_py_still_dates_the_record() -> None:
    reference = one("DA  - 2020/11/10/")
    assert reference.issued is not None and reference.issued.start == DatePart(2020, 11, 10)


def test_y2_is_the_access_date_never_the_issued_year() -> None:
    reference = one("Y2  - 2023/05/01/")
    assert reference.issued is None
    assert reference.accessed is not None and reference.accessed.start == DatePart(2023, 5, 1)


def test_py_gives_the_year_when_there_is_no_da() -> None:
    reference = one("PY  - 2020///", "Y2  - 2023/05/01/")
    assert reference.issued is not None and reference.issued.start == DatePart(2020)


def test_old_y1_dates_a_record_after_da_and_py() -> None:
    assert one("Y1  - 2016/06/20/").issued == Date(DatePart(2016, 6, 20), raw="2016/06/20/")
    assert one("Y1  - 1900/01/01", "DA  - 1950/01/01").issued.year == 1950  # type: ignore[union-attr]


def test_endnote_year_less_da_joins_the_py_year() -> None:
    reference = one("PY  - 2020", "DA  - Nov 10")
    assert reference.issued is not None and reference.issued.start == DatePart(2020, 11, 10)
    assert reference.extra == ()


def test_a_py_that_disagrees_with_da_is_kept_and_reported() -> None:
    references, diagnostics = read_all(record("ID  - a", "PY  - 2019", "DA  - 2020/01/02/"))
    assert references[0].issued is not None and references[0].issued.year == 2020
    assert references[0].extra == (("ris:PY", "2019"),)
    assert [(d.code, d.refs, d.line) for d in diagnostics] == [("ris-date-conflict", ("a",), 3)]


def test_ris_date_forms_read_as_partial_dates() -> None:
    forms = {"2020///": (2020,), "2020/11//": (2020, 11), "2020/11": (2020, 11), "2020": (2020,)}
    for text, parts in forms.items():
        issued = one(f"DA  - {text}").issued
        assert issued is not None and issued.start is not None
        assert issued.start.as_tuple() == parts, text


def test_a_season_in_the_other_part_is_a_season() -> None:
    issued = one("DA  - 2020///Spring").issued
    assert issued is not None and issued.start == DatePart(2020, season=1)


def test_a_date_that_does_not_parse_is_a_literal() -> None:
    issued = one("DA  - forthcoming").issued
    assert issued == Date(literal="forthcoming")


def test_dates_are_written_as_py_year_and_da_full_date() -> None:
    text, _ = write_all([Reference("a", "article-journal", issued=Date(DatePart(2020, 11, 10)))])
    assert "PY  - 2020\r\n" in text and "DA  - 2020/11/10/\r\n" in text
    text, _ = write_all([Reference("a", "article-journal", issued=Date(DatePart(2020)))])
    assert "PY  - 2020\r\n" in text and "DA  -" not in text


# --- peer mistakes: standard numbers, DOIs -------------------------------------------------


@pytest.mark.parametrize(
    ("ty", "expected"),
    [("JOUR", "issn"), ("MGZN", "issn"), ("NEWS", "issn"), ("BOOK", "isbn"), ("CHAP", "isbn")],
)
def test_sn_is_issn_for_serials_and_isbn_for_books(ty: str, expected: str) -> None:
    reference = one("SN  - 12345", ty=ty)
    assert getattr(reference, expected) == "12345"


def test_sn_content_overrides_the_type_when_unmistakable() -> None:
    assert one("SN  - 978-3-16-148410-0").isbn == "978-3-16-148410-0"
    assert one("SN  - 0043-8871", ty="BOOK").issn == "0043-8871"


def test_sn_of_a_report_is_its_number() -> None:
    assert one("SN  - 2020-0017", ty="RPRT").number == "2020-0017"


@pytest.mark.parametrize("doi", ["10.12345/abc.def", "10.123/x", "10.1000.10/abc", "10.64148/msm"])
def test_dois_with_any_registrant_code_are_kept(doi: str) -> None:
    reference = one(f"DO  - {doi}")
    assert reference.doi == doi
    assert round_trip(reference).doi == doi


def test_a_doi_only_in_m3_or_n1_fills_doi_and_the_line_is_kept() -> None:
    scopus = one("M3  - doi: 10.3109/07434618.2014.906498")
    assert scopus.doi == "10.3109/07434618.2014.906498"
    assert scopus.genre is None and scopus.extra == (
        ("ris:M3", "doi: 10.3109/07434618.2014.906498"),
    )
    endnote = one("N1  - doi: 10.1017/S0043887100007814")
    assert endnote.doi == "10.1017/S0043887100007814"
    assert endnote.note == "doi: 10.1017/S0043887100007814"
    assert round_trip(scopus) == scopus and round_trip(endnote) == endnote


# --- peer mistakes: names -----------------------------------------------------------------


def test_family_given_suffix() -> None:
    assert one("AU  - Dvořák, Søren, Jr.").names("author") == (
        Name(family="Dvořák", given="Søren", suffix="Jr."),
    )


def test_a_one_field_name_is_an_organisation() -> None:
    assert one("AU  - European Space Agency").names("author") == (
        Name(literal="European Space Agency"),
    )


def test_lower_case_particles_as_in_csl() -> None:
    assert parse_name("van Gils, Eske") == Name(
        family="Gils", given="Eske", non_dropping_particle="van"
    )
    assert parse_name("Beethoven, Ludwig van") == Name(
        family="Beethoven", given="Ludwig", dropping_particle="van"
    )
    assert parse_name("de la Fontaine, Jean") == Name(
        family="Fontaine", given="Jean", non_dropping_particle="de la"
    )


def test_lower_case_names_are_not_split_into_particles() -> None:
    assert parse_name("smith, john paul") == Name(family="smith", given="john paul")
    assert parse_name("van der berg, Jan") == Name(family="van der berg", given="Jan")


def test_a_family_only_name_is_written_with_a_trailing_comma() -> None:
    assert format_name(Name(family="Platon")) == "Platon,"
    assert parse_name("Platon,") == Name(family="Platon")


def test_an_organisation_with_a_comma_round_trips() -> None:
    berkeley = Name(literal="University of California, Berkeley")
    reference = Reference("a", "report", creators=(Creator("author", berkeley),))
    text, diagnostics = write_all([reference])
    assert "AU  - University of California, Berkeley\r\n" in text
    assert round_trip(reference) == reference and diagnostics == []


def test_a_person_whose_parts_hold_commas_is_reported_on_write() -> None:
    reference = Reference("a", creators=(Creator("author", Name(family="A, B", given="C")),))
    assert codes(write_all([reference])[1]) == ["ris-name-lossy"]


def test_editor_roles_follow_the_type() -> None:
    chapter = one("AU  - A, B", "A2  - E, F", "A3  - S, T", "A4  - T, U", ty="CHAP")
    assert [c.role for c in chapter.creators] == [
        "author",
        "editor",
        "translator",
        "collection-editor",
    ]
    book = one("A2  - S, T", "A3  - E, F", "ED  - G, H", ty="BOOK")
    assert book.names("editor") == (parse_name("E, F"), parse_name("G, H"))
    assert book.names("collection-editor") == (parse_name("S, T"),)
    assert one("A1  - A, B", "AU  - C, D").names("author") == (
        parse_name("A, B"),
        parse_name("C, D"),
    )


# --- peer mistakes: keys ----------------------------------------------------------------------


def test_duplicate_ids_are_reported_naming_both_lines_and_both_kept() -> None:
    text = record("ID  - rose1998", "TI  - One") + record("ID  - rose1998", "TI  - Two")
    references, diagnostics = read_all(text)
    assert [r.title for r in references] == ["One", "Two"]
    assert [(d.code, d.severity, d.refs, d.line) for d in diagnostics] == [
        ("key-duplicate", "warning", ("rose1998",), 7)
    ]
    assert "line 2" in diagnostics[0].message


def test_writing_duplicate_ids_is_reported() -> None:
    _, diagnostics = write_all([Reference("a"), Reference("a")])
    assert [(d.code, d.refs) for d in diagnostics] == [("key-duplicate", ("a",))]


def test_a_record_without_id_gets_author_year_made_unique() -> None:
    text = record("AU  - Dvořák, Søren", "PY  - 2020") * 2 + record("TI  - No author")
    references, diagnostics = read_all(text)
    assert [r.id for r in references] == ["dvorak2020", "dvorak2020a", "nond"]
    assert diagnostics == []


# --- peer mistakes: what others drop --------------------------------------------------------


def test_collection_title_status_and_unknown_tags_survive_a_round_trip() -> None:
    reference = Reference(
        "a", "chapter", title="T", collection_title="Series", status="in press",
        extra=(("ris:ZZ", "unknown"), ("ris:L1", "file.pdf")),
    )  # fmt: skip
    text, _ = write_all([reference])
    assert "T3  - Series" in text and "U1  - status: in press" in text and "ZZ  - unknown" in text
    assert round_trip(reference) == reference


def test_unknown_and_repeated_tags_go_to_extra_in_order() -> None:
    reference = one("UR  - http://a", "ZZ  - z", "UR  - http://b", "N1  - one", "N1  - two")
    assert reference.url == "http://a" and reference.note == "one"
    assert reference.extra == (("ris:ZZ", "z"), ("ris:UR", "http://b"), ("ris:N1", "two"))


def test_aliases_fill_fields_and_the_main_tag_wins() -> None:
    reference = one("JF  - Full", "T2  - Main", "JA  - Abbr", "T1  - Title", "N2  - Abstract")
    assert (reference.container_title, reference.container_title_short) == ("Main", "Abbr")
    assert (reference.title, reference.abstract) == ("Title", "Abstract")
    assert reference.extra == (("ris:JF", "Full"),)


def test_conference_name_and_proceedings_title_as_zotero_writes_them() -> None:
    zotero = one("T2  - Workshop", "C3  - Proceedings", "C1  - Noordwijk", ty="CONF")
    assert (zotero.event_title, zotero.container_title, zotero.publisher_place) == (
        "Workshop", "Proceedings", "Noordwijk",
    )  # fmt: skip
    other = one("T2  - Proceedings", "CY  - Place", ty="CONF")
    assert (other.event_title, other.container_title, other.publisher_place) == (
        None, "Proceedings", "Place",
    )  # fmt: skip
    assert round_trip(zotero) == zotero and round_trip(other) == other


# --- types ---------------------------------------------------------------------------------


def test_the_tables_are_consistent_and_cover_every_csl_type() -> None:
    assert tables.check_tables() == []


@pytest.mark.parametrize(("ty", "csl", "direction"), tables.TYPES)
def test_every_ris_type_reads_and_writes_back(ty: str, csl: str, direction: str) -> None:
    reference = one("TI  - x", ty=ty)
    assert reference.type == csl
    assert reference.extra == (() if direction == "both" else (("ris:TY", ty),))
    assert write_all([reference])[0].startswith(f"TY  - {ty}\r\n")


@pytest.mark.parametrize("csl", sorted(CSL_TYPES))
def test_every_csl_type_writes_and_reads_back(csl: str) -> None:
    reference = Reference("a", csl, title="x")
    text, diagnostics = write_all([reference])
    assert text.startswith(f"TY  - {tables.WRITE_TYPES[csl]}\r\n") and diagnostics == []
    assert round_trip(reference) == reference


def test_an_unknown_type_reads_as_document_kept_and_reported() -> None:
    references, diagnostics = read_all(record("ID  - a", ty="FOO"))
    assert (references[0].type, references[0].extra) == ("document", (("ris:TY", "FOO"),))
    assert codes(diagnostics) == ["ris-unknown-type"]
    assert write_all(references)[0].startswith("TY  - FOO\r\n")


# --- line syntax ------------------------------------------------------------------------------

GOOD = "TY  - JOUR\nTI  - Title\nER  - \n"


@pytest.mark.parametrize(
    "text",
    [
        GOOD,
        GOOD.replace("\n", "\r\n"),
        GOOD.replace("\n", "\r"),
        "\ufeff" + GOOD,
        "\n\n" + GOOD + "\n\n\n",
        GOOD.replace("ER  - ", "ER  -"),
        GOOD.replace("ER  - ", "ER"),
        GOOD.replace("  - ", " - "),
        GOOD.replace("  - ", "\t- "),
        GOOD.replace("Title", "Title  \t"),
        GOOD.replace("  - ", "  -"),
    ],
    ids=["lf", "crlf", "cr", "bom", "blank-lines", "er-no-space", "bare-er", "one-space", "tab",
         "trailing-blanks", "no-space-after-dash"],
)  # fmt: skip
def test_line_syntax_variants_read_the_same(text: str) -> None:
    references, diagnostics = read_all(text)
    assert [(r.type, r.title) for r in references] == [("article-journal", "Title")]
    assert diagnostics == []


def test_blank_lines_between_records_and_none_at_all() -> None:
    assert len(read_all(GOOD + "\n\n\n" + GOOD + GOOD)[0]) == 3


def test_a_line_that_is_not_a_tag_continues_the_value() -> None:
    abstract = one("AB  - First line", "second line", "", "new paragraph", "TI  - T").abstract
    assert abstract == "First line\nsecond line\n\nnew paragraph"


def test_multi_line_values_round_trip() -> None:
    reference = Reference("a", abstract="One\ntwo\n\nthree", note="n1\nn2")
    text, diagnostics = write_all([reference])
    assert "AB  - One\r\ntwo\r\n\r\nthree\r\n" in text and diagnostics == []
    assert round_trip(reference) == reference


def test_a_value_line_that_would_read_as_a_tag_is_reported_on_write() -> None:
    _, diagnostics = write_all([Reference("a", abstract="x\nAU  - not a name")])
    assert codes(diagnostics) == ["ris-value-ambiguous"]


def test_a_last_record_without_er_loads_with_a_warning() -> None:
    references, diagnostics = read_all("TY  - JOUR\nID  - a\nTI  - T\n")
    assert [r.title for r in references] == ["T"]
    assert [(d.code, d.severity, d.refs, d.line) for d in diagnostics] == [
        ("ris-missing-er", "warning", ("a",), 1)
    ]


def test_a_ty_without_er_before_it_starts_a_new_record_with_a_warning() -> None:
    references, diagnostics = read_all("TY  - JOUR\nTI  - A\nTY  - BOOK\nTI  - B\nER  - \n")
    assert [(r.type, r.title) for r in references] == [("article-journal", "A"), ("book", "B")]
    assert codes(diagnostics) == ["ris-missing-er"]


def test_tags_before_any_ty_make_a_generic_record_with_a_warning() -> None:
    references, diagnostics = read_all("AU  - Smith, J\nTI  - T\nER  - \n")
    assert [(r.type, r.title) for r in references] == [("document", "T")]
    assert [(d.code, d.line) for d in diagnostics] == [("ris-missing-ty", 1)]


def test_text_outside_any_record_is_an_error_naming_line_and_neighbour() -> None:
    references, diagnostics = read_all(record("ID  - a") + "garbage here\r\n" + record("ID  - b"))
    assert [r.id for r in references] == ["a", "b"]
    assert [(d.code, d.severity, d.refs, d.line, d.column) for d in diagnostics] == [
        ("ris-bad-line", "error", ("a",), 5, 1)
    ]
    assert diagnostics[0].file == "t.ris"


def test_a_malformed_tag_line_is_reported_not_glued_to_the_value() -> None:
    references, diagnostics = read_all(record("ID  - r", "T2  - World Politics", "PY: 1998"))
    assert references[0].container_title == "World Politics"
    assert [(d.code, d.severity, d.refs, d.line) for d in diagnostics] == [
        ("ris-bad-line", "error", ("r",), 4)
    ]


def test_text_right_after_ty_is_an_error_not_part_of_the_type() -> None:
    references, diagnostics = read_all("TY  - JOUR\nstray\nTI  - T\nER  - \n")
    assert [(r.type, r.title) for r in references] == [("article-journal", "T")]
    assert [(d.code, d.severity, d.line) for d in diagnostics] == [("ris-bad-line", "error", 2)]


def test_a_stray_er_is_a_warning() -> None:
    references, diagnostics = read_all(GOOD + "ER  - \n")
    assert len(references) == 1
    assert [(d.code, d.severity, d.line) for d in diagnostics] == [("ris-bad-line", "warning", 4)]


def test_a_bom_in_the_middle_of_a_concatenated_file_is_dropped() -> None:
    references, diagnostics = read_all("\ufeff" + GOOD + "\ufeff" + GOOD)
    assert [r.title for r in references] == ["Title", "Title"] and diagnostics == []


def test_every_reference_knows_its_file_and_line() -> None:
    references, _ = read_all(GOOD + "\n" + GOOD, filename="x.ris")
    assert [(r.origin.file, r.origin.line) for r in references] == [("x.ris", 1), ("x.ris", 5)]


def test_reading_streams_from_an_open_file_one_record_at_a_time() -> None:
    class Counting(io.StringIO):
        reads = 0

        def read(self, size: int | None = -1) -> str:
            Counting.reads += 1
            return super().read(size if size is None or size < 0 else min(size, 100))

    stream = Counting(GOOD.replace("Title", "x" * 50) * 200)
    first = next(ris.read(stream))
    assert isinstance(first, Reference) and Counting.reads < 5
    assert sum(isinstance(i, Reference) for i in ris.read(io.StringIO(GOOD * 200))) == 200


def test_crlf_split_across_stream_chunks_is_one_line_end() -> None:
    head = "TY  - JOUR\r\nTI  - "
    text = head + "x" * (65536 - len(head) - 1) + "\r\nER  - \r\n"
    assert text[65535] == "\r"  # the first 64 KiB chunk ends inside the CRLF
    items = list(ris.read(io.StringIO(text)))
    assert [type(i) for i in items] == [Reference]


def test_empty_input_is_nothing() -> None:
    assert read_all("") == ([], [])


# --- writing ----------------------------------------------------------------------------------


def test_the_writer_writes_crlf_ty_first_er_last_and_repeated_tags() -> None:
    reference = Reference("k", "article-journal", title="T", keywords=("a", "b"))
    text, _ = write_all([reference])
    assert text == "TY  - JOUR\r\nID  - k\r\nTI  - T\r\nKW  - a\r\nKW  - b\r\nER  - \r\n\r\n"


@pytest.mark.parametrize(
    ("page", "lines"),
    [("476-481", ["SP  - 476", "EP  - 481"]), ("476–481", ["SP  - 476–481"]),
     ("e1234", ["SP  - e1234"]), ("31, 35-40", ["SP  - 31, 35-40"])],
)  # fmt: skip
def test_pages_are_split_into_sp_ep_only_for_a_plain_range(page: str, lines: list[str]) -> None:
    reference = Reference("a", "article-journal", page=parse_pages(page))
    text, _ = write_all([reference])
    assert [line for line in text.split("\r\n") if line[:2] in ("SP", "EP")] == lines
    assert round_trip(reference) == reference


def test_sniff_recognises_a_ty_line_near_the_start() -> None:
    assert ris.sniff("\ufeffTY  - JOUR\r\n") and ris.sniff("\n\nTY - BOOK\n")
    assert not ris.sniff("@article{x,\n  title={TY  - JOUR}}\n")
    assert not ris.sniff('[{"id": "x"}]')


def test_the_mapping_tables_render_as_markdown() -> None:
    markdown = ris.mapping_table_markdown()
    assert all(f"`{ty}`" in markdown for ty, _, _ in tables.TYPES)
    assert "| `DA` |" in markdown and "U1  - type: post" in markdown


# --- script variants, ORCID -------------------------------------------------------------------


def test_the_english_title_goes_to_tt_and_other_variants_to_u1() -> None:
    reference = Reference(
        "a", title="Война и мир",
        variants=(TextVariant("title", "en", "War and Peace"),
                  TextVariant("title", "ru-Latn", "Voyna i mir")),
    )  # fmt: skip
    text, _ = write_all([reference])
    assert "TT  - War and Peace\r\n" in text and "U1  - title [ru-Latn]: Voyna i mir\r\n" in text
    assert round_trip(reference) == reference


def test_name_variants_and_orcids_round_trip() -> None:
    variants = (NameVariant("ru-Latn", "Tolstoj", "Lev"), NameVariant("en", literal="Leo Tolstoy"))
    tolstoy = Name(family="Толстой", given="Лев", orcid="0000-0002-1825-0097", variants=variants)
    reference = Reference(
        "a", creators=(Creator("author", Name(family="A")), Creator("author", tolstoy))
    )
    text, _ = write_all([reference])
    assert "U1  - author 2 orcid: 0000-0002-1825-0097\r\n" in text
    assert "U1  - author 2 [ru-Latn]: Tolstoj, Lev\r\n" in text
    assert round_trip(reference) == reference


def test_convention_lines_refport_does_not_understand_stay_in_extra() -> None:
    reference = one("U1  - Distributor", "U1  - author 5 orcid: 0000-0000-0000-0000")
    assert reference.extra == (
        ("ris:U1", "Distributor"), ("ris:U1", "author 5 orcid: 0000-0000-0000-0000"),
    )  # fmt: skip


# --- fixtures ------------------------------------------------------------------------------------


def fixture_files(folder: str) -> list[Path]:
    return sorted((FIXTURES / folder).glob("*.ris"))


@pytest.mark.parametrize("path", fixture_files("dialects"), ids=lambda p: p.name)
def test_dialect_files_read_without_errors_and_round_trip(path: Path) -> None:
    references, diagnostics = read_all(path.read_text(encoding="utf-8"), str(path))
    assert references and [d for d in diagnostics if d.severity == "error"] == []
    assert all(r.title and r.issued for r in references)
    again, _ = read_all(write_all(references)[0])
    assert again == references


def test_zotero_dialect_details() -> None:
    references, _ = read_all((FIXTURES / "dialects" / "zotero.ris").read_text(encoding="utf-8"))
    conference = references[-1]
    assert conference.names("author") == (
        Name(family="Dvořák", given="Søren", suffix="Jr."), Name(literal="European Space Agency"),
    )  # fmt: skip
    assert (conference.event_title, conference.container_title) == (
        "Fixture Workshop",
        "refport test fixtures",
    )
    assert references[2].accessed is not None and references[2].accessed.start == DatePart(
        2024, 5, 31
    )


def test_endnote_dialect_details() -> None:
    references, _ = read_all((FIXTURES / "dialects" / "endnote.ris").read_text(encoding="utf-8"))
    assert references[0].doi == "10.1080/14683857.2019.1578053"
    assert references[1].names("editor")[1] == Name(family="Gunther", given="Michael M.")
    assert references[4].issued is not None and references[4].issued.start == DatePart(2016, 6, 20)


@pytest.mark.parametrize(
    "path", [p for p in fixture_files("malformed") if p.name != "cp1251.ris"], ids=lambda p: p.name
)
def test_malformed_files_report_line_and_key_and_load_the_good_records(path: Path) -> None:
    references, diagnostics = read_all(path.read_text(encoding="utf-8"), str(path))
    assert diagnostics and all(d.line and d.refs and d.file == str(path) for d in diagnostics)
    assert {"abushov2019", "merom2003"} <= {r.id for r in references}


def test_a_windows_1251_file_is_detected_and_reported_through_load() -> None:
    result = refport.load(FIXTURES / "malformed" / "cp1251.ris")
    assert [(d.code, d.severity) for d in result.diagnostics] == [("encoding", "warning")]
    assert "cp1251" in result.diagnostics[0].message
    titles = [r.title for r in result.references]
    assert len(titles) == 3 and titles[1] is not None and titles[1].startswith("Как Россия")
