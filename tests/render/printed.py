"""The reference lists printed in the seed articles, as comparable entries.

The seed texts are Markdown conversions of the PDFs: `*…*` marks italics, `\\_`
escapes an underscore, and a page break splits an entry into two bullets (or
leaves a bullet off). An entry is complete when it ends with ".", ">", a digit
or a URL; an incomplete one is joined with the next line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

PRINTED: Final = Path(__file__).resolve().parents[2] / "fixtures" / "render" / "printed"
_COMPLETE: Final = re.compile(r"([.>\d]|https?://\S+)$")
#: Normalisation applied to printed and rendered text alike. Straight and curly
#: double/single quotes are one character here because the Markdown conversion
#: of the PDFs mixes them within one list; „ and « stay distinct.
_QUOTES: Final = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def normalise(text: str) -> str:
    text = re.sub(r"\\([\\_*$`\[\]])", r"\1", text.replace("*", ""))
    text = text.replace("\\", "").translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def printed_entries(path: Path, heading: str) -> list[str]:
    """The printed entries after `heading`, page-break fragments joined."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == heading)
    entries: list[str] = []
    for raw in lines[start + 1 :]:
        line = raw.strip()
        if not line:
            continue
        if line.startswith(("**", "#")):
            break
        text = line[2:] if line.startswith("- ") else line
        if entries and not _COMPLETE.search(entries[-1]):
            entries[-1] = f"{entries[-1]} {text}"
        else:
            entries.append(text)
    return entries
