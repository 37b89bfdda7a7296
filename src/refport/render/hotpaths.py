"""citeproc-py's hottest methods, re-implemented with the same results.

Rendering a bibliography entry visits a few hundred style nodes; citeproc-py
re-reads each node's attributes on every visit, walks children through a new
iterator each time, raises and catches `ConditionFailed` for every `cs:if`
branch not taken and a `VariableError` for every `cs:text` of an entry without
`language`. The mixins here read a node's attributes and children once (the
style tree does not change while it renders), evaluate conditions without
raising, and are otherwise line-for-line citeproc-py 0.11.1. `memoised.fast_class`
puts them in front of the citeproc-py classes; `tests/render/test_memoised.py`
checks that the output is identical.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String, join, normalize_seam

from refport.render.node import Node

_DECORATIONS: Final = "_refport_decorations"
_CHILDREN: Final = "_refport_children"
_TESTS: Final = "_refport_tests"
_TEXT_SOURCE: Final = "_refport_text_source"
_LANGUAGE: Final = "_refport_default_language"
_ATTRIBUTES: Final = "_refport_attributes"


#: CSL formatting attributes in the order citeproc-py applies them, and the
#: formatter class each value calls for (defaults and unknown values: none).
DECORATIONS: Final[tuple[tuple[str, dict[str, str]], ...]] = (
    ("font-style", {"italic": "Italic", "oblique": "Oblique"}),
    ("font-variant", {"small-caps": "SmallCaps"}),
    ("font-weight", {"bold": "Bold", "light": "Light"}),
    ("text-decoration", {"underline": "Underline"}),
    ("vertical-align", {"sup": "Superscript", "sub": "Subscript"}),
)


def _decorations(node: Any) -> tuple[str, ...]:
    found = (table.get(str(node.get(attribute))) for attribute, table in DECORATIONS)
    return tuple(name for name in found if name)


class MemoisedFormatted(Node):
    """`format()` applies only the decorations the node declares (citeproc-py:
    five attribute reads and five formatter look-ups per rendered piece)."""

    def format(self, string: Any) -> Any:
        if isinstance(string, (int, float)):
            string = str(string)
        names: tuple[str, ...] | None = self.__dict__.get(_DECORATIONS)
        if names is None:
            names = self.__dict__[_DECORATIONS] = _decorations(self)
        if names:
            formatter = self.get_formatter()
            for name in names:
                string = getattr(formatter, name)(string)
        return string


def attribute(node: Any, name: str, default: Any = None) -> Any:
    """A node's attribute, read once (never used for `cs:date-part`, whose
    attributes citeproc-py rewrites while rendering)."""
    attributes: dict[str, str] | None = node.__dict__.get(_ATTRIBUTES)
    if attributes is None:
        attributes = node.__dict__[_ATTRIBUTES] = dict(node.attrib)
    return attributes.get(name, default)


class MemoisedAffixed(Node):
    """`wrap()` and `quote()` read prefix, suffix and quotes once."""

    def wrap(self, string: Any) -> Any:
        if string is None:
            return None
        prefix, suffix = attribute(self, "prefix", ""), attribute(self, "suffix", "")
        if not prefix and not suffix:
            return "" + string
        string = normalize_seam(prefix, string)
        text = prefix + string
        return text + normalize_seam(text, suffix)

    def quote(self, string: Any) -> Any:
        if str(attribute(self, "quotes", "false")).lower() != "true":
            return string
        open_quote = self.get_single_term(name="open-quote")
        close_quote = self.get_single_term(name="close-quote")
        return open_quote + string + close_quote


class MemoisedGroup(Node):
    """citeproc-py's `cs:group` (suppressed when it calls variables and none
    rendered) over the memoised child list and delimiter."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        output = []
        called = rendered = False
        delimiter = attribute(self, "delimiter", "")
        for child in children(self):
            calls = child.calls_variable()
            called = called or calls
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
                rendered = rendered or calls
        if output and (rendered or not called):
            return self.join(output)
        raise VariableError


def children(node: Any) -> tuple[Any, ...]:
    """A node's child elements, listed once (the style tree does not change)."""
    found: tuple[Any, ...] | None = node.__dict__.get(_CHILDREN)
    if found is None:
        found = node.__dict__[_CHILDREN] = tuple(node)
    return found


class MemoisedParent(Node):
    """`render_children()` over the memoised child list; otherwise citeproc-py's."""

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        output = []
        for child in children(self):
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        return join(output, delimiter) if output else None


Test = Callable[[Any, Any, Any], list[Any]]


def _types(node: Any) -> Test:
    wanted = tuple(t.lower() for t in str(node.get("type")).split())

    def test(branch: Any, item: Any, context: Any) -> list[Any]:
        kind = dict.get(item.reference, "type")
        return [t == kind for t in wanted]

    return test


def _variables(node: Any) -> Test:
    wanted = tuple(v.replace("-", "_") for v in str(node.get("variable")).split())

    def test(branch: Any, item: Any, context: Any) -> list[Any]:
        reference = item.reference
        return [("locator" in item) if v == "locator" else (v in reference) for v in wanted]

    return test


def _original(method: str) -> Test:
    return lambda branch, item, context: list(
        getattr(branch, method)(item, context)
        if method == "_position"
        else getattr(branch, method)(item)
    )


#: `cs:if` attribute -> the test it compiles to (citeproc-py's order, and
#: `disambiguate`, which `patches.ConditionTests` adds).
CONDITIONS: Final[tuple[tuple[str, Callable[[Any], Test]], ...]] = (
    ("type", _types),
    ("variable", _variables),
    ("is-numeric", lambda node: _original("_is_numeric")),
    ("is-uncertain-date", lambda node: _original("_is_uncertain_date")),
    ("locator", lambda node: _original("_locator")),
    ("position", lambda node: _original("_position")),
    ("disambiguate", lambda node: _original("_disambiguate")),
)


class MemoisedCondition(Node):
    """`cs:if`/`cs:else-if` read their attributes once and answer `matches()`
    without raising (citeproc-py raises `ConditionFailed` for every branch not
    taken)."""

    def matches(self, item: Any, context: Any) -> bool:
        compiled: tuple[str | None, tuple[Test, ...]] | None = self.__dict__.get(_TESTS)
        if compiled is None:
            tests = tuple(
                make(self) for attribute, make in CONDITIONS if self.get(attribute) is not None
            )
            compiled = self.__dict__[_TESTS] = (self.get("match"), tests)
        match, tests = compiled
        results = [result for test in tests for result in test(self, item, context)]
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results)

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if not self.matches(item, context):
            raise model.ConditionFailed
        return self.render_children(
            item,
            context=context,
            delimiter=delimiter,
            **kwargs,
        )


class MemoisedChoose(Node):
    """`cs:choose` renders the first branch whose condition holds."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        for branch in children(self):
            if isinstance(branch, MemoisedCondition) and not branch.matches(item, context):
                continue
            return branch.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return None


#: `cs:text` attributes in the order citeproc-py tries them.
TEXT_SOURCES: Final = ("variable", "macro", "term", "value")


class MemoisedText(Node):
    """`cs:text` knows once what it prints, and finds the entry language
    without raising (citeproc-py raises and catches a `VariableError` for every
    entry without `language`, once per `cs:text`)."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> tuple[Any, Any]:
        if context is None:
            context = self
        language = dict.get(item.reference, "language")
        language = language[:2] if language is not None else self._default_language()
        source = self.__dict__.get(_TEXT_SOURCE)
        if source is None:
            source = self.__dict__[_TEXT_SOURCE] = next(
                (a for a in TEXT_SOURCES if self.get(a) is not None), ""
            )
        text: Any = None
        if source == "variable":
            text = self._variable(item, context)
        elif source == "macro":  # sort options reach nested macros (patches.TitleCasedText)
            sort_options = kwargs.get("sort_options")
            text = self.get_macro(self.get("macro")).render(item, context, sort_options)
        elif source == "term":
            text = self._term(item)
        elif source == "value":
            text = String(self.preformat(self.get("value")))
        return text, language

    def _default_language(self) -> str:
        root = self.get_root()
        language: str | None = root.__dict__.get(_LANGUAGE)
        if language is None:
            language = root.__dict__[_LANGUAGE] = str(root.get("default-locale", "en"))[:2]
        return language


#: citeproc-py base class -> the mixin that replaces its hot methods.
SPECIALISED: Final[tuple[tuple[type, type], ...]] = (
    (model.Formatted, MemoisedFormatted),
    (model.If, MemoisedCondition),
    (model.Choose, MemoisedChoose),
    (model.Parent, MemoisedParent),
    (model.Text, MemoisedText),
    (model.Group, MemoisedGroup),
    (model.Affixed, MemoisedAffixed),
)
