"""Archived copies of cited sources: where each lives, the WARC file written and read, and what is missing. Pure.

A source's copy is kept in the repository as ``seeds/sources/<key>.warc.gz`` (beside
the captures the readings are made from, outside ``docs/``: its bytes are a
hostile page, never published as they are). ``readings sources archive`` fetches
the entry's ``URL`` with the fetch client and hands the ``Download`` to ``to_warc``:
one ``response`` record (the body as received, ``Content-Encoding`` undone, so the
headers kept say no encoding) and one ``metadata`` record holding the capture record
(``importers.record``: addresses, redirects, time, digest) as JSON. Record ids and
dates come from the capture, and gzip writes no time: the same capture gives the same
bytes. ``read_warc`` reads one back, checking the metadata as ``record.parse`` does and
the body against its digest. Whether a source is archived is read from these files
(their presence), never written into the contributor's ``sources.yaml``. An entry may
also name an outside copy with CSL's ``archive_location`` (an http(s) address, such as
a web.archive.org capture, whose date is read from its address) and ``archive``. Pure, but for ``archived_keys``,
which lists the folder.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from generator.bibliography import Bibliography, Entry
from generator.errors import InputError, Problem, error, warning
from generator.fetching.client import Download
from generator.fsutil import MAX_READ_BYTES
from generator.importers import record

SUFFIX = ".warc.gz"
MAX_BODY_BYTES = MAX_READ_BYTES  # the largest archived page read back (a WARC file from a pull request is hostile)
RECORD_TYPE = "application/json"  # the metadata record's content: the capture record, as ``record.dumps`` writes it
# A Wayback Machine address carries its capture time: /web/20171210123456/… (14 digits, or fewer, and a modifier).
WAYBACK_RE = re.compile(r"^https?://(?:web\.)?archive\.org/web/(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})\d{0,8}[a-z_]*/")


@dataclass(frozen=True)
class Archived:
    """An archived copy read back: how it was got, and the body as received."""

    key: str
    capture: record.CaptureRecord
    body: bytes


def warc_name(key: str) -> str:
    return f"{key}{SUFFIX}"


def key_of(path: Path) -> str | None:
    """The bibliography key a WARC file in ``seeds/sources/`` is named after, or None for any other file."""
    return path.name.removesuffix(SUFFIX) if path.name.endswith(SUFFIX) and len(path.name) > len(SUFFIX) else None


def archived_keys(folder: Path) -> set[str]:
    """The keys that have a WARC file in ``folder`` (``seeds/sources/``): the one place that says a source is archived."""
    return {key for path in folder.glob(f"*{SUFFIX}") if (key := key_of(path)) and path.is_file()} if folder.is_dir() else set()


def _record_id(capture: record.CaptureRecord, key: str, kind: str) -> str:
    digest = hashlib.sha256("\0".join((key, kind, capture.sha256, capture.retrieved, capture.final_url)).encode()).digest()
    return f"<urn:uuid:{uuid.UUID(bytes=digest[:16])}>"


def to_warc(key: str, download: Download) -> bytes:
    """The WARC file (gzip, one member a record) of one fetched page: its response, then its capture record."""
    capture = download.record
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    headers = [("Content-Type", capture.content_type)] if capture.content_type else []
    headers += [(name, value) for name, value in (("Date", capture.date), ("Last-Modified", capture.last_modified),
                                                  ("ETag", capture.etag)) if value]
    headers.append(("Content-Length", str(len(download.body))))
    response_id = _record_id(capture, key, "response")
    date = capture.retrieved  # ISO 8601, UTC, to the second: WARC-Date's own form
    response = writer.create_warc_record(
        capture.final_url, "response", payload=io.BytesIO(download.body), length=len(download.body),
        http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Record-ID": response_id, "WARC-Date": date})
    writer.write_record(response)
    text = record.dumps(capture).encode("utf-8")
    metadata = writer.create_warc_record(
        capture.final_url, "metadata", payload=io.BytesIO(text), length=len(text), warc_content_type=RECORD_TYPE,
        warc_headers_dict={"WARC-Record-ID": _record_id(capture, key, "metadata"), "WARC-Date": date,
                           "WARC-Concurrent-To": response_id})
    writer.write_record(metadata)
    return out.getvalue()


def read_warc(data: bytes, key: str, shown: str) -> Archived:
    """An archived copy from its WARC bytes; ``InputError`` located at ``shown`` if it is not one this tool wrote whole."""
    body: bytes | None = None
    capture: record.CaptureRecord | None = None
    try:
        for item in ArchiveIterator(io.BytesIO(data)):
            if item.rec_type == "response" and body is None:
                body = item.content_stream().read(MAX_BODY_BYTES + 1)  # a hostile file may inflate without end
                if len(body) > MAX_BODY_BYTES:
                    raise InputError(error(shown, 1, 1, f"the archived page is larger than {MAX_BODY_BYTES // (1024 * 1024)}"
                                           " MB once decompressed", "bad-archive"))
            elif item.rec_type == "metadata" and capture is None:
                capture = record.parse(item.content_stream().read(record.RECORD_MAX_BYTES).decode("utf-8"), shown)
            if body is not None and capture is not None:
                break
    except InputError:
        raise
    except Exception as exc:
        raise InputError(error(shown, 1, 1, f"not a readable WARC file: {str(exc).splitlines()[0] if str(exc) else exc!r}",
                               "bad-archive")) from exc
    if body is None or capture is None:
        raise InputError(error(shown, 1, 1, "the WARC file lacks its response or its capture record: archive the source"
                               " again (readings sources archive --again)", "bad-archive"))
    if hashlib.sha256(body).hexdigest() != capture.sha256:
        raise InputError(error(shown, 1, 1, "the archived page is not the one its capture record describes (its sha256"
                               " differs): archive the source again", "bad-archive"))
    return Archived(key, capture, body)


def outside_archive(entry: Entry) -> tuple[str, str] | None:
    """(address, ISO date or "") of the copy an entry's ``archive_location`` names at an outside archive, if it is an
    http(s) address; the date is read from a Wayback Machine address, never guessed otherwise."""
    where = str(entry.csl.get("archive_location", ""))
    if not where.startswith(("http://", "https://")):
        return None
    match = WAYBACK_RE.match(where)
    return where, (f"{match['y']}-{match['m']}-{match['d']}" if match else "")


def unknown_keys(keys: list[str], bibliography: Bibliography) -> list[Problem]:
    """One located line for each key that is not an entry of the bibliography, with the closest one."""
    problems = []
    for key in keys:
        if key not in bibliography:
            close = difflib.get_close_matches(key, sorted(bibliography.entries), n=1)
            problems.append(error(bibliography.path, 1, 1, f"no entry '{key}' in {bibliography.path}"
                                  + (f"; did you mean '{close[0]}'?" if close else ""), "unknown-source"))
    return problems


def unarchived_problems(bibliography: Bibliography, cited: set[str], archived: set[str]) -> list[Problem]:
    """A warning at the ``URL`` line of every cited entry whose address has no archived copy: neither a WARC file in
    ``seeds/sources/`` nor an ``archive_location`` address (``readings check --publish``)."""
    problems = []
    for key in sorted(cited):
        entry = bibliography.entries.get(key)
        if entry is None or "URL" not in entry.csl or key in archived or outside_archive(entry):
            continue
        problems.append(warning(bibliography.path, entry.fields.get("URL", entry.line), 1,
                                f"[{key}] the cited address has no archived copy: run `readings sources archive {key}`, or"
                                " give 'archive_location' (the address of a copy in a web archive)", "unarchived-source"))
    return problems
