"""`text-case="title"` as CSL 1.0.2 and citeproc-js apply it.

citeproc-py capitalises every lowercase word except 26 stop words, so
chicago-author-date printed "Foreign Policy Towards the Conflict", "Break Out
Between", "Mass-market" where citeproc-js prints "towards", "out between",
"Mass-Market". As citeproc-js does: a lowercase word is capitalised (each
part of a hyphenated word too) unless it is one of citeproc-js's stop words
or a single letter ("US$ m."), and neither first (or after a colon, period or
dash) nor, for a stop word, last; words with any capital keep their case.
Only English entries are title-cased (as before).
"""

from __future__ import annotations

import re
from typing import Any, Final

from citeproc.string import NoCase

from refport.render.node import Node

#: citeproc-js's single-word stop words (prepositions, articles, conjunctions).
STOP_WORDS: Final = frozenset(
    [
        "about",
        "above",
        "across",
        "afore",
        "after",
        "against",
        "al",
        "along",
        "alongside",
        "amid",
        "amidst",
        "among",
        "amongst",
        "anenst",
        "apropos",
        "apud",
        "around",
        "as",
        "aside",
        "astride",
        "at",
        "athwart",
        "atop",
        "barring",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "besides",
        "between",
        "beyond",
        "but",
        "by",
        "circa",
        "despite",
        "down",
        "during",
        "et",
        "except",
        "for",
        "forenenst",
        "from",
        "given",
        "in",
        "inside",
        "into",
        "lest",
        "like",
        "modulo",
        "near",
        "next",
        "notwithstanding",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "per",
        "plus",
        "pro",
        "qua",
        "sans",
        "since",
        "than",
        "through",
        "thru",
        "throughout",
        "thruout",
        "till",
        "to",
        "toward",
        "towards",
        "under",
        "underneath",
        "until",
        "unto",
        "up",
        "upon",
        "versus",
        "vs.",
        "v.",
        "vs",
        "v",
        "via",
        "vis-à-vis",
        "with",
        "within",
        "without",
        "or",
        "yet",
        "so",
        "and",
        "nor",
        "a",
        "an",
        "the",
        "de",
        "d'",
        "von",
        "van",
        "c",
        "ca",
    ]
)
_TRIM: Final = "\"'“”‘’„«»()[]{},;:!?"
#: A word after one ending in these starts a new "first word".
_BREAKS: Final = (":", "?", "!", "–", "—")


class TitleCase(Node):
    """Mixed in front of citeproc-py's `TextCased.case` (see the module)."""

    def case(self, text: Any, language: str | None = None) -> Any:
        if self.get("text-case") != "title" or language != "en":
            return super().case(text, language)  # type: ignore[misc]
        words = list(text.words())
        output: list[Any] = []
        for index, word in enumerate(words):
            first = index == 0 or str(output[-1]).endswith(_BREAKS)
            last = index == len(words) - 1
            output.append(_title_word(word, first, last))
        return " ".join(str(word) for word in output)


#: What joins the words of a compound: hyphen, dashes, slash.
_COMPOUND: Final = re.compile(r"([-\u2013\u2014/])")


def _title_word(word: Any, first: bool, last: bool) -> Any:
    """Each part of a compound is a word of its own ("Mass-Market",
    "Traits—Self-Esteem", "Cat/Mouse"), and a compound's first part is
    capitalised even when it is a stop word ("Pro-Environmental",
    "Out-of-Fashion", as citeproc-js); a word not starting with a letter is left alone ("07-x")."""
    plain = str(word)
    if isinstance(word, NoCase) or not plain.lstrip(_TRIM)[:1].isalpha():
        return word
    parts = _COMPOUND.split(plain)  # words, separators, words ...
    titled = [
        part
        if n % 2
        else _title_part(
            part,
            (first or (len(parts) > 1 and parts[1] == "-" and len(part.strip(_TRIM)) > 1))
            and n == 0,
            last and n == len(parts) - 1,
        )
        for n, part in enumerate(parts)
    ]
    return word if titled == parts else word.__class__("".join(titled))


def _title_part(part: str, first: bool, last: bool) -> str:
    core = part.strip(_TRIM)
    if not part.islower() or first:
        return _capitalise(part) if part.islower() else part
    if core in STOP_WORDS and not last:
        return part
    if len(core.rstrip(".")) == 1 or "." in core.rstrip("."):  # "m.", "m.d." stay
        return part
    return _capitalise(part)


def _capitalise(part: str) -> str:
    for index, char in enumerate(part):
        if char.isalpha():
            return part[:index] + char.upper() + part[index + 1 :]
    return part
