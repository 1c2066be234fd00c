"""The generated pages are current: listings, the context index and back-links say what the readings say.

A listing left stale (an import killed while refreshing, a reading edited by
hand) would show readers the wrong collection; ``readings import`` and
``readings build`` rewrite them, and this rule says so until one of them has run.
"""

from __future__ import annotations

from generator.cache import Cache
from generator.errors import InputError, Problem, error
from generator.project import Project
from generator.site.generated import generated_pages, stale_generated


def check_generated(project: Project, cache: Cache) -> list[Problem]:
    try:
        pages, generating = generated_pages(project, cache)
    except InputError:
        return []  # a page that cannot be read is reported by its own rules
    archives = project.rel(project.archives) + "/"
    problems = [p for p in generating if p.path.startswith(archives)]  # an archived copy that cannot be read
    for rel in stale_generated(project, pages):
        path = project.docs / rel
        what = "is missing" if not path.exists() else "holds what the readings no longer say" if rel in pages else "is no longer generated"
        problems.append(error(project.rel(path), 1, 1, f"this generated page {what}: run `readings build` (or `readings import`)"
                              " to refresh the generated pages", "stale-generated"))
    return problems

