"""Zotero's item types, fields and creator types as literal tables.

Generated once from zotero-schema.json (zotero/zotero-schema, schema version 41) so that the
installed library never reads the schema file; tests check these tables against it.
"""

from __future__ import annotations

from typing import Final

SCHEMA_VERSION: Final = 41

#: Fields each regular item type accepts, in Zotero's display order.
TYPE_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "artwork": (
        "title", "abstractNote", "artworkMedium", "artworkSize", "date", "eventPlace", "DOI",
        "citationKey", "url", "accessDate", "archive", "archiveLocation", "shortTitle",
        "language", "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "audioRecording": (
        "title", "abstractNote", "audioRecordingFormat", "seriesTitle", "volume",
        "numberOfVolumes", "label", "place", "date", "runningTime", "ISBN", "DOI", "citationKey",
        "url", "accessDate", "archive", "archiveLocation", "shortTitle", "language",
        "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "bill": (
        "title", "abstractNote", "billNumber", "code", "codeVolume", "section", "codePages",
        "legislativeBody", "session", "history", "date", "DOI", "citationKey", "url",
        "accessDate", "shortTitle", "language", "rights", "extra",
    ),
    "blogPost": (
        "title", "abstractNote", "blogTitle", "websiteType", "date", "DOI", "citationKey", "url",
        "accessDate", "ISSN", "shortTitle", "language", "rights", "extra",
    ),
    "book": (
        "title", "abstractNote", "series", "seriesNumber", "volume", "numberOfVolumes", "edition",
        "date", "publisher", "place", "originalDate", "originalPublisher", "originalPlace",
        "format", "numPages", "ISBN", "DOI", "citationKey", "url", "accessDate", "ISSN",
        "archive", "archiveLocation", "shortTitle", "language", "libraryCatalog", "callNumber",
        "rights", "extra",
    ),
    "bookSection": (
        "title", "abstractNote", "bookTitle", "series", "seriesNumber", "volume",
        "numberOfVolumes", "edition", "date", "publisher", "place", "originalDate",
        "originalPublisher", "originalPlace", "format", "pages", "ISBN", "DOI", "citationKey",
        "url", "accessDate", "ISSN", "archive", "archiveLocation", "shortTitle", "language",
        "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "case": (
        "caseName", "abstractNote", "court", "dateDecided", "docketNumber", "reporter",
        "reporterVolume", "firstPage", "history", "DOI", "citationKey", "url", "accessDate",
        "shortTitle", "language", "rights", "extra",
    ),
    "computerProgram": (
        "title", "abstractNote", "seriesTitle", "versionNumber", "date", "system", "company",
        "place", "programmingLanguage", "rights", "citationKey", "url", "accessDate", "DOI",
        "ISBN", "archive", "archiveLocation", "libraryCatalog", "callNumber", "shortTitle",
        "extra",
    ),
    "conferencePaper": (
        "title", "abstractNote", "proceedingsTitle", "conferenceName", "publisher", "place",
        "date", "eventPlace", "volume", "issue", "numberOfVolumes", "pages", "series",
        "seriesNumber", "DOI", "ISBN", "citationKey", "url", "accessDate", "ISSN", "archive",
        "archiveLocation", "shortTitle", "language", "libraryCatalog", "callNumber", "rights",
        "extra",
    ),
    "dataset": (
        "title", "abstractNote", "identifier", "type", "versionNumber", "date", "repository",
        "repositoryLocation", "format", "DOI", "citationKey", "url", "accessDate", "archive",
        "archiveLocation", "shortTitle", "language", "libraryCatalog", "callNumber", "rights",
        "extra",
    ),
    "dictionaryEntry": (
        "title", "abstractNote", "dictionaryTitle", "series", "seriesNumber", "volume",
        "numberOfVolumes", "edition", "date", "publisher", "place", "pages", "ISBN", "DOI",
        "citationKey", "url", "accessDate", "archive", "archiveLocation", "shortTitle",
        "language", "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "document": (
        "title", "abstractNote", "type", "date", "publisher", "place", "DOI", "citationKey",
        "url", "accessDate", "archive", "archiveLocation", "shortTitle", "language",
        "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "email": (
        "subject", "abstractNote", "date", "DOI", "citationKey", "url", "accessDate",
        "shortTitle", "language", "rights", "extra",
    ),
    "encyclopediaArticle": (
        "title", "abstractNote", "encyclopediaTitle", "series", "seriesNumber", "volume",
        "numberOfVolumes", "edition", "date", "publisher", "place", "pages", "ISBN", "DOI",
        "citationKey", "url", "accessDate", "archive", "archiveLocation", "shortTitle",
        "language", "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "film": (
        "title", "abstractNote", "distributor", "place", "date", "genre", "videoRecordingFormat",
        "runningTime", "DOI", "citationKey", "url", "accessDate", "archive", "archiveLocation",
        "shortTitle", "language", "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "forumPost": (
        "title", "abstractNote", "forumTitle", "postType", "date", "DOI", "citationKey", "url",
        "accessDate", "shortTitle", "language", "rights", "extra",
    ),
    "hearing": (
        "title", "abstractNote", "committee", "publisher", "numberOfVolumes", "documentNumber",
        "pages", "legislativeBody", "session", "history", "date", "place", "DOI", "citationKey",
        "url", "accessDate", "shortTitle", "language", "rights", "extra",
    ),
    "instantMessage": (
        "title", "abstractNote", "date", "DOI", "citationKey", "url", "accessDate", "shortTitle",
        "language", "rights", "extra",
    ),
    "interview": (
        "title", "abstractNote", "interviewMedium", "date", "publisher", "place", "DOI",
        "citationKey", "url", "accessDate", "archive", "archiveLocation", "shortTitle",
        "language", "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "journalArticle": (
        "title", "abstractNote", "publicationTitle", "publisher", "place", "date", "volume",
        "issue", "section", "partNumber", "partTitle", "pages", "series", "seriesTitle",
        "seriesText", "journalAbbreviation", "DOI", "citationKey", "url", "accessDate", "PMID",
        "PMCID", "ISSN", "archive", "archiveLocation", "shortTitle", "language", "libraryCatalog",
        "callNumber", "rights", "extra",
    ),
    "letter": (
        "title", "abstractNote", "letterType", "date", "eventPlace", "DOI", "citationKey", "url",
        "accessDate", "archive", "archiveLocation", "shortTitle", "language", "libraryCatalog",
        "callNumber", "rights", "extra",
    ),
    "magazineArticle": (
        "title", "abstractNote", "publicationTitle", "publisher", "place", "date", "volume",
        "issue", "pages", "ISSN", "DOI", "citationKey", "url", "accessDate", "archive",
        "archiveLocation", "shortTitle", "language", "libraryCatalog", "callNumber", "rights",
        "extra",
    ),
    "manuscript": (
        "title", "abstractNote", "manuscriptType", "institution", "place", "date", "numPages",
        "number", "DOI", "citationKey", "url", "accessDate", "archive", "archiveLocation",
        "shortTitle", "language", "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "map": (
        "title", "abstractNote", "mapType", "scale", "seriesTitle", "edition", "publisher",
        "place", "date", "DOI", "ISBN", "citationKey", "url", "accessDate", "archive",
        "archiveLocation", "shortTitle", "language", "libraryCatalog", "callNumber", "rights",
        "extra",
    ),
    "newspaperArticle": (
        "title", "abstractNote", "publicationTitle", "publisher", "place", "date", "volume",
        "issue", "edition", "section", "pages", "ISSN", "DOI", "citationKey", "url", "accessDate",
        "archive", "archiveLocation", "shortTitle", "language", "libraryCatalog", "callNumber",
        "rights", "extra",
    ),
    "patent": (
        "title", "abstractNote", "place", "country", "assignee", "issuingAuthority",
        "patentNumber", "filingDate", "pages", "applicationNumber", "priorityNumbers",
        "issueDate", "priorityDate", "references", "legalStatus", "DOI", "citationKey", "url",
        "accessDate", "shortTitle", "language", "rights", "extra",
    ),
    "podcast": (
        "title", "abstractNote", "seriesTitle", "episodeNumber", "audioFileType", "date",
        "publisher", "place", "runningTime", "DOI", "citationKey", "url", "accessDate",
        "shortTitle", "language", "rights", "extra",
    ),
    "preprint": (
        "title", "abstractNote", "genre", "repository", "archiveID", "place", "date", "series",
        "seriesNumber", "DOI", "citationKey", "url", "accessDate", "archive", "archiveLocation",
        "shortTitle", "language", "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "presentation": (
        "title", "abstractNote", "presentationType", "date", "meetingName", "place", "series",
        "sessionTitle", "DOI", "citationKey", "url", "accessDate", "shortTitle", "language",
        "rights", "extra",
    ),
    "radioBroadcast": (
        "title", "abstractNote", "programTitle", "episodeNumber", "audioRecordingFormat",
        "network", "place", "date", "runningTime", "DOI", "citationKey", "url", "accessDate",
        "archive", "archiveLocation", "shortTitle", "language", "libraryCatalog", "callNumber",
        "rights", "extra",
    ),
    "report": (
        "title", "abstractNote", "reportNumber", "reportType", "institution", "place", "date",
        "seriesTitle", "seriesNumber", "pages", "DOI", "ISBN", "citationKey", "url", "accessDate",
        "ISSN", "archive", "archiveLocation", "shortTitle", "language", "libraryCatalog",
        "callNumber", "rights", "extra",
    ),
    "standard": (
        "title", "abstractNote", "organization", "committee", "type", "number", "versionNumber",
        "edition", "status", "date", "publisher", "place", "partNumber", "partTitle", "ISBN",
        "DOI", "citationKey", "url", "accessDate", "archive", "archiveLocation", "shortTitle",
        "numPages", "language", "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "statute": (
        "nameOfAct", "abstractNote", "code", "codeNumber", "publicLawNumber", "dateEnacted",
        "pages", "section", "session", "history", "DOI", "citationKey", "url", "accessDate",
        "shortTitle", "language", "rights", "extra",
    ),
    "thesis": (
        "title", "abstractNote", "thesisType", "university", "place", "date", "series",
        "seriesNumber", "numPages", "DOI", "ISBN", "citationKey", "url", "accessDate", "ISSN",
        "archive", "archiveLocation", "shortTitle", "language", "libraryCatalog", "callNumber",
        "rights", "extra",
    ),
    "tvBroadcast": (
        "title", "abstractNote", "programTitle", "episodeNumber", "videoRecordingFormat",
        "network", "place", "date", "runningTime", "DOI", "citationKey", "url", "accessDate",
        "archive", "archiveLocation", "shortTitle", "language", "libraryCatalog", "callNumber",
        "rights", "extra",
    ),
    "videoRecording": (
        "title", "abstractNote", "videoRecordingFormat", "seriesTitle", "volume",
        "numberOfVolumes", "studio", "place", "date", "runningTime", "ISBN", "DOI", "citationKey",
        "url", "accessDate", "archive", "archiveLocation", "shortTitle", "language",
        "libraryCatalog", "callNumber", "rights", "extra",
    ),
    "webpage": (
        "title", "abstractNote", "websiteTitle", "websiteType", "date", "publisher", "place",
        "DOI", "citationKey", "url", "accessDate", "shortTitle", "language", "rights", "extra",
    ),
}  # fmt: skip

#: Type-specific fields standing for a base field ("bookTitle" is the book
#: section's `publicationTitle`), per item type: base field -> type field.
TYPE_BASE_FIELDS: Final[dict[str, dict[str, str]]] = {
    "artwork": {"medium": "artworkMedium"},
    "audioRecording": {"medium": "audioRecordingFormat", "publisher": "label"},
    "bill": {
        "number": "billNumber",
        "volume": "codeVolume",
        "pages": "codePages",
        "authority": "legislativeBody",
    },
    "blogPost": {"publicationTitle": "blogTitle", "type": "websiteType"},
    "book": {"medium": "format"},
    "bookSection": {"publicationTitle": "bookTitle", "medium": "format"},
    "case": {
        "title": "caseName",
        "authority": "court",
        "date": "dateDecided",
        "number": "docketNumber",
        "volume": "reporterVolume",
        "pages": "firstPage",
    },
    "computerProgram": {"publisher": "company"},
    "conferencePaper": {"publicationTitle": "proceedingsTitle"},
    "dataset": {
        "number": "identifier",
        "publisher": "repository",
        "place": "repositoryLocation",
        "medium": "format",
    },
    "dictionaryEntry": {"publicationTitle": "dictionaryTitle"},
    "email": {"title": "subject"},
    "encyclopediaArticle": {"publicationTitle": "encyclopediaTitle"},
    "film": {"publisher": "distributor", "type": "genre", "medium": "videoRecordingFormat"},
    "forumPost": {"publicationTitle": "forumTitle", "type": "postType"},
    "hearing": {"number": "documentNumber", "authority": "legislativeBody"},
    "interview": {"medium": "interviewMedium"},
    "letter": {"type": "letterType"},
    "manuscript": {"type": "manuscriptType", "publisher": "institution"},
    "map": {"type": "mapType"},
    "patent": {
        "authority": "issuingAuthority",
        "number": "patentNumber",
        "date": "issueDate",
        "originalDate": "priorityDate",
        "status": "legalStatus",
    },
    "podcast": {"number": "episodeNumber", "medium": "audioFileType"},
    "preprint": {"type": "genre", "publisher": "repository", "number": "archiveID"},
    "presentation": {"type": "presentationType", "publicationTitle": "sessionTitle"},
    "radioBroadcast": {
        "publicationTitle": "programTitle",
        "number": "episodeNumber",
        "medium": "audioRecordingFormat",
        "publisher": "network",
    },
    "report": {"number": "reportNumber", "type": "reportType", "publisher": "institution"},
    "standard": {"authority": "organization"},
    "statute": {"title": "nameOfAct", "number": "publicLawNumber", "date": "dateEnacted"},
    "thesis": {"type": "thesisType", "publisher": "university"},
    "tvBroadcast": {
        "publicationTitle": "programTitle",
        "number": "episodeNumber",
        "medium": "videoRecordingFormat",
        "publisher": "network",
    },
    "videoRecording": {"medium": "videoRecordingFormat", "publisher": "studio"},
    "webpage": {"publicationTitle": "websiteTitle", "type": "websiteType"},
}  # fmt: skip

#: Creator types each item type accepts; the first is the primary one.
TYPE_CREATORS: Final[dict[str, tuple[str, ...]]] = {
    "artwork": ("artist", "contributor",),
    "audioRecording": (
        "performer", "originalCreator", "composer", "wordsBy", "translator", "contributor",
    ),
    "bill": ("sponsor", "cosponsor", "contributor",),
    "blogPost": ("author", "translator", "commenter", "contributor",),
    "book": ("author", "contributor", "editor", "translator", "seriesEditor",),
    "bookSection": (
        "author", "contributor", "editor", "bookAuthor", "translator", "seriesEditor",
    ),
    "case": ("author", "counsel", "contributor",),
    "computerProgram": ("programmer", "contributor",),
    "conferencePaper": ("author", "contributor", "editor", "translator", "seriesEditor",),
    "dataset": ("author", "contributor",),
    "dictionaryEntry": ("author", "contributor", "editor", "translator", "seriesEditor",),
    "document": ("author", "contributor", "editor", "translator", "reviewedAuthor",),
    "email": ("author", "translator", "contributor", "recipient",),
    "encyclopediaArticle": ("author", "contributor", "editor", "translator", "seriesEditor",),
    "film": (
        "director", "producer", "scriptwriter", "castMember", "host", "guest", "narrator",
        "translator", "contributor",
    ),
    "forumPost": ("author", "contributor",),
    "hearing": ("contributor",),
    "instantMessage": ("author", "contributor", "recipient",),
    "interview": ("interviewee", "contributor", "interviewer", "translator",),
    "journalArticle": ("author", "contributor", "editor", "translator", "reviewedAuthor",),
    "letter": ("author", "recipient", "contributor", "translator",),
    "magazineArticle": ("author", "contributor", "translator", "reviewedAuthor",),
    "manuscript": ("author", "contributor", "translator",),
    "map": ("cartographer", "contributor", "seriesEditor",),
    "newspaperArticle": ("author", "contributor", "translator", "reviewedAuthor",),
    "patent": ("inventor", "attorneyAgent", "contributor",),
    "podcast": (
        "podcaster", "guest", "producer", "executiveProducer", "seriesCreator", "director",
        "scriptwriter", "castMember", "translator", "contributor",
    ),
    "preprint": ("author", "contributor", "editor", "translator", "reviewedAuthor",),
    "presentation": ("presenter", "chair", "organizer", "contributor", "translator",),
    "radioBroadcast": (
        "creator", "host", "guest", "producer", "executiveProducer", "seriesCreator", "director",
        "scriptwriter", "castMember", "translator", "contributor",
    ),
    "report": ("author", "editor", "contributor", "translator", "seriesEditor",),
    "standard": ("author", "editor", "contributor",),
    "statute": ("author", "contributor",),
    "thesis": ("author", "contributor",),
    "tvBroadcast": (
        "director", "producer", "executiveProducer", "seriesCreator", "scriptwriter",
        "castMember", "host", "guest", "narrator", "translator", "contributor",
    ),
    "videoRecording": (
        "creator", "director", "producer", "scriptwriter", "executiveProducer", "castMember",
        "host", "guest", "narrator", "translator", "contributor",
    ),
    "webpage": ("author", "contributor", "translator",),
}  # fmt: skip

#: Zotero's own CSL name mapping (creator type -> CSL name variable).
CSL_NAME_OF_CREATOR: Final[dict[str, str]] = {
    "author": "author",
    "bookAuthor": "container-author",
    "chair": "chair",
    "castMember": "performer",
    "composer": "composer",
    "contributor": "contributor",
    "creator": "author",
    "director": "director",
    "editor": "editor",
    "executiveProducer": "executive-producer",
    "guest": "guest",
    "host": "host",
    "interviewer": "interviewer",
    "narrator": "narrator",
    "originalCreator": "original-author",
    "organizer": "organizer",
    "podcaster": "host",
    "producer": "producer",
    "recipient": "recipient",
    "reviewedAuthor": "reviewed-author",
    "seriesCreator": "series-creator",
    "seriesEditor": "collection-editor",
    "scriptwriter": "script-writer",
    "translator": "translator",
}

#: Zotero's own CSL type mapping (CSL type -> item types, first preferred).
CSL_TYPE_TO_ITEM_TYPES: Final[dict[str, tuple[str, ...]]] = {
    "article": ("preprint",),
    "article-journal": ("journalArticle",),
    "article-magazine": ("magazineArticle",),
    "article-newspaper": ("newspaperArticle",),
    "bill": ("bill",),
    "book": ("book",),
    "broadcast": (
        "podcast",
        "tvBroadcast",
        "radioBroadcast",
    ),
    "chapter": ("bookSection",),
    "dataset": ("dataset",),
    "document": ("document",),
    "entry-dictionary": ("dictionaryEntry",),
    "entry-encyclopedia": ("encyclopediaArticle",),
    "graphic": ("artwork",),
    "hearing": ("hearing",),
    "interview": ("interview",),
    "legal_case": ("case",),
    "legislation": ("statute",),
    "manuscript": ("manuscript",),
    "map": ("map",),
    "motion_picture": (
        "film",
        "videoRecording",
    ),
    "paper-conference": ("conferencePaper",),
    "patent": ("patent",),
    "personal_communication": (
        "letter",
        "email",
        "instantMessage",
    ),
    "post": ("forumPost",),
    "post-weblog": ("blogPost",),
    "report": ("report",),
    "software": ("computerProgram",),
    "song": ("audioRecording",),
    "speech": ("presentation",),
    "standard": ("standard",),
    "thesis": ("thesis",),
    "webpage": ("webpage",),
}

#: Zotero's own CSL text mapping (CSL variable -> fields, first preferred).
CSL_TEXT_TO_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "abstract": ("abstractNote",),
    "archive": ("archive",),
    "archive_location": ("archiveLocation",),
    "authority": ("authority",),
    "call-number": (
        "callNumber",
        "applicationNumber",
    ),
    "chapter-number": ("session",),
    "citation-key": ("citationKey",),
    "collection-number": ("seriesNumber",),
    "collection-title": (
        "seriesTitle",
        "series",
    ),
    "container-title": (
        "publicationTitle",
        "reporter",
        "code",
    ),
    "dimensions": (
        "artworkSize",
        "runningTime",
    ),
    "DOI": ("DOI",),
    "edition": ("edition",),
    "event-place": ("eventPlace",),
    "event-title": (
        "meetingName",
        "conferenceName",
    ),
    "genre": (
        "type",
        "programmingLanguage",
    ),
    "ISBN": ("ISBN",),
    "ISSN": ("ISSN",),
    "issue": (
        "issue",
        "priorityNumbers",
    ),
    "journalAbbreviation": ("journalAbbreviation",),
    "language": ("language",),
    "license": ("rights",),
    "medium": (
        "medium",
        "system",
    ),
    "note": ("extra",),
    "number": ("number",),
    "number-of-pages": ("numPages",),
    "number-of-volumes": ("numberOfVolumes",),
    "original-publisher": ("originalPublisher",),
    "original-publisher-place": ("originalPlace",),
    "part-number": ("partNumber",),
    "part-title": ("partTitle",),
    "page": ("pages",),
    "PMID": ("PMID",),
    "PMCID": ("PMCID",),
    "publisher": ("publisher",),
    "publisher-place": ("place",),
    "references": (
        "history",
        "references",
    ),
    "scale": ("scale",),
    "section": (
        "section",
        "committee",
    ),
    "shortTitle": ("shortTitle",),
    "source": ("libraryCatalog",),
    "status": ("status",),
    "title": ("title",),
    "title-short": ("shortTitle",),
    "URL": ("url",),
    "version": ("versionNumber",),
    "volume": (
        "volume",
        "codeNumber",
    ),
}

#: Zotero's own CSL date mapping (CSL variable -> base date field).
CSL_DATE_TO_FIELD: Final[dict[str, str]] = {
    "accessed": "accessDate",
    "issued": "date",
    "submitted": "filingDate",
    "original-date": "originalDate",
}
