"""The `refport` command: one sub-command per module, assembled here explicitly.

Each command module exposes `add_parser(subparsers)` and `run(args) -> int`.
Exit codes: 0 fine, 1 findings/failures the user asked to fail on, 2 usage or
read failure. No command lets a Python traceback reach the user.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from refport import __version__

#: Command name -> the module that implements it, in the order help lists them.
COMMANDS = {
    "convert": "convert_command",
    "check": "check_command",
    "render": "render_command",
    "zotero": "zotero_command",
}
_REQUIRED = frozenset({"convert", "check"})  # the others may lack optional dependencies


def _command_modules(only: str | None = None) -> list[ModuleType]:
    """The command modules; with `only`, just that command's (start-up time:
    `refport convert` need not import the checks, rendering or an HTTP client)."""
    modules: list[ModuleType] = []
    for name, module in COMMANDS.items():
        if only is not None and name != only:
            continue
        try:
            modules.append(importlib.import_module(f"refport.cli.{module}"))
        except ImportError:
            if name in _REQUIRED:
                raise
    return modules


def _command_in(argv: Sequence[str]) -> str | None:
    """The command named by the first argument, if it is one (else None: all)."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="refport",
        description="Convert, check and render bibliographies (BibTeX, CSL-JSON, RIS, Zotero).",
    )
    parser.add_argument("--version", action="version", version=f"refport {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in _command_modules(only):
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_in(arguments))
    args = parser.parse_args(arguments)
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
