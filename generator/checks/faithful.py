"""Faithfulness: a reading's article text equals its seed's, and the seed is the one it was imported from.

Reads the seed (and parses it); ``faithful_cached`` remembers the answer while
neither the page nor the seed changes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.cache import Cache, stamp
from generator.document import read
from generator.document.capture import Capture
from generator.document.page import Page
from generator.document.syntax import REMOVED_TITLE, REMOVED_TYPE
from generator.document.write import removed_block
from generator.errors import InputError, Problem, Severity, error, quoted
from generator.fsutil import read_inside
from generator.importers import load_seed
from generator.project import Project, SourceRefusedError

SNIPPET = 40


def _snippet(text: str, at: int) -> str:
    start = max(0, at - SNIPPET // 2)
    piece = text[start:start + SNIPPET].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


def check_faithful(page: Page, project: Project) -> list[Problem]:
    """The article text equals the seed's; and the seed is the one the page was imported from."""
    source = page.meta.get("source")
    if not isinstance(source, str):
        return []
    try:
        seed = project.seed_file(source)
        data = read_inside(seed, project.seeds, page.path, "bad-source", line=page.key_lines.get("source", 1))
    except SourceRefusedError as exc:
        return [error(page.path, page.key_lines.get("source", 1), 1, str(exc), "missing-seed" if exc.missing else "bad-source")]
    except InputError as exc:
        return exc.problems
    except FileNotFoundError:
        return [error(page.path, page.key_lines.get("source", 1), 1, f"the seed {quoted(source)} does not exist", "missing-seed")]
    if hashlib.sha256(data).hexdigest() != page.meta.get("source_sha256"):
        return [error(page.path, page.key_lines.get("source_sha256", 1), 1,
                      f"the seed '{source}' changed since this page was imported: run `readings import --update {source}`",
                      "source-drift")]
    try:
        capture = load_seed(seed, project.root)
    except InputError as exc:
        return exc.problems
    return compare(page, capture.paragraphs) + compare_removed(page, capture) + compare_record(page, capture)


def compare_record(page: Page, capture: Capture) -> list[Problem]:
    """``retrieved`` is the capture record's, ``extraction_override`` the override's beside the seed: a page that says
    otherwise is stale (or was edited)."""
    if (page.meta.get("extraction_override") or {}) != (capture.meta.extraction_override or {}):
        return [error(page.path, page.key_lines.get("extraction_override", 1), 1, "the page was made with another extraction"
                      f" override than the one beside the seed now: run `readings import {capture.source}`", "source-drift")]
    stated, recorded = page.meta.get("retrieved"), capture.meta.retrieved
    if str(stated or "") == str(recorded or ""):
        return []
    why = (f"the capture record says the seed was retrieved on {recorded}" if recorded else "the seed has no capture record")
    return [error(page.path, page.key_lines.get("retrieved", 1), 1, f"'retrieved' is {stated or 'missing'}, but {why}: it is"
                  f" generated; run `readings import --relink {capture.source}`", "source-drift")]


def compare_removed(page: Page, capture: Capture) -> list[Problem]:
    """The "Removed from the capture" block is generated from the seed, verbatim: it must not be edited."""
    block = next((b for b in read.editorial_blocks(page.body) if b.type == REMOVED_TYPE and b.title == REMOVED_TITLE), None)
    if not capture.removed:
        return []
    if block is None:
        return [error(page.path, page.body_line + 1, 1, f"the “{REMOVED_TITLE}” block is missing: it keeps the seed's other text"
                      " verbatim; restore it with `readings import --update`", "unfaithful")]
    if block.text != removed_block(capture.removed):
        return [error(page.path, page.body_line + block.line, 1, f"the “{REMOVED_TITLE}” block differs from the seed's: it is"
                      " generated and keeps the seed's text verbatim, so it is not edited by hand; restore it with"
                      " `readings import --update` (put your own text in an editorial block)", "unfaithful")]
    return []


def compare(page: Page, expected: list[str]) -> list[Problem]:
    """The first difference between the page's article paragraphs and ``expected``, located in the page."""
    actual = read.article_paragraphs(page.body, page.body_line)
    for index, want in enumerate(expected):
        if index >= len(actual):
            line = actual[-1][0] if actual else page.body_line + 1
            return [error(page.path, line, 1, f"the article text ends early: the seed's paragraph {index + 1} is missing"
                          f" (“{_snippet(want, 0)}”); restore it", "unfaithful")]
        line, have = actual[index]
        if have != want:
            at = next((i for i, (a, b) in enumerate(zip(have, want, strict=False)) if a != b), min(len(have), len(want)))
            row = line + have.count("\n", 0, at)
            return [error(page.path, row, at - have.rfind("\n", 0, at),
                          f"the article text differs from the seed: the page has “{_snippet(have, at)}” where the seed has"
                          f" “{_snippet(want, at)}”. Keep the seed's text and add a `correction` annotation,"
                          " or fix the seed and run `readings import --update`", "unfaithful")]
    if len(actual) > len(expected):
        line, extra = actual[len(expected)]
        return [error(page.path, line, 1, f"text that is not in the seed: “{_snippet(extra, 0)}”. Put editorial text"
                      " in an admonition (!!! editorial) or a note", "unfaithful")]
    return []


def faithful_cached(page: Page, path: Path, project: Project, cache: Cache | None) -> list[Problem]:
    """``check_faithful``, remembered while neither the page nor its seed changes (it re-parses the seed)."""
    source = page.meta.get("source")
    try:
        seed = project.seed_file(source) if isinstance(source, str) else None
    except SourceRefusedError:
        seed = None
    if cache is None or seed is None:
        return check_faithful(page, project)
    rows = cache.get("faithful", project.rel(path), [stamp(path), stamp(seed)],
                     lambda: [[p.path, p.line, p.col, p.severity.value, p.message, p.code] for p in check_faithful(page, project)])
    return [Problem(str(a), int(b), int(c), Severity(str(d)), str(e), str(f)) for a, b, c, d, e, f in rows]
