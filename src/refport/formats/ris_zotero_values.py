"""What Zotero's RIS importer (`RIS.js`) stores for a value, so the `--for
zotero` writer can choose text that arrives intact (or know it would not).

Each function restates one step of RIS.js (commit 2814370161d0) or of the
zotero/utilities functions it calls (commit 4051881d59c6): JavaScript's
`trim` and `\\s`, `unescapeHTML` (applied to every tag but N1, RN and AB: it
decodes entities and, when it runs, collapses runs of spaces), `dateRIStoZotero`,
the creator split at the first comma, the keyword split, `cleanDOI`, and the
ProCite clean-up that rewrites some N1 lines.
"""

from __future__ import annotations

import re
from typing import Final

from refport.formats.ris_zotero_tables import RAW_TAGS

#: JavaScript's `\s` (and what `String.prototype.trim` removes).
JS_SPACE: Final = (
    "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
#: Characters that end a line for RIS.js (its reader also turns U+2028/9 into spaces).
LINE_BREAKS: Final = re.compile("[\r\n\u2028\u2029]")
#: RIS.js's tag line: a value line that looks like this would start a new tag.
RIS_JS_TAG_LINE: Final = re.compile(r"^[A-Z][A-Z0-9] {1,2}-(?: |$)")
_JS_SPACE_CLASS: Final = re.escape(JS_SPACE)
_RIS_DATE: Final = re.compile(
    rf"^([0-9]+)(?:/([0-9]{{0,2}})(?:/([0-9]{{0,2}})(?:(?:/|[{_JS_SPACE_CLASS}])([^/]*))?)?)?$"
)
_YEAR: Final = re.compile(r"\b[0-9]{4}\b", re.ASCII)
_DAY: Final = re.compile(r"\b(?:[1-3][0-9]|[1-9])\b", re.ASCII)
_WORD: Final = re.compile(r"[A-Za-z]+")
_DOI: Final = re.compile(rf"10(?:\.[0-9]{{4,}})?/[^{_JS_SPACE_CLASS}]*[^{_JS_SPACE_CLASS}.,]")
_PROCITE_NOTE: Final = re.compile(rf"([A-Za-z,{_JS_SPACE_CLASS}]+)[{_JS_SPACE_CLASS}]*:")
#: Note prefixes RIS.js's ProCite clean-up acts on (it rewrites such N1 lines).
PROCITE_KEYS: Final = frozenset(
    {
        "Author, Subsidiary", "Author, Monographic", "Artist Role", "Series Editor Role",
        "Editor/Compiler Role", "Cartographer Role", "Composer Role", "Producer Role",
        "Director Role", "Performer Role", "Author Role", "Record ID", "Record Number",
        "Notes", "Connective Phrase", "Extent of Work", "Packaging Method", "Call Number",
        "Edition", "ISBN", "Language", "Publisher Name", "Series Title", "Proceedings Title",
        "Page(s)", "Volume ID", "Issue ID", "Issue Identification", "Series Volume ID",
        "Scale", "Place of Publication", "Histroy", "Size",
    }
)  # fmt: skip
JSON_LINE_PREFIX: Final = "refport-json: "
#: In a JSON text these characters occur only inside strings, where an escape
#: means the same; escaped, the line passes RIS.js's reader and `unescapeHTML`.
_JSON_ESCAPES: Final = {"&": "\\u0026", "<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def js_trim(text: str) -> str:
    return text.strip(JS_SPACE)


def _unescaped(tag: str, text: str) -> bool:
    """Whether RIS.js runs `unescapeHTML` on this tag's value (it only acts on & and <)."""
    return tag not in RAW_TAGS and ("&" in text or "<" in text)


def ris_text(tag: str, value: str) -> tuple[str, str] | None:
    """(the text to write, what RIS.js stores) for one value on one line: line
    breaks become spaces, edges are trimmed, & and < are escaped where RIS.js
    unescapes (and then its collapsing of double spaces is accounted for).
    None when nothing would be stored."""
    text = " ".join(LINE_BREAKS.split(value)) if LINE_BREAKS.search(value) else value
    text = js_trim(text.replace("\x00", ""))
    if not text:
        return None
    if not _unescaped(tag, text):
        return text, text
    stored = re.sub(" {2,}", " ", text)
    return stored.replace("&", "&amp;").replace("<", "&lt;"), stored


def survives_line(value: str) -> bool:
    """Whether a value reaches Zotero unchanged on one tag line (or M2 line)."""
    return (
        bool(value)
        and value == js_trim(value)
        and LINE_BREAKS.search(value) is None
        and "\x00" not in value
        and not (("&" in value or "<" in value) and "  " in value)
    )


def m2_text(line: str) -> str:
    """An Extra line as written after `M2  - `: JSON lines get \\u escapes, other
    lines HTML escapes where RIS.js will unescape them."""
    if line.startswith(JSON_LINE_PREFIX):
        body = line[len(JSON_LINE_PREFIX) :]
        for char, escape in _JSON_ESCAPES.items():
            body = body.replace(char, escape)
        return JSON_LINE_PREFIX + body
    if "&" in line or "<" in line:
        return line.replace("&", "&amp;").replace("<", "&lt;")
    return line


# --- dates ------------------------------------------------------------------------


def stored_date(text: str) -> str | None:
    """What `dateRIStoZotero` makes of a DA value (not an access date): RIS
    "YYYY/MM/DD/" becomes ISO; other text is kept, except that text with a word
    and no four-digit year becomes "0000 word" (EndNote's year-less form).
    None when the date would be lost or changed that way."""
    match = _RIS_DATE.match(text)
    if match is None:
        if _YEAR.search(text) is None and _WORD.search(text) is not None:
            return None
        return text
    parts: list[str] = []
    for part in match.groups()[:3]:
        part = (part or "").lstrip("0")
        if not part:
            break
        parts.append(part)
    if not parts:
        return None
    head = parts[0].rjust(4, "0")
    return "-".join([head, *(p.rjust(2, "0") for p in parts[1:])])


def ris_access_date(iso: str) -> str:
    """Y2 text for a `YYYY-MM-DD` access date: the RIS form RIS.js reads by
    its own pattern (Zotero then stores the ISO date)."""
    return iso.replace("-", "/") + "/"


# --- names, keywords, DOIs, notes -------------------------------------------------------


def creator_text(parts: dict[str, str]) -> tuple[str, dict[str, str]] | None:
    """(the text after AU/A2..., the creator RIS.js stores) for a Zotero name, or
    None when RIS.js would split it differently: it splits at the first comma,
    and a name without one becomes a one-field name."""
    if "name" in parts:
        last, first = parts["name"], ""
    else:
        last, first = parts["lastName"], parts["firstName"]
    if "," in last or last != js_trim(last) or first != js_trim(first) or not (last or first):
        return None
    text = f"{last}, {first}" if first else last
    if not survives_line(text):
        return None
    stored = {"lastName": last, "firstName": first} if first else {"name": last}
    return escape(text), stored


def escape(text: str) -> str:
    """HTML-escape & and < for a tag whose value RIS.js unescapes."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def keyword_survives(keyword: str) -> bool:
    """A keyword RIS.js keeps as one tag on its own KW line (it splits at ";"
    and line breaks; a single KW also at commas, checked by the caller)."""
    return survives_line(keyword) and ";" not in keyword


def clean_doi(value: str) -> str | None:
    """`Zotero.Utilities.cleanDOI` for a value that is not a URL: the DOI found in it."""
    match = _DOI.search(value)
    return match.group(0) if match else None


def doi_survives(doi: str) -> bool:
    return (
        survives_line(doi)
        and not doi.startswith(("http:", "https:"))
        and "%3C" not in doi
        and clean_doi(doi) == doi
    )


def note_survives(note: str, title: str | None) -> bool:
    """An N1 note RIS.js keeps as a child note: not equal to the title (EndNote
    duplicates titles there, so RIS.js drops those) and not a ProCite field."""
    text = js_trim(note)
    if not text or text == title:
        return False
    match = _PROCITE_NOTE.search(text)
    return match is None or match.group(1) not in PROCITE_KEYS


def note_lines(note: str) -> str:
    """The N1 value: its lines as they are, unless one would read as a tag line."""
    lines = LINE_BREAKS.split(note)
    if any(RIS_JS_TAG_LINE.match(line) for line in lines[1:]):
        return " ".join(line.strip() for line in lines)
    return note
