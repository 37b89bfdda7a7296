"""Bytes in, text out, and whole files out: the I/O rules every command shares.

Input is UTF-8 (a BOM is dropped). A file that is not UTF-8 is decoded only
when its bytes say clearly which legacy encoding it is (Windows-1251 Cyrillic
or Latin-1), and a diagnostic says so; otherwise it is refused. Output files
are written to a temporary file and renamed, so a file is whole or absent.

Large inputs are decoded as a stream (`InputStream`), one chunk at a time, so
that a reader can take entry after entry without the whole file in memory:

- An input no larger than one chunk (`CHUNK`, 1 MiB) is decoded exactly as
  `decode` decodes a whole file.
- A larger input is judged by its first chunk: UTF-8 when that chunk is,
  otherwise the legacy encoding the chunk shows clearly, otherwise refused.
- When a UTF-8 stream meets a byte that is not UTF-8 further on, the text
  read so far stands, and the rest is judged by the next chunk from that byte
  on: decoded as the legacy encoding it shows clearly (a warning names the
  line), or, when it shows none, the input ends there with an error at that
  line and column (`InputStream.failed`); nothing is guessed.

Line ends are read as Python's universal newlines do (CR LF and CR become LF),
so line numbers are the same whichever reader takes the stream.
"""

from __future__ import annotations

import codecs
import importlib
import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Final, Protocol, TextIO, cast

from refport.diagnostics import Diagnostic

#: Bytes decoded at a time; also the window a legacy encoding is judged by.
CHUNK: Final = 1 << 20
_BOM: Final = b"\xef\xbb\xbf"
_Where = tuple[str | None, int, int]  # file, line, column

#: Every Cyrillic letter Windows-1251 has (Russian, Serbian, Macedonian,
#: Ukrainian, Belarusian, Bulgarian), and the punctuation it adds.
_CP1251_LETTERS = frozenset(range(0xC0, 0x100)) | {
    0x80, 0x81, 0x83, 0x8A, 0x8C, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9C, 0x9D, 0x9E, 0x9F,
    0xA1, 0xA2, 0xA3, 0xA5, 0xA8, 0xAA, 0xAF, 0xB2, 0xB3, 0xB4, 0xB8, 0xBA, 0xBC, 0xBD, 0xBE, 0xBF,
}  # fmt: skip
_CP1251_PUNCTUATION = frozenset(
    {0x84, 0x85, 0x8B, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x9B, 0xA0, 0xAB, 0xB9, 0xBB}
)
_REFUSED: Final = (
    "not UTF-8 (byte 0x{byte:02x}) and not recognisably Windows-1251 or Latin-1; "
    "re-save the file as UTF-8"
)
_LEGACY: Final = (
    "not UTF-8: decoded as {guess} (first non-UTF-8 byte 0x{byte:02x}); re-save the file as UTF-8"
)
_LEGACY_FROM_HERE: Final = (
    "not UTF-8 from here on: the rest is decoded as {guess} (first non-UTF-8 byte "
    "0x{byte:02x}); re-save the file as UTF-8"
)
_REFUSED_FROM_HERE: Final = (
    "cannot decode byte 0x{byte:02x} here, and what follows is not recognisably "
    "Windows-1251 or Latin-1: the input is read up to here only; re-save the file as UTF-8"
)


def _encoding_problem(
    guess: str | None, templates: tuple[str, str], byte: int, where: _Where
) -> Diagnostic:
    """An error when nothing could be guessed (first template), else a warning."""
    refused, decoded = templates
    file, line, column = where
    if guess is None:
        message = refused.format(byte=byte)
        return Diagnostic("encoding", "error", message, file=file, line=line, column=column)
    message = decoded.format(guess=guess, byte=byte)
    return Diagnostic(
        "encoding", "warning", message, file=file, line=line, column=column, suggestion="utf-8"
    )


def decode(data: bytes, filename: str | None = None) -> tuple[str | None, list[Diagnostic]]:
    """Decode input bytes; `None` text means the file was refused."""
    if data.startswith(_BOM):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        guess = _guess_legacy(data)
        where = (filename, line, column)
        problem = _encoding_problem(guess, (_REFUSED, _LEGACY), data[exc.start], where)
        return (None if guess is None else data.decode(guess)), [problem]


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of a byte offset."""
    line = data[:offset].count(b"\n") + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _guess_legacy(data: bytes) -> str | None:
    """Windows-1251 when the high bytes are Cyrillic letters forming words of
    their own; Latin-1 when they are accented letters inside ASCII words;
    otherwise no guess (the file is refused rather than mis-decoded)."""
    high = [b for b in data if b >= 0x80]
    letters = [i for i, b in enumerate(data) if b in _CP1251_LETTERS]
    if not high or not letters:
        return None

    def beside_ascii_letter(i: int) -> bool:
        neighbours = data[max(i - 1, 0) : i] + data[i + 1 : i + 2]
        return any(chr(n).isascii() and chr(n).isalpha() for n in neighbours)

    touching = sum(1 for i in letters if beside_ascii_letter(i))
    if all(b in _CP1251_LETTERS or b in _CP1251_PUNCTUATION for b in high) and (
        touching <= len(letters) // 10
    ):
        return "cp1251"
    if all(b >= 0xA0 for b in high) and touching >= len(letters) // 2:
        return "latin-1"
    return None


# --- streamed input -------------------------------------------------------------


class InputStream:
    """A byte stream read as text, chunk by chunk, by the rules above.

    `diagnostics` collects what decoding found, as it finds it; `failed` is
    set when the input was refused (from the start or part-way).
    """

    def __init__(
        self,
        raw: BinaryIO,
        name: str | None = None,
        *,
        progress: Callable[[int], object] | None = None,
        path: str | None = None,
    ) -> None:
        self.raw = raw
        self.name = name
        self.path = path  # a file that can be read again
        self.progress = progress
        self.diagnostics: list[Diagnostic] = []
        self.failed = False
        self._decoder: codecs.IncrementalDecoder | None = None
        self._encoding = "utf-8"
        self._whole: str | None = None  # a small input, decoded whole
        self._buffer = ""
        self._eof = False
        self._carriage_return = False  # a CR held back in case LF follows
        self._lines = 0  # line ends handed out of the decoder so far
        self._column = 0  # characters after the last of them
        self._start()

    # -- decoding --

    def _read_bytes(self) -> bytes:
        data = self.raw.read(CHUNK)
        if data and self.progress is not None:
            self.progress(len(data))
        return data

    def _start(self) -> None:
        first = self._read_bytes()
        if len(first) < CHUNK:  # the whole input: decoded exactly as `decode` does
            text, self.diagnostics = decode(first, self.name)
            self.failed = text is None
            self._buffer = self._translate(text or "", final=True)
            self._eof = True
            return
        if first.startswith(_BOM):
            first = first[3:]
        try:
            first.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.reason != "unexpected end of data" or exc.end != len(first):
                self._judge_first_chunk(first, exc.start)
                if self.failed:
                    return
        self._decoder = codecs.getincrementaldecoder(self._encoding)()
        self._buffer = self._decode(first)

    def _judge_first_chunk(self, first: bytes, offset: int) -> None:
        line, column = _position(first, offset)
        guess = _guess_legacy(first)
        where = (self.name, line, column)
        self.diagnostics.append(_encoding_problem(guess, (_REFUSED, _LEGACY), first[offset], where))
        if guess is None:
            self.failed, self._eof = True, True
        else:
            self._encoding = guess

    def _decode(self, data: bytes, final: bool = False) -> str:
        assert self._decoder is not None
        try:
            text = self._decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            return self._switch(exc)
        return self._translate(text, final)

    def _switch(self, exc: UnicodeDecodeError) -> str:
        """Decoding broke off part-way: keep what was good, judge the rest."""
        data: bytes = exc.object
        good = self._translate(data[: exc.start].decode(self._encoding), final=False)
        rest = data[exc.start :]
        window = rest + (self.raw.read(CHUNK) if len(rest) < CHUNK else b"")
        guess = _guess_legacy(window) if self._encoding == "utf-8" else None
        where = (self.name, self._lines + 1, self._column + 1)
        templates = (_REFUSED_FROM_HERE, _LEGACY_FROM_HERE)
        self.diagnostics.append(_encoding_problem(guess, templates, rest[0], where))
        if guess is None:
            self.failed, self._eof = True, True
            return good + self._translate("", final=True)
        self._encoding = guess
        self._decoder = codecs.getincrementaldecoder(guess)()
        return good + self._translate(self._decoder.decode(window), final=False)

    def _translate(self, text: str, final: bool) -> str:
        """Universal newlines across chunk edges, and line bookkeeping."""
        if self._carriage_return:
            text, self._carriage_return = "\r" + text, False
        if text.endswith("\r") and not final:
            text, self._carriage_return = text[:-1], True
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        ends = text.count("\n")
        self._lines += ends
        self._column = len(text) - text.rfind("\n") - 1 if ends else self._column + len(text)
        return text

    def _fill(self) -> bool:
        """Decode one more chunk into the buffer; False at the end of input."""
        if self._eof:
            return False
        data = self._read_bytes()
        if not data:
            self._eof = True
            self._buffer += self._decode(b"", final=True)
            return False
        self._buffer += self._decode(data)
        return True

    # -- the text stream --

    def head(self, size: int = 4096) -> str:
        """The text at the current position, without consuming it (for sniffing)."""
        while len(self._buffer) < size and self._fill():
            pass
        return self._buffer[:size]

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1, /) -> str:
        if size is None or size < 0:
            while self._fill():
                pass
            text, self._buffer = self._buffer, ""
            return text
        while len(self._buffer) < size and self._fill():
            pass
        text, self._buffer = self._buffer[:size], self._buffer[size:]
        return text

    def readline(self, size: int | None = -1, /) -> str:
        while "\n" not in self._buffer and self._fill():
            pass
        end = self._buffer.find("\n") + 1 or len(self._buffer)
        if size is not None and 0 <= size < end:
            end = size
        line, self._buffer = self._buffer[:end], self._buffer[end:]
        return line

    def __iter__(self) -> Iterator[str]:
        return self._lines_out()

    def _lines_out(self) -> Iterator[str]:
        while True:
            while "\n" not in self._buffer and self._fill():
                pass
            if not self._buffer:
                return
            block, self._buffer = self._buffer, ""
            lines = io.StringIO(block, newline="\n").readlines()
            if not lines[-1].endswith("\n") and not self._eof:
                self._buffer = lines.pop()
            yield from lines

    @property
    def can_reopen(self) -> bool:
        """Whether `reopen` can read the same input again (a file, not stdin)."""
        return self.path is not None

    def reopen(self) -> TextIO:
        """The same input from its start, decoded by the same rules (its
        decoding diagnostics were already given by this stream)."""
        assert self.path is not None
        return InputStream(open(self.path, "rb"), self.name, path=self.path).as_text_io()

    def as_text_io(self) -> TextIO:
        """This stream as the `TextIO` readers are typed to take."""
        return cast(TextIO, self)

    def close(self) -> None:
        if self.raw is not sys.stdin.buffer:
            self.raw.close()

    def __enter__(self) -> InputStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_input(
    path: str, *, progress: Callable[[int], object] | None = None
) -> tuple[InputStream | None, list[Diagnostic]]:
    """A path (or "-" for stdin) as a decoded text stream; `None` when it
    cannot be opened or was refused at once (the diagnostics say why)."""
    name = "<stdin>" if path == "-" else path
    try:
        raw: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        stream = InputStream(raw, name, progress=progress, path=None if path == "-" else path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [Diagnostic("read-failed", "error", f"cannot read: {reason}", file=path)]
    if stream.failed:
        stream.close()
        return None, list(stream.diagnostics)
    return stream, []


def read_input(path: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a path (or "-" for stdin) as text, with decoding diagnostics."""
    stream, problems = open_input(path)
    if stream is None:
        return None, problems
    with stream:
        text = stream.read()
    return (None if stream.failed else text), stream.diagnostics


def input_size(path: str) -> int | None:
    """The size in bytes of a regular file; None for stdin or a pipe."""
    if path == "-":
        return None
    try:
        return os.stat(path).st_size
    except OSError:
        return None


# --- progress ---------------------------------------------------------------------

#: Inputs smaller than this are read too fast for a progress bar to help.
PROGRESS_MIN_BYTES: Final = 8 << 20
#: Seconds before a bar appears at all, so that quick runs stay silent.
PROGRESS_DELAY: Final = 1.0


class Progress(Protocol):
    """What the commands need of a progress bar (tqdm's interface)."""

    def update(self, n: float | None = 1, /) -> bool | None: ...

    def close(self) -> None: ...


def progress_bar(
    path: str | None = None, *, total: int | None = None, unit: str = "B", label: str = ""
) -> Progress | None:
    """A progress bar on stderr for a long run, or None (silent) when stderr is
    not a terminal or the work is small. For a path, the total is its size."""
    if not sys.stderr.isatty():
        return None
    if path is not None:
        total = input_size(path)
        if total is not None and total < PROGRESS_MIN_BYTES:
            return None
    tqdm = importlib.import_module("tqdm").tqdm  # a dependency; imported only when shown
    label = label or (Path(path).name if path else "")
    bar: Progress = tqdm(
        total=total, unit=unit, unit_scale=unit == "B", desc=label, file=sys.stderr,
        leave=False, delay=PROGRESS_DELAY,
    )  # fmt: skip
    return bar


# --- whole-or-nothing output ------------------------------------------------------


class AtomicOutput:
    """A text file written under a temporary name and renamed when the block
    ends without an error and without `discard()`; else removed.

    A target that exists and is not a regular file (`/dev/null`, a named
    pipe) is written straight to: renaming over it would replace the device
    or pipe with a plain file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.target = Path(path)
        self.discarded = False
        self._temp = ""
        self._handle: TextIO | None = None

    def __enter__(self) -> TextIO:
        if is_special(self.target):
            self._handle = open(self.target, "w", encoding="utf-8", newline="")
            return self._handle
        fd, self._temp = tempfile.mkstemp(
            dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp"
        )
        self._handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self._handle

    def discard(self) -> None:
        self.discarded = True

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        assert self._handle is not None
        if not self._temp:  # a device or pipe: nothing to rename or remove
            self._handle.close()
            return
        try:
            self._handle.close()
            if kind is None and not self.discarded:
                os.replace(self._temp, self.target)
        finally:
            Path(self._temp).unlink(missing_ok=True)


def is_special(path: Path) -> bool:
    """Whether `path` exists and is something other than a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write the whole text or nothing: a temp file in the same folder, then rename."""
    with AtomicOutput(path) as handle:
        handle.write(text)
