"""``readings fetch URL...``: pages from the web saved as seeds, with their capture records, then imported.

Resolve everything before writing anything: every address is fetched (several
at once, before the lock: the network is slow), each new or changed capture is
parsed as the importer will parse it, and a changed capture replaces the old
one only when git holds the old one. Only when nothing failed are the seeds
and their records written (atomically), then imported, with ``--update``
carrying every note onto a changed capture. If that import fails, the seeds
and records are put back as they were: a failed fetch leaves nothing behind.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import fetching
from generator.commands import import_, waiting
from generator.errors import InputError, Problem, ReadingsError, error
from generator.fetching import Download, FetchOptions
from generator.fsutil import atomic_write, atomic_write_bytes, read_inside, remove_stale_temporaries
from generator.importers import is_seed, parse_text, record
from generator.project import Project
from generator.reading.history import is_committed


@dataclass(frozen=True)
class FetchCommandOptions:
    urls: Sequence[str]
    fetch: FetchOptions
    no_import: bool = False  # only save the captures
    wait: float = 60.0


@dataclass(frozen=True)
class _Save:
    """One capture to write: where, what, and what was there before (for putting it back)."""

    seed: Path
    download: Download
    status: str  # "new" or "changed"
    old_seed: bytes | None
    old_record: str | None


def _known(project: Project) -> dict[str, Path]:
    """The seeds already fetched, by the addresses their records name (asked for and ended at)."""
    known: dict[str, Path] = {}
    if not project.seeds.is_dir():
        return known
    for seed in sorted(project.seeds.iterdir()):
        if not is_seed(seed):
            continue
        with contextlib.suppress(InputError):
            found = record.load(seed, project.rel(seed), project.seeds)
            if found:
                known.setdefault(found.requested_url, seed)
                known.setdefault(found.final_url, seed)
    return known


def _free_name(project: Project, name: str, taken: set[Path]) -> Path:
    """``name`` in seeds/, numbered ("-2", "-3"...) when a file (or a capture planned in this run) has it."""
    path = project.seeds / name
    stem, dot, extension = name.rpartition(".")
    number = 2
    while path in taken or path.exists() or record.record_path(path).exists():
        path = project.seeds / f"{stem}-{number}{dot}{extension}"
        number += 1
    return path


def _read(project: Project, path: Path) -> bytes | None:
    try:
        return read_inside(path, project.seeds, project.rel(path), "bad-seed-path")
    except FileNotFoundError:
        return None


def _plan(project: Project, urls: Sequence[str], downloads: list[Download]) -> tuple[list[_Save], list[str], list[Problem]]:
    """What to write for each download; the seeds left unchanged; the problems."""
    known = _known(project)
    saves: list[_Save] = []
    unchanged: list[str] = []
    problems: list[Problem] = []
    taken: set[Path] = set()
    for url, download in zip(urls, downloads, strict=True):
        seed = known.get(download.record.requested_url) or known.get(download.record.final_url)
        if seed is not None and seed in taken:
            continue  # two addresses that lead to one page: fetched once is enough
        if seed is None:
            seed = _free_name(project, fetching.seed_name(download.record.final_url, download.extension), taken)
        taken.add(seed)
        old = _read(project, seed)
        if old == download.body:
            unchanged.append(project.rel(seed))
            continue
        rel = project.rel(seed)
        if old is not None:
            committed = is_committed(project.root, [rel, rel + record.RECORD_SUFFIX])
            if not committed:
                where = ("commit it first, so git keeps the old capture" if committed is False else
                         "the project is not a git repository: move the old capture away first, so it is not lost")
                problems.append(error(rel, 1, 1, f"the page at {url} changed since it was captured, and replacing the capture"
                                      f" would lose the old one: {where}", "uncommitted-capture"))
                continue
        saves.append(_Save(seed, download, "changed" if old is not None else "new", old, _old_text(project, record.record_path(seed))))
    return saves, unchanged, problems


def _old_text(project: Project, path: Path) -> str | None:
    try:
        return read_inside(path, project.seeds, project.rel(path), "bad-record").decode("utf-8")
    except FileNotFoundError:
        return None


def _validate(project: Project, saves: list[_Save]) -> list[Problem]:
    """Each capture parsed as the importer will parse it: a page with no article is refused before it is saved."""
    problems: list[Problem] = []
    for save in saves:
        try:
            parse_text(save.download.body, project.rel(save.seed), save.download.record)
        except InputError as exc:
            problems += [error(save.download.record.requested_url, 1, 1, f"fetched, but {p.message}", p.code) for p in exc.problems]
    return problems


def _write(saves: list[_Save]) -> None:
    for save in saves:
        atomic_write_bytes(save.seed, save.download.body)
        atomic_write(record.record_path(save.seed), record.dumps(save.download.record))


def _put_back(saves: list[_Save]) -> None:
    """Undo ``_write``: each seed and record as it was before this run."""
    for save in saves:
        for path, old in ((save.seed, save.old_seed), (record.record_path(save.seed), save.old_record)):
            if old is None:
                path.unlink(missing_ok=True)
            elif isinstance(old, bytes):
                atomic_write_bytes(path, old)
            else:
                atomic_write(path, old)


def run(project: Project, options: FetchCommandOptions) -> int:
    urls = list(dict.fromkeys(u.strip() for u in options.urls))
    results = fetching.fetch_all(urls, options.fetch)
    problems = [r for r in results if isinstance(r, Problem)]
    if problems:
        raise InputError(problems)
    downloads = [r for r in results if isinstance(r, Download)]
    with project.lock(options.wait, waiting):
        remove_stale_temporaries(project.seeds)
        saves, unchanged, problems = _plan(project, urls, downloads)
        if not options.no_import:
            problems += _validate(project, saves)
        if problems:
            raise InputError(problems)
        for rel in unchanged:
            print(f"{rel}: unchanged (the page is byte for byte what was captured)")
        if not saves:
            return 0
        _write(saves)
        for save in saves:
            got = save.download.record
            size = len(save.download.body) / 1024
            print(f"{project.rel(save.seed)}: {save.status} capture of {got.final_url} ({size:.0f} KB, HTTP {got.status},"
                  f" retrieved {got.retrieved}); its record is {project.rel(record.record_path(save.seed))}")
        if options.no_import:
            return 0
        try:
            import_.import_seeds(project, import_.ImportOptions([project.rel(s.seed) for s in saves], update=True),
                                 [s.seed for s in saves])
        except ReadingsError:
            _put_back(saves)
            print("readings fetch: the import failed, so the captures were not kept", flush=True)
            raise
        except BaseException:
            _put_back(saves)
            raise
    return 0
