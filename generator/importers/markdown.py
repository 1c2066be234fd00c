"""Importer for Markdown with YAML front-matter (for example, a capture made with a browser extension).

Known front-matter keys fill the reading's metadata; the front-matter itself
is kept verbatim in "Removed from the capture". The body's paragraphs are the
article, with the same repairs as every importer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from generator.document.capture import Capture, Removed
from generator.document.page import parse_page
from generator.errors import InputError, error
from generator.importers.common import blocks, link_texts, make_capture, repair_paragraphs

FRONT_MATTER_RE = re.compile(r"^---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)
# Front-matter names used by capture tools, mapped to ours.
ALIASES = {"title": "title", "author": "authors", "authors": "authors", "byline": "authors", "publisher": "publisher",
           "site": "publisher", "site_name": "publisher", "sitename": "publisher", "published": "published", "date": "published",
           "description": "description", "excerpt": "description", "url": "url", "source": "url", "canonical": "url",
           "language": "language", "lang": "language", "regions": "regions", "themes": "themes", "rights": "rights"}


def detect(text: str) -> bool:
    return bool(FRONT_MATTER_RE.match(text))


def _value(key: str, value: Any) -> Any:
    if key == "authors":
        return [str(a).strip() for a in value] if isinstance(value, list) else link_texts(str(value))
    if key in ("regions", "themes"):
        return [str(v).strip() for v in value] if isinstance(value, list) else link_texts(str(value))
    if key == "published":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    if key == "url":
        return str(value) if str(value).lower().startswith(("http://", "https://")) else None
    if key == "language":  # as written (``language: 5`` too): ``language.choose`` checks it, says so in the page's
        return str(value).strip() if isinstance(value, str | int | float) else None  # language_basis, and import warns
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else None


def parse(text: str, path: str, sha256: str) -> Capture:
    page = parse_page(text, path)
    if not isinstance(page.meta, dict):
        raise InputError(error(path, 2, 1, "front-matter must be a mapping", "front-matter"))
    meta: dict[str, Any] = {}
    language_line = 1
    for key, value in page.meta.items():
        ours = ALIASES.get(str(key).lower())
        if ours and ours not in meta and value is not None:
            meta[ours] = _value(ours, value)
            if ours == "language":
                language_line = page.key_lines.get(str(key), 1)
    parts = blocks(page.body)
    if parts and parts[0].text.startswith("# ") and "\n" not in parts[0].text:
        meta.setdefault("title", parts[0].text[2:].strip())
        parts = parts[1:]
    if not parts:
        raise InputError(error(path, page.body_line + 1, 1, "no article text after the front-matter", "no-body"))
    if not meta.get("title"):
        raise InputError(error(path, 1, 1, "no title: add 'title:' to the front-matter or start the text with '# Title'", "no-title"))
    paragraphs, repairs = repair_paragraphs(parts, join=False)
    removed = [Removed("Front-matter of the capture (its values are in this page's metadata)",
                       "\n".join(text.split("\n")[:page.body_line]).rstrip("\n"))]
    return dataclasses.replace(make_capture(path, sha256, meta, paragraphs, repairs, removed), language_line=language_line)


