"""CSL-JSON items cleaned into what citeproc-py's `CiteProcJSON` accepts.

citeproc-py lower-cases ids (so "SIPRI2021a" and "sipri2021A" collide), warns
about variables it does not know, chokes on `raw` dates and prints rich-text
tags literally. Items are therefore given internal ids ("r0", "r1" ...) and
reduced to the variables citeproc-py renders; rich text is carried through
citeproc-py as placeholders (see `output.restore_markup`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from citeproc import DATES, NAMES, VARIABLES

from refport.model import parse_date
from refport.render.output import placeholder

#: CSL 1.0.2 text and number variables citeproc-py's list lacks; it renders
#: them like any other.
_NEWER: Final = frozenset({
    "archive_collection", "citation_key", "division", "event_title", "license", "part_number",
    "part_title", "printing_number", "reviewed_genre", "reviewed_title", "scale",
    "supplement_number", "volume_title",
})  # fmt: skip
_KNOWN: Final = frozenset(VARIABLES) | _NEWER | {"type", "language"}
_NAME_KEYS: Final = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")
_MARKUP: Final = re.compile(r"</?(?:i|b|sup|sub|sc|span)(?:\s[^>]*)?>")
_NOCASE_TAG: Final = re.compile(r'<span class="nocase">')


def internal_id(index: int) -> str:
    return f"r{index}"


Escape = Callable[[str], str]


def _same(text: str) -> str:
    return text


def clean_item(
    item: Mapping[str, Any],
    index: int,
    escape: Escape = _same,
    verbatim: Mapping[str, Escape] | None = None,
) -> dict[str, Any]:
    """One CSL-JSON item reduced to citeproc-py's vocabulary, under an internal id.

    `escape` is the output format's escaping: citeproc-py does not escape
    variable values, so "A & B" would reach HTML raw; `verbatim` escapes some
    variables otherwise (`output.VERBATIM`).
    """
    kind = str(item.get("type") or "document")
    cleaned: dict[str, Any] = {"id": internal_id(index), "type": kind}
    for key, value in item.items():
        python_key = key.replace("-", "_")
        if python_key not in _KNOWN or python_key == "type" or value in (None, "", []):
            continue
        if python_key in NAMES:
            names = [_clean_name(n, escape) for n in value if isinstance(n, Mapping)]
            if names := [n for n in names if n]:
                cleaned[key] = names
        elif python_key in DATES:
            date = _clean_date(value)
            if date:
                cleaned[key] = date
        elif isinstance(value, (str, int, float)):
            cleaned[key] = _plain_text(str(value), (verbatim or {}).get(key, escape))
    return cleaned


def rich_text(text: str, escape: Escape = _same) -> str:
    """`text` (a cite's prefix or suffix, say) escaped as a variable value is."""
    return _plain_text(text, escape) if text else ""


def _plain_text(text: str, escape: Escape) -> str:
    """Escape a value for the output format. CSL-JSON rich-text tags that pair
    up become placeholder characters (`output.restore_markup` turns them into
    the format's markup after citeproc-py); nocase spans stay for citeproc-py;
    unknown tags are dropped and a tag without its partner is printed as text,
    as citeproc-js does."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _MARKUP.finditer(text)]
    partners = _pair_tags([tag for _, _, tag in tokens])
    out: list[str] = []
    position = 0
    for index, (start, end, tag) in enumerate(tokens):
        out.append(escape(text[position:start]))
        position = end
        opener = partners.get(index)
        if opener is None:
            out.append(escape(tag))
        elif _NOCASE_TAG.fullmatch(opener):
            out.append(tag)
        else:
            out.append(placeholder(opener, closing=tag.startswith("</")))
    out.append(escape(text[position:]))
    return "".join(out)


def _pair_tags(tags: list[str]) -> dict[int, str]:
    """Tag index -> the opening tag of its pair, for the tags that pair up."""
    stack: list[tuple[int, str]] = []
    partners: dict[int, str] = {}
    for index, tag in enumerate(tags):
        name = tag.strip("</>").split()[0].lower()
        if not tag.startswith("</"):
            stack.append((index, tag))
        elif stack and stack[-1][1].strip("<>").split()[0].lower() == name:
            opened, opener = stack.pop()
            partners[opened] = partners[index] = opener
    return partners


def _clean_name(name: Mapping[str, Any], escape: Escape) -> dict[str, str]:
    if name.get("literal"):
        return {"literal": escape(str(name["literal"]))}
    parts = {k: str(name[k]) for k in _NAME_KEYS if name.get(k)}
    if name.get("parse-names") not in (False, "false"):
        parts = parse_particles(parts)
    return {k: escape(v) for k, v in parts.items() if v}


#: A leading word of a family name (or trailing word of a given name) and what
#: ends it: a space, or an apostrophe or hyphen it is written against
#: ("d'Aubignac", "al-One").
_FAMILY_PARTICLE: Final = re.compile(r"^([^ ]+?(?:[-\u02bb\u2019']| )\s*)(.+)$")
_GIVEN_PARTICLE: Final = re.compile(r"^(.+?)(\s+[^ ]+)$")
_SUFFIX_IN_GIVEN: Final = re.compile(r"\s*,!?\s*")


def parse_particles(name: dict[str, str]) -> dict[str, str]:
    """Particles and suffixes typed into the family and given fields, parsed
    out as citeproc-js does: leading lowercase words of the family name are
    its non-dropping particle ("van der Vlist", "d'Aubignac", "al-One"),
    trailing lowercase words of the given name its dropping particle
    ("Alexander von"), and what follows a comma in the given name its suffix
    ("John, III"). A family name in double quotes is taken as it is."""
    family = name.get("family", "")
    if len(family) > 1 and family.startswith('"') and family.endswith('"'):
        return {**name, "family": family[1:-1]}
    name = dict(name)
    if family and "non-dropping-particle" not in name:
        particle = ""
        while (match := _FAMILY_PARTICLE.match(family)) and _lowercase_word(match.group(1)):
            particle, family = particle + match.group(1), match.group(2)
        if particle:
            keep_space = particle.endswith(" ") and particle.rstrip()[-1] in "'\u2019"
            name["non-dropping-particle"] = particle.rstrip() + (" " if keep_space else "")
            name["family"] = family
    given = name.get("given", "")
    if given and "suffix" not in name and (comma := _SUFFIX_IN_GIVEN.search(given)):
        name["suffix"] = given[comma.end() :]
        name["given"] = given = given[: comma.start()]
    if given and "dropping-particle" not in name:
        words: list[str] = []
        while (match := _GIVEN_PARTICLE.match(given)) and _lowercase_word(match.group(2)):
            words.insert(0, match.group(2).strip())
            given = match.group(1)
        if words:
            name["dropping-particle"] = " ".join(words)
            name["given"] = given
    return name


def _lowercase_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].islower()


def _clean_date(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, Mapping):
        return None
    parts = _date_parts(value.get("date-parts"))
    if not parts and value.get("raw"):
        parsed = parse_date(str(value["raw"]))
        points = [p for p in (parsed.start, parsed.end) if p is not None]
        parts = [list(p.as_tuple()) for p in points]
        if not parts and parsed.literal:
            return {"literal": parsed.literal}
    date: dict[str, Any] = {}
    if parts:
        date["date-parts"] = parts
    elif value.get("literal"):
        date["literal"] = str(value["literal"])
    if date and value.get("season") and parts:
        date["season"] = value["season"]
    if date and value.get("circa"):
        date["circa"] = 1
    return date or None


def _date_parts(raw: Any) -> list[list[int]]:
    parts: list[list[int]] = []
    for point in raw or []:
        numbers: list[int] = []
        for piece in point or []:
            try:
                numbers.append(int(str(piece)))
            except ValueError:
                break
        if numbers and (numbers[0] != 0 or parts):  # [[1987], [0]]: an open range
            parts.append(numbers[:3] if len(numbers) != 2 or numbers[1] else numbers[:1])
    return parts[:2]
