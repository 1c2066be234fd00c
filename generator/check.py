"""``readings check``: validate reading pages. Pure functions returning problems.

For each page: front-matter against the schema, the annotation layer
(pairing, kinds, ids), unsafe or raw HTML, and faithfulness to the seed; for the
collection: unique slugs and sources.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator import context, markup
from generator.cache import Cache, stamp
from generator.errors import InputError, Problem, Severity, error, warning
from generator.pages import Page, read_page
from generator.schema import validate
from generator.sources import load_seed

TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>")
EVENT_ATTR_RE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
BAD_URL_RE = re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data):", re.IGNORECASE)
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "link", "meta", "base", "form"}
SNIPPET = 40


def _snippet(text: str, at: int) -> str:
    start = max(0, at - SNIPPET // 2)
    piece = text[start:start + SNIPPET].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


def check_html(page: Page) -> list[Problem]:
    """Raw HTML is a warning; executable HTML and script URLs are errors."""
    problems: list[Problem] = []
    lines = page.body.split("\n")
    _editorial, code = markup.block_regions(lines)
    for index, line in enumerate(lines):
        if index in code:
            continue  # shown as text, never run
        number = index + 1 + page.body_line
        for match in TAG_RE.finditer(line):
            tag = match.group(2).lower()
            col = match.start() + 1
            if tag in DANGEROUS_TAGS or EVENT_ATTR_RE.search(match.group(0)):
                problems.append(error(page.path, number, col, f"executable or unsafe HTML <{tag}> is not allowed", "unsafe-html"))
            elif not match.group(0).startswith("<!--"):
                problems.append(warning(page.path, number, col, f"raw HTML <{tag}>: use Markdown instead", "raw-html"))
        for match in BAD_URL_RE.finditer(line):
            problems.append(error(page.path, number, match.start() + 1, f"{match.group(1).lower()}: links are not allowed", "unsafe-url"))
    return problems


def check_faithful(page: Page, project: Path) -> list[Problem]:
    """The article text equals the seed's; and the seed is the one the page was imported from."""
    source = page.meta.get("source")
    if not isinstance(source, str):
        return []
    seed = project / source
    if not seed.is_file():
        return [error(page.path, page.key_lines.get("source", 1), 1, f"the seed '{source}' does not exist", "missing-seed")]
    data = seed.read_bytes()
    if hashlib.sha256(data).hexdigest() != page.meta.get("source_sha256"):
        return [error(page.path, page.key_lines.get("source_sha256", 1), 1,
                      f"the seed '{source}' changed since this page was imported: run `readings import --update {source}`",
                      "source-drift")]
    try:
        capture = load_seed(seed, project)
    except InputError as exc:
        return exc.problems
    expected = capture.paragraphs
    actual = markup.article_paragraphs(page.body, page.body_line)
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


LINK_RE = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def check_links(page: Page, path: Path, docs: Path) -> list[Problem]:
    """Relative links to other pages (and their anchors' files) resolve inside docs/."""
    problems: list[Problem] = []
    lines = page.body.split("\n")
    _editorial, code = markup.block_regions(lines)
    for index, line in enumerate(lines):
        if index in code:
            continue
        for match in LINK_RE.finditer(line):
            target = match.group(1).split("#", 1)[0]
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:|^/", target, re.IGNORECASE):
                continue
            resolved = (path.parent / target).resolve()
            if not resolved.is_relative_to(docs.resolve()) or not resolved.exists():
                problems.append(error(page.path, index + 1 + page.body_line, match.start() + 1,
                                      f"link to '{match.group(1)}' does not resolve to a page in docs/", "broken-link"))
    return problems


def check_detached(page: Page) -> list[Problem]:
    """Detached notes are kept, never lost, but a person should re-attach or delete them."""
    from generator.update import DETACHED_ITEM_RE

    return [warning(page.path, number, 5, f"note '{m.group('id')}' is detached from the text since the seed changed:"
                    " re-attach it to a passage or delete it", "detached-note")
            for number, line in enumerate(page.body.split("\n"), start=page.body_line + 1)
            if (m := DETACHED_ITEM_RE.match(line))]


def _faithful_cached(page: Page, path: Path, project: Path, cache: Cache | None) -> list[Problem]:
    """check_faithful, remembered while neither the page nor its seed changes (it re-parses the seed)."""
    source = page.meta.get("source")
    seed = project / source if isinstance(source, str) else None
    if cache is None or seed is None or not seed.is_file():
        return check_faithful(page, project)
    rel = path.relative_to(project).as_posix()
    rows = cache.get("faithful", rel, [stamp(path), stamp(seed)],
                     lambda: [[p.path, p.line, p.col, p.severity.value, p.message, p.code] for p in check_faithful(page, project)])
    return [Problem(str(a), int(b), int(c), Severity(str(d)), str(e), str(f)) for a, b, c, d, e, f in rows]


def check_page(path: Path, project: Path, cache: Cache | None = None) -> list[Problem]:
    shown = path.relative_to(project).as_posix() if path.is_relative_to(project) else path.as_posix()
    try:
        page = read_page(path, shown)
    except InputError as exc:
        return exc.problems
    problems = validate(page.meta, shown, page.key_lines)
    _doc, found = markup.parse(page.body, shown, page.body_line)
    problems += found
    problems += check_html(page)
    problems += check_detached(page)
    problems += check_links(page, path, project / "docs")
    problems += _faithful_cached(page, path, project, cache)
    return problems


def check_collection(paths: list[Path], project: Path) -> list[Problem]:
    """Problems across pages: two pages for one seed, or slugs that differ only in case."""
    problems: list[Problem] = []
    sources: dict[str, str] = {}
    slugs: dict[str, str] = {}
    for path in paths:
        shown = path.relative_to(project).as_posix()
        try:
            page = read_page(path, shown)
        except InputError:
            continue  # reported by check_page
        source = page.meta.get("source")
        if isinstance(source, str):
            if source in sources:
                problems.append(error(shown, page.key_lines.get("source", 1), 1, f"'{source}' is also imported as {sources[source]}", "duplicate-source"))
            sources.setdefault(source, shown)
        key = path.stem.lower()
        if key in slugs:
            problems.append(error(shown, 1, 1, f"slug clashes with {slugs[key]} on case-insensitive file systems", "duplicate-slug"))
        slugs.setdefault(key, shown)
    return problems


def context_paths(docs: Path) -> list[Path]:
    return sorted(p for p in (docs / context.CONTEXT_DIR).glob("*.md") if p.name != "index.md")


def check_context(readings: list[Path], project: Path, whole: bool) -> list[Problem]:
    """Context pages (schema, aliases), context links in readings, stale tooltips, unused pages."""
    docs = project / "docs"
    entities, problems = context.load(docs, project)
    problems += context.alias_conflicts(entities, docs, project)
    pages = []
    unreadable = False
    for path in readings:
        try:
            pages.append((path.stem, read_page(path, path.relative_to(project).as_posix())))
        except InputError:
            unreadable = True  # reported by check_page; "unused" would be guesswork now
    for _slug, page in pages:
        problems += context.stale_titles(page, entities)
        about = context.about_source(page.meta.get("publisher"), entities)
        if about and page.meta.get("about_source") != about:
            problems.append(warning(page.path, page.key_lines.get("about_source", 1), 1, "'about_source' differs from the publisher's"
                                    " context page: run `readings import --update`", "stale-context-summary"))
    if whole and not unreadable:
        problems += context.unmentioned(entities, context.references(entities, pages), docs, project)
    return problems


def check(paths: list[Path], project: Path) -> list[Problem]:
    """Check reading pages and context pages; with every reading given, also cross-page rules."""
    docs = project / "docs"
    readings = [p for p in paths if p.parent.name != context.CONTEXT_DIR]
    contexts = [p for p in paths if p.parent.name == context.CONTEXT_DIR]
    problems: list[Problem] = []
    cache = Cache(project)
    for path in readings:
        problems += check_page(path, project, cache)
    cache.save()
    problems += check_collection(readings, project)
    whole = set(readings) == set(site_readings(docs))
    if contexts or whole:
        found = check_context(readings if not whole else site_readings(docs), project, whole)
        shown = {p.relative_to(project).as_posix() for p in readings + contexts}
        problems += [p for p in found if whole or p.path in shown]
    return sorted(set(problems))


def site_readings(docs: Path) -> list[Path]:
    return sorted((docs / "readings").glob("*.md"))
