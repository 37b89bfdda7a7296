"""`doi-missing`: a reference without a DOI whose title, first author and year
match exactly one work Crossref knows (its `query.bibliographic` search).

Only exact agreement counts (title "same", first author "same", year within
the online-first year): a suggestion is a DOI someone will paste in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from refport.diagnostics import Diagnostic
from refport.identifiers import doi_key
from refport.model import Reference
from refport.online.codes import SEVERITY_OF
from refport.online.judge import judge
from refport.online.resolver import Resolver

#: Types that are usually registered with a DOI (web pages and news are not).
ELIGIBLE_TYPES: Final = frozenset(
    {"article-journal", "article", "chapter", "book", "paper-conference", "report", "thesis",
     "dataset", "review", "review-book", "entry-encyclopedia", "standard"}
)  # fmt: skip
MATCHING_FIELDS: Final = ("title", "author", "issued")


def query_text(ref: Reference) -> str | None:
    """Title, first author and year, as Crossref's bibliographic query takes them."""
    people = ref.names("author") or ref.names("editor")
    if not ref.title or not people or not ref.issued or ref.issued.year is None:
        return None
    return " ".join(f"{ref.title} {people[0].family_with_particle()} {ref.issued.year}".split())


def _diagnostic(ref: Reference, code: str, message: str, suggestion: str | None) -> Diagnostic:
    return Diagnostic(
        code, SEVERITY_OF[code], message, refs=(ref.id,), field="doi",
        line=ref.origin.line, file=ref.origin.file, suggestion=suggestion,
    )  # fmt: skip


def suggest_dois(references: Sequence[Reference], resolver: Resolver) -> dict[int, Diagnostic]:
    """At most one diagnostic per reference, keyed by `id(reference)`."""
    asked = [
        (ref, text)
        for ref in references
        if not ref.doi and ref.type in ELIGIBLE_TYPES and (text := query_text(ref))
    ]
    results = resolver.search([text for _, text in asked])
    found: dict[int, Diagnostic] = {}
    for ref, text in asked:
        result = results[text]
        if result.records is None:
            message = f"could not search for a DOI: {result.reason}"
            found[id(ref)] = _diagnostic(ref, "doi-unreachable", message, None)
            continue
        dois = {
            key: str(record.get("DOI"))
            for record in result.records
            if (key := doi_key(str(record.get("DOI", ""))))
            and all(judge(ref, record).field(f).verdict == "same" for f in MATCHING_FIELDS)
        }
        if len(dois) == 1:
            (doi,) = dois.values()
            message = (
                "no DOI given; exactly one registered work has this title, "
                f"first author and year: {doi}"
            )
            found[id(ref)] = _diagnostic(ref, "doi-missing", message, doi)
    return found
