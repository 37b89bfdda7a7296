"""Properties over generated names, for every language and scheme.

1. A Cyrillic name romanized by a scheme is accepted by that scheme, exactly.
2. One letter of that romanization changed to a Latin letter no scheme allows for
   it is flagged, and the explanation names that Cyrillic letter.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from refport.translit import ALL_SCHEMES, Level, Scheme, explain_mismatch, matches, schemes_for
from refport.translit.engine import all_spellings, applicable_rule, compiled
from refport.translit.explain import TRANSCRIPTION_MARKS
from refport.translit.languages import ALPHABET_SETS, VOWELS
from refport.translit.normalize import fold_latin

_SIGNS = {"ru": "ьъ", "uk": "ь", "bg": "ь", "be": "ь", "sr": "", "mk": ""}
_APOSTROPHE_BEFORE = {"uk": "яюєї", "be": "яюеёі"}
PROPERTY_SETTINGS = settings(
    max_examples=max(25, settings.default.max_examples // 2),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
"""Half the profile's examples per scheme (the default profile: 30 x 26 schemes x 2
properties); HYPOTHESIS_PROFILE=slow runs 500 per scheme."""


def cyrillic_names(language: str) -> st.SearchStrategy[str]:
    """Pronounceable names: consonant-vowel syllables, soft signs and apostrophes
    where the language has them, capitalised."""
    vowels = sorted(VOWELS[language])
    consonants = sorted(ALPHABET_SETS[language] - VOWELS[language] - set("ьъ'"))
    syllables = [st.tuples(st.sampled_from(consonants), st.sampled_from(vowels)).map("".join)]
    if _SIGNS[language]:
        syllables.append(
            st.tuples(
                st.sampled_from(consonants),
                st.sampled_from(list(_SIGNS[language])),
                st.sampled_from(vowels),
            ).map("".join)
        )
    if language in _APOSTROPHE_BEFORE:
        syllables.append(
            st.tuples(
                st.sampled_from(consonants), st.sampled_from(list(_APOSTROPHE_BEFORE[language]))
            ).map(lambda t: f"{t[0]}'{t[1]}")
        )
    word = st.tuples(
        st.lists(st.one_of(*syllables), min_size=1, max_size=4).map("".join),
        st.sampled_from(["", *consonants]),
    ).map("".join)
    return word.map(str.capitalize)


def canonical_pieces(text: str, scheme: Scheme) -> list[tuple[int, int, str]]:
    """(start, end, spelling) of each canonical piece of lower-case ``text``."""
    target = compiled(scheme.id)
    pieces: list[tuple[int, int, str]] = []
    i = 0
    while i < len(text):
        found = applicable_rule(target, text, i)
        if found is not None:
            pieces.append((i, i + len(found.cyrillic), found.canonical))
            i += len(found.cyrillic)
        else:
            pieces.append((i, i + 1, target.canonical[text[i]]))
            i += 1
    return pieces


@pytest.mark.parametrize("scheme", ALL_SCHEMES, ids=lambda s: s.id)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_romanized_name_is_accepted(scheme: Scheme, data: st.DataObject) -> None:
    from refport.translit import romanize

    name = data.draw(cyrillic_names(scheme.language))
    latin = romanize(name, scheme)
    result = matches(name, latin, [scheme])
    assert result.level is Level.EXACT and result.schemes == (scheme.id,), (name, latin)
    assert scheme.id in matches(name, latin, schemes_for(scheme.language)).schemes


@pytest.mark.parametrize("scheme", ALL_SCHEMES, ids=lambda s: s.id)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_one_wrong_letter_is_named(scheme: Scheme, data: st.DataObject) -> None:
    name = data.draw(cyrillic_names(scheme.language)).lower()
    pieces = canonical_pieces(name, scheme)
    candidates = [
        k
        for k, (start, end, spelling) in enumerate(pieces)
        if end - start == 1 and spelling and "" not in all_spellings(name[start], Level.EXACT)
    ]
    assume(candidates)
    k = data.draw(st.sampled_from(candidates))
    start, _, _ = pieces[k]
    letter = name[start]
    allowed_first = {sp[:1] for sp in all_spellings(letter, Level.NO_SIGNS)}
    # w and q mark another language's spelling (Schukow): a transcription, not a slip.
    impossible = set(string.ascii_lowercase) - allowed_first - set(TRANSCRIPTION_MARKS)
    wrong = data.draw(st.sampled_from(sorted(impossible)))
    latin = "".join(wrong if j == k else sp for j, (_, _, sp) in enumerate(pieces))
    assume(not matches(name, latin, schemes_for(scheme.language)).matched)
    # A wrong letter that makes th, ph or ck reads as an English spelling (Kenneth).
    folded = fold_latin(latin, Level.NO_SIGNS)
    assume(not any(mark in folded for mark in TRANSCRIPTION_MARKS))
    mismatch = explain_mismatch(name, latin, scheme.language)
    assert mismatch is not None, (name, latin)
    assert f"{letter} is" in mismatch.message(), (name, latin, mismatch.message())


@settings(max_examples=200, deadline=None)
@given(cyrillic=st.text(max_size=20), latin=st.text(max_size=20))
def test_any_text_is_handled(cyrillic: str, latin: str) -> None:
    """Arbitrary Unicode (İ, combining marks, digits, other scripts) never breaks the layer."""
    from refport.translit import romanize

    for scheme in ("ru-bgn", "uk-national-2010", "sr-gaj"):
        assert isinstance(romanize(cyrillic, scheme), str)
    for language in ("ru", "sr"):
        assert isinstance(matches(cyrillic, latin, schemes_for(language)).matched, bool)
        mismatch = explain_mismatch(cyrillic, latin, language)
        assert mismatch is None or mismatch.message()
