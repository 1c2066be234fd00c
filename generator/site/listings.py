"""Listing pages generated from the readings: the home page, theme and region pages, and the tags index. Pure.

Each listing is Markdown (so a Git host previews it too), paginated at
``PAGE_SIZE`` readings, newest first. ``site.generated`` gathers the readings'
facts (``ReadingInfo``) and writes what ``listings`` returns.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from generator.document.direction import languages
from generator.document.kinds import KIND_NAMES
from generator.document.syntax import GENERATED_MARK
from generator.document.text import long_date, md_escape, yaml_str
from generator.project import READINGS_DIR
from generator.site.direction import attributes
from generator.slug import slugify

FACETS = (("themes", "themes", "Themes"), ("regions", "regions", "Regions"))  # front-matter key, folder under docs/, label
LISTING_FOLDERS = tuple(folder for _key, folder, _label in FACETS)
HOME = "index.md"
TAGS = "tags.md"


@dataclass(frozen=True)
class ReadingInfo:
    """What a listing shows of one reading (cached per page by ``site.generated``)."""

    slug: str
    title: str
    authors: tuple[str, ...] = ()
    publisher: str = ""
    published: str = ""  # ISO date, or ""
    themes: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)  # annotations by kind
    language: str = ""  # the reading's language tag (checked front-matter), "" when it declares none

    def sort_key(self) -> tuple[str, str, str]:
        # Newest first, then by title: invert the ISO date's characters for descending order.
        return ("".join(chr(0x10FFFF - ord(c)) for c in self.published), self.title.lower(), self.slug)


def _labels(info: ReadingInfo, key: str) -> list[str]:
    return list(info.themes if key == "themes" else info.regions if key == "regions" else ())


def label_slug(name: str) -> str:
    """The listing page's name for a theme or region label. Labels that differ only in case or punctuation share
    one page; a label whose slug is a name the listings use themselves (``index``, ``<stem>-page-<n>``) gets
    ``-label`` added, so that it never overwrites the "All themes" page or another label's second page."""
    slug = slugify(name)
    return f"{slug}-label" if slug == "index" or re.fullmatch(r".+-page-[0-9]+", slug) else slug


def _groups(infos: list[ReadingInfo], key: str) -> dict[str, tuple[str, list[ReadingInfo]]]:
    """Readings by listing page: {page slug: (label shown, readings)}. The label shown is the spelling most readings
    use, ties broken by sort order, so the result does not depend on the order of the readings."""
    spellings: dict[str, dict[str, int]] = {}
    readings: dict[str, list[ReadingInfo]] = {}
    for info in infos:
        for name in _labels(info, key):
            slug = label_slug(name)
            spellings.setdefault(slug, {})[name] = spellings.get(slug, {}).get(name, 0) + 1
            if info not in readings.setdefault(slug, []):
                readings[slug].append(info)
    return {slug: (min(counts, key=lambda n: (-counts[n], n.lower(), n)), readings[slug]) for slug, counts in spellings.items()}


def _isolated(text: str, lang: str) -> str:
    """A value from a reading, in the listing's mixed-direction line: a ``<bdi>`` (its direction from its own
    text), in the reading's language when it is not the site's. ``text`` is Markdown-escaped already."""
    return f"<bdi{lang}>{text}</bdi>"


def _entry(info: ReadingInfo, prefix: str, site_language: str) -> str:
    """One reading in a listing; ``prefix`` leads from the listing page to docs/. A reading in another language than
    the site's has its title in its own language and direction, and each value of its byline isolated
    (``document.direction``); the listing's own words stay in the site's."""
    langs = languages(info.language, site_language)
    lang = attributes(langs.text_lang, langs.text_dir) if langs.mixed else ""
    value_lang = f' lang="{html.escape(langs.text_lang, quote=True)}"' if langs.mixed else ""
    byline = [", ".join(_isolated(md_escape(a), value_lang) for a in info.authors),
              _isolated(md_escape(info.publisher), value_lang) if info.publisher else "",
              long_date(info.published) if info.published else ""]
    title = f"**[{md_escape(info.title)}]({prefix}{READINGS_DIR}/{info.slug}.md)**"
    lines = [f"- <span{lang}>{title}</span>" if lang else f"- {title}"]
    if any(byline):
        lines.append("  " + " · ".join(b for b in byline if b))
    facets = []
    for key, folder, label in FACETS:
        names = _labels(info, key)
        if names:
            links = ", ".join(f"<bdi{value_lang}>[{md_escape(n)}]({prefix}{folder}/{label_slug(n)}.md)</bdi>" if value_lang
                              else f"[{md_escape(n)}]({prefix}{folder}/{label_slug(n)}.md)" for n in names)
            facets.append(f"The publisher's {label.lower()}: {links}")
    if facets:
        lines.append("  " + " · ".join(facets))
    total = sum(info.counts.values())
    if total:
        by_kind = ", ".join(f"{info.counts[k]} {k}" for k in KIND_NAMES if k in info.counts)
        lines.append(f"  Annotations: {total} ({by_kind})")
    else:
        lines.append("  Annotations: none yet")
    return "  \n".join(lines)


PAGE_SIZE = 100  # entries per listing page: keeps every HTML page well under 100 KB at any collection size


def _page(title: str, intro: str, entries: list[str], footer: str = "") -> str:
    body = "\n\n".join(entries) if entries else "No readings yet."
    tail = f"\n\n{footer}" if footer else ""
    return f"---\ntitle: {yaml_str(title)}\n---\n\n{GENERATED_MARK}\n\n# {md_escape(title)}\n\n{intro}\n\n{body}{tail}\n"


def _paged(rel: str, title: str, intro: str, infos: list[ReadingInfo], prefix: str, site_language: str) -> dict[str, str]:
    """A listing split into pages of PAGE_SIZE: ``rel``, then ``<stem>-page-2.md`` and so on, beside it."""
    folder, _, name = rel.rpartition("/")
    stem = name[:-3]
    count = max(1, -(-len(infos) // PAGE_SIZE))

    def page_name(k: int) -> str:
        return name if k == 1 else f"{stem}-page-{k}.md"

    pages = {}
    for k in range(1, count + 1):
        chunk = infos[(k - 1) * PAGE_SIZE:k * PAGE_SIZE]
        links = [f"[← Newer]({page_name(k - 1)})" if k > 1 else "", f"[Older →]({page_name(k + 1)})" if k < count else ""]
        footer = f"Page {k} of {count}. " + " · ".join(link for link in links if link) if count > 1 else ""
        heading = title if k == 1 else f"{title} (page {k})"
        pages[f"{folder}/{page_name(k)}".lstrip("/")] = _page(heading, intro, [_entry(i, prefix, site_language) for i in chunk], footer)
    return pages


def listings(infos: list[ReadingInfo], site_language: str = "en") -> dict[str, str]:
    """Every generated listing page, by path relative to docs/; ``site_language`` is ``theme.language``."""
    pages = _paged(HOME, "Annotated readings",
                   "Source articles reproduced faithfully, with editors' annotations and context notes."
                   " Browse by [theme](themes/index.md), [region](regions/index.md) or [tag](tags.md), newest first.", infos, "", site_language)
    tag_lines = []
    for key, folder, label in FACETS:
        groups = _groups(infos, key)
        ordered = sorted(groups, key=lambda slug: (groups[slug][0].lower(), groups[slug][0], slug))
        index = [f"- [{md_escape(groups[s][0])}]({s}.md) ({len(groups[s][1])})" for s in ordered]
        pages[f"{folder}/index.md"] = _page(label, f"Readings grouped by the source's own {key[:-1]} labels.", index)
        tag_lines += [f"## {label}", ""] + [f"- [{md_escape(groups[s][0])}]({folder}/{s}.md) ({len(groups[s][1])})" for s in ordered] + [""]
        for slug in ordered:
            name, members = groups[slug]
            pages.update(_paged(f"{folder}/{slug}.md", f"{label[:-1]}: {name}",
                                f"Readings the source labels '{md_escape(name)}'. [All {key}](index.md)", members, "../",
                                site_language))
    pages[TAGS] = (f"---\ntitle: {yaml_str('Tags')}\n---\n\n{GENERATED_MARK}\n\n# Tags\n\nEvery theme and region label, with the"
                        " number of readings that carry it.\n\n" + "\n".join(tag_lines).rstrip() + "\n")
    return pages
