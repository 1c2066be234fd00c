"""Readings as EPUB 3 books: one reading (``--epub SLUG``) or the whole collection (``--epub``).

Data flow: each reading page --the site's own rendering (``checks.render.Renderer`` with the sanitiser: the HTML
the site publishes)--> elements --``pandoc_ast.Converter``--> pandoc's JSON AST: the byline and rights (from the
front-matter, as text), the page as the site shows it with each passage a span (``.annotation .kind``) carrying a
footnote whose text starts with its kind (and verdict), its References, then the corrections; then an appendix of
the context pages the readings link to, each with its anchor, so links inside the book stay inside it --pandoc
(pypandoc-binary, ``-f json``, ``--sandbox``)--> an EPUB whose stylesheet we put in --``scan_xhtml`` on every
chapter--> dist/<name>.epub.

Safe by construction: pandoc never reads a seed's or a contributor's text as Markdown or HTML, only ``Str`` nodes
and literal ``MetaString`` metadata; it may read no file and reach no network (``--sandbox``); the only images are
files the site publishes from docs/, handed over as ``data:`` addresses. Every chapter is then parsed as XML and
scanned; any problem fails the build and nothing is written.

Pandoc 3 writes EPUB 3 notes from footnotes (``epub:type="noteref"``/``"footnote"``,
``role="doc-noteref"``/``"doc-footnote"``); the book passes ``epubcheck`` and DAISY Ace, its package carrying the
schema.org accessibility metadata ``accessibility`` derives from the AST (pandoc writes it). Builds are byte-stable:
the modification date is the reading's review date (``SOURCE_DATE_EPOCH``), not the clock.
"""

from __future__ import annotations

import base64
import datetime as dt
import html as htmllib
import io
import itertools
import json
import os
import sys
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pypandoc

from generator.annotations.claimreview import shown_claimant, with_verdicts
from generator.checks.render import Renderer
from generator.document import correction_refs, read
from generator.document.direction import Languages, direction, languages
from generator.document.kinds import BY_NAME
from generator.document.page import Page, read_page
from generator.document.schema import EntityMeta, Rating, ReadingMeta
from generator.document.syntax import CONTEXT_HREF_RE, CONTEXT_LINK_RE, split_backlinks
from generator.document.text import long_date
from generator.errors import BuildError, InputError, Problem, error, warning
from generator.fsutil import atomic_write_bytes
from generator.outputs.base import Option
from generator.outputs.pandoc_ast import Converter, Node, attr, classes_of, clean, document, header, language_pairs, para, text
from generator.people import load as load_people
from generator.project import Project
from generator.site.direction import with_languages
from generator.site.scan import scan_xhtml
from generator.slug import SLUG_RE, slugify

STYLESHEET = Path(__file__).with_name("epub.css")
BOOK_STYLESHEET = "EPUB/styles/stylesheet1.css"  # pandoc's own, replaced by ours (--css reads a file: not in the sandbox)
PUBLISHER = "Annotated Readings"
# Identifiers in the book, each kind under its own prefix so none can repeat another (a reading whose slug is
# "context", a heading whose text is a slug): readings, context pages, other headings.
READING_ANCHOR = "reading-"
CONTEXT_ANCHOR = "ctx-"
HEADING_ANCHOR = "h-"
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}
MAX_IMAGE_BYTES = 5_000_000
# All of a book's images together: beyond it, an image shows its alt text (and the build says which).
MAX_BOOK_IMAGE_BYTES = 50_000_000


@dataclass(frozen=True)
class Chapter:
    slug: str
    page: Page
    meta: ReadingMeta


class _Pages:
    """What every page of the book shares: the site's renderer, the context pages in the book, the published images."""

    def __init__(self, project: Project, known: set[str]) -> None:
        self.project, self.known = project, known
        self.renderer = Renderer(project, sanitize=True)
        self.people, _problems = load_people(project)  # its problems are readings check's to report
        self._headings = itertools.count(1)
        # One data: address per image file however often it is shown (the book holds it once), and their total.
        self._images: dict[Path, str] = {}
        self._image_bytes = 0
        self.over_budget: list[Problem] = []  # images left out (their alt text shown) once the book's budget was spent

    def heading_id(self) -> str:
        return f"{HEADING_ANCHOR}{next(self._headings)}"

    def tree(self, body: str, ratings: Mapping[str, Rating] | None = None, authors: Sequence[str] = (),
             langs: Languages | None = None) -> lxml.html.HtmlElement:
        """The body as the site publishes it: rendered, then through the allowlist; a rated detached note shows its
        verdict in the "Detached notes" block as on the site (attached notes carry theirs in their footnote)."""
        html = self.renderer.render(body) or "<p></p>"
        if ratings:
            notes = read.page_notes(body)
            html = with_verdicts(html, {i: v for i, v in ratings.items() if i in notes and not notes[i].attached}, notes, authors)
        if langs is not None:  # the desk's blocks in the site's language, as on the site (site.direction)
            html = with_languages(html, langs)
        return lxml.html.fragment_fromstring(html, create_parent="div")

    def link(self, href: str) -> str | None:
        """A link to a context page in the book becomes its anchor; other links inside the site become text."""
        match = CONTEXT_HREF_RE.search(href.split("?", 1)[0])
        return f"#{CONTEXT_ANCHOR}{match.group(1)}" if match and match.group(1) in self.known else None

    def images(self, page: Path) -> Callable[[str], str | None]:
        """Images a page shows: files the site publishes from docs/ (no link out of it), as ``data:`` addresses."""
        docs = self.project.docs.resolve()

        def image(src: str) -> str | None:
            path_part = unquote(src.split("#", 1)[0].split("?", 1)[0])
            if not path_part or path_part.startswith(("/", "\\")) or ":" in path_part:
                return None
            candidate = page.parent / path_part
            try:
                resolved = candidate.resolve(strict=True)
            except (OSError, RuntimeError):
                return None
            mime = IMAGE_TYPES.get(resolved.suffix.lower())
            if (mime is None or not resolved.is_relative_to(docs) or candidate.is_symlink() or not resolved.is_file()
                    or resolved.stat().st_size > MAX_IMAGE_BYTES):
                return None
            if resolved in self._images:
                return self._images[resolved]
            size = resolved.stat().st_size
            if self._image_bytes + size > MAX_BOOK_IMAGE_BYTES:
                self.over_budget.append(warning(self.project.rel(page), 1, 1, f"image {src!r} left out (its alt text shown):"
                                                f" the book's images reached {MAX_BOOK_IMAGE_BYTES // 1_000_000} MB",
                                                "epub-image-budget"))
                return None
            self._image_bytes += size
            self._images[resolved] = f"data:{mime};base64," + base64.b64encode(resolved.read_bytes()).decode("ascii")
            return self._images[resolved]

        return image


def _note_label(kind: str, rating: Rating | None, authors: Sequence[str] = ()) -> str:
    """A footnote's label: the note's kind, and for a rated note its claimant (as the site shows it) and verdict."""
    label = BY_NAME[kind].label
    if rating is None:
        return f"{label}."
    claimant = shown_claimant(rating, authors)
    return f"{label} (claim by {claimant} · verdict: {rating.verdict})." if claimant else f"{label} (verdict: {rating.verdict})."


def _chapter(chapter: Chapter, pages: _Pages, level: int) -> list[Node]:
    page, meta = chapter.page, chapter.meta
    # Each chapter is a section in its reading's language and direction (pandoc puts the heading's lang and dir on the
    # chapter's section); what the desk wrote (byline words, notes, editorial blocks, corrections) is in the site's.
    langs = languages(meta.language, pages.project.config.language)
    text_pairs = [("lang", langs.text_lang), ("dir", langs.text_dir)]
    desk_pairs = [("lang", langs.desk_lang), ("dir", langs.desk_dir)]
    tree = pages.tree(page.body, meta.ratings, meta.authors, langs)
    converter = Converter(pages.link, pages.images(pages.project.reading_path(chapter.slug)), pages.heading_id)
    # The notes list the site prints after the article: each note becomes the footnote of its passage instead.
    notes: dict[str, list[Node]] = {}
    for section in tree.xpath('//section[contains(concat(" ", @class, " "), " annotation-notes ")]'):
        for item in section.iter("li"):
            ident = (item.get("id") or "").removeprefix("note-")
            kind = item.get("data-kind") or ""
            body = item.xpath('.//span[contains(concat(" ", @class, " "), " annotation-text ")]')
            if ident and kind in BY_NAME and body:
                label = _note_label(kind, meta.ratings.get(ident), meta.authors)
                written = converter.inlines(body[0])
                if body[0].get("lang"):  # a note in its own language ({lang=…}): its text says so, the label is the desk's
                    written = [{"t": "Span", "c": [attr("", (), language_pairs(body[0])), written]}]
                notes[ident] = [{"t": "Strong", "c": text(label)}, {"t": "Space"}, *written]
        section.drop_tree()
    note_pairs = desk_pairs if langs.mixed else []
    for legend in tree.xpath('//div[contains(concat(" ", @class, " "), " annotation-legend ")]'):
        legend.drop_tree()

    def annotation(element: lxml.html.HtmlElement) -> list[Node] | None:
        if element.tag != "span" or "annotated" not in classes_of(element):
            return None
        mark, link = element.find("mark"), element.find("sup/a")
        kind = mark.get("data-kind") if mark is not None else None
        ident = (link.get("href") or "").removeprefix("#note-") if link is not None else ""
        passage = converter.inlines(mark) if mark is not None else []
        out: list[Node] = [{"t": "Span", "c": [attr("", ["annotation", kind if kind in BY_NAME else "question"]), passage]}]
        if ident in notes:  # the footnote is the desk's: in the site's language, whatever the chapter's
            note = para(notes[ident])
            out.append({"t": "Note", "c": [{"t": "Div", "c": [attr("", (), note_pairs), [note]]} if note_pairs else note]})
        return out

    converter.special = annotation
    title = header(level, text(meta.title), f"{READING_ANCHOR}{chapter.slug}")
    title["c"][1] = attr(f"{READING_ANCHOR}{chapter.slug}", (), text_pairs)

    def isolated(value: str) -> Node:  # a value from the article in the desk's line: isolated, in the article's language
        return {"t": "Span", "c": [attr("", (), [("lang", langs.text_lang), ("dir", "auto")]), text(value)]}

    byline: list[list[Node]] = []
    if meta.authors:
        names: list[Node] = [*text("By"), {"t": "Space"}]
        for i, name in enumerate(meta.authors):
            names += ([{"t": "Str", "c": ","}, {"t": "Space"}] if i else []) + [isolated(name)]
        byline.append(names)
    if meta.publisher:
        byline.append([isolated(meta.publisher)])
    if meta.published:
        byline.append(text(long_date(meta.published.isoformat())))
    desk: list[Node] = []
    if byline:
        line: list[Node] = []
        for i, part in enumerate(byline):
            line += ([{"t": "Space"}, {"t": "Str", "c": "·"}, {"t": "Space"}] if i else []) + part
        desk.append(para([{"t": "Emph", "c": line}]))
    if meta.rights:
        rights = meta.rights + (f". {meta.permission}" if meta.permission else "")
        desk.append({"t": "Div", "c": [attr("", ["rights"], [("dir", "auto")]), [para(text(rights))]]})
    out = [title, *([{"t": "Div", "c": [attr("", (), desk_pairs), desk]}] if langs.mixed and desk else desk)]
    out += converter.blocks(tree)
    if meta.corrections:
        known = correction_refs.numbers(page)  # a [^id] in a correction reads "the note" (correction_refs.as_text)
        corrections = [header(level + 1, text("Corrections and updates"), pages.heading_id()),
                       {"t": "BulletList", "c": [[{"t": "Plain", "c": text(f"{long_date(c.date.isoformat())}:"
                                                                            f" {correction_refs.as_text(c.text, known)}")}]
                                                 for c in meta.corrections]}]
        if langs.mixed:
            corrections[0]["c"][1] = attr(str(corrections[0]["c"][1][0]), (), desk_pairs)
            corrections[1] = {"t": "Div", "c": [attr("", (), desk_pairs), [corrections[1]]]}
        out += corrections
    end = _chapter_end(meta, pages)
    out += [{"t": "Div", "c": [attr("", (), desk_pairs), end]}] if langs.mixed and end else end  # the desk's words
    return out


# The site's policy pages, linked from each chapter's end as the site links them from each reading's (absolute, at
# site_url: the book carries no copy of them).
POLICY_PAGES = (("How we annotate", "methodology/"), ("Corrections policy", "corrections/"), ("Who we are", "who-we-are/"))


def _link(label: str, url: str) -> list[Node]:
    return [{"t": "Link", "c": [attr(), text(label), [clean(url), ""]]}] if url else text(label)


def _chapter_end(meta: ReadingMeta, pages: _Pages) -> list[Node]:
    """What the site prints after a reading, as far as a book can carry it: who reviewed the notes and when (each
    reviewer linked to their entry on the published people page), and links to the policy pages. The "Report an error"
    links are left out: they prefill a form with the page's address, and a book is read away from the site."""
    out: list[Node] = []
    project = pages.project
    if meta.review and meta.review.status == "reviewed" and meta.review.date:
        line: list[Node] = text("Notes reviewed by ")
        for number, reviewer in enumerate(meta.review.by):
            person = pages.people.entries.get(reviewer)
            if number:
                line += text(", ")
            line += (_link(person.name, project.site_url(f"people/#{person.anchor}")) if person is not None
                     else text(reviewer))
        line += text(f" on {long_date(meta.review.date.isoformat())}.")
        out.append({"t": "Div", "c": [attr("", ["reading-review"]), [para(line)]]})
    if project.config.site_url:
        links: list[Node] = []
        for number, (label, path) in enumerate(POLICY_PAGES):
            links += (text(" · ") if number else []) + _link(label, project.site_url(path))
        out.append({"t": "Div", "c": [attr("", ["reading-policies"]), [para(links)]]})
    return out


def _appendix(pages: _Pages) -> list[Node]:
    """The context pages the book links to, each under its own anchor."""
    if not pages.known:
        return []
    out = [header(1, text("Context"), "context"),
           para(text("The people, places and organisations the notes link to, as the editors describe them."))]
    for slug in sorted(pages.known):
        path = pages.project.context_path(slug)
        page = read_page(path, pages.project.rel(path))
        meta, _problems = page.typed(EntityMeta)
        head, _section, tail = split_backlinks(page.body)
        tree = pages.tree(head + "\n\n" + tail)
        for title in tree.findall("h1")[:1]:
            title.drop_tree()  # the page's own title: the heading below says it
        out.append(header(2, text(meta.name), f"{CONTEXT_ANCHOR}{slug}"))
        if meta.as_of:
            out.append(para([{"t": "Emph", "c": text(f"Facts checked as of {long_date(meta.as_of.isoformat())}.")}]))
        out += Converter(pages.link, pages.images(path), pages.heading_id, shift=1).blocks(tree)  # its h2: h3 under its h2
    return out


def _linked_context(chapters: list[Chapter], project: Project) -> set[str]:
    found: set[str] = set()
    for chapter in chapters:
        found |= {m.group("slug") for m in CONTEXT_LINK_RE.finditer(chapter.page.body)}
        found |= {chapter.meta.about_source.page} if chapter.meta.about_source else set()
    # Context pages link to each other: one step is enough for a reader to follow a note's mention.
    for slug in list(found):
        path = project.context_path(slug)
        if path.is_file():
            found |= {m.group("slug") for m in CONTEXT_LINK_RE.finditer(path.read_text(encoding="utf-8"))}
    return {slug for slug in found if project.context_path(slug).is_file()}


def _date_of(chapters: list[Chapter]) -> dt.date:
    """The book's date: the latest review (or publication) date among its readings; never the clock."""
    dates = [c.meta.review.date for c in chapters if c.meta.review and c.meta.review.date]
    dates += [c.meta.published for c in chapters if c.meta.published]
    return max(dates) if dates else dt.date(2000, 1, 1)


def _image_alts(node: object) -> list[str]:
    """The alternative text of every image in the AST (an empty string for an image without one)."""
    if isinstance(node, list):
        return [alt for item in node for alt in _image_alts(item)]
    if not isinstance(node, dict):
        return []
    if node.get("t") == "Image":
        alt = node["c"][1]
        return ["".join(str(i.get("c", " ")) if i.get("t") == "Str" else " " for i in alt).strip()]
    return _image_alts(node.get("c"))


def accessibility(blocks: list[Node], readings: int, appendix: bool) -> dict[str, object]:
    """The book's schema.org accessibility metadata (pandoc writes it into the package), each value true of this book.

    No ``dcterms:conformsTo``: automated checks (epubcheck, DAISY Ace) pass, but nobody has evaluated the book against
    EPUB Accessibility and WCAG, and a conformance claim would say they had."""
    alts = _image_alts(blocks)
    described = all(alts)
    if not alts:
        images = "It has no images."
    elif described:
        images = "Every image has a text alternative."
    else:
        images = "Some images have no text alternative."
    what = "one annotated reading: the article's text" if readings == 1 else f"{readings} annotated readings: each article's text"
    context = "; the context pages the notes link to form an appendix" if appendix else ""
    summary = (f"This book holds {what} as published, then the editors' notes, each an EPUB footnote linked from the"
               " passage it annotates and starting with its kind in words (and its verdict, if it has one), so no note"
               " is told apart by colour alone. Headings, a table of contents and a reading order that follows the"
               f" text give structural navigation{context}. {images}")
    features = ["ARIA", "readingOrder", "structuralNavigation", "tableOfContents"]  # ARIA: the notes' doc-* roles
    return {"accessModes": ["textual", "visual"] if alts else ["textual"],
            "accessModeSufficient": ["textual" if described else "textual,visual"],
            "accessibilityFeatures": (["alternativeText"] if alts and described else []) + features,
            "accessibilityHazards": ["none"], "accessibilitySummary": summary}


def book(project: Project, chapters: list[Chapter], warnings: list[Problem] | None = None) -> dict[str, object]:
    """The book as pandoc's JSON AST: metadata and text as literal strings, nothing for pandoc to parse. Images left
    out over the book's budget are added to ``warnings``."""
    known = _linked_context(chapters, project)
    single = len(chapters) == 1
    # The book's language: its reading's for one reading, the site's for the collection (each chapter says its own);
    # a right-to-left one turns the pages right to left (pandoc: page-progression-direction on the spine).
    book_language = (chapters[0].meta.language or project.config.language) if single else project.config.language
    meta: dict[str, object] = {"lang": book_language, "dir": direction(book_language),
                               "page-progression-direction": direction(book_language), "publisher": PUBLISHER,
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
    pages = _Pages(project, known)
    blocks = [block for c in chapters for block in _chapter(c, pages, 1)] + _appendix(pages)
    if warnings is not None:
        warnings += pages.over_budget
    return document(meta | accessibility(blocks, len(chapters), bool(pages.known)), blocks)


def _finished(epub: bytes, shown: str) -> bytes:
    """Pandoc's EPUB with our stylesheet in place of its own, every chapter scanned; entries keep their order,
    dates and compression (the mimetype first and stored), so the result stays byte-stable."""
    problems: list[Problem] = []
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(epub)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        if BOOK_STYLESHEET not in names:
            raise BuildError([error(shown, 1, 1, f"pandoc wrote no {BOOK_STYLESHEET}", "epub-failed")])
        for info in source.infolist():
            data = STYLESHEET.read_bytes() if info.filename == BOOK_STYLESHEET else source.read(info)
            if info.filename.endswith((".xhtml", ".html", ".opf", ".ncx")):
                problems += scan_xhtml(data, f"{shown}!/{info.filename}")  # the entry in the book, as in a jar: URL
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.compress_type, copy.external_attr, copy.create_system = info.compress_type, info.external_attr, info.create_system
            target.writestr(copy, data)
    if problems:
        raise BuildError(problems)
    return out.getvalue()


def write_epub(project: Project, chapters: list[Chapter], target: Path) -> Path:
    warnings: list[Problem] = []
    ast = book(project, chapters, warnings)
    for problem in warnings:
        print(problem.format(), file=sys.stderr)
    date = str(ast["meta"]["date"]["c"])  # type: ignore[index]
    epoch = int(dt.datetime.combine(dt.date.fromisoformat(date), dt.time(12), tzinfo=dt.UTC).timestamp())
    with tempfile.TemporaryDirectory(prefix="readings-epub-") as tmp:
        out = Path(tmp) / "book.epub"
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)  # pypandoc runs pandoc with this process's environment
        try:
            # --sandbox: pandoc reads no file and fetches nothing while converting (images arrive as data: addresses).
            pypandoc.convert_text(json.dumps(ast, ensure_ascii=False), "epub3", format="json", outputfile=str(out),
                                  extra_args=["--sandbox", "--split-level=1", "--toc", "--toc-depth=1",
                                              "--epub-title-page=true", "--wrap=none"])
        except (RuntimeError, OSError) as exc:
            raise BuildError([error(project.rel(target), 1, 1, f"pandoc could not write the EPUB: {exc}", "epub-failed")]) from exc
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        atomic_write_bytes(target, _finished(out.read_bytes(), project.rel(target)))
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
