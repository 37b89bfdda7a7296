"""What Zotero's own import translators keep of each model field, as data.

Read from zotero/translators (`RIS.js`, `BibTeX.js`, `CSL JSON.js` at commit
2814370161d0, June 2026) and zotero/utilities (`utilities_item.js`
`itemFromCSLJSON`, commit 4051881d59c6). Each cell says where the value lands
in Zotero when refport's `--for zotero` writer follows the instruction in the
cell; `IMPORTERS.md` gives the reasoning and the sources line by line.

Status words: "kept" (a real Zotero field, or tags/creators), "in Extra",
"child note" (Zotero makes a separate note item; kept but not citable), "lost".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

KEPT: Final = "kept"
IN_EXTRA: Final = "in Extra"
CHILD_NOTE: Final = "child note"
LOST: Final = "lost"
STATUSES: Final = (KEPT, IN_EXTRA, CHILD_NOTE, LOST)


@dataclass(frozen=True, slots=True)
class Landing:
    status: str
    how: str


def _k(how: str) -> Landing:
    return Landing(KEPT, how)


def _x(how: str) -> Landing:
    return Landing(IN_EXTRA, how)


def _n(how: str) -> Landing:
    return Landing(CHILD_NOTE, how)


def _l(how: str) -> Landing:
    return Landing(LOST, how)


M2 = "`M2` line `{var}: value` (RIS.js maps M2 to Extra, one line each)"
NOTE = "`note` line `{var}: value` (CSL `note` is Zotero's Extra)"

#: model field -> (RIS, BibTeX, CSL-JSON), each as written by `--for zotero`.
IMPORTER_LANDINGS: Final[dict[str, tuple[Landing, Landing, Landing]]] = {
    "id": (_x(M2.format(var="citation-key")), _l("the key becomes `itemID`, never stored"),
           _k("`citation-key` -> `citationKey`")),
    "type": (_k("`TY` by Zotero's import map; CSL-only types also `M2 type: ...`"),
             _k("entry type by `bibtex2zoteroTypeMap`; unknown types drop the entry: write a "
                "mapped one"),
             _k("a type Zotero maps (else Zotero uses `document`); the CSL type as `type:` line")),
    "title": (_k("`TI`"), _k("`title` (`subtitle` is appended with ': ')"), _k("`title`")),
    "title_short": (_k("`ST`"), _k("`shorttitle`"), _k("`title-short`")),
    "container_title": (_k("`T2` (journal, book, website...), `C3` for proceedings"),
                        _k("`journal`/`journaltitle`, `booktitle`"),
                        _k("`container-title` where the type has it, else note line")),
    "container_title_short": (_k("`J2`"), _k("`shortjournal`"),
                              _k("`journalAbbreviation` key (not `container-title-short`)")),
    "collection_title": (_k("`T3` (`T2` for books)"), _k("`series`"),
                         _k("`collection-title`")),
    "collection_number": (_k("`M1` (books), `SV` (sections); else M2"),
                          _k("`number` on books/sections (seriesNumber); else lost"),
                          _k("`collection-number`")),
    "original_title": (_x(M2.format(var="original-title")), _l("no field, no Extra route"),
                       _x(NOTE.format(var="original-title"))),
    "creators": (_k("`AU`/`A2`/`A3`/`A4`/`C2` by type; roles the type lacks: M2 "
                    "`role: Family || Given`"),
                 _k("`author`, `editor`, `translator` only; other roles lost"),
                 _k("name arrays for roles the type allows; others as note lines (Zotero would "
                    "turn them into the primary creator)")),
    "organisations": (_k("`AU  - Name` without a comma: one-field name"),
                      _k("`{Name}` in braces: one-field name"), _k("`literal`")),
    "name_particles": (_k("in the name text: `van Gogh, Vincent`"), _k("in the name text"),
                       _k("folded into `family`/`given`; Zotero drops the particle keys")),
    "orcid": (_x(M2.format(var="refport-orcid")), _l("no route"),
              _x(NOTE.format(var="refport-orcid"))),
    "name_variants": (_x(M2.format(var="refport-name-variant")), _l("no route"),
                      _x(NOTE.format(var="refport-name-variant"))),
    "issued": (_k("`DA` as Zotero's date string (ranges, `~`, seasons pass verbatim)"),
               _k("`date` (biblatex) verbatim"), _k("`issued` date-parts, EDTF kept")),
    "accessed": (_k("`Y2` full date"), _k("`urldate`"), _k("`accessed`")),
    "original_date": (_x(M2.format(var="original-date")), _l("no route"),
                      _k("`original-date` (books, sections); else note line")),
    "event_date": (_x(M2.format(var="event-date")), _l("no route"),
                   _x(NOTE.format(var="event-date"))),
    "volume": (_k("`VL`"), _k("`volume`"), _k("`volume`")),
    "issue": (_k("`IS`"), _k("`number` (articles) / `issue`"), _k("`issue`")),
    "page": (_k("`SP`+`EP` (books: M2, SP is numPages there)"),
             _k("`pages` (books: lost, pages means numPages)"), _k("`page`")),
    "number_of_pages": (_k("`SP` for books/theses"), _k("`pagetotal`"),
                        _k("`number-of-pages`")),
    "number_of_volumes": (_k("`NV`"), _l("no field"), _k("`number-of-volumes`")),
    "edition": (_k("`ET`"), _k("`edition`"), _k("`edition`")),
    "chapter_number": (_x(M2.format(var="chapter-number")), _l("`chapter` means section"),
                       _x(NOTE.format(var="chapter-number"))),
    "section": (_k("`SE`"), _k("`chapter` -> section"), _k("`section`")),
    "publisher": (_k("`PB`"), _k("`publisher`/`school`/`institution`"), _k("`publisher`")),
    "publisher_place": (_k("`CY`"), _k("`address`/`location`"), _k("`publisher-place`")),
    "original_publisher": (_x(M2.format(var="original-publisher")), _l("no route"),
                           _k("`original-publisher` (books)")),
    "original_publisher_place": (_x(M2.format(var="original-publisher-place")),
                                 _l("no route"), _k("`original-publisher-place` (books)")),
    "event_title": (_k("`T2` for conference papers"), _k("`eventtitle`"),
                    _k("`event-title`")),
    "event_place": (_x(M2.format(var="event-place") + "; `C1` would land in `place`"),
                    _x("`location` on @inproceedings -> `event-place:` line"),
                    _k("`event-place` where the type has it")),
    "genre": (_k("`M3` (thesis/report type)"), _k("`type`"), _k("`genre`")),
    "medium": (_k("`C5` / `M3` by type; else M2"), _l("no field"), _k("`medium`")),
    "status": (_x(M2.format(var="status")), _l("no route"), _k("`status` (standard, patent)")),
    "number": (_k("`SN` (reports, patents), `M1` (bills)"), _k("`number` (reports)"),
               _k("`number`")),
    "version": (_k("`ET` for software/datasets"),
                _l("`version` is read into the API property `version`, not `versionNumber`"),
                _k("`version`")),
    "authority": (_k("`A2`/`PB` by type (patents, cases)"), _l("no field"), _k("`authority`")),
    "archive": (_k("`DB`"), _l("no field"), _k("`archive`")),
    "archive_location": (_k("`AN`"), _l("no field"), _k("`archive_location`")),
    "call_number": (_k("`CN`"), _l("no field"), _k("`call-number`")),
    "source": (_k("`DP`"), _l("no field"), _k("`source`")),
    "doi": (_k("`DO` (a doi.org URL is cleaned to the bare DOI)"),
            _k("`doi`, bare (a URL stays a URL)"), _k("`DOI`")),
    "isbn": (_k("`SN` (books, sections)"), _k("`isbn`"), _k("`ISBN`")),
    "issn": (_k("`SN` (journal/magazine/newspaper articles)"), _k("`issn`"), _k("`ISSN`")),
    "pmid": (_x(M2.format(var="PMID")), _x("`pmid` -> `PMID:` line"),
             _k("`PMID` (journal articles)")),
    "pmcid": (_x(M2.format(var="PMCID")), _x("`pmcid` -> `PMCID:` line"),
              _k("`PMCID` (journal articles)")),
    "url": (_k("`UR`"), _k("`url`"), _k("`URL`")),
    "language": (_k("`LA`"), _k("`language` (`langid` is ignored)"), _k("`language`")),
    "abstract": (_k("`AB`"), _k("`abstract`"), _k("`abstract`")),
    "keywords": (_k("one `KW` per keyword (two or more lines, or Zotero splits on commas)"),
                 _k("`keywords`, split on `,`/`;`"), _x("no tag route: `keyword:` note line")),
    "note": (_n("`N1`"), _n("`note`"), _x("after a blank line in `note`")),
    "annote": (_x(M2.format(var="annote")), _n("`annote`"), _x(NOTE.format(var="annote"))),
    "year_suffix": (_x(M2.format(var="year-suffix")), _l("no route"),
                    _x(NOTE.format(var="year-suffix"))),
    "variants": (_x(M2.format(var="refport-variant")), _l("no route"),
                 _x(NOTE.format(var="refport-variant"))),
    "extra": (_x("`M2` lines `format:key: value`"), _l("unknown fields are dropped"),
              _x("note lines `format:key: value`")),
}

#: Rows of the landing table that are not single model fields.
SPECIAL_ROWS: Final = ("id", "type", "creators", "organisations", "name_particles", "orcid",
                       "name_variants", "keywords", "variants", "extra")
