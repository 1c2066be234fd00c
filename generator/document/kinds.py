"""The annotation kinds: one declaration used by the parser, the checker and the site.

The same list appears in ``mkdocs.yml`` (``extra.annotation_kinds``) for the
templates' legend; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    description: str
    badge: str  # one character no other kind shares: shown with the note's number, so kinds read without colour


KINDS: tuple[Kind, ...] = (
    Kind("claim", "Claim", "A statement of fact made by the text or by someone it quotes.", "C"),
    Kind("source", "Source", "Who is speaking, and what evidence the text gives for it.", "S"),
    Kind("context", "Context", "Background the reader needs to weigh the passage.", "i"),
    Kind("rhetoric", "Rhetoric", "Loaded wording, framing or persuasion technique.", "R"),
    Kind("correction", "Correction", "An error in the source; the text is left as published.", "!"),
    Kind("capture", "Capture", "Something the web capture changed or lost.", "W"),
    Kind("question", "Question", "A question for the reader to keep in mind.", "?"),
)

KIND_NAMES: tuple[str, ...] = tuple(k.name for k in KINDS)
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
