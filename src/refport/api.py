"""The public Python API: load, loads, dumps, dump (and check, render elsewhere)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from refport.collector import collector_paused
from refport.diagnostics import Diagnostic, RefportError
from refport.formats import FormatRegistry, WriteOptions, default_registry
from refport.formats.base import Format
from refport.model import Reference
from refport.textio import AtomicOutput, InputStream, decode, open_input, progress_bar


@lru_cache(maxsize=1)
def registry() -> FormatRegistry:
    """The built-in formats (built once; formats are immutable)."""
    return default_registry()


@dataclass
class LoadResult:
    """What a read produced: the references that loaded and what went wrong."""

    references: list[Reference] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    format: str | None = None

    def __iter__(self) -> Iterator[Reference]:
        return iter(self.references)

    def __len__(self) -> int:
        return len(self.references)


def resolve_format(text: str, format: str | None, filename: str | None) -> Format | None:
    if format:
        return registry().get(format)
    return registry().detect(text[:4096], filename)


def iter_text(
    text: str, format: str | None = None, *, filename: str | None = None
) -> Iterator[Reference | Diagnostic]:
    """Stream references and diagnostics out of a decoded text."""
    fmt = resolve_format(text, format, filename)
    if fmt is None:
        yield _unknown_format(filename)
        return
    yield from fmt.read(text, filename=filename)


def loads(
    text: str, format: str | None = None, *, filename: str | None = None, strict: bool = False
) -> LoadResult:
    """Read references from a string."""
    result = LoadResult()
    fmt = resolve_format(text, format, filename)
    result.format = fmt.name if fmt else None
    for item in iter_text(text, format, filename=filename):
        if isinstance(item, Diagnostic):
            result.diagnostics.append(item)
        else:
            result.references.append(item)
    if strict and result.diagnostics:
        raise RefportError(result.diagnostics)
    return result


@dataclass
class Reading:
    """An open input: its format, and its references and diagnostics as the
    reader yields them (decoding diagnostics included, where they arise)."""

    format: Format | None
    items: Iterator[Reference | Diagnostic]


def read_file(path: str | Path, format: str | None = None, *, progress: bool = False) -> Reading:
    """Open a path ("-" is stdin) and read it entry by entry, never whole.

    `progress` shows a progress bar on stderr when stderr is a terminal and
    the file is large; otherwise nothing is shown.
    """
    filename = str(path)
    bar = progress_bar(filename) if progress else None
    stream, problems = open_input(filename, progress=bar.update if bar else None)
    if stream is None:
        if bar:
            bar.close()
        return Reading(None, iter(problems))
    fmt = resolve_format(stream.head(), format, filename)
    return Reading(fmt, _items(stream, fmt, bar.close if bar else None))


def _items(
    stream: InputStream, fmt: Format | None, done: Callable[[], None] | None
) -> Iterator[Reference | Diagnostic]:
    with stream:
        try:
            if fmt is None:
                yield _unknown_format(stream.name)
                return
            for item in fmt.read(stream.as_text_io(), filename=stream.name):
                if stream.diagnostics:
                    yield from _drain(stream.diagnostics)
                yield item
            yield from _drain(stream.diagnostics)
        finally:
            if done is not None:
                done()


def _drain(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    taken = diagnostics[:]
    diagnostics.clear()
    return taken


def _unknown_format(filename: str | None) -> Diagnostic:
    return Diagnostic(
        "format-unknown",
        "error",
        "cannot tell the format from the content; name it (bibtex, csljson, ris)",
        file=filename,
    )


def load(
    source: str | Path | bytes,
    format: str | None = None,
    *,
    strict: bool = False,
    progress: bool = False,
) -> LoadResult:
    """Read references from a path ("-" is stdin) or raw bytes; `progress`
    as for `read_file`."""
    if isinstance(source, bytes):
        text, problems = decode(source)
        if text is None:
            return _failed(problems, strict)
        result = loads(text, format)
        result.diagnostics[:0] = problems
    else:
        reading = read_file(source, format, progress=progress)
        result = LoadResult(format=reading.format.name if reading.format else None)
        with collector_paused():
            for item in reading.items:
                if isinstance(item, Diagnostic):
                    result.diagnostics.append(item)
                else:
                    result.references.append(item)
    if strict and result.diagnostics:
        raise RefportError(result.diagnostics)
    return result


def _failed(problems: list[Diagnostic], strict: bool) -> LoadResult:
    if strict:
        raise RefportError(problems)
    return LoadResult(diagnostics=problems)


def write_options(format: str, **options: object) -> tuple[Format, WriteOptions]:
    fmt = registry().get(format)
    defaults = fmt.defaults
    merged = WriteOptions(
        dialect=str(options.get("dialect") or defaults.dialect or "") or None,
        ascii=bool(options.get("ascii", defaults.ascii)),
        target=str(options.get("target") or defaults.target or "") or None,
    )
    return fmt, merged


def dumps_with_diagnostics(
    references: Iterable[Reference], format: str, **options: object
) -> tuple[str, list[Diagnostic]]:
    fmt, opts = write_options(format, **options)
    buffer = io.StringIO()
    with collector_paused():
        diagnostics = fmt.write(references, buffer, opts)
    return buffer.getvalue(), diagnostics


def dumps(references: Iterable[Reference], format: str, **options: object) -> str:
    """Write references as a string in `format` (options: dialect, ascii, target)."""
    return dumps_with_diagnostics(references, format, **options)[0]


def dump(
    references: Iterable[Reference], path: str | Path, format: str | None = None, **options: object
) -> list[Diagnostic]:
    """Write to a file atomically (whole or not at all), each reference as it
    comes; returns the writer's diagnostics."""
    name = format
    if name is None:
        by_ext = registry().by_extension(str(path))
        if by_ext is None:
            raise ValueError(f"cannot tell the format of {path}; pass format=")
        name = by_ext.name
    fmt, opts = write_options(name, **options)
    with AtomicOutput(path) as out:
        return fmt.write(references, out, opts)
