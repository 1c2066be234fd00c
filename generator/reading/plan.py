"""Import planning: decide, for each capture, which page it becomes and what to write there.

``existing`` reads what is already in the readings folder (cheaply: a seed whose
hash matches needs no parsing at all); ``plan`` is pure given that, the context
entities and the seed history, and returns actions and problems, writing
nothing. The rules:

- a seed already imported keeps its page (found by the ``source`` key), so its slug never changes;
- a new seed gets a slug from its title, made unique against every page and every slug this plan already gave;
- an unchanged seed changes nothing, whether or not contributors edited the page, unless an extraction
  override shapes (or shaped) the page: then it is updated as if the seed had changed;
- a changed seed may replace a page only if the page holds nothing but generated
  content; otherwise the import is refused, unless ``update`` is set: then the
  page's annotations, editorial blocks and front-matter edits are carried over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import safeyaml
from generator.context.entities import Entity
from generator.document import read
from generator.document.capture import Capture
from generator.document.page import Page, dump, parse_page, read_page
from generator.document.schema import DERIVED_FIELDS, ReadingMeta, replace
from generator.errors import InputError, Problem, error
from generator.fsutil import read_here
from generator.importers.override import from_front_matter
from generator.project import Project
from generator.reading.compose import compose_page, page_digest, recorded_digest, untouched
from generator.reading.history import SeedHistory
from generator.reading.update import UpdateResult, check_result, update_page
from generator.slug import disambiguate, slugify


@dataclass(frozen=True)
class Action:
    capture: Capture
    path: Path
    text: str
    status: str  # "new", "replaced", "updated", "renamed", "unchanged"
    old_text: str = ""  # the file as it was read ("" for a new page): it must still be so when the action is written
    report: UpdateResult | None = None


SOURCE_LINES_RE = re.compile(r"^source: (?P<source>.+)\nsource_sha256: (?P<sha>[0-9a-f]{64})$", re.MULTILINE)
HEAD_BYTES = 65536  # the generated front-matter lines sit well within the first 64 KB


OVERRIDE_LINE_RE = re.compile(r"^extraction_override:", re.MULTILINE)


def scan_sources(folder: Path) -> tuple[dict[str, tuple[Path, str]], list[Path], set[str]]:
    """``source`` -> (page, ``source_sha256``) read from the pages' generated front-matter lines, the pages where
    those lines were not found (edited by hand: they need a full read), and the sources whose pages were made with
    an extraction override.

    Cheap enough to run on every import: a seed whose hash matches needs no parsing at all.
    """
    found: dict[str, tuple[Path, str]] = {}
    unmatched: list[Path] = []
    overridden: set[str] = set()
    for path in sorted(folder.glob("*.md")):
        head = _head(path)
        match = SOURCE_LINES_RE.search(head)
        try:
            source = safeyaml.load(match.group("source")) if match else None
        except yaml.YAMLError:
            source = None  # not the generated line (an alias, a broken quote): the page is read in full, and reported there
        if match and isinstance(source, str):
            found.setdefault(source, (path, match.group("sha")))
            if OVERRIDE_LINE_RE.search(head):
                overridden.add(source)
        else:
            unmatched.append(path)
    return found, unmatched, overridden


def imported_sources(folder: Path) -> dict[str, str]:
    """``source`` -> ``source_sha256`` of the existing pages (see ``scan_sources``); "" for a page made with an
    extraction override, whose seed is always parsed again (the override may have changed, or gone)."""
    found, _unmatched, overridden = scan_sources(folder)
    return {source: "" if source in overridden else sha for source, (_path, sha) in found.items()}


def _head(path: Path) -> str:
    """The front-matter of a page, as far as its first 64 KB hold it."""
    head = read_here(path, path.name, "unreadable", head=HEAD_BYTES).decode("utf-8", "replace")
    return head.split("\n---", 2)[0] if head.startswith("---") else ""


@dataclass
class Existing:
    """The pages already in the readings folder that an import needs to know about."""

    folder: Path
    pages: dict[str, tuple[Path, Page]] = field(default_factory=dict)  # by source; only the seeds at hand, read in full
    taken: dict[str, str] = field(default_factory=dict)  # slug -> source ("" when unknown)
    orphans: dict[str, Path] = field(default_factory=dict)  # source -> page, for pages whose seed file is gone (renamed?)
    hashes: dict[Path, str] = field(default_factory=dict)  # page -> its seed's SHA-256


def existing(project: Project, sources: set[str]) -> tuple[Existing, list[Problem]]:
    """Read the pages of the seeds at hand in full; know the rest by their front-matter lines."""
    folder = project.readings
    scanned, unmatched, _overridden = scan_sources(folder)
    found = Existing(folder)
    problems: list[Problem] = []
    for source, (path, _sha) in scanned.items():
        if source in sources:
            try:
                found.pages[source] = (path, read_page(path, project.rel(path)))
            except InputError as exc:
                problems.extend(exc.problems)
    for path in unmatched:
        try:
            page = read_page(path, project.rel(path))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        hand = page.meta.get("source")
        if isinstance(hand, str):
            found.pages.setdefault(hand, (path, page))
            scanned.setdefault(hand, (path, ""))
        else:
            # Without it, import cannot tell which seed the page belongs to, and would make a second page.
            problems.append(error(page.path, 1, 1, "this reading names no seed ('source' is missing from its front-matter):"
                                  " restore its front-matter (see `git log -p` for this file), then import again", "no-source"))
    found.orphans = {source: path for source, (path, _sha) in scanned.items() if not (project.root / source).exists()}
    found.hashes = {path: sha for _source, (path, sha) in scanned.items() if sha}
    found.taken = {path.stem: source for source, (path, _sha) in scanned.items()}
    found.taken.update({p.stem: "" for p in folder.glob("*.md") if p.stem not in found.taken})
    return found, problems


def contributor_edits(page: Page, fresh: Page) -> list[str]:
    """What in ``page`` differs from the page import wrote (``fresh``, from the old seed when history has it): a
    description of the edits, for messages."""
    found: list[str] = []
    theirs, ours = read.parse(page.body), read.parse(fresh.body)
    generated = {(a.id, a.note) for a in ours.annotations}
    found += [f"annotation [^{a.id}]" for a in theirs.annotations if (a.id, a.note) not in generated]
    found += [f"block '{b.text.splitlines()[0].strip()}'" for b in read.editorial_blocks(page.body)
              if b.text not in {f.text for f in read.editorial_blocks(fresh.body)}]
    found += [f"front-matter '{k}'" for k in page.meta if k not in DERIVED_FIELDS and page.meta.get(k) != fresh.meta.get(k)]
    if read.locate(page.body).links != read.locate(fresh.body).links:
        found.append("context links")
    return found or ["the page's text"]


def _untouched(current: str, page: Page, previous: Capture | None, entities: list[Entity]) -> bool:
    """No contributor changed the page since import wrote it: its digest says so (or, for a page from before digests,
    it is exactly what the previous seed gives)."""
    if recorded_digest(current):
        return untouched(current)
    return previous is not None and page_digest(compose_page(previous, entities)) == page_digest(current)


def _refusal(page: Page, capture: Capture, edits: list[str]) -> Problem:
    shown = ", ".join(edits[:3]) + (f" and {len(edits) - 3} more" if len(edits) > 3 else "")
    return error(page.path, 1, 1, f"'{capture.source}' changed and this page has contributors' edits ({shown}); re-importing"
                 " would lose them, so nothing was written. Carry them over with `readings import --update`", "edited-page")


def _plan_existing(capture: Capture, path: Path, page: Page, text: str, entities: list[Entity], update: bool,
                   history: SeedHistory) -> Action | Problem | list[Problem]:
    """A capture whose seed already has a page: unchanged, replaced (nothing of a contributor's on it), updated, or refused."""
    read_text = path.read_text(encoding="utf-8")
    current = read_text.removeprefix("\ufeff").replace("\r\n", "\n")  # an editor's BOM or line ends are no edit
    sha = page.meta.get("source_sha256")
    # An extraction override is input too: added, edited or removed, it changes the page though the seed did not,
    # and the page is then updated (notes carried over) rather than left stale.
    had_override = bool(page.meta.get("extraction_override"))
    overridden = capture.overridden or had_override
    update = update or overridden
    if current == text or (sha == capture.sha256 and not update):
        return Action(capture, path, read_text, "unchanged", read_text)
    if overridden and sha == capture.sha256:
        # The page records the override it was made with: the same seed through it is exactly what made the page.
        recorded = page.meta.get("extraction_override")
        previous = history.before_override(capture.source, from_front_matter(recorded) if isinstance(recorded, dict) else None)
    else:
        previous = history.previous(capture.source, str(sha or "")) or (capture if sha == capture.sha256 else None)
    if _untouched(current, page, previous, entities):
        return Action(capture, path, text, "replaced", read_text)
    if not update:
        generated = compose_page(previous, entities) if previous is not None else text
        return _refusal(page, capture, contributor_edits(page, parse_page(generated, page.path)))
    try:
        result = update_page(page, capture, previous, entities, recorded_digest(text))
        check_result(result, capture, page.path, page)
    except InputError as exc:
        return exc.problems
    return Action(capture, path, result.text, "updated" if result.text != current else "unchanged", read_text, result)


def _renamed(old_text: str, path: Path, capture: Capture, fresh: str) -> str:
    """A page whose seed was renamed: untouched, it is the fresh page; edited, only its ``source`` changes."""
    if untouched(old_text):
        return fresh
    page = parse_page(old_text, path.name)
    meta, _problems = page.typed(ReadingMeta)
    return dump(replace(meta, source=capture.source), page.body)


def plan(captures: list[Capture], found: Existing, entities: list[Entity], history: SeedHistory,
         update: bool = False) -> tuple[list[Action], list[Problem]]:
    """An action for each capture, and the problems that stop the import."""
    actions: list[Action] = []
    problems: list[Problem] = []
    taken = dict(found.taken)
    # In path order, so that of two new seeds with the same title the one whose path sorts first keeps the plain slug,
    # whatever order they were named in.
    for capture in sorted(captures, key=lambda c: c.source):
        text = compose_page(capture, entities)
        if capture.source in found.pages:
            path, page = found.pages[capture.source]
            outcome = _plan_existing(capture, path, page, text, entities, update, history)
            if isinstance(outcome, Action):
                actions.append(outcome)
            else:
                problems += outcome if isinstance(outcome, list) else [outcome]
            continue
        renamed = next((old for old, page_path in found.orphans.items() if found.hashes.get(page_path) == capture.sha256), None)
        if renamed is not None:
            # The same bytes under a new name: the seed was renamed. Its page follows it, edits and all.
            page_path = found.orphans.pop(renamed)
            old_text = page_path.read_text(encoding="utf-8")
            actions.append(Action(capture, page_path, _renamed(old_text, page_path, capture, text), "renamed", old_text))
            continue
        slug = slugify(capture.meta.title or Path(capture.source).stem)
        if slug in taken and taken[slug] != capture.source:
            # Checked against every slug reserved so far (existing pages and this plan's), so no two actions aim at one page.
            slug = disambiguate(slug, capture.source, taken)
        taken[slug] = capture.source
        actions.append(Action(capture, found.folder / f"{slug}.md", text, "new"))
    return actions, problems

