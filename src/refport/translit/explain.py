"""Name the letter a romanization gets wrong, by aligning it letter by letter.

When no scheme spells a Latin form, an edit distance in which a Cyrillic letter
costs nothing against any spelling any scheme of the language allows finds the
cheapest explanation: the letters left over are the faults.  A distance large
for the name's length means the two forms are not transliterations of each
other at all (a transcription such as Waltz/Уолц, or a translation), and then
nothing is said.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .engine import (
    Option,
    all_spellings,
    applicable_rule,
    compiled,
    longest_spelling,
    word_options,
)
from .languages import ALL_LETTERS
from .normalize import Level, fold_cyrillic, fold_latin_positions
from .schemes import SCHEMES, get_scheme, schemes_for

_LOOSE = Level.NO_SIGNS
_MAX_SUBSTITUTE = 3
"""A letter may be replaced by up to three Latin letters in one step; beyond the
longest spelling the letter has anywhere, each extra letter is an edit of its own
(Ivanović for Иванов is three edits, not one)."""
_EDIT = 100
"""Cost of one edit.  A paid step earns back up to 18 when its Latin segment is
part of a spelling of its letter (4 per letter shared with the spellings allowed
there, 2 per letter shared with the letter's spellings anywhere), so among
alignments with equally many edits the one blaming the letter the author
half-wrote wins (Shukin: щ as "sh", not у as "hu"; Zajczev: ц as "cz", a
spelling GOST B gives ц before other letters, rather than an extra z)."""

_EXTRA = 1
"""An extra Latin letter costs a little more than a wrong one, so that of two
equally short explanations the one naming a Cyrillic letter is given."""

_LONGER = 3
"""Extra cost per Latin letter beyond the first that one paid step replaces: a
slip is usually one letter (babieab for бабъиб is и written a, not б written eab)."""


@dataclass(frozen=True, slots=True)
class Fault:
    """One faulty letter: the Cyrillic letter, what the Latin has, what it should have.

    ``cyrillic`` is empty for a Latin letter with no Cyrillic counterpart,
    ``found`` is empty for a Cyrillic letter the Latin leaves out.
    """

    cyrillic: str
    found: str
    expected: str
    position: int

    def describe(self) -> str:
        """The fault as a message phrase: ж is ž, ц is missing (ts), extra 'x'."""
        if not self.cyrillic:
            return f"extra {self.found!r}"
        if not self.found:
            return f"{self.cyrillic} is missing ({self.expected})"
        return f"{self.cyrillic} is {self.expected or 'not written'}"


@dataclass(frozen=True, slots=True)
class Mismatch:
    """Why a Latin form is no romanization of a Cyrillic one, and what it should be."""

    cyrillic: str
    latin: str
    language: str
    faults: tuple[Fault, ...]
    expected: tuple[str, ...]
    schemes: tuple[str, ...]
    distance: int

    def message(self) -> str:
        """The whole finding: Bogićević: ж is ž in Serbian Latin (Božićević)."""
        faults = ", ".join(f.describe() for f in self.faults)
        labels = list(dict.fromkeys(get_scheme(s).label for s in self.schemes))
        shown = ", ".join(labels[:3]) + (", …" if len(labels) > 3 else "")
        return f"{self.latin}: {faults} in {shown} ({', '.join(self.expected)})"


@dataclass(frozen=True, slots=True)
class _Step:
    """One step of an alignment: Cyrillic [i, i2) against folded Latin [j, j2).

    ``edits`` is 0 for a free step; ``mask`` holds the schemes allowing it.
    """

    i: int
    i2: int
    j: int
    j2: int
    edits: int
    mask: int

    @property
    def paid(self) -> bool:
        return self.edits > 0


class _Resemblance:
    """How much a wrong Latin segment is part of a spelling of its letter (0-3).

    A segment that begins or ends a spelling ("sh" of "shch") or is one ("cz", a
    spelling of ц elsewhere) scores its length; a segment that merely contains a
    spelling plus something else ("ba" for б) scores nothing: that is an extra
    letter, not a slip in this one.
    """

    def __init__(self, spellings: Sequence[str]) -> None:
        self._parts = {
            piece for sp in spellings for n in range(1, len(sp) + 1) for piece in (sp[:n], sp[-n:])
        }

    def __call__(self, segment: str) -> int:
        return min(len(segment), 3) if segment in self._parts else 0


_INF = 1 << 30
_Back = tuple[int, int, int] | None


def align(
    text: str,
    latin: str,
    options: Sequence[tuple[Option, ...]],
    bit: int = 0,
    budget: int = _INF,
) -> tuple[int, int, list[_Step]] | None:
    """Cheapest alignment of folded ``latin`` with folded Cyrillic ``text``.

    A letter costs nothing against any spelling in ``options`` (of the scheme
    ``bit``, or of any scheme when ``bit`` is 0); substituting it by up to three
    other Latin letters, dropping it, or an extra Latin letter cost one edit
    each.  Returns the number of edits, the total cost and the steps; None when
    no alignment costs at most ``budget`` (states dearer than it are not
    expanded, which makes "these are different names" cheap to find out).
    """
    if bit:
        options = [tuple(o for o in opts if o[2] >> bit & 1) for opts in options]
    rows, cols = len(text) + 1, len(latin) + 1
    best = [[_INF] * cols for _ in range(rows)]
    back: list[list[_Back]] = [[None] * cols for _ in range(rows)]
    own = [_Resemblance([sp for _, sp, _ in opts]) for opts in options]
    anywhere = [_Resemblance(all_spellings(letter, _LOOSE)) for letter in text]
    longest = [longest_spelling(letter) for letter in text]
    best[0][0] = 0

    def relax(i2: int, j2: int, cost: int, how: tuple[int, int, int]) -> None:
        if cost < best[i2][j2]:
            best[i2][j2] = cost
            back[i2][j2] = how

    for i in range(rows):
        for j in range(cols):
            here = best[i][j]
            if here > budget:
                continue
            if i < rows - 1:
                for width, spelling, _ in options[i]:
                    if latin.startswith(spelling, j):
                        relax(i + width, j + len(spelling), here, (i, j, 0))
                for k in range(min(_MAX_SUBSTITUTE, cols - 1 - j) + 1):
                    segment = latin[j : j + k]
                    units = 1 + max(0, k - longest[i])
                    credit = 4 * own[i](segment) + 2 * anywhere[i](segment)
                    cost = here + _EDIT * units - credit + _LONGER * max(0, k - 1)
                    relax(i + 1, j + k, cost, (i, j, units))
            if j < cols - 1:
                relax(i, j + 1, here + _EDIT + _EXTRA, (i, j, 1))
    if best[-1][-1] > budget:
        return None
    path = _backtrace(back, text, latin, options)
    return sum(step.edits for step in path), best[-1][-1], path


def _backtrace(
    back: list[list[_Back]], text: str, latin: str, options: Sequence[tuple[Option, ...]]
) -> list[_Step]:
    """Steps from the start to the end of the cheapest alignment."""
    path: list[_Step] = []
    i, j = len(text), len(latin)
    while (i, j) != (0, 0):
        how = back[i][j]
        assert how is not None
        pi, pj, edits = how
        path.append(_Step(pi, i, pj, j, edits, _free_mask(options, pi, i, latin[pj:j])))
        i, j = pi, pj
    path.reverse()
    return path


def _free_mask(options: Sequence[tuple[Option, ...]], i: int, i2: int, spelling: str) -> int:
    """The schemes allowing ``spelling`` for Cyrillic [i, i2) (0 when none does)."""
    if i == i2:
        return 0
    return next((mask for width, sp, mask in options[i] if width == i2 - i and sp == spelling), 0)


TRANSCRIPTION_MARKS = ("w", "q", "th", "ph", "ck")
"""Spellings no Cyrillic romanization uses for one letter, but English, German or
Polish spellings of a name do: a form such as Kenneth for Кеннет or Schukow for
Жуков is the name of another language, not a slip in a romanization."""


def _transcribed(folded: str, path: list[_Step]) -> bool:
    """Whether a faulty segment, with a letter either side, carries a mark of
    another language's spelling (Kenneth: the extra h makes "th")."""
    windows = [folded[max(0, s.j - 1) : s.j2 + 1] for s in path if s.paid]
    return any(mark in window for window in windows for mark in TRANSCRIPTION_MARKS)


def _letters(text: str) -> int:
    return sum(1 for c in text if c in ALL_LETTERS)


def _allowed(text: str) -> int:
    """How many slips a name of this length may have and still be the same name."""
    return max(1, _letters(text) // 4)


def _too_far(distance: int, text: str) -> bool:
    """Whether the forms are too different to be one name romanized with errors."""
    return distance > _allowed(text)


def _budget(text: str) -> int:
    """The dearest alignment worth finishing: the allowed edits at their dearest
    (an edit costs at most _EDIT plus the penalties for a three-letter segment)."""
    return _allowed(text) * (_EDIT + _EXTRA + 2 * _LONGER)


def _expected_at(scheme_id: str, text: str, i: int) -> str:
    """The scheme's canonical spelling of the letter (or rule) at position ``i``."""
    scheme = compiled(scheme_id)
    found = applicable_rule(scheme, text, i)
    if found is not None:
        return found.canonical
    return scheme.canonical[text[i]]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def explain_mismatch(cyrillic: str, latin: str, language: str) -> Mismatch | None:
    """Explain why ``latin`` does not romanize ``cyrillic`` in ``language``.

    Returns None when some scheme (or mix of schemes) does spell it, and when the
    forms are too far apart to be the same name romanized with a slip.  Names of
    several words are explained word by word when both forms have as many words:
    the alignments are smaller, and a given name met again is explained once.
    """
    text = fold_cyrillic(cyrillic)
    cyr_words, lat_words = text.split(" "), latin.split()
    if len(cyr_words) < 2 or len(cyr_words) != len(lat_words):
        found = _explain_word(text, latin, language)
        return (
            dataclasses.replace(found, cyrillic=cyrillic) if isinstance(found, Mismatch) else None
        )
    verdicts = [_explain_word(c, w, language) for c, w in zip(cyr_words, lat_words, strict=True)]
    mismatches = [v for v in verdicts if isinstance(v, Mismatch)]
    if _FAR in verdicts or not mismatches:
        return None
    faults: list[Fault] = []
    offset = 0
    for word, verdict in zip(cyr_words, verdicts, strict=True):
        if isinstance(verdict, Mismatch):
            faults += [dataclasses.replace(f, position=f.position + offset) for f in verdict.faults]
        offset += len(word) + 1
    expected = " ".join(
        v.expected[0] if isinstance(v, Mismatch) else w
        for v, w in zip(verdicts, lat_words, strict=True)
    )
    distance = sum(m.distance for m in mismatches)
    schemes = mismatches[0].schemes
    return Mismatch(cyrillic, latin, language, tuple(faults), (expected,), schemes, distance)


_FAR = "far"
"""Verdict of a word that is no transliteration at all (a transcription, another word)."""


@lru_cache(maxsize=16384)
def _explain_word(text: str, latin: str, language: str) -> Mismatch | str | None:
    """None (spelled by the schemes), _FAR, or the explanation of one folded form."""
    ids = tuple(s.id for s in schemes_for(language))
    folded, where = fold_latin_positions(latin, _LOOSE)
    options = word_options(text, ids, _LOOSE)
    budget = _budget(text)
    aligned = align(text, folded, options, budget=budget)
    if aligned is None:
        return _FAR
    distance, _, path = aligned
    if distance == 0:
        return None
    if _too_far(distance, text) or _transcribed(folded, path):
        return _FAR
    path, chosen = _scheme_alignment(text, folded, options, ids, (distance, budget), path)
    paid = [s for s in path if s.paid]
    faults = tuple(_fault(s, text, latin, folded, where, chosen[0]) for s in paid)
    expected = tuple(dict.fromkeys(_corrected(path, text, latin, folded, where, s) for s in chosen))
    return Mismatch(text, latin, language, faults, expected, chosen, distance)


def _scheme_alignment(
    text: str,
    folded: str,
    options: Sequence[tuple[Option, ...]],
    ids: tuple[str, ...],
    limits: tuple[int, int],
    union_path: list[_Step],
) -> tuple[list[_Step], tuple[str, ...]]:
    """The alignment to blame letters on, and the schemes the correction follows.

    A single scheme that explains the form with as few edits as the union of all
    schemes gives the more natural blame (in бабюйю written babyuayu the faulty
    letter is й, although ISO 9's û would let ю absorb the stray a); only when
    no scheme does that is the union's alignment used.
    """
    distance, budget = limits
    aligned = [
        (*found, scheme_id)
        for bit, scheme_id in enumerate(ids, 1)
        if (found := align(text, folded, options, bit, budget)) is not None
    ]
    best = min(((edits, cost) for edits, cost, _, _ in aligned), default=(_INF, _INF))
    if best[0] > distance:
        return union_path, _best_schemes(text, folded, ids, union_path)
    winners = [(path, s) for edits, cost, path, s in aligned if (edits, cost) == best]
    chosen = tuple(sorted((s for _, s in winners), key=_display_rank))
    path = next(p for p, s in winners if s == chosen[0])
    return path, chosen


def _best_schemes(
    text: str, folded: str, ids: tuple[str, ...], path: list[_Step]
) -> tuple[str, ...]:
    """The schemes closest to the author's form, whose spelling the message proposes.

    Closest means agreeing with most of the author's correct letters (a free
    step another scheme spells differently counts against a scheme), then
    sharing most of each faulty segment (for Shukin, shch beats ŝ).
    """
    scored: list[tuple[int, int, str]] = []
    for bit, scheme_id in enumerate(ids, start=1):
        disagreements = sum(1 for s in path if s.paid or not s.mask >> bit & 1)
        overlap = sum(
            _common_prefix(_expected_at(scheme_id, text, s.i), folded[s.j : s.j2])
            for s in path
            if s.paid and s.i < s.i2 and text[s.i] in ALL_LETTERS
        )
        scored.append((disagreements, -overlap, scheme_id))
    top = min(scored)[:2]
    return tuple(sorted((s for d, o, s in scored if (d, o) == top), key=_display_rank))


_DISPLAY_FIRST = (
    "ru-bgn",
    "ru-wikipedia",
    "ru-icao",
    "ru-alalc-nodiacritics",
    "ru-bsi-scopus",
    "ru-sr-transcription",
    "ru-scholarly",
    "ru-iso9",
    "uk-national-2010",
    "bg-official-2009",
    "be-official",
    "mk-official",
)


def _display_rank(scheme_id: str) -> tuple[int, int]:
    """Propose the schemes readers meet most often first (BGN/PCGN before GOST B)."""
    if scheme_id in _DISPLAY_FIRST:
        return _DISPLAY_FIRST.index(scheme_id), 0
    return len(_DISPLAY_FIRST), list(SCHEMES).index(scheme_id)


def _original(latin: str, where: tuple[int, ...], j: int, j2: int) -> str:
    """The author's own characters behind folded Latin [j, j2)."""
    if j >= j2:
        return ""
    end = where[j2] if j2 < len(where) else len(latin)
    return latin[where[j] : end]


def _fault(
    step: _Step, text: str, latin: str, folded: str, where: tuple[int, ...], scheme_id: str
) -> Fault:
    found = _original(latin, where, step.j, step.j2).strip()
    if step.i == step.i2:
        return Fault("", found or folded[step.j : step.j2], "", step.i)
    expected = (
        _expected_at(scheme_id, text, step.i) if text[step.i] in ALL_LETTERS else text[step.i]
    )
    return Fault(text[step.i], found, expected, step.i)


def _corrected(
    path: list[_Step], text: str, latin: str, folded: str, where: tuple[int, ...], scheme_id: str
) -> str:
    """The author's form with each faulty segment replaced by the scheme's spelling."""
    pieces: list[str] = []
    for step in path:
        found = _original(latin, where, step.j, step.j2)
        if not step.paid:
            pieces.append(found)
        elif step.i < step.i2:
            pieces.append(_recase(_expected_at_any(scheme_id, text, step.i), found, pieces))
    return "".join(pieces)


def _expected_at_any(scheme_id: str, text: str, i: int) -> str:
    return _expected_at(scheme_id, text, i) if text[i] in ALL_LETTERS else text[i]


def _recase(spelling: str, found: str, before: list[str]) -> str:
    """Give the replacement the case of what it replaces (or of a word start)."""
    at_start = not before or before[-1][-1:] in " -"
    if (found[:1].isupper()) or (not found and at_start and spelling):
        return spelling[:1].upper() + spelling[1:]
    return spelling
