"""Which Latin and Cyrillic forms in a list are the same name, and do they agree?

A Latin name and a Cyrillic one are compared when the list itself says they are
the same: a name and its script variant in one reference, or, across references,
a near-identical family name backed by the same given name or initial or the
same year.  Pure data in, pure data out, so the checks layer only adapts the
model to :class:`NameForm`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .detect import Script, script_of
from .engine import all_spellings
from .explain import Mismatch, explain_mismatch
from .match import MatchResult, matches
from .normalize import Level, fold_latin
from .romanize import romanize
from .schemes import schemes_for


@dataclass(frozen=True, slots=True)
class NameForm:
    """One written form of a person's name, where it occurs, and its languages.

    ``languages`` are the candidate Cyrillic languages (empty for a Latin form
    with no Cyrillic counterpart yet known); ``group`` ties the forms of one
    name within one reference (a name and its script variants); ``year`` and
    ``work`` (the journal or book, folded) say which publication it signs.
    """

    ref: int
    family: str
    given: str
    languages: tuple[str, ...]
    group: int | None = None
    year: int | None = None
    work: str | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """How a Latin form relates to a Cyrillic one: spelled by some scheme
    (``match``), or a near miss with its explanation (``mismatch``)."""

    language: str
    match: MatchResult | None
    mismatch: Mismatch | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """A Cyrillic and a Latin name form compared on one part ("family", "given")."""

    cyrillic: NameForm
    latin: NameForm
    part: str
    verdict: Verdict


_ASCII_LETTER = re.compile("[A-Za-z]")


def script(text: str) -> Script | None:
    """The script of a name part (the first letter decides; mixed words are another check)."""
    if text.isascii():  # most names: a quick answer, the same as the letter-by-letter one
        return Script.LATIN if _ASCII_LETTER.search(text) else None
    return next((s for s in map(script_of, text) if s is not None), None)


def _first_token(given: str) -> str:
    return given.replace(".", " ").split()[0] if given.strip(". ") else ""


def _initial_fits(cyrillic: str, latin: str) -> bool:
    """Whether a Latin initial or name can start the way the Cyrillic one does."""
    if not cyrillic or not latin:
        return True
    starts = {sp[:1] for sp in all_spellings(cyrillic[0].lower(), Level.NO_SIGNS)}
    return fold_latin(latin, Level.NO_SIGNS)[:1] in starts


def _given_agrees(cyrillic: NameForm, latin: NameForm) -> bool:
    """Same given name (as a romanization) or the same initial."""
    return _tokens_agree(
        _first_token(cyrillic.given), _first_token(latin.given), cyrillic.languages
    )


@lru_cache(maxsize=65536)
def _tokens_agree(cyr: str, lat: str, languages: tuple[str, ...]) -> bool:
    """:func:`_given_agrees` on the first given names, cached (given names repeat)."""
    if not cyr or not lat or not _initial_fits(cyr, lat):
        return False
    if len(cyr) == 1 or len(lat) == 1:
        return True
    ids = [s for lang in languages for s in schemes_for(lang)]
    if matches(cyr, lat, ids).matched:
        return True
    return any(explain_mismatch(cyr, lat, lang) for lang in languages)


def judge(cyrillic: str, latin: str, languages: Sequence[str]) -> Verdict | None:
    """Compare a Latin form with a Cyrillic one under the candidate languages.

    None when the Latin form is no transliteration of the Cyrillic one at all
    (a transcription, a translation, another name): only near misses are mismatches.
    """
    return _judge(cyrillic, latin, tuple(languages))


@lru_cache(maxsize=65536)
def _judge(cyrillic: str, latin: str, languages: tuple[str, ...]) -> Verdict | None:
    """:func:`judge`, cached: a list names the same people again and again."""
    if not cyrillic or not latin or not languages:
        return None
    ids = [s for lang in languages for s in schemes_for(lang)]
    result = matches(cyrillic, latin, ids)
    if result.matched:
        return Verdict(_language_of(result, languages), result, None)
    found = [m for lang in languages if (m := explain_mismatch(cyrillic, latin, lang))]
    if not found:
        return None
    best = min(found, key=lambda m: m.distance)
    return Verdict(best.language, None, best)


def compare(cyrillic: NameForm, latin: NameForm, part: str) -> Comparison | None:
    """Compare one part ("family" or "given") of two name forms."""
    verdict = judge(getattr(cyrillic, part), getattr(latin, part), cyrillic.languages)
    return Comparison(cyrillic, latin, part, verdict) if verdict else None


def _language_of(result: MatchResult, languages: Sequence[str]) -> str:
    """The language whose scheme produced the match (the first candidate for a mix)."""
    for language in languages:
        if any(s.id in result.schemes for s in schemes_for(language)):
            return language
    return languages[0]


def _within(forms: Sequence[NameForm]) -> Iterator[tuple[NameForm, NameForm]]:
    """(Cyrillic, Latin) forms of the same name inside one reference."""
    groups: dict[tuple[int, int], list[NameForm]] = defaultdict(list)
    for form in forms:
        if form.group is not None:
            groups[(form.ref, form.group)].append(form)
    for members in groups.values():
        if len(members) < 2:
            continue  # a name without script variants: nothing to pair
        scripts = [script(f.family or f.given) for f in members]
        cyrillic = [f for f, s in zip(members, scripts, strict=True) if s is Script.CYRILLIC]
        latin = [f for f, s in zip(members, scripts, strict=True) if s is Script.LATIN]
        for c in cyrillic:
            for lat in latin:
                yield c, lat


def _plausible(cyrillic: str, latin: str) -> bool:
    """Cheap filter before any alignment: family names of comparable length."""
    n, m = len(cyrillic), len(latin)
    return m <= 2 * n + 2 and n <= 2 * m + 2


_SKELETON_DIGRAPHS = (
    ("shch", "s"), ("shh", "s"), ("sch", "s"), ("sc", "s"), ("tch", "c"), ("ts", "c"),
    ("tz", "c"), ("cz", "c"), ("ch", "c"), ("sh", "s"), ("zh", "z"), ("kh", "x"),
    ("h", "x"), ("dj", "d"),
)  # fmt: skip
_SKELETON_DROPPED = frozenset("aeiouyjw")


def skeleton(latin: str) -> str:
    """The consonant skeleton romanization schemes agree on (Shchukin, Ŝukin and
    Ščukin are all "skn"), used to find the Latin names a Cyrillic one may be."""
    text = fold_latin(latin, Level.NO_SIGNS)
    for digraph, single in _SKELETON_DIGRAPHS:
        text = text.replace(digraph, single)
    return "".join(c for c in text if c.isalpha() and c not in _SKELETON_DROPPED)


def _keys(latin: str) -> set[str]:
    """Blocking keys, the skeleton's start and end: one slip spoils at most one of
    them, unless the skeleton is short (Zaitseb, "zcb"), which also gets the
    shorter start and end ("zc", "cb")."""
    return _bone_keys(skeleton(latin))


def _bone_keys(bone: str) -> set[str]:
    keys = {bone[:3], bone[-3:]}
    if len(bone) <= 4:
        keys |= {bone[:2], bone[-2:]}
    if len(bone) <= 3:
        keys.add(bone[:1] + "…")  # Ilieb ("lb") and Iliev ("lv") share only the l
    return keys


Bones = dict[tuple[str, tuple[str, ...]], set[str]]
"""Skeletons of the romanizations of Cyrillic family names, by (name, languages),
worked out once for one list (see `reachable_latin` and `comparisons`)."""


def _bones(family: str, languages: tuple[str, ...], known: Bones) -> set[str]:
    """The skeletons of a Cyrillic family name romanized by every scheme of its languages."""
    key = (family, languages)
    if key not in known:
        known[key] = {
            skeleton(romanize(family, scheme))
            for language in languages
            for scheme in schemes_for(language)
        }
    return known[key]


def reachable_latin(
    cyrillic: Iterable[tuple[str, tuple[str, ...]]], latin: Iterable[str], known: Bones
) -> set[str]:
    """The Latin family spellings `comparisons` may pair across references with
    one of these Cyrillic (family name, languages): those sharing a blocking key
    with one of its romanizations. Forms of other Latin spellings, without script
    variants, can be left out of a list's forms without changing what it finds."""
    wanted = {
        key
        for family, languages in cyrillic
        for bone in _bones(family, languages, known)
        for key in _bone_keys(bone)
    }
    return {spelling for spelling in latin if not _keys(spelling).isdisjoint(wanted)}


def _across(
    forms: Sequence[NameForm], known: Bones
) -> Iterator[tuple[list[NameForm], list[NameForm]]]:
    """Occurrences of a Cyrillic and of a Latin family name that may be one person.

    Distinct spellings are paired, not occurrences, and Latin spellings are
    indexed by the start and end of their consonant skeleton: a list of any
    size compares each Cyrillic name only with the few Latin names sharing a key
    with one of its romanizations.
    """
    latin: dict[str, list[NameForm]] = defaultdict(list)
    cyrillic: dict[tuple[str, tuple[str, ...]], list[NameForm]] = defaultdict(list)
    for form in forms:
        kind = script(form.family) if form.family else None
        if kind is Script.LATIN:
            latin[form.family].append(form)
        elif kind is Script.CYRILLIC and form.languages:
            cyrillic[(form.family, form.languages)].append(form)
    by_key: dict[str, list[str]] = defaultdict(list)
    for spelling in latin:
        for key in _keys(spelling):
            by_key[key].append(spelling)
    for (family, languages), occurrences in cyrillic.items():
        bones = _bones(family, languages, known)
        keys = {key for bone in bones for key in _bone_keys(bone)}
        # sorted: findings come out in the same order whatever the hash seed
        for spelling in dict.fromkeys(s for key in sorted(keys) for s in by_key.get(key, ())):
            if _plausible(family, spelling) and _near(bones, skeleton(spelling)):
                yield occurrences, latin[spelling]


def _near(bones: set[str], other: str) -> bool:
    """Whether two skeletons are close enough for one slip or two (Ivanov and
    Sidorova never reach the alignment)."""
    return any(Levenshtein.distance(bone, other, score_cutoff=2) <= 2 for bone in bones)


def _corroborated(cyrillic: NameForm, latin: NameForm) -> bool:
    """Across references a near-identical family name is not enough: Ivanova and
    Иванов are two people.  The same given name or initial is, or the same year
    in the same journal or book."""
    same_work = cyrillic.work is not None and cyrillic.work == latin.work
    same_year = cyrillic.year is not None and cyrillic.year == latin.year
    return (same_year and same_work) or _given_agrees(cyrillic, latin)


def comparisons(forms: Sequence[NameForm], bones: Bones | None = None) -> list[Comparison]:
    """Every comparison the list supports, within references first, then across.

    Across references a spelling the schemes produce is one comparison (evidence
    of the scheme the list follows); a near miss (one slip: "near-identical") is
    one comparison per Latin occurrence that another reference corroborates, so
    each wrong entry is named once. ``bones`` keeps the romanizations'
    skeletons of a `reachable_latin` call on the same list.
    """
    found: list[Comparison] = []
    for cyrillic, latin in _within(forms):
        for part in ("family", "given"):
            result = compare(cyrillic, latin, part)
            if result is not None:
                found.append(result)
    for cyrillic_forms, latin_forms in _across(forms, {} if bones is None else bones):
        first = cyrillic_forms[0]
        verdict = judge(first.family, latin_forms[0].family, first.languages)
        if verdict is None or (verdict.mismatch and verdict.mismatch.distance > 1):
            continue
        if verdict.mismatch is None:
            found.append(Comparison(first, latin_forms[0], "family", verdict))
            continue
        for latin in latin_forms:
            backing = next(
                (c for c in cyrillic_forms if c.ref != latin.ref and _corroborated(c, latin)), None
            )
            if backing is not None:
                found.append(Comparison(backing, latin, "family", verdict))
    return found
