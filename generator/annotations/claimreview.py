"""Fact-check markup: a reviewed reading's rated notes as schema.org ``ClaimReview`` JSON-LD. Pure.

A ``claim`` or ``correction`` note may carry a verdict (front-matter ``ratings``, on the scale
``schema.RATING_SCALE``). Once the reading is reviewed, each rated note becomes one
``ClaimReview`` in the page's head, with what search engines require for fact-check markup:
``claimReviewed`` (the passage, as the text says it), ``reviewRating`` (the verdict as
``alternateName``, the note as ``ratingExplanation``), ``url`` (the passage on the site), ``author``
(the publisher of the readings) and ``datePublished`` (the review's date), and ``itemReviewed``: a
``Claim`` whose ``appearance`` is the article, with its author, publisher and date. A draft carries
none: a verdict is published when the desk has signed it.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from generator.annotations.text import plain
from generator.document import read
from generator.document.page import Page
from generator.document.schema import RATED_KINDS, ReadingMeta


def claim_reviews(page: Page, reading_url: str, publisher: str, publisher_url: str = "",
                  explanations: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One ``ClaimReview`` per rated note of a reviewed reading, in reading order; none for a draft or without an address."""
    meta, _problems = page.typed(ReadingMeta)
    if not meta.ratings or meta.review is None or meta.review.status != "reviewed" or not reading_url:
        return []
    doc = read.parse(page.body, page.body_line)
    layer = read.locate(page.body)
    shown = plain(layer.text)
    notes = doc.notes()
    by_id = {a.id: a for a in doc.annotations}
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": meta.title}
    if meta.url:
        appearance["url"] = meta.url
    if meta.authors:
        appearance["author"] = [{"@type": "Person", "name": name} for name in meta.authors]
    if meta.publisher:
        appearance["publisher"] = {"@type": "Organization", "name": meta.publisher}
    if meta.published:
        appearance["datePublished"] = meta.published.isoformat()
    author: dict[str, Any] = {"@type": "Organization", "name": publisher}
    if publisher_url:
        author["url"] = publisher_url
    reviews = []
    for ident in sorted(meta.ratings, key=lambda i: layer.spans.get(i, (1 << 30, 0))):
        ann = by_id.get(ident)
        if ann is None or ident not in layer.spans or ann.kind not in RATED_KINDS:
            continue  # readings check reports it
        start, end = shown.span(*layer.spans[ident])
        claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
        if meta.authors:
            claim["author"] = {"@type": "Person", "name": meta.authors[0]}
        if meta.published:
            claim["datePublished"] = meta.published.isoformat()
        verdict = meta.ratings[ident]
        explanation = (explanations or {}).get(ident) or (notes[ident].text if ident in notes else "")
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{reading_url}#{ident}",
            "claimReviewed": " ".join(shown.text[start:end].split()),
            "itemReviewed": claim,
            "author": author,
            "reviewRating": {"@type": "Rating", "alternateName": verdict.capitalize(), "ratingExplanation": explanation},
        }
        if meta.review.date:
            review["datePublished"] = meta.review.date.isoformat()
        reviews.append(review)
    return reviews


# A note's list item and its label (badge, then the kind's name), as site.mdext writes them.
VERDICT_RE = re.compile(r'(<li data-kind="(?:claim|correction)" id="note-(?P<id>[^"]+)"><span class="annotation-label">'
                        r'(?:<span[^>]*></span>)?[^<]*</span>)')


def with_verdicts(page_html: str, ratings: dict[str, str]) -> str:
    """Each rated note, in the page's Notes list, shows its verdict after its kind (the sidenotes and boxes copy it)."""
    if not ratings:
        return page_html

    def add(match: re.Match[str]) -> str:
        verdict = ratings.get(match.group("id"))
        if verdict is None:
            return match.group(0)
        return (match.group(1) + f' <span class="annotation-verdict" data-verdict="{html.escape(verdict)}">'
                f"Verdict: {html.escape(verdict.capitalize())}</span>")

    return VERDICT_RE.sub(add, page_html)


def script(reviews: list[dict[str, Any]]) -> str:
    """A ``<script type="application/ld+json">`` for the page's head; "<", ">" and "&" escaped so text cannot end it."""
    if not reviews:
        return ""
    data = json.dumps(reviews if len(reviews) > 1 else reviews[0], ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{data}</script>'
