"""One pass over all the text of each reference, for the quick tests of the
checks that read text field by field: markup-leak's (a character markup
starts with) and the script checks' (:mod:`refport.checks.letters`). Most
references pass none, and none of those checks reads them again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Final

from refport.checks import letters
from refport.checks.base import CheckContext
from refport.model import STRING_FIELDS, Reference

SKIPPED_FIELDS: Final = frozenset({"doi", "url"})  # doi-format and url checks cover these
#: The fields whose text the checks read (every one but the identifiers').
TEXT_FIELDS: Final = tuple(name for name in STRING_FIELDS if name not in SKIPPED_FIELDS)
#: What any LaTeX or HTML markup starts with.
MARKUP_START: Final = re.compile(r"[\\{&<]")

_field_values: Final = attrgetter(*TEXT_FIELDS)
_name_parts: Final = attrgetter("family", "given", "literal")


def all_text(ref: Reference) -> list[str]:
    """Every non-empty string of the reference the text checks may read: the
    fields, every name part (of every variant) and the fields' variants."""
    strings: list[str | None] = list(_field_values(ref))
    for creator in ref.creators:
        name = creator.name
        strings += _name_parts(name)
        for variant in name.variants:
            strings += _name_parts(variant)
    strings += (variant.value for variant in ref.variants)
    return list(filter(None, strings))


@dataclass(frozen=True, slots=True)
class TextSurvey:
    """List positions of the references each check must read field by field:
    those whose text, all of it together, passes the check's quick test."""

    markup: list[int]
    mixed_scripts: list[int]
    alphabet_letters: list[int]
    confusables: list[int]
    quotes: list[int]


def survey(references: Sequence[Reference]) -> TextSurvey:
    found = TextSurvey([], [], [], [], [])
    for index, ref in enumerate(references):
        strings = all_text(ref)
        joined = "\n".join(strings)
        if MARKUP_START.search(joined):
            found.markup.append(index)
        scripts = letters.record_survey(strings, joined)
        if not scripts:
            continue  # most references: Latin letters only, and no two quotation marks
        if scripts & letters.MIXED_SCRIPTS:
            found.mixed_scripts.append(index)
        if scripts & letters.ALPHABET:
            found.alphabet_letters.append(index)
        if scripts & letters.CONFUSABLES:
            found.confusables.append(index)
        if scripts & letters.QUOTES:
            found.quotes.append(index)
    return found


def shared_survey(references: Sequence[Reference], context: CheckContext) -> TextSurvey:
    """The survey of the list, made once per check run."""
    return context.shared("text-survey", lambda: survey(references))
