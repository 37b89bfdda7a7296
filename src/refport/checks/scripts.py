"""Transliteration and script checks: Cyrillic names and their romanizations,
mixed scripts, look-alike letters, letters foreign to a language, quotation marks.

The string work lives in :mod:`refport.translit`; this module only finds the
text of each reference (main values and their script variants), decides the
language it is in (the ``language`` field, a variant's BCP 47 tag, or the letters
themselves) and turns the findings into :class:`Finding` values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from refport.checks import letters as quick
from refport.checks.base import Check, CheckContext, Finding
from refport.checks.survey import all_text, shared_survey
from refport.model import Reference
from refport.translit import (
    LANGUAGE_NAMES,
    ForeignLetter,
    Script,
    confusable_words,
    detect_languages,
    foreign_letters,
    get_scheme,
    language_code,
    mixed_script_words,
    quote_mismatches,
)
from refport.translit.languages import ALPHABET_SETS, LANGUAGES
from refport.translit.pairing import (
    Bones,
    NameForm,
    Verdict,
    comparisons,
    judge,
    reachable_latin,
    script,
)
from refport.translit.schemes import schemes_for

TITLE_FIELDS = ("title", "title_short", "container_title", "collection_title", "original_title")
TEXT_FIELDS = (*TITLE_FIELDS, "event_title", "publisher", "publisher_place", "abstract")
RECORD_FIELDS = ("title", "container_title", "collection_title", "publisher")
QUOTES_OF: Mapping[str, tuple[str, str]] = MappingProxyType(
    {"ru": ("«", "»"), "uk": ("«", "»"), "be": ("«", "»"), "sr": ("„", "”"), "bg": ("„", "“"),
     "mk": ("„", "“")}
)  # fmt: skip
"""The quotation marks each language's own titles use, for the suggested fix."""


@dataclass(frozen=True, slots=True)
class Text:
    """One string of a reference: its field, value, and the BCP 47 tag of a variant."""

    field: str
    value: str
    tag: str | None = None

    def where(self) -> str:
        return f"{self.field}, {self.tag}" if self.tag else self.field


def _texts(
    ref: Reference, fields: Sequence[str] = TEXT_FIELDS, keep: Callable[[str], bool] | None = None
) -> Iterator[Text]:
    """Every name part, the main values of ``fields``, then the script variants
    (the order a reference is printed in: authors first); only those whose
    value passes ``keep`` when it is given."""
    for creator in ref.creators:
        name = creator.name
        for part in (name.family, name.given, name.literal):
            if part and (keep is None or keep(part)):
                yield Text(creator.role, part)
        for variant in name.variants:
            for part in (variant.family, variant.given, variant.literal):
                if part and (keep is None or keep(part)):
                    yield Text(creator.role, part, variant.tag)
    for field_name in fields:
        value = getattr(ref, field_name)
        if isinstance(value, str) and value and (keep is None or keep(value)):
            yield Text(field_name, value)
    for text_variant in ref.variants:
        if text_variant.field in fields and (keep is None or keep(text_variant.value)):
            yield Text(text_variant.field, text_variant.value, text_variant.tag)


def _languages(ref: Reference, tag: str | None = None) -> tuple[str, ...]:
    """Candidate Cyrillic languages of a reference (or of one of its variants)."""
    for declared in (tag, ref.language):
        code = language_code(declared) if declared else None
        if code is not None:
            return (code,)
        if tag:
            break
    pooled = " ".join(t.value for t in _texts(ref) if t.tag is None or t.tag == tag)
    return detect_languages(pooled)


class _Languages:
    """`_languages` of the list's references, each worked out once per check
    run (several checks ask, once per string); kept only as long as the run."""

    def __init__(self, references: Sequence[Reference]) -> None:
        self.references = references
        self.known: dict[tuple[int, str | None], tuple[str, ...]] = {}

    def of(self, index: int, tag: str | None = None) -> tuple[str, ...]:
        key = (index, tag)
        if key not in self.known:
            self.known[key] = _languages(self.references[index], tag)
        return self.known[key]


def _shared_languages(references: Sequence[Reference], context: CheckContext) -> _Languages:
    return context.shared("script-languages", lambda: _Languages(references))


# --- mixed-script -------------------------------------------------------------


def mixed_script(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    """A word with letters of two scripts: invisible to readers, fatal to search."""
    for index in shared_survey(references, context).mixed_scripts:
        ref = references[index]
        seen: set[tuple[str, str]] = set()
        for text in _texts(ref, keep=quick.may_mix_scripts):
            for mixed in mixed_script_words(text.value):
                if (text.where(), mixed.word.text) in seen:
                    continue
                seen.add((text.where(), mixed.word.text))
                fix = f"; write {mixed.fixed}" if mixed.fixed else ""
                yield Finding(
                    (ref,),
                    f"{mixed.word.text} ({text.where()}) mixes scripts: {mixed.odd_letters()} "
                    f"among {mixed.script.value} letters{fix}",
                    field=text.field,
                    suggestion=mixed.fixed,
                )


# --- confusable-word ----------------------------------------------------------


def _record(ref: Reference) -> list[Text]:
    return [t for t in _texts(ref, RECORD_FIELDS) if t.tag is None]


def confusable_word(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    """A whole word typed in the other script's look-alike letters (TACC for ТАСС)."""
    languages = _shared_languages(references, context)
    for index in shared_survey(references, context).confusables:
        ref = references[index]
        texts = _record(ref)
        if not any(quick.may_have_confusables(t.value, None) for t in texts):
            continue
        record = quick.record_script(t.value for t in texts)
        suspects = [t for t in texts if quick.may_have_confusables(t.value, record)]
        if record is None or not suspects:
            continue
        language = next(iter(languages.of(index)), None)
        fields: dict[str, list[str]] = defaultdict(list)
        imitated: dict[str, str] = {}
        for text in suspects:
            for found in confusable_words(text.value, record, language):
                fields[found.word.text].append(text.field)
                imitated[found.word.text] = found.imitated
        for word, where in fields.items():
            other = Script.CYRILLIC if record is Script.LATIN else Script.LATIN
            yield Finding(
                (ref,),
                f"{word} ({', '.join(dict.fromkeys(where))}) is written in {other.value} "
                f"letters that imitate {record.value} {imitated[word]} in a "
                f"{record.value} record",
                field=where[0],
                suggestion=imitated[word],
            )


# --- foreign-letter -----------------------------------------------------------


def _owners(letter: str) -> str:
    """The languages whose alphabet has the letter ("Ukrainian")."""
    owners = [LANGUAGE_NAMES[lang] for lang in LANGUAGES if letter in ALPHABET_SETS[lang]]
    return ", ".join(owners)


def foreign_letter(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    """A Cyrillic letter the reference's language does not have (є in a Russian name)."""
    languages_of = _shared_languages(references, context)
    has_foreign = quick.ForeignLetterTest()
    for index in shared_survey(references, context).alphabet_letters:
        ref = references[index]
        if not _has_variants(ref):  # every text is in the reference's own languages
            everything = "\n".join(all_text(ref))
            if not has_foreign(everything, languages_of.of(index)):
                continue
        seen: set[str] = set()
        for text in _texts(ref, keep=quick.may_have_alphabet_letters):
            languages = languages_of.of(index, text.tag)
            if not has_foreign(text.value, languages):
                continue
            by_word: dict[str, list[ForeignLetter]] = defaultdict(list)
            for found in foreign_letters(text.value, languages):
                by_word[found.word.text].append(found)
            for word, letters in by_word.items():
                if word in seen:
                    continue
                seen.add(word)
                yield _foreign_finding(ref, text, word, letters, languages)


def _has_variants(ref: Reference) -> bool:
    return bool(ref.variants) or any(creator.name.variants for creator in ref.creators)


def _foreign_finding(
    ref: Reference, text: Text, word: str, letters: list[ForeignLetter], languages: Sequence[str]
) -> Finding:
    names = " or ".join(LANGUAGE_NAMES[lang] for lang in languages)
    described = ", ".join(f"{f.letter} ({_owners(f.letter.lower())})" for f in letters)
    verb = "is not a" if len(letters) == 1 else "are not"
    noun = "letter" if len(letters) == 1 else "letters"
    fixed = word
    for found in letters:
        fixed = fixed.replace(found.letter, found.suggestion) if found.suggestion else fixed
    hint = f"; write {fixed}" if fixed != word else ""
    return Finding(
        (ref,),
        f"{word} ({text.where()}): {described} {verb} {names} {noun}{hint}",
        field=text.field,
        suggestion=fixed if fixed != word else None,
    )


# --- quote-mismatch -----------------------------------------------------------


def _requoted(value: str, start: int, end: int, language: str | None) -> str | None:
    """The value with the odd mark replaced so the pair follows the language's
    convention („Подводные камни» in Russian becomes «Подводные камни»)."""
    opening, closing = QUOTES_OF.get(language or "", ("", ""))
    if value[end] == closing and value[start] != opening:
        return value[:start] + opening + value[start + 1 :]
    if value[start] == opening and value[end] != closing:
        return value[:end] + closing + value[end + 1 :]
    return None


def quote_mismatch(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    """Quotation marks opened in one convention and closed in another („…»)."""
    languages = _shared_languages(references, context)
    for index in shared_survey(references, context).quotes:
        ref = references[index]
        for text in _texts(ref, TITLE_FIELDS, keep=quick.may_mismatch_quotes):
            mismatches = quote_mismatches(text.value)
            if not mismatches:
                continue
            language = next(iter(languages.of(index, text.tag)), None)
            for found in mismatches:
                quoted = text.value[found.start : found.end + 1]
                yield Finding(
                    (ref,),
                    f"{text.where()} opens a quotation with {found.opening} and closes it "
                    f"with {found.closing} ({quoted}); use "
                    f"{' or '.join(found.expected()[:3])}",
                    field=text.field,
                    suggestion=_requoted(text.value, found.start, found.end, language),
                )


# --- translit-mismatch and translit-mixed-schemes -----------------------------


_LatinName = tuple[int, str, str, int | None, str | None]
"""A Latin name without variants, kept aside until it is known to be needed:
list position, family, given, year, work."""


def _name_forms(
    references: Sequence[Reference], languages_of: _Languages, bones: Bones
) -> list[NameForm]:
    """Every person name of the list that `comparisons` may pair, with its
    script variants grouped; a name without variants is a group of one, which
    nothing pairs within (no group). Latin names without variants come in only
    when their spelling is near a Cyrillic name of the list (`reachable_latin`):
    most lists are mostly Latin names, and most of those are near none."""
    found: list[NameForm | _LatinName] = []
    cyrillic: set[tuple[str, tuple[str, ...]]] = set()
    group = 0
    for index, ref in enumerate(references):
        if not ref.creators:
            continue
        year = ref.issued.year if ref.issued else None
        work = (ref.container_title or "").casefold() or None
        for creator in ref.creators:
            name = creator.name
            family, given = name.family or "", name.given or ""
            if name.literal is not None or not (family or given):
                continue
            group += 1
            if not name.variants and family.isascii() and family.isalpha():
                found.append((index, family, given, year, work))  # Latin: `script` says so
                continue
            parts: list[tuple[str, str, str | None]] = [(family, given, None)]
            parts += [(v.family or "", v.given or "", v.tag) for v in name.variants]
            for family, given, tag in parts:
                kind = script(family or given)
                if kind is Script.LATIN and family and not name.variants:
                    found.append((index, family, given, year, work))
                    continue
                languages = languages_of.of(index, tag) if kind is Script.CYRILLIC else ()
                if kind is Script.CYRILLIC and family and languages:
                    cyrillic.add((family, languages))
                own = group if name.variants else None
                found.append(NameForm(index, family, given, languages, own, year, work))
    near = reachable_latin(cyrillic, {f[1] for f in found if isinstance(f, tuple)}, bones)
    return [
        f if isinstance(f, NameForm) else NameForm(f[0], f[1], f[2], (), None, f[3], f[4])
        for f in found
        if isinstance(f, NameForm) or f[1] in near
    ]


@dataclass(frozen=True, slots=True)
class Pairing:
    """A Latin and a Cyrillic form of one name or title in the list, judged."""

    refs: tuple[int, ...]
    field: str
    cyrillic: str
    latin: str
    verdict: Verdict


def _name_pairings(references: Sequence[Reference], languages: _Languages) -> Iterator[Pairing]:
    bones: Bones = {}
    for c in comparisons(_name_forms(references, languages, bones), bones):
        refs = tuple(sorted({c.cyrillic.ref, c.latin.ref}))
        yield Pairing(
            refs, "author", getattr(c.cyrillic, c.part), getattr(c.latin, c.part), c.verdict
        )


def _transliterated(cyrillic_tag: str | None, latin_tag: str | None) -> bool:
    """Whether the tags say the Latin value transliterates the Cyrillic one
    ("ru" and "ru-Latn"), not translates it ("ru" and "en")."""
    if not latin_tag or not latin_tag.lower().endswith("-latn"):
        return False
    return cyrillic_tag is None or cyrillic_tag.split("-")[0] == latin_tag.split("-")[0]


def _title_pairings(references: Sequence[Reference], languages: _Languages) -> Iterator[Pairing]:
    """A title and its variant in the other script, when tagged as a transliteration."""
    for index, ref in enumerate(references):
        for variant in ref.variants:
            main = getattr(ref, variant.field, None)
            if variant.field not in TITLE_FIELDS or not isinstance(main, str):
                continue
            pair = _orient(main, ref.language, variant.value, variant.tag)
            if pair is None:
                continue
            cyrillic, cyrillic_tag, latin = pair
            verdict = judge(cyrillic, latin, languages.of(index, cyrillic_tag))
            if verdict is not None:
                yield Pairing((index,), variant.field, cyrillic, latin, verdict)


def _orient(
    main: str, main_tag: str | None, other: str, other_tag: str
) -> tuple[str, str | None, str] | None:
    """(Cyrillic value, its tag, Latin value) when the two are one transliterated pair."""
    scripts = (script(main), script(other))
    if scripts == (Script.CYRILLIC, Script.LATIN) and _transliterated(main_tag, other_tag):
        return main, main_tag, other
    if scripts == (Script.LATIN, Script.CYRILLIC) and _transliterated(other_tag, main_tag):
        return other, other_tag, main
    return None


def _pairings(references: Sequence[Reference], context: CheckContext) -> list[Pairing]:
    """Both translit checks judge the same pairings: once per run."""

    def compute() -> list[Pairing]:
        languages = _shared_languages(references, context)
        return [*_name_pairings(references, languages), *_title_pairings(references, languages)]

    return context.shared("translit-pairings", compute)


def _refs(references: Sequence[Reference], indices: Iterable[int]) -> tuple[Reference, ...]:
    return tuple(references[i] for i in sorted(set(indices)))


def translit_mismatch(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    """A Latin and a Cyrillic form of one name or title that no scheme makes from each other."""
    for pairing in _pairings(references, context):
        mismatch = pairing.verdict.mismatch
        if mismatch is None:
            continue
        yield Finding(
            _refs(references, pairing.refs),
            f"{mismatch.message()}; the Cyrillic form is {pairing.cyrillic} (correct "
            "whichever of the two is wrong)",
            field=pairing.field,
            suggestion=mismatch.expected[0] if mismatch.expected else None,
        )


def _informative(verdict: Verdict) -> bool:
    """A match that some schemes of the language produce and others do not."""
    match = verdict.match
    if match is None or not match.schemes:
        return False
    return len(match.schemes) < len(schemes_for(verdict.language))


def _some(forms: list[str], shown: int = 3) -> str:
    """A few of the forms, and how many more (a long list names dozens)."""
    distinct = list(dict.fromkeys(forms))
    more = f" and {len(distinct) - shown} more" if len(distinct) > shown else ""
    return ", ".join(distinct[:shown]) + more


def translit_mixed_schemes(
    references: Sequence[Reference], context: CheckContext
) -> Iterator[Finding]:
    """One language romanized under schemes no single scheme reconciles."""
    evidence: dict[str, list[Pairing]] = defaultdict(list)
    for pairing in _pairings(references, context):
        if _informative(pairing.verdict):
            evidence[pairing.verdict.language].append(pairing)
    for language, found in evidence.items():
        sets = [set(p.verdict.match.schemes) for p in found if p.verdict.match]
        if set.intersection(*sets):
            continue
        groups: dict[str, list[str]] = defaultdict(list)
        for p in found:
            schemes = p.verdict.match.schemes if p.verdict.match else ()
            labels = ", ".join(dict.fromkeys(get_scheme(s).label for s in schemes))
            groups[labels].append(p.latin)
        described = "; ".join(f"{_some(v)} ({k})" for k, v in groups.items())
        yield Finding(
            _refs(references, (i for p in found for i in p.refs)),
            f"{LANGUAGE_NAMES[language]} is romanized under more than one scheme: {described}",
            field=found[0].field,
        )


CHECKS: tuple[Check, ...] = (
    Check("translit-mismatch", "warning",
          "a Latin and a Cyrillic form of one name that no romanization scheme makes from "
          "each other (Bogićević vs Божићевић: ж is ž)", translit_mismatch),
    Check("translit-mixed-schemes", "info",
          "one language romanized under more than one scheme in the list (Makiyenko is "
          "BGN/PCGN, Dudajti is ISO 9)", translit_mixed_schemes),
    Check("mixed-script", "error",
          "a word with letters of two scripts (Latin o inside дрoнова)", mixed_script),
    Check("confusable-word", "warning",
          "a whole word in one script imitating the other in a record of the other script "
          "(TACC for ТАСС)", confusable_word),
    Check("foreign-letter", "warning",
          "a Cyrillic letter the reference's language does not have (є in a Russian name, "
          "ы in a Serbian one)", foreign_letter),
    Check("quote-mismatch", "info",
          "quotation marks opened in one convention and closed in another („…»)",
          quote_mismatch),
)  # fmt: skip
