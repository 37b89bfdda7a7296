"""One RIS record (its tag lines) -> one `Reference`, with its diagnostics.

A line feeds a model field, or stays in `extra` as ("ris:<TAG>", value) in
source order: unknown tags, repeats of single-valued tags (a second UR, N1,
DO ...), a date that disagrees with the chosen one, convention lines that do
not parse. So a RIS file read and written back keeps every line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Final

from refport.diagnostics import Diagnostic
from refport.formats import ris_tables as tables
from refport.formats.base import share
from refport.formats.ris_conventions import (
    U1_LINE,
    apply_convention,
    apply_name_property,
    is_type_line,
)
from refport.formats.ris_ids import IdRegistry, generated_id
from refport.formats.ris_lines import RawRecord, RisLine
from refport.formats.ris_values import (
    classify_sn,
    doi_value,
    join_pages,
    month_day,
    name_parts,
    parse_ris_date,
    ris_form,
)
from refport.model import (
    CREATOR_ROLES,
    Creator,
    Date,
    DatePart,
    Name,
    Origin,
    Pages,
    Reference,
    TextVariant,
    parse_pages,
)

_DATE_TAGS: Final = ("DA", "PY", "Y1")
_YEAR_DIGITS: Final = 4  # what the RIS date form takes as a year
_ROLE_RANK: Final = {role: rank for rank, role in enumerate(CREATOR_ROLES)}
#: Fields where a "doi: 10..." value is a DOI, not the field (Scopus's M3).
_DOI_HOLDERS: Final = frozenset({"genre", "medium"})


class _Record:
    """Working state while one record is turned into a Reference.

    `by_tag` indexes the lines once, so each step finds its tags without
    scanning the record again; `consumed` holds the lines used up so far.
    """

    __slots__ = (
        "by_tag", "consumed", "csl_type", "extra_first", "keywords", "lines", "names",
        "problems", "raw", "values", "variants",
    )  # fmt: skip

    def __init__(self, raw: RawRecord) -> None:
        self.raw = raw
        self.lines: list[RisLine] = raw.lines
        by_tag: dict[str, list[int]] = {}
        consumed: set[int] = set()
        lines = raw.lines
        for index, (tag, value, line) in enumerate(lines):
            stripped = value.strip()
            if stripped is not value:  # the same string back when there is nothing to strip
                lines[index] = (tag, stripped, line)
            if not stripped:
                consumed.add(index)
            found = by_tag.get(tag)
            if found is None:
                by_tag[tag] = [index]
            else:
                found.append(index)
        self.by_tag = by_tag
        self.consumed = consumed
        self.csl_type = tables.UNKNOWN_TYPE
        self.values: dict[str, object] = {}
        self.names: dict[str, list[Creator]] = {}
        self.variants: list[TextVariant] = []
        self.keywords: list[str] = []
        self.extra_first: list[tuple[str, str]] = []
        self.problems: list[tuple[str, str, int | None]] = []

    def value(self, index: int) -> str:
        return self.lines[index][1]

    def take(self, index: int) -> str:
        self.consumed.add(index)
        return self.lines[index][1]

    def first(self, tag: str) -> int | None:
        for index in self.by_tag.get(tag, ()):
            if index not in self.consumed:
                return index
        return None

    def all(self, tag: str) -> list[int]:
        return [i for i in self.by_tag.get(tag, ()) if i not in self.consumed]


#: Creators already made, by their RIS text: a file's recurring authors are
#: parsed once and share one (immutable) `Creator` (its `Name` also in other
#: roles), which writers also recognise.
SeenNames = dict[str, Creator]


def build_reference(
    raw: RawRecord, ids: IdRegistry, filename: str | None, seen: SeenNames | None = None
) -> tuple[Reference, list[Diagnostic]]:
    record = _Record(raw)
    _read_type(record)
    _read_fields(record)
    _read_names(record, {} if seen is None else seen)
    _read_dates(record)
    _read_pages(record)
    _read_standard_numbers(record)
    _read_lists(record)
    if tables.CONVENTION_TAG in record.by_tag:
        _read_conventions(record)
    return _finish(record, ids, filename)


# --- per-type plans, computed once per type ---------------------------------------------


@cache
def _field_plan(csl_type: str, paired: tuple[bool, ...]) -> Mapping[str, tuple[int, str]]:
    """Tag -> (priority, field): the type's own tags (0) before the aliases (1).
    `paired` says, per tag pair of the type, whether its secondary tag is present."""
    flags = dict(zip(tables.PAIRED_TAGS.get(csl_type, ()), paired, strict=True))
    main = {
        **tables.field_tags(csl_type),
        **tables.paired_field_tags(csl_type, lambda pair: flags[pair]),
    }
    plan = {tag: (1, name) for tag, name in tables.FIELD_ALIASES.items()}
    plan.update({tag: (0, name) for tag, name in main.items()})
    return plan


@cache
def _role_plan(csl_type: str) -> Mapping[str, str]:
    roles = tables.role_tags(csl_type)
    for alias, tag in tables.ROLE_TAG_ALIASES.items():
        roles[alias] = roles[tag]
    roles.update(tables.FIXED_ROLE_TAGS)
    return roles


@cache
def _sn_is_a_field(csl_type: str) -> bool:
    return "SN" in tables.field_tags(csl_type)


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
    has_conventions = tables.CONVENTION_TAG in record.by_tag
    for index in record.all(tables.CONVENTION_TAG) if has_conventions else ():
        match = U1_LINE.match(record.value(index))
        if is_type_line(match):
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


# --- plain fields -------------------------------------------------------------------


def _read_fields(record: _Record) -> None:
    """Each string field from its main tag, else from an alias (JF, T1 ...):
    the first unused line of the best (priority, position)."""
    pairs = tables.PAIRED_TAGS.get(record.csl_type, ())
    by_tag = record.by_tag
    paired = tuple([p.secondary in by_tag for p in pairs]) if pairs else ()
    plan = _field_plan(record.csl_type, paired)
    consumed = record.consumed
    best: dict[str, tuple[int, int]] = {}
    doi_holders: dict[str, list[tuple[int, int]]] = {}
    for tag, indexes in by_tag.items():
        entry = plan.get(tag)
        if entry is None:
            continue
        priority, name = entry
        if name in _DOI_HOLDERS:
            found = doi_holders.setdefault(name, [])
            found.extend((priority, index) for index in indexes if index not in consumed)
            continue
        for index in indexes:  # in line order: the first unused one is this tag's best
            if index not in consumed:
                candidate = (priority, index)
                current = best.get(name)
                if current is None or candidate < current:
                    best[name] = candidate
                break
    lines = record.lines
    values = record.values
    for name, (_, index) in best.items():
        values[name] = lines[index][1]
        consumed.add(index)
    for name, found in doi_holders.items():
        for _, index in sorted(found):
            if doi_value(lines[index][1]):
                continue  # Scopus's "doi: 10..." in M3 stays in extra (and fills doi)
            values[name] = lines[index][1]
            consumed.add(index)
            break


# --- names --------------------------------------------------------------------------


def _read_names(record: _Record, seen: SeenNames) -> None:
    roles = _role_plan(record.csl_type)
    names = record.names
    consumed = record.consumed
    for index, (tag, value, _) in enumerate(record.lines):
        role = roles.get(tag)
        if role is None or index in consumed:
            continue
        consumed.add(index)
        creator = seen.get(value)
        if creator is None:
            creator = share(seen, value, Creator(role, Name(*name_parts(value))))
        elif creator.role != role:
            creator = Creator(role, creator.name)
        found = names.get(role)
        if found is None:
            names[role] = [creator]
        else:
            found.append(creator)


# --- dates --------------------------------------------------------------------------


def _read_dates(record: _Record) -> None:
    """DA (full date) wins over PY (year) over Y1; Y2 is the access date only."""
    by_tag = record.by_tag
    found: dict[str, int] = {
        tag: index
        for tag in _DATE_TAGS
        if tag in by_tag and (index := record.first(tag)) is not None
    }
    if found:
        _read_issued(record, found)
    accessed = record.first("Y2") if "Y2" in by_tag else None
    if accessed is not None:
        record.values["accessed"] = parse_ris_date(record.take(accessed))


def _read_issued(record: _Record, found: dict[str, int]) -> None:
    """The first tag with a date that parses is the date; the later ones are
    checked against it. Without a parsed date, the first tag's text is it."""
    issued: Date | None = None
    undated: tuple[int, Date] | None = None
    for tag in _DATE_TAGS:
        index = found.get(tag)
        if index is None:
            continue
        if issued is not None:
            _settle_other_date(record, index, issued)
            continue
        date = parse_ris_date(record.value(index))
        if date.start is None:
            undated = undated or (index, date)
            continue
        record.take(index)
        issued = _with_endnote_month(record, found, date)
    if issued is None:
        assert undated is not None
        record.take(undated[0])
        issued = undated[1]
    record.values["issued"] = issued


def _with_endnote_month(record: _Record, found: dict[str, int], issued: Date) -> Date:
    """EndNote writes the year in PY and "Nov 10" (no year) in DA: join them."""
    index = found.get("DA")
    start = issued.start
    if index is None or index in record.consumed or start is None:
        return issued
    if start.month is not None or start.season is not None or issued.end is not None:
        return issued
    parts = month_day(record.value(index))
    if parts is None:
        return issued
    month, day, season = parts
    record.take(index)
    joined = DatePart(start.year, month, day, season)
    return Date(start=joined, raw=ris_form(joined))


def _settle_other_date(record: _Record, index: int, issued: Date) -> None:
    """A PY/Y1 that agrees with the chosen date is used up; one that disagrees
    stays in extra, with a warning (one that does not parse is left alone)."""
    assert issued.start is not None
    tag, value, line = record.lines[index]
    if len(value) <= _YEAR_DIGITS and value.isdecimal():  # "2020": no need to parse
        agrees = int(value) == issued.start.year
    else:
        other = parse_ris_date(value)
        if other.start is None:
            return
        agrees = (
            other.end is None
            and other.start.year == issued.start.year
            and issued.start.as_tuple()[: len(other.start.as_tuple())] == other.start.as_tuple()
        )
    if agrees:
        record.take(index)
        return
    record.problems.append(
        ("ris-date-conflict",
         f"{tag} {value!r} disagrees with the date {issued.raw!r}; kept in extra", line)
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
    end = record.value(last) if last is not None else None
    joined = join_pages(start, end) if end is not None else None
    pages = _page_range(joined, start, end) if joined else parse_pages(start)
    if last is not None and (joined or end == pages.last):
        record.take(last)
    record.values["page"] = pages


def _page_range(joined: str, start: str, end: str | None) -> Pages:
    """`parse_pages` of "SP-EP"; built directly for the usual two plain numbers."""
    if end is not None and (start + end).isascii() and start.isdecimal() and end.isdecimal():
        return Pages(joined, start, end)
    return parse_pages(joined)


# --- identifiers ------------------------------------------------------------------------


def _read_standard_numbers(record: _Record) -> None:
    if "SN" in record.by_tag and not _sn_is_a_field(record.csl_type):
        default = tables.sn_field(record.csl_type)
        for index in record.all("SN"):
            kind = classify_sn(record.value(index)) or default
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
    indexes = [*record.by_tag.get("M3", ()), *record.by_tag.get("N1", ())]
    for index in sorted(indexes):
        found = doi_value(record.value(index))
        if found:
            return {"doi": found}
    return {}


# --- lists, notes, the translated title ----------------------------------------------------


def _read_lists(record: _Record) -> None:
    if "KW" in record.by_tag:
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
        match = U1_LINE.match(record.value(index))
        if match is None:
            continue
        if match["n"]:
            later.append((index, match))
        elif apply_convention(match, record.values, record.names, record.variants):
            record.consumed.add(index)
    for index, match in later:
        if apply_name_property(match, record.names):
            record.consumed.add(index)


# --- the reference --------------------------------------------------------------------------


def _finish(
    record: _Record, ids: IdRegistry, filename: str | None
) -> tuple[Reference, list[Diagnostic]]:
    problems: list[tuple[str, str, str, int | None, int | None]] = (
        [(code, "warning", message, line, None) for code, message, line in record.problems]
        if record.problems
        else []
    )
    explicit = record.values.pop("id", None)
    if isinstance(explicit, str):
        key = explicit
        id_indexes = record.by_tag["ID"]
        id_line = (
            record.lines[id_indexes[0]][2]  # the one ID line: the key came from it
            if len(id_indexes) == 1
            else next(record.lines[i][2] for i in id_indexes if record.value(i) == key)
        )
        earlier = ids.claim(key, id_line)
        if earlier is not None:
            problems.append(
                ("key-duplicate", "warning",
                 f"ID {key!r} is also used by the record whose ID is on line {earlier}; "
                 "both are kept", id_line, None)
            )  # fmt: skip
    else:
        key = ids.generate(generated_id(record.names, record.values), record.raw.start)
    extra = record.extra_first
    if len(record.consumed) < len(record.lines):
        extra += [
            (f"ris:{tag}", value)
            for i, (tag, value, _) in enumerate(record.lines)
            if i not in record.consumed
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
    problems += record.raw.problems
    if not problems:
        return reference, []
    diagnostics = [
        Diagnostic(code, severity, message, refs=(key,), file=filename, line=line, column=column)  # type: ignore[arg-type]
        for code, severity, message, line, column in sorted(problems, key=lambda p: p[3] or 0)
    ]
    return reference, diagnostics


def _creators(names: dict[str, list[Creator]]) -> tuple[Creator, ...]:
    """Grouped by role in CSL order (RIS keeps order within a role only)."""
    if len(names) == 1:
        return tuple(*names.values())
    order = sorted(names, key=_role_rank)
    return tuple([creator for role in order for creator in names[role]])


def _role_rank(role: str) -> int:
    return _ROLE_RANK.get(role, len(_ROLE_RANK))
