"""DOI, ISBN, ISSN and ORCID normalisers and validators (refport.identifiers)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refport.identifiers import (
    doi_invalid_reason,
    doi_key,
    embedded_issn,
    is_valid_doi,
    isbn_invalid_reason,
    isbn_key,
    issn_invalid_reason,
    issn_key,
    normalize_doi,
    normalize_orcid,
    orcid_invalid_reason,
    split_identifiers,
)

# --- strategies ---------------------------------------------------------------

#: Suffix characters real DOIs use (SICIs bring <>;:()[], Elsevier brackets).
SUFFIX_CHARACTERS = "abcXYZ0189.-_;()/:<>[]"
registrants = st.from_regex(r"[1-9][0-9]{3,8}(?:\.[0-9]{1,3})?", fullmatch=True)
suffixes = (
    st.text(alphabet=SUFFIX_CHARACTERS, min_size=1, max_size=20)
    .filter(lambda s: s[-1] not in ".;:)]>" and s[0] not in "<")
    # brackets balanced: "(10.1000/a(" cannot tell its own bracket from the wrapper's
    .filter(lambda s: s.count("(") == s.count(")") and s.count("[") == s.count("]"))
)
bare_dois = st.builds(lambda r, s: f"10.{r}/{s}", registrants, suffixes)

#: The ways one DOI is written in reference lists.
WRAPPERS = (
    "{}",
    "doi:{}",
    "DOI: {}",
    "doi {}",
    "https://doi.org/{}",
    "http://dx.doi.org/{}",
    "https://www.doi.org/{}",
    "doi.org/{}",
    "info:doi/{}",
    "<https://doi.org/{}>",
    " {} ",
    "{}.",
    "{},",
    "({})",
    "“{}”",
    "{}\u200b",
)


def written(doi: str, wrapper: str, escape: str) -> str:
    if escape == "url":
        doi = doi.split("/", 1)[0] + "/" + quote(doi.split("/", 1)[1], safe="")
    elif escape == "latex":
        doi = doi.replace("_", "\\_")
    return wrapper.format(doi)


any_texts = st.text(max_size=40) | st.builds(
    lambda w, d: w.format(d), st.sampled_from(WRAPPERS), bare_dois
)

# --- DOI: properties ------------------------------------------------------------


@given(any_texts)
def test_normalising_a_doi_twice_is_normalising_it_once(text: str) -> None:
    assert normalize_doi(normalize_doi(text)) == normalize_doi(text)


@given(bare_dois, st.sampled_from(WRAPPERS), st.sampled_from(("none", "url", "latex")))
def test_every_written_form_of_one_doi_normalises_to_that_doi(
    doi: str, wrapper: str, escape: str
) -> None:
    assert normalize_doi(written(doi, wrapper, escape)) == doi


@given(bare_dois, st.sampled_from(WRAPPERS))
def test_a_valid_doi_stays_valid_however_it_is_written(doi: str, wrapper: str) -> None:
    assert is_valid_doi(doi)
    assert is_valid_doi(wrapper.format(doi))
    assert is_valid_doi(normalize_doi(wrapper.format(doi)))


@given(bare_dois)
def test_doi_keys_ignore_letter_case(doi: str) -> None:
    assert doi_key(doi.upper()) == doi_key(doi.lower()) == doi.lower()


@given(any_texts)
def test_doi_key_exists_exactly_for_valid_dois(text: str) -> None:
    assert (doi_key(text) is not None) == is_valid_doi(text) == (doi_invalid_reason(text) is None)


# --- DOI: examples --------------------------------------------------------------


@pytest.mark.parametrize(
    ("written_form", "bare"),
    [
        ("DOI:10.1017/S0043887100007814", "10.1017/S0043887100007814"),
        ("https://doi.org/10.1017/s0043887100007814", "10.1017/s0043887100007814"),
        ("10.18485/fpn\\_pz.2024.27.3", "10.18485/fpn_pz.2024.27.3"),
        ("10.18485/fpn{\\_}pz.2024.27.3", "10.18485/fpn_pz.2024.27.3"),
        ("https://doi.org/10.1000%2Fabc%20def", "10.1000/abc def"),
        ("10.1000/(abc)", "10.1000/(abc)"),
        ("(10.1000/abc)", "10.1000/abc"),
        ("doi: https://doi.org/10.1000/x.", "10.1000/x"),
    ],
)
def test_normalise_doi_examples(written_form: str, bare: str) -> None:
    assert normalize_doi(written_form) == bare


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("11.1000/abc", "it does not start with 10."),
        ("10.1000", "it has no / between prefix and suffix"),
        ("10.12/abc", "its prefix 10.12 is not 10. followed by a registrant code of 4-9 digits"),
        ("10.1000/", "its suffix after the / is empty"),
        ("10.1000/abc def", "its suffix contains spaces or control characters"),
        ("", "it does not start with 10."),
    ],
)
def test_doi_invalid_reasons(text: str, reason: str) -> None:
    assert doi_invalid_reason(text) == reason


@pytest.mark.parametrize(
    ("doi", "issn"),
    [
        ("10.1080/14683857.2019.1578053", "1468-3857"),  # Taylor & Francis
        ("10.1080/21599165.2017.1322957", "2159-9165"),
        ("10.1017/S0043887100007814", "0043-8871"),  # a PII
        ("10.1177/0022002719898894", "0022-0027"),  # SAGE
        ("10.1111/j.1468-2427.2009.00878.x", "1468-2427"),  # old Wiley
        ("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0", "1097-4571"),
        ("10.31696/2227-5568-2024-04-160-168", "2227-5568"),
    ],
)
def test_embedded_issn_is_read_from_the_publishers_doi_shapes(doi: str, issn: str) -> None:
    assert embedded_issn(doi) == issn


@pytest.mark.parametrize(
    "doi",
    ["10.2307/2539204", "10.14746/pp.2022.27.1.6", "10.1080/14683858.2019.1", "not a doi"],
)
def test_no_embedded_issn_without_the_shape_and_a_good_check_digit(doi: str) -> None:
    assert embedded_issn(doi) is None


# --- ISBN, ISSN ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("978-0-19-286092-7", None),
        ("0-19-286092-5", None),
        ("0-8044-2957-X", None),
        ("978-0-19-286092-9", "its check digit is wrong"),
        ("0-19-286092-8", "its check digit is wrong"),
        ("0-19-286092-55", "it has the wrong number of digits"),
        ("977-0-19-286092-8", "an ISBN-13 must start with 978 or 979"),
        ("97A-0-19-286092-7", "it contains characters other than digits and a final X"),
    ],
)
def test_isbn_validation(number: str, reason: str | None) -> None:
    assert isbn_invalid_reason(number) == reason


def test_an_isbn10_and_its_isbn13_have_one_key() -> None:
    assert isbn_key("0-201-08349-3") == isbn_key("978-0-201-08349-1") == "9780201083491"


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("1468-3857", None),
        ("1050-124X", None),
        ("1468-3858", "its check digit is wrong"),
        ("1468-385", "it has the wrong number of digits"),
    ],
)
def test_issn_validation(number: str, reason: str | None) -> None:
    assert issn_invalid_reason(number) == reason


def test_issn_key_is_hyphenated() -> None:
    assert issn_key("14683857") == "1468-3857"
    assert issn_key("1468-3858") is None


def test_a_field_listing_several_numbers_is_split_without_qualifiers() -> None:
    assert split_identifiers("ISBN 978-0-19-286092-7 (paperback), 0-19-286092-5 (hbk.)") == [
        "978-0-19-286092-7",
        "0-19-286092-5",
    ]
    assert split_identifiers("1468-3857 (print); 1743-9639 online") == ["1468-3857", "1743-9639"]
    assert split_identifiers("") == []


# --- ORCID --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("orcid", "reason"),
    [
        ("0000-0002-1825-0097", None),
        ("https://orcid.org/0009-0007-9571-4258", None),
        ("0000-0001-5000-0007", None),
        ("0009-0006-7450-519", "it is not four groups of four digits (the last may be X)"),
        ("0000-0002-1825-0098", "its check digit is wrong"),
        ("0000-0000-0000-0001", "it lies outside the number blocks ISNI reserved for ORCID"),
    ],
)
def test_orcid_validation(orcid: str, reason: str | None) -> None:
    assert orcid_invalid_reason(orcid) == reason


def test_orcid_url_normalises_to_the_bare_id() -> None:
    assert normalize_orcid(" https://orcid.org/0000-0002-1825-0097 ") == "0000-0002-1825-0097"
