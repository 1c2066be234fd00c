"""``readings import``: seeds to reading pages, then the generated pages refreshed.

Resolve everything first (seeds parsed, existing pages read, every page
planned), write only when nothing failed: pages atomically, then the listings.
A seed given from outside ``seeds/`` is copied in first (and removed again if
the import fails).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.commands import report, waiting
from generator.context import entities as context_entities
from generator.document.capture import Capture
from generator.document.schema import unsafe_text
from generator.errors import InputError, Problem, RefusedError, error
from generator.fsutil import atomic_write, atomic_write_bytes, inside, read_here, read_inside, remove_stale_temporaries
from generator.importers import companions, has_override, is_seed, load_seed, parse_text, seed_of
from generator.project import Project
from generator.reading import plan
from generator.reading.history import GitHistory
from generator.reading.update import UpdateResult
from generator.site.generated import refresh

PROGRESS_MIN = 10  # seeds; fewer finish before a progress line would help


@dataclass(frozen=True)
class ImportOptions:
    seeds: Sequence[str]
    update: bool = False  # carry contributors' work onto changed seeds
    dry_run: bool = False  # print the diff, write nothing
    relink: bool = False  # also re-lay unchanged seeds' pages
    wait: float = 60.0  # seconds to wait for another writer


def _kind_of(path: Path) -> str:
    """"file", "folder", or why the path cannot be a seed (checked with lstat: links are not followed, FIFOs not opened)."""
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISLNK(mode):
        return "is a symbolic link: a seed must be the file itself, so its page points to what was captured"
    if stat.S_ISDIR(mode):
        return "folder"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a FIFO, a device or a socket): a seed is a saved capture"
    return "file"


def seed_files(project: Project, given: Sequence[str]) -> list[Path]:
    """The seed files named (folders expanded, hidden files skipped), relative to the project or to the current folder.

    Everything is checked before any lock is taken or any byte read: a named path that is a
    link, a FIFO or a device, or that does not exist, is an error.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for name in given:
        path = Path(name) if Path(name).is_absolute() else project.root / name
        if _kind_of(path).startswith("cannot") and _kind_of(Path.cwd() / name) in ("file", "folder"):
            path = Path.cwd() / name
        kind = _kind_of(path)
        entries = sorted(p for p in path.iterdir() if is_seed(p)) if kind == "folder" else [path]
        for entry in entries:
            why = _kind_of(entry) if entry is not path else kind
            if why == "file" and (seed := seed_of(entry)) is not None:
                files.append(seed)  # a capture record or an extraction override stands for its seed
            elif why == "file":
                files.append(entry)
            elif why != "folder" or entry is path:
                problems.append(error(entry.as_posix() if entry.is_absolute() and not entry.is_relative_to(project.root)
                                      else project.rel(entry.parent) + "/" + entry.name, 1, 1, f"the seed {why}", "bad-seed-path"))
    if problems:
        raise InputError(problems)
    return list(dict.fromkeys(files))  # a seed and its record both named: imported once


def _name_problem(rel: str) -> str | None:
    """Why a seed's path cannot be a page's ``source`` (it is printed in front-matter and listings)."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return "its file name is not valid UTF-8: rename the file"
    reason = unsafe_text(rel)
    return f"its path {reason}: rename the file" if reason else None


def _inside(project: Project, path: Path) -> bool:
    return path.resolve().is_relative_to(project.seeds.resolve())


def _copy_target(project: Project, path: Path, data: bytes, planned: set[Path]) -> Path:
    """Where a file from outside seeds/ goes: its own name (without leading dots: a hidden file is no seed), numbered
    when another file (other bytes) has it."""
    name = path.name.lstrip(".") or "seed"
    stem, suffix = Path(name).stem, Path(name).suffix
    target, number = project.seeds / name, 2
    while target in planned or (os.path.lexists(target) and (inside(target, project.seeds, len(data))
                                                            or read_inside(target, project.seeds, "", "") != data)):
        target, number = project.seeds / f"{stem}-{number}{suffix}", number + 1
    return target


def adopt(project: Project, files: list[Path], dry_run: bool) -> tuple[list[Path], dict[Path, Path], list[Path]]:
    """Seeds given from outside seeds/ (a download folder) are copied in, so the page can point to them.

    Returns the files to import, the originals still to be read for copies a dry run only planned, and the copies
    made (removed again if the import fails)."""
    result: list[Path] = []
    originals: dict[Path, Path] = {}
    created: list[Path] = []
    for path in files:
        if _inside(project, path):
            result.append(path)
            continue
        data = read_here(path, path.as_posix(), "bad-seed-path")
        target = _copy_target(project, path, data, set(result))
        if not target.exists():
            if dry_run:
                originals[target] = path
            else:
                atomic_write_bytes(target, data)
                created.append(target)
                for companion in companions(path):  # its capture record and extraction override come with it
                    copy = target.with_name(target.name + companion.name.removeprefix(path.name))
                    atomic_write_bytes(copy, read_here(companion, companion.as_posix(), "bad-seed-path"))
                    created.append(copy)
        print(f"{path.as_posix()}: {'would be ' if dry_run else ''}copied into the project as {project.rel(target)}"
              " (a seed lives in the project, so its page can point to it)")
        result.append(target)
    return result, originals, created


def _captures(project: Project, files: list[Path], relink: bool,
              originals: dict[Path, Path] | None = None) -> tuple[list[Capture], list[str], list[Problem]]:
    """Parse the seeds that changed; those whose bytes match their page's ``source_sha256`` are not parsed at all."""
    originals = originals or {}
    badly_named = [(p, why) for p in files if (why := _name_problem(project.rel(p)))]
    if badly_named:
        raise InputError([error(ascii(project.rel(p))[1:-1], 1, 1, f"the seed cannot be imported: {why}", "bad-seed-path")
                          for p, why in badly_named])
    known = plan.imported_sources(project.readings)
    progress = sys.stderr.isatty() and len(files) > PROGRESS_MIN
    captures: list[Capture] = []
    unchanged: list[str] = []
    problems: list[Problem] = []
    for number, path in enumerate(files, start=1):
        if progress:
            print(f"\rimporting {number}/{len(files)}: {path.name[:50]:<50}", end="", file=sys.stderr, flush=True)
        rel = project.rel(path)
        # Unchanged bytes need no parsing, unless an extraction override (which may have changed) applies to them.
        fresh = rel in known and path.is_file() and path not in originals and not has_override(path)
        try:
            if not relink and fresh and hashlib.sha256(read_inside(path, project.seeds, rel, "bad-seed-path")).hexdigest() == known[rel]:
                unchanged.append(rel)  # the page was made from exactly these bytes: nothing to parse
                continue
            captures.append(parse_text(read_here(originals[path], originals[path].as_posix(), "bad-seed-path"), rel)
                            if path in originals else load_seed(path, project.root))
        except InputError as exc:
            problems += exc.problems
    if progress:
        print(file=sys.stderr)
    return captures, unchanged, problems


def _print_update_report(shown: str, report: UpdateResult) -> None:
    counts = report.counts
    print(f"{shown}: notes {counts['kept']} kept in place, {counts['moved']} moved, {counts['text-changed']} text-changed,"
          f" {counts['detached']} detached")
    for ident in report.changed:
        print(f"{shown}: the passage of [^{ident}] changed its words: check that the note still fits")
    for item in report.detached:
        print(f"{shown}: detached [^{item.id}] (“{item.passage[:60]}”): {item.reason}; kept under 'Detached notes'")
    for message in report.messages:
        print(f"{shown}: {message}")


def _changed_meanwhile(action: plan.Action) -> bool:
    """The page is no longer what was read when the import was planned (someone saved it meanwhile)."""
    try:
        return action.path.read_text(encoding="utf-8") != action.old_text
    except FileNotFoundError:
        return action.old_text != ""
    except (OSError, UnicodeDecodeError):
        return True


def _write(project: Project, actions: list[plan.Action], dry_run: bool) -> int:
    """Write (or show, for a dry run) each action; returns how many files changed. A page saved by someone while
    the import ran is left as they saved it, and reported."""
    written = 0
    skipped: list[Problem] = []
    for action in actions:
        shown = project.rel(action.path)
        if not dry_run and action.status != "unchanged" and _changed_meanwhile(action):
            skipped.append(error(shown, 1, 1, "the page changed while this import ran: it was left as saved, and nothing"
                                 " was written to it; run the import again", "changed-meanwhile"))
            continue
        if dry_run:
            sys.stdout.writelines(difflib.unified_diff(action.old_text.splitlines(keepends=True), action.text.splitlines(keepends=True),
                                                       f"a/{shown}", f"b/{shown}"))
        elif action.status != "unchanged":
            written += atomic_write(action.path, action.text)
        print(f"{shown}: {action.status} (from {action.capture.source})" + (" [dry run: nothing written]" if dry_run else ""))
        if action.report and action.status != "unchanged":
            _print_update_report(shown, action.report)
    if skipped:
        raise RefusedError(skipped)
    return written


def import_seeds(project: Project, options: ImportOptions, files: list[Path], originals: dict[Path, Path] | None = None) -> int:
    """Plan every page, then write; raises ``InputError``/``RefusedError`` with every problem, having written nothing."""
    captures, unchanged, problems = _captures(project, files, options.relink, originals)
    found, read_problems = plan.existing(project, {c.source for c in captures})
    entities, context_problems = context_entities.load(project)
    actions, plan_problems = plan.plan(captures, found, entities, GitHistory(project.root), update=options.update or options.relink)
    problems += read_problems + [p for p in context_problems if p.is_error] + plan_problems
    # What a seed declares and the import overruled (a language tag that is none, one its text contradicts): one
    # located warning each, printed with the errors when the import stops, else before the pages are written.
    warnings = [w for capture in captures for w in capture.warnings]
    if problems:
        raise (RefusedError if any(p.code == "edited-page" for p in problems) else InputError)(problems + warnings)
    report(warnings)
    for rel in unchanged:
        print(f"{rel}: unchanged")
    _write(project, actions, options.dry_run)
    if not options.dry_run:
        # Always, so a run killed while refreshing is healed by the next one; only files that differ are written.
        refresh(project)
    return 0


def run(project: Project, options: ImportOptions) -> int:
    files = seed_files(project, options.seeds)  # before the lock: a FIFO must not hang a command that holds it
    if options.dry_run:
        files, originals, _ = adopt(project, files, dry_run=True)
        return import_seeds(project, options, files, originals)  # writes nothing: no lock needed
    with project.lock(options.wait, waiting):
        remove_stale_temporaries(project.docs)
        files, _, copies = adopt(project, files, dry_run=False)
        try:
            return import_seeds(project, options, files)
        except BaseException:
            for copy in copies:  # nothing half-done: a copy made for a failed import goes again
                copy.unlink(missing_ok=True)
            raise
