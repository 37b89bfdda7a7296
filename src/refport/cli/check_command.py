"""`refport check` — placeholder until the check command lands."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("check", help="check a reference list")
    parser.add_argument("inputs", nargs="+")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return 2
