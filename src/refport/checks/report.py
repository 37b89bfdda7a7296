"""How `refport check` prints diagnostics: text for people, JSON for programs,
GitHub Actions workflow commands for CI annotations; and the Markdown table of
codes the README shows, generated from the registry so it cannot drift.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Final

from refport.checks.base import CheckRegistry
from refport.diagnostics import Diagnostic

FORMATS: Final = ("text", "json", "github")
GITHUB_COMMANDS: Final = {"error": "error", "warning": "warning", "info": "notice"}
#: GitHub's escaping of workflow command data, and additionally of properties.
GITHUB_DATA_ESCAPES: Final = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
GITHUB_PROPERTY_ESCAPES: Final = (*GITHUB_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(diagnostics: Sequence[Diagnostic], references: int) -> str:
    """ "2 errors, 1 warning, 0 infos in 58 references"."""
    counts = Counter(d.severity for d in diagnostics)
    found = ", ".join(_plural(counts[level], level) for level in ("error", "warning", "info"))
    return f"{found} in {_plural(references, 'reference')}"


def by_file(diagnostics: Iterable[Diagnostic]) -> list[list[Diagnostic]]:
    """Diagnostics grouped by file (in order of first appearance), each group
    sorted by line; diagnostics without a line come first in their group."""
    groups: dict[str | None, list[Diagnostic]] = defaultdict(list)
    for diagnostic in diagnostics:
        groups[diagnostic.file].append(diagnostic)
    return [sorted(group, key=lambda d: d.line or 0) for group in groups.values()]


def format_text(diagnostics: Sequence[Diagnostic], references: int) -> str:
    blocks = ["\n".join(d.format_text() for d in group) for group in by_file(diagnostics)]
    return "\n\n".join([*blocks, summary(diagnostics, references)]) + "\n"


def format_json(diagnostics: Sequence[Diagnostic], references: int) -> str:
    return json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


def _escape(text: str, escapes: Iterable[tuple[str, str]]) -> str:
    for raw, escaped in escapes:
        text = text.replace(raw, escaped)
    return text


def github_annotation(diagnostic: Diagnostic) -> str:
    """One `::error file=…,line=…,title=…::message` workflow command."""
    properties = []
    if diagnostic.file:
        properties.append(f"file={_escape(diagnostic.file, GITHUB_PROPERTY_ESCAPES)}")
    if diagnostic.line is not None:
        properties.append(f"line={diagnostic.line}")
    properties.append(f"title={_escape(f'refport {diagnostic.code}', GITHUB_PROPERTY_ESCAPES)}")
    refs = f"[{', '.join(diagnostic.refs)}] " if diagnostic.refs else ""
    hint = f" (suggestion: {diagnostic.suggestion})" if diagnostic.suggestion else ""
    message = _escape(f"{refs}{diagnostic.message}{hint}", GITHUB_DATA_ESCAPES)
    return f"::{GITHUB_COMMANDS[diagnostic.severity]} {','.join(properties)}::{message}"


def format_github(diagnostics: Sequence[Diagnostic], references: int) -> str:
    lines = [github_annotation(d) for group in by_file(diagnostics) for d in group]
    return "\n".join([*lines, summary(diagnostics, references)]) + "\n"


FORMATTERS: Final[dict[str, Callable[[Sequence[Diagnostic], int], str]]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}


def codes_table_markdown(registry: CheckRegistry | None = None) -> str:
    """The README's table of check codes: code, default severity, what it finds."""
    if registry is None:
        from refport.checks import default_checks

        registry = default_checks()
    rows = ["| code | severity | finds |", "| --- | --- | --- |"]
    for check in registry.selected():
        summary_text = check.summary.replace("|", "\\|")
        rows.append(f"| `{check.code}` | {check.severity} | {summary_text} |")
    return "\n".join(rows) + "\n"


#: The README's example: a seed list whose mistakes are real.
EXAMPLE_INPUT: Final = "fixtures/seeds/preradovic-bogicevic-2026.csl.json"


def check_example_markdown(path: str = EXAMPLE_INPUT) -> str:
    """The README's example run of `refport check` (run from the repository
    root), as a console block: the real output, never typed by hand."""
    import contextlib
    import io

    from refport.cli import main

    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        status = main(["check", path])
    return f"```console\n$ refport check {path}\n{output.getvalue()}$ echo $?\n{status}\n```\n"
