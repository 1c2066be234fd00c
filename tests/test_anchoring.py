"""Re-anchoring: a table of revision cases with expected outcomes, and property-based tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import ROOT, SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.importers import load_seed
from generator.reading.anchoring import CONTEXT, Span, reanchor

ARTICLE = load_seed(SEED, ROOT).article_text()
SIBLING = "The helicopters were seen again over Darzab district on Monday, residents said."
TWIN = "The helicopters were seen again over Darzab district on Tuesday, residents said."


def span(text: str, passage: str, ident: str = "a", occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(passage, start + 1)
    return Span(ident, start, start + len(passage))


def replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new, count)
    return edit


WITH_TWINS = ARTICLE.replace("He added:", f"He added:\n\n{SIBLING}\n\n{TWIN}", 1)

# (case, old text, passage, occurrence, edit, expected status, expected new passage or None)
CASES = [
    ("copy edit inside the passage", ARTICLE, "potato-small number of ISIS fanatics", 0,
     replace("potato-small number of ISIS fanatics", "potato-small number of IS fanatics"), "text-changed",
     "potato-small number of IS fanatics"),
    ("insertion before it", ARTICLE, "dollar-fueled Jihad", 0,
     lambda t: "An editor's new opening paragraph, inserted by a corrected capture.\n\n" + t, "kept", "dollar-fueled Jihad"),
    ("paragraph reflow", ARTICLE, "The widely held opinion says that", 0,
     replace("The widely held opinion says that ISIS's rise", "The widely held opinion\nsays that ISIS's\nrise"), "kept",
     "The widely held opinion\nsays that"),
    ("deleted paragraph with a near-identical sibling", WITH_TWINS, "helicopters were seen again over Darzab", 0,
     replace(f"{SIBLING}\n\n", ""), "detached", None),
    ("the sibling's twin is kept when the other one goes", WITH_TWINS, "helicopters were seen again over Darzab", 1,
     replace(f"{SIBLING}\n\n", ""), "kept", "helicopters were seen again over Darzab"),
    ("a name changed that also appears elsewhere", ARTICLE.replace("Darzab district.", "Darzab district near Tartus."),
     "Tartous", 0, replace("facility at Tartous", "facility at Tartus"), "text-changed", "Tartus"),
    ("curly against straight quotes", ARTICLE, "“They ride their motor bikes, go to the border", 0,
     replace("“They ride their motor bikes", '"They ride their motor bikes'), "text-changed",
     '"They ride their motor bikes, go to the border'),
    ("the passage deleted", ARTICLE, "The European services revealed that at least one Frenchman was arrested", 0,
     replace("The European services revealed that at least one Frenchman was arrested in Tajikistan in July who intended"
             " to join ISIS in Afghanistan. ", ""), "detached", None),
    ("a paragraph moved elsewhere", ARTICLE, "One local man named as Hajji said", 0,
     lambda t: (lambda ps: "\n\n".join([ps[i] for i in range(len(ps)) if i != 7] + [ps[7]]))(t.split("\n\n")), "moved",
     "One local man named as Hajji said"),
    ("a passage now repeated word for word", ARTICLE, "lose 80 of the incomes", 0,
     lambda t: (lambda ps: "\n\n".join([ps[6], *ps[:6], *ps[7:], ps[6]]))(t.split("\n\n")), "detached", None),
]


@pytest.mark.parametrize(("case", "old", "passage", "occurrence", "edit", "status", "expected"), CASES, ids=[c[0] for c in CASES])
def test_revision_table(case: str, old: str, passage: str, occurrence: int, edit: Callable[[str], str], status: str,
                        expected: str | None) -> None:
    new = edit(old)
    anchored, detached = reanchor(old, new, [span(old, passage, occurrence=occurrence)])
    outcome = (anchored + detached)[0]
    assert outcome.status == status, outcome
    if expected is None:
        assert outcome.reason, outcome
        if case == "a passage now repeated word for word":
            assert outcome.reason.startswith("ambiguous")
    else:
        assert new[outcome.start:outcome.end] == expected
        if case == "a name changed that also appears elsewhere":
            assert new[outcome.start - 12:outcome.start] == "facility at "


def test_unchanged_text_keeps_everything() -> None:
    spans = [span(ARTICLE, p, str(i)) for i, p in enumerate(("ISIS-K", "Maria Zakharova", "Tartous", "80 of the incomes"))]
    anchored, detached = reanchor(ARTICLE, ARTICLE, spans)
    assert detached == [] and [(o.start, o.end, o.status) for o in anchored] == [(s.start, s.end, "kept") for s in spans]


PASSAGE = "a potato-small number of ISIS fanatics"
EDIT = st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=20),
                 st.text(alphabet="abcdefghij klmnop.,", max_size=20))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(EDIT, min_size=1, max_size=8))
def test_edits_away_from_a_passage_never_move_or_lose_it(edits: list[tuple[int, int, str]]) -> None:
    """Insertions, deletions and replacements outside the passage's context window keep it, exactly."""
    old = ARTICLE
    target = span(old, PASSAGE)
    new, start = old, target.start
    for position, length, insert in edits:
        end_of_passage = start + len(PASSAGE)
        # Choose a place before or after the passage, at least CONTEXT characters away.
        zones = [(0, start - CONTEXT - length), (end_of_passage + CONTEXT, len(new) - length)]
        zones = [(a, b) for a, b in zones if b > a]
        if not zones:
            continue
        a, b = zones[position % len(zones)]
        at = a + position % (b - a)
        new = new[:at] + insert + new[at + length:]
        if at < start:
            start += len(insert) - length
    anchored, detached = reanchor(old, new, [target])
    assert detached == []
    assert (anchored[0].start, anchored[0].end, anchored[0].status) == (start, start + len(PASSAGE), "kept")
