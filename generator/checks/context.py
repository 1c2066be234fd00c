"""Rules for context pages and the links to them: schema, aliases, missing pages, stale tooltips, unused pages. Pure."""

from __future__ import annotations

from generator.context.backlinks import Reference
from generator.context.entities import Entity
from generator.context.mentions import about_source, title_text
from generator.document.page import Page
from generator.document.schema import ReadingMeta
from generator.document.syntax import CONTEXT_LINK_RE
from generator.errors import Problem, error, warning
from generator.project import Project


def stale_titles(page: Page, entities: list[Entity], project: Project) -> list[Problem]:
    """Context links whose tooltip no longer matches the context page's summary, or that point nowhere."""
    by_slug = {e.slug: e for e in entities}
    problems: list[Problem] = []
    for number, line in enumerate(page.body.split("\n"), start=page.body_line + 1):
        for match in CONTEXT_LINK_RE.finditer(line):
            entity = by_slug.get(match.group("slug"))
            if entity is None and project.context_path(match.group("slug")).exists():
                continue  # the page exists but has errors of its own, reported there
            if entity is None:
                problems.append(error(page.path, number, match.start() + 1, f"no context page '{match.group('slug')}'"
                                      f" ({project.rel(project.context_path(match.group('slug')))})", "missing-context"))
            elif match.group("title") is not None and match.group("title") != title_text(entity):
                problems.append(warning(page.path, number, match.start() + 1, f"the tooltip of the link to '{entity.name}' is"
                                        " not its context summary any more: run `readings import --relink` on its seed (an unchanged seed is"
                                        " skipped by `--update`)", "stale-context-summary"))
    return problems


def stale_about(page: Page, entities: list[Entity]) -> list[Problem]:
    """The reading header's About the source must follow the publisher's context page."""
    meta, _problems = page.typed(ReadingMeta)
    about = about_source(meta.publisher, entities)
    if about and meta.about_source != about:
        return [warning(page.path, page.key_lines.get("about_source", 1), 1, "'about_source' differs from the publisher's"
                        " context page: run `readings import --relink` on its seed (an unchanged seed is skipped by"
                        " `--update`)", "stale-context-summary")]
    return []


def unmentioned(entities: list[Entity], refs: dict[str, list[Reference]], project: Project) -> list[Problem]:
    return [warning(project.rel(project.context_path(e.slug)), 1, 1, f"no reading mentions '{e.name}'", "unused-context")
            for e in entities if not refs.get(e.slug)]
