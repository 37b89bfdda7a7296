"""One `Reference` -> RIS tag lines (the inverse of `ris_read`).

What a type has a tag for goes under that tag; what RIS cannot say goes on
refport convention lines (`U1  - key: value`); `extra` pairs from a RIS
source ("ris:<TAG>") are written back after them, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
)
from refport.model import CREATOR_ROLES, DATE_FIELDS, STRING_FIELDS, Date, Name, Reference

#: String fields with handling of their own (not through the tag tables).
_OWN_HANDLING: Final = frozenset({"doi", "url", "note", "isbn", "issn"})
_ORDER: Final = {tag: rank for rank, tag in enumerate(tables.WRITE_ORDER)}
_U1: Final = tables.CONVENTION_TAG
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")

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
    lines += _name_lines(reference, problems)
    lines += _date_lines(reference)
    lines += _page_lines(reference)
    lines += _identifier_lines(reference)
    lines += [("KW", keyword) for keyword in reference.keywords if keyword.strip()]
    lines += _variant_lines(reference)
    lines = [(tag, value) for tag, value in lines if value.strip()]
    lines.sort(key=lambda line: _ORDER.get(line[0], len(_ORDER)))
    if convention is not None:
        lines.insert(_first_u1(lines), (_U1, convention))
    lines += _extra_lines(reference, problems)
    for tag, value in lines:
        problems += _ambiguity(tag, value)
    return lines, problems


def format_record(lines: list[Line], newline: str = "\r\n") -> str:
    out = [newline.join(_LINE_BREAK.split(f"{tag}  - {value}")) for tag, value in lines]
    out.append("ER  - ")
    return newline.join(out) + newline + newline


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


def _field_lines(reference: Reference) -> Iterator[Line]:
    values = {name: getattr(reference, name) for name in STRING_FIELDS}
    values = {name: value for name, value in values.items() if value}
    set_fields = set(values)
    by_field = {
        name: tag
        for tag, name in {
            **tables.field_tags(reference.type),
            **tables.paired_field_tags(
                reference.type, lambda pair: {pair.field, pair.paired_field} <= set_fields
            ),
        }.items()
    }
    for name, value in values.items():
        if name in _OWN_HANDLING:
            continue  # see _identifier_lines
        tag = by_field.get(name)
        yield (tag, value) if tag else (_U1, f"{_key(name)}: {value}")


def _key(field_name: str) -> str:
    return field_name.replace("_", "-")


# --- names ---------------------------------------------------------------------------------


def _name_lines(reference: Reference, problems: list[Problem]) -> Iterator[Line]:
    tags = {role: tag for tag, role in tables.role_tags(reference.type).items()}
    for role in reference.roles():
        names = reference.names(role)
        tag = tags.get(role)
        if tag is None and role not in CREATOR_ROLES:
            problems.append(("ris-role-unknown", f"role {role!r} is not a CSL role"))
        for position, name in enumerate(names, start=1):
            text = format_name(name)
            yield (tag, text) if tag else (_U1, f"{role}: {text}")
            yield from _name_properties(role, position, name, problems)


def _name_properties(
    role: str, position: int, name: Name, problems: list[Problem]
) -> Iterator[Line]:
    if name.literal is not None and not name_survives(name):
        yield _U1, f"{role} {position} literal: {name.literal}"
    elif name.literal is None and not name_survives(name):
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
    for name in DATE_FIELDS:
        if name in ("issued", "accessed"):
            continue
        date = getattr(reference, name)
        if isinstance(date, Date):
            yield _U1, f"{_key(name)}: {format_ris_date(date)}"


def _issued_lines(issued: Date) -> Iterator[Line]:
    """PY carries the year; DA the full date when there is more than a year."""
    if is_year_only(issued):
        raw = issued.raw
        keeps_raw = raw is not None and "\n" not in raw and parse_ris_date(raw) == issued
        yield "PY", raw if keeps_raw and raw is not None else f"{issued.year:04d}"
        return
    year = ris_year(issued)
    if year is not None:
        yield "PY", year
    yield "DA", format_ris_date(issued)


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


def _identifier_lines(reference: Reference) -> Iterator[Line]:
    if "SN" not in tables.field_tags(reference.type):
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
