"""In-text citations (cite order, collapsing) and what depends on the names a
cite or entry prints (`subsequent-author-substitute`, substituted names).

citeproc-py 0.11 reorders the cites of a citation into bibliography order even
when the style has no `cs:sort` in its `cs:citation`, and ignores `collapse`.
`CiteLayout.render_citation` keeps the order asked for (or sorts by the
style's keys), and collapses as CSL 1.0.2 describes:

- `collapse="year"`: cites with the same names print them once,
  "(Smith 1900, 2000; Doe 2001)";
- `collapse="year-suffix"` / `"year-suffix-ranged"`: within that, a year
  repeated with a suffix prints the suffix alone, "(Doe 2000a, b)" /
  "(Doe 2000a–c)";
- `collapse="citation-number"`: three or more consecutive numbers become a
  range, "[1]–[4]".

Cite groups are joined with `cite-group-delimiter` (", "), suffixes with
`year-suffix-delimiter`, and what follows a collapsed group with
`after-collapse-delimiter` (both default to the layout's delimiter).

`CollapsibleNames` reports the names each cite or entry prints (through
`NAMES_SLOT`), which is how cites are grouped and how a bibliography replaces
a repeated author with `subsequent-author-substitute` ("———").
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Final

from citeproc import model
from citeproc.formatter import html
from citeproc.source import VariableError
from citeproc.string import join

from refport.render.hotpaths import children
from refport.render.names import NAME_PARTS, NameParts, entry_state

EN_DASH: Final = "\u2013"


@dataclass
class NamesSlot:
    """The first `cs:names` of the cite or entry being rendered: its text, and
    whether to leave it out (a collapsed cite) or print `replacement` instead
    (`subsequent-author-substitute`)."""

    suppress: bool = False
    replacement: str | None = None
    text: str | None = None
    used: bool = False
    #: Whether `text` is compared (subsequent-author-substitute, cite
    #: grouping): then it is the names without their label, which costs a
    #: second rendering of the names where the `cs:names` has a `cs:label`.
    compared: bool = True


NAMES_SLOT: ContextVar[NamesSlot | None] = ContextVar("refport_names_slot", default=None)


NAMES_TAG: Final = "{http://purl.org/net/xbiblio/csl}names"


class CollapsibleNames(model.Names):  # type: ignore[misc]
    """`cs:names` that reports (and on request drops) the names of a cite.

    Also two CSL rules citeproc-py misses: a `cs:names` without `cs:name`
    anywhere inside `cs:substitute` (chicago's editors in a `cs:choose`)
    takes the substituted element's `cs:name` and `cs:label`; and a variable
    that stood in for the author is not printed again ("Edited by …")."""

    def process(
        self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        inside = bool(self.xpath_search("./ancestor::cs:substitute[1]"))
        if names_context is None:
            names_context = self._shorthand_for() if inside else self
        _give_name(names_context)
        repressed = _repressed(context if context is not None else self)
        variables = str(self.get("variable", "")).split()
        done = repressed.get(NAMES_TAG, []) if repressed is not None else []
        present = [v for v in variables if v.replace("-", "_") in item.reference]
        if not inside and present and all(v in done for v in present):
            raise VariableError
        text = self._slotted(item, names_context, context, **kwargs)
        if inside and text is not None and repressed is not None:
            repressed.setdefault(NAMES_TAG, []).extend(variables)
        return text

    def _again(
        self, parts: NameParts, item: Any, names_context: Any, context: Any, **kwargs: Any
    ) -> Any:
        return _rerender(self, parts, item, names_context, context, **kwargs)

    def _shorthand_for(self) -> Any:
        if self.find("cs:name", self.nsmap) is not None:
            return self
        found = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
        return found[0] if found else self

    def _slotted(self, item: Any, names_context: Any, context: Any, **kwargs: Any) -> Any:
        slot = NAMES_SLOT.get()
        if slot is None or slot.used or kwargs.get("sort_options"):
            return super().process(item, names_context, context, **kwargs)
        slot.used = True
        text = super().process(item, names_context, context, **kwargs)
        slot.text = str(text) if text is not None else ""
        if text is not None and slot.compared and _has_label(names_context):
            # names are compared without their label ("ed.")
            bare = self._again(NameParts(labels=False), item, names_context, context, **kwargs)
            slot.text = str(bare) if bare is not None else slot.text
        if slot.replacement is not None and text is not None:
            # the substitute stands for the names; a label stays
            parts = NameParts(replacement=slot.replacement)
            replaced = self._again(parts, item, names_context, context, **kwargs)
            # a title standing in for the names is replaced whole
            return replaced if slot.replacement in str(replaced) else slot.replacement
        return None if slot.suppress else text


def _rerender(
    names: Any, parts: NameParts, item: Any, names_context: Any, context: Any, **kwargs: Any
) -> Any:
    """The names rendered once more with `parts`, leaving no trace (a
    substitute marks the variables it used as done)."""
    repressed = _repressed(context if context is not None else names)
    saved = {tag: list(done) for tag, done in (repressed or {}).items()}
    token = NAME_PARTS.set(parts)
    try:
        return super(CollapsibleNames, names).process(item, names_context, context, **kwargs)
    finally:
        NAME_PARTS.reset(token)
        if repressed is not None:
            repressed.clear()
            repressed.update(saved)


#: Set in a `cs:names` node's `__dict__` (see `memoised`): it has a `cs:name`,
#: and whether it has a `cs:label`. A style tree only changes by `_give_name`.
_NAMED: Final = "_refport_has_name"
_LABELLED: Final = "_refport_has_label"


def _give_name(names: Any) -> None:
    """A `cs:names` with no `cs:name` gets a default one, once (citeproc-py
    inserts a new foreign element on every render); looked up once per node."""
    if names.__dict__.get(_NAMED):
        return
    if names.find("cs:name", names.nsmap) is None:
        names.insert(0, names.makeelement(f"{{{names.nsmap['cs']}}}name", {}))
    names.__dict__[_NAMED] = True


def _has_label(names: Any) -> bool:
    labelled: bool | None = names.__dict__.get(_LABELLED)
    if labelled is None:
        labelled = names.__dict__[_LABELLED] = names.find("cs:label", names.nsmap) is not None
    return labelled


def _repressed(context: Any) -> dict[str, list[str]] | None:
    try:
        layout = context.get_layout()
    except (IndexError, AttributeError):
        return None
    repressed: dict[str, list[str]] | None = getattr(layout, "repressed", None)
    return repressed


@dataclass
class Cite:
    """One rendered cite of a citation."""

    item: Any
    text: str
    names: str = ""
    shorter: str | None = None  # the cite without its names
    short: str | None = None  # that, where the cite follows one with the same names

    @property
    def has_locator(self) -> bool:
        return self.item is not None and "locator" in self.item


class CiteLayout(model.Layout):  # type: ignore[misc]
    """`cs:layout`: cite order and collapsing in a citation (see the module);
    `subsequent-author-substitute` in a bibliography."""

    def render_bibliography(self, citation_items: list[Any]) -> list[Any]:
        owner = self.getparent()
        substitute = owner.get("subsequent-author-substitute")
        output = []
        for item in citation_items:
            text, names = self._entry(item, None)
            if substitute is not None and names:
                bibliography = item.bibliography
                if names == getattr(bibliography, "refport_last_names", None):
                    text, _ = self._entry(item, str(substitute))
                bibliography.refport_last_names = names
            if text is not None:
                output.append(text)
        return output

    def entry_names(self, item: Any) -> str:
        """The names an entry prints, as `subsequent-author-substitute`
        compares them (they do not depend on the entries before it)."""
        return self._entry(item, None)[1]

    def _entry(self, item: Any, replacement: str | None) -> tuple[Any, str]:
        self.repressed: dict[str, list[str]] = {}
        compared = self.getparent().get("subsequent-author-substitute") is not None
        slot = NamesSlot(replacement=replacement, compared=compared)
        token = NAMES_SLOT.set(slot)
        try:
            if self.getparent().get("second-field-align") and self.get_formatter() is html:
                text = self._aligned(item)
            else:
                text = self.format(self.wrap(self.render_children(item)))
        finally:
            NAMES_SLOT.reset(token)
        return text, slot.text or ""

    def _aligned(self, item: Any) -> Any:
        """`second-field-align` in HTML, as citeproc-js prints it: the first
        field in a `csl-left-margin` block, the rest (and the layout's
        suffix) in a `csl-right-inline` one."""
        pieces = []
        for child in children(self):
            try:
                text = (
                    child.render(item, delimiter=str(self.get("delimiter", "")))
                    if isinstance(child, model.Choose)
                    else child.render(item)
                )
            except VariableError:
                continue
            if text is not None:
                pieces.append(text)
        if not pieces:
            return None
        rest = join(pieces[1:], str(self.get("delimiter", "")))
        return (
            str(self.get("prefix", ""))
            + f'<div class="csl-left-margin">{pieces[0]}</div>'
            + f'<div class="csl-right-inline">{rest}{self.get("suffix", "")}</div>'
        )

    def render_citation(self, citation: Any, callback: Any) -> Any:
        owner = self.getparent()
        cites = list(citation.cites)
        sort = owner.find("cs:sort", self.nsmap) if len(cites) > 1 else None
        if sort is not None:
            good = sort.sort([c for c in cites if not c.is_bad()], self)
            cites = good + [c for c in cites if c.is_bad()]
        collapse = str(owner.get("collapse", ""))
        shorten = collapse.startswith("year") and len(cites) > 1
        pieces: list[Cite] = []
        self.refport_first_cite = True
        for item in cites:
            if item.is_bad():
                pieces.append(Cite(None, callback(item) or f"{item.key}?"))
                continue
            piece = self._one(item, shorten)
            self.refport_first_cite = False
            if piece is not None:
                pieces.append(piece)
                owner.cites.append(item)
        if collapse or owner.get("cite-group-delimiter") is not None:
            pieces = _grouped(pieces)
        return self.format(self.wrap(self._join(pieces, collapse, owner)))

    def _one(self, item: Any, shorten: bool) -> Cite | None:
        """A cite, and (for collapsing) the same cite without its names,
        rendered before the cite counts as cited (positions stay right)."""
        text, names = self._render(item, suppress=False)
        if text is None:
            return None
        piece = Cite(item, text, names)
        if shorten and names:
            piece.shorter, _ = self._render(item, suppress=True)
        return piece

    def _render(self, item: Any, suppress: bool) -> tuple[str | None, str]:
        self.repressed = {}
        owner = self.getparent()
        grouped = bool(owner.get("collapse")) or owner.get("cite-group-delimiter") is not None
        slot = NamesSlot(suppress=suppress, compared=grouped)
        token = NAMES_SLOT.set(slot)
        terms: list[str] = []
        terms_token = FIRST_TERM.set(terms)
        try:
            output = self.render_children(item)
        except VariableError:
            output = None
        finally:
            NAMES_SLOT.reset(token)
            FIRST_TERM.reset(terms_token)
        if output is None:
            return None, ""
        prefix = str(item.get("prefix", ""))
        text = str(output)
        if terms and self._starts_note(prefix):
            text = capitalise_leading_term(text, terms[0])
        text = cite_prefix(prefix) + text + cite_suffix(item.get("suffix", ""))
        return text, slot.text or ""

    def _starts_note(self, prefix: str) -> bool:
        """Whether a cite opens a sentence of a footnote (citeproc-js): the
        first cite of a note style's citation without a prefix, or any cite
        after a prefix of several words ending a sentence ("Compare this. ")."""
        if self.get_root().get("class") != "note":
            return False
        if not prefix:
            return bool(getattr(self, "refport_first_cite", False))
        tail = _PREFIX_TAIL.sub("", prefix)
        return tail.endswith((".", ":", ";", "!", "?")) and " " in prefix.strip()

    def _join(self, pieces: list[Cite], collapse: str, owner: Any) -> str:
        delimiter = str(self.get("delimiter", ""))
        if collapse == "citation-number":
            return _join_numbers(
                pieces, delimiter, str(owner.get("after-collapse-delimiter", delimiter))
            )
        if not pieces:
            return ""
        if not collapse.startswith("year"):
            group = owner.get("cite-group-delimiter")
            return "".join(
                affix_delimiter(
                    str(group) if group is not None and p.names == q.names else delimiter, p, q
                )
                + q.text
                if n
                else q.text
                for n, (p, q) in enumerate(zip([pieces[0], *pieces], pieces, strict=False))
            )
        units = _units(pieces, collapse)
        if collapse == "year-suffix-ranged":
            units = _ranges(units)
        delimiters = Delimiters(
            delimiter,
            owner.get("after-collapse-delimiter"),
            owner.get("cite-group-delimiter"),
            str(owner.get("year-suffix-delimiter", delimiter)),
            collapse,
            str(owner.get_root().get("class", "in-text")) == "in-text",
        )
        out = ""
        for index, unit in enumerate(units):
            if index:
                out += delimiters.before(units[index - 1], unit)
            out += unit.text
        return out


#: Characters after which a cite prefix takes a space (citeproc-js: a letter of
#: an alphabetic script, a digit, closing bracket or punctuation), and before
#: which a cite suffix does.
_SPACE_AFTER_PREFIX: Final = re.compile(
    "[0-9A-Za-z\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff"
    "\u0e01-\u0e5b\u1f00-\u1fff.;:!?&)\\],]$"
)
_SPACE_BEFORE_SUFFIX: Final = re.compile(
    "^[A-Za-z\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff"
    "\u0e01-\u0e5b\u1f00-\u1fff&(\\[]"
)
#: What a prefix's last word is judged by: markup, placeholders and closing
#: quotes and spaces left off.
_PREFIX_TAIL: Final = re.compile(
    "(?:<[^>]+>|[\ue000-\ue0ff])|[\"'\u201d\u2019\u00bb\u202f\u00a0 ]+$"
)
_CITE_PUNCTUATION: Final = (";", ".", ",")


#: The first term a cite printed (filled by `patches.TitleCasedText`).
FIRST_TERM: ContextVar[list[str] | None] = ContextVar("refport_first_term", default=None)


def capitalise_leading_term(text: str, term: str) -> str:
    """`text` with its first letter capitalised, if it starts with `term`
    (markup aside): "ibid." opening a footnote prints "Ibid."."""
    plain = _strip_tags(text).lstrip()
    if not term or not plain.startswith(_strip_tags(term).lstrip()):
        return text
    match = re.match(r"(?:<[^>]+>|[\ue000-\ue0ff]|\s)*", text)
    at = match.end() if match else 0
    return text[:at] + text[at : at + 1].upper() + text[at + 1 :]


def cite_prefix(prefix: str) -> str:
    """A cite's prefix as citeproc-js prints it: a space is added after a
    word or punctuation ("See" -> "See "), and runs of spaces collapse."""
    if not prefix:
        return ""
    test = _PREFIX_TAIL.sub("", prefix)
    space = " " if _SPACE_AFTER_PREFIX.search(test) else ""
    return re.sub(r"\s+", " ", prefix + space)


def cite_suffix(suffix: str) -> str:
    """A suffix starting with a letter or bracket gets a space in front."""
    return " " + suffix if _SPACE_BEFORE_SUFFIX.match(suffix) else suffix


def affix_delimiter(delimiter: str, previous: Cite, piece: Cite) -> str:
    """The delimiter between two cites gives way to a cite's own punctuation
    (citeproc-js): after a suffix ending in ; . or , only its space stays
    ("… is one source, Jones"); before a prefix starting with one, nothing."""
    suffix = str(previous.item.get("suffix", "")) if previous.item is not None else ""
    prefix = str(piece.item.get("prefix", "")) if piece.item is not None else ""
    if suffix.endswith(_CITE_PUNCTUATION):
        return delimiter[delimiter.index(" ") :] if " " in delimiter else ""
    if not suffix and prefix.startswith(_CITE_PUNCTUATION):
        return ""
    return delimiter


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of a collapsed citation: a whole cite, a cite without its names
    (collapsed), or a year suffix alone."""

    piece: Cite
    text: str
    collapsed: bool = False
    suffix_only: bool = False


@dataclass(frozen=True, slots=True)
class Delimiters:
    """Which delimiter goes between two units (citeproc-js's rules)."""

    layout: str
    after: str | None
    group: str | None
    suffix: str
    collapse: str
    in_text: bool

    def before(self, previous: Unit, unit: Unit) -> str:
        if unit.suffix_only:
            return self.suffix
        if self.after is not None:
            if previous.piece.has_locator or (previous.collapsed and not unit.collapsed):
                return self.after
            if not previous.collapsed and not unit.collapsed and self.collapse != "year-suffix":
                return self.after
            return self.layout
        if unit.collapsed and self.group is not None:
            return self.group
        if unit.collapsed and self.in_text:
            return ", "
        return self.layout


def _units(pieces: list[Cite], collapse: str) -> list[Unit]:
    units: list[Unit] = []
    for group in _groups(pieces):
        units.append(Unit(group[0], group[0].text))
        for previous, piece in pairwise(group):
            only = _suffix_only(previous, piece) if collapse != "year" else None
            if only is not None:
                units.append(Unit(piece, only, collapsed=True, suffix_only=True))
            elif piece.short:
                units.append(Unit(piece, str(piece.short), collapsed=True))
    return units


def _ranges(units: list[Unit]) -> list[Unit]:
    """Three or more consecutive year suffixes become "a–c"."""
    merged: list[Unit] = []
    index = 0
    while index < len(units):
        end = index
        while (
            end + 1 < len(units)
            and units[end + 1].suffix_only
            and _consecutive(units[end].piece, units[end + 1].piece)
        ):
            end += 1
        if end - index >= 2:
            first = units[index]
            merged.append(
                Unit(
                    first.piece,
                    first.text + EN_DASH + units[end].text,
                    first.collapsed,
                    first.suffix_only,
                )
            )
        else:
            merged += units[index : end + 1]
        index = end + 1
    return merged


def _grouped(pieces: list[Cite]) -> list[Cite]:
    """Cite grouping: cites with the same names move up to the first of them,
    and all but that first one may collapse (`short`)."""
    groups: dict[str, list[Cite]] = {}
    order: list[list[Cite]] = []
    for piece in pieces:
        if piece.item is not None and piece.names and piece.names in groups:
            groups[piece.names].append(piece)
            continue
        order.append([piece])
        if piece.item is not None and piece.names:
            groups[piece.names] = order[-1]
    result: list[Cite] = []
    for group in order:
        group[0].short = None
        for piece in group[1:]:
            piece.short = piece.shorter
        result += group
    return result


def _groups(pieces: list[Cite]) -> list[list[Cite]]:
    groups: list[list[Cite]] = []
    for piece in pieces:
        if groups and piece.short is not None:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _consecutive(left: Cite, right: Cite) -> bool:
    a, b = _own_suffix(left), _own_suffix(right)
    return len(a) == len(b) == 1 and ord(b) == ord(a) + 1


def _own_suffix(piece: Cite) -> str:
    state = entry_state(piece.item) if piece.item is not None else None
    return state.suffix if state else ""


def _suffix_only(previous: Cite, piece: Cite) -> str | None:
    """The suffix alone ("b", "<i>b</i>"), if `piece` repeats the year of
    `previous` (no locators in between)."""
    mine, theirs = _own_suffix(piece), _own_suffix(previous)
    if not mine or not theirs or piece.has_locator or previous.has_locator:
        return None
    short, before = str(piece.short), str(previous.short or previous.text)
    cut, their_cut = _year_end(short, mine), _year_end(before, theirs)
    if cut is None or their_cut is None:
        return None
    year = _strip_tags(short[:cut])
    same = bool(year) and _strip_tags(before[:their_cut]).endswith(year)
    return short[cut:] if same else None


def _year_end(text: str, suffix: str) -> int | None:
    """Where the year before `suffix` ends in a rendered cite."""
    match = re.search(rf"\d((?:<[^>]+>)*){re.escape(suffix)}(?![a-z])", text)
    return match.start(1) if match else None


def _strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def _join_numbers(pieces: list[Cite], delimiter: str, after: str) -> str:
    """Runs of three or more consecutive citation numbers become ranges."""
    out, index = "", 0
    collapsed = False
    while index < len(pieces):
        end = index
        while end + 1 < len(pieces) and _next_number(pieces[end], pieces[end + 1]):
            end += 1
        if index:
            out += after if collapsed else delimiter
        if end - index >= 2:
            out += pieces[index].text + EN_DASH + pieces[end].text
            collapsed, index = True, end + 1
        else:
            out += pieces[index].text
            collapsed, index = False, index + 1
    return out


def _number_pattern(piece: Cite) -> tuple[int, str] | None:
    if piece.item is None:
        return None
    number = piece.item.number
    text = _strip_tags(piece.text)
    if len(re.findall(r"\d+", text)) != 1 or str(number) not in text:
        return None
    return number, piece.text.replace(str(number), "#", 1)


def _next_number(left: Cite, right: Cite) -> bool:
    a, b = _number_pattern(left), _number_pattern(right)
    return a is not None and b is not None and a[1] == b[1] and b[0] == a[0] + 1
