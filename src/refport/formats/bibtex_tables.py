"""The BibTeX/biblatex mapping tables: data, not code.

`bibtex.mapping_table_markdown()` renders these for the README, so what the
documentation says is what the reader and writer do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# --- entry types --------------------------------------------------------------

#: BibTeX/biblatex entry type -> (CSL type, genre implied by the type).
READ_TYPES: Final[dict[str, tuple[str, str | None]]] = {
    "article": ("article-journal", None),
    "book": ("book", None),
    "mvbook": ("book", None),
    "booklet": ("pamphlet", None),
    "inbook": ("chapter", None),
    "bookinbook": ("chapter", None),
    "suppbook": ("chapter", None),
    "incollection": ("chapter", None),
    "suppcollection": ("chapter", None),
    "collection": ("book", None),
    "mvcollection": ("book", None),
    "inproceedings": ("paper-conference", None),
    "conference": ("paper-conference", None),
    "proceedings": ("book", None),
    "mvproceedings": ("book", None),
    "manual": ("book", None),
    "mastersthesis": ("thesis", "Master's thesis"),
    "phdthesis": ("thesis", "PhD thesis"),
    "thesis": ("thesis", None),
    "misc": ("document", None),
    "online": ("webpage", None),
    "electronic": ("webpage", None),
    "www": ("webpage", None),
    "report": ("report", None),
    "techreport": ("report", None),
    "unpublished": ("manuscript", None),
    "periodical": ("periodical", None),
    "suppperiodical": ("article-journal", None),
    "patent": ("patent", None),
    "dataset": ("dataset", None),
    "software": ("software", None),
    "reference": ("book", None),
    "mvreference": ("book", None),
    "inreference": ("entry-encyclopedia", None),
    "review": ("review", None),
    "standard": ("standard", None),
    "artwork": ("graphic", None),
    "image": ("graphic", None),
    "audio": ("song", None),
    "music": ("song", None),
    "video": ("motion_picture", None),
    "movie": ("motion_picture", None),
    "letter": ("personal_communication", None),
    "performance": ("performance", None),
    "legislation": ("legislation", None),
    "legal": ("legislation", None),
    "jurisdiction": ("legal_case", None),
}

#: CSL type -> (BibTeX type, biblatex type). Theses in the BibTeX dialect are
#: chosen by genre (see `THESIS_GENRES`).
WRITE_TYPES: Final[dict[str, tuple[str, str]]] = {
    "article-journal": ("article", "article"),
    "article-magazine": ("article", "article"),
    "article-newspaper": ("article", "article"),
    "article": ("misc", "online"),
    "review": ("article", "review"),
    "review-book": ("article", "review"),
    "book": ("book", "book"),
    "classic": ("book", "book"),
    "chapter": ("incollection", "incollection"),
    "paper-conference": ("inproceedings", "inproceedings"),
    "pamphlet": ("booklet", "booklet"),
    "thesis": ("phdthesis", "thesis"),
    "report": ("techreport", "report"),
    "manuscript": ("unpublished", "unpublished"),
    "periodical": ("periodical", "periodical"),
    "webpage": ("misc", "online"),
    "post": ("misc", "online"),
    "post-weblog": ("misc", "online"),
    "document": ("misc", "misc"),
    "dataset": ("misc", "dataset"),
    "software": ("misc", "software"),
    "patent": ("patent", "patent"),
    "entry": ("incollection", "inreference"),
    "entry-dictionary": ("incollection", "inreference"),
    "entry-encyclopedia": ("incollection", "inreference"),
    "standard": ("techreport", "standard"),
    "graphic": ("misc", "artwork"),
    "song": ("misc", "audio"),
    "motion_picture": ("misc", "video"),
    "broadcast": ("misc", "video"),
    "personal_communication": ("misc", "letter"),
    "performance": ("misc", "performance"),
    "legislation": ("misc", "legislation"),
    "legal_case": ("misc", "jurisdiction"),
}

#: biblatex `entrysubtype` values that name a CSL type for @article.
ARTICLE_SUBTYPES: Final = {"magazine": "article-magazine", "newspaper": "article-newspaper"}

#: Thesis genre: (BibTeX type, biblatex `type` key, default genre, pattern).
THESIS_GENRES: Final = (
    ("phdthesis", "phdthesis", "PhD thesis", r"ph\.?\s?d|doctor|dissertation"),
    ("mastersthesis", "mathesis", "Master's thesis", r"master|\bm\.?\s?a\b|\bm\.?\s?sc?\b"),
)

# --- fields -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldRule:
    """One model field and the BibTeX field(s) it is read from and written as.

    `kind`: how the value is decoded: "rich" (CSL markup), "plain" (Unicode,
    no markup), "verbatim" (URLs, DOIs: no LaTeX decoding), "date", "pages".
    `aliases` are read-only names (first present wins).
    """

    model: str
    bibtex: str
    biblatex: str
    kind: str = "plain"
    aliases: tuple[str, ...] = ()


FIELD_RULES: Final = (
    FieldRule("title", "title", "title", "rich"),
    FieldRule("title_short", "shorttitle", "shorttitle", "rich"),
    FieldRule("container_title_short", "shortjournal", "shortjournal", "rich"),
    FieldRule("collection_title", "series", "series", "rich"),
    FieldRule("original_title", "origtitle", "origtitle", "rich"),
    FieldRule("event_title", "eventtitle", "eventtitle", "rich"),
    FieldRule("event_place", "venue", "venue"),
    FieldRule("event_date", "eventdate", "eventdate", "date"),
    FieldRule("original_date", "origdate", "origdate", "date"),
    FieldRule("volume", "volume", "volume"),
    FieldRule("page", "pages", "pages", "pages"),
    FieldRule("number_of_pages", "pagetotal", "pagetotal"),
    FieldRule("number_of_volumes", "volumes", "volumes"),
    FieldRule("edition", "edition", "edition"),
    FieldRule("chapter_number", "chapter", "chapter"),
    FieldRule("section", "section", "section"),
    FieldRule("publisher_place", "address", "location", "plain", ("address", "location")),
    FieldRule("original_publisher", "origpublisher", "origpublisher"),
    FieldRule("original_publisher_place", "origlocation", "origlocation"),
    FieldRule("genre", "type", "type"),
    FieldRule("medium", "howpublished", "howpublished"),
    FieldRule("status", "pubstate", "pubstate"),
    FieldRule("version", "version", "version"),
    FieldRule("authority", "authority", "authority"),
    FieldRule("archive", "archive", "archive"),
    FieldRule("archive_location", "archive-location", "archive-location"),
    FieldRule("call_number", "library", "library"),
    FieldRule("source", "source", "source"),
    FieldRule("doi", "doi", "doi", "verbatim"),
    FieldRule("isbn", "isbn", "isbn"),
    FieldRule("issn", "issn", "issn"),
    FieldRule("pmid", "pmid", "pmid"),
    FieldRule("pmcid", "pmcid", "pmcid"),
    FieldRule("url", "url", "url", "verbatim"),
    FieldRule("accessed", "urldate", "urldate", "date"),
    FieldRule("abstract", "abstract", "abstract", "rich"),
    FieldRule("note", "note", "note", "rich"),
    FieldRule("annote", "annote", "annotation", "rich", ("annote", "annotation")),
    FieldRule("year_suffix", "year-suffix", "year-suffix"),
)

#: biblatex subtitles, joined to their title with ": " on read (a title ending
#: in ?, ! or : gets a space only); the writer writes the joined title.
SUBTITLES: Final = {
    "subtitle": "title",
    "booksubtitle": "booktitle",
    "journalsubtitle": "journaltitle",
}

#: crossref/xdata: what an "in" entry inherits from its parent under another name
#: (biblatex's rules); every other known field is inherited as itself.
INHERIT_RENAMES: Final = {
    "title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon",
    "author": "bookauthor",
}  # fmt: skip
#: Child types that take their parent's title as `booktitle`.
IN_TYPES: Final = frozenset(
    {"inbook", "bookinbook", "suppbook", "incollection", "suppcollection", "inproceedings",
     "inreference", "conference"}
)  # fmt: skip
#: Fields never inherited (they identify the parent itself).
NOT_INHERITED: Final = frozenset(
    {"crossref", "xref", "xdata", "ids", "key", "entryset", "label", "shorthand", "sortkey",
     "shorttitle", "entrysubtype"}
)  # fmt: skip

#: Fields whose BibTeX name depends on the entry type (handled in code, listed
#: here for the documentation): model field -> (BibTeX, biblatex, read aliases).
TYPED_FIELDS: Final = (
    ("container_title", "journal | booktitle", "journaltitle | booktitle",
     "journal, journaltitle, booktitle (booktitle first for chapters and papers)"),
    ("publisher", "publisher | school | institution | organization",
     "publisher | institution | organization",
     "school/institution for theses, institution for reports, organization for manuals"),
    ("issue / number / collection_number", "number", "number",
     "`number` is the issue for articles, the series number for books and chapters, "
     "the number otherwise; the others are written as issue, eid, seriesnumber"),
    ("issued", "year, month (+ date when a day, range or circa needs it)", "date",
     "date wins over year/month/day"),
    ("language", "language (as given)", "langid (babel name) or language",
     "langid is mapped from babel names to BCP 47"),
    ("keywords", "keywords", "keywords", "comma-separated list"),
)  # fmt: skip

#: Where `number` goes, by CSL type; other types use "number".
NUMBER_SLOT: Final = {
    **dict.fromkeys(
        ("article-journal", "article-magazine", "article-newspaper", "periodical", "review",
         "review-book"), "issue"),
    **dict.fromkeys(
        ("book", "chapter", "paper-conference", "classic", "entry", "entry-dictionary",
         "entry-encyclopedia", "pamphlet"), "collection_number"),
}  # fmt: skip

#: The BibTeX field each of issue/number/collection_number uses when `number` is taken.
NUMBER_FALLBACK: Final = {"issue": "issue", "number": "eid", "collection_number": "seriesnumber"}

#: CSL types whose container is a book (`booktitle`) rather than a journal.
BOOKTITLE_TYPES: Final = frozenset(
    {"chapter", "paper-conference", "entry", "entry-dictionary", "entry-encyclopedia"}
)

#: The field the publisher is written as, by BibTeX entry type (default: publisher).
PUBLISHER_FIELD: Final = {
    "bibtex": {"phdthesis": "school", "mastersthesis": "school", "thesis": "school",
               "techreport": "institution", "report": "institution", "manual": "organization"},
    "biblatex": {"thesis": "institution", "report": "institution", "manual": "organization",
                 "phdthesis": "institution", "mastersthesis": "institution"},
}  # fmt: skip
PUBLISHER_ALIASES: Final = ("publisher", "institution", "school", "organization")

#: Name fields: BibTeX field -> CSL role. Any other CSL role is written as a
#: field named after the role ("compiler", "illustrator", ...).
NAME_FIELDS: Final = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
}
#: biblatex's extra editor slots, whose role comes from `<slot>type`.
EDITOR_SLOTS: Final = ("editora", "editorb", "editorc")
EDITOR_TYPES: Final = {"editor": "editor", "serieseditor": "collection-editor"}

#: How model data without a BibTeX field is spelled (for the README).
CONVENTIONS: Final = (
    ("Reference.variants (title in ru-Latn)", "`title_ru-Latn = {...}` (field_BCP-47-tag)"),
    ("Name.variants (sr-Cyrl)", "`author_sr-Cyrl = {...}`, a parallel name list, `{}` for none"),
    ("Name.orcid", '`author+an:orcid = {1="0000-0002-1825-0097"}` (biblatex annotation)'),
    ("a list ending in \"and others\"", 'extra ("bibtex:(others)", role); written back'),
    ("@comment / @preamble / @string / @xdata",
     'extra ("bibtex:(before)" or "bibtex:(after)", source text); written back in place'),
    ("an entry type the CSL type would not restore", 'extra ("bibtex:(type)", type)'),
    ("a CSL type no entry type reads as", "`entrysubtype = {<CSL type>}`"),
    ("an unknown field", 'extra ("bibtex:<field>", raw value); written back verbatim'),
    ("a line pybtex could not read", 'extra ("bibtex:(unparsed)", line); not written, a warning'),
)  # fmt: skip

# --- months and languages -------------------------------------------------------

MONTH_MACROS: Final = ("jan", "feb", "mar", "apr", "may", "jun",
                       "jul", "aug", "sep", "oct", "nov", "dec")  # fmt: skip
MONTH_NAMES: Final = ("january", "february", "march", "april", "may", "june", "july",
                      "august", "september", "october", "november", "december")  # fmt: skip

#: babel/polyglossia language name <-> BCP 47 tag (one-to-one, used both ways).
BABEL_LANGUAGES: Final = {
    "english": "en", "american": "en-US", "british": "en-GB", "australian": "en-AU",
    "canadian": "en-CA", "russian": "ru", "ukrainian": "uk", "belarusian": "be",
    "serbian": "sr-Latn", "serbianc": "sr-Cyrl", "croatian": "hr", "bosnian": "bs",
    "slovene": "sl", "macedonian": "mk", "bulgarian": "bg", "czech": "cs",
    "slovak": "sk", "polish": "pl", "ngerman": "de", "naustrian": "de-AT",
    "nswissgerman": "de-CH", "french": "fr", "italian": "it", "spanish": "es",
    "catalan": "ca", "portuguese": "pt", "brazilian": "pt-BR", "dutch": "nl",
    "danish": "da", "swedish": "sv", "norsk": "nb", "nynorsk": "nn", "finnish": "fi",
    "estonian": "et", "latvian": "lv", "lithuanian": "lt", "hungarian": "hu",
    "romanian": "ro", "greek": "el", "turkish": "tr", "azerbaijani": "az",
    "georgian": "ka", "armenian": "hy", "hebrew": "he", "arabic": "ar", "persian": "fa",
    "latin": "la", "irish": "ga", "welsh": "cy", "icelandic": "is", "albanian": "sq",
    "chinese": "zh", "japanese": "ja", "korean": "ko", "kazakh": "kk", "uzbek": "uz",
    "hindi": "hi", "vietnamese": "vi", "thai": "th", "indonesian": "id",
}  # fmt: skip
#: Read-only babel names (older or alternative spellings).
BABEL_ALIASES: Final = {
    "german": "de", "austrian": "de-AT", "swissgerman": "de-CH", "UKenglish": "en-GB",
    "USenglish": "en-US", "slovenian": "sl", "norwegian": "nb", "francais": "fr",
    "portuges": "pt", "brazil": "pt-BR",
}  # fmt: skip
TAG_TO_BABEL: Final = {tag: babel for babel, tag in BABEL_LANGUAGES.items()}
