"""Relative links between pages resolve to a file in the docs folder. Reads the file system, writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

from generator.document import read
from generator.document.page import Page
from generator.errors import Problem, error

LINK_RE = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
SCHEME_OR_ROOT_RE = re.compile(r"^[a-z][a-z0-9+.-]*:|^/", re.IGNORECASE)


def check_links(page: Page, path: Path, docs: Path) -> list[Problem]:
    """Relative links to other pages (and their anchors' files) resolve inside ``docs``."""
    problems: list[Problem] = []
    lines = page.body.split("\n")
    _editorial, code = read.block_regions(lines)
    for index, line in enumerate(lines):
        if index in code:
            continue
        for match in LINK_RE.finditer(line):
            target = match.group(1).split("#", 1)[0]
            if not target or SCHEME_OR_ROOT_RE.match(target):
                continue
            resolved = (path.parent / target).resolve()
            if not resolved.is_relative_to(docs.resolve()) or not resolved.exists():
                problems.append(error(page.path, index + 1 + page.body_line, match.start() + 1,
                                      f"link to '{match.group(1)}' does not resolve to a page in {docs.name}/", "broken-link"))
    return problems
