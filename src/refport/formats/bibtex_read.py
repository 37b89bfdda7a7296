"""One raw BibTeX entry (fields as pybtex read them) -> one `Reference`.

Every field either lands in a model field or in `Reference.extra` as
("bibtex:<field>", raw value), so nothing read is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Final

from refport.diagnostics import Diagnostic
from refport.formats.bibtex_fields import (
    ANNOTATION,
    EXTRA_AFTER,
    EXTRA_BEFORE,
    EXTRA_OTHERS,
    EXTRA_TYPE,
    EXTRA_UNPARSED,
    VARIANT,
    container_candidates,
    date_from_parts,
    language_from,
    month_number,
    name_field_role,
    publisher_candidates,
    read_date,
    read_verbatim,
    split_keywords,
    written_type_options,
)
from refport.formats.bibtex_latex import decode_plain, decode_rich
from refport.formats.bibtex_names import as_variant, parse_name_list
from refport.formats.bibtex_parse import RawEntry
from refport.formats.bibtex_tables import (
    ARTICLE_SUBTYPES,
    EDITOR_SLOTS,
    FIELD_RULES,
    NAME_FIELDS,
    NUMBER_FALLBACK,
    NUMBER_SLOT,
    READ_TYPES,
    SUBTITLES,
    THESIS_GENRES,
    FieldRule,
)
from refport.model import (
    CREATOR_ROLES,
    CSL_TYPES,
    Creator,
    Name,
    Origin,
    Pages,
    Reference,
    TextVariant,
    parse_pages,
)

_RULE_BY_NAME: Final = {
    name: rule
    for rule in FIELD_RULES
    for name in dict.fromkeys((rule.bibtex, rule.biblatex, *rule.aliases))
}
#: Field name -> (index of its rule in FIELD_RULES, rank among the rule's names).
_RULE_SLOT: Final = {
    name: (index, rank)
    for index, rule in enumerate(FIELD_RULES)
    for rank, name in enumerate(dict.fromkeys((rule.bibtex, rule.biblatex, *rule.aliases)))
}
#: Fields that can hold names (`name_field_role` decides which do).
_MAYBE_NAME_FIELDS: Final = frozenset((*NAME_FIELDS, *EDITOR_SLOTS, *CREATOR_ROLES))
_FALLBACK_FIELD: Final = {name: model for model, name in NUMBER_FALLBACK.items()}
_THESIS_KEYS: Final = {key: genre for _, key, genre, _ in THESIS_GENRES}
_ORCID_ITEM: Final = re.compile(r'\s*(\d+)\s*=\s*"?([^";]*)"?\s*')


@dataclass
class _Builder:
    """Collects one entry's model fields, extras and diagnostics."""

    entry: RawEntry
    filename: str | None
    csl_type: str = "document"
    values: dict[str, object] = field(default_factory=dict)
    creators: list[Creator] = field(default_factory=list)
    by_field: dict[str, list[int]] = field(default_factory=dict)
    variants: list[TextVariant] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def warn(self, code: str, message: str, field_name: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(code, "warning", message, refs=(self.entry.key,), field=field_name,
                       line=self.entry.line, file=self.filename)
        )  # fmt: skip

    def take(self, name: str) -> str | None:
        """The raw value of a field not yet used (and mark it used)."""
        if name in self.fields and name not in self.used:
            self.used.add(name)
            return self.fields[name]
        return None

    def set(self, model_field: str, value: object) -> None:
        # a truthy value is kept without comparing it (a dataclass would compare
        # itself with None, "" and () in Python)
        if value or value not in (None, "", ()):
            self.values[model_field] = value


def to_reference(
    entry: RawEntry,
    fields: list[tuple[str, str]],
    *,
    before: list[str],
    after: list[str],
    filename: str | None,
) -> tuple[Reference, list[Diagnostic]]:
    """Build the reference; `fields` may include fields inherited via crossref/xdata."""
    builder = _Builder(entry, filename)
    duplicates = _index_fields(builder, fields)
    _read_type(builder)
    _read_names(builder)
    _read_typed_fields(builder)
    _read_rule_fields(builder)
    _read_variants_and_annotations(builder)
    extra = [(EXTRA_BEFORE, text) for text in before]
    extra += [
        (f"bibtex:{builder.names[lowered]}", value)
        for lowered, value in builder.fields.items()
        if lowered not in builder.used
    ]
    extra += duplicates
    if builder.entry.entry_type not in written_type_options(builder.csl_type):
        extra.append((EXTRA_TYPE, builder.entry.entry_type))
    extra += [(EXTRA_OTHERS, role) for role in builder.others]
    extra += [(EXTRA_UNPARSED, line) for line in entry.skipped]
    extra += [(EXTRA_AFTER, text) for text in after]
    reference = Reference(
        id=entry.key,
        type=builder.csl_type,
        creators=tuple(builder.creators),
        variants=tuple(builder.variants),
        extra=tuple(extra),
        origin=Origin(filename, entry.line),
        **builder.values,  # type: ignore[arg-type]
    )
    return reference, builder.diagnostics


def _index_fields(builder: _Builder, fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Lower-cased field lookup; a repeated field is kept in `extra`, with a warning."""
    duplicates: list[tuple[str, str]] = []
    for name, value in fields:
        lowered = name.lower()
        if lowered in builder.fields:
            builder.warn("field-duplicate", f"field {name} appears twice; the second value "
                         "is kept as an extra field", name)  # fmt: skip
            duplicates.append((f"bibtex:{name}", value))
            continue
        builder.fields[lowered] = value
        builder.names[lowered] = name
    builder.used.clear()
    return duplicates


def _read_type(builder: _Builder) -> None:
    entry_type = builder.entry.entry_type
    csl_type, genre = READ_TYPES.get(entry_type, ("document", None))
    if entry_type not in READ_TYPES:
        builder.warn("type-unknown", f"@{entry_type} is not a BibTeX or biblatex entry type; "
                     "read as a document, the type is kept for writing back")  # fmt: skip
    subtype = decode_plain(builder.fields.get("entrysubtype", ""))
    if csl_type == "article-journal" and subtype in ARTICLE_SUBTYPES:
        csl_type = ARTICLE_SUBTYPES[subtype]
        builder.take("entrysubtype")
    elif subtype in CSL_TYPES:
        csl_type = subtype
        builder.take("entrysubtype")
    builder.csl_type = csl_type
    raw_genre = builder.take("type")
    if raw_genre is not None:
        text = decode_plain(raw_genre)
        genre = _THESIS_KEYS.get(text, text) if csl_type == "thesis" else text
    builder.set("genre", genre)


def _read_names(builder: _Builder) -> None:
    """Creators grouped by role (first-seen order), whatever field each came from."""
    per_role: dict[str, list[tuple[str, Name]]] = {}
    for lowered in [f for f in builder.fields if f in _MAYBE_NAME_FIELDS]:
        raw = builder.fields[lowered]
        role = name_field_role(lowered, builder.fields)
        if role is None:
            continue
        builder.take(lowered)
        builder.take(lowered + "type")
        names = parse_name_list(raw)
        for problem in names.problems:
            builder.warn("name-parse", problem, builder.names[lowered])
        bucket = per_role.setdefault(role, [])
        bucket.extend((lowered, n) for n in names.names if n is not None)
        builder.by_field.setdefault(lowered, [])
        if names.others and role not in builder.others:
            builder.others.append(role)
    for role, named in per_role.items():
        for lowered, name in named:
            builder.by_field[lowered].append(len(builder.creators))
            builder.creators.append(_creator(role, name))
    order = list(per_role)
    builder.others.sort(key=lambda r: order.index(r) if r in order else len(order))


@lru_cache(maxsize=1 << 13)
def _creator(role: str, name: Name) -> Creator:
    """Creators are immutable: one object per person and role, however often cited."""
    return Creator(role, name)


def _read_typed_fields(builder: _Builder) -> None:
    csl, entry_type = builder.csl_type, builder.entry.entry_type
    for name in container_candidates(csl):
        if (raw := builder.take(name)) is not None:
            builder.set("container_title", _with_subtitle(builder, decode_rich(raw), name))
            break
    for name in publisher_candidates(entry_type):
        if (raw := builder.take(name)) is not None:
            builder.set("publisher", decode_plain(raw))
            break
    _read_numbers(builder)
    _read_issued(builder)
    _read_language(builder)
    if (raw := builder.take("keywords")) is not None:
        builder.set("keywords", split_keywords(raw))


def _read_numbers(builder: _Builder) -> None:
    slot = NUMBER_SLOT.get(builder.csl_type, "number")
    if (raw := builder.take("number")) is not None:
        builder.set(slot, decode_plain(raw))
    for name, model_field in (("issue", "issue"), ("eid", "number"),
                              ("seriesnumber", "collection_number")):  # fmt: skip
        if model_field not in builder.values and (raw := builder.take(name)) is not None:
            builder.set(model_field, decode_plain(raw))


def _read_issued(builder: _Builder) -> None:
    date_raw, year, month, day = (builder.fields.get(n) for n in ("date", "year", "month", "day"))
    if date_raw is not None:
        builder.take("date")
        issued = read_date(date_raw)
        start = issued.start
        consistent = {
            "year": start is not None and year is not None and decode_plain(year).lstrip("0")
            == str(start.year).lstrip("0"),
            "month": start is not None and month is not None and month_number(month) == start.month,
            "day": start is not None and day is not None and decode_plain(day).isdigit()
            and int(decode_plain(day)) == start.day,
        }  # fmt: skip
        for name, same in consistent.items():
            if same:
                builder.take(name)
        builder.set("issued", issued)
        return
    if year is None:
        return
    builder.take("year")
    issued, used_month, used_day = date_from_parts(
        decode_plain(year),
        month,
        decode_plain(day) if day is not None else None,
    )
    if used_month:
        builder.take("month")
    if used_day:
        builder.take("day")
    builder.set("issued", issued)


def _read_language(builder: _Builder) -> None:
    langid, language = builder.fields.get("langid"), builder.fields.get("language")
    chosen = "langid" if langid is not None else "language" if language is not None else None
    if chosen is not None:
        builder.set("language", language_from(decode_plain(builder.take(chosen) or "")))


def _read_rule_fields(builder: _Builder) -> None:
    """Each rule takes the first of its names present, rules in table order (no
    name belongs to two rules, so looking the entry's fields up is the same)."""
    chosen: dict[int, tuple[int, str]] = {}
    for name in builder.fields:
        slot = _RULE_SLOT.get(name)
        if slot is None or name in builder.used:
            continue
        index, rank = slot
        if index not in chosen or rank < chosen[index][0]:
            chosen[index] = (rank, name)
    for index in sorted(chosen):
        rule, name = FIELD_RULES[index], chosen[index][1]
        raw = builder.take(name)
        assert raw is not None
        value = _decode(rule, raw)
        if name == "title" and isinstance(value, str):
            value = _with_subtitle(builder, value, name)
        builder.set(rule.model, value)


def _with_subtitle(builder: _Builder, title: str, title_field: str) -> str:
    """biblatex's subtitle joined to its title, as CSL expects one title."""
    for subtitle_field, main in SUBTITLES.items():
        if main == title_field and (raw := builder.take(subtitle_field)) is not None:
            subtitle = decode_rich(raw)
            separator = " " if title.rstrip().endswith(("?", "!", ":")) else ": "
            return f"{title}{separator}{subtitle}" if title else subtitle
    return title


def _read_pages(raw: str) -> Pages:
    return parse_pages(decode_plain(raw))


#: How a rule's `kind` is decoded.
_DECODERS: Final[dict[str, Callable[[str], object]]] = {
    "rich": decode_rich,
    "plain": decode_plain,
    "verbatim": read_verbatim,
    "date": read_date,
    "pages": _read_pages,
}


def _decode(rule: FieldRule, raw: str) -> object:
    return _DECODERS[rule.kind](raw)


def _read_variants_and_annotations(builder: _Builder) -> None:
    for lowered, raw in list(builder.fields.items()):
        if lowered in builder.used:
            continue
        original = builder.names[lowered]
        if (match := ANNOTATION.fullmatch(lowered)) and match.group(1) in builder.by_field:
            if _read_orcids(builder, match.group(1), raw):
                builder.take(lowered)
        elif match := VARIANT.fullmatch(original):
            _read_variant(builder, match.group(1).lower(), match.group(2), lowered, raw)


def _read_orcids(builder: _Builder, name_field: str, raw: str) -> bool:
    items = [i for i in raw.split(";") if i.strip()]
    parsed = [_ORCID_ITEM.fullmatch(i) for i in items]
    positions = builder.by_field[name_field]
    if not all(parsed) or any(int(m.group(1)) > len(positions) for m in parsed if m):
        builder.warn("orcid-annotation", f"cannot read {name_field}+an:orcid = {{{raw}}}; "
                     "kept as an extra field", name_field)  # fmt: skip
        return False
    for match in parsed:
        assert match is not None
        index = positions[int(match.group(1)) - 1]
        creator = builder.creators[index]
        builder.creators[index] = Creator(creator.role, replace(creator.name, orcid=match.group(2)))
    return True


def _read_variant(builder: _Builder, base: str, tag: str, lowered: str, raw: str) -> None:
    if base in builder.by_field:
        _read_name_variant(builder, base, tag, lowered, raw)
        return
    model_field = _model_field_for(builder, base)
    if model_field is None:
        return
    builder.take(lowered)
    rule = _RULE_BY_NAME.get(base)
    rich = rule.kind == "rich" if rule else model_field == "container_title"
    value = decode_rich(raw) if rich else decode_plain(raw)
    builder.variants.append(TextVariant(model_field, tag, value))


def _model_field_for(builder: _Builder, base: str) -> str | None:
    if base in container_candidates(builder.csl_type):
        return "container_title"
    if base in publisher_candidates(builder.entry.entry_type):
        return "publisher"
    if base == "number":
        return NUMBER_SLOT.get(builder.csl_type, "number")
    if base in _FALLBACK_FIELD:
        return _FALLBACK_FIELD[base]
    rule = _RULE_BY_NAME.get(base)
    return rule.model if rule and rule.kind in ("rich", "plain") else None


def _read_name_variant(builder: _Builder, base: str, tag: str, lowered: str, raw: str) -> None:
    variants = parse_name_list(raw)
    positions = builder.by_field[base]
    if len(variants.names) > len(positions):
        builder.warn("name-variant", f"{builder.names[lowered]} lists more names than {base}; "
                     "kept as an extra field", builder.names[lowered])  # fmt: skip
        return
    builder.take(lowered)
    for index, name in zip(positions, variants.names, strict=False):
        if name is None:
            continue
        creator = builder.creators[index]
        updated = replace(creator.name, variants=(*creator.name.variants, as_variant(name, tag)))
        builder.creators[index] = Creator(creator.role, updated)
