"""Annotations from elsewhere, read into one shape: Hypothesis exports, Hypothesis API results, W3C collections. Pure.

Accepted documents:

- the JSON Hypothesis's client exports: ``{"annotations": [...]}`` (or a bare list);
- what Hypothesis's search API returns: ``{"rows": [...], "total": n}``;
- a W3C ``AnnotationCollection`` (our own export included), an ``AnnotationPage`` or one ``Annotation``.

Each annotation becomes an ``Incoming``: the quote with its prefix and suffix, the position as a
hint, the note's text (Markdown), its kind, its author and date, and the note id when it comes
from our own export (so a round trip keeps ids). Replies, page notes and annotations without a
quote are ``Incoming`` too, with ``skipped`` saying why: they are listed, never guessed into the
text. The kind comes from a tag (``kind:claim``, or a tag that is a kind's name), else from our
motivation term or the W3C motivation, else ``question``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.document.kinds import BY_NAME, KIND_NAMES, KINDS
from generator.errors import Problem, error

# W3C motivations back to kinds: the first kind that refines each one (assessing: claim).
MOTIVATION_KIND = {kind.motivation: kind.name for kind in reversed(KINDS)}
ID_FROM_IRI_RE = re.compile(r"[#:](?P<id>[a-z]+-[a-z0-9][a-z0-9-]*)$")


@dataclass(frozen=True)
class Incoming:
    key: str  # what names it in messages: its id, or its index in the file
    uri: str  # the document it annotates
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int | None = None  # the position it gives, a hint only
    end: int | None = None
    text: str = ""  # the note, Markdown
    kind: str = "question"
    by: str = ""
    date: str = ""  # YYYY-MM-DD
    via: str = ""
    note_id: str = ""  # from our own export: the id the note had
    skipped: str = ""  # why it is not placed in the text ("" when it is to be placed)


def _date(value: Any) -> str:
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", str(value or ""))
    return match.group(1) if match else ""


def _kind_from_tags(tags: list[Any]) -> str | None:
    for tag in tags:
        name = str(tag).strip().lower()
        if name.startswith("kind:"):
            name = name[len("kind:"):].strip()
        if name in BY_NAME:
            return name
    return None


def _selectors(target: Any) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    selectors = target.get("selector", []) if isinstance(target, dict) else []
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
    return quote, position


def _from_selectors(key: str, uri: str, quote: dict[str, Any] | None, position: dict[str, Any] | None, **rest: Any) -> Incoming:
    if quote is None or not str(quote.get("exact", "")).strip():
        return Incoming(key, uri, skipped="no quoted passage (a page note, or a selector this tool does not read)", **rest)
    start = position.get("start") if position else None
    end = position.get("end") if position else None
    return Incoming(key, uri, str(quote.get("exact", "")), str(quote.get("prefix", "")), str(quote.get("suffix", "")),
                    start if isinstance(start, int) else None, end if isinstance(end, int) else None, **rest)


def _hypothesis(item: dict[str, Any], index: int) -> Incoming:
    key = str(item.get("id") or f"#{index + 1}")
    user = str(item.get("user") or "")
    display = item.get("user_info", {}).get("display_name") if isinstance(item.get("user_info"), dict) else None
    by = str(display or re.sub(r"^acct:", "", user))
    rest: dict[str, Any] = {"text": str(item.get("text") or ""), "kind": _kind_from_tags(list(item.get("tags") or [])) or "question",
                            "by": by, "date": _date(item.get("created")), "via": "Hypothesis"}
    uri = str(item.get("uri") or "")
    if item.get("references"):
        return Incoming(key, uri, skipped="a reply to another annotation", **rest)
    targets = item.get("target") or []
    quote, position = _selectors(targets[0]) if isinstance(targets, list) and targets else (None, None)
    return _from_selectors(key, uri, quote, position, **rest)


def _bodies(item: dict[str, Any]) -> list[dict[str, Any]]:
    bodies = item.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    return [b for b in bodies if isinstance(b, dict)]


def _w3c(item: dict[str, Any], index: int) -> Incoming:
    key = str(item.get("id") or f"#{index + 1}")
    bodies = _bodies(item)
    by_format = {str(b.get("format", "")): str(b.get("value", "")) for b in bodies if b.get("purpose") != "tagging"}
    text = by_format.get("text/markdown") or by_format.get("text/plain") or by_format.get("") or \
        re.sub(r"<[^>]+>", "", by_format.get("text/html", ""))
    tags = [b.get("value") for b in bodies if b.get("purpose") == "tagging"]
    motivations = item.get("motivation", [])
    motivations = [re.sub(r"^(?:oa:|http://www\.w3\.org/ns/oa#)", "", str(m)) for m in (motivations if isinstance(motivations, list) else [motivations])]
    ours = next((m.split(":", 1)[1] for m in motivations if m.startswith("ar:") and m.split(":", 1)[1] in KIND_NAMES), None)
    kind = _kind_from_tags(tags) or ours or next((MOTIVATION_KIND[m] for m in motivations if m in MOTIVATION_KIND), "question")
    creator = item.get("creator")
    by = str(creator.get("name", "")) if isinstance(creator, dict) else str(creator or "")
    match = ID_FROM_IRI_RE.search(key)
    note_id = match.group("id") if match and match.group("id").split("-", 1)[0] in KIND_NAMES else ""
    rest: dict[str, Any] = {"text": text, "kind": kind, "by": by, "date": _date(item.get("created")), "via": "W3C annotations",
                            "note_id": note_id}
    targets = item.get("target", [])
    targets = targets if isinstance(targets, list) else [targets]
    first = next((t for t in targets if isinstance(t, dict)), None)
    uri = str(first.get("source", "")) if first else (targets[0] if targets and isinstance(targets[0], str) else "")
    quote, position = _selectors(first) if first else (None, None)
    return _from_selectors(key, uri, quote, position, **rest)


def read_document(data: Any, shown: str) -> tuple[list[Incoming], list[Problem]]:
    """The annotations a JSON document holds, in file order; a document of no known shape is one located problem."""
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        return [_hypothesis(item, i) for i, item in enumerate(data["rows"]) if isinstance(item, dict)], []
    if isinstance(data, dict) and isinstance(data.get("annotations"), list):
        return [_hypothesis(item, i) for i, item in enumerate(data["annotations"]) if isinstance(item, dict)], []
    if isinstance(data, list):
        items = [item for item in data if isinstance(item, dict)]
        reader = _w3c if items and items[0].get("type") == "Annotation" else _hypothesis
        return [reader(item, i) for i, item in enumerate(items)], []
    if isinstance(data, dict):
        kind = data.get("type")
        page = data.get("first") if kind == "AnnotationCollection" else data if kind == "AnnotationPage" else None
        if isinstance(page, dict) and isinstance(page.get("items"), list):
            return [_w3c(item, i) for i, item in enumerate(page["items"]) if isinstance(item, dict)], []
        if kind == "Annotation":
            return [_w3c(data, 0)], []
    return [], [error(shown, 1, 1, "not an annotation export this tool reads: expected Hypothesis's JSON ('annotations' or"
                      " 'rows') or a W3C AnnotationCollection, AnnotationPage or Annotation", "bad-annotations")]
