"""What a dirty build (``readings serve``) must rebuild besides the pages whose Markdown changed.

MkDocs' dirty build renders a page only when its Markdown is newer than its
HTML, which is what lets the preview of a collection of thousands reload an
edited reading in a second. Some inputs reach many pages without touching their
Markdown, and this module finds them:

- the templates (``overrides/*.html``), the configuration (``mkdocs.yml``) and who the people are
  (``docs/people.yaml``, ``.mailmap``: every reading's review line and notes link to them): every page, a full rebuild;
- the bibliography (``docs/sources.yaml``): the pages that cite it (their
  citations and References are formatted from it).

Nothing else does: a context page's summary reaches readings as their links'
titles, written in the readings' own Markdown (``readings check`` reports the
stale ones), and the listings are generated pages, rewritten when they change.

Data flow: ``Inputs.snapshot`` at each build (path -> modification time and
size) --``plan`` against the previous build's--> a ``Rebuild`` (which pages,
and why), which the plugin logs and carries out by removing those pages' HTML
(``stale_outputs``), so MkDocs renders them again. Pages that disappeared lose
their HTML too, so the preview does not keep serving them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.project import Project

Stamps = dict[Path, tuple[int, int]]


def _stamps(paths: list[Path]) -> Stamps:
    found: Stamps = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def _changed(before: Stamps, after: Stamps) -> list[Path]:
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


@dataclass(frozen=True)
class Inputs:
    """What reaches pages without being their Markdown, as it stood at one build."""

    everything: Stamps  # templates and configuration: a change rebuilds every page
    bibliography: Stamps

    @classmethod
    def snapshot(cls, project: Project, config_files: list[Path]) -> Inputs:
        templates = sorted(project.overrides.rglob("*.html")) if project.overrides.is_dir() else []
        return cls(_stamps([*templates, *config_files, project.people_file, project.mailmap_file]), _stamps([project.bibliography_file]))


@dataclass(frozen=True)
class Rebuild:
    """Pages (docs-relative paths) a dirty build must render although their Markdown did not change, and why."""

    everything: bool = False
    pages: frozenset[str] = frozenset()
    reasons: list[str] = field(default_factory=list)


def plan(before: Inputs | None, after: Inputs, project: Project, sources: Callable[[], dict[str, str]]) -> Rebuild:
    """What changed between two builds' inputs, and the pages it reaches; ``sources`` gives every page's Markdown by
    docs-relative path (called only when a change needs it)."""
    if before is None:
        return Rebuild()
    changed = _changed(before.everything, after.everything)
    if changed:
        names = ", ".join(project.rel(p) for p in changed[:3]) + (" …" if len(changed) > 3 else "")
        return Rebuild(everything=True, reasons=[f"{names} changed: every page is rebuilt"])
    if _changed(before.bibliography, after.bibliography):
        citing = frozenset(path for path, text in sources().items() if "@" in text)
        return Rebuild(pages=citing, reasons=[f"{project.rel(project.bibliography_file)} changed: the {len(citing)} page(s)"
                                              " that may cite it are rebuilt"])
    return Rebuild()


def stale_outputs(rebuild: Rebuild, outputs: dict[str, Path], gone: list[Path]) -> list[Path]:
    """The built files to remove: the HTML of the pages to rebuild (``outputs``: docs-relative path -> built file)
    and what pages that no longer exist left behind."""
    chosen = outputs.values() if rebuild.everything else [outputs[p] for p in sorted(rebuild.pages) if p in outputs]
    return sorted({*chosen, *gone})
