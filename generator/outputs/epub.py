"""Readings as EPUB 3 books: one reading (``--epub SLUG``) or the whole collection (``--epub``).

Data flow: each reading page --read--> its article paragraphs, passages, notes, editorial blocks
--> one Pandoc Markdown chapter: the byline, the editor's introduction, the article with each passage
a span (``.annotation .kind``) followed by a footnote whose text starts with its kind (and verdict),
citations written out by the CSL style, the References, the corrections, "Detached notes" and what the
capture removed (verbatim); then an appendix of the context pages the readings link to, each with its
anchor, so links inside the book stay inside it --pandoc (pypandoc-binary, EPUB 3)--> dist/<name>.epub.

Pandoc 3 writes EPUB 3 notes from Markdown footnotes (``epub:type="noteref"``/``"footnote"``,
``role="doc-noteref"``/``"doc-footnote"``); the book passes ``epubcheck``. Builds are byte-stable:
the modification date is the reading's review date (``SOURCE_DATE_EPOCH``), not the clock.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pypandoc
import yaml

from generator.annotations.w3c import cited_markdown
from generator.bibliography import Bibliography
from generator.bibliography import load as load_bibliography
from generator.bibliography.cite import Formatter, groups_in
from generator.document import read
from generator.document.kinds import BY_NAME
from generator.document.page import Page, read_page
from generator.document.schema import EntityMeta, ReadingMeta
from generator.document.syntax import (
    BACKLINKS_HEADING,
    CONTEXT_LINK_RE,
    DETACHED_TYPE,
    EDITORIAL_TYPE,
    MARK_RE,
    REMOVED_TYPE,
)
from generator.document.text import long_date, md_escape
from generator.errors import BuildError, InputError, error
from generator.fsutil import atomic_write_bytes, read_here
from generator.outputs.base import Option
from generator.project import Project
from generator.slug import SLUG_RE, slugify

STYLESHEET = Path(__file__).with_name("epub.css")
PUBLISHER = "Annotated Readings"
CONTEXT_ANCHOR = "ctx-"


@dataclass(frozen=True)
class Chapter:
    slug: str
    page: Page
    meta: ReadingMeta


def _link_target(slug: str, known: set[str]) -> str | None:
    return f"#{CONTEXT_ANCHOR}{slug}" if slug in known else None


def _relink(text: str, known: set[str]) -> str:
    """Links to context pages point inside the book; other relative links become plain text."""
    def context(match: re.Match[str]) -> str:
        target = _link_target(match.group("slug"), known)
        return f"[{match.group('text')}]({target})" if target else match.group("text")
    text = CONTEXT_LINK_RE.sub(context, text)
    return re.sub(r"(?<!!)\[([^\]\n]+)\]\((?!https?:|mailto:|#)[^)\n]*\)", r"\1", text)


def _html_to_markdown(fragment: str) -> str:
    """A formatted reference (citeproc's HTML) as Markdown: italics and web links kept, the rest as escaped text."""
    def convert(node: lxml.html.HtmlElement) -> str:
        parts = [md_escape(node.text or "")]
        for child in node:
            inner = convert(child)
            if child.tag in ("i", "em") and inner.strip():
                parts.append(f"*{inner}*")
            elif child.tag == "a" and (child.get("href") or "").startswith(("http://", "https://")):
                parts.append(f"[{inner}]({child.get('href')})")
            else:
                parts.append(inner)
            parts.append(md_escape(child.tail or ""))
        return "".join(parts)

    return " ".join(convert(lxml.html.fragment_fromstring(fragment, create_parent="div")).split())


def _block_body(text: str) -> str:
    """An admonition's content, dedented."""
    lines = text.split("\n")[1:]
    return "\n".join(line[4:] if line.startswith("    ") else line.lstrip() for line in lines).strip()


def _chapter(chapter: Chapter, known: set[str], bibliography: Bibliography | None, level: int) -> str:
    page, meta = chapter.page, chapter.meta
    doc = read.parse(page.body, page.body_line)
    kinds = {a.id: a.kind for a in doc.annotations}
    definitions = doc.notes()
    notes = cited_markdown({i: _relink(d.text, known) for i, d in definitions.items() if i in kinds}, bibliography)
    blocks = read.editorial_blocks(page.body)
    texts = cited_markdown({f"block-{n}": _relink(_block_body(b.text), known) for n, b in enumerate(blocks)
                            if b.type not in (REMOVED_TYPE, DETACHED_TYPE)}, bibliography)
    h = "#" * level
    out = [f"{h} {md_escape(meta.title)} {{#{chapter.slug}}}", ""]
    byline = []
    if meta.authors:
        byline.append("By " + ", ".join(md_escape(a) for a in meta.authors))
    if meta.publisher:
        byline.append(md_escape(meta.publisher))
    if meta.published:
        byline.append(long_date(meta.published.isoformat()))
    if byline:
        out += [f"*{' · '.join(byline)}*", ""]
    if meta.rights:
        out += [f"::: {{.rights}}\n{md_escape(meta.rights)}" + (f". {md_escape(meta.permission)}" if meta.permission else "") + "\n:::", ""]

    def block(number: int) -> list[str]:
        b = blocks[number]
        title = md_escape(b.title or BY_NAME.get(b.type, BY_NAME["context"]).label)
        return [f"::: {{.{b.type if b.type == EDITORIAL_TYPE else 'note'}}}", f"**{title}**", "", texts[f"block-{number}"], ":::", ""]

    paragraphs = read.raw_paragraphs(page.body)
    for index, (_line, raw) in enumerate(paragraphs):
        for number, b in enumerate(blocks):
            if b.before == index and b.type not in (REMOVED_TYPE, DETACHED_TYPE):
                out += block(number)
        text = MARK_RE.sub(lambda m: f"[{m.group('passage')}]{{.annotation .{kinds.get(m.group('id'), 'question')}}}[^{m.group('id')}]", raw)
        out += [_relink(text, known), ""]
    for number, b in enumerate(blocks):
        if b.before >= len(paragraphs) and b.type not in (REMOVED_TYPE, DETACHED_TYPE):
            out += block(number)
    for ident, text in notes.items():
        kind = BY_NAME[kinds[ident]]
        verdict = meta.ratings.get(ident)
        label = f"{kind.label} (verdict: {verdict})" if verdict else kind.label
        out += [f"[^{ident}]: **{label}.** {' '.join(text.split())}", ""]
    keys = [g for text in [d.text for d in definitions.values()] + [b.text for b in blocks] for g in groups_in(text)]
    if keys and bibliography is not None:
        formatter = Formatter(bibliography)
        for group in keys:
            formatter.register(group)
        _texts, references = formatter.render()
        out += [f"{h}# References", ""] + [f"- {_html_to_markdown(entry)}" for _anchor, entry in references] + [""]
    if meta.corrections:
        out += [f"{h}# Corrections and updates", ""]
        out += [f"- {long_date(c.date.isoformat())}: {md_escape(c.text)}" for c in meta.corrections] + [""]
    for b in blocks:
        if b.type == DETACHED_TYPE:
            out += [f"{h}# Detached notes", "", *(f"- {md_escape(item.passage)}: {md_escape(item.note)}"
                                                 for item in read.detached_items(b.text)), ""]
        elif b.type == REMOVED_TYPE:
            body = _block_body(b.text)
            out += [f"{h}# Removed from the capture", "", body, ""]
    return "\n".join(out)


def _appendix(project: Project, slugs: set[str], bibliography: Bibliography | None) -> str:
    """The context pages the book links to, each under its own anchor."""
    if not slugs:
        return ""
    pages = {}
    for slug in sorted(slugs):
        path = project.context_path(slug)
        if path.is_file():
            pages[slug] = read_page(path, project.rel(path))
    bodies = cited_markdown({slug: _relink(page.body.split(BACKLINKS_HEADING, 1)[0], set(pages)) for slug, page in pages.items()},
                            bibliography)
    out = ["# Context {#context}", "", "The people, places and organisations the notes link to, as the editors describe them.", ""]
    for slug, page in pages.items():
        meta, _problems = page.typed(EntityMeta)
        body = re.sub(r"^# .*\n", "", bodies[slug].strip() + "\n", count=1)  # the page's own title: the heading below says it
        out += [f"## {md_escape(meta.name)} {{#{CONTEXT_ANCHOR}{slug}}}", ""]
        if meta.as_of:
            out += [f"*Facts checked as of {long_date(meta.as_of.isoformat())}.*", ""]
        out += [re.sub(r"^(#+) ", r"##\1 ", body, flags=re.MULTILINE).strip(), ""]
    groups = [g for page in pages.values() for g in groups_in(page.body.split(BACKLINKS_HEADING, 1)[0])]
    if groups and bibliography is not None:
        formatter = Formatter(bibliography)
        for group in groups:
            formatter.register(group)
        _texts, references = formatter.render()
        out += ["## References {#context-references}", ""] + [f"- {_html_to_markdown(entry)}" for _anchor, entry in references] + [""]
    return "\n".join(out)


def _linked_context(chapters: list[Chapter], project: Project) -> set[str]:
    found: set[str] = set()
    for chapter in chapters:
        found |= {m.group("slug") for m in CONTEXT_LINK_RE.finditer(chapter.page.body)}
        found |= {chapter.meta.about_source.page} if chapter.meta.about_source else set()
    # Context pages link to each other: one step is enough for a reader to follow a note's mention.
    for slug in list(found):
        path = project.context_path(slug)
        if path.is_file():
            found |= {m.group("slug") for m in CONTEXT_LINK_RE.finditer(read_here(path, project.rel(path), "unreadable").decode("utf-8"))}
    return {slug for slug in found if project.context_path(slug).is_file()}


def _date_of(chapters: list[Chapter]) -> dt.date:
    """The book's date: the latest review (or publication) date among its readings; never the clock."""
    dates = [c.meta.review.date for c in chapters if c.meta.review and c.meta.review.date]
    dates += [c.meta.published for c in chapters if c.meta.published]
    return max(dates) if dates else dt.date(2000, 1, 1)


def book_markdown(project: Project, chapters: list[Chapter], bibliography: Bibliography | None) -> tuple[str, dict[str, object]]:
    """The book as Pandoc Markdown, and its metadata."""
    known = _linked_context(chapters, project)
    single = len(chapters) == 1
    meta: dict[str, object] = {"lang": (chapters[0].meta.language or "en") if single else "en", "publisher": PUBLISHER,
                               "date": _date_of(chapters).isoformat()}
    if single:
        first = chapters[0].meta
        meta["title"] = first.title
        meta["subtitle"] = "An annotated reading"
        meta["creator"] = [{"role": "aut", "text": a} for a in first.authors] + [{"role": "ann", "text": f"{PUBLISHER} editors"}]
        meta["rights"] = f"Article text: {first.rights or first.publisher or 'its publisher'}. Annotations: {PUBLISHER} editors."
        meta["identifier"] = [{"scheme": "URI", "text": project.reading_url(chapters[0].slug) or f"urn:annotated-readings:{chapters[0].slug}"}]
    else:
        meta["title"] = project.config.site_name
        meta["subtitle"] = "Annotated readings"
        meta["creator"] = [{"role": "ann", "text": f"{PUBLISHER} editors"}]
        meta["rights"] = "Each article's text belongs to its publisher, as its rights line says. Annotations: the editors."
        meta["identifier"] = [{"scheme": "URI", "text": project.config.site_url or "urn:annotated-readings:collection"}]
    level = 1
    parts = [_chapter(c, known, bibliography, level) for c in chapters]
    return "\n\n".join([*parts, _appendix(project, known, bibliography)]), meta


def _no_loads(node: object) -> object:
    """A Pandoc AST with nothing that pandoc's EPUB writer would read from disk or the network: an image becomes its
    description, raw HTML its text (an ``<img src=/etc/passwd>``, ``![x](/etc/passwd)`` or ``![x](http://…)`` in a
    page would otherwise be packed into the book)."""
    if isinstance(node, list):
        return [_no_loads(item) for item in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("t")
    if kind == "Image":
        return {"t": "Span", "c": [["", [], []], _no_loads(node["c"][1])]}
    if kind in ("RawInline", "RawBlock"):
        text = {"t": "Str", "c": str(node["c"][1])}
        return text if kind == "RawInline" else {"t": "Para", "c": [text]}
    return {key: _no_loads(value) for key, value in node.items()}


def write_epub(project: Project, chapters: list[Chapter], target: Path) -> Path:
    bibliography, _problems = load_bibliography(project)
    text, meta = book_markdown(project, chapters, bibliography)
    epoch = int(dt.datetime.combine(dt.date.fromisoformat(str(meta["date"])), dt.time(12), tzinfo=dt.UTC).timestamp())
    with tempfile.TemporaryDirectory(prefix="readings-epub-") as tmp:
        metadata = Path(tmp) / "metadata.yaml"
        metadata.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=True), encoding="utf-8")
        out = Path(tmp) / "book.epub"
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)  # pypandoc runs pandoc with this process's environment
        try:
            # Without "smart": the article's quotes, dashes and dots stay as the source wrote them (faithful text).
            ast = json.loads(pypandoc.convert_text(text, "json", format="markdown-implicit_figures-smart"))
            pypandoc.convert_text(json.dumps(_no_loads(ast)), "epub3", format="json", outputfile=str(out),
                                  extra_args=["--metadata-file", str(metadata), "--css", str(STYLESHEET), "--split-level=1",
                                              "--toc", "--toc-depth=1", "--epub-title-page=true", "--wrap=none"])
        except (RuntimeError, OSError) as exc:
            raise BuildError([error(project.rel(target), 1, 1, f"pandoc could not write the EPUB: {exc}", "epub-failed")]) from exc
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        atomic_write_bytes(target, out.read_bytes())
    return target


def _chapters(project: Project, slug: str | None) -> list[Chapter]:
    if slug:
        if not SLUG_RE.match(slug) or not project.reading_path(slug).is_file():
            raise InputError(error(project.rel(project.readings), 1, 1, f"no reading with the slug '{htmllib.escape(slug[:60])}'", "unknown-slug"))
        paths = [project.reading_path(slug)]
    else:
        paths = project.reading_paths()
    chapters = []
    for path in paths:
        page = read_page(path, project.rel(path))
        meta, _problems = page.typed(ReadingMeta)
        chapters.append(Chapter(path.stem, page, meta))
    if not chapters:
        raise InputError(error(project.rel(project.readings), 1, 1, "there is no reading to put in a book", "unknown-slug"))
    return sorted(chapters, key=lambda c: (c.meta.published or dt.date.min, c.slug), reverse=not slug)


class Epub:
    """``readings bundle --epub [SLUG]``: dist/SLUG.epub, or the whole collection as dist/<site>.epub."""

    name = "epub"
    option: Option | None = Option("--epub", "SLUG", "write dist/<SLUG>.epub (EPUB 3, notes as EPUB footnotes); without a"
                                   " slug, the whole collection as one book", optional_argument=True)
    help = "readings as EPUB 3 books"

    def build(self, project: Project, dist: Path, argument: str | None = None) -> Path:
        chapters = _chapters(project, argument or None)
        name = argument or slugify(project.config.site_name)
        return write_epub(project, chapters, dist / f"{name}.epub")


BUILDER = Epub()
