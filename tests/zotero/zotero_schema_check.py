"""Checks a Zotero item against Zotero's schema file, as the Web API would.

Used by the format tests and by the local API server. The schema lives in
../shared/schemas (outside the package); tests skip when it is absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO.parent / "shared" / "schemas" / "zotero-schema.json"
NOT_REGULAR = frozenset({"note", "attachment", "annotation"})
NON_FIELD_KEYS = frozenset(
    {"itemType", "creators", "tags", "collections", "relations", "key", "version", "deleted",
     "inPublications", "parentItem", "dateAdded", "dateModified"}
)
ACCESS_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}:\d{2}Z?)?$|^CURRENT_TIMESTAMP$")


def load_schema() -> dict[str, Any] | None:
    if not SCHEMA_PATH.exists():
        return None
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


class ZoteroSchema:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.fields = {t["itemType"]: [f["field"] for f in t["fields"]] for t in data["itemTypes"]}
        self.base = {
            t["itemType"]: {f["baseField"]: f["field"] for f in t["fields"] if "baseField" in f}
            for t in data["itemTypes"]
        }
        self.creators = {
            t["itemType"]: [c["creatorType"] for c in t["creatorTypes"]] for t in data["itemTypes"]
        }

    def problems(self, item: Any) -> list[str]:
        """Everything the API would refuse in this item, as messages."""
        if not isinstance(item, dict):
            return ["item is not a JSON object"]
        item_type = item.get("itemType")
        if item_type not in self.fields or item_type in NOT_REGULAR:
            return [f"unknown or non-regular itemType {item_type!r}"]
        found = []
        for key, value in item.items():
            if key in NON_FIELD_KEYS:
                continue
            if key not in self.fields[item_type]:
                found.append(f"'{key}' is not a valid field for type '{item_type}'")
            elif not isinstance(value, str):
                found.append(f"field '{key}' must be a string")
        found += self._creator_problems(str(item_type), item.get("creators", []))
        found += self._tag_problems(item.get("tags", []))
        access = item.get("accessDate")
        if isinstance(access, str) and access and not ACCESS_DATE.match(access):
            found.append(f"accessDate {access!r} is not an SQL/ISO date")
        collections = item.get("collections", [])
        if not isinstance(collections, list) or not all(isinstance(c, str) for c in collections):
            found.append("collections must be a list of keys")
        return found

    def _creator_problems(self, item_type: str, creators: Any) -> list[str]:
        if not isinstance(creators, list):
            return ["creators must be a list"]
        found = []
        for creator in creators:
            if not isinstance(creator, dict):
                found.append("creator is not an object")
                continue
            creator_type = creator.get("creatorType")
            if creator_type not in self.creators[item_type]:
                found.append(f"'{creator_type}' is not a valid creator type for type '{item_type}'")
            keys = set(creator) - {"creatorType"}
            if keys not in ({"name"}, {"lastName", "firstName"}, {"lastName"}):
                found.append(f"creator needs name or lastName/firstName, has {sorted(keys)}")
            if not all(isinstance(creator[k], str) for k in keys):
                found.append("creator name parts must be strings")
        return found

    @staticmethod
    def _tag_problems(tags: Any) -> list[str]:
        if not isinstance(tags, list):
            return ["tags must be a list"]
        found = []
        for tag in tags:
            if not _valid_tag(tag):
                found.append(f"invalid tag {tag!r}")
        return found


def _valid_tag(tag: Any) -> bool:
    if not isinstance(tag, dict) or not isinstance(tag.get("tag"), str) or not tag["tag"]:
        return False
    return not set(tag) - {"tag", "type"} and tag.get("type", 0) in (0, 1)
