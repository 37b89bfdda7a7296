"""One `Reference` -> one BibTeX/biblatex entry (text plus diagnostics)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from refport.diagnostics import Diagnostic
from refport.formats.bibtex_encode import as_it_is, encode, join_pieces
from refport.formats.bibtex_fields import (
    EXTRA_AFTER,
    EXTRA_BEFORE,
    EXTRA_OTHERS,
    EXTRA_TYPE,
    EXTRA_UNPARSED,
    balanced,
    container_field,
    date_text,
    is_simple_year_month,
    point_text,
    publisher_field,
    read_type,
    role_field,
    thesis_type,
    write_verbatim,
)
from refport.formats.bibtex_names import format_name_list
from refport.formats.bibtex_tables import (
    ARTICLE_SUBTYPES,
    FIELD_RULES,
    MONTH_MACROS,
    NUMBER_FALLBACK,
    NUMBER_SLOT,
    TAG_TO_BABEL,
    WRITE_TYPES,
    FieldRule,
)
from refport.model import Date, Name, NameVariant, Pages, Reference

_RULES: Final = {rule.model: rule for rule in FIELD_RULES}
#: The rules written after title, short title, container and date, in table order.
_BODY_RULES: Final = tuple(r for r in FIELD_RULES if r.model not in ("title", "title_short"))
_SUBTYPE_OF: Final = {csl: subtype for subtype, csl in ARTICLE_SUBTYPES.items()}
_ORCID_BREAKERS: Final = re.compile(r'["{};\\]')
_INVALID_KEY_CHARS: Final = re.compile(r'[\s,{}()"#%\'=~\\]')


@dataclass
class EntryWriter:
    """Writes one entry; collects what it could not write as diagnostics."""

    reference: Reference
    dialect: str
    ascii_only: bool
    key: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unencodable: dict[str, list[str]] = field(default_factory=dict)
    chosen_type: tuple[str, str | None] = ("misc", None)

    def __post_init__(self) -> None:
        self.chosen_type = self.entry_type()

    def text(self, value: str, field_name: str, *, rich: bool) -> str:
        if as_it_is(value, self.ascii_only, rich):
            return value
        encoded = encode(value, ascii_only=self.ascii_only, rich=rich)
        if encoded.unencodable:
            self.unencodable.setdefault(field_name, []).extend(encoded.unencodable)
        return encoded.latex

    def add(self, name: str, latex: str, *, bare: bool = False) -> None:
        self.lines.append((name, latex if bare else "{" + latex + "}"))

    def render(self) -> str:
        entry_type, subtype = self.chosen_type
        self.write_names()
        self.write_fields()
        if subtype:
            self.add("entrysubtype", subtype)
        self.write_variants()
        self.write_extras()
        self.report_unencodable()
        body = ",\n".join(f"  {name} = {value}" for name, value in self.lines)
        if not body:
            return f"@{entry_type}{{{self.key}}}\n"
        return f"@{entry_type}{{{self.key},\n{body}\n}}\n"

    # --- pieces -----------------------------------------------------------------------

    def entry_type(self) -> tuple[str, str | None]:
        """Entry type and, when that type would not read back as the CSL type, an
        `entrysubtype` naming it."""
        ref = self.reference
        kept = ref.extra_values(EXTRA_TYPE) if ref.extra else ()
        bibtex_type, biblatex_type = WRITE_TYPES.get(ref.type, ("misc", "misc"))
        default = biblatex_type if self.dialect == "biblatex" else bibtex_type
        entry_type = kept[0] if kept else default
        if ref.type == "thesis" and not kept:
            entry_type = thesis_type(ref.genre, self.dialect)[0]
        subtype = _SUBTYPE_OF.get(ref.type, ref.type)
        return entry_type, None if read_type(entry_type, None) == ref.type else subtype

    def write_names(self) -> None:
        ref = self.reference
        others = set(ref.extra_values(EXTRA_OTHERS)) if ref.extra else set()
        by_role = names_by_role(ref)
        for role, names in by_role.items():
            name_field = role_field(role)
            self.check_particles(names, name_field)
            written = format_name_list(names, role in others, ascii_only=self.ascii_only)
            self.note_unencodable(name_field, written.unencodable)
            self.add(name_field, written.latex)
        for role in sorted(others - set(by_role)):
            self.add(role_field(role), "others")
        for role, names in by_role.items():
            if any(n.variants or n.orcid for n in names):
                self.write_name_extras(role, names)

    def check_particles(self, names: tuple[Name, ...], name_field: str) -> None:
        """BibTeX has one particle slot, and knows a particle by its lower case."""
        for name in names:
            particle = name.non_dropping_particle or name.dropping_particle or ""
            if name.dropping_particle:
                problem = "is written in BibTeX's one particle slot, as a non-dropping particle"
            elif particle[:1].isupper():
                problem = "starts with a capital, so BibTeX reads it as part of the family name"
            else:
                continue
            self.warn("name-particle", f"{name.display()}: particle {particle!r} {problem}",
                      name_field)  # fmt: skip

    def write_name_extras(self, role: str, names: tuple[Name, ...]) -> None:
        name_field = role_field(role)
        for tag in variant_tag_order(names):
            parallel: list[Name | NameVariant | None] = [
                next((v for v in n.variants if v.tag == tag), None) for n in names
            ]
            written = format_name_list(parallel, False, ascii_only=self.ascii_only)
            self.note_unencodable(f"{name_field}_{tag}", written.unencodable)
            self.add(f"{name_field}_{tag}", written.latex)
        numbered = [(i, n.orcid) for i, n in enumerate(names, start=1) if n.orcid]
        orcids = [f'{i}="{orcid}"' for i, orcid in numbered if not _ORCID_BREAKERS.search(orcid)]
        if len(orcids) < len(numbered):
            self.warn("orcid-unwritable", "an ORCID holding quotes, braces, ; or \\ cannot be "
                      "written as an annotation; it is left out", name_field)  # fmt: skip
        if orcids:
            self.add(f"{name_field}+an:orcid", "; ".join(orcids))

    def write_fields(self) -> None:
        ref = self.reference
        self.write_rule(_RULES["title"])
        self.write_rule(_RULES["title_short"])
        self.write_container()
        self.write_issued()
        for rule in _BODY_RULES:
            model = rule.model
            if model == "genre":
                self.write_genre()
            elif (value := getattr(ref, model)) is not None and value != "":
                self.write_value(rule, value)
            if model == "volume":
                self.write_numbers()
            elif model == "section":
                self.write_publisher()
        self.write_language()
        if self.reference.keywords:
            keywords = [self.keyword(k) for k in self.reference.keywords]
            self.add("keywords", ", ".join(keywords))

    def keyword(self, keyword: str) -> str:
        latex = self.text(keyword, "keywords", rich=False)
        return "{" + latex + "}" if "," in keyword else latex

    def write_rule(self, rule: FieldRule) -> None:
        value = getattr(self.reference, rule.model)
        if value is not None and value != "":
            self.write_value(rule, value)

    def write_value(self, rule: FieldRule, value: object) -> None:
        name = rule.biblatex if self.dialect == "biblatex" else rule.bibtex
        if isinstance(value, Date):
            self.add(name, self.date(value, name))
        elif isinstance(value, Pages):
            self.add(name, self.pages(value.text))
        elif rule.kind == "verbatim":
            self.add(name, write_verbatim(str(value)))
        else:
            self.add(name, self.text(str(value), name, rich=rule.kind == "rich"))

    def date(self, value: Date, field_name: str) -> str:
        """ISO/EDTF text as biber reads it (`2020~` is circa, not a tilde);
        a literal date is ordinary text."""
        if value.start is None:
            return self.text(value.literal or "", field_name, rich=False)
        return date_text(value)

    def pages(self, text: str) -> str:
        """Page ranges use BibTeX's `--` for an en dash, in UTF-8 output too."""
        pieces: list[str] = []
        for index, part in enumerate(text.split("–")):
            if index:
                pieces.append("--")
            pieces.append(self.text(part, "pages", rich=False))
        return join_pieces(pieces)

    def write_container(self) -> None:
        value = self.reference.container_title
        if value:
            name = container_field(self.reference.type, self.dialect)
            self.add(name, self.text(value, name, rich=True))

    def write_genre(self) -> None:
        genre = self.reference.genre
        if self.reference.type == "thesis" and not self.reference.extra_values(EXTRA_TYPE):
            genre = thesis_type(genre, self.dialect)[1]
        if genre:
            self.add("type", self.text(genre, "type", rich=False))

    def write_publisher(self) -> None:
        value = self.reference.publisher
        if value:
            name = publisher_field(self.chosen_type[0], self.dialect)
            self.add(name, self.text(value, name, rich=False))

    def write_numbers(self) -> None:
        ref = self.reference
        slot = NUMBER_SLOT.get(ref.type, "number")
        for model_field in ("issue", "number", "collection_number"):
            value = getattr(ref, model_field)
            if value:
                name = "number" if model_field == slot else NUMBER_FALLBACK[model_field]
                self.add(name, self.text(value, name, rich=False))

    def write_issued(self) -> None:
        issued = self.reference.issued
        if issued is None:
            return
        if self.dialect == "biblatex" and issued.start is not None:
            self.add("date", self.date(issued, "date"))
            return
        if issued.start is None:
            self.add("year", self.text(issued.literal or "", "year", rich=False))
            return
        self.add("year", point_text(issued.start).split("-")[0] if issued.start.year >= 0
                 else str(issued.start.year))  # fmt: skip
        if issued.start.month is not None and 1 <= issued.start.month <= 12:
            self.add("month", MONTH_MACROS[issued.start.month - 1], bare=True)
        if not is_simple_year_month(issued):
            self.add("date", self.date(issued, "date"))

    def write_language(self) -> None:
        language = self.reference.language
        if not language:
            return
        if self.dialect == "biblatex" and language in TAG_TO_BABEL:
            self.add("langid", TAG_TO_BABEL[language])
        else:
            self.add("language", self.text(language, "language", rich=False))

    def write_variants(self) -> None:
        for variant in self.reference.variants:
            name = self.field_name_for(variant.field)
            if name is None:
                self.warn("variant-unwritable", f"no BibTeX field for {variant.field}; "
                          f"its {variant.tag} variant is not written", variant.field)  # fmt: skip
                continue
            rich = variant.field in ("container_title",) or (
                variant.field in _RULES and _RULES[variant.field].kind == "rich"
            )
            self.add(f"{name}_{variant.tag}", self.text(variant.value, name, rich=rich))

    def field_name_for(self, model_field: str) -> str | None:
        if model_field == "container_title":
            return container_field(self.reference.type, self.dialect)
        if model_field == "publisher":
            return publisher_field(self.chosen_type[0], self.dialect)
        if model_field in ("issue", "number", "collection_number"):
            slot = NUMBER_SLOT.get(self.reference.type, "number")
            return "number" if model_field == slot else NUMBER_FALLBACK[model_field]
        rule = _RULES.get(model_field)
        if rule is None or rule.kind not in ("rich", "plain"):
            return None
        return rule.biblatex if self.dialect == "biblatex" else rule.bibtex

    def write_extras(self) -> None:
        if not self.reference.extra:
            return
        for line in self.reference.extra_values(EXTRA_UNPARSED):
            self.warn("bibtex-unparsed", f"text that could not be read is not written: {line}")
        written = {name.lower() for name, _ in self.lines}
        for key, value in self.reference.extra:
            if not key.startswith("bibtex:") or key.startswith("bibtex:("):
                continue
            name = key.removeprefix("bibtex:")
            if name.lower() in written:
                self.warn("field-collision", f"extra field {name} has the name of a field "
                          "refport writes; both are written", name)  # fmt: skip
            if not balanced(value):
                self.warn("field-unbalanced", f"extra field {name} has unbalanced braces; "
                          "they are written as \\textbraceleft/right", name)  # fmt: skip
                value = write_verbatim(value)
            self.add(name, value)

    # --- diagnostics ---------------------------------------------------------------------

    def note_unencodable(self, field_name: str, chars: list[str]) -> None:
        if chars:
            self.unencodable.setdefault(field_name, []).extend(chars)

    def report_unencodable(self) -> None:
        for field_name, chars in self.unencodable.items():
            distinct = list(dict.fromkeys(chars))
            shown = " ".join(distinct[:8]) + (" …" if len(distinct) > 8 else "")
            self.warn("ascii-unencodable", f"{field_name}: {len(distinct)} character(s) have "
                      f"no ASCII LaTeX spelling ({shown}); kept as UTF-8", field_name)  # fmt: skip

    def warn(self, code: str, message: str, field_name: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(code, "warning", message, refs=(self.reference.id,), field=field_name)
        )


def names_by_role(reference: Reference) -> dict[str, tuple[Name, ...]]:
    """`Reference.roles()` with `Reference.names(role)`, in one pass."""
    grouped: dict[str, list[Name]] = {}
    for creator in reference.creators:
        grouped.setdefault(creator.role, []).append(creator.name)
    return {role: tuple(names) for role, names in grouped.items()}


def variant_tag_order(names: tuple[Name, ...]) -> list[str]:
    """Tags in an order that keeps every name's own variant order, since the
    reader appends variants field by field (first-seen order if none can)."""
    seen = list(dict.fromkeys(v.tag for n in names for v in n.variants))
    before = {tag: set[str]() for tag in seen}
    for name in names:
        tags = [v.tag for v in name.variants]
        for index, tag in enumerate(tags):
            before[tag].update(tags[:index])
    ordered: list[str] = []
    while len(ordered) < len(seen):
        ready = [t for t in seen if t not in ordered and before[t] <= set(ordered)]
        if not ready:
            return seen
        ordered.append(ready[0])
    return ordered


def sanitize_key(key: str) -> str:
    """A citation key BibTeX can read: no spaces, commas, braces, quotes ..."""
    cleaned = _INVALID_KEY_CHARS.sub("_", key)
    return cleaned or "ref"


def checked_key(reference: Reference) -> tuple[str, list[Diagnostic]]:
    """The key to write, and a warning when it had to be sanitised."""
    key = sanitize_key(reference.id)
    if key == reference.id:
        return key, []
    message = f"citation key {reference.id!r} is not a valid BibTeX key; written as {key!r}"
    return key, [Diagnostic("key-invalid", "warning", message, refs=(reference.id,))]


def surrounded(reference: Reference, entry: str) -> str:
    """The entry with the @comment/@preamble/@string blocks kept around it."""
    if not reference.extra:
        return entry
    parts = [text.rstrip("\n") + "\n\n" for text in reference.extra_values(EXTRA_BEFORE)]
    parts.append(entry)
    parts.extend("\n" + text.rstrip("\n") + "\n" for text in reference.extra_values(EXTRA_AFTER))
    return "".join(parts)


def entry_text(
    reference: Reference, dialect: str, ascii_only: bool
) -> tuple[str, list[Diagnostic]]:
    """The entry (with the @comment/@preamble/@string kept around it) and diagnostics."""
    key, diagnostics = checked_key(reference)
    writer = EntryWriter(reference, dialect, ascii_only, key)
    return surrounded(reference, writer.render()), diagnostics + writer.diagnostics
