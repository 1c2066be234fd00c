"""The generated pages: listings, the context index, the context pages' back-links, the Sources and Corrections
pages, the pages on how the desk works (methodology, who we are, the people: "Editors and reviewers") and the
readable copies of archived sources, computed then written.

Data flow: docs/readings/*.md --(per-page cache)--> ``ReadingInfo`` and context
``Reference`` lists --listings / backlinks--> every generated page's text, by
path under docs/ --write--> only the files that changed; generated pages no
longer wanted are removed. Everything is computed before anything is written.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from generator import bibliography as bibliography_file
from generator import people as people_file
from generator.bibliography import Bibliography
from generator.bibliography.archive import address_problem, file_stem, key_of, read_warc
from generator.bibliography.cite import cited_keys, configured_style
from generator.cache import Cache, stamp
from generator.context import backlinks, entities
from generator.document import correction_refs, read
from generator.document.page import read_page
from generator.document.schema import ReadingMeta
from generator.document.syntax import is_generated
from generator.errors import InputError, Problem, error
from generator.fsutil import atomic_write, read_here
from generator.people import PEOPLE_PAGE
from generator.project import ARCHIVED_PAGES_DIR, BIBLIOGRAPHY_NAME, CONTEXT_DIR, CONTEXT_INDEX, PEOPLE_NAME, READINGS_DIR, Project
from generator.site.archived import archive_links, readable_page
from generator.site.listings import HOME, LISTING_FOLDERS, TAGS, ReadingInfo, listings
from generator.site.people import people_page
from generator.site.policies import DISCLOSURE, METHODOLOGY, disclosure_page, methodology_page
from generator.site.sourcing import CORRECTIONS, SOURCES, Citing, Logged, corrections_page, sources_page

HOME_PAGES_PREFIX = HOME.removesuffix(".md") + "-page-"  # index-page-2.md ... beside the home page


def _info(project: Project, slug: str, rel: str) -> dict[str, Any]:
    """A reading's listing facts, as JSON for the cache."""
    page = read_page(project.reading_path(slug), rel)
    meta, _problems = page.typed(ReadingMeta)
    known = correction_refs.numbers(page)
    return {"title": meta.title or slug, "authors": list(meta.authors), "publisher": meta.publisher,
            "published": meta.published.isoformat() if meta.published else "", "themes": list(meta.themes),
            "regions": list(meta.regions), "language": meta.language, "counts": read.parse(page.body, page.body_line).counts(),
            "citations": [list(pair) for pair in cited_keys(page.body)],
            "corrections": [[c.date.isoformat(), correction_refs.as_markdown(c.text, known, f"{READINGS_DIR}/{slug}.md"), c.report]
                            for c in meta.corrections],
            "reviewers": list(meta.review.by) if meta.review and meta.review.status == "reviewed" else []}


def _from_json(slug: str, data: dict[str, Any]) -> ReadingInfo:
    return ReadingInfo(slug, str(data["title"]), tuple(data["authors"]), str(data["publisher"]), str(data["published"]),
                       tuple(data["themes"]), tuple(data["regions"]), {str(k): int(v) for k, v in data["counts"].items()},
                       str(data.get("language", "")))


def generated_pages(project: Project, cache: Cache | None = None) -> tuple[dict[str, str], list[Problem]]:
    """Every generated page and section, by path relative to docs/: listings, the context index, context back-links.

    What each reading contributes is cached (``cache.Cache``), so a collection of
    thousands is not re-read when one page changed. A caller that passes its
    cache saves it; otherwise it is saved here (hold the lock).
    """
    own = cache is None
    cache = Cache(project.cache_file) if cache is None else cache
    found, problems = entities.load(project)
    key = backlinks.fingerprint(found)
    infos: list[ReadingInfo] = []
    pairs: list[tuple[str, backlinks.Reference]] = []
    citing: dict[str, list[Citing]] = {}
    logged: list[Logged] = []
    signed: dict[str, list[tuple[str, str]]] = {}
    for path in project.reading_paths():
        rel, slug = project.rel(path), path.stem
        depends = [stamp(path)]

        def info(slug: str = slug, rel: str = rel) -> dict[str, Any]:
            return _info(project, slug, rel)

        def refs(slug: str = slug, rel: str = rel) -> list[list[Any]]:
            page = read_page(project.reading_path(slug), rel)
            return [[entity, asdict(ref)] for entity, ref in backlinks.page_references(slug, page, found)]

        data = cache.get("reading", rel, depends, info)
        infos.append(_from_json(slug, data))
        for note, cited in data["citations"]:
            citing.setdefault(str(cited), []).append(Citing(f"{READINGS_DIR}/{slug}.md", str(data["title"]), str(note)))
        for reviewer in data["reviewers"]:
            signed.setdefault(str(reviewer), []).append((slug, str(data["title"])))
        logged += [Logged(str(date), slug, str(data["title"]), str(text), str(rest[0]) if rest else "")
                   for date, text, *rest in data["corrections"]]
        pairs += [(str(entity), backlinks.Reference(**ref)) for entity, ref in cache.get("references", rel, [*depends, key], refs)]
    infos.sort(key=ReadingInfo.sort_key)
    pages = listings(infos, project.config.language)
    refs_by_entity = backlinks.gather(found, pairs)
    pages[f"{CONTEXT_DIR}/{CONTEXT_INDEX}"] = backlinks.index_page(found)
    for entity in found:
        for _note, cited in cited_keys(entity.body):
            citing.setdefault(cited, []).append(Citing(f"{CONTEXT_DIR}/{entity.slug}.md", entity.name))
    bibliography, _bibliography_problems = bibliography_file.load(project)
    copies, archive_problems = archived_pages(project, bibliography, cache)
    problems += archive_problems
    pages.update({archived_page(key): text for key, (_day, text) in copies.items()})
    links = {key: archive_links(entry, copies[key][0] if key in copies else None, archived_page(key))
             for key, entry in bibliography.entries.items()}
    pages[SOURCES] = sources_page(bibliography, citing, BIBLIOGRAPHY_NAME if project.bibliography_file.is_file() else "",
                                  configured_style(project.config.markdown_extensions), links)
    pages[CORRECTIONS] = corrections_page(logged)
    pages[METHODOLOGY] = methodology_page()
    pages[DISCLOSURE] = disclosure_page(project.config.publisher, project.config.repository, project.config.site_name)
    people, _people_problems = people_file.load(project)  # its problems are readings check's to report
    for readings_signed in signed.values():
        readings_signed.sort(key=lambda pair: (pair[1].lower(), pair[0]))
    pages[PEOPLE_PAGE] = people_page(people, signed, PEOPLE_NAME if project.people_file.is_file() else "")
    for entity in found:
        page_path = project.context_path(entity.slug)
        pages[project.docs_rel(page_path)] = backlinks.context_page_text(page_path.read_text(encoding="utf-8"), entity,
                                                                          refs_by_entity[entity.slug])
    if own:
        cache.save()
    return pages, problems


def archived_page(key: str) -> str:
    """The readable copy of an archived source, under docs/: a file name made safe from the key (``file_stem``)."""
    return f"{ARCHIVED_PAGES_DIR}/{file_stem(key)}.md"


def archived_pages(project: Project, bibliography: Bibliography,
                   cache: Cache) -> tuple[dict[str, tuple[str, str]], list[Problem]]:
    """key -> (capture day, readable copy page) for each WARC file of seeds/sources/ named after a bibliography entry
    (cached by the file's size and time); a WARC file that cannot be read, names no entry, or was captured from another
    address than its entry's ``URL``, is a located problem and no copy."""
    copies: dict[str, tuple[str, str]] = {}
    problems: list[Problem] = []
    folder = project.archives
    by_stem: dict[str, str] = {}
    for each in bibliography.entries:
        by_stem.setdefault(file_stem(each), each)  # (a clash is bibliography.archive.name_clashes' to report)
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        stem, rel = key_of(path), project.rel(path)
        if stem is None or not path.is_file():
            continue
        key = by_stem.get(stem, stem)
        entry = bibliography.entries.get(key)
        if entry is None:
            problems.append(error(rel, 1, 1, f"an archived copy of '{key}', which is not an entry of {bibliography.path}:"
                                  " rename the file after its entry's id (':' written '--'), or delete it", "unknown-source"))
            continue

        def page(path: Path = path, key: str = key, rel: str = rel) -> list[str]:
            try:
                archived = read_warc(read_here(path, rel, "bad-archive"), key, rel)
            except InputError as exc:
                return ["", exc.problems[0].message, exc.problems[0].code]  # (as JSON, for the cache)
            elsewhere = address_problem(bibliography.entries[key], archived, rel)
            if elsewhere is not None:  # another page's copy is never shown as this source's
                return ["", elsewhere.message, elsewhere.code]
            return [archived.capture.retrieved[:10], readable_page(bibliography.entries[key], archived, rel, f"../{SOURCES}"), ""]

        day, text, code = cache.get("archived", rel, [stamp(path), entry.title, str(entry.csl.get("URL", "")), key], page)
        if not day:
            problems.append(error(rel, 1, 1, str(text), str(code)))
            continue
        copies[key] = (str(day), str(text))
    return copies, problems


def _generated_files(project: Project) -> list[str]:
    """The files under docs/ that hold the generated mark, or sit where generated pages go."""
    docs = project.docs
    found = []
    for folder in (*LISTING_FOLDERS, CONTEXT_DIR, ARCHIVED_PAGES_DIR, "."):
        for path in sorted((docs / folder).glob("*.md")):
            rel = path.relative_to(docs).as_posix()
            if folder == "." and not rel.startswith(HOME_PAGES_PREFIX) and rel not in (HOME, TAGS, SOURCES, CORRECTIONS, METHODOLOGY,
                                                                                        DISCLOSURE, PEOPLE_PAGE):
                continue
            if is_generated(read_here(path, project.rel(path), "unreadable").decode("utf-8", "replace")):
                found.append(rel)
    return found


def stale_generated(project: Project, pages: dict[str, str]) -> list[str]:
    """Generated files that differ from ``pages`` (or are missing), and generated files no longer wanted."""
    docs = project.docs
    stale = [rel for rel, text in pages.items()
             if not (docs / rel).is_file() or read_here(docs / rel, project.rel(docs / rel), "unreadable").decode("utf-8", "replace") != text]
    return sorted(stale + [rel for rel in _generated_files(project) if rel not in pages])


def write_generated(project: Project, pages: dict[str, str]) -> list[str]:
    """Write the generated pages that changed; remove generated pages that are no longer wanted."""
    docs = project.docs
    written = [rel for rel, text in pages.items() if atomic_write(docs / rel, text)]
    for rel in _generated_files(project):
        if rel not in pages:
            (docs / rel).unlink()
    return written


def refresh(project: Project) -> list[Problem]:
    """Rewrite the generated pages (listings, context index and back-links) that changed (call with the lock held)."""
    pages, problems = generated_pages(project)
    write_generated(project, pages)
    return problems
