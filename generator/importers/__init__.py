"""Importers: read a seed file and turn it into a ``Capture``.

``load_seed`` reads and decodes the bytes, then asks each importer whether it
recognises the content (by content, not by extension) and hands it to the
first that does. Importers are pure: text in, ``Capture`` or ``InputError`` out.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

from generator.document.capture import Capture
from generator.errors import InputError, error
from generator.importers import globalresearch, html, markdown, plaintext
from generator.importers.encoding import decode_bytes


class Importer(Protocol):
    """What an importer module provides."""

    def detect(self, text: str) -> bool: ...

    def parse(self, text: str, path: str, sha256: str) -> Capture: ...


# Most specific first: the plain-text importer takes anything with a title line.
IMPORTERS: tuple[Importer, ...] = (globalresearch, html, markdown, plaintext)


def decode(data: bytes, path: str) -> str:
    """Seed bytes as text (see ``encoding.decode_bytes``)."""
    return decode_bytes(data, path)


def load_seed(path: Path, project: Path) -> Capture:
    """Read, decode and parse one seed file."""
    try:
        rel = path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(error(rel, 1, 1, f"cannot read the file: {exc.strerror}", "unreadable")) from exc
    return parse_text(data, rel)


def parse_text(data: bytes, rel: str) -> Capture:
    """Decode and parse seed bytes; ``rel`` is the seed's project-relative path."""
    text = decode(data, rel)
    digest = hashlib.sha256(data).hexdigest()
    for importer in IMPORTERS:
        if importer.detect(text):
            return importer.parse(text, rel, digest)
    raise InputError(error(rel, 1, 1, "unrecognised seed format: expected an HTML page, Markdown with front-matter,"
                           " a Global Research text export, or plain text with its title on the first line", "unknown-format"))
