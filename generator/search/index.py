"""A search index a browser loads piece by piece: term shards, a small manifest, one file per page.

Material's search rebuilds a lunr index from the whole ``search_index.json`` on
every page load: 4.7 s to a first result at 1,000 readings, 17 s at 5,000. This
index is built once, at build time, from the same entries (Material's, with
``site.search``'s one entry per note), and cut so that a query loads only what it
needs:

    entries --group by page--> pages (a page's entry first, then its sections)
            --tokens.terms--> postings: term -> [(doc, impact)], impact = BM25F (title, text) quantised to 1..15
            --sorted by term, cut every ~SHARD_BYTES--> shard-N.js
    manifest.js: the first term of each shard, where each page's docs start, counts; in a collection with pages
                 in other languages than English, the analysers it holds (``languages``) and their stop words,
                 so the worker analyses a query as each of them would
    page-N.js:   each page's docs as [location, title, text, tags] (plain text), for titles and snippets
    titles-N.js: the location and title of TITLE_BLOCK pages, for results past those shown with snippets

``Analysis`` remembers each doc's terms, so the builds of one ``readings serve``
re-read only the docs that changed (the ranking still uses the whole collection).

Every file is a script that registers itself (``readingsSearch(kind, key, data)``),
so the worker loads it with ``importScripts`` over http and, through the
iframe-worker shim, from ``file://`` (where ``fetch`` is forbidden). A term in
more than MAX_POSTINGS docs keeps only its highest-impact postings and is marked
("!"): the worker then scores with it without requiring it. All of it is
deterministic: the same entries give the same bytes.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.search.languages import ENGLISH, analyser, analyser_for, terms

FOLDER = "search/readings"  # under the site's root
SHARD_BYTES = 32 * 1024
MAX_POSTINGS = 3000  # per term; beyond it only the best-scoring docs are kept
TITLE_WEIGHT = 3  # a word in a title (or a tag) scores three times a word in the text
TITLE_BLOCK = 32  # pages per titles-N.js: the titles of results past the ones shown with snippets
K1, B = 1.2, 0.75  # BM25's usual constants
LEVELS = 15  # impacts are quantised to 1..LEVELS
BLOCK_TAG_RE = re.compile(r"</?(?:p|li|ol|ul|pre|div|h\d|br|tr|td|th|table|blockquote)\b[^>]*>", re.IGNORECASE)
TAG_RE = re.compile(r"<[^>]*>")
VERSION = 1


@dataclass(frozen=True)
class Doc:
    location: str
    title: str  # plain text
    text: str  # plain text
    tags: tuple[str, ...]
    analyser: str = ENGLISH  # the key of the analyser of its page's language (``languages.analyser_for``)


def plain(markup: str) -> str:
    """Index markup (a few tags, entities) as the text a reader sees."""
    return " ".join(htmllib.unescape(TAG_RE.sub("", BLOCK_TAG_RE.sub(" ", markup))).split())


def _docs(entries: list[dict[str, Any]], languages: Mapping[str, str], default: str) -> list[list[Doc]]:
    """Entries grouped by page, in order of first appearance; a page's own entry first; each with its page's
    analyser (``languages``: page URL -> BCP 47 tag; a page not in it is in the site's language, ``default``)."""
    pages: dict[str, list[Doc]] = {}
    for entry in entries:
        location = str(entry.get("location", ""))
        path = location.split("#", 1)[0]
        doc = Doc(location, plain(str(entry.get("title", ""))), plain(str(entry.get("text", ""))),
                  tuple(plain(str(t)) for t in entry.get("tags", []) or []),
                  analyser_for(languages.get(path), default))
        group = pages.setdefault(path, [])
        if "#" not in location:
            group.insert(0, doc)
        else:
            group.append(doc)
    result = []
    for path, group in pages.items():
        if "#" in group[0].location:  # a page with sections but no entry of its own
            group.insert(0, Doc(path, group[0].title, "", ()))
        result.append(group)
    return result


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


_B36 = [_b36(number) for number in range(36 ** 3)]  # most postings: a small gap and an impact


def _script(kind: str, key: int | None, data: object, layout: str | None = None) -> str:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=kind != "page")
    # "</" can not end a script element here (the file is loaded by src), but keep it inert anyway.
    body = body.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    tail = "" if layout is None else f",{json.dumps(layout)}"
    return f"readingsSearch({json.dumps(kind)},{'null' if key is None else key},{body}{tail});\n"


Counts = tuple[Counter[str], Counter[str]]  # a doc's terms: in its text, in its title and tags
CHECK_EVERY = 512  # docs between two looks at ``cancelled``


class CancelledError(Exception):
    """The build was told to stop (a newer one is wanted); nothing was returned."""


def _go_on(cancelled: Callable[[], bool] | None, number: int) -> None:
    if cancelled is not None and number % CHECK_EVERY == 0 and cancelled():
        raise CancelledError


class Analysis:
    """Each doc's terms, remembered from one build to the next (the docs of the latest build only)."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str, tuple[str, ...], str], Counts] = {}

    def __call__(self, docs: list[Doc], cancelled: Callable[[], bool] | None = None) -> list[Counts]:
        known: dict[tuple[str, str, tuple[str, ...], str], Counts] = {}
        found = []
        for number, doc in enumerate(docs):
            _go_on(cancelled, number)
            key = (doc.text, doc.title, doc.tags, doc.analyser)
            counts = known.get(key) or self._known.get(key)
            if counts is None:
                counts = (Counter(terms(doc.text, doc.analyser)),
                          Counter(terms(" ".join((doc.title, *doc.tags)), doc.analyser)))
            known[key] = counts
            found.append(counts)
        self._known = known  # (a cancelled build raises before this: the memo stays as it was)
        return found


def _analysers(keys: set[str]) -> dict[str, Any]:
    """What the worker needs to analyse a query as each of ``keys`` does: its Snowball stemmer and stop words."""
    return {key: {"stemmer": analyser(key).stemmer, "stop": sorted(analyser(key).stop)} if key != ENGLISH else {}
            for key in sorted(keys)}


def build(entries: list[dict[str, Any]], analysis: Analysis | None = None,
          cancelled: Callable[[], bool] | None = None, languages: Mapping[str, str] | None = None,
          default: str = ENGLISH) -> dict[str, str]:
    """The index files (path under the site -> text) for Material's search entries; ``analysis`` remembers terms
    between builds of one process; ``cancelled`` is asked now and then, and raises ``CancelledError`` when it says yes;
    ``languages``: each page's language (page URL -> BCP 47 tag), ``default``: the language of the others."""
    pages = _docs(entries, languages or {}, default)
    docs = [doc for group in pages for doc in group]
    # Two fields, each normalised by its own length (BM25F): a word in a title (or a tag) weighs TITLE_WEIGHT times
    # a word in the text, however long the text, so a reading is found by its headline before pages that mention it.
    counted = (analysis or Analysis())(docs, cancelled)
    texts = [text for text, _title in counted]
    titles = [title for _text, title in counted]
    text_average = max(sum(sum(c.values()) for c in texts) / max(len(docs), 1), 1e-9)
    title_average = max(sum(sum(c.values()) for c in titles) / max(len(docs), 1), 1e-9)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, (text, title) in enumerate(zip(texts, titles, strict=True)):
        _go_on(cancelled, number)
        text_norm = K1 * (1 - B + B * sum(text.values()) / text_average)
        title_norm = K1 * (1 - B + B * sum(title.values()) / title_average)
        for term, count in text.items():
            weight = count * (K1 + 1) / (count + text_norm)
            in_title = title.get(term)
            if in_title:
                weight += TITLE_WEIGHT * in_title * (K1 + 1) / (in_title + title_norm)
            postings[term].append((number, weight))
        for term, in_title in title.items():
            if term not in text:
                postings[term].append((number, TITLE_WEIGHT * in_title * (K1 + 1) / (in_title + title_norm)))
    total = max(len(docs), 1)
    idfs = {term: math.log(1 + (total - len(found) + 0.5) / (len(found) + 0.5)) for term, found in postings.items()}
    # The highest score of all (idf > 0, so each term's best is idf × its highest weight).
    top = max((idfs[term] * max(weight for _, weight in found) for term, found in postings.items()), default=1.0)
    files: dict[str, str] = {}
    shards: list[str] = []  # the first term of each
    cut: list[dict[str, str]] = []
    shard: dict[str, str] = {}
    size = 0

    def flush() -> None:
        nonlocal shard, size
        if shard:
            cut.append(shard)
        shard, size = {}, 0

    for count, term in enumerate(sorted(postings)):
        _go_on(cancelled, count)
        idf, found = idfs[term], postings[term]
        truncated = len(found) > MAX_POSTINGS
        if truncated:
            found = sorted(sorted(found, key=lambda p: -(idf * p[1]))[:MAX_POSTINGS])
        previous, encoded = 0, []
        for number, weight in found:
            impact = round(idf * weight / top * LEVELS)
            impact = 1 if impact < 1 else LEVELS if impact > LEVELS else impact
            code = (number - previous) * 16 + impact
            encoded.append(_B36[code] if code < len(_B36) else _b36(code))
            previous = number
        value = ("!" if truncated else "") + ".".join(encoded)
        if not shard or size + len(value) + len(term) > SHARD_BYTES:
            flush()
            shards.append(term)
        shard[term] = value
        size += len(value) + len(term) + 6
    flush()
    starts, first = [], 0
    for group in pages:
        starts.append(first)
        first += len(group)
    starts_text = ".".join(_b36(b - a) for a, b in zip([0, *starts], starts, strict=False))
    # Which docs and terms each file holds: a worker that loaded the manifest of another build (a preview rebuilt
    # meanwhile) refuses the pieces of this one instead of putting their hits on the wrong pages.
    keys = {doc.analyser for doc in docs}
    english = keys <= {ENGLISH}  # an English collection's files are what they were before other languages came
    layout = hashlib.sha256(json.dumps([len(docs), shards, starts_text, *([] if english else [sorted(keys)])]).encode()
                            ).hexdigest()[:12]
    for number, data in enumerate(cut):
        files[f"{FOLDER}/shard-{number}.js"] = _script("shard", number, data, layout)
    for number, group in enumerate(pages):
        files[f"{FOLDER}/page-{number}.js"] = _script("page", number, [[d.location, d.title, d.text, list(d.tags)] for d in group],
                                                      layout)
    for first in range(0, len(pages), TITLE_BLOCK):
        block = [[group[0].location, group[0].title] for group in pages[first:first + TITLE_BLOCK]]
        files[f"{FOLDER}/titles-{first // TITLE_BLOCK}.js"] = _script("titles", first // TITLE_BLOCK, block, layout)
    manifest = {"version": VERSION, "docs": len(docs), "pages": len(pages), "shards": shards, "levels": LEVELS,
                "titleBlock": TITLE_BLOCK, "layout": layout, "starts": starts_text}
    if not english:
        manifest["languages"] = _analysers(keys)
    files[f"{FOLDER}/manifest.js"] = _script("manifest", None, manifest)
    return files
