"""Run the CSL processor test-suite through refport's renderer (on demand).

    git clone https://github.com/citation-style-language/test-suite /tmp/csl-test-suite
    .venv/bin/python -m tests.render.csl_test_suite /tmp/csl-test-suite [--engine citeproc-py]

Prints passed/total per category (the file-name prefix before "_") and the
total. `--engine citeproc-py` runs citeproc-py 0.11 alone, for comparison.
Not part of the default test run: the suite's fixtures are not committed.

Both engines render a whole document at once: a CITATIONS test is the
document its last step leaves (see `document`), and the `..`/`>>` markers with
which its result flags the citations citeproc-js re-rendered in its last
incremental update are not compared. Cite items (prefix, suffix, locator and
label included) go to the engines as CSL citation items; items without an id
get the suite's "ITEM-n". Cites synthesised for a test without
CITATION-ITEMS or CITATIONS follow the bibliography order, as the suite's
README says they are made. refport treats its input as the reference list
(every item is in the bibliography and takes part in disambiguation); a suite
test's input is a database of which only the cited items count, so citation
tests are given the cited items only.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n(.*?)\n<<=+ \1 =+<<", re.S)
UNSUPPORTED_SECTIONS = ("BIBSECTION", "BIBENTRIES", "ABBREVIATIONS")


def parse(path: Path) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in SECTION.finditer(path.read_text(encoding="utf-8"))}


def normalise(html: str) -> str:
    html = html.replace("&lt;", "&#60;").replace("&gt;", "&#62;")  # the same characters
    html = html.replace("&amp;", "&#38;").replace("&", "&#38;").replace("&#38;#38;", "&#38;")
    html = re.sub(r"^(?:\.\.|>>)\[", "[", html, flags=re.M)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def clusters(test: dict[str, str], items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    if "CITATIONS" in test:
        return [c["citationItems"] for c in document(json.loads(test["CITATIONS"]))]
    if "CITATION-ITEMS" in test:
        return list(json.loads(test["CITATION-ITEMS"]))
    return [[{"id": item["id"]} for item in items]]


def document(steps: list[list[Any]]) -> list[dict[str, Any]]:
    """The citations of a CITATIONS test in their final document order: each
    step is [citation, citations before it, citations after it] (by
    citationID), and a later citation with the same ID replaces the earlier."""
    latest = {step[0]["citationID"]: step[0] for step in steps}
    citation, before, after = steps[-1]
    order = [pair[0] for pair in before] + [citation["citationID"]] + [p[0] for p in after]
    return [latest[cid] for cid in order if cid in latest]


def refport_engine(
    style: str,
    items: list[dict[str, Any]],
    mode: str,
    groups: list[list[dict[str, Any]]],
    synthesised: bool = False,
) -> list[str]:
    from refport.render import render_result

    if mode == "bibliography" or synthesised:
        entries = render_result(items, style, format="html").entries
        if mode == "bibliography":
            return [e.text for e in entries]
        if entries:
            groups = [[{"id": e.id} for e in entries]]
    cited = {str(cite["id"]) for group in groups for cite in group}
    items = [item for item in items if str(item["id"]) in cited]
    return list(render_result(items, style, format="html", cite=groups).citations)


def citeproc_py_engine(
    style: str,
    items: list[dict[str, Any]],
    mode: str,
    groups: list[list[dict[str, Any]]],
    synthesised: bool = False,
) -> list[str]:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        Locator,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    bib = CitationStylesBibliography(
        CitationStylesStyle(style, validate=False), CiteProcJSON(items), formatter.html
    )
    citations = []
    for group in groups:
        cites = [
            CitationItem(
                str(c["id"]),
                **(
                    {"locator": Locator(c.get("label", "page"), c["locator"])}
                    if c.get("locator")
                    else {}
                ),
                **{affix: c[affix] for affix in ("prefix", "suffix") if c.get(affix)},
            )
            for c in group
        ]
        citation = Citation(cites)
        bib.register(citation)
        citations.append(citation)
    if mode == "bibliography":
        return [str(e) for e in bib.bibliography()]
    return [str(bib.cite(c, lambda item: None)) for c in citations]


def expected_output(mode: str, lines: list[str], test: dict[str, str]) -> str:
    if mode == "bibliography":
        body = "".join(f'<div class="csl-entry">{line}</div>' for line in lines)
        return f'<div class="csl-bib-body">{body}</div>'
    if "CITATIONS" in test:
        last = len(lines) - 1
        return "\n".join(
            f"{'>>' if i == last else '..'}[{i}] {line}" for i, line in enumerate(lines)
        )
    return "\n".join(lines)


def _timeout(signum: int, frame: Any) -> None:
    raise TimeoutError


def run_one(path: Path, engine: Callable[..., list[str]]) -> bool:
    test = parse(path)
    mode = test.get("MODE", "").strip()
    if mode not in ("citation", "bibliography") or any(s in test for s in UNSUPPORTED_SECTIONS):
        return False
    items = [
        {"id": f"ITEM-{n}", **item} for n, item in enumerate(json.loads(test["INPUT"]), start=1)
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".csl", delete=False, encoding="utf-8") as f:
        f.write(test["CSL"])
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(10)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            synthesised = "CITATIONS" not in test and "CITATION-ITEMS" not in test
            lines = engine(f.name, items, mode, clusters(test, items), synthesised)
        return normalise(expected_output(mode, lines, test)) == normalise(test["RESULT"])
    except Exception:
        return False
    finally:
        signal.alarm(0)
        Path(f.name).unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suite", type=Path)
    parser.add_argument("--engine", choices=("refport", "citeproc-py"), default="refport")
    parser.add_argument("--failures", action="store_true", help="list the failing tests")
    args = parser.parse_args(argv)
    engine = refport_engine if args.engine == "refport" else citeproc_py_engine
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for path in sorted((args.suite / "processor-tests" / "humans").glob("*.txt")):
        category = path.stem.split("_")[0]
        total[category] += 1
        if run_one(path, engine):
            passed[category] += 1
        elif args.failures:
            print(f"FAIL {path.stem}", file=sys.stderr)
    print("| category | passed | total |\n|---|---:|---:|")
    for category in sorted(total):
        print(f"| {category} | {passed[category]} | {total[category]} |")
    share = sum(passed.values()) / max(1, sum(total.values()))
    print(f"| **all** | **{sum(passed.values())}** | **{sum(total.values())}** ({share:.0%}) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
