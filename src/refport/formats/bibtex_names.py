"""BibTeX name lists <-> `Name`, split by pybtex before any LaTeX is decoded.

pybtex splits "Last, Jr., First" / "First von Last" on the raw text, so braces
still protect ("{van Gils}, Eske" keeps "van Gils" as the family name); each
part is decoded afterwards. A name that is one brace group
("{World Health Organization}", "{{World Health Organization}}") is a literal.
A trailing "and others" is reported as a flag, not as a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

import pybtex.errors
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person

from refport.formats.bibtex_encode import encode_name_part, name_part_as_it_is
from refport.formats.bibtex_latex import decode_plain, group_end
from refport.model import Name, NameVariant

#: The BibTeX spelling of "and more names not listed".
OTHERS: Final = "others"
#: A placeholder in a parallel (variant) name list: no variant for this name.
NO_NAME: Final = "{}"
#: What makes a family name ambiguous unless braced (a space splits off a
#: particle, `~` is a space to BibTeX) and what breaks any part (a comma, "and").
#: "Family, Given" with nothing for pybtex to decide: one family word, one comma,
#: no braces, commands or ties (the common case, read without pybtex's parser).
_SIMPLE_NAME: Final = re.compile(r"([^\s,{}\\~$]+), ?([^,{}\\~$]*)")
_FAMILY_NEEDS_BRACES: Final = re.compile(r"[,~\s\u00a0]|(?i:\band\b)")
_PART_NEEDS_BRACES: Final = re.compile(r",|(?i:\band\b)")
#: pybtex's name separator (`split_name_list`): " and " in any case, single spaces.
_AND: Final = re.compile(" [Aa][Nn][Dd] ")
_AND_KEPT: Final = re.compile("( [Aa][Nn][Dd] )")
_BRACE_OR_AND: Final = re.compile("[{}]| [Aa][Nn][Dd] ")
#: Text whose braces all pair up, three levels deep at most.
_NESTED: Final = re.compile(r"(?:[^{}]++|\{(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\})*+")


@dataclass
class NameList:
    """Names as read; `None` marks a placeholder position in a variant list."""

    names: list[Name | None] = field(default_factory=list)
    others: bool = False
    problems: list[str] = field(default_factory=list)


@contextmanager
def captured_pybtex_errors() -> Iterator[list[Exception]]:
    """pybtex reports some problems through module state; collect them here
    instead of letting them print or raise, and restore that state after."""
    previous = pybtex.errors.captured_errors
    collected: list[Exception] = []
    pybtex.errors.captured_errors = collected
    try:
        yield collected
    finally:
        pybtex.errors.captured_errors = previous


def first_group_is_whole(text: str) -> bool:
    return text.startswith("{") and group_end(text, 0) == len(text)


def split_names(raw: str) -> list[str]:
    """pybtex's `split_name_list` (stripped): split at " and " outside brace groups.

    pybtex reads a group from "{" to its matching "}" and ignores a "}" outside
    any group; the separator never contains a brace, so counting depth over one
    scan finds the same split points (a group that never closes goes to pybtex)."""
    if not raw:
        return []
    if "{" not in raw or not _AND.search(raw):
        return [p.strip() for p in _AND.split(raw)]
    parts: list[str] = []
    if _NESTED.fullmatch(raw):  # no stray brace: the depth is a difference of counts
        return _split_balanced(raw)
    depth, start = 0, 0
    for token in _BRACE_OR_AND.finditer(raw):
        char = token.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            parts.append(raw[start : token.start()].strip())
            start = token.end()
    if depth:  # a group never closes: pybtex's reading of that is its own
        return [p.strip() for p in split_name_list(raw)]
    parts.append(raw[start:].strip())
    return parts


def _split_balanced(raw: str) -> list[str]:
    """`split_names` for text whose braces all pair up: split at every " and ",
    then glue back the pieces that end inside a group (depth counted by C)."""
    pieces = _AND_KEPT.split(raw)  # text, separator, text, ...
    parts: list[str] = []
    current = pieces[0]
    depth = current.count("{") - current.count("}")
    for index in range(1, len(pieces), 2):
        separator, piece = pieces[index], pieces[index + 1]
        if depth:
            current += separator + piece
        else:
            parts.append(current.strip())
            current = piece
        depth += piece.count("{") - piece.count("}")
    parts.append(current.strip())
    return parts


def parse_name_list(raw: str) -> NameList:
    """Split on top-level " and ", then parse each name."""
    result = NameList()
    parts = split_names(raw)
    if parts and parts[-1] == OTHERS:
        result.others = True
        parts.pop()
    for part in parts:
        if not part:
            continue
        if part == NO_NAME:
            result.names.append(None)
            continue
        name, problems = parse_name(part)
        result.names.append(name)
        result.problems.extend(problems)
    return result


@lru_cache(maxsize=8192)
def parse_name(raw: str) -> tuple[Name, tuple[str, ...]]:
    """One BibTeX name -> `Name` (and pybtex's complaints, as text)."""
    if first_group_is_whole(raw):
        return Name(literal=decode_plain(raw[1:-1])), ()
    if simple := _SIMPLE_NAME.fullmatch(raw):
        family, given = decode_plain(simple.group(1)), decode_plain(simple.group(2))
        return Name(family=family or None, given=given or None), ()
    with captured_pybtex_errors() as errors:
        person = Person(raw)
    problems = tuple(str(error) for error in errors)
    return (
        Name(
            family=_decoded(person.last_names),
            given=_decoded(person.first_names + person.middle_names),
            non_dropping_particle=_decoded(person.prelast_names),
            suffix=_decoded(person.lineage_names),
        ),
        problems,
    )


def _decoded(parts: Sequence[str]) -> str | None:
    text = decode_plain(" ".join(parts))
    return text or None


def as_variant(name: Name, tag: str) -> NameVariant:
    """A name read from a parallel list, as a `NameVariant` (particle kept in family)."""
    if name.literal is not None:
        return NameVariant(tag, literal=name.literal)
    family = " ".join(p for p in (name.non_dropping_particle, name.family) if p) or None
    given = " ".join(p for p in (name.given, name.suffix) if p) or None
    return NameVariant(tag, family=family, given=given)


# --- writing --------------------------------------------------------------------


@dataclass
class WrittenNames:
    latex: str
    unencodable: list[str]


def format_name_list(
    names: Sequence[Name | NameVariant | None], others: bool, *, ascii_only: bool
) -> WrittenNames:
    unencodable: list[str] = []
    parts = [format_name(n, ascii_only, unencodable) if n else NO_NAME for n in names]
    if others:
        parts.append(OTHERS)
    return WrittenNames(" and ".join(parts), unencodable)


def format_name(name: Name | NameVariant, ascii_only: bool, unencodable: list[str]) -> str:
    if (
        type(name) is Name
        and name.literal is None
        and name.family
        and name.given
        and not (name.non_dropping_particle or name.dropping_particle or name.suffix)
    ):
        written = _plain_person(name.family, name.given, ascii_only)
        if written is not None:
            return written
    return _format_any_name(name, ascii_only, unencodable)


@lru_cache(maxsize=1 << 13)
def _plain_person(family: str, given: str, ascii_only: bool) -> str | None:
    """ "Family, Given" when neither part needs encoding (the common case, and
    people recur), else None."""
    if not (name_part_as_it_is(family, ascii_only) and name_part_as_it_is(given, ascii_only)):
        return None
    if _FAMILY_NEEDS_BRACES.search(family):
        family = "{" + family + "}"
    if _PART_NEEDS_BRACES.search(given):
        given = "{" + given + "}"
    return f"{family}, {given}"


def _format_any_name(name: Name | NameVariant, ascii_only: bool, unencodable: list[str]) -> str:
    def enc(text: str, needs_braces: re.Pattern[str] | None) -> str:
        encoded = encode_name_part(text, ascii_only=ascii_only)
        unencodable.extend(encoded.unencodable)
        latex = encoded.latex
        return "{" + latex + "}" if needs_braces and needs_braces.search(text) else latex

    if name.literal is not None:
        return "{{" + enc(name.literal, None) + "}}"
    particle = _particle(name)
    family = enc(name.family, _FAMILY_NEEDS_BRACES) if name.family else "{}"
    head = f"{enc(particle, None)} {family}" if particle else family
    suffix = name.suffix if isinstance(name, Name) else None
    parts = [head]
    if suffix:
        parts.append(enc(suffix, _PART_NEEDS_BRACES))
    if name.given or suffix:
        parts.append(enc(name.given or "", _PART_NEEDS_BRACES))
    written = ", ".join(parts)
    if len(parts) == 1 and (written == OTHERS or first_group_is_whole(written)):
        return written + ","  # a family name alone, not "others" or a literal
    return written


def _particle(name: Name | NameVariant) -> str | None:
    if isinstance(name, NameVariant):
        return None
    particles = [p for p in (name.non_dropping_particle, name.dropping_particle) if p]
    return " ".join(particles) or None
