"""Archived copies of cited sources: where each lives, the WARC file written and read, and what is missing. Pure.

A source's copy is kept in the repository as ``seeds/sources/<key>.warc.gz`` (beside
the captures the readings are made from, outside ``docs/``: its bytes are a
hostile page, never published as they are). ``readings sources archive`` fetches
the entry's ``URL`` with the fetch client and hands the ``Download`` to ``to_warc``:
one ``response`` record (the body as received, ``Content-Encoding`` undone, so the
headers kept say no encoding) and one ``metadata`` record holding the capture record
(``importers.record``: addresses, redirects, time, digest) as JSON. Record ids and
dates come from the capture, and gzip writes no time: the same capture gives the same
bytes. ``read_warc`` reads one back within fixed bounds (a WARC file from a pull request
is hostile: it is inflated through a size-limited stream, each header block is capped,
and only those two records are accepted), checking the metadata as ``record.parse`` does
and the body against its digest; ``address_problem`` says when it was captured from
another address than its entry's. File names come from keys by ``file_stem`` (':' is
written '--'; ``name_clashes`` refuses two keys that come out the same). Whether a source is archived is read from these files
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
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from generator.bibliography import Bibliography, Entry
from generator.document.addresses import normalised_address
from generator.errors import InputError, Problem, error, warning
from generator.fetching.client import Download
from generator.fsutil import MAX_READ_BYTES
from generator.importers import record

SUFFIX = ".warc.gz"
MAX_BODY_BYTES = MAX_READ_BYTES  # the largest archived page read back (a WARC file from a pull request is hostile)
MAX_HEADER_BYTES = 32 * 1024  # a WARC or HTTP header block read back: to_warc writes well under 1 KB
MAX_MEMBERS = 2  # gzip members in a WARC file to_warc writes: one a record
INFLATE_STEP = 256 * 1024  # decompressed bytes made at a time
RECORD_TYPE = "application/json"  # the metadata record's content: the capture record, as ``record.dumps`` writes it
# A Wayback Machine address carries its capture time: /web/20171210123456/… (14 digits, or fewer, and a modifier).
WAYBACK_RE = re.compile(r"^https?://(?:web\.)?archive\.org/web/(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})\d{0,8}[a-z_]*/")


@dataclass(frozen=True)
class Archived:
    """An archived copy read back: how it was got, and the body as received."""

    key: str
    capture: record.CaptureRecord
    body: bytes


def file_stem(key: str) -> str:
    """The file name (without suffix) of a key's WARC file and readable copy page: the key itself, but for ':' (which
    keys may hold, as in ``smith:2017``, and page addresses cannot carry), written ``--``. Two keys that come out the same
    are refused by ``name_clashes``."""
    return key.replace(":", "--")


def warc_name(key: str) -> str:
    return f"{file_stem(key)}{SUFFIX}"


def key_of(path: Path) -> str | None:
    """The file stem a WARC file in ``seeds/sources/`` is named with (``file_stem`` of a key), or None for any other file."""
    return path.name.removesuffix(SUFFIX) if path.name.endswith(SUFFIX) and len(path.name) > len(SUFFIX) else None


def archived_keys(folder: Path, keys: Iterable[str]) -> set[str]:
    """Those of ``keys`` that have a WARC file in ``folder`` (``seeds/sources/``): the one place that says a source is
    archived."""
    return {key for key in keys if (folder / warc_name(key)).is_file()} if folder.is_dir() else set()


def name_clashes(bibliography: Bibliography) -> list[Problem]:
    """An error at each entry whose key comes out as the same file name as an earlier entry's (``file_stem``)."""
    seen: dict[str, str] = {}
    problems = []
    for key, entry in bibliography.entries.items():
        stem = file_stem(key)
        if stem in seen:
            problems.append(error(bibliography.path, entry.line, 1, f"[{key}] would have the same archived copy file as"
                                  f" [{seen[stem]}] ({warc_name(key)}: ':' is written '--'): rename one of the keys",
                                  "key-file-clash"))
        else:
            seen[stem] = key
    return problems


def address_problem(entry: Entry, archived: Archived, shown: str) -> Problem | None:
    """An error if the copy was captured from another address than the entry's ``URL`` (compared as readings are
    matched by address: no fragment or tracking parameters, http(s) and www alike): it is not that source's copy."""
    url = str(entry.csl.get("URL", ""))
    asked = archived.capture.requested_url
    if url and normalised_address(asked) == normalised_address(url):
        return None
    return error(shown, 1, 1, f"the archived copy of [{archived.key}] was captured from {asked}, not from its entry's"
                 f" URL ({url or 'none'}): archive the source again (readings sources archive --again {archived.key})",
                 "archive-elsewhere")


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


class _Inflated:
    """The decompressed bytes of a gzip file of one or more members, pulled on demand and never more than ``limit`` in
    all: a hostile WARC file of a few hundred KB can inflate to gigabytes, so nothing reads past the cap."""

    def __init__(self, data: bytes, limit: int) -> None:
        self.data, self.limit = memoryview(data), limit
        self.taken = 0  # compressed bytes handed to the decompressor
        self.produced = 0  # decompressed bytes made, never more than limit + 1
        self.members = 1  # gzip members begun: to_warc writes one a record, two in all
        self.buffer = bytearray()
        self.inflater = zlib.decompressobj(31)
        self.carried = b""  # compressed bytes read past the end of the last member: the next member's start

    def _more(self) -> bool:
        """Inflate one more step into the buffer; False at the end of the file (or past the cap)."""
        while self.produced <= self.limit:
            if self.inflater.eof:
                self.carried += self.inflater.unused_data
                if not self.carried and self.taken >= len(self.data):
                    return False
                self.members += 1
                if self.members > MAX_MEMBERS:
                    raise ValueError(f"more than {MAX_MEMBERS} gzip members: this tool writes a response record then a"
                                     " metadata record, nothing else")
                self.inflater = zlib.decompressobj(31)
            if self.inflater.unconsumed_tail:
                chunk = self.inflater.decompress(self.inflater.unconsumed_tail, INFLATE_STEP)
            elif self.carried:
                chunk, self.carried = self.inflater.decompress(self.carried, INFLATE_STEP), b""
            elif self.taken < len(self.data):
                step = self.data[self.taken:self.taken + INFLATE_STEP]
                self.taken += len(step)
                chunk = self.inflater.decompress(step, INFLATE_STEP)
            else:
                raise ValueError("the gzip data ends before its end")
            if chunk:
                allowed = chunk[:self.limit + 1 - self.produced]
                self.produced += len(allowed)
                self.buffer += allowed
                return True
        return False

    def until(self, mark: bytes, most: int) -> bytes | None:
        """The bytes up to and including ``mark``, if it comes within ``most`` bytes; None if it does not."""
        while (found := self.buffer.find(mark, 0, most)) < 0:
            if len(self.buffer) >= most or not self._more():
                return None
        out = bytes(self.buffer[:found + len(mark)])
        del self.buffer[:found + len(mark)]
        return out

    def exactly(self, size: int) -> bytes | None:
        while len(self.buffer) < size:
            if not self._more():
                return None
        out = bytes(self.buffer[:size])
        del self.buffer[:size]
        return out

    def at_end(self) -> bool:
        return not self.buffer and not self._more()


def _headers(block: bytes) -> dict[str, str]:
    """A header block's fields (name lower-cased), its first line left out; a repeated field is refused."""
    fields: dict[str, str] = {}
    for line in block.decode("utf-8").split("\r\n")[1:]:
        if not line:
            continue
        name, colon, value = line.partition(":")
        if not colon or name.strip().lower() in fields:
            raise ValueError(f"a malformed header line: {line[:60]!r}")
        fields[name.strip().lower()] = value.strip()
    return fields


def _record(stream: _Inflated, kind: str, most: int, shown: str) -> tuple[dict[str, str], bytes]:
    """The next record of ``stream``, which must be a ``kind`` record of at most ``most`` bytes of content."""
    block = stream.until(b"\r\n\r\n", MAX_HEADER_BYTES)
    if block is None:
        raise ValueError(f"no {kind} record header of at most {MAX_HEADER_BYTES // 1024} KB where one is expected")
    if not block.startswith(b"WARC/1."):
        raise ValueError("a record does not start with its WARC version")
    fields = _headers(block)
    if fields.get("warc-type") != kind:
        raise ValueError(f"a '{fields.get('warc-type', '')[:40]}' record where the {kind} record is expected: this"
                         " tool writes a response record then a metadata record, nothing else")
    length = fields.get("content-length", "")
    if not length.isdigit():
        raise ValueError(f"the {kind} record has no Content-Length")
    if int(length) > most and kind != "response":
        raise ValueError(f"the {kind} record is over {most // 1024} KB")
    if int(length) > most:
        raise InputError(error(shown, 1, 1, f"the archived page is larger than {MAX_BODY_BYTES // (1024 * 1024)}"
                               " MB once decompressed", "bad-archive"))
    content = stream.exactly(int(length))
    if content is None or stream.exactly(4) != b"\r\n\r\n":
        raise ValueError(f"the {kind} record ends before its Content-Length")
    return fields, content


def read_warc(data: bytes, key: str, shown: str) -> Archived:
    """An archived copy from its WARC bytes; ``InputError`` located at ``shown`` if it is not one this tool wrote whole.

    Read bounded: the file is inflated through ``_Inflated`` (no more than one body, one capture record and their
    headers in all), each header block is at most ``MAX_HEADER_BYTES``, and only the two records ``to_warc`` writes
    (a response, then a metadata record, then the end of the file) are accepted.
    """
    limit = MAX_BODY_BYTES + record.RECORD_MAX_BYTES + 4 * MAX_HEADER_BYTES + 16
    stream = _Inflated(data, limit)
    try:
        if data[:2] != b"\x1f\x8b":
            raise ValueError("not a gzip file")
        _fields, response = _record(stream, "response", MAX_BODY_BYTES + MAX_HEADER_BYTES, shown)
        http_end = response.find(b"\r\n\r\n", 0, MAX_HEADER_BYTES)
        if not response.startswith(b"HTTP/1.") or http_end < 0:
            raise ValueError("the response record holds no HTTP header block")
        body = response[http_end + 4:]
        if len(body) > MAX_BODY_BYTES:
            raise InputError(error(shown, 1, 1, f"the archived page is larger than {MAX_BODY_BYTES // (1024 * 1024)}"
                                   " MB once decompressed", "bad-archive"))
        fields, text = _record(stream, "metadata", record.RECORD_MAX_BYTES, shown)
        if fields.get("content-type") != RECORD_TYPE:
            raise ValueError(f"the metadata record is not {RECORD_TYPE}")
        capture = record.parse(text.decode("utf-8"), shown)
        if not stream.at_end():
            raise ValueError("more follows the metadata record: this tool writes a response record then a metadata"
                             " record, nothing else")
    except InputError:
        raise
    except Exception as exc:
        if stream.produced > limit:
            raise InputError(error(shown, 1, 1, f"the archived page is larger than {MAX_BODY_BYTES // (1024 * 1024)}"
                                   " MB once decompressed", "bad-archive")) from exc
        why = str(exc).splitlines()[0] if str(exc) else repr(exc)
        raise InputError(error(shown, 1, 1, f"not a readable WARC file: {why}", "bad-archive")) from exc
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
