"""Fact-check markup: a reviewed reading's rated notes as schema.org ``ClaimReview`` JSON-LD. Pure.

A ``claim`` or ``correction`` note may carry a rating (front-matter ``ratings``, ``schema.Rating``): a verdict on the
scale ``schema.RATING_SCALE`` and, optionally, who made the claim and a short summary of it. Once the reading is
reviewed, each rated note becomes one ``ClaimReview`` in the page's head: ``claimReviewed`` (the summary, or the
passage as the text says it), ``reviewRating`` (the verdict as ``alternateName`` and ``name``, on the numeric scale
``schema.RATING_VALUES`` where it has a place there, the note as ``ratingExplanation``), ``url`` (the passage on the
site), ``author`` (who signed the review: entries of ``docs/people.yaml``; else the publisher of the readings),
``datePublished`` (the review's date), and ``itemReviewed``: a ``Claim`` whose ``author`` is the claimant (the
article's author unless the rating names another) and whose ``appearance`` is the article, with its author,
publisher and date; its ``firstAppearance`` (a ``CreativeWork``, and the claim's ``datePublished``) is the rating's
``first_appearance`` where the desk gives one, else the article when its author made the claim (a claim the article
only reports first appeared elsewhere: none is guessed). A draft carries none: a
verdict is published when the desk has signed it. A detached note (``read.page_notes``) keeps its verdict, shown in
the "Detached notes" block, and has no passage to review: it publishes none.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from generator.annotations.text import plain
from generator.document import read
from generator.document.page import Page
from generator.document.schema import (
    RATED_KINDS,
    RATING_MEANINGS,
    RATING_VALUES,
    FirstAppearance,
    Rating,
    ReadingMeta,
    is_draft,
)


def _rated(page: Page, meta: ReadingMeta) -> Iterator[tuple[str, Rating, str, read.PageNote]]:
    """Each rated note on a passage, in reading order: its id, rating, passage (as a reader sees it) and note."""
    layer = read.locate(page.body)
    shown = plain(layer.text)
    notes = read.page_notes(page.body, page.body_line)
    for ident in sorted(meta.ratings, key=lambda i: layer.spans.get(i, (1 << 30, 0))):
        note = notes.get(ident)
        if note is None or not note.attached or ident not in layer.spans or note.kind not in RATED_KINDS:
            continue  # a detached note has no passage to review (it keeps its verdict); readings check reports the rest
        start, end = shown.span(*layer.spans[ident])
        yield ident, meta.ratings[ident], " ".join(shown.text[start:end].split()), note


def reviewed_claims(page: Page) -> dict[str, str]:
    """What each rated note on a passage publishes as ``claimReviewed``: its rating's summary, else the passage."""
    meta, _problems = page.typed(ReadingMeta)
    return {ident: rating.claim or passage for ident, rating, passage, _note in _rated(page, meta)}


def _people(names: Sequence[str]) -> dict[str, Any] | list[dict[str, Any]]:
    people = [{"@type": "Person", "name": name} for name in names]
    return people[0] if len(people) == 1 else people


def first_appearance(first: FirstAppearance) -> dict[str, Any]:
    """A rating's ``first_appearance`` as the schema.org ``CreativeWork`` where the claim first appeared."""
    out: dict[str, Any] = {"@type": "CreativeWork"}
    if first.title:
        out["name"] = first.title
    if first.url:
        out["url"] = first.url
    if first.publisher:
        out["publisher"] = {"@type": "Organization", "name": first.publisher}
    return out | {"datePublished": first.date.isoformat()}


def rating(verdict: str, explanation: str) -> dict[str, Any]:
    """A verdict as a schema.org ``Rating``: its words always, its number only where it has one (README)."""
    label = verdict.capitalize()
    out: dict[str, Any] = {"@type": "Rating", "name": f"{label}: {RATING_MEANINGS[verdict]}", "alternateName": label}
    if verdict in RATING_VALUES:
        out |= {"ratingValue": RATING_VALUES[verdict], "bestRating": max(RATING_VALUES.values()),
                "worstRating": min(RATING_VALUES.values())}
    return out | {"ratingExplanation": explanation}


def claim_reviews(page: Page, reading_url: str, publisher: str, publisher_url: str = "",
                  explanations: dict[str, str] | None = None,
                  reviewers: Sequence[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """One ``ClaimReview`` per rated note of a reviewed reading, in reading order; none for a draft or without an address.

    ``reviewers``: who signed the review, as schema.org Person or Organization nodes (``people.schema_org``), its
    ``author``; without them, the ``publisher`` is."""
    meta, _problems = page.typed(ReadingMeta)
    if not meta.ratings or is_draft(meta) or meta.review is None or not reading_url:
        return []
    appearance: dict[str, Any] = {"@type": "Article", "headline": meta.title}
    if meta.url:
        appearance["url"] = meta.url
    if meta.authors:
        appearance["author"] = _people(meta.authors)
    if meta.publisher:
        appearance["publisher"] = {"@type": "Organization", "name": meta.publisher}
    if meta.published:
        appearance["datePublished"] = meta.published.isoformat()
    desk: dict[str, Any] = {"@type": "Organization", "name": publisher, **({"url": publisher_url} if publisher_url else {})}
    author: dict[str, Any] | list[dict[str, Any]] = desk if not reviewers else dict(reviewers[0]) if len(reviewers) == 1 else list(reviewers)
    reviews = []
    for ident, given, passage, note in _rated(page, meta):
        claim: dict[str, Any] = {"@type": "Claim"}
        by_author = not given.claimant or given.claimant in meta.authors
        if given.claimant:
            claim["author"] = {"@type": given.claimant_type, "name": given.claimant}
        elif meta.authors:
            claim["author"] = _people(meta.authors)
        elif meta.publisher:  # no byline: the outlet speaks
            claim["author"] = {"@type": "Organization", "name": meta.publisher}
        claim["appearance"] = appearance
        if given.first_appearance is not None:  # where the desk found the claim first: that work, on its date
            claim["firstAppearance"] = first_appearance(given.first_appearance)
            claim["datePublished"] = given.first_appearance.date.isoformat()
        elif by_author:  # the article is where its author's claim first appeared, on the article's date
            claim["firstAppearance"] = appearance
            if meta.published:
                claim["datePublished"] = meta.published.isoformat()
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{reading_url}#{ident}",
            "claimReviewed": given.claim or passage,
            "itemReviewed": claim,
            "author": author,
            "reviewRating": rating(given.verdict, (explanations or {}).get(ident) or note.text),
        }
        if meta.review.date:
            review["datePublished"] = meta.review.date.isoformat()
        reviews.append(review)
    return reviews


# A note's list item and its label (badge, then the kind's name), as site.mdext writes them.
VERDICT_RE = re.compile(r'(<li data-kind="(?:claim|correction)" id="note-(?P<id>[^"]+)"><span class="annotation-label">'
                        r'(?:<span[^>]*></span>)?[^<]*</span>)')


# The "Detached notes" block as Python-Markdown renders the admonition, and an entry of it that starts with its id
# (`id`, then "(Kind)." in the form import writes).
DETACHED_BLOCK_RE = re.compile(r'<div class="admonition detached">.*?</div>', re.DOTALL)
DETACHED_ENTRY_RE = re.compile(r"(<li>(?:<p>)?<code>(?P<id>[^<]+)</code>(?: \([^)<]*\)\.)?)")


def _as_rating(value: Rating | str) -> Rating:
    return value if isinstance(value, Rating) else Rating(value)


def shown_claimant(value: Rating | str, authors: Sequence[str] = ()) -> str:
    """The claimant a note names beside its verdict: the rating's, unless it is the article's author (the byline says so)."""
    claimant = _as_rating(value).claimant
    return "" if claimant in authors else claimant


def _verdict(value: Rating | str, authors: Sequence[str]) -> str:
    given = _as_rating(value)
    claimant = shown_claimant(given, authors)
    by = f' <span class="annotation-claimant">Claim by {html.escape(claimant)}</span> ·' if claimant else ""
    return (f'{by} <span class="annotation-verdict" data-verdict="{html.escape(given.verdict)}">Verdict:'
            f' {html.escape(given.verdict.capitalize())}</span>')


def with_verdicts(page_html: str, ratings: Mapping[str, Rating | str], notes: dict[str, read.PageNote] | None = None,
                  authors: Sequence[str] = ()) -> str:
    """Each rated note shows its verdict, after the claimant when the rating names one other than the article's
    ``authors`` ("Claim by … · Verdict: …"): in the page's Notes list after its kind (the sidenotes and boxes copy it),
    and a detached one in the "Detached notes" block after its id (``notes``, from ``read.page_notes``, says which are
    detached; without it, any entry there whose id is rated). A plain string rates as the short form does."""
    if not ratings:
        return page_html

    def add(match: re.Match[str]) -> str:
        verdict = ratings.get(match.group("id"))
        return match.group(0) if verdict is None else match.group(1) + _verdict(verdict, authors)

    def detached(match: re.Match[str]) -> str:
        ident = html.unescape(match.group("id"))
        verdict = ratings.get(ident)
        if verdict is None or (notes is not None and (ident not in notes or notes[ident].attached)):
            return match.group(0)
        return match.group(1) + _verdict(verdict, authors)

    page_html = VERDICT_RE.sub(add, page_html)
    return DETACHED_BLOCK_RE.sub(lambda block: DETACHED_ENTRY_RE.sub(detached, block.group(0)), page_html)


def script(reviews: list[dict[str, Any]]) -> str:
    """A ``<script type="application/ld+json">`` for the page's head; "<", ">" and "&" escaped so text cannot end it."""
    if not reviews:
        return ""
    data = json.dumps(reviews if len(reviews) > 1 else reviews[0], ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{data}</script>'
