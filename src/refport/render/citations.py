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
from citeproc.source import VariableError

from refport.render.names import entry_state

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
        if slot.replacement is not None and text is not None:
            return slot.replacement
        return None if slot.suppress else text


def _give_name(names: Any) -> None:
    """A `cs:names` with no `cs:name` gets a default one, once (citeproc-py
    inserts a new foreign element on every render)."""
    if names.find("cs:name", names.nsmap) is None:
        names.insert(0, names.makeelement(f"{{{names.nsmap['cs']}}}name", {}))


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

    def _entry(self, item: Any, replacement: str | None) -> tuple[Any, str]:
        self.repressed: dict[str, list[str]] = {}
        slot = NamesSlot(replacement=replacement)
        token = NAMES_SLOT.set(slot)
        try:
            text = self.format(self.wrap(self.render_children(item)))
        finally:
            NAMES_SLOT.reset(token)
        return text, slot.text or ""

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
        for item in cites:
            if item.is_bad():
                pieces.append(Cite(None, callback(item) or f"{item.key}?"))
                continue
            piece = self._one(item, shorten)
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
        slot = NamesSlot(suppress=suppress)
        token = NAMES_SLOT.set(slot)
        try:
            output = self.render_children(item)
        except VariableError:
            output = None
        finally:
            NAMES_SLOT.reset(token)
        if output is None:
            return None, ""
        text = str(item.get("prefix", "") + output + item.get("suffix", ""))
        return text, slot.text or ""

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
                (str(group) if group is not None and p.names == q.names else delimiter) + q.text
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
