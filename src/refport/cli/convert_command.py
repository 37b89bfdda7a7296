"""`refport convert INPUT -t FORMAT [-f FROM] [-o OUT]`: any format to any other,
always through the model. Diagnostics go to stderr; the output file is
written whole or not at all.

The conversion streams: the input is decoded chunk by chunk, each reference
is written as soon as the reader yields it, and memory stays bounded by one
entry (plus what a format must remember, such as the keys seen). The output
starts only once a first reference has been read, so an input that yields
nothing writes nothing. An input that stops decoding part-way (see
`refport.textio`) fails with exit 2 and leaves no output file.

A large file written to `-o FILE` is converted on several cores
(`refport.parallel`), with the same output and messages; where the parallel
run stops, the file is converted here in one process.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refport.api import read_file, registry, write_options
from refport.cli.jobs_option import add_jobs_option
from refport.diagnostics import Diagnostic
from refport.formats.base import Format, WriteOptions
from refport.model import Reference
from refport.textio import AtomicOutput, input_size, is_special, open_input, progress_bar

TARGETS = ("bibtex", "biblatex", "csljson", "ris")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "convert",
        help="convert a reference list between formats",
        description="Convert a reference list; every conversion goes through refport's model.",
    )
    parser.add_argument("input", help="input file, or - for standard input")
    parser.add_argument(
        "-t",
        "--to",
        required=True,
        metavar="FORMAT",
        help="output format: " + ", ".join(registry().names()),
    )
    parser.add_argument(
        "-f",
        "--from",
        dest="source_format",
        metavar="FORMAT",
        help="input format (default: detected from the content)",
    )
    parser.add_argument("-o", "--output", default="-", help="output file (default: - for stdout)")
    parser.add_argument(
        "--dialect",
        choices=("bibtex", "biblatex"),
        help="BibTeX flavour to write (default: bibtex for -t bibtex)",
    )
    parser.add_argument(
        "--ascii",
        action="store_true",
        help="BibTeX: LaTeX-encode non-ASCII characters (what LaTeX cannot "
        "encode stays UTF-8, with a warning)",
    )
    parser.add_argument(
        "--for",
        dest="target",
        choices=("zotero",),
        help="tune the output to what an importer keeps",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when reading or writing reported any problem"
    )
    add_jobs_option(parser, "a large file written to -o FILE")
    parser.set_defaults(run=run)


def report(diagnostics: Iterable[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format_text(), file=sys.stderr)


@dataclass
class Tally:
    """What the reader said so far: how many references, which problems."""

    references: int = 0
    problems: int = 0
    errors: int = 0
    broken_off: bool = False  # the input stopped decoding part-way


def references_of(
    items: Iterator[Reference | Diagnostic], tally: Tally, shown: Sequence[Diagnostic] = ()
) -> Iterator[Reference]:
    """The references, with each diagnostic printed to stderr as it comes,
    but for those a parallel run that stopped has `shown` already (they come
    again in the same order, perhaps with a decoding message among them)."""
    next_shown = 0
    for item in items:
        if isinstance(item, Diagnostic):
            if next_shown < len(shown) and item == shown[next_shown]:
                next_shown += 1
            else:
                report((item,))
            tally.problems += 1
            tally.errors += item.severity == "error"
            tally.broken_off |= item.code == "encoding" and item.severity == "error"
            continue
        tally.references += 1
        yield item


def write_options_of(args: argparse.Namespace) -> dict[str, object]:
    options: dict[str, object] = {"ascii": args.ascii}
    if args.dialect:
        options["dialect"] = args.dialect
    if args.target:
        options["target"] = args.target
    return options


def write(
    references: Iterator[Reference], fmt: Format, options: WriteOptions, output: str, tally: Tally
) -> list[Diagnostic]:
    """Write to stdout, or to a file whole or not at all (not at all when the
    input broke off part-way)."""
    if output == "-":
        return fmt.write(references, sys.stdout, options)
    atomic = AtomicOutput(output)
    with atomic as out:
        written = fmt.write(references, out, options)
        if tally.broken_off:
            atomic.discard()
    return written


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit finds no broken pipe."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def run(args: argparse.Namespace) -> int:
    names = registry().names()
    if args.to not in names or (args.source_format and args.source_format not in names):
        print(f"refport: unknown format; choose one of {', '.join(names)}", file=sys.stderr)
        return 2
    fmt, options = write_options(args.to, **write_options_of(args))
    shown: Sequence[Diagnostic] = ()
    if _may_run_in_parallel(args):
        status, shown = run_in_parallel(args, fmt, options)
        if status is not None:
            return status
    reading = read_file(args.input, args.source_format, progress=True)
    tally = Tally()
    references = references_of(reading.items, tally, shown)
    first = next(references, None)
    if first is None and tally.errors:
        print(f"refport: nothing could be read from {args.input}", file=sys.stderr)
        return 2
    stream = itertools.chain(() if first is None else (first,), references)
    try:
        written = write(stream, fmt, options, args.output, tally)
    except BrokenPipeError:  # `refport convert … | head`: the reader has had enough
        quiet_stdout()
        return 0
    except OSError as exc:
        where = exc.filename or args.output
        print(f"refport: cannot write {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    report(written)
    if tally.broken_off:
        kept = "the output is incomplete" if args.output == "-" else f"{args.output} not written"
        print(f"refport: {args.input} could be read only in part; {kept}", file=sys.stderr)
        return 2
    return 1 if args.strict and (tally.problems or written) else 0


# --- several cores (refport.parallel) --------------------------------------------------


def _may_run_in_parallel(args: argparse.Namespace) -> bool:
    """A large regular file, written to a file that can be started again."""
    if args.jobs == 1 or args.input == "-" or args.output == "-":
        return False
    from refport.parallel import MIN_BYTES, can_fork, usable_cores

    size = input_size(args.input)
    if size is None or size < MIN_BYTES or (args.jobs or usable_cores()) < 2 or not can_fork():
        return False
    return not is_special(Path(args.output)) or os.path.samefile(args.output, os.devnull)


def run_in_parallel(
    args: argparse.Namespace, fmt: Format, options: WriteOptions
) -> tuple[int | None, list[Diagnostic]]:
    """The exit status of a parallel conversion (None: convert in one
    process), and the diagnostics it printed before it stopped."""
    from refport.api import resolve_format
    from refport.parallel import chunkable, convert, usable_cores

    bar = progress_bar(args.input)
    stream, _ = open_input(args.input, progress=bar.update if bar else None)
    if stream is None:
        return None, []
    tally = Tally()

    def show(diagnostic: Diagnostic) -> None:
        report((diagnostic,))
        tally.problems += 1

    try:
        with stream:
            source = resolve_format(stream.head(), args.source_format, stream.name)
            if source is None or not chunkable(source, fmt, options, args.input):
                return None, []
            atomic = AtomicOutput(args.output)
            with atomic as out:
                outcome = convert(stream, source, fmt, options, out, args.jobs or usable_cores(),
                                  show)  # fmt: skip
                if not outcome.complete:
                    atomic.discard()
    except OSError as exc:
        where = exc.filename or args.output
        print(f"refport: cannot write {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2, []
    finally:
        if bar:
            bar.close()
    if not outcome.complete:
        return None, outcome.printed
    report(outcome.write_diagnostics)
    failed = args.strict and (tally.problems or outcome.write_diagnostics)
    return 1 if failed else 0, []
