"""The agencies' formats read into CSL-JSON records, from the hand-written
fixtures in their real shapes; and the progress line."""

from __future__ import annotations

import io

import pytest
from agency_world import load
from hypothesis import given
from hypothesis import strategies as st

from refport.online.agencies import (
    crossref_items,
    crossref_work_to_csl,
    datacite_resources,
    datacite_to_csl,
    negotiated_csl,
    parse_doira,
    quote_doi,
    route_of,
)
from refport.online.progress import Progress


def crossref(doi: str) -> dict[str, object]:
    items = crossref_items(load("crossref-works.json"))
    return next(crossref_work_to_csl(i) for i in items if i["DOI"] == doi)


def test_a_crossref_work_becomes_csl_with_strings_for_its_title_lists() -> None:
    record = crossref("10.1080/14683857.2019.1578053")
    assert (
        record["title"]
        == "Azerbaijan’s foreign policy towards Russia since independence: compromise achieved"
    )
    assert record["container-title"] == "Southeast European and Black Sea Studies"
    assert record["author"] == [
        {"family": "Valiyev", "given": "Anar"},
        {"family": "Mamishova", "given": "Narmina"},
    ]
    assert (record["type"], record["volume"], record["page"]) == (
        "article-journal",
        "19",
        "269-291",
    )
    assert record["issued"] == {"date-parts": [[2019]]}


def test_a_crossref_work_keeps_print_and_online_dates_and_original_titles() -> None:
    record = crossref("10.5555/refport-online-first")
    assert record["custom"]["published-print"] == {"date-parts": [[2021, 3]]}  # type: ignore[index]
    assert record["custom"]["published-online"] == {"date-parts": [[2020, 11, 3]]}  # type: ignore[index]
    assert crossref("10.5555/refport-cyrillic")["original-title"].startswith("Синтетическая")  # type: ignore[union-attr]


def test_a_crossref_single_work_message_is_read_too() -> None:
    (item,) = crossref_items({"status": "ok", "message-type": "work", "message": {"DOI": "10.1/x"}})
    assert item["DOI"] == "10.1/x"


@pytest.mark.parametrize("payload", [[], {"message": []}, {"message": {"items": 3}}, "oops"])
def test_anything_but_a_crossref_message_is_refused(payload: object) -> None:
    with pytest.raises(ValueError):
        crossref_items(payload)


def test_a_datacite_resource_becomes_csl_with_its_subtitle_as_a_variant() -> None:
    (resource,) = datacite_resources(load("datacite-dois.json"))
    record = datacite_to_csl(resource)
    assert record["title"] == "Synthetic arms-transfer records"
    assert record["custom"]["title-variants"] == [  # type: ignore[index]
        "Synthetic arms-transfer records: a test dataset for refport"
    ]
    assert record["author"] == [
        {"family": "Testerova", "given": "Ada"},
        {"literal": "refport Test Group"},
    ]
    assert (record["type"], record["issued"]) == ("dataset", {"date-parts": [[2023, 6, 1]]})


def test_a_datacite_creator_with_only_a_name_is_split_at_its_comma() -> None:
    record = datacite_to_csl(
        {"attributes": {"doi": "10.5072/x", "creators": [{"name": "Doe, Jane"}]}}
    )
    assert record["author"] == [{"family": "Doe", "given": "Jane"}]


def test_a_negotiated_csl_answer_is_flattened_and_tagged_with_its_agency() -> None:
    record = negotiated_csl(
        {"DOI": "10.1/x", "title": ["A", "B"], "container-title": ["J"]}, "mEDRA"
    )
    assert (record["title"], record["container-title"]) == ("A", "J")
    assert record["custom"] == {"agency": "mEDRA", "title-variants": ["B"]}


def test_doira_answers_are_read_by_normalised_doi() -> None:
    answers = parse_doira(
        [
            {"DOI": "10.1017/S0043887100007814", "RA": "Crossref"},
            {"DOI": "10.1/none", "status": "DOI does not exist"},
            "junk",
        ]
    )
    assert answers["10.1017/s0043887100007814"].agency == "Crossref"
    assert answers["10.1/none"].absent


@pytest.mark.parametrize(
    ("agency", "route"),
    [
        ("Crossref", "crossref"),
        ("DataCite", "datacite"),
        ("mEDRA", "negotiate"),
        (None, "negotiate"),
    ],
)
def test_each_agency_has_its_route(agency: str | None, route: str) -> None:
    assert route_of(agency) == route


def test_a_doi_in_a_url_keeps_its_slashes_and_escapes_the_rest() -> None:
    assert quote_doi("10.1002/(SICI)1097-4571 #x") == "10.1002/%28SICI%291097-4571%20%23x"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_counts_resolved_cached_and_failed_on_a_terminal() -> None:
    stream = Terminal()
    progress = Progress(4, stream=stream, width=8)
    for tally in ("resolved", "cached", "failed", "resolved"):
        progress.add(tally)  # type: ignore[arg-type]
    progress.finish()
    assert stream.getvalue().endswith("\rDOIs [########] 4/4  resolved 2  cached 1  failed 1\n")


def test_no_progress_line_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(2, stream=stream)
    progress.add("resolved")
    progress.finish()
    assert stream.getvalue() == ""


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=10,
)
CROSSREF_KEYS = st.sampled_from(
    [
        "DOI",
        "type",
        "title",
        "subtitle",
        "author",
        "container-title",
        "issued",
        "published-print",
        "page",
        "ISSN",
        "original-title",
    ]
)
DATACITE_KEYS = st.sampled_from(
    [
        "doi",
        "titles",
        "creators",
        "dates",
        "publicationYear",
        "container",
        "types",
        "publisher",
        "language",
    ]
)


@given(st.dictionaries(CROSSREF_KEYS, JSON))
def test_any_crossref_item_becomes_a_record_with_a_doi_and_a_type(item: dict[str, object]) -> None:
    record = crossref_work_to_csl(item)
    assert isinstance(record["DOI"], str) and isinstance(record["type"], str)


@given(st.dictionaries(DATACITE_KEYS, JSON))
def test_any_datacite_resource_becomes_a_record_or_is_refused(
    attributes: dict[str, object],
) -> None:
    record = datacite_to_csl({"id": "10.5072/x", "attributes": attributes})
    assert isinstance(record["type"], str)
