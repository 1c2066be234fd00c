"""``readings check``: validate reading and context pages. Each module is a family of rules returning problems.

Data flow: the pages to check --document.page--> ``Page`` --rules--> problems:

- ``schema.load`` (front-matter), ``annotations`` (the annotation layer and
  detached notes), ``html`` (raw and executable HTML), ``links`` (relative
  links), ``faithful`` (the article text against the seed), per page;
- ``collection`` (one page per seed, distinct slugs) and ``context`` (context
  pages, links to them, unused pages), across pages.

``check`` runs them all and returns the problems sorted; it writes nothing
but the per-page cache, and that only when it can take the project's lock
without waiting (a read-only checkout, or another command writing, just means
no cache is saved).
"""

from __future__ import annotations

from pathlib import Path

from generator.cache import Cache
from generator.checks.annotations import annotation_problems, check_detached
from generator.checks.collection import check_collection
from generator.checks.context import stale_about, stale_titles, unmentioned
from generator.checks.faithful import faithful_cached
from generator.checks.html import check_html
from generator.checks.links import check_links
from generator.context import backlinks, entities
from generator.document import read
from generator.document.page import Page, read_page
from generator.document.schema import ReadingMeta
from generator.errors import InputError, Problem
from generator.project import Project


def check_page(page: Page, path: Path, project: Project, cache: Cache | None = None) -> list[Problem]:
    """Every per-page rule for one reading page."""
    _meta, problems = page.typed(ReadingMeta)
    problems += annotation_problems(read.parse(page.body, page.body_line), page.path)
    problems += check_html(page)
    problems += check_detached(page)
    problems += check_links(page, path, project.docs)
    problems += faithful_cached(page, path, project, cache)
    return problems


def _read(paths: list[Path], project: Project) -> tuple[list[tuple[Path, Page]], list[Problem]]:
    pages: list[tuple[Path, Page]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            pages.append((path, read_page(path, project.rel(path))))
        except InputError as exc:
            problems += exc.problems
    return pages, problems


def check_context(readings: list[tuple[Path, Page]], project: Project, whole: bool, complete: bool) -> list[Problem]:
    """Context pages (schema, aliases), context links in readings, stale tooltips, unused pages.

    ``whole``: every reading is given; ``complete``: and every one could be read (else "unused" would be guesswork).
    """
    found, problems = entities.load(project)
    problems += entities.alias_conflicts(found, project)
    for _path, page in readings:
        problems += stale_titles(page, found, project)
        problems += stale_about(page, found)
    if whole and complete:
        refs = backlinks.gather(found, [pair for path, page in readings for pair in backlinks.page_references(path.stem, page, found)])
        problems += unmentioned(found, refs, project)
    return problems


def check(paths: list[Path], project: Project, cache: Cache | None = None) -> list[Problem]:
    """Check reading pages and context pages; with every reading given, also cross-page rules.

    A writer holding the lock passes its ``cache`` and saves it; without one, the
    cache is saved only if the lock is free.
    """
    in_context = [p for p in paths if p.resolve().parent == project.context]  # the generated index is not checked here
    reading_paths = [p for p in paths if p not in in_context]
    context_paths = [p for p in in_context if project.is_context(p)]
    own = cache is None
    cache = Cache(project.cache_file) if cache is None else cache
    pages, problems = _read(reading_paths, project)
    for path, page in pages:
        problems += check_page(page, path, project, cache)
    if own:
        cache.save_unlocked(project)
    problems += check_collection(pages)
    whole = {p.resolve() for p in reading_paths} == {p.resolve() for p in project.reading_paths()}
    if context_paths or whole:
        found = check_context(pages, project, whole, complete=len(pages) == len(reading_paths))
        shown = {project.rel(p) for p in reading_paths + context_paths}
        problems += [p for p in found if whole or p.path in shown]
    return sorted(set(problems))
