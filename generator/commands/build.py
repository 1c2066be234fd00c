"""``readings build``: check every page (errors stop here), refresh the generated pages, then build the site strictly."""

from __future__ import annotations

from pathlib import Path

from generator import checks
from generator.cache import Cache
from generator.commands import report, waiting
from generator.commands.check import page_files
from generator.errors import InputError
from generator.fsutil import remove_stale_temporaries
from generator.project import Project
from generator.site.generated import refresh
from generator.site.mkdocs import mkdocs_build


def prepare(project: Project) -> None:
    """Before building anything: every page checked (errors stop here), generated pages refreshed. Hold the lock."""
    remove_stale_temporaries(project.docs)
    cache = Cache(project.cache_file)
    problems = checks.check(page_files(project, []), project, cache, generated=False)  # refreshed right below
    cache.save()
    if any(p.is_error for p in problems):
        raise InputError(problems)
    report(problems)
    refresh(project)


def run(project: Project, site_dir: Path | None = None, wait: float = 60.0) -> int:
    target = project.site_dir if site_dir is None else site_dir if site_dir.is_absolute() else project.root / site_dir
    with project.lock(wait, waiting):
        prepare(project)
        mkdocs_build(project, target)
    print(f"built {target}")
    return 0
