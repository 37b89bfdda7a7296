"""What Zotero's own import translators do, in the words of the landing table.

Read from zotero/translators (`RIS.js`, `BibTeX.js`, `CSL JSON.js` at commit
2814370161d0, June 2026) and zotero/utilities (`utilities_item.js`
`itemFromCSLJSON`, commit 4051881d59c6), for Zotero schema version 41;
`IMPORTERS.md` gives the reasoning line by line.

Where each field lands is not written here: `probes` asks the `--for zotero`
writers, whose tables hold what the importers read. This module has the
status words and the few remarks that say *why* a cell is what it is.

Status words: "kept" (a real Zotero field, or tags/creators), "in Extra",
"child note" (Zotero makes a separate note item; kept but not citable), "lost".
"""

from __future__ import annotations

from typing import Final

KEPT: Final = "kept"
IN_EXTRA: Final = "in Extra"
CHILD_NOTE: Final = "child note"
LOST: Final = "lost"
#: Best first: a cell lists its statuses in this order when they cover as many units.
STATUSES: Final = (KEPT, IN_EXTRA, CHILD_NOTE, LOST)

#: (row, path) -> why the importer treats the value so (appended to the cell).
REMARKS: Final[dict[tuple[str, str], str]] = {
    ("id", "ris"): "RIS.js ignores `ID`; refport's reader takes the line as the id",
    ("type", "bibtex"): "BibTeX.js drops an entry whose type it does not map, so none is written",
    ("page", "ris"): "`SP` holds the whole range",
    ("page", "bibtex"): "BibTeX.js reads `pages` as the number of pages of a book, thesis or "
                        "manuscript",
    ("language", "bibtex"): "BibTeX.js ignores `langid`",
    ("doi", "bibtex"): "written bare: BibTeX.js keeps a DOI URL as a URL",
    ("version", "bibtex"): "BibTeX.js reads `version` into `item.version`, not `versionNumber`",
    ("keywords", "ris"): "one `KW` per keyword; RIS.js splits a lone `KW` at commas",
    ("keywords", "bibtex"): "BibTeX.js splits `keywords` at `,` and `;`",
    ("keywords", "csljson"): "Zotero's CSL JSON importer does not read `keyword` "
                             "(`zotero-tags-lost`)",
    ("note", "zotero"): "CSL `note` is Zotero's Extra",
    ("note", "csljson"): "CSL `note` is Zotero's Extra",
    ("name_particles", "zotero"): "`van Gogh` / `Vincent de, Jr.`, as Zotero's CSL export "
                                  "parses them back",
    ("name_particles", "ris"): "`van Gogh` / `Vincent de, Jr.`",
    ("name_particles", "bibtex"): "`van de Gogh` / `Vincent, Jr.` (BibTeX's own name parts)",
    ("name_particles", "csljson"): "`van Gogh` / `Vincent de, Jr.`",
    ("creators:<role>", "csljson"): "a role the item type lacks would become its primary "
                                    "creator, so it goes to `note`",
}  # fmt: skip
