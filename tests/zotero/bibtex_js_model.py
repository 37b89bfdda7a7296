"""A small model of Zotero's BibTeX importer, written from zotero/translators
`BibTeX.js` (commit 2814370161d0, `processField`, `beginRecord`,
`unescapeBibTeX`) and Zotero's schema: which entry types it maps, which fields
it reads into which Zotero field for which item type, and that Zotero then
drops fields the item type lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pybtex.database.input.bibtex import LowLevelParser, month_names
from tests.zotero.translate_model import item_done

from refport.formats.zotero_schema import TYPE_BASE_FIELDS, TYPE_FIELDS

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
    """`unescapeBibTeX`, as far as plain text goes: ligatures, math, braces, escapes;
    `\\textit`, `\\textbf` and `\\textsc` become Zotero's rich-text tags (seen with
    Zotero's translation-server: `title = {\\textit{0}}` is stored as `<i>0</i>`)."""
    for source, glyph in LIGATURES:
        value = value.replace(source, glyph)
    value = re.sub(r"\\textit\{([^}]*)\}", r"<i>\1</i>", value)
    value = re.sub(r"\\textbf\{([^}]*)\}", r"<b>\1</b>", value)
    value = re.sub(r"\\textsc\{([^}]*)\}", r'<span style="small-caps">\1</span>', value)
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
    item.fields = item_done(item.item_type, item.fields)
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
