"""One RIS record (its tag lines) -> one `Reference`, with its diagnostics.

A line feeds a model field, or stays in `extra` as ("ris:<TAG>", value) in
source order: unknown tags, repeats of single-valued tags (a second UR, N1,
DO ...), a date that disagrees with the chosen one, convention lines that do
not parse. So a RIS file read and written back keeps every line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Final

from refport.diagnostics import Diagnostic
from refport.formats import ris_tables as tables
from refport.formats.ris_lines import RawRecord, RisLine
from refport.formats.ris_values import (
    classify_sn,
    doi_value,
    join_pages,
    month_day,
    parse_name,
    parse_name_variant,
    parse_ris_date,
    ris_form,
)
from refport.model import (
    CREATOR_ROLES,
    CSL_TYPES,
    DATE_FIELDS,
    STRING_FIELDS,
    Creator,
    Date,
    DatePart,
    Name,
    Origin,
    Reference,
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
_DATE_TAGS: Final = ("DA", "PY", "Y1")


@dataclass
class IdRegistry:
    """The IDs seen so far in one file: reports duplicates, makes new IDs unique."""

    lines: dict[str, int] = field(default_factory=dict)

    def claim(self, key: str, line: int) -> int | None:
        """Record an explicit ID; returns the line of an earlier use, if any."""
        earlier = self.lines.get(key)
        if earlier is None:
            self.lines[key] = line
        return earlier

    def generate(self, base: str, line: int) -> str:
        candidate, counter = base, 0
        while candidate in self.lines:
            counter += 1
            candidate = base + _letters(counter)
        self.lines[candidate] = line
        return candidate


def _letters(number: int) -> str:
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


@dataclass
class _Record:
    """Working state while one record is turned into a Reference."""

    raw: RawRecord
    csl_type: str = tables.UNKNOWN_TYPE
    consumed: set[int] = field(default_factory=set)
    values: dict[str, object] = field(default_factory=dict)
    names: dict[str, list[Name]] = field(default_factory=dict)
    variants: list[TextVariant] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    extra_first: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[str, str, int | None]] = field(default_factory=list)

    @property
    def lines(self) -> list[RisLine]:
        return self.raw.lines

    def take(self, index: int) -> str:
        self.consumed.add(index)
        return self.lines[index].value

    def first(self, tag: str) -> int | None:
        for index, line in enumerate(self.lines):
            if line.tag == tag and index not in self.consumed:
                return index
        return None

    def all(self, tag: str) -> list[int]:
        return [
            i for i, line in enumerate(self.lines) if line.tag == tag and i not in self.consumed
        ]


def build_reference(
    raw: RawRecord, ids: IdRegistry, filename: str | None
) -> tuple[Reference, list[Diagnostic]]:
    for line in raw.lines:
        line.value = line.value.strip()
    record = _Record(raw)
    record.consumed.update(i for i, line in enumerate(raw.lines) if not line.value)
    _read_type(record)
    _read_fields(record)
    _read_names(record)
    _read_dates(record)
    _read_pages(record)
    _read_standard_numbers(record)
    _read_lists(record)
    _read_conventions(record)
    return _finish(record, ids, filename)


# --- type ---------------------------------------------------------------------------


def _read_type(record: _Record) -> None:
    given = (record.raw.type_tag or "").strip()
    csl = tables.READ_TYPES.get(given)
    if csl is None:
        csl = tables.UNKNOWN_TYPE
        if record.raw.type_tag is not None:
            record.problems.append(
                ("ris-unknown-type", f"unknown RIS type {given!r}, read as {csl}", record.raw.start)
            )
    for index in record.all(tables.CONVENTION_TAG):
        match = U1_LINE.match(record.lines[index].value)
        if _is_type_line(match):
            assert match is not None
            csl = match["value"] or csl
            record.consumed.add(index)
            break
    record.csl_type = csl
    if (
        given
        and given != tables.WRITE_TYPES[csl]
        and tables.READ_TYPES.get(given, tables.UNKNOWN_TYPE) == csl
    ):
        record.extra_first.append(("ris:TY", given))


def _is_type_line(match: re.Match[str] | None) -> bool:
    return (
        match is not None
        and match["key"] == "type"
        and not (match["n"] or match["tag"] or match["prop"])
        and (match["value"] or "") in CSL_TYPES
    )


# --- plain fields -------------------------------------------------------------------


def _read_fields(record: _Record) -> None:
    """Each string field from its main tag, else from an alias (JF, T1 ...)."""
    present = {line.tag for line in record.lines}
    main = {
        **tables.field_tags(record.csl_type),
        **tables.paired_field_tags(record.csl_type, lambda pair: pair.secondary in present),
    }
    candidates: dict[str, list[tuple[int, int]]] = {}
    for index, line in enumerate(record.lines):
        if index in record.consumed:
            continue
        if line.tag in main:
            candidates.setdefault(main[line.tag], []).append((0, index))
        elif line.tag in tables.FIELD_ALIASES:
            candidates.setdefault(tables.FIELD_ALIASES[line.tag], []).append((1, index))
    for name, found in candidates.items():
        for _, index in sorted(found):
            if name in ("genre", "medium") and doi_value(record.lines[index].value):
                continue  # Scopus's "doi: 10..." in M3 stays in extra (and fills doi)
            record.values[name] = record.take(index)
            break


# --- names --------------------------------------------------------------------------


def _read_names(record: _Record) -> None:
    roles = tables.role_tags(record.csl_type)
    for alias, tag in tables.ROLE_TAG_ALIASES.items():
        roles[alias] = roles[tag]
    roles.update(tables.FIXED_ROLE_TAGS)
    for index, line in enumerate(record.lines):
        if index in record.consumed or line.tag not in roles:
            continue
        record.names.setdefault(roles[line.tag], []).append(parse_name(record.take(index)))


# --- dates --------------------------------------------------------------------------


def _read_dates(record: _Record) -> None:
    """DA (full date) wins over PY (year) over Y1; Y2 is the access date only."""
    found = {tag: index for tag in _DATE_TAGS if (index := record.first(tag)) is not None}
    parsed = {tag: parse_ris_date(record.lines[index].value) for tag, index in found.items()}
    dated = [tag for tag in _DATE_TAGS if tag in parsed and parsed[tag].start is not None]
    if dated:
        winner = dated[0]
        issued = parsed[winner]
        record.take(found[winner])
        issued = _with_endnote_month(record, found, issued)
        for tag in dated[1:]:
            _settle_other_date(record, found[tag], parsed[tag], issued)
        record.values["issued"] = issued
    elif parsed:
        first = next(tag for tag in _DATE_TAGS if tag in parsed)
        record.values["issued"] = parsed[first]
        record.take(found[first])
    accessed = record.first("Y2")
    if accessed is not None:
        record.values["accessed"] = parse_ris_date(record.take(accessed))


def _with_endnote_month(record: _Record, found: dict[str, int], issued: Date) -> Date:
    """EndNote writes the year in PY and "Nov 10" (no year) in DA: join them."""
    index = found.get("DA")
    start = issued.start
    if index is None or index in record.consumed or start is None:
        return issued
    if start.month is not None or start.season is not None or issued.end is not None:
        return issued
    parts = month_day(record.lines[index].value)
    if parts is None:
        return issued
    month, day, season = parts
    record.take(index)
    joined = DatePart(start.year, month, day, season)
    return Date(start=joined, raw=ris_form(joined))


def _settle_other_date(record: _Record, index: int, other: Date, issued: Date) -> None:
    """A PY/Y1 that agrees with the chosen date is used up; one that disagrees
    stays in extra, with a warning."""
    assert other.start is not None and issued.start is not None
    agrees = (
        other.end is None
        and other.start.year == issued.start.year
        and issued.start.as_tuple()[: len(other.start.as_tuple())] == other.start.as_tuple()
    )
    if agrees:
        record.take(index)
        return
    line = record.lines[index]
    record.problems.append(
        ("ris-date-conflict",
         f"{line.tag} {line.value!r} disagrees with the date {issued.raw!r}; kept in extra",
         line.line)
    )  # fmt: skip


# --- pages --------------------------------------------------------------------------


def _read_pages(record: _Record) -> None:
    if not tables.page_in_sp(record.csl_type):
        return
    first, last = record.first("SP"), record.first("EP")
    if first is None and last is None:
        return
    if first is None:
        assert last is not None
        record.values["page"] = parse_pages(record.take(last))
        return
    start = record.take(first)
    joined = join_pages(start, record.lines[last].value) if last is not None else None
    pages = parse_pages(joined or start)
    if last is not None and (joined or record.lines[last].value == pages.last):
        record.take(last)
    record.values["page"] = pages


# --- identifiers ------------------------------------------------------------------------


def _read_standard_numbers(record: _Record) -> None:
    if "SN" not in tables.field_tags(record.csl_type):
        default = tables.sn_field(record.csl_type)
        for index in record.all("SN"):
            kind = classify_sn(record.lines[index].value) or default
            if kind not in record.values:
                record.values[kind] = record.take(index)
    doi = record.first("DO")
    if doi is not None:
        record.values["doi"] = record.take(doi)
    elif "doi" not in record.values:
        record.values.update(_doi_from_text(record))
    url = record.first("UR")
    if url is not None:
        record.values["url"] = record.take(url)
    key = record.first("ID")
    if key is not None:
        record.values["id"] = record.take(key)


def _doi_from_text(record: _Record) -> dict[str, str]:
    """No DO: a DOI that is the whole of an M3 or N1 value. The line itself
    stays (M3 in extra, N1 as the note), so writing back loses nothing."""
    for line in record.lines:
        found = doi_value(line.value) if line.tag in ("M3", "N1") else None
        if found:
            return {"doi": found}
    return {}


# --- lists, notes, the translated title ----------------------------------------------------


def _read_lists(record: _Record) -> None:
    record.keywords = [record.take(i) for i in record.all("KW")]
    note = record.first("N1")
    if note is not None:
        record.values["note"] = record.take(note)
    translated = record.first("TT")
    if translated is not None:
        record.variants.append(TextVariant("title", "en", record.take(translated)))


# --- the refport convention lines -------------------------------------------------------


def _read_conventions(record: _Record) -> None:
    """U1 lines; the name properties last, once every name is in place."""
    later: list[tuple[int, re.Match[str]]] = []
    for index in record.all(tables.CONVENTION_TAG):
        match = U1_LINE.match(record.lines[index].value)
        if match is None:
            continue
        if match["n"]:
            later.append((index, match))
        elif _apply_convention(record, match):
            record.consumed.add(index)
    for index, match in later:
        if _apply_name_property(record, match):
            record.consumed.add(index)


def _apply_convention(record: _Record, match: re.Match[str]) -> bool:
    key, value = match["key"], match["value"] or ""
    if match["prop"]:
        return False
    if match["tag"]:
        record.variants.append(TextVariant(key.replace("-", "_"), match["tag"], value))
        return True
    name = key.replace("-", "_")
    if key in CREATOR_ROLES:
        record.names.setdefault(key, []).append(parse_name(value))
        return True
    if name in record.values or not value:
        return False
    if name in STRING_FIELDS:
        record.values[name] = value
    elif name in DATE_FIELDS:
        record.values[name] = parse_ris_date(value)
    elif name == "page":
        record.values[name] = parse_pages(value)
    else:
        return False
    return True


def _apply_name_property(record: _Record, match: re.Match[str]) -> bool:
    names = record.names.get(match["key"], [])
    position = int(match["n"]) - 1
    if position >= len(names):
        return False
    name, value = names[position], match["value"] or ""
    if match["tag"]:
        names[position] = replace(
            name, variants=(*name.variants, parse_name_variant(match["tag"], value))
        )
    elif match["prop"] == "orcid" and name.orcid is None:
        names[position] = replace(name, orcid=value)
    elif match["prop"] == "literal":
        names[position] = replace(
            name, family=None, given=None, dropping_particle=None,
            non_dropping_particle=None, suffix=None, literal=value,
        )  # fmt: skip
    else:
        return False
    return True


# --- the reference --------------------------------------------------------------------------


def _finish(
    record: _Record, ids: IdRegistry, filename: str | None
) -> tuple[Reference, list[Diagnostic]]:
    problems: list[tuple[str, str, str, int | None, int | None]] = [
        (code, "warning", message, line, None) for code, message, line in record.problems
    ]
    explicit = record.values.pop("id", None)
    if isinstance(explicit, str):
        key = explicit
        id_line = next(line.line for line in record.lines if line.tag == "ID" and line.value == key)
        earlier = ids.claim(key, id_line)
        if earlier is not None:
            problems.append(
                ("key-duplicate", "warning",
                 f"ID {key!r} is also used by the record whose ID is on line {earlier}; "
                 "both are kept", id_line, None)
            )  # fmt: skip
    else:
        key = ids.generate(_generated_id(record), record.raw.start)
    extra = [
        *record.extra_first,
        *(
            (f"ris:{line.tag}", line.value)
            for i, line in enumerate(record.lines)
            if i not in record.consumed
        ),
    ]
    reference = Reference(
        id=key,
        type=record.csl_type,
        creators=_creators(record.names),
        keywords=tuple(record.keywords),
        variants=tuple(record.variants),
        extra=tuple(extra),
        origin=Origin(file=filename, line=record.raw.start),
        **record.values,  # type: ignore[arg-type]
    )
    problems += [(c, s, m, line, col) for c, s, m, line, col in record.raw.problems]
    diagnostics = [
        Diagnostic(code, severity, message, refs=(key,), file=filename, line=line, column=column)  # type: ignore[arg-type]
        for code, severity, message, line, column in sorted(problems, key=lambda p: p[3] or 0)
    ]
    return reference, diagnostics


def _creators(names: dict[str, list[Name]]) -> tuple[Creator, ...]:
    """Grouped by role in CSL order (RIS keeps order within a role only)."""
    order: list[str] = [role for role in CREATOR_ROLES if role in names]
    order += [role for role in names if role not in CREATOR_ROLES]
    return tuple(Creator(role, name) for role in order for name in names[role])


def _generated_id(record: _Record) -> str:
    """First creator's family name (or the title's first word) + year."""
    head = ""
    for names in record.names.values():
        if names:
            first = names[0]
            head = first.family or (first.literal or "").split(" ")[0] or first.given or ""
            break
    if not head:
        title = record.values.get("title")
        head = title.split()[0] if isinstance(title, str) and title.split() else "ref"
    issued = record.values.get("issued")
    year = issued.year if isinstance(issued, Date) and issued.year is not None else None
    return _slug(head) + (str(year) if year is not None else "nd")


def _slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))
    return kept.lower() or "ref"
