"""A reading's notes as a W3C Web Annotation collection (JSON-LD), and the checks that it is sound. Pure.

Data flow: a reading page --read.parse/locate--> passages and notes --text.plain-->
spans in the text a reader sees --> one ``Annotation`` per note, in one ``AnnotationPage`` embedded in
one ``AnnotationCollection`` (``Site`` gives the addresses: the collection's ``id`` is the published
``annotations/<slug>.jsonld``, its page that file's ``#page-1``, so both resolve to what ``readings build`` writes):

- ``id``: the passage's address on the site (``site_url``), or a ``urn:`` naming the reading and note;
- ``motivation``: the W3C motivation of its kind (``kinds.Kind.motivation``), one value; ``assessing``
  is a term of the export's own context, as the published anno.jsonld lacks it;
- ``body``: the note as plain text, HTML and the page's own Markdown (for a lossless round trip); the
  kind as a ``tagging`` body and as a ``classifying`` body whose source is our term for it
  (``vocabulary()``, published beside the exports; its ``skos:broader`` is that motivation); the
  verdict of a rated note (front-matter ``ratings``) as an ``assessing`` body, with the rating's claimant
  (``ar:claimant``, ``ar:claimantType`` unless Person), summary (``ar:claim``) and first appearance
  (``ar:firstAppearance``: ``ar:date``, ``ar:title``, ``ar:publisher``, ``ar:url``);
- ``target``: the article's original address (front-matter ``url``) and the reading page, each with its
  ``format`` and ``language`` (the reading's, else the site's), a ``TextQuoteSelector`` (exact, prefix,
  suffix) and a ``TextPositionSelector`` over the article text; the reading page's also a ``FragmentSelector``
  (RFC 3986: the id of the ``<mark>`` that holds the passage on that page, whose text is the quote). The passage
  is the article's text, reproduced as it is: its ``creator`` is the article's authors (front-matter ``authors``,
  each a Person whose ``id`` is their name in the reading page's byline, ``#reading-author-<n>``; no byline: the
  publisher, an Organization, ``#reading-publisher``) and its ``created`` the article's ``published`` day, taken
  at its start in UTC (T00:00:00Z) as the day alone is all the front-matter knows; the note's bodies are in the
  desk's language (the site's ``theme.language``), or the note's own where it names one (``{lang=…}``);
- ``creator`` (an Agent with ``id`` and ``nickname``; an entry of ``docs/people.yaml`` where one claims the git
  name: its page on the site as ``id``), ``created``, ``modified`` (xsd:dateTime in UTC;
  a day alone at T00:00:00Z): from the note's provenance where it is known, on the annotation and on
  the bodies its author wrote; ``generator``: this tool (``GENERATOR_ID``, by which import knows its own export).

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

from generator import __version__
from generator.annotations.text import plain
from generator.bibliography import Bibliography
from generator.bibliography.cite import STYLE, CitationError, Formatter, groups_in
from generator.document import read
from generator.document.kinds import BY_NAME, KINDS
from generator.document.language import normalise
from generator.document.page import Page
from generator.document.schema import Rating, ReadingMeta
from generator.document.syntax import note_language
from generator.site.sanitize import sanitize
from generator.slug import slugify

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ANNO_CONTEXT_FILE = Path(__file__).with_name("anno.jsonld")
SKOS = "http://www.w3.org/2004/02/skos/core#"
OA = "http://www.w3.org/ns/oa#"
VOCABULARY_FILE = "vocabulary.jsonld"  # beside the exports, in the built site's annotations/ folder
SELECTOR_CONTEXT = 32  # characters of prefix and suffix, as Hypothesis keeps them
PUBLISHER = "Annotated Readings editors"
TOOL = "Annotated Readings"
TOOL_NICKNAME = "readings"
# The generator of our own exports, on every annotation: import knows its own export by it (and then keeps names
# as they are and takes the verdicts back). Stable across sites and versions.
GENERATOR_ID = "urn:annotated-readings:generator"
PAGE_FRAGMENT = "#page-1"  # the embedded AnnotationPage: a fragment of the published collection file
FRAGMENT_SPEC = "http://tools.ietf.org/rfc/rfc3986"  # a FragmentSelector's conformsTo for an HTML page (model 4.2.1)
# The ids the reading page's byline gives its authors (from 1) and its publisher (overrides/partials/reading-header.html).
AUTHOR_ANCHOR = "reading-author-"
PUBLISHER_ANCHOR = "reading-publisher"


@dataclass(frozen=True)
class Origin:
    """Who wrote a note and when, where known (git, or the front-matter of an imported note)."""

    creator: str = ""
    created: str = ""  # an xsd:dateTime in UTC (YYYY-MM-DDTHH:MM:SSZ), or YYYY-MM-DD where only the day is known
    modified: str = ""
    person: dict[str, Any] | None = None  # the creator as an entry of docs/people.yaml (people.w3c_agent), where one claims it


@dataclass(frozen=True)
class Site:
    """Where a reading's collection lives: addresses on the published site ("" without ``site_url``) and its language."""

    reading_url: str = ""  # the reading page
    collection_url: str = ""  # the published annotations/<slug>.jsonld
    vocabulary: str = ""  # the published annotations/vocabulary.jsonld
    language: str = "en"  # the site's (mkdocs.yml theme.language), for a reading without its own
    homepage: str = ""  # the tool's homepage as the export names it: the site's address (site_url)


def _context_terms() -> set[str]:
    return set(json.loads(ANNO_CONTEXT_FILE.read_text(encoding="utf-8"))["@context"])


def missing_motivations() -> dict[str, str]:
    """W3C motivations our kinds use that the published anno.jsonld has no term for (``assessing``, although the
    vocabulary defines it), as terms of the export's own context: readers that match the names (the test suite,
    most clients) and JSON-LD processors both read ``assessing``."""
    return {name: f"oa:{name}" for name in sorted({kind.motivation for kind in KINDS} | {"assessing"}) if name not in _CONTEXT_TERMS}


def vocabulary_iri(base: str) -> str:
    """Our terms' namespace: the vocabulary file on the published site, or a URN when no site address is set."""
    return f"{base}#" if base else "urn:annotated-readings:kind:"


def context(vocabulary: str) -> list[Any]:
    return [ANNO_CONTEXT, {"ar": vocabulary, "skos": SKOS, **missing_motivations()}]


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


def fragment_selector(ident: str) -> dict[str, Any]:
    """The passage on the reading page by its element's id: the ``<mark id="...">`` the site renders around it
    (``site.mdext``), whose text is the passage itself, so that this selector and the quote select the same text."""
    return {"type": "FragmentSelector", "conformsTo": FRAGMENT_SPEC, "value": ident}


def byline_anchor(index: int) -> str:
    """The id of the ``index``-th author (from 1) in the reading page's byline (overrides/partials/reading-header.html)."""
    return f"{AUTHOR_ANCHOR}{index}"


def article_creators(meta: ReadingMeta, base: str) -> list[dict[str, Any]]:
    """Who wrote the article, as W3C Agents: each author of the byline a Person, else the publisher an Organization.

    Each ``id`` is where our own site names them: the reading page's byline (``base``, the page's address, or the
    reading's ``urn:`` without a site address) at the author's anchor; no identity from elsewhere is claimed. The
    nickname is the name as a slug, as for contributors (``agent``)."""
    def anchored(anchor: str) -> str:
        return f"{base}#{anchor}" if base.startswith(("http://", "https://")) else f"{base}:{anchor}"

    if meta.authors:
        return [{"id": anchored(byline_anchor(n)), "type": "Person", "name": name, "nickname": slugify(name, 60)}
                for n, name in enumerate(meta.authors, start=1)]
    if meta.publisher:
        return [{"id": anchored(PUBLISHER_ANCHOR), "type": "Organization", "name": meta.publisher,
                 "nickname": slugify(meta.publisher, 60)}]
    return []


def _written(meta: ReadingMeta, base: str) -> dict[str, Any]:
    """What a passage says of itself: the article's text, by its authors, first published on its date."""
    creators = article_creators(meta, base)
    out: dict[str, Any] = {}
    if creators:
        out["creator"] = creators[0] if len(creators) == 1 else creators
    if meta.published:
        out["created"] = timestamp(meta.published.isoformat())
    return out


def timestamp(value: str) -> str:
    """A moment as the export writes it: an xsd:dateTime in UTC; a day alone is taken at its start (T00:00:00Z)."""
    return f"{value}T00:00:00Z" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else value


def agent(name: str) -> dict[str, Any]:
    """A note's author as a W3C Agent: a Person (the editors as a body: an Organization) named, with a nickname and a
    stable ``urn:`` id made from the name (the export publishes no e-mail address or account)."""
    nickname = slugify(name, 60) or "contributor"
    return {"id": f"urn:annotated-readings:contributor:{nickname}", "type": "Organization" if name == PUBLISHER else "Person",
            "name": name, "nickname": nickname}


def generator(homepage: str) -> dict[str, Any]:
    """This tool as the Software agent that wrote the export, with its version."""
    out: dict[str, Any] = {"id": GENERATOR_ID, "type": "Software", "name": TOOL, "nickname": TOOL_NICKNAME,
                           "schema:softwareVersion": __version__}
    if homepage:
        out["homepage"] = homepage
    return out


def verdicts(page: Page) -> dict[str, Rating]:
    """The page's ratings as the schema reads them (``id: verdict`` or ``id: {verdict, claimant, claim}``); a rating
    the schema refuses is no verdict here (``readings check`` reports it)."""
    meta, _problems = page.typed(ReadingMeta)
    return dict(meta.ratings)


def _assessing(verdict: Rating) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "TextualBody", "purpose": "assessing", "value": verdict.verdict,
                            "format": "text/plain", "language": "en"}
    if verdict.claimant:
        body["ar:claimant"] = verdict.claimant
    if verdict.claimant_type != "Person":
        body["ar:claimantType"] = verdict.claimant_type
    if verdict.claim:
        body["ar:claim"] = verdict.claim
    if (first := verdict.first_appearance) is not None:
        body["ar:firstAppearance"] = {"ar:date": first.date.isoformat(), **{f"ar:{k}": getattr(first, k)
                                                                             for k in ("title", "publisher", "url") if getattr(first, k)}}
    return body


def collection(slug: str, page: Page, site: Site, origins: dict[str, Origin] | None = None,
               bibliography: Bibliography | None = None, style: str = STYLE) -> dict[str, Any]:
    """The reading's notes as one W3C ``AnnotationCollection`` (JSON-LD), in reading order, its one page embedded;
    citations in ``style``."""
    meta, _problems = page.typed(ReadingMeta)
    language = meta.language or site.language
    doc = read.parse(page.body, page.body_line)
    layer = read.locate(page.body)
    shown = plain(layer.text)
    definitions = doc.notes()
    # A note is in the desk's language (the site's) unless it names its own ({lang=…}, document.syntax): its bodies say
    # which, and carry its text without the marker. The targets (the article's text) are in the reading's language.
    written_in = {a.id: note_language(definitions[a.id].text)[0] for a in doc.annotations if a.id in definitions}
    notes = {a.id: note_language(definitions[a.id].source or definitions[a.id].text)[1] for a in doc.annotations if a.id in definitions}
    rendered = note_renderings({ident: note_language(definitions[ident].text)[1] for ident in notes}, bibliography, style, page.body)
    rated = verdicts(page)
    made_by = generator(site.homepage)
    kinds_base = vocabulary_iri(site.vocabulary)
    reading_urn = f"urn:annotated-readings:reading:{slug}"
    passage = _written(meta, site.reading_url or reading_urn)
    items = []
    ordered = sorted((a for a in doc.annotations if a.id in layer.spans and a.id in notes), key=lambda a: layer.spans[a.id])
    for ann in ordered:
        start, end = shown.span(*layer.spans[ann.id])
        selectors = _selectors(shown.text, start, end)
        targets = [{"type": "SpecificResource", "source": address, "format": "text/html", "language": language,
                    "selector": [*selectors, fragment_selector(ann.id)] if address == site.reading_url else selectors, **passage}
                   for address in dict.fromkeys((meta.url, site.reading_url)) if address]
        if not targets:
            targets = [{"type": "SpecificResource", "source": reading_urn, "format": "text/markdown",
                        "language": language, "selector": selectors, **passage}]
        text, body_html = rendered[ann.id]
        kind = BY_NAME[ann.kind]
        origin = (origins or {}).get(ann.id) or Origin()
        # Who wrote the note wrote its text and chose its kind: each such body says so, as the annotation does.
        written: dict[str, Any] = {}
        if origin.person is not None:
            written["creator"] = origin.person
        elif origin.creator:
            written["creator"] = agent(origin.creator)
        if origin.created:
            written["created"] = timestamp(origin.created)
        if origin.modified:
            written["modified"] = timestamp(origin.modified)
        note_lang = normalise(written_in[ann.id]) or site.language if written_in[ann.id] else site.language
        body: list[dict[str, Any]] = [
            {"type": "TextualBody", "value": text, "format": "text/plain", "language": note_lang, **written},
            {"type": "TextualBody", "value": body_html, "format": "text/html", "language": note_lang, **written},
            {"type": "TextualBody", "value": notes[ann.id], "format": "text/markdown", "language": note_lang, **written},
            {"type": "TextualBody", "purpose": "tagging", "value": kind.name, **written},
            {"type": "SpecificResource", "purpose": "classifying", "source": f"{kinds_base}{kind.name}", **written},
        ]
        if ann.id in rated:
            body.append(_assessing(rated[ann.id]))
        item: dict[str, Any] = {
            "id": f"{site.reading_url}#{ann.id}" if site.reading_url else f"urn:annotated-readings:{slug}:{ann.id}",
            "type": "Annotation",
            "motivation": kind.motivation,
            **written,
            "generator": made_by,
            "body": body,
            "target": targets,
        }
        items.append(item)
    label = f"Annotations on “{meta.title}”" if meta.title else f"Annotations on {slug}"
    ident = site.collection_url or f"urn:annotated-readings:{slug}:annotations"
    page_id = f"{ident}{PAGE_FRAGMENT}" if site.collection_url else f"{ident}:page-1"
    return {
        "@context": context(kinds_base),
        "id": ident,
        "type": "AnnotationCollection",
        "label": label,
        "creator": {"type": "Organization", "name": PUBLISHER},
        "total": len(items),
        "first": {"id": page_id, "type": "AnnotationPage", "partOf": ident, "startIndex": 0, "items": items},
        "last": page_id,
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
