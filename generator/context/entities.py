"""Context pages as entities: loading and validating docs/context/*.md, and the alias rule."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from generator.document.page import Page, read_page
from generator.document.schema import EntityMeta
from generator.document.syntax import split_backlinks
from generator.errors import InputError, Problem, error, quoted
from generator.project import Project

# What a context page can be about: the ``kind`` key of its front-matter.
ENTITY_TYPES = ("person", "place", "organisation", "publisher", "event", "term")
ENTITY_TYPE_HEADINGS = {"person": "People", "place": "Places", "organisation": "Organisations", "publisher": "Publishers",
                        "event": "Events", "term": "Terms"}
WIKIDATA_RE = re.compile(r"Q[1-9]\d*")


@dataclass
class Entity:
    slug: str
    name: str
    kind: str  # one of ENTITY_TYPES
    summary: str
    aliases: list[str] = field(default_factory=list)
    body: str = ""

    @property
    def names(self) -> list[str]:
        """Name and aliases, longest first, so 'Hamid Karzai' wins over 'Karzai'."""
        return sorted({self.name, *self.aliases}, key=lambda n: (-len(n), n))


def validate(page: Page) -> tuple[EntityMeta, list[Problem]]:
    """A context page's front-matter, typed, and its problems."""
    meta, problems = page.typed(EntityMeta)
    if meta.kind and meta.kind not in ENTITY_TYPES:
        close = difflib.get_close_matches(meta.kind, ENTITY_TYPES, n=1)
        problems.append(error(page.path, page.key_lines.get("kind", 1), 1, f"unknown context kind {quoted(meta.kind)}"
                              + (f"; did you mean '{close[0]}'?" if close else f"; use one of: {', '.join(ENTITY_TYPES)}"), "bad-value"))
    if "wikidata" in page.meta and not WIKIDATA_RE.fullmatch(str(page.meta["wikidata"])):
        problems.append(error(page.path, page.key_lines.get("wikidata", 1), 1,
                              f"'wikidata' must look like Q42, not {quoted(page.meta['wikidata'])}", "bad-value"))
    return meta, problems


def own_body(page: Page) -> str:
    """The editor-written part of a context page's body (around the generated back-links)."""
    head, _section, tail = split_backlinks(page.body)
    return (head.rstrip() + "\n\n" + tail.strip("\n")).rstrip()


def load(project: Project) -> tuple[list[Entity], list[Problem]]:
    """Every context page, validated; pages with errors are left out and reported."""
    entities: list[Entity] = []
    problems: list[Problem] = []
    for path in project.context_paths():
        try:
            page = read_page(path, project.rel(path))
        except InputError as exc:
            problems += exc.problems
            continue
        meta, found = validate(page)
        problems += found
        if any(p.is_error for p in found):
            continue
        entities.append(Entity(path.stem, meta.name, meta.kind, meta.summary, list(meta.aliases), own_body(page)))
    return entities, problems


def alias_conflicts(entities: list[Entity], project: Project) -> list[Problem]:
    """A name or alias claimed by two context pages is an error: a mention could link to either."""
    owner: dict[str, str] = {}
    problems: list[Problem] = []
    for entity in entities:
        for name in entity.names:
            key = name if name.upper() == name else name.lower()
            if key in owner and owner[key] != entity.slug:
                problems.append(error(project.rel(project.context_path(entity.slug)), 1, 1,
                                      f"the name or alias '{name}' is also claimed by {project.docs_rel(project.context_path(owner[key]))}",
                                      "alias-conflict"))
            owner.setdefault(key, entity.slug)
    return problems
