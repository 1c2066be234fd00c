"""Fact-check markup: a reviewed reading's rated notes as schema.org ``ClaimReview`` JSON-LD. Pure.

A ``claim`` or ``correction`` note may carry a verdict (front-matter ``ratings``, on the scale
``schema.RATING_SCALE``). Once the reading is reviewed, each rated note becomes one
``ClaimReview`` in the page's head, with what search engines require for fact-check markup:
``claimReviewed`` (the passage, as the text says it), ``reviewRating`` (the verdict as
``alternateName``, the note as ``ratingExplanation``), ``url`` (the passage on the site), ``author``
(the publisher of the readings) and ``datePublished`` (the review's date), and ``itemReviewed``: a
``Claim`` whose ``appearance`` is the article, with its author, publisher and date. A draft carries
none: a verdict is published when the desk has signed it. A detached note (``read.page_notes``) keeps its verdict,
shown in the "Detached notes" block, and has no passage to review: it publishes none.
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
    layer = read.locate(page.body)
    shown = plain(layer.text)
    notes = read.page_notes(page.body, page.body_line)
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
        note = notes.get(ident)
        if note is None or not note.attached or ident not in layer.spans or note.kind not in RATED_KINDS:
            continue  # a detached note has no passage to review (it keeps its verdict); readings check reports the rest
        start, end = shown.span(*layer.spans[ident])
        claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
        if meta.authors:
            claim["author"] = {"@type": "Person", "name": meta.authors[0]}
        if meta.published:
            claim["datePublished"] = meta.published.isoformat()
        verdict = meta.ratings[ident]
        explanation = (explanations or {}).get(ident) or note.text
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


# The "Detached notes" block as Python-Markdown renders the admonition, and an entry of it that starts with its id
# (`id`, then "(Kind)." in the form import writes).
DETACHED_BLOCK_RE = re.compile(r'<div class="admonition detached">.*?</div>', re.DOTALL)
DETACHED_ENTRY_RE = re.compile(r"(<li>(?:<p>)?<code>(?P<id>[^<]+)</code>(?: \([^)<]*\)\.)?)")


def _verdict(verdict: str) -> str:
    return f' <span class="annotation-verdict" data-verdict="{html.escape(verdict)}">Verdict: {html.escape(verdict.capitalize())}</span>'


def with_verdicts(page_html: str, ratings: dict[str, str], notes: dict[str, read.PageNote] | None = None) -> str:
    """Each rated note shows its verdict: in the page's Notes list after its kind (the sidenotes and boxes copy it),
    and a detached one in the "Detached notes" block after its id (``notes``, from ``read.page_notes``, says which
    are detached; without it, any entry there whose id is rated)."""
    if not ratings:
        return page_html

    def add(match: re.Match[str]) -> str:
        verdict = ratings.get(match.group("id"))
        return match.group(0) if verdict is None else match.group(1) + _verdict(verdict)

    def detached(match: re.Match[str]) -> str:
        ident = html.unescape(match.group("id"))
        verdict = ratings.get(ident)
        if verdict is None or (notes is not None and (ident not in notes or notes[ident].attached)):
            return match.group(0)
        return match.group(1) + _verdict(verdict)

    page_html = VERDICT_RE.sub(add, page_html)
    return DETACHED_BLOCK_RE.sub(lambda block: DETACHED_ENTRY_RE.sub(detached, block.group(0)), page_html)


def script(reviews: list[dict[str, Any]]) -> str:
    """A ``<script type="application/ld+json">`` for the page's head; "<", ">" and "&" escaped so text cannot end it."""
    if not reviews:
        return ""
    data = json.dumps(reviews if len(reviews) > 1 else reviews[0], ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{data}</script>'
