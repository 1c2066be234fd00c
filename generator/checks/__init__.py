"""``readings check``: validate everything the site publishes. Each module is a family of rules returning problems.

Data flow: every file under docs/ (or the files given) --classify--> a reading,
a context page, a generated page, another page, or a file that must not be
published (a symbolic link, a script, anything but Markdown and images) -->
the rules for its kind:

- every Markdown page: front-matter against its schema (``document.schema``),
  ``html`` (raw HTML, addresses, and the page rendered without the sanitiser),
  ``links`` (relative links);
- readings: ``annotations`` (the annotation layer, reserved blocks, detached
  notes), ``faithful`` (the article text and generated blocks against the seed)
  and ``sourcing`` (citations in notes; reviewers named in ``docs/people.yaml``; with ``publish``, review status);
- the site configuration: ``extra.publisher`` and ``extra.repository`` (``project.SiteConfig``); with
  ``publish``, every disclosure ``extra.publisher`` requires;
- context pages: their schema and kinds (``context.entities``), citations, ``as_of``;
- the bibliography (``docs/sources.yaml``, ``bibliography.load``): its entries;
- the people file (``docs/people.yaml``, ``people.load``): its entries;
- across pages, when every page is checked: ``collection`` (one page per seed,
  distinct slugs), ``context`` (aliases, links to context pages, unused pages),
  ``generated`` (listings and back-links current) and unused bibliography entries.

``check`` returns the problems sorted. It writes nothing but the per-page cache,
and that only when it can take the project's lock without waiting (a read-only
checkout, or another command writing, just means no cache is saved).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from pathlib import Path

from generator import bibliography as bibliography_file
from generator import people as people_file
from generator.bibliography import Bibliography
from generator.bibliography.archive import archived_keys, name_clashes, unarchived_problems
from generator.bibliography.cite import CitationError, cited_keys, configured_style, style_file
from generator.cache import Cache, stamp
from generator.checks.annotations import (
    annotation_problems,
    check_detached,
    long_introduction,
    render_warnings,
    rendered_passage_problems,
    reserved_blocks,
)
from generator.checks.collection import check_collection
from generator.checks.context import stale_about, stale_titles, unmentioned
from generator.checks.desk import rated_twice_across, rating_desk_problems, undated_present_problems
from generator.checks.faithful import faithful_cached
from generator.checks.generated import check_generated
from generator.checks.html import check_html
from generator.checks.language import language_problems
from generator.checks.links import check_links, outside_link_problems
from generator.checks.render import Renderer
from generator.checks.sourcing import as_of_problems, citation_problems, rating_problems, review_problems, unused_entries
from generator.context import backlinks, entities
from generator.document import correction_refs, read
from generator.document.page import Page, parse_page, read_page
from generator.document.schema import PageMeta, ReadingMeta
from generator.document.syntax import is_generated, split_backlinks
from generator.errors import InputError, Problem, Severity, error
from generator.fsutil import read_here
from generator.people import People
from generator.project import CONTEXT_INDEX, MARKUP_SUFFIXES, PUBLISHED_SUFFIXES, Project, unsafe_name
from generator.site.generated import generated_pages


class Kind(enum.Enum):
    READING = "reading"
    CONTEXT = "context"
    GENERATED = "generated"
    PAGE = "page"


def files_to_check(project: Project) -> list[Path]:
    """Every file under docs/, symbolic links included (never followed)."""
    return sorted(p for p in project.docs.rglob("*") if p.is_symlink() or p.is_file())


def _unpublishable(path: Path, project: Project) -> Problem | None:
    shown = project.rel(path)
    if path.is_symlink():
        return error(shown, 1, 1, "a symbolic link: MkDocs would publish what it points to, even outside the project;"
                     " put the file itself here", "symlink")
    bad = unsafe_name(path.relative_to(project.docs).as_posix()) if path.is_relative_to(project.docs) else None
    if bad is not None:
        return error(shown, 1, 1, f"the name '{bad}' has characters a page address cannot carry safely: use letters, digits,"
                     " '-', '_' and '.' only", "bad-file-name")
    if path.resolve() in (project.bibliography_file, project.people_file):
        return None
    if path.suffix.lower() not in PUBLISHED_SUFFIXES:
        served = " (a server would serve it as a document that can run script)" if path.suffix.lower() in MARKUP_SUFFIXES else ""
        return error(shown, 1, 1, f"'{path.suffix or path.name}' files are not published{served}: the docs folder holds Markdown"
                     " pages and images; scripts, styles and HTML belong to the theme (overrides/)", "unpublishable-file")
    return None


def classify(path: Path, page: Page, project: Project) -> Kind:
    parent = path.resolve().parent
    if parent == project.readings:
        return Kind.READING
    if parent == project.context and path.name != CONTEXT_INDEX:
        return Kind.CONTEXT
    if is_generated(page.body):
        return Kind.GENERATED
    return Kind.PAGE


def _rules_cached(page: Page, path: Path, project: Project, cache: Cache, renderer: Renderer) -> list[Problem]:
    """The HTML and annotation rules for a page, remembered while the file does not change (rendering costs)."""
    def compute() -> list[list[object]]:
        rendered = renderer.render(page.body)
        found = check_html(page, rendered)
        if project.is_reading(path):
            doc = read.parse(page.body, page.body_line)
            found += annotation_problems(doc, page.path) + rendered_passage_problems(doc, rendered, page.path)
        if not any(p.is_error for p in found):  # the build's own warnings, when the rules above saw nothing
            found += render_warnings(renderer.warnings, page.body, page.body_line, page.path)
        return [[p.path, p.line, p.col, p.severity.value, p.message, p.code] for p in found]

    # Keyed by the file, and by the text checked where it is not the file's (a stale generated page: see check()).
    key: list[object] = [stamp(path), hashlib.sha256(page.body.encode()).hexdigest()]
    rows = cache.get("rules", project.rel(path), key, compute)
    return [Problem(str(a), int(b), int(c), Severity(str(d)), str(e), str(f)) for a, b, c, d, e, f in rows]  # type: ignore[call-overload]


def _language_cached(page: Page, path: Path, project: Project, cache: Cache) -> list[Problem]:
    """The language rules of a reading (``checks.language``), remembered while the file does not change (identifying
    a text's language costs a few milliseconds a page)."""
    def compute() -> list[list[object]]:
        return [[p.path, p.line, p.col, p.severity.value, p.message, p.code] for p in language_problems(page)]

    key: list[object] = [stamp(path), hashlib.sha256(page.body.encode()).hexdigest(), str(page.meta.get("language")),
                         str(page.meta.get("title")), page.key_lines.get("language", 1), page.key_lines.get("title", 1)]
    rows = cache.get("language", project.rel(path), key, compute)
    return [Problem(str(a), int(b), int(c), Severity(str(d)), str(e), str(f)) for a, b, c, d, e, f in rows]  # type: ignore[call-overload]


def check_page(page: Page, path: Path, kind: Kind, project: Project, cache: Cache, renderer: Renderer,
               bibliography: Bibliography, publish: bool = False, people: People | None = None,
               today: dt.date | None = None) -> list[Problem]:
    """Every per-page rule for one Markdown page of the given kind (``today``: the date the desk rules measure
    sources' age from when a page vouches for no date of its own)."""
    today = today or dt.date.today()
    years = project.config.stale_after_years
    problems = _rules_cached(page, path, project, cache, renderer)
    problems += check_links(page, path, project.docs)
    problems += outside_link_problems(page, project.config.site_url)
    problems += citation_problems(page, bibliography, is_reading=kind is Kind.READING)
    if kind is Kind.READING:
        problems += page.typed(ReadingMeta)[1]
        problems += correction_refs.problems(page)
        problems += reserved_blocks(page)
        problems += _language_cached(page, path, project, cache)
        problems += long_introduction(page)
        problems += check_detached(page)
        problems += faithful_cached(page, path, project, cache)
        problems += review_problems(page, publish, people)
        problems += rating_problems(page, project.config.site_url)
        problems += rating_desk_problems(page)
        problems += undated_present_problems(page, bibliography, years, today, is_reading=True)
    elif kind is Kind.CONTEXT:
        problems += entities.validate(page)[1]
        problems += as_of_problems(page)
        problems += undated_present_problems(page, bibliography, years, today, is_reading=False)
    else:
        problems += page.typed(PageMeta)[1]
    return problems


def check_context(readings: list[tuple[Path, Page]], project: Project, whole: bool) -> list[Problem]:
    """Context pages (schema, aliases), context links in readings, stale tooltips, unused pages."""
    found, problems = entities.load(project)
    problems += entities.alias_conflicts(found, project)
    for _path, page in readings:
        problems += stale_titles(page, found, project)
        problems += stale_about(page, found)
    if whole:
        refs = backlinks.gather(found, [pair for path, page in readings for pair in backlinks.page_references(path.stem, page, found)])
        problems += unmentioned(found, refs, project)
    return problems


def _fresh_generated(project: Project, cache: Cache) -> dict[Path, str]:
    """What import or build would write into each generated page now (empty where that cannot be worked out: the
    pages it would come from are reported by their own rules)."""
    try:
        pages, _problems = generated_pages(project, cache)
    except (InputError, CitationError):  # an unreadable page, an unknown citation style: reported by their own rules
        return {}
    return {(project.docs / rel).resolve(): text for rel, text in pages.items()}


def check(paths: list[Path], project: Project, cache: Cache | None = None, publish: bool = False,
          generated: bool = True, today: dt.date | None = None) -> list[Problem]:
    """Check the given files (every file under docs/ when ``paths`` is all of them, with the cross-page rules).

    ``publish``: what the publishing workflow runs; drafts fail. ``generated=False``: leave out
    the rule that generated pages are current (a build refreshes them right after). A writer holding the
    lock passes its ``cache`` and saves it; without one, the cache is saved only if the lock is free.
    """
    own = cache is None
    cache = Cache(project.cache_file) if cache is None else cache
    renderer = Renderer(project)
    bibliography, bibliography_problems = bibliography_file.load(project)
    people, people_problems = people_file.load(project)
    problems: list[Problem] = []
    if project.people_file.resolve() in {p.resolve() for p in paths}:
        problems += people_problems
    if project.bibliography_file.resolve() in {p.resolve() for p in paths}:
        problems += bibliography_problems
        try:  # the style the site formats citations with (mkdocs.yml): the build would stop on it
            style_file(configured_style(project.config.markdown_extensions))
        except CitationError as exc:
            problems.append(error(project.rel(project.config_file), 1, 1, str(exc), "csl-style"))
    # mkdocs.yml's extra.publisher and extra.repository (read once, project.SiteConfig); with publish, the disclosures
    # readers are owed (who runs, owns and funds the site, and a contact) must all be there.
    problems += [*project.config.problems, *(project.config.publish_gaps if publish else ())]
    pages: dict[Kind, list[tuple[Path, Page]]] = {kind: [] for kind in Kind}
    unreadable = False  # a reading that cannot be read: 'unused context page' would be guesswork
    fresh = _fresh_generated(project, cache) if {p.resolve() for p in paths} >= {p.resolve() for p in files_to_check(project)} else {}
    for path in paths:
        refusal = _unpublishable(path, project)
        if refusal or path.suffix.lower() != ".md":
            problems += [refusal] if refusal else []
            continue
        try:
            page = read_page(path, project.rel(path))
        except InputError as exc:
            problems += exc.problems
            unreadable = True
            continue
        # A generated page (or a context page's back-links) the readings have moved past: the site gets what import or
        # build writes in its place, so that is what is checked ('stale-generated' says to refresh it), less what is
        # generated from the readings (their own rules report it, at the reading; once is enough).
        generated_from = None
        regenerated = fresh.get(path.resolve())
        if regenerated is not None and regenerated != read_here(path, page.path, "unreadable").decode("utf-8", "replace"):
            page = parse_page(regenerated, page.path)
            before, section, _after = split_backlinks(regenerated)
            generated_from = before.count("\n") + 2 if section else 1
        if page.body_line == 0:
            problems.append(error(page.path, 1, 1, "a page starts with YAML front-matter between '---' lines (at least"
                                  " 'title:'): without it, MkDocs reads 'Key: value' lines at the top as metadata", "front-matter"))
        kind = classify(path, page, project)
        if path.resolve().parent != project.readings and path.resolve().is_relative_to(project.readings):
            problems.append(error(page.path, 1, 1, f"readings live directly in {project.rel(project.readings)}/, not in a"
                                  " subfolder", "nested-reading"))
        pages[kind].append((path, page))
        found = check_page(page, path, kind, project, cache, renderer, bibliography, publish, people, today)
        problems += [p for p in found if generated_from is None or p.line < generated_from]
    problems += check_collection(pages[Kind.READING])
    given = {p.resolve() for p in paths}
    all_readings = given >= {p.resolve() for p in project.reading_paths()}  # the cross-reading rules can speak
    if all_readings:
        problems += rated_twice_across(pages[Kind.READING])
    if pages[Kind.CONTEXT] or all_readings:
        found = check_context(pages[Kind.READING], project, all_readings and not unreadable)
        shown = {project.rel(p) for p in paths}
        problems += [p for p in found if all_readings or p.path in shown]
    if given >= {p.resolve() for p in files_to_check(project)} and not unreadable:
        cited = {key for kind_pages in pages.values() for _path, page in kind_pages for _note, key in cited_keys(page.body)}
        problems += unused_entries(bibliography, cited) + name_clashes(bibliography)
        if publish:
            problems += unarchived_problems(bibliography, cited, archived_keys(project.archives, cited))
    if generated and given >= {p.resolve() for p in files_to_check(project)} and not any(p.is_error for p in problems):
        problems += check_generated(project, cache)  # only on a valid collection: otherwise it repeats the errors above
    if own:
        cache.save_unlocked(project)
    return sorted(set(problems))
