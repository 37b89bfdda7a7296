"""`refport check INPUT… [--format text|json|github] [--fail-on warning|error]`:
every problem a careful copy-editor would find in a reference list.

Several inputs are checked as one list (so duplicates across files are found).
Settings come from `[tool.refport]` of the nearest pyproject.toml (or
`--config`); command-line flags override them. Exit 0 when nothing reaches
`--fail-on`, 1 when something does, 2 on a usage, configuration or read failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from refport.api import load
from refport.checks import default_checks
from refport.checks.base import CheckContext, run_checks
from refport.checks.config import FAIL_ON_LEVELS, Config, find_pyproject, load_config, unknown_codes
from refport.checks.report import FORMATTERS
from refport.diagnostics import Diagnostic, reaches
from refport.model import Reference
from refport.online import add_online_arguments, run_online, with_online_checks


def _codes(values: list[str] | None) -> tuple[str, ...] | None:
    """Repeated or comma-separated codes; None when the flag was not given."""
    if values is None:
        return None
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a reference list",
        description="Find what a careful copy-editor would: bad identifiers, duplicates, "
        "impossible dates, missing fields, overlapping pages. Several inputs are one list.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files to check (- for stdin)")
    parser.add_argument(
        "--format",
        choices=tuple(FORMATTERS),
        default="text",
        help="text (default), json, or github (Actions annotations)",
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON_LEVELS,
        default=None,
        help="exit 1 when a diagnostic is at least this severe (default: warning)",
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="CODE",
        help="run only these checks (codes or families like doi-; repeatable)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        metavar="CODE",
        help="skip these checks (repeatable, or comma-separated)",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="pyproject.toml to read [tool.refport] from (default: the nearest "
        "one with that table, from the current directory up)",
    )
    add_online_arguments(parser)
    parser.set_defaults(run=run)


def _config(args: argparse.Namespace, codes: list[str]) -> tuple[Config, list[Diagnostic]]:
    path = Path(args.config) if args.config else find_pyproject(Path.cwd())
    return load_config(path, codes) if path else (Config(), [])


def _read(inputs: Sequence[str]) -> tuple[list[Reference], list[Diagnostic], bool]:
    """All references of all inputs, their read diagnostics, and whether some
    input could not be read at all (a progress bar for a large file, shown
    only on a terminal)."""
    references: list[Reference] = []
    diagnostics: list[Diagnostic] = []
    failed = False
    for name in inputs:
        loaded = load(name, progress=True)
        references.extend(loaded.references)
        diagnostics.extend(loaded.diagnostics)
        if not loaded.references and any(d.severity == "error" for d in loaded.diagnostics):
            failed = True
    return references, diagnostics, failed


def merge(
    read: list[Diagnostic], checked: list[Diagnostic], known: set[str], chosen: set[str]
) -> list[Diagnostic]:
    """Read diagnostics first, then the checks'. A reader's finding that a
    check also made (a duplicate key) is shown once, as the check says it; and
    one under a check code that select/ignore switched off is not shown."""
    said = {(d.code, frozenset(d.refs)) for d in checked}
    kept = [
        d
        for d in read
        if (d.code, frozenset(d.refs)) not in said and (d.code not in known or d.code in chosen)
    ]
    return kept + checked


def run(args: argparse.Namespace) -> int:
    registry = with_online_checks(default_checks())
    codes = registry.codes()
    config, problems = _config(args, codes)
    select = _codes(args.select)
    ignore = _codes(args.ignore)
    unknown = unknown_codes((*(select or ()), *(ignore or ())), codes)
    if problems or unknown:
        for problem in problems:
            print(problem.format_text(), file=sys.stderr)
        for code in unknown:
            print(f"refport: unknown check {code!r}; known: {', '.join(codes)}", file=sys.stderr)
        return 2
    references, read_diagnostics, failed = _read(args.inputs)
    context = CheckContext(today=dt.date.today(), settings=config.settings)
    chosen = registry.selected(
        config.select if select is None else select,
        config.ignore if ignore is None else ignore,
    )
    found = run_checks(references, chosen, context, progress=True)
    found += run_online(args, references, chosen={c.code for c in chosen})
    diagnostics = merge(read_diagnostics, found, set(codes), {c.code for c in chosen})
    sys.stdout.write(FORMATTERS[args.format](diagnostics, len(references)))
    if failed:
        return 2
    fail_on = args.fail_on or config.fail_on
    return 1 if any(reaches(d, fail_on) for d in diagnostics) else 0
