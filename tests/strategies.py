"""Hypothesis strategies for the model, shared by every format's round-trip
tests and by the checks' tests.

`references()` draws any `Reference` the model allows: every CSL type, field,
role, date shape, script variants, ORCIDs, in Cyrillic, Serbian Latin,
Turkish (ı/İ), Azerbaijani (ə), Greek, CJK, with combining marks, the LaTeX
specials `{}%&$#_^~\\` and CSL rich-text markup in titles.

A format that cannot hold everything restricts the draw with a `Holds` value
(what the format carries), so that `read(write(r)) == r` is the property to
test:

    HOLDS_RIS = replace(EVERYTHING, roles=("author", "editor"), seasons=False,
                        text=clean_texts(), extra=st.just(()))
    @given(references(HOLDS_RIS))
    def test_ris_round_trip(reference): ...

`reference_for("csljson")` gives the one registered here (CSL-JSON holds the
whole model, with its own extras). Conventions every drawn reference keeps,
because every format groups names by role: creators are grouped by role in
`CREATOR_ROLES` order; text variants are grouped by field with one value per
(field, tag); a name's variant tags are unique; `Pages` come from
`parse_pages`; a date with no start has no end and no `raw`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Final

from hypothesis import strategies as st

from refport.formats.csljson_tables import ALIASES, CUSTOM_KEYS, SCHEMA_ONLY, STRING
from refport.model import (
    CREATOR_ROLES,
    CSL_TYPES,
    DATE_FIELDS,
    STRING_FIELDS,
    Creator,
    Date,
    DatePart,
    Name,
    NameVariant,
    Pages,
    Reference,
    TextVariant,
    parse_date,
    parse_pages,
)

# --- text ---------------------------------------------------------------------

LATIN: Final = "AaBbEeKkMmZz019 .,:;!?'\"()-/–—"
SERBIAN_CYRILLIC: Final = "АБВГДЂЕЖЗИЈКЉЊОПРСТЋУЦЧЏШабвгдђежзијкљњопрстћуцчџш"
RUSSIAN_EXTRA: Final = "ЁёЫыЭэЮюЯяЙйЪъЬь"
SERBIAN_LATIN: Final = "ČĆĐŠŽčćđšžDždž"
TURKISH: Final = "ıİğĞşŞöÖüÜçÇ"
AZERBAIJANI: Final = "əƏ"
GREEK: Final = "ΑΒΓΔΩαβγδωάέήίόύώ"
CJK: Final = "中文日本語漢字東京"
COMBINING: Final = "\u0301\u0308\u030c"
LATEX_SPECIALS: Final = "{}%&$#_^~\\"
ALPHABET: Final = (
    LATIN + SERBIAN_CYRILLIC + RUSSIAN_EXTRA + SERBIAN_LATIN + TURKISH + AZERBAIJANI
    + GREEK + CJK + COMBINING + LATEX_SPECIALS
)  # fmt: skip

#: BCP 47 tags of the kind the seed lists use.
TAGS: Final = ("en", "ru", "ru-Latn", "sr-Cyrl", "sr-Latn", "tr", "az-Latn", "el", "zh-Hans", "ja")

#: CSL rich-text markup (the model's inline markup), as (open, close) pairs.
MARKUP: Final = (
    ("<i>", "</i>"),
    ("<b>", "</b>"),
    ("<sup>", "</sup>"),
    ("<sub>", "</sub>"),
    ('<span class="nocase">', "</span>"),
    ('<span style="font-variant:small-caps;">', "</span>"),
)


def clean_texts(alphabet: str = ALPHABET, max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-empty text with single inner spaces and no outer whitespace: what a
    format that normalises whitespace gives back unchanged."""
    words = st.text(alphabet=alphabet.replace(" ", ""), min_size=1, max_size=8)
    return st.lists(words, min_size=1, max_size=max(1, max_size // 6)).map(" ".join)


def raw_texts(max_size: int = 16) -> st.SearchStrategy[str]:
    """Any text, empty, with outer or repeated whitespace and line breaks."""
    return st.text(alphabet=ALPHABET + " \n\t\u00a0<>", max_size=max_size)


def rich_texts(plain: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str]:
    """Text with well-formed, possibly nested CSL rich-text markup."""
    base = plain if plain is not None else clean_texts()
    return st.recursive(
        base,
        lambda inner: st.one_of(
            st.tuples(st.sampled_from(MARKUP), inner).map(lambda m: m[0][0] + m[1] + m[0][1]),
            st.lists(inner, min_size=2, max_size=3).map(" ".join),
        ),
        max_leaves=4,
    )


def keys() -> st.SearchStrategy[str]:
    """Citation keys every format accepts."""
    return st.from_regex(r"[a-z][a-z0-9]{0,10}(?:[-_:][a-z0-9]{1,6})?", fullmatch=True)


def orcids() -> st.SearchStrategy[str]:
    return st.from_regex(r"000[0-9]-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]", fullmatch=True)


#: Fields that look like identifiers rather than prose (formats may check them).
FIELD_TEXTS: Final[dict[str, st.SearchStrategy[str]]] = {
    "language": st.sampled_from(TAGS),
    "doi": st.from_regex(r"10\.[0-9]{4,5}/[A-Za-z0-9.()_-]{1,12}", fullmatch=True),
    "url": st.from_regex(r"https://[a-z]{1,8}\.(?:az|rs|tr|org)/[a-z0-9/_-]{0,12}", fullmatch=True),
    "isbn": st.sampled_from(("978-0-521-83867-2", "9781626162105", "0-19-852663-6")),
    "issn": st.sampled_from(("2602-2877", "0043-8871", "1468-3857")),
}
RICH_FIELDS: Final = (
    "title",
    "title_short",
    "container_title",
    "collection_title",
    "original_title",
)


def json_values() -> st.SearchStrategy[object]:
    """JSON values without floats (their text form is not unique)."""
    scalars = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | raw_texts(8)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(raw_texts(6), inner, max_size=3)
        ),
        max_leaves=6,
    )


def encode_json(value: object) -> str:
    """The text form refport keeps JSON values in (`extra` values)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --- what a format holds --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Holds:
    """What a format can carry; `references(holds)` draws only that."""

    types: tuple[str, ...] = tuple(sorted(CSL_TYPES))
    fields: tuple[str, ...] = STRING_FIELDS
    roles: tuple[str, ...] = CREATOR_ROLES
    name_parts: tuple[str, ...] = (
        "family", "given", "dropping_particle", "non_dropping_particle", "suffix",
    )  # fmt: skip
    literal_names: bool = True
    orcid: bool = True
    name_variants: bool = True
    variant_fields: tuple[str, ...] = STRING_FIELDS
    dates: tuple[str, ...] = DATE_FIELDS
    date_ranges: bool = True
    seasons: bool = True
    circa: bool = True
    date_literals: bool = True
    date_raw: bool = True
    pages: bool = True
    keywords: bool = True
    text: st.SearchStrategy[str] = field(default_factory=clean_texts)
    rich_text: st.SearchStrategy[str] = field(default_factory=rich_texts)
    field_texts: dict[str, st.SearchStrategy[str]] = field(
        default_factory=lambda: dict(FIELD_TEXTS)
    )
    keyword_text: st.SearchStrategy[str] = field(
        default_factory=lambda: clean_texts(ALPHABET.replace(",", "").replace(";", ""), 12)
    )
    ids: st.SearchStrategy[str] = field(default_factory=keys)
    extra: st.SearchStrategy[tuple[tuple[str, str], ...]] = field(
        default_factory=lambda: st.just(())
    )


EVERYTHING: Final = Holds()


# --- dates, pages, names ----------------------------------------------------------

YEARS: Final = st.one_of(st.integers(1800, 2030), st.sampled_from((0, -44, 20021)))


@st.composite
def date_parts(draw: st.DrawFn, *, season: bool = True) -> DatePart:
    """A point; month 13 appears ("kept as given"), never 21-24 (that is a season)."""
    year = draw(YEARS)
    if season and draw(st.integers(0, 5)) == 0:
        return DatePart(year, season=draw(st.integers(1, 4)))
    month = draw(st.none() | st.integers(1, 13))
    day = draw(st.none() | st.integers(1, 31)) if month is not None else None
    return DatePart(year, month, day)


@st.composite
def dates(draw: st.DrawFn, holds: Holds = EVERYTHING) -> Date:
    shapes = ["point"] + ["range"] * holds.date_ranges + ["literal"] * holds.date_literals
    shapes += ["parsed"] * holds.date_raw
    shape = draw(st.sampled_from(shapes))
    if shape == "literal":
        return Date(
            literal=draw(st.sampled_from(("n.d.", "Spring 2020", "forthcoming")) | holds.text)
        )
    if shape == "parsed":
        forms = ("2020", "2020-11", "2020/11/10", "2019/2020", "2019-03/2019-05", "ca. 1850")
        return parse_date(draw(st.sampled_from(forms) | holds.text))
    start = draw(date_parts(season=holds.seasons))
    end = draw(date_parts(season=False)) if shape == "range" else None
    circa = draw(st.booleans()) if holds.circa else False
    raw = draw(st.none() | holds.text) if holds.date_raw else None
    return Date(start=start, end=end, circa=circa, raw=raw)


PAGE_FORMS: Final = (
    "245–273",
    "245-273",
    "245--273",
    "e1234",
    "xii–xv",
    "31, 35–40",
    "A1-A7",
    "12",
)


def pages(holds: Holds = EVERYTHING) -> st.SearchStrategy[Pages]:
    texts = st.sampled_from(PAGE_FORMS) | st.from_regex(
        r"[0-9]{1,4}(?:[-–][0-9]{1,4})?", fullmatch=True
    )
    return (texts | holds.text).map(parse_pages)


@st.composite
def name_variants(draw: st.DrawFn, holds: Holds = EVERYTHING) -> tuple[NameVariant, ...]:
    tags = draw(st.lists(st.sampled_from(TAGS), unique=True, max_size=2))
    part = st.none() | holds.text
    return tuple(NameVariant(tag, draw(part), draw(part), draw(part)) for tag in tags)


@st.composite
def names(draw: st.DrawFn, holds: Holds = EVERYTHING) -> Name:
    orcid = draw(st.none() | orcids()) if holds.orcid else None
    variants = draw(name_variants(holds)) if holds.name_variants else ()
    if holds.literal_names and draw(st.integers(0, 3)) == 0:
        return Name(literal=draw(holds.text), orcid=orcid, variants=variants)
    parts = {part: draw(st.none() | holds.text) for part in holds.name_parts}
    parts["family"] = draw(holds.text)
    return Name(**parts, orcid=orcid, variants=variants)


@st.composite
def creators(draw: st.DrawFn, holds: Holds = EVERYTHING) -> tuple[Creator, ...]:
    chosen = draw(st.lists(st.sampled_from(holds.roles), unique=True, max_size=3))
    ordered = [role for role in CREATOR_ROLES if role in chosen]
    return tuple(
        Creator(role, name)
        for role in ordered
        for name in draw(st.lists(names(holds), min_size=1, max_size=3))
    )


@st.composite
def text_variants(draw: st.DrawFn, holds: Holds = EVERYTHING) -> tuple[TextVariant, ...]:
    fields = draw(st.lists(st.sampled_from(holds.variant_fields), unique=True, max_size=2))
    return tuple(
        TextVariant(name, tag, draw(holds.text))
        for name in fields
        for tag in draw(st.lists(st.sampled_from(TAGS), unique=True, min_size=1, max_size=2))
    )


# --- references ------------------------------------------------------------------


def _field_strategy(name: str, holds: Holds) -> st.SearchStrategy[object]:
    if name in RICH_FIELDS:
        return holds.rich_text
    return holds.field_texts.get(name, holds.text)


@st.composite
def references(draw: st.DrawFn, holds: Holds = EVERYTHING) -> Reference:
    optional: dict[str, st.SearchStrategy[object]] = {
        name: _field_strategy(name, holds) for name in holds.fields
    }
    optional.update({name: dates(holds) for name in holds.dates})
    if holds.pages:
        optional["page"] = pages(holds)
    if holds.keywords:
        optional["keywords"] = st.lists(holds.keyword_text, min_size=1, max_size=3).map(tuple)
    chosen = draw(st.fixed_dictionaries({}, optional=optional))
    return Reference(id=draw(holds.ids), type=draw(st.sampled_from(holds.types))).with_changes(
        creators=draw(creators(holds)) if holds.roles else (),
        variants=draw(text_variants(holds)) if holds.variant_fields else (),
        extra=draw(holds.extra),
        **chosen,
    )


# --- CSL-JSON ------------------------------------------------------------------------

_KEPT_STRING_KEYS: Final = tuple(
    k for k, kind in SCHEMA_ONLY.items() if kind == STRING and k not in ALIASES
)


@st.composite
def csljson_extras(draw: st.DrawFn) -> tuple[tuple[str, str], ...]:
    """CSL-JSON's own extras, in the order its reader lists them: schema keys
    the model lacks, then keys the schema does not know, then `custom` keys."""
    kept = draw(st.lists(st.sampled_from(_KEPT_STRING_KEYS), unique=True, max_size=2))
    unknown = draw(
        st.lists(st.from_regex(r"x-[a-z]{1,6}", fullmatch=True), unique=True, max_size=2)
    )
    custom = draw(st.lists(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), unique=True, max_size=2))
    custom = [key for key in custom if key not in CUSTOM_KEYS]
    return (
        *((f"csljson:{key}", encode_json(draw(raw_texts()))) for key in kept),
        *((f"csljson:{key}", encode_json(draw(json_values()))) for key in unknown),
        *((f"csljson:custom.{key}", encode_json(draw(json_values()))) for key in custom),
    )


HOLDS: Final = {
    "model": EVERYTHING,
    "csljson": Holds(
        text=raw_texts(),
        keyword_text=raw_texts(10).filter(lambda k: "," not in k and k == k.strip()),
        ids=st.text(alphabet=ALPHABET, min_size=1, max_size=12),
        extra=csljson_extras(),
    ),
}


def reference_for(format_name: str) -> st.SearchStrategy[Reference]:
    """References the named format holds fully (see `HOLDS`)."""
    return references(HOLDS[format_name])
