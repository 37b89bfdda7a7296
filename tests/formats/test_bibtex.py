"""BibTeX/biblatex: the mistakes the best peers make (citation-js, bibtexparser,
bibutils, pandoc), which refport must not make; bad input; names; streaming."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.formats.bibtex_helpers import one, read_all, write_all

import refport
from refport.formats import bibtex
from refport.formats.base import WriteOptions
from refport.formats.bibtex_fields import EXTRA_OTHERS
from refport.model import Creator, Name, Reference
from refport.textio import decode

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


# --- helpers ------------------------------------------------------------------------


def round_trip(reference: Reference, **options: object) -> Reference:
    text, _ = write_all([reference], **options)  # type: ignore[arg-type]
    return one(text)


def article(**fields: str) -> str:
    body = ",\n".join(f"  {name} = {value}" for name, value in fields.items())
    return f"@article{{key,\n{body}\n}}\n"


# --- peer mistakes: corporate names ----------------------------------------------------


@pytest.mark.parametrize(
    "written", ["{{World Health Organization}}", "{World Health Organization}"]
)
def test_a_braced_corporate_name_is_one_literal_never_split(written: str) -> None:
    reference = one(article(author="{" + written + "}"))
    assert reference.names("author") == (Name(literal="World Health Organization"),)


def test_a_literal_name_is_written_in_double_braces() -> None:
    reference = Reference(
        "who", creators=(Creator("author", Name(literal="World Health Organization")),)
    )
    text, _ = write_all([reference])
    assert "author = {{{World Health Organization}}}" in text


def test_a_family_name_with_a_space_is_braced_and_stays_a_person() -> None:
    name = Name(family="Al Qutbah", given="Shamma")
    text, _ = write_all([Reference("k", creators=(Creator("author", name),))])
    assert "{Al Qutbah}, Shamma" in text
    assert round_trip(Reference("k", creators=(Creator("author", name),))).names("author") == (
        name,
    )


# --- peer mistakes: LaTeX decoding ---------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\aa}", "å"),
        (r"\c c", "ç"),
        (r"{\v{r}}", "ř"),
        (r"{\"u}", "ü"),
        (r"\v{c}", "č"),
        (r"\'{c}", "ć"),
        (r"{\'c}", "ć"),
        (r"{\dj}", "đ"),
        (r"{\L}", "Ł"),
        (r"\"\i", "ï"),
        (r"\.{I}", "İ"),
        (r"{\i}", "ı"),
        (r"{\ss}", "ß"),
        (r"a--b", "a–b"),
        (r"a---b", "a—b"),
        (r"\&", "&"),
        (r"\%", "%"),
        (r"\_", "_"),
        (r"\#", "#"),
        ("``q''", "“q”"),
    ],
)
def test_latex_accents_and_specials_decode_to_unicode(latex: str, text: str) -> None:
    assert one(article(note="{" + latex + "}")).note == text


def test_names_are_split_before_decoding_so_braces_still_protect() -> None:
    reference = one(article(author=r"{{van Gils}, Eske and {\v{Z}}ivojinovi{\'c}, Dragan}"))
    assert reference.names("author") == (
        Name(family="van Gils", given="Eske"),
        Name(family="Živojinović", given="Dragan"),
    )


def test_name_parts_are_decoded_after_splitting_so_no_escapes_remain() -> None:
    reference = one(
        article(author=r"{Dvo{\v{r}}{\'a}k, Jr., S{\o}ren and Fran\c cois, Marie-H{\'e}l{\`e}ne}")
    )
    assert reference.names("author") == (
        Name(family="Dvořák", given="Søren", suffix="Jr."),
        Name(family="François", given="Marie-Hélène"),
    )


# --- peer mistakes: case and markup -----------------------------------------------------


def test_protected_case_becomes_a_nocase_span() -> None:
    assert one(article(title="{The {DNA} of cells}")).title == (
        'The <span class="nocase">DNA</span> of cells'
    )


def test_a_nocase_span_is_written_back_as_braces() -> None:
    text, _ = write_all([Reference("k", title='The <span class="nocase">DNA</span> of cells')])
    assert "title = {The {DNA} of cells}" in text


def test_math_is_kept_as_math_not_dropped() -> None:
    reference = one(article(title=r"{After $\alpha$-irradiation}"))
    assert reference.title == r"After $\alpha$-irradiation"
    text, _ = write_all([reference])
    assert r"title = {After $\alpha$-irradiation}" in text


@pytest.mark.parametrize(
    ("latex", "rich"),
    [
        (r"\emph{in vivo}", "<i>in vivo</i>"),
        (r"\textit{in vivo}", "<i>in vivo</i>"),
        (r"{\em in vivo}", "<i>in vivo</i>"),
        (r"\textbf{bold}", "<b>bold</b>"),
        (r"H\textsubscript{2}O", "H<sub>2</sub>O"),
        (r"1\textsuperscript{st}", "1<sup>st</sup>"),
        (r"\textsc{Caps}", '<span style="font-variant:small-caps;">Caps</span>'),
    ],
)
def test_latex_markup_becomes_csl_rich_text(latex: str, rich: str) -> None:
    assert one(article(title="{" + latex + "}")).title == rich


def test_an_unknown_command_is_kept_verbatim_and_written_back() -> None:
    reference = one(article(title=r"{The \mkbibacro{NASA} files}"))
    assert reference.title == r"The \mkbibacro{NASA} files"
    assert r"title = {The \mkbibacro{NASA} files}" in write_all([reference])[0]


@pytest.mark.parametrize(
    "title",
    ["the lower-case title of a PAPER", "ALL CAPS TITLE", "Title Case Title With iPhone"],
)
def test_titles_and_journals_keep_their_case(title: str) -> None:
    reference = one(article(title="{" + title + "}", journal="{" + title.lower() + "}"))
    assert (reference.title, reference.container_title) == (title, title.lower())
    assert round_trip(reference) == reference


# --- peer mistakes: Cyrillic and --ascii -------------------------------------------------


def test_cyrillic_is_kept_in_utf8_output() -> None:
    reference = one(article(title="{Как Россия проиграла}", author="{Макиенко, Константин}"))
    text, diagnostics = write_all([reference])
    assert "title = {Как Россия проиграла}" in text
    assert "author = {Макиенко, Константин}" in text
    assert diagnostics == []


def test_ascii_output_keeps_cyrillic_as_utf8_with_a_warning_never_drops_it() -> None:
    reference = one(article(title="{Как Россия проиграла}"))
    text, diagnostics = write_all([reference], ascii_only=True)
    assert "title = {Как Россия проиграла}" in text
    assert [(d.code, d.severity, d.refs, d.field) for d in diagnostics] == [
        ("ascii-unencodable", "warning", ("key",), "title")
    ]


def test_ascii_output_latex_encodes_what_latex_can_spell() -> None:
    reference = Reference("k", title="Jović-Lazić über Łódź – 100%", creators=(
        Creator("author", Name(family="Živojinović", given="Dragan")),))  # fmt: skip
    text, diagnostics = write_all([reference], ascii_only=True)
    assert text.isascii()
    assert r"title = {Jovi{\'c}-Lazi{\'c} {\"u}ber {\L}{\'o}d{\'z} -- 100\%}" in text
    assert r"author = {{\v Z}ivojinovi{\'c}, Dragan}" in text
    assert diagnostics == []
    assert round_trip(reference, ascii_only=True) == reference


def test_ascii_output_keeps_letters_latex_lacks_with_a_warning() -> None:
    reference = Reference("k", title="Əliyev and αβγ")
    text, diagnostics = write_all([reference], ascii_only=True)
    assert "Əliyev and αβγ" in text
    assert [d.code for d in diagnostics] == ["ascii-unencodable"]
    assert round_trip(reference, ascii_only=True) == reference


# --- peer mistakes: DOIs, keys, fields kept -----------------------------------------------


@pytest.mark.parametrize("doi", ["10.12345/abc.2020.1", "10.64148/msm.v7i4.5", "10.1080/x_y(1)"])
def test_dois_with_any_registrant_code_are_kept(doi: str) -> None:
    reference = one(article(doi="{" + doi + "}"))
    assert reference.doi == doi
    assert round_trip(reference).doi == doi


def test_escaped_underscores_in_urls_and_dois_are_unescaped() -> None:
    reference = one(article(url=r"{https://x.org/sc\_-94\_-a\%20b}", doi=r"{10.1/a\_b}"))
    assert (reference.url, reference.doi) == ("https://x.org/sc_-94_-a%20b", "10.1/a_b")


def test_duplicate_keys_on_read_are_reported_naming_both_lines_and_both_kept() -> None:
    references, diagnostics = read_all("@misc{k, title={A}}\n\n@book{k, title={B}}\n")
    assert [r.title for r in references] == ["A", "B"]
    assert [(d.code, d.line, d.refs) for d in diagnostics] == [("key-duplicate", 3, ("k",))]
    assert "line 1 and line 3" in diagnostics[0].message


def test_duplicate_keys_on_write_are_reported_not_silently_emitted() -> None:
    text, diagnostics = write_all([Reference("k", title="A"), Reference("K", title="B")])
    assert text.count("@misc{") == 2
    assert [(d.code, d.refs) for d in diagnostics] == [("key-duplicate", ("k", "K"))]


def test_collection_title_status_and_unknown_fields_survive_a_round_trip() -> None:
    reference = one(
        "@book{k, title={T}, series={Studies in Things}, pubstate={forthcoming},\n"
        "  timestamp={2025-08-15}, file={a.pdf:pdf}, mendeley-groups={G/H}}\n"
    )
    assert (reference.collection_title, reference.status) == ("Studies in Things", "forthcoming")
    assert reference.extra == (
        ("bibtex:timestamp", "2025-08-15"), ("bibtex:file", "a.pdf:pdf"),
        ("bibtex:mendeley-groups", "G/H"),
    )  # fmt: skip
    assert round_trip(reference) == reference


def test_an_invalid_key_is_sanitised_with_a_warning() -> None:
    text, diagnostics = write_all([Reference("Smith 2020, {x}")])
    assert text.startswith("@misc{Smith_2020___x_}")
    assert [d.code for d in diagnostics] == ["key-invalid"]


# --- names -----------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["van Gils, Eske", "Eske van Gils"])
def test_particles_are_non_dropping_particles(written: str) -> None:
    name = one(article(author="{" + written + "}")).names("author")[0]
    assert name == Name(family="Gils", given="Eske", non_dropping_particle="van")


def test_multi_word_particles() -> None:
    name = one(article(author="{de la Fontaine, Jean}")).names("author")[0]
    assert name == Name(family="Fontaine", given="Jean", non_dropping_particle="de la")
    assert (
        "author = {de la Fontaine, Jean}"
        in write_all([Reference("k", creators=(Creator("author", name),))])[0]
    )


def test_last_jr_first_gives_a_suffix() -> None:
    name = one(article(author="{King, Jr., Martin Luther}")).names("author")[0]
    assert name == Name(family="King", given="Martin Luther", suffix="Jr.")
    assert round_trip(Reference("k", creators=(Creator("author", name),))).names("author") == (
        name,
    )


def test_and_others_is_kept_as_a_flag_and_written_back() -> None:
    reference = one(article(author="{Smith, Ann and Jones, Bo and others}"))
    assert [n.family for n in reference.names("author")] == ["Smith", "Jones"]
    assert reference.extra_values(EXTRA_OTHERS) == ("author",)
    assert "author = {Smith, Ann and Jones, Bo and others}" in write_all([reference])[0]


def test_a_braced_others_is_an_organisation_not_the_flag() -> None:
    reference = one(article(author="{Smith, Ann and {others}}"))
    assert reference.names("author")[1] == Name(literal="others")
    assert reference.extra_values(EXTRA_OTHERS) == ()


def test_a_family_only_name_with_spaces_is_written_so_it_stays_a_family_name() -> None:
    reference = Reference("k", creators=(Creator("author", Name(family="Barnes Noble")),))
    assert round_trip(reference) == reference


@pytest.mark.parametrize(
    "name",
    [Name(family="Fontaine", given="Jean", dropping_particle="de"),
     Name(family="Gogh", given="Vincent", non_dropping_particle="Van")],
)  # fmt: skip
def test_particles_bibtex_cannot_hold_are_reported_on_write(name: Name) -> None:
    _, diagnostics = write_all([Reference("k", creators=(Creator("author", name),))])
    assert [(d.code, d.refs, d.field) for d in diagnostics] == [("name-particle", ("k",), "author")]


def test_an_editor_slot_of_an_unknown_kind_is_kept_as_written() -> None:
    reference = one("@book{k, editora = {Ivić, Pavle}, editoratype = {founder}}\n")
    assert reference.creators == ()
    assert reference.extra == (("bibtex:editora", "Ivić, Pavle"), ("bibtex:editoratype", "founder"))


def test_too_many_commas_in_a_name_is_a_warning_with_the_key() -> None:
    references, diagnostics = read_all(article(author="{a, b, c, d}"))
    assert len(references) == 1
    assert [(d.code, d.refs, d.field) for d in diagnostics] == [("name-parse", ("key",), "author")]


# --- bad input --------------------------------------------------------------------------


def test_an_unterminated_entry_is_reported_and_the_entries_around_it_load() -> None:
    path = FIXTURES / "malformed" / "unterminated-entry.bib"
    references, diagnostics = read_all(path.read_text(encoding="utf-8"), str(path))
    assert [r.id for r in references] == ["abushov2019", "rose1998", "merom2003"]
    assert [(d.code, d.severity, d.file, d.line, d.refs) for d in diagnostics] == [
        ("entry-unterminated", "error", str(path), 12, ("rose1998",))
    ]


def test_an_unterminated_last_entry_at_the_end_of_the_file_is_reported() -> None:
    references, diagnostics = read_all("@misc{a, title={A}}\n@misc{b, title = {B},\n  note = {x\n")
    assert [r.id for r in references] == ["a", "b"]
    assert [(d.code, d.line, d.refs) for d in diagnostics] == [("entry-unterminated", 2, ("b",))]


def test_a_bad_field_is_reported_with_line_column_and_key_and_the_rest_loads() -> None:
    path = FIXTURES / "malformed" / "bad-field.bib"
    references, diagnostics = read_all(path.read_text(encoding="utf-8"), str(path))
    assert [r.id for r in references] == ["abushov2019", "rose1998", "merom2003"]
    assert [(d.code, d.severity, d.line, d.column, d.refs) for d in diagnostics] == [
        ("bibtex-syntax", "error", 15, 11, ("rose1998",))
    ]
    rose = references[1]
    assert (rose.volume, rose.doi) == ("51", "10.1017/S0043887100007814")
    assert rose.extra_values("bibtex:(unparsed)") == ("journal {World Politics},",)


def test_duplicate_keys_fixture_keeps_every_entry() -> None:
    path = FIXTURES / "malformed" / "duplicate-keys.bib"
    references, diagnostics = read_all(path.read_text(encoding="utf-8"), str(path))
    assert [r.id for r in references] == ["abushov2019", "rose1998", "rose1998", "merom2003"]
    assert [(d.code, d.line, d.refs) for d in diagnostics] == [("key-duplicate", 22, ("rose1998",))]


def test_an_empty_file_gives_a_warning_and_no_references() -> None:
    references, diagnostics = read_all((FIXTURES / "malformed" / "empty.bib").read_text())
    assert references == []
    assert [(d.code, d.severity) for d in diagnostics] == [("bibtex-no-entries", "warning")]


def test_latin1_text_is_decoded_with_a_warning_and_every_entry_loads() -> None:
    path = FIXTURES / "malformed" / "latin1.bib"
    text, problems = decode(path.read_bytes(), str(path))
    assert text is not None
    references, diagnostics = read_all(text, str(path))
    assert [(p.code, p.severity, p.line) for p in problems] == [("encoding", "warning", 13)]
    assert diagnostics == []
    assert references[1].title == "Synthetic Latin-1 test record: Über Kodierungen"
    assert references[1].names("author")[0] == Name(family="Müller", given="Hans")


def test_latin1_file_through_load_decodes_with_a_warning() -> None:
    result = refport.load(FIXTURES / "malformed" / "latin1.bib")
    assert result.format == "bibtex"
    assert [r.id for r in result] == ["abushov2019", "mueller1931", "merom2003"]
    assert [(d.code, d.severity, d.file) for d in result.diagnostics] == [
        ("encoding", "warning", str(FIXTURES / "malformed" / "latin1.bib"))
    ]


def test_an_undefined_macro_is_a_warning_and_its_name_is_kept() -> None:
    reference, diagnostics = read_all(article(journal="EEP"))
    assert reference[0].container_title == "EEP"
    assert [(d.code, d.severity, d.refs, d.line) for d in diagnostics] == [
        ("macro-undefined", "warning", ("key",), 2)
    ]


def test_an_unknown_entry_type_reads_as_document_is_reported_and_written_back() -> None:
    references, diagnostics = read_all("@foo{k, title={T}}\n")
    assert references[0].type == "document"
    assert [d.code for d in diagnostics] == ["type-unknown"]
    assert write_all(references)[0].startswith("@foo{k,")


# --- streaming and origin ---------------------------------------------------------------


class _Lines:
    """A text source that counts how many lines have been read."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True)
        self.read = 0

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            self.read += 1
            yield line


def test_reading_streams_one_entry_at_a_time() -> None:
    source = _Lines("".join(f"@misc{{k{i},\n  title = {{T{i}}}\n}}\n\n" for i in range(100)))
    first = next(r for r in bibtex.read(source) if isinstance(r, Reference))  # type: ignore[arg-type]
    assert first.id == "k0"
    assert source.read < 20


def test_writing_consumes_any_iterable() -> None:
    out = io.StringIO()
    bibtex.write((Reference(f"k{i}") for i in range(3)), out, WriteOptions())
    assert out.getvalue().count("@misc{") == 3


def test_every_reference_knows_its_file_and_line() -> None:
    references, _ = read_all("% x\n\n@misc{a, title={A}}\n\n\n@misc{b,\n title={B}}\n", "f.bib")
    assert [(r.origin.file, r.origin.line) for r in references] == [("f.bib", 3), ("f.bib", 6)]
