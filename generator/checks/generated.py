"""The generated pages are current: listings, the context index and back-links say what the readings say.

A listing left stale (an import killed while refreshing, a reading edited by
hand) would show readers the wrong collection; ``readings import`` and
``readings build`` rewrite them, and this rule says so until one of them has run.
"""

from __future__ import annotations

from generator.cache import Cache
from generator.errors import InputError, Problem, error
from generator.people import PEOPLE_PAGE
from generator.project import BIBLIOGRAPHY_NAME, CONFIG_FILE, CONTEXT_DIR, CONTEXT_INDEX, PEOPLE_NAME, Project
from generator.site.generated import generated_pages, stale_generated
from generator.site.policies import DISCLOSURE, METHODOLOGY
from generator.site.sourcing import SOURCES


def _source(rel: str) -> str:
    """What a generated page is made from, as its stale line names it."""
    if rel == PEOPLE_PAGE:
        return f"{PEOPLE_NAME} (with the readings' review lines)"
    if rel == DISCLOSURE:
        return f"{CONFIG_FILE} (extra.publisher, extra.repository)"
    if rel == METHODOLOGY:
        return "the generator's definitions of the note kinds and verdicts"
    if rel == SOURCES:
        return f"{BIBLIOGRAPHY_NAME} with what cites it"
    if rel.startswith(f"{CONTEXT_DIR}/") and rel != f"{CONTEXT_DIR}/{CONTEXT_INDEX}":
        return "the readings that mention this entity"
    return "the readings"


def check_generated(project: Project, cache: Cache) -> list[Problem]:
    try:
        pages, generating = generated_pages(project, cache)
    except InputError:
        return []  # a page that cannot be read is reported by its own rules
    archives = project.rel(project.archives) + "/"
    problems = [p for p in generating if p.path.startswith(archives)]  # an archived copy that cannot be read
    for rel in stale_generated(project, pages):
        path = project.docs / rel
        what = ("is missing" if not path.exists() else f"no longer matches {_source(rel)}" if rel in pages
                else "is no longer generated")
        problems.append(error(project.rel(path), 1, 1, f"this generated page {what}: run `readings build` (or `readings import`)"
                              " to refresh the generated pages", "stale-generated"))
    return problems

