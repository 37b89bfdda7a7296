"""Bytes in, text out, and whole files out: the I/O rules every command shares.

Input is UTF-8 (a BOM is dropped). A file that is not UTF-8 is decoded only
when its bytes say clearly which legacy encoding it is (Windows-1251 Cyrillic
or Latin-1), and a diagnostic says so; otherwise it is refused. Output files
are written to a temporary file and renamed, so a file is whole or absent.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from refport.diagnostics import Diagnostic

#: Every Cyrillic letter Windows-1251 has (Russian, Serbian, Macedonian,
#: Ukrainian, Belarusian, Bulgarian), and the punctuation it adds.
_CP1251_LETTERS = frozenset(range(0xC0, 0x100)) | {
    0x80, 0x81, 0x83, 0x8A, 0x8C, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9C, 0x9D, 0x9E, 0x9F,
    0xA1, 0xA2, 0xA3, 0xA5, 0xA8, 0xAA, 0xAF, 0xB2, 0xB3, 0xB4, 0xB8, 0xBA, 0xBC, 0xBD, 0xBE, 0xBF,
}  # fmt: skip
_CP1251_PUNCTUATION = frozenset(
    {0x84, 0x85, 0x8B, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x9B, 0xA0, 0xAB, 0xB9, 0xBB}
)


def decode(data: bytes, filename: str | None = None) -> tuple[str | None, list[Diagnostic]]:
    """Decode input bytes; `None` text means the file was refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = _guess_legacy(data)
        if guess is None:
            return None, [
                Diagnostic(
                    "encoding",
                    "error",
                    f"not UTF-8 (byte 0x{data[exc.start]:02x}) and not recognisably "
                    "Windows-1251 or Latin-1; re-save the file as UTF-8",
                    file=filename,
                    line=line,
                    column=column,
                )
            ]
        return data.decode(guess), [
            Diagnostic(
                "encoding",
                "warning",
                f"not UTF-8: decoded as {guess} (first non-UTF-8 byte 0x{data[exc.start]:02x}); "
                "re-save the file as UTF-8",
                file=filename,
                line=line,
                column=column,
                suggestion="utf-8",
            )
        ]


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


def read_input(path: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a path (or "-" for stdin) as text, with decoding diagnostics."""
    import sys

    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        return None, [Diagnostic("read-failed", "error", f"cannot read: {exc.strerror}", file=path)]
    return decode(data, "<stdin>" if path == "-" else path)


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write the whole text or nothing: a temp file in the same folder, then rename."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
