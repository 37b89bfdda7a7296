"""`refport convert INPUT -t FORMAT [-f FROM] [-o OUT]`: any format to any other,
always through the model. Diagnostics go to stderr; the output file is
written whole or not at all.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from refport.api import dumps_with_diagnostics, load, registry
from refport.diagnostics import Diagnostic
from refport.textio import write_atomically

TARGETS = ("bibtex", "biblatex", "csljson", "ris")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "convert",
        help="convert a reference list between formats",
        description="Convert a reference list; every conversion goes through refport's model.",
    )
    parser.add_argument("input", help="input file, or - for standard input")
    parser.add_argument(
        "-t", "--to", required=True, metavar="FORMAT",
        help="output format: " + ", ".join(registry().names()),
    )
    parser.add_argument("-f", "--from", dest="source_format", metavar="FORMAT",
                        help="input format (default: detected from the content)")
    parser.add_argument("-o", "--output", default="-", help="output file (default: - for stdout)")
    parser.add_argument("--dialect", choices=("bibtex", "biblatex"),
                        help="BibTeX flavour to write (default: bibtex for -t bibtex)")
    parser.add_argument("--ascii", action="store_true",
                        help="BibTeX: LaTeX-encode non-ASCII characters (what LaTeX cannot "
                             "encode stays UTF-8, with a warning)")
    parser.add_argument("--for", dest="target", choices=("zotero",),
                        help="tune the output to what an importer keeps")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when reading or writing reported any problem")
    parser.set_defaults(run=run)


def report(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format_text(), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    names = registry().names()
    if args.to not in names or (args.source_format and args.source_format not in names):
        print(f"refport: unknown format; choose one of {', '.join(names)}", file=sys.stderr)
        return 2
    loaded = load(args.input, args.source_format)
    report(loaded.diagnostics)
    if not loaded.references and any(d.severity == "error" for d in loaded.diagnostics):
        print(f"refport: nothing could be read from {args.input}", file=sys.stderr)
        return 2
    options: dict[str, object] = {"ascii": args.ascii}
    if args.dialect:
        options["dialect"] = args.dialect
    if args.target:
        options["target"] = args.target
    text, written = dumps_with_diagnostics(loaded.references, args.to, **options)
    report(written)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_atomically(args.output, text)
    problems = loaded.diagnostics + written
    return 1 if args.strict and problems else 0
