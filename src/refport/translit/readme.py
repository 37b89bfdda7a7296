"""The README's scheme table, generated from the scheme tables themselves.

Generating it keeps the documentation from drifting away from the data: adding
or changing a scheme changes the table and its examples.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .languages import LANGUAGE_NAMES
from .romanize import romanize
from .schemes import ALL_SCHEMES

SAMPLES: Mapping[str, str] = MappingProxyType(
    {
        "ru": "Юрий Щукин, Макиенко",
        "uk": "Юрій Згурський",
        "sr": "Александар Божићевић",
        "bg": "Щерев, България",
        "be": "Магілёў, Гомель",
        "mk": "Ѓорѓе Ќосев",
    }
)
"""One real-looking sample per language, chosen to show the letters schemes disagree on."""


def scheme_table_markdown() -> str:
    """A Markdown table of every scheme: language, id, name, and a sample romanized."""
    lines = [
        "| language | id | scheme | example |",
        "| --- | --- | --- | --- |",
    ]
    for scheme in ALL_SCHEMES:
        sample = SAMPLES[scheme.language]
        lines.append(
            f"| {LANGUAGE_NAMES[scheme.language]} | `{scheme.id}` | {scheme.name} "
            f"| {sample} → {romanize(sample, scheme)} |"
        )
    return "\n".join(lines) + "\n"
