"""Sort keys that order names the way printed multilingual lists do.

citeproc-py compares lower-cased code points, so "Łapaj" sorts after "Zakaria"
and accented capitals land anywhere. Here the primary key is the base letters
(marks removed, a few letters that do not decompose folded by a table), so
Latin, Greek and Cyrillic entries each sort alphabetically and, because their
base letters are ordered that way in Unicode, Latin before Greek before
Cyrillic -- what the ICU root collation and the seed lists do. Punctuation is
skipped and numbers compare by value, as in citeproc-js ("Vol. 9" before
"Vol. 10"). `cs:sort` compares the primary key only, as citeproc-js does (base
strength): text differing only in marks or case is decided by the next key,
then keeps the order it came in. `sort_key` adds the marked, case-folded text
for a total order elsewhere.

`CollatedSort` is the `cs:sort` element that uses these keys.
"""

from __future__ import annotations

import re
import unicodedata
from contextvars import ContextVar
from itertools import groupby
from typing import Any, Final

from citeproc import model

#: Letters without a canonical decomposition, folded to their base for the
#: primary key (ICU root treats each as a variant of that base).
BASE_LETTERS: Final = {
    "ı": "i", "ł": "l", "đ": "d", "ð": "d", "ø": "o", "ħ": "h", "ŧ": "t",
    "ə": "e", "ɛ": "e", "ŋ": "n", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss",
    "ё": "е", "й": "и", "ї": "і",
}  # fmt: skip
#: Characters a sort key ignores (CSL: "ignore punctuation and markup").
_IGNORED: Final = re.compile(r"<[^>]+>|[\ue000-\ue0ff]|[\"'“”„‘’«»‹›\[\]()¿¡*_]")
_SPACES: Final = re.compile(r"\s+")
_DIGITS: Final = re.compile(r"(\d+)")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def primary(text: str) -> str:
    """Base letters only, case-folded: the first thing entries are ordered by."""
    folded = _strip_marks(text.casefold())
    letters = "".join(BASE_LETTERS.get(c, c) for c in folded if not _variable(c))
    return " ".join(letters.split())  # dropped punctuation leaves no stray spaces


def _variable(char: str) -> bool:
    """Punctuation, which the primary key skips, as citeproc-js does ("Title,
    here A" before "Title here B"); spaces stay and sort before letters
    ("A Hansen" before "Ab Delrahman")."""
    return unicodedata.category(char)[0] == "P"


Segment = tuple[int, int, str]


def natural(text: str) -> tuple[Segment, ...]:
    """`text` split into numbers and the rest, numbers compared by value
    ("Vol. 9" before "Vol. 10"), digits before letters."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in _DIGITS.split(text)
        if part
    )


def sort_key(text: str) -> tuple[tuple[Segment, ...], str]:
    """A locale-neutral collation key for a rendered sort string."""
    clean = _SPACES.sub(" ", _IGNORED.sub("", text)).strip()
    nfc = unicodedata.normalize("NFC", clean)
    return natural(primary(nfc)), nfc.casefold()


#: A key that sorts after every present value (CSL: empty keys sort last).
_MISSING: Final = (2, 0, ())


def _collation_key(value: Any) -> tuple[int, int, tuple[Segment, ...]]:
    """Only the primary key: values equal but for marks or case ("Müller",
    "M{\\"u}ller") are ties, decided by the next `cs:key` (citeproc-js compares
    at base strength), then by input order."""
    if value is None or str(value) == "":
        return _MISSING
    text = str(value)
    if text.isdigit():
        return (0, int(text), ())
    return (1, 0, sort_key(text)[0])


class CollatedSort(model.Sort):  # type: ignore[misc]
    """`cs:sort` with a real collation: marks, case and scripts ordered sensibly,
    numbers numerically, empty keys last in either direction.

    Keys are compared lexicographically and computed lazily: the second key is
    rendered only for entries the first leaves tied, and so on (citeproc-py
    renders every key macro for every entry; apa has ten bibliography keys).
    Entries tied on every key keep their registration order.
    """

    def sort(self, items: list[Any], context: Any) -> list[Any]:
        keys = tuple(self.findall("cs:key", self.nsmap))
        return _refine(list(items), keys, context, SORT_JOBS.get())


#: Processes the first key of a bibliography's sort is rendered in
#: (`render.pool`); the keys after it are rendered only for ties.
SORT_JOBS: ContextVar[int] = ContextVar("refport_sort_jobs", default=1)


def _refine(items: list[Any], keys: tuple[Any, ...], context: Any, jobs: int = 1) -> list[Any]:
    if len(items) < 2 or not keys:
        return items
    key, rest = keys[0], keys[1:]
    values = _key_values(key, items, context, jobs)
    descending = key.get("sort", "ascending").lower() == "descending"
    present = [(v, i) for v, i in zip(values, items, strict=True) if v != _MISSING]
    absent = [i for v, i in zip(values, items, strict=True) if v == _MISSING]
    present.sort(key=lambda pair: pair[0], reverse=descending)
    ordered: list[Any] = []
    for _, group in groupby(present, key=lambda pair: pair[0]):
        ordered += _refine([item for _, item in group], rest, context)
    return ordered + _refine(absent, rest, context)


def _key_values(
    key: Any, items: list[Any], context: Any, jobs: int
) -> list[tuple[int, int, tuple[Segment, ...]]]:
    """One sort key's collation values for `items`, in order."""

    def render_range(start: int, stop: int) -> list[tuple[int, int, tuple[Segment, ...]]]:
        return [_collation_key(v) for v in key.sort_keys(items[start:stop], context)]

    if jobs > 1:
        from refport.render.pool import render_in_ranges

        values = render_in_ranges(len(items), render_range, jobs)
        if values is not None:
            return values
    return render_range(0, len(items))
