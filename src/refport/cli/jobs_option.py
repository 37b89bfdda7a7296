"""`--jobs N`, shared by the commands that can use several cores."""

from __future__ import annotations

import argparse
from typing import Any


def add_jobs_option(parser: Any, work: str) -> None:
    """`-j/--jobs N` for `work` (what the worker processes do): 0, the
    default, is one per usable core; 1 is one process."""
    parser.add_argument(
        "-j",
        "--jobs",
        type=job_count,
        default=0,
        metavar="N",
        help=f"worker processes for {work} (default: one per usable core; 1: one "
        "process); the output is the same either way",
    )


def job_count(text: str) -> int:
    """`--jobs`: 0 (one per usable core) or more."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or a positive number, not {text!r}")
    return jobs
