"""`refport check` on the seed reference lists (fixtures/seeds/, transcribed
from ../shared/seeds/): the exact set of diagnostics, each justified by the
reference as the seed article prints it. If a finding is wrong, the check is
fixed, not this expectation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from refport.checks import consistency, fields, identifiers
from refport.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
PRERADOVIC = "fixtures/seeds/preradovic-bogicevic-2026.csl.json"
TURAN = "fixtures/seeds/turan-2025.csl.json"
AUTHOR_LINES = "fixtures/seeds/author-lines.csl.json"
CODES = [c.code for c in (*identifiers.CHECKS, *fields.CHECKS, *consistency.CHECKS)]

#: (code, severity, refs, field) of each diagnostic.
Finding = tuple[str, str, tuple[str, ...], str | None]
Found = set[Finding]

EXPECTED: dict[str, Found] = {
    PRERADOVIC: {
        # "Abushov, Kavus. 2019. "Russian foreign policy towards the Nagorno-Karabakh
        #  conflict: …" East European Politics 35 (1): 72–92. DOI: 10.1080/14683857.2019.1578053"
        # "Valiyev, Anar, and Narmina Mamishova. 2019. "Azerbaijan's foreign policy towards
        #  Russia since independence: …" Southeast European and Black Sea Studies 19 (2):
        #  269–291. DOI: 10.1080/14683857.2019.1578053"
        # One DOI on two articles in two journals; "Van Gils, Eske. 2017. … East European
        # Politics 33 (2): 257–276. DOI: 10.1080/21599165.2017.1322957" shows that East
        # European Politics' DOIs embed 2159-9165, not 1468-3857: Abushov's is the wrong one.
        ("doi-duplicate", "error", ("abushov2019", "valiyev2019"), "doi"),
        # "Askerov, Ali, and Gubad Ibadoghlu. 2023. … In The Nagorno-Karabakh Conflict:
        #  Historical and Political Perspectives, ed. M. Hakan Yavuz and Michael M. Gunther,
        #  245–273." and "Erickson, Edward J. 2023. … In The Nagorno-Karabakh Conflict: …,
        #  223–246." — two chapters of one book on pages 245–246 both.
        ("pages-overlap", "warning", ("askerov2023", "erickson2023"), "page"),
        # … and "Yavuz, Hakan. 2023. … In The Nagorno-Karabakh Conflict: …, 273–303." starts
        # on page 273, where Askerov and Ibadoghlu's chapter ends.
        ("pages-overlap", "warning", ("askerov2023", "yavuz2023"), "page"),
        # "Human Rights Watch. 2018. "The EU Parliament makes it clear – …" June 9, 2018.
        #  <https://www.hrw.org/news/2018/07/09/eu-parliament-makes-it-clear-…>": the URL
        #  dates the page 9 July.
        ("url-date", "info", ("hrw2018",), "issued"),
        # "Minasyan, Sergey. 2013. "Russian-Armenian Relations: Affection or Pragmatism?"
        #  PONARS Eurasia Policy Memo 269: 1–5." — a policy memo (report) with no publisher.
        ("missing-field", "warning", ("minasyan2013",), "publisher"),
    },
    TURAN: {
        # "Atherton, K. D. (2023, January 30). Mass-market military drones: … MIT Technology
        #  Review. https://www.technologyreview.com/2023/01/09/1064892/…": URL says 9 January.
        ("url-date", "info", ("atherton2023",), "issued"),
        # "Mitzer, S., Oliemans, J., & Janovsky, J. (2022, February 23). A monument of
        #  victory: … https://www.oryxspioenkop.com/2021/12/a-monument-of-victory-…":
        #  URL says December 2021.
        ("url-date", "info", ("mitzer2022",), "issued"),
    },
    AUTHOR_LINES: {
        # "** E-mail: aleksandar.bogicevic@mod.gov.rs; ORCID: 0009-0006-7450-519" — fifteen
        # digits: one is lost.
        ("orcid-invalid", "error", ("preradovic2026",), "author"),
        # The article's own record: "Journal name, volume, issue and pages are not printed
        # in the seed text", and only a submission date ("submitted on September 9, 2025").
        ("missing-field", "warning", ("preradovic2026",), "container_title"),
        ("missing-field", "warning", ("preradovic2026",), "issued"),
    },
}

#: Both reference lists checked as one: all of the above, plus what the two
#: lists share.
ACROSS_FILES: Found = (
    EXPECTED[PRERADOVIC]
    | EXPECTED[TURAN]
    | {
        # "Hecht, Eado. 2022. "Drones in the Nagorno-Karabakh War: Analyzing the Data."
        #  Military Strategy Magazine 7 (4): 31–37. DOI: 10.64148/msm.v7i4.5" and
        # "Hecht, E. (2022). "Drones in the Nagorno-Karabakh War: Analyzing the Data".
        #  Military Strategy Magazine 7(4), 31-37." — one article in both lists, under one key.
        ("duplicate", "warning", ("hecht2022", "hecht2022"), None),
        ("key-duplicate", "error", ("hecht2022", "hecht2022"), "id"),
        # "Rose, Gideon. 1998. … World Politics 51: 144–172. DOI:10.1017/S0043887100007814" and
        # "Rose, G. (1998). … World Politics, 51(1), 144–172.
        #  https://doi.org/10.1017/s0043887100007814" — one article, its DOI in two cases.
        ("duplicate", "warning", ("rose1998", "rose1998"), None),
        ("key-duplicate", "error", ("rose1998", "rose1998"), "id"),
        ("doi-format", "info", ("rose1998",), "doi"),
        # "Макиенко, Константин. 2020. „Как Россия проиграла во второй карабахской войне."
        #  Ведомости. 10 новембар 2020." and "Макиенко, К. (2020, November 10). Как Россия
        #  проиграла во второй карабахской войне. Ведомости." — one article twice.
        ("duplicate", "warning", ("makienko2020", "makienko2020"), None),
        ("key-duplicate", "error", ("makienko2020", "makienko2020"), "id"),
        # "Rehimov, Ruslan. 2020. "Azerbaijan to purchase combat drones from Turkey."" and
        # "Rehimov, R. (2020, October 4). Türkiye's stance shows Azerbaijan not alone: Aliyev."
        # — two different articles (not duplicates) that both lists key rehimov2020.
        ("key-duplicate", "error", ("rehimov2020", "rehimov2020"), "id"),
    }
)


Diagnostics = list[dict[str, Any]]


def check_json(capsys: pytest.CaptureFixture[str], *inputs: str) -> tuple[int, Diagnostics]:
    """The diagnostics of the checks this file covers (the script checks have
    their own seed tests)."""
    status = main(["check", *inputs, "--format", "json", "--select", ",".join(CODES)])
    return status, json.loads(capsys.readouterr().out)


def found_in(diagnostics: Diagnostics) -> list[Finding]:
    return [(d["code"], d["severity"], tuple(d["refs"]), d["field"]) for d in diagnostics]


@pytest.fixture(autouse=True)
def _from_the_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_every_seed_list_has_expectations() -> None:
    assert {f"fixtures/seeds/{p.name}" for p in SEEDS.glob("*.csl.json")} == set(EXPECTED)


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_list_gives_exactly_the_expected_diagnostics(
    capsys: pytest.CaptureFixture[str], seed: str
) -> None:
    status, diagnostics = check_json(capsys, seed)
    found = found_in(diagnostics)
    assert set(found) == EXPECTED[seed]
    assert len(found) == len(EXPECTED[seed])
    assert status == (1 if any(severity != "info" for _, severity, _, _ in found) else 0)


def test_two_seed_lists_checked_as_one_find_what_they_share(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, diagnostics = check_json(capsys, PRERADOVIC, TURAN)
    found = found_in(diagnostics)
    assert set(found) == ACROSS_FILES
    assert len(found) == len(ACROSS_FILES)


def test_doi_duplicate_says_which_seed_reference_is_probably_wrong(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, diagnostics = check_json(capsys, PRERADOVIC)
    (message,) = [str(d["message"]) for d in diagnostics if d["code"] == "doi-duplicate"]
    assert "the DOI embeds ISSN 1468-3857" in message
    assert (
        "East European Politics (abushov2019's journal) appears in this list with DOI " in message
    )
    assert "10.1080/21599165.2017.1322957 (vangils2017), which embeds ISSN 2159-9165" in message
    assert message.endswith(
        "so abushov2019 probably has the wrong DOI, and the DOI is probably valiyev2019's"
    )


def test_the_seed_doi_with_two_spellings_is_reported_with_the_spelling_to_use(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, diagnostics = check_json(capsys, PRERADOVIC, TURAN)
    (finding,) = [d for d in diagnostics if d["code"] == "doi-format"]
    assert finding["suggestion"] == "10.1017/S0043887100007814"
