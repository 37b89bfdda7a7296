"""citeproc-py element classes with the CSL behaviour it lacks.

These subclasses are plugged into refport's own XML parser (see
`engine.element_lookup`), so they apply only to styles refport loads; the
citeproc module itself is never modified. What each one fixes is listed in the
render README section ("citeproc-py 0.11 gaps").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, Final

from citeproc import model
from citeproc.source import DateRange, LiteralDate, VariableError
from citeproc.string import join

from refport.render.citations import FIRST_TERM, CiteLayout, CollapsibleNames
from refport.render.collation import CollatedSort
from refport.render.hotpaths import children
from refport.render.names import NAME_PARTS, DisambiguatingName, entry_state
from refport.render.node import Node
from refport.render.textcase import TitleCase

#: CSL 1.0.2 numeric content: numbers with optional letter affixes ("D2",
#: "2nd"), separated by comma, hyphen, en dash or ampersand ("2-4", "2 & 4").
_NUMERIC: Final = re.compile(r"\s*[^\W\d_]*\d+[^\W\d_]*(?:\s*[,&\-–]\s*[^\W\d_]*\d+[^\W\d_]*)*\s*")


def is_numeric(value: Any) -> bool:
    """CSL `is-numeric` (citeproc-py rejects "81-83" and never looks at the
    cite's locator)."""
    if value is None:
        return False
    if isinstance(value, int):
        return True
    return _NUMERIC.fullmatch(str(value)) is not None


def _value(item: Any, variable: str) -> Any:
    if variable == "locator":
        return item.locator.identifier if "locator" in item else None
    return dict.get(item.reference, variable)


class ConditionTests(Node):
    """`cs:if`/`cs:else-if`: `is-numeric` as CSL defines it (also on the
    cite's locator: apa's "Chapter 3"), and `disambiguate="true"`, which
    citeproc-py ignores (it always took the branch)."""

    def _is_numeric(self, item: Any) -> list[bool]:
        wanted = str(self.get("is-numeric")).split()
        return [is_numeric(_value(item, variable.replace("-", "_"))) for variable in wanted]

    def _disambiguate(self, item: Any) -> list[bool]:
        state = entry_state(item)
        wanted = str(self.get("disambiguate")).lower() == "true"
        return [bool(state and state.condition) == wanted]

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        """citeproc-py's `If.render` with the `disambiguate` test added."""
        results: list[Any] = []
        for attribute, test in _TESTS:
            if attribute in self.attrib:
                results += test(self, item, context)
        match = self.get("match")
        result = (
            any(results)
            if match == "any"
            else not any(results)
            if match == "none"
            else all(results)
        )
        if not result:
            raise model.ConditionFailed
        return self.render_children(
            item,
            context=context,
            delimiter=delimiter,
            **kwargs,
        )


#: citeproc-py's condition tests, in its order, plus `disambiguate`.
_TESTS: Final[tuple[tuple[str, Callable[[Any, Any, Any], list[Any]]], ...]] = (
    ("type", lambda node, item, context: node._type(item)),
    ("variable", lambda node, item, context: node._variable(item)),
    ("is-numeric", lambda node, item, context: node._is_numeric(item)),
    ("is-uncertain-date", lambda node, item, context: node._is_uncertain_date(item)),
    ("locator", lambda node, item, context: node._locator(item)),
    ("position", lambda node, item, context: node._position(item, context)),
    ("disambiguate", lambda node, item, context: node._disambiguate(item)),
)


class ConditionIf(ConditionTests, model.If):  # type: ignore[misc]
    pass


class ConditionElseIf(ConditionTests, model.Else_If):  # type: ignore[misc]
    pass


#: The year suffix waiting for the year of the date being rendered (a
#: one-slot box, emptied when used), see `SuffixedDate`.
_PENDING_SUFFIX: ContextVar[list[str] | None] = ContextVar("refport_year_suffix", default=None)
#: Marks, in the layout's per-entry scratch dict, that the suffix was printed.
_SUFFIX_PRINTED: Final = "refport-year-suffix-printed"


class SuffixedDate(model.Date):  # type: ignore[misc]
    """A style that never prints `year-suffix` itself gets it after the first
    year it renders through `cs:date` (not `accessed`) in each cite and entry
    (CSL 1.0.2, "year-suffix"). In a sort key, a date is its value."""

    def process(
        self,
        item: Any,
        variable: str | None = None,
        show_parts: Any = None,
        context: Any = None,
        **kwargs: Any,
    ) -> Any:
        if kwargs.get("sort_options") is not None and not isinstance(self.get_root(), model.Locale):
            return date_sort_key(item, variable or self.get("variable"), _shown_parts(self))
        suffix = _implicit_suffix(item, variable or self.get("variable"))
        layout = _layout(context if context is not None else self) if suffix else None
        if (
            layout is None
            or layout.repressed.get(_SUFFIX_PRINTED)
            or _PENDING_SUFFIX.get() is not None
        ):
            return super().process(item, variable, show_parts, context, **kwargs)
        box = [suffix]
        token = _PENDING_SUFFIX.set(box)
        try:
            text = super().process(item, variable, show_parts, context, **kwargs)
        finally:
            _PENDING_SUFFIX.reset(token)
        if not box:
            layout.repressed[_SUFFIX_PRINTED] = True
        return text


def date_sort_key(item: Any, variable: str | None, shown: list[str]) -> str | None:
    """A date inside a sort macro sorts by its value, not its text (citeproc-js):
    "100 BC" before "44 BC", "March" after "January". Only the parts the
    `cs:date` shows count."""
    value = dict.get(item.reference, str(variable or "").replace("-", "_"))
    if value is None:
        return None
    if isinstance(value, LiteralDate):
        return str(value.text)
    point = value.begin if isinstance(value, DateRange) else value
    parts = [
        int(dict.get(point, part, 0) or 0) if part in shown else 0
        for part in ("year", "month", "day")
    ]
    return f"{parts[0] + 10000:05d}{parts[1]:02d}{parts[2]:02d}"


def _shown_parts(date: Any) -> list[str]:
    if date.get("form"):
        return str(date.get("date-parts", "year-month-day")).split("-")
    return [str(part.get("name")) for part in date.iterchildren()]


class SuffixedDatePart(model.Date_Part):  # type: ignore[misc]
    """The year part takes the pending year suffix (see `SuffixedDate`)."""

    def process(self, date: Any, context: Any = None) -> Any:
        text = super().process(date, context)
        box = _PENDING_SUFFIX.get()
        if box and text and self.get("name") == "year":
            text = text + box.pop()
        return text


def _implicit_suffix(item: Any, variable: str | None) -> str:
    bibliography = dict.get(item, "citation")
    bibliography = getattr(bibliography, "bibliography", None) if bibliography else None
    if variable == "accessed" or not getattr(bibliography, "refport_implicit_suffix", False):
        return ""
    state = entry_state(item)
    return state.suffix if state else ""


def _layout(node: Any) -> Any:
    try:
        return node.get_layout()
    except (IndexError, AttributeError):
        return None


#: A page number with what comes before its digits ("N110": "N", "110").
_PREFIXED_NUMBER: Final = re.compile(r"(.*?)(\d+)")


class PageRanges(Node):
    """`page-range-format` for every range, whatever its length (citeproc-py
    cut "1–64" to "1–4" and "5–33" to "5–3" under minimal-two: MLA); and only
    for ranges: numbers with the same prefix or none ("N110-N5", "110-5").
    Anything else keeps its hyphen, as CSL says and citeproc-js prints it
    ("110-N6", "N110-5")."""

    def _format_last_page(self, first: str, last: str) -> str:
        option = self.get_root().get_option("page-range-format")
        return last_page(str(first), str(last), option)

    def _process(self, value: Any, variable: str) -> Any:
        if variable != "page":
            return super()._process(value, variable)
        delimiter = self.get_single_term(name="page-range-delimiter") or "\u2013"
        option = self.get_root().get_option("page-range-format")

        def page_or_range(item: str) -> Any:
            ends = item.replace("\u2013", "-").split("-")
            if len(ends) != 2:
                return self.format_number(item.strip())
            first, last = (end.strip() for end in ends)
            head, tail = _PREFIXED_NUMBER.fullmatch(first), _PREFIXED_NUMBER.fullmatch(last)
            if head is None or tail is None or head.group(1) != tail.group(1):
                return f"{first}-{last}"  # not a page range
            prefix, number = head.groups()
            shown = last_page(number, tail.group(2), option) if option else last
            if option and len(shown) == len(number):
                shown = prefix + shown  # the whole number again, with its prefix
            return join((self.format_number(first), self.format_number(shown)), delimiter)

        ampersand = " " + self.unicode_character("AMPERSAND") + " "
        return join(
            (
                join((page_or_range(item) for item in part.split("&")), ampersand)
                for part in str(value).split(",")
            ),
            delimiter=", ",
        )


def last_page(first: str, last: str, option: str | None) -> str:
    """The second number of a page range as `option` prints it."""
    if option is None or not (first.isdigit() and last.isdigit()):
        return last
    if len(last) < len(first):  # "321-28" means 321-328
        last = first[: len(first) - len(last)] + last
    if len(last) != len(first) or int(last) <= int(first):
        return last
    common = _common(first, last)
    option = _chicago(int(first), len(first), common, option)
    if option == "minimal":
        return last[common:]
    if option == "minimal-two":
        return last[min(common, len(last) - 2) :] if len(last) > 2 else last
    return last


def _common(first: str, last: str) -> int:
    count = 0
    while count < len(first) and first[count] == last[count]:
        count += 1
    return count


def _chicago(first: int, digits: int, common: int, option: str | None) -> str | None:
    """Chicago's rules (CMOS 16, 9.61) as the format they come down to."""
    if option not in ("chicago", "chicago-15", "chicago-16"):
        return option
    if first < 100 or first % 100 == 0:
        return "expanded"
    if option != "chicago-16" and digits == 4 and common < 2:  # 1496–1504, but 13792–803
        return "expanded"
    return "minimal" if first % 100 < 10 else "minimal-two"


class TitleCasedText(PageRanges, TitleCase, model.Text):  # type: ignore[misc]
    """`cs:text` with CSL's title case (see `textcase`) and page ranges; a
    macro it calls inside a sort key is rendered as a sort key too
    (citeproc-py dropped the sort options there: dates sorted as text, "100
    BC" after "44 BC")."""

    def _term(self, item: Any) -> Any:
        return note_first_term(self, super()._term(item))

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        sort_options = kwargs.get("sort_options")
        if sort_options is None or self.get("macro") is None:
            return super().process(item, context, **kwargs)
        language = dict.get(item.reference, "language") or self.get_root().get(
            "default-locale", "en"
        )
        text = self.get_macro(self.get("macro")).render(
            item, context if context is not None else self, sort_options
        )
        return text, str(language)[:2]


def note_first_term(node: Any, text: Any) -> Any:
    """Report the first term a cite prints (see `citations.capitalise_leading_term`)."""
    terms = FIRST_TERM.get()
    if terms is not None and not terms and text and node.get("term") is not None:
        terms.append(str(text))
    return text


class RangedNumber(PageRanges, model.Number):  # type: ignore[misc]
    """`cs:number` with `page-range-format` for every range."""


class VariableLabel(TitleCase, model.Label):  # type: ignore[misc]
    """`cs:label` prints nothing when its variable is empty (citeproc-py
    printed a stray "Edition." wherever chicago-author-date has a label for an
    absent `edition`), and takes `text-case="title"` when the locale it is
    rendered in is English: a label is a locale term, whatever the entry's
    language (citeproc-py never title-cased a label: apa's "(eds.)")."""

    def render(self, item: Any, variable: str | None = None, *args: Any, **kwargs: Any) -> Any:
        if variable is None and not _has_value(item, str(self.get("variable", ""))):
            return None
        parts = NAME_PARTS.get()
        if variable is not None and (
            kwargs.get("sort_options") is not None or (parts is not None and not parts.labels)
        ):
            return None  # a name label never counts in a sort key (citeproc-js)
        text = self.process(item, variable, *args, **kwargs)
        if not text:
            return None
        language = str(self.get_root().__dict__.get("refport_locale", "en"))[:2]
        return self.wrap(self.format(self.case(self.strip_periods(text), language)))


def _has_value(item: Any, variable: str) -> bool:
    if variable == "locator":
        return "locator" in item
    if variable in ("page-first", "page"):
        return "page" in item.reference
    return variable.replace("-", "_") in item.reference


class GroupedMacro(model.Macro):  # type: ignore[misc]
    """A macro called by `cs:text` is an implicit `cs:group` (citeproc-js): it
    prints nothing when it tries variables and all of them are empty, so
    "in" before an absent container title goes too (citeproc-py printed
    "in , 1965"). As in citeproc-js, a nested macro that printed something
    counts as a variable printed ("Anon." after absent authors stays)."""

    def render(self, item: Any, context: Any = None, sort_options: Any = None) -> Any:
        output = []
        called = rendered = False
        for child in children(self):
            calls = child.calls_variable()
            called = called or calls
            try:
                text = child.render(item, context=context, sort_options=sort_options)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
                # a macro it calls is a group too, and one that printed succeeded
                rendered = rendered or calls or child.get("macro") is not None
        if not output or (called and not rendered):
            return None
        return join(output, "")


#: Element name -> replacement class, applied by refport's parser.
ELEMENT_OVERRIDES: Final[dict[str, type]] = {
    "name": DisambiguatingName,
    "sort": CollatedSort,
    "if": ConditionIf,
    "else-if": ConditionElseIf,
    "date": SuffixedDate,
    "date-part": SuffixedDatePart,
    "layout": CiteLayout,
    "names": CollapsibleNames,
    "label": VariableLabel,
    "text": TitleCasedText,
    "number": RangedNumber,
    "macro": GroupedMacro,
}
