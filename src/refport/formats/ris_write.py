"""One `Reference` -> RIS tag lines (the inverse of `ris_read`).

What a type has a tag for goes under that tag; what RIS cannot say goes on
refport convention lines (`U1  - key: value`); `extra` pairs from a RIS
source ("ris:<TAG>") are written back after them, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from itertools import compress, repeat
from operator import attrgetter
from typing import Final

from refport.formats import ris_tables as tables
from refport.formats.ris_lines import BARE_ER, TAG_LINE
from refport.formats.ris_values import (
    classify_sn,
    format_name,
    format_name_variant,
    format_ris_date,
    is_year_only,
    name_survives,
    parse_ris_date,
    ris_year,
    split_pages,
    survives_plainly,
)
from refport.model import CREATOR_ROLES, DATE_FIELDS, STRING_FIELDS, Date, Name, Reference

#: String fields with handling of their own (not through the tag tables).
_OWN_HANDLING: Final = frozenset({"doi", "url", "note", "isbn", "issn"})
_ORDER: Final = {tag: rank for rank, tag in enumerate(tables.WRITE_ORDER)}
_LAST: Final = len(_ORDER)
_U1: Final = tables.CONVENTION_TAG
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
_STRING_VALUES: Final = attrgetter(*STRING_FIELDS)
_OTHER_DATES: Final = tuple(name for name in DATE_FIELDS if name not in ("issued", "accessed"))

Line = tuple[str, str]
#: (code, message) of what could not be written faithfully.
Problem = tuple[str, str]


def record_lines(reference: Reference) -> tuple[list[Line], list[Problem]]:
    """The record's lines, TY first, without ER."""
    problems: list[Problem] = []
    type_tag, convention = _type_lines(reference, problems)
    lines: list[Line] = [("TY", type_tag)]
    if reference.id:
        lines.append(("ID", reference.id))
    lines += _field_lines(reference)
    if reference.creators:
        lines += _name_lines(reference, problems)
    lines += _date_lines(reference)
    lines += _page_lines(reference)
    lines += _identifier_lines(reference)
    lines += zip(repeat("KW"), reference.keywords)
    if reference.variants:
        lines += _variant_lines(reference)
    lines = [line for line in lines if line[1].strip()]
    lines.sort(key=_rank)
    if convention is not None:
        lines.insert(_first_u1(lines), (_U1, convention))
    if reference.extra:
        lines += _extra_lines(reference, problems)
    for tag, value in lines:
        if "\n" in value or "\r" in value:
            problems += _ambiguity(tag, value)
    return lines, problems


def format_record(lines: list[Line], newline: str = "\r\n") -> str:
    out = [
        newline.join(_LINE_BREAK.split(f"{tag}  - {value}"))
        if "\n" in value or "\r" in value
        else f"{tag}  - {value}"
        for tag, value in lines
    ]
    out.append("ER  - ")
    return newline.join(out) + newline + newline


def _rank(line: Line) -> int:
    return _ORDER.get(line[0], _LAST)


def _first_u1(lines: list[Line]) -> int:
    return next((i for i, (tag, _) in enumerate(lines) if tag == _U1), len(lines))


# --- type ---------------------------------------------------------------------------------


def _type_lines(reference: Reference, problems: list[Problem]) -> tuple[str, str | None]:
    """The TY value, and the `type:` convention value when TY cannot say it."""
    csl = reference.type
    kept = reference.extra_values("ris:TY")
    if kept and tables.READ_TYPES.get(kept[0], tables.UNKNOWN_TYPE) == csl:
        return kept[0], None
    type_tag = tables.WRITE_TYPES.get(csl)
    if type_tag is None:
        problems.append(("ris-type-unknown", f"type {csl!r} is not a CSL type; written as GEN"))
        return "GEN", None
    if tables.READ_TYPES.get(type_tag, tables.UNKNOWN_TYPE) != csl:
        return type_tag, f"type: {csl}"
    return type_tag, None


# --- plain fields ----------------------------------------------------------------------


def _field_lines(reference: Reference) -> list[Line]:
    given = _STRING_VALUES(reference)
    # the fields that are set, picked in C (both select the true values)
    values = list(zip(compress(STRING_FIELDS, given), filter(None, given), strict=True))
    pairs = tables.PAIRED_TAGS.get(reference.type, ())
    if pairs:
        set_fields = {name for name, _ in values}
        paired = tuple({p.field, p.paired_field} <= set_fields for p in pairs)
    else:
        paired = ()
    by_field = _tag_of_field(reference.type, paired)
    lines: list[Line] = []
    for name, value in values:
        tag = by_field.get(name, "")  # "": no tag for the field
        if tag:
            lines.append((tag, value))
        elif tag is not None:  # None: see _identifier_lines
            lines.append((_U1, f"{_key(name)}: {value}"))
    return lines


@cache
def _tag_of_field(csl_type: str, paired: tuple[bool, ...]) -> Mapping[str, str | None]:
    """Field -> tag for a type (None: a field with handling of its own; a
    field not listed goes on a U1 line); `paired` says, per tag pair, whether
    both fields are set."""
    flags = dict(zip(tables.PAIRED_TAGS.get(csl_type, ()), paired, strict=True))
    tags = {
        **tables.field_tags(csl_type),
        **tables.paired_field_tags(csl_type, lambda pair: flags[pair]),
    }
    by_field: dict[str, str | None] = {name: tag for tag, name in tags.items()}
    by_field.update(dict.fromkeys(_OWN_HANDLING))
    return by_field


def _key(field_name: str) -> str:
    return field_name.replace("_", "-")


# --- names ---------------------------------------------------------------------------------


def _name_lines(reference: Reference, problems: list[Problem]) -> list[Line]:
    tags = _tag_of_role(reference.type)
    by_role: dict[str, list[Name]] = {}
    for creator in reference.creators:
        found = by_role.get(creator.role)
        if found is None:
            by_role[creator.role] = [creator.name]
        else:
            found.append(creator.name)
    lines: list[Line] = []
    for role, names in by_role.items():
        tag = tags.get(role)
        if tag is None and role not in CREATOR_ROLES:
            problems.append(("ris-role-unknown", f"role {role!r} is not a CSL role"))
        for position, name in enumerate(names, start=1):
            text = format_name(name)
            lines.append((tag, text) if tag else (_U1, f"{role}: {text}"))
            survives = survives_plainly(name) or name_survives(name, text)
            if name.orcid or name.variants or not survives:
                lines += _name_properties(role, position, name, survives, problems)
    return lines


@cache
def _tag_of_role(csl_type: str) -> Mapping[str, str]:
    return {role: tag for tag, role in tables.role_tags(csl_type).items()}


def _name_properties(
    role: str, position: int, name: Name, survives: bool, problems: list[Problem]
) -> Iterator[Line]:
    if name.literal is not None and not survives:
        yield _U1, f"{role} {position} literal: {name.literal}"
    elif name.literal is None and not survives:
        problems.append(
            ("ris-name-lossy",
             f"{role} {format_name(name)!r} cannot be written as \"Family, Given, Suffix\" "
             "without changing its parts")
        )  # fmt: skip
    if name.orcid:
        yield _U1, f"{role} {position} orcid: {name.orcid}"
    for variant in name.variants:
        yield _U1, f"{role} {position} [{variant.tag}]: {format_name_variant(variant)}"


# --- dates -----------------------------------------------------------------------------------


def _date_lines(reference: Reference) -> Iterator[Line]:
    issued = reference.issued
    if issued is not None:
        yield from _issued_lines(issued)
    if reference.accessed is not None:
        yield "Y2", format_ris_date(reference.accessed)
    for name in _OTHER_DATES:
        date = getattr(reference, name)
        if isinstance(date, Date):
            yield _U1, f"{_key(name)}: {format_ris_date(date)}"


def _issued_lines(issued: Date) -> Iterator[Line]:
    """PY carries the year; DA the full date when there is more than a year."""
    if is_year_only(issued):
        raw = issued.raw
        yield "PY", raw if raw is not None and _reads_back(raw, issued) else f"{issued.year:04d}"
        return
    year = ris_year(issued)
    if year is not None:
        yield "PY", year
    yield "DA", format_ris_date(issued)


def _reads_back(raw: str, year_only: Date) -> bool:
    """`parse_ris_date(raw) == year_only`; a plain year is compared without parsing."""
    if raw.isascii() and raw.isdecimal() and len(raw) <= 4:
        return year_only.literal is None and year_only.year == int(raw)
    return "\n" not in raw and parse_ris_date(raw) == year_only


# --- pages, identifiers ----------------------------------------------------------------------


def _page_lines(reference: Reference) -> Iterator[Line]:
    page = reference.page
    if page is None or not page.text:
        return
    if not tables.page_in_sp(reference.type):
        yield _U1, f"page: {page.text}"
        return
    split = split_pages(page.text)
    if split is None:
        yield "SP", page.text
    else:
        yield "SP", split[0]
        yield "EP", split[1]


@cache
def _sn_is_a_field(csl_type: str) -> bool:
    return "SN" in tables.field_tags(csl_type)


def _identifier_lines(reference: Reference) -> Iterator[Line]:
    if not _sn_is_a_field(reference.type):
        yield from _sn_lines(reference)
    else:
        for name in ("isbn", "issn"):
            value = getattr(reference, name)
            if value:
                yield _U1, f"{name}: {value}"
    for tag, value in (("DO", reference.doi), ("UR", reference.url), ("N1", reference.note)):
        if value:
            yield tag, value


def _sn_lines(reference: Reference) -> Iterator[Line]:
    """SN for the type's own number, and for the other one when its content
    says unmistakably which it is; else a convention line."""
    default = tables.sn_field(reference.type)
    other = "isbn" if default == "issn" else "issn"
    for name in (default, other):
        value = getattr(reference, name)
        if not value:
            continue
        kind = classify_sn(value)
        if kind == name or (kind is None and name == default):
            yield "SN", value
        else:
            yield _U1, f"{name}: {value}"


# --- variants, extra ---------------------------------------------------------------------------


def _variant_lines(reference: Reference) -> Iterator[Line]:
    translated = False
    for variant in reference.variants:
        if not translated and variant.field == "title" and variant.tag == "en":
            translated = True
            yield "TT", variant.value
        else:
            yield _U1, f"{_key(variant.field)} [{variant.tag}]: {variant.value}"


def _extra_lines(reference: Reference, problems: list[Problem]) -> Iterator[Line]:
    for key, value in reference.extra:
        prefix, _, tag = key.partition(":")
        if prefix != "ris" or tag == "TY":
            continue
        if TAG_LINE.match(f"{tag}  - x") is None or tag in ("ER",):
            problems.append(("ris-extra-skipped", f"extra {key!r} is not a RIS tag; not written"))
            continue
        yield tag, value


def _ambiguity(tag: str, value: str) -> list[Problem]:
    """A value line that would read back as a tag line of its own."""
    for text in _LINE_BREAK.split(value)[1:]:
        if TAG_LINE.match(text) or BARE_ER.match(text):
            return [
                ("ris-value-ambiguous",
                 f"{tag} value has a line that reads as a RIS tag line: {text[:40]!r}")
            ]  # fmt: skip
    return []
