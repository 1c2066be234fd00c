"""Finding entities in an article's text, and choosing which mentions become context links. Pure."""

from __future__ import annotations

import functools
import re

from generator.context.entities import Entity
from generator.document.read import LinkSpan
from generator.document.schema import AboutSource
from generator.document.syntax import LINK_INSIDE, LINK_TEXT


def _name_pattern(name: str) -> str:
    # Word boundaries that also hold next to hyphens and apostrophes inside names.
    return r"(?<![\w-])" + re.escape(name) + r"(?![\w-](?<!'))(?!-\w)"


def mention_re(entity: Entity) -> re.Pattern[str]:
    """Names and aliases on word boundaries; all-capital ones (acronyms) case-sensitive, others not."""
    return _compiled(((entity.slug, tuple(entity.names)),))[0]


@functools.lru_cache(maxsize=64)
def _compiled(entities: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for all entities (one pass over a text), and the slug of each named group."""
    parts = []
    groups: dict[str, str] = {}
    names = sorted(((name, slug) for slug, all_names in entities for name in all_names), key=lambda item: (-len(item[0]), item[0]))
    for index, (name, slug) in enumerate(names):
        pattern = _name_pattern(name)
        group = f"g{index}"
        groups[group] = slug
        parts.append(f"(?P<{group}>{pattern if name.upper() == name else f'(?i:{pattern})'})")
    return re.compile("|".join(parts) or r"(?!x)x"), groups


def find_mentions(text: str, entities: list[Entity], excluded: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Every mention (start, end, slug) in ``text``, in reading order, outside ``excluded`` spans.

    One regular expression for all names, longest first, so "Hamid Karzai" wins over "Karzai".
    """
    folded = text.casefold()
    # A cheap substring test first: most texts name few entities, and a small pattern is fast.
    present = tuple((e.slug, tuple(e.names)) for e in entities if any(n.casefold() in folded for n in e.names))
    if not present:
        return []
    pattern, groups = _compiled(present)
    found: list[tuple[int, int, str]] = []
    for match in pattern.finditer(text):
        if excluded and any(match.start() < e and s < match.end() for s, e in excluded):
            continue
        found.append((match.start(), match.end(), groups[str(match.lastgroup)]))
    return found


def title_text(entity: Entity) -> str:
    """The summary as a Markdown link title: one line, straight double quotes made typographic."""
    return " ".join(entity.summary.split()).replace('"', "”").replace("\\", "/")


def plan_links(paragraphs: list[str], entities: list[Entity], kept: list[LinkSpan], skip: set[str],
               blocked: list[tuple[int, int]]) -> list[LinkSpan]:
    """Context links for a reading: ``kept`` (hand-placed or carried over) plus the first mention of every other entity.

    Offsets are in the article text (paragraphs joined by a blank line). A mention
    inside a Markdown link is passed over; so is one that would hold part or all of a
    ``blocked`` span (a passage): a link may sit inside a passage, never around one.
    """
    text = "\n\n".join(paragraphs)
    excluded = [m.span() for m in re.finditer(r"!?\[" + LINK_TEXT + r"\]\(" + LINK_INSIDE + r"\)|<[^>\n]*>|`[^`\n]*`", text)]

    def fits(start: int, end: int) -> bool:
        return all(e <= start or end <= s or (s <= start and end <= e) for s, e in blocked)

    links = [link for link in kept if fits(link.start, link.end)]
    linked = {link.slug for link in links}
    for start, end, slug in find_mentions(text, entities, excluded):
        if slug in linked or slug in skip:
            continue
        if not fits(start, end):
            continue  # it would hold a passage, or part of one
        if any(start < link.end and link.start < end for link in links):
            continue
        links.append(LinkSpan(slug, start, end))
        linked.add(slug)
    return sorted(links, key=lambda link: link.start)


def publisher_entity(publisher: str, entities: list[Entity]) -> Entity | None:
    """The context page of a reading's publisher, if there is one."""
    if not publisher:
        return None
    return next((e for e in entities if e.kind == "publisher" and mention_re(e).fullmatch(publisher)), None)


def about_source(publisher: str, entities: list[Entity]) -> AboutSource | None:
    """The reading header's "About the source" data, from the publisher's context page."""
    entity = publisher_entity(publisher, entities)
    return AboutSource(entity.slug, entity.summary) if entity else None
