"""Romanization of Cyrillic names and titles, and detection of script slips.

The pure string layer under refport's ``translit-*``, ``mixed-script``,
``confusable-word``, ``foreign-letter`` and ``quote-mismatch`` checks: schemes as
data (:mod:`.schemes`), canonical romanization (:func:`romanize`), tolerant
matching (:func:`matches`), a letter-level explanation of a mismatch
(:func:`explain_mismatch`) and script/language detection (:mod:`.detect`).
"""

from .detect import (
    Confusable,
    ForeignLetter,
    MixedWord,
    Script,
    Word,
    confusable_words,
    detect_languages,
    foreign_letters,
    mixed_script_words,
    record_script,
    script_of,
    words,
)
from .explain import Fault, Mismatch, explain_mismatch
from .languages import ALPHABETS, LANGUAGE_NAMES, LANGUAGES, language_code
from .match import MatchResult, matches
from .normalize import Level
from .quotes import QUOTE_CONVENTIONS, QuoteMismatch, quote_mismatches
from .readme import scheme_table_markdown
from .romanize import romanize
from .schemes import ALL_SCHEMES, SCHEMES, get_scheme, schemes_for
from .table import Rule, Scheme

__all__ = [
    "ALL_SCHEMES",
    "ALPHABETS",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "QUOTE_CONVENTIONS",
    "SCHEMES",
    "Confusable",
    "Fault",
    "ForeignLetter",
    "Level",
    "MatchResult",
    "Mismatch",
    "MixedWord",
    "QuoteMismatch",
    "Rule",
    "Scheme",
    "Script",
    "Word",
    "confusable_words",
    "detect_languages",
    "explain_mismatch",
    "foreign_letters",
    "get_scheme",
    "language_code",
    "matches",
    "mixed_script_words",
    "quote_mismatches",
    "record_script",
    "romanize",
    "scheme_table_markdown",
    "schemes_for",
    "script_of",
    "words",
]
