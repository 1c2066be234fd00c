"""Importers: read a seed file and turn it into a ``Capture``.

``load_seed`` reads and decodes the bytes, then asks each importer whether it
recognises the content (by content, not by extension) and hands it to the
first that does. Importers are pure: text in, ``Capture`` or ``InputError`` out.
A seed fetched from the web has a capture record beside it (``record``): the
charset its server declared decodes it, and its address and retrieval date
complete the capture's front-matter. A contributor's extraction override
(``override``) beside an HTML seed is applied by the HTML importer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from generator.document import language
from generator.document.capture import Capture
from generator.document.text import plain_text
from generator.errors import InputError, error, warning
from generator.fsutil import read_inside
from generator.importers import globalresearch, html, markdown, override, plaintext, record
from generator.importers.encoding import decode_bytes


class Importer(Protocol):
    """What an importer module provides."""

    def detect(self, text: str) -> bool: ...

    def parse(self, text: str, path: str, sha256: str) -> Capture: ...


# Most specific first: the plain-text importer takes anything with a title line.
IMPORTERS: tuple[Importer, ...] = (globalresearch, html, markdown, plaintext)


def seed_of(path: Path) -> Path | None:
    """The seed a file beside it belongs to (its capture record, its extraction override), or None."""
    for suffix in (record.RECORD_SUFFIX, override.OVERRIDE_SUFFIX):
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            return path.with_name(path.name.removesuffix(suffix))
    return None


def companions(seed: Path) -> list[Path]:
    """The files beside ``seed`` that are read with it (its capture record, its extraction override), if present."""
    return [p for p in (record.record_path(seed), override.override_path(seed)) if p.is_file()]


def is_seed(path: Path) -> bool:
    """Whether a file in a seeds folder is a seed: not hidden, and not a file read with its seed (``seed_of``)."""
    return not path.name.startswith(".") and seed_of(path) is None


def has_override(path: Path) -> bool:
    """Whether a contributor's extraction override sits beside the seed ``path``."""
    return override.override_path(path).exists()


def decode(data: bytes, path: str, transport: str | None = None) -> str:
    """Seed bytes as text (see ``encoding.decode_bytes``)."""
    return decode_bytes(data, path, transport)


def load_seed(path: Path, project: Path) -> Capture:
    """Read, decode and parse one seed file of the project whose root is ``project``, with its capture record when
    it was fetched from the web and its extraction override; each is read only from inside the project
    (``fsutil.read_inside``: no link out, no FIFO or device, a size cap)."""
    root, base = project.resolve(), Path(os.path.normpath(project.absolute()))
    path = Path(os.path.normpath(path.absolute()))
    if path.is_relative_to(base):  # the project named through a link: the same files, under its real root
        path = root / path.relative_to(base)
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.as_posix()
    try:
        data = read_inside(path, root, rel, "bad-seed-path")
    except OSError as exc:
        raise InputError(error(rel, 1, 1, f"cannot read the file: {exc.strerror}", "unreadable")) from exc
    return parse_text(data, rel, record.load(path, rel, root), override.load(path, rel, root))


def parse_text(data: bytes, rel: str, capture_record: record.CaptureRecord | None = None,
               fix: override.ExtractionOverride | None = None) -> Capture:
    """Decode and parse seed bytes; ``rel`` is the seed's project-relative path, ``capture_record`` how it was fetched,
    ``fix`` a contributor's extraction override."""
    digest = hashlib.sha256(data).hexdigest()
    if capture_record and capture_record.sha256 != digest:
        raise InputError(error(rel + record.RECORD_SUFFIX, 1, 1, "the capture record describes other bytes than the seed's"
                               " (its sha256 differs): the seed was changed after it was fetched; fetch it again, or delete"
                               " the record if the seed was saved by hand", "bad-record"))
    text = decode(data, rel, capture_record.charset if capture_record else None)
    for importer in IMPORTERS:
        if importer.detect(text):
            if fix and importer is not html:
                raise InputError(error(fix.path, 1, 1, "extraction overrides apply to web pages (HTML seeds) only: this seed"
                                       " is text, so its article is what it holds", "bad-override"))
            capture = html.parse(text, rel, digest, fix) if fix else importer.parse(text, rel, digest)
            if fix:
                capture = dataclasses.replace(capture, meta=dataclasses.replace(capture.meta,
                                                                                extraction_override=override.as_front_matter(fix)))
            capture = with_record(capture, capture_record) if capture_record else capture
            return with_language(capture, DECLARED_BY.get(getattr(importer, "__name__", ""), "the seed"),
                                 capture_record.content_language if capture_record else "", rel + record.RECORD_SUFFIX)
    raise InputError(error(rel, 1, 1, "unrecognised seed format: expected an HTML page, Markdown with front-matter,"
                           " a Global Research text export, or plain text with its title on the first line", "unknown-format"))


# Where each importer's declared language comes from, as the page's language_basis says it.
DECLARED_BY = {html.__name__: "the page's html lang attribute", markdown.__name__: "the seed's front-matter 'language'"}


RECORD_LANGUAGE = "the server's Content-Language (capture record)"


def with_language(capture: Capture, where: str, content_language: str = "", record_path: str = "") -> Capture:
    """The capture's ``language`` and ``language_basis``, chosen (``language.choose``) from the capture record's
    Content-Language, then the tag the seed declares, then the article text; each declaration the choice overruled
    is a located warning (on the seed's declaring line, or the record's first) for import to print."""
    declared = [(RECORD_LANGUAGE, content_language), (where, capture.declared_language[1])]
    choice = language.choose([(w, tag) for w, tag in declared if tag.strip()], plain_text(capture.article_text()))
    meta = dataclasses.replace(capture.meta, language=choice.language, language_basis=choice.basis)
    found = [warning(record_path or capture.source, 1, 1, issue.message, issue.code) if issue.where == RECORD_LANGUAGE
             else warning(capture.source, capture.language_line, 1, issue.message, issue.code) for issue in choice.issues]
    return dataclasses.replace(capture, meta=meta, warnings=[*capture.warnings, *found])


def _site(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def with_record(capture: Capture, capture_record: record.CaptureRecord) -> Capture:
    """The capture's front-matter completed from its record: ``url`` is the address the page gives for itself
    (canonical link or og:url) when it is on the site the fetch ended at, else that final address (a page may not
    vouch for another site); ``retrieved`` is the record's date."""
    own = capture.meta.url
    url = own if own and _site(own) == _site(capture_record.final_url) else capture_record.final_url
    meta = dataclasses.replace(capture.meta, url=url, retrieved=capture_record.retrieved_date)
    return dataclasses.replace(capture, meta=meta)
