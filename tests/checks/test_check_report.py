"""Presentation of diagnostics: GitHub annotations, summaries, the codes table."""

from __future__ import annotations

from refport.checks import Check, CheckRegistry, default_checks
from refport.checks.report import (
    codes_table_markdown,
    format_github,
    format_json,
    format_text,
    github_annotation,
    summary,
)
from refport.diagnostics import Diagnostic

WARNING = Diagnostic("pages-invalid", "warning", "bad pages", ("a",), "page", 3, None, "x.json")


def test_github_escapes_percent_and_line_breaks_in_the_message() -> None:
    diagnostic = Diagnostic("doi-format", "info", "100% wrong\r\nsecond line", ("a",))
    assert github_annotation(diagnostic) == (
        "::notice title=refport doi-format::[a] 100%25 wrong%0D%0Asecond line"
    )


def test_github_escapes_commas_and_colons_in_properties() -> None:
    diagnostic = Diagnostic("duplicate", "warning", "m", file="C:/lists/a,b.json", line=7)
    assert github_annotation(diagnostic) == (
        "::warning file=C%3A/lists/a%2Cb.json,line=7,title=refport duplicate::m"
    )


def test_github_annotation_carries_the_suggestion() -> None:
    diagnostic = Diagnostic("doi-format", "info", "m", suggestion="10.1000/x")
    assert github_annotation(diagnostic).endswith("::m (suggestion: 10.1000/x)")


def test_summary_counts_each_severity_and_the_references() -> None:
    found = [WARNING, WARNING, Diagnostic("x", "error", "m")]
    assert summary(found, 58) == "1 error, 2 warnings, 0 infos in 58 references"


def test_text_with_nothing_found_is_only_the_summary() -> None:
    assert format_text([], 3) == "0 errors, 0 warnings, 0 infos in 3 references\n"


def test_json_with_nothing_found_is_an_empty_array() -> None:
    assert format_json([], 3) == "[]\n"


def test_github_output_ends_with_the_summary_as_plain_log_text() -> None:
    assert (
        format_github([WARNING], 1).splitlines()[-1]
        == "0 errors, 1 warning, 0 infos in 1 reference"
    )


def test_codes_table_lists_every_registered_check() -> None:
    table = codes_table_markdown()
    rows = table.splitlines()
    assert rows[:2] == ["| code | severity | finds |", "| --- | --- | --- |"]
    assert [row.split("`")[1] for row in rows[2:]] == default_checks().codes()


def test_codes_table_escapes_pipes_in_summaries() -> None:
    registry = CheckRegistry([Check("x-y", "info", "a | b", lambda refs, ctx: ())])
    assert codes_table_markdown(registry).splitlines()[-1] == "| `x-y` | info | a \\| b |"
