"""Render a ``Capture`` as a reading page: front-matter and annotated Markdown body.

Pure: a capture in, the page's text out. Capture repairs become ``capture``
annotations; removed text goes, verbatim, into a collapsed block at the end.
"""

from __future__ import annotations

import re
from typing import Any

from generator.model import Capture, Removed
from generator.pages import dump

REMOVED_TITLE = "Removed from the capture"
REMOVED_INTRO = ("The capture held this text around the article. It is not part of the article's text,"
                 " and is kept here verbatim so that nothing is lost.")


def front_matter(capture: Capture) -> dict[str, Any]:
    meta = dict(capture.meta)
    tags = list(dict.fromkeys([*meta.get("themes", []), *meta.get("regions", [])]))
    if tags:
        meta["tags"] = tags
    meta["source"] = capture.source
    meta["source_sha256"] = capture.sha256
    return meta


def annotate(capture: Capture) -> list[str]:
    """The article's paragraphs with capture annotations marked, each followed by its notes."""
    out: list[str] = []
    number = 0
    for index, paragraph in enumerate(capture.paragraphs):
        notes: list[str] = []
        # Insert markers from the end, so earlier offsets stay valid.
        repairs = [r for r in capture.repairs if r.paragraph == index]
        ids = []
        for _ in repairs:
            number += 1
            ids.append(f"capture-{number}")
        for repair, ident in sorted(zip(repairs, ids, strict=True), key=lambda pair: pair[0].start, reverse=True):
            passage = paragraph[repair.start:repair.end]
            paragraph = f"{paragraph[:repair.start]}=={passage}==[^{ident}]{paragraph[repair.end:]}"
        for repair, ident in zip(repairs, ids, strict=True):
            notes.append(f"[^{ident}]: {repair.note}")
        out.append(paragraph)
        if notes:
            out.append("\n".join(notes))
    return out


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def removed_block(removed: list[Removed]) -> str:
    lines = [f'??? removed "{REMOVED_TITLE}"', "", f"    {REMOVED_INTRO}"]
    for part in removed:
        fence = _fence(part.text)
        lines += ["", f"    {part.label}:", "", f"    {fence}text"]
        lines += [f"    {line}" if line else "" for line in part.text.split("\n")]
        lines.append(f"    {fence}")
    return "\n".join(lines)


def render_page(capture: Capture) -> str:
    blocks = annotate(capture)
    if capture.removed:
        blocks.append(removed_block(capture.removed))
    return dump(front_matter(capture), "\n\n".join(blocks))
