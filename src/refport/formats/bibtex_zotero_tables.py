"""What Zotero's BibTeX importer keeps, as data (for `--for zotero`).

Read from zotero/translators `BibTeX.js` at commit 2814370161d0 (2026-06-26):
`bibtex2zoteroTypeMap`, `fieldMap`, `inputFieldMap` and `processField`; the
reasons are in `refport/zotero/IMPORTERS.md`. After BibTeX.js, Zotero drops
every field the item type does not have (`Item.fromJSON`), and turns a creator
type the item type lacks into its primary creator type (`setCreator`).
"""

from __future__ import annotations

from typing import Final

#: `bibtex2zoteroTypeMap`: the only entry types BibTeX.js imports (any other
#: entry type discards the whole entry).
BIBTEXJS_TYPES: Final = {
    "book": "book", "inbook": "bookSection", "incollection": "bookSection",
    "article": "journalArticle", "patent": "patent", "phdthesis": "thesis",
    "unpublished": "manuscript", "inproceedings": "conferencePaper",
    "conference": "conferencePaper", "techreport": "report", "booklet": "book", "manual": "book",
    "mastersthesis": "thesis", "misc": "document", "proceedings": "book", "online": "webpage",
    "electronic": "webpage", "thesis": "thesis", "letter": "letter", "movie": "film",
    "artwork": "artwork", "report": "report", "legislation": "bill", "jurisdiction": "case",
    "audio": "audioRecording", "video": "videoRecording", "software": "computerProgram",
    "inreference": "encyclopediaArticle", "collection": "book", "mvbook": "book",
}  # fmt: skip

#: Zotero item type -> the entry type refport writes for it.
ENTRY_TYPE_OF_ITEM: Final = {
    "journalArticle": "article", "book": "book", "bookSection": "incollection",
    "conferencePaper": "inproceedings", "thesis": "thesis", "report": "techreport",
    "manuscript": "unpublished", "patent": "patent", "document": "misc", "webpage": "online",
    "letter": "letter", "film": "movie", "artwork": "artwork", "bill": "legislation",
    "case": "jurisdiction", "audioRecording": "audio", "videoRecording": "video",
    "computerProgram": "software", "encyclopediaArticle": "inreference",
}  # fmt: skip

#: Item types no entry type reaches -> the nearest item type one does.
NEAREST_ITEM_TYPE: Final = {
    "magazineArticle": "journalArticle", "newspaperArticle": "journalArticle",
    "preprint": "document", "dataset": "document", "presentation": "document",
    "interview": "document", "map": "document", "hearing": "document",
    "dictionaryEntry": "encyclopediaArticle", "blogPost": "webpage", "forumPost": "webpage",
    "statute": "bill", "standard": "report", "tvBroadcast": "videoRecording",
    "radioBroadcast": "audioRecording", "podcast": "audioRecording", "email": "letter",
    "instantMessage": "letter",
}  # fmt: skip

#: BibTeX field -> the Zotero field BibTeX.js sets from it (`fieldMap`,
#: `inputFieldMap`, `processField`). "extra:Key" is an Extra line `Key: value`,
#: "note" a child note, "tags" the tags, "creators" names; `number`, `pages`
#: and `location` depend on the item type (below).
BIBTEXJS_FIELDS: Final = {
    "address": "place", "chapter": "section", "edition": "edition", "type": "type",
    "series": "series", "title": "title", "volume": "volume", "copyright": "rights",
    "isbn": "ISBN", "issn": "ISSN", "shorttitle": "shortTitle", "url": "url", "doi": "DOI",
    "abstract": "abstractNote", "nationality": "country", "language": "language",
    "assignee": "assignee", "booktitle": "publicationTitle", "school": "publisher",
    "publisher": "publisher", "issue": "issue", "journaltitle": "publicationTitle",
    "shortjournal": "journalAbbreviation", "eventtitle": "conferenceName",
    "pagetotal": "numPages", "journal": "publicationTitle", "fjournal": "publicationTitle",
    "institution": "publisher", "organization": "publisher", "date": "date", "year": "date",
    "month": "date", "day": "date", "urldate": "accessDate", "lastchecked": "accessDate",
    "keywords": "tags", "keyword": "tags", "note": "note", "annote": "note", "comment": "note",
    "review": "note", "notes": "note", "lccn": "extra:LCCN", "mrnumber": "extra:MR",
    "zmnumber": "extra:Zbl", "pmid": "extra:PMID", "pmcid": "extra:PMCID",
    "author": "creators", "editor": "creators", "translator": "creators",
}  # fmt: skip
#: `number` by item type (anything else: `issue`).
BIBTEXJS_NUMBER: Final = {
    "report": "reportNumber", "book": "seriesNumber", "bookSection": "seriesNumber",
    "patent": "patentNumber",
}  # fmt: skip
#: Item types whose `pages` BibTeX.js reads as the number of pages.
BIBTEXJS_NUMPAGES_TYPES: Final = frozenset({"book", "thesis", "manuscript"})
#: `location` on a conference paper becomes this Extra line; elsewhere the place
#: when there is no `address`.
BIBTEXJS_EVENT_PLACE: Final = "extra:event-place"
#: `eprinttype` values BibTeX.js turns (with `eprint`) into an Extra line.
BIBTEXJS_EPRINT_TYPES: Final = {
    "arxiv": "arXiv", "jstor": "JSTOR", "pubmed": "PMID", "hdl": "HDL",
    "googlebooks": "GoogleBooksID",
}  # fmt: skip
#: Rich text BibTeX.js reads only as math (`mapTeXmarkup`); `\\textsuperscript`
#: would come out as text.
BIBTEXJS_MARKUP: Final = {"sup": ("$^{", "}$"), "sub": ("$_{", "}$")}
#: The creator types BibTeX.js gives names (the field name is the creator type).
BIBTEXJS_ROLES: Final = ("author", "editor", "translator")

#: Model field -> the BibTeX fields to try, in order, for Zotero; the first
#: one BibTeX.js reads into the Zotero field refport maps the model field to
#: (for the item type) is written. A model field not listed has no route.
ZOTERO_ROUTES: Final[dict[str, tuple[str, ...]]] = {
    "title": ("title",), "title_short": ("shorttitle",),
    "container_title": ("journal", "booktitle"), "container_title_short": ("shortjournal",),
    "issued": ("date",),
    "collection_title": ("series",), "collection_number": ("number",), "volume": ("volume",),
    "issue": ("number", "issue"), "page": ("pages",), "number_of_pages": ("pagetotal",),
    "edition": ("edition",), "section": ("chapter",), "publisher": ("publisher",),
    "publisher_place": ("address",), "event_title": ("eventtitle",),
    "event_place": ("location",), "genre": ("type",), "number": ("number",),
    "doi": ("doi",), "isbn": ("isbn",), "issn": ("issn",), "pmid": ("pmid",),
    "pmcid": ("pmcid",), "url": ("url",), "language": ("language",),
    "accessed": ("urldate",), "abstract": ("abstract",), "note": ("note",),
    "annote": ("annote",),
}  # fmt: skip
#: Landings that are not Zotero fields but keep the value (model field -> landing).
ZOTERO_OTHER_LANDINGS: Final = {
    "pmid": "extra:PMID", "pmcid": "extra:PMCID", "note": "note", "annote": "note",
    "event_place": BIBTEXJS_EVENT_PLACE,
}  # fmt: skip
#: Extra `bibtex:` fields passed on when BibTeX.js reads them; these land as
#: attachments, which Zotero would try to link to files that are not there.
BIBTEXJS_ATTACHMENTS: Final = frozenset({"file", "pdf", "path", "sentelink"})
