"""A model of Zotero's CSL JSON importer (`ZU.itemFromCSLJSON`, zotero/utilities
4051881d, see `refport/zotero/IMPORTERS.md`), built from Zotero's schema file
alone, independently of refport's tables.
"""

from __future__ import annotations

import re
from typing import Any

from tests.zotero.translate_model import item_done


class ZoteroCslImport:
    """`itemFromCSLJSON` applied to one CSL item, giving the item as Zotero's
    API would return it (fields in the item type's order)."""

    EVENT_PLACE_TYPES = ("audioRecording", "presentation", "videoRecording")
    ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

    def __init__(self, schema: dict[str, Any]) -> None:
        types = [t for t in schema["itemTypes"] if t["itemType"] != "annotation"]
        self.fields = {t["itemType"]: [f["field"] for f in t["fields"]] for t in types}
        self.base = {
            t["itemType"]: {f["baseField"]: f["field"] for f in t["fields"] if "baseField" in f}
            for t in types
        }
        self.base_fields = {base for fields in self.base.values() for base in fields}
        self.creators = {t["itemType"]: t["creatorTypes"] for t in types}
        self.csl = schema["csl"]

    #: `detectImport`'s list of CSL types: a file with any other type is not
    #: recognised as CSL JSON at all (nothing is imported).
    DETECTED_TYPES = frozenset({
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
        "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
        "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
        "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
        "musical_score", "pamphlet", "paper-conference", "patent", "performance",
        "personal_communication", "periodical", "post", "post-weblog", "regulation", "report",
        "review", "review-book", "song", "speech", "standard", "thesis", "treaty", "webpage",
    })  # fmt: skip

    def __call__(self, csl: dict[str, Any]) -> dict[str, Any]:
        assert csl["type"] in self.DETECTED_TYPES, f"Zotero would not import a {csl['type']}"
        csl = dict(csl)
        item_type = self.item_type(csl)
        if item_type in self.EVENT_PLACE_TYPES and "event-place" in csl:
            csl["publisher-place"] = csl.pop("event-place")
        values: dict[str, Any] = {}
        for variable, candidates in self.csl["fields"]["text"].items():
            if variable in csl:
                field = next(filter(None, (self.field(item_type, c) for c in candidates)), None)
                if field is not None:
                    values[field] = csl[variable]
        for variable, base in self.csl["fields"]["date"].items():
            field = self.field(item_type, base)
            if variable in csl and field is not None:
                values[field] = self.date(variable, csl[variable])
        title_field = self.field(item_type, "title") or "title"
        values = item_done(item_type, {f: str(v) for f, v in values.items()}, title_field)
        item: dict[str, Any] = {"itemType": item_type}
        item.update((f, values[f]) for f in self.fields[item_type] if f in values)
        item["creators"] = self.names(item_type, csl)
        item["tags"] = []
        return item

    def item_type(self, csl: dict[str, Any]) -> str:
        kind = csl["type"]
        if kind == "bill" and (csl.get("publisher") or csl.get("number-of-volumes")):
            return "hearing"
        stations = ("archive", "archive_location", "container-title", "event-place",
                    "publisher", "publisher-place", "source")  # fmt: skip
        if kind == "broadcast" and any(csl.get(key) for key in stations):
            return "radioBroadcast" if csl.get("author") and csl.get("director") else "tvBroadcast"
        if kind == "book" and csl.get("version"):
            return "computerProgram"
        if kind == "song" and csl.get("number"):
            return "podcast"
        videos = ("collection-title", "volume", "number-of-volumes", "ISBN")
        if kind == "motion_picture" and any(csl.get(key) for key in videos):
            return "videoRecording"
        mapped: list[str] = self.csl["types"].get(kind, ["document"])
        return mapped[0]

    def field(self, item_type: str, field: str) -> str | None:
        if field in self.base_fields:
            field = self.base[item_type].get(field, field)
        return field if field in self.fields[item_type] else None

    def names(self, item_type: str, csl: dict[str, Any]) -> list[dict[str, str]]:
        allowed = [c["creatorType"] for c in self.creators[item_type]]
        primary = next(c["creatorType"] for c in self.creators[item_type] if c.get("primary"))
        creators: list[dict[str, str]] = []
        done: set[str] = set()
        for creator_type, variable in self.csl["names"].items():
            if variable in done:
                continue
            done.add(variable)
            kind = creator_type if creator_type in allowed else primary
            for name in csl.get(variable, []):
                if name.get("family") or name.get("given"):
                    last, first = name.get("family") or "", name.get("given") or ""
                    creators.append({"creatorType": kind, "lastName": last, "firstName": first})
                elif name.get("literal"):
                    creators.append({"creatorType": kind, "name": name["literal"]})
        return creators

    def date(self, variable: str, date: dict[str, Any]) -> str:
        assert "literal" not in date, "the writer gives Zotero's own date text as raw"
        text: str = date["raw"]
        if variable != "accessed":
            return text
        iso = self.ISO_DATE.match(text)  # strToISO: the date, without a time
        assert iso is not None, f"an access date Zotero may not read: {text!r}"
        return iso.group(0)
