"""The checks' quick paths against the slower code they replace.

The script checks skip strings, and whole references, that cannot hold a
finding (`refport.checks.letters`), share their work within a run, and leave
out of the name pairing the Latin names near no Cyrillic one. Here are the
checks as they were before (word by word, reference by reference), run on
lists drawn to be full of slips (look-alike letters, letters foreign to a
language, mixed quotation marks, Latin and Cyrillic forms of one name): the
two must report the same, in the same order. The smaller quick paths (text
keys, page spans, past dates, the script of a name) are compared the same way.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import Holds, clean_texts, references

from refport.checks import letters, scripts, survey
from refport.checks.base import Check, CheckContext, Finding, run_checks
from refport.checks.fields import (
    FORTHCOMING,
    FUTURE_CHECKED,
    _is_future,
    date_invalid,
    impossible,
    markup_leak,
    page_pieces,
    page_span,
    range_values,
    show_date,
)
from refport.checks.scripts import (
    RECORD_FIELDS,
    TITLE_FIELDS,
    Pairing,
    _foreign_finding,
    _languages,
    _orient,
    _record,
    _requoted,
    _texts,
)
from refport.checks.works import _SUBTITLE, FOLDED_LETTERS, main_title_key, text_key
from refport.diagnostics import Diagnostic
from refport.model import Date, DatePart, Reference
from refport.translit import (
    ForeignLetter,
    Script,
    confusable_words,
    foreign_letters,
    mixed_script_words,
    quote_mismatches,
    record_script,
    script_of,
)
from refport.translit.languages import ALL_LETTERS, APOSTROPHE, LANGUAGES
from refport.translit.pairing import NameForm, comparisons, judge, script

TODAY = dt.date(2026, 11, 24)

# --- the script checks as they were ----------------------------------------------


def mixed_script_before(refs: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    for ref in refs:
        seen: set[tuple[str, str]] = set()
        for text in _texts(ref):
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


def confusable_word_before(refs: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    for ref in refs:
        texts = _record(ref)
        record = record_script(t.value for t in texts)
        if record is None:
            continue
        language = next(iter(_languages(ref)), None)
        fields: dict[str, list[str]] = defaultdict(list)
        imitated: dict[str, str] = {}
        for text in texts:
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


def foreign_letter_before(refs: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    for ref in refs:
        seen: set[str] = set()
        for text in _texts(ref):
            languages = _languages(ref, text.tag)
            by_word: dict[str, list[ForeignLetter]] = defaultdict(list)
            for found in foreign_letters(text.value, languages):
                by_word[found.word.text].append(found)
            for word, found_letters in by_word.items():
                if word in seen:
                    continue
                seen.add(word)
                yield _foreign_finding(ref, text, word, found_letters, languages)


def quote_mismatch_before(refs: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    for ref in refs:
        for text in _texts(ref, TITLE_FIELDS):
            language = next(iter(_languages(ref, text.tag)), None)
            for found in quote_mismatches(text.value):
                quoted = text.value[found.start : found.end + 1]
                yield Finding(
                    (ref,),
                    f"{text.where()} opens a quotation with {found.opening} and closes it "
                    f"with {found.closing} ({quoted}); use "
                    f"{' or '.join(found.expected()[:3])}",
                    field=text.field,
                    suggestion=_requoted(text.value, found.start, found.end, language),
                )


def name_forms_before(refs: Sequence[Reference]) -> list[NameForm]:
    """Every name form, each name a group, as the pairing was given them."""
    forms: list[NameForm] = []
    group = 0
    for index, ref in enumerate(refs):
        year = ref.issued.year if ref.issued else None
        work = (ref.container_title or "").casefold() or None
        for creator in ref.creators:
            name = creator.name
            if name.literal is not None or not (name.family or name.given):
                continue
            group += 1
            parts = [(name.family or "", name.given or "", None)]
            parts += [(v.family or "", v.given or "", v.tag) for v in name.variants]
            for family, given_name, tag in parts:
                cyrillic = script_before(family or given_name) is Script.CYRILLIC
                languages = _languages(ref, tag) if cyrillic else ()
                forms.append(NameForm(index, family, given_name, languages, group, year, work))
    return forms


def title_pairings_before(refs: Sequence[Reference]) -> Iterator[Pairing]:
    for index, ref in enumerate(refs):
        for variant in ref.variants:
            main = getattr(ref, variant.field, None)
            if variant.field not in TITLE_FIELDS or not isinstance(main, str):
                continue
            pair = _orient(main, ref.language, variant.value, variant.tag)
            if pair is None:
                continue
            cyrillic, cyrillic_tag, latin = pair
            verdict = judge(cyrillic, latin, _languages(ref, cyrillic_tag))
            if verdict is not None:
                yield Pairing((index,), variant.field, cyrillic, latin, verdict)


def pairings_before(refs: Sequence[Reference]) -> list[Pairing]:
    found = []
    for c in comparisons(name_forms_before(refs)):
        pair_refs = tuple(sorted({c.cyrillic.ref, c.latin.ref}))
        cyrillic, latin = getattr(c.cyrillic, c.part), getattr(c.latin, c.part)
        found.append(Pairing(pair_refs, "author", cyrillic, latin, c.verdict))
    return [*found, *title_pairings_before(refs)]


def script_before(text: str) -> Script | None:
    return next((s for s in map(script_of, text) if s is not None), None)


def translit_before(check: Check) -> Check:
    """The translit check, with the pairings found as they were."""

    def run(refs: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
        shared = {"translit-pairings": pairings_before(refs)}
        yield from check.run(refs, replace(context, shared_work=shared))

    return replace(check, run=run)


NEW = {c.code: c for c in scripts.CHECKS}
BEFORE = {
    "mixed-script": replace(NEW["mixed-script"], run=mixed_script_before),
    "confusable-word": replace(NEW["confusable-word"], run=confusable_word_before),
    "foreign-letter": replace(NEW["foreign-letter"], run=foreign_letter_before),
    "quote-mismatch": replace(NEW["quote-mismatch"], run=quote_mismatch_before),
    "translit-mismatch": translit_before(NEW["translit-mismatch"]),
    "translit-mixed-schemes": translit_before(NEW["translit-mixed-schemes"]),
}


def run_each(refs: Sequence[Reference], checks: dict[str, Check]) -> list[Diagnostic]:
    return [d for code in NEW for d in run_checks(refs, [checks[code]], CheckContext(today=TODAY))]


# --- lists full of slips -------------------------------------------------------------

SLIPS = (
    "ABCEHKMOPTXYaceopxyIiJjSs"  # Latin look-alikes of Cyrillic letters
    "аеорсухАВЕКМНОРСТУХіјѕІЈЅёЁїЇ"  # Cyrillic look-alikes of Latin letters
    "бвгджзлмнпфцчшщьюяБГДЖЗ"  # Cyrillic letters without look-alikes
    "єґўыэъђћџљњѓќ"  # letters of some Cyrillic alphabets only
    "αβγοΑΒΟ"  # Greek
    "„“”«»‚‘’‹›\"'ʼ"  # quotation marks and apostrophes
    "\u0301\u0308"  # combining marks
    "dfgqzıİ0123²_-.("  # other letters, digits, a superscript, separators
)
WORDS = (
    "ТАСС", "TACC", "OOO", "ООО", "дрoнова", "Ivanov", "Иванов", "Иванова", "Ivanova",
    "«Война и мир»", "„Подводные камни»", "“Quoted”", "Єгоров", "Ђорђевић", "Đorđević",
    "Makiyenko", "Макиенко", "Makienko", "Makiyenco", "Zaitseb", "Зайцев", "Zaitsev",
    "Shchukin", "Щукин", "Ščukin", "Божићевић", "Bogićević", "Konstantin", "К.", "K.",
    "Іван", "Ivan", "Наука", "Press",
)  # fmt: skip
slip_texts = st.lists(st.sampled_from(WORDS) | clean_texts(SLIPS, 12), min_size=1, max_size=4).map(
    " ".join
)
SLIP_HOLDS = Holds(
    types=("article-journal", "book", "chapter"),
    fields=(*scripts.TEXT_FIELDS, "language"),
    roles=("author", "editor"),
    name_parts=("family", "given"),
    orcid=False,
    variant_fields=(*TITLE_FIELDS, "publisher"),
    dates=("issued",),
    date_ranges=False,
    pages=False,
    keywords=False,
    text=slip_texts,
    rich_text=slip_texts,
    field_texts={
        "language": st.sampled_from(
            ("ru", "uk", "be", "bg", "sr", "mk", "en", "sr-Latn", "Russian")
        )
    },
)
FAMILIES = (
    "Иванов", "Ivanov", "Ivanof", "Ivanova", "Макиенко", "Makiyenko", "Makienko", "Makiyenco",
    "Зайцев", "Zaitsev", "Zaitseb", "Zajcev", "Щукин", "Shchukin", "Ščukin", "Shukin",
    "Божићевић", "Bogićević", "Božićević", "Ђорђевић", "Đorđević", "Smith", "Müller", "O'Brien",
)  # fmt: skip
GIVENS = ("К.", "K.", "Konstantin", "Константин", "И.", "I.", "Ivan", "Иван", "", "Ђ.", "Đ.")
TAGGED = ("ru", "ru-Latn", "sr-Cyrl", "sr-Latn", "en", "uk")


@st.composite
def named_references(draw: st.DrawFn) -> Reference:
    """A reference whose authors are drawn from a few names in both scripts, with
    their variants: the Latin and Cyrillic forms the translit checks pair."""
    from refport.model import Creator, Name, NameVariant, TextVariant

    def name() -> Name:
        variants = tuple(
            NameVariant(tag, draw(st.sampled_from(FAMILIES)), draw(st.sampled_from(GIVENS)))
            for tag in draw(st.lists(st.sampled_from(TAGGED), unique=True, max_size=1))
        )
        return Name(
            family=draw(st.sampled_from(FAMILIES)),
            given=draw(st.sampled_from(GIVENS)) or None,
            variants=variants,
        )

    title = draw(slip_texts)
    variants = tuple(
        TextVariant("title", tag, draw(slip_texts | st.sampled_from(FAMILIES)))
        for tag in draw(st.lists(st.sampled_from(TAGGED), unique=True, max_size=1))
    )
    return Reference(
        id=draw(st.sampled_from("abcdefgh")),
        title=title,
        variants=variants,
        creators=tuple(Creator("author", name()) for _ in range(draw(st.integers(1, 3)))),
        language=draw(st.sampled_from((None, "ru", "en", "sr", "uk", "ru-Latn"))),
        issued=Date(start=DatePart(draw(st.sampled_from((2020, 2021))))),
        container_title=draw(st.sampled_from((None, "Journal A", "Journal B"))),
    )


slip_lists = st.lists(references(SLIP_HOLDS) | named_references(), max_size=6)
name_lists = st.lists(named_references(), min_size=2, max_size=8)


@settings(max_examples=150, deadline=None)
@given(slip_lists)
def test_script_checks_find_what_they_found_word_by_word(refs: list[Reference]) -> None:
    assert run_each(refs, NEW) == run_each(refs, BEFORE)


@settings(max_examples=100, deadline=None)
@given(name_lists)
def test_names_in_both_scripts_are_paired_as_before(refs: list[Reference]) -> None:
    assert run_each(refs, NEW) == run_each(refs, BEFORE)


@settings(max_examples=50, deadline=None)
@given(slip_lists)
def test_script_checks_run_together_find_what_each_finds_alone(refs: list[Reference]) -> None:
    together = run_checks(refs, list(NEW.values()), CheckContext(today=TODAY))
    assert sorted(map(repr, together)) == sorted(map(repr, run_each(refs, NEW)))


def test_a_list_of_slips_has_a_finding_of_every_kind_both_ways() -> None:
    """The property above is not vacuous: a fixed list of the drawn words finds
    every kind of slip, the same way."""
    from refport.model import Creator, Name, NameVariant

    def person(family: str, given: str, *variants: NameVariant) -> Creator:
        return Creator("author", Name(family=family, given=given, variants=variants))

    refs = [
        Reference(id="a", title="Отчёт ТAСС о дрoнова", language="ru",
                  creators=(person("Єгоров", "Іван"),)),
        Reference(id="b", title="Review of TACC policy", publisher="ТАСС",
                  creators=(person("Smith", "J."),)),
        Reference(id="c", title="„Подводные камни» и «Война и мир»", language="ru",
                  creators=(person("Макиенко", "К."),)),
        Reference(id="d", title="Energy", language="en", creators=(person("Makiyenco", "K."),)),
        Reference(id="e", title="Policy", language="en",
                  creators=(person("Bogićević", "A.", NameVariant("sr-Cyrl", "Божићевић", "А.")),)),
        Reference(id="f", title="Studies", language="ru", creators=(person("Иванов", "И."),)),
        Reference(id="g", title="Studies", language="en", creators=(person("Dudajti", "I."),)),
        Reference(id="h", title="Studies", language="en", creators=(person("Makiyenko", "K."),)),
    ]  # fmt: skip
    new, before = run_each(refs, NEW), run_each(refs, BEFORE)
    assert new == before
    assert {d.code for d in new} == set(NEW) - {"translit-mixed-schemes"}


# --- the quick tests, string by string ------------------------------------------------

texts = clean_texts(SLIPS, 30) | slip_texts | st.text(alphabet=SLIPS, max_size=12)
language_sets = st.lists(st.sampled_from(LANGUAGES), unique=True, max_size=3).map(tuple)


@given(texts)
def test_a_word_of_two_scripts_passes_the_quick_test(text: str) -> None:
    assert letters.may_mix_scripts(text) or not mixed_script_words(text)


@given(texts, language_sets)
def test_a_foreign_letter_passes_the_quick_tests(text: str, languages: tuple[str, ...]) -> None:
    if foreign_letters(text, languages):
        assert letters.may_have_alphabet_letters(text)
        assert letters.ForeignLetterTest()(text, languages)


@given(texts, st.sampled_from(list(Script)), st.none() | st.sampled_from(LANGUAGES))
def test_a_confusable_word_passes_the_quick_test(
    text: str, record: Script, language: str | None
) -> None:
    if confusable_words(text, record, language):
        assert letters.may_have_confusables(text, record)
        assert letters.may_have_confusables(text, None)


@given(texts)
def test_a_quote_mismatch_passes_the_quick_test(text: str) -> None:
    assert letters.may_mismatch_quotes(text) or not quote_mismatches(text)


@given(st.lists(texts, max_size=4))
def test_a_records_survey_has_every_bit_one_of_its_strings_has(strings: list[str]) -> None:
    found = letters.record_survey(strings)
    cyrillic = any(script_of(c) is Script.CYRILLIC for s in strings for c in s)
    for text in strings:
        if letters.may_mix_scripts(text):
            assert found & letters.MIXED_SCRIPTS
        if letters.may_have_alphabet_letters(text):
            assert found & letters.ALPHABET
        if letters.may_have_confusables(text, Script.LATIN) or (
            cyrillic and letters.may_have_confusables(text, Script.CYRILLIC)
        ):
            assert found & letters.CONFUSABLES
        if letters.may_mismatch_quotes(text):
            assert found & letters.QUOTES


@given(st.lists(texts, max_size=4))
def test_the_record_script_counted_by_runs_is_the_record_script(strings: list[str]) -> None:
    assert letters.record_script(strings) == record_script(strings)


def test_the_scanned_blocks_hold_every_letter_of_the_three_scripts() -> None:
    """All of Unicode, letter by letter: what the scan of a few blocks at import
    found is every Latin, Cyrillic and Greek letter, and every letter that
    lower-cases into a supported Cyrillic alphabet."""
    scan = script_of.__wrapped__
    found: dict[Script, set[str]] = {s: set() for s in letters.LETTERS}
    alphabet: set[str] = set()
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        kind = scan(char)
        if kind in found:
            found[kind].add(char)
        lower = char.lower()
        if lower in ALL_LETTERS and lower != APOSTROPHE:
            alphabet.add(char)
    assert {s: set(chars) for s, chars in letters.LETTERS.items()} == found
    assert alphabet == letters.ALPHABET_LETTERS


@given(clean_texts(SLIPS + "AbcÉé", 16))
def test_the_script_of_a_name_is_its_first_letters(text: str) -> None:
    assert script(text) == script_before(text)


# --- text keys, page spans, past dates -----------------------------------------------

KEY_ALPHABET = " :?!.–—-_abcAB1ıİəƏçЖéØøĐđŁłÆæŒœÞþÐð\u0301\t\u00a0\u2009²<>i/"


def text_key_before(text: str | None) -> str:
    if not text:
        return ""
    folded = re.sub(r"</?(?:i|b|sup|sub|span)\b[^<>]*>", "", text).casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded.translate(FOLDED_LETTERS))
        folded = re.sub("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+",
                        "", folded)  # fmt: skip
    return re.sub(r"[\W_]+", " ", folded).strip()


@given(st.text(alphabet=KEY_ALPHABET, max_size=30))
def test_text_and_title_keys_are_as_before(text: str) -> None:
    assert text_key(text) == text_key_before(text)
    assert main_title_key(text) == text_key_before(_SUBTITLE.split(text, maxsplit=1)[0])


def page_span_before(text: str) -> tuple[int, int] | None:
    pieces = page_pieces(text)
    if not pieces or any(p.first is None for p in pieces):
        return None
    first, last = pieces[0].first or "", pieces[-1].last or pieces[-1].first or ""
    if not (first.isdecimal() and last.isdecimal()):
        return None
    match_first = re.match(r"^([A-Za-z]*)(\d+)$", first)
    match_last = re.match(r"^([A-Za-z]*)(\d+)$", last)
    assert match_first and match_last  # decimal: no prefix
    head, tail = match_first.group(2), match_last.group(2)
    if len(tail) < len(head):
        tail = head[: len(head) - len(tail)] + tail
    return int(head), int(tail)


@given(st.from_regex(r"\s?[0-9٣]{1,4}\s?(-{1,3}|–|—|,|;| )?\s?[0-9]{0,4}\s?", fullmatch=True))
def test_page_spans_are_as_before(text: str) -> None:
    from refport.model import parse_pages

    assert page_span(parse_pages(text)) == page_span_before(text)
    first, _, last = text.partition("-")
    if first.strip().isdecimal() and last.strip().isdecimal():
        values = range_values(first.strip(), last.strip())
        assert values == page_span_before(f"{first.strip()}-{last.strip()}")


def date_invalid_before(refs: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    def problems(ref: Reference, name: str, date: Date) -> Iterator[str]:
        points = [p for p in (date.start, date.end) if p is not None]
        reasons = [r for r in map(impossible, points) if r]
        yield from reasons
        if reasons:
            return
        if date.start and date.end:
            end = date.end.as_tuple()
            if end < date.start.as_tuple()[: len(end)]:
                yield "it ends before it starts"
        forthcoming = (ref.status or "").strip().lower() in FORTHCOMING
        if name not in FUTURE_CHECKED or (name == "issued" and forthcoming):
            return
        allowance = context.setting("date-invalid", "allow-future-years", 0)
        years_ahead = allowance if isinstance(allowance, int) and name == "issued" else 0
        if any(_is_future(p, context.today, years_ahead) for p in points):
            yield f"it is in the future (checked on {context.today.isoformat()})"

    for ref in refs:
        for name in ("issued", "accessed", "original_date", "event_date"):
            date = getattr(ref, name)
            if date is None or date.start is None:
                continue
            for reason in problems(ref, name, date):
                yield Finding((ref,), f"{name} date {show_date(date)} cannot be: {reason}",
                              field=name)  # fmt: skip


points = st.builds(
    DatePart,
    st.sampled_from((0, 1999, TODAY.year - 2, TODAY.year - 1, TODAY.year, TODAY.year + 1, 10000)),
    st.none() | st.integers(0, 13),
    st.none() | st.integers(0, 32),
    st.none() | st.integers(0, 5),
)
dated = st.builds(
    lambda start, end, field, status: Reference(id="r", status=status).with_changes(
        **{field: Date(start=start, end=end)}
    ),
    points,
    st.none() | points,
    st.sampled_from(("issued", "accessed", "original_date", "event_date")),
    st.sampled_from((None, "forthcoming", " In press ", "published")),
)


@given(st.lists(dated, max_size=3), st.sampled_from((None, -2, 0, 1, True, "x")))
def test_date_invalid_finds_what_it_found(refs: list[Reference], allowance: object) -> None:
    settings_ = {} if allowance is None else {"date-invalid": {"allow-future-years": allowance}}
    context = CheckContext(today=TODAY, settings=settings_)
    assert list(date_invalid(refs, context)) == list(date_invalid_before(refs, context))


def test_the_survey_reads_every_field_the_text_checks_read() -> None:
    assert set(RECORD_FIELDS) | set(TITLE_FIELDS) <= set(scripts.TEXT_FIELDS)
    assert set(scripts.TEXT_FIELDS) <= set(survey.TEXT_FIELDS)


@given(st.lists(references(), max_size=4))
def test_markup_leak_finds_what_it_finds_reading_every_reference(refs: list[Reference]) -> None:
    everyone = survey.TextSurvey(list(range(len(refs))), [], [], [], [])
    unsurveyed = CheckContext(today=TODAY, shared_work={"text-survey": everyone})
    found = list(markup_leak(refs, CheckContext(today=TODAY)))
    assert found == list(markup_leak(refs, unsurveyed))


@given(texts | st.text(alphabet="ъЪеёюяабвгEe ", max_size=12))
def test_language_detection_counts_letters_as_before(text: str) -> None:
    from collections import Counter

    from refport.translit import detect

    before = Counter(c for c in text.lower() if c in ALL_LETTERS and c != APOSTROPHE)
    assert detect._letter_counts(text) == before
    assert list(detect._letter_counts(text)) == list(before)  # in the same order
    lower = text.lower()
    inner = sum(
        1
        for i, c in enumerate(lower)
        if c == "ъ"
        and 0 < i < len(lower) - 1
        and lower[i - 1].isalpha()
        and lower[i + 1].isalpha()
        and lower[i + 1] not in "еёюя"
    )
    assert detect._inner_hard_signs(lower) == inner
