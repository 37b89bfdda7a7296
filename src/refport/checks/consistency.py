"""Cross-entry checks: the same work entered twice, one DOI on different works,
one citation key on two entries, overlapping page ranges in one container.

Nothing here compares every pair: references are put in blocks by normalised
DOI, ISBN and a title key (main title + year + first author), and only the
members of one block are compared, so the work grows with the list, not with
its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field

from refport.checks.base import Check, CheckContext, Finding
from refport.checks.fields import page_span
from refport.checks.identifiers import JournalClues, doi_duplicate_verdict, journal_clues
from refport.checks.works import (
    DIFFERENCES,
    LazyWorks,
    TextKeys,
    differences,
    first_creator_key,
    main_title_key,
    plain,
    same_work,
    text_key,
    work_label,
)
from refport.identifiers import doi_key, isbn_key, normalize_doi, split_identifiers
from refport.model import Reference

#: Blocks larger than this compare each member with the next WINDOW members
#: only, so a pathological block (500 entries titled "Introduction", 2020, by
#: one organisation) stays linear.
WINDOW = 50

#: What made two references one work, as the duplicate message says it; the
#: first that applies is named.
BLOCK_REASONS = {
    "doi": "the same DOI {value}",
    "isbn": "the same ISBN {value}",
    "title": "the same title, year and first author",
}
BLOCK_ORDER = tuple(BLOCK_REASONS)


# --- blocking -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BlockKeys:
    """The cheap keys a reference is blocked by (the full `Work` is built only
    for references that share a block)."""

    doi: str | None
    isbns: tuple[str, ...]
    title: str  # main title key | year | first author, or "" without a title

    @classmethod
    def of(cls, ref: Reference, keys: Callable[[str | None], str] = text_key) -> BlockKeys:
        isbns = {k for k in map(isbn_key, split_identifiers(ref.isbn)) if k} if ref.isbn else ()
        title = main_title_key(ref.title) if ref.title else ""
        if title:
            year = ref.issued.year if ref.issued else None
            title = f"{title}|{year}|{first_creator_key(ref, keys)}"
        return cls(doi_key(ref.doi) if ref.doi else None, tuple(sorted(isbns)), title)

    def blocks(self, kinds: Collection[str]) -> Iterator[tuple[str, str]]:
        if self.doi and "doi" in kinds:
            yield "doi", self.doi
        if "isbn" in kinds:
            for isbn in self.isbns:
                yield "isbn", isbn
        if self.title and "title" in kinds:
            yield "title", self.title


def block_keys(ref: Reference, kinds: Collection[str]) -> Iterator[tuple[str, str]]:
    """The blocks a reference is compared in."""
    return BlockKeys.of(ref).blocks(kinds)


def shared_text_keys(context: CheckContext) -> TextKeys:
    return context.shared("text-keys", TextKeys)


def shared_block_keys(references: Sequence[Reference], context: CheckContext) -> list[BlockKeys]:
    def compute() -> list[BlockKeys]:
        keys = shared_text_keys(context)
        return [BlockKeys.of(ref, keys) for ref in references]

    return context.shared("block-keys", compute)


def shared_works(references: Sequence[Reference], context: CheckContext) -> LazyWorks:
    return context.shared("works", lambda: LazyWorks(references))


def candidate_pairs(members: Sequence[int]) -> Iterator[tuple[int, int]]:
    """All pairs of a small block; a sliding window over a large one."""
    for position, first in enumerate(members):
        for second in members[position + 1 : position + 1 + WINDOW]:
            yield first, second


@dataclass
class Matching:
    """Which references are one work, found block by block."""

    works: LazyWorks
    blocks: dict[tuple[str, str], list[int]]
    parent: list[int]
    #: For each union: the block kind and value that joined the two.
    joined_by: dict[int, tuple[str, str]] = field(default_factory=dict)
    comparisons: int = 0

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def union(self, first: int, second: int, block: tuple[str, str]) -> None:
        root_first, root_second = self.find(first), self.find(second)
        low, high = sorted((root_first, root_second))
        self.parent[high] = low
        reasons = [r for r in (self.joined_by.pop(high, None), self.joined_by.get(low)) if r]
        self.joined_by[low] = min((*reasons, block), key=lambda r: BLOCK_ORDER.index(r[0]))

    def groups(self) -> list[list[int]]:
        """Works entered more than once, each as list indexes in list order."""
        members: dict[int, list[int]] = defaultdict(list)
        for index in sorted(self.works.built):  # every joined index was compared
            members[self.find(index)].append(index)
        return [group for group in members.values() if len(group) > 1]


def match_works(
    references: Sequence[Reference],
    kinds: Collection[str] = ("doi", "isbn", "title"),
    *,
    keys: Sequence[BlockKeys] | None = None,
    works: LazyWorks | None = None,
) -> Matching:
    """Compare the members of each block once and join those that are one work
    (`keys` and `works` when another check of the run has them already)."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, ref_keys in enumerate(keys or map(BlockKeys.of, references)):
        for key in ref_keys.blocks(kinds):
            blocks[key].append(index)
    matching = Matching(works or LazyWorks(references), blocks, list(range(len(references))))
    compared: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        for pair in candidate_pairs(members):
            if pair in compared:
                continue
            compared.add(pair)
            matching.comparisons += 1
            if same_work(matching.works[pair[0]], matching.works[pair[1]]):
                matching.union(*pair, key)
    return matching


def shared_matching(
    references: Sequence[Reference], context: CheckContext, kinds: tuple[str, ...]
) -> Matching:
    keys = shared_block_keys(references, context)
    return match_works(references, kinds, keys=keys, works=shared_works(references, context))


# --- duplicate ----------------------------------------------------------------


def _where(ref: Reference) -> str:
    if ref.origin.file is None:
        return f"line {ref.origin.line}" if ref.origin.line else ref.id
    return f"{ref.origin.file}:{ref.origin.line}" if ref.origin.line else ref.origin.file


def duplicate(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    matching = shared_matching(references, context, ("doi", "isbn", "title"))
    for group in matching.groups():
        refs = tuple(references[i] for i in group)
        kind, value = matching.joined_by.get(group[0], ("title", ""))
        if kind == "doi":
            value = normalize_doi(refs[0].doi or value)
        reason = BLOCK_REASONS[kind].format(value=value)
        places = ", ".join(_where(r) for r in refs)
        yield Finding(
            refs,
            f"{work_label(matching.works[group[0]])} is entered {len(refs)} times "
            f"({places}): {reason}",
        )


# --- doi-duplicate ------------------------------------------------------------


def doi_duplicate(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    matching = shared_matching(references, context, ("doi",))
    clues: dict[str, JournalClues] | None = None
    for members in matching.blocks.values():
        by_work: dict[int, list[int]] = defaultdict(list)
        for index in members:
            by_work[matching.find(index)].append(index)
        if len(by_work) < 2:
            continue
        if clues is None:
            clues = journal_clues(references, shared_text_keys(context))
        works = [matching.works[group[0]] for group in by_work.values()]
        seen = {  # all pairs of a small block, through the window in a large one
            name
            for first, second in candidate_pairs(range(len(works)))
            for name in differences(works[first], works[second])
        }
        found = [name for name, _ in DIFFERENCES if name in seen]
        labels = " and ".join(f"{w.ref.id} ({work_label(w)})" for w in works)
        doi = normalize_doi(references[members[0]].doi or "")
        claimed = {references[i].id for i in members}
        verdict, severity = doi_duplicate_verdict(doi, works, clues, claimed)
        yield Finding(
            tuple(references[i] for i in members),
            f"DOI {doi} is on {len(works)} different works (different {_join(found)}): "
            f"{labels}; {verdict}",
            field="doi",
            severity=severity,
        )


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


# --- key-duplicate ------------------------------------------------------------


def key_duplicate(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    by_id: dict[str, list[Reference]] = defaultdict(list)
    for ref in references:
        by_id[ref.id].append(ref)
    for key, refs in by_id.items():
        if len(refs) > 1:
            places = ", ".join(_where(r) for r in refs)
            yield Finding(
                tuple(refs),
                f"the key “{key}” is used by {len(refs)} entries ({places})",
                field="id",
            )


# --- pages-overlap ------------------------------------------------------------

#: CSL types whose pages are a part of a book; every other type with a volume
#: or issue is a part of a journal.
BOOK_PARTS = frozenset({"chapter", "entry", "entry-dictionary", "entry-encyclopedia",
                        "paper-conference"})  # fmt: skip


def container_key(
    ref: Reference, keys: Callable[[str | None], str] = text_key
) -> tuple[str, ...] | None:
    """The container a page range belongs to: a book (title + year) or a journal
    issue (title + volume + issue, + year when there is no volume)."""
    year = str(ref.issued.year) if ref.issued else ""
    container = keys(ref.container_title)
    if ref.type in BOOK_PARTS:
        return ("book", container, year)
    if ref.volume is None and ref.issue is None:
        return None
    return ("journal", container, ref.volume or "", ref.issue or "", "" if ref.volume else year)


Span = tuple[int, int, int]  # first page, last page, list index


def overlapping_pairs(spans: list[Span]) -> Iterator[tuple[Span, Span]]:
    """Pairs whose ranges overlap, by a sweep over ranges sorted by first page."""
    spans.sort()
    for position, span in enumerate(spans):
        for other in spans[position + 1 :]:
            if other[0] > span[1]:
                break
            yield span, other


def pages_overlap(references: Sequence[Reference], context: CheckContext) -> Iterator[Finding]:
    containers: dict[tuple[str, ...], list[Span]] = defaultdict(list)
    keys = shared_text_keys(context)
    for index, ref in enumerate(references):
        if ref.page is None or not ref.container_title:
            continue
        span = page_span(ref.page)
        key = container_key(ref, keys) if span is not None else None
        if key is not None and span is not None:
            containers[key].append((*span, index))
    works = shared_works(references, context)
    for spans in containers.values():
        if len(spans) < 2:
            continue
        pairs = [sorted(pair, key=lambda span: span[2]) for pair in overlapping_pairs(spans)]
        copies = _later_copies(works, [(a[2], b[2]) for a, b in pairs])
        for a, b in pairs:
            if a[2] in copies or b[2] in copies:
                continue  # one work entered twice: `duplicate` says so
            ref_a, ref_b = references[a[2]], references[b[2]]
            low, high = max(a[0], b[0]), min(a[1], b[1])
            shared = f"page {low}" if low == high else f"pages {low}–{high}"
            yield Finding(
                (ref_a, ref_b),
                f"{ref_a.id} (pp. {_pages(ref_a)}) and {ref_b.id} (pp. {_pages(ref_b)}) "
                f"are both in {plain(ref_a.container_title or '')} and share {shared}",
                field="page",
            )


def _later_copies(works: LazyWorks, pairs: list[tuple[int, int]]) -> set[int]:
    """Of overlapping pairs that are one work entered twice, the later entry:
    its overlaps are the first entry's and are reported once, under it."""
    return {second for first, second in pairs if same_work(works[first], works[second])}


def _pages(ref: Reference) -> str:
    return ref.page.text if ref.page else ""


CHECKS: tuple[Check, ...] = (
    Check("duplicate", "warning",
          "the same work entered more than once (same DOI, same ISBN, or same title, year "
          "and first author), also across files", duplicate),
    Check("doi-duplicate", "error",
          "one DOI on references that describe different works; says which one is probably "
          "wrong when the list can tell", doi_duplicate),
    Check("key-duplicate", "error", "two entries with one id / citation key", key_duplicate),
    Check("pages-overlap", "warning",
          "two chapters of one book, or two articles of one journal issue, whose page ranges "
          "overlap", pages_overlap),
)  # fmt: skip
