"""What the site publishes for annotation tools, per reading: the W3C export and the fact-check markup.

The ``readings`` MkDocs plugin drives it: for each reading page, ``Publisher.page`` computes the
reading's ``AnnotationCollection`` (kept until the build ends) and returns what goes into the
page's head: a ``<link rel="describedby" type="application/ld+json">`` to the collection, and the
``ClaimReview`` script of its rated notes; ``Publisher.write`` then writes
``annotations/<slug>.jsonld`` and our vocabulary (``annotations/vocabulary.jsonld``) into the built
site. Provenance comes from git (``site.provenance``) and, for imported notes, from the page's
``note_origins``; a git name an entry of ``docs/people.yaml`` claims is published as that entry (``people``), and
the ClaimReview's ``author`` is who signed the review.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.annotations import claimreview, w3c
from generator.bibliography import Bibliography
from generator.bibliography.cite import configured_style
from generator.document.page import Page
from generator.document.schema import ReadingMeta
from generator.fsutil import atomic_write
from generator.people import People, schema_org, w3c_agent
from generator.project import ANNOTATIONS_DIR, Project
from generator.site.provenance import NoteProvenance


def origins(page: Page, provenance: dict[str, NoteProvenance], people: People | None = None,
            site_url: str = "") -> dict[str, w3c.Origin]:
    """Who wrote each note and when: the page's ``note_origins`` first, then git (a git name an entry of the people
    file claims is that entry, as a W3C Agent)."""
    meta, _problems = page.typed(ReadingMeta)
    claimed = people.by_git_name() if people is not None else {}
    out = {ident: w3c.Origin(change.added.author, change.added.time or change.added.date,
                             (change.updated.time or change.updated.date) if change.updated else "",
                             w3c_agent(claimed[change.added.author], site_url) if change.added.author in claimed else None)
           for ident, change in provenance.items()}
    for ident, origin in meta.note_origins.items():
        out[ident] = w3c.Origin(origin.by + (f" (via {origin.via})" if origin.via else ""), origin.time or origin.date.isoformat(),
                                origin.modified)
    return out


def reviewers(page: Page, people: People | None, site_url: str) -> list[dict[str, Any]]:
    """Who signed a reviewed reading (its ``review.by``, entries of the people file), as schema.org nodes."""
    meta, _problems = page.typed(ReadingMeta)
    if people is None or meta.review is None or meta.review.status != "reviewed":
        return []
    return [schema_org(person, site_url) for ident in meta.review.by if (person := people.get(ident)) is not None]


def collection_path(slug: str) -> str:
    """Where a reading's collection is, in the built site."""
    return f"{ANNOTATIONS_DIR}/{slug}.jsonld"


def site_of(project: Project, slug: str) -> w3c.Site:
    """The addresses a reading's collection names: all on the published site, each a file ``readings build`` writes."""
    return w3c.Site(project.reading_url(slug), project.site_url(collection_path(slug)),
                    project.site_url(f"{ANNOTATIONS_DIR}/{w3c.VOCABULARY_FILE}"), project.config.language, project.config.site_url)


@dataclass
class Publisher:
    project: Project
    bibliography: Bibliography | None
    people: People | None = None
    collections: dict[str, dict[str, Any]] = field(default_factory=dict)

    def page(self, slug: str, page: Page, provenance: dict[str, NoteProvenance], link: str) -> str:
        """The head HTML for one reading page; ``link`` is the collection's address relative to the page."""
        reading_url = self.project.reading_url(slug)
        site_url = self.project.config.site_url
        data = w3c.collection(slug, page, site_of(self.project, slug), origins(page, provenance, self.people, site_url),
                              self.bibliography, configured_style(self.project.config.markdown_extensions))
        self.collections[slug] = data
        explanations = {re.split(r"[#:]", item["id"])[-1]: item["body"][0]["value"] for item in data["first"]["items"]}
        reviews = claimreview.claim_reviews(page, reading_url, w3c.PUBLISHER, site_url, explanations,
                                            reviewers(page, self.people, site_url))
        # rel="describedby", not "alternate": Material's JavaScript takes every rel="alternate" link for a language
        # version of the site and fetches a sitemap.xml beside it.
        head = f'<link rel="describedby" type="application/ld+json" href="{link}" title="Annotations (W3C Web Annotation)">'
        return head + claimreview.script(reviews)

    def write(self, site_dir: Path) -> None:
        folder = site_dir / ANNOTATIONS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for slug, data in sorted(self.collections.items()):
            atomic_write(folder / f"{slug}.jsonld", w3c.dumps(data))
        vocabulary = w3c.vocabulary(self.project.site_url(f"{ANNOTATIONS_DIR}/{w3c.VOCABULARY_FILE}"))
        atomic_write(folder / w3c.VOCABULARY_FILE, json.dumps(vocabulary, ensure_ascii=False, indent=1) + "\n")
