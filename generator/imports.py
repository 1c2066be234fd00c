"""Import planning: decide, for each capture, which page it becomes and whether to write it.

Pure except for reading the existing pages: ``plan`` returns actions and
problems, and writes nothing. The rules:

- a seed already imported keeps its page (found by the ``source`` key), so its slug never changes;
- a new seed gets a slug from its title, made unique against other seeds' pages;
- an unchanged seed changes nothing, whether or not contributors edited the page;
- a changed seed may replace a page only if the page holds nothing but generated
  content; otherwise the import is refused, unless ``update`` is set: then the
  page's annotations, editorial blocks and front-matter edits are carried over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator import context, markup
from generator.errors import InputError, Problem, error
from generator.model import Capture
from generator.pages import Page, parse_page, read_page
from generator.render import REMOVED_TITLE, render_page
from generator.schema import FIELD_NAMES
from generator.slug import disambiguate, slugify
from generator.update import UpdateResult, check_result, previous_seed, update_page

GENERATED_ID_RE = re.compile(r"capture-\d+")


@dataclass(frozen=True)
class Action:
    capture: Capture
    path: Path
    text: str
    status: str  # "new", "replaced", "updated", "unchanged"
    old_text: str = ""
    report: UpdateResult | None = None


SOURCE_LINES_RE = re.compile(r"^source: (?P<source>.+)\nsource_sha256: (?P<sha>[0-9a-f]{64})$", re.MULTILINE)


def scan_sources(folder: Path) -> tuple[dict[str, tuple[Path, str]], list[Path]]:
    """``source`` -> (page, ``source_sha256``) read from the pages' generated front-matter lines, and the
    pages where those lines were not found (edited by hand: they need a full read).

    Cheap enough to run on every import: a seed whose hash matches needs no parsing at all.
    """
    import yaml

    found: dict[str, tuple[Path, str]] = {}
    unmatched: list[Path] = []
    for path in sorted(folder.glob("*.md")):
        with path.open("rb") as handle:
            head = handle.read(65536).decode("utf-8", "replace")
        match = SOURCE_LINES_RE.search(head.split("\n---", 2)[0] if head.startswith("---") else "")
        source = yaml.safe_load(match.group("source")) if match else None
        if match and isinstance(source, str):
            found.setdefault(source, (path, match.group("sha")))
        else:
            unmatched.append(path)
    return found, unmatched


def imported_sources(folder: Path) -> dict[str, str]:
    """``source`` -> ``source_sha256`` of the existing pages (see ``scan_sources``)."""
    return {source: sha for source, (_path, sha) in scan_sources(folder)[0].items()}


def existing_pages(folder: Path, project: Path, paths: list[Path] | None = None) -> tuple[dict[str, tuple[Path, Page]], list[Problem]]:
    """Existing reading pages by their ``source``; unreadable pages are problems."""
    found: dict[str, tuple[Path, Page]] = {}
    problems: list[Problem] = []
    for path in paths if paths is not None else sorted(folder.glob("*.md")):
        try:
            page = read_page(path, path.relative_to(project).as_posix())
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        source = page.meta.get("source")
        if isinstance(source, str):
            found.setdefault(source, (path, page))
    return found, problems


def contributor_edits(page: Page, generated: Page) -> list[str]:
    """What in ``page`` a contributor added: what regenerating it would lose."""
    found: list[str] = []
    doc, _ = markup.parse(page.body)
    for ann in doc.annotations:
        if not (ann.kind == "capture" and GENERATED_ID_RE.fullmatch(ann.id)):
            found.append(f"annotation [^{ann.id}]")
    for line in page.body.split("\n"):
        if markup.ADMONITION_RE.match(line) and REMOVED_TITLE not in line:
            found.append(f"editorial block '{line.strip()}'")
    extra = [k for k in page.meta if k not in FIELD_NAMES or k not in generated.meta]
    found += [f"front-matter key '{k}'" for k in extra]
    return found


def plan(captures: list[Capture], folder: Path, project: Path, update: bool = False) -> tuple[list[Action], list[Problem]]:
    # Only the pages of the seeds at hand are read in full; the rest are known by their front-matter lines.
    scanned, unmatched = scan_sources(folder)
    wanted = {c.source for c in captures}
    pages: dict[str, tuple[Path, Page]] = {}
    problems: list[Problem] = []
    for source, (path, _sha) in scanned.items():
        if source in wanted:
            try:
                pages[source] = (path, read_page(path, path.relative_to(project).as_posix()))
            except InputError as exc:
                problems.extend(exc.problems)
    if unmatched:
        hand, found_problems = existing_pages(folder, project, unmatched)
        problems += found_problems
        for source, item in hand.items():
            pages.setdefault(source, item)
            scanned.setdefault(source, (item[0], ""))
    entities, found = context.load(project / "docs", project)
    problems += [p for p in found if p.is_error]
    taken = {path.stem: source for source, (path, _sha) in scanned.items()}
    taken.update({p.stem: "" for p in folder.glob("*.md") if p.stem not in taken})
    actions: list[Action] = []
    for capture in captures:
        text = render_page(capture, entities)
        if capture.source in pages:
            path, page = pages[capture.source]
            current = path.read_text(encoding="utf-8")
            if current == text or (page.meta.get("source_sha256") == capture.sha256 and not update):
                actions.append(Action(capture, path, current, "unchanged"))
                continue
            edits = contributor_edits(page, parse_page(text, page.path))
            if update:
                previous = previous_seed(project, capture.source, str(page.meta.get("source_sha256", "")))
                try:
                    result = update_page(page, capture, previous or (capture if page.meta.get("source_sha256") == capture.sha256 else None),
                                         entities)
                    check_result(result, capture, page.path)
                except InputError as exc:
                    problems.extend(exc.problems)
                    continue
                actions.append(Action(capture, path, result.text, "updated" if result.text != current else "unchanged", current, result))
                continue
            if edits:
                shown = ", ".join(edits[:3]) + (f" and {len(edits) - 3} more" if len(edits) > 3 else "")
                problems.append(error(page.path, 1, 1, f"'{capture.source}' changed and this page has contributors' edits"
                                      f" ({shown}); re-importing would lose them, so nothing was written."
                                      " Carry them over with `readings import --update`", "edited-page"))
                continue
            actions.append(Action(capture, path, text, "replaced", current))
            continue
        slug = slugify(str(capture.meta.get("title", "")) or Path(capture.source).stem)
        if slug in taken and taken[slug] != capture.source:
            slug = disambiguate(slug, capture.source)
        taken[slug] = capture.source
        actions.append(Action(capture, folder / f"{slug}.md", text, "new"))
    return actions, problems
