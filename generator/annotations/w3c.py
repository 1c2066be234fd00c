"""A reading's notes as a W3C Web Annotation collection (JSON-LD), and the checks that it is sound. Pure.

Data flow: a reading page --read.parse/locate--> passages and notes --text.plain-->
spans in the text a reader sees --> one ``Annotation`` per note:

- ``id``: the passage's address on the site (``site_url``), or a ``urn:`` naming the reading and note;
- ``motivation``: the W3C motivation of its kind (``kinds.Kind.motivation``) and the kind itself, a term
  of our vocabulary (``vocabulary()``, published beside the exports) whose ``skos:broader`` is that
  motivation;
- ``body``: the note as plain text, HTML and the page's own Markdown (for a lossless round trip), and
  the kind as a ``tagging`` body (how Hypothesis and other clients carry labels);
- ``target``: the article's original address (front-matter ``url``) and the reading page, each with a
  ``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector`` over the article text;
- ``creator``, ``created``, ``modified``: from the note's provenance where it is known.

``validate`` expands a collection with a JSON-LD processor (pyld) against the vendored W3C context,
refusing any other remote context, and checks each quote selector finds its passage exactly once.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown as md
from pyld import jsonld

from generator.annotations.text import plain
from generator.bibliography import Bibliography
from generator.bibliography.cite import STYLE, CitationError, Formatter, groups_in
from generator.document import read
from generator.document.kinds import BY_NAME, KINDS
from generator.document.page import Page
from generator.document.schema import ReadingMeta
from generator.site.sanitize import sanitize

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ANNO_CONTEXT_FILE = Path(__file__).with_name("anno.jsonld")
SKOS = "http://www.w3.org/2004/02/skos/core#"
OA = "http://www.w3.org/ns/oa#"
VOCABULARY_FILE = "vocabulary.jsonld"  # beside the exports, in the built site's annotations/ folder
SELECTOR_CONTEXT = 32  # characters of prefix and suffix, as Hypothesis keeps them
PUBLISHER = "Annotated Readings editors"


@dataclass(frozen=True)
class Origin:
    """Who wrote a note and when, where known (git, or the front-matter of an imported note)."""

    creator: str = ""
    created: str = ""  # YYYY-MM-DD
    modified: str = ""


def _context_terms() -> set[str]:
    return set(json.loads(ANNO_CONTEXT_FILE.read_text(encoding="utf-8"))["@context"])


def motivation_term(name: str) -> str:
    """A W3C motivation as the export writes it: its context term, or ``oa:`` and its name where the context has
    no term for it (the published anno.jsonld lacks ``assessing``, although the vocabulary defines it)."""
    return name if name in _CONTEXT_TERMS else f"oa:{name}"


def vocabulary_iri(base: str) -> str:
    """Our terms' namespace: the vocabulary file on the published site, or a URN when no site address is set."""
    return f"{base}#" if base else "urn:annotated-readings:kind:"


def context(vocabulary: str) -> list[Any]:
    return [ANNO_CONTEXT, {"ar": vocabulary, "skos": SKOS}]


def vocabulary(vocabulary_base: str) -> dict[str, Any]:
    """Our annotation kinds as SKOS concepts, each narrower than its W3C motivation."""
    return {
        "@context": {"ar": vocabulary_iri(vocabulary_base), "skos": SKOS, "oa": OA},
        "@graph": [{"@id": f"ar:{kind.name}", "@type": ["oa:Motivation", "skos:Concept"], "skos:prefLabel": kind.label,
                    "skos:definition": kind.description, "skos:broader": {"@id": f"oa:{kind.motivation}"}} for kind in KINDS],
    }


def cited_markdown(texts: dict[str, str], bibliography: Bibliography | None, style: str = STYLE,
                   page: str = "") -> dict[str, str]:
    """Each Markdown text with its citations (``[@key]``) written out as the style writes them, as plain text.

    ``page``: the whole page the texts come from, whose citations are formatted together with theirs, so that a
    note reads "2017b" here exactly where the page says "2017b" (the style disambiguates within a page).
    """
    groups = {ident: groups_in(text) for ident, text in texts.items()}
    cited: dict[str, list[str]] = {}
    if bibliography is not None:
        formatter = Formatter(bibliography, style)
        for group in groups_in(read.without_code(page)):
            formatter.register(group)
        for found in groups.values():
            for group in found:
                formatter.register(group)
        try:
            rendered, _references = formatter.render()
        except CitationError:  # a style that is no CSL file: the build reports it; the notes keep their citations
            rendered = [group.source for group in formatter.groups]
        flat = iter(htmllib.unescape(re.sub(r"<[^>]+>", "", t)) for t in rendered[len(rendered) - sum(map(len, groups.values())):])
        cited = {ident: [next(flat) for _ in found] for ident, found in groups.items()}
    out: dict[str, str] = {}
    for ident, text in texts.items():
        for group, shown in zip(groups[ident], cited.get(ident, []), strict=False):
            text = text.replace(group.source, re.sub(r"([\\`*_\[\]<>])", r"\\\1", shown), 1)
        out[ident] = text
    return out


def note_renderings(notes: dict[str, str], bibliography: Bibliography | None, style: str = STYLE,
                    page: str = "") -> dict[str, tuple[str, str]]:
    """Each note's (plain text, HTML): citations as the style writes them, Markdown rendered and sanitised."""
    out: dict[str, tuple[str, str]] = {}
    for ident, text in cited_markdown(notes, bibliography, style, page).items():
        rendered = sanitize(md.markdown(text))
        rendered = re.sub(r"^<p>(.*)</p>$", r"\1", rendered.strip(), flags=re.DOTALL)
        out[ident] = (" ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", rendered)).split()), rendered)
    return out


def _selectors(text: str, start: int, end: int) -> list[dict[str, Any]]:
    return [
        {"type": "TextQuoteSelector", "exact": text[start:end], "prefix": text[max(0, start - SELECTOR_CONTEXT):start],
         "suffix": text[end:end + SELECTOR_CONTEXT]},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def collection(slug: str, page: Page, reading_url: str, vocabulary_base: str, origins: dict[str, Origin] | None = None,
               bibliography: Bibliography | None = None, style: str = STYLE) -> dict[str, Any]:
    """The reading's notes as one W3C ``AnnotationCollection`` (JSON-LD), in reading order; citations in ``style``."""
    meta, _problems = page.typed(ReadingMeta)
    doc = read.parse(page.body, page.body_line)
    layer = read.locate(page.body)
    shown = plain(layer.text)
    definitions = doc.notes()
    notes = {a.id: (definitions[a.id].source or definitions[a.id].text) for a in doc.annotations if a.id in definitions}
    rendered = note_renderings({ident: definitions[ident].text for ident in notes}, bibliography, style, page.body)
    items = []
    ordered = sorted((a for a in doc.annotations if a.id in layer.spans and a.id in notes), key=lambda a: layer.spans[a.id])
    for ann in ordered:
        start, end = shown.span(*layer.spans[ann.id])
        selectors = _selectors(shown.text, start, end)
        targets = [{"type": "SpecificResource", "source": address, "selector": selectors}
                   for address in (meta.url, reading_url) if address]
        if not targets:
            targets = [{"type": "SpecificResource", "source": f"urn:annotated-readings:reading:{slug}", "selector": selectors}]
        text, body_html = rendered[ann.id]
        kind = BY_NAME[ann.kind]
        item: dict[str, Any] = {
            "id": f"{reading_url}#{ann.id}" if reading_url else f"urn:annotated-readings:{slug}:{ann.id}",
            "type": "Annotation",
            "motivation": [motivation_term(kind.motivation), f"ar:{kind.name}"],
            "body": [
                {"type": "TextualBody", "value": text, "format": "text/plain", "language": meta.language or "en"},
                {"type": "TextualBody", "value": body_html, "format": "text/html", "language": meta.language or "en"},
                {"type": "TextualBody", "value": notes[ann.id], "format": "text/markdown"},
                {"type": "TextualBody", "purpose": "tagging", "value": kind.name},
            ],
            "target": targets,
        }
        origin = (origins or {}).get(ann.id)
        if origin and origin.creator:
            item["creator"] = {"type": "Person", "name": origin.creator}
        if origin and origin.created:
            item["created"] = origin.created
        if origin and origin.modified:
            item["modified"] = origin.modified
        items.append(item)
    label = f"Annotations on “{meta.title}”" if meta.title else f"Annotations on {slug}"
    return {
        "@context": context(vocabulary_iri(vocabulary_base)),
        "id": f"{reading_url}annotations.jsonld" if reading_url else f"urn:annotated-readings:{slug}:annotations",
        "type": "AnnotationCollection",
        "label": label,
        "creator": {"type": "Organization", "name": PUBLISHER},
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


_CONTEXT_TERMS = _context_terms()


def dumps(data: dict[str, Any]) -> str:
    """Deterministic JSON: the same reading gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _loader(url: str, _options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") != ANNO_CONTEXT:
        raise jsonld.JsonLdError(f"refusing to load a remote context: {url}", "jsonld.LoadDocumentError")
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(ANNO_CONTEXT_FILE.read_text(encoding="utf-8"))}


def expand(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The collection expanded by a JSON-LD processor, offline (the W3C context is vendored)."""
    return list(jsonld.expand(data, {"documentLoader": _loader}))


def validate(data: dict[str, Any], article: str) -> list[str]:
    """Problems of an exported collection: it must expand as JSON-LD, and each quote must find its passage once in
    ``article`` (the text a reader sees), at its recorded position."""
    problems: list[str] = []
    try:
        expanded = expand(data)
    except jsonld.JsonLdError as exc:
        return [f"the collection does not expand as JSON-LD: {exc}"]
    if not expanded or (f"{OA}AnnotationCollection" not in expanded[0].get("@type", []) and \
            "http://www.w3.org/ns/activitystreams#OrderedCollection" not in expanded[0].get("@type", [])):
        problems.append("the document is not an AnnotationCollection once expanded")
    for item in data.get("first", {}).get("items", []):
        for target in item.get("target", []):
            quote = next((s for s in target.get("selector", []) if s.get("type") == "TextQuoteSelector"), None)
            position = next((s for s in target.get("selector", []) if s.get("type") == "TextPositionSelector"), None)
            if quote is None or position is None:
                problems.append(f"{item.get('id')}: a target without both selectors")
                continue
            whole = quote["prefix"] + quote["exact"] + quote["suffix"]
            found = [m.start() for m in re.finditer(re.escape(whole), article)]
            if len(found) != 1:
                problems.append(f"{item.get('id')}: its quote with prefix and suffix is found {len(found)} times in the article")
            elif found[0] + len(quote["prefix"]) != position["start"] or article[position["start"]:position["end"]] != quote["exact"]:
                problems.append(f"{item.get('id')}: its position selector does not point at its quote")
    return problems
