"""citeproc-py element classes whose tree lookups are computed once per style.

citeproc-py 0.11 answers every structural question by running an XPath query
on every call: which macro has this name, which `cs:citation` or
`cs:bibliography` encloses this `cs:name`, which `cs:term` the locale has,
does this group call a variable (a walk through every macro below it). A style
tree never changes while it renders, so the answers are memoised here (with
`hotpaths`, 1,000 references in apa went from 6.1 s to about 1 s of CPU; the
render README section has the numbers).

Nothing in the citeproc module is modified. `fast_class` derives a subclass of
each citeproc-py element class; refport's parser builds styles and locale files
from those subclasses (see `engine.element_lookup`), so the memoised lookups
apply only to trees refport parsed. `keep_proxies` keeps one Python object per
XML node alive for the life of the tree: lxml then hands back that same object
on every access, and the memo stored in its `__dict__` survives.

What is memoised, and why it cannot go stale:

- `xpath_search(expr)`, per node and expression (macros, the enclosing
  citation/bibliography and layout, `cs:substitute`, `cs:et-al`, locale terms
  and dates): the queries test element names and `@name`/`@form`/`@match`,
  which rendering never changes.
- `get_macro(name)`, per tree: the first `cs:macro` of that name.
- `calls_variable()`, per node: depends on the subtree and its macros only.
- `get_root()`, `get_formatter()`'s owner, `get_layout()`, per node: nodes
  never move.
- `get_locale_option(name)` and the `cs:term` node `get_term()` finds, per tree
  root: the locale list is fixed when the style is loaded (the term's text is
  still formatted per call).
- `cs:name` options, per node and context: inherited from the enclosing
  citation/bibliography and the style, all read-only.
- `CitationItem.reference`, per cite: its source does not change.

`hotpaths` re-implements the methods citeproc-py spends most time in, with the
same results.
"""

from __future__ import annotations

from functools import cache, cached_property
from typing import Any, Final

from citeproc import CitationItem, model
from lxml import etree

from refport.render.hotpaths import SPECIALISED

#: Set on a node's `__dict__`; a missing attribute would otherwise fall through
#: to citeproc-py's `__getattr__`, which searches for a child element.
_XPATH: Final = "_refport_xpath"
_CALLS: Final = "_refport_calls_variable"
_TERMS: Final = "_refport_terms"
_OPTIONS: Final = "_refport_locale_options"
_PROXIES: Final = "_refport_proxies"
_ROOT: Final = "_refport_root"
_OWNER: Final = "_refport_formatter_owner"
_MACROS: Final = "_refport_macros"
_LAYOUT: Final = "_refport_layout"
_NAME_OPTIONS: Final = "_refport_name_options"
_NOT_FOUND: Final = object()
CSL: Final = "http://purl.org/net/xbiblio/csl"


def _memo(node: Any, slot: str) -> dict[Any, Any]:
    memo: dict[Any, Any] | None = node.__dict__.get(slot)
    if memo is None:
        memo = node.__dict__[slot] = {}
    return memo


class MemoisedTree:
    """Mixed in front of every citeproc-py element class (see `fast_class`)."""

    def get_root(self) -> Any:
        root = self.__dict__.get(_ROOT)
        if root is None:
            root = self.__dict__[_ROOT] = super().get_root()  # type: ignore[misc]
        return root

    def get_formatter(self) -> Any:
        """The formatter of the style this node belongs to (a locale file's
        nodes render with the formatter of the style that loaded it)."""
        owner = self.__dict__.get(_OWNER)
        if owner is None:
            root = self.get_root()
            owner = self.__dict__[_OWNER] = root.style if isinstance(root, model.Locale) else root
        return owner.formatter

    def get_layout(self) -> Any:
        """The enclosing `cs:layout` (citeproc-py: an XPath query per call,
        IndexError outside a layout)."""
        layout = self.__dict__.get(_LAYOUT)
        if layout is None:
            layout = self.__dict__[_LAYOUT] = super().get_layout()  # type: ignore[misc]
        return layout

    def xpath_search(self, expression: str) -> list[Any]:
        memo = _memo(self, _XPATH)
        found: list[Any] | None = memo.get(expression)
        if found is None:
            found = memo[expression] = super().xpath_search(expression)  # type: ignore[misc]
        return found

    def get_macro(self, name: str) -> Any:
        root = self.get_root()
        macros: dict[str, Any] | None = root.__dict__.get(_MACROS)
        if macros is None:
            macros = root.__dict__[_MACROS] = {}
            for macro in root.iterchildren(f"{{{CSL}}}macro"):
                macros.setdefault(macro.get("name"), macro)
        try:
            return macros[name]
        except KeyError:
            raise IndexError(f"no macro named {name!r}") from None

    def get_locale_option(self, name: str) -> Any:
        memo = _memo(self.get_root(), _OPTIONS)
        if name not in memo:
            memo[name] = super().get_locale_option(name)  # type: ignore[misc]
        return memo[name]


class MemoisedElement(MemoisedTree):
    """Style elements find their locale terms once per tree root."""

    def get_term(
        self,
        name: str,
        form: str | None = None,
        fallback_locale: bool = True,
        zero_padded: bool = False,
    ) -> Any:
        memo = _memo(self.get_root(), _TERMS)
        key = (name, form, fallback_locale, zero_padded)
        term = memo.get(key, _NOT_FOUND)
        if term is _NOT_FOUND:
            term = memo[key] = super().get_term(  # type: ignore[misc]
                name, form, fallback_locale=fallback_locale, zero_padded=zero_padded
            )
        return term


class MemoisedLocale(MemoisedTree):
    """`cs:locale` looks its terms up once (citeproc-py: an XPath per call)."""

    def get_term(self, name: str, form: str | None = None, zero_padded: bool = False) -> Any:
        memo = _memo(self, _TERMS)
        key = (name, form, zero_padded)
        term = memo.get(key, _NOT_FOUND)
        if term is _NOT_FOUND:
            try:
                term = super().get_term(name, form, zero_padded=zero_padded)  # type: ignore[misc]
            except IndexError:
                term = None
            memo[key] = term
        if term is None:
            raise IndexError(name)
        return term


class MemoisedCallsVariable:
    """`calls_variable()` walks the subtree (and its macros) once per node."""

    def calls_variable(self) -> bool:
        calls: bool | None = self.__dict__.get(_CALLS)
        if calls is None:
            calls = self.__dict__[_CALLS] = bool(super().calls_variable())  # type: ignore[misc]
        return calls


class MemoisedName:
    """`cs:name` options are inherited from the enclosing citation/bibliography
    and the style; they are resolved once per node and rendering context."""

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options and name in sort_options:
            return super().get_option(name, context, sort_options)  # type: ignore[misc]
        memo = _memo(self, _NAME_OPTIONS)
        key = (name, context)
        value = memo.get(key, _NOT_FOUND)
        if value is _NOT_FOUND:
            value = memo[key] = super().get_option(name, context, sort_options)  # type: ignore[misc]
        return value


class MemoisedCitationItem(CitationItem):  # type: ignore[misc]
    """A cite whose reference is looked up once (citeproc-py: three hops per access)."""

    @cached_property
    def reference(self) -> Any:
        return self.bibliography.source[self.key]


#: citeproc-py base class -> its memoised lookups beyond the common ones.
LOOKUPS: Final[tuple[tuple[type, type], ...]] = ((model.Name, MemoisedName),)


@cache
def fast_class(cls: type) -> type:
    """`cls` with the memoised lookups in front of its own methods."""
    mixins: list[type] = [MemoisedLocale if issubclass(cls, model.Locale) else MemoisedElement]
    if "calls_variable" in _methods(cls):
        mixins.append(MemoisedCallsVariable)
    mixins += [mixin for base, mixin in LOOKUPS if issubclass(cls, base)]
    # Date_Part copies attributes from the style into the locale's node while
    # rendering (citeproc-py), so it keeps citeproc-py's own methods.
    if not issubclass(cls, model.Date_Part):
        mixins += [mixin for base, mixin in SPECIALISED if issubclass(cls, base)]
    return type(cls.__name__, (*mixins, cls), {"__module__": __name__})


def _methods(cls: type) -> set[str]:
    return {name for klass in cls.__mro__ for name in vars(klass)}


def keep_proxies(root: etree._Element) -> None:
    """Hold a Python object for every node so each node's memo lives as long
    as the tree (lxml otherwise recreates proxies and forgets their attributes)."""
    root.__dict__[_PROXIES] = list(root.iter())
