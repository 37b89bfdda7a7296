"""CSL disambiguation, which citeproc-py 0.11 does not do at all.

Two items whose cites render the same ("Smith 2020" twice) are told apart,
in the order CSL 1.0.2 prescribes, by whichever of the style's
`cs:citation` options are on:

1. `disambiguate-add-names`: show more names than `et-al-use-first`, one at a
   time, and with `disambiguate-add-givenname` try each visible name's
   initials, then its given name, before adding the next;
2. `givenname-disambiguation-rule` other than `by-cite`: first, everywhere,
   expand names that two different people share ("J. Doe" / "A. Doe"),
   whether or not their cites collide;
3. `disambiguate="true"` conditions, rendered only for items still tied;
4. `disambiguate-add-year-suffix`: "2020a", "2020b" in bibliography order.

Names and given names added in vain are taken back before step 3.

`resolve` works on rendered text only: the caller renders an item's cite with
the states it is given and reports which names that cite showed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from string import ascii_lowercase
from typing import Any, Final

from refport.render.names import FULL, INITIALS, CiteState, Person, RenderLog

#: givenname-disambiguation-rule -> (only the first name?, deepest level).
RULES: Final[dict[str, tuple[bool, int]]] = {
    "all-names": (False, FULL),
    "all-names-with-initials": (False, INITIALS),
    "primary-name": (True, FULL),
    "primary-name-with-initials": (True, INITIALS),
    "by-cite": (False, FULL),
}

Render = Callable[[str], str]
Logs = dict[str, RenderLog]
#: Every given key's cite and log, rendered in the state it starts in.
FirstPass = Callable[[Sequence[str]], Sequence[tuple[str, RenderLog | None]]]
#: What a cite's rendering depends on besides its item: the item's state.
Signature = tuple[str, int | None, tuple[tuple[int, int], ...], bool, str]


@dataclass(frozen=True, slots=True)
class Options:
    """The disambiguation options of a style's `cs:citation`."""

    add_names: bool = False
    add_givenname: bool = False
    rule: str = "by-cite"
    year_suffix: bool = False
    condition: bool = False

    @classmethod
    def of(cls, citation: Any, uses_condition: bool) -> Options:
        def flag(name: str) -> bool:
            return str(citation.get(name, "false")).lower() == "true"

        rule = str(citation.get("givenname-disambiguation-rule", "by-cite"))
        return cls(
            flag("disambiguate-add-names"),
            flag("disambiguate-add-givenname"),
            rule if rule in RULES else "by-cite",
            flag("disambiguate-add-year-suffix"),
            uses_condition,
        )

    @property
    def active(self) -> bool:
        return self.add_names or self.add_givenname or self.year_suffix or self.condition


def year_suffix(index: int) -> str:
    """a … z, aa … az, ba … (citeproc-js)."""
    letters = ascii_lowercase
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


class Resolver:
    """One disambiguation run over all items of a list."""

    def __init__(
        self,
        order: Sequence[str],
        render: Render,
        logs: Logs,
        options: Options,
        people: Mapping[str, Sequence[Sequence[Person]]] | None = None,
        memo: bool = True,
        first_pass: FirstPass | None = None,
    ) -> None:
        self.order, self.render, self.logs, self.options = order, render, logs, options
        #: Renders every cite once in the state it starts in, perhaps on several
        #: cores (`engine.disambiguate`); else `render` does, one at a time.
        self.first_pass = first_pass
        self.people = people or {}
        self.states = {key: CiteState() for key in order}
        self.texts: dict[str, str] = {}
        #: Cites already rendered, by item and state (a state taken back, or
        #: tried again for another group, is not rendered twice); off: `memo`.
        self.rendered: dict[Signature, tuple[str, RenderLog | None]] | None = {} if memo else None

    def run(self) -> dict[str, CiteState]:
        if self.first_pass is None:
            self._refresh(self.order)
        else:
            self._take(self.first_pass(self.order))
        if self.options.add_givenname and self.options.rule != "by-cite":
            self._expand_namesakes()
        for group in self._collisions(self.order):
            for tied in self._by_names(group):
                for still in self._by_condition(tied):
                    if self.options.year_suffix:
                        for letter, key in enumerate(still):
                            self.states[key].suffix = year_suffix(letter)
        return self.states

    # -- rendering ------------------------------------------------------------

    def _refresh(self, keys: Iterable[str]) -> None:
        for key in keys:
            signature = self._signature(key)
            known = self.rendered.get(signature) if self.rendered is not None else None
            if known is None:
                self.logs.pop(key, None)
                self.texts[key] = self.render(key)
                log = self.logs.get(key)
                if self.rendered is not None:
                    self.rendered[signature] = (self.texts[key], replace(log) if log else None)
                continue
            self.texts[key], log = known
            if log is None:
                self.logs.pop(key, None)
            else:
                self.logs[key] = replace(log)

    def _take(self, rendered: Sequence[tuple[str, RenderLog | None]]) -> None:
        """The first pass's cites and logs, kept as `_refresh` keeps them."""
        for key, (text, log) in zip(self.order, rendered, strict=True):
            self.texts[key] = text
            if log is None:
                self.logs.pop(key, None)
            else:
                self.logs[key] = log
            if self.rendered is not None:
                self.rendered[self._signature(key)] = (text, replace(log) if log else None)

    def _signature(self, key: str) -> Signature:
        """All a cite's text and log depend on, with its item: its state (a
        cite renders alone, first, without locator, in a fixed list)."""
        state = self.states[key]
        givens = tuple(sorted(state.givens.items()))
        return key, state.names, givens, state.condition, state.suffix

    def _collisions(self, keys: Sequence[str]) -> list[list[str]]:
        """Groups (in `keys` order) of items whose cites read the same."""
        groups: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            groups[self.texts[key]].append(key)
        return [group for group in groups.values() if len(group) > 1]

    def _split(self, group: list[str], changed: Iterable[str] | None = None) -> list[list[str]]:
        """`group` split by its cites, after rendering the `changed` ones again."""
        self._refresh(group if changed is None else changed)
        return self._collisions(group)

    def _shown(self, key: str) -> tuple[Person, ...]:
        log = self.logs.get(key)
        return log.people[: log.shown] if log else ()

    # -- 1. names and given names -------------------------------------------------

    def _by_names(self, group: list[str]) -> list[list[str]]:
        """Add names one at a time (trying given names of the visible ones at
        each count); the groups still tied at the end. A tied group goes back
        to the names it had when it was last split off: names that told no
        one apart are not kept."""
        if len({self.logs[k].people if k in self.logs else () for k in group}) < 2:
            return [group]  # the same names: neither more names nor given names help
        pending = [(group, self._snapshot(group))]
        most = max((len(self.logs[k].people) if k in self.logs else 0) for k in group)
        first = min(self._shown_count(k) for k in group)
        counts = range(first, most + 1) if self.options.add_names else range(first, first + 1)
        for count in counts:
            after = []
            for tied, snapshot in pending:
                split = self._try_count(tied, count)
                unchanged = len(split) == 1 and len(split[0]) == len(tied)
                after += [
                    (still, snapshot if unchanged else self._snapshot(still)) for still in split
                ]
            pending = after
            if not pending:
                return []
        for tied, snapshot in pending:
            for key in tied:
                self.states[key].names, self.states[key].givens = snapshot[key]
        self._refresh(k for tied, _ in pending for k in tied)
        return [tied for tied, _ in pending]

    def _snapshot(self, keys: list[str]) -> dict[str, tuple[int | None, dict[int, int]]]:
        return {key: (self.states[key].names, dict(self.states[key].givens)) for key in keys}

    def _shown_count(self, key: str) -> int:
        log = self.logs.get(key)
        return log.shown if log else 0

    def _try_count(self, group: list[str], count: int) -> list[list[str]]:
        """`count` names for the group; only cites that gain a name change."""
        if count > min(self._shown_count(k) for k in group):
            for key in group:
                self.states[key].names = count
            grown = [k for k in group if k in self.logs and len(self.logs[k].people) >= count]
            still = self._split(group, grown)
        else:
            still = self._collisions(group)
        if self.options.add_givenname:
            first_only, deepest = RULES[self.options.rule]
            positions = range(1 if first_only else count)
            still = [s for g in still for s in self._try_givens(g, positions, deepest)]
        return still

    def _try_givens(self, group: list[str], positions: range, deepest: int) -> list[list[str]]:
        pending = [group]
        for position in positions:
            for level in range(INITIALS, deepest + 1):
                pending = [s for g in pending for s in self._expand(g, position, level)]
                if not pending:
                    return []
        return pending

    def _expand(self, group: list[str], position: int, level: int) -> list[list[str]]:
        people = {
            key: shown[position] for key in group if len(shown := self._shown(key)) > position
        }
        if len(set(people.values())) < 2:
            return [group]
        changed = [key for key in people if self.states[key].givens.get(position, 0) < level]
        for key in changed:
            self.states[key].givens[position] = level
        return self._split(group, changed)

    def _expand_namesakes(self) -> None:
        """Rules other than by-cite: expand every name two people share.
        Expanding only adds to a cite, so only cites that collided so far are
        rendered again to look for collisions."""
        colliding = {key for group in self._collisions(self.order) for key in group}
        first_only, deepest = RULES[self.options.rule]
        seen: dict[str, set[str]] = defaultdict(set)
        for key in self.order:
            lists = [self._shown(key), *self.people.get(key, ())]
            for names in lists:  # every name of an item counts, shown or not (citeproc-js)
                for position, person in enumerate(names):
                    if not first_only or position == 0:
                        seen[person.family].add(person.given)
        changed = []
        for key in self.order:
            for position, person in enumerate(self._shown(key)):
                givens = seen.get(person.family, set())
                level = _level(person.given, givens, deepest) if len(givens) > 1 else 0
                if level and not (first_only and position):
                    self.states[key].givens[position] = level
                    changed.append(key)
        self._refresh(dict.fromkeys(key for key in changed if key in colliding))

    # -- 3. the disambiguate condition, 4. year suffixes ---------------------------

    def _by_condition(self, group: list[str]) -> list[list[str]]:
        """`disambiguate="true"` for a tied group: kept for all of it if it
        tells any of them apart (MLA's titles), taken back if not."""
        if not self.options.condition:
            return [group]
        for key in group:
            self.states[key].condition = True
        still = self._split(group)
        if len(still) == 1 and len(still[0]) == len(group):
            for key in group:
                self.states[key].condition = False
            self._refresh(group)
        return still


def _level(given: str, namesakes: set[str], deepest: int) -> int:
    """Initials if they tell this person from the namesakes, else the given
    name (or nothing, where the rule stops at initials)."""
    initials = _initials(given)
    clash = sum(1 for other in namesakes if _initials(other) == initials)
    if clash < 2:
        return INITIALS
    return FULL if deepest == FULL else 0


def _initials(given: str) -> str:
    return "".join(part[:1] for part in given.replace("-", " ").replace(".", " ").split())


def resolve(
    order: Sequence[str], render: Render, logs: Logs, options: Options
) -> dict[str, CiteState]:
    """Disambiguation states for the items in `order` (bibliography order)."""
    return Resolver(order, render, logs, options).run()
