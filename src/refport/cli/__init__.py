"""The `refport` command: one sub-command per module, assembled here explicitly.

Each command module exposes `add_parser(subparsers)` and `run(args) -> int`.
Exit codes: 0 fine, 1 findings/failures the user asked to fail on, 2 usage or
read failure. No command lets a Python traceback reach the user.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from refport import __version__


def _command_modules() -> list[ModuleType]:
    from refport.cli import check_command, convert_command

    modules: list[ModuleType] = [convert_command, check_command]
    for optional in ("render_command", "zotero_command"):
        try:
            modules.append(__import__(f"refport.cli.{optional}", fromlist=["run"]))
        except ImportError:
            continue
    return modules


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="refport",
        description="Convert, check and render bibliographies (BibTeX, CSL-JSON, RIS, Zotero).",
    )
    parser.add_argument("--version", action="version", version=f"refport {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in _command_modules():
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except KeyboardInterrupt:
        print("refport: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: a message, never a traceback
        print(f"refport: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("refport: please report this with the input that caused it", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
