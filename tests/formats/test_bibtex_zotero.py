"""`-t bibtex --for zotero`: every entry and every field written is one Zotero's
BibTeX importer keeps, and everything it would not keep is said, once per field.

`import_like_zotero` below is a small model of Zotero's importer, written from
zotero/translators `BibTeX.js` (commit 2814370161d0, `processField`,
`beginRecord`, `unescapeBibTeX`) and Zotero's schema: which entry types it
maps, which fields it reads into which Zotero field for which item type, and
that Zotero then drops fields the item type lacks. It is applied to the output
written for every fixture.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database.input.bibtex import LowLevelParser, month_names

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
    TYPE_FIELDS,
)
from refport.model import DATE_FIELDS, STRING_FIELDS, Creator, Date, DatePart, Name, Reference
from strategies import references

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PATTERNS = ("dialects/*", "seeds/*.json", "malformed/*", "zotero/*.json", "checks/*.csl.json")
FIXTURE_FILES = sorted(
    path
    for pattern in PATTERNS
    for path in FIXTURES.glob(pattern)
    if path.suffix in (".bib", ".ris", ".json")
)

# --- a model of Zotero's BibTeX importer --------------------------------------------------

#: bibtex2zoteroTypeMap
TYPE_MAP = {
    "book": "book", "inbook": "bookSection", "incollection": "bookSection",
    "article": "journalArticle", "patent": "patent", "phdthesis": "thesis",
    "unpublished": "manuscript", "inproceedings": "conferencePaper",
    "conference": "conferencePaper",
    "techreport": "report", "booklet": "book", "manual": "book", "mastersthesis": "thesis",
    "misc": "document", "proceedings": "book", "online": "webpage", "electronic": "webpage",
    "thesis": "thesis", "letter": "letter", "movie": "film", "artwork": "artwork",
    "report": "report", "legislation": "bill", "jurisdiction": "case", "audio": "audioRecording",
    "video": "videoRecording", "software": "computerProgram", "inreference": "encyclopediaArticle",
    "collection": "book", "mvbook": "book",
}  # fmt: skip
#: fieldMap + inputFieldMap
FIELD_MAP = {
    "address": "place", "chapter": "section", "edition": "edition", "type": "type",
    "series": "series", "title": "title", "volume": "volume", "copyright": "rights",
    "isbn": "ISBN", "issn": "ISSN", "shorttitle": "shortTitle", "url": "url", "doi": "DOI",
    "abstract": "abstractNote", "nationality": "country", "language": "language",
    "assignee": "assignee", "booktitle": "publicationTitle", "school": "publisher",
    "publisher": "publisher", "issue": "issue", "journaltitle": "publicationTitle",
    "shortjournal": "journalAbbreviation", "eventtitle": "conferenceName",
    "pagetotal": "numPages", "version": "version",
}  # fmt: skip
EXTRA_IDS = {"lccn": "LCCN", "mrnumber": "MR", "zmnumber": "Zbl", "pmid": "PMID", "pmcid": "PMCID"}
NOTE_FIELDS = ("annote", "comment", "review", "notes")
NUMBER_BY_TYPE = {"report": "reportNumber", "book": "seriesNumber", "bookSection": "seriesNumber",
                  "patent": "patentNumber"}  # fmt: skip
LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("~", " "))


@dataclass
class Imported:
    """What Zotero ends up with for one entry."""

    item_type: str
    key: str
    fields: dict[str, str] = field(default_factory=dict)
    #: (creator type, last name, first name, field mode)
    creators: list[tuple[str, str, str, int]] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # BibTeX fields nothing came of


def unescape(value: str) -> str:
    """`unescapeBibTeX`, as far as plain text goes: ligatures, math, braces, escapes."""
    for source, glyph in LIGATURES:
        value = value.replace(source, glyph)
    value = re.sub(r"\\text(?:it|bf)\{([^}]*)\}", r"\1", value)
    value = re.sub(r"\$([^$]+)\$", r"\1", value)
    value = value.replace("{", "").replace("}", "")
    value = re.sub(r"\\([#$%&~_^\\{}])", r"\1", value)
    return re.sub(r"\s+", " ", value)


def split_unprotected(text: str, separator: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|" + separator, text):
        if match.group() == "{":
            depth += 1
        elif match.group() == "}":
            depth -= 1
        elif depth == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    return [*parts, text[start:]]


def read_creators(item: Imported, role: str, raw: str) -> None:
    for name in split_unprotected(raw.strip(), r"\s+and\s+"):
        pieces = split_unprotected(name, r"\s*,\s*")
        if len(pieces) > 1:
            first = pieces.pop()
            last = pieces.pop(0)
            first = ", ".join([first, *pieces]) if pieces else first
            item.creators.append((role, unescape(last), unescape(first), 0))
        elif len(split_unprotected(name, " +")) > 1:
            *given, family = unescape(name).split(" ")
            item.creators.append((role, family, " ".join(given), 0))
        else:
            item.creators.append((role, unescape(name), "", 1))


def process_field(item: Imported, name: str, raw: str) -> None:
    value = unescape(raw)
    if not value.strip():
        return
    if name in FIELD_MAP:
        item.fields[FIELD_MAP[name]] = raw if name == "url" else value
    elif name == "journal":
        item.fields.setdefault("publicationTitle", value)
    elif name in ("author", "editor", "translator"):
        read_creators(item, name, raw)
    elif name in ("institution", "organization"):
        item.fields.setdefault("backupPublisher", value)
    elif name == "location":
        item.fields["backupLocation"] = value
    elif name == "number":
        item.fields[NUMBER_BY_TYPE.get(item.item_type, "issue")] = value
    elif name in ("year", "month", "day", "date"):
        item.fields[name] = value
    elif name == "pages":
        numpages = item.item_type in ("book", "thesis", "manuscript")
        item.fields["numPages" if numpages else "pages"] = value
    elif name == "note":
        starts_extra = any(value.strip().startswith(k) for k in EXTRA_IDS.values())
        (item.extra if starts_extra else item.notes).append(value.strip())
    elif name in ("urldate", "lastchecked"):
        item.fields["accessDate"] = value
    elif name in ("keywords", "keyword"):
        item.tags = re.split(r"\s*[,;]\s*", value)
    elif name in NOTE_FIELDS:
        item.notes.append(value)
    elif name in EXTRA_IDS:
        item.extra.append(f"{EXTRA_IDS[name]}: {value.strip()}")
    else:
        item.ignored.append(name)


def finish(item: Imported) -> None:
    """`beginRecord` at the closing brace, then Zotero's item-type filter."""
    location = item.fields.pop("backupLocation", None)
    if location and item.item_type == "conferencePaper":
        item.extra.append(f"event-place: {location}")
    elif location:
        item.fields.setdefault("place", location)
    year, month, day = (item.fields.pop(k, None) for k in ("year", "month", "day"))
    if "date" not in item.fields and year:
        item.fields["date"] = "-".join(p for p in (year, month, day) if p)
    backup = item.fields.pop("backupPublisher", None)
    if backup:
        item.fields.setdefault("publisher", backup)
    kept: dict[str, str] = {}
    for name, value in item.fields.items():
        own = TYPE_BASE_FIELDS.get(item.item_type, {}).get(name, name)
        if own in TYPE_FIELDS[item.item_type]:
            kept[own] = value
        elif name == "DOI":
            item.extra.append(f"DOI: {value}")
        else:
            item.ignored.append(name)
    item.fields = kept


def import_like_zotero(text: str) -> tuple[list[Imported], list[str]]:
    """The items Zotero makes of a BibTeX text, and the entry types it discarded."""
    imported, discarded = [], []
    parser = LowLevelParser(text, macros=dict(month_names))
    for command, body in parser.parse_bibliography():
        if command.lower() in ("string", "preamble", "comment"):
            continue
        item_type = TYPE_MAP.get(command.lower())
        if item_type is None:
            discarded.append(command)
            continue
        key, fields = body
        item = Imported(item_type, str(key))
        for name, parts in fields:
            process_field(item, name.lower(), "".join(parts))
        finish(item)
        imported.append(item)
    return imported, discarded


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


def fixture_references(path: Path) -> list[Reference]:
    references = refport.load(path).references
    if not references:
        pytest.skip(f"{path.name} has no references")
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
    assert [d.field for d in diagnostics if d.code == "zotero-lost"] == ["accessed"]


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
    assert [(d.code, d.severity) for d in diagnostics] == [("zotero-utf8", "info")]


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


def test_unknown_bibtex_fields_zotero_reads_are_passed_on_and_others_reported() -> None:
    extra = (("bibtex:copyright", "CC BY"), ("bibtex:owner", "me"), ("ris:M3", "x"))
    item, diagnostics = imported_work(extra=extra)
    assert item.fields["rights"] == "CC BY"
    assert {d.field for d in diagnostics if d.code == "zotero-lost"} == {"bibtex:owner", "ris:M3"}


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
