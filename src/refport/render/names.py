"""`cs:name` as citeproc-py renders it, plus what disambiguation needs.

citeproc-py's `Name.process` renders every name of a list in one form. CSL
disambiguation needs more: show more names than `et-al-use-first` for one cite
(`disambiguate-add-names`), or one name's given name or initials
(`disambiguate-add-givenname`). `DisambiguatingName.process` is citeproc-py
0.11.1's method with those two hooks, reading the state `disambiguation` keeps
for the cite being rendered; with no state it renders exactly as citeproc-py.
It also honours `initialize="false"` (citeproc-py ignores it: chicago-author-date
printed "Abushov, K." instead of "Abushov, Kavus").
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Final

from citeproc import NAMES, model

#: Given-name levels for `disambiguate-add-givenname` (CSL 1.0.2, "Disambiguation").
INITIALS: Final = 1
FULL: Final = 2


@dataclass
class CiteState:
    """How one item's cites are disambiguated (set by `disambiguation`)."""

    names: int | None = None
    givens: dict[int, int] = field(default_factory=dict)
    condition: bool = False
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class NameParts:
    """What a `cs:names` prints while `subsequent-author-substitute` is worked
    out: its labels or not, and a substitute in place of the names."""

    labels: bool = True
    replacement: str | None = None


NAME_PARTS: ContextVar[NameParts | None] = ContextVar("refport_name_parts", default=None)


@dataclass(frozen=True, slots=True)
class Person:
    """A name as disambiguation compares it: shown key and full given name."""

    family: str
    given: str


@dataclass
class RenderLog:
    """What the first `cs:names` of a cite showed: every name of the variable
    and how many were shown (filled while `disambiguation` renders cites)."""

    people: tuple[Person, ...] = ()
    shown: int = 0


def _bibliography(item: Any) -> Any:
    citation = dict.get(item, "citation")
    return dict.get(citation, "bibliography") if citation is not None else None


def entry_state(item: Any) -> CiteState | None:
    """The disambiguation state of the item being rendered (cite or entry)."""
    states: dict[str, CiteState] | None = getattr(_bibliography(item), "refport_states", None)
    return states.get(item.key) if states else None


def cite_state(item: Any) -> CiteState | None:
    """The state, while a cite (not a bibliography entry) is rendered."""
    citing = getattr(_bibliography(item), "refport_citing", False)
    return entry_state(item) if citing else None


def _log(item: Any) -> RenderLog | None:
    logs: dict[str, RenderLog] | None = getattr(_bibliography(item), "refport_logs", None)
    if logs is None:
        return None
    return logs.setdefault(item.key, RenderLog())


class DisambiguatingName(model.Name):  # type: ignore[misc]
    """`cs:name` with per-cite name counts and given names (see the module)."""

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if name == "initialize-with" and self._initialize_off(context):
            return None
        return super().get_option(name, context, sort_options)

    def _initialize_off(self, context: Any) -> bool:
        if self.get("initialize") is not None:
            return bool(self.get("initialize") == "false")
        owner = (context if context is not None else self).xpath_search(
            "./ancestor-or-self::*[self::cs:citation or self::cs:bibliography][1]"
        )
        holders = [*owner, self.get_root()]
        return any(h.get("initialize") == "false" for h in holders)

    def process(
        self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kwargs: Any
    ) -> Any:
        sorting = sort_options is not None
        parts = NAME_PARTS.get()
        replacement = None if sorting or parts is None else parts.replacement
        if replacement is not None:
            return replacement
        state = None if sorting else cite_state(item)
        names = item.reference.get(variable, [])
        if state is not None and state.names:
            sort_options = _count_options(state.names, len(names))
        text = self._render(item, names, context, sort_options, state, sorting)
        log = _log(item) if sort_options is None or state is not None else None
        if log is not None and not log.people:
            log.people = tuple(_person(name) for name in names)
            log.shown = self._shown(len(names), context, sort_options)
        return text

    def _shown(self, count: int, context: Any, sort_options: Any) -> int:
        et_al_min = self.get_option("et-al-min", context, sort_options)
        use_first = self.get_option("et-al-use-first", context, sort_options)
        if count > 1 and et_al_min and count >= et_al_min:
            return min(count, int(use_first))
        return count

    def _render(
        self,
        item: Any,
        names: list[Any],
        context: Any,
        sort_options: Any,
        state: CiteState | None,
        sorting: bool = False,
    ) -> Any:
        """citeproc-py's loop; a sort key leaves out "and" and "et al."
        ("Colaresi, Rasler, Thompson" before "Colaresi, Thompson"), as
        citeproc-js does."""

        def get_option(name: str) -> Any:
            return self.get_option(name, context, sort_options)

        and_ = None if sorting else get_option("and")
        delimiter = get_option("delimiter")
        delimiter_precedes_et_al = get_option("delimiter-precedes-et-al")
        delimiter_precedes_last = get_option("delimiter-precedes-last")
        et_al_min = get_option("et-al-min")
        et_al_use_first = get_option("et-al-use-first")
        et_al_use_last = get_option("et-al-use-last")
        initialize_with = get_option("initialize-with")
        name_as_sort_order = get_option("name-as-sort-order")
        sort_separator = get_option("sort-separator")
        form = get_option("form")
        demote_ndp = get_option("demote-non-dropping-particle")
        givens = state.givens if state is not None else {}

        and_term = ""
        if and_ == "text":
            and_term = self.get_single_term(name="and")
        elif and_ == "symbol":
            and_term = self.preformat("&")

        et_al = "" if sorting else self.et_al()
        if form == "count":
            return min(len(names), et_al_use_first)
        et_al_truncate = len(names) > 1 and et_al_min and len(names) >= et_al_min
        et_al_last = et_al_use_last and et_al_use_first <= et_al_min - 2
        if et_al_truncate:
            last = [names[-1]] if et_al_last else []
            names = [*names[:et_al_use_first], *last]
        output = []
        for index, name in enumerate(names):
            level = givens.get(index, 0)
            output.append(
                self._one_name(
                    name,
                    index,
                    context,
                    form,
                    level,
                    initialize_with,
                    name_as_sort_order,
                    sort_separator,
                    demote_ndp,
                    sorting,
                )
            )

        if et_al_truncate and et_al:
            if et_al_last:
                ellipsis = self.unicode_character("horizontal ellipsis")
                output[-1] = ellipsis + " " + output[-1]
                text = self.join(output, delimiter)
            elif delimiter_precedes_et_al == "always" or (
                delimiter_precedes_et_al == "contextual" and len(output) >= 2
            ):
                output.append(et_al)
                text = self.join(output, delimiter)
            else:
                text = self.join(output, delimiter) + " " + et_al
        elif and_ is not None and len(output) > 1:
            text = self.join(output[:-1], ", ")
            if delimiter_precedes_last == "always" or (
                delimiter_precedes_last == "contextual" and len(output) > 2
            ):
                text = self.join([text, ""], ", ")
            else:
                text += " "
            text += f"{and_term} " + output[-1]
        else:
            text = self.join(output, delimiter)
        return text

    def _one_name(
        self,
        name: Any,
        index: int,
        context: Any,
        form: str,
        level: int,
        initialize_with: str | None,
        name_as_sort_order: str | None,
        sort_separator: str,
        demote_ndp: str,
        sorting: bool = False,
    ) -> Any:
        given, family, dp, ndp, suffix = name.parts()
        if sorting:  # a sort key compares the parts as words ("d' Wander")
            dp, ndp = (f"{p.strip()} " if p else p for p in (dp, ndp))
        if level == FULL:
            initialize_with = None
        if level and form == "short":
            form = "long"
        if given is not None and initialize_with is not None:
            given = self.initialize(given, initialize_with, context)
        if form == "long":
            if name_as_sort_order == "all" or (name_as_sort_order == "first" and index == 0):
                if demote_ndp in ("never", "sort-only"):
                    family = particle_join(ndp, family)
                    given = " ".join([n for n in (given, particle_join(dp)) if n])
                else:
                    given = " ".join([n for n in (given, particle_join(dp, ndp)) if n])
                given, family = self._format_parts(given, family)
                return sort_separator.join([n for n in (family, given, suffix) if n])
            family = particle_join(dp, ndp, family)
            given, family = self._format_parts(given, family)
            return " ".join([n for n in (given, family, suffix) if n])
        family = particle_join(ndp, family)
        given, family = self._format_parts(given, family)
        return family

    def _format_parts(self, given: Any, family: Any) -> tuple[Any, Any]:
        for part in self.findall("cs:name-part", self.nsmap):
            given, family = part.format_part(given, family)
        return given, family


def particle_join(*parts: Any) -> Any:
    """Particles and family name joined by spaces, except after a particle
    written against the name ("d'Aubignac", "al-One") or one that keeps its
    own space ("de' Frinkle")."""
    text: Any = ""
    for part in parts:
        if not part:
            continue
        if text and not str(text).endswith(("'", "\u2019", "\u02bb", "-", " ")):
            text += " "
        text += part
    return text.strip() if isinstance(text, str) else text


def _count_options(count: int, available: int) -> dict[str, Any]:
    """Name options that show `count` names (all of them: no et-al at all)."""
    if count >= available:
        return {"et-al-min": 0, "et-al-use-first": count}
    return {"et-al-use-first": count}


def people(reference: Any) -> list[tuple[Person, ...]]:
    """Every name list of a reference (author, editor …), as `Person`s."""
    return [
        tuple(_person(name) for name in value)
        for key, value in reference.items()
        if key in NAMES and isinstance(value, list)
    ]


def _person(name: Any) -> Person:
    given, family, _, ndp, _ = name.parts()
    shown = " ".join(str(part) for part in (ndp, family) if part)
    return Person(shown, " ".join(str(given or "").replace(".", " ").split()))
