"""citeproc-py's hottest methods, re-implemented with the same results.

Rendering a bibliography entry visits a few hundred style nodes; citeproc-py
re-reads each node's attributes on every visit, walks children through a new
iterator each time, raises and catches `ConditionFailed` for every `cs:if`
branch not taken and a `VariableError` for every `cs:text` of an entry without
`language`. The mixins here read a node's attributes and children once (the
style tree does not change while it renders), evaluate conditions without
raising, render `cs:text` and `cs:group` (process and markup in one call,
skipping the steps a node's attributes make no-ops) and call a macro's
children directly; they are otherwise line-for-line citeproc-py 0.11.1.
`memoised.fast_class`
puts them in front of the citeproc-py classes; `tests/render/test_memoised.py`
checks that the output is identical.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String, join, normalize_seam

from refport.render.node import Node

_DECORATIONS: Final = "_refport_decorations"
_CHILDREN: Final = "_refport_children"
_TESTS: Final = "_refport_tests"
_TEXT_SOURCE: Final = "_refport_text_source"
_ATTRIBUTES: Final = "_refport_attributes"
_PLAN: Final = "_refport_plan"
_GROUP_PLAN: Final = "_refport_group_plan"
_BRANCHES: Final = "_refport_branches"
_WRAP: Final = "_refport_wrap"


class Markup(Node):
    """The markup steps of citeproc-py's elements the fused `render`s call
    (annotations only, like `Node`)."""

    tag: str
    format: Callable[[Any], Any]
    wrap: Callable[[Any], Any]
    quote: Callable[[Any], Any]
    case: Callable[..., Any]
    strip_periods: Callable[[Any], Any]
    unicode_character: Callable[[str], Any]
    _process: Callable[[Any, str], Any]


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


def _decoration_names(node: Any) -> tuple[str, ...]:
    names: tuple[str, ...] | None = node.__dict__.get(_DECORATIONS)
    if names is None:
        names = node.__dict__[_DECORATIONS] = _decorations(node)
    return names


class MemoisedFormatted(Node):
    """`format()` applies only the decorations the node declares (citeproc-py:
    five attribute reads and five formatter look-ups per rendered piece)."""

    def format(self, string: Any) -> Any:
        if isinstance(string, (int, float)):
            string = str(string)
        names = _decoration_names(self)
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
        affixes: tuple[str, str] | None = self.__dict__.get(_WRAP)
        if affixes is None:
            affixes = self.__dict__[_WRAP] = (
                attribute(self, "prefix", ""),
                attribute(self, "suffix", ""),
            )
        prefix, suffix = affixes
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


class MemoisedGroup(Markup):
    """citeproc-py's `cs:group` (suppressed when it calls variables and none
    rendered) over a child plan made once: each child, whether it is a
    `cs:choose` and whether it calls a variable."""

    def render(self, *args: Any, **kwargs: Any) -> Any:
        """`process` then `markup` (wrap and format a non-empty result)."""
        text = self.process(*args, **kwargs)
        if not text:
            return None
        if _decoration_names(self) or isinstance(text, (int, float)):
            text = self.format(text)
        return self.wrap(text)

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        output = []
        called = rendered = False
        plan: tuple[tuple[Any, bool, bool], ...] | None = self.__dict__.get(_GROUP_PLAN)
        if plan is None:
            plan = self.__dict__[_GROUP_PLAN] = tuple(
                (child, isinstance(child, model.Choose), bool(child.calls_variable()))
                for child in children(self)
            )
        for child, choose, calls in plan:
            called = called or calls
            try:
                if choose:
                    text = child.render(
                        item, context=context, delimiter=attribute(self, "delimiter", ""), **kwargs
                    )
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
        for child, choose in choose_plan(self):
            try:
                if choose:
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        return join(output, delimiter) if output else None


def choose_plan(node: Any) -> tuple[tuple[Any, bool], ...]:
    """A node's children, each with whether it is a `cs:choose` (made once)."""
    plan: tuple[tuple[Any, bool], ...] | None = node.__dict__.get(_PLAN)
    if plan is None:
        plan = node.__dict__[_PLAN] = tuple(
            (child, isinstance(child, model.Choose)) for child in children(node)
        )
    return plan


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


Predicate = Callable[[Any, Any], bool]


def _compiled(node: Any) -> Predicate:
    """A `cs:if`'s condition as one function of (item, context)."""
    present = [attribute for attribute, _ in CONDITIONS if node.get(attribute) is not None]
    match = node.get("match")
    if set(present) <= {"type", "variable"}:
        return _pure(node, match)
    tests = tuple(make(node) for attribute, make in CONDITIONS if attribute in present)

    def evaluate(item: Any, context: Any) -> bool:
        results = [result for test in tests for result in test(node, item, context)]
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results)

    return evaluate


def _pure(node: Any, match: str | None) -> Predicate:
    """`type` and `variable` tests only read the item and never raise, so they
    can stop at the first value that decides `match` (citeproc-py lists them
    all); one value, the most common case, is a single comparison."""
    types = tuple(t.lower() for t in str(node.get("type") or "").split())
    variables = tuple(v.replace("-", "_") for v in str(node.get("variable") or "").split())
    negate = match == "none"
    if len(types) + len(variables) == 1 and "locator" not in variables:
        if types:
            wanted = types[0]
            return lambda item, context: (dict.get(item.reference, "type") == wanted) != negate
        variable = variables[0]
        return lambda item, context: (variable in item.reference) != negate

    if not types and not variables:  # nothing to test: all([]) holds, any([]) does not
        return lambda item, context: match != "any"
    if not variables and match != "any" and not negate:  # all: every type is the item's
        distinct = frozenset(types)
        return lambda item, context: distinct == {dict.get(item.reference, "type")}
    if not variables:
        wanted_types = frozenset(types)
        return lambda item, context: (dict.get(item.reference, "type") in wanted_types) != negate
    if not types and "locator" not in variables:
        wanted_variables = frozenset(variables)
        if match == "any" or negate:
            return lambda item, context: (
                (not dict.keys(item.reference).isdisjoint(wanted_variables)) != negate
            )
        return lambda item, context: wanted_variables <= dict.keys(item.reference)

    def values(item: Any) -> Iterator[bool]:
        kind = dict.get(item.reference, "type")
        for wanted in types:
            yield wanted == kind
        reference = item.reference
        for variable in variables:
            yield ("locator" in item) if variable == "locator" else (variable in reference)

    if match == "any" or negate:
        return lambda item, context: any(values(item)) != negate
    return lambda item, context: all(values(item))


class MemoisedCondition(Node):
    """`cs:if`/`cs:else-if` read their attributes once and answer `matches()`
    without raising (citeproc-py raises `ConditionFailed` for every branch not
    taken)."""

    def matches(self, item: Any, context: Any) -> bool:
        predicate: Predicate | None = self.__dict__.get(_TESTS)
        if predicate is None:
            predicate = self.__dict__[_TESTS] = _compiled(self)
        return predicate(item, context)

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
        branches: tuple[tuple[Any, bool], ...] | None = self.__dict__.get(_BRANCHES)
        if branches is None:
            branches = self.__dict__[_BRANCHES] = tuple(
                (branch, isinstance(branch, MemoisedCondition)) for branch in children(self)
            )
        for branch, conditional in branches:
            if conditional and not branch.matches(item, context):
                continue
            return branch.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return None


#: `cs:text` attributes in the order citeproc-py tries them.
TEXT_SOURCES: Final = ("variable", "macro", "term", "value")


@dataclass(frozen=True, slots=True)
class TextPlan:
    """What a `cs:text` node prints and which markup steps it takes, read
    from its attributes once."""

    kind: str  # "variable", "macro", "term", "value" or ""
    macro: Any  # the macro it calls (None: not found, or not a macro)
    plain_macro: bool  # the macro renders as citeproc-py's Macro.render
    language: str  # the style's default language, for entries without one
    strip: bool
    cased: bool
    decorated: bool
    quoted: bool

    @classmethod
    def of(cls, node: Any) -> TextPlan:
        kind = next((a for a in TEXT_SOURCES if node.get(a) is not None), "")
        macro = None
        if kind == "macro":
            try:
                macro = node.get_macro(node.get("macro"))
            except IndexError:
                macro = None
        return cls(
            kind=kind,
            macro=macro,
            plain_macro=macro is not None and type(macro).render is model.Macro.render,
            language=str(node.get_root().get("default-locale", "en"))[:2],
            strip=str(attribute(node, "strip-periods", "false")).lower() == "true",
            cased=node.get("text-case") is not None,
            decorated=bool(_decoration_names(node)),
            quoted=str(attribute(node, "quotes", "false")).lower() == "true",
        )


class MemoisedText(Markup):
    """`cs:text` knows once what it prints (and which macro), finds the entry
    language without raising (citeproc-py raises and catches a `VariableError`
    for every entry without `language`, once per `cs:text`), and renders in
    one call, skipping the markup steps its attributes make no-ops."""

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        """`process` then citeproc-py's `markup`: strip periods, case, format,
        quote, wrap; a step the node does not ask for returns its input."""
        text, language = self.process(item, *args, **kwargs)
        if not text:
            return None
        plan = self._plan()
        if plan.strip:
            text = self.strip_periods(text)
        if plan.cased:
            text = self.case(text, language)
        if plan.decorated or isinstance(text, (int, float)):
            text = self.format(text)
        if plan.quoted:
            text = self.quote(text)
        return self.wrap(text)

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> tuple[Any, Any]:
        if context is None:
            context = self
        plan = self._plan()
        language = dict.get(item.reference, "language")
        language = language[:2] if language is not None else plan.language
        kind = plan.kind
        text: Any = None
        if kind == "variable":
            text = self._variable(item, context)
        elif kind == "macro":  # sort options reach nested macros (patches.TitleCasedText)
            sort_options = kwargs.get("sort_options")
            macro = plan.macro
            if macro is None:
                macro = self.get_macro(self.get("macro"))  # IndexError, as citeproc-py
            if plan.plain_macro:  # citeproc-py's Macro.render only renders the children
                text = macro.render_children(item, context=context, sort_options=sort_options)
            else:
                text = macro.render(item, context, sort_options)
        elif kind == "term":
            text = self._term(item)
        elif kind == "value":
            text = String(self.preformat(self.get("value")))
        return text, language

    def _plan(self) -> TextPlan:
        plan: TextPlan | None = self.__dict__.get(_TEXT_SOURCE)
        if plan is None:
            plan = self.__dict__[_TEXT_SOURCE] = TextPlan.of(self)
        return plan

    def _variable(self, item: Any, context: Any) -> Any:
        """citeproc-py's `Text._variable`, the layout looked up once per context."""
        variable = attribute(self, "variable")
        repressed = context.get_layout().repressed
        if repressed:
            tag = self.tag
            if tag in repressed and variable in repressed[tag]:
                return None
        reference = item.reference
        if attribute(self, "form") == "short":
            short_variable = variable + "-short"
            if short_variable.replace("-", "_") in reference:
                variable = short_variable
        if variable.startswith("page"):
            return self._process(reference.page, variable)
        if variable == "citation-number":
            return item.number
        if variable == "locator":
            en_dash = self.unicode_character("EN DASH")
            return str(item.locator.identifier).replace("-", en_dash)
        return reference[variable.replace("-", "_")]


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
