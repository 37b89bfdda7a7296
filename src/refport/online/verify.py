"""The online pass over a reference list: each DOI against its registered record.

`verify_dois` is what `refport check --online` runs after the offline checks.
Every reference with a valid DOI gets exactly one outcome; one that could not
be verified gets `doi-unreachable`, never silence. References whose DOI is
not a DOI at all are left to the offline `doi-invalid` check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from refport.diagnostics import Diagnostic
from refport.identifiers import doi_key, normalize_doi
from refport.model import Reference
from refport.online.codes import SEVERITY_OF
from refport.online.compare import Registered, describe_names
from refport.online.judge import Judgement, judge
from refport.online.resolver import Resolution, Resolver
from refport.online.suggest import suggest_dois

OutcomeKind = Literal["verified", "differs", "mismatch", "not-found", "unreachable"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the pass concluded for one reference with a DOI."""

    ref: str
    doi: str
    kind: OutcomeKind
    cached: bool = False


@dataclass(frozen=True, slots=True)
class OnlineReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


def diagnostic(ref: Reference, code: str, message: str, **extra: Any) -> Diagnostic:
    return Diagnostic(
        code,
        SEVERITY_OF[code],
        message,
        refs=(ref.id,),
        line=ref.origin.line,
        file=ref.origin.file,
        **extra,
    )


def describe_record(record: dict[str, Any]) -> str:
    """Authors (year). “Title”. Journal — as the mismatch message quotes it."""
    work = Registered.from_csl(record)
    names = describe_names(work.authors) or "no authors"
    year = work.year if work.year is not None else "n.d."
    text = f"{names} ({year}). “{work.title or 'untitled'}”"
    return f"{text}. {work.containers[0]}" if work.containers else text


def _and(labels: Sequence[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def mismatch_message(doi: str, record: dict[str, Any], judgement: Judgement) -> str:
    disagreeing = [c.label for c in judgement.disagreeing]
    agreeing = [c.label for c in judgement.comparisons if c.agrees]
    text = f"DOI {doi} is registered to a different work: {describe_record(record)}"
    if disagreeing:
        verb = "disagrees" if len(disagreeing) == 1 else "disagree"
        text += f"; {_and(disagreeing)} {verb}"
    if agreeing:
        text += f" (only {_and(agreeing)} {'agrees' if len(agreeing) == 1 else 'agree'})"
    return text


UNREGISTERED: Final = "DOI {doi} is not registered: the DOI handle service does not know it"


def _for_resolution(
    ref: Reference, doi: str, found: Resolution
) -> tuple[OutcomeKind, list[Diagnostic]]:
    if found.status == "not-found":
        return "not-found", [
            diagnostic(ref, "doi-not-found", UNREGISTERED.format(doi=doi), field="doi")
        ]
    if found.status == "unreachable" or found.record is None:
        reason = found.reason or "no answer"
        message = f"DOI {doi} could not be checked against its registered record: {reason}"
        return "unreachable", [diagnostic(ref, "doi-unreachable", message, field="doi")]
    judgement = judge(ref, found.record)
    if judgement.kind == "mismatch":
        message = mismatch_message(doi, found.record, judgement)
        return "mismatch", [diagnostic(ref, "doi-mismatch", message, field="doi")]
    differing = [
        diagnostic(
            ref,
            "doi-metadata-differs",
            f"{c.label} differs from the record registered for DOI {doi}: "
            f"cited “{c.cited}”, registered “{c.registered}”",
            field=c.field,
            suggestion=c.registered,
        )
        for c in judgement.reportable
    ]
    return ("differs" if differing else "verified"), differing


def check_online(
    references: Sequence[Reference], resolver: Resolver, *, suggest: bool = False
) -> OnlineReport:
    """Diagnostics in list order, and one outcome per reference with a DOI."""
    keyed = [(ref, doi_key(ref.doi)) for ref in references if ref.doi]
    resolutions = resolver.resolve(key for _, key in keyed if key)
    suggestions = suggest_dois(references, resolver) if suggest else {}
    report = OnlineReport()
    for ref in references:
        key = doi_key(ref.doi) if ref.doi else None
        if key is not None:
            found = resolutions.get(key) or Resolution(
                key, "unreachable", reason="it was never resolved"
            )
            kind, diagnostics = _for_resolution(ref, normalize_doi(ref.doi or key), found)
            report.outcomes.append(Outcome(ref.id, key, kind, found.cached))
            report.diagnostics.extend(diagnostics)
        if id(ref) in suggestions:
            report.diagnostics.append(suggestions[id(ref)])
    return report


def verify_dois(
    references: Sequence[Reference], resolver: Resolver, *, suggest: bool = False
) -> list[Diagnostic]:
    """The online pass's diagnostics (see `check_online` for the outcomes too)."""
    return check_online(references, resolver, suggest=suggest).diagnostics
