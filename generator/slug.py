"""Slugs: short, readable, ASCII, stable names derived from titles.

Titles in any script are transliterated with anyascii (ISC licence): "Путин посетил Сирию"
becomes "putin-posetil-siriyu"; characters of scripts written without spaces (Chinese,
Japanese) become one word each.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Container

from anyascii import anyascii

MAX_LENGTH = 60
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # what slugify makes, and all a slug given on the command line may be
# Windows device names: a page must be checkout-able everywhere.
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def _ascii(text: str) -> str:
    out = []
    for char in unicodedata.normalize("NFKC", text):
        if char.isascii():
            out.append(char)
        elif unicodedata.east_asian_width(char) in ("W", "F") and unicodedata.category(char).startswith("L"):
            out.append(f" {anyascii(char)} ")  # one syllable a character: keep them apart
        else:
            out.append(anyascii(char))
    return "".join(out)


def slugify(text: str, max_length: int = MAX_LENGTH) -> str:
    """ASCII, lowercase, hyphen-separated, cut at a word boundary; never empty."""
    text = _ascii(text).lower()
    text = re.sub(r"['’]", "", text)
    words = re.findall(r"[a-z0-9]+", text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_length]
    if not slug or slug in RESERVED:
        slug = "reading-" + hashlib.sha256(text.encode()).hexdigest()[:8] if not slug else f"{slug}-page"
    return slug


SUFFIX_LENGTHS = (6, 8, 10, 12, 16, 24, 32, 64)  # hex digits: short while that is unique, longer when not


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def disambiguate(slug: str, key: str, taken: Container[str] = ()) -> str:
    """A different, deterministic slug for a second page with the same title, not in ``taken``.

    The suffix comes from ``key`` (the seed path), so it does not depend on the order in which seeds are imported:
    six hex digits of its hash, more when those give a slug already taken (two paths whose hashes share their first
    digits), and a counter past the whole hash, so the result is unique by construction.
    """
    digest = _digest(key)
    for length in SUFFIX_LENGTHS:
        candidate = f"{slug}-{digest[:length]}"
        if candidate not in taken:
            return candidate
    count = 2
    while f"{slug}-{digest}-{count}" in taken:
        count += 1
    return f"{slug}-{digest}-{count}"
