"""What Zotero's translate layer does to every item an import translator makes,
whichever translator (RIS.js, BibTeX.js, CSL JSON.js) made it.

From zotero/translate `src/translation/translate.js` (commit 017253c,
`Zotero.Translate.Sandbox.Base._itemDone` and `_cleanTitle`), seen at work
with Zotero's translation-server: every text field is trimmed (JavaScript's
`trim`); a book's or book section's title loses a trailing ": a novel"; and a
short title equal to the title is deleted. The `--for zotero` writers account
for it: a value it would change also goes to Extra exactly, a short title
equal to the title goes to Extra instead.
"""

from __future__ import annotations

import re
from typing import Final

from refport.formats.ris_zotero_values import JS_SPACE, js_trim

_SPACE: Final = re.escape(JS_SPACE)
#: `_cleanTitle`: applied to book and book section titles only.
NOVEL_SUFFIX: Final = re.compile(rf"[{_SPACE}]*:[{_SPACE}]*a novel[{_SPACE}]*$", re.IGNORECASE)
NOVEL_TYPES: Final = frozenset({"book", "bookSection"})


def stored_text(value: str) -> str:
    """A text field as Zotero stores it after the translate layer."""
    return js_trim(value)


def stored_title(title: str, item_type: str) -> str:
    """The `title` field (the field named so, not `caseName`) as Zotero stores it."""
    title = js_trim(title)
    return NOVEL_SUFFIX.sub("", title) if item_type in NOVEL_TYPES else title


def keeps_short_title(short_title: str, title: str | None) -> bool:
    """Zotero deletes a short title equal to the item's `title` field (None:
    the item has none, as a case, whose title is `caseName`)."""
    return js_trim(short_title) != title
