"""README blocks generated from the code's own tables, so the README cannot drift.

The README marks each block with `<!-- BEGIN generated:NAME -->` ...
`<!-- END generated:NAME -->`; `python -m refport.docs README.md` rewrites them
and a test fails when the committed README differs from what this produces.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path


def _generators() -> dict[str, Callable[[], str]]:
    from refport.formats import bibtex, csljson, ris

    generators: dict[str, Callable[[], str]] = {
        "bibtex-mapping": bibtex.mapping_table_markdown,
        "csljson-mapping": csljson.mapping_table_markdown,
        "ris-mapping": ris.mapping_table_markdown,
        "ris-zotero-types": ris.zotero_mapping_table_markdown,
    }
    from refport.checks.report import check_example_markdown, codes_table_markdown

    generators["check-codes"] = codes_table_markdown
    generators["check-example"] = check_example_markdown
    from refport.online import online_codes_markdown

    generators["online-codes"] = online_codes_markdown
    return generators


def render_blocks() -> dict[str, str]:
    return {name: make().strip() for name, make in _generators().items()}


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- BEGIN generated:{re.escape(name)} -->\n)"
        rf"(?:.*?\n)??(<!-- END generated:{re.escape(name)} -->)",
        re.DOTALL,
    )


def update(readme: str) -> str:
    """The README text with every generated block it marks brought up to date."""
    for name, body in render_blocks().items():
        readme = _pattern(name).sub(_replacement(body), readme)
    return readme


def _replacement(body: str) -> Callable[[re.Match[str]], str]:
    return lambda match: match.group(1) + body + "\n" + match.group(2)


def stale_blocks(readme: str) -> list[str]:
    """Names of marked blocks whose text differs from the generated one."""
    return [
        name
        for name, body in render_blocks().items()
        if (match := _pattern(name).search(readme)) is None
        or match.group(0) != match.group(1) + body + "\n" + match.group(2)
    ]


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "README.md")
    path.write_text(update(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
