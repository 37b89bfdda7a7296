"""What each kind of DOI problem looks like, on the synthetic references of
fixtures/online/synthetic.csl.json (one case each)."""

from __future__ import annotations

import httpx
import pytest
from online_support import FakeClock, settings_for

from refport.diagnostics import Diagnostic
from refport.model import Reference
from refport.online import Resolver, check_online, verify_dois


@pytest.fixture
def found(
    synthetic_refs: list[Reference], mock_client: httpx.Client, clock: FakeClock
) -> dict[str, list[Diagnostic]]:
    resolver = Resolver(mock_client, settings_for("http://agencies.test"), clock=clock)
    by_ref: dict[str, list[Diagnostic]] = {r.id: [] for r in synthetic_refs}
    for diagnostic in verify_dois(synthetic_refs, resolver):
        by_ref[diagnostic.refs[0]].append(diagnostic)
    return by_ref


def codes(diagnostics: list[Diagnostic]) -> list[tuple[str, str | None, str | None]]:
    return [(d.code, d.field, d.suggestion) for d in diagnostics]


def test_a_doi_the_handle_api_does_not_know_is_not_found(
    found: dict[str, list[Diagnostic]],
) -> None:
    (diagnostic,) = found["typo-doi"]
    assert (diagnostic.code, diagnostic.severity) == ("doi-not-found", "error")
    assert "10.1080/14683857.2019.1578035" in diagnostic.message


def test_a_datacite_doi_is_verified_through_datacite(found: dict[str, list[Diagnostic]]) -> None:
    assert found["datacite-dataset"] == []


def test_an_medra_doi_is_verified_through_content_negotiation(
    found: dict[str, list[Diagnostic]],
) -> None:
    assert found["medra-article"] == []


def test_a_year_two_or_more_off_differs_with_the_registered_year_as_suggestion(
    found: dict[str, list[Diagnostic]],
) -> None:
    assert codes(found["year-differs"]) == [("doi-metadata-differs", "issued", "2016")]


def test_a_year_one_off_an_online_first_date_is_tolerated(
    found: dict[str, list[Diagnostic]],
) -> None:
    assert found["online-first"] == []


def test_a_misspelt_first_author_differs(found: dict[str, list[Diagnostic]]) -> None:
    assert codes(found["misspelt-author"]) == [("doi-metadata-differs", "author", "Hayrapetyan")]
    assert found["misspelt-author"][0].severity == "warning"


def test_a_cyrillic_author_matches_its_romanization(found: dict[str, list[Diagnostic]]) -> None:
    assert found["cyrillic-author"] == []


def test_a_translated_title_is_not_a_difference(found: dict[str, list[Diagnostic]]) -> None:
    assert found["translated-title"] == []


def test_each_differing_field_gets_its_own_warning(found: dict[str, list[Diagnostic]]) -> None:
    assert codes(found["wrong-volume"]) == [
        ("doi-metadata-differs", "volume", "8"),
        ("doi-metadata-differs", "page", "201"),
    ]


def test_a_registered_doi_without_metadata_is_unreachable_not_passed(
    found: dict[str, list[Diagnostic]],
) -> None:
    (diagnostic,) = found["no-metadata"]
    assert (diagnostic.code, diagnostic.severity) == ("doi-unreachable", "info")
    assert "no agency returned its metadata" in diagnostic.message


def test_references_without_a_valid_doi_are_left_to_the_offline_checks(
    mock_client: httpx.Client, clock: FakeClock
) -> None:
    refs = [Reference("bad", doi="11.1000/abc"), Reference("none")]
    resolver = Resolver(mock_client, settings_for("http://agencies.test"), clock=clock)
    report = check_online(refs, resolver)
    assert report.diagnostics == [] and report.outcomes == []


def test_diagnostics_carry_file_and_line_of_the_reference(
    found: dict[str, list[Diagnostic]],
) -> None:
    (diagnostic,) = found["typo-doi"]
    assert diagnostic.file is not None and diagnostic.file.endswith("synthetic.csl.json")
    assert diagnostic.line == 2
