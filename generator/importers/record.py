"""The capture record: how a seed fetched from the web was got, kept beside it in ``seeds/``.

``readings fetch`` saves a page's bytes unchanged as the seed and writes this
record next to it (``<seed file name>.capture.json``). ``load_seed`` reads it:
the charset the server declared decodes the bytes (it wins over the page's own
``<meta>``, as it does in browsers), and the reading's front-matter gets ``url``
(the page's canonical address, else the address the fetch ended at) and
``retrieved``. A record is data, never code: unknown keys are an error, so a
typo is seen, not silently ignored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from generator.errors import InputError, error, quoted
from generator.fsutil import read_inside

RECORD_SUFFIX = ".capture.json"
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
UTC_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
URL_RE = re.compile(r"^https?://[^\s/?#\"'<>\\]+[^\s\"'<>\\]*$", re.IGNORECASE)


def web_address(value: object) -> bool:
    """An http(s) address with a host, and nothing in it that could end an attribute or a line."""
    return isinstance(value, str) and bool(URL_RE.match(value)) and not CONTROL_RE.search(value)
CHARSET_RE = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class Redirect(TypedDict):
    """One hop of a redirect chain."""

    status: int
    url: str


@dataclass(frozen=True)
class CaptureRecord:
    """How and when a seed was fetched. Every field is what the server said or what was measured, never a guess."""

    requested_url: str  #: The address asked for.
    final_url: str  #: The address the fetch ended at, after redirects.
    redirects: tuple[Redirect, ...]  #: Each redirect, in order: the address that answered and its status (301, 302...).
    retrieved: str  #: When the body was received: UTC, ISO 8601 to the second ("2026-11-26T16:40:00Z").
    status: int  #: The final HTTP status (always 200 for a saved capture).
    content_type: str  #: The ``Content-Type`` header, verbatim ("" when the server sent none).
    date: str  #: The server's ``Date`` header, verbatim ("" when absent): its own clock, beside ours.
    last_modified: str  #: The ``Last-Modified`` header, verbatim ("" when absent).
    etag: str  #: The ``ETag`` header, verbatim ("" when absent).
    sha256: str  #: SHA-256 of the saved bytes (the body after ``Content-Encoding`` is undone).
    user_agent: str  #: The ``User-Agent`` the request sent.
    content_language: str = ""  #: The ``Content-Language`` header, verbatim ("" when absent, or in records made before it was kept).

    @property
    def charset(self) -> str | None:
        """The charset the ``Content-Type`` header declares, if any."""
        match = CHARSET_RE.search(self.content_type)
        return match.group(1) if match else None

    @property
    def retrieved_date(self) -> dt.date:
        return dt.datetime.fromisoformat(self.retrieved.replace("Z", "+00:00")).date()


FIELDS = tuple(f.name for f in dataclasses.fields(CaptureRecord))
OPTIONAL = ("content_language",)  # fields added later: a record written before them is still whole


def record_path(seed: Path) -> Path:
    """Where the record of ``seed`` lives."""
    return seed.with_name(seed.name + RECORD_SUFFIX)


def is_record(path: Path) -> bool:
    """Whether ``path`` is a capture record (which is read with its seed, never imported as one)."""
    return path.name.endswith(RECORD_SUFFIX)


def dumps(record: CaptureRecord) -> str:
    """The record as written: JSON, keys in the dataclass's order, one per line, so a diff reads well."""
    return json.dumps(dataclasses.asdict(record), indent=2, ensure_ascii=False) + "\n"


def _invalid(shown: str, key: str, why: str) -> InputError:
    return InputError(error(shown, 1, 1, f"the capture record's '{key}' {why}", "bad-record"))


def parse(text: str, shown: str) -> CaptureRecord:
    """A record from its JSON text; ``InputError`` located at ``shown`` for anything malformed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(error(shown, exc.lineno, exc.colno, f"the capture record is not valid JSON: {exc.msg}", "bad-record")) from exc
    if not isinstance(data, dict):
        raise InputError(error(shown, 1, 1, "the capture record must be a JSON object", "bad-record"))
    unknown = [k for k in data if k not in FIELDS]
    if unknown:
        close = difflib.get_close_matches(str(unknown[0]), FIELDS, n=1)
        raise InputError(error(shown, 1, 1, f"unknown key {quoted(unknown[0])} in the capture record"
                               + (f" (did you mean {close[0]!r}?)" if close else ""), "bad-record"))
    missing = [k for k in FIELDS if k not in data and k not in OPTIONAL]
    if missing:
        raise _invalid(shown, missing[0], "is missing")
    values: dict[str, Any] = dict(data)
    for key in ("requested_url", "final_url"):
        if not web_address(values[key]):
            raise _invalid(shown, key, "must be an http or https address with a host, without spaces or quotes")
    hops = values["redirects"]
    if not isinstance(hops, list) or not all(isinstance(h, dict) and set(h) == {"status", "url"} and web_address(h["url"])
                                             and h["status"] in (301, 302, 303, 307, 308) for h in hops):
        raise _invalid(shown, "redirects", "must be a list of {status, url}: a redirect status and an http(s) address")
    values["redirects"] = tuple(Redirect(status=h["status"], url=h["url"]) for h in hops)
    if values["status"] != 200 or isinstance(values["status"], bool):
        raise _invalid(shown, "status", "must be 200: only a page received whole is saved")
    for key in ("retrieved", "content_type", "date", "last_modified", "etag", "sha256", "user_agent", "content_language"):
        if key in values and (not isinstance(values[key], str) or CONTROL_RE.search(values[key])):
            raise _invalid(shown, key, "must be a string on one line")
    if not SHA256_RE.match(values["sha256"]):
        raise _invalid(shown, "sha256", "must be 64 lowercase hexadecimal digits")
    if not UTC_RE.match(values["retrieved"]):
        raise _invalid(shown, "retrieved", "must be a UTC time in ISO 8601, to the second, ending in Z (2026-11-26T16:40:00Z)")
    record = CaptureRecord(**values)
    try:
        when = dt.datetime.fromisoformat(record.retrieved.replace("Z", "+00:00"))
    except ValueError as exc:
        raise _invalid(shown, "retrieved", "is not a possible time") from exc
    if when > dt.datetime.now(dt.UTC) + dt.timedelta(days=1):
        raise _invalid(shown, "retrieved", "is in the future")
    return record


RECORD_MAX_BYTES = 1024 * 1024  # a record is a few hundred bytes


def load(seed: Path, shown: str, within: Path) -> CaptureRecord | None:
    """The record beside ``seed``, or None when the seed has none (it was saved by hand); read only from inside the
    folder ``within`` (``fsutil.read_inside``)."""
    path = record_path(seed)
    try:
        text = read_inside(path, within, shown + RECORD_SUFFIX, "bad-record", limit=RECORD_MAX_BYTES).decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(error(shown + RECORD_SUFFIX, 1, 1, f"cannot read the capture record: {exc}", "bad-record")) from exc
    return parse(text, shown + RECORD_SUFFIX)
