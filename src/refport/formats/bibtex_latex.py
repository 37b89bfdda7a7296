"""LaTeX field text <-> Unicode and CSL rich text, for the BibTeX format.

BibTeX itself is tokenised by pybtex; this module only reads and writes the
LaTeX *inside* one field value. The conventions (documented for users in
`refport.formats.bibtex`):

* `{DNA}` (a protective group) <-> `<span class="nocase">DNA</span>`; a group
  that starts with an accent or symbol command (`{\\"u}`, `{\\aa}`) is a
  "special character", not a protection, exactly as in BibTeX. Groups inside a
  protected group add no second span; `\\mbox{}`/`\\NoCaseChange{}` protect too.
* `\\emph{}`/`\\textit{}`/`{\\em }` -> `<i>`, `\\textbf{}` -> `<b>`,
  `\\textsc{}` -> small caps, `\\textsuperscript{}`/`\\textsubscript{}` ->
  `<sup>`/`<sub>`; written back as `\\textit{}`, `\\textbf{}` ...
  `\\textnormal`, `\\textrm`, `\\textup`, `\\textmd`, `\\textsf`, `\\texttt` give
  their text only; `\\url{x}` gives x as written.
* math `$...$` is kept verbatim, dollars included, and written back as math.
* a command refport does not know (`\\mkbibacro{NASA}`) is kept verbatim as
  text, with its brace arguments, and written back verbatim.
* accents and symbols are decoded with latexcodec (a combining mark is the
  fallback); `--`, `---`, ``` `` ```, `''` and `~` become – — “ ” and a
  no-break space. Nothing changes case.

`decode_rich`/`decode_plain` never raise. Writing is in `bibtex_encode`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, cast

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

#: latexcodec's text codecs (typed: the stubs only know bytes codecs by name).
_convert = cast(Callable[[str, str], str], codecs.decode)

# --- tables -----------------------------------------------------------------

#: Accent commands and the combining mark used when latexcodec has no
#: precomposed character for the pair.
ACCENTS: Final = {
    "`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304",
    "u": "\u0306", ".": "\u0307", '"': "\u0308", "r": "\u030a", "H": "\u030b",
    "v": "\u030c", "d": "\u0323", "c": "\u0327", "k": "\u0328", "b": "\u0331",
    "t": "\u0361",
}  # fmt: skip

#: Escaped single characters.
ESCAPES: Final = {
    "&": "&", "%": "%", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}", " ": " ",
}  # fmt: skip

#: Symbol commands latexcodec does not know (read and written).
EXTRA_SYMBOLS: Final = {
    "textbraceleft": "{", "textbraceright": "}", "textasciicircum": "^",
    "textquoteright": "’", "textquoteleft": "‘", "textquotedblleft": "“",
    "textquotedblright": "”", "quotedblbase": "„", "textdollar": "$",
    "textunderscore": "_", "textless": "<", "textgreater": ">", "textbar": "|",
    "texttimes": "×", "textdegree": "°", "texteuro": "€", "euro": "€",
    "textellipsis": "…", "dots": "…", "textsection": "§", "ng": "ŋ", "NG": "Ŋ",
    "j": "ȷ", "SS": "ẞ", "textbackslash": "\\",
}  # fmt: skip

#: Commands with one argument that become CSL rich-text markup ("" = just the text).
FORMAT_COMMANDS: Final = {
    "emph": "i", "textit": "i", "textsl": "i", "textbf": "b", "textsc": "sc",
    "textsuperscript": "sup", "textsubscript": "sub", "mbox": "nocase",
    "NoCaseChange": "nocase", "textnormal": "", "textrm": "", "textup": "",
    "textmd": "", "textsf": "", "texttt": "", "url": "verbatim",
}  # fmt: skip

#: Declarations that switch a style on for the rest of their group.
SWITCHES: Final = {
    "em": "i", "it": "i", "itshape": "i", "sl": "i", "slshape": "i",
    "bf": "b", "bfseries": "b", "sc": "sc", "scshape": "sc",
}  # fmt: skip

#: CSL rich-text tags, and the LaTeX each one is written as.
RICH_TAGS: Final = {
    "i": ("<i>", "</i>", r"\textit"),
    "b": ("<b>", "</b>", r"\textbf"),
    "sup": ("<sup>", "</sup>", r"\textsuperscript"),
    "sub": ("<sub>", "</sub>", r"\textsubscript"),
    "sc": ('<span style="font-variant:small-caps;">', "</span>", r"\textsc"),
    "nocase": ('<span class="nocase">', "</span>", ""),
}

#: Character runs that LaTeX reads as one glyph (plain text only).
LIGATURES: Final = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("~", "\u00a0"))

_WORD: Final = re.compile(r"[A-Za-z]+")
_WHITESPACE: Final = re.compile(r"[ \t\r\n]+")
_PLAIN_RUN: Final = re.compile(r"[^{}$\\]+")
#: Text with none of these characters and no ligature needs no decoding at all.
_DECODED_CHAR: Final = re.compile(r"[{}$\\~]")
#: Text whose only LaTeX is flat brace groups (`Peace in the {Caucasus}`).
_FLAT_GROUPS: Final = re.compile(r"[^{}$\\]*+(?:\{[^{}$\\]*+\}[^{}$\\]*+)*+")
_FLAT_PART: Final = re.compile(r"\{([^{}$\\]*)\}|[^{}$\\]+")
_NOCASE_OPEN: Final = '<span class="nocase">'
#: Deeper nesting than this is read as plain text (pybtex allows 100 levels).
MAX_DEPTH: Final = 120


# --- shared scanning helpers -------------------------------------------------


def group_end(text: str, pos: int) -> int | None:
    """Index just past the `}` closing the group opened at `text[pos] == "{"`."""
    depth = 0
    for index in range(pos, len(text)):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def math_end(text: str, pos: int) -> int | None:
    """Index just past the `$` closing the math opened at `text[pos] == "$"`,
    or None when it does not close inside the current group."""
    depth, index = 0, pos + 1
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return None
            depth -= 1
        elif char == "$" and depth == 0:
            return index + 1
        index += 1
    return None


def command_name(text: str, pos: int) -> str:
    """The control sequence name after the backslash at `pos` ("" at the end)."""
    word = _WORD.match(text, pos + 1)
    if word:
        return word.group()
    return text[pos + 1 : pos + 2]


@lru_cache(maxsize=4096)
def symbol(name: str) -> str | None:
    """The character a symbol command stands for, via latexcodec."""
    if name in EXTRA_SYMBOLS:
        return EXTRA_SYMBOLS[name]
    if not name.isalpha():
        return None
    try:
        decoded = _convert("\\" + name, "ulatex")
    except (UnicodeDecodeError, ValueError):
        return None
    return None if "\\" in decoded or not decoded.strip() else decoded


def is_known_command(name: str) -> bool:
    return (
        name in ESCAPES
        or name in ACCENTS
        or name in FORMAT_COMMANDS
        or name in SWITCHES
        or name == "-"
        or symbol(name) is not None
    )


def unknown_command_end(text: str, pos: int) -> int | None:
    """End of a command refport keeps verbatim (name plus brace arguments)."""
    name = command_name(text, pos)
    if not name or is_known_command(name):
        return None
    end = pos + 1 + len(name)
    while end < len(text) and text[end] == "{":
        closing = group_end(text, end)
        if closing is None:
            break
        end = closing
    return end


def normalize_space(text: str) -> str:
    """Whitespace as BibTeX sees it: any ASCII run is one space."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        return _WHITESPACE.sub(" ", text).strip()
    return text.strip()


def apply_ligatures(text: str) -> str:
    for source, glyph in LIGATURES:
        if source in text:  # LIGATURES' order: "---" before "--"
            text = text.replace(source, glyph)
    return text


# --- decoding ----------------------------------------------------------------


@dataclass
class _Decoder:
    """Recursive reader of one field's LaTeX; `rich` adds CSL markup."""

    text: str
    rich: bool
    pos: int = 0
    depth: int = 0

    def sequence(self, protected: bool, in_group: bool) -> str:
        if self.depth > MAX_DEPTH:
            rest, self.pos = self.text[self.pos :], len(self.text)
            return rest
        self.depth += 1
        try:
            return self._sequence(protected, in_group)
        finally:
            self.depth -= 1

    def _sequence(self, protected: bool, in_group: bool) -> str:
        out: list[str] = []
        plain: list[str] = []

        def flush() -> None:
            if plain:
                out.append(apply_ligatures("".join(plain)))
                plain.clear()

        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "}" and in_group:
                self.pos += 1
                break
            if char == "{":
                flush()
                out.append(self.group(protected))
            elif char == "$" and (end := math_end(self.text, self.pos)) is not None:
                flush()
                out.append(self.text[self.pos : end])
                self.pos = end
            elif char == "\\":
                flush()
                name = command_name(self.text, self.pos)
                if name in SWITCHES:
                    self.pos += 1 + len(name)
                    self.skip_spaces()
                    rest = self.sequence(protected, in_group)
                    out.append(self.wrap(SWITCHES[name], rest))
                    break
                out.append(self.command(protected))
            else:
                run = _PLAIN_RUN.match(self.text, self.pos)
                end = run.end() if run else self.pos + 1
                plain.append(self.text[self.pos : end])
                self.pos = end
        flush()
        return "".join(out)

    def group(self, protected: bool) -> str:
        start = self.pos
        self.pos += 1
        if self.text.startswith("}", self.pos):
            self.pos += 1
            return ""
        special = self.text.startswith("\\", self.pos) and self.is_character_command()
        opens_switch = self.text.startswith("\\", self.pos) and (
            command_name(self.text, self.pos) in SWITCHES
        )
        if group_end(self.text, start) is None:
            return "{" + self.sequence(protected, in_group=False)
        if special or opens_switch or protected or not self.rich:
            return self.sequence(protected, in_group=True)
        return self.wrap("nocase", self.sequence(True, in_group=True))

    def is_character_command(self) -> bool:
        name = command_name(self.text, self.pos)
        return name in ESCAPES or name in ACCENTS or name == "-" or symbol(name) is not None

    def command(self, protected: bool) -> str:
        start = self.pos
        name = command_name(self.text, start)
        if not name:
            self.pos += 1
            return "\\"
        if name in ESCAPES:
            self.pos += 2
            return ESCAPES[name]
        if name == "-":
            self.pos += 2
            return "\u00ad"
        if name in ACCENTS:
            return self.accent(name)
        if name in FORMAT_COMMANDS and self.argument_follows(start + 1 + len(name)):
            return self.format_command(name, protected)
        if name not in FORMAT_COMMANDS and (char := symbol(name)) is not None:
            self.pos = start + 1 + len(name)
            self.skip_control_word_tail(name)
            return char
        end = unknown_command_end(self.text, start) or start + 1 + len(name)
        self.pos = end
        return self.text[start:end]

    def argument_follows(self, pos: int) -> bool:
        while pos < len(self.text) and self.text[pos] == " ":
            pos += 1
        return self.text.startswith("{", pos) and group_end(self.text, pos) is not None

    def format_command(self, name: str, protected: bool) -> str:
        self.pos += 1 + len(name)
        self.skip_spaces()
        if FORMAT_COMMANDS[name] == "verbatim":
            end = group_end(self.text, self.pos)
            assert end is not None
            body = self.text[self.pos + 1 : end - 1]
            self.pos = end
            return body
        self.pos += 1
        style = FORMAT_COMMANDS[name]
        inner = self.sequence(protected or style == "nocase", in_group=True)
        if style == "nocase" and protected:
            return inner
        return self.wrap(style, inner) if style else inner

    def accent(self, name: str) -> str:
        start = self.pos
        self.pos += 1 + len(name)
        self.skip_spaces()
        base = self.accent_base()
        if base is None:
            self.pos = start + 1 + len(name)
            return self.text[start : self.pos]
        composed = compose_accent(name, base)
        if composed is None:
            return self.text[start : self.pos]
        return composed

    def accent_base(self) -> str | None:
        """The letter(s) an accent applies to; None when there is none."""
        if self.pos >= len(self.text):
            return None
        char = self.text[self.pos]
        if char == "{":
            end = group_end(self.text, self.pos)
            if end is None:
                return None
            inner = self.text[self.pos + 1 : end - 1]
            self.pos = end
            return _plain_base(inner)
        if char == "\\":
            name = command_name(self.text, self.pos)
            if name in ("i", "j"):
                self.pos += 1 + len(name)
                self.skip_control_word_tail(name, empty_group=False)
                return name
            return None
        if char in "}$":
            return None
        self.pos += 1
        return char

    def skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1

    def skip_control_word_tail(self, name: str, empty_group: bool = True) -> None:
        """A control word swallows the spaces after it (and `{}` ends it)."""
        if not name.isalpha():
            return
        self.skip_spaces()
        if empty_group and self.text.startswith("{}", self.pos):
            self.pos += 2

    def wrap(self, style: str, inner: str) -> str:
        if not self.rich:
            return inner
        opening, closing, _ = RICH_TAGS[style]
        return f"{opening}{inner}{closing}"


def _plain_base(inner: str) -> str | None:
    stripped = inner.replace("{", "").replace("}", "").strip()
    stripped = re.sub(r"\\([ij])(?![A-Za-z])\s*", r"\1", stripped)
    if "\\" in stripped:
        return None
    return stripped


@lru_cache(maxsize=4096)
def compose_accent(name: str, base: str) -> str | None:
    """`\\v` + `c` -> `č`; latexcodec first, a combining mark as fallback."""
    if len(base) > 1 and not (name == "t" and len(base) == 2):
        return None
    try:
        decoded = _convert(f"\\{name}{{{base}}}", "ulatex").strip("{}")
    except (UnicodeDecodeError, ValueError):
        decoded = ""
    if len(decoded) == 1 and "\\" not in decoded:
        return decoded
    if not base:
        return None
    mark = ACCENTS[name]
    if len(base) == 2:  # the tie accent spans two letters
        return base[0] + mark + base[1]
    return unicodedata.normalize("NFC", base + mark)


def _needs_decoding(text: str) -> bool:
    """A character class and substring tests: several times faster than one
    regular expression with the ligatures as alternatives."""
    return _DECODED_CHAR.search(text) is not None or "--" in text or "``" in text or "''" in text


def _has_ligature(text: str) -> bool:
    return "--" in text or "``" in text or "''" in text or "~" in text


def _decode_flat(text: str, rich: bool) -> str:
    """What `_Decoder` gives for text whose only LaTeX is flat `{...}` groups:
    each group is protected (a nocase span) and ligatures apply run by run."""
    if "{" not in text:
        return apply_ligatures(text)  # one plain run (a page range "1--9")
    bare = text.replace("{", "").replace("}", "")
    if not _has_ligature(bare):
        # no ligature anywhere, not even across a group's edge; every "{" of flat
        # groups opens one and every "}" closes it
        if rich:
            spans = text.replace("{}", "").replace("{", _NOCASE_OPEN)
            return spans.replace("}", "</span>")
        return bare
    out: list[str] = []
    for part in _FLAT_PART.finditer(text):
        inner = part.group(1)
        if inner is None:
            out.append(apply_ligatures(part.group()))
        elif inner and rich:
            out.append(_NOCASE_OPEN + apply_ligatures(inner) + "</span>")
        elif inner:
            out.append(apply_ligatures(inner))
    return "".join(out)


#: Decoding is pure; journals, publishers, places and names repeat across entries,
#: so short values are remembered (long ones, titles and abstracts, rarely repeat).
DECODE_CACHE: Final = 1 << 14
CACHED_LENGTH: Final = 80


def decode_rich(raw: str) -> str:
    """LaTeX field text -> Unicode CSL rich text (see the module docstring)."""
    return _rich_cached(raw) if len(raw) <= CACHED_LENGTH else _rich(raw)


def decode_plain(raw: str) -> str:
    """LaTeX field text -> Unicode with no markup (names, keywords, numbers)."""
    return _plain_cached(raw) if len(raw) <= CACHED_LENGTH else _plain(raw)


def clear_decode_caches() -> None:
    _rich_cached.cache_clear()
    _plain_cached.cache_clear()


def _rich(raw: str) -> str:
    text = normalize_space(raw)
    if not _needs_decoding(text):
        return text
    if _FLAT_GROUPS.fullmatch(text):
        return _decode_flat(text, rich=True)
    return _Decoder(text, rich=True).sequence(protected=False, in_group=False)


def _plain(raw: str) -> str:
    text = normalize_space(raw)
    if not _needs_decoding(text):
        return text
    if _FLAT_GROUPS.fullmatch(text):
        return _decode_flat(text, rich=False)
    return _Decoder(text, rich=False).sequence(protected=True, in_group=False)


_rich_cached: Final = lru_cache(maxsize=DECODE_CACHE)(_rich)
_plain_cached: Final = lru_cache(maxsize=DECODE_CACHE)(_plain)


def decode_slow(raw: str, *, rich: bool) -> str:
    """The general decoder only (no fast paths), for tests that compare the two."""
    text = normalize_space(raw)
    return _Decoder(text, rich=rich).sequence(protected=not rich, in_group=False)
