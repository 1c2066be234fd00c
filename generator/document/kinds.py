"""The annotation kinds: one declaration used by the parser, the checker, the site and the exports.

Each kind maps to one of the W3C Web Annotation Data Model's motivations (the export also
keeps the kind itself, as a term of our own whose ``skos:broader`` is that motivation).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    description: str
    badge: str  # one character no other kind shares: shown with the note's number, so kinds read without colour
    motivation: str  # the W3C Web Annotation motivation it refines (https://www.w3.org/TR/annotation-vocab/#motivation)


KINDS: tuple[Kind, ...] = (
    Kind("claim", "Claim", "A statement of fact made by the text or by someone it quotes.", "C", "assessing"),
    Kind("source", "Source", "Who is speaking, and what evidence the text gives for it.", "S", "assessing"),
    Kind("context", "Context", "Background the reader needs to weigh the passage.", "i", "describing"),
    Kind("rhetoric", "Rhetoric", "Loaded wording, framing or persuasion technique.", "R", "commenting"),
    Kind("correction", "Correction", "An error in the source; the text is left as published.", "!", "editing"),
    Kind("capture", "Capture", "Something the web capture changed or lost.", "W", "describing"),
    Kind("question", "Question", "A question for the reader to keep in mind.", "?", "questioning"),
)

KIND_NAMES: tuple[str, ...] = tuple(k.name for k in KINDS)
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}

# The sourcing standard, per kind (``readings check`` applies it; the methodology page states it).
MUST_CITE = ("correction",)  # an error without a citation
SHOULD_CITE = ("claim", "context")  # a warning without one
