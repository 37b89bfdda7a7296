"""Hypothesis strategies for references (own copy until tests/strategies.py fits).

Texts mix Cyrillic, Serbian Latin, Turkish ı/İ, Azerbaijani ə, Greek, CJK,
combining marks, LaTeX specials, and what is hard for Zotero's Extra field in
particular: colons, `||`, line breaks, edge whitespace, empty strings.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from refport.model import (
    CREATOR_ROLES,
    CSL_TYPES,
    STRING_FIELDS,
    Creator,
    Date,
    DatePart,
    Name,
    NameVariant,
    Reference,
    TextVariant,
    parse_date,
    parse_pages,
)

PIECES = [
    "a", "Z", "7", " ", "Жёлтый", "čćšđž", "ıİ", "ə", "Ωμέγα", "中文", "e\u0301", "{", "}", "%",
    "&", "$", "#", "_", "^", "~", "\\", ":", ": ", "||", "-", "\n", "\n\n", "\t", "'", '"', "/",
    "type: book", "DOI: 10.1/x", "refport-", "[", "]", "van ", ", Jr.",
]  # fmt: skip

text = st.lists(st.sampled_from(PIECES), max_size=5).map("".join)
plain = st.lists(st.sampled_from(["Ivanov", "Иванов", "Şahin", "Ελένη", "王", "de", "la"]),
                 min_size=1, max_size=3).map(" ".join)
maybe = st.none() | text | plain

DATE_TEXTS = [
    "2020", "2020-11", "2020-11-10", "2020/11/10", "2019/2020", "2019-03/2019-05", "ca. 1850",
    "1850~", "2020-22", "n.d.", "forthcoming", "1637 and 1662", "-44", "2020/11/10/", "Spring 2020",
]  # fmt: skip
parts = st.builds(
    DatePart,
    st.integers(-500, 3000),
    st.none() | st.integers(1, 12),
    st.none() | st.integers(1, 31),
    st.none() | st.integers(1, 4),
)
dates = st.sampled_from(DATE_TEXTS).map(parse_date) | st.builds(
    Date, st.none() | parts, st.none() | parts, st.booleans(), st.none() | text, st.none() | text
)
pages = st.sampled_from(["31–40", "12-14", "iv-x", "31, 35–40", "e123", "A1--A9"]).map(
    parse_pages
) | st.builds(parse_pages, text)

name_variants = st.builds(
    NameVariant, st.sampled_from(["ru-Latn", "en", "sr-Cyrl", "x: y"]), maybe, maybe, maybe
)
names = st.builds(
    Name, family=maybe, given=maybe, dropping_particle=st.none() | plain,
    non_dropping_particle=st.none() | plain, suffix=st.none() | plain,
    literal=st.none() | text | plain, orcid=st.none() | st.just("0000-0002-1825-0097") | text,
    variants=st.lists(name_variants, max_size=2).map(tuple),
) | st.builds(Name, family=plain, given=plain)  # fmt: skip
creators = st.builds(Creator, st.sampled_from(CREATOR_ROLES), names)
text_variants = st.builds(
    TextVariant, st.sampled_from(["title", "container_title", "x y"]),
    st.sampled_from(["ru", "ru-Latn", "en", "sr-Cyrl", "a: b"]), text | plain,
)  # fmt: skip
pair_keys = st.sampled_from(
    ["bibtex:howpublished", "ris:M4", "zotero:rights", "zotero:key", "zotero:version",
     "zotero:automatic-tag", "zotero:creator:wordsBy", "zotero:original-title", "csljson:x",
     "zotero:refport-json", "zotero:type", "weird", "zotero:title", "zotero:collections",
     "zotero:series", "zotero:citation-key"]
) | text  # fmt: skip
pairs = st.tuples(pair_keys, text | plain)


@st.composite
def references(draw: st.DrawFn) -> Reference:
    fields: dict[str, Any] = {
        name: draw(maybe) for name in draw(st.sets(st.sampled_from(STRING_FIELDS)))
    }
    dates_chosen: dict[str, Any] = {
        name: draw(dates)
        for name in draw(st.sets(st.sampled_from(["issued", "accessed", "original_date",
                                                  "event_date"])))
    }
    return Reference(
        id=draw(plain | text),
        type=draw(st.sampled_from(sorted(CSL_TYPES)) | text),
        creators=tuple(draw(st.lists(creators, max_size=4))),
        page=draw(st.none() | pages),
        keywords=tuple(draw(st.lists(plain | text, max_size=3))),
        variants=tuple(draw(st.lists(text_variants, max_size=2))),
        extra=tuple(draw(st.lists(pairs, max_size=4))),
        **fields,
        **dates_chosen,
    )
