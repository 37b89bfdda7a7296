"""RIS mapping tables: record types, tags and creator roles, per CSL type.

Everything the RIS reader and writer know about the meaning of a tag is here,
as data. The semantics follow what Zotero's RIS translator and EndNote write
(they agree on most tags); where one RIS tag means different things for
different record types, the per-type tables say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from refport.model import CSL_TYPES

# --- record types -------------------------------------------------------------

#: RIS `TY` <-> CSL type. "both": the pair is used for reading and writing.
#: "read": read into that CSL type, but writing that CSL type uses its "both"
#: row, so the original TY is kept in `extra` as ("ris:TY", value) and
#: written back from there.
TYPES: Final[tuple[tuple[str, str, str], ...]] = (
    ("JOUR", "article-journal", "both"),
    ("MGZN", "article-magazine", "both"),
    ("NEWS", "article-newspaper", "both"),
    ("JFULL", "periodical", "both"),
    ("BOOK", "book", "both"),
    ("CHAP", "chapter", "both"),
    ("CONF", "paper-conference", "both"),
    ("THES", "thesis", "both"),
    ("RPRT", "report", "both"),
    ("ELEC", "webpage", "both"),
    ("BLOG", "post-weblog", "both"),
    ("GEN", "document", "both"),
    ("MANSCPT", "manuscript", "both"),
    ("MAP", "map", "both"),
    ("PAT", "patent", "both"),
    ("STAT", "legislation", "both"),
    ("BILL", "bill", "both"),
    ("CASE", "legal_case", "both"),
    ("LEGAL", "regulation", "both"),
    ("COMP", "software", "both"),
    ("DATA", "dataset", "both"),
    ("SOUND", "song", "both"),
    ("MUSIC", "musical_score", "both"),
    ("MPCT", "motion_picture", "both"),
    ("PCOMM", "personal_communication", "both"),
    ("HEAR", "hearing", "both"),
    ("STAND", "standard", "both"),
    ("ENCYC", "entry-encyclopedia", "both"),
    ("DICT", "entry-dictionary", "both"),
    ("PAMP", "pamphlet", "both"),
    ("ART", "graphic", "both"),
    ("FIGURE", "figure", "both"),
    ("CLSWK", "classic", "both"),
    ("SLIDE", "speech", "both"),
    ("ABST", "article-journal", "read"),
    ("EJOUR", "article-journal", "read"),
    ("INPR", "article-journal", "read"),
    ("EBOOK", "book", "read"),
    ("EDBOOK", "book", "read"),
    ("SER", "book", "read"),
    ("ECHAP", "chapter", "read"),
    ("CPAPER", "paper-conference", "read"),
    ("WEB", "webpage", "read"),
    ("GOVDOC", "report", "read"),
    ("UNPB", "manuscript", "read"),
    ("UNPD", "manuscript", "read"),
    ("ICOMM", "personal_communication", "read"),
    ("VIDEO", "motion_picture", "read"),
    ("ADVS", "motion_picture", "read"),
    ("MULTI", "motion_picture", "read"),
    ("AGGR", "dataset", "read"),
    ("DBASE", "dataset", "read"),
    ("ANCIENT", "classic", "read"),
    ("CHART", "figure", "read"),
    ("EQUA", "document", "read"),
    ("CTLG", "document", "read"),
    ("GRANT", "document", "read"),
    ("GRNT", "document", "read"),
    ("UNBILL", "bill", "read"),
)

#: CSL types RIS has no TY for: written as this TY plus a `U1  - type: <csl>`
#: line, which refport reads back (other programs see the nearest RIS type).
WRITE_FALLBACK_TYPES: Final[dict[str, str]] = {
    "article": "GEN",
    "broadcast": "MPCT",
    "collection": "GEN",
    "entry": "GEN",
    "event": "GEN",
    "interview": "PCOMM",
    "performance": "GEN",
    "post": "ICOMM",
    "review": "JOUR",
    "review-book": "JOUR",
    "treaty": "GEN",
}

READ_TYPES: Final[dict[str, str]] = {ris: csl for ris, csl, _ in TYPES}
WRITE_TYPES: Final[dict[str, str]] = {
    **{csl: ris for ris, csl, direction in TYPES if direction == "both"},
    **WRITE_FALLBACK_TYPES,
}
UNKNOWN_TYPE: Final = "document"

#: Every tag of the RIS specification (and its common dialects). A line inside
#: a record that starts like one of these but is not a tag line ("PY: 1998")
#: is reported, not taken as continuation text.
SPEC_TAGS: Final = frozenset(
    (
        "TY", "ER", "A1", "A2", "A3", "A4", "AB", "AD", "AN", "AU", "AV", "BT", "C1", "C2",
        "C3", "C4", "C5", "C6", "C7", "C8", "CA", "CN", "CP", "CT", "CY", "DA", "DB", "DI",
        "DO", "DP", "ED", "EP", "ET", "ID", "IS", "J1", "J2", "JA", "JF", "JO", "KW", "L1",
        "L2", "L3", "L4", "LA", "LB", "LK", "M1", "M2", "M3", "N1", "N2", "NV", "OP", "PB",
        "PP", "PY", "RI", "RN", "RP", "SE", "SN", "SP", "ST", "SV", "T1", "T2", "T3", "TA",
        "TI", "TT", "U1", "U2", "U3", "U4", "U5", "UR", "VL", "VO", "Y1", "Y2",
    )
)  # fmt: skip

# --- tags -> model fields -------------------------------------------------------

#: Tags whose value is one plain model string field, for every record type
#: unless `TYPE_FIELD_TAGS` overrides it. Read and written.
FIELD_TAGS: Final[dict[str, str]] = {
    "TI": "title",
    "ST": "title_short",
    "T2": "container_title",
    "T3": "collection_title",
    "J2": "container_title_short",
    "AB": "abstract",
    "CY": "publisher_place",
    "PB": "publisher",
    "ET": "edition",
    "VL": "volume",
    "IS": "issue",
    "NV": "number_of_volumes",
    "SE": "section",
    "M3": "genre",
    "LA": "language",
    "AN": "archive_location",
    "DB": "archive",
    "DP": "source",
    "CN": "call_number",
    "RN": "annote",
}

#: Where a tag means something else for one CSL type (None: no field, the
#: tag goes to `extra`). Taken from Zotero's per-item-type RIS mapping and
#: EndNote's reference types.
TYPE_FIELD_TAGS: Final[dict[str, dict[str, str | None]]] = {
    "book": {"T2": "collection_title", "T3": None, "SP": "number_of_pages",
             "M1": "collection_number"},
    "chapter": {"SV": "collection_number", "SE": "chapter_number"},
    "thesis": {"SP": "number_of_pages"},
    "manuscript": {"SP": "number_of_pages"},
    "report": {"T2": "collection_title", "T3": None, "SN": "number"},
    "software": {"T2": "collection_title", "T3": None, "ET": "version"},
    "dataset": {"ET": "version"},
    "map": {"T2": "collection_title", "T3": None},
    "speech": {"T2": "event_title"},
    "hearing": {"T2": "section", "SE": None, "T3": "authority", "M1": "number"},
    "bill": {"T3": "authority", "M1": "number"},
    "legislation": {"M1": "number"},
    "legal_case": {"PB": "authority", "SV": "number"},
    "patent": {"SN": "number"},
    "broadcast": {"M1": "number"},
    "graphic": {"M3": "medium"},
    "interview": {"M3": "medium"},
}  # fmt: skip

#: Tags with handling of their own (dates, pages, lists, identifiers, the
#: refport convention line): tag -> the model field they fill.
SPECIAL_TAGS: Final[dict[str, str]] = {
    "TY": "type",
    "ID": "id",
    "DA": "issued",
    "PY": "issued (year)",
    "Y1": "issued (old RIS; after DA, PY)",
    "Y2": "accessed",
    "SP": "page (first page, or the whole page text)",
    "EP": "page (last page)",
    "SN": "issn for serials, isbn otherwise (by content when it is clearly the other)",
    "DO": "doi",
    "UR": "url (first; further UR lines stay in extra)",
    "KW": "keywords (one per line)",
    "N1": "note (first; further N1 lines stay in extra)",
    "TT": "variants: title in English (tag en)",
    "U1": "refport convention lines (see below)",
}

#: Read-only synonyms: RIS dialects write these for a field refport writes
#: under its main tag. The main tag wins when both are present.
FIELD_ALIASES: Final[dict[str, str]] = {
    "T1": "title",
    "CT": "title",
    "JF": "container_title",
    "JO": "container_title",
    "JA": "container_title_short",
    "J1": "container_title_short",
    "N2": "abstract",
}

#: A pair of tags whose meaning depends on whether the second is present.
#: Zotero and EndNote write a conference paper's conference name in T2 and
#: the proceedings title in C3, but most other programs put the proceedings
#: in T2 alone; likewise CY (conference place) vs C1 (place published).


@dataclass(frozen=True, slots=True)
class TagPair:
    primary: str  # "T2"
    secondary: str  # "C3"
    field: str  # what `secondary` holds, or `primary` when alone: "container_title"
    paired_field: str  # what `primary` holds when `secondary` is present: "event_title"


PAIRED_TAGS: Final[dict[str, tuple[TagPair, ...]]] = {
    "paper-conference": (
        TagPair("T2", "C3", "container_title", "event_title"),
        TagPair("CY", "C1", "publisher_place", "event_place"),
    ),
}

# --- tags -> creator roles ------------------------------------------------------

ROLE_TAGS: Final[dict[str, str]] = {
    "AU": "author",
    "A2": "editor",
    "A3": "collection-editor",
    "A4": "translator",
}

TYPE_ROLE_TAGS: Final[dict[str, dict[str, str]]] = {
    "book": {"A2": "collection-editor", "A3": "editor"},
    "report": {"A2": "collection-editor", "A3": "editor"},
    "personal_communication": {"A2": "recipient"},
    "interview": {"A2": "interviewer"},
    "motion_picture": {"AU": "director", "A3": "producer"},
    "broadcast": {"AU": "director", "A3": "producer"},
    "song": {"AU": "composer", "A2": "performer"},
    "thesis": {"A3": "contributor"},
}

#: Read-only: A1 is the old spelling of AU (whatever AU means for the type);
#: ED is always the editor.
ROLE_TAG_ALIASES: Final[dict[str, str]] = {"A1": "AU"}
FIXED_ROLE_TAGS: Final[dict[str, str]] = {"ED": "editor"}

#: Serials: an SN is an ISSN; for everything else it is an ISBN by default.
SERIAL_TYPES: Final = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "periodical",
     "review", "review-book"}
)  # fmt: skip

# --- writing --------------------------------------------------------------------

#: The order tags are written in (close to Zotero's export order); repeated
#: tags keep their order, unknown tags from `extra` follow, then ER.
WRITE_ORDER: Final[tuple[str, ...]] = (
    "TY", "ID", "TI", "TT", "ST", "AU", "A2", "A3", "A4", "T2", "C3", "T3", "J2",
    "AB", "CY", "C1", "PB", "DA", "PY", "Y2", "ET", "VL", "IS", "SP", "EP", "SE",
    "SV", "M1", "M3", "NV", "SN", "DO", "UR", "LA", "AN", "DB", "DP", "CN", "RN",
    "N1", "KW", "U1",
)  # fmt: skip

#: The refport convention tag ("User definable 1" in the RIS spec): one
#: `key: value` per line for what RIS has no tag for. See `U1_FORMS`.
CONVENTION_TAG: Final = "U1"

U1_FORMS: Final[tuple[tuple[str, str], ...]] = (
    ("type: post", "the CSL type, when TY cannot say it"),
    ("event-title: ...", "a model field without a tag for this type (hyphenated name)"),
    ("original-date: 1869/01/01/", "a date field without a tag (RIS date form)"),
    ("composer: Bach, Johann Sebastian", "a name in a role without a tag for this type"),
    ("title [ru-Latn]: Voyna i mir", "a text variant (field, BCP 47 tag)"),
    ("author 2 [ru-Cyrl]: Толстой, Лев", "a name variant (role, position in role, tag)"),
    ("author 1 orcid: 0000-0002-1825-0097", "a name's ORCID"),
    ("author 3 literal: University of California, Berkeley",
     "marks a name as an organisation when its text holds a comma"),
)  # fmt: skip


# --- lookups ----------------------------------------------------------------------


def field_tags(csl_type: str) -> dict[str, str]:
    """Tag -> field for one CSL type (plain string fields only)."""
    merged: dict[str, str | None] = {**FIELD_TAGS, **TYPE_FIELD_TAGS.get(csl_type, {})}
    return {tag: name for tag, name in merged.items() if name is not None}


def role_tags(csl_type: str) -> dict[str, str]:
    """Tag -> CSL role for one CSL type."""
    return {**ROLE_TAGS, **TYPE_ROLE_TAGS.get(csl_type, {})}


def paired_field_tags(csl_type: str, is_paired: Callable[[TagPair], bool]) -> dict[str, str]:
    """The tag -> field entries the type's tag pairs contribute. A reader pairs
    when the secondary tag is present, a writer when both fields are set."""
    entries: dict[str, str] = {}
    for pair in PAIRED_TAGS.get(csl_type, ()):
        if is_paired(pair):
            entries[pair.primary] = pair.paired_field
            entries[pair.secondary] = pair.field
        else:
            entries[pair.primary] = pair.field
    return entries


def page_in_sp(csl_type: str) -> bool:
    """Whether SP/EP hold the page range (not the number of pages)."""
    return "SP" not in TYPE_FIELD_TAGS.get(csl_type, {})


def sn_field(csl_type: str) -> str:
    """What an SN line is for this type when its content does not say."""
    return "issn" if csl_type in SERIAL_TYPES else "isbn"


def check_tables() -> list[str]:
    """Problems in the tables (a test asserts there are none)."""
    problems = [f"unknown CSL type {c}" for _, c, _ in TYPES if c not in CSL_TYPES]
    problems += [f"no RIS type for {c}" for c in sorted(CSL_TYPES) if c not in WRITE_TYPES]
    for csl in CSL_TYPES:
        for paired in (_never, _always):
            tags = {**field_tags(csl), **paired_field_tags(csl, paired)}
            values = list(tags.values())
            problems += [
                f"{csl}: field {v} under two tags" for v in set(values) if values.count(v) > 1
            ]
        roles = list(role_tags(csl).values())
        problems += [f"{csl}: role {r} under two tags" for r in set(roles) if roles.count(r) > 1]
    return problems


def _never(_: TagPair) -> bool:
    return False


def _always(_: TagPair) -> bool:
    return True
