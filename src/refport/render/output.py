"""Output formats (text, html, markdown) and the punctuation fixes applied to
each rendered entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape as html_escape
from types import ModuleType, SimpleNamespace
from typing import Final

from citeproc.formatter import html, plain

FORMATS: Final = ("text", "html", "markdown")
_MARKDOWN_SPECIALS: Final = re.compile(r"([\\*_`])")


def _markdown_escape(text: object) -> str:
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def _wrapper(before: str, after: str) -> type[str]:
    class Wrapped(str):
        def __new__(cls, text: object) -> Wrapped:
            body = str(text)
            return super().__new__(cls, f"{before}{body}{after}" if body else body)

    return Wrapped


#: A citeproc-py formatter for Markdown (CommonMark emphasis, HTML for the rest).
markdown = SimpleNamespace(
    preformat=_markdown_escape,
    Italic=_wrapper("*", "*"),
    Oblique=_wrapper("*", "*"),
    Bold=_wrapper("**", "**"),
    Light=str,
    Underline=_wrapper("<u>", "</u>"),
    Superscript=_wrapper("<sup>", "</sup>"),
    Subscript=_wrapper("<sub>", "</sub>"),
    SmallCaps=str,
)


def _html_escape(text: str) -> str:
    return html_escape(text, quote=False)


def _as_is(text: str) -> str:
    return text


#: How variable values are escaped before citeproc-py sees them, per format,
#: and which variables stay verbatim.
ESCAPES: Final = {"text": _as_is, "html": _html_escape, "markdown": _markdown_escape}


#: Placeholders for < and > in values citeproc-py splits at "&" (pages), so
#: that their HTML escapes ("&lt;") are not split; see `restore_markup`.
ANGLES: Final = {"<": "\ue010", ">": "\ue011"}


def _html_escape_but_ampersands(text: str) -> str:
    return text.replace("<", ANGLES["<"]).replace(">", ANGLES[">"])


#: Variables escaped otherwise: URLs stay whole in Markdown; page numbers keep
#: their "&", which citeproc-py splits at and escapes itself ("142–45 &amp;
#: 235", not "&amp; amp;").
VERBATIM: Final[dict[str, dict[str, Callable[[str], str]]]] = {
    "text": {},
    "html": {"page": _html_escape_but_ampersands},
    "markdown": {"URL": _as_is, "page": _as_is},
}

#: CSL-JSON rich-text tags -> the markup kind they stand for.
RICH_TAGS: Final = {
    "<i>": "italic",
    "<b>": "bold",
    "<sup>": "sup",
    "<sub>": "sub",
    '<span style="font-variant:small-caps;">': "small-caps",
    "<sc>": "small-caps",
    '<span class="nodecor">': "nodecor",
}
_KINDS: Final = ("italic", "bold", "sup", "sub", "small-caps", "nodecor", "other")
#: Each kind's opening and closing placeholder: private-use characters that
#: citeproc-py passes through untouched (no escaping, no case changes).
PLACEHOLDERS: Final = {
    kind: (chr(0xE000 + 2 * n), chr(0xE001 + 2 * n)) for n, kind in enumerate(_KINDS)
}
#: Each format's markup per kind (missing: the text is kept, the markup dropped).
MARKUP: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "text": {},
    "html": {
        "italic": ("<i>", "</i>"),
        "bold": ("<b>", "</b>"),
        "sup": ("<sup>", "</sup>"),
        "sub": ("<sub>", "</sub>"),
        "small-caps": ('<span style="font-variant:small-caps;">', "</span>"),
        "nodecor": ('<span style="font-style:normal;">', "</span>"),
    },
    "markdown": {"italic": ("*", "*"), "bold": ("**", "**")},
}


def placeholder(opening_tag: str, closing: bool) -> str:
    pair = PLACEHOLDERS[RICH_TAGS.get(opening_tag.lower(), "other")]
    return pair[1] if closing else pair[0]


def restore_markup(text: str, format_name: str) -> str:
    """Placeholders back to the format's markup (or to nothing)."""
    if not any("\ue000" <= c <= "\ue011" for c in text):
        return text
    table: dict[str, str | int | None] = {
        ANGLES["<"]: "&lt;" if format_name == "html" else "<",
        ANGLES[">"]: "&gt;" if format_name == "html" else ">",
    }
    for kind, (opening, closing) in PLACEHOLDERS.items():
        markup = MARKUP[format_name].get(kind, ("", ""))
        table[opening], table[closing] = markup
    return text.translate(str.maketrans(table))


FORMATTERS: Final[dict[str, ModuleType | SimpleNamespace]] = {
    "text": plain,
    "html": html,
    "markdown": markdown,
}


def formatter(name: str) -> ModuleType | SimpleNamespace:
    try:
        return FORMATTERS[name]
    except KeyError:
        raise ValueError(f"unknown output format {name!r}; choose {', '.join(FORMATS)}") from None


_CLOSING_TAGS: Final = r"((?:</[a-z]+>|\*{1,2})*)"

#: Two punctuation marks that meet (a field's last and an affix's first, say)
#: -> what is printed (citeproc-js's table; a mark meeting itself prints once,
#: pairs not listed print both).
PUNCTUATION_MERGES: Final = {
    "!.": "!", "!:": "!", "?.": "?", "?:": "?", ":.": ":", ":!": "!", ":?": "?",
    ";!": "!", ";?": "?", ";:": ";", ";.": ";",
}  # fmt: skip
_PUNCTUATION: Final = ".,;:!?"
#: Text punctuation is never merged in: URLs and HTML character references.
_UNTOUCHED: Final = re.compile(r"https?://\S+|doi:\S+|&#?\w+;")


def punctuation_in_quote(text: str, close_quotes: tuple[str, ...]) -> str:
    """Move a period, comma, ? or ! that follows a closing quote inside it
    (en-US punctuation, as citeproc-js does), then merge what meets there: a
    period is dropped when the quotation already ends with . ? or ! (but
    citeproc-js keeps the comma: “Why?,”).
    """
    for _ in range(3):  # a merge may leave a mark next to the quote: “Title”:! -> “Title!”
        before = text
        for close in dict.fromkeys(q for q in close_quotes if q):
            quote = re.escape(close)
            text = re.sub(rf"{quote}{_CLOSING_TAGS}([.,!?]+)", rf"\g<2>{close}\g<1>", text)
        text = merge_punctuation(text, close_quotes)
        if text == before:
            break
    return text


def merge_punctuation(text: str, close_quotes: tuple[str, ...] = ()) -> str:
    """Punctuation marks that meet, with only closing tags or closing quotes
    between them, merge as `PUNCTUATION_MERGES` says ("Life.</i>." -> "Life.</i>",
    "“Title”;:" -> "“Title”;"); an ellipsis stays."""
    closers = "".join(re.escape(q) for q in dict.fromkeys(close_quotes) if q)
    between = rf"(?:</[a-z]+>|\*{{1,2}}{f'|[{closers}]' if closers else ''})*"
    pattern = re.compile(rf"([{re.escape(_PUNCTUATION)}])({between})([{re.escape(_PUNCTUATION)}])")
    pieces: list[str] = []
    position = 0
    for match in _UNTOUCHED.finditer(text):
        pieces += [_merge(text[position : match.start()], pattern), match.group(0)]
        position = match.end()
    pieces.append(_merge(text[position:], pattern))
    return "".join(pieces)


def _merge(text: str, pattern: re.Pattern[str]) -> str:
    def merged(match: re.Match[str]) -> str:
        first, between, second = match.groups()
        around = match.string[match.start() - 1 : match.start()] + match.string[match.end() :][:1]
        if first == second == "." and "." in around:
            return match.group(0)  # an ellipsis
        result = first if first == second else PUNCTUATION_MERGES.get(first + second)
        if result == first:
            return first + between
        if result == second:
            return between + second
        return match.group(0)

    for _ in range(4):  # "!.:" needs two passes
        changed = pattern.sub(merged, text)
        if changed == text:
            break
        text = changed
    return text


def space_after_label(text: str) -> str:
    """citeproc-py drops the gap `second-field-align` leaves after "[1]" in text."""
    return re.sub(r"^(\[\d+\]|\d+\.)(?=\S)", r"\1 ", text)


def tidy(text: str) -> str:
    """Collapse the doubled spaces and periods that empty variables leave, and
    the period a style adds after a title ending in ? or ! ("identity?.")."""
    text = re.sub(r"[ \u00a0]{2,}", " ", text)
    text = re.sub(r"([.?!][\"'”’»]+(?:</[a-z]+>|\*{1,2})*)\.(?!\.)", r"\1", text)
    text = re.sub(r"([?!](?:</[a-z]+>|\*{1,2})*)\.(?=\s|$|<)", r"\1", text)
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text).strip()
