"""What Zotero's RIS importer (`RIS.js`) does with each tag, as data.

Transcribed from zotero/translators `RIS.js` at commit 2814370161d0 (June
2026; the translator's own lastUpdated is 2026-01-05), the same commit
`refport/zotero/IMPORTERS.md` was read from: `importTypeMap` (with the export
map folded in, as RIS.js does), `fieldMap` and `degenerateImportFieldMap`.
`import_field` is RIS.js's `TagMapper.getField`; the `--for zotero` writer
inverts it to find, per item type, the tag Zotero reads into each field.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Final

from refport.formats.zotero_schema import TYPE_CREATORS, TYPE_FIELDS

RIS_JS_COMMIT: Final = "2814370161d05d799086825fac8d499db3a33aa3"

#: `exportTypeMap` without its degenerate part: the TY Zotero itself writes
#: for an item type, which its importer reads back as that type.
EXPORT_TYPES: Final[dict[str, str]] = {
    "artwork": "ART", "audioRecording": "SOUND", "bill": "BILL", "blogPost": "BLOG",
    "book": "BOOK", "bookSection": "CHAP", "case": "CASE", "computerProgram": "COMP",
    "conferencePaper": "CONF", "dictionaryEntry": "DICT", "encyclopediaArticle": "ENCYC",
    "email": "ICOMM", "dataset": "DATA", "film": "MPCT", "hearing": "HEAR",
    "journalArticle": "JOUR", "letter": "PCOMM", "magazineArticle": "MGZN",
    "manuscript": "MANSCPT", "map": "MAP", "newspaperArticle": "NEWS", "patent": "PAT",
    "presentation": "SLIDE", "report": "RPRT", "statute": "STAT", "thesis": "THES",
    "videoRecording": "VIDEO", "webpage": "ELEC",
}  # fmt: skip

#: TY -> Zotero item type on import (`importTypeMap`; any other TY is a journal article).
IMPORT_TYPES: Final[dict[str, str]] = {
    "ABST": "journalArticle", "ADVS": "film", "AGGR": "document", "ANCIENT": "document",
    "CHART": "artwork", "CLSWK": "book", "CPAPER": "conferencePaper",
    "CTLG": "magazineArticle", "DBASE": "dataset", "EBOOK": "book", "ECHAP": "bookSection",
    "EDBOOK": "book", "EJOUR": "journalArticle", "EQUA": "document", "FIGURE": "artwork",
    "GEN": "journalArticle", "GOVDOC": "report", "GRNT": "document", "INPR": "manuscript",
    "JFULL": "journalArticle", "LEGAL": "case", "MULTI": "videoRecording",
    "MUSIC": "audioRecording", "PAMP": "manuscript", "SER": "book", "STAND": "report",
    "UNBILL": "manuscript", "UNPD": "manuscript", "WEB": "webpage",
    **{ty: item_type for item_type, ty in EXPORT_TYPES.items()},
}  # fmt: skip
DEFAULT_IMPORT_TYPE: Final = "journalArticle"

#: Item types no TY imports as, and the importable type refport writes instead
#: (the CSL type then travels as `type: ...` in Extra). RIS.js itself exports
#: tvBroadcast as MPCT and interview as PCOMM; a forum post keeps its forum
#: title as a blog post's; preprints and standards keep number, publisher and
#: place as reports (RIS.js imports STAND as a report).
ITEM_TYPE_FALLBACKS: Final[dict[str, str]] = {
    "preprint": "report",
    "tvBroadcast": "film",
    "interview": "letter",
    "forumPost": "blogPost",
    "standard": "report",
}

#: The TY refport writes per item type: Zotero's own, except for `document`,
#: which Zotero exports as GEN but imports GEN as a journal article.
WRITE_TYPES: Final[dict[str, str]] = {**EXPORT_TYPES, "document": "GRNT"}
#: A TY that names the CSL type better and imports as the same item type.
WRITE_TYPE_OVERRIDES: Final[dict[str, str]] = {"standard": "STAND"}

#: A tag's rule: one field for every item type, or {field: item types} with
#: "__default" (a field) and "__exclude" (item types), as in RIS.js.
TagRule = str | Mapping[str, str | tuple[str, ...]]

_AUTHOR_RULE: Final[TagRule] = {
    "__default": "creators/author", "creators/artist": ("artwork",),
    "creators/cartographer": ("map",), "creators/composer": ("audioRecording",),
    "creators/director": ("film", "radioBroadcast", "tvBroadcast", "videoRecording"),
    "creators/interviewee": ("interview",), "creators/inventor": ("patent",),
    "creators/podcaster": ("podcast",), "creators/programmer": ("computerProgram",),
}  # fmt: skip
_TITLE_RULE: Final[TagRule] = {
    "__default": "title", "subject": ("email",), "caseName": ("case",),
    "nameOfAct": ("statute",),
}  # fmt: skip
_DATE_RULE: Final[TagRule] = {
    "__default": "date", "dateEnacted": ("statute",), "dateDecided": ("case",),
    "issueDate": ("patent",),
}  # fmt: skip

#: `fieldMap`: read in source order.
FIELD_MAP: Final[dict[str, TagRule]] = {
    "AB": "abstractNote", "AN": "archiveLocation", "CN": "callNumber", "DB": "archive",
    "DO": "DOI", "DP": "libraryCatalog", "J2": "journalAbbreviation", "KW": "tags",
    "L1": "attachments/PDF", "L2": "attachments/HTML", "L4": "attachments/other",
    "N1": "notes", "ST": "shortTitle", "UR": "url", "Y2": "accessDate",
    "TI": _TITLE_RULE,
    "T2": {
        "code": ("bill", "statute"), "bookTitle": ("bookSection",), "blogTitle": ("blogPost",),
        "conferenceName": ("conferencePaper",), "dictionaryTitle": ("dictionaryEntry",),
        "encyclopediaTitle": ("encyclopediaArticle",), "committee": ("hearing",),
        "forumTitle": ("forumPost",), "websiteTitle": ("webpage",),
        "programTitle": ("radioBroadcast", "tvBroadcast"), "meetingName": ("presentation",),
        "seriesTitle": ("computerProgram", "map", "report"), "series": ("book",),
        "publicationTitle": ("journalArticle", "magazineArticle", "newspaperArticle"),
    },
    "T3": {
        "legislativeBody": ("hearing", "bill"),
        "series": ("bookSection", "conferencePaper", "journalArticle"),
        "seriesTitle": ("audioRecording",),
    },
    "AU": _AUTHOR_RULE,
    "A1": _AUTHOR_RULE,
    "A2": {
        "creators/sponsor": ("bill",), "creators/performer": ("audioRecording",),
        "creators/presenter": ("presentation",), "creators/interviewer": ("interview",),
        "creators/editor": ("journalArticle", "bookSection", "conferencePaper",
                            "dictionaryEntry", "document", "encyclopediaArticle"),
        "creators/seriesEditor": ("book", "report"),
        "creators/recipient": ("email", "instantMessage", "letter"),
        "reporter": ("case",), "issuingAuthority": ("patent",),
    },
    "A3": {
        "creators/contributor": ("thesis",), "creators/cosponsor": ("bill",),
        "creators/producer": ("film", "tvBroadcast", "videoRecording", "radioBroadcast"),
        "creators/editor": ("book",),
        "creators/seriesEditor": ("bookSection", "conferencePaper", "dictionaryEntry",
                                  "encyclopediaArticle", "map"),
    },
    "A4": {
        "__default": "creators/translator", "creators/counsel": ("case",),
        "creators/contributor": ("conferencePaper", "film", "dataset"),
    },
    "C1": {
        "filingDate": ("patent",),
        "creators/castMember": ("radioBroadcast", "tvBroadcast", "videoRecording"),
        "scale": ("map",), "place": ("conferencePaper",),
    },
    "C2": {
        "issueDate": ("patent",), "creators/bookAuthor": ("bookSection",),
        "creators/commenter": ("blogPost",),
    },
    "C3": {
        "artworkSize": ("artwork",), "proceedingsTitle": ("conferencePaper",),
        "country": ("patent",),
    },
    "C4": {
        "creators/wordsBy": ("audioRecording",), "creators/attorneyAgent": ("patent",),
        "genre": ("film",),
    },
    "C5": {
        "references": ("patent",), "audioRecordingFormat": ("audioRecording", "radioBroadcast"),
        "videoRecordingFormat": ("film", "tvBroadcast", "videoRecording"),
    },
    "C6": {"legalStatus": ("patent",)},
    "CY": {"__default": "place", "repositoryLocation": ("dataset",),
           "__exclude": ("conferencePaper",)},
    "DA": _DATE_RULE,
    "ET": {"__default": "edition", "session": ("bill", "hearing", "statute"),
           "versionNumber": ("computerProgram", "dataset")},
    "IS": {"__default": "issue", "numberOfVolumes": ("bookSection",), "__exclude": ("dataset",)},
    "LA": {"__default": "language", "programmingLanguage": ("computerProgram",)},
    "M1": {
        "seriesNumber": ("book",), "billNumber": ("bill",), "system": ("computerProgram",),
        "documentNumber": ("hearing",), "applicationNumber": ("patent",),
        "publicLawNumber": ("statute",),
        "episodeNumber": ("podcast", "radioBroadcast", "tvBroadcast"),
    },
    "M3": {
        "manuscriptType": ("manuscript",), "mapType": ("map",), "reportType": ("report",),
        "thesisType": ("thesis",), "websiteType": ("blogPost", "webpage"),
        "postType": ("forumPost",), "letterType": ("letter",),
        "interviewMedium": ("interview",), "presentationType": ("presentation",),
        "artworkMedium": ("artwork",), "audioFileType": ("podcast",),
    },
    "NV": {"__default": "numberOfVolumes", "identifier": ("dataset",),
           "__exclude": ("bookSection",)},
    "OP": {"history": ("hearing", "statute", "bill", "case"), "priorityNumbers": ("patent",)},
    "PB": {
        "__default": "publisher", "label": ("audioRecording",), "court": ("case",),
        "distributor": ("film",), "assignee": ("patent",), "institution": ("report",),
        "repository": ("dataset",), "university": ("thesis",),
        "company": ("computerProgram",), "studio": ("videoRecording",),
        "network": ("radioBroadcast", "tvBroadcast"),
    },
    "PY": _DATE_RULE,
    "SE": {"__default": "section", "__exclude": ("case",)},
    "SN": {"__default": "ISBN", "ISSN": ("journalArticle", "magazineArticle", "newspaperArticle"),
           "patentNumber": ("patent",), "reportNumber": ("report",)},
    "SP": {"__default": "pages", "codePages": ("bill",),
           "numPages": ("book", "thesis", "manuscript"), "firstPage": ("case",),
           "runningTime": ("film",)},
    "SV": {"seriesNumber": ("bookSection",), "docketNumber": ("case",)},
    "VL": {"__default": "volume", "codeNumber": ("statute",), "codeVolume": ("bill",),
           "reporterVolume": ("case",), "__exclude": ("patent", "webpage")},
}  # fmt: skip

#: `degenerateImportFieldMap`: read only where `FIELD_MAP` gives nothing, and
#: RIS.js reads every tag listed here only after all the other lines
#: ("deprecated" tags), so M2 lines reach Extra in their own order, last.
DEGENERATE_MAP: Final[dict[str, TagRule]] = {
    "AD": {"__default": "unsupported/Author Address",
           "unsupported/Inventor Address": ("patent",)},
    "AV": "archiveLocation",
    "BT": {"title": ("book", "manuscript"), "bookTitle": ("bookSection",),
           "__default": "backupPublicationTitle"},
    "CA": "unsupported/Caption", "CR": "rights", "CT": "title", "CY": "place",
    "ED": "creators/editor", "EP": "pages", "H1": "unsupported/Library Catalog",
    "H2": "unsupported/Call Number", "ID": "__ignore",
    "IS": {"versionNumber": ("dataset",)},
    "JA": "journalAbbreviation", "JF": "publicationTitle",
    "JO": {"__default": "journalAbbreviation", "conferenceName": ("conferencePaper",)},
    "LB": "unsupported/Label",
    "M1": {"__default": "extra", "issue": ("journalArticle",),
           "numberOfVolumes": ("bookSection",), "accessDate": ("webpage",)},
    "M2": "extra", "M3": "DOI", "N2": "abstractNote", "NV": "numberOfVolumes",
    "OP": {"__default": "unsupported/Original Publication",
           "unsupported/Content": ("blogPost", "computerProgram", "film", "presentation",
                                   "report", "videoRecording", "webpage")},
    "RI": {"__default": "unsupported/Reviewed Item", "unsupported/Article Number": ("statute",)},
    "RN": "notes", "SE": {"unsupported/File Date": ("case",)},
    "T1": _TITLE_RULE, "T2": "backupPublicationTitle", "T3": {"series": ("book",)},
    "TA": "unsupported/Translated Author", "TT": "unsupported/Translated Title",
    "VL": {"unsupported/Patent Version Number": ("patent",), "accessDate": ("webpage",)},
    "Y1": _DATE_RULE,
}  # fmt: skip

#: Tags whose value RIS.js does not pass through `unescapeHTML`.
RAW_TAGS: Final = frozenset({"N1", "RN", "AB"})
#: Tags with import handling of their own; never used to carry a plain field.
SPECIAL_TAGS: Final = frozenset({"PY", "Y1", "EP", "KW", "N1", "RN", "M2", "ID", "L1", "L2", "L4"})
#: Tags that carry creators, in the order refport prefers them (A1/ED are deferred).
CREATOR_TAGS: Final = ("AU", "A2", "A3", "A4", "C1", "C2", "C4")
CREATOR_PREFIX: Final = "creators/"
#: Every tag RIS.js maps, in its own order (`fieldMap` first), less the special ones.
_ALL_TAGS: Final = tuple(
    tag for tag in dict.fromkeys([*FIELD_MAP, *DEGENERATE_MAP]) if tag not in SPECIAL_TAGS
)


def _rule_field(rule: TagRule, item_type: str) -> str | None:
    if isinstance(rule, str):
        return rule
    for field_name, types in rule.items():
        if field_name not in ("__default", "__exclude") and item_type in types:
            return field_name
    default = rule.get("__default")
    excluded = item_type in rule.get("__exclude", ())
    return default if isinstance(default, str) and not excluded else None


def import_field(item_type: str, tag: str) -> str | None:
    """The field (or "creators/<type>") RIS.js reads a tag into for an item type."""
    for table in (FIELD_MAP, DEGENERATE_MAP):
        rule = table.get(tag)
        found = _rule_field(rule, item_type) if rule is not None else None
        if found:
            return found
    return None


def is_deferred(tag: str) -> bool:
    """RIS.js reads these tags in a second pass, after all the others."""
    return tag in DEGENERATE_MAP


@cache
def field_tags(item_type: str) -> Mapping[str, str]:
    """Zotero field -> the tag RIS.js reads into it, for one item type (a tag
    read in the first pass preferred; tags with their own handling left out)."""
    tags = sorted(_ALL_TAGS, key=is_deferred)
    found: dict[str, str] = {}
    for tag in tags:
        field_name = import_field(item_type, tag)
        if field_name in TYPE_FIELDS[item_type] and not (tag == "M3" and field_name == "DOI"):
            found.setdefault(field_name, tag)
    return found


@cache
def creator_tags(item_type: str) -> Mapping[str, str]:
    """Zotero creator type -> the tag RIS.js reads it from, for one item type."""
    found: dict[str, str] = {}
    for tag in CREATOR_TAGS:
        target = import_field(item_type, tag) or ""
        creator_type = target.removeprefix(CREATOR_PREFIX)
        if target.startswith(CREATOR_PREFIX) and creator_type in TYPE_CREATORS[item_type]:
            found.setdefault(creator_type, tag)
    return found


def write_type(item_type: str, csl_type: str) -> str:
    """The TY to write so that RIS.js imports the record as `item_type`."""
    override = WRITE_TYPE_OVERRIDES.get(csl_type)
    if override is not None and IMPORT_TYPES.get(override) == item_type:
        return override
    return WRITE_TYPES[item_type]
