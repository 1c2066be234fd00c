"""The desk's blocks of a reading page get the site's ``lang``/``dir``. Pure: HTML in, HTML out.

The reading template (overrides/partials/reading.html) puts the reading's
language and direction on its title and on ``.reading-body``, which holds the
rendered Markdown. Inside it, what the desk wrote is in the site's language
(``document.direction``: notes, editorial blocks, the legend, the references,
the detached notes, the "Removed from the capture" block's headings): the site
plugin passes the page's HTML (after the allowlist, ``site.sanitize``, so each
class named here is ours) through ``with_languages``, which gives those blocks
the site's ``lang`` and ``dir``. The capture's verbatim text inside the removed
block goes back to the reading's language, its direction read from the text
(``dir="auto"``). A reading in the site's own language is left as it is.
"""

from __future__ import annotations

import html
import re

from generator.document.direction import Languages

# The classes of the top-level blocks the desk writes (mdext, write.removed_block, the admonitions of editors).
DESK_CLASSES = frozenset({"admonition", "annotation-legend", "annotation-notes", "references", "detached", "removed"})
OPENING_RE = re.compile(r'<(div|section|details)((?: [a-z-]+="[^"]*")*)>')
CLASS_RE = re.compile(r' class="([^"]*)"')
REMOVED_RE = re.compile(r'(<details[^>]* class="removed"[^>]*>)(.*?)(</details>)', re.DOTALL)


def attributes(lang: str, direction: str) -> str:
    """`` lang="…" dir="…"``, escaped (the tags come from checked front-matter and configuration; escaped anyway)."""
    return f' lang="{html.escape(lang, quote=True)}" dir="{html.escape(direction, quote=True)}"'


def with_languages(page_html: str, langs: Languages) -> str:
    """``page_html`` (a reading's rendered body) with the site's lang/dir on each block the desk wrote."""
    if not langs.mixed:
        return page_html
    desk = attributes(langs.desk_lang, langs.desk_dir)

    def opening(match: re.Match[str]) -> str:
        tag, attrs = match.group(1), match.group(2)
        found = CLASS_RE.search(attrs)
        classes = found.group(1).split() if found else []
        if not classes or classes[0] not in DESK_CLASSES or " lang=" in attrs:
            return match.group(0)
        return f"<{tag}{attrs}{desk}>"

    marked = OPENING_RE.sub(opening, page_html)
    text = f' lang="{html.escape(langs.text_lang, quote=True)}" dir="auto"'
    # The capture's own words, kept verbatim in the removed block, are the reading's.
    return REMOVED_RE.sub(lambda m: m.group(1) + m.group(2).replace("<pre", f"<pre{text}") + m.group(3), marked)
