"""BibTeX and biblatex: pybtex parses, refport maps to and from the model.

Reading
  * `read(..., parser="fast")` (the default) reads plain entries with regular
    expressions and hands everything else to pybtex; `parser="pybtex"` is the
    reference path that hands every chunk to pybtex. Both give the same
    references and diagnostics (`bibtex_scan` says how, and a differential
    test checks it on every fixture and on generated BibTeX).
  * pybtex's parser reads each top-level `@...{}` chunk (see `bibtex_parse`);
    `@string` macros and month macros (`month = nov`) are expanded. An entry
    that never closes ends at the next line starting with `@type{`; a line
    pybtex cannot read inside an entry is skipped (and kept in `extra` as
    "bibtex:(unparsed)"), so one bad field does not lose the rest.
  * Names are split by pybtex on the raw text, then each part is decoded, so
    braces protect: `{World Health Organization}` and
    `{{World Health Organization}}` are literal names, `{van Gils}, Eske` has
    the family name "van Gils", `van Gils, Eske` the particle "van".
    "Last, Jr., First" gives a suffix.
  * Other fields are decoded from LaTeX to Unicode (latexcodec) with CSL rich
    text for markup (`bibtex_latex` has the details):
    `{DNA}` <-> `<span class="nocase">DNA</span>` (nested protection is one span),
    `\\emph{x}`/`\\textit{x}`/`{\\em x}` <-> `<i>x</i>`, `\\textbf` <-> `<b>`,
    `\\textsc` <-> small caps, `\\textsuperscript`/`\\textsubscript` <->
    `<sup>`/`<sub>`; math `$\\alpha$` stays `$\\alpha$` (dollars included) and
    is written back as math; a command refport does not know stays as its
    LaTeX source and is written back as it was. Case is never changed. `url`
    and `doi` are verbatim. Whitespace is normalised as BibTeX does.
  * biblatex names are read too: journaltitle, location, date, langid (babel
    names -> BCP 47), annotation, and subtitle/booksubtitle/journalsubtitle,
    which are joined to their title with ": ".
  * crossref and xdata: a child gets the parent's mapped fields it lacks (a
    parent's title becomes an "in" entry's booktitle, as in biblatex; the
    parent's unknown fields are not inherited); the parent loads as itself.
    @xdata entries are not references: their source is kept like a comment.
  * Whatever has no model field goes to `Reference.extra` as
    ("bibtex:<field>", raw value) and is written back verbatim.
  * Streaming: references come out one at a time in file order. Only a child
    whose crossref/xdata parent comes later waits (with what follows it, to keep
    the order). Raw fields are remembered only for @xdata entries and entries
    already named as a parent; a child naming a parent that has gone by makes
    the reader read the input once more up to that child (`bibtex_stream`).

Conventions for what the model has no field for
  * @comment, @preamble, @string and @xdata blocks: their source text is kept
    on the next entry as ("bibtex:(before)", text), or on the last entry as
    ("bibtex:(after)", text), and written back in the same place.
  * "and others": ("bibtex:(others)", <CSL role>) in `extra`; written back as
    "and others" at the end of that role's list. `{others}` is an organisation.
  * Entry type: when the CSL type would not give back the entry type it was
    read from (@manual -> book), ("bibtex:(type)", "manual") keeps it. When an
    entry type does not read back as the CSL type, the writer adds
    `entrysubtype = {<CSL type>}` (or biblatex's magazine/newspaper).
  * Script variants: `title_ru-Latn = {...}` is the "ru-Latn" variant of the
    title (any mapped text field, under the field name the dialect uses; the
    suffix is a BCP 47 tag). `author_sr-Cyrl = {...}` is a name list parallel
    to `author`, with `{}` where a name has no variant; a variant name's
    particle is part of its family name.
  * ORCID: biblatex data annotations, `author+an:orcid = {1="0000-..."; 3="..."}`
    (1-based positions in the `author` list).
  * Other CSL roles are written as fields named after the role ("compiler",
    "illustrator", ...); biblatex editora/editoratype are read.

Writing
  UTF-8 by default; `ascii=True` LaTeX-encodes what LaTeX can spell in ASCII
  (`{\\v Z}`, `{\\"u}`) and keeps the rest (Cyrillic, ə, Greek) as UTF-8 with an
  `ascii-unencodable` warning naming entry and field, never dropping it.
  Dialect "bibtex" writes journal/address/year+month (`month = nov`; a `date`
  too when a day, range, season or circa needs it); "biblatex" writes
  journaltitle/location/date/langid. `urldate` is written in both (ISO).
  Fields come out in a fixed order; keys are kept, an invalid key is
  sanitised with a warning, duplicate keys are reported.

Writing for Zotero (`WriteOptions(target="zotero")`, `--for zotero`)
  Only what Zotero's BibTeX importer keeps (`bibtex_zotero`): entry types it
  maps, fields it reads into the Zotero field refport's Zotero mapping wants
  for that item type (`language`, a bare `doi`, Zotero's `date` string,
  organisations in double braces), always UTF-8 (`ascii` is ignored, with an
  info diagnostic). What Zotero would drop is not written and is reported
  once per field (`zotero-lost`; `zotero-changed` when it is kept altered).

What BibTeX cannot hold (see `mapping_table_markdown`): a CSL dropping particle
(written in BibTeX's one particle slot), a particle starting with a capital
(BibTeX reads it as part of the family name), whitespace runs and line breaks.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final, TextIO

from refport.diagnostics import Diagnostic
from refport.formats.base import (
    Chunking,
    Cutter,
    Format,
    TextSource,
    WriteOptions,
    cut_after,
)
from refport.formats.bibtex_tables import (
    BABEL_LANGUAGES,
    CONVENTIONS,
    FIELD_RULES,
    NAME_FIELDS,
    READ_TYPES,
    TYPED_FIELDS,
    WRITE_TYPES,
)
from refport.model import Reference

if TYPE_CHECKING:
    from refport.formats.bibtex_parse import PassThrough, RawEntry

# The reader and the writers (and pybtex behind them) are imported when first
# used, so that a program converting RIS or CSL-JSON does not load them.

DIALECTS: Final = ("bibtex", "biblatex")
_ENTRY_HEADER: Final = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)


PARSERS: Final = ("fast", "pybtex")


def read(
    source: TextSource,
    *,
    filename: str | None = None,
    parser: str = "fast",
    first_line: int = 1,
) -> Iterator[Reference | Diagnostic]:
    """References and diagnostics, one at a time, in file order.

    `parser="pybtex"` is the reference path (every entry through pybtex);
    "fast" gives the same result faster (see `bibtex_scan`). `first_line`:
    the line `source` starts on, when it is a piece of a larger file.
    """
    if parser not in PARSERS:
        raise ValueError(f"unknown BibTeX parser {parser!r} (choose {' or '.join(PARSERS)})")
    from refport.formats.bibtex_stream import EntryStream

    stream = EntryStream(filename, _rereader(source, filename, parser, first_line))
    for item in _raw_items(source, filename, parser, first_line):
        yield from stream.feed(item)
    yield from stream.finish()


def _rereader(
    source: TextSource, filename: str | None, parser: str, first_line: int = 1
) -> Callable[[], Iterator[RawEntry | PassThrough | Diagnostic]] | None:
    """How to read the same input again, when it can be (see `bibtex_stream`)."""
    if isinstance(source, str):
        return lambda: _raw_items(source, filename, parser, first_line)
    if not getattr(source, "can_reopen", False):
        return None  # standard input, or a stream of unknown kind
    reopen: Callable[[], TextIO] = getattr(source, "reopen")  # noqa: B009

    def again() -> Iterator[RawEntry | PassThrough | Diagnostic]:
        with contextlib.closing(reopen()) as text:
            yield from _raw_items(text, filename, parser)

    return again


def _raw_items(
    source: TextSource, filename: str | None, parser: str, first_line: int = 1
) -> Iterator[RawEntry | PassThrough | Diagnostic]:
    from refport.formats.bibtex_parse import ChunkParser, chunks
    from refport.formats.bibtex_scan import FastReader

    if parser == "fast":
        yield from FastReader(filename).read(source, first_line)
        return
    lines = io.StringIO(source, newline=None) if isinstance(source, str) else source
    chunk_parser = ChunkParser(filename)
    for chunk in chunks(lines, first_line):
        yield from chunk_parser.parse(chunk)


def write(references: Iterable[Reference], out: TextIO, options: WriteOptions) -> list[Diagnostic]:
    """Write each reference as it comes; returns what could not be carried."""
    from refport.formats.bibtex_write import entry_text
    from refport.formats.bibtex_zotero import LossReport, zotero_entry_text, zotero_options_notes

    diagnostics: list[Diagnostic] = []
    dialect = options.dialect or "bibtex"
    if dialect not in DIALECTS:
        diagnostics.append(
            Diagnostic("dialect-unknown", "warning", f"unknown dialect {dialect!r}; writing bibtex")
        )
        dialect = "bibtex"
    zotero = options.target == "zotero"
    if options.target is not None and not zotero:
        diagnostics.append(Diagnostic("target-unknown", "warning", f"unknown target "
                                      f"{options.target!r}; writing plain {dialect}"))  # fmt: skip
    if zotero:
        diagnostics += zotero_options_notes(options.dialect, options.ascii)
    losses = LossReport()
    keys: dict[str, str] = {}
    for index, reference in enumerate(references):
        if zotero:
            text, problems, lost = zotero_entry_text(reference)
            losses.add(reference.id, lost)
        else:
            text, problems = entry_text(reference, dialect, options.ascii)
        diagnostics.extend(problems)
        lowered = reference.id.lower()
        if lowered in keys:
            diagnostics.append(
                Diagnostic("key-duplicate", "warning",
                           f"citation key {reference.id} is written twice (BibTeX keys are "
                           "case-insensitive); rename one", refs=(keys[lowered], reference.id))
            )  # fmt: skip
        keys.setdefault(lowered, reference.id)
        out.write(("\n" if index else "") + text)
    return diagnostics + losses.diagnostics()


def sniff(head: str) -> bool:
    """An `@type{` header once leading comments and blank lines are skipped."""
    body = head.lstrip("\ufeff")
    lines = [ln for ln in body.splitlines() if ln.strip() and not ln.lstrip().startswith("%")]
    if not lines or lines[0].lstrip()[:1] in ("[", "{"):
        return False
    return _ENTRY_HEADER.search("\n".join(lines)) is not None


def _never(head: str) -> bool:
    """biblatex shares the reader; detection always picks "bibtex"."""
    return False


#: An entry's closing brace, blank lines, then a line header (`@type{`): the
#: reader itself starts afresh at every line header (see `bibtex_scan`).
_BETWEEN_ENTRIES: Final = re.compile(
    r"[})][ \t]*\n(?:[ \t]*\n)*(?=[ \t]*@[ \t]*[A-Za-z][\w:.+-]*[ \t]*[{(])"
)

#: What makes entries depend on one another: macros, inheritance, and
#: blocks carried over with the entry after them.
_SHARED_STATE: Final = re.compile(
    rb"(?i)@[ \t]*(?:string|preamble|comment)|crossref|xdata|entryset"
)


def _entry_cutter(head: str) -> Cutter:
    return cut_after(_BETWEEN_ENTRIES)


_CHUNKING: Final = Chunking(_entry_cutter, refuse=_SHARED_STATE, separator="\n")

FORMATS: Final = (
    Format("bibtex", (".bib", ".bibtex"), read, write, sniff, WriteOptions(dialect="bibtex"),
           "BibTeX (.bib); write dialect bibtex", _CHUNKING),
    Format("biblatex", (".bbl-never",), read, write, _never, WriteOptions(dialect="biblatex"),
           "biblatex (.bib); same reader, biblatex field names on write", _CHUNKING),
)  # fmt: skip


# --- documentation ----------------------------------------------------------------------


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def mapping_table_markdown() -> str:
    """The BibTeX mapping tables as Markdown, rendered from the tables the code uses."""
    read_rows = [(f"@{t}", csl, genre or "") for t, (csl, genre) in READ_TYPES.items()]
    write_rows = [(csl, f"@{bib}", f"@{blx}") for csl, (bib, blx) in WRITE_TYPES.items()]
    field_rows = [
        (r.model, r.bibtex, r.biblatex, ", ".join(r.aliases) or "", r.kind) for r in FIELD_RULES
    ]
    typed_rows = [tuple(row) for row in TYPED_FIELDS]
    name_rows = [(f, role) for f, role in NAME_FIELDS.items()]
    name_rows.append(("editora/editorb/editorc + …type", "the role named by the type"))
    name_rows.append(("<CSL role> (e.g. compiler)", "that role"))
    language_rows = [(babel, tag) for babel, tag in BABEL_LANGUAGES.items()]
    sections = [
        "### BibTeX entry types read\n\n" + _table(("entry type", "CSL type", "genre"), read_rows),
        "### CSL types written\n\n" + _table(("CSL type", "bibtex", "biblatex"), write_rows),
        "### Fields\n\n" + _table(("model", "bibtex", "biblatex", "also read", "kind"), field_rows),
        "### Fields that depend on the entry type\n\n"
        + _table(("model", "bibtex", "biblatex", "notes"), typed_rows),
        "### Names\n\n" + _table(("field", "CSL role"), name_rows),
        "### Conventions\n\n" + _table(("model", "BibTeX"), CONVENTIONS),
        "### langid (babel) ↔ language (BCP 47)\n\n" + _table(("babel", "BCP 47"), language_rows),
        "### Lossy directions\n\n"
        "- @mastersthesis/@phdthesis → thesis + genre; written back by genre.\n"
        "- @manual, @proceedings, @collection → book; the entry type is kept in "
        "`extra` for BibTeX.\n"
        "- CSL dropping particles are written in BibTeX's one particle slot.\n"
        "- `\\textnormal`, `\\textrm`, `\\textup`, `\\textsf`, `\\texttt` are read as plain "
        "text; subtitles are joined to titles.\n"
        "- Runs of spaces in a value are one space, as in TeX (`A  B` is read as "
        "`A B`).",
    ]
    return "\n\n".join(sections) + "\n"
