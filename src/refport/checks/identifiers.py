"""Identifier checks: DOI shape and form, DOI links in the URL field, ISBN,
ISSN and ORCID check digits; and what the list can tell about which of two
works one DOI really belongs to (the `doi-duplicate` verdict).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from refport.checks.base import Check, CheckContext, Finding
from refport.checks.works import Work, plain
from refport.diagnostics import Severity
from refport.identifiers import (
    doi_invalid_reason,
    doi_key,
    doi_prefix,
    embedded_issn,
    isbn_invalid_reason,
    issn_invalid_reason,
    issn_key,
    normalize_doi,
    orcid_invalid_reason,
    split_identifiers,
)
from refport.model import Reference

#: How a DOI can be written un-normalised, as the doi-format message names it.
DOI_FORM_PROBLEMS: Final = (
    (re.compile(r"^\W*(?:https?://|(?:dx\.|www\.)?doi\.org/)", re.IGNORECASE), "written as a link"),
    (re.compile(r"^\W*(?:doi|info:doi|urn:doi)\b", re.IGNORECASE), "prefixed with “doi:”"),
    (re.compile(r"%[0-9A-Fa-f]{2}"), "URL-encoded"),
    (re.compile(r"\\"), "LaTeX-escaped"),
    (re.compile(r"[.,;:'\"”’»>]\s*$"), "followed by punctuation"),
    (re.compile(r"^\s|\s$|[\u200b\u200c\u200d\u2060\ufeff\u00ad]"), "padded with spaces"),
)
_DOI_LINK: Final = re.compile(r"^\s*(?:https?://)?(?:dx\.|www\.)?doi\.org/", re.IGNORECASE)


# --- doi-invalid, doi-format, url-doi -----------------------------------------


def doi_invalid(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    for ref in references:
        if ref.doi is None:
            continue
        reason = doi_invalid_reason(ref.doi)
        if reason is not None:
            yield Finding((ref,), f"“{ref.doi}” is not a DOI: {reason}", field="doi")


DoiForm = tuple[Reference, str, str]  # the reference, its normalised DOI, its key


def doi_forms(references: Sequence[Reference]) -> list[DoiForm]:
    """Each reference that has a valid DOI, with its normalised form and key."""
    forms = []
    for ref in references:
        if ref.doi:
            normal = normalize_doi(ref.doi)
            key = doi_key(normal)  # normalising is idempotent: the same key as ref.doi's
            if key is not None:
                forms.append((ref, normal, key))
    return forms


def preferred_forms(references: Sequence[Reference]) -> dict[str, str]:
    """For each DOI (case-folded), the normalised spelling most entries use;
    on a tie, the one that comes first in the list."""
    return _preferred(doi_forms(references))


def _preferred(forms: list[DoiForm]) -> dict[str, str]:
    counts = Counter((key, normal) for _, normal, key in forms)
    best: dict[str, tuple[int, str]] = {}
    for (key, normal), count in counts.items():  # in order of first appearance
        if count > best.get(key, (0, ""))[0]:
            best[key] = (count, normal)
    return {key: normal for key, (_, normal) in best.items()}


def doi_format(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    forms = doi_forms(references)
    preferred = _preferred(forms)
    for ref, normal, key in forms:
        assert ref.doi is not None
        problems = []
        if normal != ref.doi:
            found = [text for pattern, text in DOI_FORM_PROBLEMS if pattern.search(ref.doi)]
            problems = found or ["wrapped in stray characters"]
        if normal != preferred[key]:
            problems.append(f"in other letter case than elsewhere in the list ({preferred[key]})")
        if problems:
            yield Finding(
                (ref,),
                f"DOI “{ref.doi}” is {' and '.join(problems)}; write {preferred[key]}",
                field="doi",
                suggestion=preferred[key],
            )


def url_doi(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    for ref in references:
        if ref.url is None or not _DOI_LINK.match(ref.url):
            continue
        linked = doi_key(ref.url)
        if linked is None:
            continue
        bare = normalize_doi(ref.url)
        own = doi_key(ref.doi) if ref.doi else None
        if ref.doi is None:
            yield Finding(
                (ref,),
                f"URL {ref.url} is a DOI link; put {bare} in the DOI field",
                field="url",
                suggestion=bare,
            )
        elif own == linked:
            yield Finding(
                (ref,), f"URL {ref.url} only repeats the DOI {ref.doi}; drop the URL", field="url"
            )
        else:
            yield Finding(
                (ref,),
                f"URL {ref.url} links DOI {bare} but the DOI field says {ref.doi}",
                field="url",
                severity="warning",
            )


# --- isbn-invalid, issn-invalid, orcid-invalid --------------------------------


def _number_check(
    field_name: str, label: str, reason_of: Callable[[str], str | None]
) -> Callable[[Sequence[Reference], CheckContext], Iterator[Finding]]:
    def run(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
        for ref in references:
            value = getattr(ref, field_name)
            for number in split_identifiers(value or ""):
                reason = reason_of(number)
                if reason is not None:
                    yield Finding(
                        (ref,), f"{label} {number} is invalid: {reason}", field=field_name
                    )

    return run


def orcid_invalid(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    for ref in references:
        for creator in ref.creators:
            orcid = creator.name.orcid
            reason = orcid_invalid_reason(orcid) if orcid else None
            if reason is not None:
                yield Finding(
                    (ref,),
                    f"ORCID {orcid} of {creator.name.display()} ({creator.role}) is invalid: "
                    f"{reason}",
                    field=creator.role,
                )


# --- which work a shared DOI belongs to ---------------------------------------


@dataclass(frozen=True, slots=True)
class Clue:
    """One entry's word on its journal: an ISSN it carries or its DOI embeds."""

    issn: str | None
    prefix: str | None
    ref: Reference
    how: str


def _clues_of(ref: Reference, doi: str | None) -> Iterator[Clue]:
    for number in split_identifiers(ref.issn or ""):
        issn = issn_key(number)
        if issn:
            yield Clue(issn, None, ref, f"ISSN {issn} ({ref.id})")
    if doi:
        issn = embedded_issn(doi)
        embedded = f", which embeds ISSN {issn}" if issn else ""
        yield Clue(
            issn, doi_prefix(doi), ref, f"DOI {normalize_doi(ref.doi or '')} ({ref.id}){embedded}"
        )


class JournalClues:
    """What the entries of one journal say about its ISSN and DOI prefix, in
    list order and by value: a judgement asks for the first entry outside the
    DOI's own that says something, or that says one thing, and finds it without
    reading the whole journal (a list whose DOIs are shifted by one entry has a
    shared DOI in every other entry of a journal)."""

    def __init__(self) -> None:
        self.with_issn: list[Clue] = []
        self.with_prefix: list[Clue] = []
        self.by_issn: dict[str, list[Clue]] = defaultdict(list)
        self.by_prefix: dict[str, list[Clue]] = defaultdict(list)

    def add(self, clue: Clue) -> None:
        if clue.issn:
            self.with_issn.append(clue)
            self.by_issn[clue.issn].append(clue)
        if clue.prefix:
            self.with_prefix.append(clue)
            self.by_prefix[clue.prefix].append(clue)


def _first(clues: Sequence[Clue], claimed: set[str]) -> Clue | None:
    """The first clue from an entry outside ``claimed`` (the DOI's own entries)."""
    return next((c for c in clues if c.ref.id not in claimed), None)


def journal_clues(
    references: Sequence[Reference], container_key: Callable[[str | None], str]
) -> dict[str, JournalClues]:
    """Per normalised container title (``container_key``), what its entries say
    about its ISSN and DOI prefix."""
    clues: dict[str, JournalClues] = defaultdict(JournalClues)
    for ref in references:
        container = container_key(ref.container_title)
        if container:
            journal = clues[container]
            for clue in _clues_of(ref, doi_key(ref.doi) if ref.doi else None):
                journal.add(clue)
    return clues


@dataclass(frozen=True, slots=True)
class Judgement:
    """How one work's journal relates to the shared DOI."""

    work: Work
    supported: tuple[str, ...]
    against: tuple[str, ...]


def _judge(
    work: Work, issn: str | None, prefix: str, clues: JournalClues, claimed: set[str]
) -> Judgement:
    """Compare the DOI's ISSN (or, failing that, its prefix) with what other
    entries of the same journal say."""
    own = {k for k in (issn_key(n) for n in split_identifiers(work.ref.issn or "")) if k}
    journal = f"{plain(work.ref.container_title or '')} ({work.ref.id}'s journal)"
    if issn is not None:
        if issn in own:
            return Judgement(work, (f"{work.ref.id} carries ISSN {issn} itself",), ())
        matching = _first(clues.by_issn.get(issn, ()), claimed)
        if matching:
            return Judgement(work, (f"{journal} appears in this list with {matching.how}",), ())
        if own:
            return Judgement(work, (), (f"{work.ref.id} carries ISSN {', '.join(sorted(own))}",))
        said = _first(clues.with_issn, claimed)
        if said:
            return Judgement(work, (), (f"{journal} appears in this list with {said.how}",))
    with_prefix = _first(clues.with_prefix, claimed)
    if issn is None and with_prefix and not _first(clues.by_prefix.get(prefix, ()), claimed):
        return Judgement(work, (), (f"{journal} appears in this list with {with_prefix.how}",))
    return Judgement(work, (), ())


def _suspects(judged: list[Judgement]) -> list[Judgement]:
    """The works that probably carry the DOI by mistake: all but the one the
    list supports, or those it speaks against while it spares one."""
    supported = [j for j in judged if j.supported]
    if len(supported) == 1:
        return [j for j in judged if j is not supported[0]]
    against = [j for j in judged if j.against]
    return against if len(against) < len(judged) else []


def doi_duplicate_verdict(
    doi: str, works: Sequence[Work], clues: dict[str, JournalClues], claimed: set[str]
) -> tuple[str, Severity | None]:
    """The closing clause of a doi-duplicate message: which work is probably
    wrong, and why; and a severity when it is less than an error."""
    if len({w.container for w in works}) == 1 and all(w.ref.type == "chapter" for w in works):
        book = plain(works[0].ref.container_title or "")
        return (
            f"all are chapters of {book}: if {doi} is the book's DOI, "
            "give each chapter its own DOI or none",
            "warning",
        )
    issn = embedded_issn(doi)
    judged = [
        _judge(w, issn, doi_prefix(doi), clues.get(w.container) or JournalClues(), claimed)
        for w in works
    ]
    suspects = _suspects(judged)
    if suspects:
        because = "; ".join(reason for j in judged for reason in (*j.supported, *j.against))
        embedded = f"the DOI embeds ISSN {issn}" if issn else f"the DOI prefix is {doi_prefix(doi)}"
        names = " and ".join(j.work.ref.id for j in suspects)
        verb = "has" if len(suspects) == 1 else "have"
        rest = [j.work.ref.id for j in judged if j not in suspects]
        owner = f", and the DOI is probably {rest[0]}'s" if len(rest) == 1 else ""
        return f"{embedded}; {because}; so {names} probably {verb} the wrong DOI{owner}", None
    if issn is not None:
        return (
            f"the DOI embeds ISSN {issn}, so it probably belongs to the work whose journal has "
            "that ISSN (this list does not say which)",
            None,
        )
    return f"look the DOI up (https://doi.org/{doi}) to see which work it belongs to", None


CHECKS: tuple[Check, ...] = (
    Check("doi-invalid", "error",
          "not a DOI even after normalisation (`10.` + registrant code, a `/`, a non-empty "
          "suffix)",
          doi_invalid),
    Check("doi-format", "info",
          "a valid DOI written un-normalised (`doi:`, a `https://doi.org/` link, URL-encoding, "
          "`\\_`, trailing punctuation, letter case unlike its other occurrences); the "
          "suggestion is the normalised DOI", doi_format),
    Check("url-doi", "info",
          "a URL that is just a DOI link (belongs in the DOI field); a warning when it "
          "disagrees with the DOI field", url_doi),
    Check("isbn-invalid", "error", "an ISBN-10 or ISBN-13 with a bad check digit or shape",
          _number_check("isbn", "ISBN", isbn_invalid_reason)),
    Check("issn-invalid", "error", "an ISSN with a bad check digit or shape",
          _number_check("issn", "ISSN", issn_invalid_reason)),
    Check("orcid-invalid", "error",
          "an ORCID iD with a bad shape, ISO 7064 mod 11-2 check digit, or outside ORCID's "
          "number blocks", orcid_invalid),
)  # fmt: skip
