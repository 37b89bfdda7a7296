"""A model of what Zotero's translate layer does to every imported item,
whichever import translator made it (zotero/translate `translate.js`,
`Zotero.Translate.Sandbox.Base._itemDone` and `_cleanTitle`): text fields
trimmed (JavaScript's `trim`) and dropped when empty, ": a novel" taken off a
book's or book section's `title`, and a short title equal to the title deleted.
"""

from __future__ import annotations

import re

JS_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_TRIM = re.compile(f"^[{JS_SPACE}]+|[{JS_SPACE}]+$")
NOVEL = re.compile(f"[{JS_SPACE}]*:[{JS_SPACE}]*a novel[{JS_SPACE}]*$", re.IGNORECASE)


def item_done(item_type: str, fields: dict[str, str], title_field: str = "title") -> dict[str, str]:
    """The item's text fields after `_itemDone`. `title_field`: where the
    translator's `title` is, when the fields are already resolved to the item
    type's own names (`itemFromCSLJSON` sets `title`, saved as a case's `caseName`)."""
    done = {name: JS_TRIM.sub("", value) for name, value in fields.items()}
    done = {name: value for name, value in done.items() if value}
    title = done.get(title_field)
    if title:
        if item_type in ("book", "bookSection"):
            title = done[title_field] = NOVEL.sub("", title)
        if done.get("shortTitle") == title:
            del done["shortTitle"]
    return done
