"""refport's convention lines in RIS (`U1  - key: value`): what RIS has no tag
for, one `key: value` per line (`ris_tables.U1_FORMS` lists the forms)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from refport.formats.ris_values import parse_name, parse_name_variant, parse_ris_date
from refport.model import (
    CREATOR_ROLES,
    CSL_TYPES,
    DATE_FIELDS,
    STRING_FIELDS,
    Creator,
    TextVariant,
    parse_pages,
)

#: A refport convention line: "key: value", "key [tag]: value",
#: "role 2 [tag]: value", "role 2 orcid: value", "role 2 literal: value".
U1_LINE: Final = re.compile(
    r"^(?P<key>[a-z][a-z0-9-]*)(?: (?P<n>[1-9]\d*))?"
    r"(?: \[(?P<tag>[A-Za-z0-9-]+)\]| (?P<prop>orcid|literal))?:(?: (?P<value>.*))?$",
    re.DOTALL,
)


def is_type_line(match: re.Match[str] | None) -> bool:
    return (
        match is not None
        and match["key"] == "type"
        and not (match["n"] or match["tag"] or match["prop"])
        and (match["value"] or "") in CSL_TYPES
    )


def apply_convention(
    match: re.Match[str],
    values: dict[str, object],
    names: dict[str, list[Creator]],
    variants: list[TextVariant],
) -> bool:
    """A field, a name in a role, or a text variant; False when the line says
    nothing the record can take (it then stays in extra)."""
    key, value = match["key"], match["value"] or ""
    if match["prop"]:
        return False
    if match["tag"]:
        variants.append(TextVariant(key.replace("-", "_"), match["tag"], value))
        return True
    name = key.replace("-", "_")
    if key in CREATOR_ROLES:
        names.setdefault(key, []).append(Creator(key, parse_name(value)))
        return True
    if name in values or not value:
        return False
    if name in STRING_FIELDS:
        values[name] = value
    elif name in DATE_FIELDS:
        values[name] = parse_ris_date(value)
    elif name == "page":
        values[name] = parse_pages(value)
    else:
        return False
    return True


def apply_name_property(match: re.Match[str], names: dict[str, list[Creator]]) -> bool:
    """An ORCID, a script variant, or the literal mark of the n-th name in a role."""
    role = match["key"]
    found = names.get(role, [])
    position = int(match["n"]) - 1
    if position >= len(found):
        return False
    name, value = found[position].name, match["value"] or ""
    if match["tag"]:
        name = replace(name, variants=(*name.variants, parse_name_variant(match["tag"], value)))
    elif match["prop"] == "orcid" and name.orcid is None:
        name = replace(name, orcid=value)
    elif match["prop"] == "literal":
        name = replace(
            name, family=None, given=None, dropping_particle=None,
            non_dropping_particle=None, suffix=None, literal=value,
        )  # fmt: skip
    else:
        return False
    found[position] = Creator(role, name)
    return True
