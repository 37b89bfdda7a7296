"""The agencies' answers, turned into one shape: a CSL-JSON record.

Crossref's REST API speaks its own work JSON (lists for titles, `issued`,
`published-print`, `published-online`), DataCite's REST API speaks JSON:API
(`data.attributes.titles`, `creators`, `container`), and doi.org content
negotiation answers CSL-JSON for Crossref, DataCite and mEDRA alike. Every
record refport caches and compares is CSL-JSON; what CSL has no variable for
(other titles, print and online dates, the agency) goes to `custom`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import quote

from refport.identifiers import doi_key

CSL_JSON: Final = "application/vnd.citationstyles.csl+json"

#: Crossref work types -> CSL types.
CROSSREF_TYPES: Final = {
    "journal-article": "article-journal", "book-chapter": "chapter", "book-section": "chapter",
    "book-part": "chapter", "book": "book", "monograph": "book", "edited-book": "book",
    "reference-book": "book", "book-set": "book", "book-series": "book", "book-track": "book",
    "proceedings-article": "paper-conference", "proceedings": "book", "posted-content": "article",
    "report": "report", "report-component": "report", "report-series": "report",
    "dataset": "dataset", "dissertation": "thesis", "reference-entry": "entry",
    "peer-review": "review", "standard": "standard", "journal": "periodical",
    "journal-issue": "periodical", "journal-volume": "periodical", "component": "document",
    "other": "document",
}  # fmt: skip

#: DataCite resourceTypeGeneral -> CSL type, when `types.citeproc` is absent.
DATACITE_TYPES: Final = {
    "JournalArticle": "article-journal", "Text": "article", "BookChapter": "chapter",
    "Book": "book", "Dataset": "dataset", "Software": "software", "Preprint": "article",
    "Report": "report", "Dissertation": "thesis", "ConferencePaper": "paper-conference",
    "ConferenceProceeding": "book", "Audiovisual": "motion_picture", "Image": "graphic",
    "Sound": "song", "Standard": "standard", "PeerReview": "review",
}  # fmt: skip

#: What doi.org/doiRA calls each agency -> how refport fetches its records.
AGENCY_ROUTES: Final = {"crossref": "crossref", "datacite": "datacite"}
NEGOTIATE: Final = "negotiate"
#: doiRA status strings that mean "ask the handle API whether it exists".
DOIRA_NO_AGENCY: Final = frozenset({"doi does not exist", "invalid doi"})


def route_of(agency: str | None) -> str:
    """The fetching route: crossref, datacite, or negotiate (mEDRA, JaLC, KISTI, unknown)."""
    return AGENCY_ROUTES.get((agency or "").strip().lower(), NEGOTIATE)


def quote_doi(doi: str) -> str:
    """A DOI as a URL path (the DOI Handbook's encoding: keep /, escape the rest)."""
    return quote(doi, safe="/")


# --- doi.org: which agency, does it exist -----------------------------------------


@dataclass(frozen=True, slots=True)
class AgencyAnswer:
    agency: str | None  # "Crossref", "DataCite", "mEDRA" ...
    status: str | None  # "DOI does not exist", "Invalid DOI", "Unknown"

    @property
    def absent(self) -> bool:
        return self.agency is None and (self.status or "").strip().lower() in DOIRA_NO_AGENCY


def parse_doira(payload: object) -> dict[str, AgencyAnswer]:
    """`[{"DOI": …, "RA": "Crossref"}, {"DOI": …, "status": "DOI does not exist"}]` by DOI key."""
    answers: dict[str, AgencyAnswer] = {}
    for entry in payload if isinstance(payload, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("DOI"), str):
            continue
        key = doi_key(entry["DOI"]) or entry["DOI"].lower()
        agency, status = entry.get("RA"), entry.get("status")
        answers[key] = AgencyAnswer(
            agency if isinstance(agency, str) and agency else None,
            status if isinstance(status, str) else None,
        )
    return answers


# --- shared helpers ---------------------------------------------------------------


def first_text(value: object) -> str | None:
    """A string, or the first non-empty string of a list (Crossref's title lists)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str) and item.strip():
                return item.strip()
    return None


def all_texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def _date_parts(value: object) -> list[list[int]] | None:
    """`{"date-parts": [[2019, 2]]}` when its first point has an integer year."""
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]):
        return None
    point = [p for p in parts[0] if isinstance(p, int) and not isinstance(p, bool)]
    if len(point) != len(parts[0]) or not point:
        return None
    return [point]


def as_dict(value: object) -> dict[str, Any]:
    """The value when it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def _put(record: dict[str, Any], key: str, value: object) -> None:
    if value not in (None, "", [], {}):
        record[key] = value


def _unique(texts: Iterable[str], skip: Sequence[str | None] = ()) -> list[str]:
    seen = {s for s in skip if s}
    out: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.add(text)
            out.append(text)
    return out


# --- Crossref REST API -------------------------------------------------------------


def _crossref_name(person: object) -> dict[str, str] | None:
    if not isinstance(person, dict):
        return None
    family, given, name = person.get("family"), person.get("given"), person.get("name")
    if isinstance(family, str) and family.strip():
        entry = {"family": family.strip()}
        if isinstance(given, str) and given.strip():
            entry["given"] = given.strip()
        return entry
    if isinstance(name, str) and name.strip():
        return {"literal": name.strip()}
    return None


def _names(people: object, convert: Any) -> list[dict[str, str]]:
    found = (convert(p) for p in people) if isinstance(people, list) else ()
    return [n for n in found if n]


def crossref_work_to_csl(item: Mapping[str, Any]) -> dict[str, Any]:
    """One item of Crossref's `/works` message as a CSL-JSON record."""
    record: dict[str, Any] = {
        "DOI": str(item.get("DOI", "")),
        "type": CROSSREF_TYPES.get(str(item.get("type")), "document"),
    }
    titles = all_texts(item.get("title"))
    title = titles[0] if titles else None
    subtitle = first_text(item.get("subtitle"))
    _put(record, "title", title)
    _put(record, "original-title", first_text(item.get("original-title")))
    containers = all_texts(item.get("container-title"))
    _put(record, "container-title", containers[0] if containers else None)
    _put(record, "container-title-short", first_text(item.get("short-container-title")))
    _put(record, "author", _names(item.get("author"), _crossref_name))
    _put(record, "editor", _names(item.get("editor"), _crossref_name))
    issued = _date_parts(item.get("issued")) or _date_parts(item.get("published"))
    _put(record, "issued", {"date-parts": issued} if issued else None)
    for key in ("volume", "issue", "page", "publisher", "language"):
        _put(record, key, first_text(item.get(key)))
    _put(record, "number", first_text(item.get("article-number")))
    _put(record, "ISSN", ", ".join(all_texts(item.get("ISSN"))))
    variants = [
        *titles[1:],
        *all_texts(item.get("original-title")),
        *all_texts(item.get("short-title")),
    ]
    if title and subtitle:
        variants.insert(0, f"{title}: {subtitle}")
    custom: dict[str, Any] = {"agency": "Crossref"}
    _put(custom, "title-variants", _unique(variants, (title,)))
    _put(custom, "container-title-variants", containers[1:])
    for key in ("published-print", "published-online"):
        parts = _date_parts(item.get(key))
        _put(custom, key, {"date-parts": parts} if parts else None)
    record["custom"] = custom
    return record


def crossref_items(payload: object) -> list[Mapping[str, Any]]:
    """The items of a `work-list` message (or the one `work`)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("message"), dict):
        raise ValueError("not a Crossref API message")
    message = payload["message"]
    if payload.get("message-type") == "work":
        return [message]
    items = message.get("items")
    if not isinstance(items, list):
        raise ValueError("a Crossref work-list without items")
    return [item for item in items if isinstance(item, dict)]


# --- DataCite REST API -------------------------------------------------------------


def _datacite_name(creator: object) -> dict[str, str] | None:
    if not isinstance(creator, dict):
        return None
    family, given, name = creator.get("familyName"), creator.get("givenName"), creator.get("name")
    if creator.get("nameType") == "Organizational" and isinstance(name, str) and name.strip():
        return {"literal": name.strip()}
    if isinstance(family, str) and family.strip():
        entry = {"family": family.strip()}
        if isinstance(given, str) and given.strip():
            entry["given"] = given.strip()
        return entry
    if isinstance(name, str) and "," in name:
        last, _, first = name.partition(",")
        return (
            {"family": last.strip(), "given": first.strip()}
            if first.strip()
            else {"family": last.strip()}
        )
    if isinstance(name, str) and name.strip():
        return {"literal": name.strip()}
    return None


def _datacite_titles(titles: object) -> tuple[str | None, list[str]]:
    """The main (untyped) title and the others; a Subtitle is joined to the main one."""
    entries = [t for t in titles if isinstance(t, dict)] if isinstance(titles, list) else []
    main = next((t for t in entries if not t.get("titleType")), entries[0] if entries else None)
    title = first_text(main.get("title")) if main else None
    others: list[str] = []
    for entry in entries:
        text = first_text(entry.get("title"))
        if entry is main or not text:
            continue
        others.append(
            f"{title}: {text}" if entry.get("titleType") == "Subtitle" and title else text
        )
    return title, others


def _datacite_issued(attributes: Mapping[str, Any]) -> list[list[int]] | None:
    dates = attributes.get("dates")
    for entry in dates if isinstance(dates, list) else []:
        if isinstance(entry, dict) and entry.get("dateType") == "Issued":
            pieces = str(entry.get("date", "")).split("T")[0].split("-")
            if pieces and all(p.isdigit() for p in pieces) and pieces[0]:
                return [[int(p) for p in pieces[:3]]]
    year = attributes.get("publicationYear")
    if isinstance(year, int | str) and str(year).isdigit():
        return [[int(year)]]
    return None


def datacite_to_csl(resource: Mapping[str, Any]) -> dict[str, Any]:
    """One JSON:API `dois` resource of DataCite's REST API as a CSL-JSON record."""
    attributes = resource.get("attributes")
    if not isinstance(attributes, dict):
        raise ValueError("a DataCite resource without attributes")
    types = as_dict(attributes.get("types"))
    citeproc = types.get("citeproc")
    kind = citeproc if isinstance(citeproc, str) and citeproc else None
    kind = kind or DATACITE_TYPES.get(str(types.get("resourceTypeGeneral")))
    record: dict[str, Any] = {
        "DOI": str(attributes.get("doi") or resource.get("id") or ""),
        "type": kind or "document",
    }
    title, others = _datacite_titles(attributes.get("titles"))
    _put(record, "title", title)
    _put(record, "author", _names(attributes.get("creators"), _datacite_name))
    issued = _datacite_issued(attributes)
    _put(record, "issued", {"date-parts": issued} if issued else None)
    container = as_dict(attributes.get("container"))
    _put(record, "container-title", first_text(container.get("title")))
    _put(record, "volume", first_text(container.get("volume")))
    _put(record, "issue", first_text(container.get("issue")))
    first, last = first_text(container.get("firstPage")), first_text(container.get("lastPage"))
    _put(record, "page", f"{first}-{last}" if first and last else first)
    publisher = attributes.get("publisher")
    _put(
        record,
        "publisher",
        first_text(publisher.get("name") if isinstance(publisher, dict) else publisher),
    )
    _put(record, "language", first_text(attributes.get("language")))
    custom: dict[str, Any] = {"agency": "DataCite"}
    _put(custom, "title-variants", _unique(others, (title,)))
    record["custom"] = custom
    return record


def datacite_resources(payload: object) -> list[Mapping[str, Any]]:
    """The `data` of a DataCite answer: one resource or a list of them."""
    if not isinstance(payload, dict) or "data" not in payload:
        raise ValueError("not a DataCite API answer")
    data = payload["data"]
    resources = data if isinstance(data, list) else [data]
    return [r for r in resources if isinstance(r, dict)]


# --- content negotiation -----------------------------------------------------------


def negotiated_csl(payload: object, agency: str | None) -> dict[str, Any]:
    """A CSL-JSON answer of doi.org, with list-valued strings flattened
    (some agencies send `"container-title": ["…"]`)."""
    if not isinstance(payload, dict):
        raise ValueError("content negotiation did not answer a CSL-JSON object")
    record: dict[str, Any] = {}
    for key, value in payload.items():
        if key in ("title", "container-title", "container-title-short", "original-title",
                   "volume", "issue", "page", "publisher", "ISSN"):  # fmt: skip
            _put(record, key, first_text(value))
        elif key in ("DOI", "type", "author", "editor", "issued", "language", "number"):
            _put(record, key, value)
    custom = dict(as_dict(payload.get("custom")))
    custom.setdefault("agency", agency or "unknown")
    titles = all_texts(payload.get("title"))[1:] + all_texts(payload.get("original-title"))[1:]
    _put(custom, "title-variants", _unique(titles, (record.get("title"),)))
    record["custom"] = custom
    return record
