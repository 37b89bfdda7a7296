"""Record IDs: an explicit ID is claimed (duplicates reported by the reader);
a record without one gets "family" + year, made unique with letters
("dvorak2020", "dvorak2020a" ...), as most exporters write no ID."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from refport.model import Creator, Date


@dataclass
class IdRegistry:
    """The IDs seen so far in one file: reports duplicates, makes new IDs unique."""

    lines: dict[str, int] = field(default_factory=dict)

    def claim(self, key: str, line: int) -> int | None:
        """Record an explicit ID; returns the line of an earlier use, if any."""
        earlier = self.lines.get(key)
        if earlier is None:
            self.lines[key] = line
        return earlier

    def generate(self, base: str, line: int) -> str:
        candidate, counter = base, 0
        while candidate in self.lines:
            counter += 1
            candidate = base + _letters(counter)
        self.lines[candidate] = line
        return candidate


def _letters(number: int) -> str:
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def generated_id(names: dict[str, list[Creator]], values: dict[str, object]) -> str:
    """First creator's family name (or the title's first word) + year."""
    head = ""
    for found in names.values():
        if found:
            first = found[0].name
            head = first.family or (first.literal or "").split(" ")[0] or first.given or ""
            break
    if not head:
        title = values.get("title")
        head = title.split()[0] if isinstance(title, str) and title.split() else "ref"
    issued = values.get("issued")
    year = issued.year if isinstance(issued, Date) and issued.year is not None else None
    return slug(head) + (str(year) if year is not None else "nd")


def slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))
    return kept.lower() or "ref"
