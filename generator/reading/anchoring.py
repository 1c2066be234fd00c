"""Re-anchoring annotations when an article's text changes. Pure: texts in, outcomes out.

Three stages, each with its own gates, never one blended score:

(a) Diff mapping: a character diff of the old article text against the new
    (diff-match-patch ``diff_main`` + ``diff_cleanupSemantic`` + ``diff_xIndex``)
    maps the passage's ends. It is kept when enough of it survived the diff and
    the mapped text is still like the old passage.
(b) Approximate search (edlib): candidates for the old passage in the new text,
    gated separately on quote similarity, on context (prefix/suffix) similarity,
    and on a context margin over the runner-up. A short quote needs exact context
    on one side. A candidate that is the image of another occurrence of the same
    text in the old article (a near-identical sibling) is refused.
(c) Otherwise the annotation is detached: the caller keeps its note, never drops it.

An ambiguous match is detached, not guessed: a confident wrong re-anchor is the worst outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import edlib
from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Indel

CONTEXT = 32  # characters of prefix and suffix compared
# Stage (a) gates.
SURVIVAL_MIN = 0.6  # share of the old passage's characters that the diff kept
MAPPED_SIMILARITY_MIN = 0.75  # similarity of the mapped text to the old passage
# Stage (b) gates.
QUOTE_MIN = 0.85  # 1 - edit distance / passage length
CONTEXT_MIN = 0.6  # mean similarity of prefix and suffix
MARGIN_MIN = 0.15  # context similarity of the best candidate over the runner-up
SHORT_QUOTE = 16  # a quote shorter than this needs an exact prefix or suffix
MAX_CANDIDATES = 8
PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class Span:
    """An annotation's passage in an article text: ``text[start:end]``."""

    id: str
    start: int
    end: int


@dataclass(frozen=True)
class Outcome:
    id: str
    status: str  # "kept", "moved", "text-changed" or "detached"
    start: int = -1
    end: int = -1
    stage: str = ""  # "diff" or "search"; "" when detached
    reason: str = ""  # why a note was detached


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    quote: float
    context: float
    exact_side: bool


class _Mapper:
    """Old offsets to new, through one character diff."""

    def __init__(self, old: str, new: str) -> None:
        dmp = diff_match_patch()
        dmp.Diff_Timeout = 5.0
        self.dmp = dmp
        self.diffs = dmp.diff_main(old, new)
        dmp.diff_cleanupSemantic(self.diffs)
        # Old-text ranges that the diff kept (equalities).
        self.kept: list[tuple[int, int]] = []
        pos = 0
        for op, data in self.diffs:
            if op == 0:
                self.kept.append((pos, pos + len(data)))
            if op != 1:
                pos += len(data)

    def index(self, offset: int) -> int:
        return int(self.dmp.diff_xIndex(self.diffs, offset))

    def survival(self, start: int, end: int) -> float:
        if end <= start:
            return 0.0
        kept = sum(max(0, min(end, e) - max(start, s)) for s, e in self.kept)
        return kept / (end - start)


def _similarity(a: str, b: str) -> float:
    return float(Indel.normalized_similarity(a, b))


def _context_scores(old: str, span: Span, new: str, start: int, end: int) -> tuple[float, bool]:
    old_prefix, old_suffix = old[max(0, span.start - CONTEXT):span.start], old[span.end:span.end + CONTEXT]
    new_prefix, new_suffix = new[max(0, start - CONTEXT):start], new[end:end + CONTEXT]
    prefix, suffix = _similarity(old_prefix, new_prefix), _similarity(old_suffix, new_suffix)
    exact = (old_prefix == new_prefix and bool(old_prefix)) or (old_suffix == new_suffix and bool(old_suffix))
    return (prefix + suffix) / 2, exact


def _search(quote: str, text: str) -> list[tuple[int, int, int]]:
    """Best-first (start, end, distance) matches of ``quote`` in ``text`` within the quote gate."""
    if not quote:
        return []
    alphabet = set(quote)
    if len(alphabet) > 250:
        return []  # edlib handles at most 256 distinct symbols
    # Characters the quote lacks all count as mismatches, so one filler stands for them all
    # and keeps edlib under its alphabet limit, whatever the article's script.
    filler = next(c for c in ("\x00", "\x01", "\x02") if c not in alphabet)
    target = "".join(c if c in alphabet else filler for c in text)
    limit = int(len(quote) * (1 - QUOTE_MIN))
    # Exact occurrences first, overlapping ones included ("ha ha" twice in "ha ha ha"): edlib's search below
    # masks each match it finds, which would hide an occurrence that overlaps another.
    found: list[tuple[int, int, int]] = []
    at = text.find(quote)
    while at != -1 and len(found) < MAX_CANDIDATES:
        found.append((at, at + len(quote), 0))
        at = text.find(quote, at + 1)
    exact = list(found)
    for start, end, _ in exact:
        target = target[:start] + filler * (end - start) + target[end:]
    for _ in range(MAX_CANDIDATES - len(found)):
        result = edlib.align(quote, target, mode="HW", task="locations", k=limit)
        if result["editDistance"] < 0 or not result["locations"]:
            break
        start, last = result["locations"][0]
        if not any(start < e and s < last + 1 for s, e, _ in exact):  # not a blurred copy of an exact match
            found.append((start, last + 1, int(result["editDistance"])))
        target = target[:start] + filler * (last + 1 - start) + target[last + 1:]
    return found


def _candidates(old: str, span: Span, new: str) -> list[_Candidate]:
    quote = old[span.start:span.end]
    result = []
    for start, end, distance in _search(quote, new):
        if PARAGRAPH_BREAK in new[start:end]:
            continue
        context, exact = _context_scores(old, span, new, start, end)
        result.append(_Candidate(start, end, 1 - distance / len(quote), context, exact))
    return sorted(result, key=lambda c: (-c.context, -c.quote, c.start))


def _twin_images(old: str, span: Span, mapper: _Mapper) -> list[tuple[int, int]]:
    """Where other occurrences of the passage in the old text went in the new text."""
    images = []
    for start, end, _ in _search(old[span.start:span.end], old):
        if start < span.end and span.start < end:
            continue  # the passage itself
        if mapper.survival(start, end) >= SURVIVAL_MIN:
            images.append((mapper.index(start), mapper.index(end)))
    return images


def _classify(old: str, span: Span, new: str, start: int, end: int, stage: str) -> Outcome:
    """kept: the diff carried the passage over unchanged; moved: found elsewhere by search, unchanged.

    Whitespace-only differences (a paragraph reflowed) do not count as a text change.
    """
    if old[span.start:span.end].split() != new[start:end].split():
        return Outcome(span.id, "text-changed", start, end, stage)
    return Outcome(span.id, "kept" if stage == "diff" else "moved", start, end, stage)


def _by_diff(old: str, span: Span, new: str, mapper: _Mapper) -> Outcome | None:
    if mapper.survival(span.start, span.end) < SURVIVAL_MIN:
        return None
    start, end = mapper.index(span.start), mapper.index(span.end)
    if end <= start or PARAGRAPH_BREAK in new[start:end]:
        return None
    # Trim whitespace the diff may have pulled to the edges.
    while start < end and new[start].isspace():
        start += 1
    while end > start and new[end - 1].isspace():
        end -= 1
    if _similarity(old[span.start:span.end], new[start:end]) < MAPPED_SIMILARITY_MIN:
        return None
    return _classify(old, span, new, start, end, "diff")


def _by_search(old: str, span: Span, new: str, mapper: _Mapper) -> Outcome:
    candidates = [c for c in _candidates(old, span, new) if c.quote >= QUOTE_MIN]
    twins = _twin_images(old, span, mapper)
    candidates = [c for c in candidates if not any(c.start < e and s < c.end for s, e in twins)]
    if not candidates:
        quote = " ".join(old[span.start:span.end].split())
        split = quote in " ".join(new.split())  # the words are all there, across a paragraph break
        reason = ("the passage is now split across two paragraphs" if split else
                  "the passage's text is gone" if not twins else "only a similar passage elsewhere remains")
        return Outcome(span.id, "detached", reason=reason)
    best = candidates[0]
    if best.context < CONTEXT_MIN:
        return Outcome(span.id, "detached", reason=f"the text around the best match differs too much (context {best.context:.2f})")
    if span.end - span.start < SHORT_QUOTE and not best.exact_side:
        return Outcome(span.id, "detached", reason="a short passage needs its exact surrounding text, which changed")
    if len(candidates) > 1 and best.context - candidates[1].context < MARGIN_MIN:
        return Outcome(span.id, "detached", reason=f"ambiguous: {len(candidates)} places match about equally well")
    return _classify(old, span, new, best.start, best.end, "search")


def find_quote(ident: str, exact: str, prefix: str, suffix: str, text: str, hint: int | None = None) -> Outcome:
    """Place a quote given with its surrounding text (a W3C or Hypothesis selector) in ``text``: stage (b)'s
    search and gates, the quote's own prefix and suffix standing for the old text around it. A position
    ``hint`` only settles a tie between places that match equally well, and only when it names one exactly."""
    old = prefix + exact + suffix
    span = Span(ident, len(prefix), len(prefix) + len(exact))
    candidates = [c for c in _candidates(old, span, text) if c.quote >= QUOTE_MIN]
    if not candidates:
        return Outcome(ident, "detached", reason="the quoted text is not in the article")
    best = candidates[0]
    if len(candidates) == 1:
        # One place only: an exact quote is enough (its prefix may come from another page's surroundings);
        # an approximate one needs its surroundings too.
        if best.quote < 1 and best.context < CONTEXT_MIN:
            return Outcome(ident, "detached", reason=f"the quote only roughly matches, and its surroundings differ (context {best.context:.2f})")
        return _classify(old, span, text, best.start, best.end, "search")
    if best.context - candidates[1].context < MARGIN_MIN:
        hinted = [c for c in candidates if c.start == hint] if hint is not None else []
        if len(hinted) != 1:
            return Outcome(ident, "detached", reason=f"ambiguous: {len(candidates)} places match about equally well")
        best = hinted[0]
    elif best.context < CONTEXT_MIN and not best.exact_side:
        return Outcome(ident, "detached", reason=f"the text around the best match differs too much (context {best.context:.2f})")
    return _classify(old, span, text, best.start, best.end, "search")


def offset_mapper(old: str, new: str) -> Callable[[int], int]:
    """A function mapping offsets in ``old`` to offsets in ``new`` (stage (a)'s diff)."""
    return _Mapper(old, new).index


def reanchor(old: str, new: str, spans: list[Span]) -> tuple[list[Outcome], list[Outcome]]:
    """Map each span of ``old`` onto ``new``; returns (anchored, detached), each in input order."""
    mapper = _Mapper(old, new)
    anchored: list[Outcome] = []
    detached: list[Outcome] = []
    for span in spans:
        outcome = _by_diff(old, span, new, mapper) or _by_search(old, span, new, mapper)
        (detached if outcome.status == "detached" else anchored).append(outcome)
    return anchored, detached
