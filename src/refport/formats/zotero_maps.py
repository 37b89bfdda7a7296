"""refport's own mapping between its model and Zotero items, as data.

Zotero's schema says which fields and creator types an item type accepts
(`zotero_schema`); these tables say where each model field *wants* to go.
A value lands in the first candidate field that the item type accepts (through
its base-field mapping: a book section's `bookTitle` is its `publicationTitle`);
when none fits, it goes to Extra under its CSL variable name, which is how
Zotero itself carries data it has no field for.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from functools import cache
from typing import Final

from refport.formats.zotero_schema import (
    CSL_NAME_OF_CREATOR,
    TYPE_BASE_FIELDS,
    TYPE_CREATORS,
    TYPE_FIELDS,
)

#: CSL type -> Zotero item type. Zotero's own first choice where it has one;
#: for CSL types Zotero lacks, the item type with the most fitting fields
#: (the CSL type then goes to Extra as `type: ...`, which citeproc-js reads).
ITEM_TYPE_OF_CSL: Final[dict[str, str]] = {
    "article": "preprint",
    "article-journal": "journalArticle",
    "article-magazine": "magazineArticle",
    "article-newspaper": "newspaperArticle",
    "bill": "bill",
    "book": "book",
    "broadcast": "tvBroadcast",
    "chapter": "bookSection",
    "classic": "book",
    "collection": "book",
    "dataset": "dataset",
    "document": "document",
    "entry": "encyclopediaArticle",
    "entry-dictionary": "dictionaryEntry",
    "entry-encyclopedia": "encyclopediaArticle",
    "event": "presentation",
    "figure": "artwork",
    "graphic": "artwork",
    "hearing": "hearing",
    "interview": "interview",
    "legal_case": "case",
    "legislation": "statute",
    "manuscript": "manuscript",
    "map": "map",
    "motion_picture": "film",
    "musical_score": "document",
    "pamphlet": "book",
    "paper-conference": "conferencePaper",
    "patent": "patent",
    "performance": "presentation",
    "periodical": "document",
    "personal_communication": "letter",
    "post": "forumPost",
    "post-weblog": "blogPost",
    "regulation": "statute",
    "report": "report",
    "review": "journalArticle",
    "review-book": "journalArticle",
    "software": "computerProgram",
    "song": "audioRecording",
    "speech": "presentation",
    "standard": "standard",
    "thesis": "thesis",
    "treaty": "document",
    "webpage": "webpage",
}

#: Zotero item type -> CSL type when reading (Zotero's own CSL export mapping).
CSL_TYPE_OF_ITEM: Final[dict[str, str]] = {
    "artwork": "graphic", "audioRecording": "song", "bill": "bill", "blogPost": "post-weblog",
    "book": "book", "bookSection": "chapter", "case": "legal_case",
    "computerProgram": "software", "conferencePaper": "paper-conference", "dataset": "dataset",
    "dictionaryEntry": "entry-dictionary", "document": "document",
    "email": "personal_communication",
    "encyclopediaArticle": "entry-encyclopedia", "film": "motion_picture",
    "forumPost": "post", "hearing": "hearing", "instantMessage": "personal_communication",
    "interview": "interview", "journalArticle": "article-journal",
    "letter": "personal_communication",
    "magazineArticle": "article-magazine", "manuscript": "manuscript", "map": "map",
    "newspaperArticle": "article-newspaper", "patent": "patent", "podcast": "broadcast",
    "preprint": "article", "presentation": "speech", "radioBroadcast": "broadcast",
    "report": "report", "standard": "standard", "statute": "legislation", "thesis": "thesis",
    "tvBroadcast": "broadcast", "videoRecording": "motion_picture", "webpage": "webpage",
}  # fmt: skip

#: Model field -> CSL variable (the Extra key when Zotero has no field for it).
CSL_VARIABLE_OF_FIELD: Final[dict[str, str]] = {
    "title": "title", "title_short": "title-short", "container_title": "container-title",
    "container_title_short": "container-title-short", "collection_title": "collection-title",
    "collection_number": "collection-number", "original_title": "original-title",
    "volume": "volume", "issue": "issue", "page": "page", "number_of_pages": "number-of-pages",
    "number_of_volumes": "number-of-volumes", "edition": "edition",
    "chapter_number": "chapter-number", "section": "section", "publisher": "publisher",
    "publisher_place": "publisher-place", "original_publisher": "original-publisher",
    "original_publisher_place": "original-publisher-place", "event_title": "event-title",
    "event_place": "event-place", "genre": "genre", "medium": "medium", "status": "status",
    "number": "number", "version": "version", "authority": "authority", "archive": "archive",
    "archive_location": "archive_location", "call_number": "call-number", "source": "source",
    "doi": "DOI", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID", "pmcid": "PMCID", "url": "URL",
    "language": "language", "abstract": "abstract", "annote": "annote",
    "year_suffix": "year-suffix",
    "issued": "issued", "accessed": "accessed", "original_date": "original-date",
    "event_date": "event-date",
}  # fmt: skip

#: Model field -> Zotero fields to try, in order (base-field names resolve
#: per item type). From the schema's `csl.fields`, plus `journalAbbreviation`.
FIELD_CANDIDATES: Final[dict[str, tuple[str, ...]]] = {
    "title": ("title",),
    "title_short": ("shortTitle",),
    "container_title": ("publicationTitle", "reporter", "code"),
    "container_title_short": ("journalAbbreviation",),
    "collection_title": ("seriesTitle", "series"),
    "collection_number": ("seriesNumber",),
    "original_title": (),
    "volume": ("volume", "codeNumber"),
    "issue": ("issue", "priorityNumbers"),
    "page": ("pages",),
    "number_of_pages": ("numPages",),
    "number_of_volumes": ("numberOfVolumes",),
    "edition": ("edition",),
    "chapter_number": ("session",),
    "section": ("section", "committee"),
    "publisher": ("publisher",),
    "publisher_place": ("place",),
    "original_publisher": ("originalPublisher",),
    "original_publisher_place": ("originalPlace",),
    "event_title": ("meetingName", "conferenceName"),
    "event_place": ("eventPlace",),
    "genre": ("type", "programmingLanguage"),
    "medium": ("medium", "system"),
    "status": ("status",),
    "number": ("number",),
    "version": ("versionNumber",),
    "authority": ("authority",),
    "archive": ("archive",),
    "archive_location": ("archiveLocation",),
    "call_number": ("callNumber", "applicationNumber"),
    "source": ("libraryCatalog",),
    "doi": ("DOI",),
    "isbn": ("ISBN",),
    "issn": ("ISSN",),
    "pmid": ("PMID",),
    "pmcid": ("PMCID",),
    "url": ("url",),
    "language": ("language",),
    "abstract": ("abstractNote",),
    "annote": (),
    "year_suffix": (),
    "issued": ("date",),
    "accessed": ("accessDate",),
    "original_date": ("originalDate",),
    "event_date": (),
}

#: Item types whose `place` Zotero exports as CSL `event-place` (a temporary
#: hack in Zotero's `itemToCSLJSON`); refport follows it so that Zotero's own
#: CSL export gives back what refport wrote.
EVENT_PLACE_TYPES: Final = frozenset({"audioRecording", "presentation", "videoRecording"})
EVENT_PLACE_OVERRIDES: Final[dict[str, tuple[str, ...]]] = {
    "event_place": ("place",),
    "publisher_place": (),
}

#: CSL name role -> Zotero creator types to try, in order (the inverse of the
#: schema's `csl.names`). `author` may also take the item type's primary
#: creator type when Zotero exports that type as CSL `author` (artist, inventor...).
ROLE_CREATOR_TYPES: Final[dict[str, tuple[str, ...]]] = {
    "author": ("author", "creator"),
    "editor": ("editor",),
    "translator": ("translator",),
    "container-author": ("bookAuthor",),
    "collection-editor": ("seriesEditor",),
    "editorial-director": (),
    "director": ("director",),
    "interviewer": ("interviewer",),
    "recipient": ("recipient",),
    "reviewed-author": ("reviewedAuthor",),
    "original-author": ("originalCreator",),
    "compiler": (),
    "composer": ("composer",),
    "contributor": ("contributor",),
    "curator": (),
    "chair": ("chair",),
    "executive-producer": ("executiveProducer",),
    "guest": ("guest",),
    "host": ("host", "podcaster"),
    "illustrator": (),
    "narrator": ("narrator",),
    "organizer": ("organizer",),
    "performer": ("castMember",),
    "producer": ("producer",),
    "script-writer": ("scriptwriter",),
    "series-creator": ("seriesCreator",),
}

#: The model's date fields and its plain text fields that have a Zotero slot table.
DATE_FIELD_NAMES: Final = ("issued", "accessed", "original_date", "event_date")


def resolve_field(item_type: str, candidate: str) -> str | None:
    """The field of `item_type` that stands for `candidate`, if it has one."""
    mapped = TYPE_BASE_FIELDS.get(item_type, {}).get(candidate)
    if mapped is not None:
        return mapped
    return candidate if candidate in TYPE_FIELDS.get(item_type, ()) else None


def field_candidates(item_type: str, model_field: str) -> tuple[str, ...]:
    if item_type in EVENT_PLACE_TYPES and model_field in EVENT_PLACE_OVERRIDES:
        return EVENT_PLACE_OVERRIDES[model_field]
    return FIELD_CANDIDATES[model_field]


def slot_of(item_type: str, model_field: str) -> str | None:
    """The Zotero field a model field lands in for this item type, or None (Extra)."""
    for candidate in field_candidates(item_type, model_field):
        resolved = resolve_field(item_type, candidate)
        if resolved is not None:
            return resolved
    return None


def slots_of_type(item_type: str) -> dict[str, str]:
    """Zotero field -> model field, for reading one item type."""
    slots: dict[str, str] = {}
    for model_field in FIELD_CANDIDATES:
        slot = slot_of(item_type, model_field)
        if slot is not None:
            slots[slot] = model_field
    return slots


@cache
def fallback_slots(item_type: str) -> Mapping[str, str]:
    """Zotero field -> model field, for a later candidate that an item type has
    beside the model field's slot (a journal article's `series` beside its
    `seriesTitle`). Zotero's CSL export takes such a field for the same
    variable when the slot is empty, and so does refport's reader."""
    fallbacks: dict[str, str] = {}
    for model_field in FIELD_CANDIDATES:
        slot = slot_of(item_type, model_field)
        for candidate in field_candidates(item_type, model_field):
            resolved = resolve_field(item_type, candidate)
            if resolved is not None and resolved != slot:
                fallbacks.setdefault(resolved, model_field)
    return fallbacks


def read_as_model_field(item_type: str, field: str, filled: Container[str]) -> bool:
    """Whether refport's reader takes this field of an item as a model field,
    given the fields the item has filled (a fallback only when the slot is empty)."""
    if field in slots_of_type(item_type):
        return True
    model_field = fallback_slots(item_type).get(field)
    return model_field is not None and slot_of(item_type, model_field) not in filled


def primary_creator_type(item_type: str) -> str | None:
    creators = TYPE_CREATORS.get(item_type, ())
    return creators[0] if creators else None


def creator_type_for(item_type: str, role: str) -> str | None:
    """The creator type a CSL role takes in this item type, or None (Extra)."""
    allowed = TYPE_CREATORS.get(item_type, ())
    for candidate in ROLE_CREATOR_TYPES.get(role, ()):
        if candidate in allowed:
            return candidate
    primary = primary_creator_type(item_type)
    if role == "author" and primary is not None and primary not in CSL_NAME_OF_CREATOR:
        return primary
    return None


def role_of_creator_type(item_type: str, creator_type: str) -> str | None:
    """The CSL role Zotero's own CSL export gives a creator type, or None."""
    role = CSL_NAME_OF_CREATOR.get(creator_type)
    if role is not None:
        return role
    return "author" if creator_type == primary_creator_type(item_type) else None
