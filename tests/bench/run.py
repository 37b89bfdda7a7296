"""Benchmark refport against the tools people would otherwise use, in one run.

Every measurement is a separate process, best of `--repeat` runs, with its
peak RSS from the kernel (wait4) and a time limit (`--timeout`; a run that
hits it is reported as such). Peers are timed where installed: citation-js
(`--node-modules DIR` holding @citation-js/core and its bibtex, ris and csl
plugins), pandoc, pybtex, bibtexparser, rispy. Writes a Markdown table (and
the raw results as JSON beside it) with entries/s, peak RSS and the ratio to
citation-js of the same task, timed the same way.

    python -m tests.bench.run --sizes 1000 10000 100000 \\
        --node-modules scratch/node/node_modules --out bench-results.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.bench.corpus import write_corpus
from tests.bench.tasks import (
    CONVERSIONS,
    Task,
    Tools,
    check_tasks,
    conversion_tasks,
    memory_tasks,
    parse_tasks,
    render_tasks,
)


@dataclass(frozen=True)
class Result:
    task: str
    tool: str
    entries: int
    seconds: float | None  # None: timed out or failed
    peak_mb: float
    status: str = "ok"  # ok | timeout | failed
    cpu: float | None = None  # user + system seconds of the whole process (best run)

    @property
    def rate(self) -> float | None:
        return self.entries / self.seconds if self.seconds else None


def measure(task: Task, repeat: int, timeout: float) -> list[Result]:
    """Best time of `repeat` runs (with that run's CPU time) and the highest
    peak RSS; stops at the first run that times out or fails. Two rows when
    the task reports its own time and also wants its wall time."""
    runs: list[tuple[float, float, float]] = []  # reported-or-wall, wall, CPU
    peak = 0.0
    for _ in range(repeat):
        seconds, wall, cpu, peak_mb, status = _run_once(task, timeout)
        peak = max(peak, peak_mb)
        if status != "ok":
            names = [task.tool, *([task.also_process] if task.also_process else [])]
            return [Result(task.task, name, task.entries, None, peak, status) for name in names]
        runs.append((seconds, wall, cpu))
    best = min(runs)
    results = [Result(task.task, task.tool, task.entries, best[0], peak, cpu=best[2])]
    if task.also_process:
        fastest = min(runs, key=lambda run: run[1])
        results.append(
            Result(task.task, task.also_process, task.entries, fastest[1], peak, cpu=fastest[2])
        )
    return results


def _run_once(task: Task, timeout: float) -> tuple[float, float, float, float, str]:
    """Seconds (as reported, else wall), wall seconds, CPU seconds, peak RSS
    in MB, and the status."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        task.cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=task.env
    )
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    assert proc.stdout is not None
    output = proc.stdout.read() if task.reported else b""
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    timed_out = not timer.is_alive()
    timer.cancel()
    cpu, peak_mb = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
    if timed_out:
        return wall, wall, cpu, peak_mb, "timeout"
    if proc.returncode not in (0, 1):  # 1: check found problems / a strict failure
        return wall, wall, cpu, peak_mb, "failed"
    if not task.reported:
        return wall, wall, cpu, peak_mb, "ok"
    try:
        return float(output.decode().split()[-1]), wall, cpu, peak_mb, "ok"
    except (ValueError, IndexError):
        return wall, wall, cpu, peak_mb, "failed"


# --- the table --------------------------------------------------------------------


def _kind(tool: str) -> str:
    return "in-process" if "in-process" in tool else "process"


def citation_js_rate(results: Sequence[Result], row: Result) -> float | None:
    """citation-js's rate on the same task and size, timed the same way."""
    for other in results:
        if (
            other.tool.startswith("citation-js")
            and (other.task, other.entries) == (row.task, row.entries)
            and _kind(other.tool) == _kind(row.tool)
        ):
            return other.rate
    return None


def _cell(result: Result) -> tuple[str, str]:
    if result.seconds is None:
        return result.status, ""
    rate = result.rate or 0.0
    return f"{result.seconds:.2f}", f"{rate:,.0f}"


def _cpu(result: Result) -> str:
    return f"{result.cpu:.2f}" if result.cpu is not None else ""


def markdown(results: Sequence[Result]) -> str:
    lines = [
        "| task | entries | tool | seconds | entries/s | peak RSS (MB) | × citation-js "
        "| process CPU s |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in results:
        seconds, rate = _cell(row)
        reference = citation_js_rate(results, row)
        ratio = f"{row.rate / reference:.2f}" if row.rate and reference else ""
        lines.append(
            f"| {row.task} | {row.entries:,} | {row.tool} | {seconds} | {rate} | "
            f"{row.peak_mb:,.0f} | {ratio} | {_cpu(row)} |"
        )
    return "\n".join(lines) + "\n"


def _find(
    results: Sequence[Result], task: str, tool: str, entries: int | None = None
) -> Result | None:
    """The row of the largest size (or of `entries`) for a task and tool."""
    found = [r for r in results if r.task == task and r.tool == tool]
    found = [r for r in found if entries is None or r.entries == entries]
    return max(found, key=lambda r: r.entries) if found else None


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def conversion_targets(results: Sequence[Result]) -> list[str]:
    """One row per task, size and way of timing where citation-js ran too."""
    rows = []
    for row in results:
        if row.task not in CONVERSION_TASKS or not row.tool.startswith("refport (") or not row.rate:
            continue
        kind = _kind(row.tool)
        peer = next(
            (
                r
                for r in results
                if r.tool == f"citation-js ({kind})"
                and (r.task, r.entries) == (row.task, row.entries)
            ),
            None,
        )
        if peer is None:
            continue
        where = f"| {row.task} ≥ 2× citation-js ({kind}, {row.entries:,} entries) |"
        if peer.rate is None:
            rows.append(f"{where} citation-js: {peer.status} | yes |")
        else:
            ratio = row.rate / peer.rate
            rows.append(f"{where} {ratio:.2f}× | {_met(ratio >= 2)} |")
    return rows


def check_targets(results: Sequence[Result], sizes: Sequence[int]) -> list[str]:
    if len(sizes) < 2:
        return []
    small, large = min(sizes), max(sizes)
    low = _find(results, "check", "refport (process)", small)
    high = _find(results, "check", "refport (process)", large)
    if not (low and high and low.seconds and high.seconds):
        return []
    growth, limit = high.seconds / low.seconds, 1.2 * large / small
    return [
        f"| check {large:,} under 15 s | {high.seconds:.1f} s | {_met(high.seconds < 15)} |",
        f"| check time {large:,} ÷ {small:,} below {limit:g} | {growth:.1f} | "
        f"{_met(growth < limit)} |",
        f"| check peak RSS at {large:,} under 1 GB | {high.peak_mb:,.0f} MB | "
        f"{_met(high.peak_mb < 1024)} |",
    ]


def render_and_memory_targets(results: Sequence[Result]) -> list[str]:
    rows = []
    for row in results:
        if row.task.startswith("render") and row.tool.startswith("refport (") and row.rate:
            # like with like: a process against the peers' processes (pandoc runs
            # only as one), a library call against citation-js's library call
            peer_rates = [
                r.rate
                for r in results
                if r.task == row.task and r.rate and "refport" not in r.tool
                and _kind(r.tool) == _kind(row.tool)
            ]  # fmt: skip
            if peer_rates:
                ratio = row.rate / max(peer_rates)
                rows.append(
                    f"| {row.task}: no slower than citation-js and pandoc ({_kind(row.tool)}) | "
                    f"{ratio:.2f}× the fastest peer | {_met(ratio >= 1)} |"
                )
        if row.task.startswith("stream"):
            rows.append(f"| {row.task}: bounded memory | {row.peak_mb:,.0f} MB peak RSS | |")
    return rows


def targets(results: Sequence[Result], check_sizes: Sequence[int]) -> str:
    """The issue's targets, each with what this run measured."""
    rows = [
        "| target | measured | met |",
        "| --- | --- | --- |",
        *conversion_targets(results),
        *check_targets(results, check_sizes),
        *render_and_memory_targets(results),
    ]
    return "\n".join(rows) + "\n"


def machine() -> str:
    """nproc, CPU model, RAM and Python version of this machine."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text(encoding="utf-8").split("\n")[0].split()[1]
        ram = f"{int(memory) / 1024 / 1024:.0f} GiB"
    except OSError:
        ram = "?"
    return (
        f"{os.cpu_count()} cores ({cpu}), {ram} RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


# --- the run ----------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
CONVERSION_TASKS = frozenset(task for _, _, task, _ in CONVERSIONS)


def _generate(*args: str) -> str:
    """Run the corpus generator in its own process: a large corpus built in
    this process would stay in its memory, and every measured child, forked
    from it, would inherit that peak RSS (Linux keeps it across exec)."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.corpus", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def corpus(size: int, folder: Path) -> dict[str, Path]:
    _generate("--size", str(size), "--out", str(folder.resolve()))
    return write_corpus(size, folder)  # the files exist now: only their paths


def large_corpus(megabytes: int, formats: Sequence[str], folder: Path) -> dict[str, int]:
    output = _generate(
        "--large-mb", str(megabytes), "--large-formats", *formats, "--out", str(folder.resolve())
    )
    return {ext: int(count) for ext, count in (line.split() for line in output.splitlines())}


def run_tasks(tasks: Iterable[Task], repeat: int, timeout: float) -> list[Result]:
    results = []
    for task in tasks:
        for result in measure(task, repeat, timeout):
            results.append(result)
            seconds, rate = _cell(result)
            print(
                f"{task.entries:>8} {task.task:<32} {result.tool:<32} {seconds:>8} s "
                f"{rate:>10}/s {result.peak_mb:7.0f} MB",
                file=sys.stderr,
                flush=True,
            )
    return results


def main(argv: Sequence[str] | None = None) -> None:
    # refport runs as an installed package does: with its bytecode cache, even
    # where the environment says not to write one (each run would compile it).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--check-sizes", type=int, nargs="*", default=[10000, 100000])
    parser.add_argument("--render-size", type=int, default=1000)
    parser.add_argument("--memory-mb", type=int, default=0, help="also convert files this large")
    parser.add_argument("--memory-formats", nargs="+", default=["bib", "ris", "json"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-large", type=int, default=1, help="repeat for 100,000+ entries")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--node-modules", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("bench-corpus"))
    parser.add_argument(
        "--base", type=Path, help="another refport tree to time beside this one (refport before)"
    )
    parser.add_argument("--no-parse", action="store_true", help="skip the parse-only rows")
    parser.add_argument("--no-pandoc", action="store_true", help="do not time pandoc")
    parser.add_argument("--out", type=Path, default=Path("bench-results.md"))
    args = parser.parse_args(argv)

    tools = Tools.find(args.node_modules, pandoc=not args.no_pandoc, base=args.base)
    work = args.corpus
    work.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []

    def repeat_for(size: int) -> int:
        return int(args.repeat if size < 100_000 else args.repeat_large)

    def save() -> str:
        """The report so far (written after every group, so a cut run keeps it)."""
        report = render_report(results, tools, args, argv)
        args.out.write_text(report, encoding="utf-8")
        args.out.with_suffix(".json").write_text(
            json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        return report

    for size in args.sizes:
        paths = corpus(size, work)
        tasks = conversion_tasks(paths, size, tools, work)
        if not args.no_parse:
            tasks += parse_tasks(paths, size, tools)
        results += run_tasks(tasks, repeat_for(size), args.timeout)
        save()
    if args.render_size:
        paths = corpus(args.render_size, work)
        tasks = render_tasks(paths["json"], args.render_size, tools, work)
        results += run_tasks(tasks, args.repeat, args.timeout)
        save()
    for size in args.check_sizes:
        paths = corpus(size, work)
        results += run_tasks(check_tasks(paths, size, tools), repeat_for(size), args.timeout)
        save()
    if args.memory_mb:
        counts = large_corpus(args.memory_mb, args.memory_formats, work)
        large = {ext: work / f"large-{args.memory_mb}mb.{ext}" for ext in counts}
        results += run_tasks(memory_tasks(large, counts, tools), 1, args.timeout * 4)
    print(save())


def render_report(
    results: Sequence[Result], tools: Tools, args: argparse.Namespace, argv: Sequence[str] | None
) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in tools.versions().items())
    command = " ".join(["python -m tests.bench.run", *(argv if argv is not None else sys.argv[1:])])
    return (
        f"Machine: {machine()}.\n\nTools: {versions}.\n\nCommand: `{command}` (best of "
        f"{args.repeat}; {args.repeat_large} run at 100,000 entries and more; "
        f"{args.timeout:.0f} s limit per run).\n\n"
        f"{markdown(results)}\n{targets(results, args.check_sizes)}"
    )


if __name__ == "__main__":
    main()
