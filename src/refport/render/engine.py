"""The citeproc-py adapter: safe parsing, patched elements, per-entry locales,
disambiguation.

citeproc-py is driven through its own frontend classes, but every style (and
every locale file) is parsed by refport's safe parser with the element classes
of `patches`, memoised by `memoised`; each bibliography entry is rendered in
the locale its `language` asks for when the style declares a `cs:locale` for
that language; `disambiguate` works out year suffixes and added names before
anything is printed.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from citeproc import (
    LANGUAGE_NAMES,
    LOCALES_PATH,
    PRIMARY_DIALECTS,
    Citation,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    model,
)
from citeproc.formatter import plain
from citeproc.source.json import CiteProcJSON
from lxml import etree

from refport.render.collation import SORT_JOBS
from refport.render.disambiguation import FirstPass, Options, Resolver
from refport.render.flipflop import Quotes
from refport.render.memoised import MemoisedCitationItem, fast_class, keep_proxies
from refport.render.names import RenderLog, people
from refport.render.patches import ELEMENT_OVERRIDES
from refport.render.styles import CSL_NS, StyleError, StyleSource, parse_style, safe_parser

XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"


@lru_cache(maxsize=1)
def element_lookup() -> etree.ElementNamespaceClassLookup:
    """citeproc-py's element classes for the CSL namespace, with refport's fixes
    and memoised lookups (`memoised.fast_class`)."""
    classes = {
        cls.__name__.replace("_", "-").lower(): cls
        for cls in model.CitationStylesElement.__subclasses__()
        if cls.__module__ == model.__name__
    }
    classes.update(ELEMENT_OVERRIDES)
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = fast_class(model.CitationStylesElement)
    namespace.update({tag: fast_class(cls) for tag, cls in classes.items()})
    return lookup


@lru_cache(maxsize=64)
def _locale_file(tag: str) -> bytes:
    path = Path(LOCALES_PATH) / f"locales-{tag}.xml"
    if not path.is_file():
        raise ValueError(f"{tag!r} is not a known locale")
    return path.read_bytes()


def system_locale_root(tag: str) -> Any:
    """citeproc-py's locale file for `tag`, parsed with refport's element classes."""
    root = etree.fromstring(_locale_file(tag), safe_parser(element_lookup()))
    keep_proxies(root)
    return root


@contextmanager
def quiet() -> Iterator[None]:
    """citeproc-py reports through `warnings`; refport reports through diagnostics."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


class LoadedStyle(CitationStylesStyle):  # type: ignore[misc]
    """A citeproc-py style built from a tree refport parsed (never from a path)."""

    def __init__(self, tree: etree._ElementTree, locale: str) -> None:
        root: Any = tree.getroot()
        self.xml, self.root = tree, root
        keep_proxies(root)
        root.refport_locale = locale
        root.locales = locale_list(root, locale)
        for element in root.locales:
            element.style = root


def source_line(node: Any) -> int | None:
    """The line a node starts on (lxml's stubs mistype `sourceline`)."""
    line = node.sourceline
    return int(line) if line else None


def locale_list(root: Any, locale: str) -> list[Any]:
    """The locales a style looks terms up in, in citeproc-py's order: in-style
    for the dialect, the language, no language; then the locale files."""
    language = locale.split("-")[0]
    found: list[Any] = []
    for lang in (locale, language, None):
        expression = f'./cs:locale[@xml:lang="{lang}"]' if lang else "./cs:locale[not(@xml:lang)]"
        found += root.xpath_search(expression)[:1]
    files = [locale] if locale in LANGUAGE_NAMES else []
    files += [PRIMARY_DIALECTS[language]] if language in PRIMARY_DIALECTS else []
    for tag in dict.fromkeys([*files, "en-US"]):
        found.append(system_locale_root(tag))
    return found


def system_locale(tag: str) -> str:
    """The citeproc-py locale file for a BCP 47 tag: "en" -> "en-US" (the
    primary dialect), "sr-Latn" -> "sr-Latn-RS", "de-AT" -> itself."""
    if tag in LANGUAGE_NAMES:
        return tag
    if "-" not in tag and tag.lower() in PRIMARY_DIALECTS:
        return str(PRIMARY_DIALECTS[tag.lower()])
    for known in LANGUAGE_NAMES:
        if known.lower().startswith(tag.lower() + "-"):
            return str(known)
    return str(PRIMARY_DIALECTS.get(tag.split("-")[0].lower(), tag))


def known_locale(tag: str) -> bool:
    return tag in LANGUAGE_NAMES or tag.split("-")[0].lower() in PRIMARY_DIALECTS


@dataclass
class Style:
    """A parsed style plus one citeproc-py instance per locale it renders in."""

    source: StyleSource
    _instances: dict[str, LoadedStyle] = field(default_factory=dict)
    quote_terms: dict[str, tuple[bool, Quotes]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        tree = parse_style(self.source, element_lookup())
        root = tree.getroot()
        self.default_locale = str(root.get("default-locale") or "en-US")
        self.declared_languages = frozenset(
            str(loc.get(XML_LANG)).lower()
            for loc in root.findall(f"{{{CSL_NS}}}locale")
            if loc.get(XML_LANG)
        )
        bibliography = root.find(f"{{{CSL_NS}}}bibliography")
        self.has_bibliography = bibliography is not None
        self.second_field_align = bibliography is not None and bool(
            bibliography.get("second-field-align")
        )
        #: Whether each entry renders alone: `subsequent-author-substitute`
        #: compares an entry's names with the entry's before it.
        self.entries_independent = (
            bibliography is None or bibliography.get("subsequent-author-substitute") is None
        )
        citation = root.find(f"{{{CSL_NS}}}citation")
        if citation is None:
            raise StyleError(
                "a CSL style needs a <citation> element",
                file=self.source.origin,
                line=source_line(root),
            )
        self.explicit_suffix = bool(_find(root, "//cs:text[@variable='year-suffix']"))
        self.disambiguation = Options.of(
            citation, bool(_find(root, "//cs:if[@disambiguate] | //cs:else-if[@disambiguate]"))
        )

    def instance(self, locale: str) -> LoadedStyle:
        if locale not in self._instances:
            self._instances[locale] = LoadedStyle(
                parse_style(self.source, element_lookup()), locale
            )
        return self._instances[locale]

    def entry_locale(self, language: str | None, base: str) -> str:
        """The locale an entry renders in: its language's, if the style declares
        a `cs:locale` for that language, else the list's."""
        if not language:
            return base
        tag = language.strip()
        primary = tag.split("-")[0].lower()
        if primary == base.split("-")[0].lower():
            return base
        if tag.lower() in self.declared_languages or primary in self.declared_languages:
            return system_locale(tag)
        return base


def _find(root: Any, expression: str) -> list[Any]:
    found: list[Any] = root.xpath(expression, namespaces={"cs": CSL_NS})
    return found


@dataclass(frozen=True, slots=True)
class CiteItem:
    """One key of an in-text citation, with an optional locator ("81", label page)
    and the text printed before and after it (`prefix`, `suffix`, already
    escaped for the output format). `index` is the item's position in the
    list, None for a key not in it."""

    index: int | None
    locator: str | None = None
    label: str = "page"
    key: str = ""
    prefix: str = ""
    suffix: str = ""


def make_bibliography(
    style: Style,
    locale: str,
    items: Sequence[dict[str, Any]],
    first: Sequence[int] = (),
    citing: bool = False,
    jobs: int = 1,
) -> CitationStylesBibliography:
    """Register every item (cited ones first, for numeric styles), sort, and
    disambiguate (only what shows in a bibliography unless `citing`; its
    first pass on `jobs` worker processes)."""
    with quiet():
        source = CiteProcJSON(list(items))
        bibliography = CitationStylesBibliography(style.instance(locale), source, plain)
        if style.disambiguation.year_suffix:  # computed here; the data's would sway the sort
            for reference in source.values():
                reference.pop("year_suffix", None)
        order = list(dict.fromkeys([*first, *range(len(items))]))
        for index in order:
            bibliography.register(Citation([MemoisedCitationItem(str(items[index]["id"]))]))
        if style.has_bibliography:
            token = SORT_JOBS.set(jobs)
            try:
                bibliography.sort()
            finally:
                SORT_JOBS.reset(token)
    disambiguate(style, locale, bibliography, citing, jobs)
    return bibliography


def disambiguate(style: Style, locale: str, bibliography: Any, citing: bool, jobs: int = 1) -> None:
    """Year suffixes, added names and given names for every item, stored on
    the bibliography, where `names` and `patches` read them while rendering.
    Added names and given names show in cites only: a bibliography alone needs
    the work only for year suffixes and `disambiguate` conditions."""
    bibliography.refport_states = {}
    bibliography.refport_implicit_suffix = not style.explicit_suffix
    options = style.disambiguation
    if not options.active or not (citing or options.year_suffix or options.condition):
        return
    instance = style.instance(locale)
    logs: dict[str, RenderLog] = {}
    resolver = Resolver(
        list(bibliography.keys),
        lambda key: _cite_alone(instance, bibliography, key),
        logs,
        options,
        {key: people(reference) for key, reference in bibliography.source.items()},
        first_pass=_first_pass(instance, bibliography, logs, jobs) if jobs > 1 else None,
    )
    bibliography.refport_states, bibliography.refport_logs = resolver.states, logs
    saved = instance.root.formatter, bibliography.formatter
    instance.root.formatter = bibliography.formatter = plain
    bibliography.refport_citing = True
    try:
        with quiet():
            resolver.run()
    finally:
        bibliography.refport_logs, bibliography.refport_citing = None, False
        instance.root.formatter, bibliography.formatter = saved
    for key, state in resolver.states.items():
        if state.suffix:
            bibliography.source[key]["year_suffix"] = state.suffix


def _first_pass(
    instance: LoadedStyle, bibliography: Any, logs: dict[str, RenderLog], jobs: int
) -> FirstPass:
    """Every item's cite alone, with its log, in forked workers (`render.pool`)
    when the list is long: each cite depends only on the states, which all
    start empty."""

    def first_pass(keys: Sequence[str]) -> list[tuple[str, RenderLog | None]]:
        from refport.render.pool import render_in_ranges

        def render_range(start: int, stop: int) -> list[tuple[str, RenderLog | None]]:
            rendered = []
            for key in keys[start:stop]:
                logs.pop(key, None)
                rendered.append((_cite_alone(instance, bibliography, key), logs.get(key)))
            return rendered

        return render_in_ranges(len(keys), render_range, jobs) or render_range(0, len(keys))

    return first_pass


def _cite_alone(instance: LoadedStyle, bibliography: Any, key: str) -> str:
    """An item's cite as disambiguation compares it: alone, first, no locator.
    A cite citeproc-py cannot render is never taken for another's."""
    citation = Citation([MemoisedCitationItem(key)])
    citation.bibliography = bibliography
    try:
        return str(instance.root.citation.render(citation, [], lambda cite: None))
    except Exception:  # citeproc-py raises anything on odd data
        return f"\0{key}"


def render_entry(style: Style, locale: str, item: Any, formatter: Any) -> str:
    instance = style.instance(locale)
    instance.root.formatter = formatter
    with quiet():
        rendered = instance.render_bibliography([item])
    return str(rendered[0]) if rendered else ""


def entry_names(style: Style, locale: str, item: Any, formatter: Any) -> str:
    """What `subsequent-author-substitute` remembers of an entry (`citations`)."""
    instance = style.instance(locale)
    instance.root.formatter = formatter
    with quiet():
        return str(instance.root.bibliography.layout.entry_names(item))


def render_cluster(
    style: Style,
    locale: str,
    bibliography: CitationStylesBibliography,
    cites: Sequence[CiteItem],
    items: Sequence[dict[str, Any]],
    formatter: Any,
    missing: Callable[[str], str],
) -> str:
    instance = style.instance(locale)
    instance.root.formatter = formatter
    bibliography.formatter = formatter
    bibliography.style = instance
    unknown = {f"?{n}": c.key for n, c in enumerate(cites) if c.index is None}
    citation_items = [
        MemoisedCitationItem(
            str(items[c.index]["id"]) if c.index is not None else f"?{n}",
            **({"locator": Locator(c.label, c.locator)} if c.locator else {}),
            **({"prefix": c.prefix} if c.prefix else {}),
            **({"suffix": c.suffix} if c.suffix else {}),
        )
        for n, c in enumerate(cites)
    ]
    citation = Citation(citation_items)
    with quiet():
        bibliography.register(citation)
        bibliography.refport_citing = True
        try:
            return str(bibliography.cite(citation, lambda item: missing(unknown[item.key])))
        finally:
            bibliography.refport_citing = False


def locale_terms(style: Style, locale: str) -> tuple[bool, Quotes]:
    """Whether the locale puts punctuation inside quotes, and its quotes."""
    cached = style.quote_terms.get(locale)
    if cached is None:
        root: Any = style.instance(locale).root
        with quiet():
            option = root.get_locale_option("punctuation-in-quote") or "false"
            marks = [
                str(root.get_single_term(name=n))
                for n in ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")
            ]
        defaults = Quotes()
        quotes = Quotes(
            *(
                mark or default
                for mark, default in zip(
                    marks,
                    (defaults.open, defaults.close, defaults.inner_open, defaults.inner_close),
                    strict=True,
                )
            )
        )
        cached = style.quote_terms[locale] = (str(option).lower() == "true", quotes)
    return cached
