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
term (a ``classifying`` body, or an ``ar:`` motivation of older exports) or the W3C motivation, else
``question``. An annotation whose ``generator`` is this tool (``w3c.GENERATOR_ID``) is our own export:
its creator's name is kept as it is (no "via") and its verdict (an ``assessing`` body, with the rating's claimant,
its type, summary and first appearance) comes back;
anyone else's verdict is their claim, and is not read. ``created``/``modified`` keep their time (in UTC)
where a W3C file gives one with its zone.

The reader is total: a file is hostile, and any JSON value may stand where a string, a list or an object is
expected. A value of the wrong shape reads as absent (a number where a string is expected is its digits), an item
that is no object is listed as skipped, and only a document of no known shape is a problem.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from generator.annotations.w3c import GENERATOR_ID
from generator.document.kinds import BY_NAME, KIND_NAMES, KINDS
from generator.document.schema import BIDI_CONTROLS_RE, CLAIMANT_TYPES, CONTROL_CHARS_RE, RATING_SCALE, WEB_ADDRESS_RE, moment
from generator.errors import Problem, error
from generator.importers.common import safe_value

# Bodies that say something about the note, not its text: its kind (tags), its kind as our term, its verdict.
META_PURPOSES = {"tagging", "classifying", "assessing", "oa:assessing"}  # oa:assessing: our exports before 0.1.0's context term
# W3C motivations back to kinds: the first kind that refines each one (assessing: claim).
MOTIVATION_KIND = {kind.motivation: kind.name for kind in reversed(KINDS)}
ID_FROM_IRI_RE = re.compile(r"[#:](?P<id>[a-z]+-[a-z0-9][a-z0-9-]*)$")
KEY_LENGTH = 80  # an annotation's key is printed in messages: one line, and short
SOURCE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~:/?#@!$'()*+,;=%-]{0,299}")
NOT_AN_OBJECT = "not an annotation (a JSON object was expected)"


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
    date: str = ""  # YYYY-MM-DD, or an xsd:dateTime in UTC (YYYY-MM-DDTHH:MM:SSZ) where a W3C file gives the time
    via: str = ""
    note_id: str = ""  # from our own export: the id the note had
    modified: str = ""  # as ``date``: when its text last changed (W3C files)
    verdict: str = ""  # from our own export: the note's rating (an ``assessing`` body), with who made the claim and what it is
    claimant: str = ""
    claim: str = ""
    claimant_type: str = ""  # "" for a Person (the default), else as the export gave it
    first_appearance: tuple[tuple[str, str], ...] = ()  # (key, value) of the rating's first_appearance: date, title, publisher, url
    source_id: str = ""  # its own id in the file, when it is a plain one (recorded in note_origins: a second import skips it)
    skipped: str = ""  # why it is not placed in the text ("" when it is to be placed)
    # The other documents it names as targets: our export targets the article's own address and the reading's page,
    # and a project whose reading lacks the first (a fresh import of a saved file) still knows it by the second.
    other_uris: tuple[str, ...] = ()


def _string(value: Any) -> str:
    """A string where the file should have one: numbers as their digits, anything else (lists, objects) as absent."""
    if isinstance(value, str):
        return value
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else ""


def _list(value: Any) -> list[Any]:
    """A list where the file should have one: a single value as a list of one, null as none."""
    return value if isinstance(value, list) else [] if value is None else [value]


def _name(value: Any) -> str:
    """An author's name as a note's origin records it: neutralised as a seed's metadata is ("<" and ">" as ‹ ›,
    controls dropped), so that a name is never a reason to refuse the page."""
    return str(safe_value(_string(value)))


def _text(value: Any) -> str:
    """A note's text: bidirectional controls dropped (they make text read other than it is), other controls as spaces."""
    return BIDI_CONTROLS_RE.sub("", CONTROL_CHARS_RE.sub(" ", _string(value)))


def _offset(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _key(value: Any, index: int) -> str:
    """What names an annotation in messages: its id on one line (the end of a long one, where an IRI's fragment is)."""
    key = " ".join(_string(value).split())
    return (key if len(key) <= KEY_LENGTH else "…" + key[1 - KEY_LENGTH:]) or f"#{index + 1}"


def _source_id(value: Any) -> str:
    """An annotation's id as a note's origin records it: only a plain one (letters, digits and the punctuation of an
    address), else none (a hostile id is not written into front-matter)."""
    ident = _string(value)
    return ident if SOURCE_ID_RE.fullmatch(ident) else ""


def _date(value: Any) -> str:
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", _string(value))
    if not match:
        return ""
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return ""  # 2020-13-45: no date


def _moment(value: Any) -> str:
    """A W3C ``created``/``modified``: the moment in UTC where it has a time and a zone, else its day (or "")."""
    found = moment(_string(value))
    return (found[1] or found[0].isoformat()) if found else _date(value)


def _first_appearance(value: Any) -> tuple[tuple[str, str], ...]:
    """A rating's first appearance as our export writes it (``ar:date``, ``ar:title``, ``ar:publisher``, ``ar:url``):
    its day, names neutralised, an address only when it is a web one; none without a day and a title or an address."""
    if not isinstance(value, dict):
        return ()
    url = _string(value.get("ar:url"))
    found = {"date": _date(value.get("ar:date")), "title": _name(value.get("ar:title")), "publisher": _name(value.get("ar:publisher")),
             "url": url if WEB_ADDRESS_RE.fullmatch(url) else ""}
    if not found["date"] or not (found["title"] or found["url"]):
        return ()
    return tuple((k, v) for k, v in found.items() if v)


def _kind_from_tags(tags: list[Any]) -> str | None:
    for tag in tags:
        name = _string(tag).strip().lower()
        if name.startswith("kind:"):
            name = name[len("kind:"):].strip()
        if name in BY_NAME:
            return name
    return None


def _selectors(target: Any) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    selectors = _list(target.get("selector")) if isinstance(target, dict) else []
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
    return quote, position


def _from_selectors(key: str, uri: str, quote: dict[str, Any] | None, position: dict[str, Any] | None, **rest: Any) -> Incoming:
    if quote is None or not _string(quote.get("exact")).strip():
        return Incoming(key, uri, skipped="no quoted passage (a page note, or a selector this tool does not read)", **rest)
    start = _offset(position.get("start")) if position else None
    end = _offset(position.get("end")) if position else None
    return Incoming(key, uri, _string(quote.get("exact")), _string(quote.get("prefix")), _string(quote.get("suffix")),
                    start, end if start is not None and end is not None and end >= start else None, **rest)


def _hypothesis(item: Any, index: int) -> Incoming:
    if not isinstance(item, dict):
        return Incoming(f"#{index + 1}", "", skipped=NOT_AN_OBJECT)
    key = _key(item.get("id"), index)
    user = _string(item.get("user"))
    info = item.get("user_info")
    display = _string(info.get("display_name")) if isinstance(info, dict) else ""
    by = _name(display or re.sub(r"^acct:", "", user))
    rest: dict[str, Any] = {"text": _text(item.get("text")), "kind": _kind_from_tags(_list(item.get("tags"))) or "question",
                            "by": by, "date": _date(item.get("created")), "via": "Hypothesis",
                            "source_id": _source_id(item.get("id"))}
    uri = _string(item.get("uri"))
    if item.get("references"):
        return Incoming(key, uri, skipped="a reply to another annotation", **rest)
    # The first target that is an object: Hypothesis gives one, for the document annotated.
    target = next((t for t in _list(item.get("target")) if isinstance(t, dict)), None)
    quote, position = _selectors(target)
    return _from_selectors(key, uri, quote, position, **rest)


def _bodies(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in _list(item.get("body")) if isinstance(b, dict)]


def _w3c(item: Any, index: int) -> Incoming:
    if not isinstance(item, dict):
        return Incoming(f"#{index + 1}", "", skipped=NOT_AN_OBJECT)
    key = _key(item.get("id"), index)
    bodies = _bodies(item)
    by_format = {_string(b.get("format")): _string(b.get("value")) for b in bodies if _string(b.get("purpose")) not in META_PURPOSES}
    text = by_format.get("text/markdown") or by_format.get("text/plain") or by_format.get("") or \
        re.sub(r"<[^>]+>", "", by_format.get("text/html", ""))
    tags = [b.get("value") for b in bodies if b.get("purpose") == "tagging"]
    motivations = [re.sub(r"^(?:oa:|http://www\.w3\.org/ns/oa#)", "", _string(m)) for m in _list(item.get("motivation"))]
    # Our term for the kind: a classifying body naming it in our vocabulary, or (older exports) a motivation ``ar:claim``.
    terms = [m for m in motivations if m.startswith("ar:")] + [_string(b.get("source")) for b in bodies if b.get("purpose") == "classifying"]
    ours = next((t for t in (re.split(r"[#:]", term)[-1] for term in terms) if t in KIND_NAMES), None)
    kind = _kind_from_tags(tags) or ours or next((MOTIVATION_KIND[m] for m in motivations if m in MOTIVATION_KIND), "question")
    creator = item.get("creator")
    by = _name(creator.get("name") if isinstance(creator, dict) else creator)
    match = ID_FROM_IRI_RE.search(_string(item.get("id")))
    note_id = match.group("id") if match and match.group("id").split("-", 1)[0] in KIND_NAMES else ""
    made_by = item.get("generator")
    own = isinstance(made_by, dict) and made_by.get("id") == GENERATOR_ID
    rest: dict[str, Any] = {"text": _text(text), "kind": kind, "by": by, "date": _moment(item.get("created")),
                            "modified": _moment(item.get("modified")), "via": "" if own else "W3C annotations", "note_id": note_id,
                            "source_id": "" if own else _source_id(item.get("id"))}
    if own:  # a verdict is taken back only from our own export: anyone else's is their claim, not the editors'
        assessing = next((b for b in bodies if _string(b.get("purpose")) in {"assessing", "oa:assessing"}), None)
        verdict = _string(assessing.get("value")) if assessing else ""
        if verdict in RATING_SCALE and assessing:
            kind_of = _string(assessing.get("ar:claimantType"))
            rest.update(verdict=verdict, claimant=_name(assessing.get("ar:claimant")), claim=_name(assessing.get("ar:claim")),
                        claimant_type=kind_of if kind_of in CLAIMANT_TYPES and kind_of != "Person" else "",
                        first_appearance=_first_appearance(assessing.get("ar:firstAppearance")))
    targets = _list(item.get("target"))
    first = next((t for t in targets if isinstance(t, dict)), None)
    uri = _string(first.get("source")) if first else _string(targets[0]) if targets else ""
    others = tuple(s for s in (_string(t.get("source")) if isinstance(t, dict) else _string(t) for t in targets) if s and s != uri)
    quote, position = _selectors(first)
    return _from_selectors(key, uri, quote, position, other_uris=others, **rest)


def read_document(data: Any, shown: str) -> tuple[list[Incoming], list[Problem]]:
    """The annotations a JSON document holds, in file order; a document of no known shape is one located problem."""
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        return [_hypothesis(item, i) for i, item in enumerate(data["rows"])], []
    if isinstance(data, dict) and isinstance(data.get("annotations"), list):
        return [_hypothesis(item, i) for i, item in enumerate(data["annotations"])], []
    if isinstance(data, list):
        first = next((item for item in data if isinstance(item, dict)), {})
        reader = _w3c if first.get("type") == "Annotation" else _hypothesis
        return [reader(item, i) for i, item in enumerate(data)], []
    if isinstance(data, dict):
        kind = data.get("type")
        page = data.get("first") if kind == "AnnotationCollection" else data if kind == "AnnotationPage" else None
        if isinstance(page, dict) and isinstance(page.get("items"), list):
            return [_w3c(item, i) for i, item in enumerate(page["items"])], []
        if kind == "Annotation":
            return [_w3c(data, 0)], []
    return [], [error(shown, 1, 1, "not an annotation export this tool reads: expected Hypothesis's JSON ('annotations' or"
                      " 'rows') or a W3C AnnotationCollection, AnnotationPage or Annotation", "bad-annotations")]
