"""Normalisers and validators for DOI, ISBN, ISSN and ORCID: pure functions.

The DOI normaliser is refport's own (idutils accepts too much); ISBN, ISSN
and the ISO 7064 mod 11-2 check of ORCID come from python-stdnum. A
validator returns `None` for a good value and a short reason otherwise, so a
check can put the reason in its message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final
from urllib.parse import unquote

from stdnum import isbn as stdnum_isbn
from stdnum import isni as stdnum_isni
from stdnum import issn as stdnum_issn
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

# --- DOI ----------------------------------------------------------------------

#: Wrappers a DOI is often written in; removed (case-insensitively) until none is left.
DOI_PREFIXES: Final = (
    r"https?://(?:dx\.|www\.)?doi\.org/",
    r"(?:dx\.|www\.)?doi\.org/",
    r"https?://hdl\.handle\.net/",
    r"info:doi/",
    r"urn:doi:",
    r"doi\s*:\s*",
    r"doi\s+(?=10\.)",
)
_DOI_PREFIX: Final = re.compile("^(?:" + "|".join(DOI_PREFIXES) + ")", re.IGNORECASE)

#: LaTeX escapes of characters DOIs contain (`\_`, `{\_}`, `\%` ...).
_LATEX_ESCAPE: Final = re.compile(r"\{\\([_%#&$])\}|\\([_%#&$])|\\textunderscore(?:\{\})?")
_PERCENT_ESCAPE: Final = re.compile(r"%[0-9A-Fa-f]{2}")
#: Punctuation that ends a sentence or wraps a DOI but never ends one.
_TRAILING: Final = ".,;:'\"”’»>"
_LEADING: Final = "<«“‘([\"'"
_CLOSERS: Final = {")": "(", "]": "["}
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SLOW_PATH: Final = re.compile("[\\\\%\u200b\u200c\u200d\u2060\ufeff\u00ad]")

#: `10.` + registrant code (4-9 digits, optionally subdivided) + `/` + a suffix
#: of printable characters without whitespace.
_DOI: Final = re.compile(r"^10\.[0-9]{4,9}(?:\.[0-9]+)*/[^\s\x00-\x1f\x7f]+$")


def _unescape_latex(match: re.Match[str]) -> str:
    return match.group(1) or match.group(2) or "_"


def _strip_wrapping(text: str) -> str:
    text = text.lstrip(_LEADING)
    while text:
        last = text[-1]
        unbalanced = last in _CLOSERS and text.count(last) > text.count(_CLOSERS[last])
        if last in _TRAILING or unbalanced:
            text = text[:-1]
        else:
            break
    return text


def _doi_step(text: str) -> str:
    text = text.translate(_INVISIBLE).strip()
    text = _DOI_PREFIX.sub("", text, count=1)
    text = _LATEX_ESCAPE.sub(_unescape_latex, text)
    if _PERCENT_ESCAPE.search(text):
        text = unquote(text)
    return _strip_wrapping(text.strip())


def normalize_doi(text: str) -> str:
    """The bare DOI (`10.xxxx/suffix`) with wrappers, escapes and trailing
    punctuation removed; letter case is kept (see `doi_key`).

    Every step only ever shortens the text, so repeating them until nothing
    changes ends, and the result is a fixed point: normalising twice is
    normalising once.
    """
    if _DOI.match(text) and not _SLOW_PATH.search(text) and _strip_wrapping(text) == text:
        return text  # already bare: the loop below would leave it as it is
    current = text
    while True:
        following = _doi_step(current)
        if following == current:
            return current
        current = following


def is_valid_doi(text: str) -> bool:
    """True when the text is a DOI once normalised."""
    return bool(_DOI.match(normalize_doi(text)))


def doi_key(text: str) -> str | None:
    """The DOI as compared: normalised and case-folded (DOIs ignore case);
    `None` when the text is not a DOI."""
    normal = normalize_doi(text)
    return normal.lower() if _DOI.match(normal) else None


def doi_prefix(key: str) -> str:
    """The registrant part of a DOI ("10.1080")."""
    return key.split("/", 1)[0]


def doi_invalid_reason(text: str) -> str | None:
    """Why a (normalised) text is not a DOI, or None when it is one."""
    normal = normalize_doi(text)
    if _DOI.match(normal):
        return None
    if not normal.startswith("10."):
        return "it does not start with 10."
    prefix, slash, suffix = normal.partition("/")
    if not slash:
        return "it has no / between prefix and suffix"
    if not re.fullmatch(r"10\.[0-9]{4,9}(?:\.[0-9]+)*", prefix):
        return f"its prefix {prefix} is not 10. followed by a registrant code of 4-9 digits"
    if not suffix:
        return "its suffix after the / is empty"
    return "its suffix contains spaces or control characters"


#: Where DOIs embed their journal's ISSN: Taylor & Francis and SAGE put the
#: eight ISSN characters first (10.1080/14683857.2019...), many smaller
#: publishers the hyphenated ISSN (10.31696/2227-5568-2024-...), Elsevier and
#: Cambridge PIIs put them after an S (10.1017/S0043887100007814), Wiley's old
#: DOIs write them hyphenated after j. (10.1111/j.1468-2427.2009...), SICIs after
#: (SICI).
EMBEDDED_ISSN_PATTERNS: Final = (
    re.compile(r"^(\d{7}[\dx])(?=[.\d])"),
    re.compile(r"^(\d{4}-\d{3}[\dx])(?=[-./_])"),
    re.compile(r"^s(\d{7}[\dx])\d"),
    re.compile(r"^j\.(\d{4}-\d{3}[\dx])\."),
    re.compile(r"^\(sici\)(\d{4}-\d{3}[\dx])"),
)


def embedded_issn(doi: str) -> str | None:
    """The ISSN ("1468-3857") a DOI embeds, when its suffix has one of the
    shapes above and the check digit holds; None otherwise."""
    key = doi_key(doi)
    if key is None:
        return None
    suffix = key.split("/", 1)[1]
    for pattern in EMBEDDED_ISSN_PATTERNS:
        match = pattern.match(suffix)
        if match:
            digits = match.group(1).replace("-", "").upper()
            if stdnum_issn.is_valid(digits):
                return f"{digits[:4]}-{digits[4:]}"
    return None


# --- ISBN and ISSN ------------------------------------------------------------

#: Words that qualify an ISBN or ISSN in a field ("(pbk.)", "print", "e-ISSN").
_QUALIFIERS: Final = re.compile(
    r"\([^)]*\)|\b(?:e-?isbn|isbn(?:-1[03])?|e-?issn|p-?issn|issn|hbk|pbk|paperback|hardcover|"
    r"hardback|print|online|electronic|ebook|e-book|cloth|alk\. paper)\b\.?:?",
    re.IGNORECASE,
)
_SEPARATORS: Final = re.compile(r"[,;]|\s+(?:or|and|/)\s+", re.IGNORECASE)

_STDNUM_REASONS: Final[dict[type[ValidationError], str]] = {
    InvalidChecksum: "its check digit is wrong",
    InvalidLength: "it has the wrong number of digits",
    InvalidFormat: "it contains characters other than digits and a final X",
    InvalidComponent: "an ISBN-13 must start with 978 or 979",
}


def split_identifiers(text: str) -> list[str]:
    """The separate numbers in a field that may list several
    ("978-0-19-..., 0-19-... (pbk.)"), without their qualifiers."""
    if not text:
        return []
    pieces = (_QUALIFIERS.sub(" ", piece).strip(" :-") for piece in _SEPARATORS.split(text))
    return [piece for piece in pieces if piece]


def _stdnum_reason(validate: Callable[[str], object], number: str) -> str | None:
    try:
        validate(number)
    except ValidationError as error:
        return _STDNUM_REASONS.get(type(error), "it is not well formed")
    return None


def isbn_invalid_reason(number: str) -> str | None:
    """Why one ISBN (10 or 13) is bad, or None."""
    return _stdnum_reason(stdnum_isbn.validate, number)


def issn_invalid_reason(number: str) -> str | None:
    """Why one ISSN is bad, or None."""
    return _stdnum_reason(stdnum_issn.validate, number)


def isbn_key(number: str) -> str | None:
    """The ISBN-13 digits a valid ISBN-10 or ISBN-13 stands for (for comparing)."""
    if isbn_invalid_reason(number) is not None:
        return None
    return str(stdnum_isbn.to_isbn13(stdnum_isbn.compact(number)))


def issn_key(number: str) -> str | None:
    """A valid ISSN as "1234-567X" (for comparing)."""
    if issn_invalid_reason(number) is not None:
        return None
    digits = str(stdnum_issn.compact(number))
    return f"{digits[:4]}-{digits[4:]}"


# --- ORCID --------------------------------------------------------------------

_ORCID_PREFIX: Final = re.compile(r"^(?:https?://)?(?:www\.)?orcid\.org/", re.IGNORECASE)
_ORCID_SHAPE: Final = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
#: The blocks ISNI reserved for ORCID (first block 2012, second block 2023).
ORCID_BLOCKS: Final = (
    ("0000000150000007", "0000000350000001"),
    ("0009000000000000", "0009001000000000"),
)


def normalize_orcid(text: str) -> str:
    """The bare `0000-0002-1825-0097` form, without the orcid.org URL."""
    return _ORCID_PREFIX.sub("", text.strip()).strip().upper()


def orcid_invalid_reason(text: str) -> str | None:
    """Why a text is not an ORCID iD, or None: shape, ISO 7064 mod 11-2 check
    digit (ORCID iDs are ISNI numbers), and the ISNI blocks reserved for ORCID."""
    bare = normalize_orcid(text)
    if not _ORCID_SHAPE.match(bare):
        return "it is not four groups of four digits (the last may be X)"
    digits = bare.replace("-", "")
    if not stdnum_isni.is_valid(digits):
        return "its check digit is wrong"
    if not any(low <= digits <= high for low, high in ORCID_BLOCKS):
        return "it lies outside the number blocks ISNI reserved for ORCID"
    return None
