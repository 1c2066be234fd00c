"""Review fixes (contributor's view): no command silently drops a contributor's text."""

from __future__ import annotations

import pytest

from generator.context import backlinks
from generator.context.entities import Entity

ENTITY = Entity("kunar", "Kunar", "place", "A province.", [])
REF = backlinks.Reference("a-reading", "A reading", "", "mention")
HEAD = "---\nname: Kunar\n---\n\n# Kunar\n\nEditor text.\n"


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        # text appended after the generated section survives regeneration
        (HEAD + "\n" + backlinks.backlinks_section(ENTITY, []) + "\n## Further reading\n\nA contributor paragraph.\n",
         ["Editor text.", "## Further reading", "A contributor paragraph."]),
        # a heading that merely starts with "Mentioned in" is the contributor's
        (HEAD + "\n## Mentioned in the press\n\nPress text.\n\n" + backlinks.backlinks_section(ENTITY, [])
         + "\n## Later\n\nLater text.\n",
         ["Editor text.", "## Mentioned in the press", "Press text.", "## Later", "Later text."]),
        # no generated section yet
        (HEAD + "\n## Mentioned in the press\n\nPress text.\n", ["## Mentioned in the press", "Press text."]),
    ],
)
def test_context_page_regeneration_keeps_contributor_text(page: str, kept: list[str]) -> None:
    once = backlinks.context_page_text(page, ENTITY, [REF])
    for text in kept:
        assert text in once, text
    assert once.count("## Mentioned in\n") == 1 and "(../readings/a-reading.md)" in once
    assert backlinks.context_page_text(once, ENTITY, [REF]) == once  # stable
    assert backlinks.context_page_text(once, ENTITY, []).count("No reading mentions it yet.") == 1
