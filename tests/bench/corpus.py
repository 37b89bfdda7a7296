"""Realistic synthetic corpora for the benchmarks, written as Zotero exports them.

One seeded list of works is written three ways: BibTeX as Zotero's and JabRef's
exports look (tab-indented, {Protected} capitals, some names in LaTeX escapes),
RIS as Zotero writes it (a BOM, CR LF line ends, `DA  - 2019/11/10/`, `Y2`, `KW`,
`LA`) plus the `ID` line Mendeley, EndNote and JabRef write (see `to_ris`)
and CSL-JSON as Zotero exports it. Works mix types (articles, books, chapters,
conference papers, theses, reports, web pages), have 1-12 authors with
particles, corporate names, Cyrillic, Turkish and Azerbaijani names, DOIs,
page ranges; 5% are planted duplicates (the same work again under another key,
its DOI written as a link in capitals). A size always gives the same files.

The comparison corpus is clean by default, because citation-js aborts on the
first syntax error; `malformed=` breaks that share of entries (an unclosed
BibTeX entry, a RIS record without ER, a CSL-JSON item with a broken date) for
refport-only runs.

    python -m tests.bench.corpus --size 10000 --out /tmp/corpus   # .bib .ris .json
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, replace
from pathlib import Path

#: Family names as Unicode, some with their LaTeX spelling (as JabRef keeps them).
FAMILIES = (
    ("Abushov", None), ("Merom", None), ("Rose", None), ("Valiyev", None),
    ("Preradović", "Preradovi{\\'c}"), ("Živojinović", "{\\v{Z}}ivojinovi{\\'c}"),
    ("Jović-Lazić", "Jovi{\\'c}-Lazi{\\'c}"), ("Tučić", "Tu{\\v{c}}i{\\'c}"),
    ("Łapaj-Kucharska", "{\\L}apaj-Kucharska"), ("Hasanoğlu", "Hasano{\\u{g}}lu"),
    ("Yüzbaşıoğlu", None), ("Çam", "{\\c{C}}am"), ("Əliyev", None),
    ("Dvořák", "Dvo{\\v{r}}{\\'a}k"),
    ("Müller", "M{\\\"u}ller"), ("García Márquez", "Garc{\\'i}a M{\\'a}rquez"), ("O'Brien", None),
    ("Smith", None), ("Nguyen", None), ("Kim", None), ("Hayrapetyan", None),
    ("Åström", "{\\AA}str{\\\"o}m"), ("François", "Fran{\\c{c}}ois"), ("Ibadoghlu", None),
)  # fmt: skip
PARTICLES = (("van", "Gils"), ("de la", "Fontaine"), ("von", "Löwis"), ("van der", "Berg"))
GIVENS = ("Nikola", "Ana", "Eske", "Kavus", "Gil", "Søren", "Ilham", "Ayşe", "Jean-Luc",
          "M. Hakan", "J.", "Gubad", "İsmail", "Ərəstun")  # fmt: skip
CYRILLIC = (
    ("Макиенко", "Константин"), ("Дудайти", "Альберт"), ("Новичков", "Николай"),
    ("Прохоров", "Никита"), ("Березовский", "Георгий"), ("Унанянц", "Виктория"),
)  # fmt: skip
CORPORATE = (
    "World Health Organization",
    "Ministry of Foreign Affairs of the Republic of Türkiye",
    "Stockholm International Peace Research Institute",
    "Human Rights Watch",
)
WORDS = (
    "regional", "balance", "power", "neoclassical", "realism", "foreign", "policy", "war",
    "Nagorno-Karabakh", "security", "Caucasus", "Türkiye", "drones", "conflict", "DNA",
    "strategy", "alliance", "Azerbaijan", "Russia", "međunarodne", "politike", "Zəfər",
    "peace", "negotiations", "energy", "pipelines", "identity", "geopolitics", "NATO",
)  # fmt: skip
WORDS_CYRILLIC = ("Как", "Россия", "проиграла", "во", "второй", "карабахской", "войне",
                  "сдержанность", "политика", "безопасность")  # fmt: skip
JOURNAL_HEADS = ("Journal of", "Review of", "Studies in", "Annals of", "Bulletin of")
JOURNAL_TOPICS = ("Strategic Studies", "World Politics", "East European Politics", "Security",
                  "Caucasus Affairs", "International Relations", "Energy Policy", "Peace Research",
                  "Eurasian Studies", "Foreign Policy Analysis", "Political Science",
                  "Conflict Resolution", "Turkish Studies", "Slavic Review")  # fmt: skip
SPECIAL_JOURNALS = ("Politički život", "Постсоветские исследования", "Europe-Asia Studies")
PUBLISHERS = (("Routledge", "New York"), ("Oxford University Press", "Oxford"),
              ("Institut za međunarodnu politiku i privredu", "Beograd"),
              ("Palgrave Macmillan", "Cham"), ("Наука", "Москва"))  # fmt: skip
KINDS = ("article", "book", "chapter", "conference", "thesis", "report", "web")
KIND_WEIGHTS = (60, 10, 12, 8, 3, 4, 3)
AUTHOR_COUNTS = (1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 8, 12)


@dataclass(frozen=True)
class Author:
    """A person (family, given, LaTeX spelling of the family) or an organisation."""

    family: str
    given: str = ""
    latex: str | None = None
    particle: str = ""
    corporate: bool = False


@dataclass(frozen=True)
class Entry:
    """One synthetic work, independent of any refport code."""

    key: str
    kind: str
    authors: tuple[Author, ...]
    title: str
    container: str
    year: int
    month: int
    day: int
    volume: int
    issue: int
    first_page: int
    last_page: int
    doi: str | None
    publisher: tuple[str, str]
    cyrillic: bool
    keywords: tuple[str, ...]
    abstract: str | None
    url: str
    duplicate: bool = False
    malformed: bool = False


def journals(rng: random.Random) -> list[str]:
    """A few hundred journals, so that page ranges rarely meet by chance."""
    names = [f"{head} {topic}" for head in JOURNAL_HEADS for topic in JOURNAL_TOPICS]
    numbered = [f"{name} {part}" for name in names for part in ("A", "B", "C")]
    rng.shuffle(numbered)
    return [*SPECIAL_JOURNALS, *names, *numbered]


def _author(rng: random.Random, cyrillic: bool) -> Author:
    if cyrillic:
        family, given = rng.choice(CYRILLIC)
        return Author(family, given)
    roll = rng.random()
    if roll < 0.04:
        return Author(rng.choice(CORPORATE), corporate=True)
    if roll < 0.10:
        particle, family = rng.choice(PARTICLES)
        return Author(family, rng.choice(GIVENS), particle=particle)
    family, latex = rng.choice(FAMILIES)
    return Author(family, rng.choice(GIVENS), latex if rng.random() < 0.5 else None)


def _sentence(rng: random.Random, words: tuple[str, ...], low: int, high: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(rng.randint(low, high)))
    return text[0].upper() + text[1:]


def _entry(rng: random.Random, index: int, containers: list[str], malformed: float) -> Entry:
    cyrillic = rng.random() < 0.1
    words = WORDS_CYRILLIC if cyrillic else WORDS
    first = rng.randint(1, 900)
    title = _sentence(rng, words, 4, 12)
    if rng.random() < 0.4:
        title += ": " + _sentence(rng, words, 2, 6).lower()
    return Entry(
        key=f"ref{index}",
        kind=rng.choices(KINDS, KIND_WEIGHTS)[0],
        authors=tuple(_author(rng, cyrillic) for _ in range(rng.choice(AUTHOR_COUNTS))),
        title=title,
        container=rng.choice(containers[:3] if cyrillic else containers),
        year=rng.randint(1950, 2025),
        month=rng.randint(1, 12),
        day=rng.randint(1, 28),
        volume=rng.randint(1, 80),
        issue=rng.randint(1, 12),
        first_page=first,
        last_page=first + rng.randint(5, 40),
        doi=f"10.{rng.randint(1000, 99999)}/x{index}.{rng.randint(1, 9999)}"
        if rng.random() < 0.7
        else None,
        publisher=rng.choice(PUBLISHERS),
        cyrillic=cyrillic,
        keywords=tuple(rng.sample(words, rng.randint(0, 4))),
        abstract=_sentence(rng, words, 30, 80) + "." if rng.random() < 0.3 else None,
        url=f"https://example.org/news/{index}",
        malformed=rng.random() < malformed,
    )


def make_entries(
    size: int, seed: int = 20261124, duplicates: float = 0.05, malformed: float = 0.0
) -> list[Entry]:
    """`size` works; `duplicates` of them are earlier works entered again."""
    rng = random.Random(seed)
    containers = journals(rng)
    entries: list[Entry] = []
    for index in range(size):
        if entries and rng.random() < duplicates:
            twin = rng.choice(entries)
            doi = f"https://doi.org/{twin.doi.upper()}" if twin.doi else None
            entries.append(replace(twin, key=f"dup{index}", doi=doi, duplicate=True))
            continue
        entries.append(_entry(rng, index, containers, malformed))
    return entries


# --- BibTeX -----------------------------------------------------------------------

BIBTEX_TYPES = {"article": "article", "book": "book", "chapter": "incollection",
                "conference": "inproceedings", "thesis": "phdthesis", "report": "techreport",
                "web": "misc"}  # fmt: skip
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _protect(text: str) -> str:
    """Zotero braces capitalised words after the first, and escapes &, %."""
    words = text.replace("&", "\\&").replace("%", "\\%").split(" ")
    return " ".join([words[0], *(f"{{{w}}}" if w[:1].isupper() else w for w in words[1:])])


def _bibtex_name(author: Author) -> str:
    if author.corporate:
        return f"{{{author.family}}}"
    family = author.latex or author.family
    if " " in family and not author.particle:
        family = f"{{{family}}}"
    particle = f"{author.particle} " if author.particle else ""
    return f"{particle}{family}, {author.given}"


def to_bibtex(entry: Entry) -> str:
    fields = [("title", _protect(entry.title))]
    if entry.kind == "article":
        fields += [("volume", str(entry.volume)), ("number", str(entry.issue)),
                   ("journal", entry.container)]  # fmt: skip
    elif entry.kind in ("chapter", "conference"):
        fields.append(("booktitle", _protect(entry.container + ": Essays")))
    if entry.doi:
        fields.append(("doi", entry.doi))
    fields.append(("language", "ru" if entry.cyrillic else "en"))
    if entry.abstract:
        fields.append(("abstract", entry.abstract))
    if entry.kind in ("book", "chapter", "report"):
        fields += [("publisher" if entry.kind != "report" else "institution", entry.publisher[0]),
                   ("address", entry.publisher[1])]  # fmt: skip
    if entry.kind == "thesis":
        fields.append(("school", entry.publisher[0]))
    if entry.kind == "web":
        visited = f"{entry.year}-{entry.month:02d}-{entry.day:02d}"
        fields += [("url", entry.url), ("urldate", visited)]
    fields.append(("author", " and ".join(_bibtex_name(a) for a in entry.authors)))
    fields += [("month", MONTHS[entry.month - 1]), ("year", str(entry.year))]
    if entry.keywords:
        fields.append(("keywords", ", ".join(entry.keywords)))
    if entry.kind not in ("book", "web", "thesis", "report"):
        fields.append(("pages", f"{entry.first_page}--{entry.last_page}"))
    body = "".join(
        f"\t{name} = {value},\n" if name == "month" else f"\t{name} = {{{value}}},\n"
        for name, value in fields
    )
    close = "" if entry.malformed else "}\n"
    return f"@{BIBTEX_TYPES[entry.kind]}{{{entry.key},\n{body}{close}\n"


# --- RIS (as Zotero writes it) ---------------------------------------------------

RIS_TYPES = {"article": "JOUR", "book": "BOOK", "chapter": "CHAP", "conference": "CONF",
             "thesis": "THES", "report": "RPRT", "web": "ELEC"}  # fmt: skip


def _ris_name(author: Author) -> str:
    if author.corporate:
        return author.family
    particle = f"{author.particle} " if author.particle else ""
    return f"{particle}{author.family}, {author.given}"


def to_ris(entry: Entry) -> str:
    """A record as Zotero writes it, with an `ID` line: without one, citation-js
    gives every record a temporary id by scanning all ids given so far, which
    grows with the square of the list (100,000 ID-less records: 436 s), and
    the benchmark would measure that rather than its RIS reading."""
    lines = [f"TY  - {RIS_TYPES[entry.kind]}", f"ID  - {entry.key}", f"TI  - {entry.title}"]
    lines += [f"AU  - {_ris_name(a)}" for a in entry.authors]
    if entry.kind in ("article", "chapter", "conference"):
        lines.append(f"T2  - {entry.container}")
    if entry.abstract:
        lines.append(f"AB  - {entry.abstract}")
    if entry.kind in ("book", "chapter", "report", "thesis"):
        lines += [f"CY  - {entry.publisher[1]}", f"PB  - {entry.publisher[0]}"]
    lines += [f"DA  - {entry.year}/{entry.month:02d}/{entry.day:02d}/", f"PY  - {entry.year}"]
    if entry.doi:
        lines.append(f"DO  - {entry.doi}")
    if entry.kind == "article":
        lines += [f"VL  - {entry.volume}", f"IS  - {entry.issue}"]
    if entry.kind in ("article", "chapter", "conference"):
        lines += [f"SP  - {entry.first_page}", f"EP  - {entry.last_page}"]
    lines.append(f"LA  - {'ru' if entry.cyrillic else 'en'}")
    if entry.kind == "web":
        lines += [f"UR  - {entry.url}", f"Y2  - {entry.year}/{entry.month:02d}/{entry.day:02d}/"]
    lines += [f"KW  - {word}" for word in entry.keywords]
    if not entry.malformed:
        lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n\r\n"


# --- CSL-JSON (as Zotero exports it) ---------------------------------------------

CSL_TYPES = {"article": "article-journal", "book": "book", "chapter": "chapter",
             "conference": "paper-conference", "thesis": "thesis", "report": "report",
             "web": "webpage"}  # fmt: skip


def _csl_name(author: Author) -> dict[str, str]:
    if author.corporate:
        return {"literal": author.family}
    name = {"family": author.family, "given": author.given}
    if author.particle:
        name["non-dropping-particle"] = author.particle
    return name


def to_csl(entry: Entry) -> dict[str, object]:
    item: dict[str, object] = {"id": entry.key, "type": CSL_TYPES[entry.kind], "title": entry.title}
    if entry.kind in ("article", "chapter", "conference"):
        item["container-title"] = entry.container
        item["page"] = f"{entry.first_page}-{entry.last_page}"
    if entry.kind == "article":
        item |= {"volume": str(entry.volume), "issue": str(entry.issue)}
    if entry.kind in ("book", "chapter", "report", "thesis"):
        item |= {"publisher": entry.publisher[0], "publisher-place": entry.publisher[1]}
    if entry.abstract:
        item["abstract"] = entry.abstract
    if entry.doi:
        item["DOI"] = entry.doi
    item["language"] = "ru" if entry.cyrillic else "en"
    if entry.keywords:
        item["keyword"] = ", ".join(entry.keywords)
    if entry.kind == "web":
        item["URL"] = entry.url
        item["accessed"] = {"date-parts": [[entry.year, entry.month, entry.day]]}
    item["author"] = [_csl_name(a) for a in entry.authors]
    date = [entry.year, entry.month, entry.day]
    item["issued"] = {"date-parts": [date]} if not entry.malformed else {"date-parts": [["x"]]}
    return item


def write_corpus(
    size: int, folder: Path, malformed: float = 0.0, duplicates: float = 0.05
) -> dict[str, Path]:
    """Write corpus-SIZE.bib/.ris/.json into `folder` (reused when already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"corpus-{size}" + (f"-malformed{malformed:g}" if malformed else "")
    paths = {ext: folder / f"{stem}.{ext}" for ext in ("bib", "ris", "json")}
    if all(path.exists() for path in paths.values()):
        return paths
    entries = make_entries(size, duplicates=duplicates, malformed=malformed)
    with paths["bib"].open("w", encoding="utf-8") as out:
        out.writelines(map(to_bibtex, entries))
    with paths["ris"].open("w", encoding="utf-8", newline="") as out:
        out.write("\ufeff")  # Zotero starts its RIS export with a BOM
        out.writelines(map(to_ris, entries))
    items = (json.dumps(to_csl(e), ensure_ascii=False, indent="\t") for e in entries)
    with paths["json"].open("w", encoding="utf-8") as out:
        out.write("[\n" + ",\n".join(items) + "\n]\n")
    return paths


def write_large(folder: Path, megabytes: int, formats: tuple[str, ...]) -> dict[str, int]:
    """Files of about `megabytes` MB each (the 10k corpus repeated under new
    keys) for the bounded-memory runs; returns the entry count per format."""
    block = make_entries(10_000)
    writers = {"bib": to_bibtex, "ris": to_ris}
    counts: dict[str, int] = {}
    for ext in formats:
        path = folder / f"large-{megabytes}mb.{ext}"
        tally = path.with_name(path.name + ".count")
        if path.exists() and tally.exists():  # written by an earlier run
            counts[ext] = int(tally.read_text(encoding="utf-8"))
            continue
        count = 0
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write("[\n" if ext == "json" else "")
            while out.tell() < megabytes * 1_000_000:
                for entry in block:
                    renamed = replace(entry, key=f"{entry.key}x{count}")
                    if ext == "json":
                        out.write(
                            ("" if count == 0 else ",\n")
                            + json.dumps(to_csl(renamed), ensure_ascii=False)
                        )
                    else:
                        out.write(writers[ext](renamed))
                    count += 1
            out.write("\n]\n" if ext == "json" else "")
        counts[ext] = count
        tally.write_text(str(count), encoding="utf-8")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, action="append", default=[])
    parser.add_argument("--malformed", type=float, default=0.0)
    parser.add_argument("--large-mb", type=int, default=0, help="write large-MBmb.* instead")
    parser.add_argument("--large-formats", nargs="+", default=["bib", "ris", "json"])
    parser.add_argument("--out", type=Path, default=Path("bench-corpus"))
    args = parser.parse_args()
    if args.large_mb:
        for ext, count in write_large(args.out, args.large_mb, tuple(args.large_formats)).items():
            print(f"{ext} {count}")
        return
    for size in args.size or [1000, 10000, 100000]:
        for ext, path in write_corpus(size, args.out, args.malformed).items():
            print(f"{ext}: {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
