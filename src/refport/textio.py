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

_CP1251_LETTERS = range(0xC0, 0x100)  # А..я in Windows-1251


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
    """Windows-1251 when high bytes form Cyrillic words; Latin-1 when they are
    isolated accented letters between ASCII letters; otherwise no guess."""
    high = [b for b in data if b >= 0x80]
    if not high:
        return None
    if any(0x80 <= b < 0xA0 and b not in (0x96, 0x97, 0x84, 0x93, 0x94, 0xAB, 0xBB) for b in high):
        return None
    runs = 0
    previous_high = False
    for b in data:
        is_high = b >= 0xC0
        if is_high and previous_high:
            runs += 1
        previous_high = is_high
    if runs >= len(high) // 2 and all(b in _CP1251_LETTERS or b in (0xA8, 0xB8, 0xAB, 0xBB, 0x96, 0x97, 0x84, 0x93, 0x94, 0xB9) for b in high):
        return "cp1251"
    if all(0xA0 <= b for b in high):
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
    fd, tmp = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
