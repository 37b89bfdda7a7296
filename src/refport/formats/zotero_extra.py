"""Zotero's Extra field: `key: value` lines Zotero and citeproc-js understand.

Layout written by refport (the reader accepts any Extra):

1. `type: <CSL type>` when the item type does not say it (citeproc-js reads it);
2. CSL variables Zotero has no field for: `original-title: ...`, `original-date: ...`,
   names as `editor: Family || Given` (Zotero's own cheater syntax);
3. refport lines for what CSL has no variable for: `refport-variant: title ru-Latn: ...`,
   `refport-orcid: 0 0000-...`, `refport-name-variant: 0 ru-Latn: Family || Given`,
   `refport-creator-order: ...`, and `refport-json: {...}` for the rare value
   that no readable line can carry exactly (a line break, edge whitespace);
4. what other formats held (`bibtex:howpublished: ...`) and unknown Zotero lines;
5. a blank line, then the free-text note (CSL `note`).

Every line before the blank line is `key: value`, so Zotero's
`extractExtraFields` and citeproc-js's note-field parser see all the CSL lines.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Final

from refport.formats.zotero_maps import CSL_VARIABLE_OF_FIELD, DATE_FIELD_NAMES
from refport.model import CREATOR_ROLES, CSL_TYPES

REFPORT_PREFIX: Final = "refport-"
_KV_LINE: Final = re.compile(r"^([A-Za-z][^\n]*?): (.*)$")


def normalize_key(key: str) -> str:
    """Zotero's `_normalizeExtraKey`: camelCase and spaces to lower-kebab."""
    text = re.sub(r"([a-z])([A-Z])", r"\1-\2", key.strip()).lower()
    return re.sub(r"[\s_-]", "-", text)


#: The Extra line that holds the citation key where the item has no
#: `citationKey` field (Zotero before 7, Better BibTeX, RIS's `M2` lines).
CITATION_KEY: Final = "citation-key"

#: Normalised Extra key -> ("field" | "date" | "creator" | "type" | "id", model name).
KNOWN_KEYS: Final[dict[str, tuple[str, str]]] = {
    **{
        normalize_key(csl): ("date" if name in DATE_FIELD_NAMES else "field", name)
        for name, csl in CSL_VARIABLE_OF_FIELD.items()
    },
    **{normalize_key(role): ("creator", role) for role in CREATOR_ROLES},
    "type": ("type", "type"),
    CITATION_KEY: ("id", "id"),
}


def split_line(line: str) -> tuple[str, str] | None:
    match = _KV_LINE.match(line)
    return (match.group(1), match.group(2)) if match else None


def classify(key: str) -> tuple[str, str]:
    """What a line key means to the reader: a known CSL key, a refport line,
    or another format's pair ("bibtex:howpublished") or an unknown Zotero key."""
    if key.startswith(REFPORT_PREFIX):
        return ("refport", key)
    known = KNOWN_KEYS.get(normalize_key(key))
    if known is not None:
        return known
    if ":" in key:
        return ("pair", key)
    return ("pair", f"zotero:{key}")


def is_safe(text: str) -> bool:
    """Whether a value survives a `key: value` line exactly."""
    return bool(text) and text == text.strip() and "\n" not in text and "\r" not in text


def json_line(kind: str, payload: object) -> str:
    body = json.dumps({kind: payload}, ensure_ascii=False, separators=(", ", ": "))
    return f"{REFPORT_PREFIX}json: {body}"


@dataclass
class ExtraWriter:
    """Collects Extra lines in the documented order and renders them."""

    csl: list[str] = field(default_factory=list)
    refport: list[str] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)
    note: str | None = None

    def csl_type(self, csl_type: str) -> None:
        if csl_type in CSL_TYPES:
            self.csl.insert(0, f"type: {csl_type}")
        else:
            self.refport.append(json_line("type", csl_type))

    def citation_key(self, key: str) -> None:
        """The id as a `citation-key:` line, for an item with no `citationKey`
        field (call it before placing any other CSL line)."""
        if self.safe(key):
            self.csl.append(f"{CITATION_KEY}: {key}")
        else:
            self.exact("id", key)

    def safe(self, text: str) -> bool:
        """Whether a value survives one line of this Extra exactly."""
        return is_safe(text)

    def csl_value(self, model_field: str, text: str) -> None:
        key = CSL_VARIABLE_OF_FIELD[model_field]
        if is_safe(text):
            self.csl.append(f"{key}: {text}")
        else:
            self.refport.append(json_line("field", [model_field, text]))

    def csl_name(self, role: str, text: str) -> None:
        self.csl.append(f"{role}: {text}")

    def line(self, key: str, value: str, fallback: tuple[str, object]) -> None:
        """A refport line when readable, else its exact JSON form."""
        if is_safe(value):
            self.refport.append(f"{REFPORT_PREFIX}{key}: {value}")
        else:
            self.refport.append(json_line(*fallback))

    def exact(self, kind: str, payload: object) -> None:
        self.refport.append(json_line(kind, payload))

    def pair(self, key: str, value: str) -> None:
        line_key = key.removeprefix("zotero:") if key.startswith("zotero:") else key
        readable = (
            is_safe(value)
            and is_safe(line_key)
            and ": " not in line_key
            and split_line(f"{line_key}: {value}") == (line_key, value)
            and classify(line_key) == ("pair", key)
        )
        if readable:
            self.pairs.append(f"{line_key}: {value}")
        else:
            self.refport.append(json_line("pair", [key, value]))

    def render(self) -> str | None:
        lines = [*self.csl, *self.refport, *self.pairs]
        note = self.note
        if note is not None and not _note_is_plain(note, bool(lines)):
            lines.append(json_line("note", note))
            note = None
        block = "\n".join(lines)
        if note is None:
            return block or None
        return f"{block}\n\n{note}" if block else note


def _note_is_plain(note: str, has_block: bool) -> bool:
    if note != note.strip() or not note or "\r" in note:
        return False
    if has_block:
        return True
    return not any(split_line(line) for line in note.split("\n"))


@dataclass
class ExtraContent:
    """What the reader found in Extra, before it is applied to a reference."""

    csl_type: str | None = None
    #: The first `citation-key:` line's value; it is also the pair at
    #: `citation_key_pair` in `pairs`, for an item that has its own `citationKey`.
    citation_key: str | None = None
    citation_key_pair: int | None = None
    values: list[tuple[str, str, str, str]] = field(default_factory=list)  # kind, name, text, key
    refport: list[tuple[str, str]] = field(default_factory=list)  # (key, value)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    note_lines: list[str] = field(default_factory=list)

    @property
    def note(self) -> str | None:
        return "\n".join(self.note_lines) if self.note_lines else None


def parse_extra(text: str) -> ExtraContent:
    """Read Extra: a block of `key: value` lines, then the note after a blank
    line. Extra typed by hand (lines mixed with prose) keeps its prose as the
    note and only the known CSL lines are taken out of it."""
    content = ExtraContent()
    head, separator, rest = text.partition("\n\n")
    head_lines = head.split("\n")
    if all(split_line(line) for line in head_lines):
        for line in head_lines:
            _take(content, line, strict=False)
        if separator:
            content.note_lines.append(rest)
        return content
    for line in text.split("\n"):
        if not _take(content, line, strict=True):
            content.note_lines.append(line)
    return content


def _take(content: ExtraContent, line: str, *, strict: bool) -> bool:
    parts = split_line(line)
    if parts is None:
        return False
    key, value = parts
    kind, name = classify(key)
    if kind == "pair" and strict:
        return False
    if kind == "refport":
        content.refport.append((key.removeprefix(REFPORT_PREFIX), value))
    elif kind == "pair":
        content.pairs.append((name, value))
    elif kind == "type" and value in CSL_TYPES and content.csl_type is None:
        content.csl_type = value
    elif kind == "type":
        content.pairs.append((f"zotero:{key}", value))
    elif kind == "id":
        if content.citation_key is None:
            content.citation_key, content.citation_key_pair = value, len(content.pairs)
        content.pairs.append((f"zotero:{key}", value))
    else:
        content.values.append((kind, name, value, key))
    return True


def decode_json_line(value: str) -> tuple[str, Any] | None:
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict) or len(data) != 1:
        return None
    ((kind, payload),) = data.items()
    return str(kind), payload
