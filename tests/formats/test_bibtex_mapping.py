"""BibTeX/biblatex mapping: entry types both ways, field aliases, dialects,
macros, crossref/xdata, comments, script variants, ORCIDs, real exports."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from tests.formats.bibtex_helpers import one, read_all, write_text

from refport.formats import bibtex
from refport.formats.base import WriteOptions
from refport.formats.bibtex_tables import READ_TYPES, WRITE_TYPES
from refport.model import (
    CSL_TYPES,
    Creator,
    Date,
    DatePart,
    Name,
    NameVariant,
    Reference,
    TextVariant,
    parse_date,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DIALECT_FILES = sorted((FIXTURES / "dialects").glob("*.bib"))


# --- entry types -------------------------------------------------------------------------

BRIEF_TYPES = (
    "article", "book", "booklet", "inbook", "incollection", "inproceedings", "manual",
    "mastersthesis", "phdthesis", "misc", "online", "report", "techreport", "unpublished",
    "periodical", "thesis",
)  # fmt: skip


def test_the_type_tables_cover_the_required_types_and_every_csl_type_they_name() -> None:
    assert set(BRIEF_TYPES) <= set(READ_TYPES)
    assert {csl for csl, _ in READ_TYPES.values()} <= CSL_TYPES
    assert set(WRITE_TYPES) <= CSL_TYPES


@pytest.mark.parametrize("entry_type", sorted(READ_TYPES))
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_every_entry_type_reads_and_writes_back_to_the_same_model(
    entry_type: str, dialect: str
) -> None:
    reference = one(f"@{entry_type}{{k, title = {{T}}}}\n")
    assert reference.type == READ_TYPES[entry_type][0]
    assert one(write_text([reference], dialect)) == reference


@pytest.mark.parametrize("csl_type", sorted(CSL_TYPES))
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_every_csl_type_writes_and_reads_back(csl_type: str, dialect: str) -> None:
    reference = Reference("k", type=csl_type, title="T")
    assert one(write_text([reference], dialect)) == reference


@pytest.mark.parametrize(
    ("csl_type", "bibtex_type", "biblatex_type"),
    [("article-journal", "article", "article"), ("chapter", "incollection", "incollection"),
     ("paper-conference", "inproceedings", "inproceedings"), ("report", "techreport", "report"),
     ("webpage", "misc", "online"), ("manuscript", "unpublished", "unpublished")],
)  # fmt: skip
def test_csl_types_are_written_as_each_dialect_names_them(
    csl_type: str, bibtex_type: str, biblatex_type: str
) -> None:
    reference = Reference("k", type=csl_type)
    assert write_text([reference], "bibtex").startswith(f"@{bibtex_type}{{k")
    assert write_text([reference], "biblatex").startswith(f"@{biblatex_type}{{k")


@pytest.mark.parametrize(
    ("entry_type", "genre"), [("phdthesis", "PhD thesis"), ("mastersthesis", "Master's thesis")]
)
def test_thesis_types_become_thesis_with_a_genre_and_come_back(entry_type: str, genre: str) -> None:
    reference = one(f"@{entry_type}{{k, title={{T}}, school={{Uni}}}}\n")
    assert (reference.type, reference.genre, reference.publisher) == ("thesis", genre, "Uni")
    assert write_text([reference], "bibtex").startswith(f"@{entry_type}{{k,")
    assert "institution = {Uni}" in write_text([reference], "biblatex")


def test_a_thesis_type_field_overrides_the_default_genre() -> None:
    reference = one("@phdthesis{k, type = {Doctoral dissertation}}\n")
    assert reference.genre == "Doctoral dissertation"
    assert "type = {Doctoral dissertation}" in write_text([reference])


def test_magazine_and_newspaper_articles_use_entrysubtype() -> None:
    reference = one("@article{k, entrysubtype = {newspaper}, journaltitle = {Vedomosti}}\n")
    assert reference.type == "article-newspaper"
    assert "entrysubtype = {newspaper}" in write_text([reference])


# --- fields and aliases --------------------------------------------------------------------


def test_biblatex_aliases_are_read() -> None:
    reference = one(
        "@article{k, journaltitle = {J}, location = {Beograd}, date = {2020-11-05},\n"
        "  langid = {russian}, annotation = {A}}\n"
    )
    assert (reference.container_title, reference.publisher_place, reference.language) == (
        "J", "Beograd", "ru",
    )  # fmt: skip
    assert reference.issued == parse_date("2020-11-05")
    assert reference.annote == "A"


def test_bibtex_names_read_the_same_fields() -> None:
    reference = one("@article{k, journal = {J}, address = {Beograd}, year = 2020, month = nov}\n")
    assert (reference.container_title, reference.publisher_place) == ("J", "Beograd")
    assert reference.issued is not None and reference.issued.start == DatePart(2020, 11)


@pytest.mark.parametrize(
    ("babel", "tag"),
    [("serbian", "sr-Latn"), ("serbianc", "sr-Cyrl"), ("english", "en"), ("ngerman", "de"),
     ("german", "de")],
)  # fmt: skip
def test_langid_babel_names_map_to_bcp47(babel: str, tag: str) -> None:
    assert one(f"@misc{{k, langid = {{{babel}}}}}\n").language == tag


def test_biblatex_writes_langid_with_the_babel_name_and_bibtex_the_tag() -> None:
    reference = Reference("k", language="sr-Cyrl")
    assert "langid = {serbianc}" in write_text([reference], "biblatex")
    assert "language = {sr-Cyrl}" in write_text([reference], "bibtex")


def test_number_is_the_issue_of_an_article_and_the_series_number_of_a_book() -> None:
    assert one("@article{k, number = {4}}\n").issue == "4"
    assert one("@book{k, number = {4}}\n").collection_number == "4"
    assert one("@techreport{k, number = {TR-4}}\n").number == "TR-4"


def test_urldate_is_the_access_date_in_both_dialects() -> None:
    reference = one("@online{k, urldate = {2025-08-16}}\n")
    assert reference.accessed == parse_date("2025-08-16")
    for dialect in ("bibtex", "biblatex"):
        assert "urldate = {2025-08-16}" in write_text([reference], dialect)


def test_subtitles_are_joined_to_their_titles() -> None:
    reference = one("@incollection{k, title = {Main}, subtitle = {Sub}, booktitle = {Book},\n"
                    "  booksubtitle = {Why?}}\n")  # fmt: skip
    assert (reference.title, reference.container_title) == ("Main: Sub", "Book: Why?")


def test_keywords_are_a_comma_list() -> None:
    reference = one("@misc{k, keywords = {Azerbaijan,Russia, {a, b} , balance of power}}\n")
    assert reference.keywords == ("Azerbaijan", "Russia", "a, b", "balance of power")
    assert one(write_text([reference])).keywords == reference.keywords


def test_pages_use_double_hyphens_in_utf8_output_too() -> None:
    reference = one("@article{k, pages = {245--273}}\n")
    assert reference.page is not None and reference.page.text == "245–273"
    assert "pages = {245--273}" in write_text([reference])


# --- dialects and dates --------------------------------------------------------------------

ARTICLE_IN_NOVEMBER_2020 = Reference(
    "k",
    type="article-journal",
    container_title="J",
    publisher_place="P",
    issued=Date(start=DatePart(2020, 11)),
)


def test_bibtex_dialect_writes_journal_address_year_and_month_macro() -> None:
    text = write_text([ARTICLE_IN_NOVEMBER_2020], "bibtex")
    assert "journal = {J}" in text and "address = {P}" in text
    assert "year = {2020},\n  month = nov" in text
    assert "date" not in text


def test_biblatex_dialect_writes_journaltitle_location_and_date() -> None:
    text = write_text([ARTICLE_IN_NOVEMBER_2020], "biblatex")
    assert "journaltitle = {J}" in text and "location = {P}" in text
    assert "date = {2020-11}" in text
    assert "year" not in text


@pytest.mark.parametrize("date", ["2020-11-05", "2019/2020", "2020~", "1850-21", "2019-03/2019-05"])
def test_bibtex_dialect_adds_a_date_when_year_and_month_cannot_say_it(date: str) -> None:
    reference = Reference("k", issued=parse_date(date))
    text = write_text([reference], "bibtex")
    assert f"date = {{{date}}}" in text
    assert one(text).issued == reference.issued


def test_a_year_that_is_not_a_number_is_a_literal_date() -> None:
    reference = one("@misc{k, year = {in press}}\n")
    assert reference.issued == Date(literal="in press")
    assert "year = {in press}" in write_text([reference], "biblatex")


def test_a_month_that_is_not_a_month_is_kept() -> None:
    reference = one("@misc{k, year = 2020, month = {Spring}}\n")
    assert reference.issued == parse_date("2020")
    assert reference.extra == (("bibtex:month", "Spring"),)


def test_string_macros_and_concatenation_are_expanded() -> None:
    reference = one('@string{EEP = {East European}}\n@article{k, journal = EEP # " Politics",'
                    " month = dec, year = 2019}\n")  # fmt: skip
    assert reference.container_title == "East European Politics"
    assert reference.issued is not None and reference.issued.start == DatePart(2019, 12)


def test_an_unknown_dialect_falls_back_to_bibtex_with_a_warning() -> None:
    out = io.StringIO()
    diagnostics = bibtex.write([Reference("k")], out, WriteOptions(dialect="bibtex8"))
    assert [d.code for d in diagnostics] == ["dialect-unknown"]


# --- crossref, xdata, comments ----------------------------------------------------------------

CROSSREF = """@incollection{chapter1,
  author = {Askerov, Ali},
  title = {The Causes},
  pages = {245--273},
  crossref = {book1}
}

@book{book1,
  editor = {Yavuz, M. Hakan},
  title = {The Conflict},
  publisher = {Routledge},
  address = {New York},
  year = {2023}
}
"""


def test_crossref_child_inherits_booktitle_publisher_and_editor_and_the_parent_loads() -> None:
    references, diagnostics = read_all(CROSSREF)
    assert diagnostics == []
    chapter, book = references
    assert (chapter.id, book.id) == ("chapter1", "book1")
    assert chapter.container_title == "The Conflict"
    assert (chapter.publisher, chapter.publisher_place) == ("Routledge", "New York")
    assert chapter.names("editor") == (Name(family="Yavuz", given="M. Hakan"),)
    assert chapter.title == "The Causes"
    assert book.title == "The Conflict" and book.container_title is None


def test_a_crossref_round_trip_reads_back_the_same_model() -> None:
    references, _ = read_all(CROSSREF)
    again, diagnostics = read_all(write_text(references))
    assert diagnostics == [] and again == references


def test_a_missing_crossref_parent_is_a_warning_and_the_child_still_loads() -> None:
    references, diagnostics = read_all("@incollection{c, title = {T}, crossref = {nowhere}}\n")
    assert [r.id for r in references] == ["c"]
    assert [(d.code, d.refs) for d in diagnostics] == [("crossref-missing", ("c",))]


def test_xdata_fields_are_inherited_and_the_xdata_source_is_kept() -> None:
    text = "@xdata{pub, publisher = {Routledge}, location = {London}}\n\n@book{b, xdata = {pub}}\n"
    references, diagnostics = read_all(text)
    assert diagnostics == []
    assert (references[0].publisher, references[0].publisher_place) == ("Routledge", "London")
    assert "@xdata{pub, publisher = {Routledge}, location = {London}}" in write_text(references)


def test_comments_preambles_and_strings_survive_a_round_trip() -> None:
    text = (
        '@preamble{ "\\providecommand{\\noopsort}[1]{}" }\n\n@string{RTL = {Routledge}}\n\n'
        "@book{b, publisher = RTL}\n\n@comment{jabref-meta: databaseType:bibtex;}\n"
    )
    references, _ = read_all(text)
    written = write_text(references)
    for block in ('@preamble{ "\\providecommand{\\noopsort}[1]{}" }', "@string{RTL = {Routledge}}",
                  "@comment{jabref-meta: databaseType:bibtex;}"):  # fmt: skip
        assert block in written
    assert written.index("@preamble") < written.index("@book") < written.index("@comment")
    assert read_all(written)[0] == references


# --- variants, ORCID, roles --------------------------------------------------------------------


def test_text_variants_are_fields_with_a_bcp47_suffix() -> None:
    reference = one("@article{k, title = {Как Россия}, title_ru-Latn = {Kak Rossiya},\n"
                    "  journal_en = {The Gazette}}\n")  # fmt: skip
    assert reference.variants == (
        TextVariant("title", "ru-Latn", "Kak Rossiya"),
        TextVariant("container_title", "en", "The Gazette"),
    )
    assert one(write_text([reference], "biblatex")) == reference


def test_name_variants_are_a_parallel_name_list() -> None:
    reference = one("@article{k, author = {Đorđević, Petar and Smith, Ann},\n"
                    "  author_sr-Cyrl = {Ђорђевић, Петар and {}}}\n")  # fmt: skip
    first, second = reference.names("author")
    assert first.variants == (NameVariant("sr-Cyrl", family="Ђорђевић", given="Петар"),)
    assert second.variants == ()
    assert one(write_text([reference])) == reference


def test_orcids_are_biblatex_annotations() -> None:
    reference = one('@article{k, author = {A, B and C, D},\n'
                    '  author+an:orcid = {2="0000-0002-1825-0097"}}\n')  # fmt: skip
    assert [n.orcid for n in reference.names("author")] == [None, "0000-0002-1825-0097"]
    assert 'author+an:orcid = {2="0000-0002-1825-0097"}' in write_text([reference])


def test_other_roles_are_fields_named_after_the_role_and_editora_is_read() -> None:
    reference = one("@book{k, editora = {Ivić, Pavle}, editoratype = {compiler},\n"
                    "  bookauthor = {Aa, Bb}, translator = {Tt, Uu}}\n")  # fmt: skip
    assert [c.role for c in reference.creators] == ["compiler", "container-author", "translator"]
    text = write_text([reference])
    assert "compiler = {Ivić, Pavle}" in text and "bookauthor = {Aa, Bb}" in text
    assert one(text) == reference


def test_a_reference_from_another_format_with_every_kind_of_name_round_trips() -> None:
    reference = Reference("k", type="chapter", creators=(
        Creator("author", Name(family="Gils", given="Eske", non_dropping_particle="van",
                               orcid="0000-0002-1825-0097",
                               variants=(NameVariant("ru", family="ван Гилс", given="Эске"),))),
        Creator("author", Name(literal="ТАСС")),
        Creator("editor", Name(family="King", given="Martin", suffix="Jr.")),
    ))  # fmt: skip
    for dialect in ("bibtex", "biblatex"):
        assert one(write_text([reference], dialect)) == reference


# --- real exports, detection, documentation ------------------------------------------------


@pytest.mark.parametrize("path", DIALECT_FILES, ids=lambda p: p.name)
def test_every_dialect_fixture_reads_with_no_errors(path: Path) -> None:
    references, diagnostics = read_all(path.read_text(encoding="utf-8"), str(path))
    assert references
    assert [d for d in diagnostics if d.severity == "error"] == []


@pytest.mark.parametrize("path", DIALECT_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_every_dialect_fixture_round_trips(path: Path, dialect: str) -> None:
    references, _ = read_all(path.read_text(encoding="utf-8"))
    again, diagnostics = read_all(write_text(references, dialect))
    assert [d for d in diagnostics if d.severity == "error"] == []
    assert again == references


def test_jabref_fixture_reads_as_jabref_wrote_it() -> None:
    references, _ = read_all((FIXTURES / "dialects" / "jabref.bib").read_text(encoding="utf-8"))
    by_id = {r.id: r for r in references}
    assert by_id["Abushov2019"].container_title == "East European Politics"
    assert by_id["Makienko2020"].issued == parse_date("2020-11")
    assert by_id["Makienko2020"].language == "ru"
    assert by_id["Askerov2023"].publisher == "Routledge"
    assert by_id["Dvorak2020"].title == (
        'Counting <span class="nocase">DNA</span> strand breaks after $\\alpha$-irradiation: '
        "a 100% synthetic record"
    )


@pytest.mark.parametrize(
    ("head", "expected"),
    [("% Encoding: UTF-8\n\n@Preamble{ x }\n", True),
     ("Automatically generated by Mendeley Desktop\n\n@article{a,\n", True),
     ("@article(a,\n", True), ('[{"id": "a", "note": "@article{x"}]', False),
     ("TY  - JOUR\nTI  - @misc{x}\nER  - \n", False), ("", False)],
)  # fmt: skip
def test_sniff_recognises_an_entry_header_after_comments(head: str, expected: bool) -> None:
    assert bibtex.sniff(head) is expected


def test_biblatex_never_wins_detection_but_writes_its_dialect() -> None:
    bibtex_format, biblatex_format = bibtex.FORMATS
    assert not biblatex_format.sniff("@article{a, title={T}}")
    assert (bibtex_format.defaults.dialect, biblatex_format.defaults.dialect) == (
        "bibtex",
        "biblatex",
    )


def test_the_mapping_tables_render_as_markdown() -> None:
    markdown = bibtex.mapping_table_markdown()
    assert "| @mastersthesis | thesis | Master's thesis |" in markdown
    assert "| article-journal | @article | @article |" in markdown
    assert "| publisher_place | address | location | address, location | plain |" in markdown
