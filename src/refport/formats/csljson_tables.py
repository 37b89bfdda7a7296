"""The CSL-JSON mapping as data: which CSL 1.0.2 key is which model field.

`csljson.py` reads and writes by these tables, its README section is rendered
from them, and a test holds them against the CSL-JSON schema: every schema key
is mapped, an alias, or kept verbatim (`SCHEMA_ONLY`).
"""

from __future__ import annotations

from typing import Final

from refport.model import CREATOR_ROLES

TEXT: Final = "text"  # a string; a JSON number is read as its decimal text
DATE: Final = "date"
NAMES: Final = "names"
PAGES: Final = "pages"
KEYWORDS: Final = "keywords"

#: (CSL key, model field, kind) in the order the writer emits keys, after
#: `id` and `type`. For names the model "field" is the role in `creators`.
VARIABLES: Final[tuple[tuple[str, str, str], ...]] = (
    ("title", "title", TEXT),
    ("title-short", "title_short", TEXT),
    ("original-title", "original_title", TEXT),
    *((role, role, NAMES) for role in CREATOR_ROLES),
    ("container-title", "container_title", TEXT),
    ("container-title-short", "container_title_short", TEXT),
    ("collection-title", "collection_title", TEXT),
    ("collection-number", "collection_number", TEXT),
    ("issued", "issued", DATE),
    ("original-date", "original_date", DATE),
    ("event-date", "event_date", DATE),
    ("accessed", "accessed", DATE),
    ("volume", "volume", TEXT),
    ("issue", "issue", TEXT),
    ("page", "page", PAGES),
    ("number-of-pages", "number_of_pages", TEXT),
    ("number-of-volumes", "number_of_volumes", TEXT),
    ("edition", "edition", TEXT),
    ("chapter-number", "chapter_number", TEXT),
    ("section", "section", TEXT),
    ("number", "number", TEXT),
    ("version", "version", TEXT),
    ("genre", "genre", TEXT),
    ("medium", "medium", TEXT),
    ("status", "status", TEXT),
    ("publisher", "publisher", TEXT),
    ("publisher-place", "publisher_place", TEXT),
    ("original-publisher", "original_publisher", TEXT),
    ("original-publisher-place", "original_publisher_place", TEXT),
    ("event-title", "event_title", TEXT),
    ("event-place", "event_place", TEXT),
    ("authority", "authority", TEXT),
    ("archive", "archive", TEXT),
    ("archive_location", "archive_location", TEXT),
    ("call-number", "call_number", TEXT),
    ("source", "source", TEXT),
    ("DOI", "doi", TEXT),
    ("ISBN", "isbn", TEXT),
    ("ISSN", "issn", TEXT),
    ("PMID", "pmid", TEXT),
    ("PMCID", "pmcid", TEXT),
    ("URL", "url", TEXT),
    ("language", "language", TEXT),
    ("keyword", "keywords", KEYWORDS),
    ("abstract", "abstract", TEXT),
    ("note", "note", TEXT),
    ("annote", "annote", TEXT),
    ("year-suffix", "year_suffix", TEXT),
)

BY_KEY: Final = {key: (model_field, kind) for key, model_field, kind in VARIABLES}
#: model field -> CSL key of the text fields (the fields that can have script variants).
KEY_OF_FIELD: Final = {f: key for key, f, kind in VARIABLES if kind == TEXT}

#: Older or Zotero spellings, read into the model only when the CSL key itself
#: is absent; otherwise kept verbatim like any other schema key.
ALIASES: Final = {
    "shortTitle": "title-short",
    "journalAbbreviation": "container-title-short",
    "event": "event-title",
}

STRING: Final = "string"
STRING_OR_NUMBER: Final = "string|number"
STRING_LIST: Final = "string[]"

#: Schema keys the model has no field for: kept in `extra` and written back
#: where they were (kind = the JSON types the schema allows there).
SCHEMA_ONLY: Final = {
    "citation-key": STRING,
    "categories": STRING_LIST,
    "available-date": DATE,
    "submitted": DATE,
    "archive_collection": STRING,
    "archive-place": STRING,
    "citation-number": STRING_OR_NUMBER,
    "citation-label": STRING,
    "dimensions": STRING,
    "division": STRING,
    "first-reference-note-number": STRING_OR_NUMBER,
    "jurisdiction": STRING,
    "locator": STRING_OR_NUMBER,
    "page-first": STRING_OR_NUMBER,
    "part": STRING_OR_NUMBER,
    "part-title": STRING,
    "printing": STRING_OR_NUMBER,
    "references": STRING,
    "reviewed-genre": STRING,
    "reviewed-title": STRING,
    "scale": STRING,
    "supplement": STRING_OR_NUMBER,
    "volume-title": STRING,
    "volume-title-short": STRING,
    **dict.fromkeys(ALIASES, STRING),
}

#: CSL name object key -> `Name` field, in the order the writer emits them.
NAME_PARTS: Final = (
    ("family", "family"),
    ("given", "given"),
    ("non-dropping-particle", "non_dropping_particle"),
    ("dropping-particle", "dropping_particle"),
    ("suffix", "suffix"),
    ("literal", "literal"),
)
NAME_FIELD_OF: Final = dict(NAME_PARTS)
#: Name keys the schema allows and the model has no field for (kept verbatim).
NAME_SCHEMA_ONLY: Final = frozenset({"comma-suffix", "static-ordering", "parse-names"})
#: Crossref and citation-js put the ORCID inside the name object.
NAME_ORCID_KEY: Final = "ORCID"

DATE_KEYS: Final = frozenset({"date-parts", "season", "circa", "literal", "raw"})
SEASON_NAMES: Final = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

#: Keys of `custom` that refport reads into the model (when well-formed).
CUSTOM_MULTI: Final = "multi"
CUSTOM_ORCID: Final = "orcid"
CUSTOM_UNKNOWN_KEYS: Final = "unknown-keys"
CUSTOM_UNKNOWN_NAME_KEYS: Final = "unknown-name-keys"
CUSTOM_KEYS: Final = (CUSTOM_MULTI, CUSTOM_ORCID, CUSTOM_UNKNOWN_NAME_KEYS, CUSTOM_UNKNOWN_KEYS)
