"""Back-links: for each context page, the readings and annotations that refer to it; and the context index.

Data flow: each reading page --page_references--> (entity, ``Reference``) pairs
(cached per page by ``site.generated``) --gather--> references by entity
--backlinks_section--> the generated "Mentioned in" section of each context
page; entities --index_page--> docs/context/index.md. Pure: pages in, text out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from generator.context.entities import ENTITY_TYPE_HEADINGS, ENTITY_TYPES, Entity
from generator.context.mentions import find_mentions, publisher_entity
from generator.document import read
from generator.document.page import Page
from generator.document.schema import ReadingMeta
from generator.document.syntax import (
    BACKLINKS_HEADING,
    BACKLINKS_MARK,
    BACKLINKS_MENTIONS,
    BACKLINKS_NONE,
    BACKLINKS_NOTES,
    BACKLINKS_PUBLISHED,
    CONTEXT_LINK_RE,
    GENERATED_MARK,
    mention_anchor,
    split_backlinks,
)
from generator.document.text import md_escape, short, yaml_str
from generator.project import CONTEXT_DIR, READINGS_DIR


@dataclass
class Reference:
    reading: str  # slug
    title: str
    anchor: str  # "" when the mention is not linked
    relation: str  # "mention", "annotation" or "publisher"
    label: str = ""


def page_references(slug: str, page: Page, entities: list[Entity]) -> list[tuple[str, Reference]]:
    """(entity slug, reference) pairs for one reading: its mentions, its annotations about entities, its publisher."""
    pairs: list[tuple[str, Reference]] = []
    slugs = {e.slug for e in entities}
    meta, _problems = page.typed(ReadingMeta)
    title = meta.title or slug
    layer = read.locate(page.body)
    linked = {link.slug for link in layer.links}
    mentioned = {m[2] for m in find_mentions(layer.text, entities)} | linked
    for entity_slug in sorted(mentioned & slugs):
        anchor = mention_anchor(entity_slug) if entity_slug in linked else ""
        pairs.append((entity_slug, Reference(slug, title, anchor, "mention")))
    for ann in read.parse(page.body).annotations:
        if ann.id not in layer.spans:
            continue
        start, end = layer.spans[ann.id]
        about = {m[2] for m in find_mentions(layer.text[start:end] + "\n" + ann.note, entities)}
        about |= {link.slug for link in layer.links if link.start < end and start < link.end}
        about |= {m.group("slug") for m in CONTEXT_LINK_RE.finditer(ann.note)}  # a note that links a context page is about it
        pairs += [(entity_slug, Reference(slug, title, ann.id, "annotation", read.strip_markup(ann.note)))
                  for entity_slug in sorted(about & slugs)]
    publisher = publisher_entity(meta.publisher, entities)
    if publisher:
        pairs.append((publisher.slug, Reference(slug, title, "", "publisher")))
    return pairs


def gather(entities: list[Entity], pairs: list[tuple[str, Reference]]) -> dict[str, list[Reference]]:
    """References grouped by entity, in a stable order."""
    refs: dict[str, list[Reference]] = {e.slug: [] for e in entities}
    for entity_slug, reference in pairs:
        if entity_slug in refs:
            refs[entity_slug].append(reference)
    for entity_slug in refs:
        refs[entity_slug].sort(key=lambda r: (r.title.lower(), r.reading, r.relation, r.anchor))
    return refs


def fingerprint(entities: list[Entity]) -> str:
    """What references depend on in the context pages: a cache key."""
    return hashlib.sha256(repr([(e.slug, e.kind, e.names) for e in entities]).encode()).hexdigest()[:16]


def backlinks_section(entity: Entity, refs: list[Reference]) -> str:
    reading = f"../{READINGS_DIR}"
    lines = [BACKLINKS_HEADING, "", BACKLINKS_MARK, ""]
    published = [r for r in refs if r.relation == "publisher"]
    mentions = [r for r in refs if r.relation == "mention"]
    notes = [r for r in refs if r.relation == "annotation"]
    if published:
        lines += [BACKLINKS_PUBLISHED, ""]
        lines += [f"- [{md_escape(r.title)}]({reading}/{r.reading}.md)" for r in published] + [""]
    if mentions:
        lines += [BACKLINKS_MENTIONS, ""]
        for r in mentions:
            where = f" ([first mention]({reading}/{r.reading}.md#{r.anchor}))" if r.anchor else ""
            lines.append(f"- [{md_escape(r.title)}]({reading}/{r.reading}.md){where}")
        lines.append("")
    if notes:
        lines += [BACKLINKS_NOTES, ""]
        lines += [f"- [{md_escape(short(r.label))}]({reading}/{r.reading}.md#{r.anchor}) in *{md_escape(r.title)}*" for r in notes]
        lines.append("")
    if not (published or mentions or notes):
        lines += [BACKLINKS_NONE, ""]
    return "\n".join(lines).rstrip() + "\n"


def context_page_text(page_text: str, entity: Entity, refs: list[Reference]) -> str:
    """The context page with its generated back-links section replaced (added at the end when it has none); the
    editor's text before and after it is kept as it is."""
    head, _section, tail = split_backlinks(page_text)
    tail = tail.strip("\n")
    return f"{head.rstrip()}\n\n{backlinks_section(entity, refs)}" + (f"\n{tail}\n" if tail else "")


def index_page(entities: list[Entity]) -> str:
    """The context index (docs/context/index.md), grouped by kind of entity."""
    title = CONTEXT_DIR.capitalize()
    lines = ["---", f"title: {yaml_str(title)}", "---", "", GENERATED_MARK, "", f"# {title}", "",
             "People, places, organisations, publishers, events and terms the readings mention, with one line of"
             " context each and a page with more.", ""]
    for kind in ENTITY_TYPES:
        group = sorted((e for e in entities if e.kind == kind), key=lambda e: (e.name.lower(), e.slug))
        if not group:
            continue
        lines += [f"## {ENTITY_TYPE_HEADINGS[kind]}", ""]
        lines += [f"- [{md_escape(e.name)}]({e.slug}.md): {md_escape(e.summary)}" for e in group]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
