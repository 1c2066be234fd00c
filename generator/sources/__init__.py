"""Importers: read a seed file and turn it into a ``Capture``.

``load_seed`` reads and decodes the bytes, then asks each importer whether it
recognises the content (by content, not by extension) and hands it to the
first that does. Importers are pure: text in, ``Capture`` or ``InputError`` out.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

from generator.errors import InputError, error
from generator.model import Capture
from generator.sources import globalresearch


class Importer(Protocol):
    """What an importer module provides."""

    def detect(self, text: str) -> bool: ...

    def parse(self, text: str, path: str, sha256: str) -> Capture: ...


IMPORTERS: tuple[Importer, ...] = (globalresearch,)


def decode(data: bytes, path: str) -> str:
    """Decode seed bytes as UTF-8 (a BOM is allowed); anything else is an error, never mojibake."""
    if not data.strip():
        raise InputError(error(path, 1, 1, "the file is empty", "empty-seed"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(error(path, line, col, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", "encoding")) from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(error(path, line, 1, "the file holds NUL bytes: is it a binary file?", "binary-seed"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
    raise InputError(error(rel, 1, 1, "unrecognised seed format (expected a Global Research text export)", "unknown-format"))
