"""Converting a large file on several cores, with the result of one core.

One process converts 10,000–15,000 entries a second; a 100,000-entry file
takes it 6–12 s. Once read, entries are independent, so the input is cut
between entries into pieces of about `PIECE_CHARS` characters, worker
processes read and write the pieces, and the pieces' output is joined in file
order. The output and the diagnostics are exactly those of `refport convert
--jobs 1` (the tests compare them byte for byte):

* a format cuts only where nothing its reader remembers carries across
  (`formats.base.Chunking`): between RIS records, between BibTeX entries of a
  file with no @string, @preamble, @comment, crossref or xdata, between the
  items of a CSL-JSON array printed one item per block;
* each piece is read with the line it starts on (and, in CSL-JSON, the
  number of its first item), so every diagnostic names the true line;
* what a piece cannot see, this module checks: a key used in an earlier
  piece, an error the reader recovered from (its recovery might have
  reached into the next piece), an item count that differs from the one the
  cuts promised, or a decoding problem. Any of them stops the parallel run,
  and the caller converts the file again in one process (`Outcome.complete`
  is False; the diagnostics already printed are not printed twice).

Workers are forked (they share the loaded modules, so they start in
milliseconds); where `fork` is not available the conversion runs in one
process.
"""

from __future__ import annotations

import io
import os
from collections import deque
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final, TextIO

from refport.diagnostics import Diagnostic
from refport.formats.base import Chunking, Cutter, Format, WriteOptions
from refport.textio import InputStream

if TYPE_CHECKING:  # the pool is imported only when a file is converted in pieces
    from concurrent.futures import Future

#: The size of a piece, in characters: large enough that sending it to a
#: worker costs little, small enough that every core gets several.
PIECE_CHARS: Final = 1 << 19
#: Smaller inputs are converted in one process: starting workers would cost more.
MIN_BYTES: Final = 2 * PIECE_CHARS
#: How much of the input is read ahead of the writing, per worker.
AHEAD: Final = 3


def usable_cores() -> int:
    """The cores this process may run on (not every core of the machine)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


@dataclass(frozen=True, slots=True)
class Piece:
    """One run of whole entries, and where it sits in the file."""

    text: str
    first_line: int
    first_number: int
    expected: int | None  # entries the cuts promise (numbered formats)
    first: bool
    last: bool


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker needs besides the piece: formats are named, not sent."""

    source: str
    target: str
    options: WriteOptions
    filename: str | None


@dataclass(frozen=True, slots=True)
class PieceResult:
    output: str
    read_diagnostics: list[Diagnostic]
    write_diagnostics: list[Diagnostic]
    keys: list[str]
    exact: bool  # False: the piece's result may differ from a one-process run


@dataclass
class Outcome:
    """What a parallel conversion did. `complete` False: it stopped, and the
    file must be converted in one process; the `printed` diagnostics of that run
    were already shown."""

    complete: bool = True
    references: int = 0
    printed: list[Diagnostic] = field(default_factory=list)
    errors: int = 0
    write_diagnostics: list[Diagnostic] = field(default_factory=list)


def chunkable(source: Format, target: Format, options: WriteOptions, path: str) -> bool:
    """Whether this conversion may run in pieces: both formats can be cut
    and joined, the writer keeps no state beyond keys, and the file has
    nothing that ties its entries together."""
    if source.chunking is None or target.chunking is None or options.target is not None:
        return False
    refuse = source.chunking.refuse
    if refuse is None:
        return True
    with open(path, "rb") as raw:
        tail = b""
        while block := raw.read(1 << 24):
            if refuse.search(tail + block):
                return False
            tail = block[-64:]
    return True


def convert(
    stream: InputStream,
    source: Format,
    target: Format,
    options: WriteOptions,
    out: TextIO,
    jobs: int,
    show: Callable[[Diagnostic], None],
) -> Outcome:
    """Convert `stream` into `out` on `jobs` worker processes (see the module
    docstring); `show` prints a reader diagnostic as its piece is joined."""
    assert source.chunking is not None and target.chunking is not None
    outcome = Outcome()
    cutter = source.chunking.cutter(stream.head())
    if cutter is None or stream.diagnostics:
        outcome.complete = False
        return outcome
    job = Job(source.name, target.name, options, stream.name)
    framing = target.chunking
    keys: set[str] = set()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque[Future[PieceResult]] = deque()

        def join_while_more_than(waiting: int) -> bool:
            """Join finished pieces in file order while more than `waiting`
            are pending; False when the parallel run must stop."""
            while len(pending) > waiting:
                _join(pending.popleft().result(), outcome, keys, framing, out, show)
                if not outcome.complete or stream.diagnostics:
                    return False
            return True

        pieces = _pieces(stream, cutter, source.chunking)
        try:
            for piece in pieces:
                pending.append(pool.submit(_convert_piece, job, piece))
                if not join_while_more_than(jobs * AHEAD - 1):
                    return _stopped(outcome, pending)
            if not join_while_more_than(0):
                return _stopped(outcome, pending)
        finally:
            pieces.close()
    if stream.diagnostics or not outcome.references:
        return _stopped(outcome, pending)
    out.write(framing.tail)
    return outcome


def _stopped(outcome: Outcome, pending: deque[Future[PieceResult]]) -> Outcome:
    for future in pending:
        future.cancel()
    outcome.complete = False
    return outcome


def _join(
    result: PieceResult,
    outcome: Outcome,
    keys: set[str],
    framing: Chunking,
    out: TextIO,
    show: Callable[[Diagnostic], None],
) -> None:
    """Add one piece's result in file order (or mark the run stopped)."""
    lowered = [key.lower() for key in result.keys]
    if not result.exact or not keys.isdisjoint(lowered):
        outcome.complete = False
        return
    keys.update(lowered)
    for diagnostic in result.read_diagnostics:
        show(diagnostic)
    outcome.printed += result.read_diagnostics
    outcome.write_diagnostics += result.write_diagnostics
    if result.keys:
        body = result.output[len(framing.head) : len(result.output) - len(framing.tail)]
        out.write((framing.separator if outcome.references else framing.head) + body)
    outcome.references += len(result.keys)


def _pieces(stream: InputStream, cut: Cutter, chunking: Chunking) -> Generator[Piece, None, None]:
    """The input in pieces of whole entries, each with its first line (and
    first entry number); held back one piece to know which is the last."""
    text = ""
    line, number = 1, 1
    held: Piece | None = None
    while True:
        block = stream.read(PIECE_CHARS)
        if block:
            text += block
            at = cut(text, PIECE_CHARS)
            if at < 0:
                continue
            piece_text, text = text[:at], text[at:]
        elif text:
            piece_text, text = text, ""
        else:
            break
        expected = _count(piece_text, cut) if chunking.numbered else None
        piece = Piece(piece_text, line, number, expected, held is None, last=False)
        line += piece_text.count("\n")
        number += expected or 0
        if held is not None:
            yield held
        held = piece
    if held is not None:
        yield replace(held, last=True)


def _count(text: str, cut: Cutter) -> int:
    """Entries in a piece: the cuts inside it, plus one."""
    entries, at = 1, cut(text, 0)
    while at >= 0:
        entries, at = entries + 1, cut(text, at)
    return entries


def _convert_piece(job: Job, piece: Piece) -> PieceResult:
    """In a worker: read one piece into the model and write it out."""
    from refport.api import registry

    source, target = registry().get(job.source), registry().get(job.target)
    assert source.chunking is not None
    text, lines_before = source.chunking.wrap(piece.text, piece.first, piece.last)
    position: dict[str, int] = {"first_line": piece.first_line - lines_before}
    if source.chunking.numbered:
        position["first_number"] = piece.first_number
    read_diagnostics: list[Diagnostic] = []
    references = []
    for item in source.read(text, filename=job.filename, **position):
        if isinstance(item, Diagnostic):
            read_diagnostics.append(item)
        else:
            references.append(item)
    out = io.StringIO()
    write_diagnostics = target.write(references, out, job.options)
    output = out.getvalue()
    framing = target.chunking
    assert framing is not None
    exact = (
        bool(references)  # else the reader's "no entries" might be said of a piece
        and not any(d.severity == "error" for d in read_diagnostics)
        and (piece.expected is None or piece.expected == len(references))
        and output.startswith(framing.head)
        and output.endswith(framing.tail)
    )
    return PieceResult(
        output, read_diagnostics, write_diagnostics, [r.id for r in references], exact
    )
