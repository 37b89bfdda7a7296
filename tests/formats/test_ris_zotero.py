"""`-t ris --for zotero`: RIS written for Zotero's importer, checked against a
model of that importer (RIS.js) written here, and against what the Zotero
JSON path keeps.

`ris_js_import` restates RIS.js (zotero/translators 2814370161d0) for what
refport's output can contain: its line reader, TY map, tag map with the
deferred second pass, `unescapeHTML`, `dateRIStoZotero`, the creator split,
the keyword split, `cleanDOI`, `completeItem`'s back-fills, and Zotero's
dropping of fields an item type lacks. The item it returns is then read by
refport's Zotero JSON reader, as if exported from Zotero as item JSON.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.zotero.zotero_strategies import references as extra_hostile_references

import refport
from refport.cli import main
from refport.formats import ris
from refport.formats.base import WriteOptions
from refport.formats.ris_zotero_tables import (
    DEFAULT_IMPORT_TYPE,
    DEGENERATE_MAP,
    FIELD_MAP,
    IMPORT_TYPES,
    TagRule,
    creator_tags,
    field_tags,
)
from refport.formats.zotero_read import reference_from_item
from refport.formats.zotero_schema import TYPE_FIELDS
from refport.formats.zotero_write import item_from_reference
from refport.model import Creator, Date, DatePart, Name, Reference, parse_pages
from strategies import EVERYTHING, references

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# --- a model of RIS.js's import -----------------------------------------------------------

RIS_LINE = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$")
JS_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_TRIM = re.compile(f"^[{JS_SPACE}]+|[{JS_SPACE}]+$")
RIS_DATE = re.compile(r"^([0-9]+)(?:/([0-9]{0,2})(?:/([0-9]{0,2})(?:(?:/|\s)([^/]*))?)?)?$")
DOI = re.compile(f"10(?:\\.[0-9]{{4,}})?/[^{JS_SPACE}]*[^{JS_SPACE}.,]")
NOT_UNESCAPED = ("N1", "RN", "AB")


def js_trim(text: str) -> str:
    return JS_TRIM.sub("", text)


def unescape_html(text: str) -> str:
    """`Zotero.Utilities.unescapeHTML`: text content of the HTML, double spaces collapsed."""
    if "<" not in text and "&" not in text:
        return text
    return re.sub(" {2,}", " ", html.unescape(re.sub(r"<[^>]*>", "", text)))


def get_field(item_type: str, tag: str) -> str | None:
    """RIS.js's `TagMapper.getField`."""
    for table in (FIELD_MAP, DEGENERATE_MAP):
        rule: TagRule | None = table.get(tag)
        if rule is None:
            continue
        if isinstance(rule, str):
            return rule
        explicit = [f for f, types in rule.items() if not f.startswith("__") and item_type in types]
        default = rule.get("__default")
        if explicit:
            return explicit[0]
        if isinstance(default, str) and item_type not in rule.get("__exclude", ()):
            return default
    return None


def ris_date_to_zotero(text: str, access: bool) -> str:
    """`dateRIStoZotero` (access dates without a time, in UTC)."""
    match = RIS_DATE.match(text)
    if not match:
        if not re.search(r"\b[0-9]{4}\b", text, re.ASCII) and re.search("[A-Za-z]+", text):
            day = re.search(r"\b(?:[1-3][0-9]|[1-9])\b", text, re.ASCII)
            word = re.search("[A-Za-z]+", text)
            assert word is not None
            return "0000 " + word.group(0) + (" " + day.group(0) if day else "")
        return text
    parts = []
    for part in match.groups()[:3]:
        if not (part or "").lstrip("0"):
            break
        parts.append((part or "").lstrip("0"))
    if not parts:
        return "" if not access else text
    if access:
        parts += ["1"] * (3 - len(parts))
    return "-".join([parts[0].rjust(4, "0"), *(p.rjust(2, "0") for p in parts[1:])])


@dataclass
class ZoteroItem:
    item_type: str
    fields: dict[str, str] = field(default_factory=dict)
    creators: list[dict[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    backup: dict[str, str] = field(default_factory=dict)

    def as_api_json(self) -> dict[str, Any]:
        """The item as Zotero exports it (fields the type lacks were dropped on save)."""
        fields = TYPE_FIELDS[self.item_type]
        kept = {k: self.fields[k] for k in fields if k in self.fields}  # in Zotero's order
        item: dict[str, Any] = {"itemType": self.item_type, **kept, "creators": self.creators}
        item["tags"] = [{"tag": tag} for tag in self.tags]
        if self.extra:
            item["extra"] = "\n".join(self.extra)
        return item


def read_entries(text: str) -> list[list[tuple[str, str]]]:
    """RIS.js's `RISReader`: tag lines, continuation lines joined by a space
    (AB/N1 by a line break when a line so far was long or the last was short)."""
    entries: list[list[tuple[str, str]]] = []
    entry: list[tuple[str, str]] = []
    longest, last_length = 0, 0
    for line in re.split(r"\r\n|\r|\n", text):
        line = re.sub("\\s?[\u2028\u2029]|[\u2028\u2029]\\s?", " ", line)
        match = RIS_LINE.match(line)
        if match is None and not entry:
            continue
        longest = max(longest, len(line))
        if match is None:
            tag, value = entry[-1]
            clean = js_trim(line)
            if tag in ("AB", "N1") and (longest > 85 or last_length < 65 or not clean):
                entry[-1] = (tag, f"{value}\n{clean}")
            else:
                entry[-1] = (tag, value + ("" if value.endswith(" ") else " ") + clean)
        elif match.group(1) == "ER":
            entries.append(entry)
            entry = []
        else:
            entry.append((match.group(1), match.group(2) or ""))
        last_length = len(line)
    return entries


def ris_js_import(text: str) -> list[ZoteroItem]:
    return [_import_entry(entry) for entry in read_entries(text)]


def _import_entry(entry: list[tuple[str, str]]) -> ZoteroItem:
    types = [value for tag, value in entry if tag == "TY"]
    item = ZoteroItem(IMPORT_TYPES.get(js_trim(types[0]).upper(), DEFAULT_IMPORT_TYPE))
    lines = [(tag, value) for tag, value in entry if tag not in ("TY", "ER")]
    first = [line for line in lines if line[0] not in DEGENERATE_MAP]
    second = [line for line in lines if line[0] in DEGENERATE_MAP]
    for tag, value in first + second:
        _process_tag(item, tag, js_trim(value))
    _complete(item)
    return item


def _process_tag(item: ZoteroItem, tag: str, value: str) -> None:
    target = get_field(item.item_type, tag)
    if not value or target is None:
        return
    if tag not in NOT_UNESCAPED:
        value = unescape_html(value)
    if tag in ("N1", "RN"):
        if item.fields.get("title") != value:
            item.notes.append(value)
        return
    if tag == "PY":
        item.backup["date"] = ris_date_to_zotero(value, access=False)
        return
    if tag == "UR" and "PM:" in value:
        item.extra.append("PMID: " + value[3:])
        return
    kind, _, name = target.partition("/")
    if kind == "creators":
        last = re.split(r"\s*,\s*", value)[0]
        first = re.sub(r"^\s*,\s*", "", value[len(last) :])
        creator = {"lastName": last, "firstName": first} if first else {"name": last}
        item.creators.append({"creatorType": name, **creator})
    elif kind in ("date", "accessDate", "issueDate", "filingDate", "dateEnacted", "dateDecided"):
        _set(item, kind, ris_date_to_zotero(value, access=kind == "accessDate"))
    elif kind == "tags":
        item.tags += [t for t in re.split(r"\s*(?:[\r\n]+\s*)+|\s*(?:;\s*)+", value) if t]
    elif kind == "extra":
        item.extra.append(value)
    elif kind == "DOI":
        found = DOI.search(value)
        _set(item, "DOI", found.group(0) if found else "")
    elif kind not in ("unsupported", "attachments", "__ignore", "notes", "unknown"):
        _set(item, kind if kind != "backupPublicationTitle" else "backup:title", value)


def _set(item: ZoteroItem, name: str, value: str) -> None:
    if value and not item.fields.get(name):
        item.fields[name] = value


def _complete(item: ZoteroItem) -> None:
    """`completeItem`: back-filled title, journal, date; a lone tag split at commas."""
    backup_title = item.fields.pop("backup:title", None)
    if backup_title and not item.fields.get("publicationTitle"):
        item.fields["publicationTitle"] = backup_title
    if "date" in item.backup and not item.fields.get("date"):
        item.fields["date"] = item.backup["date"]
    if item.fields.get("journalAbbreviation") and not item.fields.get("publicationTitle"):
        item.fields["publicationTitle"] = item.fields["journalAbbreviation"]
    if item.fields.get("shortTitle") and not item.fields.get("title"):
        item.fields["title"] = item.fields["shortTitle"]
    if len(item.tags) == 1:
        item.tags = [t for t in re.split(r"\s*(?:,\s*)+", item.tags[0]) if t]


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
    """`back` with the id from Extra's `citation-key:` line and the note from
    Zotero's child note, the two things RIS puts elsewhere than item JSON does."""
    key = [v for k, v in back.extra if k == "zotero:citation-key"]
    extra = tuple(pair for pair in back.extra if pair[0] != "zotero:citation-key")
    note = back.note
    if reference.note is not None and note is None and item.notes:
        assert _note_text(item.notes[0]) == _note_text(reference.note)
        note = reference.note
    return replace(back, id=key[0] if key else back.id, extra=extra, note=note)


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
