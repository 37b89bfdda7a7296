"""The table of where each model field lands in Zotero, per export path.

Every cell is asked of the writers (`probes`): for each unit (an item type,
or a CSL type, or a role in an item type) a reference holding the field is
written beside one without it, and the difference says where the value went.
The answers are grouped per cell, best status first; `importers.REMARKS` adds
why. So the table cannot drift from the writers, and the tests check each
answer against models of Zotero's importers.

`python -m refport.zotero.landing README.md` refreshes the table in a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Final

from refport.zotero.importers import LOST, REMARKS, STATUSES
from refport.zotero.probes import PATHS, Condition, Row, Spot, Unit, rows, spot

PATH_TITLES: Final = {
    "zotero": "Zotero JSON (`-t zotero`, push)",
    "ris": "RIS `--for zotero`",
    "bibtex": "BibTeX `--for zotero`",
    "csljson": "CSL-JSON `--for zotero`",
}
#: Units named in a cell when a group has at most this many (else counted).
NAMED_UNITS: Final = 3


@dataclass(frozen=True)
class Cell:
    """One path's answer for one row: a spot per unit, and per condition."""

    row: Row
    path: str
    spots: tuple[Spot, ...]  # in `row.units` order
    conditions: tuple[tuple[Condition, tuple[Spot, ...]], ...]

    def statuses(self) -> set[str]:
        return {s.status for s in self.spots}


def units_of(row: Row, condition: Condition | None = None) -> Iterator[Unit]:
    """The row's units, or the same units probed with a condition's value."""
    for unit in row.units:
        if condition is None:
            yield unit
        else:
            base = unit.base.with_changes(**condition.changes) if condition.around else unit.base
            yield Unit(unit.label, base, unit.probe.with_changes(**condition.changes))


@cache
def cell(row_name: str, path: str) -> Cell:
    row = next(r for r in rows() if r.name == row_name)
    spots = tuple(spot(path, row, u.base, u.probe) for u in units_of(row))
    conditions = tuple(
        (condition, tuple(spot(path, row, u.base, u.probe) for u in units_of(row, condition)))
        for condition in row.conditions
    )
    return Cell(row, path, spots, conditions)


def render_spots(row: Row, labels: list[str], spots: list[Spot]) -> str:
    """`**kept** (13 item types): `T2` (11 item types), `C3` (conferencePaper); **in Extra** …`."""
    groups: dict[tuple[str, str], list[str]] = {}
    for label, found in zip(labels, spots, strict=True):
        groups.setdefault((found.status, found.where), []).append(label)
    by_status: dict[str, list[tuple[str, list[str]]]] = {}
    for (status, where), members in groups.items():
        by_status.setdefault(status, []).append((where, members))
    parts = []
    for status in sorted(by_status, key=STATUSES.index):
        wheres = sorted(by_status[status], key=lambda entry: -len(entry[1]))
        members = [label for _, group in wheres for label in group]
        head = f"**{status}**" + (_scope(row, labels, members) if len(by_status) > 1 else "")
        shown = [where + (_scope(row, members, group) if len(wheres) > 1 else "")
                 for where, group in wheres]  # fmt: skip
        parts.append(f"{head}: " + ", ".join(shown))
    return "; ".join(parts)


def _scope(row: Row, labels: list[str], members: list[str]) -> str:
    """Which of `labels` the members are: none said for all, named when few."""
    if len(members) == len(labels):
        return ""
    if len(members) <= NAMED_UNITS:
        return " (" + ", ".join(members) + ")"
    return f" ({len(members)} {row.noun})"


def render_cell(found: Cell) -> str:
    row = found.row
    labels = [unit.label for unit in row.units]
    text = render_spots(row, labels, list(found.spots))
    for condition, spots in found.conditions:
        differs = [i for i, (a, b) in enumerate(zip(found.spots, spots, strict=True)) if a != b]
        if differs:
            shown = render_spots(row, [labels[i] for i in differs], [spots[i] for i in differs])
            text += f"; *{condition.text}*: {shown}"
    remark = REMARKS.get((row.name, found.path))
    return f"{text} — {remark}" if remark else text


def landing_table_markdown() -> str:
    """The README table: model field × export path -> kept / in Extra / child note / lost."""
    header = "| model field | " + " | ".join(PATH_TITLES[p] for p in PATHS) + " |"
    lines = [header, "|" + " --- |" * (len(PATHS) + 1)]
    for row in rows():
        cells = [render_cell(cell(row.name, path)).replace("|", "\\|") for path in PATHS]
        lines.append("| " + " | ".join([row.label, *cells]) + " |")
    return "\n".join(lines) + "\n"


def lost_anywhere(path: str) -> list[str]:
    """The rows a path loses for some unit (none for the Zotero JSON path)."""
    return [row.name for row in rows() if LOST in cell(row.name, path).statuses()]


TABLE_START: Final = "<!-- landing-table:start (generated by refport.zotero.landing) -->"
TABLE_END: Final = "<!-- landing-table:end -->"


def with_table(document: str) -> str:
    """`document` with the text between the table markers regenerated."""
    head, _, rest = document.partition(TABLE_START)
    _, _, tail = rest.partition(TABLE_END)
    return f"{head}{TABLE_START}\n{landing_table_markdown()}{TABLE_END}{tail}"


if __name__ == "__main__":  # python -m refport.zotero.landing FILE: refresh the table in FILE
    import sys
    from pathlib import Path

    target = Path(sys.argv[1])
    target.write_text(with_table(target.read_text(encoding="utf-8")), encoding="utf-8")
