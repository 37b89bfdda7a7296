"""refport against citeproc-js, the reference CSL processor (what Zotero renders
with): the seed fixtures in five standard styles, every differing entry listed.

The list of differences is stored in tests/render/snapshots/differential/ and
compared, so a change in either processor shows up; regenerate with
REFPORT_UPDATE_SNAPSHOTS=1. Needs node and the npm package `citeproc`, installed
by .ci/run into .cache/node (or name another node_modules with
REFPORT_CITEPROC_JS); skipped otherwise.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import citeproc
import pytest

from refport.render import render_result
from refport.render.styles import read_style

from .conftest import ROOT, load_seed
from .test_standard_styles import FIXTURES, STANDARD_STYLES

SCRIPT = Path(__file__).with_name("citeproc_js_render.js")
SNAPSHOTS = Path(__file__).parent / "snapshots" / "differential"
LOCALES = Path(citeproc.__file__).parent / "data" / "locales"


def node_modules() -> Path | None:
    candidates = [os.environ.get("REFPORT_CITEPROC_JS", ""), str(ROOT / ".cache/node/node_modules")]
    for candidate in filter(None, candidates):
        if (Path(candidate) / "citeproc").is_dir():
            return Path(candidate)
    return None


MODULES = node_modules()
pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or MODULES is None,
    reason="citeproc-js not installed: run `npm install --prefix .cache/node citeproc@2.4.63`",
)


def citeproc_js(style: str, items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """citeproc-js's bibliography: (id, text) in its order."""
    return [(str(i), str(t)) for i, t in _run_js(style, items, [])["entries"]]


@functools.cache
def _seed_in_js(fixture: str, style: str) -> dict[str, Any]:
    """One node run per seed and style: the bibliography and the citations."""
    items = load_seed(fixture)
    return _run_js(style, items, clusters_for(items))


def _run_js(
    style: str, items: list[dict[str, Any]], clusters: list[list[tuple[str, str | None]]]
) -> dict[str, Any]:
    payload = {
        "style": read_style(style).data.decode("utf-8"),
        "items": items,
        "lang": "en-US",
        "locales": str(LOCALES),
        "clusters": clusters,
    }
    done = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps(payload),
        text=True,
        capture_output=True,
        check=True,
        timeout=120,
        env={**os.environ, "NODE_PATH": str(MODULES)},
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def differences(fixture: str, style: str) -> str:
    items = load_seed(fixture)
    ours = [(e.id, e.text) for e in render_result(items, style).entries]
    theirs = [(str(i), str(t)) for i, t in _seed_in_js(fixture, style)["entries"]]
    lines = []
    if [i for i, _ in ours] != [i for i, _ in theirs]:
        lines.append(f"ORDER refport:     {' '.join(i for i, _ in ours)}")
        lines.append(f"ORDER citeproc-js: {' '.join(i for i, _ in theirs)}")
    reference = dict(theirs)
    for key, text in ours:
        if reference.get(key) != text:
            lines += [
                f"ENTRY {key}",
                f"  refport:     {text}",
                f"  citeproc-js: {reference.get(key)}",
            ]
    same = sum(1 for key, text in ours if reference.get(key) == text)
    lines.insert(0, f"# {fixture} / {style}: {same}/{len(ours)} entries identical")
    return "\n".join(lines) + "\n"


def assert_listed_in_snapshot(listed: str, snapshot: Path) -> None:
    """The listed differences must equal the snapshot; a missing snapshot (or
    REFPORT_UPDATE_SNAPSHOTS set) writes it first, for review in the diff."""
    if os.environ.get("REFPORT_UPDATE_SNAPSHOTS") or not snapshot.exists():
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(listed, encoding="utf-8")
    assert listed == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("style", STANDARD_STYLES)
@pytest.mark.parametrize("fixture", FIXTURES)
def test_every_difference_from_citeproc_js_is_listed(fixture: str, style: str) -> None:
    assert_listed_in_snapshot(differences(fixture, style), SNAPSHOTS / f"{fixture}.{style}.txt")


def clusters_for(items: list[dict[str, Any]]) -> list[list[tuple[str, str | None]]]:
    """Every item cited alone (disambiguation shows), then several together
    (order, collapsing), one with a page locator."""
    keys = [str(item["id"]) for item in items]
    alone = [[(key, None)] for key in keys]
    return [
        *alone,
        [(k, None) for k in keys[:6]],
        [(keys[-1], "81"), (keys[0], None)],
        [(k, None) for k in reversed(keys[-8:])],
    ]


def citation_differences(fixture: str, style: str) -> str:
    items = load_seed(fixture)
    clusters = clusters_for(items)
    specs = [",".join(f"{k}@{loc}" if loc else k for k, loc in cluster) for cluster in clusters]
    ours = render_result(items, style, cite=specs).citations
    theirs = [str(text) for text in _seed_in_js(fixture, style)["citations"]]
    lines = [
        f"CITE {spec}\n  refport:     {a}\n  citeproc-js: {b}"
        for spec, a, b in zip(specs, ours, theirs, strict=True)
        if a != b
    ]
    same = len(specs) - len(lines)
    lines.insert(0, f"# {fixture} / {style}: {same}/{len(specs)} citations identical")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("style", STANDARD_STYLES)
@pytest.mark.parametrize("fixture", FIXTURES)
def test_every_citation_differing_from_citeproc_js_is_listed(fixture: str, style: str) -> None:
    listed = citation_differences(fixture, style)
    assert_listed_in_snapshot(listed, SNAPSHOTS / f"{fixture}.{style}.citations.txt")
