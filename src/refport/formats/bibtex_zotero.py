"""BibTeX for Zotero (`--for zotero`): only what Zotero's BibTeX importer keeps.

Zotero's importer (BibTeX.js, tables in `bibtex_zotero_tables`) discards an
entry whose type it does not map, ignores fields it does not know, reads
`langid` not at all and `--ascii` LaTeX only partly, and has no way into
Extra. So this writer:

* picks the entry type BibTeX.js maps to the Zotero item type refport's own
  Zotero mapping (`zotero_maps.ITEM_TYPE_OF_CSL`) chooses, or the nearest one
  it can reach (a warning says so);
* writes each model field under the BibTeX field BibTeX.js reads into the
  Zotero field refport maps that model field to for that item type
  (`zotero_maps.slot_of`): `language` (BCP 47, never `langid`), a bare DOI,
  `date` as Zotero's date string, a section as `chapter`, an event place as
  `location` of a conference paper (Extra `event-place:`);
* writes names only for the roles BibTeX.js reads (author, editor,
  translator) and the item type keeps; organisations in double braces; a
  family name alone with a comma, so Zotero keeps it a two-field name;
* always writes UTF-8 (BibTeX.js has no LaTeX for Cyrillic or Greek);
* passes on unknown `bibtex:` fields BibTeX.js reads (`copyright`, `lccn`,
  ...), and says once per field which values Zotero will not keep.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Final

from refport.diagnostics import Diagnostic
from refport.formats.bibtex_encode import encode
from refport.formats.bibtex_fields import (
    EXTRA_OTHERS,
    EXTRA_TYPE,
    EXTRA_UNPARSED,
    balanced,
    thesis_type,
    write_verbatim,
)
from refport.formats.bibtex_names import format_name
from refport.formats.bibtex_tables import BOOKTITLE_TYPES, FIELD_RULES
from refport.formats.bibtex_write import EntryWriter, checked_key, surrounded
from refport.formats.bibtex_zotero_tables import (
    BIBTEXJS_ATTACHMENTS,
    BIBTEXJS_EPRINT_TYPES,
    BIBTEXJS_EVENT_PLACE,
    BIBTEXJS_FIELDS,
    BIBTEXJS_MARKUP,
    BIBTEXJS_NUMBER,
    BIBTEXJS_NUMPAGES_TYPES,
    BIBTEXJS_ROLES,
    BIBTEXJS_TYPES,
    ENTRY_TYPE_OF_ITEM,
    NEAREST_ITEM_TYPE,
    ZOTERO_OTHER_LANDINGS,
    ZOTERO_ROUTES,
)
from refport.formats.zotero_maps import (
    CSL_TYPE_OF_ITEM,
    FIELD_CANDIDATES,
    ITEM_TYPE_OF_CSL,
    field_candidates,
    primary_creator_type,
    resolve_field,
    role_of_creator_type,
)
from refport.formats.zotero_schema import TYPE_CREATORS
from refport.formats.zotero_translate import keeps_short_title, stored_text, stored_title
from refport.formats.zotero_values import zotero_access_date, zotero_date
from refport.identifiers import normalize_doi
from refport.model import DATE_FIELDS, STRING_FIELDS, Date, Name, Pages, Reference

#: Model fields in the order they are written (all others have no route).
_ORDER: Final = tuple(dict.fromkeys((*ZOTERO_ROUTES, *STRING_FIELDS, *DATE_FIELDS, "page")))
_RICH: Final = frozenset(
    {rule.model for rule in FIELD_RULES if rule.kind == "rich"} | {"container_title"}
)
_SEPARATORS: Final = (",", ";")
_ASCII_IGNORED: Final = (
    "--ascii is ignored for Zotero: its BibTeX importer has no LaTeX for Cyrillic, Greek and "
    "more; writing UTF-8"
)
_DIALECT_IGNORED: Final = (
    "the biblatex dialect is ignored for Zotero: writing the fields its BibTeX importer reads"
)


@dataclass(frozen=True, slots=True)
class Loss:
    """Something Zotero will not keep as it is (`code` zotero-lost or zotero-changed);
    `written`: it is in the entry, but Zotero does not store it."""

    code: str
    label: str
    reason: str
    written: bool = False


#: The entry key: BibTeX.js reads it into the import's `itemID`, which links
#: notes during the import and is not stored; no BibTeX field reaches
#: `citationKey` or Extra.
ID_LOSS: Final = Loss(
    "zotero-lost", "id",
    "BibTeX.js keeps the entry key only as the import's itemID, which Zotero does not store",
    written=True,
)  # fmt: skip


def zotero_item_type(csl_type: str) -> tuple[str, bool]:
    """The Zotero item type BibTeX.js will create, and whether it is the one refport
    maps the CSL type to."""
    wanted = ITEM_TYPE_OF_CSL.get(csl_type, "document")
    if wanted in ENTRY_TYPE_OF_ITEM:
        return wanted, True
    return NEAREST_ITEM_TYPE.get(wanted, "document"), False


def bibtexjs_landing(item_type: str, name: str) -> str | None:
    """Where BibTeX.js and Zotero put a BibTeX field for this item type: a Zotero
    field, "extra:Key", "note", "tags", "creators"; None when it is dropped."""
    if name == "number":
        target: str | None = BIBTEXJS_NUMBER.get(item_type, "issue")
    elif name == "pages":
        target = "numPages" if item_type in BIBTEXJS_NUMPAGES_TYPES else "pages"
    elif name == "location":
        target = BIBTEXJS_EVENT_PLACE if item_type == "conferencePaper" else "place"
    else:
        target = BIBTEXJS_FIELDS.get(name)
    if target is None or target in ("note", "tags", "creators") or target.startswith("extra:"):
        return target
    resolved = resolve_field(item_type, target)
    if resolved is None and target == "DOI":
        return "extra:DOI"  # BibTeX.js's own rescue for item types without a DOI field
    return resolved


def model_slots(item_type: str, model_field: str) -> frozenset[str]:
    """Where refport's Zotero mapping puts a model field for this item type."""
    candidates = field_candidates(item_type, model_field) if model_field in FIELD_CANDIDATES else ()
    slots = {resolve_field(item_type, c) for c in candidates}
    other = ZOTERO_OTHER_LANDINGS.get(model_field)
    if model_field == "doi":
        other = "extra:DOI"
    return frozenset(s for s in (*slots, other) if s is not None)


def role_kept(item_type: str, role: str) -> bool:
    """BibTeX.js names the creator type after the field; Zotero turns a type the
    item type lacks into its primary type. Kept when that is still this role."""
    creator_type = (
        role if role in TYPE_CREATORS.get(item_type, ()) else primary_creator_type(item_type)
    )
    return creator_type is not None and role_of_creator_type(item_type, creator_type) == role


@dataclass
class ZoteroEntryWriter(EntryWriter):
    """One entry as BibTeX.js reads it best; `losses` says what it will not keep."""

    losses: list[Loss] = field(default_factory=list)
    item_type: str = "document"
    landed: set[str] = field(default_factory=set)

    def entry_type(self) -> tuple[str, str | None]:
        ref = self.reference
        self.item_type, exact = zotero_item_type(ref.type)
        if not exact or CSL_TYPE_OF_ITEM.get(self.item_type) != ref.type:
            self.change("type", f"{ref.type} becomes Zotero's {self.item_type}")
        kept = ref.extra_values(EXTRA_TYPE)
        if kept and BIBTEXJS_TYPES.get(kept[0]) == self.item_type:
            return kept[0], None
        if self.item_type == "thesis" and ref.genre:
            return thesis_type(ref.genre, "bibtex")[0], None
        return ENTRY_TYPE_OF_ITEM[self.item_type], None

    def render(self) -> str:
        self.losses.append(ID_LOSS)
        self.write_zotero_names()
        for model_field in _ORDER:
            value = getattr(self.reference, model_field)
            if value is not None and value != "":
                self.write_model_field(model_field, value)
        self.write_keywords()
        self.note_unwritable()
        self.write_zotero_extras()
        body = ",\n".join(f"  {name} = {value}" for name, value in self.lines)
        return f"@{self.chosen_type[0]}{{{self.key},\n{body}\n}}\n"

    # --- bookkeeping --------------------------------------------------------------------

    def lose(self, label: str, reason: str) -> None:
        self.losses.append(Loss("zotero-lost", label, reason))

    def change(self, label: str, reason: str) -> None:
        self.losses.append(Loss("zotero-changed", label, reason))

    def route(self, model_field: str) -> str | None:
        """The BibTeX field that lands this model field where Zotero should keep it."""
        wanted = model_slots(self.item_type, model_field)
        routes = ZOTERO_ROUTES.get(model_field, ())
        if model_field == "container_title" and self.reference.type in BOOKTITLE_TYPES:
            routes = routes[::-1]
        for name in routes:
            landing = bibtexjs_landing(self.item_type, name)
            repeats = landing in self.landed and landing != "note"  # child notes are many
            if landing in wanted and name not in self.written() and not repeats:
                self.landed.add(landing)
                return name
        return None

    def written(self) -> set[str]:
        return {name for name, _ in self.lines}

    # --- fields -------------------------------------------------------------------------

    def write_model_field(self, model_field: str, value: object) -> None:
        name = self.route(model_field)
        if name is None:
            self.lose(model_field, f"BibTeX.js has no field for it in a Zotero {self.item_type}")
            return
        if not self.translated(model_field, value):
            return
        latex = self.latex(model_field, name, value)
        if latex is not None:
            self.add(name, latex)

    def translated(self, model_field: str, value: object) -> bool:
        """Zotero's translate layer deletes a short title equal to the title and
        takes ": a novel" off a book's title; False when it would delete it."""
        text, title = str(value), self.reference.title
        stored = stored_title(title, self.item_type) if title else None
        if model_field == "title_short" and not keeps_short_title(text, stored):
            self.lose("title_short", "Zotero drops a short title equal to the title")
            return False
        if model_field == "title" and stored != stored_text(text):
            self.change("title", f"Zotero takes ': a novel' off a {self.item_type} title")
        return True

    def latex(self, model_field: str, name: str, value: object) -> str | None:
        if isinstance(value, Date):
            return self.zotero_date(model_field, name, value)
        if isinstance(value, Pages):
            return self.pages(value.text)
        text = str(value)
        if model_field == "doi":
            return write_verbatim(normalize_doi(text))
        if model_field == "url":
            return write_verbatim(text)  # BibTeX.js takes the URL as written
        if model_field in _RICH:
            return encode(text, ascii_only=False, rich=True, markup=BIBTEXJS_MARKUP).latex
        return self.text(text, name, rich=False)

    def zotero_date(self, model_field: str, name: str, value: Date) -> str | None:
        if model_field == "accessed":
            full = zotero_access_date(value)
            if full is None:
                self.lose("accessed", "Zotero keeps an access date only as a full date")
            return full
        if value.circa:
            self.change(model_field, "circa is dropped: BibTeX.js turns `~` into a space")
            value = replace(value, circa=False, raw=None)
        return self.text(zotero_date(value), name, rich=False)

    def write_keywords(self) -> None:
        keywords = self.reference.keywords
        if not keywords:
            return
        if any(sep in k for k in keywords for sep in _SEPARATORS):
            self.change("keywords", "a keyword with , or ; becomes several tags")
        self.landed.add("tags")
        self.add("keywords", ", ".join(self.text(k, "keywords", rich=False) for k in keywords))

    # --- names --------------------------------------------------------------------------

    def write_zotero_names(self) -> None:
        ref = self.reference
        for role in ref.roles():
            names = ref.names(role)
            if role not in BIBTEXJS_ROLES or not role_kept(self.item_type, role):
                self.lose(f"{role} names", f"BibTeX.js has no such creator in a Zotero "
                          f"{self.item_type}")  # fmt: skip
                continue
            self.check_particles(names, role)
            self.add(role, " and ".join(zotero_name(n) for n in names))
            if any(n.variants for n in names):
                self.lose("name variants", "BibTeX.js reads one spelling of a name")
            if any(n.orcid for n in names):
                self.lose("orcid", "BibTeX.js has no field for an ORCID")
        if ref.extra_values(EXTRA_OTHERS):
            self.lose("and others", "Zotero would read `others` as a person called others")

    # --- what has no field ---------------------------------------------------------------

    def note_unwritable(self) -> None:
        if self.reference.variants:
            self.lose("variants", "BibTeX.js reads one spelling of a title")
        for line in self.reference.extra_values(EXTRA_UNPARSED):
            self.warn("bibtex-unparsed", f"text that could not be read is not written: {line}")

    def write_zotero_extras(self) -> None:
        extra = [(k, v) for k, v in self.reference.extra if not k.startswith("bibtex:(")]
        eprint = {k.removeprefix("bibtex:").lower(): v for k, v in extra}
        for key, value in extra:
            name = key.removeprefix("bibtex:")
            if name == key or not self.extra_is_kept(name.lower(), eprint):
                self.lose(key, "BibTeX.js does not keep it")
                continue
            if not balanced(value):
                value = write_verbatim(value)
            self.add(name, value)

    def extra_is_kept(self, name: str, fields: dict[str, str]) -> bool:
        if name in ("eprint", "eprinttype"):
            kind = fields.get("eprinttype", "").strip().lower()
            return "eprint" in fields and kind in BIBTEXJS_EPRINT_TYPES
        if name in BIBTEXJS_ATTACHMENTS or name in self.written():
            return False
        landing = bibtexjs_landing(self.item_type, name)
        if landing is None or landing in self.landed:
            return False
        if not landing.startswith("extra:") and landing not in ("note", "creators"):
            self.landed.add(landing)
        return landing != "creators"


def zotero_name(name: Name) -> str:
    """`format_name`, with a lone family name kept two-field (`Family,`): BibTeX.js
    makes a name without a comma or space a one-field name."""
    written = format_name(name, False, [])
    if name.literal is None and not name.given and not written.endswith(","):
        return written + ","
    return written


def zotero_entry_text(reference: Reference) -> tuple[str, list[Diagnostic], list[Loss]]:
    writer, body, diagnostics = _written(reference)
    return surrounded(reference, body), diagnostics + writer.diagnostics, writer.losses


def zotero_entry_fields(reference: Reference) -> tuple[str, list[tuple[str, str]], list[Loss]]:
    """(the Zotero item type BibTeX.js will make, the entry's fields, the losses),
    for saying where each model field lands (`refport.zotero.landing`)."""
    writer, _, _ = _written(reference)
    return writer.item_type, list(writer.lines), writer.losses


def _written(reference: Reference) -> tuple[ZoteroEntryWriter, str, list[Diagnostic]]:
    key, diagnostics = checked_key(reference)
    writer = ZoteroEntryWriter(reference, "bibtex", False, key)
    return writer, writer.render(), diagnostics


@dataclass
class LossReport:
    """What Zotero will not keep, one diagnostic per field across the whole file."""

    keys: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    reasons: dict[tuple[str, str], Loss] = field(default_factory=dict)

    def add(self, key: str, losses: Iterable[Loss]) -> None:
        for loss in losses:
            slot = (loss.code, loss.label)
            self.reasons.setdefault(slot, loss)
            refs = self.keys.setdefault(slot, [])
            if key not in refs:
                refs.append(key)

    def diagnostics(self) -> list[Diagnostic]:
        return [self.diagnostic(code, label, refs) for (code, label), refs in self.keys.items()]

    def diagnostic(self, code: str, label: str, refs: list[str]) -> Diagnostic:
        shown = ", ".join(refs[:5]) + (" …" if len(refs) > 5 else "")
        loss = self.reasons[(code, label)]
        what = "written as Zotero will keep it" if code == "zotero-changed" else "not written"
        what = "Zotero will not have it" if loss.written else what
        message = (f"{label}: {loss.reason}; {what} "
                   f"({len(refs)} entr{'y' if len(refs) == 1 else 'ies'}: {shown})")  # fmt: skip
        return Diagnostic(code, "warning", message, refs=tuple(refs), field=label)


def zotero_options_notes(dialect: str | None, ascii_only: bool) -> list[Diagnostic]:
    """Options `--for zotero` overrides, said once."""
    notes = []
    if ascii_only:
        notes.append(Diagnostic("zotero-utf8", "info", _ASCII_IGNORED))
    if dialect == "biblatex":
        notes.append(Diagnostic("zotero-dialect", "info", _DIALECT_IGNORED))
    return notes
