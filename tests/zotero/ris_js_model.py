"""A model of Zotero's RIS importer (RIS.js, zotero/translators 2814370161d0)
for what refport's `-t ris --for zotero` output can contain: its line reader,
TY map, tag map with the deferred second pass, `unescapeHTML`,
`dateRIStoZotero`, the creator split, the keyword split, `cleanDOI`,
`completeItem`'s back-fills, and Zotero's dropping of fields an item type lacks.

Written from RIS.js, independently of refport's writer (only the tag tables,
which transcribe RIS.js, are shared); `ZoteroItem.as_api_json` gives the item
as Zotero would export it, for refport's Zotero JSON reader.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from tests.zotero.translate_model import item_done

from refport.formats.ris_zotero_tables import (
    DEFAULT_IMPORT_TYPE,
    DEGENERATE_MAP,
    FIELD_MAP,
    IMPORT_TYPES,
    TagRule,
)
from refport.formats.zotero_schema import TYPE_FIELDS

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
        item["tags"] = [{"tag": tag, "type": 1} for tag in self.tags]  # imported: automatic
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
    item.fields = item_done(item.item_type, item.fields)
