"""Importer for saved web pages (HTML, plain or gzip-compressed).

trafilatura finds the article and its metadata; its Markdown output keeps
paragraphs, headings, lists, quotations, emphasis and links. Then the same
repairs as every importer: unsafe or lost links become text with a capture
note, raw HTML is escaped (nh3 strips any tags left in the text first), and
images become links with their alt text when they have an absolute address, or
are dropped with a capture note. The rest of the page's text is kept verbatim
in "Removed from the capture". A contributor's extraction override (``override``)
narrows what the extractor sees, and where the article starts and ends.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import html as htmllib
import re
from pathlib import PurePosixPath
from typing import Any

import nh3

from generator.document.capture import Capture, Removed, Repair, RepairCode
from generator.document.text import plain_text
from generator.errors import InputError, error
from generator.importers.common import Block, literal_markdown, make_capture, repair_paragraphs, split_paragraphs
from generator.importers.override import ExtractionOverride, apply_selectors, trim

HTML_START_RE = re.compile(r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE | re.DOTALL)
# Neither part holds its own opening bracket: from each "![" of a run, it would scan to the end of the line.
IMAGE_RE = re.compile(r"!\[(?P<alt>[^\[\]\n]*)\]\((?P<src>[^()\s]*)\)")
# The page's own language: <html lang>, looked for in its first 20,000 characters (the tag opens a page).
HTML_LANG_RE = re.compile(r"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z0-9_-]{1,40})", re.IGNORECASE)
TAG_START_RE = re.compile(r"</?[A-Za-z]")
IMG_TAG_RE = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)  # not "<" either: linear on runs of "<img"
IMG_ATTR_RE = re.compile(r"""\b(src|alt)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
MAX_HTML_CHARS = 20_000_000


def detect(text: str) -> bool:
    return bool(HTML_START_RE.match(text[:4096]))


def _images(paragraph: str) -> str:
    """Images are not part of a reading's text (trafilatura may still emit one): drop them."""
    return IMAGE_RE.sub("", paragraph).strip()


def _image_list(text: str) -> str:
    """The page's images, one a line ('alt: address'), for the removed block."""
    lines = []
    for tag in IMG_TAG_RE.findall(text):
        attrs = {m.group(1).lower(): m.group(2).strip("\"'") for m in IMG_ATTR_RE.finditer(tag)}
        if attrs.get("src") and not attrs["src"].startswith("data:"):
            lines.append(f"{' '.join(attrs.get('alt', '').split()) or '(no description)'}: {attrs['src']}")
    return "\n".join(dict.fromkeys(lines))


def _has_tag(paragraph: str) -> bool:
    """Whether a line holds a tag's start ("<a", "</a") with a ">" after it. Only each line's first start is tried:
    a regex tried from every "<" would scan to the end of the line each time (quadratic on runs of "<")."""
    for line in paragraph.split("\n"):
        start = TAG_START_RE.search(line)
        if start and ">" in line[start.end():]:
            return True
    return False


def _strip_tags(paragraph: str) -> str:
    """Tags in extracted text are the page's markup, not words: nh3 removes them, keeping the text."""
    if not _has_tag(paragraph):
        return paragraph

    # trafilatura writes a "<" of the page's text as "\<" (Markdown's escape): words, not a tag, so nh3 must see text.
    return htmllib.unescape(nh3.clean(paragraph.replace("\\<", "\\&lt;"), tags=set(), clean_content_tags={"script", "style"}))


def _metadata(text: str) -> dict[str, Any]:
    import trafilatura

    # Not "extensive": its last resort is a copyright year, which is no publication date.
    doc = trafilatura.extract_metadata(text, extensive=False)
    meta: dict[str, Any] = {}
    if doc is None:
        return meta
    if doc.sitename:
        meta["publisher"] = " ".join(doc.sitename.split())
    if doc.title:
        title = " ".join(doc.title.split())
        if title.casefold() == meta.get("publisher", "").casefold() and (whole := TITLE_RE.search(text[:200_000])):
            title = " ".join(htmllib.unescape(whole.group(1)).split())  # "Site - Headline" read as the site's name alone
        meta["title"] = without_site_name(title, meta.get("publisher", ""))
    # trafilatura drops a <meta name="author"> without a space in it (a user name, it assumes): a Chinese, Japanese
    # or Korean name has none, so the page's own meta author is read here when trafilatura found no byline.
    author = doc.author or _meta_author(text)
    if author:
        names = [BYLINE_LABEL_RE.sub("", a.strip()).strip() for a in re.split(r";|\s+and\s+", author)]
        meta["authors"] = [n for n in names if n]
    if doc.date:
        with contextlib.suppress(ValueError):
            date = dt.date.fromisoformat(doc.date[:10])
            # A date of today or later is the extractor's fallback, not the article's: leave it out.
            if date < dt.date.today():
                meta["published"] = date
    if doc.description:
        meta["description"] = " ".join(doc.description.split())
    if doc.url and doc.url.lower().startswith(("http://", "https://")):
        meta["url"] = doc.url
    lang = HTML_LANG_RE.search(text[:20000])
    if lang:
        meta["language"] = lang.group(1)
    return meta


# A byline's label in front of the name ("作者：李华", "By Jane Doe", "بقلم سارة"): not part of the name. A one-character
# label (文, also a surname) only with its separator.
BYLINE_LABEL_RE = re.compile(r"^(?:(?:作者|记者|記者|撰文|編集|بقلم|كتب|نویسنده|автор|Автор)\s*[:：/／]?\s*|文\s*[:：/／]\s*"
                             r"|(?:by|par|von|por|di|door)\s+)", re.IGNORECASE)
META_AUTHOR_RE = re.compile(r"<meta\s[^<>]*(?:name|property)\s*=\s*[\"'](?:author|article:author|og:article:author)[\"'][^<>]*>",
                            re.IGNORECASE)
TITLE_RE = re.compile(r"<title[^<>]*>([^<>]*)</title>", re.IGNORECASE)
META_CONTENT_RE = re.compile(r"""\scontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
# What separates a page's title from its site's name: "Title | Site", "Title - Site", "Title_Site", "Site – Title".
TITLE_SEPARATOR_RE = re.compile(r"\s+[|\-–—·:]{1,2}\s+|\s*[_｜|]\s*|\s+-\s*|\s*-\s+")


def _meta_author(text: str) -> str:
    """The page's ``<meta name="author">`` (or ``article:author``) content, when it is a name, not an address."""
    for tag in META_AUTHOR_RE.findall(text[:200_000]):
        content = META_CONTENT_RE.search(tag)
        value = " ".join(htmllib.unescape(content.group(1) or content.group(2) or "").split()) if content else ""
        if value and not value.lower().startswith(("http://", "https://")):
            return value
    return ""


def without_site_name(title: str, site: str) -> str:
    """The title without the site's name at its end or start ("… | Site name", "… - 新华网"); unchanged when no part
    of it is the site's name (a separator may belong to the headline itself)."""
    if not site:
        return title
    parts = TITLE_SEPARATOR_RE.split(title)
    folded = site.casefold()
    for index in (-1, 0):
        if len(parts) > 1 and parts[index].strip().casefold() == folded:
            match = list(TITLE_SEPARATOR_RE.finditer(title))[index]
            kept = title[:match.start()] if index == -1 else title[match.end():]
            return kept.strip() or title
    return title


# What lxml refuses to set as an element's text (XML 1.0 forbids it): the page-lines pass reads such a character as
# a space (form feed is whitespace to HTML, and the lines are whitespace-normalised anyway) instead of failing.
XML_INCOMPATIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CHAR_REF_RE = re.compile(r"&#(?:[xX](?P<hex>[0-9a-fA-F]{1,8})|(?P<dec>[0-9]{1,10}));?")


def _xml_safe(text: str) -> str:
    """The page with each character XML cannot hold, written as itself or as a character reference ("&#x1;"), read as a
    space: lxml reads the reference into the tree, and one such character made trafilatura extract nothing at all."""

    def ref(match: re.Match[str]) -> str:
        code = int(match["hex"], 16) if match["hex"] else int(match["dec"])
        return " " if code > 0x10FFFF or XML_INCOMPATIBLE_RE.match(chr(code)) else match.group(0)

    return CHAR_REF_RE.sub(ref, XML_INCOMPATIBLE_RE.sub(" ", text))

BLOCK_TAGS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th",
              "section", "article", "aside", "header", "footer", "nav", "figure", "figcaption", "br", "dd", "dt", "form", "main")


def _page_lines(text: str) -> list[str]:
    """The page's visible text, one line per block element; scripts and styles are not text."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        doc = lxml_html.document_fromstring(_xml_safe(text))
    except (etree.ParserError, ValueError):
        return []
    for element in doc.xpath("//script|//style|//noscript|//template|//head"):
        element.drop_tree()
    for element in doc.iter(*BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    return [" ".join(line.split()) for line in doc.text_content().split("\n") if line.strip()]


def _other_text(text: str, paragraphs: list[str]) -> str:
    """The page's visible text that is not in the article, line by line, in page order."""
    article = " ".join(" ".join(markdown_words(p)) for p in paragraphs)
    return "\n".join(line for line in _page_lines(text) if " ".join(markdown_words(line)) not in article)


def markdown_words(text: str) -> list[str]:
    return plain_text(text).split()


# How the article is extracted: chosen by cross-validation on the benchmark corpus (``bench/extraction.py --cv``:
# tuned on one half of the pages, measured on the other, both ways), never by its score on all of them.
STRATEGY = "precision"
STRATEGIES = ("precision", "balanced", "recall", "fallback-0.5", "fallback-0.7", "fallback-0.85")


def _trafilatura(source: str, mode: str) -> str:
    import trafilatura

    return trafilatura.extract(source, output_format="markdown", include_formatting=True, include_links=True,
                               include_images=False, include_tables=True, deduplicate=False,
                               favor_precision=mode == "precision", favor_recall=mode == "recall") or ""


def extract_markdown(source: str, strategy: str | None = None) -> str:
    """The article as Markdown: trafilatura in one mode, or ``fallback-T``: precision mode unless it keeps under
    T times the words of the balanced mode (it then dropped article text, not just clutter)."""
    strategy = strategy or STRATEGY
    if not strategy.startswith("fallback-"):
        return _trafilatura(source, strategy)
    precise = _trafilatura(source, "precision")
    balanced = _trafilatura(source, "balanced")
    return balanced if len(precise.split()) < float(strategy.removeprefix("fallback-")) * len(balanced.split()) else precise


def parse(text: str, path: str, sha256: str, fix: ExtractionOverride | None = None) -> Capture:
    if len(text) > MAX_HTML_CHARS:
        raise InputError(error(path, 1, 1, f"the page is over {MAX_HTML_CHARS // 1_000_000} million characters", "too-large"))
    source = _xml_safe(apply_selectors(text, fix) if fix else text)
    markdown = extract_markdown(source)
    if not markdown or not markdown.strip():
        raise InputError(error(path, 1, 1, "no article text found in the page", "no-body"))
    raw = [p for p in (_images(_strip_tags(p)) for p in split_paragraphs(markdown)) if p]
    if not raw:
        raise InputError(error(path, 1, 1, "no article text found in the page", "no-body"))
    meta = _metadata(text)
    headline = raw[0] if re.match(r"#{1,2} \S", raw[0]) and "\n" not in raw[0] else None
    meta.setdefault("title", plain_text(headline.lstrip("# ")) if headline else PurePosixPath(path).stem)
    if headline and len(raw) > 1 and " ".join(plain_text(headline.lstrip("# ")).split()) == meta["title"]:
        raw = raw[1:]  # the headline is the page's title (front-matter), not article text
    if fix:
        start, end = trim(raw, [plain_text(p) for p in raw], fix)
        raw = raw[start:end]
    paragraphs, repairs = repair_paragraphs([Block(i + 1, p) for i, p in enumerate(raw)], join=False)
    if not paragraphs:
        raise InputError(error(path, 1, 1, "no article text found in the page", "no-body"))
    images = _image_list(text)
    words = list(re.finditer(r"\w+", paragraphs[0]))
    if fix and words:
        repairs.append(Repair(0, words[0].start(), words[0].end(), RepairCode.EXTRACTION, literal_markdown(fix.reason)))
    if images and len(words) > (1 if fix else 0):
        word = words[1 if fix else 0]
        repairs.append(Repair(0, word.start(), word.end(), RepairCode.PAGE_IMAGES))
    repairs = _no_overlaps(repairs)
    other = _other_text(text, paragraphs)
    parts = (("Headline (it is this page's title)", headline if headline and headline not in raw else ""),
             ("Other text on the page", other), ("Images on the page", images))
    removed = [Removed(label, body) for label, body in parts if body]
    lang = HTML_LANG_RE.search(text[:20000])  # the line import's language warnings point to
    capture = make_capture(path, sha256, meta, paragraphs, repairs, removed)
    return dataclasses.replace(capture, language_line=text[:lang.start()].count("\n") + 1) if lang else capture


def _no_overlaps(repairs: list[Repair]) -> list[Repair]:
    result: list[Repair] = []
    for repair in sorted(repairs, key=lambda r: (r.paragraph, r.start, r.end)):
        if result and result[-1].paragraph == repair.paragraph and repair.start < result[-1].end:
            continue  # one note per place is enough
        result.append(repair)
    return result
