"""Raw HTML in a page's Markdown: a warning; executable HTML and script URLs: errors. Pure."""

from __future__ import annotations

import re

from generator.document import read
from generator.document.page import Page
from generator.errors import Problem, error, warning

TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>")
EVENT_ATTR_RE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
BAD_URL_RE = re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data):", re.IGNORECASE)
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "link", "meta", "base", "form"}


def check_html(page: Page) -> list[Problem]:
    """Raw HTML is a warning; executable HTML and script URLs are errors."""
    problems: list[Problem] = []
    lines = page.body.split("\n")
    _editorial, code = read.block_regions(lines)
    for index, line in enumerate(lines):
        if index in code:
            continue  # shown as text, never run
        number = index + 1 + page.body_line
        for match in TAG_RE.finditer(line):
            tag = match.group(2).lower()
            col = match.start() + 1
            if tag in DANGEROUS_TAGS or EVENT_ATTR_RE.search(match.group(0)):
                problems.append(error(page.path, number, col, f"executable or unsafe HTML <{tag}> is not allowed", "unsafe-html"))
            elif not match.group(0).startswith("<!--"):
                problems.append(warning(page.path, number, col, f"raw HTML <{tag}>: use Markdown instead", "raw-html"))
        for match in BAD_URL_RE.finditer(line):
            problems.append(error(page.path, number, match.start() + 1, f"{match.group(1).lower()}: links are not allowed", "unsafe-url"))
    return problems
