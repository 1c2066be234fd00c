"""``readings annotations export|import``: notes out as W3C Web Annotations, and in from Hypothesis or W3C files.

Export resolves and validates every reading's collection before writing any (JSON-LD expansion
against the vendored W3C context, each quote found once). Import reads the file, matches each
annotation to a reading by its address (or ``--reading``), places them all, checks each page it
would write, and only then writes, under the project's lock: a placed note joins its passage, one
that cannot be placed with confidence goes to "Detached notes" with its quote, replies and page
notes are listed; the counts are printed. Who wrote each note and when goes to ``note_origins``; the
verdicts of our own export go to ``ratings`` (a note already rated keeps its own). ``--dry-run`` prints the diff instead.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.annotations import w3c
from generator.annotations.importing import Placed, place
from generator.annotations.incoming import Incoming, read_document
from generator.annotations.publish import origins, site_of
from generator.annotations.text import plain
from generator.bibliography import load as load_bibliography
from generator.bibliography.cite import configured_style
from generator.cache import Cache
from generator.checks import check
from generator.checks.html import check_html
from generator.commands import waiting
from generator.context import entities as context_entities
from generator.document import read
from generator.document.addresses import normalised_address
from generator.document.page import Page, parse_page, read_page
from generator.document.schema import ReadingMeta
from generator.errors import InputError, Problem, error
from generator.fsutil import atomic_write
from generator.importers import load_seed
from generator.people import load as load_people
from generator.project import ANNOTATIONS_DIR, Project, SourceRefusedError
from generator.reading.update import check_result, update_page
from generator.site.generated import refresh
from generator.site.provenance import note_provenance
from generator.slug import SLUG_RE


def _slugs(project: Project, given: Sequence[str]) -> list[str]:
    slugs = list(given) or [p.stem for p in project.reading_paths()]
    bad = [s for s in slugs if not SLUG_RE.match(s) or not project.reading_path(s).is_file()]
    if bad:
        raise InputError([error(project.rel(project.readings), 1, 1, f"no reading with the slug '{s[:60]}'", "unknown-slug") for s in bad])
    return slugs


def export(project: Project, slugs: Sequence[str], out: Path) -> int:
    """Write one validated W3C AnnotationCollection per reading into ``out``, and our vocabulary beside them."""
    folder = out if out.is_absolute() else project.root / out
    provenance = note_provenance(project, Cache(project.cache_file))
    bibliography, _problems = load_bibliography(project)
    people, _people_problems = load_people(project)  # the same creators as the site's export
    vocabulary = project.site_url(f"{ANNOTATIONS_DIR}/{w3c.VOCABULARY_FILE}")
    written: dict[str, str] = {}
    problems: list[Problem] = []
    for slug in _slugs(project, slugs):
        path = project.reading_path(slug)
        page = read_page(path, project.rel(path))
        notes = provenance.get(project.docs_rel(path), {})
        data = w3c.collection(slug, page, site_of(project, slug), origins(page, notes, people, project.config.site_url), bibliography,
                              configured_style(project.config.markdown_extensions))
        problems += [error(page.path, 1, 1, f"the W3C export is not valid: {message}", "bad-export")
                     for message in w3c.validate(data, plain(read.locate(page.body).text).text)]
        written[slug] = w3c.dumps(data)
    if problems:
        raise InputError(problems)
    folder.mkdir(parents=True, exist_ok=True)
    for slug, text in written.items():
        atomic_write(folder / f"{slug}.jsonld", text)
        print(f"wrote {project.rel(folder / f'{slug}.jsonld')} ({json.loads(text)['total']} annotations)")
    atomic_write(folder / w3c.VOCABULARY_FILE, json.dumps(w3c.vocabulary(vocabulary), ensure_ascii=False, indent=1) + "\n")
    return 0


def _load(file: Path, shown: str) -> list[Incoming]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(error(shown, 1, 1, f"cannot read the file: {exc.strerror or exc}", "bad-annotations")) from exc
    except UnicodeDecodeError as exc:
        raise InputError(error(shown, 1, 1, "the file is not UTF-8 text", "bad-annotations")) from exc
    except json.JSONDecodeError as exc:
        raise InputError(error(shown, exc.lineno, exc.colno, f"not JSON: {exc.msg}", "bad-annotations")) from exc
    except (ValueError, RecursionError) as exc:  # a number of over 4,300 digits; arrays nested past the recursion limit
        raise InputError(error(shown, 1, 1, f"not JSON this tool reads: {exc}", "bad-annotations")) from exc
    incoming, problems = read_document(data, shown)
    if problems:
        raise InputError(problems)
    return incoming


def _addresses(project: Project) -> dict[str, str]:
    """Each reading's addresses (its article's, its page's) -> its slug."""
    out: dict[str, str] = {}
    for path in project.reading_paths():
        try:
            meta, _problems = read_page(path, project.rel(path)).typed(ReadingMeta)
        except InputError:
            continue
        for address in (meta.url, project.reading_url(path.stem), f"urn:annotated-readings:reading:{path.stem}"):
            if address:
                out[normalised_address(address)] = path.stem
    return out


def _seed_of(project: Project, page: Page, source: str) -> Path:
    """The seed the page's ``source`` names: only a file in seeds/ (``Project.seed_file``), else an error on its line."""
    try:
        return project.seed_file(source)
    except SourceRefusedError as exc:
        raise InputError(error(page.path, page.key_lines.get("source", 1), 1, str(exc), "bad-source")) from exc


def _with_origins(page: Page, placed: list[Placed]) -> Page:
    """The page with who wrote each new note recorded in ``note_origins`` (where the file says who and when), and the
    verdicts our own export carried back in ``ratings`` (a note already rated keeps its rating)."""
    known = dict(page.meta.get("note_origins") or {})
    raw = page.meta.get("ratings")
    ratings = dict(raw) if isinstance(raw, dict) else {}
    for item in placed:
        if item.status == "skipped":
            continue
        came = item.incoming
        if came.by and came.date:
            known[item.note_id] = {"by": came.by, "date": came.date, **({"via": came.via} if came.via else {}),
                                   **({"modified": came.modified} if came.modified else {}),
                                   **({"source_id": came.source_id} if came.source_id else {})}
        if came.verdict and item.note_id not in ratings:
            # in the schema's order (schema.RATING_KEYS); a claimant_type only with the claimant it types
            given = {"claimant": came.claimant, "claimant_type": came.claimant_type if came.claimant else "", "claim": came.claim,
                     "first_appearance": dict(came.first_appearance)}
            rating: dict[str, Any] = {"verdict": came.verdict, **{k: v for k, v in given.items() if v}}
            ratings[item.note_id] = rating if len(rating) > 1 else came.verdict
    meta = {**page.meta, **({"note_origins": known} if known else {}), **({"ratings": ratings} if ratings else {})}
    return dataclasses.replace(page, meta=meta) if meta != page.meta else page


def _report(shown: str, placed: list[Placed]) -> None:
    for item in placed:
        quote = " ".join(item.incoming.exact.split())[:60]
        if item.status == "placed":
            extra = " (widened to hold a link or emphasis whole)" if item.widened else ""
            print(f"{shown}: placed [^{item.note_id}] on “{quote}”{extra}")
        elif item.status == "detached":
            print(f"{shown}: detached [^{item.note_id}] (“{quote}”): {item.reason}; kept under 'Detached notes'")
        else:
            print(f"{shown}: skipped {item.incoming.key}: {item.reason}")


def import_annotations(project: Project, file: Path, reading: str | None, dry_run: bool, wait: float) -> int:
    """Place every annotation of ``file`` on its reading; write nothing unless every page is sound."""
    shown_file = file.as_posix()
    incoming = _load(file, shown_file)
    groups: dict[str, list[Incoming]] = {}
    unmatched: list[Incoming] = []
    if reading is not None:
        groups[_slugs(project, [reading])[0]] = incoming
    else:
        addresses = _addresses(project)
        for item in incoming:
            # The first target this project has a reading for (our export names the article's and the page's address).
            slug = next((addresses[a] for a in (normalised_address(u) for u in (item.uri, *item.other_uris)) if a in addresses), None)
            if slug is None:
                unmatched.append(item)
            else:
                groups.setdefault(slug, []).append(item)
    for item in unmatched:
        print(f"{shown_file}: skipped {item.key}: no reading has its address ({item.uri or 'none'}); name one with --reading")
    if not groups:
        raise InputError(error(shown_file, 1, 1, "no annotation in the file belongs to a reading of this project", "no-reading"))
    # A page that does not check is not rewritten: the rewrite would drop what check refuses (a comment, a
    # reference definition) without a word. Its problems are the refusal, one located line each.
    targets = [project.reading_path(slug) for slug in sorted(groups)]
    unsound = [p for p in check(targets, project) if p.is_error and p.path in {project.rel(t) for t in targets}]
    if unsound:
        raise InputError([dataclasses.replace(p, message=f"{p.message} (fix the page first: annotations import rewrites only"
                                              " a page that checks)") for p in unsound])
    entities, _problems = context_entities.load(project)
    bibliography, _problems = load_bibliography(project)
    pending: list[tuple[Path, str, str, list[Placed]]] = []
    for slug, items in sorted(groups.items()):
        path = project.reading_path(slug)
        shown = project.rel(path)
        old = path.read_text(encoding="utf-8")
        page = read_page(path, shown)
        meta, _problems = page.typed(ReadingMeta)
        capture = load_seed(_seed_of(project, page, meta.source), project.root)
        placed, notes, detached = place(items, page.body, bibliography,
                                        {origin.source_id for origin in meta.note_origins.values() if origin.source_id})
        result = update_page(_with_origins(page, placed), capture, capture, entities, meta.generated_sha256, notes, detached)
        check_result(result, capture, shown, page)
        # What the imported notes hold is checked as check will (their addresses above all): never written otherwise.
        refused = [p for p in check_html(parse_page(result.text, shown)) if p.is_error]
        if refused:
            raise InputError([dataclasses.replace(p, message=f"the imported notes would give the page: {p.message}; nothing"
                                                  " was written") for p in refused])
        pending.append((path, old, result.text, placed))
    counts = {"placed": 0, "detached": 0, "skipped": len(unmatched)}
    if not dry_run:
        with project.lock(wait, waiting):
            changed = [p for p, old, _new, _placed in pending if p.read_text(encoding="utf-8") != old]
            if changed:
                raise InputError([error(project.rel(p), 1, 1, "the page changed while the annotations were placed: nothing was"
                                        " written; run the import again", "changed-meanwhile") for p in changed])
            for path, _old, new, _placed in pending:
                atomic_write(path, new)
            refresh(project)
    for path, old, new, placed in pending:
        shown = project.rel(path)
        if dry_run:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"))
        _report(shown, placed)
        for outcome in placed:
            counts[outcome.status] += 1
    print(f"annotations: {counts['placed']} placed, {counts['detached']} detached (kept under 'Detached notes'),"
          f" {counts['skipped']} skipped" + (" [dry run: nothing written]" if dry_run else ""))
    return 0
