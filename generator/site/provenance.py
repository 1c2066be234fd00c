"""Who wrote each note, and when: derived from git, never typed by hand.

For every reading page, the commit that first added a note's id gives its author
and date (and the moment in UTC, for the W3C export); the last commit that changed
the note's text gives "updated". One
``git log --raw`` over the readings folder lists every version of every page;
the versions not seen before are read in one ``git cat-file --batch`` stream and
their notes parsed; what each version holds is cached by its blob id, so a
collection of thousands costs little after the first build. A checkout without
git or without history, or a note not yet committed, simply gets no provenance;
nothing here ever fails a build. A name that an entry of ``docs/people.yaml`` claims (its ``git`` list) links to that
entry on the people page. The result depends only on the history, so a
build is byte-identical for the same commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.cache import Cache
from generator.document import read
from generator.document.page import split
from generator.document.text import long_date
from generator.errors import InputError
from generator.project import Project

GIT_TIMEOUT = 120


@dataclass(frozen=True)
class Change:
    commit: str
    author: str
    date: str  # YYYY-MM-DD, in the author's time zone
    time: str = ""  # the same moment in UTC, YYYY-MM-DDTHH:MM:SSZ (an xsd:dateTime); "" where only the date is known


@dataclass(frozen=True)
class NoteProvenance:
    added: Change
    updated: Change | None = None  # the last change of the note's text after it was added
    # from front-matter note_origins, typed by whoever wrote the page: its name is shown as imported and never linked
    # to a people entry (only a git name is matched against people's ``git`` lists, so front-matter cannot claim one)
    imported: bool = False


def utc_time(stamp: int) -> str:
    """A Unix time as an xsd:dateTime in UTC: 2026-11-26T14:03:00Z."""
    return dt.datetime.fromtimestamp(stamp, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _git(project: Project, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", *args], cwd=project.root, input=stdin, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _history(project: Project) -> dict[str, list[tuple[Change, str]]]:
    """For each reading page (path relative to the repository's root): its versions in order, (commit, blob)."""
    top = _git(project, "rev-parse", "--show-toplevel")
    if not top:
        return {}
    root = Path(top.decode().strip())
    folder = project.readings.relative_to(root).as_posix() if project.readings.is_relative_to(root) else None
    if folder is None:
        return {}
    out = _git(project, "-c", "core.quotepath=off", "log", "--reverse", "--no-renames", "--raw", "--no-abbrev",
               "--format=%x01%H%x00%aN%x00%ad%x00%at", "--date=format:%Y-%m-%d", "--", folder)
    if out is None:
        return {}
    history: dict[str, list[tuple[Change, str]]] = {}
    change: Change | None = None
    for line in out.decode("utf-8", "replace").split("\n"):
        if line.startswith("\x01"):
            commit, author, date, stamp = line[1:].split("\x00")
            change = Change(commit, author, date, utc_time(int(stamp)) if stamp.isdigit() else "")
        elif line.startswith(":") and change is not None:
            meta, _tab, path = line.partition("\t")
            fields = meta.split()
            if len(fields) >= 5 and path.endswith(".md"):
                blob, status = fields[3], fields[4]
                history.setdefault(path, []).append((change, "" if status.startswith("D") else blob))
    return history


def _note_digests(text: str) -> dict[str, str]:
    """Note id -> digest of its text, for one version of a page."""
    try:
        _fm, body, line = split(text, "")
    except InputError:
        body, line = text, 0
    return {a.id: hashlib.sha256(a.note.encode()).hexdigest()[:16] for a in read.parse(body, line).annotations if a.note}


def _blobs(project: Project, blobs: list[str]) -> dict[str, str]:
    """The texts of ``blobs``, read in one ``git cat-file --batch``."""
    if not blobs:
        return {}
    out = _git(project, "cat-file", "--batch", stdin="\n".join(blobs).encode() + b"\n")
    texts: dict[str, str] = {}
    if out is None:
        return texts
    position = 0
    for blob in blobs:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        if len(header) < 3 or header[1] != b"blob":
            position = header_end + 1
            continue
        size = int(header[2])
        texts[blob] = out[header_end + 1:header_end + 1 + size].decode("utf-8", "replace")
        position = header_end + 1 + size + 1
    return texts


def history_key(project: Project) -> str:
    """The commit the history ends at ("" without git): provenance changes only when it does."""
    head = _git(project, "rev-parse", "HEAD")
    return head.decode().strip() if head else ""


def note_provenance(project: Project, cache: Cache) -> dict[str, dict[str, NoteProvenance]]:
    """For each reading (path relative to docs/): each committed note's provenance. Empty without git history."""
    history = _history(project)
    top = _git(project, "rev-parse", "--show-toplevel")
    if not history or not top:
        return {}
    root = Path(top.decode().strip())
    table = cache.data.setdefault("note-digests", {})
    missing = sorted({blob for versions in history.values() for _c, blob in versions if blob and blob not in table})
    for blob, text in _blobs(project, missing).items():
        table[blob] = _note_digests(text)
        cache.dirty = True
    result: dict[str, dict[str, NoteProvenance]] = {}
    for path, versions in history.items():
        notes: dict[str, NoteProvenance] = {}
        previous: dict[str, str] = {}
        for change, blob in versions:
            current: dict[str, str] = table.get(blob, {}) if blob else {}
            for ident, digest in current.items():
                if ident not in notes:
                    notes[ident] = NoteProvenance(change)  # first added
                elif ident in previous and previous[ident] != digest:
                    notes[ident] = NoteProvenance(notes[ident].added, change)  # its text changed
            previous = current
        rel = (root / path).resolve()
        if rel.is_relative_to(project.docs):
            result[rel.relative_to(project.docs).as_posix()] = {i: p for i, p in notes.items() if i in previous}
    return result


def _dated(change: Change, repository: str) -> str:
    text = html.escape(long_date(change.date))
    if repository and change.commit:
        return f'<a href="{html.escape(repository)}/commit/{change.commit}" rel="nofollow">{text}</a>'
    return text


def provenance_html(note: NoteProvenance, repository: str = "", people: Mapping[str, str] | None = None) -> str:
    """"Added by Jane Doe on 26 November 2026; updated 27 November 2026." with each date linked to its commit, and the
    name to its entry on the people page where ``people`` (git name -> the entry's address) has it."""
    name = html.escape(note.added.author)
    href = None if note.imported else (people or {}).get(note.added.author)
    if href:
        name = f'<a class="annotation-person" href="{html.escape(href)}">{name}</a>'
    text = f"{'Imported; written by' if note.imported else 'Added by'} {name} on {_dated(note.added, repository)}"
    if note.updated is not None and note.updated.commit != note.added.commit and note.updated.date != note.added.date:
        text += f"; updated {_dated(note.updated, repository)}"
    return f'<span class="annotation-provenance">{text}.</span>'


NOTE_ITEM_RE = re.compile(r'(<li data-kind="[a-z]+" id="note-(?P<id>[^"]+)">)(?P<body>.*?)(?=<a aria-label="Back to the passage")', re.DOTALL)


def imported(origins: dict[str, tuple[str, str, str]]) -> dict[str, NoteProvenance]:
    """Provenance of notes imported from elsewhere (front-matter ``note_origins``: id -> (by, date, via))."""
    return {ident: NoteProvenance(Change("", f"{by} (via {via})" if via else by, date), imported=True)
            for ident, (by, date, via) in origins.items()}


def with_provenance(page_html: str, notes: dict[str, NoteProvenance], repository: str = "",
                    people: Mapping[str, str] | None = None) -> str:
    """The page's numbered notes, each followed by its provenance (the popover shows the same); ``people``: git name ->
    the address of its entry on the people page (``provenance_html``)."""
    if not notes:
        return page_html

    def add(match: re.Match[str]) -> str:
        note = notes.get(html.unescape(match.group("id")))
        return match.group(0) + (provenance_html(note, repository, people) + " " if note else "")

    return NOTE_ITEM_RE.sub(add, page_html)
