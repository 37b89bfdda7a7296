"""The rules behind the checks, on in-memory references: the public API, what
the list can tell about a shared DOI, what is and is not one work, settings."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import refport
from refport.checks import CheckContext, check, default_checks
from refport.checks.works import Work, differences, text_key
from refport.diagnostics import Diagnostic
from refport.model import Creator, Date, DatePart, Name, Origin, Reference, parse_pages
from strategies import references


def author(family: str) -> tuple[Creator, ...]:
    return (Creator("author", Name(family=family, given="A.")),)


def year(value: int, month: int | None = None, day: int | None = None) -> Date:
    return Date(start=DatePart(value, month, day))


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


# --- API ------------------------------------------------------------------------


def test_check_is_importable_from_the_package_and_returns_diagnostics() -> None:
    found = refport.check([Reference(id="a", type="book", doi="11.1/x")])
    assert all(isinstance(d, Diagnostic) for d in found)
    assert "doi-invalid" in codes(found)


def test_an_empty_list_has_nothing_to_report() -> None:
    assert refport.check([]) == []


def test_refs_are_the_ids_of_every_reference_involved_in_list_order() -> None:
    first = Reference(id="z", title="Same Title", issued=year(2020), creators=author("Roe"))
    second = first.with_changes(id="a")
    (found,) = check([first, second], select=["duplicate"])
    assert found.refs == ("z", "a")


def test_the_line_is_the_first_references_line() -> None:
    first = Reference(id="a", title="T", issued=year(2020), origin=Origin("x.json", 40))
    second = first.with_changes(id="b", origin=Origin("x.json", 10))
    (found,) = check([first, second], select=["duplicate"])
    assert (found.file, found.line) == ("x.json", 40)


@settings(max_examples=40)
@given(st.lists(references(), max_size=6))
def test_checks_never_fail_on_any_reference_list(items: list[Reference]) -> None:
    found = check(items, context=CheckContext(today=dt.date(2026, 6, 15)))
    known = set(default_checks().codes())
    ids = {r.id for r in items}
    for diagnostic in found:
        assert diagnostic.code in known
        assert set(diagnostic.refs) <= ids
        assert diagnostic.message


# --- the shared DOI: which work is probably wrong ------------------------------------

DOI = "10.1080/14683857.2019.1578053"


def journal_article(id: str, journal: str, **fields: object) -> Reference:
    base = Reference(
        id=id,
        type="article-journal",
        title=f"{id} on its own subject",
        container_title=journal,
        issued=year(2019),
        creators=author(id),
    )
    return base.with_changes(**fields)


def test_an_issn_field_on_another_entry_of_the_journal_tells_which_work_is_right() -> None:
    items = [
        journal_article("wrong", "East European Politics", doi=DOI),
        journal_article("right", "Southeast European and Black Sea Studies", doi=DOI),
        journal_article("other", "Southeast European and Black Sea Studies", issn="1468-3857"),
    ]
    (found,) = check(items, select=["doi-duplicate"])
    assert found.refs == ("wrong", "right")
    assert (
        "Southeast European and Black Sea Studies (right's journal) appears in this list "
        "with ISSN 1468-3857 (other)"
    ) in found.message
    assert found.message.endswith(
        "so wrong probably has the wrong DOI, and the DOI is probably right's"
    )


def test_an_issn_on_the_reference_itself_counts() -> None:
    items = [
        journal_article("wrong", "Journal A", doi=DOI, issn="2159-9165"),
        journal_article("right", "Journal B", doi=DOI),
    ]
    (found,) = check(items, select=["doi-duplicate"])
    assert "wrong carries ISSN 2159-9165" in found.message
    assert "so wrong probably has the wrong DOI" in found.message


def test_without_evidence_the_message_names_the_embedded_issn_to_look_up() -> None:
    items = [
        journal_article("one", "Journal A", doi=DOI),
        journal_article("two", "Journal B", doi=DOI),
    ]
    (found,) = check(items, select=["doi-duplicate"])
    assert found.message.endswith(
        "the DOI embeds ISSN 1468-3857, so it probably belongs to the work whose journal has "
        "that ISSN (this list does not say which)"
    )


def test_the_same_work_twice_under_one_doi_is_a_duplicate_not_a_doi_duplicate() -> None:
    one = journal_article("one", "Journal A", doi=DOI, page=parse_pages("1–20"))
    again = one.with_changes(
        id="again", doi=f"https://doi.org/{DOI.upper()}", title="ONE ON ITS OWN SUBJECT."
    )
    found = check([one, again], select=["duplicate", "doi-duplicate"])
    assert codes(found) == ["duplicate"]
    assert "the same DOI 10.1080/14683857.2019.1578053" in found[0].message


# --- one work or two ------------------------------------------------------------------


def work(reference: Reference) -> Work:
    return Work.of(reference, 0)


BOOK = Reference(
    id="b", type="book", title="Politics Among Nations", issued=year(1972),
    creators=author("Morgenthau"), publisher="Knopf",
)  # fmt: skip


def test_a_book_and_its_translation_are_two_works() -> None:
    translation = BOOK.with_changes(
        creators=(*author("Morgenthau"), Creator("translator", Name(family="Ćirić"))),
        language="sr",
    )
    assert "translators" in differences(work(BOOK.with_changes(language="en")), work(translation))


def test_two_editions_are_two_works() -> None:
    assert differences(work(BOOK.with_changes(edition="5")), work(BOOK.with_changes(edition="6th")))


def test_one_author_in_two_years_is_two_works() -> None:
    later = BOOK.with_changes(issued=year(1978))
    assert differences(work(BOOK), work(later)) == ["years"]


def test_online_first_and_issue_year_are_one_work() -> None:
    assert differences(work(BOOK), work(BOOK.with_changes(issued=year(1973)))) == []


def test_a_missing_subtitle_is_still_one_work() -> None:
    full = BOOK.with_changes(title="Politics Among Nations: The Struggle for Power and Peace")
    assert differences(work(BOOK), work(full)) == []


def test_a_journal_abbreviation_is_the_same_container() -> None:
    article = Reference(id="a", type="article-journal", title="T", container_title="World Politics")
    short = article.with_changes(container_title="World Polit.")
    assert differences(work(article), work(short)) == []


def test_a_chapter_is_not_its_book() -> None:
    chapter = BOOK.with_changes(type="chapter", container_title="Politics Among Nations")
    assert "types" in differences(work(BOOK), work(chapter))


def test_rich_text_markup_does_not_make_another_work() -> None:
    marked = BOOK.with_changes(title='<span class="nocase">Politics</span> Among <i>Nations</i>')
    assert differences(work(BOOK), work(marked)) == []


def test_an_initial_is_not_where_a_subtitle_starts() -> None:
    army = BOOK.with_changes(title="The U.S. army is using the conflict")
    assert work(army).main_title == "the u s army is using the conflict"


def test_titles_compare_without_case_diacritics_or_punctuation() -> None:
    assert text_key("Türkiye’s İlham Əliyev: Čačak!") == "turkiye s ilham eliyev cacak"


# --- settings and source formats --------------------------------------------------------


def test_allow_future_years_lets_a_forthcoming_year_pass() -> None:
    ahead = Reference(id="a", type="book", title="T", publisher="P", issued=year(2027))
    today = dt.date(2026, 6, 15)
    assert codes(check([ahead], context=CheckContext(today=today))) == ["date-invalid"]
    allowed = CheckContext(today=today, settings={"date-invalid": {"allow-future-years": 1}})
    assert check([ahead], context=allowed) == []


def test_allow_future_years_never_applies_to_access_dates() -> None:
    accessed = Reference(
        id="a", type="webpage", title="T", url="https://x.org", accessed=year(2027)
    )
    allowed = CheckContext(
        today=dt.date(2026, 6, 15), settings={"date-invalid": {"allow-future-years": 5}}
    )
    assert codes(check([accessed], context=allowed)) == ["date-invalid"]


def test_latex_from_a_bibtex_file_is_not_a_leak_but_an_html_entity_is() -> None:
    from_bib = Reference(
        id="a", type="book", title="The {NATO} \\& {\\'c}", publisher="T &amp; F",
        issued=year(2020), origin=Origin("refs.bib", 1),
    )  # fmt: skip
    (found,) = check([from_bib], select=["markup-leak"])
    assert (found.field, found.suggestion) == ("publisher", "T & F")
    assert "that BibTeX does not interpret" in found.message


def test_latex_in_a_ris_file_is_a_leak() -> None:
    from_ris = Reference(id="a", title="fpn\\_pz", origin=Origin("refs.ris", 1))
    (found,) = check([from_ris], select=["markup-leak"])
    assert "that RIS does not interpret" in found.message
    assert found.suggestion == "fpn_pz"
